"""Reading a question: the kind of answer it wants, its topic words, and chat register undone."""

from __future__ import annotations

import pytest

from bot.core.question import (
    DURATION,
    LATEST,
    QUANTITY,
    SOURCE,
    WHAT,
    WHEN,
    WHERE,
    WHO,
    WHY,
    YESNO,
    noun_phrase,
    read_question,
)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("who brokered the talks?", WHO),
        ("Which minister resigned first?", WHO),
        ("according to whom is the campaign over?", SOURCE),
        ("who put out those numbers?", SOURCE),
        ("where did the strikes land?", WHERE),
        ("in which province were crews sent?", WHERE),
        ("when was the deal signed?", WHEN),
        ("what day did it happen?", WHEN),
        ("how long will the truce last?", DURATION),
        ("over what stretch did this happen?", DURATION),
        ("how many ministers quit?", QUANTITY),
        ("what share of the market is theirs?", QUANTITY),
        ("how severe was the damage?", QUANTITY),
        ("why are carmakers worried?", WHY),
        ("what was the reason for the boycott?", WHY),
        ("so what, why does it matter", WHY),
        ("did the army pull back?", YESNO),
        ("is the truce holding?", YESNO),
        ("any news on the grid?", LATEST),
        ("what's the latest with the minerals story", LATEST),
        ("what is China restricting?", WHAT),
    ],
)
def test_kind_of_answer(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


def test_the_last_question_of_a_rambling_message_decides() -> None:
    text = (
        "My neighbour was telling me when she got home about the blackout. "
        "She was not sure about the details. Who reported how many homes lost power?"
    )
    assert read_question(text).kind == SOURCE


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hwo many hours", ("how", "many", "hours")),  # a typo of a question word, at the start
        ("how mant hours", ("how", "many", "hours")),  # ... and after "how"
        ("how bad was it", ("how", "bad", "was", "it")),  # a real word is left alone
        ("whats new", ("what", "is", "new")),  # a contraction written without its apostrophe
    ],
)
def test_typos_of_question_words_only_where_a_question_word_belongs(question: str, expected: tuple) -> None:
    assert read_question(question).tokens == expected


def test_its_after_a_verb_of_leaving_is_the_possessive() -> None:
    # chat writes "its" for "it's", but "goods leaving its ports" are the country's own
    assert read_question("what is barred from leaving its ports?").tokens[-2:] == ("its", "ports")


def test_a_formal_request_to_be_told_asks_what_follows() -> None:
    read = read_question("Kindly inform me which region lost power.")
    assert read.kind == WHERE and not {"kindly", "inform"} & set(read.topic)


def test_filler_and_slang_are_not_topic() -> None:
    read = read_question("ngl tbh bruh what is going on with the grid lol")
    assert "grid" in read.topic
    assert not {"ngl", "tbh", "bruh", "lol"} & set(read.topic)


def test_a_switch_of_subject_is_not_topic() -> None:
    read = read_question("ok different subject: what is Beijing restricting?")
    assert read.switches
    assert "subject" not in read.topic and "different" not in read.topic


def test_elliptical_follow_up() -> None:
    assert read_question("and the other side?").elliptical
    assert not read_question("and did the army pull back to the line?").elliptical


def test_percent_sign_is_a_word() -> None:
    read = read_question("what % of supply do they hold")
    assert read.kind == QUANTITY


@pytest.mark.parametrize(
    ("run", "noun"),
    [
        (("people", "died"), ("people",)),
        (("french", "prime", "ministers"), ("french", "prime", "ministers")),
        (("households", "lost", "power"), ("households",)),
    ],
)
def test_the_counted_noun_stops_at_its_verb(run: tuple, noun: tuple) -> None:
    assert noun_phrase(run) == noun


def test_countries_are_read_from_names_adjectives_and_capitals() -> None:
    assert read_question("is the Italian premier staying?").countries == {"italy"}
    assert read_question("news from Warsaw").countries == {"poland"}
    assert read_question("did the US react?").countries == {"united states"}
    assert read_question("tell us more").countries == frozenset()  # "us" the pronoun


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("What did Marine Le Pen say about the appointment?", (("marine", "le", "pen"),)),
        ("Did Benjamin Netanyahu sign it?", (("benjamin", "netanyahu"),)),
        # countries, regions, title-cased questions and lower-case chat name no one
        ("Who is the new French Prime Minister?", ()),
        ("what's the Middle East angle here?", ()),
        ("What Did He Say", ()),
        ("did marine le pen say anything", ()),
    ],
)
def test_capitalised_runs_inside_a_sentence_are_names(question: str, names: tuple) -> None:
    assert read_question(question).names == names


