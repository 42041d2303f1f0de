"""Evidence about a story that word matching alone misses: countries a text names that the story never
mentions. Both the answerer ("Spain's prime minister" is not the France story) and the feed matcher
("power outage in Madrid" is not the Ukraine grid story) use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from bot.core.geography import ABBREVIATED, countries_in, forms_of
from bot.core.index import StoryIndex
from bot.core.models import Story
from bot.core.text import stem


def unmentioned_countries(index: StoryIndex, story: Story, countries: Iterable[str]) -> frozenset[str]:
    """The countries among ``countries`` that the story names by none of their names."""
    return frozenset(c for c in countries if not mentions_country(index, story, c))


def mentions_country(index: StoryIndex, story: Story, country: str) -> bool:
    """Whether the story names the country by any of its names. The index answers for names made of
    words (a look-up per name, where reading the story's text costs a story's first question ~1 ms);
    only abbreviations such as "US", which are not indexed words, need the text."""
    if any(index.mentions(story, [stem(w) for w in form]) for form in forms_of(country)):
        return True
    return country in ABBREVIATED and country in countries_of_story(story)


def countries_of_story(story: Story) -> frozenset[str]:
    """Every country the story's text names, by any of its names (the reader questions use too)."""
    return _countries_of(story.searchable_text())


@lru_cache(maxsize=1024)
def _countries_of(text: str) -> frozenset[str]:
    return countries_in(text)
