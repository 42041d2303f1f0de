"""Follow-up questions without a command: replies to the bot's answers, and mentions of the bot.

No privileged intent is needed: Discord delivers the content of messages that mention the bot,
and a reply to the bot mentions it unless the user switched the reply ping off.
"""

from __future__ import annotations

import logging
import re

import discord
from discord.ext import commands

from bot.discord_app.client import NewsBot, conversation_key
from bot.discord_app.respond import send_kwargs
from bot.render.custom_ids import parse_custom_id

log = logging.getLogger("bot.discord")
MAX_REMEMBERED_THREADS = 1000


def story_of(message: discord.Message) -> str | None:
    """The story a bot message was about, read from its buttons' custom ids."""
    for row in message.components:
        for child in getattr(row, "children", ()):
            parsed = parse_custom_id(getattr(child, "custom_id", None) or "")
            if parsed is not None:
                return parsed[1]
    return None


class FollowUps(commands.Cog):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        # thread id -> the story of the bot answer it was started on (None: not on an answer).
        self._thread_stories: dict[int, str | None] = {}

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.bot.user is None or message.webhook_id is not None:
            return
        try:
            await self._maybe_answer(message)
        except Exception:
            log.exception(
                "follow-up failed (guild=%s channel=%s)",
                message.guild and message.guild.id,
                message.channel.id,
            )

    async def _maybe_answer(self, message: discord.Message) -> None:
        me = self.bot.user
        assert me is not None
        referenced = await self._referenced_bot_message(message)
        mentioned = me in message.mentions
        if referenced is None and not mentioned:
            return
        question = re.sub(rf"<@!?{me.id}>", " ", message.content).strip()
        if not question:
            return  # the content is empty when a reply ping is off: nothing to answer
        key = conversation_key(message.author.id, message.channel.id)
        if referenced is not None:
            story_id = story_of(referenced)
        else:
            story_id = await self._thread_story(message.channel)
        desk = self.bot.app.desk
        reply = desk.follow_up(story_id, question, key) if story_id else desk.ask(question, key)
        await message.reply(mention_author=False, **send_kwargs(reply))
        log.info(
            "follow-up answered (guild=%s channel=%s story=%s)",
            message.guild and message.guild.id,
            message.channel.id,
            reply.story_id,
        )

    async def _thread_story(self, channel: object) -> str | None:
        """In a thread started on one of the bot's answers, that answer's story is the context."""
        if not isinstance(channel, discord.Thread):
            return None
        if channel.id in self._thread_stories:
            return self._thread_stories[channel.id]
        starter = channel.starter_message
        if starter is None and isinstance(channel.parent, discord.TextChannel):
            try:
                starter = await channel.parent.fetch_message(channel.id)
            except discord.HTTPException:
                starter = None  # not started on a message, or it was deleted
        me = self.bot.user
        story_id = story_of(starter) if starter is not None and me and starter.author.id == me.id else None
        if len(self._thread_stories) >= MAX_REMEMBERED_THREADS:
            self._thread_stories.pop(next(iter(self._thread_stories)))
        self._thread_stories[channel.id] = story_id
        return story_id

    async def _referenced_bot_message(self, message: discord.Message) -> discord.Message | None:
        reference = message.reference
        if reference is None or reference.message_id is None:
            return None
        resolved = reference.resolved
        if not isinstance(resolved, discord.Message):
            try:
                resolved = await message.channel.fetch_message(reference.message_id)
            except discord.HTTPException:
                return None
        if self.bot.user is None or resolved.author.id != self.bot.user.id:
            return None
        return resolved


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(FollowUps(bot))


__all__ = ["FollowUps", "story_of"]
