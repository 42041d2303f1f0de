"""Telling the editors' channel that a feed source was disabled: the Discord ``SourceNotifier``.

The poller calls it once per disabling (storage records the telling first, so a restart does not
repeat it). Everything in the message that came from a feed or its server is escaped, nothing can
ping, and the message fits Discord's 2,000 characters.
"""

from __future__ import annotations

import dataclasses
import logging

import discord

from bot.discord_app.respond import NO_PINGS
from bot.feeds.models import SourceRecord
from bot.feeds.notify import disabled_notice
from bot.render import limits
from bot.services.rate_budget import RateBudget, paced

log = logging.getLogger("bot.discord.feeds")

# Room for each feed-supplied field before escaping (escaping can double a field's length).
_FIELD_CHARS = 300


def notice_text(source: SourceRecord) -> str:
    """The message: the feed's publisher and error escaped, the URL shown as a link without a
    preview, the whole within Discord's limit."""
    url = "".join(source.url.split())[:_FIELD_CHARS].replace(">", "%3E")
    escaped = dataclasses.replace(
        source,
        publisher=_escape(source.publisher),
        url=f"<{url}>",
        disabled_reason=_escape(source.disabled_reason or "repeated failures"),
    )
    text = "⚠️ " + disabled_notice(escaped, field_chars=2 * _FIELD_CHARS + 2)
    return text[: limits.CONTENT]


def _escape(text: str) -> str:
    """Markdown shown as typed; every ``@`` broken by a zero-width space, so no mention syntax
    (``@everyone``, ``<@123>``, ``<@&123>``) survives even where pings are allowed."""
    text = " ".join(text.split())[:_FIELD_CHARS]
    return discord.utils.escape_markdown(text).replace("@", "@\u200b")


class DiscordSourceNotifier:
    """Posts to the editors' channel (``[review] channel_id``); logs when there is none."""

    def __init__(self, client: discord.Client, channel_id: int | None, budget: RateBudget | None = None):
        self.client = client
        self.channel_id = channel_id
        self.budget = budget

    async def source_disabled(self, source: SourceRecord) -> None:
        text = notice_text(source)
        if self.channel_id is None:
            log.warning("%s (no [review] channel_id to tell)", text)
            return
        channel = self.client.get_channel(self.channel_id)
        if channel is None:
            channel = await self.client.fetch_channel(self.channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            log.warning("%s (the editors' channel %s is not a text channel)", text, self.channel_id)
            return
        with paced(self.budget):  # waits for a send slot as the request goes out (see rate_budget)
            await channel.send(text, allowed_mentions=NO_PINGS)
