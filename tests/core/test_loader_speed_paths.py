"""The loader's fast paths (compiled TOML parser, paused garbage collector) change nothing users see."""

from __future__ import annotations

import datetime as dt
import gc
import os
import platform
import sys
import tomllib
from pathlib import Path

import pytest

from bot.core import loader
from bot.core.loader import bulk_loading, load_stories, parse_story_file, story_entries, story_files
from bot.core.models import Story


def test_fast_parser_is_installed() -> None:
    # A dependency: without it loading still works, only about four times slower.
    assert loader._fast_loads is not None


def test_fast_parser_reads_the_real_briefs_exactly_like_tomllib(briefs_dir: Path) -> None:
    for path in sorted(briefs_dir.glob("*.toml")):
        raw = path.read_text(encoding="utf-8")
        fast = loader._loads(raw)
        assert fast == tomllib.loads(raw)
        assert all(type(u["date"]) is dt.date for u in fast["updates"])


def test_dates_come_back_as_dates(tmp_path: Path, make_story_file) -> None:
    story = parse_story_file(make_story_file(tmp_path, id="dated"))
    assert isinstance(story, Story)
    assert type(story.updates[0].date) is dt.date


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('id = "x"\ntitle = "T"\ntopic = \n', 3),
        ('id = "x"\nid = "y"\n', 2),  # a duplicate key
        ('id = "x"\n[entities]\npeople = ["A"]\n[entities]\nplaces = ["B"]\n', 4),  # a table twice
        ('id = "x"\ntitle = "unterminated', 2),
    ],
)
def test_syntax_errors_keep_tomllibs_line_and_wording(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    (problem,) = parse_story_file(path)
    assert problem.location == f"line {line}"
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(text)
    assert problem.message == f"TOML syntax error: {getattr(raised.value, 'msg', str(raised.value))}"


def test_a_file_the_fast_parser_refuses_is_judged_by_tomllib(
    tmp_path: Path, make_story_file, monkeypatch
) -> None:
    def refuse(raw: str) -> dict:
        raise ValueError("fast parser says no")

    monkeypatch.setattr(loader, "_fast_loads", refuse)
    story = parse_story_file(make_story_file(tmp_path, id="still-loads"))
    assert isinstance(story, Story) and story.id == "still-loads"


def test_without_the_fast_parser_results_are_the_same(tmp_path: Path, make_story_file, monkeypatch) -> None:
    make_story_file(tmp_path, filename="a.toml", id="story-a")
    (tmp_path / "b.toml").write_text('id = "b"\ntitle = \n', encoding="utf-8")
    fast = load_stories(tmp_path)
    monkeypatch.setattr(loader, "_fast_loads", None)
    slow = load_stories(tmp_path)
    assert fast.stories == slow.stories
    assert fast.problems == slow.problems


def test_bulk_loading_restores_the_collector() -> None:
    assert gc.isenabled()
    with bulk_loading():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), bulk_loading():
        raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with bulk_loading():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


@pytest.mark.parametrize("frozen_before", [0, 5])
def test_the_first_large_load_freezes_without_collecting(
    monkeypatch: pytest.MonkeyPatch, frozen_before: int
) -> None:
    # Nothing frozen yet: no catalog before this one can be garbage, and a collection would only
    # walk the new one. Once something is frozen, a large load collects first (an earlier catalog
    # may be garbage now), as before.
    calls: list[str] = []
    monkeypatch.setattr(loader, "_COLLECT_AFTER", 100)
    monkeypatch.setattr(gc, "get_freeze_count", lambda: frozen_before)
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect") or 0)
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    with bulk_loading():
        kept = [[n] for n in range(1000)]  # container objects the collector tracks
    assert len(kept) == 1000
    assert calls == (["freeze"] if frozen_before == 0 else ["unfreeze", "collect", "freeze"])
    assert gc.isenabled()


def test_story_files_lists_what_globbing_did(tmp_path: Path) -> None:
    for name in [
        "b.toml",
        "a.toml",
        "A.toml",
        "_draft.toml",
        ".hidden.toml",
        "notes.txt",
        "x.TOML",
        "a-b.toml",
    ]:
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "folder.toml").mkdir()
    (tmp_path / "link.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "dangling.toml").symlink_to(tmp_path / "missing.toml")
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    globbed = sorted(p for p in tmp_path.glob("*.toml") if p.is_file() and not p.name.startswith((".", "_")))
    assert story_files(tmp_path) == globbed  # regular files only: safe to open (no pipe, no loop)
    assert [p.name for p in globbed] == ["A.toml", "a-b.toml", "a.toml", "b.toml", "link.toml"]
    # The loaders also see the odd entries, so that reading them names them (tests/core/test_loader.py).
    named = sorted(p for p in tmp_path.glob("*.toml") if not p.name.startswith((".", "_")))
    assert story_entries(tmp_path) == named
    assert {p.name for p in named} - {p.name for p in globbed} == {
        "dangling.toml",
        "folder.toml",
        "loop.toml",
        "pipe.toml",
    }


def test_free_memory_is_given_back_after_a_bulk_load() -> None:
    if sys.platform == "linux" and platform.libc_ver()[0] == "glibc":
        assert loader._malloc_trim is not None
    loader._release_free_memory()  # harmless anywhere; a no-op without glibc


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and pipes")
def test_parsing_by_name_in_an_open_folder_is_parsing_the_path(tmp_path: Path, make_story_file) -> None:
    """``StoryFolder`` (a load's chunks: no Path per file) gives what ``parse_story_file`` gives, the
    problems of every kind of entry included, named by the same path."""
    make_story_file(tmp_path, filename="good.toml", id="good")
    (tmp_path / "syntax.toml").write_text('id = "x"\ntitle = \n', encoding="utf-8")
    (tmp_path / "invalid.toml").write_text('id = "x"\n', encoding="utf-8")
    (tmp_path / "latin1.toml").write_bytes('title = "caf\xe9"\n'.encode("latin-1"))
    (tmp_path / "folder.toml").mkdir()
    (tmp_path / "dangling.toml").symlink_to(tmp_path / "nowhere.toml")
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    os.mkfifo(tmp_path / "pipe.toml")
    names = ["good.toml", "syntax.toml", "invalid.toml", "latin1.toml", "folder.toml"]
    names += ["dangling.toml", "loop.toml", "pipe.toml", "missing.toml"]
    with loader.StoryFolder(tmp_path) as folder:
        for name in names:
            assert folder.parse(name) == parse_story_file(tmp_path / name), name
