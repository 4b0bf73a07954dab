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
        verb = "check" if check else "build"
        typer.echo(f"{verb}: {len(problems)} problem(s); nothing was written")
        raise typer.Exit(1)
    tables = [name for name in built.rows if not name.endswith("-jsonl")]
    rows = sum(built.rows[name] for name in tables)
    seeds = sum(1 for path in built.files if path.startswith("seeds/"))
    typer.echo(
        f"{'current' if check else 'built'}: {PACKAGE_DIR} {built.version} · "
        f"{len(tables)} CSV tables ({rows} rows), {len(built.rows) - len(tables)} JSON Lines "
        f"tables, {seeds} seed texts · {DIST_DIR}/{built.zip_name} sha256 {built.zip_sha256}"
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
    from .seeds import SeedLibrary

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


def main() -> None:
    """Run the command line (the ``libyadata`` console script)."""
    sys.exit(app())
