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
from typing import TYPE_CHECKING, TypeVar, cast

from pydantic import BaseModel

from ..formats.datapackage import DESCRIPTOR, DataPackage, PackageError
from ..models import (
    Actor,
    Agreement,
    Base,
    Deployment,
    MigrationFigure,
    Place,
    Retraction,
    Seed,
    Visit,
)

if TYPE_CHECKING:
    import frictionless
    import pandas as pd

M = TypeVar("M", bound=BaseModel)


#: The installed ``libyadata`` folder, which holds the shipped package as ``data/``.
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def _shipped_dir() -> Path:
    return _PACKAGE_ROOT / "data"


def installed_is_release() -> bool:
    """Whether the installed package is the one shipped in a wheel (not a checkout's build)."""
    return installed().root.resolve() == _shipped_dir()


@cache
def installed() -> DataPackage:
    """Return the data package shipped with this installation of libyadata.

    In a checkout (an editable install) that is the working ``datasets/package``.
    """
    here = _PACKAGE_ROOT
    for candidate in (_shipped_dir(), here.parents[1] / "datasets" / "package"):
        if (candidate / DESCRIPTOR).is_file():
            return DataPackage.open(candidate)
    raise PackageError(
        f"this libyadata installation has no data package (looked in {here / 'data'}); "
        "reinstall libyadata, or run `libyadata build` in a checkout"
    )


def load(name: str, *, version: str | None = None) -> tuple[BaseModel, ...]:
    """Return the records of table ``name`` (``"visits"``, ``"actors"``, …), typed and immutable.

    Reads the data package installed with libyadata, offline; each table's file is checked
    against its SHA-256 the first time it is read. With ``version`` it reads that release
    instead: the installed package if it is that release, else the release downloaded once
    (``libyadata download``), verified against the registry and cached; a release of an earlier
    schema version is read through its upgrade (``libyadata migrate``), so its records come as
    today's models. ``libyadata.visits()`` and its siblings read the installed package with the
    record type spelt out.
    """
    return _at(version).records(name)


def load_dataframe(name: str, *, labels: bool = False, version: str | None = None) -> pd.DataFrame:
    """Return flat table ``name`` as a pandas DataFrame with dtypes from its Table Schema.

    ``name`` is any CSV table of the package: a record table (``"visits"``) or a child table
    (``"visit_evidence"``). Enumerations are categoricals, integers nullable ``Int64``, dates
    ``datetime64`` beside their precision column, text ``string``, and JSON array columns hold
    tuples. ``version`` reads a release, as ``load`` does.

    With ``labels=True`` it returns the analyst's view of a table of records instead
    (``libyadata.access.views``): one row per record, names instead of ids (visitors, places,
    bases), list fields as lists, each place's country and each actor's side beside it, one
    date column (the first possible day) with its precision, end, basis and readable text,
    and the evidence quotes.
    """
    if labels:
        from .views import labelled_frame

        return labelled_frame(_at(version), name)
    return _at(version).dataframe(name)


def package(*, version: str | None = None) -> frictionless.Package:
    """Return the installed data package (or release ``version``) as a ``frictionless.Package``."""
    return _at(version).frictionless()


def _at(version: str | None) -> DataPackage:
    if version is None:
        return installed()
    from .download import release

    return release(version)


def _loader(source: str, model: type[M]) -> Callable[[], tuple[M, ...]]:
    def records() -> tuple[M, ...]:
        return cast(tuple[M, ...], load(source))

    records.__name__ = records.__qualname__ = source
    records.__doc__ = f"Return every {model.__name__} record of the installed data package."
    return records


seeds = _loader("seeds", Seed)
actors = _loader("actors", Actor)
places = _loader("places", Place)
visits = _loader("visits", Visit)
deployments = _loader("deployments", Deployment)
bases = _loader("bases", Base)
agreements = _loader("agreements", Agreement)
migration_figures = _loader("migration_figures", MigrationFigure)
retractions = _loader("retractions", Retraction)
