"""The published forms of the models: flat layout, rows, CSV cells, DataFrames, schemas.

How typed records become flat tables and back, the committed schemas and codebook generated
from the models, the Data Package v2 profiles, and ``DataPackage``, which reads a built package.
May import ``core``, ``models`` and ``sources``.
"""
