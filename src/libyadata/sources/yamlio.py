"""Reading curated YAML files strictly: duplicate keys are errors, and lines are kept.

PyYAML silently keeps the last of two equal keys, which loses data; the loader here refuses
them. Each record comes back with the line it starts on and the line of each of its keys, so
problems can point at the exact place in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.files import NotRegularError, TooLargeError, read_regular
from ..core.problems import Problem

try:
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader


class StrictLoader(_Base):  # type: ignore[valid-type,misc]
    """A safe loader that rejects duplicate mapping keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Build a mapping, refusing duplicate and non-scalar keys with the key's position."""
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str | int | float | bool | None):
                raise yaml.constructor.ConstructorError(
                    None, None, f"a key must be plain text, not {key!r}", key_node.start_mark
                )
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first on line {seen[key]}); "
                    "YAML would silently keep only the last value",
                    key_node.start_mark,
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


# Dates stay the strings the curator wrote; the models parse them, so a malformed date is
# reported against its field instead of silently becoming something else.
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Item:
    """One record of a curated file: its data and where it sits in the file."""

    data: dict[str, Any]
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)


class _UnreadableError(Exception):
    """The file cannot be read as YAML text; carries the one problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


#: The largest curated file read, in bytes. Hand-curated files are tens of kilobytes; a file
#: far beyond that is a mistake (a data dump, a wrong path), and parsing it would take minutes.
MAX_BYTES = 16 * 1024 * 1024


def _text_of(path: Path, name: str) -> str:
    try:
        raw = read_regular(path, MAX_BYTES)
    except TooLargeError:
        raise _UnreadableError(
            Problem(
                "file-too-large",
                f"the file has {path.stat().st_size} bytes, more than the {MAX_BYTES} a curated "
                "file may have",
                file=name,
                hint="split the table, or check that this is the file you meant",
            )
        ) from None
    except NotRegularError as error:
        raise _UnreadableError(
            Problem(
                "file-not-regular",
                f"the path is {error.strerror}: it cannot be read as a curated file",
                file=name,
                hint="put the curated YAML file itself there (restore it from git)",
            )
        ) from None
    except OSError as error:
        raise _UnreadableError(
            Problem("file-unreadable", str(error), file=name, hint="check the path")
        ) from None
    nul = raw.find(b"\0")
    if nul != -1:
        raise _UnreadableError(
            Problem(
                "binary",
                f"the file holds a NUL byte (at byte {nul}): it is binary, not YAML",
                file=name,
                hint="restore the file from git; curated files are UTF-8 text",
            )
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _UnreadableError(
            Problem(
                "bom",
                "the file starts with a byte-order mark",
                file=name,
                line=1,
                hint="save it as UTF-8 without BOM",
            )
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _UnreadableError(
            Problem(
                "encoding",
                f"not UTF-8: {error.reason} at byte {error.start}",
                file=name,
                hint="save the file as UTF-8",
            )
        ) from None
    for number, content in enumerate(text.splitlines(), start=1):
        if "\t" in content[: len(content) - len(content.lstrip())]:
            raise _UnreadableError(
                Problem(
                    "tab",
                    "a tab indents this line",
                    file=name,
                    line=number,
                    hint="indent with spaces",
                )
            )
    return text


def _items(
    loader: StrictLoader, root: yaml.Node | None, name: str
) -> tuple[list[Item], list[Problem]]:
    if root is None:
        raise _UnreadableError(
            Problem(
                "empty-file",
                "the file holds no YAML document, so every record it held is gone",
                file=name,
                hint="restore the records from git; a table with no records is written `[]`",
            )
        )
    if not isinstance(root, yaml.SequenceNode):
        raise _UnreadableError(
            Problem(
                "not-a-list",
                "the file must hold a list of records (`- id: ...`)",
                file=name,
                line=root.start_mark.line + 1,
                hint="start each record with '- '",
            )
        )
    items, problems = [], []
    for node in root.value:
        line = node.start_mark.line + 1
        data = loader.construct_object(node, deep=True)
        if not isinstance(data, dict):
            problems.append(
                Problem(
                    "not-a-mapping",
                    "a record must be a mapping of field: value",
                    file=name,
                    line=line,
                    hint="write the record as `- field: value`",
                )
            )
            continue
        key_lines = {
            str(key.value): key.start_mark.line + 1
            for key, _ in node.value
            if isinstance(key, yaml.ScalarNode)
        }
        items.append(Item(data, line, key_lines))
    return items, problems


def read_records(path: Path, display: str | None = None) -> tuple[list[Item], list[Problem]]:
    """Read a YAML file holding a list of mappings.

    Returns the items and the problems found; a file that cannot be parsed gives no items and
    one problem naming the line. ``display`` is the file name used in problems.
    """
    name = display or str(path)
    try:
        loader = StrictLoader(_text_of(path, name))
    except _UnreadableError as error:
        return [], [error.problem]
    try:
        root = loader.get_single_node()
        return _items(loader, root, name)
    except _UnreadableError as error:
        return [], [error.problem]
    except RecursionError:
        return [], [
            Problem(
                "yaml-syntax",
                "the YAML nests too deeply to read",
                file=name,
                hint="a curated record is a few levels deep: fix the brackets or indentation",
            )
        ]
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as error:
        # An explicit tag whose value does not convert (`!!int x`, `!!timestamp 2023-13-45`)
        # makes PyYAML's constructors raise plain Python errors, not YAMLError.
        return [], [
            Problem(
                "yaml-syntax",
                f"a tagged value cannot be read: {error}",
                file=name,
                hint="remove the `!!` tag and write the value plainly",
            )
        ]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = str(getattr(error, "problem", None) or error)
        code = "duplicate-key" if "duplicate key" in reason else "yaml-syntax"
        line = mark.line + 1 if mark is not None else None
        return [], [Problem(code, reason, file=name, line=line, hint="fix the YAML at that line")]
    finally:
        loader.dispose()
