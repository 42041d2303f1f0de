"""Evidence about a story that word matching alone misses: countries a text names that the story never
mentions. Both the answerer ("Spain's prime minister" is not the France story) and the feed matcher
("power outage in Madrid" is not the Ukraine grid story) use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from bot.core.geography import countries_in, forms_of
from bot.core.index import StoryIndex
from bot.core.models import Story
from bot.core.text import stem


def unmentioned_countries(index: StoryIndex, story: Story, countries: Iterable[str]) -> frozenset[str]:
    """The countries among ``countries`` that the story names by none of their names."""
    missing = set()
    for country in countries:
        if any(index.mentions(story, [stem(w) for w in form]) for form in forms_of(country)):
            continue
        # Abbreviations such as "US" are not indexed words; the story's text decides.
        if country not in countries_of_story(story):
            missing.add(country)
    return frozenset(missing)


def countries_of_story(story: Story) -> frozenset[str]:
    """Every country the story's text names, by any of its names (the reader questions use too)."""
    return _countries_of(story.searchable_text())


@lru_cache(maxsize=1024)
def _countries_of(text: str) -> frozenset[str]:
    return countries_in(text)
