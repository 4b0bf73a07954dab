"""``libyadata diff``: what changed between two data packages, record by record.

Records are compared table by table as the packages publish them in JSON Lines (each line is
the record's ``model_dump(mode="json")``), so packages built by different versions of the
models still compare. A record is *added*, *removed* or *changed*; a change is reported as
the dotted paths of the values that differ (``date.value``, ``notes``, ``evidence.1.quote``),
found by walking both records: objects key by key, lists **by position** (an item inserted
at the front of a list shows as a change of every later position; simple, and never wrong
about whether something changed). A removed record must be listed in the new package's
``retractions`` table; one that is not is a ``removal-unretracted`` problem.

How each change is classified (major, minor, patch), and the check that the new version
rises by at least the bump the changes need, are the version rules in ``versioning``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from ..core.catalogue.crossrecord_problems import ID_REUSED_AFTER_RETRACTION
from ..core.catalogue.record_problems import (
    REMOVAL_UNRETRACTED,
    RETRACTION_DROPPED,
    RETRACTION_VERSION,
)
from ..core.jsontypes import JsonObject
from ..core.problems import Problem
from ..formats.packagenames import JSON_SUFFIX
from ..models import Retraction
from ..models.tables import TABLES, id_order
from ..readers.datapackage import DataPackage
from ..readers.packageerror import PackageError
from ..upgrades.schemaupgrade import as_current
from .report import Change, Diff, Removal, TableDiff
from .versioning import metadata_changes, resource_changes, version_check, within

#: The table of retractions, which explains removals rather than being compared itself.
RETRACTIONS = TABLES.retractions.name
RETRACTIONS_FILE = TABLES.retractions.source


def diff(old: DataPackage, new: DataPackage) -> Diff:
    """Compare two data packages: records, Table Schemas, metadata and versions.

    Raises ``PackageError`` when a package cannot be read (a file fails its hash check, a line
    is not JSON, a retraction does not validate).
    """
    retractions = _retractions(new)
    old_retracted = _retractions(old)
    problems: list[Problem] = []
    tables = []
    for name in _tables(old, new):
        table = _table_diff(name, _upgraded(old, name, new), _rows(new, name), retractions)
        if table.added or table.changed or table.removed:
            tables.append(table)
        problems += _removal_problems(table, old.version, new.version)
        problems += _reused(table, old_retracted)
    problems += _dropped_retractions(old_retracted, retractions)
    schema = resource_changes(old.descriptor, new.descriptor)
    metadata = metadata_changes(old.descriptor, new.descriptor)
    result = Diff(old.version, new.version, tuple(tables), tuple(schema), tuple(metadata))
    actual, version_problems = version_check(
        old.version, new.version, result.required, result.changed
    )
    return replace(result, actual=actual, problems=tuple(problems + version_problems))


def _tables(old: DataPackage, new: DataPackage) -> list[str]:
    names: list[str] = []
    for package in (old, new):
        for resource in package.descriptor["resources"]:
            name = str(resource.get("name", ""))
            if name.endswith(JSON_SUFFIX):
                table = name.removesuffix(JSON_SUFFIX)
                if table != RETRACTIONS and table not in names:
                    names.append(table)
    return names


def _rows(package: DataPackage, table: str) -> dict[str, JsonObject]:
    """Return the records of ``table`` as published (JSON), by id; none if it has no table."""
    name = f"{table}{JSON_SUFFIX}"
    if not package.has(name):
        return {}
    rows = {}
    for number, line in enumerate(package.read_bytes(name).splitlines(), start=1):
        try:
            row = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise PackageError(
                f"{package.root}: {name} line {number} is not JSON: {error}"
            ) from None
        if not isinstance(row, dict) or "id" not in row:
            raise PackageError(f"{package.root}: {name} line {number} is not a record with an id")
        rows[str(row["id"])] = row
    return rows


def _upgraded(old: DataPackage, name: str, new: DataPackage) -> dict[str, JsonObject]:
    """Return the old package's records of ``name`` as the new one's schema version has them.

    Packages of two schema versions are compared as the newer one reads the older (fields it
    added present with their defaults, values it writes otherwise rewritten), so only what
    changed in the data is listed. A record that cannot be upgraded is compared as it is.
    """
    rows = _rows(old, name)
    if old.schema_version >= new.schema_version or name not in {t.name for t in TABLES}:
        return rows
    source = TABLES.named(name)
    return {
        record_id: as_current(source, row, old.schema_version) for record_id, row in rows.items()
    }


def _retractions(package: DataPackage) -> dict[str, Retraction]:
    retractions = {}
    for record_id, row in _rows(package, RETRACTIONS).items():
        try:
            retractions[record_id] = Retraction.model_validate(row)
        except ValidationError as error:
            raise PackageError(
                f"{package.root}: retraction {record_id} is not valid: {error}"
            ) from None
    return retractions


def _table_diff(
    name: str,
    old: Mapping[str, JsonObject],
    new: Mapping[str, JsonObject],
    retractions: Mapping[str, Retraction],
) -> TableDiff:
    added = tuple(sorted(new.keys() - old.keys(), key=id_order))
    removed = tuple(
        Removal(record_id, retractions.get(record_id))
        for record_id in sorted(old.keys() - new.keys(), key=id_order)
    )
    changed = []
    for record_id in sorted(old.keys() & new.keys(), key=id_order):
        paths = tuple(differences(old[record_id], new[record_id]))
        if paths:
            changed.append(Change(record_id, paths))
    return TableDiff(name, added, tuple(changed), removed)


#: The values an absent field reads as (a list field's default, an optional field's).
_EMPTY: tuple[object, ...] = (None, [])


def differences(old: Any, new: Any, prefix: str = "") -> Iterator[str]:
    """Yield the dotted paths at which two JSON values differ; lists compare by position."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(key for key in new if key not in old)]:
            path = f"{prefix}.{key}" if prefix else str(key)
            if key not in old or key not in new:
                # A field added since (or dropped) that holds its empty default is no change:
                # a package built before the field existed says the same as one built after.
                if old.get(key, new.get(key)) not in _EMPTY:
                    yield path
            else:
                yield from differences(old[key], new[key], path)
    elif isinstance(old, list) and isinstance(new, list):
        for index in range(max(len(old), len(new))):
            path = f"{prefix}.{index}" if prefix else str(index)
            if index >= len(old) or index >= len(new):
                yield path
            else:
                yield from differences(old[index], new[index], path)
    elif old != new or type(old) is not type(new):
        yield prefix


