"""Agreements from a sentence: the deal a noun names, its parties, type, status and amount.

An agreement noun ("agreement", "deal", "accord", "ceasefire") proposes an agreement; the
verbs "signed" or "struck" alone do not, as they sign letters and strike targets too. The
parties are the actors after "between", "and" or "with" (else those the sentence names, less
the brokers), the type comes from the words around it, the status from its cues ("no
agreement has been signed" is proposed, "hammered out" negotiating, "refused" refused).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import roles
from .analyse import Mention
from .cues import Cue
from .negation import negated, withheld
from .reader import Candidate, SentenceReader

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Trigger verbs that do not propose an agreement on their own.
_VERBS = frozenset({"signed", "signing", "struck"})
#: Units of a quantity that give an agreement's amount.
_MONEY = frozenset({"GBP", "USD", "EUR", "unstated_currency"})
#: Entity labels of parties no table lists: people, organisations, states.
_PARTIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: Bodies named by their seat ("the government in Tripoli", "the parliament in Tobruk").
_SEATED = frozenset({"government", "parliament", "authorities", "administration", "embassy"})
#: At most this many parties are proposed: more is a list of bystanders.
_MAX_PARTIES = 4


class AgreementReader(SentenceReader):
    """Proposes agreements from one sentence."""

    def agreements(self) -> list[Candidate]:
        """Return the agreement the sentence's first agreement noun names, if any."""
        nouns = [
            c for c in self.facts.cues_of("trigger:agreements") if c.text.lower() not in _VERBS
        ]
        amends = None
        heads = {id(c): self.token_of(c.start, c.end) for c in nouns}
        withheld_nouns = [c for c in nouns if (t := heads[id(c)]) is not None and withheld(t)]
        if withheld_nouns:
            nouns, amends = withheld_nouns, "undisclosed"
        else:
            # "No agreement has been signed": a negated deal is no record of its own
            nouns = [c for c in nouns if (t := heads[id(c)]) is None or not negated(t)]
        if not nouns:
            return []
        trigger = nouns[0]
        # The deal's own clause first: "…being hammered out…, said people who asked not to be
        # named" is negotiating, whatever the other clauses say.
        clause = self.clause_at(trigger.start) or (self.start, self.end)
        status, cue = self.status("agreements", *clause)
        if cue is None:
            status, cue = self.status("agreements", self.start, self.end)
        if status == "proposed":
            # "Russia offered …, a proposal the government rejected": the answer is told too
            answer, answer_cue = self.status("agreements", clause[1], self.end)
            if answer == "refused":
                status, cue = answer, answer_cue
        kind, kind_cue = self.first_value("agreement_type:", self.start, self.end, "other")
        brokers = (
            [i for m in self.after(self.actors(), ["by", "broker"], 2) for i in self.actor_ids(m)]
            if self.facts.cues_of("broker")
            else []
        )
        parsed = self.parsed_parties(trigger)
        parties = [
            i
            for i in (
                parsed if parsed else [i for m in self.parties(trigger) for i in self.actor_ids(m)]
            )
            if i not in brokers
        ]
        amounts = [q for q in self.facts.quantities if q.quantity["unit"] in _MONEY]
        places = self.verb_places(trigger) or [
            m
            for m in self.after(self.places(trigger.end), ["in", "at", "of"], 2)
            # "the government in Tripoli" says who, not where the deal was made
            if not set(self.words_before(m.start, 2).lower().split()) & _SEATED
        ]
        date = self.nearest_date(trigger.start, self.start, self.end)
        fields = {
            "status": status,
            "date": date.date if date else None,
            "agreement_type": kind,
            "subject": self.text,
            "parties": list(dict.fromkeys(parties))[:_MAX_PARTIES],
            "brokers": brokers,
            "amount": amounts[0].quantity if amounts else None,
            "place": self.first_place(places[0]) if places else None,
        }
        signals = [
            f"agreement trigger '{trigger.text}'",
            cue,
            kind_cue and f"type from '{kind_cue.text}'",
            date and date.signal,
            amounts and amounts[0].signal,
        ]
        score = 0.45 + 0.1 * (bool(parties) + bool(date) + bool(cue))
        made = self.candidate("agreements", fields, signals, score)
        made.amends = amends
        return [made]

    def verb_places(self, trigger: Cue) -> list[Mention]:
        """Return the places "in" or "at" that the deal's verb itself takes (from the parse).

        "In Moscow on Wednesday, he and X signed a memorandum on power stations in Benghazi":
        the deal was made in Moscow; Benghazi is what it is about.
        """
        token = self.token_of(trigger.start, trigger.end)
        verb = None
        if token is not None:
            verb = token if token.pos_ in ("VERB", "AUX") else roles.governing_verb(token)
        if verb is None:
            return []
        found = []
        for preposition in roles.children(verb, "prep"):
            if preposition.lower_ not in ("in", "at"):
                continue
            for place in roles.children(preposition, "pobj"):
                mention = self.mention_at(place)
                if mention is not None and self.place_ids(mention):
                    found.append(mention)
        return found

    def parsed_parties(self, trigger: Cue) -> list[str]:
        """Return the parties the parse gives, ids or the text's words.

        "Between X and Y"; else the subject of the verb the deal hangs from ("Russia and the LNA
        are negotiating an agreement") and those "with" it. A name no table lists (a state, a
        company) is given in the text's words.
        """
        token = self.token_of(trigger.start, trigger.end)
        if token is None:
            return []
        tokens: list[Token] = []
        for child in roles.children(token, "prep"):
            if child.lower_ == "between":
                tokens += [t for o in roles.children(child, "pobj") for t in roles.conjoined(o)]
        resolved: list[str] = []
        if not tokens:
            verb = token if token.pos_ in ("VERB", "AUX") else roles.governing_verb(token)
            if verb is not None:
                role = roles.subject(verb)
                tokens += role.tokens + roles.by_agent(verb)
                tokens += [t for t in roles.met(verb) if t not in tokens]
                # "Greece had sent the LNA a draft memorandum": whom it was sent to is a party
                tokens += [t for t in roles.children(verb, "dative") if t not in tokens]
                if role.pronoun is not None:
                    pronoun = next(t for t in token.doc if t.text == role.pronoun)
                    found = self.person_of(pronoun)
                    resolved = found[0] if found is not None else []
            tokens += [t for t in roles.met(token) if t not in tokens]
            # "a memorandum on military education with the LNA": a "with" under the deal
            for word in token.subtree:
                if word.dep_ == "prep" and word.lower_ == "with" and word.head.dep_ != "relcl":
                    objects = [t for o in roles.children(word, "pobj") for t in roles.conjoined(o)]
                    tokens += [t for t in objects if t not in tokens]
        people = self.people(tokens, _PARTIES)
        return [*resolved, *(p for p in people if p not in resolved)]

    def parties(self, trigger: Cue) -> list[Mention]:
        """Return the names of the parties to the agreement ``trigger`` names.

        Those after "between"; or the subject and those after "with" ("Italy … an agreement
        with the LNA"); else every actor the sentence names.
        """
        between = self.after(self.actors(trigger.end), ["between", "and"], 3)
        if between:
            return between
        partners = self.after(self.actors(trigger.end), ["with"], 3)
        if partners:
            clause = self.clause_at(trigger.start) or (self.start, self.end)
            subject = self.actors(clause[0], trigger.start)[:1]
            return [*subject, *partners]
        # A name after "in" or "at" is where it was signed, even if a government shares it.
        return [m for m in self.actors() if not self.after([m], ["in", "at", "to", "from"], 1)]
