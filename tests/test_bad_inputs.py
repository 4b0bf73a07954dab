"""A catalogue of broken inputs: each names its exact reason code, and nothing is written.

Every case breaks a fresh copy of the project (seeds, schemas, curated files, the built
package and ``CITATION.cff``) in one way, then runs ``libyadata validate --format json`` and
``libyadata build`` in-process. Each must exit 1 without a traceback, report the expected
reason code at the expected file, record and field, and leave every file of the copy as it
was: same bytes, same modification time, no file added or removed (no ``dist/``, no staging
folder).

When the built package itself is what is broken, ``build`` would rightly write a fresh one,
so ``build --check`` (which writes nothing) is run instead.

A case is one kind of mistake a curator or a tool can make; cases differ in what is broken,
not only in the value used to break it. The mutations edit the real curated text (the one
occurrence of a snippet inside one record), so each case reads as the diff a person would
make. Where src reports a case wrongly, the case asserts the right behaviour and is a strict
xfail naming what is wrong.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from libyadata._version import __version__
from libyadata.cli import app
from libyadata.publishing.build import render
from libyadata.sources.project import Project
from libyadata.sources.yamlio import MAX_BYTES

runner = CliRunner()

Mutation = Callable[[Path], None]

#: What the copy holds: everything validate and build read.
COPIED_FOLDERS = ("seeds", "schema", "datasets")
COPIED_FILES = ("CITATION.cff",)

#: Codes of problems about a whole file (or a file missing from it), with no line to point at.
_LINELESS = {
    "encoding",
    "binary",
    "empty-file",
    "file-too-large",
    "file-unreadable",
    "seed-unlisted",
    "unknown-file",
}

PACKAGE = "datasets/package"
DESCRIPTOR = "datasets/package/datapackage.json"
CITATION = "CITATION.cff"
SEED_003 = "seeds/003_6d1fa854cfd81933.txt"
SEED_004 = "seeds/004_c791b86b6d5e41f3.txt"
SOURCES = "seeds/sources.yaml"
VISITS = "datasets/visits.yaml"
ACTORS = "datasets/actors.yaml"
PLACES = "datasets/places.yaml"
BASES = "datasets/bases.yaml"
AGREEMENTS = "datasets/agreements.yaml"
DEPLOYMENTS = "datasets/deployments.yaml"
MIGRATION = "datasets/migration_figures.yaml"
RETRACTIONS = "datasets/retractions.yaml"


# --- mutations --------------------------------------------------------------------------------


def _read(root: Path, relative: str) -> str:
    return (root / relative).read_bytes().decode("utf-8")


def _write(root: Path, relative: str, text: str) -> None:
    (root / relative).write_bytes(text.encode("utf-8"))


def _block(text: str, record_id: str) -> tuple[int, int]:
    """Return where the record ``record_id`` starts and ends in a curated file's text."""
    match = re.search(rf"^- id: {re.escape(record_id)}\n", text, re.MULTILINE)
    assert match, f"no record {record_id}"
    following = re.compile(r"^- id: ", re.MULTILINE).search(text, match.end())
    return match.start(), following.start() if following else len(text)


def edit(relative: str, old: str, new: str, *, record: str | None = None) -> Mutation:
    """Replace the one occurrence of ``old`` in a file (inside the block of ``record``)."""

    def apply(root: Path) -> None:
        text = _read(root, relative)
        start, end = _block(text, record) if record else (0, len(text))
        block = text[start:end]
        assert block.count(old) == 1, f"{old!r} occurs {block.count(old)} times"
        _write(root, relative, text[:start] + block.replace(old, new) + text[end:])

    return apply


def edit_bytes(relative: str, change: Callable[[bytes], bytes]) -> Mutation:
    """Rewrite a file's bytes with ``change``."""

    def apply(root: Path) -> None:
        path = root / relative
        before = path.read_bytes()
        after = change(before)
        assert after != before, "the mutation changed nothing"
        path.write_bytes(after)

    return apply


def put(relative: str, data: bytes) -> Mutation:
    """Write a file (new or replacing one) with exactly ``data``."""

    def apply(root: Path) -> None:
        (root / relative).write_bytes(data)

    return apply


def append(relative: str, text: str) -> Mutation:
    """Add ``text`` at the end of a file (a record at the end of a list)."""

    def apply(root: Path) -> None:
        _write(root, relative, _read(root, relative) + text)

    return apply


def delete(relative: str) -> Mutation:
    def apply(root: Path) -> None:
        (root / relative).unlink()

    return apply


def both(*mutations: Mutation) -> Mutation:
    def apply(root: Path) -> None:
        for mutation in mutations:
            mutation(root)

    return apply


