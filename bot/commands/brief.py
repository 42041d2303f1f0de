"""``python -m bot brief``: the brief that would be posted, as text or as the Discord payload."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from bot.app import build_app
from bot.commands import Command
from bot.config import Settings
from bot.core.briefing import end_of
from bot.render.discord_payload import message_payload
from bot.render.text import render_text


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--topics", nargs="+", metavar="TOPIC", help="only these topics (or story ids)")
    parser.add_argument("--date", type=dt.date.fromisoformat, help="the brief's day (default: today)")
    parser.add_argument(
        "--since",
        type=dt.date.fromisoformat,
        help="the previous brief's day: what was added after it is new (default: the last day)",
    )
    parser.add_argument("--json", action="store_true", help="print the exact Discord message payload")


def run(args: argparse.Namespace, settings: Settings) -> int:
    desk = build_app(settings).desk
    day = args.date or dt.date.today()  # noqa: DTZ011 - "today" is the reader's local day here
    # No server here, so no delivery log: "new" is the last day (before now, or before --date's
    # start), or what was added after the end of --since's day; the brief says which.
    now = None if args.date else dt.datetime.now(dt.UTC)
    seen_at = end_of(args.since) if args.since else None
    unknown = desk.unknown_topics(args.topics or ())
    if unknown:
        print(
            f"unknown topic(s): {', '.join(unknown)}; topics are: {', '.join(desk.topics())}", file=sys.stderr
        )
        return 2
    reply = desk.brief(day, args.topics, args.since, seen_at=seen_at, now=now)
    if args.json:
        print(json.dumps(message_payload(reply), ensure_ascii=False, indent=2))
    else:
        print(render_text(reply))
    return 0


COMMAND = Command("brief", "print today's brief", run, _arguments)
