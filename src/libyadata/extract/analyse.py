"""Reading a seed: names, dates, quantities, cues and the parse, sentence by sentence.

The text is cut into its sentences (``provenance.sentences``, pieces of at most
``pipeline.MAX_PIECE`` code points), each made into tokens by the trained pipeline's tokenizer.
A ``PhraseMatcher`` runs over every spelling of every actor and place (case kept), another over
the word lists of ``lexicon`` (case folded) and a ``Matcher`` over the date patterns of
``dates``. Capitalised runs that no known spelling covers are compared with the known ones on
folded forms (``Reference.near``). A one-word spelling of a person after a given name no table
lists ("Khaled Haftar") is another person of that family name, not the one the table knows.

The sentences with a trigger of some kind then go through the whole trained pipeline at once
(``nlp.pipe``): the readers take roles from its dependency parse (``roles``), and the names its
entity recogniser finds that no table lists become reference-table candidates, with a kind
(person, organisation, place, facility, vessel) and their offsets. Generic words and fragments
("Staff", "Chair") are not names; a name with an organisation's word is an organisation's, one
after a ship's word a vessel's. Every step is linear in the text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from ..models import FuzzyDate
from ..provenance.sentences import Sentence, split_sentences
from . import lexicon
from .cues import Cue
from .datephrases import DateMention, find_dates, patterns
from .knownnames import Reference
from .pipeline import load_pipeline, make_doc, pieces
from .quantities import QuantityMention, find_quantities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_Shifted = TypeVar("_Shifted", "Mention", "Cue", "DateMention", "QuantityMention")

#: Lower-case words that join the parts of a name ("Brak Al-Shati", "Ministry of Defence").
_NAME_JOINERS = {"al", "el", "bin", "ibn", "de", "of", "the", "-", "abu"}
#: Tokens after which a capital may only start a sentence.
_SENTENCE_OPENERS = frozenset({".", "“", '"', ":", "?", "!"})


@dataclass(frozen=True)
class Mention:
    """A name in the text: the actors and places it may be, and how it was recognised."""

    start: int
    end: int
    text: str
    ids: frozenset[str]
    signal: str


@dataclass(frozen=True)
class UnknownName:
    """A name no reference table lists: a candidate row for one of them."""

    text: str
    guess: str
    """``person``, ``organisation``, ``place``, ``facility`` or ``vessel``."""
    line: int
    start: int
    end: int = 0
    signal: str = ""
    """Why it is taken for a name of that kind."""


@dataclass
class SentenceFacts:
    """Everything found in one sentence, with offsets into the seed text."""

    sentence: Sentence
    mentions: list[Mention] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[QuantityMention] = field(default_factory=list)
    doc: Doc | None = None
    """The sentence parsed by the trained pipeline (token offsets from the sentence's start);
    ``None`` for a sentence with no trigger, which is not parsed."""

    def cues_of(self, prefix: str) -> list[Cue]:
        """Return the cues whose group starts with ``prefix``, in text order."""
        return [cue for cue in self.cues if cue.group.startswith(prefix)]


@dataclass
class Analysis:
    """The facts of every sentence of a seed, and the unknown names."""

    text: str
    sentences: list[SentenceFacts]
    unknown: list[UnknownName]


class Analyser:
    """Finds names, cues, dates and quantities in texts, knowing ``reference``."""

    def __init__(self, reference: Reference) -> None:
        """Load the trained pipeline; build the matchers from the tables and the word lists."""
        from spacy.matcher import Matcher, PhraseMatcher

        self.reference = reference
        self.nlp = load_pipeline()
        self.names = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for spelling in sorted(reference.spellings):
            self.names.add(spelling, [self.nlp.make_doc(spelling)])
        self.words = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for group, phrases in _cue_groups():
            self.words.add(group, [self.nlp.make_doc(phrase) for phrase in phrases])
        self.patterns = Matcher(self.nlp.vocab)
        for group, token_patterns in lexicon.CUE_PATTERNS.items():
            self.patterns.add(group, token_patterns)
        self.dates = Matcher(self.nlp.vocab)
        for rule, rule_patterns in patterns().items():
            self.dates.add(rule, rule_patterns)

    def analyse(self, text: str, published: FuzzyDate) -> Analysis:
        """Read ``text`` (a seed published at ``published``) sentence by sentence."""
        sentences = [
            Sentence(start, start + len(piece), sentence.line, piece)
            for sentence in split_sentences(text)
            for start, piece in pieces(sentence.start, sentence.text)
        ]
        facts, names = [], []
        for sentence in sentences:
            found, near = self._facts(sentence, make_doc(self.nlp, sentence.text), published)
            facts.append(found)
            names += near
        # A count of people may be a migration figure even with no trigger word ("7,300
        # people reached Crete" in a text on migration): its sentence is parsed too, as is
        # one naming a force, which may deny a deployment ("denied that its forces were …").
        parsed = [
            f for f in facts if f.cues_of("trigger:") or f.cues_of("force:") or _counts_people(f)
        ]
        chosen = {id(f) for f in parsed}
        named = [f for f in facts if id(f) not in chosen and f.doc is not None]
        unknown: list[UnknownName] = []
        seen: set[str] = {n.text for n in names}
        self._parse(parsed)
        # A sentence with no trigger proposes no record, but may name someone a reviewer
        # should add to the tables: its names are read without the parser (cheaper).
        with self.nlp.select_pipes(disable=["parser", "lemmatizer"]):
            self._parse(named)
        for fact in facts:
            if fact.doc is None:
                continue
            for name in self._entities(fact):
                if name.text not in seen:
                    seen.add(name.text)
                    unknown.append(name)
        for fact in named:
            fact.doc = None  # no reader asks about a sentence with no trigger
        unknown += names
        return Analysis(text, facts, sorted(unknown, key=lambda u: u.start))

    def _parse(self, facts: list[SentenceFacts]) -> None:
        """Run the pipeline over the sentences at once, each distinct text once."""
        first: dict[str, SentenceFacts] = {}
        for fact in facts:
            first.setdefault(fact.sentence.text, fact)
        unique = list(first.values())
        for fact, doc in zip(unique, self.nlp.pipe(f.doc for f in unique if f.doc), strict=True):
            fact.doc = _lighter(doc)
        for fact in facts:
            fact.doc = first[fact.sentence.text].doc  # offsets are the sentence's own

    def _facts(
        self, sentence: Sentence, doc: Doc, published: FuzzyDate
    ) -> tuple[SentenceFacts, list[UnknownName]]:
        """Return the facts of one sentence (offsets in the seed) and its other persons' names."""
        mentions, others = self._mentions(doc)
        cues = self._cues(doc)
        dates = self._dates(doc, published)
        quantities = find_quantities(doc, cues, dates)
        near = self._near_names(doc, [(m.start, m.end) for m in [*mentions, *others]])
        mentions = sorted([*mentions, *near], key=lambda m: m.start)
        # The words of an actor's name are not cues: "Government of National Accord" is no
        # accord, "Libyan National Army" no troops. A place's are: "Al Khadim airfield" is one.
        actor_names = [
            (m.start, m.end)
            for m in mentions
            if m.ids and all(i in self.reference.actors for i in m.ids)
        ]
        cues = [
            c
            for c in cues
            if not any(
                s <= c.start and c.end <= e and e - s > c.end - c.start for s, e in actor_names
            )
        ]
        at = sentence.start
        facts = SentenceFacts(
            sentence,
            _shift(mentions, at),
            _shift(cues, at),
            _shift(dates, at),
            _shift(quantities, at),
            doc,
        )
        names = [
            UnknownName(m.text, "person", sentence.line, m.start + at, m.end + at, m.signal)
            for m in others
        ]
        return facts, names

    def _mentions(self, doc: Doc) -> tuple[list[Mention], list[Mention]]:
        """Return the known names of a sentence, and the persons who only share a family name."""
        from spacy.util import filter_spans

        spans = [doc[start:end] for _, start, end in self.names(doc)]
        found, others = [], []
        for span in filter_spans(spans):
            ids = frozenset(self.reference.spellings.get(span.text, ()))
            given = _given_name(span)
            if given is not None and self._own_given_name(given.text, ids):
                whole = doc[given.i : span.end]  # "Sergei Shoygu": the person's own given name
                signal = f"name '{whole.text}'"
                found.append(Mention(whole.start_char, whole.end_char, whole.text, ids, signal))
                continue
            if given is not None and "person" in self.reference.kinds(ids):
                whole = doc[given.i : span.end]
                signal = (
                    f"'{whole.text}' shares the family name of "
                    f"{', '.join(sorted(ids))} but not the given name: another person"
                )
                others.append(Mention(whole.start_char, whole.end_char, whole.text, ids, signal))
                continue
            found.append(
                Mention(span.start_char, span.end_char, span.text, ids, f"name '{span.text}'")
            )
        for token in doc:
            country = lexicon.DEMONYMS.get(token.lower_)
            if country and token.text[0].isupper():
                ids = frozenset(i for i in (self.reference.state(country),) if i)
                if ids and not any(m.start <= token.idx < m.end for m in found):
                    end = token.idx + len(token.text)
                    signal = f"'{token.text}' is {', '.join(sorted(ids))}'s"
                    found.append(Mention(token.idx, end, token.text, frozenset(ids), signal))
        return sorted(found, key=lambda m: m.start), others

    def _own_given_name(self, given: str, ids: frozenset[str]) -> bool:
        """Whether ``given`` is, folded, the first word of a spelling of the persons ``ids``."""
        from .knownnames import fold

        firsts = {
            fold(spelling.replace("-", " ").split()[0])
            for spelling, owners in self.reference.spellings.items()
            if owners & ids and len(spelling.split()) > 1
        }
        return fold(given) in firsts

    def _cues(self, doc: Doc) -> list[Cue]:
        found = []
        for match_id, start, end in [*self.words(doc), *self.patterns(doc)]:
            span = doc[start:end]
            group = self.nlp.vocab.strings[match_id]
            found.append(Cue(span.start_char, span.end_char, span.text, group))
        return sorted(found, key=lambda c: (c.start, -c.end))

    def _dates(self, doc: Doc, published: FuzzyDate) -> list[DateMention]:
        return find_dates(doc, published, self.dates)

    def _near_names(self, doc: Doc, known: list[tuple[int, int]]) -> list[Mention]:
        """Return the capitalised runs no known spelling covers that are a near spelling."""
        near: list[Mention] = []
        for run in _capitalised_runs(doc):
            start, end = run[0].idx, run[-1].idx + len(run[-1].text)
            if any(s < end and start < e for s, e in known):
                continue
            name = doc.text[start:end]
            close = self.reference.near(name)
            if close is not None:
                ids = frozenset(self.reference.spellings[close[0]])
                signal = f"near spelling '{name}' of '{close[0]}' ({close[1]:.2f})"
                near.append(Mention(start, end, name, ids, signal))
        return near

    def _entities(self, facts: SentenceFacts) -> Iterator[UnknownName]:
        """Yield the names the entity recogniser finds in a parsed sentence that no table lists."""
        doc = facts.doc
        if doc is None:
            return
        at = facts.sentence.start
        known = [(m.start - at, m.end - at) for m in facts.mentions]
        for whole in doc.ents:
            entity = _trimmed_entity(whole)
            kind = _entity_kind(entity) if len(entity) else None
            if kind is None:
                continue
            if any(s < entity.end_char and entity.start_char < e for s, e in known):
                continue
            signal = f"the entity recogniser's {entity.label_}, taken as a {kind}"
            yield UnknownName(
                entity.text,
                kind,
                facts.sentence.line,
                entity.start_char + at,
                entity.end_char + at,
                signal,
            )


#: Entity labels of the recogniser, to the kinds of rows a name may be.
_ENTITY_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    "PRODUCT": "vessel",
    "NORP": "organisation",
}
#: Words before a vessel's name.
_SHIP_WORDS = frozenset(
    {
        *("ship", "vessel", "frigate", "destroyer", "corvette", "cruiser", "warship"),
        *("carrier", "submarine", "tanker", "freighter", "boat", "landing", "cargo"),
    }
)
#: Nouns before an organisation's name ("the newspaper X", "the Russian company X").
_ORGANISATION_NOUNS = frozenset(
    {
        *("newspaper", "agency", "company", "firm", "group", "broadcaster", "daily", "outlet"),
        *("channel", "website", "airline", "contractor", "corporation", "bank", "fund"),
    }
)
#: Titles not in the lexicon's list that may stand inside a name the recogniser found.
_TITLES = frozenset({"chair", "chairman", "chairwoman", "speaker", "head", "governor", "mayor"})
#: Nouns after a facility's name ("X air base", "X airport").
_FACILITY_NOUNS = frozenset({"airport", "airbase", "air", "airfield", "base", "port", "harbour"})
#: Prepositions before a place, and directions before "of X".
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "to", "from", "into", "outside"})
_DIRECTIONS = frozenset({"south", "north", "east", "west", "city", "town", "region", "province"})
#: Words that are no name on their own, however written ("Staff", "Chair", "Organization").
_GENERIC = frozenset(
    {
        *lexicon.ORGANISATION_WORDS,
        *lexicon.PERSON_TITLES,
        *lexicon.PLACE_WORDS,
        *("staff", "chair", "chairman", "head", "board", "state", "states", "nations"),
        *("square",),
        *("republic", "kingdom", "national", "federal", "official", "officials", "the"),
    }
)


