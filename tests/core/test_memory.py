"""Conversation memory: per-key story, idle expiry and bounded size."""

from __future__ import annotations

import pytest

from bot.core.memory import ConversationMemory


def test_remembers_per_key(clock) -> None:
    memory = ConversationMemory(ttl=60, clock=clock)
    memory.remember("alice", "story-a")
    memory.remember(("guild", 1, "bob"), "story-b")
    assert memory.current("alice") == "story-a"
    assert memory.current(("guild", 1, "bob")) == "story-b"
    assert memory.current("carol") is None
    assert len(memory) == 2


def test_a_new_story_replaces_the_old_one(clock) -> None:
    memory = ConversationMemory(ttl=60, clock=clock)
    memory.remember("k", "story-a")
    memory.remember("k", "story-b")
    assert memory.current("k") == "story-b"
    assert len(memory) == 1


def test_expires_after_the_ttl(clock) -> None:
    memory = ConversationMemory(ttl=60, clock=clock)
    memory.remember("k", "story-a")
    clock.advance(60)
    assert memory.current("k") == "story-a"  # exactly the TTL is still alive
    clock.advance(0.5)
    assert memory.current("k") is None
    assert len(memory) == 0  # an expired entry is dropped, not just hidden


def test_activity_renews_the_ttl(clock) -> None:
    memory = ConversationMemory(ttl=60, clock=clock)
    memory.remember("k", "story-a")
    clock.advance(50)
    memory.remember("k", "story-a")
    clock.advance(50)
    assert memory.current("k") == "story-a"


def test_reading_does_not_renew_the_ttl(clock) -> None:
    memory = ConversationMemory(ttl=60, clock=clock)
    memory.remember("k", "story-a")
    clock.advance(40)
    assert memory.current("k") == "story-a"
    clock.advance(40)
    assert memory.current("k") is None


def test_least_recently_used_is_evicted(clock) -> None:
    memory = ConversationMemory(ttl=600, max_conversations=3, clock=clock)
    for key in ("a", "b", "c"):
        memory.remember(key, f"story-{key}")
        clock.advance(1)
    memory.remember("a", "story-a")  # "a" is now the most recently used
    memory.remember("d", "story-d")
    assert len(memory) == 3
    assert memory.current("b") is None
    assert [memory.current(k) for k in ("a", "c", "d")] == ["story-a", "story-c", "story-d"]


def test_memory_stays_bounded(clock) -> None:
    memory = ConversationMemory(ttl=600, max_conversations=50, clock=clock)
    for i in range(1000):
        memory.remember(i, "story")
    assert len(memory) == 50
    assert memory.current(999) == "story"
    assert memory.current(0) is None


def test_expired_entries_are_swept_on_write(clock) -> None:
    memory = ConversationMemory(ttl=10, clock=clock)
    for key in range(5):
        memory.remember(key, "old")
    clock.advance(11)
    memory.remember("fresh", "new")
    assert len(memory) == 1


def test_forget(clock) -> None:
    memory = ConversationMemory(ttl=60, clock=clock)
    memory.remember("k", "story-a")
    memory.forget("k")
    memory.forget("never-seen")
    assert memory.current("k") is None


@pytest.mark.parametrize(("ttl", "size"), [(0, 10), (-1, 10), (10, 0), (10, -5)])
def test_rejects_non_positive_limits(ttl: float, size: int) -> None:
    with pytest.raises(ValueError):
        ConversationMemory(ttl=ttl, max_conversations=size)
