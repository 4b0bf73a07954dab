"""Packaging promises: a cheap import, a typed package, one version, a small public API."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

import libyadata
from conftest import ROOT


def test_import_does_not_load_heavy_modules() -> None:
    code = (
        "import sys, libyadata\n"
        "heavy = [m for m in ('pandas', 'frictionless', 'jsonschema', 'pooch', 'typer', 'rich',"
        " 'yaml', 'numpy', 'pyarrow', 'jinja2', 'spacy', 'dateparser', 'rapidfuzz')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_package_is_typed() -> None:
    assert (ROOT / "src" / "libyadata" / "py.typed").is_file()


def test_version_has_one_source() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "src/libyadata/_version.py"
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'version: "{libyadata.__version__}"' in cff


def test_public_api_is_explicit() -> None:
    # Every public name resolves, in a fresh process, to an object of libyadata's own (a name
    # listed in __all__ but defined nowhere would pass a check against dir() alone).
    code = (
        "import libyadata\n"
        "for name in libyadata.__all__:\n"
        "    value = getattr(libyadata, name)\n"
        "    home = getattr(value, '__module__', None) or type(value).__module__\n"
        "    print(name, home if name != '__version__' else 'libyadata')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    homes = dict(line.split() for line in result.stdout.splitlines())
    assert list(homes) == libyadata.__all__
    assert all(home.startswith("libyadata") for home in homes.values()), homes
    for kind in ("Visit", "Deployment", "Base", "Agreement", "MigrationFigure"):
        assert homes[kind] == "libyadata.models.records"
    assert len(set(libyadata.__all__)) == len(libyadata.__all__)
    # What is imported on first use is exactly what is public, besides what __init__ defines;
    # each table's loader is public, found from the registry.
    lazy = set(vars(libyadata)["_HOMES"])
    loaders = {t.name for t in libyadata.TABLES}
    assert lazy | loaders | {"__version__", "validate"} == set(libyadata.__all__)
    assert loaders <= set(dir(libyadata))
    unknown = "no_such_name"
    assert unknown not in dir(libyadata)
    with pytest.raises(AttributeError, match=unknown):
        getattr(libyadata, unknown)


def test_changelog_has_an_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    assert "keepachangelog.com" in changelog


def test_citation_file_is_valid_cff() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.citation-file-format",
            str(ROOT / "CITATION.cff"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_sub_package_is_named_as_a_public_name() -> None:
    # The import system binds a sub-package to its parent's name when it is imported: one named
    # as a public function (``package``, ``validate``, ``load``) would replace the function.
    stages = {path.parent.name for path in (ROOT / "src" / "libyadata").glob("*/__init__.py")}
    assert stages.isdisjoint(libyadata.__all__)
    code = (
        "import libyadata, pkgutil, importlib\n"
        "for stage in pkgutil.iter_modules(libyadata.__path__):\n"
        "    if stage.ispkg and stage.name not in ('cli', 'extract', 'site', 'testing'):\n"
        "        importlib.import_module('libyadata.' + stage.name)\n"
        "print(type(libyadata.package()).__name__, libyadata.validate.__name__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["ShortPackage", "validate"]
