"""The store's costs: its write rate next to coding's, and the dashboard's queries on a million events.

    python bench/store.py [--articles N] [--copies N] [--events N] [--runs N] [--db FILE] [--skip-write]

1. Write rate. Codes N sample articles once (timed: the coding rate), then stores them `--copies` times
   over as different articles (new ids, URLs and hashes; the same events, so every copy is fused with
   the others, as when many outlets tell one story) into a fresh store, timed: articles/s of
   `Store.add` alone, and the store's share of ingest time, store / (coding + store), in the same run.
2. Query latency. Builds (once, then reuses `--db`) a store of `--events` synthetic events (default
   1,000,000) over 5 years, 20 countries, 10 first-level divisions each and the 16 PLOVER types, with the
   fused events (four reports for every five events fused in pairs) and their JSON, then times the
   dashboard's typical queries with random filters (a country, a year): the filtered list (100 fused
   events, and 100 reports), daily counts, counts by admin1, and the unfiltered daily counts of the
   whole store. Prints p50 and p95 in ms; the goal is p95 under 100 ms.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sitrep.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))

COUNTRIES = ["SYR", "UKR", "SOM", "AFG", "YEM", "IRQ", "NGA", "MLI", "COD", "SDN", "PAK", "MMR", "ETH",
             "BFA", "LBY", "ISR", "PSE", "MOZ", "CMR", "NER"]
TYPES = ["ASSAULT"] * 6 + ["COERCE", "PROTEST"] * 2 + ["MOBILIZE", "THREATEN", "ACCUSE", "CONSULT", "AGREE",
                                                       "AID", "SANCTION", "REJECT", "REQUEST", "SUPPORT",
                                                       "COOPERATE", "CONCEDE", "RETREAT"]
ACTORS = ["Islamic State", "al-Shabaab", "Taliban", "Houthis", "Boko Haram", "Wagner", "RSF", "JNIM"]


# ----------------------------------------------------------------------------- 1. write rate


def write_rate(n_articles: int, copies: int) -> None:
    from throughput import load_samples

    from sitrep.article import Article
    from sitrep.coder import code_many
    from sitrep.records import FailedArticle

    rows = load_samples(n_articles)
    articles = [Article(text=r["text"], id=str(r["id"]), title=r.get("title"),
                        published=(r.get("published") or "")[:10] or None, url=r.get("url")) for r in rows]
    list(code_many(articles[:2]))  # load the pipeline outside the timing
    t0 = time.perf_counter()
    coded = [c for c in code_many(articles) if not isinstance(c, FailedArticle)]
    coding_s = time.perf_counter() - t0
    copies_of = []
    for k in range(copies):
        for c in coded:
            twin = c.model_copy(deep=True)
            twin.article.id = f"{c.article.id}-copy{k}"
            twin.article.url = f"https://example.org/copy{k}/{c.article.id}"
            copies_of.append((twin, hashlib.sha256(f"{k}|{c.article.text}".encode()).hexdigest()))
    with tempfile.TemporaryDirectory() as folder:
        with Store(os.path.join(folder, "write.db")) as store:
            t0 = time.perf_counter()
            for twin, content_hash in copies_of:
                store.add(twin, content_hash)
            store_s = time.perf_counter() - t0
            counts, fused = store.counts(), store.conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0]
    coding_rate = len(coded) / coding_s
    store_rate = len(copies_of) / store_s
    per_article = 1 / coding_rate + 1 / store_rate
    print(f"write: {len(coded)} articles coded at {coding_rate:.1f} articles/s; stored {len(copies_of)} "
          f"({counts['events']} events -> {fused} fused) at {store_rate:.1f} articles/s")
    print(f"write: store time / coding time = {(1 / store_rate) / (1 / coding_rate):.3f}; "
          f"the store's share of ingest = {(1 / store_rate) / per_article:.3f}")
    index_cost(coded, coding_s)


def index_cost(coded: list, coding_s: float, runs: int = 5) -> None:
    """What storing through `keep` (near-copy check, article and index entry in one transaction, as
    ingest, watch and the API store) costs next to `Store.add` alone: the same distinct articles into
    fresh stores, alternately, `runs` times each."""
    from sitrep.ingest.duplicates import DuplicateIndex
    from sitrep.ingest.into_store import keep

    plain, kept = [], []
    for run in range(runs):
        for way, times in (("add", plain), ("keep", kept)):
            with tempfile.TemporaryDirectory() as folder, Store(os.path.join(folder, f"{way}.db")) as store:
                index = DuplicateIndex.of_store(store)
                t0 = time.perf_counter()
                for c in coded:
                    content_hash = hashlib.sha256(c.article.text.encode()).hexdigest()
                    assert (store.add(c, content_hash) if way == "add" else keep(store, c, content_hash, None, index))
                times.append(time.perf_counter() - t0)
    add_s, keep_s = statistics.median(plain), statistics.median(kept)
    print(f"write: {len(coded)} distinct articles, median of {runs}: Store.add {add_s * 1000 / len(coded):.1f} ms, "
          f"keep (with the near-copy check and index) {keep_s * 1000 / len(coded):.1f} ms per article; "
          f"keep / add = {keep_s / add_s:.2f}; (keep - add) / coding time = {(keep_s - add_s) / coding_s:.3f}")


# ----------------------------------------------------------------------------- 2. query latency


def _event_json(i: int, day: str, country: str, admin1: str, lat: float, lon: float, type_: str,
                actor: str, killed: int) -> dict:
    return {
        "id": f"ev-{i}", "type": type_, "mode": None, "cameo": "190", "status": "occurred",
        "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"} if type_ == "ASSAULT" else None,
        "trigger": {"start": 10, "end": 16, "text": "killed", "field": "text"},
        "actor1": {"text": actor, "name": actor, "country": None, "sector": "REB", "members": None},
        "actor2": {"text": "civilians", "name": "civilians", "country": country, "sector": "CVL", "members": None},
        "date": {"text": "on Monday", "start": day, "end": day, "precision": "day"},
        "location": {"text": f"{admin1} town", "start": 40, "end": 50, "field": None, "name": f"{admin1} town",
                     "country": country, "admin1": admin1, "lat": lat, "lon": lon, "geonames_id": 100000 + i % 5000,
                     "precision": "city"},
        "fatalities": {"text": f"{killed} people", "min": killed, "max": killed, "civilians_min": None,
                       "civilians_max": None, "injured_min": None, "injured_max": None, "cumulative": False,
                       "claims": []} if killed else None,
        "reported_by": {"text": "officials", "name": "officials"},
        "evidence": [{"start": 0, "end": 80, "field": "text",
                      "text": f"{actor} fighters killed {killed} civilians in {admin1} town on Monday, officials said."}],
        "confidence": 0.7,
    }


def build_synthetic(path: str, n_events: int, seed: int = 7) -> None:
    """A store of n_events synthetic events, written straight into the tables (with their fused events)."""
    rng = random.Random(seed)
    weights = [1 / (k + 1) for k in range(len(COUNTRIES))]
    per_article = 10
    with Store(path) as store:
        conn = store.conn
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        n_articles = n_events // per_article
        conn.executemany(
            "INSERT INTO articles (pk, id, content_hash, title, published, outlet, url, language, text, captions,"
            " removed, coded, ingested_at) VALUES (?, ?, ?, ?, ?, 'Wire', ?, 'en', ?, '[]', '[]', '{}', 'bench')",
            ((a, f"art-{a}", f"{a:064x}", f"Report {a}", None, f"https://example.org/{a}",
              f"Fighters attacked a town; report {a} on clashes in the region.") for a in range(1, n_articles + 1)))
        events, clusters = [], []
        for i in range(n_events):
            country = rng.choices(COUNTRIES, weights)[0]
            a1 = rng.randrange(10)
            admin1 = f"{country}-province-{a1}"
            day = f"{2020 + rng.randrange(5)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
            type_ = rng.choice(TYPES)
            actor = rng.choice(ACTORS)
            lat, lon = rng.uniform(-10, 40), rng.uniform(0, 70)
            killed = rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20])
            cluster = i * 4 // 5 + 1  # every fifth event shares the fused event of the one before
            ev = _event_json(i, day, country, admin1, lat, lon, type_, actor, killed)
            events.append((i // per_article + 1, i % per_article, ev["id"], type_, "190", ev["acled"] and "Battles",
                           ev["acled"] and "Armed clash", "occurred", day, day, "day", f"{admin1} town", country,
                           admin1, lat, lon, country, actor, None, "REB", actor.casefold(), "civilians", country,
                           "CVL", "civilians", killed or None, killed or None, None, 0 if killed else None,
                           "officials", 0.7, json.dumps(ev), cluster))
            if not clusters or clusters[-1][0] != cluster:
                fused = {**ev, "id": f"f-{cluster}", "sources": [{"article": {"id": f"art-{i // per_article + 1}"},
                                                                   "event_id": ev["id"],
                                                                   "evidence": ev["evidence"]}],
                         "fatalities": {"best": killed, "min": killed, "max": killed, "cumulative": False,
                                        "claims": []} if killed else None, "n_articles": 1}
                clusters.append((cluster, f"f-{cluster}", type_, "occurred", day, day, day, f"{admin1} town",
                                 country, admin1, lat, lon, actor, actor.casefold(), "civilians", "civilians",
                                 ev["acled"] and "Battles", ev["acled"] and "Armed clash", killed or None,
                                 killed or None, killed or None, 0, 1, 1, json.dumps(fused)))
            if len(events) >= 50000:
                _flush(conn, events, clusters)
        _flush(conn, events, clusters)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")


def _flush(conn, events: list, clusters: list) -> None:
    conn.executemany(
        "INSERT INTO events (article_pk, seq, id, type, cameo, acled_event_type, acled_sub_event_type, status,"
        " date_start, date_end, date_precision, location_name, location_country, admin1, lat, lon, country,"
        " actor1_name, actor1_country, actor1_sector, actor1_fold, actor2_name, actor2_country, actor2_sector,"
        " actor2_fold, fatalities_min, fatalities_max, civilians_min, cumulative, reported_by, confidence, json,"
        " cluster_pk) VALUES (" + ", ".join("?" * 33) + ")", events)
    conn.executemany(
        "INSERT OR IGNORE INTO clusters (pk, id, type, status, date_start, date_end, day, location_name, country,"
        " admin1, lat, lon, actor1_name, actor1_fold, actor2_name, actor2_fold, acled_event_type,"
        " acled_sub_event_type, fatalities, fatalities_min, fatalities_max, cumulative, n_reports, n_articles,"
        " json) VALUES (" + ", ".join("?" * 25) + ")", clusters)
    events.clear()
    clusters.clear()


def _percentiles(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
    return f"p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   (n={len(ms)})"


def query_latency(path: str, n_events: int, runs: int) -> None:
    if not Path(path).exists():
        t0 = time.perf_counter()
        build_synthetic(path, n_events)
        print(f"built {path}: {n_events} synthetic events in {time.perf_counter() - t0:.0f} s "
              f"({Path(path).stat().st_size / 1e9:.2f} GB)")
    rng = random.Random(11)
    with Store(path) as store:
        total = store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        fused = store.conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0]
        print(f"queries over {total} events ({fused} fused events), {runs} runs each, random country and year:")
        weights = [1 / (k + 1) for k in range(len(COUNTRIES))]

        def pick() -> dict:
            year = str(2020 + rng.randrange(5))
            return {"country": rng.choices(COUNTRIES, weights)[0], "since": f"{year}-01", "until": f"{year}-12"}

        queries = {
            "filtered list (100 fused events, country+type+year)":
                lambda f: store.fused_events(type="ASSAULT", limit=100, **f),
            "filtered list (100 reports, country+type+year)":
                lambda f: store.events(type="ASSAULT", limit=100, **f),
            "daily counts (country+year)": lambda f: store.stats(by="day", **f),
            "counts by admin1 (country+year)": lambda f: store.stats(by="admin1", **f),
            "monthly counts (whole store)": lambda f: store.stats(by="month"),
            "daily counts (whole store)": lambda f: store.stats(by="day"),
        }
        for name, run in queries.items():
            run(pick())  # warm the page cache the same way for every query
            times = []
            for _ in range(runs):
                filters = pick()
                t0 = time.perf_counter()
                run(filters)
                times.append(time.perf_counter() - t0)
            print(f"  {name:<55} {_percentiles(times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=30, help="sample articles to code for the write test")
    parser.add_argument("--copies", type=int, default=10, help="times each coded article is stored")
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events for the query test")
    parser.add_argument("--runs", type=int, default=200, help="timed runs per query")
    parser.add_argument("--db", default=os.path.join(tempfile.gettempdir(), "sitrep-bench-store.db"),
                        help="the synthetic store (built when missing, then reused)")
    parser.add_argument("--skip-write", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    args = parser.parse_args()
    if not args.skip_write:
        write_rate(args.articles, args.copies)
    if not args.skip_queries:
        query_latency(args.db, args.events, args.runs)


if __name__ == "__main__":
    main()
