"""The daily-brief scheduler: in-memory APScheduler jobs derived from the database.

The database is the source of truth. Each active guild gets one date job ``brief:{guild_id}`` at its
next post time (see :mod:`bot.scheduling.timers`); a job firing only *asks* for the day's brief, and
the delivery log decides (atomic claim on (guild, local date)) whether this process posts it. Hence
duplicates are impossible whatever fires: a timer, the periodic sweep, a restarted process, or
another process.

Catch-up (at start and every ``sweep_interval``): for each schedule, the most recent scheduled instant
``<= now`` that is not older than the schedule itself (``effective_from``):

- no delivery row and ``now - instant <= grace`` → post now, ``late=True`` when more than
  ``late_after`` behind;
- no delivery row and beyond the grace window → record a ``skipped`` row and log it;
- a row whose claim went stale (claimer crashed) or that failed transiently → taken over once (see
  :mod:`bot.storage.repository`), within the grace window. The deliverer is told it is a take-over
  (:class:`DeliveryAttempt`) so it can look for a post the dead claimer already made.

Leases: a claim is a lease of ``stale_claim_after`` (default one minute) that a renewal task of the
claiming delivery refreshes every third of it, so a live claim never looks stale however slow Discord
is, and a dead process's claims are taken over about a minute later. ``stop()`` releases the claims of
deliveries it had to cancel, so a restart settles them at once. Recording an outcome is retried with
backoff when the database fails; it never leads to posting again (the take-over's look-back does).

Concurrency: a semaphore bounds deliveries across guilds; a brief is claimed only once it holds a
slot, so no claim ages in the queue. Retries: transient errors (and ``deliver_timeout``) are retried
``retry.attempts`` times with exponential backoff (honouring ``retry_after``), the slot released
while waiting and the claim refreshed before every retry. Permanent errors pause the guild's
schedule, drop its job, and notify the admins once. Anything else is recorded as a failure (a bug:
not retried, the guild is not paused).

Time: every instant comes from ``clock()`` (injectable); ``run_due(now=...)`` shifts it for one run,
which is how tests and the benchmarks drive the engine without timers.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import hashlib
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.scheduling.errors import DeliveryPermanentError, DeliveryTransientError
from bot.scheduling.timers import GuildTimers, job_id
from bot.scheduling.times import local_date_of, previous_post_time
from bot.storage.database import is_unavailable
from bot.storage.repository import (
    DEFAULT_MAX_CLAIMS,
    DEFAULT_STALE_CLAIM_AFTER,
    Repository,
    ScheduleRecord,
    shard_id_for,
)
from bot.storage.tables import ScheduleState

log = logging.getLogger(__name__)

__all__ = [
    "BriefScheduler",
    "DeliverFn",
    "DeliveryAttempt",
    "DeliveryResult",
    "NotifyPausedFn",
    "Outcome",
    "RetryPolicy",
    "current_attempt",
    "delivery_nonce",
    "job_id",
]

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]
# Post the brief of ``local_date`` for this schedule; return the message id. Raise
# DeliveryPermanentError / DeliveryTransientError (see bot.scheduling.errors) on failure.
# The attempt in progress (nonce, take-over or not) is available from ``current_attempt()``.
DeliverFn = Callable[[ScheduleRecord, date, bool], Awaitable[str | None]]
# Tell the guild's admins that the schedule was paused, and why (called once per pause).
NotifyPausedFn = Callable[[ScheduleRecord, str], Awaitable[None]]

# A timer callback may run a hair before our clock reaches the instant it was set for (different
# clock reads); look that far ahead when finding "the instant that just fired".
_TRIGGER_TOLERANCE = timedelta(seconds=5)
# Set only while run_due(now=...) runs: shifts the engine's clock to the instant the caller gave.
_clock_offset: contextvars.ContextVar[timedelta] = contextvars.ContextVar(
    "brief_clock_offset", default=timedelta(0)
)


# Set while a claimed delivery calls ``deliver``. A context variable rather than a fourth argument
# keeps every existing DeliverFn (tests, benchmarks, the console) valid.
_current_attempt: contextvars.ContextVar[DeliveryAttempt | None] = contextvars.ContextVar(
    "brief_delivery_attempt", default=None
)
# Recording an outcome when the database fails: tries, and the cap of the doubling delay (seconds).
_RECORD_TRIES = 8
_RECORD_MAX_DELAY = 30.0


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class DeliveryAttempt:
    """What a deliverer needs to post at most once: the delivery's identity and its history."""

    guild_id: int
    local_date: date
    # True when an earlier try of this delivery may have reached Discord (a take-over of a dead or
    # released claim, or a retry within our claim): look for that post before posting again.
    resumed: bool

    @property
    def nonce(self) -> str:
        """Discord's message nonce for this delivery: the same for every try (at most 25 characters)."""
        return delivery_nonce(self.guild_id, self.local_date)


