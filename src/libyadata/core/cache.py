"""Where libyadata keeps what it downloads or derives: one cache folder per user.

platformdirs is imported where used, so ``import libyadata`` stays cheap.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable naming the cache folder (overrides the platform's user cache).
CACHE_ENV = "LIBYADATA_CACHE"


def cache_dir() -> Path:
    """Return the download cache: ``LIBYADATA_CACHE`` if set, else the user cache folder."""
    override = os.environ.get(CACHE_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("libyadata"))
