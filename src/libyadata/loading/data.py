"""Reading a built data package: typed records, DataFrames and the frictionless Package.

The installed package carries its own copy of the data (``libyadata/data`` in the wheel;
``datasets/package`` in a checkout), so loading needs no network and no checkout. Each file is
checked against the size and SHA-256 that ``datapackage.json`` gives for it the first time it is
read; a file that fails is never parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from ..readers.datapackage import DataPackage, name_of
from ..readers.shipped import installed

if TYPE_CHECKING:
    import frictionless
    import pandas as pd
    from pydantic import BaseModel

    from ..models.tables import Table


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
    (``libyadata.views.labelled``): one row per record, names instead of ids (visitors, places,
    bases), list fields as lists, each place's country and each actor's side beside it, one
    date column (the first possible day) with its precision, end, basis and readable text,
    and the evidence quotes.
    """
    if labels:
        from ..views.labelled import labelled_frame

        return labelled_frame(_at(version), name_of(name))
    return _at(version).dataframe(name)


def package(*, version: str | None = None) -> frictionless.Package:
    """Return the installed data package (or release ``version``) as a ``frictionless.Package``."""
    return _at(version).frictionless()


def _at(version: str | None) -> DataPackage:
    if version is None:
        return installed()
    from ..releases.download import release

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
