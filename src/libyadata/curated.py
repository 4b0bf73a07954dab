"""Loading the hand-curated tables under ``datasets/`` into typed records, with problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from .problems import Problem, from_validation_error, unknown_field_hints
from .project import Project
from .tables import Table
from .yamlio import read_records


@dataclass
class Loaded:
    """The valid records of one table, with the line each starts on, and the problems found."""

    table: Table
    records: list[BaseModel] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_table(project: Project, table: Table) -> Loaded:
    """Read and validate the curated file of ``table``; a missing file is an empty table."""
    loaded = Loaded(table)
    path = project.root / table.source
    if not path.exists():
        return loaded
    name = project.relative(path)
    items, loaded.problems = read_records(path, name)
    for item in items:
        record_id = item.data.get("id")
        shown_id = str(record_id) if record_id is not None else f"(record at line {item.line})"
        try:
            record = table.model.model_validate(item.data)
        except ValidationError as error:
            problems = from_validation_error(
                error, file=name, record_id=shown_id, line_of=item.key_lines
            )
            loaded.problems += unknown_field_hints(problems, table.model.model_fields)
            continue
        identifier = str(record.id)  # type: ignore[attr-defined]
        if identifier in loaded.lines:
            loaded.problems.append(
                Problem(
                    "duplicate-id",
                    f"{identifier} is already used on line {loaded.lines[identifier]}",
                    file=name,
                    line=item.line,
                    record_id=identifier,
                    field="id",
                    hint="give the record a new id; ids are never reused",
                )
            )
            continue
        loaded.lines[identifier] = item.line
        loaded.records.append(record)
    return loaded
