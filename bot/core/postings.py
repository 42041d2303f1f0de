"""Building an index's postings story by story: the columns, their chunks, and the merge into one
compressed sparse (CSR) layout.

Kept apart from :mod:`bot.core.index` so that whoever has a story's words at hand can add them
here: the index reading its stories, or the library while it parses files on a cold start (a packed
story need then not be unpacked again only to be tokenised), a story at a time or, from a worker
process, a chunk of stories at a time. Numpy only; no pydantic.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from bot.core.story_words import ChunkWords, stem_codes

# Postings sorted per chunk while the index is built: sorting all 15 million postings of a 100k
# catalog at once held the columns, an 8-byte sort order and the result together.
CHUNK_POSTINGS = 1 << 20
MERGE_BLOCK = 1 << 16  # postings placed at a time while merging chunks


@dataclass(frozen=True)
class PostingChunk:
    """Postings of consecutive stories, sorted by stem (stable: stories ascending within a stem)."""

    # int32 postings per stem number (stems numbered so far): a chunk holds at most a few million,
    # and at 100k stories the ~15 chunks' counts (one per stem each) were ~20 MB as int64.
    counts: np.ndarray
    ids: np.ndarray  # int32 story positions
    codes: np.ndarray  # uint8 field codes

    @classmethod
    def of(
        cls, keys: array[int] | np.ndarray, stories: array[int] | np.ndarray, codes: array[int] | np.ndarray
    ) -> PostingChunk:
        if len(keys) == 0:
            return cls(np.zeros(0, dtype=np.int32), np.zeros(0, np.int32), np.zeros(0, np.uint8))
        key_column = np.frombuffer(keys, dtype=np.int32)
        counts = np.bincount(key_column).astype(np.int32)
        # Stem numbers are never negative; below 65,536 stems they fit 16 bits, and numpy's stable
        # sort of 16-bit keys is a radix sort: the same order, ~3x sooner than its merge sort of
        # int32 keys (~40 ms of a 10k cold start, spent after the worker is done).
        sortable = key_column.astype(np.uint16) if len(counts) <= 1 << 16 else key_column
        order = np.argsort(sortable, kind="stable")
        return cls(
            counts,
            np.frombuffer(stories, dtype=np.int32)[order],
            np.frombuffer(codes, dtype=np.uint8)[order],
        )


@dataclass
class Postings:
    """What a full build's pass over the stories yields (see ``StoryIndex.__init__``)."""

    key_ids: dict[str, int]  # stem -> number, numbered in the order first met
    surfaces: dict[str, str]  # surface word -> stem
    surface_df: Counter[str]  # surface word -> stories holding it
    chunks: list[PostingChunk]


