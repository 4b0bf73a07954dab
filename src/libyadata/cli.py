"""The ``libyadata`` command line."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ._version import __version__
from .project import Project, ProjectNotFoundError

app = typer.Typer(
    help="Evidence-backed dataset of Russia–Libya military and diplomatic relations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
schema_app = typer.Typer(help="Generate and check the committed schemas.", no_args_is_help=True)
app.add_typer(schema_app, name="schema")
export_app = typer.Typer(help="Export the data package to other formats.", no_args_is_help=True)
app.add_typer(export_app, name="export")

Root = Annotated[
    Path,
    typer.Option("--root", help="The libyadata project folder (a checkout).", show_default="."),
]


class Format(StrEnum):
    """Output formats of reports."""

    TEXT = "text"
    JSON = "json"


def _open(root: Path) -> Project:
    try:
        return Project.at(root)
    except ProjectNotFoundError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"libyadata {__version__}")
        raise typer.Exit


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Evidence-backed dataset of Russia–Libya military and diplomatic relations."""


@app.command("validate")
def validate_command(
    root: Root = Path(),
    output: Annotated[Format, typer.Option("--format", help="Report format.")] = Format.TEXT,
) -> None:
    """Check the seed texts, the committed schemas and the curated records; report everything.

    Exits 0 when clean, 1 when problems were found, 2 on a usage error.
    """
    from .validate import validate

    project = _open(root)
    report, summary = validate(project)
    if output == Format.JSON:
        typer.echo(report.to_json())
    else:
        for problem in report.problems:
            typer.echo(str(problem))
        records = sum(summary.records.values())
        tables = ", ".join(f"{count} {name}" for name, count in summary.records.items() if count)
        typer.echo(
            f"seeds: {summary.verified_seeds} of {summary.seeds} verified "
            "(sha256, bytes, code points) · "
            f"schemas: {summary.schema_files} files in {project.relative(project.schema_dir)} · "
            f"records: {records}" + (f" ({tables})" if tables else " (no curated records yet)")
        )
        verdict = "ok" if report.ok else f"{len(report.problems)} problem(s)"
        typer.echo(f"validate: {verdict}")
    raise typer.Exit(0 if report.ok else 1)


@app.command("coverage")
def coverage_command(
    root: Root = Path(),
    output: Annotated[Format, typer.Option("--format", help="Report format.")] = Format.TEXT,
    every: Annotated[
        bool,
        typer.Option("--all", help="Also list every sentence with its status and why."),
    ] = False,
) -> None:
    """Report which sentences of each seed the records cite, and flagged ones they do not.

    A sentence with a date, a number, a known actor or a known place must be cited by a record
    or listed, with a reason, in datasets/coverage-exclusions.yaml. Exits 0 when every one is,
    1 when problems were found, 2 on a usage error. JSON output holds every sentence.
    """
    from .coverage import coverage, render

    report = coverage(_open(root))
    if output == Format.JSON:
        typer.echo(report.to_json())
    else:
        for line in render(report, every_sentence=every):
            typer.echo(line)
    raise typer.Exit(0 if report.ok else 1)


@app.command("build")
def build_command(
    root: Root = Path(),
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; fail if datasets/package is not current."),
    ] = False,
) -> None:
    """Validate, then build the data package into datasets/package and the zip into dist/.

    The package holds a CSV and a JSON Lines resource per table and the seed texts; the zip
    and its SHA256SUMS are the release assets. Two builds of the same sources are
    byte-identical. Exits 0 on success, 1 on problems (nothing is written), 2 on misuse.
    """
    from .build import DIST_DIR, PACKAGE_DIR, render, stale, write
    from .registry import registered_hash

    project = _open(root)
    built, problems = render(project)
    if built is not None:
        problems = stale(project, built) if check else write(project, built)
    for problem in problems:
        typer.echo(str(problem))
    if built is None or problems:
        outcome = f"{PACKAGE_DIR} is not current" if check and built else "nothing was written"
        typer.echo(f"build: {len(problems)} problem(s); {outcome}")
        raise typer.Exit(1)
    from .tables import TABLES

    records = {t.name: built.rows[t.name] for t in TABLES}
    tables = [name for name in built.rows if not name.endswith("-jsonl")]
    seeds = sum(1 for path in built.files if path.startswith("seeds/"))
    typer.echo(
        f"validate: ok · {sum(records.values())} records in {len(records)} tables ("
        + ", ".join(f"{count} {name}" for name, count in records.items())
        + ")"
    )
    typer.echo(
        f"build: {PACKAGE_DIR} {built.version} {'is current' if check else 'written'} · "
        f"{len(tables)} CSV and {len(built.rows) - len(tables)} JSON Lines resources, "
        f"{seeds} seed texts · {DIST_DIR}/{built.zip_name} sha256 {built.zip_sha256}"
    )
    if registered_hash(built.zip_name) is None:
        typer.echo(
            f"{built.version} is not a registered release; to release it, add this line to "
            f"src/libyadata/releases.txt: {built.zip_name} {built.zip_sha256}"
        )


