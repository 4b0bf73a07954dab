"""Valid records with exactly one constraint broken, each with the reason code it must get.

A record's plain data is walked model by model (the record, its dates, spans, quantities…);
at each place every constraint that applies gives a way to break it. Generic breaks come from
the field annotations (a required field removed, an enum value unknown, a pattern missed, a
type wrong, a length or a bound crossed); the cross-field rules of each model have their own
breaks in ``_rule_breaks``.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterator
from enum import Enum
from functools import lru_cache, partial
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy
from pydantic import BaseModel

from ..core.catalogue.record_problems import (
    MISSING_FIELD,
    OUT_OF_RANGE,
    PATTERN,
    TOO_LONG,
    TOO_SHORT,
    UNKNOWN_ENUM,
    UNKNOWN_FIELD,
    WRONG_TYPE,
)
from ..models import Attribution, FuzzyDate, GazetteerEntry, Quantity
from ._derive import Constraints, Data
from ._fieldshapes import Break, Shape, Site, shapes, sites, with_item, with_value
from ._rule_breaks import SPECIFIC, input_breaks

#: Fields that another field's validator reads. pydantic leaves a field that failed out of what
#: later validators see, so a wrong type, form or bound here also trips the reader with a
#: second, misleading problem (a bad ``lower`` of a quantity is also "no number given"). Their
#: values are not broken, so that each break gets exactly one problem.
CASCADES: frozenset[tuple[type[BaseModel], str]] = frozenset(
    {
        (FuzzyDate, "earliest"),
        (Attribution, "value"),
        (Quantity, "value"),
        (Quantity, "lower"),
        (Quantity, "upper"),
        (GazetteerEntry, "latitude"),
    }
)


def _value_breaks(shape: Shape, value: Any) -> Iterator[tuple[str, SearchStrategy[Any]]]:
    """Yield the ways to break one value of ``shape``, and the codes they get."""
    kind, limits = shape.kind, shape.limits
    if issubclass(kind, Enum):
        # No vocabulary has a '?' in any of its values.
        yield UNKNOWN_ENUM.code, st.text().map(lambda text: f"{text}?")
        return
    # A list where a scalar belongs, a number where a list or a mapping does.
    yield (
        WRONG_TYPE.code,
        st.just(5) if kind is tuple or issubclass(kind, BaseModel) else st.just([]),
    )
    if kind is str and limits.pattern is not None and isinstance(value, str):
        # Every pattern starts with something other than a space; the space takes the place of
        # the first character, so the value breaks its pattern and no length bound.
        yield PATTERN.code, st.just(f" {value[1:]}")
    if kind is str and limits.pattern is None and limits.min_length:
        yield TOO_SHORT.code, st.just("")
    if kind is tuple and limits.min_length:
        yield TOO_SHORT.code, st.just([])
    if kind is str and limits.max_length is not None:
        # Repeated, not drawn: hypothesis draws no text of more than a few thousand characters.
        over = limits.max_length + 1
        yield TOO_LONG.code, st.sampled_from("ab").map(lambda char: char * over)
    if kind in (int, float):
        yield from _out_of_range(kind, limits)
    yield from input_breaks(kind, limits, value)


def _out_of_range(kind: type, limits: Constraints) -> Iterator[tuple[str, SearchStrategy[Any]]]:
    excess = st.integers(0, 1000)
    for inclusive, exclusive, sign in ((limits.ge, limits.gt, -1), (limits.le, limits.lt, 1)):
        if inclusive is not None:
            yield OUT_OF_RANGE.code, excess.map(partial(_beyond, kind, inclusive + sign, sign))
        elif exclusive is not None:
            yield OUT_OF_RANGE.code, excess.map(partial(_beyond, kind, exclusive, sign))


def _beyond(kind: type, bound: float, sign: int, excess: float) -> Any:
    """Return a value of ``kind`` ``excess`` past ``bound`` in the direction of ``sign``."""
    return kind(bound + sign * excess)


def _generic(site: Site) -> Iterator[Break]:
    data = site.data
    yield UNKNOWN_FIELD.code, st.text().map(lambda key: {**data, f"X{key}": key})
    for name, (info, shape) in shapes(site.model).items():
        if info.is_required() and name in data:
            yield MISSING_FIELD.code, st.just({k: v for k, v in data.items() if k != name})
        if any(issubclass(site.model, model) and name == field for model, field in CASCADES):
            continue
        value = data.get(name)
        for code, broken in _value_breaks(shape, value):
            yield code, broken.map(partial(with_value, data, name))
        if shape.item is None or not isinstance(value, list):
            continue
        # An item of a list at its minimum length would also get a spurious "too short".
        if len(value) > (shape.limits.min_length or 0):
            for index in range(len(value)):
                for code, broken in _value_breaks(shape.item, value[index]):
                    yield code, broken.map(partial(with_item, data, name, index))


@lru_cache(maxsize=16)
def breaks(record: BaseModel) -> tuple[Break, ...]:
    """Return every way to break ``record`` once: (reason code, strategy of the broken data)."""
    # Cached (records are frozen, so hashable): a test often asks for one code at a time.
    data = record.model_dump(mode="json")
    found = []
    for site in sites(type(record), data, ()):
        specific = (rule(site) for model, rule in SPECIFIC.items() if issubclass(site.model, model))
        for code, strategy in (*_generic(site), *(b for rules in specific for b in rules)):
            found.append((code, strategy.map(partial(_replaced, data, site.path))))
    return tuple(found)


def _replaced(data: Data, path: tuple[str | int, ...], new: Data) -> Data:
    # A fresh copy each draw: callers may change what they are given.
    if not path:
        return copy.deepcopy(new)
    result = copy.deepcopy(data)
    *parents, last = path
    target: Any = result
    for key in parents:
        target = target[key]
    target[last] = copy.deepcopy(new)
    return result


def broken(
    record: BaseModel, *, codes: Collection[str] | None = None
) -> SearchStrategy[tuple[Data, str]]:
    """Return a strategy of ``record``'s plain data with exactly one constraint broken.

    Each draw is ``(data, code)``: the data as ``model_dump(mode="json")`` gives it, changed in
    one place, and the reason code validation must report for it. ``codes`` limits the breaks
    to those codes; ``ValueError`` if none of them applies to the record.
    """
    options = [(code, s) for code, s in breaks(record) if codes is None or code in codes]
    if not options:
        raise ValueError(f"no constraint of {type(record).__name__} can be broken with {codes}")
    return st.sampled_from(options).flatmap(lambda option: option[1].map(lambda d: (d, option[0])))


def breakable(record: BaseModel) -> frozenset[str]:
    """Return the reason codes that ``broken(record)`` can draw."""
    return frozenset(code for code, _ in breaks(record))
