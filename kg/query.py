"""SPARQL presets (kg/queries/*.rq) run on the pyoxigraph store of a build.

A preset is a plain SPARQL 1.1 file; its header comment says what it is:

    # title: Reports
    # description: One row per report with its metadata.
    # param: place  English name of a place (optional)

Parameters (`--param place=Jiaxing`) are bound by a SPARQL 1.1 `VALUES ?place {"Jiaxing"}`
block inserted at the start of the query's WHERE group (an http(s) IRI value as an IRI), so the .rq files stay plain
SPARQL that runs unchanged in any store, where an unbound parameter simply does not
filter (the presets test `!BOUND(?param) || ...`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError

FORMATS = ("table", "csv", "tsv", "json", "markdown")


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    description: str
    params: dict[str, str] = field(default_factory=dict)  # name -> description
    text: str = ""


def parse_header(name: str, text: str) -> Preset:
    meta: dict[str, str] = {}
    params: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = re.match(r"#\s*(title|description|param):\s*(.*)", line)
        if not m:
            continue
        key, value = m[1], m[2].strip()
        if key == "param":
            pname, _, pdesc = value.partition(" ")
            params[pname] = pdesc.strip()
        else:
            meta[key] = value
    return Preset(name, meta.get("title", name), meta.get("description", ""), params, text)


def presets() -> dict[str, Preset]:
    """All bundled presets by name, sorted."""
    found = {}
    for entry in sorted(resources.files("kg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = parse_header(name, entry.read_text("utf-8"))
    return found


def resolve(name_or_file: str) -> Preset:
    """A preset by name, or a .rq file by path."""
    if name_or_file.endswith(".rq") or "/" in name_or_file:
        path = Path(name_or_file)
        if not path.is_file():
            raise QueryError("no such query file", path=name_or_file)
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError as err:
            raise QueryError(f"query file is not UTF-8 ({err.reason} at byte {err.start})", path=name_or_file) from err
        return parse_header(path.stem, text)
    known = presets()
    if name_or_file not in known:
        raise QueryError(f"unknown preset {name_or_file!r}; `kg query --list` shows the {len(known)} presets")
    return known[name_or_file]


def open_store(out_dir: Path) -> ox.Store:
    path = Path(out_dir) / "store"
    if not path.is_dir():
        raise QueryError(f"no store in {out_dir} (run `kg build -o {out_dir}` first)")
    try:
        return ox.Store.read_only(str(path))
    except OSError as err:
        raise QueryError(f"cannot open the store: {err}", path=str(path)) from err


def _term_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    raw: object = None  # the JSON results document


def _check_params(preset: Preset, params: dict[str, str]) -> None:
    unknown = sorted(set(params) - set(preset.params))
    if unknown:
        allowed = ", ".join(sorted(preset.params)) or "none"
        raise QueryError(f"preset {preset.name!r} has no parameter {', '.join(unknown)} (parameters: {allowed})")


def run(store: ox.Store, preset: Preset, params: dict[str, str] | None = None) -> Table:
    params = params or {}
    _check_params(preset, params)
    text = bind_params(preset, params)
    try:
        result = store.query(text, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"malformed SPARQL in {preset.name}: {_one_line(err)}") from err
    except OSError as err:
        raise QueryError(f"query {preset.name} failed: {_one_line(err)}") from err
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"{preset.name}: only SELECT queries give tables")
    columns = [v.value for v in result.variables]
    solutions = list(result)
    rows = [[_term_value(s[c]) for c in columns] for s in solutions]
    return Table(columns, rows, _json_results(columns, solutions))


def run_remote(endpoint: str, preset: Preset, params: dict[str, str] | None = None, timeout: float = 120.0) -> Table:
    """Run a preset against a SPARQL 1.1 Protocol endpoint (`kg query --endpoint URL`).

    The presets read the default graph, so the store must answer from the union of its
    named graphs (Oxigraph: `oxigraph serve --union-default-graph`; Fuseki:
    tdb2:unionDefaultGraph). Rows and JSON come out as from the local store.
    """
    from .push import sparql_select

    params = params or {}
    _check_params(preset, params)
    document = sparql_select(endpoint, bind_params(preset, params), timeout=timeout, what=f"preset {preset.name}")
    columns = list(document.get("head", {}).get("vars", []))
    bindings = document["results"].get("bindings", [])
    rows = [[_remote_value(b.get(c)) for c in columns] for b in bindings]
    raw = {"head": {"vars": columns},
           "results": {"bindings": [{c: _remote_term(b[c]) for c in columns if c in b} for b in bindings]}}
    return Table(columns, rows, raw)


def _remote_value(term: dict | None) -> str:
    if not term:
        return ""
    return "_:" + term["value"] if term.get("type") == "bnode" else term.get("value", "")


def _remote_term(term: dict) -> dict:
    """A results-JSON term as the local path writes it (no xsd:string datatype, no "typed-literal")."""
    kind = "literal" if term.get("type") == "typed-literal" else term.get("type")
    out = {"type": kind, "value": term.get("value", "")}
    if kind == "literal" and term.get("xml:lang"):
        out["xml:lang"] = term["xml:lang"]
    elif kind == "literal" and term.get("datatype") and term["datatype"] != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term["datatype"]
    return out


_WHERE = re.compile(r"^(?!\s*#).*?\bWHERE\s*\{", re.I | re.M)


def bind_params(preset: Preset, params: dict[str, str]) -> str:
    """The query text with a VALUES block binding ``params`` at the start of its WHERE group."""
    if not params:
        return preset.text
    m = _WHERE.search(preset.text)
    if m is None:
        raise QueryError(f"{preset.name}: parameters need a query with a WHERE {{ ... }} group")
    values = " ".join(f"VALUES ?{name} {{ {_term(value)} }}" for name, value in sorted(params.items()))
    return preset.text[: m.end()] + f"\n  {values}\n" + preset.text[m.end() :]


def _term(value: str) -> str:
    """An absolute http(s) IRI is bound as an IRI (--param observation=https://...), anything
    else as a plain literal."""
    if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value):
        return str(ox.NamedNode(value))
    return str(ox.Literal(value))


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _json_results(columns, solutions) -> dict:
    bindings = [{c: _json_term(s[c]) for c in columns if s[c] is not None} for s in solutions]
    return {"head": {"vars": columns}, "results": {"bindings": bindings}}


def render(table: Table, fmt: str) -> str:
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(table.columns)
        writer.writerows(table.rows)
        return buf.getvalue()
    if fmt == "tsv":
        clean = lambda v: v.replace("\t", " ").replace("\r", " ").replace("\n", " ")  # noqa: E731
        lines = ["\t".join(table.columns)] + ["\t".join(clean(v) for v in row) for row in table.rows]
        return "\n".join(lines) + "\n"
    if fmt == "json":
        return json.dumps(table.raw, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        esc = lambda v: v.replace("|", "\\|").replace("\n", " ")  # noqa: E731
        lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
        lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in table.rows]
        return "\n".join(lines) + "\n"
    if fmt == "table":
        return _aligned(table)
    raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _aligned(table: Table, max_width: int = 60) -> str:
    def cut(v: str) -> str:
        v = " ".join(v.split())
        return v if len(v) <= max_width else v[: max_width - 1] + "…"

    rows = [[cut(v) for v in row] for row in table.rows]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(table.columns)]
    fmt_row = lambda r: "  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip()  # noqa: E731
    lines = [fmt_row(table.columns), fmt_row(["-" * w for w in widths])] + [fmt_row(r) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
