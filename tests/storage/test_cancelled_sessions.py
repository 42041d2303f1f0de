"""A cancelled task never leaves a transaction half-ended.

Shutdown cancels deliveries that are still retrying; if the cancellation lands while a session
commits or rolls back, that step still runs to its end before the cancellation goes on, so the
connection returns to the pool clean and the next writer (the shutdown releasing its claims, another
process) finds the SQLite file's write lock free instead of waiting out the busy timeout.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import aiosqlite
import pytest
from sqlalchemy import text

from bot.storage import Database


async def _database(path: Path) -> Database:
    database = await Database.connect(f"sqlite+aiosqlite:///{path}", migrate=False)
    async with database.session(write=True) as session:
        await session.execute(text("CREATE TABLE notes (body TEXT)"))
    return database


def _write_lock_is_free(path: Path) -> bool:
    other = sqlite3.connect(path, timeout=0)  # another process: it does not wait for the lock
    try:
        other.execute("BEGIN IMMEDIATE")
        other.rollback()
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


@pytest.mark.parametrize("step", ["commit", "rollback"])
async def test_a_cancellation_during_the_end_of_a_transaction_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, step: str
) -> None:
    path = tmp_path / "bot.db"
    database = await _database(path)
    reached, ended = asyncio.Event(), []
    original = getattr(aiosqlite.Connection, step)

    async def slow_step(connection: aiosqlite.Connection) -> None:
        reached.set()
        await asyncio.sleep(0.05)  # the cancellation arrives in here
        await original(connection)
        ended.append(step)

    monkeypatch.setattr(aiosqlite.Connection, step, slow_step)

    async def write() -> None:
        async with database.session(write=True) as session:
            await session.execute(text("INSERT INTO notes VALUES ('kept or not, but never half')"))
            if step == "rollback":
                raise ValueError("the caller's own error, rolled back")

    task = asyncio.create_task(write())
    await reached.wait()
    task.cancel()
    with caplog.at_level(logging.ERROR), pytest.raises(asyncio.CancelledError):
        await task
    assert ended and ended[0] == step  # the step under way ran to its end before the task ended
    assert _write_lock_is_free(path)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    monkeypatch.undo()
    async with database.session() as session:  # the pool hands out a working connection
        count = (await session.execute(text("SELECT count(*) FROM notes"))).scalar_one()
    assert count == (1 if step == "commit" else 0)
    await database.close()


async def test_a_step_that_never_ends_is_abandoned_after_a_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server that stopped answering must not hold shutdown forever.
    import bot.storage.database as database_module

    database = await _database(tmp_path / "bot.db")
    monkeypatch.setattr(database_module, "_END_AFTER_CANCEL", 0.2)
    reached, hung = asyncio.Event(), []

    async def hung_rollback(connection: aiosqlite.Connection) -> None:
        hung.append(connection)
        reached.set()
        await asyncio.Event().wait()

    monkeypatch.setattr(aiosqlite.Connection, "rollback", hung_rollback)

    async def write() -> None:
        async with database.session(write=True) as session:
            await session.execute(text("INSERT INTO notes VALUES ('never kept')"))
            raise ValueError("rolled back by a server that never answers")

    task = asyncio.create_task(write())
    await reached.wait()
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=5)
    monkeypatch.undo()
    for connection in hung:  # abandoned by the session: its worker thread would outlive the test
        await connection.close()
    await database.close()
    assert task in done and task.cancelled()
