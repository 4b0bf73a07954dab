"""``libyadata version``: the version set in every place it lives, as the version rules allow.

Each case runs in a copy of what the command reads and writes; the committed package stands
for the latest release (``--previous``). A refusal exits 1 and changes no byte.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT
from libyadata.cli import app
from libyadata.diff.versioning import Bump, next_version
from libyadata.readers.datapackage import DataPackage
from libyadata.releases.registry import REGISTRY_PATH

runner = CliRunner()
PREVIOUS = str(ROOT / "datasets" / "package")
RELEASED = DataPackage.open(PREVIOUS).version
VERSION_FILE = "src/libyadata/_version.py"
A_NEW_PLACE = """
- id: PLC-a-new-place
  name: Tubruq
  kind: city
  country: LY
  parent: PLC-libya
  names:
    - {name: Libya, seed_id: SEED-001}
  no_coordinates: a test place, looked up in no gazetteer
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    for folder in ("seeds", "schema", "datasets"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("package"))
    for name in ("CITATION.cff", VERSION_FILE, REGISTRY_PATH):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, root / name)
    return root


def tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.endswith(".lock")
    }


def run(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["version", *args, "--root", str(root), "--previous", PREVIOUS])
    return result.exit_code, result.output


def add_place(root: Path) -> None:
    places = root / "datasets" / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8") + A_NEW_PLACE, encoding="utf-8")


def test_next_sets_the_version_everywhere_and_nothing_else(checkout: Path) -> None:
    add_place(checkout)  # a record added: a minor change
    before = tree(checkout)
    code, output = run(checkout, "--next", "minor")
    expected = next_version(RELEASED, Bump.MINOR)
    assert code == 0, output
    assert f"{RELEASED} → {expected} (minor changes" in output
    after = tree(checkout)
    assert {k for k in before if before[k] != after[k]} == {"CITATION.cff", VERSION_FILE}
    cff = yaml.safe_load((checkout / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == cff["preferred-citation"]["version"] == expected
    original = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["date-released"] == original["date-released"]  # the release's to set
    assert f'__version__ = "{expected}"' in (checkout / VERSION_FILE).read_text()
    build = runner.invoke(app, ["build", "--root", str(checkout)])
    assert build.exit_code == 0, build.output


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--next", "patch"), "version-bump-too-small"),  # a record added needs minor
        (("0.9.0",), "version-not-greater"),
        ((RELEASED,), "release-exists"),
        (("1.2",), "version-invalid"),
    ],
)
def test_a_version_the_rules_do_not_allow_is_refused(
    checkout: Path, args: tuple[str, ...], needle: str
) -> None:
    add_place(checkout)
    before = tree(checkout)
    code, output = run(checkout, *args)
    assert code == 1, output
    assert needle in output
    assert "nothing was changed" in output
    assert tree(checkout) == before


def test_version_or_next_not_both(checkout: Path) -> None:
    assert run(checkout)[0] == 2
    assert run(checkout, "2.0.0", "--next", "major")[0] == 2
    assert run(checkout, "--next", "huge")[0] == 2


def test_release_changed_names_the_command(checkout: Path) -> None:
    add_place(checkout)
    registry = (ROOT / REGISTRY_PATH).read_text(encoding="utf-8")
    assert f"libyadata-{RELEASED}.zip" in registry
    result = runner.invoke(app, ["build", "--root", str(checkout)])
    assert result.exit_code == 1
    assert "[release-changed]" in result.output
    assert "libyadata version --next" in result.output
