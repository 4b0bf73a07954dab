"""Reading one sentence's facts: the helpers every kind's builder shares.

A ``SentenceReader`` knows the reference tables, the facts found in one sentence and what the
sentences before it named (``Context``). It answers the questions every builder asks: which
names are actors or places, what stands right after a word, which clause an offset is in, the
status the cues give, the nearest date. The builders of each kind (``visits``, ``presence``,
``agreements``, ``migration``) extend it; ``candidates.Builder`` puts them together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import lexicon, roles
from .analyse import Mention, SentenceFacts
from .cues import Cue
from .datephrases import DateMention
from .knownnames import Reference

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Words that make a part of a country ("western Libya").
_DIRECTIONS = frozenset(
    {"western", "eastern", "northern", "southern", "central", "northwestern", "southwestern"}
    | {"northeastern", "southeastern"}
)
#: Entity labels of names that may be actors no table lists.
_PEOPLE = frozenset({"PERSON", "ORG", "NORP"})
#: How a pronoun resolved by a rule is told, in signals and notes.
TAKEN = "taken to be"
#: The entity label of a person no table lists.
_PERSON = frozenset({"PERSON"})
_CLAUSE = re.compile(r"[,;:()—–]|\s-\s")
_LIST_GAP = re.compile(r"\s*(?:,|and|, and|&)\s*")


#: Nouns of an office before a person's name; not "Foreign" or "Deputy", which stand inside
#: the names of ministries and offices too.
_OFFICES = frozenset(
    {*lexicon.PERSON_TITLES, "chair", "chairman", "chairwoman", "speaker", "head"}
    - {"foreign", "defence", "defense", "interior", "vice", "prime", "deputy", "field", "chief"}
)
#: Nouns of a group sent by someone: "a delegation of the Foreign Ministry" is the ministry's.
_GROUPS = frozenset({"delegation", "delegations", "mission", "missions", "team", "teams"})


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
    unresolved: list[dict[str, Any]] = field(default_factory=list)
    """Fields left empty on purpose, each with the seed's words, offsets and why (a pronoun)."""
    attributions: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    """The ``attributed_to`` of each evidence span (start, end) whose sentence attributes it."""
    amends: str | None = None
    """Set when the sentence only changes the status of an earlier record (``negation``)."""
    refers_back: bool = False
    """Set when the sentence only adds to an earlier record ("the fighters", nothing new)."""
    apart: bool = False
    """Set for a report of another occasion ("last travelled to"): never merged with others."""
    adds: bool = False
    """With ``refers_back``: whether its fields fill what the earlier record lacks."""
    identity: tuple[str, ...] = ()
    """The fields without which the candidate is no record of its own (``complete``)."""

    @property
    def complete(self) -> bool:
        """Whether every field of ``identity`` has a value."""
        return all(self.fields.get(name) not in (None, [], ()) for name in self.identity)


