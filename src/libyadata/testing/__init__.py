"""Hypothesis strategies for libyadata's models, to property-test pipelines that read its data.

Install with the ``testing`` extra (``pip install libyadata[testing]``); ``import libyadata``
never imports hypothesis, only this module does.

Strategies are derived from the models: each field's annotation and constraints (id patterns,
lengths, bounds, vocabularies, optional and list fields, nested models) choose its strategy,
and the rules the models check across fields (a date's precision, value and bounds; a span's
offsets and quote; a record's disputed fields and notes…) are kept by construction, so every
draw validates.

- ``records(model_or_table_name, *, texts=None)``: valid records of any table of ``TABLES``,
  by model or by table name (``"visits"``); with ``texts`` (seed id to text) their evidence is
  real spans of those texts, otherwise made-up spans whose offsets, quote, prefix and suffix
  agree.
- ``from_model(model, *, texts=None)``: the same for any libyadata model (``Quantity``, say).
- ``fuzzy_dates()``: valid ``FuzzyDate`` values of every precision.
- ``spans(text)``: real spans of ``text`` at random offsets that never split a letter from its
  combining marks, with their prefix and suffix; ``evidence(texts, supports=None)`` makes
  ``Evidence`` of them.
- ``broken(record, *, codes=None)``: ``(data, code)`` pairs: the record's plain data with
  exactly one constraint broken, and the reason code validation must report;
  ``breakable(record)`` lists the codes it can draw.
- ``register_profiles()`` and ``load_profile()``: the ``ci`` and ``dev`` settings profiles.
- ``OVERRIDES``: the rules by model class, for models with fields that depend on each other.

Example::

    from hypothesis import given
    from libyadata.testing import records

    @given(records("visits"))
    def test_my_export_keeps_every_visit(visit):
        assert my_export([visit])[0]["id"] == visit.id
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TypeVar, overload

from hypothesis import HealthCheck, settings
from hypothesis.strategies import SearchStrategy
from pydantic import BaseModel

from ..models import Evidence, FuzzyDate
from ..models.tables import table
from . import _rules  # noqa: F401  (registers the rules in OVERRIDES)
from ._broken import CASCADES, breakable, broken
from ._derive import OVERRIDES, Deriver
from ._spans import Span, boundaries, spans

M = TypeVar("M", bound=BaseModel)

__all__ = [
    "records",
    "from_model",
    "fuzzy_dates",
    "spans",
    "evidence",
    "broken",
    "breakable",
    "register_profiles",
    "load_profile",
    "Span",
    "boundaries",
    "OVERRIDES",
    "CASCADES",
]


def from_model(model: type[M], *, texts: Mapping[str, str] | None = None) -> SearchStrategy[M]:
    """Return a strategy of valid instances of ``model``, derived from its fields.

    ``texts`` maps seed ids to seed texts; evidence inside the model is then drawn from real
    spans of them.
    """
    return Deriver(texts=texts).model(model).map(model.model_validate)


@overload
def records(
    model_or_table_name: type[M], *, texts: Mapping[str, str] | None = None
) -> SearchStrategy[M]: ...
@overload
def records(
    model_or_table_name: str, *, texts: Mapping[str, str] | None = None
) -> SearchStrategy[BaseModel]: ...
def records(
    model_or_table_name: type[BaseModel] | str, *, texts: Mapping[str, str] | None = None
) -> SearchStrategy[BaseModel]:
    """Return a strategy of valid records of a table, named (``"visits"``) or by model.

    ``KeyError`` names the known tables if there is no table of that name.
    """
    if isinstance(model_or_table_name, str):
        return from_model(table(model_or_table_name).model, texts=texts)
    return from_model(model_or_table_name, texts=texts)


def fuzzy_dates() -> SearchStrategy[FuzzyDate]:
    """Return a strategy of valid dates of every precision, basis, note and source."""
    return from_model(FuzzyDate)


def evidence(
    texts: Mapping[str, str], *, supports: Sequence[str] | None = None
) -> SearchStrategy[Evidence]:
    """Return a strategy of evidence spans drawn from ``texts`` (seed id to seed text).

    Each span verifies against its text (``libyadata.provenance.spans.verify``). ``supports``
    are the field names a span may support (one to three are drawn); any field names if
    omitted.
    """
    if not texts:
        raise ValueError("evidence needs at least one text to draw spans from")
    names = None if supports is None else tuple(supports)
    return Deriver(texts=texts, supports=names).model(Evidence).map(Evidence.model_validate)


def register_profiles() -> None:
    """Register the settings profiles ``ci`` (thorough, reproducible) and ``dev`` (quick)."""
    settings.register_profile(
        "ci",
        max_examples=200,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile("dev", max_examples=50, deadline=None)


def load_profile() -> str:
    """Load the profile named by ``HYPOTHESIS_PROFILE``; ``ci`` when ``CI`` is set, else ``dev``.

    Registers the profiles first, and returns the name of the one loaded.
    """
    register_profiles()
    name = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
    settings.load_profile(name)
    return name
