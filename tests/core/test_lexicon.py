"""The vocabulary data: concept groups, their phrases and the forms they match."""

from __future__ import annotations

import pytest

from bot.core.lexicon import CONCEPT_PREFIX, lexicon


@pytest.mark.parametrize(
    ("words", "concept"),
    [
        # irregular past forms of a phrase's verb match the phrase ("took part" is "take part")
        ("took part", "boycott"),
        ("withdrew", "withdraw"),
        ("sat down", "talks"),
        # ... and the regular ones still do
        ("takes part", "boycott"),
    ],
)
def test_concepts_match_the_verbs_past_forms(words: str, concept: str) -> None:
    assert CONCEPT_PREFIX + concept in lexicon().tag(words.split())


def test_a_past_form_alone_is_not_the_phrase() -> None:
    # "took" alone is no taking part: only the whole phrase carries the concept
    assert CONCEPT_PREFIX + "boycott" not in lexicon().tag(["took"])


@pytest.mark.parametrize(
    ("said", "story_says"),
    [
        ("the little ones", "the children"),
        ("picking through the rubble", "looked over the rubble"),
        ("kiddies sifting through", "children looked over"),
    ],
)
def test_how_people_say_searching_rubble_is_what_the_story_says(said: str, story_says: str) -> None:
    lex = lexicon()
    assert lex.tag(said.split()) & lex.tag(story_says.split())


@pytest.mark.parametrize(
    ("said", "concept"),
    [
        ("fraid", "fear"),  # "afraid", clipped
        ("bide", "stick"),  # Scots: stay, last
        ("2", "number_2"),  # a number in figures is the number in words
        ("two", "number_2"),
    ],
)
def test_clipped_dialect_and_number_forms_carry_their_concept(said: str, concept: str) -> None:
    assert CONCEPT_PREFIX + concept in lexicon().tag([said])
