from __future__ import annotations

import asyncio
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from bot.scheduling.engine import BriefScheduler, DeliveryAttempt, RetryPolicy, current_attempt
from bot.storage import Repository, ScheduleRecord
from tests.fixtures.database import *  # noqa: F403

START = datetime(2026, 6, 15, 5, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand; never tied to wall time."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        self.now = now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass(frozen=True)
class Call:
    guild_id: int
    local_date: date
    late: bool


class FakeDeliverer:
    """Stands in for the Discord adapter: records calls and plays scripted outcomes per guild.

    A scripted outcome is a message id (returned), an exception (raised), or the HANG sentinel
    (waits until cancelled). ``gate`` (if set) holds every call until the test opens it.
    """

    HANG = object()

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.attempts: list[DeliveryAttempt | None] = []  # the engine's current_attempt() per call
        self.scripts: dict[int, deque[Any]] = defaultdict(deque)
        self.gate: asyncio.Event | None = None
        self.in_flight = 0
        self.max_in_flight = 0
        self.called = asyncio.Event()
        self.entered = asyncio.Event()  # set whenever a call starts

    def script(self, guild_id: int, *outcomes: Any) -> None:
        self.scripts[guild_id].extend(outcomes)

    def calls_for(self, guild_id: int) -> list[Call]:
        return [call for call in self.calls if call.guild_id == guild_id]

    async def __call__(self, schedule: ScheduleRecord, local_date: date, late: bool) -> str | None:
        # Take this call's outcome before the first await, so a cancelled call consumes its own.
        queue = self.scripts.get(schedule.guild_id)
        outcome = queue.popleft() if queue else f"msg-{schedule.guild_id}-{local_date.isoformat()}"
        self.calls.append(Call(schedule.guild_id, local_date, late))
        self.attempts.append(current_attempt())
        self.called.set()
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        self.entered.set()
        try:
            if self.gate is not None:
                await self.gate.wait()
            await asyncio.sleep(0)
            if outcome is self.HANG:
                await asyncio.Event().wait()
            if isinstance(outcome, BaseException):
                raise outcome
            return outcome
        finally:
            self.in_flight -= 1


class RecordingSleep:
    """Injected instead of asyncio.sleep: records backoff delays without waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await asyncio.sleep(0)


class Notifier:
    def __init__(self) -> None:
        self.calls: list[tuple[int, str]] = []
        self.fail_next = False

    async def __call__(self, schedule: ScheduleRecord, reason: str) -> None:
        if self.fail_next:
            self.fail_next = False
            raise RuntimeError("could not DM the owner")
        self.calls.append((schedule.guild_id, reason))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def deliverer() -> FakeDeliverer:
    return FakeDeliverer()


@pytest.fixture
def sleeper() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def notifier() -> Notifier:
    return Notifier()


EngineFactory = Callable[..., BriefScheduler]


@pytest.fixture
async def make_engine(
    repository: Repository,
    clock: FakeClock,
    deliverer: FakeDeliverer,
    sleeper: RecordingSleep,
    notifier: Notifier,
) -> AsyncIterator[EngineFactory]:
    """Build engines wired to the fakes (overridable); every engine is stopped at teardown."""
    engines: list[BriefScheduler] = []

    def build(**overrides: Any) -> BriefScheduler:
        options: dict[str, Any] = {
            "clock": clock,
            "sleep": sleeper,
            "notify_paused": notifier,
            "retry": RetryPolicy(attempts=3, base_delay=2.0, factor=2.0, max_delay=60.0),
            "sweep_interval": None,
            "claimer_label": f"engine-{len(engines) + 1}",
        }
        options.update(overrides)
        engine = BriefScheduler(
            options.pop("repository", repository), options.pop("deliver", deliverer), **options
        )
        engines.append(engine)
        return engine

    yield build
    for engine in engines:
        await engine.stop(drain_timeout=2.0)
