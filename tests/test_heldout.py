"""The held-out evaluation set is fixed: every file matches SHA256SUMS, and nothing is added.

The set (evaluation/heldout/) was committed before any extractor rule was tuned on it. Rules
must not drift it toward themselves: a changed text or expected answer fails here.
"""

from __future__ import annotations

import hashlib

import yaml

from conftest import ROOT

HELDOUT = ROOT / "evaluation" / "heldout"


def _listed() -> dict[str, str]:
    sums: dict[str, str] = {}
    for line in (HELDOUT / "SHA256SUMS").read_text(encoding="ascii").splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    return sums


def test_every_file_matches_its_sha256() -> None:
    for name, digest in _listed().items():
        assert hashlib.sha256((HELDOUT / name).read_bytes()).hexdigest() == digest, name


def test_the_sums_list_every_file_of_the_set() -> None:
    present = {
        path.relative_to(HELDOUT).as_posix()
        for path in HELDOUT.rglob("*")
        if path.is_file() and path.name != "SHA256SUMS"
    }
    assert present == set(_listed())


def test_texts_are_utf8_without_trailing_newline_and_each_is_expected() -> None:
    expected = yaml.safe_load((HELDOUT / "expected.yaml").read_text(encoding="utf-8"))
    files = {entry["file"] for entry in expected["texts"]}
    assert files == {f"texts/{p.name}" for p in (HELDOUT / "texts").glob("*.txt")}
    assert len(files) >= 12
    for name in files:
        raw = (HELDOUT / name).read_bytes()
        raw.decode("utf-8")
        assert not raw.endswith(b"\n"), name


def test_every_quoted_sentence_occurs_once_in_its_text() -> None:
    expected = yaml.safe_load((HELDOUT / "expected.yaml").read_text(encoding="utf-8"))
    for entry in expected["texts"]:
        text = (HELDOUT / entry["file"]).read_text(encoding="utf-8")
        for record in entry["records"]:
            for quote in [record["trigger"], *record.get("also", [])]:
                assert text.count(quote) == 1, (entry["id"], quote)
        for quote in entry["no_record"]:
            assert text.count(quote) == 1, (entry["id"], quote)
