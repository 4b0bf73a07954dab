"""The published forms of the models: flat layout, rows, CSV cells, DataFrames, schemas.

How typed records become flat tables and back, the names of a built package's files
(``packagenames``), the committed schemas and codebook generated from the models, and the
Data Package v2 profiles. May import ``core``, ``models`` and ``sources``.
"""
