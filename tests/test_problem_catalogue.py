"""The catalogue of problem types is the one source of reason codes, layers and hints.

Problems are built only from it: no literal code in src/, no unknown code can be built, the
bad-input catalogue's codes are all declared, and ``docs/problems.md`` is what it generates.
That every declared code is produced by some test is checked by ``produced_codes`` (a plugin
of the whole run); the tests here produce the codes no other test does, from real inputs.
"""

from __future__ import annotations

import ast
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

import libyadata
from conftest import ROOT
from libyadata.checks.sources import check
from libyadata.core import catalogue
from libyadata.core.catalogue import CATALOGUE, LAYERS, problem_type
from libyadata.core.catalogue.crossrecord_problems import FOREIGN_KEY
from libyadata.core.catalogue.provenance_problems import SPAN_RANGE
from libyadata.core.catalogue.record_problems import UNCITED_SENTENCE
from libyadata.core.problemdoc import DOC, markdown
from libyadata.core.problems import (
    Problem,
    UnknownProblemError,
    from_validation_error,
)
from libyadata.diff.versioning import Bump, version_check
from libyadata.models import FuzzyDate
from libyadata.provenance import exclusions, locate
from libyadata.provenance.spans import QuoteNotFoundError
from libyadata.provenance.spans import locate as locate_quote
from libyadata.sources.project import Project
from libyadata.validation import validate
from produced_codes import unproduced
from test_bad_inputs import CASES

SRC = ROOT / "src" / "libyadata"
#: Where a code may be written as a string, and where problems may be built directly.
_CATALOGUE_MODULES = {
    *(
        path.relative_to(SRC).as_posix()
        for path in Path(catalogue.__file__ or "").parent.glob("*.py")
    ),
    "core/problems.py",
    "core/problemtype.py",
}
#: Codes that are also ordinary words of Data Package, JSON Schema and pydantic metadata (a
#: resource's ``encoding``, a field's ``pattern``): as literals they are flagged only where
#: they stand for a code, compared with a ``.code`` or given as ``code=``.
_ALSO_WORDS = {"encoding", "pattern"}


def _is_code(text: str) -> bool:
    try:
        problem_type(text)
    except UnknownProblemError:
        return any(k.family and text.startswith(k.code) for k in CATALOGUE.values())
    return True


def _as_codes(tree: ast.AST) -> set[int]:
    """Return the ids of the constants that stand for a code: compared with one, or code=."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(isinstance(o, ast.Attribute) and o.attr == "code" for o in operands):
                found |= {id(o) for o in ast.walk(node) if isinstance(o, ast.Constant)}
        elif isinstance(node, ast.keyword) and node.arg == "code":
            found |= {id(o) for o in ast.walk(node.value) if isinstance(o, ast.Constant)}
    return found


def _violations(relative: str, tree: ast.AST) -> list[str]:
    found = []
    as_codes = _as_codes(tree)
    for node in ast.walk(tree):
        where = f"{relative}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            word = node.value in _ALSO_WORDS and id(node) not in as_codes
            if _is_code(node.value) and not word:
                found.append(f"{where}: literal code {node.value!r}")
        elif isinstance(node, ast.JoinedStr):
            head = node.values[0] if node.values else None
            if isinstance(head, ast.Constant) and _is_code(str(head.value)):
                found.append(f"{where}: code built in an f-string")
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in {"Problem", "PydanticCustomError"} and relative not in _CATALOGUE_MODULES:
                found.append(f"{where}: {name}(...) outside the catalogue")
            code_changed = any(k.arg == "code" for k in node.keywords)
            if name == "replace" and code_changed and relative not in _CATALOGUE_MODULES:
                found.append(f"{where}: replace(..., code=...)")
    return found


def test_no_literal_code_and_no_direct_problem_outside_the_catalogue() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative not in _CATALOGUE_MODULES - {"core/problems.py"}:
            found += _violations(relative, ast.parse(path.read_text(encoding="utf-8")))
    assert found == []


def test_the_scan_finds_what_it_forbids() -> None:
    source = """
