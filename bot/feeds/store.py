"""Feed sources, their items, item groups and proposals: tables and every query on them.

The tables live in their own ``MetaData`` (created by migration 3 in :mod:`bot.storage.migrations`;
a test checks the two agree). Records handed out are the immutable ones of :mod:`bot.feeds.models`.

Identity rules (see :mod:`bot.feeds.identity`): an item is the same item when its guid matches, or -
if the guid changed - its canonical link matches, or - with neither - its title and day match. Items
keep their publisher's name, so proposals keep their provenance when a source is removed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.feeds.identity import ItemKeys, item_keys
from bot.feeds.models import (
    Candidate,
    GroupMember,
    ItemGroup,
    ParsedItem,
    ProposalDraft,
    ProposalKind,
    ProposalRecord,
    ProposalStatus,
    SourceRecord,
)
from bot.storage.database import Database, whole
from bot.storage.tables import NAMING_CONVENTION, JSONList, UTCDateTime

__all__ = ["FEED_TABLES", "FeedStore", "StoredItem", "feed_metadata"]

_ID = BigInteger().with_variant(Integer(), "sqlite")
_MAX_ERROR = 1000
_CHUNK = 300  # rows per IN (...) list: well under SQLite's bound-parameter limit

feed_metadata = MetaData(naming_convention=NAMING_CONVENTION)

feed_sources = Table(
    "feed_sources",
    feed_metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("url", String(2000), nullable=False, unique=True),
    Column("publisher", String(200), nullable=False),
    Column("language", String(16), nullable=True),
    Column("topics", JSONList, nullable=True),
    Column("origin", String(16), nullable=False),  # "config" or "cli": who added it
    # Validators from the last 200 response only (a 304 or an error never changes them).
    Column("etag", Text, nullable=True),
    Column("last_modified", String(100), nullable=True),
    Column("interval_seconds", Integer, nullable=False),
    Column("next_poll_at", UTCDateTime, nullable=False),
    Column("last_polled_at", UTCDateTime, nullable=True),
    Column("last_success_at", UTCDateTime, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("consecutive_failures", Integer, nullable=False),
    Column("disabled_reason", Text, nullable=True),
    Column("disabled_at", UTCDateTime, nullable=True),
    Column("disabled_notified_at", UTCDateTime, nullable=True),
    Column("primed", Boolean, nullable=False),  # first fetch done: its items were recorded, not proposed
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

feed_groups = Table(
    "feed_groups",
    feed_metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_item_at", UTCDateTime, nullable=False),  # for "recent groups" (the grouping window)
)

feed_items = Table(
    "feed_items",
    feed_metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    # SET NULL: removing a source keeps the items that proposals point at.
    Column("source_id", _ID, ForeignKey("feed_sources.id", ondelete="SET NULL"), nullable=True),
    Column("publisher", String(200), nullable=False),
    Column("guid", String(600), nullable=True),
    Column("link_key", String(2000), nullable=True),
    Column("title_key", String(400), nullable=False),
    Column("title", Text, nullable=False),
    Column("link", Text, nullable=True),
    Column("snippet", Text, nullable=False),
    Column("published_at", UTCDateTime, nullable=True),
    Column("first_seen_at", UTCDateTime, nullable=False),
    Column("baseline", Boolean, nullable=False),  # seen on a source's first fetch: not proposed
    Column("group_id", _ID, ForeignKey("feed_groups.id", ondelete="SET NULL"), nullable=True),
    UniqueConstraint("source_id", "guid"),
    Index("ix_feed_items_source_link", "source_id", "link_key"),
    Index("ix_feed_items_group", "group_id"),
)

proposals = Table(
    "feed_proposals",
    feed_metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("group_id", _ID, ForeignKey("feed_groups.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("story_id", String(200), nullable=True),
    Column("confidence", Float, nullable=False),
    Column("candidates", Text, nullable=False),  # JSON list of Candidate.to_json()
    Column("reason", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("decided_at", UTCDateTime, nullable=True),
    Column("decided_by", String(200), nullable=True),
    Column("superseded_by", _ID, nullable=True),
    CheckConstraint("kind IN ('update', 'review', 'new_story')", name="kind"),
    CheckConstraint("status IN ('open', 'accepted', 'rejected', 'superseded')", name="status"),
    Index("ix_feed_proposals_status", "status"),
    Index("ix_feed_proposals_group", "group_id"),
)

FEED_TABLES = ("feed_proposals", "feed_items", "feed_groups", "feed_sources")  # children first


@dataclass(frozen=True)
class StoredItem:
    id: int
    publisher: str
    title: str
    link: str | None
    snippet: str
    published: datetime | None


def _source(row: object, item_count: int = 0) -> SourceRecord:
    m = row._mapping  # type: ignore[attr-defined]
    return SourceRecord(
        id=m["id"],
        url=m["url"],
        publisher=m["publisher"],
        language=m["language"],
        topics=tuple(m["topics"] or ()),
        origin=m["origin"],
        etag=m["etag"],
        last_modified=m["last_modified"],
        interval_seconds=m["interval_seconds"],
        next_poll_at=m["next_poll_at"],
        last_polled_at=m["last_polled_at"],
        last_success_at=m["last_success_at"],
        last_error=m["last_error"],
        consecutive_failures=m["consecutive_failures"],
        disabled_reason=m["disabled_reason"],
        disabled_at=m["disabled_at"],
        disabled_notified_at=m["disabled_notified_at"],
        primed=m["primed"],
        item_count=item_count,
    )


def _candidates(text: str) -> tuple[Candidate, ...]:
    return tuple(
        Candidate(c["story"], c["title"], c["score"], c["coverage"], tuple(c["matched_words"]))
        for c in json.loads(text)
    )


class FeedStore:
    """All feed queries. Every method is one transaction."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def close(self) -> None:
        await self._db.close()

    # ------------------------------------------------------------------------------------ sources

    @whole
    async def upsert_source(
        self,
        url: str,
        publisher: str,
        *,
        now: datetime,
        interval_seconds: int,
        language: str | None = None,
        topics: Sequence[str] = (),
        origin: str = "cli",
    ) -> tuple[SourceRecord, bool]:
        """Add a source (due at once) or update its publisher, language and topics; (record, created)."""
        async with self._db.session(write=True) as session:
            row = (await session.execute(select(feed_sources).where(feed_sources.c.url == url))).first()
            if row is not None:
                await session.execute(
                    update(feed_sources)
                    .where(feed_sources.c.id == row.id)
                    .values(
                        publisher=publisher, language=language, topics=list(topics) or None, updated_at=now
                    )
                )
                created = False
            else:
                await session.execute(
                    insert(feed_sources).values(
                        url=url,
                        publisher=publisher,
                        language=language,
                        topics=list(topics) or None,
                        origin=origin,
                        interval_seconds=interval_seconds,
                        next_poll_at=now,
                        consecutive_failures=0,
                        primed=False,
                        created_at=now,
                        updated_at=now,
                    )
                )
                created = True
            fresh = (await session.execute(select(feed_sources).where(feed_sources.c.url == url))).one()
            return _source(fresh), created

    async def get_source(self, url: str) -> SourceRecord | None:
        async with self._db.session() as session:
            row = (await session.execute(select(feed_sources).where(feed_sources.c.url == url))).first()
            return None if row is None else _source(row)

    async def list_sources(self) -> list[SourceRecord]:
        counts = (
            select(feed_items.c.source_id, func.count().label("n"))
            .group_by(feed_items.c.source_id)
            .subquery()
        )
        query = (
            select(feed_sources, func.coalesce(counts.c.n, 0).label("item_count"))
            .outerjoin(counts, counts.c.source_id == feed_sources.c.id)
            .order_by(feed_sources.c.url)
        )
        async with self._db.session() as session:
            rows = (await session.execute(query)).all()
        return [_source(row, row.item_count) for row in rows]

    @whole
    async def remove_source(self, url: str) -> bool:
        async with self._db.session(write=True) as session:
            result = await session.execute(
                delete(feed_sources).where(feed_sources.c.url == url).returning(feed_sources.c.id)
            )
            # Its items stay (source_id becomes NULL): proposals keep their provenance.
            return result.first() is not None

    async def due_sources(self, now: datetime, *, everything: bool = False) -> list[SourceRecord]:
        """Enabled sources whose next poll time has come (``everything``: all enabled sources)."""
        query = (
            select(feed_sources)
            .where(feed_sources.c.disabled_reason.is_(None))
            .order_by(feed_sources.c.next_poll_at, feed_sources.c.id)
        )
        if not everything:
            query = query.where(feed_sources.c.next_poll_at <= now)
        async with self._db.session() as session:
            return [_source(row) for row in (await session.execute(query)).all()]

    async def next_due_at(self) -> datetime | None:
        query = select(func.min(feed_sources.c.next_poll_at)).where(feed_sources.c.disabled_reason.is_(None))
        async with self._db.session() as session:
            return (await session.execute(query)).scalar_one_or_none()

    @whole
    async def record_poll(self, source_id: int, now: datetime, **values: object) -> SourceRecord:
        """Store the outcome of one poll (validators, next poll time, failures, disabled state)."""
        if "last_error" in values and isinstance(values["last_error"], str):
            values["last_error"] = values["last_error"][:_MAX_ERROR]
        async with self._db.session(write=True) as session:
            await session.execute(
                update(feed_sources)
                .where(feed_sources.c.id == source_id)
                .values(last_polled_at=now, updated_at=now, **values)
            )
            row = (await session.execute(select(feed_sources).where(feed_sources.c.id == source_id))).one()
            return _source(row)

    @whole
    async def mark_disabled_notified(self, source_id: int, now: datetime) -> bool:
        """True for the one caller that should tell people (the flag flips once per disabling)."""
        async with self._db.session(write=True) as session:
            result = await session.execute(
                update(feed_sources)
                .where(
                    feed_sources.c.id == source_id,
                    feed_sources.c.disabled_reason.is_not(None),
                    feed_sources.c.disabled_notified_at.is_(None),
                )
                .values(disabled_notified_at=now)
                .returning(feed_sources.c.id)
            )
            return result.first() is not None

    @whole
    async def enable_source(self, url: str, now: datetime) -> bool:
        async with self._db.session(write=True) as session:
            result = await session.execute(
                update(feed_sources)
                .where(feed_sources.c.url == url)
                .values(
                    disabled_reason=None,
                    disabled_at=None,
                    disabled_notified_at=None,
                    consecutive_failures=0,
                    next_poll_at=now,
                    updated_at=now,
                )
                .returning(feed_sources.c.id)
            )
            return result.first() is not None

    # -------------------------------------------------------------------------------------- items

    @whole
    async def record_items(
        self, source: SourceRecord, items: Sequence[ParsedItem], now: datetime, *, baseline: bool
    ) -> list[StoredItem]:
        """Store the items not seen before; return those (the new ones), in feed order."""
        unique: list[tuple[ParsedItem, ItemKeys]] = []
        seen: set[tuple[str, str | None]] = set()
        for item in items:
            keys = item_keys(item)
            marks = {("g", keys.guid), ("l", keys.link)} - {("g", None), ("l", None)} or {("t", keys.title)}
            if marks & seen:
                continue  # the same item twice in one document (duplicate guid or same link)
            seen |= marks
            unique.append((item, keys))
        new: list[StoredItem] = []
        async with self._db.session(write=True) as session:
            for start in range(0, len(unique), _CHUNK):
                new += await self._record_chunk(
                    session, source, unique[start : start + _CHUNK], now, baseline
                )
        return new

    async def _record_chunk(
        self,
        session: AsyncSession,
        source: SourceRecord,
        chunk: Sequence[tuple[ParsedItem, ItemKeys]],
        now: datetime,
        baseline: bool,
    ) -> list[StoredItem]:
        # One query finds every stored item the chunk could be, one statement inserts the new ones.
        guids = [k.guid for _, k in chunk if k.guid]
        links = [k.link for _, k in chunk if k.link]
        titles = [k.title for _, k in chunk if not k.guid and not k.link]
        conditions = []
        if guids:
            conditions.append(feed_items.c.guid.in_(guids))
        if links:
            conditions.append(feed_items.c.link_key.in_(links))
        if titles:
            conditions.append(feed_items.c.title_key.in_(titles))
        rows = (
            await session.execute(
                select(
                    feed_items.c.id, feed_items.c.guid, feed_items.c.link_key, feed_items.c.title_key
                ).where(feed_items.c.source_id == source.id, or_(*conditions))
            )
        ).all()
        by_guid = {r.guid: r.id for r in rows if r.guid}
        by_link = {r.link_key: (r.id, r.guid) for r in rows if r.link_key}
        by_title = {r.title_key for r in rows if r.guid is None and r.link_key is None}
        fresh: list[tuple[ParsedItem, ItemKeys]] = []
        for item, keys in chunk:
            if keys.guid and keys.guid in by_guid:
                continue
            if keys.link and keys.link in by_link:
                item_id, old_guid = by_link[keys.link]
                if keys.guid and keys.guid != old_guid:
                    # The publisher changed the guid but not the link: same item, new guid.
                    await session.execute(
                        update(feed_items).where(feed_items.c.id == item_id).values(guid=keys.guid)
                    )
                    by_guid[keys.guid] = item_id
                continue
            if not keys.guid and not keys.link and keys.title in by_title:
                continue
            fresh.append((item, keys))
        if not fresh:
            return []
        values = [
            {
                "source_id": source.id,
                "publisher": source.publisher,
                "guid": keys.guid,
                "link_key": keys.link,
                "title_key": keys.title,
                "title": item.title,
                "link": item.link,
                "snippet": item.summary,
                "published_at": item.published,
                "first_seen_at": now,
                "baseline": baseline,
            }
            for item, keys in fresh
        ]
        result = await session.execute(
            insert(feed_items).returning(feed_items.c.id, sort_by_parameter_order=True), values
        )
        ids = [row.id for row in result.all()]
        return [
            StoredItem(item_id, source.publisher, item.title, item.link, item.summary, item.published)
            for item_id, (item, _) in zip(ids, fresh, strict=True)
        ]

    async def baseline_items(self, source_id: int, since: datetime) -> list[StoredItem]:
        """Items recorded on the first fetch (never proposed) published since ``since``: for backfill."""
        query = (
            select(feed_items)
            .where(
                feed_items.c.source_id == source_id,
                feed_items.c.baseline.is_(True),
                feed_items.c.group_id.is_(None),
                feed_items.c.published_at >= since,
            )
            .order_by(feed_items.c.published_at, feed_items.c.id)
        )
        async with self._db.session() as session:
            rows = (await session.execute(query)).all()
        return [StoredItem(r.id, r.publisher, r.title, r.link, r.snippet, r.published_at) for r in rows]

    # ------------------------------------------------------------------------------------- groups

    async def recent_group_members(self, since: datetime) -> list[tuple[int, StoredItem]]:
        """(group id, item) for every item of a group that received an item since ``since``."""
        query = (
            select(feed_items)
            .join(feed_groups, feed_groups.c.id == feed_items.c.group_id)
            .where(feed_groups.c.last_item_at >= since)
            .order_by(feed_items.c.group_id, feed_items.c.id)
        )
        async with self._db.session() as session:
            rows = (await session.execute(query)).all()
        return [
            (r.group_id, StoredItem(r.id, r.publisher, r.title, r.link, r.snippet, r.published_at))
            for r in rows
        ]

    @whole
    async def assign_groups(self, assignments: Sequence[tuple[int, int]], now: datetime) -> dict[int, int]:
        """Put items into groups; ``(item id, group key)`` where a negative key is a new group.

        Returns the mapping of every key used to its group id (new keys to the ids just created).
        """
        members: dict[int, list[int]] = {}
        for item_id, key in assignments:
            members.setdefault(key, []).append(item_id)
        new_keys = [key for key in members if key < 0]
        ids = {key: key for key in members if key >= 0}
        async with self._db.session(write=True) as session:
            if new_keys:
                result = await session.execute(
                    insert(feed_groups).returning(feed_groups.c.id, sort_by_parameter_order=True),
                    [{"created_at": now, "last_item_at": now} for _ in new_keys],
                )
                ids.update(zip(new_keys, (row.id for row in result.all()), strict=True))
            existing = [key for key in members if key >= 0]
            if existing:
                await session.execute(
                    update(feed_groups).where(feed_groups.c.id.in_(existing)).values(last_item_at=now)
                )
            for key, item_ids in members.items():
                await session.execute(
                    update(feed_items).where(feed_items.c.id.in_(item_ids)).values(group_id=ids[key])
                )
        return ids

    async def load_groups(self, group_ids: Sequence[int]) -> dict[int, ItemGroup]:
        if not group_ids:
            return {}
        query = select(feed_items).where(feed_items.c.group_id.in_(list(group_ids))).order_by(feed_items.c.id)
        async with self._db.session() as session:
            rows = (await session.execute(query)).all()
        members: dict[int, list[GroupMember]] = {}
        for r in rows:
            members.setdefault(r.group_id, []).append(
                GroupMember(r.id, r.publisher, r.title, r.link, r.published_at, r.snippet)
            )
        return {gid: ItemGroup(gid, tuple(ms)) for gid, ms in members.items()}

    # ---------------------------------------------------------------------------------- proposals

    async def propose(self, group_id: int, draft: ProposalDraft, now: datetime) -> int | None:
        """Record what matching decided for one group (see :meth:`propose_many`)."""
        return (await self.propose_many([(group_id, draft)], now))[0]

    @whole
    async def propose_many(
        self, drafts: Sequence[tuple[int, ProposalDraft]], now: datetime
    ) -> list[int | None]:
        """Record what matching decided for groups; per group, the open proposal's id (or None).

        A group that already has a decided proposal is left alone (a late outlet adds provenance,
        not a second decision). An open proposal with the same decision is refreshed in place; a
        different decision supersedes it. One transaction for all.
        """
        out: list[int | None] = []
        async with self._db.session(write=True) as session:
            current: dict[int, list[Any]] = {}
            group_ids = [group_id for group_id, _ in drafts]
            for start in range(0, len(group_ids), _CHUNK):
                rows = await session.execute(
                    select(
                        proposals.c.id,
                        proposals.c.group_id,
                        proposals.c.kind,
                        proposals.c.status,
                        proposals.c.story_id,
                    )
                    .where(
                        proposals.c.group_id.in_(group_ids[start : start + _CHUNK]),
                        proposals.c.status != ProposalStatus.SUPERSEDED.value,
                    )
                    .order_by(proposals.c.id)
                )
                for row in rows:
                    current.setdefault(row.group_id, []).append(row)
            for group_id, draft in drafts:
                out.append(await self._propose(session, group_id, draft, current.get(group_id, []), now))
        return out

    async def _propose(
        self, session: AsyncSession, group_id: int, draft: ProposalDraft, rows: Sequence[Any], now: datetime
    ) -> int | None:
        if any(r.status in (ProposalStatus.ACCEPTED.value, ProposalStatus.REJECTED.value) for r in rows):
            return None
        confidence = draft.candidates[0].coverage if draft.candidates else 0.0
        candidates = json.dumps([c.to_json() for c in draft.candidates], ensure_ascii=False)
        open_row = next((r for r in rows if r.status == ProposalStatus.OPEN.value), None)
        if open_row is not None and open_row.kind == draft.kind.value and open_row.story_id == draft.story_id:
            await session.execute(
                update(proposals)
                .where(proposals.c.id == open_row.id)
                .values(candidates=candidates, confidence=confidence, reason=draft.reason, updated_at=now)
            )
            return int(open_row.id)
        result = await session.execute(
            insert(proposals)
            .values(
                group_id=group_id,
                kind=draft.kind.value,
                status=ProposalStatus.OPEN.value,
                story_id=draft.story_id,
                confidence=confidence,
                candidates=candidates,
                reason=draft.reason,
                created_at=now,
                updated_at=now,
            )
            .returning(proposals.c.id)
        )
        new_id = int(result.scalar_one())
        if open_row is not None:
            await session.execute(
                update(proposals)
                .where(proposals.c.id == open_row.id)
                .values(status=ProposalStatus.SUPERSEDED.value, superseded_by=new_id, updated_at=now)
            )
        return new_id

    @whole
    async def decide(
        self,
        proposal_id: int,
        status: ProposalStatus,
        decided_by: str,
        now: datetime,
        *,
        story_id: str | None = None,
    ) -> bool:
        """Accept or reject an open proposal; False if it was no longer open (someone else decided).

        One conditional UPDATE: of two editors deciding at once, exactly one wins. ``story_id``
        records the story an accepted proposal went to when the editor chose another (or a new) one.
        """
        if status not in (ProposalStatus.ACCEPTED, ProposalStatus.REJECTED):
            raise ValueError(f"a decision is accepted or rejected, not {status.value}")
        values: dict[str, object] = {
            "status": status.value,
            "decided_by": decided_by[:200],
            "decided_at": now,
            "updated_at": now,
        }
        if story_id is not None:
            values["story_id"] = story_id
        async with self._db.session(write=True) as session:
            result = await session.execute(
                update(proposals)
                .where(proposals.c.id == proposal_id, proposals.c.status == ProposalStatus.OPEN.value)
                .values(**values)
                .returning(proposals.c.id)
            )
            return result.first() is not None

    @whole
    async def reopen(self, proposal_id: int, story_id: str | None, now: datetime) -> None:
        """Undo an acceptance whose story file could not be written (the decision never took effect)."""
        async with self._db.session(write=True) as session:
            await session.execute(
                update(proposals)
                .where(proposals.c.id == proposal_id)
                .values(
                    status=ProposalStatus.OPEN.value,
                    story_id=story_id,
                    decided_by=None,
                    decided_at=None,
                    updated_at=now,
                )
            )

    async def get_proposal(self, proposal_id: int) -> ProposalRecord | None:
        found = await self._proposals(proposals.c.id == proposal_id)
        return found[0] if found else None

    async def list_proposals(
        self, status: ProposalStatus | None = ProposalStatus.OPEN
    ) -> list[ProposalRecord]:
        return await self._proposals(None if status is None else proposals.c.status == status.value)

    async def _proposals(self, condition: Any) -> list[ProposalRecord]:
        query = select(proposals).order_by(proposals.c.created_at, proposals.c.id)
        if condition is not None:
            query = query.where(condition)
        async with self._db.session() as session:
            rows = (await session.execute(query)).all()
        groups = await self.load_groups(sorted({r.group_id for r in rows}))
        return [
            ProposalRecord(
                id=r.id,
                kind=ProposalKind(r.kind),
                status=ProposalStatus(r.status),
                story_id=r.story_id,
                candidates=_candidates(r.candidates),
                reason=r.reason,
                group=groups.get(r.group_id, ItemGroup(r.group_id, ())),
                created_at=r.created_at,
                updated_at=r.updated_at,
                decided_by=r.decided_by,
                decided_at=r.decided_at,
                superseded_by=r.superseded_by,
            )
            for r in rows
        ]
