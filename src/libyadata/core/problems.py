"""Problems as data: a short reason code, where it is, and how to fix it.

Every check in libyadata reports ``Problem`` objects instead of raising, so a run can report
everything at once, as text for people or JSON for tools. A problem is built only from its
``ProblemType``, declared once in ``core.catalogue``: ``SPAN_RANGE(end=..., size=...,
field="end")``; a code the catalogue does not declare cannot be built. ``Problem`` itself is
defined in ``problemtype``, beside the type that builds it; this module imports the whole
catalogue, so every code is declared once problems are reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from pydantic import ValidationError

from .catalogue import CATALOGUE, PYDANTIC_TYPES
from .catalogue.record_problems import NON_ASCII_DIGIT, PATTERN, UNKNOWN_ENUM, UNKNOWN_FIELD
from .chars import non_ascii_digit_message, other_digits
from .problemtype import CATALOGUE_HINT, Problem, ProblemType, UnknownProblemError
from .suggest import closest

__all__ = [
    "CATALOGUE_HINT",
    "Problem",
    "ProblemType",
    "Report",
    "UnknownProblemError",
    "field_path",
    "from_validation_error",
    "unknown_field_hints",
]


@dataclass(frozen=True)
class Report:
    """All problems one run found."""

    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether nothing is wrong."""
        return not self.problems

    def to_json(self) -> str:
        """Render as a JSON document: ``{"ok": ..., "problems": [...]}``."""
        import json  # not at the top: models import this module, and `load` needs no json

        body = {"ok": self.ok, "problems": [asdict(problem) for problem in self.problems]}
        return json.dumps(body, ensure_ascii=False, indent=2)


def field_path(loc: Sequence[int | str]) -> str:
    """Join a pydantic error location into a dotted field path."""
    return ".".join(str(part) for part in loc)


def from_validation_error(
    error: ValidationError,
    *,
    file: str | None = None,
    record_id: str | None = None,
    line: int | None = None,
    line_of: Mapping[str, int] | None = None,
) -> list[Problem]:
    """Turn a pydantic ``ValidationError`` into problems, one per error, with reason codes.

    ``line_of`` maps a top-level field name to its line in ``file``, so the problem points at
    the line of the offending field; ``line`` (the record's first line) is used otherwise.
    """
    problems = []
    for detail in error.errors(include_url=False):
        ctx = detail.get("ctx", {})
        # A check of a whole model can point at one of its fields (ctx "part").
        loc = (*detail["loc"], *(str(ctx["part"]).split(".") if "part" in ctx else ()))
        kind = _kind_of(detail["type"])
        message = detail["msg"]
        value = detail.get("input")
        if kind is PATTERN and isinstance(value, str) and other_digits(value):
            # The form may be right but for its digits: say so, rather than repeat the pattern.
            kind, message = NON_ASCII_DIGIT, non_ascii_digit_message(value)
        hint = kind.hint
        if kind is UNKNOWN_ENUM:
            hint = _did_you_mean(value, _expected(ctx)) or hint
        field_line = (line_of or {}).get(str(loc[0])) if loc else None
        problems.append(
            # The message is pydantic's, already filled in: built as the type's, not by call.
            Problem(
                code=kind.code,
                message=message,
                file=file,
                line=field_line or line,
                record_id=record_id,
                field=field_path(loc) or None,
                hint=hint,
            )
        )
    return problems


def unknown_field_hints(problems: Iterable[Problem], known: Iterable[str]) -> list[Problem]:
    """Add a did-you-mean hint to ``unknown-field`` problems at the top level of a record."""
    choices = sorted(known)
    result = []
    for problem in problems:
        hint = None
        if problem.code == UNKNOWN_FIELD.code and problem.field and "." not in problem.field:
            hint = _did_you_mean(problem.field, choices)
        result.append(replace(problem, hint=hint) if hint else problem)
    return result


def _kind_of(error_type: str) -> ProblemType:
    """Return the type a pydantic error of ``error_type`` is reported as.

    pydantic's own types map as the catalogue declares (an exact name, then a ``*_suffix``,
    then the ``*`` of the type that takes the rest); a custom error raised by a model carries
    its code.
    """
    if error_type in PYDANTIC_TYPES:
        return PYDANTIC_TYPES[error_type]
    patterns = [
        (name[1:], kind)
        for kind in CATALOGUE.values()
        for name in kind.pydantic
        if name.startswith("*")
    ]
    matched = next((kind for end, kind in patterns if end and error_type.endswith(end)), None)
    if matched is not None:
        return matched
    declared = CATALOGUE.get(error_type)
    if declared is not None and not declared.family:
        return declared
    return next(kind for end, kind in patterns if not end)


def _expected(ctx: Mapping[str, Any]) -> list[str]:
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def _did_you_mean(value: object, choices: Sequence[str]) -> str | None:
    if not isinstance(value, str) or not choices:
        return None
    close = closest(value, choices)
    allowed = ", ".join(repr(choice) for choice in choices)
    if close:
        return f"did you mean {close!r}? (allowed: {allowed})"
    return f"allowed: {allowed}" if len(choices) <= 12 else None