from dataclasses import replace
Problem("span-range", "x")
PydanticCustomError("date-bounds", "x")
replace(problem, code=SPAN_STALE.code)
f"frictionless-{kind}"
code = "tab"
"""
    found = _violations("provenance/spans.py", ast.parse(source))
    # Two literals and "tab", two calls, the replace, the f-string and the literal heading it.
    assert len(found) == 8
    assert _violations("formats/layout.py", ast.parse('("pattern", "pattern")')) == []
    assert (
        len(_violations("x.py", ast.parse('p.code == "pattern"; replace(p, code="encoding")'))) == 3
    )


def test_an_unknown_code_cannot_be_built() -> None:
    with pytest.raises(UnknownProblemError, match="'no-such-code'"):
        Problem("no-such-code", "a message")
    with pytest.raises(UnknownProblemError):
        Problem("frictionless-", "the family itself is no code")
    with pytest.raises(ValueError, match="not a family"):
        SPAN_RANGE.member("x")
    assert Problem("frictionless-type-error", "a member").layer == "package"


def test_every_code_of_the_bad_input_catalogue_is_declared() -> None:
    declared = {case.code for case in CASES} | {c.build_code for c in CASES if c.build_code}
    assert [code for code in sorted(declared) if not _is_code(code)] == []
    assert len(declared) >= 35


def test_layers_are_defined_once_in_their_order() -> None:
    assert LAYERS == ("parse", "records", "cross-record", "provenance", "schema", "package")
    assert validate.LAYERS is LAYERS
    assert {kind.layer for kind in CATALOGUE.values()} == set(LAYERS)


def test_each_entry_is_complete_and_its_templates_are_sound() -> None:
    reserved = {"file", "line", "record_id", "field", "hint"}
    for code, kind in CATALOGUE.items():
        assert kind.code == code
        assert kind.title, code
        assert kind.template, code
        for text in (kind.template, kind.hint or ""):
            names = [name for _, name, _, _ in string.Formatter().parse(text) if name]
            assert all(name.isidentifier() for name in names), (code, text)
            assert not reserved & set(names), (code, text)
            assert all(not spec for _, _, spec, _ in string.Formatter().parse(text)), text


def test_hints_that_name_a_file_name_the_real_one() -> None:
    assert exclusions.EXCLUSIONS_FILE in (UNCITED_SENTENCE.hint or "")
    assert FOREIGN_KEY.hint == "add {value} to {target}, or correct the reference"


def test_pydantic_error_types_map_as_declared() -> None:
    from libyadata.core.problems import _kind_of

    expected = {
        "missing": "missing-field",
        "extra_forbidden": "unknown-field",
        "invalid_key": "unknown-field",
        "enum": "unknown-enum",
        "literal_error": "unknown-enum",
        "string_pattern_mismatch": "pattern",
        "string_too_short": "too-short",
        "too_long": "too-long",
        "finite_number": "out-of-range",
        "frozen_instance": "frozen",
        "json_invalid": "json-syntax",
        "int_from_float": "wrong-type",
        "int_parsing": "wrong-type",
        "list_type": "wrong-type",
        "model_type": "wrong-type",
        "date-bounds": "date-bounds",  # a model's own error carries its code
        "value_error": "value-invalid",
        "frictionless-": "value-invalid",  # a family is no pydantic type
    }
    assert {name: _kind_of(name).code for name in expected} == expected


def test_the_table_of_codes_is_what_the_catalogue_generates() -> None:
    committed = (ROOT / DOC).read_text(encoding="utf-8")
    assert committed == markdown(), "run `python -m libyadata.core.problemdoc` and commit it"
    for kind in CATALOGUE.values():
        assert f"| `{kind.shown}` | {kind.title} |" in committed


def test_the_table_of_codes_is_written_by_its_module(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "libyadata.core.problemdoc", *args]
        return subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp_path)

    # only into a checkout: not into any folder it is run from, nor one named like an option
    assert run().returncode == 2
    assert run("--force").returncode == 2
    assert run("--help").returncode == 0
    assert not any(tmp_path.iterdir())
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    result = run(str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / DOC).read_text(encoding="utf-8") == markdown()


# --- codes no other test produces, from real inputs ----------------------------------------------


def test_a_corrupt_line_of_package_data_is_json_syntax(tmp_path: Path) -> None:
    package = Path(shutil.copytree(ROOT / "datasets" / "package", tmp_path / "package"))
    path = package / "jsonl" / "visits.jsonl"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1][: len(lines[1]) // 2]
    path.write_text("\n".join(lines), encoding="utf-8")
    result = libyadata.validate(package, package=True, skip=("package",))
    found = [p for p in result.problems if p.code == "json-syntax"]
    assert [(p.layer, p.file, p.line) for p in found] == [("parse", str(path), 2)]


def test_changing_a_loaded_record_is_frozen() -> None:
    visit = libyadata.visits()[0]
    with pytest.raises(ValidationError) as caught:
        visit.status = "planned"  # type: ignore[misc]
    [problem] = from_validation_error(caught.value, record_id=visit.id)
    assert (problem.code, problem.layer, problem.field) == ("frozen", "records", "status")


def test_bytes_that_are_not_utf8_where_text_belongs_are_value_invalid(tmp_path: Path) -> None:
    # Bytes where text belongs (from Python; YAML's `!!binary` tag is refused as it is read,
    # yaml-syntax); pydantic's "string_unicode" has no code of its own.
    root = tmp_path / "project"
    for folder in ("seeds", "schema", "datasets"):
        shutil.copytree(ROOT / folder, root / folder)
    path = root / "datasets" / "visits.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "  notes: SEED-002 does not say whom Sarraj met or in which city.\n",
            "  notes: !!binary /w==\n",
            1,
        ),
        encoding="utf-8",
    )
    problems = check(Project.at(root), skip=("schema",)).report.problems
    assert ("yaml-syntax", "parse") in [(p.code, p.layer) for p in problems]
    data = {"precision": "year", "value": "2016", "basis": "inferred", "note": b"\xff"}
    with pytest.raises(ValidationError) as caught:
        FuzzyDate.model_validate(data)
    found = [(p.code, p.layer, p.field) for p in from_validation_error(caught.value)]
    assert found == [("value-invalid", "records", "note")]


def test_an_empty_quote_is_quote_empty() -> None:
    with pytest.raises(QuoteNotFoundError) as caught:
        locate_quote("any text", "")
    assert caught.value.code == "quote-empty"
    assert str(caught.value) == "the quote is empty; copy the quote from the seed"


def test_a_file_locate_cannot_write_is_file_unwritable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    for folder in ("seeds", "datasets"):
        shutil.copytree(ROOT / folder, root / folder)
    path = root / "datasets" / "visits.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    start: ", "    start: 1", 1), encoding="utf-8")
    before = path.read_bytes()

    # The tests run as root, whom permissions do not stop: the system's refusal is injected.
    def refuse(target: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(locate.atomic, "write_bytes", refuse)
    result = locate.fill_spans(Project.at(root))
    found = [(p.code, p.file, p.hint) for p in result.problems]
    assert found == [("file-unwritable", "datasets/visits.yaml", "check the permissions")]
    assert "Permission denied" in result.problems[0].message
    assert path.read_bytes() == before


def test_a_version_that_is_not_semver_is_version_invalid() -> None:
    bump, problems = version_check("0.1.0", "0.2", Bump.MINOR, changed=True)
    assert bump is None
    assert [(p.code, p.field) for p in problems] == [("version-invalid", "version")]
    assert "0.2" in problems[0].message
    assert problems[0].hint is not None
    assert "libyadata version --next" in problems[0].hint


# --- the plugin that checks every code is produced -----------------------------------------------


def test_unproduced_names_every_code_not_produced() -> None:
    everything = set(CATALOGUE)
    assert unproduced(everything) == []
    assert unproduced(everything - {"span-range", "frictionless-"}) == [
        "span-range",
        "frictionless-<type>",
    ]


def _plugin_run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run pytest with the plugin in ``folder``, a project of its own (no addopts of ours)."""
    tests = str(Path(__file__).parent)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "produced_codes", "-q", *args],
        capture_output=True,
        text=True,
        cwd=folder,
        env={"PYTHONPATH": f"{tests}:{ROOT / 'src'}", "PATH": "/usr/bin:/bin"},
        check=False,
        timeout=120,
    )


