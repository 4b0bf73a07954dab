"""The record, cross-record and provenance layers over a built package instead of YAML.

Each table's records are read from its JSON Lines resource, one line at a time, so a problem
names its line; a table with no records has only its CSV form, which is read instead. The seed
texts are the package's own seed resources, verified against the seeds table. Records stream
through ``Crosscheck`` and are not kept, so memory grows with the number of ids only.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ValidationError

from ..core.catalogue.package_problems import PACKAGE_UNREADABLE
from ..core.catalogue.provenance_problems import SEED_RESOURCE_MISSING
from ..core.hashing import sha256
from ..core.problems import Problem, ProblemType, from_validation_error, unknown_field_hints
from ..core.problemtype import CROSS_RECORD, PACKAGE, PROVENANCE
from ..formats.packagenames import JSON_SUFFIX, seed_resource_name
from ..models import Seed
from ..models.tables import TABLES, Table
from ..readers.agreement import disagreements
from ..readers.datapackage import DataPackage
from ..readers.packageerror import PackageError
from ..sources.seeds import SeedLibrary
from ..upgrades import schemaupgrade
from .crosscheck import Crosscheck, Where
from .packagefiles import Judged

_RESTORE = "download the release again, or rebuild the package with `libyadata build`"


@dataclass
class PackageRecords:
    """What reading a package's records found."""

    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    library: SeedLibrary = field(default_factory=SeedLibrary)
    read: dict[str, Judged] = field(default_factory=dict)
    """The bytes of each JSON Lines resource read, by resource name (when the package layer
    is to run: it leaves to this reading the resources it judged in full)."""

    def judged(self) -> dict[str, Judged]:
        """Return the resources judged in full: all those read, if no layer found a problem."""
        return {} if self.problems else dict(self.read)


def check_records(
    package: DataPackage, shown: str, *, skip: Collection[str] = ()
) -> PackageRecords:
    """Validate every record of ``package`` and check them across records and against seeds."""
    result = PackageRecords()
    # The package layer leaves to this reading the resources it judges in full, which needs
    # the cross-record layer (ids and foreign keys) and the digest of the bytes read.
    digests = PACKAGE not in skip and CROSS_RECORD not in skip
    kept: list[tuple[BaseModel, Where]] = []
    _read(
        package,
        TABLES.sources,
        shown,
        result,
        lambda record, where: kept.append((record, where)),
        digests=digests,
    )
    for seed, where in kept:
        if isinstance(seed, Seed):
            result.problems += _admit(package, seed, where, shown, result.library)
    crosscheck = Crosscheck(
        result.library, cross_record=CROSS_RECORD not in skip, provenance=PROVENANCE not in skip
    )
    for source in TABLES.order():
        if source is TABLES.sources or not package.holds(source):
            continue  # the seeds were read above, to verify the texts before any span is checked
        _read(package, source, shown, result, crosscheck, digests=digests)
        crosscheck.complete(source.name)
    result.problems += crosscheck.finish()
    if not result.problems:  # a form that does not read is reported above, once
        result.problems += _agreement(package)
    return result


def _agreement(package: DataPackage) -> list[Problem]:
    """Return the problems of tables whose CSV and JSON Lines forms disagree (``agreement``)."""
    problems: list[Problem] = []
    for source in filter(package.holds, TABLES.order()):
        try:
            problems += disagreements(package, source)
        except PackageError as error:
            problems += error.problems
    return problems


Feed = Callable[[BaseModel, Where], None]


def _read(
    package: DataPackage,
    source: Table,
    shown: str,
    result: PackageRecords,
    feed: Feed | Crosscheck,
    *,
    digests: bool = False,
) -> None:
    """Validate each record of ``source`` and hand it on, to ``feed`` or a ``Crosscheck``.

    With ``digests``, the size and SHA-256 of the JSON Lines bytes read go in ``result.read``.
    """
    name = f"{source.name}{JSON_SUFFIX}"
    if isinstance(feed, Crosscheck):
        crosscheck = feed

        def feed(record: BaseModel, where: Where) -> None:
            crosscheck.claim(source.name, str(getattr(record, "id", "")), where)
            crosscheck.add(source.name, record, where)

    if not package.has(name):
        file = f"{shown}/csv/{source.name}.csv"
        try:
            records = package.records(source.name, form="csv")
        except (PackageError, KeyError, ValueError) as error:
            result.problems.append(_unreadable(file, error))
            return
        for record in records:
            feed(record, Where(file))
        result.counts[source.name] = len(records)
        return
    path = str(package.resource(name).get("path", ""))
    file = f"{shown}/{path}"
    try:
        data = (package.root / path).read_bytes()
    except OSError as error:
        result.problems.append(_unreadable(file, error))
        return
    lines = data.split(b"\n")
    version = package.schema_version
    if version < schemaupgrade.CURRENT:
        found, count = _upgraded(source, file, lines, version, feed)
    elif source is not TABLES.sources and len(lines) >= PARALLEL_FROM and _workers() > 1:
        found, count = _in_parallel(source, file, lines, crosscheck)
    else:
        found, count = _validate(source, file, lines, (0, len(lines)), feed)
    result.problems += found
    result.counts[source.name] = count
    if digests:
        result.read[name] = Judged(len(data), sha256(data), count)


