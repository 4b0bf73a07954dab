"""frictionless's foreign-key lookups, built once per package instead of once per resource.

To check a table's foreign keys, frictionless reads every table they refer to in full, for
each table that refers to it: in a libyadata package the visits table is read once to be
validated and four times more for the child tables pointing at it (visitors, met_with,
declined_by, evidence), and actors a dozen times. A lookup is the set of key values of the
referred table, which depends on that table alone, so within one validation it is built once
and shared (it is only read). The checks, their errors and their order are frictionless's own.

frictionless keeps this in a private method (``TableResource.__open_lookup``), so the shared
version is used only with the frictionless major version it was written against and while the
method is there; otherwise frictionless runs as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: The frictionless major version whose lookup this module builds the same way.
_MAJOR = "5"
_METHOD = "_TableResource__open_lookup"
_FIELD = "_TableResource__lookup"


@contextmanager
def shared_lookups() -> Iterator[None]:
    """Within the block, each foreign-key lookup frictionless builds is built once."""
    from importlib.metadata import version

    from frictionless.resources import TableResource

    original = getattr(TableResource, _METHOD, None)
    if original is None or not version("frictionless").startswith(f"{_MAJOR}."):
        yield
        return
    built: dict[tuple[str, tuple[str, ...]], set[Any]] = {}

    def open_lookup(resource: Any) -> None:
        setattr(resource, _FIELD, _lookup(resource, built))

    setattr(TableResource, _METHOD, open_lookup)
    try:
        yield
    finally:
        setattr(TableResource, _METHOD, original)


def _lookup(resource: Any, built: dict[tuple[str, tuple[str, ...]], set[Any]]) -> Any:
    """Return the lookup of ``resource``'s foreign keys, as frictionless 5 makes it."""
    from frictionless import FrictionlessException, errors
    from frictionless.table.lookup import Lookup

    lookup = Lookup()
    for key in resource.schema.foreign_keys:
        source_name = key["reference"]["resource"]
        source_key = tuple(key["reference"]["fields"])
        itself = source_name == resource.name or not source_name
        if not itself:
            if not resource.package:
                note = 'package is required for foreign keys to other resources: "{fk}"'
                raise FrictionlessException(errors.ResourceError(note=note))
            if not resource.package.has_resource(source_name):
                note = (
                    f'failed to handle a foreign key for resource "{resource.name}" as '
                    f'resource "{source_name}" does not exist'
                )
                raise FrictionlessException(errors.ResourceError(note=note))
        lookup.setdefault(source_name, {})
        if source_key in lookup[source_name]:
            continue
        memo = (resource.name if itself else source_name, source_key)
        if memo not in built:
            # A copy: the resource is closed after the lookup (and may refer to itself).
            source = (resource if itself else resource.package.get_resource(source_name)).to_copy()
            built[memo] = _values(source, source_key)
        lookup[source_name][source_key] = built[memo]
    return lookup


def _values(source: Any, fields: tuple[str, ...]) -> set[Any]:
    """Return the key values of every row of ``source`` (its own foreign keys not checked)."""
    values: set[Any] = set()
    if source.schema:
        source.schema.foreign_keys = []
    if not source:
        return values
    with source:
        for row in source.row_stream:
            cells = tuple(row.get(name) for name in fields)
            if set(cells) == {None}:
                continue
            values.add(cells)
    return values
