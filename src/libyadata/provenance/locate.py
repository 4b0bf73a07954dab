"""Filling evidence offsets from quotes, in place: the work behind ``libyadata locate``.

Curators write ``seed_id``, ``quote`` and ``supports`` (and a ``prefix`` when a quote repeats);
``start``, ``end``, ``prefix`` and ``suffix`` are made here. Files are edited surgically rather
than dumped again, so comments, key order, quoting, blank lines and folded scalars stay exactly
as the curator wrote them. YAML node marks index code points of the text they were composed
from (libyaml's as well as PyYAML's), so they address the same string the edits are made in.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple, TypeGuard

import yaml

from ..core import atomic
from ..core.catalogue.provenance_problems import SEED_UNKNOWN, SPLIT_CLUSTER, SPLIT_CLUSTER_QUOTE
from ..core.catalogue.record_problems import (
    EVIDENCE_FLOW_STYLE,
    EVIDENCE_MALFORMED,
    EVIDENCE_NO_QUOTE,
    EVIDENCE_NO_SEED,
    FILE_UNWRITABLE,
    LOCATE_INTERNAL,
    PREFIX_UNMATCHED,
    SPAN_STALE,
)
from ..core.problems import CATALOGUE_HINT, Problem, ProblemType
from ..models import Evidence
from ..models.tables import TABLES, Table
from ..sources.project import Project
from ..sources.seeds import SeedLibrary
from ..sources.yamlio import StrictLoader, read_records, yaml_scalar
from .spans import QuoteNotFoundError, context, locate, verify

_KEYS = ("start", "end", "prefix", "suffix")

#: Replace ``text[start:end]`` with the string.
_Edit = tuple[int, int, str]


class _Here(NamedTuple):
    """Where a span sits: every problem about it points there."""

    file: str
    line: int
    record_id: str
    field: str

    def at(self, fld: str | None) -> str:
        """Return the dotted path of ``fld`` inside the span (the span itself for ``None``)."""
        return f"{self.field}.{fld}" if fld else self.field


@dataclass
class LocateResult:
    """What a run found: spans seen, spans stale, files changed, and problems."""

    spans: int = 0
    """Evidence items looked at."""
    changed: dict[str, int] = field(default_factory=dict)
    """Spans filled or repaired, by file: written, or that would be when not writing."""
    stale: list[Problem] = field(default_factory=list)
    """A ``span-stale`` entry for each span whose offsets or context are missing or outdated."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def filled(self) -> int:
        """How many spans were (or would be) filled or repaired."""
        return sum(self.changed.values())


def fill_spans(
    project: Project, tables: Sequence[Table] | None = None, *, write: bool = True
) -> LocateResult:
    """Fill or repair ``start``, ``end``, ``prefix`` and ``suffix`` of every evidence span.

    ``tables`` default to every record table; a missing file is skipped. A span keeps its
    occurrence while its offsets still hold the quote; otherwise it takes the only occurrence,
    or the only one right after its ``prefix``; anything else is a problem. A file with any
    problem is left untouched; other files are rewritten atomically, and only if something
    changed. With ``write=False`` nothing is written and the result says what would change.
    """
    library = SeedLibrary.load(project)
    result = LocateResult()
    chosen = tables if tables is not None else TABLES.records
    for table in chosen:
        path = project.root / table.source
        if path.exists():
            _fill_file(path, project.relative(path), library, result, write=write)
    return result


def _fill_file(
    path: Path, name: str, library: SeedLibrary, result: LocateResult, *, write: bool
) -> None:
    _, problems = read_records(path, name)  # the very reading validate does, refusals and all
    if problems:
        result.problems += problems
        return
    text = path.read_bytes().decode("utf-8")
    edits: list[_Edit] = []
    stale: list[Problem] = []
    loader = StrictLoader(text)
    try:
        root = loader.get_single_node()
        nodes = root.value if root is not None else []
        # What the file must parse back to: the records as they are, with only the spans' new
        # values put in; it is updated alongside the edits.
        expected = copy.deepcopy([loader.construct_object(node, deep=True) for node in nodes])
        for node, record in zip(nodes, expected, strict=True):
            record_id = record.get("id")
            if record_id is None:
                record_id = f"(record at line {node.start_mark.line + 1})"
            for index, item in enumerate(_evidence(node)):
                result.spans += 1
                here = _Here(name, item.start_mark.line + 1, str(record_id), f"evidence.{index}")
                span, found = _read_span(item, loader, here)
                values, more = _span_values(span, library, here) if span else (None, [])
                problems += found + more
                if values is not None:
                    changes, keys = _update(text, item, record["evidence"][index], values)
                    edits += changes
                    if keys:
                        stale.append(_refuse(here, SPAN_STALE, keys=", ".join(keys)))
    finally:
        loader.dispose()
    result.stale += stale
    if edits and not problems:
        if problem := _commit(path, name, text, edits, expected, write=write):
            problems.append(problem)
        else:
            result.changed[name] = len(stale)
    result.problems += problems


def _commit(
    path: Path, name: str, text: str, edits: list[_Edit], expected: list[Any], *, write: bool
) -> Problem | None:
    """Apply the edits; write the result if asked and if it reads back as ``expected``."""
    new_text = text
    for start, end, insert in sorted(edits, reverse=True):
        new_text = new_text[:start] + insert + new_text[end:]
    loader = StrictLoader(new_text)
    try:
        parsed = loader.get_single_data()
    except yaml.YAMLError:
        parsed = None
    finally:
        loader.dispose()
    # repr, not ==: it tells 1 from True and 1.0, and key order apart.
    if repr(parsed) != repr(expected):
        return LOCATE_INTERNAL(file=name)
    return _write_atomically(path, name, new_text) if write else None


