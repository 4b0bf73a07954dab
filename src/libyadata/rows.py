"""Laying typed records out as the rows of their flat tables (see ``layout``)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel

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
