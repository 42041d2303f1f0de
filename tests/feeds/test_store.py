"""Feed storage on SQLite and PostgreSQL: sources, item identity, groups, proposals."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, inspect

from bot.feeds.models import Candidate, ParsedItem, ProposalDraft, ProposalKind, ProposalStatus
from bot.feeds.parse import parse_feed
from bot.feeds.store import FeedStore, feed_metadata
from bot.storage import Database
from tests.feeds.server import FIXTURES

NOW = datetime(2025, 10, 12, 12, tzinfo=UTC)


async def _source(store: FeedStore, url: str = "https://a.example/feed", publisher: str = "A Paper"):
    source, created = await store.upsert_source(url, publisher, now=NOW, interval_seconds=3600)
    assert created
    return source


async def test_migrated_feed_tables_match_the_models(database: Database) -> None:
    def describe(conn: Connection) -> dict[str, dict[str, bool]]:
        inspector = inspect(conn)
        return {
            name: {c["name"]: c["nullable"] for c in inspector.get_columns(name)}
            for name in feed_metadata.tables
        }

    async with database.engine.connect() as conn:
        migrated = await conn.run_sync(describe)
    models = {t.name: {c.name: c.nullable for c in t.columns} for t in feed_metadata.sorted_tables}
    assert migrated == models


async def test_sources_add_update_list_remove(feed_store: FeedStore) -> None:
    source = await _source(feed_store)
    assert source.next_poll_at == NOW and not source.primed and source.health == "new"
    again, created = await feed_store.upsert_source(
        source.url, "A Paper (renamed)", now=NOW, interval_seconds=60, topics=["Europe"]
    )
    assert not created and again.id == source.id and again.publisher == "A Paper (renamed)"
    assert again.interval_seconds == 3600 and again.topics == ("Europe",)  # polling state kept
    assert [s.url for s in await feed_store.list_sources()] == [source.url]
    assert await feed_store.remove_source(source.url)
    assert not await feed_store.remove_source(source.url)
    assert await feed_store.list_sources() == []


async def test_duplicate_guids_and_untitled_repeats_are_stored_once(feed_store: FeedStore) -> None:
    source = await _source(feed_store)
    feed = parse_feed((FIXTURES / "duplicate-guids.xml").read_bytes())
    new = await feed_store.record_items(source, feed.items, NOW, baseline=False)
    assert [i.title for i in new] == [
        "Harbour cranes upgraded",
        "Ferry timetable changes for winter",
        "An item with neither guid nor link",
    ]
    assert await feed_store.record_items(source, feed.items, NOW, baseline=False) == []
    assert (await feed_store.list_sources())[0].item_count == 3


async def test_changed_guid_with_the_same_link_is_the_same_item(feed_store: FeedStore) -> None:
    source = await _source(feed_store)
    before = parse_feed((FIXTURES / "changed-guids-before.xml").read_bytes())
    after = parse_feed((FIXTURES / "changed-guids-after.xml").read_bytes())
    assert len(await feed_store.record_items(source, before.items, NOW, baseline=True)) == 2
    new = await feed_store.record_items(source, after.items, NOW, baseline=False)
    assert [i.title for i in new] == ["Night buses return to the old town"]
    # The new guids were adopted: the "after" feed a third time is still nothing new.
    assert await feed_store.record_items(source, after.items, NOW, baseline=False) == []


async def test_the_same_guid_in_two_sources_is_two_items(feed_store: FeedStore) -> None:
    first = await _source(feed_store, "https://a.example/feed")
    second = await _source(feed_store, "https://b.example/feed", "B Paper")
    item = ParsedItem("Same guid, other outlet", "https://x.example/1", "guid-1")
    assert len(await feed_store.record_items(first, [item], NOW, baseline=False)) == 1
    assert len(await feed_store.record_items(second, [item], NOW, baseline=False)) == 1


async def test_removing_a_source_keeps_items_that_proposals_point_at(feed_store: FeedStore) -> None:
    source = await _source(feed_store)
    items = await feed_store.record_items(
        source,
        [ParsedItem("Gaza talks resume", "https://a.example/1", "g1", "snippet", NOW)],
        NOW,
        baseline=False,
    )
    ids = await feed_store.assign_groups([(items[0].id, -1)], NOW)
    draft = ProposalDraft(ProposalKind.NEW_STORY, None, (), "two outlets")
    assert await feed_store.propose(ids[-1], draft, NOW) is not None
    await feed_store.remove_source(source.url)
    (proposal,) = await feed_store.list_proposals()
    assert proposal.group.outlets == ("A Paper",) and proposal.group.headline == "Gaza talks resume"


async def test_proposals_refresh_supersede_and_respect_decisions(feed_store: FeedStore) -> None:
    source = await _source(feed_store)
    items = await feed_store.record_items(
        source, [ParsedItem("Headline", "https://a.example/1", "g1", "", NOW)], NOW, baseline=False
    )
    group_id = (await feed_store.assign_groups([(items[0].id, -1)], NOW))[-1]
    candidate = Candidate("gaza-ceasefire", "Gaza cease-fire talks", 20.0, 0.5, ("gaza", "hostages"))
    review = ProposalDraft(ProposalKind.REVIEW, None, (candidate,), "uncertain")
    first = await feed_store.propose(group_id, review, NOW)
    assert await feed_store.propose(group_id, review, NOW + timedelta(minutes=1)) == first  # refreshed
    update = ProposalDraft(ProposalKind.UPDATE, "gaza-ceasefire", (candidate,), "clear")
    second = await feed_store.propose(group_id, update, NOW)
    assert second != first
    everything = {p.id: p for p in await feed_store.list_proposals(None)}
    assert everything[first].status is ProposalStatus.SUPERSEDED and everything[first].superseded_by == second
    opened = await feed_store.list_proposals()
    assert [p.id for p in opened] == [second]
    assert opened[0].candidates == (candidate,) and opened[0].story_id == "gaza-ceasefire"


async def test_one_decision_wins(feed_store: FeedStore) -> None:
    import asyncio

    source = await _source(feed_store)
    items = await feed_store.record_items(
        source, [ParsedItem("Headline", "https://a.example/1", "g1", "", NOW)], NOW, baseline=False
    )
    group_id = (await feed_store.assign_groups([(items[0].id, -1)], NOW))[-1]
    draft = ProposalDraft(ProposalKind.UPDATE, "gaza-ceasefire", (), "clear")
    proposal_id = await feed_store.propose(group_id, draft, NOW)
    assert proposal_id is not None
    results = await asyncio.gather(
        feed_store.decide(proposal_id, ProposalStatus.ACCEPTED, "editor-1", NOW),
        feed_store.decide(proposal_id, ProposalStatus.REJECTED, "editor-2", NOW),
    )
    assert sorted(results) == [False, True]
    decided = await feed_store.get_proposal(proposal_id)
    assert decided is not None and decided.decided_by in ("editor-1", "editor-2")
    assert decided.status is (ProposalStatus.ACCEPTED if results[0] else ProposalStatus.REJECTED)
    # A decided group is not proposed again when a late outlet joins it.
    assert await feed_store.propose(group_id, draft, NOW) is None
