"""Measuring the extractor against the curated records: precision and recall per kind.

The extractor runs on every seed with no knowledge of the records (nothing is filtered out as
already known). A candidate matches a curated record of the same kind when one of its evidence
spans overlaps one of the record's spans in the same seed and their key fields agree: the date
(or a figure's period) within its precision (their ranges share a day), the place (equal, or
one lies in the other), and the value (a deployment's size, an agreement's amount, a figure's
quantity). A field absent on either side does not disagree. Precision is the share of
candidates matching some record; recall the share of records matched by some candidate.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..models import Record
from ..models.tables import TABLES
from ..sources.curated import load_table
from ..sources.project import Project
from .datebounds import dates_agree
from .heldout import PLACES, QUANTITIES, date_field
from .knownnames import Reference
from .lexicon import KINDS
from .run import Extractor


@dataclass
class KindScore:
    """The counts of one kind."""

    candidates: int = 0
    matched_candidates: int = 0
    status_agrees: int = 0
    """Matching candidates whose status is that of a record they match."""
    records: int = 0
    matched_records: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Matching candidates over candidates (1.0 with none)."""
        return self.matched_candidates / self.candidates if self.candidates else 1.0

    @property
    def recall(self) -> float:
        """Matched records over records (1.0 with none)."""
        return self.matched_records / self.records if self.records else 1.0

    @property
    def status_agreement(self) -> float:
        """Matching candidates with the status of a record they match, over matching ones."""
        return self.status_agrees / self.matched_candidates if self.matched_candidates else 1.0


@dataclass
class Evaluation:
    """Scores per kind and overall."""

    kinds: dict[str, KindScore]

    @property
    def overall(self) -> KindScore:
        """The counts of every kind together."""
        total = KindScore()
        for score in self.kinds.values():
            total.candidates += score.candidates
            total.matched_candidates += score.matched_candidates
            total.status_agrees += score.status_agrees
            total.records += score.records
            total.matched_records += score.matched_records
        return total

    def table(self) -> list[str]:
        """Render the scores as a Markdown table."""
        lines = [
            "| kind | candidates | records | precision | recall | status agrees |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, score in [*self.kinds.items(), ("overall", self.overall)]:
            lines.append(
                f"| {name} | {score.candidates} | {score.records} | "
                f"{score.precision:.2f} | {score.recall:.2f} | {score.status_agreement:.2f} |"
            )
        return lines

    def to_text(self) -> list[str]:
        """Render the table, then every miss and false proposal."""
        lines = self.table()
        for name, score in self.kinds.items():
            lines += [f"miss {name}: {miss}" for miss in score.misses]
            lines += [f"false {name}: {false}" for false in score.false]
        return lines

    def to_json(self) -> str:
        """Render the same as JSON data."""
        body = {
            name: {
                "candidates": s.candidates,
                "records": s.records,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "status_agreement": round(s.status_agreement, 4),
                "misses": s.misses,
                "false_proposals": s.false,
            }
            for name, s in [*self.kinds.items(), ("overall", self.overall)]
        }
        return json.dumps(body, ensure_ascii=False, indent=2)


def evaluate(project: Project) -> Evaluation:
    """Run the extractor on every verified seed and compare with the curated records."""
    extractor = Extractor(project)
    extractor.rejected = {}  # measure the extractor itself, not the review history
    records = {
        t.name: [r for r in load_table(project, t).records if isinstance(r, Record)]
        for t in TABLES
        if t.name in KINDS
    }
    scores = {kind: KindScore(records=len(records[kind])) for kind in KINDS}
    matched: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for seed_id in sorted(extractor.library.texts):
        for candidate in extractor.extract(seed_id).candidates:
            kind = candidate["table"]
            score = scores[kind]
            score.candidates += 1
            hits = [
                r
                for r in records[kind]
                if matches(kind, candidate["record"], r, extractor.reference)
            ]
            matched[kind].update(r.id for r in hits)
            if hits:
                score.matched_candidates += 1
                status = candidate["record"].get("status")
                score.status_agrees += any(str(getattr(r, "status", "")) == status for r in hits)
            else:
                quote = candidate["record"]["evidence"][0]["quote"]
                score.false.append(f"{seed_id} {candidate['candidate']}: {_short(quote)}")
    for kind in KINDS:
        scores[kind].matched_records = len(matched[kind])
        scores[kind].misses = [
            f"{r.id}: {_short(r.evidence[0].quote)}"
            for r in records[kind]
            if r.id not in matched[kind]
        ]
    return Evaluation(scores)


def matches(kind: str, candidate: dict[str, Any], record: Record, reference: Reference) -> bool:
    """Whether a candidate (as data) reports the curated record: spans overlap, keys agree."""
    if not _overlap(candidate["evidence"], record.evidence):
        return False
    data = record.model_dump(mode="json")
    # the fields of each kind as the held-out format names them; a deployment's origin is
    # proposed beside the record, so on both sides it is absent and agrees
    dated = date_field(kind)
    if not dates_agree(candidate.get(dated), data.get(dated)):
        return False
    for name in PLACES[kind]:
        if not reference.places_agree(candidate.get(name), data.get(name)):
            return False
    value_field = QUANTITIES.get(kind)
    if value_field:
        mine, theirs = candidate.get(value_field), data.get(value_field)
        if (
            mine
            and theirs
            and (mine.get("value"), mine["unit"]) != (theirs.get("value"), theirs["unit"])
        ):
            return False
    return True


def _overlap(spans: Iterable[dict[str, Any]], evidence: Iterable[Any]) -> bool:
    curated = [(e.seed_id, e.start, e.end) for e in evidence]
    return any(
        s["seed_id"] == seed and s["start"] < end and start < s["end"]
        for s in spans
        for seed, start, end in curated
    )


def _short(text: str, length: int = 90) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
