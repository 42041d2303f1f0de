"""The review service on SQLite and PostgreSQL: decisions, races, story files, the catalog reloaded."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.core.library import StoryLibrary
from bot.feeds.models import ProposalKind, ProposalStatus
from bot.feeds.store import FeedStore
from bot.review.service import AUTO_EDITOR, ReviewService
from bot.review.settings import ReviewSettings
from tests.review.conftest import NOW, make_proposal


async def test_accept_appends_an_update_the_bot_answers_from(
    feed_store: FeedStore, review: ReviewService, library: StoryLibrary, briefs: Path
) -> None:
    proposal_id = await make_proposal(feed_store)
    outcome = await review.accept(proposal_id, "editor:Ana")
    assert outcome.ok and outcome.story_id == "china-export-curbs", outcome.message
    story = library.index.get("china-export-curbs")
    assert story is not None and story.latest.added == NOW
    assert story.latest.text.startswith("The Harbour Post reported: “Exporters of gallium")
    assert story.latest.sources[0].publisher == "The Harbour Post"
    answer = library.answerer.ask("Does gallium need an export licence?")
    assert answer.story is not None and answer.story.id == "china-export-curbs"
    decided = await review.get(proposal_id)
    assert (
        decided is not None
        and decided.status is ProposalStatus.ACCEPTED
        and decided.decided_by == "editor:Ana"
    )
    again = await review.accept(proposal_id, "editor:Bo")
    assert not again.ok and "already accepted (story china-export-curbs) by editor:Ana" in again.message


async def test_two_editors_at_once_one_wins_and_the_other_is_told(
    feed_store: FeedStore, review: ReviewService, briefs: Path
) -> None:
    proposal_id = await make_proposal(feed_store)
    before = (briefs / "china-export-curbs.toml").read_text(encoding="utf-8")
    accepted, rejected = await asyncio.gather(
        review.accept(proposal_id, "editor:Ana"), review.reject(proposal_id, "editor:Bo")
    )
    assert accepted.ok != rejected.ok
    loser = rejected if accepted.ok else accepted
    assert "was already" in loser.message
    after = (briefs / "china-export-curbs.toml").read_text(encoding="utf-8")
    assert (after != before) == accepted.ok  # the file changes only when accepting won


async def test_a_broken_hand_edit_leaves_the_proposal_open(
    feed_store: FeedStore, review: ReviewService, briefs: Path
) -> None:
    proposal_id = await make_proposal(feed_store)
    path = briefs / "china-export-curbs.toml"

    def hand_edit() -> None:
        path.write_text(path.read_text(encoding="utf-8") + "\nsumary = 'typo'\n", encoding="utf-8")

    outcome = await review.accept(proposal_id, "editor:Ana", before_replace=hand_edit)
    assert not outcome.ok and "stays open" in outcome.message and "sumary" in outcome.message
    proposal = await review.get(proposal_id)
    assert proposal is not None and proposal.status is ProposalStatus.OPEN and proposal.decided_by is None


async def test_another_story_and_an_editors_rewrite(
    feed_store: FeedStore, review: ReviewService, library: StoryLibrary
) -> None:
    proposal_id = await make_proposal(feed_store, kind=ProposalKind.REVIEW, story_id=None)
    assert "name the story" in (await review.accept(proposal_id, "editor:Ana")).message
    assert "no story" in (await review.accept(proposal_id, "editor:Ana", story_id="nope")).message
    outcome = await review.accept(
        proposal_id,
        "editor:Ana",
        story_id="ukraine-energy-grid",
        headline="Gallium licences (our words)",
        text="Our own summary of the report.",
    )
    assert outcome.ok, outcome.message
    story = library.index.get("ukraine-energy-grid")
    assert story is not None and story.latest.headline == "Gallium licences (our words)"
    assert story.latest.text == "Our own summary of the report."
    decided = await review.get(proposal_id)
    assert decided is not None and decided.story_id == "ukraine-energy-grid"


async def test_new_story_writes_an_answerable_file(
    feed_store: FeedStore, review: ReviewService, library: StoryLibrary, briefs: Path
) -> None:
    proposal_id = await make_proposal(feed_store, kind=ProposalKind.NEW_STORY, story_id=None)
    taken = await review.new_story(
        proposal_id, "editor:Ana", story_id="gaza-ceasefire", title="Gallium", topic="Trade"
    )
    assert not taken.ok and "already exists" in taken.message
    outcome = await review.new_story(
        proposal_id, "editor:Ana", story_id="gallium-licences", title="Gallium export licences", topic="Trade"
    )
    assert outcome.ok, outcome.message
    assert (briefs / "gallium-licences.toml").is_file()
    story = library.index.get("gallium-licences")
    assert (
        story is not None and story.latest.sources[0].url == "https://harbour.example/news/gallium-licences"
    )
    assert "The Harbour Post" in story.credit
    assert any(s.id == "gallium-licences" for s in library.stories)


async def test_auto_accept_is_off_by_default_and_only_for_trusted_outlets(
    feed_store: FeedStore, library: StoryLibrary
) -> None:
    proposal_id = await make_proposal(feed_store)
    assert await ReviewService(feed_store, library, ReviewSettings()).auto_accept() == []
    untrusted = ReviewSettings(auto_accept=0.5, trusted_publishers=["Someone Else"])
    assert await ReviewService(feed_store, library, untrusted).auto_accept() == []
    trusted = ReviewSettings(auto_accept=0.5, trusted_publishers=["The Harbour Post"])
    [outcome] = await ReviewService(feed_store, library, trusted, clock=lambda: NOW).auto_accept()
    assert outcome.ok
    decided = await feed_store.get_proposal(proposal_id)
    assert decided is not None and decided.decided_by == AUTO_EDITOR


async def test_new_story_records_the_people_places_and_organisations_of_its_items(
    feed_store: FeedStore, review: ReviewService, library: StoryLibrary, briefs: Path
) -> None:
    from datetime import UTC, datetime

    from bot.feeds.models import ParsedItem

    # Written by us for the test.
    item = ParsedItem(
        title="Harbour cranes halted as dockworkers strike in Rotterdam",
        link="https://harbour.example/news/dock-strike",
        guid="harbour-docks-1",
        summary="Union leader Marta Janssen said the Port Authority of Rotterdam had ignored the "
        "workers; the Dutch Ministry of Infrastructure called for talks.",
        published=datetime(2025, 10, 11, 9, 0, tzinfo=UTC),
    )
    proposal_id = await make_proposal(feed_store, item=item, kind=ProposalKind.NEW_STORY, story_id=None)
    outcome = await review.new_story(
        proposal_id, "editor:Ana", story_id="rotterdam-strike", title="Rotterdam dock strike", topic="Labour"
    )
    assert outcome.ok, outcome.message
    story = library.index.get("rotterdam-strike")
    assert story is not None
    assert story.entities.people == ("Marta Janssen",)
    assert "Rotterdam" in story.entities.places and "Netherlands" in story.entities.places
    assert story.entities.organisations == ("Port Authority of Rotterdam", "Dutch Ministry of Infrastructure")
    assert "Marta Janssen" in (briefs / "rotterdam-strike.toml").read_text(encoding="utf-8")
