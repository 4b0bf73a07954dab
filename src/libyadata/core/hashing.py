"""SHA-256, the one digest libyadata uses: seeds, package files, release zips, caches."""

from __future__ import annotations

import hashlib
from pathlib import Path

#: How the descriptor and the registry label a digest: ``sha256:<hex>``.
PREFIX = "sha256:"
_BLOCK = 1 << 20


def sha256(data: bytes) -> str:
    """Return the SHA-256 of ``data`` as lowercase hex."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of the file at ``path`` as lowercase hex, read in blocks.

    Raises ``OSError`` when the file cannot be read; callers say which file and what to do.
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def labelled(data: bytes) -> str:
    """Return the digest of ``data`` as the descriptor writes it: ``sha256:<hex>``."""
    return PREFIX + sha256(data)
