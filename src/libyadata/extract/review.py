"""Review files: writing what the extractor proposes, and moving accepted candidates in.

A review file is YAML: the seed (id and sha256), and each candidate with its number, table,
confidence, signals, fingerprint and ``record`` in the curated format (no id yet). Accepting a
candidate gives it the next id of its table (never one used before, retracted ids included),
keeps ``method: extracted`` and adds ``reviewed_by`` and ``reviewed_on``; the record is
appended to the curated file, every other byte of which stays as it was. Nothing is written
unless the project, with the new records, passes the checks of ``libyadata validate`` (but the
built package, which a build refreshes) with no problem about them. Rejections go to the
rejections file with their reason. The review file records each decision. A review file that
is not one, belongs to another seed, or was edited into something else is refused as a whole
before anything is decided; the curated files, the rejections file and the review file are
written together or not at all, under the project's lock.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core import atomic
from ..core.catalogue import (
    OUTPUT_UNWRITABLE,
    PROJECT_BUSY,
    REVIEW_BOTH_WAYS,
    REVIEW_CANDIDATE,
    REVIEW_DECIDED,
    REVIEW_FILE,
    REVIEW_REASON,
)
from ..core.lock import ProjectBusyError, project_lock
from ..core.problems import Problem
from ..models.retraction import ID_PATTERNS as ID_FORMS
from ..models.tables import table
from ..sources.project import Project
from ..sources.seeds import SeedLibrary
from ..sources.yamlio import read_document, read_records
from ..sources.yamlwrite import append_records, render_record
from .decisions import REJECTIONS_FILE, header, rejection_entry

#: The tables a review file may propose records for.
KINDS = ("visits", "deployments", "bases", "agreements", "migration_figures")
_NUMBER = re.compile(r"C\d{3,}")


class ReviewError(ValueError):
    """A review cannot go ahead; ``problems`` say why, ``usage`` marks a misuse (exit 2)."""

    def __init__(self, problems: list[Problem], *, usage: bool = False) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems
        self.usage = usage


@dataclass
class Outcome:
    """What a review did."""

    accepted: dict[str, str] = field(default_factory=dict)
    """Candidate number to the id it was given."""
    rejected: list[str] = field(default_factory=list)


def dump(document: dict[str, Any]) -> str:
    """Render a review file."""
    head = (
        f"# Candidates proposed by `libyadata extract` from {document['seed_id']}. Edit a record\n"
        "# if it needs fixing, then `libyadata review FILE --accept C001 …` or\n"
        "# `--reject C002 --reason '…'`; accepted records get ids and go to the curated files.\n"
    )
    body = yaml.dump(document, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=100)
    return head + body


class _NoAliases(yaml.SafeDumper):
    """A dumper that writes a value shared by two candidates twice, never as ``&id001``.

    A reviewer edits one candidate at a time; an alias would carry an edit to the other.
    """

    def ignore_aliases(self, data: Any) -> bool:
        """Never write an alias."""
        return True


def load(path: Path, project: Project | None = None) -> dict[str, Any]:
    """Read a review file and check its shape; ``ReviewError`` if it is not a sound one.

    With ``project``, the file's seed must be one of the project's, with the same sha256.
    """
    shown = str(path)
    if not path.is_file():
        what = "is not a file" if path.exists() else "does not exist"
        raise ReviewError([REVIEW_FILE(message=f"{shown} {what}", file=shown)], usage=True)
    document, problems = read_document(path, shown)
    if problems:
        raise ReviewError(problems, usage=True)
    if not isinstance(document, dict) or not isinstance(document.get("candidates"), list):
        message = f"{shown} is not a review file (no list of candidates)"
        raise ReviewError([REVIEW_FILE(message=message, file=shown)], usage=True)
    problems = _shape_problems(document, shown)
    if project is not None and not problems:
        problems = _seed_problems(document, shown, project)
    if problems:
        raise ReviewError(problems)
    return document


def _shape_problems(document: dict[str, Any], shown: str) -> list[Problem]:
    """Return what makes the candidates of a review file unusable, naming each."""
    problems: list[Problem] = []

    def problem(number: str | None, name: str, message: str) -> None:
        problems.append(REVIEW_FILE(message=message, file=shown, record_id=number, field=name))

    if not isinstance(document.get("seed_id"), str):
        problem(None, "seed_id", f"{shown} names no seed (seed_id)")
    seen: set[str] = set()
    for index, candidate in enumerate(document["candidates"], start=1):
        if not isinstance(candidate, dict):
            problem(None, "candidates", f"candidate {index} of {shown} is not a mapping")
            continue
        number = candidate.get("candidate")
        if not isinstance(number, str) or not _NUMBER.fullmatch(number) or number in seen:
            problem(None, "candidate", f"candidate {index} has no unique number C001…: {number!r}")
            continue
        seen.add(number)
        if candidate.get("table") not in KINDS:
            problem(number, "table", f"{number} has table {candidate.get('table')!r}")
        record = candidate.get("record")
        evidence = record.get("evidence") if isinstance(record, dict) else None
        if not isinstance(record, dict):
            problem(number, "record", f"{number} has no record mapping")
        elif not isinstance(evidence, list) or not all(isinstance(e, dict) for e in evidence):
            problem(number, "evidence", f"{number} has no list of evidence spans")
        if not isinstance(candidate.get("fingerprint"), str):
            problem(number, "fingerprint", f"{number} has no fingerprint")
        decision = candidate.get("decision")
        if decision is not None and not isinstance(decision, dict):
            problem(number, "decision", f"{number} has a decision that is not a mapping")
    return problems


def _seed_problems(document: dict[str, Any], shown: str, project: Project) -> list[Problem]:
    """Return a problem if the review file's seed is not the project's seed of that id."""
    seed_id = document["seed_id"]
    seeds = SeedLibrary.load(project).seeds
    seed = seeds.get(seed_id)
    if seed is None or seed.sha256 != document.get("seed_sha256"):
        why = "is not a seed of" if seed is None else "has another text (sha256) in"
        message = f"{shown} proposes records from {seed_id}, which {why} {project.root}"
        hint = "review it in the project it was extracted in, or extract it again here"
        return [REVIEW_FILE(message=message, file=shown, field="seed_id", hint=hint)]
    return []


def decide(
    project: Project,
    path: Path,
    *,
    accept: Sequence[str],
    reject: Mapping[str, str],
    reviewer: str,
    day: str,
) -> Outcome:
    """Accept and reject (number to reason) candidates of the review file; all or nothing."""
    load(path, project)  # untrusted input is read before the lock: a bad file never holds it
    try:
        with project_lock(project.root):
            unique = list(dict.fromkeys(accept))
            return _decide(project, path, unique, reject, reviewer=reviewer, day=day)
    except ProjectBusyError as error:
        raise ReviewError([PROJECT_BUSY(error=error, file=str(path))]) from None


def _decide(
    project: Project,
    path: Path,
    accept: list[str],
    reject: Mapping[str, str],
    *,
    reviewer: str,
    day: str,
) -> Outcome:
    """Decide under the project's lock (see ``decide``)."""
    document = load(path, project)
    by_number = {c["candidate"]: c for c in document["candidates"]}
    _check_request(by_number, accept, reject, str(path))
    outcome = Outcome()
    texts: dict[str, str] = {}
    for number in accept:
        candidate = by_number[number]
        name = str(candidate["table"])
        source = table(name).source
        if source not in texts:
            texts[source] = (project.root / source).read_bytes().decode("utf-8")
        record_id = _next_id(project, name, texts[source], outcome.accepted.values())
        record = {"id": record_id, **{k: v for k, v in candidate["record"].items() if k != "id"}}
        record |= {"method": "extracted", "reviewed_by": reviewer, "reviewed_on": day}
        texts[source] = append_records(texts[source], [render_record(_ordered(name, record))])
        outcome.accepted[number] = record_id
    if texts:
        problems = _check(project, texts, set(outcome.accepted.values()))
        if problems:
            raise ReviewError(problems)
    files = {project.root / source: text.encode("utf-8") for source, text in texts.items()}
    if reject:
        target = project.root / REJECTIONS_FILE
        old = target.read_text(encoding="utf-8") if target.exists() else header()
        seed_id = str(document["seed_id"])
        entries = [
            render_record(rejection_entry(by_number[n], seed_id, why, reviewer, day))
            for n, why in reject.items()
        ]
        files[target] = append_records(old, entries).encode("utf-8")
        outcome.rejected = list(reject)
    for number, record_id in outcome.accepted.items():
        by_number[number]["decision"] = {"accepted": record_id, "by": reviewer, "on": day}
    for number, why in reject.items():
        by_number[number]["decision"] = {"rejected": why, "by": reviewer, "on": day}
    files[path] = dump(document).encode("utf-8")
    try:
        atomic.write_all(files)
    except OSError as error:
        failed = str(error.filename)
        folders = "the curated files' folders and the review file's"
        hint = f"make {folders} writable; nothing was written"
        problem = OUTPUT_UNWRITABLE(target=failed, reason=error.strerror, file=failed, hint=hint)
        raise ReviewError([problem]) from None
    return outcome


