"""Cache writes after an edit: only the changed rows are appended, and a bad segment is never trusted."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

import bot.core.catalog_cache as catalog_cache
import bot.core.index as index_module
import bot.core.library as library_module
from benchmarks.generate import _StoryMaker, mixed_questions
from bot.core.cache_rows import fold_rows
from bot.core.catalog_cache import CatalogCache
from bot.core.library import StoryLibrary

SIZE = 240


@pytest.fixture(autouse=True)
def cached_and_updated(monkeypatch: pytest.MonkeyPatch) -> None:
    # Small catalogs take the paths a 100k one does: cached, packed, updated rather than rebuilt.
    monkeypatch.setattr(library_module, "CACHE_FROM", 0)
    monkeypatch.setattr(library_module, "PACK_FROM", 1)
    monkeypatch.setattr(index_module, "_VECTORISE_FROM", 50)
    monkeypatch.setattr(index_module, "_PRUNE_FROM", 50)
    monkeypatch.setattr(index_module, "MERGE_SHARE", 0.5)


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    folder = tmp_path / "briefs"
    folder.mkdir()
    maker = _StoryMaker(11, SIZE)
    for number in range(SIZE):
        story_id, text = maker.story(number)
        (folder / f"{story_id}.toml").write_text(text, encoding="utf-8")
    return folder


def _rewrite(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def _edit_some(directory: Path, seed: int, count: int) -> list[Path]:
    picked = random.Random(seed).sample(sorted(directory.glob("*.toml")), count)
    for path in picked:
        text = path.read_text(encoding="utf-8").replace('title = "', 'title = "Zebrafied ', 1)
        _rewrite(path, text)
    return picked


def _manifest(cache: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((cache / "manifest.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _answers(library: StoryLibrary, questions: list[str]) -> list[list[tuple[str, float, float]]]:
    return [[(m.story.id, m.score, m.coverage) for m in library.index.search(q)] for q in questions]


def _save_mode(library: StoryLibrary) -> str:
    assert library._cache is not None
    return library._cache.last_save


def test_an_edit_appends_only_its_rows_and_keeps_the_postings_file(
    directory: Path, tmp_path: Path, parses: list[str]
) -> None:
    cache = tmp_path / "cache"
    running = StoryLibrary.load(directory, cache=cache)
    assert _save_mode(running) == "full"
    before = _manifest(cache)
    edited = _edit_some(directory, 1, 3)
    (directory / sorted(p.name for p in directory.glob("*.toml"))[0]).unlink()
    running.reload()
    assert _save_mode(running) == "appended"
    after = _manifest(cache)
    assert after["segments"][:1] == before["segments"]  # the base segment is not rewritten
    assert after["index"]["arrays"]["ids"] == before["index"]["arrays"]["ids"]  # nor the postings
    rows = fold_rows([cache / after["segments"][-1]])
    assert sorted(rows) == sorted(p.name for p in edited)  # the new segment: the edits, a tombstone
    assert after["appended"] == 4
    # A restart reads no file and answers as a cold load of the folder does.
    parses.clear()
    warm = StoryLibrary.load(directory, cache=cache)
    assert parses == []
    questions = [*mixed_questions(list(warm.stories), 40), "zebrafied"]
    assert _answers(warm, questions) == _answers(StoryLibrary.load(directory), questions)
    assert [s.id for s in warm.stories] == [s.id for s in running.stories]


def test_the_appended_cache_holds_what_a_full_write_would(directory: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    running = StoryLibrary.load(directory, cache=cache)
    names = sorted(p.name for p in directory.glob("*.toml"))
    for round_ in range(3):
        _edit_some(directory, round_, 2)
        (directory / names[round_]).unlink()
        _rewrite(directory / names[10 + round_], "not toml at all =\n")  # broken: never cached
        running.reload()
        assert _save_mode(running) == "appended"
    appended = fold_rows([cache / s for s in _manifest(cache)["segments"]])
    whole = tmp_path / "whole"
    StoryLibrary.load(directory, cache=whole)
    written = fold_rows([whole / s for s in _manifest(whole)["segments"]])
    assert sorted(appended) == sorted(written)
    assert all(appended[n].stamp == written[n].stamp for n in written)
    assert all(appended[n].story_id == written[n].story_id for n in written)
    # The broken files are read (and reported) again after a restart, as on a cold start.
    warm = StoryLibrary.load(directory, cache=cache)
    assert sorted(p.path.name for p in warm.problems) == names[10:13]


@pytest.mark.parametrize("damage", ["truncated", "flipped", "missing"])
def test_a_damaged_appended_segment_is_detected_and_the_cache_rebuilt(
    directory: Path, tmp_path: Path, parses: list[str], damage: str
) -> None:
    cache = tmp_path / "cache"
    running = StoryLibrary.load(directory, cache=cache)
    _edit_some(directory, 2, 2)
    running.reload()
    segment = cache / _manifest(cache)["segments"][-1]
    data = segment.read_bytes()
    if damage == "truncated":
        segment.write_bytes(data[: len(data) - 7])
    elif damage == "flipped":
        segment.write_bytes(data[:20] + bytes([data[20] ^ 0x40]) + data[21:])
    else:
        segment.unlink()
    parses.clear()
    warm = StoryLibrary.load(directory, cache=cache)
    assert len(parses) == SIZE  # nothing was taken from the damaged cache
    assert _save_mode(warm) == "full"  # and a whole new one was written
    parses.clear()
    again = StoryLibrary.load(directory, cache=cache)
    assert parses == []
    questions = mixed_questions(list(again.stories), 30)
    assert _answers(again, questions) == _answers(StoryLibrary.load(directory), questions)


def test_a_truncated_segment_is_refused_even_with_a_matching_checksum(
    directory: Path, tmp_path: Path
) -> None:
    """The row reader itself refuses a cut batch (say, a manifest written over a half-copied folder)."""
    cache = tmp_path / "cache"
    running = StoryLibrary.load(directory, cache=cache)
    _edit_some(directory, 3, 2)
    running.reload()
    manifest = _manifest(cache)
    segment = cache / manifest["segments"][-1]
    segment.write_bytes(segment.read_bytes()[:-5])
    manifest["files"][segment.name] = list(catalog_cache.file_crc(segment))
    (cache / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert CatalogCache(cache, directory).load() is None


def test_appended_rows_past_the_share_are_compacted(
    directory: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog_cache, "_MIN_APPENDED", 0)
    monkeypatch.setattr(catalog_cache, "COMPACT_SHARE", 0.05)  # 12 rows of 240
    cache = tmp_path / "cache"
    running = StoryLibrary.load(directory, cache=cache)
    _edit_some(directory, 4, 8)
    running.reload()
    assert _save_mode(running) == "appended"
    _edit_some(directory, 5, 8)
    running.reload()  # 16 appended rows: past 5 %, so everything is written afresh
    assert _save_mode(running) == "full"
    manifest = _manifest(cache)
    assert len(manifest["segments"]) == 1 and manifest["appended"] == 0
    assert sorted(p.name for p in cache.iterdir()) == sorted([*manifest["files"], "manifest.json"])


def test_a_cache_replaced_by_another_process_is_written_whole(directory: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = StoryLibrary.load(directory, cache=cache)
    second = StoryLibrary.load(directory, cache=cache)
    _edit_some(directory, 6, 1)
    second.reload()  # appends to the cache both processes read
    assert _save_mode(second) == "appended"
    first.reload()  # the manifest is no longer the one ``first`` read: no appending to it
    assert _save_mode(first) == "full"
    warm = StoryLibrary.load(directory, cache=cache)
    assert [s.id for s in warm.stories] == [s.id for s in first.stories]


def test_after_a_cold_start_the_index_reads_its_saved_arrays_mapped(directory: Path, tmp_path: Path) -> None:
    """Once the cache holds the postings and typo tables, the index uses the mapped files in place
    of its own copies (page cache rather than process memory) and answers exactly the same."""
    import numpy as np

    cold = StoryLibrary.load(directory, cache=tmp_path / "cache")
    assert isinstance(cold.index._ids, np.memmap) and isinstance(cold.index._codes, np.memmap)
    assert isinstance(cold.index._fuzzy_counts, np.memmap)
    plain = StoryLibrary.load(directory)
    questions = [*mixed_questions(list(plain.stories), 40), "zebrafied"]
    assert _answers(cold, questions) == _answers(plain, questions)


def test_a_merge_over_a_restored_index_answers_as_a_full_build(
    directory: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge reads the cached (memory-mapped) postings, then unmaps what it read."""
    import numpy as np

    monkeypatch.setattr(index_module, "MERGE_SHARE", 0.02)
    cache = tmp_path / "cache"
    StoryLibrary.load(directory, cache=cache)
    warm = StoryLibrary.load(directory, cache=cache)
    assert isinstance(warm.index._ids, np.memmap)
    _edit_some(directory, 7, 10)
    warm.reload()
    assert warm.index.delta_size == 0 and warm.index._slot_pos is None  # merged into a new base
    plain = StoryLibrary.load(directory)
    questions = [*mixed_questions(list(plain.stories), 40), "zebrafied"]
    assert _answers(warm, questions) == _answers(plain, questions)
    again = StoryLibrary.load(directory, cache=cache)  # and the merged base was cached
    assert _answers(again, questions) == _answers(plain, questions)
