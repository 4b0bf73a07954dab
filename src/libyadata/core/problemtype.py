"""What one kind of problem is: ``ProblemType``, declared once each in ``core.catalogue``.

Apart from ``problems`` (the ``Problem`` it builds, reports, pydantic errors turned into
problems) because the models raise catalogued errors and so import the catalogue: defining
the models, as ``libyadata.load`` does, needs the types and nothing else of problems.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, NamedTuple

from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from .problems import Problem


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

    Declared once, in ``core.catalogue``; calling it builds a ``Problem``. ``template`` and
    ``hint`` are ``str.format`` templates filled in with the keyword values of the call (a
    type raised as a pydantic error fills ``template`` the way pydantic does, by plain
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
        from .problems import Problem

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
