"""What every exporter shares: the CSV tables of a package, read typed, and its errors."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..core.jsontypes import JsonSchema
from ..formats import cells
from ..readers.datapackage import DataPackage
from ..readers.packageerror import PackageError


class ExportError(Exception):
    """A package cannot be exported: an unknown field type, a bad header or a broken key."""


def csv_resources(package: DataPackage) -> list[JsonSchema]:
    """Return the descriptors of the CSV resources of ``package``, in package order."""
    return [
        dict(resource)
        for resource in package.descriptor["resources"]
        if resource.get("format") == "csv" and "schema" in resource
    ]


def typed_rows(package: DataPackage, resource: JsonSchema) -> Iterator[tuple[Any, ...]]:
    """Yield each row of a CSV resource as values typed by its Table Schema (``cells.decode``).

    The bytes are hash-checked first (``PackageError``); a header that is not the schema's, a
    row of the wrong width, a cell its type cannot read or broken CSV is an ``ExportError``
    naming the file and line.
    """
    name = resource["name"]
    fields = resource["schema"]["fields"]
    dialect = resource.get("dialect", {})
    try:
        text = package.read_bytes(name).decode(resource.get("encoding", "utf-8"))
    except UnicodeDecodeError as error:
        raise PackageError(
            f"{resource['path']} is not {resource.get('encoding')}: {error}"
        ) from None
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=dialect.get("delimiter", ","),
        quotechar=dialect.get("quoteChar", '"'),
        doublequote=dialect.get("doubleQuote", True),
        strict=True,
    )
    names = [field["name"] for field in fields]
    missing = set(resource["schema"].get("missingValues", [""]))
    try:
        header = next(reader, None)
        if dialect.get("header", True) and header != names:
            raise ExportError(f"{resource['path']}: header {header} is not the schema's {names}")
        for row in reader:
            if len(row) != len(fields):
                raise ExportError(
                    f"{resource['path']} line {reader.line_num}: {len(row)} cells, "
                    f"expected {len(fields)}"
                )
            try:
                yield tuple(
                    cells.decode("" if cell in missing else cell, field)
                    for cell, field in zip(row, fields, strict=True)
                )
            except ValueError as error:
                raise ExportError(f"{resource['path']} line {reader.line_num}: {error}") from None
    except csv.Error as error:
        raise ExportError(f"{resource['path']} line {reader.line_num}: {error}") from None


def check_file_target(target: Path) -> None:
    """Refuse a file target that is a folder or whose folder does not exist, before any work."""
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; give the path of a file")
    if not target.parent.is_dir():
        raise FileNotFoundError(f"{target.parent} does not exist; create it first")