def _check_request(
    by_number: dict[str, dict[str, Any]], accept: list[str], reject: Mapping[str, str], shown: str
) -> None:
    """Refuse (usage) unknown or decided candidates, a candidate both ways, a missing reason."""
    problems: list[Problem] = []
    for number in [*accept, *reject]:
        if number not in by_number:
            known = ", ".join(by_number) or "none"
            problems.append(REVIEW_CANDIDATE(shown=shown, number=number, known=known, file=shown))
        elif decision := by_number[number].get("decision"):
            problems.append(REVIEW_DECIDED(number=number, decision=decision, file=shown))
    both = sorted(set(accept) & set(reject))
    if both:
        problems.append(REVIEW_BOTH_WAYS(numbers=", ".join(both), file=shown))
    missing = [number for number, why in reject.items() if not (why and why.strip())]
    if missing:
        problems.append(REVIEW_REASON(numbers=", ".join(missing), file=shown))
    if problems:
        raise ReviewError(problems, usage=True)


def _next_id(project: Project, name: str, text: str, taken: Iterable[str]) -> str:
    """Return the next id of table ``name``: above every id in it, retracted, or just given."""
    prefix = ID_FORMS[name].split("-")[0]
    used = set(re.findall(rf"\b{prefix}-(\d+)\b", text))
    retractions = project.root / table("retractions").source
    if retractions.is_file():
        items, _ = read_records(retractions)
        used |= {
            str(i.data.get("id", "")).split("-")[-1]
            for i in items
            if str(i.data.get("id", "")).startswith(prefix + "-")
        }
    used |= {str(t).split("-")[-1] for t in taken if str(t).startswith(prefix + "-")}
    number = max((int(u) for u in used if u.isdigit()), default=0) + 1
    return f"{prefix}-{number:04d}"


def _ordered(name: str, record: dict[str, Any]) -> dict[str, Any]:
    """Return the record's fields in the table's column order; unknown fields last."""
    order = table(name).model.column_order()
    known = {key: record[key] for key in order if key in record}
    return known | {key: value for key, value in record.items() if key not in known}


def _check(project: Project, texts: dict[str, str], new_ids: set[str]) -> list[Problem]:
    """Check the project with the new texts in a scratch copy; the problems about new records."""
    from ..checks.sources import check

    with tempfile.TemporaryDirectory(prefix="libyadata-review-") as scratch:
        root = Path(scratch)
        for folder in ("seeds", "schema"):
            shutil.copytree(project.root / folder, root / folder)
        shutil.copytree(
            project.root / "datasets", root / "datasets", ignore=shutil.ignore_patterns("package")
        )
        for source, text in texts.items():
            (root / source).write_text(text, encoding="utf-8")
        report = check(Project.at(root), skip=("schema",)).report
    before = {str(p) for p in check(project, skip=("schema",)).report.problems}
    return [p for p in report.problems if p.record_id in new_ids or str(p) not in before]
