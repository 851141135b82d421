"""The offline HTML viewer (kg.viewer.render_html): one safe, self-contained file that works.

Static checks read the HTML text; browser checks open it from file:// in Debian's
headless Chromium through Playwright, with every non-file request aborted and recorded.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from contextlib import contextmanager
import random
import re
import tomllib
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import DataError
from kg.viewer import render_html

from .conftest import sample

CHROMIUM = Path("/usr/bin/chromium")


def need_chromium() -> None:
    """Browser tests need Debian's chromium: CI installs it (.ci/run), so there a missing
    browser fails; on a developer's machine without it the test is skipped with the reason."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (as .ci/run does)")
        pytest.skip(f"chromium is not installed at {CHROMIUM} (apt-get install chromium; CI installs it)")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
EX = "https://example.org/"
EVIL = "Bridge </script><script>alert(1)</script> & <b>"


def _node(id_, label, cls, **extra):
    return {"data": {"id": EX + id_, "label": label, "class": cls, **extra}}


def _edge(id_, source, target, label, **extra):
    return {"data": {"id": id_, "source": EX + source, "target": EX + target, "label": label, **extra}}


def fixture_elements() -> dict:
    """Two reports of an invented city, their observations, indicators, a policy and a project."""
    nodes = [
        _node("report/r-2023", "Riverton work report 2023", "Report", year=2023),
        _node("report/r-2024", "Riverton work report 2024", "Report", year=2024),
        _node("place/riverton", "Riverton", "Place"),
        _node("ind/gdp", "GDP", "Indicator"),
        _node("ind/cpi", "CPI", "Indicator"),
        _node("obs/1", "GDP 2023: 12.5 billion yuan", "Observation", year=2023, value="12500000000",
              quote="Our GDP rose to 12.5 billion yuan <b>last</b> year & more.",
              report=EX + "report/r-2023", start=120, end=176),
        _node("obs/2", "CPI 2024 target: about 3%", "Observation", year=2024,
              quote="Keep consumer prices rising by about 3%.", report=EX + "report/r-2024", start=40, end=80),
        _node("policy/green", "Green Valley Plan", "Policy", year=2023, years=[2023, 2024]),
        _node("project/bridge", EVIL, "Project", year=2024),
    ]
    edges = [
        _edge("in1", "obs/1", "report/r-2023", "in report"),
        _edge("in2", "obs/2", "report/r-2024", "in report"),
        _edge("ind1", "obs/1", "ind/gdp", "indicator"),
        _edge("ind2", "obs/2", "ind/cpi", "indicator"),
        _edge("area1", "obs/1", "place/riverton", "refArea"),
        _edge("area2", "obs/2", "place/riverton", "refArea"),
        _edge("cites", "report/r-2024", "policy/green", "citesPolicy", year=2024,
              quote="We will carry out the Green Valley Plan.", report=EX + "report/r-2024", start=300, end=340),
        _edge("proj", "report/r-2024", "project/bridge", "mentionsProject", year=2024),
        _edge("jur1", "report/r-2023", "place/riverton", "jurisdiction"),
        _edge("jur2", "report/r-2024", "place/riverton", "jurisdiction"),
    ]
    return {"elements": {"nodes": nodes, "edges": edges}}


# ---- static checks ---------------------------------------------------------------------

def _inline(html: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.DOTALL)


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_page_is_one_file_with_no_network_references():
    html = render_html(fixture_elements(), "Fixture")
    tags = re.findall(r"<(script|link|img|iframe|object|embed|audio|video|source)\b[^>]*>", html, re.IGNORECASE)
    assert [t.lower() for t in tags] == ["script", "script"]
    assert not re.search(r"\b(src|srcset|href|action|data)\s*=", "".join(re.findall(r"<[^>]+>", html)), re.IGNORECASE)
    assert not re.search(r"@import|url\(", _inline(html, "style")[0])
    assert "default-src 'none'" in html


