import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import Repository, ScheduleState, shard_id_for

T0 = datetime(2026, 6, 15, 6, 0, tzinfo=UTC)
NAIVE = datetime(2026, 1, 1)  # noqa: DTZ001 - deliberately naive, must be refused


def guild_on_shard(shard: int, shard_count: int, n: int = 0) -> int:
    """A realistic snowflake whose shard is ``shard``."""
    guild_id = ((1_000_000 + n * shard_count + shard) << 22) | 12345
    assert shard_id_for(guild_id, shard_count) == shard
    return guild_id


async def test_set_get_and_replace_schedule(repository: Repository) -> None:
    guild_id = 2**62 + 17  # near the top of BIGINT: snowflakes must not overflow
    assert await repository.get_schedule(guild_id) is None

    created = await repository.set_schedule(
        guild_id,
        channel_id=2**60 + 5,
        post_time="07:30",
        timezone="Europe/Paris",
        topics=["Science", " science ", "World  news", ""],
        set_by_user_id=42,
        now=T0,
    )
    assert created.post_time == "07:30"
    assert created.timezone == "Europe/Paris"  # canonicalised by the service, stored as given
    assert created.topics == ("Science", "World news")
    assert created.state is ScheduleState.ACTIVE
    assert created.created_at == created.updated_at == created.effective_from == T0
    assert created.created_at.tzinfo is not None and created.created_at.utcoffset() == timedelta(0)
    assert await repository.get_schedule(guild_id) == created

    later = T0 + timedelta(hours=1)
    replaced = await repository.set_schedule(
        guild_id, channel_id=99, post_time="07:30", timezone="Europe/Paris", topics=[], now=later
    )
    assert replaced.channel_id == 99
    assert replaced.topics is None  # empty selection = all topics
    assert replaced.created_at == T0 and replaced.updated_at == later
    assert replaced.effective_from == T0  # same time and zone: the catch-up window is unchanged
    assert await repository.get_schedule(guild_id) == replaced

    moved = await repository.set_schedule(
        guild_id, channel_id=99, post_time="08:00", timezone="UTC", now=later
    )
    assert moved.effective_from == later


async def test_invalid_input_is_rejected_with_clear_errors(repository: Repository) -> None:
    # Times and zones are validated by the schedule service (tests/services/test_schedules.py).
    with pytest.raises(TypeError):
        await repository.set_schedule(1, channel_id=1, post_time="07:00", timezone="UTC", topics="science")
    with pytest.raises(ValueError, match="timezone-aware"):
        await repository.set_schedule(1, channel_id=1, post_time="07:00", timezone="UTC", now=NAIVE)
    assert await repository.get_schedule(1) is None


async def test_delete_schedule(repository: Repository) -> None:
    await repository.set_schedule(5, channel_id=1, post_time="07:00", timezone="UTC", now=T0)
    assert await repository.delete_schedule(5) is True
    assert await repository.get_schedule(5) is None
    assert await repository.delete_schedule(5) is False


async def test_pause_notify_once_and_resume(repository: Repository) -> None:
    await repository.set_schedule(7, channel_id=1, post_time="07:00", timezone="UTC", now=T0)
    assert await repository.mark_admin_notified(7, now=T0) is False  # only paused schedules

    assert await repository.pause_schedule(7, "Missing Permissions (50013)", now=T0) is True
    assert await repository.pause_schedule(7, "again", now=T0) is False
    paused = await repository.get_schedule(7)
    assert paused is not None
    assert paused.state is ScheduleState.PAUSED and paused.paused_reason == "Missing Permissions (50013)"

    assert await repository.mark_admin_notified(7, now=T0) is True
    assert await repository.mark_admin_notified(7, now=T0) is False
    await repository.clear_admin_notified(7)
    assert await repository.mark_admin_notified(7, now=T0) is True
    assert (await repository.get_schedule(7)).admin_notified_at == T0  # type: ignore[union-attr]

    # Setting the schedule again resumes it, clears the pause, and re-arms the notification.
    later = T0 + timedelta(days=1)
    resumed = await repository.set_schedule(7, channel_id=2, post_time="07:00", timezone="UTC", now=later)
    assert resumed.state is ScheduleState.ACTIVE
    assert resumed.paused_reason is None and resumed.admin_notified_at is None
    assert resumed.effective_from == later  # nothing owed for the paused period
    assert await repository.pause_schedule(7, "gone", now=later) is True
    assert await repository.mark_admin_notified(7, now=later) is True


async def test_concurrent_mark_admin_notified_has_one_winner(repository: Repository) -> None:
    await repository.set_schedule(8, channel_id=1, post_time="07:00", timezone="UTC", now=T0)
    await repository.pause_schedule(8, "Unknown Channel (10003)", now=T0)
    results = await asyncio.gather(*(repository.mark_admin_notified(8, now=T0) for _ in range(10)))
    assert results.count(True) == 1


async def test_list_schedules_filters_by_shard_and_state(repository: Repository) -> None:
    shard_count = 4
    guilds = {
        shard: [guild_on_shard(shard, shard_count, n) for n in range(3)] for shard in range(shard_count)
    }
    for ids in guilds.values():
        for guild_id in ids:
            await repository.set_schedule(guild_id, channel_id=1, post_time="07:00", timezone="UTC", now=T0)
    paused = guilds[1][0]
    await repository.pause_schedule(paused, "Missing Access (50001)", now=T0)

    every = await repository.list_schedules()
    assert [s.guild_id for s in every] == sorted(g for ids in guilds.values() for g in ids if g != paused)

    mine = await repository.list_schedules([1, 3], shard_count)
    assert {s.guild_id for s in mine} == (set(guilds[1]) - {paused}) | set(guilds[3])
    assert all(s.shard_id(shard_count) in (1, 3) for s in mine)

    assert [
        s.guild_id for s in await repository.list_schedules([1], shard_count, state=ScheduleState.PAUSED)
    ] == [paused]
    assert len(await repository.list_schedules([0, 1, 2, 3], shard_count, state=None)) == 12
    assert await repository.list_schedules([], shard_count) == []
    with pytest.raises(ValueError, match="out of range"):
        await repository.list_schedules([4], shard_count)
