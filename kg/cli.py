"""The `kg` command: a thin click layer over the library.

Exit codes: 0 success; 1 the graph violates the shapes; 2 an input, usage or
query error (one line each on stderr, naming the file and the problem).
"""

from __future__ import annotations

import functools
import logging
import sys
from importlib import resources
from pathlib import Path

import click

from . import __version__
from .config import check_base_uri, load_config
from .errors import KgError

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2
EXPORT_FORMATS = ("turtle", "ntriples", "jsonld", "trig", "nquads", "graphml", "gexf", "cytoscape", "dot", "html", "all")  # kg.export.CHOICES
SUMMARY_LINES = 25  # validation summary lines printed by `kg build`; the full text is in validation.txt


def default_inputs() -> list[str]:
    """The bundled example report(s), built when `kg build` gets no INPUT."""
    folder = resources.files("kg.examples")
    return sorted(str(entry) for entry in folder.iterdir() if entry.name.endswith(".txt"))


def fail(message: str, code: int = EXIT_ERROR):
    click.echo(f"kg: error: {message}", err=True)
    sys.exit(code)


def handle_errors(func):
    """Turn KgError (and anything unexpected) into one line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        debug = click.get_current_context().find_root().params.get("debug")
        try:
            return func(*args, **kwargs)
        except KgError as err:
            fail(str(err), err.exit_code)
        except Exception as err:  # noqa: BLE001 - never show a traceback to users
            if debug:
                raise
            fail(f"internal error: {type(err).__name__}: {' '.join(str(err).split())} (rerun with --debug for details)")

    return wrapper


def out_option(func):
    return click.option(
        "-o",
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Output directory of the build (default: out/, or out_dir in kg.toml / [tool.kg]).",
    )(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="kg")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.option("-q", "--quiet", is_flag=True, help="No progress output; errors only.")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for internal errors.")
@click.pass_context
def main(ctx: click.Context, verbose: int, quiet: bool, debug: bool) -> None:
    """Build one validated RDF knowledge graph from government work reports.

    \b
    Typical use:
      kg build reports/ -o out/          # ingest, extract, map, validate, write
      kg query reports -o out/ --format csv
      kg query --list
    Settings can also live in kg.toml or pyproject.toml [tool.kg]
    (base_uri, out_dir, max_bytes).
    """
    level = logging.WARNING - 10 * verbose if not quiet else logging.ERROR
    logging.basicConfig(level=max(level, logging.DEBUG), format="kg: %(levelname)s: %(message)s", stream=sys.stderr)
    ctx.obj = {"quiet": quiet}


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@out_option
@click.option("--base-uri", default=None, help="Base for instance IRIs, e.g. https://data.example.org/ (default: https://w3id.org/cngov/).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help="Refuse input files larger than this (default: 52428800, i.e. 50 MB).")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (faster; no validation report).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="Processes for extraction and validation (default: one per core; 0: one per core; 1: no extra processes). The output does not depend on it.")
@click.option("--no-cache", is_flag=True,
              help="Extract and validate every report again, ignoring OUTDIR/cache (a full build; the cache is refreshed).")
@click.option("-q", "--quiet", is_flag=True, help="No progress output; errors only (same as kg -q build).")
@click.pass_context
@handle_errors
def build(ctx, inputs, out_dir, base_uri, max_bytes, no_validate, jobs, no_cache, quiet):
    """Build the graph from INPUT files or directories (default: the bundled example).

    Inputs: .txt (UTF-8, UTF-16, GB18030/GBK), .html, .pdf; directories are walked.
    Writes OUTDIR/graph.ttl, graph.trig (one named graph per report),
    validation.ttl, validation.txt, manifest.json, store/ (for `kg query`) and
    cache/ (what the next build reuses: unchanged reports are not extracted again).
    Exit 0 when the graph conforms, 1 when it violates the shapes, 2 when an
    input could not be read (the good inputs are still built).
    """
    from .pipeline import build as run_build

    config = load_config().with_overrides(
        out_dir=out_dir,
        base_uri=check_base_uri(base_uri) if base_uri else None,
        max_bytes=max_bytes,
        validate=False if no_validate else None,
        jobs=jobs,
        cache=False if no_cache else None,
    )
    quiet = quiet or ctx.obj["quiet"]
    progress = None if quiet else (lambda stage, item: click.echo(f"kg: {stage:<8} {item}", err=True))
    result = run_build(list(inputs) or default_inputs(), config, progress)
    for err in result.errors:
        click.echo(f"kg: error: {err}", err=True)
    if result.validation is not None and not result.validation.conforms:
        lines = result.validation.summary.rstrip("\n").splitlines()
        shown = lines[:SUMMARY_LINES]
        if len(lines) > SUMMARY_LINES:
            shown.append(f"... {len(lines) - SUMMARY_LINES} more lines in {config.out_dir / 'validation.txt'}")
        click.echo("\n".join(shown), err=True)
    if not quiet and result.reports:
        status = "not validated" if result.validation is None else ("conforms" if result.conforms else "VIOLATES the shapes")
        triples = sum(len(b.graph) for b in result.reports)
        click.echo(f"kg: built {len(result.reports)} report(s), {triples} triples, {status} -> {config.out_dir}/", err=True)
    if result.errors:
        sys.exit(EXIT_ERROR)
    if not result.conforms:
        sys.exit(EXIT_INVALID)


@main.command()
@click.argument("name", required=False)
@out_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "markdown"]), default="table", show_default=True, help="Result format (json: SPARQL 1.1 JSON results).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Bind a preset parameter (repeatable), e.g. --param place=Jiaxing.")
@click.option("--list", "list_presets", is_flag=True, help="List the presets with a one-line description.")
@click.option("--endpoint", metavar="URL", default=None,
              help="Run on this SPARQL 1.1 query endpoint instead of OUTDIR (its default graph must be the union of the named graphs; see `kg push`).")
@handle_errors
def query(name, out_dir, fmt, params, list_presets, endpoint):
    """Run a preset NAME or a SPARQL FILE.rq on the build in OUTDIR.

    `kg query --list` shows the presets. Presets are SPARQL 1.1 files
    (kg/queries/*.rq) that run unchanged in any SPARQL store: with
    --endpoint URL on a store `kg push` loaded.
    """
    from . import query as q

    if list_presets:
        for preset in q.presets().values():
            params_text = f" [params: {', '.join(preset.params)}]" if preset.params else ""
            click.echo(f"{preset.name:<24} {preset.description}{params_text}")
        return
    if not name:
        fail("give a preset NAME or a FILE.rq (see `kg query --list`)")
    bound = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            fail(f"--param {item!r} is not KEY=VALUE")
        bound[key] = value
    preset = q.resolve(name)
    if endpoint:
        table = q.run_remote(endpoint, preset, bound)
    else:
        config = load_config().with_overrides(out_dir=out_dir)
        table = q.run(q.open_store(config.out_dir), preset, bound)
    click.echo(q.render(table, fmt), nl=False)


@main.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True, path_type=Path))
@out_option
@click.option("--errors", "show_errors", is_flag=True, help="Also list every miss, spurious prediction and wrong attribute.")
@handle_errors
def eval_command(gold, out_dir, show_errors):
    """Score the observations of the build in OUTDIR against GOLD annotations.

    GOLD are JSON files (or directories of them) in the format of docs/gold.md,
    or of docs/gold-entities.md for policies and projects (P/R/F1 per kind).
    Prints precision, recall and F1 of observations and the accuracy of each
    attribute (indicator, measure type, value, unit, comparator, period, status,
    area) per file and overall; writes OUTDIR/eval.json.
    """
    import json as json_lib

    from .evaluate import evaluate, render
    from .fsutil import atomic_write

    paths = []
    for item in gold:
        paths += sorted(item.glob("*.json")) if item.is_dir() else [item]
    if not paths:
        fail(f"no gold .json files in {', '.join(map(str, gold))}")
    config = load_config().with_overrides(out_dir=out_dir)
    entity_paths = [p for p in paths if _is_entity_gold(p)]
    paths = [p for p in paths if p not in entity_paths]
    if entity_paths:
        from .evaluate_entities import evaluate_entities, render_entities

        entity_totals = evaluate_entities(entity_paths, config.out_dir)
        click.echo(render_entities(entity_totals), nl=False)
        if show_errors:
            for score in entity_totals.values():
                for err in score.errors:
                    click.echo(json_lib.dumps(err, ensure_ascii=False))
        if not paths:
            return
    total, files = evaluate(paths, config.out_dir)
    click.echo(render(total, files), nl=False)
    if show_errors:
        for item in files:
            for err in item.errors:
                click.echo(f"{item.source}  {json_lib.dumps(err, ensure_ascii=False)}")
    report = {"total": total.as_dict(), "files": [f.as_dict() | {"errors": f.errors} for f in files]}
    atomic_write(Path(config.out_dir) / "eval.json", json_lib.dumps(report, indent=2, ensure_ascii=False) + "\n")


def _is_entity_gold(path: Path) -> bool:
    """Policy/project gold (docs/gold-entities.md) has 'policies'; observation gold has 'observations'."""
    import json as json_lib

    try:
        return "policies" in json_lib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False


@main.command(name="export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@out_option
@click.option("--to", "to", type=click.Path(file_okay=False, path_type=Path), default=None, help="Write into this directory (default: OUTDIR/export/).")
@handle_errors
def export_command(fmt, out_dir, to):
    """Export the build in OUTDIR as FORMAT into OUTDIR/export/ (or --to DIR).

    \b
    RDF:     turtle, ntriples, jsonld (+ context.jsonld), trig, nquads
             (trig and nquads: one named graph per report + the reference graph)
    network: graphml, gexf (Gephi, with year spells), cytoscape (Cytoscape.js
             elements JSON), dot (Graphviz), html (interactive viewer)
    all:     every format (html only when kg.viewer is installed)
    Prints the files written. Two exports of one build are byte-identical.
    """
    from .export import export, viewer_available

    config = load_config().with_overrides(out_dir=out_dir)
    if fmt == "all" and not viewer_available():
        click.echo("kg: warning: html skipped: the viewer module kg.viewer is not installed", err=True)
    for path in export(config.out_dir, fmt, to):
        click.echo(str(path))


@main.command()
@out_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format.")
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True, help="How many central policies and places to list.")
@handle_errors
def stats(out_dir, fmt, top):
    """Counts by class and the most central policies and places of the build in OUTDIR.

    Policies: eigenvector centrality in the policy co-citation graph (linked when
    one report cites both; weight = number of such reports). Places: eigenvector
    centrality in the whole network as an undirected graph.
    """
    from .stats import render_stats, stats as run_stats

    config = load_config().with_overrides(out_dir=out_dir)
    click.echo(render_stats(run_stats(config.out_dir, top), fmt), nl=False)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--summary/--no-summary", default=True, help="Print the readable violation summary.")
@handle_errors
def validate(files, summary):
    """Validate RDF FILES (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) against kg's shapes.

    Exit 0 when they conform, 1 on violations, 2 when a file cannot be parsed.
    """
    from .validate import load_graph_file, validate as run_validate

    from rdflib import Graph

    data = Graph()
    for path in files:
        for triple in load_graph_file(path):
            data.add(triple)
    result = run_validate(data)
    if summary:
        click.echo(result.summary, nl=False)
    sys.exit(EXIT_OK if result.conforms else EXIT_INVALID)


@main.command()
@out_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True, help="Port to listen on (0: any free port; the URL is printed).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, help="Seconds a SPARQL query may run before it is stopped (503).")
@click.option("--max-results", type=click.IntRange(min=1), default=10000, show_default=True, help="SPARQL results returned at most; longer results are cut (header X-Results-Truncated).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True, help="SPARQL queries that run at once (one process each).")
@click.pass_context
@handle_errors
def serve(ctx, out_dir, host, port, timeout, max_results, workers):
    """Serve the build in OUTDIR as linked data, with a read-only SPARQL endpoint.

    \b
    /id/X            303 See Other to /doc/X (HTML, Turtle, N-Triples, JSON-LD by Accept)
    /doc/X[.ext]     the document about /id/X (.html .ttl .nt .jsonld)
    /def/            the ontology and code lists    /data/  the dataset (VoID, DCAT, dumps)
    /sparql          SPARQL 1.1 Protocol (GET, POST), results as JSON, XML, CSV, TSV
    IRIs under the base URI answer at their path: {base}id/report/x at /id/report/x.
    """
    from .web.server import serve as run_server

    config = load_config().with_overrides(out_dir=out_dir)
    run_server(config.out_dir, config, host=host, port=port, timeout=timeout, max_results=max_results, workers=workers,
               announce=lambda line: click.echo(line, err=True), access_log=not ctx.obj["quiet"])


@main.command()
@out_option
@click.option("--site", "site_dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Directory to write the static site into (replaced as a whole when complete).")
@click.pass_context
@handle_errors
def publish(ctx, out_dir, site_dir):
    """Write the pages and data of `kg serve` as static files into SITE, for any static host.

    \b
    SITE/doc/X.html .ttl .nt .jsonld   the document about {base}id/X
    SITE/def/...                       the ontology and code lists
    SITE/data/index.*, graph.ttl, graph.trig   the dataset description and the dumps
    SITE/index.html                    the landing page
    Links are relative: the site works from any directory of any host and from disk.
    """
    from .web.publish import publish as run_publish

    config = load_config().with_overrides(out_dir=out_dir)
    quiet = ctx.obj["quiet"]
    counts = run_publish(config.out_dir, site_dir, None if quiet else (lambda stage, item: click.echo(f"kg: {stage:<8} {item}", err=True)))
    if not quiet:
        click.echo(f"kg: published {counts['documents']} documents, {counts['files']} files -> {site_dir}/", err=True)


@main.command()
@out_option
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store HTTP Protocol URL of the store, e.g. http://localhost:7878/store (Oxigraph), http://localhost:3030/ds/data (Fuseki).")
@click.option("--query-endpoint", metavar="URL", default=None,
              help="SPARQL query URL of the store, to check each graph and list graphs for --delete-missing (default: derived for Oxigraph, Fuseki and Virtuoso URLs).")
@click.option("--graph", "graphs", multiple=True, metavar="REPORT",
              help="Push only this report (repeatable): its IRI, its id (330400-2023-gwr) or its input file name; the reference graph (and with --with-ontology the ontology graph) is always pushed, so --graph reference pushes only those.")
@click.option("--with-ontology", is_flag=True, help="Also push kg's ontology and code lists (graph https://w3id.org/cngov/def/kg), which some presets read labels from.")
@click.option("--delete-missing", is_flag=True, help="DELETE the report graphs under the build's base URI that the store holds and the build no longer has.")
@click.option("--dry-run", is_flag=True, help="Say what would be pushed and deleted; write nothing.")
@click.option("--user", default=None, help="User name for HTTP authentication.")
@click.option("--password", default=None, envvar="KG_PUSH_PASSWORD", help="Password for HTTP authentication (or the KG_PUSH_PASSWORD environment variable).")
@click.option("--auth", "auth_scheme", type=click.Choice(["basic", "digest"]), default="basic", show_default=True, help="HTTP authentication scheme (Virtuoso's -auth endpoints: digest).")
@click.option("--format", "fmt", type=click.Choice(["turtle", "ntriples"]), default="turtle", show_default=True, help="What the graphs are sent as (text/turtle or application/n-triples).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True, help="Seconds to wait for the store's answer to each request.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output; errors only (same as kg -q push).")
@click.pass_context
@handle_errors
def push(ctx, out_dir, endpoint, query_endpoint, graphs, with_ontology, delete_missing, dry_run, user, password, auth_scheme, fmt, timeout, quiet):
    """Load the build in OUTDIR into an external SPARQL store (Graph Store HTTP Protocol).

    Each named graph (one per report, the reference graph, with --with-ontology the
    ontology graph) is sent with HTTP PUT <endpoint>?graph=<IRI>, which REPLACES that
    graph: pushing a re-ingested report replaces its facts. Exit 2 on any error, with
    one line naming the endpoint, the graph and what was already pushed.
    """
    from .push import push as run_push

    config = load_config().with_overrides(out_dir=out_dir)
    quiet = quiet or ctx.obj["quiet"]
    progress = None if quiet else (lambda stage, item: click.echo(f"kg: {stage:<8} {item}", err=True))
    result = run_push(config.out_dir, endpoint, query_endpoint=query_endpoint, graphs=graphs, with_ontology=with_ontology,
                      delete_missing=delete_missing, dry_run=dry_run, user=user, password=password, auth=auth_scheme,
                      fmt=fmt, timeout=timeout, progress=progress)
    if not quiet:
        click.echo(f"kg: {result.summary()}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
