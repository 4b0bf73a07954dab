"""Cross-record checks: ids, foreign keys, names as the seeds spell them, spans."""

from __future__ import annotations

import json
from typing import Any

import yaml

from libyadata.project import Project
from libyadata.validate import validate


def write(project: Project, table: str, rows: list[dict[str, Any]]) -> str:
    folder = project.root / "datasets"
    folder.mkdir(exist_ok=True)
    text = yaml.safe_dump(json.loads(json.dumps(rows)), allow_unicode=True, sort_keys=False)
    (folder / f"{table}.yaml").write_text(text, encoding="utf-8")
    return text


def found(project: Project) -> set[tuple[str, str | None, str | None]]:
    report, _ = validate(project)
    return {(p.code, p.record_id, p.field) for p in report.problems}


def test_a_consistent_dataset_is_clean(
    project_copy: Project, examples: dict[str, dict[str, Any]]
) -> None:
    haftar = examples["actors"]
    lna = {
        "id": "ACT-libyan-national-army",
        "name": "Libyan National Army",
        "kind": "armed_force",
        "side": "eastern_libya",
        "names": [{"name": "Libyan National Army", "seed_id": "SEED-003"}],
    }
    putin = {
        "id": "ACT-vladimir-putin",
        "name": "Vladimir Putin",
        "kind": "person",
        "side": "russia",
        "names": [{"name": "Vladimir Putin", "seed_id": "SEED-000"}],
    }
    write(project_copy, "actors", [haftar, lna, putin])
    libya = {
        "id": "PLC-libya",
        "name": "Libya",
        "kind": "country",
        "country": "LY",
        "names": [{"name": "Libya", "seed_id": "SEED-000"}],
    }
    moscow = {
        "id": "PLC-moscow",
        "name": "Moscow",
        "kind": "city",
        "country": "RU",
        "names": [{"name": "Moscow", "seed_id": "SEED-001"}],
    }
    write(project_copy, "places", [examples["places"], libya, moscow])
    write(project_copy, "visits", [examples["visits"]])
    report, summary = validate(project_copy)
    assert report.problems == ()
    assert summary.records["visits"] == 1
    assert summary.records["actors"] == 3


def test_dangling_references_and_misspelt_names_are_found(
    project_copy: Project, examples: dict[str, dict[str, Any]]
) -> None:
    actor = json.loads(json.dumps(examples["actors"]))
    actor["names"].append({"name": "Haftarr", "seed_id": "SEED-000"})
    actor["names"].append({"name": "Haftar", "seed_id": "SEED-999"})
    write(project_copy, "actors", [actor, {**actor, "names": actor["names"][:1]}])
    assert found(project_copy) == {
        ("foreign-key", "ACT-khalifa-haftar", "affiliation"),
        ("foreign-key", "ACT-khalifa-haftar", "names.3.seed_id"),
        ("name-not-in-seed", "ACT-khalifa-haftar", "names.2.name"),
        ("duplicate-id", "ACT-khalifa-haftar", "id"),
    }


def test_ids_are_unique_per_table_and_checked_after_model_errors(
    project_copy: Project, examples: dict[str, dict[str, Any]]
) -> None:
    visit = examples["visits"]
    write(project_copy, "visits", [visit, {**visit, "status": "happened"}, visit])
    codes = {(code, field) for code, _, field in found(project_copy)}
    assert ("unknown-enum", "status") in codes
    assert ("duplicate-id", "id") in codes
