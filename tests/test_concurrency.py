"""Concurrent use of one store, as a user runs sitrep for weeks: `sitrep watch` polling a feed that grows,
`sitrep ingest` run on batch after batch of files, and `sitrep serve` answering readers and taking
articles through POST /api/articles, all at once on ONE store file, for over a minute, each the real
command in its own process.

Some stories reach the store by two routes (a file and the feed, under the same URL; a file and the API;
a syndicated near copy in the feed under another URL). Afterwards `sitrep check` finds the store whole,
every story fed in is stored exactly once, no reader got an error or "database is locked", and no
process printed a traceback or "locked".

It runs in the normal suite (no marker skips it): about 75 s of wall time, most of it the minute of
concurrent use it is about.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from test_api_support import free_port, get
from test_fetch_server import NewsServer

from sitrep.check import check_store
from sitrep.ingest.duplicates import THRESHOLD, exact_key, signature, similarity, words

SITREP = [sys.executable, "-m", "sitrep.cli"]
RUN_FOR_S = 62            # every process runs at least this long together
FEED_EVERY_S = 4.0        # the feed gets new items this often
INGEST_AT_S = (2, 18, 34)  # a new batch of files is ingested at these times (after the last one ends)
POST_AT_S = (0, 24, 44)    # an article is posted to the API at these times (the first loads its pipeline)

TOWNS = ["Gao", "Kidal", "Mopti", "Timbuktu", "Menaka", "Segou", "Djibo", "Dori", "Fada", "Kaya", "Tillaberi",
         "Diffa", "Agadez", "Maradi", "Zinder", "Maiduguri", "Bama", "Monguno", "Damboa", "Gwoza", "Kousseri",
         "Mora", "Baga", "Dikwa", "Konduga", "Biu", "Yola", "Mubi", "Goma", "Beni", "Butembo", "Bunia", "Ansongo",
         "Bourem", "Tessalit", "Niono", "Bandiagara", "Ouahigouya", "Kongoussi", "Arbinda"]
DOERS = ["gunmen on motorcycles", "suspected jihadists", "soldiers of the national army", "a local militia",
         "unidentified attackers", "rebel fighters", "police officers", "armed herders", "insurgents"]
ACTS = ["attacked a village near {town} on {day}, killing {n} people", "ambushed a convoy outside {town} on {day}, "
        "leaving {n} dead", "stormed a market in {town} on {day} and abducted {n} traders", "clashed with "
        "villagers in {town} on {day}; {n} people were wounded", "burned {n} houses in a hamlet close to {town}"
        " on {day}", "set up checkpoints around {town} on {day} and detained {n} young men"]
SAYS = ["a local official told reporters", "the governor of {town} said", "residents of {town} said",
        "an army spokesman confirmed", "an aid worker in {town} said", "the {town} mayor's office said"]
AFTER = ["Schools in {town} have been shut since {month}, and {n} families have fled.",
         "Food stocks in {town} would last {n} more days, aid agencies in {month} warned.",
         "The government promised {n} more troops for {town} by {month}.",
         "It was the {nth} attack on {town} this year, a rights group in {month} counted.",
         "Phone networks around {town} have been cut for {n} days.",
         "Farmers near {town} abandoned {n} hectares of {crop} before the harvest.",
         "The road from {town} to the capital, {n} km long, has been closed since {month}.",
         "A clinic in {town} treated {n} wounded people, its director, Dr {name}, said.",
         "Traders in {town} said the price of {crop} had doubled since {month}.",
         "{name}, a teacher in {town}, said {n} of her pupils had left.",
         "Elders in {town} called for talks, the {nth} such appeal since {month}.",
         "Some {n} displaced people sleep in the {town} stadium, {name} of the Red Cross said."]
CROPS = ["millet", "sorghum", "rice", "maize", "onions", "cowpeas", "groundnuts"]
NAMES = ["Amadou Diallo", "Fatoumata Traore", "Ibrahim Maiga", "Aissata Cisse", "Moussa Kone", "Hawa Sangare",
         "Oumar Toure", "Mariam Keita", "Boubacar Sidibe", "Kadiatou Coulibaly"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]


def story(n: int, rng: random.Random) -> dict:
    """One made-up wire story about a town, unlike every other one (checked below)."""
    town = TOWNS[n % len(TOWNS)]
    day = rng.choice(DAYS)
    acts = rng.sample(ACTS, 2)
    fill = lambda template: template.format(  # noqa: E731
        town=town, day=day, n=rng.randint(2, 900), month=rng.choice(MONTHS), crop=rng.choice(CROPS),
        name=rng.choice(NAMES), nth=rng.choice(["third", "fifth", "ninth", "twelfth"]))
    first = f"{rng.choice(DOERS).capitalize()} {fill(acts[0])}, {fill(rng.choice(SAYS))}."
    second = f"The same group later {fill(acts[1])}, {fill(rng.choice(SAYS))}."
    text = " ".join([first, second, *(fill(a) for a in rng.sample(AFTER, 4))])
    return {"id": f"story-{n}", "title": f"Violence near {town} (report {n})", "text": text,
            "published": f"2024-05-{1 + n % 27:02d}"}


def page(item: dict) -> str:
    paragraphs = "".join(f"<p>{p.strip()}</p>" for p in item["text"].replace(". ", ".\n").splitlines())
    return (f"<html><head><title>{item['title']}</title></head><body><nav>Home | Sahel | Wire</nav><article>"
            f"<h1>{item['title']}</h1>{paragraphs}</article><footer>Copyright 2024 Sahel Wire</footer></body></html>")


def rss(items: list[dict], base: str) -> str:
    body = "".join(f"<item><title>{i['title']}</title><link>{base}{i['path']}</link><guid>{i['path']}</guid></item>"
                   for i in reversed(items))  # newest first, as feeds are
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Wire</title>{body}</channel></rss>'


class Readers:
    """Threads that query the API's read endpoints without pause and keep every failure they see."""

    PATHS = ["/api/events?limit=50", "/api/articles?limit=20", "/api/stats", "/api/articles?q=village",
             "/api/points", "/api/events?text=attacked&limit=20", "/api/actors"]

    def __init__(self, base: str, threads: int = 2, pause: float = 0.1):
        self.pause = pause
        self.base = base
        self.stop = threading.Event()
        self.done = 0
        self.failures: list[str] = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.read, args=(k,), daemon=True) for k in range(threads)]

    def read(self, k: int) -> None:
        paths = self.PATHS[k:] + self.PATHS[:k]
        while not self.stop.is_set():
            for path in paths:
                try:
                    status, _, body = get(self.base + path, timeout=60)
                except OSError as error:
                    status, body = None, repr(error).encode()
                with self.lock:
                    self.done += 1
                    if status != 200 or b"locked" in body:
                        self.failures.append(f"{path}: {status} {body[:200]!r}")
                time.sleep(self.pause)

    def __enter__(self) -> "Readers":
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(90)


