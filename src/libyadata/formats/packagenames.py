"""The names of a built package's files and descriptor keys, as every build writes them.

What a package is called inside, kept apart from reading one (``datapackage``) so that the
flat layout, the zip reader and the build name the same files without importing the reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models.reference import Seed

#: The descriptor of a package, at its top.
DESCRIPTOR = "datapackage.json"
#: The suffix of a table's JSON Lines resource: ``visits-jsonl``.
JSON_SUFFIX = "-jsonl"
#: The checksums of every other file of a package, as ``sha256sum`` writes them.
SUMS = "SHA256SUMS"
#: Files a libyadata package holds besides its descriptor and resources.
EXTRA_FILES = ("codebook.md", SUMS)

#: The descriptor key of a built package that says which schema version it follows.
SCHEMA_KEY = "x-libyadata-schema"
#: The descriptor key of the dataset's DOI, once one is minted (Data Package v2 has none).
DOI_KEY = "x-libyadata-doi"


def schema_version(descriptor: Mapping[str, Any]) -> int:
    """Return the schema version a package descriptor follows (1 when it does not say)."""
    found = descriptor.get(SCHEMA_KEY, 1)
    return found if isinstance(found, int) and not isinstance(found, bool) and found > 0 else 1


def seed_resource_name(seed: Seed) -> str:
    """Return the resource name of a seed text: ``SEED-000`` is ``seed-000``."""
    return seed.id.lower()
