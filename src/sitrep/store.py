"""The embedded event store: coded articles, their events, places and quotes in one SQLite file.

Why SQLite: one file a user can copy, query with any tool, and share between processes (WAL mode lets a
batch runner write while a dashboard reads). Each article is written in one `BEGIN IMMEDIATE`
transaction, so two writers never interleave and a crash never leaves half an article behind.

Events keep their whole JSON (the contract shape) and, beside it, flattened columns that exist only to
filter and sort on. The JSON is what callers get back; the columns are never the source of truth.

Reports of one real-world event from different articles are fused (`sitrep.fusion`) as they are stored,
in the same transaction: each stored event belongs to exactly one row of `clusters` (the fused event),
which carries the fused record and the columns that counts and maps read, so a figure never counts one
strike twice. An article stored again with new text (same id or same URL) replaces its old version,
whose coded JSON is kept in `article_versions`.

Query methods (used by the CLI, the exports and the dashboard):

- `events(**filters)`: every report, one per article that tells it (contract Event + "article").
- `fused_events(**filters)`: one record per real-world event with all its sources (`fusion.fuse`).
- `stats(by, **filters)`: counts and fatality sums of fused events by day/week/month/country/admin1/type/actor.
- `article(id)`, `history(id)`, `counts()`, `summary()`, `failures()`.

Filters, the same for all three: country, admin1, type (PLOVER), acled_type, since, until, actor, text
(full-text search), near=(lat, lon, km), min_fatalities, limit. Lists come back as `EventList`, a list of
dicts with `.to_frame()` for a pandas DataFrame.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Optional

from sitrep import fusion
from sitrep.errors import SitrepError
from sitrep.records import CodedArticle, Event, FailedArticle

DEFAULT_DB = "sitrep.db"
BUSY_TIMEOUT_S = 30.0

# Versioned schema. Migration N (1-based) brings a database from user_version N-1 to N. Append new
# migrations at the end; never edit one that has shipped. Each is a list of single statements (triggers
# hold semicolons, so the SQL is not split on them) or of callables given the Store (to backfill data).
MIGRATIONS: list[list[Any]] = [
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
    # 3: fused events (one row per real-world event), article versions, indexes for dashboards
    [
        "ALTER TABLE events ADD COLUMN cluster_pk INTEGER",
        """CREATE TABLE clusters (
            pk                   INTEGER PRIMARY KEY,
            id                   TEXT NOT NULL UNIQUE,
            type                 TEXT NOT NULL COLLATE NOCASE,
            status               TEXT,
            date_start           TEXT,
            date_end             TEXT,
            day                  TEXT,    -- the day it counts on: its start; a running toll's end
            location_name        TEXT,
            country              TEXT,
            admin1               TEXT,
            lat                  REAL,
            lon                  REAL,
            actor1_name          TEXT,
            actor1_fold          TEXT,
            actor2_name          TEXT,
            actor2_fold          TEXT,
            acled_event_type     TEXT COLLATE NOCASE,
            acled_sub_event_type TEXT COLLATE NOCASE,
            fatalities           INTEGER, -- the highest well-sourced claim
            fatalities_min       INTEGER,
            fatalities_max       INTEGER,
            cumulative           INTEGER NOT NULL DEFAULT 0,
            n_reports            INTEGER NOT NULL DEFAULT 0,
            n_articles           INTEGER NOT NULL DEFAULT 0,
            json                 TEXT
        )""",
        "CREATE INDEX clusters_day ON clusters(day)",
        "CREATE INDEX clusters_country_day ON clusters(country, day)",
        "CREATE INDEX clusters_type_day ON clusters(type, day)",
        "CREATE INDEX clusters_country_admin1 ON clusters(country, admin1, day)",
        "CREATE INDEX clusters_date ON clusters(date_start, date_end)",
        "CREATE INDEX clusters_fatalities ON clusters(fatalities)",
        "CREATE INDEX clusters_latlon ON clusters(lat, lon)",
        "CREATE INDEX events_cluster ON events(cluster_pk)",
        "CREATE INDEX events_fusion ON events(type, country, date_start)",
        "CREATE INDEX events_admin1 ON events(admin1)",
        "CREATE INDEX articles_url ON articles(url)",
        """CREATE TABLE article_versions (
            pk           INTEGER PRIMARY KEY,
            article_id   TEXT NOT NULL,
            url          TEXT,
            content_hash TEXT NOT NULL,
            coded        TEXT NOT NULL,
            source       TEXT,
            ingested_at  TEXT NOT NULL,
            replaced_at  TEXT NOT NULL
        )""",
        "CREATE INDEX article_versions_id ON article_versions(article_id)",
        "CREATE INDEX article_versions_url ON article_versions(url)",
        "CREATE INDEX article_versions_hash ON article_versions(content_hash)",
        lambda store: store._fuse_all(),
    ],
    # 4: covering indexes for the dashboard's lists and counts (country/type/day ranges, no table reads)
    [
        "CREATE INDEX clusters_country_type_day ON clusters(country, type, day)",
        """CREATE INDEX clusters_stats_country ON clusters(country, day, status, cumulative, fatalities, n_reports,
            admin1, type, actor1_name)""",
        """CREATE INDEX clusters_stats_day ON clusters(day, status, cumulative, fatalities, n_reports, country,
            admin1, type)""",
        "CREATE INDEX events_list ON events(country, type, date_start, date_end, id, article_pk, seq)",
        "ANALYZE",
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


class StoreError(SitrepError):
    """The store file cannot be used as asked: newer schema, not a database, read-only, disk full.

    Raised with the file's path and what to do; whatever the file held before is left as it was.
    """

    code = "E400"
    template = "{source}: {reason}"


def _explain(error: sqlite3.Error) -> str:
    """A user's reading of an SQLite error."""
    text = str(error)
    if "not a database" in text or "malformed" in text:
        return "not a sitrep store (not an SQLite database, or a corrupt one); left untouched"
    if "full" in text:
        return "disk full: the last article was not stored, everything stored before is intact"
    if "readonly" in text or "read-only" in text:
        return "the store is read-only (the file or its folder cannot be written)"
    if "unable to open" in text:
        return "cannot open the store (is its folder read-only or missing?)"
    return text


