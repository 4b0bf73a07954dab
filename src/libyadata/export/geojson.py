"""The places of a data package as GeoJSON (RFC 7946), for GIS tools and web maps.

A ``FeatureCollection`` with one ``Point`` feature per place that has coordinates (its
gazetteer entry's): ``coordinates`` are ``[longitude, latitude]`` in WGS 84, as RFC 7946
requires, with no ``crs`` member. The feature's ``id`` is the place id; its ``properties`` hold
the name, kind, ISO country code, the parent place, every spelling the seeds use, the
``precision`` (what the point is of: ``facility``, ``settlement``, ``region``, ``country``, as
ACLED's geo_precision), the gazetteer, its entry (``gazetteer_code``: an ICAO or ISO numeric
code; ``geonames_id``) and where the coordinates come from, and ``records``: the ids of the
records that name the place (a visit's destination, a base's place, …). Places without
coordinates are left out (the count is returned): the data never guesses a position.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core import atomic
from ..models import Place
from ..readers.datapackage import DataPackage
from ..views.labelled import RowIndex
from .common import check_file_target

#: Decimal places kept in coordinates: RFC 7946 suggests 6 (about 10 cm).
PRECISION = 6


def feature_collection(package: DataPackage) -> tuple[dict[str, Any], int]:
    """Return the GeoJSON document of the places of ``package`` and how many had no point."""
    lookup = RowIndex(package)
    features = []
    unlocated = 0
    for place in lookup.rows.get("places", {}).values():
        if not isinstance(place, Place):  # pragma: no cover - the places table holds Places
            continue
        entry = place.gazetteer
        point = place.point
        if entry is None or point is None:
            unlocated += 1
            continue
        properties: dict[str, Any] = {
            "name": place.name,
            "kind": str(place.kind),
            "country": place.country,
            "parent": lookup.name("places", place.parent) if place.parent else None,
            "names": list(dict.fromkeys(spelling.name for spelling in place.names)),
            "precision": str(entry.precision) if entry.precision else None,
            "gazetteer": str(entry.gazetteer),
            "gazetteer_code": entry.code,
            "geonames_id": entry.geonames_id,
            "coordinates_source": entry.source.citation,
            "records": list(lookup.referrers.get(place.id, ())),
        }
        features.append(
            {
                "type": "Feature",
                "id": place.id,
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(point[1], PRECISION), round(point[0], PRECISION)],
                },
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}, unlocated


def export_geojson(package: DataPackage, target: Path) -> dict[str, int]:
    """Write the places of ``package`` with coordinates to ``target`` as GeoJSON, atomically.

    Returns the number of features written and of places left out for want of coordinates.
    Raises ``PackageError`` for a file that fails its hash check and ``OSError`` when
    ``target`` cannot be written (it is then left as it was).
    """
    check_file_target(target)
    document, unlocated = feature_collection(package)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    atomic.write_bytes(target, text.encode("utf-8"))
    return {"features": len(document["features"]), "places without coordinates": unlocated}
