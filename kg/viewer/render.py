"""Assemble the viewer page: template + CSS + JS + the graph as an inert JSON block.

Why the page is built this way:
- The graph goes into ``<script type="application/json">`` with ``<``, ``>`` and ``&``
  escaped, so no label, quote or IRI can end the block or open a tag; the JavaScript
  reads it with ``JSON.parse`` and writes text with ``textContent``, never ``innerHTML``.
- A Content-Security-Policy allows only the page's own inline script and style (by
  their SHA-256) and ``data:`` images: the browser itself refuses any network fetch.
- Nodes and edges are sorted, and the force layout in the page is seeded, so the same
  elements always give the same file and the same picture.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from functools import cache
from importlib import resources
from typing import Any

from ..errors import DataError

# The JavaScript parts, concatenated in this order inside one strict-mode function.
SCRIPTS = ("layout.js", "draw.js", "panels.js", "main.js")
MARKER = re.compile(r"@@KG_([A-Z]+)@@")
JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@cache
def _asset(name: str) -> str:
    return resources.files("kg.viewer").joinpath(name).read_text("utf-8")


def _script() -> str:
    body = "\n".join(f"// ---- {name}\n{_asset(name)}" for name in SCRIPTS)
    return f'(function () {{\n"use strict";\n{body}\n}})();\n'


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _elements(elements: Any) -> tuple[list[dict], list[dict]]:
    """The node and edge lists of Cytoscape elements JSON (``{"elements": {...}}`` or its inside)."""
    if not isinstance(elements, dict):
        raise DataError(f"viewer: elements must be a dict, got {type(elements).__name__}")
    inner = elements.get("elements", elements)
    if not isinstance(inner, dict):
        raise DataError("viewer: elements['elements'] must be a dict with 'nodes' and 'edges' lists")
    nodes, edges = inner.get("nodes", []), inner.get("edges", [])
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise DataError("viewer: 'nodes' and 'edges' must be lists of {'data': {...}} objects")
    return nodes, edges


def _data(element: Any, kind: str, index: int) -> dict:
    data = element.get("data") if isinstance(element, dict) else None
    if not isinstance(data, dict):
        raise DataError(f"viewer: {kind} {index} has no 'data' object")
    return data


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _node(element: dict, index: int) -> dict:
    data = dict(_data(element, "node", index))
    if data.get("id") in (None, ""):
        raise DataError(f"viewer: node {index} has no data.id")
    data["id"] = str(data["id"])
    node: dict[str, Any] = {"data": data}
    position = element.get("position")
    if isinstance(position, dict) and all(_finite(position.get(k)) for k in "xy"):
        node["position"] = {"x": float(position["x"]), "y": float(position["y"])}
    return node


def _edge(element: dict, index: int, ids: set[str]) -> dict:
    data = dict(_data(element, "edge", index))
    for end in ("source", "target"):
        if str(data.get(end)) not in ids:
            raise DataError(f"viewer: edge {data.get('id', index)} has {end} {data.get(end)!r}, which is no node id")
        data[end] = str(data[end])
    return {"data": data}


def _sort_key(item: dict) -> tuple[str, ...]:
    data = item["data"]
    fixed = (str(data.get(k, "")) for k in ("id", "source", "target", "label"))
    return (*fixed, json.dumps(data, sort_keys=True, default=str))


def _check_unique(ids: list[str]) -> None:
    seen: set[str] = set()
    for element_id in ids:
        if element_id in seen:
            raise DataError(f"viewer: element id {element_id!r} appears more than once")
        seen.add(element_id)


def normalise(elements: Any) -> dict:
    """Checked, sorted copies of the nodes and edges; edges without an id get ``e<n>``."""
    raw_nodes, raw_edges = _elements(elements)
    nodes = sorted((_node(n, i) for i, n in enumerate(raw_nodes)), key=_sort_key)
    ids = {n["data"]["id"] for n in nodes}
    edges = sorted((_edge(e, i, ids) for i, e in enumerate(raw_edges)), key=lambda e: _sort_key(e)[1:])
    taken = ids | {str(e["data"]["id"]) for e in edges if e["data"].get("id") not in (None, "")}
    counter = 0
    for edge in edges:
        if edge["data"].get("id") in (None, ""):
            while f"e{counter}" in taken:
                counter += 1
            edge["data"]["id"] = f"e{counter}"
            taken.add(f"e{counter}")
        edge["data"]["id"] = str(edge["data"]["id"])
    _check_unique([n["data"]["id"] for n in nodes] + [e["data"]["id"] for e in edges])
    return {"nodes": nodes, "edges": edges}


def embed_json(value: Any) -> str:
    """JSON that is safe inside a <script> block: no '<', '>' or '&' left unescaped."""
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str, allow_nan=False)
    except ValueError as err:  # NaN or Infinity: not JSON, JSON.parse in the page would fail
        raise DataError(f"viewer: a data value is not valid JSON ({err})") from err
    return "".join(JSON_ESCAPES.get(ch, ch) for ch in text)


def render_html(elements: dict, title: str) -> str:
    """The text of one self-contained HTML page that shows ``elements`` (Cytoscape.js JSON).

    Nodes: ``{"data": {"id", "label", "class", "year", ...}}`` (optionally ``"position":
    {"x", "y"}`` to skip the in-page layout); edges: ``{"data": {"id", "source",
    "target", "label", ...}}``. Any element whose data has ``quote`` (and ``report``,
    ``start``, ``end``) shows that source quote when clicked. Raises DataError on
    malformed elements (a node without an id, an edge to a missing node, ...).
    """
    graph = normalise(elements)
    graph["title"] = str(title)
    script, style = _script(), _asset("viewer.css")
    if re.search(r"</(script|style)", script + style, re.IGNORECASE):
        raise DataError("viewer: a bundled asset contains a closing </script> or </style> tag")
    csp = f"default-src 'none'; script-src {_sha256(script)}; style-src {_sha256(style)}; img-src data:"
    values = {
        "TITLE": html.escape(str(title)),
        "CSP": html.escape(csp, quote=False),
        "STYLE": style,
        "DATA": embed_json(graph),
        "SCRIPT": script,
    }
    return MARKER.sub(lambda m: values[m.group(1)], _asset("page.html"))
