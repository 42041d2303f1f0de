"""Routine Discord failures are one WARNING line and a useful answer, never a traceback."""

from __future__ import annotations

import logging

import pytest

EPHEMERAL = 64


@pytest.mark.parametrize("code", [10062, 40060])
async def test_an_interaction_answered_too_late_or_twice_is_one_warning(running, caplog, code) -> None:
    fake = running.fake
    caplog.set_level(logging.WARNING, "bot")
    fake.fail_next(
        "POST",
        "/interactions/{id}/{token}/callback",
        status=404 if code == 10062 else 400,
        code=code,
        times=None,
    )
    await fake.slash_command("ask", {"question": "What happened in Gaza?"})
    await fake.wait_until(
        lambda: any(str(code) in r.getMessage() for r in caplog.records if r.name.startswith("bot")),
        5,
        "warning",
    )
    mine = [r for r in caplog.records if r.name.startswith("bot") and str(code) in r.getMessage()]
    assert [r.levelno for r in mine] == [logging.WARNING] and mine[0].exc_info is None


async def test_a_command_discord_knows_but_the_bot_does_not_says_to_sync(running, caplog) -> None:
    fake = running.fake
    handle = await fake.slash_command("retired", {})
    body = await handle.response()
    assert body["data"]["flags"] & EPHEMERAL and "python -m bot sync" in body["data"]["content"]


async def test_ask_defers_when_the_first_response_attempt_keeps_failing(running) -> None:
    fake = running.fake
    # Two 502s: discord.py would retry after 1 s and 3 s, past Discord's 3-second window.
    fake.fail_next("POST", "/interactions/{id}/{token}/callback", status=502, times=2)
    handle = await fake.slash_command("ask", {"question": "rare earth export curbs"})
    body = await handle.response(timeout=5)
    assert body["type"] == 5  # deferred in time
    answer = await handle.followup()
    assert answer["embeds"][0]["title"] == "China's export curbs on rare earths"
