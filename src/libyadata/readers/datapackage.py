"""A built data package in a folder: its descriptor, its verified files, its records.

``DataPackage`` reads any libyadata build (the installed one, a checkout's, a download): each
file is checked against the size and SHA-256 that ``datapackage.json`` gives for it the first
time it is read, and a file that fails is never parsed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..core.catalogue.package_problems import (
    PACKAGE_FILE_MISMATCH,
    PACKAGE_FILE_UNREADABLE,
    PACKAGE_NOT_FOUND,
)
from ..core.files import TooLargeError, read_regular
from ..core.hashing import labelled, sha256
from ..formats.packagenames import DESCRIPTOR, JSON_SUFFIX, SCHEMA_KEY, SUMS, schema_version
from ..models.tables import Table, table
from .packageerror import PackageError
from .safedescriptor import MAX_RESOURCE_BYTES, read_descriptor, read_resource

if TYPE_CHECKING:
    import frictionless
    import pandas as pd
    from pydantic import BaseModel, TypeAdapter

    from ..core.problems import Problem
    from ..core.safezip import ZipLimits

#: Which form of a table to read records from.
Form = Literal["jsonl", "csv"]


@dataclass
class DataPackage:
    """A built libyadata data package in a folder (or opened from its zip)."""

    root: Path
    descriptor: dict[str, Any] = field(repr=False)
    _checked: dict[str, bytes] = field(default_factory=dict, repr=False)
    #: The tables whose two forms were compared (or are being compared) by ``_agree``.
    _agreed: set[str] = field(default_factory=set, repr=False)

    def __repr__(self) -> str:
        """Name, version, size and folder: the descriptor itself is far too long to print."""
        resources = self.descriptor.get("resources")
        count = len(resources) if isinstance(resources, list) else 0
        return (
            f"<DataPackage {self.descriptor.get('name', '?')} {self.version or '?'}: "
            f"{count} resources in {self.root}>"
        )

    @classmethod
    def open(cls, path: Path | str) -> DataPackage:
        """Open the package in folder ``path``, at its ``datapackage.json``, or in a zip of one.

        The descriptor is checked before anything it names is read (see ``safedescriptor``):
        a resource path that is a URL, absolute, outside the package or not a regular file is
        refused. A zip is unpacked safely into the cache, once per content. Raises
        ``PackageError`` with the problems found.
        """
        path = Path(path)
        if not path.exists() and (path.suffix.lower() == ".zip" or path.name == DESCRIPTOR):
            # A file was named: saying its folder has no descriptor would point the wrong way.
            raise PackageError(
                f"{path}: no such file; pass the zip of a libyadata build, its folder or its "
                f"{DESCRIPTOR}",
                kind=PACKAGE_NOT_FOUND,
                file=str(path),
            )
        if path.is_file() and path.name != DESCRIPTOR:
            path = unpack_zip(path)
        root = path.parent if path.name == DESCRIPTOR else path
        descriptor_path = root / DESCRIPTOR
        descriptor, problems = read_descriptor(descriptor_path, str(descriptor_path))
        if descriptor is None:
            if [p.code for p in problems] == [PACKAGE_NOT_FOUND.code]:
                raise PackageError(
                    f"{descriptor_path} cannot be read as a data package (it does not exist); "
                    "pass the folder of a libyadata build, its zip, or reinstall libyadata",
                    kind=PACKAGE_NOT_FOUND,
                    file=str(descriptor_path),
                )
            raise PackageError(problems=problems)
        marker = _schema_marker_problem(descriptor, str(descriptor_path))
        if marker is not None:
            raise PackageError(problems=[marker])
        return cls(root, descriptor)

    @property
    def version(self) -> str:
        """The data package version, e.g. ``0.1.0``."""
        return str(self.descriptor.get("version", ""))

    @property
    def schema_version(self) -> int:
        """The schema version its records follow (1 for the 0.x releases); see ``migration``."""
        return schema_version(self.descriptor)

    def has(self, name: str) -> bool:
        """Whether the package has a resource called ``name``."""
        return any(r.get("name") == name for r in self.descriptor["resources"])

    def holds(self, source: Table) -> bool:
        """Whether the package has table ``source``: its CSV or its JSON Lines resource.

        A release made before a table was added has neither; the checks, ``diff`` and
        ``migrate`` read the tables a package lists and never ask it for another.
        """
        return self.has(source.name) or self.has(f"{source.name}{JSON_SUFFIX}")

    def resource(self, name: str) -> dict[str, Any]:
        """Return the descriptor of resource ``name``."""
        for resource in self.descriptor["resources"]:
            if resource.get("name") == name:
                return dict(resource)
        known = ", ".join(str(r.get("name")) for r in self.descriptor["resources"])
        raise KeyError(f"no resource {name!r} in {self.root / DESCRIPTOR}; it has: {known}")

    def read_bytes(self, name: str) -> bytes:
        """Return the bytes of resource ``name``, after checking their size and SHA-256.

        A resource holding a form of a table (its CSV tables, its JSON Lines) is handed out only
        once the table's two forms are found to agree (``agreement``); ``PackageError`` if not.
        """
        owner = self._owner(name)
        if owner is not None:
            self._agree(owner)
        return self.verified_bytes(name)

    def _owner(self, name: str) -> Table | None:
        """Return the table of records that resource ``name`` holds a form of, if any."""
        if name.endswith(JSON_SUFFIX):
            name = name.removesuffix(JSON_SUFFIX)
        try:
            return table(name)
        except KeyError:
            pass
        from ..formats.layout import layouts

        for layout in layouts():
            if layout.name == name:
                return layout.table
        return None

    def _agree(self, source: Table) -> None:
        """Raise ``PackageError`` unless the two forms of ``source`` hold the same records."""
        if source.name in self._agreed:
            return
        from .agreement import disagreements

        self._agreed.add(source.name)  # also while comparing: the comparison reads both forms
        try:
            problems = disagreements(self, source)
        except BaseException:
            self._agreed.discard(source.name)
            raise
        if problems:
            self._agreed.discard(source.name)
            raise PackageError(problems=problems)

    def verified_bytes(self, name: str) -> bytes:
        """Return the bytes of resource ``name`` once they pass their size and SHA-256 check."""
        if name not in self._checked:
            resource = self.resource(name)
            path = self.root / resource["path"]
            expected = int(resource["bytes"])
            try:
                data = read_resource(self.root, resource["path"], expected)
            except TooLargeError:
                raise PackageError(
                    f"{path} does not match {DESCRIPTOR}: it holds more than the {expected} "
                    f"bytes given for it; the file was changed or damaged; {self._repair()}",
                    kind=PACKAGE_FILE_MISMATCH,
                    file=str(path),
                ) from None
            except OSError as error:
                raise PackageError(
                    f"{path} cannot be read ({error.strerror or error}); {self._repair()}",
                    kind=PACKAGE_FILE_UNREADABLE,
                    file=str(path),
                ) from None
            digest = labelled(data)
            if len(data) != expected or digest != resource.get("hash"):
                raise PackageError(
                    f"{path} does not match {DESCRIPTOR} (bytes {len(data)}, {digest}; expected "
                    f"{resource.get('bytes')}, {resource.get('hash')}): the file was changed "
                    f"or damaged; {self._repair()}",
                    kind=PACKAGE_FILE_MISMATCH,
                    file=str(path),
                )
            self._checked[name] = data
        return self._checked[name]

    def _repair(self) -> str:
        """Say how to get a whole copy of this package back."""
        from ..core.cache import cache_dir

        if self.root.resolve().is_relative_to(cache_dir().resolve()):
            version = self.version or "VERSION"
            return (
                f"this is a cached release: `libyadata download {version} --force` downloads "
                "it again"
            )
        return "reinstall libyadata or download the release again"

    def verify(self) -> None:
        """Check every file the package lists against its size and hash; ``PackageError`` if not."""
        for resource in self.descriptor["resources"]:
            self.read_bytes(str(resource["name"]))

    def verify_sums(self) -> None:
        """Check the files ``SHA256SUMS`` lists, if the package has one; ``PackageError`` if not.

        It covers the files no resource describes (``codebook.md``).
        """
        path = self.root / SUMS
        if not path.exists():
            return
        try:
            lines = read_regular(path, 1 << 20).decode("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise PackageError(f"{path} cannot be read: {error}", file=str(path)) from None
        for line in lines:
            digest, _, name = line.partition("  ")
            try:
                data = read_resource(self.root, name, MAX_RESOURCE_BYTES)
            except OSError as error:
                raise PackageError(
                    f"{SUMS} lists {name!r}, which cannot be read: {error.strerror or error}",
                    kind=PACKAGE_FILE_UNREADABLE,
                    file=str(path),
                ) from None
            if sha256(data) != digest:
                raise PackageError(
                    f"{self.root / name} does not match its line in {SUMS}: the file was changed "
                    "or damaged",
                    kind=PACKAGE_FILE_MISMATCH,
                    file=str(self.root / name),
                )

    def records(self, name: str | Table, *, form: Form = "jsonl") -> tuple[BaseModel, ...]:
        """Return the typed, immutable records of table ``name`` (its name or its ``Table``).

        They are read from the table's JSON Lines resource, or with ``form="csv"`` rebuilt
        from its flat CSV tables (the two give identical records). A package of an earlier
        schema version is read through its upgrade to today's models (``migration``); a record
        that cannot be upgraded raises ``PackageError`` saying why.
        """
        name = name_of(name)
        try:
            source = table(name)
        except KeyError as error:
            if self.has(name):
                raise KeyError(
                    f"{name!r} is a flat table, not a table of records: read it with "
                    f"load_dataframe({name!r})"
                ) from None
            raise error from None
        self._agree(source)
        from pydantic import ValidationError

        shown = f"{self.root.name}/{source.name}"
        try:
            return self._read_records(source, form)
        except ValidationError as error:
            from ..core.problems import from_validation_error

            raise PackageError(problems=from_validation_error(error, file=shown)) from None
        except KeyError as error:  # a child row of a record the table does not hold
            raise PackageError(
                f"{shown} ({form}) cannot be read as records: a row refers to {error!s:.100}, "
                "which the table does not hold (its CSV tables do not fit together)",
                file=shown,
            ) from None
        except (ValueError, TypeError, RecursionError) as error:
            # A CSV cell or column no schema field reads, a form nested past Python's limit.
            raise PackageError(
                f"{shown} ({form}) cannot be read as records: {error!s:.300}", file=shown
            ) from None

    def _read_records(self, source: Table, form: Form) -> tuple[BaseModel, ...]:
        json_lines = f"{source.name}{JSON_SUFFIX}"
        if form == "csv" or not self.has(json_lines):
            # A table with no records has no JSON Lines resource (see build): read its CSV.
            return self._records_from_csv(source)
        lines = self.verified_bytes(json_lines).splitlines()
        if self.schema_version < _current_schema():
            return self._upgraded(source, (_json_line(self, json_lines, line) for line in lines))
        return self._typed(source, lines)

    def _typed(self, source: Table, lines: list[bytes]) -> tuple[BaseModel, ...]:
        """Return the records of ``source`` from its JSON Lines, each validated in full."""
        return _adapter(source).validate_json(b"[" + b",".join(lines) + b"]")

    def _upgraded(self, source: Table, rows: Iterable[Any]) -> tuple[BaseModel, ...]:
        from ..upgrades.schemaupgrade import upgrade

        records = []
        for data in rows:
            record, problems = upgrade(source, data, self.schema_version)
            if record is None:
                reasons = "; ".join(str(problem) for problem in problems[:3])
                raise PackageError(
                    f"{self.root}: a record of {source.name} cannot be read as schema "
                    f"v{_current_schema()}: {reasons}"
                )
            records.append(record)
        return tuple(records)

    def _records_from_csv(self, source: Table) -> tuple[BaseModel, ...]:
        if self.has(source.name) and len(self.verified_bytes(source.name).splitlines()) <= 1:
            return ()  # a header and no rows: no record, and no layout to work out for it
        import csv
        import io

        from ..formats import cells
        from ..formats.layout import layouts_of
        from ..formats.rows import record_data

        flat = layouts_of(source)
        rows = {}
        for layout in flat:
            if not self.has(layout.name):
                continue  # a list field added since this package was built: no rows, empty
            fields = {f["name"]: f for f in self.resource(layout.name)["schema"]["fields"]}
            text = self.verified_bytes(layout.name).decode("utf-8")
            try:
                rows[layout.name] = [
                    {name: cells.decode(cell, fields[name]) for name, cell in row.items()}
                    for row in csv.DictReader(io.StringIO(text, newline=""))
                ]
            except csv.Error as error:  # ``records`` reports it, as any form it cannot read
                raise ValueError(f"{layout.name}: {error}") from None
        found = record_data(flat, rows)
        if self.schema_version < _current_schema():
            return self._upgraded(source, found)
        return tuple(source.model.model_validate(data) for data in found)

    def dataframe(self, name: str | Table) -> pd.DataFrame:
        """Return the CSV form of flat table ``name`` as a DataFrame typed by its Table Schema.

        ``name`` is a resource name or a ``Table`` of the registry (its top-level CSV table).
        """
        from ..formats.frames import read_csv

        name = name_of(name)
        resource = self.resource(name)
        if resource.get("format") != "csv":
            raise KeyError(f"{name!r} is not a CSV table of {self.root / DESCRIPTOR}")
        return read_csv(self.read_bytes(name), resource["schema"])

    def frictionless(self) -> frictionless.Package:
        """Return the package as a ``frictionless.Package``, once every file passes its hash."""
        from frictionless import Package

        self.verify()
        package = Package(str(self.root / DESCRIPTOR))
        # frictionless prints a package as its whole descriptor (300 kB here); the same object
        # with a few lines' repr. Its class is made by frictionless, so it is swapped after.
        package.__class__ = _short_package()
        return package


def unpack_zip(
    archive: Path, *, cache: Path | None = None, limits: ZipLimits | None = None
) -> Path:
    """Unpack a data package zip into the cache, once per content; return the package folder.

    Every file is checked against its hash and ``SHA256SUMS`` before the folder takes its place
    in the cache. Raises ``PackageError`` with a ``package-zip-…`` problem when the zip is
    unreadable, damaged, unsafe, over the limits or not a package, and with the package's own
    problems when a file fails its hash; the cache is then left as it was.
    """
    from .archive import unpack

    return unpack(archive, check=_verified, cache=cache, limits=limits)


def _verified(folder: Path) -> None:
    package = DataPackage.open(folder)
    package.verify()
    package.verify_sums()


def name_of(name: str | Table) -> str:
    """Return the table name of ``name``: itself, or the name of a registry ``Table``.

    So ``for t in libyadata.TABLES: libyadata.load(t)`` reads each table.
    """
    return name.name if isinstance(name, Table) else name


def _schema_marker_problem(descriptor: Mapping[str, Any], shown: str) -> Problem | None:
    """Return the problem of a schema version marker that is not a known version, if any.

    Absent, it is 1 (the 0.x releases wrote none); present, it must be an integer (not a
    boolean, text or fraction) from 1 to the schema version this libyadata reads.
    """
    if SCHEMA_KEY not in descriptor:
        return None
    value = descriptor[SCHEMA_KEY]
    known = range(1, _current_schema() + 1)
    if isinstance(value, int) and not isinstance(value, bool) and value in known:
        return None
    from ..core.catalogue.package_problems import PACKAGE_SCHEMA_VERSION

    shown_value = f"{value!r:.40}" if not isinstance(value, int) else f"{value}"[:40]
    return PACKAGE_SCHEMA_VERSION(
        shown=shown,
        key=SCHEMA_KEY,
        value=shown_value,
        known=", ".join(map(str, known)),
        file=shown,
        field=SCHEMA_KEY,
    )


def _current_schema() -> int:
    # Not migration.CURRENT: reading a package of today's schema need not import the upgrade.
    from ..core.versions import SCHEMA_VERSION

    return int(SCHEMA_VERSION)


def _json_line(package: DataPackage, name: str, line: bytes) -> Any:
    import json

    try:
        return json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PackageError(f"{package.root}: {name} has a line that is not JSON: {error}") from None


@cache
def _short_package() -> type[frictionless.Package]:
    """Return a ``frictionless.Package`` that prints as a few lines, not its descriptor."""
    from frictionless import Package

    class ShortPackage(Package):
        """A ``frictionless.Package`` whose repr names it, its version and its resources."""

        __slots__ = ()  # the same layout as Package, so an instance can take this class

        def __repr__(self) -> str:
            names = [resource.name for resource in self.resources]
            shown = ", ".join(names[:8]) + (f", … ({len(names)} in all)" if len(names) > 8 else "")
            return (
                f"<frictionless.Package {self.name} {self.version}: {len(names)} resources "
                f"({shown})\n in {self.basepath}; print(package.to_descriptor()) for the rest>"
            )

    return ShortPackage


@cache
def _adapter(source: Table) -> TypeAdapter[tuple[BaseModel, ...]]:
    from pydantic import TypeAdapter

    return TypeAdapter(tuple[source.model, ...])  # type: ignore[name-defined]