def _evidence(record: yaml.MappingNode) -> list[yaml.Node]:
    for key, value in record.value:
        if key.value == "evidence" and isinstance(value, yaml.SequenceNode):
            return list(value.value)
    return []  # absent or not a list: validation reports that, there is nothing to fill


def _read_span(
    item: yaml.Node, loader: StrictLoader, here: _Here
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Return the span as data if it has the shape to be filled, or why it has not."""
    if isinstance(item, yaml.MappingNode) and item.flow_style:
        return None, [_refuse(here, EVIDENCE_FLOW_STYLE)]
    span = loader.construct_object(item, deep=True)
    if not isinstance(span, dict):
        return None, [_refuse(here, EVIDENCE_MALFORMED)]
    if not isinstance(span.get("seed_id"), str):
        return None, [_refuse(here, EVIDENCE_NO_SEED, "seed_id")]
    if not isinstance(span.get("quote"), str) or not span["quote"]:
        return None, [_refuse(here, EVIDENCE_NO_QUOTE, "quote")]
    return span, []


def _span_values(
    span: dict[str, Any], library: SeedLibrary, here: _Here
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Return the values the span's four keys must hold, or the problems that prevent it."""
    seed_id, quote, prefix = span["seed_id"], span["quote"], span.get("prefix")
    try:
        text = library.text(seed_id)
    except KeyError:
        why = "failed verification" if seed_id in library.seeds else "is not a seed"
        return None, [_refuse(here, SEED_UNKNOWN, "seed_id", seed_id=seed_id, why=why)]
    start, end = span.get("start"), span.get("end")
    prefix = prefix if isinstance(prefix, str) else None
    # A prefix that no longer ends right before the span was edited to pick another occurrence.
    if not (
        _is_offset(start)
        and _is_offset(end)
        and text[start:end] == quote
        and (prefix is None or text[:start].endswith(prefix))
    ):
        try:
            start, end = locate(text, quote, prefix)
        except QuoteNotFoundError as error:
            fld = "prefix" if error.kind is PREFIX_UNMATCHED else "quote"
            return None, [_refuse(here, error.kind, fld, **error.values)]
    before, after = context(text, start, end)
    located = Evidence.model_construct(
        seed_id=seed_id, start=start, end=end, quote=quote, prefix=before, suffix=after, supports=()
    )
    found = [_moved(here, problem) for problem in verify(located, text)]
    if found:
        return None, found
    return {"start": start, "end": end, "prefix": before, "suffix": after}, []


def _refuse(here: _Here, kind: ProblemType, fld: str | None = None, /, **values: object) -> Problem:
    """Build a problem of ``kind`` about the span at ``here`` (its field ``fld``, if any)."""
    return kind(
        file=here.file,
        line=here.line,
        record_id=here.record_id,
        field=here.at(fld),
        hint=CATALOGUE_HINT,
        **values,
    )


def _moved(here: _Here, problem: Problem) -> Problem:
    """Point a problem that ``verify`` found at the span at ``here``, with locate's hint."""
    hint = SPLIT_CLUSTER_QUOTE.hint if problem.code == SPLIT_CLUSTER.code else problem.hint
    return replace(
        problem,
        file=here.file,
        line=here.line,
        record_id=here.record_id,
        field=here.at(problem.field),
        hint=hint,
    )


def _is_offset(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _update(
    text: str, item: yaml.Node, data: dict[str, Any], values: dict[str, Any]
) -> tuple[list[_Edit], list[str]]:
    """Return the edits giving the item ``values`` and the keys they change; update ``data``."""
    nodes = {key.value: value for key, value in item.value}
    edits: list[_Edit] = []
    changed, added = [], []
    for key in _KEYS:
        new = values[key]
        # type() as well: YAML's `true` is 1 to Python, but not an offset.
        if (key in data and type(data[key]) is type(new) and data[key] == new) or (
            key not in data and new is None
        ):
            continue
        changed.append(key)
        data[key] = new
        if key in nodes:
            edits.append(_replacement(text, nodes[key], yaml_scalar(new)))
        else:
            added.append(key)
    if added:
        edits.append(
            _insertion(text, item, [f"{key}: {yaml_scalar(values[key])}" for key in added])
        )
    return edits, changed


def _replacement(text: str, node: yaml.Node, rendered: str) -> _Edit:
    start, end = node.start_mark.index, node.end_mark.index
    if start == end:  # an empty value (`prefix:`): its mark sits right after the colon
        return start, end, " " + rendered
    # A block scalar (`|`, `>`) runs on to the next key's line: keep its line breaks.
    original = text[start:end]
    return start, end, rendered + original[len(original.rstrip()) :]


def _insertion(text: str, item: yaml.Node, lines: list[str]) -> _Edit:
    """Insert ``lines`` as keys of ``item`` right after the line its last value ends on."""
    indent = " " * item.value[0][0].start_mark.column
    last = item.value[-1][1]
    # A block collection's end mark runs on over comments to the next item; its last leaf's
    # does not.
    while isinstance(last, yaml.CollectionNode) and not last.flow_style and last.value:
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    at = last.end_mark.index
    if text[at - 1 : at] != "\n":  # a block scalar ends at a line start already
        at = text.find("\n", at) + 1 or len(text)
    lead = "" if text[:at].endswith("\n") else "\n"
    return at, at, lead + "".join(f"{indent}{line}\n" for line in lines)


def _write_atomically(path: Path, name: str, new_text: str) -> Problem | None:
    try:
        atomic.write_bytes(path, new_text.encode("utf-8"))
    except OSError as error:
        return FILE_UNWRITABLE(error=error, file=name)
    return None
