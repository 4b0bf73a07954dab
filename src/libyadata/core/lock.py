"""Advisory locks held on a folder itself, so that taking one writes nothing.

``folder_lock(folder, timeout)`` is an exclusive ``flock`` on a descriptor of the folder: no
lock file is made, so it works in a read-only checkout and a refused download leaves the cache
exactly as it was. It is per process and thread: a thread that holds it may take it again (a
download unpacks under the lock it holds) without waiting on itself. Where the system has no
``flock`` (Windows) it falls back to ``filelock`` on a ``.lock`` file in the folder (removed on
release where the platform allows), and to no lock at all where that file cannot be made.

Two users. ``libyadata seed add`` and ``libyadata review`` read a file, decide something from
it (the next seed number, the next record id) and write it back; two at once would give two
seeds one number, or lose a record. They hold ``project_lock`` while they do; a second command
waits up to ``WAIT_SECONDS`` and then gives up with ``ProjectBusyError`` rather than hang.
Downloads and unpacks into the cache take turns on the cache folder (``readers.archive``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

#: How long a command waits for another to finish changing the project.
WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.05
_held = threading.local()


class LockTimeoutError(TimeoutError):
    """Another process held a folder's lock for longer than the caller would wait."""


class ProjectBusyError(RuntimeError):
    """Another command held the project's lock for longer than the wait allowed."""

    def __init__(self, root: Path, waited: float) -> None:
        super().__init__(
            f"another libyadata command is changing {root} (waited {waited:g} s); "
            "try again when it has finished"
        )
        self.root = root


@contextmanager
def project_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock of the project at ``root`` for the duration of the block.

    Waits up to ``wait`` seconds (``WAIT_SECONDS`` when not given) for another holder.
    """
    waited = WAIT_SECONDS if wait is None else wait
    with ExitStack() as stack:
        try:
            stack.enter_context(folder_lock(root, waited))
        except LockTimeoutError:
            raise ProjectBusyError(root, waited) from None
        yield


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
    except ImportError:  # pragma: no cover - no flock: Windows
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
                time.sleep(_POLL_SECONDS)
        yield
    finally:
        os.close(descriptor)  # closing the only descriptor releases the lock


def _file_lock(folder: Path, timeout: float) -> Iterator[None]:  # pragma: no cover - Windows
    from filelock import FileLock, Timeout

    lock = FileLock(folder / ".lock", timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeoutError(f"{folder} is locked by another process") from None
    except OSError:  # a read-only folder: no lock file can be made, so no lock
        yield
        return
    try:
        yield
    finally:
        lock.release()
