"""Strict input forms: what a value must look like before its meaning is read.

A value that parses but that no curator could mean is refused here with a code of its own, not
read into something else: an integer written in hex, octal, as a float or as ``true``
(``integer-form``), a number written as text or ``true`` (``number-form``); digits other than
ASCII 0-9 (``non-ascii-digit``); a date with a time (``date-with-time``); an invisible
control, bidi or zero-width character in text (``invisible-character``); the same item twice
in a list (``duplicate-item``).

Each check is a marker in an ``Annotated`` type, so the type says what is checked, the JSON
Schema says it where JSON Schema can (``uniqueItems``), and ``libyadata.testing`` can read it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic_core import PydanticCustomError, PydanticKnownError, core_schema

from ..core.catalogue.record_problems import (
    DATE_AS_NUMBER,
    DATE_WITH_TIME,
    DUPLICATE_ITEM,
    FORMULA_TEXT,
    INTEGER_FORM,
    INVISIBLE_CHARACTER,
    NON_ASCII_DIGIT,
    NUMBER_FORM,
)
from ..core.chars import FORMULA_START, INVISIBLE, describe, non_ascii_digit_message, other_digits

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: A date followed by a time of day, in ISO 8601 or with a space.
_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{1,2}:[0-9]{2}.*", re.DOTALL)


def _non_ascii_digit(text: str) -> PydanticCustomError:
    return NON_ASCII_DIGIT.error(message=non_ascii_digit_message(text))


#: Text that reads as a number in some notation: signs, underscores, separators, a point or an
#: exponent, hex, octal and binary prefixes, YAML 1.1's base 60 (``1:30``), infinities, NaN.
_NUMBER_LIKE = re.compile(
    r"\s*[-+]?(?:[0-9][0-9_,]*(?:\.[0-9_]*)?|\.[0-9_]+|0[xob][0-9a-f_]+|[0-9]+(?::[0-5]?[0-9])+"
    r"|\.?inf|\.?nan)(?:e[-+]?[0-9]+)?\s*",
    re.IGNORECASE,
)


def integer_value(text: str) -> int | None:
    """Return the integer a spelling such as ``0x1dd9``, ``1_000`` or ``+5`` means, if it is one.

    ``None`` when the spelling means no integer, or is ambiguous: ``017`` is 17 to a person and
    15 to a YAML 1.1 reader.
    """
    try:
        return int(text.strip(), 0)
    except ValueError:
        return None


def _plain_integer(value: Any) -> Any:
    if isinstance(value, bool):
        raise INTEGER_FORM.error(message=f"{str(value).lower()} is a boolean, not an integer")
    if isinstance(value, float):
        meant = f"; write {int(value)}" if value.is_integer() else ""
        raise INTEGER_FORM.error(
            message=f"{value!r} is written as a decimal fraction: an integer has no point or "
            f"exponent{meant}"
        )
    if isinstance(value, str):
        if other_digits(value):
            raise _non_ascii_digit(value)
        if _NUMBER_LIKE.fullmatch(value):
            number = integer_value(value)
            raise INTEGER_FORM.error(
                message=f"{value!r} is not a plain decimal integer (quotes, signs, leading "
                "zeros, underscores, separators, points and hex, octal or binary prefixes are "
                "not read as one)" + ("" if number is None else f": write {number}")
            )
    return value


def _plain_number(value: Any) -> Any:
    if isinstance(value, bool):
        raise NUMBER_FORM.error(message=f"{str(value).lower()} is a boolean, not a number")
    if isinstance(value, str):
        if other_digits(value):
            raise _non_ascii_digit(value)
        if _NUMBER_LIKE.fullmatch(value):
            raise NUMBER_FORM.error(
                message=f"{value!r} is text, not a number: write the number plainly in decimal "
                "digits, without quotes, separators or a base prefix"
            )
    return value


def _plain_date(value: Any) -> Any:
    # pydantic reads a number as seconds since 1970 (``0`` is 1970-01-01): never a date here.
    if isinstance(value, int | float):
        raise DATE_AS_NUMBER.error(value=value)
    if isinstance(value, dt.datetime):
        raise DATE_WITH_TIME.error(value=value.isoformat(), day=value.date().isoformat())
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        if other_digits(value):
            raise _non_ascii_digit(value)
        if _DATE_TIME.fullmatch(value):
            raise DATE_WITH_TIME.error(value=repr(value), day=value[:10])
    return value


class _Marker:
    """A marker with no fields, equal to any other of its class (as a frozen dataclass is).

    Plain classes, not dataclasses: making a dataclass compiles its methods, which every
    process that defines the models pays for (issue 11).
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class _CheckedBefore(_Marker):
    """Marks a value whose form ``check`` checks before pydantic reads it (and its bounds)."""

    __slots__ = ()

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Run ``check`` on the raw value, then pydantic's own validation."""
        return core_schema.no_info_before_validator_function(self.check, handler(source))

    @staticmethod
    def check(value: Any) -> Any:
        """Return ``value`` if its form is plain; raise the pydantic error saying why not."""
        return value


