"""Hold under attack, round two: state read back from disk, one package in two forms, YAML tags
and aliases, inputs that once gave tracebacks, text a spreadsheet would run, seeds edited in
place, schema markers.

Each case is an input written for it; each is refused with its code and no traceback, and
nothing outside the project's own folders is renamed, removed or read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ROOT, copy_checkout
from libyadata.cli import app
from libyadata.core.chars import printable
from libyadata.publishing import releasing
from libyadata.publishing.writing import JOURNAL_FILE, STAGING_DIR, interrupted, put_in_place
from libyadata.readers.datapackage import DataPackage
from libyadata.readers.packageerror import PackageError
from libyadata.sources.project import Project
from libyadata.sources.yamlio import ALIAS_BUDGET, read_records

runner = CliRunner()


def invoke(*arguments: str) -> Any:
    result = runner.invoke(app, list(arguments))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of what validate and build read, safe to break."""
    return copy_checkout(tmp_path / "checkout")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- 1. state files read back from disk -------------------------------------------------------


def _stage(package: Path, dist: Path) -> list[Any]:
    (package / "datapackage.json").write_text("{}", encoding="utf-8")
    return []


@pytest.mark.parametrize(
    "journal",
    [
        "outside",
        "the checkout's datasets",
        "not JSON",
        "numbers",
        "nested",
        "a link",
        "an inode as text",
    ],
)
def test_a_crafted_or_malformed_swap_journal_is_never_obeyed(
    checkout: Path, tmp_path: Path, journal: str
) -> None:
    project = Project.at(checkout)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "mine.txt").write_text("the user's", encoding="utf-8")
    entries: Any = {
        "outside": [{"staged": str(outside), "target": str(checkout / "stolen"), "inode": 1}],
        "the checkout's datasets": [
            {"staged": str(checkout / "datasets"), "target": str(tmp_path / "out"), "inode": 0}
        ],
        "numbers": [1, 2, 3],
        "an inode as text": [
            {
                "staged": str(checkout / STAGING_DIR / ".package.build-x"),
                "target": str(checkout / "datasets" / "package"),
                "inode": "1",
            }
        ],
    }.get(journal)
    path = checkout / JOURNAL_FILE
    if journal == "not JSON":
        path.write_bytes(b"{{{")
    elif journal == "nested":
        path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    elif journal == "a link":
        (tmp_path / "elsewhere.json").write_text(
            json.dumps([{"staged": str(outside), "target": str(checkout / "x"), "inode": 1}])
        )
        path.symlink_to(tmp_path / "elsewhere.json")
    else:
        path.write_text(json.dumps(entries), encoding="utf-8")
    before = sorted(p.name for p in checkout.iterdir())
    package, dist = checkout / "datasets" / "package", checkout / "dist"
    problems = put_in_place(project, package, dist, _stage)
    assert [p.code for p in problems] == ["build-journal"]
    assert "nothing was renamed or removed" in problems[0].message
    assert (outside / "mine.txt").read_text(encoding="utf-8") == "the user's"
    assert sorted(p.name for p in checkout.iterdir()) == before
    assert path.is_symlink() or path.is_file()  # left for the user to inspect
    assert [p.code for p in interrupted(project, (package, dist))] == ["build-journal"]


def test_a_build_stages_under_an_ignored_path_and_leaves_nothing(checkout: Path) -> None:
    project = Project.at(checkout)
    package, dist = checkout / "datasets" / "package", checkout / "dist"
    (checkout / STAGING_DIR).mkdir()
    (checkout / STAGING_DIR / ".dist.build-killed").mkdir()  # a killed build's leftover
    assert put_in_place(project, package, dist, _stage) == []
    assert (package / "datapackage.json").read_text(encoding="utf-8") == "{}"
    assert not (checkout / STAGING_DIR).exists()
    assert [p.name for p in checkout.iterdir() if p.name.startswith(".")] == []
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "datasets/.package.*" in ignored


