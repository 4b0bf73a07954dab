"""Hints more than one layer gives: how to fix a problem, written once."""

from __future__ import annotations

RELOCATE = "run `libyadata locate` to recompute start, end, prefix and suffix from the quote"
RESTORE = "download the release again, or rebuild the package with `libyadata build`"
RAISE = "raise the version with `libyadata version --next major|minor|patch` (or X.Y.Z)"
