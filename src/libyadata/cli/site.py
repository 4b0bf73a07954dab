"""``libyadata site``: the static website of a data package."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import PackagePath, _fail, _package


def site_command(
    out: Annotated[
        Path,
        typer.Argument(
            metavar="OUT",
            help="The folder to write: new, empty, or an earlier site (replaced whole).",
        ),
    ],
    package_path: PackagePath = None,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            metavar="PATH",
            help="A checkout to read the reviewed coverage exclusions from (they are not part "
            "of the package).",
            show_default="the checkout the package is in, if any",
        ),
    ] = None,
) -> None:
    """Write a static website of the data package: every record beside its source text.

    An index (what, version, how to cite, each table with its count); a filterable page per
    table; a page per record with its evidence quotes, each linked to its span highlighted in
    its source text; a page per source text; a timeline and a map. It opens from file://
    and loads nothing from the network. Exits 0 on success, 1 when the package fails its
    checks (nothing is written), 2 on a path that cannot be read or written.
    """
    from ..readers.packageerror import PackageError
    from ..site import checkout_exclusions, write_site

    try:
        package = _package(package_path)
    except PackageError as error:
        _fail(error, 2)
    if root is not None and not (root / "seeds" / "sources.yaml").is_file():
        _fail(f"{root} is not a libyadata checkout (it has no seeds/sources.yaml)", 2)
    try:
        exclusions, source = checkout_exclusions(package, root)
        counts = write_site(package, out, exclusions=exclusions)
    except PackageError as error:
        _fail(f"{error}; nothing was written", 1)
    except OSError as error:
        reason = error.strerror if error.filename and error.strerror else str(error)
        _fail(f"cannot write {out}: {reason}", 2)
    pages = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    typer.echo(
        f"site: {out}/index.html · {sum(counts.values())} files ({pages}) · "
        f"{package.descriptor.get('name')} {package.version} from {package.root} · {source}"
    )
