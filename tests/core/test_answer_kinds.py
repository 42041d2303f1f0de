"""Answers of each kind, on questions we wrote ourselves (not the labelled sets' wording).

Each answer must hold the kind of thing asked, or say plainly that the story doesn't say it.
"""

from __future__ import annotations

import pytest

from bot.core.answering import MAX_ANSWER_CHARS, Answerer
from bot.core.question import read_question
from tests.core.answer_checks import CHINA, FRANCE, GAZA, UKRAINE, assert_doesnt_say


def _answers(
    talking: Answerer, question: str, story: str, needles: list[str], conversation: str | None = None
) -> None:
    """The question goes to ``story`` and the answer holds one of ``needles``."""
    answer = talking.ask(question, conversation)
    assert answer.story is not None and answer.story.id == story, answer
    assert any(n in (answer.text or "").lower() for n in needles), answer.text


def _answers_last(
    talking: Answerer, turns: list[str], story: str, needles: list[str], conversation: str
) -> None:
    """A conversation: the earlier turns asked, the last one answered as ``_answers`` checks."""
    for question in turns[:-1]:
        talking.ask(question, conversation)
    _answers(talking, turns[-1], story, needles, conversation)


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # who: a person or body the question doesn't already name
        ("Who met the go-betweens in Qatar?", GAZA, ["negotiators"]),
        ("which expert reckons the new pick will survive?", FRANCE, ["rahman"]),
        # source
        ("who says half the region lost power?", UKRAINE, ["regional state administration"]),
        # where
        ("in which country were the August talks held?", GAZA, ["qatar"]),
        ("where were rescue crews working?", UKRAINE, ["prikarpattia"]),
        # when: a point in time, not a duration
        ("when did the missile barrage happen?", UKRAINE, ["13 december 2024"]),
        # how many / how much
        ("how many premiers has France lost?", FRANCE, ["five"]),
        ("how much of the world's supply does Beijing control?", CHINA, ["70%"]),
        ("how long does Hamas have to give the hostages back?", GAZA, ["72 hours"]),
        # why: a reason or a purpose
        ("why did Hamas shun the meeting?", GAZA, ["protest", "border"]),
        ("why does Beijing's move matter for automakers?", CHINA, ["auto industry"]),
        # did X ...?
        ("did Hamas attend the Qatar meeting?", GAZA, ["refused", "boycott", "absent"]),
        # latest, or just the story's name
        ("rare earth export curbs", CHINA, ["restrictions"]),
        ("anything new on the Gaza truce?", GAZA, ["approved"]),
    ],
)
def test_each_kind_is_answered_directly(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == story, answer
    assert answer.direct, answer.text
    text = (answer.text or "").lower()
    assert len(text) <= MAX_ANSWER_CHARS
    assert any(n in text for n in needles), text


@pytest.mark.parametrize(
    ("question", "story"),
    [
        ("How many civilians were hurt in the December strikes?", UKRAINE),
        ("Who will France's next prime minister be, by name?", FRANCE),
        ("Which elements exactly are on Beijing's list?", CHINA),
        ("What was the assassinated Hamas official called?", GAZA),
        ("When exactly did Beijing announce the export curbs?", CHINA),
        # a role the story leaves unnamed ("a senior Hamas official", "a new appointment")
        ("Which senior Hamas leader was it that died in Tehran?", GAZA),
        ("who exactly will macron name as premier?", FRANCE),
        ("Why did the earlier French prime ministers fall?", FRANCE),
        # a note's shorthand: "no." and "#" for the number, a name asked for last
        ("Russian strikes on the grid - no. of drones shot down?", UKRAINE),
        ("rare earth curbs: # of firms affected?", CHINA),
        ("france crisis, new premier name?", FRANCE),
        ("so what's the next premier's name gonna be?", FRANCE),
        # why someone acted, which the story doesn't tell (why the curbs matter, it does)
        ("why did china impose the curbs?", CHINA),
        ("Why did Beijing introduce these limits on minerals?", CHINA),
        ("Ternopil blackout - exact no. of homes cut off?", UKRAINE),
    ],
)
def test_the_story_doesnt_say(talking: Answerer, question: str, story: str) -> None:
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == story, answer
    assert not answer.direct
    assert answer.text is not None and answer.text.startswith("The story doesn't say")
    assert len(answer.text) <= MAX_ANSWER_CHARS


def test_when_on_a_reported_date_says_so(talking: Answerer) -> None:
    answer = talking.ask("When exactly did Beijing announce the export curbs?")
    assert "reported on 10 October 2025" in (answer.text or "")


@pytest.mark.parametrize(
    "question",
    [
        "Who leads the government in Portugal?",
        "Has Canada's cabinet collapsed?",
        "Are there power cuts across Moldova's grid?",
        "Did Vietnam ban rare earth exports?",
        "Is the truce in Sudan holding?",
        "what about Chile's lithium export rules?",
        # a sports league is no story's ("finals" is no "finally", "last year" no pick that may last)
        "who won the nba finals last year",
    ],
)
def test_near_topic_questions_are_declined(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


def test_a_capital_supports_its_country(talking: Answerer) -> None:
    answer = talking.ask("what is the Kremlin hitting in Ukraine's grid?")
    assert answer.story is not None and answer.story.id == UKRAINE


@pytest.mark.parametrize(
    "question",
    [
        "honestly ngl how bad did the blackout get in ternopil lol",
        "soooo like what's the deal with china and rare earths rn",
    ],
)
def test_chat_register_does_not_dilute_the_match(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is not None


@pytest.mark.parametrize(
    ("question", "story"),
    [
        ("whats the fuss with the french government", FRANCE),  # what's going on with it
        ("macron pm drama", FRANCE),  # a story named by its drama
    ],
)
def test_a_story_named_with_chat_s_word_for_its_trouble_is_told_directly(
    talking: Answerer, question: str, story: str
) -> None:
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == story
    assert answer.direct, answer.text


def test_an_abbreviation_in_a_note_is_no_word_the_story_lacks(talking: Answerer) -> None:
    answer = talking.ask("french govt - pm count?")  # "govt": government, a class of answer
    assert answer.direct and "five prime ministers" in (answer.text or ""), answer.text


def test_who_called_for_something_asks_who_demanded_it_not_a_name(talking: Answerer) -> None:
    answer = talking.ask("who called for a ceasefire?")
    assert answer.direct and "Biden administration" in (answer.text or ""), answer.text
    assert not talking.ask("who called off the talks?").direct  # no one, in the story


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Any expert expecting the next French PM to stick?", "Rahman"),  # "is" dropped
        ("Who're the two fellas in the picture they ran with the China story?", "Xi Jinping"),
    ],
)
def test_chat_shapes_of_a_question_are_answered(talking: Answerer, question: str, expected: str) -> None:
    answer = talking.ask(question)
    assert answer.direct and expected in (answer.text or ""), answer.text


def test_a_request_for_help_in_french_is_no_topic(talking: Answerer) -> None:
    # "aide-moi" asks for help, which no story's rescue crews give to homework
    assert talking.ask("aide moi avec mon devoir de maths, c quoi la derivee de x au carre").story is None


def test_a_slide_is_the_crisis_someone_is_trying_to_stop(talking: Answerer) -> None:
    answer = talking.ask("who's trying to stop the slide?")
    assert answer.story is not None and answer.story.id == FRANCE and "Macron" in (answer.text or "")


def test_the_new_fella_is_the_nominee_the_story_doesnt_name(talking: Answerer) -> None:
    talking.ask("who's trying to fix france's mess?", "c")
    assert not talking.ask("what's the new fella's name?", "c").direct


def test_a_trailing_do_they_say_leaves_the_question_before_it(talking: Answerer) -> None:
    answer = talking.ask("How many drones did Russia launch that night? Do they say?")
    assert not answer.direct and (answer.text or "").startswith("The story doesn't say how many drones")


def test_a_request_s_please_before_a_yes_no_question_leaves_it_one(talking: Answerer) -> None:
    assert not talking.ask("Please did anybody die in the Ternopil attack?").direct


def test_follow_up_chain(talking: Answerer) -> None:
    """A conversation: ellipsis, pronouns, "who said so?", what happened next, a switch and back."""
    key = "chain"
    first = talking.ask("tell me about the cease-fire deal Israel approved", key)
    assert first.story is not None and first.story.id == GAZA
    army = talking.ask("how long does the army have to pull back?", key)
    assert "24 hours" in (army.text or "")
    other = talking.ask("and Hamas?", key)
    assert "72 hours" in (other.text or "")
    switched = talking.ask("different topic: what did Russia hit?", key)
    assert switched.story is not None and switched.story.id == UKRAINE
    source = talking.ask("says who?", key)
    assert source.story is not None and source.story.id == UKRAINE
    assert "Regional State Administration" in (source.text or "") or "GZERO" in (source.text or "")
    back = talking.ask("back to France: who thinks the next pick will last?", key)
    assert back.story is not None and back.story.id == FRANCE
    assert "Rahman" in (back.text or "")


def test_bare_why_explains_the_last_answer(talking: Answerer) -> None:
    talking.ask("what is Washington afraid of in the Gaza story?", "w")
    answer = talking.ask("why?", "w")
    assert answer.story is not None and answer.story.id == GAZA
    text = (answer.text or "").lower()
    assert "retaliation" in text or "assassination" in text


def test_what_happened_next_moves_to_the_next_update(talking: Answerer) -> None:
    talking.ask("why did Hamas skip the talks in Qatar?", "n")
    answer = talking.ask("what happened after that?", "n")
    assert answer.date is not None and answer.date.year == 2025


@pytest.mark.parametrize(
    ("turns", "story", "needles"),
    [
        # "when was that?" dates the last answer, which holds the day itself
        (["has Israel signed off on the truce yet?", "what weekday did that happen?"], GAZA, ["friday"]),
        # "where does he work?": the organisation of the person the last answer named
        (
            ["is any analyst upbeat about Macron's next premier?", "who is he employed by?"],
            FRANCE,
            ["eurasia"],
        ),
        # a country opening the sentence is who did it
        (["what's going on with Ukraine's power supply?", "who did it?"], UKRAINE, ["russia"]),
        (["what's going on with Ukraine's power supply?", "which side launched them?"], UKRAINE, ["russia"]),
        # a loose word of another story ("killed" ~ an assassination) doesn't move the conversation
        (
            ["where did rescue teams work after the barrage?", "how many were killed in it?"],
            UKRAINE,
            ["doesn't say"],
        ),
    ],
)
def test_follow_ups_answer_about_the_last_answer(
    talking: Answerer, turns: list[str], story: str, needles: list[str]
) -> None:
    _answers_last(talking, turns, story, needles, "talk")


@pytest.mark.parametrize(
    ("question", "story", "missing"),
    [
        ("Which party is the incoming French premier a member of?", FRANCE, "which party"),
        ("What company makes most of the chips that need these minerals?", CHINA, "company"),
    ],
)
def test_which_organisation_needs_an_organisation(
    talking: Answerer, question: str, story: str, missing: str
) -> None:
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == story, answer
    assert not answer.direct, answer.text
    assert (answer.text or "").startswith("The story doesn't say")


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("how many soldiers were wounded?", "how many soldiers were wounded"),
        ("which city does the new envoy come from?", "which city the new envoy comes from"),
        ("when did the summit in Paris take place?", "when the summit in Paris took place"),
        ("why is the vote described as a turning point?", "why the vote is described as a turning point"),
        ("how many ministers has Italy lost?", "how many ministers Italy has lost"),
        ("who is it going to be?", "who it is going to be"),
        ("who's it gonna be?", "who it is going to be"),
        ("were there any casualties?", "whether there were any casualties"),
        ("is the army still holding the town?", "whether the army is still holding the town"),
        (
            "what's the number of people killed in the storm?",
            "what the number of people killed in the storm is",
        ),
        # after a bare "when" or "why" the subject comes first, lower case or not
        ("when will kyiv get its heating back?", "when kyiv will get its heating back"),
        ("why is the french cabinet in trouble?", "why the french cabinet is in trouble"),
    ],
)
def test_doesnt_say_repeats_the_question_as_a_clause(question: str, clause: str) -> None:
    from bot.core.phrasing import _embedded

    assert _embedded(question) == clause


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # the newest update's lead is scene-setting; what follows it is the news
        ("what's the current situation in French politics?", FRANCE, ["five prime ministers"]),
        # a latest question about one thing in the newest update gets that thing
        ("where do things stand on freeing the hostages?", GAZA, ["72 hours"]),
    ],
)
def test_latest_gives_the_news(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # a misspelt question word and a misspelt thing counted
        ("hw many prme minsters has frances govt burned thru", FRANCE, ["five"]),
        # a long message that names three of the story's own terms among much chatter
        (
            "My book club got into an argument last night about European politics. Someone claimed the "
            "French government keeps collapsing and that prime ministers barely last. How many have "
            "gone and in how long?",
            FRANCE,
            ["five"],
        ),
        # "party" as a side, not a political party
        ("which party didn't turn up to the Doha talks?", GAZA, ["hamas"]),
        # "leverage" is a way of saying control of supply
        ("why does Beijing have such a grip on these minerals?", CHINA, ["70%"]),
        # "under the deal" gives the reason for the pullback
        ("why are Israeli troops withdrawing in Gaza?", GAZA, ["deal"]),
    ],
)
def test_more_ways_of_asking(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    ("turns", "story", "needles"),
    [
        # "yet": what is still pending answers it
        (["what was Washington afraid of in 2024?", "and has Tehran retaliated yet?"], GAZA, ["weighing"]),
        # "after that" inside a question with its own topic is not "what happened next"
        (
            ["who stayed away from the Qatar meeting?", "what were the prospects for a deal after that?"],
            GAZA,
            ["slim"],
        ),
        # a short follow-up stays with the story under discussion
        (["when did Russia hit Ukraine's power grid?", "were there any deaths"], UKRAINE, ["doesn't say"]),
    ],
)
def test_conversations_keep_their_thread(
    talking: Answerer, turns: list[str], story: str, needles: list[str]
) -> None:
    _answers_last(talking, turns, story, needles, "thread")


