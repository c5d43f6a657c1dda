"""The commands `sitrep serve`, `sitrep keys` and `sitrep report`: thin layers over `sitrep.api` and
`sitrep.report`. The lead registers them on the main `sitrep` group (see COMMANDS)."""
from __future__ import annotations

import datetime as dt
import ipaddress
import os
from pathlib import Path

import click

from sitrep.store_cli import db_option


def _existing_db(db) -> str:
    from sitrep.store import default_db_path

    path = default_db_path(db)
    if not Path(path).exists():
        raise click.ClickException(f"{path}: no such store; run 'sitrep ingest' first")
    return path


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, type=int, show_default=True)
@click.option("--max-body", default=None, type=int, metavar="BYTES",
              help="Largest request body accepted (default 6 MiB: a 5 MB article and its envelope).")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Allow browser pages from this origin to call the API (repeatable). None by default.")
@click.option("--workers", default=1, type=int, show_default=True, help="Server processes.")
def serve_command(db, host, port, max_body, cors_origins, workers) -> None:
    """Serve the HTTP API (docs at /docs) and the dashboard (at /) over a store."""
    import uvicorn

    from .app import MAX_BODY_BYTES, create_app

    path = _existing_db(db)
    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach it can read this store", err=True)
    click.echo(f"sitrep: dashboard at http://{host}:{port}/ , API docs at http://{host}:{port}/docs", err=True)
    if workers > 1:
        os.environ["SITREP_API_DB"] = os.path.abspath(path)
        os.environ["SITREP_API_MAX_BODY"] = str(max_body or MAX_BODY_BYTES)
        os.environ["SITREP_API_CORS"] = "\n".join(cors_origins)
        uvicorn.run("sitrep.api.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning", access_log=False)
    else:
        app = create_app(path, max_body=max_body or MAX_BODY_BYTES, cors_origins=tuple(cors_origins))
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@click.group("keys")
def keys_group() -> None:
    """API keys for the write endpoints (POST /api/articles)."""


@keys_group.command("create")
@click.argument("name")
@db_option
def keys_create(name, db) -> None:
    """Make a key for NAME and print it (the only time it is shown)."""
    from sitrep.store import Store, default_db_path

    from .keys import KeyRing

    path = default_db_path(db)
    Store(path).close()  # a key may be made before the first ingest
    with KeyRing(path) as ring:
        try:
            key = ring.create(name)
        except ValueError as error:
            raise click.BadParameter(str(error))
    click.echo(key)


@keys_group.command("list")
@db_option
def keys_list(db) -> None:
    """The keys of a store (never the keys themselves: their names and first characters)."""
    from .keys import KeyRing

    with KeyRing(_existing_db(db)) as ring:
        for k in ring.list():
            state = f"revoked {k['revoked_at']}" if k["revoked_at"] else "active"
            click.echo(f"{k['id']:>4}  {k['name']:<24} {k['prefix']}…  made {k['created_at']}  {state}")


@keys_group.command("revoke")
@click.argument("which")
@db_option
def keys_revoke(which, db) -> None:
    """Revoke a key, given its id (from `keys list`), its name (all of them) or the key itself."""
    from .keys import KeyRing

    with KeyRing(_existing_db(db)) as ring:
        n = ring.revoke(which)
    if not n:
        raise click.ClickException(f"no active key matches {which!r}")
    click.echo(f"{n} key{'s' if n != 1 else ''} revoked")


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")


@click.command("report")
@db_option
@click.option("--country", default=None, help="ISO 3166-1 alpha-3 of where events happened (e.g. SYR).")
@click.option("--from", "since", callback=_date, default=None, metavar="YYYY-MM-DD", help="First day covered.")
@click.option("--to", "until", callback=_date, default=None, metavar="YYYY-MM-DD", help="Last day covered.")
@click.option("--title", default=None, help="The report's title (default: from the country and dates).")
@click.option("--top", default=12, type=int, show_default=True, help="How many key events to detail.")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="The HTML file to write.")
def report_command(db, country, since, until, title, top, out) -> None:
    """Write a self-contained HTML situation report (figures, map, timeline, key events, actors)."""
    from sitrep.report import build_report

    if since and until and since > until:
        raise click.BadParameter("--from is after --to")
    html = build_report(_existing_db(db), country=country, since=since, until=until, title=title, top=top)
    Path(out).write_text(html, encoding="utf-8")
    click.echo(f"{out}: situation report written", err=True)


COMMANDS = [serve_command, keys_group, report_command]
