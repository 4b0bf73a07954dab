"""The rules the models check across fields, as strategies that keep them by construction.

Each rule replaces the derived strategies of the fields it ties together and keeps the rest;
all of them are registered in ``OVERRIDES``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy
from pydantic import BaseModel

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
from ..models.evidence import CONTEXT_LENGTH, Claimant
from ..models.quantity import LIMITS
from ..models.reference import EARLIEST_PUBLICATION
from ..models.retraction import ID_PATTERNS as ID_FORMS
from ..models.vocab import Basis, Method, Precision, Qualifier, Unit
from ._derive import MAX_ITEMS, OVERRIDES, VISIBLE, Data, Deriver, Fields, merge
from ._spans import spans

#: Bases whose value needs a note saying how it was resolved or inferred.
_NOTED = (Basis.RESOLVED, Basis.INFERRED)


def _grounding(
    deriver: Deriver, model: type[BaseModel], bases: Sequence[Basis]
) -> SearchStrategy[Data]:
    """Draw ``basis`` with a ``note`` where it needs one and a ``source`` iff it is external."""

    @st.composite
    def grounding(draw: DrawFn) -> Data:
        basis = draw(st.sampled_from(bases))
        data: Data = {"basis": basis}
        data["note"] = draw(deriver.field(model, "note", present=basis in _NOTED))
        if basis == Basis.EXTERNAL:
            data["source"] = draw(deriver.model(ExternalSource))
        return data

    return grounding()


def _bounds(day: dt.date, precision: Precision) -> tuple[dt.date, dt.date]:
    if precision == Precision.DAY:
        return day, day
    if precision == Precision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


@st.composite
def _when(draw: DrawFn, first_day: dt.date = dt.date.min, last_day: dt.date = dt.date.max) -> Data:
    """Draw precision, value and bounds that agree with each other, between the two days."""
    days = st.dates(min_value=first_day, max_value=last_day)
    precision = draw(st.sampled_from(list(Precision)))
    if precision == Precision.RANGE:
        first, last = sorted((draw(days), draw(days)))
        open_side = draw(st.sampled_from(("none", "earliest", "latest")))
        return {
            "precision": precision,
            "earliest": None if open_side == "earliest" else first,
            "latest": None if open_side == "latest" else last,
        }
    day = draw(days)
    if precision != Precision.DAY:  # a month or year must lie whole between the two days
        first, last = _bounds(day, precision)
        if first < first_day or last > last_day:
            precision = Precision.DAY
    width = {Precision.DAY: 10, Precision.MONTH: 7, Precision.YEAR: 4}[precision]
    data: Data = {"precision": precision, "value": day.isoformat()[:width]}
    if draw(st.booleans()):  # curators leave the bounds out and the model fills them in
        data["earliest"], data["latest"] = _bounds(day, precision)
    return data


def _fuzzy_date(deriver: Deriver, model: type[BaseModel], fields: Fields) -> SearchStrategy[Data]:
    # A date whose basis is unknown is no date, so 'unknown' is never drawn.
    bases = [basis for basis in Basis if basis != Basis.UNKNOWN]
    return merge(_when(), _grounding(deriver, model, bases))


def _seed(deriver: Deriver, model: type[BaseModel], fields: Fields) -> SearchStrategy[Data]:
    # Published no earlier than 1900 and not after today.
    bases = [basis for basis in Basis if basis != Basis.UNKNOWN]
    today = dt.datetime.now(dt.UTC).date()
    published = merge(_when(EARLIEST_PUBLICATION, today), _grounding(deriver, FuzzyDate, bases))
    return merge(fields.without("published").strategy(), published.map(lambda p: {"published": p}))


def _attribution(deriver: Deriver, model: type[BaseModel], fields: Fields) -> SearchStrategy[Data]:
    # 'unknown' exactly when there is no value; 'resolved' is for dates only.
    known = [basis for basis in Basis if basis not in (Basis.UNKNOWN, Basis.RESOLVED)]
    value = deriver.field(model, "value", present=True)
    return st.one_of(
        merge(value.map(lambda v: {"value": v}), _grounding(deriver, model, known)),
        _grounding(deriver, model, [Basis.UNKNOWN]),
    )


def _quantity(deriver: Deriver, model: type[BaseModel], fields: Fields) -> SearchStrategy[Data]:
    @st.composite
    def numbers(draw: DrawFn) -> Data:
        # Each number lies within what its unit can count (LIMITS).
        unit = draw(st.sampled_from(list(Unit)))
        number = st.floats(0, LIMITS[unit], allow_nan=False, allow_infinity=False)
        # Sorted draws give lower <= value <= upper; each may then be left out.
        lower, value, upper = sorted(draw(number) for _ in range(3))
        kept = draw(st.sets(st.sampled_from(("lower", "value", "upper"))))
        data: Data = {
            k: v
            for k, v in zip(("lower", "value", "upper"), (lower, value, upper), strict=True)
            if k in kept
        }
        qualifiers = list(Qualifier) if kept else [Qualifier.ORDER_OF_MAGNITUDE]
        data["qualifier"] = draw(st.sampled_from(qualifiers))
        data["unit"] = unit
        return data

    kept = fields.without("value", "lower", "upper", "qualifier", "unit")
    return merge(kept.strategy(), numbers())


def _gazetteer(deriver: Deriver, model: type[BaseModel], fields: Fields) -> SearchStrategy[Data]:
    point = st.fixed_dictionaries(
        {name: deriver.field(model, name, present=True) for name in ("latitude", "longitude")}
    )
    return merge(fields.without("latitude", "longitude").strategy(), point | st.just({}))


def _evidence(deriver: Deriver, model: type[BaseModel], fields: Fields) -> SearchStrategy[Data]:
    supports = (
        fields.required["supports"]
        if deriver.supports is None
        else st.lists(
            st.sampled_from(deriver.supports), min_size=1, max_size=MAX_ITEMS, unique=True
        ).map(tuple)
    )
    if deriver.texts:
        texts = deriver.texts
        real = {seed: _real_spans(deriver, seed, texts[seed]) for seed in sorted(texts)}
        located = st.sampled_from(sorted(real)).flatmap(real.__getitem__)
    else:
        located = merge(_made_up_span(deriver, model), _attributed(deriver, None))
    return merge(located, supports.map(lambda names: {"supports": names}))


def _real_spans(deriver: Deriver, seed_id: str, text: str) -> SearchStrategy[Data]:
    located = spans(text).map(lambda span: {"seed_id": seed_id, **span._asdict()})
    return merge(located, _attributed(deriver, text))


def _attributed(deriver: Deriver, text: str | None) -> SearchStrategy[Data]:
    """Draw ``attributed_to`` or its absence; from a real seed, in words the seed has."""
    claimant = deriver.model(Claimant)
    if text is not None:
        # The words for the source are found in the span's seed, as the spelling check wants.
        words = (
            spans(text, max_length=40)
            .map(lambda span: span.quote)
            .filter(lambda quote: len(quote) <= LABEL_LENGTH)
        )
        claimant = merge(claimant, words.map(lambda name: {"name": name}))
    return st.one_of(st.just({}), claimant.map(lambda data: {"attributed_to": data}))


@st.composite
def _made_up_span(draw: DrawFn, deriver: Deriver, model: type[BaseModel]) -> Data:
    """Draw a span of an imagined text: offsets, quote, prefix and suffix agree with each other."""
    prefix = draw(deriver.field(model, "prefix"))
    quote = draw(deriver.field(model, "quote"))
    # Only a full-length prefix leaves room for more text before it.
    before = draw(deriver.field(model, "start")) if prefix and len(prefix) == CONTEXT_LENGTH else 0
    start = before + len(prefix or "")
    return {
        "seed_id": draw(deriver.field(model, "seed_id")),
        "start": start,
        "end": start + len(quote),
        "quote": quote,
        "prefix": prefix,
        "suffix": draw(deriver.field(model, "suffix")),
    }


def _record(deriver: Deriver, model: type[BaseModel], fields: Fields) -> SearchStrategy[Data]:
    if not issubclass(model, Record):  # pragma: no cover - registered for Record only
        raise TypeError(f"{model.__name__} is not a Record")
    described = tuple(sorted(model.described_fields()))
    names = st.lists(st.sampled_from(described), max_size=MAX_ITEMS, unique=True).map(tuple)
    evidence = Deriver(deriver.texts, described).field(model, "evidence")

    @st.composite
    def shared(draw: DrawFn) -> Data:
        disputed, inferred = draw(names), draw(names)
        # Disputed or inferred fields need notes giving each claim or the reasoning.
        notes = draw(deriver.field(model, "notes", present=bool(disputed or inferred)))
        data: Data = {"notes": notes, "evidence": draw(evidence)}
        # An extracted record carries its review (who and when); a curated one may, whole.
        data["method"] = draw(deriver.field(model, "method", present=True))
        reviewed = data["method"] == Method.EXTRACTED or draw(st.booleans())
        for name in ("reviewed_by", "reviewed_on"):
            data[name] = draw(deriver.field(model, name, present=True)) if reviewed else None
        for name, value in (("disputed_fields", disputed), ("inferred_fields", inferred)):
            # An empty list is the default, so a curator may leave it out: sometimes do.
            if bool(value) or draw(st.booleans()):
                data[name] = value
        return data

    kept = fields.without(
        "disputed_fields",
        "inferred_fields",
        "notes",
        "evidence",
        "method",
        "reviewed_by",
        "reviewed_on",
    )
    return merge(kept.strategy(), shared())


def _retraction(deriver: Deriver, model: type[BaseModel], fields: Fields) -> SearchStrategy[Data]:
    @st.composite
    def ids(draw: DrawFn) -> Data:
        # The retracted id and its replacement are ids of the table named.
        table = draw(fields.required["table"])
        same_table = st.from_regex(ID_FORMS[table.value], fullmatch=True)
        return {"table": table, "id": draw(same_table), "replaced_by": draw(st.none() | same_table)}

    return merge(fields.without("table", "id", "replaced_by").strategy(), ids())


def _coverage_exclusion(
    deriver: Deriver, model: type[BaseModel], fields: Fields
) -> SearchStrategy[Data]:
    # A blank reason says nothing: put a visible character somewhere in it.
    visible = st.characters(categories=("L", "N", "P", "S"))
    around = st.text(VISIBLE, max_size=20)
    # Nor may it start as a spreadsheet formula would (formula-text).
    reason = st.tuples(around, visible, around).map("".join).filter(lambda r: not formula_like(r))
    return merge(fields.without("reason").strategy(), reason.map(lambda r: {"reason": r}))


OVERRIDES.update(
    {
        FuzzyDate: _fuzzy_date,
        Seed: _seed,
        Attribution: _attribution,
        Quantity: _quantity,
        GazetteerEntry: _gazetteer,
        Evidence: _evidence,
        Record: _record,
        Retraction: _retraction,
        CoverageExclusion: _coverage_exclusion,
    }
)
