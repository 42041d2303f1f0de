"""The command line: ``python -m bot <command>``. Its output formats are a contract for other tools."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.config import ConfigError, Settings, load_settings
from bot.core.answering import Answer
from bot.core.desk import NewsDesk
from bot.core.library import StoryLibrary
from bot.core.memory import ConversationMemory
from bot.feeds import cli as feeds_cli
from bot.render.discord_payload import message_payload
from bot.render.text import render_text

log = logging.getLogger("bot")


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

    ask = sub.add_parser("ask", help="answer a question (or JSON lines from stdin with --jsonl)")
    _common(ask)
    ask.add_argument("question", nargs="*", help="the question")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument(
        "--jsonl", action="store_true", help="read JSON lines {id, question, conversation?} on stdin"
    )

    stories = sub.add_parser("stories", help="list the stories")
    _common(stories)
    stories.add_argument("--json", action="store_true", help="print a JSON array with each story's text")

    brief = sub.add_parser("brief", help="print today's brief")
    _common(brief)
    brief.add_argument("--topics", nargs="+", metavar="TOPIC", help="only these topics (or story ids)")
    brief.add_argument("--date", type=dt.date.fromisoformat, help="the brief's day (default: today)")
    brief.add_argument(
        "--since", type=dt.date.fromisoformat, help="the previous brief's day: older news is not new"
    )
    brief.add_argument("--json", action="store_true", help="print the exact Discord message payload")

    console = sub.add_parser("console", help="chat with the bot in this terminal")
    _common(console)

    check = sub.add_parser("check", help="validate the config and every story file")
    _common(check)

    run = sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)")
    _common(run)

    sync = sub.add_parser("sync", help="register the slash commands with Discord")
    _common(sync)
    sync.add_argument(
        "--guild", type=int, metavar="ID", help="sync to one server (instant) instead of globally"
    )
    for name, arguments, help_text in (
        ("feeds", feeds_cli.feeds_arguments, feeds_cli.FEEDS_HELP),
        ("proposals", feeds_cli.proposals_arguments, feeds_cli.PROPOSALS_HELP),
    ):
        command = sub.add_parser(name, help=help_text)
        _common(command)
        arguments(command)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    if args.briefs is not None:
        settings.bot.briefs_dir = args.briefs
    return settings


def make_desk(settings: Settings) -> NewsDesk:
    memory = ConversationMemory(
        ttl=settings.answering.conversation_ttl_minutes * 60,
        max_conversations=settings.answering.max_conversations,
    )
    return NewsDesk(StoryLibrary.load(settings.bot.briefs_dir, memory))


def answer_json(answer: Answer) -> dict[str, Any]:
    return {
        "story": answer.story.id if answer.story else None,
        "score": answer.score,
        "answer": answer.text,
        "date": answer.date.isoformat() if answer.date else None,
        "suggestions": [s.id for s in answer.suggestions],
    }


def cmd_ask(args: argparse.Namespace, desk: NewsDesk) -> int:
    answerer = desk.library.answerer
    if args.jsonl:
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("not a JSON object")
                question = item.get("question")
                if not isinstance(question, str):
                    question = "" if question is None else str(question)
                conversation = item.get("conversation")
                key = json.dumps(conversation) if conversation is not None else None
                result = answer_json(answerer.ask(question, key))
                result.pop("date")
                out = {"id": item.get("id"), **result}
            except ValueError as exc:
                out = {
                    "id": None,
                    "error": f"line {number}: {exc}",
                    "story": None,
                    "score": 0.0,
                    "answer": None,
                    "suggestions": [],
                }
            print(json.dumps(out, ensure_ascii=False), flush=False)
        return 0
    question = " ".join(args.question)
    if args.json:
        print(json.dumps(answer_json(answerer.ask(question)), ensure_ascii=False))
    else:
        print(render_text(desk.ask(question)))
    return 0


def cmd_stories(args: argparse.Namespace, desk: NewsDesk) -> int:
    if args.json:
        rows = [
            {
                "id": s.id,
                "title": s.title,
                "topic": s.topic,
                "summary": s.summary,
                "updated": s.updated.isoformat(),
                "aliases": list(s.aliases),
                "sources": [src.publisher for src in s.sources],
                "text": s.searchable_text(),
            }
            for s in desk.library.stories
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(render_text(desk.stories()))
    return 0


def cmd_brief(args: argparse.Namespace, desk: NewsDesk) -> int:
    day = args.date or dt.date.today()  # noqa: DTZ011 - "today" is the reader's local day here
    unknown = desk.unknown_topics(args.topics or ())
    if unknown:
        print(
            f"unknown topic(s): {', '.join(unknown)}; topics are: {', '.join(desk.topics())}", file=sys.stderr
        )
        return 2
    reply = desk.brief(day, args.topics, args.since)
    if args.json:
        print(json.dumps(message_payload(reply), ensure_ascii=False, indent=2))
    else:
        print(render_text(reply))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    problems: list[str] = []
    try:
        settings = _settings(args)
    except ConfigError as exc:
        problems.append(f"config: {exc}")
        settings = None
    if settings is not None:
        from bot.core.loader import load_stories

        result = load_stories(settings.bot.briefs_dir)
        problems += [str(p) for p in result.problems]
        if not problems:
            print(f"ok: config valid, {len(result.stories)} stories in {settings.bot.briefs_dir}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command == "check":
        return cmd_check(args)
    try:
        settings = _settings(args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    logging.getLogger().setLevel(
        settings.bot.log_level if args.command in (None, "run", "console") else "WARNING"
    )
    command = args.command
    if command is None:
        command = "run" if settings.token else "console"
        if command == "console":
            print("No Discord token configured (DISCORD_TOKEN): starting the local console.", file=sys.stderr)
    if command in ("run", "sync"):
        if not settings.token:
            print(
                "error: no Discord token. Set DISCORD_TOKEN (or [discord] token in the config file).",
                file=sys.stderr,
            )
            return 2
        from bot.discord_app.runner import run_discord, sync_commands

        if command == "run":
            return run_discord(settings)
        return sync_commands(settings, args.guild)
    if command in feeds_cli.HANDLERS:
        return feeds_cli.HANDLERS[command](args, settings)
    desk = make_desk(settings)
    if command == "console":
        from bot.console import run_console

        return run_console(desk, settings)
    handlers = {"ask": cmd_ask, "stories": cmd_stories, "brief": cmd_brief}
    return handlers[command](args, desk)


if __name__ == "__main__":
    sys.exit(main())
