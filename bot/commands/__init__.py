"""The subcommands of ``python -m bot``, one small module each, registered in :mod:`bot.cli`.

A subcommand is a :class:`Command`: its name, its help line, its own arguments, and what it runs.
A new one (say ``feeds``) is a new module with a ``COMMAND`` and one line in ``bot.cli.COMMANDS``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from bot.config import Settings


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    return None


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[argparse.Namespace, Settings], int]
    arguments: Callable[[argparse.ArgumentParser], None] = _no_arguments
    # Commands that show the user what happens set the configured log level; the others stay quiet.
    verbose: bool = False