@schema_app.command("export")
def schema_export(root: Root = Path()) -> None:
    """Write schema/v1 (JSON Schemas, Table Schemas, codebook) from the models."""
    from .schemas import export

    project = _open(root)
    changed = export(project)
    for path in changed:
        typer.echo(f"wrote {path}")
    typer.echo(f"schema export: {len(changed)} file(s) changed")


@schema_app.command("check")
def schema_check(root: Root = Path()) -> None:
    """Fail when the committed schemas differ from what the models generate."""
    from .schemas import drift

    problems = drift(_open(root))
    for problem in problems:
        typer.echo(str(problem))
    typer.echo("schema check: " + ("ok" if not problems else f"{len(problems)} file(s) drifted"))
    raise typer.Exit(1 if problems else 0)


@app.command("seeds")
def seeds_command(root: Root = Path()) -> None:
    """List the seed texts with their publisher, date and verification status."""
    from .seedlib import SeedLibrary

    library = SeedLibrary.load(_open(root))
    for seed in library.seeds.values():
        date = seed.published
        when = date.value or f"{date.earliest or '…'}..{date.latest or '…'}"
        typer.echo(
            f"{seed.id}  {when:<22} {date.basis:<9} {seed.publisher.value or 'unknown'} — "
            f"{seed.title.value or '(title unknown)'}"
        )
    for problem in library.problems:
        typer.echo(str(problem))
    raise typer.Exit(1 if library.problems else 0)


@app.command("locate")
def locate_command(
    names: Annotated[
        list[str] | None,
        typer.Argument(metavar="TABLE", help="Record tables to fill (default: all five)."),
    ] = None,
    root: Root = Path(),
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; fail if any span is not current.")
    ] = False,
) -> None:
    """Fill start, end, prefix and suffix of every evidence span from its quote, in place.

    Exits 0 when every span is current, 1 on problems or (with --check) stale spans, 2 on misuse.
    """
    from .locate import fill_spans
    from .models import Record
    from .tables import TABLES, table

    project = _open(root)
    try:
        chosen = [table(name) for name in names or ()]
    except KeyError as error:
        typer.echo(f"error: {error.args[0]}", err=True)
        raise typer.Exit(2) from None
    if not_records := [t.name for t in chosen if not issubclass(t.model, Record)]:
        records = ", ".join(t.name for t in TABLES if issubclass(t.model, Record))
        typer.echo(f"error: {', '.join(not_records)} cite no evidence; use: {records}", err=True)
        raise typer.Exit(2)
    result = fill_spans(project, chosen or None, write=not check)
    for problem in result.problems:
        typer.echo(str(problem))
    if check:
        for stale in result.stale:
            typer.echo(str(stale))
    for name, count in result.changed.items():
        typer.echo(f"{'would fill' if check else 'filled'} {count} span(s) in {name}")
    failing = [f"{len(result.problems)} problem(s)"] if result.problems else []
    if check and result.stale:
        failing.insert(0, f"{len(result.stale)} span(s) not current")
    typer.echo(
        f"locate: {', '.join(failing) or 'ok'} · {result.spans} span(s) looked at, "
        f"{result.filled} {'to fill' if check else 'filled'}"
    )
    raise typer.Exit(1 if failing else 0)


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

    from .data import DataPackage, PackageError, installed
    from .export import ExportError, export_sqlite, write_datasette_metadata

    def cannot_write(path: Path, error: OSError) -> typer.Exit:
        reason = error.strerror if error.filename else str(error)
        typer.echo(f"error: cannot write {path}: {reason}", err=True)
        return typer.Exit(2)

    try:
        package = DataPackage.open(package_path) if package_path else installed()
    except PackageError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    try:
        counts = export_sqlite(package, out)
    except OSError as error:
        raise cannot_write(out, error) from None
    except (PackageError, ExportError, sqlite3.Error) as error:
        typer.echo(f"error: {error}; nothing was written", err=True)
        raise typer.Exit(1) from None
    if metadata is not None:
        try:
            write_datasette_metadata(package, out, metadata)
        except OSError as error:
            raise cannot_write(metadata, error) from None
    typer.echo(
        f"exported: {out} · {len(counts)} tables, {sum(counts.values())} rows · "
        f"{package.descriptor.get('name')} {package.version} from {package.root}"
        + (f" · datasette metadata {metadata}" if metadata is not None else "")
    )


