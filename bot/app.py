"""The composition root: settings → story catalog → desk → services, built once per process.

The command line, the console, the Discord runner and the end-to-end tests all build the bot
here, so tests exercise the production wiring. Front ends import this module; it imports none of
them. A front end hands the app what only it can provide (e.g. how to post a brief); the app owns
and closes everything it opened.

Adding a service (say, news feeds) is: a package with its core logic and storage, an ``open_...``
method here that builds it from the settings and registers it in ``services``, and thin adapters in
the front ends. Nothing else changes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from bot.config import Settings
from bot.core.desk import NewsDesk
from bot.core.library import ReloadReport, StoryLibrary
from bot.core.memory import ConversationMemory
from bot.core.watcher import CatalogWatcher
from bot.core.workers import allow_workers
from bot.feeds.notify import SourceNotifier
from bot.feeds.service import FeedService
from bot.feeds.store import FeedStore
from bot.review.service import ReviewService
from bot.services import Service
from bot.services.rate_budget import LocalBudget, RateBudget, open_rate_budget
from bot.services.schedules import BriefPoster, ScheduleService
from bot.storage.database import Database

log = logging.getLogger(__name__)

SCHEDULES = "schedules"
FEEDS = "feeds"
REVIEW = "review"


@dataclass
class App:
    settings: Settings
    library: StoryLibrary
    desk: NewsDesk
    # Every Discord post of every process of the deployment takes from this (see rate_budget).
    rate_budget: RateBudget = field(default_factory=LocalBudget)
    # Services by name, started by their front end and closed (in reverse order) by ``close``.
    services: dict[str, Service] = field(default_factory=dict)
    watcher: CatalogWatcher | None = None

    @property
    def schedules(self) -> ScheduleService | None:
        """The daily-brief schedules, once a front end has opened them."""
        return cast(ScheduleService | None, self.services.get(SCHEDULES))

    def watch_catalog(self, on_report: Callable[[ReloadReport], None] | None = None) -> CatalogWatcher:
        """Start reloading edited story files every ``[bot] reload_seconds`` (0: never)."""
        if self.watcher is None:
            self.watcher = CatalogWatcher(self.library, self.settings.bot.reload_seconds, on_report)
            self.watcher.start()
        return self.watcher

    async def open_schedules(self, poster: BriefPoster) -> ScheduleService:
        """Connect the database and build the schedule service; the caller starts it when ready."""
        if self.schedules is not None:
            return self.schedules
        settings = self.settings
        service = ScheduleService(
            await Database.connect(settings.database.url),
            self.desk,
            poster,
            grace=dt.timedelta(minutes=settings.schedule.grace_minutes),
            max_concurrency=settings.schedule.max_concurrency,
            lease=dt.timedelta(seconds=settings.schedule.lease_seconds),
            sweep=dt.timedelta(seconds=settings.schedule.sweep_seconds),
            shard_ids=settings.discord.shard_ids,
            shard_count=settings.discord.shard_count,
        )
        self.services[SCHEDULES] = service
        return service

    async def open_feeds(
        self,
        notifier: SourceNotifier | None = None,
        on_proposals: Callable[[list[int]], None] | None = None,
    ) -> FeedService:
        """Connect the database and build the feeds service over the current catalog's index.

        A front end that can tell editors passes its ``notifier`` (a disabled source) and
        ``on_proposals`` (new proposals from background polling), and ``start``s the service when it
        is ready (``close`` stops it). It polls even with no source yet: its loop looks in the
        database for due sources every minute, so one added while the bot runs (``feeds add`` from
        another shell) is polled without a restart."""
        existing = cast(FeedService | None, self.services.get(FEEDS))
        if existing is None:
            existing = FeedService(
                FeedStore(await Database.connect(self.settings.database.url)),
                self.settings.feeds_policy,
                lambda: self.library.index,
                owns_database=True,
            )
            await existing.sync_config(self.settings.feeds)
            self.services[FEEDS] = existing
        if notifier is not None:
            existing.set_notifier(notifier)
        if on_proposals is not None:
            existing.on_proposals = on_proposals
        return existing

    async def open_review(self) -> ReviewService:
        """The editor's review of feed proposals, writing accepted ones into the story files."""
        existing = self.services.get(REVIEW)
        if existing is not None:
            return cast(ReviewService, existing)
        service = ReviewService(
            FeedStore(await Database.connect(self.settings.database.url)),
            self.library,
            self.settings.review,
            owns_database=True,
        )
        self.services[REVIEW] = service
        return service

    async def close(self) -> None:
        await self.rate_budget.close()
        if self.watcher is not None:
            watcher, self.watcher = self.watcher, None
            await watcher.stop()
        while self.services:
            name, service = self.services.popitem()
            try:
                await service.close()
            except Exception:
                log.exception("closing the %s service failed", name)


def build_app(settings: Settings) -> App:
    """Load the catalog named by the settings and build the desk over it."""
    memory = ConversationMemory(
        ttl=settings.answering.conversation_ttl_minutes * 60,
        max_conversations=settings.answering.max_conversations,
    )
    allow_workers(settings.bot.load_workers)
    # The cache (when one must be written) is written while the bot gets on with starting up.
    library = StoryLibrary.load(
        settings.bot.briefs_dir, memory, catalog_cache_dir(settings), save_in_background=True
    )
    discord = settings.discord
    share = len(discord.shard_ids) / discord.shard_count if discord.shard_ids else 1.0
    budget = open_rate_budget(discord.requests_per_second, settings.redis.url, share)
    return App(settings, library, NewsDesk(library), rate_budget=budget)


def catalog_cache_dir(settings: Settings) -> Path | None:
    """Where the story catalog is cached between runs: beside the database when it is a file."""
    if not settings.bot.cache_catalog:
        return None
    if settings.bot.catalog_cache is not None:
        return settings.bot.catalog_cache
    url = settings.database.url
    scheme, _, rest = url.partition(":///")
    if scheme.startswith("sqlite") and rest and not rest.startswith(":memory:") and "mode=memory" not in rest:
        return Path(rest.split("?", 1)[0] + ".catalog-cache")
    return Path(settings.bot.briefs_dir).parent / ".catalog-cache"
