"""Analyst-ready views of a package's tables: names for ids, lists as lists, places joined.

``labelled_frame(package, name)`` gives one row per record, with columns in table order:

- a reference to an actor, place or base holds its name (a list of names for a list of
  references); a place adds ``<field>_country`` (ISO 3166-1 alpha-2) and an actor
  ``<field>_side``, so "bases in Libya used by Russian forces" needs no join;
- a date (``FuzzyDate``) is one column ``<field>`` holding its first possible day, with
  ``<field>_precision`` saying how to read it (``day``, ``month``, ``year``, ``range``),
  ``<field>_end`` its last possible day, ``<field>_basis`` how it is known and
  ``<field>_text`` the readable form (``June–July 2016``); an open bound is missing;
- a quantity is ``<field>`` (the number as stated) with its ``_lower``, ``_upper``, ``_unit``,
  ``_qualifier`` and ``_stated_as``;
- list fields are lists; ``evidence`` is the list of quoted texts and ``seeds`` the seeds
  they come from; a bibliographic value (a seed's ``title``) is its text.

A record table's view ends with ``event_group``: the first id of the rows its
``possibly_same_as`` links join it to (its own id when none), so counts can keep such rows
apart (``len(frame)``) or merge them (``frame.event_group.nunique()``); ``event_groups`` gives
the same for any records.

Its columns are typed: categoricals for enumerations, ``datetime64`` dates, nullable
numbers. ``referrers`` says which records point at each actor, place, base or seed.
``date_text`` is the readable form of a date the site shows as well.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, get_args, get_origin

from pydantic import BaseModel

from ..models import Attribution, Evidence, FuzzyDate, Quantity, Seed
from ..models.base import SAME_EVENT_FIELD
from ..models.fieldpaths import foreign_keys
from ..models.reference import GazetteerEntry
from ..models.tables import TABLES, Table, id_order, table
from ..models.vocab import Basis, Precision, Qualifier, Side, Unit
from ..readers.datapackage import DataPackage

if TYPE_CHECKING:
    import pandas as pd

Row = dict[str, Any]


@dataclass
class RowIndex:
    """The records of one package by table and id, read once for labelling and linking."""

    package: DataPackage

    @cached_property
    def rows(self) -> dict[str, dict[str, BaseModel]]:
        """Every row of every table the package has, by table name and id."""
        found: dict[str, dict[str, BaseModel]] = {}
        for source in TABLES:
            if self.package.has(source.name):
                found[source.name] = {
                    str(getattr(row, "id", index)): row
                    for index, row in enumerate(self.package.records(source.name))
                }
        return found

    def get(self, table_name: str, row_id: str) -> BaseModel | None:
        """Return the row ``row_id`` of ``table_name``, or ``None`` when there is none."""
        return self.rows.get(table_name, {}).get(row_id)

    def name(self, table_name: str, row_id: str) -> str:
        """Return the readable name of a row: an actor's or place's name, a base's; else its id."""
        row = self.get(table_name, row_id)
        name = getattr(row, "name", None)
        return name if isinstance(name, str) else row_id

    @cached_property
    def referrers(self) -> dict[str, tuple[str, ...]]:
        """The ids of the records that refer to each actor, place, base or seed, in id order."""
        found: defaultdict[str, set[str]] = defaultdict(set)
        for source in TABLES.records:
            paths = foreign_keys(source.model)
            for record_id, record in self.rows.get(source.name, {}).items():
                for path in paths:
                    for value, _ in path.values(record):
                        found[str(value)].add(record_id)
        return {key: tuple(sorted(ids, key=id_order)) for key, ids in found.items()}

    def country(self, place_id: str | None) -> str | None:
        """Return the country code of a place, or ``None``."""
        place = self.get("places", place_id) if place_id else None
        code = getattr(place, "country", None)
        return code if isinstance(code, str) else None

    def side(self, actor_id: str | None) -> str | None:
        """Return the side of an actor (``russia``, ``eastern_libya``, …), or ``None``."""
        actor = self.get("actors", actor_id) if actor_id else None
        side = getattr(actor, "side", None)
        return str(side) if side is not None else None


def seed_resource(package: DataPackage, seed: Seed) -> str:
    """Return the name of the package resource that holds a seed's text (``KeyError`` if none)."""
    for resource in package.descriptor["resources"]:
        if str(resource.get("path", "")).endswith(f"/{seed.file}"):
            return str(resource["name"])
    raise KeyError(f"the package has no file for {seed.id} ({seed.file})")


def referrers(package: DataPackage) -> dict[str, tuple[str, ...]]:
    """Return the ids of the records that refer to each actor, place, base or seed."""
    return RowIndex(package).referrers


# Dates ---------------------------------------------------------------------------------------


def _day(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _month(day: dt.date) -> str:
    return f"{calendar.month_name[day.month]} {day.year}"


def _whole_months(first: dt.date, last: dt.date) -> bool:
    return first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]


def _whole_years(first: dt.date, last: dt.date) -> bool:
    return (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)


