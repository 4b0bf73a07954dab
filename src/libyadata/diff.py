"""``libyadata diff``: what changed between two data packages, and the version bump it needs.

Records are compared table by table as the packages publish them in JSON Lines (each line is
the record's ``model_dump(mode="json")``), so packages built by different versions of the
models still compare. A record is *added*, *removed* or *changed*; a change is reported as
the dotted paths of the values that differ (``date.value``, ``notes``, ``evidence.1.quote``),
found by walking both records: objects key by key, lists **by position** (an item inserted
at the front of a list shows as a change of every later position; simple, and never wrong
about whether something changed). A removed record must be listed in the new package's
``retractions`` table; one that is not is a ``removal-unretracted`` problem.

The CSV Table Schemas of resources in both packages are compared too, and every change is
classified by the Data Package version rules (Semantic Versioning for data):

- **major**: a resource or field removed (or renamed, which is a removal and an addition), a
  field's ``type``, ``format`` or other reading property changed, fields reordered, the
  primary key changed, a foreign key added, a resource's path, format, encoding or dialect
  changed, or a constraint tightened: ``required`` or ``unique`` added, a ``pattern`` added
  or changed, ``enum`` values removed (or an ``enum`` added), a minimum raised or a maximum
  lowered (or either added);
- **minor**: records added, a resource or field added, or a constraint loosened: ``enum``
  values added, a constraint or foreign key removed, a minimum lowered, a maximum raised;
- **patch**: records changed or removed with a retraction, and metadata: descriptor keys other
  than ``resources``, ``version``, ``created`` and ``id``, resource titles and descriptions,
  field descriptions.

The needed bump is the largest of these; the new version must be greater than the old one
and its bump over it (read from MAJOR.MINOR.PATCH) at least the needed one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from enum import IntEnum
from typing import Any

from pydantic import ValidationError

from .data import DataPackage, PackageError
from .layout import JSON_SUFFIX
from .models import Retraction
from .problems import Problem

JsonObject = dict[str, Any]

#: The table of retractions, which explains removals rather than being compared itself.
RETRACTIONS = "retractions"
RETRACTIONS_FILE = "datasets/retractions.yaml"
_VERSION_FILES = "src/libyadata/_version.py and CITATION.cff"

#: Descriptor keys that change with every build and say nothing about the data.
_VOLATILE = {"resources", "version", "created", "id"}
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
_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)


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
class Change:
    """A record in both packages whose values differ."""

    id: str
    fields: tuple[str, ...]
    """Dotted paths of the differing values, e.g. ``date.value`` or ``evidence.0.quote``."""


@dataclass(frozen=True)
class Removal:
    """A record of the old package that the new one lacks, with its retraction if listed."""

    id: str
    retraction: Retraction | None


@dataclass(frozen=True)
class TableDiff:
    """How the records of one table changed."""

    name: str
    added: tuple[str, ...] = ()
    changed: tuple[Change, ...] = ()
    removed: tuple[Removal, ...] = ()

    @property
    def retracted(self) -> tuple[Removal, ...]:
        """Removals the new package explains with a retraction."""
        return tuple(r for r in self.removed if r.retraction is not None)

    @property
    def unretracted(self) -> tuple[Removal, ...]:
        """Removals with no retraction: each is a problem."""
        return tuple(r for r in self.removed if r.retraction is None)

    def bump(self) -> Bump:
        """Return the bump these record changes need: minor for additions, else patch."""
        if self.added:
            return Bump.MINOR
        return Bump.PATCH if self.changed or self.removed else Bump.NONE


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


@dataclass(frozen=True)
class Diff:
    """Everything that differs between two packages, the bump it needs and what is wrong."""

    old_version: str
    new_version: str
    tables: tuple[TableDiff, ...] = ()
    """Tables whose records changed, in package order."""
    schema: tuple[SchemaChange, ...] = ()
    metadata: tuple[str, ...] = ()
    """Changed metadata, as dotted descriptor paths: ``title``, ``visits.description``."""
    actual: Bump | None = None
    """The bump from the old to the new version; ``None`` if it is not an increase."""
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether nothing is wrong."""
        return not self.problems

    @property
    def changed(self) -> bool:
        """Whether anything differs."""
        return bool(self.tables or self.schema or self.metadata)

    @property
    def required(self) -> Bump:
        """The bump the changes need: the largest of every change's."""
        bumps = [t.bump() for t in self.tables] + [c.bump for c in self.schema]
        if self.metadata:
            bumps.append(Bump.PATCH)
        return max(bumps, default=Bump.NONE)

    def to_dict(self) -> JsonObject:
        """Return the diff as plain JSON data."""
        return {
            "old": {"version": self.old_version},
            "new": {"version": self.new_version},
            "tables": {
                t.name: {
                    "added": list(t.added),
                    "changed": [{"id": c.id, "fields": list(c.fields)} for c in t.changed],
                    "removed": [
                        {
                            "id": r.id,
                            "retraction": r.retraction.model_dump(mode="json")
                            if r.retraction
                            else None,
                        }
                        for r in t.removed
                    ],
                }
                for t in self.tables
            },
            "schema": [
                {
                    "resource": c.resource,
                    "field": c.field,
                    "change": c.change,
                    "bump": c.bump.label,
                }
                for c in self.schema
            ],
            "metadata": list(self.metadata),
            "bump": {
                "required": self.required.label,
                "actual": self.actual.label if self.actual is not None else None,
            },
            "ok": self.ok,
            "problems": [asdict(problem) for problem in self.problems],
        }

    def to_json(self) -> str:
        """Render as a JSON document (see ``to_dict``)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        """Render a summary for people: each table's records, schema changes, the bump."""
        lines = [f"libyadata diff {self.old_version} → {self.new_version}"]
        if not self.changed:
            lines.append("no changes")
        if self.tables:
            lines.append("data:")
        for table in self.tables:
            lines.append(f"  {table.name}: {_counts(table)}")
            lines += [f"    + {record_id}" for record_id in table.added]
            lines += [f"    ~ {c.id}: {', '.join(c.fields)}" for c in table.changed]
            for removal in table.removed:
                if removal.retraction is None:
                    lines.append(f"    - {removal.id} removed without a retraction")
                else:
                    lines.append(f"    - {removal.id} retracted{_retraction_text(removal)}")
        if self.schema:
            lines.append("schema:")
            lines += [f"  {c.bump.label:<5}  {c}" for c in self.schema]
        if self.metadata:
            lines.append(f"metadata: {', '.join(self.metadata)}")
        actual = self.actual.label if self.actual is not None else "not an increase"
        lines.append(
            f"bump: {self.required.label} needed; {self.old_version} → {self.new_version} "
            f"is {actual}"
        )
        lines += [str(problem) for problem in self.problems]
        lines.append(f"diff: {'ok' if self.ok else f'{len(self.problems)} problem(s)'}")
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """Render a summary ready to paste into CHANGELOG.md under a release heading."""
        if not self.changed:
            return "### Data\n\n- No changes.\n"
        parts = []
        if self.tables:
            parts.append("### Data\n")
            parts += [f"- {t.name}: {_markdown_counts(t)}" for t in self.tables]
            parts.append("")
        if self.schema:
            parts.append("### Schema\n")
            for change in self.schema:
                where = (
                    f"`{change.resource}.{change.field}`"
                    if change.field
                    else f"`{change.resource}`"
                )
                parts.append(f"- {change.bump.label.capitalize()}: {where}: {change.change}")
            parts.append("")
        if self.metadata:
            parts.append("### Metadata\n")
            parts.append("- Changed: " + ", ".join(f"`{key}`" for key in self.metadata))
            parts.append("")
        return "\n".join(parts)


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
        table = _table_diff(name, _rows(old, name), _rows(new, name), retractions)
        if table.added or table.changed or table.removed:
            tables.append(table)
        problems += _removal_problems(table, old.version, new.version)
        problems += _reused(table, old_retracted)
    problems += _dropped_retractions(old_retracted, retractions)
    schema = _resource_changes(old.descriptor, new.descriptor)
    metadata = _metadata_changes(old.descriptor, new.descriptor)
    result = Diff(old.version, new.version, tuple(tables), tuple(schema), tuple(metadata))
    actual, version_problems = _version_check(old.version, new.version, result)
    return replace(result, actual=actual, problems=tuple(problems + version_problems))


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


