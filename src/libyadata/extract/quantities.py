"""Quantities in a seed: the number as worded, its unit, its qualifier and what it counts.

Numbers are spaCy tokens that look like numbers (``like_num``: "2,000", "1.5", "ten",
"million"), with a scale word after them ("£1m", "4 billion") and a currency sign before them.
A number becomes a quantity only when something says what it counts: a unit noun within a few
words ("2,000 Russian mercenaries", "1,500 regular troops", "tens of thousands of tonnes"),
per cent, a currency, or a money word before it ("worth over 4 billion"). Qualifiers come from
the words just before ("up to", "about", "more than"); vague amounts ("several hundred",
"thousands") are orders of magnitude with no number, never a guessed one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import lexicon
from .cues import Cue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .datephrases import DateMention

#: How many words after a number may stand between it and the noun it counts.
_UNIT_REACH = 3
_SUFFIXED = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(bn|mn|m|k|b)$")
_CLAUSE_END = {",", ";", ".", "–", "—", ":", "(", ")", "!", "?"}


@dataclass(frozen=True)
class QuantityMention:
    """A quantity of the text: ``quantity`` holds the ``Quantity`` fields."""

    start: int
    end: int
    quantity: dict[str, Any]
    counted: str
    """The words after the number up to the end of its clause: what it counts."""
    signal: str


def find_quantities(
    doc: Doc, cues: Sequence[Cue], dates: Sequence[DateMention]
) -> list[QuantityMention]:
    """Return every quantity of ``doc`` that says what it counts, in text order."""
    return _Finder(doc, cues, dates).run()


class _Finder:
    """One pass over a text's tokens, remembering the quantities found so far."""

    def __init__(self, doc: Doc, cues: Sequence[Cue], dates: Sequence[DateMention]) -> None:
        self.doc = doc
        self.by_start: dict[int, list[Cue]] = {}
        for cue in cues:
            self.by_start.setdefault(cue.start, []).append(cue)
        self.in_date = [(d.start, d.end) for d in dates]
        self.found: list[QuantityMention] = []

    def run(self) -> list[QuantityMention]:
        taken = -1
        for token in self.doc:
            if token.i <= taken or any(s <= token.idx < e for s, e in self.in_date):
                continue
            magnitude = _cue(self.by_start, token.idx, "magnitude")
            result = self.vague(magnitude) if magnitude is not None else self.number(token)
            if result is not None:
                self.found.append(result[0])
                taken = result[1]
        return self.found

    def vague(self, magnitude: Cue) -> tuple[QuantityMention, int] | None:
        """Read "several hundred troops": an order of magnitude, no number."""
        unit = _unit(self.doc, _token_at(self.doc, magnitude.end - 1) + 1, self.by_start)
        if unit is None:
            return None
        stated = self.doc.text[magnitude.start : unit[1]]
        quantity = {"unit": unit[0], "qualifier": "order_of_magnitude", "stated_as": stated}
        mention = _mention(self.doc, magnitude.start, unit[1], quantity, unit[1])
        return mention, _token_at(self.doc, unit[1] - 1)

    def number(self, token: Token) -> tuple[QuantityMention, int] | None:
        """Read a number and what it counts; ``None`` if nothing says what it counts."""
        doc = self.doc
        if not (token.like_num or _SUFFIXED.match(token.lower_)) or (
            token.lower_ in {"one", "first"} and not _scaled(doc, token.i)
        ):
            return None
        parsed = _number(doc, token.i)
        if parsed is None:
            return None
        value, last = parsed
        start = token.idx
        if (
            token.lower_ in lexicon.SCALES
            and token.i > 0
            and doc[token.i - 1].lower_ in {"a", "an"}
        ):
            start = doc[token.i - 1].idx  # "a million"
        sign = _currency(doc[token.i - 1].lower_) if token.i > 0 else None
        if sign:
            start = doc[token.i - 1].idx
        end = doc[last].idx + len(doc[last].text)
        unit_name, end, counted_end = self.unit(token, last, start, end, sign)
        if unit_name is None or (_year_like(token.text) and unit_name == "percent"):
            return None
        quantity = {
            "value": value,
            "unit": unit_name,
            "qualifier": _qualifier(start, self.by_start),
            "stated_as": doc.text[start:end],
        }
        return _mention(doc, start, end, quantity, max(end, counted_end)), last

    def unit(
        self, token: Token, last: int, start: int, end: int, sign: str | None
    ) -> tuple[str | None, int, int]:
        """Return the unit of the number ``token``…``last``, its new end and what it counts to."""
        doc = self.doc
        if sign:
            return sign, end, end
        percent = _cue(self.by_start, end + 1, "percent") or _cue(self.by_start, end, "percent")
        if percent is not None:
            return "percent", percent.end, percent.end
        if last + 1 < len(doc) and (word := _currency(doc[last + 1].lower_)):
            after = doc[last + 1].idx + len(doc[last + 1].text)
            return word, after, after
        unit = _unit(doc, last + 1, self.by_start)
        if unit is not None:
            return unit[0], end, unit[1]
        return self.unworded(token, start), end, end

    def unworded(self, token: Token, start: int) -> str | None:
        """Return the unit of a number no word after it names: money, or the one compared."""
        if _money_before(self.doc, token.i, self.by_start):
            return "unstated_currency"
        if self.found and _compared(self.doc.text[self.found[-1].end : start]):
            # "100,000 migrants … compared with a million": the same thing, counted again.
            return str(self.found[-1].quantity["unit"])
        return None


