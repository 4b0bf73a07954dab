"""The catalogue of problem types: every reason code, its layer, title, message and hint.

The one place a reason code is written. Each ``ProblemType`` is declared here once and
problems are built by calling it (``SPAN_RANGE(end=..., size=..., field="end")``); a model
validator raises ``DATE_BOUNDS.error(...)``. A type worded another way at another place keeps
its code: it is a ``variant`` of the declared one, and declared here too. A family
(``frictionless-<type>``) is one entry whose members are built with ``member``.
``docs/problems.md`` is generated from it (``python -m libyadata.core.problemdoc``).

``catalogue_package`` declares the package layer's types the same way, ``catalogue_inputs``
the forms of values, ``catalogue_curation`` the rules of curated data, versions and review.

Adding a code: declare it below (or there), in its layer's group, and add a test that produces
it (the test run fails naming any declared code that no test produced).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .problemtype import ProblemType, UnknownProblemError

#: The layers of ``validate``, in the order they run.
PARSE = "parse"
RECORDS = "records"
CROSS_RECORD = "cross-record"
PROVENANCE = "provenance"
SCHEMA = "schema"
PACKAGE = "package"
LAYERS: tuple[str, ...] = (PARSE, RECORDS, CROSS_RECORD, PROVENANCE, SCHEMA, PACKAGE)

_TYPES: dict[str, ProblemType] = {}
#: Every declared type by code (a family under its prefix), in the order declared.
CATALOGUE: Mapping[str, ProblemType] = MappingProxyType(_TYPES)


def _declare(
    code: str,
    layer: str,
    title: str,
    template: str,
    hint: str | None = None,
    *,
    pydantic: tuple[str, ...] = (),
    family: str = "",
) -> ProblemType:
    if code in _TYPES or layer not in LAYERS:
        raise ValueError(f"{code}: declared twice, or {layer!r} is not a layer")
    _TYPES[code] = ProblemType(code, layer, title, template, hint, pydantic, family)
    return _TYPES[code]


def problem_type(code: str) -> ProblemType:
    """Return the type of ``code`` (a family's for a member); ``UnknownProblemError`` if none."""
    found = _TYPES.get(code)
    if found is not None and not found.family:
        return found
    for kind in _FAMILIES:
        if code.startswith(kind.code) and len(code) > len(kind.code):
            return kind
    raise UnknownProblemError(f"{code!r} is not a reason code of the catalogue")


_RELOCATE = "run `libyadata locate` to recompute start, end, prefix and suffix from the quote"
_REBUILD = "run `libyadata build` to write the package again"
_RESTORE = "download the release again, or rebuild the package with `libyadata build`"
_BUILD = "run `libyadata build` and commit datasets/package"
_SCHEMA = "run `libyadata schema export` and commit the result"
_RAISE = "raise the version with `libyadata version --next major|minor|patch` (or X.Y.Z)"
_RESTORE_SEED = "restore {shown} byte for byte from the original (../shared/seeds/{seed_file})"
_FIX_YAML = "fix the YAML at that line"
_CITE = "cite it in a record, or add it to datasets/coverage-exclusions.yaml with a reason"

# One declaration per line group, read as a table; the formatter would spread each over
# seven lines.
# fmt: off

# -- parse: the files load ----------------------------------------------------------------------
YAML_SYNTAX = _declare("yaml-syntax", PARSE, "YAML that does not parse", "{reason}", _FIX_YAML)
YAML_TOO_DEEP = YAML_SYNTAX.variant("the YAML nests too deeply to read", hint=(
    "a curated record is a few levels deep: fix the brackets or indentation"))
YAML_TAG = YAML_SYNTAX.variant("a tagged value cannot be read: {error}",
    hint="remove the `!!` tag and write the value plainly")
YAML_CORE_TAGS_HINT = ("write the value plainly, without a tag: only YAML's core schema (text, "
    "numbers, true/false, null, lists and mappings) is read")
YAML_ALIASES = _declare("yaml-aliases", PARSE, "YAML aliases that expand too far, or into "
    "themselves", "{reason}", "write each value out in full instead of through an alias (*name)")
DUPLICATE_KEY = _declare("duplicate-key", PARSE, "A key written twice in one mapping",
    "{reason}", _FIX_YAML)
TAB = _declare("tab", PARSE, "A tab in the indentation", "a tab indents this line",
    "indent with spaces")
BOM = _declare("bom", PARSE, "A byte-order mark", "the file starts with a byte-order mark",
    "save it as UTF-8 without BOM")
ENCODING = _declare("encoding", PARSE, "A file that is not UTF-8",
    "not UTF-8: {reason} at byte {offset}", "save the file as UTF-8")
BINARY = _declare("binary", PARSE, "A binary file",
    "the file holds a NUL byte (at byte {offset}): it is binary, not YAML",
    "restore the file from git; curated files are UTF-8 text")
EMPTY_FILE = _declare("empty-file", PARSE, "A file with no YAML document",
    "the file holds no YAML document, so every record it held is gone",
    "restore the records from git; a table with no records is written `[]`")
NOT_A_LIST = _declare("not-a-list", PARSE, "A file that is not a list of records",
    "the file must hold a list of records (`- id: ...`)", "start each record with '- '")
NOT_A_MAPPING = _declare("not-a-mapping", PARSE, "A record that is not a mapping",
    "a record must be a mapping of field: value", "write the record as `- field: value`")
FILE_TOO_LARGE = _declare("file-too-large", PARSE, "A curated file over the size limit",
    "the file has {size} bytes, more than the {limit} a curated file may have",
    "split the table, or check that this is the file you meant")
FILE_UNREADABLE = _declare("file-unreadable", PARSE, "A file that cannot be read", "{error}",
    "check the path")
FILE_NOT_REGULAR = _declare("file-not-regular", PARSE,
    "A pipe, device or socket in place of a curated file",
    "the path is {kind}: it cannot be read as a curated file",
    "put the curated YAML file itself there (restore it from git)")
JSON_SYNTAX = _declare("json-syntax", PARSE, "A line of a package's data that is not JSON",
    "{message}", pydantic=("json_invalid",))

# -- records: each record against its model -----------------------------------------------------
MISSING_FIELD = _declare("missing-field", RECORDS, "A required field is missing", "{message}",
    "add the field", pydantic=("missing",))
UNKNOWN_FIELD = _declare("unknown-field", RECORDS, "A field the model does not have",
    "{message}", "remove the field or correct its name",
    pydantic=("extra_forbidden", "invalid_key"))
UNKNOWN_ENUM = _declare("unknown-enum", RECORDS, "A value outside the allowed values",
    "{message}", "use one of the allowed values", pydantic=("enum", "literal_error"))
PATTERN = _declare("pattern", RECORDS, "A value not in the documented form", "{message}",
    "write the value in the documented form", pydantic=("string_pattern_mismatch",))
TOO_SHORT = _declare("too-short", RECORDS, "A text or list shorter than allowed", "{message}",
    pydantic=("string_too_short", "too_short"))
TOO_LONG = _declare("too-long", RECORDS, "A text or list longer than allowed", "{message}",
    "shorten it: text fields are bounded (the codebook gives each limit)",
    pydantic=("string_too_long", "too_long"))
OUT_OF_RANGE = _declare("out-of-range", RECORDS, "A number outside its allowed range",
    "{message}", "give a value within the documented range (a count is never negative)", pydantic=(
        "greater_than", "greater_than_equal", "less_than", "less_than_equal", "finite_number"))
FROZEN = _declare("frozen", RECORDS, "A change to a record, which is immutable", "{message}",
    pydantic=("frozen_instance",))
WRONG_TYPE = _declare("wrong-type", RECORDS, "A value of the wrong type", "{message}",
    "give a value of the documented type",
    pydantic=("int_from_float", "is_instance_of", "model_type", "*_type", "*_parsing"))
VALUE_INVALID = _declare("value-invalid", RECORDS,
    "A value pydantic rejects for a reason with no code of its own", "{message}",
    pydantic=("*",))
UNKNOWN_FIELD_NAME = _declare("unknown-field-name", RECORDS,
    "A list of field names naming a field the record does not have",
    "'{name}' is not a field of {kind}{suggestion}")
NOTE_REQUIRED = _declare("note-required", RECORDS, "An inferred or resolved value with no note",
    "a value whose basis is '{basis}' needs a note saying how it was {basis}")
NOTES_REQUIRED = NOTE_REQUIRED.variant(
    "disputed or inferred fields need notes giving each claim or the reasoning")
SOURCE_REQUIRED = _declare("source-required", RECORDS, "An external value with no source",
    "a value whose basis is 'external' needs a source (citation and, if any, url)")
SOURCE_WITHOUT_EXTERNAL = _declare("source-without-external", RECORDS,
    "A source on a value that is not external",
    "a source is given but basis is '{basis}': set basis to 'external' or drop the source")
BASIS_RESOLVED_NOT_DATE = _declare("basis-resolved-not-date", RECORDS,
    "A value other than a date resolved from a relative phrase",
    "only dates are resolved from relative phrases: use 'inferred' with a note")
BASIS_VALUE_MISMATCH = _declare("basis-value-mismatch", RECORDS,
    "A basis that disagrees with whether there is a value",
    "basis is '{basis}' but the value is {state}: use basis 'unknown' exactly when "
    "there is no value")
COORDINATES_INCOMPLETE = _declare("coordinates-incomplete", RECORDS,
    "A latitude without a longitude, or the reverse",
    "give both latitude and longitude, or neither")
PLACE_UNLOCATED = _declare("place-unlocated", RECORDS,
    "A city or facility with neither coordinates nor a reason",
    "the {kind} {name!r} has no coordinates and no `no_coordinates` saying why",
    "run `libyadata geocode`: it writes the gazetteer's point, or the reason none has it")
PLACE_PRECISION = _declare("place-precision", RECORDS,
    "Coordinates that do not say what they are the point of",
    "the gazetteer entry gives a point but no precision (facility, settlement, region, country)",
    "run `libyadata geocode` to fill the entry from its gazetteer")
GAZETTEER_PIN = _declare("gazetteer-pin", RECORDS, "A named gazetteer entry that is not there",
    "{reason}",
    "correct the entry's gazetteer, geonames_id or code, or remove them to look the place up "
    "by its names")
SPAN_ORDER = _declare("span-order", RECORDS, "A span that ends before it starts",
    "end ({end}) must be greater than start ({start})", _RELOCATE)
SPAN_LENGTH = _declare("span-length", RECORDS, "A quote whose length is not end - start",
    "the quote has {length} code points but end - start is {span}", _RELOCATE)
QUANTITY_ORDER = _declare("quantity-order", RECORDS, "Bounds of a quantity out of order",
    "lower ({lower}) is above upper ({upper})")
QUANTITY_OUTSIDE = QUANTITY_ORDER.variant("value ({value}) lies outside lower/upper")
QUANTITY_EMPTY = _declare("quantity-empty", RECORDS, "A quantity with no number",
    "give value, or lower/upper; with no number at all the qualifier must be "
    "'order_of_magnitude' and stated_as carries the words")
DATE_BASIS_UNKNOWN = _declare("date-basis-unknown", RECORDS, "A date whose basis is unknown",
    "a date whose basis is unknown is no date: leave the date out instead")
DATE_INVALID = _declare("date-invalid", RECORDS, "A date that is not in the calendar",
    "'{value}' is not a calendar date")
DATE_VALUE_IN_RANGE = _declare("date-value-in-range", RECORDS, "A date range with a value",
    "a range has no single value: leave value empty and give earliest/latest")
DATE_PRECISION = _declare("date-precision", RECORDS, "A date value unlike its precision",
    "precision '{precision}' needs a value of the form {form}, got '{value}'")
DATE_BOUNDS = _declare("date-bounds", RECORDS, "Earliest/latest that disagree with the date",
    "earliest/latest must be {first}/{last} for value '{value}' "
    "(omit them and they are filled in)")
DATE_RANGE_UNBOUNDED = DATE_BOUNDS.variant("a range needs at least one of earliest and latest")
DATE_ORDER = _declare("date-order", RECORDS, "Earliest after latest",
    "earliest {earliest} is after latest {latest}")
RETRACTION_TABLE = _declare("retraction-table", RECORDS,
    "A retraction naming an id of another table",
    "{key} {value} is not an id of the {table} table")
BLANK_REASON = _declare("blank-reason", RECORDS, "A coverage exclusion with a blank reason",
    "the reason is blank; say why this text needs no record")
REVIEW_INCOMPLETE = _declare("review-incomplete", RECORDS, "An extracted record with no review",
    "{what}: give both reviewed_by and reviewed_on")

# -- cross-record: ids, foreign keys, retractions -----------------------------------------------
FOREIGN_KEY = _declare("foreign-key", CROSS_RECORD, "A reference to an id that does not exist",
    "{value} is not the id of any row of {target}",
    "add {value} to {target}, or correct the reference")
FOREIGN_KEY_SEED = FOREIGN_KEY.variant("{seed_id} is not the id of any seed",
    hint="use the id of a seed in seeds/sources.yaml")
DUPLICATE_ID = _declare("duplicate-id", CROSS_RECORD, "Two records of a table with one id",
    "{id} is already used on line {first}", "give the record a new id; ids are never reused")
DUPLICATE_ID_IN_TABLE = DUPLICATE_ID.variant(
    "{id} is already the id of an earlier record of this table")
ID_REUSED = _declare("id-reused", CROSS_RECORD, "An id used by two tables, or after retraction",
    "{id} is already the id of a record of {owner}",
    "give the record a new id of its own table's form; ids are never shared between tables")
ID_REUSED_AFTER_RETRACTION = ID_REUSED.variant(
    "{id} was retracted in {retracted_in} and is back as a new record",
    hint="ids are never reused: give the record a new id")
RETRACTION_LIVE = _declare("retraction-live", CROSS_RECORD, "A retracted id that is still live",
    "{id} is retracted but is still a record of {table}",
    "delete {id} from its file, or drop this retraction if it was never released; "
    "a retracted id is never reused")
RETRACTION_REPLACEMENT = _declare("retraction-replacement", CROSS_RECORD,
    "A retraction replaced by an id that is not live",
    "{replacement} is not the id of any record of {table}",
    "name a live record of {table}, or leave replaced_by out")

# -- provenance: seeds, spans, names, dates -----------------------------------------------------
SEED_UNLISTED = _declare("seed-unlisted", PROVENANCE, "A seed file with no metadata entry",
    "{path} has no entry", "add an entry for it to the seed metadata, or remove the file")
SEED_LISTED_TWICE = _declare("seed-listed-twice", PROVENANCE, "A seed file listed twice",
    "{seed_file} is also listed as {other}", "list each file once")
SEED_ID_MISMATCH = _declare("seed-id-mismatch", PROVENANCE,
    "A seed id unlike its file's number", "{id} does not match the file number of {seed_file}",
    "use SEED- and the file's leading number")
SEED_MISSING = _declare("seed-missing", PROVENANCE, "A listed seed file that does not exist",
    "{shown} does not exist", _RESTORE_SEED)
SEED_NOT_REGULAR = _declare("seed-not-regular", PROVENANCE,
    "A pipe, device or socket in place of a seed file", "{shown} is {kind}", _RESTORE_SEED)
SEED_RESOURCE_MISSING = SEED_MISSING.variant("the package has no resource {name} for {id}",
    hint=_RESTORE)
SEED_LENGTH = _declare("seed-length", PROVENANCE, "A seed file of the wrong size",
    "{shown} has {size} bytes, the metadata says {expected}", _RESTORE_SEED)
SEED_HASH = _declare("seed-hash", PROVENANCE, "A seed file whose sha256 differs",
    "{shown} has sha256 {digest}, the metadata says {expected}", _RESTORE_SEED)
SEED_ENCODING = _declare("seed-encoding", PROVENANCE, "A seed file that is not UTF-8",
    "{shown} is not UTF-8 ({reason} at byte {offset})", _RESTORE_SEED)
SEED_CODE_POINTS = _declare("seed-code-points", PROVENANCE,
    "A seed whose code point count differs from its metadata",
    "{shown} has {count} code points, the metadata says {expected}",
    "correct the count in the metadata")
SEED_UNVERIFIED = _declare("seed-unverified", PROVENANCE, "A span citing a seed that failed",
    "{seed_id} failed verification, so its spans cannot be checked",
    "fix the seed problems reported above")
SEED_UNKNOWN = _declare("seed-unknown", PROVENANCE, "A span citing no usable seed (locate)",
    "{seed_id} {why}", "use a seed of seeds/sources.yaml; `libyadata validate` says why one fails")
SPAN_RANGE = _declare("span-range", PROVENANCE, "A span past the end of its seed",
    "end {end} is past the end of the text ({size} code points)", _RELOCATE)
QUOTE_MISMATCH = _declare("quote-mismatch", PROVENANCE, "A quote that is not the seed's text",
    "the text at {start}:{end} is {actual!r}, not the quote {quote!r}", _RELOCATE)
PREFIX_MISMATCH = _declare("prefix-mismatch", PROVENANCE, "A prefix that is not the text before",
    "the prefix is not the text just before the span", _RELOCATE)
SUFFIX_MISMATCH = _declare("suffix-mismatch", PROVENANCE, "A suffix that is not the text after",
    "the suffix is not the text just after the span", _RELOCATE)
PREFIX_MISSING = _declare("prefix-missing", PROVENANCE, "A span with no prefix",
    "the span does not start the text, so it needs a prefix", _RELOCATE)
SUFFIX_MISSING = _declare("suffix-missing", PROVENANCE, "A span with no suffix",
    "the span does not end the text, so it needs a suffix", _RELOCATE)
SPLIT_CLUSTER = _declare("split-cluster", PROVENANCE,
    "A span boundary between a letter and its marks",
    "{boundary} {offset} splits a letter from its combining marks",
    "move the boundary so a letter keeps its combining marks")
SPLIT_CLUSTER_QUOTE = SPLIT_CLUSTER.variant(
    hint="quote a little more or less, so no letter is cut from its combining marks")
NAME_NOT_IN_SEED = _declare("name-not-in-seed", PROVENANCE, "A name its seed does not write",
    "{name!r} does not occur in {seed_id}",
    "copy the spelling exactly as the seed writes it, or cite another seed")
DATE_AFTER_PUBLICATION = _declare("date-after-publication", PROVENANCE,
    "A date after every cited seed was published",
    "the {date_field} starts {earliest}, after the latest publication of the seeds the record "
    "cites ({last})",
    "check the year; a source cannot report what had not happened when it was published, so "
    "such a record's status is planned")

# -- records (no layer of its own): locating spans, coverage, release rules ---------------------
QUOTE_EMPTY = _declare("quote-empty", RECORDS, "An empty quote", "the quote is empty",
    "copy the quote from the seed")
QUOTE_ABSENT = _declare("quote-absent", RECORDS, "A quote that does not occur in its seed",
    "the quote {quote!r} does not occur in the text",
    "copy the quote exactly from the seed, keeping curly quotes, dashes and no-break spaces")
QUOTE_AMBIGUOUS = _declare("quote-ambiguous", RECORDS, "A quote that occurs more than once",
    "the quote {quote!r} occurs {count} times",
    "add a `prefix` with the text just before the wanted occurrence, or quote more")
PREFIX_UNMATCHED = _declare("prefix-unmatched", RECORDS,
    "A prefix that picks none of a quote's occurrences",
    "the quote {quote!r} occurs {count} times but never after the prefix {prefix!r}",
    "copy the `prefix` exactly from the text just before the wanted one")
SPAN_STALE = _declare("span-stale", RECORDS, "Span offsets not filled in or not current",
    "{keys} not filled or not current", "run `libyadata locate`")
EVIDENCE_FLOW_STYLE = _declare("evidence-flow-style", RECORDS,
    "A span written inline, which locate cannot fill", "the span is written as `{{...}}`",
    "write it in block style, one `key: value` per line, so it can be filled in place")
EVIDENCE_MALFORMED = _declare("evidence-malformed", RECORDS, "A span locate cannot read",
    "a span must be a mapping", "write it as `- seed_id: ...` with `quote:` and `supports:` below")
EVIDENCE_NO_SEED = EVIDENCE_MALFORMED.variant("no seed_id",
    hint="add `seed_id:` with the id of the seed the quote is from")
EVIDENCE_NO_QUOTE = EVIDENCE_MALFORMED.variant("no quote text",
    hint="add `quote:` with the text copied from the seed")
LOCATE_INTERNAL = _declare("locate-internal", RECORDS, "A locate edit that would not read back",
    "the edited file would not read back as the intended spans; nothing written",
    "report this as a bug in `libyadata locate`, with the file")
FILE_UNWRITABLE = _declare("file-unwritable", RECORDS, "A file that cannot be written",
    "{error}", "check the permissions")
UNCITED_SENTENCE = _declare("uncited-sentence", RECORDS,
    "A flagged sentence that no record cites and no exclusion explains",
    "{sentence!r} is cited by no record and has {flags}", _CITE)
UNCITED_PARTLY_EXCLUDED = UNCITED_SENTENCE.variant(hint=(
    _CITE + " (the exclusion on line {exclusion_line} covers only part of it)"))
EXCLUSION_QUOTE = _declare("exclusion-quote", RECORDS, "An exclusion whose quote is not found",
    "{reason}")
EXCLUSION_PREFIX = EXCLUSION_QUOTE.variant(
    "the prefix {prefix!r} is not the text just before the quote",
    hint="copy the prefix exactly from the seed, or leave it out")
EXCLUSION_UNUSED = _declare("exclusion-unused", RECORDS, "An exclusion that explains nothing",
    "the quote {quote} holds no whole sentence of {seed_id}",
    "quote whole sentences: an exclusion explains only the sentences it wholly contains")
EXCLUSION_UNNEEDED = EXCLUSION_UNUSED.variant(
    "the quote {quote} explains no flagged, uncited sentence (of the {held} it holds, "
    "{cited} cited and {plain} with nothing flagged)",
    hint="remove the exclusion: no sentence needs it any more")
EXCLUSION_CITED = _declare("exclusion-cited", RECORDS, "An exclusion holding cited text",
    "the quote {quote} also holds a sentence that a record cites, on line {cited_line} of "
    "{seed_file}: {sentence!r}",
    "narrow the quote to the sentences no record cites; page furniture is never evidence")
REMOVAL_UNRETRACTED = _declare("removal-unretracted", RECORDS,
    "A released record gone with no retraction",
    "{id} is in {table} of {old} but not of {new}, and no retraction says why",
    "add a retraction for {id} (table: {table}, a reason, retracted_in: {new}), or restore "
    "the record")
RETRACTION_VERSION = _declare("retraction-version", RECORDS,
    "A retraction dated to the wrong version",
    "{id} is retracted in {retracted_in}, but it was still in {old} and is gone from {new}",
    "set retracted_in to {new} (a version after {old}, up to {new})")
RETRACTION_DROPPED = _declare("retraction-dropped", RECORDS, "A retraction removed",
    "the retraction of {id} is gone from the new package",
    "retractions are permanent: restore the entry")
VERSION_INVALID = _declare("version-invalid", RECORDS, "A version that is not SemVer",
    "{error}", _RAISE)
VERSION_NOT_GREATER = _declare("version-not-greater", RECORDS,
    "A changed package whose version did not go up",
    "the packages differ but {new} is not greater than {old}",
    _RAISE + ": to {next} for these changes")
VERSION_BUMP_TOO_SMALL = _declare("version-bump-too-small", RECORDS,
    "A version bump smaller than the changes need",
    "the changes need a {required} release, but {old} → {new} is a {actual} bump",
    _RAISE + ": to {next} at least")
OUTPUT_UNWRITABLE = _declare("output-unwritable", RECORDS, "A build that cannot write",
    "cannot write {target}: {reason}",
    "make datasets/, datasets/package and dist/ writable (and free some disk space), then "
    "build again; the previous package and dist/ are unchanged")

# -- growing the dataset: seed add, extract, review (no layer of their own) ---------------------
SEED_TOO_LARGE = FILE_TOO_LARGE.variant("{shown} has {size} bytes, more than the {limit} a seed "
    "may have", hint="register the article itself, not a page dump or a collection")
SEED_EMPTY = EMPTY_FILE.variant("{shown} is empty", hint="give the file holding the article")
SEED_BINARY = BINARY.variant("{shown} holds a NUL byte (at byte {offset}): it is binary, not "
    "text", hint="save the article as plain UTF-8 text first")
SEED_BOM = BOM.variant("{shown} starts with a byte-order mark", hint="save it as UTF-8 without BOM")
SEED_FILE_NAME = _declare("seed-file-name", PROVENANCE,
    "A seed file name that does not carry its own hash",
    "{shown} is named for sha256 {named}…, but its bytes have sha256 {digest}…", _RESTORE_SEED)
SEED_ORIGINAL = _declare("seed-original", PROVENANCE, "A seed unlike its original",
    "{shown} differs from its original ({where})", _RESTORE_SEED)
SEED_DATE = _declare("seed-date", PROVENANCE, "A publication date that does not parse", "{error}",
    "give YYYY-MM-DD, YYYY-MM or YYYY (2023-09-27, 2023-09 or 2023)")
SEED_REGISTERED = _declare("seed-registered", PROVENANCE, "A text that is registered already",
    "{shown} is already registered as {seed_id} (same sha256 {digest}…)", "use {seed_id}")
SEED_METADATA = _declare("seed-metadata", PROVENANCE, "Seed metadata that cannot take an entry",
    "{shown} has problems ({first}); nothing was registered", "fix it (`libyadata validate`)")
SEED_METADATA_ROUND_TRIP = SEED_METADATA.variant("the new entry would not read back from "
    "{shown}; nothing was registered", hint="report this as a bug in `libyadata seed add`")
PROJECT_BUSY = _declare("project-busy", RECORDS, "Another command is changing the project",
    "{error}", "wait for the other command to finish; nothing was written")
REVIEW_FILE = _declare("review-file", RECORDS, "A review file that is not a sound one",
    "{message}", "give the file `libyadata extract` wrote, or extract again")
REVIEW_CANDIDATE = _declare("review-candidate", RECORDS, "A candidate that cannot be decided",
    "{shown} has no candidate {number}", "use one of: {known}")
REVIEW_BOTH_WAYS = REVIEW_CANDIDATE.variant("{numbers} both accepted and rejected", hint="pick one")
REVIEW_DECIDED = REVIEW_CANDIDATE.variant("{number} was already reviewed in this file: "
    "{decision}", hint="a candidate is decided once; decide the others (`libyadata review FILE "
    "--interactive` shows those undecided)")
REVIEW_REASON = _declare("review-reason", RECORDS, "A rejection with no reason",
    "a rejection needs a reason ({numbers})", "give --reason, to tell the next reviewer why")

# -- schema: committed schemas against the models -----------------------------------------------
SCHEMA_MISSING = _declare("schema-missing", SCHEMA, "A generated schema that is not committed",
    "{shown} is not committed", _SCHEMA)
SCHEMA_DRIFT = _declare("schema-drift", SCHEMA, "A committed schema unlike the models'",
    "{shown} differs from what the models generate", _SCHEMA)
SCHEMA_STALE = _declare("schema-stale", SCHEMA, "A committed schema no longer generated",
    "{shown} is no longer generated", _SCHEMA)

# fmt: on

# The package layer, and the input forms and schema versions, declared in their own modules:
# imported so that CATALOGUE holds them.
from . import catalogue_curation, catalogue_inputs, catalogue_package  # noqa: E402, F401

_FAMILIES = tuple(kind for kind in _TYPES.values() if kind.family)

#: pydantic's own error types, by name, to the type they are reported as (see ``pydantic``).
PYDANTIC_TYPES: dict[str, ProblemType] = {
    name: kind for kind in _TYPES.values() for name in kind.pydantic if not name.startswith("*")
}
