"""README's "Adding a source", run end to end in a copy of the project, as a new user would.

A text written for this test goes through every command README lists, in README's order: seed
add, extract, review (two new names made an actor and a place, a candidate accepted, one
attached to the record of an event already in the dataset, a missed record written, the rest
of the sentences closed), version, build, validate, coverage, release; the release is served on
127.0.0.1 and loaded back with ``load(version=)``; then the data tests pass on the result. No
YAML is edited by hand but the review file, as README says a reviewer does.

The previous release is the committed package (``--previous``), not a download: the test never
leaves the machine.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import libyadata
from conftest import ROOT, copy_release_checkout
from httpfixture import Reply, Server, running
from libyadata.cli import app
from libyadata.core.cache import CACHE_ENV
from libyadata.diff.versioning import Bump, next_version
from libyadata.extract import EXTRA, missing_modules
from libyadata.extract.reviewfiles import dump
from libyadata.models.tables import TABLES
from libyadata.readers.datapackage import DataPackage
from libyadata.releases.download import URL_ENV
from libyadata.releases.registry import REGISTRY_ENV, REGISTRY_PATH

runner = CliRunner()
PREVIOUS = str(ROOT / "datasets" / "package")
#: Written for this test: a visit not in the dataset, one that is (Haftar in Moscow on 28
#: September 2023), one by a person no table knows, and a sentence that needs no record.
ARTICLE = (
    "Russian Deputy Defence Minister Yunus-Bek Yevkurov arrived in Benghazi on 6 March 2024 "
    "and met Khalifa Haftar at his headquarters.\n\n"
    "Haftar travelled to Moscow on 28 September 2023 and met Vladimir Putin at the Kremlin.\n\n"
    "On 7 March 2024 Tunisian Foreign Minister Nabil Ammar met Haftar in Benghazi.\n\n"
    "Trade between Benghazi and Sfax grew by 20 percent in 2023."
)
AMMAR = "On 7 March 2024 Tunisian Foreign Minister Nabil Ammar met Haftar in Benghazi."
#: What a curator writes to close the rest.
BACKGROUND = "trade figures: no visit, deployment, base, agreement or migration figure"


@pytest.fixture
def server() -> Iterator[Server]:
    yield from running()


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of everything the commands read and write."""
    root = copy_release_checkout(tmp_path / "checkout")
    return root


def readme_commands() -> list[str]:
    """Return the subcommands of README's "Adding a source" block, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adding a source", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return re.findall(r"(?:^|&& )libyadata (\w+)", block, re.MULTILINE)


class Session:
    """Runs commands in the checkout and remembers which, to compare with README."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.commands: list[str] = []

    def run(self, *args: str, code: int = 0) -> str:
        self.commands.append(args[0])
        result = runner.invoke(app, [*args, "--root", str(self.root)])
        assert result.exit_code == code, result.output
        return result.output


