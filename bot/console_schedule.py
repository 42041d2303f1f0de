"""Scheduled briefs for the terminal console (``[console] brief_time`` in the config)."""

from __future__ import annotations

import datetime as dt
from typing import TextIO
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.config import Settings
from bot.core.desk import NewsDesk
from bot.render.text import render_text
from bot.scheduling.times import parse_post_time


class ConsoleBriefs:
    """Prints the daily brief into the terminal once per local day, marking what is new since the last."""

    def __init__(self, desk: NewsDesk, settings: Settings, stdout: TextIO) -> None:
        self.desk = desk
        self.zone = ZoneInfo(settings.console.timezone)
        self.topics = settings.console.topics
        self.at = parse_post_time(settings.console.brief_time or "")
        self.stdout = stdout
        self.last_day: dt.date | None = None
        self.scheduler = AsyncIOScheduler(timezone=self.zone)

    def post(self, now: dt.datetime | None = None) -> bool:
        """Print today's brief unless it was already printed today; True when printed."""
        day = (now or dt.datetime.now(self.zone)).astimezone(self.zone).date()
        if self.last_day == day:  # the repeated hour when DST ends fires the trigger twice
            return False
        reply = self.desk.brief(day, self.topics, self.last_day)
        print("\n" + render_text(reply), file=self.stdout, flush=True)
        self.last_day = day
        return True

    def start(self) -> ConsoleBriefs:
        trigger = CronTrigger(hour=self.at.hour, minute=self.at.minute, timezone=self.zone)
        self.scheduler.add_job(self.post, trigger, id="console-brief", misfire_grace_time=300, coalesce=True)
        self.scheduler.start()
        return self

    def shutdown(self, wait: bool = False) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=wait)


def start_console_schedule(desk: NewsDesk, settings: Settings, stdout: TextIO) -> ConsoleBriefs:
    briefs = ConsoleBriefs(desk, settings, stdout).start()
    next_run = briefs.scheduler.get_job("console-brief").next_run_time
    print(f"Daily brief scheduled for {next_run:%Y-%m-%d %H:%M %Z}.", file=stdout, flush=True)
    return briefs
