r"""``libyadata build``: the curated records as a reproducible Frictionless data package.

The build refuses to write anything while ``validate`` reports a problem. It renders every
file in memory, in a fixed order and with fixed bytes (UTF-8 without BOM, ``\\n`` line ends,
rows sorted by key, timestamps from the release date or ``SOURCE_DATE_EPOCH``), so two builds
of the same sources are byte-identical, zip included. The files are written to a staging
folder, checked with ``frictionless``, and only then put in place of ``datasets/package``; a
build that fails or is killed leaves the previous package as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..checks.packagefiles import Judged
from ..checks.sources import Checked, check
from ..core.catalogue.package_problems import (
    DIST_MISSING,
    DIST_STALE,
    PACKAGE_EXTRA,
    PACKAGE_MISSING,
    PACKAGE_STALE,
    REGISTRY_INVALID,
    RELEASE_CHANGED,
    RELEASE_CHANGED_BY_EPOCH,
)
from ..core.hashing import sha256
from ..core.problems import Problem, ProblemType
from ..formats.layout import layouts_of
from ..formats.packagenames import DESCRIPTOR, JSON_SUFFIX, SUMS
from ..formats.rows import csv_bytes, rows_of
from ..models import Seed
from ..models.tables import TABLES, id_order
from ..releases.registry import REGISTRY_PATH, RegistryError, registered_hash
from ..sources.project import Project
from .citation import Release, read_release
from .descriptor import FileEntry, csv_entry, json_entry, json_path, package_descriptor, seed_entry
from .writing import put_in_place, step

#: Where the built package lives in a checkout (committed, and shipped in the wheel).
PACKAGE_DIR = "datasets/package"
#: Where the zip and its checksum file go (release assets; not committed).
DIST_DIR = "dist"

_EARLIEST_ZIP_TIME = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Build:
    """Every byte of one build, before anything is written."""

    version: str
    files: Mapping[str, bytes]
    """The package's files by path inside the package folder, ``datapackage.json`` included."""
    rows: Mapping[str, int]
    """Rows of each tabular resource, by resource name."""
    zip_name: str
    zip_data: bytes

    @property
    def zip_sha256(self) -> str:
        """SHA-256 of the zip, lowercase hex."""
        return sha256(self.zip_data)

    def write_files(self, folder: Path) -> None:
        """Write the package's files into ``folder`` (an empty or new one), as they are laid out."""
        for path, data in self.files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def judged(self) -> dict[str, Judged]:
        """Return the JSON Lines resources, rendered from records validated in full.

        The package layer leaves them out of frictionless's run (``checks.packagefiles``).
        """
        found = {}
        for source in TABLES:
            name = f"{source.name}{JSON_SUFFIX}"
            data = self.files.get(json_path(source))
            if data is not None and name in self.rows:
                found[name] = Judged(len(data), sha256(data), self.rows[name])
        return found

    def dist_files(self) -> dict[str, bytes]:
        """Return the release assets: the zip and a ``SHA256SUMS`` file naming it."""
        sums = f"{self.zip_sha256}  {self.zip_name}\n".encode()
        return {self.zip_name: self.zip_data, SUMS: sums}


def render(project: Project, checked: Checked | None = None) -> tuple[Build | None, list[Problem]]:
    """Validate the project and render the whole package in memory; ``None`` on problems.

    ``checked`` is a ``validation.check`` of the project already made, to use instead of
    checking it again.
    """
    release, problems = read_release(project)
    checked = checked or check(project)
    problems += checked.report.problems
    if release is None or problems:
        return None, problems
    seeds = checked.library.seeds.values()
    records = {name: loaded.records for name, loaded in checked.tables.items()}
    # The verified texts, not a second read of files that may have changed since the check.
    texts = {seed.id: checked.library.text(seed.id).encode("utf-8") for seed in seeds}
    codebook = checked.schema_files["codebook.md"]
    return assemble(release, seeds, records, texts, codebook), []


