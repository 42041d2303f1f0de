"""Daily-brief fan-out: N guilds due at the same minute, the real NewsBot, a rate-limited fake Discord.

One process: the fake Discord (aiohttp on 127.0.0.1) and the unmodified bot share one event loop. The
fake holds N guilds with one text channel each (the bot a member whose role may view, send and embed)
and enforces a global limit of ``rate`` requests per second plus its per-channel message limit
(5 per 5 s), answering 429 with Discord's bodies and headers. The bot connects (READY + N
GUILD_CREATEs: timed, not counted), every guild gets a schedule for the same minute through
``Repository.set_schedule`` + ``scheduler.sync_from_database()``, and the due instant is driven with
``BriefScheduler.run_due(now=instant)``: no wall-clock minute is waited for.

Measured: from the start of that ``run_due`` until it returns (every brief posted and recorded), its
ratio to the floor ``N / rate``, the 429s the fake served (global and per channel), and how each
rate-limit window was used (from the fake's request log). Exactly-once is checked, not assumed: each
channel holds exactly one brief, the delivery log holds exactly N ``posted`` rows for the date whose
message ids are those messages, and a second pass over the same instant (the same engine again, then a
fresh engine on its own database connection with another claimer label, as a restarted or second
process would run it) posts nothing.

Then, unless ``capacity=False``, the next day's fan-out runs with the global limit lifted: how fast the
bot itself can go on this machine, i.e. how much headroom it has under the limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import statistics
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.report import Result, Target

NAME = "fanout"
DEFAULT_CONCURRENCY = 10  # the bot's default schedule.max_concurrency
PER_CHANNEL = (5, 5.0)  # the fake's default per-channel message limit
DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
BRIEFS = Path(__file__).resolve().parent.parent / "briefs"
TARGET_RATIO = 1.5  # every brief out within 1.5x the rate-limit floor


class _LogCounter(logging.Handler):
    """Counts WARNING+ records of the bot's and discord.py's loggers (keeping a few) without printing,
    and the engine's INFO lines announcing a retry of a delivery."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.counts: Counter[str] = Counter()
        self.samples: list[str] = []
        self.retries = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING:
            if record.name == "bot.scheduling.engine" and "retrying in" in str(record.msg):
                self.retries += 1
            return
        self.counts[record.levelname] += 1
        if len(self.samples) < 3:
            self.samples.append(f"{record.name} {record.levelname}: {record.getMessage()[:160]}")


@contextlib.contextmanager
def _quiet_logs(counter: _LogCounter):
    """discord.py warns once per 429 ("We are being rate limited"); the fake counts those instead.
    Anything the bot logs at WARNING or above is counted and reported as a metric."""
    saved = []
    for name, level in (("discord", logging.ERROR), ("bot", logging.INFO)):
        logger = logging.getLogger(name)
        saved.append((logger, logger.level, logger.propagate))
        logger.setLevel(level)
        logger.propagate = False
        logger.addHandler(counter)
    try:
        yield counter
    finally:
        for logger, level, propagate in saved:
            logger.removeHandler(counter)
            logger.setLevel(level)
            logger.propagate = propagate


def _build_world(count: int) -> tuple[Any, list[Any]]:
    """The default cast (bot, admin) and ``count`` guilds with one text channel each."""
    from tests.fake_discord.models import (
        BOT_ROLE_PERMISSIONS,
        FakeChannel,
        FakeGuild,
        FakeMember,
        FakeRole,
        default_world,
        new_snowflake,
    )

    world = default_world()
    bot = world.bot
    guilds = []
    for n in range(count):
        gid, cid, rid = new_snowflake(), new_snowflake(), new_snowflake()
        role = FakeRole(rid, bot.username, BOT_ROLE_PERMISSIONS, position=1, managed=True, bot_id=bot.id)
        guilds.append(
            FakeGuild(
                gid,
                f"Fan-out guild {n}",
                owner_id=world.admin.id,
                roles=[role],
                channels=[FakeChannel(cid, "daily-brief")],
                members=[FakeMember(bot, [rid]), FakeMember(world.admin, [])],
                system_channel_id=cid,
            )
        )
    return world, guilds


@contextlib.asynccontextmanager
async def _database_url(backend: str) -> AsyncIterator[str]:
    """A fresh, empty database for this run: a temp SQLite file, or a PostgreSQL database created
    and dropped around the run (server from ``TEST_DATABASE_URL``, as for the storage tests)."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="fanout-") as tmp:
            yield f"sqlite+aiosqlite:///{Path(tmp) / 'fanout.sqlite3'}"
        return
    from sqlalchemy import make_url, text
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    server = make_url(os.environ.get("TEST_DATABASE_URL") or DEFAULT_POSTGRES_URL)
    server = server.set(drivername="postgresql+asyncpg")
    name = f"fanout_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(server, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            async with admin.connect() as conn:
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


def _due_instant(now: datetime) -> datetime:
    """A whole minute three hours ahead: after the schedules' ``effective_from`` (so it is owed), and
    far enough from the wall clock that the bot's own timers and sweeps never fire during the run."""
    return (now + timedelta(hours=3)).replace(second=0, microsecond=0)


