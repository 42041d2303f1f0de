"""The review service: list, show and decide proposals; what every front end calls.

A decision is first claimed in the database with :meth:`FeedStore.decide` - one conditional UPDATE,
so of two editors pressing at once exactly one wins and the other is told who did - and only the
winner writes the story file. If the file cannot be written (a broken hand edit, an update older
than the story's latest), the claim is undone and the proposal stays open, with the reason.
After a write the library reloads at once, so answers, ``/stories`` and briefs see the change.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.library import StoryLibrary
from bot.core.text import truncate
from bot.feeds.models import ItemGroup, ProposalKind, ProposalRecord, ProposalStatus
from bot.feeds.store import FeedStore
from bot.review.entities import find_entities
from bot.review.settings import ReviewSettings
from bot.review.storyfile import (
    NewSource,
    NewUpdate,
    StoryFileError,
    append_update,
    find_story_file,
    write_new_story,
)

__all__ = ["AUTO_EDITOR", "Outcome", "ReviewService", "outlet_text"]

log = logging.getLogger(__name__)

AUTO_EDITOR = "auto-accept"
SNIPPET_CHARS = 280  # a short quotation, not the article
HEADLINE_CHARS = 200  # Update.headline's limit


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Outcome:
    """What a decision did, in one sentence for the editor."""

    ok: bool
    message: str
    proposal: ProposalRecord | None = None
    story_id: str | None = None


def outlet_text(group: ItemGroup) -> str:
    """The update's text from feed items: the outlet's snippet, quoted and credited as theirs."""
    outlets = " and ".join(group.outlets) or "An outlet"
    snippet = truncate(group.snippet, SNIPPET_CHARS) if group.snippet else ""
    if snippet:
        return f"{outlets} reported: “{snippet}”"
    return f"{outlets} reported: “{truncate(group.headline, SNIPPET_CHARS)}”"


def _sources(group: ItemGroup) -> tuple[NewSource, ...]:
    return tuple(NewSource(m.publisher, m.link, m.published) for m in group.members)


def decided_line(proposal: ProposalRecord) -> str:
    who = proposal.decided_by or "someone"
    when = f" at {proposal.decided_at:%Y-%m-%d %H:%M} UTC" if proposal.decided_at else ""
    target = f" (story {proposal.story_id})" if proposal.story_id else ""
    return f"proposal #{proposal.id} was already {proposal.status.value}{target} by {who}{when}"


class ReviewService:
    def __init__(
        self,
        store: FeedStore,
        library: StoryLibrary,
        settings: ReviewSettings,
        *,
        clock: Callable[[], dt.datetime] = _utc_now,
        owns_database: bool = False,
    ) -> None:
        self.store = store
        self.library = library
        self.settings = settings
        self.clock = clock
        self._owns_database = owns_database

    async def start(self) -> None:
        """Nothing runs in the background: decisions come from editors (and :meth:`auto_accept`)."""

    async def close(self) -> None:
        if self._owns_database:
            await self.store.close()

    # ------------------------------------------------------------------------------------ reading

    async def open_proposals(self) -> list[ProposalRecord]:
        return await self.store.list_proposals(ProposalStatus.OPEN)

    async def get(self, proposal_id: int) -> ProposalRecord | None:
        return await self.store.get_proposal(proposal_id)

    async def check_open(self, proposal_id: int) -> Outcome:
        """ok with the proposal while it is open and has items; otherwise why not, for the editor."""
        proposal = await self.get(proposal_id)
        if proposal is None:
            return Outcome(False, f"there is no proposal #{proposal_id}")
        if proposal.status is not ProposalStatus.OPEN:
            return Outcome(False, decided_line(proposal), proposal)
        if not proposal.group.members:
            return Outcome(False, f"proposal #{proposal_id} has no items left", proposal)
        return Outcome(True, "open", proposal)

    # ---------------------------------------------------------------------------------- deciding

    async def reject(self, proposal_id: int, editor: str) -> Outcome:
        proposal = await self.get(proposal_id)
        if proposal is None:
            return Outcome(False, f"there is no proposal #{proposal_id}")
        if not await self.store.decide(proposal_id, ProposalStatus.REJECTED, editor, self.clock()):
            return await self._lost(proposal_id)
        return Outcome(True, f"rejected proposal #{proposal_id}", await self.get(proposal_id))

    async def accept(
        self,
        proposal_id: int,
        editor: str,
        *,
        story_id: str | None = None,
        headline: str | None = None,
        text: str | None = None,
        before_replace: Callable[[], None] | None = None,
    ) -> Outcome:
        """Append the proposal's items to a story as an update (``story_id``: another story than proposed).

        ``headline`` and ``text``: the editor's rewrite in our own words, replacing the outlet's.
        """
        checked = await self.check_open(proposal_id)
        if not checked.ok or checked.proposal is None:
            return checked
        proposal = checked.proposal
        target = story_id or proposal.story_id
        if target is None:
            return Outcome(False, "name the story this belongs to (another story), or make a new story")
        path = find_story_file(self.library.directory, target)
        if path is None:
            return Outcome(False, f"there is no story “{truncate(target, 60)}” in the catalog")
        group = proposal.group
        now = self.clock()
        update = NewUpdate(
            date=(group.published or now).astimezone(dt.UTC).date(),
            headline=truncate((headline or group.headline).strip(), HEADLINE_CHARS),
            text=(text or outlet_text(group)).strip(),
            added=now,
            sources=_sources(group),
        )
        if not await self.store.decide(proposal_id, ProposalStatus.ACCEPTED, editor, now, story_id=target):
            return await self._lost(proposal_id)
        try:
            await asyncio.to_thread(append_update, path, update, before_replace=before_replace)
        except (StoryFileError, OSError, ValueError) as exc:
            await self.store.reopen(proposal_id, proposal.story_id, self.clock())
            return Outcome(False, f"not accepted, the proposal stays open: {exc}", proposal)
        await asyncio.to_thread(self.library.reload)
        return Outcome(
            True, f"added to {target}: {update.headline}", await self.get(proposal_id), story_id=target
        )

    async def new_story(
        self, proposal_id: int, editor: str, *, story_id: str, title: str, topic: str
    ) -> Outcome:
        """Make a new story file from the proposal's items (id, title and topic from the editor)."""
        checked = await self.check_open(proposal_id)
        if not checked.ok or checked.proposal is None:
            return checked
        proposal = checked.proposal
        group = proposal.group
        story_id, title, topic = story_id.strip().lower(), title.strip(), topic.strip()
        if not (story_id and title and topic):
            return Outcome(False, "a new story needs an id, a title and a topic")
        if find_story_file(self.library.directory, story_id) is not None:
            return Outcome(False, f"a story with the id “{truncate(story_id, 60)}” already exists")
        now = self.clock()
        record = self._new_story_record(group, now, story_id=story_id, title=title, topic=topic)
        if not await self.store.decide(proposal_id, ProposalStatus.ACCEPTED, editor, now, story_id=story_id):
            return await self._lost(proposal_id)
        try:
            await asyncio.to_thread(write_new_story, self.library.directory, record, _NEW_STORY_HEADER)
        except (StoryFileError, OSError, ValueError) as exc:
            await self.store.reopen(proposal_id, proposal.story_id, self.clock())
            return Outcome(False, f"no story written, the proposal stays open: {exc}", proposal)
        await asyncio.to_thread(self.library.reload)
        return Outcome(True, f"new story {story_id}: {title}", await self.get(proposal_id), story_id=story_id)

    async def auto_accept(self) -> list[Outcome]:
        """Accept open proposed updates from trusted publishers above the configured confidence.

        Off unless ``[review] auto_accept`` is set; every outlet of the group must be trusted.
        """
        threshold = self.settings.auto_accept
        trusted = set(self.settings.trusted_publishers)
        if threshold is None or not trusted:
            return []
        outcomes = []
        for proposal in await self.open_proposals():
            top = proposal.candidates[0] if proposal.candidates else None
            if (
                proposal.kind is ProposalKind.UPDATE
                and top is not None
                and top.story_id == proposal.story_id
                and top.coverage >= threshold
                and proposal.group.members
                and set(proposal.group.outlets) <= trusted
            ):
                outcomes.append(await self.accept(proposal.id, AUTO_EDITOR))
        return outcomes

    # ---------------------------------------------------------------------------------- helpers

    async def _lost(self, proposal_id: int) -> Outcome:
        """Another editor decided first: say who, and what."""
        current = await self.get(proposal_id)
        if current is None:
            return Outcome(False, f"there is no proposal #{proposal_id}")
        return Outcome(False, decided_line(current), current)

    def _new_story_record(
        self, group: ItemGroup, now: dt.datetime, *, story_id: str, title: str, topic: str
    ) -> dict[str, object]:
        outlets = " and ".join(group.outlets)
        update = NewUpdate(
            date=(group.published or now).astimezone(dt.UTC).date(),
            headline=truncate(group.headline, HEADLINE_CHARS),
            text=outlet_text(group),
            added=now,
            sources=_sources(group),
        )
        record: dict[str, object] = {
            "id": story_id,
            "title": truncate(title, 200),
            "topic": truncate(topic, 60),
            "summary": truncate(f"{outlets} reported: “{group.headline}”", 600),
        }
        # People, places and organisations the items name (a plain heuristic: see review/entities).
        texts = [m.title for m in group.members] + [m.snippet or "" for m in group.members]
        entities = find_entities(texts, group.outlets)
        if entities.as_table():
            record["entities"] = entities.as_table()
        record["updates"] = [update.table()]
        record["sources"] = [
            {"publisher": m.publisher, **({"url": m.link} if m.link else {})} for m in group.members
        ]
        return record


_NEW_STORY_HEADER = (
    "Story record made by the editor's review from news feed items.",
    "Headlines and quoted snippets are the outlets' own words, credited in [[sources]].",
)
