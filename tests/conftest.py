"""Shared fixtures: the real pipeline (loaded once per test session), the defining example and the samples."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

EXAMPLE_ID = "aljazeera-jordan-russia"


def examples_folder() -> Path:
    """Where the defining example lives: $SITREP_EXAMPLES, else ../shared/examples beside the checkout.

    The article is Al Jazeera's, not ours to publish, so it is never shipped with the project."""
    given = os.environ.get("SITREP_EXAMPLES")
    return Path(given) if given else Path(__file__).resolve().parents[1].parent / "shared" / "examples"


@pytest.fixture(scope="session")
def example_raw() -> dict:
    """The project's defining example (a raw Al Jazeera scrape, debris and all); skipped where it is absent."""
    path = examples_folder() / EXAMPLE_ID / "article.txt"
    if not path.is_file():
        pytest.skip("the defining example is not shipped; it lives in ../shared/examples")
    return {"id": EXAMPLE_ID, "text": path.read_text(encoding="utf-8"), "published": "2015-10-23"}


@pytest.fixture(scope="session")
def example_coded(example_raw):
    from sitrep import Article, code

    return code(Article(text=example_raw["text"], id=example_raw["id"]), published="2015-10-23")


@pytest.fixture(scope="module")
def parsed():
    """Text -> its Doc through the whole pipeline, each text parsed once per test module."""
    from sitrep.nlp.pipeline import parse_one

    cache: dict[str, object] = {}

    def get(text: str):
        if text not in cache:
            cache[text] = parse_one(text)
        return cache[text]

    return get


@pytest.fixture(scope="session")
def stored_count():
    """Articles in a store file, read from outside the process writing it (0 before it exists)."""
    return _stored_count


def _stored_count(db) -> int:
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0
