"""Sending a core ``Reply`` through discord.py, and the safety net around every interaction."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import discord

from bot.core.replies import Reply
from bot.discord_app.components import view_for
from bot.render.discord_payload import message_payload
from bot.storage.database import is_unavailable

log = logging.getLogger("bot.discord")

NO_PINGS = discord.AllowedMentions.none()
APOLOGY = "Sorry, something went wrong on my side. The error was logged; please try again."
STORE_UNAVAILABLE = "The schedule store is unavailable right now; please try again in a minute or two."
OUT_OF_DATE = (
    "This bot's commands are out of date here (the bot was updated). "
    "Ask the bot's operator to run `python -m bot sync`, then try again."
)
# Discord's codes for an interaction answered too late or twice: routine, nothing to tell anyone.
UNKNOWN_INTERACTION = 10062
ALREADY_ACKNOWLEDGED = 40060


def message_kwargs(reply: Reply) -> dict[str, Any]:
    """discord.py keyword arguments carrying exactly the payload ``render.discord_payload`` builds.

    ``content`` is None when the reply has none: an edit must clear the old text.
    """
    payload = message_payload(reply)
    kwargs: dict[str, Any] = {
        "content": payload["content"] or None,
        "embeds": [discord.Embed.from_dict(e) for e in payload["embeds"]],
        "allowed_mentions": NO_PINGS,
    }
    view = view_for(payload["components"])
    if view is not None:
        kwargs["view"] = view
    return kwargs


def send_kwargs(reply: Reply) -> dict[str, Any]:
    """``message_kwargs`` for a new message: discord.py's send methods refuse ``content=None``."""
    return {k: v for k, v in message_kwargs(reply).items() if v is not None}


async def send_reply(
    interaction: discord.Interaction, reply: Reply, *, ephemeral: bool | None = None
) -> None:
    """Answer an interaction, whether or not it was deferred."""
    kwargs = send_kwargs(reply)
    private = reply.ephemeral if ephemeral is None else ephemeral
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=private, wait=False, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=private, **kwargs)


async def send_in_time(interaction: discord.Interaction, reply: Reply, *, first_try: float = 1.5) -> None:
    """Answer within Discord's 3 s even when the first response attempt fails.

    discord.py retries a 5xx callback after 1 s, then 3 s: past the window, and the answer is lost.
    If the first attempt has not gone through in ``first_try`` seconds, stop it, defer (one small
    request) and send the answer as a follow-up, which may come any time in the next 15 minutes.
    """
    if interaction.response.is_done():
        await send_reply(interaction, reply)
        return
    try:
        async with asyncio.timeout(first_try):
            await send_reply(interaction, reply)
        return
    except TimeoutError:
        log.warning(
            "answering took over %.1fs (Discord failing?): deferring (%s)", first_try, describe(interaction)
        )
    private = reply.ephemeral
    await interaction.response.defer(ephemeral=private, thinking=True)
    await send_reply(interaction, reply, ephemeral=private)


async def edit_reply(interaction: discord.Interaction, reply: Reply) -> None:
    """Replace the message a component sits on (pagination)."""
    kwargs = message_kwargs(reply)
    kwargs.setdefault("view", None)
    if interaction.response.is_done():
        await interaction.edit_original_response(**kwargs)
    else:
        await interaction.response.edit_message(**kwargs)


async def tell(interaction: discord.Interaction, message: str) -> None:
    """A short private message to whoever used the interaction (never raises for Discord errors)."""
    with contextlib.suppress(discord.HTTPException):
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_PINGS)
        else:
            await interaction.response.send_message(message, ephemeral=True, allowed_mentions=NO_PINGS)


def describe(interaction: discord.Interaction) -> str:
    guild = interaction.guild_id or "DM"
    return f"guild={guild} channel={interaction.channel_id} user={interaction.user.id}"


async def report_failure(interaction: discord.Interaction, name: str, error: BaseException) -> None:
    """Log a failed interaction with its context and tell the user what they can do.

    Routine failures are one WARNING line: Discord's "unknown interaction" / "already acknowledged"
    (nothing can be sent any more) and an unreachable database (the user is told to retry).
    Anything else is a bug: an ERROR with its traceback, and an apology.
    """
    if isinstance(error, discord.HTTPException) and error.code in (UNKNOWN_INTERACTION, ALREADY_ACKNOWLEDGED):
        log.warning("command %s: %s (%s)", name, _first_line(error), describe(interaction))
        return
    if is_unavailable(error):
        log.warning(
            "command %s: database unavailable: %s (%s)", name, _first_line(error), describe(interaction)
        )
        await tell(interaction, STORE_UNAVAILABLE)
        return
    log.error("command %s failed (%s)", name, describe(interaction), exc_info=error)
    await tell(interaction, APOLOGY)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"[:300]


@contextlib.asynccontextmanager
async def guarded(interaction: discord.Interaction, name: str) -> AsyncIterator[None]:
    """Log one line per command with latency and outcome; turn any exception into an apology."""
    started = time.perf_counter()
    outcome = "ok"
    try:
        yield
    except Exception as exc:
        outcome = "error"
        await report_failure(interaction, name, exc)
    finally:
        elapsed = (time.perf_counter() - started) * 1000
        log.info("command %s %s in %.1f ms (%s)", name, outcome, elapsed, describe(interaction))