@dataclass
class Context:
    """What the sentences before this one named: for pronouns and places left unsaid."""

    person: Mention | None = None
    group: Mention | None = None
    place: Mention | None = None
    facility: tuple[Mention, str, str] | None = None
    """The last facility proposed as a base: its place, facility type and name."""
    country: Mention | None = None
    """The last country named."""
    migration: bool = False
    """Whether a sentence before spoke of migration."""
    subject: str | None = None
    """The one person the last sentence's main clause has as its subject (an id or a name)."""

    def update(self, facts: SentenceFacts, reference: Reference) -> None:
        """Remember the last person, group or state, and place named in ``facts``."""
        self.migration = self.migration or bool(facts.cues_of("trigger:migration_figures"))
        self.subject = self.sentence_subject(facts, reference)
        for mention in facts.mentions:
            kinds = reference.kinds(mention.ids)
            if "person" in kinds:
                self.person = mention
            if kinds & {"state", "armed_group", "armed_force", "organisation", "government"}:
                self.group = mention
            if any(i in reference.places for i in mention.ids):
                self.place = mention
                if "country" in reference.kinds(i for i in mention.ids if i in reference.places):
                    self.country = mention

    def sentence_subject(self, facts: SentenceFacts, reference: Reference) -> str | None:
        """Return the one person who is the subject of the sentence's main clause, if any.

        A sentence whose subject is "he" or "she" continues its predecessor's subject, and one
        whose subject is "it", "this" or "that" speaks of an event: in both the subject carries
        over (``SentenceReader.person_of`` resolves such a pronoun to it, saying so). Two
        coordinated subjects, a subject that is no person, or a sentence without a parse leave
        no subject: a pronoun after it stays unresolved.
        """
        from .attribution import reported_verb

        # "Saleh is to meet …, the agency said": the subject is the reported clause's
        root = reported_verb(facts.doc) if facts.doc is not None else None
        found = roles.children(root, "nsubj", "nsubjpass") if root is not None else []
        if not found:
            return None
        head = found[0]
        if head.lower_ in roles.CONTINUING or head.lower_ in roles.EVENT_PRONOUNS:
            # "He …" goes on about the same person; "It was his first trip" about an event
            return self.subject
        tokens = roles.conjoined(head)
        if len(tokens) != 1 or roles.is_pronoun(head):
            return None
        named = SentenceReader(reference, facts, self).people(tokens, _PERSON)
        people = [n for n in named if n not in reference.actors or "person" in reference.kinds([n])]
        return people[0] if len(named) == 1 and people else None


