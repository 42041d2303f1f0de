"""What a story's first question costs, kept down without changing any answer: the shortcuts must
give exactly what the slow paths gave."""

from __future__ import annotations

import dataclasses
import gc
import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core import answering, geography
from bot.core import question as reading
from bot.core.lexicon import CONCEPT_PREFIX, fold, lexicon
from bot.core.library import (
    DEFAULT_GC_THRESHOLDS,
    SERVING_GC_THRESHOLDS,
    StoryLibrary,
    tune_garbage_collector,
)
from bot.core.question import capitalised_in
from bot.core.sentences import (
    _DEADLINE,
    Sentence,
    _has_deadline,
    stems_folded,
    story_sentences,
    story_word_stems,
)
from bot.core.text import _stemmer, split_sentences, stem, words


def test_a_storys_word_stems_are_its_sentences_stems_less_tags(library: StoryLibrary) -> None:
    for story in library.stories:
        annotated = {
            k
            for sentence in story_sentences(story, library.index.stems_of)
            for k in sentence.stems
            if not k.startswith(CONCEPT_PREFIX)
        }
        assert story_word_stems(story, library.index.stems_of) == annotated, story.id
        assert story_word_stems(story) == annotated, story.id  # stemming afresh gives the same


def test_a_storys_words_read_off_its_annotated_sentences_are_its_word_stems(library: StoryLibrary) -> None:
    # (the answerer reads them off the sentences once a story's are built, not from its text again)
    talking = library.answerer
    for story in library.stories:
        assert talking._told_stems(story.id) == talking._story_stems(story.id)


def test_annotated_sentences_are_what_the_dataclass_makes(library: StoryLibrary) -> None:
    # Sentences are made without the dataclass's __init__ (every field set at once): the same
    # fields, equality and hash as the dataclass gives, and no __post_init__ to skip.
    assert not hasattr(Sentence, "__post_init__")
    names = [f.name for f in dataclasses.fields(Sentence)]
    for story in library.stories:
        for sentence in story_sentences(story, library.index.stems_of):
            made = Sentence(**{name: getattr(sentence, name) for name in names})
            assert list(vars(sentence)) == names
            assert made == sentence and hash(made) == hash(sentence) and vars(made) == vars(sentence)


def test_the_index_stems_words_as_stemming_afresh_does(library: StoryLibrary) -> None:
    typed = ["negotiations", "Élysée", "élysée", "the", "cease", "ceasefire", "zzzqx", "Straße", "macron"]
    sentence_words = [
        w for story in library.stories for s in split_sentences(story.summary) for w in words(s)
    ]
    for run in (typed, sentence_words):
        assert library.index.stems_of(run) == stems_folded(run) == tuple(stem(fold(w)) for w in run)


@pytest.mark.parametrize(
    "text",
    [
        "Hamas has 72 hours to return the hostages.",
        "HAMAS HAS 72 HOURS TO RETURN THE HOSTAGES.",
        "They were given until Friday to leave.",
        "Hamas has had a difficult week.",
        "Ministers get two days to reply.",
        "Les ministres ont 72 heures. Élysée has two weeks to answer.",
        "Nothing about time here.",
        "It has been days.",
    ],
)
def test_the_deadline_shortcut_agrees_with_the_pattern(text: str) -> None:
    assert _has_deadline(text) == bool(_DEADLINE.search(text))


def test_bodies_are_found_as_by_each_bodys_own_pattern(library: StoryLibrary) -> None:
    texts = [story.searchable_text() for story in library.stories]
    texts += ["the EU and NATO", "an eu citizen", "Brussels said", "UNESCO", "the UN Security Council", ""]
    patterns = lexicon().body_patterns
    for text in texts:
        expected = frozenset(body for body, pattern in patterns.items() if pattern.search(text))
        assert lexicon().bodies_in(text) == expected, text
    assert lexicon().bodies_in("the EU and NATO") == {"european_union", "nato"}


def test_hyphenated_words_also_count_joined(library: StoryLibrary) -> None:
    gaza = library.index.get("gaza-ceasefire")
    assert gaza is not None
    assert {"ceasefir", "ceas", "fire"} <= story_word_stems(gaza)  # "cease-fire"


def test_every_country_has_the_names_that_name_it() -> None:
    names = geography._names()
    for country in set(names.values()):
        assert geography.forms_of(country) == tuple(k for k, c in names.items() if c == country)
    assert ("tehran",) in geography.forms_of("iran")
    assert geography.forms_of("atlantis") == ()


def test_stemming_keeps_one_cache_only() -> None:
    # PyStemmer's own cache sorts itself when full: a pause inside a question.
    assert getattr(_stemmer, "maxCacheSize", 0) == 0
    assert stem("negotiations") == stem("negotiation")


@pytest.fixture
def thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


