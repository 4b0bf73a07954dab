"""Extraction time against text size: linear once the pipeline is loaded.

    python benchmarks/extract_speed.py                     # 64 KiB to 1 MiB, and the seeds
    python benchmarks/extract_speed.py --sizes 64 256      # KiB
    python benchmarks/extract_speed.py --runs 3

In one process, the trained pipeline is loaded once (its load time is printed apart), then
``Extractor.extract`` is timed on texts registered as seeds of a scratch copy of this
checkout's project, from 64 KiB to 1 MiB (the seed cap), of two kinds:

- **news**: a paragraph of varied news-style sentences written for this benchmark (visits,
  deployments, bases, agreements, figures, attribution), repeated to the size;
- **one sentence**: one sentence repeated, the case that took 19 s at 64 KiB and over ten
  minutes at 256 KiB before issue 18 (span location copied the text per occurrence).

Each size's median over ``--runs`` is given with its time per KiB and that figure's ratio to
the smallest size's (1.0 everywhere is linear), in wall time and in the process's CPU time
(which other work on a shared machine disturbs less). Last, the time per article: each of the
project's seeds extracted in turn, the median.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

#: News-style sentences written for the benchmark, no seed's.
#: Each copy is numbered (``{n}``) in every sentence, so that every sentence is a span that can be
#: located, as in a real text.
PARAGRAPH = (
    "Report {n}: Khalifa Haftar, who commands the Libyan National Army, flew to Moscow on "
    "Tuesday and met Russian Defence Minister Sergei Shoigu, according to a statement from his "
    "media office. In report {n}, a Russian delegation led by Deputy Defence Minister Yunus-Bek "
    "Yevkurov is expected in Benghazi next week. Report {n} says cargo planes carried air "
    "defence systems from Syria to the Al Khadim air base, two officials told reporters. "
    "Report {n}: Moscow is seeking docking rights at the port of Tobruk, but no agreement has "
    "been signed. Report {n}: Italy and Libya signed a migration accord in Rome in March 2023. "
    "Report {n}: about 12,000 migrants crossed from Libya to Italy in 2022, the agency said. "
    "Report {n}: Putin offered to expand military-technical cooperation with the eastern "
    "authorities.\n"
)
SENTENCE = "Russian forces deployed 300 mercenaries to Sirte on Monday, officials said. "
DEFAULT_SIZES = (64, 128, 256, 512, 1024)
#: The seed cap, in bytes: a registered text is at most this long.
CAP = 1 << 20


def _text(unit: str, kib: int) -> str:
    size = min(kib * 1024, CAP)
    parts, used, number = [], 0, 0
    while True:
        number += 1
        part = unit.replace("{n}", str(number))
        if used + len(part.encode("utf-8")) > size:
            return "".join(parts).rstrip()
        parts.append(part)
        used += len(part.encode("utf-8"))


def main() -> None:
    """Time the extractor on texts of each size, and on the project's seeds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES, metavar="KIB")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()

    from libyadata.extract.pipeline import load_pipeline
    from libyadata.extract.run import Extractor
    from libyadata.sources.project import Project
    from libyadata.sources.register import SeedOptions, register_seed

    started = time.perf_counter()
    load_pipeline()
    print(f"pipeline loaded in {time.perf_counter() - started:.2f} s")
    with tempfile.TemporaryDirectory(prefix="libyadata-bench-") as scratch:
        root = Path(scratch) / "project"
        for folder in ("seeds", "schema"):
            shutil.copytree(ROOT / folder, root / folder)
        shutil.copytree(
            ROOT / "datasets", root / "datasets", ignore=shutil.ignore_patterns("package")
        )
        seeds = {}
        for name, unit in (("news", PARAGRAPH), ("one sentence", SENTENCE)):
            for kib in args.sizes:
                path = Path(scratch) / f"{name.replace(' ', '-')}-{kib}.txt"
                path.write_text(_text(unit, kib), encoding="utf-8")
                options = SeedOptions(published="2024-03-08")
                seeds[(name, kib)] = register_seed(Project.at(root), path, options).seed.id
        extractor = Extractor(Project.at(root))
        print(
            "\n| text | size (KiB) | candidates | median (s) | s per KiB | × smallest per KiB "
            "| CPU s | CPU × smallest per KiB |"
        )
        print("|:---|---:|---:|---:|---:|---:|---:|---:|")
        for name in ("news", "one sentence"):
            first = first_cpu = None
            for kib in args.sizes:
                times, cpu, count = [], [], 0
                for _ in range(args.runs):
                    began, began_cpu = time.perf_counter(), time.process_time()
                    count = len(extractor.extract(seeds[(name, kib)]).candidates)
                    times.append(time.perf_counter() - began)
                    cpu.append(time.process_time() - began_cpu)
                median, median_cpu = statistics.median(times), statistics.median(cpu)
                per, per_cpu = median / kib, median_cpu / kib
                first, first_cpu = first or per, first_cpu or per_cpu
                print(
                    f"| {name} | {kib} | {count} | {median:.2f} | {per:.4f} | {per / first:.2f} "
                    f"| {median_cpu:.2f} | {per_cpu / first_cpu:.2f} |"
                )
        print(f"\nload average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        originals = sorted(Extractor(Project.at(ROOT)).library.texts)
        article = Extractor(Project.at(ROOT))
        times = []
        for seed_id in originals:
            began = time.perf_counter()
            article.extract(seed_id)
            times.append(time.perf_counter() - began)
        print(
            f"\nper article ({len(times)} seeds, 5.5–9 KB): "
            f"median {statistics.median(times):.2f} s, longest {max(times):.2f} s"
        )


if __name__ == "__main__":
    main()
