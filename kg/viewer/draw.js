// Canvas drawing, view transform (pan/zoom) and hit testing.

var PALETTE = ["#3b75af", "#ef8636", "#519e3e", "#c53a32", "#8d69b8", "#84584e",
  "#d57dbf", "#7f7f7f", "#b5b531", "#3fb4c8", "#1f3f7a", "#e0b000"];
var MATCH = "#ff6a00", SELECT = "#111820";
var LABEL_FONT = "11px system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
var LABEL_BOLD = "600 12px system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
var MAX_LABELS = 300;

function classColour(k) {
  if (k < PALETTE.length) return PALETTE[k];
  return "hsl(" + Math.round((k * 137.508) % 360) + ", 55%, 48%)";
}

function nodeRadius(S, node) { return Math.min(18, S.g.baseRadius + 1.3 * Math.sqrt(node.deg)); }

function screenRadius(S, node) {
  var zoom = Math.sqrt(S.view.scale / S.view.fit);
  return nodeRadius(S, node) * Math.max(0.6, Math.min(zoom, 4));
}

function toScreen(S, x, y) { return [x * S.view.scale + S.view.tx, y * S.view.scale + S.view.ty]; }
function toWorld(S, sx, sy) { return [(sx - S.view.tx) / S.view.scale, (sy - S.view.ty) / S.view.scale]; }

function resizeCanvas(S) {
  var c = S.canvas, rect = c.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
  S.width = Math.max(1, rect.width); S.height = Math.max(1, rect.height); S.dpr = dpr;
  c.width = Math.round(S.width * dpr); c.height = Math.round(S.height * dpr);
}

function fitTo(S, indices, maxScale) {
  // Zoom and centre so the given nodes fill the canvas (with a margin for labels).
  if (!indices.length) return;
  var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  indices.forEach(function (i) {
    var nd = S.g.nodes[i];
    minX = Math.min(minX, nd.x); maxX = Math.max(maxX, nd.x); minY = Math.min(minY, nd.y); maxY = Math.max(maxY, nd.y);
  });
  // labels run to the right of their nodes: leave more room on that side
  var left = 30, right = Math.min(160, S.width / 5), pad = 30;
  var w = Math.max(maxX - minX, 1e-6), h = Math.max(maxY - minY, 1e-6);
  var scale = Math.min((S.width - left - right) / w, (S.height - 2 * pad) / h);
  scale = Math.min(scale, maxScale || Infinity);
  if (!isFinite(scale) || scale <= 0) scale = 1;
  S.view.scale = scale;
  S.view.tx = left + (S.width - left - right) / 2 - scale * (minX + maxX) / 2;
  S.view.ty = S.height / 2 - scale * (minY + maxY) / 2;
}

function visibleIndices(S) {
  var out = [];
  S.g.nodes.forEach(function (nd, i) { if (nd.visible) out.push(i); });
  return out;
}

function fitAll(S) {
  var idx = visibleIndices(S);
  if (!idx.length) idx = S.g.nodes.map(function (_, i) { return i; });
  fitTo(S, idx);
  S.view.fit = S.view.scale;
  // a single node or a line gives an absurd scale: cap it so nodes keep a sane size
  if (idx.length < 3) { fitTo(S, idx, 3); S.view.fit = S.view.scale; }
}

function focusSets(S) {
  // Which nodes and edges the selection brings forward (the selected one and its neighbours).
  var nodes = new Set(), edges = new Set(), sel = S.selected;
  if (!sel) return { nodes: nodes, edges: edges };
  if (sel.kind === "node") {
    nodes.add(sel.index);
    S.g.adj[sel.index].forEach(function (e) {
      var edge = S.g.edges[e];
      if (!edge.visible) return;
      edges.add(e); nodes.add(edge.s); nodes.add(edge.t);
    });
  } else {
    var edge = S.g.edges[sel.index];
    edges.add(sel.index); nodes.add(edge.s); nodes.add(edge.t);
  }
  return { nodes: nodes, edges: edges };
}

function drawEdges(S, ctx, focus, dim) {
  var g = S.g;
  ctx.lineWidth = 1;
  ctx.strokeStyle = dim ? "rgba(130, 140, 150, 0.10)" : "rgba(100, 110, 125, 0.30)";
  ctx.beginPath();
  g.edges.forEach(function (edge, e) {
    if (!edge.visible || focus.edges.has(e)) return;
    var a = toScreen(S, g.nodes[edge.s].x, g.nodes[edge.s].y), b = toScreen(S, g.nodes[edge.t].x, g.nodes[edge.t].y);
    ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]);
  });
  ctx.stroke();
  focus.edges.forEach(function (e) { drawFocusEdge(S, ctx, e); });
}

