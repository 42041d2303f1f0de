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
import mmap
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.lexicon import fold, lexicon
from bot.core.memo import memoised
from bot.core.models import PACK_DICTIONARY, PackedStories, Story
from bot.core.postings import (
    MERGE_BLOCK,
    Postings,
    PostingsBuilder,
    merge_chunks,
    starts_of,
)
from bot.core.story_words import FIELD_CODES, FIELD_WEIGHTS, WEIGHT_VALUES, record_words
from bot.core.story_words import stem_codes as _stem_codes
from bot.core.story_words import story_words as _story_words
from bot.core.text import (
    GENERIC_WORDS,
    STOPWORDS,
    stem,
    words,
)

MIN_SPLIT_PART = 4  # each half of two words run together ("primeministers"), at least
GENERIC_WEIGHT = 0.3  # a generic word ("latest", "situation") counts this much of a topical one
SYNONYM_SIMILARITY = 0.85
MIN_FUZZY_LENGTH = 4
# What a word typed with two neighbouring letters swapped earns of the word's own matches
TRANSPOSED_CREDIT = 0.85
# A word of another language that opens like a story's stem is that word ("stratégiques"):
MIN_COGNATE_STEM = 5  # letters of the stem, at least ("stun" of "Stunden" is no cognate)
MIN_NAME_COGNATE = 4  # ... of a name's ("Gazy": Gaza)
MAX_COGNATE_STEM = 12
COGNATE_SIMILARITY = 0.75
MAX_COGNATES = 3
MAX_QUERY_WORDS = 40  # long pastes are truncated: the first words decide the topic
_VECTORISE_FROM = 2000  # below this many stories numpy's per-call overhead outweighs the plain loop
_OTHER_COLUMN = 36  # letter-count rows: a-z, 0-9, then everything else
_MAX_COUNTED = 250  # longer words are not pruned (their letter counts might not fit a byte)
_PRUNE_FROM = 2000  # below this many typo targets rapidfuzz alone is as fast
_COUNT_BLOCK = 16384  # typo targets whose letters are counted at a time
# Field weights are stored as float32 codes; ranking sees the same float32-rounded values it always
# has (a summary match weighs float32(1.4), which the answerer compares against 1.4).
_WEIGHT_FLOAT32 = [array("f", [w])[0] for w in WEIGHT_VALUES]
_WEIGHT_TABLE = np.array(_WEIGHT_FLOAT32)
# The arrays ``StoryIndex.adopt`` may swap for memory-mapped copies: (name in ``arrays``, attribute).
_ADOPTABLE = (
    ("ids", "_ids"),
    ("codes", "_codes"),
    ("fuzzy_lengths", "_fuzzy_lengths"),
    ("fuzzy_counts", "_fuzzy_counts"),
)
# ``StoryIndex.updated`` builds afresh once dead and added slots since the last full build pass
# this share of the catalog (each update re-sorts the delta; ranking sizes arrays by slots).
MERGE_SHARE = 0.1
# Past this share of the catalog added in one update, it is built afresh rather than merged.
REBUILD_SHARE = 0.5


class Match(NamedTuple):
    """A story ranked for a question. A named tuple, not a dataclass: every question builds several,
    and a frozen dataclass took ~2 us each to make (a tuple ~0.3 us)."""

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
    # Short words need a stricter ratio. In five letters one wrong letter is a different word as often
    # as a typo ("price" and "prime", "power" and "tower"), so only a letter added or dropped counts.
    return 85.0 if len(word) <= 5 else 80.0


# Long words misspelt only in their vowels: how long, and how far apart they may be.
MIN_VOWEL_SLIP_LENGTH = 6
VOWEL_SLIP_CUTOFF = 70.0


def _consonants(word: str) -> str:
    return "".join(c for c in word if c not in "aeiouy")


def _fuzzy_credit(ratio: float) -> float:
    # A 100 would have been an exact match; an 80 earns about 0.6 so typos count, but less.
    return 0.95 * (ratio / 100.0) ** 2


@dataclass(frozen=True)
class _Delta:
    """Postings of the stories added since the last full build, as columns and in CSR form."""

    keys: np.ndarray  # int32 stem number per posting, in slot order (appended to by later updates)
    slots: np.ndarray  # int32
    fields: np.ndarray  # uint8 field code
    ids: np.ndarray  # the slots sorted by stem (each stem's slice ascending)
    codes: np.ndarray  # the field codes in that order
    starts: np.ndarray  # int64, one more than stem numbers

    @classmethod
    def of(cls, keys: np.ndarray, slots: np.ndarray, fields: np.ndarray, stems: int) -> _Delta:
        order = np.argsort(keys, kind="stable")
        starts = np.zeros(stems + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys, minlength=stems), out=starts[1:])
        return cls(keys, slots, fields, slots[order], fields[order], starts)

    def posting(self, number: int) -> tuple[np.ndarray, np.ndarray]:
        if number + 1 >= len(self.starts):
            return self.ids[:0], self.codes[:0]
        lo, hi = int(self.starts[number]), int(self.starts[number + 1])
        return self.ids[lo:hi], self.codes[lo:hi]


