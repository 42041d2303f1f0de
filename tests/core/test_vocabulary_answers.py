"""Chat words, romanised Hindi and other languages' news words the lexicon reads, in our own words:
each finds its story and the sentence that answers, and none adds a topic of its own."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer
from bot.core.question import read_question
from tests.core.answer_checks import CHINA, FRANCE, GAZA, UKRAINE, assert_answered, assert_doesnt_say
from tests.core.answer_checks import story_of as _story


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        # Polish: "who reported that half the customers in the Ternopil area were cut off?"
        ("Kto poinformował, że połowa odbiorców w rejonie tarnopolskim nie ma prądu?", UKRAINE, "reported"),
        # "who claims the choice will be lasting this time?"
        ("Kto twierdzi, że tym razem ten wybór będzie trwały?", FRANCE, "eurasia"),
        # "which sectors can't manage without these raw materials?"
        ("Jakie gałęzie przemysłu potrzebują tych surowców?", CHINA, "semiconductors"),
        # Dutch: "which think tank believes this choice will hold?"
        ("Welke denktank denkt dat deze keuze zal standhouden?", FRANCE, "eurasia"),
        # Tagalog: "why are the rare earths China restricted a big deal? what are they for?"
        ("Bakit mahalaga yung rare earths na nilimitahan ng China? Para saan ba yun?", CHINA, "vital for"),
        # German: "what does Hamas have to do in return?"
        ("Was muss die Hamas im Gegenzug tun?", GAZA, "72 hours"),
        # romanised Egyptian Arabic: "how many hours does Hamas have to hand the hostages back?"
        ("kam sa3a 3and Hamas 3ashan yesalem el rehayen?", GAZA, "72 hours"),
        # "how many people were left without electricity in Ukraine?"
        ("kam wa7ed fedel men gheir kahraba f Ukraine?", UKRAINE, "half of the consumers"),
        # Portuguese: "on what date did Israel approve the agreement?"
        ("Em que data Israel aprovou o acordo de cessar-fogo?", GAZA, "friday"),
        # Portuguese, in a conversation's place: "why did they stay out?"
        ("Por que o Hamas ficou de fora das negociações?", GAZA, "refused to take part"),
        # Vietnamese: "why does the world need China's rare earths so badly?"
        ("Tại sao thế giới lại cần đất hiếm của Trung Quốc đến vậy?", CHINA, "vital for"),
        # "which day did the Russian missiles hit Ukraine's power grid?" (typed without accents)
        ("Ten lua cua Nga tan cong luoi dien Ukraine ngay nao?", UKRAINE, "13 December 2024"),
        # "how many hours does Hamas have to hand the hostages back?"
        ("Hamas có bao nhiêu giờ để trả con tin?", GAZA, "72 hours"),
        # Romanian: "where did the rescue crews work after the strikes?"
        ("Unde au intervenit echipele de salvare după atacuri?", UKRAINE, "Prikarpattia"),
        # "when did Israel approve the ceasefire deal?"
        ("Când a aprobat Israelul acordul de armistițiu?", GAZA, "Friday"),
        # Polish: "what share of the world's supply of these rare metals does Beijing hold?"
        ("Jaką część światowych zasobów rzadkich metali kontroluje Pekin?", CHINA, "70%"),
        # Polish: "what were the Russians aiming at?"
        ("W co celowali Rosjanie tym atakiem?", UKRAINE, "energy infrastructure"),
        # Hinglish: "do the experts think this PM will last?"
        ("experts ko lagta hai naya PM tik jayega?", FRANCE, "finally"),
    ],
)
def test_other_languages_news_words_find_the_answer(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    assert_answered(talking, question, story, expected)


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        # "squash the beef", "bury the hatchet": make peace
        ("did israel and hamas bury the hatchet?", GAZA, "cease-fire"),
        ("have israel n hamas squashed their beef", GAZA, "cease-fire"),
        # knocking out the power: a blackout
        ("so did the strikes knock out the power in ternopil?", UKRAINE, "without electricity"),
        # "in a bad way": in trouble
        ("is french politics in a bad way right now?", FRANCE, "free fall"),
        # Hinglish: "which border did Israel want to keep control of?"
        ("Israel kis border pe control rakhna chahta tha?", GAZA, "border with egypt"),
        # "what was in the deal: the fighting stopping, hostages released?"
        ("deal mein kya kya tha, ladai rukna aur bandhak chhodna?", GAZA, "hostages"),
        # "which industries will it have an impact on?"
        ("China ke export ban ka asar kaun kaun si industries pe padega?", CHINA, "semiconductors"),
    ],
)
def test_chat_words_find_the_answer(talking: Answerer, question: str, story: str, expected: str) -> None:
    assert_answered(talking, question, story, expected)


@pytest.mark.parametrize(
    "question",
    [
        "so is the truce sweet as or not",
        "how many prime ministers has france had lately? sweet as, cheers",
    ],
)
def test_sweet_as_is_no_topic(talking: Answerer, question: str) -> None:
    # New Zealand chat for "fine": it neither dilutes the match nor names something else
    assert _story(talking.ask(question)) in {GAZA, FRANCE}


def test_a_date_asked_in_spanish_that_the_story_doesnt_give(talking: Answerer) -> None:
    # "from what date do China's new export restrictions apply?"
    answer = assert_doesnt_say(talking, "¿Desde qué fecha están en vigor las restricciones de China?", CHINA)
    assert "doesn't say when" in answer.text


def test_a_count_asked_in_german_that_the_story_doesnt_give(talking: Answerer) -> None:
    # "with how many votes was the last French government brought down?"
    answer = assert_doesnt_say(
        talking, "Mit wie vielen Stimmen wurde die letzte Regierung in Frankreich gestürzt?", FRANCE
    )
    assert "doesn't say how many" in answer.text


def test_in_a_follow_up_a_word_of_another_language_left_unread_is_no_word_the_story_lacks(
    talking: Answerer,
) -> None:
    # "when does Macron try it again?": "probiert" is no lexicon word, and in a conversation about
    # France the story may well say just that in English
    talking.ask("what's up with the French government?", conversation="de")
    answer = talking.ask("wann probiert Macron es nochmal?", conversation="de")
    assert answer.direct is True and "next day" in answer.text


def test_in_a_first_question_a_word_of_another_language_left_unread_may_be_what_is_asked(
    talking: Answerer,
) -> None:
    # "when can Ternopil's people have normal electricity again?" ("menikmati": to enjoy)
    assert_doesnt_say(talking, "Kapan warga Ternopil bisa menikmati listrik normal lagi?", UKRAINE)


def test_prohibited_from_leaving_its_shores_is_an_export_ban(talking: Answerer) -> None:
    answer = talking.ask("Kindly tell me what Beijing has prohibited from leaving its shores.")
    assert _story(answer) == CHINA


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        # Jamaican Patois: "why is the rare earth thing such a big deal?"
        ("Wah mek di rare earth ting suh important fi di world?", CHINA, "semiconductors"),
        # Vietnamese: "how is the French government doing now?"
        ("Chính phủ Pháp hiện giờ ra sao rồi?", FRANCE, "Macron"),
    ],
)
def test_patois_and_vietnamese_asked_generally(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    answer = assert_answered(talking, question, story, expected)
    assert answer.direct is True


def test_slang_for_backing_out_is_not_taking_part(talking: Answerer) -> None:
    assert_answered(talking, "so them hamas lot bottled the qatar talks then?", GAZA, "Hamas")
    assert talking.ask("so them hamas lot bottled the qatar talks then?").direct is True


def test_a_long_danish_message_is_judged_by_its_question(talking: Answerer) -> None:
    # "I'm revising for an exam ... what was actually on the table in Qatar, what was the framework?"
    question = (
        "Okay, jeg sidder og læser op til eksamen i international politik, og min underviser nævnte noget "
        "om Gaza og nogle forhandlinger sidste år, men jeg fik ikke rigtig fat i det. Hvad var det egentlig, "
        "der lå på bordet i Qatar, altså hvad gik rammen ud på?"
    )
    assert_answered(talking, question, GAZA, "release of Israeli hostages")


def test_a_spanish_question_after_a_long_preamble_opens_at_its_inverted_mark(talking: Answerer) -> None:
    question = (
        "Oye, mañana tengo examen y el profe pregunta cosas de actualidad, la semana pasada fue Alemania y "
        "ahora seguro va a ser Francia, entonces ¿me puedes decir cuántos primeros ministros se han caído? "
        "Porfa, te lo agradecería."
    )
    assert_answered(talking, question, FRANCE, "five prime ministers")


def test_new_zealand_chat_words_carry_no_topic(talking: Answerer) -> None:
    # "chur" (cheers) and "hard out" (totally): the question is whether the truce is on now
    answer = talking.ask("chur, so is the gaza truce actually on now or is it all just talk, hard out")
    assert _story(answer) == GAZA and "officially took effect" in answer.text


def test_german_wie_before_a_verb_is_how_not_dutch_who() -> None:
    assert read_question("Wie hat Washington darauf reagiert?").tokens[:2] == ("how", "has")


def test_a_word_read_through_another_language_s_stem_is_no_false_friend(talking: Answerer) -> None:
    # Italian "panna" (cream) stems as French "panne" (an outage) does: a recipe is no Ukraine story
    assert _story(talking.ask("Mi dai la ricetta della carbonara vera, senza panna?")) is None
    # ... while the French outage is still read
    assert _story(talking.ask("Combien de temps a duré la panne à Ternopil ?")) == UKRAINE


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        # Danish
        # "how many prime ministers has France been through lately?"
        ("Hvor mange premierministre har Frankrig haft på det seneste?", FRANCE, "five prime ministers"),
        # "which area of Ukraine was hit hardest by the blackout?"
        ("Hvilken region i Ukraine blev hårdest ramt af strømafbrydelserne?", UKRAINE, "Ternopil"),
        # "why did Hamas not take part in the negotiations?"
        ("Hvorfor deltog Hamas ikke i forhandlingerne?", GAZA, "in protest at"),
        # Norwegian, read with Danish
        # "is it true that France has had five prime ministers in only two years?"
        (
            "Stemmer det at Frankrike har hatt fem statsministre på bare to år?",
            FRANCE,
            "five prime ministers",
        ),
        # "why are China's export restrictions on rare earths so important to the rest of the world?"
        ("Hvorfor er Kinas eksportbegrensninger på sjeldne jordarter så viktige?", CHINA, "vital for"),
        # "when did the ceasefire itself take effect?"
        ("Når trådte våpenhvilen i Gaza i kraft?", GAZA, "Friday"),
        # German
        # "is it true that China is now sharply restricting the export of rare earths?"
        (
            "Stimmt es, dass China den Export von Seltenen Erden jetzt stark einschränkt?",
            CHINA,
            "restrictions",
        ),
        # "how big is China's share of the world's supply?"
        ("Wie groß ist Chinas Anteil am weltweiten Angebot von Seltenen Erden?", CHINA, "70%"),
        # "has Iran already reacted to the killing of the Hamas official in Tehran?"
        (
            "Hat der Iran schon auf die Tötung des Hamas-Funktionärs in Teheran reagiert?",
            GAZA,
            "still weighing",
        ),
        # Italian, Nigerian Pidgin and Irish chat
        # "who is the analyst who thinks Macron's next pick might finally last?" ("chi è": who is)
        ("Chi è l'analista secondo cui la prossima scelta di Macron potrebbe durare?", FRANCE, "Rahman"),
        # Nigerian Pidgin: "who said Israel has reached the limit of its war against Hamas?"
        ("Na who talk say Israel don reach di limit of im war against Hamas?", GAZA, "New York Times"),
        # "the Qatar talks were a dead duck from the start"
        ("Sure the Qatar talks were a dead duck from the start with Hamas not showing, wha?", GAZA, "slim"),
        # Swedish
        # "how many hours does Hamas have to hand back the hostages?"
        ("Hur många timmar har Hamas på sig att lämna tillbaka gisslan?", GAZA, "72 hours"),
        # "why are China's export restrictions so important to the rest of the world?"
        ("Varför är Kinas exportbegränsningar så viktiga för resten av världen?", CHINA, "semiconductors"),
        # "what's the latest on the export restrictions?" ("vad är": what is)
        ("Vad är det senaste om exportbegränsningarna?", CHINA, "sweeping new restrictions"),
        # Portuguese: "em" is "in" there, not chat's "them"; "é" is "is"
        # "when was the Hamas man killed in Tehran?"
        ("Quando foi morto o homem do Hamas em Teerã?", GAZA, "two weeks earlier"),
        # "who is the analyst who says the next pick will last, and which company is he from?"
        (
            "Quem é o analista que diz que a próxima escolha vai durar, e de qual empresa ele é?",
            FRANCE,
            "Rahman",
        ),
        # Sheng: "who is trying to fix this mess in France?"
        ("Na nani anajaribu ku-fix hii mess ya serikali ya Ufaransa?", FRANCE, "Macron"),
        # Quebec French chat: "c quoi le deal avec" (what's the deal with), "c qui qui" (who)
        ("c quoi le deal avec la chine pis les terres rares?", CHINA, "sweeping new restrictions"),
        ("c qui qui a boycotte les negos au Qatar?", GAZA, "Hamas"),
        # Hinglish: "what was the US afraid of, Iran's response?"
        ("US ko kis baat ka darr hai, Iran ke jawab se?", GAZA, "wider conflict"),
        # Dutch: "how many heads of government has France lost?"
        ("Hoeveel regeringsleiders is Frankrijk kwijtgeraakt?", FRANCE, "five prime ministers"),
        # an Australian "what's the go with": what's going on with
        ("What's the go with the Gaza truce, mate?", GAZA, "approved"),
        # a consultancy is a class of answer (a firm), not a word the story must have
        ("Which consultancy is the commentator on French politics with?", FRANCE, "Eurasia Group"),
        # Tagalog: "what's the latest on Israel and Hamas?"
        ("Ano na po ang latest sa Israel at Hamas?", GAZA, "approved"),
        # Yorkshire: "how many homes round Ternopil were in the dark?"
        ("'Ow many 'omes round Ternopil were sat in t'dark?", UKRAINE, "half"),
        # considering a response is weighing options
        ("Which country is still considering how to respond to Israel?", GAZA, "still weighing"),
        # Indonesian chat's shorthand: "why is Washington so afraid of Iran's retaliation?"
        ("knp Washington takut bgt sm balasan Iran?", GAZA, "wider conflict"),
        # "in how many hours must Hamas give back the hostages?" ("sandra": "sandera" typed short)
        ("brp jam Hamas hrs balikin sandra?", GAZA, "72 hours"),
        # Hinglish: "when did this big missile attack on Ukraine happen?"
        ("Ukraine pe ye bara missile attack kab hua tha?", UKRAINE, "13 December 2024"),
        # German: "where did the Israeli negotiators meet the mediators?"
        ("Wo haben sich die israelischen Unterhändler mit den Vermittlern getroffen?", GAZA, "Qatar"),
        # sending a delegation is taking part
        ("Did Hamas even send a delegation to the Qatar meeting?", GAZA, "refused to take part"),
    ],
)
def test_questions_in_other_languages_and_chat_are_read(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    assert_answered(talking, question, story, expected)