def edit_review(path: Path, change: Any) -> None:
    """Edit the review file as a reviewer does, in an editor: load, change, write."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(dump(document), encoding="utf-8")


def number_citing(document: dict[str, Any], words: str) -> str:
    """Return the number of the candidate whose evidence quotes ``words``."""
    found = [
        c["candidate"]
        for c in document["candidates"]
        if any(words in span["quote"] for span in c["record"]["evidence"])
    ]
    assert len(found) == 1, (words, found)
    return str(found[0])


def test_adding_a_source_from_text_to_a_loaded_release(  # noqa: PLR0915 - one flow, end to end
    checkout: Path, tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    if missing_modules():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{', '.join(missing_modules())} missing under CI: {EXTRA}")
        pytest.skip(f"the extractor's extra is not installed: {EXTRA}")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.chdir(tmp_path)
    session = Session(checkout)
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE.encode("utf-8"))

    added = session.run(
        "seed", "add", str(article), "--published", "2024-03-08", "--publisher", "Example Wire"
    )
    seed_id = re.search(r"registered (SEED-\d+)", added).group(1)  # type: ignore[union-attr]
    session.run("extract", seed_id)
    review = tmp_path / f"{seed_id}.review.yaml"
    document = yaml.safe_load(review.read_text(encoding="utf-8"))

    # The two names no table knows, filled in by the reviewer and accepted: an actor, a place.
    names = {r["name"]: r["candidate"] for r in document["reference_candidates"]}
    assert {"Nabil Ammar", "Sfax"} <= set(names)

    def describe(doc: dict[str, Any]) -> None:
        for entry in doc["reference_candidates"]:
            if entry["name"] == "Nabil Ammar":
                entry.update(kind="person", side="regional", country="TN")
            if entry["name"] == "Sfax":
                entry.update(kind="city", country="TN")

    edit_review(review, describe)
    made = session.run(
        "review",
        str(review),
        "--accept",
        names["Nabil Ammar"],
        "--accept",
        names["Sfax"],
        "--reviewer",
        "A Tester",
    )
    assert f"accepted {names['Nabil Ammar']} as ACT-nabil-ammar" in made
    assert f"accepted {names['Sfax']} as PLC-sfax" in made

    # A new visit accepted, a known one attached to its record, a missed one written.
    new = number_citing(document, "Yevkurov arrived in Benghazi")
    known = number_citing(document, "Haftar travelled to Moscow")
    proposed = [c["candidate"] for c in document["candidates"]]

    def add_missed(doc: dict[str, Any]) -> None:
        doc["missed"] = [
            {
                "table": "visits",
                "record": {
                    "status": "occurred",
                    "date": {"precision": "day", "value": "2024-03-07", "basis": "stated"},
                    "visitors": ["ACT-nabil-ammar"],
                    "met_with": ["ACT-khalifa-haftar"],
                    "destination": "PLC-benghazi",
                    "evidence": [
                        {"quote": AMMAR, "supports": ["status", "date", "visitors", "met_with"]}
                    ],
                },
            }
        ]
        if AMMAR in str(doc["candidates"]):  # the extractor found it after all: not twice
            doc["missed"] = []

    edit_review(review, add_missed)
    decisions = ["--accept", new, "--attach", f"{known}=VIS-0013"]
    if yaml.safe_load(review.read_text(encoding="utf-8"))["missed"]:
        decisions.append("--accept-missed")
    rest = [n for n in proposed if n not in {new, known}]
    for number in rest:
        if AMMAR in str(next(c for c in document["candidates"] if c["candidate"] == number)):
            decisions += ["--accept", number]

            def name_the_visitor(doc: dict[str, Any], number: str = number) -> None:
                # proposed before Nabil Ammar was an actor: the reviewer writes the new id in
                for candidate in doc["candidates"]:
                    if candidate["candidate"] == number:
                        candidate["record"]["visitors"] = ["ACT-nabil-ammar"]

            edit_review(review, name_the_visitor)
    reviewed = session.run("review", str(review), *decisions, "--reviewer", "A Tester")
    assert f"attached {known} to VIS-0013" in reviewed
    accepted = re.findall(r"accepted C\d+ as (VIS-\d+)", reviewed)
    assert len(accepted) == 2, reviewed

    # What no record cites is listed, then closed with a reason.
    listed = session.run("review", str(review), "--sentences")
    assert "Trade between Benghazi and Sfax" in listed
    session.run(
        "review", str(review), "--close-rest", "--reason", BACKGROUND, "--reviewer", "A Tester"
    )

    # The version the rules ask for, then build, validate, coverage and the release.
    released = DataPackage.open(PREVIOUS).version
    session.run("version", "--next", "minor", "--previous", PREVIOUS)
    version = next_version(released, Bump.MINOR)
    session.run("build")
    session.run("validate")
    assert "coverage: ok" in session.run("coverage")
    session.run("release", version, "--previous", PREVIOUS, "--date", "2026-12-07")
    assert session.commands == readme_commands()

    # The release, served on loopback, loads back as a user gets it.
    zip_name = f"libyadata-{version}.zip"
    server.serve(f"/{zip_name}", Reply(body=(checkout / "dist" / zip_name).read_bytes()))
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "user-cache"))
    monkeypatch.setenv(URL_ENV, server.url)
    monkeypatch.setenv(REGISTRY_ENV, str(checkout / REGISTRY_PATH))
    visits = libyadata.load("visits", version=version)
    by_id = {v.id: v for v in visits}  # type: ignore[attr-defined]
    assert set(accepted) <= set(by_id)
    assert {s.seed_id for s in by_id["VIS-0013"].evidence} >= {seed_id}  # type: ignore[attr-defined]
    places = {p.id: p for p in libyadata.load("places", version=version)}  # type: ignore[attr-defined]
    assert places["PLC-sfax"].gazetteer is not None  # type: ignore[attr-defined]
    assert "ACT-nabil-ammar" in {a.id for a in libyadata.load("actors", version=version)}  # type: ignore[attr-defined]

    # The data tests pass on the result: validate holds them all, and every table has rows.
    result = libyadata.validate(checkout)
    assert result.ok, result.to_text()
    for table in TABLES:
        if table.name not in {"seeds", "retractions"}:
            assert result.records[table.name] > 0
    # Extracting the seed again proposes nothing that was decided.
    again = tmp_path / "again.review.yaml"
    session.run("extract", seed_id, "--output", str(again))
    marks = {c["fingerprint"] for c in yaml.safe_load(again.read_text())["candidates"]}
    decided = {c["fingerprint"] for c in document["candidates"] if c["candidate"] in {new, known}}
    assert not marks & decided
