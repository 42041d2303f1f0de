"""The console's daily brief goes through the same schedule service and delivery log as Discord."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App
from bot.config import Settings
from bot.console_schedule import CONSOLE_GUILD, USAGE, ConsoleSchedule
from bot.core.desk import NewsDesk
from bot.scheduling.engine import Outcome


@pytest.fixture
async def console_app(desk: NewsDesk, tmp_path: Path) -> AsyncIterator[App]:
    settings = Settings()
    settings.database.url = f"sqlite+aiosqlite:///{tmp_path / 'console.sqlite3'}"
    app = App(settings, desk.library, desk)
    yield app
    await app.close()


async def test_brief_time_in_the_config_is_scheduled_at_the_local_time(console_app: App) -> None:
    console_app.settings.console.brief_time = "07:15"
    console_app.settings.console.timezone = "America/New_York"
    note = await ConsoleSchedule(console_app, io.StringIO()).start_from_settings()
    assert note is not None and note.startswith("Daily brief scheduled for") and "07:15" in note
    assert console_app.schedules is not None
    next_run = console_app.schedules.engine.next_run_time(CONSOLE_GUILD)
    assert next_run is not None and (next_run.hour, next_run.minute) == (7, 15)
    assert str(next_run.tzinfo) == "America/New_York"


async def test_no_brief_time_opens_nothing(console_app: App) -> None:
    assert await ConsoleSchedule(console_app, io.StringIO()).start_from_settings() is None
    assert console_app.schedules is None  # no database needed for a console without briefs


async def test_schedule_commands(console_app: App) -> None:
    out = io.StringIO()
    schedule = ConsoleSchedule(console_app, out)
    assert (await schedule.handle("show")).startswith("No daily brief is scheduled")
    assert (await schedule.handle("set 08:00 europe/paris Trade")).startswith("Daily brief scheduled for")
    shown = await schedule.handle("")
    assert "Daily brief at 08:00 Europe/Paris." in shown and "Topics: Trade" in shown
    assert await schedule.handle("test") == "Test brief printed above."
    assert "┌─ Daily brief" in out.getvalue() and "China's export curbs" in out.getvalue()
    assert "HH:MM" in await schedule.handle("set 7pm UTC")
    assert "Unknown topic Sport" in await schedule.handle("set 08:00 UTC Sport")
    assert await schedule.handle("later") == USAGE
    assert await schedule.handle("off") == "Daily brief stopped."
    assert await schedule.handle("off") == "No daily brief was scheduled."


async def test_one_brief_per_local_day_and_new_only_since_the_last(console_app: App) -> None:
    out = io.StringIO()
    schedule = ConsoleSchedule(console_app, out)
    await schedule.handle("set 08:00 UTC")
    service = console_app.schedules
    assert service is not None
    first = service.engine.next_run_time(CONSOLE_GUILD)
    assert first is not None
    for due in (first, first + dt.timedelta(hours=1), first + dt.timedelta(days=1)):
        await service.engine.run_due(due + dt.timedelta(seconds=1))
    results = await service.engine.run_due(first + dt.timedelta(days=1, hours=1))
    assert [r.outcome for r in results] == [Outcome.ALREADY_HANDLED]
    briefs = out.getvalue().split("┌─ Daily brief")[1:]
    assert len(briefs) == 2  # the repeated run on day one printed nothing
    assert "0 new of" in briefs[1] and "🆕" not in briefs[1]
