"""A start that has to write the catalog cache can leave it to a thread (``save_in_background``): the
catalog is ready first, the cache on disk afterwards, and it is always the cache of the catalog
published when it is written, never of an older one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest

import bot.core.library as library_module
from bot.core.catalog_cache import CatalogCache
from bot.core.library import StoryLibrary

pytestmark = pytest.mark.usefixtures("cache_every_catalog")


@pytest.fixture
def stories(briefs_copy: Path) -> Path:
    return briefs_copy


@pytest.fixture
def saves(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread each cache save ran on, as they happen."""
    seen: list[str] = []
    real = CatalogCache.save

    def counting(self: CatalogCache, *args: Any, **kwargs: Any) -> Any:
        seen.append(threading.current_thread().name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(CatalogCache, "save", counting)
    return seen


class _HeldThread:
    """A thread that starts only when the test says so (``run_now``), to order it against reloads."""

    made: ClassVar[list[_HeldThread]] = []

    def __init__(self, target: Callable[..., None], args: tuple[Any, ...] = (), name: str = "") -> None:
        self._target, self._args, self.name = target, args, name
        _HeldThread.made.append(self)

    def start(self) -> None:
        pass

    def run_now(self) -> None:
        self._target(*self._args)

    def join(self, timeout: float | None = None) -> None:
        pass

    def is_alive(self) -> bool:
        return False


def test_the_catalog_is_ready_before_the_cache_is_written(
    stories: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, saves: list[str], parses: list[str]
) -> None:
    release = threading.Event()
    real = CatalogCache.save

    def held(self: CatalogCache, *args: Any, **kwargs: Any) -> Any:
        assert release.wait(10), "the test never let the save go on"
        return real(self, *args, **kwargs)

    monkeypatch.setattr(CatalogCache, "save", held)
    cache = tmp_path / "cache"
    library = StoryLibrary.load(stories, cache=cache, save_in_background=True)
    # Ready and answering while the save waits in its thread.
    assert library.answerer.ask("why did the lighthouse keepers strike?").story is not None
    assert not (cache / "manifest.json").exists()
    assert not library.wait_for_cache(timeout=0.05)
    release.set()
    assert library.wait_for_cache(timeout=10)
    assert "cache" in library.last_timings
    monkeypatch.setattr(CatalogCache, "save", real)
    parses.clear()
    warm = StoryLibrary.load(stories, cache=cache)
    assert parses == []  # everything came from the cache the thread wrote
    assert list(warm.stories) == list(library.stories)


def test_a_background_save_runs_once_on_its_own_thread(
    stories: Path, tmp_path: Path, saves: list[str]
) -> None:
    library = StoryLibrary.load(stories, cache=tmp_path / "cache", save_in_background=True)
    assert library.wait_for_cache(timeout=10)
    assert saves == ["catalog-cache-save"]
    # Later reloads (the watcher's) save as before, in the thread that reloads.
    library.reload()
    assert saves == ["catalog-cache-save"]  # nothing changed: nothing to save


def test_without_the_option_the_cache_is_written_before_load_returns(
    stories: Path, tmp_path: Path, saves: list[str]
) -> None:
    library = StoryLibrary.load(stories, cache=tmp_path / "cache")
    assert saves == [threading.current_thread().name]
    assert (tmp_path / "cache" / "manifest.json").exists()
    assert library.wait_for_cache(timeout=0)


def test_a_reload_before_the_saver_saves_the_newer_catalog_and_the_saver_does_nothing(
    stories: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    saves: list[str],
    parses: list[str],
    make_story_file: Callable[..., Path],
) -> None:
    _HeldThread.made.clear()
    monkeypatch.setattr(library_module.threading, "Thread", _HeldThread)
    cache = tmp_path / "cache"
    library = StoryLibrary.load(stories, cache=cache, save_in_background=True)
    assert saves == [] and len(_HeldThread.made) == 1
    make_story_file(stories, "third.toml", id="third-story", title="Ferry crews in Testland strike")
    library.reload()  # gets the reload lock before the saver: it writes the cache itself
    assert len(saves) == 1
    _HeldThread.made[0].run_now()
    assert len(saves) == 1  # nothing left for the saver: the newer catalog is saved already
    parses.clear()
    warm = StoryLibrary.load(stories, cache=cache)
    assert parses == []
    assert warm.index.get("third-story") is not None


def test_a_saver_after_a_reload_without_changes_saves_the_published_catalog(
    stories: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, saves: list[str], parses: list[str]
) -> None:
    _HeldThread.made.clear()
    monkeypatch.setattr(library_module.threading, "Thread", _HeldThread)
    cache = tmp_path / "cache"
    library = StoryLibrary.load(stories, cache=cache, save_in_background=True)
    library.reload()  # nothing changed: the save stays the saver's
    assert saves == []
    _HeldThread.made[0].run_now()
    assert len(saves) == 1
    parses.clear()
    warm = StoryLibrary.load(stories, cache=cache)
    assert parses == []
    assert list(warm.stories) == list(library.stories)


def test_a_corrupt_cache_is_rebuilt_by_the_background_save(
    stories: Path, tmp_path: Path, parses: list[str]
) -> None:
    cache = tmp_path / "cache"
    first = StoryLibrary.load(stories, cache=cache)
    segment = next(cache.glob("stories-*.pickle"))
    segment.write_bytes(segment.read_bytes()[:-7] + b"garbage")  # same size or not: the CRC differs
    parses.clear()
    cold = StoryLibrary.load(stories, cache=cache, save_in_background=True)
    assert len(parses) == len(first.stories)  # the damaged cache was not trusted
    assert cold.wait_for_cache(timeout=10)
    parses.clear()
    warm = StoryLibrary.load(stories, cache=cache)
    assert parses == []
    assert list(warm.stories) == list(first.stories)
