"""Writing outputs so that a reader never sees them half-written.

A file is written next to its target and renamed over it; several files that belong together
are written all or none (``write_all``). A folder is built beside its target
and exchanged with it in one step (Linux ``renameat2(RENAME_EXCHANGE)``); where the system
cannot exchange, the old folder is renamed aside first and put back by ``recover`` if the
process dies between the two renames.
"""

from __future__ import annotations

import ctypes
import glob
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

_ASIDE = ".old-"


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    replace_file(path, lambda temporary: temporary.write_bytes(data))


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write several files so that afterwards all are new or all are as they were.

    Every folder is checked for writing before any file is written; if a write fails anyway,
    the files already written are put back (or removed, if they did not exist before). Raises
    the ``OSError`` that stopped it.
    """
    for folder in {path.parent for path in files}:
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(13, "Permission denied", str(folder))
    before = {path: path.read_bytes() if path.is_file() else None for path in files}
    written: list[Path] = []
    try:
        for path, data in files.items():
            write_bytes(path, data)
            written.append(path)
    except BaseException:
        for path in reversed(written):
            old = before[path]
            if old is None:
                path.unlink(missing_ok=True)
            else:
                write_bytes(path, old)
        raise


def replace_file(path: Path, write: Callable[[Path], object]) -> None:
    """Have ``write`` fill a temporary file beside ``path``, then rename it over ``path``.

    The contents reach the disk (fsync) before the rename, so ``path`` is always the old file
    or the whole new one. On any error the temporary file, and anything ``write`` left beside
    it (a database's journal, say), is removed. The file keeps the permissions of the one it
    replaces; a new file gets the usual ones (``0o666`` less the umask), not the private mode
    temporary files are created with.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        with temporary.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        for leftover in path.parent.glob(f"{glob.escape(temporary.name)}*"):
            leftover.unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def staging_dir(target: Path, within: Path | None = None) -> Path:
    """Create an empty folder to build ``target``'s replacement in: beside it, or in ``within``.

    ``within`` must be on the same file system as ``target`` (the swap is a rename).
    """
    folder = target.parent if within is None else within
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=f".{target.name}.build-"))
    os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; the result is not
    return staging


def replace_dir(new: Path, target: Path) -> None:
    """Put the folder ``new`` in place of ``target`` so that ``target`` is always whole."""
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new)  # ``new`` now holds the old contents
        return
    aside = target.with_name(f".{target.name}{_ASIDE}{os.getpid()}")
    if target.exists():
        os.rename(target, aside)
    os.rename(new, target)
    shutil.rmtree(aside, ignore_errors=True)


