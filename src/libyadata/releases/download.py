"""Released data packages: fetched with pooch, verified against the registry, cached, unpacked.

``fetch(version)`` returns the folder of a released version's data package. The zip comes from
the project's release assets (``releases.RELEASE_URL``), or from ``--url`` / ``LIBYADATA_URL``:
a URL template with ``{version}`` and ``{name}``, the URL of the zip, or the URL of a folder
holding ``libyadata-<version>.zip`` (a mirror). It is accepted only if its SHA-256 is the one
``releases.txt`` registers for that version, so what is cached is exactly what was released.

Whoever serves the file is not trusted further than that: the connection and every read have
time limits, the whole download (retries included) has one too, the body may not exceed a
cap (announced or not), the hash is checked as the bytes arrive and before anything is
unpacked, and the zip is unpacked by ``readers.archive``'s safe unzip into a temporary folder,
verified file by file, and renamed into place. Every refusal leaves the cache exactly as it
was; processes fetching into one cache take turns (a lock on the cache folder itself, which
writes no file).
Server errors (5xx) and broken connections are retried by pooch; a 4xx, a wrong hash or a
limit is final. A progress bar is shown on a terminal.

``resolve(spec)`` turns what a user types into a package: a folder, its ``datapackage.json``,
a ``.zip`` of a package, ``installed``, or a released version.

pooch, requests, tqdm and platformdirs are imported where used, so ``import
libyadata`` stays cheap.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import atomic
from ..core.cache import cache_dir
from ..core.catalogue.package_problems import (
    DOWNLOAD_BUSY,
    DOWNLOAD_CACHE,
    DOWNLOAD_FAILED,
    DOWNLOAD_HASH,
    DOWNLOAD_TIMEOUT,
    DOWNLOAD_TOO_LARGE,
    DOWNLOAD_UNKNOWN_VERSION,
    DOWNLOAD_URL,
    PACKAGE_NOT_FOUND,
    REGISTRY_INVALID,
)
from ..core.lock import LockTimeoutError
from ..core.safezip import ZipLimits
from ..core.versions import is_version, version_key
from ..formats.packagenames import DESCRIPTOR
from ..readers.archive import LOCK_TIMEOUT, MAX_ZIP_BYTES, lock, unpacked, zip_sha256
from ..readers.datapackage import DataPackage, unpack_zip
from ..readers.packageerror import PackageError
from ..readers.shipped import installed, installed_is_release
from . import registry

#: Environment variable giving where releases are downloaded from (see ``release_url``).
URL_ENV = "LIBYADATA_URL"
#: The older name of ``URL_ENV`` (a folder of release zips), still read after it.
MIRROR_ENV = "LIBYADATA_MIRROR"
#: What ``resolve`` reads as the package installed with libyadata.
INSTALLED = "installed"

_SCHEMES = ("http://", "https://")
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Limits:
    """How long and how much a download may take."""

    connect: float = 15.0
    """Seconds to connect to the server."""
    read: float = 30.0
    """Seconds to wait for the next bytes."""
    total: float = 600.0
    """Seconds for the whole download, retries included."""
    max_bytes: int = MAX_ZIP_BYTES
    """The largest zip accepted."""
    retries: int = 2
    """Further attempts after a server error or a broken connection."""
    unzip: ZipLimits = field(default_factory=ZipLimits)


class DownloadError(PackageError):
    """A released data package cannot be fetched, or what was fetched is not what was released."""


class UnknownVersionError(DownloadError):
    """The version asked for was never released (it is not in ``releases.txt``)."""


class UsageError(DownloadError):
    """The download location given is not one libyadata can use (not an http(s) URL)."""


def released_versions() -> list[str]:
    """Return every released version listed in the registry, oldest first."""
    versions = [found for name in registry.registry() if (found := registry.version_of(name))]
    return sorted(versions, key=version_key)


def release_url(version: str, url: str | None = None) -> str:
    """Return where ``version`` is downloaded from: ``url``, ``LIBYADATA_URL``, or the default.

    Raises ``UsageError`` for a location that is not an http(s) URL or a bad template.
    """
    given = (url or os.environ.get(URL_ENV, "") or os.environ.get(MIRROR_ENV, "")).strip()
    try:
        resolved = registry.release_url(version, given or None)
    except ValueError as error:
        raise UsageError(str(error), kind=DOWNLOAD_URL) from None
    if not resolved.startswith(_SCHEMES):
        raise UsageError(
            f"{resolved!r} is not an http(s) URL; give --url (or {URL_ENV}) as the URL of the "
            "zip, of a folder holding it, or a template with {version}",
            kind=DOWNLOAD_URL,
        )
    return resolved


def fetch(
    version: str, url: str | None = None, *, limits: Limits | None = None, force: bool = False
) -> Path:
    """Return the unpacked package folder of released ``version``, downloading it if needed.

    A cached version is returned without any request once its files pass their hashes; a
    damaged cached copy is dropped and made again (from the cached zip if that is whole), and
    ``force`` drops both and downloads again (``libyadata download VERSION --force``). Otherwise
    the zip is downloaded from
    ``release_url(version, url)`` within ``limits``, verified against the sha256 the registry
    lists for it, unpacked safely and verified again file by file.

    Raises ``UnknownVersionError`` for a version that was never released, ``UsageError`` for
    a location that is not an http(s) URL, and ``DownloadError`` when the download fails, is
    too slow or too large, or is not the release (nothing is kept then).
    """
    limits = limits or Limits()
    name = registry.zip_name(version)
    expected = _expected(version, name)
    cache = cache_dir()
    found = None if force else unpacked(cache, expected)
    if found is not None and _whole(found):
        return found
    source = release_url(version, url)
    created: list[Path] = []
    try:
        created = atomic.make_dirs(cache)
        with lock(cache):
            found = unpacked(cache, expected)
            if found is not None and not force and _whole(found):
                return found
            _drop(cache / "unpacked" / expected)  # damaged, or to be made again: ours to remove
            archive = cache / name
            if force:
                _drop(archive)
            if _holds(archive, expected):
                return unpack_zip(archive, cache=cache, limits=limits.unzip)
            for leftover in cache.glob(f".{name}.*"):  # of a killed download
                shutil.rmtree(leftover, ignore_errors=True)
            return _download_and_unpack(name, expected, source, cache, limits)
    except PackageError:
        atomic.remove_empty(created)
        raise
    except LockTimeoutError:  # an OSError too, but the cache is fine: someone else uses it
        raise DownloadError(
            f"another process has held the cache {cache} for {LOCK_TIMEOUT:g} s while "
            f"fetching {name}; try again later",
            kind=DOWNLOAD_BUSY,
        ) from None
    except OSError as error:
        atomic.remove_empty(created)
        raise DownloadError(
            f"cannot write the cache {cache}: {error}", kind=DOWNLOAD_CACHE
        ) from None


def _expected(version: str, name: str) -> str:
    try:
        expected = registry.registered_hash(name)
    except registry.RegistryError as error:
        raise DownloadError(
            problems=[REGISTRY_INVALID(error=error, file=registry.REGISTRY_PATH)]
        ) from None
    if expected is None:
        released = ", ".join(released_versions()) or "none yet"
        raise UnknownVersionError(
            f"libyadata {version} was never released (it is not in releases.txt); "
            f"released versions: {released}",
            kind=DOWNLOAD_UNKNOWN_VERSION,
        )
    return expected


def _whole(folder: Path) -> bool:
    """Whether a cached package folder still passes its descriptor's sizes and hashes."""
    try:
        package = DataPackage.open(folder)
        package.verify()
        package.verify_sums()
    except PackageError:
        return False
    return True


