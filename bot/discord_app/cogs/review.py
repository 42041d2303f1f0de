"""The editor's review in Discord: proposals posted to the editors' channel, decided with buttons.

A thin adapter over :class:`bot.review.service.ReviewService`. Buttons carry the proposal in their
custom id (``DynamicItem``), so a message posted before a restart still works. Which proposals were
already posted is read back from the channel itself at start-up (the bot's messages carry the ids),
so nothing is posted twice and no extra table is needed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from typing import Any, cast

import discord
from discord.ext import commands

from bot.discord_app.client import NewsBot
from bot.discord_app.respond import NO_PINGS, guarded, tell
from bot.discord_app.review_message import candidate_options, review_payload
from bot.feeds.models import ProposalStatus
from bot.render import limits
from bot.render.custom_ids import (
    REVIEW_PATTERN,
    parse_review_id,
    parse_review_modal_id,
    review_id,
    review_modal_id,
)
from bot.review.service import Outcome, ReviewService

log = logging.getLogger("bot.discord")

COG_NAME = "Review"
POST_EVERY_SECONDS = 60.0  # how often open proposals are looked for (the poller adds them)
HISTORY_SCAN = 500  # recent messages of the editors' channel read at start-up
NOT_EDITOR = "Only editors can decide proposals (see [review] in the bot's config)."


def _handler(interaction: discord.Interaction) -> ReviewCog:
    cog = cast(Any, interaction.client).get_cog(COG_NAME)
    if cog is None:
        raise RuntimeError("the review cog is not loaded")
    return cast(ReviewCog, cog)


class ReviewComponent(discord.ui.DynamicItem[discord.ui.Item[Any]], template=REVIEW_PATTERN):
    """Any review button or the "Another story" select, matched by custom id."""

    def __init__(self, item: discord.ui.Item[Any]) -> None:
        super().__init__(item)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ReviewComponent:
        return cls(item)

    async def callback(self, interaction: discord.Interaction) -> None:
        parsed = parse_review_id(getattr(self.item, "custom_id", None) or "")
        if parsed is not None:
            await _handler(interaction).on_review(interaction, *parsed)


def _kwargs(payload: dict[str, Any]) -> dict[str, Any]:
    """discord.py keyword arguments for a review payload; ``view`` None clears decided buttons."""
    view: discord.ui.View | None = None
    for number, row in enumerate(payload["components"]):
        view = view or discord.ui.View(timeout=None)
        for c in row["components"]:
            item: discord.ui.Item[Any]
            if c["type"] == 2:
                item = discord.ui.Button(
                    style=discord.ButtonStyle(c["style"]),
                    label=c["label"],
                    custom_id=c["custom_id"],
                    row=number,
                )
            else:
                item = discord.ui.Select(
                    custom_id=c["custom_id"],
                    placeholder=c.get("placeholder"),
                    options=[discord.SelectOption(**o) for o in c["options"]],
                    row=number,
                )
            view.add_item(ReviewComponent(item))
    return {
        "content": payload["content"] or None,
        "embeds": [discord.Embed.from_dict(e) for e in payload["embeds"]],
        "view": view,
        "allowed_mentions": NO_PINGS,
    }


class _ReviewModal(discord.ui.Modal):
    """Only the form: a submission is handled from its custom id (see ``ReviewCog.on_interaction``)."""

    def __init__(self, title: str, verb: str, proposal_id: int, message_id: int) -> None:
        super().__init__(
            title=title[: limits.MODAL_TITLE],
            custom_id=review_modal_id(verb, proposal_id, message_id),
            timeout=None,
        )


async def open_modal(interaction: discord.Interaction, modal: discord.ui.Modal) -> None:
    """Show ``modal`` without registering it in discord.py's in-memory store.

    discord.py registers a sent modal only after Discord has answered the callback request, so a
    submission arriving first (a fast client, a slow network) found no modal and was dropped
    silently; and a restart forgot every open modal. A stopped modal is not registered: the
    submission is handled from its custom id alone, whenever it arrives.
    """
    modal.stop()
    await interaction.response.send_modal(modal)


def submitted_values(data: Any) -> dict[str, str]:
    """``{input custom id: value}`` of a modal submission (action rows or labels)."""
    values: dict[str, str] = {}

    def walk(components: Any) -> None:
        for component in components or ():
            if not isinstance(component, dict):
                continue
            if "components" in component:
                walk(component["components"])
            elif "component" in component:
                walk([component["component"]])
            elif isinstance(component.get("custom_id"), str) and "value" in component:
                values[component["custom_id"]] = str(component["value"] or "")

    walk((data or {}).get("components"))
    return values


def edit_modal(proposal_id: int, message_id: int, headline: str) -> _ReviewModal:
    modal = _ReviewModal(f"Edit & accept #{proposal_id}", "edit", proposal_id, message_id)
    modal.add_item(
        discord.ui.TextInput(label="Headline", custom_id="headline", default=headline[:200], max_length=200)
    )
    modal.add_item(
        discord.ui.TextInput(
            label="Text, in our own words",
            custom_id="text",
            style=discord.TextStyle.paragraph,
            max_length=2000,
            placeholder="What happened, as the story should tell it",
        )
    )
    return modal


def new_story_modal(proposal_id: int, message_id: int) -> _ReviewModal:
    modal = _ReviewModal(f"New story from #{proposal_id}", "new", proposal_id, message_id)
    modal.add_item(
        discord.ui.TextInput(label="Story id (like storm-elin)", custom_id="story_id", max_length=60)
    )
    modal.add_item(discord.ui.TextInput(label="Title", custom_id="title", max_length=200))
    modal.add_item(discord.ui.TextInput(label="Topic", custom_id="topic", max_length=60))
    return modal


class ReviewCog(commands.Cog, name=COG_NAME):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.settings = bot.app.settings.review
        self._posted: set[int] | None = None
        self._posting = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(ReviewComponent)
        if self.settings.channel_id is not None:
            self._task = asyncio.create_task(self._run(), name="review-poster")

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(ReviewComponent)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    # ---------------------------------------------------------------------------- posting

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        while True:
            try:
                await self.post_open_proposals()
            except Exception:  # the database or Discord down for a moment: try again later
                log.exception("posting proposals to the editors' channel failed")
            await asyncio.sleep(POST_EVERY_SECONDS)

    @commands.Cog.listener()
    async def on_feed_proposals(self, proposal_ids: list[int]) -> None:
        """The feed poller made proposals: post them now rather than at the next look."""
        if self.settings.channel_id is None:
            return
        try:
            await self.post_open_proposals()
        except Exception:
            log.exception("posting proposals to the editors' channel failed")

    async def post_open_proposals(self) -> int:
        """Post every open proposal not posted yet (after any auto-accepts); how many were posted."""
        channel = self.bot.get_channel(self.settings.channel_id or 0)
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            log.warning("the editors' channel %s is not a text channel I can see", self.settings.channel_id)
            return 0
        async with self._posting:
            service = await self.bot.app.open_review()
            for outcome in await service.auto_accept():
                log.info("auto-accept: %s", outcome.message)
            if self._posted is None:
                self._posted = await self._already_posted(channel)
            count = 0
            for proposal in await service.open_proposals():
                if proposal.id in self._posted:
                    continue
                await channel.send(
                    **{k: v for k, v in _kwargs(review_payload(proposal)).items() if v is not None}
                )
                self._posted.add(proposal.id)
                count += 1
            return count

    async def _already_posted(self, channel: discord.abc.Messageable) -> set[int]:
        posted: set[int] = set()
        me = self.bot.user
        async for message in channel.history(limit=HISTORY_SCAN):
            if me is None or message.author.id != me.id:
                continue
            for row in message.components:
                for child in getattr(row, "children", ()):
                    parsed = parse_review_id(getattr(child, "custom_id", None) or "")
                    if parsed is not None:
                        posted.add(parsed[1])
            # A decided message has no buttons; its footer still names the proposal.
            for embed in message.embeds:
                found = re.match(r"Proposal #(\d+)", embed.footer.text or "") if embed.footer else None
                if found:
                    posted.add(int(found[1]))
        return posted

    # ---------------------------------------------------------------------------- deciding

    def _is_editor(self, interaction: discord.Interaction) -> bool:
        roles = [r.id for r in getattr(interaction.user, "roles", ())]
        return self.settings.is_editor(interaction.user.id, roles)

    @staticmethod
    def _editor(interaction: discord.Interaction) -> str:
        return f"{interaction.user.name} (discord {interaction.user.id})"

    async def _service(self) -> ReviewService:
        return await self.bot.app.open_review()

    async def on_review(
        self, interaction: discord.Interaction, verb: str, proposal_id: int, message_id: int | None
    ) -> None:
        async with guarded(interaction, f"review:{verb}"):
            if not self._is_editor(interaction):
                await tell(interaction, NOT_EDITOR)
                return
            editor = self._editor(interaction)
            here = interaction.message.id if interaction.message else 0
            if verb in ("accept", "reject"):
                # Acknowledge first: writing a story file (and reloading a big catalog) can take
                # longer than the 3 s Discord gives an interaction; the message is edited after.
                await interaction.response.defer()
                service = await self._service()
                outcome = await (
                    service.accept(proposal_id, editor)
                    if verb == "accept"
                    else service.reject(proposal_id, editor)
                )
                await self._show_on_message(interaction, outcome, proposal_id)
                return
            if verb == "pick":
                values = cast(dict[str, Any], interaction.data or {}).get("values") or []
                await interaction.response.defer()
                if not values:
                    return
                service = await self._service()
                outcome = await service.accept(proposal_id, editor, story_id=str(values[0]))
                if not outcome.ok:  # decided meanwhile: the picker shows the decision, the editor is told
                    await self._show_on_message(interaction, outcome, proposal_id)
                    return
                await interaction.edit_original_response(
                    content=outcome.message[:2000], embeds=[], view=None, allowed_mentions=NO_PINGS
                )
                await self._refresh(interaction, message_id, proposal_id)
                return
            service = await self._service()
            proposal = await service.get(proposal_id)
            if proposal is None or proposal.status is not ProposalStatus.OPEN:
                await interaction.response.defer()
                await self._show_on_message(
                    interaction, await service.reject(proposal_id, editor), proposal_id
                )
                return
            if verb == "edit":
                await open_modal(interaction, edit_modal(proposal_id, here, proposal.group.headline))
            elif verb == "new":
                await open_modal(interaction, new_story_modal(proposal_id, here))
            elif verb == "other":
                options = candidate_options(proposal)
                if not options:
                    await tell(
                        interaction, "No other story matched; use New story, or accept from the console."
                    )
                    return
                select = {
                    "type": 3,
                    "custom_id": review_id("pick", proposal_id, here),
                    "placeholder": "Add it to which story?",
                    "options": options,
                }
                payload = {
                    "content": "Pick the story:",
                    "embeds": [],
                    "components": [{"type": 1, "components": [select]}],
                }
                await interaction.response.send_message(ephemeral=True, **_kwargs(payload))

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Review modal submissions, recognised by their custom id (never from memory: see open_modal)."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        data = cast(dict[str, Any], interaction.data or {})
        parsed = parse_review_modal_id(str(data.get("custom_id") or ""))
        if parsed is not None:
            await self.on_modal(interaction, *parsed, submitted_values(data))

    async def on_modal(
        self,
        interaction: discord.Interaction,
        verb: str,
        proposal_id: int,
        message_id: int,
        values: dict[str, str],
    ) -> None:
        async with guarded(interaction, f"modal review:{verb}"):
            if not self._is_editor(interaction):
                await tell(interaction, NOT_EDITOR)
                return
            # Acknowledge first (privately): the story file write may outlast Discord's 3 s.
            await interaction.response.defer(ephemeral=True, thinking=True)
            service = await self._service()
            editor = self._editor(interaction)
            if verb == "edit":
                outcome = await service.accept(
                    proposal_id, editor, headline=values.get("headline"), text=values.get("text")
                )
            else:
                outcome = await service.new_story(
                    proposal_id,
                    editor,
                    story_id=values.get("story_id", ""),
                    title=values.get("title", ""),
                    topic=values.get("topic", ""),
                )
            await tell(interaction, outcome.message[:2000])
            await self._refresh(interaction, message_id, proposal_id)

    async def _show_on_message(
        self, interaction: discord.Interaction, outcome: Outcome, proposal_id: int
    ) -> None:
        """Update the (deferred) review message to its current state; tell the editor when it wasn't
        their win."""
        proposal = outcome.proposal or await (await self._service()).get(proposal_id)
        if proposal is not None and proposal.status is not ProposalStatus.OPEN:
            await interaction.edit_original_response(**_kwargs(review_payload(proposal)))
        if not outcome.ok:
            await tell(interaction, outcome.message[:2000])

    async def _refresh(
        self, interaction: discord.Interaction, message_id: int | None, proposal_id: int
    ) -> None:
        """Show the decision on the review message itself (from a modal or the private select)."""
        proposal = await (await self._service()).get(proposal_id)
        channel = interaction.channel
        if (
            not message_id
            or proposal is None
            or not isinstance(channel, discord.TextChannel | discord.Thread)
        ):
            return
        with contextlib.suppress(discord.NotFound):
            await channel.get_partial_message(message_id).edit(**_kwargs(review_payload(proposal)))


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(ReviewCog(bot))


__all__ = ["ReviewCog", "ReviewComponent", "edit_modal", "new_story_modal", "open_modal", "submitted_values"]
