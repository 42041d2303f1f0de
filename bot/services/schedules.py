"""The daily-brief schedule service: set / show / off / test and due deliveries, without Discord.

It validates what an admin typed, writes through the repository, keeps the scheduler's timers in
step, and composes each brief; a front-end *poster* only posts a composed brief and tells admins
about a paused schedule. The ``/schedule`` cog and the console both call this.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.core.desk import NewsDesk
from bot.core.replies import Reply
from bot.scheduling.engine import BriefScheduler, DeliveryAttempt, current_attempt
from bot.scheduling.shards import ShardWatch
from bot.scheduling.times import (
    InvalidTimeError,
    InvalidTimezoneError,
    dst_warning,
    format_post_time,
    next_post_time,
    normalize_timezone,
    parse_post_time,
)
from bot.services.rendered_briefs import RenderedBriefs
from bot.storage.database import Database
from bot.storage.repository import DEFAULT_STALE_CLAIM_AFTER, DeliveryRecord, Repository, ScheduleRecord

Clock = Callable[[], dt.datetime]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class BriefPoster(Protocol):
    """The front end's half of a delivery.

    ``post_brief`` raises ``DeliveryPermanentError`` / ``DeliveryTransientError`` (see
    :mod:`bot.scheduling.errors`) so the scheduler knows whether to pause or retry. ``attempt`` is
    given for scheduled deliveries: post idempotently with its nonce, and when it is ``resumed`` look
    for an earlier post of it first (a poster that cannot, e.g. a terminal, ignores it).
    """

    async def post_brief(
        self, schedule: ScheduleRecord, brief: Reply, attempt: DeliveryAttempt | None = None
    ) -> str | None: ...

    async def notify_paused(self, schedule: ScheduleRecord, reason: str) -> None: ...


class ScheduleInputError(ValueError):
    """What the admin typed cannot be a schedule; the message is meant for them."""


@dataclass(frozen=True)
class ScheduleSet:
    record: ScheduleRecord
    next_brief: dt.datetime
    dst_note: str | None  # a warning when the local time falls in a DST gap or overlap soon


@dataclass(frozen=True)
class ScheduleView:
    record: ScheduleRecord
    next_brief: dt.datetime | None  # None while paused
    recent: Sequence[DeliveryRecord]


def describe_schedule(view: ScheduleView, where: str, when: Callable[[dt.datetime], str]) -> list[str]:
    """The lines of ``/schedule show`` in every front end.

    ``where`` names the destination (a channel mention, "Daily brief"); ``when`` writes an instant
    the front end's way (a Discord timestamp, local time in the terminal).
    """
    record = view.record
    lines = [f"{where} at {record.post_time} {record.timezone}."]
    lines.append("Topics: " + (", ".join(record.topics) if record.topics else "all"))
    if view.next_brief is not None:
        lines.append(f"Next brief: {when(view.next_brief)}.")
    else:
        lines.append(f"⏸️ Paused: {record.paused_reason}. Run /schedule set again to resume.")
    if view.recent:
        lines.append("Recent: " + "; ".join(f"{d.local_date.isoformat()} {d.status}" for d in view.recent))
    return lines


class ScheduleService:
    """One process's schedules: the database handle, the repository and the scheduler engine."""

    def __init__(
        self,
        database: Database,
        desk: NewsDesk,
        poster: BriefPoster,
        *,
        grace: dt.timedelta = dt.timedelta(hours=2),
        max_concurrency: int = 10,
        lease: dt.timedelta = DEFAULT_STALE_CLAIM_AFTER,
        sweep: dt.timedelta = dt.timedelta(minutes=1),
        shard_ids: Sequence[int] | None = None,
        shard_count: int = 1,
        clock: Clock = _utc_now,
    ) -> None:
        self.database = database
        self.desk = desk
        self.poster = poster
        self.briefs = RenderedBriefs(desk)  # servers sharing topics and date share one rendering
        self.repository = Repository(database)
        self._clock = clock
        self.engine = BriefScheduler(
            self.repository,
            self.deliver,
            clock=clock,
            grace=grace,
            max_concurrency=max_concurrency,
            shard_ids=shard_ids,
            shard_count=shard_count,
            notify_paused=poster.notify_paused,
            # Every minute (not the engine's five): an unsettled delivery whose lease ran out, or one
            # that failed while the database was away, is settled within about two minutes.
            sweep_interval=sweep,
            stale_claim_after=lease,
        )
        self.shards = ShardWatch(
            self.repository,
            self.engine.claimer_label,
            list(shard_ids) if shard_ids is not None else list(range(shard_count)),
            shard_count,
            ttl=lease,
        )

    # --- lifecycle ----------------------------------------------------------------------------

    async def start(self) -> None:
        """Build the timers from the database and post anything owed (in the background)."""
        await self.engine.start()
        self.shards.start()

    async def close(self) -> None:
        await self.shards.stop()
        if self.engine.running:
            # Half of the 10 s a shutdown may take: cancelled deliveries are then released.
            await self.engine.stop(drain_timeout=5)
        await self.database.close()

    # --- commands -----------------------------------------------------------------------------

    def check_topics(self, topics: Sequence[str] | None) -> list[str] | None:
        """The topics as a list (None: all), or ScheduleInputError naming the unknown ones."""
        wanted = [t.strip() for t in topics or () if t.strip()]
        unknown = self.desk.unknown_topics(wanted)
        if unknown:
            raise ScheduleInputError(
                f"Unknown topic {', '.join(unknown)[:200]}. Topics: {', '.join(self.desk.topics())[:1500]}"
            )
        return wanted or None

    async def set(
        self,
        guild_id: int,
        *,
        channel_id: int,
        post_time: str,
        timezone: str,
        topics: Sequence[str] | None = None,
        set_by_user_id: int | None = None,
    ) -> ScheduleSet:
        """Create, replace or resume a schedule; raises ScheduleInputError on bad input."""
        try:
            canonical_time = format_post_time(parse_post_time(post_time))
            canonical_zone = normalize_timezone(timezone)
        except (InvalidTimeError, InvalidTimezoneError) as exc:
            raise ScheduleInputError(str(exc)) from exc
        wanted = self.check_topics(topics)
        record = await self.repository.set_schedule(
            guild_id,
            channel_id=channel_id,
            post_time=canonical_time,
            timezone=canonical_zone,
            topics=wanted,
            set_by_user_id=set_by_user_id,
            now=self._clock(),
        )
        await self.engine.refresh_guild(guild_id)
        upcoming = next_post_time(record.post_time, record.timezone, self._clock())
        warning = dst_warning(record.post_time, record.timezone, upcoming.date())
        return ScheduleSet(record, upcoming, warning.message if warning is not None else None)

    async def get(self, guild_id: int) -> ScheduleRecord | None:
        return await self.repository.get_schedule(guild_id)

    async def show(self, guild_id: int, recent: int = 5) -> ScheduleView | None:
        record = await self.repository.get_schedule(guild_id)
        if record is None:
            return None
        upcoming = (
            next_post_time(record.post_time, record.timezone, self._clock()) if record.is_active else None
        )
        return ScheduleView(record, upcoming, await self.repository.recent_deliveries(guild_id, limit=recent))

    async def off(self, guild_id: int) -> bool:
        """Stop the daily brief (the delivery history is kept); False when there was none."""
        removed = await self.repository.delete_schedule(guild_id)
        await self.engine.refresh_guild(guild_id)
        return removed

    async def test(self, guild_id: int) -> ScheduleRecord | None:
        """Post today's brief now, outside the delivery log; None when no schedule exists.

        Raises a ``DeliveryError`` when posting failed (the schedule is not paused for a test).
        """
        record = await self.repository.get_schedule(guild_id)
        if record is None:
            return None
        await self.deliver(record, self._clock().astimezone(record.zone).date(), False)
        return record

    # --- briefs -------------------------------------------------------------------------------

    async def on_demand(self, guild_id: int, topics: Sequence[str] | None) -> Reply:
        """``/brief`` asked now: today in the server's brief time zone (UTC without a schedule), new
        since the server's previous posted brief - whenever that was, today's included."""
        schedule = await self.repository.get_schedule(guild_id)
        today = self._clock().astimezone(schedule.zone if schedule else dt.UTC).date()
        previous = await self.repository.last_posted_delivery(guild_id)
        return self._brief(today, topics, previous)

    async def compose(self, schedule: ScheduleRecord, local_date: dt.date, *, late: bool = False) -> Reply:
        """The brief of ``local_date``, marking what was added since the previous posted one."""
        previous = await self.repository.last_posted_delivery(schedule.guild_id, before=local_date)
        topics = list(schedule.topics) if schedule.topics else None
        return self._brief(local_date, topics, previous, late=late)

    def _brief(
        self,
        day: dt.date,
        topics: Sequence[str] | None,
        previous: DeliveryRecord | None,
        *,
        late: bool = False,
    ) -> Reply:
        """Scheduled and on-demand briefs alike: new since ``previous`` was posted (None: a first
        brief, where the last day is new; see :func:`bot.core.briefing.new_cutoff`)."""
        since = previous.local_date if previous else None
        seen_at = previous.posted_at if previous else None
        return self.briefs.brief(day, topics, since, late=late, seen_at=seen_at, now=self._clock())

    async def deliver(self, schedule: ScheduleRecord, local_date: dt.date, late: bool) -> str | None:
        """The scheduler's ``deliver``: compose here, post through the front end."""
        brief = await self.compose(schedule, local_date, late=late)
        return await self.poster.post_brief(schedule, brief, current_attempt())
