"""The Discord bot object: its lifecycle only. Commands and component handlers live in the cogs."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Hashable
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import App
from bot.discord_app.feed_notice import DiscordSourceNotifier
from bot.discord_app.poster import DiscordPoster
from bot.discord_app.respond import NO_PINGS, OUT_OF_DATE, describe, report_failure, tell
from bot.feeds.service import FeedService
from bot.services.rate_budget import pacing_trace
from bot.storage.database import is_unavailable

log = logging.getLogger("bot.discord")
# How long the gateway's close may take before the process exits anyway.
DISCORD_CLOSE_SECONDS = 3

EXTENSIONS = (
    "bot.discord_app.cogs.news",
    "bot.discord_app.cogs.stories",
    "bot.discord_app.cogs.followups",
    "bot.discord_app.cogs.schedule",
    "bot.discord_app.cogs.review",
)


def conversation_key(user_id: int, channel_id: int | None) -> Hashable:
    """Conversations are per user and per channel (or thread)."""
    return ("discord", user_id, channel_id)


class NewsTree(app_commands.CommandTree[Any]):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if isinstance(error, app_commands.CheckFailure):
            await tell(interaction, str(error) or "You can't use this command here.")
            return
        if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
            # Discord's command list is older (or newer) than this code: routine after an update.
            log.warning("command out of date: %s (%s)", error, describe(interaction))
            await tell(interaction, OUT_OF_DATE)
            return
        name = interaction.command.qualified_name if interaction.command else "unknown command"
        await report_failure(interaction, name, getattr(error, "original", error))


# Seconds between discord.py's sweeps of idle rate-limit buckets (see _throttle_bucket_sweeps).
BUCKET_SWEEP_SECONDS = 30.0


def _throttle_bucket_sweeps(http: Any, every: float = BUCKET_SWEEP_SECONDS) -> None:
    """Let discord.py sweep its idle rate-limit buckets at most once every ``every`` seconds.

    discord.py keeps a bucket per channel route and, past 256 of them, walks them all each time it
    creates one. A daily-brief fan-out creates one per channel, so the walks add up to O(channels²):
    at 10,000 channels ~50 million bucket checks, a minute of CPU. Throttled, the sweep still runs
    and still removes only buckets that have been idle (expired), so nothing else changes.
    """
    sweep = getattr(http, "_try_clear_expired_ratelimits", None)
    if sweep is None:  # another discord.py: leave it alone
        return
    last = -every

    def throttled() -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= every:
            last = now
            sweep()

    http._try_clear_expired_ratelimits = throttled


class NewsBot(commands.Bot):
    """The production bot object, built from the app (see :mod:`bot.app`); tests run it unchanged
    against a fake Discord."""

    def __init__(self, app: App, **options: Any) -> None:
        # No privileged intents: mentions of the bot and replies to it still carry their content.
        options.setdefault("intents", discord.Intents.default())
        options["allowed_mentions"] = NO_PINGS
        # Paced posts (briefs, feed notices) wait for their slot of the rate budget as they go out.
        options["http_trace"] = pacing_trace(options.get("http_trace"))
        super().__init__(
            command_prefix=commands.when_mentioned, tree_cls=NewsTree, help_command=None, **options
        )
        self.app = app
        _throttle_bucket_sweeps(self.http)
        self.extra_extensions: list[str] = []
        self._schedules_started = False
        self._feeds: FeedService | None = None  # the feeds to poll, decided when the database opens
        self._db_reconnect: asyncio.Task[None] | None = None

    # Seconds between attempts to reach the database after a failed start: doubling, capped so a
    # database that comes back is found within a minute.
    reconnect_first_delay = 1.0
    reconnect_max_delay = 60.0

    async def setup_hook(self) -> None:
        if not await self._open_schedules(first=True):
            # Questions still work without a database; schedule commands say it's unavailable.
            self._db_reconnect = asyncio.get_running_loop().create_task(self._reconnect_schedules())
        for extension in (*EXTENSIONS, *self.extra_extensions):
            await self.load_extension(extension)
        self.app.watch_catalog()  # the library logs each reloaded file and each problem
        guild_id = self.app.settings.discord.dev_guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to development guild %s", len(synced), guild_id)

    async def on_message(self, message: discord.Message) -> None:
        # No prefix commands: a mention is a question (see cogs/followups.py), not a command name.
        return

    async def _open_schedules(self, *, first: bool = False) -> bool:
        try:
            await self.app.open_schedules(DiscordPoster(self, self.app.rate_budget))
            await self._open_feeds()
        except Exception as exc:
            if is_unavailable(exc):
                if first:
                    log.warning(
                        "the database is unreachable (%s); answering questions without it, daily briefs "
                        "start once it is back (retrying)",
                        str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__,
                    )
            elif first:
                log.exception("could not open the database; retrying, daily briefs are off meanwhile")
            return False
        return True

    async def _reconnect_schedules(self) -> None:
        """Retry the database with backoff until it answers, then schedule as if it always had."""
        delay = self.reconnect_first_delay
        while not self.is_closed():
            await asyncio.sleep(delay)
            if await self._open_schedules():
                log.info("the database is reachable again: daily briefs are on")
                if self.is_ready():
                    await self._start_schedules()
                return
            delay = min(delay * 2, self.reconnect_max_delay)

    async def _start_schedules(self) -> None:
        schedules = self.app.schedules
        if schedules is None:
            return
        if not self._schedules_started:
            self._schedules_started = True
            # The start-up catch-up posts briefs missed meanwhile within the grace window, as late.
            await schedules.start()
        await self._start_feeds()

    async def _open_feeds(self) -> None:
        """Decide, as the database opens (before any interaction is handled), whether there are feed
        sources to poll; a disabled source is told to the editors' channel, new proposals are
        posted there at once."""
        shard_ids = self.app.settings.discord.shard_ids
        if shard_ids and 0 not in shard_ids:
            # One process of a deployment polls, so each feed is fetched once: the one with shard 0.
            log.info("news feeds are polled by the process running shard 0, not this one")
            return
        try:
            self._feeds = await self.app.open_feeds(
                DiscordSourceNotifier(self, self.app.settings.review.channel_id, self.app.rate_budget),
                on_proposals=lambda ids: self.dispatch("feed_proposals", ids),
            )
        except Exception:
            log.exception("could not open the news feeds; they are not polled")

    async def _start_feeds(self) -> None:
        if self._feeds is not None and not self._feeds.running:
            await self._feeds.start()
            log.info("polling the news feeds in the background")

    async def on_ready(self) -> None:
        log.info("ready as %s in %d guilds", self.user, len(self.guilds))
        # Started once the guild cache is filled, so catch-up posts can check permissions.
        await self._start_schedules()

    async def close(self) -> None:
        log.info("shutting down")
        if self._db_reconnect is not None:
            self._db_reconnect.cancel()
        await self.app.close()
        try:
            # The gateway's close handshake can hang on an unhealthy connection; shutdown stays
            # within its 10 s whatever Discord does.
            async with asyncio.timeout(DISCORD_CLOSE_SECONDS):
                await super().close()
        except TimeoutError:
            log.warning("Discord did not finish closing in %d s; exiting anyway", DISCORD_CLOSE_SECONDS)
            await self.http.close()


class ShardedNewsBot(NewsBot, commands.AutoShardedBot):
    """The same bot running several shards (``[discord] shard_ids`` of ``shard_count``) in one process."""


def new_bot(app: App, **options: Any) -> NewsBot:
    """A bot for this process's shards: one connection normally, the configured shards otherwise."""
    shards = app.settings.discord
    if shards.shard_count > 1:
        options.setdefault("shard_count", shards.shard_count)
        options.setdefault("shard_ids", shards.shard_ids or list(range(shards.shard_count)))
        return ShardedNewsBot(app, **options)
    return NewsBot(app, **options)


async def stop_on_signals(bot: NewsBot) -> None:
    """Close cleanly on SIGINT/SIGTERM so sessions and the database are released."""
    import signal

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
