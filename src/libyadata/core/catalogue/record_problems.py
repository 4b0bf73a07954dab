"""The records layer: each record against its model, and commands of no layer of their own.

A record against its model (pydantic's own error types and the models' own rules), the
forms of values (plain integers, ASCII digits, dates without times, no invisible characters),
the upgrade of an earlier schema version; and, filed here since they have no layer of their
own, locating spans, coverage, the release rules, versions, builds that cannot write, the
project lock and the review loop.
"""

from __future__ import annotations

from ..problemtype import RECORDS, declare
from .hints import RAISE, RELOCATE

#: The layer of ``validate`` this module declares the types of.
LAYER = RECORDS

_CITE = "cite it in a record, or add it to datasets/coverage-exclusions.yaml with a reason"

# -- records: each record against its model -----------------------------------------------------
MISSING_FIELD = declare(
    "missing-field",
    RECORDS,
    "A required field is missing",
    "{message}",
    "add the field",
    pydantic=("missing",),
)

UNKNOWN_FIELD = declare(
    "unknown-field",
    RECORDS,
    "A field the model does not have",
    "{message}",
    "remove the field or correct its name",
    pydantic=("extra_forbidden", "invalid_key"),
)

UNKNOWN_ENUM = declare(
    "unknown-enum",
    RECORDS,
    "A value outside the allowed values",
    "{message}",
    "use one of the allowed values",
    pydantic=("enum", "literal_error"),
)

PATTERN = declare(
    "pattern",
    RECORDS,
    "A value not in the documented form",
    "{message}",
    "write the value in the documented form",
    pydantic=("string_pattern_mismatch",),
)

TOO_SHORT = declare(
    "too-short",
    RECORDS,
    "A text or list shorter than allowed",
    "{message}",
    pydantic=("string_too_short", "too_short"),
)

TOO_LONG = declare(
    "too-long",
    RECORDS,
    "A text or list longer than allowed",
    "{message}",
    "shorten it: text fields are bounded (the codebook gives each limit)",
    pydantic=("string_too_long", "too_long"),
)

OUT_OF_RANGE = declare(
    "out-of-range",
    RECORDS,
    "A number outside its allowed range",
    "{message}",
    "give a value within the documented range (a count is never negative)",
    pydantic=(
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
        "finite_number",
    ),
)

FROZEN = declare(
    "frozen",
    RECORDS,
    "A change to a record, which is immutable",
    "{message}",
    pydantic=("frozen_instance",),
)

WRONG_TYPE = declare(
    "wrong-type",
    RECORDS,
    "A value of the wrong type",
    "{message}",
    "give a value of the documented type",
    pydantic=("int_from_float", "is_instance_of", "model_type", "*_type", "*_parsing"),
)

VALUE_INVALID = declare(
    "value-invalid",
    RECORDS,
    "A value pydantic rejects for a reason with no code of its own",
    "{message}",
    pydantic=("*",),
)

UNKNOWN_FIELD_NAME = declare(
    "unknown-field-name",
    RECORDS,
    "A list of field names naming a field the record does not have",
    "'{name}' is not a field of {kind}{suggestion}",
)

NOTE_REQUIRED = declare(
    "note-required",
    RECORDS,
    "An inferred or resolved value with no note",
    "a value whose basis is '{basis}' needs a note saying how it was {basis}",
)

NOTES_REQUIRED = NOTE_REQUIRED.variant(
    "disputed or inferred fields need notes giving each claim or the reasoning"
)

SOURCE_REQUIRED = declare(
    "source-required",
    RECORDS,
    "An external value with no source",
    "a value whose basis is 'external' needs a source (citation and, if any, url)",
)

SOURCE_WITHOUT_EXTERNAL = declare(
    "source-without-external",
    RECORDS,
    "A source on a value that is not external",
    "a source is given but basis is '{basis}': set basis to 'external' or drop the source",
)

BASIS_RESOLVED_NOT_DATE = declare(
    "basis-resolved-not-date",
    RECORDS,
    "A value other than a date resolved from a relative phrase",
    "only dates are resolved from relative phrases: use 'inferred' with a note",
)

