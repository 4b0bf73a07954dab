"""Review files: writing what the extractor proposes, and moving accepted candidates in.

A review file is YAML: the seed (id and sha256), and each candidate with its number, table,
confidence, signals, fingerprint and ``record`` in the curated format (no id yet). Accepting a
candidate gives it the next id of its table (never one used before, retracted ids included),
keeps ``method: extracted`` and adds ``reviewed_by`` and ``reviewed_on``; the record is
appended to the curated file, every other byte of which stays as it was. Nothing is written
unless the project, with the new records, passes the checks of ``libyadata validate`` (but the
built package, which a build refreshes) with no problem about them. Rejections go to the
rejections file with their reason, acceptances to the acceptances file by fingerprint, so no
review (of this file, a copy, or a later extraction) accepts a candidate twice. The review file
records each decision. Besides, a review accepts reference candidates (``R001``: names no
reference table lists) as new actors or places, attaches a candidate's spans to an existing
record (``--attach C004=VIS-0003``) or a spelling to an existing row, writes records the
extractor missed (the review file's ``missed`` list, ``method: curated``: the reviewer wrote
them) with ids it assigns, and closes the seed's uncited sentences with a reason
(``closing``). A candidate edited in the review file is located and validated before anything
is written; an attached one must fit its record, and a reference candidate that is a row
already (by name or gazetteer entry) is refused. A review file that is not one, belongs to
another seed, or was edited into something else is refused as a whole before anything is
decided; everything is written together or not at all, under the project's lock.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..core import atomic
from ..core.catalogue.record_problems import (
    OUTPUT_UNWRITABLE,
    PROJECT_BUSY,
    REVIEW_ATTACH,
    REVIEW_BOTH_WAYS,
    REVIEW_CANDIDATE,
    REVIEW_CLOSE,
    REVIEW_DECIDED,
    REVIEW_FILE,
    REVIEW_KNOWN_ROW,
    REVIEW_REASON,
    REVIEW_REJECTED_BEFORE,
    REVIEW_TWICE,
    REVIEW_UNRELATED,
    UNCITED_SENTENCE,
)
from ..core.lock import ProjectBusyError, project_lock
from ..core.problems import Problem
from ..models.retraction import ID_PATTERNS as ID_FORMS
from ..models.tables import TABLES, Role, table
from ..sources.project import Project
from ..sources.seeds import SeedLibrary
from ..sources.yamlio import read_document, read_records
from ..sources.yamlwrite import append_records, render_record
from . import amend, closing
from .decisions import (
    ACCEPTED_FILE,
    REJECTIONS_FILE,
    acceptance_entry,
    accepted_fingerprints,
    accepted_header,
    header,
    name_fingerprint,
    rejected_fingerprints,
    rejection_entry,
)
from .lexicon import KINDS

_NUMBER = re.compile(r"C\d{3,}")
_REFERENCE = re.compile(r"R\d{3,}")
_SENTENCE = re.compile(r"S\d+")


class ReviewError(ValueError):
    """A review cannot go ahead; ``problems`` say why, ``usage`` marks a misuse (exit 2)."""

    def __init__(self, problems: list[Problem], *, usage: bool = False) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems
        self.usage = usage


@dataclass
class Request:
    """What a reviewer decided, to be applied together."""

    accept: list[str] = field(default_factory=list)
    """Candidates (``C…``) and reference candidates (``R…``) to accept."""
    reject: dict[str, str] = field(default_factory=dict)
    """Candidates to reject, to the reason."""
    attach: dict[str, str] = field(default_factory=dict)
    """Candidates to the record they are evidence for; reference candidates to the row they
    are a spelling of."""
    close: list[str] = field(default_factory=list)
    """Sentences (``S…``) to close."""
    close_rest: bool = False
    """Close every sentence the accepted records leave uncited."""
    reason: str = ""
    """Why the sentences closed need no record."""
    missed: bool = False
    """Accept the records written under ``missed`` in the review file."""


@dataclass
class Outcome:
    """What a review did."""

    accepted: dict[str, str] = field(default_factory=dict)
    """Candidate number (references included) to the id it was given."""
    rejected: list[str] = field(default_factory=list)
    attached: dict[str, str] = field(default_factory=dict)
    """Candidate number to the row it was attached to."""
    closed: list[str] = field(default_factory=list)
    """Sentences closed, with their quote: ``S12 "…"``."""


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
    if not problems:
        problems = _number_references(document, shown)
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


def _number_references(document: dict[str, Any], shown: str) -> list[Problem]:
    """Give each reference candidate its number (``R001`` …) where it has none; check the rest.

    Each also gets the keys a reviewer fills to accept it (``kind``, ``side``, ``country``,
    ``parent``), empty where the extractor did not know them, so the file shows what to write.
    """
    problems: list[Problem] = []
    entries = document.get("reference_candidates") or []
    missed = document.get("missed") or []
    if not isinstance(entries, list) or not isinstance(missed, list):
        message = f"{shown}: reference_candidates and missed are lists"
        return [REVIEW_FILE(message=message, file=shown, field="reference_candidates")]
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            message = f"reference candidate {index} of {shown} has no name"
            problems.append(REVIEW_FILE(message=message, file=shown, field="reference_candidates"))
            continue
        number = entry.setdefault("candidate", f"R{index:03d}")
        if not isinstance(number, str) or not _REFERENCE.fullmatch(number) or number in seen:
            message = f"reference candidate {index} has no unique number R001…: {number!r}"
            problems.append(REVIEW_FILE(message=message, file=shown, field="candidate"))
        seen.add(str(number))
        # what the ledgers know it by, fixed when it is first numbered (the name may be edited)
        mark = name_fingerprint(str(document.get("seed_id")), entry["name"])
        entry.setdefault("fingerprint", mark)
        for key in ("kind", "side", "country", "parent"):
            entry.setdefault(key, entry.get("looks_like") if key == "kind" else None)
    for index, entry in enumerate(missed, start=1):
        record = entry.get("record") if isinstance(entry, dict) else None
        if not isinstance(record, dict) or entry.get("table") not in KINDS:
            kinds = ", ".join(KINDS)
            message = f"missed record {index} of {shown} needs `table` (one of {kinds}), `record`"
            problems.append(REVIEW_FILE(message=message, file=shown, field="missed"))
    return problems


def number_references(document: dict[str, Any]) -> dict[str, Any]:
    """Return the review file being written with its reference candidates numbered."""
    _number_references(document, "the review file")
    return document


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
    accept: Sequence[str] = (),
    reject: Mapping[str, str] | None = None,
    reviewer: str,
    day: str,
    request: Request | None = None,
) -> Outcome:
    """Apply a review's decisions (``request``, or ``accept`` and ``reject``); all or nothing."""
    load(path, project)  # untrusted input is read before the lock: a bad file never holds it
    wanted = request or Request()
    if request is None:
        wanted.accept, wanted.reject = list(accept), dict(reject or {})
    wanted.accept = list(dict.fromkeys(wanted.accept))
    try:
        with project_lock(project.root):
            return _Review(project, path, wanted, reviewer, day).run()
    except ProjectBusyError as error:
        raise ReviewError([PROJECT_BUSY(error=error, file=str(path))]) from None


