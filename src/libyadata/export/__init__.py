"""The data package in other formats: one module per format and one registry of them.

``EXPORTERS`` maps a format name to its ``Exporter``: what it writes (a file or a folder), a
one-line summary for ``libyadata export --help`` and the function that writes it. The command
line builds one ``libyadata export NAME`` command per entry, so adding a format is a module
here and a line in the registry. Every exporter reads the hash-checked package and writes its
output whole or not at all.

- ``sqlite``: every CSV table in one SQLite database (``sqlite.py``);
- ``parquet``: one Parquet file per CSV table, typed by the Table Schemas (``parquet.py``);
- ``geojson``: the places with coordinates as GeoJSON points (``geojson.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..readers.datapackage import DataPackage
from .common import ExportError, csv_resources
from .geojson import export_geojson
from .parquet import export_parquet
from .sqlite import (
    METADATA_TABLE,
    SQL_TYPES,
    create_table,
    datasette_metadata,
    export_sqlite,
    write_datasette_metadata,
)


@dataclass(frozen=True)
class Exporter:
    """One export format."""

    name: str
    """The format's name: ``libyadata export NAME``."""
    summary: str
    """What the export is, in one line, for the command's help."""
    target: Literal["file", "folder"]
    """Whether it writes one file or a folder of files."""
    metavar: str
    """How the command's help names the output: ``OUT.db``, ``DIR``."""
    write: Callable[[DataPackage, Path], dict[str, int]]
    """Writes the package to the output; returns counts of what it wrote, for the summary."""
    extra: str = ""
    """What installs its dependencies, if they are optional: ``libyadata[parquet]``."""


EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        Exporter(
            "sqlite",
            "Every CSV table in one SQLite database, typed from the Table Schemas (dates ISO "
            "8601 TEXT, arrays JSON TEXT), with NOT NULL, primary and foreign keys and a "
            "_metadata table.",
            "file",
            "OUT.db",
            export_sqlite,
        ),
        Exporter(
            "parquet",
            "One Parquet file per CSV table, typed from the Table Schemas: dates as dates, "
            "enumerations as dictionaries, nullable integers, arrays as lists; descriptions "
            "and keys in the metadata.",
            "folder",
            "DIR",
            export_parquet,
            extra="libyadata[parquet]",
        ),
        Exporter(
            "geojson",
            "The places that have coordinates as a GeoJSON FeatureCollection (RFC 7946) of "
            "Points, with names, country and the ids of the records that name each place.",
            "file",
            "OUT.geojson",
            export_geojson,
        ),
    )
}

__all__ = [
    "EXPORTERS",
    "METADATA_TABLE",
    "SQL_TYPES",
    "ExportError",
    "Exporter",
    "create_table",
    "csv_resources",
    "datasette_metadata",
    "export_geojson",
    "export_parquet",
    "export_sqlite",
    "write_datasette_metadata",
]
