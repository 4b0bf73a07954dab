"""Candidate records from the facts of a sentence: one builder per record kind.

A sentence proposes a record of a kind when a trigger of that kind occurs in it; the record's
fields are filled from what stands around the trigger: the actor before it (or the person a
pronoun refers back to), the place after "to", "in" or "at", the nearest date, the quantity
that counts forces or migrants, and the status its cues give (a denial, a plan, a refusal).
A sentence reporting two events with different actors in different clauses ("X went back…,
followed by a visit by Y") proposes two; a plural event with several dates ("two visits, one
in June and one in November") one per date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import lexicon
from .analyse import Cue, Mention, SentenceFacts
from .dates import DateMention
from .reference import Reference

_CLAUSE = re.compile(r"[,;:()—–]|\s-\s")


@dataclass
class Candidate:
    """A proposed record: its table, fields, the spans it rests on and why it was proposed."""

    table: str
    fields: dict[str, Any]
    spans: list[tuple[int, int, frozenset[str]]]
    """(start, end, fields supported) of each evidence span in the seed."""
    signals: list[str]
    confidence: float
    inferred: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What the sentences before this one named: for pronouns and places left unsaid."""

    person: Mention | None = None
    group: Mention | None = None
    place: Mention | None = None


class Builder:
    """Builds the candidates of one sentence, knowing the reference tables and the context."""

    def __init__(self, reference: Reference, facts: SentenceFacts, context: Context) -> None:
        """Read one sentence's facts."""
        self.ref = reference
        self.facts = facts
        self.context = context
        self.text = facts.sentence.text
        self.offset = facts.sentence.start

    # -- helpers ---------------------------------------------------------------------------

    def actor_ids(self, mention: Mention) -> list[str]:
        return sorted(i for i in mention.ids if i in self.ref.actors)

    def place_ids(self, mention: Mention) -> list[str]:
        return sorted(i for i in mention.ids if i in self.ref.places)

    def actors(self, start: int = 0, end: int | None = None) -> list[Mention]:
        stop = self.facts.sentence.end if end is None else end
        return [m for m in self.facts.mentions if start <= m.start < stop and self.actor_ids(m)]

    def places(self, start: int = 0, end: int | None = None) -> list[Mention]:
        stop = self.facts.sentence.end if end is None else end
        return [m for m in self.facts.mentions if start <= m.start < stop and self.place_ids(m)]

    def words_before(self, offset: int, count: int = 2) -> str:
        before = self.facts_text(self.facts.sentence.start, offset)
        return " ".join(before.lower().split()[-count:])

    def facts_text(self, start: int, end: int) -> str:
        return self.text[start - self.offset : end - self.offset]

    def clauses(self) -> list[tuple[int, int]]:
        bounds, last = [], 0
        for match in _CLAUSE.finditer(self.text):
            bounds.append((self.offset + last, self.offset + match.start()))
            last = match.end()
        bounds.append((self.offset + last, self.offset + len(self.text)))
        return [(s, e) for s, e in bounds if self.text[s - self.offset : e - self.offset].strip()]

    def status(self, kind: str, start: int, end: int) -> tuple[str, str | None]:
        for status, _ in lexicon.STATUS_CUES[kind]:
            for cue in self.facts.cues_of(f"status:{kind}:{status}"):
                if start <= cue.start < end:
                    return status, f"status '{status}' from '{cue.text}'"
        return lexicon.DEFAULT_STATUS[kind], None

    def nearest_date(self, offset: int, start: int, end: int) -> DateMention | None:
        dates = [d for d in self.facts.dates if start <= d.start < end and d.date is not None]
        return min(dates, key=lambda d: abs(d.start - offset), default=None)

    def after(
        self, mentions: Iterable[Mention], words: Sequence[str], reach: int = 3
    ) -> list[Mention]:
        """Return the mentions right after one of ``words`` (within ``reach`` words)."""
        found = []
        for mention in mentions:
            before = self.words_before(mention.start, reach).split()
            if any(word in before for word in words):
                found.append(mention)
        return found

    def listed(self, mentions: list[Mention]) -> list[Mention]:
        """Return the last mention and those listed with it ("The UK, US, France, Italy")."""
        run = [mentions[-1]]
        for mention in reversed(mentions[:-1]):
            gap = self.facts_text(mention.end, run[0].start)
            if not re.fullmatch(r"\s*(?:,|and|, and|&)\s*", gap):
                break
            run.insert(0, mention)
        return run

    def pronoun_referent(self, start: int, end: int, kind: str) -> Mention | None:
        words = self.facts_text(start, end).lower().split()
        if not any(lexicon.PRONOUNS.get(w.strip("’'s")) == kind for w in words):
            return None
        return self.context.person if kind == "person" else self.context.group

    def first_value(
        self, prefix: str, start: int, end: int, default: str
    ) -> tuple[str, Cue | None]:
        cues = [c for c in self.facts.cues_of(prefix) if start <= c.start < end]
        if not cues:
            return default, None
        return cues[0].group.split(":")[-1], cues[0]

    def candidate(
        self, table: str, fields: dict[str, Any], signals: list[str], score: float
    ) -> Candidate:
        supported = frozenset(k for k, v in fields.items() if v not in (None, (), []))
        span = (self.facts.sentence.start, self.facts.sentence.end, supported)
        return Candidate(table, fields, [span], signals, round(max(0.1, min(0.95, score)), 2))

    # -- visits ----------------------------------------------------------------------------

    def visits(self) -> list[Candidate]:
        triggers = self.facts.cues_of("trigger:visits")
        if not triggers:
            return []
        events: list[dict[str, Any]] = []
        for start, end in self.clauses():
            inside = [t for t in triggers if start <= t.start < end]
            if not inside:
                if events:
                    events[-1]["end"] = end
                continue
            visitor, how = None, ""
            for trigger in inside:
                visitor, how = self.visitor(trigger, start, end)
                if visitor:
                    inside = [trigger]
                    break
            if events and (visitor is None or set(visitor) == set(events[-1]["visitors"])):
                events[-1]["end"] = end
                continue
            events.append(
                {
                    "start": start,
                    "end": end,
                    "trigger": inside[0],
                    "visitors": visitor or [],
                    "how": how,
                }
            )
        return [c for event in events for c in self.visit(event)]

    # (visitor and pronoun helpers follow)

    def visitor(self, trigger: Cue, start: int, end: int) -> tuple[list[str] | None, str]:
        word = trigger.text.lower()
        following = self.actors(trigger.end, end)
        by = self.after(following, ["by"], 1)
        if by:
            return self.actor_ids(by[0]), f"visitor after 'by': {by[0].text}"
        hosting = {"received", "receiving", "receives", "hosted", "hosting", "welcomed", "summoned"}
        if word in hosting and following:
            return self.actor_ids(following[0]), f"visitor received: {following[0].text}"
        sentence = self.facts.sentence.start
        head = self.facts_text(start, trigger.start).lower()
        # Whoever stands after "with" (or "to", "in") before the trigger is met or visited.
        cut = start + head.rfind(" with ") + 1 if " with " in head else trigger.start
        before = [
            m
            for m in self.actors(sentence, trigger.start)
            if m.start < cut
            if not self.after([m], ["to", "in", "at"], 1)
        ]
        pronoun = self.pronoun_at(max(before[-1].end if before else start, start), trigger.start)
        if before and before[-1].start >= start - 60 and not pronoun:
            listed = self.listed(before)
            ids = list(dict.fromkeys(i for m in listed for i in self.actor_ids(m)))
            names = ", ".join(m.text for m in listed)
            return ids, f"visitor before '{trigger.text}': {names}"
        if pronoun:
            people = [m for m in before if "person" in self.ref.kinds(m.ids)]
            referent = people[0] if people else self.context.person
            if referent is not None:
                return self.actor_ids(referent), f"'{pronoun}' taken to be {referent.text}"
        return None, ""

    def pronoun_at(self, start: int, end: int) -> str | None:
        for word in self.facts_text(start, end).split():
            if lexicon.PRONOUNS.get(word.lower().strip("’'s,.")) == "person":
                return word
        return None

    def visit(self, event: dict[str, Any]) -> list[Candidate]:
        start, end, trigger = event["start"], event["end"], event["trigger"]
        visitors = event["visitors"]
        if not visitors:
            return []
        signals = [f"visit trigger '{trigger.text}'", event["how"]]
        met: list[str] = []
        for mention in self.actors(trigger.start, end):
            ids = self.actor_ids(mention)
            if set(ids) & set(visitors) or self.ref.kinds(ids) & {"vessel"}:
                continue
            if self.place_ids(mention) and self.after([mention], ["to", "in", "at"], 1):
                continue  # a destination, not a host
            if self.after(
                [mention], ["with", "visit", "met", "meet", "received"], 3
            ) or trigger.text.lower() in {"received", "hosted"}:
                met += [i for i in ids if i not in met]
        destinations = self.after(
            self.places(trigger.start, end), [*lexicon.TO_PLACE, "visit", "visited"], 2
        )
        destination = self.place_ids(destinations[0])[0] if destinations else None
        vessels = [
            i
            for m in self.actors(start, end)
            for i in self.actor_ids(m)
            if self.ref.kinds([i]) == {"vessel"}
        ]
        status, cue = self.status("visits", start, end)
        fields: dict[str, Any] = {
            "status": status,
            "date": None,
            "visitors": visitors,
            "met_with": met,
            "destination": destination,
            "aboard": vessels[0] if vessels else None,
        }
        signals += [s for s in (cue, destinations and f"destination '{destinations[0].text}'") if s]
        dates = [d for d in self.facts.dates if start <= d.start < end and d.date is not None]
        plural = re.search(
            r"\b(?:visits|trips|twice|two|three)\b", self.facts_text(start, end).lower()
        )
        chosen = (
            dates
            if plural and len(dates) > 1
            else [d for d in [self.nearest_date(trigger.start, start, end)] if d]
        )
        score = (
            0.45
            + 0.15 * bool(destination)
            + 0.1 * bool(met)
            - 0.1 * ("taken to be" in event["how"])
        )
        found = []
        options: list[DateMention | None] = [*chosen] or [None]
        for date in options:
            these = [*signals, date.signal] if date else signals
            found.append(
                self.candidate(
                    "visits",
                    {**fields, "date": date.date if date else None},
                    these,
                    score + 0.15 * bool(date),
                )
            )
        return found

    # -- deployments -----------------------------------------------------------------------

    def deployments(self) -> list[Candidate]:
        triggers = self.facts.cues_of("trigger:deployments")
        if not triggers:
            return []
        trigger = triggers[0]
        start, end = self.facts.sentence.start, self.facts.sentence.end
        force, force_cue = self.force(start, end)
        units = [
            m
            for m in self.actors()
            if self.ref.kinds(self.actor_ids(m)) & {"armed_group", "armed_force", "vessel"}
        ]
        unit = self.actor_ids(units[0])[0] if units else None
        deployer, how = self.deployer(force_cue, units)
        if deployer is None:
            return []
        if (
            force == "unspecified"
            and unit is not None
            and self.ref.kinds([unit]) == {"armed_group"}
        ):
            force = "mercenaries"
        sizes = [
            q
            for q in self.facts.quantities
            if q.quantity["unit"] in {"person", "vessel", "aircraft", "tonne"}
        ]
        locations = [
            m
            for m in self.after(self.places(), lexicon.TO_PLACE, 2)
            if not self.after([m], ["from"], 1)
        ]
        location = self.place_ids(locations[0])[0] if locations else None
        supported = self.after(self.actors(), [w.split()[-1] for w in lexicon.SUPPORT_CUES], 2)
        status, cue = self.status("deployments", start, end)
        date = self.nearest_date(trigger.start, start, end)
        fields = {
            "status": status,
            "date": date.date if date else None,
            "deployed_by": deployer,
            "force_type": force,
            "unit": unit,
            "size": sizes[0].quantity if sizes else None,
            "location": location,
            "in_support_of": self.actor_ids(supported[0])[0] if supported else None,
        }
        signals = [
            f"deployment trigger '{trigger.text}'",
            how,
            *(
                s
                for s in (
                    force_cue and f"force '{force_cue.text}'",
                    cue,
                    sizes and sizes[0].signal,
                    date and date.signal,
                    locations and f"location '{locations[0].text}'",
                )
                if s
            ),
        ]
        score = (
            0.4
            + 0.15 * bool(sizes)
            + 0.1 * bool(location)
            + 0.1 * bool(force_cue)
            + 0.1 * bool(date)
        )
        return [self.candidate("deployments", fields, signals, score)]

    def force(self, start: int, end: int) -> tuple[str, Cue | None]:
        """Return the force type the sentence names, the most specific first."""
        cues = [c for c in self.facts.cues_of("force:") if start <= c.start < end]
        for force, _ in lexicon.FORCE_TYPES:
            for cue in cues:
                if cue.group == f"force:{force}":
                    return force, cue
        return "unspecified", None

    def deployer(self, force_cue: Cue | None, units: list[Mention]) -> tuple[str | None, str]:
        states = [
            m
            for m in self.actors()
            if self.ref.kinds(self.actor_ids(m)) & {"state", "organisation"}
        ]
        if force_cue is not None:
            near = [m for m in states if 0 <= force_cue.start - m.end <= 20]
            if near:
                return self.actor_ids(near[0])[
                    0
                ], f"deployed by '{near[0].text}' (before the force)"
        for unit in units:
            country = self.ref.actors[self.actor_ids(unit)[0]].country
            state = self.ref.state(country)
            if state:
                return state, f"deployed by {state}, the country of '{unit.text}'"
        if states:
            return self.actor_ids(states[0])[0], f"deployed by '{states[0].text}'"
        return None, ""

    # -- bases -----------------------------------------------------------------------------

    def bases(self) -> list[Candidate]:
        found = []
        facilities = self.facts.cues_of("facility:")
        for cue in _outermost(facilities):
            found += self.base(cue)
        return found

    def base(self, cue: Cue) -> list[Candidate]:
        sentence = self.facts.sentence
        facility = cue.group.split(":")[-1]
        listed = self.enumerated(cue)
        if listed:
            return [self.base_at(cue, facility, m.text, m) for m in listed]
        tail = self.facts_text(cue.end, min(sentence.end, cue.end + 40))
        own = [
            m for m in self.places(cue.end, cue.end + 25) if self.after([m], ["in", "of", "at"], 1)
        ]
        before = [m for m in self.places(max(sentence.start, cue.start - 25), cue.start)]
        name_before = re.search(
            r"((?:[A-Z][\w’'-]*\s)+)$", self.facts_text(sentence.start, cue.start)
        )
        place = own[0] if own else before[-1] if before else None
        name = cue.text
        if name_before:
            name = name_before.group(1) + cue.text
        elif own:
            name = cue.text + tail[: own[0].end - cue.end]
        if place is None and not name_before:
            place = self.context.place
            if place is None:
                return []
            return [self.base_at(cue, facility, name, place, from_context=True)]
        if place is None:
            nearest = self.places()
            place = nearest[-1] if nearest else self.context.place
        if place is None:
            return []
        return [self.base_at(cue, facility, name.strip(), place)]

    def enumerated(self, cue: Cue) -> list[Mention]:
        rest = self.facts_text(cue.end, self.facts.sentence.end)
        match = re.search(r"\b(?:such as|including|like)\b", rest)
        if not cue.text.endswith("s") or match is None:
            return []
        after = cue.end + match.end()
        listed: list[Mention] = []
        for mention in self.places(after):
            gap = self.facts_text(listed[-1].end if listed else after, mention.start)
            gap = re.sub(r"\([^)]*\)|,|\band\b|\bor\b", " ", gap)
            if len(gap.split()) > 1:
                break
            listed.append(mention)
        return listed

    def base_at(
        self, cue: Cue, facility: str, name: str, place: Mention, *, from_context: bool = False
    ) -> Candidate:
        place_id = self.place_ids(place)[0]
        kind = self.ref.places[place_id].kind
        precision = {"facility": "facility", "city": "settlement", "region": "region"}.get(
            str(kind), "country"
        )
        user, how = self.user(cue)
        start, end = self.facts.sentence.start, self.facts.sentence.end
        status, status_cue = self.status("bases", start, end)
        date = self.nearest_date(cue.start, start, end)
        fields = {
            "status": status,
            "date": date.date if date else None,
            "name": name,
            "facility_type": facility,
            "place": place_id,
            "location_precision": precision,
            "user": user,
        }
        signals = [
            f"base trigger '{cue.text}'",
            f"place '{place.text}'" + (" (from the sentences before)" if from_context else ""),
            *(s for s in (how, status_cue, date and date.signal) if s),
        ]
        candidate = self.candidate(
            "bases", fields, signals, 0.55 + 0.15 * bool(user) - 0.2 * from_context
        )
        if from_context:
            candidate.inferred.append("place")
            candidate.notes.append(
                f"The place is the last one named before this sentence ('{place.text}')."
            )
        return candidate

    def user(self, cue: Cue) -> tuple[str | None, str | None]:
        sentence = self.facts.sentence
        by = self.after(self.actors(cue.end), ["by"], 2)
        if by:
            return self.actor_ids(by[0])[0], f"user after 'by': {by[0].text}"
        before = [
            m
            for m in self.actors(sentence.start, cue.start)
            if self.ref.kinds(self.actor_ids(m)) - {"person"}
        ]
        if before:
            return self.actor_ids(before[-1])[0], f"user '{before[-1].text}'"
        referent = self.pronoun_referent(sentence.start, cue.start, "group")
        if referent is not None and self.actor_ids(referent):
            return self.actor_ids(referent)[0], f"'it' or 'they' taken to be {referent.text}"
        return None, None

    # -- agreements ------------------------------------------------------------------------

    def agreements(self) -> list[Candidate]:
        nouns = [
            c
            for c in self.facts.cues_of("trigger:agreements")
            if c.text.lower() not in {"signed", "signing", "struck"}
        ]
        if not nouns:
            return []
        trigger = nouns[0]
        start, end = self.facts.sentence.start, self.facts.sentence.end
        status, cue = self.status("agreements", start, end)
        kind, kind_cue = self.first_value("agreement_type:", start, end, "other")
        brokers = [
            i
            for m in self.after(self.actors(), ["by", "broker"], 2)
            for i in self.actor_ids(m)
            if self.facts.cues_of("broker")
        ]
        between = self.after(self.actors(trigger.end), ["between", "and", "with"], 3)
        pool = between or self.actors()
        parties = [i for m in pool for i in self.actor_ids(m) if i not in brokers][:4]
        amounts = [
            q
            for q in self.facts.quantities
            if q.quantity["unit"] in {"GBP", "USD", "EUR", "unstated_currency"}
        ]
        places = self.after(self.places(trigger.end), ["in", "at", "of"], 2)
        date = self.nearest_date(trigger.start, start, end)
        fields = {
            "status": status,
            "date": date.date if date else None,
            "agreement_type": kind,
            "subject": self.text,
            "parties": list(dict.fromkeys(parties)),
            "brokers": brokers,
            "amount": amounts[0].quantity if amounts else None,
            "place": self.place_ids(places[0])[0] if places else None,
        }
        signals = [
            f"agreement trigger '{trigger.text}'",
            *(
                s
                for s in (
                    cue,
                    kind_cue and f"type from '{kind_cue.text}'",
                    date and date.signal,
                    amounts and amounts[0].signal,
                )
                if s
            ),
        ]
        score = 0.45 + 0.1 * bool(parties) + 0.1 * bool(date) + 0.1 * bool(cue)
        return [self.candidate("agreements", fields, signals, score)]

    # -- migration figures -----------------------------------------------------------------

    def migration_figures(self) -> list[Candidate]:
        if not self.facts.cues_of("trigger:migration_figures"):
            return []
        found = []
        for quantity in self.facts.quantities:
            if quantity.quantity["unit"] not in {"person", "percent"}:
                continue
            clause = next(((s, e) for s, e in self.clauses() if s <= quantity.start < e), None)
            if clause is None:
                continue
            words = self.text.lower()
            if not any(w in words for w in lexicon.TRIGGERS["migration_figures"]):
                continue
            places = self.places(clause[0])
            origin = self.after(places, ["from"], 1)
            destination = self.after(places, ["to", "into", "in"], 1)
            date = self.nearest_date(
                quantity.start, self.facts.sentence.start, self.facts.sentence.end
            )
            status = "estimated" if quantity.quantity["qualifier"] == "approximate" else "stated"
            reporters = (
                self.after(self.actors(), ["to"], 1) if "according to" in self.text.lower() else []
            )
            fields = {
                "status": status,
                "quantity": quantity.quantity,
                "counted": quantity.counted or self.facts_text(*clause).strip(),
                "origin": self.place_ids(origin[0])[0] if origin else None,
                "destination": self.place_ids(destination[0])[0] if destination else None,
                "period": date.date if date else None,
                "reported_by": self.actor_ids(reporters[0])[0] if reporters else None,
            }
            signals = [
                "migration words in the sentence",
                quantity.signal,
                *(s for s in (date and date.signal,) if s),
            ]
            found.append(
                self.candidate(
                    "migration_figures",
                    fields,
                    signals,
                    0.6 + 0.15 * bool(date) + 0.1 * bool(origin),
                )
            )
        return found

    def all(self) -> list[Candidate]:
        """Return every candidate of the sentence, of every kind."""
        return [
            *self.visits(),
            *self.deployments(),
            *self.bases(),
            *self.agreements(),
            *self.migration_figures(),
        ]


def _outermost(cues: list[Cue]) -> list[Cue]:
    """Drop cues inside a longer cue ("base" inside "air base") and keep one per place."""
    kept: list[Cue] = []
    for cue in sorted(cues, key=lambda c: (c.start, -c.end)):
        if kept and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    return kept


def update_context(context: Context, facts: SentenceFacts, reference: Reference) -> None:
    """Remember the last person, group or state, and place named in ``facts``."""
    for mention in facts.mentions:
        kinds = reference.kinds(mention.ids)
        if "person" in kinds:
            context.person = mention
        if kinds & {"state", "armed_group", "armed_force", "organisation", "government"}:
            context.group = mention
        if any(i in reference.places for i in mention.ids):
            context.place = mention
