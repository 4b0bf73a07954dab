"""``libyadata validate``: every layer over a project or a built package, in one report.

May import every stage below it.
"""