@pytest.mark.parametrize(
    "question",
    [
        "Did the EU slap tariffs on Chinese solar panels?",
        "What did NATO say about Russia's attack on the Baltic states' power lines?",
    ],
)
def test_an_international_body_the_story_never_mentions_declines(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # the analyst asked for, not the prime minister the question mentions
        ("who is the expert weighing in on Macron's next premier?", FRANCE, ["rahman"]),
        # "which sectors lean on ...": the noun asked for stops at the verb
        ("which industries rely on the minerals China is limiting?", CHINA, ["semiconductors", "auto"]),
        # the number of what: a count of something the story never counts
        ("what's the number of hostages who died in captivity?", GAZA, ["doesn't say"]),
    ],
)
def test_the_thing_asked_for(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # "which kinds of X": X is the class asked for
        ("what types of industry depend on these minerals?", CHINA, ["semiconductors", "auto"]),
        # "names of": a name the story doesn't give
        ("what are the names of the ousted French premiers?", FRANCE, ["doesn't say"]),
        # the appointee is a role the story never names
        ("who is the nominee going to be?", FRANCE, ["doesn't say"]),
        # a passive verb the story never uses
        ("were any civilians injured in the December barrage?", UKRAINE, ["doesn't say"]),
        # the country that acted is not the place asked for
        ("where in Ukraine were half the consumers left in the dark?", UKRAINE, ["ternopil"]),
        # an administration is an organisation
        ("which authority reported the blackout figures?", UKRAINE, ["regional state administration"]),
    ],
)
def test_answers_hold_the_kind_of_thing_asked(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # what someone is doing about it: what they are due to do next
        ("what's Macron planning to do now?", FRANCE, ["try again", "appointment"]),
        # losing power is not the same as power itself
        ("did the barrage leave people without power?", UKRAINE, ["half"]),
        # "did X cause Y": the sentence giving the result
        ("did Russia's attack cause blackouts?", UKRAINE, ["half"]),
        # a country named beside the mediators, or the story doesn't say
        ("which nations mediated the Doha talks?", GAZA, ["doesn't say"]),
        # a bare place name: the key fact about it
        ("Prikarpattia", UKRAINE, ["rescue"]),
        # "after the strikes" is a thin reason: the strikes come with it
        ("why were rescue crews sent to Ternopil?", UKRAINE, ["missile"]),
    ],
)
def test_answers_pick_the_sentence_that_answers(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # a chat spelling of a question word
        ("wut r the terms of the gaza truce", GAZA, ["24 hours", "72 hours"]),
        # who took a photo: a name beats a list
        ("who shot the picture that goes with the China minerals story?", CHINA, ["sagolj"]),
        # "most recent" inside a which-question is not a request for the news
        ("which French premier was the most recent to be toppled?", FRANCE, ["doesn't say"]),
        # "heads of government" counts prime ministers
        ("how many heads of government has Paris lost?", FRANCE, ["five"]),
        # when the news came out: the report's own date
        ("when was the news about Ukraine's grid reported?", UKRAINE, ["2024"]),
        # "a minor player" asks about dominance
        ("is Beijing just a small player in critical minerals?", CHINA, ["70%"]),
    ],
)
def test_more_readings(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    ("question", "story"),
    [
        # one of the story's own names carries a question full of words the story lacks
        ("what does Rahman think about snap elections?", FRANCE),
        ("has Ternopil rebuilt its substations?", UKRAINE),
    ],
)
def test_a_story_name_carries_the_question(talking: Answerer, question: str, story: str) -> None:
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == story, answer


