"""Breaks of the rules the models check across fields, each with the code it must get."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy
from pydantic import BaseModel

from ..core.catalogue.record_problems import (
    BASIS_RESOLVED_NOT_DATE,
    BASIS_VALUE_MISMATCH,
    BLANK_REASON,
    COORDINATES_INCOMPLETE,
    DATE_AS_NUMBER,
    DATE_BASIS_UNKNOWN,
    DATE_BOUNDS,
    DATE_INVALID,
    DATE_ORDER,
    DATE_PRECISION,
    DATE_VALUE_IN_RANGE,
    DATE_WITH_TIME,
    DUPLICATE_ITEM,
    FORMULA_TEXT,
    INTEGER_FORM,
    INVISIBLE_CHARACTER,
    NON_ASCII_DIGIT,
    NOTE_REQUIRED,
    NUMBER_FORM,
    PUBLICATION_DATE,
    QUANTITY_EMPTY,
    QUANTITY_ORDER,
    QUANTITY_RANGE,
    RETRACTION_TABLE,
    REVIEW_INCOMPLETE,
    SOURCE_REQUIRED,
    SOURCE_WITHOUT_EXTERNAL,
    SPAN_LENGTH,
    SPAN_ORDER,
    UNKNOWN_FIELD_NAME,
)
from ..core.chars import formula_like
from ..models import (
    Attribution,
    CoverageExclusion,
    Evidence,
    ExternalSource,
    FuzzyDate,
    GazetteerEntry,
    Quantity,
    Record,
    Retraction,
    Seed,
)
from ..models.base import LABEL_LENGTH
from ..models.grounding import Grounded
from ..models.quantity import LIMITS, MAX_QUANTITY
from ..models.reference import EARLIEST_PUBLICATION
from ..models.retraction import ID_PATTERNS as ID_FORMS
from ._derive import VISIBLE, Data, Deriver
from ._fieldshapes import Break, Site, with_item


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _later_pair() -> SearchStrategy[tuple[dt.date, dt.date]]:
    """Draw two days, the second strictly later."""
    first = st.dates(max_value=dt.date.max - dt.timedelta(days=1))
    return first.flatmap(
        lambda day: st.tuples(st.just(day), st.dates(min_value=day + dt.timedelta(days=1)))
    )


def _fuzzy_date(site: Site) -> Iterator[Break]:
    data = {**site.data, "earliest": None, "latest": None}
    yield (
        DATE_ORDER.code,
        _later_pair().map(
            lambda p: {
                **data,
                "precision": "range",
                "value": None,
                "earliest": _iso(p[1]),
                "latest": _iso(p[0]),
            }
        ),
    )
    yield (
        DATE_BOUNDS.code,
        _later_pair().map(
            lambda p: {
                **data,
                "precision": "day",
                "value": _iso(p[1]),
                "earliest": _iso(p[0]),
                "latest": _iso(p[1]),
            }
        ),
    )
    yield DATE_BOUNDS.code, st.just({**data, "precision": "range", "value": None})
    # A value of one precision under another: 2023 as a day, 2023-09-28 as a month…
    mismatched = st.sampled_from(
        [("day", 7), ("day", 4), ("month", 10), ("month", 4), ("year", 7), ("year", 10)]
    )
    yield (
        DATE_PRECISION.code,
        st.tuples(mismatched, st.dates()).map(
            lambda p: {**data, "precision": p[0][0], "value": _iso(p[1])[: p[0][1]]}
        ),
    )
    yield (
        DATE_VALUE_IN_RANGE.code,
        st.dates().map(lambda d: {**data, "precision": "range", "value": _iso(d)}),
    )
    # Well-formed but not a calendar date: year 0, month 13 and up, day past the month's end.
    invalid = st.one_of(
        st.just(("year", "0000")),
        st.tuples(st.integers(1000, 9999), st.integers(13, 99)).map(
            lambda p: ("month", f"{p[0]}-{p[1]}")
        ),
        st.tuples(st.integers(1000, 9999), st.integers(1, 12)).map(
            lambda p: ("day", f"{p[0]}-{p[1]:02d}-32")
        ),
    )
    yield DATE_INVALID.code, invalid.map(lambda p: {**data, "precision": p[0], "value": p[1]})
    yield DATE_BASIS_UNKNOWN.code, st.just({**site.data, "basis": "unknown", "source": None})


def _seed(site: Site) -> Iterator[Break]:
    published = {**site.data["published"], "precision": "day", "earliest": None, "latest": None}
    today = dt.datetime.now(dt.UTC).date()
    days = st.one_of(
        st.dates(max_value=EARLIEST_PUBLICATION - dt.timedelta(days=1)),
        st.dates(min_value=today + dt.timedelta(days=1)),
    )
    yield (
        PUBLICATION_DATE.code,
        days.map(lambda day: {**site.data, "published": {**published, "value": _iso(day)}}),
    )


def _grounded(site: Site) -> Iterator[Break]:
    data = dict(site.data)
    if site.model is Attribution and data.get("value") is None:
        data["value"] = "a value"  # only 'unknown' goes with no value
    yield NOTE_REQUIRED.code, st.just({**data, "basis": "inferred", "note": None, "source": None})
    yield SOURCE_REQUIRED.code, st.just({**data, "basis": "external", "source": None})
    sources = Deriver().model(ExternalSource).map(_plain)
    yield (
        SOURCE_WITHOUT_EXTERNAL.code,
        sources.map(lambda source: {**data, "basis": "stated", "source": source}),
    )


def _plain(data: Data) -> Data:
    return ExternalSource.model_validate(data).model_dump(mode="json")


def _attribution(site: Site) -> Iterator[Break]:
    data = site.data
    yield BASIS_RESOLVED_NOT_DATE.code, st.just({**data, "basis": "resolved"})
    if data.get("value") is None:
        yield BASIS_VALUE_MISMATCH.code, st.just({**data, "basis": "stated", "source": None})
    else:
        yield BASIS_VALUE_MISMATCH.code, st.just({**data, "basis": "unknown", "source": None})


#: The largest sensible number of each unit, by the unit's value (``"person"``).
_LIMIT_OF = {unit.value: limit for unit, limit in LIMITS.items()}


def _quantity(site: Site) -> Iterator[Break]:
    data = {**site.data, "value": None, "lower": None, "upper": None}
    limit = _LIMIT_OF[data["unit"]]
    pair = st.floats(0, limit, exclude_max=True).flatmap(
        lambda low: st.tuples(
            st.just(low), st.floats(min_value=low, max_value=limit, exclude_min=True)
        )
    )
    yield QUANTITY_ORDER.code, pair.map(lambda p: {**data, "lower": p[1], "upper": p[0]})
    yield QUANTITY_ORDER.code, pair.map(lambda p: {**data, "lower": p[1], "value": p[0]})
    yield QUANTITY_ORDER.code, pair.map(lambda p: {**data, "value": p[1], "upper": p[0]})
    numbered = st.sampled_from(["exact", "approximate", "at_least", "at_most"])
    yield QUANTITY_EMPTY.code, numbered.map(lambda q: {**data, "qualifier": q})
    # More people than live on Earth, and the like: within every number's bounds, past the unit's.
    beyond = st.sampled_from(sorted(unit.value for unit in LIMITS if LIMITS[unit] < MAX_QUANTITY))
    yield (
        QUANTITY_RANGE.code,
        beyond.flatmap(
            lambda unit: st.floats(_LIMIT_OF[unit], MAX_QUANTITY, exclude_min=True).map(
                lambda number: {**data, "unit": unit, "value": number, "qualifier": "exact"}
            )
        ),
    )


def _gazetteer(site: Site) -> Iterator[Break]:
    data = site.data
    if data.get("latitude") is None:
        yield (
            COORDINATES_INCOMPLETE.code,
            st.floats(-90, 90).map(lambda lat: {**data, "latitude": lat}),
        )
    else:
        yield COORDINATES_INCOMPLETE.code, st.just({**data, "longitude": None})
        yield COORDINATES_INCOMPLETE.code, st.just({**data, "latitude": None})


def _evidence(site: Site) -> Iterator[Break]:
    data = site.data
    yield SPAN_ORDER.code, st.integers(0, data["start"]).map(lambda end: {**data, "end": end})
    yield SPAN_LENGTH.code, st.characters().map(lambda c: {**data, "quote": data["quote"] + c})


def _record(site: Site) -> Iterator[Break]:
    if not issubclass(site.model, Record):  # pragma: no cover - registered for Record only
        return
    data = site.data
    described = sorted(site.model.described_fields())
    names = st.lists(st.sampled_from(described), min_size=1, max_size=3, unique=True)
    yield NOTE_REQUIRED.code, names.map(lambda n: {**data, "disputed_fields": n, "notes": None})
    yield NOTE_REQUIRED.code, names.map(lambda n: {**data, "inferred_fields": n, "notes": None})
    # A name: no invisible character, and not one a spreadsheet would run (formula-text).
    who = st.text(VISIBLE, min_size=1, max_size=LABEL_LENGTH).filter(lambda w: not formula_like(w))
    unreviewed = {**data, "method": "extracted", "reviewed_by": None}
    yield REVIEW_INCOMPLETE.code, st.just(unreviewed)
    yield REVIEW_INCOMPLETE.code, who.map(lambda w: {**data, "reviewed_by": w, "reviewed_on": None})
    # Fields of the record that are not about the event: id, method, notes, evidence…
    other = st.sampled_from(sorted(set(site.model.model_fields) - set(described)))
    for name in ("disputed_fields", "inferred_fields"):
        yield UNKNOWN_FIELD_NAME.code, other.map(partial(_naming, data, name))
    spans = st.integers(0, len(data["evidence"]) - 1)
    yield UNKNOWN_FIELD_NAME.code, st.tuples(spans, other).map(partial(_supporting, data))


def _naming(data: Data, field: str, name: str) -> Data:
    # Notes too, so that the unknown name is the only thing wrong.
    return {**data, field: [*data[field], name], "notes": data["notes"] or "why"}


def _supporting(data: Data, where: tuple[int, str]) -> Data:
    index, name = where
    span = data["evidence"][index]
    return with_item(data, "evidence", index, {**span, "supports": [*span["supports"], name]})


def _retraction(site: Site) -> Iterator[Break]:
    data = site.data
    others = sorted(form for name, form in ID_FORMS.items() if name != data["table"])
    wrong = st.sampled_from(others).flatmap(lambda form: st.from_regex(form, fullmatch=True))
    yield RETRACTION_TABLE.code, wrong.map(lambda bad: {**data, "id": bad, "replaced_by": None})


def _coverage_exclusion(site: Site) -> Iterator[Break]:
    blank = st.text(alphabet=" \n\u00a0\u2003", min_size=1)  # no tab: it is invisible-character
    yield BLANK_REASON.code, blank.map(lambda reason: {**site.data, "reason": reason})


#: The breaks of each model's cross-field rules; a model gets those of every class it is.
SPECIFIC: dict[type[BaseModel], Callable[[Site], Iterator[Break]]] = {
    FuzzyDate: _fuzzy_date,
    Seed: _seed,
    Grounded: _grounded,
    Attribution: _attribution,
    Quantity: _quantity,
    GazetteerEntry: _gazetteer,
    Evidence: _evidence,
    Record: _record,
    Retraction: _retraction,
    CoverageExclusion: _coverage_exclusion,
}


#: Arabic-Indic digits, by the ASCII digit they stand for.
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def input_breaks(kind: type, limits: Any, value: Any) -> Iterator[tuple[str, SearchStrategy[Any]]]:
    """Yield the breaks of a value's strict form (``models.inputs``), and the codes they get.

    ``kind`` and ``limits`` are the value's type and ``Constraints``; ``value`` is its plain
    data in a valid record (``None`` when absent).
    """
    if limits.plain and kind is int:
        yield INTEGER_FORM.code, st.sampled_from([True, 7.0, "0x1dd9", "017", "7"])
        yield NON_ASCII_DIGIT.code, st.just("٧٦٤١")
    if limits.plain and kind is float:
        yield NUMBER_FORM.code, st.sampled_from([True, "2,000", "1e30"])
    if limits.plain and kind in (dt.date, str):
        yield DATE_AS_NUMBER.code, st.sampled_from([0, 2023, 1.5e9])
    if limits.plain and kind is dt.date:
        day = value if isinstance(value, str) else "2023-09-28"
        yield DATE_WITH_TIME.code, st.sampled_from([f"{day}T00:00:00", f"{day} 10:30"])
        yield NON_ASCII_DIGIT.code, st.just(day.translate(_ARABIC_INDIC))
    if kind is str and isinstance(value, str):
        other = value.translate(_ARABIC_INDIC)
        # Only where the pattern says ASCII digits (a URL may hold any digit).
        if limits.pattern is not None and other != value and not re.search(limits.pattern, other):
            yield NON_ASCII_DIGIT.code, st.just(other)
        if limits.clean:
            room = (limits.max_length or len(value) + 1) - 1
            # A right-to-left override, a zero-width space, a bidi isolate, a bell, a BOM.
            hidden = st.sampled_from(["\u202e", "\u200b", "\u2066", "\x07", "\ufeff"])
            yield INVISIBLE_CHARACTER.code, hidden.map(lambda char: value[:room] + char)
            if limits.pattern is None:  # a pattern (a URL's) refuses a leading = on its own
                formula = st.sampled_from("=+-@").map(lambda char: char + value[:room])
                yield FORMULA_TEXT.code, formula
    if kind is tuple and limits.unique is not None and isinstance(value, list) and value:
        yield (
            DUPLICATE_ITEM.code,
            st.integers(0, len(value) - 1).map(lambda index: [*value, value[index]]),
        )
