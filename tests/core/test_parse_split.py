"""The split of a cold start's chunks between this process and its workers: both finish together."""

from __future__ import annotations

import pytest

from bot.core.parse_split import MARGIN, MAX_SHARE, MIN_SHARE, ChunkSplit


def _dealt(split: ChunkSplit, chunks: int) -> list[bool]:
    return [split.to_workers() for _ in range(chunks)]


def test_the_share_makes_both_sides_take_the_same_time() -> None:
    split = ChunkSplit(workers=1, head_start=0)
    split.here, split.taken, split.away = 150e-6, 20e-6, 130e-6
    share = split.share() / MARGIN
    files = 100_000
    here_seconds = (1 - share) * files * split.here + share * files * split.taken
    away_seconds = share * files * split.away
    assert here_seconds == pytest.approx(away_seconds)


def test_more_workers_take_a_larger_share() -> None:
    one, two = ChunkSplit(1, 0), ChunkSplit(2, 0)
    assert MIN_SHARE < one.share() < two.share() <= MAX_SHARE


def test_chunks_are_dealt_in_the_share_and_interleaved() -> None:
    split = ChunkSplit(workers=1, head_start=0)
    split.here, split.taken, split.away = 100e-6, 0.0, 150e-6  # the workers' share: 0.38
    share = split.share()
    dealt = _dealt(split, 300)
    assert abs(sum(dealt) - 300 * share) <= 1
    # Spread out, not in runs: never two of the workers' chunks in a row, at most two of this
    # process's (a share between 1/3 and 1/2).
    assert 1 / 3 < share < 1 / 2
    text = "".join("w" if to_workers else "h" for to_workers in dealt)
    assert "ww" not in text and "hhh" not in text


def test_the_workers_first_chunk_waits_for_their_start() -> None:
    split = ChunkSplit(workers=1, head_start=3)
    first = _dealt(split, 20).index(True)
    assert first >= 3


def test_the_share_follows_what_is_measured() -> None:
    split = ChunkSplit(workers=1, head_start=0)
    before = split.share()
    for _ in range(20):  # the worker turns out slow: 1 ms a file
        split.parsed_away(seconds=1.0, files=1000)
    assert split.away == pytest.approx(1e-3, rel=0.01)
    assert split.share() < before
    for _ in range(40):  # this process turns out much slower still: 100 ms a file
        split.parsed_here(seconds=100.0, files=1000)
    assert split.share() == MAX_SHARE
    split.parsed_here(seconds=1.0, files=0)  # an empty chunk says nothing
    assert split.here == pytest.approx(0.1, rel=0.01)