@pytest.mark.parametrize(
    "question",
    ["how tall is the Eiffel Tower?", "is the strip mall downtown open late?"],
)
def test_common_words_inside_names_do_not_carry_a_question(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


@pytest.mark.parametrize(
    ("turns", "needles"),
    [
        # "X for what?" asks about the last answer itself
        (
            ["why was Washington pushing for a truce in 2024?", "the expected retaliation for what?"],
            ["assassination"],
        ),
        # a plain "what was hit?" moves past the last answer to the one that says
        (["where did emergency crews work after the December strikes?", "what was hit?"], ["infrastructure"]),
    ],
)
def test_follow_ups_about_the_last_answer(talking: Answerer, turns: list[str], needles: list[str]) -> None:
    for question in turns[:-1]:
        talking.ask(question, "last")
    answer = talking.ask(turns[-1], "last")
    assert any(n in (answer.text or "").lower() for n in needles), answer.text


@pytest.mark.parametrize(
    ("turns", "story", "needles"),
    [
        # "who's it gonna be?" after talk of the next pick: the appointee, whom the story doesn't name
        (
            ["what's up with France's government?", "when is he naming the next premier", "who will it be?"],
            FRANCE,
            ["doesn't say"],
        ),
        # "is he about to ...?": what is due next
        (["is Macron about to pick another prime minister?"], FRANCE, ["try again", "appointment"]),
        # where the strikes cut power: the region, not the country that struck
        (["in which part of Ukraine did the December attack cut the power?"], UKRAINE, ["ternopil"]),
        # "tech" is technology
        (["are defence tech makers affected by China's curbs?"], CHINA, ["military technology"]),
    ],
)
def test_further_readings(talking: Answerer, turns: list[str], story: str, needles: list[str]) -> None:
    _answers_last(talking, turns, story, needles, "more")


def test_an_ellipsis_drops_the_old_subject(talking: Answerer) -> None:
    """ "and Hamas?" after a question about the army asks what Hamas must do, not the army."""
    # The README's console transcript.
    talking.ask("what did israel approve?", "ellipsis")
    talking.ask("within how many hours must troops pull back?", "ellipsis")
    answer = talking.ask("and hamas?", "ellipsis")
    text = (answer.text or "").lower()
    assert "72 hours" in text and "24 hours" not in text, answer.text


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # "were there any X?": X is what is asked about
        ("were there any casualties in the December attack on the Ukrainian grid?", UKRAINE, ["doesn't say"]),
        # "list the X": names the story doesn't give
        ("can you list all the prime ministers France lost?", FRANCE, ["doesn't say"]),
        # a head of cabinet is a head of government
        ("how many heads of cabinet has France gone through?", FRANCE, ["five"]),
    ],
)
def test_yet_more_readings(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


def test_a_common_word_in_an_organisations_name_does_not_excuse_another_country(talking: Answerer) -> None:
    # "French government" is one of the story's organisations; Portugal's government is not its topic.
    assert talking.ask("did Portugal's government fall apart too?").story is None


def test_a_short_follow_up_with_it_stays_in_the_conversation(talking: Answerer) -> None:
    talking.ask("anything new on France's government?", "it")
    answer = talking.ask("which pundit is weighing in on it?", "it")
    assert answer.story is not None and answer.story.id == FRANCE
    assert "rahman" in (answer.text or "").lower(), answer.text


def test_a_role_finds_its_person_even_when_nothing_else_matches(talking: Answerer) -> None:
    talking.ask("what's happening with the French government?", "role")
    answer = talking.ask("who's the expert quoted on it?", "role")
    assert "rahman" in (answer.text or "").lower(), answer.text


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # a verb after "what" names no class of answer: the event is asked about
        ("what happened to the electricity in the Ternopil region?", UKRAINE, ["without electricity"]),
        # commentators' words describe who answers, not the topic
        ("what do the pundits think of Macron's next premier?", FRANCE, ["rahman"]),
        ("who's the consultant weighing in on the French PM saga?", FRANCE, ["rahman"]),
        # what is offered or on the table: the terms
        ("what was actually up for negotiation at the summer 2024 talks in Qatar?", GAZA, ["hostages"]),
        ("what package were the mediators putting together in Doha?", GAZA, ["hostages", "prisoners"]),
        # an obligation in chat spelling
        ("now the truce is on, what has the israeli army gotta do?", GAZA, ["24 hours", "perimeter"]),
        # the question proper of a two-sentence message picks the sentence
        ("the power grid in ukraine got hammered. who reported the blackouts?", UKRAINE, ["administration"]),
        # a principal's name carries the question; the predicate must be in the story
        ("will macron dissolve parliament?", FRANCE, ["doesn't say"]),
    ],
)
def test_readings_of_a_later_held_out_set(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_they_keeps_a_short_follow_up_on_its_story_despite_one_shared_word(talking: Answerer) -> None:
    # "fire" is half of the Gaza story's "cease-fire"; "they" are the Russian forces of the conversation.
    talking.ask("what did Russia do to Ukraine's grid in December 2024?", "fire")
    answer = talking.ask("how many did they fire?", "fire")
    assert answer.story is not None and answer.story.id == UKRAINE, answer
    assert (answer.text or "").startswith("The story doesn't say how many"), answer.text


def test_the_problem_is_the_crisis_under_discussion(talking: Answerer) -> None:
    talking.ask("macron", "problem")
    _answers(talking, "ok but what's the actual problem", FRANCE, ["toppled", "free fall"], "problem")


@pytest.mark.parametrize(
    ("turns", "needles"),
    [
        (["how many hours does hamas get to free the hostages?", "and what about the other side?"], ["24"]),
        (["which side boycotted the talks in Qatar?", "the other side?"], ["israeli negotiators"]),
    ],
)
def test_the_other_side_asks_the_same_of_the_other_party(
    talking: Answerer, turns: list[str], needles: list[str]
) -> None:
    _answers_last(talking, turns, GAZA, needles, "sides")


def test_a_capital_and_a_paraphrase_of_exporting_find_the_curbs(talking: Answerer) -> None:
    _answers(talking, "what is beijing keeping from being sold abroad?", CHINA, ["rare earth"])


@pytest.mark.parametrize(
    "question",
    ["What did Jordan Bardella think of the new premier?", "Did Benjamin Netanyahu sign the truce himself?"],
)
def test_a_person_the_story_never_names_is_evidence_against_it(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


def test_a_person_the_story_names_carries_the_question(talking: Answerer) -> None:
    _answers(talking, "Does Mujtaba Rahman expect the next pick to hold?", FRANCE, ["stick", "last"])


def test_a_capital_acting_for_its_government_keeps_the_conversation(talking: Answerer) -> None:
    # "its" points back; "made up its mind" is a decision, which "still weighing" answers.
    talking.ask("why did the Qatar round look hopeless?", "capital")
    _answers(talking, "so has tehran made up its mind?", GAZA, ["weighing"], "capital")


def test_the_weather_in_a_capital_is_still_not_the_story(talking: Answerer) -> None:
    talking.ask("why did the Qatar round look hopeless?", "weather")
    assert talking.ask("is it sunny in Doha this week?", "weather").story is None


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        ("is beijing the biggest producer of these minerals?", CHINA, ["70%"]),
        ("has the truce come into force?", GAZA, ["took effect"]),
        ("any sign of the captives coming home?", GAZA, ["72 hours"]),
    ],
)
def test_paraphrases_of_supply_force_and_return(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_a_time_span_follow_up_asks_how_long(talking: Answerer) -> None:
    talking.ask("how many heads of government has the crisis brought down?", "span")
    _answers(talking, "in what time span tho", FRANCE, ["two years"], "span")


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        ("what was the sticking point that kept hamas away?", GAZA, ["border", "protest"]),
        ("how many primeministers has france gone through", FRANCE, ["five"]),
    ],
)
def test_more_chat_readings(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


def test_the_uk_in_lower_case_is_still_a_foreign_country(talking: Answerer) -> None:
    assert talking.ask("did the uk prime minister quit too?").story is None


def test_what_a_country_said_needs_its_own_words(talking: Answerer) -> None:
    # Egypt is only where the border is; Washington's fears are its own view.
    answer = talking.ask("what has egypt said about israel keeping the border?")
    assert answer.story is not None and answer.story.id == GAZA
    assert (answer.text or "").startswith("The story doesn't say"), answer.text
    _answers(talking, "what does washington think about iran's next move?", GAZA, ["fears"])


@pytest.mark.parametrize(
    "question", ["what's dogecoin trading at today", "any good sourdough recipes for the weekend?"]
)
def test_one_common_word_beside_an_unknown_thing_is_declined(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


def test_a_story_name_beside_an_unknown_word_still_answers(talking: Answerer) -> None:
    answer = talking.ask("did hamas grandstand about it?")
    assert answer.story is not None and answer.story.id == GAZA


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # "a round of talks" is the talks
        ("when was that round of negotiations in qatar?", GAZA, ["thursday", "aug"]),
        # who didn't: the sentence about someone not doing it
        ("which party stayed home from the Qatar meeting?", GAZA, ["hamas"]),
        # the blueprint is the terms
        ("what blueprint were the Doha mediators using?", GAZA, ["hostages"]),
        # a photo's caption answers only a question about the photo
        ("when do the new mineral export limits start to apply?", CHINA, ["doesn't say"]),
        ("who took the photo used on the minerals story?", CHINA, ["sagolj"]),
        # long "how many X were killed ..." still needs the killing in the story
        (
            "how many civilians were killed or wounded when the missiles hit the grid in december?",
            UKRAINE,
            ["doesn't say"],
        ),
    ],
)
def test_readings_of_fresh_12(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


def test_em_points_back(talking: Answerer) -> None:
    talking.ask("how many missiles hit ukraine's grid?", "em")
    _answers(talking, "who fired em", UKRAINE, ["russia"], "em")


def test_a_date_the_question_gives_is_no_answer_to_which_day(talking: Answerer) -> None:
    # "the October 2025 deal" repeats the question's own month and year: no day in it.
    answer = talking.ask("which day in october 2025 did israel's government approve the deal?")
    assert answer.story is not None and answer.story.id == GAZA
    assert not (answer.text or "").startswith("Under the October 2025 deal"), answer.text


def test_a_conversation_about_the_people_running_a_country(talking: Answerer) -> None:
    # "what's been going on" asks for the news; the people running France are its government;
    # "wait," is chat; "afterwards" points back, it names nothing new.
    latest = "what's been going on with the people in charge in france?"
    _answers(talking, latest, FRANCE, ["free fall"], "gov")
    _answers(talking, "wait, how many premiers have they gone through?", FRANCE, ["five"], "gov")
    talking.ask("which country fired missiles at ukraine's power plants?", "after")
    _answers(talking, "did anybody come to the rescue afterwards?", UKRAINE, ["emergency"], "after")


def test_the_other_side_after_the_news(talking: Answerer) -> None:
    # The news names Israel acting; the other side's part is the sentence about someone else.
    talking.ask("anything new on the gaza truce?", "news-side")
    _answers(talking, "and the other side?", GAZA, ["hamas"], "news-side")


def test_was_it_x_that_asks_about_x_not_a_passive_verb(talking: Answerer) -> None:
    answer = talking.ask("was it russia that cut the power in ternopil?")
    assert answer.direct and "russian" in (answer.text or "").lower(), answer.text


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # a two-word name of the story ("rare earths") is two of its own terms
        ("why do rare earths keep coming up everywhere on the business pages?", CHINA, ["vital", "70%"]),
        ("which faction brought down the previous prime minister in the assembly?", FRANCE, ["doesn't say"]),
        # "how quick", like "how fast", asks for a time span
        ("how quick do the troops have to pull back under the deal?", GAZA, ["24 hours"]),
        # "how big a deal" asks why it matters, not for a size
        ("beijing limiting these minerals, how big a deal is it honestly?", CHINA, ["vital", "70%"]),
        # a toll is a number: none in the story
        ("what was the casualty toll in the december barrage?", UKRAINE, ["doesn't say"]),
        # "what's X's name" asks who X is: the new premier is not named
        ("what's the incoming french premier's name?", FRANCE, ["doesn't say"]),
        # "go after" is an attack; Moscow speaks for Russia
        ("what was moscow going after in that december raid?", UKRAINE, ["energy"]),
    ],
)
def test_readings_of_fresh_14_and_15(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_a_bare_source_asks_where_the_last_answer_came_from(talking: Answerer) -> None:
    talking.ask("how much of ternopil lost electricity?", "src")
    _answers(talking, "source??", UKRAINE, ["regional state administration"], "src")


def test_how_a_named_country_reacted_stays_on_the_story(talking: Answerer) -> None:
    # China's story names the US (in its photo caption and aliases): Washington's reaction is asked
    # of it, and it doesn't say.
    talking.ask("what are the chinese curbs on minerals about?", "react")
    _answers(talking, "has washington reacted at all?", CHINA, ["doesn't say"], "react")


def test_a_known_news_word_alone_is_a_follow_up(talking: Answerer) -> None:
    talking.ask("ternopil's power grid got hit, how bad was it?", "hurt")
    _answers(talking, "anybody injured?", UKRAINE, ["doesn't say"], "hurt")
    assert talking.ask("dogecoin?", "hurt").story is None  # no news word: a new subject


@pytest.mark.parametrize(
    "question",
    [
        "Evening. I keep seeing headlines about Portugal's prime minister and a budget row. Is he going?",
        "My neighbour asked me about Syria. Has the truce between the rebels and Damascus held up?",
    ],
)
def test_a_country_the_preamble_is_about_counts_against_a_story(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


def test_a_country_met_in_passing_in_the_preamble_does_not(talking: Answerer) -> None:
    question = "I'm in Portugal on a work trip. What's the latest on the French government?"
    _answers(talking, question, FRANCE, ["free fall", "appointment", "prime ministers"])


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        ("is macron tryna find another premier?", FRANCE, ["try again", "appointment"]),
        ("did any1 from hamas go to the qatar talks?", GAZA, ["refused", "boycott", "absent"]),
    ],
)
def test_more_chat_spellings(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


def test_so_what_happens_next_asks_what_is_due(talking: Answerer) -> None:
    talking.ask("how many premiers has paris lost lately?", "due")
    _answers(talking, "ok so what happens next?", FRANCE, ["try again", "next day"], "due")


def test_restoring_power_is_asked_about_and_not_in_the_story(talking: Answerer) -> None:
    # "get the lights back on" is restoring power: a concept of its own, which the story lacks.
    answer = talking.ask("when are they getting the lights back on in prikarpattia?")
    assert answer.story is not None and answer.story.id == UKRAINE
    assert (answer.text or "").startswith("The story doesn't say when they are getting"), answer.text


def test_chat_before_the_question_word_keeps_its_kind(talking: Answerer) -> None:
    _answers(talking, "beijing squeezing minerals again?? ngl how big a deal is it", CHINA, ["vital"])


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # "militants" are the militant group the story calls Hamas
        ("under the october deal, how long do the militants get to free the captives?", GAZA, ["72 hours"]),
        # "heads of govt" is the story's "prime ministers"; "burned through" is toppling them
        ("how many heads of govt has macron burned through?", FRANCE, ["five"]),
    ],
)
def test_phrases_cover_their_words(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # "catch me up" asks for the news; "the situation in Ukraine" names only the story's country
        ("could you catch me up on the situation in ukraine?", UKRAINE, ["13 december 2024", "ternopil"]),
        # the story's own name as the subject of a yes-or-no question: about it, even if it doesn't say
        ("Does Hamas intend to give up its weapons and leave politics?", GAZA, ["doesn't say"]),
        # an address to the reader is chat
        ("how many premiers is that now, dear?", FRANCE, ["five"]),
        # who did turn up, not who stayed away
        ("who turned up to the Qatar talks, then?", GAZA, ["negotiators", "mediators"]),
    ],
)
def test_readings_of_fresh_16_and_17(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_a_country_in_an_earlier_question_of_the_message_counts(talking: Answerer) -> None:
    question = "Brazil put limits on coffee exports? What does that mean for what my cafe pays?"
    assert talking.ask(question).story is None


def test_before_that_goes_back_an_update(talking: Answerer) -> None:
    talking.ask("how long has hamas got to free the hostages?", "earlier")
    _answers(talking, "and before that?", GAZA, ["qatar"], "earlier")


def test_asking_whether_it_is_confirmed_asks_for_the_source(talking: Answerer) -> None:
    talking.ask("how much of ternopil was left in the dark?", "confirm")
    _answers(talking, "is that confirmed?", UKRAINE, ["regional state administration"], "confirm")


def test_a_price_question_follows_up_and_the_story_does_not_say(talking: Answerer) -> None:
    talking.ask("how much of the world's supply does beijing hold?", "costs")
    answer = talking.ask("so will costs go up?", "costs")
    assert answer.story is not None and answer.story.id == CHINA
    assert (answer.text or "").startswith("The story doesn't say whether costs will go up"), answer.text


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # "were there any X" hinges on X, however long the question
        (
            "were there any injuries reported when the december missiles hit ukraine's power network?",
            UKRAINE,
            ["doesn't say"],
        ),
        # a photo before a question with a topic of its own is no question about the story's photo
        (
            "My cousin sent me pictures of the rubble in Gaza. How long do the troops have to pull back?",
            GAZA,
            ["24 hours"],
        ),
        # words from the lexicon's groups
        ("how shaky has the french premiership been?", FRANCE, ["five", "free fall"]),
        ("has tehran settled on its riposte yet?", GAZA, ["weighing"]),
        ("which gallic leader is trying to stop the political tailspin?", FRANCE, ["macron"]),
    ],
)
def test_readings_of_fresh_18_and_19(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_any_numbers_on_that_asks_for_a_quantity_of_the_story(talking: Answerer) -> None:
    talking.ask("what's going on in french politics?", "numbers")
    _answers(talking, "any stats on that?", FRANCE, ["five"], "numbers")


def test_when_answers_spell_the_month_out(talking: Answerer) -> None:
    answer = talking.ask("when did the qatar talks happen?")
    assert "August 2024" in (answer.text or ""), answer.text


def test_a_body_of_state_the_story_never_names_is_no_stranger_to_it(talking: Answerer) -> None:
    answer = talking.ask("Could the National Assembly bring down Macron's next premier as well?")
    assert answer.story is not None and answer.story.id == FRANCE


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # "how many X" is answered by the X listed by name
        ("In how many provinces did crews carry out rescue work?", UKRAINE, ["ternopil and prikarpattia"]),
        # "how much of X" asks for a share of X, not a count of it
        ("how much of the ternopil region lost electricity?", UKRAINE, ["half"]),
        # a claim, then "is that true?": whether the claim holds
        ("A friend says Hamas gets a whole month to free the hostages. Is that true?", GAZA, ["72 hours"]),
        # "other regions" asks for the others by name
        ("Was Ternopil the only area hit, or were other regions too?", UKRAINE, ["prikarpattia"]),
        # the question proper decides what it hinges on, not a remark after it
        (
            "Were any civilians wounded when the missiles hit Ukraine's grid? I keep thinking about it.",
            UKRAINE,
            ["doesn't say"],
        ),
        # a typo of the place asked about still names it: the answer is another place
        ("wher did the russian rockets knock out power in ukrain", UKRAINE, ["ternopil"]),
    ],
)
def test_readings_of_fresh_20_and_21(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_which_outlet_published_it_asks_for_the_source(talking: Answerer) -> None:
    talking.ask("what is china restricting?", "outlet")
    _answers(talking, "which outlet published this?", CHINA, ["gzero"], "outlet")


def test_what_firm_is_he_with_asks_for_the_employer(talking: Answerer) -> None:
    talking.ask("which analyst thinks the next pick will stick?", "firm")
    _answers(talking, "what firm is he with?", FRANCE, ["eurasia"], "firm")


def test_a_question_the_story_under_discussion_explains_best_stays_on_it(talking: Answerer) -> None:
    talking.ask("what's new with france's government?", "stay")
    question = (
        "which commentator is quoted about how long the next appointee might survive, and at which company?"
    )
    _answers(talking, question, FRANCE, ["rahman", "eurasia"], "stay")


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # "did anybody die?": the verb is what is asked about, short as it is
        ("did anyone die when the rockets hit ukraine's power plants?", UKRAINE, ["doesn't say"]),
        # brokers are mediators: a country named beside them, none for the October deal
        ("which states brokered the october 2025 deal?", GAZA, ["doesn't say"]),
    ],
)
def test_readings_of_fresh_22(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


def test_the_story_photo_keeps_the_conversation(talking: Answerer) -> None:
    talking.ask("what are rare earths used for?", "pic")
    _answers(talking, "who's in the photo with the story?", CHINA, ["trump", "xi jinping"], "pic")


def test_another_crack_at_it_is_trying_again(talking: Answerer) -> None:
    talking.ask("how many premiers has france lost?", "crack")
    _answers(talking, "when does he get another shot at it?", FRANCE, ["next day"], "crack")


def test_his_affiliation_asks_for_the_employer(talking: Answerer) -> None:
    talking.ask("which analyst thinks the new pick will last?", "aff")
    _answers(talking, "and his affiliation?", FRANCE, ["eurasia"], "aff")


def test_a_source_sharing_a_word_with_the_question_is_still_the_source(talking: Answerer) -> None:
    question = "who put out the blackout numbers for the ternopil region after the december strikes?"
    _answers(talking, question, UKRAINE, ["regional state administration"])


def test_how_many_gone_counts_what_the_conversation_is_about(talking: Answerer) -> None:
    talking.ask("france pm?", "gone")
    _answers(talking, "how many gone so far?", FRANCE, ["five"], "gone")


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # idioms of paraphrase: getting back at (retaliating), doomed (no chance), sitting on (controlling)
        ("why would tehran want to get back at israel?", GAZA, ["assassination"]),
        ("were the qatar talks doomed?", GAZA, ["slim to no chance"]),
        ("who is sitting on the global rare earth supply?", CHINA, ["70%"]),
        ("what measures did beijing take on mineral exports?", CHINA, ["restrictions", "limits"]),
        # the scene of "what happened to X after Y" is not the answer: what happened to X is
        (
            "what happened to homes in ternopil after the russian rocket strikes?",
            UKRAINE,
            ["without electricity"],
        ),
        # a long message whose question proper follows "my real question is"
        (
            "long story short my cousin was telling me about a bunch of middle east stuff at dinner and "
            "i got confused but my real question is where the hamas official was killed",
            GAZA,
            ["tehran"],
        ),
        # chat idioms and stretched words do not hide the topic
        (
            "france cant hold onto a premier to save its life, whats the deal",
            FRANCE,
            ["five prime ministers"],
        ),
        ("lolll how many pms has france lost", FRANCE, ["five"]),
        ("france has burned through so many premiers, how many is that now?", FRANCE, ["five"]),
        ("russia fired missiles at the grid, how many was that?", UKRAINE, ["doesn't say"]),
    ],
)
def test_readings_of_fresh_26_and_27(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_his_employer_is_found_from_the_person_the_last_answer_named(talking: Answerer) -> None:
    talking.ask("which commentator expects the next premier to hold on?", "emp")
    _answers(talking, "what outfit is he affiliated with?", FRANCE, ["eurasia group"], "emp")


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # a long message whose question proper alone finds its story, where the whole message dilutes it
        (
            "I've driven a lorry for thirty years and never followed foreign politics, apart from moaning "
            "about diesel prices, but the lads at the depot say Paris can't keep a government. How many "
            "premiers has France had to replace recently, then?",
            FRANCE,
            ["five"],
        ),
        (
            "putting together notes for my book club and everyone remembers it differently, so before "
            "Thursday I want to be sure: how many prime ministers has France lost?",
            FRANCE,
            ["five"],
        ),
        # "With Hamas absent, the talks have slim to no chance": the opening clause is the reason why
        ("why did the qatar talks have such poor prospects?", GAZA, ["slim to no chance"]),
    ],
)
def test_readings_of_fresh_28_and_29(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_a_long_message_is_matched_by_its_question_not_diluted_by_its_chatter(talking: Answerer) -> None:
    question = (
        "I've kept bees for forty-odd years and never paid the French much heed, bar the odd row over "
        "honey prices, but my neighbour says their government keeps toppling like a badly built hive. "
        "How many prime ministers have they gone through lately, then?"
    )
    _answers(talking, question, FRANCE, ["five"])
    # the match shown is how well the story explains the question, not the beekeeping
    assert talking.ask(question).score >= 0.5


@pytest.mark.parametrize(
    ("question", "needles"),
    [
        # the terms of the deal a sentence names are what its update goes on to say
        ("what are the conditions of the ceasefire israel approved?", ["24 hours", "72 hours"]),
        # a list of terms beats the summary that only mentions them
        ("what was up for discussion at the 2024 qatar negotiations?", ["release of israeli hostages"]),
    ],
)
def test_the_terms_of_a_deal_are_its_obligations_not_its_summary(
    talking: Answerer, question: str, needles: list[str]
) -> None:
    _answers(talking, question, GAZA, needles)


def test_the_terms_asked_in_a_conversation_are_those_of_the_talks_under_discussion(talking: Answerer) -> None:
    talking.ask("who sat down at the gaza talks in qatar?", "terms-chat")
    answer = talking.ask("so what were they meant to be agreeing?", "terms-chat")
    assert "release of Israeli hostages" in answer.text
    # ... unless the follow-up names another time
    answer = talking.ask("and the terms of the october 2025 deal?", "terms-chat")
    assert "72 hours" in answer.text


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # a time told relative to the report ("the next day") answers "when", with the report's date
        ("when is the french president expected to make his pick?", FRANCE, ["next day"]),
        # whether the story names someone: it doesn't name the next premier
        ("does the article name the new premier?", FRANCE, ["doesn't say"]),
        # what someone said back is a reaction: the story quotes no reply from the president in its photo
        ("what did trump say back to beijing?", CHINA, ["doesn't say"]),
        # slang for doomed
        ("the qatar talks are cooked, right?", GAZA, ["slim to no chance"]),
        # "what X has to do": its obligation
        ("what israeli troops has to do now?", GAZA, ["pull its forces back", "24 hours"]),
        # the news words of "any new update on ..." don't pick a sentence saying "new"
        ("any new update on the macron government issue?", FRANCE, ["free fall"]),
    ],
)
def test_readings_of_fresh_29(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # Scots spellings
        ("whit did russia hit in ukraine?", UKRAINE, ["energy infrastructure"]),
        ("how come hamas didnae turn up tae the qatar talks", GAZA, ["protest", "border"]),
        # who did it, at the time asked: the mediators of August 2024 brokered no October 2025 deal
        ("who brokered the october 2025 agreement?", GAZA, ["doesn't say"]),
        ("who mediated in august 2024?", GAZA, ["mediators"]),
        ("who refused to attend the qatar talks?", GAZA, ["hamas refused"]),
        # which party he is from: the story names no party
        ("which party is the french president from?", FRANCE, ["doesn't say"]),
        # a signature and 'that business with' name no topic
        ("What's the latest on that business with China's minerals? Hugs, Nana", CHINA, ["restrictions"]),
    ],
)
def test_readings_of_fresh_30_and_31(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    "question",
    [
        "how's the truce between israel and hezbollah holding?",
        "did russia knock out moldovas power too",
        "any news on the houthis attacking ships?",
        "is the DRC limiting how much cobalt leaves the country?",  # a country by its initials
    ],
)
def test_a_group_or_country_the_stories_never_mention_is_declined(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


def test_his_assessment_is_read_from_the_sentences_naming_him(talking: Answerer) -> None:
    talking.ask("which consultancy analyst is quoted on the next premier?", "his")
    _answers(talking, "what exactly is his assessment?", FRANCE, ["might finally stick"], "his")


def test_whether_the_us_did_anything_back_is_a_reaction_the_story_doesnt_report(talking: Answerer) -> None:
    talking.ask("what is china restricting?", "back")
    _answers(talking, "is the us doing anything back?", CHINA, ["doesn't say"], "back")


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        (
            "och why does anybody care aboot rare earths, they sound like somethin fae a garden shop",
            CHINA,
            ["semiconductors"],
        ),
        (
            "I'm trying to understand why, if at all, these minerals matter so much: why would restricting "
            "them be consequential in the first place?",
            CHINA,
            ["semiconductors"],
        ),
        (
            "Having read widely on the Fifth Republic's constitutional design, which I realise is a "
            "digression, I'm curious whether any analyst quoted expects Macron's next appointment to last",
            FRANCE,
            ["rahman"],
        ),
    ],
)
def test_readings_of_fresh_30_and_31_again(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        ("is the truce a done deal now?", GAZA, ["approved", "took effect"]),
        ("why were the qatar talks such a dud?", GAZA, ["slim to no chance"]),
        # a figure given for one region is no answer for another
        ("how many households in prikarpattia were cut off?", UKRAINE, ["doesn't say"]),
        ("how many households in ternopil were cut off?", UKRAINE, ["half"]),
    ],
)
def test_readings_of_fresh_32_and_33(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_what_they_were_talking_about_is_the_framework(talking: Answerer) -> None:
    talking.ask("why did hamas stay away from the qatar meeting?", "about")
    _answers(
        talking,
        "what were they supposed to be negotiating over?",
        GAZA,
        ["release of israeli hostages"],
        "about",
    )


def test_his_opinion_is_what_he_says_even_if_that_was_the_last_answer(talking: Answerer) -> None:
    talking.ask("who is mujtaba rahman?", "view")
    _answers(talking, "what's his view on the situation?", FRANCE, ["finally stick", "finally last"], "view")


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # the nominee: the story names no one in that role, however many people it names
        (
            "what is the name of the person the french president is expected to appoint?",
            FRANCE,
            ["doesn't say"],
        ),
        # what someone did to hit back is a reaction the story doesn't report (its photo is no answer)
        ("what did trump do to hit back at beijing over the minerals?", CHINA, ["doesn't say"]),
    ],
)
def test_readings_of_fresh_34(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


def test_prime_ministers_removed_so_far_follows_the_story(talking: Answerer) -> None:
    talking.ask("why is macron looking for another premier?", "removed")
    _answers(talking, "how many have been removed so far?", FRANCE, ["five"], "removed")


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # a remark before the question proper does not hide its "were there any ...?"
        (
            "I really hope everyone is ok. Were there any injuries in the December strikes?",
            UKRAINE,
            ["doesn't say"],
        ),
        # what happened to the counted thing must be in the story, however long the question
        (
            "how much have chip prices climbed since beijing brought in its restrictions, any idea at all?",
            CHINA,
            ["doesn't say"],
        ),
    ],
)
def test_readings_of_fresh_35(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


def test_the_yanks_are_washington(talking: Answerer) -> None:
    talking.ask("why did hamas skip the qatar talks?", "yanks")
    _answers(
        talking,
        "why were the yanks in such a hurry for a deal?",
        GAZA,
        ["wider conflict", "retaliation"],
        "yanks",
    )


def test_and_what_about_x_is_answered_about_x_not_the_last_subject(talking: Answerer) -> None:
    talking.ask("why did hamas stay away from the qatar meeting?", "kids")
    _answers(talking, "and what about the children in the photo?", GAZA, ["khan younis"], "kids")


@pytest.mark.parametrize(
    ("turns", "story", "needles"),
    [
        # a follow-up with words no story has, tied to the story by "they"
        (
            ["why did the US want a Gaza deal so badly?", "what's the tail risk for them?"],
            GAZA,
            ["wider conflict"],
        ),
        # "take the hit": the sectors that depend on what is curbed
        (
            ["how much of the rare earth market is China's?", "so which industries take a hit"],
            CHINA,
            ["semiconductors"],
        ),
        # "the last ones" are the ones before, and "happend" names no topic
        (
            ["will Macron name yet another premier?", "how come? what happend to the last ones"],
            FRANCE,
            ["toppled", "free fall"],
        ),
        # "and the photo, who's in it": a question of its own, about the photo
        (
            ["what does China control?", "and the pic that goes with the article, who is in it?"],
            CHINA,
            ["xi jinping"],
        ),
        # a guess after the question: "who gave this figure? the regional office?" asks for the source
        (
            ["how many homes went dark in Ternopil?", "who gave that figure? the local office?"],
            UKRAINE,
            ["administration"],
        ),
        # an analyst's "base case" is what he thinks will happen
        (
            ["who is the analyst on the French premiership?", "what's his base case for the nominee?"],
            FRANCE,
            ["finally"],
        ),
    ],
)
def test_readings_of_fresh_38_and_39(
    talking: Answerer, turns: list[str], story: str, needles: list[str]
) -> None:
    _answers_last(talking, turns, story, needles, "c")


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # a durability question about a plan's outcome: the sentence saying it may stick, not the plan
        ("fr is the new premier going to survive?", FRANCE, ["finally"]),
        ("is Macron about to name someone new?", FRANCE, ["try again"]),  # the plan itself
        ("which consultancy employs the analyst quoted on Macron's picks?", FRANCE, ["eurasia group"]),
        ("how many households stayed without electricity?", UKRAINE, ["half"]),
        ("quantas casas ficaram sem eletricidade em Ternopil?", UKRAINE, ["half"]),
        ("what's the ETA on Ternopil getting its electricity back?", UKRAINE, ["doesn't say"]),
    ],
)
def test_more_readings_of_fresh_38_and_39(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        ("who said yes to the truce in the end?", GAZA, ["israel approved"]),
        # the country acting, not the first words of the sentence: "..., and Iran is still weighing"
        ("has Tehran settled on a response to the Israelis?", GAZA, ["weighing its options"]),
    ],
)
def test_who_agreed_and_how_a_country_is_responding(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_what_a_country_said_is_not_answered_by_another_country_acting(talking: Answerer) -> None:
    answer = talking.ask("how did Cairo react to Israel keeping the crossing?")
    assert answer.story is not None and answer.story.id == GAZA
    assert "doesn't say" in (answer.text or ""), answer.text


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # why, when the sentence with the result names its cause only by reference ("the ... attack")
        ("how come half of Ternopil had no electricity?", UKRAINE, ["missile attack on ukraine"]),
        # where: the place where something happened, not one the sentence only mentions
        ("where did Hamas stay away from the talks?", GAZA, ["qatar"]),
        # "is there any news on ...?" asks for the latest, and a plea after it is no question
        ("Is there any news on the truce? Please tell me there is hope.", GAZA, ["approved"]),
        ("in a sentence, where the truce stands at the moment", GAZA, ["approved", "took effect"]),
    ],
)
def test_readings_of_fresh_40_and_41(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_a_countrys_own_doing_stays_on_the_story_under_discussion(talking: Answerer) -> None:
    _answers_last(
        talking,
        ["which deal was being discussed in Qatar?", "and what was fuelling Washington's impatience?"],
        GAZA,
        ["wider conflict", "iranian reprisal", "retaliation"],
        "c",
    )


def test_unease_is_a_fear(talking: Answerer) -> None:
    # a guard: "uneasy" is a concept word now; "apprehensive" was understood before through the stem
    _answers(talking, "what makes Washington uneasy about Gaza?", GAZA, ["wider conflict"])


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        ("¿Cuántas horas tiene Hamás para devolver a los rehenes?", GAZA, ["72 hours"]),
        ("¿Dónde trabajaron los equipos de rescate?", UKRAINE, ["prikarpattia"]),
        ("¿Cuántos primeros ministros ha perdido Francia?", FRANCE, ["five"]),
    ],
)
def test_questions_in_spanish(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    "question",
    [
        "any word on Washington's curbs on chip exports to Beijing?",
        "are there new American bans on chips headed for China?",
        "have Ukrainian drone attacks set Russian oil depots alight?",
    ],
)
def test_another_country_doing_what_the_story_tells_is_declined(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


@pytest.mark.parametrize(
    ("question", "story"),
    [
        ("is Beijing's ban on rare earth exports still on?", CHINA),
        ("any news on the Chinese curbs?", CHINA),
        ("after the Ukraine strikes, where did crews work?", UKRAINE),  # strikes on Ukraine
        ("Ukraine power grid attacks", UKRAINE),
    ],
)
def test_the_storys_own_actor_or_victim_keeps_the_story(talking: Answerer, question: str, story: str) -> None:
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == story


def test_the_exact_number_of_what_the_story_only_calls_some(talking: Answerer) -> None:
    _answers(talking, "what is the precise number of prisoners Israel will free?", GAZA, ["doesn't say"])


def test_how_fast_is_answered_by_the_deadlines(talking: Answerer) -> None:
    question = "under the truce, how fast does each party have to act?"
    _answers(talking, question, GAZA, ["24 hours"])
    assert "doesn't say" not in (talking.ask(question).text or "")


@pytest.mark.parametrize(
    "question",
    ["did the us limit what chipmakers can sell to china?", "has Washington banned chip sales to Beijing?"],
)
def test_another_country_as_the_subject_of_the_action_is_declined(talking: Answerer, question: str) -> None:
    assert talking.ask(question).story is None


def test_a_place_hit_is_no_attacker(talking: Answerer) -> None:
    answer = talking.ask("was Ternopil hit in the December strikes?")
    assert answer.story is not None and answer.story.id == UKRAINE


def test_where_prefers_the_place_after_in_the(talking: Answerer) -> None:
    _answers(talking, "where were consumers left without power after the barrage?", UKRAINE, ["ternopil"])


def test_military_shorthand_for_a_summary_names_no_topic(talking: Answerer) -> None:
    _answers_last(
        talking,
        ["is Beijing curbing exports of critical minerals?", "which industries does that hurt? BLUF"],
        CHINA,
        ["semiconductors"],
        "c",
    )


def test_who_did_it_when_only_a_headline_uses_the_verb(talking: Answerer) -> None:
    # "skips" is in a headline only; the sentences say "boycotted", "refused", "stayed away"
    _answers(talking, "who skipped the Qatar round?", GAZA, ["hamas"])


@pytest.mark.parametrize(
    "question",
    [
        "why has Beijing clamped down on mineral exports?",
        "what prompted China to restrict rare earths?",
        "why did Russia go after Ukraine's power stations?",
    ],
)
def test_why_someone_acted_is_no_question_of_what_is_at_stake(talking: Answerer, question: str) -> None:
    # The records say why the curbs matter ("vital for ...") and what the strikes led to, never why
    # China or Russia acted: a motive question gets a plain "doesn't say".
    answer = talking.ask(question)
    assert answer.story is not None and answer.direct is False, answer
    assert (answer.text or "").startswith("The story doesn't say"), answer.text


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        ("why do the curbs worry chipmakers?", CHINA, ["semiconductors", "vital"]),
        ("why did Hamas stay out of the Qatar round?", GAZA, ["protest", "border"]),
        ("why is Macron hunting for a new head of government again?", FRANCE, ["toppled", "free fall"]),
        ("why were rescuers busy in Prikarpattia?", UKRAINE, ["after the strikes", "attack"]),
    ],
)
def test_a_motive_or_a_stake_the_story_gives_is_still_an_answer(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)
    assert talking.ask(question).direct


