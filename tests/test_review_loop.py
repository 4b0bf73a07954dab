"""``review`` completes the loop: new names, attached evidence, closed sentences, missed records;
and every refusal exits 1 with a clear message and changes nothing.

Each test registers a text written for it in a copy of the project and extracts it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT
from libyadata.cli import app
from libyadata.extract import EXTRA, missing_modules
from libyadata.extract.reviewfiles import dump

runner = CliRunner()
ARTICLE = (
    "Russian Deputy Defence Minister Yunus-Bek Yevkurov arrived in Benghazi on 6 March 2024 "
    "and met Khalifa Haftar at his headquarters.\n\n"
    "Haftar travelled to Moscow on 28 September 2023 and met Vladimir Putin at the Kremlin.\n\n"
    "Reporters in Bingazi counted 12 armoured vehicles on 5 March 2024."
)

pytestmark = pytest.mark.skipif(
    bool(missing_modules()) and os.environ.get("CI") != "true",
    reason=f"the extractor's extra is not installed: {EXTRA}",
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the project with the article registered as SEED-005 and extracted."""
    project = tmp_path / "project"
    for folder in ("seeds", "schema", "datasets"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("package"))
    shutil.copy(ROOT / "CITATION.cff", project)
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE.encode())
    assert invoke("seed", "add", str(article), "--published", "2024-03-08", root=project)[0] == 0
    code, output = invoke("extract", "SEED-005", "--output", str(tmp_path / "r.yaml"), root=project)
    assert code == 0, output
    return project


def invoke(*args: str, root: Path) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--root", str(root)])
    return result.exit_code, result.output


def review(root: Path, path: Path, *args: str) -> tuple[int, str]:
    return invoke("review", str(path), *args, "--reviewer", "T", root=root)


def state(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def load(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


def citing(path: Path, words: str) -> str:
    found = [
        c["candidate"]
        for c in load(path)["candidates"]
        if any(words in s["quote"] for s in c["record"]["evidence"])
    ]
    assert len(found) == 1, found
    return str(found[0])


def edit(path: Path, number: str, change: Any) -> None:
    document = load(path)
    for entry in [*document["candidates"], *document["reference_candidates"]]:
        if entry["candidate"] == number:
            change(entry)
    path.write_text(dump(document), encoding="utf-8")


def _two_copies(tmp_path: Path) -> tuple[Path, Path, str]:
    """The review file, a copy of it, and the candidate of Yevkurov's arrival in both."""
    first = tmp_path / "r.yaml"
    second = tmp_path / "copy.yaml"
    shutil.copy(first, second)
    return first, second, citing(first, "Yevkurov arrived")


def test_a_candidate_accepted_from_two_copies_of_a_review_file_is_one_record(
    root: Path, tmp_path: Path
) -> None:
    first, second, number = _two_copies(tmp_path)
    assert review(root, first, "--accept", number)[0] == 0
    before = state(root)
    code, output = review(root, second, "--accept", number)
    assert code == 1
    assert "[review-twice]" in output
    assert "accepted already as VIS-0018" in output
    assert state(root) == before
    # Attaching it instead is refused too: it is evidence of that record already.
    assert review(root, second, "--attach", f"{number}=VIS-0013")[0] == 1
    assert state(root) == before


def test_a_candidate_rejected_from_one_copy_is_not_accepted_from_another(
    root: Path, tmp_path: Path
) -> None:
    first, second, number = _two_copies(tmp_path)
    assert review(root, first, "--reject", number, "--reason", "not an event")[0] == 0
    before = state(root)
    for how in (["--accept", number], ["--attach", f"{number}=VIS-0013"]):
        code, output = review(root, second, *how)
        assert code == 1, output
        assert "[review-twice]" in output
        assert f"{number} was rejected before" in output
        assert "not an event" in output
        assert state(root) == before  # nothing written: decided once


def test_two_reviews_at_once_make_one_record(root: Path, tmp_path: Path) -> None:
    first = tmp_path / "r.yaml"
    number = citing(first, "Yevkurov arrived")
    copies = [first, tmp_path / "copy.yaml"]
    shutil.copy(first, copies[1])
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "libyadata", "review"]
    runs = [
        subprocess.Popen(
            [*command, str(p), "--accept", number, "--reviewer", "T", "--root", str(root)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
        )
        for p in copies
    ]
    outputs = [run.communicate(timeout=300)[0].decode() for run in runs]
    assert sorted(run.returncode for run in runs) == [0, 1], outputs
    assert any("[review-twice]" in out for out in outputs)
    visits = (root / "datasets" / "visits.yaml").read_text(encoding="utf-8")
    assert visits.count("Yevkurov arrived in Benghazi on 6 March 2024") == 1


def test_an_edited_candidate_is_located_and_validated_before_anything_is_written(
    root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "r.yaml"
    number = citing(path, "Yevkurov arrived")

    def quote_alone(candidate: dict[str, Any]) -> None:
        span = candidate["record"]["evidence"][0]
        for key in ("start", "end", "prefix", "suffix"):
            span.pop(key, None)
        span["quote"] = "Yevkurov arrived in Benghazi on 6 March 2024"

    edit(path, number, quote_alone)
    code, output = review(root, path, "--accept", number)
    assert code == 0, output
    visits = (root / "datasets" / "visits.yaml").read_text(encoding="utf-8")
    start = ARTICLE.index("Yevkurov arrived")
    assert f"start: {start}\n      end: {start + 44}\n" in visits  # located as `locate` does
    assert invoke("locate", "--check", root=root)[0] == 0


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda c: c["record"]["evidence"][0].update(quote="Yevkurov flew to Rome"), "SEED-005"),
        (lambda c: c["record"].update(status="happened"), "[unknown-enum]"),
        (lambda c: c["record"].update(destination="PLC-nowhere"), "[foreign-key]"),
    ],
)
def test_an_edited_candidate_that_fails_is_refused_and_nothing_changes(
    root: Path, tmp_path: Path, change: Any, needle: str
) -> None:
    path = tmp_path / "r.yaml"
    number = citing(path, "Yevkurov arrived")
    edit(path, number, change)
    before = state(root), path.read_bytes()
    code, output = review(root, path, "--accept", number)
    assert code == 1, output
    assert needle in output
    assert number in output  # the message names the candidate
    assert (state(root), path.read_bytes()) == before