class PlainInteger(_CheckedBefore):
    """Marks an integer that must be given as an integer: not a bool, float or string.

    Put it after ``Strict()``, so that what it lets through (text that is no number) gets
    pydantic's own ``wrong-type``.
    """

    check = staticmethod(_plain_integer)


class PlainNumber(_CheckedBefore):
    """Marks a number given as a number: not a bool or a string (put after ``Strict()``)."""

    check = staticmethod(_plain_number)


class PlainDate(_CheckedBefore):
    """Marks a date given as ISO text (``YYYY-MM-DD``, or ``YYYY[-MM]`` for a partial one).

    In ASCII digits, with no time of day, and never a number (``date-as-number``).
    """

    check = staticmethod(_plain_date)


class CleanText(_Marker):
    """Marks text that may hold no invisible control, bidi or zero-width character.

    Nor may it start as a spreadsheet formula does (``=``, ``+``, ``-``, ``@``): a person
    typed it, so it can be rephrased, and a spreadsheet opening the CSV would run it.

    Quotes, their context and names as a seed spells them are not marked: they must be what
    the seed has, and the span and spelling checks compare them with it.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Check the characters after the text's own length is checked."""
        return core_schema.no_info_after_validator_function(_clean_text, handler(source))


def _clean_text(value: str) -> str:
    if value.startswith(FORMULA_START):
        raise FORMULA_TEXT.error(char=repr(value[0]))
    found = INVISIBLE.search(value)
    if found is not None:
        raise INVISIBLE_CHARACTER.error(
            char=describe(found.group()),
            at=found.start() + 1,
            before=value[max(0, found.start() - 20) : found.start()],
        )
    return value


class BoundedId(_Marker):
    """Marks an id of at most ``ID_LENGTH`` code points, checked at validation.

    Not in the JSON Schema (the schemas of released versions are frozen): a bound that
    ``validate`` and ``build`` apply alike, so an id of thousands of digits is refused where it
    is read, before anything sorts or converts it.
    """

    __slots__ = ()
    max_length = 100
    """The most code points an id may have (read by ``libyadata.testing`` too)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Check the length before the pattern is matched against a value of any length."""
        return core_schema.no_info_before_validator_function(_bounded_id, handler(source))


def _bounded_id(value: Any) -> Any:
    if isinstance(value, str) and len(value) > BoundedId.max_length:
        raise PydanticKnownError("string_too_long", {"max_length": BoundedId.max_length})
    return value


class UniqueItems(NamedTuple):
    """Marks a list whose items are all different (by ``key``, when it is given)."""

    key: Callable[[Any], Hashable] | None = None
    """What makes two items the same, e.g. a span's seed and offsets; the item itself if None."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Check the items once each of them is valid."""
        return core_schema.no_info_after_validator_function(self._unique, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Say ``uniqueItems`` (JSON Schema checks whole items, a key is stricter)."""
        result = handler(schema)
        result["uniqueItems"] = True
        return result

    def _unique(self, items: Sequence[Any]) -> Sequence[Any]:
        seen: dict[Hashable, int] = {}
        for index, item in enumerate(items):
            key = item if self.key is None else self.key(item)
            if key in seen:
                shown = item if isinstance(item, str) else _describe(key)
                raise DUPLICATE_ITEM.error(first=seen[key], second=index, item=shown)
            seen[key] = index
        return items


def _describe(key: Hashable) -> str:
    if isinstance(key, tuple):
        return " ".join(str(part) for part in key)
    return str(key)
