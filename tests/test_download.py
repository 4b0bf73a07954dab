"""``libyadata download``: releases fetched, verified, cached and unpacked, whoever serves them.

Every server here is a real HTTP server on 127.0.0.1 (``httpfixture``), scripted per test:
good, slow, broken, oversized or malicious. After every refusal the cache is exactly as it
was, to the last file and folder (``state``: no exclusions), and nothing was written anywhere
else.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import libyadata
from conftest import ROOT
from httpfixture import Reply, Server, running
from libyadata.cli import app
from libyadata.core.cache import CACHE_ENV
from libyadata.publishing.build import Build, render
from libyadata.readers.datapackage import DataPackage
from libyadata.readers.packageerror import PackageError
from libyadata.readers.shipped import installed
from libyadata.releases import registry
from libyadata.releases.download import (
    URL_ENV,
    DownloadError,
    Limits,
    UnknownVersionError,
    UsageError,
    fetch,
    release_url,
    released_versions,
    resolve,
)
from libyadata.sources.project import Project

runner = CliRunner()
FAST = Limits(connect=2, read=2, total=20, retries=1)


#: Under xdist the module's tests run on one worker, so that what they share (a real build of the
#: checkout) is built once.
pytestmark = pytest.mark.xdist_group("download")


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


@pytest.fixture
def server() -> Iterator[Server]:
    yield from running()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, release: Build) -> Path:
    """An empty cache (not yet created), and the release in the registry."""
    path = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(path))
    monkeypatch.setattr(registry, "registry", lambda: {release.zip_name: release.zip_sha256})
    return path


def register(monkeypatch: pytest.MonkeyPatch, name: str, data: bytes) -> None:
    import hashlib

    monkeypatch.setattr(registry, "registry", lambda: {name: hashlib.sha256(data).hexdigest()})


def state(cache: Path) -> dict[str, bytes | None] | None:
    """Everything in the cache, paths and contents (``None`` for folders); ``None`` if no cache."""
    if not cache.exists():
        return None
    return {
        path.relative_to(cache).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(cache.rglob("*"))
    }


def zipped(members: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()


def release_members(release: Build) -> dict[str, bytes]:
    return {f"libyadata-{release.version}/{path}": data for path, data in release.files.items()}


def test_fetch_verifies_unpacks_and_caches(server: Server, cache: Path, release: Build) -> None:
    url = server.serve(f"/v/{release.zip_name}", Reply(body=release.zip_data))
    folder = fetch(release.version, url, limits=FAST)
    package = DataPackage.open(folder)
    assert package.version == release.version
    for path, data in release.files.items():
        assert (folder / path).read_bytes() == data, path
    assert package.records("visits")
    assert (cache / release.zip_name).read_bytes() == release.zip_data
    assert folder == cache / "unpacked" / release.zip_sha256 / f"libyadata-{release.version}"
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no staging left


def test_a_cached_version_makes_no_request(server: Server, cache: Path, release: Build) -> None:
    url = server.serve("/r.zip", Reply(body=release.zip_data))
    first = fetch(release.version, url, limits=FAST)
    second = fetch(release.version, url, limits=FAST)
    third = fetch(release.version)  # the default location is not needed either
    assert first == second == third
    assert server.requests == ["/r.zip"]


def test_the_location_comes_from_url_the_environment_or_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(URL_ENV, raising=False)
    default = release_url("1.2.3")
    assert default == registry.RELEASE_URL.format(version="1.2.3", name="libyadata-1.2.3.zip")
    assert default == (
        "https://github.com/libyadata/libyadata/releases/download/v1.2.3/libyadata-1.2.3.zip"
    )
    monkeypatch.setenv(URL_ENV, "http://127.0.0.1:1/mirror")
    assert release_url("1.2.3") == "http://127.0.0.1:1/mirror/libyadata-1.2.3.zip"
    assert release_url("1.2.3", "http://h/x/{version}/{name}") == (
        "http://h/x/1.2.3/libyadata-1.2.3.zip"
    )
    assert release_url("1.2.3", "http://h/exact.zip") == "http://h/exact.zip"
    for bad in ("ftp://h/", "/some/folder", "http://h/{nope}"):
        with pytest.raises(UsageError):
            release_url("1.2.3", bad)


def test_a_wrong_hash_is_refused_and_the_cache_is_as_it_was(
    server: Server, cache: Path, release: Build
) -> None:
    damaged = bytearray(release.zip_data)
    damaged[len(damaged) // 2] ^= 0xFF
    url = server.serve("/r.zip", Reply(body=bytes(damaged)))
    with pytest.raises(DownloadError) as caught:
        fetch(release.version, url, limits=FAST)
    assert [p.code for p in caught.value.problems] == ["download-hash"]
    assert release.zip_sha256 in str(caught.value)
    assert "nothing was kept" in str(caught.value)
    assert state(cache) is None  # as it was: never created
    assert server.requests == ["/r.zip"]  # a wrong file is final, not retried


def test_an_existing_cache_is_left_exactly_as_it_was(
    server: Server, cache: Path, release: Build
) -> None:
    (cache / "unrelated").mkdir(parents=True)
    (cache / "unrelated" / "x").write_bytes(b"kept")
    (cache / release.zip_name).write_bytes(b"half a download")
    before = state(cache)
    url = server.serve("/r.zip", Reply(body=release.zip_data[:-10] + b"0123456789"))
    with pytest.raises(DownloadError):
        fetch(release.version, url, limits=FAST)
    assert state(cache) == before


def test_a_damaged_cached_zip_is_replaced_by_a_good_download(
    server: Server, cache: Path, release: Build
) -> None:
    cache.mkdir()
    (cache / release.zip_name).write_bytes(b"half a download")
    url = server.serve("/r.zip", Reply(body=release.zip_data))
    folder = fetch(release.version, url, limits=FAST)
    assert (cache / release.zip_name).read_bytes() == release.zip_data
    assert DataPackage.open(folder).version == release.version


def test_a_truncated_body_is_retried_then_refused(
    server: Server, cache: Path, release: Build
) -> None:
    url = server.serve("/r.zip", Reply(body=release.zip_data, cut=1000))
    with pytest.raises(DownloadError) as caught:
        fetch(release.version, url, limits=FAST)
    assert caught.value.problems[0].code == "download-failed"
    assert len(server.requests) == 2  # one retry
    assert state(cache) is None  # as it was: never created


def test_a_404_is_final(server: Server, cache: Path, release: Build) -> None:
    with pytest.raises(DownloadError, match="HTTP 404") as caught:
        fetch(release.version, f"{server.url}missing/", limits=FAST)
    assert caught.value.problems[0].code == "download-failed"
    assert server.requests == [f"/missing/{release.zip_name}"]
    assert state(cache) is None  # as it was: never created


def test_a_server_error_is_retried(server: Server, cache: Path, release: Build) -> None:
    url = server.serve("/r.zip", Reply(500, b"oops"), Reply(body=release.zip_data))
    folder = fetch(release.version, url, limits=FAST)
    assert DataPackage.open(folder).version == release.version
    assert server.requests == ["/r.zip", "/r.zip"]


def test_a_slow_drip_hits_the_total_time_limit(server: Server, cache: Path, release: Build) -> None:
    url = server.serve("/r.zip", Reply(body=release.zip_data, drip=0.3))
    with pytest.raises(DownloadError) as caught:
        fetch(release.version, url, limits=Limits(connect=2, read=2, total=1.5, retries=2))
    assert caught.value.problems[0].code == "download-timeout"
    assert state(cache) is None  # as it was: never created


@pytest.mark.parametrize("announce", [None, -1], ids=["announced", "unannounced"])
def test_an_oversized_body_is_refused(
    server: Server, cache: Path, release: Build, announce: int | None
) -> None:
    url = server.serve("/r.zip", Reply(body=release.zip_data + b"\0" * 300_000, announce=announce))
    with pytest.raises(DownloadError) as caught:
        fetch(release.version, url, limits=Limits(max_bytes=len(release.zip_data) + 1000))
    assert caught.value.problems[0].code == "download-too-large"
    assert state(cache) is None  # as it was: never created


def _bomb(release: Build) -> bytes:
    members = release_members(release)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        path = f"libyadata-{release.version}/codebook.md"
        del members[path]
    # codebook.md is a listed file; here it inflates to 64 MiB of zeros
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr(path, b"\0" * (64 << 20))
    return buffer.getvalue()


def _hostile_zips(release: Build) -> dict[str, tuple[bytes, str]]:
    top = f"libyadata-{release.version}"
    members = release_members(release)
    return {
        "zip bomb": (_bomb(release), "package-zip-too-large"),
        "symlink member": (
            zipped(
                {k: v for k, v in members.items() if not k.endswith("codebook.md")},
                {f"{top}/codebook.md": "/etc/passwd"},
            ),
            "package-zip-unsafe",
        ),
        "traversal": (zipped({**members, f"{top}/../evil.txt": b"x"}), "package-zip-unsafe"),
        "absolute member": (zipped({**members, "/libyadata-evil.txt": b"x"}), "package-zip-unsafe"),
        "backslash": (zipped({**members, f"{top}\\..\\evil.txt": b"x"}), "package-zip-unsafe"),
        "unlisted member": (zipped({**members, f"{top}/extra.py": b"x"}), "package-zip-unlisted"),
        "not a package": (zipped({"readme.txt": b"hello"}), "package-zip-invalid"),
        "truncated": (release.zip_data[: len(release.zip_data) // 2], "package-zip-invalid"),
        "too many members": (
            zipped({**members, **{f"{top}/x{i}": b"" for i in range(10_001)}}),
            "package-zip-too-large",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "zip bomb",
        "symlink member",
        "traversal",
        "absolute member",
        "backslash",
        "unlisted member",
        "not a package",
        "truncated",
        "too many members",
    ],
)
def test_a_hostile_release_zip_is_refused_and_nothing_is_unpacked(  # noqa: PLR0917
    server: Server,
    cache: Path,
    release: Build,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    case: str,
) -> None:
    data, code = _hostile_zips(release)[case]
    register(monkeypatch, release.zip_name, data)  # the registry vouches for it: still refused
    url = server.serve("/r.zip", Reply(body=data))
    with pytest.raises(PackageError) as caught:
        fetch(release.version, url)
    assert code in [p.code for p in caught.value.problems], caught.value.problems
    assert state(cache) is None  # as it was: never created
    assert not (tmp_path / "evil.txt").exists()
    assert not Path("/libyadata-evil.txt").exists()
    # The same zip given as a file is refused the same way, by every command.
    local = tmp_path / "hostile.zip"
    local.write_bytes(data)
    with pytest.raises(PackageError) as opened:
        DataPackage.open(local)
    assert code in [p.code for p in opened.value.problems]
    result = runner.invoke(app, ["validate", "--package", str(local)])
    assert result.exit_code == 1, result.output
    assert f"[{code}]" in result.output
    assert "Traceback" not in result.output
    assert state(cache) is None  # as it was: never created


def test_two_downloads_of_one_version_take_turns(
    server: Server, tmp_path: Path, release: Build
) -> None:
    registry_file = tmp_path / "releases.txt"
    registry_file.write_text(f"{release.zip_name} {release.zip_sha256}\n", encoding="utf-8")
    url = server.serve("/r.zip", Reply(body=release.zip_data, drip=0.0))
    cache = tmp_path / "cache"
    env = {
        **os.environ,
        CACHE_ENV: str(cache),
        URL_ENV: url,
        "LIBYADATA_REGISTRY": str(registry_file),
        "PYTHONPATH": str(ROOT / "src"),
    }
    code = "from libyadata.releases.download import fetch; import sys; print(fetch(sys.argv[1]))"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code, release.version],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    folders = {Path(out.strip()) for out, _ in outputs}
    assert len(folders) == 1
    DataPackage.open(folders.pop()).verify()
    assert server.requests == ["/r.zip"]  # the second waited, then found it cached
    assert sorted(p.name for p in (cache / "unpacked").iterdir()) == [release.zip_sha256]


def test_an_unknown_version_lists_the_released_ones(cache: Path, release: Build) -> None:
    assert released_versions() == [release.version]
    with pytest.raises(UnknownVersionError, match=f"released versions: {release.version}"):
        fetch("9.9.9", "http://127.0.0.1:9/")
    assert state(cache) is None  # as it was: never created


def test_versions_resolve_to_the_installed_package_or_a_download(
    server: Server, cache: Path, release: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve("installed") is installed()
    monkeypatch.setattr("libyadata.releases.download.installed_is_release", lambda: True)
    assert resolve(installed().version) is installed()
    monkeypatch.setattr("libyadata.releases.download.installed_is_release", lambda: False)
    with pytest.raises(PackageError):
        resolve(installed().version)  # the default location: a closed port in the tests
    monkeypatch.setattr(registry, "registry", lambda: {"libyadata-0.0.1.zip": release.zip_sha256})
    url = server.serve("/libyadata-0.0.1.zip", Reply(body=release.zip_data))
    fetched = resolve("0.0.1", url=url)
    assert fetched.root.parent == cache / "unpacked" / release.zip_sha256


def test_load_reads_a_release_by_version(
    server: Server, cache: Path, release: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("libyadata.releases.download.installed_is_release", lambda: False)
    monkeypatch.setenv(URL_ENV, server.serve("/r.zip", Reply(body=release.zip_data)))
    visits = libyadata.load("visits", version=release.version)
    assert visits == installed().records("visits")
    frame = libyadata.load_dataframe("visits", version=release.version)
    assert len(frame) == len(visits)


def test_cli_download_prints_the_folder(server: Server, cache: Path, release: Build) -> None:
    url = server.serve("/r.zip", Reply(body=release.zip_data))
    result = runner.invoke(app, ["download", release.version, "--url", url])
    assert result.exit_code == 0, result.output
    assert DataPackage.open(Path(result.stdout.strip())).version == release.version
    # --mirror, the option's old name, still works.
    again = runner.invoke(app, ["download", release.version, "--mirror", f"{server.url}"])
    assert again.exit_code == 0, again.output


def test_cli_download_exit_codes(server: Server, cache: Path, release: Build) -> None:
    unknown = runner.invoke(app, ["download", "9.9.9", "--url", server.url])
    assert unknown.exit_code == 2
    assert "[download-unknown-version]" in unknown.stderr
    bad_url = runner.invoke(app, ["download", release.version, "--url", "file:///etc/"])
    assert bad_url.exit_code == 2
    assert "[download-url]" in bad_url.stderr
    url = server.serve("/r.zip", Reply(body=b"not the release"))
    damaged = runner.invoke(app, ["download", release.version, "--url", url])
    assert damaged.exit_code == 1
    assert "[download-hash]" in damaged.stderr
    missing = runner.invoke(app, ["download", release.version, "--url", f"{server.url}none/"])
    assert missing.exit_code == 1
    assert "HTTP 404" in missing.stderr
    for result in (unknown, bad_url, damaged, missing):
        assert "Traceback" not in result.output
    assert state(cache) is None  # as it was: never created


def test_a_cache_another_process_holds_is_busy_and_left_as_it_was(
    server: Server, cache: Path, release: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from libyadata.core.lock import folder_lock
    from libyadata.readers import archive

    cache.mkdir()
    (cache / "unrelated").write_bytes(b"kept")
    before = state(cache)
    monkeypatch.setattr(archive, "LOCK_TIMEOUT", 0.3)
    held, done = threading.Event(), threading.Event()

    def hold() -> None:  # another thread takes the lock as another process would
        with folder_lock(cache, 5):
            held.set()
            done.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(5)
    url = server.serve("/r.zip", Reply(body=release.zip_data))
    try:
        with pytest.raises(DownloadError) as caught:
            fetch(release.version, url, limits=FAST)
    finally:
        done.set()
        holder.join()
    assert [p.code for p in caught.value.problems] == ["download-busy"]
    assert server.requests == []
    assert state(cache) == before
    folder = fetch(release.version, url, limits=FAST)  # free again: it downloads
    assert DataPackage.open(folder).version == release.version


def test_a_cache_that_cannot_be_made_is_download_cache(
    server: Server, release: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    monkeypatch.setattr(registry, "registry", lambda: {release.zip_name: release.zip_sha256})
    url = server.serve("/r.zip", Reply(body=release.zip_data))
    with pytest.raises(DownloadError) as caught:
        fetch(release.version, url, limits=FAST)
    assert [p.code for p in caught.value.problems] == ["download-cache"]
    assert "cannot write the cache" in str(caught.value)
    assert blocker.read_bytes() == b"not a folder"
    assert server.requests == []


def test_a_damaged_cached_release_is_repaired_and_force_downloads_again(
    server: Server, cache: Path, release: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.serve(f"/v/{release.zip_name}", Reply(body=release.zip_data))
    folder = fetch(release.version, url, limits=FAST)
    damaged = folder / "csv" / "visits.csv"
    damaged.write_bytes(damaged.read_bytes().replace(b"occurred", b"expected", 1))
    # Reading the damaged copy says how to repair it, naming the command.
    with pytest.raises(PackageError) as caught:
        DataPackage.open(folder).records("visits", form="csv")
    assert f"libyadata download {release.version} --force" in str(caught.value)
    # download (fetch) no longer hands the damaged copy back: it is made again from the
    # cached zip, with no request.
    again = fetch(release.version, url, limits=FAST)
    assert DataPackage.open(again).records("visits")
    assert server.requests == [f"/v/{release.zip_name}"]
    # --force drops the cached zip and the copy, and downloads again.
    result = CliRunner().invoke(app, ["download", release.version, "--url", url, "--force"])
    assert result.exit_code == 0, result.output
    assert server.requests == [f"/v/{release.zip_name}"] * 2
    DataPackage.open(Path(result.stdout.strip())).verify()
