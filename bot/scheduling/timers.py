"""APScheduler bookkeeping for the daily brief: one date job per guild, plus the catch-up sweep.

Each guild's job is a ``DateTrigger`` at the next instant computed by :mod:`bot.scheduling.times`
(tested across DST gaps and overlaps), re-armed after it fires. A ``CronTrigger`` would need
patching: APScheduler 3.11's cron skips a whole day around some spring-forwards. A timer only
*asks* for a brief; the delivery log decides whether one is posted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.scheduling.times import next_post_time

SWEEP_JOB_ID = "brief:sweep"

JobFn = Callable[[int], Coroutine[Any, Any, None]]


def job_id(guild_id: int) -> str:
    return f"brief:{guild_id}"


class GuildTimers:
    """The running APScheduler instance and which (post time, zone) each guild's job was armed for."""

    def __init__(self, on_fire: JobFn, *, misfire_grace: timedelta) -> None:
        self._on_fire = on_fire
        # APScheduler's default (1 s) silently drops a run delayed by a busy loop; a late brief
        # within the grace window is still wanted.
        self._misfire_grace = max(1, int(misfire_grace.total_seconds()))
        self._scheduler: AsyncIOScheduler | None = None
        self._keys: dict[int, tuple[str, str]] = {}

    @property
    def scheduler(self) -> AsyncIOScheduler | None:
        """The APScheduler instance while started (read-only use: inspection in tests)."""
        return self._scheduler

    @property
    def running(self) -> bool:
        return self._scheduler is not None

    def guilds(self) -> set[int]:
        return set(self._keys)

    def start(self, *, paused: bool) -> None:
        if self._scheduler is not None:
            raise RuntimeError("BriefScheduler is already started")
        scheduler = AsyncIOScheduler(event_loop=asyncio.get_running_loop(), timezone=UTC)
        scheduler.start(paused=paused)
        self._scheduler = scheduler

    def pause(self) -> AsyncIOScheduler | None:
        """Stop firing (running job tasks keep running) and detach; returns the instance to shut down."""
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None and scheduler.running:
            scheduler.pause()
        return scheduler

    async def shutdown(self, scheduler: AsyncIOScheduler | None) -> None:
        if scheduler is not None and scheduler.running:
            scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # AsyncIOScheduler.shutdown only schedules itself on the loop
        self._keys.clear()

    def add_sweep(self, interval: timedelta, sweep: Callable[[], Coroutine[Any, Any, None]]) -> None:
        if self._scheduler is None:
            return
        seconds = interval.total_seconds()
        self._scheduler.add_job(
            sweep,
            IntervalTrigger(seconds=seconds, timezone=UTC),
            id=SWEEP_JOB_ID,
            name="daily brief catch-up sweep",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=max(1, int(seconds)),
        )

    def job_ids(self) -> set[str]:
        if self._scheduler is None:
            return set()
        return {job.id for job in self._scheduler.get_jobs() if job.id != SWEEP_JOB_ID}

    def next_run_time(self, guild_id: int) -> datetime | None:
        """When APScheduler will next fire this guild's job (aware, in the guild's zone), if any."""
        job = self._scheduler.get_job(job_id(guild_id)) if self._scheduler is not None else None
        return job.next_run_time if job is not None else None

    def arm(
        self, guild_id: int, post_time: str, timezone: str, now: datetime, *, after: datetime | None = None
    ) -> None:
        """Make sure the guild's job fires at its next post time.

        Without ``after``, a job already armed for the same time and zone is left alone: it may be
        due this very second. With ``after`` (the instant that just fired) the job is re-armed for
        the first instant past it.
        """
        if self._scheduler is None:
            return
        key = (post_time, timezone)
        armed = self._scheduler.get_job(job_id(guild_id)) is not None and self._keys.get(guild_id) == key
        if armed and after is None:
            return
        zone = ZoneInfo(timezone)
        instant = next_post_time(post_time, timezone, max(now, after) if after is not None else now)
        self._scheduler.add_job(
            self._on_fire,
            DateTrigger(run_date=instant.astimezone(zone), timezone=zone),
            args=(guild_id,),
            id=job_id(guild_id),
            name=f"daily brief for guild {guild_id}",
            replace_existing=True,
            misfire_grace_time=self._misfire_grace,
            coalesce=True,
            max_instances=1,
        )
        self._keys[guild_id] = key

    def disarm(self, guild_id: int) -> None:
        self._keys.pop(guild_id, None)
        if self._scheduler is not None and self._scheduler.get_job(job_id(guild_id)) is not None:
            self._scheduler.remove_job(job_id(guild_id))
