"""Who a question makes its subject, and what "which of the ..." asks for, in our own words."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer
from bot.core.question import read_question
from tests.core.answer_checks import CHINA, FRANCE, GAZA, UKRAINE, assert_answered, assert_doesnt_say
from tests.core.answer_checks import story_of as _story

# --- a country before a noun: the place it happened, or the doer ---------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "where did the ukraine strikes hit",
        "which towns did the Ukraine attacks reach?",
        "did the ukraine strikes knock out power in ternopil?",
    ],
)
def test_a_bare_country_before_the_attacks_is_where_they_hit(talking: Answerer, question: str) -> None:
    assert _story(talking.ask(question)) == UKRAINE


@pytest.mark.parametrize(
    "question",
    [
        "Did Ukrainian drones hit Russian refineries last month?",
        "did Ukraine's missiles strike Moscow?",
        "Has Ukraine been hitting Russian refineries with drones?",
    ],
)
def test_a_countrys_own_weapons_hitting_are_that_country_acting(talking: Answerer, question: str) -> None:
    assert _story(talking.ask(question)) is None  # Ukraine attacking is not the story's Russia attacking


# --- the story's own person as the subject of any question ------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What party does Mr Macron belong to, and how many seats has it got?",
        "which university did President Macron go to?",
    ],
)
def test_the_storys_person_as_subject_makes_it_about_the_story(talking: Answerer, question: str) -> None:
    assert_doesnt_say(talking, question, FRANCE)


def test_a_person_no_story_names_as_subject_is_still_declined(talking: Answerer) -> None:
    assert _story(talking.ask("What party does Mr Scholz belong to?")) is None


# --- "which of the X": members of X, which a sentence naming only X doesn't give ---------------


@pytest.mark.parametrize(
    ("question", "target"),
    [
        ("which of the rare earths are on the list?", ("rare", "earths")),
        ("which ones of the minerals did beijing restrict?", ("minerals",)),
        ("Which of these metals can't be sold abroad now?", ("metals",)),
    ],
)
def test_which_of_the_things_asks_for_some_of_them(question: str, target: tuple[str, ...]) -> None:
    assert read_question(question).target == target


def test_which_of_the_rare_earths_the_story_doesnt_name(talking: Answerer) -> None:
    assert_doesnt_say(
        talking, "Which of the rare earths in particular did China put on its banned list?", CHINA
    )


def test_which_of_the_regions_is_still_a_place(talking: Answerer) -> None:
    assert_answered(talking, "which of the regions lost electricity?", UKRAINE, "ternopil")


# --- "anywhere else", "operations": no subject of their own in a follow-up ---------------------


def test_anywhere_else_asks_the_story_under_discussion(talking: Answerer) -> None:
    talking.ask("where were the emergency crews working after the ukraine strikes?", "c")
    answer = talking.ask("Were rescue operations needed anywhere else?", "c")
    assert _story(answer) == UKRAINE and "prikarpattia" in answer.text.lower()


# --- "what year": a date the sentence states beats a weekday whose date is worked out ---------


def test_when_prefers_the_sentence_stating_its_date(talking: Answerer) -> None:
    answer = assert_answered(
        talking, "What year were the Qatar talks that Hamas skipped?", GAZA, "august 2024"
    )
    assert "thursday" not in answer.text.lower()


# --- "who is behind it?": someone responsible, not a list of users -----------------------------


def test_who_is_behind_it_is_not_answered_with_a_list_of_users(talking: Answerer) -> None:
    answer = talking.ask("who's behind this rare earth export ban?")
    assert _story(answer) == CHINA and "semiconductors" not in answer.text
    assert "semiconductors" in talking.ask("who relies on rare earths?").text


# --- "what's new?" and a story's name: the newest update, whole when it is short ---------------


@pytest.mark.parametrize(
    ("question", "story", "news"),
    [
        ("ukraine power cuts", UKRAINE, "half of the consumers"),  # its third sentence
        ("anything new on the french government?", FRANCE, "might finally stick"),  # its fourth
    ],
)
def test_the_newest_update_is_told_whole_when_short(
    talking: Answerer, question: str, story: str, news: str
) -> None:
    assert len(assert_answered(talking, question, story, news).text) <= 400


@pytest.mark.parametrize(
    "question",
    [
        "Has there been any recent development regarding the government in Paris?",
        "have there been any fresh updates on the ukraine grid?",
    ],
)
def test_has_there_been_any_recent_news_asks_for_the_news(question: str) -> None:
    assert read_question(question).kind == "latest"
    assert read_question("is there new fighting in gaza?").kind == "yes-no"  # new fighting, no news
