"""``libyadata version``: set the version everywhere it lives, as the version rules allow."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import Root, Url, _open, _report
from .release import Previous


class Part(StrEnum):
    """The part of the version ``--next`` raises."""

    MAJOR = "major"
    MINOR = "minor"
    PATCH = "patch"


def version_command(
    version: Annotated[
        str | None, typer.Argument(metavar="VERSION", help="The version to set (X.Y.Z).")
    ] = None,
    next_part: Annotated[
        Part | None,
        typer.Option(
            "--next",
            metavar="major|minor|patch",
            help="Raise the latest release by this part instead of giving VERSION.",
        ),
    ] = None,
    previous: Previous = None,
    root: Root = Path(),
    url: Url = None,
) -> None:
    """Set the version in src/libyadata/_version.py and CITATION.cff (both version fields).

    The package the sources build is compared with the latest release, and a version the
    version rules do not allow (not greater, a bump smaller than the changes need, already
    released) is refused with nothing written. Exits 0 when set, 1 when refused, 2 on misuse.
    """
    from ..diff.versioning import Bump
    from ..publishing.bump import set_version

    if (version is None) == (next_part is None):
        typer.echo("error: give VERSION or --next major|minor|patch (one of them)", err=True)
        raise typer.Exit(2)
    project = _open(root)
    bump = Bump[next_part.name] if next_part is not None else None
    result = set_version(project, version, bump=bump, previous=previous, url=url)
    if result.problems:
        lines = [*map(str, result.problems), "version: refused; nothing was changed"]
        _report(lines, ok=False)
    against = (
        f"{result.required.label} changes since {result.previous}"
        if result.previous
        else "no release yet"
    )
    _report(
        [
            f"version: {result.old} → {result.new} ({against})",
            "updated: src/libyadata/_version.py, CITATION.cff (version, preferred-citation)",
            "next: libyadata build",
        ],
        ok=True,
    )
