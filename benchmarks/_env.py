"""What the benchmark scripts share: the environment of the processes they time."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def environment() -> dict[str, str]:
    """Return the environment for the timed processes: libyadata importable from a checkout."""
    env = dict(os.environ)
    if importlib.util.find_spec("libyadata") is None:
        src = str(ROOT / "src")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return env
