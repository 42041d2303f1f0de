"""Every way of building the index gives the same index: the fast tokeniser exactly the words
``text.words`` gives, pruned typo look-ups and vectorised ranking what the plain scans give, and the
postings gathered a chunk at a time (a worker's words) exactly those gathered story by story."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from bot.core import index as index_module
from bot.core import postings as postings_module
from bot.core.index import StoryIndex
from bot.core.models import Story
from bot.core.postings import PostingsBuilder
from bot.core.story_words import HYPHENATED as _HYPHENATED
from bot.core.story_words import ChunkWords, ChunkWordsBuilder, story_words
from bot.core.story_words import index_words as _index_words
from bot.core.text import normalise, words


def _reference(text: str) -> list[str]:
    """What the index always indexed: ``words`` plus hyphenated compounds joined."""
    return words(text) + [m.replace("-", "") for m in _HYPHENATED.findall(normalise(text))]


_PIECES = st.sampled_from(
    [
        "a",
        "Ab",
        "ceasefire",
        "cease-fire",
        "U.S.",
        "China's",
        "Macron’s",
        "it's",
        "rock'n'roll",
        " ",
        "  ",
        "\n",
        "-",
        "--",
        "'",
        "’",
        ".",
        ",",
        "_",
        "x_y",
        "42",
        "3.5%",
        "$216",
        "<@123>",
        "<#9>",
        "<:emoji:12>",
        "<t:1700000000:R>",
        "@everyone",
        "@here",
        "e@mail",
        "http://x.y/z",
        "HTTPS://A.B",
        "Http",
        "<",
        ">",
        "ﬁne",
        "Ｆｕｌｌ",
        "café",
        "İstanbul",
        "straße",
        "naïve",
        "x²",
        "①",
        "\u00a0",
        "ǅ",
        "Kyiv-based",
        "well-",
        "-known",
        "O'Neil",
        "Hamas'",
        "sʼ",
        "ſ",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_fast_tokeniser_matches_words_on_tricky_text(text: str) -> None:
    assert _index_words(text) == _reference(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_fast_tokeniser_matches_words_on_any_text(text: str) -> None:
    assert _index_words(text) == _reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "Envoys said a treaty could be ready by September. Jelo recalled its ambassador.",
        "The cease-fire talks in Doha, Qatar were paused; Hamas's team left.",
        "Email press@example.org or see https://example.org/story for more.",
        "",
    ],
)
def test_fast_tokeniser_matches_words_on_prose(text: str) -> None:
    assert _index_words(text) == _reference(text)
    assert all(re.fullmatch(r"\w+", w) for w in _index_words(text))


# --- typo look-up: pruning by shared letters changes no result ------------------------------------


def _story(number: int, words_: list[str]) -> Story:
    return Story.model_validate(
        {
            "id": f"story-{number}",
            "title": f"Story {number}",
            "topic": "Testing",
            "summary": " ".join(words_[:5]),
            "keywords": words_,
            "updates": [{"date": dt.date(2025, 1, 1), "headline": "Headline", "text": " ".join(words_)}],
            "sources": [{"publisher": "Test"}],
        }
    )


@pytest.fixture(scope="module")
def wordy_index() -> Iterator[StoryIndex]:
    rng = random.Random(4)
    letters = "aeioubcdfgklmnprstvz" + "0123" + "éøß"
    vocabulary = sorted(
        {"".join(rng.choice(letters) for _ in range(rng.randint(4, 12))) for _ in range(4000)}
        | {"ceasefire", "electricity", "minister", "government", "negotiations", "straße"}
    )
    stories = [_story(n, vocabulary[n * 40 : (n + 1) * 40]) for n in range(len(vocabulary) // 40)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "_PRUNE_FROM", 50)  # prune every look-up, not only big ones
        index = StoryIndex(stories)
        assert index._fuzzy_counts is not None
        yield index


def _typos(rng: random.Random, word: str) -> set[str]:
    i = rng.randrange(len(word))
    return {
        word[:i] + word[i + 1 :],
        word[:i] + rng.choice("aeiouxé") + word[i:],
        word[:i] + rng.choice("aeiouxé") + word[i + 1 :],
        word[::-1],
        word + "s",
    }


def test_pruned_typo_lookup_equals_the_full_scan(wordy_index: StoryIndex, monkeypatch) -> None:
    rng = random.Random(9)
    queries = {"ceasfire", "elecricity", "minster", "goverment", "negociations", "strasse", "1234", "zzzz"}
    for word in rng.sample(wordy_index._fuzzy_words, 400):
        queries |= _typos(rng, word)
    queries = {q for q in queries if len(q) >= 4}
    pruned = {q: wordy_index._fuzzy_surfaces(q) for q in queries}
    assert sum(1 for found in pruned.values() if found) > len(queries) // 3  # typos do get found
    monkeypatch.setattr(wordy_index, "_fuzzy_candidates", lambda word, cutoff: None)
    for query in sorted(queries):
        assert pruned[query] == wordy_index._fuzzy_surfaces(query), query


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aeioubcdklmnrst0é", min_size=4, max_size=14))
def test_pruning_never_drops_a_target_that_reaches_the_cutoff(wordy_index: StoryIndex, word: str) -> None:
    cutoff = 80.0
    survivors = wordy_index._fuzzy_candidates(word, cutoff)
    assert survivors is not None
    kept = {wordy_index._fuzzy_words[i] for i in survivors.tolist()}
    for target in wordy_index._fuzzy_words:
        if abs(len(target) - len(word)) <= 2 and fuzz.ratio(word, target) >= cutoff:
            assert target in kept, target


# --- ranking: the vectorised path equals the plain loop ------------------------------------------

_POOL = (
    "talks negotiations meeting power electricity energy blackout outage strike attack missile "
    "government minister prime premier ceasefire truce hostages captive election ballot harbour "
    "lighthouse keepers union wages pensions budget deficit floods rescue drought harvest court "
    "latest situation update news"  # generic words: weight 0.3
).split()


@pytest.fixture(scope="module")
def big_index() -> StoryIndex:
    rng = random.Random(12)
    stories = [_story(n, rng.sample(_POOL, rng.randint(3, 12))) for n in range(2200)]
    index = StoryIndex(stories)
    assert len(index) >= index_module._VECTORISE_FROM
    return index


def _facts(matches: list) -> list[tuple]:
    return [(m.story.id, m.score, m.coverage, m.evidence, m.best_field) for m in matches]


def test_vectorised_ranking_equals_the_loop(big_index: StoryIndex) -> None:
    rng = random.Random(3)
    questions = ["talks", "peace talks", "pm power blackout", "latest news", "goverment strikes"]
    questions += [" ".join(rng.sample(_POOL, rng.randint(1, 6))) for _ in range(300)]
    multi = 0
    for question in questions:
        terms = big_index.analyse(question)
        multi += any(len(t.candidates) > 1 for t in terms)
        total = sum(t.weight for t in terms)
        for limit in (1, 4, 50):
            fast = big_index.rank(terms, limit)
            assert _facts(fast) == _facts(big_index._rank_loop(terms, limit, total)), question
    assert multi > 20  # synonym expansions take the general path, single words the direct one


def test_kth_largest_screen_gives_what_a_partition_gives() -> None:
    # Many scores (screened by slice maxima), few, ties everywhere, sorted either way.
    rng = np.random.default_rng(4)
    for trial in range(400):
        n = int(rng.integers(1, 9000))
        k = int(rng.integers(1, min(n, 60) + 1))
        values = [
            rng.random(n),
            np.round(rng.random(n) * 3) / 3,
            np.ones(n),
            np.sort(rng.random(n)),
            np.sort(rng.random(n))[::-1].copy(),
        ][trial % 5]
        assert index_module._kth_largest(values, k) == np.partition(values, n - k)[n - k]


# --- postings: a worker's chunk of words gives what the stories one by one give -------------------

# Words whose stems collide ("talks", "talking"), words that are their own stem, hyphenated ones
# (indexed split and joined), stop words, and words met again in later chunks.
_WORDS = (
    "talks talk talking talked ceasefire cease-fire truce power powers powerful grid grids strike "
    "strikes striking minister ministers ministry election elections elected the of and Kyiv-based "
    "harbour harbours blackout blackouts outage ruling rulings court courts pay paid wages"
).split()


def _chunk_stories(count: int, seed: int) -> list[Story]:
    rng = random.Random(seed)
    return sorted(
        (_story(n, rng.sample(_WORDS, rng.randint(1, 12))) for n in range(count)), key=lambda story: story.id
    )


def _by_story(stories: list[Story]) -> PostingsBuilder:
    built = PostingsBuilder()
    for story in stories:
        built.add(story.id, story_words(story))
    return built


def _by_chunk(stories: list[Story], cuts: list[int]) -> PostingsBuilder:
    built = PostingsBuilder()
    for lo, hi in zip([0, *cuts], [*cuts, len(stories)], strict=True):
        words_ = ChunkWordsBuilder()  # as a worker does for the chunk's good stories
        for story in stories[lo:hi]:
            words_.add(story.id, story_words(story))
        assert built.add_chunk([story.id for story in stories[lo:hi]], words_.result())
    return built


def _same_build(a: StoryIndex, b: StoryIndex) -> None:
    assert a.small_state() == b.small_state()  # stem numbers, surface words and their stems, in order
    assert list(a._surface_df.items()) == list(b._surface_df.items())
    arrays_a, arrays_b = a.arrays(), b.arrays()
    assert arrays_a.keys() == arrays_b.keys()
    for name in arrays_a:
        assert np.array_equal(arrays_a[name], arrays_b[name]), name


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 60), st.integers(0, 10**6), st.data())
def test_postings_by_chunk_equal_postings_by_story(count: int, seed: int, data: st.DataObject) -> None:
    stories = _chunk_stories(count, seed)
    cuts = sorted(data.draw(st.lists(st.integers(0, count), max_size=6)))  # empty chunks too
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(postings_module, "CHUNK_POSTINGS", 40)  # sorted chunks cut at other places
        one_by_one = StoryIndex(stories, _by_story(stories))
        chunked = StoryIndex(stories, _by_chunk(stories, cuts))
        read_here = StoryIndex(stories)
    _same_build(chunked, one_by_one)
    _same_build(read_here, one_by_one)


def test_a_chunk_out_of_order_or_of_other_stories_is_refused_whole() -> None:
    stories = _chunk_stories(30, 7)
    first, second = stories[:20], stories[20:]

    def chunk_of(chunk_stories: list[Story]) -> ChunkWords:
        words_ = ChunkWordsBuilder()
        for story in chunk_stories:
            words_.add(story.id, story_words(story))
        return words_.result()

    chunk = chunk_of(second)
    built = _by_story(first)
    before = built.ids.copy()
    assert not built.add_chunk([story.id for story in second[1:]], chunk)  # not the chunk's stories
    backwards = second[::-1]
    assert not built.add_chunk([story.id for story in backwards], chunk_of(backwards))  # not ascending
    early = _by_story(stories[25:])
    assert not early.add_chunk([story.id for story in second], chunk)  # ids not after those added
    assert built.ids == before
    assert built.add_chunk([story.id for story in second], chunk)
    _same_build(StoryIndex(stories, built), StoryIndex(stories))
