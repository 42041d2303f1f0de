"""The feeds service: what every front end (CLI, console, the running bot) calls.

It ties storage, the poller, grouping and matching together; it knows no front end. The story
index comes from a callable so the service always matches against the catalog as it is now (the
running bot reloads stories; the CLI loads them once).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.core.index import StoryIndex
from bot.feeds.fetch import Fetcher
from bot.feeds.grouping import Grouper, Incoming
from bot.feeds.identity import canonical_link
from bot.feeds.matching import match_group
from bot.feeds.models import ParsedFeed, ProposalRecord, ProposalStatus, SourceRecord
from bot.feeds.notify import SourceNotifier
from bot.feeds.parse import FeedParseError, parse_feed
from bot.feeds.poller import Poller, PollReport
from bot.feeds.settings import FeedConfig, FeedsPolicy, validate_feed_url
from bot.feeds.store import FeedStore, StoredItem

__all__ = ["CheckReport", "FeedService"]

log = logging.getLogger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class CheckReport:
    url: str
    ok: bool
    detail: str  # what went wrong, or "RSS feed 'Title' with 12 items"
    feed: ParsedFeed | None = None


# A poll pass in flight is given this long to finish when the bot shuts down.
_CLOSE_TIMEOUT_SECONDS = 5.0


class FeedService:
    def __init__(
        self,
        store: FeedStore,
        policy: FeedsPolicy,
        index: Callable[[], StoryIndex],
        *,
        notifier: SourceNotifier | None = None,
        on_proposals: Callable[[list[int]], None] | None = None,
        clock: Callable[[], datetime] = _utc_now,
        owns_database: bool = False,
    ) -> None:
        self.store = store
        # Told the ids of new open proposals after each background pass that made some (the running
        # bot posts them to the editors' channel at once instead of at its next look).
        self.on_proposals = on_proposals
        self._owns_database = owns_database
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.policy = policy
        self._index = index
        self.clock = clock
        self.poller = Poller(store, policy, notifier=notifier, clock=clock)
        # Grouping reads recent groups and writes new ones: two ingests at once would split an event.
        self._ingest_lock = asyncio.Lock()

    # ------------------------------------------------------------------------------------ sources

    async def add_source(
        self,
        url: str,
        publisher: str,
        *,
        language: str | None = None,
        topics: Sequence[str] = (),
        origin: str = "cli",
    ) -> tuple[SourceRecord, bool]:
        url = validate_feed_url(url)
        interval = int(self.policy.default_interval_minutes * 60)
        return await self.store.upsert_source(
            url,
            publisher.strip(),
            now=self.clock(),
            interval_seconds=interval,
            language=language,
            topics=topics,
            origin=origin,
        )

    async def sync_config(self, feeds: Sequence[FeedConfig]) -> int:
        """Make sure every ``[[feeds]]`` source is stored (their state is kept); returns how many were new."""
        created = 0
        for feed in feeds:
            _, new = await self.add_source(
                feed.url, feed.publisher, language=feed.language, topics=feed.topics, origin="config"
            )
            created += new
        return created

    async def list_sources(self) -> list[SourceRecord]:
        return await self.store.list_sources()

    async def remove_source(self, url: str) -> bool:
        return await self.store.remove_source(url.strip())

    async def enable_source(self, url: str) -> bool:
        return await self.store.enable_source(url.strip(), self.clock())

    async def check_source(self, url: str) -> CheckReport:
        """Fetch and parse once without storing anything: is this URL a feed we can read?"""
        try:
            url = validate_feed_url(url)
        except ValueError as exc:
            return CheckReport(url, False, str(exc))
        async with Fetcher(self.policy) as fetcher:
            result = await fetcher.fetch(url)
        if result.outcome != "ok":
            return CheckReport(url, False, result.error or result.outcome)
        try:
            feed = await asyncio.to_thread(parse_feed, result.body, result.content_type)
        except FeedParseError as exc:
            return CheckReport(url, False, f"not a feed: {exc}")
        title = f" {feed.title!r}" if feed.title else ""
        warnings = f" ({'; '.join(feed.warnings)})" if feed.warnings else ""
        return CheckReport(
            url, True, f"{feed.kind.upper()} feed{title} with {len(feed.items)} items{warnings}", feed
        )

    # ---------------------------------------------------------------------------------- polling

    async def poll_once(self, fetcher: Fetcher | None = None, *, everything: bool = False) -> PollReport:
        """One pass: fetch every due source (``everything``: every enabled one), store new items,
        group and match them into proposals."""
        report = await self.poller.poll_once(fetcher, everything=everything)
        if report.new_items:
            report.proposals = await self.ingest(report.new_items)
        return report

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until ``stop`` is set (for the running bot: start it as a task, set ``stop`` to end)."""
        async with Fetcher(self.policy) as fetcher:
            while not stop.is_set():
                try:
                    report = await self.poll_once(fetcher)
                    if report.outcomes:
                        log.info("%s; %d proposal(s)", report.summary(), len(report.proposals))
                    if report.proposals and self.on_proposals is not None:
                        self.on_proposals(list(report.proposals))
                except Exception:  # storage down for a moment: keep the loop alive, try again later
                    log.exception("feed poll pass failed")
                wait = await self.poller.seconds_until_due(self.policy.idle_check_seconds)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=max(wait, 1.0))

    @property
    def running(self) -> bool:
        """Polling in the background (``start`` was called and ``close`` not yet)."""
        return self._task is not None and not self._task.done()

    def set_notifier(self, notifier: SourceNotifier) -> None:
        """Who is told when a source is disabled (a front end's, once it can deliver)."""
        self.poller.notifier = notifier

    async def start(self) -> None:
        """Poll in the background (the running bot) until ``close``."""
        if self._task is None:
            self._stop.clear()
            self._task = asyncio.create_task(self.run(self._stop), name="feed-poller")

    async def close(self) -> None:
        if self._task is not None:
            self._stop.set()
            task, self._task = self._task, None
            try:
                await asyncio.wait_for(task, timeout=_CLOSE_TIMEOUT_SECONDS)
            except TimeoutError:
                log.warning("the feed poller did not stop within %s s; cancelled", _CLOSE_TIMEOUT_SECONDS)
        if self._owns_database:
            await self.store.close()

    async def backfill(self, url: str, since: datetime) -> list[int]:
        """Propose on purpose the items a source's first fetch only recorded, published since ``since``."""
        source = await self.store.get_source(url.strip())
        if source is None:
            raise LookupError(f"no feed source {url!r}; add it first")
        items = await self.store.baseline_items(source.id, since)
        return await self.ingest(items) if items else []

    # ------------------------------------------------------------------------ items -> proposals

    async def ingest(self, items: Sequence[StoredItem]) -> list[int]:
        """Group new items with recent ones and match every touched group; return open proposal ids."""
        async with self._ingest_lock:
            now = self.clock()
            window = timedelta(hours=self.policy.group_window_hours)
            grouper = Grouper(window)
            # Groups are kept by when they last received an item; one that did within two windows
            # may still hold reports published within one window of these (feeds publish late).
            for group_id, member in await self.store.recent_group_members(now - 2 * window):
                grouper.add_existing(
                    group_id,
                    member.title,
                    member.snippet,
                    member.published,
                    canonical_link(member.link),
                    member.publisher,
                )
            ordered = sorted(items, key=lambda i: (i.published is None, i.published or now, i.id))
            keys = grouper.group(
                [
                    Incoming(i.title, i.snippet, i.published, canonical_link(i.link), i.publisher)
                    for i in ordered
                ]
            )
            assignments = [(item.id, key) for item, key in zip(ordered, keys, strict=True)]
            ids = await self.store.assign_groups(assignments, now)
            groups = await self.store.load_groups(sorted(set(ids.values())))
            index = self._index()
            drafts = []
            for group_id in sorted(groups):
                draft = match_group(index, groups[group_id])
                if draft is not None:
                    drafts.append((group_id, draft))
            made = await self.store.propose_many(drafts, now)
            return [proposal_id for proposal_id in made if proposal_id is not None]

    async def proposals(self, status: ProposalStatus | None = ProposalStatus.OPEN) -> list[ProposalRecord]:
        return await self.store.list_proposals(status)
