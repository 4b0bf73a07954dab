"""``libyadata migrate``: a package or curated records of an earlier schema version, upgraded.

The rules of the upgrade are ``upgrades.schemaupgrade``'s; this module applies them to the two
things a user holds:

- **a built package** (a folder, its ``datapackage.json``, a zip or a released version):
  every record is read through the upgrade and, when every one of them upgrades, the package
  is written again as today's build writes it, into a new folder: the same records, seed texts
  and metadata, its version marked ``+schema.<N>`` (the data is the release's, the form is
  not), and its schema version in the descriptor. It is written into a staging folder, checked
  with frictionless, and only then moved into place;
- **curated records** (a project folder): each curated YAML file is edited in place where a
  value must be written another way, as ``locate`` edits (comments, order and quoting stay);
  a file with CR line ends gets LF ones. A file with a record that cannot be upgraded is left
  as it was, and each such record gets a ``migration-failed`` problem saying why.

Nothing is written when anything cannot be upgraded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..core import atomic
from ..core.catalogue.record_problems import FILE_UNWRITABLE, MIGRATION_FAILED
from ..core.jsontypes import JsonSchema
from ..core.problems import Problem, from_validation_error
from ..formats.packagenames import DOI_KEY, JSON_SUFFIX, seed_resource_name
from ..models import CoverageExclusion, Seed
from ..models.tables import TABLES
from ..provenance.exclusions import EXCLUSIONS_FILE
from ..readers.datapackage import DataPackage
from ..readers.packageerror import PackageError
from ..sources.project import Project
from ..sources.yamlio import StrictLoader, read_records, yaml_scalar
from ..upgrades import schemaupgrade


class MigrateError(ValueError):
    """The command cannot run as asked (an output folder in the way, an unreadable package)."""


@dataclass
class Migration:
    """What a migration did, or would do: records looked at, files changed, problems."""

    records: int = 0
    """Records read."""
    changed: dict[str, int] = field(default_factory=dict)
    """Values rewritten, by file (or by table, for a package)."""
    problems: list[Problem] = field(default_factory=list)
    written: str | None = None
    """The package folder written, for a package."""
    note: str = ""

    @property
    def ok(self) -> bool:
        """Whether every record upgraded."""
        return not self.problems


# --- packages ---------------------------------------------------------------------------------


def migrate_package(package: DataPackage, output: Path, *, write: bool = True) -> Migration:
    """Write ``package``, of an earlier schema version, as a package of the current one.

    Raises ``MigrateError`` when ``output`` exists and is not an empty folder.
    """
    result = Migration()
    old = package.schema_version
    if old >= schemaupgrade.CURRENT:
        result.note = f"the package already follows schema v{schemaupgrade.CURRENT}: nothing to do"
        return result
    if write and output.exists() and not (output.is_dir() and not any(output.iterdir())):
        raise MigrateError(f"{output} exists: give a new folder (or an empty one) to write into")
    records: dict[str, list[BaseModel]] = {}
    for source in TABLES:
        records[source.name] = _upgraded_table(package, source.name, old, result)
    if result.problems or not write:
        return result
    _write_package(package, records, output)
    result.written = str(output)
    return result


def _upgraded_table(
    package: DataPackage, name: str, version: int, result: Migration
) -> list[BaseModel]:
    source = TABLES.named(name)
    lines = f"{name}{JSON_SUFFIX}"
    shown = f"{package.root.name}/jsonl/{name}.jsonl"
    rows: list[tuple[Any, int | None]]
    if package.has(lines):
        import json

        raw = package.read_bytes(lines).splitlines()
        rows = [(json.loads(line), number) for number, line in enumerate(raw, start=1) if line]
    elif package.has(name):
        shown = f"{package.root.name}/csv/{name}.csv"
        rows = [(record.model_dump(mode="json"), None) for record in package.records(name)]
    else:
        return []
    upgraded = []
    for data, line in rows:
        result.records += 1
        before = data
        rewritten = schemaupgrade.rewrite(source.model, data, version)
        record, problems = schemaupgrade.upgrade(source, data, version)
        if record is None:
            result.problems += [_placed(problem, shown, line, before) for problem in problems]
            continue
        if rewritten != before:
            result.changed[name] = result.changed.get(name, 0) + 1
        upgraded.append(record)
    return upgraded


def _placed(problem: Problem, file: str, line: int | None, data: Any) -> Problem:
    from dataclasses import replace

    record_id = problem.record_id or (str(data.get("id")) if isinstance(data, dict) else None)
    return replace(problem, file=file, line=line, record_id=record_id)


def _write_package(package: DataPackage, records: dict[str, list[BaseModel]], output: Path) -> None:
    from ..formats.schemas import render
    from ..publishing.build import assemble, verify_package

    release = _release_of(package)
    seeds = [seed for seed in records[TABLES.sources.name] if isinstance(seed, Seed)]
    texts = {seed.id: package.read_bytes(seed_resource_name(seed)) for seed in seeds}
    others = {name: rows for name, rows in records.items() if name != TABLES.sources.name}
    build = assemble(release, seeds, others, texts, render()["codebook.md"])

    def fill(folder: Path) -> None:
        for path, data in build.files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        # Checked before it is moved into place, as the build checks what it writes.
        problems = verify_package(folder / "datapackage.json", shown=str(output))
        if problems:
            raise PackageError("; ".join(str(problem) for problem in problems[:3]))

    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        atomic.write_folder(output, fill, replaceable=lambda _: False)
    except (FileExistsError, NotADirectoryError) as error:
        raise MigrateError(str(error)) from None


def _release_of(package: DataPackage) -> Any:
    """Return the release metadata a package's descriptor holds, its version marked."""
    from ..publishing.citation import Person, Release
    from ..publishing.descriptor import abstract_of

    descriptor = package.descriptor
    created = str(descriptor.get("created", ""))[:10]
    try:
        released = dt.date.fromisoformat(created)
    except ValueError:
        released = dt.date(1970, 1, 1)
    version = package.version.split("+", 1)[0]
    licenses = descriptor.get("licenses") or [{}]
    authors = [
        Person(name=str(person.get("title")))
        for person in descriptor.get("contributors", ())
        if isinstance(person, dict) and person.get("title")
    ] or [Person(name="libyadata contributors")]
    return Release(
        title=str(descriptor.get("title", "libyadata")),
        abstract=abstract_of(str(descriptor.get("description", ""))),
        version=f"{version}+schema.{schemaupgrade.CURRENT}",
        date_released=released,
        authors=tuple(authors),
        keywords=tuple(str(word) for word in descriptor.get("keywords", ())),
        license=str(licenses[0].get("name", "CC-BY-4.0")),
        repository_code=descriptor.get("homepage"),
        doi=descriptor.get(DOI_KEY),
    )


