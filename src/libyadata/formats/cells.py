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
from typing import Any

from ..core.jsontypes import JsonSchema


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
    """Return the value a CSV cell holds, typed by its Table Schema field descriptor."""
    if text == "":
        return None
    kind = descriptor.get("type", "string")
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "boolean":
        return text == "true"
    if kind == "array":
        return json.loads(text)
    return text  # strings and dates: pydantic parses ISO dates itself
