"""The console's own daily brief: printed once per local day, with new stories marked."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.console_schedule import ConsoleBriefs


def make(desk, when="08:00", zone="Europe/Paris"):
    settings = Settings()
    settings.console.brief_time = when
    settings.console.timezone = zone
    out = io.StringIO()
    return ConsoleBriefs(desk, settings.console, out), out


def test_posts_once_per_local_day_even_when_the_trigger_repeats(desk):
    briefs, out = make(desk)
    paris = ZoneInfo("Europe/Paris")
    first = dt.datetime(2026, 10, 25, 2, 30, tzinfo=paris)  # the hour that happens twice
    assert briefs.post(first) is True
    assert briefs.post(first + dt.timedelta(hours=1)) is False
    assert out.getvalue().count("📰") == 1
    assert briefs.post(first + dt.timedelta(days=1)) is True
    assert out.getvalue().count("📰") == 2


def test_second_brief_marks_nothing_new(desk):
    briefs, out = make(desk)
    now = dt.datetime(2026, 11, 25, 8, 0, tzinfo=ZoneInfo("Europe/Paris"))
    briefs.post(now)
    briefs.post(now + dt.timedelta(days=1))
    second = out.getvalue().split("📰")[-1]
    assert "0 new of" in second and "🆕" not in second


async def test_start_schedules_at_the_local_time(desk):
    briefs, _ = make(desk, "07:15", "America/New_York")
    briefs.start()
    try:
        job = briefs.scheduler.get_job("console-brief")
        assert (job.next_run_time.hour, job.next_run_time.minute) == (7, 15)
        assert str(job.next_run_time.tzinfo) == "America/New_York"
    finally:
        briefs.shutdown()
