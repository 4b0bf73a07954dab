"""``libyadata release``: a release made in a copy of the checkout, served on 127.0.0.1,
downloaded back byte for byte; and every refusal changing nothing."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import libyadata
from conftest import ROOT, copy_release_checkout
from httpfixture import Reply, Server, running
from libyadata.cli import app
from libyadata.core.cache import CACHE_ENV
from libyadata.diff.versioning import Bump, next_version
from libyadata.publishing import releasing
from libyadata.publishing.writing import KILL_ENV, KILLED, RELEASE_STEPS, STAGING_DIR, settle
from libyadata.readers.datapackage import DataPackage
from libyadata.releases.download import URL_ENV
from libyadata.releases.registry import REGISTRY_ENV, REGISTRY_PATH
from libyadata.sources.project import Project
from releasekit import rebuild, registered_versions

runner = CliRunner()
#: The committed package stands for the previous release, and the next one is a patch over it.
PREVIOUS = str(ROOT / "datasets" / "package")
NEXT = next_version(DataPackage.open(PREVIOUS).version, Bump.PATCH)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of what a release reads and writes, with one visit corrected (a patch)."""
    root = copy_release_checkout(tmp_path / "checkout")
    visits = root / "datasets" / "visits.yaml"
    text = visits.read_text(encoding="utf-8")
    visits.write_text(text.replace("status: occurred", "status: expected", 1), encoding="utf-8")
    return root


@pytest.fixture
def server() -> Iterator[Server]:
    yield from running()


def tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.endswith(".lock")
    }


def test_release_then_download_reproduces_it_byte_for_byte(
    checkout: Path, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(
        app,
        ["release", NEXT, "--root", str(checkout), "--date", "2026-12-01", "--previous", PREVIOUS],
    )
    assert result.exit_code == 0, result.output
    assert "patch changes" in result.output
    zip_name = f"libyadata-{NEXT}.zip"
    zipped = (checkout / "dist" / zip_name).read_bytes()
    digest = hashlib.sha256(zipped).hexdigest()
    assert (checkout / "dist" / "SHA256SUMS").read_text() == f"{digest}  {zip_name}\n"
    registry = (checkout / REGISTRY_PATH).read_text(encoding="utf-8")
    assert registry.endswith(f"{zip_name} {digest}\n")
    assert "libyadata-0.1.0.zip" in registry  # the earlier release stays
    citation = (checkout / "CITATION.cff").read_text(encoding="utf-8")
    assert citation.count(f'version: "{NEXT}"') == 2
    assert citation.count('date-released: "2026-12-01"') == 2
    assert "cff-version: 1.2.0" in citation
    version = (checkout / "src/libyadata/_version.py").read_text(encoding="utf-8")
    assert f'__version__ = "{NEXT}"' in version
    changelog = (checkout / "CHANGELOG.md").read_text(encoding="utf-8")
    unreleased, released = changelog.split(f"## [{NEXT}] - 2026-12-01", 1)
    assert unreleased.rstrip().endswith("## [Unreleased]")  # emptied, kept for what comes next
    section = released.split("## [0.1.0]", 1)[0]
    assert "### Data" in section
    assert "visits: 1 changed (VIS-" in section  # the record-level diff summary
    assert "### Added" in section  # the notes that were under Unreleased
    package = DataPackage.open(checkout / "datasets" / "package")
    assert package.version == NEXT
    # The site of the release, beside its zip: every record on a page, exclusions shown.
    site = checkout / "dist" / "site"
    assert NEXT in (site / "index.html").read_text(encoding="utf-8")
    pages = {path.stem for path in (site / "records").glob("*.html")}
    assert {record.id for record in package.records("visits")} <= pages  # type: ignore[attr-defined]
    seed_pages = [p.read_text(encoding="utf-8") for p in (site / "seeds").glob("*.html")]
    assert any('class="excluded"' in page for page in seed_pages)
    assert not any("are not part of the data package" in page for page in seed_pages)
    # A second build of the released checkout gives the registered bytes.
    monkeypatch.setenv(REGISTRY_ENV, str(checkout / REGISTRY_PATH))
    check = runner.invoke(app, ["build", "--check", "--root", str(checkout)])
    assert check.exit_code == 0, check.output
    published = tree(checkout / "dist")
    rebuilt = runner.invoke(app, ["build", "--root", str(checkout)])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert tree(checkout / "dist") == published  # a build keeps the release's site in step

    # Serve dist/ on loopback and download the release as a user would.
    server.serve(f"/{zip_name}", Reply(body=zipped))
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "user-cache"))
    downloaded = runner.invoke(app, ["download", NEXT, "--url", server.url])
    assert downloaded.exit_code == 0, downloaded.output
    folder = Path(downloaded.stdout.strip())
    assert tree(folder) == tree(checkout / "datasets" / "package")
    assert (tmp_path / "user-cache" / zip_name).read_bytes() == zipped
    monkeypatch.setenv(URL_ENV, server.url)
    assert libyadata.load("visits", version=NEXT) == package.records("visits")
    assert server.requests == [f"/{zip_name}"]  # load used the cached download


def test_a_released_version_is_refused_and_nothing_changes(checkout: Path) -> None:
    before = tree(checkout)
    result = runner.invoke(
        app, ["release", "0.1.0", "--root", str(checkout), "--previous", PREVIOUS]
    )
    assert result.exit_code == 1
    assert "[release-exists]" in result.output
    assert "nothing was changed" in result.output
    assert tree(checkout) == before


