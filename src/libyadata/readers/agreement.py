"""One package, one story: a table's CSV and JSON Lines forms must hold the same records.

A package carries every table twice, as flat CSV tables and as JSON Lines of whole records.
Readers take either (loading and the site the JSON Lines, DataFrames and exports the CSV), so
a package whose two forms differ would tell each reader a different story. ``disagreements``
reads both forms of one table, validated into records, and reports the first record that
differs; it also reports a text cell of the CSV that a spreadsheet would run as a formula
(the models refuse such free text; a quote or its context copied from a seed is refused
here). ``DataPackage`` runs it once per table before any form of the table is handed out, and
``validate --package`` reports it: it is the one place the check is made.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..core.catalogue.package_problems import PACKAGE_FORMS_DISAGREE, PACKAGE_FORMULA
from ..core.chars import formula_like

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ..core.problems import Problem
    from ..models.tables import Table


class Forms(Protocol):
    """What is compared of a package: ``DataPackage`` is one (this module reads no package)."""

    @property
    def root(self) -> Path:
        """The package's folder."""

    @property
    def schema_version(self) -> int:
        """The schema version the package follows."""

    def has(self, name: str) -> bool:
        """Whether the package has the resource ``name``."""

    def resource(self, name: str) -> dict[str, Any]:
        """Return the descriptor entry of resource ``name``."""

    def verified_bytes(self, name: str) -> bytes:
        """Return the bytes of resource ``name``, checked against its hash."""

    def records(
        self, name: str, *, form: Literal["jsonl", "csv"] = "jsonl"
    ) -> tuple[BaseModel, ...]:
        """Return the records of table ``name`` read from one form."""


#: Table Schema field types whose CSV cells are text a spreadsheet reads as typed.
_TEXT_TYPES = frozenset({"string", "any"})


def resources_of(package: Forms, source: Table) -> tuple[str, ...]:
    """Return the names of the resources that hold a form of ``source`` in ``package``."""
    from ..formats.layout import layouts_of
    from ..formats.packagenames import JSON_SUFFIX

    names = [layout.name for layout in layouts_of(source)]
    return tuple(name for name in (*names, f"{source.name}{JSON_SUFFIX}") if package.has(name))


def disagreements(package: Forms, source: Table) -> list[Problem]:
    """Return the problems of ``source``'s two forms in ``package``: none when they agree.

    Raises ``PackageError`` when a form cannot be read at all (its hash, its JSON, a record
    its model refuses): what cannot be read cannot be compared.
    """
    from ..formats.packagenames import JSON_SUFFIX

    problems = _formulas(package, source)
    if not package.has(f"{source.name}{JSON_SUFFIX}") or not package.has(source.name):
        return problems
    from ..core.versions import SCHEMA_VERSION

    if package.schema_version < int(SCHEMA_VERSION) or not _laid_out_today(package, source):
        return problems + _shallow(package, source)
    from_json = package.records(source.name, form="jsonl")
    from_csv = package.records(source.name, form="csv")
    shown = f"{package.root.name}/{source.name}"
    if len(from_json) != len(from_csv):
        message = (
            f"{shown}: the JSON Lines hold {len(from_json)} record(s), the CSV "
            f"{len(from_csv)}: the two forms of one table must hold the same records"
        )
        return [*problems, PACKAGE_FORMS_DISAGREE(message=message, file=shown)]
    for number, (first, second) in enumerate(zip(from_json, from_csv, strict=True), start=1):
        if first != second:
            field = _first_difference(first, second)
            record_id = str(getattr(first, "id", f"(record {number})"))
            message = (
                f"{shown}: record {number} ({_printable(record_id)}) differs in {field} between "
                "the JSON Lines and the CSV: the two forms of one table must agree"
            )
            problems.append(
                PACKAGE_FORMS_DISAGREE(
                    message=message, file=shown, record_id=record_id, field=field
                )
            )
            break
    return problems


