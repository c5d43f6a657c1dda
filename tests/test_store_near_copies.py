"""The near-copy index kept in the store's file: written in the same transaction as the article it
indexes (so a crash or a second writer cannot split them), MinHash estimates that hold up (two stories
sharing a stock phrase are not copies; a trimmed syndicated copy is), and signatures of an older sitrep
rebuilt from the stored text."""
from __future__ import annotations

import random
import sqlite3

import numpy as np
import pytest
from test_store import IDLIB_TEXT, KYIV_TEXT, h, idlib_article, kyiv_article

from sitrep.ingest.duplicates import (PERMUTATIONS, SIGNATURE_VERSION, Duplicate, DuplicateIndex, signature,
                                      similarity, words)
from sitrep.ingest.into_store import keep
from sitrep.store import Store

TOWNS = ["Gao", "Kidal", "Mopti", "Menaka", "Djibo", "Dori", "Diffa", "Bama", "Goma", "Beni"]
STOCK = ["the army said in a statement.", "a spokesman for the Red Cross said.", "residents told reporters.",
         "according to local officials.", "the ministry said on Monday."]


def story(rng: random.Random, n: int) -> str:
    """A made-up report; its sentences end in the stock phrases every wire story uses."""
    town = TOWNS[n % len(TOWNS)]
    return " ".join(f"{what} {town} {rng.randint(2, 900)} {rng.choice(['times', 'people', 'homes'])}, "
                    f"{rng.choice(STOCK)}" for what in rng.sample(
                        ["Fighting near", "Shelling around", "Raids on villages west of", "Floods in the valley of",
                         "Arrests in", "Talks with elders of", "A curfew in", "Aid convoys to", "Fires in"], 6))


def shingles(text: str) -> set[str]:
    w = words(text)
    return {" ".join(w[i:i + 5]) for i in range(len(w) - 4)}


def test_minhash_estimates_jaccard_and_stock_phrases_make_no_copy():
    rng = random.Random(5)
    texts = [story(rng, n) for n in range(40)]
    errors = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = shingles(texts[i]), shingles(texts[j])
            errors.append(similarity(signature(words(texts[i])), signature(words(texts[j]))) - len(a & b) / len(a | b))
    # unbiased, and never far off (an affine hash that barely wrapped once gave 0.95 for a true 0.03)
    assert abs(np.mean(errors)) < 0.01 and max(map(abs, errors)) < 0.2
    index = DuplicateIndex()
    for n, text in enumerate(texts[:30]):
        index.add(f"s{n}", text)
    assert [index.check(text) for text in texts[30:]] == [None] * 10


def test_trimmed_copy_is_found_and_a_roundup_quoting_a_story_is_not_its_copy():
    rng = random.Random(6)
    first, other = story(rng, 1), story(rng, 2)
    index = DuplicateIndex()
    index.add("first", first)
    sentences = first.split(". ")
    trimmed = "GAO (Wire) - " + ". ".join(sentences[:-2]) + ". Additional reporting by Jane Doe."
    copy = index.check(trimmed)
    assert copy is not None and copy.first_id == "first" and not copy.exact and copy.similarity >= 0.7
    roundup = other + " " + first + " " + story(rng, 3)
    assert index.check(roundup) is None  # most of it is news the store does not hold


def test_article_and_index_entry_are_one_transaction(tmp_path):
    path = str(tmp_path / "s.db")
    with Store(path) as store:
        index = DuplicateIndex.of_store(store)
        with pytest.raises(RuntimeError):
            with store.transaction():
                assert keep(store, idlib_article(), h(IDLIB_TEXT), "a.jsonl:1", index) is True
                raise RuntimeError("power cut")
        assert store.counts()["articles"] == 0 and not index.knows("idlib-1")
        assert keep(store, idlib_article(), h(IDLIB_TEXT), "a.jsonl:1", index) is True
        assert index.knows("idlib-1")
        assert keep(store, idlib_article(), h(IDLIB_TEXT), "a.jsonl:1", index) is False  # stored already
        # the same story coded elsewhere (another id, another scrape) is linked and recorded, not stored
        copy = keep(store, idlib_article("idlib-copy"), h(IDLIB_TEXT + "\n"), "feed#7", index)
        assert isinstance(copy, Duplicate) and copy.first_id == "idlib-1" and copy.exact
        assert index.copies_of("idlib-1") == [("idlib-copy", 1.0)]
        assert [f["article"]["id"] for f in store.failures(skipped=True)] == ["idlib-copy"]
        assert keep(store, kyiv_article(), h(KYIV_TEXT), "b.jsonl:1", index) is True
        assert store.counts()["articles"] == 2


