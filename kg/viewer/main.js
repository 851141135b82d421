// Start-up: read the embedded graph, build indexes, wire the controls, run the layout.
// window.kgViewer is a small read-only hook for tests and for the curious (console).

function yearsOf(data) {
  // Every year an element belongs to: data.years (a list, e.g. each report that cites a
  // policy) when given, else data.year; null when it has none.
  var raw = Array.isArray(data.years) && data.years.length ? data.years : [data.year];
  var out = [];
  raw.forEach(function (value) {
    var m = value === undefined || value === null ? null : /(\d{4})/.exec(String(value));
    if (m) out.push(+m[1]);
  });
  return out.length ? out : null;
}

function countClasses(nodes) {
  var counts = new Map();
  nodes.forEach(function (nd) { counts.set(nd.cls, (counts.get(nd.cls) || 0) + 1); });
  var classes = Array.from(counts.keys()).map(function (name) { return { name: name, count: counts.get(name) }; });
  classes.sort(function (a, b) { return b.count - a.count || (a.name < b.name ? -1 : 1); });
  classes.forEach(function (c, k) { c.colour = classColour(k); });
  return classes;
}

function buildGraph(raw) {
  var index = new Map();
  var nodes = raw.nodes.map(function (n, i) {
    var d = n.data, pos = n.position;
    index.set(d.id, { kind: "node", index: i });
    return {
      id: d.id, label: d.label === undefined || d.label === null ? d.id : String(d.label),
      cls: d["class"] === undefined || d["class"] === null ? "(no class)" : String(d["class"]),
      years: yearsOf(d), data: d, deg: 0, visible: true, given: !!pos,
      x: pos ? pos.x : 0, y: pos ? pos.y : 0,
    };
  });
  var adj = nodes.map(function () { return []; });
  var edges = raw.edges.map(function (r, e) {
    var d = r.data, s = index.get(d.source).index, t = index.get(d.target).index;
    index.set(d.id, { kind: "edge", index: e });
    adj[s].push(e); if (t !== s) adj[t].push(e);
    nodes[s].deg++; nodes[t].deg++;
    return { id: d.id, s: s, t: t, label: d.label === undefined || d.label === null ? "" : String(d.label), years: yearsOf(d), data: d, visible: true };
  });
  var classes = countClasses(nodes), byName = new Map(classes.map(function (c) { return [c.name, c]; }));
  nodes.forEach(function (nd) { nd.colour = byName.get(nd.cls).colour; });
  var lo = Infinity, hi = -Infinity;
  nodes.concat(edges).forEach(function (x) {
    (x.years || []).forEach(function (y) { lo = Math.min(lo, y); hi = Math.max(hi, y); });
  });
  var byDegree = nodes.map(function (_, i) { return i; });
  byDegree.sort(function (a, b) { return nodes[b].deg - nodes[a].deg || a - b; });
  return {
    nodes: nodes, edges: edges, adj: adj, index: index, classes: classes, classByName: byName, byDegree: byDegree,
    yearMin: isFinite(lo) ? lo : null, yearMax: isFinite(hi) ? hi : null,
    baseRadius: Math.max(2.5, 8 - 1.6 * Math.log10(nodes.length + 1)),
    noYear: nodes.filter(function (nd) { return nd.years === null; }).length,
  };
}

function inYears(S, years) {
  if (years === null) return S.showNoYear;
  return S.yearFrom === null || years.some(function (y) { return y >= S.yearFrom && y <= S.yearTo; });
}

function applyFilters(S) {
  var g = S.g, nodesShown = 0, edgesShown = 0;
  g.nodes.forEach(function (nd) { nd.visible = !S.hiddenClasses.has(nd.cls) && inYears(S, nd.years); if (nd.visible) nodesShown++; });
  g.edges.forEach(function (edge) {
    edge.visible = g.nodes[edge.s].visible && g.nodes[edge.t].visible && (edge.years === null || inYears(S, edge.years));
    if (edge.visible) edgesShown++;
  });
  S.shown = { nodes: nodesShown, edges: edgesShown };
  $("kg-visible").textContent = "showing " + plural(nodesShown, "node", "nodes") + ", " + plural(edgesShown, "edge", "edges");
  var sel = S.selected;
  if (sel && !(sel.kind === "node" ? g.nodes[sel.index] : g.edges[sel.index]).visible) select(S, null);
  runSearch(S, false);
  scheduleDraw(S);
}

function select(S, target) {
  S.selected = target;
  showDetails(S, function (i) { pick(S, i); });
  scheduleDraw(S);
}

function pick(S, i) {
  // From a list: select the node and bring it into view.
  select(S, { kind: "node", index: i });
  var nd = S.g.nodes[i], p = toScreen(S, nd.x, nd.y);
  if (!onScreen(S, p, -40)) { S.view.tx += S.width / 2 - p[0]; S.view.ty += S.height / 2 - p[1]; }
  scheduleDraw(S);
}

function runSearch(S, zoom) {
  var result = searchMatches(S, $("kg-search").value);
  showMatches(S, result, function (i) { pick(S, i); });
  if (zoom && result.shown.length === 1) {
    // one match: select it and show it among its neighbours
    var only = result.shown[0];
    select(S, { kind: "node", index: only });
    fitTo(S, Array.from(focusSets(S).nodes), S.view.fit * 6);
  } else if (zoom && result.shown.length) {
    fitTo(S, result.shown, S.view.fit * 6);
  }
  scheduleDraw(S);
}

function wireSearch(S) {
  var input = $("kg-search"), timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { runSearch(S, false); }, 120); });
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { clearTimeout(timer); runSearch(S, true); } });
  $("kg-search-go").addEventListener("click", function () { runSearch(S, true); });
}

