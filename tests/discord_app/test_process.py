"""`python -m bot` as a real process against the fake Discord: starts, answers, stops on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.fake_discord import FakeDiscord
from tests.feeds.conftest import feed_server, feed_server_session  # noqa: F401 - fixtures

REPO = Path(__file__).resolve().parents[2]


async def _start_bot(fake: FakeDiscord, folder: Path, *args: str) -> asyncio.subprocess.Process:
    """``python -m bot [args]`` in ``folder`` against the fake Discord, on a SQLite file there."""
    env = {
        **os.environ,
        "DISCORD_TOKEN": fake.token,
        "DISCORD_API_BASE": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'bot.sqlite3'}",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


async def test_bot_process_answers_and_shuts_down_cleanly_on_sigterm(tmp_path):
    async with FakeDiscord() as fake:
        process = await _start_bot(fake, tmp_path)
        try:
            await fake.wait_for_session(timeout=20)
            handle = await fake.slash_command("ask", {"question": "rare earth export curbs"})
            body = await handle.response(timeout=10)
            assert body["data"]["embeds"][0]["title"] == "China's export curbs on rare earths"
            process.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(process.communicate(), timeout=20)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    log = output.decode()
    assert process.returncode == 0, log[-2000:]
    assert "shutting down" in log
    assert fake.token not in log  # the token never reaches the logs


async def test_bot_process_polls_its_feeds_and_still_stops_cleanly_on_sigterm(tmp_path, feed_server):  # noqa: F811
    url = feed_server.put_fixture("/harbour.xml", "outlet-a-before.xml")
    (tmp_path / "config.toml").write_text(
        f"""
[bot]
briefs_dir = "{REPO / "briefs"}"

[feeds_policy]
allow_private_addresses = true
total_timeout_seconds = 2

[[feeds]]
url = "{url}"
publisher = "The Harbour Post"
""",
        encoding="utf-8",
    )
    async with FakeDiscord() as fake:
        process = await _start_bot(fake, tmp_path, "run")
        try:
            await fake.wait_for_session(timeout=20)
            deadline = asyncio.get_running_loop().time() + 20
            while not feed_server.hits("/harbour.xml"):  # polled without anyone asking
                assert asyncio.get_running_loop().time() < deadline, "the feed was never polled"
                await asyncio.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(process.communicate(), timeout=20)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    log = output.decode()
    assert process.returncode == 0, log[-2000:]
    assert "polling the news feeds in the background" in log and "shutting down" in log
    assert "Traceback" not in log and "did not stop" not in log
