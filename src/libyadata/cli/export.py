"""``libyadata export``: the data package in other formats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import _fail, _fail_package, _package

# Typed out: mypy cannot infer it across the import cycle with the package.
export_app: typer.Typer = typer.Typer(
    help="Export the data package to other formats.", no_args_is_help=True
)


@export_app.command("sqlite")
def export_sqlite_command(
    out: Annotated[
        Path,
        typer.Argument(metavar="OUT.db", help="The database file to write (replaced whole)."),
    ],
    package_path: Annotated[
        Path | None,
        typer.Option(
            "--package",
            help="A built data package: its folder or datapackage.json.",
            show_default="the package installed with libyadata",
        ),
    ] = None,
    metadata: Annotated[
        Path | None,
        typer.Option(
            "--metadata",
            help="Also write a Datasette metadata file (datasette OUT.db -m FILE) with the "
            "descriptions of every table and column.",
        ),
    ] = None,
) -> None:
    """Export every CSV table of the data package into one SQLite database.

    Column types follow the Table Schemas (dates are ISO 8601 TEXT, arrays JSON TEXT), with
    NOT NULL, primary and foreign keys; a _metadata table names the package and its version.
    The file is written whole or not at all. Exits 0 on success, 1 when the package fails its
    checks (nothing is written), 2 on a path that cannot be read or written.
    """
    import sqlite3

    from ..access.export import ExportError, export_sqlite, write_datasette_metadata
    from ..formats.datapackage import PackageError

    def cannot_write(path: Path, error: OSError) -> NoReturn:
        reason = error.strerror if error.filename else str(error)
        _fail(f"cannot write {path}: {reason}", 2)

    try:
        package = _package(package_path)
    except PackageError as error:
        _fail_package(error, 2)
    for target in (out, metadata):
        # Both outputs or neither: refuse before writing when a folder is missing.
        if target is not None and not target.parent.is_dir():
            _fail(f"cannot write {target}: folder {target.parent} does not exist", 2)
    try:
        counts = export_sqlite(package, out)
    except OSError as error:
        cannot_write(out, error)
    except (PackageError, ExportError, sqlite3.Error) as error:
        _fail(f"{error}; nothing was written", 1)
    if metadata is not None:
        try:
            write_datasette_metadata(package, out, metadata)
        except OSError as error:
            cannot_write(metadata, error)
    typer.echo(
        f"exported: {out} · {len(counts)} tables, {sum(counts.values())} rows · "
        f"{package.descriptor.get('name')} {package.version} from {package.root}"
        + (f" · datasette metadata {metadata}" if metadata is not None else "")
    )
