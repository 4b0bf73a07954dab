"""Characters that are not what they seem: digits of other scripts, invisible characters.

Knows nothing of records; the models refuse these where they do not belong, and problems name
them.
"""

from __future__ import annotations

import re
import unicodedata

#: Code points that are never written in curated text: controls other than the line feed,
#: format characters (bidi embeddings, overrides and isolates, direction marks, zero-width
#: spaces and joiners, the byte-order mark, soft hyphens, …) and the line and paragraph
#: separators: every code point of Unicode categories Cc, Cf, Zl and Zp but ``\n``. They are
#: invisible in most editors and can reorder or hide what a reader sees. Written out, not
#: computed: scanning all of Unicode would slow ``import libyadata`` down.
INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)

#: The first characters that make a spreadsheet read a cell as a formula (with tab and CR,
#: which ``INVISIBLE`` refuses anyway): text a person types never starts with them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet opening ``text`` as a cell would run it as a formula."""
    return text.startswith(FORMULA_START)


def other_digits(text: str) -> list[str]:
    """Return the decimal digits in ``text`` that are not ASCII (``٢``, ``२``, ``２``), in order."""
    return [char for char in text if char > "9" and unicodedata.decimal(char, None) is not None]


def ascii_digits(text: str) -> str:
    """Return ``text`` with every decimal digit written as its ASCII digit (``٢٠١٦`` → ``2016``)."""
    return "".join(
        str(unicodedata.decimal(char))
        if char > "9" and unicodedata.decimal(char, None) is not None
        else char
        for char in text
    )


def describe(char: str) -> str:
    """Name a character for a message: ``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '(a control character)')}"


def non_ascii_digit_message(text: str) -> str:
    """Say that ``text`` has digits of another script, and how it is written in ASCII."""
    first = other_digits(text)[0]
    return (
        f"{text!r} has digits that are not ASCII 0-9 (such as {describe(first)}): "
        f"write {ascii_digits(text)!r}"
    )


def printable(text: str, limit: int | None = 200) -> str:
    """Return ``text`` safe to print to a terminal: invisible characters escaped, cut at ``limit``.

    An id or a name read from a file may hold an ESC sequence that would recolour, move or
    clear the terminal; it is shown as a ``u001b`` escape instead.
    """
    cut = text if limit is None else text[:limit]
    shown = INVISIBLE.sub(lambda found: f"\\u{ord(found.group()):04x}", cut)
    return shown + ("…" if len(cut) < len(text) else "")
