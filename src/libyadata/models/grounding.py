"""How a value outside a quote is grounded: its basis, a note, and an external source."""

# Annotations stay objects (no __future__ import): pydantic need not compile them (issue 11).

import datetime as dt
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator

from ..core.catalogue.record_problems import (
    BASIS_RESOLVED_NOT_DATE,
    BASIS_VALUE_MISMATCH,
    NOTE_REQUIRED,
    SOURCE_REQUIRED,
    SOURCE_WITHOUT_EXTERNAL,
)
from .base import LongText, StrictModel, Text, Url
from .inputs import PlainDate
from .vocab import Basis


class ExternalSource(StrictModel):
    """Where a fact that is not in the seeds comes from."""

    citation: Text = Field(description="Who says it and where: publisher, title, date.")
    url: Url | None = Field(default=None, description="Address of the source, exactly as found.")
    accessed: Annotated[dt.date, PlainDate()] | None = Field(
        default=None, description="When the source was consulted."
    )


BasisField = Annotated[Basis, Field(description="How the value is known.")]
NoteField = Annotated[
    LongText | None,
    Field(description="How the value was resolved or inferred, or anything a reader should know."),
]
SourceField = Annotated[
    ExternalSource | None,
    Field(description="The source of a value whose basis is 'external'; empty otherwise."),
]


class Grounded(StrictModel):
    """Checks shared by every model that has ``basis``, ``note`` and ``source`` fields.

    Subclasses declare the three fields themselves (last, so that the value comes first in
    every table); the checks run on ``note`` and ``source`` once ``basis`` is known.
    """

    @field_validator("note", check_fields=False)
    @classmethod
    def _note_explains_reasoning(cls, note: str | None, info: ValidationInfo) -> str | None:
        basis = info.data.get("basis")
        if note is None and basis in (Basis.RESOLVED, Basis.INFERRED):
            raise NOTE_REQUIRED.error(basis=str(basis))
        return note

    @field_validator("source", check_fields=False)
    @classmethod
    def _source_matches_basis(
        cls, source: ExternalSource | None, info: ValidationInfo
    ) -> ExternalSource | None:
        basis = info.data.get("basis")
        if basis == Basis.EXTERNAL and source is None:
            raise SOURCE_REQUIRED.error()
        if basis is not None and basis != Basis.EXTERNAL and source is not None:
            raise SOURCE_WITHOUT_EXTERNAL.error(basis=str(basis))
        return source


class Attribution(Grounded):
    """A bibliographic value (title, author, publisher, URL) and how it is known."""

    value: Text | None = Field(default=None, description="The value; empty when unknown.")
    basis: BasisField
    note: NoteField = None
    source: SourceField = None

    @field_validator("basis")
    @classmethod
    def _unknown_iff_empty(cls, basis: Basis, info: ValidationInfo) -> Basis:
        if basis == Basis.RESOLVED:
            raise BASIS_RESOLVED_NOT_DATE.error()
        has_value = info.data.get("value") is not None
        if has_value == (basis == Basis.UNKNOWN):
            raise BASIS_VALUE_MISMATCH.error(
                basis=str(basis), state="given" if has_value else "empty"
            )
        return basis
