"""Every table's model accepts a valid row and rejects each class of bad field by name."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from libyadata.core.problems import Problem, from_validation_error, unknown_field_hints
from libyadata.models import Evidence
from libyadata.models.base import DocEnum
from libyadata.models.tables import TABLES, Table

TABLE_NAMES = [t.name for t in TABLES]
RECORD_TABLES = [t.name for t in TABLES.records]


def table_of(name: str) -> Table:
    return next(t for t in TABLES if t.name == name)


def problems_of(table: Table, data: dict[str, Any]) -> list[Problem]:
    with pytest.raises(ValidationError) as caught:
        table.model.model_validate(data)
    return unknown_field_hints(
        from_validation_error(caught.value, record_id=str(data.get("id"))),
        table.model.model_fields,
    )


def _enum_fields(table: Table) -> list[str]:
    return [
        name
        for name, info in table.model.model_fields.items()
        if isinstance(info.annotation, type) and issubclass(info.annotation, DocEnum)
    ]


#: The tables with a field of a vocabulary (a kind may have none).
ENUM_TABLES = [t.name for t in TABLES if _enum_fields(t)]


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_valid_example_validates(name: str, examples: dict[str, dict[str, Any]]) -> None:
    record = table_of(name).model.model_validate(examples[name])
    assert record.id == examples[name]["id"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_json_round_trip_is_lossless(name: str, examples: dict[str, dict[str, Any]]) -> None:
    model = table_of(name).model
    record = model.model_validate(examples[name])
    assert model.model_validate_json(record.model_dump_json()) == record
    assert model.model_validate(record.model_dump(mode="json", exclude_none=True)) == record


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_records_are_immutable(name: str, examples: dict[str, dict[str, Any]]) -> None:
    record = table_of(name).model.model_validate(examples[name])
    with pytest.raises(ValidationError) as caught:
        record.id = "changed"  # type: ignore[attr-defined]
    assert caught.value.errors()[0]["type"] == "frozen_instance"


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_wrong_type_names_the_field(name: str, examples: dict[str, dict[str, Any]]) -> None:
    data = {**examples[name], "id": 123}
    [problem] = problems_of(table_of(name), data)
    assert (problem.code, problem.field) == ("wrong-type", "id")


@pytest.mark.parametrize("name", ENUM_TABLES)
def test_unknown_enum_value_names_the_field_and_suggests(
    name: str, examples: dict[str, dict[str, Any]]
) -> None:
    table = table_of(name)
    fields = _enum_fields(table)
    field = next((f for f in fields if f in examples[name]), fields[0])
    vocabulary = table.model.model_fields[field].annotation
    assert isinstance(vocabulary, type)
    assert issubclass(vocabulary, DocEnum)
    good = str(examples[name].get(field) or next(iter(vocabulary)).value)
    data = {**examples[name], field: good[:-1] + "x"}  # a one-letter typo
    [problem] = problems_of(table, data)
    assert (problem.code, problem.field) == ("unknown-enum", field)
    assert problem.hint is not None
    assert f"did you mean {good!r}" in problem.hint


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_unknown_extra_field_is_rejected_with_suggestion(
    name: str, examples: dict[str, dict[str, Any]]
) -> None:
    data = {**examples[name], "notez": "typo of notes"}
    [problem] = problems_of(table_of(name), data)
    assert (problem.code, problem.field) == ("unknown-field", "notez")
    assert problem.hint is not None
    assert "did you mean 'notes'" in problem.hint


@pytest.mark.parametrize("name", RECORD_TABLES)
def test_end_before_start_names_the_span_field(
    name: str, examples: dict[str, dict[str, Any]]
) -> None:
    data = copy.deepcopy(examples[name])
    data["evidence"][0]["end"] = data["evidence"][0]["start"]
    codes = {(p.code, p.field) for p in problems_of(table_of(name), data)}
    assert ("span-order", "evidence.0.end") in codes


@pytest.mark.parametrize("name", RECORD_TABLES)
def test_empty_quote_names_the_span_field(name: str, examples: dict[str, dict[str, Any]]) -> None:
    data = copy.deepcopy(examples[name])
    data["evidence"][0]["quote"] = ""
    codes = {(p.code, p.field) for p in problems_of(table_of(name), data)}
    assert ("too-short", "evidence.0.quote") in codes


@pytest.mark.parametrize("name", RECORD_TABLES)
def test_record_without_evidence_is_rejected(
    name: str, examples: dict[str, dict[str, Any]]
) -> None:
    data = {**examples[name], "evidence": []}
    [problem] = problems_of(table_of(name), data)
    assert (problem.code, problem.field) == ("too-short", "evidence")


@pytest.mark.parametrize("name", RECORD_TABLES)
def test_id_must_carry_the_kind_prefix(name: str, examples: dict[str, dict[str, Any]]) -> None:
    other = "AGR-0001" if name != "agreements" else "VIS-0001"
    [problem] = problems_of(table_of(name), {**examples[name], "id": other})
    assert (problem.code, problem.field) == ("pattern", "id")


@pytest.mark.parametrize("name", RECORD_TABLES)
def test_supports_must_name_a_field_of_the_kind(
    name: str, examples: dict[str, dict[str, Any]]
) -> None:
    data = copy.deepcopy(examples[name])
    field = min(table_of(name).model.described_fields())
    data["evidence"][0]["supports"] = [field[:-2] + field[-1] + field[-2]]  # "status": "statsu"
    [problem] = problems_of(table_of(name), data)
    assert (problem.code, problem.field) == ("unknown-field-name", "evidence")
    assert f"did you mean {field!r}" in problem.message


def test_disputed_fields_need_notes(examples: dict[str, dict[str, Any]]) -> None:
    data = {**examples["visits"], "disputed_fields": ["date"]}
    [problem] = problems_of(table_of("visits"), data)
    assert (problem.code, problem.field) == ("note-required", "notes")
    table_of("visits").model.model_validate({**data, "notes": "SEED-x says June; SEED-y July."})


def test_quote_length_must_match_offsets(examples: dict[str, dict[str, Any]]) -> None:
    span = {**examples["visits"]["evidence"][0]}
    span["end"] += 1
    with pytest.raises(ValidationError) as caught:
        Evidence.model_validate(span)
    [problem] = from_validation_error(caught.value)
    assert (problem.code, problem.field) == ("span-length", "quote")


def test_quotes_keep_their_whitespace(examples: dict[str, dict[str, Any]]) -> None:
    span = {**examples["visits"]["evidence"][0], "quote": " Haftar ", "end": 0}
    span["end"] = span["start"] + len(span["quote"])
    assert Evidence.model_validate(span).quote == " Haftar "


def test_quantity_bounds_in_order(examples: dict[str, dict[str, Any]]) -> None:
    data = copy.deepcopy(examples["deployments"])
    data["size"] = {
        "lower": 10,
        "upper": 5,
        "unit": "person",
        "qualifier": "approximate",
        "stated_as": "5-10",
    }
    [problem] = problems_of(table_of("deployments"), data)
    assert (problem.code, problem.field) == ("quantity-order", "size.upper")


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"basis": "external"}, "source-required", "title.source"),
        ({"basis": "inferred"}, "note-required", "title.note"),
        ({"value": None}, "basis-value-mismatch", "title.basis"),
        ({"source": {"citation": "x"}}, "source-without-external", "title.source"),
    ],
)
def test_attribution_basis_rules(
    change: dict[str, Any], code: str, field: str, examples: dict[str, dict[str, Any]]
) -> None:
    data = copy.deepcopy(examples["seeds"])
    data["title"] = {"value": "A title", "basis": "stated", **change}
    problems = problems_of(table_of("seeds"), data)
    assert (code, field) in {(p.code, p.field) for p in problems}


@pytest.mark.parametrize(
    ("size", "code", "field"),
    [
        (
            {"unit": "person", "qualifier": "exact", "stated_as": "some"},
            "quantity-empty",
            "size.qualifier",
        ),
        (
            {
                "value": 12,
                "lower": 1,
                "upper": 10,
                "unit": "person",
                "qualifier": "approximate",
                "stated_as": "12",
            },
            "quantity-order",
            "size.qualifier",
        ),
    ],
)
def test_quantity_needs_a_number_inside_its_bounds(
    size: dict[str, Any], code: str, field: str, examples: dict[str, dict[str, Any]]
) -> None:
    data = {**examples["deployments"], "size": size}
    assert (code, field) in {(p.code, p.field) for p in problems_of(table_of("deployments"), data)}


def test_order_of_magnitude_needs_no_number(examples: dict[str, dict[str, Any]]) -> None:
    size = {
        "unit": "tonne",
        "qualifier": "order_of_magnitude",
        "stated_as": "tens of thousands of tonnes",
    }
    table_of("deployments").model.model_validate({**examples["deployments"], "size": size})


def test_gazetteer_point_needs_both_coordinates(examples: dict[str, dict[str, Any]]) -> None:
    data = copy.deepcopy(examples["places"])
    del data["gazetteer"]["longitude"]
    [problem] = problems_of(table_of("places"), data)
    assert (problem.code, problem.field) == ("coordinates-incomplete", "gazetteer.longitude")


def test_only_dates_are_resolved(examples: dict[str, dict[str, Any]]) -> None:
    data = copy.deepcopy(examples["seeds"])
    data["author"] = {"value": "Someone", "basis": "resolved", "note": "n"}
    [problem] = problems_of(table_of("seeds"), data)
    assert (problem.code, problem.field) == ("basis-resolved-not-date", "author.basis")
