"""The terminal console: the same slash commands as Discord, typed at a prompt.

Plain lines are follow-up questions in one running conversation, like replying to the bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import shlex
import signal
import sys
import threading
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.app import App
from bot.console_schedule import ConsoleSchedule
from bot.core.desk import NewsDesk
from bot.core.library import ReloadReport
from bot.core.replies import Reply
from bot.core.watcher import describe_report
from bot.feeds.models import SourceRecord
from bot.feeds.notify import disabled_notice
from bot.render.text import render_text
from bot.review.actions import USAGE as REVIEW_USAGE
from bot.review.actions import console_review

log = logging.getLogger(__name__)

CONVERSATION = ("console",)
HISTORY_FILE = Path.home() / ".newsbrief_history"
BANNER = "News briefing bot — type a question, or /help. /quit to leave."


@dataclass(frozen=True)
class ConsoleCommand:
    """One command the console accepts: how to type it, what it does, and what answers it.

    ``run`` answers at once from the desk; ``run_async`` needs the running app (the schedule store,
    the review). A command with neither is ``/quit``. ``/help`` and the unknown-command message are
    read from the same registry that dispatches, so they list exactly what the console accepts.
    """

    usage: str
    summary: str
    run: Callable[[str], Reply] | None = None
    run_async: Callable[[str], Awaitable[str | None]] | None = None


QUIT_NAMES = ("quit", "exit", "q")
_BARE_QUIT = frozenset({"quit", "exit"})


class Console:
    """Turns one typed line into the text the bot shows; no I/O of its own, so it is testable.

    ``more`` adds the commands that need the running app (``/schedule``, ``/review``).
    """

    def __init__(
        self,
        desk: NewsDesk,
        today: Callable[[], dt.date] = dt.date.today,
        more: Mapping[str, ConsoleCommand] | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.desk = desk
        self.today = today
        self.now = now  # None: the end of today
        self.commands: dict[str, ConsoleCommand] = {
            "ask": ConsoleCommand(
                "/ask question",
                "Ask about the news (any line without a slash asks a follow-up).",
                lambda rest: desk.ask(rest, CONVERSATION),
            ),
            "story": ConsoleCommand("/story name [page]", "Read a whole story, page by page.", self._story),
            "timeline": ConsoleCommand("/timeline name", "A story's dated updates.", self._timeline),
            "followup": ConsoleCommand(
                "/followup story-id question", "A follow-up question about one story.", self._followup
            ),
            "stories": ConsoleCommand(
                "/stories", "The catalog, with each story's latest update.", lambda rest: desk.stories()
            ),
            "brief": ConsoleCommand("/brief [topic]", "Today's brief now.", self._brief),
            **(more or {}),
            "help": ConsoleCommand("/help", "This list.", lambda rest: self._help()),
            "quit": ConsoleCommand("/quit", "Leave (also /exit, /q, or Ctrl-C at an empty prompt)."),
        }

    def accepted(self) -> list[str]:
        """Every command the console accepts, as typed (``/ask``, ...)."""
        return [f"/{name}" for name in self.commands]

    def _command(self, line: str) -> tuple[str, ConsoleCommand | None, str]:
        name, _, rest = line[1:].partition(" ")
        name = name.lower()
        if name in QUIT_NAMES:
            name = "quit"
        return name, self.commands.get(name), rest.strip()

    def handle(self, line: str) -> str | None:
        """The response to a line, or None when the user wants to leave (commands answered at once)."""
        line = line.strip()
        if not line:
            return ""
        if line.lower().rstrip(".!") in _BARE_QUIT:
            return None  # "quit" without its slash is no news question: people type it to leave
        if not line.startswith("/"):
            return render_text(self.desk.ask(line, CONVERSATION))
        name, command, rest = self._command(line)
        if command is None:
            return f"Unknown command /{name}. Commands: " + ", ".join(self.accepted())
        if command.run is None:
            if command.run_async is not None:
                raise RuntimeError(f"/{name} needs the running console (use respond)")
            return None  # /quit
        reply = command.run(rest)
        self.desk.remember_shown(CONVERSATION, reply)
        return render_text(reply)

    async def respond(self, line: str) -> str | None:
        """:meth:`handle`, and the commands that need the running app too."""
        stripped = line.strip()
        if stripped.startswith("/"):
            _name, command, rest = self._command(stripped)
            if command is not None and command.run_async is not None:
                return await command.run_async(rest)
        return self.handle(line)

    def _story(self, rest: str) -> Reply:
        words = rest.split()
        if len(words) > 1 and words[-1].isdigit():
            story, _ = self.desk.find_story(" ".join(words[:-1]))
            if story is not None:
                return self.desk.story_page(story.id, int(words[-1]) - 1)
        return self.desk.story(rest)

    def _timeline(self, rest: str) -> Reply:
        story, _suggestions = self.desk.find_story(rest)
        return self.desk.timeline(story.id) if story else self.desk.story(rest)

    def _followup(self, rest: str) -> Reply:
        story_id, _, question = rest.partition(" ")
        story, _ = self.desk.find_story(story_id)
        if story is None:
            return self.desk.story(story_id)
        return self.desk.follow_up(story.id, question, CONVERSATION)

    def _brief(self, rest: str) -> Reply:
        if rest and not self.desk.unknown_topics([rest]):
            topics = [rest]  # one topic, possibly of several words: /brief War in Ukraine
        else:
            try:
                topics = shlex.split(rest)
            except ValueError:
                topics = rest.split()
        if self.desk.unknown_topics(topics):
            return Reply(content=f"Unknown topic. Topics: {', '.join(self.desk.topics())}", ephemeral=True)
        # The console is no server: "new" is what was added in the last day (the brief says so).
        return self.desk.brief(self.today(), topics or None, now=self.now() if self.now else None)

    def _help(self) -> Reply:
        tip = "In this console, any line without a slash is a (follow-up) question; /quit leaves."
        return self.desk.help([(c.usage, c.summary) for c in self.commands.values()], tip)


def app_commands(
    schedule: Callable[[str], Awaitable[str | None]], review: Callable[[str], Awaitable[str | None]]
) -> dict[str, ConsoleCommand]:
    """The console commands that need the running app: the daily brief and the editor's review."""
    return {
        "schedule": ConsoleCommand(
            "/schedule set HH:MM Zone [topics] | show | off | test",
            "The console's daily brief (or [console] brief_time in the config).",
            run_async=schedule,
        ),
        "review": ConsoleCommand(
            REVIEW_USAGE,
            "The editor's review of feed proposals.",
            run_async=review,
        ),
    }


