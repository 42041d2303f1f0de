"""The Discord bot: a thin adapter from interactions to ``NewsDesk`` commands."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Hashable

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.core.desk import NewsDesk
from bot.core.replies import Action
from bot.discord_app.briefs import BriefService
from bot.discord_app.components import FollowUpModal, StoryButton, StoryPicker
from bot.discord_app.respond import APOLOGY, NO_PINGS, describe, edit_reply, guarded, send_reply

log = logging.getLogger("bot.discord")

EXTENSIONS = (
    "bot.discord_app.cogs.news",
    "bot.discord_app.cogs.followups",
    "bot.discord_app.cogs.catalog",
    "bot.discord_app.cogs.schedule",
)


def conversation_key(user_id: int, channel_id: int | None) -> Hashable:
    """Conversations are per user and per channel (or thread)."""
    return ("discord", user_id, channel_id)


class NewsTree(app_commands.CommandTree):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        bot: NewsBot = interaction.client  # type: ignore[assignment]
        if isinstance(error, app_commands.CheckFailure):
            message = str(error) or "You can't use this command here."
            await bot.tell(interaction, message)
            return
        name = interaction.command.qualified_name if interaction.command else "unknown command"
        await bot.report_interaction_error(interaction, name, error)


class NewsBot(commands.Bot):
    """The production bot object; tests run it unchanged against a fake Discord."""

    def __init__(self, settings: Settings, desk: NewsDesk, **options: object) -> None:
        # No privileged intents: mentions of the bot and replies to it still carry their content.
        options.setdefault("intents", discord.Intents.default())
        options["allowed_mentions"] = NO_PINGS
        super().__init__(
            command_prefix=commands.when_mentioned,
            tree_cls=NewsTree,
            help_command=None,
            **options,  # type: ignore[arg-type]
        )
        self.settings = settings
        self.desk = desk
        self.extra_extensions: list[str] = []
        self.briefs: BriefService | None = None  # the daily-brief service, once the database is open
        self._briefs_started = False

    async def setup_hook(self) -> None:
        self.add_dynamic_items(StoryButton, StoryPicker)
        try:
            self.briefs = await BriefService.open(self)
        except Exception:
            # Questions still work without a database; schedule commands say it's unavailable.
            log.exception("could not open the database; daily briefs are disabled")
        for extension in (*EXTENSIONS, *self.extra_extensions):
            await self.load_extension(extension)
        guild_id = self.settings.discord.dev_guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to development guild %s", len(synced), guild_id)

    async def on_message(self, message: discord.Message) -> None:
        # No prefix commands: a mention is a question (see cogs/followups.py), not a command name.
        return

    async def on_ready(self) -> None:
        log.info("ready as %s in %d guilds", self.user, len(self.guilds))
        if self.briefs is not None and not self._briefs_started:
            # Started once the guild cache is filled, so catch-up posts can check permissions.
            self._briefs_started = True
            await self.briefs.scheduler.start()

    async def brief_days(self, guild_id: int | None) -> tuple[dt.date, dt.date | None]:
        """The day an on-demand brief is for, and the day of the server's previous scheduled brief."""
        if self.briefs is None or guild_id is None:
            return dt.datetime.now(dt.UTC).date(), None
        return await self.briefs.brief_days(guild_id)

    # --- shared interaction handlers (buttons, pickers, modals) ---------------------------------

    async def handle_story_action(
        self, interaction: discord.Interaction, action: Action, story_id: str, page: int | None
    ) -> None:
        async with guarded(interaction, f"button:{action.value}"):
            desk = self.desk
            if action in (Action.FULL_STORY, Action.SUGGESTION):
                reply = desk.story_page(story_id, 0)
                if reply.story_id:
                    desk.library.memory.remember(
                        conversation_key(interaction.user.id, interaction.channel_id), story_id
                    )
                await send_reply(interaction, reply, ephemeral=action is Action.SUGGESTION or reply.ephemeral)
            elif action is Action.TIMELINE:
                await send_reply(interaction, desk.timeline(story_id), ephemeral=True)
            elif action is Action.PAGE:
                reply = desk.story_page(story_id, page or 0)
                if reply.story_id is None:
                    await send_reply(interaction, reply)
                else:
                    await edit_reply(interaction, reply)
            elif action is Action.FOLLOW_UP:
                story = desk.library.index.get(story_id)
                if story is None:
                    await send_reply(interaction, desk.story_gone(story_id))
                else:
                    await interaction.response.send_modal(FollowUpModal(story.id, story.title))

    async def answer_follow_up(self, interaction: discord.Interaction, story_id: str, question: str) -> None:
        async with guarded(interaction, "modal:followup"):
            key = conversation_key(interaction.user.id, interaction.channel_id)
            reply = self.desk.follow_up(story_id, question, key)
            await send_reply(interaction, reply)

    async def report_interaction_error(
        self, interaction: discord.Interaction, name: str, error: Exception
    ) -> None:
        original = getattr(error, "original", error)
        log.error("command %s failed (%s)", name, describe(interaction), exc_info=original)
        await self.tell(interaction, APOLOGY)

    async def tell(self, interaction: discord.Interaction, message: str) -> None:
        """A short private message to whoever used the interaction."""
        with contextlib.suppress(discord.HTTPException):
            if interaction.response.is_done():
                await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_PINGS)
            else:
                await interaction.response.send_message(message, ephemeral=True, allowed_mentions=NO_PINGS)

    async def close(self) -> None:
        log.info("shutting down")
        if self.briefs is not None:
            briefs, self.briefs = self.briefs, None
            await briefs.close()
        await super().close()


class ShardedNewsBot(NewsBot, commands.AutoShardedBot):
    """The same bot running several shards (``[discord] shard_ids`` of ``shard_count``) in one process."""


def new_bot(settings: Settings, desk: NewsDesk, **options: object) -> NewsBot:
    """A bot for this process's shards: one connection normally, the configured shards otherwise."""
    shards = settings.discord
    if shards.shard_count > 1:
        options.setdefault("shard_count", shards.shard_count)
        options.setdefault("shard_ids", shards.shard_ids or list(range(shards.shard_count)))
        return ShardedNewsBot(settings, desk, **options)
    return NewsBot(settings, desk, **options)


async def stop_on_signals(bot: NewsBot) -> None:
    """Close cleanly on SIGINT/SIGTERM so sessions and the database are released."""
    import signal

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
