from __future__ import annotations

import pytest

from bot.core.answering import Answerer
from bot.core.geography import countries_in, country_by_opening
from bot.core.languages import function_words, written_in
from bot.core.question import read_question


def _language(text: str) -> str | None:
    return written_in(text)[0]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Was genau hat China bei den seltenen Erden gemacht?", "de"),
        ("Qu'est-ce que la Chine a fait avec ses métaux?", "fr"),
        ("O que aconteceu com a energia na Ucrânia depois do ataque?", "pt"),
        ("Dlaczego Hamas nie przyszedł na rozmowy w Katarze?", "pl"),
        ("Fransa'daki hükümet krizi neden bir türlü bitmiyor?", "tr"),
        ("Ce s-a mai întâmplat cu guvernul din Franța în ultima vreme?", "ro"),
        ("Bạn có biết chuyện gì đang xảy ra với chính phủ Pháp không?", "vi"),
        ("Hvorfor har Kina lagt låg på eksporten af de sjældne metaller?", "da"),
        # Norwegian is read with Danish, whose stemmer and words read it
        ("Hva er det siste nye om Kinas eksportrestriksjoner?", "da"),
        ("Vad är det senaste om regeringskrisen i Frankrike?", "sv"),
        # a question in German, then asked again in English
        ("Hat die Ukraine wieder Strom? Or are they still without it?", "de"),
    ],
)
def test_a_message_written_in_another_language_is_known_as_such(text: str, language: str) -> None:
    assert _language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "Did the man in the hat die?",  # "man", "hat" and "die" are German too
        "what did hamas say about the deal",
        "rare earths",
    ],
)
def test_english_is_no_other_language(text: str) -> None:
    assert _language(text) is None


def test_no_english_word_is_counted_as_another_languages() -> None:
    for language in ("de", "fr", "pt", "es"):
        assert not {"the", "what", "deal", "war", "attack"} & function_words(language)


def test_the_small_words_of_a_foreign_message_are_no_topic() -> None:
    read = read_question("Was genau hat China bei den seltenen Erden gemacht?")
    assert read.language == "de"
    assert "bei" not in read.topic and "hat" not in read.topic
    assert "china" in read.topic


@pytest.mark.parametrize(
    ("text", "country"),
    [("a Alemanha", "germany"), ("Verenigde Staten", "united states"), ("Italien", "italy")],
)
def test_countries_are_known_by_their_names_in_other_languages(text: str, country: str) -> None:
    assert countries_in(text) == {country}


def test_a_translated_name_is_not_cut_to_a_word_of_its_own() -> None:
    # "Christmas Island" is written "Christmas, Kisiwa" in one language: Christmas is no country
    assert countries_in("will he be gone by Christmas?") == frozenset()


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Russische", "russia"),
        ("française", "france"),
        ("italiaanse", "italy"),
        ("americani", "united states"),
    ],
)
def test_a_country_s_adjective_in_another_language_names_it(word: str, country: str) -> None:
    assert country_by_opening(word) == country


@pytest.mark.parametrize("word", ["minster", "ganap", "kubadilishana"])
def test_a_word_opening_like_a_capital_or_a_short_name_names_no_country(word: str) -> None:
    # "Minsk", "Gana", "Kuba": a capital opens no adjective, a four-letter name too little of one
    assert country_by_opening(word) is None


def test_letters_only_one_language_writes_tell_it_without_its_small_words() -> None:
    # no word of Polish's list of small words, but "ł", "ą", "ś" and "ę" are Polish alone
    assert _language("Ukraińską sieć zaatakowała Rosja nocą?") == "pl"
    assert _language("Nowe ograniczenia Pekinu, słyszałeś coś?") == "pl"


@pytest.mark.parametrize(
    "text",
    [
        "what did the mayor of Gdańsk say about the strike?",  # one Polish name in English
        "is Müller still the minister?",
    ],
)
def test_a_foreign_name_in_an_english_message_makes_it_no_other_language(text: str) -> None:
    assert _language(text) is None


@pytest.mark.parametrize(
    ("text", "country"),
    [("Prancis", "france"), ("Tiongkok", "china"), ("Rosja", "russia"), ("Ucrânia", "ukraine")],
)
def test_countries_are_known_by_their_everyday_names_in_other_languages(text: str, country: str) -> None:
    # ISO's lists have the formal or dated names ("Perancis", "Cina"); people write these
    assert countries_in(text) == {country}


