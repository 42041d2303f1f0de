"""Fan-out from several bot processes (shards) sharing one database and, when given, one Redis budget.

The parent runs the fake Discord (``shard_count = processes``, a global limit of ``rate`` requests per
second on the token, 5 per 5 s per channel), creates the database, schedules every guild for the same
minute, and starts one ``python -m benchmarks fanout-shard`` process per shard. Each child builds the
real bot through ``build_app`` (its own shard, the deployment's budget of ``requests_per_second``,
Redis when given), connects, and reports ready; the parent then tells all children to run the due
instant (``run_due(now=instant)``) at once and measures until the last one is done.

Measured: total time against the floor (guilds / budget, and guilds / Discord's limit), the 429s the
fake served, and exactly-once from the fake's messages: duplicates and losses per channel. And why a
429 happens: each shard stamps a request with the moment the budget let it go (a header, taken with
``time.perf_counter``, one clock for every process on Linux), so the parent reports the delay from
that grant to the request's arrival at the fake (p50, p99, max) and the busiest second of arrivals
(Discord's limit is 50 in a fixed window; any 1-s interval holding at most 50 means no window can).
"""

from __future__ import annotations

import asyncio
import contextvars
import gc
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from benchmarks.fanout import BRIEFS, PER_CHANNEL, _build_world, _database_url, _due_instant
from benchmarks.generate import ROOT
from benchmarks.report import Result

NAME = "fanout-shards"
BUDGET = 40.0  # the bot's default [discord] requests_per_second
REPORT_LIMIT = 2**24  # a shard's one-line report holds a delay per request it made
GRANTED_HEADER = "X-Fanout-Granted"  # perf_counter() when the budget let the request go

# The budget's last grant in this task: set by the wrapped acquire, turned into a header by the trace.
_granted: contextvars.ContextVar[float | None] = contextvars.ContextVar("fanout_granted", default=None)


def _busiest_second(times: list[float]) -> int:
    """The most of ``times`` in any interval [t, t + 1 s)."""
    ordered, most, first = sorted(times), 0, 0
    for last, at in enumerate(ordered):
        while ordered[first] <= at - 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