def test_seats_of_government_stand_for_their_country() -> None:
    assert read_question("what did the Kremlin say about the grid?").countries == {"russia"}
    assert read_question("is the Élysée's next pick going to last?").countries == {"france"}


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("beijing's grip on minerals gonna tighten more or nah", YESNO),  # chat "or nah" still asks yes or no
        ("the truce holding or not?", YESNO),
        ("any stats on that?", QUANTITY),
        ("what lies behind the boycott?", WHY),
        # a bare request after a question of a clear kind asks that question again
        ("Why is Beijing so powerful in this market? What's the proof?", WHY),
        ("How long do the troops have? Any idea?", DURATION),
    ],
)
def test_more_kinds_of_answer(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


def test_a_dropped_letter_is_likelier_than_a_changed_one() -> None:
    assert read_question("wher are the crews working").tokens[0] == "where"  # not "when"


def test_a_body_of_state_is_not_a_person() -> None:
    assert read_question("Will the National Assembly topple him?").names == ()


def test_anything_new_on_asks_for_the_news_after_chat_is_dropped() -> None:
    assert read_question("anything new on the truce before I head out? I'm a bit worried.").kind == LATEST


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("so what are these metals even used for?", WHY),  # a purpose, which "vital for ..." gives
        ("what do chipmakers need them for", WHY),
        ("what words are used for the deal in the story?", WHAT),  # "used for" inside, not a purpose
    ],
)
def test_what_something_is_for_asks_its_purpose(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("lmaooo", "lmao"), ("sooo", "so"), ("whyyy", "why"), ("goood", "good"), ("ceasefire", "ceasefire")],
)
def test_a_letter_held_down_is_read_as_the_word(typed: str, meant: str) -> None:
    assert read_question(f"{typed} what about hamas").tokens[0] == meant


def test_stretched_chat_words_are_filler_not_topic() -> None:
    assert (
        read_question("lolll how many pms has france lost").topic
        == read_question("how many pms has france lost").topic
    )


@pytest.mark.parametrize(
    "question",
    [
        "my aunt went on and on about the middle east over lunch but my real question is where the official "
        "was killed",
        "ok so theres a lot going on what i actually want to know is where the official was killed",
    ],
)
def test_the_words_after_my_question_is_are_the_question_proper(question: str) -> None:
    read = read_question(question)
    assert read.kind == WHERE
    assert "aunt" not in read.proper and "lot" not in read.proper
    assert {"official", "killed"} <= read.proper


@pytest.mark.parametrize(
    ("question", "dropped"),
    [
        ("china cant stop restricting minerals to save its life", {"save", "life"}),
        ("is iran going to retaliate or what", {"what"}),  # and it stays a yes-or-no question
        ("chat wants to know when russia hit the grid", {"chat", "wants"}),
        ("when did russia hit the grid chat", {"chat"}),
    ],
)
def test_chat_idioms_carry_no_topic(question: str, dropped: set[str]) -> None:
    assert not dropped & set(read_question(question).topic)


def test_whats_the_deal_asks_for_the_news_and_names_no_agreement() -> None:
    read = read_question("france keeps losing premiers, whats the deal")
    assert read.kind == LATEST
    assert "deal" not in read.topic
    assert "deal" in read_question("whats the deal israel approved?").topic  # an agreement here


@pytest.mark.parametrize(
    "question",
    [
        "with which firm is she affiliated?",
        "who is he affiliated with?",
        "for what company does he work?",
    ],
)
def test_affiliation_asks_for_the_employer(question: str) -> None:
    read = read_question(question)
    assert (read.kind, read.target) == (WHO, ("employer",))


def test_how_many_is_that_counts_the_noun_said_before_it() -> None:
    read = read_question("russia keeps firing missiles at the grid, how many is that now?")
    assert (read.kind, read.unit) == (QUANTITY, ("missiles",))
    assert read_question("france burned through prime ministers how many was that").unit == (
        "prime",
        "ministers",
    )


def test_what_measures_asks_what_was_done_not_for_a_list() -> None:
    read = read_question("what measures has beijing taken?")
    assert (read.kind, read.target) == (WHAT, ())


def test_the_event_after_which_something_happened_sets_the_scene() -> None:
    read = read_question("what happened to the lights in ternopil after the rocket barrage?")
    assert read.scene == {"rocket", "barrage"}
    assert "lights" not in read.scene
    assert read_question("what happened to the lights?").scene == frozenset()


