"""Whom a sentence attributes its claim to: "according to", "said", "told", "a statement from".

Read from the dependency parse of a sentence: the object of "according to" (and, inside it,
the source of "a statement from X" or "a report by X"), else the subject of a reporting verb
("said", "told", "claimed", "reported", "added", "announced") that governs the sentence or
follows it ("…, the ministry said"). The result has the shape of the curated
``Evidence.attributed_to`` (``models.evidence.Claimant``): ``kind``, ``name`` in the seed's own
words, and ``actor`` where the name is one the actors table knows.

The kind is read from the words of the name: a newspaper, agency or broadcaster is ``media``;
an office, ministry, embassy, army, command, spokesperson or statement is ``official``; a
source with no proper name ("two officials", "a diplomat", "sources") is ``unnamed``; any
other proper name is ``named`` (an analyst, a former envoy).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Verbs by which a sentence reports what someone said (lemmas).
REPORTING = frozenset(
    {
        *("say", "tell", "claim", "report", "add", "announce", "state", "confirm", "deny"),
        *("allege", "write", "note", "insist", "assert", "quote", "cite", "acknowledge"),
        # who credits or blames a cause makes a claim of it ("Italian officials credit a deal
        # … for the fall in departures")
        *("credit", "blame"),
    }
)
#: Reporting verbs whose subject speaks of others ("…, US Africa Command said"), not of its own
#: acts as "announced", "confirmed" or "denied" may.
RELAYING = frozenset(REPORTING - {"announce", "confirm", "deny", "acknowledge"})
#: Words of a publication's name.
MEDIA_WORDS = frozenset(
    {
        *("newspaper", "agency", "journal", "times", "post", "news", "television", "tv"),
        *("broadcaster", "outlet", "magazine", "press", "observer", "daily", "gazette"),
        *("reuters", "bloomberg", "afp", "tass", "ria", "interfax", "radio", "channel", "herald"),
        *("report", "reports"),
    }
)
#: Words of an official source's name.
#: Words of bodies of states together, whose agencies speak officially.
INTERGOVERNMENTAL = frozenset({"un", "u.n.", "unhcr", "iom", "unicef", "eu", "nato", "frontex"})
OFFICIAL_WORDS = frozenset(
    {
        *("office", "ministry", "embassy", "army", "command", "spokesman", "spokeswoman"),
        *("spokesperson", "statement", "government", "council", "kremlin", "minister"),
        *("president", "presidency", "authorities", "military", "navy", "forces", "coast"),
        *("guard", "department", "commission", "parliament", "organization", "organisation"),
        *("fund", "mission", "service", "ambassador", "envoy", "embassy"),
    }
)
#: Nouns of people who speak unnamed ("two officials", "a diplomat", "sources").
UNNAMED_HEADS = frozenset(
    {
        *("official", "officials", "source", "sources", "diplomat", "diplomats", "officer"),
        *("officers", "people", "person", "resident", "residents", "witness", "witnesses"),
        *("insider", "insiders", "aide", "aides", "adviser", "advisers", "advisor", "advisors"),
    }
)
#: Nouns whose "from" or "by" names the source ("a statement from X", "a report by X").
_CARRIERS = frozenset(
    {
        *("statement", "report", "communique", "release", "announcement", "post", "figures"),
        "figure",
        *("data", "estimates", "statistics", "update", "count", "tally", "imagery"),
    }
)
#: The dependents that are part of a source's name ("the Interior Ministry in Rome").
_PHRASE = frozenset(
    {"det", "compound", "amod", "poss", "nmod", "nummod", "prep", "case", "quantmod", "pobj"}
)


@dataclass(frozen=True)
class Attribution:
    """Whom a sentence attributes its claim to, as the curated records write it."""

    kind: str
    name: str
    actor: str | None = None

    def as_data(self) -> dict[str, Any]:
        """Return the ``attributed_to`` mapping of an evidence span."""
        data: dict[str, Any] = {"kind": self.kind, "name": self.name}
        if self.actor:
            data["actor"] = self.actor
        return data


def reported_verb(doc: Doc) -> Token | None:
    """Return the verb of what a sentence reports.

    Its root, or the clause a relaying verb governs ("Saleh is to meet …, the agency said":
    "is").
    """
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.lemma_ in RELAYING:
        reported = [c for c in root.children if c.dep_ == "ccomp"]
        return reported[0] if reported else root
    return root


def in_present(verb: Token) -> bool:
    """Whether a verb speaks in the simple or progressive present ("controls", "are seeking").

    Not the present perfect ("has used": a past up to now), nor a modal or a form of the
    future ("will", "is to", "is due to").
    """
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lemma_ == "have" for a in auxiliaries):
        return False
    if any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children):
        return False  # "is to meet", "is due to travel": what is to come
    finite = [verb, *auxiliaries]
    return any(t.tag_ in ("VBP", "VBZ") for t in finite) and not any(
        t.tag_ in ("VBD", "VBN") and t.dep_ != "auxpass" for t in finite if t is verb
    )


def source_phrase(doc: Doc, verbs: frozenset[str] = REPORTING) -> Span | None:
    """Return the words of the sentence's source, if it attributes its claim to one.

    ``verbs`` are the reporting verbs whose subject counts (``RELAYING``: only those that
    report others).
    """
    for token in doc:
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                return _phrase(_carried(objects[0]))
    for token in doc:
        if token.lemma_ not in verbs or token.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        # two subjects parsed for one verb ("A group … called at X, the army said"): the
        # speaker is the one nearest before it
        subjects.sort(key=lambda c: (c.i > token.i, -c.i if c.i < token.i else c.i))
        closing = _closing_speaker(token)
        if closing is not None:
            return _phrase(_carried(closing))
        if _governs(token) and subjects and subjects[0].pos_ != "PRON":
            return _phrase(_carried(subjects[0]))
        if not subjects and token.i > 0 and token.i >= len(doc) - 3:
            # "…, the agency TASS reported." parsed with no subject: the words just before
            speaker = _noun_before(token)
            if speaker is not None:
                return _phrase(speaker)
    return None


def _closing_speaker(verb: Token) -> Token | None:
    """Return who speaks in a closing "…, the ministry said." set off by a comma, if so.

    News English puts the source after the claim, between its last comma and a reporting
    verb that ends the sentence. The parser may hang that noun phrase on the claim (as an
    apposition of its last noun) or make the verb a relative clause of it ("the agency TASS
    reported"); the words between the comma and the verb are the speaker all the same.
    """
    doc = verb.doc
    # "…, the coast guard said on Tuesday.", "…, the ministry said in a statement.": a phrase
    # of the verb's own that holds no other verb still closes the sentence
    own = {t.i for t in verb.subtree}
    ending = [
        t
        for t in doc[verb.i + 1 :]
        if not t.is_punct and (t.i not in own or t.pos_ in ("VERB", "AUX") or t.dep_ == "mark")
    ]
    if ending or verb.i < 2:
        return None
    commas = [t.i for t in doc[: verb.i] if t.text == ","]
    if not commas:
        return None
    words = doc[commas[-1] + 1 : verb.i]
    heads = [t for t in words if not words.start <= t.head.i < words.end or t.head is t]
    heads = [t for t in heads if t.pos_ in ("NOUN", "PROPN")]
    if not heads or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    head = heads[0]
    if head.dep_ == "nsubj" and head.head is verb:
        return None  # an ordinary subject: read as before
    if verb.dep_ == "relcl" and verb.head.i < verb.i and verb.head.i > commas[-1]:
        return verb.head  # "the Russian news agency TASS reported"
    return head


def _noun_before(verb: Token) -> Token | None:
    """Return the head of the noun phrase just before a verb ("an adviser to the commander")."""
    if verb.dep_ == "relcl" and verb.head.i < verb.i:
        return verb.head
    token = verb.doc[verb.i - 1]
    while token.dep_ in ("pobj", "prep") and token.head.i < verb.i and token.head is not token:
        token = token.head
    return token if token.pos_ in ("NOUN", "PROPN") else None


def kind_of(phrase: Span) -> str:
    """Return the kind of source a phrase names: ``media``, ``official``, ``unnamed``, ``named``."""
    words = {t.lower_ for t in phrase}
    head = phrase.root.lower_  # "the army's press office" is an office, whatever else it says
    named = [c for c in phrase.root.children if c.dep_ in ("compound", "flat", "appos")]
    if head in UNNAMED_HEADS and not any(t.pos_ == "PROPN" for t in named):
        return "unnamed"  # "two Libyan military officials"
    if head in OFFICIAL_WORDS or words & INTERGOVERNMENTAL:
        return "official"  # "the UN refugee agency UNHCR" is no news agency
    if head in MEDIA_WORDS or words & MEDIA_WORDS:
        return "media"
    if words & OFFICIAL_WORDS or any(t.tag_ == "POS" for t in phrase):
        return "official"
    if not any(t.pos_ == "PROPN" for t in phrase):
        return "unnamed"
    return "named"


def _governs(verb: Token) -> bool:
    """Whether a reporting verb speaks for the sentence: its root, or a clause beside the root."""
    return verb.dep_ == "ROOT" or (
        verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.dep_ == "ROOT"
    )


def _carried(token: Token) -> Token:
    """Return the source inside "a statement from X" or "a report by X"; else the token."""
    for clause in token.children:  # "satellite imagery analysed by X": X is the source
        # ("a naval group led by the cruiser X": a group is no carrier of a claim)
        if clause.dep_ == "acl" and token.lemma_ in _CARRIERS:
            for agent in clause.children:
                if agent.dep_ == "agent":
                    objects = [c for c in agent.children if c.dep_ == "pobj"]
                    if objects:
                        return _carried(objects[0])
    if token.lemma_ in _CARRIERS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return _carried(objects[0])
    return token


def _phrase(token: Token) -> Span:
    """Return the noun phrase of a token: its subtree without relative clauses or commas."""
    doc = token.doc
    left, right = token.i, token.i
    for child in token.children:
        close = child.dep_ == "appos" and doc[child.left_edge.i - 1].text not in ",(—–"
        if child.dep_ not in _PHRASE and not close:
            continue  # clauses, set-off appositions, lists: not the name of who said it
        left = min(left, child.left_edge.i)
        right = max(right, child.right_edge.i)
    while right > left and doc[right].is_punct:
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left : right + 1]
