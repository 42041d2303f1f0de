"""``python -m bot status`` prints shards with their processes, schedules, paused servers, deliveries."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, date, datetime

from bot.commands import status
from bot.config import Settings
from bot.storage import Database, Repository


async def _seed(url: str) -> None:
    now = datetime.now(UTC)  # the leases must be live when status reads them
    database = await Database.connect(url)
    try:
        repository = Repository(database)
        await repository.set_schedule(1 << 22, channel_id=5, post_time="08:00", timezone="UTC", now=now)
        await repository.set_schedule(2, channel_id=6, post_time="09:00", timezone="Asia/Kolkata", now=now)
        await repository.pause_schedule(2, "Missing Permissions (50013)", now=now)
        await repository.claim_delivery(1 << 22, date(2026, 6, 15), claimer="p1", scheduled_for=now, now=now)
        await repository.mark_posted(1 << 22, date(2026, 6, 15), claimer="p1", message_id="777", now=now)
        await repository.renew_shard_leases("host:1", [0], 2, now=now)
    finally:
        await database.close()


def test_status_names_owners_missing_shards_schedules_and_deliveries(tmp_path, capsys) -> None:
    settings = Settings()
    settings.database.url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    settings.discord.shard_count = 2
    asyncio.run(_seed(settings.database.url))
    assert status.run(argparse.Namespace(deliveries=5), settings) == 0
    out = capsys.readouterr().out
    assert "0: host:1" in out and "1: NO LIVE PROCESS" in out
    assert "1 active, 1 paused" in out and "(shard 1)" in out
    assert "guild 2: Missing Permissions (50013)" in out
    assert "posted (message 777)" in out


def test_status_says_plainly_when_the_database_is_unreachable(capsys) -> None:
    settings = Settings()
    settings.database.url = "postgresql+asyncpg://nobody@127.0.0.1:9/none"
    assert status.run(argparse.Namespace(deliveries=5), settings) == 1
    assert "unreachable" in capsys.readouterr().err


def test_status_names_a_shard_run_by_two_processes(tmp_path, capsys) -> None:
    settings = Settings()
    settings.database.url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    settings.discord.shard_count = 2

    async def seed() -> None:
        now = datetime.now(UTC)
        database = await Database.connect(settings.database.url)
        try:
            repository = Repository(database)
            await repository.renew_shard_leases("host:1", [0], 2, now=now)
            await repository.renew_shard_leases("host:2", [0], 2, now=now)
        finally:
            await database.close()

    asyncio.run(seed())
    assert status.run(argparse.Namespace(deliveries=5), settings) == 0
    out = capsys.readouterr().out
    assert "0: host:1, host:2 (RUN BY 2 PROCESSES)" in out
    assert "1: NO LIVE PROCESS" in out
