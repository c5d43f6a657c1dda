"""Crash safety with a real process: SIGKILL `sitrep ingest` in the middle of 1,000 articles; every article
is then fully stored or absent, and the next run stores the rest with no duplicates."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from sitrep.store import Store

TOWNS = ["Kabul", "Mogadishu", "Aleppo", "Gao", "Maiduguri", "Kandahar", "Baghdad", "Sanaa", "Goma", "Bamako"]
TOTAL = 1000


def write_articles(path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for n in range(TOTAL):
            town = TOWNS[n % len(TOWNS)]
            fh.write(json.dumps({
                "id": f"wire-{n}", "url": f"https://example.org/wire/{n}", "outlet": "Wire",
                "published": f"2024-05-{1 + n % 28:02d}",
                "text": f"Gunmen killed {n % 40 + 2} people in {town} on Monday, police said in report {n}.",
            }) + "\n")


def ingest(inputs, db, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitrep.cli", "ingest", str(inputs), "--db", str(db), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def check_whole(db) -> int:
    """Every stored article has all its events, places and quotes, each event its fused event."""
    with Store(str(db)) as store:
        q = store.conn.execute
        assert q("PRAGMA integrity_check").fetchone()[0] == "ok"
        for pk, coded in q("SELECT pk, coded FROM articles").fetchall():
            coded = json.loads(coded)
            assert q("SELECT COUNT(*) FROM events WHERE article_pk = ?", (pk,)).fetchone()[0] == len(coded["events"])
            assert q("SELECT COUNT(*) FROM places WHERE article_pk = ?", (pk,)).fetchone()[0] == len(
                coded["article"]["places"])
            assert q("SELECT COUNT(*) FROM quotes WHERE article_pk = ?", (pk,)).fetchone()[0] == len(coded["quotes"])
        assert q("SELECT COUNT(*) FROM events WHERE cluster_pk IS NULL").fetchone()[0] == 0
        assert q("SELECT COUNT(*) FROM clusters c WHERE NOT EXISTS "
                 "(SELECT 1 FROM events e WHERE e.cluster_pk = c.pk)").fetchone()[0] == 0
        assert q("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == q("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert q("SELECT COUNT(DISTINCT id) FROM articles").fetchone()[0] == q("SELECT COUNT(*) FROM articles").fetchone()[0]
        return store.counts()["articles"]


def test_sigkill_mid_ingest_then_resume(tmp_path, stored_count):
    inputs, db = tmp_path / "wire.jsonl", tmp_path / "crash.db"
    write_articles(inputs)
    first = ingest(inputs, db)
    deadline = time.monotonic() + 300
    try:
        while stored_count(db) < 50:
            if first.poll() is not None:
                pytest.fail(f"ingest ended before it could be killed: {first.communicate()}")
            if time.monotonic() > deadline:
                pytest.fail("ingest stored nothing within 300 s")
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL
    partial = check_whole(db)
    assert 50 <= partial < TOTAL

    second = ingest(inputs, db)
    out, err = second.communicate(timeout=600)
    assert second.returncode == 0, err
    assert f"{TOTAL - partial} added, {partial} already stored" in out
    assert check_whole(db) == TOTAL
