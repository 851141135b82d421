// Force-directed layout (ForceAtlas2-style forces, Barnes-Hut repulsion on a flat
// typed-array quadtree), seeded so the same graph always lands in the same place.
// Nodes without edges are not simulated: they go on a tidy grid under the drawing.
// Runs in chunks so the page stays responsive while it settles.

var LAYOUT_SEED = 20240521;
var THETA = 1.0;          // Barnes-Hut opening angle: larger is faster and rougher
var REPULSION = 4;        // scales every pairwise push (mass degree+1 on both sides)
var GRAVITY = 0.02;       // pull to the centre, linear in distance ("strong gravity")

function makeRandom(seed) {
  // xorshift32: tiny, deterministic, good enough to jitter starting points
  var s = (seed >>> 0) || 1;
  return function () {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

function bfsOrder(g) {
  // Breadth-first from the biggest hubs, so neighbours start near each other on the spiral.
  var seen = new Uint8Array(g.nodes.length), order = [];
  g.byDegree.forEach(function (root) {
    if (seen[root] || g.nodes[root].deg === 0) return;
    seen[root] = 1;
    var queue = [root];
    for (var q = 0; q < queue.length; q++) {
      var i = queue[q];
      order.push(i);
      g.adj[i].forEach(function (e) {
        var edge = g.edges[e], j = edge.s === i ? edge.t : edge.s;
        if (!seen[j]) { seen[j] = 1; queue.push(j); }
      });
    }
  });
  return order;
}

function Tree(capacity) {
  this.cap = capacity; this.count = 1;
  this.x0 = new Float64Array(capacity); this.y0 = new Float64Array(capacity); this.size = new Float64Array(capacity);
  this.mass = new Float64Array(capacity); this.cx = new Float64Array(capacity); this.cy = new Float64Array(capacity);
  this.body = new Int32Array(capacity); this.child = new Int32Array(capacity);
  this.stack = new Int32Array(4096);
}

Tree.prototype.reset = function (x, y, n) {
  var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (var i = 0; i < n; i++) {
    if (x[i] < minX) minX = x[i]; if (x[i] > maxX) maxX = x[i];
    if (y[i] < minY) minY = y[i]; if (y[i] > maxY) maxY = y[i];
  }
  this.count = 0;
  this.cell(minX - 1, minY - 1, Math.max(maxX - minX, maxY - minY) + 2);
};

Tree.prototype.cell = function (x0, y0, size) {
  if (this.count === this.cap) this.grow();
  var c = this.count++;
  this.x0[c] = x0; this.y0[c] = y0; this.size[c] = size;
  this.mass[c] = 0; this.cx[c] = 0; this.cy[c] = 0; this.body[c] = -1; this.child[c] = -1;
  return c;
};

Tree.prototype.grow = function () {
  var self = this, cap = this.cap * 2;
  ["x0", "y0", "size", "mass", "cx", "cy", "body", "child"].forEach(function (k) {
    var a = new self[k].constructor(cap); a.set(self[k]); self[k] = a;
  });
  this.cap = cap;
};

Tree.prototype.split = function (c) {
  var h = this.size[c] / 2, x0 = this.x0[c], y0 = this.y0[c];
  var first = this.cell(x0, y0, h);
  this.cell(x0 + h, y0, h); this.cell(x0, y0 + h, h); this.cell(x0 + h, y0 + h, h);
  this.child[c] = first;
};

Tree.prototype.quadrant = function (c, x, y) {
  var h = this.size[c] / 2;
  return this.child[c] + (x >= this.x0[c] + h ? 1 : 0) + (y >= this.y0[c] + h ? 2 : 0);
};

Tree.prototype.insert = function (i, x, y, m) {
  var c = 0, depth = 0, xi = x[i], yi = y[i], mi = m[i];
  for (;;) {
    var mc = this.mass[c];
    if (mc === 0 && this.child[c] < 0) { this.body[c] = i; this.mass[c] = mi; this.cx[c] = xi; this.cy[c] = yi; return; }
    this.cx[c] = (this.cx[c] * mc + xi * mi) / (mc + mi);
    this.cy[c] = (this.cy[c] * mc + yi * mi) / (mc + mi);
    this.mass[c] = mc + mi;
    if (this.child[c] < 0) {
      if (depth > 40) return;  // (nearly) the same point: one heavier leaf
      var old = this.body[c];
      this.split(c); this.body[c] = -1;
      var k = this.quadrant(c, x[old], y[old]);
      this.body[k] = old; this.mass[k] = m[old]; this.cx[k] = x[old]; this.cy[k] = y[old];
    }
    c = this.quadrant(c, xi, yi); depth++;
  }
};

Tree.prototype.repel = function (i, x, y, m, out) {
  // out[0], out[1] += the Barnes-Hut estimate of every other node's push on node i
  var stack = this.stack, top = 0, fx = 0, fy = 0, xi = x[i], yi = y[i], t2 = THETA * THETA;
  stack[top++] = 0;
  while (top > 0) {
    var c = stack[--top];
    if (this.body[c] === i && this.child[c] < 0) continue;
    var dx = xi - this.cx[c], dy = yi - this.cy[c], d2 = dx * dx + dy * dy, s = this.size[c];
    if (this.child[c] < 0 || s * s < t2 * d2) {
      if (d2 < 0.01) { dx = 0.1 * ((i % 7) - 3) + 0.05; dy = 0.1 * ((i % 5) - 2) + 0.05; d2 = dx * dx + dy * dy; }
      var f = REPULSION * m[i] * this.mass[c] / d2;
      fx += dx * f; fy += dy * f;
    } else {
      var k = this.child[c];
      for (var q = 0; q < 4; q++) if (this.mass[k + q] > 0) stack[top++] = k + q;
    }
  }
  out[0] += fx; out[1] += fy;
};

function Layout(g, order) {
  // Simulates the connected nodes only (order: their indices, hubs first).
  var n = order.length;
  this.g = g; this.order = order; this.n = n;
  this.x = new Float64Array(n); this.y = new Float64Array(n); this.m = new Float64Array(n);
  this.fx = new Float64Array(n); this.fy = new Float64Array(n);
  this.tree = new Tree(Math.max(64, 4 * n));
  var local = new Map(), rand = makeRandom(LAYOUT_SEED), golden = Math.PI * (3 - Math.sqrt(5));
  for (var k = 0; k < n; k++) {
    var r = 4 * Math.sqrt(k + 0.5);
    this.x[k] = r * Math.cos(k * golden) + rand() - 0.5;
    this.y[k] = r * Math.sin(k * golden) + rand() - 0.5;
    this.m[k] = g.nodes[order[k]].deg + 1;
    local.set(order[k], k);
  }
  this.springs = [];
  for (var e = 0; e < g.edges.length; e++) {
    var s = local.get(g.edges[e].s), t = local.get(g.edges[e].t);
    if (s !== t) this.springs.push(s, t);
  }
  this.total = n > 6000 ? 120 : n > 3000 ? 180 : 260;
  this.done = 0;
  this.t0 = 2 + Math.sqrt(n);
}

Layout.prototype.step = function () {
  var n = this.n, x = this.x, y = this.y, m = this.m, fx = this.fx, fy = this.fy, sp = this.springs, out = [0, 0];
  this.tree.reset(x, y, n);
  for (var i = 0; i < n; i++) this.tree.insert(i, x, y, m);
  for (i = 0; i < n; i++) {
    out[0] = 0; out[1] = 0;
    this.tree.repel(i, x, y, m, out);
    fx[i] = out[0] - GRAVITY * m[i] * x[i];
    fy[i] = out[1] - GRAVITY * m[i] * y[i];
  }
  for (var e = 0; e < sp.length; e += 2) {
    var s = sp[e], t = sp[e + 1], dx = x[t] - x[s], dy = y[t] - y[s];
    fx[s] += dx; fy[s] += dy; fx[t] -= dx; fy[t] -= dy;
  }
  var temp = this.t0 * (1 - this.done / this.total) + 0.05;
  for (var k = 0; k < n; k++) {
    var ax = fx[k] / m[k], ay = fy[k] / m[k], len = Math.sqrt(ax * ax + ay * ay), scale = len > temp ? temp / len : 1;
    x[k] += ax * scale; y[k] += ay * scale;
  }
  this.done++;
};

Layout.prototype.copyOut = function () {
  for (var k = 0; k < this.n; k++) { var nd = this.g.nodes[this.order[k]]; nd.x = this.x[k]; nd.y = this.y[k]; }
};

function placeLoners(g) {
  // Nodes without edges: a grid in id order under the connected drawing.
  var loners = [], minY = 0, maxY = 0, minX = 0, maxX = 0;
  g.nodes.forEach(function (nd, i) {
    if (nd.deg === 0) { loners.push(i); return; }
    minY = Math.min(minY, nd.y); maxY = Math.max(maxY, nd.y); minX = Math.min(minX, nd.x); maxX = Math.max(maxX, nd.x);
  });
  // spacing like the drawing's own: its extent over the square root of its node count
  var placed = g.nodes.length - loners.length;
  var gap = placed > 1 ? Math.max(maxX - minX, maxY - minY) / Math.sqrt(placed) * 1.5 : 10, width = Math.max(maxX - minX, gap * Math.ceil(Math.sqrt(loners.length))), cols = Math.max(1, Math.floor(width / gap) + 1);
  loners.forEach(function (i, k) {
    g.nodes[i].x = minX + (k % cols) * gap;
    g.nodes[i].y = maxY + 3 * gap + Math.floor(k / cols) * gap;
  });
}

function runLayout(g, onProgress, onDone) {
  // All nodes placed by the caller (data "position"): keep them as they are.
  if (g.nodes.length === 0 || g.nodes.every(function (nd) { return nd.given; })) { onDone(); return; }
  var layout = new Layout(g, bfsOrder(g));
  function chunk() {
    var start = Date.now();
    while (layout.done < layout.total && Date.now() - start < 40) layout.step();
    layout.copyOut();
    placeLoners(g);
    if (layout.done >= layout.total) { onDone(); return; }
    onProgress(layout.done / layout.total);
    setTimeout(chunk, 0);
  }
  chunk();
}
