"""Posting a composed daily brief to Discord, and telling admins when their schedule is paused.

The schedule service decides what and when; this only talks to Discord and translates its
answers into the scheduler's two kinds of failure (pause, or retry).
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
import discord

from bot.core.replies import Reply
from bot.discord_app.respond import NO_PINGS, send_kwargs
from bot.scheduling.engine import DeliveryAttempt
from bot.scheduling.errors import DeliveryPermanentError, DeliveryTransientError
from bot.services.rate_budget import RateBudget, paced
from bot.storage.repository import ScheduleRecord

log = logging.getLogger("bot.discord.briefs")

# How far back in the channel a take-over looks for the post a dead claimer may have made.
LOOK_BACK_MESSAGES = 50
MAX_FOOTER = 2048
MAX_EMBEDS_TOTAL = 6000
MAX_CONTENT = 2000

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

    async def _channel(self, guild_id: int, channel_id: int) -> discord.abc.Messageable:
        # Through the guild: Client.get_channel walks every guild (O(guilds) a brief, quadratic in
        # a fan-out to thousands of servers).
        guild = self.client.get_guild(guild_id)
        channel: Any = guild.get_channel_or_thread(channel_id) if guild is not None else None
        if channel is None:
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

    async def post_brief(
        self, schedule: ScheduleRecord, brief: Reply, attempt: DeliveryAttempt | None = None
    ) -> str | None:
        """Post one brief; Discord's answers become permanent (pause) or transient (retry) errors.

        With an ``attempt`` (a scheduled delivery) the post carries the delivery's nonce (Discord then
        returns the existing message for a repeat within minutes) and a visible marker; a resumed
        attempt first looks for that marker among the channel's recent messages (the nonce is not
        in history), so a post made before a crash or a database failure is found, not repeated.
        """
        channel = await self._channel(schedule.guild_id, schedule.channel_id)
        guild = getattr(channel, "guild", None)
        if guild is not None and guild.me is not None and isinstance(channel, discord.abc.GuildChannel):
            missing = missing_permissions(channel, guild.me)
            if missing:
                raise DeliveryPermanentError("missing permission: " + ", ".join(missing), code=50013)
        kwargs = send_kwargs(brief)
        if attempt is not None:
            if attempt.resumed:
                found = await self._find_posted(channel, attempt)
                if found is not None:
                    log.info(
                        "daily brief guild=%d date=%s was already posted (message %s): recording it",
                        attempt.guild_id,
                        attempt.local_date,
                        found,
                    )
                    return found
            kwargs["nonce"] = attempt.nonce  # discord.py sends enforce_nonce with it
            add_marker(kwargs, attempt.nonce)
        try:
            # Paced to the shared budget rather than meeting Discord's 429s: the request waits for
            # its send slot in the HTTP layer, as it goes out (see rate_budget).
            with paced(self.budget):
                message = await channel.send(**kwargs)
        except (discord.Forbidden, discord.NotFound) as exc:
            raise _permanent(exc) from exc
        except discord.HTTPException as exc:
            raise DeliveryTransientError(f"Discord error {exc.status}") from exc
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise DeliveryTransientError(f"network error: {exc}") from exc
        return str(message.id)

    async def _find_posted(self, channel: discord.abc.Messageable, attempt: DeliveryAttempt) -> str | None:
        """The id of the bot's own post of this delivery among the channel's recent messages."""
        me = self.client.user
        try:
            async for message in channel.history(limit=LOOK_BACK_MESSAGES):
                if me is not None and message.author.id == me.id and has_marker(message, attempt.nonce):
                    return str(message.id)
        except (discord.Forbidden, discord.NotFound) as exc:
            raise _permanent(exc) from exc
        # Without the look-back a post could be repeated: retry later rather than guess.
        except discord.HTTPException as exc:
            raise DeliveryTransientError(
                f"reading recent messages failed: Discord error {exc.status}"
            ) from exc
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise DeliveryTransientError(f"reading recent messages failed: {exc}") from exc
        return None

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


def _permanent(exc: discord.HTTPException) -> DeliveryPermanentError:
    meaning = PERMANENT_CODES.get(exc.code, exc.text or "refused")
    return DeliveryPermanentError(f"Discord refused the post: {meaning} ({exc.code})", code=exc.code)


def _marker_text(marker: str) -> str:
    return f"ref {marker}"


def add_marker(kwargs: dict[str, Any], marker: str) -> None:
    """Put the delivery's marker in the last embed's footer (else the content), within the limits."""
    text = _marker_text(marker)
    embeds: list[discord.Embed] = kwargs.get("embeds") or []
    if embeds:
        last = embeds[-1]
        footer = f"{last.footer.text} · {text}" if last.footer.text else text
        if len(footer) <= MAX_FOOTER and sum(len(e) for e in embeds) + len(footer) <= MAX_EMBEDS_TOTAL:
            last.set_footer(text=footer, icon_url=last.footer.icon_url)
            return
    content = kwargs.get("content") or ""
    marked = f"{content}\n-# {text}" if content else f"-# {text}"
    if len(marked) <= MAX_CONTENT:
        kwargs["content"] = marked
    # Else no room: the nonce alone protects against a repeat within Discord's few minutes.


def has_marker(message: discord.Message, marker: str) -> bool:
    text = _marker_text(marker)
    return text in (message.content or "") or any(text in (e.footer.text or "") for e in message.embeds)
