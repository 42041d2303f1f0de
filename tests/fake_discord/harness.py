"""Run a real discord.py client against a FakeDiscord inside a test, and fail on error logs."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any, TypeVar

import discord

from bot.discord_app.endpoints import point_discord_at, restore_discord_defaults

from .server import FakeDiscord

ClientT = TypeVar("ClientT", bound=discord.Client)


def test_client_options(**overrides: Any) -> dict[str, Any]:
    """Keyword arguments for a client/bot under test: no privileged intents, no pings, and a short
    ``guild_ready_timeout`` (discord.py otherwise waits 2 s for more GUILD_CREATEs at every start)."""
    return {
        "intents": discord.Intents.default(),
        "allowed_mentions": discord.AllowedMentions.none(),
        "guild_ready_timeout": 0.1,
        **overrides,
    }


test_client_options.__test__ = False  # type: ignore[attr-defined]  # not a test despite the name


async def _wait_ready(client: discord.Client, task: asyncio.Task[None], limit: float) -> None:
    # wait_until_ready() cannot be called before login() has created its event, so poll instead;
    # checking the task on each round lets login/identify errors surface instead of a hang.
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not client.is_ready():
        if task.done():
            exc = task.exception()
            if exc is not None:
                raise exc
            raise RuntimeError("client.start() returned before the client became ready")
        if loop.time() > deadline:
            raise TimeoutError(f"client not ready after {limit}s")
        await asyncio.sleep(0.005)


async def _shutdown(client: discord.Client, task: asyncio.Task[None]) -> BaseException | None:
    if not client.is_closed():
        await client.close()
    try:
        await asyncio.wait_for(task, timeout=10)
    except asyncio.CancelledError:
        return None
    except BaseException as exc:  # the client died on its own; report it after cleaning up
        return exc
    return None


@asynccontextmanager
async def run_client(
    client: ClientT, fake: FakeDiscord, token: str = "test-token", *, ready_timeout: float = 10.0
) -> AsyncIterator[ClientT]:
    """Point discord.py at ``fake``, start ``client`` and yield it once READY (guilds loaded).

    Login or gateway errors are raised here instead of hanging. On exit the client is closed, its task
    awaited, and discord.py's endpoints restored. A crash of the client during the block is re-raised.
    """
    point_discord_at(fake.api_base, fake.gateway_url)
    task = asyncio.create_task(client.start(token), name="discord-client-under-test")
    try:
        try:
            await _wait_ready(client, task, ready_timeout)
        except BaseException:
            await _shutdown(client, task)
            raise
        yield client
    finally:
        crash = await _shutdown(client, task)
        restore_discord_defaults()
    if crash is not None:
        raise RuntimeError("the discord client stopped with an error during the test") from crash


class ErrorLogCollector(logging.Handler):
    """Collects ERROR (and worse) records of the given loggers; ``check()`` fails if there were any.

    discord.py only logs exceptions raised in command, view and modal callbacks, so without this a
    broken callback looks like a bot that silently did nothing.
    """

    def __init__(self, loggers: tuple[str, ...] = ("discord", "bot"), level: int = logging.ERROR) -> None:
        super().__init__(level)
        self.logger_names = loggers
        self.records: list[logging.LogRecord] = []
        self._allowed: list[re.Pattern[str]] = []

    def allow(self, pattern: str) -> None:
        """Ignore error records whose message matches ``pattern`` (for tests that expect an error)."""
        self._allowed.append(re.compile(pattern))

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not any(p.search(message) for p in self._allowed):
            self.records.append(record)

    def install(self) -> None:
        for name in self.logger_names:
            logging.getLogger(name).addHandler(self)

    def uninstall(self) -> None:
        for name in self.logger_names:
            logging.getLogger(name).removeHandler(self)

    def check(self) -> None:
        if not self.records:
            return
        formatter = logging.Formatter("%(name)s %(levelname)s: %(message)s")
        lines = [formatter.format(r) for r in self.records]
        raise AssertionError("error log records during the test:\n" + "\n".join(lines))


@contextmanager
def fail_on_error_logs(loggers: tuple[str, ...] = ("discord", "bot")) -> Iterator[ErrorLogCollector]:
    """``with fail_on_error_logs() as logs:`` … raises AssertionError at exit if ERRORs were logged."""
    collector = ErrorLogCollector(loggers)
    collector.install()
    try:
        yield collector
    finally:
        collector.uninstall()
    collector.check()
