"""The daily brief: what to say about each story today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.models import Story, Update
from bot.core.text import split_sentences, words

# A server's first brief calls only this much new: older updates were news before it joined.
FIRST_BRIEF_WINDOW = dt.timedelta(days=1)


@dataclass(frozen=True)
class BriefItem:
    story: Story
    latest: Update
    is_new: bool  # updated since the previous brief (or there was none)
    lead: str  # the first sentence of the latest update
    fresh: tuple[Update, ...] = ()  # the updates new to this reader, newest first


def added_at(update: Update) -> dt.datetime:
    """When an update became known: its ``added`` stamp, else (hand-written) the end of its day."""
    if update.added is not None:
        return update.added
    return dt.datetime.combine(update.date + dt.timedelta(days=1), dt.time(), dt.UTC)


def new_updates(updates: Sequence[Update], cutoff: dt.datetime) -> tuple[Update, ...]:
    """Updates added after ``cutoff``, newest first: two on one day are told apart by ``added``."""
    return tuple(u for u in reversed(updates) if added_at(u) > cutoff)


@dataclass(frozen=True)
class Brief:
    day: dt.date
    since: dt.date | None
    sections: tuple[tuple[str, tuple[BriefItem, ...]], ...]  # (topic, items), newest first within

    @property
    def items(self) -> tuple[BriefItem, ...]:
        return tuple(item for _, items in self.sections for item in items)

    @property
    def new_count(self) -> int:
        return sum(item.is_new for item in self.items)


def _topic_key(text: str) -> str:
    return " ".join(words(text))


def select_topics(stories: Iterable[Story], wanted: Sequence[str] | None) -> list[Story]:
    """Stories whose topic, id or title matches one of ``wanted`` (all when none are given)."""
    stories = list(stories)
    if not wanted:
        return stories
    keys = {_topic_key(w) for w in wanted if _topic_key(w)}
    return [s for s in stories if keys & {_topic_key(s.topic), _topic_key(s.id), _topic_key(s.title)}]


def compose_brief(
    stories: Iterable[Story],
    day: dt.date,
    *,
    topics: Sequence[str] | None = None,
    since: dt.date | None = None,
    seen_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Brief:
    """Group stories by topic, marking what is new.

    With ``now`` (a scheduled brief), "new" means added after ``seen_at`` - when this server's
    previous brief was posted - or, for a server's first brief, within the last day. Without it,
    a story is new when its latest update is dated after ``since`` (all are, without one).
    Updates dated after ``day`` are ignored so a brief for a past day shows what was known then.
    """
    cutoff = None if now is None else (seen_at or now - FIRST_BRIEF_WINDOW)
    by_topic: dict[str, list[BriefItem]] = {}
    for story in select_topics(stories, topics):
        known = [u for u in story.updates if u.date <= day]
        if not known:
            continue
        latest = known[-1]
        if cutoff is not None:
            fresh = new_updates(known, cutoff)
        else:
            fresh = (latest,) if since is None or latest.date > since else ()
        lead = (split_sentences(latest.text) or [latest.text])[0]
        by_topic.setdefault(story.topic, []).append(BriefItem(story, latest, bool(fresh), lead, fresh))
    sections = []
    for topic, items in by_topic.items():
        items.sort(key=lambda item: (not item.is_new, -item.latest.date.toordinal(), item.story.title))
        sections.append((topic, tuple(items)))
    # Topics with news first, then by most recent update.
    sections.sort(
        key=lambda sec: (not any(i.is_new for i in sec[1]), -sec[1][0].latest.date.toordinal(), sec[0])
    )
    return Brief(day, since, tuple(sections))


def known_topics(stories: Iterable[Story]) -> list[str]:
    return sorted({s.topic for s in stories})
