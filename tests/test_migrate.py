"""Schema versions side by side: schema/v1 as released, schema/v2, and the upgrade between them.

Release 0.1.0 is rebuilt from the commit that registered it, with that commit's own code, and
must give the registered sha256; it then sits in the download cache, as a user's download
would, so ``load(..., version="0.1.0")`` and ``libyadata migrate 0.1.0`` read it offline.
"""

from __future__ import annotations

import copy
import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import BaseModel
from typer.testing import CliRunner

import libyadata
from conftest import ROOT
from libyadata.cli import app
from libyadata.diff.compare import diff
from libyadata.formats import schemas
from libyadata.models.tables import TABLES, table
from libyadata.readers.datapackage import DataPackage, unpack_zip
from libyadata.readers.shipped import installed
from libyadata.releases.download import resolve
from libyadata.releases.registry import zip_name
from libyadata.sources.project import SCHEMA_VERSION, Project
from libyadata.testing import records as records_of
from libyadata.upgrades import schemaupgrade
from releasekit import rebuild

runner = CliRunner()

OLD = "0.1.0"
#: The record tables schema v1 had (a kind added since has nothing to upgrade from).
V1_TABLES = [
    t.name for t in TABLES.records if (ROOT / "schema/v1/jsonschema" / f"{t.name}.json").is_file()
]


#: Under xdist the module's tests run on one worker, so that what they share (release 0.1.0 rebuilt
#: from its commit) is built once.
pytestmark = pytest.mark.xdist_group("migrate")