def test_a_version_the_rules_do_not_allow_is_refused_and_nothing_changes(checkout: Path) -> None:
    before = tree(checkout)
    for version, code in (("0.0.9", "version-not-greater"), ("0.1.0-rc.1", "version-not-greater")):
        result = runner.invoke(
            app, ["release", version, "--root", str(checkout), "--previous", PREVIOUS]
        )
        assert result.exit_code == 1, result.output
        assert f"[{code}]" in result.output
        assert tree(checkout) == before
    bad = runner.invoke(app, ["release", "one", "--root", str(checkout), "--previous", PREVIOUS])
    assert bad.exit_code == 1
    assert "[version-invalid]" in bad.output
    assert tree(checkout) == before


def test_a_changelog_with_no_unreleased_section_is_refused_and_nothing_changes(
    checkout: Path,
) -> None:
    changelog = checkout / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    changelog.write_text(text.replace("## [Unreleased]", "## Unreleased", 1), encoding="utf-8")
    before = tree(checkout)
    result = runner.invoke(app, ["release", NEXT, "--root", str(checkout), "--previous", PREVIOUS])
    assert result.exit_code == 1, result.output
    assert "[release-changelog]" in result.output
    assert "nothing was changed" in result.output
    assert tree(checkout) == before


def test_a_release_that_cannot_build_changes_nothing(checkout: Path) -> None:
    visits = checkout / "datasets" / "visits.yaml"
    visits.write_text(
        visits.read_text(encoding="utf-8").replace("status: expected", "status: happened", 1),
        encoding="utf-8",
    )
    before = tree(checkout)
    result = runner.invoke(app, ["release", NEXT, "--root", str(checkout), "--previous", PREVIOUS])
    assert result.exit_code == 1
    assert "[unknown-enum]" in result.output
    assert tree(checkout) == before
    assert "Traceback" not in result.output


def test_release_metadata_names_one_home() -> None:
    import tomllib

    import yaml

    from libyadata.releases.registry import RELEASE_URL, REPOSITORY

    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["repository-code"] == REPOSITORY
    assert citation["url"].startswith(REPOSITORY)
    assert RELEASE_URL.startswith(f"{REPOSITORY}/releases/download/v{{version}}/")
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert urls["Source"] == REPOSITORY
    assert all(url.startswith(REPOSITORY) for url in urls.values())
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["upload_type"] == "dataset"
    assert zenodo["license"] == citation["license"]
    assert zenodo["title"] == citation["title"]
    assert zenodo["creators"] == [{"name": a["name"]} for a in citation["authors"]]
    assert {r["identifier"] for r in zenodo["related_identifiers"]} == {REPOSITORY}


@pytest.mark.parametrize("version", registered_versions())
def test_every_registered_release_rebuilds_and_loads_by_version(
    version: str, tmp_path: Path
) -> None:
    # Each release, rebuilt from the commit that registered it, is its registered bytes and
    # loads through `load(name, version=...)` from the download cache, as a user's would.
    (tree_folder := tmp_path / "tree").mkdir()
    built = rebuild(version, tree_folder, tmp_path / "build-cache")
    shutil.copy2(built, Path(os.environ[CACHE_ENV]) / built.name)
    visits = libyadata.load("visits", version=version)
    assert visits
    assert all(visit.id.startswith("VIS-") for visit in visits)
    package = DataPackage.open(str(built))
    assert package.version == version
    # Every table of the release reads with today's code, from either form (a column or a
    # child table added since reads as the field's default), and the release validates.
    for source in libyadata.TABLES:
        assert package.records(source) == package.records(source, form="csv")
    assert libyadata.validate(built, package=True).ok


def _state(root: Path) -> dict[str, str]:
    """The files a release changes, the package and dist/: what 'as before' compares."""
    files = {name: (root / name).read_text(encoding="utf-8") for name in releasing.RELEASE_FILES}
    return {**files, **tree(root / "datasets" / "package"), **tree(root / "dist")}


#: The steps after which a killed release is finished by the next run (its package is in place).
_RELEASED_AFTER = {"swapped", "release-written", "release-registered"}


@pytest.mark.parametrize("step", [*RELEASE_STEPS, "staged", "swap-dist", "swapped"])
def test_a_release_killed_at_any_step_leaves_the_project_as_before_or_as_released(
    checkout: Path, step: str
) -> None:
    before = _state(checkout)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        KILL_ENV: step,
        REGISTRY_ENV: str(checkout / REGISTRY_PATH),
    }
    killed = subprocess.run(
        [
            sys.executable,
            "-m",
            "libyadata",
            "release",
            NEXT,
            "--root",
            str(checkout),
            "--date",
            "2026-12-01",
            "--previous",
            PREVIOUS,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert killed.returncode == KILLED, killed.stderr
    # Staging never sits at the top of the checkout; --check says a release was cut short.
    assert [p.name for p in checkout.iterdir() if p.name.startswith(".")] == []
    check = runner.invoke(app, ["build", "--check", "--root", str(checkout)])
    assert check.exit_code == 1
    assert "[release-interrupted]" in check.output
    assert f"release of {NEXT} was killed at step" in check.output
    # The next build or release settles it first: as before, or as released.
    project = Project.at(checkout)
    targets = (checkout / "datasets" / "package", checkout / "dist")
    assert settle(project, targets) == []
    after = _state(checkout)
    if step in _RELEASED_AFTER:
        assert f'version: "{NEXT}"' in after["CITATION.cff"]
        assert f"libyadata-{NEXT}.zip" in after[REGISTRY_PATH]
        assert f"## [{NEXT}] - 2026-12-01" in after["CHANGELOG.md"]
        assert DataPackage.open(checkout / "datasets" / "package").version == NEXT
    else:
        assert after == before
    assert not (checkout / releasing.RELEASE_JOURNAL_FILE).exists()
    assert not (checkout / STAGING_DIR).exists()
