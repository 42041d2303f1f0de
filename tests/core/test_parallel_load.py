"""A large catalog is parsed and indexed in worker processes: exactly what the serial path gives.

The thresholds are lowered so a few hundred generated stories take the parallel path; each test
compares it with the serial path on the same folder: the same records, the same problems (a broken
file still names the file and the field, and the others still load), the same index tables.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from bot.core import library as library_module
from bot.core import parallel_build, parallel_parse, workers
from bot.core.index import StoryIndex
from bot.core.library import StoryLibrary
from bot.core.models import PackedStories

pytestmark = pytest.mark.skipif(workers.cores() < 2, reason="one core: the parallel path is never taken")

SIZE = 300


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from benchmarks.generate import generate

    directory = tmp_path_factory.mktemp("parallel") / "briefs"
    generate(SIZE, seed=5, directory=directory)
    (directory / "broken-date.toml").write_text(
        (directory / "gaza-ceasefire.toml")
        .read_text()
        .replace('id = "gaza-ceasefire"', 'id = "broken-date"', 1)
        .replace("date = 2024-08-15", 'date = "soon"', 1),
        encoding="utf-8",
    )
    (directory / "bad-syntax.toml").write_text('id = "bad-syntax"\ntitle = "unclosed\n', encoding="utf-8")
    # Another file with an id already used: reported, not loaded.
    (directory / "zz-copy.toml").write_text((directory / "gaza-ceasefire.toml").read_text(), encoding="utf-8")
    return directory


def _load(directory: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool) -> StoryLibrary:
    with monkeypatch.context() as patch:
        patch.setattr(library_module, "PACK_FROM", 1)
        patch.setattr(workers, "PARALLEL_FROM", 1 if parallel else 10**9)
        patch.setattr(workers, "_allowed", 2)
        patch.setattr(parallel_parse, "PARSE_CHUNK", 37)  # several chunks, one cut short
        patch.setattr(parallel_build, "BUILD_CHUNK", 41)
        return StoryLibrary.load(directory)


def _same_index(a: StoryIndex, b: StoryIndex) -> None:
    assert a.small_state() == b.small_state()  # word tables in the same order, stem numbers, df, typo words
    assert list(a._surface_df.items()) == list(b._surface_df.items())
    assert a._positions == b._positions and a._later == b._later
    arrays_a, arrays_b = a.arrays(), b.arrays()
    assert arrays_a.keys() == arrays_b.keys()
    for name in arrays_a:
        assert np.array_equal(arrays_a[name], arrays_b[name]), name


def test_parallel_load_gives_what_the_serial_load_gives(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _load(catalog, monkeypatch, parallel=False)
    pools = 0

    @contextlib.contextmanager
    def counted_pool() -> Iterator[object]:
        nonlocal pools
        pools += 1
        with workers.worker_pool() as pool:
            yield pool

    monkeypatch.setattr(parallel_parse, "worker_pool", counted_pool)
    monkeypatch.setattr(parallel_build, "worker_pool", counted_pool)
    parallel = _load(catalog, monkeypatch, parallel=True)
    assert pools == 2  # parsing, then indexing, each in its own workers
    assert isinstance(parallel.stories, PackedStories)
    assert list(parallel.stories) == list(serial.stories)
    assert parallel.problems == serial.problems
    named = {(p.path.name, p.location) for p in parallel.problems}
    assert ("broken-date.toml", "updates[0].date") in named
    assert ("zz-copy.toml", "id") in named
    assert any(name == "bad-syntax.toml" and where.startswith("line") for name, where in named)
    assert len(parallel.stories) == SIZE
    _same_index(parallel.index, serial.index)
    question = "what is the latest on the ceasefire?"
    assert parallel.answerer.ask(question) == serial.answerer.ask(question)


def test_workers_that_cannot_start_leave_the_work_to_this_process(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    serial = _load(catalog, monkeypatch, parallel=False)

    @contextlib.contextmanager
    def no_pool() -> Iterator[None]:
        raise OSError("no semaphores here")
        yield

    monkeypatch.setattr(parallel_parse, "worker_pool", no_pool)
    monkeypatch.setattr(parallel_build, "worker_pool", no_pool)
    with caplog.at_level(logging.WARNING):
        fallback = _load(catalog, monkeypatch, parallel=True)
    assert list(fallback.stories) == list(serial.stories)
    assert fallback.problems == serial.problems
    _same_index(fallback.index, serial.index)
    assert "parsing in worker processes failed" in caplog.text
    assert "indexing in worker processes failed" in caplog.text


def test_no_worker_starts_unless_the_settings_allow_it(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Workers add their memory to a start's peak: a large load uses them only with [bot] load_workers.
    def no_pool() -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(parallel_parse, "worker_pool", no_pool)
    monkeypatch.setattr(parallel_build, "worker_pool", no_pool)
    monkeypatch.setattr(library_module, "PACK_FROM", 1)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    assert workers.worker_count() == 0
    assert len(StoryLibrary.load(catalog).stories) > 0
