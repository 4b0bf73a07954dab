"""Every outside package is hostile: a catalogue of malformed and malicious descriptors.

Each case is refused by ``DataPackage.open`` with a ``PackageError`` whose problems carry a
code, and by every command that opens a package (validate, diff, export, cite) with exit 1 or
2, the code, no traceback, no request to the (loopback) server its URLs name, and nothing
about the file outside the package it points at.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from httpfixture import Server, running
from libyadata.readers.datapackage import DataPackage
from libyadata.readers.packageerror import PackageError

runner = CliRunner()
SECRET = b"outside the package: never to be read\n"

Edit = Callable[[Path, dict[str, Any], Server], "str | dict[str, Any] | None"]


def _set_path(value: Any) -> Edit:
    def edit(root: Path, descriptor: dict[str, Any], server: Server) -> None:
        descriptor["resources"][0]["path"] = value

    return edit


def _url(root: Path, descriptor: dict[str, Any], server: Server) -> None:
    for resource in descriptor["resources"]:
        resource["path"] = f"{server.url}{resource['path']}"


def _outside(root: Path, descriptor: dict[str, Any], server: Server) -> None:
    descriptor["resources"][0]["path"] = "../secret.csv"


def _symlink_out(root: Path, descriptor: dict[str, Any], server: Server) -> None:
    target = root / descriptor["resources"][0]["path"]
    target.unlink()
    target.symlink_to(root.parent / "secret.csv")


def _symlink_device(root: Path, descriptor: dict[str, Any], server: Server) -> None:
    target = root / descriptor["resources"][0]["path"]
    target.unlink()
    target.symlink_to("/dev/zero")


def _fifo(root: Path, descriptor: dict[str, Any], server: Server) -> None:
    target = root / descriptor["resources"][0]["path"]
    target.unlink()
    os.mkfifo(target)


def _no_path(root: Path, descriptor: dict[str, Any], server: Server) -> None:
    del descriptor["resources"][0]["path"]


def _not_objects(root: Path, descriptor: dict[str, Any], server: Server) -> None:
    descriptor["resources"] = [1, *descriptor["resources"]]


def _schema_url(root: Path, descriptor: dict[str, Any], server: Server) -> None:
    descriptor["resources"][0]["schema"] = f"{server.url}schema.json"


def _profile_url(root: Path, descriptor: dict[str, Any], server: Server) -> None:
    descriptor["$schema"] = f"{server.url}profile.json"


def _raw(text: str) -> Edit:
    def edit(root: Path, descriptor: dict[str, Any], server: Server) -> str:
        return text

    return edit


CASES: dict[str, tuple[Edit, str]] = {
    "path is a URL": (_url, "package-resource-path"),
    "path outside the package": (_outside, "package-resource-path"),
    "absolute path": (_set_path("/etc/passwd"), "package-resource-path"),
    "/dev/zero": (_set_path("/dev/zero"), "package-resource-path"),
    "backslash": (_set_path("csv\\..\\..\\secret.csv"), "package-resource-path"),
    "symlink out": (_symlink_out, "package-resource-path"),
    "symlink to a device": (_symlink_device, "package-resource-path"),
    "named pipe": (_fifo, "package-resource-path"),
    "path is a list": (_set_path(["csv/a.csv", "csv/b.csv"]), "package-resource-path"),
    "no path": (_no_path, "package-resource-path"),
    "resources hold a number": (_not_objects, "package-structure"),
    "schema by URL": (_schema_url, "package-structure"),
    "profile by URL": (_profile_url, "package-structure"),
    "5000-digit integer": (_raw('{"resources": [], "n": ' + "9" * 5000 + "}"), "package-number"),
    "NaN": (_raw('{"resources": [], "n": NaN}'), "package-number"),
    "100k nested brackets": (_raw("[" * 100_000 + "]" * 100_000), "package-nesting"),
    "duplicate key": (_raw('{"resources": [], "resources": []}'), "package-duplicate-key"),
    "not JSON": (_raw("{'resources': []"), "package-json"),
    "not an object": (_raw("[]"), "package-structure"),
    "too large": (_raw(" " * (9 << 20) + "{}"), "package-descriptor-too-large"),
}


@pytest.fixture
def server() -> Iterator[Server]:
    yield from running()


def hostile(tmp_path: Path, server: Server, case: str) -> Path:
    root = tmp_path / "package"
    shutil.copytree(ROOT / "datasets" / "package", root)
    (tmp_path / "secret.csv").write_bytes(SECRET)
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    replaced = CASES[case][0](root, descriptor, server)
    text = replaced if isinstance(replaced, str) else json.dumps(descriptor)
    path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_descriptor_is_refused_everywhere(
    tmp_path: Path, server: Server, case: str
) -> None:
    root = hostile(tmp_path, server, case)
    code = CASES[case][1]
    with pytest.raises(PackageError) as caught:
        DataPackage.open(root)
    assert code in [p.code for p in caught.value.problems]
    out = tmp_path / "out.db"
    commands = {
        "validate": ["validate", "--package", str(root)],
        "diff": ["diff", str(root), str(ROOT / "datasets" / "package")],
        "export": ["export", "sqlite", str(out), "--package", str(root)],
        "cite": ["cite", "--package", str(root)],
    }
    for name, arguments in commands.items():
        result = runner.invoke(app_(), arguments)
        assert result.exit_code in {1, 2}, (name, result.output)
        assert f"[{code}]" in result.output, (name, result.output)
        assert "Traceback" not in result.output, name
        assert result.exception is None or isinstance(result.exception, SystemExit), name
        assert SECRET.decode().strip() not in result.output, name
        assert "e3b0c442" not in result.output  # no hash of anything read outside
    assert server.requests == []  # nothing fetched
    assert not out.exists()


def app_() -> Any:
    from libyadata.cli import app

    return app
