"""A CSV table as a pandas DataFrame, with the dtypes its Table Schema declares."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from ..core.jsontypes import JsonSchema


def dtype_of(descriptor: JsonSchema) -> Any:
    """Return the pandas dtype of a Table Schema field (arrays and dates are parsed after)."""
    kind = descriptor.get("type", "string")
    enum = descriptor.get("constraints", {}).get("enum")
    if enum is not None:
        return pd.CategoricalDtype(categories=enum)
    return {
        "integer": "Int64",
        "number": "Float64",
        "boolean": "boolean",
    }.get(kind, "string")


def read_csv(data: bytes, schema: JsonSchema) -> pd.DataFrame:
    """Read CSV bytes into a DataFrame typed by ``schema`` (a Table Schema).

    Only the empty cell is missing (``missingValues``); text such as ``NA`` stays text. Dates
    become ``datetime64``, arrays tuples of their JSON items, enumerations categoricals with
    every allowed value as a category, integers nullable ``Int64``.
    """
    fields = schema["fields"]
    frame = pd.read_csv(
        io.BytesIO(data),
        dtype=str,
        keep_default_na=False,
        na_values=schema.get("missingValues", [""]),
        encoding="utf-8",
    )
    for descriptor in fields:
        name = descriptor["name"]
        column = frame[name]
        kind = descriptor.get("type")
        if kind == "date":
            # One unit whatever pandas infers, so date columns compare and concatenate.
            frame[name] = pd.to_datetime(column, format="%Y-%m-%d").astype("datetime64[s]")
        elif kind == "array":
            frame[name] = column.map(lambda text: tuple(json.loads(text)), na_action="ignore")
        else:
            frame[name] = column.astype(dtype_of(descriptor))
    return frame
