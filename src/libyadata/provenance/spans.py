"""Finding and checking evidence spans in a seed text, by Unicode code point."""

from __future__ import annotations

import unicodedata

from ..core.catalogue.provenance_problems import (
    PREFIX_MISMATCH,
    PREFIX_MISSING,
    QUOTE_MISMATCH,
    SPAN_RANGE,
    SPLIT_CLUSTER,
    SUFFIX_MISMATCH,
    SUFFIX_MISSING,
)
from ..core.catalogue.record_problems import (
    PREFIX_UNMATCHED,
    QUOTE_ABSENT,
    QUOTE_AMBIGUOUS,
    QUOTE_EMPTY,
)
from ..core.problems import Problem, ProblemType
from ..models import Evidence
from ..models.evidence import CONTEXT_LENGTH


class QuoteNotFoundError(ValueError):
    """A quote is absent from the text, or occurs more than once and cannot be told apart.

    ``kind`` is the reason (``QUOTE_ABSENT``, ``QUOTE_AMBIGUOUS``, ``PREFIX_UNMATCHED`` or
    ``QUOTE_EMPTY``) and ``message`` the fact alone; the exception's text adds the fix.
    """

    def __init__(self, kind: ProblemType, **values: object) -> None:
        message = kind.text(**values)
        super().__init__(f"{message}; {kind.hint}" if kind.hint else message)
        self.kind = kind
        self.values = values
        self.message = message

    @property
    def code(self) -> str:
        """The reason code, e.g. ``quote-absent``."""
        return self.kind.code


def locate(text: str, quote: str, prefix: str | None = None) -> tuple[int, int]:
    """Return ``(start, end)`` of the one occurrence of ``quote`` in ``text``.

    When the quote occurs more than once, ``prefix`` (text just before it) picks the
    occurrence; if it still matches several or none, ``QuoteNotFoundError`` says so, with a
    reason code.
    """
    if not quote:
        raise QuoteNotFoundError(QUOTE_EMPTY)
    starts = []
    position = text.find(quote)
    while position != -1:
        starts.append(position)
        position = text.find(quote, position + 1)
    if not starts:
        raise QuoteNotFoundError(QUOTE_ABSENT, quote=quote[:60])
    if len(starts) > 1 and prefix:
        # endswith with bounds: no copy of the text per occurrence (linear, not quadratic)
        matching = [start for start in starts if text.endswith(prefix, 0, start)]
        if not matching:
            raise QuoteNotFoundError(
                PREFIX_UNMATCHED, quote=quote[:60], count=len(starts), prefix=prefix
            )
        starts = matching
    if len(starts) != 1:
        raise QuoteNotFoundError(QUOTE_AMBIGUOUS, quote=quote[:60], count=len(starts))
    return starts[0], starts[0] + len(quote)


def context(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """Return the prefix and suffix of a span: up to ``CONTEXT_LENGTH`` code points each side."""
    prefix = text[max(0, start - CONTEXT_LENGTH) : start] or None
    suffix = text[end : end + CONTEXT_LENGTH] or None
    return prefix, suffix


def verify(span: Evidence, text: str) -> list[Problem]:
    """Check a span against its seed text; return the problems (none when it holds).

    Checks that the offsets are in range, that ``text[start:end] == quote``, that prefix and
    suffix are the text around the span, and that neither boundary falls inside a combining
    mark sequence (Arabic harakat, say), which would split a letter from its marks.
    """
    if holds(span, text):
        return []
    if span.end > len(text):
        return [SPAN_RANGE(end=span.end, size=len(text), field="end")]
    found = []
    actual = text[span.start : span.end]
    if actual != span.quote:
        found.append(
            QUOTE_MISMATCH(
                start=span.start,
                end=span.end,
                actual=actual[:60],
                quote=span.quote[:60],
                field="quote",
            )
        )
    prefix, suffix = context(text, span.start, span.end)
    if span.prefix is None and prefix is not None:
        found.append(PREFIX_MISSING(field="prefix"))
    if span.suffix is None and suffix is not None:
        found.append(SUFFIX_MISSING(field="suffix"))
    if span.prefix is not None and not (prefix or "").endswith(span.prefix):
        found.append(PREFIX_MISMATCH(field="prefix"))
    if span.suffix is not None and not (suffix or "").startswith(span.suffix):
        found.append(SUFFIX_MISMATCH(field="suffix"))
    for offset, name in ((span.start, "start"), (span.end, "end")):
        if 0 < offset < len(text) and unicodedata.combining(text[offset]):
            found.append(SPLIT_CLUSTER(boundary=name, offset=offset, field=name))
    return found


def holds(span: Evidence, text: str) -> bool:
    """Return whether every check of ``verify`` passes, quickly: no slicing, no problems built.

    The model guarantees ``len(quote) == end - start``, so the quote starting at ``start`` is
    ``text[start:end] == quote``; prefix and suffix are at most ``CONTEXT_LENGTH`` long.
    """
    start, end, size = span.start, span.end, len(text)
    if end > size or not text.startswith(span.quote, start):
        return False
    if span.prefix is None:
        if start > 0:
            return False
    elif not text.endswith(span.prefix, max(0, start - CONTEXT_LENGTH), start):
        return False
    if span.suffix is None:
        if end < size:
            return False
    elif not text.startswith(span.suffix, end, end + CONTEXT_LENGTH):
        return False
    combining = unicodedata.combining
    return not (
        (0 < start < size and combining(text[start])) or (end < size and combining(text[end]))
    )