def _setup_line_editing() -> None:
    try:
        import readline
    except ImportError:  # not on every platform; the console still works without editing
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(HISTORY_FILE)
    readline.set_history_length(1000)
    import atexit

    atexit.register(lambda: _save_history(readline))


def _save_history(readline: object) -> None:
    with contextlib.suppress(OSError):
        readline.write_history_file(HISTORY_FILE)  # type: ignore[attr-defined]


class _LineReader:
    """Reads lines in a daemon thread: a blocked ``input()`` never holds up leaving (the default
    executor would wait for Enter at exit). The next prompt is shown only once the answer is printed."""

    def __init__(self, loop: asyncio.AbstractEventLoop, read: Callable[[], str]) -> None:
        self._loop = loop
        self._read = read
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._go = threading.Event()
        self._go.set()
        threading.Thread(target=self._run, name="console-input", daemon=True).start()

    def _run(self) -> None:
        while True:
            self._go.wait()
            self._go.clear()
            try:
                line: str | None = self._read()
            except (EOFError, OSError, ValueError):
                line = None
            self._loop.call_soon_threadsafe(self._lines.put_nowait, line)
            if line is None:
                return

    def ready(self) -> None:
        self._go.set()

    async def next_line(self, leave: asyncio.Event) -> str | None:
        """The next line, or None at end of input or when the user asked to leave."""
        getting = asyncio.ensure_future(self._lines.get())
        leaving = asyncio.ensure_future(leave.wait())
        await asyncio.wait({getting, leaving}, return_when=asyncio.FIRST_COMPLETED)
        leaving.cancel()
        if getting.done():
            return getting.result()
        getting.cancel()
        return None


