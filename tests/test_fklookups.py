"""frictionless's foreign-key lookups shared within a run find exactly what it finds alone."""

from __future__ import annotations

import shutil
from contextlib import nullcontext
from pathlib import Path

import pytest

from conftest import ROOT
from libyadata.checks import fklookups, packagefiles

PACKAGE = ROOT / "datasets" / "package"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shared_lookups_find_what_frictionless_finds_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Path(shutil.copytree(PACKAGE, tmp_path / "package"))
    # A child row pointing at no visit, and an actor's affiliation at no actor (a self
    # reference); their hashes change too, which frictionless reports as well.
    _replace(folder / "csv" / "visit_visitors.csv", "VIS-0002,1,", "VIS-9999,1,")
    _replace(folder / "csv" / "actors.csv", ",ACT-russian-armed-forces,RU,", ",ACT-nobody,RU,")
    descriptor = folder / "datapackage.json"
    shared = packagefiles._frictionless(descriptor, "package", set())
    monkeypatch.setattr(fklookups, "shared_lookups", nullcontext)
    alone = packagefiles._frictionless(descriptor, "package", set())
    assert shared == alone
    found = {(p.code, p.file) for p in shared[0]}
    assert ("frictionless-foreign-key", "package/csv/visit_visitors.csv") in found
    assert ("frictionless-foreign-key", "package/csv/actors.csv") in found


def test_frictionless_runs_as_it_is_after_the_block() -> None:
    from frictionless.resources import TableResource

    before = TableResource._TableResource__open_lookup  # type: ignore[attr-defined]
    with fklookups.shared_lookups():
        assert TableResource._TableResource__open_lookup is not before  # type: ignore[attr-defined]
    assert TableResource._TableResource__open_lookup is before  # type: ignore[attr-defined]
