"""The search index: which story is a question about?

Questions are sentences and stories are documents, so whole-string fuzzy ratios are a poor fit. The
index works on words instead: every story word is stemmed and stored with the weight of the field it
came from (a word in the title says more than one in the body). A question word matches a story word
exactly, through a small synonym table, or - for typos - through rapidfuzz against the vocabulary.

Two numbers come out per story:
- ``score`` ranks stories: matched words weighted by field and rarity (BM25-style idf);
- ``coverage`` says how much of the question the story explains (0..1): the confidence. A question
  with words no story contains ("how tall is the Eiffel tower") covers nothing and is declined.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.core.models import Story
from bot.core.text import (
    GENERIC_WORDS,
    STOPWORDS,
    SYNONYMS,
    normalise,
    stem,
    words,
)

# How much a word says about a story, by the field it appears in.
FIELD_WEIGHTS = {
    "id": 3.0,
    "title": 3.0,
    "alias": 2.6,
    "entity": 2.4,
    "keyword": 2.2,
    "topic": 1.6,
    "headline": 1.6,
    "summary": 1.4,
    "body": 1.0,
}
GENERIC_WEIGHT = 0.3  # a generic word ("latest", "situation") counts this much of a topical one
SYNONYM_SIMILARITY = 0.85
MIN_FUZZY_LENGTH = 4
MAX_QUERY_WORDS = 40  # long pastes are truncated: the first words decide the topic
_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")


@dataclass(frozen=True)
class Match:
    story: Story
    score: float
    coverage: float
    evidence: int = 0  # how many topical (non-generic) question words the story matched
    best_field: float = 0.0  # weight of the strongest field any question word matched in

    @property
    def is_strong(self) -> bool:
        """One body word alone ("time", "part") is too thin to call a story the answer."""
        return self.evidence >= 2 or (self.evidence >= 1 and self.best_field >= FIELD_WEIGHTS["summary"])


@dataclass(frozen=True)
class QueryTerm:
    """One question word and the vocabulary stems it may stand for, with similarity 0..1."""

    word: str
    weight: float
    candidates: tuple[tuple[str, float], ...]


def _fuzzy_cutoff(word: str) -> float:
    # Short words need a stricter ratio: one wrong letter in four is already 25%.
    return 85.0 if len(word) <= 4 else 80.0


def _fuzzy_credit(ratio: float) -> float:
    # A 100 would have been an exact match; an 80 earns about 0.6 so typos count, but less.
    return 0.95 * (ratio / 100.0) ** 2


class StoryIndex:
    """An inverted index over stories with typo-tolerant word lookup."""

    def __init__(self, stories: Iterable[Story]) -> None:
        self.stories: tuple[Story, ...] = tuple(stories)
        self._by_id = {s.id: s for s in self.stories}
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        surfaces: dict[str, str] = {}
        for position, story in enumerate(self.stories):
            for field, text in _story_fields(story):
                weight = FIELD_WEIGHTS[field]
                for word in _index_words(text):
                    if word in STOPWORDS:
                        continue
                    key = stem(word)
                    surfaces.setdefault(word, key)
                    slot = postings[key]
                    if slot.get(position, 0.0) < weight:
                        slot[position] = weight
        total = len(self.stories)
        # Compact storage: two parallel arrays per stem instead of a dict per stem keeps the index
        # small at catalog scale.
        self._postings: dict[str, tuple[array, array]] = {}
        self._idf: dict[str, float] = {}
        for key, slot in postings.items():
            self._postings[key] = (array("I", slot.keys()), array("f", slot.values()))
            df = len(slot)
            self._idf[key] = math.log(1.0 + (total - df + 0.5) / (df + 0.5))
        self._surface_to_stem = surfaces
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in surfaces:
            if len(word) >= MIN_FUZZY_LENGTH - 1:
                by_length[len(word)].append(word)
        self._surfaces_by_length = {length: tuple(ws) for length, ws in by_length.items()}
        self._expand = lru_cache(maxsize=50_000)(self._expand_uncached)

    def __len__(self) -> int:
        return len(self.stories)

    def get(self, story_id: str) -> Story | None:
        return self._by_id.get(story_id)

    def vocabulary_size(self) -> int:
        return len(self._postings)

    # --- question analysis -------------------------------------------------------------------

    def analyse(self, question: str) -> list[QueryTerm]:
        """Turn a question into weighted terms, each with the stems it may match."""
        tokens = [w for w in words(question) if w not in STOPWORDS][:MAX_QUERY_WORDS]
        terms: list[QueryTerm] = []
        skip_next = False
        for i, word in enumerate(tokens):
            if skip_next:
                skip_next = False
                continue
            # "cease fire" written apart still finds "ceasefire" (only when the parts alone don't).
            if i + 1 < len(tokens):
                joined = word + tokens[i + 1]
                parts_known = stem(word) in self._postings and stem(tokens[i + 1]) in self._postings
                if not parts_known and stem(joined) in self._postings:
                    terms.append(QueryTerm(joined, 1.0, ((stem(joined), 1.0),)))
                    skip_next = True
                    continue
            weight = GENERIC_WEIGHT if word in GENERIC_WORDS else 1.0
            terms.append(QueryTerm(word, weight, self._expand(word)))
        return terms

    def _expand_uncached(self, word: str) -> tuple[tuple[str, float], ...]:
        found: dict[str, float] = {}
        key = stem(word)
        if key in self._postings:
            found[key] = 1.0
        for synonym in SYNONYMS.get(word, ()):
            syn_key = stem(synonym)
            if syn_key in self._postings and found.get(syn_key, 0.0) < SYNONYM_SIMILARITY:
                found[syn_key] = SYNONYM_SIMILARITY
        if key not in self._postings and len(word) >= MIN_FUZZY_LENGTH and not word.isdigit():
            for surface, ratio in self._fuzzy_surfaces(word):
                fuzzy_key = self._surface_to_stem[surface]
                credit = _fuzzy_credit(ratio)
                if found.get(fuzzy_key, 0.0) < credit:
                    found[fuzzy_key] = credit
        return tuple(found.items())

    def _fuzzy_surfaces(self, word: str) -> list[tuple[str, float]]:
        cutoff = _fuzzy_cutoff(word)
        out: list[tuple[str, float]] = []
        for length in range(len(word) - 2, len(word) + 3):
            choices = self._surfaces_by_length.get(length)
            if not choices:
                continue
            for surface, ratio, _ in process.extract(
                word, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3
            ):
                out.append((surface, ratio))
        out.sort(key=lambda pair: -pair[1])
        return out[:3]

    # --- ranking -----------------------------------------------------------------------------

    def search(self, question: str, limit: int = 5) -> list[Match]:
        """Stories ranked by relevance to the question, best first, with their coverage."""
        return self.rank(self.analyse(question), limit)

    def rank(self, terms: Sequence[QueryTerm], limit: int = 5) -> list[Match]:
        total_weight = sum(t.weight for t in terms)
        if not terms or total_weight <= 0:
            return []
        scores: dict[int, float] = defaultdict(float)
        covered: dict[int, float] = defaultdict(float)
        evidence: dict[int, int] = defaultdict(int)
        best_field: dict[int, float] = defaultdict(float)
        for term in terms:
            best: dict[int, tuple[float, float, float]] = {}
            for key, similarity in term.candidates:
                ids, field_weights = self._postings[key]
                idf = self._idf[key]
                for position, field_weight in zip(ids, field_weights, strict=True):
                    contribution = term.weight * similarity * idf * field_weight
                    current = best.get(position)
                    if current is None or contribution > current[0]:
                        best[position] = (contribution, similarity, field_weight)
            topical = term.weight >= 1.0
            for position, (contribution, similarity, field_weight) in best.items():
                scores[position] += contribution
                covered[position] += term.weight * similarity
                if topical:
                    evidence[position] += 1
                    best_field[position] = max(best_field[position], field_weight)
        ranked = sorted(scores, key=lambda p: (-scores[p], p))[:limit]
        return [
            Match(
                self.stories[p],
                round(scores[p], 4),
                round(min(1.0, covered[p] / total_weight), 4),
                evidence[p],
                best_field[p],
            )
            for p in ranked
        ]

    def coverage_of(self, story: Story, terms: Sequence[QueryTerm]) -> float:
        """How much of the question one given story explains (used for follow-ups)."""
        total_weight = sum(t.weight for t in terms)
        if total_weight <= 0:
            return 0.0
        position = self.stories.index(story)
        covered = 0.0
        for term in terms:
            best = 0.0
            for key, similarity in term.candidates:
                if similarity > best and self._contains(key, position):
                    best = similarity
            covered += term.weight * best
        return min(1.0, covered / total_weight)

    def _contains(self, key: str, position: int) -> bool:
        ids = self._postings[key][0]
        # Posting arrays are filled in story order, so they are sorted and bisect applies.
        i = bisect_left(ids, position)
        return i < len(ids) and ids[i] == position

    def lookup(self, name: str) -> Story | None:
        """A story by exact id, title or alias (case and punctuation ignored)."""
        wanted = _plain(name)
        if not wanted:
            return None
        for story in self.stories:
            if wanted in {_plain(story.id), _plain(story.title), *map(_plain, story.aliases)}:
                return story
        return None


def _plain(text: str) -> str:
    return " ".join(words(text))


def _index_words(text: str) -> list[str]:
    out = words(text)
    # Index hyphenated compounds both split and joined: "cease-fire" is also "ceasefire".
    out += [m.replace("-", "") for m in _HYPHENATED.findall(normalise(text))]
    return out


def _story_fields(story: Story) -> Iterable[tuple[str, str]]:
    yield "id", story.id.replace("-", " ")
    yield "title", story.title
    yield "topic", story.topic
    yield "summary", story.summary
    for alias in story.aliases:
        yield "alias", alias
    for keyword in story.keywords:
        yield "keyword", keyword
    for entity in story.entities.all():
        yield "entity", entity
    for update in story.updates:
        yield "headline", update.headline
        yield "body", update.text
    for fact in story.facts:
        yield "body", fact.text
