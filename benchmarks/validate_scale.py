"""Validation at scale: libyadata's checks against frictionless, on the same synthetic packages.

    python benchmarks/validate_scale.py                        # 10k, 100k and 1M records
    python benchmarks/validate_scale.py --sizes 10000 100000 --runs 5
    python benchmarks/validate_scale.py --quick                # 10k, one run: under a minute

For each size the synthetic package (``benchmarks/synthetic.py``) is generated, or reused from
``benchmarks/.data/<size>/``; then, in the same run, each of these is timed as a fresh process
started with this interpreter (``sys.executable``), interleaved one of each per round:

- ``libyadata validate --package DIR --skip package --format json``: libyadata's record,
  cross-record and provenance layers (every record against its model, foreign keys, names in
  their seeds, every evidence span against its seed text), with a forked worker per CPU for
  large tables;
- the same pinned to one CPU (``sched_setaffinity``), so it runs as one worker, as
  frictionless runs as one process;
- ``frictionless validate --json DIR/datapackage.json`` (run as ``python -m frictionless``):
  types, constraints, primary and foreign keys, bytes and hashes of every resource;
- ``libyadata validate --package DIR --no-cache --format json``: the whole ``validate``, every
  layer, the package layer (Data Package profile and frictionless) included.

Wall and CPU time (user plus system, of the process and the workers it waited for) are
reported apart. Rates divide one count for every tool, the package's records (the lines of its
JSON Lines files), by each tool's time; the rows frictionless validates (its CSV rows, child
tables included, and its JSON Lines rows) are shown beside them. The tables give medians over
the runs. A command that fails is reported, and the other columns are still measured. Last,
``libyadata validate`` on this checkout (project mode, all layers) gives the time for the real
dataset.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _env import environment  # the scripts' own folder is first on sys.path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "benchmarks" / "synthetic.py"
DEFAULT_DATA = ROOT / "benchmarks" / ".data"
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
#: Sizes from which one run is the default (a run of frictionless at 1M takes minutes).
LARGE = 1_000_000
#: How many lines of a failing command's output to show.
SHOWN_LINES = 12

LIBYADATA = "libyadata"
ONE_CPU = "libyadata (1 CPU)"
FRICTIONLESS = "frictionless"
FULL = "validate (all layers)"


@dataclass
class Outcome:
    """One timed process: wall time, peak memory, exit status and output."""

    seconds: float
    cpu_seconds: float
    """User and system time of the process and the workers it waited for."""
    peak_mib: float
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Column:
    """The runs of one command on one package."""

    times: list[float] = field(default_factory=list)
    cpu_times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    failure: str | None = None
    rows: int | None = None

    @property
    def median(self) -> float | None:
        """Median wall time in seconds, or ``None`` when the command failed."""
        return None if self.failure or not self.times else statistics.median(self.times)

    @property
    def cpu(self) -> float | None:
        """Median CPU time in seconds (all processes of the command), or ``None``."""
        return None if self.failure or not self.cpu_times else statistics.median(self.cpu_times)


@dataclass
class Measured:
    """Everything measured for one size."""

    size: int
    folder: Path
    records: int
    generation: dict[str, Any]
    columns: dict[str, Column]
    loads: list[float] = field(default_factory=list)
    """The 1-minute load average just before each timed command (other work on the machine)."""

    @property
    def rows(self) -> int | None:
        """Rows frictionless validated (from its own report)."""
        return self.columns[FRICTIONLESS].rows


def run(
    command: Sequence[str], *, timeout: float | None = None, cpus: set[int] | None = None
) -> Outcome:
    """Run ``command``, timing its wall clock and reading its own peak resident memory.

    Output goes to temporary files rather than pipes, so the wait is a plain ``wait4``: it
    returns the resource usage of this child and of the workers it waited for (libyadata forks
    one per CPU for large tables), where ``RUSAGE_CHILDREN`` would mix in every earlier child.
    A command still running after ``timeout`` seconds is killed; with ``cpus`` it may run
    only on those CPUs.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        mine = os.sched_getaffinity(0)
        if cpus:
            os.sched_setaffinity(0, cpus)  # the child inherits it; this process gets its own back
        try:
            process = subprocess.Popen(command, stdout=out, stderr=err, env=environment())  # noqa: S603
        finally:
            os.sched_setaffinity(0, mine)
        timer = threading.Timer(timeout, process.kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            if timer:
                timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Outcome(
            seconds,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,  # KiB on Linux
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def commands(folder: Path) -> dict[str, list[str]]:
    """Return the timed commands on the package in ``folder``, by column name."""
    python = sys.executable
    own = [
        *(python, "-m", "libyadata", "validate", "--package", str(folder)),
        *("--skip", "package", "--format", "json"),
    ]
    return {
        LIBYADATA: own,
        ONE_CPU: own,
        FRICTIONLESS: [
            *(python, "-m", "frictionless", "validate", "--json"),
            str(folder / "datapackage.json"),
        ],
        # --no-cache: libyadata remembers package bytes that passed, and would skip the
        # package layer from the second run on.
        FULL: [
            *(python, "-m", "libyadata", "validate", "--package", str(folder)),
            *("--no-cache", "--format", "json"),
        ],
    }


def _one_cpu() -> set[int]:
    """Return the first CPU this process may run on."""
    return {min(os.sched_getaffinity(0))}


def judge(name: str, outcome: Outcome, column: Column) -> None:
    """Record one outcome in its column, or why the command failed."""
    if outcome.returncode != 0:
        code = outcome.returncode
        column.failure = f"killed by signal {-code}" if code < 0 else f"exit {code}"
        print(f"  {name} failed ({column.failure}) after {outcome.seconds:.1f} s:")
        print("    " + "\n    ".join(explain(outcome)))
        if name == FRICTIONLESS:
            column.rows = frictionless_rows(outcome.stdout)
        return
    if name == FRICTIONLESS:
        column.rows = frictionless_rows(outcome.stdout)
    column.times.append(outcome.seconds)
    column.cpu_times.append(outcome.cpu_seconds)
    column.peaks.append(outcome.peak_mib)
    print(
        f"  {name}: {outcome.seconds:.2f} s, CPU {outcome.cpu_seconds:.2f} s, "
        f"peak {outcome.peak_mib:.0f} MiB"
    )


def explain(outcome: Outcome) -> list[str]:
    """Return what to show of a failed command: its first problems, or its last lines."""
    try:
        report = json.loads(outcome.stdout)
    except ValueError:
        report = None
    if isinstance(report, dict) and isinstance(report.get("problems"), list):
        # libyadata's JSON report: the package is invalid, which the generator must never allow.
        problems = report["problems"]
        shown = [f"{p.get('code')}: {p.get('message')}" for p in problems[:SHOWN_LINES]]
        return [f"{len(problems)} problem(s), ok={report.get('ok')}", *shown]
    if isinstance(report, dict) and isinstance(report.get("tasks"), list):
        # frictionless's JSON report: its errors, task by task.
        errors = [
            f"{task.get('name')}: [{error.get('type')}] {error.get('message')}"
            for task in report["tasks"]
            for error in task.get("errors", ())
        ]
        return errors[:SHOWN_LINES] or ["(no errors listed)"]
    text = outcome.stderr.strip() or outcome.stdout.strip()
    return text.splitlines()[-SHOWN_LINES:] or ["(no output)"]


def frictionless_rows(output: str) -> int | None:
    """Return the rows frictionless validated: the sum of its report tasks' ``stats.rows``."""
    try:
        report = json.loads(output)
    except ValueError:
        return None
    return sum((task.get("stats") or {}).get("rows") or 0 for task in report.get("tasks", ()))


def generate(size: int, data: Path) -> tuple[Path, dict[str, Any]]:
    """Generate (or reuse) the package of ``size`` records; return its folder and marker."""
    folder = data / str(size)
    completed = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, str(GENERATOR), str(size), str(folder)],
        env=environment(),
        check=False,
        capture_output=True,
        text=True,
    )
    print("  " + (completed.stdout.strip() or completed.stderr.strip()).replace("\n", "\n  "))
    if completed.returncode != 0:
        raise SystemExit(f"generating {size} records failed (exit {completed.returncode})")
    marker = json.loads((folder / ".synthetic.json").read_text(encoding="utf-8"))
    return folder, marker


