"""Partial dates: bounds follow the precision, bad combinations are named, mappings hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from libyadata.core.problems import from_validation_error
from libyadata.models import FuzzyDate
from libyadata.models.vocab import Precision


def codes(data: dict[str, Any]) -> set[tuple[str, str | None]]:
    with pytest.raises(ValidationError) as caught:
        FuzzyDate.model_validate(data)
    return {(p.code, p.field) for p in from_validation_error(caught.value)}


@pytest.mark.parametrize(
    ("precision", "value", "earliest", "latest"),
    [
        ("day", "2023-09-28", "2023-09-28", "2023-09-28"),
        ("month", "2024-02", "2024-02-01", "2024-02-29"),
        ("month", "2023-02", "2023-02-01", "2023-02-28"),
        ("year", "2016", "2016-01-01", "2016-12-31"),
    ],
)
def test_bounds_follow_from_value(precision: str, value: str, earliest: str, latest: str) -> None:
    date = FuzzyDate.model_validate({"precision": precision, "value": value, "basis": "stated"})
    assert (date.earliest, date.latest) == (
        dt.date.fromisoformat(earliest),
        dt.date.fromisoformat(latest),
    )


def test_a_date_another_yaml_reader_made_is_read_as_written() -> None:
    day = FuzzyDate.model_validate(
        {"precision": "day", "value": dt.date(2023, 9, 28), "basis": "stated"}
    )
    assert day.value == "2023-09-28"


@pytest.mark.parametrize(
    "data",
    [
        {"precision": "year", "value": 2023, "basis": "stated"},
        {"precision": "range", "earliest": 0, "basis": "stated"},
        {"precision": "range", "earliest": "2016-01-01", "latest": 1.5e9, "basis": "stated"},
    ],
)
def test_a_number_is_never_a_date(data: dict[str, object]) -> None:
    # pydantic would read 0 as 1970-01-01 (seconds since the epoch), and 2023 as a moment then.
    with pytest.raises(ValidationError) as caught:
        FuzzyDate.model_validate(data)
    assert "date-as-number" in {error["type"] for error in caught.value.errors()}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"precision": "month", "value": "2023-09-28", "basis": "stated"},
            ("date-precision", "value"),
        ),
        ({"precision": "day", "value": "2023-02-30", "basis": "stated"}, ("date-invalid", "value")),
        (
            {"precision": "range", "value": "2023", "basis": "stated"},
            ("date-value-in-range", "value"),
        ),
        ({"precision": "range", "basis": "inferred", "note": "n"}, ("date-bounds", "latest")),
        (
            {
                "precision": "range",
                "earliest": "2023-10-01",
                "latest": "2023-09-01",
                "basis": "inferred",
                "note": "n",
            },
            ("date-order", "latest"),
        ),
        (
            {
                "precision": "day",
                "value": "2023-09-28",
                "earliest": "2023-09-01",
                "basis": "stated",
            },
            ("date-bounds", "latest"),
        ),
        ({"precision": "year", "value": "2023", "basis": "resolved"}, ("note-required", "note")),
        (
            {"precision": "year", "value": "2023", "basis": "external"},
            ("source-required", "source"),
        ),
        ({"precision": "week", "value": "2023", "basis": "stated"}, ("unknown-enum", "precision")),
    ],
)
def test_bad_dates_name_the_field(data: dict[str, Any], expected: tuple[str, str]) -> None:
    assert expected in codes(data)


def test_open_range_is_allowed_and_has_no_precision_code() -> None:
    date = FuzzyDate.model_validate(
        {"precision": "range", "earliest": "2023-10-11", "basis": "inferred", "note": "n"}
    )
    assert date.latest is None
    assert (date.span_days(), date.acled_time_precision(), date.ucdp_date_prec()) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("data", "acled", "ucdp"),
    [
        ({"precision": "day", "value": "2023-09-28"}, 1, 1),
        ({"precision": "range", "earliest": "2023-09-21", "latest": "2023-09-23"}, 2, 2),
        ({"precision": "range", "earliest": "2023-09-21", "latest": "2023-09-27"}, 2, 3),
        ({"precision": "range", "earliest": "2023-09-21", "latest": "2023-09-30"}, 3, 4),
        ({"precision": "month", "value": "2023-09"}, 3, 4),
        ({"precision": "range", "earliest": "2024-05-01", "latest": "2024-12-31"}, None, 5),
        ({"precision": "year", "value": "2016"}, None, 5),
        ({"precision": "range", "earliest": "2019-01-01", "latest": "2020-12-31"}, None, None),
    ],
)
def test_precision_codes(data: dict[str, Any], acled: int | None, ucdp: int | None) -> None:
    extra = (
        {"basis": "inferred", "note": "n"} if data["precision"] == "range" else {"basis": "stated"}
    )
    date = FuzzyDate.model_validate({**data, **extra})
    assert (date.acled_time_precision(), date.ucdp_date_prec()) == (acled, ucdp)


TRUNCATE = {Precision.DAY: 10, Precision.MONTH: 7, Precision.YEAR: 4}


@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    precision=st.sampled_from(list(TRUNCATE)),
)
def test_partial_date_covers_the_day_it_was_cut_from(day: dt.date, precision: Precision) -> None:
    value = day.isoformat()[: TRUNCATE[precision]]
    date = FuzzyDate.model_validate({"precision": precision, "value": value, "basis": "stated"})
    assert date.earliest is not None
    assert date.latest is not None
    assert date.earliest <= day <= date.latest
    assert date.earliest.isoformat().startswith(value)
    assert date.latest.isoformat().startswith(value)
    # Coarser precision never maps to a finer UCDP code.
    assert (
        date.ucdp_date_prec()
        == {Precision.DAY: 1, Precision.MONTH: 4, Precision.YEAR: 5}[precision]
    )


@given(
    first=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
    length=st.integers(min_value=0, max_value=800),
)
def test_range_codes_grow_with_width(first: dt.date, length: int) -> None:
    date = FuzzyDate.model_validate(
        {
            "precision": "range",
            "earliest": first,
            "latest": first + dt.timedelta(days=length),
            "basis": "inferred",
            "note": "n",
        }
    )
    wider = FuzzyDate.model_validate(
        {
            "precision": "range",
            "earliest": first,
            "latest": first + dt.timedelta(days=length + 1),
            "basis": "inferred",
            "note": "n",
        }
    )
    assert date.span_days() == length + 1
    for code in (FuzzyDate.ucdp_date_prec, FuzzyDate.acled_time_precision):
        narrow_code, wide_code = code(date), code(wider)
        if narrow_code is None:
            assert wide_code is None
        else:
            assert wide_code is None or wide_code >= narrow_code


@pytest.mark.parametrize(
    ("earliest", "latest", "acled", "ucdp"),
    [
        ("2023-09-28", "2023-09-28", 1, 1),
        ("2023-01-01", "2023-01-31", 3, 4),  # a whole 31-day month is still "the month"
        ("2023-09-15", "2023-10-15", None, 5),  # 31 days across two months
        ("2023-09-25", "2023-10-02", None, 4),  # 8 days across two months
    ],
)
def test_range_precision_codes_respect_calendar_months(
    earliest: str, latest: str, acled: int | None, ucdp: int | None
) -> None:
    date = FuzzyDate.model_validate(
        {
            "precision": "range",
            "earliest": earliest,
            "latest": latest,
            "basis": "inferred",
            "note": "n",
        }
    )
    assert (date.acled_time_precision(), date.ucdp_date_prec()) == (acled, ucdp)


def test_unknown_basis_is_not_a_date() -> None:
    assert ("date-basis-unknown", "basis") in codes(
        {"precision": "year", "value": "2023", "basis": "unknown"}
    )


def test_impossible_date_is_named_even_when_precision_is_wrong() -> None:
    assert ("date-invalid", "value") in codes(
        {"precision": "fortnight", "value": "2023-13", "basis": "stated"}
    )