@pytest.mark.parametrize(
    "question",
    [
        "our team is nervous about magnet supplies and my boss wants a summary by friday, so kindly tell me "
        "where the rescue crews worked",
        "we go to print tonight and I have seen three versions of this, so I must be certain: where did the "
        "rescue crews work?",
    ],
)
def test_tell_me_and_a_colon_start_the_question_proper(question: str) -> None:
    read = read_question(question)
    assert read.kind == WHERE
    assert "print" not in read.proper and "boss" not in read.proper
    assert {"rescue", "crews"} <= read.proper


def test_has_anything_happened_asks_for_the_news() -> None:
    assert read_question("has anything happened with the french government lately?").kind == LATEST
    assert read_question("has anything changed in gaza?").kind == LATEST
    assert read_question("did anything happen to the hostages?").kind != LATEST


def test_a_response_feared_is_no_reaction_asked_for() -> None:
    assert read_question("how did washington respond?").reaction
    assert not read_question("why was washington afraid of an iranian response?").reaction


def test_what_the_army_has_to_do_asks_its_obligation_not_which_army() -> None:
    read = read_question("what israeli troops has to do now?")
    assert (read.kind, read.target) == (WHAT, ())
    assert read_question("what countries are mediating?").target == ("countries",)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("does the article name the new premier?", WHO),
        ("did the report mention the mediators?", WHO),
        ("does the story say when the strikes happened?", WHEN),
        ("does the piece tell us why hamas stayed away?", WHY),
    ],
)
def test_whether_the_story_says_asks_the_question_itself(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


def test_saying_back_asks_for_a_reaction_hitting_back_does_not() -> None:
    assert read_question("what did beijing say back to that?").reaction
    assert not read_question("has iran hit back yet?").reaction


def test_news_words_are_no_topic_of_a_request_for_the_news() -> None:
    read = read_question("any new updates on the macron thing?")
    assert read.kind == LATEST
    assert not {"new", "updates"} & set(read.topic)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("whit did the israelis agree tae", "what did the israelis agree to"),
        ("how come hamas didnae go", "how come hamas did not go"),
        ("is it gonnae last", "is it going to last"),
    ],
)
def test_scots_spellings_read_as_what_they_stand_for(typed: str, meant: str) -> None:
    assert read_question(typed).tokens == read_question(meant).tokens


@pytest.mark.parametrize(
    "question",
    [
        "Will the new premier last? Love, Marjorie",
        "Will the new premier last? -- M.",
        "Will the new premier last? xx",
        "Will the new premier last? Thanks, Dave",
    ],
)
def test_a_signature_after_the_question_names_no_topic(question: str) -> None:
    assert read_question(question).topic == read_question("Will the new premier last?").topic


def test_that_business_with_means_the_matter_not_a_business() -> None:
    assert "business" not in read_question("what's the latest on that business with the rare earths?").topic
    assert "business" in read_question("which business relies on rare earths?").tokens


def test_a_dropped_g_is_put_back_where_that_makes_a_known_word() -> None:
    assert (
        read_question("is there somethin new on gaza").tokens
        == read_question("is there something new on gaza").tokens
    )
    assert "cabin" in read_question("was a cabin hit").tokens  # no "cabing": left alone


def test_a_republic_is_an_institution_not_a_person() -> None:
    assert read_question("Did the Fifth Republic's premiers all fall?").names == ()


@pytest.mark.parametrize(
    "question",
    [
        "I've read plenty about French institutions, but I'm curious whether any analyst thinks the pick "
        "will last",
        "setting the theory aside, I wonder if any analyst thinks the pick will last",
    ],
)
def test_im_curious_whether_starts_the_question_proper(question: str) -> None:
    read = read_question(question)
    assert "institutions" not in read.proper and "theory" not in read.proper
    assert {"analyst", "pick", "last"} <= read.proper


def test_hedges_of_careful_writing_carry_no_topic() -> None:
    read = read_question("why, if at all, would restricting these minerals matter in the first place?")
    assert not {"first", "place"} & set(read.topic)


@pytest.mark.parametrize(
    "question", ["what were they supposed to be negotiating over?", "what was the summit about?"]
)
def test_what_the_talks_were_about_asks_their_terms(question: str) -> None:
    assert read_question(question).asks_terms


