"""SHA-256, the one digest libyadata uses: seeds, package files, release zips, caches.

``hashlib`` loads OpenSSL, a few milliseconds that a cold ``libyadata.load`` would spend to hash
a few kilobytes. Small inputs use CPython's own SHA-256 module where it has one (``_sha256``
before 3.12, ``_sha2`` since), which gives the same digest; large ones, and interpreters
without it, use ``hashlib``, whose OpenSSL code is faster on megabytes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

#: How the descriptor and the registry label a digest: ``sha256:<hex>``.
PREFIX = "sha256:"
_BLOCK = 1 << 20
#: Inputs up to this size are hashed without loading OpenSSL.
_SMALL = 1 << 20


def _builtin() -> Callable[[bytes], Any] | None:
    for name in ("_sha256", "_sha2"):
        try:
            module = __import__(name)
        except ImportError:
            continue
        found: Callable[[bytes], Any] | None = getattr(module, "sha256", None)
        if found is not None:
            return found
    return None


_SMALL_SHA256 = _builtin()


def sha256(data: bytes) -> str:
    """Return the SHA-256 of ``data`` as lowercase hex."""
    if _SMALL_SHA256 is not None and len(data) <= _SMALL:
        return str(_SMALL_SHA256(data).hexdigest())
    import hashlib

    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of the file at ``path`` as lowercase hex, read in blocks.

    Raises ``OSError`` when the file cannot be read; callers say which file and what to do.
    """
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def labelled(data: bytes) -> str:
    """Return the digest of ``data`` as the descriptor writes it: ``sha256:<hex>``."""
    return PREFIX + sha256(data)
