"""The shipped package's records are made without a validator, and are the validated records.

``ShippedPackage`` (the data inside the installed wheel) makes records with
``models.trusted.rebuild`` instead of building a pydantic validator; every other package is
validated in full. These tests hold the two paths to the same result, field by field and type
by type, and check that whatever is not exactly a validated model's dump is validated.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, Field, ValidationError

from libyadata.models import Visit
from libyadata.models.base import StrictModel
from libyadata.models.tables import TABLES
from libyadata.models.trusted import RebuildError, rebuild
from libyadata.readers import shipped
from libyadata.readers.datapackage import DataPackage
from libyadata.readers.packageerror import PackageError
from libyadata.readers.shipped import ShippedPackage
from sitekit import PACKAGE, edit_jsonl

WITH_RECORDS = [t.name for t in TABLES if DataPackage.open(PACKAGE).has(f"{t.name}-jsonl")]


def assert_identical(made: object, validated: object, where: str) -> None:
    """Fail unless two values are equal with the same types all the way down, fields set too."""
    assert type(made) is type(validated), where
    if isinstance(made, BaseModel) and isinstance(validated, BaseModel):
        assert made.model_fields_set == validated.model_fields_set, where
        assert list(vars(made)) == list(vars(validated)), where
        for name, value in vars(made).items():
            assert_identical(value, vars(validated)[name], f"{where}.{name}")
    elif isinstance(made, tuple) and isinstance(validated, tuple):
        assert len(made) == len(validated), where
        for index, (left, right) in enumerate(zip(made, validated, strict=True)):
            assert_identical(left, right, f"{where}[{index}]")
    else:
        assert made == validated, where


def _rows(name: str) -> list[dict[str, Any]]:
    lines = (PACKAGE / "jsonl" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_the_package_has_records_to_compare() -> None:
    assert {"seeds", "actors", "places", "visits", "agreements"} <= set(WITH_RECORDS)


@pytest.mark.parametrize("name", WITH_RECORDS)
def test_rebuilt_records_are_the_validated_records(name: str) -> None:
    validated = DataPackage.open(PACKAGE).records(name)
    made = rebuild(TABLES.named(name).model, _rows(name))  # raises if it would fall back
    assert len(made) == len(validated) > 0
    assert_identical(made, validated, name)
    assert_identical(ShippedPackage.open(PACKAGE).records(name), validated, name)


def test_rebuilt_records_are_immutable_and_hashable() -> None:
    visit = rebuild(Visit, _rows("visits"))[0]
    with pytest.raises(ValidationError, match="frozen"):
        visit.status = visit.status  # type: ignore[misc]
    assert hash(visit) == hash(DataPackage.open(PACKAGE).records("visits")[0])


def _visit() -> dict[str, Any]:
    return _rows("visits")[0]


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """Return an edit that sets the dotted ``path`` of a row (``evidence.0.start``)."""

    def edit(row: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = row
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value

    return edit


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("evidence.0.start", 1155.0),  # pydantic makes an int of it; a dump writes 1155
        ("evidence.0.start", "1155"),
        ("evidence.0.start", True),
        ("evidence", {"0": "not a list"}),
        ("visitors", "ACT-khalifa-haftar"),
        ("status", "maybe"),  # not a member
        ("status", 1),
        ("date.earliest", "2016-06-31"),  # no such day
        ("date.earliest", 20160601),
        ("date", "2016"),
        ("purpose", 7),
        ("unknown_field", "x"),
    ],
)
def test_what_a_validated_dump_would_not_hold_is_refused(path: str, value: object) -> None:
    row = _visit()
    _set(path, value)(row)
    with pytest.raises(RebuildError):
        rebuild(Visit, [row])


def test_a_row_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(RebuildError, match="not a Visit"):
        rebuild(Visit, [[_visit()]])


class _Loose(StrictModel):
    """Field types a validated dump cannot be told apart by: the rebuild refuses them."""

    either: int | str = Field(description="A union of two kinds.")


class _Listed(StrictModel):
    """A list, which a record never holds (records hold tuples)."""

    items: list[int] = Field(description="Numbers.")


@pytest.mark.parametrize(("model", "row"), [(_Loose, {"either": 1}), (_Listed, {"items": [1]})])
def test_field_types_it_cannot_make_are_refused(model: type[StrictModel], row: Any) -> None:
    with pytest.raises(RebuildError, match="cannot rebuild"):
        rebuild(model, [row])


def test_a_float_field_takes_a_whole_number_as_pydantic_does() -> None:
    rows = [row for row in _rows("migration_figures") if row["quantity"]["value"] is not None]
    row = rows[0]
    row["quantity"]["value"] = int(row["quantity"]["value"])
    made = rebuild(TABLES.named("migration_figures").model, [row])[0]
    validated = TABLES.named("migration_figures").model.model_validate(row)
    assert_identical(made, validated, "migration_figures")
    assert type(made.quantity.value) is float  # type: ignore[attr-defined]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "package")
    return tmp_path / "package"


def test_a_shipped_line_that_is_not_a_dump_is_validated(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Valid, but not as a dump writes it: the shipped package validates the table instead.
    # Schema v2 and its strict inputs leave no valid JSON that is not a dump (an integer as
    # 3871.0, a date as seconds since 1970 are refused), so the rebuild is told to refuse.
    calls: list[str] = []

    def refuse(model: type[BaseModel], rows: Any) -> Any:
        calls.append(model.__name__)
        raise RebuildError("not a dump")

    monkeypatch.setattr("libyadata.models.trusted.rebuild", refuse)
    validated = DataPackage.open(PACKAGE).records("visits")
    assert_identical(ShippedPackage.open(copy).records("visits"), validated, "visits")
    assert calls == ["Visit"]


def test_a_shipped_line_that_is_not_valid_fails_validation(copy: Path) -> None:
    edit_jsonl(copy, "jsonl/visits.jsonl", _set("status", "maybe"))
    with pytest.raises(PackageError) as caught:  # the project's error, not pydantic's
        ShippedPackage.open(copy).records("visits")
    problems = caught.value.problems
    assert {p.code for p in problems} == {"unknown-enum"}
    assert all(str(p.field).endswith("status") for p in problems)


def test_a_changed_shipped_file_is_never_read(copy: Path) -> None:
    path = copy / "jsonl" / "visits.jsonl"
    path.write_bytes(path.read_bytes().replace(b'"occurred"', b'"declined"', 1))
    with pytest.raises(PackageError, match="does not match"):
        ShippedPackage.open(copy).records("visits")


@pytest.fixture
def fresh_installed() -> Iterator[None]:
    shipped.installed.cache_clear()
    yield
    shipped.installed.cache_clear()


@pytest.mark.usefixtures("fresh_installed")
def test_only_the_package_inside_the_wheel_is_shipped(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A checkout (an editable install) has no data/ beside the code: its working package is
    # validated in full.
    assert not (Path(shipped.__file__).parents[1] / "data").exists()
    assert type(shipped.installed()) is DataPackage
    shipped.installed.cache_clear()
    monkeypatch.setattr(shipped, "_shipped_dir", lambda: copy)
    assert type(shipped.installed()) is ShippedPackage
    assert shipped.installed().root == copy


def test_loading_defines_only_the_models_of_the_table_and_builds_no_validator() -> None:
    # A fresh process reads the checkout's package as the wheel's would be read; the modules
    # loaded say what `load` paid for.
    code = (
        "import sys, libyadata\n"
        "from libyadata.readers.shipped import ShippedPackage\n"
        "from libyadata.models.tables import TABLES\n"
        f"package = ShippedPackage.open({str(PACKAGE)!r})\n"
        "visits = package.records('visits')\n"
        "print(len(visits), type(visits[0]).__name__)\n"
        "names = ('libyadata', 'pydantic')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(names))))\n"
        "print(type(TABLES.named('visits').model.__pydantic_validator__).__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    counted, loaded, validator = result.stdout.splitlines()
    assert counted == f"{len(_rows('visits'))} Visit"
    modules = set(loaded.split())
    assert "libyadata.models.records" in modules
    unneeded = {
        "libyadata.models.reference",  # seeds, actors and places
        "libyadata.models.retraction",  # which defines every model
        "libyadata.models.exclusion",
        "libyadata.models.fieldpaths",
        "libyadata.formats.layout",
        "libyadata.formats.cells",
        "pydantic.plugin._loader",  # pydantic's scan of every installed distribution
        "pydantic.type_adapter",
    }
    assert not modules & unneeded, modules & unneeded
    assert validator == "MockValSer"  # Visit's own validator is built on first use only


def test_a_date_keeps_the_keys_it_was_given() -> None:
    # What was written is what is set, so a date read back from its dump is the date dumped.
    given = {"precision": "year", "value": "2020", "basis": "stated", "note": None}
    date = Visit.model_validate({**_visit(), "date": given}).date
    assert date is not None
    assert date.model_fields_set == {*given, "earliest", "latest"}
    assert (date.earliest, date.latest) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))


def test_a_shipped_descriptor_that_is_not_a_package_is_reported_in_full(copy: Path) -> None:
    (copy / "datapackage.json").write_text('{"resources": ', encoding="utf-8")
    with pytest.raises(PackageError) as shipped:
        ShippedPackage.open(copy)
    with pytest.raises(PackageError) as outside:
        DataPackage.open(copy)
    assert shipped.value.problems == outside.value.problems
    assert [p.code for p in shipped.value.problems] == ["package-json"]


def test_frictionless_gets_the_shipped_package_only_after_the_full_check(copy: Path) -> None:
    # Read as the code's own file, the descriptor is parsed without the hostile-input checks;
    # before frictionless (which would fetch a profile URL) reads it, they run.
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["profile"] = "http://127.0.0.1:9/profile.json"
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    package = ShippedPackage.open(copy)
    assert len(package.records("visits")) == len(_rows("visits"))
    with pytest.raises(PackageError) as refused:
        package.frictionless()
    assert [p.code for p in refused.value.problems] == ["package-structure"]
