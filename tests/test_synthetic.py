"""The synthetic packages of the scale benchmarks are valid, so the timings measure real work.

The generator is ``benchmarks/synthetic.py`` (benchmarks is no package, so it is loaded from
its file). A small package is made once; its spans, names and dates are checked the way the
validator checks them, and the package is read back with libyadata and validated with
frictionless.
"""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from libyadata import DataPackage
from libyadata.models import Record
from libyadata.models.evidence import span_key
from libyadata.models.tables import TABLES, Role
from libyadata.provenance import spans
from libyadata.validation.validate import validate_package

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "benchmarks" / "synthetic.py"
RECORDS = 300
#: A pool this small makes spans recur across records, as the 50 000 of a kind do at 1M.
SMALL_POOL = 12
KINDS = ("visits", "deployments", "bases", "agreements", "migration_figures")


#: Under xdist the module's tests run on one worker, so that what they share (the synthetic
#: packages) is built once.
pytestmark = pytest.mark.xdist_group("synthetic")


@pytest.fixture(scope="module")
def synthetic() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("synthetic", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look the module up in sys.modules while making the classes.
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


@pytest.fixture(scope="module")
def folder(synthetic: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("synthetic") / str(RECORDS)
    return synthetic.ensure(RECORDS, target, log=lambda _: None)


@pytest.fixture(scope="module")
def crowded(synthetic: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("crowded") / str(RECORDS)
    shape = synthetic.Shape(evidence_pool=SMALL_POOL)
    return synthetic.ensure(RECORDS, target, shape=shape, log=lambda _: None)


@pytest.fixture(scope="module")
def package(folder: Path) -> DataPackage:
    return DataPackage.open(folder)


@pytest.fixture(scope="module")
def texts(package: DataPackage) -> dict[str, str]:
    return {
        seed.id: package.read_bytes(seed.id.lower()).decode("utf-8")
        for seed in package.records("seeds")
    }


def records(package: DataPackage) -> Iterator[Record]:
    for kind in KINDS:
        for record in package.records(kind):
            assert isinstance(record, Record)
            yield record


def test_every_span_is_its_seed_text(package: DataPackage, texts: dict[str, str]) -> None:
    checked = 0
    for record in records(package):
        assert 1 <= len(record.evidence) <= 3
        for span in record.evidence:
            assert spans.verify(span, texts[span.seed_id]) == [], (record.id, span)
            checked += 1
    assert checked >= RECORDS


def test_seed_texts_have_the_hard_characters(texts: dict[str, str]) -> None:
    for text in texts.values():
        assert not text.endswith("\n")
        assert "\u00a0" in text
        assert "’" in text
    joined = "".join(texts.values())
    assert any(unicodedata.combining(char) for char in joined)  # Arabic harakat


def test_names_occur_in_their_seeds(package: DataPackage, texts: dict[str, str]) -> None:
    for table in TABLES.with_role(Role.REFERENCE):
        rows = package.records(table)
        assert rows
        for row in rows:
            for name in row.names:  # type: ignore[attr-defined]
                assert name.name in texts[name.seed_id], (row.id, name)  # type: ignore[attr-defined]


def test_no_date_after_the_seeds_it_cites(package: DataPackage) -> None:
    published = {seed.id: seed.published for seed in package.records("seeds")}  # type: ignore[attr-defined]
    for record in records(package):
        date = getattr(record, "date", None) or getattr(record, "period", None)
        if date is None:
            continue
        for span in record.evidence:
            assert date.latest <= published[span.seed_id].earliest, record.id


def test_records_load_in_the_proportions_asked(synthetic: ModuleType, package: DataPackage) -> None:
    counts = synthetic.record_counts(RECORDS)
    assert sum(counts.values()) == RECORDS
    visits = package.records("visits")
    assert len(visits) == counts["visits"]
    assert [visit.id for visit in visits][:2] == ["VIS-0001", "VIS-0002"]  # type: ignore[attr-defined]
    for kind in KINDS:
        assert len(package.records(kind)) == counts[kind]


@pytest.mark.parametrize("made", ["folder", "crowded"])
def test_every_layer_of_validate_passes_the_package(
    made: str, request: pytest.FixtureRequest
) -> None:
    # Every layer, frictionless included: the package the benchmarks time is valid in full.
    result = validate_package(str(request.getfixturevalue(made)), cache=False)
    assert result.ok, [str(problem) for problem in result.problems[:5]]
    assert sum(result.records.values()) >= RECORDS


def test_spans_recur_across_records_never_within_one(crowded: Path) -> None:
    package = DataPackage.open(crowded)
    citing: dict[tuple[str, int, int], int] = {}
    for record in records(package):
        keys = [span_key(span) for span in record.evidence]
        assert len(set(keys)) == len(keys), record.id
        for key in keys:
            citing[key] = citing.get(key, 0) + 1
    assert len(citing) <= SMALL_POOL * len(KINDS)
    assert max(citing.values()) > 1


def test_every_record_is_checked(synthetic: ModuleType) -> None:
    made = synthetic.generate(40)
    assert synthetic.check(made) == sum(len(rows) for rows in made.records.values())


def test_frictionless_validates_the_package(folder: Path) -> None:
    from frictionless import validate

    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])[:5]


def test_same_parameters_same_bytes_and_reuse(
    synthetic: ModuleType, folder: Path, tmp_path: Path
) -> None:
    again = synthetic.ensure(RECORDS, tmp_path / "again", log=lambda _: None)
    assert (again / "SHA256SUMS").read_bytes() == (folder / "SHA256SUMS").read_bytes()
    said: list[str] = []
    assert synthetic.ensure(RECORDS, again, log=said.append) == again
    assert said == [f"reusing {again} ({RECORDS} records)"]
