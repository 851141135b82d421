"""`kg publish`: the pages and data of `kg serve` as static files that work from disk."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import main

from .test_viewer import chromium


@pytest.fixture(scope="module")
def site(samples_build, tmp_path_factory):
    target = tmp_path_factory.mktemp("site") / "site"
    result = CliRunner().invoke(main, ["publish", "-o", str(samples_build), "--site", str(target)])
    assert result.exit_code == 0, result.output
    assert "published" in result.output
    return target


def report_doc(samples_build) -> tuple[str, str]:
    """(report IRI, the path of its HTML document in the site)."""
    report = json.loads((Path(samples_build) / "manifest.json").read_text("utf-8"))["reports"][0]["report"]
    return report, "doc/" + report.split("/id/", 1)[1] + ".html"


def test_every_relative_link_resolves(site):
    broken, count = [], 0
    for page in site.rglob("*.html"):
        for href in re.findall(r'href="([^"]+)"', page.read_text("utf-8")):
            if href.startswith(("http:", "https:", "#", "mailto:")):
                continue
            count += 1
            if not (page.parent / unquote(href.split("#")[0])).exists():
                broken.append((str(page.relative_to(site)), href))
    assert count > 10000 and not broken[:10], broken[:10]


def test_documents_in_four_formats(site, samples_build):
    report, html = report_doc(samples_build)
    stem = html[: -len(".html")]
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        graph = rdflib.Graph().parse(site / f"{stem}.{fmt}", format=parser)
        assert (rdflib.URIRef(report), None, None) in graph, fmt
    assert (site / "index.html").is_file() and (site / "data" / "graph.trig").is_file()
    assert (site / "def" / "index.html").is_file() and (site / "data" / "index.ttl").is_file()


def test_publish_without_a_build_is_one_error_line(tmp_path):
    result = CliRunner().invoke(main, ["publish", "-o", str(tmp_path / "none"), "--site", str(tmp_path / "site")])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "no build" in result.output
    assert not (tmp_path / "site").exists()


def test_site_opens_from_disk_and_links_work(site, samples_build, tmp_path):
    """Chromium opens the landing page from file://, follows a link to a report, then one
    to an observation, whose page shows the quote; nothing is fetched from the network."""
    report, html = report_doc(samples_build)
    with chromium(tmp_path / "profile", ("file://",)) as context:
        attempts = context.attempts
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        page.locator(f'a[href$="{html}"]').first.click()
        assert page.url.endswith(html)
        link = page.locator("table.observations a.obs").first
        quote = link.inner_text()
        link.click()
        page.wait_for_selector("blockquote.quote")
        assert "/obs/" in page.url and page.url.startswith("file://")
        assert " ".join(page.locator("blockquote.quote").first.inner_text().split()) == " ".join(quote.split())
        assert not attempts, attempts
