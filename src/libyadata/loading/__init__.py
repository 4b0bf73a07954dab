"""Loading the data: ``libyadata.load`` and one function per table, DataFrames, ``package()``.

Reads the package installed with libyadata (``readers.shipped``) or a released version
(``releases``). May import every stage below it.
"""
