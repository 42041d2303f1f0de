"""Feed test fixtures: the local feed server, a loose test policy, and a clean feed store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import delete

from bot.core.index import StoryIndex
from bot.core.library import StoryLibrary
from bot.feeds.service import FeedService
from bot.feeds.settings import FeedsPolicy
from bot.feeds.store import FEED_TABLES, FeedStore, feed_metadata
from bot.storage import Database
from tests.feeds.server import FeedServer, running_server
from tests.fixtures.database import *  # noqa: F403


@pytest.fixture(scope="session")
def feed_server_session() -> Iterator[FeedServer]:
    yield from running_server()


@pytest.fixture
def feed_server(feed_server_session: FeedServer) -> Iterator[FeedServer]:
    feed_server_session.reset()
    yield feed_server_session
    feed_server_session.reset()


@pytest.fixture
def policy() -> FeedsPolicy:
    # Tests reach 127.0.0.1, so private addresses are allowed here (and only here); timeouts are short.
    return FeedsPolicy(
        allow_private_addresses=True,
        contact="mailto:editors@newsbrief.example",
        connect_timeout_seconds=1,
        total_timeout_seconds=1.5,
        max_bytes=2_000_000,
        max_failures=3,
    )


@pytest.fixture
async def feed_store(database: Database) -> FeedStore:
    # The shared PostgreSQL schema is emptied of the schedule tables only; empty ours here.
    async with database.session(write=True) as session:
        for name in FEED_TABLES:
            await session.execute(delete(feed_metadata.tables[name]))
    return FeedStore(database)


@pytest.fixture(scope="session")
def story_index() -> StoryIndex:
    from tests.conftest import BRIEFS_DIR

    return StoryLibrary.load(BRIEFS_DIR).answerer.index


@pytest.fixture
def feed_service(feed_store: FeedStore, policy: FeedsPolicy, story_index: StoryIndex) -> FeedService:
    return FeedService(feed_store, policy, lambda: story_index)