class SentenceReader:
    """One sentence's facts, read with the reference tables and the context before it."""

    def __init__(self, reference: Reference, facts: SentenceFacts, context: Context) -> None:
        """Read one sentence's facts."""
        self.ref = reference
        self.facts = facts
        self.context = context
        self.text = facts.sentence.text
        self.offset = facts.sentence.start

    @property
    def start(self) -> int:
        """The sentence's first offset in the seed."""
        return self.facts.sentence.start

    @property
    def end(self) -> int:
        """The offset just after the sentence in the seed."""
        return self.facts.sentence.end

    def actor_ids(self, mention: Mention) -> list[str]:
        """Return the actor ids a name may stand for."""
        return sorted(i for i in mention.ids if i in self.ref.actors)

    def place_ids(self, mention: Mention) -> list[str]:
        """Return the place ids a name may stand for."""
        return sorted(i for i in mention.ids if i in self.ref.places)

    def first_actor(self, mention: Mention) -> str:
        """Return the first actor id of a name known to name an actor."""
        return self.actor_ids(mention)[0]

    def first_place(self, mention: Mention) -> str:
        """Return the first place id of a name known to name a place."""
        return self.place_ids(mention)[0]

    def actors(self, start: int = 0, end: int | None = None) -> list[Mention]:
        """Return the names of actors starting between ``start`` and ``end`` (the sentence's).

        The source a claim is attributed to ("…, US Africa Command said") is no actor of it.
        """
        stop = self.end if end is None else end
        source = self.source_span()
        return [
            m
            for m in self.facts.mentions
            if start <= m.start < stop
            and self.actor_ids(m)
            and not (source[0] <= m.start < source[1])
        ]

    def source_span(self) -> tuple[int, int]:
        """Return the seed offsets of the words the sentence attributes its claim to, if any."""
        if not hasattr(self, "_source"):
            self._source = (0, 0)
            doc = self.facts.doc
            if doc is not None:
                from .attribution import RELAYING, source_phrase

                phrase = source_phrase(doc, RELAYING)
                if phrase is not None:
                    self._source = (
                        phrase.start_char + self.offset,
                        phrase.end_char + self.offset,
                    )
        return self._source

    def places(self, start: int = 0, end: int | None = None) -> list[Mention]:
        """Return the names of places starting between ``start`` and ``end`` (the sentence's)."""
        stop = self.end if end is None else end
        return [m for m in self.facts.mentions if start <= m.start < stop and self.place_ids(m)]

    def actors_of_kind(self, kinds: set[str], start: int = 0) -> list[Mention]:
        """Return the names of actors of one of ``kinds`` (``state``, ``armed_group``…)."""
        return [m for m in self.actors(start) if self.ref.kinds(self.actor_ids(m)) & kinds]

    def token_of(self, start: int, end: int) -> Token | None:
        """Return the head token of the words at seed offsets ``start``–``end``, if parsed."""
        doc = self.facts.doc
        if doc is None:
            return None
        span = doc.char_span(start - self.offset, end - self.offset, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def person_of(self, pronoun: Token) -> tuple[list[str], str] | None:
        """Return whom a pronoun stands for by one of two tested rules, and how; else ``None``.

        "his" or "her" in a relative clause about a person is that person's
        (``roles.clause_antecedent``); "he" or "she" as the subject of what the sentence
        reports, with no one named before it, continues the last sentence's subject when that
        was one person (``Context.subject``). The candidate says so in a note; any other
        pronoun is left to the reviewer.
        """
        antecedent = roles.clause_antecedent(pronoun)
        if antecedent:
            people = self.people(antecedent)
            if people:
                return people, f"'{pronoun.text}' {TAKEN} {people[0]}, whom its clause is about"
        if pronoun.lower_ not in roles.CONTINUING or not self.context.subject:
            return None
        from .attribution import reported_verb

        verb = reported_verb(pronoun.doc)
        subjects = roles.children(verb, "nsubj", "nsubjpass") if verb is not None else []
        opening = pronoun.i == 0 or (
            bool(subjects) and pronoun in (subjects[0], *subjects[0].conjuncts)
        )
        doc = pronoun.doc
        named_before = any(e.label_ == "PERSON" and e.start < pronoun.i for e in doc.ents) or any(
            "person" in self.ref.kinds(self.actor_ids(m))
            for m in self.facts.mentions
            if m.start < pronoun.idx + self.offset
        )
        if not opening or named_before:
            return None
        subject = self.context.subject
        return [subject], f"'{pronoun.text}' {TAKEN} {subject}, the subject of the sentence before"

    def army_as_adjective(self, mention: Mention) -> str | None:
        """Return the state whose army a name names only as a modifier, else ``None``.

        "Russian military engineers", "Russian military transport aircraft": the army's name
        describes the people or machines as the state's; it names no unit of its own, unlike
        "Russian armed forces sent …" or a private group's name ("Wagner fighters").
        """
        ids = self.actor_ids(mention)
        if not ids or self.ref.kinds(ids) != {"armed_force"}:
            return None
        token = self.token_of(mention.start, mention.end)
        if token is None or token.dep_ not in ("amod", "compound", "nmod"):
            return None
        if mention.start <= token.head.idx + self.offset < mention.end:
            return None
        return self.ref.state(self.ref.actors[ids[0]].country)

    def offsets_of(self, words: Sequence[Token]) -> tuple[int, int]:
        """Return the seed offsets from the first of a run of words to the end of the last."""
        return words[0].idx + self.offset, words[-1].idx + len(words[-1].text) + self.offset

    def mention_at(self, token: Token) -> Mention | None:
        """Return the known name a token is part of, if any."""
        offset = token.idx + self.offset
        return next((m for m in self.facts.mentions if m.start <= offset < m.end), None)

    def names_of(self, tokens: Sequence[Token], kind: str = "actor") -> list[Mention]:
        """Return the known names the role ``tokens`` stand for (actors, or ``place`` names).

        A token that is part of a name gives that name; otherwise the words of its phrase do
        (compounds, modifiers, appositions: "a Russian delegation", "the minister, Lavrov"),
        never the clauses under it.
        """
        found: list[Mention] = []
        wanted = self.actor_ids if kind == "actor" else self.place_ids
        for token in tokens:
            own = self.mention_at(token)
            if own is not None and wanted(own):
                found.append(own)
                continue
            if kind == "actor" and self.unknown_name(token) is not None:
                continue  # "Russian Deputy Foreign Minister Mikhail Bogdanov" is not Russia
            words = list(roles.subtree_names(token, of_nouns=kind != "actor"))
            if kind == "actor" and any(self.unknown_name(w) is not None for w in words[1:]):
                # "the Russian company Technopromexport": the name is the company's, and
                # "Russian" only says whose it is
                words = [w for w in words if w.lower_ not in lexicon.DEMONYMS]
            for word in words:
                mention = self.mention_at(word)
                if mention is not None and wanted(mention) and mention not in found:
                    found.append(mention)
                    break
        return list(dict.fromkeys(found))

    def unknown_name(
        self, token: Token, labels: frozenset[str] = frozenset({"PERSON", "ORG", "NORP"})
    ) -> dict[str, Any] | None:
        """Return the name no table lists that a role token is part of (its words, offsets)."""
        doc = token.doc
        entity = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        if entity is None or entity.label_ not in labels:
            return None
        words = [t for t in entity if t.pos_ != "DET" and t.tag_ != "POS"]
        titles = [i for i, t in enumerate(words[:-1]) if t.lower_ in _OFFICES]
        # "Federation Council Chair Valentina Matviyenko": the person is after the title,
        # whatever label the recogniser gave the whole
        if (
            titles
            and all(t.pos_ == "PROPN" for t in words[titles[-1] + 1 :])
            and words[-1].lower_ not in lexicon.ORGANISATION_WORDS
        ):
            words = words[titles[-1] + 1 :]
        if not words or all(t.lower_ in lexicon.DEMONYMS for t in words):
            return None  # "Russian" says whose, and the demonym's state is a known name
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        return {
            "words": doc.text[start:end],
            "start": start + self.offset,
            "end": end + self.offset,
        }

    def people(self, tokens: list[Token], labels: frozenset[str] = _PEOPLE) -> list[str]:
        """Return the actor ids the tokens name, or the text's words for names no table lists."""
        found: list[str] = []
        for word in tokens:
            known = self.names_of([word])
            if known:
                found += [i for m in known for i in self.actor_ids(m) if i not in found]
                continue
            # "his son Saddam Haftar": the name may stand in apposition to a common noun
            unknown = next(
                (
                    u
                    # "a delegation of the Russian Foreign Ministry": the ministry's people
                    for t in roles.subtree_names(word, of_nouns=word.lower_ in _GROUPS)
                    if (u := self.unknown_name(t, labels)) is not None
                ),
                None,
            )
            if unknown is not None and unknown["words"] not in found:
                found.append(unknown["words"])
        return found

    def place_or_words(
        self, token: Token, prepositions: frozenset[str] = roles.PLACE_PREPOSITIONS
    ) -> Mention | str | None:
        """Return the place of the trigger's own preposition, or its words if no table has it.

        "to western Libya" is not Libya but a part of it no table lists: its words are given,
        as are those of a place the entity recogniser finds ("to Minsk", "at the Ghardabiya
        air base").
        """
        for target in roles.complements(token, prepositions):
            places = self.names_of([target], "place")
            if places:
                mention = places[0]
                sides = [
                    c
                    for c in target.children
                    if c.dep_ == "amod"
                    and c.lower_ in _DIRECTIONS
                    and not mention.start <= c.idx + self.offset < mention.end
                ]
                if sides:
                    return target.doc.text[sides[0].idx : target.idx + len(target.text)]
                return mention
            for word in roles.subtree_names(target, of_nouns=True):
                entity = next((e for e in word.doc.ents if e.start <= word.i < e.end), None)
                if entity is not None and entity.label_ in ("GPE", "LOC", "FAC"):
                    return entity.text.removeprefix("the ")
        return None

    def place_complement(
        self, token: Token, prepositions: frozenset[str] = roles.PLACE_PREPOSITIONS
    ) -> Mention | None:
        """Return the place the trigger's own preposition names ("flew to Moscow").

        With ``roles.ORIGIN_PREPOSITIONS``, where it comes from ("from Syria").
        """
        for target in roles.complements(token, prepositions):
            places = self.names_of([target], "place")
            if places:
                return places[0]
        return None

    def between(self, start: int, end: int) -> str:
        """Return the sentence's text between two seed offsets."""
        return self.text[start - self.offset : end - self.offset]

    def words_before(self, offset: int, count: int = 2) -> str:
        """Return the ``count`` words before ``offset`` within the sentence, lower case."""
        return " ".join(self.between(self.start, offset).lower().split()[-count:])

    def clauses(self) -> list[tuple[int, int]]:
        """Return the (start, end) of each clause: the text between commas, dashes, brackets."""
        bounds, last = [], 0
        for match in _CLAUSE.finditer(self.text):
            bounds.append((self.offset + last, self.offset + match.start()))
            last = match.end()
        bounds.append((self.offset + last, self.offset + len(self.text)))
        return [(s, e) for s, e in bounds if self.between(s, e).strip()]

    def clause_at(self, offset: int) -> tuple[int, int] | None:
        """Return the clause holding ``offset``, if any."""
        return next(((s, e) for s, e in self.clauses() if s <= offset < e), None)

    def status(self, kind: str, start: int, end: int) -> tuple[str, str | None]:
        """Return the status the cues between ``start`` and ``end`` give, and the signal."""
        for status, _ in lexicon.STATUS_CUES[kind]:
            for cue in self.facts.cues_of(f"status:{kind}:{status}"):
                if not start <= cue.start < end:
                    continue
                if any(d.start <= cue.start < d.end for d in self.facts.dates):
                    continue  # "3 May 2019" is a date, not "may"
                token = self.token_of(cue.start, cue.end)
                if token is not None and any(c.dep_ == "neg" for c in token.children):
                    continue  # "its destination was not confirmed" confirms nothing
                return status, f"status '{status}' from '{cue.text}'"
        return lexicon.DEFAULT_STATUS[kind], None

    def dates(self, start: int, end: int) -> list[DateMention]:
        """Return the resolved dates starting between ``start`` and ``end``."""
        return [d for d in self.facts.dates if start <= d.start < end and d.date is not None]

    def nearest_date(self, offset: int, start: int, end: int) -> DateMention | None:
        """Return the resolved date between ``start`` and ``end`` closest to ``offset``.

        A date that dates a report, not the event ("images published last month", "the
        ministry said on Friday"), is taken only when the sentence has no other.
        """
        found = self.dates(start, end)
        own = [d for d in found if d.reported_by is None] or found
        return min(own, key=lambda d: abs(d.start - offset), default=None)

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
            if not _LIST_GAP.fullmatch(self.between(mention.end, run[0].start)):
                break
            run.insert(0, mention)
        return run

    def pronoun_referent(self, start: int, end: int, kind: str) -> Mention | None:
        """Return whom a pronoun of ``kind`` (person, group) between the offsets refers to."""
        words = self.between(start, end).lower().split()
        if not any(lexicon.PRONOUNS.get(w.strip("’'s")) == kind for w in words):
            return None
        return self.context.person if kind == "person" else self.context.group

    def first_value(
        self, prefix: str, start: int, end: int, default: str
    ) -> tuple[str, Cue | None]:
        """Return the value of the first cue of ``prefix`` (``force:``…) in range, and the cue."""
        cues = [c for c in self.facts.cues_of(prefix) if start <= c.start < end]
        if not cues:
            return default, None
        return cues[0].group.split(":")[-1], cues[0]

    def candidate(
        self, table: str, fields: dict[str, Any], signals: Sequence[Any], score: float
    ) -> Candidate:
        """Return a candidate resting on the whole sentence; empty signals are dropped."""
        supported = frozenset(k for k, v in fields.items() if v not in (None, (), []))
        span = (self.start, self.end, supported)
        kept = [str(s) for s in signals if s]
        made = Candidate(table, fields, [span], kept, round(max(0.1, min(0.95, score)), 2))
        claimant = self.attribution()
        if claimant is not None:
            made.attributions[(self.start, self.end)] = claimant
            made.signals.append(f"attributed to '{claimant['name']}' ({claimant['kind']})")
        return made

    def attribution(self) -> dict[str, Any] | None:
        """Return whom the sentence attributes its claim to, as ``attributed_to`` data."""
        doc = self.facts.doc
        if doc is None:
            return None
        from .attribution import Attribution, kind_of, source_phrase

        phrase = source_phrase(doc)
        if phrase is None or not phrase.text.strip():
            return None
        mention = self.mention_at(phrase.root)
        actors = self.actor_ids(mention) if mention is not None else []
        return Attribution(kind_of(phrase), phrase.text, actors[0] if actors else None).as_data()
