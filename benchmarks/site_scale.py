"""The static site at scale: ``libyadata site`` on synthetic packages of growing size.

    python benchmarks/site_scale.py                      # 1k and 10k records, 3 runs each
    python benchmarks/site_scale.py --sizes 1000 10000 100000 --runs 1
    python benchmarks/site_scale.py --keep /tmp/sites    # keep the sites written

For each size the synthetic package (``benchmarks/synthetic.py``) is generated, or reused from
``benchmarks/.data/<size>/``; then ``python -m libyadata site OUT --package DIR`` is timed as
a fresh process started with this interpreter, the sizes interleaved one of each per round so
that drift in machine load hits them alike. Each run reports its wall and CPU time (user plus
system), its peak resident memory, and the pages and bytes it wrote. The table gives medians,
each size's time per record against the smallest size's (``growth``: 1.00 is linear), and
the ratio of each size's time to the smallest's, which the target bounds: the site of 10k
records in at most 12 times the time of 1k (linear, with start-up).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _env import environment  # the scripts' own folder is first on sys.path
from validate_scale import run

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "benchmarks" / "synthetic.py"
DEFAULT_DATA = ROOT / "benchmarks" / ".data"
DEFAULT_SIZES = (1_000, 10_000)
#: The target: the site of ten times the records in at most this many times the time.
TARGET_RATIO = 12.0


@dataclass
class Sized:
    """The runs of the site command on one package."""

    size: int
    folder: Path
    times: list[float] = field(default_factory=list)
    cpu_times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    pages: int = 0
    bytes: int = 0
    failure: str | None = None

    def median(self, values: list[float]) -> float:
        """Median of ``values`` (NaN when the command failed or never ran)."""
        return statistics.median(values) if values and not self.failure else float("nan")


def written(folder: Path) -> tuple[int, int]:
    """Return the HTML pages under ``folder`` and the bytes of every file."""
    pages = size = 0
    for path in folder.rglob("*"):
        if path.is_file():
            size += path.stat().st_size
            pages += path.suffix == ".html"
    return pages, size


def measure(sized: Sized, out: Path) -> None:
    """Build the site of ``sized``'s package into ``out`` once and record the run."""
    command = [
        *(sys.executable, "-m", "libyadata", "site", str(out)),
        *("--package", str(sized.folder)),
    ]
    load = os.getloadavg()[0]
    outcome = run(command)
    if outcome.returncode != 0:
        sized.failure = f"exit {outcome.returncode}"
        tail = (outcome.stderr or outcome.stdout).strip().splitlines()[-6:]
        print(f"  {sized.size}: failed ({sized.failure}):\n    " + "\n    ".join(tail))
        return
    sized.times.append(outcome.seconds)
    sized.cpu_times.append(outcome.cpu_seconds)
    sized.peaks.append(outcome.peak_mib)
    sized.pages, sized.bytes = written(out)
    print(
        f"  {sized.size:>7,} records: {outcome.seconds:6.2f} s, CPU {outcome.cpu_seconds:6.2f} s, "
        f"peak {outcome.peak_mib:5.0f} MiB, {sized.pages:,} pages, "
        f"{sized.bytes / 2**20:,.1f} MiB (load average {load:.2f} before)"
    )


def table(results: Sequence[Sized]) -> str:
    """Return the results as a Markdown table, each size against the smallest."""
    base = results[0]
    base_time = base.median(base.times)
    lines = [
        "| size (records) | pages | on disk (MiB) | wall (s) | CPU (s) | peak (MiB) "
        "| × smallest (wall) | × smallest (CPU) | growth per record |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for sized in results:
        wall = sized.median(sized.times)
        ratio = wall / base_time
        cpu = sized.median(sized.cpu_times)
        cpu_ratio = cpu / base.median(base.cpu_times)
        growth = ratio / (sized.size / base.size)
        lines.append(
            f"| {sized.size:,} | {sized.pages:,} | {sized.bytes / 2**20:,.1f} | {wall:.2f} | "
            f"{cpu:.2f} | {max(sized.peaks or [0]):.0f} | {ratio:.2f} | {cpu_ratio:.2f} | "
            f"{growth:.2f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Time the site at each size; exit 1 when a build fails or 10k exceeds 12 times 1k."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--runs", type=int, default=3, help="timed runs per size (median)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="synthetic packages")
    parser.add_argument("--keep", type=Path, help="write the sites here and keep them")
    arguments = parser.parse_args(argv)
    sizes = sorted(set(arguments.sizes))
    results = []
    for size in sizes:
        folder = arguments.data / str(size)
        # The generator is a script of its own: run it as one, so its imports stay out of here.
        subprocess.run(  # noqa: S603
            [sys.executable, str(GENERATOR), str(size), str(folder)],
            check=True,
            env=environment(),
        )
        results.append(Sized(size, folder))
    scratch = arguments.keep or Path(tempfile.mkdtemp(prefix="libyadata-site-scale-"))
    try:
        for round_number in range(1, arguments.runs + 1):
            print(f"round {round_number} of {arguments.runs}")
            for sized in results:
                if sized.failure is None:
                    measure(sized, scratch / str(sized.size))
    finally:
        if arguments.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    print()
    print(
        f"Python {platform.python_version()} on {platform.system()}, {os.cpu_count()} CPUs; "
        f"medians of {arguments.runs} run(s); load average now "
        + ", ".join(f"{value:.2f}" for value in os.getloadavg())
    )
    print(table(results))
    failed = any(sized.failure for sized in results)
    verdicts = []
    base = results[0]
    for sized in results[1:]:
        if sized.size == 10 * base.size and not failed:
            ratio = sized.median(sized.times) / base.median(base.times)
            cpu = sized.median(sized.cpu_times) / base.median(base.cpu_times)
            met = ratio <= TARGET_RATIO
            verdicts.append(met)
            print(
                f"{sized.size:,} records take {ratio:.2f} × the time of {base.size:,} "
                f"(target ≤ {TARGET_RATIO:g}): {'met' if met else 'NOT met'}; "
                f"{cpu:.2f} × its CPU time"
            )
    return 1 if failed or not all(verdicts) else 0


if __name__ == "__main__":
    raise SystemExit(main())
