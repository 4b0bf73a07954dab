"""The evaluation sets are fixed: every file matches SHA256SUMS, and nothing is added.

The held-out set (evaluation/heldout/) was committed before any extractor rule was tuned on it;
the untuned set (evaluation/untuned/) was written apart from the rules and never tuned on;
the development set (evaluation/dev/) was untuned once. Rules must not drift any of them
toward themselves: a changed text or expected answer fails here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

#: Each evaluation set and the fewest texts it may hold.
SETS = {"heldout": 12, "dev": 3, "untuned": 4}

pytestmark = pytest.mark.parametrize(("name", "fewest"), SETS.items(), ids=list(SETS))


def _folder(name: str) -> Path:
    return ROOT / "evaluation" / name


def _listed(folder: Path) -> dict[str, str]:
    sums: dict[str, str] = {}
    for line in (folder / "SHA256SUMS").read_text(encoding="ascii").splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    return sums


def test_every_file_matches_its_sha256(name: str, fewest: int) -> None:
    folder = _folder(name)
    for file, digest in _listed(folder).items():
        assert hashlib.sha256((folder / file).read_bytes()).hexdigest() == digest, file


def test_the_sums_list_every_file_of_the_set(name: str, fewest: int) -> None:
    folder = _folder(name)
    present = {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.name != "SHA256SUMS"
    }
    assert present == set(_listed(folder))


def test_texts_are_utf8_without_trailing_newline_and_each_is_expected(
    name: str, fewest: int
) -> None:
    folder = _folder(name)
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    files = {entry["file"] for entry in expected["texts"]}
    assert files == {f"texts/{p.name}" for p in (folder / "texts").glob("*.txt")}
    assert len(files) >= fewest
    for file in files:
        raw = (folder / file).read_bytes()
        raw.decode("utf-8")
        assert not raw.endswith(b"\n"), file


def test_every_quoted_sentence_occurs_once_in_its_text(name: str, fewest: int) -> None:
    folder = _folder(name)
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    for entry in expected["texts"]:
        text = (folder / entry["file"]).read_text(encoding="utf-8")
        for record in entry["records"]:
            for quote in [record["trigger"], *record.get("also", [])]:
                assert text.count(quote) == 1, (entry["id"], quote)
        for quote in entry["no_record"]:
            assert text.count(quote) == 1, (entry["id"], quote)