@pytest.mark.parametrize(
    "question",
    [
        "how has the US responded to Beijing's mineral curbs?",
        "did the us strike back at china over the rare earth limits",
        "How Washington answer to this Chinese ban?",
    ],
)
def test_a_reaction_the_story_never_reports_is_not_said(talking: Answerer, question: str) -> None:
    _answers(talking, question, CHINA, ["doesn't say"])


def test_hit_back_yet_asks_whether_it_has_happened(talking: Answerer) -> None:
    _answers(talking, "has Tehran hit back yet?", GAZA, ["weighing"])


def test_the_name_asked_is_of_the_role_before_the_clause(talking: Answerer) -> None:
    # the president in the clause only appoints: the prime minister's name is what is asked
    question = "what's the name of the prime minister President Macron has just put in?"
    _answers(talking, question, FRANCE, ["doesn't say"])
    question = "tell me the name of the analyst who expects the next premier to last"
    _answers(talking, question, FRANCE, ["rahman"])


def test_a_party_asked_after_a_preposition_is_no_request_for_news(talking: Answerer) -> None:
    _answers(talking, "from which party does France's newest premier come?", FRANCE, ["doesn't say"])


def test_an_affiliation_asked_in_a_conversation_names_the_employer(talking: Answerer) -> None:
    turns = [
        "who thinks the next French PM could stick?",
        "and which outfit is that expert affiliated with, as far as the report goes?",
    ]
    _answers_last(talking, turns, FRANCE, ["eurasia group"], "c")


