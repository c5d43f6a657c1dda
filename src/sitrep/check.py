"""`sitrep check`: is this store whole? Run it after a crash, a power cut or a copy.

A store is trusted for weeks of unattended use, so its integrity must be checkable without trusting
the code that wrote it. The check opens the file read-only (it never migrates or repairs) and
reports every problem with where it is: the schema version, SQLite's own integrity and foreign keys,
each event's and quote's rows against the article's coded record, every evidence span's offsets
against the text it points into, and each fused event against the reports it was built from.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

import click

MAX_LISTED = 50          # problems printed one by one before a count of the rest


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the store: where (table, row, field) and what."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def _field_text(article: dict, field: Optional[str]) -> Optional[str]:
    """The text a span's `field` names ("text" when absent, "title", "caption:N"); None if unknown."""
    field = field or "text"
    if field == "text":
        return article.get("text") or ""
    if field == "title":
        return article.get("title") or ""
    if field.startswith("caption:"):
        try:
            index = int(field.split(":", 1)[1])
        except ValueError:
            return None
        captions = article.get("captions") or []
        return captions[index] if 0 <= index < len(captions) else None
    return None


def _spans(value: Any, path: str) -> Iterator[tuple[str, dict]]:
    """Every text span inside a record: a dict with integer start and end (dates have string ones)."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int) \
                and not isinstance(value.get("start"), bool):
            yield path, value
        for key, inner in value.items():
            if key != "article":
                yield from _spans(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _spans(inner, f"{path}[{index}]")


def check_spans(record: Any, article: dict, where: str) -> list[Problem]:
    """Offsets of every span in `record` inside the text of `article` they point into, and the span's
    quoted text equal to what the offsets cut out (surrounding white space aside)."""
    problems = []
    for path, span in _spans(record, ""):
        place = f"{where}{path}"
        text = _field_text(article, span.get("field"))
        start, end = span["start"], span["end"]
        if text is None:
            problems.append(Problem(place, f"field {span.get('field')!r} names no text of the article"))
        elif not 0 <= start <= end <= len(text):
            problems.append(Problem(place, f"offsets {start}..{end} outside the {span.get('field') or 'text'}"
                                           f" ({len(text)} characters)"))
        elif isinstance(span.get("text"), str) and text[start:end].strip() != span["text"].strip():
            problems.append(Problem(place, f"offsets {start}..{end} cut {text[start:end][:40]!r},"
                                           f" not the span's {span['text'][:40]!r}"))
    return problems


def _open_read_only(path: str) -> sqlite3.Connection:
    if not Path(path).is_file():
        raise click.ClickException(f"{path}: no such store")
    conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, timeout=30.0)
    conn.execute("PRAGMA query_only = ON")
    return conn


def check_store(path: str) -> list[Problem]:
    """All problems found in the store at `path` (an empty list: the store is whole)."""
    from sitrep.store import SCHEMA_VERSION

    conn = _open_read_only(path)
    try:
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as err:
            return [Problem(path, f"not a readable SQLite database ({err})")]
        problems = [Problem("sqlite", row[0]) for row in conn.execute("PRAGMA integrity_check")
                    if row[0] != "ok"]
        if version != SCHEMA_VERSION:
            hint = "open it once with this sitrep to migrate it" if version < SCHEMA_VERSION \
                else "it was written by a newer sitrep"
            problems.append(Problem("schema", f"version {version}, this sitrep expects {SCHEMA_VERSION}: {hint}"))
            if version < 1:
                return problems
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            problems.append(Problem(f"{table} row {rowid}", f"refers to a missing {parent} row"))
        problems += _check_articles(conn)
        if version >= 3:
            problems += _check_fused(conn)
        return problems
    finally:
        conn.close()


def _check_articles(conn: sqlite3.Connection) -> list[Problem]:
    problems = []
    rows = conn.execute("SELECT pk, id, title, text, captions, coded FROM articles ORDER BY pk")
    for pk, article_id, title, text, captions, coded in rows:
        where = f"article {article_id}"
        try:
            record = json.loads(coded)
            captions = json.loads(captions)
        except ValueError as err:
            problems.append(Problem(where, f"stored JSON does not parse ({err})"))
            continue
        article = {"title": title, "text": text, "captions": captions}
        stored = record.get("article") or {}
        if stored.get("text", text) != text or stored.get("title", title) != title:
            problems.append(Problem(where, "the coded record's text differs from the stored text"))
        events = record.get("events") or []
        quotes = record.get("quotes") or []
        problems += check_spans(events, article, f"{where} events")
        problems += check_spans(quotes, article, f"{where} quotes")
        problems += check_spans(stored.get("places") or [], article, f"{where} places")
        problems += _check_rows(conn, pk, where, "events", [e.get("id") for e in events])
        problems += _check_rows(conn, pk, where, "quotes", [None] * len(quotes))
        problems += _check_rows(conn, pk, where, "places", [None] * len(stored.get("places") or []))
    return problems


def _check_rows(conn: sqlite3.Connection, article_pk: int, where: str, table: str,
                ids: list[Optional[str]]) -> list[Problem]:
    """The table holds one row per item of the coded record, in order, with the same event ids."""
    columns = "seq, id" if table == "events" else "seq, NULL"
    rows = conn.execute(f"SELECT {columns} FROM {table} WHERE article_pk = ? ORDER BY seq", (article_pk,)).fetchall()
    if len(rows) != len(ids):
        return [Problem(where, f"{len(ids)} {table} in the coded record, {len(rows)} rows in {table}")]
    return [Problem(f"{where} {table}[{seq}]", f"row id {row_id!r}, record id {want!r}")
            for (seq, row_id), want in zip(rows, ids) if want is not None and row_id != want]


def _check_fused(conn: sqlite3.Connection) -> list[Problem]:
    problems = []
    for event_pk, event_id, cluster_pk in conn.execute(
            "SELECT e.pk, e.id, e.cluster_pk FROM events e LEFT JOIN clusters c ON c.pk = e.cluster_pk"
            " WHERE c.pk IS NULL"):
        what = "belongs to no fused event" if cluster_pk is None else f"belongs to missing fused event {cluster_pk}"
        problems.append(Problem(f"event {event_id} (row {event_pk})", what))
    present = {(a, e) for a, e in conn.execute(
        "SELECT a.id, e.id FROM events e JOIN articles a ON a.pk = e.article_pk")}
    for cluster_pk, fused_id, n_reports, fused_json in conn.execute(
            "SELECT pk, id, n_reports, json FROM clusters ORDER BY pk"):
        where = f"fused event {fused_id}"
        members = conn.execute("SELECT COUNT(*) FROM events WHERE cluster_pk = ?", (cluster_pk,)).fetchone()[0]
        if members == 0:
            problems.append(Problem(where, "has no reports left"))
            continue
        if n_reports != members:
            problems.append(Problem(where, f"counts {n_reports} reports, {members} events point to it"))
        try:
            sources = (json.loads(fused_json) or {}).get("sources") or [] if fused_json else []
        except ValueError as err:
            problems.append(Problem(where, f"stored JSON does not parse ({err})"))
            continue
        if len(sources) != members:
            problems.append(Problem(where, f"lists {len(sources)} sources, {members} events point to it"))
        for source in sources:
            key = ((source.get("article") or {}).get("id"), source.get("event_id"))
            if key not in present:
                problems.append(Problem(where, f"source event {key[1]} of article {key[0]} is not in the store"))
    return problems


@click.command("check")
@click.option("--db", "db", default=None, metavar="FILE",
              help="The store: a SQLite file (default $SITREP_DB, else ./sitrep.db).")
def check(db: Optional[str]) -> None:
    """Verify a store's integrity (read-only): schema, foreign keys, offsets, fused events' sources.

    Prints each problem on its own line and exits 1 when there is any, 0 when the store is whole."""
    from sitrep.store import default_db_path

    path = default_db_path(db)
    problems = check_store(path)
    if not problems:
        counts = _counts(path)
        click.echo(f"{path}: ok ({counts})")
        return
    for problem in problems[:MAX_LISTED]:
        click.echo(str(problem), err=False)
    if len(problems) > MAX_LISTED:
        click.echo(f"... and {len(problems) - MAX_LISTED} more")
    click.echo(f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''}", err=True)
    raise SystemExit(1)


def _counts(path: str) -> str:
    conn = _open_read_only(path)
    try:
        parts = []
        for table in ("articles", "events", "quotes", "clusters"):
            try:
                parts.append(f"{conn.execute(f'SELECT COUNT(*) FROM {table}').fetchone()[0]} {table}")
            except sqlite3.Error:
                pass
        return ", ".join(parts)
    finally:
        conn.close()
