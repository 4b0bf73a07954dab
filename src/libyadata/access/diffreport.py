"""Rendering a ``Diff`` for people (text), for programs (JSON) and for CHANGELOG.md (Markdown)."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only annotations: diff imports this module to render itself
    from .diff import Diff, Removal, TableDiff


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
