"""Loading a curated YAML table into typed records, reporting every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from ..core.catalogue.crossrecord_problems import DUPLICATE_ID
from ..core.problems import Problem, from_validation_error, unknown_field_hints
from ..models.tables import Table
from .project import Project
from .yamlio import Item, read_records


@dataclass
class Loaded:
    """The valid records of one table, where each sits in its file, and the problems found."""

    table: Table
    file: str
    records: list[BaseModel] = field(default_factory=list)
    items: dict[str, Item] = field(default_factory=dict)
    """The file item (line, key lines) of each valid record, by id."""
    problems: list[Problem] = field(default_factory=list)
    seen: list[tuple[str, Item]] = field(default_factory=list)
    """The id and item of every record that gives itself an id, valid or not."""

    def line_of(self, record_id: str, key: str | None = None) -> int | None:
        """Return the line of a record's ``key`` (or of the record) in the file."""
        item = self.items.get(record_id)
        if item is None:
            return None
        return item.key_lines.get(key, item.line) if key else item.line


def _record_id_of(item: Item) -> str:
    """Return the id a record gives itself, or a stand-in naming its line."""
    record_id = item.data.get("id")
    return str(record_id) if record_id is not None else f"(record at line {item.line})"


def load_table(project: Project, table: Table) -> Loaded:
    """Read and validate the curated file of ``table``; a missing file is an empty table."""
    path = project.root / table.source
    loaded = Loaded(table, project.relative(path))
    if not path.exists():
        return loaded
    items, loaded.problems = read_records(path, loaded.file)
    for item in items:
        record_id = _record_id_of(item)
        if isinstance(item.data.get("id"), str):
            loaded.seen.append((record_id, item))
        try:
            record = table.model.model_validate(item.data)
        except ValidationError as error:
            problems = from_validation_error(
                error,
                file=loaded.file,
                record_id=record_id,
                line=item.line,
                line_of=item.key_lines,
            )
            loaded.problems += unknown_field_hints(problems, table.model.model_fields)
            continue
        if record_id in loaded.items:
            first = loaded.items[record_id].line
            loaded.problems.append(
                DUPLICATE_ID(
                    id=record_id,
                    first=first,
                    file=loaded.file,
                    line=item.line,
                    record_id=record_id,
                    field="id",
                )
            )
            continue
        loaded.items[record_id] = item
        loaded.records.append(record)
    return loaded