BASIS_VALUE_MISMATCH = declare(
    "basis-value-mismatch",
    RECORDS,
    "A basis that disagrees with whether there is a value",
    "basis is '{basis}' but the value is {state}: use basis 'unknown' exactly when "
    "there is no value",
)

COORDINATES_INCOMPLETE = declare(
    "coordinates-incomplete",
    RECORDS,
    "A latitude without a longitude, or the reverse",
    "give both latitude and longitude, or neither",
)

PLACE_UNLOCATED = declare(
    "place-unlocated",
    RECORDS,
    "A city or facility with neither coordinates nor a reason",
    "the {kind} {name!r} has no coordinates and no `no_coordinates` saying why",
    "run `libyadata geocode`: it writes the gazetteer's point, or the reason none has it",
)

PLACE_PRECISION = declare(
    "place-precision",
    RECORDS,
    "Coordinates that do not say what they are the point of",
    "the gazetteer entry gives a point but no precision (facility, settlement, region, country)",
    "run `libyadata geocode` to fill the entry from its gazetteer",
)

GAZETTEER_PIN = declare(
    "gazetteer-pin",
    RECORDS,
    "A named gazetteer entry that is not there",
    "{reason}",
    "correct the entry's gazetteer, geonames_id or code, or remove them to look the place up "
    "by its names",
)

SPAN_ORDER = declare(
    "span-order",
    RECORDS,
    "A span that ends before it starts",
    "end ({end}) must be greater than start ({start})",
    RELOCATE,
)

SPAN_LENGTH = declare(
    "span-length",
    RECORDS,
    "A quote whose length is not end - start",
    "the quote has {length} code points but end - start is {span}",
    RELOCATE,
)

QUANTITY_ORDER = declare(
    "quantity-order",
    RECORDS,
    "Bounds of a quantity out of order",
    "lower ({lower}) is above upper ({upper})",
)

QUANTITY_OUTSIDE = QUANTITY_ORDER.variant("value ({value}) lies outside lower/upper")

QUANTITY_EMPTY = declare(
    "quantity-empty",
    RECORDS,
    "A quantity with no number",
    "give value, or lower/upper; with no number at all the qualifier must be "
    "'order_of_magnitude' and stated_as carries the words",
)

DATE_BASIS_UNKNOWN = declare(
    "date-basis-unknown",
    RECORDS,
    "A date whose basis is unknown",
    "a date whose basis is unknown is no date: leave the date out instead",
)

DATE_INVALID = declare(
    "date-invalid",
    RECORDS,
    "A date that is not in the calendar",
    "'{value}' is not a calendar date",
)

DATE_VALUE_IN_RANGE = declare(
    "date-value-in-range",
    RECORDS,
    "A date range with a value",
    "a range has no single value: leave value empty and give earliest/latest",
)

DATE_PRECISION = declare(
    "date-precision",
    RECORDS,
    "A date value unlike its precision",
    "precision '{precision}' needs a value of the form {form}, got '{value}'",
)

DATE_BOUNDS = declare(
    "date-bounds",
    RECORDS,
    "Earliest/latest that disagree with the date",
    "earliest/latest must be {first}/{last} for value '{value}' (omit them and they are filled in)",
)

DATE_RANGE_UNBOUNDED = DATE_BOUNDS.variant("a range needs at least one of earliest and latest")

DATE_ORDER = declare(
    "date-order", RECORDS, "Earliest after latest", "earliest {earliest} is after latest {latest}"
)

RETRACTION_TABLE = declare(
    "retraction-table",
    RECORDS,
    "A retraction naming an id of another table",
    "{key} {value} is not an id of the {table} table",
)

BLANK_REASON = declare(
    "blank-reason",
    RECORDS,
    "A coverage exclusion with a blank reason",
    "the reason is blank; say why this text needs no record",
)

REVIEW_INCOMPLETE = declare(
    "review-incomplete",
    RECORDS,
    "An extracted record with no review",
    "{what}: give both reviewed_by and reviewed_on",
)

