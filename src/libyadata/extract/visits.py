"""Visits from a sentence: who travelled, whom they met, where and when.

A visit trigger ("visited", "met", "received", "a trip to") proposes a visit when a visitor can
be told: the actor after "by" ("a visit to Moscow by Haftar"), the guest of a host ("Putin
received Haftar"), the actor before the trigger, or the person a pronoun refers back to. A
sentence reporting two visits with different visitors in different clauses ("X went back…,
followed by a visit by Y") proposes two; a plural visit with several dates ("two visits, one
in June and one in November") one per date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .analyse import Cue
from .dates import DateMention
from .reader import Candidate, SentenceReader

#: Triggers whose subject is the host and whose object the visitor.
HOSTING = frozenset(
    {"received", "receiving", "receives", "hosted", "hosting", "welcomed", "summoned"}
)
#: Hosting triggers whose every actor after them is met.
_HOSTS = frozenset({"received", "hosted"})
#: Words before a name that make it the host or the person met.
_MET_CUES = ("with", "visit", "met", "meet", "received")
_PLURAL = re.compile(r"\b(?:visits|trips|twice|two|three)\b")


@dataclass
class _Event:
    """One visit reported in a sentence: the clauses it spans, its trigger and visitors."""

    start: int
    end: int
    trigger: Cue
    visitors: list[str]
    how: str


class VisitReader(SentenceReader):
    """Proposes visits from one sentence."""

    def visits(self) -> list[Candidate]:
        """Return one candidate per visit (and per date of a plural visit) the sentence reports."""
        triggers = self.facts.cues_of("trigger:visits")
        if not triggers:
            return []
        events: list[_Event] = []
        for start, end in self.clauses():
            inside = [t for t in triggers if start <= t.start < end]
            if not inside:
                if events:
                    events[-1].end = end
                continue
            visitor, how, trigger = None, "", inside[0]
            for cue in inside:
                visitor, how = self.visitor(cue, start, end)
                if visitor:
                    trigger = cue
                    break
            if events and (visitor is None or set(visitor) == set(events[-1].visitors)):
                events[-1].end = end
                continue
            events.append(_Event(start, end, trigger, visitor or [], how))
        return [c for event in events if event.visitors for c in self.visit(event)]

    def visitor(self, trigger: Cue, start: int, end: int) -> tuple[list[str] | None, str]:
        """Return who visits in the clause ``start``–``end`` of ``trigger``, and how it was told."""
        following = self.actors(trigger.end, end)
        by = self.after(following, ["by"], 1)
        if by:
            return self.actor_ids(by[0]), f"visitor after 'by': {by[0].text}"
        if trigger.text.lower() in HOSTING and following:
            return self.actor_ids(following[0]), f"visitor received: {following[0].text}"
        head = self.between(start, trigger.start).lower()
        # Whoever stands after "with" before the trigger is met, not visiting.
        cut = start + head.rfind(" with ") + 1 if " with " in head else trigger.start
        before = [
            m
            for m in self.actors(self.start, trigger.start)
            if m.start < cut and not self.after([m], ["to", "in", "at"], 1)
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
        """Return the first pronoun for a person between the offsets, if any."""
        for word in self.between(start, end).split():
            if lexicon.PRONOUNS.get(word.lower().strip("’'s,.")) == "person":
                return word
        return None

    def met_with(self, event: _Event) -> list[str]:
        """Return the actors the visitors met: hosts and those named after "with", "met"…."""
        met: list[str] = []
        if event.trigger.text.lower() in HOSTING:
            # "Putin received Sarraj": the subject before the trigger is the host
            hosts = self.actors(event.start, event.trigger.start)
            met += [i for m in hosts[-1:] for i in self.actor_ids(m) if i not in event.visitors]
        for mention in self.actors(event.trigger.start, event.end):
            ids = self.actor_ids(mention)
            if set(ids) & set(event.visitors) or self.ref.kinds(ids) & {"vessel"}:
                continue
            if self.place_ids(mention) and self.after([mention], ["to", "in", "at"], 1):
                continue  # a destination, not a host
            if self.after([mention], _MET_CUES, 3) or event.trigger.text.lower() in _HOSTS:
                met += [i for i in ids if i not in met]
        return met

    def visit_dates(self, event: _Event) -> list[DateMention]:
        """Return the dates of the visit: every date of a plural visit, else the nearest."""
        dates = self.dates(event.start, event.end)
        if _PLURAL.search(self.between(event.start, event.end).lower()) and len(dates) > 1:
            return dates
        nearest = self.nearest_date(event.trigger.start, event.start, event.end)
        return [nearest] if nearest else []

    def visit(self, event: _Event) -> list[Candidate]:
        """Return the candidates of one visit event, one per date."""
        start, end, trigger = event.start, event.end, event.trigger
        met = self.met_with(event)
        destinations = self.after(
            self.places(trigger.start, end), [*lexicon.TO_PLACE, "visit", "visited"], 2
        )
        destination = self.first_place(destinations[0]) if destinations else None
        vessels = [
            i
            for m in self.actors(start, end)
            for i in self.actor_ids(m)
            if self.ref.kinds([i]) == {"vessel"}
        ]
        status, cue = self.status("visits", start, end)
        signals = [
            f"visit trigger '{trigger.text}'",
            event.how,
            cue,
            destinations and f"destination '{destinations[0].text}'",
        ]
        score = (
            0.45 + 0.15 * bool(destination) + 0.1 * bool(met) - 0.1 * ("taken to be" in event.how)
        )
        options: list[DateMention | None] = [*self.visit_dates(event)] or [None]
        return [
            self.candidate(
                "visits",
                {
                    "status": status,
                    "date": date.date if date else None,
                    "visitors": event.visitors,
                    "met_with": met,
                    "destination": destination,
                    "aboard": vessels[0] if vessels else None,
                },
                [*signals, date and date.signal],
                score + 0.15 * bool(date),
            )
            for date in options
        ]
