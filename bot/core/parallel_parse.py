"""Parsing a large catalog's files in this process and in worker processes beside it, at once.

A cold start of a large (packed) catalog parses every file: read, TOML, validation, packing and the
story's words for the index, ~170 us a file in one process. With workers allowed (see
:mod:`bot.core.workers`), the files go in chunks, in name order, either to this process, which
parses them as a serial load does, or to a worker, which sends back per file the story's id and
packed record (or the file's problems) and, for the chunk, its good stories' words numbered within
the chunk (:class:`~bot.core.story_words.ChunkWords`). The live Story never crosses between processes
(pickling it would cost more than packing it), and the records that do are the ones the catalog
keeps anyway; the words spare this process from tokenising the story again. ``parse_split`` decides
which chunk goes where, so the chunks come back in order with both sides busy.
"""

from __future__ import annotations

import gc
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from bot.core.loader import Problem, StoryFolder
from bot.core.models import Story, pack_story
from bot.core.parse_split import ChunkSplit
from bot.core.story_words import ChunkWords, ChunkWordsBuilder, story_words
from bot.core.worker_process import WORKER_FAILURES, WorkerProcess
from bot.core.workers import worker_count

log = logging.getLogger(__name__)

# Files per chunk: big enough that sending one costs little next to parsing it (~0.15 s a chunk),
# small enough that the split can follow the measured speeds and few results wait in this process.
PARSE_CHUNK = 1000
# A load cut into fewer chunks than this gets smaller ones (down to ``MIN_PARSE_CHUNK`` files): at
# 10k files, ten chunks dealt whole leave one side idle for a chunk's time at the end.
MIN_CHUNKS = 20
MIN_PARSE_CHUNK = 250
# Chunks handed to each worker ahead of the one it works on: it never waits for this process (busy
# with a chunk of its own) to send the next, and at most this many finished ones wait to be taken.
QUEUED_PER_WORKER = 2
# About how many of this process's chunks a spawned worker takes to start (see ``ChunkSplit``).
WORKER_START_CHUNKS = 2.0

PackedStory = tuple[str, bytes]  # a good file: its story's id and packed record
ParsedPacked = PackedStory | list[Problem]


class WorkerChunk(NamedTuple):
    """What a worker sends back for a chunk of files."""

    results: list[ParsedPacked]  # per file, in order
    words: ChunkWords  # the good stories' words, in order
    seconds: float  # spent on it, for the split


class ParsedChunk(NamedTuple):
    """Consecutive files of a load, parsed: each file's story or problems, in the order of ``names``."""

    names: Sequence[str]
    # A Story (or problems) per file parsed here, lazily as the caller iterates (one live story at a
    # time); a worker's packed stories (or problems) otherwise.
    results: Iterable[Story | ParsedPacked]
    words: ChunkWords | None  # the good stories' words, when a worker parsed the chunk


def parse_chunk(folder: str, names: Sequence[str]) -> WorkerChunk:
    """The task a worker runs: each file of a chunk parsed and packed, and its good stories' words."""
    started = time.perf_counter()
    results: list[ParsedPacked] = []
    words = ChunkWordsBuilder()
    # Nothing a chunk makes outlives it but the records and words: the collector would only walk
    # the stories it is about to free anyway.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for parsed in _parse_each(Path(folder), names):
            if isinstance(parsed, Story):
                words.add(parsed.id, story_words(parsed))
                results.append((parsed.id, pack_story(parsed)))
            else:
                results.append(parsed)
    finally:
        if was_enabled:
            gc.enable()
    return WorkerChunk(results, words.result(), time.perf_counter() - started)


def parsed_here(directory: Path, names: Sequence[str]) -> ParsedChunk:
    """A chunk this process parses, file by file as the caller takes the results."""
    return ParsedChunk(names, _parse_each(directory, names), None)


def _parse_each(directory: Path, names: Sequence[str]) -> Iterator[Story | list[Problem]]:
    with StoryFolder(directory) as folder:
        for name in names:
            yield folder.parse(name)


def parse_beside(
    directory: Path, names: Sequence[str], meanwhile: Callable[[], object] | None = None
) -> Iterator[ParsedChunk]:
    """``names`` parsed in chunks, in order, here and in worker processes at once.

    ``meanwhile`` is called once the workers are started, before this process parses anything: work
    of its own (the answerer's warm-up) done while they start, ~0.3 s in which they parse nothing.

    If a worker cannot start or dies, the files not yet given back are parsed here: slower, never
    different. The names yielded are the caller's own strings (the library keys its tables on them),
    not copies sent back by the workers.
    """
    size = chunk_size(len(names))
    chunks = [names[at : at + size] for at in range(0, len(names), size)]
    done = 0  # chunks yielded
    workers: list[WorkerProcess] = []
    try:
        for _ in range(worker_count()):
            workers.append(WorkerProcess())
        if meanwhile is not None:
            meanwhile()
            meanwhile = None
        if workers:
            for chunk in _dealt(workers, directory, chunks):
                yield chunk
                done += 1
    except WORKER_FAILURES as exc:
        log.warning("parsing in worker processes failed (%s); parsing the other files here", exc)
    finally:
        # Before this process parses its last chunks: the workers' memory goes as soon as their
        # part is done.
        for worker in workers:
            worker.close()
    if meanwhile is not None:  # no worker started
        meanwhile()
    for names_left in chunks[done:]:
        yield parsed_here(directory, names_left)


def chunk_size(files: int) -> int:
    """Files per chunk for a load of ``files``: ``PARSE_CHUNK``, or less to make ``MIN_CHUNKS``."""
    return max(1, min(PARSE_CHUNK, max(MIN_PARSE_CHUNK, -(-files // MIN_CHUNKS))))


def _dealt(
    workers: list[WorkerProcess], directory: Path, chunks: list[Sequence[str]]
) -> Iterator[ParsedChunk]:
    """The chunks in order while the workers have any left: each parsed here or taken from the worker
    it was sent to, as ``ChunkSplit`` deals them."""
    split = ChunkSplit(len(workers), WORKER_START_CHUNKS)
    folder = str(directory)
    sent: deque[tuple[int, WorkerProcess]] = deque()  # the workers' chunks not yet taken, in order
    dealt = 0  # chunks given an owner
    at = 0  # the next chunk to yield
    while at < len(chunks) and (sent or dealt < len(chunks)):
        worker = sent.popleft()[1] if sent and sent[0][0] == at else None
        dealt = max(dealt, at + 1)  # a chunk reached before it was dealt is this process's
        while len(sent) < len(workers) * (1 + QUEUED_PER_WORKER) and dealt < len(chunks):
            if split.to_workers():
                least_busy = min(workers, key=lambda w: w.pending)
                least_busy.submit(parse_chunk, folder, chunks[dealt])
                sent.append((dealt, least_busy))
            dealt += 1
        if worker is not None:
            got: WorkerChunk = worker.result()
            split.parsed_away(got.seconds, len(chunks[at]))
            started = time.perf_counter()
            yield ParsedChunk(chunks[at], got.results, got.words)
            split.taken_in(time.perf_counter() - started, len(chunks[at]))
            del got  # its records are shelved by now: not kept while this process parses on
        else:
            started = time.perf_counter()
            yield parsed_here(directory, chunks[at])
            split.parsed_here(time.perf_counter() - started, len(chunks[at]))
        at += 1
