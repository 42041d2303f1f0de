"""Discord end to end: many concurrent ``/ask`` interactions against the real NewsBot on the fake Discord.

Latency is the fake's own measure: from the INTERACTION_CREATE frame being sent to the interaction
callback arriving over HTTP, i.e. everything the bot does (gateway parsing, discord.py dispatch, the
answer, rendering, the REST call) as a user would see it, minus the real network.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Sequence
from pathlib import Path
from tempfile import TemporaryDirectory

from benchmarks.catalog import load_dev_questions
from benchmarks.generate import BRIEFS, OFF_TOPIC, generate
from benchmarks.report import Result, Target, percentile

TARGET_P99_MS = 50.0


def _questions(count: int, seed: int = 5) -> list[str]:
    pool = [d["question"] for d in load_dev_questions() if d["question"].strip()] or ["gaza ceasefire"]
    pool += OFF_TOPIC
    rng = random.Random(seed)
    return [rng.choice(pool) for _ in range(count)]


async def _run(interactions: int, concurrency: int, briefs: Path) -> list[Result]:
    from bot.app import build_app
    from bot.config import Settings
    from bot.discord_app.client import new_bot
    from tests.fake_discord import FakeDiscord, run_client, test_client_options

    stories = 0
    with TemporaryDirectory(prefix="discord-e2e-") as scratch:
        async with FakeDiscord(interaction_deadline=3.0) as fake:
            settings = Settings()
            settings.bot.briefs_dir = briefs
            # The bot opens its schedule database at start: a scratch file, not ./newsbrief.sqlite3.
            settings.database.url = f"sqlite+aiosqlite:///{Path(scratch) / 'bot.sqlite3'}"
            settings.bot.reload_seconds = 0  # no file watching during the run
            settings.discord.dev_guild_id = fake.guild.id  # commands synced, so option types are known
            app = build_app(settings)
            stories = len(app.library.stories)
            bot = new_bot(app, **test_client_options())
            async with run_client(bot, fake):
                # A few warm-up rounds so connection setup is not billed to the first questions.
                for question in _questions(5, seed=99):
                    await (await fake.slash_command("ask", {"question": question})).response(timeout=10)
                gate = asyncio.Semaphore(concurrency)
                latencies: list[float] = []
                failures = 0

                async def one(question: str) -> None:
                    nonlocal failures
                    async with gate:
                        handle = await fake.slash_command("ask", {"question": question})
                        try:
                            await handle.response(timeout=10)
                        except Exception:
                            failures += 1
                            return
                        if handle.latency is None or handle.callback_type not in (4, 5):
                            failures += 1
                        else:
                            latencies.append(handle.latency * 1000)

                started = time.perf_counter()
                await asyncio.gather(*(one(q) for q in _questions(interactions)))
                elapsed = time.perf_counter() - started
    out = [
        Result("discord", interactions, "stories", stories, "count"),
        Result("discord", interactions, "concurrency", concurrency, "count"),
        Result("discord", interactions, "answered", len(latencies), "count"),
        Result("discord", interactions, "failed", failures, "count"),
        Result("discord", interactions, "throughput", len(latencies) / elapsed if elapsed else 0, "per s"),
        Result("discord", interactions, "callback p50", percentile(latencies, 50), "ms"),
        Result("discord", interactions, "callback p99", percentile(latencies, 99), "ms"),
        Result("discord", interactions, "callback max", max(latencies, default=float("nan")), "ms"),
    ]
    return out


def run(interactions: int = 500, concurrency: int = 50, stories: int | None = None) -> list[Result]:
    """``stories``: a generated corpus of that size instead of the four real briefs."""
    briefs = generate(stories).directory if stories else BRIEFS
    logging.getLogger("discord").setLevel(logging.WARNING)
    return asyncio.run(_run(interactions, concurrency, briefs))


def targets() -> Sequence[Target]:
    def check(values: dict[tuple[str, int], float]) -> tuple[bool, str] | None:
        p99 = [v for (metric, _), v in values.items() if metric == "callback p99"]
        failed = sum(v for (metric, _), v in values.items() if metric == "failed")
        if not p99:
            return None
        return p99[0] <= TARGET_P99_MS and failed == 0, f"{p99[0]:.1f} ms, {failed:.0f} failed"

    return [Target(f"/ask callback p99 <= {TARGET_P99_MS:g} ms, none failed", check)]
