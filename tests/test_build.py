"""`libyadata build`: reproducible, atomic, complete, and current in the checkout."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from libyadata import TABLES, DataPackage, PackageError
from libyadata._version import __version__
from libyadata.cli import app
from libyadata.formats.layout import layouts
from libyadata.publishing.build import (
    PACKAGE_DIR,
    SUMS,
    Build,
    release_problems,
    render,
    stale,
    write,
)
from libyadata.publishing.citation import read_release
from libyadata.publishing.writing import KILLED, STEPS
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
    monkeypatch.setattr(
        "libyadata.publishing.build.registered_hash", lambda name: None
    )  # unreleased
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
    monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: "0" * 64)
    problems = stale(release_copy, built)
    assert [p.code for p in problems] == ["release-changed"]
    monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: built.zip_sha256)
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
    monkeypatch.setattr(
        "libyadata.publishing.build.registered_hash", lambda name: None
    )  # unreleased
    before = _tree(release_copy.root / PACKAGE_DIR)
    _change_a_visit(release_copy)
    built = _render(release_copy)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("libyadata.publishing.build.verify_package", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write(release_copy, built)
    assert _tree(release_copy.root / PACKAGE_DIR) == before
    assert _debris(release_copy) == []  # the lock file stays: it is the lock


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


UNRELEASED = (
    # The change would alter a released version, so these builds run as if it were unreleased.
    "import libyadata.publishing.build as build; build.registered_hash = lambda name: None; "
    "from libyadata.cli import main; main()"
)


def _build_command(project: Project) -> list[str]:
    return [sys.executable, "-c", UNRELEASED, "build", "--root", str(project.root)]


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), **extra}


def _debris(project: Project) -> list[str]:
    found = [p.name for p in (project.root / "datasets").iterdir() if p.name.startswith(".package")]
    found += [p.name for p in project.root.iterdir() if p.name.startswith(".dist")]
    dist = project.root / "dist"
    found += [p.name for p in dist.iterdir() if p.name.startswith(".")] if dist.is_dir() else []
    return sorted(set(found) - {".package.lock"})


def _dist_matches(project: Project, package_tree: dict[str, str]) -> bool:
    """Whether dist/ holds the zip of exactly this package, named in its SHA256SUMS."""
    dist = project.root / "dist"
    line = (dist / SUMS).read_text(encoding="utf-8")
    digest, name = line.split()
    data = (dist / name).read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        return False
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        inside = {
            info.filename.split("/", 1)[1]: hashlib.sha256(archive.read(info)).hexdigest()
            for info in archive.infolist()
        }
    return inside == package_tree


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the checkout after a whole build by the command, as each killed build finds it.

    Built once for the module: the build before the one that is killed is the same for every
    step, so each test starts from a copy of its result instead of building it again.
    """
    root = tmp_path_factory.mktemp("built") / "checkout"
    for folder in ("seeds", "schema", "datasets"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "CITATION.cff", root)
    first = subprocess.run(
        _build_command(Project.at(root)), capture_output=True, env=_env(), check=False
    )
    assert first.returncode == 0, first.stderr
    return root


@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_any_step_leaves_the_old_state_or_the_new(
    built_once: Path, tmp_path: Path, step: str
) -> None:
    release_copy = Project.at(shutil.copytree(built_once, tmp_path / "checkout"))
    target = release_copy.root / PACKAGE_DIR
    old = _whole(target)
    assert _dist_matches(release_copy, old)
    _change_a_visit(release_copy)
    killed = subprocess.run(
        _build_command(release_copy),
        capture_output=True,
        env=_env(LIBYADATA_KILL_AT=step),
        check=False,
    )
    assert killed.returncode == KILLED, killed.stderr  # it did stop at that step
    tree = _whole(target)  # old or new, never a mixture
    assert tree == old or step in {"swap-dist", "swapped"}
    # Package and dist/ agree, or the swap was cut between them and --check says so.
    if not _dist_matches(release_copy, tree):
        assert step == "swap-dist"
        check = CliRunner().invoke(app, ["build", "--check", "--root", str(release_copy.root)])
        assert "[build-interrupted]" in check.output
    finished = subprocess.run(
        _build_command(release_copy), capture_output=True, env=_env(), check=False
    )
    assert finished.returncode == 0, finished.stderr
    new = _whole(target)
    assert new != old
    assert _dist_matches(release_copy, new)
    assert _debris(release_copy) == []


