"""Which words a story is indexed under, and in which field: the per-story half of building the index.

Kept apart from :mod:`bot.core.index` (and free of numpy and pydantic) so that a worker process
extracting the words of a large catalog in parallel (:mod:`bot.core.parallel_build`) imports only
this and the text helpers: every import there counts again in each worker's memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from bot.core.text import STOPWORDS, normalise, stem, words

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
# Weights are stored as small codes that rise with the weight, so comparing codes compares weights.
WEIGHT_VALUES = sorted(set(FIELD_WEIGHTS.values()))
WEIGHT_CODES = {weight: code for code, weight in enumerate(WEIGHT_VALUES)}
FIELD_CODES = {field: WEIGHT_CODES[weight] for field, weight in FIELD_WEIGHTS.items()}
HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")

# The build stems each distinct word once (``surfaces`` remembers it), so it bypasses text.stem's
# cache: at 100k stories the vocabulary would fill it with ~65k entries (~10 MB) questions never use.
stem_once = getattr(stem, "__wrapped__", stem)


def story_fields(story: Any) -> Iterable[tuple[str, str]]:
    """Each indexed text of a :class:`~bot.core.models.Story` with the name of its field."""
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


def record_fields(plain: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    """The same texts as :func:`story_fields`, in the same order, from a packed record's plain data
    (a validated story's set fields, see ``models.pack_story``): no pydantic model is built. A field
    left unset is absent there; its default is empty, so it yields nothing, as the Story would."""
    yield "id", plain["id"].replace("-", " ")
    yield "title", plain["title"]
    yield "topic", plain["topic"]
    yield "summary", plain["summary"]
    for alias in plain.get("aliases", ()):
        yield "alias", alias
    for keyword in plain.get("keywords", ()):
        yield "keyword", keyword
    entities = plain.get("entities", {})
    for group in ("people", "places", "organisations"):  # the order of Entities.all()
        for entity in entities.get(group, ()):
            yield "entity", entity
    for update in plain["updates"]:
        yield "headline", update["headline"]
        yield "body", update["text"]
    for fact in plain.get("facts", ()):
        yield "body", fact["text"]


def index_words(text: str) -> list[str]:
    out = words(text)
    # Index hyphenated compounds both split and joined: "cease-fire" is also "ceasefire".
    # ASCII text without "-" has none (NFKC can only make a "-" out of non-ASCII), so skip the regex.
    if "-" in text or not text.isascii():
        out += [m.replace("-", "") for m in HYPHENATED.findall(normalise(text))]
    return out


def field_words(fields: Iterable[tuple[str, str]]) -> dict[str, int]:
    """The indexed words of a story's fields (stop words left out), each with the code of the
    strongest field it is in."""
    found: dict[str, int] = {}
    for field, text in fields:
        code = FIELD_CODES[field]
        for word in index_words(text):
            if found.get(word, -1) < code:
                found[word] = code
    for word in STOPWORDS.intersection(found):
        del found[word]
    return found


def story_words(story: Any) -> dict[str, int]:
    """The indexed words of a Story, each with the code of the strongest field it is in."""
    return field_words(story_fields(story))


def stem_codes(found: dict[str, int], surfaces: dict[str, str]) -> dict[str, int]:
    """Each stem of ``found`` with its strongest field; new words' stems are added to ``surfaces``."""
    codes: dict[str, int] = {}
    for word, code in found.items():
        key = surfaces.get(word)
        if key is None:
            key = stem_once(word)
            # Most words are their own stem: keep one string for both (~9 MB at 100k stories).
            key = surfaces[word] = word if key == word else key
        if codes.get(key, -1) < code:
            codes[key] = code
    return codes