@pytest.fixture(scope="session")
def released_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip of release 0.1.0, built from the commit that registered it, as registered."""
    return rebuild(
        OLD, tmp_path_factory.mktemp("release-0.1.0"), tmp_path_factory.mktemp("release-cache")
    )


@pytest.fixture
def in_cache(released_zip: Path, _cache_folder: Path) -> None:
    """Put the 0.1.0 zip in the download cache, as ``libyadata download 0.1.0`` leaves it."""
    shutil.copy2(released_zip, _cache_folder / zip_name(OLD))


def _rows(package: DataPackage, name: str) -> list[dict[str, Any]]:
    lines = package.read_bytes(f"{name}-jsonl").splitlines()
    return [json.loads(line) for line in lines]


# --- the schemas -------------------------------------------------------------------------------


def test_schema_v1_stays_beside_v2_frozen(project: Project) -> None:
    assert SCHEMA_VERSION == "2"
    assert (ROOT / "schema/v1/codebook.md").is_file()
    assert (ROOT / "schema/v2/codebook.md").is_file()
    sums = schemas.frozen_sums(project)
    on_disk = {
        path.relative_to(ROOT / "schema").as_posix()
        for path in (ROOT / "schema/v1").rglob("*")
        if path.is_file()
    }
    assert set(sums) == on_disk
    assert schemas.frozen_drift(project) == []


def test_schema_v1_is_the_schema_released_with_0_1_0(released_zip: Path, tmp_path: Path) -> None:
    package = DataPackage.open(unpack_zip(released_zip, cache=tmp_path))
    codebook = (package.root / "codebook.md").read_bytes()
    assert codebook == (ROOT / "schema/v1/codebook.md").read_bytes()
    assert package.schema_version == 1


def test_a_changed_released_schema_file_is_reported(project_copy: Project) -> None:
    (project_copy.schema_root / "SHA256SUMS").write_bytes((ROOT / "schema/SHA256SUMS").read_bytes())
    codebook = project_copy.schema_root / "v1" / "codebook.md"
    codebook.write_text("edited", encoding="utf-8")
    (project_copy.schema_root / "v1" / "extra.json").write_text("{}", encoding="utf-8")
    found = {(p.code, p.file) for p in schemas.frozen_drift(project_copy)}
    assert found == {
        ("schema-frozen", "schema/v1/codebook.md"),
        ("schema-frozen", "schema/v1/extra.json"),
    }


@cache  # one per schema: the property tests ask for it on every example
def _validator(version: int, name: str) -> Draft202012Validator:
    path = ROOT / "schema" / f"v{version}" / "jsonschema" / f"{name}.json"
    return Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.usefixtures("in_cache")
def test_each_release_validates_against_its_own_schema_and_upgrades_to_v2() -> None:
    old = resolve(OLD)
    new = installed()
    for source in TABLES:
        if not old.has(f"{source.name}-jsonl"):
            continue
        v1, v2 = _validator(1, source.name), _validator(2, source.name)
        for row in _rows(old, source.name):
            assert list(v1.iter_errors(row)) == [], row["id"]
        for record in old.records(source.name):  # through the upgrade
            assert list(v2.iter_errors(record.model_dump(mode="json"))) == [], record
        if new.has(f"{source.name}-jsonl"):
            for row in _rows(new, source.name):
                assert list(v2.iter_errors(row)) == [], row["id"]


# --- reading an older release ------------------------------------------------------------------


@pytest.mark.usefixtures("in_cache")
def test_load_reads_an_older_release_through_the_migration_into_todays_models() -> None:
    old = libyadata.load("visits", version=OLD)
    today = {visit.id: visit for visit in libyadata.load("visits")}
    assert all(isinstance(visit, libyadata.Visit) for visit in old)
    assert len(old) == 17
    by_id = {visit.id: visit for visit in old}
    # Retracted since, so only the old release has it; the fields added since are empty.
    assert by_id["VIS-0009"].status == "declined"
    assert "VIS-0009" not in today
    assert all(span.attributed_to is None for visit in old for span in visit.evidence)
    # A record no one touched since reads the same in both releases.
    assert by_id["VIS-0001"] == today["VIS-0001"]
    assert by_id["VIS-0013"].purpose != today["VIS-0013"].purpose


@pytest.mark.usefixtures("in_cache")
def test_diff_across_schema_versions_lists_only_what_the_data_changed() -> None:
    old = resolve(OLD)
    new = installed()
    result = diff(old, new)
    tables = {t.name: t for t in result.tables}
    visits = tables["visits"]
    changed = {change.id: change.fields for change in visits.changed}
    assert "VIS-0001" not in changed  # no field added by schema v2 shows as a change
    assert "purpose" in changed["VIS-0013"]
    assert [(r.id, r.retraction is not None) for r in visits.removed] == [("VIS-0009", True)]
    assert "DEP-0012" in tables["deployments"].added
    assert result.required.label == "major"
    assert result.problems == ()


# --- libyadata migrate: a package --------------------------------------------------------------


@pytest.mark.usefixtures("in_cache")
def test_migrate_writes_an_older_release_as_a_valid_package_of_today(tmp_path: Path) -> None:
    out = tmp_path / "migrated"
    result = runner.invoke(app, ["migrate", OLD, "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    package = DataPackage.open(out)
    assert (package.version, package.schema_version) == (f"{OLD}+schema.2", 2)
    checked = runner.invoke(app, ["validate", "--package", str(out), "--format", "json"])
    assert checked.exit_code == 0, checked.output
    assert package.records("visits") == libyadata.load("visits", version=OLD)
    # The seed texts travel unchanged.
    old = resolve(OLD)
    for resource in old.descriptor["resources"]:
        if str(resource["path"]).startswith("seeds/"):
            assert package.read_bytes(resource["name"]) == old.read_bytes(resource["name"])


@pytest.mark.usefixtures("in_cache")
def test_migrate_refuses_a_folder_in_the_way_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "taken"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["migrate", OLD, "--output", str(out)])
    assert result.exit_code == 2
    assert "exists" in result.output
    assert [path.name for path in out.iterdir()] == ["notes.txt"]


def test_migrate_a_package_of_today_has_nothing_to_do(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["migrate", str(ROOT / "datasets/package"), "--output", str(out)])
    assert result.exit_code == 0
    assert "already follows schema v2" in result.output
    assert not out.exists()


def test_migrate_needs_an_output_for_a_package_and_none_for_records() -> None:
    assert runner.invoke(app, ["migrate", str(ROOT / "datasets/package")]).exit_code == 2
    result = runner.invoke(app, ["migrate", "--root", str(ROOT), "--output", "x"])
    assert result.exit_code == 2


# --- libyadata migrate: curated records --------------------------------------------------------


def _project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    for folder in ("seeds", "schema", "datasets"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("package"))
    return Project.at(root)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_curated_records_of_schema_v1_are_upgraded_in_place(tmp_path: Path) -> None:
    project = _project(tmp_path)
    path = project.root / "datasets" / "visits.yaml"
    original = path.read_text(encoding="utf-8")
    _replace(path, "- id: VIS-0004\n", "- id: VIS-٠٠٠٤\n")
    _replace(path, "      start: 7641\n", "      start: 0x1dd9\n")
    _replace(path, "      end: 7720\n", "      end: 7720.0\n")
    _replace(path, "    earliest: 2016-06-01\n", "    earliest: 2016-06-01T00:00:00\n")
    # The first span of VIS-0004 given twice, the repeat supporting one more field, and a field
    # named twice in a list.
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: VIS-٠٠٠٤")
    first = text.index("    - seed_id: SEED-002\n", start)
    second = text.index("    - seed_id: ", first + 1)
    repeat = text[first:second].replace(
        "supports: [date, visitors, destination]", "supports: [purpose]"
    )
    text = text[:second] + repeat + text[second:]
    text = text.replace(
        "supports: [date, visitors, destination]\n      start: 0x1dd9",
        "supports: [date, visitors, date, destination]\n      start: 0x1dd9",
    )
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))  # and CRLF line ends
    before = libyadata.validate(project.root, skip=("package",))
    assert {"line-ends"} <= {p.code for p in before.problems}

    checked = runner.invoke(app, ["migrate", "--root", str(project.root), "--check"])
    assert checked.exit_code == 1
    assert "would rewrite" in checked.output
    assert b"\r\n" in path.read_bytes()

    result = runner.invoke(app, ["migrate", "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    after = libyadata.validate(project.root, skip=("package",))
    assert after.ok, after.to_text()
    raw = path.read_bytes()
    assert b"\r" not in raw
    assert raw.startswith(b"# Visits and meetings. Curators write seed_id")  # comments kept
    visits = {
        v.id: v for v in (table("visits").model.model_validate(item) for item in _items(path))
    }
    originals = {
        v.id: v
        for v in (table("visits").model.model_validate(item) for item in _items_of(original))
    }
    merged = visits["VIS-0004"].evidence[0]
    assert merged.supports == ("date", "visitors", "destination", "purpose")
    expected = originals["VIS-0004"].evidence[0].model_copy(update={"supports": merged.supports})
    assert merged == expected
    assert len(visits["VIS-0004"].evidence) == len(originals["VIS-0004"].evidence)
    assert visits["VIS-0001"] == originals["VIS-0001"]
    again = runner.invoke(app, ["migrate", "--root", str(project.root), "--check"])
    assert again.exit_code == 0, again.output


def _items_of(text: str) -> list[dict[str, Any]]:
    from libyadata.sources.yamlio import StrictLoader

    loader = StrictLoader(text)
    try:
        return list(loader.get_single_data())
    finally:
        loader.dispose()


def _items(path: Path) -> list[dict[str, Any]]:
    return _items_of(path.read_text(encoding="utf-8"))


def test_a_record_that_cannot_be_upgraded_says_why_and_nothing_is_written(tmp_path: Path) -> None:
    project = _project(tmp_path)
    path = project.root / "datasets" / "visits.yaml"
    _replace(path, "      start: 7641\n", "      start: 0x1dd9\n")  # fixable on its own
    _replace(
        path,
        "  notes: SEED-002 does not say whom Sarraj met or in which city.\n",
        '  notes: "SEED-002 does not say \\u202ewhom Sarraj met."\n',
    )
    before = path.read_bytes()
    result = runner.invoke(app, ["migrate", "--root", str(project.root), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    [problem] = report["problems"]
    assert (problem["code"], problem["record_id"], problem["field"]) == (
        "migration-failed",
        "VIS-0004",
        "notes",
    )
    assert "invisible-character" in problem["message"]
    assert "schema v1 to v2" in problem["message"]
    assert problem["file"] == "datasets/visits.yaml"
    assert isinstance(problem["line"], int)
    assert path.read_bytes() == before


# --- the upgrade, property-tested -----------------------------------------------------------


@cache
def records(name: str) -> st.SearchStrategy[BaseModel]:
    """The strategy of a table's records, built once: building one costs more than a draw."""
    return records_of(name)


