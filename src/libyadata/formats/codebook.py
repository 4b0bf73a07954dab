"""The Markdown codebook, generated from the same field descriptions as the schemas."""

from __future__ import annotations

import inspect
from typing import Any

from ..core.versions import SCHEMA_VERSION
from ..models import FuzzyDate, vocab
from ..models.base import LABEL_LENGTH, NOTES_LENGTH, QUOTE_LENGTH, TEXT_LENGTH, DocEnum
from ..models.evidence import MAX_INTEGER
from ..models.quantity import LIMITS
from .layout import Layout, layouts


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _constraints(descriptor: dict[str, Any]) -> str:
    parts = []
    for key, value in descriptor.get("constraints", {}).items():
        if key in {"required", "enum"}:
            continue
        parts.append(f"{key}: `{value}`" if key != "unique" else "unique")
    if "enum" in descriptor.get("constraints", {}):
        parts.append("one of " + ", ".join(f"`{v}`" for v in descriptor["constraints"]["enum"]))
    return "; ".join(parts)


def _table_section(layout: Layout) -> list[str]:
    lines = [f"### `{layout.name}`", ""]
    if layout.is_child:
        lines.append(
            f"One row per item of the `{layout.list_field}` list of a row of "
            f"`{layout.table.name}`. {layout.description}"
        )
    else:
        lines.append(f"{layout.table.title}. {layout.description}")
    lines += ["", f"Primary key: {', '.join(f'`{key}`' for key in layout.primary_key)}."]
    if layout.foreign_keys:
        links = ", ".join(
            f"`{key.column}` → `{key.table}.{key.target}`" for key in layout.foreign_keys
        )
        lines.append(f"Foreign keys: {links}.")
    lines += [
        "",
        "| column | type | required | description | constraints |",
        "|---|---|---|---|---|",
    ]
    for column in layout.columns:
        descriptor = column.descriptor
        required = "yes" if descriptor.get("constraints", {}).get("required") else ""
        lines.append(
            f"| `{column.name}` | {descriptor['type']} | {required} | "
            f"{_cell(descriptor.get('description', ''))} | {_cell(_constraints(descriptor))} |"
        )
    return [*lines, ""]


def _vocabularies() -> list[type[DocEnum]]:
    return [
        member
        for _, member in inspect.getmembers(vocab, inspect.isclass)
        if issubclass(member, DocEnum) and member is not DocEnum
    ]


def render_codebook() -> str:
    """Return the codebook: every table and column, every vocabulary, and how dates work."""
    lines = [
        f"# libyadata codebook — schema v{SCHEMA_VERSION}",
        "",
        "Generated from `libyadata.models` by `libyadata schema export`; do not edit by hand.",
        "",
        "Nested values are laid out flat for CSV: a nested object becomes columns named "
        "`<field>_<subfield>`; a list becomes a child table `<row>_<field>` keyed by "
        "`<row>_id` and `position` (from 1), except short lists of identifiers, which are one "
        'column holding a JSON array (`["date","visitors"]`).',
        "",
        "## Tables",
        "",
    ]
    for layout in layouts():
        lines += _table_section(layout)
    lines += ["## Vocabularies", ""]
    for enum in sorted(_vocabularies(), key=lambda cls: cls.__name__):
        lines += [f"### {enum.__name__}", "", inspect.getdoc(enum) or "", ""]
        lines += ["| value | meaning |", "|---|---|"]
        lines += [f"| `{member.value}` | {_cell(member.description)} |" for member in enum]
        lines.append("")
    lines += [
        "## Dates",
        "",
        inspect.getdoc(FuzzyDate) or "",
        "",
        "Mapping to other datasets' precision codes:",
        "",
        f"- ACLED `time_precision`: {_cell(inspect.getdoc(FuzzyDate.acled_time_precision))}",
        f"- UCDP GED `date_prec`: {_cell(inspect.getdoc(FuzzyDate.ucdp_date_prec))}",
        "",
    ]
    return "\n".join(lines + _input_rules())


def _input_rules() -> list[str]:
    """Return the rules every value keeps beyond its column's type and constraints."""
    lines = [
        "## Input rules",
        "",
        "- Text is at most "
        f"{LABEL_LENGTH:,} code points for a name or label, {TEXT_LENGTH:,} for a description, "
        f"{NOTES_LENGTH:,} for notes and {QUOTE_LENGTH:,} for a quote, and holds no control, "
        "bidi or zero-width character (Unicode categories Cc but the line feed, Cf, Zl, Zp), "
        "except a quote, its context and a spelling, which are what their seed holds.",
        f"- Integers (offsets, counts) are plain decimal integers from 0 to {MAX_INTEGER:,}.",
        "- Ids, dates and codes use the ASCII digits 0-9; dates are `YYYY-MM-DD`, with no time.",
        "- A list names each item once; a record cites each span (seed, start, end) once.",
        "- A quantity is never negative, and at most:",
        "",
        "| unit | at most |",
        "|---|---|",
    ]
    lines += [f"| `{unit.value}` | {limit:,.0f} |" for unit, limit in LIMITS.items()]
    return [*lines, ""]
