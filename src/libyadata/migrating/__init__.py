"""``libyadata migrate``: a package or curated files of an earlier schema version, rewritten.

Applies the rules of ``upgrades`` to what a user holds, on disk (``rewrite``). May import every
stage below it.
"""
