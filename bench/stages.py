"""Run kg's stages one at a time on a corpus and time each (bench/run.py reports the figures).

The stages are kg's own library functions, called in the order kg.pipeline.build calls them:
ingest (kg.ingest.read_document), extract (segment, metadata, observations, policies,
projects, regions, organizations: kg.pipeline.analyse_one's calls, on ``jobs`` processes via
kg.parallel.imap), map (kg.resolve + kg.rdf), validate (kg.validate.validate_reports),
serialize (kg.output.write_build less its store) and load (kg.output.write_store, timed by
wrapping it), then query (every preset of kg.query on the store). kg's code is not changed.

Memory is ``resource.getrusage(...).ru_maxrss`` (peak resident set size, KiB on Linux) of this
process and, separately, of the largest waited-for child (the extraction/validation workers),
read after each stage: a high-water mark, so a stage's figure includes the stages before it.
"""

from __future__ import annotations

import resource
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Stage:
    name: str
    seconds: float
    items: str = ""  # what the stage handled, in words
    triples: int = 0
    rss_mb: float = 0.0  # peak RSS of this process so far
    child_rss_mb: float = 0.0  # peak RSS of the largest child so far
    detail: dict = field(default_factory=dict)


def peak_rss() -> tuple[float, float]:
    """(self, largest child) peak resident set size in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


@contextmanager
def timed(stages: list[Stage], name: str):
    """Append a Stage with the wall time of the block; the block may fill in its fields."""
    stage = Stage(name, 0.0)
    start = time.perf_counter()
    yield stage
    stage.seconds = time.perf_counter() - start
    stage.rss_mb, stage.child_rss_mb = peak_rss()
    stages.append(stage)
    print(f"bench: {name}: {stage.seconds:.1f} s, {stage.items}", file=sys.stderr, flush=True)


def extract_one(document):
    """kg.pipeline.analyse_one without the ingest: a Report and the seconds of each step."""
    from kg.extract.metadata import extract_metadata
    from kg.extract.metrics import extract_observations
    from kg.extract.organizations import extract_organizations
    from kg.extract.policies import extract_policies
    from kg.extract.projects import extract_projects
    from kg.extract.regions import extract_regions
    from kg.gazetteer import default_gazetteer
    from kg.indicators import default_scheme
    from kg.model import Report
    from kg.segment import segment

    gaz, seconds = default_gazetteer(), {}
    t = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal t
        now = time.perf_counter()
        seconds[step] = seconds.get(step, 0.0) + now - t
        t = now

    seg = segment(document); lap("segment")
    meta = extract_metadata(seg, gaz); lap("metadata")
    obs = extract_observations(seg, meta, default_scheme(), gaz); lap("observations")
    pol = extract_policies(seg, meta); lap("entities")
    proj = extract_projects(seg, meta, gaz); lap("entities")
    reg = extract_regions(seg, meta); lap("entities")
    org = extract_organizations(seg, meta, gaz); lap("entities")
    return Report(seg, meta, obs, pol, proj, reg, org), seconds


def run_stages(paths: list[Path], out_dir: Path, jobs: int) -> tuple[list[Stage], dict]:
    """Every stage on ``paths``; the build is written to ``out_dir``. Returns the stages and
    counts (reports, MB of text, observations, policies, projects, triples, quads)."""
    from kg import output
    from kg.gazetteer import default_gazetteer
    from kg.indicators import default_scheme
    from kg.ingest import read_document
    from kg.parallel import imap
    from kg.pipeline import vocabulary

    default_gazetteer(), default_scheme(), vocabulary()  # loaded once, before the workers fork
    stages: list[Stage] = []
    with timed(stages, "ingest") as st:
        documents = [read_document(p, max_bytes=1 << 30) for p in paths]
        st.items = f"{len(documents)} files"
    mb = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    with timed(stages, "extract") as st:
        outcomes = list(imap(extract_one, documents, jobs))
        reports = [r for r, _ in outcomes]
        for _, seconds in outcomes:
            for step, s in seconds.items():
                st.detail[step] = st.detail.get(step, 0.0) + s
        st.items = f"{sum(len(r.observations) for r in reports)} observations"
    built, minter = _map(stages, reports)
    triples = sum(len(b.graph) for b in built)
    with timed(stages, "validate") as st:
        from kg.validate import validate_reports

        validation = validate_reports([b.graph for b in built], jobs=jobs)
        st.triples, st.items = triples, f"{len(built)} graphs, conforms: {validation.conforms}"
    quads = _write(stages, out_dir, built, validation, minter, triples)
    _queries(stages, out_dir, quads)
    counts = {"reports": len(built), "mb": mb, "triples": triples, "quads": quads,
              "observations": sum(len(r.observations) for r in reports),
              "policies": sum(len(r.policies) for r in reports), "projects": sum(len(r.projects) for r in reports)}
    return stages, counts


def _map(stages: list[Stage], reports):
    """Resolve policies and project names across reports, then one RDF graph per report
    (kg.pipeline.build's loop)."""
    from kg.gazetteer import default_gazetteer
    from kg.pipeline import BuiltReport, unique_keys, vocabulary
    from kg.rdf.entities import entity_triples
    from kg.rdf.iris import Minter
    from kg.rdf.mapping import report_graph
    from kg.rdf.namespaces import VOCAB_BASE
    from kg.resolve import project_names, resolve_policies

    with timed(stages, "map") as st:
        gaz, vocab, minter = default_gazetteer(), vocabulary(), Minter(VOCAB_BASE)
        reports = sorted(reports, key=lambda r: (r.document.sha256, r.document.source))
        policies = resolve_policies({r.document.sha256: r.policies for r in reports},
                                    {r.document.sha256: r.document.text for r in reports})
        names = project_names({r.document.sha256: r.projects for r in reports})
        built = []
        for report, key in zip(reports, unique_keys(reports)):
            graph = report_graph(report, minter, gaz, key, vocab)
            entity_triples(graph, report, minter, minter.report(key), gaz, policies, names)
            built.append(BuiltReport(report, minter.report(key), graph, minter.source(report.document.sha256)))
        built.sort(key=lambda b: str(b.iri))
        st.triples = sum(len(b.graph) for b in built)
        st.items = f"{len(built)} report graphs, {len(policies)} policies"
    return built, minter


def _write(stages: list[Stage], out_dir: Path, built, validation, minter, triples: int) -> int:
    """kg.output.write_build, with the time of its write_store call taken apart as "load"."""
    import pyoxigraph as ox

    from kg import output

    load: dict[str, float] = {}
    original = output.write_store

    def write_store(target, trig):
        start = time.perf_counter()
        try:
            return original(target, trig)
        finally:
            load["seconds"] = time.perf_counter() - start

    output.write_store = write_store
    try:
        with timed(stages, "serialize") as st:
            written = output.write_build(out_dir, built, validation, minter, [])
    finally:
        output.write_store = original
    st.seconds -= load["seconds"]
    store = ox.Store.read_only(str(out_dir / "store"))
    quads = len(store)
    del store
    st.triples, st.items = triples, f"{len(written)} outputs, {sum(_size(p) for p in written) / 1e6:.1f} MB"
    own, child = st.rss_mb, st.child_rss_mb
    stages.append(Stage("load", load["seconds"], f"{quads} quads into pyoxigraph", quads, own, child))
    return quads


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def _queries(stages: list[Stage], out_dir: Path, quads: int) -> None:
    """Every preset, without parameters (an unbound parameter does not filter)."""
    from kg.query import open_store, presets, run

    with timed(stages, "query") as st:
        store = open_store(out_dir)
        for name, preset in presets().items():
            start = time.perf_counter()
            table = run(store, preset)
            st.detail[name] = (time.perf_counter() - start, len(table.rows))
        st.triples, st.items = quads, f"{len(st.detail)} presets"
