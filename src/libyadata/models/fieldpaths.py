"""Where a model keeps its foreign keys and its dates, read once from its type annotations.

The checks across records need every foreign-key value of a record, with the dotted path of
the field it sits in (``evidence.1.seed_id``). Going through the flat table layouts builds a
row dict per child row; a path read from the annotations once per model and followed with
``getattr`` costs a few attribute reads per record, which matters at a million records.
"""

from __future__ import annotations

import types
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .base import References
from .dates import FuzzyDate

#: A step of a path: a field name, or ``None`` for "each item of this tuple".
Step = str | None


@dataclass(frozen=True)
class Path:
    """The route from a record to the values of one kind of field."""

    steps: tuple[Step, ...]
    target: str
    """The table a foreign key refers to; empty for other kinds of path."""

    def values(self, record: BaseModel) -> Iterator[tuple[Any, str]]:
        """Yield each non-empty value at the end of this path, with its dotted field path."""
        if len(self.steps) == 1 and self.steps[0] is not None:  # the common case, unrolled
            value = getattr(record, self.steps[0])
            if value is not None:
                yield value, self.steps[0]
            return
        yield from _follow(record, self.steps, ())

    def missing(self, record: BaseModel, known: Collection[Any]) -> list[tuple[Any, str]]:
        """Return the values at the end of this path that are not in ``known``, with paths.

        The same as filtering ``values`` but without building a field path for values that
        are found, which is almost all of them; the shapes the models have are unrolled.
        """
        steps = self.steps
        if len(steps) == 1 and steps[0] is not None:
            value = getattr(record, steps[0])
            return [] if value is None or value in known else [(value, steps[0])]
        if len(steps) == 2 and steps[1] is None:
            items = getattr(record, steps[0])  # type: ignore[arg-type]
            if all(value in known for value in items):
                return []
        elif len(steps) == 3 and steps[1] is None and steps[2] is not None:
            items = getattr(record, steps[0])  # type: ignore[arg-type]
            if all(getattr(item, steps[2]) in known for item in items):
                return []
        return [(value, where) for value, where in self.values(record) if value not in known]


def _follow(value: Any, steps: tuple[Step, ...], where: tuple[str, ...]) -> Iterator[Any]:
    if value is None:
        return
    if not steps:
        yield value, ".".join(where)
        return
    step, rest = steps[0], steps[1:]
    if step is None:
        for index, item in enumerate(value):
            yield from _follow(item, rest, (*where, str(index)))
    else:
        yield from _follow(getattr(value, step), rest, (*where, step))


@cache
def foreign_keys(model: type[BaseModel]) -> tuple[Path, ...]:
    """Return the path of every field of ``model`` that refers to another table's ``id``."""
    found: list[Path] = []
    for name, info in model.model_fields.items():
        tables = [item.table for item in info.metadata if isinstance(item, References)]
        if tables:
            found.append(Path((name,), tables[0]))
        else:
            found += (Path((name, *p.steps), p.target) for p in _inside(info.annotation))
    return tuple(found)


@cache
def dates(model: type[BaseModel]) -> tuple[Path, ...]:
    """Return the path of every top-level date (``FuzzyDate``) field of ``model``."""
    return tuple(
        Path((name,), "")
        for name, info in model.model_fields.items()
        if any(kind is FuzzyDate for kind in _leaves(info.annotation))
    )


def _inside(annotation: Any) -> Iterator[Path]:
    """Yield the foreign-key paths inside a field's type (tuples, optionals, nested models)."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        tables = [item.table for item in args[1:] if isinstance(item, References)]
        if tables:
            yield Path((), tables[0])
            return
        yield from _inside(args[0])
    elif origin in (Union, types.UnionType):
        for arg in args:
            yield from _inside(arg)
    elif origin is tuple:
        yield from (Path((None, *p.steps), p.target) for p in _inside(args[0]))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from foreign_keys(annotation)


def _leaves(annotation: Any) -> Iterator[Any]:
    """Yield the types an optional or union annotation can take."""
    if get_origin(annotation) in (Union, types.UnionType):
        for arg in get_args(annotation):
            yield from _leaves(arg)
    else:
        yield annotation