@pytest.mark.parametrize(
    "text", ["di kota ini", "samo w sobie", "binigay", "gini aja", "misile", "kena attack"]
)
def test_a_short_everyday_name_that_is_another_language_s_word_is_no_country(text: str) -> None:
    assert countries_in(text) == frozenset()
    assert all(country_by_opening(word) is None for word in text.split())


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("Dlaczego wszyscy mówią o kryzysie we Francji?", "crisis"),  # kryzys, in the locative
        ("Co słychać w sprawie rozejmu?", "truce"),  # rozejm, in the genitive
        ("Berapa banyak pasukannya yang ditarik?", "troops"),  # pasukan, with "-nya"
        # Turkish builds a word by endings on endings: read by the word they are built on
        ("Çin'in yeni ihracat kısıtlamalarından kimler etkileniyor?", "restrictions"),
        ("Yeni başbakanın adı ne?", "prime"),
        ("Fransa'da hükümeti kim onayladı?", "approve"),  # the verb stem "onayla-"
        # Polish adjectives in the genitive, and a name in the locative
        ("Kto odpowiada za ten rosyjski ostrzał rakietowy?", "russian"),
        ("Ilu ludzi zabił atak rakietowy na elektrownie?", "missile"),
        ("Jaki rozejm obowiązuje w Gazie?", "gaza"),
        # Dutch: a think tank, a choice that lasts
        ("Welke denktank zegt dat deze keuze wel zal volhouden?", "think"),
    ],
)
def test_a_declined_word_of_another_language_is_read_as_its_entry(question: str, word: str) -> None:
    assert word in read_question(question).tokens


def test_an_english_word_is_never_cut_to_a_foreign_entry() -> None:
    # "mobil" is Indonesian for cars; "mobile" in English stays what it is
    assert "cars" not in read_question("is the mobile network down in Ternopil?").tokens


@pytest.mark.parametrize(
    ("question", "words"),
    [
        # German writes two nouns as one: each part is read ("Regierung" + "s" + "Krise")
        ("Was weiß man über die Regierungskrise in Frankreich?", ("government", "crisis")),
        ("Gelten die neuen Ausfuhrregeln schon?", ("exports", "rules")),
    ],
)
def test_a_german_compound_is_read_as_its_parts(question: str, words: tuple[str, ...]) -> None:
    tokens = read_question(question).tokens
    assert all(w in tokens for w in words)


def test_a_long_compound_is_read_in_a_message_too_short_to_tell_its_language() -> None:
    tokens = read_question("Regierungskrise Frankreich").tokens
    assert "government" in tokens and "crisis" in tokens


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Frankrikes regeringskris", "france"),  # Swedish genitive
        ("Frankreichs Regierung", "france"),  # German
        ("Kinas eksportforbud", "china"),  # Danish's and Swedish's China, in the genitive
        ("what are Chinas rules", "china"),  # an English possessive typed without its apostrophe
    ],
)
def test_a_country_in_the_genitive_names_it(text: str, country: str) -> None:
    assert country in countries_in(text)


def test_a_short_word_ending_in_s_is_no_genitive() -> None:
    assert countries_in("what do the usas and ukas say") == frozenset()  # codes take no genitive


@pytest.mark.parametrize(
    ("question", "language", "word"),
    [
        # too few small words to tell the language, but a word its stemmer reads as the lexicon's
        ("Hvornår trådte våbenhvilen i kraft?", "da", "ceasefire"),  # "våbenhvile", definite
        ("Varför anföll Ryssland elnätet igen?", "sv", "power"),
    ],
)
def test_a_short_message_is_known_by_the_forms_of_its_words(question: str, language: str, word: str) -> None:
    read = read_question(question)
    assert read.language == language
    assert word in read.tokens


@pytest.mark.parametrize(
    "question",
    ["did the negoshiators agree on anythin", "wat r teh latest abt gaza", "Zelenskyy's grid repairs?"],
)
def test_english_with_typos_and_names_is_no_other_language_by_its_forms(question: str) -> None:
    assert read_question(question).language is None


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("what did the wartime cabinet decide about the truce?", "wartime"),
        ("was the infrastructure hit overnight?", "infrastructure"),
        ("any international reaction to the blackouts?", "international"),
    ],
)
def test_an_english_word_is_never_split_as_a_compound(question: str, word: str) -> None:
    assert word in read_question(question).tokens


def test_a_country_named_in_another_language_finds_the_story_of_its_english_name() -> None:
    from bot.core.library import StoryLibrary
    from tests.conftest import REPO_ROOT

    answerer = StoryLibrary.load(REPO_ROOT / "briefs").answerer
    # Swahili's "Ufaransa" is France: the France story, though no story spells it so
    answer = answerer.ask("Serikali ya Ufaransa ina shida gani?")
    assert answer.story is not None and answer.story.id == "france-government"