def test_injuries_asked_after_a_count_are_not_said(talking: Answerer) -> None:
    _answers(
        talking,
        "were any civilians hurt in the missile barrage on Ukraine? how many?",
        UKRAINE,
        ["doesn't say"],
    )


def test_a_trailing_fragment_does_not_pull_a_message_to_another_story(talking: Answerer) -> None:
    answer = talking.ask("were lots of people hurt in those strikes on the grid... any killed...")
    assert answer.story is not None and answer.story.id == UKRAINE, answer


def test_a_score_to_settle_is_retaliation(talking: Answerer) -> None:
    _answers(talking, "why does Tehran have a score to settle with Israel?", GAZA, ["assassination"])


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # chat that trails off in ellipses asks its question without a question mark
        (
            "i had the radio on all morning... something about china and metals... how much of the "
            "supply do they hold... my memory is not what it was...",
            CHINA,
            ["70%"],
        ),
        ("any update on the french government... my neighbour brought it up...", FRANCE, ["macron"]),
        # the question proper comes after "i never understood" or "walk me through"
        (
            "there was a lot on the news last summer about qatar and some official killed in tehran "
            "and i never understood what washington was so worried about, can you tell me",
            GAZA,
            ["wider conflict"],
        ),
        # words after the question proper count less ("the one everyone kept talking about")
        (
            "did Israel ever sign off on the truce... the one everyone kept talking about...",
            GAZA,
            ["approved"],
        ),
        # a yes-or-no question about a verb is answered by the sentence with that verb
        ("did the Israeli army withdraw from Khan Younis?", GAZA, ["withdrew"]),
        # a guess after "why" is part of the question
        ("why did Hamas stay away from the Qatar meeting? was it over the Egypt border?", GAZA, ["border"]),
        # what someone gets out of a deal is what they gain, no pulling out
        ("what do the Palestinians get out of the framework?", GAZA, ["palestinian prisoners"]),
        ("what percantage of the rare earths does Beijing hold?", CHINA, ["70%"]),
        ("why did the french premiers get booted?", FRANCE, ["doesn't say"]),
    ],
)
def test_rambling_chat_and_idioms_find_the_question(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_a_place_inside_an_organisations_name_is_no_topic(talking: Answerer) -> None:
    assert talking.ask("is it going to rain in new york this weekend?").story is None
    # ... nor a follow-up in a conversation about that story
    talking.ask("is the Gaza truce holding?", "c")
    assert talking.ask("what is the weather like in New York?", "c").story is None
    _answers(talking, "what did the New York Times report?", GAZA, ["new york times"])


@pytest.mark.parametrize(
    "question",
    ["is there really a truce in Gaza now?", "is the Gaza truce holding up?", "is the cease-fire still on?"],
)
def test_whether_a_truce_is_in_effect_is_answered_by_it_taking_effect(
    talking: Answerer, question: str
) -> None:
    _answers(talking, question, GAZA, ["took effect"])
    assert talking.ask(question).direct


def test_the_publisher_of_a_figure_is_the_records_source(talking: Answerer) -> None:
    turns = ["what share of the world's rare earths does China hold?", "which outlet is that number from?"]
    _answers_last(talking, turns, CHINA, ["gzero media"], "c")


def test_a_duration_asked_with_words_of_time_is_answered(talking: Answerer) -> None:
    question = "over how many years has France's string of toppled premiers stretched?"
    _answers(talking, question, FRANCE, ["two years"])


def test_does_that_hold_up_checks_the_claim_before_it(talking: Answerer) -> None:
    turns = [
        "did Hamas stay away from the Qatar talks in August 2024?",
        "my notes say it was partly over Israel keeping the Egypt border. does that hold up?",
    ]
    _answers_last(talking, turns, GAZA, ["border with egypt", "keep control"], "c")


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # Dutch question words and news words, as chat mixes them in
        ("Oekraine stroom, wanneer?", UKRAINE, ["13 december 2024"]),
        ("regering Frankrijk, nieuws?", FRANCE, ["macron"]),
        # "where ... to?" is answered by a place given by what it is
        ("where must the Israeli army fall back to under the deal?", GAZA, ["agreed perimeter"]),
        # an alternative that only belittles is not the question
        ("has the truce really taken effect, or is it just on paper?", GAZA, ["took effect"]),
        # "which X" is answered by an example of X ("among them ...")
        ("Hamas objected to which Israeli proposal?", GAZA, ["border with egypt"]),
        (
            "what exactly brought the French governments down? was it budgets, scandals, votes?",
            FRANCE,
            ["doesn't say"],
        ),
        ("name of the incoming French premier?", FRANCE, ["doesn't say"]),
        ("Which rare earths exactly? Name names, which metals?", CHINA, ["doesn't say"]),
    ],
)
def test_dutch_destinations_examples_and_belittling_alternatives(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_the_question_proper_keeps_a_conversation_on_its_story(talking: Answerer) -> None:
    turns = [
        "which regions did the December missile strikes hit?",
        "and who reported the power cuts? I like to know who's doing the talking.",
        "how many people ended up sitting in the dark?",
    ]
    for question in turns[:-1]:
        answer = talking.ask(question, "c")
        assert answer.story is not None and answer.story.id == UKRAINE, answer
    _answers(talking, turns[-1], UKRAINE, ["half"], "c")


def test_a_follow_up_the_last_answer_already_answers_gets_it_again(talking: Answerer) -> None:
    # "in force" is the phrase of taking effect: the last answer (the truce took effect) answers it
    turns = ["any news on the Gaza truce?", "is it in force now, or merely agreed on paper?"]
    _answers_last(talking, turns, GAZA, ["took effect"], "c")


def test_a_country_in_an_exclaimed_question_before_the_last_counts(talking: Answerer) -> None:
    assert (
        talking.ask("What about the truce between Armenia and Azerbaijan?! Still on, friends?").story is None
    )


@pytest.mark.parametrize(
    ("turns", "story", "needles"),
    [
        # "at the table" is taking part in the talks ("on the table" is what is offered)
        (
            ["why did Hamas stay out of the Qatar talks?", "so who was actually at the table?"],
            GAZA,
            ["negotiators"],
        ),
        # "and what framework was ...?" is a question of its own, not the last one asked again
        (
            ["who sat down with the mediators in Qatar?", "and what framework was on offer there?"],
            GAZA,
            ["palestinian prisoners"],
        ),
        # "who reported it?" after an update's lead: the update's own source
        (
            ["what's the latest on Ukraine's power grid?", "who reported that?"],
            UKRAINE,
            ["regional state administration"],
        ),
        (["how many people lost power in Ukraine?", "which region copped it worst?"], UKRAINE, ["ternopil"]),
        (["what's up with the french government?", "how many PMs have carked it so far?"], FRANCE, ["five"]),
        (["why are rare earths such a worry?", "what are they even for?"], CHINA, ["semiconductors"]),
    ],
)
def test_more_follow_up_readings(talking: Answerer, turns: list[str], story: str, needles: list[str]) -> None:
    _answers_last(talking, turns, story, needles, "c")


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # Scots as typed, and the French words bilingual chat keeps
        ("hoo mony prime ministers has France lost?", FRANCE, ["five"]),
        ("whaur did the Russians knock oot the leccy?", UKRAINE, ["ternopil"]),
        ("Quoi de neuf avec le gouvernement francais?", FRANCE, ["macron"]),
        ("les otages must be back by when, what is the delai?", GAZA, ["72 hours"]),
        # a dropped g on a verb we know ("bannin", "hittin")
        ("why is Iran hittin back at Israel?", GAZA, ["assassination"]),
        ("y did hamas skp the qatar talks", GAZA, ["protest", "border"]),
        # "what was the actual reason ...?" asks why
        ("what was the actual reason Hamas gave for staying away?", GAZA, ["protest", "border"]),
        (
            "what were the specific causes that led to the fall of the French governments?",
            FRANCE,
            ["doesn't say"],
        ),
    ],
)
def test_dialect_and_mixed_language_questions(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


def test_a_conjunction_before_the_question_word_still_asks(talking: Answerer) -> None:
    turns = [
        "did Israel approve the truce?",
        "and what day was it they signed off... i thought i heard it...",
    ]
    _answers_last(talking, turns, GAZA, ["friday"], "c")


def test_a_country_of_several_words_as_the_doer_is_declined(talking: Answerer) -> None:
    assert talking.ask("Did the United States limit chip sales to China?").story is None


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # "anyway" turns from the chatter (which names another country) to the question
        (
            "for class im covering ukraine and my friend got france which is easier, anyway what "
            "happened on 13 december and who reported the numbers?",
            UKRAINE,
            ["regional state administration", "13 december"],
        ),
        # "does the report indicate whether ...?" asks whether the story says it
        ("Does the report indicate whether Macron will call a snap election?", FRANCE, ["doesn't say"]),
        ("Has Washington answered these Chinese measures with sanctions?", CHINA, ["doesn't say"]),
    ],
)
def test_the_question_behind_the_wrapping(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # Jamaican patois, as typed
        ("wah gwaan wid di Gaza truce?", GAZA, ["took effect"]),
        ("how long Hamas have fi sen back di hostages dem?", GAZA, ["72 hours"]),
        # secret officials are the anonymous ones
        ("which paper did the secret officials talk to?", GAZA, ["new york times"]),
    ],
)
def test_patois_and_unnamed_sources(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


def test_a_span_beats_a_time_told_relative_to_another(talking: Answerer) -> None:
    # "two weeks earlier" says when, not how long: "how much time" is answered by "72 hours"
    turns = [
        "what's new on the Gaza ceasefire? it's for my newsletter.",
        "and how much time Hamas has for the captives?",
    ]
    _answers_last(talking, turns, GAZA, ["72 hours"], "c")


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # pulling out of talks is staying away; pulling out of a place is withdrawing
        ("who was it that pulled out of the Qatar meeting?", GAZA, ["hamas"]),
        ("must Israel pull out of Gaza altogether under the deal?", GAZA, ["perimeter"]),
        ("Macron is about to name yet another PM. When is the big reveal?", FRANCE, ["next day"]),
        ("is Macron done looking for a prime minister? o sigue intentando?", FRANCE, ["try again"]),
    ],
)
def test_leaving_talks_reveals_and_spanish_asides(
    talking: Answerer, question: str, story: str, needles: list[str]
) -> None:
    _answers(talking, question, story, needles)


