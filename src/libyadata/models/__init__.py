"""Typed models of the dataset: record kinds, reference tables, their parts, and the registry.

The lowest stage after ``core``: pydantic models, their vocabularies, and ``tables``, which
says what makes each table. May import ``core`` only.
"""

from .base import DocEnum, References, StrictModel
from .dates import FuzzyDate
from .evidence import Claimant, Evidence, NameInSeed, RoleInSeed
from .exclusion import CoverageExclusion
from .grounding import Attribution, ExternalSource
from .quantity import Quantity
from .records import Agreement, Base, Deployment, MigrationFigure, Record, Visit
from .reference import Actor, GazetteerEntry, Place, Seed
from .tables import RetractedTable, Retraction

__all__ = [
    "Actor",
    "Agreement",
    "Attribution",
    "Base",
    "Claimant",
    "CoverageExclusion",
    "Deployment",
    "DocEnum",
    "Evidence",
    "ExternalSource",
    "FuzzyDate",
    "GazetteerEntry",
    "MigrationFigure",
    "NameInSeed",
    "Place",
    "Quantity",
    "Record",
    "References",
    "RetractedTable",
    "Retraction",
    "RoleInSeed",
    "Seed",
    "StrictModel",
    "Visit",
]
