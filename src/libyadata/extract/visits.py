"""Visits from a sentence: who travelled, whom they met, where and when.

A visit trigger ("visited", "met", "received", "a trip to") proposes a visit when a visitor can
be told, from the dependency parse (``roles``): the subject of the trigger verb (through a
relative clause, "is expected to visit", coordination), the agent after "by" ("a visit to
Moscow by Haftar", "a delegation led by Yevkurov"), the guest of a host ("Putin received
Haftar"), the owner of "Haftar's visit", and those who travel "with" the visitor. A visitor no
table lists is proposed in the text's own words (and as a reference candidate). A pronoun
("his recent visit") is not resolved: the visit is proposed with no visitor and the pronoun in
``unresolved``. The destination is the trigger's own complement ("flew to Moscow"). Without a
parse the older reading is used: the actor before the trigger, the place after "to". A
sentence reporting two visits with different visitors in different clauses ("X went back…,
followed by a visit by Y") proposes two; a plural visit with several dates ("two visits, one
in June and one in November") one per date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import lexicon, roles
from .cues import Cue
from .datephrases import DateMention
from .reader import TAKEN, Candidate, SentenceReader

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Triggers whose subject is the host and whose object the visitor.
HOSTING = frozenset(
    {"received", "receiving", "receives", "hosted", "hosting", "welcomed", "summoned"}
)
#: Hosting triggers whose every actor after them is met.
_HOSTS = frozenset({"received", "hosted"})
#: Words before a name that make it the host or the person met.
_MET_CUES = ("with", "visit", "met", "meet", "received")
_PLURAL = re.compile(r"\b(?:visits|trips|twice|two|three)\b")
#: Nouns of ships and naval groups, which call at ports rather than visit.
_SHIPS = frozenset(
    {
        *("ship", "ships", "warship", "warships", "vessel", "vessels", "frigate", "frigates"),
        *("cruiser", "destroyer", "fleet", "squadron", "flotilla", "group", "navy", "carrier"),
    }
)
#: What the signal of a visitor read from the parse says (not by position).
_PARSED = "visitor, "
#: Adverbs by which a visit is an earlier one than the text reports ("last visited").
_EARLIER = frozenset({"last", "previously", "earlier", "once"})
#: Words that set one member of a family apart from another by age.
_KIN_AGES = frozenset({"younger", "youngest", "elder", "eldest", "older", "junior", "senior"})
#: Entity labels a proper name after "to" may carry and still be a place.
_NAME_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON"})
#: Verbs of sending someone on a visit (lemmas): "send a trade mission to X".
_SENDING = frozenset({"send", "dispatch"})
#: Verbs of travel, whose "with" names who travelled along ("flew to Moscow with his son").
_TRAVEL = frozenset({"travel", "fly", "go", "come", "return", "arrive", "visit", "tour", "head"})


@dataclass
class _Event:
    """One visit reported in a sentence: the clauses it spans, its trigger and visitors."""

    start: int
    end: int
    trigger: Cue
    visitors: list[str]
    how: str
    unresolved: list[dict[str, Any]]


class VisitReader(SentenceReader):
    """Proposes visits from one sentence."""

    def visits(self) -> list[Candidate]:
        """Return one candidate per visit (and per date of a plural visit) the sentence reports."""
        triggers = self.facts.cues_of("trigger:visits")
        if not triggers:
            return []
        events: list[_Event] = []
        lead: int | None = None  # "On Monday, X held talks …": the opening phrase is the event's
        for start, end in self.clauses():
            inside = [t for t in triggers if start <= t.start < end]
            if not inside:
                if events:
                    events[-1].end = end
                elif lead is None:
                    lead = start
                continue
            visitor, how, trigger = None, "", inside[0]
            unresolved: list[dict[str, Any]] = []
            readings = [(cue, *self.visitor(cue, start, end)) for cue in inside]
            # a trigger whose visitor is named wins over one whose visitor is a pronoun, and
            # one whose visitor the parse gives over one read by position ("X and a
            # delegation of Y visited": the subject of "visited", not the word before
            # "delegation")
            chosen = (
                next((r for r in readings if r[1] and not r[3] and r[2].startswith(_PARSED)), None)
                or next((r for r in readings if r[1] and not r[3]), None)
                or next((r for r in readings if r[1] or r[3]), None)
            )
            if chosen is not None:
                trigger, visitor, how, unresolved = chosen
            if events and (
                (visitor is None and not unresolved)
                or (visitor and set(visitor) == set(events[-1].visitors))
            ):
                events[-1].end = end
                continue
            opening = lead if lead is not None and not events else start
            events.append(_Event(opening, end, trigger, visitor or [], how, unresolved))
        return [
            c for event in events if event.visitors or event.unresolved for c in self.visit(event)
        ]

    def visitor(
        self, trigger: Cue, start: int, end: int
    ) -> tuple[list[str] | None, str, list[dict[str, Any]]]:
        """Return who visits, how it was told, and the pronouns left unresolved.

        From the parse when the sentence has one and it gives a role; else the older reading.
        """
        token = self.token_of(trigger.start, trigger.end)
        if token is not None:
            role = self.visitor_role(token)
            if role.tokens or role.pronoun:
                return self.role_visitors(role, token)
        ids, how = self.nearest_visitor(trigger, start, end)
        return ids, how, []

    def visitor_role(self, token: Token) -> roles.Role:
        """Return the role that holds the visitor of a trigger token."""
        hosting = token.lemma_ in roles.HOSTING or token.lower_ in HOSTING
        if token.pos_ in ("VERB", "AUX"):
            if hosting:
                passive = roles.children(token, "nsubjpass")
                if passive:
                    return roles.Role(roles.conjoined(passive[0]), f"received: {passive[0].text}")
                return roles.Role(roles.objects(token), f"object of '{token.text}'")
            return roles.subject(token)
        role = roles.owner(token)
        if role.tokens or role.pronoun:
            return role
        if self.names_of([token]):  # "a Russian delegation", "an Egyptian envoy"
            return roles.Role([token], f"'{token.text}' names who")
        verb = roles.governing_verb(token)
        return roles.subject(verb) if verb is not None else roles.Role()

    def role_visitors(
        self, role: roles.Role, token: Token
    ) -> tuple[list[str] | None, str, list[dict[str, Any]]]:
        """Return the visitors a role names: known ids, or the text's words for the others."""
        unresolved = []
        kin = next((t for t in role.tokens if self.younger_of_family(t)), None)
        if kin is not None:
            # "the younger Haftar": a son, not the Haftar the tables list; left to the reviewer
            role = roles.Role([], "", kin.text)
        if role.pronoun is not None:
            pronoun = next(t for t in token.doc if t.text == role.pronoun)
            resolved = self.resolved(pronoun)
            if resolved is not None:
                # "He was accompanied by Colonel X": he, and X with him
                people, how, _ = resolved
                along = self.people(roles.companions(token))
                return [*people, *(c for c in along if c not in people)], how, []
            at = pronoun.idx + self.offset
            why = (
                "a pronoun or a noun taking up an earlier name ('the delegation'): whom it "
                "refers to is left to the reviewer"
            )
            unresolved = [
                {
                    "field": "visitors",
                    "words": pronoun.text,
                    "start": at,
                    "end": at + len(pronoun.text),
                    "why": why,
                }
            ]
        if role.tokens and all(t.lower_ in _SHIPS for t in role.tokens):
            return None, "", []  # warships calling at a port: a deployment, not a visit
        tokens = [t for word in role.tokens for t in [word, *roles.children(word, "appos")]]
        # "X was accompanied by Y", "Y accompanied X": both travel
        tokens += [t for t in roles.companions(token) if t not in tokens]
        travel = token if token.lemma_ in _TRAVEL else None
        if travel is not None:
            for child in roles.children(travel, "prep"):
                if child.lower_ == "with":
                    tokens += [t for o in roles.children(child, "pobj") for t in roles.conjoined(o)]
        visitors = self.people(tokens)
        names = visitors
        if unresolved:
            return visitors or None, f"visitor '{unresolved[0]['words']}' not resolved", unresolved
        if not visitors:
            return None, "", []
        return visitors, f"{_PARSED}{role.how}: {', '.join(names)}", []

    def restates(self, token: Token) -> bool:
        """Whether a visit noun speaks of a visit told before rather than of a new one.

        "It was his first official trip to Russia since …" (the noun after "it was"), and
        "did not comment on the visit" (a bare definite noun: no one's, by no one, to nowhere)
        add to the visit before; they never make one of their own.
        """
        if token.pos_ != "NOUN":
            return False
        if token.dep_ == "attr" and token.head.lemma_ == "be":
            subjects = roles.children(token.head, "nsubj")
            return bool(subjects) and subjects[0].lower_ in roles.EVENT_PRONOUNS
        dependents = {c.dep_: c for c in token.children}
        definite = "det" in dependents and dependents["det"].lower_ in roles.DEFINITE
        return (
            definite
            and "poss" not in dependents
            and not roles.by_agent(token)
            and not any(c.dep_ == "prep" and c.lower_ in ("to", "in") for c in token.children)
            and token.dep_ in ("pobj", "dobj")
        )

    def younger_of_family(self, token: Token) -> bool:
        """Whether a bare family name is set apart by age ("the younger Haftar").

        Such a name speaks of another member of the family than the one a one-word name
        would otherwise be taken for; which one is not said.
        """
        mention = self.mention_at(token)
        return (
            mention is not None
            and len(mention.text.split()) == 1
            and any(c.dep_ == "amod" and c.lower_ in _KIN_AGES for c in token.children)
        )

    def resolved(self, pronoun: Token) -> tuple[list[str], str, list[dict[str, Any]]] | None:
        """Return the visitors a pronoun stands for by a tested rule (``person_of``), or None."""
        found = self.person_of(pronoun)
        if found is None:
            return None
        people, how = found
        return people, f"{_PARSED}{how}", []

    def nearest_visitor(self, trigger: Cue, start: int, end: int) -> tuple[list[str] | None, str]:
        """Return who visits by position (no parse): after "by", received, or before it."""
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

    def own_destination(self, trigger: Cue) -> Any:
        """Return the place of the trigger's own complement, or of the verb it hangs from.

        A place no table lists is given in the text's words ("to Minsk").
        """
        token = self.token_of(trigger.start, trigger.end)
        if token is None:
            return None
        place = self.place_or_words(token)
        if place is None and token.pos_ not in ("VERB", "AUX"):
            verb = roles.governing_verb(token)
            place = self.place_or_words(verb) if verb is not None else None
        # "due to travel to Minsk to meet X": a meeting is where the trip it is the purpose
        # of goes
        verbs = [token]
        while verbs[-1].dep_ in ("xcomp", "advcl", "conj") and len(verbs) < 3:
            verbs.append(verbs[-1].head)
        for verb in verbs[1:] if place is None else ():
            if verb.lemma_ in _TRAVEL or verb.lemma_ in _SENDING:
                place = self.place_or_words(verb)
                if place is not None:
                    break
        for verb in verbs if place is None else ():
            if verb.lemma_ in _TRAVEL or verb.lemma_ in _SENDING:
                place = self.proper_name_to(verb)
                if place is not None:
                    break
        return place

    def proper_name_to(self, verb: Token) -> str | None:
        """Return the proper name after a travel verb's "to" that no table lists.

        People travel and are sent to places: "send a trade mission to Misrata" names a place,
        whatever label the recogniser gave the name.
        """
        for target in roles.complements(verb, frozenset({"to"})):
            entity = next((e for e in target.doc.ents if e.start <= target.i < e.end), None)
            if (
                target.pos_ != "PROPN"
                or self.names_of([target])
                or (entity is not None and entity.label_ not in _NAME_LABELS)
            ):
                continue  # "from April 2 to April 4" is no place
            first = min([target.i, *(c.i for c in target.children if c.dep_ == "compound")])
            return target.doc[first : target.i + 1].text
        return None

    def pronoun_at(self, start: int, end: int) -> str | None:
        """Return the first pronoun for a person between the offsets, if any."""
        for word in self.between(start, end).split():
            if lexicon.PRONOUNS.get(word.lower().strip("’'s,.")) == "person":
                return word
        return None

    def met_with(self, event: _Event) -> list[str]:
        """Return the actors the visitors met: hosts and those named after "with", "met"….

        From the parse when it names someone: the object of "met", the "with" of "talks
        with", the host of "received"; people no table lists in the text's words.
        """
        token = self.token_of(event.trigger.start, event.trigger.end)
        if token is not None:
            hosting = token.lemma_ in roles.HOSTING or token.lower_ in HOSTING
            if hosting:  # the host: "received by X", or the subject of "X received"
                people = roles.by_agent(token) or roles.subject(token).tokens
            else:
                people = roles.met(token)
                people += [t for t in self.met_beside(token, event) if t not in people]
            named = self.people(people)
            named = [n for n in named if n not in event.visitors]
            if named:
                return named
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

    def met_beside(self, token: Token, event: _Event) -> list[Token]:
        """Return whom the sentence's other visit words say the visitors met.

        "Haftar, who arrived in Moscow, was also received by X": the host of a passive
        "received" is met too; "due to travel to Minsk … to meet X": whom the trip is to meet.
        """
        found: list[Token] = []
        for cue in self.facts.cues_of("trigger:visits"):
            other = self.token_of(cue.start, cue.end)
            if other is None or other is token:
                continue
            if other.lemma_ in roles.HOSTING:
                found += roles.by_agent(other)
            elif other.lemma_ in roles.MEETING and event.start <= cue.start < event.end:
                found += roles.met(other)
        return found

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
        own = self.own_destination(trigger)
        destinations = (
            [own]
            if own is not None and not isinstance(own, str)
            else self.after(
                self.places(trigger.start, end), [*lexicon.TO_PLACE, "visit", "visited"], 2
            )
        )
        destination = (
            own
            if isinstance(own, str)
            else self.first_place(destinations[0])
            if destinations
            else None
        )
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
            isinstance(own, str) and f"destination '{own}' (no table lists it)",
        ]
        score = 0.45 + 0.15 * bool(destination) + 0.1 * bool(met) - 0.1 * (TAKEN in event.how)
        options: list[DateMention | None] = [*self.visit_dates(event)] or [None]
        made = [
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
        word = self.token_of(trigger.start, trigger.end)
        restated = word is not None and self.restates(word)
        # "Yevkurov last travelled to Benghazi earlier this year": the trip before this one
        before = word is not None and any(
            c.dep_ == "advmod" and c.lower_ in _EARLIER for c in word.children
        )
        for candidate in made:
            candidate.refers_back = restated
            candidate.apart = before
            candidate.identity = ("visitors",)
            candidate.unresolved = list(event.unresolved)
            if TAKEN in event.how:
                candidate.notes.append(
                    "The visitor is named by a pronoun: "
                    f"{event.how.removeprefix(_PARSED)} (a rule of the extractor's; check it)."
                )
            if event.unresolved:
                candidate.notes.append(
                    "The visitor is named only by a pronoun or a noun taking up an earlier "
                    "name ('"
                    + event.unresolved[0]["words"]
                    + "'): not resolved, the reviewer says who it is."
                )
        return made
