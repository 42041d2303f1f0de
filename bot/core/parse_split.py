"""How a cold start's chunks of files are split between this process and its workers.

Both sides parse, and this process also takes in every chunk a worker sends back (shelving its
records, renumbering its words into the index's tables), so a fixed split would leave one of them
idle: how much a file costs on each side depends on the machine, the files and what else runs.
The split is measured as the load goes and chunks are dealt in order, a worker's chunk whenever the
workers' share has built up a whole chunk (the way a line is drawn on a pixel grid), so their chunks
come interleaved with this process's and the results are taken in name order without waiting.
"""

from __future__ import annotations

# Seconds per file before anything is measured (a 2-core machine, generated stories): a file parsed
# here (read, validated, packed, its words indexed, shelved), one a worker parsed taken in here, and
# one parsed in a worker (read, validated, packed, its words numbered within its chunk).
HERE = 170e-6
TAKEN = 20e-6
AWAY = 130e-6
# How fast the estimates follow new measurements: a chunk's timing is noisy (another process, the
# page cache), the trend is not.
SMOOTHING = 0.3
# The workers' share never leaves these bounds: past them, one side would sit idle for long
# stretches on the strength of a few odd measurements.
MIN_SHARE, MAX_SHARE = 0.1, 0.9
# Below the balanced share by this much: the workers then keep a chunk or so ahead of this process,
# so a slow chunk of theirs costs them a little idle time rather than this process a wait.
MARGIN = 0.95


class ChunkSplit:
    """Deals chunks in order, each to this process or to the workers, and learns the split."""

    def __init__(self, workers: int, head_start: float) -> None:
        self._workers = workers
        # A spawned worker needs a while (a fresh interpreter importing pydantic) before its first
        # chunk: this process takes about that many chunks before the workers' share starts to count.
        self._credit = -head_start
        self.here, self.taken, self.away = HERE, TAKEN, AWAY

    def share(self) -> float:
        """The share of the files the workers parse so that both sides finish together.

        Of n files the workers parse s*n in s*n*away/workers seconds, while this process spends
        (1-s)*n*here on its own files and s*n*taken on theirs: equal at s = here / (here +
        away/workers - taken)."""
        spare = self.here + self.away / self._workers - self.taken
        balanced = self.here / spare if spare > 0 else MAX_SHARE
        return min(MAX_SHARE, max(MIN_SHARE, balanced * MARGIN))

    def to_workers(self) -> bool:
        """Whether the next chunk in order goes to the workers (else this process parses it)."""
        self._credit += self.share()
        if self._credit >= 1.0:
            self._credit -= 1.0
            return True
        return False

    def parsed_here(self, seconds: float, files: int) -> None:
        self.here = _follow(self.here, seconds, files)

    def taken_in(self, seconds: float, files: int) -> None:
        self.taken = _follow(self.taken, seconds, files)

    def parsed_away(self, seconds: float, files: int) -> None:
        self.away = _follow(self.away, seconds, files)


def _follow(estimate: float, seconds: float, files: int) -> float:
    if files <= 0:
        return estimate
    return estimate + SMOOTHING * (seconds / files - estimate)