def _drop(path: Path) -> None:
    """Remove a cached zip or unpacked folder (a link is removed, never followed)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _holds(archive: Path, expected: str) -> bool:
    try:
        return archive.is_file() and zip_sha256(archive) == expected
    except OSError:
        return False


def _download_and_unpack(name: str, expected: str, url: str, cache: Path, limits: Limits) -> Path:
    """Download into a temporary folder in the cache, unpack, then keep the zip; or nothing."""
    import pooch  # type: ignore[import-untyped]
    import requests

    staging = Path(tempfile.mkdtemp(dir=cache, prefix=f".{name}."))
    try:
        fetcher = pooch.create(
            path=staging,
            base_url="",
            registry={name: f"sha256:{expected}"},
            urls={name: url},
            retry_if_failed=limits.retries,
        )
        downloader = _Downloader(limits, expected, time.monotonic() + limits.total)
        try:
            zipped = Path(fetcher.fetch(name, downloader=downloader))
        except requests.RequestException as error:
            raise DownloadError(
                f"cannot download {url}: {_reason(error)} (tried {1 + limits.retries} times)",
                kind=DOWNLOAD_FAILED,
            ) from None
        except ValueError as error:  # pooch's own hash check, after ours: not reached
            raise DownloadError(str(error), kind=DOWNLOAD_HASH) from None
        folder = unpack_zip(zipped, cache=cache, limits=limits.unzip)
        os.replace(zipped, cache / name)
        return folder
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class _Downloader:
    """A pooch downloader with time limits, a byte cap and the hash checked as bytes arrive."""

    def __init__(self, limits: Limits, expected: str, deadline: float) -> None:
        self.limits = limits
        self.expected = expected
        self.deadline = deadline

    def __call__(self, url: str, output_file: Any, pooch: Any, check_only: bool = False) -> Any:
        import requests

        timeout = (self.limits.connect, min(self.limits.read, self._left(url)))
        if check_only:
            return requests.head(url, timeout=timeout, allow_redirects=True).ok
        with requests.get(
            url,
            stream=True,
            timeout=timeout,
            allow_redirects=True,
            headers={"Accept-Encoding": "identity", "User-Agent": "libyadata"},
        ) as response:
            if 400 <= response.status_code < 500:  # no retry will change a client error
                raise DownloadError(
                    f"cannot download {url}: HTTP {response.status_code} {response.reason}",
                    kind=DOWNLOAD_FAILED,
                )
            response.raise_for_status()  # a server error: pooch retries
            announced = response.headers.get("Content-Length", "")
            if announced.isdigit() and int(announced) > self.limits.max_bytes:
                raise self._too_large(url, f"announces {announced} bytes")
            with open(output_file, "wb") as out:
                self._copy(url, response, out, int(announced) if announced.isdigit() else None)
        return None

    def _copy(self, url: str, response: Any, out: Any, total: int | None) -> None:
        import requests
        import urllib3
        from tqdm import tqdm

        digest = hashlib.sha256()
        size = 0
        with tqdm(
            total=total, unit="B", unit_scale=True, disable=not sys.stderr.isatty(), leave=False
        ) as progress:
            while True:
                self._left(url)
                try:
                    # read1: at most one read from the socket, so a server dripping a byte at
                    # a time cannot hold a read open past the deadline.
                    chunk = response.raw.read1(_CHUNK)
                except urllib3.exceptions.HTTPError as error:  # a broken or stalled connection
                    raise requests.ConnectionError(str(error)) from None
                if not chunk:
                    break
                size += len(chunk)
                if size > self.limits.max_bytes:
                    raise self._too_large(url, f"sent more than {self.limits.max_bytes} bytes")
                digest.update(chunk)
                out.write(chunk)
                progress.update(len(chunk))
        if total is not None and size != total:
            raise requests.ConnectionError(f"the body ended after {size} of {total} bytes")
        if digest.hexdigest() != self.expected:
            raise DownloadError(
                f"{url} is not the released zip: its sha256 is {digest.hexdigest()}, not the "
                f"registered {self.expected}; nothing was kept. The server may hold a damaged "
                "or different file",
                kind=DOWNLOAD_HASH,
            )

    def _left(self, url: str) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise DownloadError(
                f"downloading {url} took longer than {self.limits.total:g} s; nothing was kept",
                kind=DOWNLOAD_TIMEOUT,
            )
        return left

    def _too_large(self, url: str, what: str) -> DownloadError:
        return DownloadError(
            f"{url} {what}, more than the {self.limits.max_bytes} a release zip may have; "
            "nothing was kept",
            kind=DOWNLOAD_TOO_LARGE,
        )


def _reason(error: Exception) -> str:
    response = getattr(error, "response", None)
    if response is not None:
        return f"HTTP {response.status_code} {response.reason}"
    return type(error).__name__


def resolve(spec: str, *, url: str | None = None) -> DataPackage:
    """Open the data package that ``spec`` names, as ``libyadata diff`` reads its arguments.

    ``spec`` is, in this order: an existing path (a package folder, its ``datapackage.json``,
    a ``.zip`` of a package, or a checkout, whose ``datasets/package`` is used); ``installed``,
    the package shipped with this libyadata; or a version, which is the installed package if
    it has that version and came from a wheel, and is otherwise fetched (``fetch``): in a
    checkout the installed package is the working build, never a release. Raises
    ``PackageError`` (or its subclass ``DownloadError``) saying what went wrong.
    """
    path = Path(spec).expanduser()
    if path.exists():
        if path.is_dir() and not (path / DESCRIPTOR).exists():
            checkout = path / "datasets" / "package"
            if (checkout / DESCRIPTOR).is_file():
                return DataPackage.open(checkout)
        return DataPackage.open(path)
    if spec == INSTALLED:
        return installed()
    if is_version(spec):
        return release(spec, url=url)
    raise PackageError(
        f"{spec!r} is neither a path that exists nor a version: give a package folder, its "
        f"{DESCRIPTOR}, a .zip of a package, {INSTALLED!r}, or a released version (e.g. 0.1.0)",
        kind=PACKAGE_NOT_FOUND,
    )


def release(version: str, *, url: str | None = None) -> DataPackage:
    """Return the package of released ``version``: the installed one if it is that release."""
    try:
        here = installed()
    except PackageError:
        here = None
    # In a checkout the installed package is the working build, not the release.
    if here is not None and here.version == version and installed_is_release():
        return here
    return DataPackage.open(fetch(version, url))
