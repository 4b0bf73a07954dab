"""Splitting a seed text into sentences, with code point offsets into the exact text.

A small rule-based splitter rather than a library: pysbd finds its offsets by searching the
text again for each sentence string and rewrites the whitespace around ``..`` (which the Arabic
menu of SEED-002 uses), and syntok runs sentences across line breaks; neither knows the page
furniture of these seeds. The rules here are few, deterministic and written down:

- a line break always ends a sentence (headlines, menus and list items are one per line);
- within a line, a sentence ends after ``.``, ``!``, ``?``, ``…`` or the Arabic ``؟`` (then any
  closing quotes, brackets and footnote markers such as ``[ii]``) when whitespace follows and
  the next character is an upper-case letter, a digit, or an opening quote or bracket; after
  ``؟`` any letter will do, since Arabic has no capitals; a mark that opens the sentence (the
  elision in "… Haftar has not") ends nothing;
- a single ``.`` does not end a sentence after an abbreviation in ``ABBREVIATIONS``, after
  initials (``U.S.``, ``e.g.``, ``J.``, the Arabic ``د.``), or after a list number that starts
  the sentence (``1. The desire…``);
- each sentence is stripped of surrounding whitespace (no-break spaces included) and empty ones
  are dropped, so the sentences cover every non-whitespace character of the text.

A sentence that ends with a single-letter word or ``U.S.`` runs on into the next one, and two
sentences with no space between them (``Syria.As``) stay one: both are rare in these seeds,
and a long sentence costs a curator less than a wrong split.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: Words that a full stop follows without ending the sentence (compared case-sensitively).
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        # months
        *("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"),
        # titles and ranks
        *("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm"),
        *("Cmdr", "Gov", "Sen", "Rep", "Pres", "Amb", "Rev", "Hon", "St", "Jr", "Sr", "Mt"),
        # references and companies
        *("vs", "cf", "al", "approx", "ca", "fig", "Fig", "pp", "No", "Vol", "vol"),
        *("Inc", "Ltd", "Corp", "Co"),
    }
)

_OPENERS = "“‘\"'«(["
_CLOSERS = "”’\"'»)]"
_TERMINATOR = re.compile(
    rf"(?P<mark>[.!?…؟]+)(?:\[(?:[ivxlc]+|\d+)\]|[{re.escape(_CLOSERS)}])*(?=\s+(?P<next>\S))"
)
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
#: A list item's number ("1", "ii", "IV"), which a following full stop does not end a sentence.
LIST_NUMBER = r"\d{1,3}|[ivxlc]+|[IVXLC]+"
_LIST_NUMBER = re.compile(LIST_NUMBER)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: ``text[start:end]``, on line ``line`` (counting from 1)."""

    start: int
    end: int
    line: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, in order, with exact code point offsets.

    The sentences are disjoint, non-empty, never start or end with whitespace, never cross a
    line break, and together hold every non-whitespace character of ``text``.
    """
    sentences = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        for start, end in _line_sentences(line):
            sentences.append(Sentence(offset + start, offset + end, number, line[start:end]))
        offset += len(line) + 1
    return sentences


def _line_sentences(line: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _TERMINATOR.finditer(line):
        if _ends_sentence(line, start, match):
            yield from _stripped(line, start, match.end())
            start = match.end()
    yield from _stripped(line, start, len(line))


def _ends_sentence(line: str, start: int, match: re.Match[str]) -> bool:
    mark, following = match["mark"], match["next"]
    before = line[start : match.start()]
    if not before.strip():
        return False  # a mark that opens the sentence ("… Haftar has not") ends nothing
    if "؟" in mark:
        starts_next = following.isalpha() or following.isdigit() or following in _OPENERS
    else:
        starts_next = following.isupper() or following.isdigit() or following in _OPENERS
    if not starts_next:
        return False
    if mark != ".":
        return True  # ellipses, question and exclamation marks are never abbreviations
    word = before.split()[-1].lstrip(_OPENERS)
    if word in ABBREVIATIONS or _INITIALS.fullmatch(word):
        return False
    return not _LIST_NUMBER.fullmatch(before.strip())


def _stripped(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = line[start:end]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        yield start + lead, end - trail