# -- records (no layer of its own): locating spans, coverage, release rules ---------------------
QUOTE_EMPTY = declare(
    "quote-empty", RECORDS, "An empty quote", "the quote is empty", "copy the quote from the seed"
)

QUOTE_ABSENT = declare(
    "quote-absent",
    RECORDS,
    "A quote that does not occur in its seed",
    "the quote {quote!r} does not occur in the text",
    "copy the quote exactly from the seed, keeping curly quotes, dashes and no-break spaces",
)

QUOTE_AMBIGUOUS = declare(
    "quote-ambiguous",
    RECORDS,
    "A quote that occurs more than once",
    "the quote {quote!r} occurs {count} times",
    "add a `prefix` with the text just before the wanted occurrence, or quote more",
)

PREFIX_UNMATCHED = declare(
    "prefix-unmatched",
    RECORDS,
    "A prefix that picks none of a quote's occurrences",
    "the quote {quote!r} occurs {count} times but never after the prefix {prefix!r}",
    "copy the `prefix` exactly from the text just before the wanted one",
)

SPAN_STALE = declare(
    "span-stale",
    RECORDS,
    "Span offsets not filled in or not current",
    "{keys} not filled or not current",
    "run `libyadata locate`",
)

EVIDENCE_FLOW_STYLE = declare(
    "evidence-flow-style",
    RECORDS,
    "A span written inline, which locate cannot fill",
    "the span is written as `{{...}}`",
    "write it in block style, one `key: value` per line, so it can be filled in place",
)

EVIDENCE_MALFORMED = declare(
    "evidence-malformed",
    RECORDS,
    "A span locate cannot read",
    "a span must be a mapping",
    "write it as `- seed_id: ...` with `quote:` and `supports:` below",
)

EVIDENCE_NO_SEED = EVIDENCE_MALFORMED.variant(
    "no seed_id", hint="add `seed_id:` with the id of the seed the quote is from"
)

EVIDENCE_NO_QUOTE = EVIDENCE_MALFORMED.variant(
    "no quote text", hint="add `quote:` with the text copied from the seed"
)

LOCATE_INTERNAL = declare(
    "locate-internal",
    RECORDS,
    "A locate edit that would not read back",
    "the edited file would not read back as the intended spans; nothing written",
    "report this as a bug in `libyadata locate`, with the file",
)

FILE_UNWRITABLE = declare(
    "file-unwritable", RECORDS, "A file that cannot be written", "{error}", "check the permissions"
)

UNCITED_SENTENCE = declare(
    "uncited-sentence",
    RECORDS,
    "A flagged sentence that no record cites and no exclusion explains",
    "{sentence!r} is cited by no record and has {flags}",
    _CITE,
)

UNCITED_PARTLY_EXCLUDED = UNCITED_SENTENCE.variant(
    hint=(_CITE + " (the exclusion on line {exclusion_line} covers only part of it)")
)

EXCLUSION_QUOTE = declare(
    "exclusion-quote", RECORDS, "An exclusion whose quote is not found", "{reason}"
)

EXCLUSION_PREFIX = EXCLUSION_QUOTE.variant(
    "the prefix {prefix!r} is not the text just before the quote",
    hint="copy the prefix exactly from the seed, or leave it out",
)

EXCLUSION_UNUSED = declare(
    "exclusion-unused",
    RECORDS,
    "An exclusion that explains nothing",
    "the quote {quote} holds no whole sentence of {seed_id}",
    "quote whole sentences: an exclusion explains only the sentences it wholly contains",
)

EXCLUSION_UNNEEDED = EXCLUSION_UNUSED.variant(
    "the quote {quote} explains no flagged, uncited sentence (of the {held} it holds, "
    "{cited} cited and {plain} with nothing flagged)",
    hint="remove the exclusion: no sentence needs it any more",
)

EXCLUSION_CITED = declare(
    "exclusion-cited",
    RECORDS,
    "An exclusion holding cited text",
    "the quote {quote} also holds a sentence that a record cites, on line {cited_line} of "
    "{seed_file}: {sentence!r}",
    "narrow the quote to the sentences no record cites; page furniture is never evidence",
)

