"""Versioned, explicit schema migrations (SQLite and PostgreSQL, no Alembic).

Every step is frozen: it describes the schema as it was at that version with its own ``Table``
objects, independent of the live models in :mod:`bot.storage.tables` (which may change later). To
change the schema, append a step with the next version number; never edit an applied one.

:func:`migrate` applies all pending steps and records them in ``schema_version`` in ONE transaction:
either the database ends at the latest version or nothing changed. Concurrent start-ups are
serialized (PostgreSQL advisory lock; SQLite ``BEGIN IMMEDIATE``), so it is safe to call on every
start-up from several processes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.tables import NAMING_CONVENTION, JSONList, UTCDateTime

log = logging.getLogger(__name__)

__all__ = ["MIGRATIONS", "Migration", "SchemaVersionError", "current_version", "migrate"]


class SchemaVersionError(RuntimeError):
    """The database was migrated by a newer version of the bot than this one."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    upgrade: Callable[[Connection], None]  # runs inside the migration transaction


_version_metadata = MetaData(naming_convention=NAMING_CONVENTION)
schema_version = Table(
    "schema_version",
    _version_metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", UTCDateTime, nullable=False),
)


# ---------------------------------------------------------------------------------------------- steps
# Frozen copies of the schema at each version. Do not import the live models here.


def _v1_guild_schedules(conn: Connection) -> None:
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    Table(
        "guild_schedules",
        metadata,
        Column("guild_id", BigInteger, primary_key=True, autoincrement=False),
        Column("channel_id", BigInteger, nullable=False),
        Column("post_time", String(5), nullable=False),
        Column("timezone", String(64), nullable=False),
        Column("topics", JSONList, nullable=True),
        Column("state", String(16), nullable=False),
        Column("paused_reason", Text, nullable=True),
        Column("set_by_user_id", BigInteger, nullable=True),
        Column("admin_notified_at", UTCDateTime, nullable=True),
        Column("effective_from", UTCDateTime, nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("updated_at", UTCDateTime, nullable=False),
        CheckConstraint("state IN ('active', 'paused')", name="state"),
    )
    metadata.create_all(conn)


def _v2_deliveries(conn: Connection) -> None:
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    Table(
        "deliveries",
        metadata,
        Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True),
        Column("guild_id", BigInteger, nullable=False),
        Column("local_date", Date, nullable=False),
        Column("status", String(16), nullable=False),
        Column("late", Boolean, nullable=False),
        Column("scheduled_for", UTCDateTime, nullable=False),
        Column("claimed_at", UTCDateTime, nullable=True),
        Column("posted_at", UTCDateTime, nullable=True),
        Column("claimed_by", String(128), nullable=True),
        Column("message_id", String(32), nullable=True),
        Column("error", Text, nullable=True),
        Column("retryable", Boolean, nullable=False),
        Column("attempts", Integer, nullable=False),
        Column("updated_at", UTCDateTime, nullable=False),
        # The exactly-once guard: one delivery per guild and local day.
        UniqueConstraint("guild_id", "local_date"),
        CheckConstraint("status IN ('claimed', 'posted', 'failed', 'skipped')", name="status"),
    )
    metadata.create_all(conn)


