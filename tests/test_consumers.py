"""Real consumers read the built, committed package exactly as its descriptor says.

frictionless validates it (and fails on a damaged copy), the official Data Package v2 profile
accepts it, DuckDB and pandas read every CSV table with the declared types and get the same
values as ``libyadata.load``, and the SQLite export opens in Datasette with its keys intact.
"""

# Table and column names come from the descriptor and are quoted: not an injection vector.
# ruff: noqa: S608

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import libyadata
from conftest import ROOT
from libyadata.cli import app
from libyadata.export import (
    ExportError,
    datasette_metadata,
    export_sqlite,
    write_datasette_metadata,
)
from libyadata.formats.cells import decode
from libyadata.readers.datapackage import DataPackage
from libyadata.readers.packageerror import PackageError
from sitekit import rewrite

PACKAGE = ROOT / "datasets" / "package"
DESCRIPTOR: dict[str, Any] = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"] if r.get("format") == "csv"}
TABLES = list(RESOURCES)

DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "date": "DATE",
    "array": "VARCHAR",
}
SQLITE_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "date": "TEXT",
    "array": "TEXT",
}


def fields(name: str) -> list[dict[str, Any]]:
    return list(RESOURCES[name]["schema"]["fields"])


def csv_rows(name: str) -> list[dict[str, Any]]:
    """The rows of a CSV resource, read with the standard library and typed by ``decode``."""
    data = (PACKAGE / RESOURCES[name]["path"]).read_bytes().decode("utf-8")
    reader = csv.reader(io.StringIO(data, newline=""))
    header = next(reader)
    assert header == [field["name"] for field in fields(name)]
    return [
        {f["name"]: decode(cell, f) for cell, f in zip(row, fields(name), strict=True)}
        for row in reader
    ]


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def foreign_keys(name: str) -> Iterator[tuple[str, str, str]]:
    """(column, parent table, parent column) of every single-column foreign key."""
    for key in RESOURCES[name]["schema"].get("foreignKeys", []):
        reference = key["reference"]
        (column,), (target,) = key["fields"], reference["fields"]
        yield column, reference.get("resource", name), target


def evidence_tables() -> dict[str, str]:
    """Each ``<row>_evidence`` table and the record table its ``<row>_id`` points to."""
    result = {}
    for name in TABLES:
        if name.endswith("_evidence"):
            owner = RESOURCES[name]["schema"]["primaryKey"][0]
            result[name] = next(
                parent for column, parent, _ in foreign_keys(name) if column == owner
            )
    return result


def evidence_of_records() -> dict[tuple[str, str, int], dict[str, Any]]:
    """Every evidence span of every record, as ``libyadata.load`` gives it."""
    spans = {}
    for child, parent in evidence_tables().items():
        for record in libyadata.load(parent):
            for position, span in enumerate(record.evidence, start=1):
                spans[child, record.id, position] = span.model_dump()
    return spans


# frictionless ---------------------------------------------------------------------------------


def _rewrite(copy: Path, path: str, data: bytes, *, rehash: bool) -> None:
    if rehash:
        rewrite(copy, path, data)  # the file, and its size and hash in the descriptor
    else:
        (copy / path).write_bytes(data)


#: Under xdist the module's tests run on one worker, so that what they share (frictionless's
#: reports of three packages, DuckDB, SQLite) is built once.
pytestmark = pytest.mark.xdist_group("consumers")


