"""``python -m bot stories`` and ``python -m bot check``: the catalog, listed or validated."""

from __future__ import annotations

import argparse
import json
import sys

from bot.app import build_app
from bot.commands import Command
from bot.config import Settings
from bot.core.loader import load_stories
from bot.render.text import render_text


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


def check_stories(settings: Settings) -> int:
    """Every story file's problems on stderr; the exit status says whether there were any.

    The config itself has been validated before this runs (see ``bot.cli.main``).
    """
    result = load_stories(settings.bot.briefs_dir)
    problems = [str(p) for p in result.problems]
    if not problems:
        print(f"ok: config valid, {len(result.stories)} stories in {settings.bot.briefs_dir}")
    return report_problems(problems)


def report_problems(problems: list[str]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
    return 1 if problems else 0


STORIES = Command("stories", "list the stories", run_stories, _stories_arguments)
CHECK = Command("check", "validate the config and every story file", lambda args, s: check_stories(s))
