"""Running the extractor over one seed: candidates, merged, located, filtered, numbered.

Candidates of the same kind that name the same event (the same visitors, or deployer and
force, or base and place, or parties and type, with dates and places that agree) are merged
into one with all their evidence, so a proposal is one event however many sentences report it.
Every evidence span is located in the seed with ``provenance.spans.locate`` and checked with
``verify``, exactly as ``libyadata locate`` and ``validate`` do. Candidates a reviewer rejected
or accepted before (``decisions.decided_fingerprints``) are not proposed again, nor are names
(reference candidates) decided in a review of the same seed.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.hashing import sha256
from ..models import FuzzyDate, Seed
from ..models.evidence import Evidence
from ..provenance.exclusions import load_exclusions
from ..provenance.spans import QuoteNotFoundError, context, locate, verify
from ..sources.project import Project
from ..sources.seeds import SeedLibrary
from .analyse import Analyser, SentenceFacts, UnknownName
from .candidates import Builder, Candidate, Context
from .datebounds import bounds, dates_agree
from .decisions import name_fingerprint
from .existing import INTENDED
from .fullnames import complete_names
from .knownnames import Reference
from .negation import Denial, amend, denies

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Exclusions whose reason starts so mark page furniture: never evidence.
FURNITURE = "page furniture"


@dataclass
class Extraction:
    """What the extractor proposes from one seed."""

    seed: Seed
    candidates: list[dict[str, Any]] = field(default_factory=list)
    """Each: ``candidate`` (number), ``table``, ``confidence``, ``signals``, ``record``."""
    unknown: list[UnknownName] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Why candidates were left out (rejected before, furniture)."""


