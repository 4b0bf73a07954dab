"""A family name standing alone, read as the full name the text gave before.

News names a person in full once ("Aguila Saleh") and by the family name after ("Saleh is to
meet…"). A role filled with a bare family name no table lists is read as the one full name
of a person the text named earlier with that last word. It is left alone when two earlier
names share it ("Khalifa Haftar", "Khaled Haftar") or when a person of the reference tables
has it: two people who share a family name are never merged. Likewise "the ministry" is the
one ministry the text named before ("the Interior Ministry in Rome"), if it named only one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .analyse import UnknownName
from .knownnames import Reference
from .reader import Candidate

#: The fields of each kind that hold actors.
ACTOR_FIELDS = (
    *("visitors", "met_with", "declined_by", "deployed_by", "unit", "in_support_of", "user"),
    *("parties", "brokers", "reported_by"),
)


def complete_names(
    candidates: Sequence[Candidate], unknown: Iterable[UnknownName], reference: Reference
) -> None:
    """Replace, in place, a bare family name in an actor field by the text's earlier full name."""
    people = [u for u in unknown if u.guess == "person" and len(u.text.split()) > 1]
    known = _known_family_names(reference)
    named: list[tuple[int, str]] = []  # the names in the text's words given so far
    for candidate in sorted(candidates, key=lambda c: c.spans[0][0]):
        at = candidate.spans[0][0]
        for name in ACTOR_FIELDS:
            value = candidate.fields.get(name)
            if isinstance(value, list):
                candidate.fields[name] = list(
                    dict.fromkeys(_full(v, people, at, known) for v in value)
                )
            elif isinstance(value, str):
                candidate.fields[name] = _taken_up(_full(value, people, at, known), named, at)
            value = candidate.fields.get(name)
            named += [(at, v) for v in _as_list(value) if not v.startswith("ACT-")]


def _taken_up(value: str, named: Sequence[tuple[int, str]], at: int) -> str:
    """Return the one body named before that "the ministry" takes up, else the value.

    "…, the Interior Ministry in Rome said. … according to the ministry": the ministry is
    the one named before, when the text named only one with that word.
    """
    words = value.split()
    if len(words) != 2 or words[0] != "the" or not words[1].isalpha() or not words[1].islower():
        return value
    pattern = re.compile(rf"\b{words[1].capitalize()}\b")
    earlier = {v for start, v in named if start < at and pattern.search(v)}
    return earlier.pop() if len(earlier) == 1 else value


def _as_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _full(value: str, people: Sequence[UnknownName], at: int, known: set[str]) -> str:
    if len(value.split()) != 1 or value in known:
        return value
    earlier = {p.text for p in people if p.start < at and p.text.split()[-1] == value}
    if len(earlier) != 1:
        return value
    return earlier.pop()


def _known_family_names(reference: Reference) -> set[str]:
    """Return the last words of the names of the persons the reference tables list."""
    found: set[str] = set()
    for actor in reference.actors.values():
        if actor.kind == "person":
            for spelling in {actor.name, *(n.name for n in actor.names)}:
                found.add(spelling.replace("-", " ").split()[-1])
    return found
