"""The terminal console: ``Console.handle`` directly, and ``python -m bot console`` through stdin."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.app import App, build_app
from bot.config import Settings
from bot.console import BANNER, Console, run_console
from bot.core.desk import NewsDesk
from tests.conftest import REPO_ROOT

TODAY = dt.date(2025, 10, 11)


@pytest.fixture
def console(desk: NewsDesk) -> Console:
    return Console(desk, today=lambda: TODAY)


def test_blank_line_prints_nothing(console: Console) -> None:
    assert console.handle("") == ""
    assert console.handle("   \n") == ""


@pytest.mark.parametrize("line", ["/quit", "/exit", "/q", "  /quit  ", "quit", "Exit", "exit."])
def test_quit(console: Console, line: str) -> None:
    assert console.handle(line) is None


def test_help(console: Console) -> None:
    out = console.handle("/help")
    assert "any line without a slash is a (follow-up) question" in out
    assert "/ask question" in out and "/brief" in out


def _help_lists(console: Console) -> set[str]:
    reply = console.desk.help([(c.usage, c.summary) for c in console.commands.values()])
    out = console.handle("/help")
    assert out is not None
    listed = {usage.split()[0] for usage, _ in reply.cards[0].fields}
    for command in listed:
        assert command in out
    return listed


def _refused(console: Console, command: str) -> bool:
    return (console.handle(command + " x") or "").startswith("Unknown command")


def test_help_lists_exactly_what_the_console_accepts(desk: NewsDesk) -> None:
    async def nothing(rest: str) -> str:
        return "ok"

    from bot.console import app_commands

    running = Console(desk, today=lambda: TODAY, more=app_commands(nothing, nothing))
    listed = _help_lists(running)
    assert listed == set(running.accepted())
    assert {"/ask", "/story", "/timeline", "/followup", "/stories", "/brief"} <= listed
    assert {"/schedule", "/review", "/help", "/quit"} <= listed
    for command in listed - {"/quit", "/help", "/schedule", "/review"}:
        assert not _refused(running, command), command
    for command in ("/schedule", "/review"):  # answered by the running app
        assert asyncio.run(running.respond(command + " show")) == "ok"
    assert _refused(running, "/nope")
    assert "/timeline" in running.handle("/nope")  # the unknown-command message names them all


def test_help_without_the_app_lists_no_app_commands(console: Console) -> None:
    listed = _help_lists(console)
    assert listed == set(console.accepted())
    assert "/schedule" not in listed and "/review" not in listed
    assert _refused(console, "/schedule")


def test_ask_then_plain_follow_up(console: Console) -> None:
    first = console.handle("/ask ukraine power")
    assert "Russia's strikes on Ukraine's energy grid" in first
    followup = console.handle("when did that happen?")
    assert "Russia's strikes on Ukraine's energy grid" in followup
    assert "13 December 2024" in " ".join(followup.replace("│", " ").split())  # text is wrapped
    assert "Updated: 13 Dec 2024" in followup


def test_plain_line_is_a_question(console: Console) -> None:
    assert "France's government crisis" in console.handle("Eurasia Group")
    assert "I have no story about that" in console.handle("recipe for lasagna")


def test_story_on_screen_is_the_follow_up_context(console: Console) -> None:
    console.handle("/story france-government")
    out = console.handle("how many premiers has it lost?")
    assert "France has lost five prime ministers in two years." in out


def test_story_with_a_page(console: Console) -> None:
    out = console.handle("/story gaza-ceasefire 2")
    assert "Page 2 of 2" in out
    assert "Key facts" in out
    assert "/story gaza-ceasefire 1" in out  # the "Previous" hint
    assert "Page 1 of 2" in console.handle("/story Gaza truce 1")  # alias plus page


def test_story_by_fuzzy_name(console: Console) -> None:
    assert "France's government crisis" in console.handle("/story frnce")
    assert "No story matches “zzzz”" in console.handle("/story zzzz")
    assert console.handle("/story") == "Name a story."


def test_stories(console: Console) -> None:
    out = console.handle("/stories")
    assert "4 stories" in out
    for story_id in ("gaza-ceasefire", "france-government", "ukraine-energy-grid", "china-export-curbs"):
        assert story_id in out


def test_brief(console: Console) -> None:
    out = console.handle("/brief")
    assert out.startswith("┌─ Daily brief · 11 Oct 2025")
    assert "3 new of 4 stories in the last day" in out  # no server here: the last day is new
    trade = console.handle("/brief Trade")
    assert "China's export curbs" in trade and "Gaza" not in trade
    assert "Gaza cease-fire talks" in console.handle('/brief "Middle East"')


def test_brief_unknown_topic(console: Console) -> None:
    out = console.handle("/brief Sport")
    assert out.startswith("Unknown topic.")
    assert "Middle East" in out
    assert console.handle('/brief "unbalanced').startswith("Unknown topic.")


def test_brief_unquoted_multi_word_topic(console: Console) -> None:
    assert "Russia's strikes" in console.handle("/brief War in Ukraine")


def test_timeline_and_followup_commands(console: Console) -> None:
    assert "Timeline: France's government crisis" in console.handle("/timeline frnce")
    out = console.handle("/followup china-export-curbs what share of supply?")
    assert "70%" in out
    assert "No story matches" in console.handle("/followup nothing-here what?")


def test_unknown_command(console: Console) -> None:
    out = console.handle("/frobnicate now")
    assert out.startswith("Unknown command /frobnicate.")
    assert "/ask" in out and "/quit" in out


def test_command_names_ignore_case(console: Console) -> None:
    assert "4 stories" in console.handle("/STORIES")


# --- the loop ----------------------------------------------------------------------------------------------


def _run(desk: NewsDesk, text: str) -> tuple[int, str]:
    stdout = io.StringIO()
    app = App(Settings(), desk.library, desk)
    code = run_console(app, stdin=io.StringIO(text), stdout=stdout)
    return code, stdout.getvalue()


def test_loop_survives_a_failing_command(desk: NewsDesk, monkeypatch, caplog) -> None:
    def explode() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(desk, "stories", explode)
    code, out = _run(desk, "/stories\n/ask Ternopil\n")
    assert code == 0
    assert "Sorry, that went wrong" in out
    assert "Russia's strikes on Ukraine's energy grid" in out  # the next command still ran
    assert out.rstrip().endswith("Bye.")
    assert "boom" in caplog.text


def test_loop_ends_at_end_of_input(desk: NewsDesk) -> None:
    code, out = _run(desk, "/ask Ternopil")  # no newline, no /quit
    assert code == 0
    assert out.startswith(BANNER)
    assert "Ternopil" in out
    assert out.rstrip().endswith("Bye.")


def _console_process(text: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        cwd=REPO_ROOT,
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_console_process_session() -> None:
    lines = [
        "/help",
        "/ask ukraine power",
        "when did that happen?",
        "/story gaza-ceasefire 2",
        "/stories",
        "/brief Trade",
        "/nope",
        "/quit",
        "recipe for lasagna",  # after /quit: never answered
    ]
    proc = _console_process("\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith(BANNER)
    for command in ("/schedule", "/review", "/timeline", "/followup", "/quit"):  # help: what it accepts
        assert command in out, command
    assert out.count("┌─ Russia's strikes on Ukraine's energy grid") == 2  # question and follow-up
    assert "Page 2 of 2" in out
    assert "4 stories" in out
    assert "China's export curbs on rare earths" in out
    assert "Unknown command /nope." in out
    assert "I have no story about that" not in out
    assert out.rstrip().endswith("Bye.")


def test_console_process_exits_on_eof() -> None:
    proc = _console_process("Eurasia Group\n")
    assert proc.returncode == 0, proc.stderr
    assert "France's government crisis" in proc.stdout
    assert proc.stdout.rstrip().endswith("Bye.")


# --- edited story files ----------------------------------------------------------------------------------


class _TypedLines(io.TextIOBase):
    """stdin for a console running in another thread: each ``readline`` waits for the test to type."""

    def __init__(self) -> None:
        self.lines: queue.Queue[str] = queue.Queue()

    def isatty(self) -> bool:
        return False

    def readline(self, size: int | None = -1) -> str:
        return self.lines.get(timeout=30)


def _wait_for(out: io.StringIO, text: str, count: int = 1) -> None:
    deadline = time.monotonic() + 15
    while out.getvalue().count(text) < count:
        assert time.monotonic() < deadline, f"never saw {text!r} x{count} in:\n{out.getvalue()}"
        time.sleep(0.02)


def _touch_later(path: Path, seconds: int) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


def test_console_picks_up_an_edited_story_file(tmp_path: Path, make_story_file) -> None:
    path = make_story_file(tmp_path, filename="lighthouse.toml", id="lighthouse")
    settings = Settings()
    settings.bot.briefs_dir = tmp_path
    settings.bot.reload_seconds = 0.05
    stdin, stdout = _TypedLines(), io.StringIO()
    codes: list[int] = []
    session = threading.Thread(target=lambda: codes.append(run_console(build_app(settings), stdin, stdout)))
    session.start()
    try:
        stdin.lines.put("/story lighthouse\n")
        _wait_for(stdout, "Keepers walk out")

        update = {
            "date": dt.date(2025, 1, 9),
            "headline": "Keepers return to work",
            "text": "They went back.",
        }
        make_story_file(tmp_path, filename="lighthouse.toml", id="lighthouse", updates=[update])
        _touch_later(path, 10)
        _wait_for(stdout, "Stories reloaded: lighthouse.toml")
        stdin.lines.put("/story lighthouse\n")
        _wait_for(stdout, "Keepers return to work")

        # A broken edit: the console says which file and field, and keeps the last good version.
        broken = {"date": "last Tuesday", "headline": "Broken", "text": "Oops."}
        make_story_file(tmp_path, filename="lighthouse.toml", id="lighthouse", updates=[broken])
        _touch_later(path, 20)
        _wait_for(stdout, "Story file lighthouse.toml: updates[0].date")
        assert "the last good version stays in use" in stdout.getvalue()
        stdin.lines.put("/story lighthouse\n")
        _wait_for(stdout, "Keepers return to work", count=2)
    finally:
        stdin.lines.put("")  # end of input
        session.join(timeout=15)
    assert codes == [0]
    assert stdout.getvalue().rstrip().endswith("Bye.")


def test_loop_routes_schedule_to_the_schedule_service(desk: NewsDesk, tmp_path: Path) -> None:
    settings = Settings()
    settings.database.url = f"sqlite+aiosqlite:///{tmp_path / 'console.sqlite3'}"
    stdout = io.StringIO()
    lines = "/schedule set 09:30 UTC\n/schedule show\n/schedule test\n"
    assert run_console(App(settings, desk.library, desk), io.StringIO(lines), stdout) == 0
    out = stdout.getvalue()
    assert "Daily brief scheduled for" in out and "Daily brief at 09:30 UTC." in out
    assert "┌─ Daily brief" in out and "Test brief printed above." in out
    assert out.rstrip().endswith("Bye.")


def test_ctrl_c_leaves_the_console_at_once_without_a_traceback(tmp_path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import REPO_ROOT

    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "console"],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,  # kept open: the console waits for a line, as at a prompt
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        assert "News briefing bot" in proc.stdout.readline()
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)  # before: a hang until Enter
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0 and "Bye." in out
    assert "Traceback" not in err
