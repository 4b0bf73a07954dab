"""``load``, ``load_dataframe`` and ``DataPackage`` take a ``Table`` as well as its name."""

from __future__ import annotations

import pytest

import libyadata
from libyadata.readers.datapackage import name_of


def test_every_table_of_the_registry_loads_by_its_table() -> None:
    for source in libyadata.TABLES:
        assert libyadata.load(source) == libyadata.load(source.name)


def test_a_dataframe_loads_by_its_table() -> None:
    source = next(t for t in libyadata.TABLES if t.name == "visits")
    by_table = libyadata.load_dataframe(source)
    assert by_table.equals(libyadata.load_dataframe("visits"))
    assert len(by_table) == len(libyadata.load(source))
    labelled = libyadata.load_dataframe(source, labels=True)
    assert list(labelled.columns) == list(libyadata.load_dataframe("visits", labels=True).columns)


def test_name_of_leaves_names_alone() -> None:
    assert name_of("visit_evidence") == "visit_evidence"
    assert name_of(libyadata.TABLES[0]) == libyadata.TABLES[0].name


def test_an_unknown_name_still_fails_with_its_key_error() -> None:
    with pytest.raises(KeyError):
        libyadata.load("no_such_table")


def test_the_registry_is_indexed_by_name_as_well_as_position() -> None:
    assert libyadata.TABLES["visits"] is libyadata.TABLES.named("visits")
    assert libyadata.TABLES[0].name == "seeds"
    assert libyadata.load(libyadata.TABLES["visits"]) == libyadata.visits()
    with pytest.raises(KeyError, match="the tables are: seeds, actors"):
        libyadata.TABLES["nope"]