def _entity_kind(entity: Span) -> str | None:
    """Return the kind of row an entity may be, or ``None`` if it is no name to propose.

    The words around a name say more than the recogniser's label: a ship's word before it
    makes a vessel, an organisation's noun before it ("the newspaper X", "the company X") an
    organisation, a facility word after it ("X air base", "X airport") a facility, a
    preposition of place before a one-word name ("in X", "south of X") a place.
    """
    kind = _ENTITY_KINDS.get(entity.label_)
    words = [t for t in entity if not t.is_punct]
    if kind is None or not _a_name(words):
        return None
    if entity.label_ == "NORP" and len(words) == 1:
        return None  # "African", "Arab": what a group is, not its name
    if not any("a" <= c.lower() <= "z" for c in entity.text):
        return None  # an English recogniser cannot read another script's names
    doc = entity.doc
    previous = doc[entity.start - 1].lower_ if entity.start > 0 else ""
    before = doc[entity.start - 2].lower_ if entity.start > 1 else ""
    following = doc[entity.end].lower_ if entity.end < len(doc) else ""
    lowers = {t.lower_ for t in words}
    if previous == "carrier" and before != "aircraft":
        kind = "organisation"  # "the private carrier X" is an airline
    elif previous in _SHIP_WORDS:
        kind = "vessel"
    elif previous in _ORGANISATION_NOUNS:
        kind = "organisation"
    elif following in _FACILITY_NOUNS:
        kind = "facility"
    elif len(words) == 1 and (
        previous in _PLACE_PREPOSITIONS or (previous == "of" and before in _DIRECTIONS)
    ):
        kind = "place"
    elif lowers & {*lexicon.ORGANISATION_WORDS, "nations", "united"}:
        kind = "organisation"  # "United Nations" is no person, whatever the recogniser says
    elif lowers & {*lexicon.PLACE_WORDS, "square"}:
        kind = "place"  # "Kufra Oasis", "Gulf of Sirte", "Red Square"
    elif kind == "vessel":
        kind = None  # a product not named as a ship
    return kind


