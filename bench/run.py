"""The benchmark: build a corpus, time each stage of kg on it, write bench/RESULTS.md.

    python -m bench.run --n 5|100|1000 [--jobs J] [--out DIR] [--seed S] [--quantulum-kb K]

N=5 is the five real samples (../shared/reports); any other N is a synthetic corpus of N reports
(bench/generate.py, about 60 KB of text each). The figures of each run are kept in
bench/results/n<N>.json and RESULTS.md is rendered from all of them, with the slope (seconds
per report) between the runs.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import sys
import time
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parents[1] / "shared" / "reports"
RESULTS = HERE / "RESULTS.md"
PACKAGES = ("kg", "rdflib", "pyshacl", "pyoxigraph", "quantulum3")


def machine() -> dict:
    """CPU model, cores, RAM, OS, Python and package versions."""
    cpu, ram = "unknown", 0
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
        ram = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal"))) // 1024
    except (OSError, StopIteration):
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(ram / 1024, 1), "os": platform.platform(),
            "python": platform.python_version(), "packages": versions}


def corpus(n: int, seed: int, work: Path) -> tuple[list[Path], str, float]:
    """The input files: the samples for N=5, else a synthetic corpus written under ``work``."""
    if n == 5:
        if not SAMPLES.is_dir():
            sys.exit(f"bench: the samples are not at {SAMPLES}")
        return sorted(SAMPLES.glob("*.txt")), "the five real samples (../shared/reports/)", 0.0
    from .generate import write_corpus

    target = work / f"corpus-{n}-seed{seed}"
    shutil.rmtree(target, ignore_errors=True)
    start = time.perf_counter()
    paths = write_corpus(n, target, seed)
    return paths, f"synthetic, `python -m bench.generate {n} DIR --seed {seed}`", time.perf_counter() - start


def run(n: int, jobs: int, out: Path, seed: int, quantulum_kb: int) -> dict:
    from .quantities import compare
    from .stages import run_stages

    paths, kind, generate_s = corpus(n, seed, out)
    build = out / f"build-{n}"
    shutil.rmtree(build, ignore_errors=True)
    load_before = os.getloadavg()
    started = time.perf_counter()
    stages, counts = run_stages(paths, build, jobs)
    total = time.perf_counter() - started
    load_after = os.getloadavg()
    print(f"bench: N={n}: stages done in {total:.1f} s; comparing with quantulum3", file=sys.stderr)
    q = compare(paths, quantulum_kb)
    return {"n": n, "kind": kind, "seed": seed if n != 5 else None, "jobs": jobs, "total_s": total,
            "generate_s": generate_s, "counts": counts, "stages": [asdict(s) for s in stages],
            "quantulum": asdict(q) | {"time_ratio": q.time_ratio}, "machine": machine(),
            "date": datetime.date.today().isoformat(), "load": [round(load_before[0], 2), round(load_after[0], 2)],
            "command": f"python -m bench.run --n {n} --jobs {jobs}" + (f" --seed {seed}" if seed else "")}


def main(argv: list[str] | None = None) -> int:
    from kg.parallel import default_jobs

    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="5: the real samples; else N synthetic reports")
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="processes for extraction and validation")
    ap.add_argument("--out", type=Path, default=Path("out/bench"), help="working directory (corpus, build)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    ap.add_argument("--quantulum-kb", type=int, default=150, help="KB of text given to both number extractors")
    ap.add_argument("--no-results", action="store_true", help="print the JSON only; leave bench/RESULTS.md")
    args = ap.parse_args(argv)
    result = run(args.n, args.jobs, args.out, args.seed, args.quantulum_kb)
    if args.no_results:
        print(json.dumps(result, indent=1))
        return 0
    from .report import render

    store = HERE / "results"
    store.mkdir(exist_ok=True)
    (store / f"n{args.n}.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", "utf-8")
    runs = [json.loads(p.read_text("utf-8")) for p in sorted(store.glob("n*.json"))]
    RESULTS.write_text(render(sorted(runs, key=lambda r: r["n"])), "utf-8")
    print(f"bench: N={args.n} in {result['total_s']:.1f} s -> {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