def _laid_out_today(package: Forms, source: Table) -> bool:
    """Whether the package holds every flat table of ``source`` that today's layout makes."""
    from ..formats.layout import layouts_of

    return all(package.has(layout.name) for layout in layouts_of(source))


def _shallow(package: Forms, source: Table) -> list[Problem]:
    """Compare the forms of a package laid out otherwise than today, on their shared fields.

    A package of an earlier schema version, or one without a flat table today's layout makes:
    record by record, on the fields its top-level CSV table shares with its JSON Lines, since
    today's layout cannot rebuild its CSV into records (ids, statuses, names are compared).
    """
    from ..formats import cells
    from ..formats.packagenames import JSON_SUFFIX

    shown = f"{package.root.name}/{source.name}"
    fields = {
        str(field.get("name")): field
        for field in package.resource(source.name).get("schema", {}).get("fields", [])
        if isinstance(field, dict)
    }
    try:
        lines = package.verified_bytes(f"{source.name}{JSON_SUFFIX}").splitlines()
        records = [json.loads(line) for line in lines if line]
        text = package.verified_bytes(source.name).decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except (ValueError, RecursionError, csv.Error):
        return []  # a form that does not read: its reader says why, with its line
    if len(records) != len(rows):
        message = (
            f"{shown}: the JSON Lines hold {len(records)} record(s), the CSV {len(rows)}: the "
            "two forms of one table must hold the same records"
        )
        return [PACKAGE_FORMS_DISAGREE(message=message, file=shown)]
    for number, (record, row) in enumerate(zip(records, rows, strict=True), start=1):
        if not isinstance(record, dict):
            return []  # not a record: the JSON Lines reader refuses it
        for name, cell in row.items():
            value = record.get(name) if name in fields else None
            if name not in record or not isinstance(value, str | int | float | bool | None):
                continue
            try:
                same = cells.decode(cell or "", fields[name]) == value
            except (ValueError, TypeError):
                same = False
            if not same:
                record_id = str(record.get("id", f"(record {number})"))
                message = (
                    f"{shown}: record {number} ({_printable(record_id)}) differs in {name} "
                    "between the JSON Lines and the CSV: the two forms of one table must agree"
                )
                return [
                    PACKAGE_FORMS_DISAGREE(
                        message=message, file=shown, record_id=record_id, field=name
                    )
                ]
    return []


def _first_difference(first: BaseModel, second: BaseModel) -> str:
    one, other = first.model_dump(mode="json"), second.model_dump(mode="json")
    for key in (*one, *other):
        if one.get(key) != other.get(key):
            return key
    return "its type"


def _formulas(package: Forms, source: Table) -> list[Problem]:
    problems = []
    for name in resources_of(package, source):
        resource = package.resource(name)
        if resource.get("format") != "csv":
            continue
        fields: list[dict[str, Any]] = resource.get("schema", {}).get("fields", [])
        text_columns = {
            index
            for index, field in enumerate(fields)
            if isinstance(field, dict) and field.get("type", "string") in _TEXT_TYPES
        }
        data = package.verified_bytes(name).decode("utf-8", errors="replace")
        try:
            rows = list(csv.reader(io.StringIO(data, newline="")))[1:]
        except csv.Error:
            continue  # broken CSV: the readers of the form report it, with its line
        for row_number, row in enumerate(rows, start=1):
            for index in text_columns:
                if index < len(row) and formula_like(row[index]):
                    problems.append(
                        PACKAGE_FORMULA(
                            shown=str(resource.get("path", name)),
                            row=row_number,
                            column=str(fields[index].get("name")),
                            char=repr(row[index][0]),
                            file=str(resource.get("path", name)),
                            line=row_number + 1,
                            field=str(fields[index].get("name")),
                        )
                    )
    return problems


def _printable(text: str) -> str:
    from ..core.chars import printable

    return printable(text)
