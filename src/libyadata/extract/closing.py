"""Closing the sentences of a seed that no record cites: coverage exclusions, with a reason.

A review can close what the accepted records leave uncited, one sentence at a time (``S12``:
the twelfth sentence of the seed, as ``libyadata review FILE --sentences`` lists them) or all
the rest, so that ``coverage`` (and ``validate``) pass. Each becomes an entry of
``datasets/coverage-exclusions.yaml`` with the reviewer's reason, its quote the sentence's text
(with a prefix when that text occurs more than once).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..provenance.coverage import UNEXPLAINED, coverage
from ..provenance.exclusions import EXCLUSIONS_FILE
from ..provenance.spans import context
from ..sources.project import Project

#: The comment a new exclusions file starts with.
HEADER = (
    "# Reviewed exclusions for `libyadata coverage`: seed text that contains a date, a number,\n"
    "# an actor or a place but needs no record. Each quote holds whole sentences.\n"
)
__all__ = ["EXCLUSIONS_FILE", "HEADER", "OpenSentence", "exclusion_entry", "open_sentences"]


@dataclass(frozen=True)
class OpenSentence:
    """A flagged sentence of a seed that no record cites and no exclusion explains."""

    number: str
    """``S`` and its position among the seed's sentences, from 1."""
    line: int
    start: int
    end: int
    text: str


def open_sentences(project: Project, seed_id: str) -> list[OpenSentence]:
    """Return the sentences of ``seed_id`` that coverage finds unexplained, in text order."""
    for seed in coverage(project).seeds:
        if seed.seed_id == seed_id:
            return [
                OpenSentence(f"S{index}", s.line, s.start, s.end, s.text)
                for index, s in enumerate(seed.sentences, start=1)
                if s.status == UNEXPLAINED
            ]
    return []


def exclusion_entry(seed_id: str, sentence: OpenSentence, text: str, reason: str) -> dict[str, Any]:
    """Return the exclusions-file entry that explains ``sentence`` of the seed ``text``."""
    entry: dict[str, Any] = {"seed_id": seed_id, "quote": sentence.text}
    if text.count(sentence.text) > 1:
        entry["prefix"] = context(text, sentence.start, sentence.end)[0]
    entry["reason"] = reason
    return entry
