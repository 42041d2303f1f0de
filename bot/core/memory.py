"""Conversation memory: which story each conversation is about, and its last turn, for follow-ups."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

DEFAULT_TTL_SECONDS = 30 * 60
DEFAULT_MAX_CONVERSATIONS = 10_000


@dataclass(frozen=True)
class Turn:
    """What the last answer was about: a follow-up reads its pronouns and ellipses against it."""

    kind: str = ""  # the kind of answer the question wanted ("who", "when", ...)
    topic: frozenset[str] = frozenset()  # the question's topic stems
    sentence: int | None = None  # which sentence of the story answered (its order)
    named: frozenset[str] = frozenset()  # stems the conversation has already named
    predicate: frozenset[str] = frozenset()  # what the last question asked, less who it was about


@dataclass
class Conversation:
    story_id: str
    last_seen: float
    turn: Turn = field(default_factory=Turn)


class ConversationMemory:
    """Remembers the current story per conversation key, for a while.

    Conversations expire after ``ttl`` idle seconds, and at most ``max_conversations`` are kept
    (the least recently used go first), so memory stays bounded however many people talk to the bot.
    """

    def __init__(
        self,
        ttl: float = DEFAULT_TTL_SECONDS,
        max_conversations: int = DEFAULT_MAX_CONVERSATIONS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if ttl <= 0 or max_conversations <= 0:
            raise ValueError("ttl and max_conversations must be positive")
        self.ttl = ttl
        self.max_conversations = max_conversations
        self._clock = clock
        self._items: OrderedDict[Hashable, Conversation] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def current(self, key: Hashable) -> str | None:
        """The story being discussed, or None when there is none or it has expired."""
        item = self._items.get(key)
        if item is None:
            return None
        if self._clock() - item.last_seen > self.ttl:
            del self._items[key]
            return None
        return item.story_id

    def last_turn(self, key: Hashable) -> Turn | None:
        """The last turn of a live conversation (None when there is none or it has expired)."""
        return self._items[key].turn if self.current(key) is not None else None

    def remember(self, key: Hashable, story_id: str, turn: Turn | None = None) -> None:
        now = self._clock()
        item = self._items.get(key)
        if item is not None and item.story_id == story_id:
            item.last_seen = now
            if turn is not None:
                item.turn = turn
        else:
            self._items[key] = Conversation(story_id, now, turn or Turn())
        self._items.move_to_end(key)
        self._evict(now)

    def forget(self, key: Hashable) -> None:
        self._items.pop(key, None)

    def _evict(self, now: float) -> None:
        while len(self._items) > self.max_conversations:
            self._items.popitem(last=False)
        # The oldest entries sit at the front; drop expired ones there, cheaply.
        while self._items:
            key, item = next(iter(self._items.items()))
            if now - item.last_seen <= self.ttl:
                break
            del self._items[key]
