"""The checks of ``validate``: sources, records, cross-record, provenance, packages.

Each check reports ``Problem`` objects from the catalogue in ``core.problems`` instead of
raising. May import ``core``, ``models``, ``sources``, ``provenance``, ``formats``,
``upgrades`` and ``readers``.
"""
