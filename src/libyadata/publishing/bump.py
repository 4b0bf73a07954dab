"""``libyadata version``: set the version in every place it lives, as the version rules allow.

The version lives in ``src/libyadata/_version.py`` and in ``CITATION.cff`` twice (the release's
``version`` and the preferred citation's); nothing else is touched (``date-released`` is the
release's, set by ``libyadata release``). The new version is given (``X.Y.Z``) or raised from
the latest release by a part (``--next major|minor|patch``); either way the package the sources
build now is compared with that release (``diff``) and a version the rules do not allow (not
greater, a bump smaller than the changes need, one already released) is refused with nothing
written.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core import atomic
from ..core.catalogue.package_problems import REGISTRY_INVALID, RELEASE_EXISTS
from ..core.catalogue.record_problems import PROJECT_BUSY, RELEASE_UNWRITABLE
from ..core.lock import ProjectBusyError, project_lock
from ..core.problems import Problem
from ..core.versions import version_key
from ..diff.compare import diff
from ..diff.versioning import Bump, next_version, version_check
from ..readers.datapackage import DataPackage
from ..readers.packageerror import PackageError
from ..releases.download import resolve
from ..releases.registry import REGISTRY_PATH, RegistryError, parse, version_of, zip_name
from ..sources.project import Project
from .build import render
from .citation import CITATION_FILE, VERSION_FILE, project_version, with_version


@dataclass
class Versioned:
    """What ``set_version`` did, or the problems that stopped it (then nothing was written)."""

    problems: list[Problem] = field(default_factory=list)
    old: str = ""
    new: str = ""
    previous: str | None = None
    """The release compared with; ``None`` when there is none yet."""
    required: Bump = Bump.NONE


def released_versions(project: Project) -> list[str]:
    """Return the versions in the project's release registry, oldest first."""
    text = (project.root / REGISTRY_PATH).read_text(encoding="utf-8")
    names = [name for name, _ in parse(text, REGISTRY_PATH)]
    return sorted((version for name in names if (version := version_of(name))), key=version_key)


def set_version(
    project: Project,
    version: str | None = None,
    *,
    bump: Bump | None = None,
    previous: str | None = None,
    url: str | None = None,
) -> Versioned:
    """Set ``version`` (or the latest release raised by ``bump``) where the version lives.

    ``previous`` is the release to compare with (a folder, zip or version, as ``diff`` takes
    it; default: the latest registered release, from the cache or downloaded from ``url``).
    """
    try:
        with project_lock(project.root):
            return _set(project, version, bump, previous, url)
    except ProjectBusyError as error:
        return Versioned([PROJECT_BUSY(error=error)])


def _set(
    project: Project, version: str | None, bump: Bump | None, previous: str | None, url: str | None
) -> Versioned:
    unreadable: Problem | None = None
    try:
        released = released_versions(project)
    except (OSError, UnicodeDecodeError, RegistryError) as error:
        released, unreadable = [], REGISTRY_INVALID(error=error, file=REGISTRY_PATH)
    latest = released[-1] if released else None
    result = Versioned(old=project_version(project), previous=previous or latest)
    if result.previous is not None:
        compared = _compare(project, result.previous, url)
        if isinstance(compared, list):
            return Versioned(compared, result.old)
        result.required, base = compared
    else:
        base = "0.0.0"
    result.new = version or next_version(base, bump or Bump.PATCH)
    # Always an increase over the release, even when the sources build it unchanged.
    _, problems = version_check(base, result.new, result.required, changed=True)
    if result.new in released:
        problems = [
            RELEASE_EXISTS(version=result.new, zip_name=zip_name(result.new), file=REGISTRY_PATH)
        ]
    if unreadable is not None:
        problems = [unreadable]
    if problems:
        return Versioned(problems, result.old, result.new, result.previous, result.required)
    texts = with_version(
        (project.root / CITATION_FILE).read_text(encoding="utf-8"),
        (project.root / VERSION_FILE).read_text(encoding="utf-8"),
        result.new,
    )
    files = {
        project.root / name: text.encode("utf-8")
        for name, text in zip((CITATION_FILE, VERSION_FILE), texts, strict=True)
    }
    try:
        atomic.write_all(files)
    except OSError as error:
        problem = RELEASE_UNWRITABLE(target=error.filename, reason=error.strerror or error)
        return Versioned([problem], result.old)
    return result


def _compare(project: Project, previous: str, url: str | None) -> list[Problem] | tuple[Bump, str]:
    """Return the bump the sources need over the release ``previous``, and its version.

    Problems instead when the sources do not build or ``previous`` cannot be read.
    """
    built, problems = render(project)
    if built is None:
        return problems
    try:
        old = resolve(previous, url=url)
    except PackageError as error:
        return list(error.problems)
    with tempfile.TemporaryDirectory(prefix="libyadata-version-") as folder:
        built.write_files(Path(folder))
        result = diff(old, DataPackage.open(folder))
    return result.required, old.version