def delivery_nonce(guild_id: int, local_date: date) -> str:
    """One stable token per (guild, local date): the post's nonce and its visible marker."""
    digest = hashlib.blake2b(f"{guild_id}:{local_date.isoformat()}".encode(), digest_size=10)
    return "b" + digest.hexdigest()[:20]


def current_attempt() -> DeliveryAttempt | None:
    """The delivery being posted by the engine in this task, if any (None for e.g. /schedule test)."""
    return _current_attempt.get()


def _default_claimer_label() -> str:
    # Unique per engine instance, so a restarted process never mistakes an old claim for its own.
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"[:128]


class Outcome(StrEnum):
    POSTED = "posted"
    FAILED = "failed"  # transient errors outlasted the retries (may be taken over once later)
    PAUSED = "paused"  # permanent error: the schedule was paused
    SKIPPED = "skipped"  # missed by more than the grace window
    ALREADY_HANDLED = "already_handled"  # posted, being posted, or given up on, by this or another run
    NOT_DUE = "not_due"  # nothing owed (the last instant predates the schedule)
    INACTIVE = "inactive"  # no schedule, paused, or another process's shard
    LOST_CLAIM = "lost_claim"  # our claim was taken over while we were retrying
    ERROR = "error"  # deliver raised something unexpected (a bug): not retried


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    guild_id: int
    outcome: Outcome
    local_date: date | None = None
    late: bool = False
    message_id: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff for transient delivery errors, within one claim."""

    attempts: int = 4  # total tries, including the first
    base_delay: float = 5.0  # seconds before the 2nd try
    factor: float = 2.0
    max_delay: float = 120.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.base_delay < 0 or self.factor < 1 or self.max_delay < 0:
            raise ValueError(f"invalid retry policy {self!r}")

    def delay(self, failed_attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait after try number ``failed_attempt`` (1-based) failed."""
        backoff = min(self.max_delay, self.base_delay * self.factor ** (failed_attempt - 1))
        if retry_after is not None and retry_after > backoff:
            # Honour the server's explicit request, but never wait so long the claim would look stale.
            backoff = min(retry_after, self.max_delay)
        return backoff