REMOVAL_UNRETRACTED = declare(
    "removal-unretracted",
    RECORDS,
    "A released record gone with no retraction",
    "{id} is in {table} of {old} but not of {new}, and no retraction says why",
    "add a retraction for {id} (table: {table}, a reason, retracted_in: {new}), or restore "
    "the record",
)

RETRACTION_VERSION = declare(
    "retraction-version",
    RECORDS,
    "A retraction dated to the wrong version",
    "{id} is retracted in {retracted_in}, but it was still in {old} and is gone from {new}",
    "set retracted_in to {new} (a version after {old}, up to {new})",
)

RETRACTION_DROPPED = declare(
    "retraction-dropped",
    RECORDS,
    "A retraction removed",
    "the retraction of {id} is gone from the new package",
    "retractions are permanent: restore the entry",
)

VERSION_INVALID = declare(
    "version-invalid", RECORDS, "A version that is not SemVer", "{error}", RAISE
)

VERSION_NOT_GREATER = declare(
    "version-not-greater",
    RECORDS,
    "A changed package whose version did not go up",
    "the packages differ but {new} is not greater than {old}",
    RAISE + ": to {next} for these changes",
)

VERSION_BUMP_TOO_SMALL = declare(
    "version-bump-too-small",
    RECORDS,
    "A version bump smaller than the changes need",
    "the changes need a {required} release, but {old} → {new} is a {actual} bump",
    RAISE + ": to {next} at least",
)

OUTPUT_UNWRITABLE = declare(
    "output-unwritable",
    RECORDS,
    "A build that cannot write",
    "cannot write {target}: {reason}",
    "make datasets/, datasets/package and dist/ writable (and free some disk space), then "
    "build again; the previous package and dist/ are unchanged",
)

PROJECT_BUSY = declare(
    "project-busy",
    RECORDS,
    "Another command is changing the project",
    "{error}",
    "wait for the other command to finish; nothing was written",
)

REVIEW_FILE = declare(
    "review-file",
    RECORDS,
    "A review file that is not a sound one",
    "{message}",
    "give the file `libyadata extract` wrote, or extract again",
)

REVIEW_CANDIDATE = declare(
    "review-candidate",
    RECORDS,
    "A candidate that cannot be decided",
    "{shown} has no candidate {number}",
    "use one of: {known}",
)

REVIEW_BOTH_WAYS = REVIEW_CANDIDATE.variant("{numbers} both accepted and rejected", hint="pick one")

REVIEW_DECIDED = REVIEW_CANDIDATE.variant(
    "{number} was already reviewed in this file: {decision}",
    hint="a candidate is decided once; decide the others (`libyadata review FILE "
    "--interactive` shows those undecided)",
)

REVIEW_REASON = declare(
    "review-reason",
    RECORDS,
    "A rejection with no reason",
    "a rejection needs a reason ({numbers})",
    "give --reason, to tell the next reviewer why",
)

# -- records (no layer of their own): versions and the review loop ------------------------------
REVIEW_ATTACH = declare(
    "review-attach",
    RECORDS,
    "A candidate that cannot be attached",
    "{message}",
    "give --attach CANDIDATE=RECORD with a candidate of the file and a record id of its table",
)

REVIEW_EDITED = declare(
    "review-edited",
    RECORDS,
    "An edited candidate that does not validate",
    "{message}",
    "fix the candidate's record in the review file, then review again; nothing was written",
)

REVIEW_TWICE = declare(
    "review-twice",
    RECORDS,
    "A candidate that is a record already",
    "{number} was accepted already as {record} ({where})",
    "nothing to add: {record} has it already; to close {number} in this review file, "
    "--reject {number} --reason 'already {record}'",
)
#: A candidate rejected in an earlier review (of this file or a copy) is not accepted now.
REVIEW_REJECTED_BEFORE = REVIEW_TWICE.variant(
    "{number} was rejected before ({where}: {record}); a candidate is decided once",
    hint=(
        "to accept it after all, remove its entry from {where} (git keeps the history), then "
        "review again"
    ),
)

