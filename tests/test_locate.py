"""`libyadata locate` fills offsets and context from quotes, in place, touching nothing else."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import Span
from libyadata.checks.sources import check
from libyadata.cli import app
from libyadata.provenance.locate import fill_spans
from libyadata.provenance.spans import QuoteNotFoundError, locate
from libyadata.sources.project import Project
from libyadata.sources.seeds import SeedLibrary
from libyadata.sources.yamlio import StrictLoader, yaml_scalar

runner = CliRunner()
NBSP = "\u00a0"
REPEATED = "The UK, US, France, Italy all sent their diplomats"  # twice in SEED-000
MOSCOW = "Haftar traveled to Moscow on 28 September."  # once in SEED-001
AUDIENCE = "Haftar’s September 28 audience with Putin"  # once in SEED-003

VISIT = """\
# Visits — curated by hand; the offsets are made by `libyadata locate`.

- id: VIS-0001  # Haftar in Moscow
  status: occurred
  date:
    precision: day
    value: "2023-09-28"
    basis: inferred
    note: >-
      '28 September' with no year, in a note on the visits of
      August and September 2023 that the seed reports.
  visitors: [ACT-khalifa-haftar]
  destination: PLC-moscow
  met_with:
    - ACT-vladimir-putin
  evidence:
"""


def item(seed_id: str, quote: str, *lines: str, supports: str = "[date]") -> str:
    """An evidence item as a curator writes it, with extra ``key: value`` lines after quote."""
    body = [f"seed_id: {seed_id}", f"quote: {json.dumps(quote, ensure_ascii=False)}", *lines]
    body.append(f"supports: {supports}")
    return "    - " + "\n      ".join(body) + "\n"


def write(project: Project, text: str, name: str = "visits") -> Path:
    path = project.root / "datasets" / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def spans_of(path: Path) -> list[dict[str, Any]]:
    records = yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)  # noqa: S506
    return [span for record in records for span in record["evidence"]]


def where(span: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(span.get(key) for key in ("start", "end", "prefix", "suffix"))


def run(project: Project, *args: str) -> Any:
    return runner.invoke(app, ["locate", "--root", str(project.root), *args])


def test_fills_missing_offsets_and_the_result_validates(project_copy: Project, span: Span) -> None:
    path = write(project_copy, VISIT + item("SEED-001", MOSCOW) + item("SEED-003", AUDIENCE))
    result = fill_spans(project_copy)
    assert (result.problems, result.changed, result.spans) == ([], {"datasets/visits.yaml": 2}, 2)
    assert [where(s) for s in spans_of(path)] == [
        where(span("SEED-001", MOSCOW)),
        where(span("SEED-003", AUDIENCE)),
    ]
    checked = check(project_copy)
    report, summary = checked.report, checked.summary
    assert summary.records["visits"] == 1
    about_visits = [p for p in report.problems if p.file == "datasets/visits.yaml"]
    assert not [p for p in about_visits if (p.field or "").startswith("evidence")]
    # only the actors and places, not curated in this copy, are missing
    assert {p.code for p in about_visits} == {"foreign-key"}


def test_repairs_wrong_offsets_and_context_in_place(project_copy: Project, span: Span) -> None:
    stale = (
        "start: 3  # typed by hand",
        "end: 9",
        'prefix: "not the text"',
        "suffix: >-\n        old",
    )
    path = write(project_copy, VISIT + item("SEED-001", MOSCOW, *stale))
    before = path.read_text(encoding="utf-8").splitlines()
    assert fill_spans(project_copy).problems == []
    after = path.read_text(encoding="utf-8").splitlines()
    good = span("SEED-001", MOSCOW)
    assert where(spans_of(path)[0]) == where(good)
    assert len(after) == len(before) - 1  # the folded suffix became one line, nothing was added
    assert f"      start: {good['start']}  # typed by hand" in after
    assert f"      end: {good['end']}" in after
    assert after[-1] == "      supports: [date]"


def test_empty_values_are_filled_where_they_stand(project_copy: Project, span: Span) -> None:
    path = write(
        project_copy, VISIT + item("SEED-003", AUDIENCE, "start:", "end: ~", "prefix:  # x")
    )
    assert fill_spans(project_copy).problems == []
    good = span("SEED-003", AUDIENCE)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[-5:] == [
        f"      start: {good['start']}",
        f"      end: {good['end']}",
        f"      prefix: {json.dumps(good['prefix'], ensure_ascii=False)}  # x",
        "      supports: [date]",
        f"      suffix: {json.dumps(good['suffix'], ensure_ascii=False)}",
    ]


def test_keeps_a_valid_occurrence_of_a_repeated_quote(
    project_copy: Project, library: SeedLibrary
) -> None:
    text = library.text("SEED-000")
    second = text.index(REPEATED, text.index(REPEATED) + 1)
    lines = (f"start: {second}", f"end: {second + len(REPEATED)}")
    path = write(project_copy, VISIT + item("SEED-000", REPEATED, *lines))
    assert fill_spans(project_copy).problems == []
    filled = spans_of(path)[0]
    assert (filled["start"], filled["prefix"]) == (second, text[second - 32 : second])


def test_an_edited_prefix_moves_the_span_to_the_occurrence_it_names(
    project_copy: Project, library: SeedLibrary
) -> None:
    text = library.text("SEED-000")
    first = text.index(REPEATED)
    second = text.index(REPEATED, first + 1)
    # Offsets still hold the quote at the first occurrence, but the curator has written the
    # prefix of the second: the prefix states the intent, so the span moves.
    lines = (f"start: {first}", f"end: {first + len(REPEATED)}", 'prefix: "\\n\\n“"')
    path = write(project_copy, VISIT + item("SEED-000", REPEATED, *lines))
    assert fill_spans(project_copy).problems == []
    assert spans_of(path)[0]["start"] == second


@pytest.mark.parametrize("prefix", ["Harchaoui added: “", "\n\n“"])
def test_prefix_picks_the_occurrence(
    project_copy: Project, library: SeedLibrary, prefix: str
) -> None:
    path = write(project_copy, VISIT + item("SEED-000", REPEATED, f"prefix: {json.dumps(prefix)}"))
    assert fill_spans(project_copy).problems == []
    text = library.text("SEED-000")
    filled = spans_of(path)[0]
    assert text[: filled["start"]].endswith(prefix)
    assert filled["prefix"] == text[filled["start"] - 32 : filled["start"]]
    assert filled["prefix"].endswith(prefix)


@pytest.mark.parametrize(
    ("evidence", "code", "fld"),
    [
        (item("SEED-000", "capacity to curb Russia’s"), "quote-absent", "evidence.1.quote"),
        (item("SEED-000", REPEATED), "quote-ambiguous", "evidence.1.quote"),
        (item("SEED-000", REPEATED, 'prefix: "nowhere "'), "prefix-unmatched", "evidence.1.prefix"),
        (item("SEED-999", MOSCOW), "seed-unknown", "evidence.1.seed_id"),
        (
            "    - seed_id: SEED-001\n      supports: [date]\n",
            "evidence-malformed",
            "evidence.1.quote",
        ),
        ("    - {seed_id: SEED-001, quote: x}\n", "evidence-flow-style", "evidence.1"),
        ("    - just a string\n", "evidence-malformed", "evidence.1"),
    ],
    ids=["absent", "ambiguous", "prefix", "seed", "no-quote", "flow", "not-a-mapping"],
)
def test_a_span_that_cannot_be_placed_leaves_its_file_untouched(
    project_copy: Project, examples: dict[str, Any], evidence: str, code: str, fld: str
) -> None:
    path = write(project_copy, VISIT + item("SEED-001", MOSCOW) + evidence)
    clean = write(project_copy, yaml.safe_dump([examples["deployments"]]), "deployments")
    clean.write_text(re.sub(r"(?m)^ *start: \d+\n", "", clean.read_text()))
    before, stamp = path.read_bytes(), path.stat().st_mtime_ns
    result = fill_spans(project_copy)
    assert [(p.code, p.file, p.record_id, p.field) for p in result.problems] == [
        (code, "datasets/visits.yaml", "VIS-0001", fld)
    ]
    line = path.read_text(encoding="utf-8").count("\n") - evidence.count("\n") + 1
    assert result.problems[0].line == line
    assert result.problems[0].hint
    assert (path.read_bytes(), path.stat().st_mtime_ns) == (before, stamp)
    assert result.changed == {"datasets/deployments.yaml": 1}  # the clean file is still filled
    assert spans_of(clean)[0]["start"] == examples["deployments"]["evidence"][0]["start"]


def test_the_missing_quote_is_told_apart_from_a_near_miss(library: SeedLibrary) -> None:
    text = library.text("SEED-000")
    with pytest.raises(QuoteNotFoundError) as absent:
        locate(text, "capacity to curb Russia’s")
    assert absent.value.code == "quote-absent"
    assert locate(text, f"capacity to curb{NBSP}Russia’s")


def test_duplicate_keys_are_refused_as_validate_refuses_them(project_copy: Project) -> None:
    path = write(project_copy, VISIT + item("SEED-001", MOSCOW, "quote: again"))
    before = path.read_bytes()
    problems = fill_spans(project_copy).problems
    assert [(p.code, p.line) for p in problems] == [("duplicate-key", VISIT.count("\n") + 3)]
    assert path.read_bytes() == before


def test_comments_and_formatting_survive_byte_for_byte(project_copy: Project, span: Span) -> None:
    evidence = (
        "    # the Moscow visit itself\n"
        + item("SEED-001", MOSCOW, supports="  [visitors, destination]   # both\n")
        + "\n"
        + item("SEED-003", AUDIENCE, supports="\n        - date\n\n        # a trailing note")
        + "  # after the list\n"
        + "- id: VIS-0002\n  status: planned\n  visitors: ['ACT-khalifa-haftar']\n"
        + "  evidence:\n  - quote: 'Haftar traveled to Moscow on 28 September.'\n"
        + "    seed_id: SEED-001\n    supports:\n    - visitors"  # no final line break
    )
    path = write(project_copy, VISIT + evidence)
    before = path.read_text(encoding="utf-8")
    assert fill_spans(project_copy).problems == []
    after = path.read_text(encoding="utf-8")
    added = re.compile(r" +(start|end|prefix|suffix): .*\n")
    lines = after.splitlines(keepends=True)
    assert sum(1 for line in lines if added.fullmatch(line)) == 12
    # Take the new lines out and the file is what the curator wrote, byte for byte (the
    # unterminated last line gains the line break the new lines after it need).
    assert "".join(line for line in lines if not added.fullmatch(line)) == before + "\n"
    # right after the last item of the list, before the blank line and the comment
    assert (
        "        - date\n" + filled_lines(span("SEED-003", AUDIENCE), 6) + "\n        # a" in after
    )
    assert after.endswith("    - visitors\n" + filled_lines(span("SEED-001", MOSCOW), 4))


def filled_lines(values: dict[str, Any], indent: int) -> str:
    return "".join(
        f"{' ' * indent}{key}: {json.dumps(values[key], ensure_ascii=False)}\n"
        for key in ("start", "end", "prefix", "suffix")
    )


def test_node_marks_count_code_points_even_under_libyaml() -> None:
    text = "# حفتر — “Moscow”\u00a0😀\n- note: 'يجري لقاءات'\n  start: 12\n"
    loader = StrictLoader(text)
    try:
        record = loader.get_single_node().value[0]
        value = record.value[1][1]
    finally:
        loader.dispose()
    if yaml.__with_libyaml__:
        assert issubclass(StrictLoader, yaml.CSafeLoader)
    assert text[value.start_mark.index : value.end_mark.index] == "12"
    assert len(text[: value.start_mark.index].encode("utf-8")) > value.start_mark.index


def test_non_ascii_before_and_inside_the_edited_spans(project_copy: Project, span: Span) -> None:
    arabic = "28 أغسطس، 2017"  # SEED-002, after an Arabic menu
    nbsp = f"capacity to curb{NBSP}Russia’s"  # SEED-000
    note = f"    # «حفتر» in Moscow — “quoted”,{NBSP}😀, back\\slash\n"
    stale = ("start: 1", "end: 2", 'prefix: "x"', 'suffix: "y"')
    evidence = note + item("SEED-002", arabic, *stale) + note + item("SEED-000", nbsp)
    path = write(project_copy, VISIT + evidence)
    assert fill_spans(project_copy).problems == []
    assert [where(s) for s in spans_of(path)] == [
        where(span("SEED-002", arabic)),
        where(span("SEED-000", nbsp)),
    ]
    text = path.read_text(encoding="utf-8")
    assert text.count(note) == 2
    assert 'prefix: "a Haftar are hindering Europe’s "' in text  # raw, not \u-escaped
    assert "\\n\\n" in text  # line breaks of the Arabic span's context, escaped


@given(st.text())
def test_rendered_strings_read_back_exactly(value: str) -> None:
    rendered = yaml_scalar(value)
    assert "\n" not in rendered
    loaded = yaml.load(f"key: {rendered}\n", Loader=StrictLoader)  # noqa: S506
    assert loaded == {"key": value}


@pytest.mark.parametrize(
    ("value", "rendered"),
    [
        (f"a{NBSP}b", '"a\\u00a0b"'),  # invisible in a diff, so escaped
        ("rtl\u200fmark", '"rtl\\u200fmark"'),
        ("“curly” ‘quotes’ — dash", '"“curly” ‘quotes’ — dash"'),
        ("حفتر يجري", '"حفتر يجري"'),
        ("back\\slash", '"back\\\\slash"'),
        ('a "q"\n', '"a \\"q\\"\\n"'),
        ("\u2028\x85", '"\\u2028\\u0085"'),  # YAML line breaks, so escaped
    ],
)
def test_rendered_strings_keep_the_seeds_characters(value: str, rendered: str) -> None:
    assert yaml_scalar(value) == rendered
    assert yaml.load(f"k: {rendered}", Loader=StrictLoader) == {"k": value}  # noqa: S506


def test_second_run_changes_nothing(project_copy: Project) -> None:
    path = write(project_copy, VISIT + item("SEED-001", MOSCOW) + item("SEED-003", AUDIENCE))
    assert fill_spans(project_copy).filled == 2
    once, stamp = path.read_bytes(), path.stat().st_mtime_ns
    again = fill_spans(project_copy)
    assert (again.changed, again.stale, again.problems, again.spans) == ({}, [], [], 2)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == (once, stamp)


def test_a_wrong_edit_is_caught_and_nothing_written(
    project_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(project_copy, VISIT + item("SEED-001", MOSCOW))
    before = path.read_bytes()
    monkeypatch.setattr("libyadata.provenance.locate.yaml_scalar", lambda value: "0")
    result = fill_spans(project_copy)
    assert [p.code for p in result.problems] == ["locate-internal"]
    assert (result.changed, path.read_bytes()) == ({}, before)


def test_a_boundary_inside_a_letter_is_refused(
    project_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "قال حَفتر اليوم"  # a fatha (U+064E) follows the first letter of the name
    monkeypatch.setattr(SeedLibrary, "text", lambda self, seed_id: text)
    write(project_copy, VISIT + item("SEED-001", "قال ح"))
    assert [(p.code, p.field) for p in fill_spans(project_copy).problems] == [
        ("split-cluster", "evidence.0.end")
    ]


def test_check_fails_on_stale_spans_and_passes_once_filled(project_copy: Project) -> None:
    path = write(project_copy, VISIT + item("SEED-001", MOSCOW) + item("SEED-003", AUDIENCE))
    before = path.read_bytes()
    check = run(project_copy, "--check")
    assert check.exit_code == 1, check.output
    assert "datasets/visits.yaml:17: VIS-0001 evidence.0: [span-stale]" in check.output
    assert "evidence.1: [span-stale] start, end, prefix, suffix not filled" in check.output
    assert "locate: 2 span(s) not current" in check.output
    assert path.read_bytes() == before
    filled = run(project_copy)
    assert filled.exit_code == 0, filled.output
    assert "filled 2 span(s) in datasets/visits.yaml" in filled.output
    assert "locate: ok · 2 span(s) looked at, 2 filled" in filled.output
    again = run(project_copy, "--check", "visits")
    assert again.exit_code == 0, again.output
    assert "locate: ok · 2 span(s) looked at, 0 to fill" in again.output


def test_exit_codes(project_copy: Project, tmp_path: Path) -> None:
    assert run(project_copy).exit_code == 0  # no curated files yet: nothing to do
    write(project_copy, VISIT + item("SEED-000", REPEATED))
    problem = run(project_copy)
    assert problem.exit_code == 1
    assert "[quote-ambiguous] the quote" in problem.output
    assert "add a `prefix`" in problem.output
    assert "locate: 1 problem(s)" in problem.output
    assert run(project_copy, "bases").exit_code == 0  # another table: nothing to fill
    unknown = run(project_copy, "visit")
    assert unknown.exit_code == 2
    assert "no table 'visit'; the tables are:" in unknown.output
    assert run(project_copy, "actors").exit_code == 2
    outside = runner.invoke(app, ["locate", "--root", str(tmp_path / "nowhere")])
    assert outside.exit_code == 2
    assert "is not a libyadata project" in outside.output


def test_span_problems_point_at_locate() -> None:
    from libyadata.core.catalogue import problem_type

    assert "run `libyadata locate`" in (problem_type("quote-mismatch").hint or "")


def test_file_mode_is_kept(project_copy: Project) -> None:
    path = write(project_copy, VISIT + item("SEED-001", MOSCOW))
    path.chmod(0o644)
    fill_spans(project_copy)
    assert path.stat().st_mode & 0o777 == 0o644
    assert not [name for name in os.listdir(path.parent) if name != "visits.yaml"]


@pytest.mark.parametrize("ends", [b"\r\n", b"\r"])
def test_a_file_with_crlf_or_cr_line_ends_is_refused_and_left_as_it_was(
    project_copy: Project, ends: bytes
) -> None:
    path = write(project_copy, VISIT + item("SEED-001", MOSCOW))
    before = path.read_bytes().replace(b"\n", ends)
    path.write_bytes(before)
    result = run(project_copy)
    assert result.exit_code == 1
    assert "[line-ends]" in result.output
    assert "dos2unix datasets/visits.yaml" in result.output  # the fix, naming the file
    assert path.read_bytes() == before


def test_a_file_with_one_crlf_line_is_refused_and_never_made_mixed(project_copy: Project) -> None:
    # One CRLF among LF lines (an editor that kept a pasted line's end): locate would write
    # LF lines beside it; it refuses the file instead, naming the line.
    text = (VISIT + item("SEED-001", MOSCOW)).replace(
        "  status: occurred\n", "  status: occurred\r\n"
    )
    path = write(project_copy, text)
    result = run(project_copy, "--check")
    assert result.exit_code == 1
    assert "datasets/visits.yaml:4:" in result.output
    assert "[line-ends]" in result.output
    result = run(project_copy)
    assert result.exit_code == 1
    assert path.read_bytes() == text.encode("utf-8")


def test_offsets_in_hex_are_not_current_for_locate_check(project_copy: Project) -> None:
    # YAML 1.1 reads 0x1dd9 as 7641; libyadata reads it as the text written, so the span is
    # reported stale (and validate reports integer-form) instead of passing as offsets.
    text = MOSCOW
    library = SeedLibrary.load(project_copy)
    start = library.text("SEED-001").index(text)
    path = write(
        project_copy,
        VISIT + item("SEED-001", text, f"start: {hex(start)}", f"end: {start + len(text)}"),
    )
    result = run(project_copy, "--check")
    assert result.exit_code == 1
    assert "[span-stale]" in result.output
    assert run(project_copy).exit_code == 0
    assert spans_of(path)[0]["start"] == start
    assert b"\r" not in path.read_bytes()
