"""``libyadata validate`` as a whole: layers, package mode, the package layer, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import libyadata
from conftest import ROOT
from libyadata.checks import packagerecords as packagesource
from libyadata.cli import app
from libyadata.validation.validate import LAYERS, UsageError

runner = CliRunner()
PACKAGE = ROOT / "datasets" / "package"


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the built package, safe to break."""
    return Path(shutil.copytree(PACKAGE, tmp_path / "package"))


def codes(result: libyadata.Validation) -> set[tuple[str, str | None, str | None, int | None]]:
    return {(p.code, p.record_id, p.field, p.line) for p in result.problems}


def edit_line(package: Path, table: str, number: int, change: dict[str, object]) -> None:
    path = package / "jsonl" / f"{table}.jsonl"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = json.dumps({**json.loads(lines[number - 1]), **change}, ensure_ascii=False)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_the_real_project_passes_every_layer() -> None:
    result = libyadata.validate(ROOT)
    assert isinstance(result, libyadata.Validation)
    assert result.ok, result.to_text()
    assert result.layers == LAYERS
    assert result.records["visits"] == len(libyadata.visits())
    assert "the same as a fresh build" in result.to_text()


def test_the_built_package_passes_on_its_own() -> None:
    result = libyadata.validate(PACKAGE, package=True)
    assert result.ok, result.to_text()
    assert "schema" not in result.layers
    assert result.records["seeds"] == len(libyadata.seeds())
    assert "5 of 5 verified" in result.to_text()


def test_package_records_are_reported_by_line_with_codes(package_copy: Path) -> None:
    edit_line(package_copy, "visits", 2, {"status": "ocurred"})
    edit_line(package_copy, "visits", 3, {"visitors": ["ACT-nobody"]})
    edit_line(package_copy, "deployments", 1, {"id": "VIS-0001"})
    result = libyadata.validate(package_copy, package=True, skip=("package",))
    visits = libyadata.visits()
    assert codes(result) == {
        ("unknown-enum", visits[1].id, "status", 2),
        ("foreign-key", visits[2].id, "visitors.0", 3),
        ("pattern", "VIS-0001", "id", 1),
    }
    problem = next(p for p in result.problems if p.code == "unknown-enum")
    assert problem.file is not None
    assert problem.file.endswith("jsonl/visits.jsonl")
    assert problem.hint is not None
    assert "did you mean 'occurred'" in problem.hint


def test_a_changed_seed_text_fails_its_sha256(package_copy: Path) -> None:
    seed = next((package_copy / "seeds").glob("002_*.txt"))
    seed.write_bytes(seed.read_bytes().replace(b"Haftar", b"Hafter", 1))
    result = libyadata.validate(package_copy, package=True, skip=("package",))
    found = {p.code for p in result.problems}
    assert "seed-hash" in found
    assert "seed-unverified" in found  # its spans cannot be trusted, and say why


def test_parallel_parts_find_what_one_pass_finds(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = (package_copy / "jsonl" / "visits.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    edit_line(package_copy, "visits", len(lines), {"id": first["id"]})  # a duplicate, far apart
    edit_line(package_copy, "visits", 5, {"destination": "PLC-nowhere"})
    sequential = libyadata.validate(package_copy, package=True, skip=("package",))
    monkeypatch.setattr(packagesource, "PARALLEL_FROM", 2)
    monkeypatch.setattr(packagesource, "_workers", lambda: 3)
    parallel = libyadata.validate(package_copy, package=True, skip=("package",))
    assert codes(parallel) == codes(sequential)
    assert {code for code, *_ in codes(sequential)} == {"duplicate-id", "foreign-key"}
    assert parallel.records == sequential.records


def test_the_package_layer_runs_frictionless_and_the_profile(package_copy: Path) -> None:
    csv = package_copy / "csv" / "visit_visitors.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("ACT-", "ACT_", 1), encoding="utf-8")
    descriptor = package_copy / "datapackage.json"
    document = json.loads(descriptor.read_text(encoding="utf-8"))
    document["resources"][0]["schema"]["fields"][0]["type"] = "text"
    descriptor.write_text(json.dumps(document), encoding="utf-8")
    result = libyadata.validate(package_copy, package=True)
    found = {p.code for p in result.problems}
    assert "package-profile" in found
    assert {code for code in found if code.startswith("frictionless-")}
    assert all(p.layer == "package" for p in result.problems)


def test_a_pass_is_remembered_for_the_same_bytes_only(package_copy: Path) -> None:
    first = libyadata.validate(package_copy, package=True)
    again = libyadata.validate(package_copy, package=True)
    forced = libyadata.validate(package_copy, package=True, cache=False)
    assert first.ok
    assert again.ok
    assert forced.ok
    assert "passed these exact bytes before" in again.to_text()
    assert "passed these exact bytes before" not in forced.to_text()
    codebook = package_copy / "codebook.md"
    codebook.write_bytes(codebook.read_bytes() + b" ")  # not a resource, so no check fails
    changed = libyadata.validate(package_copy, package=True)
    assert "passed these exact bytes before" in changed.to_text()
    csv = package_copy / "csv" / "visits.csv"
    csv.write_bytes(csv.read_bytes() + b"\n")
    assert not libyadata.validate(package_copy, package=True).ok


def test_a_stale_package_is_reported_for_a_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for part in ("seeds", "schema", "datasets"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy(ROOT / "CITATION.cff", tmp_path)
    places = tmp_path / "datasets" / "places.yaml"
    places.write_text(
        places.read_text(encoding="utf-8").replace("notes:", "notes: (edited)", 1),
        encoding="utf-8",
    )
    # As if this version were released: the change must then also come with a new version.
    monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: "0" * 64)
    result = libyadata.validate(tmp_path)
    assert {p.code for p in result.problems} == {"package-stale", "release-changed"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--skip", "parse"], "cannot skip 'parse'"),
        (["--skip", "records"], "cannot skip 'records'"),
        (["--package", "/nonexistent/folder"], "/nonexistent/folder"),
    ],
)
def test_usage_errors_exit_2(arguments: list[str], message: str) -> None:
    result = runner.invoke(app, ["validate", "--root", str(ROOT), *arguments])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_the_python_api_raises_value_errors_for_misuse(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot skip"):
        libyadata.validate(ROOT, skip=("parse",))
    with pytest.raises(ValueError, match="not a libyadata project"):
        libyadata.validate(tmp_path)


def test_json_output_carries_layers_counts_and_problems(package_copy: Path) -> None:
    edit_line(package_copy, "bases", 1, {"facility_type": "airbase"})
    command = ["validate", "--package", str(package_copy), "--skip", "package", "--format", "json"]
    result = runner.invoke(app, command)
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False
    assert report["layers"] == ["parse", "records", "cross-record", "provenance"]
    (problem,) = report["problems"]
    assert problem["code"] == "unknown-enum"
    assert problem["layer"] == "records"
    assert problem["line"] == 1
    assert problem["field"] == "facility_type"
    assert "air_base" in problem["hint"]
