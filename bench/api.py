"""Load on the HTTP API: 50 concurrent clients on GET /api/events over a store of 1,000,000 events.

    python bench/api.py [--events 1000000] [--clients 50] [--seconds 20] [--workers 2] [--db PATH]

Builds (once; reused while its marker matches) a synthetic store of realistic contract events spread
over 60 countries, 16 types and three years, starts the real `sitrep serve` on 127.0.0.1, and runs
`--clients` keep-alive connections, each sending the dashboard's typical list queries (first pages
with and without filters, next pages through the cursor, date ranges, actors, full-text search) as fast
as answers come back, for `--seconds`. It prints p50/p95/p99 latency and requests/s, per query kind and
overall, and the same load on /api/health measured in the same run as the baseline: the ratio
events-p95 / health-p95 is what the query itself costs over the web stack on this machine. Every
request goes to 127.0.0.1; the run stops by itself.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

COUNTRIES = ["SYR", "IRQ", "AFG", "YEM", "UKR", "SOM", "NGA", "MLI", "SDN", "SSD", "COD", "LBY", "PAK", "MMR", "ISR",
             "PSE", "LBN", "TUR", "EGY", "ETH", "CAF", "BFA", "NER", "TCD", "CMR", "MOZ", "COL", "MEX", "VEN", "HTI",
             "IND", "PHL", "THA", "BGD", "IRN", "SAU", "JOR", "DZA", "TUN", "KEN", "UGA", "BDI", "RWA", "ERI", "DJI",
             "RUS", "GEO", "ARM", "AZE", "BLR", "USA", "GBR", "FRA", "DEU", "CHN", "PRK", "KOR", "JPN", "BRA", "PER"]
TYPES = ["ASSAULT"] * 30 + ["COERCE"] * 10 + ["CONSULT"] * 10 + ["ACCUSE"] * 8 + ["PROTEST"] * 6 + ["MOBILIZE"] * 5 + [
    "THREATEN"] * 5 + ["REQUEST"] * 5 + ["AGREE"] * 4 + ["SUPPORT"] * 3 + ["AID"] * 3 + ["COOPERATE"] * 3 + [
    "REJECT"] * 3 + ["SANCTION"] * 2 + ["RETREAT"] + ["CONCEDE"]
ACTORS = ["Islamic State", "Russia", "Syria", "United States", "Taliban", "al-Shabaab", "Houthis", "Boko Haram",
          "Ukraine", "Israel", "Hamas", "Hezbollah", "Turkey", "Iraq", "Iran", "Kurdistan Workers' Party", "police",
          "protesters", "civilians", "soldiers", "militants", "gunmen", "government", "United Nations", "NATO",
          "Wagner Group", "Rapid Support Forces", "Sudanese Armed Forces", "M23", "ADF", "JNIM", "ISWAP",
          "Tatmadaw", "Arakan Army", "Pakistan", "Afghanistan", "Saudi Arabia", "Yemen", "Somalia", "Kenya"]
WORDS = ["airstrike", "shelling", "ceasefire", "convoy", "checkpoint", "market", "hospital", "refugees", "talks",
         "drone", "ambush", "protest", "election", "border", "village", "militia", "offensive", "siege", "aid", "bomb"]
MARKER = "sitrep-bench-api-v1"


def build_store(path: str, n_events: int, seed: int = 11) -> None:
    """Synthetic articles of 10 events each, written straight into the store's schema (made by Store)."""
    from sitrep.store import Store

    rng = random.Random(seed)
    Store(path).close()  # the schema, with every migration
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    weights = [1 / (i + 1) for i in range(len(COUNTRIES))]
    centre = {c: (rng.uniform(-35, 60), rng.uniform(-100, 140)) for c in COUNTRIES}
    per_article = 10
    pk = 0
    for article in range(n_events // per_article):
        day = f"{2014 + article * 3 // (n_events // per_article)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        words = " ".join(rng.choice(WORDS) for _ in range(40))
        title = f"Report {article}: {rng.choice(WORDS)} in {rng.choice(COUNTRIES)}"
        art_id = f"bench-{article}"
        conn.execute(
            "INSERT INTO articles (id, content_hash, title, published, outlet, url, language, text, captions, removed,"
            " source, coded, ingested_at) VALUES (?, ?, ?, ?, ?, ?, 'en', ?, '[]', '[]', 'bench', '{}', ?)",
            (art_id, f"hash-{article}", title, day, "Bench Wire", f"https://example.org/{article}", words, day))
        article_pk = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
        rows = []
        for seq in range(per_article):
            pk += 1
            country = rng.choices(COUNTRIES, weights)[0]
            type_ = rng.choice(TYPES)
            a1, a2 = rng.choice(ACTORS), (rng.choice(ACTORS) if rng.random() < 0.7 else None)
            lat, lon = centre[country]
            lat, lon = round(lat + rng.uniform(-3, 3), 4), round(lon + rng.uniform(-3, 3), 4)
            dated = rng.random() < 0.9
            deaths = rng.choice([None, None, None, 0, 1, 2, 3, 5, 8, 12, 20, 45, 100]) if type_ == "ASSAULT" else None
            event = {
                "id": f"{pk:016x}", "type": type_, "mode": None, "cameo": "190", "acled": None, "status": "occurred",
                "trigger": {"start": 10, "end": 16, "text": "killed", "field": "text"},
                "actor1": {"text": a1, "name": a1, "country": country, "sector": "MIL", "members": None,
                           "start": None, "end": None, "field": None},
                "actor2": a2 and {"text": a2, "name": a2, "country": None, "sector": "CVL", "members": None,
                                  "start": None, "end": None, "field": None},
                "date": {"text": "on Monday", "start": day if dated else None, "end": day if dated else None,
                         "precision": "day" if dated else "unknown"},
                "location": {"text": "Town", "start": 40, "end": 44, "field": None, "name": f"Town {rng.randint(1, 500)}",
                             "country": country, "admin1": f"Province {rng.randint(1, 12)}", "lat": lat, "lon": lon,
                             "geonames_id": None, "precision": "city"},
                "fatalities": deaths is not None and {"text": f"killing {deaths}", "min": deaths, "max": deaths,
                                                      "civilians_min": None, "civilians_max": None, "injured_min": None,
                                                      "injured_max": None, "cumulative": False, "claims": []} or None,
                "reported_by": None,
                "evidence": [{"start": 0, "end": 120, "field": "text",
                              "text": f"{a1} forces {rng.choice(WORDS)} near the town on Monday, killing {deaths or 0}."}],
                "confidence": 0.8,
            }
            rows.append((article_pk, seq, event["id"], type_, event["cameo"], event["status"],
                         event["date"]["start"], event["date"]["end"], event["date"]["precision"],
                         event["location"]["name"], country, event["location"]["admin1"], lat, lon, country,
                         a1, country, "MIL", a1.casefold(), a2, None, a2 and "CVL", a2 and a2.casefold(),
                         deaths, deaths, 0 if deaths is not None else None, 0.8,
                         json.dumps(event, separators=(",", ":"))))
        conn.executemany(
            "INSERT INTO events (article_pk, seq, id, type, cameo, status, date_start, date_end, date_precision,"
            " location_name, location_country, admin1, lat, lon, country, actor1_name, actor1_country, actor1_sector,"
            " actor1_fold, actor2_name, actor2_country, actor2_sector, actor2_fold, fatalities_min, fatalities_max,"
            " cumulative, confidence, json) VALUES (" + ", ".join("?" * 28) + ")", rows)
        if article % 10_000 == 9_999:
            conn.execute("COMMIT")
            conn.execute("BEGIN")
            print(f"  {pk:,} events written", file=sys.stderr)
    conn.execute("COMMIT")
    conn.execute("CREATE TABLE IF NOT EXISTS bench_marker (marker TEXT, events INTEGER)")
    conn.execute("INSERT INTO bench_marker VALUES (?, ?)", (MARKER, n_events))
    conn.close()


def store_ready(path: str, n_events: int) -> bool:
    if not Path(path).exists():
        return False
    try:
        with sqlite3.connect(path) as conn:
            return conn.execute("SELECT marker, events FROM bench_marker").fetchone() == (MARKER, n_events)
    except sqlite3.Error:
        return False


def query_mix(rng: random.Random) -> tuple[str, str]:
    """One typical dashboard list query: (kind, path). Countries follow the skew of real coverage."""
    country = rng.choices(COUNTRIES, [1 / (i + 1) for i in range(len(COUNTRIES))])[0]
    year = rng.choice([2014, 2015, 2016])
    month = rng.randint(1, 12)
    kinds = [
        ("latest", "/api/events?limit=100"),
        ("country", f"/api/events?country={country}&limit=100"),
        ("type", f"/api/events?type={rng.choice(TYPES)}&limit=100"),
        ("country+type", f"/api/events?country={country}&type={rng.choice(TYPES)}&limit=100"),
        ("month", f"/api/events?since={year}-{month:02d}&until={year}-{month:02d}&limit=100"),
        ("country+month", f"/api/events?country={country}&since={year}-{month:02d}&until={year}-{month:02d}&limit=100"),
        ("actor", f"/api/events?actor={urllib.request.quote(rng.choice(ACTORS))}&limit=100"),
        ("min_fatalities", f"/api/events?min_fatalities={rng.choice([10, 20, 50])}&limit=100"),
        ("text", f"/api/events?text={rng.choice(WORDS)}&limit=100"),
    ]
    return rng.choice(kinds)


async def _client(host: str, port: int, paths, deadline: float, results: list, rng: random.Random,
                  follow_pages: bool) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline:
            kind, path = paths(rng)
            t0 = time.perf_counter()
            status, body = await _get(reader, writer, host, path)
            results.append((kind, time.perf_counter() - t0, status))
            if follow_pages and status == 200 and rng.random() < 0.3:
                tail = body[body.rfind(b'"next":'):]  # the cursor ends the body: no need to parse 100 events
                cursor = json.loads(tail[7:-1]) if tail else None
                if cursor:
                    t0 = time.perf_counter()
                    status, _ = await _get(reader, writer, host, path + "&cursor=" + cursor)
                    results.append(("next page", time.perf_counter() - t0, status))
    finally:
        writer.close()


async def _get(reader, writer, host: str, path: str) -> tuple[int, bytes]:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        if line.lower().startswith("content-length:"):
            length = int(line.split(":", 1)[1])
    body = await reader.readexactly(length)
    return status, body


def run_load(base: str, paths, clients: int, seconds: float, seed: int, follow_pages: bool) -> list:
    host, port = base.removeprefix("http://").split(":")
    results: list = []
    deadline = time.perf_counter() + seconds

    async def main():
        await asyncio.gather(*(_client(host, int(port), paths, deadline, results, random.Random(seed + i), follow_pages)
                               for i in range(clients)))

    asyncio.run(main())
    return results


def summary(results: list) -> dict:
    times = sorted(t for _, t, _ in results)
    q = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else [times[0]] * 99
    return {"n": len(times), "p50": q[49] * 1000, "p95": q[94] * 1000, "p99": q[98] * 1000,
            "errors": sum(1 for _, _, s in results if s != 200)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2, help="server processes (the machine's cores)")
    parser.add_argument("--db", default=os.path.join(tempfile.gettempdir(), "sitrep-bench-api.db"))
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    if not store_ready(args.db, args.events):
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
        t0 = time.perf_counter()
        print(f"building a synthetic store of {args.events:,} events in {args.db} ...", file=sys.stderr)
        build_store(args.db, args.events)
        print(f"  built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from test_api_support import running_server

    with running_server(args.db, "--workers", str(args.workers), start_timeout=900) as base:
        run_load(base, query_mix, min(args.clients, 10), 2.0, args.seed, True)  # warm caches and connections
        health = summary(run_load(base, lambda rng: ("health", "/api/health"), args.clients, args.seconds / 2,
                                  args.seed, False))
        results = run_load(base, query_mix, args.clients, args.seconds, args.seed, True)
    events = summary(results)
    print(f"GET /api/events over {args.events:,} events, {args.clients} concurrent clients, {args.seconds:.0f} s, "
          f"{args.workers} server workers, {os.cpu_count()} cores")
    print(f"{'query':<16}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind in sorted({k for k, _, _ in results}):
        s = summary([r for r in results if r[0] == kind])
        print(f"{kind:<16}{s['n']:>9}{s['p50']:>9.1f}{s['p95']:>9.1f}{s['p99']:>9.1f}")
    print(f"{'all events':<16}{events['n']:>9}{events['p50']:>9.1f}{events['p95']:>9.1f}{events['p99']:>9.1f}"
          f"   {events['n'] / args.seconds:.0f} req/s, {events['errors']} errors")
    print(f"{'baseline health':<16}{health['n']:>9}{health['p50']:>9.1f}{health['p95']:>9.1f}{health['p99']:>9.1f}"
          f"   {health['n'] / (args.seconds / 2):.0f} req/s")
    print(f"ratio events/health: p50 {events['p50'] / health['p50']:.2f}, p95 {events['p95'] / health['p95']:.2f}"
          f"  (goal: events p95 under 200 ms: {'met' if events['p95'] < 200 else 'not met'})")


if __name__ == "__main__":
    main()
