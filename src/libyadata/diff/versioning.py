"""The Data Package version rules: the bump each change needs, and whether a version has it.

The CSV Table Schemas of resources in both packages are compared, and every change is
classified by the Data Package version rules (Semantic Versioning for data):

- **major**: a resource or field removed (or renamed, which is a removal and an addition), a
  field's ``type``, ``format`` or other reading property changed, fields reordered, the
  primary key changed, a foreign key added, a resource's path, format, encoding or dialect
  changed, or a constraint tightened: ``required`` or ``unique`` added, a ``pattern`` added
  or changed, ``enum`` values removed (or an ``enum`` added), a minimum raised or a maximum
  lowered (or either added);
- **minor**: records added, a resource or field added, or a constraint loosened: ``enum``
  values added, alternatives added to a pattern written ``^(?:A|B)$`` (a new table's ids
  among those a retraction can name), a constraint or foreign key removed, a minimum
  lowered, a maximum raised;
- **patch**: records changed or removed with a retraction, and metadata: descriptor keys other
  than ``resources``, ``version``, ``created`` and ``id``, resource titles and descriptions,
  field descriptions.

The needed bump is the largest of these; the new version must be greater than the old one
and its bump over it (read from MAJOR.MINOR.PATCH) at least the needed one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from ..core.catalogue.record_problems import (
    VERSION_BUMP_TOO_SMALL,
    VERSION_INVALID,
    VERSION_NOT_GREATER,
)
from ..core.problems import Problem
from ..core.versions import version_key
from ..formats.packagenames import JSON_SUFFIX

#: Descriptor keys that change with every build and say nothing about the data.
_VOLATILE = {"resources", "version", "created"}
#: Descriptor keys that identify the dataset: changing one makes another dataset.
_IDENTITY = {"name", "id"}
#: Resource keys that follow from the data (compared as records) or are compared on their own.
_RESOURCE_DATA = {"name", "bytes", "hash", "schema"}
#: Resource keys that say how the file is read: changing one breaks readers.
_RESOURCE_READING = {"path", "type", "format", "mediatype", "encoding", "dialect"}
#: Field keys that only document the field.
_FIELD_DOCS = {"description", "title", "example", "examples"}
#: Schema keys, besides fields and keys, that change how cells are read.
_SCHEMA_READING = {"missingValues", "fieldsMatch"}
_LOWER_BOUNDS = {"minimum", "exclusiveMinimum", "minLength"}
_UPPER_BOUNDS = {"maximum", "exclusiveMaximum", "maxLength"}


class Bump(IntEnum):
    """How much a version must rise for a change, by the Data Package version rules."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3

    @property
    def label(self) -> str:
        """Lower-case name: ``none``, ``patch``, ``minor`` or ``major``."""
        return self.name.lower()


@dataclass(frozen=True)
class SchemaChange:
    """A change to a resource or its Table Schema, with the bump it needs."""

    resource: str
    field: str | None
    change: str
    """What changed, in words: ``field removed``, ``minimum raised from 1 to 2``."""
    bump: Bump

    def __str__(self) -> str:
        """Render as ``resource.field: change``."""
        where = f"{self.resource}.{self.field}" if self.field else self.resource
        return f"{where}: {self.change}"


def schema_changes(
    resource: str, old: Mapping[str, Any], new: Mapping[str, Any]
) -> list[SchemaChange]:
    """Classify every difference between two Table Schemas of resource ``resource``."""
    changes: list[SchemaChange] = []

    def add(field_name: str | None, change: str, bump: Bump) -> None:
        changes.append(SchemaChange(resource, field_name, change, bump))

    old_fields = {f["name"]: f for f in old.get("fields", ())}
    new_fields = {f["name"]: f for f in new.get("fields", ())}
    for name in old_fields.keys() - new_fields.keys():
        add(name, "field removed", Bump.MAJOR)
    shared = [name for name in old_fields if name in new_fields]
    if [name for name in new_fields if name in old_fields] != shared:
        add(None, "fields reordered", Bump.MAJOR)
    for name in shared:
        changes += _field_changes(resource, name, old_fields[name], new_fields[name])
    for name in new_fields:
        if name not in old_fields:
            add(name, "field added", Bump.MINOR)
    if old.get("primaryKey") != new.get("primaryKey"):
        add(
            None,
            f"primary key changed from {old.get('primaryKey')} to {new.get('primaryKey')}",
            Bump.MAJOR,
        )
    old_keys = {_canonical(key): key for key in old.get("foreignKeys", ())}
    new_keys = {_canonical(key): key for key in new.get("foreignKeys", ())}
    for text in new_keys.keys() - old_keys.keys():
        add(None, f"foreign key added: {_foreign_key(new_keys[text])}", Bump.MAJOR)
    for text in old_keys.keys() - new_keys.keys():
        add(None, f"foreign key removed: {_foreign_key(old_keys[text])}", Bump.MINOR)
    for key in sorted((old.keys() | new.keys()) - {"fields", "primaryKey", "foreignKeys"}):
        if old.get(key) != new.get(key):
            bump = Bump.MAJOR if key in _SCHEMA_READING else Bump.PATCH
            add(None, f"{key} changed", bump)
    return sorted(changes, key=lambda c: (-c.bump, c.field or "", c.change))


