"""Growing the dataset: seed add, extract and review, as commands, and what each refuses.

Every refusal must exit 1 or 2 with a message naming the input, and leave every file of the
project as it was (same bytes, same modification time, nothing added). The interactive review
is driven through typer's input and, once, through a real pseudo-terminal.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from libyadata.cli import app
from libyadata.extract.lexicon import KINDS

pytest.importorskip("spacy")
pytest.importorskip("dateparser")
pytest.importorskip("rapidfuzz")

runner = CliRunner()

#: A short article written for these tests: one visit, deployment, base, agreement and figure.
ARTICLE = (
    "Egyptian officials said on Friday that Russian Defence Minister Sergei Shoygu visited "
    "Benghazi on Tuesday and met Khalifa Haftar.\n"
    "Russia has deployed up to 300 special forces to Libya to support Haftar, according to "
    "diplomats.\n"
    "Russian warships will get docking rights at the port of Tobruk, officials said.\n"
    "No agreement has been signed, but Haftar wants a defence pact with Moscow.\n"
    "About 12,000 migrants crossed from Libya to Europe last year."
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for folder in ("seeds", "schema", "datasets"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "CITATION.cff", root)
    return root


def _state(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _invoke(*args: str, stdin: str | None = None) -> Any:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _article(tmp_path: Path, data: bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _registered(root: Path, tmp_path: Path) -> Path:
    """Register ARTICLE and extract it; return the review file."""
    path = _article(tmp_path, ARTICLE.encode())
    added = _invoke("seed", "add", str(path), "--published", "2024-03-08", "--root", str(root))
    assert added.exit_code == 0, added.output
    review = tmp_path / "review.yaml"
    extracted = _invoke("extract", "SEED-005", "--output", str(review), "--root", str(root))
    assert extracted.exit_code == 0, extracted.output
    return review


def _candidates(review: Path) -> dict[str, str]:
    """Return the review file's candidate numbers by table (the first of each)."""
    from libyadata.extract.reviewfiles import load

    found: dict[str, str] = {}
    for candidate in load(review)["candidates"]:
        found.setdefault(candidate["table"], candidate["candidate"])
    return found


# --- seed add -------------------------------------------------------------------------------


def _only_uncited(root: Path) -> set[str]:
    """Return the seeds validate finds uncited sentences in, when that is all it finds.

    A new seed is sound; what validate still asks is that its sentences be cited or closed.
    """
    checked = _invoke("validate", "--root", str(root), "--skip", "package", "--format", "json")
    problems = json.loads(checked.output)["problems"]
    assert {p["code"] for p in problems} == {"uncited-sentence"}, problems
    return {p["record_id"] for p in problems}


def test_seed_add_copies_bytes_and_appends_its_entry(root: Path, tmp_path: Path) -> None:
    path = _article(tmp_path, ARTICLE.encode())
    sources = root / "seeds" / "sources.yaml"
    before = sources.read_bytes()
    result = _invoke(
        "seed",
        "add",
        str(path),
        "--published",
        "2024-03",
        "--publisher",
        "Example Wire",
        "--root",
        str(root),
    )
    assert result.exit_code == 0, result.output
    digest = hashlib.sha256(ARTICLE.encode()).hexdigest()
    copied = root / "seeds" / f"005_{digest[:16]}.txt"
    assert copied.read_bytes() == ARTICLE.encode()
    after = sources.read_bytes()
    assert after.startswith(before)  # every other byte kept
    for line in (b"id: SEED-005", b"precision: month", b"basis: external", b"basis: unknown"):
        assert line in after
    assert _only_uncited(root) == {"SEED-005"}


