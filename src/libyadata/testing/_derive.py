"""Strategies derived from the models: each field's strategy is read from its annotation.

``Deriver.model`` walks ``Model.model_fields``; each field's annotation and its constraint
metadata (``pattern``, ``min_length``/``max_length``, ``ge``/``gt``/``le``/``lt``,
``allow_inf_nan``) choose the strategy. Rules that tie fields together, which the models check
with validators, are in ``OVERRIDES`` (see ``_rules``): there a model's strategy is built so the
rule holds by construction.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..core.chars import formula_like
from ..models.inputs import CleanText, PlainDate, PlainInteger, PlainNumber, UniqueItems

#: Plain data of one model: field name to value, as ``model_validate`` takes it.
Data = dict[str, Any]

#: Most items drawn for a list field: keeps records small enough to read in a failure report.
MAX_ITEMS = 3

_CONSTRAINTS = ("pattern", "min_length", "max_length", "ge", "gt", "le", "lt", "allow_inf_nan")


@dataclass(frozen=True)
class Constraints:
    """The constraints that pydantic metadata puts on one value."""

    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    allow_inf_nan: bool = True
    clean: bool = False
    """Text with no invisible characters (``CleanText``)."""
    unique: UniqueItems | None = None
    """Items all different (``UniqueItems``), with its key."""
    plain: bool = False
    """A number or date that must be given in its plain form (``PlainInteger``…)."""


_PLAIN = (PlainInteger, PlainNumber, PlainDate)


def constraints_of(metadata: Iterable[object], inherited: Constraints | None = None) -> Constraints:
    """Return ``inherited`` with the constraints found in pydantic ``metadata`` added."""
    result = inherited or Constraints()
    for item in metadata:
        if isinstance(item, FieldInfo):  # Field(...) inside Annotated carries its own metadata
            result = constraints_of(item.metadata, result)
            continue
        if isinstance(item, CleanText):
            result = replace(result, clean=True)
        elif isinstance(item, UniqueItems):
            result = replace(result, unique=item)
        elif isinstance(item, _PLAIN):
            result = replace(result, plain=True)
        found = {name: getattr(item, name, None) for name in _CONSTRAINTS}
        result = replace(result, **{name: v for name, v in found.items() if v is not None})
    return result


@dataclass(frozen=True)
class Fields:
    """The derived strategy of each field of a model, split by whether the field has a default."""

    required: Mapping[str, SearchStrategy[Any]]
    optional: Mapping[str, SearchStrategy[Any]]
    """Fields with a default: a draw may leave them out, so defaults are exercised too."""

    def without(self, *names: str) -> Fields:
        """Return the fields but ``names``, which a rule draws itself."""
        return Fields(
            {k: v for k, v in self.required.items() if k not in names},
            {k: v for k, v in self.optional.items() if k not in names},
        )

    def strategy(self) -> SearchStrategy[Data]:
        """Return the strategy of a model's data drawing each field on its own."""
        return st.fixed_dictionaries(dict(self.required), optional=dict(self.optional))


#: Builds the strategy of a model whose fields depend on each other: (deriver, model, fields).
Rule = Callable[["Deriver", type[BaseModel], Fields], SearchStrategy[Data]]

#: Rules by model class; a model uses the rule of the first class of its MRO listed here.
OVERRIDES: dict[type[BaseModel], Rule] = {}


def merge(*parts: SearchStrategy[Data]) -> SearchStrategy[Data]:
    """Return a strategy of the union of one draw of each of ``parts``."""
    return st.tuples(*parts).map(lambda drawn: {k: v for part in drawn for k, v in part.items()})


