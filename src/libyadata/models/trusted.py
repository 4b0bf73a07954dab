"""Models made again from data they were validated from before, without validating it again.

Only for data libyadata itself wrote from validated models and can prove unchanged: the data
package shipped inside the installed wheel, each of whose files is checked against its SHA-256
when read. Building a pydantic validator is most of what a first ``load`` would cost (the
schema of every nested model, and pydantic's scan of every installed distribution for
plugins); this makes the same immutable models from the JSON values directly.

It is exact or it refuses: a value whose JSON type is not the one its field dumps to (a
string for a date, a list for a tuple, a number for a float), a key that is not a field, or
a field type it does not know raises ``RebuildError``, and the caller validates the data in full
instead. Nothing here checks a constraint: patterns, bounds and cross-field rules are the
validators' job, and this is used only where they have already passed.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Iterable
from enum import Enum
from functools import cache
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

#: Turns one JSON value into the value of a field.
Convert = Callable[[Any], Any]


class RebuildError(ValueError):
    """The data is not what a validated model of this type dumps to: validate it instead."""


def rebuild(model: type[M], rows: Iterable[Any]) -> tuple[M, ...]:
    """Return ``model`` instances made from ``rows`` (JSON objects as Python), unvalidated.

    Raises ``RebuildError`` when a row is not exactly what a validated ``model`` dumps to in JSON
    mode, or when ``model`` has a field type this module cannot make.
    """
    make = _maker(model)
    try:
        return tuple(make(row) for row in rows)
    except RebuildError:
        raise
    except (ValueError, TypeError) as error:  # an unknown enum value, a malformed date
        raise RebuildError(str(error)) from None


@cache
def _maker(model: type[BaseModel]) -> Convert:
    fields = {name: _converter(info.annotation) for name, info in model.model_fields.items()}
    construct = model.model_construct

    def make(data: Any) -> Any:
        if type(data) is not dict or not data.keys() <= fields.keys():
            raise RebuildError(f"not a {model.__name__}: {data!r:.80}")
        return construct(
            _fields_set=set(data), **{name: fields[name](value) for name, value in data.items()}
        )

    return make


def _converter(annotation: Any) -> Convert:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _converter(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(options) != 1:
            raise RebuildError(f"cannot rebuild a union of {options}")
        inner = _converter(options[0])
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item, *rest = get_args(annotation)
        if rest != [Ellipsis]:
            raise RebuildError(f"cannot rebuild {annotation}: only tuple[X, ...]")
        each = _converter(item)
        return lambda value: tuple(each(v) for v in _exactly(list, value))
    if origin is Literal:
        allowed = get_args(annotation)
        return lambda value: value if value in allowed else _refuse(annotation, value)
    if origin is not None or not isinstance(annotation, type):
        raise RebuildError(f"cannot rebuild a field of type {annotation}")
    return _plain(annotation)


def _plain(kind: type) -> Convert:
    if issubclass(kind, BaseModel):
        return _maker(kind)
    if issubclass(kind, Enum):
        return lambda value: kind(_exactly(str, value))
    if kind is float:
        # JSON writes 2000.0 as 2000; pydantic makes a float of either.
        return lambda value: float(value) if type(value) in (int, float) else _refuse(kind, value)
    if kind is dt.date:
        return lambda value: dt.date.fromisoformat(_exactly(str, value))
    if kind in (str, int, bool):
        return lambda value: _exactly(kind, value)
    raise RebuildError(f"cannot rebuild a field of type {kind.__name__}")


def _exactly(kind: type, value: Any) -> Any:
    if type(value) is not kind:
        _refuse(kind, value)
    return value


def _refuse(kind: object, value: Any) -> Any:
    raise RebuildError(f"{value!r:.80} is not what a validated {kind} dumps to")