def _suite_of(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "pyproject.toml").write_text('[tool.pytest.ini_options]\ntestpaths = ["t"]\n')
    (folder / "t").mkdir()
    for name, body in files.items():
        (folder / "t" / name).write_text(body)
    return folder


def _named(result: subprocess.CompletedProcess[str]) -> list[str]:
    return result.stdout.split("produced by no test: ")[1].split("\n")[0].split(", ")


def test_a_whole_run_that_misses_a_code_fails_naming_it(tmp_path: Path) -> None:
    _suite_of(
        tmp_path,
        {
            "test_one.py": "from libyadata.core.catalogue.provenance_problems import SPAN_RANGE\n\n"
            "def test_one():\n    SPAN_RANGE(end=2, size=1)\n"
        },
    )
    whole = _plugin_run(tmp_path, "-p", "no:xdist")
    assert whole.returncode == 1, whole.stdout
    named = _named(whole)
    assert named == unproduced({"span-range"})
    assert "quote-mismatch" in named
    # A selection of the suite is not the whole suite: it is not held to every code.
    assert _plugin_run(tmp_path, "-p", "no:xdist", "-k", "one").returncode == 0
    assert _plugin_run(tmp_path, "-p", "no:xdist", "t/test_one.py::test_one").returncode == 0
    # Nor is a run that only collects: no test ran, so none produced anything.
    assert _plugin_run(tmp_path, "-p", "no:xdist", "--collect-only").returncode == 0


