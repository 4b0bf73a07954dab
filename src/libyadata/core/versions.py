"""Semantic Versions: one pattern, one parser, one order.

A pre-release sorts before its release (``1.0.0-rc.1`` < ``1.0.0``), numeric identifiers before
alphanumeric ones, and build metadata is ignored, as Semantic Versioning 2.0 says.
"""

from __future__ import annotations

import re

SCHEMA_VERSION = "2"
"""Major version of the schemas; the files live under ``schema/v<SCHEMA_VERSION>/``.

Earlier versions stay beside it exactly as released (``schema/v1/``), frozen by
``schema/SHA256SUMS``; ``libyadata migrate`` upgrades data of an earlier version. Here, not in
``sources.project`` (which re-exports it), so that reading a package need not import that."""

#: A Semantic Version, anchored: ``0.2.0``, ``1.0.0-rc.1``, ``1.0.0+build.5``.
PATTERN = (
    r"^(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)
_VERSION = re.compile(PATTERN, re.ASCII)

#: The sort key of a version: major, minor, patch and the pre-release rank.
VersionKey = tuple[int, int, int, tuple[tuple[int, int | str], ...]]


def is_version(text: str) -> bool:
    """Whether ``text`` is a Semantic Version."""
    return _VERSION.match(text) is not None


def version_key(version: str) -> VersionKey:
    """Return a key that orders versions as SemVer does; ``ValueError`` if not SemVer."""
    if not is_version(version):
        raise ValueError(f"{version!r} is not a Semantic Version (MAJOR.MINOR.PATCH)")
    release, _, pre = version.partition("+")[0].partition("-")
    major, minor, patch = (int(part) for part in release.split("."))
    # A release sorts after its pre-releases; numeric identifiers before alphanumeric ones.
    rank: tuple[tuple[int, int | str], ...] = ((2, 0),)
    if pre:
        rank = tuple((0, int(part)) if part.isdigit() else (1, part) for part in pre.split("."))
    return major, minor, patch, rank
