"""bench/RESULTS.md from the runs kept in bench/results/*.json (see bench/run.py)."""

from __future__ import annotations

HEADER = """# kg benchmarks

Written by `python -m bench.run` (bench/run.py); do not edit by hand: rerun it. Each run's
figures are kept in `bench/results/n<N>.json` and this page is rendered from all of them.

* **Stages** are kg's library functions called one at a time in the order of `kg.pipeline.build`
  (bench/stages.py): *ingest* (read and decode), *extract* (segment, metadata, observations,
  entities; on `--jobs` processes), *map* (policy/project resolution and one RDF graph per
  report), *validate* (pyshacl per report graph, on `--jobs` processes), *serialize*
  (`kg.output.write_build`: Turtle, TriG, validation report, manifest) and *load* (its
  pyoxigraph store, timed apart), *query* (every preset of `kg query --list`, no parameters).
* **MB/s** is MB of decoded report text (UTF-8) per second of the stage's wall time;
  **triples/s** is the triples of the report graphs (the store's quads for load and query).
* **Peak RSS** is `resource.getrusage(...).ru_maxrss` read after each stage: of the benchmark
  process, and of the largest worker process (children); a high-water mark, so it includes the
  stages before. Not tracemalloc: it is the memory the machine has to have.
* **extract, per step** is CPU-side wall time summed over the workers (greater than the stage's
  wall time when `--jobs` > 1).
"""


def _f(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}"


def machine_block(m: dict, date: str) -> list[str]:
    pk = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    return [f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM; {m['os']}; Python {m['python']}; {pk}. "
            f"Date: {date}."]


def stage_table(run: dict) -> list[str]:
    mb = run["counts"]["mb"]
    lines = ["| stage | wall s | MB/s | triples/s | peak RSS MB (self / child) | what |", "|---|---:|---:|---:|---:|---|"]
    for s in run["stages"]:
        sec = s["seconds"]
        tps = _f(s["triples"] / sec, 0) if s["triples"] and sec else ""
        lines.append(f"| {s['name']} | {_f(sec, 2)} | {_f(mb / sec, 2) if sec else ''} | {tps} | "
                     f"{_f(s['rss_mb'], 0)} / {_f(s['child_rss_mb'], 0)} | {s['items']} |")
    total = run["total_s"]
    lines.append(f"| **total** | **{_f(total, 1)}** | {_f(mb / total, 3)} | {_f(run['counts']['triples'] / total, 0)} | | "
                 f"{_f(total / run['counts']['reports'], 2)} s per report |")
    return lines


def details(run: dict) -> list[str]:
    stages = {s["name"]: s for s in run["stages"]}
    steps = stages["extract"]["detail"]
    out = ["", "extract, per step (s, summed over workers): "
           + ", ".join(f"{k} {_f(v, 1)}" for k, v in sorted(steps.items(), key=lambda kv: -kv[1])) + "."]
    queries = sorted(stages["query"]["detail"].items(), key=lambda kv: -kv[1][0])
    out.append("query, slowest presets (s, rows): "
               + ", ".join(f"`{k}` {_f(v[0], 2)} ({v[1]})" for k, v in queries[:5])
               + f"; the other {len(queries) - 5} under {_f(queries[5][1][0], 2)} s each." if len(queries) > 5 else "")
    return out


def quantulum(run: dict) -> list[str]:
    q = run["quantulum"]
    if q.get("error"):
        return ["", f"quantulum3: not run ({q['error']})."]
    return ["", f"Number extraction on the same {q['chunks']} lines ({_f(q['mb'], 3)} MB, the first reports): "
            f"kg `find_quantities` {_f(q['kg_seconds'], 2)} s ({_f(q['mb'] / q['kg_seconds'], 2)} MB/s), "
            f"{q['kg_found']} quantities; quantulum3 {q['q3_version']} {_f(q['q3_seconds'], 1)} s "
            f"({_f(q['mb'] / q['q3_seconds'], 3)} MB/s), {q['q3_found']} quantities ({q['q3_with_unit']} with a unit). "
            f"**quantulum3 / kg: {_f(q['time_ratio'], 0)}x the time, {_f(q['q3_found'] / max(q['kg_found'], 1), 2)}x "
            f"the numbers found.**"]


def _load(run: dict) -> str:
    """The load average around the run: above the core count, other work shared the cores."""
    if "load" not in run:
        return ""
    busy = max(run["load"]) > run["machine"]["cores"]
    return (f" Load average (1 min) before / after: {run['load'][0]} / {run['load'][1]}"
            + (" (above the core count: other work shared the cores, so the times are upper bounds)." if busy else "."))


def section(run: dict) -> list[str]:
    c = run["counts"]
    gen = f"; generating it took {_f(run['generate_s'], 1)} s (not in the total)" if run["generate_s"] else ""
    return ["", f"## N = {run['n']}", "",
            f"Corpus: {run['kind']}: {c['reports']} reports, {_f(c['mb'], 2)} MB of text{gen}; "
            f"{c['observations']:,} observations, {c['policies']:,} policy and {c['projects']:,} project mentions, "
            f"{c['triples']:,} triples in the report graphs, {c['quads']:,} quads in the store. "
            f"`--jobs {run['jobs']}`.", "", f"Command: `{run['command']}`. " + machine_block(run["machine"], run["date"])[0]
            + _load(run),
            "", *stage_table(run), *details(run), *quantulum(run)]


def slope(runs: list[dict]) -> list[str]:
    """Seconds per report between consecutive runs, and a projection to N=1000."""
    lines = ["", "## Scaling", "", "| N | corpus | MB | total s | s per report | s per MB |", "|---:|---|---:|---:|---:|---:|"]
    for r in runs:
        c = r["counts"]
        lines.append(f"| {r['n']} | {'samples' if r['n'] == 5 else 'synthetic'} | {_f(c['mb'], 2)} | {_f(r['total_s'], 1)} | "
                     f"{_f(r['total_s'] / c['reports'], 2)} | {_f(r['total_s'] / c['mb'], 1)} |")
    pairs = list(zip(runs, runs[1:]))
    for a, b in pairs:
        per_report = (b["total_s"] - a["total_s"]) / (b["counts"]["reports"] - a["counts"]["reports"])
        per_mb = (b["total_s"] - a["total_s"]) / (b["counts"]["mb"] - a["counts"]["mb"])
        lines += ["", f"Slope N={a['n']} -> N={b['n']}: **{_f(per_report, 2)} s per report** ({_f(per_mb, 1)} s per MB)."]
        if b["n"] < 1000 and not any(r["n"] >= 1000 for r in runs):
            proj = b["total_s"] + per_report * (1000 - b["counts"]["reports"])
            lines.append(f"Projected N=1000 at this slope: {_f(proj / 60, 0)} minutes on this machine.")
    return lines


def render(runs: list[dict]) -> str:
    lines = HEADER.rstrip("\n").split("\n")
    for run in runs:
        lines += section(run)
    if len(runs) > 1:
        lines += slope(runs)
    return "\n".join(lines) + "\n"
