"""PostgreSQL connections are pinged only after sitting idle, and a dead idle one is replaced."""

from __future__ import annotations

import pytest
from sqlalchemy import text

import bot.storage.database as database_module
from tests.fixtures.database import DatabaseTarget

# The idle ping is for PostgreSQL connections (SQLite is a file): these run on PostgreSQL only.
pytestmark = pytest.mark.parametrize(
    "database_target", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


async def _backend_pid(target: DatabaseTarget, database: database_module.Database) -> int:
    async with database.session() as session:
        return int((await session.execute(text("SELECT pg_backend_pid()"))).scalar_one())


async def test_a_connection_killed_while_idle_is_replaced(
    database_target: DatabaseTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = await database_target.connect()
    pid = await _backend_pid(database_target, database)
    other = await database_target.connect(migrate=False)
    async with other.session() as session:
        await session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    monkeypatch.setattr(database_module, "_PING_IDLE_AFTER", 0.0)  # it has been idle "long enough"
    assert await _backend_pid(database_target, database) != pid  # pinged, found dead, reconnected


async def test_a_connection_back_in_the_pool_a_moment_ago_is_not_pinged(
    database_target: DatabaseTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = await database_target.connect()
    await _backend_pid(database_target, database)
    pings: list[object] = []
    dialect = database.engine.sync_engine.dialect
    real = dialect.do_ping
    monkeypatch.setattr(dialect, "do_ping", lambda conn: pings.append(conn) or real(conn))
    for _ in range(5):
        await _backend_pid(database_target, database)
    assert pings == []
    monkeypatch.setattr(database_module, "_PING_IDLE_AFTER", 0.0)
    await _backend_pid(database_target, database)
    assert len(pings) == 1
