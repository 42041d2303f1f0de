"""Which words a story is indexed under, and in which field: the per-story half of building the index.

Kept apart from :mod:`bot.core.index` (and free of numpy) so that a worker process parsing part of
a large catalog (:mod:`bot.core.parallel_parse`) takes its stories' words with it without importing
the index: every import there counts again in the worker's memory.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from bot.core.packing import unpack_plain
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


def record_words(record: bytes, dictionary: bytes) -> tuple[str, dict[str, int]]:
    """A packed record's story id and indexed words, as :func:`story_words` gives them for the Story."""
    plain = unpack_plain(record, dictionary)
    return plain["id"], field_words(record_fields(plain))


class ChunkWordsBuilder:
    """The words and stem codes of consecutive stories, numbered within their chunk.

    Run in a worker process (see :mod:`bot.core.parallel_parse`) beside the parsing: everything
    goes back as a few strings and byte arrays (:class:`ChunkWords`), cheap to send. Surface words
    and stems are listed in the order a serial build first meets them, so the parent numbers them
    exactly as the serial build would (``postings.PostingsBuilder.add_chunk``).
    """

    def __init__(self) -> None:
        self._surfaces: dict[str, str] = {}  # surface word -> stem, in the order first met
        self._counts: dict[str, int] = {}  # surface word -> stories of the chunk it is in (same order)
        self._stem_numbers: dict[str, int] = {}  # stem -> its number in the chunk, in the order first met
        self._ids: list[str] = []
        self._keys = array("i")
        self._codes = array("B")
        self._lengths = array("i")

    def add(self, story_id: str, found: dict[str, int]) -> None:
        """The next story: its id and its indexed words with their field codes (``story_words``)."""
        self._ids.append(story_id)
        counts = self._counts
        for word in found:
            counts[word] = counts.get(word, 0) + 1
        story_codes = stem_codes(found, self._surfaces)
        stem_numbers, keys = self._stem_numbers, self._keys
        for key in story_codes:
            number = stem_numbers.get(key)
            if number is None:
                number = stem_numbers[key] = len(stem_numbers)
            keys.append(number)
        self._codes.extend(story_codes.values())
        self._lengths.append(len(story_codes))

    def result(self) -> ChunkWords:
        return ChunkWords(
            ids="\n".join(self._ids),
            surfaces="\n".join(self._surfaces),
            surface_stems="\n".join(self._surfaces.values()),
            surface_counts=array("i", self._counts.values()).tobytes(),
            stems="\n".join(self._stem_numbers),
            keys=self._keys.tobytes(),
            codes=self._codes.tobytes(),
            lengths=self._lengths.tobytes(),
        )


class ChunkWords(NamedTuple):
    """What :class:`ChunkWordsBuilder` gives: word lists joined by newlines (words never hold one)
    and int32 / uint8 arrays as bytes, a handful of objects to pickle per chunk."""

    ids: str  # the stories' ids, in order
    surfaces: str  # distinct surface words, in the order first met
    surface_stems: str  # the stem of each surface word
    surface_counts: bytes  # int32: how many of the chunk's stories hold each surface word
    stems: str  # distinct stems, in the order first met (their chunk numbers: 0, 1, ...)
    keys: bytes  # int32 chunk stem number per posting, story after story
    codes: bytes  # uint8 field code per posting
    lengths: bytes  # int32 postings per story