def test_attach_adds_the_spans_to_an_existing_record(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    number = citing(path, "Haftar travelled to Moscow")
    before = (root / "datasets" / "visits.yaml").read_text(encoding="utf-8")
    code, output = review(root, path, "--attach", f"{number}=VIS-0013")
    assert code == 0, output
    after = (root / "datasets" / "visits.yaml").read_text(encoding="utf-8")
    added = "".join(line for line in after.splitlines(True) if line not in before.splitlines(True))
    assert 'quote: "Haftar travelled to Moscow on 28 September 2023' in added
    assert "supports: [" in added
    assert len(after.splitlines()) - len(before.splitlines()) == len(added.splitlines())
    assert invoke("locate", "--check", root=root)[0] == 0  # the spans are located and current
    assert load(path)["candidates"][int(number[1:]) - 1]["decision"]["attached"] == "VIS-0013"


def test_attach_to_an_unknown_record_is_refused_and_nothing_changes(
    root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "r.yaml"
    number = citing(path, "Haftar travelled to Moscow")
    before = state(root), path.read_bytes()
    code, output = review(root, path, "--attach", f"{number}=VIS-9999")
    assert code == 1
    assert "[review-attach]" in output
    assert "has no row VIS-9999" in output
    assert (state(root), path.read_bytes()) == before
    assert review(root, path, "--attach", "C001")[0] == 2  # not CANDIDATE=ID


def test_closing_one_sentence_then_the_rest(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    code, listed = review(root, path, "--sentences")
    assert code == 0
    numbers = [
        line.split()[0]
        for line in listed.splitlines()
        if line.startswith("S") and " (line " in line
    ]
    assert len(numbers) == 3  # nothing cites the new seed yet
    before = state(root)
    assert review(root, path, "--close", "S99", "--reason", "x")[0] == 1
    assert state(root) == before
    assert review(root, path, "--close", numbers[0])[0] == 2  # a reason is needed
    code, output = review(root, path, "--close", numbers[-1], "--reason", "a count of vehicles")
    assert code == 0, output
    code, output = review(root, path, "--close-rest", "--reason", "covered elsewhere")
    assert code == 0, output
    assert invoke("coverage", root=root)[0] == 0
    exclusions = (root / "datasets" / "coverage-exclusions.yaml").read_text(encoding="utf-8")
    assert exclusions.count("seed_id: SEED-005") == 3


# --- attaching only what can be evidence of the record ----------------------------------------


def test_attaching_a_candidate_of_another_event_is_refused_and_nothing_changes(
    root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "r.yaml"
    number = citing(path, "Yevkurov arrived")  # 6 March 2024, Yevkurov in Benghazi
    before = state(root), path.read_bytes()
    # Haftar aboard the Admiral Kuznetsov in January 2017: the dates cannot overlap.
    code, output = review(root, path, "--attach", f"{number}=VIS-0003")
    assert code == 1, output
    assert "[review-unrelated]" in output
    assert str(path) in output
    assert number in output
    assert "2024-03-06" in output
    assert "2017-01-11" in output
    assert "narrow the `supports`" in output  # the way out for a reviewer who is sure
    assert (state(root), path.read_bytes()) == before
    # A record of another table: a visit is no evidence of a deployment.
    code, output = review(root, path, "--attach", f"{number}=DEP-0001")
    assert code == 1, output
    assert "[review-unrelated]" in output
    assert "record of deployments" in output
    assert (state(root), path.read_bytes()) == before


def test_attaching_a_candidate_that_names_none_of_the_records_actors_is_refused(
    root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "r.yaml"
    number = citing(path, "Yevkurov arrived")

    def undated(candidate: dict[str, Any]) -> None:
        candidate["record"]["evidence"][0]["supports"] = ["visitors", "destination"]

    edit(path, number, undated)
    before = state(root), path.read_bytes()
    code, output = review(root, path, "--attach", f"{number}=VIS-0003")
    assert code == 1, output
    assert "[review-unrelated]" in output
    assert "none of which the record names" in output
    assert (state(root), path.read_bytes()) == before


def test_a_reviewer_who_narrows_supports_may_attach(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    number = citing(path, "Yevkurov arrived")
    edit(path, number, lambda c: c["record"]["evidence"][0].update(supports=["status"]))
    code, output = review(root, path, "--attach", f"{number}=VIS-0003")
    assert code == 0, output
    assert f"attached {number} to VIS-0003" in output


# --- reference candidates: once, never a second row, rejected with a reason ----------------------

NAMES = (
    "On 7 March 2024 Tunisian Foreign Minister Nabil Ammar met Haftar in Benghazi.\n\n"
    "Trade between Benghazi and Sfax grew by 20 percent in 2023."
)


def add_seed(root: Path, tmp_path: Path, text: str, name: str) -> Path:
    """Register ``text`` as the next seed of ``root``, extract it, return its review file."""
    article = tmp_path / f"{name}.txt"
    article.write_bytes(text.encode())
    code, output = invoke("seed", "add", str(article), "--published", "2024-03-09", root=root)
    assert code == 0, output
    seed_id = output.split("registered ")[1].split(":")[0]
    review_file = tmp_path / f"{name}.yaml"
    code, output = invoke("extract", seed_id, "--output", str(review_file), root=root)
    assert code == 0, output
    return review_file


def references(path: Path) -> dict[str, str]:
    return {r["name"]: r["candidate"] for r in load(path)["reference_candidates"]}


def as_city(entry: dict[str, Any]) -> None:
    entry.update(kind="city", country="TN")


def test_a_new_actor_needs_its_side(root: Path, tmp_path: Path) -> None:
    path = add_seed(root, tmp_path, NAMES, "names")
    number = references(path)["Nabil Ammar"]
    edit(path, number, lambda r: r.update(kind="person", side=None))
    before = state(root)
    code, output = review(root, path, "--accept", number)
    assert code == 1
    assert "[review-reference]" in output
    assert "side" in output
    assert state(root) == before


def test_a_reference_candidate_accepted_from_two_copies_is_one_row(
    root: Path, tmp_path: Path
) -> None:
    path = add_seed(root, tmp_path, NAMES, "names")
    number = references(path)["Sfax"]
    edit(path, number, as_city)
    copy = tmp_path / "copy.yaml"
    shutil.copy(path, copy)
    code, output = review(root, path, "--accept", number)
    assert code == 0, output
    assert f"accepted {number} as PLC-sfax" in output
    before = state(root), copy.read_bytes()
    code, output = review(root, copy, "--accept", number)
    assert code == 1, output
    assert "[review-twice]" in output
    assert "accepted already as PLC-sfax" in output
    assert f"--reject {number}" in output  # the hint is one that works: not an --attach
    assert (state(root), copy.read_bytes()) == before
    # The hint works: the copy's candidate is closed by rejecting it.
    code, output = review(root, copy, "--reject", number, "--reason", "already PLC-sfax")
    assert code == 0, output
    places = (root / "datasets" / "places.yaml").read_text(encoding="utf-8")
    assert places.count("- id: PLC-sfax") == 1


def test_a_name_that_is_a_row_already_is_refused_as_a_new_row_and_attached_instead(
    root: Path, tmp_path: Path
) -> None:
    first = add_seed(root, tmp_path, NAMES, "names")
    second = add_seed(root, tmp_path, "Ships called at Sfax on 2 April 2024.", "again")
    edit(first, references(first)["Sfax"], as_city)
    number = references(second)["Sfax"]
    edit(second, number, as_city)
    assert review(root, first, "--accept", references(first)["Sfax"])[0] == 0
    before = state(root), second.read_bytes()
    code, output = review(root, second, "--accept", number)
    assert code == 1, output
    assert "[review-known-row]" in output
    assert str(second) in output
    assert number in output
    assert f"--attach {number}=PLC-sfax" in output
    assert (state(root), second.read_bytes()) == before
    code, output = review(root, second, "--attach", f"{number}=PLC-sfax")
    assert code == 0, output
    places = (root / "datasets" / "places.yaml").read_text(encoding="utf-8")
    assert places.count("- id: PLC-sfax") == 1
    assert f"    - {{name: Sfax, seed_id: {load(second)['seed_id']}}}\n" in places


def test_a_place_of_a_gazetteer_entry_a_place_has_is_that_row() -> None:
    from libyadata.extract.amend import same_row

    rows = yaml.safe_load((ROOT / "datasets" / "places.yaml").read_text(encoding="utf-8"))
    benghazi = next(row for row in rows if row["id"] == "PLC-benghazi")
    # Another name, the same GeoNames entry: the row it would repeat, and why.
    new = {"id": "PLC-banghazi", "name": "Banghazi", "names": [{"name": "Banghazi"}]}
    new["gazetteer"] = benghazi["gazetteer"]
    assert same_row(new, rows) == ("PLC-benghazi", "its gazetteer entry (geonames 88319)")
    assert same_row({**new, "gazetteer": {"gazetteer": "geonames", "geonames_id": 1}}, rows) is None
    assert same_row({**new, "name": "BENGHAZI", "gazetteer": None}, rows) == (
        "PLC-benghazi",
        "the name 'Benghazi'",
    )


def test_two_places_of_one_gazetteer_entry_are_a_validate_problem(root: Path) -> None:
    places = root / "datasets" / "places.yaml"
    text = places.read_text(encoding="utf-8")
    row = text.split("- id: PLC-benghazi\n", 1)[1].split("\n\n", 1)[0]
    copy = "- id: PLC-benghazi-2\n" + row.replace("Benghazi", "Banghazi") + "\n"
    places.write_text(text.rstrip("\n") + "\n\n" + copy, encoding="utf-8")
    code, output = invoke("validate", root=root)
    assert code == 1
    assert "[place-same-gazetteer]" in output
    assert "PLC-benghazi-2 and PLC-benghazi are the same gazetteer entry (geonames 88319)" in output


def test_a_rejected_name_is_not_proposed_again(root: Path, tmp_path: Path) -> None:
    path = add_seed(root, tmp_path, NAMES, "names")
    number = references(path)["Nabil Ammar"]
    before = state(root)
    assert review(root, path, "--reject", number)[0] == 2  # a reason is needed
    assert state(root) == before
    code, output = review(root, path, "--reject", number, "--reason", "not needed here")
    assert code == 0, output
    assert f"rejected {number}" in output
    assert load(path)["reference_candidates"][int(number[1:]) - 1]["decision"]["rejected"]
    again = tmp_path / "again.yaml"
    seed_id = load(path)["seed_id"]
    code, output = invoke("extract", seed_id, "--output", str(again), root=root)
    assert code == 0, output
    assert "Nabil Ammar" not in references(again)
    assert "Sfax" in references(again)
    assert any("Nabil Ammar" in line for line in load(again)["not_proposed_again"])


# --- messages -----------------------------------------------------------------------------------


def test_a_candidate_reviewed_in_this_file_is_said_in_words(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    number = citing(path, "Yevkurov arrived")
    assert review(root, path, "--accept", number)[0] == 0
    code, output = review(root, path, "--accept", number)
    assert code == 1
    assert f"{number} was already reviewed in this file: accepted as VIS-0018 by T on" in output
    assert "{" not in output
    assert "--interactive" in output


def test_a_missed_record_is_curated_not_extracted(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    document = load(path)
    document["missed"] = [
        {
            "table": "visits",
            "record": {
                "status": "occurred",
                "date": {"precision": "day", "value": "2024-03-06", "basis": "stated"},
                "visitors": ["ACT-yunus-bek-yevkurov"],
                "met_with": ["ACT-khalifa-haftar"],
                "destination": "PLC-benghazi",
                "evidence": [
                    {
                        "quote": "Yevkurov arrived in Benghazi on 6 March 2024",
                        "supports": ["status", "date", "visitors", "met_with", "destination"],
                    }
                ],
            },
        }
    ]
    path.write_text(dump(document), encoding="utf-8")
    code, output = review(root, path, "--accept-missed")
    assert code == 0, output
    visits = (root / "datasets" / "visits.yaml").read_text(encoding="utf-8")
    written = visits.split("- id: VIS-0018\n", 1)[1]
    assert "method: curated" in written
    assert "method: extracted" not in written
