"""The index's postings of a large packed catalog, built from words extracted in worker processes.

A full build reads every story: unpacking it, tokenising its fields and stemming (~100 us a story,
~10 s at 100k). Workers (:mod:`bot.core.workers`) do that for chunks of consecutive stories with
:func:`bot.core.story_words.record_chunk_words` and number words and stems within the chunk; this
process renumbers them into the index's tables, taking the chunks in order and each chunk's words in
the order the chunk met them, so every table (stem numbers, surface words, their document counts)
comes out exactly as the serial build in :class:`bot.core.index.StoryIndex` makes it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Generic, TypeVar

import numpy as np

from bot.core.models import PACK_DICTIONARY
from bot.core.story_words import ChunkWords, record_chunk_words
from bot.core.workers import POOL_FAILURES, worker_pool

log = logging.getLogger(__name__)

# Stories per task: ~0.1 s of a worker's time. Each chunk stems its own distinct words again (a
# worker keeps no vocabulary between chunks, which would cost it ~20 MB), so not much smaller.
BUILD_CHUNK = 5000

Chunk = TypeVar("Chunk")


@dataclass
class Postings(Generic[Chunk]):
    """What a full build's pass over the stories yields (see ``StoryIndex.__init__``)."""

    key_ids: dict[str, int]  # stem -> number, numbered in the order first met
    surfaces: dict[str, str]  # surface word -> stem
    surface_df: Counter[str]  # surface word -> stories holding it
    chunks: list[Chunk]  # the chunk type of the caller's choosing


def postings_in_workers(
    records: Sequence[bytes],
    ids: Sequence[str],
    sorted_chunk: Callable[[np.ndarray, np.ndarray, np.ndarray], Chunk],
    chunk_postings: int,
) -> Postings[Chunk] | None:
    """The postings of ``records`` (packed stories whose ids are ``ids``), gathered into chunks of
    at least ``chunk_postings`` postings by ``sorted_chunk(stems, positions, codes)``; None when the
    workers could not do it (the caller then builds here)."""
    built: Postings[Chunk] = Postings({}, {}, Counter(), [])
    pending: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    pending_size = 0
    try:
        with worker_pool() as pool:
            starts = range(0, len(records), BUILD_CHUNK)
            tasks = [records[at : at + BUILD_CHUNK] for at in starts]
            words = pool.map(record_chunk_words, tasks, repeat(PACK_DICTIONARY))
            for at, chunk in zip(starts, words, strict=True):
                columns = _renumbered(chunk, at, ids, built)
                pending.append(columns)
                pending_size += len(columns[0])
                if pending_size >= chunk_postings:
                    built.chunks.append(sorted_chunk(*_joined(pending)))
                    pending, pending_size = [], 0
    except POOL_FAILURES as exc:
        log.warning("indexing in worker processes failed (%s); indexing here", exc)
        return None
    built.chunks.append(sorted_chunk(*_joined(pending)))
    return built


def _renumbered(
    chunk: ChunkWords, first: int, ids: Sequence[str], built: Postings[Chunk]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One chunk's postings as columns (stem number, story position, code) in the index's numbering;
    its words and stems are added to ``built``'s tables in the order the chunk met them."""
    chunk_ids = _lines(chunk.ids)
    for offset, story_id in enumerate(chunk_ids):
        if ids[first + offset] != story_id:
            raise ValueError(f"packed story {first + offset} is {story_id!r}, not {ids[first + offset]!r}")
    surfaces, surface_df = built.surfaces, built.surface_df
    counts = np.frombuffer(chunk.surface_counts, dtype=np.int32).tolist()
    for word, stem, count in zip(_lines(chunk.surfaces), _lines(chunk.surface_stems), counts, strict=True):
        if word in surfaces:
            surface_df[word] += count
        else:
            # As the serial build: a word that is its own stem is one string for both.
            surfaces[word] = word if stem == word else stem
            surface_df[word] = count
    key_ids = built.key_ids
    numbers = np.fromiter(
        (key_ids.setdefault(_shared(stem, surfaces), len(key_ids)) for stem in _lines(chunk.stems)),
        dtype=np.int32,
    )
    keys = numbers[np.frombuffer(chunk.keys, dtype=np.int32)]
    lengths = np.frombuffer(chunk.lengths, dtype=np.int32)
    positions = np.repeat(np.arange(first, first + len(lengths), dtype=np.int32), lengths)
    return keys, positions, np.frombuffer(chunk.codes, dtype=np.uint8)


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def _shared(stem: str, surfaces: dict[str, str]) -> str:
    """The string ``surfaces`` already holds for a stem that is also a word (one copy, not two)."""
    held = surfaces.get(stem)
    return held if held == stem else stem


def _joined(
    columns: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not columns:
        return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.uint8)
    keys, positions, codes = zip(*columns, strict=True)
    return np.concatenate(keys), np.concatenate(positions), np.concatenate(codes)