def test_a_staging_folder_that_is_a_link_out_is_refused(checkout: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep").write_text("keep", encoding="utf-8")
    (checkout / STAGING_DIR).symlink_to(outside)
    project = Project.at(checkout)
    problems = put_in_place(project, checkout / "datasets" / "package", checkout / "dist", _stage)
    assert [p.code for p in problems] == ["build-journal"]
    assert (outside / "keep").is_file()


@pytest.mark.parametrize(
    "content",
    [
        '{"version": 1}',
        json.dumps(
            {"version": "1.0.1", "step": "x", "originals": {"/etc/passwd": "x"}, "final": {}}
        ),
        "[" * 50_000,
    ],
    ids=["wrong types", "names a file outside", "nested"],
)
def test_a_malformed_release_journal_is_reported_and_kept(checkout: Path, content: str) -> None:
    path = checkout / releasing.RELEASE_JOURNAL_FILE
    path.write_text(content, encoding="utf-8")
    citation = (checkout / "CITATION.cff").read_bytes()
    result = invoke("build", "--check", "--root", str(checkout))
    assert result.exit_code == 1
    assert "[release-interrupted]" in result.output
    assert "cannot be trusted" in result.output
    result = invoke("build", "--root", str(checkout))
    assert result.exit_code == 1
    assert "[release-interrupted]" in result.output
    assert path.read_text(encoding="utf-8") == content
    assert (checkout / "CITATION.cff").read_bytes() == citation


# -- 2. one package, one story ----------------------------------------------------------------


def package_copy(tmp_path: Path) -> Path:
    root = tmp_path / "package"
    shutil.copytree(ROOT / "datasets" / "package", root)
    return root


def rehash(root: Path, relative: str) -> None:
    """Make the descriptor and SHA256SUMS vouch for a changed file, as an attacker would."""
    data = (root / relative).read_bytes()
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] == relative:
            resource["bytes"] = len(data)
            resource["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    sums = (root / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    digest = hashlib.sha256(data).hexdigest()
    fixed = [f"{digest}  {relative}" if line.endswith(f"  {relative}") else line for line in sums]
    (root / "SHA256SUMS").write_text("\n".join(fixed) + "\n", encoding="utf-8")


def first_row(path: Path) -> dict[str, str]:
    return next(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def set_cell(root: Path, relative: str, column: str, value: str, row: int = 0) -> None:
    path = root / relative
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[row + 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    rehash(root, relative)


def set_json(root: Path, relative: str, key: str, value: Any, row: int = 0) -> None:
    path = root / relative
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[row])
    record[key] = value
    lines[row] = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rehash(root, relative)


def test_csv_and_json_lines_that_disagree_are_refused_by_every_reader(tmp_path: Path) -> None:
    root = package_copy(tmp_path)
    status = first_row(root / "csv/visits.csv")["status"]
    set_cell(root, "csv/visits.csv", "status", "expected" if status != "expected" else "occurred")
    package = DataPackage.open(root)
    for read in (
        lambda: package.records("visits"),
        lambda: package.records("visits", form="csv"),
        lambda: package.dataframe("visits"),
        lambda: package.read_bytes("visits-jsonl"),
    ):
        with pytest.raises(PackageError) as caught:
            read()
        assert [p.code for p in caught.value.problems] == ["package-forms-disagree"]
        assert "status" in str(caught.value)
    assert package.records("deployments")  # another table of the package reads
    out = tmp_path / "out.db"
    for arguments in (
        ["validate", "--package", str(root)],
        ["diff", str(ROOT / "datasets" / "package"), str(root)],
        ["export", "sqlite", str(out), "--package", str(root)],
    ):
        result = invoke(*arguments)
        assert result.exit_code in {1, 2}, arguments
        assert "[package-forms-disagree]" in result.output, (arguments, result.output)
    assert not out.exists()


def test_a_formula_in_a_quote_is_refused_in_the_package(tmp_path: Path) -> None:
    root = package_copy(tmp_path)
    quote = first_row(root / "csv/visit_evidence.csv")
    formula = "=" + quote["quote"][1:]  # the same length: only the formula is wrong
    set_cell(root, "csv/visit_evidence.csv", "quote", formula)
    path = root / "jsonl/visits.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["evidence"][0]["quote"] = formula
    lines[0] = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rehash(root, "jsonl/visits.jsonl")
    with pytest.raises(PackageError) as caught:
        DataPackage.open(root).records("visits")
    assert [p.code for p in caught.value.problems] == ["package-formula"]
    result = invoke("export", "sqlite", str(tmp_path / "x.db"), "--package", str(root))
    assert result.exit_code == 1
    assert "[package-formula]" in result.output
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("value", ["2", True, 2.0, 0, -1, 99, None, [2]])
def test_a_schema_marker_takes_only_known_versions(tmp_path: Path, value: Any) -> None:
    root = package_copy(tmp_path)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["x-libyadata-schema"] = value
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(PackageError) as caught:
        DataPackage.open(root)
    assert [p.code for p in caught.value.problems] == ["package-schema-version"]
    result = invoke("validate", "--package", str(root))
    assert "[package-schema-version]" in result.output


@pytest.mark.parametrize(
    "line",
    ['{"id":' + "[" * 100_000 + "]" * 100_000 + "}", '{"id":' + "9" * 5000 + "}", "[1,2]"],
    ids=["nested", "5000 digits", "not an object"],
)
def test_a_hostile_json_line_gives_a_problem_not_a_traceback(tmp_path: Path, line: str) -> None:
    root = package_copy(tmp_path)
    path = root / "jsonl/visits.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([line, *lines[1:]]) + "\n", encoding="utf-8")
    rehash(root, "jsonl/visits.jsonl")
    with pytest.raises(PackageError):
        DataPackage.open(root).records("visits")
    for arguments in (
        ["validate", "--package", str(root)],
        ["diff", str(ROOT / "datasets" / "package"), str(root)],
    ):
        result = invoke(*arguments)
        assert result.exit_code in {1, 2}
        assert "[" in result.output


# -- 3. YAML: the core schema only, aliases on a budget ---------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("- id: !!binary VklTLTAwMDE=\n", "yaml-syntax"),
        ("- notes: !!python/object/apply:os.system [echo]\n", "yaml-syntax"),
        ("- notes: !secret x\n", "yaml-syntax"),
        ("- notes: !!set {a, b}\n", "yaml-syntax"),
        ("- &a [*a]\n", "yaml-aliases"),
        ("- n: " + "9" * 5000 + "\n", "yaml-syntax"),
    ],
    ids=["binary", "python", "local tag", "set", "recursive alias", "5000 digits"],
)
def test_yaml_outside_the_core_schema_is_refused(tmp_path: Path, text: str, code: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    items, problems = read_records(path)
    assert items == []
    assert [p.code for p in problems] == [code]
    assert problems[0].line == 1


def bomb(levels: int = 9) -> str:
    lines = ["- l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"  l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb(), encoding="utf-8")  # 9**9 values, written in 9 lines
    _, problems = read_records(path)
    assert [p.code for p in problems] == ["yaml-aliases"]
    assert str(ALIAS_BUDGET) in problems[0].message
    few = tmp_path / "few.yaml"  # a value or two repeated through an alias is fine
    few.write_text("- a: &a [x, y]\n  b: *a\n", encoding="utf-8")
    assert read_records(few)[0][0].data == {"a": ["x", "y"], "b": ["x", "y"]}


def test_a_merge_key_is_not_merged(tmp_path: Path) -> None:
    path = tmp_path / "merge.yaml"
    path.write_text("- base: &b {x: 1}\n  y:\n    <<: *b\n", encoding="utf-8")
    [item], _ = read_records(path)
    assert item.data["y"] == {"<<": {"x": 1}}  # a plain key the models refuse, not a merge


def test_a_review_file_bomb_is_refused_before_the_project_lock(
    checkout: Path, tmp_path: Path
) -> None:
    review = tmp_path / "SEED-000.review.yaml"
    review.write_text("seed_id: SEED-000\ncandidates:\n" + bomb(), encoding="utf-8")
    holder = subprocess.Popen(  # another command holds the project's lock meanwhile
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from libyadata.core.lock import "
            "project_lock\nwith project_lock(Path(sys.argv[1])):\n print('held', flush=True); "
            "time.sleep(120)",
            str(checkout),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        result = invoke(
            "review", str(review), "--accept", "C001", "--reviewer", "x", "--root", str(checkout)
        )
    finally:
        holder.kill()
        holder.communicate()  # reaps it and closes its pipe
    assert result.exit_code in {1, 2}
    assert "[yaml-aliases]" in result.output  # not project-busy: read before the lock
    assert "[project-busy]" not in result.output


# -- 4. no traceback for any input; 7. text a spreadsheet would run ---------------------------

VISITS = "datasets/visits.yaml"


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("- id: VIS-0001", "- id: 1", "wrong-type"),
        ("- id: VIS-0001", "- id: [VIS-0001]", "wrong-type"),
        ("- id: VIS-0001", "- id: true", "wrong-type"),
        ("- id: VIS-0001", "- id: VIS-" + "9" * 5000, "too-long"),
        ("      start: 1155", "      start: " + "9" * 5000, "yaml-syntax"),
        ("  status: occurred\n", "  <<: {status: occurred}\n", "unknown-field"),
        ("    earliest: 2016-06-01", "    earliest: 0", "date-as-number"),
        ("    earliest: 2016-06-01", "    earliest: !!timestamp 2016-06-01", "yaml-syntax"),
    ],
    ids=[
        "id int",
        "id list",
        "id bool",
        "id 5000 digits",
        "offset 5000 digits",
        "merge key",
        "date as number",
        "timestamp tag",
    ],
)
def test_hostile_curated_values_are_problems(checkout: Path, old: str, new: str, code: str) -> None:
    replace_in(checkout / VISITS, old, new)
    result = invoke("validate", "--root", str(checkout))
    assert result.exit_code == 1
    assert f"[{code}]" in result.output, result.output