def resource_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[SchemaChange]:
    """Classify the resources added, removed or read differently between two descriptors.

    The Table Schemas of CSV resources in both are compared too (see ``schema_changes``).
    """
    old_resources = {r.get("name"): r for r in old.get("resources", ())}
    new_resources = {r.get("name"): r for r in new.get("resources", ())}
    changes = [
        SchemaChange("(package)", None, f"{key} changed: a different dataset", Bump.MAJOR)
        for key in sorted(_IDENTITY)
        if old.get(key) != new.get(key)
    ]
    # A table with no records has no JSON Lines twin (see build), so one appearing or going
    # with the table's first or last record is a change of data, not of the package's shape.
    twins = {f"{name}{JSON_SUFFIX}" for name in old_resources.keys() & new_resources.keys()}
    for name in twins:
        if (name in old_resources) != (name in new_resources):
            old_resources.pop(name, None)
            new_resources.pop(name, None)
    for name, resource in old_resources.items():
        if name not in new_resources:
            changes.append(SchemaChange(str(name), None, "resource removed", Bump.MAJOR))
            continue
        other = new_resources[name]
        for key in sorted(_RESOURCE_READING):
            if resource.get(key) != other.get(key):
                change = f"{key} changed from {resource.get(key)!r} to {other.get(key)!r}"
                changes.append(SchemaChange(str(name), None, change, Bump.MAJOR))
        if resource.get("format") == "csv" and other.get("format") == "csv":
            changes += schema_changes(
                str(name), resource.get("schema", {}), other.get("schema", {})
            )
    for name in new_resources:
        if name not in old_resources:
            changes.append(SchemaChange(str(name), None, "resource added", Bump.MINOR))
    return changes


