"""The `sitrep` command: a thin layer over `sitrep.code_many`, `sitrep.ingest` and `sitrep.store`."""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

import click

from . import __version__
from .records import FailedArticle, json_schema
from .store_cli import db_option, event_line

INPUT_FORMATS = ["auto", "text", "html", "jsonl"]


def _published_option(f):
    return click.option("--published", metavar="YYYY-MM-DD", default=None,
                        help="Reference date for relative dates ('on Friday'); overrides the article's own.")(f)


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
@db_option
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
        click.echo("  " + event_line(event.model_dump(mode="json")))


def _register() -> None:
    """Commands that live beside the part of sitrep they expose."""
    from .api.cli import keys_group, report_command, serve_command
    from .evaluate.cli import evaluate
    from .ingest.cli import watch
    from .scale.cli import batch, load
    from .store_cli import COMMANDS as STORE_COMMANDS

    for command in (*STORE_COMMANDS, watch, batch, load, serve_command, keys_group, report_command, evaluate):
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
