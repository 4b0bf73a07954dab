"""Cross-record checks: ids, foreign keys, names as the seeds spell them, spans."""

from __future__ import annotations

import json
from typing import Any

import yaml

from libyadata.checks.sources import check
from libyadata.sources.project import Project


def write(project: Project, table: str, rows: list[dict[str, Any]]) -> str:
    folder = project.root / "datasets"
    folder.mkdir(exist_ok=True)
    text = yaml.safe_dump(json.loads(json.dumps(rows)), allow_unicode=True, sort_keys=False)
    (folder / f"{table}.yaml").write_text(text, encoding="utf-8")
    return text


def found(project: Project) -> set[tuple[str, str | None, str | None]]:
    report = check(project).report
    return {(p.code, p.record_id, p.field) for p in report.problems}


def named(row_id: str, name: str, seed_id: str, **fields: str) -> dict[str, Any]:
    """A reference row whose one name is spelt as ``seed_id`` spells it."""
    return {"id": row_id, "name": name, **fields, "names": [{"name": name, "seed_id": seed_id}]}


def test_a_consistent_dataset_is_clean(
    project_copy: Project, examples: dict[str, dict[str, Any]]
) -> None:
    lna = named(
        "ACT-libyan-national-army",
        "Libyan National Army",
        "SEED-003",
        kind="armed_force",
        side="eastern_libya",
    )
    putin = named("ACT-vladimir-putin", "Vladimir Putin", "SEED-000", kind="person", side="russia")
    write(project_copy, "actors", [examples["actors"], lna, putin])
    libya = named("PLC-libya", "Libya", "SEED-000", kind="country", country="LY")
    moscow = named("PLC-moscow", "Moscow", "SEED-001", kind="city", country="RU")
    moscow["no_coordinates"] = "not looked up (test data)"
    write(project_copy, "places", [examples["places"], libya, moscow])
    write(project_copy, "visits", [examples["visits"]])
    checked = check(project_copy)
    report, summary = checked.report, checked.summary
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


def test_the_files_validate_allows_in_datasets_are_the_ones_other_commands_write() -> None:
    from libyadata.checks import sources
    from libyadata.extract.decisions import REJECTIONS_FILE
    from libyadata.provenance.exclusions import EXCLUSIONS_FILE
    from libyadata.publishing.writing import LOCK_FILE

    assert {REJECTIONS_FILE, EXCLUSIONS_FILE} <= set(sources._ALSO_IN_DATASETS)
    assert LOCK_FILE.removeprefix(f"{sources.DATASETS}/").startswith(sources._BUILD_FILES)
