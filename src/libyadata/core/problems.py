"""Problems as data: a short reason code, where it is, and how to fix it.

Every check in libyadata reports ``Problem`` objects instead of raising, so a run can report
everything at once, as text for people or JSON for tools.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from pydantic import ValidationError

from .chars import non_ascii_digit_message, other_digits
from .suggest import closest

#: pydantic error types mapped to libyadata reason codes; custom errors keep their own type.
_CODES: Mapping[str, str] = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "enum": "unknown-enum",
    "literal_error": "unknown-enum",
    "string_pattern_mismatch": "pattern",
    "string_too_short": "too-short",
    "too_short": "too-short",
    "string_too_long": "too-long",
    "too_long": "too-long",
    "greater_than": "out-of-range",
    "greater_than_equal": "out-of-range",
    "less_than": "out-of-range",
    "less_than_equal": "out-of-range",
    "finite_number": "out-of-range",
    "frozen_instance": "frozen",
    "json_invalid": "json-syntax",
    "int_from_float": "wrong-type",
    "invalid_key": "unknown-field",
}

#: The layer of ``validate`` each reason code belongs to; a code not listed is a record's.
_LAYERS: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "yaml-syntax",
            "duplicate-key",
            "tab",
            "bom",
            "encoding",
            "not-a-list",
            "not-a-mapping",
            "empty-file",
            "binary",
            "file-too-large",
            "file-unreadable",
            "json-syntax",
            "line-ends",
            "unknown-file",
        ),
        "parse",
    ),
    **dict.fromkeys(
        ("foreign-key", "duplicate-id", "id-reused", "retraction-live", "retraction-replacement"),
        "cross-record",
    ),
    **dict.fromkeys(
        (
            "span-range",
            "quote-mismatch",
            "prefix-mismatch",
            "suffix-mismatch",
            "prefix-missing",
            "suffix-missing",
            "split-cluster",
            "name-not-in-seed",
            "attribution-not-in-seed",
            "date-after-publication",
        ),
        "provenance",
    ),
    **dict.fromkeys(("schema-missing", "schema-drift", "schema-stale", "schema-frozen"), "schema"),
    **dict.fromkeys(
        (
            "citation-unreadable",
            "registry-invalid",
            "release-changed",
            "source-date-epoch",
            "version-mismatch",
        ),
        "package",
    ),
}
_LAYER_PREFIXES: Mapping[str, str] = {
    "seed-": "provenance",
    "package-": "package",
    "frictionless-": "package",
}

_RELOCATE = "run `libyadata locate` to recompute start, end, prefix and suffix from the quote"
_HINTS: Mapping[str, str] = {
    "missing-field": "add the field",
    "unknown-field": "remove the field or correct its name",
    "unknown-enum": "use one of the allowed values",
    "pattern": "write the value in the documented form",
    "wrong-type": "give a value of the documented type",
    "span-order": _RELOCATE,
    "span-length": _RELOCATE,
    "span-range": _RELOCATE,
    "quote-mismatch": _RELOCATE,
    "prefix-mismatch": _RELOCATE,
    "suffix-mismatch": _RELOCATE,
    "prefix-missing": _RELOCATE,
    "suffix-missing": _RELOCATE,
    "split-cluster": "move the boundary so a letter keeps its combining marks",
    "quote-empty": "copy the quote from the seed",
    "quote-absent": "copy the quote exactly from the seed, keeping curly quotes, dashes and "
    "no-break spaces",
    "quote-ambiguous": "add a `prefix` with the text just before the wanted occurrence, "
    "or quote more",
    "prefix-unmatched": "copy the `prefix` exactly from the text just before the wanted one",
    "too-long": "shorten it: text fields are bounded (the codebook gives each limit); a long "
    "argument belongs in notes, and a long quote is better cut into spans",
    "out-of-range": "give a value within the documented range",
    "integer-form": "write the integer as plain decimal digits (7641), not as text, a fraction, "
    "a boolean or in another base",
    "number-form": "write the number plainly (2000, 1.5, 1.0e+6), without quotes",
    "non-ascii-digit": "write the digits as ASCII 0-9",
    "date-with-time": "give the day only, as YYYY-MM-DD; a time of day is never recorded",
    "invisible-character": "delete the character (retype the text around it if your editor does "
    "not show it); only a quote or a spelling copied from a seed may hold what the seed holds",
    "duplicate-item": "list each item once; two spans of the same text are one span, with the "
    "supports of both",
    "quantity-range": "check the number and its unit: a quantity is never negative, and this "
    "one is beyond what its unit can count",
}


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

    @property
    def layer(self) -> str:
        """The layer of ``validate`` that reports this kind of problem, e.g. ``provenance``."""
        if self.code in _LAYERS:
            return _LAYERS[self.code]
        prefix = next((p for p in _LAYER_PREFIXES if self.code.startswith(p)), None)
        return _LAYER_PREFIXES[prefix] if prefix else "records"

    def __str__(self) -> str:
        """Render as ``file:line: record field: [code] message (hint)``."""
        where = ":".join(str(part) for part in (self.file, self.line) if part is not None)
        what = " ".join(part for part in (self.record_id, self.field) if part)
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return ": ".join(part for part in (where, what, text) if part)


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
        body = {"ok": self.ok, "problems": [asdict(problem) for problem in self.problems]}
        return json.dumps(body, ensure_ascii=False, indent=2)


def hint_for(code: str) -> str | None:
    """Return the standard fix for problems with reason ``code``, if there is one."""
    return _HINTS.get(code)


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
        # A check of a whole model can point at one of its fields (ctx "at").
        loc = (*detail["loc"], *(str(ctx["at"]).split(".") if "at" in ctx else ()))
        code = _code_of(detail["type"])
        message = detail["msg"]
        value = detail.get("input")
        if code == "pattern" and isinstance(value, str) and other_digits(value):
            # The form may be right but for its digits: say so, rather than repeat the pattern.
            code, message = "non-ascii-digit", non_ascii_digit_message(value)
        hint = hint_for(code)
        if code == "unknown-enum":
            hint = _did_you_mean(detail.get("input"), _expected(detail.get("ctx", {}))) or hint
        field_line = (line_of or {}).get(str(loc[0])) if loc else None
        problems.append(
            Problem(
                code=code,
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
        if problem.code == "unknown-field" and problem.field and "." not in problem.field:
            hint = _did_you_mean(problem.field, choices)
        result.append(replace(problem, hint=hint) if hint else problem)
    return result


def _code_of(error_type: str) -> str:
    if error_type in _CODES:
        return _CODES[error_type]
    if error_type.endswith(("_type", "_parsing")) or error_type in {"is_instance_of", "model_type"}:
        return "wrong-type"
    # Custom errors raised by the models already carry a libyadata reason code.
    return error_type.replace("_", "-")


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
