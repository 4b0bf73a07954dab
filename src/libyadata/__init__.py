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

Citing, comparing versions and exporting live in ``libyadata.cite``, ``libyadata.diff`` and
``libyadata.export`` (and the ``libyadata`` command).

Importing the package loads nothing but its version: each name is imported the first time it is
used (so ``libyadata.load`` pays only for the models it reads), and pandas and frictionless
only where they are needed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .core.lazy import exports as _exports

if TYPE_CHECKING:
    from .access.data import (
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
    from .access.validate import Validation
    from .core.problems import Problem, Report
    from .formats.datapackage import DataPackage
    from .formats.packageerror import PackageError
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
    "Validation": ".access.validate",
    "DataPackage": ".formats.datapackage",
    "PackageError": ".formats.packageerror",
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
        ".access.data",
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

    from .access.validate import validate_package, validate_project
    from .sources.project import Project

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


class _PackageModule(ModuleType):
    """The sub-package ``libyadata.package``, callable as the public function ``package()``.

    Importing the sub-package (as ``validate`` and ``build`` do) binds it to this package's
    name ``package``, as the import system binds every sub-module to its parent; calling it
    then still returns the frictionless package, so ``libyadata.package()`` works whatever was
    imported before. (Renaming the sub-package would end the clash; see the house issue.)
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from .access.data import package

        return package(*args, **kwargs)


class _Module(ModuleType):
    """This package's module: a sub-package bound to the name ``package`` stays callable."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "package" and type(value) is ModuleType:
            value.__class__ = _PackageModule
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Module
