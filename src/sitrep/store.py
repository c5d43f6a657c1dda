"""The embedded event store: coded articles, their events, places and quotes in one SQLite file.

Why SQLite: one file a user can copy, query with any tool, and share between processes (WAL mode lets a
batch runner write while a dashboard reads). Each article is written in one `BEGIN IMMEDIATE`
transaction, so two writers never interleave and a crash never leaves half an article behind.

Events keep their whole JSON (the contract shape) and, beside it, flattened columns that exist only to
filter and sort on. The JSON is what callers get back; the columns are never the source of truth.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Optional

from sitrep.records import CodedArticle, Event, FailedArticle

DEFAULT_DB = "sitrep.db"
BUSY_TIMEOUT_S = 30.0

# Versioned schema. Migration N (1-based) brings a database from user_version N-1 to N. Append new
# migrations at the end; never edit one that has shipped. Each is a list of single statements (triggers
# hold semicolons, so the SQL is not split on them).
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE articles (
            pk           INTEGER PRIMARY KEY,
            id           TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            title        TEXT,
            published    TEXT,
            outlet       TEXT,
            url          TEXT,
            language     TEXT,
            text         TEXT NOT NULL,
            captions     TEXT NOT NULL,   -- JSON list of str
            removed      TEXT NOT NULL,   -- JSON list of {kind, text}
            source       TEXT,
            coded        TEXT NOT NULL,   -- the whole coded article, JSON
            ingested_at  TEXT NOT NULL
        )""",
        "CREATE INDEX articles_published ON articles(published)",
        """CREATE TABLE events (
            pk                   INTEGER PRIMARY KEY,
            article_pk           INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            seq                  INTEGER NOT NULL,
            id                   TEXT NOT NULL,
            type                 TEXT NOT NULL COLLATE NOCASE,
            mode                 TEXT,
            cameo                TEXT,
            acled_event_type     TEXT COLLATE NOCASE,
            acled_sub_event_type TEXT COLLATE NOCASE,
            status               TEXT,
            date_start           TEXT,
            date_end             TEXT,
            date_precision       TEXT,
            location_name        TEXT,
            location_country     TEXT,
            admin1               TEXT,
            lat                  REAL,
            lon                  REAL,
            country              TEXT,   -- location's country, else actor1's, else actor2's
            actor1_name          TEXT,
            actor1_country       TEXT,
            actor1_sector        TEXT,
            actor1_fold          TEXT,   -- casefolded name, for case-insensitive search
            actor2_name          TEXT,
            actor2_country       TEXT,
            actor2_sector        TEXT,
            actor2_fold          TEXT,
            fatalities_min       INTEGER,
            fatalities_max       INTEGER,
            civilians_min        INTEGER,
            cumulative           INTEGER,
            reported_by          TEXT,
            confidence           REAL,
            json                 TEXT NOT NULL,
            UNIQUE (article_pk, seq)
        )""",
        "CREATE INDEX events_type ON events(type)",
        "CREATE INDEX events_country ON events(country)",
        "CREATE INDEX events_acled_type ON events(acled_event_type)",
        "CREATE INDEX events_acled_sub_type ON events(acled_sub_event_type)",
        "CREATE INDEX events_date ON events(date_start, date_end)",
        "CREATE INDEX events_date_end ON events(date_end)",
        "CREATE INDEX events_fatalities ON events(fatalities_max, fatalities_min)",
        "CREATE INDEX events_id ON events(id)",
        """CREATE TABLE places (
            pk          INTEGER PRIMARY KEY,
            article_pk  INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            seq         INTEGER NOT NULL,
            text        TEXT NOT NULL,
            start       INTEGER,
            "end"       INTEGER,
            field       TEXT,
            name        TEXT NOT NULL,
            country     TEXT,
            admin1      TEXT,
            lat         REAL NOT NULL,
            lon         REAL NOT NULL,
            geonames_id INTEGER,
            precision   TEXT NOT NULL,
            UNIQUE (article_pk, seq)
        )""",
        "CREATE INDEX places_country ON places(country)",
        "CREATE INDEX places_geonames ON places(geonames_id)",
        """CREATE TABLE quotes (
            pk              INTEGER PRIMARY KEY,
            article_pk      INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            seq             INTEGER NOT NULL,
            speaker_name    TEXT,
            speaker_country TEXT,
            text            TEXT NOT NULL,
            start           INTEGER NOT NULL,
            "end"           INTEGER NOT NULL,
            field           TEXT NOT NULL,
            json            TEXT NOT NULL,
            UNIQUE (article_pk, seq)
        )""",
        "CREATE INDEX quotes_speaker ON quotes(speaker_name)",
        """CREATE TABLE failures (
            pk           INTEGER PRIMARY KEY,
            key          TEXT NOT NULL UNIQUE,   -- hash of what makes two failures the same
            article_id   TEXT,
            source       TEXT,
            content_hash TEXT,
            error        TEXT NOT NULL,
            skipped      INTEGER NOT NULL,
            language     TEXT,
            recorded_at  TEXT NOT NULL
        )""",
        "CREATE INDEX failures_article ON failures(article_id)",
        "CREATE INDEX failures_hash ON failures(content_hash)",
        # Full-text index over headline and body; external content, kept in sync by triggers.
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='pk',
            tokenize='porter unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
        END""",
        """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.pk, old.title, old.text);
        END""",
        """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.pk, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
        END""",
    ],
    # 2: what `sitrep watch` has seen, so a restart fetches only new items
    [
        """CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            checked_at TEXT
        )""",
        """CREATE TABLE feed_items (
            feed TEXT NOT NULL,
            item TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (feed, item)
        )""",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)

# Statuses whose toll describes deaths that (are said to) have happened: the only ones worth ranking.
_COUNTED_STATUSES = ("occurred", "alleged", "denied")
_DATE_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_FTS_TERM = re.compile(r'"[^"]*"|[^\s"]+')
_ARTICLE_COLUMNS = "a.id, a.title, a.url, a.outlet, a.published"


def default_db_path(option: Optional[str] = None) -> str:
    """Where the store lives: the explicit option, else $SITREP_DB, else ./sitrep.db."""
    path = option or os.environ.get("SITREP_DB") or os.path.join(".", DEFAULT_DB)
    return os.path.expanduser(path)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _fold(name: Optional[str]) -> Optional[str]:
    return name.casefold() if name else None


def _event_row(article_pk: int, seq: int, event: Event) -> tuple:
    """The flattened, filterable columns of one event, plus its JSON."""
    loc, a1, a2 = event.location, event.actor1, event.actor2
    date, tolls, acled = event.date, event.fatalities, event.acled
    country = (loc.country if loc else None) or (a1.country if a1 else None) or (a2.country if a2 else None)
    return (
        article_pk, seq, event.id, event.type, event.mode, event.cameo,
        acled.event_type if acled else None, acled.sub_event_type if acled else None,
        event.status,
        date.start if date else None, date.end if date else None, date.precision if date else None,
        loc.name if loc else None, loc.country if loc else None, loc.admin1 if loc else None,
        loc.lat if loc else None, loc.lon if loc else None,
        country,
        a1.name if a1 else None, a1.country if a1 else None, a1.sector if a1 else None,
        _fold(a1.name) if a1 else None,
        a2.name if a2 else None, a2.country if a2 else None, a2.sector if a2 else None,
        _fold(a2.name) if a2 else None,
        tolls.min if tolls else None, tolls.max if tolls else None,
        tolls.civilians_min if tolls else None,
        int(tolls.cumulative) if tolls else None,
        event.reported_by.name if event.reported_by else None,
        event.confidence,
        _dumps(event.model_dump(mode="json")),
    )


_EVENT_INSERT = """INSERT INTO events (
    article_pk, seq, id, type, mode, cameo, acled_event_type, acled_sub_event_type, status,
    date_start, date_end, date_precision, location_name, location_country, admin1, lat, lon, country,
    actor1_name, actor1_country, actor1_sector, actor1_fold,
    actor2_name, actor2_country, actor2_sector, actor2_fold,
    fatalities_min, fatalities_max, civilians_min, cumulative, reported_by, confidence, json
) VALUES (""" + ", ".join("?" * 33) + ")"


def _fts_query(text: str) -> str:
    """User words → a safe FTS5 query: each word (or "quoted phrase") becomes a phrase, all required.

    Quoting every term keeps punctuation ("al-Shabaab", "U.S.") from being read as FTS5 syntax.
    """
    terms = []
    for term in _FTS_TERM.findall(text):
        term = term.strip('"')
        if term.strip():
            terms.append('"' + term.replace('"', '""') + '"')
    return " ".join(terms)


def _check_bound(name: str, value: str) -> str:
    if not _DATE_BOUND.match(value):
        raise ValueError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


class Store:
    """One SQLite file of coded articles. Use as a context manager; safe to open from several processes."""

    def __init__(self, path: str):
        self.path = path
        if path != ":memory:" and not path.startswith("file:"):
            parent = os.path.dirname(os.path.abspath(path))
            os.makedirs(parent, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per article.
        self.conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._while_locked(self._setup)
        except BaseException:
            self.conn.close()
            raise

    def _setup(self) -> None:
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self._migrate()

    def _while_locked(self, step: Callable[[], None]) -> None:
        """Retry `step` while another process holds the file.

        Switching a new file to WAL can fail with "database is locked" at once, without waiting on the
        busy timeout, when two processes open the same new file together; so retry, up to that timeout.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        delay = 0.005
        while True:
            try:
                return step()
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)

    # -- lifecycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        """Apply pending migrations in order, under a write lock so two openers don't race."""
        if self.schema_version >= SCHEMA_VERSION:
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            version = self.schema_version  # re-read under the lock: another process may have migrated
            if version > SCHEMA_VERSION:
                raise RuntimeError(f"{self.path}: schema version {version} is newer than this sitrep "
                                   f"({SCHEMA_VERSION}); upgrade sitrep")
            for number in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[number - 1]:
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number}")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    # -- writing -----------------------------------------------------------------------------------

    def add(self, coded: CodedArticle, content_hash: str, source: Optional[str] = None) -> bool:
        """Store one coded article with its events, places and quotes, all or nothing.

        Returns False, changing nothing, when an article with the same id or content hash is stored.
        A stored article resolves earlier failures recorded for the same id or content hash.
        """
        if not content_hash:
            raise ValueError("content_hash is required")
        art = coded.article
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT 1 FROM articles WHERE id = ? OR content_hash = ? LIMIT 1",
                            (art.id, content_hash)).fetchone():
                conn.execute("ROLLBACK")
                return False
            cur = conn.execute(
                """INSERT INTO articles (id, content_hash, title, published, outlet, url, language, text,
                   captions, removed, source, coded, ingested_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (art.id, content_hash, art.title, art.published, art.outlet, art.url, art.language,
                 art.text, _dumps(art.captions), _dumps([r.model_dump(mode="json") for r in art.removed]),
                 source, _dumps(coded.model_dump(mode="json")), _now()))
            pk = cur.lastrowid
            conn.executemany(_EVENT_INSERT, [_event_row(pk, i, ev) for i, ev in enumerate(coded.events)])
            conn.executemany(
                """INSERT INTO places (article_pk, seq, text, start, "end", field, name, country, admin1,
                   lat, lon, geonames_id, precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [(pk, i, p.text, p.start, p.end, p.field, p.name, p.country, p.admin1, p.lat, p.lon,
                  p.geonames_id, p.precision) for i, p in enumerate(art.places)])
            conn.executemany(
                """INSERT INTO quotes (article_pk, seq, speaker_name, speaker_country, text, start, "end",
                   field, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [(pk, i, q.speaker.name if q.speaker else None, q.speaker.country if q.speaker else None,
                  q.text, q.start, q.end, q.field, _dumps(q.model_dump(mode="json")))
                 for i, q in enumerate(coded.quotes)])
            conn.execute("DELETE FROM failures WHERE article_id = ? OR content_hash = ?",
                         (art.id, content_hash))
            conn.execute("COMMIT")
            return True
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def add_failure(self, failed: FailedArticle, content_hash: Optional[str] = None) -> None:
        """Keep an error or a skip so a user can list it; recording the same failure again is a no-op."""
        ref = failed.article
        key = hashlib.sha256(_dumps([ref.id, ref.source, content_hash, failed.error,
                                     failed.skipped]).encode("utf-8", "surrogatepass")).hexdigest()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute(
                """INSERT OR IGNORE INTO failures (key, article_id, source, content_hash, error, skipped,
                   language, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (key, ref.id, ref.source, content_hash, failed.error, int(failed.skipped),
                 failed.language, _now()))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    # -- reading -----------------------------------------------------------------------------------

    def has(self, article_id: Optional[str] = None, content_hash: Optional[str] = None) -> bool:
        """True when an article with this id or this content hash is stored (either one suffices)."""
        if article_id is None and content_hash is None:
            return False
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ? OR content_hash = ? LIMIT 1",
                                (article_id, content_hash)).fetchone()
        return row is not None

    # --- feeds watched by `sitrep watch` ---------------------------------------------------------

    def feed_state(self, url: str) -> dict:
        """{"etag", "last_modified", "checked_at"} of a feed (all None for a new feed)."""
        row = self.conn.execute("SELECT etag, last_modified, checked_at FROM feeds WHERE url = ?",
                                (url,)).fetchone()
        return dict(zip(("etag", "last_modified", "checked_at"), row or (None, None, None)))

    def set_feed_state(self, url: str, etag: Optional[str] = None, last_modified: Optional[str] = None) -> None:
        self.conn.execute(
            "INSERT INTO feeds(url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
            "checked_at = excluded.checked_at", (url, etag, last_modified, _now()))

    def feed_item_seen(self, feed: str, item: str) -> bool:
        """Has this item (its guid, else its link) of this feed been taken already?"""
        return self.conn.execute("SELECT 1 FROM feed_items WHERE feed = ? AND item = ?",
                                 (feed, item)).fetchone() is not None

    def mark_feed_item(self, feed: str, item: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO feed_items(feed, item, seen_at) VALUES (?, ?, ?)",
                          (feed, item, _now()))

    def article(self, article_id: str) -> Optional[dict]:
        """The stored coded article (contract JSON), or None."""
        row = self.conn.execute("SELECT coded FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def events(self, country: Optional[str] = None, type: Optional[str] = None,
               acled_type: Optional[str] = None, since: Optional[str] = None,
               until: Optional[str] = None, actor: Optional[str] = None, text: Optional[str] = None,
               min_fatalities: Optional[int] = None, limit: Optional[int] = None) -> list[dict]:
        """Events matching every given filter, ordered by date (undated last) then id.

        since/until (YYYY, YYYY-MM or YYYY-MM-DD) keep events whose date range overlaps the bounds;
        undated events are left out once a bound is given. min_fatalities compares the toll's lower
        bound (its upper bound when only that is known).
        """
        where: list[str] = []
        params: list[Any] = []
        if country:
            where.append("e.country = ?")
            params.append(country.upper())
        if type:
            where.append("e.type = ?")
            params.append(type)
        if acled_type:
            where.append("(e.acled_event_type = ? OR e.acled_sub_event_type = ?)")
            params += [acled_type, acled_type]
        if since:
            # Compare at the bound's own precision: "2024-03" keeps everything ending in March or later.
            where.append("substr(COALESCE(e.date_end, e.date_start), 1, ?) >= ?")
            params += [len(since), _check_bound("since", since)]
        if until:
            where.append("substr(COALESCE(e.date_start, e.date_end), 1, ?) <= ?")
            params += [len(until), _check_bound("until", until)]
        if actor:
            where.append("(instr(e.actor1_fold, ?) > 0 OR instr(e.actor2_fold, ?) > 0)")
            params += [actor.casefold(), actor.casefold()]
        if text is not None:
            query = _fts_query(text)
            if not query:
                return []
            where.append("e.article_pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(query)
        if min_fatalities is not None:
            where.append("COALESCE(e.fatalities_min, e.fatalities_max) >= ?")
            params.append(int(min_fatalities))
        sql = (f"SELECT e.json, {_ARTICLE_COLUMNS} FROM events e JOIN articles a ON a.pk = e.article_pk"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY COALESCE(e.date_start, e.date_end) IS NULL, COALESCE(e.date_start, e.date_end),"
                 " e.date_end, e.id, e.article_pk, e.seq")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        return [self._event_dict(row) for row in self.conn.execute(sql, params)]

    def failures(self, skipped: Optional[bool] = None, limit: Optional[int] = None) -> list[dict]:
        """Recorded errors (skipped=False), skips (skipped=True) or both, oldest first."""
        sql = ("SELECT article_id, source, content_hash, error, skipped, language, recorded_at "
               "FROM failures")
        params: list[Any] = []
        if skipped is not None:
            sql += " WHERE skipped = ?"
            params.append(int(skipped))
        sql += " ORDER BY pk"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        return [{"article": {"id": r[0], "source": r[1]}, "content_hash": r[2], "error": r[3],
                 "skipped": bool(r[4]), "language": r[5], "recorded_at": r[6]}
                for r in self.conn.execute(sql, params)]

    def counts(self) -> dict:
        """{"articles", "events", "failed", "skipped"}: how much the store holds."""
        q = self.conn.execute
        failed, skipped = q("SELECT COALESCE(SUM(skipped = 0), 0), COALESCE(SUM(skipped = 1), 0) "
                            "FROM failures").fetchone()
        return {"articles": q("SELECT COUNT(*) FROM articles").fetchone()[0],
                "events": q("SELECT COUNT(*) FROM events").fetchone()[0],
                "failed": failed, "skipped": skipped}

    def summary(self, top: int = 5) -> dict:
        """Counts, events by type and by country, and the deadliest events.

        Tolls are ranked, never added up: a running toll ("the war has killed 500,000") and the incident
        tolls it already contains are each listed with their `cumulative` flag, and the same running
        toll repeated by several articles is listed once.
        """
        out: dict[str, Any] = self.counts()
        out = {k: out[k] for k in ("articles", "failed", "skipped", "events")}
        out["by_type"] = dict(self.conn.execute(
            "SELECT type, COUNT(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"))
        out["by_country"] = dict(self.conn.execute(
            "SELECT country, COUNT(*) AS n FROM events WHERE country IS NOT NULL "
            "GROUP BY country ORDER BY n DESC, country"))
        out["deadliest"] = self._deadliest(top)
        return out

    # -- helpers -----------------------------------------------------------------------------------

    def _deadliest(self, top: int) -> list[dict]:
        if top <= 0:
            return []
        marks = ", ".join("?" * len(_COUNTED_STATUSES))
        rows = self.conn.execute(
            f"SELECT e.json, {_ARTICLE_COLUMNS}, e.cumulative, e.fatalities_min, e.fatalities_max, e.country"
            f" FROM events e JOIN articles a ON a.pk = e.article_pk"
            f" WHERE COALESCE(e.fatalities_max, e.fatalities_min) > 0 AND e.status IN ({marks})"
            f" ORDER BY COALESCE(e.fatalities_max, e.fatalities_min) DESC, e.fatalities_min DESC,"
            f" a.published, e.id",
            _COUNTED_STATUSES)
        result: list[dict] = []
        seen_running: set[tuple] = set()
        for row in rows:
            if row[6]:  # cumulative: the same running toll told again is not a new entry
                key = (row[7], row[8], row[9])
                if key in seen_running:
                    continue
                seen_running.add(key)
            result.append(self._event_dict(row[:6]))
            if len(result) >= top:
                break
        return result

    @staticmethod
    def _event_dict(row: Iterable) -> dict:
        event_json, art_id, title, url, outlet, published = row
        event = json.loads(event_json)
        event["article"] = {"id": art_id, "title": title, "url": url, "outlet": outlet,
                            "published": published}
        return event