async def _longest_stall(tick: float = 0.01) -> float:
    """Until cancelled, how late (ms) this process's event loop woke a 10-ms sleep, at worst: requests
    reaching the fake meanwhile wait in its socket and are then counted at once, in one window."""
    worst = 0.0
    try:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(tick)
            worst = max(worst, time.perf_counter() - before - tick)
    except asyncio.CancelledError:
        return worst * 1000


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def _parent(
    guilds: int,
    processes: int,
    rate: float,
    backend: str,
    redis_url: str | None,
    budget: float,
    concurrency: int,
    progress: Callable[[str], None],
) -> list[Result]:
    from bot.storage.database import Database
    from bot.storage.repository import Repository
    from tests.fake_discord import FakeDiscord

    label = f"{processes} process{'es' if processes > 1 else ''}" + (" + Redis" if redis_url else "")
    out: list[Result] = []

    def add(metric: str, value: float, unit: str, note: str = "") -> None:
        out.append(Result(f"{NAME} ({label})", guilds, metric, float(value), unit, note))

    world, fake_guilds = _build_world(guilds)
    channel_of = {g.id: g.channels[0].id for g in fake_guilds}
    async with (
        _database_url(backend) as url,
        FakeDiscord(
            world=world,
            guilds=fake_guilds,
            shard_count=processes,
            global_rate=rate,
            per_channel=PER_CHANNEL,
            interaction_deadline=None,
        ) as fake,
    ):
        database = await Database.connect(url)
        try:
            repository = Repository(database)
            wall_now = datetime.now(UTC)
            instant = _due_instant(wall_now)
            for guild_id, channel_id in channel_of.items():
                await repository.set_schedule(
                    guild_id,
                    channel_id=channel_id,
                    post_time=instant.strftime("%H:%M"),
                    timezone="UTC",
                    now=wall_now,
                )
        finally:
            await database.close()
        progress(f"{NAME}: starting {label} for {guilds:,} guilds")
        children = []
        for shard in range(processes):
            cmd = [sys.executable, "-m", "benchmarks", "fanout-shard", fake.api_base, fake.gateway_url, url]
            cmd += [str(shard), str(processes), instant.isoformat(), str(budget), str(concurrency)]
            cmd += [redis_url or "-"]
            children.append(
                await asyncio.create_subprocess_exec(
                    *cmd,
                    cwd=ROOT,
                    stdin=asyncio.subprocess.PIPE,
                    stdout=asyncio.subprocess.PIPE,
                    limit=REPORT_LIMIT,
                )
            )
        for child in children:
            assert child.stdout is not None
            line = await asyncio.wait_for(child.stdout.readline(), timeout=600)
            if line.strip() != b"ready":
                raise RuntimeError(f"a shard process failed to start: {line!r}")
        hits = fake.ratelimiter.global_hits, fake.ratelimiter.channel_hits
        mark = fake.mark()
        progress(f"{NAME}: {guilds:,} briefs due, {label}, Discord limit {rate:g}/s, budget {budget:g}/s")
        # No garbage collection in the fake during the run: a full one stalled it ~0.2 s at 2,000 guilds
        # (its world) and ~0.6 s at 10,000 (the requests it records), and the requests it then read
        # at once landed in one window. A pause of the measuring instrument, not of Discord's limiter.
        gc.collect()
        gc.disable()
        stalls = asyncio.create_task(_longest_stall())
        started = time.perf_counter()
        for child in children:
            assert child.stdin is not None
            child.stdin.write(b"go\n")
            await child.stdin.drain()
        reports: list[dict[str, Any]] = []
        for child in children:
            assert child.stdout is not None
            reports.append(json.loads(await child.stdout.readline()))
        elapsed = time.perf_counter() - started
        stalls.cancel()
        longest_stall = await stalls
        gc.enable()
        for child in children:
            await child.wait()
        posts = fake.requests_to("POST", "/channels/{id}/messages", since=mark)
        counted = [  # what the fake's global limit counts (interactions are exempt)
            r for r in fake.requests[mark:] if not r.path.startswith(("/interactions/", "/webhooks/"))
        ]
        granted = [(float(r.headers[GRANTED_HEADER]), r.at) for r in counted if GRANTED_HEADER in r.headers]
        delays = [(at - grant) * 1000 for grant, at in granted]
        bot_id = str(fake.bot_user.id)
        per_channel = Counter(
            int(m["channel_id"]) for m in fake.messages.values() if m["author"]["id"] == bot_id
        )
        targets = set(channel_of.values())
        add("processes", processes, "count", "shards, one per process")
        add("all posted", elapsed, "s", "go to the last process done")
        add("floor at budget", guilds / budget, "s", f"guilds / requests_per_second ({budget:g})")
        add("ratio to floor", elapsed / (guilds / budget), "x")
        add("floor at Discord's limit", guilds / rate, "s", f"guilds / {rate:g}")
        add("POST requests", len(posts), "count", "accepted + refused")
        add("429 global", fake.ratelimiter.global_hits - hits[0], "count", "target 0")
        add("429 per channel", fake.ratelimiter.channel_hits - hits[1], "count")
        add(
            "busiest second at the fake",
            _busiest_second([r.at for r in counted]),
            "requests",
            f"limit {rate:g}",
        )
        add(
            "busiest second of grants",
            _busiest_second([g for g, _ in granted]),
            "requests",
            f"budget {budget:g}",
        )
        add("grant to arrival p50", _percentile(delays, 0.5), "ms", "budget's grant to the fake's arrival")
        add("grant to arrival p99", _percentile(delays, 0.99), "ms")
        add("grant to arrival max", max(delays, default=float("nan")), "ms")
        written = [ms for r in reports for ms in r.get("written", [])]
        add("grant to written p99", _percentile(written, 0.99), "ms", "in the shard: to headers sent")
        add("grant to written max", max(written, default=float("nan")), "ms")
        add("fake's longest stall", longest_stall, "ms", "its event loop late by this much (10-ms ticks)")
        missed = sum(r.get("missed", 0) for r in reports)
        add("slots missed", missed, "count", "late for its slot: took another")
        add("requests without a grant", len(counted) - len(granted), "count", "not paced by the budget")
        add("duplicates", sum(1 for c in targets if per_channel.get(c, 0) > 1), "count")
        add("lost", sum(1 for c in targets if per_channel.get(c, 0) < 1), "count")
        add("posted outcome", sum(r["posted"] for r in reports), "count")
        add("briefs rendered", sum(r["rendered"] for r in reports), "count", "render once: per process")
    return out


