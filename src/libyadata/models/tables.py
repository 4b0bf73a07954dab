"""The table registry: everything that makes a table of the dataset, declared once.

A ``Table`` entry ties a name to its model, its curated file, its title and its role; the
rest is read from the model, so it cannot disagree with it:

- the id form and prefix, from the pattern of the model's ``id`` field;
- the tables it refers to, from the ``References`` annotations of its fields, which put it in
  the check order (``Registry.order``) after them;
- whether its rows can be retracted (every table but the retractions).

Adding a record kind is a model (with its id type in ``base``) plus one entry in ``TABLES``,
its data file and its line in ``datasets/README.md`` (docs/architecture.md); schemas, the
codebook, the flat layout, loading and the public loaders, validation, the build, ``diff``,
retractions and the site all read this registry, and a table's ``Role`` says whether it holds
records. ``TABLES.extended`` adds entries for a while, for tests and experiments.

An entry names where its model is defined (``"records:Visit"``) and the model is imported the
first time it is asked for, so reading one table defines only the models that table needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from importlib import import_module
from typing import Any, NamedTuple, Self, overload

from .base import StrictModel


class Role(StrEnum):
    """What a table is for; the checks and the build treat each role in its own way."""

    SOURCES = "sources"
    """The seed texts: every record's evidence points into them (one table)."""
    REFERENCE = "reference"
    """Actors and places: the rows that records point to."""
    RECORDS = "records"
    """The record kinds: visits, deployments and so on, each with its evidence."""
    RETRACTIONS = "retractions"
    """Rows withdrawn from the other tables (one table)."""


@dataclass(frozen=True)
class Table:
    """A top-level table of the dataset."""

    name: str
    """Table (resource) name, plural: ``visits``."""
    row: str
    """What one row is, singular: ``visit``; names the key column of child tables."""
    definition: type[StrictModel] | str
    """The pydantic model of one row, or where it is defined: ``"records:Visit"`` is ``Visit``
    in ``libyadata.models.records``. Read it as ``model``."""
    source: str
    """Path of the curated file, relative to the project root."""
    title: str
    """Human title for the data package and the codebook."""
    role: Role
    """What the table is for."""
    noun: str
    """One row in words, with its article, for the retraction vocabulary: ``A visit``."""
    timeline: bool = False
    """Whether its rows are events the site's timeline draws at their date (visits, not bases)."""

    @cached_property
    def model(self) -> type[StrictModel]:
        """The pydantic model of one row (imported now if the entry names where it is)."""
        if not isinstance(self.definition, str):
            return self.definition
        module, _, name = self.definition.partition(":")
        found = getattr(import_module(f".{module}", __package__), name, None)
        if not (isinstance(found, type) and issubclass(found, StrictModel)):
            raise TypeError(f"table {self.name}: {self.definition!r} names no model")
        return found

    @cached_property
    def id_form(self) -> str:
        """The form of the table's ids, as an unanchored regular expression."""
        field = self.model.model_fields.get("id")
        patterns = [getattr(item, "pattern", None) for item in (field.metadata if field else ())]
        found = [pattern for pattern in patterns if isinstance(pattern, str)]
        if not found:
            raise TypeError(f"{self.model.__name__}.id has no pattern: give it an id type")
        return found[0].removeprefix("^").removesuffix("$")

    @cached_property
    def id_prefix(self) -> str | None:
        """The fixed start of every id of the table (``VIS``); none for the retractions."""
        match = re.match(r"[A-Z]+(?=-)", self.id_form)
        return match.group() if match else None

    @cached_property
    def refers_to(self) -> frozenset[str]:
        """The other tables this table's fields refer to (read from ``References``)."""
        from .fieldpaths import foreign_keys

        targets = {path.target for path in foreign_keys(self.model)}
        targets |= {
            t for item in _metadata(self.model) if isinstance(item, RowOf) for t in item.tables
        }
        return frozenset(targets - {self.name})

    @property
    def retractable(self) -> bool:
        """Whether a row of this table can be retracted."""
        return self.role is not Role.RETRACTIONS


class RowOf(NamedTuple):  # a marker, like those of `base`
    """Marks an id that names a row of one of ``tables`` (any of them, so no foreign key)."""

    tables: tuple[str, ...]


def _metadata(model: type[StrictModel]) -> Iterator[Any]:
    for info in model.model_fields.values():
        yield from info.metadata


