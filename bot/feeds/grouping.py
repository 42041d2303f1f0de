"""Near-duplicates across outlets: the same event within a time window forms one group.

Two reports of one event share their rare words (names, places, numbers) even when the headlines
are worded differently, and outlets append their name to headlines ("... - The Harbour Post"). So
items are compared on the stems of their headline and the start of their snippet, outlet suffix
removed, as an overlap coefficient (shared / smaller set): a short headline that is wholly inside a
longer one still matches. Candidates are found through an inverted index on stems, so grouping
stays linear in practice instead of comparing every pair.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.core.text import STOPWORDS, stem, words

__all__ = ["GROUP_THRESHOLD", "Grouper", "signature", "similarity", "strip_outlet_suffix"]

# Calibrated on tests/feeds/fixtures and the labelled set: rewrites of one event score 0.45-0.8,
# different events of one story mostly below 0.35.
GROUP_THRESHOLD = 0.45
MIN_SHARED = 3  # fewer shared stems than this is coincidence, whatever the ratio
PREFIX = 5
SNIPPET_WORDS = 25  # the lead of the snippet says what happened; the rest drifts into background
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


def _stems(text: str, limit: int | None = None) -> list[str]:
    out = []
    for word in words(text):
        if word in STOPWORDS or len(word) < 2:
            continue
        if stem(word) in _NEWS_WORDS:
            continue
        # The first five letters: "Russia"/"Russian", "electric"/"electricity" and "flood"/"flooded"
        # become one key. Cruder than a stemmer, and kinder to the ways outlets word one event.
        out.append(word[:PREFIX])
        if limit is not None and len(out) >= limit:
            break
    return out


@dataclass(frozen=True)
class Signature:
    title: frozenset[str]
    body: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return self.title | self.body


def signature(title: str, snippet: str = "", publisher: str | None = None) -> Signature:
    title_stems = frozenset(_stems(strip_outlet_suffix(title, publisher)))
    return Signature(title_stems, frozenset(_stems(snippet, SNIPPET_WORDS)))


def _overlap(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    if not a or not b:
        return 0.0, 0
    shared = len(a & b)
    return shared / min(len(a), len(b)), shared


def similarity(a: Signature, b: Signature) -> float:
    """0..1: how likely two items report the same event (headline counts more than snippet)."""
    title, title_shared = _overlap(a.title, b.title)
    whole, whole_shared = _overlap(a.all, b.all)
    if whole_shared < MIN_SHARED:
        return 0.0
    return max(title if title_shared >= MIN_SHARED else 0.0, 0.5 * title + 0.5 * whole)


@dataclass
class _Group:
    key: int
    signatures: list[Signature] = field(default_factory=list)
    times: list[datetime] = field(default_factory=list)
    links: set[str] = field(default_factory=set)


class Grouper:
    """Assigns items to groups; existing groups (from storage) first, then ones made on the way.

    Keys of existing groups are their database ids; new groups get negative keys (-1, -2, ...) that
    the caller replaces with ids when it stores them.
    """

    def __init__(self, window: timedelta, threshold: float = GROUP_THRESHOLD) -> None:
        self.window = window
        self.threshold = threshold
        self._groups: dict[int, _Group] = {}
        self._by_stem: dict[str, set[int]] = defaultdict(set)
        self._by_link: dict[str, int] = {}
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
        self._remember(key, signature(title, snippet, publisher), published, link)

    def assign(
        self,
        title: str,
        snippet: str,
        published: datetime | None,
        link: str | None,
        publisher: str | None = None,
    ) -> int:
        """The group key this item belongs to (a new negative key when it is the first of its event).

        An item close to several groups made in this same batch joins them into one: reports arrive
        in any order, and the third outlet's wording may be what links the first two. Groups that
        already exist in storage are never merged (their proposals may have been decided).
        """
        sig = signature(title, snippet, publisher)
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

    def resolve(self, key: int) -> int:
        """The group a key ended up in after merges."""
        while key in self.merged:
            key = self.merged[key]
        return key

    def _matches(self, sig: Signature, published: datetime | None) -> list[int]:
        """Groups this item belongs with, best first."""
        seen: set[int] = set()
        for key_stem in sig.title:
            seen |= self._by_stem.get(key_stem, set())
        scored = []
        for key in seen:
            group = self._groups[key]
            if published is not None and group.times and not self._in_window(published, group.times):
                continue
            score = max(similarity(sig, other) for other in group.signatures)
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
            for key_stem in sig.title:
                self._by_stem[key_stem].discard(absorbed)
                self._by_stem[key_stem].add(into)
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
        for key_stem in sig.title:
            self._by_stem[key_stem].add(key)
