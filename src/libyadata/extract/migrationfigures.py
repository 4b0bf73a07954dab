"""Migration figures from a sentence: a count of people or a share, where they came from.

A sentence with migration words ("migrants", "crossings", "refugees") proposes a figure for
each quantity of people or per cent in it; so does a count of people who "reached" or "arrived"
somewhere, in a text that spoke of migration before. The origin is the place after "from", the
destination the place after "to" or "into" in the quantity's clause; the period is the nearest
date; the reporter the actor after "according to", else whom the sentence attributes it to (its
actor, or its words when no table lists it). A figure qualified "about" or "some" is
estimated, any other stated.
"""

from __future__ import annotations

from typing import Any

from . import lexicon, roles
from .analyse import Mention
from .quantities import QuantityMention
from .reader import Candidate, SentenceReader

#: Words before the place people leave, and before the place they reach ("left Libya for Italy").
_FROM = (*lexicon.FROM_PLACE, "left", "fled", "departed", "leaving", "fleeing", "departing")
_TO = ("to", "into", "in", "for", "reached", "reaching")
#: Verbs of arriving by which a count of people in a text on migration is a figure.
_ARRIVING = frozenset({"reached", "arrived", "landed", "crossed", "disembarked"})
#: Verbs (lemmas) whose complement is where the people counted arrived ("reached Crete").
_ARRIVAL_LEMMAS = frozenset({"reach", "arrive", "land", "disembark", "cross"})
_ARRIVAL_PREPOSITIONS = frozenset({"in", "at", "to", "into", "on"})
#: Units of a quantity a migration figure may count.
_UNITS = frozenset({"person", "percent"})


class MigrationReader(SentenceReader):
    """Proposes migration figures from one sentence."""

    def migration_figures(self) -> list[Candidate]:
        """Return one candidate per quantity of people or per cent in a sentence on migration."""
        spoken = bool(self.facts.cues_of("trigger:migration_figures"))
        found = []
        for quantity in self.facts.quantities:
            clause = self.clause_at(quantity.start)
            if quantity.quantity["unit"] not in _UNITS or clause is None:
                continue
            # In a text on migration, "7,300 people reached Crete" is a figure too.
            arrived = self.context.migration and any(
                word in quantity.counted.lower().split() for word in _ARRIVING
            )
            if spoken or arrived:
                found.append(self.figure(quantity, clause))
        return found

    def figure(self, quantity: QuantityMention, clause: tuple[int, int]) -> Candidate:
        """Return the candidate of one quantity in the clause ``clause``."""
        places = self.places(clause[0])
        origin = self.after(places, _FROM, 1)
        destination = self.after(places, _TO, 1)
        date = self.nearest_date(quantity.start, self.start, self.end)
        fields = {
            "status": "estimated" if quantity.quantity["qualifier"] == "approximate" else "stated",
            "quantity": quantity.quantity,
            "counted": quantity.counted or self.between(*clause).strip(),
            "origin": self.first_place(origin[0]) if origin else None,
            "destination": (
                self.first_place(destination[0]) if destination else self.arrival(quantity)
            ),
            "period": date.date if date else None,
            "reported_by": self.reporter(),
        }
        signals = ["migration words in the sentence", quantity.signal, date and date.signal]
        score = 0.6 + 0.15 * bool(date) + 0.1 * bool(origin)
        return self.candidate("migration_figures", fields, signals, score)

    def arrival(self, quantity: QuantityMention) -> Any:
        """Return where the people counted arrived, from the verb they are the subject of.

        "66,317 migrants had arrived in Italy", "7,300 people reached the island of Crete":
        the place of the arriving verb's preposition or object, in the text's words when no
        table lists it.
        """
        token = self.token_of(quantity.start, quantity.end)
        steps = 0
        while token is not None and token.pos_ not in ("VERB", "AUX") and steps < 4:
            token = None if token.head is token else token.head
            steps += 1
        if token is None or token.lemma_ not in _ARRIVAL_LEMMAS:
            return None
        place = self.place_or_words(token, _ARRIVAL_PREPOSITIONS)
        for obj in roles.objects(token) if place is None else ():
            known = self.names_of([obj], "place")
            if known:
                return self.first_place(known[0])
            # the proper name reached ("Lampedusa", "the island of Crete"), not "a record"
            for word in roles.subtree_names(obj, of_nouns=True):
                entity = next((e for e in word.doc.ents if e.start <= word.i < e.end), None)
                if entity is not None and entity.label_ in ("GPE", "LOC"):
                    return entity.text.removeprefix("the ")
                if word.pos_ == "PROPN":  # the recogniser may guess a person: people reach places
                    first = min([word.i, *(c.i for c in word.children if c.dep_ == "compound")])
                    return word.doc[first : word.i + 1].text
        if isinstance(place, Mention):
            return self.first_place(place)
        return place

    def reporter(self) -> str | None:
        """Return the actor after "according to", if the sentence says whose figure it is."""
        named = [m for m in self.facts.mentions if self.actor_ids(m)]
        reporters: list[Mention] = (
            self.after(named, ["to"], 2) if "according to" in self.text.lower() else []
        )
        if reporters:
            return self.first_actor(reporters[0])
        # whom the sentence attributes the figure to ("…, the agency said"), in its words
        claimant = self.attribution()
        if claimant is None:
            return None
        return str(claimant.get("actor") or claimant["name"])