def test_a_swap_that_fails_restores_the_package_and_dist(
    release_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: None)
    assert write(release_copy, _render(release_copy)) == []
    before = (_tree(release_copy.root / PACKAGE_DIR), _tree(release_copy.root / "dist"))
    _change_a_visit(release_copy)
    from libyadata.core import atomic

    real = atomic._swap

    def failing(new: Path, target: Path) -> None:
        if target.name == "dist" and new.exists():
            raise OSError(28, "No space left on device", str(target))
        real(new, target)

    monkeypatch.setattr(atomic, "_swap", failing)
    problems = write(release_copy, _render(release_copy))
    assert [p.code for p in problems] == ["output-unwritable"]
    assert "unchanged" in str(problems[0])
    after = (_tree(release_copy.root / PACKAGE_DIR), _tree(release_copy.root / "dist"))
    assert after == before
    assert _debris(release_copy) == []


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` truly read-only: immutable for root (chattr), mode 555 otherwise."""
    chattr = shutil.which("chattr")
    if os.geteuid() == 0:
        if chattr is None:
            pytest.skip("chattr is not installed")
        made = subprocess.run([chattr, "+i", str(folder)], capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip(f"cannot make a folder immutable here: {made.stderr!r}")
        try:
            yield
        finally:
            subprocess.run([chattr, "-i", str(folder)], check=True)
    else:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)


@pytest.mark.parametrize("folder", [PACKAGE_DIR, "dist"])
def test_read_only_outputs_are_refused_before_anything_is_swapped(
    release_copy: Project, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: None)
    assert write(release_copy, _render(release_copy)) == []
    before = (_tree(release_copy.root / PACKAGE_DIR), _tree(release_copy.root / "dist"))
    _change_a_visit(release_copy)
    with read_only(release_copy.root / folder):
        result = CliRunner().invoke(app, ["build", "--root", str(release_copy.root)])
    assert result.exit_code == 1
    assert "[output-unwritable]" in result.output
    assert folder in result.output
    assert "Traceback" not in result.output
    after = (_tree(release_copy.root / PACKAGE_DIR), _tree(release_copy.root / "dist"))
    assert after == before
    assert _debris(release_copy) == []


def test_two_builds_at_once_take_turns(release_copy: Project) -> None:
    _change_a_visit(release_copy)
    processes = [
        subprocess.Popen(
            _build_command(release_copy),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    tree = _whole(release_copy.root / PACKAGE_DIR)
    assert _dist_matches(release_copy, tree)
    assert _debris(release_copy) == []


def test_a_build_that_cannot_get_the_lock_says_so_and_writes_nothing(
    release_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    from libyadata.publishing import writing

    monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: None)
    monkeypatch.setattr(writing, "LOCK_TIMEOUT", 0.2)
    before = _tree(release_copy.root / PACKAGE_DIR)
    _change_a_visit(release_copy)
    built = _render(release_copy)
    told: list[str] = []
    with FileLock(release_copy.root / writing.LOCK_FILE):  # another build holds it
        problems = write(release_copy, built, waiting=told.append)
    assert [p.code for p in problems] == ["build-locked"]
    assert "has held datasets/.package.lock" in problems[0].message
    assert len(told) == 1
    assert "another build" in told[0]
    assert _tree(release_copy.root / PACKAGE_DIR) == before
    assert not (release_copy.root / "dist").exists()


def test_check_fails_when_the_zip_in_dist_does_not_match(release_copy: Project) -> None:
    result = CliRunner().invoke(app, ["build", "--check", "--root", str(release_copy.root)])
    assert result.exit_code == 0, result.output
    assert "dist/ not written" in result.output  # never names a zip that is not there
    assert CliRunner().invoke(app, ["build", "--root", str(release_copy.root)]).exit_code == 0
    name = f"libyadata-{DataPackage.open(ROOT / PACKAGE_DIR).version}.zip"
    zipped = release_copy.root / "dist" / name
    zipped.write_bytes(zipped.read_bytes()[:-1])
    damaged = CliRunner().invoke(app, ["build", "--check", "--root", str(release_copy.root)])
    assert damaged.exit_code == 1
    assert f"[dist-stale] dist/{name}" in damaged.output
    zipped.unlink()
    gone = CliRunner().invoke(app, ["build", "--check", "--root", str(release_copy.root)])
    assert gone.exit_code == 1
    assert f"[dist-missing] dist/{name} does not exist" in gone.output


@pytest.mark.parametrize("where", ["datasets/visits.yaml", "seeds/001_*.txt"])
def test_a_named_pipe_in_the_sources_is_a_problem_not_a_hang(
    release_copy: Project, where: str
) -> None:
    path = sorted(release_copy.root.glob(where))[0]
    path.unlink()
    os.mkfifo(path)
    result = subprocess.run(
        [sys.executable, "-m", "libyadata", "validate", "--root", str(release_copy.root)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    code = "file-not-regular" if where.startswith("datasets") else "seed-not-regular"
    assert f"[{code}]" in result.stdout
    assert "named pipe" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("where", ["datasets/visits.yaml", "seeds/001_*.txt"])
def test_a_named_pipe_in_the_sources_is_reported_in_process_too(
    release_copy: Project, where: str
) -> None:
    # In this process, so that the problem's code is seen being built (see produced_codes).
    path = sorted(release_copy.root.glob(where))[0]
    path.unlink()
    os.mkfifo(path)
    result = CliRunner().invoke(app, ["validate", "--root", str(release_copy.root)])
    assert result.exit_code == 1, result.output
    code = "file-not-regular" if where.startswith("datasets") else "seed-not-regular"
    assert f"[{code}]" in result.output
    assert "a named pipe, not a regular file" in result.output


def test_a_package_file_gone_after_opening_is_unreadable_not_a_traceback(tmp_path: Path) -> None:
    copy = tmp_path / "package"
    shutil.copytree(ROOT / PACKAGE_DIR, copy)
    package = DataPackage.open(copy)
    (copy / "jsonl" / "visits.jsonl").unlink()
    with pytest.raises(PackageError) as caught:
        package.records("visits")
    assert [p.code for p in caught.value.problems] == ["package-file-unreadable"]
    assert "visits.jsonl cannot be read" in str(caught.value)


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
    monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: "0" * 64)
    before = _tree(release_copy.root / PACKAGE_DIR)
    result = CliRunner().invoke(app, ["build", "--root", str(release_copy.root)])
    assert result.exit_code == 1
    assert "release-changed" in result.output
    assert _tree(release_copy.root / PACKAGE_DIR) == before
    assert not (release_copy.root / "dist").exists()


def test_an_unwritable_folder_is_reported_and_nothing_changes(
    release_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(target: Path, within: Path | None = None) -> Path:
        folder = within or target.parent
        raise PermissionError(13, "Permission denied", str(folder / ".package.build-x"))

    monkeypatch.setattr("libyadata.core.atomic.staging_dir", refuse)
    before = _tree(release_copy.root / PACKAGE_DIR)
    _change_a_visit(release_copy)
    monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: None)
    result = CliRunner().invoke(app, ["build", "--root", str(release_copy.root)])
    assert result.exit_code == 1
    assert "[output-unwritable] cannot write" in result.output
    assert "Permission denied" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert _tree(release_copy.root / PACKAGE_DIR) == before


def test_a_malformed_release_registry_is_a_problem(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from libyadata.releases import registry

    (tmp_path / registry.REGISTRY_FILE).write_text("libyadata-0.1.0.zip\n", encoding="utf-8")
    monkeypatch.setattr(registry, "files", lambda package: tmp_path)
    problems = release_problems(_render(project))
    assert [p.code for p in problems] == ["registry-invalid"]
    assert "line 1" in problems[0].message


def test_built_folders_are_readable_like_any_other(
    release_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: None)
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
