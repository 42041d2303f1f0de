"""``python -m bot feeds ...`` and ``python -m bot proposals`` end to end (SQLite file, local server)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.feeds.server import FeedServer


@pytest.fixture
def config(tmp_path: Path, feed_server: FeedServer) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f"""
[database]
url = "sqlite+aiosqlite:///{tmp_path / "bot.sqlite3"}"

[[feeds]]
url = "{feed_server.url("/f/atom.xml")}"
publisher = "Lantern Weekly"
language = "en"
topics = ["Europe"]

[feeds_policy]
contact = "mailto:editors@newsbrief.example"
allow_private_addresses = true
total_timeout_seconds = 2
""",
        encoding="utf-8",
    )
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_add_list_poll_backfill_proposals(config: Path, feed_server: FeedServer, capsys) -> None:
    url = feed_server.url("/f/feed.json")
    code, out = _run(capsys, "feeds", "add", url, "--publisher", "Northgate Wire", "--config", str(config))
    assert code == 0 and out.startswith(f"added {url} (Northgate Wire)")

    code, out = _run(capsys, "feeds", "list", "--json", "--config", str(config))
    listed = {s["url"]: s for s in json.loads(out)}
    assert listed[url]["health"] == "new"
    assert listed[feed_server.url("/f/atom.xml")]["origin"] == "config"  # [[feeds]] are stored too

    code, out = _run(capsys, "feeds", "poll", "--config", str(config))
    assert code == 0 and "polled 2 source(s): 2 ok" in out and "0 open proposal(s)" in out

    code, out = _run(capsys, "feeds", "backfill", url, "--since", "2025-10-01", "--config", str(config))
    assert code == 0 and out.startswith("2 proposal(s)")

    code, out = _run(capsys, "proposals", "--json", "--config", str(config))
    proposals = json.loads(out)
    assert {p["story"] for p in proposals} == {"china-export-curbs", "ukraine-energy-grid"}
    assert all(p["kind"] == "update" and p["items"][0]["publisher"] == "Northgate Wire" for p in proposals)

    code, out = _run(capsys, "proposals", "--config", str(config))
    assert "update of china-export-curbs: China tightens rare earth export licences further" in out

    code, out = _run(capsys, "feeds", "poll", "--config", str(config))
    assert out.startswith("polled 0 source(s): nothing due")
    code, out = _run(capsys, "feeds", "poll", "--all", "--config", str(config))
    assert out.startswith("polled 2 source(s): 2 ok")

    code, out = _run(capsys, "feeds", "list", "--config", str(config))
    assert [line.split()[0] for line in out.splitlines()] == ["ok", "ok"]
    assert "items=3" in out  # the JSON Feed's entry with a list for a title was dropped


def test_check_and_remove(config: Path, feed_server: FeedServer, capsys) -> None:
    code, out = _run(capsys, "feeds", "check", feed_server.url("/f/rss.xml"), "--config", str(config))
    assert code == 0 and out.startswith("ok: RSS feed 'The Harbour Post - World' with 3 items")
    code, out = _run(capsys, "feeds", "check", feed_server.url("/f/page.html"), "--config", str(config))
    assert code == 1 and "HTML page" in out
    code, out = _run(
        capsys, "feeds", "add", "ftp://x.example/feed", "--publisher", "X", "--config", str(config)
    )
    assert code == 2 and "http:// or https://" in out
    code, out = _run(capsys, "feeds", "remove", "https://nowhere.example/f", "--config", str(config))
    assert code == 1
    code, out = _run(capsys, "feeds", "add", "https://x.example/feed", "--config", str(config))
    assert code == 2 and "needs --publisher" in out
    code, out = _run(capsys, "feeds", "backfill", "--config", str(config))
    assert code == 2 and "needs a URL" in out
    code, out = _run(capsys, "feeds", "remove", feed_server.url("/f/atom.xml"), "--config", str(config))
    assert code == 0 and "remove it there or it comes back" in out


def test_a_feed_url_in_the_config_must_be_http(tmp_path: Path, capsys) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[[feeds]]\nurl = "file:///etc/passwd"\npublisher = "X"\n', encoding="utf-8")
    assert main(["feeds", "list", "--config", str(path)]) == 2
    assert "feeds.0.url" in capsys.readouterr().err
