"""``libyadata validate``: every layer over a project or a built package, in one report.

Layers, in order: ``parse`` (the files load), ``records`` (each record against its model),
``cross-record`` (ids, foreign keys, retractions), ``provenance`` (seed hashes, spans, names,
dates against publication), ``schema`` (committed schemas against the models; projects only)
and ``package`` (the built package: Data Package v2 profile, frictionless, and for a project,
that it is what a build of the sources gives). Every problem found is reported, not the first.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.catalogue import LAYERS
from ..core.problems import Problem, Report
from ..core.problemtype import CROSS_RECORD, PACKAGE, PROVENANCE, SCHEMA
from ..formats.packagenames import DESCRIPTOR
from ..sources.project import Project

if TYPE_CHECKING:
    from ..checks.packagefiles import PackageCheck
    from ..checks.sources import Checked

#: Layers that can be left out; the others are what every later layer stands on.
SKIPPABLE: tuple[str, ...] = (CROSS_RECORD, PROVENANCE, SCHEMA, PACKAGE)


class UsageError(ValueError):
    """The arguments ask for something impossible (an unknown layer, a missing path)."""


@dataclass(frozen=True)
class Validation(Report):
    """The outcome of ``validate``: every problem, what was checked, and the counts."""

    target: str = ""
    """What was validated: a project folder or a package."""
    layers: tuple[str, ...] = ()
    """The layers that ran."""
    records: Mapping[str, int] = field(default_factory=dict)
    """Valid records read, by table."""
    notes: tuple[str, ...] = ()
    """What the summary adds: seeds verified, frictionless run or reused, and so on."""

    def to_json(self) -> str:
        """Render as JSON: ok, target, layers, record counts, notes and every problem."""
        body = {
            "ok": self.ok,
            "target": self.target,
            "layers": list(self.layers),
            "records": dict(self.records),
            "notes": list(self.notes),
            "problems": [{**asdict(p), "layer": p.layer} for p in self.problems],
        }
        return json.dumps(body, ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        """Render for people: one line per problem, then what was checked and the verdict."""
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{self.target} · layers: {', '.join(self.layers)}")
        lines += self.notes
        lines.append(counted(self.records))
        verdict = "ok" if self.ok else f"{len(self.problems)} problem(s)"
        lines.append(f"validate: {verdict}")
        return "\n".join(lines)


def counted(records: Mapping[str, int]) -> str:
    """Return record counts as ``validate`` and ``build`` both print them.

    ``127 records in 9 tables (5 seeds, 39 actors, …)``: every table read, seeds included.
    """
    from ..models.tables import TABLES

    order = {t.name: index for index, t in enumerate(TABLES)}
    ordered = sorted(records.items(), key=lambda item: order.get(item[0], len(order)))
    tables = ", ".join(f"{count} {name}" for name, count in ordered)
    return f"{sum(records.values())} records in {len(records)} tables" + (
        f" ({tables})" if tables else ""
    )


def layers_after(skip: Collection[str]) -> tuple[str, ...]:
    """Return the layers that run when ``skip`` are left out; ``UsageError`` on a bad name."""
    unknown = [name for name in skip if name not in SKIPPABLE]
    if unknown:
        raise UsageError(
            f"cannot skip {', '.join(map(repr, unknown))}: the layers that can be skipped are "
            f"{', '.join(SKIPPABLE)}"
        )
    return tuple(layer for layer in LAYERS if layer not in skip)


def validate_project(
    project: Project, *, skip: Collection[str] = (), cache: bool = True
) -> Validation:
    """Validate a project's sources and, unless skipped, its built package."""
    from ..checks.sources import check

    layers = layers_after(skip)
    checked = check(project, skip=skip)
    problems = list(checked.report.problems)
    summary = checked.summary
    notes = [
        f"seeds: {summary.verified_seeds} of {summary.seeds} verified (sha256, bytes, code points)"
    ]
    if SCHEMA in layers:
        notes.append(
            f"schemas: {summary.schema_files} files in {project.relative(project.schema_dir)}"
        )
    if PACKAGE in layers:
        found, note = _project_package(
            project, checked, cache=cache, cross_record=CROSS_RECORD in layers
        )
        problems += found
        notes.append(note)
    return Validation(
        tuple(problems),
        target=f"project {project.root}",
        layers=layers,
        records=summary.records,
        notes=tuple(notes),
    )


def _project_package(
    project: Project, checked: Checked, *, cache: bool, cross_record: bool
) -> tuple[list[Problem], str]:
    from ..checks.packagefiles import Judged, check_package
    from ..publishing.build import PACKAGE_DIR, render, stale

    problems: list[Problem] = []
    judged: dict[str, Judged] = {}
    fresh = "not compared with a fresh build (the sources have problems)"
    built = (project.root / PACKAGE_DIR / DESCRIPTOR).is_file()
    if not built:
        fresh = "not built"  # one problem from check_package says so, not one per file
    elif checked.report.ok:
        build, found = render(project, checked)
        problems += found
        if build is not None:
            problems += stale(project, build)
            fresh = "the same as a fresh build" if not problems else "differs from a fresh build"
            if not problems and cross_record:
                # Byte for byte what a build renders from the records just validated.
                judged = build.judged()
    result = check_package(project.root / PACKAGE_DIR, PACKAGE_DIR, cache=cache, judged=judged)
    problems += result.problems
    return problems, f"package: {PACKAGE_DIR} {fresh}; {_verdict(result)}"


def validate_package(
    spec: str, *, skip: Collection[str] = (), cache: bool = True, url: str | None = None
) -> Validation:
    """Validate a built package, as a user would before trusting it.

    ``spec`` is a folder, its ``datapackage.json``, a zip, ``installed`` or a released version.
    A package that exists but is malformed or unsafe gives its problems (nothing it names is
    read or fetched); ``UsageError`` is raised when ``spec`` names no package at all.
    """
    from ..checks.packagefiles import check_package
    from ..checks.packagerecords import check_records
    from ..readers.packageerror import PackageError
    from ..releases.download import resolve

    layers = layers_after((*skip, SCHEMA))  # a package carries no committed schemas
    try:
        package = resolve(spec, url=url)
    except PackageError as error:
        if not Path(spec).expanduser().exists():
            raise UsageError(str(error)) from None
        # A package that is there but unsafe or malformed: its problems are the report.
        return Validation(error.problems, target=f"package {spec}", layers=layers)
    shown = _shown(package.root)
    read = check_records(package, shown, skip=skip)
    problems = list(read.problems)
    notes = [
        f"seeds: {read.library.verified} of {len(read.library.seeds)} verified against the "
        "seeds table (sha256, bytes, code points)"
    ]
    if PACKAGE in layers:
        result = check_package(package.root, shown, cache=cache, judged=read.judged())
        problems += result.problems
        notes.append(f"package: {_verdict(result)}")
    return Validation(
        tuple(problems),
        target=f"package {shown} (version {package.version or 'unknown'})",
        layers=layers,
        records=read.counts,
        notes=tuple(notes),
    )


def _verdict(result: PackageCheck) -> str:
    if result.cached:
        return "Data Package v2 profile checked; frictionless passed these exact bytes before"
    if result.rows is None:
        return "not validated"
    if result.own:
        return (
            f"Data Package v2 profile and frictionless checked ({result.rows} rows; the "
            f"{result.own} rows of the JSON Lines resources were checked once, by libyadata's "
            "own reading of the records)"
        )
    return f"Data Package v2 profile and frictionless checked ({result.rows} rows)"


def _shown(root: Path) -> str:
    try:
        return root.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return str(root)
