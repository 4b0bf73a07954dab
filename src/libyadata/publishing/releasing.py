"""The journal of a release in progress: a killed release is undone, or finished, next time.

``libyadata release`` changes four files (``CITATION.cff``, the version file, CHANGELOG and the
release registry) around the build that swaps in the package and ``dist/``. Before it changes
the first it writes ``datasets/.package.release`` (ignored, like every build's state): the
version, the step reached, the files as they were and, once the build is rendered, the two
files it writes last. The next ``build`` or ``release`` (under the build's lock) reads it back:
if the package in place is the released version the release is finished (CHANGELOG and the
registry written), otherwise every file is put back as it was; ``build --check`` reports it.

The journal is input like any file read back from disk: a journal that is malformed, names
another file or does not hold text is reported with a code and left for the user to inspect.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..core import atomic
from ..core.catalogue.package_problems import RELEASE_INTERRUPTED, RELEASE_JOURNAL
from ..core.files import read_regular
from ..core.problems import Problem
from ..core.versions import version_key
from ..releases.registry import REGISTRY_PATH
from ..sources.project import Project
from .citation import CITATION_FILE, VERSION_FILE

#: The journal of a release in progress.
RELEASE_JOURNAL_FILE = "datasets/.package.release"
CHANGELOG_FILE = "CHANGELOG.md"
#: Every file a release changes, and so every file its journal may name.
RELEASE_FILES = (CITATION_FILE, VERSION_FILE, CHANGELOG_FILE, REGISTRY_PATH)
#: The package whose version says whether the release's build was swapped in.
_PACKAGE_DESCRIPTOR = "datasets/package/datapackage.json"
#: The largest journal read: the four files it holds are tens of kilobytes.
_MAX_BYTES = 8 * 1024 * 1024


@dataclass
class Journal:
    """What a release in progress has changed and will change."""

    version: str
    step: str
    originals: dict[str, str]
    """Each file of ``RELEASE_FILES`` as it was before the release."""
    final: dict[str, str] = field(default_factory=dict)
    """The files written after the build (CHANGELOG, registry), once they are rendered."""

    def save(self, project: Project) -> None:
        """Write the journal (atomically: it is always whole)."""
        data = {
            "version": self.version,
            "step": self.step,
            "originals": self.originals,
            "final": self.final,
        }
        atomic.write_bytes(project.root / RELEASE_JOURNAL_FILE, json.dumps(data).encode())


class ReleaseJournalError(ValueError):
    """A release journal that cannot be trusted; it is left in place."""


def begin(project: Project, version: str, originals: dict[str, bytes]) -> Journal:
    """Write the journal of a release of ``version`` before any of ``originals`` changes."""
    journal = Journal(
        version, "begun", {name: data.decode("utf-8") for name, data in originals.items()}
    )
    journal.save(project)
    return journal


def end(project: Project) -> None:
    """Remove the journal: the release is whole, or was undone."""
    (project.root / RELEASE_JOURNAL_FILE).unlink(missing_ok=True)


def read(project: Project) -> Journal | None:
    """Return the journal of a killed release, ``None`` if there is none.

    Raises ``ReleaseJournalError`` saying why a journal that is there cannot be trusted.
    """
    path = project.root / RELEASE_JOURNAL_FILE
    try:
        raw = read_regular(path, _MAX_BYTES, follow=False)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ReleaseJournalError(f"it cannot be read ({error.strerror or error})") from None
    try:
        data: Any = json.loads(raw)
    except (ValueError, RecursionError):
        raise ReleaseJournalError("it is not the JSON a release writes") from None
    if not isinstance(data, dict) or set(data) != {"version", "step", "originals", "final"}:
        raise ReleaseJournalError("it does not hold what a release writes")
    version, step = data["version"], data["step"]
    if not isinstance(version, str) or not isinstance(step, str) or len(step) > 64:
        raise ReleaseJournalError("its version or step is not text")
    try:
        version_key(version)
    except ValueError:
        raise ReleaseJournalError(f"{version[:40]!r} is not a version") from None
    originals, final = data["originals"], data["final"]
    if not _files(originals) or set(originals) != set(RELEASE_FILES):
        raise ReleaseJournalError("it does not hold the four files a release changes")
    if not _files(final) or not set(final) <= {CHANGELOG_FILE, REGISTRY_PATH}:
        raise ReleaseJournalError("it names files a release does not write")
    return Journal(version, step, originals, final)


def _files(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(name, str) and name in RELEASE_FILES and isinstance(text, str)
        for name, text in value.items()
    )


def recover(project: Project) -> list[Problem]:
    """Undo or finish a killed release; its problem if the journal cannot be trusted.

    Called with the build's lock held, after a killed build's swaps were recovered: the package
    in place is then wholly the old one or wholly the release's.
    """
    try:
        journal = read(project)
    except ReleaseJournalError as error:
        return [_untrusted(error)]
    if journal is None:
        return []
    if journal.final and _package_version(project) == journal.version:
        texts = {**journal.originals, **journal.final}
        kept = {CITATION_FILE, VERSION_FILE}  # already the release's, written first
        for name in RELEASE_FILES:
            if name not in kept:
                atomic.write_bytes(project.root / name, texts[name].encode("utf-8"))
    else:
        for name in RELEASE_FILES:
            atomic.write_bytes(project.root / name, journal.originals[name].encode("utf-8"))
    end(project)
    return []


def interrupted(project: Project) -> list[Problem]:
    """Report a killed release, for ``build --check``."""
    try:
        journal = read(project)
    except ReleaseJournalError as error:
        return [_untrusted(error)]
    if journal is None:
        return []
    return [
        RELEASE_INTERRUPTED(
            version=journal.version,
            step=journal.step,
            shown=RELEASE_JOURNAL_FILE,
            file=RELEASE_JOURNAL_FILE,
        )
    ]


def _untrusted(error: ReleaseJournalError) -> Problem:
    return RELEASE_JOURNAL(
        shown=RELEASE_JOURNAL_FILE, reason=error, file=RELEASE_JOURNAL_FILE, version="", step=""
    )


def _package_version(project: Project) -> str | None:
    try:
        descriptor = json.loads(read_regular(project.root / _PACKAGE_DESCRIPTOR, 8 << 20))
    except (OSError, ValueError, RecursionError):
        return None
    found = descriptor.get("version") if isinstance(descriptor, dict) else None
    return found if isinstance(found, str) else None