def test_csp_allows_exactly_the_inline_script_and_style():
    html = render_html(fixture_elements(), "Fixture")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    script = _inline(html, "script")[-1]
    assert f"script-src '{_sha(script)}'" in csp
    assert f"style-src '{_sha(_inline(html, 'style')[0])}'" in csp


def test_untrusted_strings_stay_inert_in_the_json_block():
    html = render_html(fixture_elements(), "<b>title</b>")
    assert html.count("<script") == 2 and html.count("</script>") == 2
    assert "<title>&lt;b&gt;title&lt;/b&gt;</title>" in html
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.DOTALL).group(1)
    assert not set("<>&") & set(block)
    data = json.loads(block)
    assert EVIL in [n["data"]["label"] for n in data["nodes"]]
    assert data["title"] == "<b>title</b>"


def test_same_elements_in_any_order_give_the_same_file():
    elements = fixture_elements()
    shuffled = json.loads(json.dumps(elements))
    random.Random(7).shuffle(shuffled["elements"]["nodes"])
    random.Random(8).shuffle(shuffled["elements"]["edges"])
    assert render_html(elements, "t") == render_html(shuffled, "t")


BAD = [
    ("not a dict", [], "must be a dict"),
    ("node without data", {"elements": {"nodes": [{}], "edges": []}}, "node 0 has no 'data'"),
    ("node without id", {"elements": {"nodes": [{"data": {"label": "x"}}], "edges": []}}, "node 0 has no data.id"),
    ("dangling edge", {"elements": {"nodes": [{"data": {"id": "a"}}],
                                    "edges": [{"data": {"id": "e", "source": "a", "target": "b"}}]}}, "target 'b'"),
    ("NaN value", {"elements": {"nodes": [{"data": {"id": "a", "value": float("nan")}}], "edges": []}}, "not valid JSON"),
    ("duplicate id", {"elements": {"nodes": [{"data": {"id": "a"}}, {"data": {"id": "a"}}], "edges": []}}, "'a' appears more"),
]


