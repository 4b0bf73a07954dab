"""The catalogue, continued: the forms of values, attribution, and schema versions.

The forms an input must take (plain integers and numbers, ASCII digits, dates without times,
text with no invisible characters, lists without repeats, quantities within their unit, LF line
ends, only known files in ``datasets/``), the attribution of a claim, the frozen schemas of
earlier versions and the upgrade from them (``formats.migration``). Declared with
``catalogue._declare`` like every other type; ``core.catalogue`` imports this module, so
``CATALOGUE`` holds them.
"""

from __future__ import annotations

from .catalogue import PARSE, PROVENANCE, RECORDS, SCHEMA, _declare

# One declaration per line group, read as a table, as in ``catalogue``.
# fmt: off

# -- parse ----------------------------------------------------------------------------------------
LINE_ENDS = _declare("line-ends", PARSE, "A curated file with CR or CRLF line ends",
    "the file has {kind} line ends (the first on line {first}); curated files use LF only",
    "convert it to LF line ends (`dos2unix {shown}`, or your editor's line-ending setting)")
UNKNOWN_FILE = _declare("unknown-file", PARSE, "A file in datasets/ that libyadata does not read",
    "{shown} is not a file libyadata reads: datasets/ holds the tables, the exclusions, the "
    "retractions, a README and the package", "{suggestion}move its records into the table's "
    "file and delete this {what}, or move it out of datasets/")

# -- records: the form of a value, and the upgrade of an earlier schema version -----------------
INTEGER_FORM = _declare("integer-form", RECORDS, "An integer as text, a fraction, a boolean or in "
    "another base", "{message}", "write plain decimal digits (7641), not quoted, 7641.0 or true")
NUMBER_FORM = _declare("number-form", RECORDS, "A number given as text or a boolean", "{message}",
    "write the number plainly (2000, 1.5, 1.0e+6), without quotes")
NON_ASCII_DIGIT = _declare("non-ascii-digit", RECORDS, "Digits of another script in an id, a "
    "date or a number", "{message}", "write the digits as ASCII 0-9")
DATE_WITH_TIME = _declare("date-with-time", RECORDS, "A date with a time of day",
    "{value} has a time of day: give the date only, as {day}", "give the day only, as YYYY-MM-DD")
INVISIBLE_CHARACTER = _declare("invisible-character", RECORDS, "An invisible control, bidi or "
    "zero-width character in text", "the text holds {char} at character {at}, after "
    "'{before}': it can hide or reorder what readers see", "delete it; only a quote or a "
    "spelling copied from a seed may hold what the seed holds")
DUPLICATE_ITEM = _declare("duplicate-item", RECORDS, "The same item twice in one list",
    "item {second} repeats item {first} ({item})", "list each item once; two spans of the same "
    "text are one span, with the supports of both")
QUANTITY_RANGE = _declare("quantity-range", RECORDS, "A quantity beyond what its unit can "
    "count", "{part} {number} is more than any quantity in {unit} can be (at most {limit})",
    "check the number and its unit")
DATE_AS_NUMBER = _declare("date-as-number", RECORDS, "A date written as a number",
    "{value} is a number, not a date: a number would be read as seconds since 1970",
    "write the date as ISO text in quotes: \"2016-05-01\", \"2016-05\" or \"2016\"")
PUBLICATION_DATE = _declare("publication-date", RECORDS,
    "A publication date in the future or before 1900",
    "the publication date {first}..{last} is {why}",
    "check the year: a seed is published no earlier than 1900 and not after today")
FORMULA_TEXT = _declare("formula-text", RECORDS, "Text a spreadsheet would run as a formula",
    "the text starts with {char}: a spreadsheet opening the CSV would run it as a formula",
    "start the text with a word (rephrase it, or drop the leading {char})")
MIGRATION_FAILED = _declare("migration-failed", RECORDS, "A record of an earlier schema version "
    "that the current one cannot take", "cannot upgrade from schema v{old} to v{new}: {reason}")

# -- provenance -----------------------------------------------------------------------------------
ATTRIBUTION_NOT_IN_SEED = _declare("attribution-not-in-seed", PROVENANCE, "A source named in "
    "words its seed does not write", "{name!r} does not occur in {seed_id}",
    "copy the seed's words for its source exactly ('people briefed on the matter')")

# -- schema ---------------------------------------------------------------------------------------
SCHEMA_FROZEN = _declare("schema-frozen", SCHEMA, "A file of a released schema version changed",
    "{shown} {what}", "restore {folder} byte for byte from the commit that released it (`git "
    "checkout <release commit> -- {folder}`): a released schema never changes")

# fmt: on
