"""Peak RSS per phase of one ``StoryLibrary.load`` (and, optionally, the watcher's reloads).

    python -m benchmarks.rss_phases DIR CACHE [--edit-first] [--reloads] [--load-workers N]

A thread samples the process's RSS, plus its worker processes' (a large cold start parses in
workers beside it with ``--load-workers``), every 10 ms; the library's steps (listing, reading the cache,
parsing, building or updating the index, the answerer's warm-up, the cache write) are wrapped so
each sample is charged to the step running at the time. ``--edit-first`` rewrites 1 % of the files
before loading (an edited restart); ``--reloads`` then rewrites 1 file and 1 % and calls
``reload()`` after each. Which files are edited is chosen before the load, from names (100k Path
objects would count in the measured peak). Prints JSON: seconds, timings, peaks (MB), ru_maxrss.
Samples 10 ms apart can miss a short spike; ``ru_maxrss`` cannot, but it is this process's alone
(``ru_maxrss_workers`` is the largest single worker's; it may include the instant a worker was
forked before it became a fresh interpreter, when it shows the parent's pages as its own).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import random
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

EDITED_SHARE = 0.01


class PhaseSampler:
    def __init__(self) -> None:
        self.outer = "imports"
        self.inner: list[str] = []
        self.peaks: dict[str, float] = {}
        self._stop = threading.Event()
        self._process = psutil.Process()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            rss = self._rss() / 2**20
            name = f"{self.outer} / {self.inner[-1]}" if self.inner else self.outer
            self.peaks[name] = max(self.peaks.get(name, 0.0), rss)
            time.sleep(0.01)

    def _rss(self) -> int:
        """This process's RSS plus its worker processes' (a cold start of a large catalog parses
        in workers too, whose memory counts toward the same budget)."""
        total = self._process.memory_info().rss
        for child in self._process.children(recursive=True):
            with contextlib.suppress(psutil.Error):  # gone between listing and reading
                total += child.memory_info().rss
        return total

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        real: Callable[..., Any] | None = getattr(owner, attribute, None)
        if real is None:
            return

        @functools.wraps(real)
        def charged(*args: Any, **kwargs: Any) -> Any:
            self.inner.append(name)
            try:
                return real(*args, **kwargs)
            finally:
                self.inner.pop()

        setattr(owner, attribute, charged)


def _rewrite(directory: Path, names: list[str]) -> None:
    for path in (directory / name for name in names):
        path.write_bytes(path.read_bytes())
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def main(argv: list[str]) -> dict[str, Any]:
    # Imported here, not at the top: a spawned worker imports this module again (it is the main
    # module), and the index's imports would count in every worker's memory.
    import bot.core.index as index_module
    import bot.core.library as library_module
    from bot.core.workers import allow_workers

    directory, cache = Path(argv[0]), Path(argv[1])
    if "--load-workers" in argv:
        allow_workers(int(argv[argv.index("--load-workers") + 1]))
    library_module.CACHE_FROM = 0
    names = sorted(n for n in os.listdir(directory) if n.endswith(".toml"))
    picks = {
        "1 file": random.Random(1).sample(names, 1),
        "1 %": random.Random(2).sample(names, max(1, int(len(names) * EDITED_SHARE))),
    }
    del names
    if "--edit-first" in argv:
        _rewrite(directory, picks["1 %"])
    sampler = PhaseSampler()
    library_cls = library_module.StoryLibrary
    sampler.wrap(library_cls, "_scan", "scan")
    sampler.wrap(library_cls, "_restore", "cache read")
    sampler.wrap(library_cls, "_read", "parse")
    sampler.wrap(library_module._Shelf, "stories", "shelf.stories")
    sampler.wrap(library_cls, "_publish", "index build")
    sampler.wrap(index_module, "merge_chunks", "merge chunks")
    sampler.wrap(index_module.StoryIndex, "_finish", "idf, typo vocabulary")
    sampler.wrap(index_module, "_letter_counts", "typo letter counts")
    sampler.wrap(library_module, "Answerer", "answerer warm-up")
    sampler.wrap(library_cls, "_save_cache", "cache save")
    sampler.start()
    time.sleep(0.05)
    sampler.outer = "load"
    started = time.perf_counter()
    library = library_cls.load(directory, cache=cache)
    out: dict[str, Any] = {"seconds": round(time.perf_counter() - started, 2)}
    out["timings"] = {k: round(v, 3) for k, v in library.last_timings.items()}
    sampler.outer = "after the load"
    time.sleep(0.3)
    if "--reloads" in argv:
        for label, picked in picks.items():
            _rewrite(directory, picked)
            sampler.outer = f"reload {label}"
            started = time.perf_counter()
            library.reload()
            out[f"reload {label}"] = round(time.perf_counter() - started, 3)
            out[f"reload {label} timings"] = {k: round(v, 3) for k, v in library.last_timings.items()}
        sampler.outer = "after the reloads"
        time.sleep(0.3)
    sampler.stop()
    out["peaks"] = {k: round(v) for k, v in sampler.peaks.items()}
    out["ru_maxrss"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    out["ru_maxrss_workers"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return out


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:]), indent=1))
