"""The catalog cache: a restart re-reads only changed files, and never trusts a bad cache."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import bot.core.catalog_cache as catalog_cache
import bot.core.library as library_module
from bot.core.index import StoryIndex
from bot.core.library import StoryLibrary

QUESTIONS = ("lighthouse strike pay", "keepers union", "what happened in testland", "ceasefire talks")


pytestmark = pytest.mark.usefixtures("cache_every_catalog")


@pytest.fixture
def stories(briefs_copy: Path, make_story_file: Callable[..., Path]) -> Path:
    make_story_file(briefs_copy, id="second-story", title="Harbour pilots in Testland strike", aliases=[])
    return briefs_copy


def _answers(library: StoryLibrary) -> list[list[tuple[str, float, float]]]:
    return [[(m.story.id, m.score, m.coverage) for m in library.index.search(q)] for q in QUESTIONS]


def _touch_later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_a_restart_reads_no_file_and_answers_the_same(
    stories: Path, tmp_path: Path, parses: list[str]
) -> None:
    cold = StoryLibrary.load(stories, cache=tmp_path / "cache")
    assert len(parses) == len(cold.stories)
    parses.clear()
    warm = StoryLibrary.load(stories, cache=tmp_path / "cache")
    assert parses == []
    assert [s.id for s in warm.stories] == [s.id for s in cold.stories]
    assert list(warm.stories) == list(cold.stories)
    assert _answers(warm) == _answers(cold)
    assert warm.answerer.ask("why did the lighthouse keepers strike?").story is not None


def test_an_edited_file_alone_is_read_again(
    stories: Path, tmp_path: Path, parses: list[str], make_story_file: Callable[..., Path]
) -> None:
    StoryLibrary.load(stories, cache=tmp_path / "cache")
    parses.clear()
    edited = make_story_file(
        stories, "second-story.toml", id="second-story", title="Ferry crews in Testland strike"
    )
    _touch_later(edited)
    warm = StoryLibrary.load(stories, cache=tmp_path / "cache")
    assert parses == ["second-story.toml"]
    assert warm.index.get("second-story").title == "Ferry crews in Testland strike"  # type: ignore[union-attr]
    assert _answers(warm) == _answers(StoryLibrary.load(stories))
    parses.clear()
    StoryLibrary.load(stories, cache=tmp_path / "cache")  # the edit was written back to the cache
    assert parses == []


def test_a_deleted_file_is_gone_after_a_restart(stories: Path, tmp_path: Path) -> None:
    StoryLibrary.load(stories, cache=tmp_path / "cache")
    (stories / "second-story.toml").unlink()
    warm = StoryLibrary.load(stories, cache=tmp_path / "cache")
    assert warm.index.get("second-story") is None
    assert _answers(warm) == _answers(StoryLibrary.load(stories))


def test_a_file_broken_since_is_reported_and_not_served_from_the_cache(stories: Path, tmp_path: Path) -> None:
    StoryLibrary.load(stories, cache=tmp_path / "cache")
    broken = stories / "second-story.toml"
    broken.write_text('id = "second-story"\ntitle = \n', encoding="utf-8")
    _touch_later(broken)
    warm = StoryLibrary.load(stories, cache=tmp_path / "cache")
    assert [p.path.name for p in warm.problems] == ["second-story.toml"]
    assert warm.index.get("second-story") is None  # as on a cold start: no "last good" from disk


def test_a_file_broken_while_running_is_reported_again_after_a_restart(stories: Path, tmp_path: Path) -> None:
    running = StoryLibrary.load(stories, cache=tmp_path / "cache")
    broken = stories / "second-story.toml"
    broken.write_text("not toml at all =\n", encoding="utf-8")
    _touch_later(broken)
    running.reload()
    assert running.index.get("second-story") is not None  # the last good version while running
    (stories / "test-story.toml").unlink()
    running.reload()  # rewrites the cache, without the broken file's old version
    warm = StoryLibrary.load(stories, cache=tmp_path / "cache")
    assert [p.path.name for p in warm.problems] == ["second-story.toml"]


@pytest.mark.parametrize("victim", ["stories", "index", "ids", "manifest"])
def test_a_damaged_cache_is_ignored_and_rebuilt(
    stories: Path, tmp_path: Path, parses: list[str], victim: str
) -> None:
    cache = tmp_path / "cache"
    cold = StoryLibrary.load(stories, cache=cache)
    target = next(p for p in cache.iterdir() if p.name.startswith(victim))
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x40  # one flipped bit in the middle
    target.write_bytes(bytes(data))
    parses.clear()
    warm = StoryLibrary.load(stories, cache=cache)
    assert len(parses) == len(cold.stories)  # nothing was taken from the damaged cache
    assert _answers(warm) == _answers(cold)
    parses.clear()
    StoryLibrary.load(stories, cache=cache)
    assert parses == []  # and a good one was written in its place


def test_a_truncated_cache_file_is_ignored(stories: Path, tmp_path: Path, parses: list[str]) -> None:
    cache = tmp_path / "cache"
    StoryLibrary.load(stories, cache=cache)
    target = next(p for p in cache.iterdir() if p.name.startswith("stories"))
    target.write_bytes(target.read_bytes()[:100])
    parses.clear()
    StoryLibrary.load(stories, cache=cache)
    assert parses


def test_a_cache_from_other_code_or_another_folder_is_not_used(
    stories: Path, tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    StoryLibrary.load(stories, cache=cache)
    other = tmp_path / "other"
    shutil.copytree(stories, other)
    parses.clear()
    StoryLibrary.load(other, cache=cache)
    assert parses  # the cache was made for another folder
    StoryLibrary.load(stories, cache=cache)  # back to a cache for ``stories``
    monkeypatch.setattr(catalog_cache, "FORMAT_VERSION", catalog_cache.FORMAT_VERSION + 1)
    parses.clear()
    StoryLibrary.load(stories, cache=cache)
    assert parses
    manifest = json.loads((cache / "manifest.json").read_text())
    assert manifest["format"] == catalog_cache.FORMAT_VERSION


def test_a_packed_catalog_restarts_packed_with_the_same_index(
    stories: Path, tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "PACK_FROM", 2)
    monkeypatch.setattr("bot.core.index._VECTORISE_FROM", 2)
    cold = StoryLibrary.load(stories, cache=tmp_path / "cache")
    parses.clear()
    warm = StoryLibrary.load(stories, cache=tmp_path / "cache")
    assert parses == []
    assert type(warm.stories).__name__ == "PackedStories"
    assert _answers(warm) == _answers(cold)
    assert isinstance(warm.index._ids, np.memmap)  # mapped, not read into memory


def test_a_small_catalog_is_not_cached(
    stories: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "CACHE_FROM", 1000)
    StoryLibrary.load(stories, cache=tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_a_restored_index_has_every_attribute_a_built_one_has(stories: Path) -> None:
    """An attribute added to StoryIndex.__init__ must be saved and restored too (or rebuilt)."""
    built = StoryLibrary.load(stories).index
    restored = StoryIndex.restore(
        built.stories, [s.id for s in built.stories], built.small_state(), built.arrays()
    )
    assert set(vars(restored)) == set(vars(built))
    assert [(m.story.id, m.score) for m in restored.search("lighthouse keepers pay")] == [
        (m.story.id, m.score) for m in built.search("lighthouse keepers pay")
    ]
