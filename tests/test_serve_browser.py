"""`kg serve` in a browser: Debian's headless Chromium (Playwright) against a running server.

Every request that does not go to the local server is aborted and recorded, so the
pages are shown to work with nothing but the server (no CDN, no public host).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_serve import local, running_server
from .test_viewer import chromium


@pytest.fixture(scope="module")
def server(samples_build):
    with running_server(samples_build) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory, server):
    with chromium(tmp_path_factory.mktemp("chromium-profile"), (server,), width=1300) as context:
        yield context


def test_report_page_links_to_an_observation_that_shows_its_quote(browser, server, samples_build):
    report = json.loads((Path(samples_build) / "manifest.json").read_text("utf-8"))["reports"][0]["report"]
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + local(report).lstrip("/"))
    assert page.url.endswith(".html")  # followed the 303 to the HTML document
    link = page.locator("table.observations a.obs").first
    quote = link.inner_text()
    link.click()
    page.wait_for_selector("blockquote.quote")
    assert "/doc/" in page.url and "/obs/" in page.url
    assert " ".join(page.locator("blockquote.quote").first.inner_text().split()) == " ".join(quote.split())
    assert page.locator(f'a[href="{local(report)}"]').count() >= 1  # back to its report
    assert not errors and not browser.attempts, (errors, browser.attempts)
    page.close()