@pytest.mark.parametrize(("text", "country"), [("Ukrayna'daki", "ukraine"), ("Katar'da", "qatar")])
def test_a_name_s_case_ending_after_an_apostrophe_leaves_the_name(text: str, country: str) -> None:
    assert country in read_question(f"{text} son durum ne?").countries


@pytest.mark.parametrize("text", ["don't", "we'll", "O'Brien", "rock'n'roll", "Israel's"])
def test_english_apostrophes_are_no_case_endings(text: str) -> None:
    from bot.core.question import _CASE_ENDING

    assert _CASE_ENDING.sub("", text) == text


def test_letters_typed_without_their_marks_read_the_same() -> None:
    # a phone keyboard without Turkish or Polish letters: "ı" is "i", "ł" is "l"
    typed_plainly = read_question("Çin'in bu kisitlamalari neden bu kadar önemli?").tokens
    assert typed_plainly == read_question("Çin'in bu kısıtlamaları neden bu kadar önemli?").tokens
    assert "restrictions" in typed_plainly


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Où les négociateurs se sont-ils rencontrés ?", "where"),
        ("Dove è caduto il missile?", "where"),
        ("Dov'è Ternopil?", "where"),
        ("did a dove fly over the talks?", "yes-no"),
        ("was it Hamas ou Israel?", "yes-no"),
    ],
)
def test_where_in_french_and_italian(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


def test_german_nouns_the_lexicon_reads_are_no_name() -> None:
    # German capitalises every noun: "Raketenangriffe Rettungskräfte" side by side is no person
    read = read_question("Wo waren nach den Raketenangriffen Rettungskräfte im Einsatz?")
    assert read.names == ()
    assert {"missiles", "rescuers"} <= set(read.tokens)


def test_a_small_word_of_the_message_s_language_is_no_typo_of_a_question_word() -> None:
    # German "Hat ..." opens a yes-or-no question; it is no "what" typed wrong
    assert read_question("Hat Frankreich schon einen neuen Premierminister?").tokens[0] != "what"


def test_the_lexicon_s_english_leaves_other_languages_small_words_alone() -> None:
    # an entry's English ("die", "schon") once made German articles and particles English words,
    # and so topics of a German question
    topic = read_question("Hat die Regierung in Paris schon entschieden, wer Premierminister wird?").topic
    assert not {"die", "schon", "wer"} & set(topic)


def test_a_foreign_small_word_english_also_spells_is_nothing_counted() -> None:
    # Dutch "van" (of) after "hoeveel" is no van being counted ("how much of the global supply")
    assert "van" not in read_question("Hoeveel van de wereldvoorraad heeft China?").unit
    assert read_question("Hoeveel procent van de voorraad heeft China?").unit == ("percent",)
    assert read_question("how many vans were hit?").unit == ("vans",)


def test_a_province_named_as_a_small_word_is_no_country() -> None:
    # Brazil's state of Pará is "para" typed without its accent: "for" in Spanish, Portuguese and
    # Tagalog
    assert countries_in("Para saan ba yun?") == frozenset()
    assert countries_in("¿Para qué sirven estos minerales?") == frozenset()
    assert countries_in("the drought in Bahia") == {"brazil"}


def test_a_month_named_in_another_language_is_that_month() -> None:
    # (from the CLDR data: "agosto" is August in Spanish, "sierpnia" in Polish)
    assert "august" in read_question("¿Por qué Estados Unidos tenía tanta prisa en agosto de 2024?").tokens
    assert "december" in read_question("Hvornår angreb Rusland det ukrainske elnet i december?").tokens


def test_new_zealand_by_its_code_in_chat() -> None:
    assert countries_in("trump's tariffs on nz exports") == frozenset({"new zealand"})
    assert countries_in("NZ farmers") == frozenset({"new zealand"})


def test_spanish_que_with_its_accent_asks_what() -> None:
    # folded, "qué" would be "que", the conjunction; "qué fecha" stays the lexicon's phrase
    assert read_question("¿Y qué se firmaba en esa cumbre?").tokens[:2] == ("and", "what")
    assert read_question("¿En qué fecha se firmó?").kind == "when"
    assert read_question("¿Por qué no fue Hamás?").kind == "why"


def test_a_word_read_its_own_way_in_its_own_language() -> None:
    # Spanish "año" is a year (Tagalog's "ano" is what); Polish "tak" is so (Hindi's is until)
    assert "year" in read_question("¿De qué año es la foto?").tokens
    tokens = read_question("Dlaczego on tak uważa?").tokens
    assert "until" not in tokens and "thinks" in tokens


def test_a_polish_question_about_people_and_posts_is_read() -> None:
    read = read_question("Kim byli ci mediatorzy i z jakich krajów?")
    assert read.language == "pl" and read.kind == "who"
    assert {"mediators", "countries"} <= set(read.tokens)
    assert read_question("Ilu premierów już wcześniej upadło?").kind == "quantity"


def test_a_polish_yes_no_question_without_its_particle(talking: Answerer) -> None:
    # "Hamas w ogóle się pojawił?": whether Hamas showed up at all, as a claim put as a question
    answer = talking.ask("A czy Hamas w ogóle się pojawił w Katarze?")
    assert answer.story is not None and "refused to take part" in answer.text


def test_nigerian_pidgin_asks_who_said_it_and_where_worst(talking: Answerer) -> None:
    talking.ask("when did russia hit ukraine power grid?", "pidgin")
    # "talk" alone would have been the Gaza story's talks
    answer = talking.ask("na who talk am?", "pidgin")
    assert answer.story is not None and answer.story.id == "ukraine-energy-grid"
    assert "Regional State Administration" in answer.text
    assert "hardest" in read_question("which side the strike hit pass?").tokens


def test_an_italian_question_of_reasons_and_talks() -> None:
    assert read_question("E per quale motivo?").kind == "why"
    assert read_question("Che cosa c'era sul tavolo a Doha?").asks_terms


def test_a_swahili_question_of_news_times_and_shares(talking: Answerer) -> None:
    assert read_question("Kuna habari mpya kuhusu Ufaransa?").kind == "latest"
    answer = talking.ask("Israeli iliidhinisha lini makubaliano ya kusitisha mapigano?")
    assert answer.direct and "Friday morning" in answer.text
    answer = talking.ask("China ina asilimia ngapi ya madini adimu duniani?")
    assert "70%" in answer.text


def test_french_free_fall_and_german_power_back() -> None:
    assert {"free", "fall"} <= set(read_question("Pourquoi la France est-elle en chute libre ?").tokens)
    assert {"back", "on"} <= set(read_question("Wann war der Strom wieder da?").tokens)


def test_romanian_and_vietnamese_questions_of_people_names_and_photos(talking: Answerer) -> None:
    # Romanian "cine a refuzat" (who refused), "cum se numește" (what is the name of)
    assert_answered_in(talking, "Cine a refuzat să vină la negocierile din Qatar?", "Hamas")
    read = read_question("Cum se numește noul prim-ministru?")
    assert read.kind == "who" and "new" in read.tokens
    # Vietnamese "năm nào" (which year), "bức ảnh" (photo), "ai chụp" (who took)
    assert read_question("Bức ảnh được chụp năm nào?").kind == "when"
    assert {"who", "took", "photo"} <= set(read_question("Ai chụp bức ảnh đó?").tokens)


def assert_answered_in(talking: Answerer, question: str, expected: str) -> None:
    answer = talking.ask(question)
    assert answer.story is not None and expected in answer.text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Proč Rusko znovu útočí na ukrajinskou elektrickou síť?", "cs"),
        ("Mitä uutta Ranskan hallituksesta on kuulunut?", "fi"),
    ],
)
def test_czech_and_finnish_are_known_as_such(text: str, language: str) -> None:
    assert _language(text) == language


