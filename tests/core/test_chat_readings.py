"""Readings of chat and dialect questions: who a described person is, a verb's own doer, words a
dialect spells its own way, a country's own reaction. Our own wording; each reading has its own test."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer
from bot.core.geography import countries_in
from bot.core.languages import written_in
from bot.core.phrasing import doesnt_say
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

# --- someone described by what they do -----------------------------------------------------------


def test_a_person_described_by_what_he_does_is_asked_not_the_role_in_the_description(
    talking: Answerer,
) -> None:
    assert_answered(
        talking, "who's the man leading France that can't hold on to a premier?", FRANCE, "Macron"
    )


@pytest.mark.parametrize(
    "question",
    [
        "who's the person that'll pick France's next premier?",
        "who is picking the next French PM?",
        "who's the one fixin' to choose the new French premier?",
    ],
)
def test_the_one_who_will_appoint_is_the_appointer(talking: Answerer, question: str) -> None:
    answer = assert_answered(talking, question, FRANCE, "Macron")
    assert answer.direct and "Rahman" not in answer.text


def test_the_one_who_will_be_appointed_is_not_named(talking: Answerer) -> None:
    talking.ask("how many French premiers have gone lately?", "n")
    answer = talking.ask("so who's the next guy gonna be?", "n")
    assert story_of(answer) == FRANCE and answer.direct is False and "doesn't say" in answer.text


def test_a_question_with_its_is_dropped_is_no_ellipsis() -> None:
    assert not read_question("and what he planning to do about it?").elliptical
    assert read_question("and the Israeli army?").elliptical


# --- doing something in a phrase -----------------------------------------------------------------


def test_cutting_off_exports_is_restricting_them(talking: Answerer) -> None:
    answer = assert_answered(talking, "did Beijing cut off exports of rare earths?", CHINA, "restrictions")
    assert answer.direct


def test_who_is_cutting_off_sales_is_the_country_restricting(talking: Answerer) -> None:
    assert_answered(talking, "who's cuttin off exports of those metals?", CHINA, "China has put in place")


def test_agreeing_to_a_deal_is_approving_it_not_an_agreed_line(talking: Answerer) -> None:
    assert_answered(talking, "did Israel agree to the truce?", GAZA, "approved")


def test_sending_missiles_is_launching_them(talking: Answerer) -> None:
    answer = assert_answered(
        talking, "when did Moscow send those missiles at the grid?", UKRAINE, "13 December"
    )
    assert answer.direct


def test_the_doer_named_first_in_a_claim_put_as_a_question(talking: Answerer) -> None:
    assert_answered(talking, "Hamas went along to the Qatar talks in 2024?", GAZA, "refused")


def test_a_government_named_by_a_two_word_city(talking: Answerer) -> None:
    assert_answered(talking, "has tel aviv's cabinet greenlit the truce yet?", GAZA, "approved")


# --- a country's own reaction --------------------------------------------------------------------


@pytest.mark.parametrize(
    "follow_up", ["and how did the US react?", "what was the response of the United States government?"]
)
def test_a_countrys_reaction_is_its_government_acting(talking: Answerer, follow_up: str) -> None:
    talking.ask("why did Hamas stay away from the Qatar meeting?", "u")
    answer = talking.ask(follow_up, "u")
    assert story_of(answer) == GAZA and answer.direct
    assert "Biden administration" in answer.text or answer.text.startswith("Washington")


def test_worrying_about_someone_elses_reaction_asks_the_worry(talking: Answerer) -> None:
    assert_answered(
        talking, "why is the White House nervous about Tehran hitting back?", GAZA, "wider conflict"
    )


def test_someone_present_instead_asks_who_else_was_there(talking: Answerer) -> None:
    talking.ask("why did Hamas skip the Doha meeting?", "i")
    answer = talking.ask("who was present at the talks instead?", "i")
    assert story_of(answer) == GAZA and "negotiators" in answer.text


# --- words a dialect spells its own way ----------------------------------------------------------


def test_de_is_the_in_caribbean_chat_and_of_in_spanish() -> None:
    assert read_question("who's de fella in charge?").tokens[:4] == ("who", "is", "the", "guy")
    assert "of" in read_question("cuál es la crisis de Francia?").tokens


def test_a_dropped_g_of_a_word_the_lexicon_knows_is_put_back() -> None:
    assert "haggling" in read_question("what were they hagglin about in doha?").tokens


def test_th_written_t_is_read() -> None:
    assert "through" in read_question("how many premiers dey gone t'rough?").tokens


def test_a_short_foreign_name_of_a_country_counts_only_capitalised() -> None:
    assert countries_in("when france gine vote") == {"france"}
    assert countries_in("Gine")


def test_an_english_past_verb_keeps_a_dialect_question_english() -> None:
    assert written_in("wha part o' Ternopil de lights went out?")[0] is None
    assert written_in("la France a perdu cinq premiers ministres?")[0] == "fr"


def test_a_time_word_after_the_counted_thing_is_not_counted() -> None:
    assert read_question("he's gone thru how many premiers now").unit == ("premiers",)


def test_a_name_misspelt_in_its_vowels_is_still_found(talking: Answerer) -> None:
    answer = assert_answered(
        talking, "how many homes in Tarnopel went dark?", UKRAINE, "Half of the consumers"
    )
    assert answer.direct


def test_a_dialect_question_about_an_election_the_story_never_mentions(talking: Answerer) -> None:
    assert_doesnt_say(talking, "When's France gine hold the next election?", FRANCE)


# --- asking how things stand ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "story"),
    [("what's the scene with the Gaza truce?", GAZA), ("where's it at with the Ukraine grid?", UKRAINE)],
)
def test_chat_for_how_things_stand_asks_the_latest(talking: Answerer, question: str, story: str) -> None:
    answer = talking.ask(question)
    assert story_of(answer) == story and answer.direct and ": " in answer.text[:80]


def test_a_fuss_word_is_no_thing_the_story_must_tell(talking: Answerer) -> None:
    answer = talking.ask("some kerfuffle over them Chinese metals, what's the go with that?")
    assert story_of(answer) == CHINA and answer.direct


def test_another_countrys_curbs_in_chat_are_not_chinas(talking: Answerer) -> None:
    assert story_of(talking.ask("is the US puttin fresh export rules on chips to China?")) is None


def test_the_country_a_trailing_which_country_asks_is_the_actor(talking: Answerer) -> None:
    answer = assert_answered(talking, "where are the new metal curbs from, which country?", CHINA, "China")
    assert answer.direct


@pytest.mark.parametrize("question", ["did the US", "has Iran", "how did Kyiv", "reaction of"])
def test_a_question_cut_short_after_its_country_is_answered_without_error(
    talking: Answerer, question: str
) -> None:
    assert len(talking.ask(question).text or "") <= 400


# --- shorthand and more dialect ------------------------------------------------------------------


def test_a_traders_country_codes_name_the_countries(talking: Answerer) -> None:
    assert story_of(talking.ask("any update on CN crit metals?")) == CHINA
    assert read_question("RU vs UA grid - what got hit?").countries == {"russia", "ukraine"}


def test_norfolk_hev_and_thass_are_have_and_that_is() -> None:
    assert read_question("hev they got a new PM yet?").tokens[0] == "have"
    assert read_question("thass a rum do in france").tokens[:3] == ("that", "is", "a")


def test_turfed_out_premiers_are_toppled_ones(talking: Answerer) -> None:
    assert story_of(talking.ask("the French turfed out another one?")) == FRANCE


def test_an_appalachian_a_before_a_verb_is_no_word() -> None:
    assert read_question("is Beijing a-holdin back them metals?").tokens[:4] == (
        "is",
        "beijing",
        "holding",
        "back",
    )


def test_another_countrys_answer_to_the_story_under_discussion_stays_on_it(talking: Answerer) -> None:
    talking.ask("what has Beijing done with its mineral exports?", "h")
    answer = talking.ask("is America fixing to hit back?", "h")
    assert story_of(answer) == CHINA and answer.direct is False


def test_having_anything_to_say_asks_for_the_countrys_own_words(talking: Answerer) -> None:
    answer = assert_doesnt_say(talking, "did Cairo have anything to say about the border plan?", GAZA)
    assert "Cairo had anything to say" in answer.text


def test_a_hash_before_a_noun_asks_how_many() -> None:
    assert read_question("# drones shot down?").tokens[:3] == ("number", "of", "drones")


def test_a_participle_counted_is_not_pluralised() -> None:
    read = read_question("number of intercepted?")
    assert doesnt_say(read, read.kind) == "The story doesn't say how many intercepted."


def test_been_and_done_is_has_done() -> None:
    assert read_question("who's been and slapped curbs on them metals?").tokens[:3] == (
        "who",
        "has",
        "slapped",
    )


def test_dumping_premiers_is_toppling_them(talking: Answerer) -> None:
    answer = talking.ask("how many premiers has Paris dumped now?")
    assert story_of(answer) == FRANCE and answer.direct and "five" in answer.text
