"""The index build's fast tokeniser must give exactly the words ``text.words`` gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.index import _HYPHENATED, _index_words
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