def bump_between(old: str, new: str) -> Bump | None:
    """Return the bump from version ``old`` to ``new``, or ``None`` if ``new`` is not greater.

    Versions are Semantic Versions; pre-releases order as SemVer says, and the bump is read
    from MAJOR.MINOR.PATCH (so ``0.2.0-rc.1`` to ``0.2.0`` is ``NONE``). Raises ``ValueError``
    for a version that is not SemVer.
    """
    before, after = _semver(old), _semver(new)
    if after <= before:
        return None
    for index, bump in enumerate((Bump.MAJOR, Bump.MINOR, Bump.PATCH)):
        if after[index] != before[index]:
            return bump
    return Bump.NONE


def next_version(version: str, bump: Bump) -> str:
    """Return ``version`` raised by ``bump``: ``0.1.3`` raised by minor is ``0.2.0``."""
    major, minor, patch, _ = _semver(version)
    if bump == Bump.MAJOR:
        return f"{major + 1}.0.0"
    if bump == Bump.MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


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


def _has(package: DataPackage, name: str) -> bool:
    return any(r.get("name") == name for r in package.descriptor["resources"])


def _rows(package: DataPackage, table: str) -> dict[str, JsonObject]:
    """Return the records of ``table`` as published (JSON), by id; none if it has no table."""
    name = f"{table}{JSON_SUFFIX}"
    if not _has(package, name):
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
    added = tuple(sorted(new.keys() - old.keys(), key=_natural))
    removed = tuple(
        Removal(record_id, retractions.get(record_id))
        for record_id in sorted(old.keys() - new.keys(), key=_natural)
    )
    changed = []
    for record_id in sorted(old.keys() & new.keys(), key=_natural):
        paths = tuple(differences(old[record_id], new[record_id]))
        if paths:
            changed.append(Change(record_id, paths))
    return TableDiff(name, added, tuple(changed), removed)


