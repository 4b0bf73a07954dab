"""The coverage report: every flagged sentence is cited or excluded with a reason."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import Span
from libyadata.cli import app
from libyadata.models import CoverageExclusion
from libyadata.models.tables import TABLES
from libyadata.provenance.coverage import CoverageReport, CoveredSentence, coverage
from libyadata.sources.project import Project
from libyadata.sources.seeds import SeedLibrary

runner = CliRunner()

EXCLUSIONS = "datasets/coverage-exclusions.yaml"
APPEAL = "A Message from The Moscow Times:"  # SEED-004's donation appeal runs from here…
APPEAL_END = "Remind me later."  # …to here, the end of the text


def write(project: Project, name: str, rows: list[dict[str, Any]]) -> str:
    """Write ``rows`` as ``datasets/<name>.yaml`` and return the YAML text."""
    folder = project.root / "datasets"
    folder.mkdir(exist_ok=True)
    text = yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=1000)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return text


def sentence(report: CoverageReport, seed_id: str, starting: str) -> CoveredSentence:
    seed = next(seed for seed in report.seeds if seed.seed_id == seed_id)
    return next(s for s in seed.sentences if s.text.startswith(starting))


def codes(report: CoverageReport) -> list[str]:
    return [problem.code for problem in report.problems]


def exclude(
    seed_id: str, quote: str, reason: str = "page furniture", **more: str
) -> dict[str, str]:
    return {"seed_id": seed_id, "quote": quote, **more, "reason": reason}


@pytest.fixture
def curated(project_copy: Project, span: Span, examples: dict[str, dict[str, Any]]) -> Project:
    """A copy with two actors, two places and one visit citing SEED-001 and SEED-003."""
    putin = {
        "id": "ACT-vladimir-putin",
        "name": "Vladimir Putin",
        "kind": "person",
        "side": "russia",
        "country": "RU",
        "names": [{"name": "Putin", "seed_id": "SEED-003"}],
    }
    write(project_copy, "actors", [examples["actors"], putin])
    write(project_copy, "places", [examples["places"]])
    visit = dict(examples["visits"])
    visit["evidence"] = [
        span("SEED-001", "Haftar traveled to Moscow", "visitors", "destination"),
        span("SEED-003", "Haftar’s September 28 audience with Putin", "date", "met_with"),
    ]
    write(project_copy, "visits", [visit])
    return project_copy


def test_a_span_cites_every_sentence_it_overlaps(curated: Project) -> None:
    report = coverage(curated)
    cited = sentence(report, "SEED-001", "Haftar traveled to Moscow on 28 September.")
    assert cited.cited
    assert cited.status == "cited"
    assert sentence(report, "SEED-003", "Haftar’s September 28 audience").cited
    neighbour = sentence(report, "SEED-001", "Yevkurov returned to Libya on 17 September")
    assert not neighbour.cited
    assert neighbour.status == "unexplained"
    assert not any(p.line == 15 and "Haftar traveled" in p.message for p in report.problems)


def test_an_uncited_flagged_sentence_is_a_problem_at_its_seed_line(curated: Project) -> None:
    report = coverage(curated)
    assert not report.ok
    problem = next(p for p in report.problems if "Yevkurov returned" in p.message)
    assert problem.code == "uncited-sentence"
    assert problem.file == "seeds/001_c43e133ca732e3b6.txt"
    assert problem.line == 15
    assert problem.record_id == "SEED-001"
    assert "date (September), number (17)" in problem.message
    assert problem.hint is not None
    assert EXCLUSIONS in problem.hint


def test_curated_names_flag_sentences_of_any_seed(curated: Project) -> None:
    report = coverage(curated)
    # "Haftar" is given for SEED-003 only, and "Benghazi" for SEED-000; actors are shared.
    refused = sentence(report, "SEED-004", "But Haftar refused to play ball.")
    assert refused.flags == {"actor": ("Haftar",)}
    assert sentence(report, "SEED-004", "The loose coalition").flags == {"place": ("Benghazi",)}
    assert sentence(report, "SEED-004", "But the reports ring true.").status == "plain"


def test_without_curated_data_only_dates_and_numbers_flag(project_copy: Project) -> None:
    report = coverage(project_copy)
    assert sentence(report, "SEED-004", "But Haftar refused to play ball.").status == "plain"
    assert sentence(report, "SEED-004", "On Jan. 11 Haftar").status == "unexplained"
    assert set(codes(report)) == {"uncited-sentence"}


def test_an_exclusion_explains_the_sentences_it_holds(
    curated: Project, library: SeedLibrary
) -> None:
    text = library.text("SEED-004")
    block = text[text.index(APPEAL) :]
    assert block.endswith(APPEAL_END)
    write(curated, "coverage-exclusions", [exclude("SEED-004", block, "donation appeal")])
    report = coverage(curated)
    appeal = sentence(report, "SEED-004", "If you can, please support us monthly")
    assert appeal.flags == {"number": ("2",)}
    assert appeal.status == "excluded"
    assert appeal.excluded == "donation appeal"
    assert sentence(report, "SEED-004", "Dear readers,").status == "excluded"  # held, unflagged
    assert not any("$2" in p.message for p in report.problems)
    assert "exclusion-unused" not in codes(report)


def test_an_exclusion_must_hold_the_whole_sentence(curated: Project) -> None:
    write(curated, "coverage-exclusions", [exclude("SEED-004", "starting from just $2")])
    report = coverage(curated)
    assert sentence(report, "SEED-004", "If you can, please").status == "unexplained"
    uncited = next(p for p in report.problems if "If you can" in p.message)
    assert "the exclusion on line 2 covers only part of it" in (uncited.hint or "")
    unused = next(p for p in report.problems if p.code == "exclusion-unused")
    assert (unused.file, unused.line, unused.record_id) == (EXCLUSIONS, 2, "SEED-004")
    assert "holds no whole sentence" in unused.message


def test_stale_exclusions_are_reported(curated: Project) -> None:
    text = write(
        curated,
        "coverage-exclusions",
        [
            exclude("SEED-001", "Haftar traveled to Moscow on 28 September.", "now cited"),
            exclude("SEED-004", "But the reports ring true.", "nothing flagged"),
            exclude(
                "SEED-004", "Serraj pitched the plan in February and Russia signaled interest."
            ),
        ],
    )
    report = coverage(curated)
    unused = [p for p in report.problems if p.code == "exclusion-unused"]
    lines = text.splitlines()
    assert [p.line for p in unused] == [
        lines.index("  quote: Haftar traveled to Moscow on 28 September.") + 1,
        lines.index("  quote: But the reports ring true.") + 1,
    ]
    assert "1 cited and 0 with nothing flagged" in unused[0].message
    assert "0 cited and 1 with nothing flagged" in unused[1].message
    assert sentence(report, "SEED-004", "Serraj pitched").status == "excluded"


def test_an_exclusion_that_holds_cited_text_is_reported(curated: Project) -> None:
    quote = (
        "Yevkurov returned to Libya on 17 September, in the aftermath of the Derna floods. "
        "Haftar traveled to Moscow on 28 September."
    )
    write(curated, "coverage-exclusions", [exclude("SEED-001", quote, "notes")])
    report = coverage(curated)
    assert sentence(report, "SEED-001", "Yevkurov returned").status == "excluded"
    assert sentence(report, "SEED-001", "Haftar traveled").status == "cited"
    problem = next(p for p in report.problems if p.code == "exclusion-cited")
    assert "line 15 of seeds/001_c43e133ca732e3b6.txt" in problem.message


def test_exclusion_quotes_are_located_like_evidence(curated: Project) -> None:
    twice = "didn’t respond to requests for comment."
    write(
        curated,
        "coverage-exclusions",
        [
            exclude("SEED-003", twice),
            exclude("SEED-003", twice, prefix="The Defense Ministry in Moscow "),
            exclude("SEED-003", "This sentence is not in the seed."),
            exclude("SEED-003", "Top Content Trending", prefix="not the text before it"),
        ],
    )
    report = coverage(curated)
    found = [(p.line, p.field) for p in report.problems if p.code == "exclusion-quote"]
    assert found == [(2, "quote"), (9, "quote"), (12, "quote")]
    messages = [p.message for p in report.problems if p.code == "exclusion-quote"]
    assert "occurs 2 times" in messages[0]
    assert "does not occur" in messages[1]
    assert "is not the text just before the quote" in messages[2]
    # The prefix picks one occurrence, which holds part of a sentence only: located, unused.
    unused = [p.line for p in report.problems if p.code == "exclusion-unused"]
    assert unused == [5]


def test_the_exclusions_file_is_read_strictly(curated: Project) -> None:
    path = curated.root / EXCLUSIONS
    path.write_text(
        "- seed_id: SEED-004\n"
        "  quote: Remind me later.\n"
        "  reasons: furniture\n"
        "- seed_id: SEED-009\n"
        "  quote: Remind me later.\n"
        "  reason: furniture\n"
        "- seed_id: SEED-004\n"
        "  quote: Remind me later.\n"
        "  reason: '  '\n",
        encoding="utf-8",
    )
    report = coverage(curated)
    found = {(p.code, p.field, p.line) for p in report.problems if p.file == EXCLUSIONS}
    assert found == {
        ("missing-field", "reason", 1),
        ("unknown-field", "reasons", 3),
        ("foreign-key", "seed_id", 4),
        ("blank-reason", "reason", 9),
    }
    hint = next(p.hint for p in report.problems if p.code == "unknown-field")
    assert "did you mean 'reason'?" in (hint or "")
    path.write_text("- seed_id: SEED-004\n  seed_id: SEED-004\n", encoding="utf-8")
    duplicate = next(p for p in coverage(curated).problems if p.file == EXCLUSIONS)
    assert (duplicate.code, duplicate.line) == ("duplicate-key", 2)


def test_a_span_that_is_not_its_seeds_text_cites_nothing(curated: Project) -> None:
    path = curated.root / "datasets" / "visits.yaml"
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    for span in rows[0]["evidence"]:
        span["start"] += 1  # validate reports the mismatch; coverage must not trust the offsets
        span["end"] += 1
    write(curated, "visits", rows)
    report = coverage(curated)
    assert not sentence(report, "SEED-001", "Haftar traveled to Moscow").cited


def test_an_unverified_seed_is_left_out_and_its_problems_reported(curated: Project) -> None:
    seed = next((curated.root / "seeds").glob("001_*.txt"))
    seed.write_bytes(seed.read_bytes() + b"\n")
    write(curated, "coverage-exclusions", [exclude("SEED-001", "Notes:", "heading")])
    report = coverage(curated)
    assert "SEED-001" not in [covered.seed_id for covered in report.seeds]
    assert {"seed-length", "seed-hash"} <= set(codes(report))
    assert not [p for p in report.problems if p.file == EXCLUSIONS]


def test_exclusions_are_curator_tooling_not_a_published_table() -> None:
    assert all(table.model is not CoverageExclusion for table in TABLES)


def whole_seed_exclusions(project: Project, library: SeedLibrary) -> None:
    """Exclude every seed whole, so nothing is unexplained (and nothing is cited)."""
    rows = [exclude(seed_id, library.text(seed_id), "test") for seed_id in library.seeds]
    write(project, "coverage-exclusions", rows)


def test_cli_exit_codes_and_text(project_copy: Project, library: SeedLibrary) -> None:
    root = str(project_copy.root)
    failing = runner.invoke(app, ["coverage", "--root", root])
    assert failing.exit_code == 1
    assert "SEED-004: 54 sentences, 0 cited, 0 excluded, " in failing.output
    assert "seeds/004_c791b86b6d5e41f3.txt:7: SEED-004: [uncited-sentence]" in failing.output
    assert failing.output.rstrip().endswith("problem(s)")
    whole_seed_exclusions(project_copy, library)
    passing = runner.invoke(app, ["coverage", "--root", root])
    assert passing.exit_code == 0, passing.output
    assert "SEED-004: 54 sentences, 0 cited, 54 excluded, 0 unexplained" in passing.output
    assert passing.output.rstrip().endswith("coverage: ok")
    assert runner.invoke(app, ["coverage", "--root", root, "--format", "xml"]).exit_code == 2
    assert (
        runner.invoke(app, ["coverage", "--root", str(project_copy.root / "seeds")]).exit_code == 2
    )


def test_cli_lists_every_sentence_and_gives_json(curated: Project) -> None:
    root = str(curated.root)
    write(
        curated,
        "coverage-exclusions",
        [exclude("SEED-001", "Attribution: Public Domain", "credit")],
    )
    listing = runner.invoke(app, ["coverage", "--root", root, "--all"]).output
    assert "  L15   cited       Haftar traveled to Moscow on 28 September." in listing
    assert "  L15   unexplained Yevkurov returned to Libya on 17 September" in listing
    assert "flags: date (September), number (17)" in listing
    assert "  L16   plain       Image Information:" in listing
    assert "  L19   excluded    Attribution: Public Domain" in listing
    assert "reason: credit" in listing
    result = runner.invoke(app, ["coverage", "--root", root, "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False
    seed = next(s for s in report["seeds"] if s["seed_id"] == "SEED-001")
    assert seed["file"] == "seeds/001_c43e133ca732e3b6.txt"
    assert sum(seed["counts"].values()) == len(seed["sentences"]) == 32
    first = seed["sentences"][0]
    assert set(first) == {"start", "end", "line", "text", "cited", "flags", "excluded", "status"}
    assert first["flags"] == {"date": ["2020"], "number": ["2020"]}
    assert {p["code"] for p in report["problems"]} == {"uncited-sentence", "exclusion-unused"}


def test_nothing_is_written(curated: Project) -> None:
    before = {path: path.read_bytes() for path in curated.root.rglob("*") if path.is_file()}
    coverage(curated)
    after = {path: path.read_bytes() for path in curated.root.rglob("*") if path.is_file()}
    assert before == after


def test_validate_reports_what_coverage_reports(curated: Project) -> None:
    # The real project's coverage is held by `validate` (tests/test_dataset.py): an uncited
    # sentence is a validate problem too.
    from libyadata.checks.sources import check

    write(curated, "coverage-exclusions", [])
    uncited = {str(p) for p in coverage(curated).problems if p.code == "uncited-sentence"}
    found = {str(p) for p in check(curated, skip=("schema",)).report.problems}
    assert uncited
    assert uncited <= found
