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
- the data, offline from the installed package: ``load(name)`` and one function per table
  (``visits()``, ``deployments()``, ``bases()``, ``agreements()``, ``migration_figures()``,
  ``actors()``, ``places()``, ``seeds()``, ``retractions()``), ``load_dataframe(name)``,
  ``package()``, and ``DataPackage`` to open another build.

Citing, comparing versions and exporting live in the sub-packages ``libyadata.cite``,
``libyadata.diff`` and ``libyadata.export`` (and the ``libyadata`` command).

Importing the package loads nothing but its version: each name is imported the first time it is
used (so ``libyadata.load`` pays only for the models it reads), and pandas and frictionless
only where they are needed.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from typing import TYPE_CHECKING

from ._version import __version__
from .core.lazy import exports as _exports

if TYPE_CHECKING:
    from .core.problems import Problem, Report
    from .loading.data import (
        actors,
        agreements,
        bases,
        deployments,
        load,
        load_dataframe,
        migration_figures,
        package,
        places,
        retractions,
        seeds,
        visits,
    )
    from .models import (
        Actor,
        Agreement,
        Attribution,
        Base,
        Deployment,
        Evidence,
        ExternalSource,
        FuzzyDate,
        MigrationFigure,
        Place,
        Quantity,
        Retraction,
        Seed,
        Visit,
    )
    from .models.tables import TABLES
    from .readers.datapackage import DataPackage
    from .readers.packageerror import PackageError
    from .validation.validate import Validation

#: Where each public name lives; it is imported from there on first use.
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
    **dict.fromkeys(
        (
            "load",
            "load_dataframe",
            "package",
            "visits",
            "deployments",
            "bases",
            "agreements",
            "migration_figures",
            "actors",
            "places",
            "seeds",
            "retractions",
        ),
        ".loading.data",
    ),
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


__all__ = [
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
    "visits",
    "deployments",
    "bases",
    "agreements",
    "migration_figures",
    "actors",
    "places",
    "seeds",
    "retractions",
]

__getattr__, __dir__ = _exports(__name__, _HOMES, __all__)