def _v3_feeds(conn: Connection) -> None:
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    surrogate = BigInteger().with_variant(Integer(), "sqlite")
    Table(
        "feed_sources",
        metadata,
        Column("id", surrogate, primary_key=True, autoincrement=True),
        Column("url", String(2000), nullable=False, unique=True),
        Column("publisher", String(200), nullable=False),
        Column("language", String(16), nullable=True),
        Column("topics", JSONList, nullable=True),
        Column("origin", String(16), nullable=False),
        Column("etag", Text, nullable=True),
        Column("last_modified", String(100), nullable=True),
        Column("interval_seconds", Integer, nullable=False),
        Column("next_poll_at", UTCDateTime, nullable=False),
        Column("last_polled_at", UTCDateTime, nullable=True),
        Column("last_success_at", UTCDateTime, nullable=True),
        Column("last_error", Text, nullable=True),
        Column("consecutive_failures", Integer, nullable=False),
        Column("disabled_reason", Text, nullable=True),
        Column("disabled_at", UTCDateTime, nullable=True),
        Column("disabled_notified_at", UTCDateTime, nullable=True),
        Column("primed", Boolean, nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("updated_at", UTCDateTime, nullable=False),
    )
    Table(
        "feed_groups",
        metadata,
        Column("id", surrogate, primary_key=True, autoincrement=True),
        Column("created_at", UTCDateTime, nullable=False),
        Column("last_item_at", UTCDateTime, nullable=False),
    )
    Table(
        "feed_items",
        metadata,
        Column("id", surrogate, primary_key=True, autoincrement=True),
        Column("source_id", surrogate, ForeignKey("feed_sources.id", ondelete="SET NULL"), nullable=True),
        Column("publisher", String(200), nullable=False),
        Column("guid", String(600), nullable=True),
        Column("link_key", String(2000), nullable=True),
        Column("title_key", String(400), nullable=False),
        Column("title", Text, nullable=False),
        Column("link", Text, nullable=True),
        Column("snippet", Text, nullable=False),
        Column("published_at", UTCDateTime, nullable=True),
        Column("first_seen_at", UTCDateTime, nullable=False),
        Column("baseline", Boolean, nullable=False),
        Column("group_id", surrogate, ForeignKey("feed_groups.id", ondelete="SET NULL"), nullable=True),
        UniqueConstraint("source_id", "guid"),
        Index("ix_feed_items_source_link", "source_id", "link_key"),
        Index("ix_feed_items_group", "group_id"),
    )
    Table(
        "feed_proposals",
        metadata,
        Column("id", surrogate, primary_key=True, autoincrement=True),
        Column("group_id", surrogate, ForeignKey("feed_groups.id", ondelete="CASCADE"), nullable=False),
        Column("kind", String(16), nullable=False),
        Column("status", String(16), nullable=False),
        Column("story_id", String(200), nullable=True),
        Column("confidence", Float, nullable=False),
        Column("candidates", Text, nullable=False),
        Column("reason", Text, nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("updated_at", UTCDateTime, nullable=False),
        Column("decided_at", UTCDateTime, nullable=True),
        Column("decided_by", String(200), nullable=True),
        Column("superseded_by", surrogate, nullable=True),
        CheckConstraint("kind IN ('update', 'review', 'new_story')", name="kind"),
        CheckConstraint("status IN ('open', 'accepted', 'rejected', 'superseded')", name="status"),
        Index("ix_feed_proposals_status", "status"),
        Index("ix_feed_proposals_group", "group_id"),
    )
    metadata.create_all(conn)


def _v4_shard_leases(conn: Connection) -> None:
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    Table(
        "shard_leases",
        metadata,
        Column("owner", String(128), primary_key=True),
        Column("shard_count", Integer, primary_key=True, autoincrement=False),
        Column("shard_id", Integer, primary_key=True, autoincrement=False),
        Column("started_at", UTCDateTime, nullable=False),
        Column("renewed_at", UTCDateTime, nullable=False),
    )
    metadata.create_all(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create guild_schedules", _v1_guild_schedules),
    Migration(2, "create deliveries log", _v2_deliveries),
    Migration(3, "create feed sources, items, groups and proposals", _v3_feeds),
    Migration(4, "create shard leases", _v4_shard_leases),
)


# ---------------------------------------------------------------------------------------------- runner


def _check_ordered(migrations: Sequence[Migration]) -> None:
    versions = [step.version for step in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise ValueError(f"migration versions must be 1..N in order without gaps, got {versions}")


def _current_version_sync(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, schema_version.name):
        return 0
    return int(conn.execute(select(func.coalesce(func.max(schema_version.c.version), 0))).scalar_one())


def _migrate_sync(conn: Connection, migrations: Sequence[Migration], now: datetime) -> list[int]:
    if conn.dialect.name == "postgresql":
        # Serialize concurrent start-ups; keyed by schema so separate schemas do not block each other.
        conn.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('newsbrief-migrations:' || current_schema()))")
        )
    schema_version.create(conn, checkfirst=True)
    current = _current_version_sync(conn)
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise SchemaVersionError(
            f"the database schema is at version {current} but this code only knows up to {latest}: "
            "it was migrated by a newer release; upgrade the bot instead of downgrading the database"
        )
    applied = []
    for step in migrations:
        if step.version <= current:
            continue
        log.info("applying schema migration %d: %s", step.version, step.name)
        step.upgrade(conn)
        conn.execute(insert(schema_version).values(version=step.version, name=step.name, applied_at=now))
        applied.append(step.version)
    return applied


async def migrate(
    engine: AsyncEngine,
    migrations: Sequence[Migration] = MIGRATIONS,
    *,
    now: datetime | None = None,
) -> list[int]:
    """Apply pending migrations in one transaction; return the versions applied (empty if up to date).

    ``engine`` should be one whose transactions take the write lock on SQLite (see
    :meth:`bot.storage.database.Database.migrate`, the normal entry point).
    """
    _check_ordered(migrations)
    applied_at = now or datetime.now(UTC)
    async with engine.begin() as conn:
        return await conn.run_sync(_migrate_sync, migrations, applied_at)


async def current_version(engine: AsyncEngine) -> int:
    """The schema version recorded in the database (0 for an empty database)."""
    async with engine.connect() as conn:
        return await conn.run_sync(_current_version_sync)
