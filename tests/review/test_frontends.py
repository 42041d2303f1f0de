"""The review without Discord: ``python -m bot review`` and ``/review`` in the console, end to end."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest

from bot.app import build_app
from bot.cli import main
from bot.config import Settings
from bot.console import run_console
from bot.feeds.models import ParsedItem, ProposalKind
from bot.feeds.store import FeedStore
from bot.storage import Database
from tests.review.conftest import ITEM, make_proposal

OTHER = ParsedItem(
    title="Kyiv engineers restore a second substation",
    link="https://harbour.example/news/substation",
    guid="harbour-substation-2",
    summary="Crews reconnected the substation overnight, the grid operator said.",
    published=ITEM.published,
)


def _proposals(url: str) -> list[int]:
    async def make() -> list[int]:
        store = FeedStore(await Database.connect(url))
        try:
            first = await make_proposal(store)
            second = await make_proposal(store, item=OTHER, kind=ProposalKind.REVIEW, story_id=None)
            return [first, second]
        finally:
            await store.close()

    return asyncio.run(make())


@pytest.fixture
def config(tmp_path: Path, briefs: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[bot]\nbriefs_dir = "{briefs}"\nreload_seconds = 0\n\n'
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "bot.sqlite3"}"\n',
        encoding="utf-8",
    )
    return path


def _run(capsys: pytest.CaptureFixture[str], config: Path, *argv: str) -> tuple[int, str]:
    code = main([*argv, "--config", str(config)])
    return code, capsys.readouterr().out


def test_review_from_the_command_line(config: Path, tmp_path: Path, briefs: Path, capsys) -> None:
    first, second = _proposals(f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}")
    code, out = _run(capsys, config, "review", "list")
    assert code == 0 and f"#{first} [open] update of china-export-curbs: “Beijing adds gallium" in out
    assert f"#{second} [open] needs a story" in out
    code, out = _run(capsys, config, "review", "show", str(first))
    assert "The Harbour Post wrote: “Exporters of gallium" in out and "https://harbour.example/news/" in out
    before = (briefs / "china-export-curbs.toml").read_text(encoding="utf-8")
    code, out = _run(capsys, config, "review", "accept", str(first), "--editor", "Ana")
    assert code == 0 and out.startswith("added to china-export-curbs: Beijing adds gallium"), out
    after = (briefs / "china-export-curbs.toml").read_text(encoding="utf-8")
    assert after.startswith(before.split("[[facts]]")[0]) and "gallium-licences" in after
    code, out = _run(capsys, config, "review", "accept", str(first))
    assert code == 1 and "already accepted (story china-export-curbs) by Ana" in out
    code, out = _run(capsys, config, "ask", "Does gallium need an export licence?")
    assert code == 0 and "Exporters of gallium" in out
    code, out = _run(capsys, config, "review", "accept", str(second))
    assert code == 1 and "name the story" in out
    code, out = _run(capsys, config, "review", "reject", str(second))
    assert code == 0 and out.startswith(f"rejected proposal #{second}")
    code, out = _run(capsys, config, "review", "new", str(second), "--story", "x")
    assert code == 2 and "needs --story ID --title TITLE --topic TOPIC" in out
    code, out = _run(capsys, config, "review", "list")
    assert out.strip() == "no open proposals"


def test_review_in_the_console(config: Path, tmp_path: Path) -> None:
    from bot.config import load_settings

    first, second = _proposals(f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}")
    settings: Settings = load_settings(config)
    lines = (
        "/review\n"
        f"/review accept {second} --story ukraine-energy-grid --headline 'A substation is back'\n"
        f"/review accept {second}\n"
        "/review bogus\n"
        "/story ukraine-energy-grid\n"
    )
    stdout = io.StringIO()
    assert run_console(build_app(settings), io.StringIO(lines), stdout) == 0
    out = stdout.getvalue()
    assert f"#{first} [open] update of china-export-curbs" in out
    assert "added to ukraine-energy-grid: A substation is back" in out
    assert f"proposal #{second} was already accepted (story ukraine-energy-grid) by console:" in out
    assert "invalid choice: 'bogus'" in out and "Usage: /review list" in out
    assert out.count("A substation is back") >= 2  # the decision, then the story page shows it
