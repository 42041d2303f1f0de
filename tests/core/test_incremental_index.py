"""Incremental re-indexing: a reload after a few edits answers exactly as a full rebuild would."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

import bot.core.cache_rows as cache_rows
import bot.core.index as index_module
import bot.core.library as library_module
import bot.core.postings as postings_module
from benchmarks.generate import _StoryMaker, mixed_questions
from bot.core.index import StoryIndex
from bot.core.library import StoryLibrary
from bot.core.models import PackedStories, Story

SIZE = 240


@pytest.fixture(autouse=True)
def small_catalogs_update(monkeypatch: pytest.MonkeyPatch) -> None:
    # Below these sizes the library would rebuild whole or keep stories live; the test's catalog is
    # small so it runs fast, and exercises the paths a 100k catalog takes.
    monkeypatch.setattr(index_module, "_VECTORISE_FROM", 50)
    monkeypatch.setattr(index_module, "_PRUNE_FROM", 50)  # the typo pruning arrays, rebuilt on change
    monkeypatch.setattr(index_module, "MERGE_SHARE", 0.5)


def _write_catalog(directory: Path, maker: _StoryMaker, numbers: range) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in numbers:
        story_id, text = maker.story(number)
        path = directory / f"{story_id}.toml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def _edit(rng: random.Random, directory: Path, maker: _StoryMaker, next_number: int) -> int:
    """Edit, add and delete a few story files; returns the next unused story number."""
    files = sorted(directory.glob("*.toml"))
    picked = rng.sample(files, 9)
    for path in picked[:5]:  # edits: new words in the body, the title rewritten
        text = path.read_text(encoding="utf-8")
        text = text.replace('title = "', 'title = "Zebrafication of ', 1)
        path.write_text(text + f'\n[[facts]]\ntext = "Quixotic lanterns {rng.randrange(10**6)} glow."\n')
        _later(path)
    for path in picked[5:]:
        path.unlink()
    _write_catalog(directory, maker, range(next_number, next_number + 6))
    return next_number + 6


def _same_answers(updated: StoryIndex, stories: list[Story], questions: list[str]) -> None:
    full = StoryIndex(stories)
    assert updated.vocabulary_size() == full.vocabulary_size()
    assert updated._fuzzy_words == full._fuzzy_words
    for question in questions:
        assert updated.analyse(question) == full.analyse(question), question
        got = updated.search(question, limit=8)
        want = full.search(question, limit=8)
        assert [(m.story.id, m.score, m.coverage, m.evidence, m.best_field) for m in got] == [
            (m.story.id, m.score, m.coverage, m.evidence, m.best_field) for m in want
        ], question
        terms = full.analyse(question)
        for match in want[:2]:
            story = updated.get(match.story.id)
            assert story is not None
            assert updated.coverage_of(story, terms) == full.coverage_of(match.story, terms)
            stems = [key for term in terms for key, _ in term.candidates[:1]]
            assert updated.mentions(story, stems) == full.mentions(match.story, stems)
    for story in stories[::17]:
        found = updated.lookup(story.title)
        assert found is not None and found.id == full.lookup(story.title).id  # type: ignore[union-attr]


@pytest.mark.parametrize("packed", [False, True], ids=["live", "packed"])
def test_reloads_after_edits_answer_as_a_full_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packed: bool
) -> None:
    monkeypatch.setattr(library_module, "PACK_FROM", 1 if packed else 10**9)
    directory = tmp_path / "briefs"
    maker = _StoryMaker(3, SIZE)
    _write_catalog(directory, maker, range(SIZE))
    library = StoryLibrary.load(directory)
    assert library.index.delta_size == 0
    rng = random.Random(5)
    next_number = SIZE
    for round_ in range(3):  # the delta grows over several reloads before any merge
        next_number = _edit(rng, directory, maker, next_number)
        report = library.reload()
        assert len(report.changed) == 11 and len(report.removed) == 4
        index = library.index
        assert isinstance(index.stories, PackedStories) == packed
        assert index.delta_size == 11 * (round_ + 1)  # updated, not rebuilt
        stories = list(index.stories)
        assert [s.id for s in stories] == sorted(s.id for s in stories)
        questions = [*mixed_questions(stories, 60, seed=round_), "zebrafication", "quixotic lanterns glow"]
        _same_answers(index, stories, questions)


def test_a_restart_after_edits_updates_the_cached_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "CACHE_FROM", 0)
    monkeypatch.setattr(library_module, "PACK_FROM", 1)
    monkeypatch.setattr(cache_rows, "ROWS_PER_BATCH", 7)  # the rows are saved in many batches
    directory, cache = tmp_path / "briefs", tmp_path / "cache"
    maker = _StoryMaker(4, SIZE)
    _write_catalog(directory, maker, range(SIZE))
    StoryLibrary.load(directory, cache=cache)
    rng = random.Random(6)
    _edit(rng, directory, maker, SIZE)
    edited = StoryLibrary.load(directory, cache=cache)
    assert edited.index.delta_size == 11  # derived from the cached index
    stories = list(edited.index.stories)
    _same_answers(edited.index, stories, mixed_questions(stories, 60))
    # The cache now holds the updated index, delta and all; a restart maps it as it is.
    again = StoryLibrary.load(directory, cache=cache)
    assert again.index.delta_size == 11
    _same_answers(again.index, stories, mixed_questions(stories, 60, seed=2))


def test_many_changes_merge_into_a_new_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "MERGE_SHARE", 0.1)
    directory = tmp_path / "briefs"
    maker = _StoryMaker(3, SIZE)
    _write_catalog(directory, maker, range(SIZE))
    library = StoryLibrary.load(directory)
    next_number = SIZE
    rng = random.Random(7)
    next_number = _edit(rng, directory, maker, next_number)
    library.reload()
    assert library.index.delta_size == 11  # 11 added + 9 dead slots of ~240 stories: under 10 %
    _edit(rng, directory, maker, next_number)
    read = 0
    real_words = index_module._story_words

    def counting(story: Story) -> dict[str, int]:
        nonlocal read
        read += 1
        return real_words(story)

    monkeypatch.setattr(index_module, "_story_words", counting)
    library.reload()
    assert library.index.delta_size == 0  # 22 added + 18 dead: past 10 %, merged into a new base
    assert read == 11 + 9  # only this reload's added and removed stories were read: no full build
    assert library.index._slot_pos is None and library.index._delta is None
    stories = list(library.index.stories)
    _same_answers(library.index, stories, mixed_questions(stories, 30))
    # Updates go on from the merged base (whose freed stem numbers stay unused).
    _edit(rng, directory, maker, next_number + 6)
    library.reload()
    assert library.index.delta_size == 11
    stories = list(library.index.stories)
    _same_answers(library.index, stories, [*mixed_questions(stories, 30, seed=3), "zebrafication"])


def test_a_copied_catalog_is_not_mistaken_for_unchanged(tmp_path: Path) -> None:
    """Unchanged means the very same record: equal stories loaded again are re-indexed."""
    directory = tmp_path / "briefs"
    _write_catalog(directory, _StoryMaker(8, SIZE), range(SIZE))
    first = StoryLibrary.load(directory)
    copy = tmp_path / "copy"
    shutil.copytree(directory, copy)
    second = StoryLibrary.load(copy)
    merged = first.index.updated(second.index.stories)
    assert merged.delta_size == 0  # every record differs: past the merge share, built afresh


def test_a_build_in_chunks_equals_a_build_in_one_piece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "briefs"
    _write_catalog(directory, _StoryMaker(9, SIZE), range(SIZE))
    stories = list(StoryLibrary.load(directory).index.stories)
    whole = StoryIndex(stories)
    monkeypatch.setattr(postings_module, "CHUNK_POSTINGS", 97)  # ~100 chunks, stems added as they go
    monkeypatch.setattr(postings_module, "MERGE_BLOCK", 5)  # each merged in blocks of a few stems
    chunked = StoryIndex(stories)
    assert np.array_equal(whole._ids, chunked._ids)
    assert np.array_equal(whole._codes, chunked._codes)
    assert whole._starts == chunked._starts
    assert whole._df == chunked._df and whole._idf == chunked._idf


def test_a_story_saved_unchanged_keeps_the_typo_tables_and_stem_numbers(tmp_path: Path) -> None:
    """Its words are counted off and back on: no word leaves the vocabulary, so nothing is rebuilt."""
    directory = tmp_path / "briefs"
    paths = _write_catalog(directory, _StoryMaker(10, SIZE), range(SIZE))
    library = StoryLibrary.load(directory)
    before = library.index
    for path in paths[5:8]:
        path.write_bytes(path.read_bytes())
        _later(path)
    library.reload()
    after = library.index
    assert after.delta_size == 3
    assert after._fuzzy_words is before._fuzzy_words and after._fuzzy_counts is before._fuzzy_counts
    assert after._key_ids == before._key_ids and len(after._df) == len(before._df)
    assert after._positions is before._positions  # the same ids in the same places: shared
    stories = list(after.stories)
    _same_answers(after, stories, mixed_questions(stories, 40))


def test_a_restart_after_most_files_changed_builds_afresh_without_deriving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the rebuild share the cached index is let go before the build, not kept beside it."""
    monkeypatch.setattr(library_module, "CACHE_FROM", 0)
    monkeypatch.setattr(library_module, "PACK_FROM", 1)
    monkeypatch.setattr(index_module, "MERGE_SHARE", 0.1)
    directory, cache = tmp_path / "briefs", tmp_path / "cache"
    paths = _write_catalog(directory, _StoryMaker(13, SIZE), range(SIZE))
    StoryLibrary.load(directory, cache=cache)
    for path in paths[: SIZE * 3 // 5]:  # 60 % edited
        path.write_text(path.read_text(encoding="utf-8").replace('title = "', 'title = "Quixotic ', 1))
        _later(path)

    def no_update(self: StoryIndex, stories: object) -> StoryIndex:
        raise AssertionError("derived from the cached index although it could not absorb the edits")

    monkeypatch.setattr(StoryIndex, "updated", no_update)
    edited = StoryLibrary.load(directory, cache=cache)
    assert edited.index.delta_size == 0
    stories = list(edited.index.stories)
    _same_answers(edited.index, stories, [*mixed_questions(stories, 30), "quixotic"])
