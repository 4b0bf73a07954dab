"""Dates in a seed: found with spaCy's ``Matcher``, resolved with ``dateparser``.

Explicit dates ("17 December 2015", "March 2017", "in 2020") keep basis ``stated``; partial and
relative ones ("September 28", "on Thursday", "last year", "in late August", "since January",
"the week before last", "recently") are resolved against the seed's publication date with basis
``resolved`` and a note saying how. The precision is what the phrase gives, never more: a
month stays a month, "in late August" is the range 21–31 August, "last week" a seven-day range.
When the publication date is itself a range, the phrase is resolved against both ends, and a
disagreement widens the result to a range. dateparser runs with English only (no language
detection), past dates preferred, and the publication date as its relative base, so a run is
offline and deterministic. Phrases relative to another event ("days after", "a week before his
talks") name no date of their own and are left unresolved, with a signal saying so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..models import FuzzyDate

MONTHS = tuple(calendar.month_name)[1:]
_MONTH_INDEX = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
_ABBREVIATIONS = {name[:3].lower() + ".": n for name, n in zip(MONTHS, range(1, 13), strict=True)}
_ABBREVIATIONS["sept."] = 9
WEEKDAYS = tuple(calendar.day_name)
_YEAR = r"^(?:19|20)\d\d$"
_DAY = r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$"
_UNITS = ["day", "days", "week", "weeks", "month", "months", "year", "years"]
_WORD_NUMBERS = ["a", "one", "two", "three", "four", "five", "six", "several", "few", "some"]


def patterns() -> dict[str, list[list[dict[str, Any]]]]:
    """Return the Matcher token patterns of date phrases, by the rule that reads them."""
    month = {"ORTH": {"IN": list(MONTHS)}}
    abbreviated = {"LOWER": {"IN": list(_ABBREVIATIONS)}}
    any_month = {"LOWER": {"IN": [*_MONTH_INDEX, *_ABBREVIATIONS]}}
    year = {"TEXT": {"REGEX": _YEAR}}
    day = {"TEXT": {"REGEX": _DAY}}
    comma = {"ORTH": ",", "OP": "?"}
    return {
        "day-month": [[day, month, {**year, "OP": "?"}], [day, abbreviated, {**year, "OP": "?"}]],
        "month-day": [[any_month, day, comma, {**year, "OP": "?"}]],
        "month-year": [[month, year]],
        "part-month": [
            [
                {"LOWER": {"IN": ["early", "mid", "late", "end", "beginning"]}},
                {"ORTH": "-", "OP": "?"},
                {"LOWER": "of", "OP": "?"},
                month,
                {**year, "OP": "?"},
            ],
        ],
        "month": [[{"LOWER": {"IN": ["in", "since", "during", "until", "by"]}}, month]],
        "year-range": [[year, {"ORTH": {"IN": ["-", "–", "—"]}}, year]],
        "year": [[year]],
        "last-month-name": [[{"LOWER": {"IN": ["last", "this", "next"]}}, month]],
        "relative": [
            [
                {"LOWER": {"IN": ["last", "this", "next", "past"]}},
                {"LOWER": {"IN": ["year", "month", "week"]}},
            ],
            [{"LOWER": "earlier"}, {"LOWER": "this"}, {"LOWER": {"IN": ["year", "month", "week"]}}],
            [{"LOWER": {"IN": ["yesterday", "today", "tonight"]}}],
            [{"LOWER": "last"}, {"LOWER": "night"}],
            [{"LOWER": "recently"}],
            [{"LOWER": "the"}, {"LOWER": "week"}, {"LOWER": "before"}, {"LOWER": "last"}],
            [
                {"LOWER": {"IN": _WORD_NUMBERS}, "OP": "?"},
                {"LIKE_NUM": True, "OP": "?"},
                {"LOWER": {"IN": _UNITS}},
                {"LOWER": "ago"},
            ],
        ],
        "weekday": [[{"LOWER": "on", "OP": "?"}, {"ORTH": {"IN": list(WEEKDAYS)}}]],
        "interval": [
            [
                {"LOWER": {"IN": [*_WORD_NUMBERS, "days", "weeks", "months", "years"]}},
                {"LOWER": {"IN": _UNITS}, "OP": "?"},
                {"LOWER": {"IN": ["after", "before", "later", "earlier"]}},
            ],
        ],
    }


@dataclass(frozen=True)
class DateMention:
    """A date phrase of a seed and what it resolved to (``date`` is ``None`` when it did not)."""

    start: int
    end: int
    text: str
    rule: str
    date: dict[str, Any] | None
    signal: str


def publication_bases(published: FuzzyDate) -> list[dt.date]:
    """Return the days a relative phrase is resolved against: each known end of the date."""
    bases = [day for day in (published.earliest, published.latest) if day is not None]
    return sorted(set(bases))


def resolve(text: str, rule: str, published: FuzzyDate, since: bool = False) -> DateMention:
    """Resolve one phrase (found by ``rule``) against the publication date."""
    if rule == "interval":
        return DateMention(
            0, 0, text, rule, None, f"'{text}' is relative to another event: not resolved"
        )
    explicit = rule in {"year", "year-range", "month-year"} or (
        rule in {"day-month", "month-day", "part-month"} and re.search(r"(?:19|20)\d\d", text)
    )
    bases = publication_bases(published)
    if explicit:
        found = _read(text, rule, dt.date(2000, 1, 1))
        results = [found] if found else []
    else:
        results = [r for base in bases if (r := _read(text, rule, base)) is not None]
    if not results:
        return DateMention(0, 0, text, rule, None, f"'{text}' could not be resolved")
    earliest = min(r[0] for r in results)
    latest: dt.date | None = max(r[1] for r in results)
    precision = results[0][2] if all(r == results[0] for r in results) else "range"
    if since:
        latest, precision = bases[-1] if bases else None, "range"
    date: dict[str, Any] = _as_date(earliest, latest, precision)
    if explicit and not since:
        date["basis"] = "stated"
        signal = f"date '{text}' stated"
    else:
        date["basis"] = "resolved"
        date["note"] = _note(text, published, bases, since)
        signal = f"date '{text}' resolved against the publication date"
    if text.lower() == "recently":
        date = {"precision": "range", "latest": max(bases).isoformat(), **_grounding(date)}
    FuzzyDate.model_validate(date)  # a bug here must not reach a review file
    return DateMention(0, 0, text, rule, date, signal)


def _grounding(date: dict[str, Any]) -> dict[str, Any]:
    return {key: date[key] for key in ("basis", "note") if key in date}


def _note(text: str, published: FuzzyDate, bases: list[dt.date], since: bool) -> str:
    when = " and ".join(day.isoformat() for day in bases)
    open_end = published.latest is None or published.earliest is None
    note = f"'{text}' resolved by the extractor against the seed's publication date ({when})"
    if open_end:
        note += ", one end of which is open, so a later or earlier publication would move it"
    if since:
        note += "; 'since' runs to the publication date"
    return note + "."


def _as_date(earliest: dt.date, latest: dt.date | None, precision: str) -> dict[str, Any]:
    if precision == "day":
        return {"precision": "day", "value": earliest.isoformat()}
    if precision == "month":
        return {"precision": "month", "value": earliest.isoformat()[:7]}
    if precision == "year":
        return {"precision": "year", "value": str(earliest.year)}
    return {
        "precision": "range",
        "earliest": earliest.isoformat(),
        "latest": latest.isoformat() if latest else None,
    }


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


_Read = tuple[dt.date, dt.date, str]


def _read(text: str, rule: str, base: dt.date) -> _Read | None:
    """Return (earliest, latest, precision) of a phrase read against ``base``."""
    words = text.lower().replace("-", " ").split()
    if rule in {"year", "year-range"}:
        years = [int(y) for y in re.findall(r"(?:19|20)\d\d", text)]
        precision = "year" if rule == "year" else "range"
        return dt.date(min(years), 1, 1), dt.date(max(years), 12, 31), precision
    if rule == "last-month-name":
        return _month_named(words, base)
    if rule == "part-month":
        return _part_of_month(text, words[0], base)
    return _idiom(text.lower(), base) or _parsed(
        text.rsplit(maxsplit=1)[-1] if rule == "month" else text, base
    )


def _idiom(text: str, base: dt.date) -> _Read | None:
    """Read the phrases dateparser does not know: "the week before last", "recently"."""
    if text == "the week before last":
        monday = base - dt.timedelta(days=base.weekday() + 14)
        return monday, monday + dt.timedelta(days=6), "range"
    if text == "recently":
        return base, base, "range"
    return None


def _month_named(words: list[str], base: dt.date) -> _Read:
    """Read "last March", "this June", "next May" against ``base``."""
    month = _MONTH_INDEX[words[-1]]
    year = base.year if (words[0] == "this" or month < base.month) else base.year - 1
    if words[0] == "next":
        year = base.year if month > base.month else base.year + 1
    return (*_month_range(year, month), "month")


def _part_of_month(text: str, part: str, base: dt.date) -> _Read | None:
    """Read "early March", "mid-June 2020", "late August": ten days, ten days, the rest."""
    named = re.findall(rf"(?:{'|'.join(MONTHS)})|(?:19|20)\d\d", text)
    found = _parse(" ".join(named), base)
    if found is None:
        return None
    first, last = _month_range(found[0].year, found[0].month)
    if part in {"early", "beginning"}:
        return first, first + dt.timedelta(days=9), "range"
    if part == "mid":
        return first + dt.timedelta(days=10), first + dt.timedelta(days=19), "range"
    return first + dt.timedelta(days=20), last, "range"


def _parsed(phrase: str, base: dt.date) -> _Read | None:
    """Read a phrase with dateparser, at the precision of the period it reports."""
    found = _parse(phrase, base)
    if found is None:
        return None
    day, period = found
    if period == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year"
    if period == "month":
        return (*_month_range(day.year, day.month), "month")
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6), "range"
    return day, day, "day"


def _parse(phrase: str, base: dt.date) -> tuple[dt.date, str] | None:
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    settings = {
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time(12)),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["relative-time", "absolute-time", "custom-formats"],
    }
    cleaned = re.sub(r"^(?:on|in|during|by|until)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    parser = DateDataParser(languages=["en"], settings=settings)  # no language detection
    data = parser.get_date_data(cleaned)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if day > base and not re.search(r"(?:19|20)\d\d", phrase):
        return None  # a phrase without a year never names a day after publication here
    return day, data.period or "day"
