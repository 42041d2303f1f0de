"""Render once: identical briefs are composed once per catalog version."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from bot.core.briefing import end_of
from bot.core.desk import NewsDesk
from bot.core.library import StoryLibrary
from bot.services.rendered_briefs import RenderedBriefs
from tests.conftest import BRIEFS_DIR

DAY = dt.date(2025, 11, 20)


def test_the_same_brief_is_composed_once(desk: NewsDesk) -> None:
    briefs = RenderedBriefs(desk)
    first = briefs.brief(DAY, None, None)
    assert briefs.brief(DAY, None, None) is first
    assert briefs.rendered == 1
    assert first == desk.brief(DAY, None, None)


def test_different_topics_dates_since_or_lateness_are_different_briefs(desk: NewsDesk) -> None:
    briefs = RenderedBriefs(desk)
    topic = desk.topics()[0]
    variants = [
        (DAY, None, None, False),
        (DAY, [topic], None, False),
        (DAY + dt.timedelta(days=1), None, None, False),
        (DAY, None, DAY - dt.timedelta(days=3), False),
        (DAY, None, None, True),
    ]
    for day, topics, since, late in variants:
        seen_at = end_of(since) if since else None  # the previous brief of that day, posted at its end
        assert briefs.brief(day, topics, since, late=late, seen_at=seen_at) == desk.brief(
            day, topics, since, late=late, seen_at=seen_at
        )
    assert briefs.rendered == len(variants)


def test_a_reload_renders_again(tmp_path: Path) -> None:
    directory = tmp_path / "briefs"
    shutil.copytree(BRIEFS_DIR, directory)
    library = StoryLibrary.load(directory)
    desk = NewsDesk(library)
    briefs = RenderedBriefs(desk)
    before = briefs.brief(DAY, None, None)
    victim = sorted(directory.glob("*.toml"))[0]
    victim.unlink()
    library.reload()
    after = briefs.brief(DAY, None, None)
    assert after is not before and briefs.rendered == 2
    assert after == desk.brief(DAY, None, None)


def test_the_cache_is_bounded(desk: NewsDesk) -> None:
    briefs = RenderedBriefs(desk, size=2)
    for offset in range(5):
        briefs.brief(DAY + dt.timedelta(days=offset), None, None)
    assert len(briefs._briefs) == 2  # bounded
