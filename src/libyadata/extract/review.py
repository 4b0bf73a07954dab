"""Review files: writing what the extractor proposes, and moving accepted candidates in.

A review file is YAML: the seed (id and sha256), and each candidate with its number, table,
confidence, signals, fingerprint and ``record`` in the curated format (no id yet). Accepting a
candidate gives it the next id of its table (never one used before, retracted ids included),
keeps ``method: extracted`` and adds ``reviewed_by`` and ``reviewed_on``; the record is
appended to the curated file, every other byte of which stays as it was. Nothing is written
unless the project, with the new records, passes the checks of ``libyadata validate`` (but the
built package, which a build refreshes) with no problem about them. Rejections go to the
rejections file with their reason. The review file records each decision.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core import atomic
from ..core.problems import Problem
from ..models.tables import ID_PATTERNS as ID_FORMS
from ..models.tables import table
from ..sources.project import Project
from ..sources.yamlio import read_records
from ..sources.yamlwrite import append_records, render_record
from .decisions import REJECTIONS_FILE, header, rejection_entry

_META = ("candidate", "table", "confidence", "signals", "fingerprint", "record", "decision")


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
    return head + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def load(path: Path) -> dict[str, Any]:
    """Read a review file; ``ReviewError`` (usage) if it is not one."""
    shown = str(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ReviewError(
            [
                Problem(
                    "review-file",
                    f"cannot read {shown}: {error}",
                    file=shown,
                    hint="give the file `libyadata extract` wrote",
                )
            ],
            usage=True,
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("candidates"), list):
        raise ReviewError(
            [
                Problem(
                    "review-file",
                    f"{shown} is not a review file",
                    file=shown,
                    hint="give the file `libyadata extract` wrote",
                )
            ],
            usage=True,
        )
    return document


def decide(
    project: Project,
    path: Path,
    *,
    accept: list[str],
    reject: list[str],
    reason: str | None,
    reviewer: str,
    day: str,
) -> Outcome:
    """Accept and reject candidates of the review file at ``path``; write all or nothing."""
    document = load(path)
    shown = str(path)
    by_number = {str(c.get("candidate")): c for c in document["candidates"] if isinstance(c, dict)}
    for number in [*accept, *reject]:
        if number not in by_number:
            known = ", ".join(by_number) or "none"
            raise ReviewError(
                [
                    Problem(
                        "review-candidate",
                        f"{shown} has no candidate {number}",
                        file=shown,
                        hint=f"use one of: {known}",
                    )
                ],
                usage=True,
            )
        if by_number[number].get("decision"):
            raise ReviewError(
                [
                    Problem(
                        "review-decided",
                        f"{number} was already reviewed: {by_number[number]['decision']}",
                        file=shown,
                        hint="leave it out",
                    )
                ],
                usage=True,
            )
    if reject and not (reason and reason.strip()):
        raise ReviewError(
            [
                Problem(
                    "review-reason",
                    "a rejection needs --reason",
                    file=shown,
                    hint="say why, for the next reviewer",
                )
            ],
            usage=True,
        )
    outcome = Outcome()
    texts: dict[str, str] = {}
    for number in accept:
        candidate = by_number[number]
        name = str(candidate.get("table"))
        source = table(name).source
        if source not in texts:
            texts[source] = (project.root / source).read_bytes().decode("utf-8")
        record_id = _next_id(project, name, texts[source], outcome.accepted.values())
        record = {"id": record_id, **{k: v for k, v in candidate["record"].items() if k != "id"}}
        record |= {"method": "extracted", "reviewed_by": reviewer, "reviewed_on": day}
        record = _ordered(name, record)
        texts[source] = append_records(texts[source], [render_record(record)])
        outcome.accepted[number] = record_id
    if texts:
        problems = _check(project, texts, set(outcome.accepted.values()))
        if problems:
            raise ReviewError(problems)
    rejections = None
    if reject:
        target = project.root / REJECTIONS_FILE
        old = target.read_text(encoding="utf-8") if target.exists() else header()
        entries = [
            render_record(
                rejection_entry(by_number[n], str(document["seed_id"]), reason or "", reviewer, day)
            )
            for n in reject
        ]
        rejections = append_records(old, entries)
        outcome.rejected = list(reject)
    for number, record_id in outcome.accepted.items():
        by_number[number]["decision"] = {"accepted": record_id, "by": reviewer, "on": day}
    for number in reject:
        by_number[number]["decision"] = {"rejected": reason, "by": reviewer, "on": day}
    try:
        for source, text in texts.items():
            atomic.write_bytes(project.root / source, text.encode("utf-8"))
        if rejections is not None:
            atomic.write_bytes(project.root / REJECTIONS_FILE, rejections.encode("utf-8"))
        atomic.write_bytes(path, dump(document).encode("utf-8"))
    except OSError as error:
        raise ReviewError(
            [
                Problem(
                    "output-unwritable",
                    f"cannot write {error.filename}: {error.strerror}",
                    hint="make the files writable",
                )
            ]
        ) from None
    return outcome


def _next_id(project: Project, name: str, text: str, taken: Any) -> str:
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
    order = table(name).model.column_order()
    return {key: record[key] for key in order if key in record}


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