def _removal_problems(table: TableDiff, old_version: str, new_version: str) -> Iterator[Problem]:
    for removal in table.removed:
        retraction = removal.retraction
        if retraction is None:
            yield REMOVAL_UNRETRACTED(
                id=removal.id,
                table=table.name,
                old=old_version,
                new=new_version,
                file=RETRACTIONS_FILE,
                record_id=removal.id,
            )
        elif not within(retraction.retracted_in, old_version, new_version):
            yield RETRACTION_VERSION(
                id=removal.id,
                retracted_in=retraction.retracted_in,
                old=old_version,
                new=new_version,
                file=RETRACTIONS_FILE,
                record_id=removal.id,
                field="retracted_in",
            )


def _reused(table: TableDiff, old_retracted: Mapping[str, Retraction]) -> Iterator[Problem]:
    for record_id in table.added:
        if record_id in old_retracted:
            yield ID_REUSED_AFTER_RETRACTION(
                id=record_id,
                retracted_in=old_retracted[record_id].retracted_in,
                file=_curated_file(table.name),
                record_id=record_id,
                field="id",
            )


def _dropped_retractions(
    old: Mapping[str, Retraction], new: Mapping[str, Retraction]
) -> Iterator[Problem]:
    for record_id in sorted(old.keys() - new.keys(), key=id_order):
        yield RETRACTION_DROPPED(id=record_id, file=RETRACTIONS_FILE, record_id=record_id)


def _curated_file(name: str) -> str | None:
    # An older package may hold a table this version no longer curates.
    return next((source.source for source in TABLES if source.name == name), None)
