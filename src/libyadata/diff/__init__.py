"""What changed between two data packages, and the bump the change needs.

``compare`` compares two packages record by record, ``report`` holds the result and renders
it (text, JSON, Markdown), ``versioning`` holds the version rules (which change is major, minor
or patch). May import every stage up to ``checks``; ``publishing`` uses it to check a release.
"""