class _Review:
    """One review, applied under the project's lock: everything rendered, checked, written."""

    def __init__(
        self, project: Project, path: Path, request: Request, reviewer: str, day: str
    ) -> None:
        self.project, self.path, self.request = project, path, request
        self.reviewer, self.day = reviewer, day
        self.shown = str(path)
        self.document = load(path, project)
        self.seed_id = str(self.document["seed_id"])
        self.text = SeedLibrary.load(project).text(self.seed_id)
        self.candidates = {c["candidate"]: c for c in self.document["candidates"]}
        self.references = {
            r["candidate"]: r for r in self.document.get("reference_candidates") or []
        }
        self.texts: dict[str, str] = {}
        self.outcome = Outcome()
        self.accepted_before = accepted_fingerprints(project)
        self.rejected_before = rejected_fingerprints(project)
        self.written: set[str] = set()
        """The candidates made of the ``missed`` list: records the reviewer wrote."""

    def source(self, name: str) -> str:
        """Return the text of table ``name``'s curated file, as this review has changed it."""
        source = table(name).source
        if source not in self.texts:
            path = self.project.root / source
            self.texts[source] = path.read_bytes().decode("utf-8") if path.is_file() else ""
        return self.texts[source]

    def put(self, name: str, text: str) -> None:
        self.texts[table(name).source] = text

    def run(self) -> Outcome:
        """Check the request, render every change, check the result, write it all."""
        self._add_missed()
        _check_request(self.candidates, self.references, self.request, self.shown)
        self._refuse_twice()
        problems = [
            problem
            for number in self._records_taken()
            for problem in amend.locate_spans(
                self.candidates[number]["record"], self.text, self.seed_id, number, self.shown
            )
        ]
        if problems:
            raise ReviewError(problems)
        self._refuse_known_spans()
        problems = self._references()
        problems += self._attach()
        if problems:
            raise ReviewError(problems)
        self._accept_records()
        files = self._check_and_close()
        files |= self._decisions()
        try:
            atomic.write_all(files)
        except OSError as error:
            failed = str(error.filename)
            folders = "the curated files' folders and the review file's"
            hint = f"make {folders} writable; nothing was written"
            problem = OUTPUT_UNWRITABLE(
                target=failed, reason=error.strerror, file=failed, hint=hint
            )
            raise ReviewError([problem]) from None
        return self.outcome

    def _add_missed(self) -> None:
        """Make each record of the ``missed`` list a candidate of its own, to be accepted."""
        if not self.request.missed:
            return
        missed = self.document.get("missed") or []
        if not missed:
            message = f"{self.shown} has no record under `missed` to accept"
            raise ReviewError([REVIEW_FILE(message=message, file=self.shown, field="missed")])
        from .run import fingerprint

        number = max((int(n[1:]) for n in self.candidates), default=0)
        for entry in missed:
            number += 1
            record = entry["record"]
            # written by the reviewer, not proposed by the extractor: a curated record
            record["method"] = "curated"
            amend.locate_spans(record, self.text, self.seed_id, f"C{number:03d}")
            mark = (
                fingerprint(entry["table"], {"evidence": [], **record}) if _located(record) else ""
            )
            candidate = {
                "candidate": f"C{number:03d}",
                "table": entry["table"],
                "confidence": None,
                "signals": ["written by the reviewer"],
                "fingerprint": mark or f"missed-{number}",
                "record": record,
            }
            self.document["candidates"].append(candidate)
            self.candidates[candidate["candidate"]] = candidate
            self.request.accept.append(candidate["candidate"])
            self.written.add(candidate["candidate"])
        self.document["missed"] = []

    def _records_taken(self) -> list[str]:
        """Return the candidates that become records or evidence of one."""
        chosen = [*self.request.accept, *self.request.attach]
        return [n for n in chosen if n in self.candidates]

    def _refuse_twice(self) -> None:
        """Refuse a candidate accepted before, from this file, a copy, or an earlier extraction."""
        problems = []
        everything = {**self.candidates, **self.references}
        chosen = [*self.request.accept, *self.request.attach]
        for number in [n for n in chosen if n in everything]:
            mark = everything[number]["fingerprint"]
            if mark in self.accepted_before:
                record = self.accepted_before[mark]
                where = ACCEPTED_FILE
                problems.append(
                    REVIEW_TWICE(number=number, record=record, where=where, file=self.shown)
                )
            elif mark in self.rejected_before:
                # rejected from a copy of this file, or in an earlier review of the seed
                problems.append(
                    REVIEW_REJECTED_BEFORE(
                        number=number,
                        record=self.rejected_before[mark],
                        where=REJECTIONS_FILE,
                        file=self.shown,
                    )
                )
        if problems:
            raise ReviewError(problems)

    def _refuse_known_spans(self) -> None:
        """Refuse a candidate whose spans are exactly an existing record's: it is that record."""
        problems = []
        for number in self.request.accept:
            candidate = self.candidates.get(number)
            if candidate is None:
                continue
            spans = _span_set(candidate["record"])
            items, _ = read_records(self.project.root / table(candidate["table"]).source)
            for item in items:
                if spans and _span_set(item.data) == spans:
                    problems.append(
                        REVIEW_TWICE(
                            number=number,
                            record=item.data.get("id"),
                            where="it cites exactly that record's spans",
                            file=self.shown,
                        )
                    )
        if problems:
            raise ReviewError(problems)

    def _references(self) -> list[Problem]:
        """Make the accepted reference candidates rows; add attached spellings to their rows."""
        problems: list[Problem] = []
        taken = {i for t in TABLES.with_role(Role.REFERENCE) for i in _ids(self.project, t.name)}
        for number in self.request.accept:
            entry = self.references.get(number)
            if entry is None:
                continue
            made = amend.reference_row(entry, self.seed_id, taken)
            if isinstance(made, Problem):
                problems.append(replace(made, file=self.shown))
                continue
            name, row = made
            rows = yaml.safe_load(self.source(name)) or []
            same = amend.same_row(row, rows if isinstance(rows, list) else [])
            if same is not None:
                row_id, why = same
                message = (
                    f"{number} ({entry['name']}) would be a new {name[:-1]}, but {why} is "
                    f"{row_id} already"
                )
                problems.append(
                    REVIEW_KNOWN_ROW(
                        message=message,
                        number=number,
                        row=row_id,
                        file=self.shown,
                        record_id=number,
                        field="name",
                    )
                )
                continue
            taken.add(row["id"])
            self.put(name, append_records(self.source(name), [render_record(row)]))
            self.outcome.accepted[number] = row["id"]
        for number, row_id in self.request.attach.items():
            entry = self.references.get(number)
            if entry is None:
                continue
            name = _reference_table(row_id)
            words = entry.get("words") if isinstance(entry.get("words"), str) else entry["name"]
            spelling = amend.render_spelling({"name": words, "seed_id": self.seed_id})
            changed = amend.insert_items(self.source(name), row_id, "names", [spelling])
            if changed is None:
                problems.append(_unknown_target(number, row_id, name, self.shown))
                continue
            self.put(name, changed)
            self.outcome.attached[number] = row_id
        return problems

    def _attach(self) -> list[Problem]:
        """Add each attached candidate's evidence spans to the record it names."""
        problems: list[Problem] = []
        for number, record_id in self.request.attach.items():
            candidate = self.candidates.get(number)
            if candidate is None:
                continue
            name = str(candidate["table"])
            unfit = self._unfit(number, candidate, record_id)
            if unfit is not None:
                problems.append(unfit)
                continue
            spans = [amend.render_span(span) for span in candidate["record"]["evidence"]]
            changed = amend.insert_items(self.source(name), record_id, "evidence", spans)
            if changed is None:
                problems.append(_unknown_target(number, record_id, name, self.shown))
                continue
            self.put(name, changed)
            self.outcome.attached[number] = record_id
        return problems

    def _unfit(self, number: str, candidate: dict[str, Any], record_id: str) -> Problem | None:
        """Refuse attaching a candidate to a record it cannot be evidence of.

        It must be of the record's table; and what its spans support must not contradict the
        record: no date that cannot overlap the record's, and, when it names actors or places,
        at least one the record names too. A reviewer who is sure narrows the spans' supports.
        """
        name = str(candidate["table"])
        owner = next((t for t, form in ID_FORMS.items() if re.fullmatch(form, record_id)), None)
        if owner is not None and owner != name:
            message = (
                f"{number} is a candidate for {name} but {record_id} is a record of {owner}: "
                "a candidate is evidence only of a record of its own kind"
            )
            return REVIEW_UNRELATED(message=message, file=self.shown, record_id=number)
        rows = yaml.safe_load(self.source(name)) or []
        target = next((r for r in rows if isinstance(r, dict) and r.get("id") == record_id), None)
        if target is None:
            return None  # reported as an unknown record by the caller
        clash = amend.contradiction(candidate["record"], target)
        if clash is None:
            return None
        message = (
            f"{number} cannot be evidence of {record_id}: {clash}. A candidate attached to a "
            "record supports its fields, so they must be able to be the same event"
        )
        return REVIEW_UNRELATED(message=message, file=self.shown, record_id=number, field="attach")

    def _accept_records(self) -> None:
        for number in self.request.accept:
            candidate = self.candidates.get(number)
            if candidate is None:
                continue
            name = str(candidate["table"])
            record_id = _next_id(
                self.project, name, self.source(name), self.outcome.accepted.values()
            )
            record = {
                "id": record_id,
                **{k: v for k, v in candidate["record"].items() if k != "id"},
            }
            if number in self.written:  # curated: who wrote it is in the acceptances file
                record |= {"method": "curated"}
            else:
                record |= {
                    "method": "extracted",
                    "reviewed_by": self.reviewer,
                    "reviewed_on": self.day,
                }
            self.put(
                name, append_records(self.source(name), [render_record(_ordered(name, record))])
            )
            self.outcome.accepted[number] = record_id

    def _check_and_close(self) -> dict[Path, bytes]:
        """Close sentences and check the whole project in a scratch copy; the files to write."""
        from ..checks.sources import check

        changed = set(self.outcome.accepted.values()) | set(self.outcome.attached.values())
        with tempfile.TemporaryDirectory(prefix="libyadata-review-") as scratch:
            root = Path(scratch)
            for folder in ("seeds", "schema"):
                shutil.copytree(self.project.root / folder, root / folder)
            shutil.copytree(
                self.project.root / "datasets",
                root / "datasets",
                ignore=shutil.ignore_patterns("package"),
            )
            for source, text in self.texts.items():
                (root / source).write_text(text, encoding="utf-8")
            if self.request.close or self.request.close_rest:
                self._close(Project.at(root))
                exclusions = self.texts[closing.EXCLUSIONS_FILE]
                (root / closing.EXCLUSIONS_FILE).write_text(exclusions, encoding="utf-8")
            report = check(Project.at(root), skip=("schema",)).report
        before = {_key(p) for p in check(self.project, skip=("schema",)).report.problems}
        numbers = {v: k for k, v in self.outcome.accepted.items()}
        # Sentences left uncited are the seed's state half-way through its review, not a
        # problem of what this review adds (``--close`` deals with them).
        problems = [
            _about_candidate(p, numbers.get(str(p.record_id)))
            for p in report.problems
            if p.code != UNCITED_SENTENCE.code and (p.record_id in changed or _key(p) not in before)
        ]
        if problems:
            raise ReviewError(problems)
        return {
            self.project.root / source: text.encode("utf-8") for source, text in self.texts.items()
        }

    def _close(self, scratch: Project) -> None:
        """Add an exclusion for each sentence closed; refuse one that is not open."""
        sentences = closing.open_sentences(scratch, self.seed_id)
        by_number = {s.number: s for s in sentences}
        unknown = [n for n in self.request.close if n not in by_number]
        if unknown:
            listed = ", ".join(by_number) or "none"
            message = (
                f"{', '.join(unknown)} is no sentence of {self.seed_id} left uncited once this "
                f"review's records are in (open: {listed})"
            )
            raise ReviewError([REVIEW_CLOSE(message=message, file=self.shown)])
        chosen = (
            sentences if self.request.close_rest else [by_number[n] for n in self.request.close]
        )
        entries = [
            render_record(closing.exclusion_entry(self.seed_id, s, self.text, self.request.reason))
            for s in chosen
        ]
        path = self.project.root / closing.EXCLUSIONS_FILE
        old = path.read_bytes().decode("utf-8") if path.is_file() else closing.HEADER
        self.texts[closing.EXCLUSIONS_FILE] = append_records(old, entries)
        self.outcome.closed = [f"{s.number} {s.text[:60]!r}" for s in chosen]
        closed = self.document.setdefault("closed", [])
        closed += [
            {"sentence": s.number, "quote": s.text, "reason": self.request.reason} for s in chosen
        ]

    def _appended(self, name: str, first: str, entries: list[dict[str, Any]]) -> dict[Path, bytes]:
        """Return the decisions file ``name`` (begun with ``first``) with ``entries`` added."""
        target = self.project.root / name
        old = target.read_text(encoding="utf-8") if target.exists() else first
        rendered = [render_record(entry) for entry in entries]
        return {target: append_records(old, rendered).encode("utf-8")}

    def _decisions(self) -> dict[Path, bytes]:
        """Render the rejections, the acceptances and the review file with every decision."""
        files: dict[Path, bytes] = {}
        who = {"by": self.reviewer, "on": self.day}
        everything = {**self.candidates, **self.references}
        reject = self.request.reject
        if reject:
            files |= self._appended(
                REJECTIONS_FILE,
                header(),
                [
                    rejection_entry(everything[n], self.seed_id, why, *who.values())
                    for n, why in reject.items()
                ],
            )
            self.outcome.rejected = list(reject)
        made = self.outcome.accepted | self.outcome.attached
        if made:
            files |= self._appended(
                ACCEPTED_FILE,
                accepted_header(),
                [
                    acceptance_entry(_entry(everything[n], row), self.seed_id, row, *who.values())
                    for n, row in made.items()
                ],
            )
        for number, row in self.outcome.accepted.items():
            everything[number]["decision"] = {"accepted": row, **who}
        for number, row in self.outcome.attached.items():
            everything[number]["decision"] = {"attached": row, **who}
        for number, why in reject.items():
            everything[number]["decision"] = {"rejected": why, **who}
        files[self.path] = dump(self.document).encode("utf-8")
        return files