def metadata_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Return the dotted paths of changed metadata (each a patch): ``title``, ``visits.title``."""
    keys = [
        key
        for key in _union(old, new)
        if key not in _VOLATILE | _IDENTITY and old.get(key) != new.get(key)
    ]
    old_resources = {r.get("name"): r for r in old.get("resources", ())}
    for resource in new.get("resources", ()):
        before = old_resources.get(resource.get("name"))
        if before is None:
            continue
        ignored = _RESOURCE_DATA | _RESOURCE_READING
        keys += [
            f"{resource.get('name')}.{key}"
            for key in _union(before, resource)
            if key not in ignored and before.get(key) != resource.get(key)
        ]
    return keys


def bump_between(old: str, new: str) -> Bump | None:
    """Return the bump from version ``old`` to ``new``, or ``None`` if ``new`` is not greater.

    Versions are Semantic Versions; pre-releases order as SemVer says, and the bump is read
    from MAJOR.MINOR.PATCH (so ``0.2.0-rc.1`` to ``0.2.0`` is ``NONE``). Raises ``ValueError``
    for a version that is not SemVer.
    """
    before, after = version_key(old), version_key(new)
    if after <= before:
        return None
    for index, bump in enumerate((Bump.MAJOR, Bump.MINOR, Bump.PATCH)):
        if after[index] != before[index]:
            return bump
    return Bump.NONE


def next_version(version: str, bump: Bump) -> str:
    """Return ``version`` raised by ``bump``: ``0.1.3`` raised by minor is ``0.2.0``."""
    major, minor, patch, _ = version_key(version)
    if bump == Bump.MAJOR:
        return f"{major + 1}.0.0"
    if bump == Bump.MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def within(version: str, old: str, new: str) -> bool:
    """Whether ``version`` is after ``old`` and at most ``new`` (false if any is not SemVer)."""
    try:
        return version_key(old) < version_key(version) <= version_key(new)
    except ValueError:
        return False


def version_check(
    old: str, new: str, required: Bump, changed: bool
) -> tuple[Bump | None, list[Problem]]:
    """Return the bump from ``old`` to ``new``, and the problems if it is less than ``required``.

    Packages that do not differ (``changed`` false) need no increase; the bump is ``None``
    when ``new`` is not greater than ``old`` or either is not SemVer.
    """
    try:
        actual = bump_between(old, new)
    except ValueError as error:
        return None, [VERSION_INVALID(error=error, field="version")]
    if not changed:
        return actual, []
    if actual is None:
        return None, [
            VERSION_NOT_GREATER(new=new, old=old, next=next_version(old, required), field="version")
        ]
    if actual < required:
        return actual, [
            VERSION_BUMP_TOO_SMALL(
                required=required.label,
                old=old,
                new=new,
                actual=actual.label,
                next=next_version(old, required),
                field="version",
            )
        ]
    return actual, []


def _field_changes(
    resource: str, name: str, old: Mapping[str, Any], new: Mapping[str, Any]
) -> Iterator[SchemaChange]:
    for key in _union(old, new):
        if key in {"name", "constraints"} or old.get(key) == new.get(key):
            continue
        if key in _FIELD_DOCS:
            yield SchemaChange(resource, name, f"{key} changed", Bump.PATCH)
        else:
            change = f"{key} changed from {old.get(key)!r} to {new.get(key)!r}"
            yield SchemaChange(resource, name, change, Bump.MAJOR)
    before, after = old.get("constraints", {}), new.get("constraints", {})
    for key in _union(before, after):
        if before.get(key) != after.get(key):
            for change, bump in _constraint_changes(key, before.get(key), after.get(key)):
                yield SchemaChange(resource, name, change, bump)


def _constraint_changes(key: str, old: Any, new: Any) -> Iterator[tuple[str, Bump]]:
    if key in {"required", "unique"}:
        if bool(new) and not bool(old):
            yield f"{key} added", Bump.MAJOR
        elif bool(old) and not bool(new):
            yield f"{key} removed", Bump.MINOR
    elif key == "enum":
        yield from _enum_changes(old, new)
    elif new is None:
        yield f"{key} constraint removed", Bump.MINOR
    elif old is None:
        yield f"{key} constraint added ({new!r})", Bump.MAJOR
    elif key in _LOWER_BOUNDS | _UPPER_BOUNDS:
        try:
            raised = new > old
        except TypeError:
            yield f"{key} changed from {old!r} to {new!r}", Bump.MAJOR
            return
        tightened = raised == (key in _LOWER_BOUNDS)
        verb = "raised" if raised else "lowered"
        yield f"{key} {verb} from {old!r} to {new!r}", Bump.MAJOR if tightened else Bump.MINOR
    elif key == "pattern" and _widened(old, new):
        added = [a for a in _alternatives(new) or () if a not in (_alternatives(old) or ())]
        yield f"pattern widened: {' | '.join(added)} allowed too", Bump.MINOR
    else:  # pattern, and constraints this classifier does not know: any change may tighten
        yield f"{key} changed from {old!r} to {new!r}", Bump.MAJOR


def _widened(old: Any, new: Any) -> bool:
    """Whether pattern ``new`` is ``old`` with alternatives added, so it matches all it did.

    The id of a retracted row (``^(?:SEED-…|ACT-…|…)$``) is one alternative per table: a new
    table adds one, which loosens the constraint (a minor change), as ``enum`` values added do.
    """
    before, after = _alternatives(old), _alternatives(new)
    return before is not None and after is not None and set(before) < set(after)


def _alternatives(pattern: Any) -> list[str] | None:
    """Return the alternatives of a pattern written ``^(?:A|B|…)$``; ``None`` for any other."""
    if not (isinstance(pattern, str) and pattern.startswith("^(?:") and pattern.endswith(")$")):
        return None
    body = pattern[len("^(?:") : -len(")$")]
    found, depth, start, index = [], 0, 0, 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            index += 1  # the escaped character is literal
        elif char == "[":  # a class ends at the first ']' that is not its first character
            index = body.find("]", index + 2)
            if index < 0:
                return None
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:  # the outer group closed early: "^(?:A)|(?:B)$"
                return None
        elif char == "|" and depth == 0:
            found.append(body[start:index])
            start = index + 1
        index += 1
    return [*found, body[start:]] if depth == 0 else None


def _enum_changes(
    old: Sequence[Any] | None, new: Sequence[Any] | None
) -> Iterator[tuple[str, Bump]]:
    if new is None:
        yield "enum constraint removed", Bump.MINOR
        return
    if old is None:
        yield f"enum constraint added ({', '.join(map(str, new))})", Bump.MAJOR
        return
    removed = [value for value in old if value not in new]
    added = [value for value in new if value not in old]
    if removed:
        yield f"enum values removed: {', '.join(map(str, removed))}", Bump.MAJOR
    if added:
        yield f"enum values added: {', '.join(map(str, added))}", Bump.MINOR
    if not removed and not added:
        yield "enum values reordered", Bump.PATCH


def _union(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    # Keys of both, old's order first, so reports list changes in descriptor order.
    return [*old, *(key for key in new if key not in old)]


def _canonical(document: Any) -> str:
    # Foreign keys compare as documents: the same key with its keys reordered is no change.
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


def _foreign_key(key: Mapping[str, Any]) -> str:
    reference = key.get("reference", {})
    target = reference.get("resource", "(self)")
    return f"{key.get('fields')} → {target} {reference.get('fields')}"
