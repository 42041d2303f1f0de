"""Phrasings that used to mislead the answerer, in our own words: each reading has its own test."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer, _yes_no_subject
from bot.core.phrasing import doesnt_say
from bot.core.question import read_question
from bot.core.sentences import COUNTRY_PREFIX, story_sentences
from tests.core.answer_checks import CHINA, FRANCE, GAZA, UKRAINE, assert_answered, assert_doesnt_say
from tests.core.answer_checks import story_of as _story

# --- a year the story is nowhere near ----------------------------------------------------------


def test_a_year_far_from_the_story_is_another_time_s_events(talking: Answerer) -> None:
    assert _story(talking.ask("how did the 2008 Gaza fighting end?")) is None
    assert _story(talking.ask("what did Israel sign up to in 2025 over Gaza?")) == GAZA


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("what went on in Gaza in 2009? who counted the dead?", {2009}),
        ("people have warned about this since 2012. how much does china control?", set()),
        ("the treaty of 1919 was meant to stop this. who is in charge now?", set()),
        ("back around 2011 nobody cared. what's new?", {2011}),
    ],
)
def test_the_years_a_question_asks_about(question: str, years: set[int]) -> None:
    assert read_question(question).years == years


# --- words the chat filter would drop ----------------------------------------------------------


def test_a_filler_word_inside_a_known_phrase_is_kept(talking: Answerer) -> None:
    # "mind" alone is chatter; in "made up its mind" it is the deciding the question asks about
    answer = talking.ask("has Tehran made up its mind on striking back at Israel?")
    assert _story(answer) == GAZA
    assert "weighing its options" in answer.text


def test_its_after_a_preposition_is_the_possessive() -> None:
    assert "its" in read_question("is Iran still sitting on its hands?").tokens
    assert read_question("its over for the talks").tokens[:2] == ("it", "is")


def test_work_out_asks_whether_talks_succeed(talking: Answerer) -> None:
    talking.ask("what went on at the Qatar round of Gaza talks?", "c")
    answer = talking.ask("so will it all work out in the end?", "c")
    assert _story(answer) == GAZA
    assert "slim to no chance" in answer.text


# --- the request around a question ---------------------------------------------------------------


def test_a_request_after_the_question_names_no_new_subject(talking: Answerer) -> None:
    talking.ask("why does France keep losing prime ministers?", "c")
    answer = talking.ask("And what does the analyst expect, exactly? Keep it short for my newsletter.", "c")
    assert _story(answer) == FRANCE
    assert "Rahman" in answer.text


def test_yes_or_no_at_the_end_is_no_topic(talking: Answerer) -> None:
    talking.ask("did hamas go to the qatar talks?", "c")
    answer = talking.ask("Fine. Any real hope of success? Yes or no.", "c")
    assert _story(answer) == GAZA
    assert "slim to no chance" in answer.text


def test_said_yes_is_still_approving(talking: Answerer) -> None:
    answer = talking.ask("which side said yes to the truce in october?")
    assert _story(answer) == GAZA and "approved" in answer.text


def test_completing_something_asks_about_that_thing(talking: Answerer) -> None:
    answer = talking.ask("By when does Hamas have to complete the handover of the hostages?")
    assert _story(answer) == GAZA
    assert "72 hours" in answer.text and "doesn't say" not in answer.text


# --- other registers -----------------------------------------------------------------------------


def test_nigerian_pidgin(talking: Answerer) -> None:
    assert _story(talking.ask("wetin dey happen for France government?", "c")) == FRANCE
    answer = talking.ask("abeg, the analyst wey comment, wetin him talk?", "c")
    assert _story(answer) == FRANCE and "Rahman" in answer.text


def test_spanish_country_name(talking: Answerer) -> None:
    assert _story(talking.ask("qué onda en Ucrania?")) == UKRAINE


def test_body_count_asks_for_a_number(talking: Answerer) -> None:
    answer = talking.ask("what's the prime minister body count in France these days")
    assert _story(answer) == FRANCE
    assert "five" in answer.text and "doesn't say" not in answer.text


def test_thinking_about_hitting_back_is_no_reaction_question(talking: Answerer) -> None:
    answer = talking.ask("has Iran decided anything about hitting back at Israel?")
    assert _story(answer) == GAZA and "weighing its options" in answer.text


# --- how it turned out ---------------------------------------------------------------------------


def test_how_it_turned_out_is_beyond_a_story_that_ends_undecided(talking: Answerer) -> None:
    answer = talking.ask("so did Tehran ultimately strike back at Israel?")
    assert _story(answer) == GAZA
    assert answer.text.startswith("The story doesn't say") and "weighing its options" in answer.text


def test_how_a_plan_turned_out_is_beyond_the_story(talking: Answerer) -> None:
    answer = talking.ask("did Macron end up naming someone in the end?")
    assert _story(answer) == FRANCE
    assert answer.text.startswith("The story doesn't say") and "due to try again" in answer.text


def test_yet_still_gets_the_pending_sentence_itself(talking: Answerer) -> None:
    answer = talking.ask("has Iran hit back yet?")
    assert answer.text.startswith("Little progress") or answer.text.startswith("Iran")
    assert "doesn't say" not in answer.text


def test_what_the_story_does_tell_in_the_end_is_told(talking: Answerer) -> None:
    # asked of the story's own events, with nobody named: the deal it reports was approved
    answer = talking.ask("was a hostage deal ever agreed in the end?")
    assert _story(answer) == GAZA and "doesn't say" not in answer.text


# --- Hinglish, dropped g's and story words at the start ----------------------------------------


@pytest.mark.parametrize(
    ("question", "story", "fact"),
    [
        ("china ne kaunsi cheezon ke export pe rok lagayi hai?", CHINA, "rare earths"),
        ("france mein kitne prime minister gaye do saal mein?", FRANCE, "five"),
        ("ukraine ki bijli pe hamla kab hua tha?", UKRAINE, "13 december"),
    ],
)
def test_hinglish_question_words_are_read(talking: Answerer, question: str, story: str, fact: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == story
    assert fact in answer.text.lower()


def test_a_hinglish_question_word_sets_the_kind() -> None:
    assert read_question("iran ne abhi tak jawab kyun nahi diya?").kind == "why"
    assert read_question("talks kahan hue the?").kind == "where"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("stoppin", "stopping"), ("pushin", "pushing"), ("grabbin", "grabbing"), ("watchin", "watching")],
)
def test_a_dropped_g_of_a_verb_is_put_back(typed: str, meant: str) -> None:
    assert meant in read_question(f"why is beijing {typed} the metals?").tokens


@pytest.mark.parametrize("word", ["protein", "captain", "origin", "kremlin", "assassin", "within"])
def test_words_that_end_in_in_keep_their_spelling(word: str) -> None:
    assert word in read_question(f"what about the {word} then?").tokens


def test_a_story_word_opening_a_message_is_no_typo_of_a_question_word(talking: Answerer) -> None:
    assert read_question("rare metals, who controls them?").tokens[0] == "rare"
    assert "rare" in read_question("rare earths so vital why").search


# --- what a rambling or terse message asks about --------------------------------------------------


def test_a_year_in_a_story_told_on_the_way_does_not_decline_the_question(talking: Answerer) -> None:
    answer = talking.ask(
        "My grandfather queued for petrol in 1974 and never trusted a single supplier again, so I am "
        "wary of any country holding all the cards. What does China have most of the world's supply of?"
    )
    assert _story(answer) == CHINA
    # a year asked about in an earlier question of the message still counts
    assert _story(talking.ask("What went on in the 2009 Gaza fighting? Who tallied the dead?")) is None


def test_a_topic_fragment_names_the_country_asked_about(talking: Answerer) -> None:
    assert "sudan" in read_question("sudan. peace talks. any truce yet?").countries
    assert _story(talking.ask("yemen war. ceasefire status?")) is None
    assert _story(talking.ask("gaza. the truce. did israel sign it?")) == GAZA


def test_and_the_other_party_after_a_sentence_giving_both_parts(talking: Answerer) -> None:
    talking.ask("gaza truce signed?", "c")
    first = talking.ask("the army's pullback under the deal?", "c")
    assert "24 hours" in first.text and "72 hours" in first.text
    answer = talking.ask("and hamas?", "c")
    assert _story(answer) == GAZA
    assert "72 hours" in answer.text


# --- abbreviations, results asked for, chat words opening a message -----------------------------


def test_chat_abbreviations_of_units_are_read(talking: Answerer) -> None:
    assert "hours" in read_question("how many hrs does hamas get?").tokens
    answer = talking.ask("hrs given to hamas to free the captives?")
    assert _story(answer) == GAZA
    assert "72 hours" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "what damage did the december barrage cause?",
        "the russian missile attack: what impact on ternopil?",
        "ukraine grid hit, what's the toll?",
    ],
)
def test_a_question_about_the_damage_gets_what_the_attack_left(talking: Answerer, question: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == UKRAINE
    assert answer.direct
    assert "half" in answer.text


def test_a_chat_word_opening_a_message_is_no_typo_of_a_question_word() -> None:
    assert read_question("whole country in the dark?").tokens[0] == "whole"
    assert read_question("wher did the talks happen?").tokens[0] == "where"


def test_weapons_fired_are_weapons_launched(talking: Answerer) -> None:
    answer = talking.ask("how many rockets got fired?")
    assert _story(answer) == UKRAINE
    assert not answer.direct and "doesn't say" in answer.text
    # fired as dismissed, and the fire of a cease-fire, stay as they are
    assert "fired" in read_question("who fired the prime minister?").tokens
    assert "launch" not in read_question("did the cease-fire hold against the shelling?").tokens


def test_were_any_x_reported_asks_about_x(talking: Answerer) -> None:
    answer = talking.ask("were any injuries reported after the december barrage?")
    assert _story(answer) == UKRAINE
    assert not answer.direct and "doesn't say" in answer.text
    assert talking.ask("were any regions left in the dark?").direct


def test_where_does_the_deal_stand_asks_for_news() -> None:
    assert read_question("where does the hostage deal stand?").kind == "latest"
    assert read_question("so where do the export curbs stand today").kind == "latest"
    assert read_question("where does macron stand on it?").kind != "latest"  # his view


def test_other_regions_are_places_the_conversation_has_not_named(talking: Answerer) -> None:
    talking.ask("ternopil blackout", "c")
    talking.ask("when?", "c")
    talking.ask("reported by whom?", "c")
    answer = talking.ask("which other regions?", "c")
    assert _story(answer) == UKRAINE
    assert "Prikarpattia" in answer.text


def test_french_was_and_last_are_read() -> None:
    assert read_question("c'était quand, l'attaque?").kind == "when"
    assert "last" in read_question("le gouvernement, ça va tenir?").tokens


@pytest.mark.parametrize(
    ("question", "story"),
    [("drone count in the december attack?", UKRAINE), ("what's the prisoner count in the gaza deal?", GAZA)],
)
def test_a_noun_count_asks_how_many(talking: Answerer, question: str, story: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == story
    assert not answer.direct and "doesn't say" in answer.text


def test_count_as_a_verb_or_after_the_is_left_alone() -> None:
    assert read_question("does that count as a ban?").kind == "yes-no"
    assert read_question("the count of regions hit?").tokens[:2] == ("the", "count")


def test_an_elliptical_question_with_its_own_predicate_passes_it_on(talking: Answerer) -> None:
    # "and the soldiers, how long to withdraw?" asks its own question; "and Hamas?" after it asks
    # that question of Hamas, not the one before
    talking.ask("did israel sign the gaza truce or is it still talk", "c")
    talking.ask("and the soldiers, how much time to withdraw?", "c")
    answer = talking.ask("and hamas then", "c")
    assert _story(answer) == GAZA
    assert "72 hours" in answer.text


def test_a_belittling_alternative_without_a_question_mark_is_dropped(talking: Answerer) -> None:
    answer = talking.ask("is the truce actually working or is it merely talk")
    assert _story(answer) == GAZA
    assert "took effect" in answer.text


def test_in_plain_terms_asks_for_a_simple_answer_not_a_deal_s_terms(talking: Answerer) -> None:
    assert "terms" not in read_question("in layman's terms, what are rare earths used for?").tokens
    answer = talking.ask(
        "My nephew keeps on about Beijing squeezing the metals trade and I can't follow him. "
        "Explain in plain English what those materials go into, would you?"
    )
    assert _story(answer) == CHINA


@pytest.mark.parametrize(
    ("question", "story", "fact"),
    [
        ("the rescue okes went where", UKRAINE, "Prikarpattia"),
        ("eish, how many PMs has france gone through", FRANCE, "five"),
    ],
)
def test_south_african_and_singlish_chat_words_are_read(
    talking: Answerer, question: str, story: str, fact: str
) -> None:
    answer = talking.ask(question)
    assert _story(answer) == story
    assert fact in answer.text
    for particle in ("lah", "leh", "lor", "sia", "boet", "howzit"):
        assert particle not in read_question(f"china blocking rare earths {particle}?").search


def test_a_weekday_is_a_time(talking: Answerer) -> None:
    assert read_question("on what weekday was israel's approval?").kind == "when"


def test_small_words_typed_without_an_e_are_read(talking: Answerer) -> None:
    assert read_question("what do they hav to giv back undr the deal?").tokens[3:6] == ("have", "to", "give")
    answer = talking.ask("wat must the isreal army hav done undr the truse")
    assert _story(answer) == GAZA
    assert "24 hours" in answer.text
    # a name or word the dropped e would make is left alone
    assert "ben" in read_question("what did ben say about it?").tokens


@pytest.mark.parametrize(
    "question",
    ["which americans were pressing for a truce?", "who was pushing israel for a truce in washington?"],
)
def test_a_capital_or_people_finds_its_government(talking: Answerer, question: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == GAZA
    assert "Biden administration" in answer.text


def test_a_sentence_naming_a_government_speaks_for_its_country(talking: Answerer) -> None:
    gaza = talking.index.get(GAZA)
    assert gaza is not None
    biden = next(s for s in story_sentences(gaza) if "Biden administration" in s.text)
    assert COUNTRY_PREFIX + "united states" in biden.stems
    # the word itself still comes first: "Washington fears ..." answers what Washington fears
    answer = talking.ask("what does Washington fear could follow an Iranian reprisal?")
    assert "wider conflict" in answer.text


def test_which_party_someone_is_in_asks_for_a_political_party(talking: Answerer) -> None:
    talking.ask("what is Macron trying to do?", "c")
    answer = talking.ask("which party is he in?", "c")
    assert _story(answer) == FRANCE
    assert not answer.direct and "doesn't say" in answer.text
    # "which party sat out ...?" asks which side, and the story says
    assert talking.ask("which party sat out the qatar talks?").direct


# --- asking whether something is confirmed ------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind", "first"),
    [
        ("has it been confirmed that the Israeli army pulled back?", "yes-no", "does"),
        ("can you confirm how many prime ministers have fallen?", "quantity", "how"),
        ("do we know for sure when the truce started?", "when", "when"),
        ("is it verified whether China will loosen the rules?", "yes-no", "will"),
    ],
)
def test_whether_it_is_confirmed_asks_the_thing_itself(question: str, kind: str, first: str) -> None:
    read = read_question(question)
    assert read.kind == kind
    assert read.tokens[0] == first
    assert "confirm" not in " ".join(read.tokens) and "verified" not in read.tokens


def test_a_confirmed_question_gets_the_fact_or_says_the_story_doesnt(talking: Answerer) -> None:
    answer = talking.ask("Can you confirm whether Macron will call a snap election?")
    assert _story(answer) == FRANCE and not answer.direct
    assert "whether" in answer.text and "will call" in answer.text  # not "does ... will calls"
    answer = talking.ask("is it confirmed which regions the emergency crews worked in?")
    assert _story(answer) == UKRAINE and "Prikarpattia" in answer.text
    assert read_question("is it confirmed?").kind == "source"  # alone, it asks who says so


def test_words_that_frame_a_why_name_no_topic(talking: Answerer) -> None:
    # a formal reader's framing ("considered", "significant", "from a ... perspective", "in other
    # words") must not dilute the two words that name the story
    answer = talking.ask(
        "From a strategic standpoint, why is China's grip on these minerals regarded as significant?"
    )
    assert _story(answer) == CHINA
    answer = talking.ask(
        "Why, in other words, is the loss of power in western Ukraine considered so crucial?"
    )
    assert _story(answer) == UKRAINE


# --- whole questions in Portuguese ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("quantos consumidores ficaram sem energia depois do ataque?", UKRAINE, "half"),
        ("em que dia os russos atacaram a rede de energia?", UKRAINE, "13 December"),
        ("essa trégua em gaza já está em vigor?", GAZA, "took effect"),
        ("pra que serve essas terras raras afinal?", CHINA, "semiconductors"),
        ("tem algum analista achando que o próximo premiê vai durar?", FRANCE, "Rahman"),
    ],
)
def test_a_question_in_portuguese_finds_its_answer(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    assert_answered(talking, question, story, expected)


def test_a_number_with_its_unit_typed_on_is_read_apart() -> None:
    assert read_question("does hamas really get 72hrs?").tokens[-2:] == ("72", "hours")
    assert read_question("gotta leave in 24h?").tokens[-2:] == ("24", "hours")
    assert read_question("five PMs in 2yrs??").tokens[-2:] == ("2", "years")
    assert "2024" in read_question("what happened in 2024?").tokens


def test_what_is_the_name_of_a_person_asks_who_and_of_a_place_where(talking: Answerer) -> None:
    assert read_question("what was the name of the last French premier to go?").kind == "who"
    assert read_question("what's the full name of the Eurasia analyst").kind == "who"
    assert read_question("what is the name of the oblast next to Ternopil that was hit?").kind == "where"
    answer = talking.ask("What is the name of the person Macron will appoint as premier?")
    assert _story(answer) == FRANCE and not answer.direct


def test_taglish_particles_and_prepositions_name_no_topic(talking: Answerer) -> None:
    answer = talking.ask("ilan ang namatay sa missile attack sa Ukraine?")
    assert _story(answer) == UKRAINE and not answer.direct  # how many died: not told
    assert read_question("nasaan na ba yung Israeli army ngayon?").kind == "where"
    assert "ba" not in read_question("aprubado na ba yung ceasefire sa Gaza?").tokens


def test_who_the_go_betweens_were_is_told_only_by_a_sentence_naming_them(talking: Answerer) -> None:
    # the story has mediators at the Qatar table but never says who they were
    answer = talking.ask("who was doing the mediating at the Qatar table?")
    assert _story(answer) == GAZA and not answer.direct
    answer = talking.ask("who brokered the truce that took effect in October?")
    assert _story(answer) == GAZA and not answer.direct
    # the ones who met the mediators are named, though
    answer = talking.ask("who met the go-betweens in Qatar?")
    assert _story(answer) == GAZA and answer.direct and "Israeli negotiators" in answer.text


# --- a surname no story has -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("is Sunak's party in trouble too?", ("sunak",)),
        ("Did PM Albanese say anything about it?", ("albanese",)),
        ("What did Macron's team say?", ()),  # the lexicon's or the stories' own names are left to them
        ("What about the Fifth Republic's rules?", ()),  # part of a longer name
        ("What Is The Latest On Gaza's Truce?", ()),  # a title-cased message capitalises everything
    ],
)
def test_a_lone_surname_is_read(question: str, names: tuple[str, ...]) -> None:
    assert read_question(question).lone_names == names


def test_a_surname_no_story_has_is_another_story(talking: Answerer) -> None:
    assert _story(talking.ask("Is Sunak's cabinet collapsing as well?")) is None
    assert _story(talking.ask("Did Chancellor Scholz lose power like the French?")) is None
    # a misspelt name a story has is still that story's
    assert _story(talking.ask("when is Macrons's next pick due?")) == FRANCE


def test_an_election_finds_the_political_story_but_is_not_answered_by_it(talking: Answerer) -> None:
    answer = talking.ask("will the French go to the polls in an early election?")
    assert _story(answer) == FRANCE and not answer.direct
    assert _story(talking.ask("who won the Dutch election?")) is None  # another country's


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("what is Washington frightened could happen next?", GAZA, "wider conflict"),
        ("what terms were they haggling over at the Qatar meeting?", GAZA, "framework"),
        ("does anyone think the Israeli army has gone as far as it can against Hamas?", GAZA, "limits"),
        ("is beijing gatekeeping the critical minerals now?", CHINA, "restrictions"),
        ("so has the truce been made official or is it still just talk?", GAZA, "took effect"),
    ],
)
def test_readers_words_for_the_stories_own(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    assert_answered(talking, question, story, expected)


def test_who_took_the_photo_asks_for_the_photographer(talking: Answerer) -> None:
    assert read_question("who shot the picture that ran with the report?").kind == "who"
    answer = talking.ask("who snapped the photo used with the rare earths report?")
    assert _story(answer) == CHINA and "Damir Sagolj" in answer.text


@pytest.mark.parametrize(
    "question",
    ["who conducted the missile strikes on the power grid?", "who was behind the barrage on Ukraine's grid?"],
)
def test_who_mounted_an_attack_asks_who_attacked(talking: Answerer, question: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == UKRAINE and "Russia launched" in answer.text
    # the rescue crews "carried out" work, not the attack
    assert "crews" in talking.ask("who carried out the rescue work after the strikes?").text


def test_a_count_of_people_and_what_happened_to_them_must_both_be_told(talking: Answerer) -> None:
    answer = talking.ask("how many people die when the missiles hit Ukraine?")
    assert _story(answer) == UKRAINE and not answer.direct
    answer = talking.ask("skilky people bez svitlo in Ternopil?")
    assert _story(answer) == UKRAINE and "Half" in answer.text


def test_a_request_for_the_number_of_something_asks_how_many(talking: Answerer) -> None:
    assert read_question("please tell us the exact number of missiles fired").kind == "quantity"
    answer = talking.ask("Could you let me know the number of prime ministers France has gone through?")
    assert _story(answer) == FRANCE and "five" in answer.text
    answer = talking.ask("kindly give me the total number of hostages released so far")
    assert _story(answer) == GAZA and not answer.direct


def test_why_after_a_yes_no_answer_that_gave_the_reason(talking: Answerer) -> None:
    talking.ask("which day did israel's negotiators meet the mediators in qatar?", "r")
    talking.ask("did hamas attend that one?", "r")  # answered with a sentence giving the reason
    answer = talking.ask("what was the reason?", "r")
    assert _story(answer) == GAZA
    assert "because" in answer.text or "protest" in answer.text  # not the October deal's terms


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("combien de consommateurs sont restés sans courant après l'attaque?", UKRAINE, "half"),
        ("qu'est-ce que l'armée doit faire dans les 24 heures?", GAZA, "perimeter"),
        ("pourquoi les terres rares comptent autant pour l'industrie?", CHINA, "semiconductors"),
        ("wann war der Angriff auf das Stromnetz in der Ukraine?", UKRAINE, "13 December"),
        ("warum hat die Hamas die Gespräche in Katar boykottiert?", GAZA, "Egypt"),
        # Quebec French, as a bilingual student types it
        ("ben là, les soldats israéliens doivent reculer jusqu'où?", GAZA, "perimeter"),
        ("coudonc, combien de temps pour rendre les otages?", GAZA, "72 hours"),
        ("genre la chine a-tu bloqué les terres rares?", CHINA, "restrictions"),
    ],
)
def test_questions_in_french_and_german(talking: Answerer, question: str, story: str, expected: str) -> None:
    assert_answered(talking, question, story, expected)


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        # the language's own small words ("genau", "bei", "afinal") are no topic the stories lack
        ("Was genau hat China bei den seltenen Erden gemacht?", CHINA, "restrictions"),
        ("Est-ce que le Hamas a participé aux négociations au Qatar?", GAZA, "Egypt"),
        # Dutch and Italian, read by their own question and news words
        ("Waarom zijn die zeldzame aardmetalen zo belangrijk?", CHINA, "restrictions"),
        ("Perché Hamas non è andato ai colloqui?", GAZA, "protest"),
        # Indonesian, with the names its own language gives China and France
        ("Apa alasan Tiongkok membatasi ekspor tanah jarang?", CHINA, "restrictions"),
        ("Siapa presiden Prancis yang sedang mencari perdana menteri baru?", FRANCE, "Macron"),
        ("Berapa jam waktu yang dimiliki pasukan Israel untuk mundur?", GAZA, "24 hours"),
        # Polish, its names declined ("w Strefie Gazy": the Gaza Strip) and no small word of its list
        ("Najnowsze wieści o rozejmie w Strefie Gazy?", GAZA, "approved"),
        ("Rosja zaatakowała ukraińską sieć energetyczną?", UKRAINE, "missile"),
        # a Spanish verb in any tense is found by its stem ("nombrará", "aprobaron": nombrar, aprobar)
        ("¿Cuándo nombrará Macron al siguiente primer ministro?", FRANCE, "next day"),
        ("¿Qué aprobaron los israelíes el viernes?", GAZA, "approved"),
        ("¿Las restricciones chinas le pegan a la industria de los coches?", CHINA, "auto industry"),
        # Turkish: endings on endings ("kısıtlamalarıyla") and a name's case ending after an
        # apostrophe ("Katar'daki"), read by the word they are built on
        ("Rusya'nın füze saldırısından sonra kaç tüketici elektriksiz kaldı?", UKRAINE, "half"),
        ("Hamas Katar'daki görüşmeleri neden boykot etti?", GAZA, "Egypt"),
        ("İsrail kabinesi anlaşmayı hangi gün onayladı?", GAZA, "Friday"),
        ("Çin'in kısıtlamalarıyla ilgili son durum nedir?", CHINA, "restrictions"),
        # French and Italian where-questions ("où", "dove")
        ("Quelle partie de l'Ukraine est restée dans le noir ?", UKRAINE, "Ternopil"),
        ("Dove si sono seduti i negoziatori israeliani con i mediatori?", GAZA, "Qatar"),
    ],
)
def test_whole_sentences_in_another_language_find_their_story(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    assert_answered(talking, question, story, expected)


@pytest.mark.parametrize(
    "question",
    [
        "Wie viele Raketen hat Russland abgefeuert?",
        "Berapa banyak rudal yang ditembakkan Rusia ke Ukraina?",
    ],
)
def test_doesnt_say_reads_back_no_word_of_another_language(talking: Answerer, question: str) -> None:
    # not "doesn't say how many raketen hats": the kind asked, said in English
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == UKRAINE
    first = answer.text.split(". ")[0]
    assert "doesn't say how many" in first
    assert not {"raketen", "hat", "rudal", "yang", "ditembakkan"} & set(first.lower().rstrip(".").split())


def test_a_word_spelt_the_other_language_s_way_is_the_story_s_word(talking: Answerer) -> None:
    # "minéraux" is the story's "minerals", though no lexicon lists it
    assert _story(talking.ask("Pourquoi ces minéraux sont-ils si importants?")) == CHINA


def test_a_follow_up_in_another_language_stays_on_the_story(talking: Answerer) -> None:
    talking.ask("Russland hat das Stromnetz der Ukraine angegriffen, oder?", "de")
    assert _story(talking.ask("Wer hat darüber berichtet?", "de")) == UKRAINE


@pytest.mark.parametrize("follow_up", ["and the weather in Lyon tomorrow?", "Et la météo à Lyon demain?"])
def test_and_the_with_a_subject_of_its_own_leaves_the_story(talking: Answerer, follow_up: str) -> None:
    talking.ask("what is going on with the french government?", "lyon")
    assert talking.ask(follow_up, "lyon").story is None


@pytest.mark.parametrize(
    "question",
    [
        "Und wie geht es jetzt mit der Regierung in Spanien weiter?",
        "E como está o governo da Alemanha agora?",
        "Que se passe-t-il avec le gouvernement en Belgique?",
        "Chi guida il governo in Spagna adesso?",
        # "Duitse" is German: another country's government, though "met" (with) is no meeting
        "Wat gebeurt er met de Duitse regering?",
    ],
)
def test_another_country_named_in_its_own_language_is_declined(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


def test_french_elision_is_split_but_english_contractions_are_not() -> None:
    assert read_question("l'armée a combien d'heures?").tokens[:2] == ("the", "army")
    assert "do" in read_question("don't they know?").tokens


def test_who_someone_was_that_something_was_done_to_needs_their_name(talking: Answerer) -> None:
    # the story tells of "a senior Hamas official" killed in Tehran, never his name
    answer = talking.ask("who was the Hamas guy they took out in Tehran?")
    assert _story(answer) == GAZA and not answer.direct
    answer = talking.ask("who is the bloke from Eurasia Group quoted on France?")
    assert _story(answer) == FRANCE and "Rahman" in answer.text


def test_a_closing_question_that_only_points_back_leaves_the_question_before(talking: Answerer) -> None:
    answer = talking.ask("how many hostages are still in Gaza? does the story say?")
    assert _story(answer) == GAZA and not answer.direct
    assert "how many hostages" in answer.text  # the question asked, not "whether it says"
    answer = talking.ask("which oblasts had rescue crews? or just the one? any idea?")
    assert _story(answer) == UKRAINE and "Prikarpattia" in answer.text


def test_a_country_before_the_target_of_an_attack_is_not_the_attacker(talking: Answerer) -> None:
    answer = talking.ask("anything new on the Ukrainian energy infrastructure strikes?")
    assert _story(answer) == UKRAINE
    assert _story(talking.ask("how many Ukrainian drone strikes hit Moscow?")) is None  # Ukraine attacking


def test_an_effective_date_asks_when(talking: Answerer) -> None:
    assert read_question("start date for the truce?").kind == "when"
    answer = talking.ask("what's the effective date of Beijing's mineral export controls?")
    assert _story(answer) == CHINA and not answer.direct


def test_what_an_attack_was_aimed_at(talking: Answerer) -> None:
    answer = talking.ask("what did the russians aim at in ukraine?")
    assert _story(answer) == UKRAINE and "energy infrastructure" in answer.text


@pytest.mark.parametrize("question", ["and the reason?", "any reason given?", "so the motive?", "reasons?"])
def test_a_bare_reason_asks_why(question: str) -> None:
    assert read_question(question).kind == "why"


def test_keep_is_an_everyday_verb_not_a_topic(talking: Answerer) -> None:
    # "keep" is in the Gaza story ("Israel would keep control"), but a laptop that keeps crashing isn't
    assert _story(talking.ask("our table keeps wobbling, how to fix it?")) is None
    assert _story(talking.ask("does Israel keep control of the Egypt border under the plan?")) == GAZA


def test_a_country_the_preamble_is_about_makes_there_that_country(talking: Answerer) -> None:
    question = "I've been reading about the fighting in Sudan lately. Is there any ceasefire there yet?"
    assert read_question(question).countries == {"sudan"}
    assert _story(talking.ask(question)) is None
    # a language is no country talked about
    question = "We talked about minerals in my English class. How much of the supply does China hold?"
    assert _story(talking.ask(question)) == CHINA


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("¿en qué país se juntaron a negociar los israelíes?", GAZA, "Qatar"),
        ("che, ¿cuántos primeros ministros se le cayeron a Macron?", FRANCE, "five"),
        ("who gets the photo credit on the rare earths item?", CHINA, "Damir Sagolj"),
        ("why do these minerals matter to other economies?", CHINA, "semiconductors"),
    ],
)
def test_more_spanish_and_the_photo_credit(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    assert_answered(talking, question, story, expected)


def test_counting_the_story_s_own_thing_is_about_the_story(talking: Answerer) -> None:
    answer = talking.ask("how many hostages are still breathing?")
    assert _story(answer) == GAZA and not answer.direct
    assert _story(talking.ask("how many hostages does Hezbollah hold?")) is None  # someone else's


def test_scots_how_no_and_a_beef_ask_why(talking: Answerer) -> None:
    assert read_question("how no?").kind == "why"
    assert read_question("what was Hamas's beef with the proposals?").kind == "why"
    assert read_question("how no one saw it coming?").tokens[:3] == ("how", "no", "one")
    talking.ask("did hamas go to the qatar talks?", "s")
    answer = talking.ask("how no? what was their gripe", "s")
    assert _story(answer) == GAZA and ("protest" in answer.text or "because" in answer.text)


_THEATRE = (
    "Our amateur theatre group is staging a satire about revolving doors in politics and the director"
    " wants real figures for the programme notes, but I must double-check everything since the critics"
    " are merciless, so how many prime ministers has France lost and over how long?"
)


def test_a_long_sentence_s_closing_so_clause_is_its_question(talking: Answerer) -> None:
    read = read_question(_THEATRE)
    assert {"prime", "ministers", "france"} <= read.proper and "theatre" not in read.proper
    answer = talking.ask(_THEATRE)
    # the question proper names its story plainly: the match shown is not diluted by the chatter
    assert _story(answer) == FRANCE and "five" in answer.text and answer.score >= 0.5


def test_a_closing_so_clause_that_leans_back_keeps_the_whole_sentence() -> None:
    leaning = "My uncle keeps saying France can't hold on to a premier, so how many have they lost?"
    assert "premier" in read_question(leaning).proper


def test_hammering_out_a_swap_is_the_talks_framework(talking: Answerer) -> None:
    answer = talking.ask("what swap were the negotiators hammering out in Qatar?")
    assert _story(answer) == GAZA and "framework" in answer.text and answer.score >= 0.8
    assert _story(talking.ask("what tradeoff were they thrashing out in Qatar?")) == GAZA


def test_aussie_exclamations_are_chat_filler(talking: Answerer) -> None:
    answer = talking.ask("crikey, what did china do with the rare earths")
    assert _story(answer) == CHINA and answer.score >= 0.9


def test_why_someone_holds_a_view_needs_grounds_in_so_many_words(talking: Answerer) -> None:
    # The story gives the analyst's view but not his grounds for it.
    answer = talking.ask("why does the Eurasia Group analyst believe the next premier will stick?")
    assert _story(answer) == FRANCE and not answer.direct and "doesn't say" in answer.text
    # ... while a reason the story does give is still the answer
    answer = talking.ask("why did Hamas expect nothing from the Qatar meeting?")
    assert _story(answer) == GAZA and answer.direct


def test_a_country_keeping_firms_from_selling_to_china_is_not_china_s_curbs(talking: Answerer) -> None:
    assert _story(talking.ask("did the US prevent chipmakers from shipping their products to China?")) is None
    assert _story(talking.ask("has the US kept Intel from selling processors to China?")) is None
    # China keeping its own firms from selling abroad is the story
    assert _story(talking.ask("has China stopped its firms from exporting rare earths?")) == CHINA


def test_who_a_side_was_talking_to_is_who_it_met(talking: Answerer) -> None:
    assert_answered(talking, "who was Israel's team talking to?", GAZA, "mediators")
    assert_answered(talking, "who were the Israelis talking to?", GAZA, "mediators")
    # ... while whom a newspaper talked to is its sources
    assert_answered(talking, "who did the New York Times talk to?", GAZA, "officials")


def test_a_remark_after_a_polite_request_is_not_part_of_the_question(talking: Answerer) -> None:
    answer = talking.ask(
        "Hi! Can you tell me the latest on Ukraine's power grid? My nephew teaches English in Lviv"
        " and writes now and then."
    )
    assert _story(answer) == UKRAINE and answer.score >= 0.9


def test_a_rhetorical_surely_leaves_the_question_before_it(talking: Answerer) -> None:
    answer = talking.ask(
        "why should anyone care about China's curbs? surely the minerals can be bought somewhere else?"
    )
    assert _story(answer) == CHINA and "semiconductors" in answer.text


def test_being_worked_up_about_something_asks_why_it_matters(talking: Answerer) -> None:
    answer = talking.ask("why is everyone so worked up over the rare earth curbs?")
    assert _story(answer) == CHINA and answer.direct and "semiconductors" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "who does he work for?",
        "and who does that gentleman work for, if you don't mind my asking?",
        "where does the commentator work, if I may ask?",
    ],
)
def test_who_someone_works_for_asks_their_employer(question: str) -> None:
    read = read_question(question)
    assert read.kind == "who" and read.target == ("employer",)
    assert not {"mind", "asking", "ask"} & set(read.topic)


def test_the_analyst_s_employer_in_a_conversation(talking: Answerer) -> None:
    talking.ask("does anyone expect the next French premier to last?", "w")
    answer = talking.ask("who does that chap work for, if you don't mind me asking?", "w")
    assert _story(answer) == FRANCE and "Eurasia Group" in answer.text


def test_a_yes_no_question_is_answered_by_a_sentence_about_its_subject(talking: Answerer) -> None:
    answer = talking.ask("were emergency crews deployed after Russia's strikes on Ukraine's energy system?")
    assert _story(answer) == UKRAINE and "rescue work" in answer.text


def test_what_a_commentator_said_is_told_in_the_update_s_own_words(talking: Answerer) -> None:
    answer = talking.ask("what does the Eurasia Group expert say about Macron's next pick?")
    assert _story(answer) == FRANCE and answer.text.startswith("Mujtaba Rahman of Eurasia Group says")


def test_falling_apart_is_a_government_collapsing(talking: Answerer) -> None:
    answer = talking.ask("is the French government falling apart again?")
    assert _story(answer) == FRANCE and answer.score >= 0.9  # every word of it is the story's
    # ... another parliament's government is another story
    assert _story(talking.ask("is the coalition in the Bundestag about to fall apart?")) is None
    assert _story(talking.ask("will the government in the Dail fall apart like the French one?")) is None


def test_china_s_move_is_a_noun_and_the_rest_of_the_world_no_topic(talking: Answerer) -> None:
    answer = talking.ask("why is China's move such a headache for the rest of the planet?")
    assert _story(answer) == CHINA
    assert doesnt_say(read_question("why is China's move such a headache?"), "why") == (
        "The story doesn't say why China's move is such a headache."
    )


def test_a_claim_put_as_a_question_then_a_bare_request_asks_whether_it_holds(talking: Answerer) -> None:
    assert read_question("china banned rare earth exports?? what's the deal").kind == "yes-no"
    assert read_question("Latest on the Gaza truce? give me the date too.").kind == "latest"
    answer = talking.ask("so hamas bailed on the doha meeting?? what's the deal")
    assert _story(answer) == GAZA and ("boycotted" in answer.text or "refused" in answer.text)


def test_searching_for_a_premier_is_appointing_one(talking: Answerer) -> None:
    answer = talking.ask("is macron still searching for a new premier?")
    assert _story(answer) == FRANCE and "new appointment" in answer.text and answer.score >= 0.8


def test_a_dated_yes_no_question_is_answered_by_the_update_of_that_date(talking: Answerer) -> None:
    answer = talking.ask("Did Hamas go to the Qatar negotiations in August 2024?", "d")
    assert _story(answer) == GAZA and "refused" in answer.text  # the update, not the summary's retelling
    answer = talking.ask("how come?", "d")
    assert "protest" in answer.text or "because" in answer.text


def test_a_closing_can_you_help_is_a_request_to_the_bot_not_a_topic(talking: Answerer) -> None:
    assert (
        _story(talking.ask("I have to summarise the water cycle for geography homework. Could you help me?"))
        is None
    )
    # ... while a real question before it is still answered
    answer = talking.ask("How many prime ministers has France lost? Can you help?")
    assert _story(answer) == FRANCE and "five" in answer.text


def test_how_long_s_that_been_going_on_asks_a_duration() -> None:
    read = read_question("how long's that been going on for?")
    assert read.kind == "duration" and "has" in read.tokens


def test_what_someone_is_set_to_do_asks_the_plan(talking: Answerer) -> None:
    assert read_question("what is the French president set to do next?").asks_plan
    assert_answered(talking, "what is Macron expected to do tomorrow?", FRANCE, "try again")


def test_what_they_were_meant_to_agree_on_asks_the_terms() -> None:
    assert read_question("so what were the two sides meant to be signing up to?").asks_terms
    assert read_question("what was everybody trying to settle on?").asks_terms


def test_an_irregular_participle_ends_a_yes_no_question_s_subject(talking: Answerer) -> None:
    answer = talking.ask(
        "were emergency workers sent in after Russia's missiles hit Ukraine's power network?"
    )
    assert _story(answer) == UKRAINE and "rescue work" in answer.text


def test_like_nobody_s_business_is_an_idiom_not_what_is_counted(talking: Answerer) -> None:
    read = read_question("they're losing premiers like nobody's business, how many is that now?")
    assert "business" not in read.unit
    assert_answered(
        talking, "France is firing PMs like there's no tomorrow, how many's that noo?", FRANCE, "five"
    )


def test_who_is_running_a_country_asks_about_its_government(talking: Answerer) -> None:
    answer = talking.ask("any news on who's running Paris these days?")
    assert _story(answer) == FRANCE
    assert _story(talking.ask("who is in charge in France at the moment?")) == FRANCE


def test_short_verbs_with_a_dropped_g(talking: Answerer) -> None:
    assert "saying" in read_question("who's that fella sayin the next pm will stick").tokens
    assert "putin" in read_question("what is putin doin now").tokens  # a name, not "putting"
    answer = talking.ask("who's the expert sayin the next french pm might last")
    assert _story(answer) == FRANCE and "Rahman" in answer.text


def test_were_before_another_auxiliary_is_where() -> None:
    assert read_question("were did the ukraine strikes hit hardest?").kind == "where"
    assert read_question("were they at the talks?").kind == "yes-no"


# Readers' words for what a story says, each answering from it: giving up / trying again; taking
# down, chowing through or binning premiers (toppling them); stressing (fearing); "ok" as a verb;
# "how many's that"; what "there" was; the lecky (electricity).
@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("has macron thrown in the towel on naming a premier?", FRANCE, "try again"),
        ("is Macron giving up on the whole PM search?", FRANCE, "try again"),
        ("what is macron planing nxt for his govt", FRANCE, "try again"),
        ("how many heads of government has the turmoil in Paris taken down?", FRANCE, "five"),
        ("who is stressing about Iran hitting back?", GAZA, "Biden administration"),
        ("so has israel ok'd the truce or not", GAZA, "approved"),
        ("did the israeli cabinet okay the deal?", GAZA, "approved"),
        ("french PMs keep falling over, how many's that now?", FRANCE, "five"),
        ("were there emergency crews out after Russia's rocket salvo on Ukraine?", UKRAINE, "rescue work"),
        ("the french keep gettin their prime ministers binned, how many now?", FRANCE, "five"),
        ("where's the lecky gone off in ukraine?", UKRAINE, "Ternopil"),
    ],
)
def test_chat_words_for_what_the_story_says(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    assert_answered(talking, question, story, expected)


def test_taking_place_is_happening_not_taking_part(talking: Answerer) -> None:
    assert_answered(talking, "where did the negotiations over Gaza take place?", GAZA, "Qatar")


# --- remarks after the question ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("which town was hit, or is that classified as well", ("town", "hit")),
        ("and the french side? or was that left out too", ("french", "side")),
        ("who's behind the blackouts, as if nobody knows", ("behind", "blackouts")),
        ("is it only chips affected or cars too, asking because i work at a garage", ("chips", "cars")),
        ("which analyst is tipping the pick, i need someone to quote", ("analyst", "tipping", "pick")),
    ],
)
def test_a_jibe_or_reason_after_the_question_adds_no_topic(question: str, topic: tuple[str, ...]) -> None:
    read = read_question(question)
    assert set(topic) <= set(read.topic)
    remark = {"classified", "left", "nobody", "garage", "quote", "work"}
    assert not remark & set(read.topic)


def test_an_alternative_with_its_own_subject_stays() -> None:
    assert "another" in read_question("is macron done, or is he having another go?").tokens


def test_a_remark_after_a_question_no_longer_hides_its_story(talking: Answerer) -> None:
    answer = talking.ask("which blocs do the french premiers come from, or is that a secret too")
    assert _story(answer) == FRANCE and answer.direct is False
    assert_answered(talking, "who's bombing ukraine's grid, as if we couldn't guess", UKRAINE, "Russia")


def test_an_apology_for_the_language_names_no_country() -> None:
    read = read_question("sorry for my bad english, which factories need these minerals from china?")
    assert read.countries == frozenset({"china"})
    assert "english" not in read.topic
    assert read_question("pardon my french but why did the premier go?").countries == frozenset()


def test_an_apology_for_the_language_leaves_the_story_to_the_question(talking: Answerer) -> None:
    question = (
        "excuse my english, i am student of chemistry and we speak about rare earth in class, now china "
        "limit the export, which industry will suffer from this?"
    )
    assert_answered(talking, question, CHINA, "semiconductors")


# --- statements asked as questions, and the story's own phrases ----------------------------------


def test_a_statement_with_a_question_mark_asks_whether_it_holds() -> None:
    assert read_question("the car makers are hit as well?").kind == "yes-no"
    assert read_question("hamas has agreed to it?").kind == "yes-no"
    # an either-or asks which; a bare name asks for the news
    assert read_question("this was by missile or by drone?").kind != "yes-no"
    assert read_question("rare earths?").kind != "yes-no"


def test_a_phrase_of_the_story_word_for_word_is_enough_evidence(talking: Answerer) -> None:
    assert_answered(talking, "the military technology is in trouble too?", CHINA, "military technology")


def test_another_is_no_topic_the_story_must_name(talking: Answerer) -> None:
    answer = talking.ask("when is macron naming another premier?")
    assert _story(answer) == FRANCE and answer.direct is True
    assert "next day" in answer.text


def test_chat_spellings_of_happen_and_appoint(talking: Answerer) -> None:
    read = read_question("wen is macron gonna apoint anothr one, when's it hapening")
    assert {"appoint", "another", "happening"} <= set(read.tokens)


def test_all_talk_belittles_like_just_talk(talking: Answerer) -> None:
    answer = talking.ask("gaza truce: is it really in force or is it all talk?")
    assert _story(answer) == GAZA and "talk about ending" not in answer.text


def test_who_is_doing_something_asks_for_the_actor(talking: Answerer) -> None:
    # "who is X?" asks who holds a role; "who is attacking X?" asks who does it, as "who attacked?"
    assert_answered(talking, "who is attacking the ukrainian power network?", UKRAINE, "Russia")


# --- yes-or-no questions: the verb, and what is still to come ------------------------------------


def test_a_yes_no_question_is_answered_by_a_sentence_with_its_verb(talking: Answerer) -> None:
    # the lead names Macron (and, in its headline, a prime minister) but says nothing of losing one
    assert_answered(talking, "is macron losing prime ministers?", FRANCE, "five prime ministers")


def test_has_it_happened_already_is_answered_by_what_is_due(talking: Answerer) -> None:
    assert_answered(talking, "has president macron already found a new prime minister?", FRANCE, "next day")


def test_what_question_about_nothing_in_the_story_doesnt_say(talking: Answerer) -> None:
    answer = talking.ask("what are macron's poll numbers like these days?")
    assert _story(answer) == FRANCE and answer.direct is False
    assert "doesn't say" in answer.text
    # a follow-up "what about X?" leans on the conversation, and a plan may be told in other words
    assert talking.ask("what is macron set to do next?").direct is True


def test_narrow_or_broad_asks_how_far_reaching(talking: Answerer) -> None:
    for question in ("is the new ban narrow in scope?", "how extensive are the new curbs?"):
        answer = talking.ask(question)
        assert _story(answer) == CHINA
        assert "sweeping" in answer.text or "broad" in answer.text


def test_a_country_told_of_before_the_question_is_what_it_is_about() -> None:
    read = read_question(
        "my neighbour (works in logistics) said that China has tightened its mineral exports. "
        "which products will feel it?"
    )
    assert "china" in read.countries
    # one met in passing is not
    assert read_question("my brother lives in Germany. which products will feel it?").countries == frozenset()


def test_weapons_asked_about_are_the_story_s_missiles(talking: Answerer) -> None:
    talking.ask("what hit ukraine's power stations?", "weapons")
    answer = talking.ask("which weapons did they use?", "weapons")
    assert _story(answer) == UKRAINE and answer.direct is True and "missile" in answer.text


# --- hedges, and what a named person said ---------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("just to confirm, did anyone die in the ternopil attack?", "yes-no"),
        ("am I correct in thinking the french premier keeps being replaced?", "yes-no"),
        ("would it be fair to say that hamas is still refusing?", "yes-no"),
        ("correct me if I'm wrong, but how many hostages are there?", "quantity"),
    ],
)
def test_a_careful_askers_hedge_is_no_part_of_the_question(question: str, kind: str) -> None:
    read = read_question(question)
    assert read.kind == kind
    assert not {"confirm", "correct", "fair", "thinking", "wrong"} & set(read.topic)


def test_a_hedged_question_about_what_the_story_lacks_doesnt_say(talking: Answerer) -> None:
    answer = talking.ask("just to confirm, were people injured in the 13 December attack?")
    assert _story(answer) == UKRAINE and answer.direct is False
    answer = talking.ask("am I right in thinking there will be an early election in France?")
    assert _story(answer) == FRANCE and answer.direct is False


def test_what_someone_said_is_not_the_photo_of_them(talking: Answerer) -> None:
    # the story shows Trump in a photo but reports nothing he said
    answer = talking.ask("what did Trump say back to Beijing about the minerals?")
    assert _story(answer) == CHINA and answer.direct is False
    assert "photo" not in answer.text
    assert "doesn't say what Trump said" in answer.text
    # asking about the picture still gets the caption
    assert "photo" in talking.ask("is Trump in the picture with the rare earths story?").text


def test_the_echo_of_whats_someone_said_keeps_has() -> None:
    assert "what Xi has said" in doesnt_say(read_question("what's Xi said about it?"), "what")


# --- who is appointed, and names misspelt --------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["who has macron chosen?", "who will macron nominate?", "who was named premier?"],
)
def test_the_one_appointed_is_not_the_analyst_of_the_pick(talking: Answerer, question: str) -> None:
    # the story names no nominee; the analyst who comments on the pick is not one
    answer = talking.ask(question)
    assert _story(answer) == FRANCE and answer.direct is False
    assert "doesn't say" in answer.text


def test_a_misspelt_name_of_the_story_is_no_stranger(talking: Answerer) -> None:
    answer = talking.ask("which firm does Mujtabba Rahmann work for?")
    assert _story(answer) == FRANCE and "Eurasia Group" in answer.text


# --- the attack itself ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "who carried out the large-scale rocket barrage on ukraine?",
        "who was doin the bombin on ukraine's grid?",
    ],
)
def test_who_carried_out_an_attack_asks_the_attacker(talking: Answerer, question: str) -> None:
    assert_answered(talking, question, UKRAINE, "Russia")


def test_what_an_attack_targeted_is_told_by_the_sentence_telling_it(talking: Answerer) -> None:
    # the rescue work is set "after the strikes": it tells what followed, not what they went for
    talking.ask("how many people lost power in ternopil?", "targets")
    answer = talking.ask("what exactly were the strikes targeting?", "targets")
    assert _story(answer) == UKRAINE and "rescue" not in answer.text
    assert_answered(talking, "who turned up to help after the strikes?", UKRAINE, "emergency crews")


def test_why_do_people_think_asks_why_it_is_so(talking: Answerer) -> None:
    # nobody in particular holds the view: it asks why France is in free fall, which the story tells
    answer = talking.ask("why do people reckon the french government is in free fall?")
    assert _story(answer) == FRANCE and answer.direct is True
    assert "five prime ministers" in answer.text


def test_how_long_something_has_been_dragging_on(talking: Answerer) -> None:
    assert_answered(talking, "how long has the french crisis been dragging on?", FRANCE, "two years")


def test_what_the_story_says_about_something_it_never_mentions(talking: Answerer) -> None:
    answer = talking.ask("what does the article say about deaths in the Ternopil attack?")
    assert _story(answer) == UKRAINE and answer.direct is False
    assert answer.text.startswith("The story doesn't say anything about deaths in the Ternopil attack.")
    # ... and about something it does
    assert_answered(talking, "what does the report say about the hostages?", GAZA, "return the hostages")


def test_comin_and_takin_are_coming_and_taking() -> None:
    read = read_question("are the hostages comin back? is israel takin its troops out?")
    assert {"coming", "taking"} <= set(read.tokens)


def test_a_long_yes_no_question_about_nothing_in_the_story_doesnt_say(talking: Answerer) -> None:
    answer = talking.ask("Is Macron weighing a referendum on constitutional reform and a cabinet reshuffle?")
    assert _story(answer) == FRANCE and answer.direct is False


# --- the publisher, chat address, and the event itself -------------------------------------------


def test_which_outlet_reported_it_is_the_record_s_credit(talking: Answerer) -> None:
    answer = talking.ask("which paper published the rare earths story?")
    assert _story(answer) == CHINA and answer.direct is True and "GZERO Media" in answer.text
    # a claim's source is still looked for in the story's own words
    assert "GZERO" not in talking.ask("who says china holds 70% of the supply?").text
    # ... and "who reported it?" after an answer no sentence reports is the same credit, worded once
    talking.ask("what is china restricting?", "credit")
    followup = talking.ask("who reported that?", "credit")
    assert followup.direct is True and followup.text == answer.text


@pytest.mark.parametrize(
    ("question", "dropped"),
    [("russia hit the grid again or what lads", "lads"), ("any news on gaza, guys?", "guys")],
)
def test_the_people_addressed_are_no_topic(question: str, dropped: str) -> None:
    read = read_question(question)
    assert dropped not in read.topic and read.target == ()


def test_a_light_verb_is_not_the_act_asked_about(talking: Answerer) -> None:
    # "carried out" is the rescue sentence's phrase; the barrage is what is asked about
    assert_answered(talking, "was the december barrage carried out with rockets?", UKRAINE, "missile attack")


def test_chat_for_whats_going_on_and_for_a_mess(talking: Answerer) -> None:
    assert_answered(talking, "france is a right shambles, what's the craic?", FRANCE, "free fall")


def test_guesses_after_a_question_are_not_the_question() -> None:
    read = read_question("How long did the blackout in Ternopil go on? Hours? Days?")
    assert read.kind == "duration"
    assert {"blackout", "ternopil"} <= read.proper


def test_knocking_over_premiers_is_toppling_them(talking: Answerer) -> None:
    assert_answered(talking, "how many pms have been knocked over in paris?", FRANCE, "five")


def test_anything_fresh_asks_for_the_news_and_a_jibe_at_the_press_is_no_topic() -> None:
    read = read_question("anything fresh on the gaza truce, or are the papers still recycling old stuff?")
    assert read.kind == "latest"
    assert not {"papers", "recycling"} & set(read.topic)


# --- which country, which state, assent ----------------------------------------------------------


def test_which_country_a_crisis_is_in_is_the_country_acting_in_it(talking: Answerer) -> None:
    answer = talking.ask("what country keeps losing its prime ministers?")
    assert _story(answer) == FRANCE and answer.direct is True and "France" in answer.text


def test_which_state_carried_out_an_attack_asks_the_attacker(talking: Answerer) -> None:
    assert_answered(
        talking, "which nation carried out the rocket barrage on ukraine's grid?", UKRAINE, "Russia"
    )


def test_assent_and_premierships(talking: Answerer) -> None:
    assert_answered(talking, "did the israeli cabinet give its assent to the truce?", GAZA, "approved")
    assert read_question("n what did they do").tokens[0] == "and"
    assert_answered(talking, "how many premierships has france burned through?", FRANCE, "five")


# --- the verb a yes-or-no question asks about ------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "did kyiv's air defence knock down any of the rockets?",
        "Did Ukraine manage to intercept the missiles?",
        "did the ukrainians try to shoot the missiles down",
    ],
)
def test_a_verb_the_story_never_uses_is_something_it_doesnt_say(talking: Answerer, question: str) -> None:
    assert_doesnt_say(talking, question, UKRAINE)


def test_managing_to_do_something_asks_about_the_something(talking: Answerer) -> None:
    answer = talking.ask("did Israel manage to approve the truce?")
    assert _story(answer) == GAZA and answer.direct is True and "approved" in answer.text


# --- a question passed on by someone else --------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "story", "fact"),
    [
        ("My neighbour wants to know: how many prime ministers has France lost?", FRANCE, "five"),
        ("A viewer in Leeds asks whether Hamas turned up in Qatar.", GAZA, "Hamas"),
        ("our next caller is asking what the Israelis did on Friday about the truce", GAZA, "approved"),
    ],
)
def test_someone_elses_question_is_the_question(
    talking: Answerer, question: str, story: str, fact: str
) -> None:
    assert_answered(talking, question, story, fact)


def test_a_passed_on_follow_up_stays_in_the_conversation(talking: Answerer) -> None:
    talking.ask("tell us about the French government crisis", conversation="radio")
    answer = talking.ask("A reader writes in: and how many have gone so far?", conversation="radio")
    assert _story(answer) == FRANCE and "five" in answer.text


def test_what_someone_did_in_reported_word_order_asks_what_they_did() -> None:
    assert read_question("she asks what Israel's government did about the truce").kind == "what"
    assert read_question("which government did Hamas refuse to meet?").target  # a direct question keeps it


# --- operations conducted, and what had happened by a time ------------------------------------------


def test_a_light_passive_verb_asks_whether_its_subject_happened(talking: Answerer) -> None:
    answer = talking.ask("Were rescue operations conducted after the rockets hit ukraine?")
    assert _story(answer) == UKRAINE and answer.direct is True and "rescue work" in answer.text


def test_already_by_the_time_of_an_event_asks_what_was_still_pending(talking: Answerer) -> None:
    answer = talking.ask("had tehran already struck back at israel by the time of the doha meeting?")
    assert _story(answer) == GAZA and "still weighing" in answer.text


# --- a follow-up asking where, when or how many, in words of its own --------------------------------


def test_a_follow_up_asking_where_may_use_words_the_story_lacks(talking: Answerer) -> None:
    talking.ask("what does the october deal require of israel's army?", conversation="pullback")
    answer = talking.ask("where is the pullback visible on the ground?", conversation="pullback")
    assert _story(answer) == GAZA and answer.followup is True


def test_a_follow_up_asking_who_still_needs_the_story_s_words(talking: Answerer) -> None:
    talking.ask("why do rare earths matter so much?", conversation="cup")
    assert _story(talking.ask("who won the world cup?", conversation="cup")) is None


# --- a question about the photo, and the bigger picture -------------------------------------------


def test_who_is_in_the_photo_of_a_named_story_is_the_caption(talking: Answerer) -> None:
    answer = talking.ask("who can be seen in the image that goes with the critical minerals story?")
    assert _story(answer) == CHINA and "Xi Jinping" in answer.text


def test_the_bigger_picture_is_no_photo(talking: Answerer) -> None:
    answer = talking.ask("what's the bigger picture with china's export curbs, which industries need these?")
    assert _story(answer) == CHINA and "photo" not in answer.text


# --- "X for what?", and a country answering another -------------------------------------------------


def test_a_reprisal_for_what_asks_what_it_would_avenge(talking: Answerer) -> None:
    talking.ask("what is washington scared iran might do?", conversation="avenge")
    answer = talking.ask("vengeance for what, then?", conversation="avenge")
    assert _story(answer) == GAZA and "assassination" in answer.text
    assert read_question("retaliation for what?").for_what == "retaliation"


@pytest.mark.parametrize(
    "question",
    [
        "what was the american retort to china's export limits?",
        "how did the USA answer Beijing over the minerals?",
    ],
)
def test_a_country_answering_another_asks_its_reaction(talking: Answerer, question: str) -> None:
    assert_doesnt_say(talking, question, CHINA)


# --- Scots spellings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "story", "fact"),
    [
        ("whit are they rare earths used fur?", CHINA, "semiconductors"),
        ("hoo mony prime ministers hiv the french lost?", FRANCE, "five"),
        ("who's in the photie wi the china story?", CHINA, "Xi Jinping"),
    ],
)
def test_scots_spellings_are_read(talking: Answerer, question: str, story: str, fact: str) -> None:
    assert_answered(talking, question, story, fact)


# --- what a country is doing; a country answering; a quick question --------------------------------


def test_what_a_country_is_doing_is_where_it_acts(talking: Answerer) -> None:
    answer = talking.ask("so what's tehran doing about it all?")
    assert _story(answer) == GAZA and "weighing its options" in answer.text


def test_had_a_country_already_acted_by_an_earlier_time(talking: Answerer) -> None:
    answer = talking.ask("by the time of the qatar meeting, had iran already struck israel?")
    assert _story(answer) == GAZA and "weighing its options" in answer.text


def test_responding_asks_a_reaction_and_a_quick_q_is_no_topic(talking: Answerer) -> None:
    answer = talking.ask("how's washington responding to the rare earth curbs?")
    assert _story(answer) == CHINA and answer.direct is False
    assert_answered(
        talking, "quick q: how many hrs does hamas get to hand the hostages back?", GAZA, "72 hours"
    )


# --- a country's next move; Taglish; a stance; dead on arrival -------------------------------------


@pytest.mark.parametrize(
    "question", ["will tehran strike back at israel?", "is iran going to retaliate or what?"]
)
def test_a_country_s_next_move_is_told_as_still_pending(talking: Answerer, question: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == GAZA and "still weighing" in answer.text


@pytest.mark.parametrize(
    ("question", "story", "fact"),
    [
        ("kelan po nangyari yung missile attack sa ukraine?", UKRAINE, "13 December"),
        ("ano po gamit ng rare earths?", CHINA, "semiconductors"),
    ],
)
def test_taglish_question_words(talking: Answerer, question: str, story: str, fact: str) -> None:
    assert_answered(talking, question, story, fact)


def test_dead_on_arrival_asks_about_the_talks_chances(talking: Answerer) -> None:
    assert_answered(talking, "were the qatar talks dead on arrival without hamas?", GAZA, "slim to no chance")
    assert read_question("number of prime ministers france lost?").kind == "quantity"


# --- asking where in the record the answer stands --------------------------------------------------


@pytest.mark.parametrize(
    ("question", "story", "fact"),
    [
        ("Did Hamas go to the meeting in Qatar? Which sentence covers that?", GAZA, "Hamas"),
        ("Why do rare earths matter so much? Which sentence explains it?", CHINA, "semiconductors"),
        ("When did the Israelis okay the truce, and which part of the report gives the day?", GAZA, "Friday"),
        ("Is Iran weighing a response? Please point me to the sentence.", GAZA, "weighing its options"),
    ],
)
def test_a_request_to_cite_the_sentence_is_no_question_of_its_own(
    talking: Answerer, question: str, story: str, fact: str
) -> None:
    assert_answered(talking, question, story, fact)


# --- the names of people the story only counts; a learner's word order ------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What are names of prime ministers which were toppled?",
        "so who'd macron end up choosing as the new premier?",
        "To which party Macron belongs?",
    ],
)
def test_names_the_story_never_gives_are_something_it_doesnt_say(talking: Answerer, question: str) -> None:
    assert_doesnt_say(talking, question, FRANCE)


def test_deciding_how_to_answer_a_country_is_still_pending(talking: Answerer) -> None:
    answer = talking.ask("has tehran already decided how to answer israel over the killing in tehran?")
    assert _story(answer) == GAZA and "still weighing" in answer.text


# --- where the mediators came from; whom someone will appoint ----------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what country did the mediators at the gaza talks come from?",
        "which states served as the mediators in qatar?",
    ],
)
def test_where_the_mediators_met_is_not_where_they_came_from(talking: Answerer, question: str) -> None:
    assert_doesnt_say(talking, question, GAZA)


def test_whom_someone_will_appoint_is_phrased_as_a_clause(talking: Answerer) -> None:
    answer = talking.ask("Whom will Macron name as premier?")
    assert _story(answer) == FRANCE and answer.direct is False
    assert answer.text.startswith("The story doesn't say whom Macron will name")


# --- due, meant to, intends to; a stance; a Scouse vocative --------------------------------------------


def test_when_someone_is_meant_to_act_asks_when_it_is_due(talking: Answerer) -> None:
    answer = talking.ask("when's macron supposed to be namin' the next premier, boss?")
    assert _story(answer) == FRANCE and answer.direct is True and "next day" in answer.text


def test_what_someone_intends_to_do_asks_their_plan(talking: Answerer) -> None:
    assert_answered(
        talking,
        "tell me what the French president intends to do next about his government",
        FRANCE,
        "next day",
    )


def test_a_stance_taken_is_what_was_done() -> None:
    read = read_question("what stance did hamas take on the qatar meeting?")
    assert read.kind == "what" and not read.target


# --- one office holder's time; a weapon type; a next attempt ----------------------------------------


def test_how_long_one_holder_lasted_is_not_the_span_of_all_of_them(talking: Answerer) -> None:
    answer = talking.ask(
        "How long did the last French prime minister actually stay in office before being toppled?"
    )
    assert _story(answer) == FRANCE and answer.direct is False
    assert answer.text.startswith("The story doesn't say how long")
    assert_answered(talking, "over how long have the five premiers fallen?", FRANCE, "two years")


def test_a_type_of_thing_asks_for_the_thing(talking: Answerer) -> None:
    talking.ask("what happened to ukraine's power grid?", conversation="arms")
    answer = talking.ask("what kind of weapon type hit it?", conversation="arms")
    assert _story(answer) == UKRAINE and "missile" in answer.text
    talking.ask("france's government crisis", conversation="again")
    assert_answered(talking, "when's the next attempt at a prime minister?", FRANCE, "next day")


# --- a count in absolute numbers; who carried out a dated attack ------------------------------------


def test_a_count_in_absolute_numbers_is_not_a_fraction(talking: Answerer) -> None:
    answer = talking.ask("in raw numbers, how many homes in ternopil went dark?")
    assert _story(answer) == UKRAINE and answer.direct is False and "half" in answer.text.lower()


def test_who_carried_out_a_dated_attack_asks_the_attacker(talking: Answerer) -> None:
    assert_answered(
        talking, "who carried out the 13 December missile strikes on the grid?", UKRAINE, "Russia"
    )


# --- "or what?", "used 4", Welsh tags, a country still deciding -------------------------------------


def test_a_statement_with_or_what_is_a_yes_or_no_question(talking: Answerer) -> None:
    answer = talking.ask("tehran still mulling a strike on israel or what")
    assert _story(answer) == GAZA and "still weighing" in answer.text


def test_chat_spellings_for_and_about(talking: Answerer) -> None:
    assert_answered(talking, "wat r critical minerals even needed 4", CHINA, "semiconductors")
    assert_answered(talking, "how many hrs has hamas got to hand back the hostages, butt?", GAZA, "72 hours")


def test_a_still_in_an_alternative_is_no_pending_question(talking: Answerer) -> None:
    answer = talking.ask("so did israel finally okay the gaza deal, or are we still in stoppage time?")
    assert _story(answer) == GAZA and "approved" in answer.text


@pytest.mark.parametrize(
    "question", ["which Israeli proposal upset Hamas?", "what israeli demand angered hamas?"]
)
def test_which_proposal_upset_someone_asks_the_proposal(talking: Answerer, question: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == GAZA and answer.direct is True and "border with Egypt" in answer.text


def test_whether_it_will_work_asks_whether_it_succeeds(talking: Answerer) -> None:
    talking.ask("what's the outlook for France's government?", conversation="odds")
    answer = talking.ask("and will it work this time?", conversation="odds")
    assert "finally stick" in answer.text
    # working for someone is a job, not a success
    assert read_question("does the analyst work for a bank?").search.count("out") == 0
    assert "out" in read_question("is their plan ever gonna work?").search


def test_a_short_plural_before_how_many_is_what_is_counted(talking: Answerer) -> None:
    assert read_question("france burns through PMs, how many is that now?").unit == ("pms",)
    assert_answered(talking, "lol france speedrunning PMs, how many is it now", FRANCE, "five")


def test_a_known_word_counted_is_not_respelt_as_a_story_word(talking: Answerer) -> None:
    # "PMs" is the lexicon's own word: a "doesn't say" answer names it as typed, not as "prime"
    answer = talking.ask("france jailed PMs lol how many is it now")
    assert answer.direct is False
    assert "how many pms." in answer.text.lower()


def test_a_dropped_h_and_d_are_read_back(talking: Answerer) -> None:
    assert read_question("'Ow many prime ministers 'as France lost?").kind == "quantity"
    assert read_question("an' who's the analyst?").tokens[0] == "and"
    assert read_question("is an attack likely?").tokens[1] == "an"  # the article stays


def test_how_someone_took_the_news_asks_their_reaction(talking: Answerer) -> None:
    read = read_question("So how did the Yanks take it?")
    assert read.reaction and "united states" in read.countries
    talking.ask("who met in Qatar in August 2024?", conversation="took")
    answer = talking.ask("an' how did Uncle Sam take all that?", conversation="took")
    assert "washington" in answer.text.lower() or "biden" in answer.text.lower()


def test_why_everyone_is_talking_about_it_asks_why_it_matters(talking: Answerer) -> None:
    assert_answered(talking, "why is everybody talking about the rare earth curbs?", CHINA, "semiconductors")
    assert_answered(talking, "why all the noise about China's mineral exports?", CHINA, "semiconductors")
    assert read_question("why is Macron talking to the unions?").motive


def test_why_something_happened_is_answered_by_the_event_that_caused_it(talking: Answerer) -> None:
    # "the attack left half ... without electricity": the attack, told in full, is the cause
    for question in (
        "Why were half of the Ternopil region's homes left without electricity on 13 December 2024?",
        # "left in the dark" is the households' state, not something they did
        "Why were Ternopil households left in the dark in December 2024?",
    ):
        assert_answered(talking, question, UKRAINE, "missile attack")
    # a crisis that toppled the prime ministers is a state, whose cause the story doesn't give
    assert_doesnt_say(talking, "why do French prime ministers keep falling?", FRANCE)


def test_any_word_on_something_mid_conversation_stays_on_the_story(talking: Answerer) -> None:
    talking.ask("what did Israel agree to in October 2025?", conversation="word")
    answer = talking.ask("has there been any word on how the kids there are faring?", conversation="word")
    assert _story(answer) == GAZA


def test_how_long_and_being_due_are_no_topic_of_a_follow_up(talking: Answerer) -> None:
    talking.ask("when did the Gaza cease-fire take effect?", conversation="due")
    answer = talking.ask(
        "and the families of the captives, how long before they're due home?", conversation="due"
    )
    assert _story(answer) == GAZA


def test_only_this_or_others_too_asks_the_sentence_with_the_rest(talking: Answerer) -> None:
    talking.ask("what has Beijing clamped down on?", conversation="scope")
    answer = talking.ask("is that solely rare earths, or are more materials affected?", conversation="scope")
    assert "other critical minerals" in answer.text
    assert not read_question("is it only a rumour?").asks_scope


def test_how_late_will_asks_when_and_an_analyst_misspelt(talking: Answerer) -> None:
    assert_answered(talking, "how late will Macron announce the next premier?", FRANCE, "next day")
    assert_answered(talking, "which analist commented on Macron picking a premier?", FRANCE, "Rahman")


def test_meanwhile_is_no_topic_of_a_follow_up(talking: Answerer) -> None:
    talking.ask("what did anonymous officials tell the New York Times?", conversation="meantime")
    answer = talking.ask("what was Iran up to in the meantime?", conversation="meantime")
    assert _story(answer) == GAZA and "weighing" in answer.text
    talking.ask("what did anonymous officials tell the New York Times?", conversation="meanwhile")
    assert _story(talking.ask("meanwhile what about Iran?", conversation="meanwhile")) == GAZA


def test_what_an_actor_did_is_in_the_sentence_saying_the_act(talking: Answerer) -> None:
    # "signed off on" is approving: the sentence telling the approval, not one only dated October 2025
    assert_answered(talking, "what did Israel's government sign off on in October 2025?", GAZA, "approved")
    # a thing as the subject asks what it holds, in any words
    assert_answered(talking, "what does the October 2025 deal require of Israeli troops?", GAZA, "24 hours")


def test_what_a_side_agreed_to_in_a_deal_asks_its_terms(talking: Answerer) -> None:
    assert_answered(talking, "what did the israelis sign up to in the truce", GAZA, "24 hours")
    assert_answered(talking, "what did hamas commit to in the gaza deal?", GAZA, "72 hours")
    assert read_question("what has Hamas signed up to as part of the cease-fire?").asks_terms
    assert not read_question("what did Israel agree to?").asks_terms  # the approving, or the terms


def test_compass_points_and_geordie_words(talking: Answerer) -> None:
    talking.ask("where did the kids look over the rubble?", conversation="bearings")
    answer = talking.ask("is that in the north or the south?", conversation="bearings")
    assert _story(answer) == GAZA and "southern" in answer.text
    read = read_question("did owt happen wi'oot them, pet?")
    assert "without" in read.tokens and "pet" not in read.topic


def test_a_clipped_day_of_question_asks_when(talking: Answerer) -> None:
    assert read_question("Date of the approval?").kind == "when"
    talking.ask("where did the negotiators meet the mediators?", conversation="clipped")
    assert "Thursday" in talking.ask("weekday of that meeting?", conversation="clipped").text


def test_patois_what_and_then(talking: Answerer) -> None:
    assert read_question("wah di deadline fi di hostages den, bab?").tokens[:3] == ("what", "the", "deadline")
    talking.ask("what did Israel approve in October 2025?", conversation="patois")
    answer = talking.ask("so wah was on di table in Qatar den?", conversation="patois")
    assert _story(answer) == GAZA and "prisoners" in answer.text


def test_a_plain_spoken_cue_opens_the_question_proper(talking: Answerer) -> None:
    # the rambling before "level with me, ..." names a country in passing; the question after it decides
    message = (
        "My sister moved to Hungary last spring and keeps phoning about blackouts next door, so level "
        "with me, which Ukrainian region lost power in the December 2024 strikes?"
    )
    assert_answered(talking, message, UKRAINE, "ternopil")
    assert read_question("give it to me straight: who pulled out of the Qatar talks?").kind == "who"


def test_where_a_matter_stands_asks_for_the_latest(talking: Answerer) -> None:
    assert read_question("any idea where this truce stands these days?").kind == "latest"
    assert read_question("where it stands with the French cabinet, then?").kind == "latest"
    assert read_question("where does Macron stand on it?").kind != "latest"  # his view


def test_the_only_one_asks_for_the_others(talking: Answerer) -> None:
    talking.ask("which region had half its consumers cut off?", conversation="only")
    answer = talking.ask("and was that the only region that got hit?", conversation="only")
    assert _story(answer) == UKRAINE and "Prikarpattia" in answer.text
    read = read_question("were the negotiators the only people who turned up?")
    assert read.kind == "who" and read.wants_other


def test_the_plan_in_a_conversation_is_the_storys_next_step(talking: Answerer) -> None:
    talking.ask("how many French premiers have fallen lately?", conversation="plan")
    answer = talking.ask("ok and what's the plan to sort it out?", conversation="plan")
    assert _story(answer) == FRANCE and "try again" in answer.text
    # a plan being argued over is what was proposed, not what is due
    assert not read_question("what was the plan they argued over in Qatar?").asks_plan


def test_a_contracted_verb_after_any_word(talking: Answerer) -> None:
    assert read_question("how many've quit so far?").tokens[:3] == ("how", "many", "have")
    assert read_question("the talks'll fail, won't they?").tokens[:3] == ("the", "talks", "will")
    talking.ask("who is the analyst on France?", conversation="ve")
    answer = talking.ask("how many PMs've gone down before this one?", conversation="ve")
    assert _story(answer) == FRANCE and "five" in answer.text


def test_long_filler_and_function_words_typed_a_letter_short(talking: Answerer) -> None:
    read = read_question("ok but what actualy did they agree on??")
    assert "actualy" not in read.topic and "actually" not in read.target
    talking.ask("did the new york times report on the israeli military?", conversation="nyt")
    answer = talking.ask("did the nyt say anythng else abt it", conversation="nyt")
    assert _story(answer) == GAZA


def test_a_clipped_question_opening_with_anybody_asks_whether(talking: Answerer) -> None:
    assert read_question("anyone arrested after the Qatar talks?").kind == "yes-no"
    assert_doesnt_say(talking, "anybody injured in the Russian missile strikes?", UKRAINE)
    assert_doesnt_say(talking, "any folks killed when Russia hit the grid?", UKRAINE)


def test_what_something_is_used_for_without_its_auxiliary(talking: Answerer) -> None:
    assert_answered(talking, "so what factories use those rare earths for?", CHINA, "semiconductors")
    assert_answered(talking, "what do carmakers need the critical minerals for?", CHINA, "auto industry")
    assert read_question("wah dem need it fah?").kind == "why"


def test_over_which_period_asks_a_span(talking: Answerer) -> None:
    assert read_question("within which period did the French governments fall?").kind == "duration"
    talking.ask("how many French prime ministers have been toppled?", conversation="span")
    answer = talking.ask("over which span of time?", conversation="span")
    assert "two years" in answer.text


def test_a_learners_inverted_question_of_a_deals_terms(talking: Answerer) -> None:
    assert read_question("What requires the Gaza deal from the Israeli army?").asks_terms
    assert_answered(talking, "What involves the new cease-fire for Hamas?", GAZA, "72 hours")


def test_going_on_about_an_older_matter_asks_about_it(talking: Answerer) -> None:
    # a "what's the goss" after naming a matter only the older update tells is about that matter...
    assert_answered(talking, "israel snubbed by hamas in qatar?! whats the goss", GAZA, "boycott")
    # ... but asking for the newest in so many words still gets the newest update
    latest = talking.ask("what's the latest on the hamas snub in qatar?")
    assert _story(latest) == GAZA and latest.date is not None and latest.date.year == 2025


def test_a_polite_passive_request_opens_its_question(talking: Answerer) -> None:
    message = (
        "It would be much appreciated if it could be explained, if possible, what those minerals are "
        "needed for."
    )
    assert_answered(talking, message, CHINA, "semiconductors")


def test_a_count_asked_again_after_its_question(talking: Answerer) -> None:
    assert_doesnt_say(talking, "how many drones did Russia launch at Ternopil? what's the number", UKRAINE)


def test_dropped_aitches_are_put_back(talking: Answerer) -> None:
    assert read_question("'ow long 'ave they got, me old china?").tokens[:3] == ("how", "long", "have")
    assert "china" not in read_question("'ow long 'ave they got, me old china?").topic
    assert read_question("when's 'e 'avin 'is next go?").tokens[2:5] == ("he", "having", "his")
    # a quoted phrase keeps its words
    assert "agreed" in read_question("what does 'agreed perimeter' mean?").tokens
    assert_answered(talking, "'ow long 'ave the Israeli troops got to pull back?", GAZA, "24 hours")


def test_a_spot_is_a_place(talking: Answerer) -> None:
    assert read_question("so which spots got hit hardest?").kind == "where"
    answer = talking.ask("ukraine blackout again?? which spot lost power in the strikes")
    assert _story(answer) == UKRAINE and "Ternopil" in answer.text


def test_coming_to_the_table_is_taking_part(talking: Answerer) -> None:
    from bot.core.lexicon import CONCEPT_PREFIX, lexicon

    assert CONCEPT_PREFIX + "boycott" in lexicon().tag(["did", "they", "come", "to", "the", "table"])
    talking.ask("where did the Israeli negotiators meet the mediators?", conversation="table")
    answer = talking.ask("and did the other lot come to the table?", conversation="table")
    assert _story(answer) == GAZA and any(w in answer.text for w in ("refused", "absent", "boycotted"))


def test_how_someone_is_trying_to_do_something_asks_their_next_step(talking: Answerer) -> None:
    assert read_question("how are they hoping to end the crisis?").asks_plan
    assert_answered(talking, "How is Macron hoping to sort out the government mess?", FRANCE, "try again")


# --- who said so: the source of the last answer, not whoever the story quotes ------------------


@pytest.mark.parametrize("asked", ["who said so?", "says who", "according to whom?", "who reported that?"])
def test_the_source_of_an_update_s_lead_is_not_an_analyst_s_forecast(talking: Answerer, asked: str) -> None:
    # The France update's lead is the outlet's report; the analyst in it only guesses at the next pick.
    talking.ask("what's going on in French politics at the moment?", "src")
    answer = talking.ask(asked, "src")
    assert _story(answer) == FRANCE
    assert "GZERO" in answer.text and "Rahman" not in answer.text


def test_asking_for_the_quoted_analyst_still_names_him(talking: Answerer) -> None:
    talking.ask("what's going on in French politics at the moment?", "quoted")
    answer = talking.ask("which pundit do they quote?", "quoted")
    assert _story(answer) == FRANCE and "Rahman" in answer.text


def test_a_source_from_another_day_does_not_vouch_for_the_news(talking: Answerer) -> None:
    # The officials speaking to a newspaper belong to the 2024 talks, not to the 2025 deal.
    talking.ask("anything new about the Gaza truce?", "day")
    answer = talking.ask("who's saying that?", "day")
    assert _story(answer) == GAZA
    assert "New York Times" not in answer.text and "GZERO" in answer.text


def test_an_expected_event_is_not_a_report(library) -> None:
    # "Iran's expected retaliation": the participle describes the retaliation; nobody reports there
    gaza = next(story for story in library.index.stories if story.id == GAZA)
    reporting = {s.text.split()[0]: s.reporting for s in story_sentences(gaza) if s.kind == "update"}
    assert reporting["That"] is False  # "... before Iran's expected retaliation ..."
    assert reporting["Anonymous"] is True  # "... officials told the New York Times ..."


# --- did X take part: the update's own telling over a key fact restating it ---------------------


@pytest.mark.parametrize(
    "question",
    [
        "did hamas bother going to the qatar meeting?",
        "was hamas at the qatar talks or not?",
        "did hamas turn out for the qatar negotiations at all",
    ],
)
def test_whether_someone_took_part_is_told_in_the_update_s_words(talking: Answerer, question: str) -> None:
    # The key fact says "boycotted"; the update itself says Hamas "refused to take part"
    assert_answered(talking, question, GAZA, "refused to take part")


def test_an_absence_told_only_as_background_is_not_the_answer(talking: Answerer) -> None:
    # "With Hamas absent, the talks have slim to no chance": about the talks' chances, not the absence
    answer = talking.ask("so did hamas go to that meeting in qatar?")
    assert _story(answer) == GAZA and not answer.text.startswith("With Hamas absent")


def test_a_dated_question_about_taking_part_still_gets_the_update_s_words(talking: Answerer) -> None:
    # the month and year favour the summary and the key fact; the update tells the refusal
    assert_answered(talking, "were hamas at that qatar meeting in august 2024?", GAZA, "refused to take part")


def test_a_question_about_the_talks_chances_keeps_the_background_sentence(talking: Answerer) -> None:
    # "With Hamas absent, the talks have slim to no chance" answers a question about the talks' odds
    assert_answered(
        talking, "hamas skipping the qatar talks means they were doomed, right?", GAZA, "slim to no chance"
    )


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("were hamas at that qatar meeting in august 2024?", {"hama"}),
        ("was hamas there?", {"hama"}),
        ("is the october truce in force?", set()),  # no verb and no presence: no subject to look for
    ],
)
def test_the_subject_of_a_question_of_presence(question: str, subject: set[str]) -> None:
    assert {k for k in _yes_no_subject(read_question(question)) if not k.startswith("§")} == subject


# --- a capital standing for its government ------------------------------------------------------


def test_the_capital_as_the_government_is_not_a_question_about_the_photo(talking: Answerer) -> None:
    # Only the photo caption names Beijing, but "what did Beijing do" asks about China's curbs
    talking.ask("how much of the rare earth supply does china hold?", "capital")
    talking.ask("and who depends on them? why does it matter?", "capital")
    answer = talking.ask("right, so what is it Beijing did?", "capital")
    assert _story(answer) == CHINA and "restrictions" in answer.text and "photo" not in answer.text


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what is china doing about selling minerals to other countries?", "what"),
        ("did they ship less to other countries than before?", "yes-no"),
        ("were other countries hit by the curbs?", "where"),
    ],
)
def test_other_countries_after_a_preposition_are_not_asked_for(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


def test_a_key_fact_retelling_the_update_gives_way_however_it_scores(talking: Answerer) -> None:
    # The key fact names Qatar, the update's sentence only "the meeting": the fact scores twice as
    # high, but it retells the update, whose words ("refused to take part") answer
    assert_answered(talking, "did hamas bother showing up in qatar?", GAZA, "refused to take part")
    assert_answered(talking, "did hamas go to qatar for the talks?", GAZA, "refused to take part")


@pytest.mark.parametrize(
    "question", ["did hamas come to the talks in qatar?", "did hamas rock up at the qatar meeting?"]
)
def test_coming_to_the_talks_is_taking_part(talking: Answerer, question: str) -> None:
    assert_answered(talking, question, GAZA, "refused to take part")


# --- follow-ups that were declined mid-conversation ---------------------------------------------


def test_over_what_duration_is_a_question_of_time(talking: Answerer) -> None:
    talking.ask("how many premiers has France gone through?", "dur")
    answer = talking.ask("and over what duration?", "dur")
    assert _story(answer) == FRANCE and answer.direct and "two years" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "which sectors will be affected, kindly list.",
        "which sectors get hit, please clarify?",
        "what will be affected; kindly explain",
    ],
)
def test_a_polite_request_for_the_answer_s_form_names_no_topic(talking: Answerer, question: str) -> None:
    talking.ask("anything new about rare earths?", "polite")
    answer = talking.ask(question, "polite")
    assert _story(answer) == CHINA and "semiconductors" in answer.text


def test_a_person_asked_for_by_any_word_for_one_stays_on_the_story(talking: Answerer) -> None:
    talking.ask("what's up with the french government?", "guy")
    answer = talking.ask("and who's the bloke trying to mend it?", "guy")
    assert _story(answer) == FRANCE and "Macron" in answer.text


def test_a_country_after_the_counted_noun_starts_a_clause_about_it(talking: Answerer) -> None:
    # "how many premiers France has lost": France is no part of what is counted
    assert read_question("so how many premiers France has lost by now?").unit == ("premiers",)
    answer = talking.ask("so how many premiers France has lost by now?")
    assert _story(answer) == FRANCE and answer.direct and "five" in answer.text


# --- a people's nickname names its country --------------------------------------------------------


def test_a_nickname_for_another_people_is_another_country_s_news(talking: Answerer) -> None:
    assert _story(talking.ask("What's going on with the Aussie election, who's in charge there now?")) is None
    assert _story(talking.ask("how are the brits handling their own prime minister?")) is None


def test_a_nickname_for_the_story_s_people_finds_it(talking: Answerer) -> None:
    assert _story(talking.ask("what's the latest with the frenchies and their government?")) == FRANCE


@pytest.mark.parametrize(
    ("question", "country"),
    [("did the yanks lean on israel?", "united states"), ("what did the NYT say?", None)],
)
def test_countries_a_nickname_names(question: str, country: str | None) -> None:
    # a newspaper's initials spell out New York, which asks about no country
    countries = read_question(question).countries
    assert (country in countries) if country else "united states" not in countries


# --- a follow-up about what a country in the story wanted or felt ---------------------------------


@pytest.mark.parametrize(
    "followup",
    [
        "and why were the Americans in such a rush?",
        "what was Washington so jittery over at that point?",
        "how come Iran was so cross?",
    ],
)
def test_a_follow_up_about_a_country_the_story_has_acting_stays_on_it(
    talking: Answerer, followup: str
) -> None:
    talking.ask("what went on at the Gaza meeting in Qatar?", "actor")
    assert _story(talking.ask(followup, "actor")) == GAZA


def test_a_country_only_as_a_place_in_a_follow_up_is_no_question_about_the_story(talking: Answerer) -> None:
    # Qatar hosts the talks; its weather is no part of them
    talking.ask("what went on at the Gaza meeting in Qatar?", "place")
    assert _story(talking.ask("what's the weather doing in Qatar this week?", "place")) is None


# --- the record's outlet and photo, asked in other words -------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what outlet is the rare earths report sourced from?",
        "which site does the rare earths item come from?",
    ],
)
def test_where_the_piece_is_sourced_from_names_the_record_s_outlet(talking: Answerer, question: str) -> None:
    assert_answered(talking, question, CHINA, "GZERO")


def test_people_in_a_photo_named_in_the_words_before_the_question(talking: Answerer) -> None:
    # the photo is mentioned first; "who are the two men in it?" asks who it shows
    assert_answered(
        talking, "I saw a picture with the rare earths story. Who are the two men in it?", CHINA, "Xi Jinping"
    )


# --- names asked for ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "story"),
    [
        ("The prime ministers France lost, what were their names, in order?", FRANCE),
        ("whats the names of the five pms that got toppled", FRANCE),
        ("name of the guy Israel took out in Tehran?", GAZA),
    ],
)
def test_names_the_story_never_gives_are_a_doesnt_say(talking: Answerer, question: str, story: str) -> None:
    assert_doesnt_say(talking, question, story)
    assert (
        "doesn't say their names" in talking.ask(question).text
        or "doesn't say the name" in talking.ask(question).text
    )


def test_a_name_the_story_gives_is_answered(talking: Answerer) -> None:
    assert_answered(talking, "what's the name of the analyst who thinks the pick may last?", FRANCE, "Rahman")


# --- where something moves to -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "to where do Israeli troops pull back, all the way out of Gaza?",
        "Israel's soldiers have to pull back to where? Out of Gaza?",
    ],
)
def test_where_troops_move_to_is_the_line_they_move_to(talking: Answerer, question: str) -> None:
    # "to an agreed perimeter inside Gaza" names no new place, but it is where they go
    assert_answered(talking, question, GAZA, "perimeter")


# --- a passive verb asked about in a longer question -------------------------------------------------


def test_a_passive_verb_after_a_short_subject_is_what_is_asked(talking: Answerer) -> None:
    assert_doesnt_say(
        talking, "were lots of civilians injured or killed in the December attack on Ukraine's grid?", UKRAINE
    )


def test_a_verb_with_its_particle_is_no_passive_asked_about(talking: Answerer) -> None:
    # "knocked out" is the power cut the story tells, not a verb it lacks
    answer = talking.ask(
        "were the lights knocked out all over Ukraine after Russia fired missiles at the grid?"
    )
    assert _story(answer) == UKRAINE and answer.direct


# --- a name asked for in a fragment, a question passed on in quotes -----------------------------------


def test_a_bare_request_for_a_name_after_what_is_named(talking: Answerer) -> None:
    assert_doesnt_say(talking, "the Hamas official killed in Tehran: name?", GAZA)


@pytest.mark.parametrize(
    ("message", "quoted"),
    [
        ("Our Gen Z intern wants this asked, verbatim: 'is the french govt still cooked or nah, fr'", FRANCE),
        ("A caller on line two, word for word: 'rare earth ting, wat china do now'", CHINA),
    ],
)
def test_a_question_passed_on_in_quotes_is_answered_as_if_asked(
    talking: Answerer, message: str, quoted: str
) -> None:
    # the framing around the quote names no topic: the answer is the quoted question's own
    alone = talking.ask(message.split(": ", 1)[1].strip("'"))
    passed_on = talking.ask(message)
    assert _story(passed_on) == quoted == _story(alone)
    assert (passed_on.text, passed_on.score) == (alone.text, alone.score)


# --- a formal request for a thing asks what it is ---------------------------------------------------


def test_a_formal_request_for_a_source_asks_who_said_so(talking: Answerer) -> None:
    talking.ask("what share of Ternopil's customers lost electricity?", "formal")
    answer = talking.ask("Kindly identify the source of that number.", "formal")
    assert _story(answer) == UKRAINE and "Regional State Administration" in answer.text


# --- what something means for people: what is at stake ----------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what does china's rare earth squeeze mean for everyday people?",
        "what would these rare earth limits mean for regular people?",
    ],
)
def test_what_a_move_means_for_people_is_what_depends_on_it(talking: Answerer, question: str) -> None:
    assert_answered(talking, question, CHINA, "semiconductors")


def test_who_is_firing_the_weapons_is_the_attacker(talking: Answerer) -> None:
    # ("who is shooting ...?" asks who does it, as "who is attacking ...?" does; not who holds a role)
    for question in (
        "who is shooting missiles at Ukraine's electricity network?",
        "who is lobbing missiles at the Ukrainian grid?",
    ):
        assert_answered(talking, question, UKRAINE, "Russia")


@pytest.mark.parametrize(
    "followup", ["which body supplied that figure?", "what office came up with that number?"]
)
def test_which_body_gave_a_figure_asks_its_source(talking: Answerer, followup: str) -> None:
    talking.ask("how much of the Ternopil region lost electricity?", "body")
    answer = talking.ask(followup, "body")
    assert _story(answer) == UKRAINE and "Regional State Administration" in answer.text
    assert read_question(followup).kind == "source"


# --- someone only the photo shows anchors no question about something else ------------------------


@pytest.mark.parametrize(
    "question",
    ["what's Trump doing about Mexican avocado imports?", "is Xi Jinping visiting Brazil this year?"],
)
def test_a_person_only_in_the_photo_caption_is_no_anchor_for_another_country(
    talking: Answerer, question: str
) -> None:
    assert _story(talking.ask(question)) is None


def test_a_person_only_in_the_photo_still_finds_the_photo(talking: Answerer) -> None:
    assert_answered(talking, "who is standing next to Trump in the rare earths picture?", CHINA, "Xi Jinping")


# --- dying said as a phrase ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "how many people lost their lives when Russia hit Ukraine's power plants?",
        "were any lives lost in the December strikes on Ukraine?",
        "how many civilians passed away in that attack on the Ukrainian grid?",
    ],
)
def test_dying_said_as_a_phrase_is_not_told(talking: Answerer, question: str) -> None:
    assert_doesnt_say(talking, question, UKRAINE)


def test_losing_power_is_still_told(talking: Answerer) -> None:
    assert_answered(talking, "how many households lost power in Ternopil?", UKRAINE, "half")


# --- a scene set before the question -------------------------------------------------------------


def test_the_question_after_a_scene_is_what_is_answered(talking: Answerer) -> None:
    assert_answered(
        talking,
        "Now that the Gaza truce is signed, what are the time limits for each side?",
        GAZA,
        "24 hours",
    )


def test_a_place_named_in_the_scene_still_declines(talking: Answerer) -> None:
    answer = talking.ask(
        "Wales has been debating its own government lately - what is going on with the Senedd?"
    )
    assert _story(answer) is None


# --- carrying out an act -------------------------------------------------------------------------


def test_who_carried_out_an_attack_is_the_attacker(talking: Answerer) -> None:
    assert_answered(
        talking,
        "who carried out the 13 December 2024 strikes on Ukrainian power stations?",
        UKRAINE,
        "Russia",
    )
    assert_answered(talking, "who carried out rescue work after the strikes?", UKRAINE, "crews")


# --- what became of something after an event -----------------------------------------------------


def test_what_became_of_something_after_an_event_asks_about_the_something(talking: Answerer) -> None:
    assert_answered(
        talking, "what became of the lights in Ternopil after Russia's missile strike?", UKRAINE, "without"
    )


# --- the report's date, and requests about the form of an answer, in a conversation -------------


def test_the_report_date_is_given_whatever_else_the_message_says(talking: Answerer) -> None:
    talking.ask("how big is China's share of the rare earth market?", "c")
    answer = talking.ask("what date was that reported? I'm lining it up with my trading positions.", "c")
    assert _story(answer) == CHINA and "reported on 10 October 2025" in answer.text


def test_asking_for_facts_not_speculation_asks_nothing_else(talking: Answerer) -> None:
    talking.ask("which side stayed away from the qatar talks?", "c")
    answer = talking.ask("why? stick to the facts, no speculation.", "c")
    assert _story(answer) == GAZA and "Egypt" in answer.text


def test_asking_for_the_official_reason_asks_why(talking: Answerer) -> None:
    talking.ask("which side stayed away from the qatar talks?", "c")
    answer = talking.ask("why did they do that? give me the official reason", "c")
    assert _story(answer) == GAZA and "Egypt" in answer.text


# --- clout, obligations, an ok, and bailing -----------------------------------------------------


def test_how_much_clout_is_answered_by_the_share_held(talking: Answerer) -> None:
    assert_answered(talking, "how much clout does beijing have over the minerals market?", CHINA, "70%")


def test_what_a_side_is_obliged_to_do_is_a_term_not_the_approval(talking: Answerer) -> None:
    assert_answered(
        talking,
        "what are the israelis obliged to do under the truce they accepted?",
        GAZA,
        "pull its forces back",
    )


def test_saying_ok_to_a_deal_is_approving_it(talking: Answerer) -> None:
    assert_answered(talking, "has israel said ok to the gaza deal yet?", GAZA, "approved")


@pytest.mark.parametrize(
    "question", ["who ditched the meeting in qatar?", "which group blew off the qatar round?"]
)
def test_ditching_talks_is_staying_away(talking: Answerer, question: str) -> None:
    assert_answered(talking, question, GAZA, "Hamas")


def test_how_hard_a_place_was_hit_is_answered_by_the_damage_there(talking: Answerer) -> None:
    assert_answered(talking, "how hard was Ternopil hit by the strikes?", UKRAINE, "half")


def test_someone_s_plan_is_what_they_are_due_to_do(talking: Answerer) -> None:
    assert_answered(talking, "so what's Macron's grand plan now?", FRANCE, "try again")


# --- someone's own words ------------------------------------------------------------------------


def test_what_someone_the_story_never_quotes_said_is_not_told(talking: Answerer) -> None:
    assert_doesnt_say(talking, "What did Zelensky say about the December missile strikes?", UKRAINE)
    assert_answered(talking, "what did Rahman say about the next pick?", FRANCE, "might finally stick")


def test_who_did_not_turn_up_after_a_question_about_the_talks_is_who_stayed_away(talking: Answerer) -> None:
    talking.ask("where are the gaza ceasefire talks taking place", "c")
    answer = talking.ask("who didnt show up", "c")
    assert _story(answer) == GAZA and "Hamas" in answer.text


# --- folk losing the lights, and what's the score with a story ----------------------------------


def test_folk_losing_the_lights_are_consumers_losing_power(talking: Answerer) -> None:
    answer = talking.ask("how many folk lost the lights in Ternopil?")
    assert _story(answer) == UKRAINE and answer.direct is True and "half" in answer.text.lower()


def test_what_is_the_score_with_a_story_asks_what_is_going_on(talking: Answerer) -> None:
    assert_answered(talking, "what's the score with france these days?", FRANCE, "Macron")


# --- what an event did to something; what a deal obliges, the deal named before ---------------


def test_what_an_attack_did_to_something_is_what_it_left(talking: Answerer) -> None:
    assert_answered(
        talking, "what did the December strikes do to the power supply in Ukraine?", UKRAINE, "half"
    )


def test_what_soldiers_are_meant_to_do_once_a_truce_holds_is_its_terms(talking: Answerer) -> None:
    assert_answered(
        talking,
        "Right, the Gaza ceasefire is on now, so what are Israel's troops supposed to do?",
        GAZA,
        "perimeter",
    )


# --- chat spellings: "2" for "to", greetings that ask what's going on -------------------------


@pytest.mark.parametrize(
    ("question", "story"),
    [("wassup w china", CHINA), ("wsg ukraine", UKRAINE), ("whatsup wit france", FRANCE)],
)
def test_a_greeting_asking_what_is_up_with_a_story_wants_its_news(
    talking: Answerer, question: str, story: str
) -> None:
    answer = talking.ask(question)
    assert _story(answer) == story and answer.direct is True


def test_two_for_to_before_a_verb_is_read_as_to(talking: Answerer) -> None:
    assert_answered(talking, "how long r the troops hv 2 b out", GAZA, "24")


def test_two_before_a_noun_stays_a_number(talking: Answerer) -> None:
    from bot.core.question import read_question

    assert "2" in read_question("did russia have 2 missile attacks?").search
    assert "to" in read_question("do the troops have 2 b out soon?").search


def test_a_verb_naming_the_story_before_who_is_no_act_asked_about(talking: Answerer) -> None:
    # "restricts" names the story; "who is in the picture?" asks who the photo shows
    assert_answered(talking, "beijing restricts exports story: who is in the picture?", CHINA, "Trump")


def test_only_without_its_article_asks_for_the_others(talking: Answerer) -> None:
    assert_answered(talking, "was ternopil only region attacked?", UKRAINE, "Prikarpattia")


def test_whether_a_claim_is_true_is_asked_of_the_claim_s_subject(talking: Answerer) -> None:
    # "it" is no subject: the claim's (Hamas) is, so the sentence about Hamas answers, not the one
    # dated as the question is
    answer = talking.ask("is it right that hamas did not show up in qatar in august 2024?")
    assert _story(answer) == GAZA and "Hamas" in answer.text


def test_a_country_in_news_the_asker_read_before_the_question_is_its_country(talking: Answerer) -> None:
    # "Spanish" is in the statement, "him"/"who takes over" in the question: Spain's premier is no
    # France story
    answer = talking.ask("I saw that the Spanish prime minister quit. who takes over?")
    assert answer.story is None


def test_a_request_wrapping_the_question_is_no_part_of_what_the_story_doesn_t_say(
    talking: Answerer,
) -> None:
    answer = talking.ask("could you tell me how many missiles russia fired at the grid?")
    assert _story(answer) == UKRAINE and answer.direct is False
    assert answer.text.startswith("The story doesn't say how many missiles")


@pytest.mark.parametrize(
    "question", ["is Sanchez holding on as prime minister?", "did Kishida lose his premiership?"]
)
def test_a_name_no_story_knows_as_a_yes_no_subject_is_declined(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


def test_someone_s_plan_without_the_apostrophe_is_what_they_are_due_to_do(talking: Answerer) -> None:
    assert_answered(talking, "whats macrons plan to sort france out", FRANCE, "try again")


# --- Swahili and Sheng, as Kenyan users type them ----------------------------------------------


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("kwa nini Hamas walikataa mazungumzo ya Qatar?", GAZA, "Israel"),
        ("umeme ulikatika wapi huko Ukraine?", UKRAINE, "Ternopil"),
    ],
)
def test_swahili_question_words_ask_their_kind(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    answer = talking.ask(question)
    assert _story(answer) == story and answer.direct is True and expected in answer.text


def test_a_what_question_with_a_clause_of_time_asks_what_not_when(talking: Answerer) -> None:
    # "when the israelis and mediators met" sets the time; what was discussed is asked
    assert_answered(
        talking, "what was being discussed when the israelis and mediators met in qatar?", GAZA, "hostages"
    )


def test_how_bad_with_no_topic_of_its_own_stays_on_the_story(talking: Answerer) -> None:
    # "are we talking" is chat, not the talks of another story
    talking.ask("where did the russian strikes knock the power out?", "extent")
    answer = talking.ask("how bad are we talking here?", "extent")
    assert _story(answer) == UKRAINE and "half" in answer.text.lower()


def test_fair_dinkum_is_chat(talking: Answerer) -> None:
    talking.ask("what's the latest on the gaza truce?", "dinkum")
    answer = talking.ask("fair dinkum, is it in effect now?", "dinkum")
    assert _story(answer) == GAZA and "effect" in answer.text


def test_whit_wey_is_scots_for_why(talking: Answerer) -> None:
    assert_answered(talking, "whit wey did hamas skip thon talks?", GAZA, "in protest")


def test_what_the_new_york_times_said_is_no_request_for_news(talking: Answerer) -> None:
    # a learner's "what did the New York Times say": "what the new" is no "what's new"
    assert_answered(talking, "so what the new york times said about israel's military?", GAZA, "limits")


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("israeli soldiers get how many hours to comot?", GAZA, "24"),
        ("wetin rare earths dey use am do?", CHINA, "semiconductors"),
        ("Wetin Macron dey try do for France?", FRANCE, "Macron"),
    ],
)
def test_pidgin_dey_comot_and_use_am_do(talking: Answerer, question: str, story: str, expected: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == story and answer.direct is True and expected in answer.text


def test_a_year_without_its_century_is_a_year(talking: Answerer) -> None:
    # "'24" read as the number 24 pulled the answer to "within 24 hours"
    answer = talking.ask("Where did Israel send its negotiators back in August '24?")
    assert _story(answer) == GAZA and "qatar" in answer.text.lower()


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("kya truce sach mein shuru ho gaya?", GAZA, "took effect"),  # kya before the claim
        ("Israel se badla lena chahta hai Iran, kyun?", GAZA, "assassination"),
        ("kaunse minerals pe ban laga? naam batao", CHINA, "doesn't say"),
    ],
)
def test_hinglish_yes_no_and_story_words(talking: Answerer, question: str, story: str, expected: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == story and expected in answer.text


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("Hamas ko hostages lautane ke liye kitna waqt mila?", GAZA, "72 hours"),
        ("Israel ne deal ko green signal kab diya?", GAZA, "Friday"),
    ],
)
def test_roman_urdu_phrases(talking: Answerer, question: str, story: str, expected: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == story and expected in answer.text


def test_patois_how_many_of_them_fell(talking: Answerer) -> None:
    assert_answered(talking, "mi waan know how much a dem fall dung inna France", FRANCE, "five")


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("is the truce up and running yet?", GAZA, "took effect"),
        ("macron announce new pm bila?", FRANCE, "next day"),  # Malay "bila": when
        ("wats macron doin about the crisis", FRANCE, "try again"),
        ("wetin dey sup for ukraine?", UKRAINE, "Ukraine"),
    ],
)
def test_chat_words_for_running_when_and_whats_up(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    assert_answered(talking, question, story, expected)


def test_yer_man_is_the_person_named_after_it(talking: Answerer) -> None:
    # Irish "yer man Albanese": Albanese is the subject, a name no story has
    assert talking.ask("did yer man Albanese sack a minister?").story is None


def test_a_country_heard_of_before_a_question_pointing_back_is_the_questions(talking: Answerer) -> None:
    # "I hear X's government ...": X is what "there" points back to, and no story covers Spain
    assert (
        talking.ask("I hear Spain's government is falling apart again. What's really going on there?").story
        is None
    )


def test_whats_the_word_after_a_question_asks_that_question(talking: Answerer) -> None:
    answer = talking.ask("is iran gonna hit back or not? whats the word")
    assert _story(answer) == GAZA and "weighing" in answer.text


def test_mash_up_is_patois_for_a_mess(talking: Answerer) -> None:
    answer = talking.ask("the government in Paris mash up bad, what happen?")
    assert _story(answer) == FRANCE and answer.direct is True and "free fall" in answer.text


def test_how_many_counts_the_noun_before_a_bare_participle(talking: Answerer) -> None:
    # "how many PM gone": the prime ministers are counted, "gone" is what happened to them
    assert_answered(talking, "french politics real messy huh? how many PM gone already?", FRANCE, "five")


@pytest.mark.parametrize(
    "question",
    [
        "who attacked Ukraine's power grid? was it Russia?",
        "who carried out the strikes on the grid? russia izzit?",
    ],
)
def test_a_guess_after_a_who_question_may_be_the_answer(talking: Answerer, question: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == UKRAINE and answer.direct is True and answer.text.startswith("Russia launched")


def test_a_guess_after_a_who_question_keeps_its_time(talking: Answerer) -> None:
    # the August 2024 mediators did not broker the October 2025 truce; the story names no broker
    assert_doesnt_say(talking, "who mediated the October truce? was it Qatar?", GAZA)


@pytest.mark.parametrize(
    "question",
    [
        "has the US brought in new export rules for chips sold to China?",  # the verb imposing them
        "is the us still blockin chip sales to china?",  # an adverb between, a g dropped
        "US export rule on AMD chips to China, any news?",  # a rule, by its modifier
    ],
)
def test_another_country_restricting_is_not_chinas_curbs(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


def test_china_restricting_in_the_same_words_is_its_story(talking: Answerer) -> None:
    assert_answered(talking, "is china still blockin rare earth exports?", CHINA, "restrictions")


@pytest.mark.parametrize(
    "question",
    [
        "has washington hit back at china yet?",  # Washington is in the Gaza story too
        "america answer china back? sanctions or what?",
        "did the us slap duties back on china over this?",
    ],
)
def test_another_countrys_answer_to_the_stories_actor_is_its_story(talking: Answerer, question: str) -> None:
    assert_doesnt_say(talking, question, CHINA)


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("was the attack only in Ternopil or somewhere else too?", UKRAINE, "Prikarpattia"),
    ],
)
def test_or_somewhere_else_asks_where(talking: Answerer, question: str, story: str, expected: str) -> None:
    assert_answered(talking, question, story, expected)


@pytest.mark.parametrize(
    "question",
    ["why did people think the doha talks wouldn't work?", "why was the Qatar round expected to fail?"],
)
def test_expecting_talks_to_fail_asks_about_their_chances(talking: Answerer, question: str) -> None:
    assert_answered(talking, question, GAZA, "slim to no chance")


@pytest.mark.parametrize(
    ("question", "story"),
    [
        ("has iran hit bak at israel yet?", GAZA),
    ],
)
def test_chat_spelling_bak(talking: Answerer, question: str, story: str) -> None:
    assert _story(talking.ask(question)) == story


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("Tatagal kaya yung bagong PM? Ano sabi ng analyst?", FRANCE, "finally stick"),
        ("Ano ba yung nasa framework na pinag-uusapan sa Qatar?", GAZA, "hostages"),
    ],
)
def test_taglish_will_it_last_and_whats_in_it(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    assert_answered(talking, question, story, expected)


def test_an_ordinal_day_is_the_day(talking: Answerer) -> None:
    answer = talking.ask("what did the Russians hit on the 13th?")
    assert _story(answer) == UKRAINE and answer.direct is True and "energy infrastructure" in answer.text


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("Fit did Russia strike on the 13th?", UKRAINE, "energy infrastructure"),  # Doric "fit": what
        ("hoo mony oors hae Hamas got?", GAZA, "72 hours"),
        ("hoo mony fowk in Ternopil lost power?", UKRAINE, "Half"),
    ],
)
def test_doric_what_hours_folk(talking: Answerer, question: str, story: str, expected: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == story and answer.direct is True and expected in answer.text


def test_a_plural_countrys_possessive_restrictions_are_its_own(talking: Answerer) -> None:
    question = "Could you brief me on the United States' restrictions on chip exports to China?"
    assert talking.ask(question).story is None


def test_a_country_before_a_noun_before_the_action_is_what_was_hit(talking: Answerer) -> None:
    # "ukraine grid strikes": Ukraine's grid was struck; "ukraine grid" is no two-word country name
    assert _story(talking.ask("ukraine grid strikes, what's new?")) == UKRAINE


@pytest.mark.parametrize(
    "question",
    [
        "Is there a truce in the Black Sea?",  # "Black" is no typo of the Gaza story's "back"
        "Whats up in the Red Sea lately? Is the ceasefire holding?",  # named by an earlier question
    ],
)
def test_a_sea_no_story_names_is_another_place(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


def test_a_strip_named_after_the_story_is_the_story(talking: Answerer) -> None:
    assert _story(talking.ask("Is the Gaza Strip truce holding?")) == GAZA


def test_musical_chairs_and_so_far_in_hinglish(talking: Answerer) -> None:
    # "musical chairs" is the instability; "ab tak" is "so far", "ho gaye" "went"
    question = "arre France mein PMs ka toh musical chairs ho raha hai, kitne out ho gaye ab tak?"
    assert_answered(talking, question, FRANCE, "five prime ministers")


@pytest.mark.parametrize(
    "question",
    ["Pis Pierre Poilievre, is he the prime minister now?", "Bro Keir Starmer, is he still prime minister?"],
)
def test_a_name_after_opening_chat_is_a_name(talking: Answerer, question: str) -> None:
    # "Pis" (Quebec "then"), "Bro": chat before a name that opens the message, not part of it
    assert talking.ask(question).story is None


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("which countries were the médiateurs?", GAZA, "doesn't say"),  # French "mediators"
    ],
)
def test_french_words(talking: Answerer, question: str, story: str, expected: str) -> None:
    assert_answered(talking, question, story, expected)


@pytest.mark.parametrize(
    ("question", "counted"),
    [("Ukraine blackout, any death toll?", "deaths"), ("Qatar talks: casualty count?", "casualties")],
)
def test_a_bare_toll_or_count_asks_how_many(talking: Answerer, question: str, counted: str) -> None:
    answer = talking.ask(question)
    assert answer.direct is False and f"doesn't say how many {counted}" in answer.text


def test_holding_talks_is_hosting_them(talking: Answerer) -> None:
    # "holding" of a truce is its being in force; of talks, their being hosted somewhere
    assert_answered(talking, "where were they holding the talks?", GAZA, "in Qatar")


@pytest.mark.parametrize(
    ("question", "story"),
    [("Did the States block chip sales to China again?", None), ("has the States hit back at China?", CHINA)],
)
def test_the_states_is_the_united_states(talking: Answerer, question: str, story: str | None) -> None:
    assert _story(talking.ask(question)) == story


@pytest.mark.parametrize(
    "question",
    [
        "has France got a new PM yet?",
        "France got a new prime minister already or belum?",  # Malay "belum": not yet
    ],
)
def test_whether_the_storys_own_country_has_done_it_yet(talking: Answerer, question: str) -> None:
    # the sentence telling what is due names Macron, not France: in the France story, it is France's
    assert_answered(talking, question, FRANCE, "next day")


def test_a_number_in_figures_matches_the_story_in_words(talking: Answerer) -> None:
    assert_answered(talking, "how many PMs fell in 2 years?", FRANCE, "five")


def test_a_typed_question_word_after_so_keeps_the_conversation(talking: Answerer) -> None:
    talking.ask("anything new in gaza?", conversation="so-wht")
    answer = talking.ask("ok so wha happens to the hostages now?", conversation="so-wht")
    assert _story(answer) == GAZA and "72 hours" in answer.text


def test_scots_doing_and_going(talking: Answerer) -> None:
    assert_answered(talking, "whit's Macron deein aboot the crisis?", FRANCE, "try again")


def test_kicking_off_about_it_asks_why_it_matters(talking: Answerer) -> None:
    # British "kicking off about" is making a fuss: why the curbs matter, not a match starting
    answer = talking.ask("why is everybody kicking off about the rare earth curbs?")
    assert _story(answer) == CHINA and answer.direct is True and "vital" in answer.text


def test_a_title_before_the_storys_name_is_no_part_of_what_is_asked(talking: Answerer) -> None:
    # "President" is in the story, as Macron's title; fresh elections are not
    assert_doesnt_say(talking, "has President Macron thought about calling early elections?", FRANCE)


def test_answer_back_to_a_country_is_aimed_at_it(talking: Answerer) -> None:
    # "answer back to China": China is the target, "back" no country
    assert_doesnt_say(talking, "how did Washington answer back to China over the minerals?", CHINA)


@pytest.mark.parametrize(
    "question", ["Injuries from the December strikes?", "Fatalities in the Ternopil region?"]
)
def test_a_clipped_noun_phrase_of_a_kind_the_story_lacks(talking: Answerer, question: str) -> None:
    assert_doesnt_say(talking, question, UKRAINE)


def test_doesnt_say_names_the_thing_a_noun_phrase_asks_about() -> None:
    assert doesnt_say(read_question("Injuries from the December strikes?"), "what") == (
        "The story doesn't say anything about injuries."
    )
    assert not read_question("Power back on in Ternopil yet?").noun_phrase_asked  # a verb's particle


@pytest.mark.parametrize(
    "question", ["where did the missiles hit hardest?", "which bit of the ukrainian grid got hit worst?"]
)
def test_where_hit_worst_asks_for_a_part_not_the_country(talking: Answerer, question: str) -> None:
    # "Ukraine's energy infrastructure" restates the setting; the hardest-hit part is a region
    assert_answered(talking, question, UKRAINE, "Ternopil")


def test_whats_the_new_pms_name_then_asks_who(talking: Answerer) -> None:
    # "then" after "name", and "wot's" for "what's": still the name asked, which the story doesn't give
    assert_doesnt_say(talking, "wot's the new french PM's name then?", FRANCE)


@pytest.mark.parametrize(
    "question", ["how many percent of rare earth supply does Beijing hold?", "ilang porsyento ang China?"]
)
def test_a_share_asked_in_percent_is_the_storys_figure(talking: Answerer, question: str) -> None:
    # the story writes "70%": the sign is a number of percent
    assert_answered(talking, question, CHINA, "70%")


def test_tagalog_worst_and_scots_who_told_you(talking: Answerer) -> None:
    talking.ask("any news on the strikes on ukraine's grid?", conversation="grabe")
    worst = talking.ask("saan yung pinaka-grabe?", conversation="grabe")
    assert _story(worst) == UKRAINE and "Ternopil" in worst.text
    told = talking.ask("an wha telt ye aboot the blackoot?", conversation="grabe")
    assert _story(told) == UKRAINE and "Regional State Administration" in told.text


def test_a_possessive_then_name_asks_who(talking: Answerer) -> None:
    # "Hamas official's name?": the name of the one before it, which the story doesn't give
    assert_doesnt_say(talking, "the assassinated Hamas official's name?", GAZA)


def test_a_pending_phrase_the_story_never_tells_is_not_answered(talking: Answerer) -> None:
    # "back on" is restoring, which the story never tells: whether it has happened yet, it doesn't say
    assert_doesnt_say(talking, "is the electricity back on in Prikarpattia yet?", UKRAINE)


def test_sweating_it_asks_why_it_matters(talking: Answerer) -> None:
    answer = talking.ask("why are carmakers sweating the rare earth curbs?")
    assert _story(answer) == CHINA and answer.direct is True and "vital" in answer.text


def test_the_imposing_verb_after_the_rules_in_question_order(talking: Answerer) -> None:
    # "what controls has the US put on ...?": the US imposes them, so they are not China's curbs
    assert (
        talking.ask("which export limits has the United States put on Nvidia chips for China?").story is None
    )
    assert_answered(talking, "what export limits has Beijing put on rare earths?", CHINA, "restrictions")


@pytest.mark.parametrize(
    ("question", "story"),
    [("aaj kal france kaisa hai?", FRANCE), ("gaza mein aaj kal kya ho raha hai?", GAZA)],
)
def test_hinglish_these_days_and_whats_happening(talking: Answerer, question: str, story: str) -> None:
    answer = talking.ask(question)
    assert _story(answer) == story and answer.direct is True


def test_and_that_happened_where_asks_about_the_last_answer(talking: Answerer) -> None:
    # "and that ...?" has no new subject: the place is in the last answer, not in a sentence that
    # names none of what was said ("the region")
    talking.ask("what was Iran expected to retaliate for?", "w")
    answer = talking.ask("and that happened where?", "w")
    assert _story(answer) == GAZA and "Tehran" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "On what day did the Israeli government sign off on the deal?",
        "when did israel's cabinet ok the truce?",
    ],
)
def test_a_country_s_government_is_not_another_country_s(talking: Answerer, question: str) -> None:
    # "the Biden administration" is a government too, but the United States'; "Israel approved" is
    # what Israel's government did
    assert_answered(talking, question, GAZA, "Friday")


def test_how_many_counts_the_noun_not_what_follows_it(talking: Answerer) -> None:
    # "consumers without electricity" counts consumers: the story's "half of the consumers"
    assert_answered(
        talking, "how many consumers without electricity remained after the attack?", UKRAINE, "half"
    )


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        # "which part of gaza": a place asked for, though typed in lower case
        ("which part of gaza did the children in the rubble live in?", GAZA, "Khan Younis"),
        # people dug out of the rubble are rescue work
        ("where were people being dug out after the strikes?", UKRAINE, "Ternopil"),
        ("whereabouts did they have to dig folk out after the missiles?", UKRAINE, "Ternopil"),
        # "what set that off?" asks for the cause
        ("iran wanted payback on israel, what set that off?", GAZA, "assassination"),
    ],
)
def test_places_and_causes_asked_in_chat(talking: Answerer, question: str, story: str, expected: str) -> None:
    assert_answered(talking, question, story, expected)


def test_what_steps_someone_is_taking_asks_what_they_plan() -> None:
    assert read_question("what steps is Macron taking to sort out the mess?").asks_plan
    assert read_question("what measures has the president made so far?").asks_plan


def test_a_short_aside_in_a_conversation_stays_on_its_story(talking: Answerer) -> None:
    # "that figure" points at the last answer; no other story takes the question
    talking.ask("what share of customers in ternopil lost their supply?", "aside")
    answer = talking.ask("which agency disseminated that figure?", "aside")
    assert _story(answer) == UKRAINE


@pytest.mark.parametrize(
    "question", ["what's the weather like in Lviv this weekend?", "who won the world cup?"]
)
def test_an_aside_sharing_nothing_with_the_story_is_still_declined(talking: Answerer, question: str) -> None:
    talking.ask("how many consumers lost power in ternopil?", "off")
    assert talking.ask(question, "off").story is None


@pytest.mark.parametrize(
    ("question", "story"),
    [
        # one story names Ternopil (or Macron); another only shares "share", "supply" or "measures"
        ("what share of customers in ternopil lost their supply?", UKRAINE),
        ("What measures has Macron taken so far?", "france-government"),
    ],
)
def test_the_story_naming_who_or_where_is_asked_about_wins(
    talking: Answerer, question: str, story: str
) -> None:
    assert _story(talking.ask(question)) == story


@pytest.mark.parametrize("question", ["is it raining in Kyiv today?", "is there a truce in Lebanon as well?"])
def test_it_and_there_point_back_at_nothing(talking: Answerer, question: str) -> None:
    talking.ask("how many consumers lost power in ternopil?", "weak")
    assert talking.ask(question, "weak").story is None


def test_a_government_s_country_after_it_as_spanish_writes_it(talking: Answerer) -> None:
    # "el gobierno israelí": the adjective follows its noun, and is still whose government it is
    assert_answered(talking, "¿Qué día aprobó el gobierno israelí el acuerdo?", GAZA, "Friday")


def test_green_light_in_spanish_is_no_electricity() -> None:
    tokens = read_question("¿El gobierno israelí ya dio luz verde al acuerdo?").tokens
    assert "green" in tokens and "power" not in tokens


def test_how_much_a_thing_has_changed_asks_for_that_change(talking: Answerer) -> None:
    # the price is what changed: the story gives no price, only China's share of supply
    assert_doesnt_say(talking, "how much has the price of rare earths gone up since china done this", CHINA)
    assert read_question("how much have the prices of chips jumped?").unit == ("prices",)
    # a preposition's noun is no verb: the auxiliary goes after the whole subject
    assert doesnt_say(read_question("how much has China's share of supply changed?"), "quantity") == (
        "The story doesn't say how much China's share of supply has changed."
    )


def test_a_request_put_as_a_question_asks_for_what_it_names(talking: Answerer) -> None:
    # "could you provide ...?" is no yes-or-no question about the bot
    assert (
        read_question("Could you provide the latest developments on the French government?").kind == "latest"
    )
    assert_answered(
        talking, "could you give me the date of the attack on ukraine's grid?", UKRAINE, "13 December"
    )
