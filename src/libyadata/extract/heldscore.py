"""Scoring the extractor's candidates against a held-out set's expected records.

Matching and field comparison are exactly as ``evaluation/heldout/README.md`` defines them: a
candidate touches an expected record of its kind when one of its evidence spans overlaps the
record's sentences; records and candidates are paired one to one along touching pairs (most
pairs, then most right fields, ties to the earlier candidate); unpaired candidates are false.
Fields are compared on the pairs: date, actors, place, status, quantity, type, attribution,
and, for a sentence about a record already in the dataset, the link to it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..sources.project import Project
from .heldout import (
    PLACES,
    QUANTITIES,
    ROLES,
    TYPES,
    ExpectedRecord,
    TextRun,
    date_field,
    load_set,
    run_set,
)
from .lexicon import KINDS

#: Every field scored, in report order.
FIELDS = ("date", "actors", "place", "status", "quantity", "type", "attribution", "link")
_QUANTITY_KEYS = ("unit", "qualifier", "value", "lower", "upper")


@dataclass
class KindTally:
    """The counts of one kind over a set."""

    expected: int = 0
    found: int = 0
    candidates: int = 0
    matched: int = 0
    all_right: int = 0
    right: Counter[str] = field(default_factory=Counter)
    scored: Counter[str] = field(default_factory=Counter)

    def add(self, other: KindTally) -> None:
        """Add the counts of ``other`` to these."""
        self.expected += other.expected
        self.found += other.found
        self.candidates += other.candidates
        self.matched += other.matched
        self.all_right += other.all_right
        self.right.update(other.right)
        self.scored.update(other.scored)

    def figures(self) -> dict[str, float | int | None]:
        """Return the report's figures; a share with nothing to divide is ``None``."""
        body: dict[str, float | int | None] = {
            "expected": self.expected,
            "candidates": self.candidates,
            "recall": _share(self.found, self.expected),
            "precision": _share(self.matched, self.candidates),
            "candidates_per_expected": _share(self.candidates, self.expected),
        }
        for name in FIELDS:
            body[f"{name}_accuracy"] = _share(self.right[name], self.scored[name])
        body["all_right_of_matched"] = _share(self.all_right, self.matched)
        body["all_right_of_candidates"] = _share(self.all_right, self.candidates)
        return body


