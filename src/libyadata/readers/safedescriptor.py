"""Reading a ``datapackage.json`` that may be hostile, before anything it names is touched.

A package from outside (a download, a zip, a folder someone sent) is read as an attacker may
have written it. The descriptor is read with a size cap, parsed with limits on nesting and on
the length of a number, and refused if a key repeats. Then every resource must be an object
with a ``name``, one ``path`` that is a relative POSIX path inside the package (no URL, no
absolute path, no ``..``, no backslash, no symbolic link that leads out of the package, no
pipe or device), a ``bytes`` count and a ``sha256:`` hash; Table Schemas and dialects must be
inline and profiles the official Data Package ones. So nothing can make a reader fetch a URL,
read outside the package, or hang: frictionless is handed only a descriptor that passed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ..core.catalogue.package_problems import (
    PACKAGE_DESCRIPTOR_MISSING,
    PACKAGE_DESCRIPTOR_TOO_LARGE,
    PACKAGE_DUPLICATE_KEY,
    PACKAGE_JSON,
    PACKAGE_NESTING,
    PACKAGE_NUMBER,
    PACKAGE_RESOURCE_PATH,
    PACKAGE_STRUCTURE,
    PACKAGE_UNREADABLE,
)
from ..core.files import TooLargeError, kind_of, read_regular

if TYPE_CHECKING:  # built by calling a type; `load` imports this module and needs neither
    from ..core.problems import Problem, ProblemType

#: The largest ``datapackage.json`` read (the real one is about 200 kB).
MAX_DESCRIPTOR_BYTES = 8 * 1024 * 1024
#: The deepest nesting of arrays and objects accepted (the real descriptor nests 7 deep).
MAX_DEPTH = 32
#: The longest number literal accepted, in characters.
MAX_NUMBER_LENGTH = 40
#: The most resources a package may list.
MAX_RESOURCES = 10_000
#: The largest file a resource may declare (a gibibyte; the real package's largest is 60 kB).
MAX_RESOURCE_BYTES = 1 << 30
#: Where the official profiles live; any other ``$schema`` or ``profile`` would be fetched.
PROFILE_PREFIX = "https://datapackage.org/profiles/"

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[][{}]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_HASH = re.compile(r"^sha256:[0-9a-f]{64}$")
#: Resource keys that may hold a path or URL a reader would follow, besides ``path``.
_INLINE_ONLY = ("schema", "dialect")


class _RefusedError(Exception):
    def __init__(self, kind: ProblemType, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def read_descriptor(path: Path, shown: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Read and check the descriptor at ``path``; return it, or ``None`` and the problems.

    ``shown`` names the descriptor in problems. The resources' files are checked where they
    exist (a link out of the package, a pipe or a device is refused) but not read.
    """
    try:
        raw = read_regular(path, MAX_DESCRIPTOR_BYTES)
    except FileNotFoundError:
        return None, [PACKAGE_DESCRIPTOR_MISSING(shown=shown, file=shown)]
    except TooLargeError:
        return None, [too_large(shown)]
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [PACKAGE_UNREADABLE(shown=shown, error=reason, file=shown)]
    descriptor, problems = parse_descriptor(raw, shown)
    if descriptor is not None:
        problems += list(_outside(path.parent, descriptor, shown))
    return (descriptor, []) if not problems else (None, problems)


