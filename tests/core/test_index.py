"""The word-level index: analysis, ranking, typo tolerance, lookup and coverage."""

from __future__ import annotations

import pytest

from bot.core.index import MAX_QUERY_WORDS, StoryIndex
from bot.core.library import StoryLibrary
from bot.core.text import stem


@pytest.fixture
def index(library: StoryLibrary) -> StoryIndex:
    return library.index


def _top(index: StoryIndex, question: str) -> str | None:
    matches = index.search(question)
    return matches[0].story.id if matches else None


def test_index_holds_the_catalog(index: StoryIndex) -> None:
    assert len(index) == 4
    assert index.get("gaza-ceasefire") is not None
    assert index.get("no-such-story") is None
    assert index.vocabulary_size() > 100


@pytest.mark.parametrize(
    ("question", "story"),
    [
        ("Ternopil", "ukraine-energy-grid"),
        ("Prikarpattia oblast", "ukraine-energy-grid"),
        ("Mujtaba Rahman", "france-government"),
        ("Eurasia Group", "france-government"),
        ("Xi Jinping", "china-export-curbs"),
        ("Great Hall of the People", "china-export-curbs"),
        ("Khan Younis", "gaza-ceasefire"),
        ("Tehran", "gaza-ceasefire"),
        ("semiconductors", "china-export-curbs"),
    ],
)
def test_names_rank_their_story_first(index: StoryIndex, question: str, story: str) -> None:
    best = index.search(question)[0]
    assert best.story.id == story
    assert best.coverage == 1.0
    assert best.is_strong


@pytest.mark.parametrize(
    ("typo", "story"),
    [
        ("ternopol", "ukraine-energy-grid"),
        ("prikarpatia", "ukraine-energy-grid"),
        ("Xi Jingping", "china-export-curbs"),
        ("Eurasia groop", "france-government"),
        ("Qatr negotiatons", "gaza-ceasefire"),
        ("semiconducters", "china-export-curbs"),
    ],
)
def test_typos_still_rank_their_story_first(index: StoryIndex, typo: str, story: str) -> None:
    assert _top(index, typo) == story


def test_typo_earns_less_than_the_exact_word(index: StoryIndex) -> None:
    exact = index.search("Ternopil")[0]
    typo = index.search("Ternopol")[0]
    assert exact.story is typo.story
    assert 0 < typo.coverage < exact.coverage


def test_short_words_are_not_fuzzy_matched(index: StoryIndex) -> None:
    # "gazx" is four letters with one wrong: 75% similar, below the stricter short-word cutoff.
    (term,) = index.analyse("gazx")
    assert term.candidates == ()


def test_synonyms_expand_with_lower_similarity(index: StoryIndex) -> None:
    (term,) = index.analyse("truce")
    similarities = dict(term.candidates)
    assert similarities  # "truce" is itself a keyword, and a synonym of "ceasefire"
    assert max(similarities.values()) == 1.0
    assert any(0 < s < 1.0 for s in similarities.values())


@pytest.mark.parametrize(
    ("question", "joined", "story"),
    [
        ("semi conductors", "semiconductors", "china-export-curbs"),
        ("tern opil", "ternopil", "ukraine-energy-grid"),
    ],
)
def test_split_compound_is_joined(index: StoryIndex, question: str, joined: str, story: str) -> None:
    assert [t.word for t in index.analyse(question)] == [joined]
    assert _top(index, question) == story


def test_written_apart_compound_still_finds_its_story(index: StoryIndex) -> None:
    assert _top(index, "cease fire") == "gaza-ceasefire"


def test_stopwords_and_markup_are_dropped(index: StoryIndex) -> None:
    terms = index.analyse("<@123> what is the <:flag:99> latest about @everyone Hamas https://x.test/a")
    assert [t.word for t in terms] == ["latest", "hamas"]


def test_generic_words_weigh_less(index: StoryIndex) -> None:
    weights = {t.word: t.weight for t in index.analyse("latest Hamas")}
    assert weights["hamas"] == 1.0
    assert 0 < weights["latest"] < 1.0


def test_generic_words_alone_do_not_make_a_strong_match(index: StoryIndex) -> None:
    matches = index.search("latest news today")
    assert all(not m.is_strong for m in matches)


