"""Review decisions that outlive a review file: the candidates rejected, with their reasons.

``datasets/extraction-rejections.yaml`` lists every rejected proposal by its fingerprint (its
table, the spans it cites and its key fields), with the seed, the first quote, the reason, who
rejected it and when, so that a later ``libyadata extract`` of the same seed does not propose
it again. Entries are appended surgically; the file is never rewritten.
"""

from __future__ import annotations

from typing import Any

from ..sources.project import Project
from ..sources.yamlio import read_records

#: The rejections file, relative to the project root.
REJECTIONS_FILE = "datasets/extraction-rejections.yaml"
_HEADER = (
    "# Candidates rejected in `libyadata review`, so `libyadata extract` does not propose them\n"
    "# again: the fingerprint identifies the proposal (table, cited spans, key fields).\n"
)


def rejected_fingerprints(project: Project) -> dict[str, str]:
    """Return the fingerprint of every rejected proposal, to its reason."""
    path = project.root / REJECTIONS_FILE
    if not path.is_file():
        return {}
    items, _ = read_records(path, REJECTIONS_FILE)
    return {
        str(item.data.get("fingerprint")): str(item.data.get("reason"))
        for item in items
        if item.data.get("fingerprint")
    }


def rejection_entry(
    candidate: dict[str, Any], seed_id: str, reason: str, reviewer: str, day: str
) -> dict[str, Any]:
    """Return the rejections-file entry of a rejected candidate."""
    evidence = candidate["record"].get("evidence") or [{}]
    return {
        "fingerprint": candidate["fingerprint"],
        "seed_id": seed_id,
        "table": candidate["table"],
        "quote": str(evidence[0].get("quote", ""))[:200],
        "reason": reason,
        "reviewed_by": reviewer,
        "reviewed_on": day,
    }


def header() -> str:
    """Return the comment a new rejections file starts with."""
    return _HEADER
