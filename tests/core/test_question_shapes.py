"""Shapes of questions whose words alone mislead: a claim put as a question, a time clause trailing the
question proper, "what role did X play", "what kind of X", a meeting's agenda.
Our own wording; each reading has its own test."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer
from bot.core.geography import countries_in
from bot.core.question import read_question
from tests.core.answer_checks import CHINA, FRANCE, GAZA, UKRAINE, assert_answered, assert_doesnt_say

# --- a claim in the past, put as a question -----------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["Israel signed off on the truce?", "so Hamas skipped the Doha talks after all?", "Macron resigned?"],
)
def test_a_claim_in_the_past_with_a_question_mark_asks_whether_it_holds(question: str) -> None:
    assert read_question(question).kind == "yes-no"


@pytest.mark.parametrize(
    "question",
    [
        "the approved deal?",
        "ceasefire terms?",
        "france prime minister ousted — name?",
        "hamas leader killed, name?",
    ],
)
def test_a_note_or_a_noun_phrase_is_no_claim(question: str) -> None:
    assert read_question(question).kind != "yes-no"


# --- what role someone played --------------------------------------------------------------------


def test_what_role_someone_played_asks_what_they_did(talking: Answerer) -> None:
    read = read_question("what part did Eurasia Group have in this?")
    assert read.target == () and "part" not in read.tokens
    answer = talking.ask("what role has Eurasia Group played in all this?")
    assert answer.direct and "Rahman" in answer.text


# --- "what kind of X" asks for X's --------------------------------------------------------------


def test_what_kind_of_things_asks_for_that_class(talking: Answerer) -> None:
    assert read_question("what kind of companies lose out from the curbs?").target == ("companies",)
    assert read_question("what sort of sectors rely on these metals?").target == ("sectors",)
    assert_answered(
        talking, "what kind of industries lose out when Beijing squeezes supply?", CHINA, "auto industry"
    )


def test_what_sort_of_deal_asks_for_its_terms() -> None:
    assert read_question("what sort of arrangement was on offer back then?").asks_terms
    assert read_question("what kind of deal were the negotiators chasing in Doha?").asks_terms


# --- what a meeting was about ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what was that Doha meeting about?",
        "what were those August talks over?",
        "what did the negotiators discuss there?",
        "what are the two sides negotiating?",
    ],
)
def test_a_meeting_s_subject_is_asked_as_its_terms(question: str) -> None:
    assert read_question(question).asks_terms


# --- a count "so far" -------------------------------------------------------------------------------


def test_words_placing_a_count_against_now_are_no_thing_counted(talking: Answerer) -> None:
    answer = talking.ask("how many premiers has France already gone through previously?")
    assert answer.story is not None and answer.story.id == FRANCE
    assert answer.direct and "five" in answer.text


# --- a word of another language that is a country's name -------------------------------------------


def test_reunion_is_a_meeting_unless_capitalised() -> None:
    assert countries_in("¿qué se decidió en la reunión de Doha?") == frozenset({"qatar"})
    assert "réunion" in countries_in("What is the weather like in La Réunion today?")


# --- which countries an act is done to ------------------------------------------------------------


def test_the_country_acting_is_no_answer_to_which_countries_suffer_it(talking: Answerer) -> None:
    # China imposes the curbs: who is hit by them the story doesn't say
    assert_doesnt_say(talking, "which countries get hit by the rare earth rules?", CHINA)
    assert_answered(talking, "which country brought in the rare earth rules?", CHINA, "China")


# --- the grounds of a view, in other verbs ----------------------------------------------------------


def test_why_someone_figures_something_asks_for_their_grounds(talking: Answerer) -> None:
    talking.ask("who reckons Macron's next pick could last?", "view")
    answer = talking.ask("does he explain why he figures that?", "view")
    assert answer.direct is False and "doesn't say" in answer.text


# --- "who was the one that ...": a cleft asks who did it ---------------------------------------------


def test_a_cleft_question_asks_who_did_it(talking: Answerer) -> None:
    assert_answered(
        talking, "who was the one that attacked Ukraine's power grid?", UKRAINE, "Russia launched"
    )
    assert read_question("who is it that reported the blackout?").tokens[:2] == ("who", "reported")


# --- a name put first, then asked about by its pronoun ---------------------------------------------


def test_a_name_put_first_is_the_subject_its_pronoun_stands_for(talking: Answerer) -> None:
    assert read_question("And Iran, in all of this, what was it doing?").tokens == (
        "and", "what", "was", "iran", "doing",
    )  # fmt: skip
    # an opening word with a comma is no name
    assert read_question("Honestly, what is it about?").tokens[0] == "honestly"
    talking.ask("did hamas go to the Doha talks?", "iran")
    assert "still weighing" in talking.ask("And Iran, in all of this, what was it doing?", "iran").text


# --- whether someone said anything ----------------------------------------------------------------


def test_whether_someone_spoke_up_is_answered_only_by_their_words(talking: Answerer) -> None:
    # Trump is in the story's photo, saying nothing
    assert_doesnt_say(talking, "has Trump said anything about the rare earth curbs?", CHINA)
    assert_answered(talking, "did Rahman say anything about Macron's next pick?", FRANCE, "Mujtaba Rahman")


# --- what was haggled over -------------------------------------------------------------------------


def test_what_they_were_haggling_over_is_what_was_on_the_table() -> None:
    assert read_question("what were the two sides bargaining over in Doha?").asks_terms
    assert read_question("what was it they were meant to be arguing about?").asks_terms


# --- a filler word of chat --------------------------------------------------------------------------


def test_alright_in_chat_is_filler(talking: Answerer) -> None:
    assert "aight" not in read_question("aight so what is beijing restricting").topic
    assert_answered(talking, "aight so what is beijing restricting", CHINA, "exports of rare earths")


# --- idioms whose words are the stories' words ---------------------------------------------------------


def test_why_on_earth_is_why_and_no_rare_earth(talking: Answerer) -> None:
    talking.ask("did hamas send anyone to the Doha talks?", "earth")
    answer = talking.ask("why on earth not?", "earth")
    assert answer.story is not None and answer.story.id == GAZA
    assert "earth" not in read_question("how on earth did that happen?").tokens


# --- what type of a thing ---------------------------------------------------------------------------


def test_a_word_before_the_asked_noun_says_its_type(talking: Answerer) -> None:
    # "energy infrastructure": the type of infrastructure is energy
    answer = talking.ask("what type of infrastructure did the Russian missiles go after?")
    assert answer.direct and "energy infrastructure" in answer.text


# --- a time put against now ---------------------------------------------------------------------------


def test_this_past_month_is_a_time_no_thing_the_story_must_hold(talking: Answerer) -> None:
    answer = talking.ask("when did Israel sign off on the peace deal, this past October or so?")
    assert answer.direct and "October 2025" in answer.text


# --- chat spellings of question words --------------------------------------------------------------------


def test_wen_is_when() -> None:
    assert read_question("wen is macron naming the new guy").kind == "when"


# --- an age --------------------------------------------------------------------------------------------


def test_how_old_asks_an_age_the_story_does_not_give(talking: Answerer) -> None:
    assert read_question("how old is the French president?").kind == "quantity"
    assert_doesnt_say(talking, "how old is the French president these days?", FRANCE)


# --- readings whose answer is a sentence of the story ----------------------------------------------


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        # a claim put as a question about staying away: the refusal answers it
        pytest.param("Hamas showed up to the Qatar meeting?", GAZA, "refused to take part", id="claim"),
        # the crews' work is asked; the strike after which it happened only says when
        pytest.param(
            "where did the rescue people work after the russian missiles landed?",
            UKRAINE,
            "Prikarpattia",
            id="trailing-time-clause",
        ),
        # what a meeting was about is what was on the table
        pytest.param(
            "what was the Qatar meeting about, exactly?", GAZA, "release of Israeli hostages", id="agenda"
        ),
        # a move asked before "where" (not Khan Younis, where the story says troops withdrew from)
        pytest.param(
            "since the 2025 truce, Israel army go pull back go where inside Gaza?",
            GAZA,
            "agreed perimeter",
            id="move-then-where",
        ),
        # taking revenge is retaliating, no "take part"; chatting to someone is talking to them
        pytest.param("why would Iran take revenge on Israel?", GAZA, "assassination", id="take-revenge"),
        pytest.param("who were the israelis chatting to over in qatar", GAZA, "mediators", id="chatting-to"),
    ],
)
def test_the_reading_finds_the_answering_sentence(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    assert_answered(talking, question, story, expected)


# --- a side's part of a deal, and what was put forward ---------------------------------------------


def test_one_side_s_end_of_the_bargain_asks_its_terms(talking: Answerer) -> None:
    assert read_question("and what's Israel's side of the deal?").asks_terms
    talking.ask("what does the October deal ask of Hamas?", "bargain")
    answer = talking.ask("and the Israeli side, what's their end of the bargain?", "bargain")
    assert "pull its forces back" in answer.text or "withdraw" in answer.text


def test_what_was_put_forward_is_what_was_proposed(talking: Answerer) -> None:
    answer = assert_answered(
        talking, "what did Israel put forward that Hamas found objectionable?", GAZA, "border with Egypt"
    )
    assert answer.direct


# --- a perfect asked yes or no, typed letters swapped, formal words -----------------------------------


def test_a_perfect_asked_yes_or_no_hinges_on_its_participle(talking: Answerer) -> None:
    # "have they restored ...?": restoring, which the story never tells, as "did they restore ...?"
    answer = talking.ask("have they restored the lights in Ternopil?")
    assert answer.story is not None and not answer.direct and "doesn't say" in answer.text
    # ... and "is the power back on?" asks the same of restoring, "yet" or no "yet"
    answer = talking.ask("is the electricity back on in Ternopil?")
    assert not answer.direct and "whether the electricity is back on" in answer.text
    # ... while a participle the story has is answered
    answer = talking.ask("has Israel approved the cease-fire?")
    assert answer.direct and "approved" in answer.text


def test_two_letters_swapped_are_a_typo_of_the_story_s_word(talking: Answerer) -> None:
    answer = talking.ask("what was on the tabel at the tlaks?")
    assert answer.story is not None and answer.story.id == GAZA
    # (a wrong letter in a short word is not: "prime" is no typo of "price")
    assert talking.ask("what's the price of rice in Qatar?").story is None


def test_formal_words_for_trying_and_disorder(talking: Answerer) -> None:
    assert_answered(talking, "Which statesman is endeavouring to restore order in France?", FRANCE, "Macron")
    answer = talking.ask("why did the previous governments fall?")
    assert answer.story is not None and answer.story.id == FRANCE


def test_why_everyone_frets_asks_why_it_matters_not_a_motive(talking: Answerer) -> None:
    assert not read_question("why is everybody stressing about the rare earth curbs?").motive
    answer = talking.ask("why is everybody fretting about China's export curbs?")
    assert answer.direct and "semiconductors" in answer.text


def test_a_request_of_oneself_asks_what_follows(talking: Answerer) -> None:
    # "might one learn the identity of ...?": the name asked for, not whether one may
    read = read_question("And might one learn the identity of the man Macron intends to appoint?")
    assert read.kind == "who" and read.asks_names
    assert read_question("may I know when the missiles struck?").kind == "when"
    answer = talking.ask("Might one learn the identity of the person Macron intends to appoint?")
    assert answer.story is not None and "doesn't say" in answer.text


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("did russia black out ukraine again?", "ukraine-energy-grid", "Russia"),
        ("Did the strikes knock the power out for ordinary people?", "ukraine-energy-grid", "half of the"),
        ("How bad has the turnover of French premiers been?", FRANCE, "five prime ministers"),
        ("crikey, how many PMs has Macron burnt through?", FRANCE, "five prime ministers"),
        ("Is there any indication which party the incoming premier is from?", FRANCE, "doesn't say"),
    ],
)
def test_chat_words_for_blackouts_turnover_and_the_next_pick(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    assert_answered(talking, question, story, expected)


def test_on_whose_authority_asks_the_source_and_lining_up_the_appointee(talking: Answerer) -> None:
    talking.ask("how many people in Ternopil lost power?", "authority")
    answer = talking.ask("On whose authority is that number given?", "authority")
    assert "Regional State Administration" in answer.text
    talking.ask("what is Macron doing about his government?", "lining")
    answer = talking.ask("so who's he lining up for the top job?", "lining")
    assert not answer.direct and "doesn't say" in answer.text


def test_what_someone_will_do_about_it_needs_their_own_doing(talking: Answerer) -> None:
    # Trump is only in the story's photo: what he will do, it doesn't say
    answer = talking.ask("What is President Trump going to do about China's export curbs?")
    assert answer.story is not None and not answer.direct and "doesn't say" in answer.text
    answer = talking.ask("what will Washington do about the curbs?")
    assert "doesn't say what Washington will do" in answer.text
    # ... and Macron's own plan is his
    assert "try again" in talking.ask("what is Macron going to do about it?").text


def test_a_count_of_what_the_story_never_tells_is_not_answered_by_any_count(talking: Answerer) -> None:
    # nothing of the question is in the story but "how many": not the story's first number
    talking.ask("Was the whole country blacked out or just one region?", "count")
    talking.ask("When was that?", "count")
    answer = talking.ask("Any word on how many were killed?", "count")
    assert not answer.direct and "doesn't say how many" in answer.text


def test_a_generic_word_is_no_typo_of_a_story_word(talking: Answerer) -> None:
    # "expert" is a word of its own, not "export" misspelled
    answer = talking.ask("Is there any expert view on whether the forthcoming premier will remain in office?")
    assert answer.story is not None and answer.story.id == FRANCE and "finally last" in answer.text


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (["what's new with the French government?", "so when's he taking another swing at it?"], "try again"),
        (["China rare earths", "and what would anyone be wanting them for?"], "semiconductors"),
        (
            ["when did Russia hit the grid?", "How long did it take to restore the electricity supply?"],
            "doesn't say",
        ),
        (["when did Russia hit the grid?", "Was anyone hurt at all, God help them?"], "doesn't say"),
        (
            ["how many homes in Ternopil lost power?", "Who was it put out the word on that?"],
            "Regional State",
        ),
    ],
)
def test_chat_follow_ups_of_plans_uses_restoring_and_prayers(
    talking: Answerer, turns: list[str], expected: str
) -> None:
    for question in turns[:-1]:
        talking.ask(question, "chat")
    answer = talking.ask(turns[-1], "chat")
    assert answer.story is not None and expected in answer.text


def test_doric_question_words_open_a_question_only() -> None:
    assert read_question("Fa wis the Hamas mannie that got killt?").kind == "who"
    assert read_question("Fan wis that Qatar meetin?").kind == "when"
    assert read_question("Fit wey's Macron needin anither prime minister?").kind == "why"
    assert read_question("is the fan club far from Paris?").kind == "yes-no"
