"""The coverage report: which sentences of each seed the records cite, and which they should.

Every sentence that holds a date, a number, a known actor or a known place (``flags.py``) is
either cited by an evidence span of some record or wholly inside a reviewed exclusion in
``datasets/coverage-exclusions.yaml`` that gives a reason. An exclusion must earn its place:
one that no longer explains any flagged, uncited sentence is reported, so stale ones go.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass

from ..core.catalogue.record_problems import (
    EXCLUSION_CITED,
    EXCLUSION_UNNEEDED,
    EXCLUSION_UNUSED,
    UNCITED_PARTLY_EXCLUDED,
    UNCITED_SENTENCE,
)
from ..core.problems import Problem
from ..models import Actor, Place, Record
from ..models.tables import TABLES, Role
from ..sources.curated import load_table
from ..sources.project import Project
from ..sources.seeds import SeedLibrary
from .exclusions import Exclusion, load_exclusions
from .flags import FLAG_KINDS, Flagger
from .sentences import Sentence, split_sentences

#: Sentence statuses, in the order summaries count them.
CITED, EXCLUDED, UNEXPLAINED, PLAIN = "cited", "excluded", "unexplained", "plain"
STATUSES = (CITED, EXCLUDED, UNEXPLAINED, PLAIN)


@dataclass(frozen=True)
class CoveredSentence:
    """A sentence of a seed, whether a record cites it, what it flags and any exclusion."""

    start: int
    end: int
    line: int
    text: str
    cited: bool
    flags: Mapping[str, tuple[str, ...]]
    """What each kind of flag matched: ``{"date": ("last year",), "place": ("Libya",)}``."""
    excluded: str | None = None
    """The reason of the exclusion that wholly contains this uncited sentence, if one does."""

    @property
    def status(self) -> str:
        """``cited``, ``excluded``, ``unexplained`` (flagged and neither) or ``plain``."""
        if self.cited:
            return CITED
        if self.excluded is not None:
            return EXCLUDED
        return UNEXPLAINED if self.flags else PLAIN


@dataclass(frozen=True)
class SeedCoverage:
    """The sentences of one seed and how each is accounted for."""

    seed_id: str
    file: str
    sentences: tuple[CoveredSentence, ...]

    def count(self, status: str) -> int:
        """How many sentences have ``status``."""
        return sum(sentence.status == status for sentence in self.sentences)

    def summary(self) -> str:
        """One line: ``SEED-003: 41 sentences, 30 cited, 8 excluded, 3 unexplained``."""
        counts = ", ".join(f"{self.count(status)} {status}" for status in STATUSES[:-1])
        return f"{self.seed_id}: {len(self.sentences)} sentences, {counts}"


@dataclass(frozen=True)
class CoverageReport:
    """Coverage of every verified seed, and the problems found."""

    seeds: tuple[SeedCoverage, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """Whether every flagged sentence is cited or excluded and nothing else is wrong."""
        return not self.problems

    def to_json(self) -> str:
        """Render the whole report, every sentence included, as a JSON document."""
        seeds = [
            {
                "seed_id": seed.seed_id,
                "file": seed.file,
                "counts": {status: seed.count(status) for status in STATUSES},
                "sentences": [
                    {**asdict(sentence), "status": sentence.status} for sentence in seed.sentences
                ],
            }
            for seed in self.seeds
        ]
        body = {
            "ok": self.ok,
            "problems": [asdict(problem) for problem in self.problems],
            "seeds": seeds,
        }
        return json.dumps(body, ensure_ascii=False, indent=2)


def coverage(project: Project) -> CoverageReport:
    """Split every verified seed into sentences and account for each flagged one.

    Problems: those of the seeds, the curated tables and the exclusions file (each makes the
    report unreliable); ``uncited-sentence`` for a flagged sentence that is neither cited nor
    excluded; ``exclusion-unused`` and ``exclusion-cited`` for exclusions that explain nothing
    or that hold cited text.
    """
    library = SeedLibrary.load(project)
    records, flagger, table_problems = _curated(project)
    report = account(project, library, records, flagger)
    return CoverageReport(report.seeds, (*library.problems, *table_problems, *report.problems))


def account(
    project: Project, library: SeedLibrary, records: Sequence[Record], flagger: Flagger
) -> CoverageReport:
    """Account for every flagged sentence of ``library``'s verified seeds given ``records``.

    The problems are those of the exclusions file and of the sentences (what ``validate``
    reports in its provenance layer); the seeds' and tables' own are the caller's.
    """
    exclusions, found = load_exclusions(project, library)
    problems = list(found)
    seeds = []
    for seed in library.seeds.values():
        try:
            text = library.text(seed.id)
        except KeyError:
            continue  # its verification problems are reported already
        # A span whose quote is not its seed's text is reported by `validate`; its offsets
        # would mark the wrong sentences cited, so it counts for nothing here.
        spans = [
            (span.start, span.end)
            for record in records
            for span in record.evidence
            if span.seed_id == seed.id and text[span.start : span.end] == span.quote
        ]
        mine = [exclusion for exclusion in exclusions if exclusion.rule.seed_id == seed.id]
        covered = SeedCoverage(
            seed.id,
            project.relative(project.seeds_dir / seed.file),
            tuple(_cover(sentence, spans, mine, flagger) for sentence in split_sentences(text)),
        )
        seeds.append(covered)
        problems += _uncited(covered, mine)
        problems += filter(None, (_stale(exclusion, covered) for exclusion in mine))
    return CoverageReport(tuple(seeds), tuple(problems))


def flagger_of(rows: Iterable[object]) -> Flagger:
    """Return a flagger that knows every spelling of the actors and places among ``rows``."""
    names: dict[type, list[str]] = {Actor: [], Place: []}
    for row in rows:
        if isinstance(row, Actor | Place):
            names[type(row)] += [row.name, *(spelling.name for spelling in row.names)]
    return Flagger(names[Actor], names[Place])


def _curated(project: Project) -> tuple[list[Record], Flagger, list[Problem]]:
    """Load the records, and a flagger that knows every spelling of every actor and place."""
    rows: list[object] = []
    problems: list[Problem] = []
    for table in (*TABLES.with_role(Role.REFERENCE), *TABLES.records):
        loaded = load_table(project, table)
        problems += loaded.problems
        rows += loaded.records
    records = [row for row in rows if isinstance(row, Record)]
    return records, flagger_of(rows), problems


def _cover(
    sentence: Sentence,
    spans: Sequence[tuple[int, int]],
    exclusions: Sequence[Exclusion],
    flagger: Flagger,
) -> CoveredSentence:
    cited = any(start < sentence.end and sentence.start < end for start, end in spans)
    containing = [x for x in exclusions if x.contains(sentence.start, sentence.end)]
    return CoveredSentence(
        sentence.start,
        sentence.end,
        sentence.line,
        sentence.text,
        cited,
        flagger.flags(sentence.text),
        containing[0].rule.reason if containing and not cited else None,
    )


def _uncited(seed: SeedCoverage, exclusions: Sequence[Exclusion]) -> Iterator[Problem]:
    for sentence in seed.sentences:
        if sentence.status != UNEXPLAINED:
            continue
        partial = next((x for x in exclusions if x.overlaps(sentence.start, sentence.end)), None)
        # Say why the exclusion next to it does not count: it explains whole sentences only.
        kind = UNCITED_SENTENCE if partial is None else UNCITED_PARTLY_EXCLUDED
        yield kind(
            sentence=_snippet(sentence.text),
            flags=describe(sentence.flags),
            exclusion_line=partial.line if partial else None,
            file=seed.file,
            line=sentence.line,
            record_id=seed.seed_id,
        )


def _stale(exclusion: Exclusion, seed: SeedCoverage) -> Problem | None:
    inside = [s for s in seed.sentences if exclusion.contains(s.start, s.end)]
    quote = repr(_snippet(exclusion.rule.quote))
    if not inside:
        return exclusion.problem(EXCLUSION_UNUSED, quote=quote, seed_id=seed.seed_id)
    cited = [sentence for sentence in inside if sentence.cited]
    if not any(sentence.flags and not sentence.cited for sentence in inside):
        return exclusion.problem(
            EXCLUSION_UNNEEDED,
            quote=quote,
            held=len(inside),
            cited=len(cited),
            plain=len(inside) - len(cited),
        )
    if cited:
        return exclusion.problem(
            EXCLUSION_CITED,
            quote=quote,
            cited_line=cited[0].line,
            seed_file=seed.file,
            sentence=_snippet(cited[0].text),
        )
    return None


def describe(flags: Mapping[str, Sequence[str]]) -> str:
    """Render flags for people: ``date (August), actor (Haftar, Putin)``."""
    return ", ".join(f"{kind} ({', '.join(flags[kind])})" for kind in FLAG_KINDS if kind in flags)


def _snippet(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def render(report: CoverageReport, *, every_sentence: bool = False) -> Iterator[str]:
    """Yield the text report: a summary per seed (and, if asked, every sentence), then problems."""
    for seed in report.seeds:
        yield seed.summary()
        if every_sentence:
            yield f"  {seed.file}"
            for sentence in seed.sentences:
                yield f"  L{sentence.line:<4} {sentence.status:<11} {sentence.text}"
                if sentence.status == EXCLUDED:
                    yield f"{'':20}reason: {sentence.excluded}"
                elif sentence.status == UNEXPLAINED:
                    yield f"{'':20}flags: {describe(sentence.flags)}"
    yield from (str(problem) for problem in report.problems)
    verdict = "ok" if report.ok else f"{len(report.problems)} problem(s)"
    yield f"coverage: {verdict}"
