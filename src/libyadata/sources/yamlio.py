"""Reading curated YAML files strictly: duplicate keys are errors, and lines are kept.

PyYAML silently keeps the last of two equal keys, which loses data; the loader here refuses
them. Each record comes back with the line it starts on and the line of each of its keys, so
problems can point at the exact place in the file.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from ..core.catalogue.parse_problems import (
    BINARY,
    BOM,
    DUPLICATE_KEY,
    EMPTY_FILE,
    ENCODING,
    FILE_NOT_REGULAR,
    FILE_TOO_LARGE,
    FILE_UNREADABLE,
    LINE_ENDS,
    NOT_A_LIST,
    NOT_A_MAPPING,
    TAB,
    YAML_ALIASES,
    YAML_CORE_TAGS_HINT,
    YAML_SYNTAX,
    YAML_TAG,
    YAML_TOO_DEEP,
)
from ..core.files import NotRegularError, TooLargeError, read_regular
from ..core.problems import Problem

try:
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader


_T = TypeVar("_T")


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

    def get_single_node(self) -> yaml.Node | None:
        """Compose the document, refusing tags outside the core schema and alias bombs."""
        root: yaml.Node | None = super().get_single_node()
        _check_nodes(root)
        return root

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        """Build an explicitly tagged ``!!int``, refusing the forms plain scalars never take."""
        text = self.construct_scalar(node)
        if not isinstance(text, str) or not _INT.fullmatch(text):
            raise yaml.constructor.ConstructorError(
                None, None, f"{text!r} is not a plain decimal integer", node.start_mark
            )
        if len(text) > _MAX_DIGITS:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"an integer of {len(text)} digits is beyond any count or id",
                node.start_mark,
            )
        return int(text)


#: The most digits an integer read may have: Python refuses to read more than 4300, and no
#: count, offset or year comes near.
_MAX_DIGITS = 30
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
#: The only integers read: plain decimal, an optional minus, no leading zero. YAML 1.1 would
#: also read hex (``0x1dd9``), octal (``017`` is 15), binary, base 60 (``1:30`` is 90) and
#: underscores; those stay the text written, and the models refuse them where a number belongs.
_INT = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
#: Numbers with a point (``2000.0``, ``1.0e+30``, ``.5``), infinities and NaN, as YAML 1.1
#: reads them but for underscores and base 60: the forms PyYAML's own writer leaves plain
#: (``1e30``, with no point, it writes plain and reads as text; so does libyadata).
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def _resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    # Dates stay the strings the curator wrote; the models parse them, so a malformed date is
    # reported against its field instead of silently becoming something else.
    dropped = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge", _INT_TAG, _FLOAT_TAG}
    resolvers = {
        first: [(tag, regexp) for tag, regexp in found if tag not in dropped]
        for first, found in _Base.yaml_implicit_resolvers.items()
    }
    # Integers first: a plain integer would also read as a YAML 1.2 float.
    for tag, pattern, firsts in (
        (_INT_TAG, _INT, "-0123456789"),
        (_FLOAT_TAG, _FLOAT, "-+.0123456789"),
    ):
        for first in firsts:
            resolvers.setdefault(first, []).append((tag, pattern))
    return resolvers


StrictLoader.yaml_implicit_resolvers = _resolvers()
StrictLoader.add_constructor(_INT_TAG, StrictLoader.construct_yaml_int)

#: The tags of YAML's core schema, the only ones read: ``!!binary`` would hide text from a
#: reviewer (base64 in the diff, plain text in the data), ``!!timestamp``, ``!!set``,
#: ``!!omap``, ``!!pairs`` and merge keys (``<<``) would make of a value something no
#: curated field takes.
CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "seq", "map")
)
#: How many nodes aliases may add to a document beyond those written: a few repeated values
#: are fine; an alias bomb (each anchor holding several aliases of the one before) would
#: expand into billions.
ALIAS_BUDGET = 10_000


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


#: Nesting past which a document is refused before it is parsed. PyYAML's C composer recurses
#: once per level and overflows the C stack (the process dies) long before Python's recursion
#: limit can stop the constructor; no curated file comes near this.
MAX_NESTING = 500
#: The brackets of flow collections, and a line of compact block collections ("- - - x").
_BRACKETS = re.compile(r"[^\[\]{}]+")
_COMPACT = re.compile(rf"^[ \t]*(?:[-?][ \t]+){{{MAX_NESTING}}}", re.MULTILINE)


def _nesting(text: str) -> int:
    """Return a bound on how deeply ``text`` nests flow or compact block collections.

    Brackets inside quoted strings are counted too: the bound may only be too high, and only
    for a text with hundreds of unmatched brackets in its strings. Block nesting by
    indentation needs a line per level and cannot reach the limit within ``MAX_BYTES``.
    """
    if _COMPACT.search(text):
        return MAX_NESTING + 1
    openers = text.count("[") + text.count("{")
    if openers <= MAX_NESTING:
        return openers  # nothing nests deeper than it opens: most files stop here, in C
    depth = deepest = 0
    for bracket in _BRACKETS.sub("", text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _text_of(path: Path, name: str, *, lf: bool = False) -> str:
    try:
        raw = read_regular(path, MAX_BYTES)
    except TooLargeError:
        size = path.stat().st_size
        raise _UnreadableError(FILE_TOO_LARGE(size=size, limit=MAX_BYTES, file=name)) from None
    except NotRegularError as error:
        raise _UnreadableError(FILE_NOT_REGULAR(kind=error.strerror, file=name)) from None
    except OSError as error:
        raise _UnreadableError(FILE_UNREADABLE(error=error, file=name)) from None
    nul = raw.find(b"\0")
    if nul != -1:
        raise _UnreadableError(BINARY(offset=nul, file=name))
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _UnreadableError(BOM(file=name, line=1))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _UnreadableError(
            ENCODING(reason=error.reason, offset=error.start, file=name)
        ) from None
    if lf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        kind = "Windows (CRLF)" if "\r\n" in text else "carriage-return (CR)"
        raise _UnreadableError(LINE_ENDS(kind=kind, first=line, shown=name, file=name, line=line))
    for number, content in enumerate(text.splitlines(), start=1):
        if "\t" in content[: len(content) - len(content.lstrip())]:
            raise _UnreadableError(TAB(file=name, line=number))
    return text


def _items(
    loader: StrictLoader, root: yaml.Node | None, name: str
) -> tuple[list[Item], list[Problem]]:
    if root is None:
        raise _UnreadableError(EMPTY_FILE(file=name))
    if not isinstance(root, yaml.SequenceNode):
        raise _UnreadableError(NOT_A_LIST(file=name, line=root.start_mark.line + 1))
    items, problems = [], []
    for node in root.value:
        line = node.start_mark.line + 1
        data = loader.construct_object(node, deep=True)
        if not isinstance(data, dict):
            problems.append(NOT_A_MAPPING(file=name, line=line))
            continue
        key_lines = {
            str(key.value): key.start_mark.line + 1
            for key, _ in node.value
            if isinstance(key, yaml.ScalarNode)
        }
        items.append(Item(data, line, key_lines))
    return items, problems


def read_records(
    path: Path, display: str | None = None, *, lf: bool = False
) -> tuple[list[Item], list[Problem]]:
    """Read a YAML file holding a list of mappings.

    Returns the items and the problems found; a file that cannot be parsed gives no items and
    one problem naming the line. ``display`` is the file name used in problems. With ``lf``
    the file is read as if its CR and CRLF line ends were LF (``migrate`` converts them);
    otherwise they are a problem.
    """
    name = display or str(path)
    try:
        return _parsed(path, name, lambda loader, root: _items(loader, root, name), lf=lf)
    except _UnreadableError as error:
        return [], [error.problem]


def read_document(path: Path, display: str | None = None) -> tuple[Any, list[Problem]]:
    """Read a YAML file holding any one document, as strictly as ``read_records``.

    Returns the document (``None`` for an empty file) and no problem, or ``None`` and the one
    problem that stopped the reading (naming the line where there is one).
    """

    def build(loader: StrictLoader, root: yaml.Node | None) -> Any:
        return None if root is None else loader.construct_object(root, deep=True)

    try:
        return _parsed(path, display or str(path), build), []
    except _UnreadableError as error:
        return None, [error.problem]


def _parsed(
    path: Path,
    name: str,
    build: Callable[[StrictLoader, yaml.Node | None], _T],
    *,
    lf: bool = False,
) -> _T:
    """Parse the file and ``build`` its result; ``_UnreadableError`` says why it cannot be.

    With ``lf``, CR and CRLF line ends are read as LF instead of refused.
    """
    text = _text_of(path, name, lf=lf)
    if _nesting(text) > MAX_NESTING:
        raise _UnreadableError(YAML_TOO_DEEP(file=name))
    loader = StrictLoader(text)
    try:
        return build(loader, loader.get_single_node())
    except _TagError as error:
        raise _UnreadableError(
            YAML_TAG(error=error, file=name, line=error.line, hint=YAML_CORE_TAGS_HINT)
        ) from None
    except _AliasError as error:
        raise _UnreadableError(YAML_ALIASES(reason=error, file=name, line=error.line)) from None
    except RecursionError:
        raise _UnreadableError(YAML_TOO_DEEP(file=name)) from None
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as error:
        # An explicit tag whose value does not convert (`!!int x`, `!!timestamp 2023-13-45`)
        # makes PyYAML's constructors raise plain Python errors, not YAMLError.
        raise _UnreadableError(YAML_TAG(error=error, file=name)) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = str(getattr(error, "problem", None) or error)
        kind = DUPLICATE_KEY if "duplicate key" in reason else YAML_SYNTAX
        line = mark.line + 1 if mark is not None else None
        raise _UnreadableError(kind(reason=reason, file=name, line=line)) from None
    finally:
        loader.dispose()


class _TagError(yaml.YAMLError):
    """A node with a tag outside YAML's core schema."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class _AliasError(yaml.YAMLError):
    """Aliases that expand past ``ALIAS_BUDGET``, or an alias inside its own anchor."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _check_nodes(root: yaml.Node | None) -> None:
    """Refuse tags outside the core schema and aliases past the budget, before building.

    Walks each distinct node once (an alias is the very node of its anchor), counting how many
    nodes the document would have with every alias expanded.
    """
    if root is None:
        return
    sizes: dict[int, int] = {}
    active: set[int] = set()
    distinct = 0
    # An explicit stack: a document nested thousands deep must not exhaust Python's.
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            continue
        if key in active:
            raise _AliasError(
                "an alias refers to the anchor it is written inside; the value would be endless",
                node.start_mark.line + 1,
            )
        if node.tag not in CORE_TAGS:
            raise _TagError(
                f"the tag {node.tag!r} is not one of YAML's core schema (str, int, float, bool, "
                "null, seq, map)",
                node.start_mark.line + 1,
            )
        distinct += 1
        active.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    expanded = sizes[id(root)]
    if expanded - distinct > ALIAS_BUDGET:
        raise _AliasError(
            f"aliases would expand the {distinct} values written to {expanded}, more than "
            f"{ALIAS_BUDGET} beyond them",
            root.start_mark.line + 1,
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


# json.dumps leaves these raw, but YAML reads them as line breaks or refuses them; and the
# invisible ones (no-break and other special spaces, direction marks) are escaped so that a
# reviewer sees them in a diff.
_UNSAFE = re.compile("[\x7f-\xa0\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\ufffe\uffff]")


def yaml_scalar(value: int | float | str | None) -> str:
    """Render a scalar as YAML: numbers plainly, strings double-quoted (JSON is valid YAML).

    Characters an editor or a YAML reader could change or hide (no-break and other special
    spaces, controls, byte-order marks) are written as JSON ``u`` escapes, so the file reads
    back to exactly ``value``.
    """
    if value is None:
        return "null"
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        # As PyYAML writes floats, so they read back as numbers: 1e+30 is written 1.0e+30.
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        return text.replace("e", ".0e", 1) if "e" in text and "." not in text else text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))
