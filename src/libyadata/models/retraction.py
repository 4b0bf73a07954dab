"""Retractions: a record that leaves the dataset is listed here, never removed silently.

A retracted id stays retracted: ids are never reused, so a retraction is never deleted, and
the retracted id must not come back as a live record (``libyadata validate`` checks this).
"""

from __future__ import annotations

import re
from typing import Annotated, Self

from pydantic import Field, model_validator

from ..core.catalogue import RETRACTION_TABLE
from .base import ID_FORMS, DocEnum, StrictModel, Text


class RetractedTable(DocEnum):
    """The table a retracted record was in (any published table but retractions itself)."""

    SEEDS = "seeds", "A seed text (SEED-…)."
    ACTORS = "actors", "An actor (ACT-…)."
    PLACES = "places", "A place (PLC-…)."
    VISITS = "visits", "A visit (VIS-…)."
    DEPLOYMENTS = "deployments", "A deployment (DEP-…)."
    BASES = "bases", "A base relation (BAS-…)."
    AGREEMENTS = "agreements", "An agreement (AGR-…)."
    MIGRATION_FIGURES = "migration_figures", "A migration figure (MIG-…)."


#: The id pattern of each table's rows, to check that an id belongs to the table named.
ID_PATTERNS: dict[RetractedTable, str] = {
    member: ID_FORMS[member.value] for member in RetractedTable
}

#: The id of a row of any retractable table: ``VIS-0004``, ``ACT-khalifa-haftar``, ``SEED-000``.
AnyRowId = Annotated[str, Field(pattern=rf"^(?:{'|'.join(ID_PATTERNS.values())})$")]
#: A release version, Semantic Versioning 2.0: ``0.2.0``, ``1.0.0-rc.1``.
Version = Annotated[
    str,
    Field(
        pattern=r"^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)"
        r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
    ),
]


class Retraction(StrictModel):
    """A record taken out of the dataset: which, why, what replaces it and since when."""

    id: AnyRowId = Field(
        description="Id of the retracted record; it is never reused and never comes back."
    )
    table: RetractedTable = Field(description="The table the record was in.")
    reason: Text = Field(
        description="Why it was retracted, for readers of the changelog: 'duplicate of "
        "VIS-0019', 'the seed reports a plan, not a visit'."
    )
    replaced_by: AnyRowId | None = Field(
        default=None,
        description="Id of the live record of the same table that replaces it, if any.",
    )
    retracted_in: Version = Field(
        description="The first release version without the record (Semantic Versioning)."
    )
    notes: Text | None = Field(
        default=None, description="Anything a reader of this row should know."
    )

    @model_validator(mode="after")
    def _ids_belong_to_the_table(self) -> Self:
        pattern = ID_PATTERNS[self.table]
        for name in ("id", "replaced_by"):
            value = getattr(self, name)
            if value is not None and not re.fullmatch(pattern, value):
                raise RETRACTION_TABLE.error(key=name, value=value, table=self.table.value)
        return self
