"""Parquet and GeoJSON exports, read back by DuckDB and checked against RFC 7946."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from libyadata.cli import app
from libyadata.export import EXPORTERS, export_geojson, export_parquet
from libyadata.export.geojson import feature_collection
from libyadata.models import Place, Record
from libyadata.models.tables import TABLES
from libyadata.readers.datapackage import DataPackage
from sitekit import PACKAGE, POINTS, located_package, shipped_points, unlocated_package

DESCRIPTOR: dict[str, Any] = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
CSV = {r["name"]: r for r in DESCRIPTOR["resources"] if r.get("format") == "csv"}


def csv_count(name: str) -> int:
    text = (PACKAGE / CSV[name]["path"]).read_text(encoding="utf-8")
    return sum(1 for _ in csv.DictReader(io.StringIO(text, newline="")))


#: Under xdist the module's tests run on one worker, so that what they share (the Parquet export)
#: is built once.
pytestmark = pytest.mark.xdist_group("export_formats")


@pytest.fixture(scope="module")
def parquet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("parquet") / "out"
    return folder, export_parquet(DataPackage.open(PACKAGE), folder)


def test_duckdb_reads_every_parquet_file_with_the_csv_row_counts(
    parquet: tuple[Path, dict[str, int]],
) -> None:
    import duckdb

    folder, counts = parquet
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.parquet" for name in CSV)
    assert counts == {name: csv_count(name) for name in CSV}
    connection = duckdb.connect()
    for name in CSV:
        path = (folder / f"{name}.parquet").as_posix()
        (count,) = connection.execute("SELECT count(*) FROM read_parquet(?)", [path]).fetchone()
        assert count == csv_count(name), name
    visits = (folder / "visits.parquet").as_posix()
    described = connection.execute("DESCRIBE SELECT * FROM read_parquet(?)", [visits]).fetchall()
    types = {row[0]: row[1] for row in described}
    assert types["date_earliest"] == "DATE"
    assert types["disputed_fields"] == "VARCHAR[]"
    rows = connection.execute(
        "SELECT id, date_earliest FROM read_parquet(?) WHERE id = 'VIS-0001'", [visits]
    ).fetchall()
    assert str(rows[0][1]) == "2016-06-01"


def test_parquet_types_follow_the_table_schemas(parquet: tuple[Path, dict[str, int]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder, _ = parquet
    for name, resource in CSV.items():
        table = pq.read_table(folder / f"{name}.parquet")
        for field in resource["schema"]["fields"]:
            column = table.schema.field(field["name"])
            constraints = field.get("constraints", {})
            kind = field["type"]
            if "enum" in constraints:
                assert pa.types.is_dictionary(column.type), (name, field["name"])
                dictionary = table.column(field["name"]).combine_chunks().dictionary.to_pylist()
                assert set(dictionary) <= set(constraints["enum"])
            elif kind == "integer":
                assert column.type == pa.int64()
            elif kind == "date":
                assert column.type == pa.date32()
            elif kind == "array":
                assert column.type == pa.list_(pa.string())
            elif kind == "number":
                assert column.type == pa.float64()
            else:
                assert column.type == pa.string(), (name, field["name"], kind)
            assert column.nullable is not bool(constraints.get("required")), (name, field["name"])
            assert column.metadata[b"description"].decode() == field.get("description", "")
        about = json.loads(table.schema.metadata[b"libyadata"])
        assert about["version"] == DESCRIPTOR["version"]
        assert about["primaryKey"] == resource["schema"]["primaryKey"]
    # Integers are nullable: a missing geonames id is null, not 0 or NaN.
    places = pq.read_table(folder / "places.parquet")
    ids = places.column("gazetteer_geonames_id")
    assert 0 < ids.null_count < places.num_rows
    assert ids.type == pa.int64()
    assert 0 not in ids.to_pylist()


def test_parquet_values_equal_the_csv(parquet: tuple[Path, dict[str, int]]) -> None:
    import pyarrow.parquet as pq

    folder, _ = parquet
    evidence = pq.read_table(folder / "visit_evidence.parquet").to_pylist()
    text = (PACKAGE / CSV["visit_evidence"]["path"]).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["quote"] for row in evidence] == [row["quote"] for row in rows]
    assert [row["start"] for row in evidence] == [int(row["start"]) for row in rows]
    assert [row["supports"] for row in evidence] == [json.loads(row["supports"]) for row in rows]


def test_parquet_export_replaces_its_own_folder_only(tmp_path: Path) -> None:
    package = DataPackage.open(PACKAGE)
    out = tmp_path / "out"
    export_parquet(package, out)
    (out / "old.parquet").write_bytes(b"an earlier export")
    export_parquet(package, out)
    assert not (out / "old.parquet").exists()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.md").write_text("keep", encoding="utf-8")
    with pytest.raises(FileExistsError):
        export_parquet(package, mine)
    assert [p.name for p in mine.iterdir()] == ["notes.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "out"]


def test_geojson_is_a_feature_collection_of_points(tmp_path: Path) -> None:
    from geojson_pydantic import FeatureCollection

    package = DataPackage.open(located_package(tmp_path))
    target = tmp_path / "places.geojson"
    counts = export_geojson(package, target)
    document = json.loads(target.read_text(encoding="utf-8"))
    FeatureCollection.model_validate(document)  # the GeoJSON object model of RFC 7946
    assert counts == {"features": len(POINTS), "places without coordinates": 26 - len(POINTS)}
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document  # RFC 7946 §4: no crs member
    assert len(document["features"]) == len(POINTS)
    records = [r for source in TABLES.records for r in package.records(source)]
    for feature in document["features"]:
        assert set(feature) == {"type", "id", "geometry", "properties"}
        geonames_id, latitude, longitude = POINTS[feature["id"]]
        geometry = feature["geometry"]
        assert geometry == {"type": "Point", "coordinates": [longitude, latitude]}  # lon, lat
        assert -180 <= geometry["coordinates"][0] <= 180
        assert -90 <= geometry["coordinates"][1] <= 90
        properties = feature["properties"]
        place = next(
            p for p in package.records("places") if isinstance(p, Place) and p.id == feature["id"]
        )
        assert properties["name"] == place.name
        assert properties["country"] == place.country
        assert properties["geonames_id"] == geonames_id
        expected = sorted(
            r.id
            for r in records
            if isinstance(r, Record)
            and f'"{feature["id"]}"'
            in json.dumps(r.model_dump(mode="json", exclude={"evidence", "notes"}))
        )
        assert sorted(properties["records"]) == expected
    moscow = next(f for f in document["features"] if f["id"] == "PLC-moscow")
    assert {"VIS-0001", "VIS-0002"} <= set(moscow["properties"]["records"])


def test_geojson_of_the_shipped_package_has_no_guessed_points(tmp_path: Path) -> None:
    # Only places whose gazetteer entry gives a point become features; the rest are counted.
    document, unlocated = feature_collection(DataPackage.open(PACKAGE))
    assert {f["id"] for f in document["features"]} == shipped_points()
    assert unlocated == len(DataPackage.open(PACKAGE).records("places")) - len(shipped_points())
    document, unlocated = feature_collection(DataPackage.open(unlocated_package(tmp_path)))
    assert document == {"type": "FeatureCollection", "features": []}
    assert unlocated == len(DataPackage.open(PACKAGE).records("places"))


def test_export_commands_come_from_the_registry(tmp_path: Path) -> None:
    runner = CliRunner()
    help_text = runner.invoke(app, ["export", "--help"]).output
    for name in EXPORTERS:
        assert f"  {name} " in help_text
    package = located_package(tmp_path)
    result = runner.invoke(
        app, ["export", "geojson", str(tmp_path / "p.geojson"), "--package", str(package)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"exported: {tmp_path / 'p.geojson'} · 5 features, 21 places without coordinates · "
    )
    result = runner.invoke(
        app, ["export", "parquet", str(tmp_path / "pq"), "--package", str(PACKAGE)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"exported: {tmp_path / 'pq'} · {len(CSV)} tables, ")
    for arguments in (
        ["parquet", str(tmp_path)],  # a folder of other things
        ["geojson", str(tmp_path)],  # a folder, not a file
        ["geojson", str(tmp_path / "missing" / "p.geojson")],
        ["parquet", str(tmp_path / "pq2"), "--package", str(tmp_path / "nowhere")],
    ):
        result = runner.invoke(app, ["export", *arguments])
        assert result.exit_code == 2, (arguments, result.output)
        assert result.output.startswith("error: ")
