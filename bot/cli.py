"""The command line: ``python -m bot <command>``. Its output formats are a contract for other tools.

Each subcommand lives in its own module under :mod:`bot.commands`; this module only parses the
command line, reads the settings and dispatches. Nothing imports it but ``bot.__main__``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.commands import Command, ask, brief, catalog, feeds, frontends, review, status
from bot.config import ConfigError, Settings, load_settings

COMMANDS: tuple[Command, ...] = (
    ask.COMMAND,
    catalog.STORIES,
    brief.COMMAND,
    frontends.CONSOLE,
    catalog.CHECK,
    frontends.RUN,
    frontends.SYNC,
    feeds.FEEDS,
    feeds.PROPOSALS,
    review.REVIEW,
    status.COMMAND,
)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--briefs", type=Path, metavar="DIR", help="story records folder (default: from config)"
    )
    parser.add_argument(
        "--config", type=Path, metavar="FILE", help="config file (default: ./config.toml if any)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="News briefing bot. Without a command: Discord when a token is set, else the console.",
    )
    _common(parser)
    sub = parser.add_subparsers(dest="command", metavar="command")
    for command in COMMANDS:
        sub_parser = sub.add_parser(command.name, help=command.help)
        _common(sub_parser)
        command.arguments(sub_parser)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    if args.briefs is not None:
        settings.bot.briefs_dir = args.briefs
    return settings


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = _settings(args)
    except ConfigError as exc:
        if args.command == "check":  # check lists problems; it does not stop at the first
            return catalog.report_problems([f"config: {exc}"])
        print(f"error: {exc}", file=sys.stderr)
        return 2
    name = args.command
    if name is None:
        name = "run" if settings.token else "console"
        if name == "console":
            print("No Discord token configured (DISCORD_TOKEN): starting the local console.", file=sys.stderr)
    command = next(c for c in COMMANDS if c.name == name)
    # APScheduler logs every job added, paused or run at INFO: noise between the console's answers.
    # The engine logs what matters (each brief's outcome) itself.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger().setLevel(
        settings.bot.log_level if command.verbose or args.command is None else "WARNING"
    )
    return command.run(args, settings)


if __name__ == "__main__":
    sys.exit(main())