@dataclass(frozen=True)
class Deriver:
    """Derives strategies of plain model data from the model annotations."""

    texts: Mapping[str, str] | None = None
    """Seed texts by seed id: evidence is drawn from their real spans when given."""
    supports: tuple[str, ...] | None = None
    """Field names evidence may support (a record kind's fields); any field name when None."""

    def model(self, model: type[BaseModel]) -> SearchStrategy[Data]:
        """Return a strategy of plain data that validates as ``model``."""
        fields = Fields(
            {n: self.field(model, n) for n, f in model.model_fields.items() if f.is_required()},
            {n: self.field(model, n) for n, f in model.model_fields.items() if not f.is_required()},
        )
        for klass in model.__mro__:
            if klass in OVERRIDES:
                return OVERRIDES[klass](self, model, fields)
        return fields.strategy()

    def field(
        self, model: type[BaseModel], name: str, *, present: bool = False
    ) -> SearchStrategy[Any]:
        """Return the strategy of field ``name``; never ``None`` when ``present``."""
        info = model.model_fields[name]
        return self.value(info.annotation, constraints_of(info.metadata), present=present)

    def value(
        self, annotation: Any, constraints: Constraints | None = None, *, present: bool = False
    ) -> SearchStrategy[Any]:
        """Return the strategy of a value of type ``annotation`` under ``constraints``."""
        limits = constraints or Constraints()
        origin = get_origin(annotation)
        if origin is Annotated:
            inner, *metadata = get_args(annotation)
            return self.value(inner, constraints_of(metadata, limits), present=present)
        if origin is Union or origin is types.UnionType:
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            # Constraints given outside `X | None` (allow_inf_nan, say) apply to X.
            strategy = st.one_of([self.value(option, limits) for option in options])
            nullable = len(options) < len(get_args(annotation))
            return st.none() | strategy if nullable and not present else strategy
        if origin is tuple:
            item, *rest = get_args(annotation)
            if rest != [Ellipsis]:
                raise TypeError(f"only tuple[X, ...] is supported, not {annotation!r}")
            low = limits.min_length or 0
            high = limits.max_length if limits.max_length is not None else max(MAX_ITEMS, low)
            items = self.value(item)
            if limits.unique is None:
                return st.lists(items, min_size=low, max_size=high).map(tuple)
            key = limits.unique.key
            # The key reads a model; a draw is the model's plain data, read the same way.
            by = (lambda data: key(_Attributes(data))) if key is not None else _hashable
            return st.lists(items, min_size=low, max_size=high, unique_by=by).map(tuple)
        if isinstance(annotation, type):
            return self._scalar(annotation, limits)
        raise TypeError(f"no strategy for {annotation!r}: add a rule to OVERRIDES")

    def _scalar(self, kind: type, limits: Constraints) -> SearchStrategy[Any]:
        if issubclass(kind, BaseModel):
            return self.model(kind)
        if issubclass(kind, Enum):  # before str: DocEnums are str enums
            return st.sampled_from(list(kind))
        if kind in _SCALARS:
            return _SCALARS[kind](limits)
        raise TypeError(f"no strategy for {kind!r}: add a rule to OVERRIDES")


#: Characters of text with no invisible characters (``CleanText``): no controls, format
#: characters, separators or surrogates.
VISIBLE = st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))


def _text(limits: Constraints) -> SearchStrategy[str]:
    if limits.pattern is not None:
        if limits.clean:
            matching = st.from_regex(limits.pattern, fullmatch=True, alphabet=VISIBLE)
        else:
            matching = st.from_regex(limits.pattern, fullmatch=True)
        most = limits.max_length
        return matching if most is None else matching.filter(lambda drawn: len(drawn) <= most)
    if limits.clean:
        text = st.text(VISIBLE, min_size=limits.min_length or 0, max_size=limits.max_length)
        return text.filter(lambda drawn: not formula_like(drawn))
    return st.text(min_size=limits.min_length or 0, max_size=limits.max_length)


class _Attributes:
    """Plain data read as attributes, so a key made for models reads a draw (``span_key``)."""

    def __init__(self, data: Any) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        return self._data[name]


def _hashable(value: Any) -> Any:
    """Return ``value`` as something hashable, for telling draws of a list apart."""
    if isinstance(value, dict):
        return tuple(sorted((key, _hashable(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_hashable(item) for item in value)
    return value


def _integers(limits: Constraints) -> SearchStrategy[int]:
    low, high = _bound(limits.ge, limits.gt, 1), _bound(limits.le, limits.lt, -1)
    return st.integers(
        min_value=None if low is None else int(low),
        max_value=None if high is None else int(high),
    )


def _floats(limits: Constraints) -> SearchStrategy[float]:
    # NaN never equals itself, so a record holding it could not round-trip; the models forbid
    # it anyway (allow_inf_nan=False) wherever a float is stored.
    return st.floats(
        min_value=limits.ge if limits.ge is not None else limits.gt,
        max_value=limits.le if limits.le is not None else limits.lt,
        exclude_min=limits.ge is None and limits.gt is not None,
        exclude_max=limits.le is None and limits.lt is not None,
        allow_nan=False,
        allow_infinity=None if limits.allow_inf_nan else False,
    )


#: Strategies of the scalar types by type, under a value's constraints.
_SCALARS: dict[type, Callable[[Constraints], SearchStrategy[Any]]] = {
    str: _text,
    bool: lambda _: st.booleans(),
    int: _integers,
    float: _floats,
    dt.date: lambda _: st.dates(),
}


def _bound(inclusive: float | None, exclusive: float | None, step: int) -> float | None:
    if inclusive is not None:
        return inclusive
    return None if exclusive is None else exclusive + step