def test_a_statement_with_its_subject_dropped_is_no_question() -> None:
    read = read_question("Any news on the hostages, love? Didn't catch the radio today.")
    assert read.kind == LATEST
    assert "love" not in read.topic


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("quand did russia hit the grid?", WHEN),
        ("combien of people lost power?", QUANTITY),
        ("qui approved it?", WHO),
    ],
)
def test_french_and_spanish_question_words_in_english_chat(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


@pytest.mark.parametrize(
    "question",
    [
        "what is the name of the person the president is expected to appoint?",
        "who's the guy he's naming as premier?",
    ],
)
def test_the_person_to_be_appointed_is_the_nominee(question: str) -> None:
    assert "nominee" in read_question(question).tokens


@pytest.mark.parametrize(
    ("question", "reaction"),
    [
        ("what did washington do about it?", True),
        ("what has the us done about that?", True),
        ("what is macron doing about it?", False),  # his plan
    ],
)
def test_what_someone_did_about_it_is_a_reaction_what_they_are_doing_a_plan(
    question: str, reaction: bool
) -> None:
    assert read_question(question).reaction is reaction


@pytest.mark.parametrize(
    ("question", "own_clause"),
    [
        ("and the photo, where was it taken?", True),  # a question of its own after "and ..."
        ("and the rescue crews?", False),  # the last question, asked of someone else
        ("and hamas? what is their side of it", False),  # "what is their side": still the same ask
    ],
)
def test_and_with_a_question_of_its_own_is_no_ellipsis(question: str, own_clause: bool) -> None:
    assert read_question(question).elliptical is not own_clause


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("what happend next", "happened"),
        ("whats the situaton", "situation"),
        ("any informaton", "information"),
    ],
)
def test_long_words_that_name_no_topic_are_read_through_a_typo(typed: str, meant: str) -> None:
    assert meant in read_question(typed).tokens


@pytest.mark.parametrize("word", ["leaning", "retail", "started"])
def test_a_changed_letter_or_a_short_word_is_no_typo_of_a_generic_word(word: str) -> None:
    assert word in read_question(f"was there any {word} going on").tokens


def test_the_last_ones_are_the_earlier_ones_not_a_wish_that_they_last() -> None:
    assert "last" not in read_question("what happened to the last ones").tokens
    assert "last" in read_question("will the new one last?").tokens
    assert "last" in read_question("how many quit in the last couple of years?").tokens


@pytest.mark.parametrize(
    "question",
    [
        "no cap is the truce gonna hold",
        "is the truce gonna hold, deadass",
        "which sectors, i.e. industries, suffer",
    ],
)
def test_chat_asides_name_no_topic(question: str) -> None:
    topic = read_question(question).topic
    assert not {"cap", "deadass", "e", "i"} & set(topic), topic


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what's the ETA on getting the lights back?", WHEN),
        ("Who put out this figure? The regional authorities?", SOURCE),  # the guess asks the question
        ("quem aprovou o acordo?", WHO),
        ("onde foi a reunião?", WHERE),
    ],
)
def test_more_kinds_read_through_chat_and_portuguese(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


@pytest.mark.parametrize(
    "question",
    ["which consultancy is she at?", "what shop is he with?", "which research outfit employs the analyst?"],
)
def test_the_firm_a_person_works_for_is_an_employer(question: str) -> None:
    read = read_question(question)
    assert (read.kind, read.target) == (WHO, ("employer",))


@pytest.mark.parametrize(("question", "kind"), [("who said yes to the deal?", WHO), ("who said so?", SOURCE)])
def test_saying_yes_is_agreeing_not_reporting(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("is there any news about the grid?", LATEST),
        ("has there been anything new on France?", LATEST),
        ("is there new fighting in the north?", YESNO),  # new fighting, not news
        ("where the talks stand now, in a line", LATEST),
        ("where does Macron stand on it?", WHERE),  # not the news: his view (read as where, as before)
        ("what was driving the rush to a deal?", WHY),
    ],
)
def test_news_asked_with_is_there_and_where_things_stand(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


@pytest.mark.parametrize(
    ("question", "kind", "words"),
    [
        ("¿Por qué Rusia atacó la red eléctrica?", WHY, {"why"}),
        ("¿Cuántos ministros han caído?", QUANTITY, {"ministers", "fallen"}),
        ("¿Cómo se llama el primer ministro?", WHO, {"prime", "minister"}),
        ("¿Cuándo fue el ataque?", WHEN, {"attack"}),
        ("is the cessar-fogo holding?", YESNO, {"ceasefire"}),
    ],
)
def test_spanish_and_portuguese_questions_are_read_in_english(
    question: str, kind: str, words: set[str]
) -> None:
    read = read_question(question)
    assert read.kind == kind and words <= set(read.tokens), read


def test_accents_are_folded_as_the_english_stories_spell_names() -> None:
    assert "israeli" in read_question("¿qué hizo el ejército israelí?").tokens


@pytest.mark.parametrize(
    ("question", "kind", "not_topic"),
    [
        ("how fast do the troops have to leave?", DURATION, "fast"),
        ("what's new with the French government, innit?", LATEST, "innit"),
    ],
)
def test_words_that_shape_the_question_are_no_topic(question: str, kind: str, not_topic: str) -> None:
    read = read_question(question)
    assert read.kind == kind and not_topic not in read.search, read


def test_the_precise_number_asks_how_many() -> None:
    assert read_question("what is the precise number of prisoners to be let go?").kind == QUANTITY


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("what were their names?", True),
        ("name the analyst", True),
        ("name of the man they killed?", True),
        ("when will he name the next one?", False),
        ("name the date the deal took effect", False),
    ],
)
def test_a_question_asks_for_names(question: str, names: bool) -> None:
    assert read_question(question).asks_names is names


