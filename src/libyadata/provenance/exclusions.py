"""The reviewed-exclusions file of the coverage report, read strictly and located in the seeds.

``datasets/coverage-exclusions.yaml`` is a list of ``CoverageExclusion`` entries (seed, quote,
optional prefix, reason). Each quote is found in its seed exactly as an evidence quote is, so
an exclusion points at the same characters a record would cite.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from ..core.problems import Problem, from_validation_error, unknown_field_hints
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

    def problem(self, code: str, message: str, hint: str | None = None) -> Problem:
        """Return a problem about this exclusion, pointing at its quote."""
        return _problem(code, message, self.rule.seed_id, self.line, hint)


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
        if rule.seed_id in library.seeds:
            return None
        return Problem(
            "foreign-key",
            f"{rule.seed_id} is not the id of any seed",
            file=EXCLUSIONS_FILE,
            line=item.key_lines.get("seed_id", item.line),
            field="seed_id",
            hint="use the id of a seed in seeds/sources.yaml",
        )
    try:
        start, end = locate(text, rule.quote, rule.prefix)
    except QuoteNotFoundError as error:
        # The error's text already says how to fix it.
        return _problem("exclusion-quote", str(error), rule.seed_id, line)
    if rule.prefix is not None and not text[:start].endswith(rule.prefix):
        # locate ignores the prefix of a quote that occurs once; a wrong one still misleads.
        return _problem(
            "exclusion-quote",
            f"the prefix {rule.prefix!r} is not the text just before the quote",
            rule.seed_id,
            line,
            "copy the prefix exactly from the seed, or leave it out",
        )
    return Exclusion(rule, line, start, end)


def _problem(code: str, message: str, seed_id: str, line: int, hint: str | None = None) -> Problem:
    return Problem(
        code,
        message,
        file=EXCLUSIONS_FILE,
        line=line,
        record_id=seed_id,
        field="quote",
        hint=hint,
    )
