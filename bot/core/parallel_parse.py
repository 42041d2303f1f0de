"""Parsing many story files in worker processes, straight into packed records.

For a large (packed) catalog a cold start parses every file: read, TOML, validation, packing, ~70 us
a file in one process. Workers (see :mod:`bot.core.workers`) each take a chunk of file names and
send back, per file, either the story's id and packed record or the file's problems: exactly what
:func:`bot.core.loader.parse_story_file` and :func:`bot.core.models.pack_story` give in this
process, only computed elsewhere. The live Story never crosses between processes (pickling it would
cost more than packing it), and the records that do are the ones the catalog keeps anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from itertools import repeat
from pathlib import Path

from bot.core.loader import Problem, parse_story_file
from bot.core.models import Story, pack_story
from bot.core.workers import POOL_FAILURES, worker_pool

log = logging.getLogger(__name__)

# Files per task: big enough that sending a task costs little next to parsing it (~70 ms a chunk),
# small enough that both workers stay busy to the end and few results wait in the parent.
PARSE_CHUNK = 1000

PackedStory = tuple[str, bytes]  # a good file: its story's id and packed record
ParsedPacked = PackedStory | list[Problem]


def parse_packed(path: Path) -> ParsedPacked:
    """One file as a worker parses it: the packed story, or everything wrong with the file."""
    parsed = parse_story_file(path)
    if isinstance(parsed, Story):
        return parsed.id, pack_story(parsed)
    return parsed


def parse_packed_chunk(folder: str, names: Sequence[str]) -> list[ParsedPacked]:
    """The task a worker runs: :func:`parse_packed` for each file of a chunk, in order."""
    directory = Path(folder)
    return [parse_packed(directory / name) for name in names]


def parse_in_workers(directory: Path, names: Sequence[str]) -> Iterator[tuple[str, ParsedPacked]]:
    """(name, packed story or problems) for each of ``names`` in order, parsed in worker processes.

    If the workers cannot start or one dies, the files not yet given back are parsed here: slower,
    never different. The names yielded are the caller's own strings (the library keys its tables on
    them), not copies sent back by the workers.
    """
    done = 0
    try:
        with worker_pool() as pool:
            chunks = [names[at : at + PARSE_CHUNK] for at in range(0, len(names), PARSE_CHUNK)]
            parsed = pool.map(parse_packed_chunk, repeat(str(directory)), chunks)
            for chunk, results in zip(chunks, parsed, strict=True):
                yield from zip(chunk, results, strict=True)
                done += len(chunk)
    except POOL_FAILURES as exc:
        log.warning("parsing in worker processes failed (%s); parsing the other files here", exc)
    for name in names[done:]:
        yield name, parse_packed(directory / name)