def test_signatures_of_an_older_sitrep_are_rebuilt_from_the_stored_text(tmp_path):
    rng = random.Random(7)
    first = story(rng, 4)
    path = str(tmp_path / "old.db")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (pk INTEGER PRIMARY KEY, id TEXT, text TEXT)")
    conn.execute("INSERT INTO articles (id, text) VALUES ('first', ?)", (first,))
    conn.execute("CREATE TABLE dedup_signatures (article_id TEXT PRIMARY KEY, exact_key TEXT NOT NULL, signature BLOB)")
    conn.execute("CREATE TABLE dedup_bands (bucket INTEGER NOT NULL, article_id TEXT NOT NULL, "
                 "PRIMARY KEY (bucket, article_id))")
    old = np.arange(PERMUTATIONS, dtype=np.uint32).tobytes()  # made the old way: matches nothing now
    conn.execute("INSERT INTO dedup_signatures VALUES ('first', 'k', ?), ('gone', 'k2', ?)", (old, old))
    conn.execute("INSERT INTO dedup_bands VALUES (1, 'first')")
    conn.commit()
    conn.close()
    with DuplicateIndex(path) as index:
        copy = index.check("GAO (Wire) - " + first)
        assert copy is not None and copy.first_id == "first"
        assert index.conn.execute("SELECT signature FROM dedup_signatures WHERE article_id = 'gone'").fetchone() == (None,)
        assert index.conn.execute("SELECT version FROM dedup_version").fetchall() == [(SIGNATURE_VERSION,)]


def test_a_correction_under_the_same_id_is_an_update_not_a_copy(tmp_path):
    rng = random.Random(8)
    text = story(rng, 5)
    corrected = text.replace("Fighting near", "Heavy fighting near").replace("Shelling", "Artillery fire")
    with Store(str(tmp_path / "u.db")) as store:
        index = DuplicateIndex.of_store(store)
        first, second = idlib_article("report-5"), idlib_article("report-5")
        first.article.text, second.article.text = text, corrected
        assert keep(store, first, h(text), "a.jsonl:1", index) is True
        assert index.check(corrected) is not None  # to anyone else it is a copy of report-5 ...
        assert keep(store, second, h(corrected), "a.jsonl:1", index) is True  # ... to itself an update
        assert store.counts()["articles"] == 1 and store.article("report-5")["article"]["text"] == corrected
        assert index.check(corrected).exact and index.check(text).first_id == "report-5"
        assert index.conn.execute("SELECT COUNT(*) FROM dedup_signatures").fetchone()[0] == 1


def test_an_update_under_a_new_id_at_the_same_url_replaces_the_old_index_entry(tmp_path):
    rng = random.Random(9)
    text = story(rng, 6)
    corrected = text.replace("Fighting near", "Heavy fighting near")
    with Store(str(tmp_path / "v.db")) as store:
        index = DuplicateIndex.of_store(store)
        first, second, syndicated = idlib_article("report-6"), idlib_article("report-6-v2"), idlib_article("wire-6")
        first.article.text, second.article.text, syndicated.article.text = text, corrected, "GAO (AP) - " + text
        first.article.url = second.article.url = "https://example.org/news/report-6"
        syndicated.article.url = "https://example.com/wire/6"
        assert keep(store, first, h(text), "a.jsonl:1", index) is True
        copy = keep(store, syndicated, h("w2"), "feed#1", index)
        assert isinstance(copy, Duplicate) and copy.first_id == "report-6"
        # the site republishes its correction under a new id: an update, not a copy of its own story
        assert keep(store, second, h(corrected), "a.jsonl:2", index) is True
        assert store.counts()["articles"] == 1 and store.article("report-6-v2")["article"]["text"] == corrected
        assert not index.knows("report-6") and index.knows("report-6-v2")
        assert index.copies_of("report-6-v2") == [("wire-6", copy.similarity)]
        assert index.check(text).first_id == "report-6-v2"


def test_keep_copies_still_indexes_them_for_later_runs(tmp_path):
    from sitrep.article import Article
    from sitrep.ingest.into_store import ingest

    body = ("MOGADISHU - Gunmen attacked a police station in the Somali capital on Tuesday, killing four "
            "officers and wounding six others, a police spokesman said. The attack in the Hodan district began "
            "before dawn and lasted two hours, residents said. Al-Shabaab said it carried out the attack.")
    with Store(str(tmp_path / "k.db")) as store:
        index = DuplicateIndex.of_store(store)
        original = Article(id="site-1", text=body, url="https://example.org/1", published="2024-05-07")
        wire = Article(id="wire-1", text="(Reuters) " + body, url="https://example.com/1", published="2024-05-07")
        tally = ingest(store, [original, wire], duplicates=index, skip_copies=False)
        assert (tally.added, tally.duplicates) == (2, 0)
        assert index.knows("site-1") and index.knows("wire-1")
        third = Article(id="wire-2", text=body + " ", url="https://example.net/1", published="2024-05-07")
        assert ingest(store, [third], duplicates=index).duplicates == 1
