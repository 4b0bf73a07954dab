"""``libyadata migrate``: upgrade a package or curated records of an earlier schema version."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import Format, Root, Url, _fail, _open, _report

if TYPE_CHECKING:
    from ..migrating.rewrite import Migration
    from ..readers.datapackage import DataPackage


def migrate_command(  # noqa: PLR0917 - typer passes options by keyword, and they are many
    package: Annotated[
        str | None,
        typer.Argument(
            metavar="PACKAGE",
            help="A package of an earlier schema version: a folder, its datapackage.json, a "
            ".zip or a released version (e.g. 0.1.0). Leave out to upgrade the curated records "
            "of --root in place.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            metavar="PATH",
            help="A new (or empty) folder to write the upgraded package into.",
            show_default=False,
        ),
    ] = None,
    root: Root = Path(),
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; fail if anything would change.")
    ] = False,
    url: Url = None,
    output_format: Annotated[
        Format, typer.Option("--format", metavar="text|json", help="How to print the report.")
    ] = Format.TEXT,
) -> None:
    """Upgrade data of an earlier schema version (schema/v1, releases 0.x) to the current one.

    With PACKAGE, every record is read through the upgrade and the package is written again,
    as today's build writes it, into --output (its version marked +schema.N). Without it, the
    curated files of --root are rewritten in place where a value must be written another way
    (comments and layout kept). A record that cannot be upgraded is reported with why, and
    nothing is written. Exits 0 when all is upgraded (or already current), 1 on problems or
    (with --check) pending changes, 2 on misuse.
    """
    from ..migrating.rewrite import MigrateError, migrate_package, migrate_project

    if package is None:
        if output is not None:
            _fail("--output is for a PACKAGE; curated records are upgraded in place", 2)
        result = migrate_project(_open(root), write=not check)
        target = f"curated records of {root}"
    else:
        if output is None and not check:
            _fail("give --output PATH, a new folder for the upgraded package", 2)
        try:
            result = migrate_package(_resolved(package, url), output or Path(), write=not check)
        except MigrateError as error:
            _fail(error, 2)
        target = f"package {package}"
    pending = check and bool(result.changed)
    _print(result, target, output_format, check=check)
    _report([], result.ok and not pending)


def _resolved(spec: str, url: str | None) -> DataPackage:
    from ..readers.packageerror import PackageError
    from ..releases.download import resolve

    try:
        return resolve(spec, url=url)
    except PackageError as error:
        _fail(error, 2)


def _print(result: Migration, target: str, output_format: Format, *, check: bool) -> None:
    if output_format == Format.JSON:
        body = {
            "ok": result.ok,
            "target": target,
            "records": result.records,
            "changed": result.changed,
            "written": result.written,
            "note": result.note,
            "problems": [{**asdict(p), "layer": p.layer} for p in result.problems],
        }
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return
    for problem in result.problems:
        typer.echo(str(problem))
    verb = "would rewrite" if check else "rewrote"
    for name, count in result.changed.items():
        typer.echo(f"{verb} {count} value(s) in {name}")
    if result.note:
        typer.echo(result.note)
    if result.written:
        typer.echo(f"wrote {result.written}")
    verdict = f"{len(result.problems)} problem(s)" if result.problems else "ok"
    typer.echo(f"migrate: {verdict} · {target} · {result.records} record(s) read")
