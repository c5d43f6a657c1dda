"""Shared fixtures: the real pipeline (loaded once per test session) and the bundled samples."""
from __future__ import annotations

import json
from importlib import resources

import pytest


@pytest.fixture(scope="session")
def example_raw() -> dict:
    """The project's defining example (a raw Al Jazeera scrape), as shipped in the package."""
    path = resources.files("sitrep") / "samples" / "aljazeera-jordan-russia.jsonl"
    return json.loads(path.read_text(encoding="utf-8").splitlines()[0])


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
