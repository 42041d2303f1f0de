"""A running NewsBot against the fake Discord, for end-to-end tests."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, build_app
from bot.config import Settings
from bot.discord_app.client import NewsBot, new_bot
from tests.fake_discord.harness import run_client, test_client_options
from tests.fake_discord.plugin import discord_error_logs, fake_discord  # noqa: F401

REPO_BRIEFS = Path(__file__).resolve().parents[2] / "briefs"


@dataclass
class Running:
    bot: NewsBot
    fake: object
    briefs: Path

    @property
    def app(self) -> App:
        return self.bot.app


@pytest.fixture
def configure() -> Callable[[Settings, Any], None]:
    """Override in a test module to adjust the settings (and the fake's world) before the bot starts."""
    return lambda settings, fake: None


@pytest.fixture
async def running(fake_discord, discord_error_logs, tmp_path, configure) -> AsyncIterator[Running]:  # noqa: F811
    briefs = tmp_path / "briefs"
    shutil.copytree(REPO_BRIEFS, briefs)
    settings = Settings()
    settings.bot.briefs_dir = briefs
    settings.bot.reload_seconds = 0  # tests reload explicitly
    settings.discord.dev_guild_id = fake_discord.guild.id
    settings.database.url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    configure(settings, fake_discord)
    bot = new_bot(build_app(settings), **test_client_options())  # the production wiring
    async with run_client(bot, fake_discord):
        yield Running(bot, fake_discord, briefs)
