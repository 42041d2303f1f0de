import asyncio

import pytest
from sqlalchemy import Connection, inspect, select, text

from bot.storage import MIGRATIONS, Database, Migration, SchemaVersionError
from bot.storage.migrations import schema_version
from bot.storage.tables import Base
from tests.fixtures.database import DatabaseTarget


def _table_names(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())


async def _tables(database: Database) -> set[str]:
    async with database.engine.connect() as conn:
        return await conn.run_sync(_table_names)


async def test_fresh_database_is_migrated_to_latest_version(empty_database_target: DatabaseTarget) -> None:
    database = await empty_database_target.connect(migrate=False)
    assert await database.schema_version() == 0
    assert await _tables(database) == set()

    assert await database.migrate() == [step.version for step in MIGRATIONS]

    assert await database.schema_version() == len(MIGRATIONS)
    assert {"schema_version", "guild_schedules", "deliveries"} <= await _tables(database)
    async with database.session() as session:
        rows = (await session.execute(select(schema_version.c.version, schema_version.c.name))).all()
    assert [tuple(row) for row in rows] == [(step.version, step.name) for step in MIGRATIONS]


async def test_migrate_is_idempotent(database: Database) -> None:
    assert await database.migrate() == []
    assert await database.migrate() == []
    async with database.session() as session:
        count = (await session.execute(text("SELECT COUNT(*) FROM schema_version"))).scalar_one()
    assert count == len(MIGRATIONS)


async def test_concurrent_start_ups_migrate_once(empty_database_target: DatabaseTarget) -> None:
    first, second, third = [await empty_database_target.connect(migrate=False) for _ in range(3)]
    results = await asyncio.gather(first.migrate(), second.migrate(), third.migrate())
    assert sorted(results) == [[], [], [step.version for step in MIGRATIONS]]
    assert await first.schema_version() == len(MIGRATIONS)


async def test_models_match_migrated_schema(database: Database) -> None:
    def describe(conn: Connection) -> dict[str, dict[str, bool]]:
        inspector = inspect(conn)
        return {
            table: {column["name"]: column["nullable"] for column in inspector.get_columns(table)}
            for table in ("guild_schedules", "deliveries", "shard_leases")
        }

    def unique_constraints(conn: Connection) -> list[list[str]]:
        return [uc["column_names"] for uc in inspect(conn).get_unique_constraints("deliveries")]

    async with database.engine.connect() as conn:
        migrated = await conn.run_sync(describe)
        uniques = await conn.run_sync(unique_constraints)
    models = {
        table.name: {column.name: column.nullable for column in table.columns}
        for table in Base.metadata.sorted_tables
    }
    assert migrated == models
    assert ["guild_id", "local_date"] in uniques


def _add_column(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE guild_schedules ADD COLUMN language VARCHAR(8)"))


async def test_new_step_applies_only_the_pending_version(empty_database_target: DatabaseTarget) -> None:
    database = await empty_database_target.connect()
    latest = len(MIGRATIONS)
    steps = (*MIGRATIONS, Migration(latest + 1, "add language", _add_column))
    assert await database.migrate(steps) == [latest + 1]
    assert await database.migrate(steps) == []
    assert await database.schema_version() == latest + 1

    # Older code (knowing only the released versions) must refuse a database migrated by newer code.
    with pytest.raises(SchemaVersionError, match=f"version {latest + 1}"):
        await database.migrate()


def _create_then_fail(conn: Connection) -> None:
    conn.execute(text("CREATE TABLE scratch (id INTEGER PRIMARY KEY)"))
    conn.execute(text("INSERT INTO scratch (id) VALUES (1)"))
    raise RuntimeError("boom in migration 4")


async def test_failing_step_rolls_back_the_whole_run(empty_database_target: DatabaseTarget) -> None:
    database = await empty_database_target.connect()
    latest = len(MIGRATIONS)
    steps = (
        *MIGRATIONS,
        Migration(latest + 1, "add language", _add_column),
        Migration(latest + 2, "broken", _create_then_fail),
    )
    with pytest.raises(RuntimeError, match="boom in migration"):
        await database.migrate(steps)

    # Transactional DDL on both backends: neither added step nor the table of the broken one survived.
    assert await database.schema_version() == latest
    assert "scratch" not in await _tables(database)

    def columns(conn: Connection) -> set[str]:
        return {column["name"] for column in inspect(conn).get_columns("guild_schedules")}

    async with database.engine.connect() as conn:
        assert "language" not in await conn.run_sync(columns)


async def test_steps_must_be_numbered_in_order(empty_database_target: DatabaseTarget) -> None:
    database = await empty_database_target.connect()
    for versions in [(2, 1), (1, 3), (0, 1), (1, 1)]:
        steps = [Migration(version, f"step {version}", _add_column) for version in versions]
        with pytest.raises(ValueError, match="in order"):
            await database.migrate(steps)
    assert await database.schema_version() == len(MIGRATIONS)