def _validate(
    source: Table, file: str, lines: Sequence[bytes], part: tuple[int, int], feed: Feed
) -> tuple[list[Problem], int]:
    """Validate ``lines[lo:hi]`` of ``part`` (numbered from ``lo + 1``), feeding valid records."""
    lo, hi = part
    validate_json = source.model.model_validate_json
    known = source.model.model_fields
    problems: list[Problem] = []
    count = 0
    for number in range(lo + 1, hi + 1):
        line = lines[number - 1]
        if not line:
            continue
        try:
            record = validate_json(line)
        except ValidationError as error:
            found = from_validation_error(
                error, file=file, line=number, record_id=_id_of(line) or f"(line {number})"
            )
            problems += unknown_field_hints(found, known)
            continue
        feed(record, Where(file, number))
        count += 1
    return problems, count


def _upgraded(
    source: Table, file: str, lines: Sequence[bytes], version: int, feed: Feed
) -> tuple[list[Problem], int]:
    """Validate the lines of a package of an earlier schema version through their upgrade."""
    problems: list[Problem] = []
    count = 0
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        try:
            data = json.loads(line)
        except (ValueError, RecursionError):
            problems += _validate(source, file, lines, (number - 1, number), feed)[0]
            continue
        shown = _id_of(line) or f"(line {number})"
        record, found = schemaupgrade.upgrade(source, data, version, record_id=shown)
        if record is None:
            problems += [replace(problem, file=file, line=number) for problem in found]
            continue
        feed(record, Where(file, number))
        count += 1
    return problems, count


#: Tables with at least this many lines are split between processes, one part per usable CPU.
PARALLEL_FROM = 5_000

# What a forked worker checks: set just before the pool forks, so the workers inherit it
# (the lines and the state of the checks so far) without pickling it.
_FORKED: tuple[Table, str, Sequence[bytes], Crosscheck] | None = None


def _workers() -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # pragma: no cover - spawning would copy every line to each worker
    # The CPUs this process may run on (``taskset``, a container's share), not the machine's.
    usable = getattr(os, "sched_getaffinity", None)
    return min(len(usable(0)) if usable else os.cpu_count() or 1, 8)


def _in_parallel(
    source: Table, file: str, lines: Sequence[bytes], crosscheck: Crosscheck
) -> tuple[list[Problem], int]:
    """Check parts of a large table in forked workers and the first part here, then merge."""
    global _FORKED  # noqa: PLW0603 - the one way to hand a fork its state without pickling
    parts = _workers()
    bounds = [len(lines) * i // parts for i in range(parts + 1)]
    _FORKED = (source, file, lines, crosscheck)
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(parts - 1) as pool:
            parts_here, *parts_there = itertools.pairwise(bounds)
            others = pool.map_async(_part, parts_there)
            mine = _part(parts_here)
            outcomes = [mine, *others.get()]
    finally:
        _FORKED = None
    problems: list[Problem] = []
    count = 0
    for found, ids, pending, checked in outcomes:
        problems += found
        crosscheck.merge(source.name, ids, file, pending)
        count += checked
    return problems, count


def _part(bounds: tuple[int, int]) -> tuple[list[Problem], dict[str, int], list[Any], int]:
    """Check ``lines[lo:hi]`` on a copy of the state; return problems, ids, waiting refs, count."""
    if _FORKED is None:  # pragma: no cover - set by _in_parallel before any part runs
        return [], {}, [], 0
    source, file, lines, shared = _FORKED
    crosscheck = shared.fork()
    ids: dict[str, int] = {}

    def feed(record: BaseModel, where: Where) -> None:
        record_id = str(getattr(record, "id", ""))
        ids.setdefault(record_id, where.line or 0)  # a second one is reported by add()
        crosscheck.claim(source.name, record_id, where)
        crosscheck.add(source.name, record, where)

    found, count = _validate(source, file, lines, bounds, feed)
    return found + crosscheck.problems, ids, crosscheck.pending, count


def _admit(
    package: DataPackage, seed: Seed, where: Where, shown: str, library: SeedLibrary
) -> list[Problem]:
    """Verify the package's copy of a seed text against the seeds table."""

    def problem(kind: ProblemType, fld: str, hint: str, /, **values: object) -> Problem:
        return kind(
            file=where.file, line=where.line, record_id=seed.id, field=fld, hint=hint, **values
        )

    name = seed_resource_name(seed)
    if not package.has(name):
        library.seeds[seed.id] = seed
        return [
            SEED_RESOURCE_MISSING(
                name=name,
                id=seed.id,
                file=where.file,
                line=where.line,
                record_id=seed.id,
                field="file",
            )
        ]
    path = str(package.resource(name).get("path", ""))
    return library.admit(seed, package.root / path, f"{shown}/{path}", _RESTORE, problem)


def _id_of(line: bytes) -> str | None:
    """Return the id a line gives itself, for a problem about a line that does not validate."""
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):  # not JSON, or nested past Python's limit
        return None
    record_id = data.get("id") if isinstance(data, dict) else None
    return record_id if isinstance(record_id, str) else None


def _unreadable(file: str, error: Exception) -> Problem:
    return PACKAGE_UNREADABLE(shown=file, error=error, file=file)
