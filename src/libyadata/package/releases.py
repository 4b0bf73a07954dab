"""The sha256 of every released data package zip, as pooch expects a registry.

``releases.txt`` (shipped with the package) has one line per release: the zip's file name
and its SHA-256. A build of a registered version must give exactly those bytes, and a
download is accepted only if it hashes to them.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from ..core.versions import is_version

REGISTRY_FILE = "releases.txt"
#: Where the registry lives in a checkout, for messages.
REGISTRY_PATH = f"src/libyadata/package/{REGISTRY_FILE}"

_ENTRY = re.compile(r"^(libyadata-\S+\.zip)\s+(?:sha256:)?([0-9a-f]{64})$")


class RegistryError(ValueError):
    """A line of ``releases.txt`` is not ``<zip name> <sha256>``."""


@cache
def registry() -> dict[str, str]:
    """Return ``{zip file name: sha256}`` of every released version."""
    text = files(__package__ or "").joinpath(REGISTRY_FILE).read_text(encoding="utf-8")
    entries = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        entry = _ENTRY.match(line)
        if entry is None or not is_version(entry[1].removeprefix("libyadata-")[: -len(".zip")]):
            raise RegistryError(
                f"{REGISTRY_PATH} line {number} is {line!r}, not "
                "'libyadata-<semantic version>.zip <sha256 hex>'"
            )
        entries[entry[1]] = entry[2]
    return entries


def registered_hash(zip_name: str) -> str | None:
    """Return the released sha256 of ``zip_name``, or ``None`` if it was never released."""
    return registry().get(zip_name)


def zip_name(version: str) -> str:
    """Return the file name of a version's data package zip."""
    return f"libyadata-{version}.zip"