@pytest.mark.parametrize(
    ("question", "story", "needles"),
    [
        # Tagalog question words and news words, as Taglish chat asks whole questions in them
        ("ilang PM na ang napatalsik sa France?", FRANCE, ["five"]),
        ("bakit nawalan ng kuryente ang Ternopil?", UKRAINE, ["attack"]),
        # "who's the guy saying ...?" asks who says so
        ("who's the expert saying Macron's choice could last?", FRANCE, ["rahman"]),
        # relocating troops is withdrawing them
        ("where do Israel's troops have to relocate to under the deal?", GAZA, ["agreed perimeter"]),
    ],
)
def test_taglish_and_sayers(talking: Answerer, question: str, story: str, needles: list[str]) -> None:
    _answers(talking, question, story, needles)


def test_eagerness_for_a_deal_is_the_hope_to_land_one(talking: Answerer) -> None:
    turns = ["why did Hamas skip the Qatar round?", "why was Washington in such a rush to seal a deal then?"]
    _answers_last(talking, turns, GAZA, ["iran's expected retaliation", "wider conflict"], "c")


@pytest.mark.parametrize(
    "question",
    ["is there a truce in place between the two sides now?", "is there finally a cease-fire in Gaza?"],
)
def test_whether_a_thing_exists_now_is_told_by_the_newest_update_that_has_it(
    talking: Answerer, question: str
) -> None:
    # An older sentence calling for a cease-fire names one as well, but doesn't say there is one.
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == GAZA and answer.direct is True
    assert "took effect" in answer.text and "calls for" not in answer.text