@pytest.mark.usefixtures("thresholds")
def test_the_collector_is_tuned_for_serving_unless_set_by_the_process() -> None:
    gc.set_threshold(*DEFAULT_GC_THRESHOLDS)
    tune_garbage_collector()
    assert gc.get_threshold() == SERVING_GC_THRESHOLDS
    gc.set_threshold(5000, 20, 20)
    tune_garbage_collector()
    assert gc.get_threshold() == (5000, 20, 20)


def test_full_collections_stay_as_rare_as_by_default() -> None:
    # A full collection is due after (t1 + 1) * (t2 + 1) young collections.
    young, middle, old = DEFAULT_GC_THRESHOLDS
    serving_young, serving_middle, serving_old = SERVING_GC_THRESHOLDS
    assert serving_young == young
    assert (serving_middle + 1) * (serving_old + 1) == pytest.approx((middle + 1) * (old + 1), rel=0.02)


def test_warm_up_compiles_every_countrys_pattern_before_any_question() -> None:
    answering.warm_up()
    assert answering._country_named_alone.cache_info().currsize >= len(geography.all_countries())
    assert answering._country_named_alone("qatar").search("Did Qatar host the talks?")
    assert not answering._country_named_alone("qatar").search("were the Qatar talks doomed?")
    assert not answering._country_named_alone("qatar").search("Qatar's offer")


@pytest.fixture
def compiled_patterns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The regular expressions compiled from now on (the re module's cache misses)."""
    seen: list[str] = []
    real = re._compiler.compile  # type: ignore[attr-defined]

    def spying(pattern, flags=0):  # type: ignore[no-untyped-def]
        seen.append(str(pattern))
        return real(pattern, flags)

    monkeypatch.setattr(re._compiler, "compile", spying)  # type: ignore[attr-defined]
    return seen


def test_first_questions_after_warm_up_compile_no_pattern_of_their_own(
    library: StoryLibrary, compiled_patterns: list[str]
) -> None:
    # Names and chat phrases a pattern was once built for while the user waited: each new word's
    # pattern, each new mix of idioms, the government names' patterns on a story's first question.
    answerer = library.answerer
    answering.warm_up()
    compiled_patterns.clear()
    for question in (
        "ok so real talk, any word on what the Kremlin said, or nah?",
        "Did Borisovna Telkamp say anything about the blackout in Zhytomyr?",
        "tbh whats the deal with the Élysée and the new premier",
        "Iran retaliation",
    ):
        answerer.ask(question)
    assert not [p for p in compiled_patterns if "Borisovna" in p or "Telkamp" in p or "Zhytomyr" in p]
    assert not [p for p in compiled_patterns if "Kremlin" in p or "lysée" in p], "names compiled lazily"
    assert not [p for p in compiled_patterns if p.startswith("(?!)")], "a new set of idioms compiled"


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["macron", "u.s.", "ma", "é", "-", "ron"]),
    st.lists(
        st.sampled_from(["Macron", "macron", "U.S.", "Ma", " ", ".", "!", "?", "x", "_", "\n", "é", "ron"])
    ),
)
def test_a_capitalised_word_is_found_as_the_pattern_finds_it(word: str, pieces: list[str]) -> None:
    text = "".join(pieces)
    pattern = rf"(?<![.!?]\s)(?<=\s){re.escape(word[:1].upper() + word[1:])}\b"
    assert capitalised_in(word, text) == (re.search(pattern, text) is not None)


def _translated_by_the_whole_alternation(text: str) -> str:
    """What ``question._translated`` gave before it looked for phrases' openings first."""
    if text.isascii() and " " not in text:
        return text
    folded = fold(text)
    pattern = reading._phrase_pattern()
    if pattern.search(folded) is None:
        return text
    phrases = lexicon().phrases

    def english(found: re.Match[str]) -> str:
        key = " ".join(found.group(0).lower().replace("-", " ").split())
        return f" {phrases.get(key, found.group(0))} "

    return reading._SPACES.sub(" ", pattern.sub(english, folded))


@settings(max_examples=400, deadline=None)
@given(
    st.data(),
    st.lists(
        st.sampled_from(["what", "is", " ", "-", "?", "¿", "'", "Qué", "x", "ñ", ".", "\n"]), max_size=8
    ),
    st.lists(st.sampled_from(["what", "is", " ", "-", "?", "'", "é", "x", "."]), max_size=8),
)
def test_phrases_are_translated_as_the_whole_alternation_translates_them(
    data: st.DataObject, before: list[str], after: list[str]
) -> None:
    phrase = data.draw(st.sampled_from(sorted(lexicon().phrases)))
    # as typed: any case, and a hyphen or several spaces between its words
    typed = "".join(
        c.upper() if data.draw(st.booleans()) else c
        for c in phrase.replace(" ", data.draw(st.sampled_from([" ", "-", "  "])))
    )
    text = "".join(before) + typed + "".join(after)
    assert reading._translated(text) == _translated_by_the_whole_alternation(text)
