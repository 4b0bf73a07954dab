"""libyadata: an evidence-backed dataset of Russia–Libya military and diplomatic relations.

Every record cites the exact spans of the source texts it rests on. The public API:

- record kinds: ``Visit``, ``Deployment``, ``Base``, ``Agreement``, ``MigrationFigure``;
- reference tables: ``Seed``, ``Actor``, ``Place``, and ``Retraction`` (records withdrawn);
- parts of records: ``Evidence``, ``FuzzyDate``, ``Quantity``, ``Attribution``,
  ``ExternalSource``;
- checking: ``Problem``, ``Report``;
- the table registry: ``TABLES``;
- the data, offline from the installed package: ``load(name)`` and one function per table
  (``visits()``, ``deployments()``, ``bases()``, ``agreements()``, ``migration_figures()``,
  ``actors()``, ``places()``, ``seeds()``, ``retractions()``), ``load_dataframe(name)``,
  ``package()``, and ``DataPackage`` to open another build.

Citing, comparing versions and exporting live in ``libyadata.cite``, ``libyadata.diff`` and
``libyadata.export`` (and the ``libyadata`` command).

Importing the package loads pydantic only; pandas and frictionless are imported where used.
"""

from ._version import __version__
from .data import (
    DataPackage,
    PackageError,
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
from .problems import Problem, Report
from .tables import TABLES

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