def test_the_day_of_the_week_asked_is_told_by_the_sentence_naming_it(talking: Answerer) -> None:
    # the summary names the month of the talks better, but no weekday
    answer = talking.ask("what weekday did the Qatar talks of August 2024 fall on?")
    assert answer.story is not None and answer.story.id == GAZA
    assert "Thursday" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "who is that Rahman fellow, the one with views on whom Macron will pick?",
        "who's Rahman, the guy with a view on Macron's next pick?",
    ],
)
def test_who_a_named_person_is_is_no_role_the_rest_of_the_question_mentions(
    talking: Answerer, question: str
) -> None:
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == FRANCE and answer.direct is True
    assert "Eurasia Group" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "why did the homes around Ternopil lose their electric?",
        "what's the reason half of Ternopil went dark?",
    ],
)
def test_why_the_power_went_is_the_attack_not_the_rescue_work_after_it(
    talking: Answerer, question: str
) -> None:
    # "crews worked after the strikes" is a reason only for the crews being there
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == UKRAINE
    assert "missile attack" in answer.text and "Emergency crews" not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "could you kindly explain what Beijing has done about the metals that end up in phones?",
        "what have the Chinese done about minerals for chips?",
        "so what has china done about the stuff that goes into chips?",
    ],
)
def test_what_a_country_has_done_is_a_sentence_of_it_acting(talking: Answerer, question: str) -> None:
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == CHINA
    assert answer.text.startswith("China has")