class Extractor:
    """The extractor for one project: its reference tables, seeds and past rejections."""

    def __init__(self, project: Project, library: SeedLibrary | None = None) -> None:
        """Read the reference tables, the seeds and the exclusions once."""
        self.project = project
        self.library = library or SeedLibrary.load(project)
        self.reference = Reference.load(project)
        self.analyser = Analyser(self.reference)
        exclusions, _ = load_exclusions(project, self.library)
        self.furniture = [
            (x.rule.seed_id, x.start, x.end)
            for x in exclusions
            if x.rule.reason.lower().startswith(FURNITURE)
        ]
        from .decisions import decided_fingerprints

        self.rejected = decided_fingerprints(project)
        from .existing import Existing

        self.existing = Existing(project, self.reference)
        self._located: dict[tuple[str, str | None], tuple[int, int] | None] = {}

    def extract(self, seed_id: str) -> Extraction:
        """Propose candidate records from the seed ``seed_id`` (a verified seed of the project)."""
        seed = self.library.seeds[seed_id]
        text = self.library.text(seed_id)
        self._located.clear()  # per text: the quotes located in it
        analysis = self.analyser.analyse(text, seed.published)
        extraction = Extraction(seed, unknown=[])
        for name in analysis.unknown:
            # a name accepted, attached or rejected in a review of this seed is decided
            decided = self.rejected.get(name_fingerprint(seed_id, name.text))
            if decided is None:
                extraction.unknown.append(name)
            else:
                extraction.skipped.append(f"the name {name.text!r}: decided before ({decided})")
        context = Context()
        found: list[Candidate] = []
        for facts in analysis.sentences:
            sentence = facts.sentence
            if any(
                s == seed_id and a <= sentence.start and sentence.end <= b
                for s, a, b in self.furniture
            ):
                continue
            new = Builder(self.reference, facts, context).all()
            if facts.doc is not None:
                _date_the_present(new, facts.doc, seed.published)
            found += amend(found, new, _denial(facts))
            context.update(facts, self.reference)
        complete_names(found, analysis.unknown, self.reference)
        merged = merge(found, self.reference)
        number = 0
        for candidate in sorted(merged, key=lambda c: (c.spans[0][0], c.table)):
            record = self.record(candidate, seed_id, text)
            if record is None:
                continue
            mark = fingerprint(candidate.table, record)
            if mark in self.rejected:
                where = f"{candidate.table} at {candidate.spans[0][0]}"
                extraction.skipped.append(f"{where}: decided before ({self.rejected[mark]})")
                continue
            number += 1
            proposal: dict[str, Any] = {
                "candidate": f"C{number:03d}",
                "table": candidate.table,
                "confidence": candidate.confidence,
                "signals": list(dict.fromkeys(candidate.signals)),
                "fingerprint": mark,
                "record": record,
            }
            if candidate.unresolved:
                proposal["unresolved"] = candidate.unresolved
            unrecorded = _unrecorded(candidate.table, record)
            if unrecorded:
                proposal["unrecorded"] = unrecorded
            known = self.existing.record_for(candidate.table, record)
            if known is not None:
                # the event is already a record: this is more evidence for it, not a new row
                proposal["evidence_for"] = known
                proposal["signals"].append(f"reports the event of {known}, already recorded")
            extraction.candidates.append(proposal)
        return extraction

    def record(self, candidate: Candidate, seed_id: str, text: str) -> dict[str, Any] | None:
        """Return the candidate in the curated format, evidence located; ``None`` if unlocatable."""
        evidence = []
        for start, end, supports in candidate.spans:
            quote = text[start:end]
            prefix, suffix = context(text, start, end)
            if self._locate(text, quote, prefix) != (start, end):
                continue  # a repeated line with the same words before it cannot be told apart
            span = Evidence.model_construct(
                seed_id=seed_id,
                start=start,
                end=end,
                quote=quote,
                prefix=prefix,
                suffix=suffix,
                supports=(),
            )
            if verify(span, text):
                continue
            span_data = {
                "seed_id": seed_id,
                "quote": quote,
                "supports": sorted(supports) or ["status"],
                "start": start,
                "end": end,
                "prefix": prefix,
                "suffix": suffix,
            }
            claimant = candidate.attributions.get((start, end))
            if claimant is not None:
                span_data["attributed_to"] = copy.deepcopy(claimant)
            evidence.append(span_data)
        if not evidence:
            return None
        # Copies: one date or quantity found in a sentence may fill fields of several candidates.
        record = {
            key: copy.deepcopy(value)
            for key, value in candidate.fields.items()
            if value not in (None, [], ())
        }
        record["method"] = "extracted"
        if candidate.inferred:
            record["inferred_fields"] = sorted(set(candidate.inferred))
        if candidate.notes:
            record["notes"] = " ".join(candidate.notes)
        record["evidence"] = evidence
        return record

    def _locate(self, text: str, quote: str, prefix: str | None) -> tuple[int, int] | None:
        """Locate a quote as ``libyadata locate`` would, once per quote and prefix in a run."""
        key = (quote, prefix)
        if key not in self._located:
            try:
                found: tuple[int, int] | None = locate(text, quote, prefix)
            except QuoteNotFoundError:
                found = None
            self._located[key] = found
        return self._located[key]