_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _v1_data(record: BaseModel) -> dict[str, Any]:
    """A record as schema v1 has it: without the fields schema v2 added (1.0.0 and since)."""
    data = record.model_dump(mode="json")
    data.pop("declined_by", None)
    data.pop("possibly_same_as", None)
    # Schema v1 had no review fields, and took an extracted record without a review.
    if "reviewed_by" in data:
        data["method"] = "curated"
        del data["reviewed_by"], data["reviewed_on"]
    for span in data.get("evidence", ()):
        span.pop("attributed_to", None)
    return data


def _fixable(data: dict[str, Any], choice: int) -> dict[str, Any] | None:
    """Write one value of ``data`` as v1 read it and v2 refuses; ``None`` if there is none."""
    data = copy.deepcopy(data)
    span = data["evidence"][0]
    if choice == 0 and any(char.isdigit() for char in data["id"]):
        data["id"] = data["id"].translate(_ARABIC_INDIC)
    elif choice == 1:
        span["start"] = float(span["start"])  # JSON Schema's integer: 7641.0 is one
    elif choice == 2:
        span["supports"] = [*span["supports"], span["supports"][0]]
    elif choice == 3:
        data["evidence"] = [*data["evidence"], copy.deepcopy(span)]
    elif choice == 4 and isinstance(data.get("date"), dict) and data["date"].get("earliest"):
        data["date"]["earliest"] += "T00:00:00"
    else:
        return None
    return data