def json_lines(folder: Path) -> int:
    """Count the records of a package: the lines of its JSON Lines files."""
    total = 0
    for path in sorted((folder / "jsonl").glob("*.jsonl")):
        with path.open("rb") as handle:
            total += sum(1 for _ in handle)
    return total


def measure(size: int, data: Path, runs: int, *, timeout: float | None) -> Measured:
    """Generate or reuse the package of ``size`` records, then time every command on it."""
    print(f"\n{size} records:")
    folder, marker = generate(size, data)
    chosen = commands(folder)
    measured = Measured(size, folder, json_lines(folder), marker, {n: Column() for n in chosen})
    for round_ in range(runs):
        print(f" run {round_ + 1} of {runs}")
        for name, command in chosen.items():
            if measured.columns[name].failure:
                continue  # a command that failed once is not timed again
            measured.loads.append(os.getloadavg()[0])
            cpus = _one_cpu() if name == ONE_CPU else None
            judge(name, run(command, timeout=timeout, cpus=cpus), measured.columns[name])
    return measured


def real_dataset(runs: int, timeout: float | None) -> float | None:
    """Return the median time of ``libyadata validate`` on this checkout (all layers)."""
    command = [sys.executable, "-m", "libyadata", "validate", "--root", str(ROOT)]
    times = []
    for _ in range(runs):
        outcome = run(command, timeout=timeout)
        if outcome.returncode != 0:
            print(f"real dataset: libyadata validate failed (exit {outcome.returncode}):")
            print("    " + "\n    ".join(explain(outcome)))
            return None
        times.append(outcome.seconds)
    return statistics.median(times)


