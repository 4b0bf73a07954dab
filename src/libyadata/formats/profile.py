"""The official Data Package v2 JSON profiles, applied offline.

``dplib-py`` ships the profiles (``datapackage.json``, ``dataresource.json``, ``tableschema.json``,
``tabledialect.json``); their ``$ref``s to each other resolve from those files, never the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

PROFILE_BASE = "https://datapackage.org/profiles/2.0/"


@cache
def _profiles() -> dict[str, Any]:
    import dplib.settings

    folder = Path(dplib.settings.PROFILE_BASEDIR) / "2.0"
    return {
        f"{PROFILE_BASE}{path.name}": json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"))
    }


@cache
def validator(url: str) -> Any:
    """Return a JSON Schema validator for the bundled profile at ``url``.

    Raises ``KeyError`` for a URL that is not one of the bundled v2 profiles.
    """
    from jsonschema.validators import validator_for
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import DRAFT7

    profiles = _profiles()

    def offline(uri: str) -> Resource:
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]

    empty: Registry[Any] = Registry(retrieve=offline)  # type: ignore[call-arg]
    registry = empty.with_resources(
        (uri, Resource.from_contents(schema, default_specification=DRAFT7))
        for uri, schema in profiles.items()
    )
    schema = profiles[url]
    cls = validator_for(schema)
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


def errors(descriptor: Any) -> list[tuple[str, str]]:
    """Return ``(JSON path, message)`` for each way ``descriptor`` breaks the v2 profile.

    The package profile refers to the resource, Table Schema and dialect profiles, so one
    pass checks every resource's schema and dialect too.
    """
    return list(_errors(f"{PROFILE_BASE}datapackage.json", descriptor, "$"))


def _errors(url: str, document: Any, where: str) -> Iterator[tuple[str, str]]:
    try:
        check = validator(url)
    except KeyError:
        yield where, f"names the profile {url}, which is not a Data Package v2 profile"
        return
    for error in sorted(check.iter_errors(document), key=lambda e: list(e.absolute_path)):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
        yield f"{where}{path}", message
