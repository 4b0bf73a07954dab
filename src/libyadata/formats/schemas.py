"""Generate the committed schemas from the models, write them, and detect drift.

``schema/v<N>/`` holds a JSON Schema per model (``jsonschema/``), a Frictionless Table Schema
per flat table (``tableschema/``) and a Markdown codebook. All are generated here, so a change
to a model that is not followed by ``libyadata schema export`` is caught by ``drift``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..core import atomic
from ..core.catalogue import SCHEMA_DRIFT, SCHEMA_MISSING, SCHEMA_STALE
from ..core.problems import Problem
from ..models import (
    Attribution,
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
    FuzzyDate,
    Quantity,
    Attribution,
    ExternalSource,
    NameInSeed,
    RoleInSeed,
    GazetteerEntry,
)

_GENERATED = "Generated from libyadata.models by `libyadata schema export`; do not edit by hand."


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
    return changed


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
    return problems


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
