"""Make the committed Natural Earth data: the site's basemap and the country centroids.

Natural Earth (https://www.naturalearthdata.com/, public domain) 1:50m admin-0 countries,
version 4.1.0, as TopoJSON in the npm package ``world-atlas`` 2.0.2 (ISC licence, by Mike
Bostock). Fetch it with npm, then run this script from the root of a checkout::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/naturalearth.py /tmp/package/countries-50m.json

It writes two files, both byte-reproducible from that input:

- ``src/libyadata/site/basemap.json``: land, coastlines and land borders of the region the
  site's map shows (longitude 0 to 45 E, latitude 10 to 50 N), each arc simplified with
  Douglas-Peucker to 0.02 degrees (about 2 km, under a pixel at the map's scale) and rounded
  to 0.01 degrees. A coastline is an arc that one country uses; a border one that two share
  (TopoJSON's topology says which). Arcs are simplified once, before the land is stitched from
  them, so the land's edges and the lines drawn over them coincide.
- ``src/libyadata/sources/naturalearth.json``: every country's ISO 3166-1 numeric code, name
  and centroid (the area-weighted centroid of its largest polygon, in plain longitude and
  latitude, rounded to 0.01 degrees): the point ``libyadata geocode`` gives a country.

Only the standard library is used, so the output does not depend on a GIS stack's version.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASEMAP = ROOT / "src/libyadata/site/basemap.json"
CENTROIDS = ROOT / "src/libyadata/sources/naturalearth.json"
#: west, south, east, north of the region kept for the basemap.
CLIP = (0.0, 10.0, 45.0, 50.0)
TOLERANCE = 0.02
DIGITS = 2
SOURCE = (
    "Natural Earth 1:50m Cultural Vectors, Admin 0 - Countries, version 4.1.0 "
    "(https://www.naturalearthdata.com/), via the npm package world-atlas 2.0.2 "
    "(countries-50m.json, https://github.com/topojson/world-atlas)"
)
LICENCE = (
    "Natural Earth: public domain (https://www.naturalearthdata.com/about/terms-of-use/); "
    "world-atlas: ISC licence. Country borders as Natural Earth draws them, which shows de "
    "facto boundaries; no position on any dispute is implied."
)

Point = tuple[float, float]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Return the topology's arcs as absolute longitude/latitude points."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step in arc:
            x, y = x + step[0], y + step[1]
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, keeping both ends (iterative, so long arcs do not recurse deeply)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
        worst, index = 0.0, 0
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    """Stitch a ring from its arcs (``~i`` is arc ``i`` reversed), as TopoJSON defines it."""
    points: list[Point] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict) -> list[list[list[int]]]:
    """Return a geometry's polygons, each a list of rings of arc indices."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def area_centroid(ring: list[Point]) -> tuple[float, float, float]:
    """Return a ring's signed area and centroid (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def unwrap(ring: list[Point]) -> list[Point]:
    """Return a ring cut at the antimeridian as one piece (its west side moved east by 360)."""
    if max(x for x, _ in ring) - min(x for x, _ in ring) <= 180:
        return ring
    return [(x + 360 if x < 0 else x, y) for x, y in ring]


def clip_ring(ring: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """Clip a closed ring to a rectangle (Sutherland-Hodgman)."""
    west, south, east, north = box
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    )
    output = list(ring)
    for inside, cross in edges:
        points, output = output, []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    output.append(cross(previous, current))
                output.append(current)
            elif inside(previous):
                output.append(cross(previous, current))
        if not output:
            break
    return output


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def clip_line(line: list[Point], box: tuple[float, float, float, float]) -> list[list[Point]]:
    """Split a line into the runs that touch the rectangle (a point beyond it kept each side)."""
    west, south, east, north = box

    def inside(point: Point) -> bool:
        return west <= point[0] <= east and south <= point[1] <= north

    runs: list[list[Point]] = []
    current: list[Point] = []
    for i, point in enumerate(line):
        near = inside(point) or (i > 0 and inside(line[i - 1]))
        near = near or (i + 1 < len(line) and inside(line[i + 1]))
        if near:
            current.append(point)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [run for run in runs if len(run) > 1]


def flat(points: list[Point]) -> list[float]:
    """Return points as one flat list of rounded numbers: ``[lon, lat, lon, lat, ...]``."""
    return [round(value, DIGITS) + 0.0 for point in points for value in point]


def arc_users(geometries: list[dict]) -> dict[int, set[int]]:
    """Return, for each arc, the geometries that use it (two for a border, one for a coast)."""
    users: dict[int, set[int]] = {}
    for number, geometry in enumerate(geometries):
        for polygon in polygons(geometry):
            for ring in polygon:
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(number)
    return users


def country_centroids(geometries: list[dict], arcs: list[list[Point]]) -> dict[str, dict]:
    """Return each country's name and centroid by ISO 3166-1 numeric code."""
    centroids = {}
    for geometry in geometries:
        if "id" not in geometry:
            continue  # a territory without an ISO code (N. Cyprus, Somaliland, ...)
        outer = [unwrap(ring_points(polygon[0], arcs)) for polygon in polygons(geometry)]
        _, x, y = max((area_centroid(ring) for ring in outer), key=lambda a: abs(a[0]))
        x = x - 360 if x > 180 else x
        centroids[geometry["id"]] = {
            "name": geometry["properties"]["name"],
            "centroid": [round(x, DIGITS) + 0.0, round(y, DIGITS) + 0.0],
        }
    return dict(sorted(centroids.items()))


def land(geometries: list[dict], arcs: list[list[Point]]) -> list[dict]:
    """Return each country's rings stitched from the (simplified) arcs, clipped to the region."""
    kept = []
    for geometry in geometries:
        rings = []
        for polygon in polygons(geometry):
            for ring in polygon:
                clipped = clip_ring(ring_points(ring, arcs), CLIP)
                if len(clipped) >= 4:
                    rings.append(flat(clipped))
        if rings:
            kept.append(
                {"id": geometry.get("id"), "name": geometry["properties"]["name"], "rings": rings}
            )
    return sorted(kept, key=lambda item: item["name"])


def main(source: Path) -> None:
    """Write the basemap and the country centroids from world-atlas's countries-50m.json."""
    raw = source.read_bytes()
    topology = json.loads(raw)
    arcs = decode_arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]
    users = arc_users(geometries)
    simple = [simplify(arc, TOLERANCE) for arc in arcs]
    coast, borders = [], []
    for index, arc in enumerate(simple):
        for run in clip_line(arc, CLIP):
            (borders if len(users.get(index, ())) > 1 else coast).append(flat(run))
    west, south, east, north = CLIP
    made = "scripts/naturalearth.py"
    digest = hashlib.sha256(raw).hexdigest()
    basemap = {
        "source": SOURCE,
        "licence": LICENCE,
        "input_sha256": digest,
        "made_by": made,
        "clip": {"west": west, "south": south, "east": east, "north": north},
        "tolerance_degrees": TOLERANCE,
        "land": land(geometries, simple),
        "coast": coast,
        "borders": borders,
    }
    countries = {
        "source": SOURCE,
        "licence": LICENCE,
        "input_sha256": digest,
        "made_by": made,
        "centroid": "area-weighted centroid of the country's largest polygon, in degrees",
        "countries": country_centroids(geometries, arcs),
    }
    for target, document in ((BASEMAP, basemap), (CENTROIDS, countries)):
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
        target.write_text(text + "\n", encoding="utf-8")
        print(f"{target.relative_to(ROOT)}: {len(text) + 1} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/naturalearth.py PATH/TO/countries-50m.json")
    main(Path(sys.argv[1]))
