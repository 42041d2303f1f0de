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
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.lexicon import fold, lexicon
from bot.core.models import PackedStories, Story
from bot.core.text import (
    GENERIC_WORDS,
    STOPWORDS,
    normalise,
    stem,
    words,
)

# The build stems each distinct word once (``surfaces`` remembers it), so it bypasses text.stem's
# cache: at 100k stories the vocabulary would fill it with ~65k entries (~10 MB) questions never use.
_stem_once = getattr(stem, "__wrapped__", stem)

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
_VECTORISE_FROM = 2000  # below this many stories numpy's per-call overhead outweighs the plain loop
_OTHER_COLUMN = 36  # letter-count rows: a-z, 0-9, then everything else
_MAX_COUNTED = 250  # longer words are not pruned (their letter counts might not fit a byte)
_PRUNE_FROM = 2000  # below this many typo targets rapidfuzz alone is as fast
_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
# ASCII that is not a letter or digit, as a space: text.words' tokens in apostrophe-free ASCII text
_ASCII_BLANKS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
# Field weights are stored as float32 codes; ranking sees the same float32-rounded values it always
# has (a summary match weighs float32(1.4), which the answerer compares against 1.4).
_WEIGHT_VALUES = sorted(set(FIELD_WEIGHTS.values()))
_WEIGHT_CODES = {weight: code for code, weight in enumerate(_WEIGHT_VALUES)}
_WEIGHT_FLOAT32 = [array("f", [w])[0] for w in _WEIGHT_VALUES]
_WEIGHT_TABLE = np.array(_WEIGHT_FLOAT32)


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
    # Short words need a stricter ratio. In five letters one wrong letter is a different word as often
    # as a typo ("price" and "prime", "power" and "tower"), so only a letter added or dropped counts.
    return 85.0 if len(word) <= 5 else 80.0


def _fuzzy_credit(ratio: float) -> float:
    # A 100 would have been an exact match; an 80 earns about 0.6 so typos count, but less.
    return 0.95 * (ratio / 100.0) ** 2


