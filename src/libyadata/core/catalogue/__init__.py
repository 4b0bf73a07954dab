"""The catalogue of problem types: every reason code, its layer, title, message and hint.

The one place a reason code is written, one module per layer of ``validate`` (its subject):
``parse_problems``, ``record_problems``, ``crossrecord_problems``, ``provenance_problems``,
``schema_problems``, ``package_problems``; ``hints`` holds the hints several layers give. Each
``ProblemType`` is declared once (``problemtype.declare``) and problems are built by calling it
(``SPAN_RANGE(end=..., size=..., field="end")``); a model validator raises
``DATE_BOUNDS.error(...)``. A type worded another way at another place keeps its code: it is a
``variant`` of the declared one, declared beside it. A family (``frictionless-<type>``) is one
entry whose members are built with ``member``. ``docs/problems.md`` is generated from it
(``python -m libyadata.core.problemdoc``).

Adding a code: declare it in its layer's module, in its subject's group, and add a test that
produces it (the test run fails naming any declared code that no test produced).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType, ModuleType

from ..problemtype import DECLARED, LAYERS, ProblemType, problem_type
from . import (
    crossrecord_problems,
    package_problems,
    parse_problems,
    provenance_problems,
    record_problems,
    schema_problems,
)

__all__ = ["CATALOGUE", "LAYERS", "MODULES", "PYDANTIC_TYPES", "problem_type"]

#: The module declaring each layer's types, by layer, in the order the layers run.
MODULES: Mapping[str, ModuleType] = MappingProxyType(
    {
        module.LAYER: module
        for module in (
            parse_problems,
            record_problems,
            crossrecord_problems,
            provenance_problems,
            schema_problems,
            package_problems,
        )
    }
)

#: Every declared type by code (a family under its prefix): layer by layer, in the order each
#: module declares them, whichever module was imported first.
CATALOGUE: Mapping[str, ProblemType] = MappingProxyType(
    {code: kind for layer in LAYERS for code, kind in DECLARED.items() if kind.layer == layer}
)

#: pydantic's own error types, by name, to the type they are reported as (see ``pydantic``).
PYDANTIC_TYPES: dict[str, ProblemType] = {
    name: kind for kind in CATALOGUE.values() for name in kind.pydantic if not name.startswith("*")
}
