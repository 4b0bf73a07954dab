"""Tables an analyst can work with: sortable cells, facets, counts and counts over time.

A table page is plain HTML that reads on its own: every row and cell is there without script.
What this module adds for the page's few lines of script (``templates/site.js``) is data:

- each cell a sort key where its text does not sort (a date sorts by its first possible day,
  a count as a number);
- each row of records its facets as ``data-`` attributes: status, first and last possible
  day, the actors and places it names (by id, ``|``-separated), its kind;
- the facets themselves, each value with how many rows have it;
- the records per year of each kind, drawn as a small bar chart (``counts_by_year``) with its
  numbers as a table beside it.

The combined view (``events_page``) lists the records of every kind in one table, with the
kind as a facet.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import FuzzyDate, Record
from ..models.tables import TABLES
from ..views.labelled import date_text, reference_fields
from .pages import Link, Site, href

#: Height of a counts-over-time chart's plot, and its width per year, in SVG user units.
CHART_HEIGHT = 80
YEAR_WIDTH = 22
#: The title of the combined view's page and its file in ``tables/``.
EVENTS = "events"
EVENTS_TITLE = "All events"


@dataclass(frozen=True)
class Cell:
    """A table cell: its links, and the key it sorts by when its text does not sort."""

    links: tuple[Link, ...]
    sort: str | None = None


@dataclass(frozen=True)
class TableRow:
    """A row of a table page: its cells, and the ``data-`` attributes its facets read."""

    cells: tuple[Cell, ...]
    data: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Option:
    """A value of a facet, with the text shown and how many rows have it."""

    value: str
    text: str
    count: int


@dataclass(frozen=True)
class Facet:
    """A facet of a table of records: ``status`` and ``kind`` as checkboxes, the rest lists."""

    name: str
    label: str
    options: tuple[Option, ...]
    many: bool
    """A row can have several values (actors, places): ``data-`` holds ``|a|b|``."""


@dataclass(frozen=True)
class YearBar:
    """One year of a counts-over-time chart."""

    year: int
    count: int
    x: float
    y: float
    height: float


@dataclass(frozen=True)
class CountChart:
    """Records per year of their first possible day, and those with no first day."""

    title: str
    bars: tuple[YearBar, ...]
    width: float
    height: float
    top: int
    """The largest count, the top of the scale."""
    undated: int


def counts_by_year(title: str, dates: Iterable[FuzzyDate | None]) -> CountChart | None:
    """Return the chart of how many ``dates`` start in each year; ``None`` when none does.

    A record counts once, in the year of the first day its date can be: a range over three
    years counts in its first. A date open at its start, or no date, is counted as undated.
    """
    years: Counter[int] = Counter()
    undated = 0
    for date in dates:
        if date is None or date.earliest is None:
            undated += 1
        else:
            years[date.earliest.year] += 1
    if not years:
        return None
    first, last = min(years), max(years)
    top = max(years.values())
    bars = []
    for index, year in enumerate(range(first, last + 1)):
        count = years.get(year, 0)
        height = round(CHART_HEIGHT * count / top, 2)
        bars.append(YearBar(year, count, index * YEAR_WIDTH, CHART_HEIGHT - height, height))
    width = (last - first + 1) * YEAR_WIDTH
    return CountChart(title, tuple(bars), width, CHART_HEIGHT + 34, top, undated)


def _date(record: Record) -> FuzzyDate | None:
    date = getattr(record, "date", None) or getattr(record, "period", None)
    return date if isinstance(date, FuzzyDate) else None


def _named(record: Record, target: str) -> list[str]:
    """Return the ids of the actors (or places) a record's own fields name, once each."""
    found: dict[str, None] = {}
    for name, (table_name, _) in reference_fields(type(record)).items():
        if table_name != target:
            continue
        value = getattr(record, name)
        for row_id in value if isinstance(value, tuple) else (value,):
            if row_id:
                found[str(row_id)] = None
    return list(found)


def record_row(site: Site, table_name: str, record: Record, *, kind: bool = False) -> TableRow:
    """Return the row of a record: id, (kind,) what, when, status, actors, places, sources."""
    date = _date(record)
    actors, places = _named(record, "actors"), _named(record, "places")
    seeds = dict.fromkeys(span.seed_id for span in record.evidence)
    status = str(getattr(record, "status", "") or "")
    start = date.earliest.isoformat() if date and date.earliest else ""
    end = date.latest.isoformat() if date and date.latest else ""
    title = site.title(record.id)
    cells = [Cell((Link(record.id, href(table_name, record.id)),), record.id)]
    if kind:
        cells.append(Cell((Link(_kind_text(table_name)),)))
    cells += [
        Cell((Link(title),)),
        # Undated rows sort after every date, whichever way the column is sorted.
        Cell((Link(date_text(date) if date else "undated"),), f"{start or end or '~'}/{end}"),
        Cell((Link(status.replace("_", " ")),)),
        Cell(tuple(site.link("actors", actor) for actor in actors)),
        Cell(tuple(site.link("places", place) for place in places)),
        Cell(tuple(Link(seed, href(TABLES.sources.name, seed)) for seed in seeds)),
    ]
    data = [
        ("status", status),
        ("start", start),
        ("end", end),
        ("actors", _joined(actors)),
        ("places", _joined(places)),
    ]
    if kind:
        data.append(("kind", table_name))
    return TableRow(tuple(cells), tuple(data))


def _joined(ids: Sequence[str]) -> str:
    # Bounded by the separator on both sides, so that a test for |ACT-a| never matches ACT-ab.
    return f"|{'|'.join(ids)}|" if ids else ""


def _kind_text(table_name: str) -> str:
    return next(t.title for t in TABLES.records if t.name == table_name)


#: The columns of a table of records, and of the combined view (which adds the kind).
RECORD_COLUMNS = ("Record", "What", "When", "Status", "Actors", "Places", "Sources")
EVENT_COLUMNS = ("Record", "Kind", "What", "When", "Status", "Actors", "Places", "Sources")


def facets(site: Site, rows: Sequence[tuple[str, Record]], *, kind: bool = False) -> list[Facet]:
    """Return the facets of a table of ``rows`` (table name and record), values counted."""
    found = []
    if kind:
        kinds = Counter(name for name, _ in rows)
        options = tuple(
            Option(t.name, t.title, kinds[t.name]) for t in TABLES.records if kinds[t.name]
        )
        found.append(Facet("kind", "Kind", options, many=False))
    statuses = Counter(str(getattr(record, "status", "") or "") for _, record in rows)
    found.append(
        Facet(
            "status",
            "Status",
            tuple(
                Option(value, value.replace("_", " ") or "none", count)
                for value, count in sorted(statuses.items(), key=lambda item: (-item[1], item[0]))
            ),
            many=False,
        )
    )
    for target, label in (("actors", "Actor"), ("places", "Place")):
        counts = Counter(row_id for _, record in rows for row_id in _named(record, target))
        named = {row_id: site.lookup.name(target, row_id) for row_id in counts}
        options = tuple(
            Option(row_id, named[row_id], counts[row_id])
            for row_id in sorted(counts, key=lambda r: (-counts[r], named[r].casefold(), r))
        )
        found.append(Facet(target, label, options, many=True))
    return found


def year_span(rows: Sequence[tuple[str, Record]]) -> tuple[int, int] | None:
    """Return the first and last year any of the records' dates can fall in."""
    years = [
        day.year
        for _, record in rows
        if (date := _date(record)) is not None
        for day in (date.earliest, date.latest)
        if isinstance(day, dt.date)
    ]
    return (min(years), max(years)) if years else None
