"""Readings that decide what a question asks: the news told with its headline, a name that picks out
another thing than the story's, who is acting, a reason offered, a follow-up pointing back.
Our own wording; each reading has its own test."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer
from bot.core.question import read_question
from tests.core.answer_checks import (
    CHINA,
    FRANCE,
    GAZA,
    UKRAINE,
    assert_answered,
    assert_doesnt_say,
    story_of,
)

# --- the latest news, as news is told ------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "story", "headline"),
    [
        ("france pm saga, latest?", FRANCE, "Macron tries again to find a prime minister who lasts: "),
        ("ukraine power grid", UKRAINE, "Missile barrage hits Ukraine's power network: "),
    ],
)
def test_the_latest_news_opens_with_its_headline(
    talking: Answerer, question: str, story: str, headline: str
) -> None:
    answer = talking.ask(question)
    assert story_of(answer) == story
    assert answer.text.startswith(headline)
    assert len(answer.text) <= 400


# --- a name before the story's own thing names another one -------------------------------------


@pytest.mark.parametrize(
    "question",
    ["What's the situation at the Khmelnytskyi nuclear power plant?", "any update on the Rivne power plant?"],
)
def test_an_unknown_name_before_the_storys_thing_is_another_one(talking: Answerer, question: str) -> None:
    assert story_of(talking.ask(question)) is None


def test_the_storys_own_place_before_its_thing_still_finds_it(talking: Answerer) -> None:
    assert story_of(talking.ask("how are the Ternopil power lines doing?")) == UKRAINE


# --- what a named actor did ----------------------------------------------------------------------


def test_what_a_pictured_leader_did_is_not_answered_by_the_photo(talking: Answerer) -> None:
    answer = assert_doesnt_say(talking, "so what did Trump do about Beijing's mineral limits?", CHINA)
    assert "what Trump did about" in answer.text


def test_whether_a_country_explained_itself_needs_its_own_words(talking: Answerer) -> None:
    talking.ask("when were the Ukrainian power stations hit?", "k")
    answer = talking.ask("did Moscow say why it did that?", "k")
    assert story_of(answer) == UKRAINE and answer.direct is False and "doesn't say" in answer.text


# --- a reason offered ----------------------------------------------------------------------------


def test_a_reason_offered_that_the_story_never_mentions_is_not_given(talking: Answerer) -> None:
    assert_doesnt_say(talking, "why did those French premiers keep falling, was it over pensions?", FRANCE)


def test_a_reason_offered_that_the_story_tells_is_answered(talking: Answerer) -> None:
    assert_answered(
        talking,
        "why did Hamas stay out of the Doha meeting, was it because of the Egypt border?",
        GAZA,
        "border",
    )


@pytest.mark.parametrize(
    "question",
    ["Could you explain why Beijing chose to limit these exports?", "Do we know why the Chinese did it?"],
)
def test_why_asked_inside_another_question_asks_a_motive(question: str) -> None:
    assert read_question(question).motive


def test_why_it_could_hurt_asks_a_consequence_not_a_motive() -> None:
    assert not read_question("Why might Beijing's curbs hurt car factories in Europe?").motive


# --- who is doing it -----------------------------------------------------------------------------


def test_who_will_choose_asks_for_the_chooser(talking: Answerer) -> None:
    assert_answered(talking, "who is going to choose France's next premier?", FRANCE, "Macron")


def test_who_is_it_that_will_choose_is_a_cleft_about_the_chooser(talking: Answerer) -> None:
    talking.ask("how many French prime ministers have fallen lately?", "c")
    answer = talking.ask("and who is it that will pick the next one?", "c")
    assert story_of(answer) == FRANCE and "Macron" in answer.text and "Rahman" not in answer.text


def test_who_governs_a_place_no_sentence_governs_is_not_said(talking: Answerer) -> None:
    assert_doesnt_say(talking, "who is running Gaza these days?", GAZA)


# --- follow-ups pointing back --------------------------------------------------------------------


def test_another_go_is_a_second_try_not_someone_else() -> None:
    assert not read_question("when does he get another crack at it?").wants_other
    assert read_question("which other regions were hit?").wants_other


def test_the_resulting_thing_points_back_in_a_conversation(talking: Answerer) -> None:
    talking.ask("When did Russia bombard Ukraine's grid?", "r")
    answer = talking.ask("How severe was the ensuing disruption for households?", "r")
    assert story_of(answer) == UKRAINE


def test_that_thing_of_the_story_keeps_a_long_follow_up_on_it(talking: Answerer) -> None:
    talking.ask("what does the October deal make the Israeli army do?", "p")
    answer = talking.ask("and who exactly is meant to watch over that perimeter once troops are back?", "p")
    assert story_of(answer) == GAZA


def test_a_list_asked_of_the_story_in_a_conversation_stays_on_it(talking: Answerer) -> None:
    talking.ask("what has Beijing restricted?", "l")
    assert story_of(talking.ask("complete list of the metals?", "l")) == CHINA


# --- whether the war is over ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "question", ["so is the fighting in Gaza over now?", "is the Gaza truce a done deal?"]
)
def test_whether_the_war_is_over_asks_for_the_newest_truce(talking: Answerer, question: str) -> None:
    assert_answered(talking, question, GAZA, "took effect")


# --- someone else of the same surname ------------------------------------------------------------


def test_another_first_name_before_the_storys_surname_is_someone_else(talking: Answerer) -> None:
    assert story_of(talking.ask("Is Brigitte Macron still suing that podcaster?")) is None
    assert story_of(talking.ask("What is Emmanuel Macron doing about the crisis?")) == FRANCE


def test_a_common_word_before_the_surname_is_no_other_name(talking: Answerer) -> None:
    assert story_of(talking.ask("Which party Macron belong to?")) == FRANCE


def test_another_storys_own_name_in_lower_case_moves_the_conversation(talking: Answerer) -> None:
    talking.ask("any news on the french government?", "g")
    assert story_of(talking.ask("and who is running gaza these days?", "g")) == GAZA