@app.command("cite")
def cite_command(
    record_id: Annotated[
        str | None,
        typer.Argument(
            metavar="RECORD_ID",
            help="A record (VIS-0001, DEP-0001, …): cite it with the seed texts it rests on.",
            show_default=False,
        ),
    ] = None,
    style: Annotated[
        str,
        typer.Option("--format", metavar="bibtex|apa|csl", help="Citation format (csl: CSL-JSON)."),
    ] = "bibtex",
    package: Annotated[
        Path | None,
        typer.Option(
            "--package",
            help="Cite the data package in this folder (default: the installed one).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print how to cite the dataset, or a record with the seed texts it rests on.

    Works on an installed copy, with no checkout. Exits 0 on success, 2 on a usage error.
    """
    from .cite import Style, UnknownRecordError, cite
    from .data import DataPackage, PackageError, installed

    if style not in tuple(Style):
        choices = ", ".join(tuple(Style))
        raise typer.BadParameter(f"{style!r} is not one of {choices}", param_hint="'--format'")
    try:
        typer.echo(cite(DataPackage.open(package) if package else installed(), record_id, style))
    except UnknownRecordError as error:
        typer.echo(f"error: {error.args[0]}", err=True)
        raise typer.Exit(2) from None
    except (PackageError, KeyError, ValueError) as error:  # not a (readable) libyadata package
        typer.echo(f"error: {error.args[0] if isinstance(error, KeyError) else error}", err=True)
        raise typer.Exit(2 if package else 1) from None


class DiffFormat(StrEnum):
    """Output formats of ``libyadata diff``."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


Mirror = Annotated[
    str | None,
    typer.Option(
        "--mirror",
        help="URL of a folder holding libyadata-<version>.zip, for versions not cached yet "
        "(default: $LIBYADATA_MIRROR; there is no public release host yet).",
        show_default=False,
    ),
]


@app.command("diff")
def diff_command(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="A package folder, its datapackage.json, a .zip of a package, 'installed', "
            "or a released version.",
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(metavar="NEW", help="As OLD.", show_default="installed"),
    ] = "installed",
    output: Annotated[
        DiffFormat, typer.Option("--format", help="Report format.")
    ] = DiffFormat.TEXT,
    mirror: Mirror = None,
) -> None:
    """Compare two data packages: records added, changed and retracted, schema changes, bump.

    Every change is classified by the Data Package version rules (major, minor, patch); NEW's
    version must be greater than OLD's by at least the bump the changes need, and every record
    NEW lacks must be listed in its retractions. --format markdown prints a CHANGELOG-ready
    summary (problems then go to stderr). Exits 0 when all holds, 1 on problems, 2 when a
    package cannot be read.
    """
    from .data import PackageError
    from .diff import diff
    from .download import resolve

    try:
        result = diff(resolve(old, mirror=mirror), resolve(new, mirror=mirror))
    except PackageError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    if output == DiffFormat.JSON:
        typer.echo(result.to_json())
    elif output == DiffFormat.MARKDOWN:
        typer.echo(result.to_markdown(), nl=False)
        for problem in result.problems:
            typer.echo(str(problem), err=True)
    else:
        typer.echo(result.to_text())
    raise typer.Exit(0 if result.ok else 1)


@app.command("download")
def download_command(
    version: Annotated[str, typer.Argument(metavar="VERSION", help="A released version.")],
    mirror: Mirror = None,
) -> None:
    """Fetch a released data package, verify its sha256 against the registry, print its folder.

    The zip is cached (in the user cache folder, or $LIBYADATA_CACHE) and unpacked once.
    Exits 0 on success, 1 when the download fails or does not match the registered sha256
    (nothing is kept), 2 for a version never released or a missing mirror.
    """
    from .download import DownloadError, NoMirrorError, UnknownVersionError, fetch

    try:
        folder = fetch(version, mirror)
    except (UnknownVersionError, NoMirrorError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    except DownloadError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(str(folder))


def main() -> None:
    """Run the command line (the ``libyadata`` console script)."""
    sys.exit(app())
