"""The main check: seeds, committed schemas and curated records, all reported at once.

Layers: the seed files against their metadata; the committed schemas against the models; each
curated file parsed strictly and each record against its model; then across records: every
foreign key resolves, every name is spelt as its seed spells it, and every evidence span is the
exact text of its seed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from pydantic import BaseModel

from . import schemas, spans
from .curated import Loaded, load_table
from .layout import layouts_of
from .models import Actor, Evidence, Place, Record, Retraction, Seed
from .problems import Problem, Report
from .project import Project
from .rows import field_of, rows_of
from .seedlib import SeedLibrary
from .tables import TABLES


@dataclass(frozen=True)
class Summary:
    """What a validation run looked at, for the closing summary line."""

    seeds: int
    verified_seeds: int
    schema_files: int
    records: dict[str, int]


@dataclass(frozen=True)
class Checked:
    """A validation run and what it read, for callers that go on to use the data (the build)."""

    report: Report
    summary: Summary
    library: SeedLibrary
    tables: Mapping[str, Loaded]
    """The curated tables (all but the seeds), by name."""
    schema_files: Mapping[str, str]
    """The schema files the models generate (``schemas.render``)."""


def validate(project: Project) -> tuple[Report, Summary]:
    """Check the seeds, the schemas and every curated table; return problems and counts."""
    checked = check(project)
    return checked.report, checked.summary


def check(project: Project) -> Checked:
    """Run every check of ``validate`` and keep what was read alongside the report."""
    library = SeedLibrary.load(project)
    problems: list[Problem] = list(library.problems)
    schema_files = schemas.render()
    problems += schemas.drift(project, schema_files)
    tables = [load_table(project, t) for t in TABLES if t.model is not Seed]
    ids = {loaded.table.name: set(loaded.items) for loaded in tables}
    ids["seeds"] = set(library.seeds)
    for loaded in tables:
        problems += loaded.problems
        for record in loaded.records:
            problems += _foreign_keys(loaded, record, ids)
            if isinstance(record, Record):
                problems += _spans(loaded, record, library)
            if isinstance(record, Actor | Place):
                problems += _names(loaded, record, library)
            if isinstance(record, Retraction):
                problems += _retraction(loaded, record, ids)
    counts = {loaded.table.name: len(loaded.records) for loaded in tables}
    summary = Summary(len(library.seeds), library.verified, len(schema_files), counts)
    by_name = {loaded.table.name: loaded for loaded in tables}
    return Checked(Report(tuple(problems)), summary, library, by_name, schema_files)


def _foreign_keys(loaded: Loaded, record: BaseModel, ids: dict[str, set[str]]) -> Iterator[Problem]:
    record_id = str(getattr(record, "id", ""))
    for flat in layouts_of(loaded.table):
        rows = rows_of(flat, record)
        for key in flat.foreign_keys:
            if flat.is_child and key.column == flat.primary_key[0]:
                continue  # the link to the parent row, which exists by construction
            column = next(c for c in flat.columns if c.name == key.column)
            for row in rows:
                value = row[key.column]
                if value is None or value in ids[key.table]:
                    continue
                fld = field_of(flat, column, row.get("position"))
                yield Problem(
                    "foreign-key",
                    f"{value} is not the id of any row of {key.table}",
                    file=loaded.file,
                    line=loaded.line_of(record_id, fld.split(".")[0]),
                    record_id=record_id,
                    field=fld,
                    hint=f"add {value} to {key.table}, or correct the reference",
                )


def _spans(loaded: Loaded, record: Record, library: SeedLibrary) -> Iterator[Problem]:
    line = loaded.line_of(record.id, "evidence")
    for index, span in enumerate(record.evidence):
        for problem in _check_span(span, library):
            yield replace(
                problem,
                file=loaded.file,
                line=line,
                record_id=record.id,
                field=f"evidence.{index}.{problem.field}",
            )


def _check_span(span: Evidence, library: SeedLibrary) -> list[Problem]:
    try:
        text = library.text(span.seed_id)
    except KeyError:
        if span.seed_id in library.seeds:
            return [
                Problem(
                    "seed-unverified",
                    f"{span.seed_id} failed verification, so its spans cannot be checked",
                    field="seed_id",
                    hint="fix the seed problems reported above",
                )
            ]
        return []  # an unknown seed id is reported by the foreign-key check
    return spans.verify(span, text)


def _names(loaded: Loaded, record: Actor | Place, library: SeedLibrary) -> Iterator[Problem]:
    for index, name in enumerate(record.names):
        try:
            text = library.text(name.seed_id)
        except KeyError:
            continue  # reported by the foreign-key or seed checks
        if name.name not in text:
            yield Problem(
                "name-not-in-seed",
                f"{name.name!r} does not occur in {name.seed_id}",
                file=loaded.file,
                line=loaded.line_of(record.id, "names"),
                record_id=record.id,
                field=f"names.{index}.name",
                hint="copy the spelling exactly as the seed writes it, or cite another seed",
            )


def _retraction(
    loaded: Loaded, retraction: Retraction, ids: dict[str, set[str]]
) -> Iterator[Problem]:
    """Check that a retracted id is gone from its table and its replacement is live there."""
    live = ids.get(retraction.table.value, set())
    source = retraction.table.value
    if retraction.id in live:
        yield Problem(
            "retraction-live",
            f"{retraction.id} is retracted but is still a record of {source}",
            file=loaded.file,
            line=loaded.line_of(retraction.id, "id"),
            record_id=retraction.id,
            field="id",
            hint=f"delete {retraction.id} from its file, or drop this retraction if it was never "
            "released; a retracted id is never reused",
        )
    if retraction.replaced_by is not None and retraction.replaced_by not in live:
        yield Problem(
            "retraction-replacement",
            f"{retraction.replaced_by} is not the id of any record of {source}",
            file=loaded.file,
            line=loaded.line_of(retraction.id, "replaced_by"),
            record_id=retraction.id,
            field="replaced_by",
            hint=f"name a live record of {source}, or leave replaced_by out",
        )
