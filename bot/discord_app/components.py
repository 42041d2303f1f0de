"""Buttons, the story picker and the follow-up modal: discord.py items that hand off to a cog.

Buttons and pickers are ``DynamicItem``s matched by the templates of :mod:`bot.render.custom_ids`;
what a click does lives in the cog registered as ``HANDLER_COG`` (``cogs/stories.py``), found
through the client at click time so that this module needs no bot class.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol, cast

import discord

from bot.core.replies import Action
from bot.render import limits
from bot.render.custom_ids import (
    BUTTON_PATTERN,
    PICKER_PATTERN,
    modal_id,
    parse_custom_id,
    picker_action,
)

HANDLER_COG = "StoryActions"


class StoryActionHandler(Protocol):
    async def on_story_action(
        self, interaction: discord.Interaction, action: Action, story_id: str, page: int | None
    ) -> None: ...

    async def on_follow_up(self, interaction: discord.Interaction, story_id: str, question: str) -> None: ...

    async def on_item_error(self, interaction: discord.Interaction, name: str, error: Exception) -> None: ...


def _handler(interaction: discord.Interaction) -> StoryActionHandler:
    client = cast(Any, interaction.client)
    handler = client.get_cog(HANDLER_COG)
    if handler is None:
        raise RuntimeError(f"the {HANDLER_COG} cog is not loaded")
    return cast(StoryActionHandler, handler)


class StoryButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=BUTTON_PATTERN):
    def __init__(self, button: discord.ui.Button[Any]) -> None:
        super().__init__(button)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> StoryButton:
        return cls(cast(discord.ui.Button[Any], item))

    async def callback(self, interaction: discord.Interaction) -> None:
        parsed = parse_custom_id(self.item.custom_id or "")
        if parsed is None:
            return
        action, story_id, page = parsed
        await _handler(interaction).on_story_action(interaction, action, story_id, page)


class StoryPicker(discord.ui.DynamicItem[discord.ui.Select[Any]], template=PICKER_PATTERN):
    def __init__(self, select: discord.ui.Select[Any]) -> None:
        super().__init__(select)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> StoryPicker:
        return cls(cast(discord.ui.Select[Any], item))

    async def callback(self, interaction: discord.Interaction) -> None:
        data = cast(dict[str, Any], interaction.data or {})
        values = data.get("values") or []
        action = picker_action(self.item.custom_id or "")
        if not values or action is None:
            return
        await _handler(interaction).on_story_action(interaction, action, str(values[0]), None)


class FollowUpModal(discord.ui.Modal):
    """A text box for a follow-up question about one story."""

    question: discord.ui.TextInput[Any] = discord.ui.TextInput(
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
        super().__init__(title=title, custom_id=modal_id(story_id), timeout=900)
        self.story_id = story_id

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await _handler(interaction).on_follow_up(interaction, self.story_id, self.question.value)

    # discord.py's Modal narrows View.on_error the same way (and silences mypy the same way).
    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        await _handler(interaction).on_item_error(interaction, "modal follow-up", error)


def view_for(rows: Sequence[dict[str, Any]]) -> discord.ui.View | None:
    """A persistent view rebuilt from payload component rows (same ids, labels and styles)."""
    if not rows:
        return None
    view = discord.ui.View(timeout=None)
    for row_number, row in enumerate(rows):
        for component in row["components"]:
            if component["type"] == 2:
                button: discord.ui.Button[Any] = discord.ui.Button(
                    style=discord.ButtonStyle(component["style"]),
                    label=component["label"],
                    custom_id=component["custom_id"],
                    disabled=component.get("disabled", False),
                    row=row_number,
                )
                view.add_item(StoryButton(button))
            elif component["type"] == 3:
                select: discord.ui.Select[Any] = discord.ui.Select(
                    custom_id=component["custom_id"],
                    placeholder=component.get("placeholder"),
                    options=[
                        discord.SelectOption(label=o["label"], value=o["value"]) for o in component["options"]
                    ],
                    row=row_number,
                )
                view.add_item(StoryPicker(select))
    return view


__all__ = ["HANDLER_COG", "FollowUpModal", "StoryButton", "StoryPicker", "view_for"]
