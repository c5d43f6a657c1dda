"""`sitrep evaluate`: the group that gathers every stage's evaluation command.

Each module of this package (but `cli` and `common`) that defines a click command named `command` is a
subcommand, named after the module. They are imported only when `sitrep evaluate` runs, so an
evaluation never slows down, or breaks, the rest of the command line.
"""
from __future__ import annotations

import importlib
import pkgutil
from typing import Optional

import click

_NOT_COMMANDS = {"cli", "common", "gold_notes"}


class _Stages(click.Group):
    def _modules(self) -> list[str]:
        from .. import evaluate as package

        return sorted(info.name for info in pkgutil.iter_modules(package.__path__)
                      if info.name not in _NOT_COMMANDS)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name.replace("_", "-") for name in self._modules()]

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        module_name = name.replace("-", "_")
        if module_name not in self._modules():
            return None
        module = importlib.import_module(f"{__package__}.{module_name}")
        command = getattr(module, "command", None)
        return command if isinstance(command, click.Command) else None


@click.group("evaluate", cls=_Stages)
def evaluate() -> None:
    """Score a stage of sitrep against gold data (figures, not impressions)."""
