"""The catalogue, continued: the rules of curated data, the version, and the review loop.

The rules the data tests used to hold on their own, now ``validate`` problems: a span that says
whom it rests on carries its attribution, a description resting on unnamed sources says so, a
disputed or inferred field rests on a span, two records of one event, ``CITATION.cff``'s
version fields in step. Then ``libyadata version`` and the review of extracted candidates
(reference candidates, ``--attach``, edited candidates, closing sentences, missed records).
Declared with ``catalogue._declare``; ``core.catalogue`` imports this module.
"""

from __future__ import annotations

from .catalogue import CROSS_RECORD, PACKAGE, PROVENANCE, RECORDS, _declare

_ATTRIBUTE = "add `attributed_to` (kind, and name as the seed writes it) to the span"
_VERSION = "`libyadata version --next major|minor|patch` (the version rules decide)"

# One declaration per line group, read as a table, as in ``catalogue``.
# fmt: off

# -- cross-record ------------------------------------------------------------------------------
DUPLICATE_RECORD = _declare("duplicate-record", CROSS_RECORD, "Two records of the same event",
    "{id} and {other} are the same event: the same kind, actors, places and dates",
    "merge the evidence into one record and retract the other, or say in the notes of one why "
    "both stand (naming the other's id)")

PLACE_SAME_GAZETTEER = _declare("place-same-gazetteer", CROSS_RECORD,
    "Two places with the same gazetteer entry",
    "{id} and {other} are the same gazetteer entry ({entry})",
    "keep one place: add the other's spellings to its `names`, point references to it, and "
    "remove the other (or fix the entry that is wrong)")

# -- provenance --------------------------------------------------------------------------------
ATTRIBUTION_MISSING = _declare("attribution-missing", PROVENANCE,
    "A span that says whom it rests on, with no attribution",
    "the quote says whom it rests on ({words!r}) but the span has no attributed_to", _ATTRIBUTE)
ATTRIBUTION_UNSAID = _declare("attribution-unsaid", PROVENANCE,
    "A description stating as fact what unnamed sources say",
    "the {name} rests on a span attributed to unnamed sources but does not say so",
    "write it as the seed does: 'according to …' or '… sources say'")
FIELD_UNSUPPORTED = _declare("field-unsupported", PROVENANCE,
    "A disputed or inferred field that no span supports",
    "{name} is listed in {listed} but no evidence span supports it",
    "add {name} to the `supports` of the span it rests on, or cite the span that does")

# -- package: the release metadata ---------------------------------------------------------------
CITATION_OUT_OF_STEP = _declare("citation-out-of-step", PACKAGE,
    "CITATION.cff's preferred citation disagrees with the release",
    "{shown} says {key} {top} but its preferred-citation says {cited}",
    "set them with " + _VERSION + " or `libyadata version X.Y.Z`; never by hand")

# -- records (no layer of their own): versions and the review loop ------------------------------
REVIEW_ATTACH = _declare("review-attach", RECORDS, "A candidate that cannot be attached",
    "{message}", "give --attach CANDIDATE=RECORD with a candidate of the file and a record id "
    "of its table")
REVIEW_EDITED = _declare("review-edited", RECORDS, "An edited candidate that does not validate",
    "{message}", "fix the candidate's record in the review file, then review again; nothing was "
    "written")
REVIEW_TWICE = _declare("review-twice", RECORDS, "A candidate that is a record already",
    "{number} was accepted already as {record} ({where})",
    "nothing to add: {record} has it already; to close {number} in this review file, "
    "--reject {number} --reason 'already {record}'")
REVIEW_REFERENCE = _declare("review-reference", RECORDS, "A reference candidate that cannot be "
    "accepted", "{message}", "give the reference candidate's kind (and country or parent) in the "
    "review file, or reject it")
REVIEW_UNRELATED = _declare("review-unrelated", RECORDS,
    "A candidate attached to a record it does not fit",
    "{message}", "attach it to the record it reports, or accept or reject it; if you are sure it "
    "is evidence of that record, narrow the `supports` of its spans in the review file to the "
    "fields it does support, then attach it again")
REVIEW_KNOWN_ROW = _declare("review-known-row", RECORDS,
    "A reference candidate that is a row already",
    "{message}", "add the spelling to that row with --attach {number}={row}, or reject "
    "{number} with --reason")
REVIEW_CLOSE = _declare("review-close", RECORDS, "A sentence that cannot be closed",
    "{message}", "close sentences by their number from `libyadata review FILE --sentences`, "
    "with --reason")

# fmt: on
