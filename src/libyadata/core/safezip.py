"""Unpacking a zip that may be hostile: nothing outside the folder, no links, no bombs.

``zipfile.extractall`` writes members with ``..`` or absolute names inside the folder but
trusts everything else: a symbolic link member becomes a plain file holding the link's text,
and a two-megabyte member that inflates to gigabytes is written in full. ``extract`` checks
the whole central directory first and refuses a zip with any member that is absolute, climbs
with ``..``, holds a backslash or a control character, repeats a name, is a link, a device or a
pipe, is encrypted, or is not one the caller allows; and a zip whose members, total size or
compression ratio are over the limits. Then it writes each file itself, counting the bytes it
actually inflates, so a central directory that lies about sizes gains nothing.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .catalogue.package_problems import (
    PACKAGE_ZIP_INVALID,
    PACKAGE_ZIP_TOO_LARGE,
    PACKAGE_ZIP_UNLISTED,
    PACKAGE_ZIP_UNSAFE,
)
from .problems import ProblemType

_UNIX = 3
_CHUNK = 1 << 16
#: Members smaller than this are not held to the ratio limit: tiny files compress oddly.
_RATIO_FLOOR = 1 << 20


@dataclass(frozen=True)
class ZipLimits:
    """How much a zip may unpack to."""

    max_total: int = 512 * 1024 * 1024
    """Bytes of all members together, uncompressed."""
    max_members: int = 10_000
    max_ratio: float = 100.0
    """Uncompressed over compressed size, for the whole zip and any member over 1 MiB."""


class UnsafeZipError(ValueError):
    """The zip is refused; ``kind`` (a ``package-zip-…`` type of the catalogue) says why."""

    def __init__(self, kind: ProblemType, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def member_problem(info: zipfile.ZipInfo) -> str | None:
    """Say why a member may not be unpacked (name or kind); ``None`` if it may."""
    name = info.filename
    parts = name.rstrip("/").split("/")
    kind = stat.S_IFMT(info.external_attr >> 16) if info.create_system == _UNIX else 0
    rules = (
        (any(ord(char) < 0x20 for char in name), "holds a control character"),
        ("\\" in name, "holds a backslash"),
        (name.startswith("/") or ":" in parts[0], "is an absolute path"),
        (".." in parts, "climbs out of the folder with '..'"),
        (any(part in {"", "."} for part in parts), "has an empty or '.' part"),
        (bool(info.flag_bits & 0x1), "is encrypted"),
        (kind == stat.S_IFLNK, "is a symbolic link"),
        (kind not in {0, stat.S_IFREG, stat.S_IFDIR, stat.S_IFLNK}, "is a device or pipe"),
    )
    return next((reason for broken, reason in rules if broken), None)


def check_members(archive: zipfile.ZipFile) -> None:
    """Refuse the zip if any member's name or kind is unsafe (see ``member_problem``)."""
    for info in archive.infolist():
        reason = member_problem(info)
        if reason is not None:
            raise UnsafeZipError(PACKAGE_ZIP_UNSAFE, f"member {info.filename!r} {reason}")


def check(
    archive: zipfile.ZipFile, limits: ZipLimits, allowed: Callable[[str], bool]
) -> list[zipfile.ZipInfo]:
    """Check every member against the rules and limits; return the file members to unpack.

    ``allowed`` says whether a file member's name may be unpacked; folders may be listed only
    as parents of allowed files. Raises ``UnsafeZipError``.
    """
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise UnsafeZipError(
            PACKAGE_ZIP_TOO_LARGE, f"it has {len(members)} members, more than {limits.max_members}"
        )
    check_members(archive)
    seen: set[str] = set()
    files = []
    for info in members:
        name = info.filename.rstrip("/")
        if name in seen:
            raise UnsafeZipError(PACKAGE_ZIP_UNSAFE, f"member {info.filename!r} is listed twice")
        seen.add(name)
        if not info.is_dir():
            if not allowed(info.filename):
                raise UnsafeZipError(
                    PACKAGE_ZIP_UNLISTED, f"member {info.filename!r} is not a file of the package"
                )
            files.append(info)
    parents = {str(PurePosixPath(info.filename).parent) for info in files}
    folders = seen - {info.filename for info in files}
    strays = [f for f in folders if not any(p == f or p.startswith(f"{f}/") for p in parents)]
    if strays:
        raise UnsafeZipError(
            PACKAGE_ZIP_UNLISTED, f"member {sorted(strays)[0]!r}/ is not a folder of the package"
        )
    total = sum(info.file_size for info in files)
    packed = sum(info.compress_size for info in files)
    if total > limits.max_total:
        raise UnsafeZipError(
            PACKAGE_ZIP_TOO_LARGE, f"it unpacks to {total} bytes, more than {limits.max_total}"
        )
    for info in files:
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise UnsafeZipError(
                PACKAGE_ZIP_TOO_LARGE,
                f"member {info.filename!r} inflates {info.compress_size} bytes to "
                f"{info.file_size}, more than {limits.max_ratio:g} times (a zip bomb)",
            )
    if total > _RATIO_FLOOR and total > limits.max_ratio * max(packed, 1):
        raise UnsafeZipError(
            PACKAGE_ZIP_TOO_LARGE, f"it inflates {packed} bytes to {total} (a zip bomb)"
        )
    return files


def extract(
    archive: zipfile.ZipFile,
    destination: Path,
    *,
    limits: ZipLimits,
    allowed: Callable[[str], bool],
) -> None:
    """Check the zip (see ``check``), then unpack its files into the empty folder ``destination``.

    Raises ``UnsafeZipError`` (``package-zip-invalid`` for a damaged zip: a bad CRC, a truncated
    member, a compression it cannot read). What was written before an error stays in
    ``destination``: the caller unpacks into a temporary folder and removes it.
    """
    files = check(archive, limits, allowed)
    written = 0
    try:
        for info in files:
            target = destination.joinpath(*info.filename.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            with os.fdopen(os.open(target, flags, 0o644), "wb") as out, archive.open(info) as src:
                size = 0
                while chunk := src.read(_CHUNK):
                    size += len(chunk)
                    written += len(chunk)
                    if size > info.file_size or written > limits.max_total:
                        raise UnsafeZipError(
                            PACKAGE_ZIP_TOO_LARGE,
                            f"member {info.filename!r} inflates past the size the zip declares",
                        )
                    out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        raise UnsafeZipError(PACKAGE_ZIP_INVALID, f"it is damaged: {error}") from None
