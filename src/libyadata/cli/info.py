"""``libyadata info``: what is installed, where the data lives and how to cite it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from . import Format, PackagePath, _fail, _package


def info_command(
    package_path: PackagePath = None,
    output: Annotated[
        Format, typer.Option("--format", metavar="text|json", help="Report format.")
    ] = Format.TEXT,
) -> None:
    """Print the versions, the tables and their counts, where the data lives, how to cite it.

    Works on an installed copy, with no checkout. Exits 0 on success, 1 when the package fails
    its checks, 2 when --package is not a package.
    """
    from .._version import __version__
    from ..cite.styles import cite
    from ..models.tables import TABLES
    from ..readers.packageerror import PackageError
    from ..readers.shipped import installed_is_release

    try:
        package = _package(package_path)
        counts = {t.name: len(package.records(t.name)) for t in TABLES if package.has(t.name)}
        citation = cite(package, None, "apa").strip()
    except (PackageError, KeyError, ValueError) as error:
        _fail(error, 2 if package_path else 1)
    if package_path is not None:
        where = "the package given with --package"
    elif installed_is_release():
        where = "the package shipped inside the installed libyadata"
    else:
        where = "the checkout's datasets/package: an editable install"
    report = {
        "libyadata": __version__,
        "data": {"name": package.descriptor.get("name"), "version": package.version},
        "created": package.descriptor.get("created"),
        "location": str(Path(package.root).resolve()),
        "source": where,
        "tables": counts,
        "citation": citation,
    }
    if output == Format.JSON:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    width = max(len(name) for name in counts) if counts else 0
    lines = [
        f"libyadata {__version__} · data {package.descriptor.get('name')} {package.version} "
        f"(created {report['created']})",
        f"data: {report['location']} ({where})",
        "tables:",
        *(f"  {name:<{width}}  {count:>5}" for name, count in counts.items()),
        "cite:",
        f"  {citation}",
        "  (libyadata cite --format bibtex|apa|csl; libyadata cite RECORD_ID for a record)",
    ]
    typer.echo("\n".join(lines))
