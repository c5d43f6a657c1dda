"""`sitrep report`: a self-contained HTML situation report over a store coded by the real pipeline."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.api.cli import report_command
from sitrep.report import report_data
from test_api_support import HOSTILE_ID, OWN_EXAMPLE_TITLE, artifacts_dir, browser_context, require_browser, sample_store


class Tags(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return sample_store(tmp_path_factory.mktemp("report"))


def write_report(db: str, out: Path, *args: str) -> str:
    result = CliRunner().invoke(report_command, ["--db", db, "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def test_syria_report_has_figures_map_timeline_events_and_actors(db, tmp_path):
    html = write_report(db, tmp_path / "syria.html", "--country", "SYR", "--from", "2015-09-01", "--to", "2015-10-31")
    page = parse(html)
    text = "".join(page.text)
    assert "Syria: situation report, 2015-09-01 to 2015-10-31" in text
    names = [tag for tag, _ in page.tags]
    assert names.count("svg") == 2  # the map and the timeline, inline
    assert sum(1 for tag, a in page.tags if tag == "path" and "land" in a.get("class", "")) > 3
    assert sum(1 for tag, a in page.tags if tag == "circle" and "dot" in a.get("class", "")) >= 3
    assert "Russia launched a bombing" in text  # evidence quoted
    assert OWN_EXAMPLE_TITLE in text  # its source
    assert "Jordan" in text and "Russia" in text and "Actors" in text
    assert html.count('class="event"') >= 5
    (artifacts_dir("report") / "syria.html").write_text(html, encoding="utf-8")


def test_report_is_self_contained_and_inert(db, tmp_path):
    html = write_report(db, tmp_path / "all.html", "--from", "2015-10-01", "--to", "2015-10-31")
    page = parse(html)
    for tag, attrs in page.tags:
        assert tag not in ("script", "iframe", "object", "embed", "link", "img", "base", "form"), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("src", "href", "action"):
            value = attrs.get(name) or ""
            assert not value.lower().lstrip().startswith("javascript"), (tag, attrs)
            assert name != "src" or not value, (tag, attrs)  # nothing is loaded from anywhere
    # the hostile article (2015-10-12) is in the period: its markup shows as text
    assert "&lt;script&gt;window.__pwned = 1;&lt;/script&gt;" in html or "&lt;b onmouseover" in html
    assert "<script" not in html and "<b onmouseover" not in html and "<i>Test</i>" not in html
    assert "javascript:alert" not in html  # an unsafe source URL is shown as plain title, never as a link


def test_deaths_never_add_running_tolls():
    article = {"id": "a", "title": None, "url": None, "outlet": None, "published": "2015-10-01"}

    def event(id, deaths, cumulative=False, status="occurred", place="Aleppo"):
        return {"id": id, "type": "ASSAULT", "status": status, "article": article, "confidence": 0.9,
                "date": {"start": "2015-10-01"}, "location": {"name": place, "lat": 36.2, "lon": 37.1},
                "fatalities": {"text": "", "min": deaths, "max": deaths, "cumulative": cumulative, "claims": []}}

    events = [event("1", 10), event("2", 10),  # one claim told twice
              event("3", 5, place="Idlib"), event("4", 250000, cumulative=True), event("5", 99, status="intended")]
    data = report_data(events, "SYR", "2015-10-01", "2015-10-31")
    assert data["figures"]["deaths"] == 15 and data["figures"]["running"] == 250000
    assert data["key_events"][0]["event"]["id"] in ("1", "2")


def test_bad_period_is_refused(db, tmp_path):
    result = CliRunner().invoke(report_command, ["--db", db, "--out", str(tmp_path / "x.html"),
                                                 "--from", "2015-10-31", "--to", "2015-09-01"])
    assert result.exit_code != 0 and "after" in result.output
    result = CliRunner().invoke(report_command, ["--db", db, "--out", str(tmp_path / "x.html"), "--from", "2015-13-01"])
    assert result.exit_code != 0


def test_report_prints_to_pdf_offline(db, tmp_path):
    require_browser()
    out = tmp_path / "syria.html"
    write_report(db, out, "--country", "SYR", "--from", "2015-09-01", "--to", "2015-10-31")
    with browser_context() as context:
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(out.as_uri())
        pdf = page.pdf(format="A4")
        page.screenshot(path=str(artifacts_dir("report") / "syria.png"), full_page=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert requests == [out.as_uri()]  # the file itself, nothing else
    (artifacts_dir("report") / "syria.pdf").write_bytes(pdf)