class EventList(list):
    """A list of event dicts (contract shape) that also converts to a pandas DataFrame."""

    def to_frame(self):
        """One row per event, nested fields flattened with "." (actor1.name, location.lat, ...)."""
        try:
            import pandas as pd
        except ImportError as error:  # pragma: no cover - pandas comes with sitrep's dataframe extra
            raise ImportError("to_frame() needs pandas: pip install pandas") from error
        return pd.json_normalize(list(self), sep=".")


class Near:
    """A circle on the map: events within `km` of (lat, lon). Parsed from "LAT,LON,KM"."""

    def __init__(self, lat: float, lon: float, km: float):
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
            raise ValueError(f"near needs a latitude, a longitude and a positive radius, got {lat},{lon},{km}")
        self.lat, self.lon, self.km = float(lat), float(lon), float(km)

    @classmethod
    def parse(cls, value: "str | tuple | Near") -> "Near":
        if isinstance(value, Near):
            return value
        parts = value.split(",") if isinstance(value, str) else list(value)
        try:
            lat, lon, km = (float(p) for p in parts)
        except (TypeError, ValueError):
            raise ValueError(f"near must be LAT,LON,KM (e.g. 36.2,37.1,25), got {value!r}") from None
        return cls(lat, lon, km)

    def box(self) -> tuple[float, float, float, float]:
        dlat = self.km / 110.57
        dlon = min(180.0, self.km / max(1e-6, 111.32 * math.cos(math.radians(min(89.9, abs(self.lat))))))
        return self.lat - dlat, self.lat + dlat, self.lon - dlon, self.lon + dlon


# Columns that stats can group fused events by: (key expression, what the key means)
STATS_KEYS: dict[str, str] = {
    "day": "c.day",
    "week": "date(c.day, 'weekday 0', '-6 days')",   # the Monday that starts the week
    "month": "substr(c.day, 1, 7)",
    "country": "c.country",
    "admin1": "c.country || ' / ' || c.admin1",
    "type": "c.type",
    "actor": "c.actor1_name",
}


