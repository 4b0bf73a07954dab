"""The ``datapackage.json`` of a build: Data Package v2 metadata and one entry per file.

Resources, in this order:

- one CSV resource per flat table (``visits``, ``visit_evidence``, …; see ``layout``);
- one JSON Lines resource per table (``visits-jsonl``, …): one record per line, nested as the
  models. JSON Lines rather than one JSON array because frictionless (5.21) cannot count the
  bytes of a ``.json`` resource, so ``bytes`` there always fails ``frictionless validate``.
  A table with no records yet (``retractions``) has none: frictionless cannot read an empty
  JSON Lines file, and the CSV form (a header row) says all there is;
- one text resource per seed (``seed-000``, …), so every span can be checked from the package.

Each carries ``bytes``, ``hash`` (``sha256:``), ``mediatype`` and ``encoding``; tables carry
their Table Schema inline, with primary and foreign keys.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.hashing import labelled
from ..core.jsontypes import JsonObject
from ..formats.layout import Layout, layouts_of, nested_table_schema, table_schema
from ..formats.packagenames import DOI_KEY, JSON_SUFFIX, SCHEMA_KEY, seed_resource_name
from ..models import Seed
from ..models.tables import Table
from ..upgrades.schemaupgrade import CURRENT
from .citation import Release

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
#: The dataset's identifier, the same in every version (as a concept DOI would be): changing
#: it makes a different dataset, a major change.
DATASET_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "libyadata"))
NAME = "libyadata"

_DIALECT: JsonObject = {
    "$schema": "https://datapackage.org/profiles/2.0/tabledialect.json",
    "header": True,
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
}

_LICENSE_PATHS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}

_FORMS = (
    "Every table comes in two forms. The CSV form is flat: a nested value such as a date is spread "
    "over columns named <field>_<part> (date_precision, date_earliest, ...), short lists of "
    "field names or language codes (supports, disputed_fields, languages) are one column "
    "holding a JSON array, and every other list is a child table "
    "named <row>_<field> (visit_evidence, visit_visitors, ...) keyed by <row>_id and position. "
    "The JSON form (<table>-jsonl, JSON Lines: one JSON object per line) holds the same records "
    "nested exactly as the libyadata models; both forms load back to identical records. A "
    "table with no records yet has its CSV form only (a header row). The "
    "seed texts are included, so every evidence span (seed_id, start, end in Unicode code "
    "points) can be checked against them. "
    "The libyadata software is licensed separately (MIT); the seed texts keep their "
    "publishers' rights."
)


@dataclass(frozen=True)
class FileEntry:
    """A file of the package and what its resource entry says about it."""

    path: str
    data: bytes
    name: str
    title: str
    description: str
    mediatype: str
    extra: JsonObject

    def resource(self) -> JsonObject:
        """Return the resource descriptor of this file."""
        fmt = self.path.rsplit(".", 1)[-1]
        return {
            "name": self.name,
            "path": self.path,
            **({"type": "table"} if "schema" in self.extra else {}),
            "title": self.title,
            "description": self.description,
            "format": fmt,
            "mediatype": self.mediatype,
            "encoding": "utf-8",
            "bytes": len(self.data),
            "hash": labelled(self.data),
            **self.extra,
        }


def csv_entry(layout: Layout, data: bytes) -> FileEntry:
    """Describe the CSV file of a flat table."""
    title = layout.table.title
    description = layout.description
    if layout.is_child:
        key = layout.primary_key[0]
        title = f"{title}: {str(layout.list_field).replace('_', ' ')}"
        description = (
            f"{description} One row per item of {layout.table.name}.{layout.list_field}, "
            f"keyed by {key} and position."
        )
    return FileEntry(
        f"csv/{layout.name}.csv",
        data,
        layout.name,
        title,
        description,
        "text/csv",
        {"dialect": _DIALECT, "schema": table_schema(layout)},
    )


def json_path(source: Table) -> str:
    """Return where a table's JSON Lines file is in the package."""
    return f"jsonl/{source.name}.jsonl"


def json_entry(source: Table, data: bytes) -> FileEntry:
    """Describe the JSON Lines file of a table (one nested record per line)."""
    description = layouts_of(source)[0].description
    return FileEntry(
        json_path(source),
        data,
        f"{source.name}{JSON_SUFFIX}",
        f"{source.title} (nested JSON Lines)",
        f"{description} The same records as the {source.name} CSV resource, one JSON object "
        "per line, nested as the libyadata models.",
        "application/jsonl",
        {"schema": nested_table_schema(source)},
    )


def seed_entry(seed: Seed, data: bytes) -> FileEntry:
    """Describe a seed text; its own rights replace the package licence."""
    # "other-closed" is the Open Definition id for terms that are not an open licence.
    rights: JsonObject = {"name": "other-closed", "title": seed.rights}
    return FileEntry(
        f"seeds/{seed.file}",
        data,
        seed_resource_name(seed),
        f"{seed.id}: {_source_title(seed)}",
        "Source text, byte-identical to the captured copy: UTF-8, no trailing newline; evidence "
        "offsets count Unicode code points of this text with no newline translation. "
        f"Rights: {seed.rights}",
        "text/plain",
        {"licenses": [rights]},
    )


def _source_title(seed: Seed) -> str:
    # Unknown values are left out, never filled with a placeholder.
    known = (seed.title.value, seed.author.value, seed.publisher.value)
    return " — ".join(value for value in known if value) or "bibliographic details unknown"


def abstract_of(description: str) -> str:
    """Return the abstract a package description was made from (what precedes the forms)."""
    marker = _FORMS.split(".", 1)[0]
    return description.split(f" {marker}", 1)[0]


def package_descriptor(
    release: Release, seeds: Iterable[Seed], files: Iterable[FileEntry]
) -> JsonObject:
    """Return the whole ``datapackage.json`` of a release."""
    license_entry: JsonObject = {
        "name": release.license,
        "title": f"{release.license}: the curated records, their tables and metadata",
    }
    if release.license in _LICENSE_PATHS:
        license_entry["path"] = _LICENSE_PATHS[release.license]
    descriptor: JsonObject = {
        "$schema": PROFILE,
        "name": NAME,
        "id": DATASET_ID,
        "version": release.version,
        "created": release.timestamp().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "title": release.title,
        "description": f"{' '.join(release.abstract.split())} {_FORMS}",
        "licenses": [license_entry],
        "sources": [_source(seed) for seed in seeds],
        "contributors": [
            {"title": person.display, "roles": ["creator"]} for person in release.authors
        ],
        "keywords": list(release.keywords),
        SCHEMA_KEY: CURRENT,
        "resources": [entry.resource() for entry in files],
    }
    # Releases made before the descriptor carried the repository and DOI are rebuilt by the code
    # of the commit that registered them (tests/releasekit.py), so every build carries them.
    if release.repository_code:
        descriptor["homepage"] = release.repository_code
    if release.doi:
        descriptor[DOI_KEY] = release.doi
    return descriptor


def _source(seed: Seed) -> JsonObject:
    source: JsonObject = {"title": f"{seed.id}: {_source_title(seed)}"}
    if seed.url.value:
        source["path"] = seed.url.value
    source["hash"] = f"sha256:{seed.sha256}"
    source["resource"] = seed_resource_name(seed)
    return source