@pytest.mark.parametrize(
    "question",
    [
        "so what has Washington done back over China's mineral curbs?",
        "what's Trump doing back about the rare earth curbs?",
    ],
)
def test_what_someone_did_back_is_their_reaction_which_the_story_doesnt_tell(
    talking: Answerer, question: str
) -> None:
    assert_doesnt_say(talking, question, CHINA)


def test_what_iran_did_back_is_what_it_is_still_weighing(talking: Answerer) -> None:
    answer = talking.ask("what has Iran done back since the assassination in Tehran?")
    assert "weighing its options" in answer.text


def test_when_a_truce_came_into_effect_is_when_it_took_effect(talking: Answerer) -> None:
    answer = talking.ask("so when did the Gaza truce actually come into effect?")
    assert answer.direct is True and "Friday morning" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "what's the situation with the French government these days?",
        "how are things with the French government?",
    ],
)
def test_a_word_the_story_is_known_by_is_its_topic_though_no_sentence_spells_it(
    talking: Answerer, question: str
) -> None:
    # "government" is in the story's title and keywords, not in a sentence of it
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == FRANCE and answer.direct is True


def test_what_is_asked_beside_the_storys_own_topic_words_decides_whether_it_says(talking: Answerer) -> None:
    # "political crisis" names the story; snap elections are what is asked, and it never mentions them
    assert_doesnt_say(
        talking, "Is Macron going to call snap legislative elections over the political crisis?", FRANCE
    )


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        ("did Hamas show up at the peace talks in Qatar?", GAZA, "refused"),
        ("has Macron already found his new prime minister?", FRANCE, "next day"),
        ("is it accurate that Israel approved the deal?", GAZA, "approved"),
    ],
)
def test_a_light_verb_or_a_request_to_confirm_is_no_thing_asked(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == story and answer.direct is True
    assert expected in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "is the ceasefire sorted now?",
        "is the truce actually in place?",
        "so is the war done now, is the truce holding?",
    ],
)
def test_how_a_thing_stands_now_is_the_newest_update_holding_it(talking: Answerer, question: str) -> None:
    _answers(talking, question, GAZA, ["officially took effect"])


def test_he_s_is_he_is_and_a_statement_put_as_a_question_asks_whether_it_holds() -> None:
    assert read_question("so he's picking another PM tomorrow, ja?").kind == "yes-no"
    assert read_question("she's gone?").tokens == ("she", "is", "gone")


@pytest.mark.parametrize(
    "question",
    ["israel n hamas finally squashed it or nah", "have israel and hamas finally made peace?"],
)
def test_what_has_finally_come_about_is_the_newest_update_telling_it(
    talking: Answerer, question: str
) -> None:
    _answers(talking, question, GAZA, ["officially took effect"])
    # ... while what may still be to come is answered as pending
    _answers(talking, "has iran retaliated yet?", GAZA, ["still weighing"])


def test_anger_at_someone_is_a_grievance_the_story_gives(talking: Answerer) -> None:
    _answers(talking, "why iran even mad at israel", GAZA, ["assassination"])
    _answers(talking, "why was hamas so angry with israel?", GAZA, ["in protest at"])


def test_whether_someone_has_to_do_something_is_answered_by_the_deal_s_terms(talking: Answerer) -> None:
    # what the deal obliges, not a scene of forces having withdrawn
    _answers(talking, "do the israeli soldiers have to leave gaza under the new deal?", GAZA, ["24 hours"])
    # ... while whether they did is still the scene
    _answers(talking, "did israeli forces withdraw from khan younis?", GAZA, ["khan younis"])


def test_what_it_has_done_asks_the_deeds_of_the_country_the_message_names(talking: Answerer) -> None:
    question = "I hear Beijing has curtailed sales of the minerals used in chips. What precisely has it done?"
    _answers(talking, question, CHINA, ["limits on exports", "restrictions on exports"])


def test_a_name_asked_with_its_possessive_typed_without_an_apostrophe() -> None:
    assert read_question("whats the new fellas name then").asks_names
    assert read_question("whats the analysts name").asks_names
    assert not read_question("what is the ternopil region name?").asks_names  # a place's name: where


@pytest.mark.parametrize(
    "question",
    [
        "who is the likely nominee?",
        "has the identity of the likely nominee been reported?",
        "whats the new PM's name?",
    ],
)
def test_the_one_to_be_picked_is_someone_the_story_does_not_name(talking: Answerer, question: str) -> None:
    talking.ask("what's going on with the french government?", "nominee-chat")
    answer = talking.ask(question, "nominee-chat")
    assert answer.story is not None and answer.story.id == FRANCE
    assert answer.direct is False and "doesn't say" in answer.text


def test_whether_a_country_has_reacted_yet_is_that_it_is_still_weighing(talking: Answerer) -> None:
    # the one reacting counts, not the one killed: Iran is still weighing its options
    _answers(
        talking,
        "Has Iran already reacted to the killing of the Hamas official in Tehran?",
        GAZA,
        ["still weighing"],
    )


def test_how_it_turned_out_is_answered_where_the_story_tells_it(talking: Answerer) -> None:
    _answers(talking, "Did Israel actually approve the ceasefire deal in the end?", GAZA, ["israel approved"])
    # ... and where it tells only what is pending, the story doesn't say
    answer = talking.ask("did iran end up hitting back?")
    assert answer.direct is False and "still weighing" in answer.text


def test_his_assessment_of_the_upcoming_appointment_is_the_analyst_s_view(talking: Answerer) -> None:
    # "upcoming" is the next one, as the story says it: no word the story lacks
    talking.ask("who is the analyst commenting on whether the next french PM will last?", "view-chat")
    _answers(
        talking, "What is his assessment of the upcoming appointment?", FRANCE, ["finally stick"], "view-chat"
    )
