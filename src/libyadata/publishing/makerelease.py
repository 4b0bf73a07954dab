"""``libyadata release VERSION``: a new data release made in one step, all of it or none of it.

A release sets the version and date in ``CITATION.cff`` and the package version, builds the
package, compares it with the previous release (records and schemas, classified by the
version rules of ``diff``), and refuses a version that is not greater than the previous one
by at least the bump the changes need, or one already released. Then it writes
``datasets/package`` and ``dist/`` (the zip, ``SHA256SUMS`` and every writer in
``RELEASE_EXTRAS``) as one build does, adds the zip's line to the release registry, and moves
CHANGELOG's Unreleased section under the version with the record-level diff summary.

Every file it will touch is tried for writing and everything is rendered before the first
write; if a step still fails, the files already changed are put back as they were. It lives
with the build it makes (``diff`` and ``releases``, which it reads, rank below ``publishing``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core import atomic
from ..core.catalogue.package_problems import (
    REGISTRY_INVALID,
    RELEASE_CHANGELOG,
    RELEASE_EPOCH,
    RELEASE_EXISTS,
    VERSION_MISMATCH,
)
from ..core.catalogue.record_problems import RELEASE_UNWRITABLE, VERSION_INVALID
from ..core.problems import Problem
from ..core.versions import version_key
from ..diff.compare import diff
from ..diff.report import Diff
from ..diff.versioning import bump_between
from ..readers.datapackage import DataPackage
from ..readers.packageerror import PackageError
from ..releases.download import resolve
from ..releases.registry import REGISTRY_PATH, RegistryError, parse, version_of, zip_name
from ..sources.project import Project
from . import releasing
from .build import DIST_DIR, PACKAGE_DIR, Build, DistWriter, render, write
from .citation import CITATION_FILE, VERSION_FILE, project_version, with_version
from .writing import settle, step

#: What a release writes into ``dist/`` besides the zip and ``SHA256SUMS`` (the site of each
#: release goes here): writers called with the build and the staged ``dist/`` folder.
RELEASE_EXTRAS: list[DistWriter] = []

CHANGELOG_FILE = releasing.CHANGELOG_FILE
_UNRELEASED = re.compile(r"^## \[Unreleased\][^\n]*\n", re.MULTILINE)
_NEXT_SECTION = re.compile(r"^## \[", re.MULTILINE)
_CFF_VERSION = re.compile(r'^(\s*version:\s*)"?[^"\n]*"?\s*$', re.MULTILINE)


@dataclass
class Released:
    """What ``release`` did, or the problems that stopped it (then it changed nothing)."""

    problems: list[Problem] = field(default_factory=list)
    build: Build | None = None
    diff: Diff | None = None
    previous: str | None = None


def release(
    project: Project,
    version: str,
    *,
    date: dt.date | None = None,
    previous: str | None = None,
    url: str | None = None,
    extras: Sequence[DistWriter] = (),
    waiting: Callable[[str], None] | None = None,
) -> Released:
    """Release ``version`` of ``project``; see the module's docstring.

    ``date`` is the release date (default: today, UTC); ``previous`` the package to compare
    with (a folder, zip or version, as ``diff`` takes it; default: the latest registered
    release, from the cache or downloaded from ``url``). ``extras`` write more assets into
    ``dist/``, after those of ``RELEASE_EXTRAS`` (the CLI passes the site's).
    """
    date = date or dt.datetime.now(dt.UTC).date()
    registry_path = project.root / REGISTRY_PATH
    targets = (project.root / PACKAGE_DIR, project.root / DIST_DIR)
    # A killed release or build is put right first; then what would refuse this one.
    found = settle(project, targets, waiting) or _refusals(project, version, registry_path)
    if found:
        return Released(found)
    released = [name for name, _ in parse(registry_path.read_text(encoding="utf-8"), "")]
    versions = sorted(filter(None, map(version_of, released)), key=version_key)
    previous = previous or (versions[-1] if versions else None)
    originals = {
        name: (project.root / name).read_bytes()
        for name in (CITATION_FILE, VERSION_FILE, CHANGELOG_FILE, REGISTRY_PATH)
    }
    changed: list[str] = []
    try:
        journal = releasing.begin(project, version, originals)
        _reached(project, journal, "release-begun")
        for name, text in _versioned(originals, version, date).items():
            atomic.write_bytes(project.root / name, text.encode("utf-8"))
            changed.append(name)
        _reached(project, journal, "release-versioned")
        result = _build_and_compare(project, previous, url)
        if result.problems or result.build is None:
            return _undo(project, originals, changed, result)
        notes = _changelog(
            originals[CHANGELOG_FILE].decode("utf-8"), version, date, result.build, result.diff
        )
        if isinstance(notes, Problem):
            return _undo(project, originals, changed, Released([notes]))
        line = f"{result.build.zip_name} {result.build.zip_sha256}\n"
        registry = originals[REGISTRY_PATH].decode("utf-8")
        registry += ("" if registry.endswith("\n") or not registry else "\n") + line
        journal.final = {CHANGELOG_FILE: notes, REGISTRY_PATH: registry}
        _reached(project, journal, "release-rendered")
        problems = write(project, result.build, extras=[*RELEASE_EXTRAS, *extras], waiting=waiting)
        if problems:
            return _undo(project, originals, changed, Released(problems))
        _reached(project, journal, "release-written")
        for name, text in journal.final.items():
            atomic.write_bytes(project.root / name, text.encode("utf-8"))
            changed.append(name)
        _reached(project, journal, "release-registered")
        releasing.end(project)
    except OSError as error:
        problem = RELEASE_UNWRITABLE(
            target=error.filename or project.root, reason=error.strerror or error
        )
        return _undo(project, originals, changed, Released([problem]))
    result.previous = previous
    return result


def _refusals(project: Project, version: str, registry_path: Path) -> list[Problem]:
    problems = []
    try:
        bump_between("0.0.0", version)
    except ValueError as error:
        problems.append(VERSION_INVALID(error=error, field="version"))
    if os.environ.get("SOURCE_DATE_EPOCH"):
        problems.append(RELEASE_EPOCH())
    try:
        registered = dict(parse(registry_path.read_text(encoding="utf-8"), REGISTRY_PATH))
    except (OSError, UnicodeDecodeError, RegistryError) as error:
        hint = "release from a checkout, whose registry is readable"
        return [*problems, REGISTRY_INVALID(error=error, file=REGISTRY_PATH, hint=hint)]
    if zip_name(version) in registered:
        problems.append(
            RELEASE_EXISTS(version=version, zip_name=zip_name(version), file=REGISTRY_PATH)
        )
    for name in (CITATION_FILE, VERSION_FILE, CHANGELOG_FILE, REGISTRY_PATH):
        try:
            atomic.writable((project.root / name).parent)
            (project.root / name).read_bytes()
        except OSError as error:
            problems.append(
                RELEASE_UNWRITABLE(
                    target=name,
                    reason=error.strerror or error,
                    file=name,
                    hint="release from a whole, writable checkout",
                )
            )
    return problems


def _versioned(originals: dict[str, bytes], version: str, date: dt.date) -> dict[str, str]:
    citation, code = with_version(
        originals[CITATION_FILE].decode("utf-8"), originals[VERSION_FILE].decode(), version, date
    )
    return {CITATION_FILE: citation, VERSION_FILE: code}


def _build_and_compare(project: Project, previous: str | None, url: str | None) -> Released:
    package_version, cited = project_version(project), _version_in_citation(project)
    if package_version != cited:
        mismatch = VERSION_MISMATCH(
            shown=CITATION_FILE, version=cited, package_version=package_version, file=CITATION_FILE
        )
        return Released([mismatch])
    built, problems = render(project)
    if built is None:
        return Released(problems)
    if previous is None:  # the first release: nothing to compare with
        return Released([], built)
    try:
        old = resolve(previous, url=url)
    except PackageError as error:
        return Released(list(error.problems))
    with tempfile.TemporaryDirectory(prefix="libyadata-release-") as folder:
        built.write_files(Path(folder))
        result = diff(old, DataPackage.open(folder))
    return Released(list(result.problems), built, result)


def _version_in_citation(project: Project) -> str | None:
    found = _CFF_VERSION.search((project.root / CITATION_FILE).read_text(encoding="utf-8"))
    return found.group(0).split(":", 1)[1].strip().strip('"') if found else None


def _changelog(
    text: str, version: str, date: dt.date, build: Build, changes: Diff | None
) -> str | Problem:
    heading = _UNRELEASED.search(text)
    if heading is None:
        return RELEASE_CHANGELOG(changelog=CHANGELOG_FILE, file=CHANGELOG_FILE)
    rest = text[heading.end() :]
    following = _NEXT_SECTION.search(rest)
    notes = (rest[: following.start()] if following else rest).strip()
    after = rest[following.start() :] if following else ""
    summary = changes.to_markdown().strip() if changes is not None else ""
    section = [
        f"## [{version}] - {date.isoformat()}",
        "",
        f"Data release `{build.zip_name}`, sha256 in `{REGISTRY_PATH}`.",
        "",
    ]
    for part in (notes, summary):
        if part:
            section += [part, ""]
    return f"{text[: heading.end()]}\n{chr(10).join(section)}\n{after}".replace("\n\n\n", "\n\n")


def _reached(project: Project, journal: releasing.Journal, name: str) -> None:
    """Record reaching release step ``name`` in the journal, then pass the step's kill point."""
    journal.step = name
    journal.save(project)
    step(name)


def _undo(
    project: Project, originals: dict[str, bytes], changed: list[str], result: Released
) -> Released:
    for name in reversed(changed):
        atomic.write_bytes(project.root / name, originals[name])
    releasing.end(project)
    return result
