"""Analyst-ready tables, README's one-line answers, and the small things users hit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import libyadata
from conftest import ROOT
from libyadata.cli import app
from libyadata.models import Actor, Base, Place, Visit

README = (ROOT / "README.md").read_text(encoding="utf-8")


def names(table: str) -> dict[str, str]:
    return {row.id: row.name for row in libyadata.load(table)}  # type: ignore[attr-defined]


def test_labelled_visits_have_names_lists_places_and_one_date() -> None:
    frame = libyadata.load_dataframe("visits", labels=True)
    visits = [v for v in libyadata.visits() if isinstance(v, Visit)]
    assert list(frame["id"]) == [v.id for v in visits]
    actors, places = names("actors"), names("places")
    countries = {p.id: p.country for p in libyadata.places() if isinstance(p, Place)}
    for row, visit in zip(frame.itertuples(), visits, strict=True):
        assert row.visitors == [actors[a] for a in visit.visitors]
        assert isinstance(row.met_with, list)
        if visit.destination:
            assert row.destination == places[visit.destination]
            assert (
                row.destination_country if not pd.isna(row.destination_country) else None
            ) == countries[visit.destination]
        assert row.evidence == [span.quote for span in visit.evidence]
        if visit.date is not None:
            assert row.date_precision == visit.date.precision
            assert (None if pd.isna(row.date) else row.date.date()) == visit.date.earliest
            assert (None if pd.isna(row.date_end) else row.date_end.date()) == visit.date.latest
    assert str(frame["date"].dtype) == "datetime64[s]"
    assert isinstance(frame["status"].dtype, pd.CategoricalDtype)
    assert list(frame["date_precision"].cat.categories) == ["day", "month", "year", "range"]
    assert frame.loc[frame.id == "VIS-0001", "date_text"].item() == "June–July 2016"
    assert not any(re.search(r"\b(ACT|PLC)-", str(v)) for v in frame["visitors"])


@pytest.mark.parametrize(
    "name",
    [
        "visits",
        "deployments",
        "bases",
        "agreements",
        "migration_figures",
        "actors",
        "places",
        "seeds",
        "retractions",
    ],
)
def test_every_table_has_a_labelled_view(name: str) -> None:
    frame = libyadata.load_dataframe(name, labels=True)
    assert len(frame) == len(libyadata.load(name))
    assert frame.columns.is_unique


def test_labels_only_for_tables_of_rows() -> None:
    # A child table has no view, and the error says what to read instead.
    with pytest.raises(KeyError, match="'visit_evidence' is a child table") as raised:
        libyadata.load_dataframe("visit_evidence", labels=True)
    assert "without labels" in str(raised.value)
    assert "'visits' with labels=True" in str(raised.value)
    with pytest.raises(KeyError, match="no table 'visit'; the tables are seeds, actors"):
        libyadata.load_dataframe("visit", labels=True)


def test_short_reprs() -> None:
    # A record is one line; the frictionless package a few, not its 300 kB descriptor.
    visit = libyadata.visits()[0]
    shown = repr(visit)
    assert "\n" not in shown
    assert len(shown) < 120
    assert shown.startswith(f"Visit({visit.id!r}, status='{visit.status}', date=")
    assert f"evidence={len(visit.evidence)} span(s)" in shown
    package = libyadata.package()
    assert len(repr(package).splitlines()) <= 3
    assert f"{package.name} {package.version}: {len(package.resources)} resources" in repr(package)
    assert package.get_resource("visits").read_rows()[0]["id"] == visit.id  # still frictionless


def _answers() -> list[str]:
    block = README.split("### Three questions, one line each", 1)[1].split("```pycon", 1)[1]
    lines = block.split("```", 1)[0].strip().splitlines()
    return [line[4:] for line in lines if line.startswith(">>> libyadata.load_dataframe(")]


def test_readme_answers_three_questions_in_one_line_each() -> None:
    answers = _answers()
    assert len(answers) == 3
    haftar, bases, migration = (eval(line, {"libyadata": libyadata}) for line in answers)  # noqa: S307

    expected = [
        v.id
        for v in libyadata.visits()
        if isinstance(v, Visit)
        and "ACT-khalifa-haftar" in v.visitors
        and v.destination == "PLC-moscow"
    ]
    assert list(haftar["id"]) == expected
    assert len(expected) >= 5

    places = {p.id: p for p in libyadata.places() if isinstance(p, Place)}
    actors = {a.id: a for a in libyadata.actors() if isinstance(a, Actor)}
    expected = [
        b.id
        for b in libyadata.bases()
        if isinstance(b, Base)
        and places[b.place].country == "LY"
        and b.user
        and actors[b.user].side == "russia"
    ]
    assert list(bases["id"]) == expected
    assert {"name", "status"} <= set(bases.columns)
    assert len(expected) == 11  # four of the fifteen bases are outside Libya

    assert len(migration) == len(libyadata.migration_figures())
    assert list(migration["period"]) == sorted(migration["period"])


def test_help_names_option_values() -> None:
    runner = CliRunner()
    commands = [[], ["export"], ["schema"], ["seed"]]
    listing = runner.invoke(app, ["--help"]).output
    commands += [[name] for name in re.findall(r"^  (\w+) ", listing.split("Commands:")[1], re.M)]
    for group in ("export", "schema", "seed"):
        listing = runner.invoke(app, [group, "--help"]).output
        commands += [
            [group, name] for name in re.findall(r"^  (\w+) ", listing.split("Commands:")[1], re.M)
        ]
    assert ["site"] in commands
    assert ["info"] in commands
    assert ["export", "parquet"] in commands
    assert ["seed", "add"] in commands
    for command in commands:
        output = runner.invoke(app, [*command, "--help"]).output
        found = re.findall(r"<(bool|str|int|path|text\|json|list\[str\])>", output)
        assert found == [], (command, found)


def _outside_a_checkout(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run ``libyadata ARGUMENTS`` in ``folder``, far from any checkout, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "libyadata", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=120,
    )


def test_info_outside_a_checkout(tmp_path: Path) -> None:
    result = _outside_a_checkout(tmp_path, "info")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"libyadata {libyadata.__version__} · data libyadata ")
    for name in ("visits", "places", "seeds"):
        assert re.search(rf"^  {name} +{len(libyadata.load(name))}$", result.stdout, re.M)
    assert "libyadata contributors" in result.stdout
    runner = CliRunner()
    result = runner.invoke(app, ["info", "--format", "json"])
    assert f'"visits": {len(libyadata.load("visits"))}' in result.output


def test_seeds_outside_a_checkout(tmp_path: Path) -> None:
    result = _outside_a_checkout(tmp_path, "seeds")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == [s.id for s in libyadata.seeds()]
    assert lines[-1].endswith("every text matches its size and sha256")
    # A damaged text in a package is reported, with exit 1.
    import shutil

    copy = tmp_path / "package"
    shutil.copytree(ROOT / "datasets" / "package", copy)
    seed = sorted(copy.glob("seeds/*.txt"))[0]
    seed.write_bytes(seed.read_bytes()[:-1])
    result = CliRunner().invoke(app, ["seeds", "--package", str(copy)])
    assert result.exit_code == 1
    assert "SEED-000: " in result.output
    assert "does not match" in result.output


def test_data_package_repr_is_short() -> None:
    package = libyadata.DataPackage.open(ROOT / "datasets" / "package")
    text = repr(package)
    assert len(text) < 200
    assert text.startswith("<DataPackage libyadata ")
    assert f"{len(package.descriptor['resources'])} resources" in text


def test_readme_names_frictionless_json_extra() -> None:
    assert 'pip install "frictionless[json]"' in README


def test_event_groups_join_possible_pairs_through_chains_and_either_direction() -> None:
    from types import SimpleNamespace

    from libyadata.views.labelled import event_groups

    def row(record_id: str, *same: str) -> SimpleNamespace:
        return SimpleNamespace(id=record_id, possibly_same_as=same)

    # VIS-0003 names VIS-0002 only; VIS-0002 names VIS-0001: one group, led by the first id.
    groups = event_groups(
        [row("VIS-0003", "VIS-0002"), row("VIS-0001"), row("VIS-0002", "VIS-0001"), row("VIS-0010")]
    )
    assert groups == {
        "VIS-0003": "VIS-0001",
        "VIS-0001": "VIS-0001",
        "VIS-0002": "VIS-0001",
        "VIS-0010": "VIS-0010",
    }


def test_counts_with_and_without_possible_pairs() -> None:
    frame = libyadata.load_dataframe("visits", labels=True)
    linked = frame[frame["possibly_same_as"].map(len) > 0]
    assert set(linked["id"]) == {"VIS-0016", "VIS-0017"}
    assert set(linked["event_group"]) == {"VIS-0016"}
    assert frame["event_group"].nunique() == len(frame) - 1


def test_opening_a_missing_zip_says_no_such_file(tmp_path: Path) -> None:
    missing = tmp_path / "libyadata-9.9.9.zip"
    with pytest.raises(libyadata.PackageError, match="no such file") as raised:
        libyadata.DataPackage.open(missing)
    assert "datapackage.json cannot be read" not in str(raised.value)  # not called a folder
    assert raised.value.problems[0].file == str(missing)
