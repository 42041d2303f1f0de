"""``python -m bot status``: who runs which shard, the schedules, paused servers and the last deliveries.

Reads the schedule database only (no Discord), so it answers while the bot runs elsewhere.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys

from bot.commands import Command
from bot.config import Settings
from bot.scheduling.shards import DEFAULT_SHARD_TTL, live_owners
from bot.storage.database import Database, is_unavailable
from bot.storage.repository import Repository
from bot.storage.tables import ScheduleState


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--deliveries", type=int, default=10, metavar="N", help="last N deliveries (10)")


def _ago(now: dt.datetime, then: dt.datetime) -> str:
    return f"{max(0, int((now - then).total_seconds()))}s ago"


async def _status(settings: Settings, deliveries: int) -> list[str]:
    database = await Database.connect(settings.database.url)
    try:
        repository = Repository(database)
        now = dt.datetime.now(dt.UTC)
        count = settings.discord.shard_count
        lines = [f"shards (of {count}):"]
        owners = live_owners(await repository.shard_leases(), count, now, DEFAULT_SHARD_TTL)
        for shard, names in owners.items():
            if not names:
                lines.append(f"  {shard}: NO LIVE PROCESS (its servers get no daily brief)")
            elif len(names) > 1:
                lines.append(f"  {shard}: {', '.join(sorted(names))} (RUN BY {len(names)} PROCESSES)")
            else:
                lines.append(f"  {shard}: {names[0]}")
        schedules = await repository.list_schedules(None, 1)
        paused = await repository.list_schedules(None, 1, state=ScheduleState.PAUSED)
        lines.append(f"schedules: {len(schedules)} active, {len(paused)} paused")
        for record in schedules:
            lines.append(
                f"  guild {record.guild_id}: {record.post_time} {record.timezone} "
                f"-> channel {record.channel_id} (shard {record.shard_id(count)})"
            )
        if paused:
            lines.append("paused servers:")
            lines.extend(f"  guild {r.guild_id}: {r.paused_reason}" for r in paused)
        lines.append("last deliveries:")
        for d in await repository.latest_deliveries(deliveries):
            detail = f"message {d.message_id}" if d.message_id else (d.error or f"by {d.claimed_by}")
            late = " late" if d.late else ""
            lines.append(
                f"  {d.local_date} guild {d.guild_id}: {d.status}{late} ({detail}), {_ago(now, d.updated_at)}"
            )
        return lines
    finally:
        await database.close()


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        lines = asyncio.run(_status(settings, args.deliveries))
    except Exception as exc:
        if not is_unavailable(exc):
            raise
        print(f"error: the schedule database is unreachable: {str(exc).strip()[:200]}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


COMMAND = Command(
    "status", "shards and their processes, schedules, paused servers, last deliveries", run, _arguments
)
