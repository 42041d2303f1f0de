"""The daily brief: what is new since the last one, topic filters, and fitting many stories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.briefing import compose_brief, known_topics, select_topics
from bot.core.desk import NewsDesk
from bot.core.library import StoryLibrary
from bot.core.replies import Action
from bot.render.discord_payload import message_payload
from bot.render.limits import EMBED_FIELDS, message_problems

DAY = dt.date(2025, 10, 11)


def test_every_story_is_new_without_a_previous_brief(library: StoryLibrary) -> None:
    brief = compose_brief(library.stories, DAY)
    assert brief.since is None
    assert len(brief.items) == 4
    assert brief.new_count == 4


def test_since_marks_new_and_unchanged(library: StoryLibrary) -> None:
    brief = compose_brief(library.stories, DAY, since=dt.date(2025, 1, 1))
    new = {item.story.id: item.is_new for item in brief.items}
    assert new == {
        "gaza-ceasefire": True,
        "france-government": True,
        "china-export-curbs": True,
        "ukraine-energy-grid": False,  # last updated December 2024
    }
    assert brief.new_count == 3


def test_since_on_the_update_day_is_not_new(library: StoryLibrary) -> None:
    brief = compose_brief(library.stories, DAY, since=dt.date(2025, 10, 10))
    assert brief.new_count == 0


def test_a_past_day_only_knows_earlier_updates(library: StoryLibrary) -> None:
    brief = compose_brief(library.stories, dt.date(2024, 12, 31))
    by_id = {item.story.id: item for item in brief.items}
    assert set(by_id) == {"gaza-ceasefire", "ukraine-energy-grid"}
    assert by_id["gaza-ceasefire"].latest.date == dt.date(2024, 8, 15)
    assert by_id["gaza-ceasefire"].lead.startswith("Israeli negotiators sat down")


def test_sections_put_news_first(library: StoryLibrary) -> None:
    brief = compose_brief(library.stories, DAY, since=dt.date(2025, 1, 1))
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
    reply = crowded_desk.brief(dt.date(2025, 3, 1), since=dt.date(2025, 1, 25))
    payload = message_payload(reply)
    assert message_problems(payload) == []
    (embed,) = payload["embeds"]
    assert len(embed["fields"]) == EMBED_FIELDS
    assert embed["fields"][-1]["value"] == "and 6 more"  # 30 topics, 24 shown
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
