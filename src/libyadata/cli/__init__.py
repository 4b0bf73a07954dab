"""The ``libyadata`` command line: the app, the options and helpers its commands share.

The commands live in ``curate`` (checking and editing the sources), ``publish`` (building,
citing, comparing and fetching packages) and ``export``. Every module here imports only typer
and light modules at the top; a command imports what it runs inside its function, so
``--help`` stays fast and ``import libyadata`` never loads typer.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand

from .._version import __version__
from ..sources.project import Project, ProjectNotFoundError

if TYPE_CHECKING:
    from ..formats.datapackage import DataPackage, PackageError

app = typer.Typer(
    help="Evidence-backed dataset of Russia–Libya military and diplomatic relations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Click's own help: option values by name (PATH, URL), flags bare, paragraphs rewrapped.
    rich_markup_mode=None,
)

Root = Annotated[
    Path,
    typer.Option(
        "--root",
        metavar="PATH",
        help="The libyadata project folder (a checkout).",
        show_default=".",
    ),
]

PackagePath = Annotated[
    Path | None,
    typer.Option(
        "--package",
        metavar="PATH",
        help="A built data package: its folder or datapackage.json.",
        show_default="the package installed with libyadata",
    ),
]

Url = Annotated[
    str | None,
    typer.Option(
        "--url",
        "--mirror",
        metavar="URL",
        help="Where to download releases not cached yet: the URL of the zip, of a folder "
        "holding libyadata-<version>.zip, or a template with {version} and {name} "
        "(default: $LIBYADATA_URL, else the project's release assets). --mirror is its old name.",
        show_default=False,
    ),
]


class Command(TyperCommand):
    """A command whose help names each argument by its metavar alone (``TABLE``, not ``<str>``).

    Options name their values by metavar already (``--root PATH``); every command is
    registered with ``cls=Command`` so arguments read the same way.
    """

    # Any: typer passes its own (vendored, in newer releases) click's Context and formatter.
    def format_options(self, ctx: Any, formatter: Any) -> None:
        """Write the Arguments and Options sections of the help."""
        sections: dict[str, list[tuple[str, str]]] = {"Arguments": [], "Options": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                sections["Arguments"].append((name, record[1]))
            else:
                sections["Options"].append(record)
        for title, records in sections.items():
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


class Format(StrEnum):
    """Output formats of reports."""

    TEXT = "text"
    JSON = "json"


def _open(root: Path) -> Project:
    try:
        return Project.at(root)
    except ProjectNotFoundError as error:
        _fail(error, 2)


def _package(path: Path | None) -> DataPackage:
    """Open the data package at ``path``, or the one installed with libyadata."""
    from ..access.data import installed
    from ..formats.datapackage import DataPackage

    return DataPackage.open(path) if path else installed()


def _fail_package(error: PackageError, code: int) -> NoReturn:
    """Print each problem of a ``PackageError`` (with its reason code) and exit with ``code``."""
    for problem in error.problems:
        typer.echo(f"error: {problem}", err=True)
    raise typer.Exit(code) from None


def _report(lines: Iterable[str], ok: bool, *, err: bool = False) -> NoReturn:
    """Print ``lines`` (to stderr if ``err``), then exit 0 when ``ok``, 1 when not."""
    for line in lines:
        typer.echo(line, err=err)
    raise typer.Exit(0 if ok else 1)


def _fail(message: object, code: int) -> NoReturn:
    """Print ``error: message`` to stderr and exit with ``code`` (1: failed, 2: misuse)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code) from None


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


def main() -> None:
    """Run the command line (the ``libyadata`` console script)."""
    sys.exit(app())


# Imported last: the command modules import the options and helpers above from this package.
from . import curate, export, publish  # noqa: E402

# Registered here rather than where they are defined because --help lists the commands in the
# order they are registered, which interleaves the modules.
app.command("validate", cls=Command)(curate.validate_command)
app.command("coverage", cls=Command)(curate.coverage_command)
app.command("build", cls=Command)(publish.build_command)
app.command("seeds", cls=Command)(curate.seeds_command)
app.command("locate", cls=Command)(curate.locate_command)
app.command("cite", cls=Command)(publish.cite_command)
app.command("diff", cls=Command)(publish.diff_command)
app.command("download", cls=Command)(publish.download_command)
app.add_typer(curate.schema_app, name="schema")
app.add_typer(export.export_app, name="export")
from . import grow, info, release, review, site  # noqa: E402

app.command("site", cls=Command)(site.site_command)
app.command("info", cls=Command)(info.info_command)
app.add_typer(grow.seed_app, name="seed")
app.command("extract", cls=Command)(grow.extract_command)
app.command("review", cls=Command)(review.review_command)
app.command("release", cls=Command)(release.release_command)
from . import migrate  # noqa: E402

app.command("migrate", cls=Command)(migrate.migrate_command)
from . import setversion  # noqa: E402

app.command("version", cls=Command)(setversion.version_command)
