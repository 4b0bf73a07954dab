"""The seed files are the originals, byte for byte, and any change to them is caught."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SHARED_SEEDS
from libyadata.sources.project import Project
from libyadata.sources.seeds import SeedLibrary


def test_every_seed_matches_its_metadata(library: SeedLibrary) -> None:
    assert len(library.seeds) == 5
    for seed in library.seeds.values():
        raw = (ROOT / "seeds" / seed.file).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == seed.sha256
        assert len(raw) == seed.byte_length
        assert len(raw.decode("utf-8")) == seed.code_points
        assert not raw.endswith(b"\n")  # the originals have no trailing newline
        assert b"\r" not in raw


def test_every_seed_file_is_listed(library: SeedLibrary) -> None:
    listed = {seed.file for seed in library.seeds.values()}
    assert listed == {path.name for path in (ROOT / "seeds").glob("*.txt")}


def test_seeds_are_byte_identical_to_shared() -> None:
    if not SHARED_SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail("../shared/seeds must be beside the checkout in CI")
        pytest.skip("../shared/seeds is not beside the checkout")
    originals = sorted(SHARED_SEEDS.glob("*.txt"))
    assert [path.name for path in originals] == sorted(
        p.name for p in (ROOT / "seeds").glob("*.txt")
    )
    for original in originals:
        copy = ROOT / "seeds" / original.name
        assert (
            hashlib.sha256(copy.read_bytes()).digest()
            == hashlib.sha256(original.read_bytes()).digest()
        ), original.name


def test_git_never_rewrites_seed_files() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    seed = next((ROOT / "seeds").glob("*.txt")).relative_to(ROOT).as_posix()
    out = subprocess.run(
        ["git", "check-attr", "text", "eol", "whitespace", "--", seed],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"{seed}: text: unset" in out
    assert f"{seed}: whitespace: unset" in out


def _tamper(project: Project, change: bytes | None) -> list[tuple[str, str | None]]:
    seed = next((project.root / "seeds").glob("000_*.txt"))
    if change is None:
        seed.unlink()
    else:
        seed.write_bytes(change)
    return [(p.code, p.field) for p in SeedLibrary.load(project).problems]


def test_edited_seed_is_caught(project_copy: Project) -> None:
    seed = next((project_copy.root / "seeds").glob("000_*.txt"))
    edited = seed.read_bytes().replace("’".encode(), b"'", 1)
    assert ("seed-hash", "sha256") in _tamper(project_copy, edited)


def test_crlf_converted_seed_is_caught(project_copy: Project) -> None:
    seed = next((project_copy.root / "seeds").glob("000_*.txt"))
    converted = seed.read_bytes().replace(b"\n", b"\r\n")
    assert {("seed-length", "byte_length"), ("seed-hash", "sha256")} <= set(
        _tamper(project_copy, converted)
    )


def test_truncated_seed_and_added_newline_are_caught(project_copy: Project) -> None:
    seed = next((project_copy.root / "seeds").glob("000_*.txt"))
    raw = seed.read_bytes()
    assert ("seed-length", "byte_length") in _tamper(project_copy, raw[:-10])
    assert ("seed-length", "byte_length") in _tamper(project_copy, raw + b"\n")


def test_missing_seed_is_caught_with_fix(project_copy: Project) -> None:
    assert _tamper(project_copy, None) == [("seed-missing", "file")]
    [problem] = SeedLibrary.load(project_copy).problems
    assert problem.file == "seeds/sources.yaml"
    assert problem.record_id == "SEED-000"
    assert problem.hint is not None
    assert "restore" in problem.hint


def test_wrong_metadata_names_file_line_and_field(project_copy: Project) -> None:
    sources = project_copy.root / "seeds" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("byte_length: 9350", "byte_length: 9351"), encoding="utf-8")
    [problem] = SeedLibrary.load(project_copy).problems
    assert (problem.code, problem.record_id, problem.field) == (
        "seed-length",
        "SEED-002",
        "byte_length",
    )
    assert problem.line is not None
    assert text.splitlines()[problem.line - 1].strip() == "byte_length: 9350"


def test_seed_copy_is_unharmed_by_the_checks(project_copy: Project) -> None:
    before = {p.name: p.read_bytes() for p in (project_copy.root / "seeds").iterdir()}
    SeedLibrary.load(project_copy)
    after = {p.name: p.read_bytes() for p in (project_copy.root / "seeds").iterdir()}
    assert before == after


def test_shared_copy_helper_is_not_needed(tmp_path: Path) -> None:
    # A project needs only its own seeds folder: copying it elsewhere still verifies.
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    assert SeedLibrary.load(Project.at(tmp_path)).problems == []


def _edit_sources(project: Project, old: str, new: str) -> list[tuple[str, str | None]]:
    sources = project.root / "seeds" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    assert old in text
    sources.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [(p.code, p.field) for p in SeedLibrary.load(project).problems]


def test_entry_errors_are_caught(project_copy: Project) -> None:
    # The dropped entry still lists its file, so the file is not also called unlisted.
    assert _edit_sources(project_copy, "- id: SEED-004", "- id: SEED-003") == [
        ("duplicate-id", "id"),
    ]


def test_file_listed_twice_and_id_mismatch(project_copy: Project) -> None:
    assert _edit_sources(
        project_copy, "file: 004_c791b86b6d5e41f3.txt", "file: 003_6d1fa854cfd81933.txt"
    ) == [("seed-listed-twice", "file"), ("seed-unlisted", None)]


def test_id_must_match_file_number(project_copy: Project) -> None:
    sources = project_copy.root / "seeds" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    swapped = (
        text.replace("- id: SEED-003", "- id: SEED-X")
        .replace("- id: SEED-004", "- id: SEED-003")
        .replace("- id: SEED-X", "- id: SEED-004")
    )
    sources.write_text(swapped, encoding="utf-8")
    found = [(p.code, p.record_id) for p in SeedLibrary.load(project_copy).problems]
    assert found == [("seed-id-mismatch", "SEED-004"), ("seed-id-mismatch", "SEED-003")]


def test_unlisted_seed_file_is_caught(project_copy: Project) -> None:
    (project_copy.root / "seeds" / "005_0000000000000000.txt").write_text("extra")
    [problem] = SeedLibrary.load(project_copy).problems
    assert problem.code == "seed-unlisted"
    assert "seeds/005_0000000000000000.txt" in problem.message


def test_code_point_count_and_encoding_are_checked(project_copy: Project) -> None:
    assert _edit_sources(project_copy, "code_points: 5552", "code_points: 5553") == [
        ("seed-code-points", "code_points")
    ]
    seed = project_copy.root / "seeds" / "004_c791b86b6d5e41f3.txt"
    raw = b"Latin-1 text: caf\xe9"
    seed.write_bytes(raw)
    text = (project_copy.root / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "3462c41eebaa959b2371b5c9ebbd415a5e87947d0b24c923afa74019b9af0601",
        hashlib.sha256(raw).hexdigest(),
    ).replace("byte_length: 5612", f"byte_length: {len(raw)}")
    (project_copy.root / "seeds" / "sources.yaml").write_text(text, encoding="utf-8")
    assert [(p.code, p.field) for p in SeedLibrary.load(project_copy).problems] == [
        ("seed-encoding", "file")
    ]
