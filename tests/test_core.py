"""The shared pieces in ``libyadata.core``: one digest, one version order."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from libyadata.core.hashing import file_sha256, labelled, sha256
from libyadata.core.versions import is_version, version_key
from libyadata.diff import versioning


def test_one_digest_for_bytes_and_files(tmp_path: Path) -> None:
    data = b"\xd8\xa8\xc2\xa0text" * 300_000  # more than one block
    path = tmp_path / "x.bin"
    path.write_bytes(data)
    assert file_sha256(path) == sha256(data)
    assert sha256(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert labelled(b"") == "sha256:" + sha256(b"")
    # Small and large inputs take different implementations; both give hashlib's digest.
    for size in (0, 1, 1 << 20, (1 << 20) + 1):
        blob = bytes(range(256)) * (size // 256) + bytes(size % 256)
        assert sha256(blob) == hashlib.sha256(blob).hexdigest(), size
    with pytest.raises(OSError, match="missing"):
        file_sha256(tmp_path / "missing")


def test_pre_releases_sort_before_their_release() -> None:
    ordered = [
        "0.1.0",
        "0.9.9",
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.0.1",
        "1.10.0",
    ]
    shuffled = ordered[::3] + ordered[1::3] + ordered[2::3]
    assert sorted(shuffled, key=version_key) == ordered
    assert version_key("1.0.0+build.7") == version_key("1.0.0")


@pytest.mark.parametrize("text", ["1.0", "01.0.0", "1.0.0-", "v1.0.0", "1.0.0-rc..1", "١.٠.٠"])
def test_what_is_not_a_version(text: str) -> None:
    assert not is_version(text)
    with pytest.raises(ValueError, match="not a Semantic Version"):
        version_key(text)


def test_the_version_rules_and_downloads_share_the_order() -> None:
    assert versioning.bump_between("1.0.0-rc.1", "1.0.0") == versioning.Bump.NONE
    assert versioning.bump_between("1.0.0", "1.0.0-rc.1") is None
    assert versioning.within("1.0.0-rc.1", "0.9.0", "1.0.0")
