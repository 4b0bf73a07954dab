"""The parse layer: the files load.

Curated YAML and the files beside it: syntax, keys, tabs, byte-order marks, encodings, binary,
empty or oversized files, line ends, files ``datasets/`` should not hold; a line of a package's
JSON data; and the seed files ``libyadata seed add`` reads the same way.
"""

from __future__ import annotations

from ..problemtype import PARSE, declare

#: The layer of ``validate`` this module declares the types of.
LAYER = PARSE

_FIX_YAML = "fix the YAML at that line"

YAML_CORE_TAGS_HINT = (
    "write the value plainly, without a tag: only YAML's core schema (text, "
    "numbers, true/false, null, lists and mappings) is read"
)

# -- parse: the files load ----------------------------------------------------------------------
YAML_SYNTAX = declare("yaml-syntax", PARSE, "YAML that does not parse", "{reason}", _FIX_YAML)

YAML_TOO_DEEP = YAML_SYNTAX.variant(
    "the YAML nests too deeply to read",
    hint=("a curated record is a few levels deep: fix the brackets or indentation"),
)

YAML_TAG = YAML_SYNTAX.variant(
    "a tagged value cannot be read: {error}", hint="remove the `!!` tag and write the value plainly"
)

YAML_ALIASES = declare(
    "yaml-aliases",
    PARSE,
    "YAML aliases that expand too far, or into themselves",
    "{reason}",
    "write each value out in full instead of through an alias (*name)",
)

DUPLICATE_KEY = declare(
    "duplicate-key", PARSE, "A key written twice in one mapping", "{reason}", _FIX_YAML
)

TAB = declare(
    "tab", PARSE, "A tab in the indentation", "a tab indents this line", "indent with spaces"
)

BOM = declare(
    "bom",
    PARSE,
    "A byte-order mark",
    "the file starts with a byte-order mark",
    "save it as UTF-8 without BOM",
)

ENCODING = declare(
    "encoding",
    PARSE,
    "A file that is not UTF-8",
    "not UTF-8: {reason} at byte {offset}",
    "save the file as UTF-8",
)

BINARY = declare(
    "binary",
    PARSE,
    "A binary file",
    "the file holds a NUL byte (at byte {offset}): it is binary, not YAML",
    "restore the file from git; curated files are UTF-8 text",
)

EMPTY_FILE = declare(
    "empty-file",
    PARSE,
    "A file with no YAML document",
    "the file holds no YAML document, so every record it held is gone",
    "restore the records from git; a table with no records is written `[]`",
)

NOT_A_LIST = declare(
    "not-a-list",
    PARSE,
    "A file that is not a list of records",
    "the file must hold a list of records (`- id: ...`)",
    "start each record with '- '",
)

NOT_A_MAPPING = declare(
    "not-a-mapping",
    PARSE,
    "A record that is not a mapping",
    "a record must be a mapping of field: value",
    "write the record as `- field: value`",
)

FILE_TOO_LARGE = declare(
    "file-too-large",
    PARSE,
    "A curated file over the size limit",
    "the file has {size} bytes, more than the {limit} a curated file may have",
    "split the table, or check that this is the file you meant",
)

FILE_UNREADABLE = declare(
    "file-unreadable", PARSE, "A file that cannot be read", "{error}", "check the path"
)

FILE_NOT_REGULAR = declare(
    "file-not-regular",
    PARSE,
    "A pipe, device or socket in place of a curated file",
    "the path is {kind}: it cannot be read as a curated file",
    "put the curated YAML file itself there (restore it from git)",
)

JSON_SYNTAX = declare(
    "json-syntax",
    PARSE,
    "A line of a package's data that is not JSON",
    "{message}",
    pydantic=("json_invalid",),
)

# -- growing the dataset: seed add, extract, review (no layer of their own) ---------------------
SEED_TOO_LARGE = FILE_TOO_LARGE.variant(
    "{shown} has {size} bytes, more than the {limit} a seed may have",
    hint="register the article itself, not a page dump or a collection",
)

SEED_EMPTY = EMPTY_FILE.variant("{shown} is empty", hint="give the file holding the article")

SEED_BINARY = BINARY.variant(
    "{shown} holds a NUL byte (at byte {offset}): it is binary, not text",
    hint="save the article as plain UTF-8 text first",
)

SEED_BOM = BOM.variant("{shown} starts with a byte-order mark", hint="save it as UTF-8 without BOM")

# -- parse ----------------------------------------------------------------------------------------
LINE_ENDS = declare(
    "line-ends",
    PARSE,
    "A curated file with CR or CRLF line ends",
    "the file has {kind} line ends (the first on line {first}); curated files use LF only",
    "convert it to LF line ends (`dos2unix {shown}`, or your editor's line-ending setting)",
)

UNKNOWN_FILE = declare(
    "unknown-file",
    PARSE,
    "A file in datasets/ that libyadata does not read",
    "{shown} is not a file libyadata reads: datasets/ holds the tables, the exclusions, the "
    "retractions, a README and the package",
    "{suggestion}move its records into the table's "
    "file and delete this {what}, or move it out of datasets/",
)
