"""Property-based tests (hypothesis): whatever bytes, Unicode or markup arrive, the readers, cleaning
and coding return an article, a record or a clear error, within a per-example budget, and never crash.

The number of examples is small here (about 310 in all, to keep the suite fast); `scripts/fuzz_campaign.py`
runs the same properties with SITREP_FUZZ_SCALE times as many."""
from __future__ import annotations

import os
import tempfile
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.article import Article
from sitrep.clean import clean
from sitrep.coder import code_many
from sitrep.errors import SitrepError
from sitrep.ingest import InputError, read_inputs
from sitrep.records import CodedArticle, FailedArticle

SCALE = max(1, int(os.environ.get("SITREP_FUZZ_SCALE", "1")))


def budget(examples: int, seconds: float):
    return settings(max_examples=examples * SCALE, deadline=timedelta(seconds=seconds), derandomize=SCALE == 1,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None)


SUFFIXES = ["", ".txt", ".html", ".jsonl", ".csv", ".tsv", ".xml", ".rss", ".warc", ".warc.gz", ".gz"]
NEWS_WORDS = ["Gunmen", "killed", "12", "people", "in", "Gao", "on", "Monday", ",", ".", "police", "said", "the",
              "army", "attacked", "Aleppo", "rebels", "\u201c", "\u201d", "\"", "(", ")", "Reuters", "-", "\n",
              "\n\n", "al-Shabab", "at least", "two", "soldiers", "were", "wounded", "U.N.", "Oct. 23", "\u00a0"]
news_text = st.lists(st.sampled_from(NEWS_WORDS), max_size=300).map(" ".join)
TAGS = ["div", "p", "span", "article", "section", "table", "tr", "td", "ul", "li", "b", "i", "a", "figure", "script"]


@pytest.fixture(scope="module", autouse=True)
def warm():
    """Load the pipeline, gazetteer and debris lists before timing any example against its budget."""
    list(code_many([Article(text="Gunmen killed 12 people in Gao on Monday, police said.")]))
    clean(Article(text="Gunmen killed 12 people in Gao on Monday, police said.", title="Attack in Gao"))


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as path:
        yield path


@budget(150, 3.0)
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_readers_take_arbitrary_bytes(folder, data, suffix):
    path = os.path.join(folder, "input" + suffix)
    with open(path, "wb") as fh:
        fh.write(data)
    for item in read_inputs([path]):
        assert isinstance(item, (Article, InputError))
        if isinstance(item, InputError):
            assert str(item).strip()


@budget(100, 5.0)
@given(text=st.one_of(st.text(max_size=3000), news_text), as_html=st.booleans())
def test_clean_takes_arbitrary_unicode(text, as_html):
    article = Article(html=text) if as_html else Article(text=text)
    try:
        cleaned = clean(article)
    except SitrepError as err:
        assert str(err).strip()
    else:
        assert isinstance(cleaned.text, str)


def code_one(article: Article):
    (result,) = list(code_many([article]))
    assert isinstance(result, (CodedArticle, FailedArticle))
    if isinstance(result, FailedArticle):
        assert result.error.strip()
    return result


@budget(40, 20.0)
@given(text=st.one_of(st.text(min_size=1, max_size=2000), news_text),
       published=st.one_of(st.none(), st.dates().map(str)))
def test_code_takes_arbitrary_unicode(text, published):
    result = code_one(Article(text=text, published=published))
    if isinstance(result, CodedArticle):
        for event in result.events:  # every offset points into the text it names
            for span in event.evidence:
                assert 0 <= span.start <= span.end


@budget(20, 30.0)
@given(depth=st.integers(min_value=1, max_value=5000), tags=st.lists(st.sampled_from(TAGS), min_size=1, max_size=4),
       closed=st.booleans(), words=news_text)
def test_code_takes_deeply_nested_html(depth, tags, closed, words):
    opening = "".join(f"<{tags[n % len(tags)]}>" for n in range(depth))
    closing = "".join(f"</{tags[n % len(tags)]}>" for n in reversed(range(depth))) if closed else ""
    html = f"<html><body>{opening}<p>{words}</p>{closing}</body></html>"
    code_one(Article(html=html))