@pytest.fixture(scope="module")
def frictionless_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``frictionless validate --json`` of the package and of two damaged copies, run at once.

    One copy has one cell changed (same length, so only the hash can tell); the other has a
    dangling ``seed_id`` with its size and hash recomputed, so only the foreign key can tell.
    """
    path = RESOURCES["visit_evidence"]["path"]
    original = (PACKAGE / path).read_bytes()
    first_quote = libyadata.load("visits")[0].evidence[0].quote
    word = re.search(r"[A-Za-z]{4,}", first_quote)
    assert word is not None
    before = word.group().encode()
    after = before[:-1] + (b"x" if before[-1:] != b"x" else b"y")
    assert original.count(before) >= 1
    changed_cell = original.replace(before, after, 1)
    dangling = re.sub(rb",SEED-(\d{3,}),", rb",SEED-9\1,", original, count=1)
    assert dangling != original

    copies = {"committed": PACKAGE}
    for label, data, rehash in (
        ("changed-cell", changed_cell, False),
        ("dangling-key", dangling, True),
    ):
        copy = tmp_path_factory.mktemp(label) / "package"
        shutil.copytree(PACKAGE, copy)
        _rewrite(copy, path, data, rehash=rehash)
        copies[label] = copy
    command = [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"]
    runs = {
        # A damaged copy is checked for the damaged table only, which still looks up its keys.
        label: subprocess.Popen(
            command if copy == PACKAGE else [*command, "--resource-name", "visit_evidence"],
            cwd=copy,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for label, copy in copies.items()
    }
    reports = {}
    for label, run in runs.items():
        out, err = run.communicate(timeout=120)
        reports[label] = {"returncode": run.returncode, "report": json.loads(out), "stderr": err}
    return reports


def _error_types(report: dict[str, Any]) -> set[tuple[str, str]]:
    errors = {("package", error["type"]) for error in report["errors"]}
    for task in report["tasks"]:
        errors |= {(task["name"], error["type"]) for error in task["errors"]}
    return errors


def test_frictionless_validates_the_committed_package(frictionless_reports: dict[str, Any]) -> None:
    run = frictionless_reports["committed"]
    notes = [
        f"{task['name']}: {error['type']}: {error['note']}"
        for task in run["report"]["tasks"]
        for error in task["errors"]
    ]
    assert run["returncode"] == 0, notes
    assert run["report"]["valid"] is True
    validated = {task["name"] for task in run["report"]["tasks"]}
    assert validated == {resource["name"] for resource in DESCRIPTOR["resources"]}


def test_frictionless_fails_on_a_changed_cell(frictionless_reports: dict[str, Any]) -> None:
    run = frictionless_reports["changed-cell"]
    assert run["returncode"] != 0
    assert _error_types(run["report"]) == {("visit_evidence", "hash-count")}


def test_frictionless_fails_on_a_dangling_foreign_key(
    frictionless_reports: dict[str, Any],
) -> None:
    run = frictionless_reports["dangling-key"]
    assert run["returncode"] != 0
    assert _error_types(run["report"]) == {("visit_evidence", "foreign-key")}


# the Data Package v2 profile ------------------------------------------------------------------


@cache
def _profiles() -> dict[str, dict[str, Any]]:
    import dplib.settings

    folder = Path(dplib.settings.PROFILE_BASEDIR) / "2.0"
    return {
        f"https://datapackage.org/profiles/2.0/{path.name}": json.loads(
            path.read_text(encoding="utf-8")
        )
        for path in sorted(folder.glob("*.json"))
    }


@cache
def _validator(url: str) -> Any:
    """A validator for a bundled profile; remote ``$ref``s resolve from dplib's files only."""
    from jsonschema.validators import validator_for
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import DRAFT7

    profiles = _profiles()

    def offline(uri: str) -> Resource:
        raise NoSuchResource(ref=uri)  # never the network

    registry: Registry[Any] = Registry(retrieve=offline).with_resources(
        (uri, Resource.from_contents(schema, default_specification=DRAFT7))
        for uri, schema in profiles.items()
    )
    schema = profiles[url]
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


