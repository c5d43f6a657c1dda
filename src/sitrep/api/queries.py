"""Read-only queries the HTTP API and the report need and `sitrep.store.Store` does not offer (yet):
paged event lists, one event with all its sources, article search with snippets, daily counts and the
actor network.

Why here and not in the store: the store is being extended by its own issue; these are plain SELECTs
over its current schema (tables `events`, `articles`, `articles_fts`), so they can move into
`Store` unchanged once it grows the same methods. Nothing here ever writes.

Speed: the events list is the dashboard's hot path. Rows come back as the JSON text the store keeps,
spliced into the response without being parsed, and pages are found with a keyset cursor (the last
row's date and key), so page 1,000 costs what page 1 costs.
"""
from __future__ import annotations

import base64
import binascii
import json
import math
import re
import sqlite3
from dataclasses import dataclass, fields
from typing import Any, Iterable, Optional

from ..gazetteer import distance_km

# Which side of the cooperation/conflict divide each PLOVER type falls on (PLOVER's own grouping of
# its categories, with REQUEST on the cooperative side as CAMEO's "appeal" root is).
COOPERATION = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"})
CONFLICT = frozenset({"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})

# Statuses whose toll describes deaths said to have happened; intended or hypothetical deaths never count.
COUNTED_STATUSES = ("occurred", "alleged", "denied")

MAX_PAGE = 1000
_DATE_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_FTS_TERM = re.compile(r'"[^"]*"|[^\s"]+')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ARTICLE_REF = "a.id, a.title, a.url, a.outlet, a.published"
# Snippet markers: control characters no article text keeps, turned into structured parts, never HTML.
_HIT_OPEN, _HIT_CLOSE = "\x02", "\x03"


class QueryError(ValueError):
    """A filter the caller got wrong (a bad date, a bad cursor): the API answers 400 with the message."""


@dataclass
class EventFilter:
    """Every filter of `sitrep events`, plus admin1 and a radius. All optional; all combine with AND."""

    country: Optional[str] = None
    admin1: Optional[str] = None
    type: Optional[str] = None
    acled_type: Optional[str] = None
    since: Optional[str] = None
    until: Optional[str] = None
    actor: Optional[str] = None
    text: Optional[str] = None
    min_fatalities: Optional[int] = None
    near: Optional[tuple[float, float, float]] = None  # lat, lon, km

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in fields(self))

    def where(self, text_drives: bool = True) -> tuple[list[str], list[Any]]:
        """SQL conditions over `events e` and their parameters. Values are only ever bound, never spliced.

        text_drives=False checks each event walked against the search instead of starting from the
        list of every matching article: right for a search that matches most of the store."""
        where: list[str] = []
        params: list[Any] = []
        if self.country:
            where.append("e.country = ?")
            params.append(self.country.strip().upper())
        if self.admin1:
            where.append("e.admin1 = ?")
            params.append(self.admin1.strip())
        if self.type:
            where.append("e.type = ?")
            params.append(self.type.strip())
        if self.acled_type:
            where.append("(e.acled_event_type = ? OR e.acled_sub_event_type = ?)")
            params += [self.acled_type.strip()] * 2
        if self.since:
            where.append("substr(COALESCE(e.date_end, e.date_start), 1, ?) >= ?")
            params += [len(self.since), check_date_bound("since", self.since)]
        if self.until:
            where.append("substr(COALESCE(e.date_start, e.date_end), 1, ?) <= ?")
            params += [len(self.until), check_date_bound("until", self.until)]
        if self.actor:
            folded = self.actor.strip().casefold()
            where.append("(instr(e.actor1_fold, ?) > 0 OR instr(e.actor2_fold, ?) > 0)")
            params += [folded, folded]
        if self.text is not None and self.text.strip():
            if text_drives:
                where.append("e.article_pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            else:  # one lookup per event walked, instead of listing every matching article first
                where.append("EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND rowid = e.article_pk)")
            params.append(fts_query(self.text))
        if self.min_fatalities is not None:
            where.append("COALESCE(e.fatalities_min, e.fatalities_max) >= ?")
            params.append(int(self.min_fatalities))
        if self.near is not None:
            lat, lon, km = self.near
            if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
                raise QueryError("near must be LAT,LON,KM with a latitude, a longitude and a positive radius")
            dlat = km / 111.2
            dlon = km / max(1e-6, 111.2 * math.cos(math.radians(lat)))
            where.append("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ? AND sitrep_km(e.lat, e.lon, ?, ?) <= ?")
            params += [lat - dlat, lat + dlat, lon - dlon, lon + dlon, lat, lon, km]
        return where, params


def check_date_bound(name: str, value: str) -> str:
    if not _DATE_BOUND.match(value):
        raise QueryError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def fts_query(text: str) -> str:
    """User words -> an FTS5 query where every word (or "quoted phrase") is a required phrase.

    Quoting every term keeps punctuation and FTS5 operators typed by a user ("al-Shabaab", "NEAR",
    "*", "OR") from being read as query syntax: they are only ever searched for.
    """
    terms = []
    text = _CONTROL.sub(" ", text)  # FTS5 cannot take a NUL, and no word holds a control character
    for term in _FTS_TERM.findall(text):
        term = term.strip('"')
        if term.strip():
            terms.append('"' + term.replace('"', '""') + '"')
    return " ".join(terms) or '""'


def connect_readonly(path: str) -> sqlite3.Connection:
    """A connection that cannot write, whatever the code above it does."""
    uri = "file:" + path.replace("?", "%3f").replace("#", "%23") + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA query_only = ON")
    # Read pages through a memory map and keep more of them: a page of events touches ~100 rows.
    conn.execute("PRAGMA mmap_size = 1073741824")
    conn.execute("PRAGMA cache_size = -32000")
    conn.create_function("sitrep_km", 4, distance_km, deterministic=True)
    return conn


# -- cursors -------------------------------------------------------------------------------------------

def encode_cursor(date: Optional[str], pk: int) -> str:
    raw = json.dumps([date, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[Optional[str], int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        date, pk = json.loads(raw)
        if (date is not None and not isinstance(date, str)) or not isinstance(pk, int):
            raise ValueError
        return date, pk
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError, UnicodeDecodeError):
        raise QueryError("cursor is not one this server gave out") from None


# -- events --------------------------------------------------------------------------------------------

def _article_json(row: Iterable) -> str:
    art_id, title, url, outlet, published = row
    return json.dumps({"id": art_id, "title": title, "url": url, "outlet": outlet, "published": published},
                      ensure_ascii=False, separators=(",", ":"))


def _with_article(event_json: str, article_row: Iterable) -> str:
    """Splice the article reference into the event's stored JSON text without parsing it."""
    return event_json[:-1] + ',"article":' + _article_json(article_row) + "}"


# Indexes that let SQLite walk one filter's events newest first and stop after one page, so a page
# costs about the same on a store of any size. `sitrep serve` makes any that are missing (a few seconds
# per million events, once); they belong in a store migration, where they can move unchanged.
SERVING_INDEXES = {
    "api_events_date": "events(date_start)",
    "api_events_country_date": "events(country, date_start)",
    "api_events_type_date": "events(type, date_start)",
}
# A search matching at most this many articles drives the query from the full-text index; above it,
# the events are walked newest first and each is checked against the matches.
_FTS_DRIVES_BELOW = 2000
_UNTIL_CEILING = "~"  # sorts after every digit and "-": "2015-10" + "~" bounds every day of October 2015


def ensure_serving_indexes(path: str) -> list[str]:
    """Create the missing serving indexes; returns their names. A read-only store is left as it is."""
    made = []
    conn = sqlite3.connect(path, timeout=30)
    try:
        present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        for name, target in SERVING_INDEXES.items():
            if name not in present:
                conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
                made.append(name)
        conn.commit()
    except sqlite3.OperationalError:
        pass  # read-only: pages are still right, only slower on a large store
    finally:
        conn.close()
    return made


_fts_sizes: dict[tuple[str, int], int] = {}


def _fts_matches(conn: sqlite3.Connection, text: str) -> int:
    """How many articles a search matches, remembered until an article is added."""
    newest = conn.execute("SELECT MAX(pk) FROM articles").fetchone()[0] or 0
    key = (fts_query(text), newest)
    if key not in _fts_sizes:
        if len(_fts_sizes) > 512:
            _fts_sizes.clear()
        _fts_sizes[key] = conn.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?",
                                       (key[0],)).fetchone()[0]
    return _fts_sizes[key]


# The event's stored JSON with its article's reference spliced in by SQLite itself (JSON1's
# json_object), so a page is joined into the response without Python touching each event.
_EVENT_WITH_ARTICLE = ("substr(e.json, 1, length(e.json) - 1) || ',\"article\":' || json_object("
                       "'id', a.id, 'title', a.title, 'url', a.url, 'outlet', a.outlet, 'published', a.published) || '}'")


def event_page(conn: sqlite3.Connection, flt: EventFilter, limit: int = 100,
               cursor: Optional[str] = None) -> tuple[list[str], Optional[str]]:
    """One page of events, newest first (undated last): their JSON texts and the next page's cursor.

    Dated and undated events are read by two queries, so that the dated ones come straight off an
    index on date_start, from the cursor (or the `until` bound) down, without sorting."""
    limit = max(1, min(int(limit), MAX_PAGE))
    drive_text = bool(flt.text and flt.text.strip()) and _fts_matches(conn, flt.text) <= _FTS_DRIVES_BELOW
    where, params = flt.where(text_drives=drive_text)
    after_date, after_pk = decode_cursor(cursor) if cursor else (None, None)
    select = f"SELECT {_EVENT_WITH_ARTICLE}, e.date_start, e.pk FROM events e JOIN articles a ON a.pk = e.article_pk WHERE "
    rows: list = []
    if cursor is None or after_date is not None:
        dated, dated_params = where + ["e.date_start IS NOT NULL"], list(params)
        if flt.until:  # implied by the until filter for a dated event; lets the index start there
            dated.append("e.date_start <= ?")
            dated_params.append(flt.until + _UNTIL_CEILING)
        if after_date is not None:
            dated.append("(e.date_start, e.pk) < (?, ?)")
            dated_params += [after_date, after_pk]
        rows = conn.execute(select + " AND ".join(dated) + " ORDER BY e.date_start DESC, e.pk DESC LIMIT ?",
                            dated_params + [limit + 1]).fetchall()
    if len(rows) <= limit:
        undated, undated_params = where + ["e.date_start IS NULL"], list(params)
        if cursor is not None and after_date is None:
            undated.append("e.pk < ?")
            undated_params.append(after_pk)
        rows += conn.execute(select + " AND ".join(undated) + " ORDER BY e.pk DESC LIMIT ?",
                             undated_params + [limit + 1 - len(rows)]).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    page = [r[0] for r in rows]
    next_cursor = encode_cursor(rows[-1][1], rows[-1][2]) if more else None
    return page, next_cursor


_MAP_COLUMNS = ("id", "type", "date", "lat", "lon", "deaths", "cumulative", "place", "country", "status",
                "actor1", "actor2")


def event_points(conn: sqlite3.Connection, flt: EventFilter, limit: int = 5000) -> list[dict]:
    """The located events, slim (what a map needs), newest first: for GeoJSON and the dashboard map."""
    where, params = flt.where()
    where.append("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    sql = ("SELECT e.id, e.type, e.date_start, e.lat, e.lon, COALESCE(e.fatalities_min, e.fatalities_max),"
           " e.cumulative, e.location_name, e.country, e.status, e.actor1_name, e.actor2_name"
           " FROM events e WHERE " + " AND ".join(where)
           + " ORDER BY e.date_start DESC, e.pk DESC LIMIT ?")
    rows = conn.execute(sql, params + [max(1, min(int(limit), 50_000))]).fetchall()
    return [dict(zip(_MAP_COLUMNS, row)) for row in rows]


def event_sources(conn: sqlite3.Connection, event_id: str) -> Optional[dict]:
    """One event with every article that reports it, the evidence sentences, and per field what each
    source says. `event` is the first source's record; where sources differ, `fields` shows who says what."""
    rows = conn.execute(
        f"SELECT e.json, {_ARTICLE_REF} FROM events e JOIN articles a ON a.pk = e.article_pk"
        " WHERE e.id = ? ORDER BY a.published, a.pk, e.seq", (event_id,)).fetchall()
    if not rows:
        return None
    sources = []
    by_field: dict[str, list[dict]] = {}
    for row in rows:
        event = json.loads(row[0])
        article = json.loads(_article_json(row[1:6]))
        sources.append({"article": article, "trigger": event.get("trigger"), "evidence": event.get("evidence", []),
                        "reported_by": event.get("reported_by"), "fatalities": event.get("fatalities"),
                        "status": event.get("status"), "confidence": event.get("confidence")})
        for name in ("type", "status", "actor1", "actor2", "date", "location", "fatalities", "reported_by"):
            value = event.get(name)
            said = by_field.setdefault(name, [])
            if not any(item["value"] == value for item in said):
                said.append({"value": value, "articles": []})
            next(item for item in said if item["value"] == value)["articles"].append(article["id"])
    event = json.loads(rows[0][0])
    return {"id": event_id, "event": event, "sources": sources, "fields": by_field,
            "agreed": sorted(k for k, v in by_field.items() if len(v) == 1)}


# -- articles ------------------------------------------------------------------------------------------

def _snippet_parts(snippet: Optional[str]) -> list[dict]:
    """FTS5's snippet, with its markers turned into [{"text", "hit"}] so no client ever parses markup."""
    if not snippet:
        return []
    parts, hit = [], False
    for piece in re.split(f"([{_HIT_OPEN}{_HIT_CLOSE}])", snippet):
        if piece == _HIT_OPEN:
            hit = True
        elif piece == _HIT_CLOSE:
            hit = False
        elif piece:
            parts.append({"text": piece, "hit": hit})
    return parts


def article_list(conn: sqlite3.Connection, q: Optional[str] = None, limit: int = 50,
                 offset: int = 0) -> list[dict]:
    """Stored articles: with `q`, those matching it best first, with a highlighted snippet; else newest first."""
    limit = max(1, min(int(limit), MAX_PAGE))
    offset = max(0, int(offset))
    count = "(SELECT COUNT(*) FROM events e WHERE e.article_pk = a.pk)"
    if q and q.strip():
        rows = conn.execute(
            f"SELECT {_ARTICLE_REF}, {count}, snippet(articles_fts, 1, ?, ?, '…', 24)"
            " FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (_HIT_OPEN, _HIT_CLOSE, fts_query(q), limit, offset)).fetchall()
    else:
        rows = conn.execute(
            f"SELECT {_ARTICLE_REF}, {count}, substr(a.text, 1, 200) FROM articles a"
            " ORDER BY a.published IS NULL, a.published DESC, a.pk DESC LIMIT ? OFFSET ?",
            (limit, offset)).fetchall()
    return [{"id": r[0], "title": r[1], "url": r[2], "outlet": r[3], "published": r[4], "events": r[5],
             "snippet": _snippet_parts(r[6])} for r in rows]


# -- aggregates ----------------------------------------------------------------------------------------

def _counted_deaths() -> str:
    """Per-event deaths for sums: incident tolls of events said to have happened. A running toll
    ("the war has killed 250,000") is never added to anything."""
    marks = ", ".join(f"'{s}'" for s in COUNTED_STATUSES)
    return (f"CASE WHEN COALESCE(e.cumulative, 0) = 0 AND e.status IN ({marks})"
            " THEN COALESCE(e.fatalities_min, e.fatalities_max, 0) ELSE 0 END")


def stats(conn: sqlite3.Connection, flt: EventFilter) -> dict:
    """Headline figures for the filtered events: counts by type and country, a daily timeline of
    events and deaths, and the largest running toll (reported beside the sums, never inside them)."""
    where, params = flt.where()
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    deaths = _counted_deaths()
    total, dead, articles = conn.execute(
        f"SELECT COUNT(*), COALESCE(SUM({deaths}), 0), COUNT(DISTINCT e.article_pk) FROM events e{clause}",
        params).fetchone()
    by_type = dict(conn.execute(
        f"SELECT e.type, COUNT(*) n FROM events e{clause} GROUP BY e.type ORDER BY n DESC, e.type", params))
    by_country = dict(conn.execute(
        f"SELECT e.country, COUNT(*) n FROM events e{clause}{' AND' if where else ' WHERE'} e.country IS NOT NULL"
        " GROUP BY e.country ORDER BY n DESC, e.country", params))
    timeline = [{"date": d, "events": n, "deaths": k} for d, n, k in conn.execute(
        f"SELECT e.date_start, COUNT(*), COALESCE(SUM({deaths}), 0) FROM events e{clause}"
        f"{' AND' if where else ' WHERE'} e.date_start IS NOT NULL GROUP BY e.date_start ORDER BY e.date_start",
        params)]
    running = conn.execute(
        f"SELECT MAX(COALESCE(e.fatalities_max, e.fatalities_min)) FROM events e{clause}"
        f"{' AND' if where else ' WHERE'} e.cumulative = 1", params).fetchone()[0]
    return {"events": total, "articles": articles, "deaths": dead, "largest_running_toll": running,
            "by_type": by_type, "by_country": by_country, "timeline": timeline}


def network(conn: sqlite3.Connection, flt: EventFilter, top: int = 150) -> dict:
    """Who acts on whom: actors as nodes, and per pair of actors a cooperation edge and a conflict edge
    weighted by how many events link them (the strongest `top` edges)."""
    where, params = flt.where()
    where += ["e.actor1_name IS NOT NULL", "e.actor2_name IS NOT NULL", "e.actor1_name != e.actor2_name"]
    rows = conn.execute(
        "SELECT e.actor1_name, e.actor1_country, e.actor1_sector, e.actor2_name, e.actor2_country,"
        " e.actor2_sector, e.type, COUNT(*) FROM events e WHERE " + " AND ".join(where)
        + " GROUP BY e.actor1_name, e.actor2_name, e.type", params).fetchall()
    edges: dict[tuple, dict] = {}
    nodes: dict[str, dict] = {}
    for a1, c1, s1, a2, c2, s2, type_, n in rows:
        kind = "conflict" if type_ in CONFLICT else "cooperation"
        edge = edges.setdefault((a1, a2, kind), {"source": a1, "target": a2, "kind": kind, "events": 0, "types": {}})
        edge["events"] += n
        edge["types"][type_] = edge["types"].get(type_, 0) + n
        for name, country, sector in ((a1, c1, s1), (a2, c2, s2)):
            node = nodes.setdefault(name, {"id": name, "country": country, "sector": sector, "events": 0})
            node["events"] += n
    kept = sorted(edges.values(), key=lambda e: (-e["events"], e["source"], e["target"], e["kind"]))[:max(0, top)]
    used = {e["source"] for e in kept} | {e["target"] for e in kept}
    return {"nodes": sorted((v for k, v in nodes.items() if k in used), key=lambda n: (-n["events"], n["id"])),
            "edges": kept}


def actors(conn: sqlite3.Connection, flt: EventFilter, top: int = 20) -> list[dict]:
    """The actors of the filtered events, most active first, with how often they act and are acted on."""
    where, params = flt.where()
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    rows = conn.execute(
        f"SELECT name, country, sector, SUM(acts), SUM(targeted), SUM(conflict) FROM ("
        f" SELECT e.actor1_name name, e.actor1_country country, e.actor1_sector sector, 1 acts, 0 targeted,"
        f"  e.type IN ({', '.join(repr(t) for t in sorted(CONFLICT))}) conflict FROM events e{clause}"
        f" UNION ALL"
        f" SELECT e.actor2_name, e.actor2_country, e.actor2_sector, 0, 1,"
        f"  e.type IN ({', '.join(repr(t) for t in sorted(CONFLICT))}) FROM events e{clause})"
        f" WHERE name IS NOT NULL GROUP BY name ORDER BY SUM(acts) + SUM(targeted) DESC, name LIMIT ?",
        params + params + [top]).fetchall()
    return [{"name": r[0], "country": r[1], "sector": r[2], "acts": r[3], "targeted": r[4], "in_conflict": r[5]}
            for r in rows]


def events_geojson(page: list[str], next_cursor: Optional[str]) -> dict:
    """A page of events (their JSON texts) as a GeoJSON FeatureCollection of the located ones
    (RFC 7946: longitude first); each feature's properties are the whole event."""
    features = []
    for text in page:
        event = json.loads(text)
        loc = event.get("location") or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            continue
        features.append({"type": "Feature", "id": event["id"],
                         "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                         "properties": event})
    return {"type": "FeatureCollection", "features": features, "next": next_cursor}