def _said(decision: object) -> str:
    """Say a decision of the review file in words: ``accepted as VIS-0018 by T on 2026-12-07``."""
    if not isinstance(decision, dict):
        return str(decision)
    words = []
    for key, verb in (("accepted", "accepted as"), ("attached", "attached to")):
        if key in decision:
            words.append(f"{verb} {decision[key]}")
    if "rejected" in decision:
        words.append(f"rejected ({decision['rejected']})")
    if decision.get("by"):
        words.append(f"by {decision['by']}")
    if decision.get("on"):
        words.append(f"on {decision['on']}")
    return " ".join(words) or "decided"


def _entry(entry: dict[str, Any], row: str) -> dict[str, Any]:
    """Return a candidate as its acceptance records it: a reference's table from its new row."""
    if "table" in entry:
        return entry
    return {**entry, "table": _reference_table(row)}


def _reference_table(row_id: str) -> str:
    """Return the reference table (actors, places) a new or attached row's id belongs to.

    An id of no reference table's form goes to the last of them, as the places it names.
    """
    tables = TABLES.with_role(Role.REFERENCE)
    prefixes = {f"{t.id_prefix}-": t.name for t in tables}
    return next((n for p, n in prefixes.items() if row_id.startswith(p)), tables[-1].name)


def _key(problem: Problem) -> tuple[object, ...]:
    """Identify a problem across two checks (its message may name what else was added)."""
    return (problem.code, problem.file, problem.line, problem.record_id, problem.field)


