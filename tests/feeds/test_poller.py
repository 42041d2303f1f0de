"""Poll passes against the local feed server: state, safety, and items turned into proposals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.index import StoryIndex
from bot.feeds.models import ProposalKind, SourceRecord
from bot.feeds.service import FeedService
from bot.feeds.settings import FeedsPolicy
from bot.feeds.store import FeedStore
from tests.feeds.server import FeedServer

START = datetime(2025, 10, 12, 9, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Recorder:
    def __init__(self) -> None:
        self.told: list[SourceRecord] = []

    async def source_disabled(self, source: SourceRecord) -> None:
        self.told.append(source)


def _service(
    store: FeedStore, policy: FeedsPolicy, index: StoryIndex, clock: Clock, notifier: Recorder | None = None
) -> FeedService:
    return FeedService(store, policy, lambda: index, clock=clock, notifier=notifier)


async def _by_url(service: FeedService) -> dict[str, SourceRecord]:
    return {s.url: s for s in await service.list_sources()}


async def test_a_failing_source_never_stops_the_others(
    feed_server: FeedServer, feed_store: FeedStore, policy: FeedsPolicy, story_index: StoryIndex
) -> None:
    clock = Clock()
    service = _service(feed_store, policy, story_index, clock)
    bad = ["/hang", "/500", "/429", "/loop/a", "/huge.xml", "/f/page.html", "/f/malformed.xml", "/nothing"]
    for path in bad:
        await service.add_source(feed_server.url(path), f"Outlet {path}")
    good = feed_server.url("/gzip.xml")
    await service.add_source(good, "Lantern Weekly")
    report = await service.poll_once()
    outcomes = {o.url: o.outcome for o in report.outcomes}
    assert outcomes[good] == "ok"
    assert outcomes[feed_server.url("/f/malformed.xml")] == "ok"  # readable despite the damage
    assert all(outcomes[feed_server.url(p)] == "error" for p in bad if p != "/f/malformed.xml")
    sources = await _by_url(service)
    assert sources[good].item_count == 2 and sources[good].consecutive_failures == 0
    assert "not a feed: an HTML page" in (sources[feed_server.url("/f/page.html")].last_error or "")
    assert "timed out" in (sources[feed_server.url("/hang")].last_error or "")


async def test_first_fetch_records_without_proposing_then_new_items_are_proposed(
    feed_server: FeedServer, feed_store: FeedStore, policy: FeedsPolicy, story_index: StoryIndex
) -> None:
    clock = Clock()
    service = _service(feed_store, policy, story_index, clock)
    urls = [
        feed_server.put_fixture("/a.xml", "outlet-a-before.xml"),
        feed_server.put_fixture("/b.xml", "outlet-b-before.xml"),
        feed_server.put_fixture("/c.json", "outlet-c-before.json"),
    ]
    for url, name in zip(urls, ["The Harbour Post", "Lantern Weekly", "Northgate Wire"], strict=True):
        await service.add_source(url, name)
    first = await service.poll_once()
    assert [o.new_items for o in first.outcomes] == [1, 1, 1]
    assert first.new_items == [] and await service.proposals() == []

    feed_server.put_fixture("/a.xml", "outlet-a-after.xml")
    feed_server.put_fixture("/b.xml", "outlet-b-after.xml")
    feed_server.put_fixture("/c.json", "outlet-c-after.json")
    assert (await service.poll_once()).outcomes == []  # nothing is due yet
    clock.advance(days=1)
    second = await service.poll_once()
    assert len(second.new_items) == 6

    proposals = {p.kind: p for p in await service.proposals()}
    assert set(proposals) == {ProposalKind.UPDATE, ProposalKind.NEW_STORY}
    grid = proposals[ProposalKind.UPDATE]
    assert grid.story_id == "ukraine-energy-grid"
    assert set(grid.group.outlets) == {"The Harbour Post", "Lantern Weekly", "Northgate Wire"}
    best = grid.candidates[0]
    assert best.story_id == "ukraine-energy-grid" and "ternopil" in best.matched_words
    storm = proposals[ProposalKind.NEW_STORY]
    assert len(storm.group.members) == 3 and "Elin" in storm.group.headline


async def test_a_late_outlet_joins_the_group_and_the_proposal(
    feed_server: FeedServer, feed_store: FeedStore, policy: FeedsPolicy, story_index: StoryIndex
) -> None:
    clock = Clock()
    service = _service(feed_store, policy, story_index, clock)
    a = feed_server.put_fixture("/a.xml", "outlet-a-before.xml")
    c = feed_server.put_fixture("/c.json", "outlet-c-before.json")
    await service.add_source(a, "The Harbour Post")
    await service.add_source(c, "Northgate Wire")
    await service.poll_once()
    feed_server.put_fixture("/a.xml", "outlet-a-after.xml")
    clock.advance(days=1)
    await service.poll_once()
    (only,) = await service.proposals()  # the storm from one outlet is not a new story yet
    assert only.kind is ProposalKind.UPDATE and only.group.outlets == ("The Harbour Post",)
    feed_server.put_fixture("/c.json", "outlet-c-after.json")
    clock.advance(days=1)
    await service.poll_once()
    proposals = {p.kind: p for p in await service.proposals()}
    assert proposals[ProposalKind.UPDATE].id == only.id  # the same proposal, with one more outlet
    assert set(proposals[ProposalKind.UPDATE].group.outlets) == {"The Harbour Post", "Northgate Wire"}
    assert ProposalKind.NEW_STORY in proposals  # the storm now has two outlets


async def test_validators_come_only_from_a_200_and_304_counts_as_success(
    feed_server: FeedServer, feed_store: FeedStore, policy: FeedsPolicy, story_index: StoryIndex
) -> None:
    clock = Clock()
    service = _service(feed_store, policy, story_index, clock)
    url = feed_server.url("/etag.xml")
    await service.add_source(url, "The Harbour Post")
    await service.poll_once()
    source = (await _by_url(service))[url]
    assert (source.etag, source.last_modified) == ('"v1"', feed_server.last_modified)
    clock.advance(days=1)
    (outcome,) = (await service.poll_once()).outcomes
    assert outcome.outcome == "not_modified"
    assert feed_server.hits("/etag.xml")[-1].headers["If-None-Match"] == '"v1"'
    after = (await _by_url(service))[url]
    assert after.etag == '"v1"' and after.last_success_at == clock.now
    assert after.interval_seconds > source.interval_seconds  # nothing new: poll less often


async def test_retry_after_backoff_and_one_notice_when_disabled(
    feed_server: FeedServer, feed_store: FeedStore, policy: FeedsPolicy, story_index: StoryIndex
) -> None:
    clock = Clock()
    recorder = Recorder()
    service = _service(feed_store, policy, story_index, clock, recorder)
    limited, broken = feed_server.url("/429"), feed_server.url("/500")
    await service.add_source(limited, "Busy Paper")
    await service.add_source(broken, "Broken Paper")
    await service.poll_once()
    sources = await _by_url(service)
    assert sources[limited].next_poll_at == START + timedelta(seconds=7200)  # Retry-After honoured
    assert sources[broken].next_poll_at == START + timedelta(minutes=5)  # first backoff step
    for _ in range(4):
        clock.advance(days=1)
        await service.poll_once()
    sources = await _by_url(service)
    assert sources[broken].health == "disabled"
    assert "3 failures in a row" in (sources[broken].disabled_reason or "")
    assert sorted(s.url for s in recorder.told) == sorted([limited, broken])  # told once each
    clock.advance(days=1)
    assert (await service.poll_once()).outcomes == []  # disabled sources are not polled
    assert await service.enable_source(broken)
    assert (await _by_url(service))[broken].health == "new"
    assert [o.url for o in (await service.poll_once()).outcomes] == [broken]


async def test_a_gone_feed_is_disabled_at_once(
    feed_server: FeedServer, feed_store: FeedStore, policy: FeedsPolicy, story_index: StoryIndex
) -> None:
    recorder = Recorder()
    service = _service(feed_store, policy, story_index, Clock(), recorder)
    await service.add_source(feed_server.url("/410"), "Closed Paper")
    await service.poll_once()
    (source,) = await service.list_sources()
    assert source.disabled and "will not fix itself" in (source.disabled_reason or "")
    assert len(recorder.told) == 1


async def test_backfill_proposes_first_fetch_items_on_purpose(
    feed_server: FeedServer, feed_store: FeedStore, policy: FeedsPolicy, story_index: StoryIndex
) -> None:
    service = _service(feed_store, policy, story_index, Clock())
    url = feed_server.url("/f/feed.json")
    await service.add_source(url, "Northgate Wire")
    await service.poll_once()
    assert await service.proposals() == []
    ids = await service.backfill(url, datetime(2025, 10, 12, tzinfo=UTC))
    proposals = await service.proposals()
    assert len(ids) == len(proposals) == 2
    assert {p.story_id for p in proposals} == {"china-export-curbs", "ukraine-energy-grid"}
    assert await service.backfill(url, datetime(2025, 10, 12, tzinfo=UTC)) == []  # once only


async def test_per_host_concurrency_is_capped(
    feed_server: FeedServer, feed_store: FeedStore, story_index: StoryIndex
) -> None:
    policy = FeedsPolicy(allow_private_addresses=True, per_host_concurrency=2, total_timeout_seconds=5)
    service = _service(feed_store, policy, story_index, Clock())
    for n in range(6):
        await service.add_source(feed_server.url(f"/slow/{n}"), f"Outlet {n}")
    report = await service.poll_once()
    assert [o.outcome for o in report.outcomes] == ["ok"] * 6
    assert feed_server.max_in_flight == 2  # six sources on one host, never more than two at once


async def test_run_polls_until_stopped(
    feed_server: FeedServer, feed_store: FeedStore, policy: FeedsPolicy, story_index: StoryIndex
) -> None:
    import asyncio

    service = FeedService(feed_store, policy, lambda: story_index)
    url = feed_server.url("/f/rss.xml")
    await service.add_source(url, "The Harbour Post")
    stop = asyncio.Event()
    task = asyncio.create_task(service.run(stop))
    for _ in range(100):
        if (await _by_url(service))[url].last_success_at is not None:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, timeout=5)
    assert (await _by_url(service))[url].item_count == 3


async def test_hostile_bodies_cost_their_source_a_failure_at_most(
    feed_server: FeedServer, feed_store: FeedStore, policy: FeedsPolicy, story_index: StoryIndex
) -> None:
    import random

    from tests.feeds.test_parse import BILLION_LAUGHS, EXTERNAL_ENTITY

    rng = random.Random(3)
    bodies = {
        "/bomb.xml": BILLION_LAUGHS,
        "/xxe.xml": EXTERNAL_ENTITY,
        "/noise.xml": bytes(rng.randrange(256) for _ in range(5000)),
        "/deep.json": b'{"version": "https://jsonfeed.org/version/1.1", "items": '
        + b"[" * 50_000
        + b"]" * 50_000
        + b"}",
        "/nul.xml": b"<rss>\x00\x00\x00</rss>",
    }
    service = _service(feed_store, policy, story_index, Clock())
    for path, body in bodies.items():
        await service.add_source(feed_server.put(path, body), path)
    good = feed_server.url("/f/rss.xml")
    await service.add_source(good, "The Harbour Post")
    report = await service.poll_once()
    outcomes = {o.url: o.outcome for o in report.outcomes}
    assert len(outcomes) == len(bodies) + 1 and outcomes[good] == "ok"
    assert set(outcomes.values()) <= {"ok", "error"}
