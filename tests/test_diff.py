"""``libyadata diff`` on real builds, schema-change classification, and retraction checks."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import libyadata.publishing.build
import libyadata.publishing.citation
from conftest import ROOT
from libyadata.checks.sources import check
from libyadata.cli import app
from libyadata.diff.compare import diff, differences
from libyadata.diff.report import Change
from libyadata.diff.versioning import Bump, bump_between, next_version, schema_changes
from libyadata.models import RetractedTable
from libyadata.models.retraction import ID_PATTERNS
from libyadata.models.tables import TABLES
from libyadata.publishing.build import PACKAGE_DIR, render, write
from libyadata.readers.datapackage import DataPackage
from libyadata.readers.packageerror import PackageError
from libyadata.releases.download import resolve
from libyadata.sources.project import Project

runner = CliRunner()

REASON = "duplicate of VIS-0018, which cites the same seed"
RETRACTION = f"""
- id: VIS-0004
  table: visits
  reason: {REASON}
  replaced_by: VIS-0018
  retracted_in: 0.2.0
"""


def copy_project(target: Path) -> Project:
    """Copy what a build reads (seeds, curated data, schemas, citation) into ``target``."""
    target.mkdir(parents=True)
    for folder in ("seeds", "schema"):
        shutil.copytree(ROOT / folder, target / folder)
    # Without the coverage exclusions, coverage is not held: these variants drop records.
    shutil.copytree(
        ROOT / "datasets",
        target / "datasets",
        ignore=shutil.ignore_patterns("package", "coverage-exclusions.yaml"),
    )
    shutil.copy2(ROOT / "CITATION.cff", target / "CITATION.cff")
    return Project.at(target)


def build(project: Project, version: str) -> Path:
    """Build ``project`` as ``version`` with the real build, and return the package folder."""
    citation = project.root / "CITATION.cff"
    text = citation.read_text(encoding="utf-8")
    citation.write_text(re.sub(r'version: "[^"]+"', f'version: "{version}"', text), "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(libyadata.publishing.citation, "__version__", version)
        # These packages are made up for the comparisons; none is the registered release of its
        # version (the checkout's schemas have moved on since 0.1.0 was released).
        patch.setattr(libyadata.publishing.build, "registered_hash", lambda name: None)
        built, problems = render(project)
        assert built is not None, [str(p) for p in problems]
        assert write(project, built) == []
    return project.root / PACKAGE_DIR


def edit_visits(project: Project, *, drop: set[str], add: dict[str, str]) -> None:
    """Drop records by id and add copies of others under new ids, editing the YAML text."""
    path = project.root / "datasets" / "visits.yaml"
    header, *blocks = re.split(r"(?m)^(?=- id: )", path.read_text(encoding="utf-8"))
    by_id = {block.split("\n", 1)[0].removeprefix("- id: "): block for block in blocks}
    kept = [block for record_id, block in by_id.items() if record_id not in drop]
    # A copy names its original in its notes: two records of one event stand only so.
    copies = [
        by_id[source]
        .replace(f"- id: {source}", f"- id: {new}", 1)
        .replace("  notes: >-\n", f"  notes: >-\n    A copy of {source} for this test.\n", 1)
        .rstrip("\n")
        + "\n\n"
        for new, source in add.items()
    ]
    kept[-1] = kept[-1].rstrip("\n") + "\n\n"
    path.write_text(header + "".join(kept + copies).rstrip("\n") + "\n", encoding="utf-8")


def append(path: Path, text: str) -> None:
    """Add records at the end of a curated file's list."""
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, "utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@dataclass(frozen=True)
class Packages:
    old: Path
    """The checkout as 0.1.0."""
    new: Path
    """0.2.0: VIS-0018 added, VIS-0003 changed, VIS-0004 removed with a retraction."""
    dirty: Path
    """As ``new``, and VIS-0011 (which no note names) removed without a retraction."""


