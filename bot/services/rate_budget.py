"""One budget of Discord requests per second for the whole deployment, however many processes.

Discord allows a bot 50 requests a second globally (interaction callbacks exempt) and bans an IP
after 10,000 invalid requests (429s count) in 10 minutes. So posting is *paced* to a budget below
the limit (default 40/s, leaving room for everything else the bot sends) instead of discovering the
limit through 429s, and every process of a deployment takes from the same budget.

How, and why so:

- **Send slots.** The budget hands out slots ``1 / rate`` apart (25 ms at 40/s), first come first
  served, and a request goes out at its slot. At most ``rate`` slots fall in any one-second
  interval, however Discord aligns its windows, and they come evenly: never 40 at once.
- **A missed slot is given back.** Discord counts a request when it *arrives*. A process that
  stalls (four processes on two busy cores, a garbage collection) can wake after its slot; sent
  then, its request lands among the requests of later slots, and with a few such late ones one of
  Discord's fixed windows goes past 50. So a request more than ``LATE_S`` past its slot takes a new
  slot instead. Evenly spaced slots leave ``(50 - rate) / rate`` of a second (0.25 s at 40/s)
  between a slot and Discord's answer for the network and Discord to add; ``LATE_S`` uses 0.1 s.
- **Taken at the last moment.** The slot is taken in discord.py's HTTP layer just before the
  request is written (an aiohttp trace hook, ``pacing_trace``): after discord.py's own per-route
  waits, and for every attempt, discord.py's retries included. Only requests made under
  ``paced(budget)`` take from the budget (daily briefs, feed notices): interaction responses are
  exempt on Discord, and the bot's other calls are few and use the headroom.

The budgets:

- ``LocalBudget``: one process, no Redis (a single machine, tests, the console).
- ``RedisBudget``: every process shares one next-free-slot on Redis, moved by an atomic Lua script
  on Redis's own clock, so processes on several machines agree. If Redis fails the process falls
  back to a local budget of its share of the rate (its shards over all shards), so a Redis outage
  slows briefs, never gets the bot banned.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import math
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, Protocol

import aiohttp

log = logging.getLogger(__name__)

DEFAULT_RATE = 40.0  # requests per second; Discord's global limit is 50
LATE_S = 0.1  # a request this long past its slot takes a new one
GLOBAL_KEY = "discord-global"

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


class RateBudget(Protocol):
    async def acquire(self) -> None:
        """Wait for this request's send slot; return when it is time to send."""

    async def close(self) -> None: ...


async def _on_time(slot: float, clock: Clock, sleep: Sleep) -> bool:
    """Wait for ``slot`` (on ``clock``); False if the wait overran it by more than ``LATE_S``."""
    wait = slot - clock()
    if wait > 0:
        await sleep(wait)
    return clock() - slot <= LATE_S


class LocalBudget:
    """Send slots ``1 / rate`` apart for this process alone, first come first served."""

    def __init__(
        self, rate: float = DEFAULT_RATE, clock: Clock = time.monotonic, sleep: Sleep = asyncio.sleep
    ) -> None:
        self.rate = rate
        self.interval = 1.0 / rate
        self.missed = 0  # slots given back because the request was late for them
        self._clock = clock
        self._sleep = sleep
        self._next = -math.inf  # the next free slot
        self._queue = asyncio.Lock()  # FIFO: one request at a time holds a slot and waits for it

    async def acquire(self) -> None:
        async with self._queue:
            while True:
                slot = max(self._clock(), self._next)
                self._next = slot + self.interval
                if await _on_time(slot, self._clock, self._sleep):
                    return
                self.missed += 1

    async def close(self) -> None:
        return None


# KEYS[1] holds the next free slot, in microseconds on Redis's clock; ARGV[1] is the interval between
# slots in microseconds. Takes the next free slot (now, if that has passed) and returns how many
# microseconds the caller waits for it. The key outlives its slot by a second, then resets to "now".
_TAKE_SLOT = """
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or 0))
local after = slot + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%.0f', after), 'PX', math.ceil((after - now) / 1000) + 1000)
return slot - now
"""


class RedisBudget:
    """The deployment's send slots on Redis, shared by every process using the same URL and key."""

    def __init__(
        self,
        url: str,
        rate: float = DEFAULT_RATE,
        *,
        fallback: LocalBudget,
        key: str = GLOBAL_KEY,
        clock: Clock = time.monotonic,
    ) -> None:
        import coredis
        from coredis.retry import NoRetryPolicy

        self.url = url
        self.key = key
        self.interval = 1.0 / rate
        self.missed = 0  # slots given back because the request was late for them
        # No retries inside the client: a failing Redis means pacing locally at once.
        self._client: Any = coredis.Redis.from_url(
            url, connect_timeout=1.0, stream_timeout=1.0, retry_policy=NoRetryPolicy()
        )
        self._take_slot: Any = self._client.register_script(_TAKE_SLOT)
        self._clock = clock
        self._fallback = fallback
        self._queue = asyncio.Lock()  # one request per process holds a slot; the rest queue here
        self._failing = False

    async def acquire(self) -> None:
        async with self._queue:
            while True:
                asked = self._clock()
                try:
                    wait_us = int(await self._take_slot(keys=[self.key], args=[round(self.interval * 1e6)]))
                except Exception as exc:  # connection refused, timeout, Redis restarting...
                    if not self._failing:
                        log.warning(
                            "rate budget on Redis unavailable (%s); pacing to this process's share", exc
                        )
                        self._failing = True
                    await self._fallback.acquire()
                    return
                self._recovered()
                # The slot counted from before asking: a slow answer makes the request late, not early.
                if await _on_time(asked + wait_us / 1e6, self._clock, asyncio.sleep):
                    return
                self.missed += 1

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


# The budget that requests made in the current task take their slots from (None: not paced).
_pacing: contextvars.ContextVar[RateBudget | None] = contextvars.ContextVar("pacing", default=None)


@contextlib.contextmanager
def paced(budget: RateBudget | None) -> Iterator[None]:
    """Requests made inside this block wait for a slot of ``budget`` as they go out (None: unpaced).

    Works through the client's HTTP session hook (``pacing_trace``), which the bot installs.
    """
    token = _pacing.set(budget)
    try:
        yield
    finally:
        _pacing.reset(token)


def pacing_trace(trace: aiohttp.TraceConfig | None = None) -> aiohttp.TraceConfig:
    """``trace`` (a new one if None) made to hold each paced request until its slot, as it goes out.

    Give it to discord.py as the client's ``http_trace``: aiohttp awaits the hook in the request's
    own task just before connecting and writing the request, once per attempt.
    """

    async def take_slot(session: aiohttp.ClientSession, context: Any, params: Any) -> None:
        budget = _pacing.get()
        if budget is not None:
            await budget.acquire()

    trace = trace if trace is not None else aiohttp.TraceConfig()
    trace.on_request_start.append(take_slot)
    return trace
