"""What makes a sentence worth citing: a date, a number, a known actor or a known place.

The word lists are explicit so a curator can see why a sentence was flagged, and so a change to
them is a reviewed change. A flag errs towards firing: a false flag costs one line in the
exclusions file, a missed one hides a fact the dataset should hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .sentences import LIST_NUMBER

#: The kinds of flag, in the order reports list them.
FLAG_KINDS: tuple[str, ...] = ("date", "number", "actor", "place")

#: Month names, matched capitalised (so the verb "may" is not a date).
MONTHS: tuple[str, ...] = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)
#: Month abbreviations, matched only with their full stop ("Jan. 11"), since "Mar" alone is a word.
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    *("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"),
)
WEEKDAYS: tuple[str, ...] = (
    *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
)
#: Month names as Egyptian and Gulf Arabic write them (the seeds' Arabic dateline uses these).
ARABIC_MONTHS: tuple[str, ...] = (
    *("يناير", "فبراير", "مارس", "أبريل", "إبريل", "مايو", "يونيو", "يوليو"),
    *("أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
)
#: Phrases that date an event relative to the text, matched in any case. "recent" alone is not
#: here: "his recent visit" names a visit that its own sentence or a neighbour dates.
RELATIVE_DATES: tuple[str, ...] = (
    *("last year", "this year", "next year", "last month", "this month", "next month"),
    *("last week", "this week", "next week", "the week before last", "the day before"),
    *("last night", "yesterday", "today", "tonight", "tomorrow", "recently", "ago"),
)
#: "a week before", "days later", "a month earlier": an interval from another event.
_INTERVAL = r"(?:day|week|month|year)s? (?:before|after|later|earlier)"
#: A year from 1900 to 2099 that is not part of a longer number.
_YEAR = r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])"

#: Words for numbers and amounts, matched in any case. "one" and "once" are left out: in these
#: texts they are nearly always a pronoun ("no one", "the European one") or a conjunction.
NUMBER_WORDS: tuple[str, ...] = (
    *("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"),
    *("twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"),
    *("nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty"),
    *("ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions"),
    *("billion", "billions", "trillion", "trillions", "dozen", "dozens", "handful"),
    *("twice", "thrice", "half"),
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    "tenth",
)
#: Any run of digits (in any script), with its thousands separators and decimals.
_DIGITS = r"\d+(?:[.,]\d+)*"
#: A list number opening the sentence ("2. Exploiting…") numbers the list, not a fact.
_LIST_NUMBER = re.compile(rf"^(?:{LIST_NUMBER})[.)]\s+")


def _words(words: Iterable[str]) -> str:
    """Return an alternation of ``words`` as whole words, longest first so it wins."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return r"(?<!\w)(?:" + "|".join(re.escape(word) for word in ordered) + r")(?!\w)"


_DATE = re.compile(
    "|".join(
        (
            _words((*MONTHS, *WEEKDAYS, *ARABIC_MONTHS)),
            r"(?<!\w)(?:" + "|".join(MONTH_ABBREVIATIONS) + r")\.",
            _YEAR,
            "(?i:" + _words(RELATIVE_DATES) + "|" + rf"(?<!\w){_INTERVAL}(?!\w)" + ")",
        )
    )
)
_NUMBER = re.compile(_DIGITS + "|(?i:" + _words(NUMBER_WORDS) + ")")


class Flagger:
    """Flags sentences; the actor and place names are the spellings the curated data knows."""

    def __init__(self, actor_names: Iterable[str] = (), place_names: Iterable[str] = ()) -> None:
        """Match ``actor_names`` and ``place_names`` as whole words, case-sensitively."""
        self._patterns: dict[str, re.Pattern[str] | None] = {
            "date": _DATE,
            "number": _NUMBER,
            "actor": _names(actor_names),
            "place": _names(place_names),
        }

    def flags(self, sentence: str) -> dict[str, tuple[str, ...]]:
        """Return what each kind of flag matched in ``sentence`` (distinct, in text order)."""
        found: dict[str, tuple[str, ...]] = {}
        for kind in FLAG_KINDS:
            pattern = self._patterns[kind]
            if pattern is None:
                continue
            text = _LIST_NUMBER.sub("", sentence, count=1) if kind == "number" else sentence
            matched = tuple(dict.fromkeys(match.group() for match in pattern.finditer(text)))
            if matched:
                found[kind] = matched
        return found


def _names(names: Iterable[str]) -> re.Pattern[str] | None:
    known = [name for name in names if name]
    return re.compile(_words(known)) if known else None