class PostingsBuilder:
    """The postings of stories added one at a time, in position order (0, 1, 2, ...).

    Columns of (stem number, position, field code) grow as stories come and are sorted by stem into
    a chunk every ``CHUNK_POSTINGS`` postings (5 bytes a posting, per-stem counts).
    """

    def __init__(self) -> None:
        self.ids: list[str] = []  # the story ids added, in position order
        self._key_ids: dict[str, int] = {}
        self._surfaces: dict[str, str] = {}
        # In how many stories each surface word occurs: an update drops a word from the typo
        # vocabulary when its last story goes, as a full build would not have seen it.
        self._surface_df: Counter[str] = Counter()
        self._chunks: list[PostingChunk] = []
        self._new_columns()

    def _new_columns(self) -> None:
        self._col_key = array("i")
        self._col_story = array("i")
        self._col_code = array("B")

    def add(self, story_id: str, found: dict[str, int]) -> None:
        """The next story: its id and its indexed words with their field codes (``story_words``)."""
        position = len(self.ids)
        self.ids.append(story_id)
        self._surface_df.update(found.keys())
        codes = stem_codes(found, self._surfaces)
        key_ids = self._key_ids
        col_key = self._col_key
        for key in codes:
            number = key_ids.get(key)
            if number is None:
                number = key_ids[key] = len(key_ids)
            col_key.append(number)
        self._col_story.extend([position] * len(codes))
        self._col_code.extend(codes.values())
        self._chunk_if_full()

    def add_chunk(self, ids: Sequence[str], words: ChunkWords) -> bool:
        """The next stories at once (``ids``, in order), their words as a worker numbered them within
        their chunk (``story_words.ChunkWordsBuilder``). They are renumbered into this builder's tables
        in the order the chunk met them, so every table (stem numbers, surface words, their story
        counts) comes out exactly as adding the stories one by one makes it.

        False, and nothing added, when ``ids`` are not the chunk's stories or do not continue the
        ascending order: the caller then leaves the index to read the stories itself."""
        if words.ids != "\n".join(ids):
            return False
        if ids and self.ids and self.ids[-1] >= ids[0]:
            return False
        if any(a >= b for a, b in pairwise(ids)):
            return False
        first = len(self.ids)
        self.ids.extend(ids)  # the caller's strings: one copy of each id, shared with its tables
        surfaces, surface_df = self._surfaces, self._surface_df
        counts = np.frombuffer(words.surface_counts, dtype=np.int32).tolist()
        stems = _lines(words.surface_stems)
        for word, stem, count in zip(_lines(words.surfaces), stems, counts, strict=True):
            if word in surfaces:
                surface_df[word] += count
            else:
                # As ``stem_codes``: a word that is its own stem is one string for both.
                surfaces[word] = word if stem == word else stem
                surface_df[word] = count
        key_ids = self._key_ids
        numbers = np.fromiter(
            (key_ids.setdefault(_shared(stem, surfaces), len(key_ids)) for stem in _lines(words.stems)),
            dtype=np.int32,
        )
        lengths = np.frombuffer(words.lengths, dtype=np.int32)
        self._col_key.frombytes(numbers[np.frombuffer(words.keys, dtype=np.int32)].tobytes())
        positions = np.repeat(np.arange(first, first + len(ids), dtype=np.int32), lengths)
        self._col_story.frombytes(positions.tobytes())
        self._col_code.frombytes(words.codes)
        self._chunk_if_full()
        return True

    def _chunk_if_full(self) -> None:
        if len(self._col_key) >= CHUNK_POSTINGS:
            self._chunks.append(PostingChunk.of(self._col_key, self._col_story, self._col_code))
            self._new_columns()

    def result(self) -> Postings:
        """Everything added, as the index takes it; the builder is spent."""
        self._chunks.append(PostingChunk.of(self._col_key, self._col_story, self._col_code))
        self._new_columns()
        return Postings(self._key_ids, self._surfaces, self._surface_df, self._chunks)


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def _shared(stem: str, surfaces: dict[str, str]) -> str:
    """The string ``surfaces`` already holds for a stem that is also a word (one copy, not two)."""
    held = surfaces.get(stem)
    return held if held == stem else stem


def merge_chunks(chunks: list[PostingChunk], starts: array[int], stems: int) -> tuple[np.ndarray, np.ndarray]:
    """One CSR layout from the chunks, each freed once copied: a stem's postings are its postings in
    chunk 1, then chunk 2, ... (chunks hold consecutive stories, so each slice stays ascending)."""
    total = starts[-1]
    ids = np.empty(total, dtype=np.int32)
    codes = np.empty(total, dtype=np.uint8)
    # Where the next posting of each stem goes.
    filled = np.frombuffer(starts, dtype=np.int64)[:stems].copy()
    while chunks:
        chunk = chunks.pop(0)
        n = len(chunk.counts)
        if not n:
            continue
        # Posting j of the chunk (stem s, k-th of that stem in the chunk) goes to filled[s] + k, i.e.
        # to j + shift[s]. Placed a block of stems at a time: the int64 index columns for a whole
        # chunk of 1M postings (~30 MB) were the largest allocation of a 100k build.
        chunk_starts = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(chunk.counts, out=chunk_starts[1:])
        shift = filled[:n] - chunk_starts[:n]
        lo = 0
        while lo < n:
            # Stems [lo, hi) hold about MERGE_BLOCK postings (at least one stem).
            hi = max(lo + 1, int(np.searchsorted(chunk_starts, chunk_starts[lo] + MERGE_BLOCK, "right")) - 1)
            hi = min(hi, n)
            first, last = int(chunk_starts[lo]), int(chunk_starts[hi])
            dest = np.repeat(shift[lo:hi], chunk.counts[lo:hi])
            dest += np.arange(first, last, dtype=np.int64)
            ids[dest] = chunk.ids[first:last]
            codes[dest] = chunk.codes[first:last]
            lo = hi
        filled[:n] += chunk.counts
    return ids, codes


def starts_of(df: np.ndarray) -> array[int]:
    """Where each stem's postings start in a CSR layout with ``df`` postings per stem."""
    starts = np.zeros(len(df) + 1, dtype=np.int64)
    np.cumsum(df, out=starts[1:])
    return array("q", starts.tobytes())
