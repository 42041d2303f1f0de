"""The catalog cache: what loading and indexing computed, saved so a restart need not redo it.

A cache is a folder of immutable files and ``manifest.json`` naming the ones in use:

- ``stories-<token>.pickle``: *segments* of story rows (see :mod:`bot.core.cache_rows`): a base
  segment with a row per good story file (name, stamp, record), then, after edits, small segments
  holding only the rows that changed (and tombstones for files gone or broken since), in order;
- ``index-<token>.pickle`` and ``<array>-<token>.npy``: the index over those stories, in that order.
  The arrays are memory-mapped on load, so they cost page cache rather than process memory.

The manifest carries the format version, a fingerprint of the code that shapes records and the
index, the story folder, and the size and CRC-32 of every file it names. Anything that does not
match - a missing or truncated file or segment, a flipped bit, another code version, another folder -
makes the whole cache unusable: the library then starts cold and writes a new one. Nothing is
trusted half-way.

An edit costs a write of what changed, not of the catalog: a save after a reload appends a segment
of the changed rows, writes the index's small state and only those arrays that are not the very
arrays already saved (an updated index keeps its base postings and usually its typo tables), and
publishes a manifest naming the older files too. Once the appended rows pass ``COMPACT_SHARE`` of
the catalog (or ``MAX_SEGMENTS`` segments), the next save writes everything afresh.

Writers never change a published file: they write new files, replace the manifest in one
``os.replace``, then delete files the new manifest does not name. A process reading an older
manifest keeps its open files (Linux keeps unlinked files alive while mapped), and one that reads
the manifest mid-write still sees a complete older set or no cache. A save appends only to the
manifest this process last read or wrote; if another process replaced it since, it writes afresh.

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
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.core import cache_rows
from bot.core.cache_rows import CachedFile, RowsInvalid, file_crc, fold_rows, write_rows

__all__ = ["COMPACT_SHARE", "MAX_SEGMENTS", "CachedCatalog", "CachedFile", "CatalogCache"]

log = logging.getLogger(__name__)

# Bump when the layout of this cache changes. Changes to the code that builds records or the index
# are caught by the fingerprint below without anyone remembering to bump this.
FORMAT_VERSION = 3
MANIFEST = "manifest.json"
_CORE = Path(__file__).resolve().parent
# The sources whose change can change a parsed record or the index built from it.
_FINGERPRINTED = (
    "models.py",
    "packing.py",
    "loader.py",
    "story_words.py",
    "postings.py",
    "index.py",
    "text.py",
    "lexicon.py",
    "lexicon.toml",
    "cache_rows.py",
    __file__,
)
# Appended rows past this share of the catalog (or this many segments) make the next save a full
# one: every restart reads the superseded rows too, and each segment is a file to check.
COMPACT_SHARE = 0.1
MAX_SEGMENTS = 32
_MIN_APPENDED = 200  # appending is always fine below this many rows (small catalogs)


def code_fingerprint() -> str:
    digest = hashlib.sha256(str(FORMAT_VERSION).encode())
    for name in _FINGERPRINTED:
        path = _CORE / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class CachedCatalog:
    files: dict[str, CachedFile]  # by file name
    order: tuple[str, ...] | None  # story ids in index order, when the index was saved
    index_small: dict[str, object] | None
    index_arrays: dict[str, np.ndarray] | None


class CacheInvalid(Exception):
    """The cache cannot be used; the message says why (logged, then the library starts cold)."""


@dataclass
class _Published:
    """The manifest this process last read or wrote, and the arrays its ``.npy`` files hold."""

    manifest: dict[str, Any]
    arrays: dict[str, weakref.ref[np.ndarray]]  # array name -> the very array saved or mapped


class CatalogCache:
    """Reads and writes the cache folder of one story folder."""

    def __init__(self, folder: Path, story_dir: Path) -> None:
        self.folder = Path(folder)
        self.story_dir = str(Path(story_dir).resolve())
        self._fingerprint = code_fingerprint()
        self._published: _Published | None = None
        self.last_save = ""  # "full" or "appended" (how the last save went), for tests and timings

    # --- reading ----------------------------------------------------------------------------------

    def load(self) -> CachedCatalog | None:
        """The cached catalog, or None (logged) when there is none or it cannot be trusted."""
        self._published = None
        try:
            return self._load()
        except FileNotFoundError:
            return None
        except (CacheInvalid, RowsInvalid) as exc:
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
        segments: list[str] = manifest["segments"]
        index: dict[str, Any] | None = manifest["index"]
        named = [*segments, *([index["state"], *index["arrays"].values()] if index else [])]
        if not segments or any(name not in files for name in named):
            raise CacheInvalid("the manifest names a file it has no checksum for")
        for name, (size, crc) in files.items():
            if file_crc(self.folder / name) != (size, crc):
                raise CacheInvalid(f"{name} is damaged (size or checksum differs)")
        rows = fold_rows([self.folder / name for name in segments])
        order = small = arrays = None
        if index:
            with (self.folder / index["state"]).open("rb") as f:
                order, small = pickle.load(f)
            arrays = {
                name: np.load(self.folder / file, mmap_mode="r", allow_pickle=False)
                for name, file in index["arrays"].items()
            }
        self._published = _Published(manifest, {k: weakref.ref(v) for k, v in (arrays or {}).items()})
        return CachedCatalog(rows, order, small, arrays)

    # --- writing ----------------------------------------------------------------------------------

    def save(
        self,
        all_rows: Callable[[], Iterable[CachedFile]],
        count: int,
        changes: Sequence[tuple[str, CachedFile | None]] | None = None,
        order: Sequence[str] | None = None,
        index_small: Mapping[str, object] | None = None,
        index_arrays: Mapping[str, np.ndarray] | None = None,
    ) -> dict[str, np.ndarray]:
        """Publish the catalog: ``all_rows()`` yields its ``count`` rows; ``changes`` (file name,
        row or None for gone) are what changed since this process last loaded or saved the cache,
        None when that is unknown. Appends the changes when the published cache is still this
        process's own, else writes everything. Returns the index arrays it wrote, memory-mapped
        from their new files (the caller may use them in place of its own copies). Failures are
        logged, never raised (a cache is an optimisation: the bot runs without one)."""
        try:
            return self._save(all_rows, count, changes, order, index_small, index_arrays)
        except Exception:
            self._published = None  # whatever is on disk now, the next save starts afresh
            log.exception("could not write the catalog cache in %s", self.folder)
            return {}

    def _save(
        self,
        all_rows: Callable[[], Iterable[CachedFile]],
        count: int,
        changes: Sequence[tuple[str, CachedFile | None]] | None,
        order: Sequence[str] | None,
        index_small: Mapping[str, object] | None,
        index_arrays: Mapping[str, np.ndarray] | None,
    ) -> dict[str, np.ndarray]:
        self.folder.mkdir(parents=True, exist_ok=True)
        mine = self._still_published()
        files: dict[str, list[int]] = {}
        if mine is not None and changes is not None and self._appendable(mine, count, len(changes)):
            segments = list(mine.manifest["segments"])
            appended = int(mine.manifest["appended"]) + len(changes)
            for name in segments:
                files[name] = mine.manifest["files"][name]
            if changes:
                segments.append(self._write_segment(changes, files))
            self.last_save = "appended"
        else:
            segments = [self._write_segment(((row.name, row) for row in all_rows()), files)]
            appended = 0
            self.last_save = "full"
        index: dict[str, Any] | None = None
        saved_arrays: dict[str, weakref.ref[np.ndarray]] = {}
        mapped: dict[str, np.ndarray] = {}
        if order is not None and index_small is not None and index_arrays is not None:
            state = self._new_name("index", "pickle")
            with (self.folder / state).open("wb") as f:
                pickle.dump((tuple(order), dict(index_small)), f, protocol=pickle.HIGHEST_PROTOCOL)
            files[state] = list(file_crc(self.folder / state))
            index = {"state": state, "arrays": {}}
            for name, values in index_arrays.items():
                file = index["arrays"][name] = self._array_file(name, values, mine, files)
                if not isinstance(values, np.memmap) and not (
                    mine is not None and file in mine.manifest["files"]
                ):
                    values = mapped[name] = np.load(self.folder / file, mmap_mode="r", allow_pickle=False)
                saved_arrays[name] = weakref.ref(values)
        manifest: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "code": self._fingerprint,
            "story_dir": self.story_dir,
            "generation": uuid.uuid4().hex[:12],
            "segments": segments,
            "appended": appended,
            "index": index,
            "files": files,
        }
        staging = self.folder / f"{MANIFEST}.{manifest['generation']}"
        staging.write_text(json.dumps(manifest), encoding="utf-8")
        os.replace(staging, self.folder / MANIFEST)
        self._published = _Published(manifest, saved_arrays)
        for path in self.folder.iterdir():
            if path.name != MANIFEST and path.name not in files:
                path.unlink(missing_ok=True)
        return mapped

    def _still_published(self) -> _Published | None:
        """What this process last read or wrote, if it is still the published cache: another process
        may have published its own since (and deleted the files this one would reuse)."""
        mine = self._published
        if mine is None:
            return None
        try:
            on_disk = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(on_disk, dict) or on_disk.get("generation") != mine.manifest["generation"]:
            return None
        return mine

    @staticmethod
    def _appendable(mine: _Published, count: int, changes: int) -> bool:
        """Whether ``changes`` more rows may be appended to the published segments (else compact)."""
        appended = int(mine.manifest["appended"]) + changes
        if appended > max(_MIN_APPENDED, COMPACT_SHARE * count):
            return False
        return len(mine.manifest["segments"]) < MAX_SEGMENTS

    def _array_file(
        self, name: str, values: np.ndarray, mine: _Published | None, files: dict[str, list[int]]
    ) -> str:
        """The file holding ``values``: the published one when it holds this very array (an updated
        index keeps its base postings), else a new one."""
        if mine is not None and mine.manifest["index"] is not None:
            saved = mine.manifest["index"]["arrays"].get(name)
            ref = mine.arrays.get(name)
            if saved is not None and ref is not None and ref() is values:
                files[saved] = mine.manifest["files"][saved]
                return str(saved)
        file = self._new_name(name, "npy")
        np.save(self.folder / file, np.ascontiguousarray(values), allow_pickle=False)
        files[file] = list(file_crc(self.folder / file))
        return file

    def _write_segment(
        self, rows: Iterable[tuple[str, CachedFile | None]], files: dict[str, list[int]]
    ) -> str:
        name = self._new_name("stories", "pickle")
        write_rows(self.folder / name, rows, cache_rows.ROWS_PER_BATCH)
        files[name] = list(file_crc(self.folder / name))
        return name

    @staticmethod
    def _new_name(kind: str, suffix: str) -> str:
        return f"{kind}-{uuid.uuid4().hex[:12]}.{suffix}"
