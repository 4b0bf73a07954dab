"""The table registry: what a table is, declared once, and every layer reading it.

The central test registers a throwaway record kind (``Sighting``) for the length of a test and
proves that each layer applies to it without any other edit: record validation, cross-record
checks and foreign keys, provenance, schemas and codebook, flat layout, build and loading. If a
layer kept its own list of tables (as the check order once did), the kind would be skipped
there, silently, and one of these assertions would fail.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
import yaml
from pydantic import Field

import libyadata
from conftest import ROOT, copy_checkout
from libyadata.core.versions import version_key
from libyadata.diff.compare import diff
from libyadata.diff.versioning import Bump, schema_changes
from libyadata.formats import schemas
from libyadata.formats.layout import layouts_of, nested_table_schema
from libyadata.models import FuzzyDate, Record
from libyadata.models.base import ActorRef, PlaceRef
from libyadata.models.retraction import RetractedTable, row_id_pattern
from libyadata.models.tables import (
    RETRACTABLE,
    TABLES,
    Role,
    RowOf,
    Table,
    table,
)
from libyadata.models.vocab import (
    AgreementStatus,
    BaseStatus,
    DeploymentStatus,
    VisitStatus,
)
from libyadata.publishing.build import PACKAGE_DIR, render, write
from libyadata.readers.datapackage import DataPackage
from libyadata.sources.project import Project
from libyadata.validation.validate import validate_project
from releasekit import rebuild, registered_versions

#: The rebuilt releases are a costly module fixture: its tests run on one xdist worker.
pytestmark = pytest.mark.xdist_group("registry")

SightingId = Annotated[str, Field(pattern=r"^SIG-\d{4,}$")]


class Sighting(Record):
    """A force seen somewhere: a throwaway record kind that exists only in these tests."""

    id: SightingId = Field(description="Identifier: SIG- and a zero-padded number.")
    date: FuzzyDate = Field(description="When it was seen.")
    place: PlaceRef = Field(description="Where it was seen.")
    observer: ActorRef | None = Field(default=None, description="Who reported seeing it.")


SIGHTINGS = Table(
    "sightings",
    "sighting",
    Sighting,
    "datasets/sightings.yaml",
    "Sightings",
    Role.RECORDS,
    "A sighting",
)

QUOTE = "During his previous visit to Moscow in 2020"


@pytest.fixture
def registered() -> Iterator[Table]:
    with TABLES.extended(SIGHTINGS):
        yield SIGHTINGS
    assert "sightings" not in {t.name for t in TABLES}


@pytest.fixture
def project_root(tmp_path: Path) -> Path:
    return copy_checkout(tmp_path / "project")


def _sighting(span: Any, record_id: str, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": record_id,
        "date": {"precision": "year", "value": "2020", "basis": "stated"},
        "place": "PLC-moscow",
        "observer": "ACT-khalifa-haftar",
        "evidence": [span("SEED-003", QUOTE, "date", "place")],
    }
    record.update(changes)
    return record


def _write(root: Path, records: list[dict[str, Any]]) -> None:
    text = yaml.safe_dump(records, allow_unicode=True, sort_keys=False)
    (root / SIGHTINGS.source).write_text(text, encoding="utf-8")


def _write_schemas(root: Path) -> None:
    folder = Project.at(root).schema_dir
    for name, content in schemas.render().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")


def _found(root: Path) -> set[tuple[str, str | None, str | None]]:
    result = validate_project(Project.at(root), skip=("package",), cache=False)
    return {(p.code, p.record_id, p.field) for p in result.problems if p.file == SIGHTINGS.source}


def test_the_registry_reads_id_forms_and_references_from_the_models() -> None:
    assert table("visits").id_form == r"VIS-[0-9]{4,}"
    assert table("visits").id_prefix == "VIS"
    assert table("deployments").refers_to == {"seeds", "actors", "places", "bases"}
    assert table("actors").refers_to == {"seeds"}  # its self-reference waits inside the table
    assert TABLES.retractions.id_prefix is None
    assert TABLES.retractions.refers_to == {t.name for t in TABLES if t.retractable}
    assert [m.value for m in RetractedTable] == [t.name for t in TABLES if t.retractable]


def test_the_check_order_puts_every_table_after_what_it_refers_to() -> None:
    order = [t.name for t in TABLES.order()]
    assert sorted(order) == sorted(t.name for t in TABLES)
    for position, name in enumerate(order):
        assert table(name).refers_to <= set(order[:position]), name
    assert order[0] == TABLES.sources.name
    assert order[-1] == TABLES.retractions.name


class Stray(Record):
    """A kind that refers to a table nobody registered."""

    id: Annotated[str, Field(pattern=r"^STR-\d{4,}$")] = Field(description="Identifier.")
    other: Annotated[str, RowOf(("nowhere",))] = Field(description="A row of nowhere.")


def test_the_registry_refuses_what_it_cannot_order() -> None:
    before = tuple(TABLES)
    with (
        pytest.raises(ValueError, match="registered twice: visits"),
        TABLES.extended(table("visits")),
    ):
        pass
    stray = Table("strays", "stray", Stray, "x.yaml", "Strays", Role.RECORDS, "A stray")
    assert stray.refers_to == {"seeds", "actors", "nowhere"}  # evidence cites seeds and actors
    with (
        pytest.raises(ValueError, match="strays refers to unregistered tables: nowhere"),
        TABLES.extended(stray),
    ):
        pass
    assert tuple(TABLES) == before


def test_every_table_has_its_public_loader() -> None:
    for source in TABLES:
        loader = getattr(libyadata, source.name)
        assert loader.__name__ == source.name
        assert source.name in libyadata.__all__
        assert loader() == libyadata.load(source.name)


def test_every_layer_checks_a_new_kind(registered: Table, project_root: Path, span: Any) -> None:
    good = _sighting(span, "SIG-0001")
    _write(
        project_root,
        [
            good,
            # records: the model's own rules
            _sighting(span, "SIG-0002", place=None),
            # cross-record: foreign keys to actors, places and seeds, and duplicate ids
            _sighting(span, "SIG-0003", observer="ACT-nobody"),
            _sighting(span, "SIG-0004", place="PLC-nowhere"),
            {**_sighting(span, "SIG-0005"), "evidence": [{**span("SEED-003", QUOTE, "date")}]},
            _sighting(span, "SIG-0001"),
            # provenance: an invented quote, and a date after every cited seed was published
            {
                **_sighting(span, "SIG-0006"),
                "evidence": [{**span("SEED-003", QUOTE, "date"), "quote": QUOTE.upper()}],
            },
            _sighting(
                span, "SIG-0007", date={"precision": "year", "value": "2031", "basis": "stated"}
            ),
        ],
    )
    # the evidence of SIG-0005 points at a seed that does not exist
    text = (project_root / SIGHTINGS.source).read_text(encoding="utf-8")
    text = text.replace("seed_id: SEED-003", "seed_id: SEED-999", 5).replace(
        "seed_id: SEED-999", "seed_id: SEED-003", 4
    )
    (project_root / SIGHTINGS.source).write_text(text, encoding="utf-8")
    _write_schemas(project_root)

    found = _found(project_root)
    codes = {(code, record_id) for code, record_id, _ in found}
    assert ("wrong-type", "SIG-0002", "place") in found
    assert ("foreign-key", "SIG-0003", "observer") in found
    assert ("foreign-key", "SIG-0004", "place") in found
    assert ("foreign-key", "SIG-0005", "evidence.0.seed_id") in found
    assert ("duplicate-id", "SIG-0001", "id") in found
    assert ("quote-mismatch", "SIG-0006") in codes
    assert ("date-after-publication", "SIG-0007", "date.earliest") in found


def test_a_new_kind_is_laid_out_built_and_loaded(
    registered: Table, project_root: Path, span: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: None)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    good = _sighting(span, "SIG-0001")
    _write(project_root, [good])

    # schemas and codebook: generated for the new kind, and the committed ones now drift
    rendered = schemas.render()
    assert {
        "jsonschema/sightings.json",
        "tableschema/sightings.json",
        "tableschema/sighting_evidence.json",
        "tableschema/json/sightings.json",
    } <= set(rendered)
    assert "sightings" in rendered["codebook.md"]
    result = validate_project(Project.at(project_root), skip=("package",), cache=False)
    drift = {p.file for p in result.problems if p.code.startswith("schema-")}
    assert any(file and "sightings" in file for file in drift), drift
    _write_schemas(project_root)
    assert validate_project(Project.at(project_root), skip=("package",), cache=False).ok

    # flat layout: a row table and its evidence child table
    assert [layout.name for layout in layouts_of(registered)] == [
        "sightings",
        "sighting_evidence",
    ]

    # build and loading
    project = Project.at(project_root)
    built, problems = render(project)
    assert problems == []
    assert built is not None
    assert write(project, built) == []
    package = DataPackage.open(project_root / PACKAGE_DIR)
    assert package.has("sightings")
    assert package.has("sightings-jsonl")
    (record,) = package.records("sightings")
    assert record == Sighting.model_validate(good)
    assert package.records("sightings", form="csv") == (record,)
    assert list(package.dataframe("sightings")["id"]) == ["SIG-0001"]


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every registered release's zip, rebuilt from the commit that registered it."""
    built = {}
    for version in registered_versions():
        folder = tmp_path_factory.mktemp(f"release-{version}")
        (folder / "tree").mkdir()
        built[version] = rebuild(version, folder / "tree", folder / "cache")
    return built