def open_store(path: Optional[str] = None) -> "Store":
    """`sitrep.open(path)`: the store at `path` (default $SITREP_DB, else ./sitrep.db)."""
    return Store(default_db_path(path))


class Store:
    """One SQLite file of coded articles. Use as a context manager; safe to open from several processes."""

    def __init__(self, path: str, rules: Optional[fusion.Rules] = None):
        self.path = path
        self._depth = 0  # how many `transaction()` blocks are open on this connection
        self.rules = rules or fusion.RULES  # fusion's thresholds for what this store adds
        memory = path == ":memory:" or path.startswith("file:")
        if not memory:
            parent = os.path.dirname(os.path.abspath(path))
            try:
                os.makedirs(parent, exist_ok=True)
            except OSError as error:
                raise StoreError(path, reason=f"cannot create its folder ({error.strerror})") from None
            if not os.path.exists(path) and not os.access(parent, os.W_OK):
                raise StoreError(path, reason="no such store, and its folder is read-only: cannot create one")
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per article.
        try:
            self.conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(path, reason=_explain(error)) from None
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.create_function("sitrep_km", 4, fusion.distance_km, deterministic=True)
            self._while_locked(self._setup)
        except sqlite3.DatabaseError as error:
            self.conn.close()
            raise StoreError(path, reason=_explain(error)) from None
        except BaseException:
            self.conn.close()
            raise

    def _setup(self) -> None:
        version = self.schema_version  # reading the header: fails here on a file that is no database
        if version > SCHEMA_VERSION:
            raise StoreError(self.path, reason=f"written by a newer sitrep (schema {version}, this one reads "
                                               f"up to {SCHEMA_VERSION}); upgrade sitrep. Left untouched")
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
            for number in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[number - 1]:
                    if callable(statement):
                        statement(self)
                    else:
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number}")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One BEGIN IMMEDIATE transaction around several writes: all of them are stored, or none.

        What a caller must keep together goes in one (an article and its entry in the near-copy index,
        `sitrep.ingest.into_store.keep`), so a crash never leaves one without the other. The writes inside
        (`add`, `add_failure`, ...) join it rather than starting their own. SQLite errors a user can act on
        (disk full, read-only file) become a StoreError.
        """
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        conn = self.conn
        self._begin()
        self._depth = 1
        try:
            yield
            conn.execute("COMMIT")
        except BaseException as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError) and not isinstance(error, sqlite3.IntegrityError):
                raise StoreError(self.path, reason=_explain(error)) from None
            raise
        finally:
            self._depth = 0

    def _begin(self) -> None:
        """BEGIN IMMEDIATE: take the write lock now, waiting (busy timeout, then retries) while another
        process holds it, so that a transaction never fails half way for want of the lock."""
        try:
            self._while_locked(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise
            raise StoreError(self.path, reason=_explain(error)) from None

    def _transaction(self, work: Callable[[], Any]) -> Any:
        """Run `work` in one transaction (its own, or the `transaction()` it is called inside)."""
        with self.transaction():
            return work()

    # -- writing -----------------------------------------------------------------------------------

    def add(self, coded: CodedArticle, content_hash: str, source: Optional[str] = None) -> bool:
        """Store one coded article with its events, places and quotes, and fuse its events, all or nothing.

        Returns False, changing nothing, when this content (hash) is stored, now or as an earlier version.
        The same article with new text (same id, or same URL) is an update: the stored version's coded
        JSON moves to `article_versions`, its events leave their fused events, and the new text's
        events take their place. A stored article resolves earlier failures recorded for it.
        """
        if not content_hash:
            raise ValueError("content_hash is required")
        art = coded.article
        conn = self.conn

        def work() -> bool:
            if conn.execute("SELECT 1 FROM articles WHERE content_hash = ? UNION ALL "
                            "SELECT 1 FROM article_versions WHERE content_hash = ? LIMIT 1",
                            (content_hash, content_hash)).fetchone():
                return False
            touched: set[int] = set()
            for (old_pk,) in conn.execute("SELECT pk FROM articles WHERE id = ? OR (? IS NOT NULL AND url = ?)",
                                          (art.id, art.url, art.url)).fetchall():
                touched |= self._retire(old_pk)
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
            touched |= self._fuse_article(pk, content_hash)
            self._refresh_clusters(touched)
            conn.execute("DELETE FROM failures WHERE article_id = ? OR content_hash = ?",
                         (art.id, content_hash))
            return True

        return self._transaction(work)

    def _retire(self, article_pk: int) -> set[int]:
        """Move a stored article's coded JSON to its history and delete it; the fused events it was part
        of are returned, to be rebuilt from the reports that remain."""
        conn = self.conn
        conn.execute("""INSERT INTO article_versions (article_id, url, content_hash, coded, source, ingested_at,
                        replaced_at) SELECT id, url, content_hash, coded, source, ingested_at, ? FROM articles
                        WHERE pk = ?""", (_now(), article_pk))
        clusters = {r[0] for r in conn.execute(
            "SELECT DISTINCT cluster_pk FROM events WHERE article_pk = ? AND cluster_pk IS NOT NULL", (article_pk,))}
        conn.execute("DELETE FROM articles WHERE pk = ?", (article_pk,))
        return clusters

    def _fuse_article(self, article_pk: int, content_hash: str) -> set[int]:
        """Give each event of a just-stored article its fused event: an existing one it matches
        (`fusion.match`) or a new one. Returns the fused events to rebuild."""
        conn = self.conn
        art = conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.pk = ?", (article_pk,)).fetchone()
        article = dict(zip(("id", "title", "url", "outlet", "published"), art))
        claimed: set[int] = set()
        for event_pk, event_id, event_json in conn.execute(
                "SELECT pk, id, json FROM events WHERE article_pk = ? ORDER BY seq", (article_pk,)).fetchall():
            event = json.loads(event_json)
            event["article"] = article
            cluster = None
            window = fusion.candidate_window(event, self.rules)
            if window is not None:
                type_, lowest, highest = window
                candidates = [r[0] for r in conn.execute(
                    "SELECT DISTINCT cluster_pk FROM events WHERE type = ? AND country = ? AND date_start >= ?"
                    " AND date_start <= ? AND article_pk != ? AND cluster_pk IS NOT NULL",
                    (type_, fusion._country(event), lowest, highest, article_pk))]
                groups = {c: self._members(c) for c in candidates if c not in claimed}
                found = fusion.matches(event, groups.items(), self.rules)
                if found:
                    cluster = found[0]
                    for other in found[1:]:  # the event links groups that are one event told in pieces
                        if fusion.bridge(groups[cluster], groups[other], self.rules):
                            conn.execute("UPDATE events SET cluster_pk = ? WHERE cluster_pk = ?", (cluster, other))
                            groups[cluster] = groups[cluster] + groups.pop(other)
                            conn.execute("DELETE FROM clusters WHERE pk = ?", (other,))
            if cluster is None:
                fused_id = "f-" + hashlib.sha256(f"{event_id}|{content_hash}".encode()).hexdigest()[:16]
                cluster = conn.execute("INSERT INTO clusters (id, type) VALUES (?, ?)",
                                       (fused_id, event["type"])).lastrowid
            claimed.add(cluster)
            conn.execute("UPDATE events SET cluster_pk = ? WHERE pk = ?", (cluster, event_pk))
        return claimed

    def _members(self, cluster_pk: int) -> list[dict]:
        """The reports of one fused event, oldest article first, each with its "article"."""
        rows = self.conn.execute(
            f"SELECT e.json, {_ARTICLE_COLUMNS} FROM events e JOIN articles a ON a.pk = e.article_pk"
            f" WHERE e.cluster_pk = ? ORDER BY e.article_pk, e.seq", (cluster_pk,))
        return [self._event_dict(row) for row in rows]

    def _refresh_clusters(self, cluster_pks: Iterable[int]) -> None:
        """Rebuild fused records (and their filter columns) from their reports; drop emptied ones."""
        conn = self.conn
        for cpk in sorted(set(cluster_pks)):
            members = self._members(cpk)
            if not members:
                conn.execute("DELETE FROM clusters WHERE pk = ?", (cpk,))
                continue
            fused_id = conn.execute("SELECT id FROM clusters WHERE pk = ?", (cpk,)).fetchone()[0]
            f = fusion.fuse(members, fused_id)
            d, loc, a1, a2 = f["date"] or {}, f["location"] or {}, f["actor1"] or {}, f["actor2"] or {}
            toll, acled = f["fatalities"] or {}, f["acled"] or {}
            cumulative = bool(toll.get("cumulative"))
            start, end = d.get("start") or d.get("end"), d.get("end") or d.get("start")
            country = loc.get("country") or a1.get("country") or a2.get("country")
            conn.execute(
                """UPDATE clusters SET type = ?, status = ?, date_start = ?, date_end = ?, day = ?,
                   location_name = ?, country = ?, admin1 = ?, lat = ?, lon = ?, actor1_name = ?, actor1_fold = ?,
                   actor2_name = ?, actor2_fold = ?, acled_event_type = ?, acled_sub_event_type = ?,
                   fatalities = ?, fatalities_min = ?, fatalities_max = ?, cumulative = ?, n_reports = ?,
                   n_articles = ?, json = ? WHERE pk = ?""",
                (f["type"], f["status"], start, end, end if cumulative else start, loc.get("name"), country,
                 loc.get("admin1"), loc.get("lat"), loc.get("lon"), a1.get("name"), _fold(a1.get("name")),
                 a2.get("name"), _fold(a2.get("name")), acled.get("event_type"), acled.get("sub_event_type"),
                 toll.get("best"), toll.get("min"), toll.get("max"), int(cumulative), len(members),
                 f["n_articles"], _dumps(f), cpk))

    def _fuse_all(self) -> None:
        """Fuse every stored event, article by article in the order they were stored (migration 3)."""
        for pk, content_hash in self.conn.execute("SELECT pk, content_hash FROM articles ORDER BY pk").fetchall():
            self._refresh_clusters(self._fuse_article(pk, content_hash))

    def add_failure(self, failed: FailedArticle, content_hash: Optional[str] = None) -> None:
        """Keep an error or a skip so a user can list it; recording the same failure again is a no-op."""
        ref = failed.article
        key = hashlib.sha256(_dumps([ref.id, ref.source, content_hash, failed.error,
                                     failed.skipped]).encode("utf-8", "surrogatepass")).hexdigest()
        self._transaction(lambda: self.conn.execute(
            """INSERT OR IGNORE INTO failures (key, article_id, source, content_hash, error, skipped,
               language, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (key, ref.id, ref.source, content_hash, failed.error, int(failed.skipped),
             failed.language, _now())))

    # -- reading -----------------------------------------------------------------------------------

    def has(self, article_id: Optional[str] = None, content_hash: Optional[str] = None) -> bool:
        """True when an article with this id or this content hash is stored (either one suffices), or
        when this content hash is an earlier version of a stored article."""
        if article_id is None and content_hash is None:
            return False
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ? OR content_hash = ? UNION ALL "
                                "SELECT 1 FROM article_versions WHERE content_hash = ? LIMIT 1",
                                (article_id, content_hash, content_hash)).fetchone()
        return row is not None

    def is_current(self, content_hash: str) -> bool:
        """True when this exact content is stored (now or as an earlier version): nothing to code.

        Unlike `has`, a known id or URL with new text is not current: it is an update to code and add.
        """
        return self.has(content_hash=content_hash)

    def history(self, article_id: str) -> list[dict]:
        """Every version of an article, oldest first, the stored one last: the versions it replaced
        (same id or same URL, followed from version to version) and itself."""
        ids, urls = {article_id}, set()
        current = self.conn.execute("SELECT id, url, content_hash, ingested_at, coded FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()
        if current and current[1]:
            urls.add(current[1])
        rows: dict[int, tuple] = {}
        while True:
            marks_i, marks_u = ", ".join("?" * len(ids)), ", ".join("?" * len(urls)) or "NULL"
            found = self.conn.execute(
                "SELECT pk, article_id, url, content_hash, ingested_at, replaced_at, coded FROM article_versions"
                f" WHERE article_id IN ({marks_i}) OR url IN ({marks_u})", [*ids, *urls]).fetchall()
            new = [r for r in found if r[0] not in rows]
            if not new:
                break
            for r in new:
                rows[r[0]] = r
                ids.add(r[1])
                if r[2]:
                    urls.add(r[2])
        out = [{"id": r[1], "url": r[2], "content_hash": r[3], "ingested_at": r[4], "replaced_at": r[5],
                "coded": json.loads(r[6])} for _, r in sorted(rows.items())]
        if current:
            out.append({"id": current[0], "url": current[1], "content_hash": current[2],
                        "ingested_at": current[3], "replaced_at": None, "coded": json.loads(current[4])})
        return out

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

    def articles(self, ids: Optional[Iterable[str]] = None) -> Iterable[dict]:
        """Stored coded articles (contract JSON) in the order they were stored; only `ids` when given."""
        if ids is None:
            for (coded,) in self.conn.execute("SELECT coded FROM articles ORDER BY pk"):
                yield json.loads(coded)
            return
        for article_id in ids:
            found = self.article(article_id)
            if found is not None:
                yield found

    def _where(self, table: str, country=None, admin1=None, type=None, acled_type=None, since=None,
               until=None, actor=None, text=None, near=None, min_fatalities=None) -> tuple[list[str], list]:
        """SQL conditions for the filters, on the events table (alias e) or the fused events (alias c)."""
        t = table
        where: list[str] = []
        params: list[Any] = []
        if country:
            where.append(f"{t}.country = ?")
            params.append(country.upper())
        if admin1:
            where.append(f"{t}.admin1 = ? COLLATE NOCASE")
            params.append(admin1)
        if type:
            where.append(f"{t}.type = ?")
            params.append(type)
        if acled_type:
            where.append(f"({t}.acled_event_type = ? OR {t}.acled_sub_event_type = ?)")
            params += [acled_type, acled_type]
        if since and t == "c":
            # A fused event counts on one day (`day`): it is kept when that day is within the bounds,
            # at the bounds' own precision ("2024-03" = all of March); an index serves the range.
            where.append("c.day >= ?")
            params.append(_check_bound("since", since))
        elif since:
            # Compare at the bound's own precision: "2024-03" keeps everything ending in March or later.
            where.append(f"substr(COALESCE({t}.date_end, {t}.date_start), 1, ?) >= ?")
            params += [len(since), _check_bound("since", since)]
        if until and t == "c":
            where.append("c.day <= ?")
            params.append(_check_bound("until", until) + "~")  # "~" sorts after any digit or "-"
        elif until:
            where.append(f"substr(COALESCE({t}.date_start, {t}.date_end), 1, ?) <= ?")
            params += [len(until), _check_bound("until", until)]
        if near is not None:
            circle = Near.parse(near)
            lat0, lat1, lon0, lon1 = circle.box()
            where.append(f"{t}.lat BETWEEN ? AND ? AND {t}.lon BETWEEN ? AND ? "
                         f"AND sitrep_km({t}.lat, {t}.lon, ?, ?) <= ?")
            params += [lat0, lat1, lon0, lon1, circle.lat, circle.lon, circle.km]
        members = "e" if t == "e" else "m"
        member_where: list[str] = []
        member_params: list[Any] = []
        if actor:
            member_where.append(f"(instr({members}.actor1_fold, ?) > 0 OR instr({members}.actor2_fold, ?) > 0)")
            member_params += [actor.casefold(), actor.casefold()]
        if text is not None:
            query = _fts_query(text)
            if not query:
                member_where.append("0")
            else:
                member_where.append(f"{members}.article_pk IN "
                                    f"(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
                member_params.append(query)
        if member_where:
            if t == "e":
                where += member_where
            else:  # a fused event matches when any of its reports does
                where.append("EXISTS (SELECT 1 FROM events m WHERE m.cluster_pk = c.pk AND "
                             + " AND ".join(member_where) + ")")
            params += member_params
        if min_fatalities is not None:
            where.append("COALESCE(e.fatalities_min, e.fatalities_max) >= ?" if t == "e" else "c.fatalities >= ?")
            params.append(int(min_fatalities))
        return where, params

    def events(self, country: Optional[str] = None, type: Optional[str] = None,
               acled_type: Optional[str] = None, since: Optional[str] = None,
               until: Optional[str] = None, actor: Optional[str] = None, text: Optional[str] = None,
               min_fatalities: Optional[int] = None, limit: Optional[int] = None,
               admin1: Optional[str] = None, near: "str | tuple | Near | None" = None) -> EventList:
        """Every report matching every given filter, one per article that tells it, ordered by date
        (undated last) then id. Each is the contract Event plus "article" and "fused_id" (its fused event).

        since/until (YYYY, YYYY-MM or YYYY-MM-DD) keep events whose date range overlaps the bounds;
        undated events are left out once a bound is given. min_fatalities compares the toll's lower
        bound (its upper bound when only that is known). near: (lat, lon, km) or "LAT,LON,KM".
        """
        where, params = self._where("e", country=country, admin1=admin1, type=type, acled_type=acled_type,
                                    since=since, until=until, actor=actor, text=text, near=near,
                                    min_fatalities=min_fatalities)
        order = (" ORDER BY COALESCE(e.date_start, e.date_end) IS NULL, COALESCE(e.date_start, e.date_end),"
                 " e.date_end, e.id, e.article_pk, e.seq")
        condition = " WHERE " + " AND ".join(where) if where else ""
        if limit is not None:
            # Pick the page from narrow index entries first (events_list covers the usual filters and the
            # order), then read the JSON of those rows only: sorting whole rows costs 100x more.
            condition = f" WHERE e.pk IN (SELECT e.pk FROM events e{condition}{order} LIMIT ?)"
            params.append(max(0, int(limit)))
        sql = (f"SELECT e.json, {_ARTICLE_COLUMNS}, c.id FROM events e JOIN articles a ON a.pk = e.article_pk"
               f" LEFT JOIN clusters c ON c.pk = e.cluster_pk{condition}{order}")
        out = EventList()
        for row in self.conn.execute(sql, params):
            event = self._event_dict(row[:6])
            event["fused_id"] = row[6]
            out.append(event)
        return out

    def fused_events(self, country: Optional[str] = None, type: Optional[str] = None,
                     acled_type: Optional[str] = None, since: Optional[str] = None,
                     until: Optional[str] = None, actor: Optional[str] = None, text: Optional[str] = None,
                     min_fatalities: Optional[int] = None, limit: Optional[int] = None,
                     admin1: Optional[str] = None, near: "str | tuple | Near | None" = None,
                     offset: int = 0) -> EventList:
        """One record per real-world event (`fusion.fuse`: chosen fields, `sources`, `fields` saying which
        source says what, tolls with every claim), matching every filter, ordered by date then id.

        Filters as in `events`, except: since/until keep the events whose day (the day it counts on: its
        start, a running toll's end) falls within them, as `stats` counts them; actor and text match when
        any report of the event matches; min_fatalities compares the fused toll (the highest well-sourced
        claim).
        """
        where, params = self._where("c", country=country, admin1=admin1, type=type, acled_type=acled_type,
                                    since=since, until=until, actor=actor, text=text, near=near,
                                    min_fatalities=min_fatalities)
        # Undated last; with a date bound there are none, and the plain order lets an index serve it.
        order = " ORDER BY c.day, c.pk" if since or until else " ORDER BY c.day IS NULL, c.day, c.pk"
        sql = "SELECT c.json FROM clusters c" + (" WHERE " + " AND ".join(where) if where else "") + order
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else max(0, int(limit)), max(0, int(offset))]
        return EventList(json.loads(row[0]) for row in self.conn.execute(sql, params))

    def fused_event(self, fused_id: str) -> Optional[dict]:
        row = self.conn.execute("SELECT json FROM clusters WHERE id = ?", (fused_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def stats(self, by: str = "day", **filters: Any) -> list[dict]:
        """Fused events that happened (occurred, alleged, denied), counted by `by` (STATS_KEYS).

        Each row: {"key", "events", "reports", "fatalities", "running_total"}. `events` counts incidents;
        `fatalities` adds up each incident's fused toll once (the highest well-sourced claim, never one per
        report); running tolls ("the war has killed 10,000") are never added: `running_total` is the
        highest one in the group. Time groups are ordered by time; others by events, most first.
        """
        if by not in STATS_KEYS:
            raise ValueError(f"by must be one of {', '.join(STATS_KEYS)}, got {by!r}")
        filters.pop("limit", None)
        where, params = self._where("c", **filters)
        marks = ", ".join("?" * len(_COUNTED_STATUSES))
        where.append(f"c.status IN ({marks})")
        params += list(_COUNTED_STATUSES)
        key = STATS_KEYS[by]
        order = "key IS NULL, key" if by in ("day", "week", "month") else "events DESC, key"
        sql = (f"SELECT {key} AS key, COALESCE(SUM(c.cumulative = 0), 0) AS events,"
               f" COALESCE(SUM(CASE WHEN c.cumulative = 0 THEN c.n_reports END), 0),"
               f" COALESCE(SUM(CASE WHEN c.cumulative = 0 THEN c.fatalities END), 0),"
               f" MAX(CASE WHEN c.cumulative = 1 THEN c.fatalities END)"
               f" FROM clusters c WHERE {' AND '.join(where)} GROUP BY key ORDER BY {order}")
        return [{"key": r[0], "events": r[1], "reports": r[2], "fatalities": r[3], "running_total": r[4]}
                for r in self.conn.execute(sql, params)]

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
        """Counts, events by type and by country, the deadliest incidents and the largest running tolls.

        Tolls are ranked, never added up. A running toll ("the war has killed 500,000") is no incident:
        it would top every list of deadliest events and hide the incidents it already contains, so it
        is ranked apart (`running_tolls`), the same toll repeated by several articles listed once.
        `fused_events` counts real-world events (reports of one event from several articles count once).
        """
        out: dict[str, Any] = self.counts()
        out = {k: out[k] for k in ("articles", "failed", "skipped", "events")}
        out["fused_events"] = self.conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0]
        out["by_type"] = dict(self.conn.execute(
            "SELECT type, COUNT(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"))
        out["by_country"] = dict(self.conn.execute(
            "SELECT country, COUNT(*) AS n FROM events WHERE country IS NOT NULL "
            "GROUP BY country ORDER BY n DESC, country"))
        out["deadliest"] = self._deadliest(top, cumulative=False)
        out["running_tolls"] = self._deadliest(top, cumulative=True)
        return out

    # -- helpers -----------------------------------------------------------------------------------

    def _deadliest(self, top: int, cumulative: bool) -> list[dict]:
        """The `top` events with the highest tolls, incidents or running tolls (`cumulative`)."""
        if top <= 0:
            return []
        marks = ", ".join("?" * len(_COUNTED_STATUSES))
        rows = self.conn.execute(
            f"SELECT e.json, {_ARTICLE_COLUMNS}, e.fatalities_min, e.fatalities_max, e.country"
            f" FROM events e JOIN articles a ON a.pk = e.article_pk"
            f" WHERE COALESCE(e.fatalities_max, e.fatalities_min) > 0 AND e.status IN ({marks})"
            f" AND COALESCE(e.cumulative, 0) = ?"
            f" ORDER BY COALESCE(e.fatalities_max, e.fatalities_min) DESC, e.fatalities_min DESC,"
            f" a.published, e.id",
            (*_COUNTED_STATUSES, int(cumulative)))
        result: list[dict] = []
        seen: set[tuple] = set()
        for row in rows:
            if cumulative:  # the same running toll told again is not a new entry
                if row[6:] in seen:
                    continue
                seen.add(row[6:])
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
