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

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .analyse import Cue
    from .dates import DateMention

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
    by_start: dict[int, list[Cue]] = {}
    for cue in cues:
        by_start.setdefault(cue.start, []).append(cue)
    in_date = [(d.start, d.end) for d in dates]
    found: list[QuantityMention] = []
    taken = -1
    for token in doc:
        if token.i <= taken or any(s <= token.idx < e for s, e in in_date):
            continue
        magnitude = _cue(by_start, token.idx, "magnitude")
        if magnitude is not None:
            end_index = _token_at(doc, magnitude.end - 1)
            unit = _unit(doc, end_index + 1, by_start)
            if unit is not None:
                stated = doc.text[magnitude.start : unit[1]]
                quantity: dict[str, Any] = {"unit": unit[0], "qualifier": "order_of_magnitude", "stated_as": stated}
                found.append(_mention(doc, magnitude.start, unit[1], quantity, unit[1]))
                taken = _token_at(doc, unit[1] - 1)
            continue
        if not (token.like_num or _SUFFIXED.match(token.lower_)) or (
            token.lower_ in {"one", "first"} and not _scaled(doc, token.i)
        ):
            continue
        parsed = _number(doc, token.i)
        if parsed is None:
            continue
        value, last = parsed
        start = token.idx
        if (
            token.lower_ in lexicon.SCALES
            and token.i > 0
            and doc[token.i - 1].lower_ in {"a", "an"}
        ):
            start = doc[token.i - 1].idx  # "a million"
        unit_name: str | None = None
        if token.i > 0 and (sign := _currency(doc[token.i - 1].lower_)):
            unit_name, start = sign, doc[token.i - 1].idx
        end = doc[last].idx + len(doc[last].text)
        percent = _cue(by_start, end + 1, "percent") or _cue(by_start, end, "percent")
        if unit_name is None and percent is not None:
            unit_name, end = "percent", percent.end
        if unit_name is None and last + 1 < len(doc) and (word := _currency(doc[last + 1].lower_)):
            unit_name, end = word, doc[last + 1].idx + len(doc[last + 1].text)
        counted_end = end
        if unit_name is None:
            unit = _unit(doc, last + 1, by_start)
            if unit is not None:
                unit_name, counted_end = unit[0], unit[1]
            elif _money_before(doc, token.i, by_start):
                unit_name = "unstated_currency"
            elif found and _compared(doc.text[found[-1].end : start]):
                # "100,000 migrants … compared with a million": the same thing, counted again.
                unit_name = found[-1].quantity["unit"]
        if unit_name is None or (_year_like(token.text) and unit_name == "percent"):
            continue
        quantity = {
            "value": value,
            "unit": unit_name,
            "qualifier": _qualifier(doc, start, by_start),
            "stated_as": doc.text[start:end],
        }
        found.append(_mention(doc, start, end, quantity, max(end, counted_end)))
        taken = last
    return found


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


def _qualifier(doc: Doc, start: int, by_start: dict[int, list[Cue]]) -> str:
    for cues in by_start.values():
        for cue in cues:
            if cue.group.startswith("qualifier:") and start - 2 <= cue.end <= start:
                return cue.group.removeprefix("qualifier:")
    return "exact"


def _compared(between: str) -> bool:
    """Whether a number follows another in a comparison within one sentence."""
    return (
        len(between) < 80
        and "\n" not in between
        and any(
            word in between
            for word in ("compared with", "compared to", "against", "versus", "than")
        )
    )


def _year_like(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"}
