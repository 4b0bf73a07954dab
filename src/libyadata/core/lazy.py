"""Names a package exports but imports only when they are first used (PEP 562).

``import libyadata`` and ``import libyadata.models.records`` run the ``__init__`` of their
packages; importing every model there would make loading one table pay for all of them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Mapping
from importlib import import_module


def exports(
    package: str, homes: Mapping[str, str], public: Collection[str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Return the ``__getattr__`` and ``__dir__`` of ``package``, which import on first use.

    ``homes`` maps each exported name to the module it is imported from (relative to
    ``package``); ``public`` is what ``dir()`` lists besides what the package defines.
    """
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> object:  # noqa: N807 (the module hook's own name)
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home, package), name)
        namespace[name] = value  # the next use is a plain lookup
        return value

    def __dir__() -> list[str]:  # noqa: N807
        return sorted({*namespace, *public})

    return __getattr__, __dir__
