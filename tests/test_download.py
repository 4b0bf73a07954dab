"""``libyadata download``: released packages fetched from a mirror, verified, cached, unpacked.

The mirror is a local HTTP server on 127.0.0.1 serving a folder; no other network is used.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from libyadata.access.data import installed
from libyadata.access.download import (
    MIRROR_ENV,
    DownloadError,
    NoMirrorError,
    UnknownVersionError,
    fetch,
    released_versions,
    resolve,
)
from libyadata.cli import app
from libyadata.core.cache import CACHE_ENV
from libyadata.formats.datapackage import DataPackage, PackageError
from libyadata.package import releases as registry
from libyadata.package.build import Build, render
from libyadata.sources.project import Project

runner = CliRunner()


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A real build of a copy of the checkout (rendered in memory: the zip and its files)."""
    root = tmp_path_factory.mktemp("release")
    for folder in ("seeds", "schema"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copytree(ROOT / "datasets", root / "datasets", ignore=shutil.ignore_patterns("package"))
    shutil.copy2(ROOT / "CITATION.cff", root / "CITATION.cff")
    built, problems = render(Project.at(root))
    assert built is not None, [str(p) for p in problems]
    return built


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        pass


@dataclass(frozen=True)
class Mirror:
    url: str
    folder: Path


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[Mirror]:
    folder = tmp_path / "mirror"
    folder.mkdir()
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield Mirror(f"http://127.0.0.1:{server.server_address[1]}/releases/", folder)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, release: Build) -> Path:
    """An empty cache, no mirror in the environment, and the release in the registry."""
    path = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(path))
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setattr(registry, "registry", lambda: {release.zip_name: release.zip_sha256})
    return path


def publish(mirror: Mirror, name: str, data: bytes) -> None:
    (mirror.folder / "releases").mkdir(exist_ok=True)
    (mirror.folder / "releases" / name).write_bytes(data)


def cached_files(cache: Path) -> list[Path]:
    return sorted(path for path in cache.rglob("*") if path.is_file())


def test_fetch_verifies_unpacks_and_caches(mirror: Mirror, cache: Path, release: Build) -> None:
    publish(mirror, release.zip_name, release.zip_data)
    folder = fetch(release.version, mirror.url)
    package = DataPackage.open(folder)
    assert package.version == release.version
    for path, data in release.files.items():
        assert (folder / path).read_bytes() == data, path
    assert package.records("visits")  # every file checks against its hash on reading
    assert (cache / release.zip_name).read_bytes() == release.zip_data
    assert folder == cache / "unpacked" / release.zip_sha256 / f"libyadata-{release.version}"
    # Once cached, no mirror is needed and nothing is downloaded again.
    (mirror.folder / "releases" / release.zip_name).unlink()
    assert fetch(release.version) == folder


def test_the_mirror_can_come_from_the_environment(
    mirror: Mirror, cache: Path, release: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish(mirror, release.zip_name, release.zip_data)
    monkeypatch.setenv(MIRROR_ENV, mirror.url.rstrip("/"))
    assert DataPackage.open(fetch(release.version)).version == release.version


def test_a_corrupted_zip_is_refused_and_nothing_is_cached(
    mirror: Mirror, cache: Path, release: Build
) -> None:
    damaged = bytearray(release.zip_data)
    damaged[len(damaged) // 2] ^= 0xFF
    publish(mirror, release.zip_name, bytes(damaged))
    with pytest.raises(DownloadError, match="is not the released") as caught:
        fetch(release.version, mirror.url)
    assert release.zip_sha256 in str(caught.value)
    assert "nothing was kept" in str(caught.value)
    assert cached_files(cache) == []


def test_a_damaged_cached_zip_is_replaced_by_a_good_download(
    mirror: Mirror, cache: Path, release: Build
) -> None:
    cache.mkdir()
    (cache / release.zip_name).write_bytes(b"half a download")
    publish(mirror, release.zip_name, release.zip_data)
    folder = fetch(release.version, mirror.url)
    assert (cache / release.zip_name).read_bytes() == release.zip_data
    assert DataPackage.open(folder).version == release.version


def test_without_a_mirror_the_error_says_there_is_no_host_and_how_to_pass_one(
    cache: Path, release: Build
) -> None:
    with pytest.raises(NoMirrorError) as caught:
        fetch(release.version)
    message = str(caught.value)
    assert "no public release host" in message
    assert "--mirror URL" in message
    assert MIRROR_ENV in message
    assert cached_files(cache) == []


def test_a_missing_file_on_the_mirror_is_a_clear_error(
    mirror: Mirror, cache: Path, release: Build
) -> None:
    with pytest.raises(DownloadError, match=f"cannot download {mirror.url}{release.zip_name}"):
        fetch(release.version, mirror.url)
    assert cached_files(cache) == []


def test_an_unknown_version_lists_the_released_ones(cache: Path, release: Build) -> None:
    assert released_versions() == [release.version]
    with pytest.raises(UnknownVersionError, match=f"released versions: {release.version}"):
        fetch("9.9.9", "http://127.0.0.1:9/")


def test_versions_resolve_to_the_installed_package_or_a_download(
    mirror: Mirror, cache: Path, release: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve("installed") is installed()
    # In this checkout the installed package is the working build, so a version is fetched,
    # unless the install is a wheel's.
    monkeypatch.setattr("libyadata.access.download.installed_is_release", lambda: True)
    assert resolve(installed().version) is installed()
    monkeypatch.setattr("libyadata.access.download.installed_is_release", lambda: False)
    with pytest.raises(PackageError):
        resolve(installed().version)
    monkeypatch.setattr(registry, "registry", lambda: {"libyadata-0.0.1.zip": release.zip_sha256})
    publish(mirror, "libyadata-0.0.1.zip", release.zip_data)
    fetched = resolve("0.0.1", mirror=mirror.url)
    assert fetched.root.parent == cache / "unpacked" / release.zip_sha256


def test_cli_download_prints_the_folder(mirror: Mirror, cache: Path, release: Build) -> None:
    publish(mirror, release.zip_name, release.zip_data)
    result = runner.invoke(app, ["download", release.version, "--mirror", mirror.url])
    assert result.exit_code == 0, result.output
    folder = Path(result.stdout.strip())
    assert DataPackage.open(folder).version == release.version


def test_cli_download_exit_codes(mirror: Mirror, cache: Path, release: Build) -> None:
    unknown = runner.invoke(app, ["download", "9.9.9", "--mirror", mirror.url])
    assert unknown.exit_code == 2
    assert "never released" in unknown.stderr
    no_mirror = runner.invoke(app, ["download", release.version])
    assert no_mirror.exit_code == 2
    assert "--mirror URL" in no_mirror.stderr
    publish(mirror, release.zip_name, b"not the release")
    damaged = runner.invoke(app, ["download", release.version, "--mirror", mirror.url])
    assert damaged.exit_code == 1
    assert "is not the released" in damaged.stderr
    assert "Traceback" not in unknown.output + no_mirror.output + damaged.output