def parse_descriptor(raw: bytes, shown: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse the bytes of a descriptor within the limits and check its structure."""
    import json  # here: reading the shipped package's files needs only `read_resource`

    try:
        text = raw.decode("utf-8")
        _check_depth(text)
        document = json.loads(
            text,
            parse_int=_number(int),
            parse_float=_number(float),
            parse_constant=_constant,
            object_pairs_hook=_unique_keys,
        )
    except UnicodeDecodeError as error:
        return None, [_problem(PACKAGE_JSON, f"{shown} is not UTF-8: {error}", shown)]
    except json.JSONDecodeError as error:
        message = f"{shown} is not JSON: {error.msg} at line {error.lineno}"
        return None, [_problem(PACKAGE_JSON, message, shown, line=error.lineno)]
    except _RefusedError as error:
        return None, [_problem(error.kind, f"{shown}: {error}", shown)]
    except RecursionError:  # pragma: no cover - the depth check comes first
        return None, [_problem(PACKAGE_NESTING, f"{shown} nests too deeply", shown)]
    problems = list(_structure(document, shown))
    if problems or not isinstance(document, dict):
        return None, problems
    return document, []


def path_problem(path: object) -> str | None:
    """Say why ``path`` is not a relative POSIX path inside a package; ``None`` if it is."""
    if isinstance(path, list):
        return "is a list of files; a libyadata resource is one file"
    if not isinstance(path, str):
        return f"is {type(path).__name__}, not a path"
    rules = (
        (not path, "is empty"),
        (any(ord(char) < 0x20 for char in path), "holds a control character"),
        (bool(_SCHEME.match(path)) or path.startswith("//"), "is a URL; files are inside"),
        ("\\" in path, "holds a backslash; paths are POSIX, with forward slashes"),
        (PurePosixPath(path).is_absolute(), "is absolute; it must be relative to the package"),
        (
            any(part in {"", ".", ".."} for part in path.split("/")),
            "has an empty, '.' or '..' part; it must name a file inside the package",
        ),
    )
    return next((reason for broken, reason in rules if broken), None)


def _check_depth(text: str) -> None:
    depth = deepest = 0
    for bracket in _BRACKETS.finditer(_STRINGS.sub('""', text)):
        depth += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            raise _RefusedError(
                PACKAGE_NESTING, f"arrays and objects nest more than {MAX_DEPTH} deep"
            )


def _number(kind: type[int] | type[float]) -> Any:
    def parse(literal: str) -> int | float:
        if len(literal) > MAX_NUMBER_LENGTH:
            raise _RefusedError(
                PACKAGE_NUMBER,
                f"a number of {len(literal)} characters (at most {MAX_NUMBER_LENGTH})",
            )
        return kind(literal)

    return parse


def _constant(name: str) -> Any:
    raise _RefusedError(PACKAGE_NUMBER, f"{name} is not a JSON number")


def _unique_keys(pairs: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _RefusedError(
                PACKAGE_DUPLICATE_KEY, f"the key {key!r} is given twice in one object"
            )
        result[key] = value
    return result


def _structure(document: Any, shown: str) -> Iterator[Problem]:
    if not isinstance(document, dict):
        yield _problem(PACKAGE_STRUCTURE, f"{shown} is not a JSON object", shown)
        return
    yield from _profiles(document, "", shown)
    resources = document.get("resources")
    if not isinstance(resources, list):
        yield _problem(
            PACKAGE_STRUCTURE, f"{shown} has no resources list", shown, field="resources"
        )
        return
    if len(resources) > MAX_RESOURCES:
        yield _problem(
            PACKAGE_STRUCTURE,
            f"{shown} lists {len(resources)} resources, more than {MAX_RESOURCES}",
            shown,
            field="resources",
        )
        return
    names: set[str] = set()
    for index, resource in enumerate(resources):
        yield from _resource(resource, f"resources.{index}", shown, names)


def _resource(resource: Any, where: str, shown: str, names: set[str]) -> Iterator[Problem]:
    if not isinstance(resource, dict):
        kind = type(resource).__name__
        yield _problem(PACKAGE_STRUCTURE, f"{where} is {kind}, not an object", shown, field=where)
        return
    name = resource.get("name")
    if not isinstance(name, str) or not name:
        yield _problem(PACKAGE_STRUCTURE, f"{where} has no name", shown, field=f"{where}.name")
    elif name in names:
        message = f"{where} repeats the resource name {name!r}"
        yield _problem(PACKAGE_STRUCTURE, message, shown, field=f"{where}.name")
    else:
        names.add(name)
    if "path" not in resource:
        yield _problem(PACKAGE_RESOURCE_PATH, f"{where} has no path", shown, field=f"{where}.path")
    else:
        reason = path_problem(resource["path"])
        if reason is not None:
            yield _problem(
                PACKAGE_RESOURCE_PATH,
                f"{where}.path {resource['path']!r} {reason}"[:300],
                shown,
                field=f"{where}.path",
            )
    size = resource.get("bytes")
    if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size <= MAX_RESOURCE_BYTES:
        yield _problem(
            PACKAGE_STRUCTURE,
            f"{where}.bytes is {size!r}, not a size from 0 to {MAX_RESOURCE_BYTES}",
            shown,
            field=f"{where}.bytes",
        )
    if not isinstance(resource.get("hash"), str) or not _HASH.match(resource["hash"]):
        yield _problem(
            PACKAGE_STRUCTURE,
            f"{where}.hash is not 'sha256:' and 64 hex digits",
            shown,
            field=f"{where}.hash",
        )
    for key in _INLINE_ONLY:
        if key in resource and not isinstance(resource[key], dict):
            yield _problem(
                PACKAGE_STRUCTURE,
                f"{where}.{key} is not an inline object; a reference to another file or a URL "
                "is not followed",
                shown,
                field=f"{where}.{key}",
            )
        elif key in resource:
            yield from _profiles(resource[key], f"{where}.{key}.", shown)
    yield from _profiles(resource, f"{where}.", shown)


def _profiles(document: dict[str, Any], where: str, shown: str) -> Iterator[Problem]:
    for key in ("$schema", "profile"):
        value = document.get(key)
        if value is not None and not (
            isinstance(value, str) and value.startswith(PROFILE_PREFIX) and ".." not in value
        ):
            yield _problem(
                PACKAGE_STRUCTURE,
                f"{where}{key} is {str(value)[:200]!r}, not an official Data Package profile "
                f"({PROFILE_PREFIX}…); no other profile is fetched",
                shown,
                field=f"{where}{key}",
            )


def _outside(root: Path, descriptor: dict[str, Any], shown: str) -> Iterator[Problem]:
    """Refuse resource files that are links out of the package, pipes or devices."""
    inside = root.resolve()
    for index, resource in enumerate(descriptor["resources"]):
        target = root / resource["path"]
        if not target.exists() and not target.is_symlink():
            continue  # reported when read
        resolved = target.resolve()
        field = f"resources.{index}.path"
        if not resolved.is_relative_to(inside):
            yield _problem(
                PACKAGE_RESOURCE_PATH,
                f"{field} {resource['path']!r} leads out of the package (a symbolic link)",
                shown,
                field=field,
            )
        elif not resolved.is_file():
            try:
                kind = kind_of(resolved.stat().st_mode)
            except OSError:
                kind = "unreadable"
            yield _problem(
                PACKAGE_RESOURCE_PATH,
                f"{field} {resource['path']!r} is {kind}, not a regular file",
                shown,
                field=field,
            )


def read_resource(root: Path, path: str, size: int) -> bytes:
    """Read the file of a resource that passed the checks, at most ``size`` bytes and one more.

    Raises ``OSError`` (``NotRegularError``, ``TooLargeError``) as ``read_regular`` does, and
    ``PermissionError`` for a file that leads out of ``root``.
    """
    target = (root / path).resolve()
    if path_problem(path) is not None or not target.is_relative_to(root.resolve()):
        raise PermissionError(13, "outside the package", str(root / path))
    return read_regular(target, size)


def too_large(shown: str) -> Problem:
    """Return the problem of a descriptor over ``MAX_DESCRIPTOR_BYTES``, named ``shown``."""
    return PACKAGE_DESCRIPTOR_TOO_LARGE(shown=shown, limit=MAX_DESCRIPTOR_BYTES, file=shown)


def _problem(
    kind: ProblemType,
    message: str,
    shown: str,
    *,
    field: str | None = None,
    line: int | None = None,
) -> Problem:
    return kind(message=message, file=shown, line=line, field=field)
