"""Curated YAML is read strictly: duplicate keys, tabs, BOMs and non-lists are reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from libyadata.sources.yamlio import read_records


def read(
    tmp_path: Path, content: bytes
) -> tuple[list[dict[str, object]], list[tuple[str, int | None]]]:
    path = tmp_path / "records.yaml"
    path.write_bytes(content)
    items, problems = read_records(path)
    assert all(problem.file == str(path) for problem in problems)
    return [item.data for item in items], [(problem.code, problem.line) for problem in problems]


def test_records_keep_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("# header\n- id: A\n  note: x\n\n- id: B\n  date: 2023-09-28\n")
    items, problems = read_records(path)
    assert problems == []
    assert [(item.line, item.key_lines) for item in items] == [
        (2, {"id": 2, "note": 3}),
        (5, {"id": 5, "date": 6}),
    ]
    assert items[1].data["date"] == "2023-09-28"  # dates stay as written


def test_duplicate_key_is_an_error_not_a_silent_overwrite(tmp_path: Path) -> None:
    assert read(tmp_path, b"- id: A\n  status: occurred\n  status: planned\n") == (
        [],
        [("duplicate-key", 3)],
    )


def test_nested_duplicate_key_is_found(tmp_path: Path) -> None:
    content = b"- id: A\n  date:\n    value: 2023\n    value: 2024\n"
    assert read(tmp_path, content) == ([], [("duplicate-key", 4)])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xef\xbb\xbf- id: A\n", ("bom", 1)),
        (b"- id: A\n\tnote: x\n", ("tab", 2)),
        (b"id: A\n", ("not-a-list", 1)),
        (b"- id: [A\n", ("yaml-syntax", 2)),
        (b"- id: \xff\n", ("encoding", None)),
    ],
)
def test_malformed_files_are_reported(
    tmp_path: Path, content: bytes, expected: tuple[str, int]
) -> None:
    assert read(tmp_path, content) == ([], [expected])


def test_non_mapping_item_is_reported_and_others_kept(tmp_path: Path) -> None:
    data, problems = read(tmp_path, b"- just text\n- id: B\n")
    assert data == [{"id": "B"}]
    assert problems == [("not-a-mapping", 1)]


def test_an_empty_file_is_a_problem_and_an_empty_list_a_table(tmp_path: Path) -> None:
    # An emptied file loses every record it held, so it is reported; `[]` is an empty table.
    assert read(tmp_path, b"") == ([], [("empty-file", None)])
    assert read(tmp_path, b"# comments only\n") == ([], [("empty-file", None)])
    assert read(tmp_path, b"# no records yet\n[]\n") == ([], [])


def test_complex_key_is_reported_not_raised(tmp_path: Path) -> None:
    data, problems = read(tmp_path, b"- ? [a, b]\n  : value\n")
    assert data == []
    assert problems == [("yaml-syntax", 1)]


@pytest.mark.parametrize(
    "body",
    [
        "- id: X\n  deep: " + "[" * 50_000 + "]" * 50_000 + "\n",  # flow brackets
        "- id: X\n  deep: " + "{a: " * 30_000 + "1" + "}" * 30_000 + "\n",
        "- " * 60_000 + "x\n",  # compact block sequences on one line
    ],
    ids=["brackets", "braces", "compact"],
)
def test_nesting_past_the_limit_is_refused_not_a_crash(tmp_path: Path, body: str) -> None:
    # PyYAML's C composer overflows the C stack on such input (the process dies, exit 139):
    # the reader must refuse it before parsing. Run apart, so a crash fails only this test.
    path = tmp_path / "deep.yaml"
    path.write_text(body, encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from libyadata.sources.yamlio import read_document;"
        f"_, problems = read_document(Path({str(path)!r})); print([p.code for p in problems])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert "yaml-syntax" in done.stdout
