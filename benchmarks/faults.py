"""Faults against the real process: ``python -m bot run`` killed, or losing its database, mid-brief.

Each scenario starts the bot as a separate process (``python -m bot run --config ...``) against a
fake Discord served from this process on 127.0.0.1, with N guilds whose brief is due a minute ago (so
the start-up catch-up posts them all, late) and every channel post held for ``post_delay`` seconds,
so a fan-out is in flight when the fault hits:

- ``kill``: SIGKILL once some briefs are out, restart at once (the dead process's claims must be
  taken over when their lease runs out, and posts it made but never recorded found, not repeated);
- ``db-drop`` (PostgreSQL): the database, reached through a TCP proxy this process controls, goes
  away for ``outage`` seconds mid-fan-out and comes back;
- ``db-start`` (PostgreSQL): the database is away when the bot starts and comes back later;
- ``shards``: two processes both configured as shard 0 of 2 (shard 1 is nobody's). Both logs must
  name shard 1 as uncovered and shard 0 as run twice, ``python -m bot status`` must say so, shard 0's
  servers get their brief exactly once; then a shard-1 process starts and its servers' briefs follow
  (``settle`` is from its start);
- ``callbacks``: interaction callbacks answered with 10062 Unknown interaction, 40060 already
  acknowledged, and 5xx (twice, then accepted): one log line each, no traceback, and after a 5xx the
  answer still arrives (deferred in Discord's 3 s, then a follow-up);
- ``sigterm-503``: every channel post answered 503 while briefs are due; SIGTERM must end the process
  within 10 s, and with Discord healthy again a restart posts the day's briefs without waiting out
  the dead process's claims (production lease and sweep: one minute each).

Figures per scenario, from the fake's messages and the delivery log: ``duplicates`` (channels with
more than one brief), ``lost`` (channels without one once everything settled, or at the deadline),
and ``settle`` (seconds from the restart / the database's return until every channel has its brief and
every delivery row says posted). Targets: 0, 0 and at most 120 s.

The bot runs with a short lease and sweep (``[schedule] lease_seconds`` / ``sweep_seconds``) so a run
takes seconds; production defaults are one minute each, which the 120 s target is about.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.fanout import BRIEFS, _build_world, _database_url
from benchmarks.report import Result, Target

NAME = "faults"
REPO = Path(__file__).resolve().parent.parent
SCENARIOS = ("kill", "db-drop", "db-start", "shards", "callbacks", "sigterm-503")
NEEDS_PROXY = ("db-drop", "db-start")  # the proxy stands for a database server; SQLite is a file
CALLBACK_FAULTS = {  # name -> (status, Discord error code) of every callback of one interaction
    "10062": (404, 10062),
    "40060": (400, 40060),
    "5xx": (502, 0),
}
CALLBACK_LOG_MARK = {"10062": "10062", "40060": "40060", "5xx": "Discord failing?"}  # its log line
SETTLE_TARGET = 120.0


class TcpProxy:
    """A TCP relay on 127.0.0.1 to the database: ``down()`` cuts every connection and refuses new
    ones (as a database restart or a network blip does), ``up()`` lets them through again."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self._server: asyncio.Server | None = None
        self._links: set[asyncio.StreamWriter] = set()
        self.is_up = True

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self.is_up:
            writer.close()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.close()
            return
        self._links |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()
            self._links.discard(dst)

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    def down(self) -> None:
        self.is_up = False
        for link in list(self._links):
            link.transport.abort()
        self._links.clear()

    def up(self) -> None:
        self.is_up = True

    async def close(self) -> None:
        self.down()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


class BotProcess:
    """``python -m bot run`` in a subprocess, its output collected in a file."""

    def __init__(self, env: dict[str, str], config: Path, log: Path) -> None:
        self.env, self.config, self.log = env, config, log
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                "--config",
                str(self.config),
                cwd=REPO,
                env=self.env,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
            )

    async def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()

    async def stop(self, limit: float = 15.0) -> float:
        """SIGTERM; the seconds it took to exit (killed after ``limit``)."""
        if self.process is None or self.process.returncode is not None:
            return 0.0
        started = time.perf_counter()
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), limit)
        except TimeoutError:
            await self.kill()
        return time.perf_counter() - started