def _producing(name: str, codes: list[str]) -> str:
    """A test file whose one test produces ``codes`` and says which xdist worker ran it."""
    return (
        "import os\nfrom pathlib import Path\n\n"
        "from libyadata.core.catalogue import CATALOGUE\n\n"
        f"def test_{name}():\n"
        f"    for code in {codes!r}:\n"
        "        kind = CATALOGUE[code]\n"
        "        (kind.member('x') if kind.family else kind).error()\n"
        "    worker = os.environ.get('PYTEST_XDIST_WORKER', '')\n"
        "    Path(__file__).with_suffix('.worker').write_text(worker)\n"
    )


def test_under_xdist_the_run_is_judged_on_what_every_worker_produced(tmp_path: Path) -> None:
    pytest.importorskip("xdist")
    codes = list(CATALOGUE)
    half = len(codes) // 2
    # `loadfile` with two files and two workers: one file each, so neither worker alone
    # produces every code; only their union does.
    parallel = ("-n", "2", "--dist", "loadfile")
    suite = _suite_of(
        tmp_path / "split",
        {"test_a.py": _producing("a", codes[:half]), "test_b.py": _producing("b", codes[half:])},
    )
    passed = _plugin_run(suite, *parallel)
    assert passed.returncode == 0, passed.stdout
    workers = {path.read_text() for path in (suite / "t").glob("*.worker")}
    assert workers == {"gw0", "gw1"}, passed.stdout
    assert "produced by no test" not in passed.stdout

    # One code left out on the first worker and one on the second: both are named.
    gaps = _suite_of(
        tmp_path / "gaps",
        {
            "test_a.py": _producing("a", codes[1:half]),
            "test_b.py": _producing("b", codes[half:-1]),
        },
    )
    failed = _plugin_run(gaps, *parallel)
    assert failed.returncode == 1, failed.stdout
    assert _named(failed) == unproduced(set(codes[1:-1]))
    assert len(_named(failed)) == 2