def _window_fill(times: Sequence[float], per_window: int) -> float:
    """Median seconds the bot took to send one full window's worth of accepted posts.

    When the run is rate-bound the fake accepts exactly ``per_window`` requests per 1-s window, so
    consecutive chunks of that many accepted posts are the windows. The rest of each second is the
    wait for the window to reset (discord.py sleeping on the 429's ``retry_after``).
    """
    ordered = sorted(times)
    chunks = [ordered[i : i + per_window] for i in range(0, len(ordered), per_window)]
    fills = [chunk[-1] - chunk[0] for chunk in chunks if len(chunk) == per_window and per_window > 1]
    return statistics.median(fills) if fills else float("nan")


class _Run:
    """The bot connected to the fake; one method per phase, each adding its results."""

    def __init__(
        self, guilds: int, rate: float, concurrency: int, capacity: bool, progress: Callable[[str], None]
    ) -> None:
        self.guilds, self.rate, self.concurrency = guilds, rate, concurrency
        self.capacity, self.progress = capacity, progress
        self.results: list[Result] = []
        self.fake: Any = None  # the FakeDiscord
        self.service: Any = None  # the bot's ScheduleService
        self.url = ""
        self.channel_of: dict[int, int] = {}  # guild id -> its channel id
        self.elapsed = math.nan  # the rate-limited fan-out's duration
        self.verified = False

    def add(self, metric: str, value: float, unit: str, note: str = "") -> None:
        self.results.append(Result(NAME, self.guilds, metric, float(value), unit, note))

    def bot_messages_per_channel(self) -> Counter[int]:
        bot_id = str(self.fake.bot_user.id)
        return Counter(
            int(m["channel_id"]) for m in self.fake.messages.values() if m["author"]["id"] == bot_id
        )

    async def main(self, backend: str) -> list[Result]:
        from bot.app import build_app
        from bot.config import Settings
        from bot.discord_app.client import new_bot
        from tests.fake_discord import FakeDiscord, run_client, test_client_options

        world, fake_guilds = _build_world(self.guilds)
        self.channel_of = {g.id: g.channels[0].id for g in fake_guilds}
        counter = _LogCounter()
        fake_problems = 0
        with _quiet_logs(counter):
            async with (
                _database_url(backend) as url,
                FakeDiscord(
                    world=world,
                    guilds=fake_guilds,
                    global_rate=self.rate,
                    per_channel=PER_CHANNEL,
                    interaction_deadline=None,
                ) as fake,
            ):
                self.fake, self.url = fake, url
                settings = Settings()
                settings.bot.briefs_dir = BRIEFS
                settings.bot.reload_seconds = 0
                settings.database.url = url
                settings.schedule.max_concurrency = self.concurrency
                bot = new_bot(build_app(settings), **test_client_options())
                self.progress(f"fanout: connecting the bot to {self.guilds:,} guilds ({backend})")
                started = time.perf_counter()
                async with run_client(bot, fake, ready_timeout=120):
                    self.add(
                        "ready", time.perf_counter() - started, "s", "READY + every GUILD_CREATE; not counted"
                    )
                    self.add("guilds in cache", len(bot.guilds), "count")
                    assert bot.app.schedules is not None, "the bot could not open its database"
                    self.service = bot.app.schedules
                    await fake.wait_until(lambda: self.service.engine.running, 10, "the scheduler to start")
                    await self.service.engine.drain()  # the start-up catch-up: nothing is owed yet
                    instant = await self.schedule_all()
                    await self.fan_out(instant)
                    await self.check_first_day(instant.date())
                    await self.second_pass(instant)
                    if self.capacity:
                        await self.unlimited(instant + timedelta(days=1))
                fake_problems = len(fake.internal_errors) + len(fake.unknown_requests)
        self.add("delivery retries", counter.retries, "count", "the engine retrying a transient failure")
        self.add("warnings logged", counter.counts["WARNING"], "count", " | ".join(counter.samples))
        self.add("errors logged", counter.counts["ERROR"] + counter.counts["CRITICAL"], "count")
        self.add("fake problems", fake_problems, "count", "the fake's internal errors + unknown routes")
        return self.results

    async def schedule_all(self) -> datetime:
        repository = self.service.repository
        started = time.perf_counter()
        wall_now = datetime.now(UTC)
        instant = _due_instant(wall_now)
        post_time = instant.strftime("%H:%M")
        for guild_id, channel_id in self.channel_of.items():
            await repository.set_schedule(
                guild_id, channel_id=channel_id, post_time=post_time, timezone="UTC", now=wall_now
            )
        jobs = await self.service.engine.sync_from_database()
        self.add(
            "schedule setup", time.perf_counter() - started, "s", f"{jobs:,} schedules at {post_time} UTC"
        )
        return instant

    async def fan_out(self, instant: datetime) -> None:
        from bot.scheduling.engine import Outcome

        fake, limiter = self.fake, self.fake.ratelimiter
        self.progress(
            f"fanout: {self.guilds:,} briefs due at {instant.isoformat()}, rate {self.rate:g}/s, "
            f"max_concurrency={self.concurrency}"
        )
        hits = (limiter.global_hits, limiter.channel_hits)
        mark = fake.mark()
        started = time.perf_counter()
        results = await self.service.engine.run_due(now=instant)
        elapsed = time.perf_counter() - started
        self.elapsed = elapsed
        posts = fake.requests_to("POST", "/channels/{id}/messages", since=mark)
        accepted = [r.at for r in posts if r.status == 200]
        outcomes = Counter(r.outcome for r in results)
        others = {o.value: n for o, n in outcomes.items() if o is not Outcome.POSTED}
        floor = self.guilds / self.rate
        per_window = int(self.rate)
        self.add("max_concurrency", self.concurrency, "count", "settings.schedule.max_concurrency")
        self.add(
            "rate limit", self.rate, "req/s", f"global; per channel {PER_CHANNEL[0]} per {PER_CHANNEL[1]:g} s"
        )
        self.add("floor", floor, "s", "guilds / rate")
        self.add("all posted", elapsed, "s", "run_due(now=instant) start to return: all posted and logged")
        self.add("ratio to floor", elapsed / floor, "x")
        self.add("first post", min(accepted, default=math.nan) - started, "s", "first accepted POST")
        self.add("last post", max(accepted, default=math.nan) - started, "s", "last accepted POST")
        self.add("posts per s", len(accepted) / elapsed if elapsed else 0.0, "per s")
        self.add(
            "window fill p50",
            _window_fill(accepted, per_window),
            "s",
            f"time to send one 1-s window's {per_window} posts; the rest of the second is 429 back-off",
        )
        self.add("POST requests", len(posts), "count", "accepted + refused")
        self.add("429 global", limiter.global_hits - hits[0], "count")
        self.add("429 per channel", limiter.channel_hits - hits[1], "count")
        self.add("posted outcome", outcomes.get(Outcome.POSTED, 0), "count")
        self.add("late", sum(1 for r in results if r.late), "count", "claimed > 1 min after the instant")
        self.add("other outcomes", sum(others.values()), "count", str(others) if others else "")

    async def verify(self, local: date, before: Counter[int]) -> dict[str, int]:
        """The checks for one day's fan-out: briefs per channel (counted from ``before``) and the log."""
        from bot.storage.tables import DeliveryStatus

        fake = self.fake
        counts = self.bot_messages_per_channel()
        new = {c: counts.get(c, 0) - before.get(c, 0) for c in set(counts) | set(before)}
        targets = set(self.channel_of.values())
        rows = await self.service.repository.deliveries_on([local])
        posted = [r for r in rows.values() if r.status is DeliveryStatus.POSTED]

        def matches(row: Any) -> bool:
            message = fake.messages.get(int(row.message_id)) if row.message_id else None
            return message is not None and int(message["channel_id"]) == self.channel_of.get(row.guild_id)

        return {
            "briefs in channels": sum(new.get(c, 0) for c in targets),
            "duplicates": sum(1 for c in targets if new.get(c, 0) > 1),
            "lost": sum(1 for c in targets if new.get(c, 0) < 1),
            "stray messages": sum(n for c, n in new.items() if c not in targets),
            "posted rows": len(posted),
            "log rows": len(rows),
            "row mismatches": sum(1 for r in posted if not matches(r)),
        }

    async def check_first_day(self, local: date) -> None:
        checks = await self.verify(local, before=Counter())
        notes = {
            "duplicates": "channels with more than one brief",
            "lost": "channels without a brief",
            "stray messages": "bot messages outside the target channels",
            "posted rows": f"delivery log rows 'posted' for {local}",
            "row mismatches": "posted rows whose message id is not that channel's brief",
        }
        for metric, value in checks.items():
            self.add(metric, value, "count", notes.get(metric, ""))
        self.verified = self.once(checks)

    def once(self, checks: dict[str, int]) -> bool:
        nothing_wrong = not any(checks[k] for k in ("duplicates", "lost", "stray messages", "row mismatches"))
        return nothing_wrong and checks["posted rows"] == checks["log rows"] == self.guilds

    async def second_pass(self, instant: datetime) -> None:
        """The same instant again: the same engine, then a fresh one (a restart, or a second process)."""
        from bot.scheduling.engine import BriefScheduler, Outcome
        from bot.storage.database import Database
        from bot.storage.repository import Repository
        from bot.storage.tables import DeliveryStatus

        fake = self.fake
        before = self.bot_messages_per_channel()
        mark = fake.mark()
        started = time.perf_counter()
        again = await self.service.engine.run_due(now=instant)
        other = await Database.connect(self.url)
        try:
            restarted = BriefScheduler(
                Repository(other),
                self.service.deliver,
                claimer_label="fanout-second-process",
                sweep_interval=None,
            )
            # A restarted process catches up at its own "now": shortly after the instant.
            again += await restarted.run_due(now=instant + timedelta(seconds=self.elapsed))
        finally:
            await other.close()
        elapsed = time.perf_counter() - started
        posts = len(fake.requests_to("POST", "/channels/{id}/messages", since=mark))
        extra = sum(self.bot_messages_per_channel().values()) - sum(before.values())
        rows = await self.service.repository.deliveries_on([instant.date()])
        posted_rows = sum(1 for r in rows.values() if r.status is DeliveryStatus.POSTED)
        handled = sum(1 for r in again if r.outcome is Outcome.ALREADY_HANDLED)
        self.add("second pass", elapsed, "s", "same engine, then a fresh engine + connection, same instant")
        self.add("second pass POSTs", posts, "count")
        self.add("second pass handled", handled, "count", f"ALREADY_HANDLED of {2 * self.guilds:,}")
        self.add("extra briefs", extra, "count", "bot messages added by the second pass")
        self.add("posted rows after", posted_rows, "count")
        once = self.verified and posts == 0 and extra == 0 and posted_rows == self.guilds
        once = once and handled == 2 * self.guilds
        self.add("exactly once", 1.0 if once else 0.0, "bool", "every check above, first and second pass")

    async def unlimited(self, instant: datetime) -> None:
        """The next day's fan-out with the global limit lifted: the bot's own speed on this machine."""
        from tests.fake_discord.ratelimit import RateLimiter

        fake = self.fake
        limited, fake.ratelimiter = fake.ratelimiter, RateLimiter(None, PER_CHANNEL)
        before = self.bot_messages_per_channel()
        self.progress(f"fanout: next day, no global limit (capacity), {self.guilds:,} briefs")
        try:
            started = time.perf_counter()
            await self.service.engine.run_due(now=instant)
            elapsed = time.perf_counter() - started
        finally:
            fake.ratelimiter = limited
        checks = await self.verify(instant.date(), before)
        self.add("capacity all posted", elapsed, "s", "the next day's fan-out with the global limit lifted")
        self.add("capacity posts per s", self.guilds / elapsed if elapsed else 0.0, "per s")
        detail = ", ".join(f"{k} {v}" for k, v in checks.items())
        self.add("capacity exactly once", 1.0 if self.once(checks) else 0.0, "bool", detail)


