"""Typed models of the dataset: record kinds, reference tables and their parts."""

from .base import DocEnum, References, StrictModel
from .coverage import CoverageExclusion
from .dates import FuzzyDate
from .evidence import Evidence, NameInSeed, RoleInSeed
from .grounding import Attribution, ExternalSource
from .quantity import Quantity
from .records import Agreement, Base, Deployment, MigrationFigure, Record, Visit
from .reference import Actor, GazetteerEntry, Place, Seed
from .retraction import RetractedTable, Retraction

__all__ = [
    "Actor",
    "Agreement",
    "Attribution",
    "Base",
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
