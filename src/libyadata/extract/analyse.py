"""Reading a seed: names, dates, quantities and cues, found once over the whole text.

A blank English spaCy pipeline (its tokenizer and lexical attributes only, no trained weights)
runs a ``PhraseMatcher`` over every spelling of every actor and place (case kept), another over
the word lists of ``lexicon`` (case folded) and a ``Matcher`` over the date patterns of
``dates``. Capitalised runs that no known spelling covers are compared with the known ones by
similarity (``Reference.near``); those still unknown become reference-table candidates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from ..models import FuzzyDate
from ..provenance.sentences import Sentence, split_sentences
from . import lexicon
from .dates import DateMention, find_dates, patterns
from .quantities import QuantityMention, find_quantities
from .reference import Reference

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

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
class Cue:
    """A word-list phrase in the text; ``group`` names its list (``trigger:visits``…)."""

    start: int
    end: int
    text: str
    group: str


@dataclass(frozen=True)
class UnknownName:
    """A capitalised name no reference table lists: a candidate row for one of them."""

    text: str
    guess: str
    """``person``, ``organisation``, ``place`` or ``name`` (not known which)."""
    line: int
    start: int


@dataclass
class SentenceFacts:
    """Everything found in one sentence, with offsets into the seed text."""

    sentence: Sentence
    mentions: list[Mention] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[QuantityMention] = field(default_factory=list)

    def cues_of(self, prefix: str) -> list[Cue]:
        """Return the cues whose group starts with ``prefix``, in text order."""
        return [cue for cue in self.cues if cue.group.startswith(prefix)]


@dataclass
class Analysis:
    """The facts of every sentence of a seed, and the unknown names."""

    text: str
    sentences: list[SentenceFacts]
    unknown: list[UnknownName]


@cache
def _blank() -> Language:
    import spacy

    return spacy.blank("en")


class Analyser:
    """Finds names, cues, dates and quantities in texts, knowing ``reference``."""

    def __init__(self, reference: Reference) -> None:
        """Build the matchers from the reference tables and the word lists."""
        from spacy.matcher import Matcher, PhraseMatcher

        self.reference = reference
        self.nlp = _blank()
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
        doc = self.nlp.make_doc(text)
        mentions = self._mentions(doc)
        cues = self._cues(doc)
        dates = self._dates(doc, published)
        quantities = find_quantities(doc, cues, dates)
        known = [(m.start, m.end) for m in mentions]
        near, unknown = self._unknown_names(doc, known, text)
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
        facts = []
        for sentence in split_sentences(text):
            inside = _within(sentence)
            facts.append(
                SentenceFacts(
                    sentence,
                    [m for m in mentions if inside(m.start)],
                    [c for c in cues if inside(c.start)],
                    [d for d in dates if inside(d.start)],
                    [q for q in quantities if inside(q.start)],
                )
            )
        return Analysis(text, facts, unknown)

    def _mentions(self, doc: Doc) -> list[Mention]:
        from spacy.util import filter_spans

        spans = [doc[start:end] for _, start, end in self.names(doc)]
        found = []
        for span in filter_spans(spans):
            ids = frozenset(self.reference.spellings.get(span.text, ()))
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
        return sorted(found, key=lambda m: m.start)

    def _cues(self, doc: Doc) -> list[Cue]:
        found = []
        for match_id, start, end in [*self.words(doc), *self.patterns(doc)]:
            span = doc[start:end]
            group = self.nlp.vocab.strings[match_id]
            found.append(Cue(span.start_char, span.end_char, span.text, group))
        return sorted(found, key=lambda c: (c.start, -c.end))

    def _dates(self, doc: Doc, published: FuzzyDate) -> list[DateMention]:
        return find_dates(doc, published, self.dates)

    def _unknown_names(
        self, doc: Doc, known: list[tuple[int, int]], text: str
    ) -> tuple[list[Mention], list[UnknownName]]:
        near: list[Mention] = []
        unknown: list[UnknownName] = []
        seen: set[str] = set()
        for run in _capitalised_runs(doc):
            start, end = run[0].idx, run[-1].idx + len(run[-1].text)
            if any(s < end and start < e for s, e in known):
                continue
            name = text[start:end]
            close = self.reference.near(name)
            if close is not None:
                ids = frozenset(self.reference.spellings[close[0]])
                signal = f"near spelling '{name}' of '{close[0]}' ({close[1]:.2f})"
                near.append(Mention(start, end, name, ids, signal))
            elif name not in seen:
                seen.add(name)
                line = text.count("\n", 0, start) + 1
                unknown.append(UnknownName(name, _guess(doc, run), line, start))
        return near, unknown


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


def _within(sentence: Sentence) -> Any:
    return lambda offset: sentence.start <= offset < sentence.end


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


def _guess(doc: Doc, run: list[Token]) -> str:
    words = {t.lower_ for t in run}
    before = doc[run[0].i - 1].lower_ if run[0].i > 0 else ""
    if words & set(lexicon.ORGANISATION_WORDS):
        return "organisation"
    if words & set(lexicon.PLACE_WORDS) or before in {"in", "to", "from", "near", "at"}:
        return "place"
    if before in lexicon.PERSON_TITLES or (len(run) >= 2 and all(t.is_title for t in run)):
        return "person"
    return "name"