function drawFocusEdge(S, ctx, e) {
  var g = S.g, edge = g.edges[e], s = g.nodes[edge.s], t = g.nodes[edge.t];
  var a = toScreen(S, s.x, s.y), b = toScreen(S, t.x, t.y), chosen = S.selected.kind === "edge";
  ctx.strokeStyle = chosen ? MATCH : "rgba(40, 50, 64, 0.75)";
  ctx.lineWidth = chosen ? 3 : 1.6;
  ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]); ctx.stroke();
  var dx = b[0] - a[0], dy = b[1] - a[1], len = Math.sqrt(dx * dx + dy * dy);
  if (len < 20) return;
  var ux = dx / len, uy = dy / len, rt = screenRadius(S, t) + 2, hx = b[0] - ux * rt, hy = b[1] - uy * rt;
  ctx.fillStyle = ctx.strokeStyle;
  ctx.beginPath();
  ctx.moveTo(hx, hy);
  ctx.lineTo(hx - ux * 8 - uy * 4, hy - uy * 8 + ux * 4);
  ctx.lineTo(hx - ux * 8 + uy * 4, hy - uy * 8 - ux * 4);
  ctx.closePath(); ctx.fill();
  if (edge.label) S.edgeLabels.push([edge.label, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
}

function drawEdgeLabels(S, ctx, grid) {
  // Labels of the selection's edges, where they do not cover a node label or each other.
  ctx.font = LABEL_FONT;
  S.edgeLabels.forEach(function (item) {
    var text = item[0], w = ctx.measureText(text).width, x = item[1] - w / 2, y = item[2];
    if (!grid.free(x - 2, y - 8, w + 4, 16)) return;
    grid.add(x - 2, y - 8, w + 4, 16);
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255, 255, 255, 0.95)"; ctx.strokeText(text, x, y);
    ctx.fillStyle = "#5b3a00"; ctx.fillText(text, x, y);
  });
}

function onScreen(S, p, r) { return p[0] > -r && p[1] > -r && p[0] < S.width + r && p[1] < S.height + r; }

function drawNodes(S, ctx, focus, dim) {
  // One path per colour (dimmed and lit apart): a few fills instead of one per node.
  var g = S.g, batches = new Map();
  g.nodes.forEach(function (nd, i) {
    if (!nd.visible) return;
    var p = toScreen(S, nd.x, nd.y), r = screenRadius(S, nd);
    if (!onScreen(S, p, r)) return;
    var lit = !dim || focus.nodes.has(i) || S.matchSet.has(i), key = (lit ? "1" : "0") + nd.colour;
    if (!batches.has(key)) batches.set(key, { lit: lit, colour: nd.colour, items: [] });
    batches.get(key).items.push(p[0], p[1], r);
  });
  var keys = Array.from(batches.keys()).sort();  // dimmed first, lit on top
  ctx.lineWidth = 0.8; ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
  keys.forEach(function (key) {
    var b = batches.get(key), it = b.items;
    ctx.globalAlpha = b.lit ? 1 : 0.22;
    ctx.beginPath();
    for (var k = 0; k < it.length; k += 3) { ctx.moveTo(it[k] + it[k + 2], it[k + 1]); ctx.arc(it[k], it[k + 1], it[k + 2], 0, 2 * Math.PI); }
    ctx.fillStyle = b.colour; ctx.fill(); ctx.stroke();
  });
  ctx.globalAlpha = 1;
  S.matchSet.forEach(function (i) { ring(S, ctx, i, MATCH, 3); });
  if (S.selected && S.selected.kind === "node") ring(S, ctx, S.selected.index, SELECT, 2.5);
}

function ring(S, ctx, i, colour, width) {
  var nd = S.g.nodes[i];
  if (!nd.visible) return;
  var p = toScreen(S, nd.x, nd.y);
  ctx.beginPath(); ctx.arc(p[0], p[1], screenRadius(S, nd) + width / 2 + 1.5, 0, 2 * Math.PI);
  ctx.lineWidth = width; ctx.strokeStyle = colour; ctx.stroke();
}

function textWidth(ctx, nd, text, bold) {
  // measureText is the slow part of a frame: measure each label once per font
  var key = bold ? "wBold" : "wPlain";
  if (nd[key] === undefined) nd[key] = ctx.measureText(text).width;
  return nd[key];
}

function labelText(nd) { return nd.label.length > 48 ? nd.label.slice(0, 47) + "…" : nd.label; }

function LabelGrid() { this.cells = new Map(); }
LabelGrid.prototype.keys = function (x, y, w, h) {
  var out = [];
  for (var cx = Math.floor(x / 64); cx <= Math.floor((x + w) / 64); cx++)
    for (var cy = Math.floor(y / 64); cy <= Math.floor((y + h) / 64); cy++) out.push(cx + "," + cy);
  return out;
};
LabelGrid.prototype.free = function (x, y, w, h) {
  var cells = this.cells;
  return this.keys(x, y, w, h).every(function (k) {
    return !(cells.get(k) || []).some(function (b) { return x < b[0] + b[2] && b[0] < x + w && y < b[1] + b[3] && b[1] < y + h; });
  });
};
LabelGrid.prototype.add = function (x, y, w, h) {
  var cells = this.cells;
  this.keys(x, y, w, h).forEach(function (k) { if (!cells.has(k)) cells.set(k, []); cells.get(k).push([x, y, w, h]); });
};