@dataclass
class SetScore:
    """The score of one run over a set."""

    kinds: dict[str, KindTally] = field(default_factory=lambda: {k: KindTally() for k in KINDS})
    names_expected: int = 0
    names_proposed: int = 0
    names_found: int = 0
    names_kind_right: int = 0
    names_proposed_listed: int = 0
    distractors: int = 0
    distractors_fired: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    load_seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def overall(self) -> KindTally:
        """The counts of every kind together."""
        total = KindTally()
        for tally in self.kinds.values():
            total.add(tally)
        return total

    def to_data(self) -> dict[str, Any]:
        """Return every figure and detail as JSON-ready data."""
        times = list(self.seconds.values())
        return {
            "kinds": {
                name: t.figures() for name, t in [*self.kinds.items(), ("overall", self.overall)]
            },
            "names": {
                "expected": self.names_expected,
                "proposed": self.names_proposed,
                "recall": _share(self.names_found, self.names_expected),
                "precision": _share(self.names_proposed_listed, self.names_proposed),
                "kind_accuracy": _share(self.names_kind_right, self.names_expected),
            },
            "distractors": {"sentences": self.distractors, "fired": self.distractors_fired},
            "time": {
                "load_seconds": round(self.load_seconds, 3),
                "mean_seconds_per_text": round(sum(times) / len(times), 4) if times else None,
                "max_seconds_per_text": round(max(times), 4) if times else None,
                "per_text": {k: round(v, 4) for k, v in self.seconds.items()},
            },
            "misses": self.misses,
            "false": self.false,
            "wrong_fields": self.wrong,
        }

    def to_lines(self, title: str) -> list[str]:
        """Render the figures as Markdown tables under ``title``, then the details."""
        data = self.to_data()
        head = [
            "kind",
            "expected",
            "cands",
            "recall",
            "precision",
            "cands/exp",
            *FIELDS,
            "all right",
        ]
        lines = [
            f"## {title}",
            "",
            "| " + " | ".join(head) + " |",
            "|---" + "|---:" * (len(head) - 1) + "|",
        ]
        for name, figures in data["kinds"].items():
            cells = [
                name,
                str(figures["expected"]),
                str(figures["candidates"]),
                _cell(figures["recall"]),
                _cell(figures["precision"]),
                _cell(figures["candidates_per_expected"]),
                *(_cell(figures[f"{f}_accuracy"]) for f in FIELDS),
                _cell(figures["all_right_of_matched"]),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        names, time = data["names"], data["time"]
        lines += [
            "",
            "Field accuracies are over matched candidates; 'all right' is the share of matched "
            "candidates with every field right ("
            f"{_cell(data['kinds']['overall']['all_right_of_candidates'])} of all candidates).",
            f"Names: recall {_cell(names['recall'])}, precision {_cell(names['precision'])}, "
            f"kind right {_cell(names['kind_accuracy'])} ({names['expected']} expected, "
            f"{names['proposed']} proposed).",
            f"Distractor sentences that gave a false candidate: {self.distractors_fired} of "
            f"{self.distractors}.",
            f"Time: {time['mean_seconds_per_text']} s per text on average, at most "
            f"{time['max_seconds_per_text']} s; loading {time['load_seconds']} s.",
        ]
        lines += [f"miss {m}" for m in self.misses]
        lines += [f"false {f}" for f in self.false]
        lines += [f"wrong {w}" for w in self.wrong]
        return lines


def evaluate_folder(project: Project, folder: Path) -> SetScore:
    """Verify the set in ``folder``, run the extractor of ``project`` on it and score the run.

    Raises ``HeldoutError`` for a set that drifted from its sums or is malformed.
    """
    runs, loaded = run_set(project, load_set(folder))
    return score(runs, loaded)


def score(runs: Iterable[TextRun], load_seconds: float = 0.0) -> SetScore:
    """Score the runs of a set, text by text."""
    result = SetScore(load_seconds=load_seconds)
    for run in runs:
        _score_text(run, result)
    return result


def _score_text(run: TextRun, result: SetScore) -> None:
    text = run.text
    result.seconds[text.id] = run.seconds
    false_spans: list[tuple[int, int]] = []
    for kind in KINDS:
        expected = [r for r in text.records if r.kind == kind]
        candidates = [c for c in run.candidates if c.get("table") == kind]
        tally = result.kinds[kind]
        tally.expected += len(expected)
        tally.candidates += len(candidates)
        pairs = pair(expected, candidates)
        for e_index, c_index in pairs:
            record, candidate = expected[e_index], candidates[c_index]
            checks = compare(record, candidate)
            tally.found += 1
            tally.matched += 1
            tally.scored.update(checks.keys())
            tally.right.update(name for name, ok in checks.items() if ok)
            tally.all_right += all(checks.values())
            for name, ok in checks.items():
                if not ok:
                    result.wrong.append(
                        f"{text.id} {kind} {name}: {_short(record.trigger)} "
                        f"(got {_shown(candidate, record, name)})"
                    )
        paired_e = {e for e, _ in pairs}
        paired_c = {c for _, c in pairs}
        for index, record in enumerate(expected):
            if index not in paired_e:
                result.misses.append(f"{text.id} {kind}: {_short(record.trigger)}")
        for index, candidate in enumerate(candidates):
            if index not in paired_c:
                spans = _spans(candidate)
                false_spans += spans
                quote = text.text[spans[0][0] : spans[0][1]] if spans else ""
                result.false.append(f"{text.id} {kind}: {_short(quote)}")
    result.distractors += len(text.no_record)
    result.distractors_fired += sum(
        any(_overlaps(span, s) for s in false_spans) for span in text.no_record
    )
    _score_names(text.names, run.names, result)


def _score_names(
    expected: Sequence[tuple[str, str]], proposed: Sequence[tuple[str, str]], result: SetScore
) -> None:
    listed = {_norm(name): kind for name, kind in expected}
    guesses: dict[str, set[str]] = {}
    for name, guess in proposed:
        guesses.setdefault(_norm(name), set()).add(guess)
    result.names_expected += len(listed)
    result.names_proposed += len(proposed)
    result.names_proposed_listed += sum(_norm(name) in listed for name, _ in proposed)
    result.names_found += sum(name in guesses for name in listed)
    result.names_kind_right += sum(kind in guesses.get(name, ()) for name, kind in listed.items())


def pair(
    expected: Sequence[ExpectedRecord], candidates: Sequence[dict[str, Any]]
) -> list[tuple[int, int]]:
    """Pair expected records with candidates one to one, along touching pairs only.

    The pairing has the most pairs and, among those, the most right fields; ties go to the
    earlier candidate. Exhaustive (the records of one kind in one short text are few).
    """
    touching = [
        [c for c, candidate in enumerate(candidates) if touches(record, candidate)]
        for record in expected
    ]
    right = {
        (e, c): sum(compare(expected[e], candidates[c]).values())
        for e, options in enumerate(touching)
        for c in options
    }

    @cache
    def best(
        index: int, used: frozenset[int]
    ) -> tuple[tuple[int, int], tuple[tuple[int, int], ...]]:
        if index == len(expected):
            return (0, 0), ()
        (count, fields), chosen = best(index + 1, used)
        top = ((count, fields), chosen)
        for c in touching[index]:
            if c in used:
                continue
            (count, fields), rest = best(index + 1, used | {c})
            value = (count + 1, fields + right[(index, c)])
            if value > top[0]:
                top = (value, ((index, c), *rest))
        return top

    return list(best(0, frozenset())[1])


def touches(record: ExpectedRecord, candidate: Mapping[str, Any]) -> bool:
    """Whether a candidate of the record's kind has a span overlapping one of its sentences."""
    if candidate.get("table") != record.kind:
        return False
    return any(_overlaps(a, b) for a in _spans(candidate) for b in record.spans)


def compare(record: ExpectedRecord, candidate: Mapping[str, Any]) -> dict[str, bool]:
    """Return, for each field that applies, whether the candidate has it right."""
    data = proposed(candidate)
    if record.existing is not None:
        link = candidate.get("evidence_for") or data.get("evidence_for") or data.get("id")
        return {"link": link == record.existing}
    kind, wanted = record.kind, record.fields
    checks = {
        "date": _any(
            wanted.get(date_field(kind)), lambda w: same_date(w, data.get(date_field(kind)))
        ),
        "actors": all(
            _same_set(_as_list(wanted.get(role)), _as_list(data.get(role))) for role in ROLES[kind]
        ),
        "place": all(
            _any(wanted.get(name), lambda w, n=name: same_name(w, data.get(n)))
            for name in PLACES[kind]
        ),
        "status": _any(wanted.get("status"), lambda w: w == data.get("status")),
        "attribution": _attribution_right(record, candidate),
    }
    if kind in QUANTITIES:
        name = QUANTITIES[kind]
        checks["quantity"] = same_quantity(wanted.get(name), data.get(name))
    if kind in TYPES:
        name = TYPES[kind]
        checks["type"] = _any(wanted.get(name), lambda w, n=name: w == data.get(n))
    return checks


def proposed(candidate: Mapping[str, Any]) -> dict[str, Any]:
    """Return the fields a candidate proposes, those its table has no field for among them.

    What the record cannot hold is proposed beside it (``unrecorded``) and scored as proposed.
    """
    return {**(candidate.get("unrecorded") or {}), **(candidate.get("record") or {})}


def same_date(wanted: Mapping[str, Any] | None, got: Mapping[str, Any] | None) -> bool:
    """Whether two dates (as data) cover exactly the same days; absent equals absent only."""
    if not wanted or not got:
        return not wanted and not got
    return _bounds(wanted) == _bounds(got)


def same_quantity(wanted: Mapping[str, Any] | None, got: Mapping[str, Any] | None) -> bool:
    """Whether two quantities agree on unit, qualifier and numbers (``stated_as`` aside)."""
    if not wanted or not got:
        return not wanted and not got
    return all(_number(wanted.get(k)) == _number(got.get(k)) for k in _QUANTITY_KEYS)


def same_name(wanted: Any, got: Any) -> bool:
    """Whether an actor or place value is the expected one: same id, or same name normalised."""
    if wanted is None or got is None:
        return wanted is None and got is None
    if isinstance(got, Mapping):
        got = got.get("id") or got.get("name")
    return isinstance(got, str) and (got == wanted or _norm(got) == _norm(str(wanted)))


def _attribution_right(record: ExpectedRecord, candidate: Mapping[str, Any]) -> bool:
    evidence = (candidate.get("record") or {}).get("evidence") or []
    claims = [e.get("attributed_to") for e in evidence if e.get("attributed_to")]
    wanted = record.attributed_to
    if wanted is None:
        return not claims
    touching = [
        e["attributed_to"]
        for e in evidence
        if e.get("attributed_to")
        and any(_overlaps((e.get("start", -1), e.get("end", -1)), s) for s in record.spans)
    ]
    name = _norm(str(wanted["name"]))
    for claim in touching:
        got = _norm(str(claim.get("name", "")))
        kinds = wanted["kind"] if isinstance(wanted["kind"], list) else [wanted["kind"]]
        if claim.get("kind") in kinds and got and (got == name or got in name or name in got):
            return True
    return False


def _any(wanted: Any, check: Any) -> bool:
    # A list in the expected value lists the acceptable readings; a date list holds mappings.
    if isinstance(wanted, list):
        return any(check(w) for w in wanted) if wanted else bool(check(None))
    return bool(check(wanted))


def _same_set(wanted: list[Any], got: list[Any]) -> bool:
    if len(wanted) != len(got):
        return False
    remaining = list(got)
    for value in wanted:
        hit = next((g for g in remaining if same_name(value, g)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return True


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _bounds(date: Mapping[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    from ..models.dates import bounds_of

    value = date.get("value")
    if value is not None and date.get("precision") != "range":
        return bounds_of(str(value))
    return _day(date.get("earliest")), _day(date.get("latest"))


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _number(value: Any) -> Any:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _spans(candidate: Mapping[str, Any]) -> list[tuple[int, int]]:
    evidence = (candidate.get("record") or {}).get("evidence") or []
    return [(e["start"], e["end"]) for e in evidence if "start" in e and "end" in e]


def _overlaps(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return first[0] < second[1] and second[0] < first[1]


_SPACE = re.compile(r"\s+")


def _norm(name: str) -> str:
    folded = _SPACE.sub(" ", name.casefold()).strip()
    return folded.removeprefix("the ")


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _cell(value: Any) -> str:
    return "–" if value is None else f"{value:.2f}"


def _short(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _shown(candidate: Mapping[str, Any], record: ExpectedRecord, name: str) -> str:
    data = proposed(candidate)
    kind = record.kind
    picked: Any
    if name == "date":
        picked = data.get(date_field(kind))
    elif name == "actors":
        picked = {role: data.get(role) for role in ROLES[kind] if data.get(role)}
    elif name == "place":
        picked = {p: data.get(p) for p in PLACES[kind] if data.get(p)}
    elif name == "quantity":
        picked = data.get(QUANTITIES.get(kind, ""))
    elif name == "type":
        picked = data.get(TYPES.get(kind, ""))
    elif name == "attribution":
        picked = [
            e.get("attributed_to") for e in data.get("evidence") or [] if e.get("attributed_to")
        ]
    elif name == "link":
        picked = candidate.get("evidence_for") or data.get("evidence_for")
    else:
        picked = data.get(name)
    if isinstance(picked, Mapping) and name == "date":
        picked = {
            k: v for k, v in picked.items() if k in ("precision", "value", "earliest", "latest")
        }
    return json.dumps(picked, ensure_ascii=False, default=str)