def _unrecorded(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """Take out of ``record`` what the text says that its table has no field for.

    A deployment's "from Syria" is read (and scored) but ``Deployment`` has no origin: the
    record keeps to its model, so a reviewer can accept it as it is, and the words go into its
    notes and the proposal's ``unrecorded``.
    """
    from ..models.tables import table

    fields = table(kind).model.model_fields
    unrecorded = {name: record.pop(name) for name in list(record) if name not in fields}
    for span in record["evidence"]:
        span["supports"] = [name for name in span["supports"] if name in fields] or ["status"]
    if unrecorded:
        said = ", ".join(f"{name} {value}" for name, value in unrecorded.items())
        note = f"The text also gives {said}; the table has no field for it."
        record["notes"] = f"{record['notes']} {note}" if record.get("notes") else note
    return unrecorded


def _denial(facts: SentenceFacts) -> Denial | None:
    """Return the denial a sentence makes, with the kinds it speaks of, if it is one."""
    if facts.doc is None or not denies(facts.doc):
        return None
    tables = frozenset(c.group.split(":")[1] for c in facts.cues_of("trigger:"))
    if facts.cues_of("force:"):
        # "Moscow denied that its forces were involved": a force denied is a deployment
        # denied, whatever the verb
        tables |= {"deployments"}
    span = (facts.sentence.start, facts.sentence.end, frozenset({"status"}))
    return Denial(span, tables)


def _date_the_present(candidates: list[Candidate], doc: Doc, published: FuzzyDate) -> None:
    """Date to the publication what a sentence reports in the present tense with no date.

    "Russian officials are seeking access to a second airfield": the state holds when the
    text was written. A sentence in any other tense, or a record with a date, is left alone.
    """
    from .attribution import in_present, reported_verb
    from .datephrases import dated_to_publication

    verb = reported_verb(doc)
    undated = [c for c in candidates if "date" in c.fields and c.fields["date"] is None]
    if verb is None or not undated or not in_present(verb):
        return
    words = " ".join(
        t.text
        for t in sorted([verb, *verb.children], key=lambda t: t.i)
        if t.dep_ in ("aux", "auxpass") or t is verb
    )
    for candidate in undated:
        candidate.fields["date"] = dated_to_publication(published, f"'{words}'")
        candidate.signals.append(f"dated to the publication: '{words}' is in the present")


def fingerprint(table: str, record: dict[str, Any]) -> str:
    """Identify a proposal across runs: its table, the spans it cites and its key fields."""
    spans = sorted((e["seed_id"], e["start"], e["end"]) for e in record["evidence"])
    key = {name: record.get(name) for name in ("status", "date", "period", "quantity", "name")}
    data = json.dumps([table, spans, key], sort_keys=True, default=str)
    return sha256(data.encode())[:16]


def merge(candidates: list[Candidate], reference: Reference) -> list[Candidate]:
    """Merge candidates of one kind that report the same event; keep the rest as they are."""
    kept: list[Candidate] = []
    for candidate in candidates:
        if candidate.apart:
            kept.append(candidate)
            continue
        twins = [k for k in kept if not k.apart and _same_event(k, candidate, reference)]
        # a report whose actor is a pronoun takes up the report just before it, not the first
        last = max(twins, key=lambda k: k.spans[-1][1]) if twins else None
        twin = _followed(kept, candidate) or (
            last if candidate.unresolved else twins[0] if twins else None
        )
        if twin is None:
            kept.append(candidate)
            continue
        for name, value in candidate.fields.items():
            if twin.fields.get(name) in (None, [], ()) and value not in (None, [], ()):
                twin.fields[name] = value
            elif isinstance(value, list) and isinstance(twin.fields.get(name), list):
                # those named in one report and not the other ("with his son X") are added
                twin.fields[name] = list(dict.fromkeys([*twin.fields[name], *value]))
        if _narrower(candidate.fields.get("date"), twin.fields.get("date")):
            twin.fields["date"] = candidate.fields["date"]
        twin.spans += [span for span in candidate.spans if span not in twin.spans]
        twin.signals += candidate.signals
        twin.notes += [note for note in candidate.notes if note not in twin.notes]
        twin.unresolved += candidate.unresolved
        twin.attributions.update(candidate.attributions)
        twin.confidence = round(min(0.95, max(twin.confidence, candidate.confidence) + 0.05), 2)
    return kept


_IDENTITY = {
    "visits": ("visitors",),
    "deployments": ("deployed_by", "force_type", "unit"),
    "bases": ("name", "place", "user"),
    "agreements": ("agreement_type", "parties"),
    "migration_figures": ("quantity",),
}
_PLACES = {
    "visits": "destination",
    "deployments": "location",
    "bases": "place",
    "agreements": "place",
}


#: How far (code points) a report whose actor is only a pronoun may follow the report it adds to.
_PRONOUN_REACH = 400


def _followed(kept: list[Candidate], candidate: Candidate) -> Candidate | None:
    """Return the visit a follow-up report adds to, if it is one.

    A report of a visit with neither date nor place of its own, by the very visitors of the
    visit reported just before it ("Saleh is to meet X during the visit" after "Saleh arrived
    in Moscow on Tuesday"), tells more of that visit: whom they met. An earlier visit by the
    same people, further back or with another visit between, is not taken.
    """
    fields = candidate.fields
    if (
        candidate.table != "visits"
        or not fields.get("visitors")
        or fields.get("date")
        or fields.get("destination")
    ):
        return None
    before = [k for k in kept if k.table == "visits" and k.spans[-1][1] <= candidate.spans[0][0]]
    if not before:
        return None
    last = max(before, key=lambda k: k.spans[-1][1])
    near = candidate.spans[0][0] - last.spans[-1][1] <= _PRONOUN_REACH
    # the same visitors, or more of them ("He was accompanied by X": he and X)
    same = set(last.fields.get("visitors") or ()) <= set(fields["visitors"])
    return last if near and same else None


def _same_event(first: Candidate, second: Candidate, reference: Reference) -> bool:
    statuses = (first.fields.get("status"), second.fields.get("status"))
    if first.table != second.table or (
        # a visit made and one planned are two visits; a deployment made and one planned too
        (first.table == "visits" and statuses[0] != statuses[1])
        or ((statuses[0] in INTENDED) != (statuses[1] in INTENDED))
        or not reference.places_agree(first.fields.get("origin"), second.fields.get("origin"))
    ):
        return False
    if second.unresolved or first.unresolved:
        # A report naming its actor only by a pronoun ("he travelled with his son") is taken as
        # more evidence of the report just before it, where place and date agree; its pronoun
        # stays unresolved (in ``unresolved``), and it never joins another such report.
        near = (
            second.spans[0][0] >= first.spans[0][0]
            and second.spans[0][0] - first.spans[-1][1] <= _PRONOUN_REACH
        )
        place = _PLACES.get(first.table)
        return (
            near
            and not first.unresolved
            and (
                place is None
                or reference.places_agree(first.fields.get(place), second.fields.get(place))
            )
            and dates_agree(first.fields.get("date"), second.fields.get("date"))
        )
    for name in _IDENTITY[first.table]:
        a, b = first.fields.get(name), second.fields.get(name)
        if isinstance(a, list | tuple) and isinstance(b, list | tuple):
            if not set(a) & set(b) and (a or b):
                return False
        elif a != b:
            return False
    place = _PLACES.get(first.table)
    if place and not reference.places_agree(first.fields.get(place), second.fields.get(place)):
        return False
    dated = (first.fields.get("date") is None, second.fields.get("date") is None)
    dates = (first.fields.get("date"), second.fields.get("date"))
    # a base's use lasts: "Russia has used the airfield for several years" after "landed at the
    # Khadim air base since December 8" is one relation of that force to that base
    lasting = first.table == "bases" and any(dated)
    # An undated report of another kind may be any of several dated ones: it stays apart.
    # "arrived on Tuesday" and "met X on Wednesday": a visit's days follow one another
    trip = first.table == "visits" and _days_apart(*dates) <= 1
    return lasting or (dated[0] == dated[1] and (dates_agree(*dates) or trip))


def _days_apart(first: dict[str, Any] | None, second: dict[str, Any] | None) -> int:
    """Return how many days lie between two dates (0 when they overlap; large if unknown)."""
    a, b = bounds(first), bounds(second)
    if a is None or b is None or None in a or None in b:
        return 1 << 30
    if a[1] < b[0]:
        return int((b[0] - a[1]).days)
    if b[1] < a[0]:
        return int((a[0] - b[1]).days)
    return 0


def _narrower(new: dict[str, Any] | None, old: dict[str, Any] | None) -> bool:
    a, b = bounds(new), bounds(old)
    if a is None or b is None or None in a:
        return b is None and a is not None
    if None in b:
        return True
    return bool((a[1] - a[0]) < (b[1] - b[0]))
