"""The command line is a contract for other tools: run it as they do, in a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.render.limits import message_problems
from tests.conftest import REPO_ROOT


def bot(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=REPO_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def ok(*args: str, stdin: str | None = None) -> str:
    proc = bot(*args, stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


# --- ask ---------------------------------------------------------------------------------------------


def test_ask_json_contract() -> None:
    out = json.loads(ok("ask", "--json", "When", "was", "the", "missile", "attack", "on", "Ukraine?"))
    assert set(out) == {"story", "score", "answer", "direct", "date", "suggestions"}
    assert out["story"] == "ukraine-energy-grid"
    assert isinstance(out["score"], float) and 0.5 <= out["score"] <= 1.0
    assert (
        isinstance(out["answer"], str) and "13 December 2024" in out["answer"] and len(out["answer"]) <= 400
    )
    assert out["date"] == "2024-12-13"
    assert out["suggestions"] == []


def test_ask_json_abstains() -> None:
    out = json.loads(ok("ask", "--json", "recipe for lasagna"))
    assert out == {
        "story": None,
        "score": out["score"],
        "answer": None,
        "direct": None,
        "date": None,
        "suggestions": [],
    }
    assert 0.0 <= out["score"] < 0.5


def test_ask_json_suggestions_are_ids() -> None:
    out = json.loads(ok("ask", "--json", "Israel Ukraine China France"))
    assert out["story"] is None
    assert len(out["suggestions"]) == 3
    assert all(re.fullmatch(r"[a-z0-9-]+", s) for s in out["suggestions"])


def test_ask_as_text() -> None:
    out = ok("ask", "Eurasia", "Group")
    assert "France's government crisis" in out
    assert "\u2063" not in out


def test_ask_jsonl_one_line_out_per_line_in() -> None:
    lines = [
        {"id": "a", "question": "ukraine power", "conversation": "x"},
        {"id": "b", "question": "when did that happen?", "conversation": "x"},
        {"id": "c", "question": "when did that happen?", "conversation": "y"},
        {"id": "d", "question": "when did that happen?"},
        {"id": "e", "question": "Ternopil", "conversation": {"guild": 1, "user": 2}},
        {"id": "f", "question": "and what happened there?", "conversation": {"guild": 1, "user": 2}},
        {"id": "h", "question": "Khan Younis", "conversation": 7},
    ]
    feed = "".join(json.dumps(item) + "\n" for item in lines)
    out = [json.loads(line) for line in ok("ask", "--jsonl", stdin=feed).splitlines()]
    assert [o["id"] for o in out] == [item["id"] for item in lines]
    stories = {o["id"]: o["story"] for o in out}
    assert stories == {
        "a": "ukraine-energy-grid",
        "b": "ukraine-energy-grid",  # follow-up in conversation x
        "c": None,  # conversation y has no story yet
        "d": None,  # no conversation at all
        "e": "ukraine-energy-grid",
        "f": "ukraine-energy-grid",  # a JSON object works as a conversation key
        "h": "gaza-ceasefire",
    }
    for o in out:
        assert {"id", "story", "score", "answer", "suggestions"} <= set(o)
        assert o["answer"] is None or len(o["answer"]) <= 400


def test_ask_jsonl_answers_each_bad_line_with_an_error_and_exits_non_zero() -> None:
    feed = "\n".join(
        [
            json.dumps({"id": 1, "question": "Xi Jinping"}),
            "{this is not json",
            "[1, 2, 3]",
            "",
            json.dumps({"id": "q", "question": None}),
            json.dumps({"question": "no id"}),
            json.dumps({"id": "n", "question": 42}),
            json.dumps({"id": 2, "question": "Eurasia Group"}),
        ]
    )
    proc = bot("ask", "--jsonl", stdin=feed)
    assert proc.returncode == 1  # some lines failed
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == 7  # the blank line is skipped, every other line answered
    assert out[0]["id"] == 1 and out[0]["story"] == "china-export-curbs"
    errors = out[1:6]
    assert [set(o) for o in errors] == [{"id", "error"}] * 5
    assert [o["id"] for o in errors] == [None, None, "q", None, "n"]
    assert [o["error"].split(":")[0] for o in errors] == ["line 2", "line 3", "line 5", "line 6", "line 7"]
    assert "question" in out[3]["error"] and "id" in out[4]["error"]
    assert out[6]["id"] == 2 and out[6]["story"] == "france-government"


def test_output_into_a_closed_pipe_ends_quietly() -> None:
    # The reader stops after one byte; the answer is larger than a pipe's buffer, so the write fails.
    proc = subprocess.run(
        f"{sys.executable} -m bot ask --jsonl | head -c 1",
        shell=True,
        input="".join(json.dumps({"id": i, "question": f"Ternopil {i}"}) + "\n" for i in range(300)),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
    )
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_ask_jsonl_handles_a_long_feed() -> None:
    feed = "".join(json.dumps({"id": i, "question": f"Ternopil {i}"}) + "\n" for i in range(300))
    out = ok("ask", "--jsonl", stdin=feed).splitlines()
    assert [json.loads(line)["id"] for line in out] == list(range(300))


# --- stories and brief -------------------------------------------------------------------------------------


def test_stories_json() -> None:
    rows = json.loads(ok("stories", "--json"))
    assert sorted(r["id"] for r in rows) == [
        "china-export-curbs",
        "france-government",
        "gaza-ceasefire",
        "ukraine-energy-grid",
    ]
    for row in rows:
        assert {"id", "title", "topic", "summary", "updated", "text"} <= set(row)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["updated"])
        assert row["title"] in row["text"] and row["summary"] in row["text"]
    gaza = next(r for r in rows if r["id"] == "gaza-ceasefire")
    assert gaza["updated"] == "2025-10-10" and gaza["topic"] == "Middle East"


def test_stories_as_text() -> None:
    out = ok("stories")
    assert "4 stories" in out and "gaza-ceasefire" in out


def test_brief_json_is_a_valid_discord_payload() -> None:
    payload = json.loads(ok("brief", "--json", "--date", "2025-10-11", "--since", "2025-01-01"))
    assert {"content", "embeds", "components", "allowed_mentions"} <= set(payload)
    assert payload["allowed_mentions"] == {"parse": []}
    assert message_problems(payload) == []
    assert "<t:" in payload["content"]
    (embed,) = payload["embeds"]
    # News leads by topic; the one unchanged story (War in Ukraine) is in the closing line.
    assert [f["name"] for f in embed["fields"]] == ["Europe", "Middle East", "Trade", "Unchanged"]
    assert embed["description"].startswith("3 new of 4 stories")
    assert len(payload["components"][0]["components"]) == 4


def test_brief_topic_filter() -> None:
    payload = json.loads(ok("brief", "--json", "--date", "2025-10-11", "--topics", "Trade"))
    (embed,) = payload["embeds"]
    assert [f["name"] for f in embed["fields"]] == ["Trade"]
    assert "rare earths" in embed["fields"][0]["value"]


def test_brief_as_text() -> None:
    out = ok("brief", "--date", "2025-10-11", "--topics", "Europe", "War in Ukraine")
    assert "Daily brief · 11 Oct 2025" in out
    assert "France's government crisis" in out and "Russia's strikes" in out
    assert "China" not in out


def test_brief_unknown_topic_fails() -> None:
    proc = bot("brief", "--topics", "Sport")
    assert proc.returncode != 0
    assert "unknown topic(s): Sport" in proc.stderr
    assert "Trade" in proc.stderr  # lists the known topics
    assert proc.stdout == ""


def test_brief_bad_date_fails() -> None:
    proc = bot("brief", "--date", "yesterday")
    assert proc.returncode != 0
    assert "--date" in proc.stderr


# --- options -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["", "ask", "stories", "brief", "console", "check", "run", "sync"])
def test_help_works_on_every_command(command: str) -> None:
    proc = bot(*([command] if command else []), "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: python -m bot")
    assert "--briefs" in proc.stdout


def test_briefs_option_with_one_story(tmp_path: Path, make_story_file) -> None:
    make_story_file(tmp_path, id="lighthouse-strike")
    rows = json.loads(ok("stories", "--json", "--briefs", str(tmp_path)))
    assert [r["id"] for r in rows] == ["lighthouse-strike"]
    out = json.loads(ok("ask", "--json", "--briefs", str(tmp_path), "How many lighthouses are there?"))
    assert out["story"] == "lighthouse-strike"
    assert "42" in out["answer"]
    assert json.loads(ok("ask", "--json", "--briefs", str(tmp_path), "gaza ceasefire"))["story"] is None


def test_briefs_option_before_the_command(tmp_path: Path, make_story_file) -> None:
    make_story_file(tmp_path, id="only-one")
    rows = json.loads(ok("stories", "--briefs", str(tmp_path), "--json"))
    assert [r["id"] for r in rows] == ["only-one"]


def test_config_file_sets_the_briefs_folder(tmp_path: Path, make_story_file) -> None:
    make_story_file(tmp_path / "mybriefs", id="from-config")
    config = tmp_path / "settings.toml"
    config.write_text('[bot]\nbriefs_dir = "mybriefs"\n')
    rows = json.loads(ok("stories", "--json", "--config", str(config)))
    assert [r["id"] for r in rows] == ["from-config"]


def test_bad_config_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[bot]\nlog_level = "LOUD"\n')
    proc = bot("stories", "--config", str(config))
    assert proc.returncode != 0
    assert "bot.log_level" in proc.stderr


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    proc = bot("ask", "--config", str(tmp_path / "none.toml"), "hello")
    assert proc.returncode != 0
    assert "no such config file" in proc.stderr


# --- check -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("brief_time", ["25:61", "8am"])
def test_check_refuses_a_console_brief_time_the_console_cannot_use(tmp_path: Path, brief_time: str) -> None:
    config = tmp_path / "settings.toml"
    config.write_text(f'[console]\nbrief_time = "{brief_time}"\n', encoding="utf-8")
    proc = bot("check", "--no-database", "--config", str(config))
    assert proc.returncode == 1
    assert "[console] brief_time" in proc.stderr and "Traceback" not in proc.stderr


def test_check_tries_the_database_unless_told_not_to(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text(
        '[database]\nurl = "postgresql+asyncpg://nobody:secret@127.0.0.1:9/none"\n', encoding="utf-8"
    )
    proc = bot("check", "--config", str(config))
    assert proc.returncode == 1
    assert "[database] url: cannot connect" in proc.stderr and "--no-database" in proc.stderr
    assert "secret" not in proc.stderr
    assert bot("check", "--no-database", "--config", str(config)).returncode == 0
