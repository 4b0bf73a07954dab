"""Partial and uncertain dates, as sources give them, with their bounds and basis."""

# Annotations stay objects (no __future__ import): pydantic need not compile them (issue 11).

import datetime as dt
import re
from functools import lru_cache
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..core.catalogue.record_problems import (
    DATE_BASIS_UNKNOWN,
    DATE_BOUNDS,
    DATE_INVALID,
    DATE_ORDER,
    DATE_PRECISION,
    DATE_RANGE_UNBOUNDED,
    DATE_VALUE_IN_RANGE,
)
from .grounding import BasisField, Grounded, NoteField, SourceField
from .inputs import PlainDate
from .vocab import Basis, Precision

_VALUE_FORMS = {
    Precision.YEAR: re.compile(r"^[0-9]{4}$"),
    Precision.MONTH: re.compile(r"^[0-9]{4}-[0-9]{2}$"),
    Precision.DAY: re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
}

#: A calendar date reduced to day, month or year precision (ISO 8601: ``YYYY[-MM[-DD]]``).
PartialIso = Annotated[str, Field(pattern=r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"), PlainDate()]
#: A calendar day, ``YYYY-MM-DD`` in ASCII digits and with no time of day.
Day = Annotated[dt.date, PlainDate()]


@lru_cache(maxsize=8192)  # the same few thousand dates recur across a large dataset
def bounds_of(value: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day covered by a partial ISO date such as ``2023-09``.

    Raises ``ValueError`` for a value that is not a real calendar date.
    """
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        first = dt.date(year, month, 1)
        if month == 12:
            return first, dt.date(year, 12, 31)
        # The day before the first of next month (calendar would load locale, slowly).
        return first, dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    day = dt.date(parts[0], parts[1], parts[2])
    return day, day


class FuzzyDate(Grounded):
    """A date known to a day, a month, a year, or only within a range.

    For day, month and year precision, ``value`` holds the date as far as it is known and
    ``earliest``/``latest`` are the first and last day it covers (filled in when omitted).
    For a range, ``value`` is empty and at least one bound is given.
    """

    precision: Precision = Field(description="How precisely the date is known.")
    value: PartialIso | None = Field(
        default=None,
        description="The date to the known precision: YYYY-MM-DD, YYYY-MM or YYYY; "
        "empty for a range.",
    )
    earliest: Day | None = Field(
        default=None, description="First day the date can be (inclusive); empty if open."
    )
    latest: Day | None = Field(
        default=None, description="Last day the date can be (inclusive); empty if open."
    )
    basis: BasisField
    note: NoteField = None
    source: SourceField = None

    @field_validator("basis")
    @classmethod
    def _basis_is_known(cls, basis: Basis) -> Basis:
        if basis == Basis.UNKNOWN:
            raise DATE_BASIS_UNKNOWN.error()
        return basis

    @model_validator(mode="before")
    @classmethod
    def _fill_bounds(cls, data: Any) -> Any:
        # Curators write only the value; the bounds follow from it and are stored for filtering.
        if not isinstance(data, dict):
            return data
        if isinstance(data.get("value"), dt.date):
            # Most YAML readers (not ours) turn `value: 2023-09-28` into a date. A number
            # (`value: 2023`) is not read as one: the field refuses it as `date-as-number`.
            data = {**data, "value": data["value"].isoformat()}
        if not isinstance(data.get("value"), str):
            return data
        try:
            first, last = bounds_of(data["value"])
        except ValueError:
            return data  # the value validator reports it with the field name
        # Only bounds left empty are filled; every other key stays as given, so the fields set
        # are those written (and a record read back from its JSON is the record dumped).
        return {"earliest": first, "latest": last} | {
            key: item
            for key, item in data.items()
            if item is not None or key not in ("earliest", "latest")
        }

    @field_validator("value")
    @classmethod
    def _value_matches_precision(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            try:
                bounds_of(value)
            except ValueError:
                raise DATE_INVALID.error(value=value) from None
        precision = info.data.get("precision")
        if precision is None:
            return value
        if precision == Precision.RANGE:
            if value is not None:
                raise DATE_VALUE_IN_RANGE.error()
            return value
        form = _VALUE_FORMS[precision]
        if value is None or not form.match(value):
            raise DATE_PRECISION.error(
                precision=str(precision), form=_FORM_HINT[precision], value=value
            )
        return value

    @field_validator("latest")
    @classmethod
    def _bounds_are_consistent(cls, latest: dt.date | None, info: ValidationInfo) -> dt.date | None:
        earliest = info.data.get("earliest")
        value = info.data.get("value")  # absent when the value itself failed validation
        if value is not None:
            first, last = bounds_of(value)
            if (earliest, latest) != (first, last):
                raise DATE_BOUNDS.error(first=str(first), last=str(last), value=value)
        elif info.data.get("precision") == Precision.RANGE and earliest is None and latest is None:
            raise DATE_RANGE_UNBOUNDED.error()
        if earliest is not None and latest is not None and earliest > latest:
            raise DATE_ORDER.error(earliest=str(earliest), latest=str(latest))
        return latest

    def span_days(self) -> int | None:
        """Return how many days the date could fall on, or ``None`` if a bound is open."""
        if self.earliest is None or self.latest is None:
            return None
        return (self.latest - self.earliest).days + 1

    def _within_one_month(self) -> bool:
        return (
            self.earliest is not None
            and self.latest is not None
            and (self.earliest.year, self.earliest.month) == (self.latest.year, self.latest.month)
        )

    def acled_time_precision(self) -> int | None:
        """Map to ACLED's ``time_precision``: 1 day, 2 within a week, 3 within a month.

        A range of up to seven days gives 2; a longer range inside one calendar month gives 3.
        ACLED codes events only to a day, a week or a month, so a date known only to a year, a
        range across months, or an open range gives ``None``.
        """
        days = self.span_days()
        if days is None:
            return None
        if days == 1:
            return 1
        if days <= 7:
            return 2
        return 3 if self._within_one_month() else None

    def ucdp_date_prec(self) -> int | None:
        """Map to UCDP GED's ``date_prec``.

        1 exact day; 2 within 2-6 days; 3 within a week; 4 within 8-30 days or one calendar
        month; 5 within 31-366 days or only the year. A wider or open range gives ``None``.
        """
        days = self.span_days()
        if days is None:
            return None
        for limit, code in ((1, 1), (6, 2), (7, 3), (30, 4)):
            if days <= limit:
                return code
        if self._within_one_month():
            return 4
        return 5 if days <= 366 else None


_FORM_HINT = {Precision.YEAR: "YYYY", Precision.MONTH: "YYYY-MM", Precision.DAY: "YYYY-MM-DD"}
