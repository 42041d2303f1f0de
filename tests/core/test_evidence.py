"""Which countries a story mentions, read from the index (names) or the text (abbreviations)."""

from __future__ import annotations

from bot.core.evidence import countries_of_story, mentions_country, unmentioned_countries
from bot.core.library import StoryLibrary


def test_the_index_and_the_text_agree_on_every_country_a_story_names(library: StoryLibrary) -> None:
    index = library.index
    for story in library.stories:
        for country in countries_of_story(story):
            assert mentions_country(index, story, country), (story.id, country)


def test_a_capital_or_an_adjective_is_a_mention(library: StoryLibrary) -> None:
    gaza = library.index.get("gaza-ceasefire")
    assert gaza is not None
    assert mentions_country(library.index, gaza, "iran")  # "Tehran", "Iranian"
    assert unmentioned_countries(library.index, gaza, ["iran", "spain"]) == {"spain"}


def test_an_abbreviation_is_read_from_the_text(library: StoryLibrary) -> None:
    china = library.index.get("china-export-curbs")
    assert china is not None
    assert mentions_country(library.index, china, "united states")  # "US President ..."