class Run:
    """One scenario: the fake, the database, the bot process and the figures."""

    def __init__(
        self,
        scenario: str,
        guilds: int,
        post_delay: float,
        outage: float,
        deadline: float,
        interactions: int = 1,
    ) -> None:
        self.scenario, self.guilds, self.post_delay = scenario, guilds, post_delay
        self.outage, self.deadline = outage, deadline
        self.interactions = interactions  # per callback fault, in ``callbacks``

    async def main(self, backend: str) -> dict[str, float]:
        from tests.fake_discord import FakeDiscord

        shard_count = 2 if self.scenario == "shards" else 1
        world, fake_guilds = _build_world(self.guilds) if shard_count == 1 else _sharded_world(self.guilds, 2)
        self.channel_of = {g.id: g.channels[0].id for g in fake_guilds}
        self.shard_of = {g.channels[0].id: g.shard_id(shard_count) for g in fake_guilds}
        # Callbacks are judged against Discord's 3-second window; briefs need no deadline.
        deadline = 3.0 if self.scenario == "callbacks" else None
        async with (
            _database_url(backend) as url,
            FakeDiscord(
                world=world, guilds=fake_guilds, shard_count=shard_count, interaction_deadline=deadline
            ) as fake,
            self._workdir() as tmp,
        ):
            self.fake = fake
            proxy = None
            if self.scenario in NEEDS_PROXY:
                from sqlalchemy import make_url

                parsed = make_url(url)
                proxy = TcpProxy(parsed.port or 5432)
                await proxy.start()
                url = parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
            try:
                return await self._scenario(url, tmp, proxy)
            finally:
                if proxy is not None:
                    await proxy.close()

    @contextlib.asynccontextmanager
    async def _workdir(self) -> AsyncIterator[Path]:
        with tempfile.TemporaryDirectory(prefix="faults-") as tmp:
            yield Path(tmp)

    async def _seed(self, url: str) -> None:
        from bot.storage import Database, Repository

        database = await Database.connect(url)
        try:
            repository = Repository(database)
            now = datetime.now(UTC)
            due = (now - timedelta(minutes=1)).strftime("%H:%M")
            for guild_id, channel_id in self.channel_of.items():
                await repository.set_schedule(
                    guild_id,
                    channel_id=channel_id,
                    post_time=due,
                    timezone="UTC",
                    now=now - timedelta(hours=1),
                )
        finally:
            await database.close()

    def _bot(
        self, url: str, tmp: Path, name: str, *, discord: str = "", lease: float = 2, sweep: float = 1
    ) -> BotProcess:
        config = tmp / f"{name}.toml"
        config.write_text(
            f'[bot]\nbriefs_dir = "{BRIEFS}"\nreload_seconds = 0\n'
            f'[database]\nurl = "{url}"\n'
            f"[schedule]\nmax_concurrency = 5\nlease_seconds = {lease}\nsweep_seconds = {sweep}\n"
            + (f"[discord]\n{discord}\n" if discord else ""),
            encoding="utf-8",
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
        env |= {
            "DISCORD_TOKEN": self.fake.token,
            "DISCORD_API_BASE": self.fake.api_base,
            "DISCORD_GATEWAY_URL": self.fake.gateway_url,
        }
        return BotProcess(env, config, tmp / f"{name}.log")

    def briefs(self) -> dict[int, int]:
        """Briefs per target channel (the bot's ordinary messages)."""
        counts = dict.fromkeys(self.channel_of.values(), 0)
        for message in self.fake.messages.values():
            channel = int(message["channel_id"])
            if (
                channel in counts
                and int(message["author"]["id"]) == self.fake.bot_user.id
                and not message["flags"]
            ):
                counts[channel] += 1
        return counts

    async def _posted_rows(self, url: str) -> int:
        from bot.storage import Database, DeliveryStatus, Repository

        try:
            database = await Database.connect(url, migrate=False)
        except Exception:
            return -1
        try:
            rows = await Repository(database).latest_deliveries(self.guilds * 3)
            return sum(1 for r in rows if r.status is DeliveryStatus.POSTED)
        except Exception:
            return -1
        finally:
            await database.close()

    async def _settled(self, url: str, since: float) -> float | None:
        """Seconds from ``since`` until every channel has a brief and every row says posted."""
        stop = time.perf_counter() + self.deadline
        while time.perf_counter() < stop:
            if all(self.briefs().values()) and await self._posted_rows(url) == self.guilds:
                return time.perf_counter() - since
            await asyncio.sleep(0.2)
        return None

    async def _settle_figures(self, url: str, since: float) -> dict[str, float]:
        """Duplicates and lost briefs once everything settled (or at the deadline), and how long from
        ``since`` that took (infinity when it never did)."""
        settle = await self._settled(url, since)
        counts = self.briefs()
        return {
            "duplicates": sum(1 for n in counts.values() if n > 1),
            "lost": sum(1 for n in counts.values() if n < 1),
            "settle": settle if settle is not None else float("inf"),
        }

    async def _wait_for_briefs(self, count: int, limit: float) -> None:
        stop = time.perf_counter() + limit
        while sum(1 for n in self.briefs().values() if n) < count:
            if time.perf_counter() > stop:
                raise TimeoutError(f"fewer than {count} briefs within {limit}s")
            await asyncio.sleep(0.05)

    async def _scenario(self, url: str, tmp: Path, proxy: TcpProxy | None) -> dict[str, float]:
        if self.scenario == "shards":
            return await self._shards(url, tmp)
        if self.scenario == "callbacks":
            return await self._callbacks(url, tmp)
        if self.scenario == "sigterm-503":
            return await self._sigterm_503(url, tmp)
        await self._seed(url)
        # Every post takes a while, so some are in flight (sent, not yet answered) when the fault hits.
        self.fake.delay_next("POST", "/channels/{channel_id}/messages", self.post_delay, times=None)
        first = self._bot(url, tmp, "first")
        second: BotProcess | None = None
        figures: dict[str, float] = {}
        try:
            if self.scenario == "db-start":
                assert proxy is not None
                proxy.down()
                await first.start()
                await self.fake.wait_for_session(timeout=60)
                await asyncio.sleep(self.outage)
                proxy.up()
                since = time.perf_counter()
            else:
                await first.start()
                await self._wait_for_briefs(max(1, self.guilds // 4), 60)
                if self.scenario == "kill":
                    await first.kill()
                    second = self._bot(url, tmp, "second")
                    await second.start()
                    since = time.perf_counter()
                else:
                    assert proxy is not None
                    proxy.down()
                    await asyncio.sleep(self.outage)
                    proxy.up()
                    since = time.perf_counter()
            figures.update(await self._settle_figures(url, since))
            running = second or first
            figures["shutdown"] = await running.stop()
        finally:
            await first.kill()
            if second is not None:
                await second.kill()
        figures["tracebacks"] = _tracebacks(tmp)
        return figures

    # --- two processes on one shard, and a shard nobody runs -----------------------------------

    def _briefs_on(self, shard: int) -> dict[int, int]:
        return {c: n for c, n in self.briefs().items() if self.shard_of[c] == shard}

    async def _shards(self, url: str, tmp: Path) -> dict[str, float]:
        await self._seed(url)
        shard0 = "shard_count = 2\nshard_ids = [0]"
        # Two processes both configured as shard 0 of 2 (the mistake): shard 1 is nobody's.
        first = self._bot(url, tmp, "first", discord=shard0)
        second = self._bot(url, tmp, "second", discord=shard0)
        third: BotProcess | None = None
        figures: dict[str, float] = {}
        try:
            await asyncio.gather(first.start(), second.start())
            await _wait_for(lambda: all(self._briefs_on(0).values()), self.deadline)
            # Both processes renew their shard leases every lease/3 s and check after one lease.
            reported = await _wait_for(
                lambda: all(
                    _mentions(p.log, "shard(s) 1 of 2 have no live process") for p in (first, second)
                ),
                30,
            )
            doubled = await _wait_for(
                lambda: any(
                    _mentions(p.log, "shard(s) 0 of 2 are run by more than one process")
                    for p in (first, second)
                ),
                30,
            )
            await asyncio.sleep(2.0)  # time enough for a duplicate to show up, if there were one
            status = await _status(first.config)
            figures["uncovered reported"] = float(reported and "1: NO LIVE PROCESS" in status)
            figures["overlap reported"] = float(doubled and "(RUN BY 2 PROCESSES)" in status)
            figures["covered duplicates"] = sum(1 for n in self._briefs_on(0).values() if n > 1)
            figures["covered lost"] = sum(1 for n in self._briefs_on(0).values() if n < 1)
            figures["uncovered posted"] = sum(1 for n in self._briefs_on(1).values() if n)  # must be 0
            # The missing shard gets a process: its servers' briefs follow, late, exactly once.
            third = self._bot(url, tmp, "third", discord="shard_count = 2\nshard_ids = [1]")
            await third.start()
            since = time.perf_counter()
            figures.update(await self._settle_figures(url, since))
            stops = await asyncio.gather(first.stop(), second.stop(), third.stop())
            figures["shutdown"] = max(stops)
        finally:
            for process in (first, second, third):
                if process is not None:
                    await process.kill()
        figures["tracebacks"] = _tracebacks(tmp)
        return figures

    # --- interaction callbacks that fail ---------------------------------------------------------

    async def _callbacks(self, url: str, tmp: Path) -> dict[str, float]:
        bot = self._bot(url, tmp, "bot")
        figures: dict[str, float] = {}
        try:
            await bot.start()
            await self.fake.wait_for_session(timeout=60)
            await asyncio.sleep(1.0)  # the bot's cogs and command tree are ready shortly after READY
            for name, (status, code) in CALLBACK_FAULTS.items():
                lines_before = len(_log_lines(bot.log))
                mark = CALLBACK_LOG_MARK[name]
                answered, late = 0, 0.0
                for number in range(1, self.interactions + 1):
                    # 10062/40060: every callback attempt is refused. 5xx: the first two attempts.
                    times = 2 if name == "5xx" else None
                    self.fake.fail_next(
                        "POST", "/interactions/{id}/{token}/callback", status=status, code=code, times=times
                    )
                    started = time.perf_counter()
                    handle = await self.fake.slash_command("ask", {"question": "rare earth export curbs"})
                    if name == "5xx":
                        with contextlib.suppress(AssertionError, TimeoutError):
                            await handle.response(timeout=5)
                            message = (
                                await handle.followup(timeout=10)
                                if handle.callback and handle.callback.get("type") == 5
                                else handle.original_message
                            )
                            if message and message.get("embeds"):
                                answered += 1
                                late = max(late, time.perf_counter() - started)
                    else:  # nothing can be answered: wait for the bot to have logged the refusal
                        await _wait_for(partial(_logged, bot.log, mark, lines_before, number), 10)
                    self.fake.clear_failures()
                await asyncio.sleep(0.3)  # any further line about the last one (there must be none)
                new_lines = _log_lines(bot.log)[lines_before:]
                # The fault's own log lines per interaction: 1 is the target.
                figures[f"{name} lines"] = sum(1 for line in new_lines if mark in line) / self.interactions
                figures[f"{name} tracebacks"] = sum(1 for line in new_lines if "Traceback" in line)
                if name == "5xx":
                    figures["5xx answered"] = answered / self.interactions
                    figures["5xx answer seconds"] = late
            figures["shutdown"] = await bot.stop()
        finally:
            await bot.kill()
        figures["tracebacks"] = _tracebacks(tmp)
        return figures

    # --- SIGTERM while Discord answers 503 -----------------------------------------------------

    async def _sigterm_503(self, url: str, tmp: Path) -> dict[str, float]:
        await self._seed(url)
        posts = "/channels/{channel_id}/messages"
        self.fake.fail_next("POST", posts, status=503, times=None)
        # Production lease and sweep: a claim left behind would hold the brief back a minute or more.
        first = self._bot(url, tmp, "first", lease=60, sweep=60)
        second: BotProcess | None = None
        figures: dict[str, float] = {}
        try:
            await first.start()
            await _wait_for(lambda: self._post_attempts() >= 5, 60)  # claims in flight, all failing
            figures["shutdown"] = await first.stop(limit=40)
            self.fake.clear_failures()
            second = self._bot(url, tmp, "second", lease=60, sweep=60)
            await second.start()
            since = time.perf_counter()
            figures.update(await self._settle_figures(url, since))
            await second.stop()
        finally:
            await first.kill()
            if second is not None:
                await second.kill()
        figures["tracebacks"] = _tracebacks(tmp)
        return figures

    def _post_attempts(self) -> int:
        return sum(
            1
            for r in self.fake.requests
            if r.method == "POST" and r.path.startswith("/channels/") and r.path.endswith("/messages")
        )


async def _wait_for(condition: Callable[[], bool], limit: float) -> bool:
    stop = time.perf_counter() + limit
    while not condition():
        if time.perf_counter() > stop:
            return False
        await asyncio.sleep(0.1)
    return True


def _log_lines(log: Path) -> list[str]:
    try:
        return log.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []


def _count(log: Path, text: str, after: int = 0) -> int:
    return sum(1 for line in _log_lines(log)[after:] if text in line)


def _logged(log: Path, text: str, after: int, times: int) -> bool:
    return _count(log, text, after) >= times


def _mentions(log: Path, text: str) -> bool:
    return any(text in line for line in _log_lines(log))


async def _status(config: Path) -> str:
    """``python -m bot status`` as an operator runs it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "status",
        "--config",
        str(config),
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await process.communicate()
    return out.decode("utf-8", errors="replace")


def _sharded_world(count: int, shard_count: int) -> tuple[Any, list[Any]]:
    """:func:`benchmarks.fanout._build_world` with guild ids spread evenly over the shards."""
    from tests.fake_discord.models import FakeGuild, new_snowflake

    world, guilds = _build_world(count)
    base = (new_snowflake() >> 22) - 100_000  # in the past: never one of the fake's later ids
    spread = []
    for n, guild in enumerate(guilds):
        guild_id = (base + n) << 22 | n % 4096
        for role in guild.roles:
            if role.id == guild.id:
                role.id = guild_id  # the @everyone role has the guild's id
        spread.append(
            FakeGuild(
                guild_id,
                guild.name,
                owner_id=guild.owner_id,
                roles=guild.roles,
                channels=guild.channels,
                members=guild.members,
                system_channel_id=guild.system_channel_id,
            )
        )
    assert {g.shard_id(shard_count) for g in spread} == set(range(min(count, shard_count)))
    return world, spread


def _tracebacks(folder: Path) -> int:
    return sum(
        log.read_text(encoding="utf-8", errors="replace").count("Traceback") for log in folder.glob("*.log")
    )


def run_scenario(
    scenario: str,
    backend: str = "sqlite",
    guilds: int = 20,
    *,
    post_delay: float = 0.3,
    outage: float = 3.0,
    deadline: float = 150.0,
    interactions: int = 1,
) -> dict[str, float]:
    """One scenario's figures: duplicates, lost, settle (s), shutdown (s), tracebacks in the logs, and
    the scenario's own (see the module's docstring)."""
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}: {', '.join(SCENARIOS)}")
    return asyncio.run(Run(scenario, guilds, post_delay, outage, deadline, interactions).main(backend))


def run(
    guilds: int,
    backends: Sequence[str] = ("sqlite", "postgresql"),
    scenarios: Sequence[str] = SCENARIOS,
    progress: Callable[[str], None] = lambda _: None,
    interactions: int = 20,
) -> list[Result]:
    results = []
    for backend in backends:
        for scenario in scenarios:
            if scenario in NEEDS_PROXY and backend != "postgresql":
                continue  # the proxy stands for a database server; SQLite is a file
            if scenario == "callbacks" and backend != backends[0]:
                continue  # no database involved: once is enough
            size = 1 if scenario == "callbacks" else guilds
            progress(f"faults: {scenario} on {backend}, {size} guilds")
            figures = run_scenario(scenario, backend, size, interactions=interactions)
            label = f"{scenario} {backend}"
            for metric, value in figures.items():
                timed = metric.endswith(("settle", "shutdown", "seconds"))
                shown = round(value, 2) if timed else value
                results.append(Result(NAME, size, f"{label} {metric}", shown, "s" if timed else "count"))
    return results


def targets() -> Sequence[Target]:
    def check(suffix: str, ok: Callable[[float], bool], what: str) -> Target:
        def verdict(values: dict[tuple[str, int], float]) -> tuple[bool, str] | None:
            found = {metric: v for (metric, _), v in values.items() if metric.endswith(suffix)}
            if not found:
                return None
            return all(ok(v) for v in found.values()), ", ".join(f"{m}={v:g}" for m, v in found.items())

        return Target(what, verdict)

    return [
        check(" duplicates", lambda v: v == 0, "no brief posted twice"),
        check(" lost", lambda v: v == 0, "no brief lost"),
        check(" settle", lambda v: v <= SETTLE_TARGET, f"settled within {SETTLE_TARGET:g} s"),
        check(" shutdown", lambda v: v <= 10, "SIGTERM exits within 10 s"),
        check(" tracebacks", lambda v: v == 0, "no traceback in any log"),
        check(" reported", lambda v: v == 1, "a missing or doubled shard is named in logs and status"),
        check(" uncovered posted", lambda v: v == 0, "nothing posted for a shard nobody runs"),
        check(" lines", lambda v: v == 1, "one log line per failed interaction callback"),
        check(" answered", lambda v: v == 1, "after a 5xx callback the answer still arrives"),
    ]
