"""`libyadata build`: reproducible, atomic, complete, and current in the checkout."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from libyadata import TABLES, DataPackage, PackageError
from libyadata._version import __version__
from libyadata.cli import app
from libyadata.formats.layout import layouts
from libyadata.package.build import PACKAGE_DIR, SUMS, Build, release_problems, render, stale, write
from libyadata.package.citation import read_release
from libyadata.sources.curated import load_table
from libyadata.sources.project import Project


def _render(project: Project) -> Build:
    built, problems = render(project)
    assert problems == []
    assert built is not None
    return built


def _tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    # Builds here compare with the committed package, whose times come from CITATION.cff.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def release_copy(tmp_path: Path) -> Project:
    """A copy of everything a build reads, and the committed package, safe to break."""
    for folder in ("seeds", "schema", "datasets"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "CITATION.cff", tmp_path)
    return Project.at(tmp_path)


def _change_a_visit(project: Project) -> None:
    """Change one value of the first visit, keeping the data valid."""
    path = project.root / "datasets" / "visits.yaml"
    text = path.read_text(encoding="utf-8")
    assert "status: occurred" in text
    path.write_text(text.replace("status: occurred", "status: expected", 1), encoding="utf-8")


def test_committed_package_is_current(project: Project) -> None:
    assert stale(project, _render(project)) == []


def test_two_builds_are_byte_identical(release_copy: Project) -> None:
    runner = CliRunner()
    digests = []
    for _ in range(2):
        result = runner.invoke(app, ["build", "--root", str(release_copy.root)])
        assert result.exit_code == 0, result.output
        digests.append((_tree(release_copy.root / PACKAGE_DIR), _tree(release_copy.root / "dist")))
    assert digests[0] == digests[1]
    package, dist = digests[0]
    assert "datapackage.json" in package
    assert set(dist) == {f"libyadata-{__version__}.zip", SUMS}


def test_build_matches_the_committed_package_byte_for_byte(release_copy: Project) -> None:
    before = _tree(release_copy.root / PACKAGE_DIR)
    assert write(release_copy, _render(release_copy)) == []
    assert _tree(release_copy.root / PACKAGE_DIR) == before


def test_every_file_is_utf8_without_bom_or_carriage_returns(project: Project) -> None:
    built = _render(project)
    for path, data in built.files.items():
        if path.startswith("seeds/"):
            continue  # the seed texts are copied byte for byte, whatever they hold
        assert not data.startswith(b"\xef\xbb\xbf"), path
        data.decode("utf-8")
        assert data.endswith(b"\n"), path
        if not path.endswith(".csv"):
            assert b"\r" not in data, path


def test_zip_holds_the_package_in_sorted_order_with_fixed_times(project: Project) -> None:
    built = _render(project)
    with zipfile.ZipFile(io.BytesIO(built.zip_data)) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        folder = f"libyadata-{built.version}/"
        assert {name.removeprefix(folder) for name in names} == set(built.files)
        release, _ = read_release(project)
        assert release is not None
        day = release.date_released
        for info in archive.infolist():
            assert info.date_time == (day.year, day.month, day.day, 0, 0, 0)
            assert archive.read(info) == built.files[info.filename.removeprefix(folder)]
    sums = dict(reversed(line.split("  ", 1)) for line in built.files[SUMS].decode().splitlines())
    assert set(sums) == set(built.files) - {SUMS}
    for path, digest in sums.items():
        assert hashlib.sha256(built.files[path]).hexdigest() == digest


def test_source_date_epoch_sets_every_timestamp(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    built = _render(project)
    descriptor = json.loads(built.files["datapackage.json"])
    assert descriptor["created"] == "2023-11-14T22:13:20Z"
    with zipfile.ZipFile(io.BytesIO(built.zip_data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_descriptor_has_the_metadata_of_a_release(project: Project) -> None:
    built = _render(project)
    descriptor = json.loads(built.files["datapackage.json"])
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    for key in ("name", "id", "version", "created", "title", "description", "contributors"):
        assert descriptor[key], key
    assert [lic["name"] for lic in descriptor["licenses"]] == ["CC-BY-4.0"]
    assert descriptor["keywords"]
    seeds = {seed["id"]: seed for seed in (r.model_dump() for r in load_seeds(project))}
    assert len(descriptor["sources"]) == len(seeds)
    for source in descriptor["sources"]:
        seed_id = source["title"].split(":", 1)[0]
        assert source["hash"] == f"sha256:{seeds[seed_id]['sha256']}"
    resources = {r["name"]: r for r in descriptor["resources"]}
    for resource in resources.values():
        data = built.files[resource["path"]]
        assert resource["bytes"] == len(data)
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"
        assert resource["encoding"] == "utf-8"
        assert resource["mediatype"] in {"text/csv", "application/jsonl", "text/plain"}
    for layout in layouts():
        assert resources[layout.name]["schema"]["primaryKey"] == list(layout.primary_key)
    for source_table in TABLES:  # a table with no records yet has no JSON Lines form
        assert (f"{source_table.name}-jsonl" in resources) == bool(built.rows[source_table.name])
    seed_texts = [r for r in resources.values() if r["mediatype"] == "text/plain"]
    assert len(seed_texts) == len(seeds)
    for resource in seed_texts:  # the publishers' rights, not the package licence
        assert resource["licenses"][0]["name"] == "other-closed"


def load_seeds(project: Project) -> list[object]:
    return list(load_table(project, next(t for t in TABLES if t.name == "seeds")).records)


def test_csv_and_jsonl_load_back_to_the_curated_records(project: Project) -> None:
    package = DataPackage.open(project.root / PACKAGE_DIR)
    for source in TABLES:
        curated = sorted(load_table(project, source).records, key=lambda r: r.id)  # type: ignore[attr-defined]
        from_jsonl = package.records(source.name)
        from_csv = package.records(source.name, form="csv")
        assert from_csv == from_jsonl, source.name
        assert sorted(from_jsonl, key=lambda r: r.id) == curated, source.name  # type: ignore[attr-defined]


def test_stale_names_the_files_a_data_change_touches(
    release_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("libyadata.package.build.registered_hash", lambda name: None)  # unreleased
    _change_a_visit(release_copy)
    problems = stale(release_copy, _render(release_copy))
    assert {p.code for p in problems} == {"package-stale"}
    assert {p.file for p in problems} == {
        f"{PACKAGE_DIR}/csv/visits.csv",
        f"{PACKAGE_DIR}/jsonl/visits.jsonl",
        f"{PACKAGE_DIR}/datapackage.json",
        f"{PACKAGE_DIR}/{SUMS}",
    }
    result = CliRunner().invoke(app, ["build", "--check", "--root", str(release_copy.root)])
    assert result.exit_code == 1
    assert "package-stale" in result.output


def test_stale_finds_extra_and_missing_files(release_copy: Project) -> None:
    package = release_copy.root / PACKAGE_DIR
    (package / "csv" / "visits.csv").unlink()
    (package / "notes.txt").write_text("stray", encoding="utf-8")
    problems = stale(release_copy, _render(release_copy))
    assert {(p.code, p.file) for p in problems} == {
        ("package-missing", f"{PACKAGE_DIR}/csv/visits.csv"),
        ("package-extra", f"{PACKAGE_DIR}/notes.txt"),
    }


def test_a_released_version_never_changes(
    release_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _render(release_copy)
    monkeypatch.setattr("libyadata.package.build.registered_hash", lambda name: "0" * 64)
    problems = stale(release_copy, built)
    assert [p.code for p in problems] == ["release-changed"]
    monkeypatch.setattr("libyadata.package.build.registered_hash", lambda name: built.zip_sha256)
    assert stale(release_copy, built) == []


def test_invalid_data_writes_nothing(release_copy: Project) -> None:
    path = release_copy.root / "datasets" / "visits.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: occurred", "status: happened", 1),
        encoding="utf-8",
    )
    before = _tree(release_copy.root / PACKAGE_DIR)
    result = CliRunner().invoke(app, ["build", "--root", str(release_copy.root)])
    assert result.exit_code == 1
    assert "unknown-enum" in result.output
    assert "nothing was written" in result.output
    assert _tree(release_copy.root / PACKAGE_DIR) == before
    assert not (release_copy.root / "dist").exists()


def test_a_build_that_fails_midway_leaves_the_previous_package(
    release_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("libyadata.package.build.registered_hash", lambda name: None)  # unreleased
    before = _tree(release_copy.root / PACKAGE_DIR)
    _change_a_visit(release_copy)
    built = _render(release_copy)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("libyadata.package.build.verify_package", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write(release_copy, built)
    assert _tree(release_copy.root / PACKAGE_DIR) == before
    assert (
        sorted(p.name for p in (release_copy.root / "datasets").iterdir() if p.name.startswith("."))
        == []
    )


def _whole(folder: Path) -> dict[str, str]:
    """Check a package folder is complete and self-consistent; return its file digests."""
    package = DataPackage.open(folder)
    for resource in package.descriptor["resources"]:
        package.read_bytes(resource["name"])  # raises on a size or hash mismatch
    tree = _tree(folder)
    for line in (folder / SUMS).read_text(encoding="utf-8").splitlines():
        digest, path = line.split("  ", 1)
        assert tree[path] == digest
    return tree


def test_a_killed_build_leaves_a_whole_package(release_copy: Project) -> None:
    target = release_copy.root / PACKAGE_DIR
    old = _whole(target)
    _change_a_visit(release_copy)
    # The change would alter a released version, so the builds run as if it were unreleased.
    unreleased = (
        "import libyadata.package.build as build; build.registered_hash = lambda name: None; "
        "from libyadata.cli import main; main()"
    )
    command = [sys.executable, "-c", unreleased, "build", "--root", str(release_copy.root)]
    outcomes = set()
    for delay in (0.2, 0.5, 0.8, 1.1, 1.4, 1.7, 2.0):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        tree = _whole(target)  # old or new, never a mixture
        outcomes.add("old" if tree == old else "new")
    assert "old" in outcomes  # at least one kill landed before the swap
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert _whole(target) != old
    leftovers = [p.name for p in target.parent.iterdir() if p.name.startswith(".package")]
    assert leftovers == []


def test_loading_checks_each_file_against_its_hash(tmp_path: Path) -> None:
    copy = tmp_path / "package"
    shutil.copytree(ROOT / PACKAGE_DIR, copy)
    path = copy / "jsonl" / "visits.jsonl"
    path.write_bytes(path.read_bytes().replace(b"occurred", b"declined", 1))
    package = DataPackage.open(copy)
    with pytest.raises(PackageError, match=r"visits\.jsonl does not match datapackage\.json"):
        package.records("visits")
    assert len(package.records("bases")) > 0  # other files still load


def test_opening_something_that_is_not_a_package_says_so(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="cannot be read as a data package"):
        DataPackage.open(tmp_path)


def test_loading_imports_neither_pandas_nor_frictionless() -> None:
    code = (
        "import sys, libyadata\n"
        "records = libyadata.load('visits')\n"
        "heavy = [m for m in ('pandas', 'frictionless', 'yaml', 'numpy') if m in sys.modules]\n"
        "print(len(records), ','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=os.sep
    )
    count, heavy = result.stdout.split()[0], result.stdout.strip().partition(" ")[2]
    assert int(count) == len(DataPackage.open(ROOT / PACKAGE_DIR).records("visits"))
    assert heavy == ""


def test_a_released_version_is_never_overwritten(
    release_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("libyadata.package.build.registered_hash", lambda name: "0" * 64)
    before = _tree(release_copy.root / PACKAGE_DIR)
    result = CliRunner().invoke(app, ["build", "--root", str(release_copy.root)])
    assert result.exit_code == 1
    assert "release-changed" in result.output
    assert _tree(release_copy.root / PACKAGE_DIR) == before
    assert not (release_copy.root / "dist").exists()


def test_an_unwritable_folder_is_reported_and_nothing_changes(
    release_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(target: Path) -> Path:
        raise PermissionError(13, "Permission denied", str(target.parent / ".package.build-x"))

    monkeypatch.setattr("libyadata.core.atomic.staging_dir", refuse)
    before = _tree(release_copy.root / PACKAGE_DIR)
    _change_a_visit(release_copy)
    monkeypatch.setattr("libyadata.package.build.registered_hash", lambda name: None)
    result = CliRunner().invoke(app, ["build", "--root", str(release_copy.root)])
    assert result.exit_code == 1
    assert "[output-unwritable] cannot write" in result.output
    assert "Permission denied" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert _tree(release_copy.root / PACKAGE_DIR) == before


def test_a_malformed_release_registry_is_a_problem(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from libyadata.package import releases as registry

    (tmp_path / registry.REGISTRY_FILE).write_text("libyadata-0.1.0.zip\n", encoding="utf-8")
    monkeypatch.setattr(registry, "files", lambda package: tmp_path)
    registry.registry.cache_clear()
    try:
        problems = release_problems(_render(project))
    finally:
        registry.registry.cache_clear()
    assert [p.code for p in problems] == ["registry-invalid"]
    assert "line 1" in problems[0].message


def test_built_folders_are_readable_like_any_other(
    release_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("libyadata.package.build.registered_hash", lambda name: None)
    _change_a_visit(release_copy)
    assert write(release_copy, _render(release_copy)) == []
    umask = os.umask(0)
    os.umask(umask)
    for folder in (release_copy.root / PACKAGE_DIR, release_copy.root / PACKAGE_DIR / "csv"):
        assert folder.stat().st_mode & 0o777 == 0o777 & ~umask, folder
    zipped = release_copy.root / "dist" / f"libyadata-{__version__}.zip"
    assert zipped.stat().st_mode & 0o777 == 0o666 & ~umask


def test_package_checks_every_file_before_handing_it_to_frictionless(tmp_path: Path) -> None:
    copy = tmp_path / "package"
    shutil.copytree(ROOT / PACKAGE_DIR, copy)
    path = copy / "csv" / "visits.csv"
    path.write_bytes(path.read_bytes().replace(b"occurred", b"declined", 1))
    with pytest.raises(PackageError, match=r"visits\.csv does not match"):
        DataPackage.open(copy).frictionless()


def test_a_malformed_source_date_epoch_is_a_problem(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    built, problems = render(project)
    assert built is None
    assert [p.code for p in problems] == ["source-date-epoch"]
