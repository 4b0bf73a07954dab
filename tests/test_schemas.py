"""The committed schemas are what the models generate, and they are valid for their consumers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from conftest import ROOT
from libyadata.formats import schemas
from libyadata.formats.layout import forget_layouts, layouts, table_schema
from libyadata.models import Visit
from libyadata.models.tables import TABLES
from libyadata.sources.project import SCHEMA_VERSION, Project


def load(relative: str) -> dict[str, Any]:
    return json.loads(
        (ROOT / "schema" / f"v{SCHEMA_VERSION}" / relative).read_text(encoding="utf-8")
    )


def test_committed_schemas_match_the_models(project: Project) -> None:
    assert schemas.drift(project) == []


@pytest.fixture
def changed_description() -> Iterator[None]:
    field = Visit.model_fields["purpose"]
    original = field.description
    field.description = "A description changed without re-exporting the schemas."
    Visit.model_rebuild(force=True)
    forget_layouts()
    try:
        yield
    finally:
        field.description = original
        Visit.model_rebuild(force=True)
        forget_layouts()


@pytest.mark.usefixtures("changed_description")
def test_changing_a_description_is_drift(project: Project) -> None:
    drifted = {p.file for p in schemas.drift(project) if p.code == "schema-drift"}
    assert drifted == {
        "schema/v2/jsonschema/visits.json",
        "schema/v2/tableschema/visits.json",
        "schema/v2/tableschema/json/visits.json",
        "schema/v2/codebook.md",
    }


def test_missing_and_stale_files_are_drift(project_copy: Project) -> None:
    (project_copy.schema_dir / "tableschema" / "visits.json").unlink()
    (project_copy.schema_dir / "tableschema" / "old_table.json").write_text("{}")
    codes = {(p.code, p.file) for p in schemas.drift(project_copy)}
    assert codes == {
        ("schema-missing", "schema/v2/tableschema/visits.json"),
        ("schema-stale", "schema/v2/tableschema/old_table.json"),
    }


def test_export_restores_a_clean_tree(project_copy: Project) -> None:
    (project_copy.schema_dir / "codebook.md").write_text("edited by hand")
    (project_copy.schema_dir / "tableschema" / "old_table.json").write_text("{}")
    changed = schemas.export(project_copy)
    assert sorted(changed) == ["schema/v2/codebook.md", "schema/v2/tableschema/old_table.json"]
    assert schemas.drift(project_copy) == []
    assert schemas.export(project_copy) == []


REQUIRED_TABLES = [
    "visits",
    "deployments",
    "bases",
    "agreements",
    "migration_figures",
    "actors",
    "places",
    "seeds",
]


@pytest.mark.parametrize("name", REQUIRED_TABLES)
def test_every_table_has_both_schemas(name: str) -> None:
    assert load(f"jsonschema/{name}.json")["type"] == "object"
    assert load(f"tableschema/{name}.json")["primaryKey"] == ["id"]


@pytest.mark.parametrize(
    "path", sorted((ROOT / "schema/v2/jsonschema").rglob("*.json")), ids=lambda p: p.stem
)
def test_json_schemas_are_valid_draft_2020_12(path: Path) -> None:
    Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_examples_validate_against_the_committed_json_schema(
    table: Any, examples: dict[str, dict[str, Any]]
) -> None:
    record = table.model.model_validate(examples[table.name])
    validator = Draft202012Validator(load(f"jsonschema/{table.name}.json"))
    assert list(validator.iter_errors(record.model_dump(mode="json"))) == []
    broken = {**record.model_dump(mode="json"), "unexpected": 1}
    assert not validator.is_valid(broken)


def _table_schema_profile() -> dict[str, Any]:
    import dplib

    profile = Path(dplib.__file__).parent / "profiles" / "2.0" / "tableschema.json"
    return json.loads(profile.read_text(encoding="utf-8"))


@pytest.mark.parametrize("layout", layouts(), ids=lambda layout: layout.name)
def test_table_schemas_pass_the_data_package_v2_profile(layout: Any) -> None:
    descriptor = load(f"tableschema/{layout.name}.json")
    assert list(Draft7Validator(_table_schema_profile()).iter_errors(descriptor)) == []


@pytest.mark.parametrize("layout", layouts(), ids=lambda layout: layout.name)
def test_table_schemas_load_in_frictionless(layout: Any) -> None:
    from frictionless import Schema

    schema = Schema.from_descriptor(table_schema(layout))
    assert schema.primary_key == list(layout.primary_key)
    assert Schema.validate_descriptor(table_schema(layout)).valid


def test_keys_point_at_existing_columns() -> None:
    columns = {layout.name: {c.name: c for c in layout.columns} for layout in layouts()}
    for layout in layouts():
        own = columns[layout.name]
        for key in layout.primary_key:
            assert own[key].descriptor["constraints"]["required"] is True
        for foreign in layout.foreign_keys:
            assert foreign.column in own
            assert foreign.target in columns[foreign.table]


def test_evidence_of_every_record_kind_links_to_seeds() -> None:
    for table in TABLES.records:
        evidence = next(layout for layout in layouts() if layout.name == f"{table.row}_evidence")
        targets = {(key.column, key.table) for key in evidence.foreign_keys}
        assert targets == {
            (f"{table.row}_id", table.name),
            ("seed_id", "seeds"),
            ("attributed_to_actor", "actors"),
        }


def test_codebook_documents_every_column_and_vocabulary() -> None:
    codebook = (ROOT / "schema/v2/codebook.md").read_text(encoding="utf-8")
    for layout in layouts():
        assert f"### `{layout.name}`" in codebook
        for column in layout.columns:
            assert f"| `{column.name}` |" in codebook
    for status in ("occurred", "declined", "denied", "undisclosed", "prospective", "estimated"):
        assert f"| `{status}` |" in codebook
    assert "ACLED `time_precision`" in codebook


def test_undecodable_schema_file_is_drift_not_a_crash(project_copy: Project) -> None:
    (project_copy.schema_dir / "codebook.md").write_bytes(b"\xff\xfe broken")
    assert [(p.code, p.file) for p in schemas.drift(project_copy)] == [
        ("schema-drift", "schema/v2/codebook.md")
    ]