def _trimmed_entity(entity: Span) -> Span:
    """Return the entity without a leading article or trailing possessive ("the Agency's").

    A person's name keeps only what follows a title inside it ("Council Chair Valentina
    Matviyenko": Valentina Matviyenko); a vessel's takes the capitalised word the recogniser
    left before it ("the destroyer Admiral Tributs").
    """
    start, end = entity.start, entity.end
    doc = entity.doc
    if start > 1 and doc[start - 1].text[:1].isupper() and doc[start - 2].lower_ in _SHIP_WORDS:
        start -= 1
    if entity.label_ == "PERSON":
        titles = [
            t.i for t in entity[:-1] if t.lower_ in lexicon.PERSON_TITLES or t.lower_ in _TITLES
        ]
        if titles:
            start = titles[-1] + 1
    while start < end and (entity.doc[start].pos_ == "DET" or entity.doc[start].is_punct):
        start += 1
    while end > start and (entity.doc[end - 1].tag_ == "POS" or entity.doc[end - 1].is_punct):
        end -= 1
    from spacy.tokens import Span

    return Span(entity.doc, start, end, label=entity.label)


def _a_name(words: list[Token]) -> bool:
    """Whether the words make a name: a proper noun, not only generic words or a demonym."""
    if not any(t.pos_ == "PROPN" for t in words):
        return False
    if all(t.lower_ in _GENERIC or t.is_stop for t in words):
        return False  # "Staff", "the Chair": a word of a name, not a name
    return not (
        len(words) == 1 and (words[0].lower_ in lexicon.DEMONYMS or not words[0].text[:1].isupper())
    )


