"""Commands that make and read data packages: build, cite, diff, download."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import Root, Url, _fail, _fail_package, _open, _package, _report


class DiffFormat(StrEnum):
    """Output formats of ``libyadata diff``."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def build_command(
    root: Root = Path(),
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; fail if datasets/package (or dist/, where it exists) is not "
            "what a build gives, or a release would change.",
        ),
    ] = False,
) -> None:
    """Validate, then build the data package into datasets/package and the zip into dist/.

    The package holds a CSV and a JSON Lines resource per table and the seed texts; the zip
    and its SHA256SUMS are the release assets (and dist/site/, rewritten when it is there). Two
    builds of the same sources are byte-identical. Exits 0 on success, 1 on problems (nothing is
    written), 2 on misuse.
    """
    from ..publishing.build import DIST_DIR, PACKAGE_DIR, dist_problems, render, stale, write
    from ..publishing.writing import interrupted, settle
    from ..releases.registry import REGISTRY_PATH, registered_hash
    from ..site.asset import SITE_DIR, release_site

    project = _open(root)
    targets = (project.root / PACKAGE_DIR, project.root / DIST_DIR)
    if not check:  # a killed build or release first: the project as it was, or as released
        unsettled = settle(project, targets, waiting=lambda note: typer.echo(note, err=True))
        if unsettled:
            _report(
                [*map(str, unsettled), f"build: {len(unsettled)} problem(s); nothing was written"],
                ok=False,
            )
    built, problems = render(project)
    if built is not None and check:
        problems = (
            interrupted(project, targets) + stale(project, built) + dist_problems(project, built)
        )
    elif built is not None:
        # A site published with a release stays in step with the zip it describes.
        keep_site = (project.root / DIST_DIR / SITE_DIR).is_dir()
        extras = [release_site(project)] if keep_site else []
        problems = write(
            project, built, extras=extras, waiting=lambda note: typer.echo(note, err=True)
        )
    if built is None or problems:
        outcome = f"{PACKAGE_DIR} is not current" if check and built else "nothing was written"
        _report([*map(str, problems), f"build: {len(problems)} problem(s); {outcome}"], ok=False)
    from ..models.tables import TABLES
    from ..validation.validate import counted

    records = {t.name: built.rows[t.name] for t in TABLES}
    tables = [name for name in built.rows if not name.endswith("-jsonl")]
    seeds = sum(1 for path in built.files if path.startswith("seeds/"))
    typer.echo(f"validate: ok · {counted(records)}")
    zipped = project.root / DIST_DIR / built.zip_name
    where = f"{DIST_DIR}/{built.zip_name}" if zipped.is_file() else f"{DIST_DIR}/ not written"
    typer.echo(
        f"build: {PACKAGE_DIR} {built.version} {'is current' if check else 'written'} · "
        f"{len(tables)} CSV and {len(built.rows) - len(tables)} JSON Lines resources, "
        f"{seeds} seed texts · {where} · zip sha256 {built.zip_sha256}"
    )
    if registered_hash(built.zip_name) is None:
        typer.echo(
            f"{built.version} is not a registered release yet; `libyadata release "
            f"{built.version}` releases it (date, build, the line in {REGISTRY_PATH}, CHANGELOG)"
        )


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
        typer.Option(
            "--format",
            metavar="bibtex|apa|csl|text",
            help="Citation format (csl: CSL-JSON; text: APA without the *italics* marks).",
        ),
    ] = "bibtex",
    package: Annotated[
        Path | None,
        typer.Option(
            "--package",
            metavar="PATH",
            help="Cite the data package in this folder (default: the installed one).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print how to cite the dataset, or a record with the seed texts it rests on.

    Works on an installed copy, with no checkout. Exits 0 on success, 2 on a usage error.
    """
    from ..cite.styles import Style, UnknownRecordError, cite
    from ..readers.packageerror import PackageError

    if style not in tuple(Style):
        choices = ", ".join(tuple(Style))
        raise typer.BadParameter(f"{style!r} is not one of {choices}", param_hint="'--format'")
    try:
        typer.echo(cite(_package(package), record_id, style))
    except UnknownRecordError as error:
        _fail(error.args[0], 2)
    except PackageError as error:
        _fail_package(error, 2 if package else 1)
    except (KeyError, ValueError) as error:  # not a (readable) libyadata package
        _fail(error.args[0] if isinstance(error, KeyError) else error, 2 if package else 1)


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
        DiffFormat, typer.Option("--format", metavar="text|json", help="Report format.")
    ] = DiffFormat.TEXT,
    url: Url = None,
) -> None:
    """Compare two data packages: records added, changed and retracted, schema changes, bump.

    Every change is classified by the Data Package version rules (major, minor, patch); NEW's
    version must be greater than OLD's by at least the bump the changes need, and every record
    NEW lacks must be listed in its retractions. --format markdown prints a CHANGELOG-ready
    summary (problems then go to stderr). Exits 0 when all holds, 1 on problems, 2 when a
    package cannot be read.
    """
    from ..diff.compare import diff
    from ..readers.packageerror import PackageError
    from ..releases.download import resolve

    try:
        result = diff(resolve(old, url=url), resolve(new, url=url))
    except PackageError as error:
        _fail_package(error, 2)
    if output == DiffFormat.MARKDOWN:
        # The Markdown is pasted into CHANGELOG.md as printed: problems must not mix into it.
        typer.echo(result.to_markdown(), nl=False)
        _report(map(str, result.problems), result.ok, err=True)
    _report([result.to_json() if output == DiffFormat.JSON else result.to_text()], result.ok)


def download_command(
    version: Annotated[str, typer.Argument(metavar="VERSION", help="A released version.")],
    url: Url = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            min=1,
            help="The longest the whole download may take, retries included.",
        ),
    ] = 600.0,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Drop the cached copy of this release and download it again (repairs a "
            "damaged cache).",
        ),
    ] = False,
) -> None:
    """Fetch a released data package, verify its sha256 against the registry, print its folder.

    The zip comes from the project's release assets unless --url (or $LIBYADATA_URL) says
    otherwise; it is checked before anything is unpacked, unpacked safely, verified file by
    file, and cached (in the user cache folder, or $LIBYADATA_CACHE) once. A cached version
    needs no network. Exits 0 on success, 1 when the download fails, is refused or does not
    match the registered sha256 (nothing is kept), 2 for a version never released or a URL
    that cannot be used.
    """
    from ..readers.packageerror import PackageError
    from ..releases.download import Limits, UnknownVersionError, UsageError, fetch

    try:
        folder = fetch(version, url, limits=Limits(total=timeout), force=force)
    except (UnknownVersionError, UsageError) as error:
        _fail_package(error, 2)
    except PackageError as error:
        _fail_package(error, 1)
    typer.echo(str(folder))
