"""Typed models of the dataset: record kinds, reference tables, their parts, and the registry.

The lowest stage after ``core``: pydantic models, their vocabularies, and ``tables``, which
says what makes each table. May import ``core`` only.

Each name below is imported from its module the first time it is used, so that reading one
table (``libyadata.load("visits")``) defines only the models that table needs.
"""

from typing import TYPE_CHECKING

from ..core.lazy import exports as _exports

if TYPE_CHECKING:
    from .base import DocEnum, References, StrictModel
    from .dates import FuzzyDate
    from .evidence import Claimant, Evidence, NameInSeed, RoleInSeed
    from .exclusion import CoverageExclusion
    from .grounding import Attribution, ExternalSource
    from .quantity import Quantity
    from .records import Agreement, Base, Deployment, MigrationFigure, Record, Visit
    from .reference import Actor, GazetteerEntry, Place, Seed
    from .retraction import RetractedTable, Retraction

#: The module each name is imported from.
_HOMES: dict[str, str] = {
    **dict.fromkeys(("DocEnum", "References", "StrictModel"), ".base"),
    "FuzzyDate": ".dates",
    **dict.fromkeys(("Claimant", "Evidence", "NameInSeed", "RoleInSeed"), ".evidence"),
    "CoverageExclusion": ".exclusion",
    **dict.fromkeys(("Attribution", "ExternalSource"), ".grounding"),
    "Quantity": ".quantity",
    **dict.fromkeys(
        ("Agreement", "Base", "Deployment", "MigrationFigure", "Record", "Visit"), ".records"
    ),
    **dict.fromkeys(("Actor", "GazetteerEntry", "Place", "Seed"), ".reference"),
    **dict.fromkeys(("RetractedTable", "Retraction"), ".retraction"),
}

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

__getattr__, __dir__ = _exports(__name__, _HOMES, __all__)
