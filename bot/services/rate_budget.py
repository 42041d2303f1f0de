"""One budget of Discord requests per second for the whole deployment, however many processes.

Discord allows a bot 50 requests a second globally (interaction callbacks exempt) and bans an IP
after 10,000 invalid requests (429s count) in 10 minutes. So posting is *paced* to a budget below
the limit (default 40/s, leaving room for everything else the bot sends) instead of discovering the
limit through 429s, and every process of a deployment takes from the same budget.

Both budgets are moving windows: at most ``rate`` acquisitions in any one-second interval, which
stays under Discord's limit however Discord aligns its own windows.

- ``LocalBudget``: one process, no Redis (a single machine, tests, the console).
- ``RedisBudget``: every process shares one window on Redis (the ``limits`` library's moving-window
  strategy, an atomic Lua script). If Redis fails the process falls back to a local budget of its
  share of the rate (its shards over all shards), so a Redis outage slows briefs, never gets the bot
  banned.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Protocol

log = logging.getLogger(__name__)

DEFAULT_RATE = 40.0  # requests per second; Discord's global limit is 50
WINDOW_S = 1.0
GLOBAL_KEY = "discord-global"

Sleep = Callable[[float], Awaitable[None]]


class RateBudget(Protocol):
    async def acquire(self) -> None:
        """Wait until one more request fits in the budget, and count it."""

    async def close(self) -> None: ...


def _capacity(rate: float) -> int:
    return max(1, int(rate * WINDOW_S))


class LocalBudget:
    """At most ``rate`` acquisitions in any ``WINDOW_S`` seconds in this process, first come first served."""

    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.capacity = _capacity(rate)
        self._clock = clock
        self._sleep = sleep
        self._taken: deque[float] = deque()  # when each request in the current window was let through
        self._queue = asyncio.Lock()  # FIFO: one waiter at a time watches the window

    async def acquire(self) -> None:
        async with self._queue:
            while True:
                now = self._clock()
                while self._taken and self._taken[0] <= now - WINDOW_S:
                    self._taken.popleft()
                if len(self._taken) < self.capacity:
                    self._taken.append(now)
                    return
                await self._sleep(self._taken[0] + WINDOW_S - now)

    async def close(self) -> None:
        return None


class RedisBudget:
    """The deployment's budget on Redis, shared by every process using the same URL and key."""

    def __init__(
        self, url: str, rate: float = DEFAULT_RATE, *, fallback: LocalBudget, key: str = GLOBAL_KEY
    ) -> None:
        from limits import RateLimitItemPerSecond
        from limits.aio.strategies import MovingWindowRateLimiter
        from limits.storage import storage_from_string

        self.url = url
        self.key = key
        self._item = RateLimitItemPerSecond(_capacity(rate), int(WINDOW_S))
        # limits' async Redis storage ("async+redis://") wants its own scheme.
        self._storage = storage_from_string("async+" + url if not url.startswith("async+") else url)
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._fallback = fallback
        self._queue = asyncio.Lock()  # one waiter per process polls Redis; the rest queue here
        self._failing = False

    async def acquire(self) -> None:
        async with self._queue:
            while True:
                try:
                    if await self._limiter.hit(self._item, self.key):
                        self._recovered()
                        return
                    stats = await self._limiter.get_window_stats(self._item, self.key)
                except Exception as exc:  # connection refused, timeout, Redis restarting...
                    if not self._failing:
                        log.warning(
                            "rate budget on Redis unavailable (%s); pacing to this process's share", exc
                        )
                        self._failing = True
                    await self._fallback.acquire()
                    return
                # The oldest request in the window leaves at reset_time (epoch seconds).
                await asyncio.sleep(min(WINDOW_S, max(0.002, stats.reset_time - time.time())))

    def _recovered(self) -> None:
        if self._failing:
            log.warning("rate budget on Redis is back")
            self._failing = False

    async def close(self) -> None:
        return None


def open_rate_budget(rate: float, redis_url: str | None, share: float = 1.0) -> RateBudget:
    """The deployment's budget: shared on Redis when a URL is given, else this process's own.

    ``share`` is the fraction of the deployment this process runs (its shards over all shards): its
    budget when it must pace alone because Redis is down.
    """
    local = LocalBudget(rate if redis_url is None else rate * share)
    if redis_url is None:
        return local
    return RedisBudget(redis_url, rate, fallback=local)
