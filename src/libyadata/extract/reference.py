"""What the extractor knows about actors and places: every spelling, countries, containment.

Built from the curated reference tables, so a spelling added there (Yevkurov and Yevkirov,
Shoigu and Shoygu) is found in every later seed; near spellings are found with ``rapidfuzz``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Actor, Place
from ..models.tables import table
from ..sources.curated import load_table
from ..sources.project import Project

#: How similar (Jaro-Winkler, 0 to 1) an unknown name must be to a known spelling to be taken
#: for it: "Shoygu" is 0.92 from "Shoigu", "Sedan" 0.88 from "Sudan".
NEAR_SPELLING = 0.9
#: Names shorter than this are never matched by similarity ("Mali" and "Bali").
NEAR_MIN_LENGTH = 5


@dataclass
class Reference:
    """The actors and places records may point to, indexed by every spelling."""

    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    spellings: dict[str, set[str]] = field(default_factory=dict)
    """Every spelling, to the ids (actors and places) it names."""

    @classmethod
    def load(cls, project: Project) -> Reference:
        """Read the curated actors and places (records that fail their model are left out)."""
        reference = cls()
        for name in ("actors", "places"):
            for row in load_table(project, table(name)).records:
                reference.add(row)  # type: ignore[arg-type]
        reference.add_surnames()
        return reference

    def add_surnames(self) -> None:
        """Index each person under the last word of their names, where no one else has it.

        Reports name a person in full once and by surname after ("Meloni", "Attaf"); a
        surname two people share, or that is already another row's spelling, is left out.
        """
        owners: dict[str, set[str]] = {}
        for actor in self.actors.values():
            if actor.kind != "person":
                continue
            for spelling in {actor.name, *(n.name for n in actor.names)}:
                words = spelling.replace("-", " ").split()
                if len(words) > 1 and len(words[-1]) >= NEAR_MIN_LENGTH - 1:
                    owners.setdefault(words[-1], set()).add(actor.id)
        for surname, ids in owners.items():
            if len(ids) == 1 and surname not in self.spellings:
                self.spellings[surname] = set(ids)

    def add(self, row: Actor | Place) -> None:
        """Index one actor or place under its name and every spelling it lists."""
        if isinstance(row, Actor):
            self.actors[row.id] = row
        else:
            self.places[row.id] = row
        for spelling in {row.name, *(n.name for n in row.names)}:
            self.spellings.setdefault(spelling, set()).add(row.id)

    def state(self, country: str | None) -> str | None:
        """Return the id of the actor that is the state ``country`` (ISO code), if known."""
        if country is None:
            return None
        found = next(
            (a.id for a in self.actors.values() if a.kind == "state" and a.country == country),
            None,
        )
        # A code that is no country's ("EU") may be an actor's spelling.
        spelt = sorted(i for i in self.spellings.get(country, ()) if i in self.actors)
        return found or (spelt[0] if spelt else None)

    def country_place(self, country: str | None) -> str | None:
        """Return the id of the place that is the country ``country`` (ISO code), if known."""
        if country is None:
            return None
        return next(
            (p.id for p in self.places.values() if p.kind == "country" and p.country == country),
            None,
        )

    def ancestors(self, place_id: str) -> list[str]:
        """Return the place and every place it lies in, innermost first."""
        chain: list[str] = []
        current: str | None = place_id
        while current is not None and current not in chain:
            chain.append(current)
            place = self.places.get(current)
            current = place.parent if place else None
        return chain

    def places_agree(self, first: str | None, second: str | None) -> bool:
        """Whether two places can be the same: equal, or one lies in the other (or one unknown)."""
        if first is None or second is None:
            return True
        return first in self.ancestors(second) or second in self.ancestors(first)

    def near(self, name: str) -> tuple[str, float] | None:
        """Return the known spelling closest to ``name`` and its similarity, if close enough."""
        if len(name) < NEAR_MIN_LENGTH:
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import JaroWinkler

        choices = [s for s in self.spellings if len(s) >= NEAR_MIN_LENGTH and s[0] == name[0]]
        found = process.extractOne(
            name, choices, scorer=JaroWinkler.normalized_similarity, score_cutoff=NEAR_SPELLING
        )
        if found is None or found[0] == name:
            return None
        return found[0], float(found[1])

    def kinds(self, ids: Iterable[str]) -> set[str]:
        """Return the kinds (actor kinds and place kinds) of the rows with ``ids``."""
        found: set[str] = set()
        for row_id in ids:
            row = self.actors.get(row_id) or self.places.get(row_id)
            if row is not None:
                found.add(str(row.kind))
        return found
