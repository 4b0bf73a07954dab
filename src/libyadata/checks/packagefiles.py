"""The package layer of ``validate``: a built package as its consumers will check it.

Two checks: ``datapackage.json`` against the official Data Package v2 profiles (``profile``),
and the package through ``frictionless`` (types, constraints, primary and foreign keys, bytes
and hashes of every file), each frictionless error as a problem coded ``frictionless-<its
type>``. frictionless judges the whole descriptor and every resource but those libyadata has
already read in full: a JSON Lines table whose every record the record and cross-record layers
validated against its model, whose resource entry is exactly what a build writes (its Table
Schema is the one made from that model) and whose bytes are the size and SHA-256 the entry
gives is not read a second time by frictionless (``Judged``).

A pass of both is remembered (``verdicts``): the same bytes are not checked twice, any changed
byte is. ``cache=False`` always checks.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..core.catalogue.package_problems import (
    DESCRIPTOR_MISSING,
    DESCRIPTOR_UNREADABLE,
    FRICTIONLESS,
    PACKAGE_PROFILE,
)
from ..core.hashing import PREFIX
from ..core.problems import Problem
from ..formats.packagenames import DESCRIPTOR, JSON_SUFFIX
from . import verdicts


class Judged(NamedTuple):
    """The bytes of a resource libyadata has read and checked in full: size and SHA-256."""

    size: int
    sha256: str
    """Lowercase hex."""
    rows: int
    """Records read from it."""


@dataclass(frozen=True)
class PackageCheck:
    """What the package layer found, and whether frictionless ran or its verdict was reused."""

    problems: tuple[Problem, ...]
    rows: int | None
    """Rows frictionless validated; ``None`` when its verdict came from the cache."""
    cached: bool
    own: int = 0
    """Rows of the JSON Lines resources libyadata's own reading judged instead."""


def check_package(
    root: Path,
    shown: str,
    *,
    cache: bool = True,
    judged: Mapping[str, Judged] | None = None,
) -> PackageCheck:
    """Check the package in folder ``root``; ``shown`` names that folder in problems.

    ``judged`` names the JSON Lines resources whose records the caller has validated in full
    (every layer up to cross-record, without a problem), with the bytes it read: those that
    are exactly as a build writes them are left out of frictionless's run.
    """
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
    digest = verdicts.key(root, _files(descriptor)) if cache else None
    if digest is not None and verdicts.passed(digest):
        return PackageCheck((), None, True)
    from ..formats import profile

    problems = [
        PACKAGE_PROFILE(message=message, file=where, field=path)
        for path, message in profile.errors(descriptor)
    ]
    judged = judged or {}
    own = _own(descriptor, judged)
    found, rows = _frictionless(descriptor_path, shown, own)
    problems += found
    if digest is not None and not problems:
        verdicts.remember(digest)
    return PackageCheck(tuple(problems), rows, False, sum(judged[name].rows for name in own))


def _files(descriptor: Any) -> list[str]:
    """Return the files of a package: the descriptor and every resource's path."""
    names = [DESCRIPTOR]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    for resource in resources if isinstance(resources, list) else ():
        path = resource.get("path") if isinstance(resource, dict) else None
        names.append(path if isinstance(path, str) else "")
    return names


#: The keys of a JSON Lines resource entry as a build writes it.
_JSON_LINES_KEYS = frozenset(
    {"name", "path", "type", "title", "description", "format", "mediatype", "encoding"}
    | {"bytes", "hash", "schema"}
)


def _own(descriptor: Any, judged: Mapping[str, Judged]) -> set[str]:
    """Return the judged resources frictionless need not read: entries as a build writes them.

    One that another resource still read by frictionless refers to stays in its run.
    """
    from ..formats.layout import nested_table_schema
    from ..models.tables import TABLES

    sources = {f"{t.name}{JSON_SUFFIX}": t for t in TABLES}
    listed = descriptor.get("resources") if isinstance(descriptor, dict) else None
    resources = [r for r in listed if isinstance(r, dict)] if isinstance(listed, list) else []
    own = set()
    for resource in resources:
        name = resource.get("name")
        bytes_read = judged.get(name) if isinstance(name, str) else None
        if bytes_read is None or not isinstance(name, str) or name not in sources:
            continue
        if (
            set(resource) <= _JSON_LINES_KEYS
            and resource.get("type") == "table"
            and resource.get("format") == "jsonl"
            and resource.get("encoding") == "utf-8"
            and resource.get("bytes") == bytes_read.size
            and resource.get("hash") == f"{PREFIX}{bytes_read.sha256}"
            and resource.get("schema") == nested_table_schema(sources[name])
        ):
            own.add(name)
    changed = True
    while changed:  # keep every resource a remaining one refers to
        changed = False
        for resource in resources:
            if resource.get("name") in own:
                continue
            for target in _references(resource) & own:
                own.discard(target)
                changed = True
    return own


def _references(resource: Mapping[str, Any]) -> set[str]:
    schema = resource.get("schema")
    keys = schema.get("foreignKeys") if isinstance(schema, dict) else None
    found = set()
    for key in keys if isinstance(keys, list) else ():
        reference = key.get("reference") if isinstance(key, dict) else None
        target = reference.get("resource") if isinstance(reference, dict) else None
        if isinstance(target, str):
            found.add(target)
    return found


def _frictionless(descriptor: Path, shown: str, own: set[str]) -> tuple[list[Problem], int]:
    """Run frictionless on the whole descriptor and on every resource but ``own``."""
    from frictionless import FrictionlessException, Package

    try:
        package = Package(str(descriptor))
        package.to_descriptor(validate=True)  # the whole descriptor, before any is left out
    except FrictionlessException as exception:
        reasons = exception.reasons or [exception.error]
        return [_problem(reason, f"{shown}/{DESCRIPTOR}") for reason in reasons], 0
    for name in sorted(own):
        package.remove_resource(name)
    from .fklookups import shared_lookups

    with shared_lookups():  # each table a foreign key refers to is read once, not per referrer
        report = package.validate()
    problems = []
    rows = 0
    for task in report.tasks:
        rows += int(task.stats.get("rows") or 0)
        for error in task.errors:
            problems.append(_problem(error, f"{shown}/{task.place}" if task.place else shown))
    problems += [_problem(error, f"{shown}/{DESCRIPTOR}") for error in report.errors]
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
