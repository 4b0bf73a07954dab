"""Reading files that may be hostile: regular files only, never more than a cap, never a hang.

A named pipe opened for reading blocks until a writer comes, a device such as ``/dev/zero``
never ends, and a file may be far larger than anything sensible. ``read_regular`` opens
without blocking, checks what it opened is a regular file, and reads at most a cap; the errors
are ``OSError`` subclasses, so code that already reports unreadable files reports these too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
    stat.S_IFLNK: "a symbolic link",
}


class NotRegularError(OSError):
    """The path is a pipe, a device, a socket or a folder, not a regular file."""


class TooLargeError(OSError):
    """The file holds more bytes than the caller accepts."""


def kind_of(mode: int) -> str:
    """Name the kind of file ``mode`` (an ``st_mode``) describes: ``a named pipe``, ..."""
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def regular(path: Path) -> bool:
    """Whether ``path`` is a regular file (following symbolic links), without opening it."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def read_regular(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """Return the bytes of the regular file ``path``, refusing anything else or over ``limit``.

    Raises ``NotRegularError`` for a pipe, device, socket or folder (checked on the opened
    file, so nothing can swap it in between), and with ``follow=False`` for a symbolic link
    (not followed: refused as it is opened); ``TooLargeError`` for a file of more than
    ``limit`` bytes (only ``limit + 1`` are ever read), and ``OSError`` as ``open`` does.
    """
    # O_NONBLOCK: opening a pipe with no writer must not wait for one.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if not follow and error.errno == errno.ELOOP:
            raise NotRegularError(
                errno.ELOOP, "a symbolic link, not a regular file", os.fspath(path)
            ) from None
        raise
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):  # as reading a folder has always failed
            raise IsADirectoryError(errno.EISDIR, "Is a directory", os.fspath(path))
        if not stat.S_ISREG(mode):
            raise NotRegularError(
                errno.EINVAL, f"{kind_of(mode)}, not a regular file", os.fspath(path)
            )
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLargeError(
            errno.EFBIG, f"more than {limit} bytes, the most accepted here", os.fspath(path)
        )
    return data
