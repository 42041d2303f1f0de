"""Worker processes for the CPU-heavy steps of loading a large catalog: parsing and indexing.

A cold start of 100k stories spends ~20 s of one core in pure Python (reading, validating and
packing story files, then extracting every story's words); both steps split into independent chunks
of files or stories, so they run on every core the machine gives, up to ``MAX_WORKERS``.

Workers are *spawned* (a fresh interpreter), not forked: the library reloads from the watcher's
thread beside the event loop, and forking a process with threads can copy a lock another thread
holds. A spawned worker imports only the module its task lives in (the parse worker: the loader and
pydantic, ~30 MB; the index worker: the text helpers, ~15 MB), and its memory counts on top of the
parent's while it runs, which is why ``MAX_WORKERS`` is small.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

log = logging.getLogger(__name__)

# From this many files (or stories) on, parsing and indexing run in worker processes. Below it a
# step takes a few seconds at most, and starting workers (~0.3 s each) would eat much of the gain.
PARALLEL_FROM = 20_000
# Two workers at most: the machines this runs on have two cores or so, and each worker's memory adds
# to the load's peak.
MAX_WORKERS = 2
# Workers are opt-in (``[bot] load_workers``, set by the composition root): two of them halve a 100k
# cold start on two cores (~24 s -> ~12 s), but parent and workers together pass 300 MB while the
# index is built, which a memory-capped container may not allow. A warm start (the usual restart)
# reads the cache and needs none.
_allowed = 0


def allow_workers(count: int) -> None:
    """How many worker processes a large load may start (0: none, the load stays in this process)."""
    global _allowed
    _allowed = max(0, count)


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def worker_count() -> int:
    """How many workers a parallel step starts: as allowed, up to the cap and the cores."""
    return min(_allowed, MAX_WORKERS, cores())


def runs_in_parallel(count: int) -> bool:
    """Whether a step over ``count`` files or stories should use worker processes."""
    return count >= PARALLEL_FROM and worker_count() > 1


@contextmanager
def worker_pool() -> Iterator[ProcessPoolExecutor]:
    """A pool of spawned workers, shut down (and its processes gone) when the block ends."""
    pool = ProcessPoolExecutor(worker_count(), mp_context=multiprocessing.get_context("spawn"))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# What a pool may raise instead of results: no process could be started (no /dev/shm, a sandbox,
# out of memory) or a worker died. The caller then does the step in this process.
POOL_FAILURES: tuple[type[BaseException], ...] = (OSError, RuntimeError, NotImplementedError)
