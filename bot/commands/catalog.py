"""``python -m bot stories`` and ``python -m bot check``: the catalog, listed or validated."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

from sqlalchemy import make_url

from bot.app import build_app
from bot.commands import Command
from bot.config import Settings
from bot.core.loader import load_stories
from bot.render.text import render_text
from bot.scheduling.times import InvalidTimeError, parse_post_time
from bot.storage.database import Database


def _stories_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print a JSON array with each story's text")


def run_stories(args: argparse.Namespace, settings: Settings) -> int:
    desk = build_app(settings).desk
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


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-database", action="store_true", help="do not try to connect to the configured database"
    )


def config_problems(settings: Settings) -> list[str]:
    """What the settings' types cannot say: values only the code that uses them can judge."""
    problems = []
    if settings.console.brief_time is not None:
        try:
            parse_post_time(settings.console.brief_time)
        except InvalidTimeError as exc:
            problems.append(f"config: [console] brief_time: {exc}")
    return problems


def new_sqlite_problem(url: str) -> str | None:
    """For a SQLite file that does not exist yet, whether the bot could create it: None (yes) or the
    problem; "" when this does not apply (not SQLite, or the file exists: connect to check it).
    The check must not leave an empty file behind."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or Path(parsed.database).exists():
        return ""
    folder = Path(parsed.database).resolve().parent
    if folder.is_dir() and os.access(folder, os.W_OK):
        return None
    return f"config: [database] url: cannot create {parsed.database}: {folder} is not a writable folder"


async def database_problem(url: str) -> str | None:
    """None when the database answers; else one line saying why not (never the URL's password)."""
    try:
        database = await Database.connect(url, migrate=False)
    except Exception as exc:
        text = str(exc).strip().splitlines()
        return f"config: [database] url: cannot connect: {type(exc).__name__}: {text[0] if text else ''}"[
            :400
        ]
    await database.close()
    return None


def check(args: argparse.Namespace, settings: Settings) -> int:
    """Every config and story file problem on stderr; the exit status says whether there were any.

    The config's types have been validated before this runs (see ``bot.cli.main``).
    """
    problems = config_problems(settings)
    if not args.no_database:
        problem = new_sqlite_problem(settings.database.url)
        if problem == "":
            problem = asyncio.run(database_problem(settings.database.url))
        if problem:
            problems.append(problem + " (use --no-database to skip this check)")
    result = load_stories(settings.bot.briefs_dir)
    problems += [str(p) for p in result.problems]
    if not problems:
        database = "" if args.no_database else ", database reachable"
        print(f"ok: config valid{database}, {len(result.stories)} stories in {settings.bot.briefs_dir}")
    return report_problems(problems)


def report_problems(problems: list[str]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
    return 1 if problems else 0


STORIES = Command("stories", "list the stories", run_stories, _stories_arguments)
CHECK = Command(
    "check", "validate the config, the database connection and every story file", check, _check_arguments
)
