"""Analyst-ready views of a package's tables: names for ids, lists as lists, places joined.

``labelled`` gives labelled rows and DataFrames, the readable form of dates and which records
point at each reference; ``load_dataframe(labelled=True)``, the exports and the site read it.
May import every stage up to ``readers``.
"""