def test_descriptor_matches_the_official_data_package_v2_profile() -> None:
    assert DESCRIPTOR["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    validator = _validator(DESCRIPTOR["$schema"])
    assert [error.message for error in validator.iter_errors(DESCRIPTOR)] == []
    for resource in RESOURCES.values():
        for part in ("schema", "dialect"):
            profile = _validator(resource[part]["$schema"])
            assert [e.message for e in profile.iter_errors(resource[part])] == [], resource["name"]
    # The check can fail.
    broken = {key: value for key, value in DESCRIPTOR.items() if key != "resources"}
    assert list(validator.iter_errors(broken))


# DuckDB ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def duck() -> Iterator[Any]:
    """Every CSV resource in DuckDB, read with explicit columns of the declared types."""
    import duckdb

    connection = duckdb.connect()
    for name, resource in RESOURCES.items():
        columns = {f["name"]: DUCKDB_TYPES[f["type"]] for f in fields(name)}
        connection.execute(
            f"CREATE TABLE {quote(name)} AS SELECT * FROM read_csv(?, header = true, "
            "columns = ?, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
            "nullstr = '', strict_mode = true, ignore_errors = false)",
            [str(PACKAGE / resource["path"]), columns],
        )
    yield connection
    connection.close()


def test_duckdb_reads_every_csv_with_the_declared_types(duck: Any) -> None:
    for name in TABLES:
        described = duck.execute(f"DESCRIBE {quote(name)}").fetchall()
        assert [(row[0], row[1]) for row in described] == [
            (f["name"], DUCKDB_TYPES[f["type"]]) for f in fields(name)
        ]
        (count,) = duck.execute(f"SELECT count(*) FROM {quote(name)}").fetchone()
        assert count == len(csv_rows(name)), name
        for field in fields(name):
            if field["type"] != "array":
                continue
            column = quote(field["name"])
            (bad,) = duck.execute(
                f"SELECT count(*) FROM {quote(name)} WHERE {column} IS NOT NULL AND "
                f"(NOT json_valid({column}) OR json_type({column}) <> 'ARRAY')"
            ).fetchone()
            assert bad == 0, f"{name}.{field['name']}"


def test_duckdb_values_equal_the_csv_cells(duck: Any) -> None:
    for name in TABLES:
        selected = duck.execute(f"SELECT * FROM {quote(name)}").fetchall()
        expected = []
        for row in csv_rows(name):
            values = []
            for field in fields(name):
                value = row[field["name"]]
                if value is not None and field["type"] == "date":
                    value = dt.date.fromisoformat(value)
                elif value is not None and field["type"] == "array":
                    value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                values.append(value)
            expected.append(tuple(values))
        assert selected == expected, name


def test_duckdb_text_is_byte_identical_to_the_loaded_records(duck: Any) -> None:
    spans = evidence_of_records()
    read = {}
    for child in evidence_tables():
        owner = RESOURCES[child]["schema"]["primaryKey"][0]
        query = f"SELECT {quote(owner)}, position, quote, prefix, suffix FROM {quote(child)}"
        for record_id, position, text, prefix, suffix in duck.execute(query).fetchall():
            read[child, record_id, position] = (text, prefix, suffix)
    assert read.keys() == spans.keys()
    for key, (text, prefix, suffix) in read.items():
        span = spans[key]
        assert (text, prefix, suffix) == (span["quote"], span["prefix"], span["suffix"]), key
    # The comparison covers the hard cases.
    texts = [text for triple in read.values() for text in triple if text]
    assert any(text != text.strip() for text in texts)
    assert any("\u00a0" in text for text in texts)
    assert any("\n" in text for text in texts)


def _orphans(duck: Any, name: str, column: str, parent: str, target: str) -> int:
    (count,) = duck.execute(
        f"SELECT count(*) FROM {quote(name)} AS child "
        f"LEFT JOIN {quote(parent)} AS parent ON child.{quote(column)} = parent.{quote(target)} "
        f"WHERE child.{quote(column)} IS NOT NULL AND parent.{quote(target)} IS NULL"
    ).fetchone()
    return int(count)


def test_duckdb_finds_every_foreign_key_and_unique_primary_keys(duck: Any) -> None:
    checked = 0
    for name in TABLES:
        for column, parent, target in foreign_keys(name):
            assert _orphans(duck, name, column, parent, target) == 0, f"{name}.{column}"
            checked += 1
        key = ", ".join(quote(column) for column in RESOURCES[name]["schema"]["primaryKey"])
        duplicates = duck.execute(
            f"SELECT {key}, count(*) FROM {quote(name)} GROUP BY {key} HAVING count(*) > 1"
        ).fetchall()
        assert duplicates == [], name
    assert checked >= 30
    # The anti-join can fail.
    duck.execute("BEGIN TRANSACTION")
    try:
        duck.execute(
            "INSERT INTO visit_evidence SELECT * REPLACE (99 AS position, 'SEED-999' AS seed_id) "
            "FROM visit_evidence LIMIT 1"
        )
        assert _orphans(duck, "visit_evidence", "seed_id", "seeds", "id") == 1
    finally:
        duck.execute("ROLLBACK")


# pandas ---------------------------------------------------------------------------------------


def _expected_dtype(field: dict[str, Any]) -> Any:
    import numpy as np
    import pandas as pd

    enum = field.get("constraints", {}).get("enum")
    if enum is not None:
        return pd.CategoricalDtype(categories=enum, ordered=False)
    return {
        "integer": pd.Int64Dtype(),
        "number": pd.Float64Dtype(),
        "date": np.dtype("datetime64[s]"),
        "array": np.dtype(object),
    }.get(field["type"], pd.StringDtype(na_value=pd.NA))


@pytest.fixture(scope="module")
def package() -> DataPackage:
    return DataPackage.open(PACKAGE)


@pytest.mark.parametrize("name", TABLES)
def test_pandas_dtypes_and_values_follow_the_table_schema(package: DataPackage, name: str) -> None:
    import pandas as pd

    frame = package.dataframe(name)
    assert list(frame.columns) == [f["name"] for f in fields(name)]
    for field in fields(name):
        expected = _expected_dtype(field)
        actual = frame[field["name"]].dtype
        assert actual == expected, f"{name}.{field['name']}: {actual!r} is not {expected!r}"
        if isinstance(expected, pd.CategoricalDtype):
            assert list(actual.categories) == field["constraints"]["enum"]
    rows = csv_rows(name)
    assert len(frame) == len(rows)
    for got, row in zip(frame.to_dict("records"), rows, strict=True):
        for field in fields(name):
            value, cell = got[field["name"]], row[field["name"]]
            if cell is None:
                assert pd.isna(value), field["name"]  # NA; NaN in categoricals; NaT in dates
            elif field["type"] == "date":
                assert value == pd.Timestamp(cell), field["name"]
            elif field["type"] == "array":
                assert value == tuple(cell), field["name"]
            else:
                assert value == cell, field["name"]
                assert type(value) is type(cell), field["name"]


def test_pandas_evidence_offsets_equal_the_jsonl_records(package: DataPackage) -> None:
    spans = evidence_of_records()
    seen = set()
    for child in evidence_tables():
        owner = RESOURCES[child]["schema"]["primaryKey"][0]
        frame = package.dataframe(child)
        for row in frame.itertuples(index=False):
            key = (child, getattr(row, owner), row.position)
            span = spans[key]
            assert (row.start, row.end, row.quote) == (span["start"], span["end"], span["quote"])
            seen.add(key)
    assert seen == spans.keys()


# SQLite and Datasette -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(
    package: DataPackage, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, int]]:
    target = tmp_path_factory.mktemp("sqlite") / "libyadata.db"
    return target, export_sqlite(package, target)


