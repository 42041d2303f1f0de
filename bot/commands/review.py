"""``python -m bot review list|show|accept|reject|new [ID] [--story ...]``: the review without Discord.

The parsing and the sentences live in :mod:`bot.review.actions`, shared with ``/review`` in the
console; this module only opens the app and prints.
"""

from __future__ import annotations

import argparse
import asyncio

from bot.app import build_app
from bot.commands import Command
from bot.config import Settings
from bot.review.actions import HELP, review_arguments, review_text, user_name

__all__ = ["REVIEW", "run_review"]


def run_review(args: argparse.Namespace, settings: Settings) -> int:
    async def body() -> int:
        app = build_app(settings)
        try:
            code, text = await review_text(await app.open_review(), args, f"cli:{user_name()}")
        finally:
            await app.close()
        print(text)
        return code

    return asyncio.run(body())


REVIEW = Command("review", HELP, run_review, review_arguments)
