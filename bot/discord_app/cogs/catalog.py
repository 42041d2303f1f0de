"""Reloading story files while the bot runs."""

from __future__ import annotations

import asyncio
import logging

from discord.ext import commands, tasks

from bot.discord_app.client import NewsBot

log = logging.getLogger("bot.discord")


class Catalog(commands.Cog):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        seconds = bot.settings.bot.reload_seconds
        if seconds > 0:
            self.watch.change_interval(seconds=seconds)
            self.watch.start()

    async def cog_unload(self) -> None:
        self.watch.cancel()

    @tasks.loop(seconds=5)
    async def watch(self) -> None:
        try:
            # Parsing happens off the event loop; the library swaps in the new index atomically.
            await asyncio.to_thread(self.bot.desk.library.reload)
        except Exception:
            log.exception("reloading stories failed; the previous catalog stays in use")


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Catalog(bot))
