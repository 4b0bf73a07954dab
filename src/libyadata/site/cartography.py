"""The site's maps: places with coordinates on a Natural Earth basemap, as static SVG.

``basemap.json`` beside this module holds land, coastlines and borders of the region (made by
``scripts/naturalearth.py`` from Natural Earth via world-atlas, public domain). Two views are
drawn from it: Libya, where most bases are, and the region around it (the Mediterranean to
Syria). The projection is equirectangular with longitude scaled by the cosine of the middle
latitude, so shapes near the centre keep their proportions. Places beyond a view (Moscow,
Paris) are listed in its corner with the direction they lie in.

Each place is a point whose shape says what its coordinates are the point of (a facility, a
settlement, a country's centroid) and links to its page. Labels are placed greedily: the
places named by the most records first, each label at the first of eight positions around its
point that overlaps no point and no label already placed; a label that fits nowhere is left
out (the point keeps its tooltip, and the list under the map names every place).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..models import Place
from .pages import Link, Site

#: Width of a map, in SVG user units.
WIDTH = 960
#: Size of a label's letters, in SVG user units, and the width of a letter as a share of it.
FONT = 13
_LETTER = 0.58
#: Where a label may go, relative to its point: (dx, dy, text-anchor), in order of preference.
_OFFSETS = (
    (9, 4, "start"),
    (-9, 4, "end"),
    (0, -10, "middle"),
    (0, 18, "middle"),
    (7, -7, "start"),
    (-7, -7, "end"),
    (7, 15, "start"),
    (-7, 15, "end"),
)
#: The shapes of the points: what the coordinates are the point of.
KINDS = {
    "facility": "Air base, airfield or port (its own point)",
    "settlement": "Town or city",
    "region": "Centroid of a region",
    "country": "Centroid of a country",
    "unknown": "Point of unstated precision",
}


@dataclass(frozen=True)
class View:
    """A map's extent, in degrees."""

    name: str
    title: str
    west: float
    east: float
    south: float
    north: float


#: The views drawn, in order: Libya first (most of the bases), then the region.
VIEWS = (
    View("libya", "Libya", 9.0, 26.0, 19.5, 33.8),
    View("region", "Libya and the region: the Mediterranean to Syria", 2.0, 42.0, 18.0, 46.0),
)


@dataclass(frozen=True)
class Located:
    """A place with coordinates, to put on the maps."""

    place_id: str
    href: str
    label: str
    description: str
    latitude: float
    longitude: float
    precision: str
    records: int


@dataclass(frozen=True)
class Point:
    """A place drawn on a map, with its label (``None`` when no position was free)."""

    place_id: str
    href: str
    description: str
    precision: str
    x: float
    y: float
    label: str | None
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True)
class Beyond:
    """A place outside a view: its name, link and the direction it lies in."""

    place_id: str
    href: str
    label: str
    description: str
    direction: str


@dataclass(frozen=True)
class Map:
    """One view drawn: the basemap's paths, the points, and the places beyond it."""

    view: View
    width: float
    height: float
    land: str
    coast: str
    borders: str
    points: tuple[Point, ...]
    beyond: tuple[Beyond, ...]
    legend_y: float
    """Top of the legend's box, in the bottom-left corner."""
    beyond_y: float
    """Top of the box listing the places beyond the view, in the bottom-right corner."""