#: Under xdist the module's tests run on one worker, so that what they share (the builds of five
#: variants of the project) is built once.
pytestmark = pytest.mark.xdist_group("diff")


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Packages:
    base = tmp_path_factory.mktemp("diff")
    snapshot = copy_project(base / "snapshot")

    def variant(name: str) -> Project:
        shutil.copytree(snapshot.root, base / name)
        return Project.at(base / name)

    old = build(variant("old"), "0.1.0")
    clean = variant("new")
    edit_visits(clean, drop={"VIS-0004"}, add={"VIS-0018": "VIS-0001"})
    visits = clean.root / "datasets" / "visits.yaml"
    replace_in(visits, "    value: 2017-01-11\n", "    value: 2017-01-12\n")
    replace_in(visits, "Shoigu was met by video conference", "Shoigu was met by video link")
    retractions = clean.root / "datasets" / "retractions.yaml"
    append(retractions, RETRACTION)
    dirty = variant("dirty")
    for name in ("visits.yaml", "retractions.yaml"):
        shutil.copy2(clean.root / "datasets" / name, dirty.root / "datasets" / name)
    edit_visits(dirty, drop={"VIS-0011"}, add={})
    return Packages(old, build(clean, "0.2.0"), build(dirty, "0.2.0"))


def with_version(folder: Path, version: str) -> DataPackage:
    """The package in ``folder``, claiming another version (its data unchanged)."""
    package = DataPackage.open(folder)
    return DataPackage(package.root, {**package.descriptor, "version": version})


# Records: added, changed, removed with and without retraction.


def test_a_release_lists_added_changed_and_retracted_records(packages: Packages) -> None:
    result = diff(DataPackage.open(packages.old), DataPackage.open(packages.new))
    [visits] = result.tables
    assert visits.name == "visits"
    assert visits.added == ("VIS-0018",)
    assert visits.changed == (
        Change("VIS-0003", ("date.value", "date.earliest", "date.latest", "notes")),
    )
    [removal] = visits.removed
    assert removal.id == "VIS-0004"
    assert removal.retraction is not None
    assert removal.retraction.table == RetractedTable.VISITS
    assert removal.retraction.replaced_by == "VIS-0018"
    # The first retraction brings the table's JSON Lines form (an empty table has none): that
    # is a change of data, not of the package's shape.
    assert "retractions-jsonl" in {
        r["name"] for r in DataPackage.open(packages.new).descriptor["resources"]
    }
    assert result.schema == ()
    assert result.metadata == ()
    assert (result.required, result.actual) == (Bump.MINOR, Bump.MINOR)
    assert result.problems == ()
    assert result.ok


def test_a_removal_without_retraction_is_a_problem(packages: Packages) -> None:
    result = diff(DataPackage.open(packages.old), DataPackage.open(packages.dirty))
    [visits] = result.tables
    assert [(r.id, r.retraction is not None) for r in visits.removed] == [
        ("VIS-0004", True),
        ("VIS-0011", False),
    ]
    [problem] = result.problems
    assert (problem.code, problem.record_id) == ("removal-unretracted", "VIS-0011")
    assert problem.file == "datasets/retractions.yaml"
    assert problem.hint is not None
    assert "retracted_in: 0.2.0" in problem.hint
    assert not result.ok


def test_identical_packages_have_no_changes(packages: Packages) -> None:
    result = diff(DataPackage.open(packages.old), DataPackage.open(packages.old))
    assert not result.changed
    assert (result.required, result.problems) == (Bump.NONE, ())


def test_a_bump_smaller_than_the_changes_need_is_a_problem(packages: Packages) -> None:
    result = diff(DataPackage.open(packages.old), with_version(packages.new, "0.1.1"))
    assert (result.required, result.actual) == (Bump.MINOR, Bump.PATCH)
    codes = {p.code: p for p in result.problems}
    assert set(codes) == {"version-bump-too-small", "retraction-version"}
    assert codes["version-bump-too-small"].hint is not None
    assert "to 0.2.0 at least" in codes["version-bump-too-small"].hint
    assert codes["retraction-version"].record_id == "VIS-0004"


def test_changes_under_the_same_version_are_a_problem(packages: Packages) -> None:
    result = diff(DataPackage.open(packages.old), with_version(packages.new, "0.1.0"))
    assert "version-not-greater" in {p.code for p in result.problems}
    assert result.actual is None


