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


def end_of(day: dt.date) -> dt.datetime:
    """The end of ``day`` (midnight after it, UTC): "now" for a brief of a past day."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), dt.UTC)


def new_cutoff(day: dt.date, seen_at: dt.datetime | None, now: dt.datetime | None = None) -> dt.datetime:
    """The one definition of "new" in a brief, for every front end: updates added after this.

    ``seen_at`` is when this server's previous brief was *posted* (the delivery log knows). Without
    one - a server's first brief, or a front end without a server (the command line, the console) -
    only what was added in the last day before ``now`` is new. ``now`` defaults to the start of
    ``day`` (UTC): the brief of a given day, as a morning brief, tells what the day before added.
    """
    if seen_at is not None:
        return seen_at
    start = dt.datetime.combine(day, dt.time(), dt.UTC)
    return (now if now is not None else start) - FIRST_BRIEF_WINDOW


def new_updates(updates: Sequence[Update], cutoff: dt.datetime) -> tuple[Update, ...]:
    """Updates added after ``cutoff``, newest first: two on one day are told apart by ``added``."""
    return tuple(u for u in reversed(updates) if added_at(u) > cutoff)


@dataclass(frozen=True)
class Brief:
    day: dt.date
    since: dt.date | None  # the day of the previous posted brief; None: "new" is the last day
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
    """Group stories by topic, marking what is new: added after :func:`new_cutoff` - this server's
    previous posted brief (``seen_at``, of the day ``since``), else the last day before ``now``.
    Updates dated after ``day`` are ignored so a brief for a past day shows what was known then.
    """
    cutoff = new_cutoff(day, seen_at, now)
    if seen_at is None:
        since = None  # without the previous brief's time, "new" is the last day, and the brief says so
    by_topic: dict[str, list[BriefItem]] = {}
    for story in select_topics(stories, topics):
        known = [u for u in story.updates if u.date <= day]
        if not known:
            continue
        latest = known[-1]
        fresh = new_updates(known, cutoff)
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
