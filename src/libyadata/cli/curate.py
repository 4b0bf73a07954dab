"""Commands that check and fill in the sources: validate, coverage, seeds, locate, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ..models import Seed
from ..sources.project import Project
from . import Command, Format, PackagePath, Root, Url, _fail, _open, _package, _report

# Typed out: mypy cannot infer it across the import cycle with the package.
schema_app: typer.Typer = typer.Typer(
    help="Generate and check the committed schemas.", no_args_is_help=True
)


def validate_command(  # noqa: PLR0917 - typer passes options by keyword, and they are many
    root: Root = Path(),
    package: Annotated[
        str | None,
        typer.Option(
            "--package",
            metavar="PACKAGE",
            help="Validate a built package instead of the project: a folder, its "
            "datapackage.json, a .zip, 'installed' or a released version.",
        ),
    ] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option(
            "--skip",
            metavar="LAYER",
            help="Leave out a layer: cross-record, provenance, schema or package. Repeatable.",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Run frictionless even on package bytes it passed before.",
        ),
    ] = False,
    output: Annotated[
        Format, typer.Option("--format", metavar="text|json", help="Report format.")
    ] = Format.TEXT,
    url: Url = None,
) -> None:
    """Check everything and report every problem, in every layer.

    The layers: parse, records, cross-record, provenance, schema and package. A project (the
    default) is its seeds, curated files, schemas and built package; --package checks a built
    package alone, as a user would before trusting it. Each problem has a reason code, file
    and line, record id, field and a hint. Exits 0 when clean, 1 when
    problems were found, 2 on a usage error.
    """
    from ..validation.validate import UsageError, validate_package, validate_project

    try:
        if package is None:
            result = validate_project(_open(root), skip=skip or (), cache=not no_cache)
        else:
            result = validate_package(package, skip=skip or (), cache=not no_cache, url=url)
    except UsageError as error:
        _fail(error, 2)
    _report([result.to_json() if output == Format.JSON else result.to_text()], result.ok)


def coverage_command(
    root: Root = Path(),
    output: Annotated[
        Format, typer.Option("--format", metavar="text|json", help="Report format.")
    ] = Format.TEXT,
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
    from ..provenance.coverage import coverage, render

    report = coverage(_open(root))
    if output == Format.JSON:
        _report([report.to_json()], report.ok)
    _report(render(report, every_sentence=every), report.ok)


def seeds_command(
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            metavar="PATH",
            help="A checkout whose seeds/ to verify against seeds/sources.yaml.",
            show_default="the current folder if it is a checkout, else the package",
        ),
    ] = None,
    package_path: PackagePath = None,
) -> None:
    """List the seed texts with their publisher, date and verification status.

    In a checkout (or with --root) it verifies seeds/ against seeds/sources.yaml; anywhere
    else (or with --package) it lists the seeds of the data package installed with libyadata
    and checks each text against the size and sha256 the package gives. Exits 0 when every
    text verifies, 1 when one does not, 2 on a usage error.
    """
    from ..sources.project import ProjectNotFoundError

    if package_path is None:
        try:
            project = _open(root) if root is not None else Project.at(Path())
        except ProjectNotFoundError:
            project = None
        if project is not None:
            _seeds_of_project(project)
    _seeds_of_package(package_path)


def _seed_line(seed: Seed) -> str:
    date = seed.published
    when = date.value or f"{date.earliest or '…'}..{date.latest or '…'}"
    return (
        f"{seed.id}  {when:<22} {date.basis:<9} {seed.publisher.value or 'unknown'} — "
        f"{seed.title.value or '(title unknown)'}"
    )


def _seeds_of_project(project: Project) -> NoReturn:
    from ..sources.seeds import SeedLibrary

    library = SeedLibrary.load(project)
    lines = [_seed_line(seed) for seed in library.seeds.values()]
    _report([*lines, *map(str, library.problems)], not library.problems)


def _seeds_of_package(package_path: Path | None) -> NoReturn:
    from ..models.tables import TABLES
    from ..readers.packageerror import PackageError
    from ..views.labelled import seed_resource

    try:
        package = _package(package_path)
        seeds = [seed for seed in package.records(TABLES.sources) if isinstance(seed, Seed)]
    except (PackageError, KeyError, ValueError) as error:
        _fail(error, 2 if package_path else 1)
    lines = [_seed_line(seed) for seed in seeds]
    problems = []
    for seed in seeds:
        try:
            text = package.read_bytes(seed_resource(package, seed)).decode("utf-8")
        except (PackageError, KeyError, UnicodeDecodeError) as error:
            problems.append(f"{seed.id}: {error}")
            continue
        if len(text) != seed.code_points:
            problems.append(
                f"{seed.id}: {len(text)} code points, the seeds table says {seed.code_points}"
            )
    verdict = (
        f"{len(problems)} text(s) fail their checks"
        if problems
        else "every text matches its size and sha256"
    )
    lines += [*problems, f"seeds: {len(seeds)} in {package.root} ({package.version}); {verdict}"]
    _report(lines, not problems)


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
    from ..models.tables import TABLES, table
    from ..provenance.locate import fill_spans

    project = _open(root)
    try:
        chosen = [table(name) for name in names or ()]
    except KeyError as error:
        _fail(error.args[0], 2)
    if not_records := [t.name for t in chosen if t not in TABLES.records]:
        records = ", ".join(t.name for t in TABLES.records)
        _fail(f"{', '.join(not_records)} cite no evidence; use: {records}", 2)
    result = fill_spans(project, chosen or None, write=not check)
    lines = [str(problem) for problem in result.problems]
    if check:
        lines += [str(stale) for stale in result.stale]
    verb = "would fill" if check else "filled"
    lines += [f"{verb} {count} span(s) in {name}" for name, count in result.changed.items()]
    failing = [f"{len(result.problems)} problem(s)"] if result.problems else []
    if check and result.stale:
        failing.insert(0, f"{len(result.stale)} span(s) not current")
    lines.append(
        f"locate: {', '.join(failing) or 'ok'} · {result.spans} span(s) looked at, "
        f"{result.filled} {'to fill' if check else 'filled'}"
    )
    _report(lines, not failing)


@schema_app.command("export", cls=Command)
def schema_export(root: Root = Path()) -> None:
    """Write schema/v<N> of the current schema version from the models.

    JSON Schemas, Table Schemas and the codebook; the folders of earlier versions stay frozen
    (schema/SHA256SUMS).
    """
    from ..formats.schemas import export

    project = _open(root)
    changed = export(project)
    for path in changed:
        typer.echo(f"wrote {path}")
    typer.echo(f"schema export: {len(changed)} file(s) changed")


@schema_app.command("check", cls=Command)
def schema_check(root: Root = Path()) -> None:
    """Fail when the committed schemas differ from what the models generate."""
    from ..formats.schemas import drift

    problems = drift(_open(root))
    verdict = "ok" if not problems else f"{len(problems)} file(s) drifted"
    _report([*map(str, problems), f"schema check: {verdict}"], not problems)
