"""One CSV cell, written and read by its Table Schema field type.

The rules, which make the CSV form lossless:

- an empty cell is a missing value (no field allows an empty string);
- ``integer`` and ``number`` cells hold Python's shortest round-trip form (``2000.0``);
- ``date`` cells hold ISO 8601 (``2023-09-28``);
- ``array`` cells hold a compact JSON array (``["date","visitors"]``);
- every other cell holds its text exactly, including leading, trailing and no-break spaces.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..core.jsontypes import JsonSchema

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:e[-+][0-9]+)?")


def encode(value: Any) -> str:
    """Return the CSV text of a cell value (``None`` is the empty cell)."""
    if value is None:
        return ""
    if isinstance(value, bool):  # no boolean fields yet; keep Table Schema's spelling if added
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False, separators=(",", ":"))
    return str(value)


def decode(text: str, descriptor: JsonSchema) -> Any:
    """Return the value a CSV cell holds, typed by its Table Schema field descriptor.

    Raises ``ValueError`` for a number cell in any form but the one ``encode`` writes.
    """
    if text == "":
        return None
    kind = descriptor.get("type", "string")
    # int() and float() read "1_000", " 7", "٧" and "nan" too: only the forms encode writes
    # are numbers.
    if kind == "integer":
        if not _INTEGER.fullmatch(text):
            raise ValueError(f"invalid literal for int: {text!r} (not plain decimal digits)")
        return int(text)
    if kind == "number":
        if not _NUMBER.fullmatch(text):
            raise ValueError(f"could not convert string to float: {text!r} (not a plain number)")
        return float(text)
    if kind == "boolean":
        return text == "true"
    if kind == "array":
        return json.loads(text)
    return text  # strings and dates: pydantic parses ISO dates itself