def test_sqlite_export_has_the_table_schemas(exported: tuple[Path, dict[str, int]]) -> None:
    target, counts = exported
    assert counts == {name: len(csv_rows(name)) for name in TABLES}
    assert list(target.parent.glob(".*")) == []  # no temporary file left behind
    connection = sqlite3.connect(target)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for name in TABLES:
            schema = RESOURCES[name]["schema"]
            info = connection.execute(f"PRAGMA table_info({quote(name)})").fetchall()
            assert [(c[1], c[2], bool(c[3])) for c in info] == [
                (
                    f["name"],
                    SQLITE_TYPES[f["type"]],
                    bool(f.get("constraints", {}).get("required")),
                )
                for f in fields(name)
            ]
            key = sorted((c[5], c[1]) for c in info if c[5])
            assert [column for _, column in key] == schema["primaryKey"]
            declared = {
                (row[3], row[2], row[4])
                for row in connection.execute(f"PRAGMA foreign_key_list({quote(name)})")
            }
            assert declared == set(foreign_keys(name))
            (count,) = connection.execute(f"SELECT count(*) FROM {quote(name)}").fetchone()
            assert count == counts[name]
        metadata = dict(connection.execute("SELECT key, value FROM _metadata").fetchall())
        for key in ("name", "version", "created", "id"):
            assert metadata[key] == DESCRIPTOR[key]
        quotes = [q for (q,) in connection.execute("SELECT quote FROM visit_evidence")]
        expected = [row["quote"] for row in csv_rows("visit_evidence")]
        assert quotes == expected
    finally:
        connection.close()