#: Capitalised words that may open a sentence before a name and are no given name.
_NOT_GIVEN = frozenset(
    {"yesterday", "today", "tonight", "meanwhile", "later", "earlier", "recently", "but", "and"}
)


def _given_name(span: Span) -> Token | None:
    """Return the given name just before a one-word name, if one stands there ("Khaled")."""
    if len(span) != 1 or span.start == 0:
        return None
    before = span.doc[span.start - 1]
    if not (before.is_alpha and before.text[:1].isupper() and len(before.text) > 1):
        return None
    lower = before.lower_
    if (
        lower in lexicon.PERSON_TITLES
        or lower in lexicon.DEMONYMS
        or lower in lexicon.ADJECTIVES
        or before.is_stop
        or before.text in {*lexicon.MONTH_NAMES, *lexicon.WEEKDAY_NAMES}
        or lower in _NOT_GIVEN
    ):
        return None
    return before


def _shift(items: Sequence[_Shifted], offset: int) -> list[_Shifted]:
    """Return the items (mentions, cues, dates, quantities) with offsets moved by ``offset``."""
    return [
        dataclasses.replace(item, start=item.start + offset, end=item.end + offset)
        for item in items
    ]


def _lighter(doc: Doc) -> Doc:
    """Drop the parse's hidden vectors, which no reader uses, to keep memory modest."""
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def _cue_groups() -> Iterator[tuple[str, tuple[str, ...]]]:
    for kind, words in lexicon.TRIGGERS.items():
        yield f"trigger:{kind}", words
    for kind, statuses in lexicon.STATUS_CUES.items():
        for status, words in statuses:
            yield f"status:{kind}:{status}", words
    for prefix, table in (
        ("force", lexicon.FORCE_TYPES),
        ("facility", lexicon.FACILITY_TYPES),
        ("agreement_type", lexicon.AGREEMENT_TYPES),
        ("qualifier", lexicon.QUALIFIERS),
    ):
        for value, words in table:
            yield f"{prefix}:{value}", words
    for unit, words in lexicon.UNIT_NOUNS.items():
        yield f"unit:{unit}", words
    for currency, words in lexicon.CURRENCIES.items():
        yield f"currency:{currency}", words
    yield "not_facility", lexicon.NOT_FACILITIES
    yield "magnitude", lexicon.MAGNITUDES
    yield "percent", lexicon.PERCENT
    yield "money", lexicon.MONEY_CONTEXT
    yield "support", lexicon.SUPPORT_CUES
    yield "broker", lexicon.BROKER_CUES
    yield "reporter", lexicon.REPORTER_CUES