def recover(target: Path) -> None:
    """Undo what an interrupted build left: restore a folder set aside, drop staging folders."""
    parent = target.parent
    if not parent.is_dir():
        return
    asides = sorted(parent.glob(f".{target.name}{_ASIDE}*"))
    if asides and not target.exists():
        os.rename(asides.pop(), target)
    for leftover in [*asides, *parent.glob(f".{target.name}.build-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return bool(result == 0)


def write_folder(
    target: Path, fill: Callable[[Path], object], *, replaceable: Callable[[Path], bool]
) -> None:
    """Have ``fill`` write a new folder beside ``target``, then put it in place of ``target``.

    ``target`` is always the old folder or the whole new one; on any error the staging folder
    is removed and ``target`` is left as it was. An existing ``target`` is replaced only when it
    is empty or ``replaceable(target)`` says it is an earlier output of the same kind, so a
    mistyped path never wipes a folder of the user's. Raises ``FileNotFoundError`` when the
    parent folder does not exist, ``NotADirectoryError`` when ``target`` is a file and
    ``FileExistsError`` when it is a folder of something else.
    """
    if not target.parent.is_dir():
        raise FileNotFoundError(f"{target.parent} does not exist; create it first")
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} is a file; give the path of a folder")
    if target.is_dir() and any(target.iterdir()) and not replaceable(target):
        raise FileExistsError(
            f"{target} is a folder that holds other files; give a new or empty folder "
            "(an earlier output of this command is replaced whole)"
        )
    staging = staging_dir(target)
    try:
        fill(staging)
        replace_dir(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def make_dirs(path: Path) -> list[Path]:
    """Create ``path`` and its missing parents; return the folders created, outermost first.

    A caller that fails hands them to ``remove_empty`` so nothing it made is left behind.
    """
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    created = []
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            continue  # made by another process meanwhile: not ours to remove
        created.append(folder)
    return created


def remove_empty(folders: list[Path]) -> None:
    """Remove the folders ``make_dirs`` created, innermost first, where they are still empty."""
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            return  # not empty: something else uses it now


def writable(folder: Path) -> None:
    """Raise ``OSError`` unless a file can be created in ``folder`` (tried, then removed).

    Permission bits do not say it for root, a read-only mount or an immutable folder: only
    trying does.
    """
    handle, name = tempfile.mkstemp(dir=folder, prefix=".probe-")
    os.close(handle)
    os.unlink(name)


def swap_all(pairs: list[tuple[Path, Path]], journal: Path, step: Callable[[str], None]) -> None:
    """Put each staged folder in place of its target, all of them or (on failure) none.

    A journal names the pairs and the inode of each staged folder before the first swap, so
    ``recover_swaps`` can tell, after a kill, which targets hold the new folder and put the
    old ones back. ``step`` is called with ``swap-<target name>`` before each swap. On an error
    the swaps made are undone before it is raised; the staged paths then hold the new folders.
    """
    entries = [
        {"staged": str(new), "target": str(target), "inode": new.stat().st_ino}
        for new, target in pairs
    ]
    write_bytes(journal, json.dumps(entries).encode())
    done: list[tuple[Path, Path]] = []
    try:
        for new, target in pairs:
            step(f"swap-{target.name}")
            _swap(new, target)
            done.append((new, target))
    except BaseException:
        for new, target in reversed(done):
            _swap(new, target)
        journal.unlink(missing_ok=True)
        raise


class JournalError(ValueError):
    """A swap journal that is malformed, or names a path ``swap_all`` would never have written.

    Nothing is renamed or removed: the file is left for the user to inspect.
    """


#: The largest journal read: a few pairs of paths, never more than a few kilobytes.
_JOURNAL_BYTES = 64 * 1024
_JOURNAL_KEYS = frozenset({"staged", "target", "inode"})


def read_journal(
    journal: Path, allowed: Callable[[Path, Path], bool]
) -> list[tuple[Path, Path, int]] | None:
    """Return the (staged, target, inode) entries of a swap journal; ``None`` when there is none.

    The journal is input like any file read back from disk: it must be a regular file (not a
    link) holding a JSON list of the objects ``swap_all`` writes, and ``allowed(staged,
    target)`` must accept every pair. Raises ``JournalError`` saying what is wrong otherwise.
    """
    from .files import read_regular

    try:
        raw = read_regular(journal, _JOURNAL_BYTES, follow=False)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise JournalError(f"it cannot be read ({error.strerror or error})") from None
    try:
        entries = json.loads(raw)
    except (ValueError, RecursionError):
        raise JournalError("it is not the JSON a build writes") from None
    if not isinstance(entries, list) or not 1 <= len(entries) <= 16:
        raise JournalError("it does not hold a list of swaps")
    found = []
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) != _JOURNAL_KEYS:
            raise JournalError(f"an entry is not one a build writes: {str(entry)[:80]!r}")
        staged, target, inode = entry["staged"], entry["target"], entry["inode"]
        if not (isinstance(staged, str) and isinstance(target, str)):
            raise JournalError("a path in it is not text")
        if not isinstance(inode, int) or isinstance(inode, bool) or not 0 <= inode < 1 << 64:
            raise JournalError("an inode in it is not a number a file system gives")
        if "\0" in staged + target or not allowed(Path(staged), Path(target)):
            raise JournalError(
                f"it names {staged[:120]!r} and {target[:120]!r}, which are not the build's own "
                "staging and output folders"
            )
        found.append((Path(staged), Path(target), inode))
    return found


def recover_swaps(journal: Path, allowed: Callable[[Path, Path], bool]) -> None:
    """Finish or undo the swaps of a killed ``swap_all``: all new or all old, then no journal.

    If every target holds its new folder the swaps are kept; otherwise those made are undone.
    The staged paths are left for the caller to remove. Only pairs ``allowed`` accepts are
    ever renamed: a journal that names anything else raises ``JournalError`` and is kept.
    """
    entries = read_journal(journal, allowed)
    if entries is None:
        return
    swapped = [(new, target) for new, target, inode in entries if _inode(target) == inode]
    if len(swapped) != len(entries):
        for new, target in reversed(swapped):
            _swap(new, target)
    journal.unlink(missing_ok=True)


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


def _swap(new: Path, target: Path) -> None:
    """Exchange ``new`` and ``target`` (a missing side is simply moved); undoable by itself."""
    if target.exists() and new.exists():
        if not _exchange(new, target):
            aside = target.with_name(f".{target.name}{_ASIDE}{os.getpid()}")
            os.rename(target, aside)
            os.rename(new, target)
            os.rename(aside, new)
    elif new.exists():
        os.rename(new, target)
    elif target.exists():
        os.rename(target, new)
