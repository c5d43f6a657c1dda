"""Commands that bring news in: `sitrep watch` (a thin layer over `sitrep.watch.Watcher`)."""
from __future__ import annotations

import signal
import sys
import threading

import click


def _db_option(f):
    return click.option("--db", "db", default=None, metavar="FILE",
                        help="The store: a SQLite file (default $SITREP_DB, else ./sitrep.db).")(f)


@click.command("watch")
@click.argument("sources", nargs=-1, required=True, metavar="FEED_OR_URL...")
@click.option("--every", default="10m", show_default=True, metavar="INTERVAL",
              help="Time between two polls of the sources: 90s, 10m, 1h.")
@click.option("--once", is_flag=True, help="Poll each source once and stop.")
@_db_option
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="Reference date for relative dates, instead of each article's own.")
@click.option("--host-interval", type=float, default=1.0, show_default=True, metavar="SECONDS",
              help="Least time between two requests to the same host.")
@click.option("--timeout", type=float, default=10.0, show_default=True, metavar="SECONDS",
              help="Give up on a server silent for this long (after retries).")
@click.option("--quiet", is_flag=True, help="Only errors.")
def watch(sources, every, once, db, published, host_interval, timeout, quiet) -> None:
    """Poll RSS/Atom feeds (or pages), code only new items and keep them in the store.

    What was taken is remembered in the store, so a restart fetches only new items. Ctrl-C stops after
    the article in hand; a second Ctrl-C abandons it (nothing half stored).
    """
    from sitrep.fetch import Fetcher
    from sitrep.store import Store, default_db_path
    from sitrep.watch import Watcher, parse_interval

    try:
        interval = parse_interval(every)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--every")
    path = default_db_path(db)
    stop = threading.Event()

    def on_interrupt(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        click.echo("watch: stopping after the article in hand (Ctrl-C again to abandon it)", err=True)

    def log(line: str) -> None:
        if not quiet or line.startswith("error"):
            click.echo("watch: " + line, err=True)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    fetcher = Fetcher(timeout=timeout, per_host_interval=host_interval)
    try:
        with Store(path) as store:
            watcher = Watcher(store, fetcher=fetcher, published=published, log=log, stop=stop)
            try:
                total = watcher.run(sources, every=interval, once=once)
            finally:
                watcher.duplicates.close()
    except KeyboardInterrupt:
        click.echo("watch: abandoned the article in hand; nothing of it was stored", err=True)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGINT, previous)
    click.echo(f"{path}: {total.line()}")


COMMANDS = [watch]
