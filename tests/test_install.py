"""The wheel ships the data: a fresh environment loads records with no checkout and no network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from libyadata.models.tables import TABLES
from libyadata.readers.datapackage import DataPackage

#: Under xdist the module's tests run on one worker, so that what they share (the wheel) is built
#: once.
pytestmark = pytest.mark.xdist_group("install")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"),
            *("--no-index", "--quiet", "--wheel-dir", str(target), str(ROOT)),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = target.glob("libyadata-*.whl")
    return built


def test_wheel_ships_the_whole_data_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        descriptor = json.loads(archive.read("libyadata/data/datapackage.json"))
        for resource in descriptor["resources"]:
            assert f"libyadata/data/{resource['path']}" in names
            data = archive.read(f"libyadata/data/{resource['path']}")
            assert len(data) == resource["bytes"]
    assert {"libyadata/py.typed", "libyadata/releases/releases.txt"} <= names


def _venv_with_these_dependencies(venv: Path) -> Path:
    """Make a venv that sees the packages of the running environment; return its python.

    ``--system-site-packages`` would show the base interpreter's packages, not this
    environment's, when the tests run in a virtual environment (README's test command in a
    fresh venv): the dependencies installed here would be missing. So the venv is made
    isolated and a ``.pth`` file lists this environment's package folders, after its own:
    the libyadata installed into it from the wheel comes first, and no ``.pth`` file of those
    folders runs (an editable install of the checkout among them stays out of sight).
    """
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    found = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    )
    folders = [
        entry
        for entry in sys.path
        if Path(entry).name in {"site-packages", "dist-packages"} and Path(entry).is_dir()
    ]
    (Path(found.stdout.strip()) / "libyadata-test-dependencies.pth").write_text(
        "".join(f"{folder}\n" for folder in folders), encoding="utf-8"
    )
    return python


def test_fresh_environment_loads_offline_without_a_checkout(wheel: Path, tmp_path: Path) -> None:
    # The venv borrows the dependencies of the environment running the tests, so no index is
    # needed; the package itself comes only from the wheel.
    venv = tmp_path / "venv"
    python = _venv_with_these_dependencies(venv)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import libyadata, libyadata.loading.data as d\n"
        "print(len(libyadata.load('visits')))\n"
        "print(libyadata.__file__)\n"
        "print(d.installed().root)\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update({"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"})
    result = subprocess.run(
        [str(python), "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=elsewhere,
        env=env,
    )
    count, module, data = result.stdout.splitlines()
    expected = len((ROOT / "datasets/package/jsonl/visits.jsonl").read_bytes().splitlines())
    assert int(count) == expected
    assert Path(module).is_relative_to(venv)
    assert Path(data).is_relative_to(venv)
    # The commands a user runs with no checkout: the seeds check against the package, the
    # summary, and the website, whose templates ship inside the wheel.
    libyadata = str(venv / "bin" / "libyadata")
    outputs = {}
    for arguments in (["seeds"], ["info"], ["site", str(elsewhere / "site")]):
        result = subprocess.run(
            [libyadata, *arguments],
            capture_output=True,
            text=True,
            check=False,
            cwd=elsewhere,
            env=env,
            timeout=300,
        )
        assert result.returncode == 0, (arguments, result.stdout, result.stderr)
        assert str(ROOT) not in result.stdout, arguments  # nothing read from the checkout
        outputs[arguments[0]] = result.stdout
    assert "every text matches its size and sha256" in outputs["seeds"]
    assert "libyadata contributors" in outputs["info"]
    index = (elsewhere / "site" / "index.html").read_text(encoding="utf-8")
    assert "How to cite" in index
    seed = (elsewhere / "site" / "seeds" / "SEED-000.html").read_text(encoding="utf-8")
    assert "not part of the data package" in seed  # no checkout: no exclusions to show


def test_the_installed_wheel_loads_every_table_as_the_checkout_validates_it(
    wheel: Path, tmp_path: Path
) -> None:
    # The wheel's own package is read without a pydantic validator (models.trusted); its
    # records must be those that full validation gives for the same package in the checkout.
    target = tmp_path / "site"
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet"),
            *("--target", str(target), str(wheel)),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import json, sys, libyadata, libyadata.loading.data as d\n"
        "print(type(d.installed()).__name__)\n"
        "tables = {t.name: libyadata.load(t.name) for t in libyadata.TABLES}\n"
        "print('pydantic.plugin._loader' in sys.modules)\n"  # before dumping builds one
        "dumped = {name: [[type(r).__name__, r.model_dump(mode='json')] for r in records]"
        " for name, records in tables.items()}\n"
        "print(json.dumps(dumped))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    kind, validator_built, dumped = result.stdout.splitlines()
    assert kind == "ShippedPackage"
    assert validator_built == "False"
    package = DataPackage.open(ROOT / "datasets" / "package")
    expected = {
        t.name: [[type(r).__name__, r.model_dump(mode="json")] for r in package.records(t.name)]
        for t in TABLES
    }
    assert json.loads(dumped) == expected
    assert sum(map(len, expected.values())) > 100
