"""The feed poller in the running bot: nobody calls poll, items still become proposals in the editors'
channel, and a source disabled after repeated failures is told there once.

The real discord.py client runs against the fake Discord; feeds come from the local feed server.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest

from bot.app import build_app
from bot.config import Settings
from bot.discord_app.client import new_bot
from bot.discord_app.feed_notice import notice_text
from bot.feeds.models import SourceRecord
from bot.feeds.settings import FeedConfig, FeedsPolicy
from bot.render import limits
from tests.fake_discord.harness import run_client, test_client_options
from tests.feeds.conftest import feed_server, feed_server_session  # noqa: F401 - fixtures
from tests.feeds.server import FeedServer

HARBOUR = "/harbour.xml"
BROKEN = "/500"
NOTICE = "Feed source disabled"
# Fast enough for a test: a source is polled again within a second or two.
FAST = FeedsPolicy(
    allow_private_addresses=True,
    contact="mailto:editors@newsbrief.example",
    total_timeout_seconds=2,
    min_interval_minutes=0.01,
    default_interval_minutes=0.01,
    max_interval_minutes=0.02,
    backoff_base_minutes=0.005,
    max_failures=2,
)


@pytest.fixture
def configure(feed_server: FeedServer) -> Callable[[Settings, Any], None]:  # noqa: F811
    def apply(settings: Settings, fake: Any) -> None:
        guild = fake.guild
        editors = guild.add_role("Editors")
        channel = guild.add_channel("editors")
        settings.review.channel_id = channel.id
        settings.review.editor_role_ids = [editors.id]
        settings.feeds_policy = FAST
        settings.feeds = [
            FeedConfig(
                url=feed_server.put_fixture(HARBOUR, "outlet-a-before.xml"), publisher="The Harbour Post"
            ),
            # A publisher name that tries to ping and to format, on a URL that always fails.
            FeedConfig(url=feed_server.url(BROKEN), publisher="@everyone **Broken** <@&123> Gazette"),
        ]

    return apply


def _editors(running) -> list[dict[str, Any]]:
    return running.fake.bot_messages(running.app.settings.review.channel_id)


async def _eventually(check: Callable[[], Any], within: float = 15.0) -> None:
    deadline = time.monotonic() + within
    while not await check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_an_item_in_a_feed_becomes_a_proposal_in_the_editors_channel_unprompted(
    running,
    feed_server: FeedServer,  # noqa: F811
) -> None:
    feeds = running.app.services["feeds"]

    async def started() -> bool:
        return bool(feeds.running)

    await _eventually(started, 5)  # by the bot itself, once ready

    async def primed() -> bool:
        return any(s.primed for s in await feeds.list_sources() if s.url.endswith(HARBOUR))

    await _eventually(primed)  # the first fetch only records the items already there
    assert not [m for m in _editors(running) if m.get("embeds")]
    feed_server.put_fixture(HARBOUR, "outlet-a-after.xml")  # an item appears

    async def proposed() -> bool:
        return any(
            m["embeds"][0]["title"].startswith("Russian missile barrage")
            for m in _editors(running)
            if m.get("embeds")
        )

    await _eventually(proposed)
    [message] = [m for m in _editors(running) if m.get("embeds")]
    labels = [c["label"] for row in message["components"] for c in row["components"]]
    assert "Accept" in labels


async def test_a_disabled_source_is_told_once_not_again_after_a_restart(
    running,
    feed_server: FeedServer,  # noqa: F811
) -> None:
    fake = running.fake
    mark = fake.mark()

    async def told() -> bool:
        return any(NOTICE in m["content"] for m in _editors(running))

    await _eventually(told)
    [notice] = [m for m in _editors(running) if NOTICE in m["content"]]
    assert feed_server.url(BROKEN) in notice["content"]
    assert "@everyone" not in notice["content"] and "<@&123>" not in notice["content"]
    assert "\\*\\*Broken\\*\\*" in notice["content"]  # shown, not applied
    [post] = [
        r
        for r in fake.requests_to("POST", "/channels/{channel_id}/messages", since=mark)
        if NOTICE in (r.json or {}).get("content", "")
    ]
    assert post.json["allowed_mentions"]["parse"] == []
    hits = len(feed_server.hits(BROKEN))
    await asyncio.sleep(2.5)  # the poller keeps running; the disabled source is neither polled nor told
    assert len(feed_server.hits(BROKEN)) == hits
    assert [m["content"] for m in _editors(running)].count(notice["content"]) == 1

    settings = running.app.settings
    await running.bot.close()
    again = new_bot(build_app(settings), **test_client_options())
    async with run_client(again, fake):
        feeds = again.app.services["feeds"]

        async def started() -> bool:
            return bool(feeds.running)

        await _eventually(started, 5)
        await asyncio.sleep(2.5)
        assert sum(NOTICE in m["content"] for m in _editors(running)) == 1
        [source] = [s for s in await again.app.services["feeds"].list_sources() if s.url.endswith(BROKEN)]
        assert source.disabled and source.disabled_notified_at is not None


def test_the_notice_fits_discord_whatever_the_feed_says() -> None:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    source = SourceRecord(
        id=1,
        url="https://example.com/" + "a" * 1990,
        publisher="@here " + "_P_ " * 300,
        language=None,
        topics=(),
        origin="cli",
        etag=None,
        last_modified=None,
        interval_seconds=600,
        next_poll_at=now,
        last_polled_at=now,
        last_success_at=None,
        last_error="HTTP 500",
        consecutive_failures=8,
        disabled_reason="8 failures in a row; last: " + "*<@1>* " * 500,
        disabled_at=now,
        disabled_notified_at=None,
        primed=False,
    )
    text = notice_text(source)
    assert len(text) <= limits.CONTENT
    assert "@here" not in text and "<@1>" not in text
    assert "feeds enable" in text


@pytest.mark.parametrize(("shard_ids", "polls"), [([0], True), ([1], False)])
async def test_only_the_process_with_shard_0_polls(shard_ids: list[int], polls: bool, tmp_path) -> None:
    from bot.discord_app.client import NewsBot

    settings = Settings()
    settings.database.url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    settings.discord.shard_count = 2
    settings.discord.shard_ids = shard_ids
    settings.feeds = [FeedConfig(url="https://news.example.org/rss.xml", publisher="Example News")]
    app = build_app(settings)
    bot = NewsBot(app, **test_client_options())
    try:
        await bot._open_feeds()
        assert (bot._feeds is not None) is polls
    finally:
        await app.close()


def _no_sources(settings: Settings, fake: Any) -> None:
    settings.feeds_policy = FAST.model_copy(update={"idle_check_seconds": 0.5})
    settings.feeds = []


@pytest.mark.parametrize("configure", [_no_sources])
async def test_a_source_added_from_another_shell_is_polled_without_a_restart(
    running,
    feed_server: FeedServer,  # noqa: F811
) -> None:
    feeds = running.app.services["feeds"]

    async def started() -> bool:
        return bool(feeds.running)

    await _eventually(started, 5)  # polling although no source exists yet
    # `python -m bot feeds add` in another shell: its own app on the same database.
    shell = build_app(running.app.settings)
    try:
        added = await shell.open_feeds()
        await added.add_source(feed_server.put_fixture(HARBOUR, "outlet-a-before.xml"), "The Harbour Post")
    finally:
        await shell.close()

    async def primed() -> bool:
        return any(s.primed for s in await feeds.list_sources())

    await _eventually(primed, 10)
