"""`sitrep batch` and `sitrep load`: a thin layer over `sitrep.scale.batch`."""
from __future__ import annotations

import datetime as dt

import click

from sitrep.scale.batch import PARTITION_SIZE

INPUT_FORMATS = ["auto", "text", "html", "jsonl", "csv", "tsv", "warc"]


@click.command("batch")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for the Parquet results and errors.jsonl (shared by all workers).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="A running Dask scheduler (tcp://host:8786); default: a local cluster on 127.0.0.1.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local cluster (default: one per core).")
@click.option("--partition-size", type=click.IntRange(min=1), default=PARTITION_SIZE, show_default=True,
              help="Articles per task; a rerun skips finished partitions.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True)
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="Reference date for relative dates, instead of each article's own.")
@click.option("--budget", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Time budget per article: one that runs over it is recorded as failed "
                   "(default: 30; 0: no budget).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def batch(paths, out, scheduler, workers, partition_size, input_format, published, budget, quiet) -> None:
    """Code large inputs (JSONL, CSV, WARC, folders) on Dask into Parquet by publication month.

    Rerun the same command after a crash: finished partitions are skipped, the rest is coded.
    """
    from sitrep.scale.batch import run_batch

    if published is not None:
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            raise click.BadParameter(f"{published!r} is not a date in the form YYYY-MM-DD",
                                     param_hint="--published") from None
    if scheduler and workers:
        raise click.UsageError("--workers sizes a local cluster; a --scheduler has its own workers")
    s = run_batch(list(paths), out, scheduler=scheduler, workers=workers, input_format=input_format,
                  partition_size=partition_size, published=published, progress=not quiet,
                  budget_s=budget)
    click.echo(f"{out}: {s.articles} articles coded ({s.events} events), {s.failed_articles} not coded; "
               f"{s.partitions} partitions, {s.skipped_partitions} already done, "
               f"{s.failed_partitions} failed (see errors.jsonl)")
    if s.failed_partitions:
        raise SystemExit(1)


@click.command("load")
@click.argument("out", type=click.Path(exists=True, file_okay=False))
@click.option("--db", "db", default=None, metavar="FILE",
              help="The store: a SQLite file (default $SITREP_DB, else ./sitrep.db).")
def load(out, db) -> None:
    """Bring the results of `sitrep batch` (the folder OUT) into the store. Twice adds nothing."""
    from sitrep.scale.batch import load as load_results
    from sitrep.store import Store, default_db_path

    path = default_db_path(db)
    with Store(path) as store:
        counts = load_results(out, store)
    click.echo(f"{path}: {counts['added']} added, {counts['already']} already stored, "
               f"{counts['failures']} failures recorded")


COMMANDS = (batch, load)