def range_text(first: dt.date | None, last: dt.date | None) -> str:  # noqa: PLR0911 - a form each
    """Return the readable form of a range of days, at the coarsest unit it fills exactly.

    ``June–July 2016``, ``17–21 May 2024``, ``2023–2024``, ``December 2023 – February 2024``;
    an open bound reads ``not before …`` or ``not after …``.
    """
    if last is None:
        return f"not before {_day(first)}" if first is not None else "date unknown"
    if first is None:
        return f"not after {_day(last)}"
    if _whole_years(first, last):
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if _whole_months(first, last):
        if (first.year, first.month) == (last.year, last.month):
            return _month(first)
        if first.year == last.year:
            return f"{calendar.month_name[first.month]}–{_month(last)}"
        return f"{_month(first)} – {_month(last)}"
    if first == last:
        return _day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{_day(last)}"
    if first.year == last.year:
        return f"{first.day} {calendar.month_name[first.month]} – {_day(last)}"
    return f"{_day(first)} – {_day(last)}"


def date_text(date: FuzzyDate | None) -> str:
    """Return a date as a reader would write it: ``28 September 2023``, ``November 2016``."""
    if date is None:
        return "undated"
    if date.precision == Precision.RANGE:
        return range_text(date.earliest, date.latest)
    return range_text(date.earliest, date.latest) if date.value else "date unknown"


# Rows ------------------------------------------------------------------------------------------


def reference_fields(model: type[BaseModel]) -> dict[str, tuple[str, bool]]:
    """Return, per top-level field that holds references, the table and whether it is a list."""
    found: dict[str, tuple[str, bool]] = {}
    for path in foreign_keys(model):
        steps = path.steps
        if len(steps) == 1 and steps[0] is not None:
            found[steps[0]] = (path.target, False)
        elif len(steps) == 2 and steps[0] is not None and steps[1] is None:
            found[steps[0]] = (path.target, True)
    return found