@pytest.mark.parametrize(
    ("question", "story", "expected"),
    [
        # Czech: when (kdy), how many premiers fell (kolik premiérů padlo), what China restricted
        ("Kdy Rusko zaútočilo raketami na ukrajinskou energetiku?", "ukraine-energy-grid", "13 December"),
        ("Kolik premiérů ve Francii už padlo?", "france-government", "five prime ministers"),
        ("Jaká omezení vývozu zavedla Čína?", "china-export-curbs", "restrictions"),
        # Finnish, read through its stemmer: "Kiinan" (China's), "pääministeriä" (prime minister)
        ("Kuinka monta pääministeriä Ranska on menettänyt?", "france-government", "five prime ministers"),
        ("Milloin Israel hyväksyi tulitaukosopimuksen?", "gaza-ceasefire", "Friday"),
        ("Miksi Kiinan vientirajoitukset ovat tärkeitä?", "china-export-curbs", "semiconductors"),
    ],
)
def test_czech_and_finnish_questions_find_the_story_and_the_answer(
    talking: Answerer, question: str, story: str, expected: str
) -> None:
    answer = talking.ask(question)
    assert answer.story is not None and answer.story.id == story
    assert expected in (answer.text or "")


def test_bengali_typed_in_latin_letters_asks_when(talking: Answerer) -> None:
    # "kobe" (when), "hoise" (happened), "boro" (big): no topic of their own
    read = read_question("ukraine er grid e boro attack kobe hoise?")
    assert read.kind == "when" and "boro" not in read.topic
