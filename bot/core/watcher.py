"""Watching ``briefs/`` for edits, for every front end alike.

The library does the reading (in a worker thread, so parsing never blocks the event loop) and
publishes a new snapshot; the watcher only decides *when*, and tells its front end what happened
(a reloaded file, or a broken one with its field) through ``on_report``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from bot.core.library import ReloadReport, StoryLibrary

log = logging.getLogger(__name__)

ReportFn = Callable[[ReloadReport], None]


def describe_report(report: ReloadReport) -> list[str]:
    """One line per reloaded or removed file and per problem, as a front end shows them."""
    lines: list[str] = []
    if report.changed:
        lines.append("Stories reloaded: " + ", ".join(report.changed))
    if report.removed:
        lines.append("Story files removed: " + ", ".join(report.removed))
    for problem in report.problems:
        lines.append(f"Story file {problem} (the last good version stays in use)")
    return lines


class CatalogWatcher:
    """Polls the story folder every ``interval`` seconds while started."""

    def __init__(self, library: StoryLibrary, interval: float, on_report: ReportFn | None = None) -> None:
        self.library = library
        self.interval = interval
        self.on_report = on_report
        self._task: asyncio.Task[None] | None = None

    async def check(self) -> ReloadReport:
        """Reload now and report what changed (a broken file is re-read, and reported, once per edit)."""
        report = await asyncio.to_thread(self.library.reload)
        if not report.nothing_changed and self.on_report is not None:
            self.on_report(report)
        return report

    def start(self) -> None:
        if self.interval > 0 and self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="catalog-watcher")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.check()
            except Exception:
                log.exception("reloading stories failed; the previous catalog stays in use")