def test_a_larger_bump_than_needed_is_fine(packages: Packages) -> None:
    result = diff(DataPackage.open(packages.old), with_version(packages.new, "1.0.0"))
    assert result.actual == Bump.MAJOR
    assert result.problems == ()  # retracted_in 0.2.0 lies after 0.1.0, up to 1.0.0


def test_going_back_reuses_a_retracted_id_and_drops_its_retraction(packages: Packages) -> None:
    result = diff(DataPackage.open(packages.new), DataPackage.open(packages.old))
    [visits] = result.tables
    assert visits.added == ("VIS-0004",)
    assert [r.id for r in visits.removed] == ["VIS-0018"]
    codes = sorted((p.code, p.record_id) for p in result.problems)
    assert codes == [
        ("id-reused", "VIS-0004"),
        ("removal-unretracted", "VIS-0018"),
        ("retraction-dropped", "VIS-0004"),
        ("version-not-greater", None),
    ]


def test_lists_compare_by_position() -> None:
    old = {"date": {"value": "2017"}, "evidence": [{"quote": "a"}, {"quote": "b"}], "x": 1}
    new = {"date": {"value": "2018"}, "evidence": [{"quote": "z"}, {"quote": "a"}, {"quote": "b"}]}
    assert list(differences(old, new)) == [
        "date.value",
        "evidence.0.quote",
        "evidence.1.quote",
        "evidence.2",
        "x",
    ]
    assert list(differences({"n": 1}, {"n": 1.0})) == ["n"]
    assert list(differences(old, old)) == []


# Schema changes, classified by the Data Package version rules.


def schema(**constraints: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": "id", "type": "string"}
    if constraints:
        field["constraints"] = constraints
    return {"fields": [field, {"name": "n", "type": "integer"}], "primaryKey": ["id"]}


def classify(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str | None, str, Bump]]:
    return [(c.field, c.change, c.bump) for c in schema_changes("visits", old, new)]


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        ({}, {"required": True}, "required added"),
        ({}, {"unique": True}, "unique added"),
        ({}, {"pattern": "^V"}, "pattern constraint added ('^V')"),
        ({"pattern": "^V"}, {"pattern": "^VIS"}, "pattern changed from '^V' to '^VIS'"),
        ({"enum": ["a", "b"]}, {"enum": ["a"]}, "enum values removed: b"),
        ({}, {"enum": ["a"]}, "enum constraint added (a)"),
        ({"minLength": 1}, {"minLength": 2}, "minLength raised from 1 to 2"),
        ({"maximum": 9}, {"maximum": 5}, "maximum lowered from 9 to 5"),
        ({}, {"minimum": 0}, "minimum constraint added (0)"),
    ],
)
def test_a_tightened_constraint_is_major(
    old: dict[str, Any], new: dict[str, Any], change: str
) -> None:
    assert classify(schema(**old), schema(**new)) == [("id", change, Bump.MAJOR)]


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        ({"required": True}, {}, "required removed"),
        ({"enum": ["a"]}, {"enum": ["a", "b"]}, "enum values added: b"),
        ({"enum": ["a"]}, {}, "enum constraint removed"),
        ({"pattern": "^V"}, {}, "pattern constraint removed"),
        ({"minimum": 2}, {"minimum": 1}, "minimum lowered from 2 to 1"),
        ({"maxLength": 5}, {"maxLength": 9}, "maxLength raised from 5 to 9"),
    ],
)
def test_a_loosened_constraint_is_minor(
    old: dict[str, Any], new: dict[str, Any], change: str
) -> None:
    assert classify(schema(**old), schema(**new)) == [("id", change, Bump.MINOR)]


def test_fields_added_are_minor_and_removed_or_retyped_are_major() -> None:
    base = schema()
    added = {**base, "fields": [*base["fields"], {"name": "extra", "type": "string"}]}
    assert classify(base, added) == [("extra", "field added", Bump.MINOR)]
    assert classify(added, base) == [("extra", "field removed", Bump.MAJOR)]
    retyped = {**base, "fields": [base["fields"][0], {"name": "n", "type": "number"}]}
    assert classify(base, retyped) == [("n", "type changed from 'integer' to 'number'", Bump.MAJOR)]
    renamed = {**base, "fields": [base["fields"][0], {"name": "count", "type": "integer"}]}
    assert {(f, b) for f, _, b in classify(base, renamed)} == {
        ("n", Bump.MAJOR),
        ("count", Bump.MINOR),
    }


