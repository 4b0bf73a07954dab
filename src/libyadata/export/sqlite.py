"""The CSV tables of a data package as one SQLite database, for SQL tools and Datasette.

Every CSV resource becomes a table of the same name with the columns of its Table Schema:

- ``string`` → ``TEXT``; ``integer`` → ``INTEGER``; ``number`` → ``REAL``; ``boolean`` →
  ``INTEGER`` (0 or 1);
- ``date`` → ``TEXT`` holding ISO 8601 (``2023-09-28``), which sorts and compares as a date
  and which SQLite's date functions read; ``datetime`` likewise;
- ``array`` → ``TEXT`` holding a compact JSON array (``["date","visitors"]``), which SQLite's
  JSON functions read (``json_each``);
- a missing value (the empty cell) is ``NULL``; a required field is ``NOT NULL``; the primary
  key and the foreign keys are declared as in the Table Schema (a foreign key with no
  ``resource`` points into its own table).

Each column carries its Table Schema type and description as an SQL comment, which SQLite keeps
in the schema (``.schema``, Datasette's table page). A ``_metadata`` table holds the package's
name, id, version, creation time, title and licence. Datasette (0.65) reads table and column
descriptions only from a separate metadata file (``datasette -m``): ``datasette_metadata``
returns one and ``write_datasette_metadata`` writes it.

The rows are read from the hash-checked CSV bytes; the database is written to a temporary file
beside the target and renamed over it only when complete and its foreign keys hold, so the
target is either the old file or the whole new one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .._version import __version__
from ..core import atomic
from ..core.jsontypes import JsonSchema
from ..formats import cells
from ..readers.datapackage import DataPackage
from .common import ExportError, check_file_target, csv_resources, typed_rows

#: SQLite column type of each Table Schema field type found in the CSV resources.
SQL_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "date": "TEXT",
    "datetime": "TEXT",
    "array": "TEXT",
}

#: How a column's values are written, where that is not plain from its SQL type.
_NOTES = {
    "date": "ISO 8601 date (YYYY-MM-DD)",
    "datetime": "ISO 8601 date and time",
    "array": "a JSON array",
    "boolean": "0 or 1",
}

METADATA_TABLE = "_metadata"


def export_sqlite(package: DataPackage, target: Path) -> dict[str, int]:
    """Write every CSV resource of ``package`` as a table of a SQLite database at ``target``.

    Returns the number of rows written per table, in package order (``_metadata`` not
    counted). On any error the temporary file is removed and ``target`` is left as it was;
    raises ``PackageError`` for a file that fails its hash check, ``ExportError`` for data
    that does not fit its Table Schema, and ``OSError`` when ``target`` cannot be written.
    """
    counts: dict[str, int] = {}

    def write(temporary: Path) -> None:
        connection = sqlite3.connect(temporary)
        try:
            counts.update(_write(connection, package))
        finally:
            connection.close()

    _replace(Path(target), write)
    return counts


def write_datasette_metadata(package: DataPackage, database: Path, target: Path) -> None:
    """Write ``datasette_metadata`` for the export at ``database`` to ``target`` (JSON)."""
    document = datasette_metadata(package, Path(database).stem)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    _replace(Path(target), lambda temporary: temporary.write_text(text, encoding="utf-8"))


def create_table(resource: JsonSchema) -> str:
    """Return the ``CREATE TABLE`` statement of a CSV resource, from its Table Schema."""
    name = resource["name"]
    schema = resource["schema"]
    primary_key = list(schema.get("primaryKey", []))
    lines: list[tuple[str, str]] = []
    for field in schema["fields"]:
        kind = field.get("type", "string")
        if kind not in SQL_TYPES:
            raise ExportError(f"{name}.{field['name']}: no SQLite type for Table Schema {kind!r}")
        constraints = field.get("constraints", {})
        sql = f"{_quote(field['name'])} {SQL_TYPES[kind]}"
        if constraints.get("required"):
            sql += " NOT NULL"
        if constraints.get("unique") and primary_key != [field["name"]]:
            sql += " UNIQUE"
        note = f"{kind}: {_NOTES[kind]}" if kind in _NOTES else kind
        lines.append((sql, _comment(f"{note}. {field.get('description', '')}")))
    if primary_key:
        lines.append((f"PRIMARY KEY ({_columns(primary_key)})", ""))
    for key in schema.get("foreignKeys", []):
        reference = key["reference"]
        parent = reference.get("resource") or name
        lines.append(
            (
                f"FOREIGN KEY ({_columns(key['fields'])}) "
                f"REFERENCES {_quote(parent)} ({_columns(reference['fields'])})",
                "",
            )
        )
    body = []
    for number, (sql, comment) in enumerate(lines, start=1):
        comma = "," if number < len(lines) else ""
        body.append(f"    {sql}{comma}" + (f" -- {comment}" if comment else ""))
    title = _comment(resource.get("description", ""))
    head = f"CREATE TABLE {_quote(name)} (" + (f" -- {title}" if title else "")
    return "\n".join([head, *body, ")"])


def datasette_metadata(package: DataPackage, database: str) -> dict[str, Any]:
    """Return a Datasette metadata document (``datasette -m``) for an export of ``package``.

    ``database`` is the name Datasette gives the database: its file name without ``.db``.
    It holds the package title, licence, and every table's and column's description.
    """
    descriptor = package.descriptor
    tables: dict[str, Any] = {
        METADATA_TABLE: {"description": "The data package this database was exported from."}
    }
    for resource in csv_resources(package):
        tables[resource["name"]] = {
            "title": resource.get("title", resource["name"]),
            "description": resource.get("description", ""),
            "columns": {
                field["name"]: field.get("description", "")
                for field in resource["schema"]["fields"]
            },
        }
    metadata: dict[str, Any] = {
        "title": descriptor.get("title", descriptor.get("name", "")),
        "description": descriptor.get("description", ""),
        "databases": {database: {"tables": tables}},
    }
    licenses = descriptor.get("licenses") or []
    if licenses:
        metadata["license"] = licenses[0].get("name", "")
        if "path" in licenses[0]:
            metadata["license_url"] = licenses[0]["path"]
    return metadata


def _write(connection: sqlite3.Connection, package: DataPackage) -> dict[str, int]:
    # The file is a temporary one that is deleted on any error: no journal is needed.
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    counts: dict[str, int] = {}
    with connection:
        connection.execute(
            f"CREATE TABLE {_quote(METADATA_TABLE)} (\n"
            '    "key" TEXT NOT NULL PRIMARY KEY,\n'
            '    "value" TEXT\n'
            ")"
        )
        connection.executemany(
            f"INSERT INTO {_quote(METADATA_TABLE)} VALUES (?, ?)",  # noqa: S608 (quoted name)
            _metadata_rows(package),
        )
        for resource in csv_resources(package):
            connection.execute(create_table(resource))
            fields = resource["schema"]["fields"]
            marks = ", ".join("?" for _ in fields)
            insert = f"INSERT INTO {_quote(resource['name'])} VALUES ({marks})"  # noqa: S608
            rows = list(_rows(package, resource))
            connection.executemany(insert, rows)
            counts[resource["name"]] = len(rows)
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            shown = "; ".join(f"{row[0]} row {row[1]} → {row[2]}" for row in broken[:5])
            raise ExportError(f"{len(broken)} row(s) break a foreign key: {shown}")
    return counts


def _metadata_rows(package: DataPackage) -> list[tuple[str, str | None]]:
    descriptor = package.descriptor
    licenses = ", ".join(str(item.get("name", "")) for item in descriptor.get("licenses", []))
    return [
        ("name", descriptor.get("name")),
        ("id", descriptor.get("id")),
        ("version", descriptor.get("version")),
        ("created", descriptor.get("created")),
        ("title", descriptor.get("title")),
        ("licenses", licenses or None),
        ("profile", descriptor.get("$schema")),
        ("exported_by", f"libyadata {__version__}"),
    ]


def _rows(package: DataPackage, resource: JsonSchema) -> Iterator[tuple[Any, ...]]:
    for row in typed_rows(package, resource):
        yield tuple(_value(value) for value in row)


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return cells.encode(value)  # validated JSON, written back in its compact form
    return value


def _replace(target: Path, write: Callable[[Path], object]) -> None:
    """Write ``target`` through a temporary file beside it: all of it, or nothing."""
    check_file_target(target)
    atomic.replace_file(target, write)


def _comment(text: str) -> str:
    return " ".join(text.split())


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _columns(names: list[str]) -> str:
    return ", ".join(_quote(name) for name in names)
