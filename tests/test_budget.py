"""Limits on what one article may cost: the per-article time budget and the longest text the parser is
fed at once. Each test feeds the hostile input that triggers its limit, through the real pipeline."""
from __future__ import annotations

import itertools

import pytest

from sitrep.article import Article
from sitrep.coder import MAX_CODED_CHARS, code_many
from sitrep.errors import OverBudget
from sitrep.nlp.pipeline import MAX_PARAGRAPH_CHARS, load_pipeline, parse, split_paragraphs
from sitrep.records import CodedArticle, FailedArticle

SHORT = ("Gunmen killed five soldiers in an attack on an army post near Mogadishu on Tuesday, the defence "
         "ministry said.\n\nPolice arrested 12 protesters in Nairobi on Monday.")


def wall_of_text(chars: int) -> str:
    """A live blog that never ends: varied, plausible conflict reporting, well over what one news
    article takes to code, but under the size limit that refuses an article outright."""
    towns = itertools.cycle(["Aleppo", "Homs", "Idlib", "Raqqa", "Deir ez-Zor", "Hama", "Daraa", "Latakia"])
    paragraphs, size, n = [], 0, 0
    while size < chars:
        n += 1
        paragraph = (f"Update {n}: air strikes hit {next(towns)} overnight, killing {n % 40 + 2} people, "
                     f"\"We saw {n % 9 + 1} planes,\" a resident told reporters, and rebels said they "
                     f"shelled an army base near {next(towns)} in response.")
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_a_slow_article_fails_its_budget_and_the_batch_goes_on(nlp):
    long_text = wall_of_text(160_000)
    assert len(long_text) < MAX_CODED_CHARS
    articles = [Article(text=SHORT, id="first"), Article(text=long_text, id="slow"),
                Article(text=SHORT.replace("Mogadishu", "Kismayo"), id="third")]
    # 3 s: the short articles code in a fraction of that even on a loaded machine; the wall of text
    # takes many times longer
    first, slow, third = code_many(articles, published="2016-03-01", budget_s=3)
    assert isinstance(first, CodedArticle) and isinstance(third, CodedArticle)
    assert first.events and third.events
    assert isinstance(slow, FailedArticle) and not slow.skipped
    assert slow.article.id == "slow"
    assert "time budget of 3 s per article" in slow.error and "stopped after" in slow.error


def test_the_budget_names_the_stage_reached(nlp):
    text = "Rebels shelled the town on Friday, killing three people."
    context = {"published": None, "fields": None, "source": "tiny.txt"}
    (result,) = parse(nlp, [(text, context)], budget_s=1e-9)
    assert isinstance(result, OverBudget)
    assert result.message.startswith("tiny.txt: over its time budget of 1e-09 s per article")
    assert result.message.endswith("stopped after the model)")
    (doc,) = parse(nlp, [(text, dict(context))], budget_s=60)  # a real budget changes nothing
    assert [e.type for e in doc._.events] == [e.type for e in next(parse(nlp, [(text, {})]))._.events]


def test_no_budget_means_none(nlp):
    (coded,) = code_many([Article(text=SHORT, id="a")], budget_s=0)
    assert isinstance(coded, CodedArticle) and coded.events


def test_a_megabyte_sentence_without_a_full_stop_never_reaches_the_parser_whole(nlp):
    words = itertools.cycle(["the", "convoy", "moved", "along", "the", "road", "near", "the", "border",
                             "while", "officials", "said", "talks", "would", "continue"])
    sentence = " ".join(itertools.islice(words, 200_000))[:1_000_000]  # about 1 MB, no full stop, no newline
    pieces = split_paragraphs(sentence)
    assert "".join(pieces) == sentence
    assert max(len(piece) for piece in pieces) <= MAX_PARAGRAPH_CHARS
    # as an article it is refused with its length, at once, not parsed for hours
    (refused,) = code_many([Article(text=sentence, id="megabyte")])
    assert isinstance(refused, FailedArticle) and "too long to code" in refused.error
    # a slice under the article limit is coded, and no sentence the parser saw is longer than a piece
    part = sentence[:20_000]
    (doc,) = parse(nlp, [(part, {})])
    assert doc.text == part
    assert max(len(s.text) for s in doc.sents) <= MAX_PARAGRAPH_CHARS


def test_a_component_that_raises_fails_only_its_article(nlp, monkeypatch):
    """Fault injection: the real quotes component, made to raise on one article, as a bug would."""
    quotes = nlp.get_pipe("sitrep_quotes")
    real = type(quotes).__call__

    def failing(self, doc):
        if "Kismayo" in doc.text:
            raise ValueError("injected fault")
        return real(self, doc)

    monkeypatch.setattr(type(quotes), "__call__", failing)
    articles = [Article(text=SHORT, id="one"), Article(text=SHORT.replace("Mogadishu", "Kismayo"), id="two"),
                Article(text=SHORT, id="three")]
    one, two, three = code_many(articles, budget_s=0)
    assert isinstance(one, CodedArticle) and isinstance(three, CodedArticle) and three.events
    assert isinstance(two, FailedArticle) and "quotes: ValueError: injected fault" in two.error


def test_ingest_records_an_article_over_budget_once(tmp_path):
    """Through the real command: the slow article is a failure in the store, the short one is coded,
    and a second run records the same failure, not a second row."""
    import json
    import subprocess
    import sys

    from sitrep.store import Store

    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"id": "slow", "text": wall_of_text(160_000), "published": "2015-10-23"}) + "\n"
                     + json.dumps({"id": "short", "text": SHORT, "published": "2025-03-14"}) + "\n",
                     encoding="utf-8")
    db = tmp_path / "store.db"
    command = [sys.executable, "-m", "sitrep.cli", "ingest", str(batch), "--db", str(db), "--quiet",
               "--budget", "3"]
    for _ in range(2):
        out = subprocess.run(command, capture_output=True, text=True, timeout=600)
        assert "time budget of 3 s" in out.stderr + out.stdout
    with Store(str(db)) as store:
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        rows = store.conn.execute("SELECT article_id, error FROM failures").fetchall()
    assert len(rows) == 1 and rows[0][0] == "slow" and "stopped after" in rows[0][1]