class Registry(Sequence[Table]):
    """The tables of the dataset, in the order they are published."""

    def __init__(self, tables: Sequence[Table]) -> None:
        """Register ``tables``; names must be unique and one table at most has each role.

        Whether their references resolve needs every model, so it is checked when the check
        order is first asked for, or as soon as ``extended`` adds a table.
        """
        self._tables: tuple[Table, ...] = ()
        self._set(tuple(tables))

    def _set(self, tables: tuple[Table, ...]) -> None:
        names = [t.name for t in tables]
        doubled = sorted({name for name in names if names.count(name) > 1})
        if doubled:
            raise ValueError(f"tables registered twice: {', '.join(doubled)}")
        for role in (Role.SOURCES, Role.RETRACTIONS):
            if sum(t.role is role for t in tables) > 1:
                raise ValueError(f"only one table can have the role {role}")
        self._tables = tables

    def _check_references(self) -> None:
        names = {t.name for t in self._tables}
        for t in self._tables:
            unknown = sorted(t.refers_to - names)
            if unknown:
                raise ValueError(f"{t.name} refers to unregistered tables: {', '.join(unknown)}")

    @overload
    def __getitem__(self, index: int) -> Table: ...
    @overload
    def __getitem__(self, index: str) -> Table: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Table]: ...
    def __getitem__(self, index: int | str | slice) -> Table | Sequence[Table]:
        """Return the table (or tables) at ``index``, in publishing order, or the one named so.

        ``TABLES["visits"]`` is ``TABLES.named("visits")``: a ``KeyError`` names the tables.
        """
        if isinstance(index, str):
            return self.named(index)
        return self._tables[index]

    def __len__(self) -> int:
        """Return the number of tables."""
        return len(self._tables)

    def __repr__(self) -> str:
        """Name the tables."""
        return f"Registry({', '.join(t.name for t in self._tables)})"

    def named(self, name: str) -> Table:
        """Return the table called ``name``; raise ``KeyError`` naming the known tables."""
        for candidate in self._tables:
            if candidate.name == name:
                return candidate
        known = ", ".join(t.name for t in self._tables)
        raise KeyError(f"no table {name!r}; the tables are: {known}")

    def with_role(self, role: Role) -> tuple[Table, ...]:
        """Return the tables of ``role``, in publishing order."""
        return tuple(t for t in self._tables if t.role is role)

    @property
    def sources(self) -> Table:
        """The table of seed texts."""
        return self.with_role(Role.SOURCES)[0]

    @property
    def records(self) -> tuple[Table, ...]:
        """The tables of records (role ``RECORDS``), each row with its evidence."""
        return self.with_role(Role.RECORDS)

    @property
    def retractions(self) -> Table:
        """The table of retractions."""
        return self.with_role(Role.RETRACTIONS)[0]

    def order(self) -> tuple[Table, ...]:
        """Return the tables in check order: each after every table it refers to.

        Among the tables that are free to go next, the first in publishing order goes, so
        the order is stable; a self-reference (an actor's affiliation) waits inside its table.
        """
        self._check_references()
        placed: list[Table] = []
        left = list(self._tables)
        while left:
            done = {t.name for t in placed}
            ready = next((t for t in left if t.refers_to <= done), None)
            if ready is None:
                cycle = ", ".join(t.name for t in left)
                raise ValueError(f"these tables refer to each other in a cycle: {cycle}")
            placed.append(ready)
            left.remove(ready)
        return tuple(placed)

    @contextmanager
    def extended(self, *tables: Table) -> Iterator[Self]:
        """Register ``tables`` too, for the duration of a ``with`` block (tests, experiments).

        They go before the retractions, as a record kind would.
        """
        before = self._tables
        cut = next((i for i, t in enumerate(before) if t.role is Role.RETRACTIONS), len(before))
        self._set((*before[:cut], *tables, *before[cut:]))
        try:
            self._check_references()
            yield self
        finally:
            self._tables = before


#: Every table but the retractions, whose vocabulary (``retraction.RetractedTable``) is made
#: from them.
RETRACTABLE: tuple[Table, ...] = (
    Table(
        "seeds",
        "seed",
        "reference:Seed",
        "seeds/sources.yaml",
        "Seed texts",
        Role.SOURCES,
        "A seed text",
    ),
    Table(
        "actors",
        "actor",
        "reference:Actor",
        "datasets/actors.yaml",
        "Actors",
        Role.REFERENCE,
        "An actor",
    ),
    Table(
        "places",
        "place",
        "reference:Place",
        "datasets/places.yaml",
        "Places",
        Role.REFERENCE,
        "A place",
    ),
    Table(
        "visits",
        "visit",
        "records:Visit",
        "datasets/visits.yaml",
        "Visits",
        Role.RECORDS,
        "A visit",
        timeline=True,
    ),
    Table(
        "deployments",
        "deployment",
        "records:Deployment",
        "datasets/deployments.yaml",
        "Deployments",
        Role.RECORDS,
        "A deployment",
        timeline=True,
    ),
    Table(
        "bases",
        "base",
        "records:Base",
        "datasets/bases.yaml",
        "Bases",
        Role.RECORDS,
        "A base relation",
    ),
    Table(
        "agreements",
        "agreement",
        "records:Agreement",
        "datasets/agreements.yaml",
        "Agreements",
        Role.RECORDS,
        "An agreement",
        timeline=True,
    ),
    Table(
        "migration_figures",
        "migration_figure",
        "records:MigrationFigure",
        "datasets/migration_figures.yaml",
        "Migration figures",
        Role.RECORDS,
        "A migration figure",
    ),
)


#: The tables of the dataset, in publishing order.
TABLES = Registry(
    (
        *RETRACTABLE,
        Table(
            "retractions",
            "retraction",
            "retraction:Retraction",
            "datasets/retractions.yaml",
            "Retractions",
            Role.RETRACTIONS,
            "A retraction",
        ),
    )
)


def table(name: str) -> Table:
    """Return the table called ``name``; raise ``KeyError`` naming the known tables otherwise."""
    return TABLES.named(name)


def id_order(record_id: str) -> tuple[Any, ...]:
    """Return the sort key of a record id: records of a table are listed in this order."""
    # VIS-10000 sorts after VIS-9999: digit runs compare as numbers, by their length and then
    # their digits (no int(): an id of thousands of digits is past Python's conversion limit).
    return tuple(
        (len(part.lstrip("0")), part.lstrip("0")) if part.isdigit() else part
        for part in re.split(r"(\d+)", record_id)
    )