def test_a_quoted_phrase_inside_a_question_is_part_of_it() -> None:
    from bot.core.question import quoted_question

    assert quoted_question("what does 'free fall' mean here?") == "what does 'free fall' mean here?"
    assert quoted_question("a listener asks: 'is the deal holding up'") == "is the deal holding up"


@pytest.mark.parametrize(
    ("request_", "kind"),
    [
        ("Please indicate the source of that figure.", "source"),
        ("Kindly state when the truce took effect.", "when"),
    ],
)
def test_a_formal_request_is_read_as_its_question(request_: str, kind: str) -> None:
    assert read_question(request_).kind == kind


def test_countries_a_text_has_acting_and_placed() -> None:
    from bot.core.geography import countries_acting_in, countries_placed_in

    text = "Washington fears a reprisal, and envoys met in Qatar."
    assert countries_acting_in(text) == {"united states"}
    assert countries_placed_in(text) == {"qatar"}


@pytest.mark.parametrize(
    ("message", "proper", "scene"),
    [
        ("Now that the Gaza truce is signed, what are the time limits?", "limits", "signed"),
        (
            "China is tightening its grip on mineral exports - which industries need them?",
            "industries",
            "grip",
        ),
    ],
)
def test_a_scene_set_before_the_question_word_is_no_part_of_the_question(
    message: str, proper: str, scene: str
) -> None:
    read = read_question(message)
    assert proper in read.proper and scene not in read.proper and scene in read.tokens


@pytest.mark.parametrize(
    "message",
    [
        "Why did Beijing bring in these curbs on minerals - what's their excuse?",  # a question first
        "Name the city the photo of the two presidents was taken in - which building?",  # a request
        "RE curbs story pic - who's the photog?",  # a topic, no statement
    ],
)
def test_what_comes_before_a_dash_stays_in_the_question_unless_it_is_a_statement(message: str) -> None:
    first = message.split()[0].lower()
    assert first in read_question(message).proper


def test_the_countries_of_a_scene_are_the_question_s() -> None:
    read = read_question("Wales has been debating its own budget lately - what is going on with the Senedd?")
    assert "wales" not in read.proper and read.countries


def test_clipped_have_in_quick_chat_is_have() -> None:
    assert "have" in read_question("wat did hamas hav to do under the truce").tokens


@pytest.mark.parametrize("opening", ["what happened to", "what became of", "what has become of"])
def test_the_event_something_happened_after_sets_the_scene(opening: str) -> None:
    read = read_question(f"{opening} the power in Ternopil after the missile strikes?")
    assert read.scene == frozenset({"missile", "strikes"})


def test_a_deed_describing_the_deal_only_sets_the_scene() -> None:
    read = read_question("what is Hamas required to do under the deal it signed?")
    assert read.scene == frozenset({"signed"}) and read.asks_terms


def test_a_statement_before_a_comma_sets_the_scene_of_the_question_after_it() -> None:
    read = read_question(
        "Russia sent a wave of missiles at Ukraine's power plants, which regions had crews out?"
    )
    assert "regions" in read.proper and "missiles" not in read.proper
    assert "missiles" in read.scene and "missiles" not in read.preamble


def test_a_comma_after_a_question_keeps_the_question_whole() -> None:
    read = read_question("and but why is everyone calling it a free fall, what's the evidence?")
    assert "why" in read.proper


@pytest.mark.parametrize("message", ["how cooked is Ternopil?", "how hard was Ternopil hit?"])
def test_chat_for_how_badly_is_how_badly(message: str) -> None:
    assert "badly" in read_question(message).tokens


def test_emphasis_after_the_question_is_no_part_of_it() -> None:
    read = read_question("Reprisal for what, exactly?")
    assert read.kind == WHY and read.for_what


def test_what_the_answer_should_not_be_is_no_question() -> None:
    read = read_question("how long did all that take? and please don't say 'a while'")
    assert read.kind == DURATION


