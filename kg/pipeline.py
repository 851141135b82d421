"""The only place that knows the stage order.

ingest -> segment -> extract (metadata) -> map to RDF -> validate -> write outputs.
One rdflib graph per report (small, validated on its own); the union is only
assembled for serialization and loaded into pyoxigraph for queries.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph, URIRef

from .config import Config
from .errors import InputError, KgError
from .model import Report

log = logging.getLogger("kg.pipeline")

Progress = Callable[[str, str], None]  # (stage, item) -> None

DOCTYPE_ABBREV = {"government-work-report": "gwr", "party-plenary": "plenary", "other": "doc"}


@dataclass
class BuiltReport:
    report: Report
    iri: URIRef
    graph: Graph  # the report's statements plus the shared resources it uses
    source_iri: URIRef


@dataclass
class BuildResult:
    reports: list[BuiltReport] = field(default_factory=list)  # sorted by IRI
    errors: list[KgError] = field(default_factory=list)  # one per failed input
    validation: object | None = None  # kg.validate.ValidationResult
    outputs: list[Path] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return self.validation is None or self.validation.conforms


def report_key(report: Report) -> str:
    """The readable part of a report IRI: jurisdiction code, year, document type."""
    meta = report.metadata
    code = meta.jurisdiction.code if meta.jurisdiction else "unknown"
    year = str(meta.report_year) if meta.report_year else "undated"
    return f"{code}-{year}-{DOCTYPE_ABBREV.get(meta.document_type, 'doc')}"


def unique_keys(reports: list[Report]) -> list[str]:
    """Report keys, with a content hash appended where two inputs share a key."""
    keys = [report_key(r) for r in reports]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        groups[key].append(i)
    for key, members in groups.items():
        if len(members) > 1:
            for i in members:
                keys[i] = f"{key}-{reports[i].document.sha256[:8]}"
    return keys


@lru_cache(maxsize=1)
def vocabulary():
    """The published vocabulary the mapping of observations needs (loaded once)."""
    from importlib import resources

    from .extract.numbers_lexicon import lexicon
    from .indicators import default_scheme
    from .rdf.observations import Vocabulary

    text = resources.files("kg.ontology").joinpath("indicators.ttl").read_text("utf-8")
    return Vocabulary(
        indicators=Graph().parse(data=text, format="turtle"),
        indicator_iris={ind.notation: ind.iri for ind in default_scheme()},
        unit_iris={code: unit.iri for code, unit in lexicon().units.items()},
    )


def analyse_one(item: tuple[Path, int]) -> Report | KgError:
    """Ingest, segment and extract one input (a worker's unit of work): a Report, or the
    KgError that makes it a bad input."""
    from .extract.metadata import extract_metadata
    from .extract.metrics import extract_observations
    from .extract.organizations import extract_organizations
    from .extract.policies import extract_policies
    from .extract.projects import extract_projects
    from .extract.regions import extract_regions
    from .gazetteer import default_gazetteer
    from .indicators import default_scheme
    from .ingest import read_document
    from .segment import segment

    path, max_bytes = item
    gazetteer = default_gazetteer()
    try:
        document = read_document(path, max_bytes=max_bytes)
        segmented = segment(document)
        metadata = extract_metadata(segmented, gazetteer)
        observations = extract_observations(segmented, metadata, default_scheme(), gazetteer)
        policies = extract_policies(segmented, metadata)
        projects = extract_projects(segmented, metadata, gazetteer)
        regions = extract_regions(segmented, metadata)
        organizations = extract_organizations(segmented, metadata, gazetteer)
        return Report(segmented, metadata, observations, policies, projects, regions, organizations)
    except KgError as err:
        return err


def analyse(paths: Iterable[Path], config: Config, progress: Progress | None = None, cache=None):
    """Ingest, segment and extract each input, on ``config.workers`` processes; bad inputs
    become errors, not exceptions. Inputs whose extraction ``cache`` (kg.cache.BuildCache)
    holds are not extracted again. The result does not depend on the number of processes."""
    from .gazetteer import default_gazetteer
    from .indicators import default_scheme
    from .parallel import imap

    gazetteer = default_gazetteer()  # loaded before the workers fork, so they share it
    default_scheme()
    vocabulary()
    reports: list[Report] = []
    errors: list[KgError] = []
    paths = list(paths)
    keys = [cache.extraction_key(Path(p), config.max_bytes) if cache else None for p in paths]
    outcomes = [cache.get("extract", key) if cache else None for key in keys]
    todo = [i for i, outcome in enumerate(outcomes) if outcome is None]
    done = len(paths) - len(todo)
    if progress and done:
        progress("extract", f"{done} of {len(paths)} from the cache")
    fresh = imap(analyse_one, [(paths[i], config.max_bytes) for i in todo], config.workers)
    for number, (i, outcome) in enumerate(zip(todo, fresh), done + 1):
        if progress:
            progress("extract", f"[{number}/{len(paths)}] {paths[i]}")
        outcomes[i] = outcome
        if cache and not isinstance(outcome, KgError):
            cache.put("extract", keys[i], outcome)
    for outcome in outcomes:
        if isinstance(outcome, KgError):
            errors.append(outcome)
        else:
            reports.append(outcome)
    # the same text given twice (e.g. two copies of one file) is one report
    seen: set[str] = set()
    unique = []
    for report in sorted(reports, key=lambda r: (r.document.sha256, r.document.source)):
        if report.document.sha256 in seen:
            log.warning("%s: same text as an earlier input, skipped", report.document.path)
            continue
        seen.add(report.document.sha256)
        unique.append(report)
    return unique, errors, gazetteer


def build(inputs: Iterable[str | Path], config: Config, progress: Progress | None = None) -> BuildResult:
    """Run every stage on ``inputs`` and write the outputs to ``config.out_dir``."""
    from .cache import BuildCache
    from .ingest import collect
    from .output import write_build
    from .rdf.iris import Minter
    from .rdf.entities import entity_triples
    from .rdf.mapping import report_graph
    from .resolve import project_names, resolve_policies

    paths, errors = collect(list(inputs))
    cache = BuildCache(config.out_dir, use=config.cache)
    reports, more_errors, gazetteer = analyse(paths, config, progress, cache)
    errors = sorted(errors + more_errors, key=lambda e: str(e))
    minter = Minter(config.base_uri)
    vocab = vocabulary()
    policies = resolve_policies(
        {r.document.sha256: r.policies for r in reports}, {r.document.sha256: r.document.text for r in reports}
    )
    names = project_names({r.document.sha256: r.projects for r in reports})
    built = []
    for report, key in zip(reports, unique_keys(reports)):
        if progress:
            progress("map", report.document.source)
        graph = report_graph(report, minter, gazetteer, key, vocab)
        entity_triples(graph, report, minter, minter.report(key), gazetteer, policies, names)
        built.append(BuiltReport(report, minter.report(key), graph, minter.source(report.document.sha256)))
    built.sort(key=lambda b: str(b.iri))
    result = BuildResult(reports=built, errors=errors)
    if not built:
        if not errors:
            errors.append(InputError("no report files found in the inputs"))
        return result
    if config.validate:
        from .validate import validate_reports

        if progress:
            progress("validate", f"{len(built)} reports")
        result.validation = validate_reports([b.graph for b in built], jobs=config.workers, cache=cache)
    if progress:
        progress("write", str(config.out_dir))
    result.outputs = write_build(config.out_dir, built, result.validation, minter, errors)
    cache.prune()
    return result
