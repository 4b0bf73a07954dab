"""Commands that grow the dataset: ``seed add``, ``extract`` and ``review``.

A new article is registered as a seed, the extractor proposes candidate records from it in a
review file, and the review moves the accepted ones into the curated files. Registered on the
app when ``libyadata.cli`` imports this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import Format, Root, _fail, _open, _report, app

seed_app: typer.Typer = typer.Typer(help="Register seed texts.", no_args_is_help=True)

_EXTRA = 'the extractor needs its extra: pip install "libyadata[extract]"'


@seed_app.command("add")
def seed_add(  # noqa: PLR0917 - typer passes options by keyword, and they are many
    path: Annotated[Path, typer.Argument(help="The text file to register (UTF-8).")],
    published: Annotated[
        str,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Publication date: a day, a month or a year (2023-09-27, 2023-09, 2023).",
        ),
    ],
    publisher: Annotated[str | None, typer.Option(help="Who published it.")] = None,
    title: Annotated[str | None, typer.Option(help="Its title or headline.")] = None,
    author: Annotated[str | None, typer.Option(help="Who wrote it.")] = None,
    url: Annotated[str | None, typer.Option(help="Where it was published online.")] = None,
    language: Annotated[
        list[str] | None,
        typer.Option(help="Language of the text (BCP 47), main one first. Repeatable.", show_default="en"),
    ] = None,
    source_type: Annotated[
        str,
        typer.Option(
            help="news_report, opinion, think_tank_analysis or government_brief.",
        ),
    ] = "news_report",
    rights: Annotated[
        str | None, typer.Option(help="Who holds the rights, if not the publisher by default.")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            help="Where the values the text does not state come from: a citation "
            "('the publisher's page, accessed 2024-05-20').",
        ),
    ] = None,
    root: Root = Path(),
) -> None:
    """Copy a text into seeds/ byte for byte and add its entry to seeds/sources.yaml.

    The entry says how each value is known: stated (the text gives it), external (only these
    options give it, cited with --source) or unknown. Refused, with nothing written: a text
    already registered, an empty, binary, non-UTF-8 or over-1-MiB file, a date that does not
    parse. Exits 0 when registered, 1 when the text is refused, 2 on a usage error.
    """
    from ..sources.register import DEFAULT_RIGHTS, RegistrationError, SeedOptions, register_seed

    project = _open(root)
    options = SeedOptions(
        published=published,
        publisher=publisher,
        title=title,
        author=author,
        url=url,
        languages=tuple(language or ("en",)),
        source_type=source_type,
        rights=rights or DEFAULT_RIGHTS,
        source=source,
    )
    try:
        registered = register_seed(project, path, options)
    except RegistrationError as error:
        _fail(error.problem, 2 if error.usage else 1)
    seed = registered.seed
    bases = ", ".join(f"{name} {basis}" for name, basis in registered.bases.items())
    _report(
        [
            f"registered {seed.id}: {project.relative(registered.text_path)} "
            f"({seed.byte_length} bytes, {seed.code_points} code points, sha256 {seed.sha256[:12]}…)",
            f"entry added to {project.relative(registered.metadata_path)} ({bases})",
            f"next: libyadata extract {seed.id}",
        ],
        True,
    )


app.add_typer(seed_app, name="seed")
