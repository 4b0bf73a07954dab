"""Denials and negations: they change the status of the record they speak of, never make one.

Read from the parse. A sentence whose governing verb is a denial ("Moscow denied that its
forces were involved") proposes nothing of its own: each record it would have proposed instead
marks the last record of the same kind proposed shortly before it (``REACH``) as denied, with
the denial as more evidence, where that kind has a denied status. A trigger noun that is negated
("No agreement has been signed", "did not say whether an agreement was signed") proposes
nothing; one whose text was not published ("It did not publish the text of the memorandum")
marks the agreement it speaks of as undisclosed. A report that only refers back to a force
named before ("the fighters were flown in") is more evidence for that record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .reader import Candidate

#: Verbs of denial (lemmas).
DENYING = frozenset({"deny", "refute", "dismiss"})
#: Verbs whose negation says terms were withheld (lemmas).
WITHHOLDING = frozenset({"publish", "disclose", "release", "reveal"})
#: The status a denial gives, per kind that has one.
DENIED = {"deployments": "denied"}
#: How far (code points) before a denial the record it speaks of may be.
REACH = 600
#: A sentence's usual length at most, to stop looking back early (code points).
CONTEXT = 500
#: Links a negation reaches down through ("did not say whether an agreement was signed"); a
#: coordinated clause ("…, but Algeria wants a pact") has its own.
_SHARED = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp", "prep", "pobj"})


def denies(doc: Doc) -> bool:
    """Whether the sentence's governing verb is a denial ("X denied that …")."""
    return any(t.lemma_ in DENYING and t.dep_ == "ROOT" for t in doc)


def negated(token: Token) -> bool:
    """Whether a trigger word is negated: "no agreement", or a verb above it negated or asked.

    Climbs from the word through the clauses it is in ("did not say whether an agreement was
    signed": the noun's verb "signed" hangs from "say", which is negated).
    """
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True
    current = token
    for _ in range(6):
        if _negates(current):
            return True
        if (
            current.dep_ not in _SHARED and current.dep_ not in ("dobj", "nsubj", "nsubjpass")
        ) or current.head is current:
            return False
        current = current.head
    return False


def _negates(word: Token) -> bool:
    """Whether a word is negated itself: "not", "whether", or a subject with "no"."""
    for child in word.children:
        if child.dep_ == "neg" or (child.dep_ == "mark" and child.lower_ in ("whether", "if")):
            return True
        if (
            word.pos_ in ("VERB", "AUX")
            and child.dep_ in ("nsubj", "nsubjpass")
            and any(d.dep_ == "det" and d.lower_ == "no" for d in child.children)
        ):
            return True  # "No agreement has been signed on …": nothing under it happened
    return False


def withheld(token: Token) -> bool:
    """Whether the text of an agreement was not published ("did not publish the text of X")."""
    current = token
    for _ in range(4):
        if current.head is current:
            return False
        current = current.head
        if current.lemma_ in WITHHOLDING:
            return any(c.dep_ == "neg" for c in current.children)
    return False


def amend(
    found: list[Candidate], new: list[Candidate], denial: Denial | None = None
) -> list[Candidate]:
    """Return the candidates of a sentence to keep; apply its amendments to earlier ones.

    A candidate with ``amends`` set is folded into the last earlier candidate of its kind
    within ``REACH``: its status set, its spans added. A denial keeps nothing of its sentence:
    for each kind it has a trigger of, the last earlier candidate of that kind is denied.
    """
    kept = []
    for candidate in new:
        if (candidate.amends is not None or candidate.refers_back) and not denial:
            _fold(found, candidate.table, candidate.amends, candidate.spans[0], candidate)
        elif not denial:
            kept.append(candidate)
    if denial is not None:
        for table in denial.tables:
            if table in DENIED:
                mine = [c for c in new if c.table == table]
                _fold(found, table, DENIED[table], denial.span, mine[0] if mine else None)
    return kept


@dataclass(frozen=True)
class Denial:
    """A sentence that denies: its span (start, end, fields) and the kinds it has triggers of."""

    span: tuple[int, int, frozenset[str]]
    tables: frozenset[str]


def _fold(
    found: list[Candidate],
    table: str,
    status: str | None,
    span: tuple[int, int, frozenset[str]],
    source: Candidate | None,
) -> None:
    target = None
    for candidate in reversed(found):  # in text order: only the last few can be within reach
        if span[0] - candidate.spans[0][0] > REACH + 10 * CONTEXT:
            break
        if candidate.table == table and 0 <= span[0] - candidate.spans[-1][1] <= REACH:
            target = candidate
            break
    if target is None:
        if status is None and source is not None and source.complete:
            found.append(source)  # "the fighters" with nothing before to refer to: its own
        return  # a denial or negation of nothing proposed: no record of its own
    if status is not None:
        target.fields["status"] = status
    elif source is not None and source.adds:
        # what the follow-up adds and the record lacks ("flown from Damascus"): its origin
        for name, value in source.fields.items():
            if target.fields.get(name) in (None, [], ()) and value not in (None, [], ()):
                target.fields[name] = value
    spans = source.spans if source is not None else [span]
    target.spans += [s for s in spans if s not in target.spans]
    if source is not None:
        target.attributions.update(source.attributions)
    what = f"status '{status}'" if status else "more evidence"
    target.signals.append(f"{what} from a later sentence at {span[0]}")
