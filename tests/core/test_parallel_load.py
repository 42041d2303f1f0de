"""A large catalog is parsed here and in a worker process beside this one: exactly what the serial
path gives.

The thresholds are lowered so a few hundred generated stories take the parallel path, in chunks of
a few dozen files; each test compares it with the serial path on the same folder: the same records,
the same problems (a broken file still names the file and the field, and the others still load),
the same index tables, whether the index took the worker's words or read the stories itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from bot.core import library as library_module
from bot.core import parallel_parse, workers
from bot.core.index import StoryIndex
from bot.core.library import StoryLibrary
from bot.core.models import PackedStories, Story
from bot.core.postings import PostingsBuilder
from bot.core.worker_process import WorkerProcess

SIZE = 300
CHUNK = 37  # several chunks, the last one cut short


def _catalog(directory: Path, clash: bool) -> Path:
    from benchmarks.generate import generate

    generate(SIZE, seed=5, directory=directory)
    real = (directory / "gaza-ceasefire.toml").read_text()
    names = sorted(p.name for p in directory.glob("*.toml"))
    # Broken files between good ones, well inside the catalog: in a worker's chunk, they are not
    # among its words and the stories after them keep their positions.
    middle = names[len(names) // 2].removesuffix(".toml")
    broken_date = real.replace('id = "gaza-ceasefire"', f'id = "{middle}-b"', 1)
    (directory / f"{middle}-b.toml").write_text(broken_date.replace("date = 2024-08-15", 'date = "soon"', 1))
    (directory / f"{middle}-c.toml").write_text(f'id = "{middle}-c"\ntitle = "unclosed\n', encoding="utf-8")
    if clash:
        # A copy of a story under a name listed before its own ("x-d.toml" < "x.toml"): the story's
        # own file is then the one reported, not loaded, and the worker's words for its chunk
        # (which hold that story) cannot be used.
        (directory / f"{middle}-d.toml").write_text((directory / f"{middle}.toml").read_text())
    return directory


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _catalog(tmp_path_factory.mktemp("parallel") / "briefs", clash=False)


@pytest.fixture(scope="module")
def clashing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _catalog(tmp_path_factory.mktemp("clashing") / "briefs", clash=True)


class _Every:
    """A dealer giving the workers every chunk they can take (the first is always this process's)."""

    def __init__(self, workers: int, head_start: float) -> None:
        pass

    def to_workers(self) -> bool:
        return True

    def parsed_here(self, seconds: float, files: int) -> None:
        pass

    taken_in = parsed_away = parsed_here


@pytest.fixture
def word_chunks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each worker chunk's words were taken into the index's postings, as they come."""
    taken: list[bool] = []
    real = PostingsBuilder.add_chunk

    def counting(self: PostingsBuilder, ids, words) -> bool:  # type: ignore[no-untyped-def]
        taken.append(real(self, ids, words))
        return taken[-1]

    monkeypatch.setattr(PostingsBuilder, "add_chunk", counting)
    return taken


def _load(
    directory: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool, packed: bool = True
) -> StoryLibrary:
    with monkeypatch.context() as patch:
        patch.setattr(library_module, "PACK_FROM", 1 if packed else 10**9)
        patch.setattr(workers, "PARALLEL_FROM", 1 if parallel else 10**9)
        patch.setattr(workers, "_allowed", 1)
        patch.setattr(workers, "cores", lambda: 2)
        patch.setattr(parallel_parse, "PARSE_CHUNK", CHUNK)
        return StoryLibrary.load(directory)


def _same_index(a: StoryIndex, b: StoryIndex) -> None:
    assert a.small_state() == b.small_state()  # word tables in the same order, stem numbers, df, typo words
    assert list(a._surface_df.items()) == list(b._surface_df.items())
    assert a._positions == b._positions and a._later == b._later
    arrays_a, arrays_b = a.arrays(), b.arrays()
    assert arrays_a.keys() == arrays_b.keys()
    for name in arrays_a:
        assert np.array_equal(arrays_a[name], arrays_b[name]), name


def _same_library(got: StoryLibrary, serial: StoryLibrary) -> None:
    assert isinstance(got.stories, PackedStories)
    assert list(got.stories) == list(serial.stories)
    assert got.problems == serial.problems
    _same_index(got.index, serial.index)
    question = "what is the latest on the ceasefire?"
    assert got.answerer.ask(question) == serial.answerer.ask(question)


def test_a_worker_beside_this_process_gives_what_the_serial_load_gives(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, word_chunks: list[bool], stories_read_again: list[int]
) -> None:
    serial = _load(catalog, monkeypatch, parallel=False)
    assert not word_chunks and not stories_read_again  # serially, words are taken as files are parsed
    owners: list[bool] = []  # per chunk: parsed in a worker?
    real_read = StoryLibrary._read

    def watched(self: StoryLibrary, changed, postings=None):  # type: ignore[no-untyped-def]
        real_parsed = self._parsed

        def parsed(names):  # type: ignore[no-untyped-def]
            for chunk in real_parsed(names):
                owners.append(chunk.words is not None)
                yield chunk

        self._parsed = parsed  # type: ignore[method-assign]
        return real_read(self, changed, postings)

    monkeypatch.setattr(StoryLibrary, "_read", watched)
    parallel = _load(catalog, monkeypatch, parallel=True)
    # Interleaved, in order: chunks parsed here and chunks parsed in the worker.
    assert len(owners) == -(-(SIZE + 2) // CHUNK)
    assert any(owners) and not all(owners)
    assert word_chunks == [True] * sum(owners)  # every worker chunk's words taken as they came
    assert not stories_read_again  # the index was built from them, not by reading stories again
    _same_library(parallel, serial)
    named = {(p.path.name, p.location) for p in parallel.problems}
    assert any(name.endswith("-b.toml") and where == "updates[0].date" for name, where in named)
    assert any(name.endswith("-c.toml") and where.startswith("line") for name, where in named)
    assert len(parallel.stories) == SIZE


def test_a_catalog_kept_live_takes_a_workers_records_as_live_stories(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, word_chunks: list[bool], stories_read_again: list[int]
) -> None:
    # Below PACK_FROM (10k stories) a cold start parses beside a worker too: its packed records are
    # unpacked as they are shelved, and its words taken, exactly as the serial load reads them.
    serial = _load(catalog, monkeypatch, parallel=False, packed=False)
    monkeypatch.setattr(parallel_parse, "ChunkSplit", _Every)
    parallel = _load(catalog, monkeypatch, parallel=True, packed=False)
    assert word_chunks and all(word_chunks)
    assert not stories_read_again
    assert not isinstance(parallel.stories, PackedStories)
    assert all(isinstance(story, Story) for story in parallel.stories)
    assert list(parallel.stories) == list(serial.stories)
    assert parallel.problems == serial.problems
    _same_index(parallel.index, serial.index)
    question = "what is the latest on the ceasefire?"
    assert parallel.answerer.ask(question) == serial.answerer.ask(question)


@pytest.mark.parametrize(
    ("files", "size"), [(100, 250), (3000, 250), (10_000, 500), (20_000, 1000), (100_000, 1000)]
)
def test_a_smaller_load_is_cut_into_smaller_chunks(files: int, size: int) -> None:
    assert parallel_parse.chunk_size(files) == size


def test_a_clash_in_a_worker_chunk_leaves_the_index_to_read_the_stories(
    clashing: Path, monkeypatch: pytest.MonkeyPatch, word_chunks: list[bool], stories_read_again: list[int]
) -> None:
    serial = _load(clashing, monkeypatch, parallel=False)
    assert not stories_read_again  # serially the clashing file is refused before its words are taken
    monkeypatch.setattr(parallel_parse, "ChunkSplit", _Every)
    parallel = _load(clashing, monkeypatch, parallel=True)
    assert word_chunks and all(word_chunks)  # the chunks before the clash were taken ...
    assert stories_read_again == [SIZE]  # ... then given up: the index read every story itself
    assert any(p.location == "id" and "already used" in p.message for p in parallel.problems)
    _same_library(parallel, serial)


def test_ids_out_of_order_in_a_worker_chunk_leave_the_index_to_read_the_stories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, word_chunks: list[bool], stories_read_again: list[int]
) -> None:
    directory = _catalog(tmp_path / "briefs", clash=False)
    names = sorted(p.name for p in directory.glob("*.toml"))
    # A file named near the end whose story's id sorts first: positions follow ids, not names.
    moved = directory / names[-5]
    text = moved.read_text()
    old_id = moved.name.removesuffix(".toml")
    moved.write_text(text.replace(f'id = "{old_id}"', 'id = "aaaa-first"', 1), encoding="utf-8")
    serial = _load(directory, monkeypatch, parallel=False)
    assert stories_read_again == [SIZE]
    stories_read_again.clear()
    monkeypatch.setattr(parallel_parse, "ChunkSplit", _Every)
    parallel = _load(directory, monkeypatch, parallel=True)
    assert word_chunks[-1] is False and all(word_chunks[:-1])
    assert stories_read_again == [SIZE]
    _same_library(parallel, serial)


def test_a_worker_that_dies_leaves_the_rest_to_this_process(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    serial = _load(catalog, monkeypatch, parallel=False)
    taken = 0
    real = WorkerProcess.result

    def dying(self: WorkerProcess):  # type: ignore[no-untyped-def]
        nonlocal taken
        taken += 1
        if taken == 2:  # one chunk of its work taken, then it is gone
            self._process.kill()
            self._process.wait()
        return real(self)

    monkeypatch.setattr(WorkerProcess, "result", dying)
    monkeypatch.setattr(parallel_parse, "ChunkSplit", _Every)
    with caplog.at_level(logging.WARNING):
        survived = _load(catalog, monkeypatch, parallel=True)
    assert "parsing in worker processes failed" in caplog.text
    _same_library(survived, serial)


def test_a_worker_that_cannot_start_leaves_the_work_to_this_process(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    serial = _load(catalog, monkeypatch, parallel=False)

    def no_worker() -> WorkerProcess:
        raise OSError("no processes here")

    monkeypatch.setattr(parallel_parse, "WorkerProcess", no_worker)
    with caplog.at_level(logging.WARNING):
        fallback = _load(catalog, monkeypatch, parallel=True)
    assert "parsing in worker processes failed" in caplog.text
    _same_library(fallback, serial)


@pytest.fixture
def no_worker_may_start(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def no_worker() -> WorkerProcess:
        raise AssertionError("a worker was started")

    monkeypatch.setattr(parallel_parse, "WorkerProcess", no_worker)
    monkeypatch.setattr(library_module, "PACK_FROM", 1)
    yield


@pytest.mark.usefixtures("no_worker_may_start")
def test_no_worker_starts_unless_the_settings_allow_it(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The library alone (no [bot] load_workers from the settings) keeps a load in this process.
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    assert workers.worker_count() == 0
    assert len(StoryLibrary.load(catalog).stories) == SIZE


@pytest.mark.usefixtures("no_worker_may_start")
def test_no_worker_starts_for_a_small_load(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_allowed", 1)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    assert workers.PARALLEL_FROM > SIZE
    assert len(StoryLibrary.load(catalog).stories) == SIZE


@pytest.mark.parametrize(
    ("allowed", "cores", "count"),
    [(0, 8, 0), (1, 1, 0), (1, 2, 1), (2, 2, 1), (2, 3, 2), (5, 16, workers.MAX_WORKERS)],
)
def test_workers_leave_a_core_to_this_process(
    monkeypatch: pytest.MonkeyPatch, allowed: int, cores: int, count: int
) -> None:
    monkeypatch.setattr(workers, "_allowed", allowed)
    monkeypatch.setattr(workers, "cores", lambda: cores)
    assert workers.worker_count() == count
    assert workers.runs_in_parallel(workers.PARALLEL_FROM) == (count > 0)
    assert not workers.runs_in_parallel(workers.PARALLEL_FROM - 1)