def test_every_earlier_release_still_validates_with_a_new_kind(
    registered: Table, releases: dict[str, Path]
) -> None:
    assert releases
    for version, built in releases.items():
        package = DataPackage.open(str(built))
        assert not package.holds(registered)
        result = libyadata.validate(built, package=True, cache=False)
        assert result.ok, (version, [str(p) for p in result.problems][:5])
        assert registered.name not in result.records  # counts name only what the package holds


def test_a_new_kind_is_a_minor_change_over_the_current_release(
    registered: Table,
    releases: dict[str, Path],
    project_root: Path,
    span: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("libyadata.publishing.build.registered_hash", lambda name: None)
    _write(project_root, [_sighting(span, "SIG-0001")])
    _write_schemas(project_root)
    project = Project.at(project_root)
    built, problems = render(project)
    assert problems == []
    assert built is not None
    assert write(project, built) == []
    current = releases[max(releases, key=version_key)]
    result = diff(DataPackage.open(str(current)), DataPackage.open(project_root / PACKAGE_DIR))
    assert result.required is Bump.MINOR, [str(c) for c in result.schema]
    added = {c.resource for c in result.schema if c.change == "resource added"}
    assert {"sightings", "sightings-jsonl", "sighting_evidence"} <= added


def test_the_retraction_vocabulary_grows_by_a_minor_change_with_a_new_table() -> None:
    # In this process the retraction model was made before the throwaway kind was registered,
    # so the grown vocabulary is made here as the next import of the code would make it.
    old = nested_table_schema(TABLES.retractions)
    grown = row_id_pattern([*RETRACTABLE, SIGHTINGS])
    new = copy.deepcopy(old)
    for field in new["fields"]:
        if field["name"] in {"id", "replaced_by"}:
            assert field["constraints"]["pattern"] == row_id_pattern(RETRACTABLE)
            field["constraints"]["pattern"] = grown
        if field["name"] == "table":
            field["constraints"]["enum"].append(SIGHTINGS.name)
    changes = schema_changes("retractions", old, new)
    assert changes
    assert {c.bump for c in changes} == {Bump.MINOR}, [str(c) for c in changes]
    assert "SIG-" in str(changes[0])


@pytest.mark.parametrize(
    ("old", "new", "bump"),
    [
        ("^(?:A-[0-9]+|B-[a-z]+)$", "^(?:A-[0-9]+|B-[a-z]+|C-(?:x|y))$", Bump.MINOR),
        ("^(?:A-[0-9]+|B-[a-z]+)$", "^(?:A-[0-9]+)$", Bump.MAJOR),
        ("^(?:A-[0-9]+|B-[a-z]+)$", "^(?:A-[0-9]+|B-[a-y]+|C)$", Bump.MAJOR),
        ("^(?:A|B)$", "^(?:A)|(?:B|C)$", Bump.MAJOR),
        ("^(?:A|[|]B)$", "^(?:A|[|]B|C)$", Bump.MINOR),
        ("^A$", "^A|B$", Bump.MAJOR),
    ],
)
def test_only_a_pattern_with_alternatives_added_is_a_loosening(
    old: str, new: str, bump: Bump
) -> None:
    field = {"name": "id", "type": "string"}
    before = {"fields": [{**field, "constraints": {"pattern": old}}]}
    after = {"fields": [{**field, "constraints": {"pattern": new}}]}
    assert {c.bump for c in schema_changes("t", before, after)} == {bump}


@pytest.mark.parametrize(
    "status",
    [
        member
        for vocabulary in (VisitStatus, DeploymentStatus, BaseStatus, AgreementStatus)
        for member in vocabulary
    ],
    ids=str,
)
def test_only_future_or_intended_statuses_may_postdate_their_sources(status: Any) -> None:
    intended = {"planned", "expected", "sought", "prospective", "proposed"}
    assert status.prospective == (status.value in intended)


def test_each_table_role_agrees_with_its_model() -> None:
    for source in TABLES:
        is_record = issubclass(source.model, Record)
        assert is_record == (source.role is Role.RECORDS), (
            f"table {source.name}: role {source.role} but its model {source.model.__name__} "
            f"{'is' if is_record else 'is not'} a Record"
        )


def test_a_new_kind_has_its_loader_and_pages(registered: Table) -> None:
    from libyadata.site.pages import folder, page_tables

    assert registered.name in libyadata.__all__
    assert getattr(libyadata, registered.name).__name__ == registered.name
    assert registered in TABLES.records
    assert registered in page_tables()
    assert folder(registered.name) == "records"


def test_the_extractor_speaks_only_of_registered_kinds_and_their_fields() -> None:
    # The extractor proposes some record kinds, each with rules of its own: they are checked
    # against the registry here, since they cannot be made from it.
    from libyadata.extract import existing, heldscore, negation, run
    from libyadata.extract.lexicon import kinds as lexicon

    records = {t.name: t for t in TABLES.records}
    assert set(lexicon.KINDS) <= set(records), "the extractor proposes unregistered kinds"
    per_kind: dict[str, Any] = {
        # a deployment's "origin" is scored, but proposed beside the record ("unrecorded"):
        # Deployment has no such field
        "heldscore.PLACES": heldscore.PLACES,
        "lexicon.STATUS_CUES": lexicon.STATUS_CUES,
        "lexicon.DEFAULT_STATUS": lexicon.DEFAULT_STATUS,
        "negation.DENIED": negation.DENIED,
        "existing.LINKED": existing.LINKED,
    }
    fields: dict[str, dict[str, str | tuple[str, ...]]] = {
        "heldscore.ROLES": heldscore.ROLES,
        "heldscore.QUANTITIES": heldscore.QUANTITIES,
        "heldscore.TYPES": heldscore.TYPES,
        "run._IDENTITY": run._IDENTITY,
        "run._PLACES": run._PLACES,
    }
    for where, kinds in {**per_kind, **fields}.items():
        stray = sorted(set(kinds) - set(lexicon.KINDS))
        assert not stray, f"{where} names kinds the extractor does not propose: {stray}"
    for where, mapping in fields.items():
        for kind, names in mapping.items():
            model = records[kind].model
            for name in (names,) if isinstance(names, str) else names:
                assert name in model.model_fields, (
                    f"{where}[{kind!r}]: {model.__name__} has no {name}"
                )


def test_each_table_has_its_data_file_and_its_description() -> None:
    readme = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    for source in TABLES:
        assert (ROOT / source.source).is_file(), (
            f"table {source.name}: no data file {source.source}"
        )
        if source.source.startswith("datasets/"):
            name = source.source.removeprefix("datasets/")
            assert f"`{name}`" in readme, f"table {source.name}: datasets/README.md names no {name}"
