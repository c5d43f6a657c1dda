"""`sitrep evaluate`: the group that gathers every stage's evaluation command."""
from __future__ import annotations

import importlib
import pkgutil

import click


@click.group("evaluate")
def evaluate() -> None:
    """Score a stage of sitrep against gold data (figures, not impressions)."""


def _discover() -> None:
    from .. import evaluate as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name in ("cli", "common"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        command = getattr(module, "command", None)
        if isinstance(command, click.Command):
            evaluate.add_command(command, name=info.name.replace("_", "-"))


_discover()
