"""Each resource is checked once, and a verdict on the same bytes is reused, never trusted blindly.

The package layer leaves to libyadata's own reading the JSON Lines resources it validated in
full (``checks.packagefiles``); ``validate`` and ``build`` share the verdicts of the cache
folder (``checks.verdicts``), a state file read back from disk and treated as input.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import libyadata
from conftest import ROOT
from libyadata.checks import packagefiles, verdicts
from libyadata.checks.packagerecords import check_records
from libyadata.publishing.build import PACKAGE_DIR, render, write
from libyadata.readers.datapackage import DataPackage
from libyadata.sources.project import Project

PACKAGE = ROOT / "datasets" / "package"
CACHED = "passed these exact bytes before"


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PACKAGE, tmp_path / "package"))


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own, so no earlier verdict answers for it."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("LIBYADATA_CACHE", str(folder))
    return folder


def _checked(folder: Path) -> packagefiles.PackageCheck:
    read = check_records(DataPackage.open(folder), "package")
    return packagefiles.check_package(folder, "package", cache=False, judged=read.judged())


def _edit_descriptor(folder: Path, resource: str, change: dict[str, Any]) -> None:
    path = folder / "datapackage.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    entry = next(r for r in document["resources"] if r["name"] == resource)
    entry.update(change)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")


def test_every_row_is_checked_once_by_one_of_the_two(package_copy: Path) -> None:
    whole = packagefiles.check_package(package_copy, "package", cache=False)
    shared = _checked(package_copy)
    assert whole.problems == shared.problems == ()
    json_lines = sum(
        len(path.read_bytes().splitlines()) for path in (package_copy / "jsonl").glob("*.jsonl")
    )
    assert shared.own == json_lines > 0
    assert whole.own == 0
    assert shared.rows is not None
    assert whole.rows is not None
    assert shared.rows + shared.own == whole.rows


def test_an_entry_not_as_a_build_writes_it_is_left_to_frictionless(package_copy: Path) -> None:
    before = _checked(package_copy).own
    _edit_descriptor(package_copy, "visits-jsonl", {"dialect": {"header": True}})
    # frictionless reads visits, and the actors and places they refer to, itself.
    kept = len(libyadata.visits()) + len(libyadata.actors()) + len(libyadata.places())
    assert _checked(package_copy).own == before - kept


def test_a_schema_other_than_the_models_is_left_to_frictionless(package_copy: Path) -> None:
    path = package_copy / "datapackage.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    entry = next(r for r in document["resources"] if r["name"] == "places-jsonl")
    entry["schema"]["fields"][0]["constraints"]["pattern"] = "^NOPE$"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    result = libyadata.validate(package_copy, package=True, cache=False)
    assert not result.ok
    assert "frictionless-constraint-error" in {p.code for p in result.problems}


def test_json_lines_unlike_their_hash_are_reported(package_copy: Path) -> None:
    path = package_copy / "jsonl" / "visits.jsonl"
    first, rest = path.read_text(encoding="utf-8").split("\n", 1)
    record = json.loads(first)
    record["notes"] = "an edit that keeps the record valid"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n" + rest, encoding="utf-8")
    result = libyadata.validate(package_copy, package=True, cache=False)
    assert {p.code for p in result.problems} >= {"frictionless-hash-count"}


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b'{"format": 1, "key": "0", "verdict": "pass"}',
        b'{"format": 1, "verdict": "pass"}',
        b'["pass"]',
        b" " * 10_000,
    ],
)
def test_a_malformed_verdict_is_ignored_and_the_package_checked_again(
    package_copy: Path, own_cache: Path, content: bytes
) -> None:
    first = libyadata.validate(package_copy, package=True)
    assert first.ok
    (found,) = (own_cache / verdicts.FOLDER).iterdir()
    found.write_bytes(content)
    again = libyadata.validate(package_copy, package=True)
    assert again.ok
    assert CACHED not in again.to_text()
    assert CACHED in libyadata.validate(package_copy, package=True).to_text()  # rewritten


def test_a_verdict_that_is_no_file_is_ignored(package_copy: Path, own_cache: Path) -> None:
    assert libyadata.validate(package_copy, package=True).ok
    (found,) = (own_cache / verdicts.FOLDER).iterdir()
    found.unlink()
    found.mkdir()
    (found / "keep").write_text("a folder where the verdict was", encoding="utf-8")
    result = libyadata.validate(package_copy, package=True)
    assert result.ok
    assert CACHED not in result.to_text()
    assert (found / "keep").is_file()  # nothing is removed to make room


def test_a_verdict_names_no_file_and_covers_every_byte(package_copy: Path, own_cache: Path) -> None:
    assert libyadata.validate(package_copy, package=True).ok
    (found,) = (own_cache / verdicts.FOLDER).iterdir()
    assert set(json.loads(found.read_bytes())) == {"format", "key", "verdict"}
    seed = next((package_copy / "seeds").iterdir())
    seed.write_bytes(seed.read_bytes() + b" ")
    result = libyadata.validate(package_copy, package=True)
    assert not result.ok
    assert CACHED not in result.to_text()


@pytest.fixture
def release_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    for folder in ("seeds", "schema", "datasets"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "CITATION.cff", tmp_path)
    monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: None)
    monkeypatch.setenv("LIBYADATA_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return Project.at(tmp_path)


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """Count frictionless's runs, with the resources left to libyadata in each."""
    runs: list[set[str]] = []
    real = packagefiles._frictionless

    def counted(descriptor: Path, shown: str, own: set[str]) -> Any:
        runs.append(set(own))
        return real(descriptor, shown, own)

    monkeypatch.setattr(packagefiles, "_frictionless", counted)
    return runs


