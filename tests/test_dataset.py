"""The curated dataset itself: ``validate`` holds every rule the data must keep.

Every rule these tests once held on their own (exact spans made by ``locate``, references that
resolve, ids in notes, dates no later than the seeds, disputed and inferred fields resting on a
span, attribution on spans that say whom they rest on, descriptions that say they rest on
unnamed sources, coverage of every seed sentence, one record per event, ``CITATION.cff`` in
step with the package) is a ``validate`` problem with a code (``tests/test_bad_inputs.py``
breaks each one), so a green ``libyadata validate`` means these tests pass.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from libyadata import validate
from libyadata.models.tables import TABLES
from libyadata.sources.curated import Loaded, load_table
from libyadata.sources.project import Project

#: Tables that need not have rows: the seeds are checked elsewhere, and retractions may be empty.
OPTIONAL = {"seeds", "retractions"}


@pytest.fixture(scope="module")
def loaded(project: Project) -> dict[str, Loaded]:
    return {t.name: load_table(project, t) for t in TABLES if t.name != "seeds"}


def test_the_checkout_validates_clean() -> None:
    result = validate(ROOT)
    assert [str(p) for p in result.problems] == []
    assert result.ok


def test_every_kind_is_populated(loaded: dict[str, Loaded]) -> None:
    for table in TABLES:
        if table.name != "seeds":
            assert loaded[table.name].problems == []
        if table.name not in OPTIONAL:
            assert loaded[table.name].records, f"{table.name} has no records"
