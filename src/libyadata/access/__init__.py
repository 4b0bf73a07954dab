"""What users do with a built package: load, download, validate, diff, cite, export.

May import every stage below it. The public functions of ``libyadata`` come from here and
from ``models``.
"""
