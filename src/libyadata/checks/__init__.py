"""The checks of ``validate``: sources, records, cross-record, provenance, packages.

Each check reports ``Problem`` objects made from the catalogue of problem types
(``core.catalogue``) instead of raising. May import ``core``, ``models``, ``sources``,
``provenance`` and ``formats``.
"""