def assemble(
    release: Release,
    seeds: Iterable[Seed],
    records: Mapping[str, Iterable[BaseModel]],
    texts: Mapping[str, bytes],
    codebook: str,
) -> Build:
    """Render a package from records that are already valid, without checking them again.

    ``records`` holds the records of every table but the seeds, by table name (a missing
    table is empty); ``texts`` the bytes of each seed file, by seed id. ``render`` is the
    checked path; this one is for callers that made the records themselves (the synthetic
    datasets of the benchmarks).
    """
    ordered_seeds = _sorted_records(seeds)
    entries: list[FileEntry] = []
    rows: dict[str, int] = {}
    ordered = {
        t.name: ordered_seeds if t.model is Seed else _sorted_records(records.get(t.name, ()))
        for t in TABLES
    }
    for source in TABLES:
        for layout in layouts_of(source):
            table_rows = [row for record in ordered[source.name] for row in rows_of(layout, record)]
            entries.append(csv_entry(layout, csv_bytes(layout.columns, table_rows)))
            rows[layout.name] = len(table_rows)
    for source in TABLES:
        if not ordered[source.name]:
            # frictionless cannot read a JSON Lines file with no lines, so a table with no
            # records yet (retractions) has its CSV form only, a header row.
            continue
        entry = json_entry(source, _json_lines(ordered[source.name]))
        entries.append(entry)
        rows[entry.name] = len(ordered[source.name])
    seed_list = [seed for seed in ordered_seeds if isinstance(seed, Seed)]
    for seed in seed_list:
        entries.append(seed_entry(seed, texts[seed.id]))
    descriptor = package_descriptor(release, seed_list, entries)
    files = {entry.path: entry.data for entry in entries}
    files[DESCRIPTOR] = _json(descriptor)
    files["codebook.md"] = codebook.encode()
    files[SUMS] = _sums(files)
    folder = f"libyadata-{release.version}"
    zipped = _zip(folder, files, release.timestamp())
    return Build(release.version, files, rows, f"{folder}.zip", zipped)


#: Writes more release assets into the staged ``dist/`` folder (the site, say): each is called
#: with the build and the folder, after the zip and ``SHA256SUMS`` are there.
DistWriter = Callable[[Build, Path], None]


def write(
    project: Project,
    build: Build,
    *,
    extras: Sequence[DistWriter] = (),
    waiting: Callable[[str], None] | None = None,
) -> list[Problem]:
    """Write the build: stage it, check it, then swap package and ``dist/`` into place together.

    One build runs at a time per checkout (a file lock; ``waiting`` is told when this one has
    to wait). Leftovers of a killed build are cleared first, and every output folder is tried
    for writing before anything is staged. ``datasets/package`` and ``dist/`` (the zip, its
    ``SHA256SUMS`` and whatever ``extras`` write) are staged beside their places and swapped in
    together: if a swap fails the other is undone, and a kill in between is undone by the next
    build (see ``writing``). Returns problems instead of writing when the build would change a
    released version, frictionless rejects the staged package, a folder cannot be written, or
    another build holds the lock; the previous package and ``dist/`` are then as they were.
    """
    problems = release_problems(build)
    if problems:
        return problems
    target = project.root / PACKAGE_DIR

    def stage(package: Path, dist: Path) -> list[Problem]:
        build.write_files(package)
        for name, data in build.dist_files().items():
            (dist / name).write_bytes(data)
        for extra in extras:
            extra(build, dist)
        step("staged")
        # Bytes validate (or an earlier build) passed are not checked again; the JSON Lines
        # files, rendered from records just validated in full, are left out of frictionless.
        return verify_package(
            package / DESCRIPTOR, shown=project.relative(target), judged=build.judged()
        )

    return put_in_place(project, target, project.root / DIST_DIR, stage, waiting)


def dist_problems(project: Project, build: Build) -> list[Problem]:
    """Compare ``dist/`` with a fresh build: the zip and ``SHA256SUMS`` there must be its own.

    A checkout with no ``dist/`` at all has nothing to compare (it is not committed).
    """
    dist = project.root / DIST_DIR
    if not dist.is_dir():
        return []
    problems = []
    for name, data in build.dist_files().items():
        shown = f"{DIST_DIR}/{name}"
        path = dist / name
        if not path.is_file():
            problems.append(DIST_MISSING(shown=shown, file=shown))
        elif path.read_bytes() != data:
            problems.append(DIST_STALE(shown=shown, file=shown))
    return problems


