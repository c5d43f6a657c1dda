"""The `sitrep` command: a thin layer over `sitrep.code_many`, `sitrep.ingest` and `sitrep.store`."""
from __future__ import annotations

import csv
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

import click

from . import __version__
from .records import FailedArticle, json_schema

INPUT_FORMATS = ["auto", "text", "html", "jsonl"]


def _published_option(f):
    return click.option("--published", metavar="YYYY-MM-DD", default=None,
                        help="Reference date for relative dates ('on Friday'); overrides the article's own.")(f)


def _db_option(f):
    return click.option("--db", "db", default=None, metavar="FILE",
                        help="The store: a SQLite file (default $SITREP_DB, else ./sitrep.db).")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
def main() -> None:
    """sitrep: structured, sourced event data from raw news."""


@main.command("code")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json", show_default=True)
@_published_option
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True)
def code_command(paths: tuple[str, ...], fmt: str, published: Optional[str], input_format: str) -> None:
    """Code articles (files, folders, or standard input) and print the coded articles."""
    from .coder import code_many
    from .ingest import read_inputs

    _check_date(published)
    results = code_many(read_inputs(list(paths), input_format, stdin=sys.stdin.buffer), published=published)
    coded = failed = 0
    collected = []
    for result in results:
        if isinstance(result, FailedArticle):
            failed += not result.skipped
            click.echo(("skipped: " if result.skipped else "error: ") + result.error, err=True)
        else:
            coded += 1
        if fmt == "jsonl":
            click.echo(result.model_dump_json(exclude_none=False))
        elif fmt == "table":
            _print_table(result)
        else:
            collected.append(result.model_dump(mode="json"))
    if fmt == "json":
        payload = collected[0] if len(collected) == 1 else collected
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    if coded == 0 and failed > 0:
        sys.exit(1)  # the input as a whole was unusable


@main.command("ingest")
@click.argument("paths", nargs=-1)
@_db_option
@_published_option
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True)
@click.option("--samples", is_flag=True, help="Ingest the sample corpus that ships with sitrep.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest_command(paths, db, published, input_format, samples, quiet) -> None:
    """Code articles and keep them in the store. The same article twice adds nothing."""
    from tqdm import tqdm

    from .article import Article
    from .coder import code_many
    from .ingest import read_inputs
    from .store import Store, default_db_path

    _check_date(published)
    paths = list(paths) + (sample_paths() if samples else [])
    if not paths:
        raise click.UsageError("give files or folders to ingest, '-' for standard input, or --samples")
    path = default_db_path(db)
    added = already = failed = skipped = 0
    with Store(path) as store:
        hashes: dict[int, str] = {}

        def fresh() -> Iterable:
            nonlocal already
            for position, item in enumerate(read_inputs(paths, input_format, stdin=sys.stdin.buffer)):
                if isinstance(item, Article):
                    item.ensure_id()
                    if store.has(article_id=item.id, content_hash=item.content_hash):
                        already += 1
                        continue
                    hashes[id(item)] = item.content_hash
                yield item

        items = list(fresh())
        keyed = [(hashes.get(id(i)), getattr(i, "source", None)) for i in items]
        bar = tqdm(total=len(items), unit="article", disable=quiet, file=sys.stderr)
        for (content_hash, source), result in zip(keyed, code_many(items, published=published)):
            bar.update(1)
            if isinstance(result, FailedArticle):
                store.add_failure(result, content_hash=content_hash)
                skipped += result.skipped
                failed += not result.skipped
                tqdm.write(("skipped: " if result.skipped else "error: ") + result.error, file=sys.stderr)
            elif store.add(result, content_hash or "", source=source):
                added += 1
            else:
                already += 1
        bar.close()
    click.echo(f"{path}: {added} added, {already} already stored, {skipped} skipped, {failed} failed")


@main.command("events")
@_db_option
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
    from .store import Store, default_db_path

    path = default_db_path(db)
    if not Path(path).exists():
        raise click.ClickException(f"{path}: no such store; run 'sitrep ingest' first")
    with Store(path) as store:
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
            click.echo(_event_line(row, row.get("article") or {}))
        click.echo(f"{len(rows)} events", err=True)


@main.command("summary")
@_db_option
@click.option("--top", type=int, default=5, show_default=True, help="How many deadliest events to show.")
def summary_command(db, top) -> None:
    """What the store holds: articles, events by type and country, the deadliest events."""
    from .store import Store, default_db_path

    path = default_db_path(db)
    if not Path(path).exists():
        raise click.ClickException(f"{path}: no such store; run 'sitrep ingest' first")
    with Store(path) as store:
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
        click.echo("  " + _event_line(row, row.get("article") or {}))
        source = row.get("reported_by") or {}
        article = row.get("article") or {}
        click.echo(f"      source: {source.get('name') or article.get('outlet') or '?'}; "
                   f"{article.get('title') or ''} {article.get('url') or ''}".rstrip())


@main.command("schema")
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Write to this file.")
def schema_command(out) -> None:
    """The JSON Schema of `sitrep code` output, generated from the record types."""
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def sample_paths() -> list[str]:
    folder = resources.files("sitrep") / "samples"
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith((".jsonl", ".txt")))


def _check_date(value: Optional[str]) -> None:
    import datetime as dt

    if value is None:
        return
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint="--published")


def _print_table(result) -> None:
    if isinstance(result, FailedArticle):
        click.echo(f"# {result.article.id or result.article.source}: {result.error}")
        return
    article = result.article
    click.echo(f"# {article.id}  {article.title or ''}  ({article.published or 'date unknown'}, "
               f"{article.outlet or 'outlet unknown'}): {len(result.events)} events")
    for event in result.events:
        click.echo("  " + _event_line(event.model_dump(mode="json"), {}))


def _event_line(row: dict, article: dict) -> str:
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


if __name__ == "__main__":  # pragma: no cover
    main()
