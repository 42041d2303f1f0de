"""/schedule set|show|off|test: where and when a server gets its daily brief (Manage Server only).

The schedule service validates, saves and re-arms the timers; this cog checks who may ask and
what the bot may do in the channel, and phrases the answer for Discord.
"""

from __future__ import annotations

import datetime as dt

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.replies import Reply
from bot.discord_app.client import NewsBot
from bot.discord_app.poster import missing_permissions
from bot.discord_app.respond import STORE_UNAVAILABLE, guarded, send_reply, tell
from bot.render import limits
from bot.scheduling.errors import DeliveryError
from bot.scheduling.times import search_timezones
from bot.services.schedules import ScheduleInputError, ScheduleService, describe_schedule

NO_SCHEDULE = "No daily brief is scheduled. Set one with /schedule set."


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

    @property
    def service(self) -> ScheduleService:
        service = self.bot.app.schedules
        if service is None:  # interaction_check has already refused the command
            raise app_commands.CheckFailure(STORE_UNAVAILABLE)
        return service

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.guild is None:
            raise app_commands.CheckFailure("Schedules are set per server; use this command in a server.")
        if not _is_manager(interaction):
            raise app_commands.CheckFailure(
                "You need the Manage Server permission to change the daily brief."
            )
        _ = self.service
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
            assert interaction.guild is not None
            me = interaction.guild.me
            resolved = interaction.guild.get_channel(channel.id) or channel
            if me is not None and isinstance(resolved, discord.abc.GuildChannel):
                missing = missing_permissions(resolved, me)
                if missing:
                    await tell(
                        interaction,
                        f"I can't post in {resolved.mention}: missing permission {', '.join(missing)}.",
                    )
                    return
            try:
                done = await self.service.set(
                    interaction.guild.id,
                    channel_id=channel.id,
                    post_time=time,
                    timezone=timezone,
                    topics=topics.split(",") if topics else None,
                    set_by_user_id=interaction.user.id,
                )
            except ScheduleInputError as exc:
                await tell(interaction, str(exc)[:1900])
                return
            record = done.record
            lines = [
                f"Daily brief set: {channel.mention} at {record.post_time} {record.timezone}.",
                f"Next brief: {_stamp(done.next_brief)} ({_stamp(done.next_brief, 'R')}).",
            ]
            if record.topics:
                lines.append("Topics: " + ", ".join(record.topics))
            if done.dst_note is not None:
                lines.append("⚠️ " + done.dst_note)
            await tell(interaction, "\n".join(lines)[: limits.CONTENT])

    @set_.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in search_timezones(current[:64])][
            : limits.CHOICES
        ]

    @app_commands.command(name="show", description="Show this server's daily brief schedule")
    async def show(self, interaction: discord.Interaction) -> None:
        async with guarded(interaction, "schedule show"):
            assert interaction.guild is not None
            view = await self.service.show(interaction.guild.id)
            if view is None:
                await tell(interaction, NO_SCHEDULE)
                return
            lines = describe_schedule(view, f"Channel <#{view.record.channel_id}>", _stamp)
            await tell(interaction, "\n".join(lines)[: limits.CONTENT])

    @app_commands.command(name="off", description="Stop the daily brief")
    async def off(self, interaction: discord.Interaction) -> None:
        async with guarded(interaction, "schedule off"):
            assert interaction.guild is not None
            removed = await self.service.off(interaction.guild.id)
            await tell(interaction, "Daily brief stopped." if removed else "No daily brief was scheduled.")

    @app_commands.command(name="test", description="Post the brief now in the configured channel")
    async def test(self, interaction: discord.Interaction) -> None:
        async with guarded(interaction, "schedule test"):
            assert interaction.guild is not None
            service = self.service
            record = await service.get(interaction.guild.id)
            if record is None:
                await tell(interaction, NO_SCHEDULE)
                return
            await interaction.response.defer(ephemeral=True, thinking=True)
            try:
                await service.test(interaction.guild.id)
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
