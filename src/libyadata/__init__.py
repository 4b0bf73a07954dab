"""libyadata: an evidence-backed dataset of Russia–Libya military and diplomatic relations.

Every record cites the exact spans of the source texts it rests on. The public API:

- record kinds: ``Visit``, ``Deployment``, ``Base``, ``Agreement``, ``MigrationFigure``;
- reference tables: ``Seed``, ``Actor``, ``Place``, and ``Retraction`` (records withdrawn);
- parts of records: ``Evidence``, ``FuzzyDate``, ``Quantity``, ``Attribution``,
  ``ExternalSource``;
- checking: ``validate(path)`` runs every layer and returns a ``Validation`` (a ``Report`` of
  ``Problem`` objects with what was checked); ``libyadata.testing`` has hypothesis strategies
  built from the models, for property-testing your own pipelines;
- the table registry: ``TABLES``;
- the data, offline from the installed package: ``load(name)`` and one function per table of
  the registry (``visits()``, ``actors()``, …), ``load_dataframe(name)``, ``package()``, and
  ``DataPackage`` to open another build.

Citing, comparing versions and exporting live in the sub-packages ``libyadata.cite``,
``libyadata.diff`` and ``libyadata.export`` (and the ``libyadata`` command).

Importing the package loads nothing but its version: each name is imported the first time it is
used (so ``libyadata.load`` pays only for the models it reads), and pandas and frictionless
only where they are needed.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__ as __version__
from .core.lazy import exports as _exports

if TYPE_CHECKING:
    from collections.abc import Callable

    from .core.problems import Problem as Problem
    from .core.problems import Report as Report
    from .loading.data import load as load
    from .loading.data import load_dataframe as load_dataframe
    from .loading.data import package as package
    from .models import Actor as Actor
    from .models import Agreement as Agreement
    from .models import Attribution as Attribution
    from .models import Base as Base
    from .models import Deployment as Deployment
    from .models import Evidence as Evidence
    from .models import ExternalSource as ExternalSource
    from .models import FuzzyDate as FuzzyDate
    from .models import MigrationFigure as MigrationFigure
    from .models import Place as Place
    from .models import Quantity as Quantity
    from .models import Retraction as Retraction
    from .models import Seed as Seed
    from .models import Visit as Visit
    from .models.tables import TABLES as TABLES
    from .readers.datapackage import DataPackage as DataPackage
    from .readers.packageerror import PackageError as PackageError
    from .validation.validate import Validation as Validation

    # What each table's loader returns, for type checkers only: at run time every table of
    # the registry has its loader (``loading.data.loader``), listed here or not.
    seeds: Callable[[], tuple[Seed, ...]]
    actors: Callable[[], tuple[Actor, ...]]
    places: Callable[[], tuple[Place, ...]]
    visits: Callable[[], tuple[Visit, ...]]
    deployments: Callable[[], tuple[Deployment, ...]]
    bases: Callable[[], tuple[Base, ...]]
    agreements: Callable[[], tuple[Agreement, ...]]
    migration_figures: Callable[[], tuple[MigrationFigure, ...]]
    retractions: Callable[[], tuple[Retraction, ...]]

#: Where each public name lives; it is imported from there on first use. Each table's loader
#: (``libyadata.visits``) is found from the registry instead (``_table_names``).
_HOMES: dict[str, str] = {
    **dict.fromkeys(
        (
            "Actor",
            "Agreement",
            "Attribution",
            "Base",
            "Deployment",
            "Evidence",
            "ExternalSource",
            "FuzzyDate",
            "MigrationFigure",
            "Place",
            "Quantity",
            "Retraction",
            "Seed",
            "Visit",
        ),
        ".models",
    ),
    "TABLES": ".models.tables",
    "Problem": ".core.problems",
    "Report": ".core.problems",
    "Validation": ".validation.validate",
    "DataPackage": ".readers.datapackage",
    "PackageError": ".readers.packageerror",
    **dict.fromkeys(("load", "load_dataframe", "package"), ".loading.data"),
}


def validate(
    path: str | os.PathLike[str] = ".",
    *,
    package: bool = False,
    skip: Collection[str] = (),
    cache: bool = True,
) -> Validation:
    """Check a project (or, with ``package=True``, a built package) and return every problem.

    ``path`` is a project folder, or with ``package=True`` a package folder, its
    ``datapackage.json``, a zip, ``"installed"`` or a released version. ``skip`` leaves out
    layers (``cross-record``, ``provenance``, ``schema``, ``package``); ``cache=False`` makes
    frictionless check package bytes it passed before. Raises ``ValueError`` for an unknown
    layer or a path that is neither.
    """
    from pathlib import Path

    from .sources.project import Project
    from .validation.validate import validate_package, validate_project

    if package:
        return validate_package(os.fspath(path), skip=skip, cache=cache)
    return validate_project(Project.at(Path(path)), skip=skip, cache=cache)


#: The public names besides one loader per table, which ``__all__`` adds from the registry.
_PUBLIC = (
    # record kinds
    "Agreement",
    "Base",
    "Deployment",
    "MigrationFigure",
    "Visit",
    # reference tables
    "Actor",
    "Place",
    "Retraction",
    "Seed",
    # parts of records
    "Attribution",
    "Evidence",
    "ExternalSource",
    "FuzzyDate",
    "Quantity",
    # checking
    "validate",
    "Validation",
    "Problem",
    "Report",
    # registry
    "TABLES",
    "__version__",
    # the data
    "load",
    "load_dataframe",
    "package",
    "DataPackage",
    "PackageError",
)

_named, _listed = _exports(__name__, _HOMES, _PUBLIC)


def _table_names() -> list[str]:
    """Return the names of the registry's tables, each a public loader (``visits``)."""
    from .models.tables import TABLES

    return [t.name for t in TABLES]


def __getattr__(name: str) -> Any:
    """Import a public name on first use; ``__all__`` and the loaders come from the registry.

    Neither is kept once made: a table registered for a while (``TABLES.extended``) has its
    loader for that while only.
    """
    if name == "__all__":
        return [*_PUBLIC, *_table_names()]
    if name not in _HOMES and name in _table_names():
        return getattr(import_module(".loading.data", __name__), name)
    return _named(name)


def __dir__() -> list[str]:
    """List the public names, the loaders of the registry's tables among them."""
    return sorted({*_listed(), *_table_names()})