class BriefScheduler:
    """Posts each active guild's brief once per local day, on time, across restarts and DST.

    Lifecycle: ``await start()`` inside the running loop (the Discord bot does it in ``on_ready``), call
    ``await refresh_guild(guild_id)`` after every schedule change, ``await stop()`` at shutdown.
    """

    def __init__(
        self,
        repository: Repository,
        deliver: DeliverFn,
        *,
        clock: Clock = _utc_now,
        grace: timedelta = timedelta(hours=2),
        max_concurrency: int = 5,
        retry: RetryPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
        shard_ids: Sequence[int] | None = None,
        shard_count: int = 1,
        claimer_label: str | None = None,
        notify_paused: NotifyPausedFn | None = None,
        late_after: timedelta = timedelta(minutes=1),
        deliver_timeout: timedelta = timedelta(minutes=2),
        stale_claim_after: timedelta = DEFAULT_STALE_CLAIM_AFTER,
        max_claims: int = DEFAULT_MAX_CLAIMS,
        sweep_interval: timedelta | None = timedelta(minutes=5),
    ) -> None:
        retry = retry or RetryPolicy()
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be >= 1")
        if shard_count < 1:
            raise ValueError("shard_count must be >= 1")
        if shard_ids is not None and any(not 0 <= shard < shard_count for shard in shard_ids):
            raise ValueError(f"shard ids {list(shard_ids)} out of range for shard_count={shard_count}")
        if grace < timedelta(0):
            raise ValueError("grace must not be negative")
        # A live claim is renewed every third of the lease: shorter leases would renew constantly.
        if stale_claim_after < timedelta(seconds=0.1):
            raise ValueError("stale_claim_after must be at least 0.1 s")
        self._repo = repository
        self._deliver = deliver
        self._clock = clock
        self._grace = grace
        self._retry = retry
        self._sleep = sleep
        self._shard_ids = frozenset(shard_ids) if shard_ids is not None else None
        self._shard_count = shard_count
        self._claimer = claimer_label or _default_claimer_label()
        self._notify_paused = notify_paused
        self._late_after = late_after
        self._deliver_timeout = deliver_timeout
        self._stale_claim_after = stale_claim_after
        self._max_claims = max_claims
        self._sweep_interval = sweep_interval
        self._semaphore = asyncio.Semaphore(max_concurrency)
        self._timers = GuildTimers(self._run_timer_job, misfire_grace=grace)
        self._inflight: set[asyncio.Task[Any]] = set()
        # Claims this engine holds right now, released by stop() if their delivery had to be cancelled.
        self._held: set[tuple[int, date]] = set()

    # -------------------------------------------------------------------------------- properties

    @property
    def claimer_label(self) -> str:
        return self._claimer

    @property
    def running(self) -> bool:
        return self._timers.running

    @property
    def scheduler(self) -> AsyncIOScheduler | None:
        """The underlying APScheduler instance (read-only use: inspection in tests)."""
        return self._timers.scheduler

    def job_ids(self) -> set[str]:
        return self._timers.job_ids()

    def next_run_time(self, guild_id: int) -> datetime | None:
        """When APScheduler will next fire this guild's job (aware, in the guild's zone), if any."""
        return self._timers.next_run_time(guild_id)

    # -------------------------------------------------------------------------------- lifecycle

    async def start(self, *, catch_up: bool = True, timers: bool = True) -> None:
        """Start APScheduler in the running loop and build the jobs from the database.

        The catch-up runs in the background (``await drain()`` to wait for it), so a front end's start
        is never held up by briefs owed from while it was down.
        ``timers=False`` builds the jobs without letting them fire (tests drive :meth:`run_due`).
        """
        self._timers.start(paused=not timers)
        try:
            await self.sync_from_database()
        except BaseException:
            await self.stop()
            raise
        if self._sweep_interval is not None:
            self._timers.add_sweep(self._sweep_interval, self._run_sweep)
        if catch_up:
            self._spawn(self._catch_up_at_start())

    async def stop(self, *, drain_timeout: float = 30.0) -> None:
        """Stop firing, let in-flight deliveries finish (up to ``drain_timeout`` s), then shut down."""
        # Pause first: APScheduler's shutdown cancels running job tasks, which would leave
        # half-posted briefs behind as stale claims.
        scheduler = self._timers.pause()
        try:
            async with asyncio.timeout(drain_timeout):
                await self.drain()
        except TimeoutError:
            log.warning("stopping with %d brief task(s) still running: cancelling them", len(self._inflight))
            for task in list(self._inflight):
                task.cancel()
            await asyncio.gather(*self._inflight, return_exceptions=True)
        await self._release_held()
        await self._timers.shutdown(scheduler)

    async def _release_held(self) -> None:
        """End the leases of cancelled deliveries so the next start takes them over at once."""
        held, self._held = sorted(self._held), set()
        for guild_id, local in held:
            try:
                async with asyncio.timeout(2.0):
                    await self._repo.release_claim(guild_id, local, claimer=self._claimer)
            except Exception as exc:  # the database is down: the lease simply runs out
                log.warning(
                    "could not release the claim guild=%d date=%s (%r); it expires in %s",
                    guild_id,
                    local,
                    exc,
                    self._stale_claim_after,
                )
                return
            log.info("released the claim guild=%d date=%s for the next start to settle", guild_id, local)

    async def drain(self) -> None:
        """Wait until no catch-up, sweep or timer-fired delivery of this engine is running."""
        current = asyncio.current_task()
        while pending := {task for task in self._inflight if task is not current}:
            await asyncio.wait(pending)

    # -------------------------------------------------------------------------------- jobs

    def _owns(self, guild_id: int) -> bool:
        return self._shard_ids is None or shard_id_for(guild_id, self._shard_count) in self._shard_ids

    def _ensure_job(self, schedule: ScheduleRecord, *, after: datetime | None = None) -> None:
        self._timers.arm(schedule.guild_id, schedule.post_time, schedule.timezone, self._now(), after=after)

    def _remove_job(self, guild_id: int) -> None:
        self._timers.disarm(guild_id)

    async def sync_from_database(self) -> int:
        """Rebuild the jobs from the active schedules of our shards; return how many there are."""
        schedules = await self._repo.list_schedules(
            sorted(self._shard_ids) if self._shard_ids is not None else None, self._shard_count
        )
        wanted = {schedule.guild_id for schedule in schedules}
        for guild_id in self._timers.guilds() - wanted:
            self._remove_job(guild_id)
        for schedule in schedules:
            self._ensure_job(schedule)
        return len(wanted)

    async def refresh_guild(self, guild_id: int) -> ScheduleRecord | None:
        """Re-derive one guild's job after ``/schedule set``, ``off`` or a pause; returns the schedule."""
        schedule = await self._repo.get_schedule(guild_id)
        if schedule is not None and schedule.is_active and self._owns(guild_id):
            self._ensure_job(schedule)
        else:
            self._remove_job(guild_id)
        return schedule

    # -------------------------------------------------------------------------------- entry points

    def _read_clock(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the scheduler clock must return timezone-aware datetimes")
        return now.astimezone(UTC)

    def _now(self) -> datetime:
        return self._read_clock() + _clock_offset.get()

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro)
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)
        return task

    async def _tracked(self, coro: Coroutine[Any, Any, Any]) -> None:
        # APScheduler runs job coroutines as its own tasks; register them so drain()/stop() wait.
        task = asyncio.current_task()
        if task is not None:
            self._inflight.add(task)
        try:
            await coro
        except Exception as exc:
            if is_unavailable(exc):  # routine while the database is away: the next sweep retries
                log.warning("daily brief job: the database is unavailable (%s)", type(exc).__name__)
            else:
                log.exception("daily brief job failed unexpectedly")
        finally:
            if task is not None:
                self._inflight.discard(task)

    async def _run_timer_job(self, guild_id: int) -> None:
        await self._tracked(self.handle_trigger(guild_id))

    async def _run_sweep(self) -> None:
        async def sweep() -> None:
            await self.sync_from_database()
            await self.run_due()

        await self._tracked(sweep())

    async def _catch_up_at_start(self) -> None:
        try:
            await self.run_due()
            await self.retry_pending_notifications()
        except Exception as exc:
            if is_unavailable(exc):
                log.warning(
                    "daily brief catch-up at start-up: the database is unavailable; the sweep retries"
                )
            else:
                log.exception("daily brief catch-up at start-up failed")

    async def handle_trigger(self, guild_id: int) -> DeliveryResult:
        """The body of a guild's timer job: "the post time has (just) come", at ``clock()``."""
        now = self._now()
        schedule = await self._repo.get_schedule(guild_id)
        if schedule is None or not schedule.is_active or not self._owns(guild_id):
            self._remove_job(guild_id)
            return DeliveryResult(guild_id, Outcome.INACTIVE)
        # A timer may fire a hair early or late: the instant it stands for is the latest one due.
        instant = previous_post_time(schedule.post_time, schedule.timezone, now + _TRIGGER_TOLERANCE)
        self._ensure_job(schedule, after=instant)  # the next day's timer, from the schedule as it is now
        return await self._run_for_instant(schedule, instant, now)

    async def run_due(self, now: datetime | None = None) -> list[DeliveryResult]:
        """Deliver (or skip) every brief owed at ``now``: the catch-up and the timer-free test driver.

        Returns one result per schedule that was owed something (NOT_DUE ones are left out).
        """
        if now is None:
            return await self._run_due(self._now())
        # Everything this run records (claims, posted_at, ...) is stamped relative to the given
        # instant, as if the clock read ``now``; the offset lives in a context variable so it follows
        # the tasks gathered below and nothing else.
        token = _clock_offset.set(now.astimezone(UTC) - self._read_clock())
        try:
            return await self._run_due(now.astimezone(UTC))
        finally:
            _clock_offset.reset(token)

    async def _run_due(self, now: datetime) -> list[DeliveryResult]:
        schedules = await self._repo.list_schedules(
            sorted(self._shard_ids) if self._shard_ids is not None else None, self._shard_count
        )
        owed: list[tuple[ScheduleRecord, datetime, date]] = []
        for schedule in schedules:
            instant = previous_post_time(schedule.post_time, schedule.timezone, now)
            if instant >= schedule.effective_from:
                owed.append((schedule, instant, local_date_of(instant, schedule.timezone)))
        if not owed:
            return []
        # One query for the existing rows instead of one per guild (at most ~3 local dates exist).
        # Past a thousand guilds, read the dates' rows unfiltered rather than bind that many ids
        # (drivers cap bound parameters around 32k).
        guild_ids = [schedule.guild_id for schedule, _, _ in owed]
        existing = await self._repo.deliveries_on(
            sorted({local for _, _, local in owed}), guild_ids if len(guild_ids) <= 1000 else None
        )

        async def one(schedule: ScheduleRecord, instant: datetime, local: date) -> DeliveryResult:
            record = existing.get((schedule.guild_id, local))
            if record is not None and not record.can_be_reclaimed(
                now, stale_after=self._stale_claim_after, max_claims=self._max_claims
            ):
                return DeliveryResult(schedule.guild_id, Outcome.ALREADY_HANDLED, local, record.late)
            try:
                return await self._run_for_instant(schedule, instant, now)
            except Exception as exc:  # one guild's failure must not stop the others
                if is_unavailable(exc):
                    log.warning(
                        "daily brief guild=%d date=%s: the database is unavailable (%s); retried later",
                        schedule.guild_id,
                        local,
                        type(exc).__name__,
                    )
                else:
                    log.exception("daily brief guild=%d date=%s outcome=error", schedule.guild_id, local)
                return DeliveryResult(schedule.guild_id, Outcome.ERROR, local, error=repr(exc))

        return list(await asyncio.gather(*(one(*item) for item in owed)))

    async def fire_now(self, guild_id: int, *, late: bool = False) -> DeliveryResult:
        """Post today's brief (the guild's local date at ``clock()``) right now, unless already done.

        Goes through the same claim, so the regular post later that day will not repeat it.
        """
        now = self._now()
        schedule = await self._repo.get_schedule(guild_id)
        if schedule is None or not schedule.is_active:
            return DeliveryResult(guild_id, Outcome.INACTIVE)
        return await self._claim_and_deliver(
            schedule, local_date_of(now, schedule.timezone), scheduled_for=now, forced_late=late
        )

    async def retry_pending_notifications(self) -> int:
        """Notify admins of paused schedules whose notification never went out (e.g. a crash)."""
        if self._notify_paused is None:
            return 0
        paused = await self._repo.list_schedules(
            sorted(self._shard_ids) if self._shard_ids is not None else None,
            self._shard_count,
            state=ScheduleState.PAUSED,
        )
        sent = 0
        for schedule in paused:
            if schedule.admin_notified_at is None and await self._notify_once(schedule.guild_id):
                sent += 1
        return sent

    # -------------------------------------------------------------------------------- delivery

    async def _run_for_instant(
        self, schedule: ScheduleRecord, instant: datetime, now: datetime
    ) -> DeliveryResult:
        guild_id = schedule.guild_id
        local = local_date_of(instant, schedule.timezone)
        if instant < schedule.effective_from:
            return DeliveryResult(guild_id, Outcome.NOT_DUE, local)
        lateness = now - instant
        if lateness > self._grace:
            reason = f"missed by {lateness}, beyond the {self._grace} grace window (bot offline?)"
            if await self._repo.record_skipped(
                guild_id, local, scheduled_for=instant, reason=reason, now=now
            ):
                self._log_outcome(guild_id, local, Outcome.SKIPPED, late=True, detail=reason)
                return DeliveryResult(guild_id, Outcome.SKIPPED, local, True, error=reason)
            return DeliveryResult(guild_id, Outcome.ALREADY_HANDLED, local)
        # Late is judged when the instant is handled, not when a delivery slot frees up: waiting
        # behind other guilds' briefs (rate limits) is not "the bot was offline".
        late = lateness > self._late_after
        return await self._claim_and_deliver(schedule, local, scheduled_for=instant, forced_late=late)

    async def _claim_and_deliver(
        self,
        schedule: ScheduleRecord,
        local: date,
        *,
        scheduled_for: datetime,
        forced_late: bool | None = None,
    ) -> DeliveryResult:
        guild_id = schedule.guild_id
        attempts = self._retry.attempts
        late = bool(forced_late)
        taken_over = False
        renewer: asyncio.Task[None] | None = None
        try:
            for attempt in range(1, attempts + 1):
                # Claim (or check the claim) only once a delivery slot is ours, so no claim is taken
                # while queueing behind other guilds' briefs.
                async with self._semaphore:
                    now = self._now()
                    if attempt == 1:
                        if forced_late is None:
                            late = now - scheduled_for > self._late_after
                        claim = await self._repo.claim_delivery(
                            guild_id,
                            local,
                            claimer=self._claimer,
                            scheduled_for=scheduled_for,
                            late=late,
                            now=now,
                            stale_after=self._stale_claim_after,
                            max_claims=self._max_claims,
                        )
                        if not claim:
                            log.debug("daily brief guild=%d date=%s already claimed", guild_id, local)
                            return DeliveryResult(guild_id, Outcome.ALREADY_HANDLED, local, late)
                        self._held.add((guild_id, local))
                        # create_task copies this context, so a run_due(now=...) clock shift applies.
                        renewer = asyncio.get_running_loop().create_task(self._renew_lease(guild_id, local))
                        taken_over = claim > 1  # someone claimed it before us: look for their post
                    elif not await self._repo.touch_claim(guild_id, local, claimer=self._claimer, now=now):
                        detail = "claim taken over by another process while retrying; giving up"
                        self._log_outcome(guild_id, local, Outcome.LOST_CLAIM, late, detail)
                        return DeliveryResult(guild_id, Outcome.LOST_CLAIM, local, late, error=detail)
                    resumed = taken_over or attempt > 1
                    result, delay = await self._attempt(
                        schedule, local, late, attempt, DeliveryAttempt(guild_id, local, resumed)
                    )
                if result is not None:
                    return result
                await self._sleep(delay)
        finally:
            if renewer is not None:
                renewer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await renewer
            task = asyncio.current_task()
            if task is None or not task.cancelling():
                # Settled (or given up on): nothing to release. A cancelled delivery keeps its entry
                # so stop() releases the claim.
                self._held.discard((guild_id, local))
        raise AssertionError("unreachable: the last attempt always returns a result")  # pragma: no cover

    async def _renew_lease(self, guild_id: int, local: date) -> None:
        """Keep our claim alive while its delivery runs (slow Discord, retries, recording)."""
        interval = self._stale_claim_after.total_seconds() / 3
        while True:
            await asyncio.sleep(interval)
            try:
                if not await self._repo.touch_claim(guild_id, local, claimer=self._claimer, now=self._now()):
                    return  # settled meanwhile, or taken over (the delivery finds out when it records)
            except Exception as exc:
                log.warning("could not renew the claim guild=%d date=%s: %r", guild_id, local, exc)

    async def _record(
        self, what: str, guild_id: int, local: date, write: Callable[[], Awaitable[bool]]
    ) -> bool:
        """Write an outcome, retrying while the database fails: never a reason to post again.

        If it still fails, the claim stays; its lease runs out and the take-over finds the post.
        """
        for attempt in range(1, _RECORD_TRIES + 1):
            try:
                return await write()
            except Exception as exc:
                if attempt == _RECORD_TRIES:
                    log.error(
                        "daily brief guild=%d date=%s: recording %s failed %d times (%r); "
                        "the next take-over will settle it",
                        guild_id,
                        local,
                        what,
                        attempt,
                        exc,
                    )
                    raise
                delay = min(_RECORD_MAX_DELAY, 0.5 * 2 ** (attempt - 1))
                log.warning(
                    "daily brief guild=%d date=%s: recording %s failed (%r); retrying in %.1fs",
                    guild_id,
                    local,
                    what,
                    exc,
                    delay,
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _attempt(
        self, schedule: ScheduleRecord, local: date, late: bool, attempt: int, identity: DeliveryAttempt
    ) -> tuple[DeliveryResult | None, float]:
        """One try of the claimed delivery: a final result, or (None, seconds to wait before retrying)."""
        guild_id = schedule.guild_id
        token = _current_attempt.set(identity)
        try:
            async with asyncio.timeout(self._deliver_timeout.total_seconds()):
                message_id = await self._deliver(schedule, local, late)
        except DeliveryPermanentError as exc:
            permanent = f"permanent: {exc.reason}"
            await self._record(
                "a pause",
                guild_id,
                local,
                lambda: self._repo.mark_failed(
                    guild_id,
                    local,
                    claimer=self._claimer,
                    error=permanent,
                    retryable=False,
                    now=self._now(),
                ),
            )
            await self._pause(schedule, exc.reason)
            self._log_outcome(guild_id, local, Outcome.PAUSED, late, exc.reason)
            return DeliveryResult(guild_id, Outcome.PAUSED, local, late, error=exc.reason), 0.0
        except (DeliveryTransientError, TimeoutError) as exc:
            reason = exc.reason if isinstance(exc, DeliveryTransientError) else "delivery timed out"
            return await self._retry_or_fail(
                guild_id, local, late, attempt, reason, getattr(exc, "retry_after", None)
            )
        except Exception as exc:
            if is_unavailable(exc):
                # The database went away while the brief was being composed (it reads the delivery
                # log for "new since"): nothing was posted, so this is a retry, not a bug.
                reason = f"the database is unavailable ({type(exc).__name__})"
                return await self._retry_or_fail(guild_id, local, late, attempt, reason, None)
            # Not a classified delivery error: most likely a bug (e.g. Discord 400 Invalid Form Body).
            # Retrying would repeat it; record it and leave the schedule alone.
            error = f"unexpected: {exc!r}"
            log.exception(
                "daily brief guild=%d date=%s outcome=%s late=%s", guild_id, local, Outcome.ERROR, late
            )
            await self._record(
                "an error",
                guild_id,
                local,
                lambda: self._repo.mark_failed(
                    guild_id, local, claimer=self._claimer, error=error, retryable=False, now=self._now()
                ),
            )
            return DeliveryResult(guild_id, Outcome.ERROR, local, late, error=error), 0.0
        finally:
            _current_attempt.reset(token)
        if not await self._record(
            "the post",
            guild_id,
            local,
            lambda: self._repo.mark_posted(
                guild_id, local, claimer=self._claimer, message_id=message_id, now=self._now()
            ),
        ):
            log.warning(
                "daily brief guild=%d date=%s posted but the claim had been taken over "
                "(the taker looks for this post before posting)",
                guild_id,
                local,
            )
        self._log_outcome(guild_id, local, Outcome.POSTED, late, f"message={message_id}")
        return DeliveryResult(guild_id, Outcome.POSTED, local, late, message_id=message_id), 0.0

    async def _retry_or_fail(
        self, guild_id: int, local: date, late: bool, attempt: int, reason: str, retry_after: float | None
    ) -> tuple[DeliveryResult | None, float]:
        """A transient failure: wait and try again, or, on the last attempt, record a retryable failure."""
        attempts = self._retry.attempts
        if attempt == attempts:
            error = f"transient, {attempts} attempt(s): {reason}"
            await self._record(
                "a failure",
                guild_id,
                local,
                lambda: self._repo.mark_failed(
                    guild_id, local, claimer=self._claimer, error=error, retryable=True, now=self._now()
                ),
            )
            self._log_outcome(guild_id, local, Outcome.FAILED, late, error)
            return DeliveryResult(guild_id, Outcome.FAILED, local, late, error=error), 0.0
        delay = self._retry.delay(attempt, retry_after)
        log.info(
            "daily brief guild=%d date=%s attempt %d/%d failed (%s); retrying in %.1fs",
            guild_id,
            local,
            attempt,
            attempts,
            reason,
            delay,
        )
        return None, delay

    async def _pause(self, schedule: ScheduleRecord, reason: str) -> None:
        await self._repo.pause_schedule(schedule.guild_id, reason, now=self._now())
        self._remove_job(schedule.guild_id)
        await self._notify_once(schedule.guild_id)

    async def _notify_once(self, guild_id: int) -> bool:
        if self._notify_paused is None:
            return False
        # Atomic flag in the database: exactly one process/run gets to notify for this pause.
        if not await self._repo.mark_admin_notified(guild_id, now=self._now()):
            return False
        schedule = await self._repo.get_schedule(guild_id)
        if schedule is None:
            return False
        try:
            await self._notify_paused(schedule, schedule.paused_reason or "")
        except Exception:
            log.exception("could not notify the admins of guild %d about the paused schedule", guild_id)
            # Let a later start-up try again rather than believing the admins know.
            await self._repo.clear_admin_notified(guild_id)
            return False
        return True

    @staticmethod
    def _log_outcome(guild_id: int, local: date, outcome: Outcome, late: bool, detail: str = "") -> None:
        level = logging.INFO if outcome is Outcome.POSTED else logging.WARNING
        log.log(
            level,
            "daily brief guild=%d date=%s outcome=%s late=%s%s",
            guild_id,
            local,
            outcome.value,
            late,
            f" ({detail})" if detail else "",
        )
