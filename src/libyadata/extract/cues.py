"""A phrase of the word lists found in a text: ``Cue``, what the reading of a text is built on.

Apart from ``analyse`` (which finds them) so that the readers of quantities and dates, which
``analyse`` runs, take cues without importing it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    """A word-list phrase in the text; ``group`` names its list (``trigger:visits``…)."""

    start: int
    end: int
    text: str
    group: str