@pytest.mark.parametrize(
    ("message", "plan"),
    [
        ("so what's Macron's grand plan now?", True),
        ("what is the president's plan?", True),
        ("what was the plan they discussed in Qatar?", False),
    ],
)
def test_someone_s_plan_asks_what_they_will_do(message: str, plan: bool) -> None:
    assert read_question(message).asks_plan is plan


def test_a_request_to_reply_after_a_request_to_explain_leaves_the_explaining_asked() -> None:
    read = read_question("Kindly explain what each side must do under the deal. Do the needful and revert.")
    assert "explain" in read.proper and "needful" not in read.proper


@pytest.mark.parametrize(
    ("message", "kind", "target"),
    [
        ("wich regon lost power?", WHERE, "region"),
        ("which contry has most of the supply?", WHERE, "country"),
        ("which party is the new prime minister from?", WHO, "party"),  # a class word as it is
    ],
)
def test_a_class_of_answer_typed_with_a_typo_is_that_class(message: str, kind: str, target: str) -> None:
    read = read_question(message)
    assert read.kind == kind and read.target[-1] == target


def test_the_date_on_an_item_is_the_report_s_date() -> None:
    read = read_question("what's the date on the Ukraine grid item?")
    assert read.kind == WHEN and read.about_report


def test_any_more_in_short_after_a_question_asks_it_again() -> None:
    read = read_question("How many people died in the strikes? Any official figures?")
    assert "died" in read.proper and "figures" in read.proper


@pytest.mark.parametrize(
    ("message", "for_what"),
    [
        ("what was Iran retaliating for?", "retaliating"),
        ("and what exactly were they protesting for?", "protesting"),
    ],
)
def test_what_a_reprisal_is_for_asks_why(message: str, for_what: str) -> None:
    read = read_question(message)
    assert read.kind == WHY and read.for_what == for_what


@pytest.mark.parametrize("message", ["what's that even for?", "what are rare earths used for in industry?"])
def test_what_something_is_for_asks_its_use(message: str) -> None:
    assert read_question(message).kind == WHY


def test_thus_far_is_no_topic() -> None:
    assert "thus" not in read_question("how many premiers has he lost thus far?").topic


@pytest.mark.parametrize("message", ["which regoin lost power?", "which reigon had rescue work?"])
def test_a_class_word_with_two_letters_swapped_is_that_class(message: str) -> None:
    read = read_question(message)
    assert read.kind == WHERE and read.target[-1] == "region"


def test_a_question_spelt_out_before_a_closing_remark_is_read_with_it() -> None:
    read = read_question(
        "My team lead brought up the Gaza truce at standup and I was lost. What does each side have "
        "to do under the agreement? Like time limits or so? Need to sound informed at the retro later."
    )
    assert {"side", "agreement", "limits"} <= read.proper


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what did the two sides agree when they met?", "what"),
        ("what was the date when they met?", "when"),
        ("when did they meet?", "when"),
    ],
)
def test_when_joining_a_clause_after_what_leaves_a_what_question(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("weh di truce talks was happening?", WHERE),  # Jamaican and Trinidadian creole
        ("weh di Israeli negotiators meet wid di mediators?", WHERE),
        ("kya truce sach mein shuru ho gaya?", YESNO),  # Hinglish: kya before the claim
        ("Ukraine mein bijli gayi thi kya?", YESNO),  # ... or after its verb
        ("Macron ne kya kaha?", WHAT),  # before a verb it is "what"
    ],
)
def test_creole_where_and_hinglish_yes_no(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("which part of the country lost power?", WHERE),
        ("which part of ukraine went dark?", WHERE),
        ("what part of global supply does China control?", QUANTITY),
    ],
)
def test_a_part_of_a_place_is_a_place(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


def test_ukraine_update_asked_in_roman_urdu_is_a_request_for_news() -> None:
    assert read_question("Ukraine mein kya chal raha hai ab?").kind == LATEST


@pytest.mark.parametrize(
    ("question", "kind", "guessed"),
    [
        ("who mediated the truce? was it the Egyptians?", WHO, {"egyptians"}),
        ("who fired the missiles? russia izzit?", WHO, {"russia"}),
        ("where did they meet? Doha or Cairo?", WHERE, {"doha", "cairo"}),
        ("did hamas go? was it boycotted?", YESNO, set()),  # no name offered
    ],
)
def test_names_offered_after_a_question_are_a_guess(question: str, kind: str, guessed: set[str]) -> None:
    read = read_question(question)
    assert read.kind == kind and read.guessed == guessed


def test_or_somewhere_else_asks_where_with_the_place_offered() -> None:
    read = read_question("were the talks in Doha or somewhere else?")
    assert read.kind == WHERE and "doha" in read.guessed


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Fit's new wi the French government?", LATEST),
        ("Fit did Hamas say?", WHAT),
        ("is the PM fit?", YESNO),
    ],
)
def test_doric_fit_opening_a_question_is_what(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("an hwo many died?", QUANTITY),  # "and", then a typo of the question word
        ("ok so wher did they meet?", WHERE),  # chat filler first
        ("and wen did it start?", WHEN),
    ],
)
def test_a_question_word_after_an_opening_conjunction_is_read_through_its_typo(
    question: str, kind: str
) -> None:
    assert read_question(question).kind == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("who is the person which words the story quotes?", WHO),  # "which" for "whose"
        ("where is the plant which workers fled?", WHERE),
        ("which minister resigned first?", WHO),  # opening the question, "which" still asks
    ],
)
def test_which_after_another_question_word_joins_a_clause(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


def test_a_question_after_a_conjunction_is_no_scene_for_a_later_clause() -> None:
    # "when the last ones failed" is part of the "who" question, not the question proper
    read = read_question("and who's the man saying it will work out, when the last ones failed?")
    assert read.kind in {WHO, SOURCE}


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("kenapa china block the minerals?", WHY),
        ("siapa launched the missiles?", WHO),
        ("berapa PMs fell?", QUANTITY),
        ("truce start already or belum?", YESNO),
    ],
)
def test_malay_and_indonesian_question_words(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # "when" joins a clause here, and "which" asks
        ("when the missiles hit, which towns went dark?", WHERE),
        ("does the piece name which minerals are covered?", WHAT),
    ],
)
def test_which_asks_where_no_question_was_asked_before_it(question: str, kind: str) -> None:
    read = read_question(question)
    assert read.kind == kind and read.target