def post(base: str, key: str, item: dict) -> tuple[int, dict]:
    data = json.dumps({k: item[k] for k in ("id", "title", "text", "url", "published")}).encode()
    request = urllib.request.Request(base + "/api/articles", data=data, method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    began = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=240) as response:
            return response.status, {"seconds": round(time.monotonic() - began, 1), **json.loads(response.read())}
    except urllib.error.HTTPError as error:
        return error.code, {"error": error.read().decode(errors="replace")}
    except OSError as error:  # no answer at all
        return None, {"error": repr(error), "seconds": round(time.monotonic() - began, 1)}


def start(args: list[str], log: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([*SITREP, *args], stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env)


def test_watch_ingest_and_serve_share_one_store(tmp_path):
    from sitrep.api.keys import KeyRing
    from sitrep.store import Store

    rng = random.Random(2024)
    stories = [story(n, rng) for n in range(38)]
    # the stories are distinct: no two are copies, so each must be stored once
    sigs = [signature(words(s["text"])) for s in stories]
    assert len({exact_key(s["text"]) for s in stories}) == len(stories)
    assert max(similarity(a, b) for i, a in enumerate(sigs) for b in sigs[i + 1:]) < THRESHOLD - 0.2

    server = NewsServer()
    for s in stories:
        s["path"] = f"/news/{s['id']}.html"
        s["url"] = server.url(s["path"])
        server.page(s["path"], page(s))
    # The feed carries stories 0-23 plus two syndicated near copies (another site's URL, a dateline added)
    # of stories the files bring; files bring 12-35 (12-23 also in the feed: the same URL, a plain-text
    # scrape); the API is sent two stories of its own (36, 37) and one that a file also brings (29).
    feed_items = [dict(s) for s in stories[:24]]
    for n in (30, 33):
        copy = dict(stories[n], path=f"/syndicated/{n}.html", title=stories[n]["title"] + " (syndicated)")
        copy["text"] = f"{TOWNS[n % len(TOWNS)].upper()} (Sahel Wire) - " + stories[n]["text"]
        server.page(copy["path"], page(copy))
        feed_items.insert(14 + n - 30, copy)
    batches = [stories[12:20], stories[20:28], stories[28:36]]
    posted = [stories[36], stories[37], stories[29]]
    published_feed: list[dict] = []

    def publish(count: int) -> None:
        published_feed[:] = feed_items[:count]
        server.page("/feed.xml", rss(published_feed, server.base), etag=f'"v{count}"',
                    content_type="application/rss+xml")

    db = tmp_path / "shared.db"
    Store(str(db)).close()
    with KeyRing(str(db)) as ring:
        key = ring.create("concurrency")
    for k, batch in enumerate(batches):
        with open(tmp_path / f"batch{k}.jsonl", "w", encoding="utf-8") as fh:
            for s in batch:
                fh.write(json.dumps({f: s[f] for f in ("id", "title", "text", "url", "published")}) + "\n")

    env = dict(os.environ, SITREP_FETCH_ALLOW_PRIVATE="1", PYTHONUNBUFFERED="1")
    logs = {name: tmp_path / f"{name}.log" for name in ("serve", "watch")}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    publish(4)
    serve = start(["serve", "--db", str(db), "--port", str(port)], logs["serve"], env)
    watch = start(["watch", server.url("/feed.xml"), "--db", str(db), "--every", "2s", "--host-interval", "0.05"],
                  logs["watch"], env)
    ingests: list[tuple[subprocess.Popen, Path]] = []
    answers: list[tuple[int, dict]] = []
    try:
        _wait_for(lambda: _up(base) or serve.poll() is not None, 90, "sitrep serve did not start")
        assert serve.poll() is None, logs["serve"].read_text()
        t0 = time.monotonic()
        posts = threading.Thread(target=lambda: [(_sleep_until(t0 + at), answers.append(post(base, key, item)))
                                                 for at, item in zip(POST_AT_S, posted)], daemon=True)
        with Readers(base) as readers:
            posts.start()
            next_batch, shown, growth = 0, 4, 1
            while True:
                now = time.monotonic() - t0
                if shown < len(feed_items) and now >= FEED_EVERY_S * growth:
                    shown, growth = min(shown + 2, len(feed_items)), growth + 1
                    publish(shown)
                running = ingests and ingests[-1][0].poll() is None
                if next_batch < len(batches) and now >= INGEST_AT_S[next_batch] and not running:
                    log = tmp_path / f"ingest{next_batch}.log"
                    ingests.append((start(["ingest", str(tmp_path / f"batch{next_batch}.jsonl"), "--db", str(db),
                                           "--quiet"], log, env), log))
                    next_batch += 1
                assert watch.poll() is None, "sitrep watch stopped: " + logs["watch"].read_text()
                assert serve.poll() is None, "sitrep serve stopped: " + logs["serve"].read_text()
                if now >= RUN_FOR_S and next_batch == len(batches) and shown >= len(feed_items):
                    break
                time.sleep(0.1)
            # every process ran together for RUN_FOR_S; now let the last of the work finish, readers still on
            for process, log in ingests:
                assert process.wait(240) == 0, log.read_text()
            posts.join(240)
            _wait_for(lambda: _taken(db) >= len(feed_items), 240, "sitrep watch did not take the whole feed")
            reads = readers.done
        watch.send_signal(signal.SIGINT)
        assert watch.wait(120) == 0, logs["watch"].read_text()
    finally:
        for process in [watch, serve, *(p for p, _ in ingests)]:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
        server.close()
    elapsed = time.monotonic() - t0

    # nobody saw an error
    assert readers.failures == [], readers.failures[:10]
    assert reads > 100, f"only {reads} reads in {elapsed:.0f} s"
    # the API's own stories are new (201); the third, also in a file, is new or already stored (200)
    statuses = [status for status, _ in answers]
    assert len(statuses) == 3 and statuses[:2] == [201, 201] and statuses[2] in (200, 201), \
        f"{answers}\n{logs['serve'].read_text()}"
    outputs = {name: log.read_text(errors="replace") for name, log in logs.items()}
    outputs.update({log.name: log.read_text(errors="replace") for _, log in ingests})
    for name, output in outputs.items():
        assert "Traceback" not in output and "locked" not in output, f"{name} said:\n{output}"

    # the store is whole, and every story is in it exactly once
    assert check_store(str(db)) == []
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT id, url, text FROM articles").fetchall()
        links = dict(conn.execute("SELECT article_id, first_id FROM dedup_links").fetchall())
        indexed = {row[0] for row in conn.execute("SELECT article_id FROM dedup_signatures")}
    finally:
        conn.close()
    by_url: dict[str, int] = {}
    for _, url, _ in rows:
        by_url[url] = by_url.get(url, 0) + 1
    assert [u for u, n in by_url.items() if n > 1] == [], "an article stored twice under one URL"
    texts = [exact_key(text) for _, _, text in rows]
    assert len(texts) == len(set(texts)), "the same text stored twice"
    # each story under its own URL or, for the two syndicated ones, under one of its two URLs
    stored_urls = set(by_url)
    for s in stories:
        alternatives = {s["url"]} | {server.url(f"/syndicated/{s['id'].split('-')[1]}.html")}
        assert len(stored_urls & alternatives) == 1, f"{s['id']} stored {len(stored_urls & alternatives)} times"
    assert len(rows) == len(stories), f"{len(rows)} articles stored for {len(stories)} stories"
    # the copies that were not stored are linked to the story they copy
    ids = {article_id for article_id, _, _ in rows}
    assert all(first in ids for first in links.values())
    assert indexed == ids, "a stored article missing from the near-copy index, or the reverse"
    print(f"\nconcurrency: {elapsed:.0f} s, {reads} reads, {len(rows)} articles, {len(links)} copies linked, "
          f"{len(ingests)} ingest runs, posts answered in {[a[1].get('seconds') for a in answers]} s")


def _up(base: str) -> bool:
    try:
        return get(base + "/api/health", timeout=2)[0] == 200
    except OSError:
        return False


def _sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


def _taken(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT COUNT(*) FROM feed_items").fetchone()[0]
    finally:
        conn.close()


def _wait_for(condition, timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.5)
