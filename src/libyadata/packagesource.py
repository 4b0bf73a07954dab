"""The record, cross-record and provenance layers over a built package instead of YAML.

Each table's records are read from its JSON Lines resource, one line at a time, so a problem
names its line; a table with no records has only its CSV form, which is read instead. The seed
texts are the package's own seed resources, verified against the seeds table. Records stream
through ``Crosscheck`` and are not kept, so memory grows with the number of ids only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from .crosscheck import CROSS_RECORD, ORDER, PROVENANCE, Crosscheck, Where
from .data import DataPackage, PackageError
from .descriptor import seed_resource_name
from .layout import JSON_SUFFIX
from .models import Seed
from .problems import Problem, from_validation_error, unknown_field_hints
from .seedlib import SeedLibrary
from .tables import Table, table

_RESTORE = "download the release again, or rebuild the package with `libyadata build`"


@dataclass
class PackageRecords:
    """What reading a package's records found."""

    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    library: SeedLibrary = field(default_factory=SeedLibrary)


def check_records(
    package: DataPackage, shown: str, *, skip: Collection[str] = ()
) -> PackageRecords:
    """Validate every record of ``package`` and check them across records and against seeds."""
    result = PackageRecords()
    seeds = _read(package, table("seeds"), shown, result, lambda record, where: None)
    for seed, where in seeds:
        if isinstance(seed, Seed):
            result.problems += _admit(package, seed, where, shown, result.library)
    crosscheck = Crosscheck(
        result.library, cross_record=CROSS_RECORD not in skip, provenance=PROVENANCE not in skip
    )
    for name in ORDER[1:]:
        source = table(name)

        def feed(record: BaseModel, where: Where, name: str = name) -> None:
            crosscheck.claim(name, str(getattr(record, "id", "")), where)
            crosscheck.add(name, record, where)

        _read(package, source, shown, result, feed)
        crosscheck.complete(name)
    result.problems += crosscheck.finish()
    return result


def _read(
    package: DataPackage,
    source: Table,
    shown: str,
    result: PackageRecords,
    feed: Callable[[BaseModel, Where], None],
) -> list[tuple[BaseModel, Where]]:
    """Validate each record of ``source``, hand it to ``feed``; keep them only for the seeds."""
    name = f"{source.name}{JSON_SUFFIX}"
    kept: list[tuple[BaseModel, Where]] = []
    count = 0
    if not package.has(name):
        file = f"{shown}/csv/{source.name}.csv"
        try:
            records = package.records(source.name, form="csv")
        except (PackageError, KeyError, ValueError) as error:
            result.problems.append(_unreadable(file, error))
            return kept
        for record in records:
            feed(record, Where(file))
            count += 1
        result.counts[source.name] = count
        return kept
    path = str(package.resource(name).get("path", ""))
    file = f"{shown}/{path}"
    try:
        data = (package.root / path).read_bytes()
    except OSError as error:
        result.problems.append(_unreadable(file, error))
        return kept
    validate_json = source.model.model_validate_json
    known = source.model.model_fields
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line:
            continue
        try:
            record = validate_json(line)
        except ValidationError as error:
            found = from_validation_error(
                error, file=file, line=number, record_id=_id_of(line) or f"(line {number})"
            )
            result.problems += unknown_field_hints(found, known)
            continue
        where = Where(file, number)
        feed(record, where)
        if source.model is Seed:
            kept.append((record, where))
        count += 1
    result.counts[source.name] = count
    return kept


def _admit(
    package: DataPackage, seed: Seed, where: Where, shown: str, library: SeedLibrary
) -> list[Problem]:
    """Verify the package's copy of a seed text against the seeds table."""

    def problem(code: str, message: str, fld: str, hint: str) -> Problem:
        return Problem(
            code, message, file=where.file, line=where.line, record_id=seed.id, field=fld, hint=hint
        )

    name = seed_resource_name(seed)
    if not package.has(name):
        library.seeds[seed.id] = seed
        return [
            problem(
                "seed-missing",
                f"the package has no resource {name} for {seed.id}",
                "file",
                _RESTORE,
            )
        ]
    path = str(package.resource(name).get("path", ""))
    return library.admit(seed, package.root / path, f"{shown}/{path}", _RESTORE, problem)


def _id_of(line: bytes) -> str | None:
    """Return the id a line gives itself, for a problem about a line that does not validate."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    record_id = data.get("id") if isinstance(data, dict) else None
    return record_id if isinstance(record_id, str) else None


def _unreadable(file: str, error: Exception) -> Problem:
    return Problem(
        "package-unreadable",
        f"{file} cannot be read: {error}",
        file=file,
        hint=_RESTORE,
    )