def test_a_clock_time_is_no_number_of_the_story() -> None:
    assert "2" not in read_question("is it going to snow tonight? i walk the dog at 2").tokens
    assert "5" in read_question("france on its 5 PM now?").tokens  # five prime ministers, as often


def test_yet_in_a_remark_before_the_question_asks_nothing_pending() -> None:
    read = read_question("My French is not good yet, sorry. Will the new PM last longer?")
    assert not read.pending


def test_what_someone_doing_next_with_the_auxiliary_dropped_asks_their_plan() -> None:
    read = read_question("what Macron doing next?")
    assert read.asks_plan and not read.target


@pytest.mark.parametrize(
    "question", ["now that the deal is done, who pays?", "and now that it's over, who won?"]
)
def test_now_opening_a_message_is_no_typo_of_how(question: str) -> None:
    assert "now" in read_question(question).tokens


def test_creole_de_after_what_is_the() -> None:
    # Caribbean "wha de name ah de new PM?": "what is the name of the new PM?" asks who
    assert read_question("wha de name ah de Hamas leader dem kill?").kind == WHO


def test_a_remark_without_a_full_stop_after_the_question_asks_nothing() -> None:
    # "haven't seen news all wk" is a statement with its subject dropped, no yes-or-no question
    assert read_question("what's new with the truce? haven't read the papers all wk").kind == LATEST


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what exactly is the army expected to do next?", "plan"),
        ("and what exactly was their reason?", WHY),
    ],
)
def test_emphasis_between_question_word_and_verb(question: str, expected: str) -> None:
    read = read_question(question)
    assert read.asks_plan if expected == "plan" else read.kind == expected


@pytest.mark.parametrize(
    ("question", "kind", "without"),
    [
        ("russia wen fire more missiles o wat?", YESNO, "wen"),  # Hawaiian Pidgin past marker
        ("so wen did the truce begin?", WHEN, ""),  # opening a question, chat spelling of "when"
        ("who stay running france now?", WHO, "stay"),  # Pidgin "stay" + -ing is "is"
    ],
)
def test_hawaiian_pidgin_wen_and_stay(question: str, kind: str, without: str) -> None:
    read = read_question(question)
    assert read.kind == kind and (not without or without not in read.tokens)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Glasgow's "wit" opening a question is "what"; elsewhere it is chat's "with"
        ("wit wis the deal they were talkin aboot?", "what"),
        ("wit happened tae the grid?", "what"),
    ],
)
def test_glasgow_wit_opening_a_question_asks_what(question: str, expected: str) -> None:
    assert read_question(question).tokens[0] == expected


