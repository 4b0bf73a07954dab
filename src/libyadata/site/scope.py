"""What the dataset covers and what it does not: the site's scope and coverage page.

The figures are computed from the package (and the checkout's coverage exclusions, when
known): the period each kind of record covers, the records and passages each source gives,
the sentences reviewed and left out of each source with their reasons, and the records
retracted. What no figure can say (how the sources were chosen, what kinds of fact are out of
scope) is the page template's own text, the same as README's "Scope and coverage".
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from ..models import FuzzyDate, Record, Seed
from ..models.retraction import Retraction
from ..models.tables import TABLES
from ..views.labelled import date_text, range_text
from .pages import Link, Site, href, seed_title


@dataclass(frozen=True)
class Period:
    """The dates one kind of record covers."""

    title: str
    href: str
    records: int
    dated: int
    period: str
    """From the first possible day of the earliest to the last of the latest: ``2016–2024``."""
    open_ended: int
    """Records whose date is open at one end (the sources give one bound)."""


@dataclass(frozen=True)
class Source:
    """A source text and what the dataset takes from it."""

    seed: Link
    kind: str
    published: str
    records: int
    passages: int
    excluded: int | None
    """Sentences reviewed and left out (``None`` when the exclusions are not known)."""


@dataclass(frozen=True)
class Scope:
    """The scope and coverage page."""

    periods: tuple[Period, ...]
    sources: tuple[Source, ...]
    reasons: tuple[tuple[str, int], ...] | None
    """Why sentences were left out, with how many, most frequent first (``None``: unknown)."""
    retractions: tuple[tuple[Link, str], ...]
    total: int


def scope_of(site: Site) -> Scope:
    """Return the scope and coverage figures of the site's package."""
    periods = []
    for source in TABLES.records:
        records = [r for r in site.rows(source.name).values() if isinstance(r, Record)]
        dates = [
            d
            for r in records
            if isinstance(d := getattr(r, "date", None) or getattr(r, "period", None), FuzzyDate)
        ]
        firsts = [d.earliest for d in dates if d.earliest is not None]
        lasts = [d.latest for d in dates if d.latest is not None]
        first = min(firsts, default=None)
        last = max(lasts, default=None)
        periods.append(
            Period(
                source.title,
                f"tables/{source.name}.html",
                len(records),
                len(dates),
                _period(first, last) if dates else "undated",
                sum(1 for d in dates if d.earliest is None or d.latest is None),
            )
        )
    cited: Counter[str] = Counter()
    for _, record in site.records():
        for seed_id in dict.fromkeys(span.seed_id for span in record.evidence):
            cited[seed_id] += 1
    excluded = Counter(e.rule.seed_id for e in site.exclusions or ())
    sources = tuple(
        Source(
            Link(seed_title(seed), href(TABLES.sources.name, seed.id)),
            str(seed.source_type).replace("_", " "),
            date_text(seed.published),
            cited[seed.id],
            len(site.cited(seed.id)),
            None if site.exclusions is None else excluded[seed.id],
        )
        for seed in site.rows(TABLES.sources.name).values()
        if isinstance(seed, Seed)
    )
    reasons = None
    if site.exclusions is not None:
        counted = Counter(_reason(e.rule.reason) for e in site.exclusions)
        reasons = tuple(sorted(counted.items(), key=lambda item: (-item[1], item[0])))
    retractions = tuple(
        (Link(row.id), row.reason)
        for row in site.rows(TABLES.retractions.name).values()
        if isinstance(row, Retraction)
    )
    return Scope(tuple(periods), sources, reasons, retractions, len(site.records()))


def _period(first: dt.date | None, last: dt.date | None) -> str:
    return range_text(
        dt.date(first.year, 1, 1) if first else None, dt.date(last.year, 12, 31) if last else None
    )


def _reason(reason: str) -> str:
    """Return the kind of a reason: what precedes its first colon or semicolon."""
    head = re.split(r"[:;]", reason, maxsplit=1)[0].strip()
    return head if len(head) <= 80 else head[:79] + "…"