def _set_notes(checkout: Path, value: str) -> None:
    path = checkout / VISITS
    text = path.read_text(encoding="utf-8")
    start = text.index("  notes: >-\n    The first of Haftar")
    end = text.index("  evidence:", start)
    path.write_text(text[:start] + f"  notes: {value}\n" + text[end:], encoding="utf-8")


@pytest.mark.parametrize("value", ['"=HYPERLINK(1)"', '"+1"', '"-2+3"', '"@SUM(A1)"'])
def test_free_text_a_spreadsheet_would_run_is_refused(checkout: Path, value: str) -> None:
    _set_notes(checkout, value)
    result = invoke("validate", "--root", str(checkout))
    assert result.exit_code == 1
    assert "[formula-text]" in result.output
    assert "VIS-0001 notes" in result.output


def test_an_escape_sequence_is_never_printed_raw(checkout: Path) -> None:
    replace_in(checkout / VISITS, "- id: VIS-0001", '- id: "VIS-0001\\e[2J"')
    _set_notes(checkout, '"red \\e[31m"')
    result = invoke("validate", "--root", str(checkout))
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert "VIS-0001\\u001b[2J" in result.output
    assert "[invisible-character]" in result.output
    assert printable("a\x1b[31mb\x9b") == "a\\u001b[31mb\\u009b"


