"""The data behind the site, in the site: the package's files and Parquet, and the release.

A site is read offline, so the files its pages link are in it: ``data/`` holds the package the
site was made from, byte for byte (``datapackage.json``, every resource, each checked against
its hash first, and its ``codebook.md`` and ``SHA256SUMS``), so ``data/datapackage.json`` is
a data package a reader can validate; ``data/parquet/`` holds each CSV table as Parquet when
pyarrow is installed (the ``parquet`` extra), as ``libyadata export parquet`` writes it. The
release zip and its ``SHA256SUMS`` are the project's release assets: the index links them
(``releases.RELEASE_URL``).
"""

from __future__ import annotations

import importlib.util
import io
from dataclasses import dataclass

from ..core.files import read_regular
from ..formats.layout import layouts_of
from ..formats.packagenames import DESCRIPTOR, EXTRA_FILES
from ..models.tables import table
from ..readers.datapackage import DataPackage
from ..readers.safedescriptor import MAX_DESCRIPTOR_BYTES, MAX_RESOURCE_BYTES, read_resource
from .pages import Link

#: The site's folder for the package's own files.
DATA = "data"
#: The Parquet files' folder inside it.
PARQUET = f"{DATA}/parquet"


@dataclass(frozen=True)
class Downloads:
    """The files of a site's ``data/`` folder and what the index says of the release."""

    files: dict[str, bytes]
    """Every file to write, by its path in the site."""
    parquet: bool
    """Whether Parquet files were made (pyarrow is installed)."""
    release: tuple[Link, ...]
    """The release zip and its ``SHA256SUMS`` on the project's release page."""


def downloads(package: DataPackage) -> Downloads:
    """Return the files of the site's ``data/`` folder and the release's links.

    Raises ``PackageError`` for a resource that fails its hash check.
    """
    files = {f"{DATA}/{DESCRIPTOR}": read_regular(package.root / DESCRIPTOR, MAX_DESCRIPTOR_BYTES)}
    for resource in package.descriptor["resources"]:
        files[f"{DATA}/{resource['path']}"] = package.read_bytes(str(resource["name"]))
    for name in EXTRA_FILES:
        if (package.root / name).is_file():
            files[f"{DATA}/{name}"] = read_resource(package.root, name, MAX_RESOURCE_BYTES)
    parquet = importlib.util.find_spec("pyarrow") is not None
    if parquet:
        files |= _parquet(package)
    return Downloads(files, parquet, _release(package))


def _parquet(package: DataPackage) -> dict[str, bytes]:
    import pyarrow.parquet as pq

    from ..export.common import csv_resources
    from ..export.parquet import SUFFIX, arrow_table

    found = {}
    for resource in csv_resources(package):
        buffer = io.BytesIO()
        # As `libyadata export parquet` writes them: one file per table, zstd.
        pq.write_table(arrow_table(package, resource), buffer, compression="zstd")
        found[f"{PARQUET}/{resource['name']}{SUFFIX}"] = buffer.getvalue()
    return found


def _release(package: DataPackage) -> tuple[Link, ...]:
    """Return the release zip and ``SHA256SUMS`` of the package's version, as published.

    Not from the release registry: a release's own site is written before its line is added,
    and must not change when it is. A package of another name has no release here.
    """
    from ..releases.registry import release_url, zip_name

    if package.descriptor.get("name") != "libyadata" or not package.version:
        return ()
    url = release_url(package.version)
    sums = url.rsplit("/", 1)[0] + "/SHA256SUMS"
    return (Link(zip_name(package.version), url), Link("SHA256SUMS", sums))


def table_files(package: DataPackage, table_name: str, found: Downloads) -> tuple[Link, ...]:
    """Return the links to a table's files in the site, relative to the site root.

    Its CSV and its child tables', its JSON Lines, and their Parquet where it was made.
    """
    links = []
    try:
        flat = [layout.name for layout in layouts_of(table(table_name))]
    except KeyError:
        return ()
    by_name = {str(r.get("name")): str(r.get("path")) for r in package.descriptor["resources"]}
    for name in flat:
        if name in by_name:
            links.append(Link(f"{name}.csv", f"{DATA}/{by_name[name]}", hint="CSV"))
    json_lines = by_name.get(f"{table_name}-jsonl")
    if json_lines:
        links.append(Link(f"{table_name}.jsonl", f"{DATA}/{json_lines}", hint="JSON Lines"))
    if found.parquet:
        for name in flat:
            if name in by_name:
                links.append(Link(f"{name}.parquet", f"{PARQUET}/{name}.parquet", hint="Parquet"))
    return tuple(links)