class StoryIndex:
    """An inverted index over stories with typo-tolerant word lookup.

    Postings name *slots*. A full build gives the story at position ``i`` of ``stories`` slot ``i``.
    ``updated`` derives the index of a changed catalog without rebuilding it: the built postings (the
    *base*, perhaps memory-mapped from the catalog cache) stay as they are, the old versions of
    changed and removed stories become dead slots, and new versions get new slots in a small *delta*
    segment. Document frequencies, idf and the typo vocabulary are kept exact and ties are broken by
    position, so an updated index answers exactly as a full build over the same stories would. Past
    ``MERGE_SHARE`` of the catalog in dead or delta slots, ``updated`` builds afresh instead.
    """

    # Set by ``_finish`` (every constructor ends there).
    _df: array[int]
    _idf: array[float]
    _fuzzy_words: tuple[str, ...]
    _fuzzy_bounds: dict[int, tuple[int, int]]
    _fuzzy_lengths: np.ndarray | None
    _fuzzy_counts: np.ndarray | None

    def __init__(self, stories: Iterable[Story], postings: PostingsBuilder | None = None) -> None:
        """An index over ``stories``; ``postings``, when given, holds their words already (added
        while the files were parsed, in this order), so the stories need not be read again."""
        # A large catalog comes packed (see models.PackedStories) and stays so: each story is read
        # once here, indexed and let go. Smaller ones are kept as live objects.
        self.stories: Sequence[Story] = stories if isinstance(stories, PackedStories) else tuple(stories)
        # Stories are found by position: by id, the first with that id for `_position`, the last
        # for `get` (ids are unique in a loaded catalog; `_later` only exists for hand-made ones).
        self._positions: dict[str, int] = {}
        self._later: dict[str, int] = {}
        # Postings are built as three flat columns (stem number, story, field code) and then sorted
        # by stem once: a compressed sparse layout costs 5 bytes a posting instead of a dict or two
        # arrays per stem, and lets ranking run as vectorised numpy over slices.
        known_ids = self.stories.ids if isinstance(self.stories, PackedStories) else None
        if postings is not None:
            ids: Sequence[str] = known_ids if known_ids is not None else [story.id for story in self.stories]
            if postings.ids != list(ids):
                raise ValueError("the postings given were built over other stories")
            built = postings.result()
            for position, story_id in enumerate(ids):
                if self._positions.setdefault(story_id, position) != position:
                    self._later[story_id] = position
        else:
            built = self._postings_here(known_ids)
        key_ids, surfaces, surface_df, chunks = built.key_ids, built.surfaces, built.surface_df, built.chunks
        del built
        df = np.zeros(len(key_ids), dtype=np.int64)
        for chunk in chunks:
            df[: len(chunk.counts)] += chunk.counts
        self._starts = starts_of(df)
        self._ids, self._codes = merge_chunks(chunks, self._starts, len(key_ids))
        self._key_ids = key_ids
        self._surface_to_stem = surfaces
        self._surface_df = surface_df
        self._base_size = len(self.stories)
        self._slot_pos: np.ndarray | None = None  # slot -> position (-1: dead); None: the same
        self._pos_slot: np.ndarray | None = None  # position -> slot; None: the same
        self._delta: _Delta | None = None
        self._finish(array("i", df.astype(np.int32).tobytes()), fuzzy=None)

    def _postings_here(self, known_ids: Sequence[str] | None) -> Postings:
        """The postings of every story, read one by one; also fills in the id -> position tables."""
        builder = PostingsBuilder()
        found_in: Iterator[tuple[str, dict[str, int]]]
        if isinstance(self.stories, PackedStories):
            # The words straight from each record's plain data: validating it into a Story again
            # (~20 us a story) would only check what was checked when the file was read.
            found_in = map(record_words, self.stories.records, repeat(PACK_DICTIONARY))
        else:
            found_in = ((story.id, _story_words(story)) for story in self.stories)
        for position, (story_id, found) in enumerate(found_in):
            if known_ids is not None:
                if known_ids[position] != story_id:
                    raise ValueError(f"packed story {position} is {story_id!r}, not {known_ids[position]!r}")
                story_id = known_ids[position]  # the caller's string: one copy of each id
            if self._positions.setdefault(story_id, position) != position:
                self._later[story_id] = position
            builder.add(story_id, found)
        return builder.result()

    def _finish(self, df: array[int], fuzzy: StoryIndex | None) -> None:
        """idf from ``df``, and the typo vocabulary (shared with ``fuzzy`` when it is unchanged)."""
        total = len(self.stories)
        self._df = df
        # From a generator: a list of 161k floats first was ~5 MB more at the peak of a 100k build.
        self._idf = array("d", (math.log(1.0 + (total - n + 0.5) / (n + 0.5)) for n in df))
        if fuzzy is not None:
            self._fuzzy_words = fuzzy._fuzzy_words
            self._fuzzy_bounds = fuzzy._fuzzy_bounds
            self._fuzzy_lengths, self._fuzzy_counts = fuzzy._fuzzy_lengths, fuzzy._fuzzy_counts
        else:
            # Typo targets, grouped by length, each length in alphabetical order (so the vocabulary
            # does not depend on the order stories were indexed in). Short words are never typo
            # targets: "joke" must not become "Joe".
            fuzzy_words = sorted(w for w in self._surface_to_stem if len(w) >= MIN_FUZZY_LENGTH)
            fuzzy_words.sort(key=len)
            self._fuzzy_words = tuple(fuzzy_words)
            self._fuzzy_bounds = {}
            for i, word in enumerate(fuzzy_words):
                lo, _ = self._fuzzy_bounds.get(len(word), (i, i))
                self._fuzzy_bounds[len(word)] = (lo, i + 1)
            self._fuzzy_lengths, self._fuzzy_counts = _letter_counts(fuzzy_words)
        self._names: dict[str, int] | None = None
        self._expand = memoised(self._expand_uncached, 50_000)

    # --- incremental updates -----------------------------------------------------------------

    @property
    def delta_size(self) -> int:
        """Slots added since the last full build (0: this index is a full build)."""
        return 0 if self._slot_pos is None else len(self._slot_pos) - self._base_size

    def _slot_count(self) -> int:
        return len(self.stories) if self._slot_pos is None else len(self._slot_pos)

    def absorbs(self, changes: int, size: int) -> bool:
        """False when ``updated`` would most likely build afresh after ``changes`` files of a catalog
        of ``size`` were added, removed or replaced (a caller may then let this index go first)."""
        return changes <= REBUILD_SHARE * size

    def updated(self, stories: Sequence[Story]) -> StoryIndex:
        """The index over ``stories``, derived from this one where only a few stories changed.

        A story counts as unchanged when the new sequence holds the very record (packed bytes or
        ``Story`` object) this index was built over under the same id; everything else is removed
        or added. Falls back to a full build for small catalogs, duplicate ids, a switch between
        packed and live stories, or when the accumulated changes pass ``MERGE_SHARE``.
        """
        new: Sequence[Story] = stories if isinstance(stories, PackedStories) else tuple(stories)
        old = self.stories
        packed = isinstance(new, PackedStories)
        if (
            packed != isinstance(old, PackedStories)
            or min(len(new), len(old)) < _VECTORISE_FROM
            or self._later
            or (isinstance(new, PackedStories) and new.ids is None)
        ):
            return StoryIndex(new)
        if isinstance(new, PackedStories) and isinstance(old, PackedStories):
            assert new.ids is not None
            new_ids: Sequence[str] = new.ids
            new_records: Sequence[object] = new.records
            old_records: Sequence[object] = old.records
        else:
            new_ids = [story.id for story in new]
            new_records, old_records = new, old
        old_ids = old.ids if isinstance(old, PackedStories) and old.ids is not None else [s.id for s in old]
        if len(old_ids) == len(new_ids) and all(a == b for a, b in zip(old_ids, new_ids, strict=True)):
            # Only edits: the same ids in the same places, so the id table is shared (~8 MB at 100k).
            positions = self._positions
        else:
            positions = dict(zip(new_ids, range(len(new_ids)), strict=True))
            if len(positions) != len(new_ids):
                return StoryIndex(new)
        old_slot = self._pos_slot
        pos_slot = np.empty(len(new), dtype=np.int32)
        keep = np.zeros(len(old), dtype=bool)
        added: list[int] = []
        old_positions = self._positions
        for p, story_id in enumerate(new_ids):
            q = old_positions.get(story_id)
            if q is not None and old_records[q] is new_records[p]:
                pos_slot[p] = q if old_slot is None else old_slot[q]
                keep[q] = True
            else:
                added.append(p)
        removed = np.flatnonzero(~keep).tolist()
        slots = self._slot_count()
        dead = slots - len(old) + len(removed)
        # Past the merge share the update is merged into a new base (``_compacted``: array work, no
        # story read again); a full build only when most of the catalog changed, or when stem
        # numbers freed by updates are a quarter of all (merging keeps the numbers as they are).
        merge = dead + self.delta_size + len(added) > MERGE_SHARE * len(new)
        if merge and (
            len(added) > REBUILD_SHARE * len(new)
            or len(self._df) - len(self._key_ids) > len(self._key_ids) // 4
        ):
            return StoryIndex(new)
        index = StoryIndex.__new__(StoryIndex)
        index.stories = new
        index._positions = positions
        index._later = {}
        index._ids, index._codes, index._starts = self._ids, self._codes, self._starts
        index._base_size = self._base_size
        if not added and not removed:
            index._key_ids, index._surface_to_stem = self._key_ids, self._surface_to_stem
            index._surface_df = self._surface_df
            index._delta = self._delta
            index._pos_slot = None if self._slot_pos is None else pos_slot
            index._slot_pos = self._slot_pos if self._slot_pos is None else _slot_positions(pos_slot, slots)
            index._finish(self._df, fuzzy=self)
            return index
        # Copies: the old index stays in use by readers of the previous snapshot.
        df = array("i", self._df)
        key_ids = dict(self._key_ids)
        surfaces = dict(self._surface_to_stem)
        surface_df = self._surface_df.copy()
        # Removed stories' counts are taken off first and their words dropped only after the added
        # ones are counted: an edit that keeps a word (or re-saves a story as it was) then keeps
        # its stem number and leaves the typo vocabulary as it is (no rebuild of its tables).
        maybe_gone_stems: set[str] = set()
        maybe_gone_words: set[str] = set()
        for q in removed:
            found = _story_words(old[q])
            for key in _stem_codes(found, surfaces):
                df[key_ids[key]] -= 1
                maybe_gone_stems.add(key)
            surface_df.subtract(found.keys())
            maybe_gone_words.update(found)
        vocabulary_changed = False
        col_key = array("i")
        col_slot = array("i")
        col_code = array("B")
        for p in added:
            found = _story_words(new[p])
            surface_df.update(found.keys())
            known = len(surfaces)
            codes = _stem_codes(found, surfaces)
            vocabulary_changed = vocabulary_changed or len(surfaces) != known
            for key in codes:
                known_number = key_ids.get(key)
                if known_number is None:
                    number = key_ids[key] = len(df)
                    df.append(0)
                else:
                    number = known_number
                df[number] += 1
                col_key.append(number)
            col_slot.extend([slots] * len(codes))
            col_code.extend(codes.values())
            pos_slot[p] = slots
            slots += 1
        for key in maybe_gone_stems:
            if not df[key_ids[key]]:
                del key_ids[key]  # a stem no story has any more (its number is not reused)
        for word in maybe_gone_words:
            if surface_df[word] <= 0:
                del surface_df[word], surfaces[word]
                vocabulary_changed = True
        previous = self._delta
        delta_keys = np.frombuffer(col_key, dtype=np.int32) if col_key else np.zeros(0, np.int32)
        delta_slots = np.frombuffer(col_slot, dtype=np.int32) if col_slot else np.zeros(0, np.int32)
        delta_fields = np.frombuffer(col_code, dtype=np.uint8) if col_code else np.zeros(0, np.uint8)
        if previous is not None:
            delta_keys = np.concatenate((previous.keys, delta_keys))
            delta_slots = np.concatenate((previous.slots, delta_slots))
            delta_fields = np.concatenate((previous.fields, delta_fields))
        index._delta = _Delta.of(delta_keys, delta_slots, delta_fields, len(df))
        index._key_ids, index._surface_to_stem, index._surface_df = key_ids, surfaces, surface_df
        index._pos_slot = pos_slot
        index._slot_pos = _slot_positions(pos_slot, slots)
        index._finish(df, fuzzy=None if vocabulary_changed else self)
        return index._compacted() if merge else index

    def _compacted(self) -> StoryIndex:
        """This index with the delta merged into the base and dead slots dropped (slot = position
        again), sharing every word table: what a full build would answer, for the cost of
        re-sorting the postings a block of stems at a time instead of re-reading every story. Stem
        numbers that no story has any more stay unused (their ranges are empty)."""
        slot_pos = self._slot_pos
        if slot_pos is None:
            return self
        stems = len(self._df)
        starts = starts_of(np.frombuffer(self._df, dtype=np.int32))
        new_starts = np.frombuffer(starts, dtype=np.int64)
        ids = np.empty(int(new_starts[-1]), dtype=np.int32)
        codes = np.empty(int(new_starts[-1]), dtype=np.uint8)
        segments = [(np.frombuffer(self._starts, dtype=np.int64), self._ids, self._codes)]
        if self._delta is not None:
            segments.append((self._delta.starts, self._delta.ids, self._delta.codes))
        lo = 0
        while lo < stems:
            hi = max(lo + 1, int(np.searchsorted(new_starts, new_starts[lo] + MERGE_BLOCK, "right")) - 1)
            hi = min(hi, stems)
            positions, stem_of, fields = [], [], []
            for seg_starts, seg_ids, seg_codes in segments:
                a, b = min(lo, len(seg_starts) - 1), min(hi, len(seg_starts) - 1)
                first, last = int(seg_starts[a]), int(seg_starts[b])
                if last > first:
                    positions.append(slot_pos[seg_ids[first:last]])
                    stem_of.append(np.repeat(np.arange(a, b, dtype=np.int32), np.diff(seg_starts[a : b + 1])))
                    fields.append(np.asarray(seg_codes[first:last]))
            if positions:
                position = np.concatenate(positions)
                alive = position >= 0
                position = position[alive]
                stem = np.concatenate(stem_of)[alive]
                field = np.concatenate(fields)[alive]
                order = np.lexsort((position, stem))  # by stem, then position
                first, last = int(new_starts[lo]), int(new_starts[hi])
                if len(order) != last - first:
                    raise ValueError("postings and document counts disagree")
                ids[first:last] = position[order]
                codes[first:last] = field[order]
            for _, seg_ids, seg_codes in segments:
                _forget_pages(seg_ids)
                _forget_pages(seg_codes)
            lo = hi
        index = StoryIndex.__new__(StoryIndex)
        index.stories, index._positions, index._later = self.stories, self._positions, {}
        index._ids, index._codes, index._starts = ids, codes, starts
        index._key_ids, index._surface_to_stem = self._key_ids, self._surface_to_stem
        index._surface_df = self._surface_df
        index._base_size = len(self.stories)
        index._slot_pos = index._pos_slot = None
        index._delta = None
        index._finish(self._df, fuzzy=self)
        return index

    # --- saving and restoring (the catalog cache, bot/core/catalog_cache.py) ----------------------

    def arrays(self) -> dict[str, np.ndarray]:
        """The large numeric parts, for saving as ``.npy`` files that a restart can memory-map."""
        out: dict[str, np.ndarray] = {"ids": self._ids, "codes": self._codes}
        if self._fuzzy_lengths is not None:
            out["fuzzy_lengths"] = self._fuzzy_lengths
        if self._fuzzy_counts is not None:
            out["fuzzy_counts"] = self._fuzzy_counts
        if self._slot_pos is not None and self._delta is not None:
            out["slot_pos"] = self._slot_pos
            out["delta_keys"] = self._delta.keys
            out["delta_slots"] = self._delta.slots
            out["delta_fields"] = self._delta.fields
        return out

    def adopt(self, mapped: dict[str, np.ndarray]) -> None:
        """Use memory-mapped copies of the postings and typo tables (as ``arrays`` gave them, just
        saved by the catalog cache) in place of this index's own: their pages then belong to the
        page cache, not the process (~25 MB at 100k after a cold start or a merge, and the next
        merge reads them without holding both copies). Readers holding the old arrays keep them."""
        for name, attribute in _ADOPTABLE:
            copy, own = mapped.get(name), getattr(self, attribute)
            if copy is not None and own is not None and copy.shape == own.shape and copy.dtype == own.dtype:
                setattr(self, attribute, copy)

    def small_state(self) -> dict[str, object]:
        """Everything else the index computed (plain Python objects, for pickling)."""
        # The word tables as joined strings and int arrays rather than dicts: a pickler remembers
        # every object it writes, ~30 MB for the ~320k strings of a 100k catalog's tables.
        surfaces = list(self._surface_to_stem)
        key_ids = self._key_ids
        return {
            "later": self._later,
            "starts": self._starts.tobytes(),
            "stems": _joined(key_ids),
            "stem_numbers": array("i", key_ids.values()).tobytes(),
            "df": self._df.tobytes(),
            "surfaces": _joined(surfaces),
            "surface_stems": array("i", [key_ids[self._surface_to_stem[w]] for w in surfaces]).tobytes(),
            "surface_df": array("i", [self._surface_df[w] for w in surfaces]).tobytes(),
            "base_size": self._base_size,
            "fuzzy_words": _joined(self._fuzzy_words),
            "fuzzy_bounds": self._fuzzy_bounds,
        }

    @classmethod
    def restore(
        cls,
        stories: Sequence[Story],
        ids: Sequence[str],
        small: dict[str, object],
        arrays: dict[str, np.ndarray],
    ) -> StoryIndex:
        """The index ``arrays``/``small_state`` described, over the same stories in the same order.

        ``ids`` are the stories' ids in order (the caller checked them against the saved ones), so
        no story is read here: a packed catalog stays packed. Arrays may be read-only memory maps.
        """
        index = cls.__new__(cls)
        index.stories = stories if isinstance(stories, PackedStories) else tuple(stories)
        if len(ids) != len(index.stories):
            raise ValueError("one id per story")
        index._positions = {}
        for position, story_id in enumerate(ids):
            index._positions.setdefault(story_id, position)
        index._later = dict(small["later"])  # type: ignore[call-overload]
        index._ids = arrays["ids"]
        index._codes = arrays["codes"]
        index._starts = array("q")
        index._starts.frombytes(small["starts"])  # type: ignore[arg-type]
        df = _ints(small["df"])
        stems = _split(small["stems"])
        index._key_ids = dict(zip(stems, _ints(small["stem_numbers"]), strict=True))
        stem_of: list[str] = [""] * len(df)
        for key, number in index._key_ids.items():
            stem_of[number] = key
        surfaces = _split(small["surfaces"])
        stems_of_surfaces = [stem_of[n] for n in _ints(small["surface_stems"])]
        # A word that is its own stem keys both tables with one string, as in a fresh build.
        index._surface_to_stem = {
            (key if key == w else w): key for w, key in zip(surfaces, stems_of_surfaces, strict=True)
        }
        del stems_of_surfaces
        index._surface_df = Counter(
            dict(zip(index._surface_to_stem, _ints(small["surface_df"]), strict=True))
        )
        index._base_size = int(small["base_size"])  # type: ignore[call-overload]
        index._fuzzy_words = tuple(_split(small["fuzzy_words"]))
        index._fuzzy_bounds = small["fuzzy_bounds"]  # type: ignore[assignment]
        index._fuzzy_lengths = arrays.get("fuzzy_lengths")
        index._fuzzy_counts = arrays.get("fuzzy_counts")
        index._slot_pos = index._pos_slot = None
        index._delta = None
        if "slot_pos" in arrays:
            slot_pos = np.asarray(arrays["slot_pos"], dtype=np.int32)
            live = np.flatnonzero(slot_pos >= 0)
            if len(live) != len(index.stories):
                raise ValueError("index slots are inconsistent")
            index._slot_pos = slot_pos
            index._pos_slot = np.empty(len(index.stories), dtype=np.int32)
            index._pos_slot[slot_pos[live]] = live
            index._delta = _Delta.of(
                np.asarray(arrays["delta_keys"]),
                np.asarray(arrays["delta_slots"]),
                np.asarray(arrays["delta_fields"]),
                len(df),
            )
        if len(index._starts) > len(df) + 1 or len(index._key_ids) > len(df):
            raise ValueError("index state is inconsistent")
        if index._starts[-1] != len(index._ids) or len(index._codes) != len(index._ids):
            raise ValueError("index postings are inconsistent")
        fuzzy = cls.__new__(cls)
        fuzzy._fuzzy_words, fuzzy._fuzzy_bounds = index._fuzzy_words, index._fuzzy_bounds
        fuzzy._fuzzy_lengths, fuzzy._fuzzy_counts = index._fuzzy_lengths, index._fuzzy_counts
        index._finish(df, fuzzy=fuzzy)
        return index

    def _posting(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """The stories containing a stem (ascending) and the weight of the field each has it in."""
        number = self._key_ids[key]
        if number + 1 < len(self._starts):
            lo, hi = self._starts[number], self._starts[number + 1]
            ids, codes = self._ids[lo:hi], self._codes[lo:hi]
        else:  # a stem first seen after the full build
            ids, codes = self._ids[:0], self._codes[:0]
        if self._delta is not None:
            more_ids, more_codes = self._delta.posting(number)
            if len(more_ids):
                ids, codes = np.concatenate((ids, more_ids)), np.concatenate((codes, more_codes))
        return ids, _WEIGHT_TABLE.take(codes)

    def __len__(self) -> int:
        return len(self.stories)

    def stems_of(self, words: Sequence[str]) -> tuple[str, ...]:
        """The words' stems, from the catalog's own table when a word is in it (no stemming again):
        what annotating a story's sentences asks for every word of it. One call per sentence, not
        per word: a story's first question looks up ~150 words (13 us in all, against 16 us with a
        call each)."""
        table = self._surface_to_stem
        # The table holds each word's stem as the build stemmed it, unfolded; folding only changes
        # non-ASCII words, so only those must be stemmed afresh (``stem(fold(word))``).
        return tuple(
            [
                known if word.isascii() and (known := table.get(word)) is not None else stem(fold(word))
                for word in words
            ]
        )

    def get(self, story_id: str) -> Story | None:
        position = self._later.get(story_id, self._positions.get(story_id))
        return None if position is None else self.stories[position]

    def vocabulary_size(self) -> int:
        return len(self._key_ids)

    def cognates(self, word: str, shortest: int = MIN_COGNATE_STEM) -> tuple[tuple[str, float], ...]:
        """The longest stems a word of another language shares all but their last letter with
        ("minéraux": "miner", "métaux": "metal", "Exportkontrollen": "export"): the same word, spelt
        the other language's way. Only asked of a message written in another language; ``shortest``
        the shortest stem that counts."""
        keys = self._sorted_keys()
        for length in range(min(len(word), MAX_COGNATE_STEM), shortest - 1, -1):
            head = word[: length - 1]
            at = bisect_left(keys, head)
            found = []
            while at < len(keys) and keys[at].startswith(head):
                if len(keys[at]) == length:
                    found.append((keys[at], COGNATE_SIMILARITY))
                at += 1
            if found:
                return tuple(found[:MAX_COGNATES])
        return ()

    def _sorted_keys(self) -> list[str]:
        # (rebuilt when the vocabulary changes: an incremental update swaps the dict)
        cached = self.__dict__.get("_sorted_keys_of")
        if cached is None or cached[0] is not self._key_ids or cached[1] != len(self._key_ids):
            cached = (self._key_ids, len(self._key_ids), sorted(self._key_ids))
            self.__dict__["_sorted_keys_of"] = cached
        return cached[2]

    # --- question analysis -------------------------------------------------------------------

    def analyse(self, question: str) -> list[QueryTerm]:
        """Turn a question into weighted terms, each with the stems it may match."""
        all_tokens = words(question)
        phrases, inside = self._phrases(all_tokens)
        tokens = [w for i, w in enumerate(all_tokens) if w not in STOPWORDS and i not in inside]
        tokens = tokens[:MAX_QUERY_WORDS]
        terms: list[QueryTerm] = list(phrases)
        skip_next = False
        for i, word in enumerate(tokens):
            if skip_next:
                skip_next = False
                continue
            # "cease fire" written apart still finds "ceasefire" (only when the parts alone don't).
            if i + 1 < len(tokens):
                joined = word + tokens[i + 1]
                parts_known = stem(word) in self._key_ids and stem(tokens[i + 1]) in self._key_ids
                if not parts_known and stem(joined) in self._key_ids:
                    terms.append(QueryTerm(joined, 1.0, ((stem(joined), 1.0),)))
                    skip_next = True
                    continue
            parts = self.run_together_parts(word)
            if parts:
                # "primeministers": two known words typed without the space between them.
                terms.extend(QueryTerm(part, 1.0, self._expand(part)) for part in parts)
                continue
            weight = GENERIC_WEIGHT if word in GENERIC_WORDS else 1.0
            terms.append(QueryTerm(word, weight, self._expand(word)))
        return terms

    def run_together_parts(self, word: str) -> tuple[str, str] | None:
        """Two known words written as one ("primeministers"), when the whole is no word of the index."""
        if len(word) < 2 * MIN_SPLIT_PART or not word.isalpha() or stem(word) in self._key_ids:
            return None
        for cut in range(MIN_SPLIT_PART, len(word) - MIN_SPLIT_PART + 1):
            head, tail = word[:cut], word[cut:]
            if (
                head not in STOPWORDS
                and tail not in STOPWORDS
                and stem(head) in self._key_ids
                and stem(tail) in self._key_ids
            ):
                return head, tail
        return None

    def _phrases(self, tokens: Sequence[str]) -> tuple[list[QueryTerm], set[int]]:
        """Several-word expressions of a concept ("heads of government", "pull back") as one term each."""
        lex = lexicon()
        stems = [stem(fold(t)) for t in tokens]
        longest = lex.longest_phrase
        terms: list[QueryTerm] = []
        inside: set[int] = set()
        i = 0
        while i < len(stems):
            for n in range(min(longest, len(stems) - i), 1, -1):
                concepts = lex.concept_phrases.get(tuple(stems[i : i + n]))
                if not concepts:
                    continue
                found: dict[str, float] = {}
                # In an idiom built on a small word ("in force", "on paper") the content word alone
                # may mean something else: "force" of "in force" is no military force ("cease" and
                # "fire" of "cease fire" are the story's own "cease-fire").
                idiom = any(t in STOPWORDS for t in tokens[i : i + n])
                for position in range(i, i + n):
                    if stems[position] in self._key_ids and tokens[position] not in STOPWORDS:
                        alone = lex.concepts_by_stem.get(stems[position], frozenset())
                        if idiom and alone and not (alone & concepts):
                            continue
                        found[stems[position]] = 1.0
                for concept in sorted(concepts):
                    for member in lex.concept_members[concept]:
                        key = stem(member)
                        if key in self._key_ids and found.get(key, 0.0) < SYNONYM_SIMILARITY:
                            found[key] = SYNONYM_SIMILARITY
                terms.append(QueryTerm(" ".join(tokens[i : i + n]), 1.0, tuple(found.items())))
                inside.update(range(i, i + n))
                i += n
                break
            else:
                i += 1
        return terms, inside

    def _expand_uncached(self, word: str) -> tuple[tuple[str, float], ...]:
        found: dict[str, float] = {}
        key = stem(word)
        if key in self._key_ids:
            found[key] = 1.0
        for synonym in lexicon().related(word):
            syn_key = stem(synonym)
            if syn_key in self._key_ids and found.get(syn_key, 0.0) < SYNONYM_SIMILARITY:
                found[syn_key] = SYNONYM_SIMILARITY
        # (a generic word is a word in its own right, no typo: "expert" is no "export")
        if (
            key not in self._key_ids
            and len(word) >= MIN_FUZZY_LENGTH
            and not word.isdigit()
            and word not in GENERIC_WORDS
        ):
            # (a word with two letters swapped is that word, with what it stands for: "tlaks" are
            # talks, and so a meeting)
            for surface in self._transposed(word):
                for swapped_key, similarity in self._expand(surface):
                    credit = similarity * TRANSPOSED_CREDIT
                    if found.get(swapped_key, 0.0) < credit:
                        found[swapped_key] = credit
            for surface, ratio in self._fuzzy_surfaces(word):
                fuzzy_key = self._surface_to_stem[surface]
                credit = _fuzzy_credit(ratio)
                if found.get(fuzzy_key, 0.0) < credit:
                    found[fuzzy_key] = credit
        return tuple(found.items())

    def _transposed(self, word: str) -> list[str]:
        """The story words this word is, typed with two neighbouring letters swapped ("tlaks",
        "tabel"): the commonest slip of fast typing, which ``fuzz.ratio`` scores as two edits and so
        misses in short words. (A wrong letter is not: "price" and "prime" are both words.)"""
        out = []
        for i in range(len(word) - 1):
            if word[i] != word[i + 1]:
                swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
                if swapped in self._surface_to_stem:
                    out.append(swapped)
        return out

    def _fuzzy_range(self, length: int) -> tuple[int, int]:
        """Where the typo targets of ``length`` letters are in ``_fuzzy_words`` (empty: none)."""
        return self._fuzzy_bounds.get(length, (0, 0))

    def _fuzzy_surfaces(self, word: str) -> list[tuple[str, float]]:
        cutoff = _fuzzy_cutoff(word)
        # A long name misspelt in its vowels ("Ternapol" for "Ternopil") keeps its consonants: below
        # the cutoff, a word as long with the same consonants in the same order is that word, at the
        # cutoff ("touring" is no "trying": a letter dropped too).
        loose = VOWEL_SLIP_CUTOFF if len(word) >= MIN_VOWEL_SLIP_LENGTH else cutoff
        skeleton = _consonants(word)
        slips: list[tuple[str, float]] = []
        survivors = self._fuzzy_candidates(word, loose)
        out: list[tuple[str, float]] = []
        for length in range(len(word) - 2, len(word) + 3):
            lo, hi = self._fuzzy_range(length)
            if lo == hi:
                continue
            if survivors is None:
                choices: Sequence[str] = self._fuzzy_words[lo:hi]
            else:
                picked = survivors[(survivors >= lo) & (survivors < hi)]
                if not len(picked):
                    continue
                choices = [self._fuzzy_words[i] for i in picked.tolist()]
            # Ties keep vocabulary order, in a full bucket as in the pruned one (same relative order).
            for surface, ratio, _ in process.extract(
                word, choices, scorer=fuzz.ratio, score_cutoff=loose, limit=3
            ):
                if ratio >= cutoff:
                    out.append((surface, ratio))
                elif surface[0] == word[0] and len(surface) == len(word) and _consonants(surface) == skeleton:
                    slips.append((surface, cutoff))
        # (only where no closer word is: "isreali" is "Israeli", not "Israel")
        out = out or slips
        out.sort(key=lambda pair: -pair[1])
        return out[:3]

    def _fuzzy_candidates(self, word: str, cutoff: float) -> np.ndarray | None:
        """Typo targets that could reach ``cutoff``, or None to try every target of a near length.

        ``fuzz.ratio`` is 200 * LCS / (len(a) + len(b)), and the longest common subsequence cannot
        be longer than the letters two words share counted with repeats. Targets whose shared-letter
        count falls short of the cutoff cannot match; dropping them before rapidfuzz changes no
        result and spares scoring ~100k words per typo at 100k stories.
        """
        if self._fuzzy_counts is None or self._fuzzy_lengths is None or len(word) > _MAX_COUNTED:
            return None
        # Targets are sorted by length, so every near length lies in one slice.
        ranges = [
            self._fuzzy_bounds[n] for n in range(len(word) - 2, len(word) + 3) if n in self._fuzzy_bounds
        ]
        if not ranges:
            return np.zeros(0, dtype=np.int64)
        lo, hi = ranges[0][0], ranges[-1][1]
        if hi - lo < _PRUNE_FROM:
            return None
        shared = np.zeros(hi - lo, dtype=np.int16)
        for column, count in Counter(_letter_column(c) for c in word).items():
            shared += np.minimum(self._fuzzy_counts[column, lo:hi], count)
        lengths = self._fuzzy_lengths[lo:hi]
        # Integers on both sides but for the cutoff; half a unit of slack keeps float ties in.
        possible = 200.0 * shared >= cutoff * (len(word) + lengths) - 0.5
        return np.flatnonzero(possible) + lo

    # --- ranking -----------------------------------------------------------------------------

    def search(self, question: str, limit: int = 5) -> list[Match]:
        """Stories ranked by relevance to the question, best first, with their coverage."""
        return self.rank(self.analyse(question), limit)

    def rank(self, terms: Sequence[QueryTerm], limit: int = 5) -> list[Match]:
        total_weight = sum(t.weight for t in terms)
        if not terms or total_weight <= 0:
            return []
        if len(self.stories) < _VECTORISE_FROM:
            return self._rank_loop(terms, limit, total_weight)
        # Each term's stories and what it adds to each, gathered in term order and summed by
        # ``np.bincount`` at the end: it adds a story's values in the order given, so each score is
        # the same sum, in the same order, as a scalar loop forms (bit-identical to it), in one pass
        # instead of a gather and a scatter per term and accumulator.
        size = self._slot_count()
        touched: list[np.ndarray] = []  # per term: its stories (slots), each once
        gained: list[np.ndarray] = []  # ... what it adds to their scores
        coverage: list[np.ndarray] = []  # ... and to their coverage
        topical: list[np.ndarray] = []  # the stories of terms that count as evidence
        best_field = np.zeros(size)
        best_c = best_s = best_f = None  # made on the first term with several candidates
        for term in terms:
            if not term.candidates:
                continue
            if len(term.candidates) == 1:
                # One candidate (the usual case): it is every story's best, so add it directly. The
                # same products in the same order as below, without the per-story best bookkeeping.
                ((key, similarity),) = term.candidates
                ids, field_weights = self._posting(key)
                touched.append(ids)
                gained.append((term.weight * similarity * self._idf[self._key_ids[key]]) * field_weights)
                coverage.append(np.full(len(ids), term.weight * similarity))
                if term.weight >= 1.0:
                    topical.append(ids)
                    best_field[ids] = np.maximum(best_field[ids], field_weights)
                continue
            if best_c is None or best_s is None or best_f is None:
                best_c, best_s, best_f = np.zeros(size), np.zeros(size), np.zeros(size)
            for number, (key, similarity) in enumerate(term.candidates):
                ids, field_weights = self._posting(key)
                contribution = (term.weight * similarity * self._idf[self._key_ids[key]]) * field_weights
                # Contributions are positive (weights, similarities, idf and field weights all are), so
                # 0 means "not seen yet": the first candidate is every one of its stories' best so
                # far, and a later one replaces it only where it beats it (ties keep the first).
                if number:
                    better = contribution > best_c[ids]
                    if not better.all():
                        ids, contribution = ids[better], contribution[better]
                        field_weights = field_weights[better]
                best_c[ids] = contribution
                best_s[ids] = similarity
                best_f[ids] = field_weights
            # The stories any candidate touched, ascending (np.unique of the postings sorts, ~50x slower).
            where = (best_c > 0.0).nonzero()[0]
            touched.append(where)
            gained.append(best_c[where])
            coverage.append(term.weight * best_s[where])
            if term.weight >= 1.0:
                topical.append(where)
                best_field[where] = np.maximum(best_field[where], best_f[where])
            best_c[where] = 0.0
            best_s[where] = 0.0
            best_f[where] = 0.0
        if not touched:
            return []
        stories = np.concatenate(touched)
        scores = np.bincount(stories, weights=np.concatenate(gained), minlength=size)
        covered = np.bincount(stories, weights=np.concatenate(coverage), minlength=size)
        evidence = (
            np.bincount(np.concatenate(topical), minlength=size) if topical else np.zeros(size, np.int64)
        )
        hit = np.bincount(stories, minlength=size)
        found = np.flatnonzero(hit)  # slots
        if self._slot_pos is not None:
            where = self._slot_pos[found]  # positions; -1 for the old versions of changed stories
            found = found[where >= 0]
            where = where[where >= 0]
        else:
            where = found
        if len(found) > limit:
            # Keep everything tied with the limit-th score, then order exactly: score, then position.
            found_scores = scores[found]
            cut = _kth_largest(found_scores, limit)
            tied = found_scores >= cut
            found, where = found[tied], where[tied]
        chosen = np.lexsort((where, -scores[found]))[:limit]
        slots = found[chosen]
        # Each column read once as Python numbers: indexing a numpy array per value cost more than
        # the ranking's arithmetic.
        return [
            Match(
                self.stories[position],
                round(score, 4),
                round(min(1.0, cover / total_weight), 4),
                count,
                field,
            )
            for position, score, cover, count, field in zip(
                where[chosen].tolist(),
                scores[slots].tolist(),
                covered[slots].tolist(),
                evidence[slots].tolist(),
                best_field[slots].tolist(),
                strict=True,
            )
        ]

    def _rank_loop(self, terms: Sequence[QueryTerm], limit: int, total_weight: float) -> list[Match]:
        """``rank`` for small catalogs: the same arithmetic in the same order, one posting at a time."""
        scores: dict[int, float] = defaultdict(float)
        covered: dict[int, float] = defaultdict(float)
        evidence: dict[int, int] = defaultdict(int)
        best_field: dict[int, float] = defaultdict(float)
        for term in terms:
            best: dict[int, tuple[float, float, float]] = {}
            for key, similarity in term.candidates:
                ids, field_weights = self._posting(key)
                idf = self._idf[self._key_ids[key]]
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
        position = self._position(story)
        covered = 0.0
        for term in terms:
            best = 0.0
            for key, similarity in term.candidates:
                if similarity > best and self._contains(key, position):
                    best = similarity
            covered += term.weight * best
        return min(1.0, covered / total_weight)

    def mentions(self, story: Story, stems: Sequence[str]) -> bool:
        """Whether every one of these stems occurs somewhere in the story."""
        if not stems or any(key not in self._key_ids for key in stems):
            return False
        position = self._position(story)
        return all(self._contains(key, position) for key in stems)

    def _position(self, story: Story) -> int:
        # By id first: tuple.index compares pydantic models one by one, slow at catalog scale.
        position = self._positions.get(story.id)
        if position is not None and (self.stories[position] is story or self.stories[position] == story):
            return position
        return self.stories.index(story)

    def _contains(self, key: str, position: int) -> bool:
        return self._code_at(key, position) is not None

    def _code_at(self, key: str, position: int) -> int | None:
        """The code of the weightiest field a stem is in in one story, or None if it is in none."""
        number = self._key_ids[key]
        slot = position if self._pos_slot is None else int(self._pos_slot[position])
        # Posting slices are in slot order, so a binary search applies.
        if number + 1 < len(self._starts):
            lo, hi = self._starts[number], self._starts[number + 1]
            i = bisect_left(self._ids, slot, lo, hi)
            if i < hi and int(self._ids[i]) == slot:
                return int(self._codes[i])
        if self._delta is not None:
            ids, codes = self._delta.posting(number)
            i = bisect_left(ids, slot)
            if i < len(ids) and int(ids[i]) == slot:
                return int(codes[i])
        return None

    def count_in_field(self, story: Story, stems: Iterable[str], field: str) -> int:
        """How many of these stems the story has in ``field`` or a weightier one (its names, say)."""
        position = self._position(story)
        least = FIELD_CODES[field]
        return sum(
            1
            for key in stems
            if key in self._key_ids and (code := self._code_at(key, position)) is not None and code >= least
        )

    def lookup(self, name: str) -> Story | None:
        """A story by exact id, title or alias (case and punctuation ignored)."""
        wanted = _plain(name)
        if not wanted:
            return None
        if self._names is None:
            # Built on first use: a scan re-tokenised every story name on every lookup. It holds
            # positions, not stories, so a packed catalog stays packed.
            names: dict[str, int] = {}
            for position, story in enumerate(self.stories):
                for text in (story.id, story.title, *story.aliases):
                    names.setdefault(_plain(text), position)
            self._names = names
        found = self._names.get(wanted)
        return None if found is None else self.stories[found]


def _letter_column(char: str) -> int:
    code = ord(char)
    if 97 <= code <= 122:  # a-z
        return code - 97
    if 48 <= code <= 57:  # 0-9
        return code - 48 + 26
    return _OTHER_COLUMN  # every other character shares one column: still an upper bound


def _letter_counts(fuzzy: Sequence[str]) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Per typo target, its length and how often each letter occurs in it (one row per letter)."""
    if len(fuzzy) < _PRUNE_FROM:
        return None, None
    lengths = np.fromiter((len(w) for w in fuzzy), dtype=np.int32, count=len(fuzzy))
    if int(lengths.max()) > _MAX_COUNTED:  # uint8 counts could wrap; prune nothing instead
        return lengths, None
    counts = np.zeros((_OTHER_COLUMN + 1, len(fuzzy)), dtype=np.uint8)
    # In blocks of words: counting all at once made an int64 table 8x the size of the result
    # (~75 MB for a 100k catalog's 250k words) next to per-letter int64 columns.
    for lo in range(0, len(fuzzy), _COUNT_BLOCK):
        block = fuzzy[lo : lo + _COUNT_BLOCK]
        codes = np.frombuffer("".join(block).encode("utf-32-le"), dtype=np.uint32)
        columns = np.full(len(codes), _OTHER_COLUMN, dtype=np.int64)
        letters = (codes >= 97) & (codes <= 122)
        digits = (codes >= 48) & (codes <= 57)
        columns[letters] = codes[letters] - 97
        columns[digits] = codes[digits] - 48 + 26
        owner = np.repeat(np.arange(len(block), dtype=np.int64), lengths[lo : lo + len(block)])
        flat = np.bincount(columns * len(block) + owner, minlength=(_OTHER_COLUMN + 1) * len(block))
        counts[:, lo : lo + len(block)] = flat.reshape(_OTHER_COLUMN + 1, len(block))
    return lengths, counts


_SEPARATOR = "\x00"  # between the words of a saved word table (no indexed word contains it)


def _joined(words: Iterable[str]) -> str:
    # A word holding the separator would not split back; restore() then finds the tables' lengths
    # disagree (ValueError) and the index is rebuilt.
    return _SEPARATOR.join(words)


def _split(text: object) -> list[str]:
    if not isinstance(text, str):
        raise ValueError("a saved word table is not a string")
    return text.split(_SEPARATOR) if text else []


def _ints(data: object) -> array[int]:
    if not isinstance(data, bytes):
        raise ValueError("a saved number table is not bytes")
    out = array("i")
    out.frombytes(data)
    return out


def _forget_pages(values: np.ndarray) -> None:
    """Unmap the pages of a memory-mapped array that this process has read (a later read maps
    them again from the page cache). Merging reads every posting of a cached index; kept mapped,
    they would count ~25 MB in the process's RSS at 100k while the merged copy is built."""
    mapping = getattr(values, "_mmap", None)  # np.memmap's own mmap.mmap (None for its slices)
    if mapping is not None and hasattr(mapping, "madvise") and hasattr(mmap, "MADV_DONTNEED"):
        mapping.madvise(mmap.MADV_DONTNEED)


def _slot_positions(pos_slot: np.ndarray, slots: int) -> np.ndarray:
    """The inverse of position -> slot: slot -> position, -1 for dead slots."""
    slot_pos = np.full(slots, -1, dtype=np.int32)
    slot_pos[pos_slot] = np.arange(len(pos_slot), dtype=np.int32)
    return slot_pos


def _plain(text: str) -> str:
    return " ".join(words(text))


# Below this many scores one partition is as quick as screening them first.
_SCREEN_FROM = 1500
# How many maxima of slices screen the scores: a few times the few kept (see _kth_largest).
_SLICES_PER_KEPT = 4


def _kth_largest(values: np.ndarray, k: int) -> float:
    """The k-th largest of ``values`` (``0 < k <= len(values)``), as ``np.partition`` gives it.

    A question of common words touches thousands of stories, and partitioning all their scores was
    a slow question's largest single step (~10 ns a score). The maxima of m >= k slices are m
    scores, so at least k scores are as high as the k-th largest of those maxima: no score below it
    can be the k-th largest overall, and the partition runs on the few at or above it."""
    n = len(values)
    slices = k * _SLICES_PER_KEPT
    if n < _SCREEN_FROM or n < slices:
        return float(np.partition(values, n - k)[n - k])
    width = -(-n // slices)  # ceil: the last slice may be short, padded with the lowest score
    padded = np.full(width * slices, -np.inf)
    padded[:n] = values
    maxima = padded.reshape(slices, width).max(axis=1)
    floor = np.partition(maxima, slices - k)[slices - k]
    kept = values[values >= floor]
    return float(np.partition(kept, len(kept) - k)[len(kept) - k])