function wireButtons(S) {
  $("kg-zoom-in").addEventListener("click", function () { zoomAt(S, S.width / 2, S.height / 2, 1.4); });
  $("kg-zoom-out").addEventListener("click", function () { zoomAt(S, S.width / 2, S.height / 2, 1 / 1.4); });
  $("kg-fit").addEventListener("click", function () { fitAll(S); scheduleDraw(S); });
  var labels = $("kg-labels");
  labels.addEventListener("click", function () {
    S.showLabels = !S.showLabels; labels.setAttribute("aria-pressed", String(S.showLabels)); scheduleDraw(S);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape") return;
    $("kg-search").value = ""; runSearch(S, false); select(S, null);
  });
}

function hover(S, i) {
  // The node under the pointer shows its label even where labels are thinned out.
  S.canvas.classList.toggle("kg-over", i >= 0);
  if (i === S.hover) return;
  S.hover = i;
  S.canvas.title = i >= 0 ? S.g.nodes[i].label + " (" + S.g.nodes[i].cls + ")" : "";
  scheduleDraw(S);
}

function wirePointer(S) {
  var c = S.canvas, drag = null;
  function local(ev) { var r = c.getBoundingClientRect(); return [ev.clientX - r.left, ev.clientY - r.top]; }
  c.addEventListener("pointerdown", function (ev) {
    var p = local(ev), i = nodeAt(S, p[0], p[1]);
    drag = { start: p, last: p, node: i, moved: false };
    c.setPointerCapture(ev.pointerId);
    c.classList.add("kg-dragging");
  });
  c.addEventListener("pointermove", function (ev) {
    var p = local(ev);
    if (!drag) { hover(S, nodeAt(S, p[0], p[1])); return; }
    if (Math.abs(p[0] - drag.start[0]) + Math.abs(p[1] - drag.start[1]) > 4) drag.moved = true;
    if (!drag.moved) return;
    if (drag.node >= 0) {
      var w = toWorld(S, p[0], p[1]), nd = S.g.nodes[drag.node];
      nd.x = w[0]; nd.y = w[1];
    } else {
      S.view.tx += p[0] - drag.last[0]; S.view.ty += p[1] - drag.last[1];
    }
    drag.last = p;
    scheduleDraw(S);
  });
  c.addEventListener("pointerleave", function () { if (!drag) hover(S, -1); });
  c.addEventListener("pointerup", function (ev) {
    var p = local(ev), d = drag;
    drag = null;
    c.classList.remove("kg-dragging");
    if (!d || d.moved) return;
    var i = nodeAt(S, p[0], p[1]);
    if (i >= 0) { select(S, { kind: "node", index: i }); return; }
    var e = edgeAt(S, p[0], p[1]);
    select(S, e >= 0 ? { kind: "edge", index: e } : null);
  });
  c.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = local(ev);
    zoomAt(S, p[0], p[1], Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015)));
  }, { passive: false });
}

function exposeHooks(S) {
  function clientPoint(x, y) {
    var r = S.canvas.getBoundingClientRect(), p = toScreen(S, x, y);
    return { x: r.left + p[0], y: r.top + p[1] };
  }
  window.kgViewer = {
    ready: false,
    nodeCount: S.g.nodes.length,
    edgeCount: S.g.edges.length,
    nodePoint: function (id) { var h = S.g.index.get(id); return h && h.kind === "node" ? clientPoint(S.g.nodes[h.index].x, S.g.nodes[h.index].y) : null; },
    edgePoint: function (id) {
      var h = S.g.index.get(id);
      if (!h || h.kind !== "edge") return null;
      var edge = S.g.edges[h.index], a = S.g.nodes[edge.s], b = S.g.nodes[edge.t];
      return clientPoint((a.x + b.x) / 2, (a.y + b.y) / 2);
    },
    isVisible: function (id) { var h = S.g.index.get(id); return !!h && (h.kind === "node" ? S.g.nodes : S.g.edges)[h.index].visible; },
    highlighted: function () { return Array.from(S.matchSet).map(function (i) { return S.g.nodes[i].id; }).sort(); },
    selected: function () { var s = S.selected; return s ? (s.kind === "node" ? S.g.nodes : S.g.edges)[s.index].id : null; },
  };
}

function start() {
  var raw = JSON.parse($("kg-data").textContent);
  var S = {
    g: buildGraph(raw), canvas: $("kg-canvas"), view: { scale: 1, tx: 0, ty: 0, fit: 1 },
    selected: null, hover: -1, matchSet: new Set(), showLabels: true, hiddenClasses: new Set(),
    yearFrom: null, yearTo: null, showNoYear: true, drawPending: false,
  };
  S.ctx = S.canvas.getContext("2d");
  S.yearFrom = S.g.yearMin; S.yearTo = S.g.yearMax;
  $("kg-count").textContent = plural(S.g.nodes.length, "node", "nodes") + " · " + plural(S.g.edges.length, "edge", "edges");
  exposeHooks(S);
  buildLegend(S, function () { applyFilters(S); });
  buildYears(S, function () { applyFilters(S); });
  wireSearch(S); wireButtons(S); wirePointer(S);
  resizeCanvas(S);
  new ResizeObserver(function () { resizeCanvas(S); scheduleDraw(S); }).observe($("kg-main"));
  applyFilters(S);
  runLayout(S.g, function (done) {
    $("kg-status").textContent = "Laying out the graph… " + Math.round(done * 100) + "%";
    fitAll(S); scheduleDraw(S);
  }, function () {
    $("kg-status").textContent = "";
    fitAll(S); scheduleDraw(S);
    window.kgViewer.ready = true;
    document.body.setAttribute("data-ready", "true");
  });
}

start();
