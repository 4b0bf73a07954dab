"""What a problem is: ``ProblemType`` (one kind of problem) and ``Problem`` (one found).

The lowest module of the problems: the layers of ``validate``, the register the catalogue's
modules declare their types into (``declare``), and the lookup of a code (``problem_type``).
The types themselves are declared by subject in ``core.catalogue`` (one module per layer),
which imports only this module; ``core.problems`` (reports, pydantic errors turned into
problems) imports the whole catalogue, so a code is found whichever module declared it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from pydantic_core import PydanticCustomError

#: The layers of ``validate``, in the order they run.
PARSE = "parse"
RECORDS = "records"
CROSS_RECORD = "cross-record"
PROVENANCE = "provenance"
SCHEMA = "schema"
PACKAGE = "package"
LAYERS: tuple[str, ...] = (PARSE, RECORDS, CROSS_RECORD, PROVENANCE, SCHEMA, PACKAGE)


class UnknownProblemError(LookupError):
    """A reason code that the catalogue does not declare."""


class _Catalogued(enum.Enum):
    HINT = "the hint the catalogue declares"


#: Passed as ``hint`` (the default): the type's own hint, filled in with the message values.
CATALOGUE_HINT = _Catalogued.HINT


# A NamedTuple, not a frozen dataclass: a hundred are made by every process that defines the
# models, and a dataclass compiles its methods and sets each field through object.__setattr__.
class ProblemType(NamedTuple):
    """One kind of problem, in the manner of frictionless's error classes.

    Declared once, in a module of ``core.catalogue``; calling it builds a ``Problem``.
    ``template`` and ``hint`` are ``str.format`` templates filled in with the keyword values of
    the call (a type raised as a pydantic error fills ``template`` the way pydantic does, by plain
    ``{name}``).
    """

    code: str
    """The reason code, e.g. ``span-range``; for a family, the prefix of its codes."""
    layer: str
    """The layer of ``validate`` that reports it (one of ``catalogue.LAYERS``)."""
    title: str
    """What went wrong, in a few words, for the table of codes."""
    template: str
    """The message, with ``{name}`` for each value the call gives."""
    hint: str | None = None
    """How to fix it, also a template; ``None`` when there is no standard fix."""
    pydantic: tuple[str, ...] = ()
    """The pydantic error types reported under this code; ``*_type`` ends a type, ``*`` any."""
    family: str = ""
    """For a family, what its codes add to ``code``, e.g. ``type`` in ``frictionless-<type>``."""

    @property
    def shown(self) -> str:
        """The code as the table of codes shows it: ``frictionless-<type>`` for a family."""
        return f"{self.code}<{self.family}>" if self.family else self.code

    def __call__(
        self,
        *,
        file: str | None = None,
        line: int | None = None,
        record_id: str | None = None,
        field: str | None = None,
        hint: str | _Catalogued | None = CATALOGUE_HINT,
        **values: object,
    ) -> Problem:
        """Build a problem of this type; ``values`` fill in the template and the hint."""
        if isinstance(hint, _Catalogued):
            hint = self.hint.format_map(values) if self.hint else self.hint
        return Problem(self.code, self.text(**values), file, line, record_id, field, hint)

    def text(self, **values: object) -> str:
        """Return the message for ``values``, without building a problem."""
        return self.template.format_map(values)

    def error(self, **values: object) -> PydanticCustomError:
        """Return the pydantic error a model validator raises for this type."""
        return PydanticCustomError(self.code, self.template, values or None)

    def variant(
        self, template: str | None = None, *, hint: str | _Catalogued | None = CATALOGUE_HINT
    ) -> ProblemType:
        """Return the same type (same code) worded another way: another template or hint."""
        return self._replace(
            template=self.template if template is None else template,
            hint=self.hint if isinstance(hint, _Catalogued) else hint,
        )

    def member(self, suffix: str) -> ProblemType:
        """Return the type of the member ``code + suffix``, e.g. ``frictionless-type-error``."""
        if not self.family or not suffix:
            raise ValueError(f"{self.code} is not a family, or {suffix!r} names no member")
        return self._replace(code=self.code + suffix, family="")


_TYPES: dict[str, ProblemType] = {}
_FAMILIES: list[ProblemType] = []
#: Every type declared so far by code (a family under its prefix), in the order declared;
#: ``core.catalogue.CATALOGUE`` is the whole catalogue, in the order of the layers.
DECLARED: Mapping[str, ProblemType] = MappingProxyType(_TYPES)


def declare(
    code: str,
    layer: str,
    title: str,
    template: str,
    hint: str | None = None,
    *,
    pydantic: tuple[str, ...] = (),
    family: str = "",
) -> ProblemType:
    """Declare the type ``code`` of ``layer`` in the catalogue and return it (once per code)."""
    if code in _TYPES or layer not in LAYERS:
        raise ValueError(f"{code}: declared twice, or {layer!r} is not a layer")
    kind = _TYPES[code] = ProblemType(code, layer, title, template, hint, pydantic, family)
    if family:
        _FAMILIES.append(kind)
    return kind


def problem_type(code: str) -> ProblemType:
    """Return the type of ``code`` (a family's for a member); ``UnknownProblemError`` if none."""
    found = _TYPES.get(code)
    if found is not None and not found.family:
        return found
    for kind in _FAMILIES:
        if code.startswith(kind.code) and len(code) > len(kind.code):
            return kind
    raise UnknownProblemError(f"{code!r} is not a reason code of the catalogue")


@dataclass(frozen=True)
class Problem:
    """One thing wrong, with enough context to find and fix it."""

    code: str
    """Short reason code, e.g. ``unknown-enum``."""
    message: str
    """What is wrong, in a sentence."""
    file: str | None = None
    line: int | None = None
    record_id: str | None = None
    field: str | None = None
    """Dotted path of the field, e.g. ``evidence.0.end``."""
    hint: str | None = None
    """How to fix it."""

    def __post_init__(self) -> None:
        """Refuse a code the catalogue does not declare (``UnknownProblemError``)."""
        problem_type(self.code)

    @property
    def layer(self) -> str:
        """The layer of ``validate`` that reports this kind of problem, e.g. ``provenance``."""
        return problem_type(self.code).layer

    def __str__(self) -> str:
        """Render as ``file:line: record field: [code] message (hint)``, safe for a terminal.

        An id, a name or a value read from a file may hold an ESC sequence or another control
        character: each is shown escaped (``u001b``), never sent to the terminal raw.
        """
        from .chars import printable

        where = ":".join(str(part) for part in (self.file, self.line) if part is not None)
        # An id as read (thousands of digits, say) is cut short: the message says the rest.
        record_id = printable(self.record_id, limit=80) if self.record_id else None
        what = " ".join(part for part in (record_id, self.field) if part)
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return printable(": ".join(part for part in (where, what, text) if part), limit=None)
