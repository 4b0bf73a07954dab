"""What each page of the site shows, computed from a package: the views the templates render.

Nothing here writes HTML: it turns records into readable values (names, not ids; dates with
their precision and basis; quotes with the link to their span) that ``render`` hands to the
Jinja2 templates, which escape every value.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from ..models import (
    Agreement,
    Base,
    Deployment,
    FuzzyDate,
    MigrationFigure,
    Place,
    Quantity,
    Record,
    Seed,
    Visit,
)
from ..models.tables import TABLES, Role, Table, id_order
from ..provenance.exclusions import Exclusion
from ..readers.datapackage import DataPackage
from ..views.labelled import RowIndex, date_text, reference_fields, seed_resource
from .markup import Interval, mark_up, span_anchor


def page_tables() -> tuple[Table, ...]:
    """Return the tables whose rows have pages: the records, the seeds, actors and places."""
    return (*TABLES.records, TABLES.sources, *TABLES.with_role(Role.REFERENCE))


def folder(table_name: str) -> str | None:
    """Return the folder of the pages of a table's rows; ``None`` for a table without them.

    Every kind of record shares ``records/`` (ids never collide across kinds); the seeds,
    actors and places each have their own.
    """
    found = next((t for t in page_tables() if t.name == table_name), None)
    if found is None:
        return None
    return "records" if found.role is Role.RECORDS else found.name


#: Fields every record has that the card shows in their own places, not as card rows.
_OWN_PLACES = frozenset({"id", "evidence", "method", "disputed_fields", "inferred_fields", "notes"})


@dataclass(frozen=True)
class Link:
    """A value on a page: its text, where it links (relative to the site root) and a hint."""

    text: str
    href: str | None = None
    hint: str | None = None
    """A short explanation, shown as a tooltip (a vocabulary value's meaning)."""
    note: str | None = None
    """Text shown after the value, muted: a place's country."""


@dataclass(frozen=True)
class Row:
    """One field of a card: its label, its values and what the record says about it."""

    name: str
    label: str
    values: tuple[Link, ...]
    details: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    evidence: tuple[int, ...] = ()


@dataclass(frozen=True)
class Quote:
    """An evidence span as a record page shows it."""

    number: int
    seed: Link
    href: str
    prefix: str
    quote: str
    suffix: str
    supports: tuple[str, ...]
    start: int
    end: int


@dataclass
class Cited:
    """A span of a seed page and the records that cite it."""

    anchor: str
    start: int
    end: int
    quote: str
    records: list[Link] = field(default_factory=list)
    supports: set[str] = field(default_factory=set)


def href(table_name: str, row_id: str) -> str:
    """Return the page of a row, relative to the site root: ``records/VIS-0001.html``."""
    return f"{folder(table_name)}/{row_id}.html"


def label(name: str) -> str:
    """Return a field name as a card label: ``met_with`` → ``Met with``."""
    return name.replace("_", " ").capitalize()


def shorten(text: str, width: int = 90) -> str:
    """Return ``text`` on one line, cut at a word to ``width`` characters with an ellipsis."""
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder="…")


