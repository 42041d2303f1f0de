"""Posting a composed daily brief to Discord, and telling admins when their schedule is paused.

The schedule service decides what and when; this only talks to Discord and translates its
answers into the scheduler's two kinds of failure (pause, or retry).
"""

from __future__ import annotations

import logging

import aiohttp
import discord

from bot.core.replies import Reply
from bot.discord_app.respond import NO_PINGS, send_kwargs
from bot.scheduling.errors import DeliveryPermanentError, DeliveryTransientError
from bot.services.rate_budget import RateBudget
from bot.storage.repository import ScheduleRecord

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


class DiscordPoster:
    """The schedule service's ``BriefPoster`` for one Discord client."""

    def __init__(self, client: discord.Client, budget: RateBudget | None = None) -> None:
        self.client = client
        self.budget = budget  # the deployment's requests per second (None: unpaced, tests only)

    async def _channel(self, channel_id: int) -> discord.abc.Messageable:
        channel = self.client.get_channel(channel_id)
        if channel is None:
            try:
                channel = await self.client.fetch_channel(channel_id)
            except discord.NotFound as exc:
                raise DeliveryPermanentError("the channel no longer exists", code=exc.code) from exc
            except discord.Forbidden as exc:
                raise DeliveryPermanentError("the bot cannot see the channel", code=exc.code) from exc
            except (TimeoutError, discord.HTTPException, aiohttp.ClientError) as exc:
                raise DeliveryTransientError(f"fetching the channel failed: {exc}") from exc
        if not isinstance(channel, discord.abc.Messageable):
            raise DeliveryPermanentError("the channel is not a text channel")
        return channel

    async def post_brief(self, schedule: ScheduleRecord, brief: Reply) -> str | None:
        """Post one brief; Discord's answers become permanent (pause) or transient (retry) errors."""
        channel = await self._channel(schedule.channel_id)
        guild = getattr(channel, "guild", None)
        if guild is not None and guild.me is not None and isinstance(channel, discord.abc.GuildChannel):
            missing = missing_permissions(channel, guild.me)
            if missing:
                raise DeliveryPermanentError("missing permission: " + ", ".join(missing), code=50013)
        if self.budget is not None:  # pace to the shared budget rather than meet Discord's 429s
            await self.budget.acquire()
        try:
            message = await channel.send(**send_kwargs(brief))
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
                user = self.client.get_user(schedule.set_by_user_id) or await self.client.fetch_user(
                    schedule.set_by_user_id
                )
                await user.send(text, allowed_mentions=NO_PINGS)
                return
            except discord.HTTPException:
                log.info("could not DM admin %s of guild %s", schedule.set_by_user_id, schedule.guild_id)
        guild = self.client.get_guild(schedule.guild_id)
        system = guild.system_channel if guild else None
        if system is not None and system.id != schedule.channel_id:
            try:
                await system.send(text, allowed_mentions=NO_PINGS)
                return
            except discord.HTTPException:
                pass
        log.warning("no way to tell guild %s that its brief is paused: %s", schedule.guild_id, reason)
