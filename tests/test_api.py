"""The HTTP API against a real `sitrep serve` process on 127.0.0.1, over a store coded by the real pipeline."""
from __future__ import annotations

import http.client
import json
import sqlite3
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from sitrep.store import Store
from test_api_support import (HOSTILE_ID, HOSTILE_TEXT, OWN_EXAMPLE_ID, get, running_server, sample_rows,
                              sample_store)

SQL_NASTIES = ["'", "' OR '1'='1", "x'; DROP TABLE events; --", "\" OR 1=1 --", "%", "_", "\\", "';--",
               "1; DELETE FROM articles", "NEAR(a b)", "*", "a OR b", "\x00", "\"", "col:x", "-x", "(", "^"]
FILTERS = ["country", "admin1", "type", "acled_type", "since", "until", "actor", "text", "min_fatalities", "near",
           "cursor"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return sample_store(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def keys(db):
    from sitrep.api.cli import keys_group

    runner = CliRunner()
    made = {}
    for name in ("writer", "former"):
        result = runner.invoke(keys_group, ["create", name, "--db", db])
        assert result.exit_code == 0, result.output
        made[name] = result.output.strip()
    assert runner.invoke(keys_group, ["revoke", "former", "--db", db]).exit_code == 0
    listing = runner.invoke(keys_group, ["list", "--db", db]).output
    assert "writer" in listing and "revoked" in listing and made["writer"] not in listing  # keys never shown again
    return made


@pytest.fixture(scope="module")
def server(db, keys):
    with running_server(db) as base:
        yield base


def get_json(url: str):
    status, headers, body = get(url)
    return status, json.loads(body) if body else None


def api(server: str, path: str, **params):
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    return get_json(f"{server}{path}" + (f"?{query}" if query else ""))


def post(server: str, path: str, body: bytes, headers: dict | None = None):
    request = urllib.request.Request(server + path, data=body, method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else None


def all_pages(server: str, **params) -> list[dict]:
    events, cursor = [], None
    for _ in range(1000):
        status, page = api(server, "/api/events", cursor=cursor, **params)
        assert status == 200, page
        events += page["events"]
        cursor = page["next"]
        if not cursor:
            return events
    raise AssertionError("paging never ended")


def store_ids(db: str, **filters) -> list[str]:
    with Store(db) as store:
        return sorted(e["id"] for e in store.events(**filters))


# -- reading ---------------------------------------------------------------------------------------

def test_health_docs_and_openapi_are_served_offline(server):
    assert api(server, "/api/health") == (200, {"status": "ok", "version": __import__("sitrep").__version__})
    status, spec = api(server, "/openapi.json")
    assert status == 200
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles", "/api/articles/{article_id}",
                 "/api/stats", "/api/network", "/api/code"):
        assert path in spec["paths"]
    assert "post" in spec["paths"]["/api/articles"]
    status, headers, page = get(server + "/docs")
    assert status == 200 and b"/static/docs.js" in page
    assert b"http" not in page.replace(b"http-equiv", b"")  # no CDN: the docs page loads from this server only


def test_pages_walk_every_event_once_newest_first(server, db):
    events = all_pages(server, limit=7)
    ids = [e["id"] for e in events]
    assert sorted(ids) == store_ids(db)  # every event, none twice (ids repeat only across articles)
    dates = [(e.get("date") or {}).get("start") for e in events]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert all(d is None for d in dates[len(dated):])  # undated last
    assert {"id", "title", "url", "outlet", "published"} <= set(events[0]["article"])


@pytest.mark.parametrize("filters", [
    {"country": "SYR"}, {"type": "ASSAULT"}, {"since": "2015-10", "until": "2015-10-31"}, {"actor": "russia"},
    {"text": "Jordan"}, {"min_fatalities": 10}, {"country": "syr", "type": "AGREE"},
])
def test_filters_match_the_store(server, db, filters):
    api_ids = sorted(e["id"] for e in all_pages(server, limit=4, **filters))
    assert api_ids == store_ids(db, **filters)
    assert api_ids, f"the sample store should hold events for {filters}"


@pytest.mark.parametrize("drive_below", [0, 10**9])
def test_search_pages_match_the_store_whichever_index_leads(db, monkeypatch, drive_below):
    from sitrep.api import queries

    monkeypatch.setattr(queries, "_FTS_DRIVES_BELOW", drive_below)
    conn = queries.connect_readonly(db)
    for filters in ({"text": "Russia"}, {"text": "Russia", "until": "2015-10-22"}, {"text": "said", "type": "ASSAULT"}):
        ids, cursor = [], None
        while True:
            page, cursor = queries.event_page(conn, queries.EventFilter(**filters), limit=3, cursor=cursor)
            ids += [json.loads(e)["id"] for e in page]
            if not cursor:
                break
        assert sorted(ids) == store_ids(db, **filters) and ids
    conn.close()


def test_near_keeps_events_within_the_radius(server):
    events = all_pages(server, near="32.0,36.0,400")  # around Amman
    assert events
    for e in events:
        assert abs(e["location"]["lat"] - 32.0) < 4 and abs(e["location"]["lon"] - 36.0) < 5


def test_geojson_is_a_feature_collection_lon_first(server):
    status, headers, body = get(server + "/api/events?format=geojson&limit=200&country=SYR")
    assert status == 200 and headers["content-type"].startswith("application/geo+json")
    collection = json.loads(body)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert (lat, lon) == (feature["properties"]["location"]["lat"], feature["properties"]["location"]["lon"])


def test_one_event_with_its_sources_and_evidence(server):
    status, page = api(server, "/api/events", country="SYR", type="AGREE")
    event = next(e for e in page["events"] if e["article"]["id"] == OWN_EXAMPLE_ID)
    status, found = api(server, f"/api/events/{event['id']}")
    assert status == 200
    assert found["event"]["id"] == event["id"]
    source = found["sources"][0]
    assert source["article"]["id"] == OWN_EXAMPLE_ID
    assert source["evidence"] and source["evidence"][0]["text"]
    assert found["fields"]["type"][0] == {"value": "AGREE", "articles": [OWN_EXAMPLE_ID]}
    assert api(server, "/api/events/no-such-event")[0] == 404


def test_article_search_and_one_article(server):
    status, found = api(server, "/api/articles", q="Lavrov Judeh")
    assert status == 200
    hit = found["articles"][0]
    assert hit["id"] == OWN_EXAMPLE_ID and hit["events"] > 5
    assert any(part["hit"] for part in hit["snippet"])
    status, coded = api(server, f"/api/articles/{OWN_EXAMPLE_ID}")
    assert status == 200 and coded["article"]["title"].startswith("Jordan and Russia")
    assert all(ev["evidence"] for ev in coded["events"])
    assert api(server, "/api/articles/nope")[0] == 404
    status, newest = api(server, "/api/articles", limit=3)
    assert len(newest["articles"]) == 3


def test_stats_and_network(server, db):
    status, stats = api(server, "/api/stats")
    assert status == 200
    with Store(db) as store:
        counts = store.counts()
    assert stats["events"] == counts["events"] == stats["store"]["events"]
    assert sum(stats["by_type"].values()) == stats["events"]
    assert sum(day["events"] for day in stats["timeline"]) <= stats["events"]
    status, syria = api(server, "/api/stats", country="SYR")
    assert 0 < syria["events"] < stats["events"]
    status, net = api(server, "/api/network")
    assert status == 200 and net["edges"]
    names = {n["id"] for n in net["nodes"]}
    for edge in net["edges"]:
        assert edge["kind"] in ("conflict", "cooperation") and {edge["source"], edge["target"]} <= names
    pair = {(e["source"], e["target"], e["kind"]) for e in net["edges"]}
    assert ("Russia", "Jordan", "cooperation") in pair


# -- security --------------------------------------------------------------------------------------

def test_sql_metacharacters_only_filter(server, db):
    before = store_ids(db)
    for name in FILTERS:
        for nasty in SQL_NASTIES:
            status, body = api(server, "/api/events", **{name: nasty})
            assert status in (200, 400, 422), (name, nasty, status, body)
            if status == 200:
                assert set(e["id"] for e in body["events"]) <= set(before)
        for path in ("/api/stats", "/api/network", "/api/articles"):
            status, _ = api(server, path, **({"q": nasty} if path == "/api/articles" else {name: nasty}))
            assert status in (200, 400, 422), (path, name, status)
    assert api(server, "/api/events", actor="' OR '1'='1")[1]["events"] == []
    assert store_ids(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == len(sample_rows())


def test_write_needs_a_valid_unrevoked_key(server, keys):
    body = json.dumps({"text": "Protesters marched in Amman on Friday.", "published": "2015-10-23"}).encode()
    assert post(server, "/api/articles", body)[0] == 401
    assert post(server, "/api/articles", body, {"Authorization": "Bearer sitrep_not-a-key"})[0] == 401
    assert post(server, "/api/articles", body, {"X-API-Key": keys["former"]})[0] == 401  # revoked
    assert post(server, "/api/articles", body, {"Authorization": "Basic " + keys["writer"]})[0] == 401


def test_post_codes_and_stores_an_article(server, keys, db):
    article = {"id": "api-post-1", "published": "2015-10-20", "title": "Strike on Aleppo",
               "text": "Russian warplanes struck rebel positions in Aleppo on Monday, killing 12 fighters, "
                       "the Syrian Observatory for Human Rights said."}
    auth = {"Authorization": "Bearer " + keys["writer"]}
    status, stored = post(server, "/api/articles", json.dumps(article).encode(), auth)
    assert status == 201, stored
    assert stored["stored"] is True and stored["article"] == "api-post-1" and stored["events"] >= 1
    status, again = post(server, "/api/articles", json.dumps(article).encode(), auth)
    assert (status, again["stored"]) == (200, False)
    assert api(server, "/api/articles/api-post-1")[0] == 200
    assert any(e["article"]["id"] == "api-post-1" for e in all_pages(server, text="warplanes Aleppo"))
    # coding without storing needs no key and stores nothing
    status, coded = post(server, "/api/code", json.dumps({"text": article["text"], "id": "not-stored"}).encode())
    assert status == 200 and coded["events"]
    assert api(server, "/api/articles/not-stored")[0] == 404
    assert post(server, "/api/code", b'{"title": "no text"}')[0] == 422


def test_oversized_bodies_are_refused(server, keys):
    from sitrep.api.app import MAX_BODY_BYTES

    host, port = server.removeprefix("http://").split(":")
    auth = {"Authorization": "Bearer " + keys["writer"]}
    for path, headers in (("/api/articles", auth), ("/api/code", {})):
        # declared too big: refused from the headers alone, before any of the body is read
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        conn.putrequest("POST", path)
        for name, value in {"Content-Type": "application/json", "Content-Length": str(MAX_BODY_BYTES + 1), **headers}.items():
            conn.putheader(name, value)
        conn.endheaders()
        assert conn.getresponse().status == 413
        conn.close()
    # streamed without a length: refused once the limit is crossed
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.putrequest("POST", "/api/code")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    chunk = b"x" * (1024 * 1024)
    try:
        for _ in range(MAX_BODY_BYTES // len(chunk) + 2):
            conn.send(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        conn.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may hang up as soon as it has refused
    assert conn.getresponse().status == 413
    conn.close()


def test_headers_no_cors_by_default_and_inert_article_json(server):
    status, headers, body = get(server + "/")
    assert status == 200
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    request = urllib.request.Request(server + "/api/events", headers={"Origin": "http://example.org"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert "access-control-allow-origin" not in {k.lower() for k in response.headers}
    status, headers, body = get(server + f"/api/articles/{HOSTILE_ID}")
    assert headers["content-type"] == "application/json"  # never served as a page
    assert "<script>" in json.loads(body)["article"]["text"] or "<script>" not in HOSTILE_TEXT


def test_cors_only_for_configured_origins(db):
    with running_server(db, "--cors-origin", "http://analyst.example") as base:
        for origin, allowed in (("http://analyst.example", True), ("http://evil.example", False)):
            request = urllib.request.Request(base + "/api/health", headers={"Origin": origin})
            with urllib.request.urlopen(request, timeout=10) as response:
                assert (response.headers.get("access-control-allow-origin") == origin) is allowed


def test_keys_are_stored_hashed(db, keys):
    with sqlite3.connect(db) as conn:
        stored = " ".join(str(v) for row in conn.execute("SELECT * FROM api_keys") for v in row)
    assert keys["writer"] not in stored and keys["writer"][:13] in stored
