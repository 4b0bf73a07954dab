"""Names for JSON values as libyadata handles them: descriptors, schemas, records."""

from __future__ import annotations

from typing import Any

#: A JSON object: a descriptor, a Table Schema, a JSON Schema, a record as dumped.
JsonObject = dict[str, Any]
#: A Table Schema or JSON Schema document (a JSON object).
JsonSchema = JsonObject
