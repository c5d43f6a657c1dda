"""Shared by the API, dashboard and report tests (no tests here): a small real store coded by the real
pipeline, a hostile article, and a real `sitrep serve` process on 127.0.0.1."""
from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import resources
from pathlib import Path

# Markup a scraper may leave in an article: it must stay text in every view.
HOSTILE_ID = "hostile-markup"
HOSTILE_TEXT = (
    "Gunmen killed 14 villagers in an attack on the town of Kidal on Monday, local officials said. "
    "<script>window.__pwned = 1;</script> The attackers, described as <img src=x onerror=\"window.__pwned=2\"> "
    "members of an armed group, fled north. \"We are afraid,\" a resident told reporters; "
    "<a href=\"javascript:window.__pwned=3\" onclick=\"window.__pwned=4\">zzhostileword</a> was written on a wall."
)
REPO = Path(__file__).resolve().parents[1]

# An article written for these tests in our own words (no outlet's text), shaped like the defining example:
# a raw scrape with a photo caption and credit, a promo, a doubled apostrophe, a RELATED line and a Source
# line around a story of a Russia-Jordan agreement over Syria, meetings in Vienna and Moscow, and a toll.
OWN_EXAMPLE_ID = "jordan-russia-coordination"
OWN_EXAMPLE_TITLE = "Jordan and Russia agree to coordinate their military moves over Syria"


def own_example_row() -> dict:
    text = (Path(__file__).parent / "data" / "coordination_article.txt").read_text(encoding="utf-8")
    return {"id": OWN_EXAMPLE_ID, "text": text, "published": "2015-10-23"}


def sample_rows(n_voa: int = 8) -> list[dict]:
    folder = resources.files("sitrep") / "samples"
    voa = [json.loads(line) for line in (folder / "voa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [own_example_row()] + voa[:n_voa]
    rows.append({"id": HOSTILE_ID, "text": HOSTILE_TEXT, "title": "Attack on <b onmouseover=\"window.__pwned=5\">Kidal</b>",
                 "published": "2015-10-12", "url": "javascript:alert(1)", "outlet": "<i>Test</i>"})
    return rows


@functools.lru_cache(maxsize=1)
def _built_store() -> str:
    """Code the samples once per test process (a few seconds) into a store file; copies are handed out."""
    from sitrep.article import Article
    from sitrep.coder import code_many
    from sitrep.records import FailedArticle
    from sitrep.store import Store

    folder = tempfile.mkdtemp(prefix="sitrep-api-store-")
    path = os.path.join(folder, "sample.db")
    articles = [Article(text=r["text"], id=str(r["id"]), title=r.get("title"), url=r.get("url"),
                        outlet=r.get("outlet"), published=(r.get("published") or "")[:10] or None) for r in sample_rows()]
    with Store(path) as store:
        for article, coded in zip(articles, code_many(articles)):
            assert not isinstance(coded, FailedArticle), coded.error
            store.add(coded, article.content_hash, source="test")
    return path  # closed: the last connection checkpoints the WAL into the file, so a copy is whole


def sample_store(folder: Path) -> str:
    """A private copy of the coded sample store in `folder`."""
    path = folder / "sample.db"
    shutil.copyfile(_built_store(), path)
    return str(path)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 30.0):
    """(status, headers, body bytes) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@contextlib.contextmanager
def running_server(db: str, *extra: str, start_timeout: float = 90.0):
    """`sitrep serve` (the real command, in its own process) on a free 127.0.0.1 port; yields its base URL."""
    port = free_port()
    code = "import sys; from sitrep.api.cli import serve_command; serve_command(sys.argv[1:])"
    log = tempfile.NamedTemporaryFile(prefix="sitrep-serve-", suffix=".log", delete=False)
    process = subprocess.Popen([sys.executable, "-c", code, "--db", db, "--host", "127.0.0.1", "--port", str(port), *extra],
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError("sitrep serve exited: " + Path(log.name).read_text())
            try:
                if get(base + "/api/health", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("sitrep serve did not start: " + Path(log.name).read_text())
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        output = Path(log.name).read_text(errors="replace")
        if output.strip():
            print("--- sitrep serve said:\n" + output, file=sys.stderr)  # shown by pytest when a test fails
        os.unlink(log.name)


def artifacts_dir(name: str) -> Path:
    """Where browser tests leave screenshots: $SITREP_TEST_ARTIFACTS, else build/test-artifacts."""
    root = Path(os.environ.get("SITREP_TEST_ARTIFACTS") or REPO / "build" / "test-artifacts")
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_browser() -> None:
    """Skip when Debian's chromium or Playwright is missing, except in CI, where that is a failure."""
    import importlib.util

    import pytest

    missing = [what for what, ok in (("chromium", Path(CHROMIUM).exists()),
                                     ("playwright", importlib.util.find_spec("playwright") is not None)) if not ok]
    if missing:
        message = f"browser tests need {' and '.join(missing)} (apt-get install chromium; pip install playwright)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def browser_context(**options):
    """A headless Debian chromium driven by Playwright, with a fresh profile; never Playwright's own browser."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="sitrep-chromium-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS[1:], **options)
        try:
            yield context
        finally:
            context.close()