REVIEW_REFERENCE = declare(
    "review-reference",
    RECORDS,
    "A reference candidate that cannot be accepted",
    "{message}",
    "give the reference candidate's kind (and country or parent) in the review file, or reject it",
)

REVIEW_UNRELATED = declare(
    "review-unrelated",
    RECORDS,
    "A candidate attached to a record it does not fit",
    "{message}",
    "attach it to the record it reports, or accept or reject it; if you are sure it "
    "is evidence of that record, narrow the `supports` of its spans in the review file to the "
    "fields it does support, then attach it again",
)

REVIEW_KNOWN_ROW = declare(
    "review-known-row",
    RECORDS,
    "A reference candidate that is a row already",
    "{message}",
    "add the spelling to that row with --attach {number}={row}, or reject {number} with --reason",
)

REVIEW_CLOSE = declare(
    "review-close",
    RECORDS,
    "A sentence that cannot be closed",
    "{message}",
    "close sentences by their number from `libyadata review FILE --sentences`, with --reason",
)

# -- records: the form of a value, and the upgrade of an earlier schema version -----------------
INTEGER_FORM = declare(
    "integer-form",
    RECORDS,
    "An integer as text, a fraction, a boolean or in another base",
    "{message}",
    "write plain decimal digits (7641), not quoted, 7641.0 or true",
)

NUMBER_FORM = declare(
    "number-form",
    RECORDS,
    "A number given as text or a boolean",
    "{message}",
    "write the number plainly (2000, 1.5, 1.0e+6), without quotes",
)

NON_ASCII_DIGIT = declare(
    "non-ascii-digit",
    RECORDS,
    "Digits of another script in an id, a date or a number",
    "{message}",
    "write the digits as ASCII 0-9",
)

DATE_WITH_TIME = declare(
    "date-with-time",
    RECORDS,
    "A date with a time of day",
    "{value} has a time of day: give the date only, as {day}",
    "give the day only, as YYYY-MM-DD",
)

INVISIBLE_CHARACTER = declare(
    "invisible-character",
    RECORDS,
    "An invisible control, bidi or zero-width character in text",
    "the text holds {char} at character {at}, after "
    "'{before}': it can hide or reorder what readers see",
    "delete it; only a quote or a spelling copied from a seed may hold what the seed holds",
)

DUPLICATE_ITEM = declare(
    "duplicate-item",
    RECORDS,
    "The same item twice in one list",
    "item {second} repeats item {first} ({item})",
    "list each item once; two spans of the same text are one span, with the supports of both",
)

QUANTITY_RANGE = declare(
    "quantity-range",
    RECORDS,
    "A quantity beyond what its unit can count",
    "{part} {number} is more than any quantity in {unit} can be (at most {limit})",
    "check the number and its unit",
)

DATE_AS_NUMBER = declare(
    "date-as-number",
    RECORDS,
    "A date written as a number",
    "{value} is a number, not a date: a number would be read as seconds since 1970",
    'write the date as ISO text in quotes: "2016-05-01", "2016-05" or "2016"',
)

PUBLICATION_DATE = declare(
    "publication-date",
    RECORDS,
    "A publication date in the future or before 1900",
    "the publication date {first}..{last} is {why}",
    "check the year: a seed is published no earlier than 1900 and not after today",
)

FORMULA_TEXT = declare(
    "formula-text",
    RECORDS,
    "Text a spreadsheet would run as a formula",
    "the text starts with {char}: a spreadsheet opening the CSV would run it as a formula",
    "start the text with a word (rephrase it, or drop the leading {char})",
)

MIGRATION_FAILED = declare(
    "migration-failed",
    RECORDS,
    "A record of an earlier schema version that the current one cannot take",
    "cannot upgrade from schema v{old} to v{new}: {reason}",
)

RELEASE_UNWRITABLE = OUTPUT_UNWRITABLE.variant(
    hint="make the checkout writable, then release again; nothing was changed"
)
