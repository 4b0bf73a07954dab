"""Where released data packages live and the sha256 of each, as pooch expects a registry.

``releases.txt`` (shipped with the package) has one line per release: the zip's file name
and its SHA-256. A build of a registered version must give exactly those bytes, and a
download is accepted only if it hashes to them. ``LIBYADATA_REGISTRY`` may name one more file
of the same form, read after the shipped one (a line may not contradict it): a release made
in a checkout can then be downloaded and checked before it ships in a wheel.

``RELEASE_URL`` is where releases are published, the one place that says so.
"""

from __future__ import annotations

import os
import re
from functools import cache
from importlib.resources import files
from pathlib import Path

from ..core.versions import is_version

REGISTRY_FILE = "releases.txt"
#: Where the registry lives in a checkout, for messages and for ``libyadata release``.
REGISTRY_PATH = f"src/libyadata/releases/{REGISTRY_FILE}"
#: Environment variable naming one more registry file to trust.
REGISTRY_ENV = "LIBYADATA_REGISTRY"
#: The project's public home, as CITATION.cff, pyproject.toml and .zenodo.json give it.
REPOSITORY = "https://github.com/libyadata/libyadata"
#: Where each release's zip is published (the project's release assets): ``{version}`` and
#: ``{name}`` (the zip's file name) are filled in.
RELEASE_URL = f"{REPOSITORY}/releases/download/v{{version}}/{{name}}"

_ZIP_STEM, _ZIP_SUFFIX = "libyadata-", ".zip"
_ENTRY = re.compile(r"^(\S+)\s+(?:sha256:)?([0-9a-f]{64})$")


class RegistryError(ValueError):
    """A line of ``releases.txt`` is not ``<zip name> <sha256>``."""


def registry() -> dict[str, str]:
    """Return ``{zip file name: sha256}`` of every released version."""
    shipped = files(__package__ or "").joinpath(REGISTRY_FILE).read_text(encoding="utf-8")
    entries = dict(parse(shipped, REGISTRY_PATH))
    extra = os.environ.get(REGISTRY_ENV, "").strip()
    if extra:
        try:
            text = Path(extra).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise RegistryError(f"{REGISTRY_ENV}={extra} cannot be read: {error}") from None
        for name, digest in parse(text, extra):
            if entries.get(name, digest) != digest:
                raise RegistryError(
                    f"{extra} gives {name} the sha256 {digest}, but the shipped registry gives "
                    f"{entries[name]}: a released version never changes"
                )
            entries[name] = digest
    return entries


@cache
def parse(text: str, shown: str) -> tuple[tuple[str, str], ...]:
    """Return the ``(zip name, sha256)`` lines of a registry's text; ``RegistryError`` if bad."""
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        entry = _ENTRY.match(line)
        if entry is None or not is_version(version_of(entry[1]) or ""):
            raise RegistryError(
                f"{shown} line {number} is {line!r}, not "
                "'libyadata-<semantic version>.zip <sha256 hex>'"
            )
        entries.append((entry[1], entry[2]))
    return tuple(entries)


def registered_hash(zip_name: str) -> str | None:
    """Return the released sha256 of ``zip_name``, or ``None`` if it was never released."""
    return registry().get(zip_name)


def zip_name(version: str) -> str:
    """Return the file name of a version's data package zip."""
    return f"{_ZIP_STEM}{version}{_ZIP_SUFFIX}"


def version_of(name: str) -> str | None:
    """Return the version a zip's file name carries (``libyadata-1.1.0.zip``), or ``None``.

    The version is not checked: ``is_version`` says whether it is a Semantic Version.
    """
    if name.startswith(_ZIP_STEM) and name.endswith(_ZIP_SUFFIX):
        return name[len(_ZIP_STEM) : -len(_ZIP_SUFFIX)] or None
    return None


def release_url(version: str, template: str | None = None) -> str:
    """Return the URL of a version's zip from ``template`` (default ``RELEASE_URL``).

    A template holds ``{version}`` or ``{name}``; a URL ending in ``.zip`` is the zip itself;
    any other URL is a folder holding the zip (a mirror).
    """
    template = template or RELEASE_URL
    name = zip_name(version)
    if "{" in template:
        try:
            return template.format(version=version, name=name)
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(
                f"the URL template {template!r} is not valid ({error!r}): write {{version}} "
                "and {name} where the version and the zip's file name go"
            ) from None
    if template.lower().endswith(".zip"):
        return template
    return f"{template.rstrip('/')}/{name}"
