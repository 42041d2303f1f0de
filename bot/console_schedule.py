"""Scheduled briefs for the terminal console (``[console] brief_time`` in the config).

One date job at the next post time computed by :mod:`bot.scheduling.times` (the same DST rules
as the Discord schedules), re-armed after each brief.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger

from bot.config import ConsoleSection
from bot.core.desk import NewsDesk
from bot.render.text import render_text
from bot.scheduling.times import format_post_time, next_post_time, parse_post_time

JOB_ID = "console-brief"


class ConsoleBriefs:
    """Prints the daily brief into the terminal once per local day, marking what is new since the last."""

    def __init__(self, desk: NewsDesk, settings: ConsoleSection, stdout: TextIO) -> None:
        self.desk = desk
        self.zone = ZoneInfo(settings.timezone)
        self.topics = settings.topics
        self.post_time = format_post_time(parse_post_time(settings.brief_time or ""))
        self.stdout = stdout
        self.last_day: dt.date | None = None
        self.scheduler = AsyncIOScheduler(timezone=self.zone)

    def post(self, now: dt.datetime | None = None) -> bool:
        """Print today's brief unless it was already printed today; True when printed."""
        day = (now or dt.datetime.now(self.zone)).astimezone(self.zone).date()
        if self.last_day == day:
            return False
        reply = self.desk.brief(day, self.topics, self.last_day)
        print("\n" + render_text(reply), file=self.stdout, flush=True)
        self.last_day = day
        return True

    def _arm(self, after: dt.datetime) -> dt.datetime:
        instant = next_post_time(self.post_time, self.zone, after).astimezone(self.zone)
        self.scheduler.add_job(
            self._fire,
            DateTrigger(run_date=instant, timezone=self.zone),
            args=(instant,),
            id=JOB_ID,
            replace_existing=True,
            misfire_grace_time=300,
        )
        return instant

    def _fire(self, instant: dt.datetime) -> None:
        self.post()
        self._arm(max(dt.datetime.now(dt.UTC), instant))

    def start(self) -> ConsoleBriefs:
        self.scheduler.start()
        self._arm(dt.datetime.now(dt.UTC))
        return self

    def shutdown(self, wait: bool = False) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=wait)


def start_console_schedule(desk: NewsDesk, settings: ConsoleSection, stdout: TextIO) -> ConsoleBriefs:
    briefs = ConsoleBriefs(desk, settings, stdout).start()
    job = briefs.scheduler.get_job(JOB_ID)
    print(f"Daily brief scheduled for {job.next_run_time:%Y-%m-%d %H:%M %Z}.", file=stdout, flush=True)
    return briefs
