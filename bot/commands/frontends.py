"""The long-running front ends: ``console``, ``run`` (Discord) and ``sync`` (register slash commands)."""

from __future__ import annotations

import argparse
import sys

from bot.commands import Command
from bot.config import Settings


def run_console(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import build_app
    from bot.console import run_console

    return run_console(build_app(settings))


def _needs_token(settings: Settings) -> bool:
    if settings.token:
        return True
    print(
        "error: no Discord token. Set DISCORD_TOKEN (or [discord] token in the config file).", file=sys.stderr
    )
    return False


def run_discord(args: argparse.Namespace, settings: Settings) -> int:
    if not _needs_token(settings):
        return 2
    # Imported here: discord.py takes a while to import, and the other commands do not need it.
    from bot.discord_app.runner import run_discord

    return run_discord(settings)


def _sync_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--guild", type=int, metavar="ID", help="sync to one server (instant) instead of globally"
    )


def run_sync(args: argparse.Namespace, settings: Settings) -> int:
    if not _needs_token(settings):
        return 2
    from bot.discord_app.runner import sync_commands

    return sync_commands(settings, args.guild)


CONSOLE = Command("console", "chat with the bot in this terminal", run_console, verbose=True)
RUN = Command("run", "run the Discord bot (needs DISCORD_TOKEN)", run_discord, verbose=True)
SYNC = Command("sync", "register the slash commands with Discord", run_sync, _sync_arguments)
