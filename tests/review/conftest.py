"""Review fixtures: a copy of the story files to write into, and a proposal waiting in the feed store."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.library import StoryLibrary
from bot.feeds.models import Candidate, ParsedItem, ProposalDraft, ProposalKind
from bot.feeds.store import FeedStore
from bot.review.service import ReviewService
from bot.review.settings import ReviewSettings
from tests.conftest import BRIEFS_DIR
from tests.feeds.conftest import feed_store  # noqa: F401 - the fixture, shared with the feed tests
from tests.fixtures.database import *  # noqa: F403

NOW = datetime(2025, 10, 12, 12, tzinfo=UTC)
# Written by us for the tests (never copied from an outlet); @everyone checks that nothing pings.
ITEM = ParsedItem(
    title="Beijing adds gallium to its export licence list @everyone",
    link="https://harbour.example/news/gallium-licences",
    guid="harbour-gallium-1",
    summary="Exporters of gallium now need a licence for each shipment, the commerce ministry said.",
    published=datetime(2025, 10, 11, 8, 30, tzinfo=UTC),
)


def inserted_block(before: str, after: str, first_line: str) -> str:
    """The block at ``first_line`` that ``after`` adds to ``before``; fails if anything else changed."""
    start = after.index(first_line)
    end = after.index("\n\n", start) + 2
    assert after[:start] + after[end:] == before, "the rest of the file changed"
    return after[start:end]


@pytest.fixture
def briefs(tmp_path: Path) -> Path:
    folder = tmp_path / "briefs"
    shutil.copytree(BRIEFS_DIR, folder)
    return folder


@pytest.fixture
def library(briefs: Path) -> StoryLibrary:
    return StoryLibrary.load(briefs)


async def make_proposal(
    store: FeedStore,
    *,
    item: ParsedItem = ITEM,
    kind: ProposalKind = ProposalKind.UPDATE,
    story_id: str | None = "china-export-curbs",
    publisher: str = "The Harbour Post",
    coverage: float = 0.8,
) -> int:
    """One item from one outlet, grouped and proposed as ``kind``; the proposal's id."""
    source, _ = await store.upsert_source(
        f"https://{publisher.lower().replace(' ', '-')}.example/feed",
        publisher,
        now=NOW,
        interval_seconds=3600,
    )
    [stored] = await store.record_items(source, [item], NOW, baseline=False)
    ids = await store.assign_groups([(stored.id, -1)], NOW)
    candidates = (
        Candidate("china-export-curbs", "China's export curbs on rare earths", 9.5, coverage, ("export",)),
        Candidate("ukraine-energy-grid", "Ukraine's energy grid", 2.0, 0.2, ("licence",)),
    )
    draft = ProposalDraft(kind, story_id, candidates if kind is not ProposalKind.NEW_STORY else (), "test")
    proposal_id = await store.propose(ids[-1], draft, NOW)
    assert proposal_id is not None
    return proposal_id


@pytest.fixture
def review(feed_store: FeedStore, library: StoryLibrary) -> ReviewService:  # noqa: F811
    return ReviewService(feed_store, library, ReviewSettings(), clock=lambda: NOW)
