"""Near-duplicates across outlets: the same event within a time window forms one group.

Two reports of one event share their particular words (names, places, numbers, what happened) even
when the headlines are worded differently, and outlets append their name to headlines ("... - The
Harbour Post"). So items are compared on the words of their headline and the start of their
snippet, outlet suffix removed, cut to their first letters ("Russia"/"Russian" alike).

Reports of *different* events about one story share the story's words too ("rare earths", "China",
"export"). Words are therefore weighted by how many items in the window use them: a word a handful
of items share counts fully, a word every item about a story carries counts little. The similarity is a
weighted overlap coefficient (shared weight / the smaller item's weight), so a short headline wholly
inside a longer report still matches.

Candidates are found through an inverted index on the rarest headline words, so grouping stays near
linear instead of comparing every pair.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.core.text import STOPWORDS, stem, words

__all__ = ["GROUP_THRESHOLD", "Grouper", "Incoming", "Signature", "signature", "strip_outlet_suffix"]

# Calibrated on the fixtures' events told by three and by eight outlets (each one group) and the
# labelled items (distinct events, several per story: 88 groups of 90; two items that report the
# same exchange of hostages and prisoners are rightly one).
GROUP_THRESHOLD = 0.43
FREE_SHARES = 3  # a word used by up to this many items in the window keeps its full weight
MIN_SHARED = 3  # fewer shared words than this is coincidence, whatever the weights
PREFIX = 5  # letters kept of each word
SNIPPET_WORDS = 25  # the lead of the snippet says what happened; the rest drifts into background
LOOKUP_WORDS = 4  # candidate groups are looked up through this many of the rarest headline words
MAX_CANDIDATES = 20  # ... and at most this many of them (those sharing most words) are compared
COMPARE_LATEST = 5  # a group is compared through its latest members: enough, and bounded
_SUFFIX = re.compile(r"\s+(?:[-|–—:]|::)\s+([^-|–—:]{1,60})$")
# Words every news headline uses; they say nothing about which event it is.
_NEWS_WORDS = frozenset(
    stem(w)
    for w in "says said say news report reports reported update live latest new after amid over could "
    "would will may first year years week day today".split()
)


def strip_outlet_suffix(title: str, publisher: str | None = None) -> str:
    """'Talks resume - The Harbour Post' -> 'Talks resume' (a short trailing segment is an outlet)."""
    match = _SUFFIX.search(title)
    if not match:
        return title
    tail = match.group(1).strip()
    if (publisher and tail.casefold() == publisher.casefold()) or len(tail.split()) <= 4:
        stripped = title[: match.start()].strip()
        return stripped or title
    return title


def _keys(text: str, limit: int | None = None) -> list[str]:
    out = []
    for word in words(text):
        if word in STOPWORDS or len(word) < 2 or stem(word) in _NEWS_WORDS:
            continue
        out.append(word[:PREFIX])
        if limit is not None and len(out) >= limit:
            break
    return out


@dataclass(frozen=True)
class Signature:
    title: frozenset[str]
    all: frozenset[str]  # headline and snippet lead


def signature(title: str, snippet: str = "", publisher: str | None = None) -> Signature:
    title_keys = frozenset(_keys(strip_outlet_suffix(title, publisher)))
    return Signature(title_keys, title_keys | frozenset(_keys(snippet, SNIPPET_WORDS)))


@dataclass(frozen=True)
class Incoming:
    """A new item to place in a group."""

    title: str
    snippet: str
    published: datetime | None
    link: str | None  # canonical link: the same link is the same group
    publisher: str | None = None


class _Weights(dict[str, float]):
    """Word -> weight, computed on first use from the counts.

    Words a few items share are what one event's reports have in common: full weight. Beyond that,
    the more items use a word, the more it is the story's (or the day's) and not the event's.
    """

    def __init__(self, counts: Counter[str]) -> None:
        super().__init__()
        self._counts = counts

    def __missing__(self, key: str) -> float:
        df = self._counts[key]
        weight = self[key] = 1.0 if df <= FREE_SHARES else 1.0 / (1.0 + math.log(df / FREE_SHARES))
        return weight


@dataclass
class _Group:
    key: int
    signatures: list[Signature] = field(default_factory=list)
    times: list[datetime] = field(default_factory=list)
    links: set[str] = field(default_factory=set)


class Grouper:
    """Assigns items to groups: existing groups (from storage) first, then ones made on the way.

    Keys of existing groups are their database ids; new groups get negative keys (-1, -2, ...) that
    the caller replaces with ids when it stores them.
    """

    def __init__(self, window: timedelta, threshold: float = GROUP_THRESHOLD) -> None:
        self.window = window
        self.threshold = threshold
        self._groups: dict[int, _Group] = {}
        self._by_stem: dict[str, set[int]] = defaultdict(set)
        self._by_link: dict[str, int] = {}
        self._df: Counter[str] = Counter()  # how many items in the window use each word
        self._weights = _Weights(self._df)
        self._totals: dict[int, float] = {}  # id(signature) -> its words' total weight (signatures are kept)
        self._next_new = -1
        self.merged: dict[int, int] = {}  # absorbed key -> the key it was merged into

    def add_existing(
        self,
        key: int,
        title: str,
        snippet: str,
        published: datetime | None,
        link: str | None,
        publisher: str | None = None,
    ) -> None:
        sig = signature(title, snippet, publisher)
        self._count(sig)
        self._remember(key, sig, published, link)

    def group(self, items: Sequence[Incoming]) -> list[int]:
        """The group key of each item, in order (after merges).

        Word weights are counted over the whole batch first, so the result does not depend on
        which outlet's report happened to come first.
        """
        signatures = [signature(i.title, i.snippet, i.publisher) for i in items]
        for sig in signatures:
            self._count(sig)
        keys = [self._assign(sig, i.published, i.link) for sig, i in zip(signatures, items, strict=True)]
        return [self.resolve(key) for key in keys]

    def resolve(self, key: int) -> int:
        """The group a key ended up in after merges."""
        while key in self.merged:
            key = self.merged[key]
        return key

    def similarity(self, a: Signature, b: Signature) -> float:
        """0..1: how likely two items report the same event, with the window's word weights."""
        shared = a.all & b.all
        if len(shared) < MIN_SHARED:
            return 0.0
        smaller = min(self._total(a), self._total(b))
        return sum(map(self._weights.__getitem__, shared)) / smaller if smaller else 0.0

    def _total(self, sig: Signature) -> float:
        total = self._totals.get(id(sig))
        if total is None:
            total = self._totals[id(sig)] = sum(map(self._weights.__getitem__, sig.all))
        return total

    def _count(self, sig: Signature) -> None:
        self._df.update(sig.all)
        self._weights.clear()  # weights follow the counts
        self._totals.clear()

    def _assign(self, sig: Signature, published: datetime | None, link: str | None) -> int:
        # An item close to several groups made in this same batch joins them into one: reports
        # arrive in any order, and the third outlet's wording may be what links the first two.
        # Groups already in storage are never merged (their proposals may have been decided).
        if link and link in self._by_link:
            key = self.resolve(self._by_link[link])
        else:
            matches = self._matches(sig, published)
            if not matches:
                key = self._next_new
                self._next_new -= 1
            else:
                existing = [k for k in matches if k > 0]
                key = existing[0] if existing else matches[0]
                for other in matches:
                    if other != key and other < 0:
                        self._merge(other, into=key)
        self._remember(key, sig, published, link)
        return key

    def _matches(self, sig: Signature, published: datetime | None) -> list[int]:
        """Groups this item belongs with, best first.

        Candidates come from the item's rarest headline words that other items have (a common word
        such as a country's name would pull in every group about it), the groups sharing most of
        them first; each group is compared through its latest few members only.
        """
        known = sorted((k for k in sig.title if self._by_stem.get(k)), key=lambda k: (self._df[k], k))
        shared: Counter[int] = Counter()
        for key_word in known[:LOOKUP_WORDS]:
            shared.update(self._by_stem[key_word])
        scored = []
        for key, _ in shared.most_common(MAX_CANDIDATES):
            group = self._groups[key]
            if published is not None and group.times and not self._in_window(published, group.times):
                continue
            score = max(self.similarity(sig, other) for other in group.signatures[-COMPARE_LATEST:])
            if score >= self.threshold:
                scored.append((-score, key))
        return [key for _, key in sorted(scored)]

    def _merge(self, absorbed: int, into: int) -> None:
        group = self._groups.pop(absorbed)
        target = self._groups[into]
        target.signatures += group.signatures
        target.times += group.times
        target.links |= group.links
        for link in group.links:
            self._by_link[link] = into
        for sig in group.signatures:
            for key_word in sig.title:
                self._by_stem[key_word].discard(absorbed)
                self._by_stem[key_word].add(into)
        self.merged[absorbed] = into

    def _in_window(self, published: datetime, times: Iterable[datetime]) -> bool:
        return any(abs(published - t) <= self.window for t in times)

    def _remember(self, key: int, sig: Signature, published: datetime | None, link: str | None) -> None:
        group = self._groups.setdefault(key, _Group(key))
        group.signatures.append(sig)
        if published is not None:
            group.times.append(published)
        if link:
            group.links.add(link)
            self._by_link.setdefault(link, key)
        for key_word in sig.title:
            self._by_stem[key_word].add(key)
