"""The `sitrep` command: a thin layer over `sitrep.code_many`, `sitrep.ingest` and `sitrep.store`."""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Optional

import click

from . import __version__
from .records import FailedArticle, json_schema
from .store_cli import db_option, event_line

INPUT_FORMATS = ["auto", "text", "html", "jsonl", "csv", "tsv", "warc", "feed"]


def _columns_option(f):
    return click.option("--columns", metavar="FIELD=COLUMN,...", default=None,
                        help="CSV/TSV column mapping, e.g. text=body,published=date,id=doc_id.")(f)


def _columns(spec: Optional[str]) -> Optional[dict]:
    from .ingest.table import parse_columns

    try:
        return parse_columns(spec) or None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--columns")


def _published_option(f):
    return click.option("--published", metavar="YYYY-MM-DD", default=None,
                        help="Reference date for relative dates ('on Friday'); overrides the article's own.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
def main() -> None:
    """sitrep: structured, sourced event data from raw news."""


_budget_option = click.option(
    "--budget", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
    help="Time budget per article: one that runs over it is recorded as failed (default: 30; 0: no budget).")


@main.command("code")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json", show_default=True)
@_published_option
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True)
@_columns_option
@_budget_option
def code_command(paths: tuple[str, ...], fmt: str, published: Optional[str], input_format: str,
                 columns: Optional[str], budget: Optional[float]) -> None:
    """Code articles (files, folders, or standard input) and print the coded articles."""
    from .coder import code_many
    from .ingest import read_inputs

    _check_date(published)
    items = read_inputs(list(paths), input_format, stdin=sys.stdin.buffer, columns=_columns(columns))
    results = code_many(items, published=published, budget_s=budget)
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
@_columns_option
@click.option("--samples", is_flag=True, help="Ingest the sample corpus that ships with sitrep.")
@click.option("--keep-copies", is_flag=True, help="Code near copies of stored articles too (wire stories).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@_budget_option
def ingest_command(paths, db, published, input_format, columns, samples, keep_copies, quiet,
                   budget: Optional[float]) -> None:
    """Code articles and keep them in the store. The same article twice adds nothing."""
    from tqdm import tqdm

    from .ingest import read_inputs
    from .ingest.duplicates import DuplicateIndex
    from .ingest.into_store import ingest
    from .store import Store, StoreError, default_db_path

    _check_date(published)
    paths = list(paths) + (sample_paths() if samples else [])
    if not paths:
        raise click.UsageError("give files, folders or URLs to ingest, '-' for standard input, or --samples")
    path = default_db_path(db)
    items = read_inputs(paths, input_format, stdin=sys.stdin.buffer, columns=_columns(columns))
    bar = tqdm(unit="article", disable=quiet, file=sys.stderr)
    try:
        with Store(path) as store:
            duplicates = DuplicateIndex(path)  # kept up to date with --keep-copies too
            try:
                tally = ingest(store, items, published=published, duplicates=duplicates, budget_s=budget,
                               skip_copies=not keep_copies, on_result=lambda result: bar.update(1))
            finally:
                duplicates.close()
    except StoreError as error:
        raise click.ClickException(str(error))
    finally:
        bar.close()
    for message in tally.messages:
        click.echo(message, err=True)
    click.echo(f"{path}: {tally}")


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
    from .api.cli import COMMANDS as API_COMMANDS
    from .check import check
    from .evaluate.cli import evaluate
    from .ingest.cli import watch
    from .scale.cli import batch, load
    from .store_cli import COMMANDS as STORE_COMMANDS

    for command in (*STORE_COMMANDS, watch, batch, load, *API_COMMANDS, check, evaluate):
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
