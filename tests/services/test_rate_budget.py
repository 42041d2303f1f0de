"""The deployment's request budget: never more than ``rate`` requests in any second."""

from __future__ import annotations

import asyncio
import os
import socket
import time
import uuid

import pytest

from bot.services.rate_budget import LocalBudget, RedisBudget, open_rate_budget

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


def _busiest_second(times: list[float]) -> int:
    return max(sum(1 for t in times if start <= t < start + 1.0 - 1e-9) for start in times)


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


async def test_a_fractional_rate_still_lets_one_request_through() -> None:
    clock = VirtualTime()
    budget = LocalBudget(0.5, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        await budget.acquire()
    assert clock() == pytest.approx(2.0)


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
    assert isinstance(budget, LocalBudget) and budget.capacity == 40
