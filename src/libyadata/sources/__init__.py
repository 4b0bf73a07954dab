"""The project folder as read from disk: strict YAML, curated record files, seed texts.

Reading, never judging: what is read comes back with the problems met while reading it.
May import ``core`` and ``models``.
"""
