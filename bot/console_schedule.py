"""The console's daily brief and its ``/schedule`` command, through the same service as Discord.

The terminal is one "server" (``CONSOLE_GUILD``) whose channel is the terminal itself: a brief is
printed where Discord would post it, and the delivery log decides, as for every server, that each
local day gets one brief and what is new since the last one. ``[console] brief_time`` in the config
sets the schedule at start-up; ``/schedule`` changes, shows, tests or stops it.
"""

from __future__ import annotations

import logging
import shlex
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.app import App
from bot.core.replies import Reply
from bot.render.text import render_text
from bot.scheduling.engine import DeliveryAttempt
from bot.scheduling.errors import DeliveryError
from bot.services.schedules import ScheduleInputError, ScheduleService, describe_schedule
from bot.storage.repository import ScheduleRecord

log = logging.getLogger(__name__)

CONSOLE_GUILD = 0  # no Discord server has id 0
CONSOLE_CHANNEL = 0
USAGE = (
    "Usage: /schedule set HH:MM Zone [topic ...] (quote topics of several words), "
    "/schedule show, /schedule off, /schedule test"
)


class TerminalPoster:
    """The schedule service's ``BriefPoster`` for a terminal: briefs and notices are printed."""

    def __init__(self, stdout: TextIO) -> None:
        self.stdout = stdout

    async def post_brief(
        self, schedule: ScheduleRecord, brief: Reply, attempt: DeliveryAttempt | None = None
    ) -> str | None:
        print("\n" + render_text(brief), file=self.stdout, flush=True)
        return None

    async def notify_paused(self, schedule: ScheduleRecord, reason: str) -> None:
        print(
            f"The daily brief is paused: {reason}. Run /schedule set again to resume.",
            file=self.stdout,
            flush=True,
        )


def _local(record: ScheduleRecord, instant: datetime) -> str:
    return f"{instant.astimezone(ZoneInfo(record.timezone)):%Y-%m-%d %H:%M %Z}"


class ConsoleSchedule:
    """``/schedule`` typed at the console, answered by the app's schedule service."""

    def __init__(self, app: App, stdout: TextIO) -> None:
        self.app = app
        self.stdout = stdout

    async def service(self) -> ScheduleService:
        """The app's schedule service, opened (database included) and started on first use."""
        service = self.app.schedules
        if service is None:
            service = await self.app.open_schedules(TerminalPoster(self.stdout))
            await service.start()
        return service

    async def start_from_settings(self) -> str | None:
        """Apply ``[console] brief_time``; the line to show, or None when no brief time is set."""
        console = self.app.settings.console
        if not console.brief_time:
            return None
        return await self._set(console.brief_time, console.timezone, console.topics)

    async def handle(self, rest: str) -> str:
        try:
            words = shlex.split(rest)
        except ValueError:
            words = rest.split()
        action = words[0].lower() if words else "show"
        try:
            if action == "set" and len(words) >= 3:
                return await self._set(words[1], words[2], words[3:] or None)
            if action == "show":
                return await self._show()
            if action == "off":
                removed = await (await self.service()).off(CONSOLE_GUILD)
                return "Daily brief stopped." if removed else "No daily brief was scheduled."
            if action == "test":
                try:
                    record = await (await self.service()).test(CONSOLE_GUILD)
                except DeliveryError as exc:
                    return f"The test brief could not be printed: {exc}"
                return "Test brief printed above." if record else _NO_SCHEDULE
        except ScheduleInputError as exc:
            return str(exc)
        except OSError as exc:  # the database could not be reached
            log.exception("console schedule failed")
            return f"Daily briefs are not available: {exc}"
        return USAGE

    async def _set(self, post_time: str, timezone: str, topics: list[str] | None) -> str:
        service = await self.service()
        done = await service.set(
            CONSOLE_GUILD, channel_id=CONSOLE_CHANNEL, post_time=post_time, timezone=timezone, topics=topics
        )
        lines = [f"Daily brief scheduled for {_local(done.record, done.next_brief)}."]
        if done.dst_note:
            lines.append(done.dst_note)
        return "\n".join(lines)

    async def _show(self) -> str:
        view = await (await self.service()).show(CONSOLE_GUILD)
        if view is None:
            return _NO_SCHEDULE
        return "\n".join(describe_schedule(view, "Daily brief", lambda at: _local(view.record, at)))


_NO_SCHEDULE = "No daily brief is scheduled. Set one with /schedule set HH:MM Zone, or [console] brief_time."
