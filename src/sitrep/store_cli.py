"""Commands over the store: list events, summarise. A thin layer over `sitrep.store.Store`."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click


def db_option(f):
    return click.option("--db", "db", default=None, metavar="FILE",
                        help="The store: a SQLite file (default $SITREP_DB, else ./sitrep.db).")(f)


def _open_existing(db):
    from .store import Store, default_db_path

    path = default_db_path(db)
    if not Path(path).exists():
        raise click.ClickException(f"{path}: no such store; run 'sitrep ingest' first")
    return path, Store(path)


@click.command("events")
@db_option
@click.option("--country", help="ISO 3166-1 alpha-3 of where it happened (e.g. SYR).")
@click.option("--type", "type_", help="PLOVER type (e.g. ASSAULT).")
@click.option("--acled-type", help="ACLED event type or sub-event type.")
@click.option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Up to this date.")
@click.option("--actor", help="Part of an actor's name.")
@click.option("--text", help="Full-text search in the articles.")
@click.option("--min-fatalities", type=int)
@click.option("--limit", type=int, default=None)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def events_command(db, country, type_, acled_type, since, until, actor, text, min_fatalities, limit, fmt) -> None:
    """List stored events, filtered."""
    path, store = _open_existing(db)
    with store:
        try:
            rows = store.events(country=country, type=type_, acled_type=acled_type, since=since, until=until,
                                actor=actor, text=text, min_fatalities=min_fatalities, limit=limit)
        except ValueError as error:
            raise click.BadParameter(str(error))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _write_csv(rows)
    else:
        for row in rows:
            click.echo(event_line(row, row.get("article") or {}))
        click.echo(f"{len(rows)} events", err=True)


@click.command("summary")
@db_option
@click.option("--top", type=int, default=5, show_default=True, help="How many deadliest events to show.")
def summary_command(db, top) -> None:
    """What the store holds: articles, events by type and country, the deadliest events."""
    path, store = _open_existing(db)
    with store:
        s = store.summary(top=top)
    click.echo(f"{path}: {s['articles']} articles coded, {s['events']} events "
               f"({s['skipped']} articles skipped, {s['failed']} failed)")
    click.echo("\nEvents by type:")
    for key, n in sorted(s["by_type"].items(), key=lambda kv: -kv[1]):
        click.echo(f"  {key:<10} {n:>5}")
    click.echo("\nEvents by country (where it happened, else the actor's):")
    for key, n in sorted(s["by_country"].items(), key=lambda kv: -kv[1])[:15]:
        click.echo(f"  {key or '?':<10} {n:>5}")
    click.echo("\nDeadliest events:")
    for row in s["deadliest"]:
        click.echo("  " + event_line(row, row.get("article") or {}))
        source = row.get("reported_by") or {}
        article = row.get("article") or {}
        click.echo(f"      source: {source.get('name') or article.get('outlet') or '?'}; "
                   f"{article.get('title') or ''} {article.get('url') or ''}".rstrip())


def event_line(row: dict, article: dict | None = None) -> str:
    """One event on one line: date, type, CAMEO, who -> whom @ where, toll, status, ACLED."""
    date = (row.get("date") or {}).get("start") or "?"
    actor = lambda a: (a or {}).get("name") or "-"  # noqa: E731
    loc = row.get("location") or {}
    place = f"{loc.get('name')}, {loc.get('country')}" if loc else "-"
    deaths = row.get("fatalities") or {}
    toll = ""
    if deaths.get("min") is not None or deaths.get("max") is not None:
        toll = f" killed {deaths.get('min')}" + (f"-{deaths['max']}" if deaths.get("max") not in (None, deaths.get("min")) else "+" if deaths.get("max") is None else "")
        toll += " (running total)" if deaths.get("cumulative") else ""
    acled = (row.get("acled") or {}).get("sub_event_type")
    status = "" if row.get("status") == "occurred" else f" [{row.get('status')}]"
    return (f"{date:<10} {row.get('type'):<9} {row.get('cameo') or '':<5} {actor(row.get('actor1'))} -> "
            f"{actor(row.get('actor2'))} @ {place}{toll}{status}" + (f"  ({acled})" if acled else ""))


def _write_csv(rows: list[dict]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(["event_id", "date_start", "date_end", "type", "cameo", "acled_event_type",
                     "acled_sub_event_type", "status", "actor1", "actor1_country", "actor2", "actor2_country",
                     "location", "country", "admin1", "lat", "lon", "fatalities_min", "fatalities_max",
                     "cumulative", "reported_by", "article_id", "url"])
    for r in rows:
        d, loc, f = r.get("date") or {}, r.get("location") or {}, r.get("fatalities") or {}
        a1, a2, acled = r.get("actor1") or {}, r.get("actor2") or {}, r.get("acled") or {}
        art = r.get("article") or {}
        writer.writerow([r.get("id"), d.get("start"), d.get("end"), r.get("type"), r.get("cameo"),
                         acled.get("event_type"), acled.get("sub_event_type"), r.get("status"), a1.get("name"),
                         a1.get("country"), a2.get("name"), a2.get("country"), loc.get("name"),
                         loc.get("country"), loc.get("admin1"), loc.get("lat"), loc.get("lon"), f.get("min"),
                         f.get("max"), f.get("cumulative"), (r.get("reported_by") or {}).get("name"),
                         art.get("id"), art.get("url")])




COMMANDS = [events_command, summary_command]
