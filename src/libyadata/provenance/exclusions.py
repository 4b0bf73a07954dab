"""The reviewed-exclusions file of the coverage report, read strictly and located in the seeds.

``datasets/coverage-exclusions.yaml`` is a list of ``CoverageExclusion`` entries (seed, quote,
optional prefix, reason). Each quote is found in its seed exactly as an evidence quote is, so
an exclusion points at the same characters a record would cite.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from ..core.catalogue.crossrecord_problems import FOREIGN_KEY_SEED
from ..core.catalogue.record_problems import EXCLUSION_PREFIX, EXCLUSION_QUOTE
from ..core.problems import (
    CATALOGUE_HINT,
    Problem,
    ProblemType,
    from_validation_error,
    unknown_field_hints,
)
from ..models import CoverageExclusion
from ..sources.project import Project
from ..sources.seeds import SeedLibrary
from ..sources.yamlio import Item, read_records
from .spans import QuoteNotFoundError, locate

#: The reviewed exclusions, relative to the project root.
EXCLUSIONS_FILE = "datasets/coverage-exclusions.yaml"


@dataclass(frozen=True)
class Exclusion:
    """An exclusion found in its seed: ``text[start:end] == rule.quote``."""

    rule: CoverageExclusion
    line: int
    """Line of the quote in the exclusions file."""
    start: int
    end: int

    def contains(self, start: int, end: int) -> bool:
        """Whether the range ``start:end`` lies wholly inside the quote."""
        return self.start <= start and end <= self.end

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the range ``start:end`` shares a code point with the quote."""
        return self.start < end and start < self.end

    def problem(self, kind: ProblemType, /, **values: object) -> Problem:
        """Return a problem of ``kind`` about this exclusion, pointing at its quote."""
        return _problem(kind, self.rule.seed_id, self.line, **values)


def load_exclusions(
    project: Project, library: SeedLibrary
) -> tuple[list[Exclusion], list[Problem]]:
    """Read the exclusions file and locate each quote; a missing file has no exclusions.

    Problems: the strict-YAML and model problems of the file, ``foreign-key`` for an unknown
    seed, and ``exclusion-quote`` for a quote that is absent or ambiguous, or a wrong prefix.
    Entries on a seed that failed verification are skipped: the seed checks report it.
    """
    path = project.root / EXCLUSIONS_FILE
    if not path.exists():
        return [], []
    items, problems = read_records(path, EXCLUSIONS_FILE)
    located = []
    for item in items:
        try:
            rule = CoverageExclusion.model_validate(item.data)
        except ValidationError as error:
            found = from_validation_error(
                error, file=EXCLUSIONS_FILE, line=item.line, line_of=item.key_lines
            )
            problems += unknown_field_hints(found, CoverageExclusion.model_fields)
            continue
        result = _locate(rule, item, library)
        if isinstance(result, Exclusion):
            located.append(result)
        elif result is not None:
            problems.append(result)
    return located, problems


def _locate(
    rule: CoverageExclusion, item: Item, library: SeedLibrary
) -> Exclusion | Problem | None:
    line = item.key_lines.get("quote", item.line)
    try:
        text = library.text(rule.seed_id)
    except KeyError:
        # A seed that is listed, valid or not, is reported on its own entry, not as dangling.
        if rule.seed_id in library.seeds or rule.seed_id in library.entries:
            return None
        return FOREIGN_KEY_SEED(
            seed_id=rule.seed_id,
            file=EXCLUSIONS_FILE,
            line=item.key_lines.get("seed_id", item.line),
            field="seed_id",
        )
    try:
        start, end = locate(text, rule.quote, rule.prefix)
    except QuoteNotFoundError as error:
        # The error's text already says how to fix it.
        return _problem(EXCLUSION_QUOTE, rule.seed_id, line, reason=error)
    if rule.prefix is not None and not text[:start].endswith(rule.prefix):
        # locate ignores the prefix of a quote that occurs once; a wrong one still misleads.
        return _problem(EXCLUSION_PREFIX, rule.seed_id, line, prefix=rule.prefix)
    return Exclusion(rule, line, start, end)


def _problem(kind: ProblemType, seed_id: str, line: int, /, **values: object) -> Problem:
    return kind(
        file=EXCLUSIONS_FILE,
        line=line,
        record_id=seed_id,
        field="quote",
        hint=CATALOGUE_HINT,
        **values,
    )
