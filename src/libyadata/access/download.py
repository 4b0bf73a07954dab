"""Released data packages: fetched with pooch, verified against the registry, cached, unpacked.

``fetch(version)`` returns the folder of a released version's data package. The zip is
accepted only if its SHA-256 is the one ``releases.txt`` registers for that version, so what
is cached is exactly what was released. The project has no public release host yet, so the
zip comes from a mirror: ``--mirror URL`` (or ``LIBYADATA_MIRROR``), the URL of a folder
holding ``libyadata-<version>.zip``. Once a version is cached no mirror is needed.

The cache (``platformdirs.user_cache_dir("libyadata")``, or ``LIBYADATA_CACHE``) holds the
zips as downloaded and, under ``unpacked/<sha256 of the zip>/``, each zip unpacked once.

``resolve(spec)`` turns what a user types into a package: a folder, its ``datapackage.json``,
a ``.zip`` of a package, ``installed``, or a released version.

pooch and platformdirs are imported where used, so ``import libyadata`` stays cheap.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from ..core import atomic
from ..core.cache import cache_dir
from ..core.hashing import file_sha256
from ..core.versions import is_version, version_key
from ..formats.datapackage import DESCRIPTOR, DataPackage, PackageError
from ..package import releases as registry
from .data import installed, installed_is_release

#: Environment variable naming the mirror: the URL of a folder of release zips.
MIRROR_ENV = "LIBYADATA_MIRROR"
#: What ``resolve`` reads as the package installed with libyadata.
INSTALLED = "installed"

#: URL schemes pooch can download from.
_SCHEMES = ("http://", "https://", "ftp://", "sftp://")
_ZIP_NAME = re.compile(r"^libyadata-(.+)\.zip$")


class DownloadError(PackageError):
    """A released data package cannot be fetched, or what was fetched is not what was released."""


class UnknownVersionError(DownloadError):
    """The version asked for was never released (it is not in ``releases.txt``)."""


class NoMirrorError(DownloadError):
    """No mirror was given, and there is no public release host to fall back on."""


def released_versions() -> list[str]:
    """Return every released version listed in the registry, oldest first."""
    versions = [match.group(1) for name in registry.registry() if (match := _ZIP_NAME.match(name))]
    return sorted(versions, key=version_key)


def fetch(version: str, mirror: str | None = None) -> Path:
    """Return the unpacked package folder of released ``version``, downloading it if needed.

    The zip is verified against the sha256 the registry lists for it before it is kept or
    unpacked. ``mirror`` (default: ``LIBYADATA_MIRROR``) is the URL of a folder holding
    ``libyadata-<version>.zip``; it is needed only when the version is not cached yet.

    Raises ``UnknownVersionError`` for a version that was never released, ``NoMirrorError``
    when a download is needed and no mirror is given, and ``DownloadError`` when the download
    fails or does not hash to the registered sha256 (nothing is kept then).
    """
    name = registry.zip_name(version)
    expected = registry.registered_hash(name)
    if expected is None:
        released = ", ".join(released_versions()) or "none yet"
        raise UnknownVersionError(
            f"libyadata {version} was never released (it is not in releases.txt); "
            f"released versions: {released}"
        )
    cache = cache_dir()
    found = _package_in(_unpacked(cache, expected))
    if found is not None:
        return found
    archive = cache / name
    if not (archive.is_file() and _sha256(archive) == expected):
        _download(name, expected, cache, _mirror(mirror, name))
    return unpack(archive, cache=cache)


def unpack(archive: Path, *, cache: Path | None = None) -> Path:
    """Unpack a data package zip into the cache, once per content; return the package folder.

    Raises ``DownloadError`` when the file is not a zip of a data package or holds paths
    outside its folder.
    """
    digest = _sha256(archive)
    target = _unpacked(cache or cache_dir(), digest)
    found = _package_in(target)
    if found is not None:
        return found
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = atomic.staging_dir(target)
    except OSError as error:
        raise DownloadError(f"cannot write the cache {target.parent}: {error}") from None
    try:
        _extract(archive, staging)
        if _package_in(staging) is None:
            raise DownloadError(f"{archive} holds no {DESCRIPTOR}: it is not a data package zip")
        try:
            staging.rename(target)
        except OSError:
            if _package_in(target) is None:  # not a concurrent unpack of the same zip
                raise
    except OSError as error:
        raise DownloadError(f"cannot unpack {archive} into {target}: {error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    found = _package_in(target)
    if found is None:
        raise DownloadError(f"{archive} did not unpack into a data package at {target}")
    return found


def resolve(spec: str, *, mirror: str | None = None) -> DataPackage:
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
        if path.is_file() and path.suffix.lower() == ".zip":
            return DataPackage.open(unpack(path))
        if path.is_dir() and not (path / DESCRIPTOR).exists():
            checkout = path / "datasets" / "package"
            if (checkout / DESCRIPTOR).is_file():
                return DataPackage.open(checkout)
        return DataPackage.open(path)
    if spec == INSTALLED:
        return installed()
    if is_version(spec):
        try:
            here = installed()
        except PackageError:
            here = None
        # In a checkout the installed package is the working build, not the release.
        if here is not None and here.version == spec and installed_is_release():
            return here
        return DataPackage.open(fetch(spec, mirror))
    raise PackageError(
        f"{spec!r} is neither a path that exists nor a version: give a package folder, its "
        f"{DESCRIPTOR}, a .zip of a package, {INSTALLED!r}, or a released version (e.g. 0.1.0)"
    )


def _mirror(mirror: str | None, name: str) -> str:
    base = (mirror or os.environ.get(MIRROR_ENV, "")).strip()
    if not base:
        raise NoMirrorError(
            f"{name} is not in the cache, and libyadata has no public release host yet, so it "
            "must come from a mirror: pass --mirror URL (or set LIBYADATA_MIRROR) to the URL of "
            f"a folder holding {name}, or give that zip or its unpacked folder as a path"
        )
    if not base.startswith(_SCHEMES):
        raise NoMirrorError(
            f"the mirror {base!r} is not a URL pooch can download from; give an http(s), ftp "
            f"or sftp URL of a folder holding {name}"
        )
    return f"{base.rstrip('/')}/{name}"


def _download(name: str, expected: str, cache: Path, url: str) -> None:
    import pooch  # type: ignore[import-untyped]

    stale = cache / name
    try:
        stale.unlink(missing_ok=True)  # a damaged earlier download: never keep it
    except OSError as error:
        raise DownloadError(f"cannot write the cache {cache}: {error}") from None
    try:
        pooch.retrieve(url, known_hash=f"sha256:{expected}", fname=name, path=cache)
    except ValueError as error:  # pooch deletes a download whose hash does not match
        raise DownloadError(
            f"{url} is not the released {name}: its sha256 is not the registered "
            f"{expected} ({error}); nothing was kept. Check the mirror, which may hold a "
            "damaged or different file"
        ) from None
    except OSError as error:  # requests' errors are OSErrors too
        raise DownloadError(f"cannot download {url}: {error}") from None


def _extract(archive: Path, destination: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as zipped:
            for member in zipped.infolist():
                path = PurePosixPath(member.filename)
                if path.is_absolute() or ".." in path.parts or "\\" in member.filename:
                    raise DownloadError(
                        f"{archive} holds {member.filename!r}, a path outside its folder; "
                        "refusing to unpack it"
                    )
            zipped.extractall(destination)
    except zipfile.BadZipFile as error:
        raise DownloadError(f"{archive} is not a readable zip: {error}") from None


def _package_in(folder: Path) -> Path | None:
    """Return ``folder`` or its one subfolder that holds a ``datapackage.json``."""
    if (folder / DESCRIPTOR).is_file():
        return folder
    if not folder.is_dir():
        return None
    inside = [child for child in folder.iterdir() if (child / DESCRIPTOR).is_file()]
    return inside[0] if len(inside) == 1 else None


def _unpacked(cache: Path, digest: str) -> Path:
    return cache / "unpacked" / digest


def _sha256(path: Path) -> str:
    try:
        return file_sha256(path)
    except OSError as error:
        raise PackageError(f"{path} cannot be read: {error}") from None
