"""Start-up of the ``libyadata`` command against importing typer, in the same run.

    python benchmarks/cli_startup.py [--runs 21] [--warmups 3]

Each case is a fresh process of this interpreter (``sys.executable``), timed from start to
exit; the cases run in rounds, one of each per round, after warm-up rounds that fill the OS
file cache and the bytecode cache, so drift in machine load hits all of them alike. The
command line is run as its console script does (``from libyadata.cli import main; main()``).
The table gives the median wall and CPU time of each and their ratio to ``import typer``,
which the command line cannot undercut; the target is ``--version`` and ``--help`` within
2 × that baseline.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

from _env import environment  # the scripts' own folder is first on sys.path

BASELINE = "import typer"
CLI = "from libyadata.cli import main; main()"
#: ``--version`` and ``--help`` may take at most this many times the baseline (issue 24).
TARGET = 2.0

#: Label → the arguments after ``python``.
CASES: dict[str, list[str]] = {
    "python -c pass": ["-c", "pass"],
    "import typer (baseline)": ["-c", BASELINE],
    "libyadata --version": ["-c", CLI, "--version"],
    "libyadata --help": ["-c", CLI, "--help"],
    "libyadata validate --help": ["-c", CLI, "validate", "--help"],
    "libyadata info --help": ["-c", CLI, "info", "--help"],
}
TARGETED = ("libyadata --version", "libyadata --help")


def timed(arguments: Sequence[str]) -> tuple[float, float]:
    """Run ``python arguments`` once; return its wall and CPU (user + system) seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter)
        [sys.executable, *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment(),
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"python {' '.join(arguments)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def main(argv: Sequence[str] | None = None) -> None:
    """Time every case and print the table, the ratios against the target and the load."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed rounds")
    parser.add_argument("--warmups", type=int, default=3, help="untimed rounds first")
    arguments = parser.parse_args(argv)
    walls: dict[str, list[float]] = {label: [] for label in CASES}
    cpus: dict[str, list[float]] = {label: [] for label in CASES}
    loads = [os.getloadavg()[0]]
    for round_ in range(arguments.warmups + arguments.runs):
        for label, case in CASES.items():
            wall, cpu = timed(case)
            if round_ >= arguments.warmups:
                walls[label].append(wall)
                cpus[label].append(cpu)
    loads.append(os.getloadavg()[0])
    wall = {label: statistics.median(times) for label, times in walls.items()}
    cpu = {label: statistics.median(times) for label, times in cpus.items()}
    base = "import typer (baseline)"
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs; {arguments.runs} runs")
    print()
    print("| program | median (s) | × import typer | CPU (s) | CPU × import typer |")
    print("|:---|---:|---:|---:|---:|")
    for label in CASES:
        print(
            f"| `{label}` | {wall[label]:.3f} | {wall[label] / wall[base]:.2f} | "
            f"{cpu[label]:.3f} | {cpu[label] / cpu[base]:.2f} |"
        )
    print()
    for label in TARGETED:
        ratio = wall[label] / wall[base]
        verdict = "met" if ratio <= TARGET else "not met"
        print(
            f"{label}: {ratio:.2f} × import typer (target ≤ {TARGET}: {verdict}); "
            f"CPU {cpu[label] / cpu[base]:.2f} ×"
        )
    print(f"1-minute load average: {min(loads):.2f} to {max(loads):.2f} ({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