def test_a_word_of_english_is_never_a_foreign_entry_of_another_meaning() -> None:
    # the lexicon's French and Turkish words are no English ones: "discussion" stays itself, and
    # "kim" (Turkish "who") would have made Kim a question word
    assert "discussion" in read_question("what was up for discussion in qatar?").tokens
    assert "kim" in read_question("did kim jong un say anything about the rare earth curbs?").tokens


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("could you kindly explain what Beijing has done with the metals?", WHAT),
        ("would you please describe what Israel has done since the talks?", WHAT),
        ("could you outline what Russia has done to the grid?", WHAT),
    ],
)
def test_a_request_to_explain_asks_the_question_that_follows(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


@pytest.mark.parametrize(
    ("question", "reaction"),
    [
        ("what's the White House done back at Beijing?", True),
        ("so what is Washington doing back, sanctions?", True),
        ("why was everyone in a hurry to get a truce done back in the summer?", False),
    ],
)
def test_what_someone_did_back_asks_their_reaction(question: str, reaction: bool) -> None:
    assert read_question(question).reaction is reaction


@pytest.mark.parametrize(
    "question", ["and what precisely were they doing?", "and what specifically did he say?"]
)
def test_an_auxiliary_after_emphasis_makes_a_question_of_its_own(question: str) -> None:
    # not "and Hamas?", which asks the last question of a new subject
    read = read_question(question)
    assert not read.elliptical and not read.target


def test_emphasis_names_no_topic() -> None:
    # "precisely" is in no story: as a topic word it would dilute a follow-up's match
    read = read_question("and what, precisely, is her verdict on the pick?")
    assert "precisely" not in read.topic and "precisely" not in read.search


@pytest.mark.parametrize(
    ("question", "tokens", "kind"),
    [
        # a topic named first, then asked about by a pronoun after "is"/"was"
        ("Hostage deadline - when was it?", ("when", "was", "the", "hostage", "deadline"), WHEN),
        # a request's word before the question
        ("Please did the army pull back?", ("did", "the", "army", "pull", "back"), YESNO),
        # the dropped "is" of "any X doing ...?"
        ("any minister resigning over it?", ("is", "any", "minister", "resigning", "over", "it"), YESNO),
    ],
)
def test_chat_shapes_of_a_question_are_read_as_the_question(question: str, tokens: tuple, kind: str) -> None:
    read = read_question(question)
    assert read.tokens == tokens and read.kind == kind


def test_a_topic_before_a_pronoun_that_acts_is_left_alone() -> None:
    # "they" acting is someone else (Beijing), not the curbs
    assert read_question("rare earth curbs: why did they do it?").tokens[-3:] == ("they", "do", "it")


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        ("how many troops pulled back, then? does the story say?", "say"),  # whether it says: asked already
        ("anything new on that Gaza truce business?", "business"),  # chat's word for a matter
        ("who are the two fellas in the photo?", "fellas"),  # people counted, not people addressed
    ],
)
def test_chat_s_words_around_a_question_are_no_topic(question: str, absent: str) -> None:
    assert absent not in read_question(question).topic


def test_people_counted_are_not_addressed() -> None:
    # ("fellas" after a number is no vocative, which would end the question there)
    assert "photo" in read_question("who are the two fellas in the photo with Xi?").topic


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        # Dutch "de", "het" are "the" (Spanish "de" is "of"); "waren" is "were", not "where"
        ("Waar waren de reddingsploegen aan het werk?", "nl", ("where", "were", "the", "rescue", "crews")),
        # German "das" is "the" and "über" "about": "what is the latest about ...?"
        ("Was ist das Neueste über die Geiseln?", "de", ("what", "is", "the", "latest", "about", "the")),
    ],
)
def test_a_language_s_own_small_words_are_read_in_its_messages(
    question: str, language: str, expected: tuple
) -> None:
    read = read_question(question)
    assert read.language == language
    assert read.tokens[: len(expected)] == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("any news from down Gaza way?", ("in", "gaza")),  # "down X way": in X
        ("were the lights off in t'whole region?", ("the", "whole", "region")),  # Yorkshire "t'"
        ("'ow many 'omes lost power?", ("how", "many", "homes")),  # a dropped h before a noun
    ],
)
def test_dialect_s_words_for_place_and_article_are_read(question: str, expected: tuple) -> None:
    tokens = read_question(question).tokens
    assert any(tokens[i : i + len(expected)] == expected for i in range(len(tokens)))


def test_a_word_the_message_s_language_reads_its_own_way_is_no_other_language_s_phrase() -> None:
    # Tagalog "na" (already) is no Swahili "and", "mga" no plural of anything, "bata" children
    read = read_question("Ano na po ang balita sa mga bata sa Gaza?")
    assert read.language == "tl"
    assert "and" not in read.tokens and "children" in read.tokens
