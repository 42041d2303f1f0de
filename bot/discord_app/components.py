"""Buttons, the story picker and the follow-up modal: discord.py items that hand off to a cog.

Buttons and pickers are ``DynamicItem``s matched by the templates of :mod:`bot.render.custom_ids`;
what a click does lives in the cog registered as ``HANDLER_COG`` (``cogs/stories.py``), found
through the client at click time so that this module needs no bot class.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, cast

import discord

from bot.core.replies import Action
from bot.render import limits
from bot.render.custom_ids import (
    BUTTON_PATTERN,
    PICKER_PATTERN,
    QUESTION_INPUT,
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
    """A text box for a follow-up question about one story.

    Stateless, like the buttons: the story is in the modal's custom id and the submission is answered
    from it (:func:`submitted_question`, the ``StoryActions`` cog's ``on_interaction``), never from
    this object. So a modal submitted after a restart still works, and two people's modals for one
    story (one custom id) cannot replace or close each other the way discord.py's modal store would.
    """

    question: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Your question",
        custom_id=QUESTION_INPUT,
        style=discord.TextStyle.paragraph,
        placeholder="For example: who is involved? what happens next?",
        min_length=1,
        max_length=500,
    )

    def __init__(self, story_id: str, story_title: str) -> None:
        title = f"Follow-up: {story_title}"
        if len(title) > limits.MODAL_TITLE:
            title = title[: limits.MODAL_TITLE - 1] + "…"
        super().__init__(title=title, custom_id=modal_id(story_id), timeout=None)
        self.story_id = story_id
        self.stop()  # a finished modal is not kept in discord.py's store: the custom id is the state


def submitted_question(data: Mapping[str, Any]) -> str:
    """The question typed in a submitted follow-up modal (its ``question`` box; in a modal opened by
    an older version, whose box had a generated id, the first text box)."""
    values: list[tuple[str, str]] = []

    def walk(components: Sequence[Mapping[str, Any]]) -> None:
        for component in components:
            if "value" in component and isinstance(component["value"], str):
                values.append((str(component.get("custom_id", "")), component["value"]))
            walk(component.get("components") or ())
            inner = component.get("component")
            if isinstance(inner, Mapping):
                walk((inner,))

    walk(data.get("components") or ())
    for custom_id, value in values:
        if custom_id == QUESTION_INPUT:
            return value.strip()
    return values[0][1].strip() if values else ""


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


__all__ = ["HANDLER_COG", "FollowUpModal", "StoryButton", "StoryPicker", "submitted_question", "view_for"]
