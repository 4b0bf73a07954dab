"""Whole-process load time of libyadata, against pydantic, pandas and palmerpenguins.

Each case is a fresh ``python -c`` process (``sys.executable``), timed from start to exit, so
the figures include interpreter start-up and every import, as a user's script would pay them.
The cases run in rounds, one of each per round, after warm-up rounds that fill the OS file
cache; the table gives the median of each.

    python benchmarks/load_time.py [--runs 15] [--warmups 2]

The load of ``palmerpenguins.load_penguins()`` needs ``pip install -e ".[bench]"``; without it
that row is skipped.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from _env import environment  # the scripts' own folder is first on sys.path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Case:
    """One program to time."""

    label: str
    code: str
    needs: str | None = None
    """A module the case imports that may be missing."""


BASELINE = "from pydantic import BaseModel"
PANDAS = "import pandas"
PENGUINS = "import palmerpenguins; palmerpenguins.load_penguins()"

CASES = (
    Case("python -c pass", "pass"),
    Case("from pydantic import BaseModel", BASELINE),
    Case("import pandas", PANDAS),
    Case("palmerpenguins.load_penguins()", PENGUINS, needs="palmerpenguins"),
    Case("import libyadata", "import libyadata"),
    Case("libyadata.load('visits')", "import libyadata; libyadata.load('visits')"),
    Case(
        "libyadata.load_dataframe('visits')",
        "import libyadata; libyadata.load_dataframe('visits')",
    ),
)


def run_once(code: str, env: dict[str, str]) -> float:
    """Return the wall time in seconds of one ``python -c code`` process."""
    start = time.perf_counter()
    subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def measure(cases: list[Case], runs: int, warmups: int) -> dict[str, float]:
    """Return the median wall time of each case, in seconds, timed in interleaved rounds."""
    env = environment()
    times: dict[str, list[float]] = {case.label: [] for case in cases}
    for round_ in range(warmups + runs):
        for case in cases:
            elapsed = run_once(case.code, env)
            if round_ >= warmups:
                times[case.label].append(elapsed)
    return {label: statistics.median(values) for label, values in times.items()}


def versions() -> str:
    """Return the versions the figures were measured with."""
    parts = [f"Python {platform.python_version()}", f"{os.cpu_count()} CPUs", platform.system()]
    for name in ("pydantic", "pandas", "palmerpenguins", "libyadata"):
        try:
            parts.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    return ", ".join(parts)


def table(cases: list[Case], medians: dict[str, float]) -> list[str]:
    """Return a Markdown table of the medians and their ratios to the three references."""
    references = {
        "× pydantic": next(c.label for c in cases if c.code == BASELINE),
        "× pandas": next(c.label for c in cases if c.code == PANDAS),
        "× load_penguins()": next((c.label for c in cases if c.code == PENGUINS), None),
    }
    header = ["program", "median (s)", *references]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join([":---", *["---:"] * (len(header) - 1)]) + "|",
    ]
    for case in cases:
        name = f"`{case.label}`" + (" (baseline)" if case.code == BASELINE else "")
        cells = [name, f"{medians[case.label]:.3f}"]
        for reference in references.values():
            if reference is None:
                cells.append("–")
            else:
                cells.append(f"{medians[case.label] / medians[reference]:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per case (median)")
    parser.add_argument("--warmups", type=int, default=2, help="untimed runs per case first")
    arguments = parser.parse_args()

    cases = []
    for case in CASES:
        if case.needs and importlib.util.find_spec(case.needs) is None:
            print(
                f'{case.needs} is not installed, so "{case.label}" is skipped; '
                'install it with: pip install -e ".[bench]"'
            )
            continue
        cases.append(case)
    print(
        f"{arguments.runs} timed runs per case after {arguments.warmups} warm-up(s), "
        f"each a fresh process; {versions()}\n"
    )
    medians = measure(cases, arguments.runs, arguments.warmups)
    print("\n".join(table(cases, medians)))


if __name__ == "__main__":
    main()
