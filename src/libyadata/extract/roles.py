"""Roles from the dependency parse: who does what a trigger says, and where.

The readers ask the parse, not the nearest name: the grammatical subject of a trigger verb (its
relative pronoun resolved to the noun the clause describes, its subjects coordinated with
"and", climbing from "is expected to visit" or "flew … and met" to the verb that has one); the
agent of a passive or of "led by"; the object of "received" or "hosted"; the owner of "his
visit"; the complement of the trigger itself ("to Moscow", "in Benghazi") for the place. A
pronoun found in a role is reported as such (``Role.pronoun``), never replaced by a guess.

The functions take spaCy tokens of a parsed sentence and return tokens; the readers map them to
the names they found (``reader.SentenceReader.names_of``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Relative pronouns, which stand for the noun their clause describes.
RELATIVE = frozenset({"who", "that", "which", "whom"})
#: Determiners by which a noun takes up what the text named before ("the delegation").
DEFINITE = frozenset({"the", "this", "that"})
#: Subjects that speak of an event, not a person ("It was his first trip").
EVENT_PRONOUNS = frozenset({"it", "this", "that"})
#: Subject pronouns that, opening a sentence, continue the last sentence's subject.
CONTINUING = frozenset({"he", "she"})
#: Possessives that, inside a relative clause about a person, are that person's.
_OWNING = frozenset({"his", "her"})
#: Verbs whose subject is the host and whose object the visitor.
HOSTING = frozenset({"receive", "host", "welcome", "summon", "invite"})
#: Verbs whose object is a person met.
MEETING = frozenset({"meet", "see", "greet", "receive", "host", "welcome", "join", "brief"})
#: Verbs after which a delegation's head follows "by".
LEADING = frozenset({"lead", "head", "led", "headed", "chair"})
#: Prepositions whose object is where a trigger happens or goes.
PLACE_PREPOSITIONS = frozenset({"to", "in", "at", "into", "inside", "near", "toward", "towards"})
#: Prepositions whose object is where something comes from.
ORIGIN_PREPOSITIONS = frozenset({"from", "out"})
#: How far up a chain of clauses (xcomp, conj) a verb's subject is looked for.
_CLIMB = 4
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Nouns of travellers that, bare and definite, take up those named before ("the delegation").
_BACK_NOUNS = frozenset(
    {"delegation", "delegations", "visitors", "visitor", "guests", "guest", "envoy", "mission"}
)
#: Clause links across which a verb shares its head's subject.
_SHARED = frozenset({"xcomp", "conj", "advcl", "pcomp"})


@dataclass
class Role:
    """The tokens that fill a role, how they were found, and the pronouns left unresolved."""

    tokens: list[Token] = field(default_factory=list)
    how: str = ""
    pronoun: str | None = None


def is_pronoun(token: Token) -> bool:
    """Whether a token is a personal or possessive pronoun ("he", "his", "they")."""
    return bool(token.pos_ == "PRON" and token.lower_ not in RELATIVE)


def refers_back(token: Token) -> bool:
    """Whether a noun names, like a pronoun, those an earlier sentence named ("the delegation").

    A bare definite noun of travellers ("the delegation", "the visitors") takes up whoever
    the text spoke of before; it names no one itself.
    """
    dependents = list(token.children)
    return (
        token.lower_ in _BACK_NOUNS
        and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in dependents)
        and all(c.dep_ in ("det", "punct") for c in dependents)
    )


def conjoined(token: Token) -> list[Token]:
    """Return a token and those coordinated with it ("Russia and Egypt").

    The parser may hang the second of two on the first's apposition ("the Russian company X
    and the Y Fund": the Fund coordinated with X): it is coordinated with the phrase all
    the same.
    """
    found = [token, *token.conjuncts]
    for appos in children(token, "appos"):
        found += [c for c in appos.conjuncts if c not in found]
    return found


def children(token: Token, *deps: str) -> list[Token]:
    """Return the children of ``token`` with one of the dependency labels ``deps``."""
    return [c for c in token.children if c.dep_ in deps]


def by_agent(token: Token) -> list[Token]:
    """Return the objects of "by" under ``token`` (a passive's agent, "a visit by X")."""
    found = []
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for obj in children(child, "pobj"):
                found += conjoined(obj)
    return found


def led_by(noun: Token) -> list[Token]:
    """Return who leads a delegation: "a delegation led by X", "headed by X"."""
    found = []
    for child in children(noun, "acl", "relcl"):
        if child.lemma_ in LEADING or child.lower_ in LEADING:
            found += by_agent(child)
    return found


def subject(verb: Token) -> Role:
    """Return the subject of ``verb``, climbing to the clause that has one."""
    current = verb
    for _ in range(_CLIMB):
        found = children(current, *_SUBJECTS)
        if found:
            head = found[0]
            if head.lower_ in RELATIVE and current.dep_ == "relcl":
                return Role(conjoined(current.head), f"subject of '{verb.text}' (relative)")
            if is_pronoun(head) or refers_back(head):
                # "he and X signed": the pronoun is left open, the names beside it are not
                others = [t for t in conjoined(head)[1:] if not is_pronoun(t)]
                return Role(others, f"subject of '{current.text}'" if others else "", head.text)
            if head.dep_ == "nsubjpass" and by_agent(current):
                return Role(by_agent(current), f"agent of '{current.text}'")
            return Role(conjoined(head), f"subject of '{current.text}'")
        if current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN"):
            return Role(conjoined(current.head), f"'{current.text}' describes it")
        if current.dep_ not in _SHARED or current.head is current:
            break
        current = current.head
    return Role()


def owner(noun: Token) -> Role:
    """Return who a trigger noun belongs to: "Haftar's visit", "a visit by X", "led by X"."""
    for child in children(noun, "poss"):
        if is_pronoun(child):
            return Role([], "", child.text)
        return Role(conjoined(child), f"'{child.text}' owns '{noun.text}'")
    agents = by_agent(noun) or led_by(noun)
    if agents:
        return Role(agents, f"after 'by' of '{noun.text}'")
    return Role()


def companions(token: Token) -> list[Token]:
    """Return who goes along on a trip "accompanied": its agent or object ("by Y", "Y")."""
    return [*by_agent(token), *objects(token)] if token.lemma_ == "accompany" else []


def clause_antecedent(pronoun: Token) -> list[Token]:
    """Return whom "his" or "her" stands for inside a relative clause whose subject is "who".

    "Yevkurov, who invited him … during his recent visit": a possessive in the clause is the
    clause's subject's, the person the clause describes (an object pronoun such as "him" is
    never that person). Anything else, or a possessive outside such a clause, gives nothing.
    """
    if pronoun.lower_ not in _OWNING:
        return []
    current = pronoun
    for _ in range(2 * _CLIMB):  # up from a noun in a phrase in the clause: a few links more
        if current.dep_ == "relcl":
            subjects = children(current, "nsubj")
            if subjects and subjects[0].lower_ == "who" and current.head.pos_ == "PROPN":
                return [current.head]
            return []
        if current.head is current:
            return []
        current = current.head
    return []


def governing_verb(noun: Token) -> Token | None:
    """Return the verb a noun hangs from, through a preposition ("expected on a visit")."""
    current = noun
    for _ in range(_CLIMB):
        head = current.head
        if head is current:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.dep_ != "prep" and current.dep_ not in ("pobj", "dobj", "attr"):
            return None
        current = head
    return None


def complements(token: Token, prepositions: frozenset[str]) -> Iterator[Token]:
    """Yield the objects of the trigger's own prepositions ("flew to Moscow": Moscow)."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            for obj in children(child, "pobj"):
                yield from conjoined(obj)


def objects(verb: Token) -> list[Token]:
    """Return the direct objects of a verb, with those coordinated with them."""
    found: list[Token] = []
    for obj in children(verb, "dobj", "obj"):
        found += conjoined(obj)
    return found


def subtree_names(token: Token, *, of_nouns: bool = False) -> Iterator[Token]:
    """Yield the token and the words that make up its name: compounds, modifiers, appositions.

    Relative clauses and other clauses under it are not its name ("Haftar, who leads the LNA").
    With ``of_nouns``, a common noun's "of" names it too ("the port of Tobruk": a place).
    """
    yield token
    for child in token.children:
        if child.dep_ in ("compound", "amod", "appos", "nmod", "flat", "poss"):
            yield from subtree_names(child, of_nouns=of_nouns)
        elif child.dep_ == "prep" and child.lower_ == "of" and (token.pos_ == "PROPN" or of_nouns):
            for obj in children(child, "pobj"):
                yield from subtree_names(obj, of_nouns=of_nouns)  # "Government of National Accord"


def met(token: Token) -> list[Token]:
    """Return whom a meeting trigger names as met: its object, or the object of its "with"."""
    # "met X", "received X"; but "visited Tripoli" names a place, not whom they met
    found = objects(token) if token.lemma_ in MEETING else []
    if not found and token.dep_ in _SUBJECTS and token.head.lemma_ in MEETING:
        found = objects(token.head)  # "the delegation met X": the trigger is the subject
    holders = [token]
    if token.pos_ not in ("VERB", "AUX") and token.head is not token:
        holders.append(token.head)  # "held talks with X": the "with" may hang from "held"
    for holder in holders:
        for child in children(holder, "prep"):
            if child.lower_ == "with":
                for obj in children(child, "pobj"):
                    found += conjoined(obj)
    return found
