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


def main() -> None:
    """Run the command line (the ``libyadata`` console script)."""
    sys.exit(app())
