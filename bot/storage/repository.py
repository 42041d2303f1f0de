"""All queries of the bot's storage. Returns immutable records, never live ORM objects.

Exactly-once delivery rests on the UNIQUE (guild_id, local_date) constraint of ``deliveries``:

- :meth:`Repository.claim_delivery` inserts the row with ``ON CONFLICT DO NOTHING``; whoever inserts
  it owns that day's brief. Two processes, two engines, or APScheduler firing twice in a DST overlap
  cannot both win.
- Stale-claim policy: a claim can be taken over by a single conditional UPDATE only when (a) it is
  still ``claimed`` but older than ``stale_after`` (the claimer crashed or was killed mid-post), or (b)
  it ``failed`` with a transient error; and only while ``attempts < max_claims`` (default 2: one
  take-over). A claim is a lease: the live claimer renews ``claimed_at`` every third of
  ``stale_after`` (:meth:`touch_claim`), so a live claim never looks stale and a dead one is taken over
  about a minute later; :meth:`release_claim` ends a lease at once (a clean shutdown). A process that
  died *after* Discord accepted the message but *before* recording it is not posted twice: the
  taker is told it is a take-over, and the poster looks for that post (nonce and marker) first.
- Permanent failures, posts and skips are final.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, and_, delete, literal_column, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Database, whole
from bot.storage.tables import Delivery, DeliveryStatus, GuildSchedule, ScheduleState, ShardLease

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_MAX_CLAIMS",
    "DEFAULT_STALE_CLAIM_AFTER",
    "DeliveryRecord",
    "Repository",
    "ScheduleRecord",
    "ShardLeaseRecord",
    "shard_id_for",
]

DEFAULT_STALE_CLAIM_AFTER = timedelta(minutes=1)
# ``claimed_at`` of a released claim: older than any lease, so the next claimer takes it at once.
RELEASED_AT = datetime(2000, 1, 1, tzinfo=UTC)
DEFAULT_MAX_CLAIMS = 2
_MAX_ERROR_LENGTH = 2000
_MAX_TOPICS = 25
_MAX_TOPIC_LENGTH = 100


def shard_id_for(guild_id: int, shard_count: int) -> int:
    """Discord's shard of a guild."""
    return (guild_id >> 22) % shard_count


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ScheduleRecord:
    guild_id: int
    channel_id: int
    post_time: str  # local "HH:MM"
    timezone: str  # IANA key
    topics: tuple[str, ...] | None  # None: all topics
    state: ScheduleState
    paused_reason: str | None
    set_by_user_id: int | None
    admin_notified_at: datetime | None
    effective_from: datetime
    created_at: datetime
    updated_at: datetime

    @property
    def is_active(self) -> bool:
        return self.state is ScheduleState.ACTIVE

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def shard_id(self, shard_count: int) -> int:
        return shard_id_for(self.guild_id, shard_count)

    @classmethod
    def _from_row(cls, row: GuildSchedule) -> ScheduleRecord:
        return cls(
            guild_id=row.guild_id,
            channel_id=row.channel_id,
            post_time=row.post_time,
            timezone=row.timezone,
            topics=tuple(row.topics) if row.topics is not None else None,
            state=ScheduleState(row.state),
            paused_reason=row.paused_reason,
            set_by_user_id=row.set_by_user_id,
            admin_notified_at=row.admin_notified_at,
            effective_from=row.effective_from,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    guild_id: int
    local_date: date
    status: DeliveryStatus
    late: bool
    scheduled_for: datetime
    claimed_at: datetime | None
    posted_at: datetime | None
    claimed_by: str | None
    message_id: str | None
    error: str | None
    retryable: bool
    attempts: int
    updated_at: datetime

    def can_be_reclaimed(
        self,
        now: datetime,
        *,
        stale_after: timedelta = DEFAULT_STALE_CLAIM_AFTER,
        max_claims: int = DEFAULT_MAX_CLAIMS,
    ) -> bool:
        """Python mirror of the take-over condition in :meth:`Repository.claim_delivery`."""
        if self.attempts >= max_claims:
            return False
        if self.status is DeliveryStatus.FAILED:
            return self.retryable
        if self.status is DeliveryStatus.CLAIMED:
            return self.claimed_at is None or self.claimed_at < now - stale_after
        return False

    @classmethod
    def _from_row(cls, row: Delivery) -> DeliveryRecord:
        return cls(
            guild_id=row.guild_id,
            local_date=row.local_date,
            status=DeliveryStatus(row.status),
            late=row.late,
            scheduled_for=row.scheduled_for,
            claimed_at=row.claimed_at,
            posted_at=row.posted_at,
            claimed_by=row.claimed_by,
            message_id=row.message_id,
            error=row.error,
            retryable=row.retryable,
            attempts=row.attempts,
            updated_at=row.updated_at,
        )


@dataclass(frozen=True, slots=True)
class ShardLeaseRecord:
    owner: str
    shard_count: int
    shard_id: int
    started_at: datetime
    renewed_at: datetime


def _normalize_topics(topics: Sequence[str] | None) -> list[str] | None:
    if topics is None:
        return None
    if isinstance(topics, str):
        raise TypeError("topics must be a sequence of strings, not a single string")
    cleaned: list[str] = []
    seen: set[str] = set()
    for topic in topics:
        value = " ".join(str(topic).split())[:_MAX_TOPIC_LENGTH]
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            cleaned.append(value)
    if len(cleaned) > _MAX_TOPICS:
        raise ValueError(f"at most {_MAX_TOPICS} topics can be followed, got {len(cleaned)}")
    # An empty selection means "no filter", the same as not giving topics.
    return cleaned or None


class Repository:
    """Queries over schedules and the delivery log. ``now`` parameters default to ``clock()``."""

    def __init__(self, database: Database, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self._db = database
        self._clock = clock

    @property
    def database(self) -> Database:
        return self._db

    def _now(self, now: datetime | None) -> datetime:
        value = now if now is not None else self._clock()
        if value.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        return value.astimezone(UTC)

    def _insert(self) -> Any:
        # ON CONFLICT DO NOTHING is spelled the same on both backends but lives in dialect modules.
        return postgresql.insert if self._db.dialect == "postgresql" else sqlite.insert

    # ------------------------------------------------------------------------------------ schedules

    async def get_schedule(self, guild_id: int) -> ScheduleRecord | None:
        async with self._db.session() as session:
            row = await session.get(GuildSchedule, guild_id)
            return ScheduleRecord._from_row(row) if row is not None else None

    @whole
    async def set_schedule(
        self,
        guild_id: int,
        *,
        channel_id: int,
        post_time: str,
        timezone: str,
        topics: Sequence[str] | None = None,
        set_by_user_id: int | None = None,
        now: datetime | None = None,
    ) -> ScheduleRecord:
        """Create or replace a guild's schedule. Always leaves it active (resumes a paused one).

        ``post_time`` ("HH:MM") and ``timezone`` (an IANA key) are stored as given: they are
        validated and canonicalised by the schedule service before they get here.
        """
        canonical_time, canonical_zone = post_time, timezone
        cleaned_topics = _normalize_topics(topics)
        now = self._now(now)
        values = {
            "channel_id": channel_id,
            "post_time": canonical_time,
            "timezone": canonical_zone,
            "topics": cleaned_topics,
            "state": ScheduleState.ACTIVE.value,
            "paused_reason": None,
            "set_by_user_id": set_by_user_id,
            "admin_notified_at": None,
            "updated_at": now,
        }
        async with self._db.session(write=True) as session:
            inserted = await session.execute(
                self._insert()(GuildSchedule)
                .values(guild_id=guild_id, effective_from=now, created_at=now, **values)
                .on_conflict_do_nothing(index_elements=[GuildSchedule.guild_id])
                .returning(GuildSchedule.guild_id)
            )
            if inserted.scalar_one_or_none() is None:
                row = (
                    await session.execute(
                        select(GuildSchedule).where(GuildSchedule.guild_id == guild_id).with_for_update()
                    )
                ).scalar_one()
                # A new time, zone, or a resume restarts the catch-up window: instants before now that
                # belonged to the old settings (or to the paused period) are not owed a late brief.
                if (
                    row.state != ScheduleState.ACTIVE.value
                    or row.post_time != canonical_time
                    or row.timezone != canonical_zone
                ):
                    row.effective_from = now
                for key, value in values.items():
                    setattr(row, key, value)
                await session.flush()
            else:
                row = (
                    await session.execute(select(GuildSchedule).where(GuildSchedule.guild_id == guild_id))
                ).scalar_one()
            return ScheduleRecord._from_row(row)

    @whole
    async def delete_schedule(self, guild_id: int) -> bool:
        """``/schedule off``: remove the schedule (the delivery history is kept). True if it existed."""
        async with self._db.session(write=True) as session:
            result = await session.execute(
                delete(GuildSchedule)
                .where(GuildSchedule.guild_id == guild_id)
                .returning(GuildSchedule.guild_id)
            )
            return result.scalar_one_or_none() is not None

    @whole
    async def pause_schedule(self, guild_id: int, reason: str, *, now: datetime | None = None) -> bool:
        """Pause an active schedule with a reason. True if it was active (False: absent or already paused)."""
        now = self._now(now)
        async with self._db.session(write=True) as session:
            result = await session.execute(
                update(GuildSchedule)
                .where(GuildSchedule.guild_id == guild_id, GuildSchedule.state == ScheduleState.ACTIVE.value)
                .values(
                    state=ScheduleState.PAUSED.value, paused_reason=reason[:_MAX_ERROR_LENGTH], updated_at=now
                )
                .returning(GuildSchedule.guild_id)
                .execution_options(synchronize_session=False)
            )
            return result.scalar_one_or_none() is not None

    @whole
    async def mark_admin_notified(self, guild_id: int, *, now: datetime | None = None) -> bool:
        """Atomically take the right to tell the admins about the current pause.

        True for exactly one caller per pause (the flag is cleared when the schedule is set again).
        """
        now = self._now(now)
        async with self._db.session(write=True) as session:
            result = await session.execute(
                update(GuildSchedule)
                .where(
                    GuildSchedule.guild_id == guild_id,
                    GuildSchedule.state == ScheduleState.PAUSED.value,
                    GuildSchedule.admin_notified_at.is_(None),
                )
                .values(admin_notified_at=now)
                .returning(GuildSchedule.guild_id)
                .execution_options(synchronize_session=False)
            )
            return result.scalar_one_or_none() is not None

    @whole
    async def clear_admin_notified(self, guild_id: int) -> None:
        """Undo :meth:`mark_admin_notified` after the notification itself failed."""
        async with self._db.session(write=True) as session:
            await session.execute(
                update(GuildSchedule)
                .where(GuildSchedule.guild_id == guild_id)
                .values(admin_notified_at=None)
                .execution_options(synchronize_session=False)
            )

    async def list_schedules(
        self,
        shard_ids: Sequence[int] | None = None,
        shard_count: int = 1,
        *,
        state: ScheduleState | None = ScheduleState.ACTIVE,
    ) -> list[ScheduleRecord]:
        """Schedules (active by default) of the guilds whose shard ``(guild_id >> 22) % shard_count``
        is in ``shard_ids`` (all guilds when ``shard_ids`` is None), ordered by guild id."""
        if shard_count < 1:
            raise ValueError(f"shard_count must be >= 1, got {shard_count}")
        statement = select(GuildSchedule).order_by(GuildSchedule.guild_id)
        if state is not None:
            statement = statement.where(GuildSchedule.state == ScheduleState(state).value)
        if shard_ids is not None:
            wanted = sorted(set(shard_ids))
            if any(not 0 <= shard < shard_count for shard in wanted):
                raise ValueError(f"shard ids {wanted} out of range for shard_count={shard_count}")
            if not wanted:
                return []
            # PostgreSQL only has bigint >> integer: a bound parameter would be typed bigint.
            shard_expr = GuildSchedule.guild_id.op(">>")(literal_column("22", Integer)) % shard_count
            statement = statement.where(shard_expr.in_(wanted))
        async with self._db.session() as session:
            rows = (await session.execute(statement)).scalars().all()
            return [ScheduleRecord._from_row(row) for row in rows]

    # ------------------------------------------------------------------------------------ deliveries

    @whole
    async def claim_delivery(
        self,
        guild_id: int,
        local_date: date,
        *,
        claimer: str,
        scheduled_for: datetime,
        late: bool = False,
        now: datetime | None = None,
        stale_after: timedelta = DEFAULT_STALE_CLAIM_AFTER,
        max_claims: int = DEFAULT_MAX_CLAIMS,
    ) -> int:
        """Atomically claim the brief of (guild, local_date). Non-zero: the caller must post it now,
        and the number says which claim of that brief this is (1: the first, more: a take-over).

        See the module docstring for when an existing claim may be taken over.
        """
        now = self._now(now)
        # Two statements, each atomic: the UPDATE re-checks its condition against the latest row.
        async with self._db.single(write=True) as session:
            inserted = await self._insert_delivery(
                session,
                guild_id=guild_id,
                local_date=local_date,
                status=DeliveryStatus.CLAIMED.value,
                late=late,
                scheduled_for=scheduled_for,
                claimed_at=now,
                claimed_by=claimer,
                retryable=False,
                attempts=1,
                updated_at=now,
            )
            if inserted:
                return 1  # the row is new: attempts=1 above
            # One conditional UPDATE: on PostgreSQL a concurrent taker blocks on the row lock and then
            # re-checks the WHERE clause against the new row, so only one of them matches.
            taken = await session.execute(
                update(Delivery)
                .where(
                    Delivery.guild_id == guild_id,
                    Delivery.local_date == local_date,
                    Delivery.attempts < max_claims,
                    or_(
                        and_(
                            Delivery.status == DeliveryStatus.CLAIMED.value,
                            Delivery.claimed_at < now - stale_after,
                        ),
                        and_(Delivery.status == DeliveryStatus.FAILED.value, Delivery.retryable.is_(True)),
                    ),
                )
                .values(
                    status=DeliveryStatus.CLAIMED.value,
                    claimed_at=now,
                    claimed_by=claimer,
                    late=late,
                    error=None,
                    retryable=False,
                    attempts=Delivery.attempts + 1,
                    updated_at=now,
                )
                .returning(Delivery.attempts)
                .execution_options(synchronize_session=False)
            )
            return int(taken.scalar_one_or_none() or 0)

    async def _insert_delivery(self, session: AsyncSession, **values: Any) -> bool:
        """Insert the day's delivery row unless one exists; the unique key makes this atomic."""
        inserted = await session.execute(
            self._insert()(Delivery)
            .values(**values)
            .on_conflict_do_nothing(index_elements=[Delivery.guild_id, Delivery.local_date])
            .returning(Delivery.id)
        )
        return inserted.scalar_one_or_none() is not None

    @whole
    async def _finish_claim(self, guild_id: int, local_date: date, claimer: str, **values: Any) -> bool:
        async with self._db.single(write=True) as session:
            result = await session.execute(
                update(Delivery)
                .where(
                    Delivery.guild_id == guild_id,
                    Delivery.local_date == local_date,
                    Delivery.status == DeliveryStatus.CLAIMED.value,
                    Delivery.claimed_by == claimer,
                )
                .values(**values)
                .returning(Delivery.id)
                .execution_options(synchronize_session=False)
            )
            return result.scalar_one_or_none() is not None

    async def touch_claim(
        self, guild_id: int, local_date: date, *, claimer: str, now: datetime | None = None
    ) -> bool:
        """Refresh a live claim so it does not look stale. False: the claim is no longer ours."""
        now = self._now(now)
        return await self._finish_claim(guild_id, local_date, claimer, claimed_at=now, updated_at=now)

    async def release_claim(self, guild_id: int, local_date: date, *, claimer: str) -> bool:
        """End our lease now (shutdown mid-delivery): the outcome is unknown, a take-over settles it."""
        return await self._finish_claim(guild_id, local_date, claimer, claimed_at=RELEASED_AT)

    async def mark_posted(
        self,
        guild_id: int,
        local_date: date,
        *,
        claimer: str,
        message_id: str | None,
        now: datetime | None = None,
    ) -> bool:
        """Record success. False if the claim had been taken over meanwhile (a duplicate is possible)."""
        now = self._now(now)
        return await self._finish_claim(
            guild_id,
            local_date,
            claimer,
            status=DeliveryStatus.POSTED.value,
            posted_at=now,
            message_id=message_id,
            error=None,
            updated_at=now,
        )

    async def mark_failed(
        self,
        guild_id: int,
        local_date: date,
        *,
        claimer: str,
        error: str,
        retryable: bool,
        now: datetime | None = None,
    ) -> bool:
        """Record a failure; ``retryable`` failures may be claimed again (see ``max_claims``)."""
        now = self._now(now)
        return await self._finish_claim(
            guild_id,
            local_date,
            claimer,
            status=DeliveryStatus.FAILED.value,
            error=error[:_MAX_ERROR_LENGTH],
            retryable=retryable,
            updated_at=now,
        )

    @whole
    async def record_skipped(
        self,
        guild_id: int,
        local_date: date,
        *,
        scheduled_for: datetime,
        reason: str,
        now: datetime | None = None,
    ) -> bool:
        """Record that a day's brief was deliberately not posted. False if that day already has a row."""
        now = self._now(now)
        async with self._db.session(write=True) as session:
            return await self._insert_delivery(
                session,
                guild_id=guild_id,
                local_date=local_date,
                status=DeliveryStatus.SKIPPED.value,
                late=False,
                scheduled_for=scheduled_for,
                error=reason[:_MAX_ERROR_LENGTH],
                retryable=False,
                attempts=0,
                updated_at=now,
            )

    async def get_delivery(self, guild_id: int, local_date: date) -> DeliveryRecord | None:
        async with self._db.session() as session:
            row = (
                await session.execute(
                    select(Delivery).where(Delivery.guild_id == guild_id, Delivery.local_date == local_date)
                )
            ).scalar_one_or_none()
            return DeliveryRecord._from_row(row) if row is not None else None

    async def deliveries_on(
        self, local_dates: Sequence[date], guild_ids: Sequence[int] | None = None
    ) -> dict[tuple[int, date], DeliveryRecord]:
        """Delivery rows for the given local dates (and guilds), keyed by (guild_id, local_date)."""
        if not local_dates or (guild_ids is not None and not guild_ids):
            return {}
        statement = select(Delivery).where(Delivery.local_date.in_(sorted(set(local_dates))))
        if guild_ids is not None:
            statement = statement.where(Delivery.guild_id.in_(sorted(set(guild_ids))))
        async with self._db.session() as session:
            rows = (await session.execute(statement)).scalars()
            return {(row.guild_id, row.local_date): DeliveryRecord._from_row(row) for row in rows}

    async def last_posted_delivery(
        self, guild_id: int, *, before: date | None = None
    ) -> DeliveryRecord | None:
        """The most recent posted brief (strictly before ``before`` if given): "what is new since"."""
        statement = (
            select(Delivery)
            .where(Delivery.guild_id == guild_id, Delivery.status == DeliveryStatus.POSTED.value)
            .order_by(Delivery.local_date.desc())
            .limit(1)
        )
        if before is not None:
            statement = statement.where(Delivery.local_date < before)
        async with self._db.single() as session:
            row = (await session.execute(statement)).scalar_one_or_none()
            return DeliveryRecord._from_row(row) if row is not None else None

    async def recent_deliveries(self, guild_id: int, limit: int = 7) -> list[DeliveryRecord]:
        """Latest deliveries of a guild, newest first (for ``/schedule show``)."""
        async with self._db.session() as session:
            rows = (
                await session.execute(
                    select(Delivery)
                    .where(Delivery.guild_id == guild_id)
                    .order_by(Delivery.local_date.desc())
                    .limit(limit)
                )
            ).scalars()
            return [DeliveryRecord._from_row(row) for row in rows]

    async def latest_deliveries(self, limit: int = 10) -> list[DeliveryRecord]:
        """The most recently updated deliveries of all guilds, newest first (``python -m bot status``)."""
        async with self._db.session() as session:
            rows = (
                await session.execute(select(Delivery).order_by(Delivery.updated_at.desc()).limit(limit))
            ).scalars()
            return [DeliveryRecord._from_row(row) for row in rows]

    # ------------------------------------------------------------------------------------ shard leases

    @whole
    async def renew_shard_leases(
        self, owner: str, shard_ids: Sequence[int], shard_count: int, *, now: datetime | None = None
    ) -> None:
        """Record (or refresh) that ``owner`` runs these shards of ``shard_count``."""
        now = self._now(now)
        async with self._db.session(write=True) as session:
            for shard_id in shard_ids:
                statement = self._insert()(ShardLease).values(
                    owner=owner, shard_count=shard_count, shard_id=shard_id, started_at=now, renewed_at=now
                )
                await session.execute(
                    statement.on_conflict_do_update(
                        index_elements=[ShardLease.owner, ShardLease.shard_count, ShardLease.shard_id],
                        set_={"renewed_at": now},
                    )
                )

    async def shard_leases(self) -> list[ShardLeaseRecord]:
        async with self._db.session() as session:
            rows = (
                await session.execute(select(ShardLease).order_by(ShardLease.shard_id, ShardLease.owner))
            ).scalars()
            return [
                ShardLeaseRecord(r.owner, r.shard_count, r.shard_id, r.started_at, r.renewed_at) for r in rows
            ]

    @whole
    async def release_shard_leases(self, owner: str) -> None:
        async with self._db.session(write=True) as session:
            await session.execute(delete(ShardLease).where(ShardLease.owner == owner))
