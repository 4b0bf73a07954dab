"""Reading a built data package: typed records, DataFrames and the frictionless Package.

The installed package carries its own copy of the data (``libyadata/data`` in the wheel;
``datasets/package`` in a checkout), so loading needs no network and no checkout. Each file is
checked against the size and SHA-256 that ``datapackage.json`` gives for it the first time it is
read; a file that fails is never parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats.datapackage import DESCRIPTOR, DataPackage, PackageError, name_of

if TYPE_CHECKING:
    import frictionless
    import pandas as pd
    from pydantic import BaseModel

    from ..models.tables import Table


#: The installed ``libyadata`` folder, which holds the shipped package as ``data/``.
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def _shipped_dir() -> Path:
    return _PACKAGE_ROOT / "data"


def installed_is_release() -> bool:
    """Whether the installed package is the one shipped in a wheel (not a checkout's build)."""
    return installed().root.resolve() == _shipped_dir()


class ShippedPackage(DataPackage):
    """The data package inside the installed wheel, validated in full when it was built.

    It is part of the installation, installed with the code that reads it (pip checks both
    against the wheel's hashes), so it is read as that code's own file rather than as input
    from outside: its descriptor is parsed without the hostile-input checks of
    ``formats.safedescriptor`` (frictionless gets it only after them), and its records are made
    from their JSON (``models.trusted``) instead of being validated again, which spares a first
    ``load`` the building of a pydantic validator. Each file still passes its path, size and
    SHA-256 checks before it is read; the records are the same typed, immutable models, and a
    line that is not exactly what a validated model dumps to sends its table through full
    validation. Every other package (a checkout's build, a download, ``DataPackage.open``) is
    read as hostile and validated in full.
    """

    @classmethod
    def open(cls, path: Path | str) -> DataPackage:
        """Open the shipped package in folder ``path``; the full reader says what is wrong."""
        from pydantic_core import from_json

        from ..core.files import read_regular
        from ..formats.safedescriptor import MAX_DESCRIPTOR_BYTES

        root = Path(path)
        try:
            descriptor = from_json(read_regular(root / DESCRIPTOR, MAX_DESCRIPTOR_BYTES))
        except (OSError, ValueError):
            descriptor = None
        if not (isinstance(descriptor, dict) and isinstance(descriptor.get("resources"), list)):
            return super().open(path)  # unreadable or not a package: the problems, in full
        return cls(root, descriptor)

    def frictionless(self) -> frictionless.Package:
        """Check the descriptor as one from outside would be, then hand it to frictionless."""
        DataPackage.open(self.root)  # raises PackageError with what is unsafe or malformed
        return super().frictionless()

    def _agree(self, source: Table) -> None:
        """Trust the two forms to agree: ``libyadata build`` compared them before shipping."""

    def _typed(self, source: Table, lines: list[bytes]) -> tuple[BaseModel, ...]:
        from pydantic_core import from_json

        from ..models.trusted import RebuildError, rebuild

        try:
            return rebuild(source.model, from_json(b"[" + b",".join(lines) + b"]"))
        except (RebuildError, ValueError):  # not exactly a dump, or not JSON: validate it
            return super()._typed(source, lines)


@cache
def installed() -> DataPackage:
    """Return the data package shipped with this installation of libyadata.

    In a checkout (an editable install) that is the working ``datasets/package``.
    """
    here = _PACKAGE_ROOT
    if (_shipped_dir() / DESCRIPTOR).is_file():
        return ShippedPackage.open(_shipped_dir())
    checkout = here.parents[1] / "datasets" / "package"
    if (checkout / DESCRIPTOR).is_file():
        return DataPackage.open(checkout)
    raise PackageError(
        f"this libyadata installation has no data package (looked in {here / 'data'}); "
        "reinstall libyadata, or run `libyadata build` in a checkout"
    )


def load(name: str | Table, *, version: str | None = None) -> tuple[BaseModel, ...]:
    """Return the records of table ``name`` (``"visits"``, ``"actors"``, …), typed and immutable.

    ``name`` may also be the table's ``Table`` from ``libyadata.TABLES``.

    Reads the data package installed with libyadata, offline; each table's file is checked
    against its SHA-256 the first time it is read. With ``version`` it reads that release
    instead: the installed package if it is that release, else the release downloaded once
    (``libyadata download``), verified against the registry and cached; a release of an earlier
    schema version is read through its upgrade (``libyadata migrate``), so its records come as
    today's models. ``libyadata.visits()`` and its siblings read the installed package with the
    record type spelt out.
    """
    return _at(version).records(name)


def load_dataframe(
    name: str | Table, *, labels: bool = False, version: str | None = None
) -> pd.DataFrame:
    """Return flat table ``name`` as a pandas DataFrame with dtypes from its Table Schema.

    ``name`` is any CSV table of the package: a record table (``"visits"``, or its ``Table``
    from ``libyadata.TABLES``) or a child table (``"visit_evidence"``). Enumerations are
    categoricals, integers nullable ``Int64``, dates ``datetime64`` beside their precision
    column, text ``string``, and JSON array columns hold tuples. ``version`` reads a release,
    as ``load`` does.

    With ``labels=True`` it returns the analyst's view of a table of records instead
    (``libyadata.access.views``): one row per record, names instead of ids (visitors, places,
    bases), list fields as lists, each place's country and each actor's side beside it, one
    date column (the first possible day) with its precision, end, basis and readable text,
    and the evidence quotes.
    """
    if labels:
        from .views import labelled_frame

        return labelled_frame(_at(version), name_of(name))
    return _at(version).dataframe(name)


def package(*, version: str | None = None) -> frictionless.Package:
    """Return the installed data package (or release ``version``) as a ``frictionless.Package``."""
    return _at(version).frictionless()


def _at(version: str | None) -> DataPackage:
    if version is None:
        return installed()
    from .download import release

    return release(version)


@cache
def loader(source: Table) -> Callable[[], tuple[BaseModel, ...]]:
    """Return the public function that reads table ``source`` of the installed package.

    ``libyadata.visits()`` is ``loader(table("visits"))``: every table of the registry has one,
    made on first use, so a new table needs no line here. The model is not imported until the
    table is read: defining every model would make ``load("visits")`` pay for all of them.
    """

    def records() -> tuple[BaseModel, ...]:
        return load(source.name)

    records.__name__ = records.__qualname__ = source.name
    records.__module__ = __name__
    records.__doc__ = f"Return every {source.row.replace('_', ' ')} of the installed data package."
    return records


def __getattr__(name: str) -> Callable[[], tuple[BaseModel, ...]]:
    """Return the loader of table ``name`` (``visits``), as the package's public name does."""
    from ..models.tables import TABLES

    try:
        return loader(TABLES.named(name))
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
