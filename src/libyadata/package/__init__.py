"""Making a release: the build, its descriptor, the citation file, the release registry.

Also the version rules that say which bump a change needs. May import every stage below it:
``core``, ``models``, ``sources``, ``provenance``, ``formats`` and ``checks``.
"""
