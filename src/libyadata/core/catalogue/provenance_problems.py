"""The provenance layer: seeds, spans, names, dates and attribution.

Every span against its seed text: the seed files and their metadata, offsets, quotes,
prefixes and suffixes, names and dates the seed does not write, attribution; and
registering a new seed (``libyadata seed add``).
"""

from __future__ import annotations

from ..problemtype import PROVENANCE, declare
from .hints import RELOCATE, RESTORE

#: The layer of ``validate`` this module declares the types of.
LAYER = PROVENANCE

_RESTORE_SEED = "restore {shown} byte for byte from the original (../shared/seeds/{seed_file})"

_ATTRIBUTE = "add `attributed_to` (kind, and name as the seed writes it) to the span"

# -- provenance: seeds, spans, names, dates -----------------------------------------------------
SEED_UNLISTED = declare(
    "seed-unlisted",
    PROVENANCE,
    "A seed file with no metadata entry",
    "{path} has no entry",
    "add an entry for it to the seed metadata, or remove the file",
)

SEED_LISTED_TWICE = declare(
    "seed-listed-twice",
    PROVENANCE,
    "A seed file listed twice",
    "{seed_file} is also listed as {other}",
    "list each file once",
)

SEED_ID_MISMATCH = declare(
    "seed-id-mismatch",
    PROVENANCE,
    "A seed id unlike its file's number",
    "{id} does not match the file number of {seed_file}",
    "use SEED- and the file's leading number",
)

SEED_MISSING = declare(
    "seed-missing",
    PROVENANCE,
    "A listed seed file that does not exist",
    "{shown} does not exist",
    _RESTORE_SEED,
)

SEED_NOT_REGULAR = declare(
    "seed-not-regular",
    PROVENANCE,
    "A pipe, device or socket in place of a seed file",
    "{shown} is {kind}",
    _RESTORE_SEED,
)

SEED_RESOURCE_MISSING = SEED_MISSING.variant(
    "the package has no resource {name} for {id}", hint=RESTORE
)

SEED_LENGTH = declare(
    "seed-length",
    PROVENANCE,
    "A seed file of the wrong size",
    "{shown} has {size} bytes, the metadata says {expected}",
    _RESTORE_SEED,
)

SEED_HASH = declare(
    "seed-hash",
    PROVENANCE,
    "A seed file whose sha256 differs",
    "{shown} has sha256 {digest}, the metadata says {expected}",
    _RESTORE_SEED,
)

SEED_ENCODING = declare(
    "seed-encoding",
    PROVENANCE,
    "A seed file that is not UTF-8",
    "{shown} is not UTF-8 ({reason} at byte {offset})",
    _RESTORE_SEED,
)

SEED_CODE_POINTS = declare(
    "seed-code-points",
    PROVENANCE,
    "A seed whose code point count differs from its metadata",
    "{shown} has {count} code points, the metadata says {expected}",
    "correct the count in the metadata",
)

SEED_UNVERIFIED = declare(
    "seed-unverified",
    PROVENANCE,
    "A span citing a seed that failed",
    "{seed_id} failed verification, so its spans cannot be checked",
    "fix the seed problems reported above",
)

SEED_UNKNOWN = declare(
    "seed-unknown",
    PROVENANCE,
    "A span citing no usable seed (locate)",
    "{seed_id} {why}",
    "use a seed of seeds/sources.yaml; `libyadata validate` says why one fails",
)

SPAN_RANGE = declare(
    "span-range",
    PROVENANCE,
    "A span past the end of its seed",
    "end {end} is past the end of the text ({size} code points)",
    RELOCATE,
)

QUOTE_MISMATCH = declare(
    "quote-mismatch",
    PROVENANCE,
    "A quote that is not the seed's text",
    "the text at {start}:{end} is {actual!r}, not the quote {quote!r}",
    RELOCATE,
)

PREFIX_MISMATCH = declare(
    "prefix-mismatch",
    PROVENANCE,
    "A prefix that is not the text before",
    "the prefix is not the text just before the span",
    RELOCATE,
)

