"""Real spans of a text, drawn at random offsets that never split a letter from its marks."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ..models.evidence import CONTEXT_LENGTH

#: Longest quote drawn by default, in code points: about a sentence or two, as curators quote.
MAX_QUOTE = 200


class Span(NamedTuple):
    """A span of a text with its context, as an ``Evidence`` holds it (less seed and supports)."""

    start: int
    end: int
    quote: str
    prefix: str | None
    suffix: str | None


def _joins_previous(char: str) -> bool:
    # A combining mark (any class, or any M category, which is wider) belongs to the letter
    # before it, so no span may start or end just before one.
    return unicodedata.combining(char) != 0 or unicodedata.category(char).startswith("M")


@lru_cache(maxsize=64)
def boundaries(text: str) -> tuple[int, ...]:
    """Return the offsets where a span of ``text`` may start or end, in increasing order."""
    return tuple(
        offset
        for offset in range(len(text) + 1)
        if offset in (0, len(text)) or not _joins_previous(text[offset])
    )


def spans(text: str, *, max_length: int = MAX_QUOTE) -> SearchStrategy[Span]:
    """Return a strategy of real spans of ``text`` with up to ``CONTEXT_LENGTH`` of context.

    Both offsets are drawn among ``boundaries(text)``, so no span splits a combining-mark
    cluster; quotes are at most ``max_length`` code points unless one cluster is longer.
    """
    cuts = boundaries(text)
    if len(cuts) < 2:
        raise ValueError("an empty text has no spans")

    @st.composite
    def draw_span(draw: DrawFn) -> Span:
        first = draw(st.integers(0, len(cuts) - 2))
        furthest = max(first + 1, bisect_right(cuts, cuts[first] + max_length) - 1)
        start, end = cuts[first], cuts[draw(st.integers(first + 1, furthest))]
        return Span(
            start,
            end,
            text[start:end],
            text[max(0, start - CONTEXT_LENGTH) : start] or None,
            text[end : end + CONTEXT_LENGTH] or None,
        )

    return draw_span()
