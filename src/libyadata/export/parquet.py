"""The CSV tables of a data package as Parquet files, one per table, typed by the Table Schemas.

Each CSV resource becomes ``<table>.parquet`` with one column per Table Schema field:

- ``string`` → ``string``, or ``dictionary<int32, string>`` when the field has an ``enum``
  constraint (the dictionary holds every allowed value, in the schema's order);
- ``integer`` → ``int64`` and ``number`` → ``float64``, both nullable (an empty cell is null);
- ``boolean`` → ``bool``; ``date`` → ``date32``; ``datetime`` → ``timestamp[s, UTC]``;
- ``array`` → ``list<string>`` (the package's arrays hold field names and identifiers);
- a required field is declared non-nullable.

Each field keeps its description (field metadata ``description``), and each file's schema
metadata holds ``libyadata`` (JSON: package name, id, version, the resource's name, title,
description, primary and foreign keys). The files are written into a folder beside ``DIR`` and
put in its place whole, so ``DIR`` is the old export or the whole new one. pyarrow is
imported here only: the ``parquet`` extra installs it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import atomic
from ..core.jsontypes import JsonSchema
from ..readers.datapackage import DataPackage
from .common import ExportError, csv_resources, typed_rows

if TYPE_CHECKING:
    import pyarrow as pa

SUFFIX = ".parquet"


def export_parquet(package: DataPackage, target: Path) -> dict[str, int]:
    """Write every CSV resource of ``package`` as ``<table>.parquet`` into folder ``target``.

    Returns the number of rows written per table. ``target`` may be new, empty or an earlier
    Parquet export (it is replaced whole); any other folder is refused with
    ``FileExistsError``. Raises ``ImportError`` when pyarrow is missing, ``PackageError`` for
    a file that fails its hash check and ``ExportError`` for data that does not fit its
    Table Schema; ``target`` is then as it was.
    """
    import pyarrow.parquet as pq

    counts: dict[str, int] = {}

    def fill(folder: Path) -> None:
        for resource in csv_resources(package):
            table = arrow_table(package, resource)
            # No statistics-free surprises: one row group, dictionary pages, zstd.
            pq.write_table(table, folder / f"{resource['name']}{SUFFIX}", compression="zstd")
            counts[resource["name"]] = table.num_rows

    atomic.write_folder(Path(target), fill, replaceable=is_parquet_export)
    return counts


def is_parquet_export(folder: Path) -> bool:
    """Whether ``folder`` holds only what ``export_parquet`` writes (so it may be replaced)."""
    return all(path.is_file() and path.suffix == SUFFIX for path in folder.iterdir())


def arrow_type(field: JsonSchema) -> pa.DataType:
    """Return the Arrow type of a Table Schema field of a CSV resource."""
    import pyarrow as pa

    kind = field.get("type", "string")
    if kind == "string" and "enum" in field.get("constraints", {}):
        return pa.dictionary(pa.int32(), pa.string())
    types: dict[str, pa.DataType] = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "datetime": pa.timestamp("s", tz="UTC"),
        "array": pa.list_(pa.string()),
    }
    if kind not in types:
        raise ExportError(f"{field['name']}: no Arrow type for Table Schema {kind!r}")
    return types[kind]


def arrow_table(package: DataPackage, resource: JsonSchema) -> pa.Table:
    """Return one CSV resource of ``package`` as an Arrow table typed by its Table Schema."""
    import pyarrow as pa

    fields = resource["schema"]["fields"]
    columns: list[list[Any]] = [[] for _ in fields]
    for row in typed_rows(package, resource):
        for column, value in zip(columns, row, strict=True):
            column.append(value)
    arrays = []
    schema_fields = []
    for field, values in zip(fields, columns, strict=True):
        kind = arrow_type(field)
        try:
            arrays.append(_array(field, values, kind))
        except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError) as error:
            raise ExportError(f"{resource['path']} column {field['name']}: {error}") from None
        required = bool(field.get("constraints", {}).get("required"))
        metadata = {"description": field.get("description", ""), "type": field.get("type", "")}
        schema_fields.append(
            pa.field(field["name"], kind, nullable=not required, metadata=metadata)
        )
    about = {
        key: value
        for key, value in (
            ("package", package.descriptor.get("name")),
            ("id", package.descriptor.get("id")),
            ("version", package.version),
            ("resource", resource["name"]),
            ("title", resource.get("title")),
            ("description", resource.get("description")),
            ("primaryKey", resource["schema"].get("primaryKey")),
            ("foreignKeys", resource["schema"].get("foreignKeys")),
        )
        if value is not None
    }
    schema = pa.schema(schema_fields, metadata={"libyadata": json.dumps(about, ensure_ascii=False)})
    return pa.Table.from_arrays(arrays, schema=schema)


def _array(field: JsonSchema, values: list[Any], kind: pa.DataType) -> pa.Array[Any]:
    import pyarrow as pa

    if pa.types.is_dictionary(kind):
        allowed = [str(value) for value in field["constraints"]["enum"]]
        index = {value: position for position, value in enumerate(allowed)}
        unknown = sorted({v for v in values if v is not None and v not in index})
        if unknown:
            raise ValueError(f"{unknown} not among the allowed values {allowed}")
        indices = pa.array([None if v is None else index[v] for v in values], type=pa.int32())
        return pa.DictionaryArray.from_arrays(indices, pa.array(allowed, type=pa.string()))
    if pa.types.is_date32(kind):
        values = [None if v is None else dt.date.fromisoformat(v) for v in values]
    elif pa.types.is_timestamp(kind):
        values = [None if v is None else dt.datetime.fromisoformat(v) for v in values]
    return pa.array(values, type=kind)
