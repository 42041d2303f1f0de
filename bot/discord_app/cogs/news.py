"""/ask, /story, /stories, /brief and /help."""

from __future__ import annotations

import datetime as dt
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.replies import Reply
from bot.discord_app.client import NewsBot, conversation_key
from bot.discord_app.respond import guarded, send_in_time, send_reply, tell
from bot.render import limits
from bot.storage.database import is_unavailable

log = logging.getLogger("bot.discord")


class News(commands.Cog):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask", description="Ask about a news story")
    @app_commands.describe(question="Your question, e.g. what did Israel approve?")
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 500]) -> None:
        async with guarded(interaction, "ask"):
            key = conversation_key(interaction.user.id, interaction.channel_id)
            await send_in_time(interaction, self.bot.app.desk.ask(question, key))

    @app_commands.command(name="story", description="Read a whole story")
    @app_commands.describe(story="A story's name (suggestions appear as you type)")
    async def story(self, interaction: discord.Interaction, story: app_commands.Range[str, 1, 200]) -> None:
        async with guarded(interaction, "story"):
            reply = self.bot.app.desk.story(story)
            self.bot.app.desk.remember_shown(
                conversation_key(interaction.user.id, interaction.channel_id), reply
            )
            await send_reply(interaction, reply)

    @story.autocomplete("story")
    async def story_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        # Autocomplete cannot defer: this must stay fast (it is a lookup over titles, not a search).
        pairs = self.bot.app.desk.autocomplete_stories(current[:100])
        return [app_commands.Choice(name=label[: limits.CHOICE_NAME], value=value) for label, value in pairs][
            : limits.CHOICES
        ]

    @app_commands.command(name="stories", description="The stories I follow, with their latest update")
    async def stories(self, interaction: discord.Interaction) -> None:
        async with guarded(interaction, "stories"):
            await send_reply(interaction, self.bot.app.desk.stories())

    @app_commands.command(name="brief", description="Today's news brief")
    @app_commands.describe(topic="Only this topic", private="Only you see the brief")
    async def brief(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, 100] | None = None,
        private: bool = False,
    ) -> None:
        async with guarded(interaction, "brief"):
            desk = self.bot.app.desk
            if topic and desk.unknown_topics([topic]):
                await tell(interaction, f"Unknown topic. Topics: {', '.join(desk.topics())[:1800]}")
                return
            # Composing reads the delivery log; defer so a slow database never loses the interaction.
            await interaction.response.defer(ephemeral=private, thinking=True)
            reply = await self._brief(interaction.guild_id, [topic] if topic else None)
            await send_reply(interaction, reply, ephemeral=private)

    async def _brief(self, guild_id: int | None, topics: list[str] | None) -> Reply:
        """Today's brief, new since this server's previous posted brief (the scheduled brief's rule);
        in a DM, or without the schedule store, the last day is new and the brief says so."""
        schedules = self.bot.app.schedules
        if schedules is not None and guild_id is not None:
            try:
                return await schedules.on_demand(guild_id, topics)
            except Exception as exc:
                if not is_unavailable(exc):
                    raise
                # The database only says since when: a brief without it beats none.
                log.warning("/brief without the schedule store (%s): new = the last day", exc)
        now = dt.datetime.now(dt.UTC)
        return self.bot.app.desk.brief(now.date(), topics, now=now)

    @brief.autocomplete("topic")
    async def topic_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        wanted = current.casefold().strip()
        topics = [t for t in self.bot.app.desk.topics() if wanted in t.casefold()]
        return [app_commands.Choice(name=t[:100], value=t[:100]) for t in topics[: limits.CHOICES]]

    @app_commands.command(name="help", description="What I can do")
    async def help(self, interaction: discord.Interaction) -> None:
        async with guarded(interaction, "help"):
            await send_reply(interaction, self.bot.app.desk.help(command_list(self.bot.tree)))


def command_list(tree: app_commands.CommandTree[NewsBot]) -> list[tuple[str, str]]:
    """``(usage, description)`` of every slash command the tree dispatches (and ``sync`` registers),
    read from the tree itself so that /help lists exactly what Discord accepts."""
    listed: list[tuple[str, str]] = []
    for command in tree.get_commands(type=discord.AppCommandType.chat_input):
        if isinstance(command, app_commands.Group):
            verbs = "|".join(sub.name for sub in command.commands)
            listed.append((f"/{command.name} {verbs}", command.description))
        elif isinstance(command, app_commands.Command):
            options = " ".join(p.name if p.required else f"[{p.name}]" for p in command.parameters)
            listed.append((f"/{command.name} {options}".rstrip(), command.description))
    return listed


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(News(bot))