def _unfixable(data: dict[str, Any], choice: int) -> tuple[dict[str, Any], str, str]:
    """Write one value of ``data`` that v1 read and v2 refuses, with no one meaning."""
    data = copy.deepcopy(data)
    if choice == 0:
        data["notes"] = (data.get("notes") or "A note") + "\u202e"
        return data, "notes", "invisible-character"
    if choice == 1:
        data["notes"] = "x" * 6000
        return data, "notes", "too-long"
    if len(data["evidence"]) < 2:  # a record's only span, broken, would also leave it none
        data["notes"] = "x" * 6000
        return data, "notes", "too-long"
    data["evidence"][0]["start"] = True  # v1 read it as 1: was 1 meant?
    return data, "evidence.0.start", "integer-form"


@given(st.data())
def test_every_v1_record_that_meets_v2_upgrades_and_validates(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(V1_TABLES), label="table")
    original = _v1_data(data.draw(records(name), label="record"))
    source = table(name)
    expected = source.model.model_validate(original)
    v1 = _validator(1, name)
    assert list(v1.iter_errors(original)) == []
    record, problems = schemaupgrade.upgrade(source, original, 1)
    assert (record, problems) == (expected, [])

    changed = _fixable(original, data.draw(st.integers(0, 4), label="form"))
    if changed is not None:
        assert list(v1.iter_errors(changed)) == [], "not a record schema v1 allows"
        assert schemaupgrade.upgrade(source, changed, 1) == (expected, [])


@given(st.data())
def test_a_v1_record_that_cannot_meet_v2_gets_a_problem_saying_why(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(V1_TABLES), label="table")
    original = _v1_data(data.draw(records(name), label="record"))
    broken, field, reason = _unfixable(original, data.draw(st.integers(0, 2), label="break"))
    assert list(_validator(1, name).iter_errors(broken)) == [] or reason == "integer-form"
    record, problems = schemaupgrade.upgrade(table(name), broken, 1)
    assert record is None
    assert [(p.code, p.field) for p in problems] == [("migration-failed", field)]
    assert f"[{reason}]" in problems[0].message
    assert problems[0].hint


def test_validate_reads_a_package_of_schema_v1_through_the_upgrade(
    released_zip: Path, tmp_path: Path
) -> None:
    import hashlib

    folder = unpack_zip(released_zip, cache=tmp_path / "cache")
    copy = tmp_path / "package"
    shutil.copytree(folder, copy)
    ok = runner.invoke(app, ["validate", "--package", str(copy), "--skip", "package"])
    assert ok.exit_code == 0, ok.output
    # A note schema v1 took and v2 refuses: an invisible right-to-left override.
    path = copy / "jsonl" / "visits.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if b'"id":"VIS-0004"' in line)
    lines[number] = lines[number].replace(b'"notes":"SEED-002', '"notes":"\u202eSEED-002'.encode())
    path.write_bytes(b"".join(lines))
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] == "jsonl/visits.jsonl":
            data = path.read_bytes()
            resource["bytes"], resource["hash"] = (
                len(data),
                f"sha256:{hashlib.sha256(data).hexdigest()}",
            )
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    result = runner.invoke(
        app, ["validate", "--package", str(copy), "--skip", "package", "--format", "json"]
    )
    assert result.exit_code == 1
    [problem] = json.loads(result.output)["problems"]
    assert (problem["code"], problem["record_id"], problem["field"]) == (
        "migration-failed",
        "VIS-0004",
        "notes",
    )
    assert problem["line"] == number + 1
    assert "[invisible-character]" in problem["message"]
