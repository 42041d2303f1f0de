"""Daily briefs on Discord: the scheduler's delivery and admin notices, backed by the database."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

import aiohttp
import discord

from bot.discord_app.respond import NO_PINGS, message_kwargs
from bot.scheduling.engine import BriefScheduler
from bot.scheduling.errors import DeliveryPermanentError, DeliveryTransientError
from bot.storage.database import Database
from bot.storage.repository import Repository, ScheduleRecord

if TYPE_CHECKING:
    from bot.discord_app.client import NewsBot

log = logging.getLogger("bot.discord.briefs")

PERMANENT_CODES = {50001: "Missing Access", 50013: "Missing Permissions", 10003: "Unknown Channel"}
NEEDED = (
    ("view_channel", "View Channel"),
    ("send_messages", "Send Messages"),
    ("embed_links", "Embed Links"),
)


def missing_permissions(channel: discord.abc.GuildChannel, member: discord.Member) -> list[str]:
    """Names of the permissions the bot lacks to post a brief in ``channel``."""
    permissions = channel.permissions_for(member)
    missing = [label for attr, label in NEEDED if not getattr(permissions, attr)]
    if isinstance(channel, discord.Thread) and not permissions.send_messages_in_threads:
        missing.append("Send Messages in Threads")
    return missing


class BriefService:
    """Owns the database, the repository and the scheduler for one bot process."""

    def __init__(self, bot: NewsBot, database: Database) -> None:
        self.bot = bot
        self.database = database
        self.repository = Repository(database)
        settings = bot.settings
        self.scheduler = BriefScheduler(
            self.repository,
            self.deliver,
            grace=dt.timedelta(minutes=settings.schedule.grace_minutes),
            max_concurrency=settings.schedule.max_concurrency,
            shard_ids=settings.discord.shard_ids,
            shard_count=settings.discord.shard_count,
            notify_paused=self.notify_paused,
        )

    @classmethod
    async def open(cls, bot: NewsBot) -> BriefService:
        return cls(bot, await Database.connect(bot.settings.database.url))

    async def close(self) -> None:
        await self.scheduler.stop(drain_timeout=10)
        await self.database.close()

    async def previous_brief_day(self, guild_id: int, before: dt.date | None = None) -> dt.date | None:
        record = await self.repository.last_posted_delivery(guild_id, before=before)
        return record.local_date if record else None

    async def brief_days(self, guild_id: int) -> tuple[dt.date, dt.date | None]:
        """Today in the server's brief time zone (UTC without a schedule), and its previous brief's day."""
        schedule = await self.repository.get_schedule(guild_id)
        today = dt.datetime.now(schedule.zone if schedule else dt.UTC).date()
        return today, await self.previous_brief_day(guild_id, before=today)

    async def _channel(self, channel_id: int) -> discord.abc.Messageable:
        channel = self.bot.get_channel(channel_id)
        if channel is None:
            try:
                channel = await self.bot.fetch_channel(channel_id)
            except discord.NotFound as exc:
                raise DeliveryPermanentError("the channel no longer exists", code=exc.code) from exc
            except discord.Forbidden as exc:
                raise DeliveryPermanentError("the bot cannot see the channel", code=exc.code) from exc
            except (TimeoutError, discord.HTTPException, aiohttp.ClientError) as exc:
                raise DeliveryTransientError(f"fetching the channel failed: {exc}") from exc
        if not isinstance(channel, discord.abc.Messageable):
            raise DeliveryPermanentError("the channel is not a text channel")
        return channel

    async def compose(self, schedule: ScheduleRecord, local_date: dt.date, *, late: bool = False) -> dict:
        since = await self.previous_brief_day(schedule.guild_id, before=local_date)
        reply = self.bot.desk.brief(
            local_date, list(schedule.topics) if schedule.topics else None, since, late=late
        )
        return message_kwargs(reply)

    async def deliver(self, schedule: ScheduleRecord, local_date: dt.date, late: bool) -> str | None:
        """Post one brief; Discord's answers become permanent (pause) or transient (retry) errors."""
        channel = await self._channel(schedule.channel_id)
        guild = getattr(channel, "guild", None)
        if guild is not None and guild.me is not None and isinstance(channel, discord.abc.GuildChannel):
            missing = missing_permissions(channel, guild.me)
            if missing:
                raise DeliveryPermanentError("missing permission: " + ", ".join(missing), code=50013)
        kwargs = await self.compose(schedule, local_date, late=late)
        try:
            message = await channel.send(**{k: v for k, v in kwargs.items() if v is not None})
        except (discord.Forbidden, discord.NotFound) as exc:
            meaning = PERMANENT_CODES.get(exc.code, exc.text or "refused")
            raise DeliveryPermanentError(
                f"Discord refused the post: {meaning} ({exc.code})", code=exc.code
            ) from exc
        except discord.HTTPException as exc:
            raise DeliveryTransientError(f"Discord error {exc.status}") from exc
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise DeliveryTransientError(f"network error: {exc}") from exc
        return str(message.id)

    async def notify_paused(self, schedule: ScheduleRecord, reason: str) -> None:
        """Tell the admin who set the schedule (by DM), else the server's system channel."""
        text = (
            f"The daily news brief for this server is paused: {reason}. "
            f"Fix the channel's permissions (or pick another channel) and run /schedule set again to resume."
        )
        if schedule.set_by_user_id:
            try:
                user = self.bot.get_user(schedule.set_by_user_id) or await self.bot.fetch_user(
                    schedule.set_by_user_id
                )
                await user.send(text, allowed_mentions=NO_PINGS)
                return
            except discord.HTTPException:
                log.info("could not DM admin %s of guild %s", schedule.set_by_user_id, schedule.guild_id)
        guild = self.bot.get_guild(schedule.guild_id)
        system = guild.system_channel if guild else None
        if system is not None and system.id != schedule.channel_id:
            try:
                await system.send(text, allowed_mentions=NO_PINGS)
                return
            except discord.HTTPException:
                pass
        log.warning("no way to tell guild %s that its brief is paused: %s", schedule.guild_id, reason)
