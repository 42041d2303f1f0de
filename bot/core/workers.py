"""Worker processes for the CPU-heavy step of loading a large catalog: parsing its files.

A cold start of 100k stories spends ~17 s of one core in pure Python (reading, validating and
packing story files, extracting every story's words); the files split into independent chunks, so
they are parsed in this process and in workers beside it at once (:mod:`bot.core.parallel_parse`),
one worker per core beyond this process's own, up to ``MAX_WORKERS``.

A worker (:mod:`bot.core.worker_process`) is a fresh interpreter importing the module its task
lives in (the loader, pydantic and the text helpers, ~40 MB), and its memory counts on top of this
process's while it runs, which is why ``MAX_WORKERS`` is small.
"""

from __future__ import annotations

import os

# From this many files on, a load parses in worker processes too. A worker is ready ~0.2 s after it
# is spawned; by then this process has parsed ~1500 files, so below this the worker would get little
# of the load (10k files: ~1.5 s of parsing alone on two cores, ~1 s with a worker beside it).
PARALLEL_FROM = 5000
# Two workers at most: each worker's memory adds to the load's peak.
MAX_WORKERS = 2
# Set by the composition root from ``[bot] load_workers``: 1 unless configured, as one worker beside
# this process takes a 100k cold start on two cores from ~17 s to ~10.5 s with both processes together
# under 300 MB (~280 MB at most); 0 keeps the load in this process, and so does a machine with one
# core (see ``worker_count``). Left at 0 for whoever uses the library without the bot's settings
# (tests, scripts). A warm start (the usual restart) reads the cache and needs no worker.
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
    """How many workers a load starts: as allowed, up to the cap, and one core left to this process,
    which parses beside them (a worker more than the cores only takes turns with it)."""
    return max(0, min(_allowed, MAX_WORKERS, cores() - 1))


def runs_in_parallel(count: int) -> bool:
    """Whether a load of ``count`` files should parse in worker processes too."""
    return count >= PARALLEL_FROM and worker_count() > 0
