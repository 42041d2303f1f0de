"""The guarded GET against the local feed server: every way a server can misbehave."""

import time

import pytest

from bot.feeds.fetch import Fetcher
from bot.feeds.parse import parse_feed
from bot.feeds.settings import FeedsPolicy
from tests.feeds.server import FeedServer


async def _get(policy: FeedsPolicy, url: str, **kwargs: str):
    async with Fetcher(policy) as fetcher:
        return await fetcher.fetch(url, **kwargs)


async def test_ok_returns_body_validators_and_sends_user_agent(
    feed_server: FeedServer, policy: FeedsPolicy
) -> None:
    result = await _get(policy, feed_server.url("/etag.xml"))
    assert (result.outcome, result.status, result.etag) == ("ok", 200, '"v1"')
    assert result.last_modified == feed_server.last_modified
    assert parse_feed(result.body).items
    agent = feed_server.hits("/etag.xml")[0].headers["User-Agent"]
    assert "newsbrief-bot" in agent and "mailto:editors@newsbrief.example" in agent


async def test_conditional_get_gets_304(feed_server: FeedServer, policy: FeedsPolicy) -> None:
    result = await _get(policy, feed_server.url("/etag.xml"), etag='"v1"', last_modified="x")
    assert (result.outcome, result.status, result.body) == ("not_modified", 304, b"")
    sent = feed_server.hits("/etag.xml")[0].headers
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == "x"


async def test_gzip_body_is_decompressed(feed_server: FeedServer, policy: FeedsPolicy) -> None:
    result = await _get(policy, feed_server.url("/gzip.xml"))
    assert result.outcome == "ok"
    assert parse_feed(result.body).kind == "atom"


@pytest.mark.parametrize("path", ["/huge.xml", "/huge-declared.xml"])
async def test_20_mb_body_is_cut_at_the_cap(feed_server: FeedServer, policy: FeedsPolicy, path: str) -> None:
    result = await _get(policy, feed_server.url(path))
    assert result.outcome == "error" and "larger than 2,000,000 bytes" in (result.error or "")
    assert result.body == b""


async def test_redirect_loop_stops_at_the_limit(feed_server: FeedServer, policy: FeedsPolicy) -> None:
    result = await _get(policy, feed_server.url("/loop/a"))
    assert result.outcome == "error" and "more than 5 redirects" in (result.error or "")
    assert len(feed_server.hits("/loop/a")) + len(feed_server.hits("/loop/b")) == 6


async def test_one_redirect_is_followed(feed_server: FeedServer, policy: FeedsPolicy) -> None:
    result = await _get(policy, feed_server.url("/redirect-once"))
    assert result.outcome == "ok" and result.final_url == feed_server.url("/f/rss.xml")


async def test_redirect_to_another_scheme_is_refused(feed_server: FeedServer, policy: FeedsPolicy) -> None:
    result = await _get(policy, feed_server.url("/ftp-redirect"))
    assert result.outcome == "error" and result.permanent and "only http and https" in (result.error or "")


@pytest.mark.parametrize(
    ("path", "status", "permanent"),
    [("/500", 500, False), ("/410", 410, True), ("/nothing-here", 404, False)],
)
async def test_http_errors(
    feed_server: FeedServer, policy: FeedsPolicy, path: str, status: int, permanent: bool
) -> None:
    result = await _get(policy, feed_server.url(path))
    assert (result.outcome, result.status, result.permanent) == ("error", status, permanent)


async def test_429_carries_retry_after(feed_server: FeedServer, policy: FeedsPolicy) -> None:
    result = await _get(policy, feed_server.url("/429"))
    assert (result.outcome, result.status, result.retry_after) == ("error", 429, "7200")


async def test_a_server_that_never_answers_times_out(feed_server: FeedServer, policy: FeedsPolicy) -> None:
    started = time.monotonic()
    result = await _get(policy, feed_server.url("/hang"))
    assert result.outcome == "error" and "timed out" in (result.error or "").lower()
    assert time.monotonic() - started < 10  # bounded by the policy's 1.5 s, with slack for a busy CI


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
async def test_loopback_is_refused_unless_allowed(feed_server: FeedServer, host: str) -> None:
    strict = FeedsPolicy(connect_timeout_seconds=1, total_timeout_seconds=2)
    result = await _get(strict, f"http://{host}:{feed_server.port}/f/rss.xml")
    assert result.outcome == "error" and result.permanent
    assert "loopback" in (result.error or "")
    assert feed_server.hits("/f/rss.xml") == []  # the request never left


async def test_non_http_urls_are_refused(policy: FeedsPolicy) -> None:
    result = await _get(policy, "file:///etc/passwd")
    assert result.outcome == "error" and result.permanent
