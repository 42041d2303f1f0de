"""The rules behind extractive answers and follow-ups, one at a time."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer
from bot.core.sentences import _quantities
from bot.core.text import is_date_word, words
from tests.core.answer_checks import CHINA, GAZA, UKRAINE, assert_doesnt_say
from tests.core.answer_checks import story_of as _story


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Half of the consumers were left without power.", True),
        ("The strikes came on 13 December 2024.", False),  # a date, not an amount
        ("On December 13 the lights went out.", False),
        ("Hamas has 72 hours to return the hostages.", True),
        ("Five prime ministers fell in 2024.", True),
        ("No figures were given.", False),
    ],
)
def test_a_quantity_is_a_number_outside_a_date(text: str, expected: bool) -> None:
    assert bool(_quantities(words(text))) is expected


@pytest.mark.parametrize("word", ["tomorrow", "yesterday", "day", "weeks", "friday", "october", "2025"])
def test_relative_and_calendar_words_answer_when(word: str) -> None:
    assert is_date_word(word)


def test_how_bad_prefers_the_amount_over_the_date(talking: Answerer) -> None:
    talking.ask("russian strikes on the ukrainian grid", "c")
    answer = talking.ask("how bad were the blackouts?", "c")
    assert answer.story is not None and answer.story.id == UKRAINE
    assert "half" in answer.text.lower()


def test_a_headline_leads_to_its_update(talking: Answerer) -> None:
    answer = talking.ask("when did the cease-fire talks in Qatar happen without Hamas?")
    assert answer.date is not None and answer.date.year == 2024


def test_they_ties_two_new_words_to_the_story_but_it_does_not(talking: Answerer) -> None:
    talking.ask("china rare earth curbs", "c")
    assert talking.ask("which firms buy from them?", "c").story.id == CHINA
    talking.ask("china rare earth curbs", "d")
    assert talking.ask("is it raining in london?", "d").story is None


def test_latest_news_about_a_named_thing_is_not_the_overview(talking: Answerer) -> None:
    answer = talking.ask("any news on what Mujtaba Rahman expects?")
    assert answer.story is not None and "Rahman" in answer.text


def test_revenge_is_a_retaliation(talking: Answerer) -> None:
    answer = talking.ask("iranian revenge")
    assert answer.story is not None and answer.story.id == "gaza-ceasefire"
    assert "reprisal" in answer.text or "retaliation" in answer.text


def test_a_name_offered_as_the_answer_is_no_other_topic(talking: Answerer) -> None:
    # the deal is the Gaza story's, whoever is guessed to have brokered it
    answer = assert_doesnt_say(talking, "who brokered the gaza deal? was it Starmer?", GAZA)
    assert answer.text.startswith("The story doesn't say who brokered the gaza deal.")
    answer = assert_doesnt_say(talking, "who brokered the 2025 deal, was it Blinken?", GAZA)
    assert "Blinken" not in answer.text.split(".")[0]
    # ... but a name asked about is still someone no story names
    assert _story(talking.ask("What did Marine Le Pen say about Macron's pick?")) is None


def test_someone_only_the_photo_shows_acting_is_not_a_question_about_the_photo(talking: Answerer) -> None:
    talking.ask("what are china's new curbs?", "photo-chat")
    answer = talking.ask("is trump gonna hit back with tariffs or what", "photo-chat")
    assert _story(answer) == CHINA and answer.direct is False
    assert answer.text.startswith("The story doesn't say whether trump is going to hit back with tariffs.")
    # being in the picture is what the photo does show
    assert "photo" in talking.ask("is Trump in the picture?").text
