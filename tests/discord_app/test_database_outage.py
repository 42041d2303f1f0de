"""The bot without its database: questions answered, a plain "unavailable", and briefs once it is back."""

from __future__ import annotations

import logging
import shutil
from collections.abc import AsyncIterator

import pytest

from bot.app import build_app
from bot.config import Settings
from bot.discord_app.client import new_bot
from tests.discord_app.conftest import REPO_BRIEFS, Running
from tests.fake_discord.harness import run_client, test_client_options
from tests.fake_discord.plugin import discord_error_logs, fake_discord  # noqa: F401

UNREACHABLE = "postgresql+asyncpg://nobody@127.0.0.1:9/none"  # the discard port: connection refused


@pytest.fixture
async def offline(fake_discord, discord_error_logs, tmp_path) -> AsyncIterator[Running]:  # noqa: F811
    briefs = tmp_path / "briefs"
    shutil.copytree(REPO_BRIEFS, briefs)
    settings = Settings()
    settings.bot.briefs_dir = briefs
    settings.bot.reload_seconds = 0
    settings.discord.dev_guild_id = fake_discord.guild.id
    settings.database.url = UNREACHABLE
    bot = new_bot(build_app(settings), **test_client_options())
    bot.reconnect_first_delay = bot.reconnect_max_delay = 0.1
    async with run_client(bot, fake_discord):
        yield Running(bot, fake_discord, briefs)


async def test_without_the_database_questions_work_and_schedules_say_unavailable(
    offline: Running, caplog: pytest.LogCaptureFixture, tmp_path
) -> None:
    fake = offline.fake
    caplog.set_level(logging.INFO, "bot")
    started = caplog.get_records("setup")
    assert [r.levelno for r in started if "database is unreachable" in r.getMessage()] == [logging.WARNING]
    assert not any(r.exc_info for r in started if r.name.startswith("bot"))  # one line, no traceback
    handle = await fake.slash_command("schedule", {}, subcommand="show", user=fake.admin)
    assert "unavailable" in (await handle.response())["data"]["content"]
    handle = await fake.slash_command("brief", {})
    await handle.response()
    message = await handle.followup()
    assert "Daily brief" in message["content"]
    assert "in the last day" in message["embeds"][0]["description"]  # no delivery log: says so

    # The database comes back: the bot finds it on its own and daily briefs start.
    offline.app.settings.database.url = f"sqlite+aiosqlite:///{tmp_path / 'back.sqlite3'}"
    await fake.wait_until(
        lambda: offline.app.schedules is not None and offline.app.schedules.engine.running, 10, "reconnect"
    )
    handle = await fake.slash_command("schedule", {}, subcommand="show", user=fake.admin)
    assert "unavailable" not in (await handle.response())["data"]["content"]
    assert any("reachable again" in r.getMessage() for r in caplog.records)
