"""Writing YAML that curators read: scalars and block records, and appending them surgically.

Curated files are edited in place, never dumped again, so that comments, quoting and blank
lines stay as the curator wrote them. New values are rendered here: strings double-quoted (JSON
strings are valid YAML) with invisible characters escaped so a reviewer sees them in a diff,
and records in block style, one ``key: value`` per line, as the curated files write them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from .yamlio import StrictLoader

# json.dumps leaves these raw, but YAML reads them as line breaks or refuses them; and the
# invisible ones (no-break and other special spaces, direction marks) are escaped so that a
# reviewer sees them in a diff.
_UNSAFE = re.compile("[\x7f-\xa0\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\ufffe\uffff]")
#: Strings safe to write plainly: ids, enum values, slugs, ISO dates read as strings.
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "none", "y", "n", "~"}


def render_scalar(value: object) -> str:
    """Render a scalar as YAML: numbers plainly, strings double-quoted, ``None`` as null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) and not value.is_integer() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def render_record(record: Mapping[str, Any], indent: int = 0) -> str:
    """Render a mapping as one block-style list item (``- key: value``), ending in a newline."""
    lines = _mapping_lines(record, indent + 2)
    first = lines[0]
    return (
        " " * indent
        + "- "
        + first[indent + 2 :]
        + "\n"
        + "".join(f"{line}\n" for line in lines[1:])
    )


def _mapping_lines(mapping: Mapping[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in mapping.items():
        if value is None or (
            isinstance(value, Sequence | Mapping) and not value and key != "names"
        ):
            continue  # absent optional values are left out, as curators write them
        if isinstance(value, Mapping):
            lines.append(f"{pad}{key}:")
            lines += _mapping_lines(value, indent + 2)
        elif isinstance(value, Sequence) and not isinstance(value, str):
            if all(not isinstance(item, Mapping | list | tuple) for item in value):
                items = ", ".join(render_scalar(item) for item in value)
                lines.append(f"{pad}{key}: [{items}]")
            else:
                lines.append(f"{pad}{key}:")
                for item in value:
                    inner = _mapping_lines(item, indent + 4)
                    lines.append(f"{pad}  - {inner[0][indent + 4 :]}")
                    lines += inner[1:]
        else:
            lines.append(f"{pad}{key}: {render_scalar(value)}")
    return lines


def append_records(text: str, rendered: Sequence[str]) -> str:
    """Return ``text`` with the rendered records added at its end, each after a blank line.

    Every byte of ``text`` is kept; a missing final newline is added first, and an empty list
    written as ``[]`` becomes the records themselves.
    """
    if not rendered:
        return text
    stripped = text.rstrip()
    if stripped.endswith("[]") and _is_empty_list(text):
        head = stripped[: -len("[]")]
        return head + "\n".join(rendered)
    body = text if text.endswith("\n") or not text else text + "\n"
    return body + "".join("\n" + record for record in rendered)


def _is_empty_list(text: str) -> bool:
    loader = StrictLoader(text)
    try:
        return bool(loader.get_single_data() == [])
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()


def parse(text: str) -> Any:
    """Parse YAML text strictly (duplicate keys refused); ``yaml.YAMLError`` if it cannot be."""
    loader = StrictLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