def _kind(annotation: Any) -> type | None:
    """Return the model class a field holds (through ``X | None``), or ``None``."""
    for arg in (annotation, *get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _is_list(annotation: Any) -> bool:
    return any(get_origin(arg) is tuple for arg in (annotation, *get_args(annotation)))


def _plain(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value


Columns = Callable[[Any], Iterator[tuple[str, Any]]]


def _columns(lookup: RowIndex, model: type[BaseModel], name: str) -> Columns:  # noqa: PLR0911
    """Return how field ``name`` of ``model`` becomes columns (name, value) of a view."""
    info = model.model_fields[name]
    target = reference_fields(model).get(name)
    kind = _kind(info.annotation)
    if target is not None:
        table_name, many = target
        if many:
            return lambda ids: iter([(name, [lookup.name(table_name, i) for i in ids])])

        def reference(ref: str | None) -> Iterator[tuple[str, Any]]:
            yield name, lookup.name(table_name, ref) if ref else None
            if table_name == "places":
                yield f"{name}_country", lookup.country(ref)
            elif table_name == "actors":
                yield f"{name}_side", lookup.side(ref)

        return reference
    if kind is FuzzyDate:
        return lambda date: _date_columns(name, date)
    if kind is Quantity:
        return lambda quantity: _quantity_columns(name, quantity)
    if kind is Evidence:
        return _evidence_columns
    if kind is Attribution:
        return lambda value: iter([(name, value.value if value is not None else None)])
    if kind is GazetteerEntry:
        return _gazetteer_columns
    if kind is not None and _is_list(info.annotation):
        # Spellings and roles as the seeds write them: the text of each, once.
        return lambda items: iter([(name, list(dict.fromkeys(_text_of(item) for item in items)))])
    return lambda value: iter([(name, _plain(value))])


def _text_of(item: BaseModel) -> str:
    for key in ("name", "role", "value"):
        text = getattr(item, key, None)
        if isinstance(text, str):
            return text
    return str(item)


def _date_columns(name: str, date: FuzzyDate | None) -> Iterator[tuple[str, Any]]:
    yield name, date.earliest if date else None
    yield f"{name}_precision", str(date.precision) if date else None
    yield f"{name}_end", date.latest if date else None
    yield f"{name}_basis", str(date.basis) if date else None
    yield f"{name}_text", date_text(date) if date else None


def _quantity_columns(name: str, quantity: Quantity | None) -> Iterator[tuple[str, Any]]:
    yield name, quantity.value if quantity else None
    for part in ("lower", "upper", "unit", "qualifier", "stated_as"):
        yield f"{name}_{part}", _plain(getattr(quantity, part)) if quantity else None


def _evidence_columns(evidence: tuple[Evidence, ...]) -> Iterator[tuple[str, Any]]:
    yield "evidence", [span.quote for span in evidence]
    yield "seeds", list(dict.fromkeys(span.seed_id for span in evidence))


def _gazetteer_columns(entry: GazetteerEntry | None) -> Iterator[tuple[str, Any]]:
    yield "latitude", entry.latitude if entry else None
    yield "longitude", entry.longitude if entry else None
    yield "geonames_id", entry.geonames_id if entry else None


def _view(
    package: DataPackage, name: str, lookup: RowIndex | None = None
) -> tuple[list[str], list[Row]]:
    """Return the column names of the view of table ``name`` and its rows."""
    source = _record_table(package, name)
    lookup = lookup or RowIndex(package)
    fields = source.model.column_order()
    builders = {field: _columns(lookup, source.model, field) for field in fields}
    empty = {
        field: () if _is_list(source.model.model_fields[field].annotation) else None
        for field in fields
    }
    names = [column for field in fields for column, _ in builders[field](empty[field])]
    records = lookup.rows.get(name, {})
    groups = event_groups(records.values()) if SAME_EVENT_FIELD in fields else None
    if groups is not None:
        names.append(EVENT_GROUP)
    rows = []
    for record_id, record in records.items():
        row: Row = {}
        for field in fields:
            row.update(builders[field](getattr(record, field)))
        if groups is not None:
            row[EVENT_GROUP] = groups[record_id]
        rows.append(row)
    return names, rows


#: The column of a record view naming the first row of its possible-same-event group.
EVENT_GROUP = "event_group"


def event_groups(records: Iterable[BaseModel]) -> dict[str, str]:
    """Map each record's id to the first id of the rows ``possibly_same_as`` links it to.

    Links count in either direction and through other rows; "first" is in id order.

    A row linked to none is its own group, so ``len(frame)`` counts rows as recorded and
    ``frame.event_group.nunique()`` counts them with each possible pair merged.
    """
    parent: dict[str, str] = {}

    def root(record_id: str) -> str:
        while parent.setdefault(record_id, record_id) != record_id:
            parent[record_id] = parent[parent[record_id]]  # path halving keeps chains short
            record_id = parent[record_id]
        return record_id

    ids = []
    for record in records:
        record_id = str(getattr(record, "id", ""))
        ids.append(record_id)
        for other in getattr(record, SAME_EVENT_FIELD, ()):
            first, second = sorted((root(record_id), root(other)), key=id_order)
            parent[second] = first
    return {record_id: root(record_id) for record_id in ids}


def _record_table(package: DataPackage, name: str) -> Table:
    """Return the table of records or reference rows ``name``; a clear ``KeyError`` if not one.

    A child table (``visit_evidence``) has no view: its rows are parts of records, not records.
    """
    try:
        return table(name)
    except KeyError:
        pass
    tables = ", ".join(t.name for t in TABLES)
    if package.has(name):
        parent = next((t.name for t in TABLES if name.startswith(f"{t.row}_")), None)
        hint = f", or {parent!r} with labels=True, which holds it as list columns" if parent else ""
        raise KeyError(
            f"{name!r} is a child table: labels=True gives a view of a table of rows "
            f"({tables}); read {name!r} without labels{hint}"
        ) from None
    raise KeyError(f"no table {name!r}; the tables are {tables}") from None


def labelled_frame(package: DataPackage, name: str) -> pd.DataFrame:
    """Return the view of table ``name``: names for ids, lists as lists, places joined.

    Enumerations are categorical and dates ``datetime64``. Raises ``KeyError`` for a name that
    is not a table of rows (child tables have no view).
    """
    import pandas as pd

    source = _record_table(package, name)
    columns, rows = _view(package, name)
    frame = pd.DataFrame(rows, columns=columns)
    for column, categories in _categories(source.model).items():
        if column in frame:
            frame[column] = pd.Categorical(frame[column], categories=categories)
    for column in columns:
        # Lists are values; only None and pandas' NaN and NA scalars are missing.
        values = [v for v in frame[column] if isinstance(v, list) or not pd.isna(v)]
        if values and all(isinstance(value, dt.date) for value in values):
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
        elif values and all(type(value) is int for value in values):
            frame[column] = frame[column].astype("Int64")
        elif values and all(isinstance(value, float | int) for value in values):
            frame[column] = frame[column].astype("Float64")
        elif (
            values
            and all(isinstance(value, str) for value in values)
            and not isinstance(frame[column].dtype, pd.CategoricalDtype)
        ):
            frame[column] = frame[column].astype("string")
    return frame


def _categories(model: type[BaseModel]) -> dict[str, list[str]]:
    """Return the allowed values of each enumerated column of a view, by column name."""
    found: dict[str, list[str]] = {}
    targets = reference_fields(model)
    for name, info in model.model_fields.items():
        enum = _enum(info.annotation)
        if enum is not None:
            found[name] = enum
        kind = _kind(info.annotation)
        if kind is FuzzyDate:
            found[f"{name}_precision"] = [str(member) for member in Precision]
            found[f"{name}_basis"] = [str(member) for member in Basis]
        elif kind is Quantity:
            found[f"{name}_unit"] = [str(member) for member in Unit]
            found[f"{name}_qualifier"] = [str(member) for member in Qualifier]
        elif targets.get(name) == ("actors", False):
            found[f"{name}_side"] = [str(member) for member in Side]
    return found


def _enum(annotation: Any) -> list[str] | None:
    for arg in (annotation, *get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, StrEnum):
            return [str(member) for member in arg]
    return None
