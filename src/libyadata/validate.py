"""The main check: seeds, committed schemas and curated records, all reported at once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from . import schemas, spans
from .curated import load_table
from .models import Evidence, Record, Seed
from .problems import Problem, Report
from .project import Project
from .seeds import SeedLibrary
from .tables import TABLES


@dataclass(frozen=True)
class Summary:
    """What a validation run looked at, for the closing summary line."""

    seeds: int
    verified_seeds: int
    schema_files: int
    records: dict[str, int]


def validate(project: Project) -> tuple[Report, Summary]:
    """Check the seeds, the schemas and every curated table; return problems and counts."""
    library = SeedLibrary.load(project)
    problems: list[Problem] = list(library.problems)
    problems += schemas.drift(project)
    counts = {}
    for table in TABLES:
        if table.model is Seed:  # already loaded and verified by the seed library
            continue
        loaded = load_table(project, table)
        problems += loaded.problems
        counts[table.name] = len(loaded.records)
        for record in loaded.records:
            if isinstance(record, Record):
                problems += _check_spans(record, library, table.source, loaded.lines[record.id])
    summary = Summary(len(library.seeds), library.verified, len(schemas.render()), counts)
    return Report(tuple(problems)), summary


def _check_spans(record: Record, library: SeedLibrary, file: str, line: int) -> Iterator[Problem]:
    for index, span in enumerate(record.evidence):
        for problem in _check_span(span, library):
            yield replace(
                problem,
                file=file,
                line=line,
                record_id=record.id,
                field=f"evidence.{index}.{problem.field}",
            )


def _check_span(span: Evidence, library: SeedLibrary) -> list[Problem]:
    try:
        text = library.text(span.seed_id)
    except KeyError:
        return [
            Problem(
                "foreign-key",
                f"{span.seed_id} is not a verified seed",
                field="seed_id",
                hint="use the id of a seed in seeds/sources.yaml",
            )
        ]
    return spans.verify(span, text)
