"""Did-you-mean suggestions for misspelt field names and values."""

from __future__ import annotations

from collections.abc import Iterable


def closest(value: str, choices: Iterable[str]) -> str | None:
    """Return the choice closest to ``value``, or ``None`` if none is close enough."""
    import difflib  # only when a name is misspelt

    found = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.5)
    return found[0] if found else None