def release_problems(build: Build) -> list[Problem]:
    """Refuse a build that would change the bytes of a registered (released) version."""
    try:
        expected = registered_hash(build.zip_name)
    except RegistryError as error:
        return [REGISTRY_INVALID(error=error, file=REGISTRY_PATH)]
    if expected is None or expected == build.zip_sha256:
        return []
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    kind = RELEASE_CHANGED_BY_EPOCH if epoch else RELEASE_CHANGED
    return [
        kind(
            zip_name=build.zip_name,
            expected=expected[:12],
            actual=build.zip_sha256[:12],
            epoch=epoch,
            file="CITATION.cff",
            field="version",
        )
    ]


def stale(project: Project, build: Build) -> list[Problem]:
    """Compare the committed package with a fresh build; one problem per differing file.

    Also fails when this version is a registered release whose zip differs, since a released
    version never changes.
    """
    target = project.root / PACKAGE_DIR
    hint = None  # the catalogue's: rebuild and commit
    if "SOURCE_DATE_EPOCH" in os.environ:
        hint = "SOURCE_DATE_EPOCH is set and changes every timestamp: unset it to compare"
    problems = []
    committed = {
        path.relative_to(target).as_posix(): path
        for path in (target.rglob("*") if target.is_dir() else ())
        if path.is_file()
    }
    for name, data in build.files.items():
        shown = f"{PACKAGE_DIR}/{name}"
        if name not in committed:
            problems.append(_stale(PACKAGE_MISSING, shown, hint))
        elif committed[name].read_bytes() != data:
            problems.append(_stale(PACKAGE_STALE, shown, hint))
    for name in sorted(set(committed) - set(build.files)):
        shown = f"{PACKAGE_DIR}/{name}"
        problems.append(_stale(PACKAGE_EXTRA, shown, hint))
    problems += release_problems(build)
    return problems


def _stale(kind: ProblemType, shown: str, hint: str | None) -> Problem:
    """Build a problem of ``kind`` about package file ``shown``; ``hint`` replaces the usual."""
    if hint is None:
        return kind(shown=shown, file=shown)
    return kind(shown=shown, file=shown, hint=hint)


def verify_package(
    descriptor: Path, *, shown: str, judged: Mapping[str, Judged] | None = None
) -> list[Problem]:
    """Check a written package as ``validate`` does: the v2 profile and frictionless.

    A verdict already reached on exactly these bytes is reused (``checks.verdicts``), and a
    pass is remembered. ``judged`` names JSON Lines resources made from records validated in
    full (``Build.judged``), which frictionless need not read again.
    """
    from ..checks.packagefiles import check_package

    return list(check_package(descriptor.parent, shown, judged=judged).problems)


def _sorted_records(records: Iterable[BaseModel]) -> list[BaseModel]:
    return sorted(records, key=lambda record: id_order(str(getattr(record, "id", ""))))


def _json(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_lines(records: Iterable[BaseModel]) -> bytes:
    # Keys in table order, so readers that take the header from the first object agree with
    # the Table Schema.
    lines = []
    for record in records:
        dumped = record.model_dump(mode="json")
        ordered = {name: dumped[name] for name in type(record).column_order()}  # type: ignore[attr-defined]
        lines.append(json.dumps(ordered, ensure_ascii=False, separators=(",", ":")) + "\n")
    return "".join(lines).encode("utf-8")


def _sums(files: Mapping[str, bytes]) -> bytes:
    lines = (f"{sha256(data)}  {path}\n" for path, data in sorted(files.items()))
    return "".join(lines).encode()


def _zip(folder: str, files: Mapping[str, bytes], moment: dt.datetime) -> bytes:
    # Stored, not deflated: deflate output varies between zlib builds, stored bytes do not.
    moment = max(moment, _EARLIEST_ZIP_TIME)
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for path, data in _sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=stamp)
            info.create_system = 3  # Unix, wherever the build runs
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def _sorted(files: Mapping[str, bytes]) -> Iterator[tuple[str, bytes]]:
    yield from sorted(files.items())
