"""Dates in a seed as a coder reads them: found with spaCy's ``Matcher``, resolved by rules.

Explicit dates ("17 December 2015", "March 2017", "in 2020", "from April 2019 to June 2020")
keep basis ``stated``. Everything else is resolved against the seed's publication date, with
basis ``resolved`` and a note saying how ("weekday 'Tuesday' taken as the publication day
2020-01-14"). The precision is what the phrase gives, never more: a month stays a month,
"late August" is the range 21–31 August, "last week" the Monday–Sunday before, a season its
three months (spring March–May, summer June–August, autumn September–November, winter the
December–February that ends in the year named).

Whether the phrase speaks of the past or of something to come decides which Tuesday, which
August, which 5 January: the publication day itself when it is that weekday, else the last one
for a past event and the coming one for an expected, planned or scheduled one. The caller may
say which (``hint``); otherwise ``tense`` reads it from the words around the phrase. With no
cue either way the past is taken, and the note says so. A phrase with a day or month and no
year is never moved out of the direction its wording gives: "scheduled to arrive on Jan. 5" in a
3 January article is 5 January of that year, in a 28 December article the next year's.

Ranges are read whole: "between January 9 and March 15", "from April 2019 to June 2020",
"between June and July 2024" (the year is shared), "9-15 January". "since August 2023" runs from
its start to the publication date, and "as of December 30" with a start in the same sentence
("since January", "this year") is the range of a running total; alone it is the figure's date.
When the publication date is itself a range, the phrase is resolved against both ends, and a
disagreement widens the result to a range.

A date that dates a report rather than the event ("the embassy said on Friday", "images
published last month") is marked (``DateMention.reported_by``) so a caller can prefer another;
``dated_to_publication`` gives the date a coder gives a state told in the present tense.

dateparser reads only "two days ago" and the like, in English only (no language detection), with
the publication date as its relative base and a check that the result does not fall after it,
so a run is offline and deterministic. Phrases relative to another event ("days after", "a week
before his talks") name no date of their own and are left unresolved, with a signal saying so.
Finding and resolving are linear in the text: the matcher runs only in windows around date
words and numbers, ranges and "since"/"as of" are joined in one pass over its matches, each
phrase's tense reading looks at a bounded window, and resolutions are cached.

Conventions a coder would state: "earlier this month" (week, year) runs from its start to the
day before publication, "so far this year" to publication; "in the coming weeks" opens at
publication with no end, "recent" and "recently" end at publication with no start; "early",
"mid" and "late" are the thirds of a month (1–10, 11–20, 21 to the end) or of a year
(January–April, May–August, September–December); weeks run Monday to Sunday.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from ..models import FuzzyDate
from ..provenance.sentences import split_sentences
from . import lexicon
from .tense import REACH, Tense, counts_up, from_hint, read, reporting_verb, words_of

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span

MONTHS = tuple(calendar.month_name)[1:]
WEEKDAYS = tuple(calendar.day_name)
_MONTH_INDEX = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
_ABBREVIATIONS = {name[:3].lower() + ".": n for name, n in zip(MONTHS, range(1, 13), strict=True)}
_ABBREVIATIONS["sept."] = 9
#: Every spelling of a month a pattern accepts, case kept: "January", "Jan.", "Jan", "Sept.".
_MONTH_FORMS = sorted(
    {
        *MONTHS,
        *(name[:3] for name in MONTHS if name != "May"),
        *(name[:3] + "." for name in MONTHS if name != "May"),
        *("Sept", "Sept."),
    }
)
#: A month word, lower case and without its full stop, to its number.
_MONTH_WORDS = {**_MONTH_INDEX, **{k.rstrip("."): v for k, v in _ABBREVIATIONS.items()}}
_WEEKDAY_INDEX = {name.lower(): number for number, name in enumerate(WEEKDAYS)}
#: The months of each season (northern hemisphere, meteorological): first and last month.
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
_YEAR = r"^(?:19|20)\d\d$"
_DAY = r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$"
_UNITS = ["day", "days", "week", "weeks", "month", "months", "year", "years"]
_WORD_NUMBERS = ["a", "one", "two", "three", "four", "five", "six", "several", "few", "some"]
_PARTS = {
    **dict.fromkeys(("early", "beginning", "start"), "early"),
    **dict.fromkeys(("mid", "middle"), "mid"),
    **dict.fromkeys(("late", "end"), "late"),
}
#: Words that open or join a phrase and say nothing of the date itself.
_FILLER = frozenset({",", ".", "of", "the", "in", "on", "during", "by", "until", "at", "over"})
_CONNECTORS = frozenset({"and", "to", "until", "till", "through", "-", "–", "—"})
_DASHES = ["-", "–", "—"]

Pattern = list[dict[str, Any]]
#: Characters of a sentence read either side of a phrase for its tense (``resolve``).
_CHARACTERS_READ = 400


def _words(*words: str) -> dict[str, Any]:
    return {"LOWER": {"IN": list(words)}}


def _maybe(token: dict[str, Any]) -> dict[str, Any]:
    return {**token, "OP": "?"}


def _part_forms() -> dict[str, list[Pattern]]:
    month = {"ORTH": {"IN": list(MONTHS)}}
    year = {"TEXT": {"REGEX": _YEAR}}
    part = _words(*_PARTS)
    which = _words("last", "this", "next", "the")
    half = [_words("first", "second"), {"LOWER": "half"}, {"LOWER": "of"}]
    return {
        "part-month": [
            [part, _maybe(_words("-", "of")), _maybe(_words("of")), month, _maybe(year)]
        ],
        "part-year": [
            [part, _maybe(_words("-", "of")), year],
            [{"TEXT": {"REGEX": r"^(?i:early|mid|late)-(?:19|20)\d\d$"}}],
            [part, _words("last", "this", "next"), _words("year", "month")],
            [part, {"LOWER": "of"}, which, {"LOWER": "year"}],
            [*half, year],
            [*half, which, {"LOWER": "year"}],
        ],
    }


def _single_forms() -> dict[str, list[Pattern]]:
    """Return the patterns of one date phrase each (not a range), by the rule that reads them.

    An optional token never ends a pattern where a comma could follow, so that a match never
    takes a trailing comma: the longest match of a phrase is the whole phrase.
    """
    month = {"ORTH": {"IN": list(MONTHS)}}
    year = {"TEXT": {"REGEX": _YEAR}}
    day = {"TEXT": {"REGEX": _DAY}}
    any_month = {"ORTH": {"IN": _MONTH_FORMS}}
    season = {"ORTH": {"IN": [s for s in SEASONS if s != "fall"]}}
    weekday = {"ORTH": {"IN": list(WEEKDAYS)}}
    unit = _words("year", "month", "week")
    prefix = _words("in", "during", "over", "by")
    the = {"LOWER": "the"}
    return {
        "day-month": [[day, _maybe(_words("of")), any_month, _maybe(year)]],
        "month-day": [[any_month, day, _maybe(year)], [any_month, day, {"ORTH": ","}, year]],
        "month-year": [[month, _maybe(_words("of")), year]],
        **_part_forms(),
        "month": [[_words("in", "during", "until", "by"), month]],
        "year-range": [
            [year, {"ORTH": {"IN": _DASHES}}, year],
            [{"TEXT": {"REGEX": r"^(?:19|20)\d\d[-–—](?:19|20)\d\d$"}}],
        ],
        "year": [[year]],
        "last-month-name": [[_words("last", "this", "next"), month]],
        "season": [
            [
                _maybe(prefix),
                _maybe(the),
                {"ORTH": {"IN": list(SEASONS)}},
                _maybe(_words("of")),
                year,
            ],
            [
                _words("this", "last", "next", "past", "early", "late"),
                _maybe(_words("past", "coming")),
                {"ORTH": {"IN": list(SEASONS)}},
            ],
            [prefix, _maybe(the), season],
        ],
        "weekend": [
            [
                _maybe(_words("over", "at", "on", "during")),
                _words("last", "this", "next", "past", "the"),
                _maybe(_words("past")),
                {"LOWER": "weekend"},
            ],
        ],
        "relative": [
            [_maybe(_words("earlier", "later")), _words("last", "this", "next", "past"), unit],
            [{"LOWER": "so"}, {"LOWER": "far"}, {"LOWER": "this"}, unit],
            [_words("earlier", "later"), {"LOWER": "in"}, the, unit],
            [_words("in", "over", "within"), _maybe(the), {"LOWER": "coming"}, _words(*_UNITS)],
            [_words("yesterday", "today", "tonight", "tomorrow", "recently", "recent")],
            [the, {"LOWER": "day"}, _words("before", "after"), _words("yesterday", "tomorrow")],
            [{"LOWER": "last"}, {"LOWER": "night"}],
            [the, {"LOWER": "week"}, {"LOWER": "before"}, {"LOWER": "last"}],
            [
                _maybe(_words(*_WORD_NUMBERS)),
                {"LIKE_NUM": True, "OP": "?"},
                _words(*_UNITS),
                {"LOWER": "ago"},
            ],
        ],
        "weekday": [
            [
                _maybe(_words("on")),
                _maybe(_words("last", "next", "this", "past", "coming")),
                _maybe(_words("past", "coming")),
                weekday,
            ]
        ],
    }


def patterns() -> dict[str, list[list[dict[str, Any]]]]:
    """Return the Matcher token patterns of date phrases, by the rule that reads them.

    No pattern has an optional token: each variant is written out, so a match never takes a
    trailing comma and the longest match of a phrase is the whole phrase. Ranges ("between June
    and July 2024"), "since …" and "as of …" are put together from these matches by
    ``find_dates`` (fewer patterns, a faster matcher); ``month-name`` is a month alone, which
    stands only inside one of those.
    """
    day = {"TEXT": {"REGEX": _DAY}}
    month = {"ORTH": {"IN": _MONTH_FORMS}}
    year = {"TEXT": {"REGEX": _YEAR}}
    dash = {"ORTH": {"IN": _DASHES}}
    pair = {"TEXT": {"REGEX": r"^\d{1,2}[-–]\d{1,2}$"}}  # "9–15" as one token
    return {
        **_single_forms(),
        "month-name": [[month]],
        "range": [
            [day, dash, day, month],
            [day, dash, day, month, year],
            [pair, month],
            [pair, month, year],
            [month, day, dash, day],
            [month, day, dash, day, year],
            [month, day, dash, day, {"ORTH": ","}, year],
        ],
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
    reported_by: str | None = None
    """The reporting verb the phrase dates ("said on Friday", "published last month"): the date
    of a report, not of the event it reports; ``None`` when the phrase is no such date."""


def publication_bases(published: FuzzyDate) -> list[dt.date]:
    """Return the days a relative phrase is resolved against: each known end of the date."""
    bases = [day for day in (published.earliest, published.latest) if day is not None]
    return sorted(set(bases))


# --- finding ----------------------------------------------------------------------------------


def find_dates(
    doc: Doc,
    published: FuzzyDate,
    matcher: Matcher | None = None,
    *,
    tense: Callable[[Span], str | None] | None = None,
) -> list[DateMention]:
    """Return the date phrases of ``doc``, each resolved against the publication date.

    ``matcher`` holds ``patterns()`` (built here when not given); ``tense`` may give, for a
    phrase's span, a tense or record status from a parse (``hint`` of ``resolve``); where it
    gives none, the words of the phrase's sentence decide. A total "as of" a date takes its
    start from a "since …" or "this year" of the same sentence.
    """
    from spacy.util import filter_spans

    matcher = matcher if matcher is not None else _matcher(doc.vocab)
    rules: dict[tuple[int, int], str] = {}
    spans = []
    for start, end in _windows(doc):
        for span in matcher(doc[start:end], as_spans=True):
            if span.label_ == "month" and _year_follows(doc, span.end):
                continue  # "in June 2020" is June 2020 ("month-year"), never June of no year
            spans.append(span)
            rules.setdefault((span.start, span.end), span.label_)
    matched = [(span, rules[(span.start, span.end)]) for span in filter_spans(spans)]
    bounds = [(s.start, s.end) for s in split_sentences(doc.text)]
    starts = [start for start, _ in bounds]
    offsets = doc.to_array("IDX").tolist()
    lower = doc.to_array("LOWER").tolist()
    found: list[tuple[int, DateMention]] = []
    for span, rule in _composed(doc, matched):
        if rule == "month-name" or _not_a_date(doc, span, rule):
            continue  # a month alone ("March") may be a verb, a name, or no date of this text
        index = bisect.bisect_right(starts, span.start_char) - 1
        hint = tense(span) if tense is not None else None
        sentence = bounds[index] if index >= 0 else (0, len(doc.text))
        low = max(span.start - REACH, bisect.bisect_left(offsets, sentence[0]), 0)
        high = min(span.end + REACH, bisect.bisect_left(offsets, sentence[1]))
        words = [doc.vocab.strings[h] for h in lower[low : max(high, span.end)]]
        first = span.start - low
        text, reading = _shared_year(doc, span, rule, matched)
        mention = _resolve_in(
            text, reading, published, since=False, hint=hint, words=words, at=first
        )
        verb = reporting_verb(words, first, first + len(span))
        if verb is not None and mention.date is not None:
            signal = f"{mention.signal}; the date of a report ('{verb}')"
            mention = replace(mention, signal=signal, reported_by=verb)
        found.append((index, replace(mention, start=span.start_char, end=span.end_char)))
    return _running_totals(found, published, doc.text, bounds)


def _shared_year(
    doc: Doc, span: Span, rule: str, matched: list[tuple[Span, str]]
) -> tuple[str, str]:
    """Return the text and rule to resolve a match by: a month takes the year of its pair.

    "In July and November 2016": the year after the second month is the first's too. Any
    other match is resolved as it stands.
    """
    if rule != "month":
        return span.text, rule
    for other, other_rule in matched:
        between = [t.lower_ for t in doc[span.end : other.start]]
        if other.start >= span.end and other_rule == "month-year" and between in (["and"], ["or"]):
            return f"{doc[span.end - 1].text} {doc[other.end - 1].text}", "month-year"
    return span.text, rule


def _year_follows(doc: Doc, index: int) -> bool:
    """Whether the token at ``index`` of ``doc`` is a year."""
    return index < len(doc) and re.match(_YEAR, doc[index].text) is not None


#: Rules whose match is a date a range may start or end with.
_RANGE_ENDS = frozenset({"day-month", "month-day", "month-year", "month-name", "year"})
_OPENERS = frozenset({"between", "from"})
_JOINERS = frozenset({"and", "to", "until", "till", "through", *_DASHES})


def _composed(doc: Doc, matched: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Put ranges, "since …" and "as of …" together from the matches, in one pass.

    "between|from X and|to|until Y" joins two matches X and Y (or a bare day X and a match Y
    with a month: "from 9 to 15 February"); "since" and "as of" (then perhaps "the") before a
    match join it.
    """
    joined: list[tuple[Span, str]] = []
    index = 0
    while index < len(matched):
        span, rule = matched[index]
        following = matched[index + 1] if index + 1 < len(matched) else None
        ranged = _range_of(doc, span, rule, following)
        if ranged is not None:
            if following is not None and ranged.end >= following[0].end:
                index += 1  # the following match is the end of the range
            span, rule = ranged, "range"
        joined.append(_opened(doc, span, rule))
        index += 1
    return joined


def _range_of(doc: Doc, span: Span, rule: str, following: tuple[Span, str] | None) -> Span | None:
    """Return the range ``span`` opens or closes, if the words around it make one."""
    from spacy.tokens import Span as SpanType

    start, end = span.start, span.end
    word = [t.lower_ for t in doc[max(start - 3, 0) : start]]
    # "from 9 to 15 February": a bare day, a joiner, this match
    bare = len(word) == 3 and word[0] in _OPENERS and word[2] in _JOINERS
    if bare and rule == "day-month" and re.match(_DAY, word[1]):
        return SpanType(doc, start - 3, end)
    opens = start > 0 and doc[start - 1].lower_ in _OPENERS
    if rule not in _RANGE_ENDS or not opens or end >= len(doc) or doc[end].lower_ not in _JOINERS:
        return None
    if following is not None and following[0].start == end + 1 and following[1] in _RANGE_ENDS:
        return SpanType(doc, start - 1, following[0].end)
    return _to_bare_day(doc, start - 1, end) if rule == "month-day" else None


def _to_bare_day(doc: Doc, start: int, end: int) -> Span | None:
    """Return "from January 9 to 15" (then perhaps ", 2020" or "2020") from ``start``."""
    from spacy.tokens import Span as SpanType

    if end + 1 >= len(doc) or not re.match(_DAY, doc[end + 1].text):
        return None
    close = end + 2
    for tail in ([","], []):
        at = close + len(tail)
        if (
            [t.text for t in doc[close:at]] == tail
            and at < len(doc)
            and re.match(_YEAR, doc[at].text)
        ):
            return SpanType(doc, start, at + 1)
    return SpanType(doc, start, close)


def _opened(doc: Doc, span: Span, rule: str) -> tuple[Span, str]:
    """Join "since" or "as of" (then perhaps "the") before a match to it."""
    from spacy.tokens import Span as SpanType

    start = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ == "the" else span.start
    before = [t.lower_ for t in doc[max(start - 2, 0) : start]]
    if before[-1:] == ["since"]:
        return SpanType(doc, start - 1, span.end), "since"
    if before in (["as", "of"], ["as", "at"]):
        return SpanType(doc, start - 2, span.end), "as-of"
    return span, rule


#: Words one of which every date phrase holds (besides a number): a matcher runs only near them.
_ANCHORS = frozenset(
    {
        *_MONTH_WORDS,
        *(form.lower() for form in _MONTH_FORMS),
        *_WEEKDAY_INDEX,
        *SEASONS,
        *("weekend", "week", "month", "year", "night", "ago", "after", "before", "later"),
        *("earlier", "yesterday", "today", "tonight", "tomorrow", "recently", "recent"),
        *(unit for unit in _UNITS),
    }
)
#: Tokens either side of an anchor that a pattern may reach.
_MARGIN = 8


def _windows(doc: Doc) -> list[tuple[int, int]]:
    """Return the token ranges near an anchor word or a number, merged where they overlap.

    The matcher's cost grows with its patterns times the tokens it reads; reading only these
    windows makes a long text without dates cheap. Each distinct word and shape is judged once.
    """
    import numpy as np

    if len(doc) == 0:
        return []
    array = doc.to_array(["LOWER", "SHAPE"])
    strings = doc.vocab.strings
    words, word_at = np.unique(array[:, 0], return_inverse=True)
    shapes, shape_at = np.unique(array[:, 1], return_inverse=True)
    anchor_word = np.array([strings[int(w)] in _ANCHORS for w in words])
    numeric = np.array(["d" in strings[int(s)] for s in shapes])
    hits = np.flatnonzero(anchor_word[word_at.ravel()] | numeric[shape_at.ravel()])
    windows: list[tuple[int, int]] = []
    for index in hits.tolist():
        start, end = max(index - _MARGIN, 0), min(index + _MARGIN + 1, len(doc))
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _matcher(vocab: Any) -> Matcher:
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    for rule, rule_patterns in patterns().items():
        matcher.add(rule, rule_patterns)
    return matcher


@lru_cache(maxsize=1)
def _counted() -> frozenset[str]:
    return frozenset(word for words in lexicon.UNIT_NOUNS.values() for word in words)


def _not_a_date(doc: Doc, span: Span, rule: str) -> bool:
    """Whether a match is a count rather than a date ("1,500", "2000 troops", "5 to 10")."""
    last = span[-1]
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    if re.fullmatch(r"(?:19|20)\d\d", last.text) and following in _counted():
        return True
    return rule == "year" and "," in span[0].text


def dated_to_publication(published: FuzzyDate, why: str) -> dict[str, Any]:
    """Return the publication date as the date of a state the text gives in the present tense.

    "Russian officials are seeking access" names no date; a coder dates the state to the day it
    was written. ``why`` says what shows the present ("'are seeking'") and goes into the note.
    """
    publication = _Publication.of(published)
    first, last = publication.bases[0], publication.bases[-1]
    open_start, open_end = published.earliest is None, published.latest is None
    date = _as_date(
        None if open_start else first,
        None if open_end else last,
        "day" if first == last and not (open_start or open_end) else "range",
    )
    note = f"A state in the present tense ({why}) dated to {publication.note()}."
    date.update(basis="resolved", note=note)
    FuzzyDate.model_validate(date)  # a bug here must not reach a review file
    return date


def _running_totals(
    found: list[tuple[int, DateMention]],
    published: FuzzyDate,
    text: str,
    sentences: list[tuple[int, int]],
) -> list[DateMention]:
    """Give "as of <date>" and the "since …" of its clause the range of a running total.

    The two must share a sentence with no semicolon between them: "since mid-January 400 have
    left; as of Friday 1,200 remained" is a total and a stock, each with its own date. A "since"
    opens a total only where the sentence counts one up ("have arrived", "a total of"), so
    "Libya, split since 2014, held 700 migrants as of Friday" keeps a stock and a split apart;
    "this year" and "so far this year" always open one.
    """
    mentions = [m for _, m in found]
    for sentence, group in itertools.groupby(range(len(found)), key=lambda i: found[i][0]):
        members = list(group)
        as_of = next((i for i in members if mentions[i].rule == "as-of" and mentions[i].date), None)
        opening = next((i for i in members if _opens_a_total(mentions[i])), None)
        if sentence < 0 or as_of is None or opening is None:
            continue
        ends = sorted((mentions[as_of], mentions[opening]), key=lambda m: m.start)
        if ";" in text[ends[0].end : ends[1].start]:
            continue
        words = words_of(text[slice(*sentences[sentence])])
        if mentions[opening].rule == "since" and not counts_up(words):
            continue
        total = _total(mentions[opening], mentions[as_of], _Publication.of(published))
        if total is None:
            continue
        signal = (
            f"date '{mentions[opening].text}' … '{mentions[as_of].text}' read as a running total"
        )
        for i in (as_of, opening):
            mentions[i] = replace(mentions[i], date=total, signal=signal)
    return mentions


def _opens_a_total(mention: DateMention) -> bool:
    """Whether a phrase gives the start of a total: "since January", "so far this year"."""
    words = [w for w in words_of(mention.text) if w not in {"so", "far"}]
    return mention.rule == "since" or words in (["this", "year"], ["this", "month"])


def _total(
    opening: DateMention, as_of: DateMention, publication: _Publication
) -> dict[str, Any] | None:
    """Return the range from the start ``opening`` gives to the end of the "as of" date."""
    if as_of.date is None:
        return None
    end = FuzzyDate.model_validate(as_of.date).latest
    words = [w for w in words_of(opening.text) if w not in {"since", "so", "far", "."}]
    start = _reading(" ".join(words), end, _Tense("past", "'since'")) if end else None
    if end is None or start is None or start.first is None or start.first > end:
        return None
    how = (
        f"a running total from '{opening.text}' ({start.first.isoformat()}) to '{as_of.text}' "
        f"({end.isoformat()}), the start read against the 'as of' date"
    )
    stated = as_of.date["basis"] == "stated" and start.stated
    date = {
        "precision": "range",
        "earliest": start.first.isoformat(),
        "latest": end.isoformat(),
        "basis": "stated" if stated else "resolved",
        "note": f"{_sentence_case(how)}" + ("." if stated else f"; {publication.note()}."),
    }
    FuzzyDate.model_validate(date)  # a bug here must not reach a review file
    return date


# --- resolving --------------------------------------------------------------------------------


def resolve(
    text: str,
    rule: str,
    published: FuzzyDate,
    since: bool = False,
    *,
    hint: str | None = None,
    sentence: str | None = None,
    at: int | None = None,
) -> DateMention:
    """Resolve one phrase (found by ``rule``) against the publication date.

    ``hint`` says whether the phrase speaks of the past or of something to come: ``past`` or
    ``prospective``, or a record status (``planned``, ``expected``, ``occurred``…). Without it
    the words of ``sentence`` around the phrase (at offset ``at``, else where it first occurs)
    decide; with neither, the past is taken. ``since`` makes the date run to publication.
    """
    words: list[str] = []
    first = 0
    if sentence is not None:
        offset = max(sentence.find(text) if at is None else at, 0)
        reach = _CHARACTERS_READ
        before = words_of(sentence[max(offset - reach, 0) : offset])
        after = words_of(sentence[offset + len(text) : offset + len(text) + reach])
        words, first = [*before, *words_of(text), *after], len(before)
    return _resolve_in(text, rule, published, since=since, hint=hint, words=words, at=first)


def _resolve_in(
    text: str,
    rule: str,
    published: FuzzyDate,
    *,
    since: bool,
    hint: str | None,
    words: Sequence[str],
    at: int,
) -> DateMention:
    """Resolve with the tense from ``hint`` or from the words around ``words[at:…]``."""
    given = from_hint(hint)
    if given is not None:
        tense = _Tense(given, f"the caller's hint '{hint}'")
    else:
        found, cue = read(words, at, at + len(words_of(text))) if words else (None, None)
        tense = _Tense(found, f"'{cue}'" if found else None)
    return _resolve(text, rule, published, since, tense)


@dataclass(frozen=True)
class _Tense:
    """The tense used, and why (a cue word, the caller's hint); ``None`` when nothing said."""

    tense: Tense | None
    cue: str | None

    def why(self) -> str:
        if self.tense is None:
            return "no wording says past or planned, so the past is taken"
        kind = "past" if self.tense == "past" else "to come"
        return f"read as {kind} from {self.cue}"

    @property
    def prospective(self) -> bool:
        return self.tense == "prospective"


@dataclass(frozen=True)
class _Publication:
    """The days a phrase is resolved against, and whether the publication date is open-ended."""

    bases: tuple[dt.date, ...]
    open_end: bool

    @classmethod
    def of(cls, published: FuzzyDate) -> _Publication:
        open_end = published.latest is None or published.earliest is None
        return cls(tuple(publication_bases(published)), open_end)

    def note(self) -> str:
        when = " and ".join(day.isoformat() for day in self.bases)
        note = f"the seed's publication date {when}"
        if self.open_end:
            note += ", one end of which is open, so a later or earlier publication would move it"
        return note


def _resolve(text: str, rule: str, published: FuzzyDate, since: bool, tense: _Tense) -> DateMention:
    return _resolve_against(text, rule, _Publication.of(published), since, tense)


@lru_cache(maxsize=4096)  # the same phrase recurs, in a text and across texts of one day
def _resolve_against(
    text: str, rule: str, publication: _Publication, since: bool, tense: _Tense
) -> DateMention:
    if rule == "interval":
        return DateMention(
            0, 0, text, rule, None, f"'{text}' is relative to another event: not resolved"
        )
    words = [w for w in words_of(text) if w != "."]
    if words[:1] == ["since"]:
        words, since = words[1:], True
    if rule == "month-name" and not since:
        # a month alone ("March") stands only in a range, "since" or "as of" (``find_dates``)
        return DateMention(0, 0, text, rule, None, f"'{text}' alone is no date here")
    if since:
        tense = _Tense("past", "'since'")  # what a period runs from has begun
    as_of = words[:2] in (["as", "of"], ["as", "at"])
    if as_of:
        words = words[2:]
        tense = _Tense("past", "'as of'")  # a figure counts what there is or was by then
    phrase = " ".join(words)
    pairs = [(base, _reading(phrase, base, tense)) for base in publication.bases]
    readings = [r for _, r in pairs if r is not None]
    if len(readings) < len(pairs) or (since and any(r.first is None for r in readings)):
        return DateMention(0, 0, text, rule, None, f"'{text}' could not be resolved")
    if since and any(r.first is not None and r.first > publication.bases[-1] for r in readings):
        return DateMention(0, 0, text, rule, None, f"'{text}' starts after publication")
    if since:
        readings = [_since(r, base) for base, r in zip(publication.bases, readings, strict=True)]
    date = _combine(readings)
    if all(r.stated for r in readings):
        date["basis"] = "stated"
        if any(r.needs_note for r in readings):
            date["note"] = f"'{text}' {readings[0].how}."
        signal = f"date '{text}' stated"
    else:
        date["basis"] = "resolved"
        date["note"] = _note(text, publication, readings)
        signal = f"date '{text}' resolved against the publication date"
    if as_of:
        said = date.get("note", f"'{text}' stated.")
        date["note"] = f"{said} 'As of' with no start in its sentence: the date of the figure."
    FuzzyDate.model_validate(date)  # a bug here must not reach a review file
    return DateMention(0, 0, text, rule, date, signal)


@dataclass(frozen=True)
class _Read:
    """A phrase read against one base day: its bounds, precision, and how it was read."""

    first: dt.date | None
    last: dt.date | None
    precision: str
    how: str
    stated: bool = False
    needs_note: bool = False


def _combine(readings: list[_Read]) -> dict[str, Any]:
    """One date from the readings against each base; a disagreement widens it to a range."""
    head = readings[0]
    if all(
        (r.first, r.last, r.precision) == (head.first, head.last, head.precision) for r in readings
    ):
        return _as_date(head.first, head.last, head.precision)
    firsts = [r.first for r in readings]
    lasts = [r.last for r in readings]
    first = None if None in firsts else min(d for d in firsts if d is not None)
    last = None if None in lasts else max(d for d in lasts if d is not None)
    return _as_date(first, last, "range")


def _as_date(first: dt.date | None, last: dt.date | None, precision: str) -> dict[str, Any]:
    if first is not None and precision == "day":
        return {"precision": "day", "value": first.isoformat()}
    if first is not None and precision == "month":
        return {"precision": "month", "value": first.isoformat()[:7]}
    if first is not None and precision == "year":
        return {"precision": "year", "value": str(first.year)}
    bounds = {"earliest": first, "latest": last}  # an open bound is left out, as curators do
    return {"precision": "range", **{k: d.isoformat() for k, d in bounds.items() if d}}


def _since(reading: _Read, base: dt.date) -> _Read:
    """Run a date from its start to the publication day ("since August 2023")."""
    how = f"{reading.how}, and 'since' runs from its start to the publication date"
    return _Read(reading.first, max(base, reading.first or base), "range", how)


def _note(text: str, publication: _Publication, readings: list[_Read]) -> str:
    same = all((r.first, r.last) == (readings[0].first, readings[0].last) for r in readings)
    if all(r.how == readings[0].how for r in readings):
        how = readings[0].how
    elif same:
        how = f"{readings[0].how}; the same against each end of the publication date"
    else:
        pairs = zip(publication.bases, readings, strict=True)
        how = "; ".join(f"against {base.isoformat()}, {r.how}" for base, r in pairs)
        how += "; the readings are widened to one range"
    return f"'{text}' resolved by the extractor against {publication.note()}: {how}."


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- reading one phrase against one base day --------------------------------------------------


def _reading(phrase: str, base: dt.date, tense: _Tense) -> _Read | None:
    """Read a phrase (lower-case words, joined by spaces) against the day ``base``."""
    words = phrase.split()
    readers = (_idiom, _part_of_relative, _relative, _weekend, _weekday, _ago, _range, _absolute)
    for reader in readers:
        found = reader(words, base, tense)
        if found is not None:
            return found
    return None


def _idiom(words: list[str], base: dt.date, tense: _Tense) -> _Read | None:
    """Read "yesterday", "today", "last night", "recently", "the week before last"…."""
    text = " ".join(words)
    shifts = {
        "yesterday": (-1, "the day before"),
        "today": (0, "the publication day"),
        "tonight": (0, "the publication day"),
        "tomorrow": (1, "the day after"),
        "last night": (-1, "the night before"),
        "the day before yesterday": (-2, "two days before"),
        "the day after tomorrow": (2, "two days after"),
    }
    if text in shifts:
        shift, what = shifts[text]
        day = base + dt.timedelta(days=shift)
        return _Read(day, day, "day", f"taken as {what} {_ref(base)}, {day.isoformat()}")
    if text == "the week before last":
        monday = base - dt.timedelta(days=base.weekday() + 14)
        how = f"the Monday–Sunday week two weeks before that of {_ref(base)}"
        return _Read(monday, monday + dt.timedelta(days=6), "range", how)
    if text in {"recently", "recent"}:
        return _Read(None, base, "range", f"runs up to {_ref(base)}, its start open")
    if len(words) >= 3 and words[-2] == "coming" and words[-1] in _UNITS:
        return _Read(base, None, "range", f"opens at {_ref(base)}, its end open")
    return None


def _ref(base: dt.date) -> str:
    return f"the publication day {base.isoformat()}"


_UNIT_WORDS = {"week": "week", "month": "month", "year": "year"}


def _part_of_relative(words: list[str], base: dt.date, tense: _Tense) -> _Read | None:
    """Read "late last month", "early next year": a third of that month or year."""
    if len(words) != 3 or words[0] not in _PARTS or words[1] not in {"last", "this", "next"}:
        return None
    whole = _relative(words[1:], base, tense)
    if whole is None or whole.first is None:
        return None
    part = _PARTS[words[0]]
    month = whole.first.month if words[2] == "month" else None
    found = _interval(_Spec(month=month, part=part), whole.first.year)
    named = f"{MONTHS[month - 1]} {whole.first.year}" if month else str(whole.first.year)
    how = f"{part} {named}, {whole.how}"
    return _Read(found[0], found[1], "range", how) if found else None


def _relative(words: list[str], base: dt.date, tense: _Tense) -> _Read | None:
    """Read "last week", "next month", "earlier this year", "so far this month", "past week"."""
    if len(words) < 2 or words[-1] not in _UNIT_WORDS:
        return None
    unit, lead = words[-1], " ".join(words[:-1])
    lead = {"earlier in the": "earlier this", "later in the": "later this"}.get(lead, lead)
    if lead not in {"last", "this", "next", "past", "earlier this", "later this", "so far this"}:
        return None
    first, last = _unit_of(unit, base)
    if lead == "past":
        start = {"week": base - dt.timedelta(days=7), "month": _months_before(base, 1)}.get(
            unit, _months_before(base, 12)
        )
        return _Read(start, base, "range", f"the {unit} up to {_ref(base)}")
    step = {"last": -1, "next": 1}.get(lead, 0)
    if step:
        first, last = _unit_of(unit, _shift(first, unit, step))
    if lead == "so far this":
        last = base
    if lead == "earlier this":
        # what happened earlier happened before the day of writing, unless that day opens it
        last = max(base - dt.timedelta(days=1), first)
    if lead == "later this":
        first = base
    precision = "range" if unit == "week" or lead not in {"last", "this", "next"} else unit
    where = {"last": "before that of", "next": "after that of"}.get(lead, "of")
    shown = {"week": "Monday–Sunday week"}.get(unit, unit)
    how = f"the {shown} {where} {_ref(base)}"
    if lead == "so far this":
        how = f"from the start of the {unit} of {_ref(base)} to that day"
    elif lead == "earlier this":
        how = f"from the start of the {unit} of {_ref(base)} to the day before, {last}"
        if last == base:
            how = f"{_ref(base)}, which opens its {unit}, so nothing earlier in it"
    elif lead == "later this":
        how = f"from {_ref(base)} to the end of its {unit}"
    return _Read(first, last, precision, how)


def _unit_of(unit: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """Return the first and last day of the week (Monday–Sunday), month or year of ``day``."""
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return _month_range(day.year, day.month)
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def _shift(day: dt.date, unit: str, step: int) -> dt.date:
    if unit == "week":
        return day + dt.timedelta(days=7 * step)
    if unit == "month":
        month = day.year * 12 + day.month - 1 + step
        return dt.date(month // 12, month % 12 + 1, 1)
    return dt.date(day.year + step, 1, 1)


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.year * 12 + day.month - 1 - months
    year, number = month // 12, month % 12 + 1
    return dt.date(year, number, min(day.day, calendar.monthrange(year, number)[1]))


def _weekend(words: list[str], base: dt.date, tense: _Tense) -> _Read | None:
    """Read "last weekend", "this past weekend", "over the weekend", "next weekend"."""
    if not words or words[-1] != "weekend":
        return None
    lead = " ".join(w for w in words[:-1] if w not in {"over", "at", "on", "during"})
    saturday = base + dt.timedelta(days=5 - base.weekday())  # of the week of base
    in_weekend = base.weekday() >= 5
    if lead in {"last", "past", "this past", "the past"}:
        start, how = saturday - dt.timedelta(days=7), "the last weekend before"
    elif lead == "next":
        start = saturday + dt.timedelta(days=7 if in_weekend else 0)
        how = "the coming weekend after"
    elif lead in {"this", "the"}:
        if in_weekend:
            start, how = saturday, "the weekend of"
        elif tense.prospective:
            start, how = saturday, f"the coming weekend ({tense.why()}) after"
        else:
            start = saturday - dt.timedelta(days=7)
            how = f"the last weekend ({tense.why()}) before"
    else:
        return None
    how = f"{how} {_ref(base)}: Saturday {start.isoformat()} and Sunday"
    return _Read(start, start + dt.timedelta(days=1), "range", how)


def _weekday(words: list[str], base: dt.date, tense: _Tense) -> _Read | None:
    """Read "Tuesday", "on Tuesday", "last Tuesday", "next Tuesday", "this coming Tuesday"."""
    words = [w for w in words if w != "on"]
    if not words or words[-1] not in _WEEKDAY_INDEX:
        return None
    name, lead = WEEKDAYS[_WEEKDAY_INDEX[words[-1]]], " ".join(words[:-1])
    back = (base.weekday() - _WEEKDAY_INDEX[words[-1]]) % 7
    ahead = (7 - back) % 7
    if lead in {"last", "past", "this past"}:
        day, how = base - dt.timedelta(days=back or 7), f"the last {name} before"
    elif lead in {"next", "coming", "this coming"}:
        day, how = base + dt.timedelta(days=ahead or 7), f"the coming {name} after"
    elif lead in {"", "this"}:
        if back == 0:
            return _Read(base, base, "day", f"weekday '{name}' taken as {_ref(base)}")
        if tense.prospective:
            day, how = base + dt.timedelta(days=ahead), f"the coming {name} ({tense.why()}) after"
        else:
            day, how = base - dt.timedelta(days=back), f"the last {name} ({tense.why()}) before"
    else:
        return None
    return _Read(day, day, "day", f"weekday '{name}' taken as {how} {_ref(base)}, {day}")


def _ago(words: list[str], base: dt.date, tense: _Tense) -> _Read | None:
    """Read "two days ago", "a year ago" with dateparser, never after the publication day."""
    if not words or words[-1] != "ago":
        return None
    found = _parse(" ".join(words), base)
    if found is None or found[0] > base:
        return None
    day, period = found
    how = f"counted back from {_ref(base)} by dateparser"
    if period == "year":
        return _Read(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year", how)
    if period == "month":
        return _Read(*_month_range(day.year, day.month), "month", how)
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return _Read(monday, monday + dt.timedelta(days=6), "range", how + ", to its week")
    return _Read(day, day, "day", how)


@lru_cache(maxsize=256)
def _parser(base: dt.date) -> Any:
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    settings = {
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time(12)),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["relative-time"],
    }
    return DateDataParser(languages=["en"], settings=settings)  # no language detection


def _parse(phrase: str, base: dt.date) -> tuple[dt.date, str] | None:
    data = _parser(base).get_date_data(phrase)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


# --- absolute dates: day, month, part, season, year, and ranges of them ------------------------


@dataclass(frozen=True)
class _Spec:
    """An absolute date phrase in parts; ``None`` where the phrase is silent."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None
    season: str | None = None
    lead: str | None = None
    """"last", "this" or "next" before a month or season name."""


def _spec(words: Sequence[str], bare_day: bool = False) -> _Spec | None:
    """Split an absolute date phrase into its parts; ``None`` for a word it does not know.

    A day with no month is refused unless ``bare_day`` (one end of "9-15 January").
    """
    fields: dict[str, Any] = {}
    for index, word in enumerate(words):
        if word in _FILLER or word in _DASHES or word == "half":
            continue
        found = _part_of_spec(word, "half" in words[index:])
        if found is None or found[0] in fields:
            return None  # a word this reader does not know; two months, two years
        fields[found[0]] = found[1]
    if fields.pop("year_word", False):
        # "late last year", "early next year", "the end of the year"
        if set(fields) - {"part", "lead"}:
            return None
        return _Spec(part=fields.get("part"), lead=fields.get("lead", "this"), season="year")
    spec = _Spec(**fields)
    if spec.day is not None and spec.month is None and not bare_day:
        return None
    return spec if spec != _Spec() else None


def _part_of_spec(word: str, half: bool) -> tuple[str, Any] | None:
    """Return which part of a date ``word`` gives, and its value ("march" is month 3)."""
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    found: tuple[str, Any] | None = None
    if re.fullmatch(r"(?:19|20)\d\d", word):
        found = "year", int(word)
    elif word in _MONTH_WORDS:
        found = "month", _MONTH_WORDS[word]
    elif match:
        found = "day", int(match[1])
    elif word in _PARTS:
        found = "part", _PARTS[word]
    elif word in {"first", "second"} and half:
        found = "part", f"{word} half"
    elif word in SEASONS:
        found = "season", word
    elif word in {"last", "this", "next", "past"}:
        found = "lead", "last" if word == "past" else word
    elif word == "year":
        found = "year_word", True
    return found


def _interval(spec: _Spec, year: int) -> tuple[dt.date, dt.date, str] | None:
    """Return the first and last day of ``spec`` in ``year`` and its precision."""
    if spec.month is not None and spec.day is not None:
        try:
            day = dt.date(year, spec.month, spec.day)
        except ValueError:
            return None  # 29 February of a common year, 31 April
        return day, day, "day"
    if spec.month is not None:
        first, last = _month_range(year, spec.month)
        if spec.part is None:
            return first, last, "month"
        # early: days 1-10, mid: 11-20, late: 21 to the end
        start = {"early": 0, "mid": 10, "late": 20}[spec.part]
        end = {"early": first + dt.timedelta(days=9), "mid": first + dt.timedelta(days=19)}
        return first + dt.timedelta(days=start), end.get(spec.part, last), "range"
    months = SEASONS.get(spec.season or "") or _PART_MONTHS.get(spec.part or "")
    if months is not None:
        opening, closing = months
        start_year = year - 1 if opening > closing else year  # winter begins the year before
        return dt.date(start_year, opening, 1), _month_range(year, closing)[1], "range"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


#: The months of a part of a year: thirds for early, mid and late, and halves.
_PART_MONTHS = {
    "early": (1, 4),
    "mid": (5, 8),
    "late": (9, 12),
    "first half": (1, 6),
    "second half": (7, 12),
}


def _absolute(words: list[str], base: dt.date, tense: _Tense) -> _Read | None:
    """Read a day, month, part of a month or year, or season, with or without its year."""
    spec = _spec(words)
    if spec is None:
        return None
    if spec.year is not None:
        found = _interval(spec, spec.year)
        if found is None:
            return None
        note = spec.season is not None or spec.part is not None
        how = f"read as {_span_text(found)}{_season_note(spec)}"
        return _Read(*found, how, stated=True, needs_note=note)
    return _place_in_year(spec, base, tense)


def _span_text(found: tuple[dt.date, dt.date, str]) -> str:
    first, last, _ = found
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def _place_in_year(spec: _Spec, base: dt.date, tense: _Tense) -> _Read | None:
    """Choose the year of a phrase that names none, by its lead word or its tense."""
    found = [f for y in range(base.year - 4, base.year + 5) if (f := _interval(spec, y))]
    if spec.season == "year":  # "late last year", "early next year", "the end of this year"
        step = {"last": -1, "next": 1}.get(spec.lead or "this", 0)
        choice = _interval(_Spec(part=spec.part), base.year + step)
        how = f"taken in the year {base.year + step}, from {_ref(base)}"
        return _Read(*choice, how) if choice else None
    if spec.lead == "last":
        # "last March" in March is a year back; "last summer" the last one over by then
        over = [f for f in found if f[1] < base]
        choice, how = (over[-1] if over else None), "the last one over before"
    elif spec.lead == "next":
        after = [f for f in found if f[0] > _unit_of("month", base)[1]]
        choice, how = (after[0] if after else None), "the next one after the month of"
    elif spec.lead == "this" and spec.season is not None:
        choice = min(found, key=lambda f: _distance(f, base), default=None)
        how = "the one nearest to"
    elif spec.lead == "this":
        choice = next((f for f in found if f[0].year == base.year), None)
        how = "the one in the year of"
    else:
        choice, how = _by_tense(found, base, tense)
    if choice is None:
        return None
    how = f"taken as {how} {_ref(base)}: {_span_text(choice)}{_season_note(spec)}"
    return _Read(*choice, how)


_Bounded = TypeVar("_Bounded", bound=tuple[Any, ...])


def _by_tense(
    options: Sequence[_Bounded], base: dt.date, tense: _Tense
) -> tuple[_Bounded | None, str]:
    """Choose among occurrences in time order (first day, last day, …) by the tense.

    Something to come is the first occurrence not over by ``base``; anything else the last one
    begun by then.
    """
    if tense.prospective:
        after = (o for o in options if o[1] >= base)
        return next(after, None), f"the coming one ({tense.why()}) from"
    before = (o for o in reversed(options) if o[0] <= base)
    return next(before, None), f"the last one ({tense.why()}) up to"


def _season_note(spec: _Spec) -> str:
    if spec.season not in SEASONS:
        return ""
    opening, closing = (MONTHS[m - 1] for m in SEASONS[spec.season])
    return f" ({spec.season} taken as {opening} to {closing}, northern hemisphere)"


def _distance(found: tuple[dt.date, dt.date, str], base: dt.date) -> int:
    first, last, _ = found
    return 0 if first <= base <= last else min(abs((first - base).days), abs((last - base).days))


def _range(words: list[str], base: dt.date, tense: _Tense) -> _Read | None:
    """Read "between June and July 2024", "from April 2019 to June 2020", "9-15 January"."""
    body = words[1:] if words and words[0] in {"between", "from"} else words
    cut = _connector(body)
    if cut is None:
        return None
    left, right = _spec(body[:cut], bare_day=True), _spec(body[cut + 1 :], bare_day=True)
    if left is None or right is None or left.lead or right.lead or left.season or right.season:
        return None
    if left.month is None and left.day is not None:
        left = replace(left, month=right.month)
    if right.month is None and right.day is not None:
        right = replace(right, month=left.month)
    if left.day is None and left.month is None and left.year is None:
        return None
    year = right.year or left.year
    if year is None:
        return _place_range(left, right, base, tense)
    return _stated_range(left, right, year)


def _connector(body: list[str]) -> int | None:
    for index, word in enumerate(body):
        if word in _CONNECTORS and 0 < index < len(body) - 1:
            if word in _DASHES and body[index - 1] in _PARTS:
                continue  # "mid-March" is one date
            return index
    return None


def _stated_range(left: _Spec, right: _Spec, year: int) -> _Read | None:
    right_year = right.year if right.year is not None else year
    left_year = left.year if left.year is not None else right_year
    start, end = _interval(left, left_year), _interval(right, right_year)
    if start is not None and end is not None and start[0] > end[1] and right.year is None:
        right_year += 1  # "from November 2019 to February": February of the year after
        end = _interval(right, right_year)
    if start is not None and end is not None and start[0] > end[1] and left.year is None:
        left_year -= 1  # "between December and February 2020": December of the year before
        start = _interval(left, left_year)
    if start is None or end is None or start[0] > end[1]:
        return None
    shared = ""
    if left.year is None or right.year is None:
        shared = f", the year {year} shared"
        if left_year != right_year:
            shared = f", the years read as {left_year} and {right_year}"
    how = f"read as the range {start[0].isoformat()} to {end[1].isoformat()}{shared}"
    return _Read(start[0], end[1], "range", how, stated=True, needs_note=True)


def _place_range(left: _Spec, right: _Spec, base: dt.date, tense: _Tense) -> _Read | None:
    """Choose the year of a range that names none, by its tense, as for a single date."""
    options = []
    for year in range(base.year - 2, base.year + 3):
        found = _stated_range(left, right, year)
        if found is not None and found.first is not None and found.last is not None:
            options.append((found.first, found.last))
    choice, how = _by_tense(options, base, tense)
    if choice is None:
        return None
    text = f"taken as {how} {_ref(base)}: {choice[0].isoformat()} to {choice[1]}"
    return _Read(choice[0], choice[1], "range", text)


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
