"""The daily brief: what to say about each story today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.models import Story, Update
from bot.core.text import split_sentences, words


@dataclass(frozen=True)
class BriefItem:
    story: Story
    latest: Update
    is_new: bool  # updated since the previous brief (or there was none)
    lead: str  # the first sentence of the latest update


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
) -> Brief:
    """Group stories by topic; a story is new when updated after ``since`` (all are, without one).

    Updates dated after ``day`` are ignored so a brief for a past day shows what was known then.
    """
    by_topic: dict[str, list[BriefItem]] = {}
    for story in select_topics(stories, topics):
        known = [u for u in story.updates if u.date <= day]
        if not known:
            continue
        latest = known[-1]
        is_new = since is None or latest.date > since
        lead = (split_sentences(latest.text) or [latest.text])[0]
        by_topic.setdefault(story.topic, []).append(BriefItem(story, latest, is_new, lead))
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
