"""Scoring on a held-out set: matching, field comparison and figures, on hand-made inputs.

The candidates here are written by hand (not produced by the extractor), so each figure is
known in advance and a change to the scoring rules of evaluation/heldout/README.md fails.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from libyadata.cli import app
from libyadata.extract.heldout import (
    ExpectedRecord,
    HeldoutError,
    HeldText,
    TextRun,
    heldout_folder,
    load_set,
)
from libyadata.extract.heldscore import compare, pair, same_date, score
from libyadata.sources.project import Project

TEXT = (
    "Ivan Petrov flew to Tobruk on Monday, the ministry said. "
    "The weather was fine. "
    "As of May 3, 900 migrants had left, down from about 1,200 last year."
)


def _span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


VISIT_SENTENCE = "Ivan Petrov flew to Tobruk on Monday, the ministry said."
FIGURE_SENTENCE = "As of May 3, 900 migrants had left, down from about 1,200 last year."
VISIT = ExpectedRecord(
    "visits",
    VISIT_SENTENCE,
    (_span(VISIT_SENTENCE),),
    {
        "status": "occurred",
        "date": {"precision": "day", "value": "2024-05-06"},
        "visitors": ["Ivan Petrov"],
        "destination": "PLC-tobruk",
    },
    attributed_to={"kind": "official", "name": "the ministry"},
)
THIS_YEAR = ExpectedRecord(
    "migration_figures",
    FIGURE_SENTENCE,
    (_span(FIGURE_SENTENCE),),
    {
        "status": "stated",
        "period": {"precision": "range", "earliest": "2024-01-01", "latest": "2024-05-03"},
        "quantity": {"value": 900, "unit": "person", "qualifier": "exact"},
    },
)
LAST_YEAR = ExpectedRecord(
    "migration_figures",
    FIGURE_SENTENCE,
    (_span(FIGURE_SENTENCE),),
    {
        "status": ["estimated", "stated"],
        "period": {"precision": "year", "value": "2023"},
        "quantity": {"value": 1200, "unit": "person", "qualifier": "approximate"},
    },
)


def _candidate(table: str, quote: str, **fields: Any) -> dict[str, Any]:
    start, end = _span(quote)
    claim = fields.pop("attributed_to", None)
    span: dict[str, Any] = {"start": start, "end": end, "quote": quote}
    if claim:
        span["attributed_to"] = claim
    return {"table": table, "record": {**fields, "evidence": [span]}}


def _this_year_figure() -> dict[str, Any]:
    return _candidate(
        "migration_figures",
        FIGURE_SENTENCE,
        status="stated",
        period={"precision": "range", "earliest": "2024-01-01", "latest": "2024-05-03"},
        quantity={"value": 900, "unit": "person", "qualifier": "exact"},
    )


def _last_year_figure() -> dict[str, Any]:
    return _candidate(
        "migration_figures",
        FIGURE_SENTENCE,
        status="stated",
        period={"precision": "year", "value": "2023"},
        quantity={"value": 1200, "unit": "person", "qualifier": "approximate"},
    )


def _right_visit(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "status": "occurred",
        "date": {"precision": "day", "value": "2024-05-06"},
        "visitors": ["ivan  petrov"],
        "destination": "PLC-tobruk",
        "attributed_to": {"kind": "official", "name": "ministry"},
    }
    return _candidate("visits", VISIT_SENTENCE, **{**fields, **changes})


def test_a_right_candidate_has_every_field_right() -> None:
    checks = compare(VISIT, _right_visit())
    assert checks == dict.fromkeys(("date", "actors", "place", "status", "attribution"), True)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": {"precision": "day", "value": "2024-04-29"}}, "date"),
        ({"date": None}, "date"),
        ({"visitors": ["Ivan Petrov", "ACT-russia"]}, "actors"),
        ({"met_with": ["ACT-russia"]}, "actors"),
        ({"destination": "PLC-benghazi"}, "place"),
        ({"status": "planned"}, "status"),
        ({"attributed_to": None}, "attribution"),
        ({"attributed_to": {"kind": "media", "name": "the ministry"}}, "attribution"),
    ],
)
def test_one_wrong_field_is_caught(change: dict[str, Any], field: str) -> None:
    checks = compare(VISIT, _right_visit(**change))
    assert [name for name, ok in checks.items() if not ok] == [field]


def test_an_attribution_the_text_does_not_make_is_wrong() -> None:
    unattributed = ExpectedRecord(VISIT.kind, VISIT.trigger, VISIT.spans, VISIT.fields)
    assert not compare(unattributed, _right_visit())["attribution"]
    assert compare(unattributed, _right_visit(attributed_to=None))["attribution"]


def test_dates_compare_by_the_days_they_cover() -> None:
    month = {"precision": "month", "value": "2024-02"}
    same = {"precision": "range", "earliest": "2024-02-01", "latest": "2024-02-29"}
    assert same_date(month, same)
    assert not same_date(month, {"precision": "range", "earliest": "2024-02-01"})
    assert not same_date(month, {"precision": "year", "value": "2024"})
    assert same_date(None, None)
    assert not same_date(None, month)


def test_quantities_compare_numbers_unit_and_qualifier_not_wording() -> None:
    right = _this_year_figure()
    right["record"]["quantity"] = {
        "value": 900.0,
        "unit": "person",
        "qualifier": "exact",
        "stated_as": "900",
    }
    assert all(compare(THIS_YEAR, right).values())
    approximate = {"value": 900, "unit": "person", "qualifier": "approximate", "stated_as": "900"}
    right["record"]["quantity"] = approximate
    assert not compare(THIS_YEAR, right)["quantity"]


def test_a_list_gives_the_acceptable_readings() -> None:
    candidate = _last_year_figure()
    assert all(compare(LAST_YEAR, candidate).values())
    candidate["record"]["status"] = "denied"
    assert not compare(LAST_YEAR, candidate)["status"]


def test_a_link_to_an_existing_record_is_scored_on_the_link_alone() -> None:
    existing = ExpectedRecord("visits", VISIT_SENTENCE, VISIT.spans, existing="VIS-0013")
    candidate = _right_visit()
    assert compare(existing, candidate) == {"link": False}
    candidate["evidence_for"] = "VIS-0013"
    assert compare(existing, candidate) == {"link": True}


def test_pairing_is_one_to_one_and_prefers_right_fields() -> None:
    last_year = _last_year_figure()  # first in order: pairing greedily would miss
    this_year = _this_year_figure()
    duplicate = dict(this_year)
    elsewhere = _candidate("migration_figures", "The weather was fine.", status="stated")
    assert sorted(pair([THIS_YEAR, LAST_YEAR], [last_year, this_year, duplicate, elsewhere])) == [
        (0, 1),
        (1, 0),
    ]
    assert pair([VISIT], [elsewhere]) == []  # another kind never touches


def _run(candidates: list[dict[str, Any]], names: list[tuple[str, str]]) -> TextRun:
    text = HeldText(
        "T1",
        "texts/t1.txt",
        TEXT,
        dt.date(2024, 5, 7),
        (VISIT, THIS_YEAR, LAST_YEAR),
        (("Ivan Petrov", "person"), ("Tobruk Port", "facility")),
        (_span("The weather was fine."),),
    )
    return TextRun(text, candidates, names, 0.5)


def test_figures_per_kind_from_hand_made_candidates() -> None:
    false_visit = _candidate("visits", "The weather was fine.", status="occurred")
    wrong_date = _right_visit(date={"precision": "day", "value": "2024-04-29"})
    duplicate = _right_visit()
    figure = _this_year_figure()
    names = [("Ivan Petrov", "organisation"), ("Monday", "name"), ("ivan petrov", "person")]
    result = score([_run([wrong_date, false_visit, duplicate, figure], names)], 2.0)
    data = result.to_data()
    visits, figures = data["kinds"]["visits"], data["kinds"]["migration_figures"]
    assert (visits["recall"], visits["precision"]) == (1.0, pytest.approx(1 / 3, abs=1e-4))
    assert visits["candidates_per_expected"] == 3.0
    # the right duplicate is paired, the wrong-dated one is false: every field right
    assert visits["date_accuracy"] == 1.0
    assert visits["all_right_of_matched"] == 1.0
    assert (figures["recall"], figures["precision"]) == (0.5, 1.0)
    assert figures["quantity_accuracy"] == 1.0
    overall = data["kinds"]["overall"]
    assert (overall["expected"], overall["candidates"]) == (3, 4)
    assert overall["all_right_of_candidates"] == 0.5
    assert data["kinds"]["bases"]["recall"] is None
    assert data["distractors"] == {"sentences": 1, "fired": 1}
    assert data["names"]["recall"] == 0.5
    assert data["names"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert data["names"]["kind_accuracy"] == 0.5
    assert data["time"]["per_text"] == {"T1": 0.5}
    assert data["time"]["load_seconds"] == 2.0
    assert len(data["misses"]) == 1
    assert len(data["false"]) == 2


# --- the set on disk ------------------------------------------------------------------------


def _copy_set(tmp_path: Path) -> Path:
    folder = tmp_path / "heldout"
    shutil.copytree(heldout_folder(Project.at(ROOT)), folder)
    return folder


def test_the_committed_set_loads(tmp_path: Path) -> None:
    held = load_set(_copy_set(tmp_path))
    assert len(held.texts) >= 12
    kinds = [r.kind for t in held.texts for r in t.records]
    for kind, least in [
        ("visits", 10),
        ("deployments", 8),
        ("bases", 6),
        ("agreements", 8),
        ("migration_figures", 5),
    ]:
        assert kinds.count(kind) >= least, kind


def test_a_drifted_text_is_refused(tmp_path: Path) -> None:
    folder = _copy_set(tmp_path)
    path = folder / "texts" / "h01.txt"
    path.write_bytes(path.read_bytes().replace(b"Friday", b"Thursday"))
    with pytest.raises(HeldoutError, match=r"h01\.txt differs from SHA256SUMS.*drifted"):
        load_set(folder)


def test_an_unlisted_file_is_refused(tmp_path: Path) -> None:
    folder = _copy_set(tmp_path)
    (folder / "texts" / "h99.txt").write_text("Extra.", encoding="utf-8")
    with pytest.raises(HeldoutError, match=r"h99\.txt: not in SHA256SUMS"):
        load_set(folder)


def _tiny_set(folder: Path, expected: str) -> None:
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "expected.yaml").write_text(expected, encoding="utf-8")
    lines = [
        f"{hashlib.sha256((folder / name).read_bytes()).hexdigest()}  {name}"
        for name in ("expected.yaml", "texts/a.txt")
    ]
    (folder / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="ascii")


def test_a_sentence_not_in_the_text_is_refused(tmp_path: Path) -> None:
    expected = (
        "texts:\n- id: A\n  file: texts/a.txt\n  published: '2024-05-07'\n  records:\n"
        "  - {kind: visits, trigger: 'Nobody flew anywhere.'}\n"
    )
    _tiny_set(tmp_path / "set", expected)
    with pytest.raises(HeldoutError, match=r"records\[0\].*occurs 0 times"):
        load_set(tmp_path / "set")


def test_evaluate_dir_scores_any_folder_and_refuses_drift(tmp_path: Path) -> None:
    expected = (
        "texts:\n- id: A\n  file: texts/a.txt\n  published: '2024-05-07'\n  records:\n"
        "  - {kind: visits, status: occurred, visitors: [Ivan Petrov],\n"
        f"     trigger: '{VISIT_SENTENCE}'}}\n"
        "  names: [{name: Ivan Petrov, kind: person}]\n"
    )
    folder = tmp_path / "set"
    _tiny_set(folder, expected)
    runner = CliRunner()
    args = ["extract", "--evaluate-dir", str(folder), "--format", "json", "--root", str(ROOT)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"heldout"}  # no self-score for another folder
    assert data["heldout"]["kinds"]["visits"]["expected"] == 1
    (folder / "texts" / "a.txt").write_text(TEXT + " More.", encoding="utf-8")
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1
    assert "differs from SHA256SUMS" in refused.output
    missing = runner.invoke(app, ["extract", "--evaluate-dir", str(tmp_path / "none")])
    assert missing.exit_code == 2


_ONE_VISIT = (
    "texts:\n- id: A\n  file: {file}\n  published: '2024-05-07'\n  records:\n"
    "  - {{kind: visits, trigger: '{sentence}'{extra}}}\n"
)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (", also: 5", r"records\[0\]: 'also' must be a list"),
        (", date: 5", r"records\[0\]: date: must be a mapping with precision"),
        (", date: {precision: day, value: '2025-13-45'}", r"records\[0\]: date: .*calendar"),
        (", date: {precision: weird, value: '2025'}", r"records\[0\]: date: must be a mapping"),
        (", visitors: 5", r"records\[0\]: visitors: must be a name or an id"),
        (", visitors: {a: 1}", r"records\[0\]: visitors: must be a name or an id"),
        (", destination: [1]", r"records\[0\]: destination: must be a name or an id"),
        (", status: [1]", r"records\[0\]: status: must be a name or an id"),
        (", existing: [1]", r"records\[0\]: 'existing' must be a record id"),
        (", attributed_to: {kind: [official, 5], name: x}", r"records\[0\]: attributed_to: kind"),
    ],
)
def test_a_malformed_expected_field_is_refused_naming_it(
    tmp_path: Path, extra: str, message: str
) -> None:
    # refused before anything is scored: never a traceback, never a score that means nothing
    expected = _ONE_VISIT.format(file="texts/a.txt", sentence=VISIT_SENTENCE, extra=extra)
    _tiny_set(tmp_path / "set", expected)
    with pytest.raises(HeldoutError, match=r"expected\.yaml: texts\[0\] \(A\): " + message):
        load_set(tmp_path / "set")


def test_a_set_never_reads_outside_its_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(TEXT, encoding="utf-8")
    # a text named by a path the sums do not list: absolute, or climbing out
    for number, file in enumerate((str(outside), "../outside.txt")):
        folder = tmp_path / f"set{number}"
        _tiny_set(folder, _ONE_VISIT.format(file=file, sentence=VISIT_SENTENCE, extra=""))
        with pytest.raises(HeldoutError, match=r"'file' .* is not a file of the set listed"):
            load_set(folder)
    # a text, a folder of texts, or the sums themselves as a link to somewhere else
    expected = _ONE_VISIT.format(file="texts/a.txt", sentence=VISIT_SENTENCE, extra="")
    for number, link in enumerate(("texts/a.txt", "texts", "SHA256SUMS")):
        folder = tmp_path / f"linked{number}"
        _tiny_set(folder, expected)
        target = folder / link
        moved = tmp_path / f"moved{number}"
        target.rename(moved)
        target.symlink_to(moved, target_is_directory=moved.is_dir())
        with pytest.raises(HeldoutError, match=r"a symbolic link; a set holds its own regular"):
            load_set(folder)


def test_a_set_without_sums_or_texts_or_of_another_version_is_refused(tmp_path: Path) -> None:
    expected = _ONE_VISIT.format(file="texts/a.txt", sentence=VISIT_SENTENCE, extra="")
    _tiny_set(tmp_path / "a", expected)
    (tmp_path / "a" / "SHA256SUMS").unlink()
    with pytest.raises(HeldoutError, match=r"SHA256SUMS: missing; write it .*sha256sum"):
        load_set(tmp_path / "a")
    _tiny_set(tmp_path / "b", "version: 99\n" + expected)
    with pytest.raises(HeldoutError, match=r"version 99 is not one this reader knows"):
        load_set(tmp_path / "b")
    _tiny_set(tmp_path / "c", "texts: []\n")
    with pytest.raises(HeldoutError, match=r"'texts' is empty"):
        load_set(tmp_path / "c")


def test_scoring_and_extracting_are_not_asked_at_once() -> None:
    runner = CliRunner()
    for args in (
        ["extract", "--evaluate", "--evaluate-dir", str(ROOT / "evaluation" / "untuned")],
        ["extract", "SEED-001", "--evaluate-dir", str(ROOT / "evaluation" / "untuned")],
        ["extract", "SEED-001", "--evaluate"],
    ):
        result = runner.invoke(app, [*args, "--root", str(ROOT)])
        assert result.exit_code == 2, args
        assert "give one or the other" in result.output or "not both" in result.output