def _once(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def change(raw: bytes) -> bytes:
        assert old in raw
        return raw.replace(old, new, 1)

    return change


def _enormous(root: Path) -> None:
    """Make visits.yaml one byte longer than the limit, sparsely (the tail reads as NULs)."""
    with (root / VISITS).open("r+b") as handle:
        handle.truncate(MAX_BYTES + 1)


def _directory_instead_of_file(root: Path) -> None:
    (root / ACTORS).unlink()
    (root / ACTORS).mkdir()


def _header_comments_only(root: Path) -> None:
    text = _read(root, MIGRATION)
    _write(root, MIGRATION, text[: text.index("- id: ")])


def _duplicate_record(root: Path) -> None:
    text = _read(root, VISITS)
    start, end = _block(text, "VIS-0004")
    _write(root, VISITS, text.rstrip("\n") + "\n\n" + text[start:end].rstrip("\n") + "\n")


def _reencoded_seed(root: Path) -> None:
    """Corrupt SEED-003's UTF-8 and update its hash, so only the decoding can fail."""
    path = root / SEED_003
    raw = path.read_bytes().replace(b"e", b"\xff", 1)
    path.write_bytes(raw)
    text = _read(root, SOURCES)
    start, end = _block(text, "SEED-003")
    block = re.sub(
        r"sha256: [0-9a-f]{64}", f"sha256: {hashlib.sha256(raw).hexdigest()}", text[start:end]
    )
    _write(root, SOURCES, text[:start] + block + text[end:])


def _same_event_twice(root: Path) -> None:
    """Copy VIS-0004 under a new id: one event as two records, with no note saying why."""
    text = _read(root, VISITS)
    start, end = _block(text, "VIS-0004")
    copy = text[start:end].replace("- id: VIS-0004\n", "- id: VIS-0099\n", 1)
    _write(root, VISITS, text.rstrip("\n") + "\n\n" + copy.rstrip("\n") + "\n")


def _subject_as_fact(root: Path) -> None:
    """State AGR-0007's subject, which rests on unnamed sources, as plain fact."""
    text = _read(root, AGREEMENTS)
    start, end = _block(text, "AGR-0007")
    block = re.sub(
        r"  subject: >-\n(?:    .*\n)+",
        "  subject: A defence and security accord.\n",
        text[start:end],
    )
    _write(root, AGREEMENTS, text[:start] + block + text[end:])


#: An Arabic text with harakat: U+064E FATHA follows the lam of وصل, so a span ending after
#: the lam splits the letter from its vowel mark.
HARAKAT_TEXT = "Report. وصلَ حفتر إلى موسكو. End."
#: Named as `seed add` names a file: its number and the first 16 hex digits of its sha256.
HARAKAT_FILE = f"005_{hashlib.sha256(HARAKAT_TEXT.encode()).hexdigest()[:16]}.txt"


def _span_yaml(seed_id: str, text: str, quote: str, supports: str) -> str:
    start = text.index(quote)
    end = start + len(quote)
    prefix, suffix = text[max(0, start - 32) : start], text[end : end + 32]
    lines = [
        f"    - seed_id: {seed_id}",
        f"      quote: {json.dumps(quote)}",
        f"      supports: [{supports}]",
        f"      start: {start}",
        f"      end: {end}",
        *([f"      prefix: {json.dumps(prefix)}"] if prefix else []),
        *([f"      suffix: {json.dumps(suffix)}"] if suffix else []),
    ]
    return "\n".join(lines) + "\n"


def _harakat_seed_and_split_span(root: Path) -> None:
    """Add a seed whose Arabic has harakat, correctly listed, and cite it with a split span.

    The real seeds' Arabic has no combining marks, so split-cluster needs a seed of its own.
    """
    raw = HARAKAT_TEXT.encode("utf-8")
    (root / "seeds" / HARAKAT_FILE).write_bytes(raw)
    entry = f"""
- id: SEED-005
  file: {HARAKAT_FILE}
  sha256: {hashlib.sha256(raw).hexdigest()}
  byte_length: {len(raw)}
  code_points: {len(HARAKAT_TEXT)}
  title: {{value: Report, basis: stated}}
  publisher: {{basis: unknown}}
  author: {{basis: unknown}}
  url: {{basis: unknown}}
  published: {{precision: year, value: "2024", basis: stated}}
  languages: [ar, en]
  source_type: news_report
  rights: A test fixture.
"""
    _write(root, SOURCES, _read(root, SOURCES) + entry)
    last = '      suffix: " – a role that balances the Euro"\n'
    span = _span_yaml("SEED-005", HARAKAT_TEXT, "وصل", "purpose")
    edit(VISITS, last, last + span, record="VIS-0004")(root)


def _span_twice(root: Path) -> None:
    """Give VIS-0004 its first evidence span a second time, word for word."""
    text = _read(root, VISITS)
    start, end = _block(text, "VIS-0004")
    block = text[start:end]
    first = block.index("    - seed_id: SEED-002\n")
    second = block.index("    - seed_id: ", first + 1)
    span = block[first:second]
    _write(root, VISITS, text[:start] + block[:second] + span + block[second:] + text[end:])


def _gazetteer(latitude: str | None, longitude: str | None) -> Mutation:
    point = "".join(
        f", {name}: {value}"
        for name, value in (("latitude", latitude), ("longitude", longitude))
        if value is not None
    )
    entry = f"  gazetteer: {{geonames_id: 2215636{point}, source: {{citation: GeoNames}}}}\n"
    # A region: it has no gazetteer entry of its own to collide with.
    return edit(PLACES, "  country: LY\n", "  country: LY\n" + entry, record="PLC-eastern-libya")


# --- the catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One broken input and the one problem it must be reported as."""

    id: str
    mutate: Mutation
    code: str
    file: str
    record_id: str | None = None
    field: str | None = None
    hint: str | None = None
    """Text the problem's hint must contain."""
    build_code: str | None = None
    """Set when the built package is what is broken: ``build`` would rightly rebuild it, so
    ``build --check`` is run instead and must exit 1 reporting this code."""
    xfail: str | None = None
    """Why src does not report it correctly yet (the case then must fail: strict xfail)."""
    released: bool = False
    """Run with the copy's version registered as released, with the bytes it had unbroken."""

    @property
    def has_line(self) -> bool:
        """Whether the problem must give a line: it is in a curated YAML file, at a place."""
        return self.file.endswith(".yaml") and self.code not in _LINELESS


V4 = "VIS-0004"
#: The first evidence span of VIS-0004 (SEED-002, offsets 7641-7720).
V4_QUOTE_HEAD = 'quote: "Russia began doing so by receiving this government’s head'
V4_PREFIX = '      prefix: " Government of National Accord. "\n'
V4_SUFFIX = '      suffix: " This aimed to pave way towards "\n'

CASES: list[Case] = [
    # -- the file cannot be read as YAML text ---------------------------------------------------
    Case(
        "yaml/bad-indentation",
        edit(PLACES, "\n  kind: country\n", "\n kind: country\n", record="PLC-libya"),
        "yaml-syntax",
        PLACES,
    ),
    Case(
        "yaml/unclosed-bracket",
        edit(
            VISITS, "visitors: [ACT-fayez-al-sarraj]", "visitors: [ACT-fayez-al-sarraj", record=V4
        ),
        "yaml-syntax",
        VISITS,
    ),
    Case(
        "yaml/unclosed-quote",
        edit(VISITS, 'Sarraj in March 2017."\n', "Sarraj in March 2017.\n", record=V4),
        "yaml-syntax",
        VISITS,
    ),
    Case(
        "yaml/non-scalar-key",
        edit(VISITS, "  status: occurred\n", "  status: occurred\n  [a, b]: c\n", record=V4),
        "yaml-syntax",
        VISITS,
    ),
    Case(
        "yaml/two-documents",
        lambda root: _write(root, RETRACTIONS, _read(root, RETRACTIONS) + "---\n[]\n"),
        "yaml-syntax",
        RETRACTIONS,
    ),
    Case(
        "yaml/seed-metadata-unclosed-bracket",
        edit(SOURCES, "  languages: [en]\n", "  languages: [en\n", record="SEED-004"),
        "yaml-syntax",
        SOURCES,
    ),
    Case(
        "yaml/duplicate-key-in-record",
        edit(VISITS, "  status: occurred\n", "  status: occurred\n  status: planned\n", record=V4),
        "duplicate-key",
        VISITS,
    ),
    Case(
        "yaml/duplicate-key-in-span",
        edit(VISITS, "      start: 7641\n", "      start: 7641\n      start: 7642\n", record=V4),
        "duplicate-key",
        VISITS,
    ),
    Case(
        "yaml/tab-indentation",
        edit(VISITS, "\n  status: occurred\n", "\n\tstatus: occurred\n", record=V4),
        "tab",
        VISITS,
    ),
    Case("yaml/bom", edit_bytes(AGREEMENTS, lambda raw: b"\xef\xbb\xbf" + raw), "bom", AGREEMENTS),
    Case(
        "yaml/cp1252-apostrophe",
        edit_bytes(BASES, _once("’".encode(), b"\x92")),
        "encoding",
        BASES,
    ),
    Case(
        "yaml/nul-byte",
        edit_bytes(DEPLOYMENTS, _once(b"status: reported", b"status: rep\x00orted")),
        "binary",
        DEPLOYMENTS,
    ),
    Case("yaml/empty-file", put(MIGRATION, b""), "empty-file", MIGRATION),
    Case("yaml/comments-only", _header_comments_only, "empty-file", MIGRATION),
    Case("yaml/over-16-mib", _enormous, "file-too-large", VISITS),
    Case("yaml/directory-not-file", _directory_instead_of_file, "file-unreadable", ACTORS),
    Case(
        "yaml/mapping-not-list",
        put(RETRACTIONS, b"id: VIS-0099\ntable: visits\nreason: duplicate\nretracted_in: 0.2.0\n"),
        "not-a-list",
        RETRACTIONS,
    ),
    Case(
        "yaml/scalar-not-list",
        put(RETRACTIONS, b"# The retractions\nVIS-0099\n"),
        "not-a-list",
        RETRACTIONS,
    ),
    Case(
        "yaml/item-not-mapping",
        edit(VISITS, "\n- id: VIS-0001\n", "\n- VIS-0000\n\n- id: VIS-0001\n"),
        "not-a-mapping",
        VISITS,
    ),
    # -- a record does not fit its model --------------------------------------------------------
    Case(
        "model/string-for-number",
        edit(MIGRATION, "    value: 100000\n", "    value: lots\n", record="MIG-0003"),
        "wrong-type",
        MIGRATION,
        "MIG-0003",
        "quantity.value",
    ),
    Case(
        "model/list-for-scalar",
        edit(VISITS, "  destination: PLC-russia\n", "  destination: [PLC-russia]\n", record=V4),
        "wrong-type",
        VISITS,
        V4,
        "destination",
    ),
    Case(
        "model/mapping-for-list",
        edit(
            VISITS,
            "  visitors: [ACT-fayez-al-sarraj]\n",
            "  visitors: {first: ACT-fayez-al-sarraj}\n",
            record=V4,
        ),
        "wrong-type",
        VISITS,
        V4,
        "visitors",
    ),
    Case(
        "model/yaml-boolean-for-text",
        edit(ACTORS, "  name: Khalifa Haftar\n", "  name: yes\n", record="ACT-khalifa-haftar"),
        "wrong-type",
        ACTORS,
        "ACT-khalifa-haftar",
        "name",
    ),
    Case(
        "model/unknown-enum",
        edit(VISITS, "  status: occurred\n", "  status: ocurred\n", record=V4),
        "unknown-enum",
        VISITS,
        V4,
        "status",
        hint="did you mean 'occurred'",
    ),
    Case(
        "model/unknown-enum-nested",
        edit(MIGRATION, "    unit: person\n", "    unit: persons\n", record="MIG-0003"),
        "unknown-enum",
        MIGRATION,
        "MIG-0003",
        "quantity.unit",
        hint="did you mean 'person'",
    ),
    Case(
        "model/misspelt-field",
        edit(VISITS, "  destination: PLC-russia\n", "  destinaton: PLC-russia\n", record=V4),
        "unknown-field",
        VISITS,
        V4,
        "destinaton",
        hint="did you mean 'destination'",
    ),
    Case(
        "model/misspelt-nested-field",
        edit(VISITS, "    precision: month\n", "    precison: month\n", record=V4),
        "unknown-field",
        VISITS,
        V4,
        "date.precison",
    ),
    Case(
        "model/missing-field",
        edit(VISITS, "  status: occurred\n", "", record=V4),
        "missing-field",
        VISITS,
        V4,
        "status",
    ),
    Case(
        "model/missing-nested-field",
        edit(VISITS, "      supports: [date, visitors, destination]\n", "", record=V4),
        "missing-field",
        VISITS,
        V4,
        "evidence.0.supports",
    ),
    Case(
        "model/id-pattern",
        edit(VISITS, "- id: VIS-0004\n", "- id: VIS-4\n"),
        "pattern",
        VISITS,
        "VIS-4",
        "id",
    ),
    Case(
        "model/country-code-lowercase",
        edit(ACTORS, "  country: LY\n", "  country: ly\n", record="ACT-khalifa-haftar"),
        "pattern",
        ACTORS,
        "ACT-khalifa-haftar",
        "country",
    ),
    Case(
        "model/empty-list",
        edit(VISITS, "  visitors: [ACT-fayez-al-sarraj]\n", "  visitors: []\n", record=V4),
        "too-short",
        VISITS,
        V4,
        "visitors",
    ),
    Case(
        "model/empty-string",
        edit(ACTORS, "  name: Khalifa Haftar\n", '  name: ""\n', record="ACT-khalifa-haftar"),
        "too-short",
        ACTORS,
        "ACT-khalifa-haftar",
        "name",
    ),
    Case(
        "model/prefix-over-32",
        edit(VISITS, V4_PREFIX, V4_PREFIX.replace('" Gov', '"0123456789 Gov'), record=V4),
        "too-long",
        VISITS,
        V4,
        "evidence.0.prefix",
    ),
    Case(
        "model/negative-offset",
        edit(VISITS, "      start: 7641\n", "      start: -1\n", record=V4),
        "out-of-range",
        VISITS,
        V4,
        "evidence.0.start",
    ),
    Case(
        "model/latitude-out-of-range",
        _gazetteer("123.0", "17.0"),
        "out-of-range",
        PLACES,
        "PLC-eastern-libya",
        "gazetteer.latitude",
    ),
    Case(
        "model/latitude-without-longitude",
        _gazetteer("27.0", None),
        "coordinates-incomplete",
        PLACES,
        "PLC-eastern-libya",
        "gazetteer.longitude",
    ),
    Case("model/duplicate-id", _duplicate_record, "duplicate-id", VISITS, V4, "id"),
    # -- dates ------------------------------------------------------------------------------------
    Case(
        "date/earliest-after-latest",
        edit(VISITS, "    earliest: 2016-06-01\n", "    earliest: 2016-08-01\n", record="VIS-0001"),
        "date-order",
        VISITS,
        "VIS-0001",
        "date.latest",
    ),
    Case(
        "date/value-finer-than-precision",
        edit(VISITS, "    value: 2016-11\n", "    value: 2016-11-05\n", record="VIS-0002"),
        "date-precision",
        VISITS,
        "VIS-0002",
        "date.value",
    ),
    Case(
        "date/february-30",
        edit(VISITS, "    value: 2017-01-11\n", "    value: 2017-02-30\n", record="VIS-0003"),
        "date-invalid",
        VISITS,
        "VIS-0003",
        "date.value",
    ),
    Case(
        "date/basis-unknown",
        edit(VISITS, "    basis: stated\n", "    basis: unknown\n", record="VIS-0002"),
        "date-basis-unknown",
        VISITS,
        "VIS-0002",
        "date.basis",
    ),
    Case(
        "date/value-in-range",
        edit(
            VISITS,
            "    precision: range\n",
            "    precision: range\n    value: 2016-06\n",
            record="VIS-0001",
        ),
        "date-value-in-range",
        VISITS,
        "VIS-0001",
        "date.value",
    ),
    Case(
        "date/bounds-contradict-value",
        edit(
            VISITS,
            "    value: 2016-11\n",
            "    value: 2016-11\n    earliest: 2016-10-01\n",
            record="VIS-0002",
        ),
        "date-bounds",
        VISITS,
        "VIS-0002",
        "date.latest",
    ),
    Case(
        "date/inferred-without-note",
        edit(VISITS, "    basis: stated\n", "    basis: inferred\n", record="VIS-0002"),
        "note-required",
        VISITS,
        "VIS-0002",
        "date.note",
    ),
    Case(
        "date/external-without-source",
        edit(VISITS, "    basis: stated\n", "    basis: external\n", record="VIS-0002"),
        "source-required",
        VISITS,
        "VIS-0002",
        "date.source",
    ),
    Case(
        "date/source-without-external",
        edit(
            VISITS,
            "    basis: stated\n",
            "    basis: stated\n    source: {citation: A newspaper}\n",
            record="VIS-0002",
        ),
        "source-without-external",
        VISITS,
        "VIS-0002",
        "date.source",
    ),
    Case(
        "date/after-publication",
        edit(VISITS, "    value: 2017-03\n", "    value: 2027-03\n", record=V4),
        "date-after-publication",
        VISITS,
        V4,
        "date.earliest",
    ),
    # -- record-level rules -----------------------------------------------------------------------
    Case(
        "record/disputed-without-notes",
        edit(
            VISITS,
            "  destination: PLC-benghazi\n",
            "  destination: PLC-benghazi\n  disputed_fields: [date]\n",
            record="VIS-0012",
        ),
        "note-required",
        VISITS,
        "VIS-0012",
        "notes",
    ),
    Case(
        "record/supports-names-no-field",
        edit(
            VISITS,
            "supports: [date, visitors, destination]",
            "supports: [date, vistors, destination]",
            record=V4,
        ),
        "unknown-field-name",
        VISITS,
        V4,
        "evidence",
    ),
    Case(
        "record/inferred-fields-names-no-field",
        edit(
            VISITS,
            "  inferred_fields: [met_with, purpose]\n",
            "  inferred_fields: [met_with, porpose]\n",
            record="VIS-0002",
        ),
        "unknown-field-name",
        VISITS,
        "VIS-0002",
        "inferred_fields",
    ),
    Case(
        "record/quantity-bounds-reversed",
        edit(
            MIGRATION,
            "    value: 100000\n",
            "    value: 100000\n    lower: 10\n    upper: 5\n",
            record="MIG-0003",
        ),
        "quantity-order",
        MIGRATION,
        "MIG-0003",
        "quantity.upper",
    ),
    Case(
        "record/quantity-without-number",
        edit(MIGRATION, "    value: 100000\n", "", record="MIG-0003"),
        "quantity-empty",
        MIGRATION,
        "MIG-0003",
        "quantity.qualifier",
    ),
    # -- cross-record checks ----------------------------------------------------------------------
    Case(
        "xref/dangling-visitor",
        edit(
            VISITS, "  visitors: [ACT-fayez-al-sarraj]\n", "  visitors: [ACT-nobody]\n", record=V4
        ),
        "foreign-key",
        VISITS,
        V4,
        "visitors.0",
    ),
    Case(
        "xref/dangling-seed-in-evidence",
        edit(
            VISITS,
            '    - seed_id: SEED-002\n      quote: "Russia began',
            '    - seed_id: SEED-999\n      quote: "Russia began',
            record=V4,
        ),
        "foreign-key",
        VISITS,
        V4,
        "evidence.0.seed_id",
    ),
    Case(
        "xref/dangling-place-parent",
        edit(PLACES, "  parent: PLC-libya\n", "  parent: PLC-atlantis\n", record="PLC-cyrenaica"),
        "foreign-key",
        PLACES,
        "PLC-cyrenaica",
        "parent",
    ),
    Case(
        "xref/misspelt-actor-name",
        edit(
            ACTORS,
            "{name: Haftar, seed_id: SEED-000}",
            "{name: Haftarr, seed_id: SEED-000}",
            record="ACT-khalifa-haftar",
        ),
        "name-not-in-seed",
        ACTORS,
        "ACT-khalifa-haftar",
        "names.1.name",
    ),
    Case(
        "xref/retraction-of-live-record",
        append(
            RETRACTIONS,
            "- {id: VIS-0004, table: visits, reason: duplicate, retracted_in: 0.2.0}\n",
        ),
        "retraction-live",
        RETRACTIONS,
        V4,
        "id",
    ),
    Case(
        "xref/retraction-replaced-by-missing",
        append(
            RETRACTIONS,
            "- {id: VIS-0099, table: visits, reason: duplicate, replaced_by: VIS-0999,"
            " retracted_in: 0.2.0}\n",
        ),
        "retraction-replacement",
        RETRACTIONS,
        "VIS-0099",
        "replaced_by",
    ),
    Case(
        "xref/retraction-id-of-other-table",
        append(
            RETRACTIONS,
            "- {id: ACT-old-name, table: visits, reason: renamed, retracted_in: 0.2.0}\n",
        ),
        "retraction-table",
        RETRACTIONS,
        "ACT-old-name",
        None,
    ),
    # -- evidence spans ---------------------------------------------------------------------------
    Case(
        "span/end-not-after-start",
        edit(VISITS, "      end: 7720\n", "      end: 7641\n", record=V4),
        "span-order",
        VISITS,
        V4,
        "evidence.0.end",
    ),
    Case(
        "span/quote-length-differs",
        edit(VISITS, "      end: 7720\n", "      end: 7721\n", record=V4),
        "span-length",
        VISITS,
        V4,
        "evidence.0.quote",
    ),
    Case(
        "span/shifted-by-one",
        both(
            edit(VISITS, "      start: 7641\n", "      start: 7642\n", record=V4),
            edit(VISITS, "      end: 7720\n", "      end: 7721\n", record=V4),
        ),
        "quote-mismatch",
        VISITS,
        V4,
        "evidence.0.quote",
    ),
    Case(
        "span/straight-apostrophe",
        edit(VISITS, V4_QUOTE_HEAD, V4_QUOTE_HEAD.replace("’", "'"), record=V4),
        "quote-mismatch",
        VISITS,
        V4,
        "evidence.0.quote",
    ),
    Case(
        "span/space-for-no-break-space",
        edit(MIGRATION, 'quote: "Russia\\u00a0has', 'quote: "Russia has', record="MIG-0002"),
        "quote-mismatch",
        MIGRATION,
        "MIG-0002",
        "evidence.0.quote",
    ),
    Case(
        "span/wrong-prefix",
        edit(VISITS, V4_PREFIX, V4_PREFIX.replace("Government", "Governing"), record=V4),
        "prefix-mismatch",
        VISITS,
        V4,
        "evidence.0.prefix",
    ),
    Case(
        "span/wrong-suffix",
        edit(VISITS, V4_SUFFIX, V4_SUFFIX.replace("This aimed", "That aimed"), record=V4),
        "suffix-mismatch",
        VISITS,
        V4,
        "evidence.0.suffix",
    ),
    Case(
        "span/missing-prefix",
        edit(VISITS, V4_PREFIX, "", record=V4),
        "prefix-missing",
        VISITS,
        V4,
        "evidence.0.prefix",
    ),
    Case(
        "span/missing-suffix",
        edit(VISITS, V4_SUFFIX, "", record=V4),
        "suffix-missing",
        VISITS,
        V4,
        "evidence.0.suffix",
    ),
    Case(
        "span/past-end-of-seed",
        both(
            edit(VISITS, "      start: 7641\n", "      start: 9000\n", record=V4),
            edit(VISITS, "      end: 7720\n", "      end: 9079\n", record=V4),
        ),
        "span-range",
        VISITS,
        V4,
        "evidence.0.end",
    ),
    Case(
        "span/splits-harakat",
        _harakat_seed_and_split_span,
        "split-cluster",
        VISITS,
        V4,
        "evidence.3.end",
    ),
    # -- seed texts and their metadata ------------------------------------------------------------
    Case(
        "seed/one-character-edited",
        edit_bytes(SEED_003, _once(b"e", b"a")),
        "seed-hash",
        SOURCES,
        "SEED-003",
        "sha256",
    ),
    Case(
        "seed/truncated",
        edit_bytes(SEED_003, lambda raw: raw[: len(raw) // 2]),
        "seed-length",
        SOURCES,
        "SEED-003",
        "byte_length",
    ),
    Case(
        "seed/crlf-line-ends",
        edit_bytes(SEED_004, lambda raw: raw.replace(b"\n", b"\r\n")),
        "seed-length",
        SOURCES,
        "SEED-004",
        "byte_length",
    ),
    Case(
        "seed/trailing-newline-added",
        edit_bytes(SEED_004, lambda raw: raw + b"\n"),
        "seed-length",
        SOURCES,
        "SEED-004",
        "byte_length",
    ),
    Case("seed/file-deleted", delete(SEED_003), "seed-missing", SOURCES, "SEED-003", "file"),
    Case(
        "seed/unlisted-file",
        put("seeds/005_0123456789abcdef.txt", b"An extra text."),
        "seed-unlisted",
        SOURCES,
    ),
    Case(
        "seed/metadata-sha256-wrong",
        lambda root: _write(
            root,
            SOURCES,
            re.sub(
                r"(- id: SEED-003\n  file: \S+\n  sha256: )[0-9a-f]{64}",
                r"\g<1>" + "ab" * 32,
                _read(root, SOURCES),
            ),
        ),
        "seed-hash",
        SOURCES,
        "SEED-003",
        "sha256",
    ),
    Case(
        "seed/metadata-byte-length-wrong",
        edit(SOURCES, "  byte_length: 5612\n", "  byte_length: 5613\n", record="SEED-004"),
        "seed-length",
        SOURCES,
        "SEED-004",
        "byte_length",
    ),
    Case(
        "seed/metadata-code-points-wrong",
        edit(SOURCES, "  code_points: 5552\n", "  code_points: 5612\n", record="SEED-004"),
        "seed-code-points",
        SOURCES,
        "SEED-004",
        "code_points",
    ),
    Case("seed/not-utf8", _reencoded_seed, "seed-encoding", SOURCES, "SEED-003", "file"),
    Case(
        "seed/id-not-file-number",
        edit(SOURCES, "- id: SEED-003\n", "- id: SEED-033\n"),
        "seed-id-mismatch",
        SOURCES,
        "SEED-033",
        "id",
    ),
    Case(
        "seed/file-listed-twice",
        edit(
            SOURCES,
            "  file: 004_c791b86b6d5e41f3.txt\n",
            "  file: 003_6d1fa854cfd81933.txt\n",
            record="SEED-004",
        ),
        "seed-listed-twice",
        SOURCES,
        "SEED-004",
        "file",
    ),
    Case(
        "seed/span-cites-broken-seed",
        lambda root: shutil.copyfile(root / SEED_003, root / SEED_004),
        "seed-unverified",
        VISITS,
        "VIS-0001",
        "evidence.2.seed_id",
    ),
    Case(
        "seed/attribution-basis-without-value",
        edit(
            SOURCES,
            "    value: null\n    basis: unknown\n",
            "    value: null\n    basis: stated\n",
            record="SEED-004",
        ),
        "basis-value-mismatch",
        SOURCES,
        "SEED-004",
        "author.basis",
    ),
    Case(
        "seed/attribution-basis-resolved",
        edit(
            SOURCES,
            "    value: The Moscow Times\n    basis: inferred\n",
            "    value: The Moscow Times\n    basis: resolved\n",
            record="SEED-004",
        ),
        "basis-resolved-not-date",
        SOURCES,
        "SEED-004",
        "publisher.basis",
    ),
    # -- the rules the data tests used to hold on their own ------------------------------------
    Case(
        "provenance/according-to-without-attribution",
        edit(
            AGREEMENTS,
            '      attributed_to: {kind: unnamed, name: "people briefed on the matter"}\n',
            "",
            record="AGR-0007",
        ),
        "attribution-missing",
        AGREEMENTS,
        "AGR-0007",
        "evidence.0.attributed_to",
    ),
    Case(
        "provenance/unnamed-sources-stated-as-fact",
        _subject_as_fact,
        "attribution-unsaid",
        AGREEMENTS,
        "AGR-0007",
        "subject",
    ),
    Case(
        "provenance/inferred-field-without-a-span",
        edit(
            AGREEMENTS,
            "      supports: [brokers]\n",
            "      supports: [status]\n",
            record="AGR-0005",
        ),
        "field-unsupported",
        AGREEMENTS,
        "AGR-0005",
        "inferred_fields",
    ),
    Case(
        "cross-record/one-event-two-records",
        _same_event_twice,
        "duplicate-record",
        VISITS,
        "VIS-0099",
        "id",
    ),
    # -- the release metadata ---------------------------------------------------------------------
    Case(
        "citation/unparsable",
        edit(CITATION, f'\nversion: "{__version__}"\n', f'\nversion: ["{__version__}"\n'),
        "citation-unreadable",
        CITATION,
    ),
    Case(
        "citation/missing-title",
        lambda root: _write(
            root, CITATION, re.sub(r"(?m)^title: .*\n", "", _read(root, CITATION), count=1)
        ),
        "missing-field",
        CITATION,
        None,
        "title",
    ),
    Case(
        "citation/version-not-the-package-version",
        edit(CITATION, f'\nversion: "{__version__}"\n', '\nversion: "99.0.0"\n'),
        "version-mismatch",
        CITATION,
        None,
        "version",
    ),
    Case(
        "citation/preferred-citation-version-not-in-step",
        edit(CITATION, f'\n  version: "{__version__}"\n', '\n  version: "99.0.0"\n'),
        "citation-out-of-step",
        CITATION,
        None,
        "preferred-citation.version",
    ),
    Case(
        "citation/released-data-changed-without-new-version",
        edit(
            VISITS,
            "in which city.\n",
            "in which Russian city.\n",
            record=V4,
        ),
        "release-changed",
        CITATION,
        None,
        "version",
        released=True,
    ),
    # -- the built package ------------------------------------------------------------------------
    Case(
        "package/csv-hand-edited",
        edit(f"{PACKAGE}/csv/visits.csv", "VIS-0002,occurred,month,", "VIS-0002,planned,month,"),
        "package-stale",
        f"{PACKAGE}/csv/visits.csv",
        build_code="package-stale",
    ),
    Case(
        "package/csv-cell-not-a-date",
        edit(
            f"{PACKAGE}/csv/visits.csv",
            "VIS-0002,occurred,month,2016-11,2016-11-01,",
            "VIS-0002,occurred,month,2016-11,2016-11-31,",
        ),
        "frictionless-type-error",
        f"{PACKAGE}/csv/visits.csv",
        "VIS-0002",
        "date_earliest",
        build_code="package-stale",
    ),
    Case(
        "package/extra-file",
        put(f"{PACKAGE}/notes.txt", b"scratch\n"),
        "package-extra",
        f"{PACKAGE}/notes.txt",
        build_code="package-extra",
    ),
    Case(
        "package/descriptor-deleted",
        delete(DESCRIPTOR),
        "package-missing",
        DESCRIPTOR,
        build_code="package-missing",
    ),
    Case(
        "package/descriptor-not-json",
        edit_bytes(DESCRIPTOR, lambda raw: raw[: len(raw) // 2]),
        "package-unreadable",
        DESCRIPTOR,
        build_code="package-stale",
    ),
    Case(
        "package/descriptor-breaks-profile",
        edit(DESCRIPTOR, '"name": "libyadata",', '"name": ["libyadata"],'),
        "package-profile",
        DESCRIPTOR,
        None,
        "$.name",
        build_code="package-stale",
    ),
    # -- strict inputs: parsed, but no curator could mean them ------------------------------------
    Case(
        "strict/id-in-arabic-indic-digits",
        edit(MIGRATION, "- id: MIG-0004\n", "- id: MIG-٠٠٠٤\n"),
        "non-ascii-digit",
        MIGRATION,
        "MIG-٠٠٠٤",
        "id",
        hint="ASCII 0-9",
    ),
    Case(
        "strict/date-in-arabic-indic-digits",
        edit(VISITS, "    value: 2016-11\n", "    value: ٢٠١٦-١١\n", record="VIS-0002"),
        "non-ascii-digit",
        VISITS,
        "VIS-0002",
        "date.value",
    ),
    Case(
        "strict/offset-in-arabic-indic-digits",
        edit(VISITS, "      start: 7641\n", "      start: ٧٦٤١\n", record=V4),
        "non-ascii-digit",
        VISITS,
        V4,
        "evidence.0.start",
    ),
    Case(
        "strict/figure-of-1e30",
        edit(MIGRATION, "    value: 100000\n", "    value: 1.0e+30\n", record="MIG-0003"),
        "out-of-range",
        MIGRATION,
        "MIG-0003",
        "quantity.value",
    ),
    Case(
        "strict/figure-of-1e30-read-as-text",
        # With no point, YAML 1.1 (and libyadata) reads 1e30 as text, not as a number.
        edit(MIGRATION, "    value: 100000\n", "    value: 1e30\n", record="MIG-0003"),
        "number-form",
        MIGRATION,
        "MIG-0003",
        "quantity.value",
    ),
    Case(
        "strict/negative-percentage",
        edit(MIGRATION, "    value: 600\n", "    value: -600\n", record="MIG-0001"),
        "out-of-range",
        MIGRATION,
        "MIG-0001",
        "quantity.value",
    ),
    Case(
        "strict/more-people-than-live-on-earth",
        edit(MIGRATION, "    value: 100000\n", "    value: 100000000000\n", record="MIG-0003"),
        "quantity-range",
        MIGRATION,
        "MIG-0003",
        "quantity.value",
    ),
    Case(
        "strict/offset-in-hex",
        edit(VISITS, "      start: 7641\n", "      start: 0x1dd9\n", record=V4),
        "integer-form",
        VISITS,
        V4,
        "evidence.0.start",
        hint="plain decimal digits",
    ),
    Case(
        "strict/offset-in-octal",
        edit(VISITS, "      end: 7720\n", "      end: 017050\n", record=V4),
        "integer-form",
        VISITS,
        V4,
        "evidence.0.end",
    ),
    Case(
        "strict/offset-as-a-fraction",
        edit(VISITS, "      start: 7641\n", "      start: 7641.0\n", record=V4),
        "integer-form",
        VISITS,
        V4,
        "evidence.0.start",
    ),
    Case(
        "strict/true-for-an-offset",
        edit(VISITS, "      start: 7641\n", "      start: true\n", record=V4),
        "integer-form",
        VISITS,
        V4,
        "evidence.0.start",
    ),
    Case(
        "strict/count-in-quotes",
        edit(SOURCES, "  byte_length: 5612\n", '  byte_length: "5612"\n', record="SEED-004"),
        "integer-form",
        SOURCES,
        "SEED-004",
        "byte_length",
    ),
    Case(
        "strict/coordinate-in-quotes",
        _gazetteer("27.0", '"17.0"'),
        "number-form",
        PLACES,
        "PLC-eastern-libya",
        "gazetteer.longitude",
    ),
    Case(
        "strict/date-with-a-time",
        edit(
            VISITS,
            "    earliest: 2016-06-01\n",
            "    earliest: 2016-06-01T00:00:00\n",
            record="VIS-0001",
        ),
        "date-with-time",
        VISITS,
        "VIS-0001",
        "date.earliest",
        hint="YYYY-MM-DD",
    ),
    Case(
        "strict/crlf-line-ends",
        edit_bytes(VISITS, lambda raw: raw.replace(b"\n", b"\r\n")),
        "line-ends",
        VISITS,
        hint="dos2unix",
    ),
    Case(
        "strict/one-line-ending-in-crlf",
        edit_bytes(AGREEMENTS, _once(b"  status: signed\n", b"  status: signed\r\n")),
        "line-ends",
        AGREEMENTS,
    ),
    Case(
        "strict/misspelt-copy-of-a-table-file",
        lambda root: shutil.copyfile(root / VISITS, root / "datasets" / "visit.yaml"),
        "unknown-file",
        "datasets/visit.yaml",
        hint="did you mean datasets/visits.yaml",
    ),
    Case(
        "strict/stray-folder-in-datasets",
        lambda root: (root / "datasets" / "old").mkdir(),
        "unknown-file",
        "datasets/old",
    ),
    Case(
        "strict/notes-of-10-mib",
        edit(
            VISITS,
            "  notes: SEED-002 does not say whom Sarraj met or in which city.\n",
            '  notes: "' + "x" * (10 * 1024 * 1024) + '"\n',
            record=V4,
        ),
        "too-long",
        VISITS,
        V4,
        "notes",
        hint="bounded",
    ),
    Case(
        "strict/the-same-field-twice-in-supports",
        edit(
            VISITS,
            "supports: [date, visitors, destination]",
            "supports: [date, visitors, date]",
            record=V4,
        ),
        "duplicate-item",
        VISITS,
        V4,
        "evidence.0.supports",
    ),
    Case(
        "strict/the-same-span-twice-in-one-record",
        _span_twice,
        "duplicate-item",
        VISITS,
        V4,
        "evidence",
        hint="one span",
    ),
    Case(
        "strict/the-same-visitor-twice",
        edit(
            VISITS,
            "  visitors: [ACT-fayez-al-sarraj]\n",
            "  visitors: [ACT-fayez-al-sarraj, ACT-fayez-al-sarraj]\n",
            record=V4,
        ),
        "duplicate-item",
        VISITS,
        V4,
        "visitors",
    ),
    Case(
        "strict/right-to-left-override-in-a-name",
        edit(
            ACTORS,
            "  name: Khalifa Haftar\n",
            '  name: "Khalifa \\u202eHaftar"\n',
            record="ACT-khalifa-haftar",
        ),
        "invisible-character",
        ACTORS,
        "ACT-khalifa-haftar",
        "name",
    ),
    Case(
        "strict/zero-width-space-in-a-name",
        edit(PLACES, "  name: Libya\n", '  name: "Lib\\u200bya"\n', record="PLC-libya"),
        "invisible-character",
        PLACES,
        "PLC-libya",
        "name",
    ),
    Case(
        "strict/attribution-in-words-the-seed-lacks",
        edit(
            VISITS,
            'name: "US Africa Command"',
            'name: "the AFRICOM press office"',
            record="VIS-0012",
        ),
        "attribution-not-in-seed",
        VISITS,
        "VIS-0012",
        "evidence.1.attributed_to.name",
    ),
    Case(
        "schema/released-version-edited",
        edit("schema/v1/codebook.md", "# libyadata codebook — schema v1\n", "# Codebook v1\n"),
        "schema-frozen",
        "schema/v1/codebook.md",
        hint="git checkout",
    ),
    # -- committed schemas ------------------------------------------------------------------------
    Case(
        "schema/hand-edited",
        edit("schema/v2/jsonschema/visits.json", '"title": "Visit"', '"title": "A visit"'),
        "schema-drift",
        "schema/v2/jsonschema/visits.json",
    ),
    Case(
        "schema/file-deleted",
        delete("schema/v2/codebook.md"),
        "schema-missing",
        "schema/v2/codebook.md",
    ),
    Case(
        "schema/stale-file",
        put("schema/v2/jsonschema/old_table.json", b"{}\n"),
        "schema-stale",
        "schema/v2/jsonschema/old_table.json",
    ),
]

BY_ID = {case.id: case for case in CASES}


def _params(cases: list[Case]) -> list[Any]:
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else [],
        )
        for case in cases
    ]


# --- running ----------------------------------------------------------------------------------


def make_project(folder: Path) -> Path:
    """Copy everything validate and build read into ``folder/project``; return its path."""
    root = folder / "project"
    for name in COPIED_FOLDERS:
        shutil.copytree(ROOT / name, root / name)
    for name in COPIED_FILES:
        shutil.copy2(ROOT / name, root / name)
    return root


Snapshot = dict[str, tuple[bytes, int] | None]


def snapshot(folder: Path) -> Snapshot:
    """Every folder (as ``None``) and file (bytes, mtime) under ``folder``."""
    state: Snapshot = {}
    for directory, _, files in os.walk(folder):
        here = Path(directory)
        state[here.relative_to(folder).as_posix() + "/"] = None
        for name in files:
            path = here / name
            state[path.relative_to(folder).as_posix()] = (
                path.read_bytes(),
                path.stat().st_mtime_ns,
            )
    return state


def assert_unchanged(before: Snapshot, after: Snapshot) -> None:
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(path for path in set(before) & set(after) if before[path] != after[path])
    assert (added, removed, changed) == ([], [], []), "files were written"


def invoke(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args[0]} raised {result.exception!r}"
    )
    assert "Traceback" not in result.output
    return result


def validate_json(root: Path) -> tuple[int, dict[str, Any]]:
    result = invoke("validate", "--root", str(root), "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def the_problem(case: Case, report: dict[str, Any]) -> dict[str, Any]:
    """Return the problem of ``report`` with the case's code, file, record and field."""
    same_code = [p for p in report["problems"] if p["code"] == case.code]
    assert same_code, f"no {case.code}; got {[p['code'] for p in report['problems']]}"
    wanted = (case.file, case.record_id, case.field)
    matching = [p for p in same_code if (p["file"], p["record_id"], p["field"]) == wanted]
    assert matching, f"no {case.code} at {wanted}; {case.code} problems: {same_code}"
    return matching[0]


@pytest.fixture(scope="session")
def _cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _private_cache(_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the package layer's cache out of the user's cache folder and out of the copies.

    One folder for the session, so frictionless checks the unchanged package once.
    """
    monkeypatch.setenv("LIBYADATA_CACHE", str(_cache))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def project_root(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_the_unbroken_copy_is_clean(project_root: Path) -> None:
    before = snapshot(project_root.parent)
    code, report = validate_json(project_root)
    assert report["problems"] == []
    assert (code, report["ok"]) == (0, True)
    assert_unchanged(before, snapshot(project_root.parent))


@pytest.fixture(scope="session")
def released_sha256() -> str:
    """The sha256 of the zip that the unbroken sources build, as if that version were released."""
    built, problems = render(Project.at(ROOT))
    assert problems == []
    assert built is not None
    return built.zip_sha256


@pytest.mark.parametrize("case", _params(CASES))
def test_broken_input_is_reported_and_nothing_is_written(
    case: Case, project_root: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    if case.released:
        digest = request.getfixturevalue("released_sha256")
        monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: digest)
    case.mutate(project_root)
    before = snapshot(project_root.parent)

    code, report = validate_json(project_root)
    assert code == 1
    assert report["ok"] is False
    problem = the_problem(case, report)
    if case.has_line:
        assert isinstance(problem["line"], int), problem
    if case.hint is not None:
        assert case.hint in (problem["hint"] or ""), problem
    assert_unchanged(before, snapshot(project_root.parent))

    if case.build_code is None:
        built = invoke("build", "--root", str(project_root))
        assert f"[{case.code}]" in built.output
        assert "nothing was written" in built.output
    else:
        built = invoke("build", "--root", str(project_root), "--check")
        assert f"[{case.build_code}]" in built.output
    assert built.exit_code == 1
    assert_unchanged(before, snapshot(project_root.parent))


#: Cases run as a real process too, one of each layer.
SUBPROCESS_CASES = [
    "yaml/unclosed-bracket",
    "yaml/nul-byte",
    "model/unknown-enum",
    "span/shifted-by-one",
    "seed/crlf-line-ends",
    "schema/hand-edited",
    "strict/offset-in-hex",
    "strict/crlf-line-ends",
]


@pytest.mark.parametrize("case", _params([BY_ID[name] for name in SUBPROCESS_CASES]))
def test_a_real_process_exits_1_without_a_traceback(case: Case, tmp_path: Path) -> None:
    root = make_project(tmp_path)
    case.mutate(root)
    before = snapshot(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "libyadata", "validate", "--root", str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout
    assert f"[{case.code}]" in result.stdout
    assert_unchanged(before, snapshot(tmp_path))


def test_the_catalogue_is_wide() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    assert len(CASES) >= 45
    assert len({case.code for case in CASES}) >= 35


def _quoting(case_id: str, quoted: str, xfail: str | None = None) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(case_id, quoted, marks=marks, id=case_id)


#: What the message of a case's problem must quote: the value that is wrong.
MESSAGES = [
    _quoting("record/supports-names-no-field", "vistors"),
    _quoting("record/inferred-fields-names-no-field", "porpose"),
    _quoting("xref/dangling-visitor", "ACT-nobody"),
    _quoting("xref/misspelt-actor-name", "Haftarr"),
    _quoting("date/february-30", "2017-02-30"),
    _quoting("date/earliest-after-latest", "2016-08-01"),
    _quoting("span/past-end-of-seed", "9079"),
    _quoting("yaml/duplicate-key-in-record", "'status'"),
    _quoting("seed/metadata-code-points-wrong", "5612"),
    _quoting("strict/offset-in-hex", "7641"),
    _quoting("strict/id-in-arabic-indic-digits", "MIG-0004"),
    _quoting("strict/date-with-a-time", "2016-06-01T00:00:00"),
    _quoting("strict/misspelt-copy-of-a-table-file", "datasets/visit.yaml"),
    _quoting("strict/right-to-left-override-in-a-name", "RIGHT-TO-LEFT OVERRIDE"),
    _quoting("strict/the-same-field-twice-in-supports", "date"),
]


@pytest.mark.parametrize(("case_id", "quoted"), MESSAGES)
def test_the_message_quotes_what_is_wrong(case_id: str, quoted: str, project_root: Path) -> None:
    case = BY_ID[case_id]
    case.mutate(project_root)
    _, report = validate_json(project_root)
    message = the_problem(case, report)["message"]
    assert quoted in message
    assert not re.search(r"\{[a-z_]+(?:![rsa])?\}", message), message


def test_a_seed_with_an_invalid_entry_is_not_called_unlisted(project_root: Path) -> None:
    BY_ID["seed/attribution-basis-without-value"].mutate(project_root)
    _, report = validate_json(project_root)
    assert "basis-value-mismatch" in {p["code"] for p in report["problems"]}
    assert "seed-unlisted" not in {p["code"] for p in report["problems"]}
    # Its spans are not reported as dangling: the entry is there, and reported once.
    assert "foreign-key" not in {p["code"] for p in report["problems"]}