class _Interrupts:
    """Ctrl-C like a shell: with text typed it cancels the line, at an empty prompt it leaves."""

    def __init__(self, stdout: TextIO, interactive: bool) -> None:
        self._stdout = stdout
        self._interactive = interactive
        self._cancelled = False
        self.leave = asyncio.Event()

    def press(self) -> None:
        if self._interactive and _typed_so_far().strip():
            self._cancelled = True
            print(
                "^C (line cancelled; press Enter for a new prompt, Ctrl-C at an empty one leaves)",
                file=self._stdout,
                flush=True,
            )
            return
        print(file=self._stdout, flush=True)
        self.leave.set()

    def take_cancelled(self) -> bool:
        cancelled, self._cancelled = self._cancelled, False
        return cancelled


def _typed_so_far() -> str:
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows
        return ""
    return readline.get_line_buffer()


class _FeedNotices:
    """The console's side of the feed poller: a disabled source and new proposals, said in a line."""

    def __init__(self, stdout: TextIO) -> None:
        self.stdout = stdout

    async def source_disabled(self, source: SourceRecord) -> None:
        print(disabled_notice(source), file=self.stdout, flush=True)

    def proposals(self, ids: list[int]) -> None:
        count = f"{len(ids)} new proposal{'s' if len(ids) != 1 else ''}"
        print(
            f"Feeds: {count} to review ({', '.join(f'#{i}' for i in ids[:10])}); /review lists them.",
            file=self.stdout,
            flush=True,
        )


async def _start_feeds(app: App, stdout: TextIO) -> str | None:
    """Poll the ``[[feeds]]`` of the config in the background while the console runs.

    Only sources named in the config: a console without them never opens the database for feeds
    (sources added with ``feeds add`` are polled by ``python -m bot run`` or ``feeds poll``)."""
    if not app.settings.feeds:
        return None
    notices = _FeedNotices(stdout)
    feeds = await app.open_feeds(notices, notices.proposals)
    await feeds.start()
    sources = len(await feeds.list_sources())
    return f"Polling {sources} news feed source{'s' if sources != 1 else ''} in the background."


def run_console(app: App, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Interactive loop; exits on /quit or end of input."""
    return asyncio.run(console_loop(app, stdin or sys.stdin, stdout or sys.stdout))


async def console_loop(app: App, stdin: TextIO, stdout: TextIO) -> int:
    """The console session: edited story files are picked up while it runs, and said so."""
    schedule = ConsoleSchedule(app, stdout)

    async def review(rest: str) -> str:
        return await console_review(await app.open_review(), rest)

    console = Console(
        app.desk, more=app_commands(schedule.handle, review), now=lambda: dt.datetime.now(dt.UTC)
    )
    interactive = stdin.isatty()
    loop = asyncio.get_running_loop()
    interrupts = _Interrupts(stdout, interactive)
    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.add_signal_handler(signal.SIGINT, interrupts.press)
    if interactive:
        _setup_line_editing()
    print(BANNER, file=stdout, flush=True)

    def show_reload(report: ReloadReport) -> None:
        for line in describe_report(report):
            print(line, file=stdout, flush=True)

    app.watch_catalog(show_reload)
    try:
        note = await schedule.start_from_settings()
    except Exception as exc:  # a bad [console] setting or no database: the console still answers
        log.exception("the console's daily brief could not be scheduled")
        note = f"The daily brief could not be scheduled: {exc}"
    if note:
        print(note, file=stdout, flush=True)
    try:
        note = await _start_feeds(app, stdout)
    except Exception as exc:  # no database: the console still answers
        log.exception("the console could not start polling the news feeds")
        note = f"The news feeds could not be polled: {exc}"
    if note:
        print(note, file=stdout, flush=True)
    reader = _LineReader(loop, (lambda: input("> ")) if interactive else stdin.readline)
    try:
        while True:
            line = await reader.next_line(interrupts.leave)
            if line is None or (line == "" and not interactive):
                break
            if interrupts.take_cancelled():
                reader.ready()
                continue
            try:
                output = await console.respond(line)
            except Exception:  # the console must survive anything a user types
                log.exception("console command failed: %r", line[:200])
                output = "Sorry, that went wrong; the error was logged."
            if output is None:
                break
            if output:
                print(output, file=stdout, flush=True)
            reader.ready()
    finally:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(signal.SIGINT)
        await app.close()
    print("Bye.", file=stdout, flush=True)
    return 0
