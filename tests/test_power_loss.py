"""Power loss during ingest: `sitrep ingest` SIGKILLed at 20 random moments in a row. After each kill
`sitrep check` finds the store whole; the run that finally finishes leaves exactly what one clean,
uninterrupted run leaves (same articles, events, quotes, places and fused events, the same copies
recorded), nothing twice. That holds because an article and its near-copy index entry are written in
one transaction, and the near-copy check is made again inside it (`sitrep.ingest.into_store.keep`): a
run's read-ahead no longer decides which of two copies is stored.

The ingest runs in a forked child of this process, with the spaCy pipeline already loaded, so twenty
runs cost seconds rather than twenty model loads; the child is killed with SIGKILL, as by a power cut
(short of the operating system's own buffers, which SQLite's journal is built for)."""
from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import sqlite3
import time

import pytest

from sitrep.check import check_store

TOWNS = ["Kabul", "Mogadishu", "Aleppo", "Gao", "Maiduguri", "Kandahar", "Baghdad", "Sanaa", "Goma", "Bamako",
         "Mosul", "Benghazi", "Juba", "Kidal", "Idlib"]
ACTS = ["Gunmen killed {n} people in {town} on {day}, police said.",
        "An air strike on a market in {town} killed {n} civilians on {day}, residents told reporters.",
        "Protesters marched through {town} on {day}; security forces arrested {n} of them, the ministry said.",
        "A roadside bomb wounded {n} soldiers near {town} on {day}, the army said in a statement."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TOTAL = 120
KILLS = 20


def write_articles(path) -> None:
    """TOTAL reports; every eighth one a syndicated copy of the report two before it (a dateline and a
    credit line added), to be linked to it rather than stored, whichever run stores what."""
    rng = random.Random(11)
    texts: list[str] = []
    with open(path, "w", encoding="utf-8") as fh:
        for n in range(TOTAL):
            sentences = [rng.choice(ACTS).format(n=rng.randint(2, 90), town=rng.choice(TOWNS), day=rng.choice(DAYS))
                         for _ in range(3)]
            text = f"Report {n}. " + " ".join(sentences)
            if n % 8 == 5:
                text = f"{rng.choice(TOWNS).upper()} (Sahel Wire) - {texts[n - 2]} Additional reporting by Wire staff."
            texts.append(text)
            fh.write(json.dumps({"id": f"wire-{n}", "url": f"https://example.org/wire/{n}", "outlet": "Wire",
                                 "published": f"2024-05-{1 + n % 28:02d}", "text": text}) + "\n")


def _ingest(inputs: str, db: str) -> None:
    from sitrep.cli import main

    try:
        main(["ingest", inputs, "--db", db, "--quiet"], standalone_mode=False)
    finally:
        os._exit(0)


def ingest_in_child(inputs, db) -> multiprocessing.Process:
    child = multiprocessing.get_context("fork").Process(target=_ingest, args=(str(inputs), str(db)))
    child.start()
    return child


def snapshot(db) -> dict:
    """What a store holds, without the times it was written at."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        q = lambda sql: sorted(conn.execute(sql).fetchall())  # noqa: E731
        return {
            "articles": q("SELECT id, content_hash, coded FROM articles"),
            "events": q("SELECT a.id, e.seq, e.id, e.json FROM events e JOIN articles a ON a.pk = e.article_pk"),
            "quotes": q("SELECT a.id, q.seq, q.json FROM quotes q JOIN articles a ON a.pk = q.article_pk"),
            "places": q("SELECT a.id, p.seq, p.name, p.start FROM places p JOIN articles a ON a.pk = p.article_pk"),
            "fused": q("SELECT c.id, c.n_reports, c.json FROM clusters c"),
            "failures": q("SELECT article_id, error FROM failures"),
            "indexed": q("SELECT article_id FROM dedup_signatures"),
            "links": q("SELECT article_id, first_id, similarity FROM dedup_links"),
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def warm_pipeline():
    from sitrep.nlp.pipeline import load_pipeline

    load_pipeline()  # loaded once here, inherited by every forked ingest


def test_sigkill_during_ingest_twenty_times(tmp_path, warm_pipeline, stored_count):
    inputs = tmp_path / "wire.jsonl"
    write_articles(inputs)
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"

    child = ingest_in_child(inputs, clean_db)
    child.join(300)
    assert child.exitcode == 0 and check_store(str(clean_db)) == []
    expected = snapshot(clean_db)
    assert len(expected["articles"]) + len(expected["failures"]) == TOTAL  # near copies are linked, not stored
    assert len(expected["failures"]) == TOTAL // 8, expected["failures"]  # exactly the syndicated copies

    rng = random.Random(20)
    stored_after_kill = []
    for _ in range(KILLS):
        before = stored_count(killed_db)
        child = ingest_in_child(inputs, killed_db)
        target = before + rng.randint(1, 6)  # kill somewhere while the next few articles are stored
        deadline = time.monotonic() + 60
        while stored_count(killed_db) < target and child.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.05))
        try:
            os.kill(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # it had finished
        child.join(30)
        assert child.exitcode == -signal.SIGKILL or child.exitcode == 0
        if killed_db.exists():
            assert check_store(str(killed_db)) == [], "store damaged by a kill"
            state = snapshot(killed_db)
            # the article and its near-copy index entry went in together, or neither did
            assert [row[0] for row in state["articles"]] == sorted(row[0] for row in state["indexed"])
            stored_after_kill.append(len(state["articles"]))
    assert len(set(stored_after_kill)) > KILLS // 2, f"the kills did not land during storing: {stored_after_kill}"

    child = ingest_in_child(inputs, killed_db)
    child.join(300)
    assert child.exitcode == 0 and check_store(str(killed_db)) == []
    got = snapshot(killed_db)
    ids = [row[0] for row in got["articles"]]
    assert len(ids) == len(set(ids)), "an article stored twice"
    copies = {row[0] for row in got["failures"]}
    assert set(ids) | copies == {f"wire-{n}" for n in range(TOTAL)}, "an article lost"
    assert got["articles"] == expected["articles"], "not the articles a clean run stores"
    assert got["failures"] == expected["failures"], "not the failures and copies a clean run records"
    assert got == expected, "events, quotes, places or fused events differ from a clean run's"
    print(f"\npower loss: {KILLS} kills, sitrep check clean after each, {len(ids)} articles and "
          f"{len(copies)} copies as in a clean run; stored after each kill: {stored_after_kill}")
