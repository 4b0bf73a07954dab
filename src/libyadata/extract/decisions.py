"""Review decisions that outlive a review file: the candidates rejected, and those accepted.

``datasets/extraction-rejections.yaml`` lists every rejected proposal by its fingerprint (its
table, the spans it cites and its key fields), with the seed, the first quote, the reason, who
rejected it and when; ``datasets/extraction-accepted.yaml`` every proposal that became a record
or evidence of one, by fingerprint, with the record's id. A later ``libyadata extract`` of the
same seed proposes neither again (``decided_fingerprints``), and ``review`` refuses to accept a
proposal twice, from any review file. A reference candidate (a name no table lists) has a
fingerprint of its own, the seed and the name folded (``name_fingerprint``): accepted as a row,
attached as a spelling, or rejected, it is not proposed again either. Entries are appended
surgically; the files are never rewritten.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from ..sources.project import Project
from ..sources.yamlio import read_records

#: The rejections file, relative to the project root.
REJECTIONS_FILE = "datasets/extraction-rejections.yaml"
#: The acceptances file, relative to the project root.
ACCEPTED_FILE = "datasets/extraction-accepted.yaml"
_ACCEPTED_HEADER = (
    "# Candidates accepted in `libyadata review` (as a record, or as evidence attached to one),\n"
    "# so that no review accepts them again and `libyadata extract` does not propose them again.\n"
)
_HEADER = (
    "# Candidates rejected in `libyadata review`, so `libyadata extract` does not propose them\n"
    "# again: the fingerprint identifies the proposal (table, cited spans, key fields).\n"
)


def fold(name: str) -> str:
    """Return ``name`` as names are compared: accents and case dropped, spaces collapsed."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
    return " ".join(plain.casefold().split())


def name_fingerprint(seed_id: str, name: str) -> str:
    """Return the fingerprint of a reference candidate: the name (folded) in its seed."""
    return f"name:{seed_id}:{fold(name)}"


def rejected_fingerprints(project: Project) -> dict[str, str]:
    """Return the fingerprint of every rejected proposal, to its reason."""
    return _fingerprints(project, REJECTIONS_FILE, "reason")


def accepted_fingerprints(project: Project) -> dict[str, str]:
    """Return the fingerprint of every accepted proposal, to the id of the record it became."""
    return _fingerprints(project, ACCEPTED_FILE, "record")


def _fingerprints(project: Project, name: str, key: str) -> dict[str, str]:
    """Return each entry's fingerprint in the decisions file ``name``, to its ``key``."""
    path = project.root / name
    if not path.is_file():
        return {}
    items, _ = read_records(path, name)
    return {
        str(item.data.get("fingerprint")): str(item.data.get(key))
        for item in items
        if item.data.get("fingerprint")
    }


def decided_fingerprints(project: Project) -> dict[str, str]:
    """Return the fingerprint of every proposal already decided, to why it is not proposed again.

    What ``libyadata extract`` filters: a proposal rejected (with its reason) or accepted (as
    the record it became), from any review of the seed.
    """
    decided = {
        mark: f"accepted as {record}" for mark, record in accepted_fingerprints(project).items()
    }
    decided |= {mark: f"rejected: {why}" for mark, why in rejected_fingerprints(project).items()}
    return decided


def acceptance_entry(
    candidate: dict[str, Any], seed_id: str, record_id: str, reviewer: str, day: str
) -> dict[str, Any]:
    """Return the acceptances-file entry of a candidate that became (or joined) ``record_id``."""
    return {
        "fingerprint": candidate["fingerprint"],
        "seed_id": seed_id,
        "table": candidate.get("table", "names"),
        "record": record_id,
        "reviewed_by": reviewer,
        "reviewed_on": day,
    }


def accepted_header() -> str:
    """Return the comment a new acceptances file starts with."""
    return _ACCEPTED_HEADER


def rejection_entry(
    candidate: dict[str, Any], seed_id: str, reason: str, reviewer: str, day: str
) -> dict[str, Any]:
    """Return the rejections-file entry of a rejected candidate."""
    record = candidate.get("record")
    evidence = (record.get("evidence") if isinstance(record, dict) else None) or [{}]
    quote = evidence[0].get("quote", "") if "record" in candidate else candidate.get("name", "")
    return {
        "fingerprint": candidate["fingerprint"],
        "seed_id": seed_id,
        "table": candidate.get("table", "names"),
        "quote": str(quote)[:200],
        "reason": reason,
        "reviewed_by": reviewer,
        "reviewed_on": day,
    }


def header() -> str:
    """Return the comment a new rejections file starts with."""
    return _HEADER
