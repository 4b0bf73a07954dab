"""``libyadata export``: the data package in other formats, one command per registered format.

The formats are those of ``libyadata.export.EXPORTERS``; each gets ``libyadata export
NAME OUT [--package PATH]``. SQLite has one more option (``--metadata``), so its command is
written out; every other format's command is made from its registry entry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ..export import EXPORTERS, Exporter
from . import Command, PackagePath, _fail, _fail_package, _package

if TYPE_CHECKING:
    from ..readers.datapackage import DataPackage

# Typed out: mypy cannot infer it across the import cycle with the package.
export_app: typer.Typer = typer.Typer(
    help="Export the data package to other formats.", no_args_is_help=True
)


def _cannot_write(path: Path, error: OSError) -> NoReturn:
    reason = error.strerror if error.filename and error.strerror else str(error)
    _fail(f"cannot write {path}: {reason}", 2)


def run(name: str, out: Path, package_path: Path | None) -> tuple[DataPackage, dict[str, int]]:
    """Export the package (installed, or at ``package_path``) as format ``name`` to ``out``.

    Exits 2 when the package cannot be opened or ``out`` cannot be written, 1 when the
    package fails its checks; nothing is written then.
    """
    import sqlite3

    from ..export import ExportError
    from ..readers.packageerror import PackageError

    exporter = EXPORTERS[name]
    try:
        package = _package(package_path)
    except PackageError as error:
        _fail_package(error, 2)
    if not out.parent.is_dir():
        _fail(f"cannot write {out}: folder {out.parent} does not exist", 2)
    try:
        counts = exporter.write(package, out)
    except ImportError as error:
        _fail(f"{name} export needs {error.name}: pip install '{exporter.extra}'", 2)
    except OSError as error:
        _cannot_write(out, error)
    except PackageError as error:
        _fail_package(error, 1)  # each problem with its code; nothing was written
    except (ExportError, sqlite3.Error) as error:
        _fail(f"{error}; nothing was written", 1)
    return package, counts


def _summary(out: Path, counts: dict[str, int], package: DataPackage, tables: bool) -> str:
    what = (
        f"{len(counts)} tables, {sum(counts.values())} rows"
        if tables
        else ", ".join(f"{count} {label}" for label, count in counts.items())
    )
    return (
        f"exported: {out} · {what} · {package.descriptor.get('name')} {package.version} "
        f"from {package.root}"
    )


@export_app.command("sqlite", cls=Command)
def export_sqlite_command(
    out: Annotated[
        Path,
        typer.Argument(metavar="OUT.db", help="The database file to write (replaced whole)."),
    ],
    package_path: PackagePath = None,
    metadata: Annotated[
        Path | None,
        typer.Option(
            "--metadata",
            metavar="FILE",
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
    from ..export import write_datasette_metadata

    if metadata is not None and not metadata.parent.is_dir():
        # Both outputs or neither: refuse before writing when a folder is missing.
        _fail(f"cannot write {metadata}: folder {metadata.parent} does not exist", 2)
    package, counts = run("sqlite", out, package_path)
    if metadata is not None:
        try:
            write_datasette_metadata(package, out, metadata)
        except OSError as error:
            _cannot_write(metadata, error)
    typer.echo(
        _summary(out, counts, package, tables=True)
        + (f" · datasette metadata {metadata}" if metadata is not None else "")
    )


def _command(exporter: Exporter) -> Callable[..., None]:
    name, target = exporter.name, exporter.target
    written = "replaced whole" if target == "folder" else "written whole or not at all"

    def command(out: Path, package_path: Path | None = None) -> None:
        package, counts = run(name, out, package_path)
        typer.echo(_summary(out, counts, package, tables=target == "folder"))

    # Real objects, not the strings `from __future__ import annotations` leaves: typer reads
    # them, and the argument's help names this exporter.
    command.__annotations__ = {
        "out": Annotated[
            Path,
            typer.Argument(metavar=exporter.metavar, help=f"The {target} to write ({written})."),
        ],
        "package_path": PackagePath,
        "return": None,
    }
    command.__doc__ = (
        f"{exporter.summary}\n\nExits 0 on success, 1 when the package fails its checks "
        "(nothing is written), 2 on a path that cannot be read or written."
    )
    return command


for _exporter in EXPORTERS.values():
    if _exporter.name != "sqlite":  # written out above, for its --metadata option
        export_app.command(_exporter.name, cls=Command)(_command(_exporter))
