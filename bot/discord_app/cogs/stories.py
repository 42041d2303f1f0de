"""What the story buttons, the story picker and the follow-up modal do when used."""

from __future__ import annotations

import logging
from typing import Any, cast

import discord
from discord.ext import commands

from bot.core.replies import Action
from bot.discord_app.client import NewsBot, conversation_key
from bot.discord_app.components import (
    HANDLER_COG,
    FollowUpModal,
    StoryButton,
    StoryPicker,
    submitted_question,
)
from bot.discord_app.respond import edit_reply, guarded, report_failure, send_reply, tell
from bot.render.custom_ids import MODAL_PREFIX, parse_modal_id

log = logging.getLogger("bot.discord")
ASK_AGAIN = "Sorry, I couldn't read that form. Please press **Ask a follow-up** again."


class StoryActions(commands.Cog, name=HANDLER_COG):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        # Matched by custom id on any message, old ones included: no view has to stay in memory.
        self.bot.add_dynamic_items(StoryButton, StoryPicker)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(StoryButton, StoryPicker)

    async def on_story_action(
        self, interaction: discord.Interaction, action: Action, story_id: str, page: int | None
    ) -> None:
        async with guarded(interaction, f"button:{action.value}"):
            desk = self.bot.app.desk
            if action in (Action.FULL_STORY, Action.SUGGESTION):
                reply = desk.story_page(story_id, 0)
                desk.remember_shown(conversation_key(interaction.user.id, interaction.channel_id), reply)
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

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A submitted follow-up modal, answered from its custom id (so also after a restart)."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        data = cast(dict[str, Any], interaction.data or {})
        custom_id = str(data.get("custom_id", ""))
        if not custom_id.startswith(MODAL_PREFIX):
            return  # not a follow-up modal (the review's modals have their own handler)
        story_id = parse_modal_id(custom_id)
        question = submitted_question(data)
        log.info(
            "follow-up modal submitted (guild=%s user=%s story=%s)",
            interaction.guild_id,
            interaction.user.id,
            story_id,
        )
        if story_id is None or not question:
            log.warning("follow-up modal %r could not be read; asked the user to ask again", custom_id[:100])
            await tell(interaction, ASK_AGAIN)
            return
        await self.on_follow_up(interaction, story_id, question)

    async def on_follow_up(self, interaction: discord.Interaction, story_id: str, question: str) -> None:
        async with guarded(interaction, "modal:followup"):
            key = conversation_key(interaction.user.id, interaction.channel_id)
            await send_reply(interaction, self.bot.app.desk.follow_up(story_id, question, key))

    async def on_item_error(self, interaction: discord.Interaction, name: str, error: Exception) -> None:
        await report_failure(interaction, name, error)


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(StoryActions(bot))