def test_datasette_serves_the_export(
    package: DataPackage, exported: tuple[Path, dict[str, int]]
) -> None:
    target, _ = exported
    metadata = target.with_suffix(".json")
    write_datasette_metadata(package, target, metadata)
    document = json.loads(metadata.read_text(encoding="utf-8"))
    assert document == datasette_metadata(package, "libyadata")
    assert set(document["databases"]["libyadata"]["tables"]) >= set(TABLES)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "datasette",
            str(target),
            "-m",
            str(metadata),
            "--get",
            f"/{target.stem}/visits.json?_shape=array&_size=max",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == [visit.id for visit in libyadata.load("visits")]


def _damaged_copy(tmp_path: Path) -> DataPackage:
    copy = tmp_path / "package"
    shutil.copytree(PACKAGE, copy)
    last = copy / RESOURCES[TABLES[-1]]["path"]
    last.write_bytes(last.read_bytes() + b"\n")  # fails its hash after other tables were written
    return DataPackage.open(copy)


def test_a_failed_export_leaves_the_target_untouched(
    tmp_path: Path, package: DataPackage, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "libyadata.db"
    target.write_bytes(b"the previous export")

    with pytest.raises(PackageError, match="does not match"):
        export_sqlite(_damaged_copy(tmp_path), target)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in folder.iterdir()] == [target.name]

    def refuse(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("libyadata.core.atomic.os.replace", refuse)  # where export renames
    with pytest.raises(OSError, match="No space left"):
        export_sqlite(package, target)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in folder.iterdir()] == [target.name]
    monkeypatch.undo()

    with pytest.raises(IsADirectoryError):
        export_sqlite(package, folder)
    with pytest.raises(FileNotFoundError):
        export_sqlite(package, tmp_path / "missing" / "libyadata.db")
    assert [p.name for p in folder.iterdir()] == [target.name]


@pytest.mark.parametrize(
    ("pattern", "replacement", "message"),
    [
        (rb",SEED-(\d{3,}),", rb",SEED-9\1,", "break a foreign key"),
        (rb",SEED-(\d{3,}),(\d+),", rb",SEED-\1,x\2,", "invalid literal for int"),
        (rb"\n([^\n]*)$", rb'\n"\1', r"visit_evidence.csv line \d+: "),  # a csv.Error
    ],
    ids=["dangling-key", "bad-integer", "open-quote"],
)
def test_export_refuses_a_package_whose_data_breaks_its_schema(
    tmp_path: Path, pattern: bytes, replacement: bytes, message: str
) -> None:
    copy = tmp_path / "package"
    shutil.copytree(PACKAGE, copy)
    path = RESOURCES["visit_evidence"]["path"]
    original = (copy / path).read_bytes().rstrip(b"\n")
    data = re.sub(pattern, replacement, original, count=1)
    assert data != original
    _rewrite(copy, path, data, rehash=True)
    target = tmp_path / "libyadata.db"
    # The CSV now tells another story than the JSON Lines: the package is refused for that
    # before the export reads a row (formats.agreement), or by the export's own checks.
    refused = f"{message}|the two forms of one table must agree|cannot be read as records"
    with pytest.raises((ExportError, PackageError), match=refused):
        export_sqlite(DataPackage.open(copy), target)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["package"]


def test_export_command(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "libyadata.db"
    result = runner.invoke(app, ["export", "sqlite", str(target), "--package", str(PACKAGE)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"exported: {target} · {len(TABLES)} tables, ")
    assert len(result.output.strip().splitlines()) == 1
    connection = sqlite3.connect(target)
    try:
        (count,) = connection.execute("SELECT count(*) FROM visits").fetchone()
    finally:
        connection.close()
    assert count == len(csv_rows("visits"))
    for arguments in (
        [str(tmp_path / "missing" / "out.db")],
        [str(tmp_path)],
        [str(target), "--package", str(tmp_path / "nowhere")],
    ):
        result = runner.invoke(app, ["export", "sqlite", *arguments])
        assert result.exit_code == 2, result.output
        assert result.output.startswith("error: ")
        assert "Traceback" not in result.output
        assert isinstance(result.exception, SystemExit)