@pytest.mark.parametrize("published", ["2023-09-27", "2023-09", "2023"])
def test_seed_add_takes_a_day_a_month_or_a_year(root: Path, tmp_path: Path, published: str) -> None:
    path = _article(tmp_path, f"Published {published}.".encode())
    result = _invoke("seed", "add", str(path), "--published", published, "--root", str(root))
    assert result.exit_code == 0, result.output
    text = (root / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    assert f"value: {published}" in text or f'value: "{published}"' in text
    assert "basis: stated" in text  # the text gives the date


@pytest.mark.parametrize(
    ("data", "published", "code", "exit_code"),
    [
        (b"", "2024", "empty-file", 1),
        (b"  \n\t ", "2024", "empty-file", 1),
        (b"text\x00with a NUL", "2024", "binary", 1),
        (b"caf\xe9 latin-1", "2024", "seed-encoding", 1),
        (b"\xef\xbb\xbfwith a BOM", "2024", "bom", 1),
        (b"a fine text", "2024-13", "seed-date", 2),
        (b"a fine text", "2023-02-30", "seed-date", 2),
        (b"a fine text", "27/09/2023", "seed-date", 2),
        (b"a fine text", "last year", "seed-date", 2),
        (b"x" * (1024 * 1024 + 1), "2024", "file-too-large", 1),
    ],
)
def test_seed_add_refusals_write_nothing(
    root: Path, tmp_path: Path, *, data: bytes, published: str, code: str, exit_code: int
) -> None:
    path = _article(tmp_path, data)
    before = _state(root)
    result = _invoke("seed", "add", str(path), "--published", published, "--root", str(root))
    assert result.exit_code == exit_code
    assert f"[{code}]" in result.output
    assert str(path) in result.output
    assert _state(root) == before


def test_seed_add_refuses_a_text_already_registered(root: Path, tmp_path: Path) -> None:
    path = _article(tmp_path, (ROOT / "seeds" / "003_6d1fa854cfd81933.txt").read_bytes())
    before = _state(root)
    result = _invoke("seed", "add", str(path), "--published", "2023", "--root", str(root))
    assert result.exit_code == 1
    assert "already registered as SEED-003" in result.output
    assert _state(root) == before


def test_seed_add_refuses_while_the_seed_metadata_has_problems(root: Path, tmp_path: Path) -> None:
    sources = root / "seeds" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("- id: SEED-001\n", "- id: SEED-001\n  colour: red\n"))
    path = _article(tmp_path, ARTICLE.encode())
    before = _state(root)
    result = _invoke("seed", "add", str(path), "--published", "2024", "--root", str(root))
    assert result.exit_code == 1
    assert "[seed-metadata]" in result.output
    assert "seeds/sources.yaml has problems" in result.output
    assert _state(root) == before


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def _link_to_a_system_file(tmp: Path) -> Path:
    # A link is refused as it is opened, whatever it points at: a system file is not an article.
    (tmp / "passwd.txt").symlink_to("/etc/passwd")
    return tmp / "passwd.txt"


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: tmp / "missing.txt",
        lambda tmp: tmp,
        pytest.param(_fifo, marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")),
        _link_to_a_system_file,
    ],
    ids=["missing", "directory", "fifo", "symlink"],
)
def test_seed_add_refuses_what_is_not_a_file(
    root: Path, tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    path = make(tmp_path)
    before = _state(root)
    result = _invoke("seed", "add", str(path), "--published", "2024", "--root", str(root))
    assert result.exit_code == 2  # and no hang on the FIFO
    assert "[file-unreadable]" in result.output
    assert f"{path} {'is not a file' if path.exists() else 'does not exist'}" in result.output
    assert _state(root) == before


def test_seed_add_that_cannot_write_leaves_nothing_behind(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from libyadata.core import atomic

    written = atomic.write_bytes
    calls: list[Path] = []

    def fail_second(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise PermissionError(13, "Permission denied", str(path))
        written(path, data)

    monkeypatch.setattr(atomic, "write_bytes", fail_second)
    path = _article(tmp_path, ARTICLE.encode())
    before = _state(root)
    result = _invoke("seed", "add", str(path), "--published", "2024", "--root", str(root))
    assert result.exit_code == 1
    assert "[output-unwritable]" in result.output
    assert "Permission denied" in result.output
    assert set(_state(root)) == set(before)  # the copied text is gone again
    assert {k: v[0] for k, v in _state(root).items()} == {k: v[0] for k, v in before.items()}


def test_seed_add_waits_for_another_command_then_gives_up(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from libyadata.core import lock

    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.2)
    path = _article(tmp_path, ARTICLE.encode())
    before = _state(root)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with lock.project_lock(root):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        held.wait(10)
        result = _invoke("seed", "add", str(path), "--published", "2024", "--root", str(root))
    finally:
        release.set()
        holder.join()
    assert result.exit_code == 1
    assert "[project-busy]" in result.output
    assert _state(root) == before


def test_two_seed_adds_at_once_get_two_numbers(root: Path, tmp_path: Path) -> None:
    paths = [_article(tmp_path, f"Article {n}: {ARTICLE}".encode(), f"a{n}.txt") for n in (1, 2)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "libyadata", "seed", "add", "--root", str(root)]
    runs = [
        subprocess.Popen(
            [*command, str(p), "--published", "2024"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            text=True,
        )
        for p in paths
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    ids = sorted(line.split()[1].rstrip(":") for out in outputs for line in out.splitlines()[:1])
    assert ids == ["SEED-005", "SEED-006"]
    assert _only_uncited(root) == {"SEED-005", "SEED-006"}


# --- extract --------------------------------------------------------------------------------


def test_extract_writes_a_review_file_of_every_kind(root: Path, tmp_path: Path) -> None:
    review = _registered(root, tmp_path)
    from libyadata.extract.reviewfiles import load

    document = load(review)
    assert document["seed_id"] == "SEED-005"
    assert {c["table"] for c in document["candidates"]} == set(KINDS)
    text = root / "seeds" / f"005_{hashlib.sha256(ARTICLE.encode()).hexdigest()[:16]}.txt"
    seed = text.read_text(encoding="utf-8")
    for candidate in document["candidates"]:
        assert candidate["record"]["method"] == "extracted"
        assert 0 < candidate["confidence"] < 1
        assert candidate["signals"]
        for span in candidate["record"]["evidence"]:
            assert seed[span["start"] : span["end"]] == span["quote"]


def test_extract_finds_a_seed_by_its_text(root: Path, tmp_path: Path) -> None:
    path = _article(tmp_path, ARTICLE.encode())
    _invoke("seed", "add", str(path), "--published", "2024-03-08", "--root", str(root))
    review = tmp_path / "by-path.yaml"
    result = _invoke("extract", str(path), "--output", str(review), "--root", str(root))
    assert result.exit_code == 0, result.output
    assert "SEED-005" in review.read_text(encoding="utf-8")


def test_extract_without_the_extra_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("libyadata.extract.missing_modules", lambda: ["spacy"])
    result = _invoke("extract", "SEED-000", "--root", str(ROOT))
    assert result.exit_code == 2
    assert 'pip install "libyadata[extract]"' in result.output


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("SEED-099", "neither a seed id nor a file"),
        ("unregistered", "is not registered: run `libyadata seed add"),
        ("folder", "neither a seed id nor a file"),
    ],
)
def test_extract_refuses_an_unknown_seed(tmp_path: Path, target: str, message: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "unregistered").write_bytes(b"never registered")
    arg = target if target.startswith("SEED") else str(tmp_path / target)
    before = sorted(os.listdir(tmp_path))
    result = _invoke("extract", arg, "--output", str(tmp_path / "r.yaml"), "--root", str(ROOT))
    assert result.exit_code == 2
    assert message in result.output
    assert sorted(os.listdir(tmp_path)) == before


def test_extract_never_overwrites_what_is_not_an_undecided_review_file(
    root: Path, tmp_path: Path
) -> None:
    curated = root / "datasets" / "visits.yaml"
    before = _state(root)
    result = _invoke("extract", "SEED-000", "--output", str(curated), "--root", str(root))
    assert result.exit_code == 2
    assert "is not a review file" in result.output
    folder = _invoke("extract", "SEED-000", "--output", str(tmp_path), "--root", str(root))
    assert folder.exit_code == 2
    assert _state(root) == before


# --- review ---------------------------------------------------------------------------------


def test_review_refuses_a_record_that_would_not_validate(root: Path, tmp_path: Path) -> None:
    review = _registered(root, tmp_path)
    visit = _candidates(review)["visits"]
    text = review.read_text(encoding="utf-8").replace("ACT-khalifa-haftar", "ACT-nobody-known")
    review.write_text(text, encoding="utf-8")
    before = _state(root)
    result = _invoke(
        "review", str(review), "--accept", visit, "--reviewer", "T", "--root", str(root)
    )
    assert result.exit_code == 1
    assert "[foreign-key]" in result.output
    assert "ACT-nobody-known" in result.output
    assert _state(root) == before


def test_a_rejection_is_kept_and_not_proposed_again(root: Path, tmp_path: Path) -> None:
    review = _registered(root, tmp_path)
    result = _invoke(
        "review", str(review), "--reject", "C001", "--root", str(root), "--reviewer", "T"
    )
    assert result.exit_code == 2
    assert "--reason" in result.output
    result = _invoke(
        "review",
        str(review),
        "--reject",
        "C001",
        "--reason",
        "not a visit",
        "--reviewer",
        "T",
        "--root",
        str(root),
    )
    assert result.exit_code == 0, result.output
    again = tmp_path / "again.yaml"
    _invoke("extract", "SEED-005", "--output", str(again), "--root", str(root))
    from libyadata.extract.reviewfiles import load

    assert len(load(again)["candidates"]) == len(load(review)["candidates"]) - 1
    assert "decided before (rejected: not a visit)" in again.read_text(encoding="utf-8")
    rejections = (root / "datasets" / "extraction-rejections.yaml").read_text(encoding="utf-8")
    assert "not a visit" in rejections
    assert 'reviewed_by: "T"' in rejections or "reviewed_by: T" in rejections


def test_accepted_ids_are_fresh_even_after_a_retraction(root: Path, tmp_path: Path) -> None:
    review = _registered(root, tmp_path)
    retractions = root / "datasets" / "retractions.yaml"
    # VIS-0030 was once given and retracted: its number is never given again
    text = retractions.read_text(encoding="utf-8").replace("\n[]", "\n").rstrip("\n")
    text += "\n- id: VIS-0030\n  table: visits\n  reason: a duplicate\n  retracted_in: 0.2.0\n"
    retractions.write_text(text, encoding="utf-8")
    visit = _candidates(review)["visits"]
    result = _invoke(
        "review", str(review), "--accept", visit, "--reviewer", "T", "--root", str(root)
    )
    assert result.exit_code == 0, result.output
    assert f"accepted {visit} as VIS-0031" in result.output


def test_accept_twice_in_one_command_gives_one_record(root: Path, tmp_path: Path) -> None:
    review = _registered(root, tmp_path)
    visit = _candidates(review)["visits"]
    before = (root / "datasets" / "visits.yaml").read_text(encoding="utf-8")
    result = _invoke(
        "review",
        str(review),
        "--accept",
        visit,
        "--accept",
        visit,
        "--reviewer",
        "T",
        "--root",
        str(root),
    )
    assert result.exit_code == 0, result.output
    after = (root / "datasets" / "visits.yaml").read_text(encoding="utf-8")
    assert after.count("method: extracted") - before.count("method: extracted") == 1
    again = _invoke(
        "review", str(review), "--accept", visit, "--reviewer", "T", "--root", str(root)
    )
    assert again.exit_code == 1  # a refusal, not a misuse: it would be a second record
    assert "already reviewed" in again.output


def test_review_refuses_unknown_and_contradictory_decisions(root: Path, tmp_path: Path) -> None:
    review = _registered(root, tmp_path)
    before, review_before = _state(root), review.read_bytes()
    unknown = _invoke(
        "review", str(review), "--accept", "C999", "--reviewer", "T", "--root", str(root)
    )
    assert unknown.exit_code == 2
    assert "[review-candidate]" in unknown.output
    assert "has no candidate C999" in unknown.output
    assert "use one of: C001, C002" in unknown.output
    both = _invoke(
        "review",
        str(review),
        "--accept",
        "C001",
        "--reject",
        "C001",
        "--reason",
        "x",
        "--reviewer",
        "T",
        "--root",
        str(root),
    )
    assert both.exit_code == 2
    assert "C001 both accepted and rejected" in both.output
    assert _state(root) == before
    assert review.read_bytes() == review_before


def _break(review: Path, old: str, new: str) -> None:
    text = review.read_text(encoding="utf-8")
    assert old in text
    review.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("mutate", "exit_code", "message"),
    [
        (lambda r: r.write_text("not: [yaml", encoding="utf-8"), 2, "[yaml-syntax]"),
        (lambda r: r.write_text("- a\n- list\n", encoding="utf-8"), 2, "is not a review file"),
        (lambda r: r.write_bytes(b"\x00\x01"), 2, "[binary]"),
        (lambda r: r.write_text("", encoding="utf-8"), 2, "is not a review file"),
        (lambda r: _break(r, "table: visits", "table: parties"), 1, "has table 'parties'"),
        (lambda r: _break(r, "candidate: C002", "candidate: C001"), 1, "no unique number"),
        (lambda r: _break(r, "  record:\n", "  recorded:\n"), 1, "has no record mapping"),
        (lambda r: _break(r, "    evidence:\n", "    evidence: none\n    old:\n"), 1, "evidence"),
        (lambda r: _break(r, "seed_id: SEED-005", "seed_id: SEED-001"), 1, "[review-file]"),
        (lambda r: _break(r, "seed_sha256: ", "seed_sha256: 0"), 1, "another text"),
        (lambda r: (r.unlink(), r.mkdir()), 2, "is not a file"),
        (lambda r: r.unlink(), 2, "does not exist"),
    ],
    ids=[
        "not-yaml",
        "a-list",
        "binary",
        "empty",
        "unknown-table",
        "duplicate-number",
        "no-record",
        "no-evidence",
        "other-seed",
        "other-text",
        "directory",
        "missing",
    ],
)
def test_a_review_file_edited_into_nonsense_is_refused(
    root: Path,
    tmp_path: Path,
    mutate: Callable[[Path], object],
    exit_code: int,
    message: str,
) -> None:
    review = _registered(root, tmp_path)
    mutate(review)
    before = _state(root)
    result = _invoke(
        "review", str(review), "--accept", "C001", "--reviewer", "T", "--root", str(root)
    )
    assert result.exit_code == exit_code, result.output
    assert message in result.output
    assert str(review) in result.output
    assert _state(root) == before


def test_a_failed_write_leaves_every_file_as_it_was(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from libyadata.core import atomic

    review = _registered(root, tmp_path)
    numbers = _candidates(review)
    written = atomic.write_bytes

    def refuse_review(path: Path, data: bytes) -> None:
        if path == review:
            raise PermissionError(13, "Permission denied", str(path))
        written(path, data)

    monkeypatch.setattr(atomic, "write_bytes", refuse_review)
    before, review_before = _state(root), review.read_bytes()
    result = _invoke(
        "review",
        str(review),
        "--accept",
        numbers["visits"],
        "--reject",
        numbers["bases"],
        "--reason",
        "r",
        "--reviewer",
        "T",
        "--root",
        str(root),
    )
    assert result.exit_code == 1
    assert "[output-unwritable]" in result.output
    assert {k: v[0] for k, v in _state(root).items()} == {k: v[0] for k, v in before.items()}
    assert review.read_bytes() == review_before


# --- the interactive review -----------------------------------------------------------------


def test_interactive_review_asks_for_each_candidate(root: Path, tmp_path: Path) -> None:
    review = _registered(root, tmp_path)
    from libyadata.extract.reviewfiles import load

    count = len(load(review)["candidates"])
    # accept the first, a wrong answer then reject the second (a blank reason is asked again),
    # skip the third, quit
    answers = "a\nmaybe\nr\n\nnot an event\ns\nq\n"
    before = (root / "datasets").joinpath("extraction-rejections.yaml").exists()
    result = _invoke(
        "review",
        str(review),
        "--interactive",
        "--reviewer",
        "T",
        "--root",
        str(root),
        stdin=answers,
    )
    assert result.exit_code == 0, result.output
    assert f"(confidence {load(review)['candidates'][0]['confidence']}, 1 of {count})" in (
        result.output
    )
    assert "quote [" in result.output
    assert "signal: " in result.output
    assert "answer a, r, s or q" in result.output
    assert "a rejection needs a reason" in result.output
    assert "accepted C001 as " in result.output
    assert "rejected C002" in result.output
    document = load(review)
    decisions = {c["candidate"]: c.get("decision") for c in document["candidates"]}
    assert decisions["C001"]["accepted"]
    assert decisions["C002"]["rejected"] == "not an event"
    assert decisions["C003"] is None
    assert not before
    rejections = root / "datasets" / "extraction-rejections.yaml"
    assert "not an event" in rejections.read_text(encoding="utf-8")


def test_interactive_review_ended_early_writes_nothing(root: Path, tmp_path: Path) -> None:
    review = _registered(root, tmp_path)
    before, review_before = _state(root), review.read_bytes()
    result = _invoke(
        "review", str(review), "--interactive", "--reviewer", "T", "--root", str(root), stdin="a\n"
    )  # the input ends before the second answer
    assert result.exit_code == 1
    assert "review interrupted: nothing was written" in result.output
    assert _state(root) == before
    assert review.read_bytes() == review_before
    quit_now = _invoke(
        "review", str(review), "--interactive", "--reviewer", "T", "--root", str(root), stdin="q\n"
    )
    assert quit_now.exit_code == 0
    assert "nothing decided; nothing written" in quit_now.output
    assert _state(root) == before


def test_review_off_a_terminal_without_decisions_is_a_usage_error(
    root: Path, tmp_path: Path
) -> None:
    review = _registered(root, tmp_path)
    result = _invoke("review", str(review), "--reviewer", "T", "--root", str(root))
    assert result.exit_code == 2
    assert "give --accept ID or --reject ID --reason TEXT" in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_interactive_review_on_a_pseudo_terminal(root: Path, tmp_path: Path) -> None:
    import pty
    import select

    review = _registered(root, tmp_path)
    primary, secondary = pty.openpty()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "COLUMNS": "200"}
    command = [sys.executable, "-m", "libyadata", "review", str(review), "--reviewer", "Pty"]
    process = subprocess.Popen(
        [*command, "--root", str(root)],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        close_fds=True,
    )
    os.close(secondary)
    seen = b""

    def read_until(marker: bytes, timeout: float = 60) -> None:
        nonlocal seen
        while marker not in seen:
            ready, _, _ = select.select([primary], [], [], timeout)
            if not ready:
                raise AssertionError(f"no {marker!r} on the terminal; saw {seen[-500:]!r}")
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the terminal closed: the process has ended
                break
            if not chunk:
                break
            seen += chunk

    try:
        read_until(b"[a]ccept, [r]eject, [s]kip, [q]uit")
        os.write(primary, b"a\n")
        read_until(b"2 of ")
        os.write(primary, b"q\n")
        read_until(b"next: libyadata build")
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(primary)
    assert b"accepted C001 as " in seen
    curated = (root / "datasets").glob("*.yaml")
    assert any(b"reviewed_by: Pty\n" in p.read_bytes() for p in curated)


# The whole flow, from a new text to a release loaded back, is tests/test_adding_a_source.py.
