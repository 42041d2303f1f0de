"""The catalog cache: what loading and indexing computed, saved so a restart need not redo it.

A cache is a folder holding one *generation* of files and ``manifest.json`` naming it:

- ``stories-<gen>.pickle``: per good story file, its name, stamp (size and mtime) and story record
  (a ``Story`` or a packed record, whichever the library held);
- ``index-<gen>.pickle`` and ``<array>-<gen>.npy``: the index over those stories, in that order. The
  arrays are memory-mapped on load, so they cost page cache rather than process memory.

The manifest carries the format version, a fingerprint of the code that shapes records and the
index, the story folder, and the size and CRC-32 of every file. Anything that does not match - a
missing or truncated file, a flipped bit, another code version, another folder - makes the whole
cache unusable: the library then starts cold and writes a new one. Nothing is trusted half-way.

Writers never touch a published generation: they write new files, then replace the manifest in one
``os.replace``, then delete other generations. A process reading the old generation keeps its open
files (Linux keeps unlinked files alive while mapped), and one that reads the manifest mid-write
still sees a complete older generation or no cache.

The pickles are written by this bot into a folder it owns; a cache folder shared with untrusted
writers would let them run code (as would write access to the bot's own source).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import uuid
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.core.models import Story

log = logging.getLogger(__name__)

# Bump when the layout of this cache changes. Changes to the code that builds records or the index
# are caught by the fingerprint below without anyone remembering to bump this.
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
_CORE = Path(__file__).resolve().parent
# The sources whose change can change a parsed record or the index built from it.
_FINGERPRINTED = ("models.py", "loader.py", "index.py", "text.py", "lexicon.py", "lexicon.toml", __file__)


def code_fingerprint() -> str:
    digest = hashlib.sha256(str(FORMAT_VERSION).encode())
    for name in _FINGERPRINTED:
        path = _CORE / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class CachedFile:
    name: str  # the story file's name
    stamp: int  # its size and mtime when read (see library._stamp)
    story_id: str
    record: Story | bytes


@dataclass(frozen=True)
class CachedCatalog:
    files: tuple[CachedFile, ...]
    order: tuple[str, ...] | None  # story ids in index order, when the index was saved
    index_small: dict[str, object] | None
    index_arrays: dict[str, np.ndarray] | None


class CacheInvalid(Exception):
    """The cache cannot be used; the message says why (logged, then the library starts cold)."""


_ROWS_PER_BATCH = 2000


def _read_batches(path: Path) -> list[tuple[Any, ...]]:
    """The rows ``CatalogCache._write_rows`` wrote: batches, each its 8-byte length and a pickle."""
    rows: list[tuple[Any, ...]] = []
    with path.open("rb") as f:
        while header := f.read(8):
            size = int.from_bytes(header, "little")
            data = f.read(size)
            if len(header) != 8 or len(data) != size:
                raise CacheInvalid("the story rows are truncated")
            rows.extend(pickle.loads(data))
    return rows


def _crc(path: Path) -> tuple[int, int]:
    crc = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return path.stat().st_size, crc


class CatalogCache:
    """Reads and writes the cache folder of one story folder."""

    def __init__(self, folder: Path, story_dir: Path) -> None:
        self.folder = Path(folder)
        self.story_dir = str(Path(story_dir).resolve())
        self._fingerprint = code_fingerprint()

    # --- reading ----------------------------------------------------------------------------------

    def load(self) -> CachedCatalog | None:
        """The cached catalog, or None (logged) when there is none or it cannot be trusted."""
        try:
            return self._load()
        except FileNotFoundError:
            return None
        except CacheInvalid as exc:
            log.warning("catalog cache in %s ignored: %s", self.folder, exc)
        except Exception as exc:  # a corrupt pickle can raise almost anything
            log.warning("catalog cache in %s ignored: unreadable (%s)", self.folder, exc)
        return None

    def _load(self) -> CachedCatalog:
        manifest = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise CacheInvalid("the manifest is not an object")
        if manifest.get("format") != FORMAT_VERSION or manifest.get("code") != self._fingerprint:
            raise CacheInvalid("written by another version of the code")
        if manifest.get("story_dir") != self.story_dir:
            raise CacheInvalid(f"made for {manifest.get('story_dir')}, not {self.story_dir}")
        files: dict[str, list[int]] = manifest["files"]
        for name, (size, crc) in files.items():
            if _crc(self.folder / name) != (size, crc):
                raise CacheInvalid(f"{name} is damaged (size or checksum differs)")
        generation = manifest["generation"]
        cached = tuple(
            CachedFile(*row) for row in _read_batches(self.folder / f"stories-{generation}.pickle")
        )
        if any(not isinstance(c.record, Story | bytes) for c in cached):
            raise CacheInvalid("a story record has the wrong type")
        order = small = arrays = None
        if manifest.get("index"):
            with (self.folder / f"index-{generation}.pickle").open("rb") as f:
                order, small = pickle.load(f)
            arrays = {
                name: np.load(self.folder / f"{name}-{generation}.npy", mmap_mode="r", allow_pickle=False)
                for name in manifest["index"]
            }
        return CachedCatalog(cached, order, small, arrays)

    # --- writing ----------------------------------------------------------------------------------

    def save(
        self,
        files: Sequence[CachedFile],
        order: Sequence[str] | None = None,
        index_small: Mapping[str, object] | None = None,
        index_arrays: Mapping[str, np.ndarray] | None = None,
    ) -> None:
        """Write a new generation and publish it; failures are logged, never raised (a cache is
        an optimisation: the bot runs without one)."""
        try:
            self._save(files, order, index_small, index_arrays)
        except Exception:
            log.exception("could not write the catalog cache in %s", self.folder)

    def _save(
        self,
        files: Sequence[CachedFile],
        order: Sequence[str] | None,
        index_small: Mapping[str, object] | None,
        index_arrays: Mapping[str, np.ndarray] | None,
    ) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        generation = uuid.uuid4().hex[:12]
        written: list[Path] = []
        written.append(self._write_rows(f"stories-{generation}.pickle", files))
        saved_arrays: list[str] = []
        if order is not None and index_small is not None and index_arrays is not None:
            written.append(
                self._write_pickle(f"index-{generation}.pickle", (tuple(order), dict(index_small)))
            )
            for name, values in index_arrays.items():
                path = self.folder / f"{name}-{generation}.npy"
                np.save(path, np.ascontiguousarray(values), allow_pickle=False)
                written.append(path)
                saved_arrays.append(name)
        manifest: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "code": self._fingerprint,
            "story_dir": self.story_dir,
            "generation": generation,
            "index": saved_arrays,
            "files": {path.name: list(_crc(path)) for path in written},
        }
        staging = self.folder / f"{MANIFEST}.{generation}"
        staging.write_text(json.dumps(manifest), encoding="utf-8")
        os.replace(staging, self.folder / MANIFEST)
        for path in self.folder.iterdir():
            if path.name != MANIFEST and generation not in path.name:
                path.unlink(missing_ok=True)

    def _write_rows(self, name: str, files: Sequence[CachedFile]) -> Path:
        """The story rows as a series of pickled batches: a pickler remembers every object it wrote
        (to share repeats), which for 100k stories in one pickle was ~tens of MB held while saving."""
        path = self.folder / name
        with path.open("wb") as f:
            for start in range(0, len(files), _ROWS_PER_BATCH):
                batch = files[start : start + _ROWS_PER_BATCH]
                data = pickle.dumps(
                    [(c.name, c.stamp, c.story_id, c.record) for c in batch], protocol=pickle.HIGHEST_PROTOCOL
                )
                f.write(len(data).to_bytes(8, "little"))
                f.write(data)
        return path

    def _write_pickle(self, name: str, value: object) -> Path:
        path = self.folder / name
        with path.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        return path