class Site:
    """The pages of one package, computed on demand from its records."""

    def __init__(self, package: DataPackage, exclusions: list[Exclusion] | None) -> None:
        """Read every table of ``package``; ``exclusions`` is ``None`` when they are unknown."""
        self.package = package
        self.lookup = RowIndex(package)
        self.exclusions = exclusions
        self._titles: dict[str, str] = {}

    # Names and links ---------------------------------------------------------------------------

    def rows(self, table_name: str) -> dict[str, BaseModel]:
        """Return the rows of a table by id (empty when the package has no such table)."""
        return self.lookup.rows.get(table_name, {})

    def records(self) -> list[tuple[str, Record]]:
        """Return every record with its table name, table by table in id order."""
        found = []
        for source in TABLES.records:
            for record in self.rows(source.name).values():
                if isinstance(record, Record):
                    found.append((source.name, record))
        return found

    def seeds(self) -> dict[str, Seed]:
        """Return the seeds by id."""
        return {
            key: seed
            for key, seed in self.rows(TABLES.sources.name).items()
            if isinstance(seed, Seed)
        }

    @cached_property
    def _tables(self) -> dict[str, str]:
        """The table of every row id: built once, so a lookup does not scan every table."""
        found: dict[str, str] = {}
        for name, rows in self.lookup.rows.items():
            for row_id in rows:
                found.setdefault(row_id, name)  # the first table holding an id, as a scan finds
        return found

    def table_of(self, row_id: str) -> str | None:
        """Return the table a row id belongs to."""
        return self._tables.get(row_id)

    def link(self, table_name: str, row_id: str) -> Link:
        """Return a link to a row's page, named as a reader would name it."""
        if folder(table_name) is None or self.lookup.get(table_name, row_id) is None:
            return Link(row_id)
        if table_name in {t.name for t in TABLES.with_role(Role.REFERENCE)}:
            return Link(self.lookup.name(table_name, row_id), href(table_name, row_id))
        return Link(self.title(row_id), href(table_name, row_id))

    @cached_property
    def _countries(self) -> dict[str, str]:
        """The name of each country the places table has, by ISO code (the first such place)."""
        found: dict[str, str] = {}
        for place in self.rows("places").values():
            if isinstance(place, Place) and place.kind == "country" and place.country:
                found.setdefault(place.country, place.name)
        return found

    def country(self, code: str | None) -> str | None:
        """Return the name of a country by its ISO code (the dataset's own country place)."""
        if code is None:
            return None
        return self._countries.get(code, code)

    def title(self, row_id: str) -> str:
        """Return a one-line title of a record (``Khalifa Haftar to Moscow``), or its name."""
        # Each record is named on its page, in its table, in all events and wherever it is
        # linked from: made once each.
        found = self._titles.get(row_id)
        if found is None:
            found = self._titles[row_id] = self._title(row_id)
        return found

    def _title(self, row_id: str) -> str:
        table_name = self.table_of(row_id)
        row = self.lookup.get(table_name, row_id) if table_name else None
        name = self.lookup.name
        if isinstance(row, Visit):
            where = f" to {name('places', row.destination)}" if row.destination else ""
            aboard = f" aboard {name('actors', row.aboard)}" if row.aboard else ""
            return shorten(", ".join(name("actors", a) for a in row.visitors) + where + aboard)
        if isinstance(row, Deployment):
            unit = f" ({name('actors', row.unit)})" if row.unit else ""
            where = row.location or row.base or ""
            target = (
                f" to {name('places', where) if row.location else self.title(where)}"
                if where
                else ""
            )
            force = str(row.force_type).replace("_", " ")
            return shorten(f"{name('actors', row.deployed_by)}: {force}{unit}{target}")
        if isinstance(row, Base):
            place = name("places", row.place)
            return shorten(row.name if row.name == place else f"{row.name}, {place}")
        if isinstance(row, Agreement):
            return shorten(row.subject)
        if isinstance(row, MigrationFigure):
            return shorten(f"{row.quantity.stated_as} {row.counted}")
        return self.lookup.name(table_name or "", row_id)

    # Record pages ------------------------------------------------------------------------------

    def card(self, record: Record) -> list[Row]:
        """Return the rows of a record's card: every field that has a value, in table order."""
        supported: defaultdict[str, list[int]] = defaultdict(list)
        for number, span in enumerate(record.evidence, start=1):
            for name in span.supports:
                supported[name].append(number)
        rows = []
        targets = reference_fields(type(record))
        for name in type(record).column_order():
            value = getattr(record, name)
            if name in _OWN_PLACES or value is None or value == ():
                continue
            flags = tuple(
                flag
                for flag, fields in (
                    ("disputed", record.disputed_fields),
                    ("inferred", record.inferred_fields),
                )
                if name in fields
            )
            values, details = self.value(value, targets.get(name, ("", False))[0])
            rows.append(Row(name, label(name), values, details, flags, tuple(supported[name])))
        return rows

    def value(self, value: Any, target: str) -> tuple[tuple[Link, ...], tuple[str, ...]]:
        """Return a field value as links, and lines that say how it is known."""
        if target:
            ids = value if isinstance(value, tuple) else (value,)
            links = []
            for row_id in ids:
                link = self.link(target, row_id)
                if target == "places":
                    place = self.lookup.get("places", row_id)
                    code = getattr(place, "country", None)
                    if code and getattr(place, "kind", None) != "country":
                        link = Link(link.text, link.href, note=self.country(code))
                links.append(link)
            return tuple(links), ()
        if isinstance(value, FuzzyDate):
            details = [f"precision: {value.precision} · basis: {value.basis}"]
            if value.note:
                details.append(value.note)
            if value.source is not None:
                details.append(f"source: {value.source.citation}")
            return (Link(date_text(value), hint=value.basis.description),), tuple(details)
        if isinstance(value, Quantity):
            numbers = ", ".join(
                f"{part} {getattr(value, part):g}"
                for part in ("value", "lower", "upper")
                if getattr(value, part) is not None
            )
            qualifier = str(value.qualifier).replace("_", " ")
            detail = f"{qualifier}; unit: {value.unit}" + (f"; {numbers}" if numbers else "")
            return (Link(value.stated_as),), (detail,)
        if isinstance(value, StrEnum):
            description = getattr(value, "description", None)
            return (Link(str(value).replace("_", " "), hint=description),), ()
        if isinstance(value, tuple):
            return tuple(Link(str(item)) for item in value), ()
        return (Link(str(value)),), ()

    def quotes(self, record: Record) -> list[Quote]:
        """Return the evidence of a record, each quote linked to its span in its seed page."""
        found = []
        for number, span in enumerate(record.evidence, start=1):
            seed = self.lookup.get(TABLES.sources.name, span.seed_id)
            title = seed_title(seed) if isinstance(seed, Seed) else span.seed_id
            found.append(
                Quote(
                    number,
                    Link(title, href(TABLES.sources.name, span.seed_id)),
                    f"{href('seeds', span.seed_id)}#{span_anchor(span.start, span.end)}",
                    span.prefix or "",
                    span.quote,
                    span.suffix or "",
                    tuple(label(name) for name in span.supports),
                    span.start,
                    span.end,
                )
            )
        return found

    # Seed pages --------------------------------------------------------------------------------

    @cached_property
    def _cited(self) -> dict[str, list[Cited]]:
        """Every cited span by seed, in text order, with its records: one pass over them all."""
        spans: dict[str, dict[tuple[int, int], Cited]] = defaultdict(dict)
        for table_name, record in self.records():
            link = self.link(table_name, record.id)
            for span in record.evidence:
                key = (span.start, span.end)
                cited = spans[span.seed_id].setdefault(
                    key, Cited(span_anchor(*key), span.start, span.end, span.quote)
                )
                if link not in cited.records:
                    cited.records.append(link)
                cited.supports.update(span.supports)
        return {seed: [found[key] for key in sorted(found)] for seed, found in spans.items()}

    def cited(self, seed_id: str) -> list[Cited]:
        """Return every span of a seed that some record cites, in text order, with its records."""
        return self._cited.get(seed_id, [])

    def seed_text(self, seed: Seed) -> tuple[str, list[Cited], list[Exclusion]]:
        """Return a seed's text, its cited spans and the exclusions that fall in it."""
        text = self.package.read_bytes(seed_resource(self.package, seed)).decode("utf-8")
        excluded = [e for e in self.exclusions or () if e.rule.seed_id == seed.id]
        return text, self.cited(seed.id), sorted(excluded, key=lambda e: (e.start, e.end))

    def marked_text(self, seed: Seed) -> Any:
        """Return the seed text as HTML: cited spans in ``<mark>``, exclusions greyed."""
        text, cited, excluded = self.seed_text(seed)
        intervals = [
            Interval(
                span.start,
                span.end,
                "mark",
                span.anchor,
                attributes={"title": "Cited by " + ", ".join(r.text for r in span.records)},
                after=f'<a class="cite" href="#cite-{span.anchor}" '
                f'aria-label="Records citing this passage"></a>',
            )
            for span in cited
        ]
        intervals += [
            Interval(
                exclusion.start,
                exclusion.end,
                "span",
                f"x{exclusion.start}-{exclusion.end}",
                classes="excluded",
                attributes={"title": f"Reviewed, needs no record: {exclusion.rule.reason}"},
            )
            for exclusion in excluded
        ]
        return mark_up(text, intervals)

    def referrer_links(self, row_id: str) -> list[Link]:
        """Return links to the records that refer to a row, in id order."""
        ids = self.lookup.referrers.get(row_id, ())
        links = []
        for record_id in sorted(ids, key=id_order):
            table_name = self.table_of(record_id)
            if table_name:
                links.append(self.link(table_name, record_id))
        return links


def seed_title(seed: Seed) -> str:
    """Return a seed's title and publisher, as its link reads: ``Title — Publisher``."""
    title = seed.title.value or "(title unknown)"
    publisher = seed.publisher.value
    return f"{title} — {publisher}" if publisher else title
