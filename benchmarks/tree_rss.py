"""The memory of a process and its worker processes together, sampled from outside it.

A cold start of a large catalog parses in a worker process beside the bot's (see
``bot/core/parallel_parse.py``), and the memory budget counts both at every moment. Neither
``ru_maxrss`` figure gives that: the process's own is its alone, its children's is the largest
single child's and may include the instant a child was forked, when it shows the parent's pages as
its own. So a thread here reads the resident sizes of the process and of every descendant every few
milliseconds (``/proc``, a few dozen microseconds a sample, on Linux; psutil elsewhere) and keeps
the largest sum, with the peak of each process alone (``VmHWM``: exact, even between samples).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import psutil

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MB = 2**20


class TreeMemory:
    """Samples process ``pid`` and its descendants from ``start()`` to ``stop()``."""

    def __init__(self, pid: int, interval: float = 0.005) -> None:
        self.pid = pid
        self.interval = interval
        self.peak = 0  # bytes: the largest sum of resident sizes seen in one sample
        self.peak_parts: dict[int, int] = {}  # pid -> resident bytes in that sample
        self.own_peaks: dict[int, int] = {}  # pid -> its own peak (VmHWM) in bytes, as last read
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._proc = Path(f"/proc/{pid}")
        self._execed: set[int] = set()  # descendants seen running their own program

    def start(self) -> TreeMemory:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            parts = self._sample()
            total = sum(parts.values())
            if total > self.peak:
                self.peak, self.peak_parts = total, parts
            self._stop.wait(self.interval)

    def _sample(self) -> dict[int, int]:
        if not self._proc.exists():
            return self._sample_psutil()
        parts: dict[int, int] = {}
        pending = [self.pid]
        while pending:
            pid = pending.pop()
            try:
                if pid != self.pid and not self._own_process(pid):
                    continue
                with open(f"/proc/{pid}/statm", "rb") as statm:
                    parts[pid] = int(statm.read().split()[1]) * _PAGE
                with open(f"/proc/{pid}/status", "rb") as status:
                    for line in status:
                        if line.startswith(b"VmHWM:"):
                            self.own_peaks[pid] = int(line.split()[1]) * 1024
                            break
                for task in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{task}/children", "rb") as children:
                        pending.extend(int(child) for child in children.read().split())
            except (OSError, ValueError, IndexError):  # gone between listing and reading
                continue
        return parts

    def _own_process(self, pid: int) -> bool:
        """Whether a child runs a program of its own yet: between fork and exec it shares the
        parent's pages, which would count twice."""
        if pid in self._execed:
            return True
        with open(f"/proc/{pid}/cmdline", "rb") as child, open(f"/proc/{self.pid}/cmdline", "rb") as root:
            if child.read() == root.read():
                return False
        self._execed.add(pid)
        return True

    def _sample_psutil(self) -> dict[int, int]:
        try:
            root = psutil.Process(self.pid)
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            return {}
        parts: dict[int, int] = {}
        for process in processes:
            try:
                parts[process.pid] = process.memory_info().rss
            except psutil.Error:
                continue
        return parts

    def summary(self) -> dict[str, float]:
        """The peak of the sum (MB), this process's own peak and the largest descendant's (MB)."""
        workers = [peak for pid, peak in self.own_peaks.items() if pid != self.pid]
        return {
            "peak_rss_tree": self.peak / MB,
            "peak_rss_parent": self.own_peaks.get(self.pid, 0) / MB,
            "peak_rss_workers": max(workers, default=0) / MB,
        }
