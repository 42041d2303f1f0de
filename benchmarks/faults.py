"""Faults against the real process: ``python -m bot run`` killed, or losing its database, mid-brief.

Each scenario starts the bot as a separate process (``python -m bot run --config ...``) against a
fake Discord served from this process on 127.0.0.1, with N guilds whose brief is due a minute ago (so
the start-up catch-up posts them all, late) and every channel post held for ``post_delay`` seconds,
so a fan-out is in flight when the fault hits:

- ``kill``: SIGKILL once some briefs are out, restart at once (the dead process's claims must be
  taken over when their lease runs out, and posts it made but never recorded found, not repeated);
- ``db-drop`` (PostgreSQL): the database, reached through a TCP proxy this process controls, goes
  away for ``outage`` seconds mid-fan-out and comes back;
- ``db-start`` (PostgreSQL): the database is away when the bot starts and comes back later.

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
from pathlib import Path

from benchmarks.fanout import BRIEFS, _build_world, _database_url
from benchmarks.report import Result, Target

NAME = "faults"
REPO = Path(__file__).resolve().parent.parent
SCENARIOS = ("kill", "db-drop", "db-start")
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

    def __init__(self, scenario: str, guilds: int, post_delay: float, outage: float, deadline: float) -> None:
        self.scenario, self.guilds, self.post_delay = scenario, guilds, post_delay
        self.outage, self.deadline = outage, deadline

    async def main(self, backend: str) -> dict[str, float]:
        from tests.fake_discord import FakeDiscord

        world, fake_guilds = _build_world(self.guilds)
        self.channel_of = {g.id: g.channels[0].id for g in fake_guilds}
        async with (
            _database_url(backend) as url,
            FakeDiscord(world=world, guilds=fake_guilds, interaction_deadline=None) as fake,
            self._workdir() as tmp,
        ):
            self.fake = fake
            proxy = None
            if self.scenario != "kill":
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

    def _bot(self, url: str, tmp: Path, name: str) -> BotProcess:
        config = tmp / "config.toml"
        config.write_text(
            f'[bot]\nbriefs_dir = "{BRIEFS}"\nreload_seconds = 0\n'
            f'[database]\nurl = "{url}"\n'
            "[schedule]\nmax_concurrency = 5\nlease_seconds = 2\nsweep_seconds = 1\n",
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

    async def _wait_for_briefs(self, count: int, limit: float) -> None:
        stop = time.perf_counter() + limit
        while sum(1 for n in self.briefs().values() if n) < count:
            if time.perf_counter() > stop:
                raise TimeoutError(f"fewer than {count} briefs within {limit}s")
            await asyncio.sleep(0.05)

    async def _scenario(self, url: str, tmp: Path, proxy: TcpProxy | None) -> dict[str, float]:
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
            settle = await self._settled(url, since)
            counts = self.briefs()
            figures["duplicates"] = sum(1 for n in counts.values() if n > 1)
            figures["lost"] = sum(1 for n in counts.values() if n < 1)
            figures["settle"] = settle if settle is not None else float("inf")
            running = second or first
            figures["shutdown"] = await running.stop()
        finally:
            await first.kill()
            if second is not None:
                await second.kill()
        figures["tracebacks"] = _tracebacks(tmp)
        return figures


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
) -> dict[str, float]:
    """One scenario's figures: duplicates, lost, settle (s), shutdown (s), tracebacks in the logs."""
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}: {', '.join(SCENARIOS)}")
    return asyncio.run(Run(scenario, guilds, post_delay, outage, deadline).main(backend))


def run(
    guilds: int,
    backends: Sequence[str] = ("sqlite", "postgresql"),
    scenarios: Sequence[str] = SCENARIOS,
    progress: Callable[[str], None] = lambda _: None,
) -> list[Result]:
    results = []
    for backend in backends:
        for scenario in scenarios:
            if scenario != "kill" and backend != "postgresql":
                continue  # the proxy stands for a database server; SQLite is a file
            progress(f"faults: {scenario} on {backend}, {guilds} guilds")
            figures = run_scenario(scenario, backend, guilds)
            label = f"{scenario} {backend}"
            results.append(Result(NAME, guilds, f"{label} duplicates", figures["duplicates"], "count"))
            results.append(Result(NAME, guilds, f"{label} lost", figures["lost"], "count"))
            results.append(Result(NAME, guilds, f"{label} settle", round(figures["settle"], 2), "s"))
            results.append(Result(NAME, guilds, f"{label} shutdown", round(figures["shutdown"], 2), "s"))
            results.append(Result(NAME, guilds, f"{label} tracebacks", figures["tracebacks"], "count"))
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
    ]