@functools.cache
def basemap() -> dict[str, Any]:
    """Return the committed basemap (land, coastlines, borders) and its source."""
    text = resources.files(__package__).joinpath("basemap.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


class _Projection:
    def __init__(self, view: View) -> None:
        self.view = view
        self.stretch = math.cos(math.radians((view.north + view.south) / 2))
        self.scale = WIDTH / ((view.east - view.west) * self.stretch)
        self.height = round((view.north - view.south) * self.scale, 1)

    def __call__(self, longitude: float, latitude: float) -> tuple[float, float]:
        return (
            round((longitude - self.view.west) * self.stretch * self.scale, 1),
            round((self.view.north - latitude) * self.scale, 1),
        )

    def inside(self, longitude: float, latitude: float) -> bool:
        view = self.view
        return view.west <= longitude <= view.east and view.south <= latitude <= view.north


def _path(project: _Projection, lines: Sequence[Sequence[float]], *, close: bool) -> str:
    """Return an SVG path of flat ``[lon, lat, ...]`` lines, with only what the view shows.

    A ring (``close``) is kept whole when its bounding box meets the view; a line is cut into
    the runs that touch the view, keeping one point beyond it each side so it runs to the edge.
    Repeated points (after rounding) are dropped.
    """
    view = project.view
    parts = []
    for line in lines:
        pairs = list(zip(line[0::2], line[1::2], strict=True))
        if close:
            west, east = min(p[0] for p in pairs), max(p[0] for p in pairs)
            south, north = min(p[1] for p in pairs), max(p[1] for p in pairs)
            meets = west <= view.east and east >= view.west
            runs = [pairs] if meets and south <= view.north and north >= view.south else []
        else:
            runs = _runs(project, pairs)
        for run in runs:
            points: list[str] = []
            for longitude, latitude in run:
                x, y = project(longitude, latitude)
                text = f"{x:g},{y:g}"
                if not points or points[-1] != text:
                    points.append(text)
            if len(points) > 1:
                parts.append("M" + "L".join(points) + ("Z" if close else ""))
    return "".join(parts)


def _runs(
    project: _Projection, pairs: list[tuple[float, float]]
) -> list[list[tuple[float, float]]]:
    """Split a line into the runs of points in the view or next to one that is."""
    inside = [project.inside(*pair) for pair in pairs]
    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for index, pair in enumerate(pairs):
        if any(inside[max(index - 1, 0) : index + 2]):
            current.append(pair)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


_COMPASS = (
    "east",
    "north-east",
    "north",
    "north-west",
    "west",
    "south-west",
    "south",
    "south-east",
)


def _direction(view: View, longitude: float, latitude: float) -> str:
    """Return the compass direction from the view's centre to a point: ``north-east``."""
    middle_lon, middle_lat = (view.west + view.east) / 2, (view.south + view.north) / 2
    dx = (longitude - middle_lon) * math.cos(math.radians(middle_lat))
    dy = latitude - middle_lat
    return _COMPASS[round(math.degrees(math.atan2(dy, dx)) / 45) % 8]


#: Widths of the legend's box and of the box of places beyond the view, and a row's height.
LEGEND_WIDTH = 300
BEYOND_WIDTH = 250
ROW = 20


def draw(view: View, places: Sequence[Located], legend_rows: int = len(KINDS)) -> Map:
    """Draw ``places`` on the basemap within ``view``, labels placed so that none collide.

    ``legend_rows`` is the number of entries the legend will have: its box is kept free of
    labels, as is the box listing the places beyond the view.
    """
    project = _Projection(view)
    data = basemap()
    land = _path(project, [ring for item in data["land"] for ring in item["rings"]], close=True)
    coast = _path(project, data["coast"], close=False)
    borders = _path(project, data["borders"], close=False)
    inside = [p for p in places if project.inside(p.longitude, p.latitude)]
    # The places most records name get the first choice of label position.
    inside.sort(key=lambda p: (-p.records, p.precision != "facility", p.label, p.place_id))
    beyond = tuple(
        Beyond(
            p.place_id, p.href, p.label, p.description, _direction(view, p.longitude, p.latitude)
        )
        for p in sorted(places, key=lambda p: (p.label, p.place_id))
        if not project.inside(p.longitude, p.latitude)
    )
    height = project.height
    legend_y = round(height - 10 - (12 + ROW * legend_rows), 1)
    beyond_y = round(height - 10 - (30 + ROW * len(beyond)), 1) if beyond else height
    taken: list[tuple[float, float, float, float]] = [
        (0, legend_y - 4, LEGEND_WIDTH + 14, height),
        (WIDTH - BEYOND_WIDTH - 14, beyond_y - 4, WIDTH, height),
    ]
    for place in inside:
        x, y = project(place.longitude, place.latitude)
        taken.append((x - 6, y - 6, x + 6, y + 6))
    points = []
    for place in inside:
        x, y = project(place.longitude, place.latitude)
        label, label_x, label_y, anchor = _place_label(place.label, x, y, project.height, taken)
        points.append(
            Point(
                place.place_id,
                place.href,
                place.description,
                place.precision,
                x,
                y,
                label,
                label_x,
                label_y,
                anchor,
            )
        )
    points.sort(key=lambda p: (p.x, p.y, p.place_id))  # a stable drawing order
    return Map(view, WIDTH, height, land, coast, borders, tuple(points), beyond, legend_y, beyond_y)


def _place_label(
    text: str, x: float, y: float, height: float, taken: list[tuple[float, float, float, float]]
) -> tuple[str | None, float, float, str]:
    """Return a label's text, position and anchor at the first free place, and take it."""
    width = len(text) * FONT * _LETTER
    for dx, dy, anchor in _OFFSETS:
        left = x + dx - (width if anchor == "end" else width / 2 if anchor == "middle" else 0)
        box = (left, y + dy - FONT + 2, left + width, y + dy + 3)
        if box[0] < 0 or box[2] > WIDTH or box[1] < 0 or box[3] > height:
            continue
        if any(_overlap(box, other) for other in taken):
            continue
        taken.append(box)
        return text, round(x + dx, 1), round(y + dy, 1), anchor
    return None, x, y, "start"


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def located_places(site: Site) -> tuple[list[Located], list[tuple[Link, str]]]:
    """Return the places of ``site`` with coordinates, and the others with the reason why not."""
    located = []
    unlocated = []
    for place in site.rows("places").values():
        if not isinstance(place, Place):
            continue
        link = site.link("places", place.id)
        count = len(site.lookup.referrers.get(place.id, ()))
        point, entry = place.point, place.gazetteer
        if point is None or entry is None:
            unlocated.append((link, place.no_coordinates or "no gazetteer entry"))
            continue
        precision = str(entry.precision) if entry.precision else "unknown"
        where = site.country(place.country) if place.kind != "country" else None
        located.append(
            Located(
                place.id,
                link.href or "",
                place.name,
                f"{place.name}{f' ({where})' if where else ''}: {count} record(s); "
                f"{KINDS.get(precision, precision).lower()}, from {entry.source.citation}",
                point[0],
                point[1],
                precision,
                count,
            )
        )
    return located, unlocated
