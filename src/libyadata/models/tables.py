"""The registry of tables: one line per table ties a name to its model and its source file.

Adding a record kind means writing its model and adding one ``Table`` here; schemas, the
codebook, loading and validation all read this list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import (
    Actor,
    Agreement,
    Base,
    Deployment,
    MigrationFigure,
    Place,
    Retraction,
    Seed,
    StrictModel,
    Visit,
)


@dataclass(frozen=True)
class Table:
    """A top-level table of the dataset."""

    name: str
    """Table (resource) name, plural: ``visits``."""
    row: str
    """What one row is, singular: ``visit``; names the key column of child tables."""
    model: type[StrictModel]
    """The pydantic model of one row."""
    source: str
    """Path of the curated file, relative to the project root."""
    title: str
    """Human title for the data package and the codebook."""


TABLES: tuple[Table, ...] = (
    Table("seeds", "seed", Seed, "seeds/sources.yaml", "Seed texts"),
    Table("actors", "actor", Actor, "datasets/actors.yaml", "Actors"),
    Table("places", "place", Place, "datasets/places.yaml", "Places"),
    Table("visits", "visit", Visit, "datasets/visits.yaml", "Visits"),
    Table("deployments", "deployment", Deployment, "datasets/deployments.yaml", "Deployments"),
    Table("bases", "base", Base, "datasets/bases.yaml", "Bases"),
    Table("agreements", "agreement", Agreement, "datasets/agreements.yaml", "Agreements"),
    Table(
        "migration_figures",
        "migration_figure",
        MigrationFigure,
        "datasets/migration_figures.yaml",
        "Migration figures",
    ),
    Table("retractions", "retraction", Retraction, "datasets/retractions.yaml", "Retractions"),
)


def table(name: str) -> Table:
    """Return the table called ``name``; raise ``KeyError`` naming the known tables otherwise."""
    for candidate in TABLES:
        if candidate.name == name:
            return candidate
    known = ", ".join(t.name for t in TABLES)
    raise KeyError(f"no table {name!r}; the tables are: {known}")


def id_order(record_id: str) -> tuple[Any, ...]:
    """Return the sort key of a record id: records of a table are listed in this order."""
    # VIS-10000 sorts after VIS-9999: digit runs compare as numbers.
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", record_id))
