"""Generate the committed schemas from the models, write them, and detect drift.

``schema/v<N>/`` holds a JSON Schema per model (``jsonschema/``), a Frictionless Table Schema
per flat table (``tableschema/``) and a Markdown codebook. All are generated here, so a change
to a model that is not followed by ``libyadata schema export`` is caught by ``drift``.

The folders of earlier schema versions stay as they were released, for users pinned to an
earlier release: ``export`` freezes each one (its files' sha256 go into ``schema/SHA256SUMS``)
and ``drift`` reports any change to a frozen file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..core import atomic
from ..core.catalogue.schema_problems import (
    SCHEMA_DRIFT,
    SCHEMA_FROZEN,
    SCHEMA_MISSING,
    SCHEMA_STALE,
)
from ..core.hashing import sha256
from ..core.problems import Problem
from ..core.versions import SCHEMA_VERSION
from ..models import (
    Attribution,
    Claimant,
    Evidence,
    ExternalSource,
    FuzzyDate,
    GazetteerEntry,
    NameInSeed,
    Quantity,
    RoleInSeed,
    StrictModel,
)
from ..models.tables import TABLES
from ..sources.project import Project
from .codebook import render_codebook
from .layout import layouts, nested_table_schema, table_schema

#: Models that are parts of rows; each also gets a JSON Schema of its own.
COMPONENTS: tuple[type[StrictModel], ...] = (
    Evidence,
    Claimant,
    FuzzyDate,
    Quantity,
    Attribution,
    ExternalSource,
    NameInSeed,
    RoleInSeed,
    GazetteerEntry,
)

_GENERATED = "Generated from libyadata.models by `libyadata schema export`; do not edit by hand."
#: The sha256 of every file of the earlier, frozen schema versions, under ``schema/``.
FROZEN_SUMS = "SHA256SUMS"


def _dump(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def json_schema(model: type[StrictModel]) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a model, as committed."""
    schema = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": _GENERATED,
        **schema,
    }


def _snake(name: str) -> str:
    return "".join(f"_{char.lower()}" if char.isupper() else char for char in name).lstrip("_")


def render() -> dict[str, str]:
    """Return every schema file, as ``{path relative to schema/v<N>: text}``."""
    files = {f"jsonschema/{t.name}.json": _dump(json_schema(t.model)) for t in TABLES}
    for model in COMPONENTS:
        files[f"jsonschema/components/{_snake(model.__name__)}.json"] = _dump(json_schema(model))
    for layout in layouts():
        files[f"tableschema/{layout.name}.json"] = _dump(table_schema(layout))
    for source in TABLES:
        files[f"tableschema/json/{source.name}.json"] = _dump(nested_table_schema(source))
    files["codebook.md"] = render_codebook()
    return files


def export(project: Project) -> list[str]:
    """Write the generated schemas into the project; return the paths that changed.

    Each file is written to a temporary file and renamed into place, so an interrupted export
    never leaves a half-written schema; files no longer generated are removed.
    """
    target = project.schema_dir
    changed = []
    files = render()
    for relative, text in files.items():
        path = target / relative
        if _committed_text(path) == text:
            continue
        atomic.write_bytes(path, text.encode("utf-8"))
        changed.append(project.relative(path))
    for path in sorted(_committed(target)):
        if path.relative_to(target).as_posix() not in files:
            path.unlink()
            changed.append(project.relative(path))
    changed += _freeze(project)
    return changed


def _earlier_versions(project: Project) -> list[Path]:
    """Return the folders of schema versions before the current one (``schema/v1``…)."""
    root = project.schema_root
    if not root.is_dir():
        return []
    current = int(SCHEMA_VERSION)
    return sorted(
        path
        for path in root.iterdir()
        if path.is_dir()
        and re.fullmatch(r"v[1-9][0-9]*", path.name)
        and int(path.name[1:]) < current
    )


def frozen_sums(project: Project) -> dict[str, str]:
    """Return ``{path under schema/: sha256}`` of every file of the frozen schema versions."""
    path = project.schema_root / FROZEN_SUMS
    if not path.is_file():
        return {}
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if name:
            sums[name] = digest
    return sums


def _freeze(project: Project) -> list[str]:
    """Add the files of every earlier version not frozen yet to ``schema/SHA256SUMS``."""
    sums = frozen_sums(project)
    frozen_versions = {name.split("/", 1)[0] for name in sums}
    added = {
        path.relative_to(project.schema_root).as_posix(): sha256(path.read_bytes())
        for folder in _earlier_versions(project)
        if folder.name not in frozen_versions
        for path in _committed(folder)
    }
    if not added:
        return []
    sums.update(added)
    text = "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items()))
    target = project.schema_root / FROZEN_SUMS
    atomic.write_bytes(target, text.encode("utf-8"))
    return [project.relative(target)]


def frozen_drift(project: Project) -> list[Problem]:
    """Report every file of a frozen (released) schema version that changed, went or appeared."""
    sums = frozen_sums(project)
    versions = {name.split("/", 1)[0] for name in sums}
    problems = []

    def frozen(name: str, what: str) -> None:
        shown = project.relative(project.schema_root / name)
        folder = f"schema/{name.split('/', 1)[0]}"
        problems.append(SCHEMA_FROZEN(shown=shown, what=what, folder=folder, file=shown))

    for name, digest in sorted(sums.items()):
        path = project.schema_root / name
        if not path.is_file():
            frozen(name, "of a released schema version is gone")
        elif sha256(path.read_bytes()) != digest:
            frozen(name, "is not the file released in its schema version")
    for folder in _earlier_versions(project):
        if folder.name in versions:
            for path in sorted(_committed(folder)):
                name = path.relative_to(project.schema_root).as_posix()
                if name not in sums:
                    frozen(name, "was added to a released schema version")
    return problems


def drift(project: Project, files: Mapping[str, str] | None = None) -> list[Problem]:
    """Compare the committed schemas with what the models generate; one problem per file.

    ``files`` is the output of ``render()`` when the caller has it already.
    """
    target = project.schema_dir
    files = render() if files is None else files
    problems = []
    for relative, text in files.items():
        path = target / relative
        shown = project.relative(path)
        committed = _committed_text(path)
        if committed is None:
            problems.append(SCHEMA_MISSING(shown=shown, file=shown))
        elif committed != text:
            problems.append(SCHEMA_DRIFT(shown=shown, file=shown))
    for path in sorted(_committed(target)):
        if path.relative_to(target).as_posix() not in files:
            shown = project.relative(path)
            problems.append(SCHEMA_STALE(shown=shown, file=shown))
    return problems + frozen_drift(project)


def _committed_text(path: Path) -> str | None:
    # Undecodable bytes become U+FFFD, so a corrupted file compares unequal instead of failing.
    if not path.is_file():
        return None
    return path.read_bytes().decode("utf-8", errors="replace")


def _committed(target: Path) -> list[Path]:
    if not target.is_dir():
        return []
    return [
        path for path in target.rglob("*") if path.is_file() and path.suffix in {".json", ".md"}
    ]