def differences(old: Any, new: Any, prefix: str = "") -> Iterator[str]:
    """Yield the dotted paths at which two JSON values differ; lists compare by position."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(key for key in new if key not in old)]:
            path = f"{prefix}.{key}" if prefix else str(key)
            if key not in old or key not in new:
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
            yield Problem(
                "removal-unretracted",
                f"{removal.id} is in {table.name} of {old_version} but not of {new_version}, "
                "and no retraction says why",
                file=RETRACTIONS_FILE,
                record_id=removal.id,
                hint=f"add a retraction for {removal.id} (table: {table.name}, a reason, "
                f"retracted_in: {new_version}), or restore the record",
            )
        elif not _within(retraction.retracted_in, old_version, new_version):
            yield Problem(
                "retraction-version",
                f"{removal.id} is retracted in {retraction.retracted_in}, but it was still in "
                f"{old_version} and is gone from {new_version}",
                file=RETRACTIONS_FILE,
                record_id=removal.id,
                field="retracted_in",
                hint=f"set retracted_in to {new_version} (a version after {old_version}, up to "
                f"{new_version})",
            )


def _reused(table: TableDiff, old_retracted: Mapping[str, Retraction]) -> Iterator[Problem]:
    for record_id in table.added:
        if record_id in old_retracted:
            yield Problem(
                "id-reused",
                f"{record_id} was retracted in {old_retracted[record_id].retracted_in} and is "
                "back as a new record",
                file=f"datasets/{table.name}.yaml",
                record_id=record_id,
                field="id",
                hint="ids are never reused: give the record a new id",
            )


def _dropped_retractions(
    old: Mapping[str, Retraction], new: Mapping[str, Retraction]
) -> Iterator[Problem]:
    for record_id in sorted(old.keys() - new.keys(), key=_natural):
        yield Problem(
            "retraction-dropped",
            f"the retraction of {record_id} is gone from the new package",
            file=RETRACTIONS_FILE,
            record_id=record_id,
            hint="retractions are permanent: restore the entry",
        )


def _resource_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[SchemaChange]:
    old_resources = {r.get("name"): r for r in old.get("resources", ())}
    new_resources = {r.get("name"): r for r in new.get("resources", ())}
    changes = []
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


def _metadata_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    keys = [
        key for key in _union(old, new) if key not in _VOLATILE and old.get(key) != new.get(key)
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
    else:  # pattern, and constraints this classifier does not know: any change may tighten
        yield f"{key} changed from {old!r} to {new!r}", Bump.MAJOR


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


def _version_check(old: str, new: str, result: Diff) -> tuple[Bump | None, list[Problem]]:
    hint = f"raise the version in {_VERSION_FILES}"
    try:
        actual = bump_between(old, new)
    except ValueError as error:
        return None, [Problem("version-invalid", str(error), field="version", hint=hint)]
    required = result.required
    if not result.changed:
        return actual, []
    if actual is None:
        return None, [
            Problem(
                "version-not-greater",
                f"the packages differ but {new} is not greater than {old}",
                field="version",
                hint=f"{hint}: to {next_version(old, required)} for these changes",
            )
        ]
    if actual < required:
        return actual, [
            Problem(
                "version-bump-too-small",
                f"the changes need a {required.label} release, but {old} → {new} is a "
                f"{actual.label} bump",
                field="version",
                hint=f"{hint}: to {next_version(old, required)} at least",
            )
        ]
    return actual, []


def _within(version: str, old: str, new: str) -> bool:
    try:
        return _semver(old) < _semver(version) <= _semver(new)
    except ValueError:
        return False


def _semver(version: str) -> tuple[int, int, int, tuple[tuple[int, int | str], ...]]:
    """Return a key that orders versions as SemVer does (build metadata ignored)."""
    match = _SEMVER.match(version)
    if match is None:
        raise ValueError(f"{version!r} is not a Semantic Version (MAJOR.MINOR.PATCH)")
    major, minor, patch, pre = match.groups()
    # A release sorts after its pre-releases; numeric identifiers before alphanumeric ones.
    rank: tuple[tuple[int, int | str], ...] = ((2, 0),)
    if pre:
        rank = tuple((0, int(part)) if part.isdigit() else (1, part) for part in pre.split("."))
    return int(major), int(minor), int(patch), rank


def _counts(table: TableDiff) -> str:
    parts = []
    if table.added:
        parts.append(f"{len(table.added)} added")
    if table.changed:
        parts.append(f"{len(table.changed)} changed")
    if table.retracted:
        parts.append(f"{len(table.retracted)} retracted")
    if table.unretracted:
        parts.append(f"{len(table.unretracted)} removed without retraction")
    return ", ".join(parts)


def _markdown_counts(table: TableDiff) -> str:
    parts = []
    if table.added:
        parts.append(f"{len(table.added)} added ({', '.join(table.added)})")
    if table.changed:
        changes = "; ".join(f"{c.id}: {', '.join(c.fields)}" for c in table.changed)
        parts.append(f"{len(table.changed)} changed ({changes})")
    if table.retracted:
        retracted = "; ".join(f"{r.id}{_retraction_text(r)}" for r in table.retracted)
        parts.append(f"{len(table.retracted)} retracted ({retracted})")
    if table.unretracted:
        ids = ", ".join(r.id for r in table.unretracted)
        parts.append(f"{len(table.unretracted)} removed without retraction ({ids})")
    return ", ".join(parts)


def _retraction_text(removal: Removal) -> str:
    retraction = removal.retraction
    if retraction is None:
        return ""
    replaced = f" → {retraction.replaced_by}" if retraction.replaced_by else ""
    return f"{replaced}: {retraction.reason}"


def _union(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    return [*old, *(key for key in new if key not in old)]


def _canonical(document: Any) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


def _foreign_key(key: Mapping[str, Any]) -> str:
    reference = key.get("reference", {})
    target = reference.get("resource", "(self)")
    return f"{key.get('fields')} → {target} {reference.get('fields')}"


def _natural(key: str) -> tuple[Any, ...]:
    # VIS-10000 sorts after VIS-9999: digit runs compare as numbers.
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", key))
