"""Starting the Discord bot and syncing its commands from the command line."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
import discord

from bot.app import build_app
from bot.config import Settings
from bot.discord_app.client import NewsBot, new_bot, stop_on_signals
from bot.discord_app.endpoints import current_endpoints, point_discord_at

log = logging.getLogger("bot.discord")


def build_bot(settings: Settings, **options: Any) -> NewsBot:
    """The bot for these settings, wired by the composition root."""
    point_discord_at(settings.discord.api_base, settings.discord.gateway_url)
    return new_bot(build_app(settings), **options)


def run_discord(settings: Settings) -> int:
    async def main() -> int:
        bot = build_bot(settings)
        await stop_on_signals(bot)
        try:
            async with bot:
                await bot.start(settings.token or "")
        except discord.LoginFailure:
            log.error("Discord rejected the token (check DISCORD_TOKEN)")
            return 1
        except (aiohttp.ClientError, OSError) as exc:
            # The token is never part of this message: only the address we tried.
            log.error("cannot reach Discord at %s: %s", current_endpoints()[0], type(exc).__name__)
            return 1
        return 0

    try:
        return asyncio.run(main())
    except KeyboardInterrupt:
        return 0


def sync_commands(settings: Settings, guild_id: int | None) -> int:
    """Register the slash commands: to one guild (instant), or globally (can take up to an hour)."""

    async def main() -> int:
        bot = build_bot(settings)
        async with bot:
            try:
                await bot.login(settings.token or "")
                if guild_id:
                    guild = discord.Object(id=guild_id)
                    bot.tree.copy_global_to(guild=guild)
                    synced = await bot.tree.sync(guild=guild)
                    print(f"synced {len(synced)} commands to guild {guild_id}")
                else:
                    synced = await bot.tree.sync()
                    print(f"synced {len(synced)} commands globally (Discord may take a while to show them)")
            except discord.LoginFailure:
                log.error("Discord rejected the token (check DISCORD_TOKEN)")
                return 1
            except (aiohttp.ClientError, OSError, discord.HTTPException) as exc:
                # One line, like ``run``: an unreachable Discord is not a bug in the bot.
                log.error("could not sync the commands: %s", str(exc).strip().splitlines()[0][:300])
                return 1
        return 0

    return asyncio.run(main())
