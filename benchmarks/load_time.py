"""Whole-process load time of libyadata, against pydantic, pandas and palmerpenguins.

Each case is a fresh ``python -c`` process (``sys.executable``), timed from start to exit, so
the figures include interpreter start-up and every import, as a user's script would pay them.
The cases run in rounds, one of each per round, after warm-up rounds that fill the OS file
cache and the bytecode cache; the table gives the median of each.

libyadata is timed twice: as installed from its wheel (built from this checkout and installed
into a temporary folder, offline, as ``pip install libyadata`` would), which is what users
run, and from the checkout itself (an editable install), whose working package is validated
in full on every load. The cold-load target compares the first with pydantic.

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
import tempfile
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
    wheel: bool = False
    """Whether libyadata comes from its installed wheel rather than from the checkout."""


BASELINE = "from pydantic import BaseModel"
PANDAS = "import pandas"
PENGUINS = "import palmerpenguins; palmerpenguins.load_penguins()"
LOAD = "import libyadata; libyadata.load('visits')"
#: The cold typed load may take at most this many times the baseline (issue 11).
TARGET = 1.5

CASES = (
    Case("python -c pass", "pass"),
    Case("from pydantic import BaseModel", BASELINE),
    Case("import pandas", PANDAS),
    Case("palmerpenguins.load_penguins()", PENGUINS, needs="palmerpenguins"),
    Case("import libyadata (wheel)", "import libyadata", wheel=True),
    Case("libyadata.load('visits') (wheel)", LOAD, wheel=True),
    Case("import libyadata (checkout)", "import libyadata"),
    Case("libyadata.load('visits') (checkout)", LOAD),
    Case(
        "libyadata.load_dataframe('visits')",
        "import libyadata; libyadata.load_dataframe('visits')",
    ),
)


def install_wheel(folder: Path) -> Path:
    """Build libyadata's wheel from this checkout and install it into ``folder``, offline.

    Returns the folder to put first on ``PYTHONPATH``; pip compiles its bytecode, as it
    does for any install.
    """
    wheels, target = folder / "wheel", folder / "site"
    subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"),
            *("--no-index", "--quiet", "--wheel-dir", str(wheels), str(ROOT)),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = wheels.glob("libyadata-*.whl")
    subprocess.run(  # noqa: S603
        [
            *(sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet"),
            *("--target", str(target), str(built)),
        ],
        check=True,
        capture_output=True,
    )
    return target


def run_once(code: str, env: dict[str, str]) -> tuple[float, float]:
    """Return the wall time and the CPU time (user + system), in seconds, of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, code)
    return elapsed, usage.ru_utime + usage.ru_stime


def measure(
    cases: list[Case], runs: int, warmups: int, folder: Path
) -> tuple[dict[str, float], dict[str, float]]:
    """Return the median wall and CPU times of each case, in seconds, in interleaved rounds."""
    env = environment()
    # Every case reads bytecode from one cache of its own, written in the warm-up rounds,
    # as an installed package would have it; the checkout's folders stay untouched.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    wheel_env = {**env, "PYTHONPATH": str(install_wheel(folder))}
    times: dict[str, list[tuple[float, float]]] = {case.label: [] for case in cases}
    for round_ in range(warmups + runs):
        for case in cases:
            measured = run_once(case.code, wheel_env if case.wheel else env)
            if round_ >= warmups:
                times[case.label].append(measured)
    wall = {label: statistics.median(w for w, _ in values) for label, values in times.items()}
    cpu = {label: statistics.median(c for _, c in values) for label, values in times.items()}
    return wall, cpu


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
    with tempfile.TemporaryDirectory(prefix="libyadata-load-") as folder:
        medians, cpu = measure(cases, arguments.runs, arguments.warmups, Path(folder))
    print("\n".join(table(cases, medians)))
    print()
    baseline = next(c.label for c in cases if c.code == BASELINE)
    for case in cases:
        if case.code == LOAD:
            ratio = medians[case.label] / medians[baseline]
            verdict = "met" if ratio <= TARGET else "not met"
            print(
                f"cold typed load, {case.label}: {ratio:.2f} × `{BASELINE}` "
                f"(target ≤ {TARGET}: {verdict}); CPU time "
                f"{cpu[case.label] / cpu[baseline]:.2f} ×"
            )
    # Other work on the machine stretches wall times unevenly: say how busy it was.
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