def _mention(
    doc: Doc, start: int, end: int, quantity: dict[str, Any], after: int
) -> QuantityMention:
    text = doc.text
    stop = after
    while stop < len(text) and text[stop] not in _CLAUSE_END and text[stop] != "\n":
        stop += 1
    counted = text[end:stop].strip()
    signal = f"quantity '{quantity['stated_as']}' ({quantity['unit']}, {quantity['qualifier']})"
    return QuantityMention(start, end, quantity, counted, signal)


def _cue(by_start: dict[int, list[Cue]], offset: int, group: str) -> Cue | None:
    return next((c for c in by_start.get(offset, ()) if c.group == group), None)


def _token_at(doc: Doc, offset: int) -> int:
    for token in doc:
        if token.idx <= offset < token.idx + len(token.text):
            return int(token.i)
    return len(doc) - 1


def _currency(word: str) -> str | None:
    return next((unit for unit, words in lexicon.CURRENCIES.items() if word in words), None)


def _scaled(doc: Doc, index: int) -> bool:
    return index + 1 < len(doc) and doc[index + 1].lower_ in lexicon.SCALES


def _number(doc: Doc, index: int) -> tuple[float, int] | None:
    """Return the value of the number starting at token ``index`` and its last token."""
    word = doc[index].lower_
    if word in lexicon.SCALES and index > 0 and doc[index - 1].lower_ in {"a", "an"}:
        return float(lexicon.SCALES[word]), index
    suffixed = _SUFFIXED.match(word)
    if suffixed:  # "2.5bn", "40m": the tokenizer keeps the scale on the number
        return float(suffixed.group(1).replace(",", "")) * lexicon.SCALES[suffixed.group(2)], index
    try:
        value = float(word.replace(",", ""))
    except ValueError:
        if word not in lexicon.NUMBER_WORDS or word in {"a", "an"}:
            return None
        value = float(lexicon.NUMBER_WORDS[word])
    last = index
    while last + 1 < len(doc) and doc[last + 1].lower_ in lexicon.SCALES:
        value *= lexicon.SCALES[doc[last + 1].lower_]
        last += 1
    return value, last


def _unit(doc: Doc, index: int, by_start: dict[int, list[Cue]]) -> tuple[str, int] | None:
    """Return the unit of the noun counted within reach after token ``index``, and its end."""
    for token in doc[index : index + _UNIT_REACH + 2]:
        if token.text in _CLAUSE_END or token.like_num:
            return None
        for cue in by_start.get(token.idx, ()):
            if cue.group.startswith("unit:"):
                return cue.group.removeprefix("unit:"), cue.end
    return None


def _money_before(doc: Doc, index: int, by_start: dict[int, list[Cue]]) -> bool:
    for token in doc[max(0, index - 4) : index]:
        if _cue(by_start, token.idx, "money") is not None:
            return True
    return False


def _qualifier(start: int, by_start: dict[int, list[Cue]]) -> str:
    """Return the qualifier the words just before ``start`` give ("up to", "about")."""
    for cues in by_start.values():
        for cue in cues:
            if cue.group.startswith("qualifier:") and start - 2 <= cue.end <= start:
                return cue.group.removeprefix("qualifier:")
    return "exact"


#: A comparison just before a number: "…, down from about 105,000 last year".
_COMPARED_BEFORE = re.compile(
    r"\b(?:down|up)\s+from(?:\s+(?:about|some|around|nearly|almost|over|roughly))?\s*$"
)


def _compared(between: str) -> bool:
    """Whether a number follows another in a comparison within one sentence.

    Near it ("compared with a million"), or anywhere after it when the comparison stands
    right before the number ("…, according to the ministry, down from about 105,000").
    """
    if "\n" not in between and _COMPARED_BEFORE.search(between):
        return True
    return (
        len(between) < 80
        and "\n" not in between
        and any(
            word in between
            for word in (
                *("compared with", "compared to", "against", "versus", "than", "down from"),
                "up from",
            )
        )
    )


def _year_like(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"}
