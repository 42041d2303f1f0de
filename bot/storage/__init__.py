"""Persistence: the database is the source of truth for schedules and the delivery log."""

from bot.storage.database import Database, create_engine
from bot.storage.migrations import MIGRATIONS, Migration, SchemaVersionError
from bot.storage.repository import (
    DEFAULT_MAX_CLAIMS,
    DEFAULT_STALE_CLAIM_AFTER,
    DeliveryRecord,
    Repository,
    ScheduleRecord,
    shard_id_for,
)
from bot.storage.tables import DeliveryStatus, ScheduleState

__all__ = [
    "DEFAULT_MAX_CLAIMS",
    "DEFAULT_STALE_CLAIM_AFTER",
    "MIGRATIONS",
    "Database",
    "DeliveryRecord",
    "DeliveryStatus",
    "Migration",
    "Repository",
    "ScheduleRecord",
    "ScheduleState",
    "SchemaVersionError",
    "create_engine",
    "shard_id_for",
]
