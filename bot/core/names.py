"""Finding a story by a partial or misspelt name: the fuzzy title/id/alias list behind /story.

``StoryIndex.lookup`` answers exact names and ``StoryIndex.search`` whole questions; this is the
third way in, tuned for what people type into an autocomplete box. One is built per catalog
snapshot, so it can never describe another version of the catalog.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from bot.core.models import Story
from bot.core.text import normalise, truncate

MAX_CHOICES = 25  # Discord's limit for autocomplete choices and select options
LABEL_CHARS = 100  # Discord's limit for a choice's label


class StoryNames:
    """Every title, id and alias of a catalog, normalised, each with its story's (label, id)."""

    def __init__(self, stories: Sequence[Story]) -> None:
        self._stories = stories
        self._table: tuple[list[str], list[tuple[str, str]]] | None = None
        self._building = threading.Lock()

    def _names(self) -> tuple[list[str], list[tuple[str, str]]]:
        # Built on first use, not at load: reading every story of a packed 100k catalog costs seconds,
        # and only strings are kept (holding the stories would unpack a packed catalog for good).
        if self._table is None:
            with self._building:
                if self._table is None:
                    names: list[str] = []
                    owners: list[tuple[str, str]] = []
                    for story in self._stories:
                        owner = (truncate(story.title, LABEL_CHARS), story.id)
                        for name in (story.title, story.id, *story.aliases):
                            names.append(normalise(name))
                            owners.append(owner)
                    self._table = (names, owners)
        return self._table

    def scored(self, query: str) -> list[tuple[str, str, float]]:
        """(label, story id, score 0-100) for the stories whose names resemble ``query``, best first."""
        names, owners = self._names()
        wanted = normalise(query).strip()
        hits = process.extract(wanted, names, scorer=fuzz.WRatio, limit=MAX_CHOICES * 4, score_cutoff=50)
        best: dict[str, tuple[str, str, float]] = {}
        for _, score, position in hits:
            label, story_id = owners[position]
            if story_id not in best or best[story_id][2] < score:
                best[story_id] = (label, story_id, score)
        return sorted(best.values(), key=lambda c: -c[2])
