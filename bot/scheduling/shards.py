"""Which process runs which shard: a lease per (process, shard) in the database, and a loud warning
when a configured shard has no live owner.

Each process schedules briefs only for its own shards' guilds, so a shard nobody runs (two processes
both configured as shard 0 of 2) means servers that silently never get a brief. Every process renews
its leases every third of ``ttl``; any process that sees a shard of ``0..shard_count-1`` without a live
lease logs a WARNING naming it, and ``python -m bot status`` prints the owners.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from bot.storage.repository import Repository, ShardLeaseRecord

log = logging.getLogger(__name__)

DEFAULT_SHARD_TTL = timedelta(minutes=1)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def live_owners(
    leases: Sequence[ShardLeaseRecord], shard_count: int, now: datetime, ttl: timedelta
) -> dict[int, list[str]]:
    """Shard id → owners with a live lease, for every shard of ``shard_count`` (empty list: none)."""
    owners: dict[int, list[str]] = {shard: [] for shard in range(shard_count)}
    for lease in leases:
        if lease.shard_count == shard_count and lease.shard_id in owners and lease.renewed_at >= now - ttl:
            owners[lease.shard_id].append(lease.owner)
    return owners


def overlapping(owners: dict[int, list[str]]) -> dict[int, list[str]]:
    """The shards of :func:`live_owners` that more than one process runs."""
    return {shard: sorted(names) for shard, names in owners.items() if len(names) > 1}


class ShardWatch:
    """This process's shard leases and the coverage check, run by the schedule service."""

    def __init__(
        self,
        repository: Repository,
        owner: str,
        shard_ids: Sequence[int],
        shard_count: int,
        *,
        ttl: timedelta = DEFAULT_SHARD_TTL,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._repo = repository
        self.owner = owner
        self._shard_ids = sorted(shard_ids)
        self._shard_count = shard_count
        self._ttl = ttl
        self._clock = clock
        self._uncovered: list[int] | None = None  # last reported, so the warning repeats only on change
        self._doubled: dict[int, list[str]] = {}  # likewise for shards run by more than one process
        self._task: asyncio.Task[None] | None = None

    async def beat(self) -> list[int]:
        """Renew our leases and check coverage; returns the shards without a live owner."""
        now = self._clock()
        await self._repo.renew_shard_leases(self.owner, self._shard_ids, self._shard_count, now=now)
        owners = live_owners(await self._repo.shard_leases(), self._shard_count, now, self._ttl)
        uncovered = [shard for shard, names in owners.items() if not names]
        if uncovered and uncovered != self._uncovered:
            log.warning(
                "shard(s) %s of %d have no live process: their servers get no daily brief "
                "(check each process's [discord] shard_ids)",
                ", ".join(map(str, uncovered)),
                self._shard_count,
            )
        elif not uncovered and self._uncovered:
            log.info("every shard of %d has a live process again", self._shard_count)
        self._uncovered = uncovered
        doubled = overlapping(owners)
        if doubled and doubled != self._doubled:
            log.warning(
                "shard(s) %s of %d are run by more than one process (%s): each gets the same events "
                "(check each process's [discord] shard_ids)",
                ", ".join(map(str, doubled)),
                self._shard_count,
                "; ".join(f"{shard}: {', '.join(names)}" for shard, names in doubled.items()),
            )
        self._doubled = doubled
        return uncovered

    def start(self, *, first_check_after: float | None = None) -> None:
        """Renew and check every third of the TTL; the first coverage check waits one TTL, so
        processes starting together see each other before anyone is called missing."""
        self._task = asyncio.get_running_loop().create_task(self._run(first_check_after))

    async def _run(self, first_check_after: float | None) -> None:
        interval = self._ttl.total_seconds() / 3
        try:
            await self._repo.renew_shard_leases(
                self.owner, self._shard_ids, self._shard_count, now=self._clock()
            )
        except Exception as exc:
            log.warning("could not record this process's shards: %r", exc)
        await asyncio.sleep(self._ttl.total_seconds() if first_check_after is None else first_check_after)
        while True:
            try:
                await self.beat()
            except Exception as exc:  # the database is down: the leases lapse, nothing else to do
                log.warning("could not renew the shard leases: %r", exc)
            await asyncio.sleep(interval)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        try:
            async with asyncio.timeout(1.0):  # shutdown has 10 s in all
                await self._repo.release_shard_leases(self.owner)
        except Exception as exc:
            log.warning("could not release the shard leases (%r); they lapse in %s", exc, self._ttl)