SUFFIX_MISMATCH = declare(
    "suffix-mismatch",
    PROVENANCE,
    "A suffix that is not the text after",
    "the suffix is not the text just after the span",
    RELOCATE,
)

PREFIX_MISSING = declare(
    "prefix-missing",
    PROVENANCE,
    "A span with no prefix",
    "the span does not start the text, so it needs a prefix",
    RELOCATE,
)

SUFFIX_MISSING = declare(
    "suffix-missing",
    PROVENANCE,
    "A span with no suffix",
    "the span does not end the text, so it needs a suffix",
    RELOCATE,
)

SPLIT_CLUSTER = declare(
    "split-cluster",
    PROVENANCE,
    "A span boundary between a letter and its marks",
    "{boundary} {offset} splits a letter from its combining marks",
    "move the boundary so a letter keeps its combining marks",
)

SPLIT_CLUSTER_QUOTE = SPLIT_CLUSTER.variant(
    hint="quote a little more or less, so no letter is cut from its combining marks"
)

NAME_NOT_IN_SEED = declare(
    "name-not-in-seed",
    PROVENANCE,
    "A name its seed does not write",
    "{name!r} does not occur in {seed_id}",
    "copy the spelling exactly as the seed writes it, or cite another seed",
)

DATE_AFTER_PUBLICATION = declare(
    "date-after-publication",
    PROVENANCE,
    "A date after every cited seed was published",
    "the {date_field} starts {earliest}, after the latest publication of the seeds the record "
    "cites ({last})",
    "check the year; a source cannot report what had not happened when it was published, so "
    "such a record's status is planned",
)

SEED_FILE_NAME = declare(
    "seed-file-name",
    PROVENANCE,
    "A seed file name that does not carry its own hash",
    "{shown} is named for sha256 {named}…, but its bytes have sha256 {digest}…",
    _RESTORE_SEED,
)

SEED_ORIGINAL = declare(
    "seed-original",
    PROVENANCE,
    "A seed unlike its original",
    "{shown} differs from its original ({where})",
    _RESTORE_SEED,
)

SEED_DATE = declare(
    "seed-date",
    PROVENANCE,
    "A publication date that does not parse",
    "{error}",
    "give YYYY-MM-DD, YYYY-MM or YYYY (2023-09-27, 2023-09 or 2023)",
)

SEED_REGISTERED = declare(
    "seed-registered",
    PROVENANCE,
    "A text that is registered already",
    "{shown} is already registered as {seed_id} (same sha256 {digest}…)",
    "use {seed_id}",
)

SEED_METADATA = declare(
    "seed-metadata",
    PROVENANCE,
    "Seed metadata that cannot take an entry",
    "{shown} has problems ({first}); nothing was registered",
    "fix it (`libyadata validate`)",
)

SEED_METADATA_ROUND_TRIP = SEED_METADATA.variant(
    "the new entry would not read back from {shown}; nothing was registered",
    hint="report this as a bug in `libyadata seed add`",
)

# -- provenance --------------------------------------------------------------------------------
ATTRIBUTION_MISSING = declare(
    "attribution-missing",
    PROVENANCE,
    "A span that says whom it rests on, with no attribution",
    "the quote says whom it rests on ({words!r}) but the span has no attributed_to",
    _ATTRIBUTE,
)

ATTRIBUTION_UNSAID = declare(
    "attribution-unsaid",
    PROVENANCE,
    "A description stating as fact what unnamed sources say",
    "the {name} rests on a span attributed to unnamed sources but does not say so",
    "write it as the seed does: 'according to …' or '… sources say'",
)

FIELD_UNSUPPORTED = declare(
    "field-unsupported",
    PROVENANCE,
    "A disputed or inferred field that no span supports",
    "{name} is listed in {listed} but no evidence span supports it",
    "add {name} to the `supports` of the span it rests on, or cite the span that does",
)

# -- provenance -----------------------------------------------------------------------------------
ATTRIBUTION_NOT_IN_SEED = declare(
    "attribution-not-in-seed",
    PROVENANCE,
    "A source named in words its seed does not write",
    "{name!r} does not occur in {seed_id}",
    "copy the seed's words for its source exactly ('people briefed on the matter')",
)
