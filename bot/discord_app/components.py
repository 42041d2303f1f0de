"""Buttons, the story picker and the follow-up modal.

Buttons are ``DynamicItem``s: their custom ids (``nb:<action>:<story>[:<page>]``) carry all the
state, so buttons on old messages keep working after a restart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.core.replies import Action
from bot.render import limits
from bot.render.discord_payload import PICKER_ID, parse_custom_id

if TYPE_CHECKING:
    from bot.discord_app.client import NewsBot

_ACTIONS = "|".join(a.value for a in Action)
BUTTON_TEMPLATE = rf"nb:(?P<action>{_ACTIONS}):(?P<story>[a-z0-9-]+)(?::(?P<page>-?\d+))?"
PICKER_TEMPLATE = r"nb:pick:(?P<action>" + _ACTIONS + ")"


class StoryButton(discord.ui.DynamicItem[discord.ui.Button], template=BUTTON_TEMPLATE):
    def __init__(self, button: discord.ui.Button) -> None:
        super().__init__(button)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> StoryButton:
        return cls(item)

    async def callback(self, interaction: discord.Interaction) -> None:
        parsed = parse_custom_id(self.item.custom_id or "")
        if parsed is None:
            return
        action, story_id, page = parsed
        bot: NewsBot = interaction.client  # type: ignore[assignment]
        await bot.handle_story_action(interaction, action, story_id, page)


class StoryPicker(discord.ui.DynamicItem[discord.ui.Select], template=PICKER_TEMPLATE):
    def __init__(self, select: discord.ui.Select) -> None:
        super().__init__(select)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Select, match: re.Match[str], /
    ) -> StoryPicker:
        return cls(item)

    async def callback(self, interaction: discord.Interaction) -> None:
        values = (interaction.data or {}).get("values") or []  # type: ignore[union-attr]
        match = re.fullmatch(PICKER_TEMPLATE, self.item.custom_id or "")
        if not values or match is None:
            return
        bot: NewsBot = interaction.client  # type: ignore[assignment]
        await bot.handle_story_action(interaction, Action(match["action"]), str(values[0]), None)


class FollowUpModal(discord.ui.Modal):
    """A text box for a follow-up question about one story."""

    question: discord.ui.TextInput = discord.ui.TextInput(
        label="Your question",
        style=discord.TextStyle.paragraph,
        placeholder="For example: who is involved? what happens next?",
        min_length=1,
        max_length=500,
    )

    def __init__(self, story_id: str, story_title: str) -> None:
        title = f"Follow-up: {story_title}"
        if len(title) > limits.MODAL_TITLE:
            title = title[: limits.MODAL_TITLE - 1] + "…"
        super().__init__(title=title, custom_id=f"nb:modal:{story_id}"[: limits.CUSTOM_ID], timeout=900)
        self.story_id = story_id

    async def on_submit(self, interaction: discord.Interaction) -> None:
        bot: NewsBot = interaction.client  # type: ignore[assignment]
        await bot.answer_follow_up(interaction, self.story_id, self.question.value)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        bot: NewsBot = interaction.client  # type: ignore[assignment]
        await bot.report_interaction_error(interaction, "modal follow-up", error)


def view_for(rows: Sequence[dict[str, Any]]) -> discord.ui.View | None:
    """A persistent view rebuilt from payload component rows (same ids, labels and styles)."""
    if not rows:
        return None
    view = discord.ui.View(timeout=None)
    for row_number, row in enumerate(rows):
        for component in row["components"]:
            if component["type"] == 2:
                button = discord.ui.Button(
                    style=discord.ButtonStyle(component["style"]),
                    label=component["label"],
                    custom_id=component["custom_id"],
                    disabled=component.get("disabled", False),
                    row=row_number,
                )
                view.add_item(StoryButton(button))
            elif component["type"] == 3:
                select = discord.ui.Select(
                    custom_id=component["custom_id"],
                    placeholder=component.get("placeholder"),
                    options=[
                        discord.SelectOption(label=o["label"], value=o["value"]) for o in component["options"]
                    ],
                    row=row_number,
                )
                view.add_item(StoryPicker(select))
    return view


__all__ = ["PICKER_ID", "FollowUpModal", "StoryButton", "StoryPicker", "view_for"]
