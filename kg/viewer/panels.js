// Side panels: legend and class filter, year filter, search, and the details of a selection.
// Every string from the data is set with textContent or setAttribute, never as HTML.

function $(id) { return document.getElementById(id); }

function el(tag, props, children) {
  var node = document.createElement(tag);
  Object.keys(props || {}).forEach(function (k) {
    if (k === "text") node.textContent = props[k];
    else if (k === "className") node.className = props[k];
    else if (k === "onclick") node.addEventListener("click", props[k]);
    else node.setAttribute(k, props[k]);
  });
  (children || []).forEach(function (c) { if (c !== null) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

function plural(n, one, many) { return n.toLocaleString("en-US") + " " + (n === 1 ? one : many); }

function shortName(name) {
  // a class given as an IRI is shown by its local name (the full IRI is the tooltip)
  var m = /[#\/]([^#\/]+)$/.exec(name);
  return /^[a-z][a-z0-9+.-]*:/i.test(name) && m ? m[1] : name;
}

function swatch(colour) {
  var s = el("span", { className: "kg-swatch" });
  s.style.background = colour;  // CSSOM, allowed by the page's CSP
  return s;
}

function buildLegend(S, onChange) {
  var list = $("kg-legend");
  clear(list);
  S.g.classes.forEach(function (c) {
    var box = el("input", { type: "checkbox", "data-class": c.name });
    box.checked = !S.hiddenClasses.has(c.name);
    box.addEventListener("change", function () {
      if (box.checked) S.hiddenClasses.delete(c.name); else S.hiddenClasses.add(c.name);
      onChange();
    });
    list.appendChild(el("li", {}, [el("label", { title: c.name }, [box, swatch(c.colour), el("span", { text: shortName(c.name) }), el("span", { className: "kg-n", text: c.count.toLocaleString("en-US") })])]));
  });
  function setAll(on) {
    S.g.classes.forEach(function (c) { if (on) S.hiddenClasses.delete(c.name); else S.hiddenClasses.add(c.name); });
    list.querySelectorAll("input").forEach(function (b) { b.checked = on; });
    onChange();
  }
  $("kg-classes-all").addEventListener("click", function () { setAll(true); });
  $("kg-classes-none").addEventListener("click", function () { setAll(false); });
}

function yearSlider(id, text, value, lo, hi, onInput) {
  var out = el("output", { id: id + "-value", text: String(value) });
  var input = el("input", { id: id, type: "range", min: String(lo), max: String(hi), step: "1", value: String(value) });
  input.addEventListener("input", function () { out.textContent = input.value; onInput(); });
  return { input: input, label: el("label", {}, [text + " ", out, input]) };
}

function buildYears(S, onChange) {
  var box = $("kg-years"), lo = S.g.yearMin, hi = S.g.yearMax;
  if (lo === null) { $("kg-years-section").hidden = true; return; }
  var from, to;
  function changed() {
    var a = +from.input.value, b = +to.input.value;
    S.yearFrom = Math.min(a, b); S.yearTo = Math.max(a, b);
    onChange();
  }
  from = yearSlider("kg-year-from", "from", lo, lo, hi, changed);
  to = yearSlider("kg-year-to", "to", hi, lo, hi, changed);
  var none = el("input", { id: "kg-year-none", type: "checkbox" });
  none.checked = true;
  none.addEventListener("change", function () { S.showNoYear = none.checked; onChange(); });
  box.appendChild(from.label);
  box.appendChild(to.label);
  box.appendChild(el("label", {}, [none, " elements without a year (" + S.g.noYear.toLocaleString("en-US") + ")"]));
}

function searchMatches(S, query) {
  var q = query.trim().toLowerCase(), shown = [], hidden = 0;
  if (!q) return { shown: shown, hidden: 0 };
  S.g.nodes.forEach(function (nd, i) {
    if (nd.label.toLowerCase().indexOf(q) < 0) return;
    if (nd.visible) shown.push(i); else hidden++;
  });
  return { shown: shown, hidden: hidden };
}

function showMatches(S, result, onPick) {
  var list = $("kg-matches"), count = $("kg-match-count");
  clear(list);
  S.matchSet = new Set(result.shown);
  var q = $("kg-search").value.trim();
  if (!q) { count.textContent = ""; return; }
  count.textContent = plural(result.shown.length, "match", "matches") +
    (result.hidden ? " (" + result.hidden + " more hidden by the filters)" : "");
  result.shown.slice(0, 100).forEach(function (i) {
    var nd = S.g.nodes[i];
    list.appendChild(el("li", {}, [el("button", { type: "button", className: "kg-link", title: nd.label, "data-id": nd.id, onclick: function () { onPick(i); } }, [swatch(nd.colour), nd.label])]));
  });
  if (result.shown.length > 100) list.appendChild(el("li", { className: "kg-empty", text: "… and " + (result.shown.length - 100) + " more" }));
}

function isIri(value) { return typeof value === "string" && /^https?:\/\/[^\s<>"]+$/.test(value); }

function valueNode(S, value) {
  if (Array.isArray(value)) return el("span", {}, value.map(function (v) { return el("div", {}, [valueNode(S, v)]); }));
  if (value !== null && typeof value === "object") return el("code", { text: JSON.stringify(value) });
  var text = String(value);
  if (isIri(text)) return el("a", { href: text, target: "_blank", rel: "noopener noreferrer", text: text });
  return el("span", { text: text });
}

function propsTable(S, data) {
  var keys = Object.keys(data).sort(), first = ["id", "label", "class", "year", "source", "target"];
  keys = first.filter(function (k) { return k in data; }).concat(keys.filter(function (k) { return first.indexOf(k) < 0; }));
  var rows = keys.map(function (k) { return el("tr", {}, [el("th", { scope: "row", text: k }), el("td", {}, [valueNode(S, data[k])])]); });
  return el("table", { className: "kg-props", id: "kg-props" }, [el("tbody", {}, rows)]);
}

function hasQuote(data) { return data.quote !== undefined && data.quote !== null && data.quote !== ""; }

function quoteBlock(S, data, onPick) {
  // The quote as written in the source, then where it is: report and character offsets.
  var where = [];
  if (data.report !== undefined && data.report !== null) {
    var hit = S.g.index.get(String(data.report)), report;
    if (hit && hit.kind === "node") {
      report = el("button", { type: "button", className: "kg-inline", title: String(data.report), onclick: function () { onPick(hit.index); } }, [S.g.nodes[hit.index].label]);
    } else {
      report = valueNode(S, data.report);
    }
    report.id = "kg-quote-report";
    where.push(el("div", {}, ["Report: ", report]));
  }
  if (data.start !== undefined || data.end !== undefined) {
    where.push(el("div", {}, ["Characters: ", el("span", { id: "kg-quote-offsets", text: String(data.start) + "–" + String(data.end) })]));
  }
  return el("section", { id: "kg-source" }, [
    el("h2", { text: "Source quote" }),
    el("blockquote", { className: "kg-quote", id: "kg-quote", text: String(data.quote) }),
    where.length ? el("div", { className: "kg-quote-source" }, where) : null,
  ]);
}

function neighbourList(S, i, onPick) {
  var items = S.g.adj[i].map(function (e) {
    var edge = S.g.edges[e], out = edge.s === i, j = out ? edge.t : edge.s;
    return { e: e, j: j, out: out, label: edge.label };
  });
  items.sort(function (a, b) {
    return (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || (S.g.nodes[a.j].label < S.g.nodes[b.j].label ? -1 : 1);
  });
  var list = el("ul", { className: "kg-list", id: "kg-neighbours" });
  items.slice(0, 300).forEach(function (it) {
    var nd = S.g.nodes[it.j], shown = nd.visible && S.g.edges[it.e].visible;
    var button = el("button", { type: "button", className: "kg-link", title: nd.label, "data-id": nd.id, onclick: function () { onPick(it.j); } },
      [swatch(nd.colour), el("span", { className: "kg-dir", text: (it.out ? "→ " : "← ") + (it.label || "") }), nd.label + (shown ? "" : " (hidden)")]);
    if (!shown) button.disabled = true;
    list.appendChild(el("li", {}, [button]));
  });
  if (items.length > 300) list.appendChild(el("li", { className: "kg-empty", text: "… and " + (items.length - 300) + " more" }));
  return el("section", {}, [el("h2", { text: "Neighbours (" + items.length + ")" }), list]);
}

function classLine(S, name) {
  var c = S.g.classByName.get(name);
  return el("p", { className: "kg-class" }, [swatch(c ? c.colour : "#999"), el("span", { id: "kg-details-class", title: name, text: shortName(name) })]);
}

function showDetails(S, onPick) {
  var box = $("kg-details"), sel = S.selected;
  clear(box);
  if (!sel) {
    box.appendChild(el("p", { className: "kg-empty", text: "Click a node or an edge to see its properties, its neighbours and, for an observation, the source quote." }));
    return;
  }
  if (sel.kind === "node") {
    var nd = S.g.nodes[sel.index];
    box.appendChild(el("h2", { className: "kg-name", id: "kg-details-label", text: nd.label }));
    box.appendChild(classLine(S, nd.cls));
    if (hasQuote(nd.data)) box.appendChild(quoteBlock(S, nd.data, onPick));
    box.appendChild(el("h2", { text: "Properties" }));
    box.appendChild(propsTable(S, nd.data));
    box.appendChild(neighbourList(S, sel.index, onPick));
    return;
  }
  var edge = S.g.edges[sel.index], s = S.g.nodes[edge.s], t = S.g.nodes[edge.t];
  box.appendChild(el("h2", { className: "kg-name", id: "kg-details-label", text: edge.label || "(edge)" }));
  box.appendChild(el("p", {}, [
    el("button", { type: "button", className: "kg-link", onclick: function () { onPick(edge.s); } }, [swatch(s.colour), s.label]),
    el("span", { className: "kg-dir kg-edge-dir", text: "↓ " + (edge.label || "") }),
    el("button", { type: "button", className: "kg-link", onclick: function () { onPick(edge.t); } }, [swatch(t.colour), t.label]),
  ]));
  if (hasQuote(edge.data)) box.appendChild(quoteBlock(S, edge.data, onPick));
  box.appendChild(el("h2", { text: "Properties" }));
  box.appendChild(propsTable(S, edge.data));
}