def _capitalised_runs(doc: Doc) -> Iterator[list[Token]]:
    run: list[Token] = []
    for token in doc:
        capital = token.text[:1].isupper() and (token.is_alpha or "-" in token.text)
        joiner = token.lower_ in _NAME_JOINERS and bool(run)
        if (capital and not _ordinary(token, run)) or joiner:
            run.append(token)
        else:
            yield from _trimmed(run)
            run = []
    yield from _trimmed(run)


def _ordinary(token: Token, run: list[Token]) -> bool:
    """Whether a capitalised word names no one: a sentence's first word, a month, a title."""
    lower = token.lower_
    if lower in lexicon.DEMONYMS or lower in lexicon.PERSON_TITLES or lower in lexicon.ADJECTIVES:
        return True
    if token.text in {*lexicon.MONTH_NAMES, *lexicon.WEEKDAY_NAMES}:
        return True
    if run:
        return False
    previous = token.nbor(-1).text if token.i > 0 else "\n"
    # A capital after a line break, a full stop or an opening quote may only start a sentence.
    starts = (not previous.strip() and "\n" in previous) or previous in _SENTENCE_OPENERS
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    alone = following is None or not following.text[:1].isupper()
    return token.is_stop or (starts and alone)


def _trimmed(run: list[Token]) -> Iterator[list[Token]]:
    while run and run[-1].lower_ in _NAME_JOINERS:
        run = run[:-1]
    if run and any(t.text[:1].isupper() for t in run) and len(run[0].text) > 1:
        yield run


def _counts_people(facts: SentenceFacts) -> bool:
    """Whether a sentence counts people, so that a reader may propose a figure from it."""
    return any(q.quantity.get("unit") == "person" for q in facts.quantities)