def run(
    guilds: int = 1000,
    rate: float = 50.0,
    database: str = "sqlite",
    concurrency: int = DEFAULT_CONCURRENCY,
    progress: Callable[[str], None] = lambda message: None,
    *,
    capacity: bool = True,
) -> list[Result]:
    """The fan-out benchmark; ``capacity=False`` skips the unlimited next-day run."""
    if database not in ("sqlite", "postgresql"):
        raise ValueError(f"unknown database {database!r}: sqlite or postgresql")
    if guilds < 1 or rate < 1 or concurrency < 1:
        # The fake admits int(rate) requests per 1-s window: below 1 nothing would ever pass.
        raise ValueError("guilds, concurrency and rate must be at least 1")
    return asyncio.run(_Run(guilds, rate, concurrency, capacity, progress).main(database))


def targets() -> Sequence[Target]:
    def ratio(values: dict[tuple[str, int], float]) -> tuple[bool, str] | None:
        found = [(size, v) for (metric, size), v in values.items() if metric == "ratio to floor"]
        if not found:
            return None
        size, value = found[0]
        return value <= TARGET_RATIO, f"{value:.2f}x at {size:,} guilds"

    def once(values: dict[tuple[str, int], float]) -> tuple[bool, str] | None:
        found = [(size, v) for (metric, size), v in values.items() if metric == "exactly once"]
        if not found:
            return None
        size, value = found[0]
        shown = ("duplicates", "lost", "posted rows", "second pass POSTs")
        detail = ", ".join(f"{m} {values.get((m, size), math.nan):.0f}" for m in shown)
        return value == 1.0, detail

    return [
        Target(f"all briefs posted within {TARGET_RATIO:g}x the floor (guilds / rate)", ratio),
        Target("exactly once: one brief per channel, N posted rows, nothing on the second pass", once),
    ]