# --- curated records --------------------------------------------------------------------------


def migrate_project(project: Project, version: int = 1, *, write: bool = True) -> Migration:
    """Upgrade the curated files of ``project`` from schema ``version``, in place.

    A file is rewritten only when something in it changes and every record in it upgrades.
    With ``write=False`` nothing is written and the result says what would change.
    """
    result = Migration()
    files: list[tuple[str, type[BaseModel]]] = [(t.source, t.model) for t in TABLES]
    files.append((EXCLUSIONS_FILE, CoverageExclusion))
    for relative, model in files:
        path = project.root / relative
        if path.is_file():
            _migrate_file(path, relative, model, version, result, write=write)
    return result


def _migrate_file(
    path: Path, shown: str, model: type[BaseModel], version: int, result: Migration, *, write: bool
) -> None:
    try:
        raw = path.read_bytes()
    except OSError as error:
        result.problems.append(FILE_UNWRITABLE(error=error, file=shown))
        return
    # Version 1 read CR line ends; version 2 refuses them: the file is read, and written, with LF.
    items, problems = read_records(path, shown, lf=True)
    lf = raw.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    rewrites = int(lf.encode("utf-8") != raw)
    if problems:
        result.problems += problems
        return
    loader = StrictLoader(lf)
    try:
        root = loader.get_single_node()
        nodes = list(root.value) if isinstance(root, yaml.SequenceNode) else []
    finally:
        loader.dispose()
    schema, defs = schemaupgrade.schema_of(model)
    edits: list[tuple[int, int, str]] = []
    expected = []
    failed = []
    for item, node in zip(items, nodes, strict=True):
        result.records += 1
        data = item.data
        new = schemaupgrade.rewrite(model, data, version)
        expected.append(new)
        try:
            model.model_validate(new)
        except ValidationError as refused:
            failed.append((item, refused))
            continue
        if new != data or _types_differ(new, data):
            found = _Editor(lf, defs).edits(node, data, new, schema, ())
            edits += found
            rewrites += len(found)
    for item, refusal in failed:
        record_id = str(item.data.get("id", f"(record at line {item.line})"))
        for problem in from_validation_error(
            refusal, file=shown, record_id=record_id, line=item.line, line_of=item.key_lines
        ):
            result.problems.append(_migration_problem(problem, version))
    if failed:
        return
    if not rewrites:
        return
    new_text = _apply(lf, edits)
    if not _reads_back(new_text, expected):
        result.problems.append(
            MIGRATION_FAILED(
                old=version,
                new=schemaupgrade.CURRENT,
                reason="its values could not be rewritten in place; nothing was written",
                file=shown,
                hint="rewrite the values the validation reports by hand",
            )
        )
        return
    result.changed[shown] = rewrites
    if write:
        atomic.write_bytes(path, new_text.encode("utf-8"))


