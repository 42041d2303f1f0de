"""Shard leases: a configured shard without a live process is named in a WARNING."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot.scheduling.shards import ShardWatch, live_owners
from bot.storage import Repository

NOW = datetime(2026, 6, 15, 7, 0, tzinfo=UTC)


async def test_a_shard_nobody_runs_is_warned_about_by_name(
    repository: Repository, caplog: pytest.LogCaptureFixture
) -> None:
    clock = [NOW]
    # Two processes both configured as shard 0 of 2: shard 1 is nobody's.
    first = ShardWatch(repository, "a", [0], 2, clock=lambda: clock[0])
    second = ShardWatch(repository, "b", [0], 2, clock=lambda: clock[0])
    assert await first.beat() == [1]
    assert await second.beat() == [1]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    missing = [w for w in warnings if "have no live process" in w]
    assert len(missing) == 2 and all("shard(s) 1 of 2" in w for w in missing)
    # The second process also sees that shard 0 is run twice, and says by whom.
    doubled = [w for w in warnings if "more than one process" in w]
    assert doubled == [
        "shard(s) 0 of 2 are run by more than one process (0: a, b): each gets the same events "
        "(check each process's [discord] shard_ids)"
    ]
    caplog.clear()
    assert await second.beat() == [1]  # nothing changed: not repeated
    assert not [r for r in caplog.records if r.levelno == logging.WARNING]
    assert live_owners(await repository.shard_leases(), 2, NOW, timedelta(minutes=1)) == {
        0: ["a", "b"],
        1: [],
    }

    third = ShardWatch(repository, "c", [1], 2, clock=lambda: clock[0])
    assert await third.beat() == []
    assert await first.beat() == []
    # Process c dies: its lease lapses after the TTL and shard 1 is reported again.
    clock[0] = NOW + timedelta(minutes=2)
    assert await first.beat() == [1]
    await second.stop()
    owners = live_owners(await repository.shard_leases(), 2, clock[0], timedelta(minutes=1))
    assert owners == {0: ["a"], 1: []}
