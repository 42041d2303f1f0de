"""The deployment's request budget: send slots ``1 / rate`` apart, never more than ``rate`` in any
second, and a request late for its slot takes a new one."""

from __future__ import annotations

import asyncio
import os
import socket
import time
import uuid

import pytest

from bot.services.rate_budget import LocalBudget, RedisBudget, open_rate_budget
from tests.fake_discord.ratelimit import RateLimiter

REDIS_URL = "redis://127.0.0.1:6379"


class VirtualTime:
    """A clock that only moves when a waiter sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


class StallingTime(VirtualTime):
    """Virtual time where the ``stall_on``-th sleep overruns by ``stall`` seconds (a stalled process)."""

    def __init__(self, stall_on: int, stall: float) -> None:
        super().__init__()
        self.stall_on, self.stall, self.sleeps = stall_on, stall, 0

    async def sleep(self, seconds: float) -> None:
        self.sleeps += 1
        await super().sleep(seconds + (self.stall if self.sleeps == self.stall_on else 0.0))


def _busiest(times: list[float], span: float = 1.0) -> int:
    """The most of ``times`` in any interval [t, t + span)."""
    return max(sum(1 for t in times if start <= t < start + span - 1e-9) for start in times)


def _busiest_second(times: list[float]) -> int:
    return _busiest(times, 1.0)


async def test_a_local_budget_lets_rate_requests_through_per_second_and_no_more() -> None:
    clock = VirtualTime()
    budget = LocalBudget(40, clock=clock, sleep=clock.sleep)
    times: list[float] = []

    async def post() -> None:
        await budget.acquire()
        times.append(clock())

    await asyncio.gather(*(post() for _ in range(200)))
    assert len(times) == 200
    assert _busiest_second(times) == 40
    assert 4.0 <= max(times) < 5.0  # paced, not slower than the budget allows


async def test_requests_come_evenly_so_a_late_arrival_still_fits_discords_window() -> None:
    clock = VirtualTime()
    budget = LocalBudget(40, clock=clock, sleep=clock.sleep)
    times: list[float] = []

    async def post() -> None:
        await budget.acquire()
        times.append(clock())

    await asyncio.gather(*(post() for _ in range(200)))
    # Requests that reach Discord up to 0.25 s after their slot come from slots in a 1.25-s span: at
    # most 50, Discord's limit, in any of its windows. (Forty at once each second would give 80.)
    assert _busiest(times, span=1.25) <= 50


async def test_a_request_late_for_its_slot_takes_a_new_one() -> None:
    # The fifth wait, for the slot at 0.5 s, overruns by 0.55 s: the process stalled.
    clock = StallingTime(stall_on=5, stall=0.55)
    budget = LocalBudget(10, clock=clock, sleep=clock.sleep)
    discord = RateLimiter(global_rate=10, clock=clock)  # Discord's fixed windows, here at the budget
    refused = 0
    for _ in range(30):
        await budget.acquire()
        refused += discord.check(exempt_from_global=False, message_channel_id=None).refused
    # Sent at once at 1.05 s, with the next slot's request due then too, 11 would share a window.
    assert budget.missed == 1
    assert refused == 0


async def test_a_fractional_rate_paces_one_request_per_interval() -> None:
    clock = VirtualTime()
    budget = LocalBudget(0.5, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        await budget.acquire()
    assert clock() == pytest.approx(4.0)


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.2):
            return True
    except OSError:
        return False


# Skipped on a machine without Redis; CI (CI=true) starts one and must not go green without it.
@pytest.mark.skipif(
    not _redis_up() and os.environ.get("CI", "").lower() != "true", reason="no Redis on 127.0.0.1:6379"
)
async def test_processes_on_one_redis_share_one_budget() -> None:
    key = f"test-budget-{uuid.uuid4().hex}"
    # Two budgets on one key stand for two processes: alone, each would let 10 a second through.
    first = RedisBudget(REDIS_URL, 10, fallback=LocalBudget(10), key=key)
    second = RedisBudget(REDIS_URL, 10, fallback=LocalBudget(10), key=key)
    started = time.monotonic()
    await asyncio.gather(*((first if i % 2 else second).acquire() for i in range(25)))
    # 25 requests at 10 a second shared: the third window opens 2 s in (two budgets alone: ~1 s).
    assert time.monotonic() - started >= 1.9


async def test_without_redis_a_process_paces_to_its_share() -> None:
    budget = open_rate_budget(40, "redis://127.0.0.1:1", share=0.25)  # nothing listens on port 1
    assert isinstance(budget, RedisBudget)
    started = time.monotonic()
    for _ in range(11):
        await budget.acquire()  # 10 a second locally: the 11th waits for the next second
    assert time.monotonic() - started >= 0.9


def test_no_redis_configured_means_a_local_budget_of_the_whole_rate() -> None:
    budget = open_rate_budget(40, None, share=0.25)
    assert isinstance(budget, LocalBudget) and budget.rate == 40
