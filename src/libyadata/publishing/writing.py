"""Putting a build in place: one build at a time, staged folders swapped in together.

A build of a checkout takes a file lock (a second build waits, then says another one is
running), clears what a killed build left (``recover``), tries every output folder for writing,
has the caller stage ``datasets/package`` and ``dist/`` beside their places, and swaps both in
through ``core.atomic.swap_all``, whose journal lets the next build undo a half-made swap. The
named steps (``STEPS``) let a test stop the process dead at each one (``LIBYADATA_KILL_AT``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..core import atomic
from ..core.catalogue.package_problems import BUILD_INTERRUPTED, BUILD_JOURNAL, BUILD_LOCKED
from ..core.catalogue.record_problems import OUTPUT_UNWRITABLE
from ..core.problems import Problem
from ..sources.project import Project
from . import releasing

#: Environment variable that makes a build stop dead (``os._exit``) on reaching the named step,
#: as a kill would: the tests use it to prove every step leaves the old or the new state.
KILL_ENV = "LIBYADATA_KILL_AT"
#: The steps of a release around its build's, in order (``publishing.makerelease``).
RELEASE_STEPS = (
    "release-begun",
    "release-versioned",
    "release-rendered",
    "release-written",
    "release-registered",
)
#: The steps of a build's write, in order; ``swap-<folder>`` come before each swap.
STEPS = (
    "locked",
    "recovered",
    "checked",
    "staged",
    "verified",
    "swap-package",
    "swap-dist",
    "swapped",
)
#: Exit status of a build stopped by ``KILL_ENV``.
KILLED = 75
#: One build at a time per checkout: the lock, and the journal of the swaps in progress.
LOCK_FILE = "datasets/.package.lock"
JOURNAL_FILE = "datasets/.package.swap"
#: Where a build stages its folders, under the ignored ``datasets/.package.*`` (never at the
#: top of the checkout); emptied by the next build.
STAGING_DIR = "datasets/.package.staging"
#: How long a build waits for another one of the same checkout to finish.
LOCK_TIMEOUT = 600.0

#: Fills the two staging folders (package, dist) and returns the problems of the staged
#: package; none means it may be swapped in.
Stage = Callable[[Path, Path], list[Problem]]


class _LockedError(Exception):
    """Another build of the same checkout holds the lock for longer than ``LOCK_TIMEOUT``."""


def step(name: str) -> None:
    """Mark reaching step ``name``; stop the process there if ``LIBYADATA_KILL_AT`` names it."""
    if os.environ.get(KILL_ENV) == name:
        os._exit(KILLED)


def put_in_place(
    project: Project,
    package: Path,
    dist: Path,
    stage: Stage,
    waiting: Callable[[str], None] | None = None,
) -> list[Problem]:
    """Stage ``package`` and ``dist`` with ``stage``, then swap both into place, or neither.

    Under the checkout's lock (``waiting`` is told when this build has to wait): a killed
    build's leftovers are cleared, every output folder is tried for writing, then staged and
    swapped. Returns ``stage``'s problems, or one saying another build holds the lock or a
    folder cannot be written; the previous package and ``dist/`` are then as they were.
    """
    try:
        with _locked(project, waiting):
            step("locked")
            recover(project, (package, dist))
            step("recovered")
            return _swap_in(project, package, dist, stage)
    except _LockedError as error:
        return [BUILD_LOCKED(message=str(error), file=LOCK_FILE)]
    except atomic.JournalError as error:
        return [BUILD_JOURNAL(shown=JOURNAL_FILE, reason=error, file=JOURNAL_FILE)]
    except OSError as error:
        where = error.filename or project.relative(package)
        return [
            OUTPUT_UNWRITABLE(
                target=project.relative(Path(where)),
                reason=error.strerror or error,
                file=project.relative(Path(where)) if error.filename else None,
            )
        ]


def _swap_in(project: Project, package: Path, dist: Path, stage: Stage) -> list[Problem]:
    for folder in (package.parent, package, project.root, dist):
        if folder.exists():
            atomic.writable(folder)
    step("checked")
    staged: list[Path] = []
    try:
        area = _staging(project)
        staged += [atomic.staging_dir(package, area), atomic.staging_dir(dist, area)]
        problems = stage(staged[0], staged[1])
        if problems:
            return problems
        step("verified")
        atomic.swap_all(list(zip(staged, (package, dist), strict=True)), _journal(project), step)
        step("swapped")
        _journal(project).unlink(missing_ok=True)
    finally:
        for folder in staged:  # the new folders on failure, the old ones after the swaps
            shutil.rmtree(folder, ignore_errors=True)
        with suppress(OSError):  # empty now, unless another build's is in it
            _staging(project).rmdir()
    return []


def _journal(project: Project) -> Path:
    return project.root / JOURNAL_FILE


def _staging(project: Project) -> Path:
    return project.root / STAGING_DIR


def _allowed(project: Project, targets: tuple[Path, ...]) -> Callable[[Path, Path], bool]:
    """Accept only a pair a build of ``project`` writes: a target and a staging folder of it."""
    area = os.path.abspath(_staging(project))
    known = {os.path.abspath(target): target for target in targets}

    def allowed(staged: Path, target: Path) -> bool:
        where = known.get(os.path.abspath(target))
        return (
            where is not None
            and staged.is_absolute()
            and os.path.dirname(os.path.abspath(staged)) == area
            and staged.name.startswith(f".{where.name}.build-")
            and not staged.is_symlink()
            and not where.is_symlink()
        )

    return allowed


@contextmanager
def _locked(project: Project, waiting: Callable[[str], None] | None) -> Iterator[None]:
    from filelock import FileLock, Timeout

    path = project.root / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if waiting is not None:
            waiting(f"another build of {project.root} is running; waiting for it to finish")
        try:
            lock.acquire(timeout=LOCK_TIMEOUT)
        except Timeout:
            raise _LockedError(
                f"another build of {project.root} has held {LOCK_FILE} for {LOCK_TIMEOUT:g} s"
            ) from None
    try:
        yield
    finally:
        lock.release()


def settle(
    project: Project,
    targets: tuple[Path, ...],
    waiting: Callable[[str], None] | None = None,
) -> list[Problem]:
    """Under the lock, put back what a killed build or release left; the problems if it cannot.

    A build's half-made swap is undone first, so the package in place is wholly the old one or
    wholly the new; then a killed release is undone, or finished if its package is in place.
    ``build`` and ``release`` call it before they read the project. With nothing left behind it
    takes no lock and writes nothing.
    """
    left = (_journal(project), _staging(project), project.root / releasing.RELEASE_JOURNAL_FILE)
    if not any(path.exists() or path.is_symlink() for path in left):
        return []
    try:
        with _locked(project, waiting):
            recover(project, targets)
            return releasing.recover(project)
    except _LockedError as error:
        return [BUILD_LOCKED(message=str(error), file=LOCK_FILE)]
    except atomic.JournalError as error:
        return [BUILD_JOURNAL(shown=JOURNAL_FILE, reason=error, file=JOURNAL_FILE)]
    except OSError as error:
        shown = project.relative(Path(error.filename)) if error.filename else project.root
        return [OUTPUT_UNWRITABLE(target=shown, reason=error.strerror or error, file=None)]


def recover(project: Project, targets: tuple[Path, ...]) -> None:
    """Clear what a killed build left: undo a half-made swap, remove staged folders.

    Called by every build (under the lock) before it writes anything.
    """
    atomic.recover_swaps(_journal(project), _allowed(project, targets))
    staging = _staging(project)
    if staging.is_dir() and not staging.is_symlink():
        shutil.rmtree(staging)
    elif staging.is_symlink() or staging.exists():
        raise atomic.JournalError(f"{STAGING_DIR} is not a folder of the build's")
    for target in targets:
        atomic.recover(target)
        for leftover in target.glob(".*.tmp") if target.is_dir() else ():  # of builds before 0.2
            leftover.unlink(missing_ok=True)


def interrupted(project: Project, targets: tuple[Path, ...]) -> list[Problem]:
    """Report a build killed while swapping (its journal is still there), for ``--check``.

    A journal that cannot be trusted is reported as such; so is a killed release
    (``releasing``).
    """
    problems = releasing.interrupted(project)
    try:
        entries = atomic.read_journal(_journal(project), _allowed(project, targets))
    except atomic.JournalError as error:
        return [*problems, BUILD_JOURNAL(shown=JOURNAL_FILE, reason=error, file=JOURNAL_FILE)]
    if entries is None:
        return problems
    return [*problems, BUILD_INTERRUPTED(file=JOURNAL_FILE)]
