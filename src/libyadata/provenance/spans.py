"""Finding and checking evidence spans in a seed text, by Unicode code point."""

from __future__ import annotations

import unicodedata

from ..core.problems import Problem, hint_for
from ..models import Evidence
from ..models.evidence import CONTEXT_LENGTH


class QuoteNotFoundError(ValueError):
    """A quote is absent from the text, or occurs more than once and cannot be told apart.

    ``code`` is the reason (``quote-absent``, ``quote-ambiguous``, ``prefix-unmatched`` or
    ``quote-empty``) and ``message`` the fact alone; the exception's text adds the fix.
    """

    def __init__(self, code: str, message: str) -> None:
        hint = hint_for(code)
        super().__init__(f"{message}; {hint}" if hint else message)
        self.code = code
        self.message = message


def locate(text: str, quote: str, prefix: str | None = None) -> tuple[int, int]:
    """Return ``(start, end)`` of the one occurrence of ``quote`` in ``text``.

    When the quote occurs more than once, ``prefix`` (text just before it) picks the
    occurrence; if it still matches several or none, ``QuoteNotFoundError`` says so, with a
    reason code.
    """
    if not quote:
        raise QuoteNotFoundError("quote-empty", "the quote is empty")
    starts = []
    position = text.find(quote)
    while position != -1:
        starts.append(position)
        position = text.find(quote, position + 1)
    if not starts:
        raise QuoteNotFoundError(
            "quote-absent", f"the quote {quote[:60]!r} does not occur in the text"
        )
    if len(starts) > 1 and prefix:
        matching = [start for start in starts if text[:start].endswith(prefix)]
        if not matching:
            raise QuoteNotFoundError(
                "prefix-unmatched",
                f"the quote {quote[:60]!r} occurs {len(starts)} times but never after the "
                f"prefix {prefix!r}",
            )
        starts = matching
    if len(starts) != 1:
        raise QuoteNotFoundError(
            "quote-ambiguous", f"the quote {quote[:60]!r} occurs {len(starts)} times"
        )
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
        return [
            _problem(
                "span-range",
                f"end {span.end} is past the end of the text ({len(text)} code points)",
                "end",
            )
        ]
    found = []
    actual = text[span.start : span.end]
    if actual != span.quote:
        found.append(
            _problem(
                "quote-mismatch",
                f"the text at {span.start}:{span.end} is "
                f"{actual[:60]!r}, not the quote {span.quote[:60]!r}",
                "quote",
            )
        )
    prefix, suffix = context(text, span.start, span.end)
    if span.prefix is None and prefix is not None:
        found.append(
            _problem(
                "prefix-missing", "the span does not start the text, so it needs a prefix", "prefix"
            )
        )
    if span.suffix is None and suffix is not None:
        found.append(
            _problem(
                "suffix-missing", "the span does not end the text, so it needs a suffix", "suffix"
            )
        )
    if span.prefix is not None and not (prefix or "").endswith(span.prefix):
        found.append(
            _problem("prefix-mismatch", "the prefix is not the text just before the span", "prefix")
        )
    if span.suffix is not None and not (suffix or "").startswith(span.suffix):
        found.append(
            _problem("suffix-mismatch", "the suffix is not the text just after the span", "suffix")
        )
    for offset, name in ((span.start, "start"), (span.end, "end")):
        if 0 < offset < len(text) and unicodedata.combining(text[offset]):
            found.append(
                _problem(
                    "split-cluster",
                    f"{name} {offset} splits a letter from its combining marks",
                    name,
                )
            )
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


def _problem(code: str, message: str, fld: str) -> Problem:
    return Problem(code, message, field=fld, hint=hint_for(code))
