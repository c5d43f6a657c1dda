"""Commands over the store: list events, count them, export them, summarise. A thin layer over
`sitrep.store.Store` and `sitrep.exports`."""
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
    from .store import Store, StoreError, default_db_path

    path = default_db_path(db)
    if not Path(path).exists():
        raise click.ClickException(f"{path}: no such store; run 'sitrep ingest' first")
    try:
        return path, Store(path)
    except StoreError as error:
        raise click.ClickException(str(error)) from None


def filter_options(f):
    """The filters every store command takes (the keyword arguments of Store.events/fused_events)."""
    options = [
        click.option("--country", help="ISO 3166-1 alpha-3 of where it happened (e.g. SYR)."),
        click.option("--admin1", help="First-level division where it happened (e.g. Idlib)."),
        click.option("--type", "type_", help="PLOVER type (e.g. ASSAULT)."),
        click.option("--acled-type", help="ACLED event type or sub-event type."),
        click.option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", help="Up to this date."),
        click.option("--actor", help="Part of an actor's name."),
        click.option("--near", metavar="LAT,LON,KM", help="Within KM kilometres of a point."),
        click.option("--text", help="Full-text search in the articles."),
        click.option("--min-fatalities", type=int),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _filters(country, admin1, type_, acled_type, since, until, actor, near, text, min_fatalities) -> dict:
    from .store import Near

    if near is not None:
        try:
            near = Near.parse(near)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--near") from None
    return {"country": country, "admin1": admin1, "type": type_, "acled_type": acled_type, "since": since,
            "until": until, "actor": actor, "near": near, "text": text, "min_fatalities": min_fatalities}


@click.command("events")
@db_option
@filter_options
@click.option("--fused", is_flag=True,
              help="One row per real-world event with all its sources, not one per article that tells it.")
@click.option("--limit", type=int, default=None)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def events_command(db, country, admin1, type_, acled_type, since, until, actor, near, text, min_fatalities,
                   fused, limit, fmt) -> None:
    """List stored events, filtered."""
    filters = _filters(country, admin1, type_, acled_type, since, until, actor, near, text, min_fatalities)
    path, store = _open_existing(db)
    with store:
        try:
            rows = (store.fused_events if fused else store.events)(limit=limit, **filters)
        except ValueError as error:
            raise click.BadParameter(str(error))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _write_csv(rows)
    else:
        for row in rows:
            line = event_line(row, row.get("article") or {})
            if fused:
                line += f"  [{len(row.get('sources') or [])} reports, {row.get('n_articles')} articles]"
            click.echo(line)
        click.echo(f"{len(rows)} events", err=True)


@click.command("stats")
@db_option
@filter_options
@click.option("--by", type=click.Choice(["day", "week", "month", "country", "admin1", "type", "actor"]),
              default="month", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def stats_command(db, country, admin1, type_, acled_type, since, until, actor, near, text, min_fatalities,
                  by, fmt) -> None:
    """Count real-world events and their dead by day, week, month, country, admin1, type or actor.

    Each event counts once however many articles tell it; its toll is the highest well-sourced claim;
    running tolls ("the war has killed 10,000") are shown apart and never added to incident tolls.
    """
    filters = _filters(country, admin1, type_, acled_type, since, until, actor, near, text, min_fatalities)
    path, store = _open_existing(db)
    with store:
        try:
            rows = store.stats(by=by, **filters)
        except ValueError as error:
            raise click.BadParameter(str(error))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow([by, "events", "reports", "fatalities", "running_total"])
        for r in rows:
            writer.writerow([r["key"], r["events"], r["reports"], r["fatalities"], r["running_total"]])
        return
    click.echo(f"{by:<24} {'events':>7} {'reports':>8} {'killed':>8} {'running total':>14}")
    for r in rows:
        running = "" if r["running_total"] is None else r["running_total"]
        click.echo(f"{str(r['key'] if r['key'] is not None else '?'):<24} {r['events']:>7} {r['reports']:>8} "
                   f"{r['fatalities']:>8} {running:>14}")
    total = sum(r["fatalities"] for r in rows)
    click.echo(f"{'total':<24} {sum(r['events'] for r in rows):>7} {sum(r['reports'] for r in rows):>8} "
               f"{total:>8}")


@click.command("export")
@db_option
@filter_options
@click.option("--format", "fmt", required=True,
              type=click.Choice(["jsonl", "acled-csv", "cameo-tsv", "parquet", "geojson", "hxl-csv"]),
              help="jsonl: the contract, one coded article per line; the others: one row per real-world event.")
@click.option("--out", "out", default="-", show_default=True, metavar="PATH",
              help="File to write ('-': standard output); a folder for parquet.")
def export_command(db, country, admin1, type_, acled_type, since, until, actor, near, text, min_fatalities,
                   fmt, out) -> None:
    """Export stored events for other tools: ACLED CSV, CAMEO/GDELT TSV, Parquet, GeoJSON, HXL CSV, JSONL."""
    from .exports import export

    filters = _filters(country, admin1, type_, acled_type, since, until, actor, near, text, min_fatalities)
    if fmt == "parquet" and out == "-":
        raise click.BadParameter("Parquet is written to a folder", param_hint="--out")
    path, store = _open_existing(db)
    with store:
        try:
            n = export(store, fmt, out, **filters)
        except ValueError as error:
            raise click.BadParameter(str(error))
        except OSError as error:
            raise click.ClickException(f"{out}: cannot write ({error.strerror or error})") from None
    click.echo(f"{n} records written to {'standard output' if out == '-' else out} ({fmt})", err=True)


@click.command("summary")
@db_option
@click.option("--top", type=int, default=5, show_default=True,
              help="How many deadliest incidents (and largest running tolls) to show.")
def summary_command(db, top) -> None:
    """What the store holds: articles, events by type and country, the deadliest incidents."""
    path, store = _open_existing(db)
    with store:
        s = store.summary(top=top)
    click.echo(f"{path}: {s['articles']} articles coded, {s['events']} events "
               f"({s['fused_events']} real-world events once reports are fused; "
               f"{s['skipped']} articles skipped, {s['failed']} failed)")
    click.echo("\nEvents by type:")
    for key, n in sorted(s["by_type"].items(), key=lambda kv: -kv[1]):
        click.echo(f"  {key:<10} {n:>5}")
    click.echo("\nEvents by country (where it happened, else the actor's):")
    for key, n in sorted(s["by_country"].items(), key=lambda kv: -kv[1])[:15]:
        click.echo(f"  {key or '?':<10} {n:>5}")
    for heading, rows in (("Deadliest incidents", s["deadliest"]),
                          ("Largest running tolls (over a period; never added up)", s["running_tolls"])):
        if not rows:
            continue
        click.echo(f"\n{heading}:")
        for row in rows:
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
        art = r.get("article") or ((r.get("sources") or [{}])[0].get("article") or {})
        writer.writerow([r.get("id"), d.get("start"), d.get("end"), r.get("type"), r.get("cameo"),
                         acled.get("event_type"), acled.get("sub_event_type"), r.get("status"), a1.get("name"),
                         a1.get("country"), a2.get("name"), a2.get("country"), loc.get("name"),
                         loc.get("country"), loc.get("admin1"), loc.get("lat"), loc.get("lon"), f.get("min"),
                         f.get("max"), f.get("cumulative"), (r.get("reported_by") or {}).get("name"),
                         art.get("id"), art.get("url")])




COMMANDS = [events_command, summary_command, stats_command, export_command]
