"""What every evaluation needs: where the gold data are, and how to print figures."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import click


def dev_dir(option: Optional[str] = None) -> Path:
    """The gold data folder: the option, else $SITREP_DEV, else ../shared/dev from the working
    directory or from the source checkout."""
    candidates = [option, os.environ.get("SITREP_DEV"), "../shared/dev",
                  str(Path(__file__).resolve().parents[4] / "shared" / "dev")]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    raise click.ClickException("no gold data found: give --dev DIR or set SITREP_DEV (e.g. ../shared/dev)")


def dev_option(f):
    return click.option("--dev", "dev", default=None, metavar="DIR",
                        help="Gold data folder (default $SITREP_DEV, else ../shared/dev).")(f)


def ratio(hits: int, total: int) -> str:
    return f"{hits / total:.3f} ({hits}/{total})" if total else "n/a (0)"