@pytest.mark.parametrize("elements, message", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_malformed_elements_raise_one_clear_line(elements, message):
    with pytest.raises(DataError, match=re.escape(message)):
        render_html(elements, "t")


def test_edges_without_ids_get_stable_ones():
    elements = {"elements": {"nodes": [{"data": {"id": "a"}}, {"data": {"id": "b"}}],
                             "edges": [{"data": {"source": "b", "target": "a"}}, {"data": {"source": "a", "target": "b"}}]}}
    block = re.search(r'type="application/json">(.*?)</script>', render_html(elements, "t"), re.DOTALL).group(1)
    assert [(e["data"]["id"], e["data"]["source"]) for e in json.loads(block)["edges"]] == [("e0", "a"), ("e1", "b")]


def test_viewer_assets_ship_in_the_wheel():
    config = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert "kg.viewer" in config["packages"]
    patterns = config["package-data"]["kg.viewer"]
    assets = [p.name for p in resources.files("kg.viewer").iterdir() if not p.name.endswith((".py", ".pyc")) and p.is_file()]
    assert sorted(assets) == ["draw.js", "layout.js", "main.js", "page.html", "panels.js", "viewer.css"]
    assert all(any(Path(a).match(p) for p in patterns) for a in assets)


# ---- the page in headless Chromium --------------------------------------------------------

@contextmanager
def chromium(profile: Path, allowed: tuple[str, ...], width: int = 1400):
    """Debian's headless Chromium (Playwright) with a fresh profile; every request whose URL
    does not start with one of ``allowed`` is aborted and recorded in ``context.attempts``."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": width, "height": 900},
        )
        attempts: list[str] = []

        def guard(route):
            url = route.request.url
            if url.startswith(allowed):
                route.continue_()
            else:
                attempts.append(url)
                route.abort()

        context.route("**", guard)
        context.attempts = attempts
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory.mktemp("chromium-profile"), ("file:", "data:")) as context:
        yield context


class Page:
    """One viewer page opened from a file, with its errors and dialogs collected."""

    def __init__(self, context, path: Path):
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", lambda d: (self.errors.append("dialog: " + d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)

    def hook(self, expression: str, *args):
        return self.page.evaluate(f"(args) => window.kgViewer.{expression}", list(args))

    def click_node(self, node_id: str):
        point = self.hook("nodePoint(args[0])", node_id)
        self.page.mouse.click(point["x"], point["y"])

    def text(self, selector: str) -> str:
        return self.page.inner_text(selector)


@pytest.fixture(scope="module")
def fixture_page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("viewer") / "fixture.html"
    path.write_text(render_html(fixture_elements(), "Riverton fixture"), "utf-8")
    page = Page(browser, path)
    yield page
    page.page.close()


@pytest.fixture()
def fresh(fixture_page):
    """The fixture page with no search, no selection and every class shown."""
    page = fixture_page.page
    page.fill("#kg-search", "")
    page.press("#kg-search", "Escape")
    page.click("#kg-classes-all")
    page.click("#kg-fit")
    return fixture_page


def test_page_loads_offline_and_shows_the_counts(fresh, browser):
    assert fresh.text("#kg-count") == "9 nodes · 10 edges"
    assert fresh.text("#kg-visible") == "showing 9 nodes, 10 edges"
    assert fresh.text("#kg-title") == "Riverton fixture"
    assert browser.attempts == [] and fresh.errors == []


def test_legend_lists_each_class_with_its_count(fresh):
    rows = fresh.page.locator("#kg-legend li").all_inner_texts()
    assert [r.split() for r in rows][:3] == [["Indicator", "2"], ["Observation", "2"], ["Report", "2"]]
    assert len(rows) == 6


def test_search_highlights_the_matching_label(fresh):
    fresh.page.fill("#kg-search", "green valley")
    fresh.page.press("#kg-search", "Enter")
    assert fresh.text("#kg-match-count") == "1 match"
    assert fresh.hook("highlighted()") == [EX + "policy/green"]
    assert fresh.page.locator("#kg-matches li").all_inner_texts() == ["Green Valley Plan"]
    assert fresh.hook("selected()") == EX + "policy/green"  # a single match is selected


def test_clicking_a_node_shows_its_properties_and_neighbours(fresh):
    fresh.click_node(EX + "place/riverton")
    assert fresh.hook("selected()") == EX + "place/riverton"
    assert fresh.text("#kg-details-label") == "Riverton"
    assert fresh.text("#kg-details-class") == "Place"
    link = fresh.page.locator("#kg-props a").first
    assert link.get_attribute("href") == EX + "place/riverton"
    assert fresh.page.text_content("#kg-details h2:has-text('Neighbours')") == "Neighbours (4)"
    assert fresh.page.locator("#kg-source").count() == 0


def test_clicking_an_observation_shows_its_source_quote(fresh):
    fresh.click_node(EX + "obs/1")
    assert fresh.text("#kg-quote") == "Our GDP rose to 12.5 billion yuan <b>last</b> year & more."
    assert fresh.text("#kg-quote-report") == "Riverton work report 2023"
    assert fresh.text("#kg-quote-offsets") == "120–176"
    fresh.page.click("#kg-quote-report")
    assert fresh.hook("selected()") == EX + "report/r-2023"


def test_clicking_an_edge_with_a_quote_shows_it(fresh):
    point = fresh.hook("edgePoint(args[0])", "cites")
    fresh.page.mouse.click(point["x"], point["y"])
    assert fresh.hook("selected()") == "cites"
    assert fresh.text("#kg-details-label") == "citesPolicy"
    assert fresh.text("#kg-quote") == "We will carry out the Green Valley Plan."
    assert fresh.text("#kg-quote-offsets") == "300–340"


def test_untrusted_label_is_shown_as_text(fresh):
    fresh.click_node(EX + "project/bridge")
    assert fresh.text("#kg-details-label") == EVIL
    assert fresh.page.locator("#kg-details b, #kg-details script").count() == 0
    assert fresh.errors == []


def test_unchecking_a_class_hides_its_nodes(fresh):
    fresh.page.uncheck("#kg-legend input[data-class='Observation']")
    assert fresh.text("#kg-visible") == "showing 7 nodes, 4 edges"
    assert not fresh.hook("isVisible(args[0])", EX + "obs/1")
    assert fresh.hook("isVisible(args[0])", EX + "ind/gdp")
    fresh.click_node(EX + "obs/1")  # where it was drawn: nothing is there now
    assert fresh.hook("selected()") != EX + "obs/1"
    fresh.page.fill("#kg-search", "GDP")
    fresh.page.press("#kg-search", "Enter")
    assert fresh.text("#kg-match-count") == "1 match (1 more hidden by the filters)"


def test_year_range_hides_other_years(fresh):
    fresh.page.locator("#kg-year-from").fill("2024")
    assert not fresh.hook("isVisible(args[0])", EX + "report/r-2023")
    assert fresh.hook("isVisible(args[0])", EX + "report/r-2024")
    assert fresh.hook("isVisible(args[0])", EX + "place/riverton")  # no year: shown
    assert fresh.hook("isVisible(args[0])", EX + "policy/green")  # years [2023, 2024]: one is in range
    fresh.page.locator("#kg-year-to").fill("2023")
    fresh.page.locator("#kg-year-from").fill("2023")
    assert not fresh.hook("isVisible(args[0])", EX + "obs/2")
    assert fresh.hook("isVisible(args[0])", EX + "policy/green")
    fresh.page.locator("#kg-year-to").fill("2024")
    fresh.page.uncheck("#kg-year-none")
    assert not fresh.hook("isVisible(args[0])", EX + "place/riverton")
    fresh.page.check("#kg-year-none")
    fresh.page.locator("#kg-year-from").fill("2023")


def _points(page: Page) -> list[tuple[float, float]]:
    ids = [n["data"]["id"] for n in fixture_elements()["elements"]["nodes"]]
    return [tuple(page.hook("nodePoint(args[0])", i).values()) for i in ids]


def test_layout_is_the_same_on_every_load(browser, fresh, tmp_path):
    path = tmp_path / "again.html"
    path.write_text(render_html(fixture_elements(), "Riverton fixture"), "utf-8")
    again = Page(browser, path)
    assert _points(again) == _points(fresh)
    points = _points(again)
    assert len(set(points)) == len(points)  # no two nodes on one spot
    again.page.close()


def test_given_positions_are_kept(browser, tmp_path):
    elements = fixture_elements()
    for k, node in enumerate(elements["elements"]["nodes"]):
        node["position"] = {"x": 100.0 * k, "y": 0.0}
    path = tmp_path / "placed.html"
    path.write_text(render_html(elements, "placed"), "utf-8")
    page = Page(browser, path)
    xs, ys = zip(*_points(page))
    assert list(xs) == sorted(xs) and len(set(xs)) == len(xs) and len(set(ys)) == 1
    page.page.close()


# ---- a real sample ------------------------------------------------------------------------

PREFIXES = """PREFIX kg: <https://w3id.org/cngov/def/kg#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb: <http://purl.org/linked-data/cube#> PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX dct: <http://purl.org/dc/terms/>
PREFIX sdmxd: <http://purl.org/linked-data/sdmx/2009/dimension#> PREFIX sdmxm: <http://purl.org/linked-data/sdmx/2009/measure#>
"""
LINKS = {"indicator": "kg:indicator", "refArea": "sdmxd:refArea", "citesPolicy": "kg:citesPolicy",
         "mentionsProject": "kg:mentionsProject", "mentionsPlace": "kg:mentionsPlace", "jurisdiction": "kg:jurisdiction"}


def elements_from_store(store: Path) -> dict:
    """A small Cytoscape elements dict from a build's store (observations with their quotes)."""
    db = ox.Store.read_only(str(store))

    def rows(query: str) -> list:
        return list(db.query(PREFIXES + query))

    nodes: dict[str, dict] = {}
    for r in rows("""SELECT ?x ?c (SAMPLE(?l) AS ?label) WHERE { GRAPH ?g { ?x a ?c }
            VALUES ?c { kg:Report kg:Indicator kg:LocalIndicator kg:Policy kg:Project kg:AdministrativeDivision }
            OPTIONAL { GRAPH ?h { ?x skos:prefLabel|dct:title ?l } } } GROUP BY ?x ?c"""):
        nodes[r["x"].value] = {"id": r["x"].value, "label": r["label"].value if r["label"] else r["x"].value,
                               "class": r["c"].value.rsplit("#", 1)[-1]}
    edges = []
    for r in rows("""SELECT ?o ?v ?quote ?start ?end ?report WHERE { GRAPH ?g { ?o a kg:Observation ;
            sdmxm:obsValue ?v ; kg:sentence ?s ; qb:dataSet ?ds . ?ds kg:dataSetOf ?report .
            ?s oa:hasSelector ?q, ?p . ?q oa:exact ?quote . ?p oa:start ?start ; oa:end ?end } }"""):
        o = r["o"].value
        nodes[o] = {"id": o, "label": f"observation {r['v'].value}", "class": "Observation", "quote": r["quote"].value,
                    "report": r["report"].value, "start": int(r["start"].value), "end": int(r["end"].value)}
        edges.append({"source": o, "target": r["report"].value, "label": "in report"})
    for label, prop in LINKS.items():
        for r in rows(f"SELECT DISTINCT ?a ?b WHERE {{ GRAPH ?g {{ ?a {prop} ?b }} }}"):
            if r["a"].value in nodes and r["b"].value in nodes:
                edges.append({"source": r["a"].value, "target": r["b"].value, "label": label})
    return {"elements": {"nodes": [{"data": d} for d in nodes.values()], "edges": [{"data": d} for d in edges]}}


@pytest.fixture(scope="module")
def real_elements(tmp_path_factory, reports_dir):
    out = tmp_path_factory.mktemp("viewer-build")
    result = CliRunner().invoke(main, ["build", str(sample("004")), "-o", str(out), "--no-validate", "-q"])
    assert result.exit_code == 0, result.output
    return elements_from_store(out / "store")


def test_real_sample_renders_and_shows_an_observation_quote(browser, real_elements, tmp_path):
    nodes = [n["data"] for n in real_elements["elements"]["nodes"]]
    observation = min((d for d in nodes if d["class"] == "Observation"), key=lambda d: d["id"])
    assert len(nodes) > 50 and observation["quote"]
    path = tmp_path / "real.html"
    path.write_text(render_html(real_elements, "sample 004"), "utf-8")
    page = Page(browser, path)
    assert page.text("#kg-count").startswith(f"{len(nodes):,} nodes")
    page.page.fill("#kg-search", observation["label"])
    page.page.press("#kg-search", "Escape")  # Esc clears the search and the selection
    assert page.hook("highlighted()") == [] and page.hook("selected()") is None
    page.click_node(observation["id"])
    if page.hook("selected()") != observation["id"]:  # another node drawn on top of it: pick it from the list
        page.page.fill("#kg-search", observation["label"])
        page.page.locator(f"#kg-matches button[data-id='{observation['id']}']").click()
    assert page.hook("selected()") == observation["id"]
    assert page.text("#kg-quote") == observation["quote"]
    assert page.text("#kg-quote-offsets") == f"{observation['start']}–{observation['end']}"
    assert browser.attempts == [] and page.errors == []
    page.page.screenshot(path=str(tmp_path / "real.png"))
    page.page.close()
