"""Verdicts already reached on a package's bytes, kept so the same bytes are not checked twice.

The package layer (the Data Package profile and frictionless) depends only on the bytes it
reads and on the checkers. A pass is remembered in the cache folder (``verdicts/``) under a key
made of the SHA-256 of every file of the package, the descriptor included, and the versions of
frictionless, libyadata and this format: ``validate`` and ``build`` both look it up, so a build
of bytes ``validate`` (or the previous build) has passed does not check them again, and any
changed byte is checked.

A verdict file is read back from disk, so it is input like any other: it is trusted only if it
is a small regular file holding exactly the record this module writes for that key (anything
else, malformed or not, is ignored and the package checked again), and nothing it says is ever
used to name, rename or delete a file. Its name is the key's hex digest, made here. Failing to
read or write the cache costs only speed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .._version import __version__
from ..core.files import TooLargeError, read_regular
from ..core.hashing import file_sha256, sha256

#: Raise when what a verdict covers changes: older verdict files are then never matched.
VERDICT_FORMAT = 1
#: The folder of the cache that holds them.
FOLDER = "verdicts"
#: A verdict file is a few hundred bytes; anything larger is not one of ours.
_MAX_BYTES = 4096


def key(root: Path, names: Iterable[str]) -> str | None:
    """Return the key of the files ``names`` of folder ``root`` as they are now.

    ``None`` when a file cannot be read (the checks report it) or a name leaves ``root``.
    """
    from importlib.metadata import version as installed_version

    lines = [
        f"verdict format {VERDICT_FORMAT}",
        f"frictionless {installed_version('frictionless')}",
        f"libyadata {__version__}",
    ]
    base = root.resolve()
    for name in names:
        path = (root / name).resolve()
        if not path.is_relative_to(base):
            return None  # never hash what lies outside the package (the checks refuse it)
        try:
            lines.append(f"{name}\0{file_sha256(path)}")
        except OSError:
            return None
    return sha256("\n".join(lines).encode())


def passed(digest: str) -> bool:
    """Whether a pass is remembered for key ``digest`` (a well-formed verdict file says so)."""
    try:
        data = read_regular(_path(digest), _MAX_BYTES)
    except (OSError, TooLargeError):
        return False
    from pydantic_core import from_json

    try:
        found: Any = from_json(data)
    except ValueError:
        return False
    return bool(found == _record(digest))


def remember(digest: str) -> None:
    """Remember that the package of key ``digest`` passed."""
    from pydantic_core import to_json

    from ..core.atomic import write_bytes

    path = _path(digest)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, to_json(_record(digest)))
    except OSError:
        return


def _record(digest: str) -> dict[str, Any]:
    return {"format": VERDICT_FORMAT, "key": digest, "verdict": "pass"}


def _path(digest: str) -> Path:
    from ..core.cache import cache_dir

    # The digest is our own hex, never text from a file: the name cannot leave the folder.
    return cache_dir() / FOLDER / f"{int(digest, 16):064x}.json"
