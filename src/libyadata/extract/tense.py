"""Whether a date phrase speaks of something past or something to come, read from its wording.

A coder reading "on Tuesday" asks whether the event happened or is expected: "flew to Moscow on
Tuesday" is the last Tuesday, "will fly to Moscow on Tuesday" the coming one. The caller may say
so (``hint``: a tense, or a record status such as ``planned`` or ``occurred``); otherwise the
words around the phrase decide. The nearest cue wins, looked for in this order: back to the
start of the phrase's clause, on to its end, then back and on through the rest of the sentence.
Clauses end at commas, semicolons, colons, dashes, brackets and "and"/"but", so "arrived on
Tuesday and will meet Putin" reads the Tuesday as past. Cues of what is to come are "will",
"would" (not "would have"), "shall", "expected", "scheduled", "plans to", "planned",
"upcoming", "is due to", "is set to", "is to" ("the plan" is a noun, no cue); cues of the past
are "was", "were", "had", "did", "been", "ago", common irregular past forms and words ending in
"-ed" that are not adjectives. The reading
looks at most ``REACH`` words either side, so it costs the same in any length of sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Span

#: What a phrase speaks of: something that happened, or something expected, planned or due.
Tense = Literal["past", "prospective"]

#: Words looked at either side of the phrase.
REACH = 30

_PROSPECTIVE = frozenset(
    {
        *("will", "'ll", "’ll", "shall", "would", "expected", "expects", "expect", "expecting"),
        *("scheduled", "planned", "planning", "upcoming", "forthcoming", "intends", "intend"),
        *("intending", "tomorrow"),
    }
)
#: Two- and three-word cues of what is to come ("is due to arrive", "is set to sign").
_PROSPECTIVE_RUNS = (
    ("plans", "to"),  # "the plan", "plans for": nouns, no cue
    ("plan", "to"),
    ("is", "due", "to"),
    ("are", "due", "to"),
    ("is", "set", "to"),
    ("are", "set", "to"),
    ("is", "to"),
    ("are", "to"),
    ("going", "to"),
    ("to", "be", "held"),
)
_PAST = frozenset(
    {
        *("was", "were", "had", "did", "been", "ago", "yesterday", "last", "earlier", "said"),
        *("met", "flew", "went", "came", "told", "held", "left", "took", "made", "gave"),
        *("began", "sent", "brought", "saw", "spoke", "wrote", "led", "won", "lost", "fought"),
        *("paid", "built", "bought", "struck", "fell", "rose", "ran", "became", "chose", "drove"),
        *("found", "got", "kept", "knew", "meant", "thought", "understood", "sought", "shot"),
        *(
            "fled",
            "hit",
            "sold",
            "stood",
            "taught",
            "withdrew",
            "undertook",
            "oversaw",
            "drew",
            "grew",
        ),
        *("flown", "gone", "taken", "given", "begun", "seen", "spoken", "written", "shown"),
    }
)
#: Words ending in "-ed" that are adjectives or nouns, not a past tense (shorter ones are not read).
_NOT_PAST = frozenset(
    {
        *("armed", "based", "called", "alleged", "styled", "united", "related", "detailed"),
        *("limited", "advanced", "unidentified", "unnamed", "undisclosed", "unspecified"),
        *("speed", "proceed", "exceed", "succeed", "indeed", "breed", "creed", "greed"),
        *("backed", "linked", "affiliated", "aligned", "allied", "dedicated", "interested"),
        *("concerned", "experienced", "skilled", "trained", "equipped", "sophisticated"),
    }
)
_CLAUSE_ENDS = frozenset({",", ";", ":", "—", "–", "(", ")", "and", "but", '"', "“", "”"})
_STATUS_TENSES: dict[str, Tense] = {
    **dict.fromkeys(("prospective", "future", "planned", "expected", "scheduled"), "prospective"),
    **dict.fromkeys(("proposed", "offered", "requested", "announced_planned"), "prospective"),
    **dict.fromkeys(("past", "occurred", "held", "completed", "signed"), "past"),
}
_WORDS = re.compile(r"[\w’']+|[^\w\s]")


#: Lemmas of verbs that put what they govern in the future ("scheduled to arrive").
_PLANNING = frozenset({"expect", "schedule", "plan", "intend", "aim", "due", "set", "prepare"})
_WILL = frozenset({"will", "shall", "'ll", "’ll", "wo"})


def from_parse(span: Span) -> Tense | None:
    """Return the tense of the verb a date phrase hangs on in a parsed doc, else ``None``.

    For callers whose doc went through a tagger and parser (pass it as ``tense=`` to
    ``dates.find_dates``): "will", "would" (not "would have"), a verb governed by "expected",
    "scheduled", "plans", "is due", "is set", and a present tense ("returns on Monday", "talks
    resume in August") speak of what is to come; a past tense or participle of what happened.
    Anything else, or an unparsed doc, gives ``None`` and the words decide.
    """
    doc = span.doc
    if not (doc.has_annotation("DEP") and doc.has_annotation("TAG")):
        return None
    verb = span.root
    for _ in range(REACH):  # up to the verb the phrase belongs to, a bounded climb
        if verb.tag_.startswith("VB") or verb.head.i == verb.i:
            break
        verb = verb.head
    if not verb.tag_.startswith("VB"):
        return None
    helpers = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if helpers & _WILL or ("would" in helpers and "have" not in helpers):
        return "prospective"
    planned = verb.lemma_ in _PLANNING or (verb.dep_ == "xcomp" and verb.head.lemma_ in _PLANNING)
    if planned:
        return "prospective"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and helpers & {"have", "has", "had", "was"}):
        return "past"
    return "prospective" if verb.tag_ in {"VBZ", "VBP"} and not helpers else None


def from_hint(hint: str | None) -> Tense | None:
    """Return the tense a caller's hint gives: a tense itself or a record status; else ``None``."""
    if hint is None:
        return None
    return _STATUS_TENSES.get(hint.strip().lower().replace(" ", "_"))


def words_of(text: str) -> list[str]:
    """Split ``text`` into lower-case words and punctuation marks, as ``read`` expects them."""
    return [word.lower() for word in _WORDS.findall(text)]


def read(words: Sequence[str], first: int, last: int) -> tuple[Tense | None, str | None]:
    """Return the tense the words around ``words[first:last]`` give, and the cue that gave it.

    ``words`` are lower-case tokens of the sentence, punctuation included, and the phrase is
    ``words[first:last]``. Neither the phrase itself nor anything beyond ``REACH`` is read, and
    each word at most once.
    """
    back = _scan(words, range(first - 1, max(0, first - REACH) - 1, -1))
    ahead = _scan(words, range(last, min(len(words), last + REACH)))
    for tense, cue in (back[0], ahead[0], back[1], ahead[1]):
        if tense is not None:
            return tense, cue
    return None, None


_Found = tuple[Tense | None, str | None]


def _scan(words: Sequence[str], order: range) -> tuple[_Found, _Found]:
    """Return the first cue within the phrase's clause, and the first one beyond it."""
    crossed = False
    for index in order:
        word = words[index]
        if word in _CLAUSE_ENDS:
            crossed = True
            continue
        tense = _cue(words, index)
        if tense is not None:
            found: _Found = (tense, word)
            return ((None, None), found) if crossed else (found, found)
    return (None, None), (None, None)


#: Verbs whose date is that of a report ("said on Friday", "published last month").
REPORTING = frozenset(
    {
        *("said", "says", "told", "tells", "reported", "reports", "announced", "announces"),
        *("published", "stated", "added", "wrote", "confirmed", "claimed", "quoted", "cited"),
        *("denied", "denies", "briefed"),
    }
)


def reporting_verb(words: Sequence[str], first: int, last: int) -> str | None:
    """Return the reporting verb ``words[first:last]`` dates, if it dates one.

    That is a verb right before the phrase, or with one word between ("told reporters on
    Monday"), or right after it ("on Tuesday said"), with no clause boundary in between.
    """
    before = [w for w in words[max(0, first - 2) : first] if w not in _CLAUSE_ENDS]
    if len(before) == min(2, first):
        for word in reversed(before):
            if word in REPORTING:
                return word
    after = words[last] if last < len(words) else ""
    return after if after in REPORTING else None


_TOTALS = frozenset({"total", "totalled", "totaled", "cumulative", "altogether", "overall"})
_HAVE = frozenset({"have", "has", "had", "'ve", "’ve"})
_PARTICIPLES = frozenset({"been", "come", "left", "fled", "gone", "made", "taken", "seen", "sent"})


def counts_up(words: Sequence[str]) -> bool:
    """Whether a sentence counts something up: "a total of", "have arrived", "had been rescued".

    A perfect tense ("have" then a participle, perhaps after one adverb) or a word of totals.
    """
    for index, word in enumerate(words):
        if word in _TOTALS:
            return True
        if word in _HAVE:
            for following in words[index + 1 : index + 3]:
                if following in _PARTICIPLES or (len(following) > 3 and following.endswith("ed")):
                    return True
    return False


def _cue(words: Sequence[str], index: int) -> Tense | None:
    word = words[index]
    following = words[index + 1] if index + 1 < len(words) else ""
    if word == "would" and following == "have":
        return "past"
    if word in _PROSPECTIVE:
        return "prospective"
    for run in _PROSPECTIVE_RUNS:
        if tuple(words[index : index + len(run)]) == run:
            return "prospective"
    if word in _PAST:
        return "past"
    if len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST:
        return "past"
    return None
