"""A package zip made into a verified package folder in the cache, once per content.

The zip is checked whole before a byte is unpacked: it must hold one package (its
``datapackage.json`` at the top or in one top folder, read and checked as ``safedescriptor``
reads any descriptor), and its members must be exactly files the package lists, under the
limits of ``core.safezip``. It is unpacked into a temporary folder beside its place in the
cache, every file is checked against its size and hash, and only then is the folder renamed
into place. A refused zip leaves the cache exactly as it was; processes unpacking or
downloading into one cache take turns (``core.lock.folder_lock`` on the cache folder, which
writes no file).
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path, PurePosixPath
from typing import Any

from ..core import atomic
from ..core.cache import cache_dir
from ..core.catalogue.package_problems import PACKAGE_ZIP_INVALID, PACKAGE_ZIP_TOO_LARGE
from ..core.files import TooLargeError, read_regular
from ..core.hashing import sha256
from ..core.lock import folder_lock
from ..core.problems import ProblemType
from ..core.safezip import UnsafeZipError, ZipLimits, check, check_members, extract
from ..formats.packagenames import DESCRIPTOR, EXTRA_FILES
from .packageerror import PackageError
from .safedescriptor import MAX_DESCRIPTOR_BYTES, parse_descriptor, too_large

#: The largest zip accepted, in bytes (the 0.1.0 release is 0.6 MB).
MAX_ZIP_BYTES = 256 * 1024 * 1024
#: How long a process waits for another one unpacking or downloading the same thing.
LOCK_TIMEOUT = 600.0


def zip_sha256(path: Path) -> str:
    """Return the SHA-256 of the regular file ``path`` (at most ``MAX_ZIP_BYTES``), hex."""
    return sha256(read_regular(path, MAX_ZIP_BYTES))


def lock(cache: Path) -> AbstractContextManager[None]:
    """Return the lock of the cache folder ``cache`` (which must exist); see ``core.lock``."""
    return folder_lock(cache, LOCK_TIMEOUT)


def unpacked(cache: Path, digest: str) -> Path | None:
    """Return the package folder unpacked from the zip with sha256 ``digest``, if cached."""
    folder = cache / "unpacked" / digest
    if (folder / DESCRIPTOR).is_file():
        return folder
    inside = [child for child in folder.glob("*") if (child / DESCRIPTOR).is_file()]
    return inside[0] if len(inside) == 1 else None


def unpack(
    archive: Path,
    *,
    check: Callable[[Path], object],
    cache: Path | None = None,
    limits: ZipLimits | None = None,
) -> Path:
    """Unpack a data package zip into the cache, once per content; return the package folder.

    ``check`` reads the unpacked folder before it takes its place in the cache and raises
    ``PackageError`` if a file fails its hash (``datapackage.unpack_zip`` passes the reader's
    own check: this module reads zips, not packages).

    Raises ``PackageError`` with a ``package-zip-…`` problem when the zip is unreadable,
    damaged, unsafe, over the limits or not a package, and with the package's own problems
    when a file fails its hash; the cache is then left as it was.
    """
    shown = str(archive)
    try:
        digest = zip_sha256(archive)
    except TooLargeError:
        raise _refused(
            PACKAGE_ZIP_TOO_LARGE, f"{shown} is larger than {MAX_ZIP_BYTES} bytes"
        ) from None
    except OSError as error:
        message = f"{shown} cannot be read: {error.strerror or error}"
        raise _refused(PACKAGE_ZIP_INVALID, message) from None
    cache = cache or cache_dir()
    found = unpacked(cache, digest)
    if found is not None:
        return found
    # Everything that can be refused without unpacking is refused before the cache is touched.
    _unpack_into(archive, None, limits or ZipLimits())
    created = atomic.make_dirs(cache / "unpacked")
    staging: Path | None = None
    try:
        with lock(cache):
            found = unpacked(cache, digest)
            if found is not None:
                return found
            for leftover in (cache / "unpacked").glob(f".{digest}.*"):  # of a killed unpack
                shutil.rmtree(leftover, ignore_errors=True)
            staging = Path(tempfile.mkdtemp(dir=cache / "unpacked", prefix=f".{digest}."))
            top = _unpack_into(archive, staging, limits or ZipLimits())
            check(staging / top)
            staging.rename(cache / "unpacked" / digest)
            staging = None
    except OSError as error:
        raise _refused(PACKAGE_ZIP_INVALID, f"cannot unpack {shown}: {error}") from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        atomic.remove_empty(created)  # only what is still empty: none of it after a success
    found = unpacked(cache, digest)
    if found is None:  # pragma: no cover - renamed into place just above
        raise _refused(PACKAGE_ZIP_INVALID, f"{shown} did not unpack into a package")
    return found


def _unpack_into(archive: Path, staging: Path | None, limits: ZipLimits) -> str:
    """Check the zip and unpack it into ``staging`` (only check it if ``None``).

    Returns its top folder ('' if none).
    """
    shown = str(archive)
    try:
        with zipfile.ZipFile(archive) as zipped:
            check_members(zipped)  # an unsafe name is said as such, before all else
            top = _top(zipped, shown)
            descriptor = _descriptor(zipped, top, shown)
            listed = {f"{top}{path}" for path in files_of(descriptor)}
            if staging is None:
                check(zipped, limits, listed.__contains__)
            else:
                extract(zipped, staging, limits=limits, allowed=listed.__contains__)
    except zipfile.BadZipFile as error:
        raise _refused(PACKAGE_ZIP_INVALID, f"{shown} is not a readable zip: {error}") from None
    except UnsafeZipError as error:
        raise _refused(error.kind, f"{shown} is refused: {error}") from None
    return top


def files_of(descriptor: dict[str, Any]) -> list[str]:
    """Return the paths of every file a checked descriptor lists, itself and extras included."""
    return [DESCRIPTOR, *EXTRA_FILES, *(str(r["path"]) for r in descriptor["resources"])]


def _top(zipped: zipfile.ZipFile, shown: str) -> str:
    names = [info.filename for info in zipped.infolist()]
    if DESCRIPTOR in names:
        return ""
    tops = {PurePosixPath(name).parts[0] for name in names if PurePosixPath(name).parts}
    if len(tops) == 1:
        top = f"{tops.pop()}/"
        if f"{top}{DESCRIPTOR}" in names:
            return top
    raise _refused(
        PACKAGE_ZIP_INVALID,
        f"{shown} holds no {DESCRIPTOR} at its top or in one top folder: it is not a data "
        "package zip",
    )


def _descriptor(zipped: zipfile.ZipFile, top: str, shown: str) -> dict[str, Any]:
    where = f"{shown}:{top}{DESCRIPTOR}"
    info = zipped.getinfo(f"{top}{DESCRIPTOR}")
    if info.file_size > MAX_DESCRIPTOR_BYTES:
        raise PackageError(problems=[too_large(where)])
    try:
        with zipped.open(info) as stream:
            raw = stream.read(MAX_DESCRIPTOR_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        raise _refused(PACKAGE_ZIP_INVALID, f"{where} cannot be read: {error}") from None
    descriptor, problems = parse_descriptor(raw[: MAX_DESCRIPTOR_BYTES + 1], where)
    if descriptor is None:
        raise PackageError(problems=problems)
    return descriptor


def _refused(kind: ProblemType, message: str) -> PackageError:
    return PackageError(message, kind=kind)