class StoryIndex:
    """An inverted index over stories with typo-tolerant word lookup."""

    def __init__(self, stories: Iterable[Story]) -> None:
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
        key_ids: dict[str, int] = {}
        surfaces: dict[str, str] = {}
        col_key = array("i")
        col_story = array("i")
        col_code = array("B")
        field_codes = {field: _WEIGHT_CODES[weight] for field, weight in FIELD_WEIGHTS.items()}
        known_ids = self.stories.ids if isinstance(self.stories, PackedStories) else None
        for position, story in enumerate(self.stories):
            story_id = story.id
            if known_ids is not None:
                if known_ids[position] != story_id:
                    raise ValueError(f"packed story {position} is {story_id!r}, not {known_ids[position]!r}")
                story_id = known_ids[position]  # the caller's string: one copy of each id
            if self._positions.setdefault(story_id, position) != position:
                self._later[story_id] = position
            # Each stem keeps the strongest field it appears in; codes rise with weights, so comparing
            # codes is comparing weights. Repeats within a field change nothing, so they are skipped.
            codes: dict[str, int] = {}
            for field, text in _story_fields(story):
                code = field_codes[field]
                for word in dict.fromkeys(_index_words(text)):
                    if word in STOPWORDS:
                        continue
                    key = surfaces.get(word)
                    if key is None:
                        key = surfaces[word] = _stem_once(word)
                    if codes.get(key, -1) < code:
                        codes[key] = code
            for key in codes:
                number = key_ids.get(key)
                if number is None:
                    number = key_ids[key] = len(key_ids)
                col_key.append(number)
            col_story.extend([position] * len(codes))
            col_code.extend(codes.values())
        total = len(self.stories)
        counts = [0] * len(key_ids)
        for number in col_key:
            counts[number] += 1
        starts = array("q", [0])
        for count in counts:
            starts.append(starts[-1] + count)
        keys = np.frombuffer(col_key, dtype=np.int32)
        # A stable sort keeps each stem's stories in story order, so every slice is sorted.
        order = np.argsort(keys, kind="stable")
        self._ids = np.frombuffer(col_story, dtype=np.int32)[order]
        self._codes = np.frombuffer(col_code, dtype=np.uint8)[order]
        self._starts = starts
        self._key_ids = key_ids
        self._idf = array("d", [math.log(1.0 + (total - df + 0.5) / (df + 0.5)) for df in counts])
        self._surface_to_stem = surfaces
        # Typo targets, grouped by length (each length in vocabulary order). Short words are never
        # typo targets: "joke" must not become "Joe".
        fuzzy = sorted((w for w in surfaces if len(w) >= MIN_FUZZY_LENGTH), key=len)
        self._fuzzy_words: tuple[str, ...] = tuple(fuzzy)
        self._fuzzy_bounds: dict[int, tuple[int, int]] = {}
        for i, word in enumerate(fuzzy):
            lo, _ = self._fuzzy_bounds.get(len(word), (i, i))
            self._fuzzy_bounds[len(word)] = (lo, i + 1)
        self._fuzzy_lengths, self._fuzzy_counts = _letter_counts(fuzzy)
        self._names: dict[str, int] | None = None
        self._expand = lru_cache(maxsize=50_000)(self._expand_uncached)

    # --- saving and restoring (the catalog cache, bot/core/catalog_cache.py) ----------------------

    def arrays(self) -> dict[str, np.ndarray]:
        """The large numeric parts, for saving as ``.npy`` files that a restart can memory-map."""
        out: dict[str, np.ndarray] = {"ids": self._ids, "codes": self._codes}
        if self._fuzzy_lengths is not None:
            out["fuzzy_lengths"] = self._fuzzy_lengths
        if self._fuzzy_counts is not None:
            out["fuzzy_counts"] = self._fuzzy_counts
        return out

    def small_state(self) -> dict[str, object]:
        """Everything else the index computed (plain Python objects, for pickling)."""
        return {
            "later": self._later,
            "starts": self._starts.tobytes(),
            "key_ids": self._key_ids,
            "idf": self._idf.tobytes(),
            "surface_to_stem": self._surface_to_stem,
            "fuzzy_words": self._fuzzy_words,
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
        index._key_ids = small["key_ids"]  # type: ignore[assignment]
        index._idf = array("d")
        index._idf.frombytes(small["idf"])  # type: ignore[arg-type]
        index._surface_to_stem = small["surface_to_stem"]  # type: ignore[assignment]
        index._fuzzy_words = small["fuzzy_words"]  # type: ignore[assignment]
        index._fuzzy_bounds = small["fuzzy_bounds"]  # type: ignore[assignment]
        index._fuzzy_lengths = arrays.get("fuzzy_lengths")
        index._fuzzy_counts = arrays.get("fuzzy_counts")
        if len(index._starts) != len(index._key_ids) + 1 or len(index._idf) != len(index._key_ids):
            raise ValueError("index state is inconsistent")
        if index._starts[-1] != len(index._ids) or len(index._codes) != len(index._ids):
            raise ValueError("index postings are inconsistent")
        index._names = None
        index._expand = lru_cache(maxsize=50_000)(index._expand_uncached)
        return index

    def _posting(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """The stories containing a stem (ascending) and the weight of the field each has it in."""
        number = self._key_ids[key]
        lo, hi = self._starts[number], self._starts[number + 1]
        return self._ids[lo:hi], _WEIGHT_TABLE[self._codes[lo:hi]]

    def __len__(self) -> int:
        return len(self.stories)

    def get(self, story_id: str) -> Story | None:
        position = self._later.get(story_id, self._positions.get(story_id))
        return None if position is None else self.stories[position]

    def vocabulary_size(self) -> int:
        return len(self._key_ids)

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
            weight = GENERIC_WEIGHT if word in GENERIC_WORDS else 1.0
            terms.append(QueryTerm(word, weight, self._expand(word)))
        return terms

    def _phrases(self, tokens: Sequence[str]) -> tuple[list[QueryTerm], set[int]]:
        """Several-word expressions of a concept ("heads of government", "pull back") as one term each."""
        lex = lexicon()
        stems = [stem(fold(t)) for t in tokens]
        longest = max((len(p) for p in lex.concept_phrases), default=0)
        terms: list[QueryTerm] = []
        inside: set[int] = set()
        i = 0
        while i < len(stems):
            for n in range(min(longest, len(stems) - i), 1, -1):
                concepts = lex.concept_phrases.get(tuple(stems[i : i + n]))
                if not concepts:
                    continue
                found: dict[str, float] = {}
                for position in range(i, i + n):
                    if stems[position] in self._key_ids and tokens[position] not in STOPWORDS:
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
        if key not in self._key_ids and len(word) >= MIN_FUZZY_LENGTH and not word.isdigit():
            for surface, ratio in self._fuzzy_surfaces(word):
                fuzzy_key = self._surface_to_stem[surface]
                credit = _fuzzy_credit(ratio)
                if found.get(fuzzy_key, 0.0) < credit:
                    found[fuzzy_key] = credit
        return tuple(found.items())

    def _fuzzy_range(self, length: int) -> tuple[int, int]:
        """Where the typo targets of ``length`` letters are in ``_fuzzy_words`` (empty: none)."""
        return self._fuzzy_bounds.get(length, (0, 0))

    def _fuzzy_surfaces(self, word: str) -> list[tuple[str, float]]:
        cutoff = _fuzzy_cutoff(word)
        survivors = self._fuzzy_candidates(word, cutoff)
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
                word, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3
            ):
                out.append((surface, ratio))
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
        # Dense per-story accumulators, touched only at the postings' positions. Each product is
        # formed in the same order as a scalar loop would, so scores are bit-identical to it.
        size = len(self.stories)
        scores = np.zeros(size)
        covered = np.zeros(size)
        evidence = np.zeros(size, dtype=np.int64)
        best_field = np.zeros(size)
        hit = np.zeros(size, dtype=bool)
        best_c = best_s = best_f = mark = None  # made on the first term with several candidates
        for term in terms:
            if not term.candidates:
                continue
            if len(term.candidates) == 1:
                # One candidate (the usual case): it is every story's best, so add it directly. The
                # same products in the same order as below, without the per-story best bookkeeping.
                ((key, similarity),) = term.candidates
                ids, field_weights = self._posting(key)
                scores[ids] += (term.weight * similarity * self._idf[self._key_ids[key]]) * field_weights
                covered[ids] += term.weight * similarity
                if term.weight >= 1.0:
                    evidence[ids] += 1
                    best_field[ids] = np.maximum(best_field[ids], field_weights)
                hit[ids] = True
                continue
            if best_c is None or best_s is None or best_f is None or mark is None:
                best_c, best_s, best_f = np.zeros(size), np.zeros(size), np.zeros(size)
                mark = np.zeros(size, dtype=bool)
            for key, similarity in term.candidates:
                ids, field_weights = self._posting(key)
                contribution = (term.weight * similarity * self._idf[self._key_ids[key]]) * field_weights
                # Contributions are positive, so 0 means "not seen yet"; ties keep the first candidate.
                better = contribution > best_c[ids]
                chosen = ids[better]
                best_c[chosen] = contribution[better]
                best_s[chosen] = similarity
                best_f[chosen] = field_weights[better]
                mark[ids] = True
            # The stories any candidate touched, ascending (a mask: np.unique sorts, ~50x slower).
            where = np.flatnonzero(mark)
            mark[where] = False
            scores[where] += best_c[where]
            covered[where] += term.weight * best_s[where]
            if term.weight >= 1.0:
                evidence[where] += 1
                best_field[where] = np.maximum(best_field[where], best_f[where])
            hit[where] = True
            best_c[where] = 0.0
            best_s[where] = 0.0
            best_f[where] = 0.0
        found = np.flatnonzero(hit)
        if len(found) > limit:
            # Keep everything tied with the limit-th score, then order exactly: score, then position.
            found_scores = scores[found]
            cut = np.partition(found_scores, len(found) - limit)[len(found) - limit]
            found = found[found_scores >= cut]
        ranked = found[np.lexsort((found, -scores[found]))][:limit].tolist()
        return [
            Match(
                self.stories[p],
                round(float(scores[p]), 4),
                round(min(1.0, float(covered[p]) / total_weight), 4),
                int(evidence[p]),
                float(best_field[p]),
            )
            for p in ranked
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
        if position is not None and self.stories[position] == story:
            return position
        return self.stories.index(story)

    def _contains(self, key: str, position: int) -> bool:
        number = self._key_ids[key]
        lo, hi = self._starts[number], self._starts[number + 1]
        # Posting slices are in story order, so a binary search applies.
        i = bisect_left(self._ids, position, lo, hi)
        return i < hi and int(self._ids[i]) == position

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
    codes = np.frombuffer("".join(fuzzy).encode("utf-32-le"), dtype=np.uint32)
    columns = np.full(len(codes), _OTHER_COLUMN, dtype=np.int64)
    letters = (codes >= 97) & (codes <= 122)
    digits = (codes >= 48) & (codes <= 57)
    columns[letters] = codes[letters] - 97
    columns[digits] = codes[digits] - 48 + 26
    owner = np.repeat(np.arange(len(fuzzy), dtype=np.int64), lengths)
    flat = np.bincount(columns * len(fuzzy) + owner, minlength=(_OTHER_COLUMN + 1) * len(fuzzy))
    return lengths, flat.reshape(_OTHER_COLUMN + 1, len(fuzzy)).astype(np.uint8)


def _plain(text: str) -> str:
    return " ".join(words(text))


def _index_words(text: str) -> list[str]:
    if text.isascii() and "'" not in text and "<" not in text and "@" not in text:
        lowered = text.lower()
        if "http" not in lowered:
            # The common case, tokenised as ``words`` would, without its per-token loop: for ASCII,
            # NFKC changes nothing and casefold is lower(); with no "<", "@" or "http" there is no
            # Discord markup to strip, and with no apostrophe every word is a run of letters and
            # digits, which blanking everything else and splitting finds twice as fast as a regex.
            out = lowered.translate(_ASCII_BLANKS).split()
            if "-" in text:
                out += [m.replace("-", "") for m in _HYPHENATED.findall(lowered)]
            return out
    out = words(text)
    # Index hyphenated compounds both split and joined: "cease-fire" is also "ceasefire".
    # ASCII text without "-" has none (NFKC can only make a "-" out of non-ASCII), so skip the regex.
    if "-" in text or not text.isascii():
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
