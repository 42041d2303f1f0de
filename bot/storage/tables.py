"""SQLAlchemy 2 declarative models: the current shape of the schema.

The schema itself is created by :mod:`bot.storage.migrations` (frozen, versioned steps), never by
``metadata.create_all``; a test checks that these models and the migrated schema agree.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Explicit constraint names keep migrations reproducible on both SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class ScheduleState(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"


class DeliveryStatus(StrEnum):
    CLAIMED = "claimed"  # someone is posting it right now (or crashed while doing so)
    POSTED = "posted"
    FAILED = "failed"
    SKIPPED = "skipped"  # the bot was down past the grace window


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend.

    SQLite has no time zone support: values are stored as naive UTC text and given back their UTC
    tzinfo on load, so comparisons in SQL (stale claims) stay correct. Naive input is refused.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r} cannot be stored; use an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class JSONList(TypeDecorator[list[str]]):
    """A list of strings stored as JSON text (portable; no JSON column type needed)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(list(value), ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[str] | None:
        return None if value is None else list(json.loads(value))


# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
_SURROGATE_ID = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class GuildSchedule(Base):
    __tablename__ = "guild_schedules"
    __table_args__ = (CheckConstraint("state IN ('active', 'paused')", name="state"),)

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    channel_id: Mapped[int] = mapped_column(BigInteger, nullable=False)
    post_time: Mapped[str] = mapped_column(String(5), nullable=False)  # local "HH:MM"
    timezone: Mapped[str] = mapped_column(String(64), nullable=False)  # IANA key
    topics: Mapped[list[str] | None] = mapped_column(JSONList, nullable=True)  # None = all topics
    state: Mapped[str] = mapped_column(String(16), nullable=False, default=ScheduleState.ACTIVE.value)
    paused_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    set_by_user_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    admin_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Catch-up never posts for instants before this (set when the schedule starts or is changed), so
    # setting 09:00 at 10:00 does not produce an immediate "late" brief.
    effective_from: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class Delivery(Base):
    """One row per guild and local day: the exactly-once guard and the delivery history.

    Deliberately not a foreign key to ``guild_schedules``: turning a schedule off and on again the same
    day must not allow a second brief, and the history stays for ``/schedule show``.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("guild_id", "local_date"),
        CheckConstraint("status IN ('claimed', 'posted', 'failed', 'skipped')", name="status"),
    )

    id: Mapped[int] = mapped_column(_SURROGATE_ID, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger, nullable=False)
    local_date: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    late: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    scheduled_for: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    message_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Whether a failed row may be claimed again (transient failure) or is final (permanent failure).
    retryable: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # Number of claims so far; bounds re-claims of stale or transiently failed deliveries.
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class ShardLease(Base):
    """A process's claim to run one shard, renewed while it lives (see :mod:`bot.scheduling.shards`)."""

    __tablename__ = "shard_leases"

    owner: Mapped[str] = mapped_column(String(128), primary_key=True)
    shard_count: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    shard_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    renewed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
