"""Where a record's plain data can be broken: each model inside it, and each field's shape."""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from hypothesis.strategies import SearchStrategy
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ._derive import Constraints, Data, constraints_of

#: One way to break a place in a record: the reason code and the broken data of that place.
Break = tuple[str, SearchStrategy[Data]]


@dataclass(frozen=True)
class Shape:
    """A field's type with ``Annotated`` and ``| None`` taken off, and its constraints."""

    kind: type
    limits: Constraints
    item: Shape | None = None
    """For ``tuple[X, ...]``: the shape of X."""


def shape_of(annotation: Any, limits: Constraints) -> Shape:
    """Return the shape of a value of type ``annotation`` under ``limits``."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *metadata = get_args(annotation)
        return shape_of(inner, constraints_of(metadata, limits))
    if origin is Union or origin is types.UnionType:
        (option,) = (arg for arg in get_args(annotation) if arg is not type(None))
        return shape_of(option, limits)
    if origin is tuple:
        return Shape(tuple, limits, shape_of(get_args(annotation)[0], Constraints()))
    return Shape(annotation, limits)


@cache
def shapes(model: type[BaseModel]) -> dict[str, tuple[FieldInfo, Shape]]:
    """Return each field of ``model`` with its shape (cached: every break of every draw asks)."""
    return {
        name: (info, shape_of(info.annotation, constraints_of(info.metadata)))
        for name, info in model.model_fields.items()
    }


@dataclass(frozen=True)
class Site:
    """A model's data inside a record's data, and the path to it."""

    model: type[BaseModel]
    data: Data
    path: tuple[str | int, ...]


def sites(model: type[BaseModel], data: Data, path: tuple[str | int, ...]) -> Iterator[Site]:
    """Yield the model at ``path`` and every model inside it that can be broken on its own."""
    yield Site(model, data, path)
    for name, (_, shape) in shapes(model).items():
        value = data.get(name)
        if isinstance(value, dict) and issubclass(shape.kind, BaseModel):
            yield from sites(shape.kind, value, (*path, name))
        elif (
            isinstance(value, list)
            and shape.item
            and issubclass(shape.item.kind, BaseModel)
            # Breaking an item of a list at its minimum length also gets a spurious "too
            # short" for the list (pydantic counts only the items that validated).
            and len(value) > (shape.limits.min_length or 0)
        ):
            for index, item in enumerate(value):
                yield from sites(shape.item.kind, item, (*path, name, index))


def with_value(data: Data, name: str, value: Any) -> Data:
    """Return ``data`` with field ``name`` set to ``value``."""
    return {**data, name: value}


def with_item(data: Data, name: str, index: int, value: Any) -> Data:
    """Return ``data`` with item ``index`` of list field ``name`` set to ``value``."""
    return {**data, name: set_item(data[name], index, value)}


def set_item(items: list[Any], index: int, value: Any) -> list[Any]:
    """Return a copy of ``items`` with item ``index`` replaced by ``value``."""
    return [value if at == index else item for at, item in enumerate(items)]