def _migration_problem(problem: Problem, version: int) -> Problem:
    from dataclasses import replace

    upgraded = schemaupgrade.failed(problem, version)
    return replace(upgraded, file=problem.file, line=problem.line)


def _types_differ(new: Any, old: Any) -> bool:
    """Whether two equal values differ in type somewhere (``7641`` and ``7641.0``)."""
    if type(new) is not type(old):
        return True
    if isinstance(new, dict):
        return any(_types_differ(new[key], old[key]) for key in new if key in old)
    if isinstance(new, list):
        return any(_types_differ(a, b) for a, b in zip(new, old, strict=False))
    return False


@dataclass(frozen=True)
class _Editor:
    """Finds the text edits that turn the YAML nodes of a record into its upgraded data."""

    text: str
    defs: JsonSchema

    def edits(
        self, node: yaml.Node, old: Any, new: Any, schema: JsonSchema, path: tuple[str, ...]
    ) -> list[tuple[int, int, str]]:
        """Return the edits that turn ``node`` (which reads as ``old``) into ``new``."""
        if old == new and not _types_differ(new, old):
            return []
        resolved = schemaupgrade.resolve(schema, self.defs, old)
        if isinstance(node, yaml.MappingNode) and isinstance(old, dict) and isinstance(new, dict):
            properties = resolved.get("properties", {})
            found = []
            for key_node, value_node in node.value:
                key = key_node.value
                if key in properties and key in old and key in new:
                    found += self.edits(
                        value_node, old[key], new[key], properties[key], (*path, key)
                    )
            return found
        if isinstance(node, yaml.SequenceNode) and isinstance(old, list) and isinstance(new, list):
            return self._sequence(node, old, new, resolved, path)
        if isinstance(node, yaml.ScalarNode) and isinstance(new, int | float | str):
            return [(node.start_mark.index, node.end_mark.index, yaml_scalar(new))]
        return [(node.start_mark.index, node.end_mark.index, _flow(new))]

    def _sequence(
        self,
        node: yaml.SequenceNode,
        old: list[Any],
        new: list[Any],
        schema: JsonSchema,
        path: tuple[str, ...],
    ) -> list[tuple[int, int, str]]:
        item_schema = schema.get("items", {})
        dropped: dict[int, int] = {}
        if schema.get("uniqueItems"):
            walked = [schemaupgrade.walk(item, item_schema, self.defs, path) for item in old]
            dropped = schemaupgrade.repeats(walked, spans=path[-1:] == ("evidence",))
        if node.flow_style and dropped:
            return [(node.start_mark.index, node.end_mark.index, _flow(new))]
        found: list[tuple[int, int, str]] = []
        kept = iter(new)
        for index, (item_node, item) in enumerate(zip(node.value, old, strict=True)):
            if index in dropped:
                found.append(_block_item(self.text, node, index))
            else:
                found += self.edits(item_node, item, next(kept), item_schema, path)
        return found


def _block_item(text: str, node: yaml.SequenceNode, index: int) -> tuple[int, int, str]:
    """Return the edit deleting item ``index`` of a block sequence, its ``- `` and lines."""
    items = node.value
    start = text.rfind("\n", 0, items[index].start_mark.index) + 1
    if index + 1 < len(items):
        end = text.rfind("\n", 0, items[index + 1].start_mark.index) + 1
    else:
        last = items[index]
        while isinstance(last, yaml.CollectionNode) and not last.flow_style and last.value:
            last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
        end = text.find("\n", last.end_mark.index - 1) + 1 or len(text)
    return start, end, ""


def _flow(value: Any) -> str:
    """Render a list of scalars as a flow sequence (``[a, b]``), a scalar as a scalar."""
    if isinstance(value, list) and all(isinstance(item, int | float | str) for item in value):
        return "[" + ", ".join(yaml_scalar(item) for item in value) + "]"
    if isinstance(value, int | float | str) or value is None:
        return yaml_scalar(value)
    import json

    return json.dumps(value, ensure_ascii=False)


def _apply(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    for start, end, insert in sorted(edits, reverse=True):
        text = text[:start] + insert + text[end:]
    return text


def _reads_back(text: str, expected: list[Any]) -> bool:
    loader = StrictLoader(text)
    try:
        parsed = loader.get_single_data()
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()
    # repr, not ==: it tells 1 from True and 1.0.
    return repr(parsed) == repr(expected)
