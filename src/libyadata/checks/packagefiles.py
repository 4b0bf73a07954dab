"""The package layer of ``validate``: a built package as its consumers will check it.

Two checks: ``datapackage.json`` against the official Data Package v2 profiles (``profile``),
and the whole package through ``frictionless`` (types, constraints, primary and foreign keys,
bytes and hashes of every file), each frictionless error as a problem coded
``frictionless-<its type>``.

frictionless spends about a second on the real package, mostly re-reading metadata rather than
rows, and both verdicts depend only on the bytes read. So a pass of both is remembered in the cache
folder under a key made of the SHA-256 of every file of the package, the descriptor included,
and the versions of frictionless and libyadata: the same bytes are not checked twice, any
changed byte is. ``cache=False`` always runs it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib.metadata import version as installed_version
from pathlib import Path
from typing import Any

from .._version import __version__
from ..core.catalogue_package import (
    DESCRIPTOR_MISSING,
    DESCRIPTOR_UNREADABLE,
    FRICTIONLESS,
    PACKAGE_PROFILE,
)
from ..core.hashing import sha256
from ..core.problems import Problem
from ..formats.datapackage import DESCRIPTOR


@dataclass(frozen=True)
class PackageCheck:
    """What the package layer found, and whether frictionless ran or its verdict was reused."""

    problems: tuple[Problem, ...]
    rows: int | None
    """Rows frictionless validated; ``None`` when its verdict came from the cache."""
    cached: bool


def check_package(root: Path, shown: str, *, cache: bool = True) -> PackageCheck:
    """Check the package in folder ``root``; ``shown`` names that folder in problems."""
    descriptor_path = root / DESCRIPTOR
    where = f"{shown}/{DESCRIPTOR}"
    try:
        descriptor = json.loads(descriptor_path.read_bytes())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        missing = isinstance(error, FileNotFoundError)
        return PackageCheck(
            (
                (DESCRIPTOR_MISSING if missing else DESCRIPTOR_UNREADABLE)(
                    shown=where, error=error, file=where
                ),
            ),
            None,
            False,
        )
    stamp = _stamp(root, descriptor) if cache else None
    if stamp is not None and stamp.exists():
        return PackageCheck((), None, True)
    from ..formats import profile

    problems = [
        PACKAGE_PROFILE(message=message, file=where, field=path)
        for path, message in profile.errors(descriptor)
    ]
    found, rows = _frictionless(descriptor_path, shown)
    problems += found
    if stamp is not None and not problems:
        _remember(stamp)
    return PackageCheck(tuple(problems), rows, False)


def _frictionless(descriptor: Path, shown: str) -> tuple[list[Problem], int]:
    from frictionless import validate as frictionless_validate

    report = frictionless_validate(str(descriptor))
    problems = []
    rows = 0
    for task in report.tasks:
        rows += int(task.stats.get("rows") or 0)
        for error in task.errors:
            problems.append(_problem(error, f"{shown}/{task.place}" if task.place else shown))
    for error in report.errors:
        problems.append(_problem(error, f"{shown}/{DESCRIPTOR}"))
    return problems, rows


def _problem(error: Any, file: str) -> Problem:
    cells = getattr(error, "cells", None) or []
    header = getattr(error, "field_name", None)
    return FRICTIONLESS.member(error.type)(
        message=str(error.message),
        file=file,
        line=getattr(error, "row_number", None),
        record_id=str(cells[0]) if cells and cells[0] else None,
        field=header,
    )


def _stamp(root: Path, descriptor: Any) -> Path | None:
    """Return the cache marker for exactly these bytes, or ``None`` if a file is unreadable."""
    from ..core.cache import cache_dir

    digest = hashlib.sha256()
    digest.update(f"frictionless {installed_version('frictionless')}\n".encode())
    digest.update(f"libyadata {__version__}\n".encode())
    names = [DESCRIPTOR]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    for resource in resources if isinstance(resources, list) else ():
        path = resource.get("path") if isinstance(resource, dict) else None
        if not isinstance(path, str):
            return None
        names.append(path)
    for name in names:
        try:
            data = (root / name).read_bytes()
        except OSError:
            return None  # frictionless reports it
        digest.update(f"{name}\0{sha256(data)}\n".encode())
    return cache_dir() / "validated" / digest.hexdigest()


def _remember(stamp: Path) -> None:
    # A cache that cannot be written costs only speed.
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    except OSError:
        return
