"""The follow-up modal is stateless: submitted after a restart, or by two people at once, it answers."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.app import build_app
from bot.config import Settings
from bot.discord_app.client import new_bot
from tests.discord_app.conftest import REPO_BRIEFS
from tests.fake_discord.harness import run_client, test_client_options
from tests.fake_discord.plugin import discord_error_logs, fake_discord  # noqa: F401

EPHEMERAL = 64
OPENER = "nb:followup:china-export-curbs"


def _settings(tmp_path: Path, guild_id: int) -> Settings:
    briefs = tmp_path / "briefs"
    if not briefs.exists():
        shutil.copytree(REPO_BRIEFS, briefs)
    settings = Settings()
    settings.bot.briefs_dir = briefs
    settings.bot.reload_seconds = 0
    settings.discord.dev_guild_id = guild_id
    settings.database.url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    return settings


async def _open_modal(fake, user=None):
    handle = await fake.slash_command("ask", {"question": "rare earth export restrictions"}, user=user)
    await handle.response()
    opener = await fake.click(handle.original_message, OPENER, user=user)
    return await opener.modal()


def _question_box(modal: dict) -> str:
    return modal["components"][0]["components"][0]["custom_id"]


async def test_a_follow_up_modal_submitted_after_a_restart_is_answered(
    fake_discord,  # noqa: F811
    discord_error_logs,  # noqa: F811
    tmp_path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = fake_discord
    caplog.set_level(logging.INFO, "bot")
    async with run_client(
        new_bot(build_app(_settings(tmp_path, fake.guild.id)), **test_client_options()), fake
    ):
        modal = await _open_modal(fake)
    # The bot restarts while the user is typing: a new process knows nothing of the modal it opened.
    async with run_client(
        new_bot(build_app(_settings(tmp_path, fake.guild.id)), **test_client_options()), fake
    ):
        submitted = await fake.submit_modal(
            modal["custom_id"], {_question_box(modal): "which industries rely on them?"}
        )
        body = await submitted.response()
    answer = body["data"]
    assert answer["embeds"][0]["title"] == "China's export curbs on rare earths"
    assert "semiconductors" in answer["embeds"][0]["description"]
    assert any("follow-up modal submitted" in r.getMessage() for r in caplog.records)


async def test_two_people_with_the_same_modal_open_both_get_answers(running) -> None:
    fake = running.fake
    other = fake.admin  # a second member of the server
    first = await _open_modal(fake)
    second = await _open_modal(fake, user=other)
    assert first["custom_id"] == second["custom_id"]  # the same story: the same id
    # The second person submits first; the first person's modal must still work afterwards.
    one = await fake.submit_modal(
        second["custom_id"], {_question_box(second): "who depends on them?"}, user=other
    )
    assert "China" in (await one.response())["data"]["embeds"][0]["title"]
    two = await fake.submit_modal(
        first["custom_id"], {_question_box(first): "which industries rely on them?"}
    )
    assert "semiconductors" in (await two.response())["data"]["embeds"][0]["description"]


async def test_an_unreadable_follow_up_modal_gets_a_clear_ephemeral_answer(
    running, caplog: pytest.LogCaptureFixture
) -> None:
    fake = running.fake
    caplog.set_level(logging.INFO, "bot")
    submitted = await fake.submit_modal("nb:modal:Not A Story!", {"question": "anything?"})
    data = (await submitted.response())["data"]
    assert data["flags"] & EPHEMERAL
    assert "Ask a follow-up" in data["content"] and "again" in data["content"]
    assert any("could not be read" in r.getMessage() for r in caplog.records)