def test_documentation_changes_are_patch_and_keys_are_classified() -> None:
    base = schema()
    described = {
        **base,
        "fields": [{**base["fields"][0], "description": "The id."}, base["fields"][1]],
    }
    assert classify(base, described) == [("id", "description changed", Bump.PATCH)]
    key = {"fields": ["n"], "reference": {"resource": "seeds", "fields": ["id"]}}
    linked = {**base, "foreignKeys": [key]}
    assert [b for _, _, b in classify(base, linked)] == [Bump.MAJOR]
    assert [b for _, _, b in classify(linked, base)] == [Bump.MINOR]
    assert [b for _, _, b in classify(base, {**base, "primaryKey": ["n"]})] == [Bump.MAJOR]


def test_resources_added_and_removed_are_classified(packages: Packages) -> None:
    old = DataPackage.open(packages.old)
    descriptor = json.loads(json.dumps(old.descriptor))
    descriptor["resources"] = [
        r for r in descriptor["resources"] if r["name"] not in {"visit_met_with", "retractions"}
    ]
    descriptor["title"] = "A new title"
    fewer = DataPackage(old.root, descriptor)
    result = diff(old, fewer)
    removed = {(c.resource, c.change, c.bump) for c in result.schema}
    assert removed == {
        ("visit_met_with", "resource removed", Bump.MAJOR),
        ("retractions", "resource removed", Bump.MAJOR),
    }
    assert result.metadata == ("title",)
    assert result.required == Bump.MAJOR
    assert {(c.resource, c.bump) for c in diff(fewer, old).schema} == {
        ("visit_met_with", Bump.MINOR),
        ("retractions", Bump.MINOR),
    }


def test_versions_compare_as_semver() -> None:
    assert bump_between("0.1.0", "0.1.1") == Bump.PATCH
    assert bump_between("0.1.9", "0.2.0") == Bump.MINOR
    assert bump_between("0.9.0", "1.0.0") == Bump.MAJOR
    assert bump_between("1.0.0-rc.1", "1.0.0") == Bump.NONE
    assert bump_between("0.2.0", "0.10.0") == Bump.MINOR
    assert bump_between("0.2.0", "0.2.0") is None
    assert bump_between("0.10.0", "0.9.0") is None
    assert next_version("0.1.3", Bump.MINOR) == "0.2.0"
    with pytest.raises(ValueError, match="not a Semantic Version"):
        bump_between("1.0", "1.1")


# Retractions in the curated data.


