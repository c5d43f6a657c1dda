"""The pipeline's speed-ups change nothing: the attribute table gives the model's own attribute_ruler
results, and parsing many articles in one batch gives the Docs of parsing them one by one."""
from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest
import spacy

from sitrep.nlp.brackets import read_square_brackets_as_parentheses
from sitrep.nlp.pipeline import MODEL, OUR_COMPONENTS, load_pipeline, parse, parse_one, split_paragraphs

TRICKY = ("There is a war. There's no peace, and there were attacks. Let's go, y'all: we're gonna win, "
          "ain't it? C'mon, he gets it, she got it, we gotta go.\n\nTHE MINISTRY SAID on Monday that "
          "U.S.-led strikes killed 12 people in al-Bab.")


@pytest.fixture(scope="module")
def texts() -> list[str]:
    path = resources.files("sitrep") / "samples" / "voa.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:6]]
    return [TRICKY] + [r["text"] for r in rows]


def token_attrs(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start)
            for t in doc]


def test_attribute_table_matches_the_models_attribute_ruler(texts):
    nlp = load_pipeline()
    assert "sitrep_attribute_table" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    stock = spacy.load(MODEL)
    read_square_brackets_as_parentheses(stock.vocab)  # our pipeline reads "[" as "(" (nlp/brackets.py)
    pieces = [p for text in texts for p in split_paragraphs(text)]
    with nlp.select_pipes(disable=list(OUR_COMPONENTS)):
        ours = list(nlp.pipe(pieces))
    for _ in range(2):  # the second time from the filled table
        for mine, theirs in zip(ours, stock.pipe(pieces)):
            assert token_attrs(mine) == token_attrs(theirs)
        with nlp.select_pipes(disable=list(OUR_COMPONENTS)):
            ours = list(nlp.pipe(pieces))
    there_is = ours[0][1]
    assert (there_is.text, there_is.pos_) == ("is", "VERB")  # a two-token rule ("there is")


def test_batched_parse_gives_the_docs_of_one_by_one(texts):
    nlp = load_pipeline()
    day = dt.date(2015, 10, 23)
    contexts = [{"published": day, "fields": [("text", 0, len(t))]} for t in texts]
    batched = list(parse(nlp, zip(texts, contexts), batch_size=3))
    assert [d.text for d in batched] == texts
    for doc, text in zip(batched, texts):
        single = parse_one(text, published=day)
        assert doc._.published == day and doc._.fields == [("text", 0, len(text))]
        assert token_attrs(doc) == token_attrs(single)
        assert [(e.type, e.trigger) for e in doc._.events] == [(e.type, e.trigger) for e in single._.events]


def test_parse_reads_its_input_only_as_far_as_the_batch(texts):
    read = []

    def stream():
        for text in texts:
            read.append(text)
            yield text, {}

    docs = parse(load_pipeline(), stream(), batch_size=1)
    first = next(docs)
    assert first.text == texts[0] and len(read) == 1
    assert len(list(docs)) == len(texts) - 1


def test_freeing_memory_between_batches_changes_no_result(texts):
    nlp = load_pipeline()
    kept = [(d.text, [(e.type, e.trigger, e.actor1 and e.actor1.name) for e in d._.events], len(d._.places))
            for d in parse(nlp, ((t, {}) for t in texts), batch_size=2)]
    freed = [(d.text, [(e.type, e.trigger, e.actor1 and e.actor1.name) for e in d._.events], len(d._.places))
             for d in parse(nlp, ((t, {}) for t in texts), batch_size=2, free_memory=True)]
    assert freed == kept and any(events for _, events, _ in kept)
    parse_one(texts[1])  # the pipeline still works after the zones closed


def test_square_brackets_are_read_as_round_ones():
    """Editorial insertions ("on Tuesday [4 March]") get the parse their round-bracket twin gets, while
    the text (and so every offset) stays as written."""
    nlp = load_pipeline()
    square = "Soldiers on Tuesday [4 March] arrested 14 suspects in a raid near the border."
    round_ = square.replace("[", "(").replace("]", ")")
    with nlp.select_pipes(disable=list(OUR_COMPONENTS)):
        a, b = nlp(square), nlp(round_)
    assert a.text == square
    assert [(t.dep_, t.head.i, t.pos_) for t in a] == [(t.dep_, t.head.i, t.pos_) for t in b]
    assert a[[t.text for t in a].index("arrested")].dep_ == "ROOT"
