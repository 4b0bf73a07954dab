"""Evidence against the seed texts: spans, sentences, locating quotes, coverage.

Everything that ties a record to the exact characters of a source text.
May import ``core``, ``models`` and ``sources``.
"""