def _build(project: Project) -> None:
    built, problems = render(project)
    assert problems == []
    assert built is not None
    assert write(project, built) == []


def test_a_build_reuses_the_verdict_of_validate_and_of_the_last_build(
    release_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _counting(monkeypatch)
    assert libyadata.validate(release_copy.root).ok
    assert len(runs) == 1  # the committed package, its JSON Lines judged by the fresh build
    descriptor = json.loads((release_copy.root / PACKAGE_DIR / "datapackage.json").read_bytes())
    names = {r["name"] for r in descriptor["resources"] if r["name"].endswith("-jsonl")}
    assert runs[0] == names
    _build(release_copy)
    assert len(runs) == 1  # the same bytes: not checked again
    visits = release_copy.root / "datasets" / "visits.yaml"
    text = visits.read_text(encoding="utf-8")
    visits.write_text(text.replace("status: occurred", "status: expected", 1), encoding="utf-8")
    _build(release_copy)
    assert len(runs) == 2  # new bytes are checked, the JSON Lines by the build's own reading
    assert "visits-jsonl" in runs[1]
    _build(release_copy)
    assert len(runs) == 2  # the previous build's verdict
    result = libyadata.validate(release_copy.root)
    assert result.ok
    assert CACHED in result.to_text()
    assert (release_copy.root / PACKAGE_DIR / "datapackage.json").is_file()


@pytest.mark.parametrize("path", ["/etc/hostname", "../outside.csv", "csv/\u0000.csv", "csv"])
def test_a_resource_path_that_is_no_file_of_the_package_gets_no_verdict(
    package_copy: Path, path: str
) -> None:
    (package_copy.parent / "outside.csv").write_text("id\n", encoding="utf-8")
    descriptor = json.loads((package_copy / "datapackage.json").read_bytes())
    names = [*(r["path"] for r in descriptor["resources"]), path]
    assert verdicts.key(package_copy, names) is None
    assert verdicts.key(package_copy, names[:-1]) is not None


def test_a_pipe_among_the_files_gets_no_verdict_and_no_wait(package_copy: Path) -> None:
    import os

    os.mkfifo(package_copy / "csv" / "pipe.csv")
    assert verdicts.key(package_copy, ["datapackage.json", "csv/pipe.csv"]) is None


def test_a_descriptor_that_is_no_mapping_is_a_problem(package_copy: Path) -> None:
    (package_copy / "datapackage.json").write_text("[1, 2]", encoding="utf-8")
    result = packagefiles.check_package(package_copy, "package", judged={})
    assert result.problems