function labelOrder(S, focus) {
  // The selected node's label is always drawn; then matches, neighbours and hubs where they fit.
  var forced = new Set(), first = [];
  if (S.selected && S.selected.kind === "node") { forced.add(S.selected.index); first.push(S.selected.index); }
  if (S.selected && S.selected.kind === "edge") {
    var edge = S.g.edges[S.selected.index];
    forced.add(edge.s); forced.add(edge.t); first.push(edge.s, edge.t);
  }
  if (S.hover >= 0 && S.g.nodes[S.hover].visible) { forced.add(S.hover); first.push(S.hover); }
  S.matchSet.forEach(function (i) { first.push(i); });
  focus.nodes.forEach(function (i) { first.push(i); });
  var lit = new Set(first);
  return { forced: forced, lit: lit, order: first.concat(S.g.byDegree) };
}

function drawLabels(S, ctx, focus, dim) {
  var grid = new LabelGrid(), seen = new Set(), placed = 0, lo = labelOrder(S, focus);
  var budget = Math.min(MAX_LABELS, Math.round(S.width * S.height / 5000));
  ctx.textBaseline = "middle";
  for (var k = 0; k < lo.order.length && placed < budget; k++) {
    var i = lo.order[k], nd = S.g.nodes[i];
    if (seen.has(i) || !nd.visible || !nd.label) continue;
    seen.add(i);
    var forced = lo.forced.has(i), lit = lo.lit.has(i);
    if (!lit && (!S.showLabels || dim)) continue;
    var p = toScreen(S, nd.x, nd.y), r = screenRadius(S, nd);
    if (!onScreen(S, p, r) || (!lit && r < 3.5)) continue;
    var text = labelText(nd);
    ctx.font = lit ? LABEL_BOLD : LABEL_FONT;
    var w = textWidth(ctx, nd, text, lit), x = p[0] + r + 3, y = p[1] - 7;
    if (x + w > S.width - 4) x = p[0] - r - 3 - w;  // no room on the right: put it on the left
    if (!grid.free(x - 3, y - 2, w + 6, 18) && !forced) continue;
    grid.add(x - 3, y - 2, w + 6, 18);
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255, 255, 255, 0.92)"; ctx.strokeText(text, x, p[1]);
    ctx.fillStyle = "#1d232b"; ctx.fillText(text, x, p[1]);
    placed++;
  }
  drawEdgeLabels(S, ctx, grid);
}

function draw(S) {
  S.drawPending = false;
  var ctx = S.ctx;
  ctx.setTransform(S.dpr, 0, 0, S.dpr, 0, 0);
  ctx.clearRect(0, 0, S.width, S.height);
  var focus = focusSets(S), dim = S.selected !== null || S.matchSet.size > 0;
  S.edgeLabels = [];
  drawEdges(S, ctx, focus, dim);
  drawNodes(S, ctx, focus, dim);
  drawLabels(S, ctx, focus, dim);
}

function scheduleDraw(S) {
  if (S.drawPending) return;
  S.drawPending = true;
  requestAnimationFrame(function () { draw(S); });
}

function nodeAt(S, sx, sy) {
  var best = -1, bestD = Infinity;
  S.g.nodes.forEach(function (nd, i) {
    if (!nd.visible) return;
    var p = toScreen(S, nd.x, nd.y), r = screenRadius(S, nd) + 3, dx = p[0] - sx, dy = p[1] - sy, d = dx * dx + dy * dy;
    if (d <= r * r && d < bestD) { best = i; bestD = d; }
  });
  return best;
}

function edgeAt(S, sx, sy) {
  var best = -1, bestD = 25;  // within 5 px
  S.g.edges.forEach(function (edge, e) {
    if (!edge.visible) return;
    var a = toScreen(S, S.g.nodes[edge.s].x, S.g.nodes[edge.s].y), b = toScreen(S, S.g.nodes[edge.t].x, S.g.nodes[edge.t].y);
    var dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy;
    var u = l2 ? Math.max(0, Math.min(1, ((sx - a[0]) * dx + (sy - a[1]) * dy) / l2)) : 0;
    var px = a[0] + u * dx - sx, py = a[1] + u * dy - sy, d = px * px + py * py;
    if (d < bestD) { best = e; bestD = d; }
  });
  return best;
}

function zoomAt(S, sx, sy, factor) {
  var scale = Math.max(S.view.fit / 20, Math.min(S.view.scale * factor, S.view.fit * 200));
  var w = toWorld(S, sx, sy);
  S.view.scale = scale;
  S.view.tx = sx - w[0] * scale; S.view.ty = sy - w[1] * scale;
  scheduleDraw(S);
}
