"""The geometry of the site's two figures: a timeline of dated records and a map of places.

Both are drawn as static SVG by the templates from what these functions compute, so the pages
need no script, no library and no tile server. Coordinates are in SVG user units; the SVG
scales to its container.

- The timeline has one row per record: a bar from the first to the last day its date can be
  (a day is a thin bar, a month a month-wide one, a range its whole range; an open bound runs
  to the edge of the axis and is marked open), grouped by table and sorted by date.
- The map is an equirectangular projection (longitude scaled by the cosine of the middle
  latitude, so shapes near the map's centre keep their proportions) with a graticule and one
  labelled point per place that has coordinates. There is no coastline: the project bundles no
  map data, and the points alone carry the information.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import FuzzyDate

#: Width of the timeline and map drawings, in SVG user units.
WIDTH = 960
#: Width of the timeline, drawn across the whole page, and of its label column.
TIMELINE_WIDTH = 1240
LABELS = 440
#: The narrowest bar: a day is drawn this wide, centred on its day, so that it can be seen.
MIN_BAR = 4.0
ROW = 22
HEADER = 28
AXIS = 30


@dataclass(frozen=True)
class Bar:
    """One record on the timeline."""

    record_id: str
    href: str
    label: str
    description: str
    group: str
    x: float
    y: float
    width: float
    open_start: bool
    open_end: bool


@dataclass(frozen=True)
class Tick:
    """A labelled position on an axis (a year on the timeline, a degree on the map)."""

    position: float
    label: str


@dataclass(frozen=True)
class Heading:
    """A group's title on the timeline."""

    y: float
    label: str


@dataclass(frozen=True)
class Timeline:
    """The timeline drawing."""

    width: float
    height: float
    plot_left: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    headings: tuple[Heading, ...]
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class Entry:
    """A dated record to place on the timeline."""

    record_id: str
    href: str
    label: str
    description: str
    group: str
    date: FuzzyDate


def timeline(entries: Sequence[Entry], groups: Sequence[str]) -> Timeline | None:
    """Lay out ``entries`` by group (in the order of ``groups``); ``None`` when none is dated."""
    dated = [e for e in entries if e.date.earliest is not None or e.date.latest is not None]
    if not dated:
        return None
    days = [d for e in dated for d in (e.date.earliest, e.date.latest) if d is not None]
    first = dt.date(min(days).year, 1, 1)
    last = dt.date(max(days).year + 1, 1, 1)
    span = (last - first).days
    plot = TIMELINE_WIDTH - LABELS - 10

    def x_of(day: dt.date) -> float:
        return round(LABELS + plot * (day - first).days / span, 2)

    bars: list[Bar] = []
    headings: list[Heading] = []
    y = float(AXIS)
    for group in groups:
        members = [e for e in dated if e.group == group]
        if not members:
            continue
        headings.append(Heading(y + HEADER - 8, group))
        y += HEADER
        members.sort(key=lambda e: (_start(e.date), _end(e.date), e.record_id))
        for entry in members:
            start = entry.date.earliest or first
            end = (entry.date.latest or (last - dt.timedelta(days=1))) + dt.timedelta(days=1)
            left, right = x_of(start), x_of(end)
            width = max(round(right - left, 2), MIN_BAR)
            if right - left < MIN_BAR:
                # A day is narrower than a pixel at this scale: widen it about its middle.
                left = round((left + right - MIN_BAR) / 2, 2)
            bars.append(
                Bar(
                    entry.record_id,
                    entry.href,
                    entry.label,
                    entry.description,
                    group,
                    left,
                    y + 4,
                    width,
                    entry.date.earliest is None,
                    entry.date.latest is None,
                )
            )
            y += ROW
    ticks = tuple(
        Tick(x_of(dt.date(year, 1, 1)), str(year)) for year in range(first.year, last.year + 1)
    )
    return Timeline(
        TIMELINE_WIDTH, y + 30, LABELS, tuple(bars), ticks, tuple(headings), first, last
    )


def _start(date: FuzzyDate) -> dt.date:
    return date.earliest or date.latest or dt.date.min


def _end(date: FuzzyDate) -> dt.date:
    return date.latest or dt.date.max


@dataclass(frozen=True)
class Point:
    """A place on the map."""

    place_id: str
    href: str
    label: str
    description: str
    x: float
    y: float
    anchor: str
    """``start`` to put the label right of the point, ``end`` to put it left."""


@dataclass(frozen=True)
class Located:
    """A place with coordinates, to put on the map."""

    place_id: str
    href: str
    label: str
    description: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Map:
    """The map drawing."""

    width: float
    height: float
    points: tuple[Point, ...]
    meridians: tuple[Tick, ...]
    parallels: tuple[Tick, ...]
    west: float
    east: float
    south: float
    north: float
    step: int
    """Degrees between graticule lines."""


#: The extent shown when no place has coordinates: Libya and its neighbours.
DEFAULT_EXTENT = (5.0, 35.0, 15.0, 40.0)


def world_map(places: Sequence[Located]) -> Map:
    """Return an equirectangular map of ``places``, framed on them (snapped to 5 degrees)."""
    if places:
        west = min(p.longitude for p in places) - 3
        east = max(p.longitude for p in places) + 3
        south = min(p.latitude for p in places) - 3
        north = max(p.latitude for p in places) + 3
    else:
        west, east, south, north = DEFAULT_EXTENT
    west, south = (max(math.floor(v / 5) * 5, low) for v, low in ((west, -180), (south, -90)))
    east, north = (min(math.ceil(v / 5) * 5, high) for v, high in ((east, 180), (north, 90)))
    stretch = math.cos(math.radians((north + south) / 2))
    scale = WIDTH / ((east - west) * stretch)
    height = round((north - south) * scale, 2)

    def project(longitude: float, latitude: float) -> tuple[float, float]:
        return (
            round((longitude - west) * stretch * scale, 2),
            round((north - latitude) * scale, 2),
        )

    step = 5 if max(east - west, north - south) <= 60 else 10
    meridians = tuple(
        Tick(project(lon, north)[0], _degrees(lon, "E", "W"))
        for lon in range(int(west), int(east) + 1, step)
    )
    parallels = tuple(
        Tick(project(west, lat)[1], _degrees(lat, "N", "S"))
        for lat in range(int(south), int(north) + 1, step)
    )
    points = []
    for place in sorted(places, key=lambda p: (p.longitude, p.latitude, p.place_id)):
        x, y = project(place.longitude, place.latitude)
        anchor = "end" if x > WIDTH * 0.75 else "start"
        points.append(
            Point(place.place_id, place.href, place.label, place.description, x, y, anchor)
        )
    return Map(WIDTH, height, tuple(points), meridians, parallels, west, east, south, north, step)


def _degrees(value: float, positive: str, negative: str) -> str:
    if value == 0:
        return "0°"
    return f"{abs(value):g}°{positive if value > 0 else negative}"
