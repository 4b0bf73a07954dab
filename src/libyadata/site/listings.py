"""The listing pages of the site: a table per kind of row and the timeline."""

from __future__ import annotations

from ..access.views import date_text
from ..models import Actor, FuzzyDate, Place, Record, Seed
from ..models.tables import TABLES
from .charts import Entry, Timeline, timeline
from .pages import (
    RECORD_TABLES,
    TIMELINE_TABLES,
    Column,
    Link,
    Site,
    TablePage,
    href,
    seed_title,
    shorten,
)


def table_page(site: Site, table_name: str) -> TablePage:
    """Return the table page of a table of records, actors, places or seeds."""
    source = next(t for t in TABLES if t.name == table_name)
    description = str(source.model.__doc__ or "").strip().splitlines()[0].replace("``", "")
    rows: list[tuple[tuple[Link, ...], ...]] = []
    columns: tuple[str, ...]
    referrers = site.catalogue.referrers
    if table_name == "actors":
        columns = ("Name", "Kind", "Side", "Country", "Records")
        for actor in site.rows("actors").values():
            if isinstance(actor, Actor):
                rows.append(
                    (
                        (site.link("actors", actor.id),),
                        (Link(str(actor.kind).replace("_", " ")),),
                        (Link(str(actor.side).replace("_", " ")),),
                        (Link(site.country(actor.country) or ""),),
                        (Link(str(len(referrers.get(actor.id, ())))),),
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
                    (
                        (site.link("places", place.id),),
                        (Link(str(place.kind)),),
                        (Link(site.country(place.country) or ""),),
                        (Link(where),),
                        (Link(str(len(referrers.get(place.id, ())))),),
                    )
                )
    elif table_name == "seeds":
        columns = ("Source", "Publisher", "Published", "Cited passages")
        for seed in site.rows("seeds").values():
            if isinstance(seed, Seed):
                rows.append(
                    (
                        (Link(seed_title(seed), href("seeds", seed.id)),),
                        (Link(seed.publisher.value or "unknown"),),
                        (Link(date_text(seed.published)),),
                        (Link(str(len(site.cited(seed.id)))),),
                    )
                )
    else:
        columns = ("Record", "What", "When", "Status", "Sources")
        for record in site.rows(table_name).values():
            if isinstance(record, Record):
                date = getattr(record, "date", None) or getattr(record, "period", None)
                seeds = dict.fromkeys(span.seed_id for span in record.evidence)
                rows.append(
                    (
                        (Link(record.id, href(table_name, record.id)),),
                        (Link(site.title(record.id)),),
                        (Link(date_text(date) if isinstance(date, FuzzyDate) else "undated"),),
                        (Link(str(getattr(record, "status", "")).replace("_", " ")),),
                        tuple(Link(seed, href("seeds", seed)) for seed in seeds),
                    )
                )
    numeric = {"Records", "Cited passages"}
    return TablePage(
        table_name,
        source.title,
        description,
        tuple(Column(title, title in numeric) for title in columns),
        tuple(rows),
    )


def timeline_of(site: Site) -> tuple[Timeline | None, list[Link]]:
    """Return the timeline of visits, deployments and agreements, and the undated ones."""
    entries = []
    undated = []
    groups = []
    for source in RECORD_TABLES:
        if source.name not in TIMELINE_TABLES:
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
            entries.append(
                Entry(
                    record.id,
                    link.href or "",
                    shorten(f"{record.id} {link.text}", 48),
                    f"{record.id}: {link.text} — {when} ({date.precision}, {date.basis}{flags})",
                    source.title,
                    date,
                )
            )
    return timeline(entries, groups), undated
