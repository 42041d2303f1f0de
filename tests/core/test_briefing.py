"""The daily brief: what is new since the last one, topic filters, and fitting many stories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.briefing import compose_brief, end_of, known_topics, select_topics
from bot.core.desk import NewsDesk
from bot.core.library import StoryLibrary
from bot.core.replies import Action
from bot.render.discord_payload import message_payload
from bot.render.limits import EMBED_FIELDS, message_problems

DAY = dt.date(2025, 10, 11)


def test_without_a_previous_brief_only_the_last_day_is_new(library: StoryLibrary) -> None:
    brief = compose_brief(library.stories, DAY)  # "now" is the start of DAY: the day before is new
    assert brief.since is None
    assert len(brief.items) == 4
    assert {i.story.id for i in brief.items if i.is_new} == {
        "gaza-ceasefire",
        "france-government",
        "china-export-curbs",  # updated 10 October; the Ukraine story in December 2024 is not new
    }
    next_day = DAY + dt.timedelta(days=1)
    assert compose_brief(library.stories, next_day).new_count == 0
    now = dt.datetime(2025, 10, 11, 18, tzinfo=dt.UTC)  # 18 hours after the 10 October updates came in
    assert compose_brief(library.stories, DAY, now=now).new_count == 3
    assert compose_brief(library.stories, DAY, now=now + dt.timedelta(days=1)).new_count == 0


def test_since_without_when_it_was_posted_is_not_a_date_comparison(library: StoryLibrary) -> None:
    # The old "new" compared dates: everything dated after 1 January was new. Now only the time the
    # previous brief was posted (seen_at) counts; a bare day gives the last-day rule, and says so.
    later = DAY + dt.timedelta(days=2)
    assert compose_brief(library.stories, later, since=dt.date(2025, 1, 1)).new_count == 0
    assert compose_brief(library.stories, later, since=dt.date(2025, 1, 1)).since is None
    posted = compose_brief(
        library.stories, later, since=dt.date(2025, 1, 1), seen_at=end_of(dt.date(2025, 1, 1))
    )
    assert posted.new_count == 3 and posted.since == dt.date(2025, 1, 1)


def test_since_marks_new_and_unchanged(library: StoryLibrary) -> None:
    brief = compose_brief(
        library.stories, DAY, since=dt.date(2025, 1, 1), seen_at=end_of(dt.date(2025, 1, 1))
    )
    new = {item.story.id: item.is_new for item in brief.items}
    assert new == {
        "gaza-ceasefire": True,
        "france-government": True,
        "china-export-curbs": True,
        "ukraine-energy-grid": False,  # last updated December 2024
    }
    assert brief.new_count == 3


def test_since_on_the_update_day_is_not_new(library: StoryLibrary) -> None:
    brief = compose_brief(
        library.stories, DAY, since=dt.date(2025, 10, 10), seen_at=end_of(dt.date(2025, 10, 10))
    )
    assert brief.new_count == 0


def test_a_past_day_only_knows_earlier_updates(library: StoryLibrary) -> None:
    brief = compose_brief(library.stories, dt.date(2024, 12, 31))
    by_id = {item.story.id: item for item in brief.items}
    assert set(by_id) == {"gaza-ceasefire", "ukraine-energy-grid"}
    assert by_id["gaza-ceasefire"].latest.date == dt.date(2024, 8, 15)
    assert by_id["gaza-ceasefire"].lead.startswith("Israeli negotiators sat down")


def test_sections_put_news_first(library: StoryLibrary) -> None:
    brief = compose_brief(
        library.stories, DAY, since=dt.date(2025, 1, 1), seen_at=end_of(dt.date(2025, 1, 1))
    )
    topics = [topic for topic, _ in brief.sections]
    assert topics[-1] == "War in Ukraine"  # the only topic without news goes last
    assert set(topics) == set(known_topics(library.stories))


def test_lead_is_the_first_sentence_of_the_latest_update(library: StoryLibrary) -> None:
    (item,) = compose_brief(library.stories, DAY, topics=["Europe"]).items
    assert item.lead == (
        "French President Emmanuel Macron is scrambling to get France out of a deepening political free fall."
    )


@pytest.mark.parametrize(
    ("wanted", "ids"),
    [
        (["Trade"], {"china-export-curbs"}),
        (["trade"], {"china-export-curbs"}),
        (["  MIDDLE   east "], {"gaza-ceasefire"}),
        (["Europe", "War in Ukraine"], {"france-government", "ukraine-energy-grid"}),
        (["gaza-ceasefire"], {"gaza-ceasefire"}),  # a story id works too
        (["France's government crisis"], {"france-government"}),  # and a title
        (["Sport"], set()),
        ([], {"china-export-curbs", "france-government", "gaza-ceasefire", "ukraine-energy-grid"}),
    ],
)
def test_topic_filter(library: StoryLibrary, wanted: list[str], ids: set[str]) -> None:
    assert {s.id for s in select_topics(library.stories, wanted)} == ids
    assert {i.story.id for i in compose_brief(library.stories, DAY, topics=wanted).items} == ids


def test_known_topics(library: StoryLibrary) -> None:
    assert known_topics(library.stories) == ["Europe", "Middle East", "Trade", "War in Ukraine"]


# --- many stories -------------------------------------------------------------------------------------


@pytest.fixture
def crowded_desk(tmp_path: Path, make_story_file) -> NewsDesk:
    """40 stories in 30 topics, every text near its maximum length."""
    long_text = " ".join(f"Sentence {n} of a long update with many words in it." for n in range(60))
    for i in range(40):
        make_story_file(
            tmp_path,
            id=f"story-{i:02d}",
            title=f"Synthetic story {i} " + "x" * 170,
            topic=f"Topic {i % 30} " + "t" * 45,
            summary="s" * 590,
            updates=[
                {"date": dt.date(2025, 1, 1) + dt.timedelta(days=i), "headline": "H" * 199, "text": long_text}
            ],
            sources=[{"publisher": f"Publisher {i} " + "p" * 90}],
        )
    return NewsDesk(StoryLibrary.load(tmp_path))


def test_crowded_brief_stays_within_discord_limits(crowded_desk: NewsDesk) -> None:
    reply = crowded_desk.brief(
        dt.date(2025, 3, 1), since=dt.date(2025, 1, 1), seen_at=end_of(dt.date(2025, 1, 1))
    )
    payload = message_payload(reply)
    assert message_problems(payload) == []
    (embed,) = payload["embeds"]
    assert len(embed["fields"]) == EMBED_FIELDS
    assert embed["fields"][-1]["value"] == "and 7 more"  # 30 topics with news + "Unchanged", 24 shown
    assert "…" in embed["footer"]["text"]  # 40 long publisher names, visibly cut


def test_crowded_brief_uses_a_picker(crowded_desk: NewsDesk) -> None:
    reply = crowded_desk.brief(dt.date(2025, 3, 1))
    assert reply.buttons == ()
    assert reply.picker is not None
    assert reply.picker.action is Action.FOLLOW_UP
    assert len(reply.picker.options) == 25
    select = message_payload(reply)["components"][0]["components"][0]
    assert select["type"] == 3
    assert len(select["options"]) == 25
    assert all(len(o["label"]) <= 100 for o in select["options"])


def test_five_stories_get_buttons_and_six_a_picker(tmp_path: Path, make_story_file) -> None:
    for i in range(5):
        make_story_file(tmp_path, id=f"s{i}", topic=f"T{i}")
    desk = NewsDesk(StoryLibrary.load(tmp_path))
    five = desk.brief(dt.date(2025, 2, 1))
    assert five.picker is None
    assert {b.story_id for b in five.buttons} == {f"s{i}" for i in range(5)}
    assert all(b.action is Action.FOLLOW_UP for b in five.buttons)
    make_story_file(tmp_path, id="s5", topic="T5")
    desk.library.reload()
    six = desk.brief(dt.date(2025, 2, 1))
    assert six.buttons == ()
    assert six.picker is not None and len(six.picker.options) == 6


# --- "new" since this server's previous posted brief ------------------------------------------------

_UTC = dt.UTC


def _update(day: dt.date, headline: str, added: dt.datetime | None = None) -> dict[str, object]:
    out: dict[str, object] = {"date": day, "headline": headline, "text": f"{headline}. More."}
    if added is not None:
        out["added"] = added
    return out


def test_two_updates_on_one_day_are_told_apart_by_when_they_were_added(
    tmp_path: Path, make_story_file
) -> None:
    day = dt.date(2025, 10, 12)
    make_story_file(
        tmp_path,
        updates=[
            _update(day, "Morning", dt.datetime(2025, 10, 12, 8, tzinfo=_UTC)),
            _update(day, "Afternoon", dt.datetime(2025, 10, 12, 15, tzinfo=_UTC)),
        ],
    )
    stories = StoryLibrary.load(tmp_path).stories
    seen = dt.datetime(2025, 10, 12, 12, tzinfo=_UTC)  # the previous brief went out at noon
    (item,) = compose_brief(stories, day, seen_at=seen, now=seen + dt.timedelta(days=1)).items
    assert item.is_new and [u.headline for u in item.fresh] == ["Afternoon"]
    later = dt.datetime(2025, 10, 12, 16, tzinfo=_UTC)
    (item,) = compose_brief(stories, day, seen_at=later, now=later).items
    assert not item.is_new and item.fresh == ()


def test_a_servers_first_brief_calls_nothing_older_than_a_day_new(tmp_path: Path, make_story_file) -> None:
    now = dt.datetime(2025, 10, 13, 9, tzinfo=_UTC)
    make_story_file(tmp_path, id="old", updates=[_update(dt.date(2024, 8, 1), "Fourteen months ago")])
    make_story_file(
        tmp_path,
        id="fresh",
        updates=[
            _update(dt.date(2024, 8, 1), "Old"),
            _update(now.date(), "Today", now - dt.timedelta(hours=2)),
        ],
    )
    brief = compose_brief(StoryLibrary.load(tmp_path).stories, now.date(), now=now)
    assert {i.story.id: i.is_new for i in brief.items} == {"old": False, "fresh": True}
    assert brief.new_count == 1


def test_unchanged_stories_share_one_line_and_titles_have_no_timestamps(desk: NewsDesk) -> None:
    reply = desk.brief(
        dt.date(2025, 10, 11), since=dt.date(2025, 10, 10), seen_at=end_of(dt.date(2025, 10, 10))
    )
    payload = message_payload(reply)
    (embed,) = payload["embeds"]
    assert "<t:" not in embed["title"]
    names = [f["name"] for f in embed["fields"]]
    assert names == ["Unchanged"]
    assert embed["fields"][0]["value"].count("no change since <t:") == 4