def _located(record: dict[str, Any]) -> bool:
    return all(isinstance(s.get("start"), int) for s in record.get("evidence") or ())


def _span_set(record: dict[str, Any]) -> frozenset[tuple[Any, Any, Any]]:
    evidence = record.get("evidence") if isinstance(record, dict) else None
    if not isinstance(evidence, list):
        return frozenset()
    return frozenset(
        (s.get("seed_id"), s.get("start"), s.get("end")) for s in evidence if isinstance(s, dict)
    )


def _ids(project: Project, name: str) -> list[str]:
    path = project.root / table(name).source
    if not path.is_file():
        return []
    items, _ = read_records(path)
    return [str(item.data.get("id")) for item in items]


def _unknown_target(number: str, row_id: str, name: str, shown: str) -> Problem:
    message = f"{number} cannot be attached to {row_id}: {name} has no row {row_id}"
    return REVIEW_ATTACH(message=message, file=shown, record_id=number, field="attach")


def _about_candidate(problem: Problem, number: str | None) -> Problem:
    """Say which candidate a problem of a new record comes from (it has no id in the file)."""
    if number is None:
        return problem
    return replace(
        problem, message=f"{number} (it would be {problem.record_id}): {problem.message}"
    )


def _check_request(
    candidates: dict[str, dict[str, Any]],
    references: dict[str, dict[str, Any]],
    request: Request,
    shown: str,
) -> None:
    """Refuse unknown or decided candidates, a candidate two ways, a missing reason.

    Unknown numbers and a missing reason are misuse (exit 2); a candidate decided already is a
    refusal (exit 1): accepting it again would make a second record.
    """
    problems: list[Problem] = []
    refusals: list[Problem] = []
    known = {**candidates, **references}
    for number in [*request.accept, *request.reject, *request.attach]:
        if number not in known:
            listed = ", ".join(known) or "none"
            problems.append(REVIEW_CANDIDATE(shown=shown, number=number, known=listed, file=shown))
        elif decision := known[number].get("decision"):
            said = _said(decision)
            refusals.append(
                REVIEW_DECIDED(number=number, decision=said, file=shown, record_id=number)
            )
    ways = [set(request.accept), set(request.reject), set(request.attach)]
    both = sorted((ways[0] & ways[1]) | (ways[0] & ways[2]) | (ways[1] & ways[2]))
    if both:
        problems.append(REVIEW_BOTH_WAYS(numbers=", ".join(both), file=shown))
    missing = [number for number, why in request.reject.items() if not (why and why.strip())]
    if (request.close or request.close_rest) and not request.reason.strip():
        missing.append("the sentences closed")
    if missing:
        problems.append(REVIEW_REASON(numbers=", ".join(missing), file=shown))
    bad = [n for n in request.close if not _SENTENCE.fullmatch(n)]
    if bad:
        message = f"{', '.join(bad)} is not a sentence number (S1, S2, …)"
        problems.append(REVIEW_CLOSE(message=message, file=shown))
    if problems:
        raise ReviewError(problems, usage=True)
    if refusals:
        raise ReviewError(refusals)


def _next_id(project: Project, name: str, text: str, taken: Iterable[str]) -> str:
    """Return the next id of table ``name``: above every id in it, retracted, or just given."""
    prefix = ID_FORMS[name].split("-")[0]
    used = set(re.findall(rf"\b{prefix}-(\d+)\b", text))
    retractions = project.root / TABLES.retractions.source
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