async def _child(argv: list[str]) -> None:
    """One shard process: the real bot for shard ``shard`` of ``shards``, run at the parent's word."""
    import logging

    from bot.app import build_app
    from bot.config import Settings
    from bot.discord_app.client import new_bot
    from bot.discord_app.endpoints import point_discord_at
    from bot.scheduling.engine import Outcome
    from tests.fake_discord.harness import test_client_options

    api_base, gateway, url, shard, shards, instant, budget, concurrency, redis_url = argv
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    settings = Settings()
    settings.bot.briefs_dir = BRIEFS
    settings.bot.reload_seconds = 0
    settings.database.url = url
    settings.schedule.max_concurrency = int(concurrency)
    settings.discord.shard_count = int(shards)
    settings.discord.shard_ids = [int(shard)]
    settings.discord.requests_per_second = float(budget)
    settings.redis.url = None if redis_url == "-" else redis_url
    point_discord_at(api_base, gateway)
    bot = new_bot(build_app(settings), **test_client_options())
    written = _stamp_grants(bot)
    task = asyncio.create_task(bot.start("test-token"))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 600
    while not (bot.is_ready() and bot.app.schedules is not None and bot.app.schedules.engine.running):
        if task.done() or loop.time() > deadline:
            raise RuntimeError("the shard process did not become ready")
        await asyncio.sleep(0.05)
    service = bot.app.schedules
    await service.engine.drain()
    print("ready", flush=True)
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    await reader.readline()
    results = await service.engine.run_due(now=datetime.fromisoformat(instant))
    posted = sum(1 for r in results if r.outcome is Outcome.POSTED)
    missed = getattr(bot.app.rate_budget, "missed", 0)  # slots given back, the request late for them
    report = {"posted": posted, "rendered": service.briefs.rendered, "missed": missed, "written": written}
    print(json.dumps(report), flush=True)
    await bot.close()
    await asyncio.wait_for(task, timeout=10)


def _stamp_grants(bot: Any) -> list[float]:
    """Note when the bot's budget lets each request go, and send that moment along as a header.

    Returns the list that will hold, per paced request, the ms from the grant until its headers
    were written (this process's own share of the grant-to-arrival delay).
    """
    import aiohttp

    budget = bot.app.rate_budget
    acquire = budget.acquire
    written: list[float] = []

    async def acquire_and_note() -> None:
        await acquire()
        _granted.set(time.perf_counter())

    budget.acquire = acquire_and_note

    async def stamp(session: Any, context: Any, params: aiohttp.TraceRequestStartParams) -> None:
        granted = _granted.get()
        if granted is not None:
            params.headers[GRANTED_HEADER] = f"{granted:.6f}"
            context.granted = granted
            _granted.set(None)

    async def sent(session: Any, context: Any, params: Any) -> None:
        if hasattr(context, "granted"):
            written.append((time.perf_counter() - context.granted) * 1000)

    if bot.http.http_trace is None:  # the session is made at login, with this trace
        bot.http.http_trace = aiohttp.TraceConfig()
    bot.http.http_trace.on_request_start.append(stamp)
    bot.http.http_trace.on_request_headers_sent.append(sent)
    return written


def child_main(argv: list[str]) -> int:
    # FANOUT_PROFILE=<folder>: each shard process writes cProfile stats there (shard-<n>.prof).
    folder = os.environ.get("FANOUT_PROFILE")
    if not folder:
        asyncio.run(_child(argv))
        return 0
    import cProfile

    profile = cProfile.Profile()
    profile.runcall(asyncio.run, _child(argv))
    profile.dump_stats(os.path.join(folder, f"shard-{argv[3]}.prof"))
    return 0


def run(
    guilds: int,
    processes: int,
    rate: float = 50.0,
    database: str = "postgresql",
    redis_url: str | None = None,
    budget: float = BUDGET,
    concurrency: int = 10,
    progress: Callable[[str], None] = lambda message: None,
    compare: bool = True,
) -> list[Result]:
    """N processes; with ``compare``, the same fan-out from one process first."""
    results: list[Result] = []
    runs = [1, processes] if compare and processes > 1 else [processes]
    for count in runs:
        results += asyncio.run(
            _parent(guilds, count, rate, database, redis_url, budget, concurrency, progress)
        )
    return results
