"""``libyadata release``: make a data release in one step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from . import Root, Url, _fail, _open, _report

#: The release to compare with (``release`` and ``version``).
Previous = Annotated[
    str | None,
    typer.Option(
        "--previous",
        metavar="PACKAGE",
        help="The release to compare with: a folder, its datapackage.json, a .zip or a version.",
        show_default="the latest registered release",
    ),
]


def release_command(
    version: Annotated[str, typer.Argument(metavar="VERSION", help="The version to release.")],
    root: Root = Path(),
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The release date (date-released in CITATION.cff).",
            show_default="today, UTC",
        ),
    ] = None,
    previous: Previous = None,
    url: Url = None,
) -> None:
    """Release VERSION: version and date, build, registry line, CHANGELOG; all of it or none.

    Sets version and date-released in CITATION.cff and the package version, builds the
    package at that version, compares it with the previous release and refuses a version the
    version rules do not allow (or one already released); then writes datasets/package and
    dist/ (zip, SHA256SUMS and the static site in dist/site/), adds the zip's line to the
    release registry, and moves CHANGELOG's Unreleased section under the version with the
    record-level diff summary.
    Exits 0 when released, 1 on problems (nothing is changed), 2 on misuse.
    """
    from ..publishing.makerelease import release
    from ..site.asset import release_site

    try:
        when = dt.date.fromisoformat(date) if date else None
    except ValueError:
        _fail(f"--date {date!r} is not a date (YYYY-MM-DD)", 2)
    project = _open(root)
    result = release(
        project,
        version,
        date=when,
        previous=previous,
        url=url,
        extras=[release_site(project)],
        waiting=lambda note: typer.echo(note, err=True),
    )
    if result.problems or result.build is None:
        lines = [
            *map(str, result.problems),
            f"release: {len(result.problems)} problem(s); nothing was changed",
        ]
        _report(lines, ok=False)
    built = result.build
    compared = (
        f"against {result.previous}: "
        + (f"{result.diff.required.label} changes" if result.diff.required else "no changes")
        if result.diff is not None
        else "the first release"
    )
    _report(
        [
            f"release: {built.version} · {compared}",
            f"dist/{built.zip_name} sha256 {built.zip_sha256} (and dist/SHA256SUMS, dist/site/)",
            "updated: CITATION.cff, src/libyadata/_version.py, CHANGELOG.md, "
            "src/libyadata/releases/releases.txt, datasets/package",
            f"publish dist/ as the assets of release v{built.version}, and dist/site/ as its pages",
        ],
        ok=True,
    )
