"""The desk's commands: replies for questions, stories, pages, autocomplete and help."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.desk import MAX_CHOICES, STORY_PAGE_CHARS, NewsDesk
from bot.core.library import StoryLibrary
from bot.core.replies import Action, Reply
from bot.render.discord_payload import custom_id, message_payload, parse_custom_id
from bot.render.limits import message_problems


def _payload_ok(reply: Reply) -> dict:
    payload = message_payload(reply)
    assert message_problems(payload) == []
    ids = [c["custom_id"] for row in payload["components"] for c in row["components"]]
    assert len(ids) == len(set(ids)), "custom ids must be unique within a message"
    return payload


# --- /ask --------------------------------------------------------------------------------------------------


def test_ask_reply_card(desk: NewsDesk) -> None:
    reply = desk.ask("How many hours does Hamas have to hand back the hostages?")
    assert reply.story_id == "gaza-ceasefire"
    assert not reply.ephemeral
    (card,) = reply.cards
    assert card.title == "Gaza cease-fire talks"
    assert "72 hours" in card.description
    assert card.date == dt.date(2025, 10, 10)
    assert card.fields and card.fields[0][0] == "Updated"
    assert card.footer is not None and "GZERO Media" in card.footer and "match" in card.footer
    assert [(b.action, b.story_id) for b in reply.buttons] == [
        (Action.FULL_STORY, "gaza-ceasefire"),
        (Action.TIMELINE, "gaza-ceasefire"),
        (Action.FOLLOW_UP, "gaza-ceasefire"),
    ]
    _payload_ok(reply)


def test_no_match_offers_suggestions(desk: NewsDesk) -> None:
    reply = desk.ask("Qatar weather forecast tomorrow")
    assert reply.ephemeral and reply.cards == ()
    assert reply.content is not None and "Did you mean" in reply.content
    assert [(b.action, b.story_id) for b in reply.buttons] == [(Action.SUGGESTION, "gaza-ceasefire")]
    _payload_ok(reply)


def test_no_match_without_suggestions_points_to_stories(desk: NewsDesk) -> None:
    reply = desk.ask("recipe for lasagna")
    assert reply.buttons == ()
    assert reply.content is not None and "/stories" in reply.content


def test_empty_question_gets_an_example(desk: NewsDesk) -> None:
    reply = desk.ask("   ")
    assert reply.content is not None and "/ask" in reply.content
    assert reply.story_id is None


def test_follow_up_button_sets_the_context(desk: NewsDesk) -> None:
    reply = desk.follow_up("ukraine-energy-grid", "when did that happen?")
    assert reply.story_id == "ukraine-energy-grid"
    assert "13 December 2024" in reply.cards[0].description


def test_follow_up_on_a_removed_story(desk: NewsDesk) -> None:
    reply = desk.follow_up("no-longer-here", "what now?")
    assert reply.ephemeral and reply.content is not None and "no longer" in reply.content


# --- /story and pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "story"),
    [
        ("gaza-ceasefire", "gaza-ceasefire"),
        ("Ukraine blackouts", "ukraine-energy-grid"),
        ("frnce", "france-government"),
        ("rare erth", "china-export-curbs"),
        ("hostage deal", "gaza-ceasefire"),
    ],
)
def test_find_story(desk: NewsDesk, query: str, story: str) -> None:
    found, suggestions = desk.find_story(query)
    assert found is not None and found.id == story
    assert suggestions == ()


def test_story_not_found(desk: NewsDesk) -> None:
    reply = desk.story("zzzz qqqq")
    assert reply.ephemeral and reply.cards == ()
    assert reply.content is not None and "zzzz qqqq" in reply.content
    assert len(reply.buttons) <= 3


def test_story_without_a_name(desk: NewsDesk) -> None:
    assert desk.story("  ").content == "Name a story."


def test_short_story_is_one_page(desk: NewsDesk) -> None:
    reply = desk.story("china-export-curbs")
    assert reply.meta["pages"] == 1
    assert not any(b.action is Action.PAGE for b in reply.buttons)
    card = reply.cards[0]
    assert card.description.startswith("China has imposed broad new limits")
    assert "Key facts" in card.description and "Xi Jinping" in card.description
    _payload_ok(reply)


@pytest.fixture
def long_desk(tmp_path: Path, make_story_file) -> NewsDesk:
    updates = [
        {
            "date": dt.date(2025, 1, 1) + dt.timedelta(days=n),
            "headline": f"Day {n} at the lighthouse",
            "text": " ".join(f"On day {n} keeper number {k} logged a storm warning." for k in range(20)),
        }
        for n in range(12)
    ]
    updates.append({"date": dt.date(2025, 2, 1), "headline": "One endless sentence", "text": "word " * 1200})
    make_story_file(tmp_path, id="long-story", updates=updates)
    return NewsDesk(StoryLibrary.load(tmp_path))


def test_long_story_is_paginated_within_limits(long_desk: NewsDesk) -> None:
    story = long_desk.library.index.get("long-story")
    pages = long_desk.story_pages(story)
    assert len(pages) >= 4
    assert all(len(page) <= STORY_PAGE_CHARS for page in pages)
    # Nothing is lost: every update headline appears on some page.
    for update in story.updates:
        assert any(update.headline in page for page in pages)

    seen = []
    reply = long_desk.story("long-story")
    for number in range(len(pages)):
        assert reply.meta["pages"] == len(pages)
        payload = _payload_ok(reply)
        assert f"Page {number + 1} of {len(pages)}" in payload["embeds"][0]["footer"]["text"]
        seen.append(reply.cards[0].description)
        previous, following = (b for b in reply.buttons if b.action is Action.PAGE)
        assert previous.label.endswith("Previous") and following.label.startswith("Next")
        assert previous.disabled == (number == 0)
        assert following.disabled == (number == len(pages) - 1)
        for button in reply.buttons:
            assert parse_custom_id(custom_id(button)) == (button.action, button.story_id, button.page)
        # Press "Next" the way the Discord adapter would: from the custom id alone.
        action, story_id, page = parse_custom_id(custom_id(following))
        assert action is Action.PAGE
        reply = long_desk.story_page(story_id, page)
    assert seen == pages


def test_page_numbers_are_clamped(long_desk: NewsDesk) -> None:
    first = long_desk.story_page("long-story", -5)
    last = long_desk.story_page("long-story", 999)
    pages = long_desk.story_pages(long_desk.library.index.get("long-story"))
    assert first.cards[0].description == pages[0]
    assert last.cards[0].description == pages[-1]


def test_story_page_of_an_unknown_story(desk: NewsDesk) -> None:
    assert "no longer" in (desk.story_page("vanished", 0).content or "")


def test_timeline_is_newest_first(desk: NewsDesk) -> None:
    reply = desk.timeline("gaza-ceasefire")
    lines = reply.cards[0].description.splitlines()
    assert lines[0].endswith("Israel approves the Gaza cease-fire deal")
    assert lines[1].endswith("Hamas skips cease-fire talks in Qatar as Washington presses Israel")
    _payload_ok(reply)


def test_stories_lists_the_catalog_newest_first(desk: NewsDesk) -> None:
    reply = desk.stories()
    (card,) = reply.cards
    assert card.title == "4 stories"
    assert card.description.index("`gaza-ceasefire`") < card.description.index("`ukraine-energy-grid`")
    _payload_ok(reply)


def test_stories_when_empty(tmp_path: Path) -> None:
    reply = NewsDesk(StoryLibrary.load(tmp_path)).stories()
    assert reply.cards == () and reply.content == "No stories are loaded yet."


# --- autocomplete -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("frnce", "france-government"),  # title, with a typo
        ("china-export", "china-export-curbs"),  # id
        ("ukraine blackouts", "ukraine-energy-grid"),  # alias
        ("hostage deal", "gaza-ceasefire"),  # alias
        ("GAZA", "gaza-ceasefire"),
        ("Russia's strikes", "ukraine-energy-grid"),
    ],
)
def test_autocomplete_is_fuzzy(desk: NewsDesk, typed: str, first: str) -> None:
    choices = desk.autocomplete_stories(typed)
    assert choices and choices[0][1] == first
    assert len({value for _, value in choices}) == len(choices)


def test_autocomplete_without_input_lists_recent_stories(desk: NewsDesk) -> None:
    choices = desk.autocomplete_stories("")
    assert len(choices) == 4
    assert choices[-1][1] == "ukraine-energy-grid"  # the oldest update comes last


def test_autocomplete_nonsense_gives_nothing(desk: NewsDesk) -> None:
    assert desk.autocomplete_stories("zzzz") == []


def test_autocomplete_is_capped(tmp_path: Path, make_story_file) -> None:
    for i in range(40):
        make_story_file(tmp_path, id=f"harbour-{i}", title=f"Harbour report {i} " + "x" * 120)
    desk = NewsDesk(StoryLibrary.load(tmp_path))
    for typed in ("", "harbour", "harbor report"):
        choices = desk.autocomplete_stories(typed)
        assert len(choices) == MAX_CHOICES
        assert all(len(label) <= 100 and len(value) <= 100 for label, value in choices)


# --- /help ------------------------------------------------------------------------------------------------


def test_help_lists_what_the_front_end_passes(desk: NewsDesk) -> None:
    commands = [("/ask question", "Ask."), ("/brief [topic]", "Today's brief."), ("/help", "This list.")]
    reply = desk.help(commands, "a tip")
    assert reply.ephemeral
    assert reply.content == "a tip"
    assert list(reply.cards[0].fields) == commands  # nothing added, nothing left out
    _payload_ok(reply)
