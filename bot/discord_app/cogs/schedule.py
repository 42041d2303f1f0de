"""/schedule set|show|off|test: where and when a server gets its daily brief (Manage Server only)."""

from __future__ import annotations

import datetime as dt

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.replies import Reply
from bot.discord_app.briefs import missing_permissions
from bot.discord_app.client import NewsBot
from bot.discord_app.respond import guarded, send_reply
from bot.render import limits
from bot.scheduling.errors import DeliveryError
from bot.scheduling.times import (
    InvalidTimeError,
    InvalidTimezoneError,
    dst_warning,
    next_post_time,
    search_timezones,
)
from bot.storage.repository import ScheduleRecord


def _stamp(instant: dt.datetime, style: str = "F") -> str:
    return f"<t:{int(instant.timestamp())}:{style}>"


def _is_manager(interaction: discord.Interaction) -> bool:
    # default_permissions is only a default that server admins can override: check at run time too.
    permissions = interaction.permissions
    return bool(permissions.manage_guild or permissions.administrator)


class Schedule(commands.GroupCog, group_name="schedule", group_description="The daily brief for this server"):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.guild is None:
            raise app_commands.CheckFailure("Schedules are set per server; use this command in a server.")
        if not _is_manager(interaction):
            raise app_commands.CheckFailure(
                "You need the Manage Server permission to change the daily brief."
            )
        if self.bot.briefs is None:
            raise app_commands.CheckFailure("Daily briefs are not available: the database is not connected.")
        return True

    @app_commands.command(name="set", description="Post the daily brief in a channel at a local time")
    @app_commands.describe(
        channel="Where to post",
        time="Local time, HH:MM (24-hour)",
        timezone="IANA time zone, e.g. Europe/Paris",
        topics="Optional, comma-separated topics (default: all)",
    )
    async def set_(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        time: app_commands.Range[str, 1, 8],
        timezone: app_commands.Range[str, 1, 64],
        topics: app_commands.Range[str, 1, 300] | None = None,
    ) -> None:
        async with guarded(interaction, "schedule set"):
            assert interaction.guild is not None and self.bot.briefs is not None
            me = interaction.guild.me
            resolved = interaction.guild.get_channel(channel.id) or channel
            if me is not None and isinstance(resolved, discord.abc.GuildChannel):
                missing = missing_permissions(resolved, me)
                if missing:
                    await self.bot.tell(
                        interaction,
                        f"I can't post in {resolved.mention}: missing permission {', '.join(missing)}.",
                    )
                    return
            wanted = [t.strip() for t in topics.split(",") if t.strip()] if topics else None
            if wanted:
                unknown = self.bot.desk.unknown_topics(wanted)
                if unknown:
                    await self.bot.tell(
                        interaction,
                        f"Unknown topic {', '.join(unknown)[:200]}. "
                        f"Topics: {', '.join(self.bot.desk.topics())[:1500]}",
                    )
                    return
            service = self.bot.briefs
            try:
                record = await service.repository.set_schedule(
                    interaction.guild.id,
                    channel_id=channel.id,
                    post_time=time,
                    timezone=timezone,
                    topics=wanted,
                    set_by_user_id=interaction.user.id,
                )
            except (InvalidTimeError, InvalidTimezoneError) as exc:
                await self.bot.tell(interaction, str(exc)[:1900])
                return
            await service.scheduler.refresh_guild(interaction.guild.id)
            now = dt.datetime.now(dt.UTC)
            upcoming = next_post_time(record.post_time, record.timezone, now)
            lines = [
                f"Daily brief set: {channel.mention} at {record.post_time} {record.timezone}.",
                f"Next brief: {_stamp(upcoming)} ({_stamp(upcoming, 'R')}).",
            ]
            if record.topics:
                lines.append("Topics: " + ", ".join(record.topics))
            warning = dst_warning(record.post_time, record.timezone, upcoming.date())
            if warning is not None:
                lines.append("⚠️ " + warning.message)
            await self.bot.tell(interaction, "\n".join(lines)[: limits.CONTENT])

    @set_.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in search_timezones(current[:64])][
            : limits.CHOICES
        ]

    async def _schedule_or_explain(self, interaction: discord.Interaction) -> ScheduleRecord | None:
        """This server's schedule, or None after telling the admin there is none."""
        assert interaction.guild is not None and self.bot.briefs is not None
        record = await self.bot.briefs.repository.get_schedule(interaction.guild.id)
        if record is None:
            await self.bot.tell(interaction, "No daily brief is scheduled. Set one with /schedule set.")
        return record

    @app_commands.command(name="show", description="Show this server's daily brief schedule")
    async def show(self, interaction: discord.Interaction) -> None:
        async with guarded(interaction, "schedule show"):
            service = self.bot.briefs
            record = await self._schedule_or_explain(interaction)
            if record is None or service is None:
                return
            lines = [f"Channel <#{record.channel_id}> at {record.post_time} {record.timezone}."]
            lines.append("Topics: " + (", ".join(record.topics) if record.topics else "all"))
            if record.is_active:
                upcoming = next_post_time(record.post_time, record.timezone, dt.datetime.now(dt.UTC))
                lines.append(f"Next brief: {_stamp(upcoming)}.")
            else:
                lines.append(f"⏸️ Paused: {record.paused_reason}. Run /schedule set again to resume.")
            recent = await service.repository.recent_deliveries(interaction.guild.id, limit=5)
            if recent:
                lines.append("Recent: " + "; ".join(f"{d.local_date.isoformat()} {d.status}" for d in recent))
            await self.bot.tell(interaction, "\n".join(lines)[: limits.CONTENT])

    @app_commands.command(name="off", description="Stop the daily brief")
    async def off(self, interaction: discord.Interaction) -> None:
        async with guarded(interaction, "schedule off"):
            assert interaction.guild is not None and self.bot.briefs is not None
            removed = await self.bot.briefs.repository.delete_schedule(interaction.guild.id)
            await self.bot.briefs.scheduler.refresh_guild(interaction.guild.id)
            await self.bot.tell(
                interaction, "Daily brief stopped." if removed else "No daily brief was scheduled."
            )

    @app_commands.command(name="test", description="Post the brief now in the configured channel")
    async def test(self, interaction: discord.Interaction) -> None:
        async with guarded(interaction, "schedule test"):
            service = self.bot.briefs
            record = await self._schedule_or_explain(interaction)
            if record is None or service is None:
                return
            await interaction.response.defer(ephemeral=True, thinking=True)
            today = dt.datetime.now(record.zone).date()
            try:
                await service.deliver(record, today, False)
            except DeliveryError as exc:
                await send_reply(
                    interaction, Reply(content=f"The test brief could not be posted: {exc}"), ephemeral=True
                )
                return
            await send_reply(
                interaction, Reply(content=f"Test brief posted in <#{record.channel_id}>."), ephemeral=True
            )


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Schedule(bot))
