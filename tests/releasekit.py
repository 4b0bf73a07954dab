"""Registered releases rebuilt from the commits that registered them, with their own code.

A release's bytes are fixed when it is registered in ``releases/releases.txt``; rebuilding it
from that commit must give the registered sha256. The zip then stands in for a download, so
``load(..., version=...)`` reads it offline from the download cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from libyadata.core.hashing import file_sha256
from libyadata.releases.registry import registered_hash, version_of, zip_name

ROOT = Path(__file__).resolve().parent.parent
#: Where the registry has lived, the last where it lives now: a commit that added a line to any
#: of them registered that release.
REGISTRIES = (
    "src/libyadata/releases.txt",
    "src/libyadata/package/releases.txt",
    "src/libyadata/releases/releases.txt",
)


def tool(name: str) -> str:
    """Return the path of a command, or skip the test that needs it."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def git(*args: str) -> str:
    """Run git in the checkout; skip when this is not a git checkout with its history."""
    found = subprocess.run(
        [tool("git"), "-C", str(ROOT), *args], capture_output=True, text=True, check=False
    )
    if found.returncode != 0:
        pytest.skip(f"not a git checkout with the release history: {found.stderr.strip()}")
    return found.stdout


def registered_versions() -> list[str]:
    """The versions in the release registry, oldest first."""
    registry = ROOT / REGISTRIES[-1]
    lines = registry.read_text(encoding="utf-8").splitlines()
    return [found for line in lines if line.strip() and (found := version_of(line.split()[0]))]


def rebuild(version: str, folder: Path, cache: Path) -> Path:
    """Rebuild release ``version`` in ``folder`` from its registering commit; return its zip.

    Fails the test when the rebuilt zip is not the registered bytes.
    """
    expected = registered_hash(zip_name(version))
    assert expected is not None, f"{version} is not registered"
    commits = git("log", "--reverse", "--format=%H", "-S", expected, "--", *REGISTRIES).split()
    if not commits:
        pytest.skip(f"the commit that registered {version} is not in this checkout's history")
    archive = subprocess.run(
        [tool("git"), "-C", str(ROOT), "archive", commits[0]], capture_output=True, check=True
    )
    subprocess.run([tool("tar"), "-x", "-C", str(folder)], input=archive.stdout, check=True)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = str(folder / "src")
    env["LIBYADATA_CACHE"] = str(cache)
    subprocess.run(
        [sys.executable, "-m", "libyadata", "build", "--root", str(folder)],
        cwd=folder,
        env=env,
        capture_output=True,
        check=True,
        timeout=300,
    )
    built = folder / "dist" / zip_name(version)
    assert file_sha256(built) == expected, f"{version} no longer rebuilds to its registered bytes"
    return built