def test_long_questions_are_truncated(index: StoryIndex) -> None:
    question = " ".join(f"word{i}" for i in range(200)) + " Ternopil"
    assert len(index.analyse(question)) == MAX_QUERY_WORDS
    assert _top(index, question) is None  # the story name came after the cut


def test_unrelated_question_covers_nothing(index: StoryIndex) -> None:
    assert index.search("recipe for lasagna") == []
    assert index.search("") == []
    assert index.search("?!") == []


def test_search_respects_the_limit(index: StoryIndex) -> None:
    assert len(index.search("war", limit=1)) <= 1
    assert len(index.search("Israel Ukraine China France", limit=10)) == 4


def test_scores_are_ordered(index: StoryIndex) -> None:
    matches = index.search("Israel Ukraine China France Hamas")
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert matches[0].story.id == "gaza-ceasefire"  # two of its names


def test_coverage_of_a_given_story(index: StoryIndex) -> None:
    terms = index.analyse("Ternopil Hamas")
    gaza = index.get("gaza-ceasefire")
    ukraine = index.get("ukraine-energy-grid")
    assert gaza is not None and ukraine is not None
    assert index.coverage_of(gaza, terms) == pytest.approx(0.5)
    assert index.coverage_of(ukraine, terms) == pytest.approx(0.5)
    assert index.coverage_of(gaza, index.analyse("lasagna")) == 0.0
    assert index.coverage_of(gaza, []) == 0.0


def test_words_counted_in_a_field_or_a_weightier_one(index: StoryIndex) -> None:
    france = index.get("france-government")
    assert france is not None
    names = [stem("rahman"), stem("eurasia"), stem("macron")]  # people and bodies it names
    prose = [stem("scrambling"), stem("free")]  # only in its text
    assert index.count_in_field(france, names + prose, "entity") == 3
    assert index.count_in_field(france, names + prose + ["zzzq"], "body") == 5  # every field counts
    assert index.count_in_field(france, prose, "entity") == 0


@pytest.mark.parametrize(
    ("name", "story"),
    [
        ("gaza-ceasefire", "gaza-ceasefire"),
        ("GAZA CEASEFIRE", "gaza-ceasefire"),
        ("france's government crisis", "france-government"),
        ("  Ukraine   blackouts ", "ukraine-energy-grid"),
        ("rare earth restrictions!", "china-export-curbs"),
    ],
)
def test_lookup_by_id_title_or_alias(index: StoryIndex, name: str, story: str) -> None:
    found = index.lookup(name)
    assert found is not None and found.id == story


@pytest.mark.parametrize("name", ["", "   ", "gaza", "ukraine energy", "no such story"])
def test_lookup_is_exact(index: StoryIndex, name: str) -> None:
    assert index.lookup(name) is None


def test_empty_index() -> None:
    index = StoryIndex([])
    assert len(index) == 0
    assert index.search("anything at all") == []
    assert index.lookup("gaza") is None


def test_two_words_run_together_are_read_apart(index: StoryIndex) -> None:
    terms = index.analyse("primeministers")
    assert [t.word for t in terms] == ["prime", "ministers"]
    # a word of the index, or one whose halves aren't both known, stays whole
    assert index.run_together_parts("ceasefire") is None
    assert index.run_together_parts("bitcoinwallet") is None


def test_a_word_inside_an_idiom_does_not_match_its_other_sense(index: StoryIndex) -> None:
    # "in force" is taking effect; "force" alone is the military's ("pull its forces back"), while
    # "cease" and "fire" of "cease fire" are the story's own "cease-fire"
    in_force = next(t for t in index.analyse("is the truce in force now") if t.word == "in force")
    assert all(key != stem("force") for key, _ in in_force.candidates), in_force
    cease_fire = next(t for t in index.analyse("did the cease fire start") if t.word == "cease fire")
    assert (stem("fire"), 1.0) in cease_fire.candidates, cease_fire


@pytest.mark.parametrize(("word", "cognate"), [("mineraux", "miner"), ("exportkontrollen", "export")])
def test_a_word_of_another_language_finds_the_stem_it_opens_with(
    index: StoryIndex, word: str, cognate: str
) -> None:
    assert cognate in dict(index.cognates(word))


def test_a_short_opening_is_no_cognate(index: StoryIndex) -> None:
    # "stun" of "Stunden" (hours) is too short to be the same word
    assert index.cognates("stunden") == ()