def test_validate_checks_retracted_ids_and_replacements(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project.root / "datasets" / "retractions.yaml"
    first = len(path.read_text(encoding="utf-8").rstrip("\n").splitlines()) + 1
    kept = len(check(project).tables["retractions"].records)
    append(
        path,
        "- id: VIS-0001\n  table: visits\n  reason: still live\n  retracted_in: 0.2.0\n"
        "- id: VIS-0999\n  table: visits\n  reason: gone\n  replaced_by: VIS-0998\n"
        "  retracted_in: 0.2.0\n"
        "- id: DEP-0999\n  table: visits\n  reason: wrong table\n  retracted_in: 0.2.0\n",
    )
    checked = check(project)
    report, summary = checked.report, checked.summary
    found = {(p.code, p.record_id, p.field, p.file, p.line) for p in report.problems}
    assert found == {
        ("retraction-live", "VIS-0001", "id", "datasets/retractions.yaml", first),
        (
            "retraction-replacement",
            "VIS-0999",
            "replaced_by",
            "datasets/retractions.yaml",
            first + 7,
        ),
        ("retraction-table", "DEP-0999", None, "datasets/retractions.yaml", first + 9),
    }
    assert all(p.hint for p in report.problems if p.code != "retraction-table")
    assert summary.records["retractions"] == kept + 2


def test_every_table_but_retractions_can_be_retracted_by_its_own_ids() -> None:
    assert {t.value for t in RetractedTable} == {t.name for t in TABLES} - {"retractions"}
    for source in TABLES:
        if source.name != "retractions":
            pattern = source.model.model_json_schema()["properties"]["id"]["pattern"]
            assert pattern == f"^{ID_PATTERNS[RetractedTable(source.name)]}$", source.name


# The command line.


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


def test_cli_diff_exits_0_on_a_sound_release_and_prints_a_summary(packages: Packages) -> None:
    result = invoke("diff", str(packages.old), str(packages.new / "datapackage.json"))
    assert result.exit_code == 0, result.output
    assert "visits: 1 added, 1 changed, 1 retracted" in result.output
    assert "~ VIS-0003: date.value, date.earliest, date.latest, notes" in result.output
    assert "bump: minor needed; 0.1.0 → 0.2.0 is minor" in result.output
    assert result.output.rstrip().endswith("diff: ok")


def test_cli_diff_markdown_is_a_changelog_entry(packages: Packages) -> None:
    result = invoke("diff", str(packages.old), str(packages.dirty), "--format", "markdown")
    assert result.exit_code == 1
    assert result.stdout == (
        "### Data\n\n"
        "- visits: 1 added (VIS-0018), "
        "1 changed (VIS-0003: date.value, date.earliest, date.latest, notes), "
        f"1 retracted (VIS-0004 → VIS-0018: {REASON}), "
        "1 removed without retraction (VIS-0011)\n"
    )
    assert "[removal-unretracted]" in result.stderr
    assert "Traceback" not in result.output


def test_cli_diff_json_is_data(packages: Packages) -> None:
    result = invoke("diff", str(packages.old), str(packages.dirty), "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["tables"]["visits"]["added"] == ["VIS-0018"]
    assert document["tables"]["visits"]["removed"][1] == {"id": "VIS-0011", "retraction": None}
    assert document["bump"] == {"required": "minor", "actual": "minor"}
    assert [p["code"] for p in document["problems"]] == ["removal-unretracted"]


def test_cli_diff_exits_2_when_a_package_cannot_be_read(packages: Packages, tmp_path: Path) -> None:
    result = invoke("diff", str(tmp_path / "nowhere"), str(packages.new))
    assert result.exit_code == 2
    assert "neither a path that exists nor a version" in result.stderr
    damaged = tmp_path / "damaged"
    shutil.copytree(packages.old, damaged)
    with (damaged / "jsonl" / "visits.jsonl").open("ab") as handle:
        handle.write(b"\n")
    result = invoke("diff", str(damaged), str(packages.new))
    assert result.exit_code == 2
    assert "does not match datapackage.json" in result.stderr
    assert "Traceback" not in result.output


def test_a_zip_of_a_package_resolves(
    packages: Packages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIBYADATA_CACHE", str(tmp_path / "cache"))
    [archive] = (packages.new.parent.parent / "dist").glob("libyadata-0.2.0.zip")
    unpacked = resolve(str(archive))
    assert unpacked.version == "0.2.0"
    assert unpacked.root.parent.parent == tmp_path / "cache" / "unpacked"
    assert resolve(str(archive)).root == unpacked.root  # unpacked once
    assert not diff(DataPackage.open(packages.new), unpacked).changed


def test_a_file_that_is_not_a_zip_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LIBYADATA_CACHE", str(tmp_path / "cache"))
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip")
    with pytest.raises(PackageError, match="not a readable zip"):
        resolve(str(broken))
    assert not any(path.is_file() for path in (tmp_path / "cache").rglob("*"))


def test_renaming_the_package_or_changing_its_id_is_major() -> None:
    from libyadata.diff.versioning import resource_changes

    old = {"name": "libyadata", "id": "5a0b", "resources": []}
    for key in ("name", "id"):
        [change] = resource_changes(old, {**old, key: "another"})
        assert change.bump == Bump.MAJOR
        assert change.change.startswith(f"{key} changed")


def test_a_field_added_since_with_its_empty_default_is_no_change() -> None:
    old = {"id": "VIS-0001", "notes": "x"}
    assert list(differences(old, {**old, "possibly_same_as": []})) == []
    assert list(differences(old, {**old, "purpose": None})) == []
    assert list(differences(old, {**old, "possibly_same_as": ["VIS-0002"]})) == ["possibly_same_as"]
    assert list(differences({**old, "purpose": "y"}, old)) == ["purpose"]