def _seconds(value: float | None, failure: str | None = None) -> str:
    if value is None:
        return f"failed ({failure})" if failure else "–"
    return f"{value:.2f}"


def _rate(count: int, seconds: float | None) -> str:
    return f"{count / seconds:,.0f}" if count and seconds else "–"


def _ratio(theirs: float | None, ours: float | None) -> str:
    return f"{theirs / ours:.2f}" if theirs and ours else "–"


def _growth(results: Sequence[Measured], name: str, result: Measured) -> str:
    # CPU time per record relative to the smallest size: 1.00 everywhere is linear growth.
    base = next((r for r in results if r.columns[name].cpu), None)
    first = base.columns[name].cpu if base else None
    here = result.columns[name].cpu
    if base is None or first is None or here is None:
        return "–"
    return f"{(here / result.size) / (first / base.size):.2f}"


def _markdown(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---:"] * len(header)) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def times_table(results: Sequence[Measured]) -> list[str]:
    """Return the Markdown table of median wall and CPU times, by size and command."""
    names = (LIBYADATA, ONE_CPU, FRICTIONLESS, FULL)
    header = [
        "size (records)",
        "records (JSONL lines)",
        "frictionless rows",
        *(f"{name} wall (s)" for name in names),
        *(f"{name} CPU (s)" for name in names),
    ]
    rows = []
    for result in results:
        columns = [result.columns[name] for name in names]
        rows.append(
            [
                f"{result.size:,}",
                f"{result.records:,}",
                f"{result.rows:,}" if result.rows else "–",
                *(_seconds(column.median, column.failure) for column in columns),
                *(_seconds(column.cpu, column.failure) for column in columns),
            ]
        )
    return _markdown(header, rows)


def table(results: Sequence[Measured]) -> list[str]:
    """Return the Markdown table of rates, ratios and growth, every one from the same run."""
    header = [
        "size (records)",
        "libyadata records/s (1 CPU)",
        "frictionless records/s",
        "wall ratio, one worker / one process",
        "wall ratio, parallel",
        "CPU ratio",
        "whole validate CPU / frictionless CPU",
        "growth libyadata (CPU)",
        "growth frictionless (CPU)",
    ]
    rows = []
    for result in results:
        ours, one = result.columns[LIBYADATA], result.columns[ONE_CPU]
        theirs, full = result.columns[FRICTIONLESS], result.columns[FULL]
        rows.append(
            [
                f"{result.size:,}",
                _rate(result.records, one.median),
                _rate(result.records, theirs.median),
                _ratio(theirs.median, one.median),
                _ratio(theirs.median, ours.median),
                _ratio(theirs.cpu, ours.cpu),
                _ratio(full.cpu, theirs.cpu),
                _growth(results, LIBYADATA, result),
                _growth(results, FRICTIONLESS, result),
            ]
        )
    return _markdown(header, rows)


def resources_table(results: Sequence[Measured]) -> list[str]:
    """Return the Markdown table of generation and peak memory, by size."""
    names = (LIBYADATA, FRICTIONLESS, FULL)
    header = [
        "size (records)",
        "generation (s)",
        "on disk (MiB)",
        "generator peak (MiB)",
        *(f"{name} peak (MiB)" for name in names),
    ]
    rows = []
    for result in results:
        made = result.generation
        columns = [result.columns[name] for name in names]
        rows.append(
            [
                f"{result.size:,}",
                f"{made.get('seconds', 0):.1f}",
                f"{made.get('bytes', 0) / 2**20:,.1f}",
                f"{made.get('peak_memory_mib', 0):,}",
                *(f"{max(column.peaks):,.0f}" if column.peaks else "–" for column in columns),
            ]
        )
    return _markdown(header, rows)


def versions() -> str:
    """Return the versions the figures were measured with."""
    parts = [f"Python {platform.python_version()}", f"{os.cpu_count()} CPUs", platform.system()]
    for name in ("pydantic", "frictionless", "libyadata"):
        try:
            parts.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    return ", ".join(parts)


def main(argv: Sequence[str] | None = None) -> None:
    """Measure and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="records per package"
    )
    parser.add_argument(
        "--runs", type=int, help=f"timed runs per command (default 3; 1 from {LARGE:,} records)"
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="package cache folder")
    parser.add_argument("--quick", action="store_true", help="10 000 records, one run")
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds before a command is killed"
    )
    parser.add_argument(
        "--no-real", action="store_true", help="skip timing the real dataset of this checkout"
    )
    arguments = parser.parse_args(argv)
    sizes = [10_000] if arguments.quick else sorted(arguments.sizes)
    print(f"{versions()}; each command a fresh process, medians over the runs")
    results = []
    for size in sizes:
        runs = arguments.runs or (1 if arguments.quick or size >= LARGE else 3)
        results.append(measure(size, arguments.data, runs, timeout=arguments.timeout))
    real = None
    if not arguments.no_real:
        real = real_dataset(1 if arguments.quick else 3, arguments.timeout)
    print()
    print("\n".join(times_table(results)))
    print()
    print("\n".join(table(results)))
    print()
    print("\n".join(resources_table(results)))
    print()
    loads = [load for result in results for load in result.loads]
    if loads:
        # Timings on a busy machine are slower; say how busy it was.
        print(
            f"1-minute load average before the timed commands: {min(loads):.2f} to "
            f"{max(loads):.2f} ({os.cpu_count()} CPUs)"
        )
    if arguments.no_real:
        print("real dataset: skipped (--no-real)")
    else:
        print(f"real dataset: {real:.2f} s" if real is not None else "real dataset: failed")


if __name__ == "__main__":
    main()
