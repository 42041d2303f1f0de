"""The story rows of the catalog cache: files of pickled batches, and how several fold into one.

A row is ``(file name, stamp, story id, record)`` for a good story file, or ``(file name, None,
None, None)`` - a *tombstone* - for a file whose earlier row no longer holds (deleted, or broken
since). The cache keeps a base file of rows and, after edits, small files of changed rows appended
after it; reading them in order, a later row for a name replaces an earlier one.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from bot.core.models import Story

# Rows pickled at a time. A pickle call holds the interpreter lock throughout, and the bot writes the
# cache from a thread while it answers questions (see ``StoryLibrary.load``): 2000 live stories took
# ~90 ms in one call, 200 take ~10 ms.
ROWS_PER_BATCH = 200


class CachedFile(NamedTuple):
    name: str  # the story file's name
    stamp: int  # its size and mtime when read (see library._stamp)
    story_id: str
    record: Story | bytes


class RowsInvalid(Exception):
    """A row file is truncated or holds something that is not a row."""


def write_rows(path: Path, rows: Iterable[tuple[str, CachedFile | None]], per_batch: int) -> int:
    """Write ``(name, row or None for a tombstone)`` pairs as pickled batches (each its 8-byte length
    and a pickle); returns how many rows were written.

    Batches rather than one pickle: a pickler remembers every object it wrote (to share repeats),
    which for 100k stories in one pickle was tens of MB held while saving.
    """
    written = 0
    pairs = iter(rows)
    with path.open("wb") as f:
        while batch := list(islice(pairs, per_batch)):
            data = pickle.dumps(
                [tuple(row) if row is not None else (name, None, None, None) for name, row in batch],
                protocol=pickle.HIGHEST_PROTOCOL,
            )
            f.write(len(data).to_bytes(8, "little"))
            f.write(data)
            written += len(batch)
    return written


def _batches(path: Path) -> Iterator[list[tuple[Any, ...]]]:
    with path.open("rb") as f:
        while header := f.read(8):
            size = int.from_bytes(header, "little")
            data = f.read(size)
            if len(header) != 8 or len(data) != size:
                raise RowsInvalid(f"{path.name} is truncated")
            batch = pickle.loads(data)
            if not isinstance(batch, list):
                raise RowsInvalid(f"{path.name} holds something other than rows")
            yield batch


def fold_rows(paths: Sequence[Path]) -> dict[str, CachedFile]:
    """The rows of these files read in order: a later row for a name replaces an earlier one, and a
    tombstone removes it. Any malformed row raises ``RowsInvalid``."""
    rows: dict[str, CachedFile] = {}
    for path in paths:
        for batch in _batches(path):
            for row in batch:
                if not isinstance(row, tuple) or len(row) != 4 or not isinstance(row[0], str):
                    raise RowsInvalid(f"{path.name} holds a malformed row")
                name, stamp, story_id, record = row
                if record is None:
                    rows.pop(name, None)
                elif (
                    isinstance(stamp, int) and isinstance(story_id, str) and isinstance(record, Story | bytes)
                ):
                    rows[name] = CachedFile(name, stamp, story_id, record)
                else:
                    raise RowsInvalid(f"{path.name} holds a row of the wrong types")
    return rows


def file_crc(path: Path) -> tuple[int, int]:
    """Size and CRC-32 of a file, read in 1 MB pieces."""
    crc = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return path.stat().st_size, crc
