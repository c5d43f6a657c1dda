"""The dashboard in headless Chromium (Debian's, driven by Playwright) against a real `sitrep serve`:
load, filter, click a dot and read its evidence, open a field's span, paste an article and see it coded;
hostile markup stays text; no request ever leaves 127.0.0.1. Screenshots go to build/test-artifacts."""
from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest

from test_api_support import (HOSTILE_TEXT, artifacts_dir, browser_context, get, require_browser, running_server,
                              sample_rows, sample_store)

READY = "body[data-state=ready]"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()
    with running_server(sample_store(tmp_path_factory.mktemp("dashboard"))) as base:
        # Load the server's English model now, so the browser's paste test waits on coding only.
        request = urllib.request.Request(base + "/api/code", data=b'{"text": "Troops fired on protesters."}',
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=600) as response:
            assert response.status == 200
        yield base


@pytest.fixture(scope="module")
def page(server):
    with browser_context(viewport={"width": 1400, "height": 1200}) as context:
        page = context.new_page()
        page.requests = []
        page.errors = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(server + "/")
        page.wait_for_selector(READY, timeout=60_000)
        yield page
        host = urllib.parse.urlsplit(server).netloc
        outside = [u for u in page.requests if not (urllib.parse.urlsplit(u).scheme in ("http", "https", "ws", "wss")
                                                     and urllib.parse.urlsplit(u).netloc == host)
                   and urllib.parse.urlsplit(u).scheme not in ("data", "blob")]
        assert page.requests and not outside, f"requests outside {host}: {outside}"


def api(server, path):
    status, _, body = get(server + path)
    assert status == 200
    return json.loads(body)


def shot(page, name):
    page.screenshot(path=str(artifacts_dir("dashboard") / f"{name}.png"), full_page=True)


def test_loads_with_map_timeline_network_and_list(page, server):
    shot(page, "01-loaded")
    stats = api(server, "/api/stats")
    assert f"{stats['events']:,} events" in page.inner_text("#totals")
    assert page.locator("#land path").count() > 200  # the packaged Natural Earth countries
    assert page.locator("#map .dot").count() > 0
    assert page.locator("#timeline .bar").count() > 0
    assert page.locator("#network .node").count() > 0 and page.locator("#network .edge").count() > 0
    assert page.locator("#events tbody tr").count() == min(100, stats["events"])
    assert not page.errors


def test_filter_then_click_a_dot_and_read_its_evidence(page, server):
    page.select_option("#f-country", "SYR")
    page.click("#f-apply")
    page.wait_for_selector(READY)
    expected = api(server, "/api/events?country=SYR&limit=1000")["events"]
    assert page.locator("#events tbody tr").count() == len(expected) > 0
    points = api(server, "/api/points?country=SYR")["points"]
    assert page.inner_text("#map-count").startswith(f"{len(points)} located")
    page.locator("#map .dot").first.click()
    page.wait_for_selector("#detail mark.evidence")
    selected = page.get_attribute("body", "data-selected")
    found = api(server, f"/api/events/{urllib.parse.quote(selected)}")
    assert found["event"]["location"]["country"] == "SYR" or found["event"]["location"]
    evidence = " ".join(span["text"] for span in found["sources"][0]["evidence"])
    highlighted = " ".join(page.locator("#detail mark.evidence").all_inner_texts())
    assert highlighted.split() and set(highlighted.split()) <= set(evidence.split())
    page.click("#detail button.field[data-field=trigger]")
    assert page.inner_text("#detail mark.field") == found["event"]["trigger"]["text"]
    shot(page, "02-filtered-dot-evidence")
    assert not page.errors


def test_hostile_markup_is_shown_as_text(page, server):
    page.click("#f-reset")
    page.wait_for_selector(READY)
    page.fill("#f-text", "zzhostileword")
    page.click("#f-apply")
    page.wait_for_selector(READY)
    rows = page.locator("#events tbody tr")
    assert rows.count() > 0
    rows.first.click()
    page.wait_for_selector("#detail .article .body")
    body = page.inner_text("#detail .article .body")
    assert "<script>window.__pwned = 1;</script>" in body and "onerror=" in body
    assert "<b onmouseover" in page.inner_text("#detail .article .title")
    page.hover("#detail .article .title")
    assert page.locator("#detail script, #detail img, #detail a[href^='javascript'], #detail b").count() == 0
    assert page.evaluate("window.__pwned") is None
    shot(page, "03-hostile-article")
    assert not page.errors


def test_paste_the_example_and_see_its_events(page):
    from playwright.sync_api import expect

    example = sample_rows()[0]
    page.fill("#code-text", example["text"])
    page.fill("#code-published", "2015-10-23")
    page.click("#code-go")
    page.wait_for_selector("#code-result .coded-events tr", state="attached", timeout=180_000)
    rows = page.locator("#code-result .coded-events tr").all_inner_texts()
    assert len(rows) >= 10 and page.inner_text("#code-status") == f"{len(rows)} events"
    assert any("Russia → Jordan" in row for row in rows)
    assert any("Sergey Lavrov → Nasser Judeh" in row for row in rows)
    page.locator("#code-result .coded-events tr").nth(2).click()
    assert page.locator("#code-result mark.evidence").count() > 0
    shot(page, "04-pasted-example")
    page.fill("#code-text", HOSTILE_TEXT)
    page.click("#code-go")
    expect(page.locator("#code-status")).to_have_text(re.compile(r"^\d+ events$"), timeout=120_000)
    assert "<script>" in page.inner_text("#code-result .article .body")
    assert page.evaluate("window.__pwned") is None
    assert not page.errors
