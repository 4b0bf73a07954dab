"""The ``libyadata`` command line: the app, the options and helpers its commands share.

Each command lives in a module of this package by subject (``curate``: validate, coverage,
seeds, locate, schema; ``publish``: build, cite, diff, download; ``grow``: seed add, extract;
one module each for the others); ``COMMANDS`` says which module and function each is, with the
summary ``--help`` lists. None of them is imported until its command runs, so ``--version``
and ``--help`` load typer and nothing of libyadata's but this module and its version; every
module here imports only typer and light modules at the top, and a command imports what it
runs inside its function. ``import libyadata`` never loads typer.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from difflib import get_close_matches
from enum import StrEnum
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from .._version import __version__

if TYPE_CHECKING:
    from ..readers.datapackage import DataPackage
    from ..readers.packageerror import PackageError
    from ..sources.project import Project


class Entry(NamedTuple):
    """Where a command is defined, and the one line ``--help`` lists it with."""

    module: str
    """Its module in this package: ``curate``."""
    attribute: str
    """Its function (or sub-app, a ``typer.Typer``) there: ``validate_command``."""
    summary: str
    """The first paragraph of its help."""


class LazyGroup(TyperGroup):
    """The top-level command group: a command's module is imported when the command is used.

    Listing the commands (``--help``) reads their summaries from ``COMMANDS``; running one, or
    asking for its help, imports its module and turns its function into a click command the
    way ``app.command`` would have.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        """Return the command names in the order ``--help`` lists them."""
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """Return command ``cmd_name``, importing its module the first time; ``None`` if none."""
        entry = COMMANDS.get(cmd_name)
        if cmd_name not in self.commands and entry is not None:
            self.commands[cmd_name] = self._load(cmd_name, entry)
        return self.commands.get(cmd_name)

    def _load(self, name: str, entry: Entry) -> Any:
        from typer.main import get_command_from_info, get_group_from_info
        from typer.models import CommandInfo, TyperInfo

        found = getattr(import_module(f".{entry.module}", __package__), entry.attribute)
        if isinstance(found, typer.Typer):
            return get_group_from_info(
                TyperInfo(found, name=name),
                pretty_exceptions_short=app.pretty_exceptions_short,
                suggest_commands=self.suggest_commands,
                rich_markup_mode=self.rich_markup_mode,
            )
        return get_command_from_info(
            CommandInfo(name, cls=Command, callback=found),
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=self.rich_markup_mode,
        )

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Write the Commands section of ``--help`` from the summaries, importing nothing."""
        # Stand-ins that hold only the summary: click shortens it to fit, as for the real ones.
        listing = TyperGroup(
            commands={
                name: TyperCommand(name, help=entry.summary) for name, entry in COMMANDS.items()
            }
        )
        listing.format_commands(ctx, formatter)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Resolve the command named first in ``args``; an unknown name fails with suggestions."""
        # typer suggests from the commands loaded so far, which here are none.
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            matches = get_close_matches(name, list(COMMANDS))
            hint = f" Did you mean {', '.join(map(repr, matches))}?" if matches else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)


app = typer.Typer(
    cls=LazyGroup,
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
    from ..sources.project import Project, ProjectNotFoundError

    try:
        return Project.at(root)
    except ProjectNotFoundError as error:
        _fail(error, 2)


def _package(path: Path | None) -> DataPackage:
    """Open the data package at ``path``, or the one installed with libyadata."""
    from ..readers.datapackage import DataPackage
    from ..readers.shipped import installed

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


#: Every command, in the order ``--help`` lists them: its module here, the name of its function
#: (or sub-app) there, and the summary ``--help`` shows, so listing the commands imports none of
#: them. tests/test_cli.py checks each summary against the command's own help.
COMMANDS: dict[str, Entry] = {
    "validate": Entry(
        "curate",
        "validate_command",
        "Check everything and report every problem, in every layer.",
    ),
    "coverage": Entry(
        "curate",
        "coverage_command",
        "Report which sentences of each seed the records cite, and flagged ones they do not.",
    ),
    "build": Entry(
        "publish",
        "build_command",
        "Validate, then build the data package into datasets/package and the zip into dist/.",
    ),
    "seeds": Entry(
        "curate",
        "seeds_command",
        "List the seed texts with their publisher, date and verification status.",
    ),
    "locate": Entry(
        "curate",
        "locate_command",
        "Fill start, end, prefix and suffix of every evidence span from its quote, in place.",
    ),
    "geocode": Entry(
        "geocode",
        "geocode_command",
        "Fill each place's gazetteer entry (point, precision, source) or its reason for none.",
    ),
    "cite": Entry(
        "publish",
        "cite_command",
        "Print how to cite the dataset, or a record with the seed texts it rests on.",
    ),
    "diff": Entry(
        "publish",
        "diff_command",
        "Compare two data packages: records added, changed and retracted, schema changes, bump.",
    ),
    "download": Entry(
        "publish",
        "download_command",
        "Fetch a released data package, verify its sha256 against the registry, print its folder.",
    ),
    "site": Entry(
        "site",
        "site_command",
        "Write a static website of the data package: every record beside its source text.",
    ),
    "info": Entry(
        "info",
        "info_command",
        "Print the versions, the tables and their counts, where the data lives, how to cite it.",
    ),
    "extract": Entry(
        "grow",
        "extract_command",
        "Propose candidate records from a seed, in a review file; or score the extractor.",
    ),
    "review": Entry(
        "review",
        "review_command",
        "Accept candidates into the curated files (with fresh ids) or reject them with a reason.",
    ),
    "release": Entry(
        "release",
        "release_command",
        "Release VERSION: version and date, build, registry line, CHANGELOG; all of it or none.",
    ),
    "migrate": Entry(
        "migrate",
        "migrate_command",
        "Upgrade data of an earlier schema version (schema/v1, releases 0.x) to the current one.",
    ),
    "version": Entry(
        "setversion",
        "version_command",
        "Set the version in src/libyadata/_version.py and CITATION.cff (both version fields).",
    ),
    "schema": Entry("curate", "schema_app", "Generate and check the committed schemas."),
    "export": Entry("export", "export_app", "Export the data package to other formats."),
    "seed": Entry("grow", "seed_app", "Register seed texts."),
}
