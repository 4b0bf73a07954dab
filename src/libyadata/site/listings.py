"""The listing pages of the site: a table per kind of row and the timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import Actor, FuzzyDate, Place, Record, Seed
from ..models.tables import TABLES
from ..views.labelled import date_text
from .charts import Entry, Timeline, timeline
from .facets import (
    EVENT_COLUMNS,
    EVENTS,
    EVENTS_TITLE,
    RECORD_COLUMNS,
    Cell,
    CountChart,
    Facet,
    TableRow,
    counts_by_year,
    facets,
    record_row,
    year_span,
)
from .pages import (
    Link,
    Site,
    href,
    seed_title,
    shorten,
)


@dataclass(frozen=True)
class Column:
    """A column of a table page."""

    title: str
    numeric: bool = False


@dataclass(frozen=True)
class TablePage:
    """A table page: one row per record (``TableRow``), with what analysts work with."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    """Cells of links with their sort keys, and the facets' data."""
    facets: tuple[Facet, ...] = ()
    """The facets of a table of records (none for actors, places, seeds)."""
    years: tuple[int, int] | None = None
    """The first and last year its records' dates can fall in: the date facet's bounds."""
    chart: CountChart | None = None
    """Its records per year, or ``None``."""
    downloads: tuple[Link, ...] = ()
    """The table's files in the site's copy of the package: CSV, JSON Lines, Parquet."""

    @property
    def date_column(self) -> int:
        """The index of the column of dates (sorted earliest first), or -1."""
        return next((n for n, c in enumerate(self.columns) if c.title in ("When", "Published")), -1)


def table_page(site: Site, table_name: str, downloads: tuple[Link, ...] = ()) -> TablePage:
    """Return the table page of a table of records, actors, places or seeds."""
    source = next(t for t in TABLES if t.name == table_name)
    description = str(source.model.__doc__ or "").strip().splitlines()[0].replace("``", "")
    rows: list[TableRow] = []
    columns: tuple[str, ...]
    referrers = site.lookup.referrers

    def count(number: int) -> Cell:
        return Cell((Link(str(number)),), f"{number:09d}")

    if table_name == "actors":
        columns = ("Name", "Kind", "Side", "Country", "Records")
        for actor in site.rows("actors").values():
            if isinstance(actor, Actor):
                rows.append(
                    TableRow(
                        (
                            Cell((site.link("actors", actor.id),)),
                            Cell((Link(str(actor.kind).replace("_", " ")),)),
                            Cell((Link(str(actor.side).replace("_", " ")),)),
                            Cell((Link(site.country(actor.country) or ""),)),
                            count(len(referrers.get(actor.id, ()))),
                        )
                    )
                )
    elif table_name == "places":
        columns = ("Name", "Kind", "Country", "Coordinates", "Records")
        for place in site.rows("places").values():
            if isinstance(place, Place):
                point = place.gazetteer
                where = (
                    f"{point.latitude:.4f}, {point.longitude:.4f}"
                    if point and point.latitude is not None and point.longitude is not None
                    else "none"
                )
                rows.append(
                    TableRow(
                        (
                            Cell((site.link("places", place.id),)),
                            Cell((Link(str(place.kind)),)),
                            Cell((Link(site.country(place.country) or ""),)),
                            Cell((Link(where),)),
                            count(len(referrers.get(place.id, ()))),
                        )
                    )
                )
    elif table_name == TABLES.sources.name:
        columns = ("Source", "Publisher", "Published", "Cited passages")
        for seed in site.rows(TABLES.sources.name).values():
            if isinstance(seed, Seed):
                first = seed.published.earliest
                rows.append(
                    TableRow(
                        (
                            Cell((Link(seed_title(seed), href(TABLES.sources.name, seed.id)),)),
                            Cell((Link(seed.publisher.value or "unknown"),)),
                            Cell((Link(date_text(seed.published)),), str(first or "~")),
                            count(len(site.cited(seed.id))),
                        )
                    )
                )
    else:
        records = [
            (table_name, record)
            for record in site.rows(table_name).values()
            if isinstance(record, Record)
        ]
        return _records_page(
            site, table_name, source.title, description, records, downloads=downloads, kind=False
        )
    numeric = {"Records", "Cited passages"}
    return TablePage(
        table_name,
        source.title,
        description,
        tuple(Column(title, title in numeric) for title in columns),
        tuple(rows),
        downloads=downloads,
    )


def events_page(site: Site) -> TablePage:
    """Return the combined view: the records of every kind in one table, kind a facet."""
    return _records_page(
        site,
        EVENTS,
        EVENTS_TITLE,
        "Every record of every kind in one table: visits, deployments, bases, agreements and "
        "migration figures, each with its date, status, actors, places and sources.",
        site.records(),
        downloads=(),
        kind=True,
    )


def _records_page(
    site: Site,
    name: str,
    title: str,
    description: str,
    records: list[tuple[str, Record]],
    *,
    downloads: tuple[Link, ...],
    kind: bool,
) -> TablePage:
    rows = tuple(record_row(site, table, record, kind=kind) for table, record in records)
    dates = (getattr(r, "date", None) or getattr(r, "period", None) for _, r in records)
    return TablePage(
        name,
        title,
        description,
        tuple(Column(column) for column in (EVENT_COLUMNS if kind else RECORD_COLUMNS)),
        rows,
        facets=tuple(facets(site, records, kind=kind)),
        years=year_span(records),
        chart=counts_by_year(title, (d if isinstance(d, FuzzyDate) else None for d in dates)),
        downloads=downloads,
    )


@dataclass(frozen=True)
class Dated:
    """A dated record in the timeline's list, which reads in date order across kinds."""

    when: str
    link: Link
    kind: str
    """The table name, which colours its mark."""
    detail: str


def timeline_of(site: Site) -> tuple[Timeline | None, list[Link], list[Dated]]:
    """Return the timeline of visits, deployments and agreements, and its undated records.

    The third part is the dated records in date order across kinds: the list beside the
    figure, which is the timeline a phone shows.
    """
    entries = []
    undated = []
    groups = []
    listed = []
    for source in TABLES.records:
        if not source.timeline:
            continue
        groups.append(source.title)
        for record in site.rows(source.name).values():
            date = getattr(record, "date", None)
            if not isinstance(record, Record):
                continue
            link = site.link(source.name, record.id)
            if not isinstance(date, FuzzyDate):
                undated.append(Link(f"{record.id}: {link.text}", link.href))
                continue
            when = date_text(date)
            flags = ", disputed" if "date" in record.disputed_fields else ""
            detail = f"{date.precision}, {date.basis}{flags}"
            entries.append(
                Entry(
                    record.id,
                    link.href or "",
                    shorten(f"{record.id} {link.text}", 66),
                    f"{record.id}: {link.text} — {when} ({detail})",
                    source.title,
                    date,
                )
            )
            start = date.earliest or date.latest
            key = (start or dt.date.min, date.latest or dt.date.max, record.id)
            link = Link(f"{record.id} {link.text}", link.href)
            listed.append((key, Dated(when, link, source.name, f"{source.title}; {detail}")))
    dated = [item for _, item in sorted(listed, key=lambda pair: pair[0])]
    return timeline(entries, groups), undated, dated
