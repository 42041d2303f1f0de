"""Plain records passed between the feed modules and storage (no I/O, no framework types)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = [
    "Candidate",
    "GroupMember",
    "ItemGroup",
    "ParsedFeed",
    "ParsedItem",
    "ProposalDraft",
    "ProposalKind",
    "ProposalRecord",
    "ProposalStatus",
    "SourceRecord",
]


class ProposalKind(StrEnum):
    UPDATE = "update"  # a clear winner: this group is news about that story
    REVIEW = "review"  # uncertain: a person picks among the top candidates
    NEW_STORY = "new_story"  # matches no story but several outlets report it


class ProposalStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"  # the group grew and was matched again; see the newer proposal


@dataclass(frozen=True)
class ParsedItem:
    """One entry of a feed, as plain text (markup stripped, whitespace collapsed, length capped)."""

    title: str
    link: str | None = None
    guid: str | None = None
    summary: str = ""
    published: datetime | None = None  # aware UTC, or None when the feed gives no usable date


@dataclass(frozen=True)
class ParsedFeed:
    kind: str  # "rss", "atom", "json" (the format the parser recognised)
    title: str
    items: tuple[ParsedItem, ...]
    warnings: tuple[str, ...] = ()  # e.g. malformed XML that was still readable


@dataclass(frozen=True)
class SourceRecord:
    """A feed source and its polling state, as stored."""

    id: int
    url: str
    publisher: str
    language: str | None
    topics: tuple[str, ...]
    origin: str  # "config" or "cli"
    etag: str | None
    last_modified: str | None
    interval_seconds: int
    next_poll_at: datetime
    last_polled_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    disabled_reason: str | None
    disabled_at: datetime | None
    disabled_notified_at: datetime | None
    primed: bool  # the first successful fetch happened (its items were recorded, not proposed)
    item_count: int = 0

    @property
    def disabled(self) -> bool:
        return self.disabled_reason is not None

    @property
    def health(self) -> str:
        if self.disabled_reason:
            return "disabled"
        if self.consecutive_failures:
            return "failing"
        if self.last_success_at is None:
            return "new"
        return "ok"


@dataclass(frozen=True)
class GroupMember:
    """One outlet's item inside a group: the provenance a reviewer sees."""

    item_id: int
    publisher: str
    title: str
    link: str | None
    published: datetime | None
    snippet: str


@dataclass(frozen=True)
class ItemGroup:
    """Near-duplicate items about one event, from one or more outlets."""

    id: int
    members: tuple[GroupMember, ...]

    @property
    def headline(self) -> str:
        # The earliest report's headline: the others are usually rewrites of it.
        return self._ordered()[0].title

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.publisher for m in self._ordered()))

    @property
    def snippet(self) -> str:
        return next((m.snippet for m in self._ordered() if m.snippet), "")

    @property
    def published(self) -> datetime | None:
        times = [m.published for m in self.members if m.published is not None]
        return min(times) if times else None

    def _ordered(self) -> list[GroupMember]:
        return sorted(self.members, key=lambda m: (m.published is None, m.published or 0, m.item_id))


@dataclass(frozen=True)
class Candidate:
    """A story the group might belong to, with why."""

    story_id: str
    title: str
    score: float
    coverage: float
    matched_words: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "story": self.story_id,
            "title": self.title,
            "score": self.score,
            "coverage": self.coverage,
            "matched_words": list(self.matched_words),
        }


@dataclass(frozen=True)
class ProposalDraft:
    """What matching decided for a group; ``None`` from matching means "no proposal"."""

    kind: ProposalKind
    story_id: str | None  # the proposed story (UPDATE), None for REVIEW and NEW_STORY
    candidates: tuple[Candidate, ...]
    reason: str  # one line a reviewer can read: why this kind


@dataclass(frozen=True)
class ProposalRecord:
    id: int
    kind: ProposalKind
    status: ProposalStatus
    story_id: str | None
    candidates: tuple[Candidate, ...]
    reason: str
    group: ItemGroup
    created_at: datetime
    updated_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
    superseded_by: int | None = None
