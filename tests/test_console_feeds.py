"""The console polls the ``[[feeds]]`` of its config in the background and says what came of it."""

from __future__ import annotations

import io
import shutil
import threading
import time
from pathlib import Path

from bot.app import build_app
from bot.config import Settings
from bot.console import run_console
from bot.feeds.settings import FeedConfig
from tests.discord_app.test_feeds_live import BROKEN, FAST, HARBOUR
from tests.feeds.conftest import feed_server, feed_server_session  # noqa: F401 - fixtures
from tests.feeds.server import FeedServer
from tests.test_console import _TypedLines, _wait_for

REPO_BRIEFS = Path(__file__).resolve().parents[1] / "briefs"


def test_console_polls_its_feeds_and_tells_what_came_of_it(tmp_path: Path, feed_server: FeedServer) -> None:  # noqa: F811
    briefs = tmp_path / "briefs"
    shutil.copytree(REPO_BRIEFS, briefs)
    settings = Settings()
    settings.bot.briefs_dir = briefs
    settings.bot.reload_seconds = 0
    settings.database.url = f"sqlite+aiosqlite:///{tmp_path / 'console.sqlite3'}"
    settings.feeds_policy = FAST
    settings.feeds = [
        FeedConfig(url=feed_server.put_fixture(HARBOUR, "outlet-a-before.xml"), publisher="The Harbour Post"),
        FeedConfig(url=feed_server.url(BROKEN), publisher="Broken Gazette"),
    ]
    stdin, stdout = _TypedLines(), io.StringIO()
    codes: list[int] = []
    session = threading.Thread(target=lambda: codes.append(run_console(build_app(settings), stdin, stdout)))
    session.start()
    try:
        _wait_for(stdout, "Polling 2 news feed sources in the background.")
        deadline = time.monotonic() + 10
        while not feed_server.hits(HARBOUR):  # the first fetch only records what is there
            assert time.monotonic() < deadline
            time.sleep(0.02)
        time.sleep(0.3)
        feed_server.put_fixture(HARBOUR, "outlet-a-after.xml")  # an item appears
        _wait_for(stdout, "new proposal")
        _wait_for(stdout, "Feed source disabled: Broken Gazette")
        stdin.lines.put("/review\n")
        _wait_for(stdout, "Russian missile barrage")
        time.sleep(2.5)  # told once, however long the poller keeps running
        assert stdout.getvalue().count("Feed source disabled") == 1
    finally:
        stdin.lines.put("")  # end of input: the console closes the poller
        session.join(timeout=15)
    assert codes == [0]
    assert stdout.getvalue().rstrip().endswith("Bye.")