def test_the_curated_data_holds_no_formula() -> None:
    # The rule refuses nothing the curators wrote: every text cell of the built package.
    for path in sorted((ROOT / "datasets" / "package" / "csv").glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        for row in csv.DictReader(io.StringIO(text, newline="")):
            for column, cell in row.items():
                if cell[:1] in {"=", "+", "@"} or (cell[:1] == "-" and "longitude" not in column):
                    pytest.fail(f"{path.name} {column}: {cell[:40]!r}")


# -- 5. dates; 6. seeds -----------------------------------------------------------------------


def _published(checkout: Path, block: str) -> None:
    path = checkout / "seeds" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  published:")
    end = text.index("\n  languages:", start)
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")


@pytest.mark.parametrize(
    ("block", "code"),
    [
        (
            '  published:\n    precision: day\n    value: "2099-01-01"\n    basis: stated',
            "publication-date",
        ),
        (
            '  published:\n    precision: year\n    value: "1850"\n    basis: stated',
            "publication-date",
        ),
        (
            "  published:\n    precision: range\n    earliest: 1704067200\n    basis: stated",
            "date-as-number",
        ),
    ],
    ids=["future", "before 1900", "a timestamp"],
)
def test_a_publication_date_must_be_possible(checkout: Path, block: str, code: str) -> None:
    _published(checkout, block)
    result = invoke("validate", "--root", str(checkout))
    assert result.exit_code == 1
    assert f"[{code}]" in result.output


def test_an_original_seed_edited_with_its_metadata_is_refused(checkout: Path) -> None:
    seed = checkout / "seeds" / "004_c791b86b6d5e41f3.txt"
    old = hashlib.sha256(seed.read_bytes()).hexdigest()
    edited = seed.read_bytes().replace(b"Haftar", b"Hafter", 1)  # same length, same code points
    seed.write_bytes(edited)
    replace_in(checkout / "seeds" / "sources.yaml", old, hashlib.sha256(edited).hexdigest())
    result = invoke("validate", "--root", str(checkout))
    assert result.exit_code == 1
    assert "[seed-original]" in result.output
    assert "seed-hash" not in result.output


def test_a_seed_differing_from_its_shared_original_is_refused(tmp_path: Path) -> None:
    root = copy_checkout(tmp_path / "checkout")
    shared = tmp_path / "shared" / "seeds"
    shutil.copytree(ROOT / "seeds", shared, ignore=shutil.ignore_patterns("*.yaml", "*.md"))
    original = shared / "001_c43e133ca732e3b6.txt"
    original.write_bytes(original.read_bytes().replace(b"Russia", b"Russie", 1))
    result = invoke("validate", "--root", str(root))
    assert result.exit_code == 1
    assert "[seed-original]" in result.output
    assert "../shared/seeds/001_c43e133ca732e3b6.txt" in result.output


def test_a_new_seed_must_carry_its_own_hash_in_its_name(checkout: Path) -> None:
    text = b"A new article about Russia and Libya."
    name = "005_0123456789abcdef.txt"
    (checkout / "seeds" / name).write_bytes(text)
    sources = checkout / "seeds" / "sources.yaml"
    whole = sources.read_text(encoding="utf-8")
    entry = whole[whole.index("- id: SEED-004") :]
    entry = entry.replace("SEED-004", "SEED-005").replace("004_c791b86b6d5e41f3.txt", name)
    digest = "3462c41eebaa959b2371b5c9ebbd415a5e87947d0b24c923afa74019b9af0601"
    entry = entry.replace(digest, hashlib.sha256(text).hexdigest())
    entry = entry.replace("byte_length: 5612", f"byte_length: {len(text)}")
    entry = entry.replace("code_points: 5552", f"code_points: {len(text)}")
    sources.write_text(whole.rstrip("\n") + "\n\n" + entry, encoding="utf-8")
    result = invoke("validate", "--root", str(checkout))
    assert result.exit_code == 1
    assert "[seed-file-name]" in result.output
    assert hashlib.sha256(text).hexdigest()[:16] in result.output
