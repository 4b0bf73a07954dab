"""The sha256 of every released data package zip, as pooch expects a registry.

``releases.txt`` (shipped with the package) has one line per release: the zip's file name
and its SHA-256. A build of a registered version must give exactly those bytes, and a
download is accepted only if it hashes to them.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

REGISTRY_FILE = "releases.txt"


@cache
def registry() -> dict[str, str]:
    """Return ``{zip file name: sha256}`` of every released version."""
    text = files("libyadata").joinpath(REGISTRY_FILE).read_text(encoding="utf-8")
    entries = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            name, digest = line.split()
            entries[name] = digest.removeprefix("sha256:")
    return entries


def registered_hash(zip_name: str) -> str | None:
    """Return the released sha256 of ``zip_name``, or ``None`` if it was never released."""
    return registry().get(zip_name)


def zip_name(version: str) -> str:
    """Return the file name of a version's data package zip."""
    return f"libyadata-{version}.zip"
