"""Infrastructure every stage shares: problems as data, the cache folder, atomic writes.

Nothing here knows about records. It may import the standard library and pydantic only,
never another part of libyadata; everything else may import it.
"""
