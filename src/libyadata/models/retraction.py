"""Retractions: records taken out of the dataset, and the tables they can be taken from.

Kept apart from ``tables``: the vocabulary of retractable tables is made from every other
table's model, so importing it defines them all, which reading any other table need not do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Self

from pydantic import Field, model_validator

from ..core import versions
from ..core.catalogue.record_problems import RETRACTION_TABLE
from .base import DocEnum, LongText, StrictModel, Text
from .tables import RETRACTABLE, RowOf, Table

_RETRACTED_DOC = "The table a retracted record was in (any published table but retractions itself)."

if TYPE_CHECKING:  # the members are made from the registry, which a type checker cannot run

    class RetractedTable(DocEnum):
        """The table a retracted record was in."""

else:
    RetractedTable = DocEnum(
        "RetractedTable",
        [(t.name.upper(), (t.name, f"{t.noun} ({t.id_prefix}-…).")) for t in RETRACTABLE],
        module=__name__,
    )
    RetractedTable.__doc__ = _RETRACTED_DOC

#: The id pattern of each table's rows, to check that an id belongs to the table named.
ID_PATTERNS: dict[str, str] = {t.name: t.id_form for t in RETRACTABLE}


def row_id_pattern(tables: Iterable[Table]) -> str:
    """Return the pattern of an id of a row of any of ``tables``: one alternative per table.

    A table added later adds an alternative, which the version rules read as a loosening (a
    minor change, ``versioning``), so the shape stays ``^(?:A|B|…)$`` whatever is added.
    """
    return rf"^(?:{'|'.join(t.id_form for t in tables)})$"


#: The id of a row of any retractable table: ``VIS-0004``, ``ACT-khalifa-haftar``, ``SEED-000``.
AnyRowId = Annotated[str, Field(pattern=row_id_pattern(RETRACTABLE)), RowOf(tuple(ID_PATTERNS))]
#: A release version, Semantic Versioning 2.0: ``0.2.0``, ``1.0.0-rc.1``.
Version = Annotated[str, Field(pattern=versions.PATTERN)]


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
    notes: LongText | None = Field(
        default=None, description="Anything a reader of this row should know."
    )

    @model_validator(mode="after")
    def _ids_belong_to_the_table(self) -> Self:
        pattern = ID_PATTERNS[self.table.value]
        for name in ("id", "replaced_by"):
            value = getattr(self, name)
            if value is not None and not re.fullmatch(pattern, value):
                raise RETRACTION_TABLE.error(key=name, value=value, table=self.table.value)
        return self
