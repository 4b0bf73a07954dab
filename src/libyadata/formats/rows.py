"""Laying typed records out as the rows of their flat tables (see ``layout``), and back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

from pydantic import BaseModel

from . import cells
from .layout import Column, Layout

Row = dict[str, Any]


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _get(source: Any, column: Column) -> Any:
    value = source
    for name in column.path:
        if value is None:
            return None
        value = getattr(value, name)
    return _plain(value)


def rows_of(layout: Layout, record: BaseModel) -> list[Row]:
    """Return the rows a record of ``layout.table`` contributes to the flat table ``layout``.

    The top-level table gets one row; a child table gets one row per item of its list, keyed
    by the record's id and the item's 1-based position.
    """
    if not layout.is_child:
        return [{column.name: _get(record, column) for column in layout.columns}]
    return [
        _child_row(layout, str(record.id), position, item)  # type: ignore[attr-defined]
        for position, item in enumerate(getattr(record, str(layout.list_field)), start=1)
    ]


def _child_row(layout: Layout, parent_id: str, position: int, item: Any) -> Row:
    key, _ = layout.primary_key
    row: Row = {key: parent_id, "position": position}
    for column in layout.columns:
        if column.name not in row:
            row[column.name] = _get(item, column)
    return row


def field_of(layout: Layout, column: Column, position: int | None) -> str:
    """Return the dotted model field a cell comes from, e.g. ``visitors.0`` or ``date.value``."""
    if layout.is_child and position is not None:
        return ".".join((str(layout.list_field), str(position - 1), *column.path))
    return ".".join(column.path)


def record_data(
    layouts: Sequence[Layout], rows: Mapping[str, Sequence[Row]]
) -> list[dict[str, Any]]:
    """Rebuild the nested data of each record from its rows in ``layouts`` (inverse of rows_of).

    ``layouts`` are one table's flat tables, top-level first (``layouts_of``); ``rows`` maps
    each layout name to its rows. The result, in the top-level table's row order, validates
    into the same records that ``rows_of`` was given: a nested model whose columns are all
    empty was absent, and child rows go back into their list in ``position`` order.
    """
    top, *children = layouts
    records = [_nest(top.columns, row) for row in rows.get(top.name, ())]
    by_id = {record["id"]: record for record in records}
    for child in children:
        key, _ = child.primary_key
        items = [c for c in child.columns if c.name not in child.primary_key]
        for record in records:
            record[str(child.list_field)] = []
        for row in sorted(rows.get(child.name, ()), key=lambda r: (r[key], r["position"])):
            # A child row is a scalar list item (one value column, empty path) or a model.
            item = row.get(items[0].name) if items[0].path == () else _nest(items, row)
            by_id[row[key]][str(child.list_field)].append(item)
    return records


def _nest(columns: Sequence[Column], row: Row) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column in columns:
        if column.name not in row:
            # A column added since the package was built is not in its CSV: the field takes
            # its default, as the JSON Lines of that package read (and as ``diff`` compares).
            continue
        value = row[column.name]
        *parents, last = column.path
        target = data
        for name in parents:
            target = target.setdefault(name, {})
        target[last] = value
    return _drop_empty(data)


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    # Every nested model has a required field, so all-empty columns mean the model was absent.
    result: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, dict):
            inner = _drop_empty(value)
            result[name] = inner if any(v is not None for v in inner.values()) else None
        else:
            result[name] = value
    return result


def csv_bytes(columns: Iterable[Column], rows: list[dict[str, Any]]) -> bytes:
    """Write a flat table as the package's CSV: a header row, LF row ends, UTF-8, no BOM."""
    names = [column.name for column in columns]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    # With \n ending rows, the writer quotes a cell holding \n but not one holding a bare \r,
    # which a reader then takes for a row end: a row with such a cell is quoted whole.
    guarded = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(names)
    for row in rows:
        encoded = [cells.encode(row[name]) for name in names]
        (guarded if any("\r" in cell for cell in encoded) else writer).writerow(encoded)
    return buffer.getvalue().encode("utf-8")
