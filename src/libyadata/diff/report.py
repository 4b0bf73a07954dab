"""What a diff found (``Diff``, by table), and how it reads: text, JSON and Markdown.

The result of ``diff`` and its renderings for people (text), for programs (JSON) and for
CHANGELOG.md (Markdown); ``diff`` computes it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from ..core.jsontypes import JsonObject
from ..core.problems import Problem
from ..models import Retraction
from .versioning import Bump, SchemaChange


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
        return as_dict(self)

    def to_json(self) -> str:
        """Render as a JSON document (see ``to_dict``)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        """Render a summary for people: each table's records, schema changes, the bump."""
        return text(self)

    def to_markdown(self) -> str:
        """Render a summary ready to paste into CHANGELOG.md under a release heading."""
        return markdown(self)


def as_dict(result: Diff) -> dict[str, Any]:
    """Return the diff as plain JSON data."""
    return {
        "old": {"version": result.old_version},
        "new": {"version": result.new_version},
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
            for t in result.tables
        },
        "schema": [
            {
                "resource": c.resource,
                "field": c.field,
                "change": c.change,
                "bump": c.bump.label,
            }
            for c in result.schema
        ],
        "metadata": list(result.metadata),
        "bump": {
            "required": result.required.label,
            "actual": result.actual.label if result.actual is not None else None,
        },
        "ok": result.ok,
        "problems": [asdict(problem) for problem in result.problems],
    }


def text(result: Diff) -> str:
    """Render a summary for people: each table's records, schema changes, the bump."""
    lines = [f"libyadata diff {result.old_version} → {result.new_version}"]
    if not result.changed:
        lines.append("no changes")
    if result.tables:
        lines.append("data:")
    for table in result.tables:
        lines.append(f"  {table.name}: {_counts(table, detailed=False)}")
        lines += [f"    + {record_id}" for record_id in table.added]
        lines += [f"    ~ {c.id}: {', '.join(c.fields)}" for c in table.changed]
        for removal in table.removed:
            if removal.retraction is None:
                lines.append(f"    - {removal.id} removed without a retraction")
            else:
                lines.append(f"    - {removal.id} retracted{_retraction_text(removal)}")
    if result.schema:
        lines.append("schema:")
        lines += [f"  {c.bump.label:<5}  {c}" for c in result.schema]
    if result.metadata:
        lines.append(f"metadata: {', '.join(result.metadata)}")
    actual = result.actual.label if result.actual is not None else "not an increase"
    lines.append(
        f"bump: {result.required.label} needed; {result.old_version} → {result.new_version} "
        f"is {actual}"
    )
    lines += [str(problem) for problem in result.problems]
    lines.append(f"diff: {'ok' if result.ok else f'{len(result.problems)} problem(s)'}")
    return "\n".join(lines)


def markdown(result: Diff) -> str:
    """Render a summary ready to paste into CHANGELOG.md under a release heading."""
    if not result.changed:
        return "### Data\n\n- No changes.\n"
    parts = []
    if result.tables:
        parts.append("### Data\n")
        parts += [f"- {t.name}: {_counts(t, detailed=True)}" for t in result.tables]
        parts.append("")
    if result.schema:
        parts.append("### Schema\n")
        for change in result.schema:
            where = (
                f"`{change.resource}.{change.field}`" if change.field else f"`{change.resource}`"
            )
            parts.append(f"- {change.bump.label.capitalize()}: {where}: {change.change}")
        parts.append("")
    if result.metadata:
        parts.append("### Metadata\n")
        parts.append("- Changed: " + ", ".join(f"`{key}`" for key in result.metadata))
        parts.append("")
    return "\n".join(parts)


def _counts(table: TableDiff, *, detailed: bool) -> str:
    # Text lists the records on lines of their own; Markdown has one line a table, so the
    # ids (and what changed, and why) go in parentheses after each count.
    groups = (
        ("added", table.added, ", "),
        ("changed", [f"{c.id}: {', '.join(c.fields)}" for c in table.changed], "; "),
        ("retracted", [f"{r.id}{_retraction_text(r)}" for r in table.retracted], "; "),
        ("removed without retraction", [r.id for r in table.unretracted], ", "),
    )
    return ", ".join(
        f"{len(items)} {label}" + (f" ({separator.join(items)})" if detailed else "")
        for label, items, separator in groups
        if items
    )


def _retraction_text(removal: Removal) -> str:
    retraction = removal.retraction
    if retraction is None:
        return ""
    replaced = f" → {retraction.replaced_by}" if retraction.replaced_by else ""
    return f"{replaced}: {retraction.reason}"
