"""One command at a time changing a project's sources: an advisory lock on its folder.

``libyadata seed add`` and ``libyadata review`` read a file, decide something from it (the
next seed number, the next record id) and write it back; two at once would give two seeds one
number, or lose a record. They hold ``project_lock`` while they do: an exclusive ``flock`` on
the project folder itself, so taking it writes nothing and works in a read-only checkout. A
second command waits up to ``WAIT_SECONDS`` and then gives up with ``ProjectBusyError``
rather than hang. Where the system has no ``flock`` (Windows) commands are not serialised.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: How long a command waits for another to finish changing the project.
WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.05


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
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock on this system
        yield
        return
    handle = os.open(root, os.O_RDONLY)
    try:
        deadline = time.monotonic() + waited
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ProjectBusyError(root, waited) from None
                time.sleep(_POLL_SECONDS)
        yield
    finally:
        os.close(handle)  # closing the only descriptor releases the lock
