"""Reading data of an earlier schema version into today's models: ``libyadata migrate``'s rules.

Schema versions (``schema/v<N>/``) change with major releases: version 1 is the schema of the
0.x releases, version 2 that of 1.x. A built package says which it follows in its descriptor
(``x-libyadata-schema``, read by ``packagenames.schema_version``); a package without it is
version 1.

Version 2 refuses inputs that version 1 read into something (see ``models.inputs``). A record
of version 1 is upgraded by writing each such value the way version 2 wants it, where that
keeps exactly what version 1 read:

- an identifier, a partial date or a version in digits of another script (``MIG-٠٠٠٤``) is
  written in ASCII digits, which version 1 treated as the same digits;
- an integer written as a whole fraction (``7641.0``), in hex, binary or with underscores
  becomes the integer version 1 read; a number in quotes becomes that number;
- a date with a time of midnight (``2016-06-01T00:00:00``) becomes the date, as version 1
  read it;
- an item listed twice in a list of ids or field names is listed once; a span given twice in
  one record's evidence becomes one span, supporting the fields of both.

Anything else version 2 refuses (text over its bounds, invisible characters, a negative
quantity, ``true`` or ``017`` for an integer, which no reader can tell the meaning of) is not
guessed at: the record is not upgraded, and a ``migration-failed`` problem says why.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from ..core.catalogue.record_problems import MIGRATION_FAILED
from ..core.chars import ascii_digits, other_digits
from ..core.jsontypes import JsonSchema
from ..core.problems import Problem, from_validation_error
from ..core.versions import SCHEMA_VERSION
from ..models.tables import Table

#: The schema version of today's models.
CURRENT = int(SCHEMA_VERSION)

#: Text version 1 read as an integer: YAML 1.1's hex, binary and underscores, a sign.
_INTEGER_TEXT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0b[01_]+)")
#: Text version 1 read as a number.
_NUMBER_TEXT = re.compile(r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?")
_MIDNIGHT = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?")


def upgrade(
    table: Table, data: Any, version: int, *, record_id: str | None = None
) -> tuple[BaseModel | None, list[Problem]]:
    """Return a record of ``table`` in schema ``version`` as today's model, or why it cannot be.

    ``data`` is the record as plain data (a JSON Lines line, a curated YAML item). Data of the
    current version is validated as it is; the problems are then the model's own.
    """
    if version >= CURRENT:
        return _validate(table.model, data, record_id)
    migrated = rewrite(table.model, data, version)
    record, problems = _validate(table.model, migrated, record_id)
    return record, [failed(problem, version) for problem in problems]


def rewrite(model: type[BaseModel], data: Any, version: int) -> Any:
    """Return ``data`` of schema ``version`` with every value version 2 writes otherwise rewritten.

    Only rewrites that keep what the earlier version read are made (see the module's
    docstring); a value that cannot be rewritten so is left for validation to refuse.
    """
    if version >= CURRENT or not isinstance(data, dict):
        return data
    schema = _schema(model)
    return walk(data, schema, schema.get("$defs", {}), ())


def as_current(table: Table, data: Any, version: int) -> Any:
    """Return ``data`` as today's models publish it, if it upgrades; else ``data`` unchanged.

    For comparing packages of two schema versions: both sides then have the same fields, in
    the same order, with defaults filled in.
    """
    if version >= CURRENT:
        return data
    record, _ = upgrade(table, data, version)
    if record is None:
        return data
    dumped = record.model_dump(mode="json")
    return {name: dumped[name] for name in type(record).column_order()}  # type: ignore[attr-defined]


def _validate(
    model: type[BaseModel], data: Any, record_id: str | None
) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        shown = record_id or (str(data.get("id")) if isinstance(data, dict) else None)
        return None, from_validation_error(error, record_id=shown)


def failed(problem: Problem, version: int) -> Problem:
    """Return ``problem`` of a record of schema ``version`` as the reason it cannot be upgraded."""
    return MIGRATION_FAILED(
        old=version,
        new=CURRENT,
        reason=f"[{problem.code}] {problem.message}",
        record_id=problem.record_id,
        field=problem.field,
        hint=problem.hint,
    )


@cache
def _schema(model: type[BaseModel]) -> JsonSchema:
    return model.model_json_schema()


def schema_of(model: type[BaseModel]) -> tuple[JsonSchema, JsonSchema]:
    """Return the JSON Schema of ``model`` and its definitions, as ``rewrite`` walks them."""
    schema = _schema(model)
    return schema, schema.get("$defs", {})


def walk(value: Any, schema: JsonSchema, defs: JsonSchema, path: tuple[str, ...]) -> Any:
    """Rewrite ``value`` by the JSON Schema of its place, depth first."""
    schema = resolve(schema, defs, value)
    if isinstance(value, dict) and "properties" in schema:
        properties = schema["properties"]
        return {
            key: walk(item, properties[key], defs, (*path, key)) if key in properties else item
            for key, item in value.items()
        }
    if isinstance(value, list) and schema.get("type") == "array":
        items = [walk(item, schema.get("items", {}), defs, path) for item in value]
        if not schema.get("uniqueItems"):
            return items
        dropped = repeats(items, spans=path[-1:] == ("evidence",))
        for later, first in dropped.items():
            items[first] = merged(items[first], items[later])
        return [item for index, item in enumerate(items) if index not in dropped]
    return _scalar(value, schema)


def repeats(items: list[Any], *, spans: bool) -> dict[int, int]:
    """Return each item that repeats an earlier one, by index, with the index of that one.

    Items repeat when they are equal; spans (``spans``) when they differ at most in what they
    support. Other items that share a key are left for validation to refuse.
    """
    found: dict[int, int] = {}
    for index, item in enumerate(items):
        for earlier in range(index):
            if earlier not in found and _same(items[earlier], item, spans=spans):
                found[index] = earlier
                break
    return found


def _same(first: Any, second: Any, *, spans: bool) -> bool:
    if not spans or not (isinstance(first, dict) and isinstance(second, dict)):
        return bool(first == second)
    return _without_supports(first) == _without_supports(second)


def _without_supports(span: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in span.items() if key != "supports"}


def merged(first: Any, repeat: Any) -> Any:
    """Return ``first`` supporting also what ``repeat`` supports (for spans; else ``first``)."""
    if not (isinstance(first, dict) and isinstance(repeat, dict)):
        return first
    supports, more = first.get("supports"), repeat.get("supports")
    if not (isinstance(supports, list) and isinstance(more, list)):
        return first
    together = [*supports, *(name for name in more if name not in supports)]
    return {**first, "supports": together}


def resolve(schema: JsonSchema, defs: JsonSchema, value: Any) -> JsonSchema:
    """Return the schema behind ``$ref`` and the option of ``anyOf`` that ``value`` can take."""
    if "anyOf" in schema:
        options = [resolve(option, defs, value) for option in schema["anyOf"]]
        kinds = {dict: "object", list: "array"}
        wanted = next((kind for cls, kind in kinds.items() if isinstance(value, cls)), None)
        fitting = [option for option in options if option.get("type") != "null"]
        if wanted is not None:
            fitting = [option for option in fitting if option.get("type") == wanted] or fitting
        return fitting[0] if len(fitting) == 1 else {}
    if "$ref" in schema:
        return resolve(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, value)
    return schema


def _scalar(value: Any, schema: JsonSchema) -> Any:
    kind = schema.get("type")
    if kind == "integer":
        return _integer(value)
    if kind == "number":
        return _number(value)
    if schema.get("format") == "date":
        return _date(value)
    if "pattern" in schema and isinstance(value, str) and other_digits(value):
        fixed = ascii_digits(value)
        return fixed if re.search(schema["pattern"], fixed) else value
    return value


def _date(value: Any) -> Any:
    """Return a date written with a time of midnight as the date (as version 1 read it)."""
    if isinstance(value, dt.datetime):
        midnight = value.time() == dt.time() and value.utcoffset() in (None, dt.timedelta())
        return value.date() if midnight else value
    if isinstance(value, str):
        found = _MIDNIGHT.fullmatch(value)
        return found.group(1) if found else value
    return value


def _integer(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = ascii_digits(value.strip())
        if _INTEGER_TEXT.fullmatch(text) and not re.fullmatch(r"[-+]?0[0-9_]+", text):
            # Leading zeros are left: YAML 1.1 read 017 as 15, a person means 17.
            return int(text.replace("_", ""), 0)
    return value


def _number(value: Any) -> Any:
    if isinstance(value, str):
        text = ascii_digits(value.strip())
        if _NUMBER_TEXT.fullmatch(text):
            return float(text.replace("_", ""))
    return value
