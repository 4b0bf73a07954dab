"""A lock held on a folder itself, so that taking it writes nothing.

Downloads and unpacks of the cache take turns through ``folder_lock(cache)``: ``flock`` on a
descriptor of the cache folder, which no other file needs, so a refused download leaves the
cache exactly as it was (a lock file would stay behind). The lock is per process and thread:
a thread that holds it may take it again (a download unpacks under the lock it holds) without
waiting on itself. Where ``fcntl`` is missing (Windows) it falls back to ``filelock`` on a
``.lock`` file in the folder, removed on release where the platform allows.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_POLL = 0.05
_held = threading.local()


class LockTimeoutError(TimeoutError):
    """Another process held the lock for longer than the caller would wait."""


@contextmanager
def folder_lock(folder: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (which must exist), waiting up to ``timeout`` s.

    Raises ``LockTimeoutError`` when another process still holds it after ``timeout``.
    """
    key = os.path.realpath(folder)
    depth: dict[str, int] = getattr(_held, "depth", None) or {}
    _held.depth = depth
    if depth.get(key):
        depth[key] += 1
        try:
            yield
        finally:
            depth[key] -= 1
        return
    with _acquire(folder, timeout):
        depth[key] = 1
        try:
            yield
        finally:
            depth.pop(key, None)


@contextmanager
def _acquire(folder: Path, timeout: float) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no fcntl: Windows
        yield from _file_lock(folder, timeout)
        return
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeoutError(f"{folder} is locked by another process") from None
                time.sleep(_POLL)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _file_lock(folder: Path, timeout: float) -> Iterator[None]:  # pragma: no cover - Windows
    from filelock import FileLock, Timeout

    lock = FileLock(folder / ".lock", timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeoutError(f"{folder} is locked by another process") from None
    try:
        yield
    finally:
        lock.release()
