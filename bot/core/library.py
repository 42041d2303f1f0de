"""The live story catalog: loads ``briefs/`` and publishes one immutable snapshot per reload.

Readers (the event loop, every front end) take ``library.snapshot`` once and use it whole; the
reload thread builds the next snapshot aside and publishes it with a single assignment, so nobody
ever sees a new index with an old answerer or an old problem list.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.answering import Answerer, warm_up
from bot.core.catalog_cache import CachedCatalog, CachedFile, CatalogCache
from bot.core.index import StoryIndex
from bot.core.loader import Problem, bulk_loading, duplicate_id, story_entry_names
from bot.core.memory import ConversationMemory
from bot.core.models import PackedStories, Story, pack_story, unpack_story
from bot.core.names import StoryNames
from bot.core.parallel_parse import PackedStory, ParsedChunk, parse_beside, parsed_here
from bot.core.postings import PostingsBuilder
from bot.core.story_words import story_words
from bot.core.workers import runs_in_parallel, worker_count

log = logging.getLogger(__name__)

# The cyclic garbage collector's thresholds while a catalog is served. A story's first question
# annotates its sentences and caches them: objects that live on, so every collection of the young
# generations finds nothing to free and only walks them. With Python's default (700, 10, 10) the
# middle generation gathers ten young collections' survivors (~7,000 objects at 10k stories) and
# walks them in one 2-4 ms pause inside some question, the slowest questions' main cost. Collecting
# it after every second young collection instead makes each such pause a fifth of that, for the
# same total work; the oldest generation's threshold grows to match, so full collections stay
# as rare as before (every ~120 young collections).
DEFAULT_GC_THRESHOLDS = (700, 10, 10)
SERVING_GC_THRESHOLDS = (700, 1, 59)


def tune_garbage_collector() -> None:
    """Use ``SERVING_GC_THRESHOLDS``, unless the process has set thresholds of its own."""
    if gc.get_threshold() == DEFAULT_GC_THRESHOLDS:
        gc.set_threshold(*SERVING_GC_THRESHOLDS)


@dataclass(frozen=True)
class ReloadReport:
    changed: tuple[str, ...]  # file names that were (re)loaded
    removed: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def nothing_changed(self) -> bool:
        return not (self.changed or self.removed or self.problems)


@dataclass(frozen=True)
class CatalogSnapshot:
    """Everything a question needs, built together and never changed afterwards."""

    stories: Sequence[Story]
    index: StoryIndex
    answerer: Answerer
    names: StoryNames
    problems: tuple[Problem, ...] = ()
    # Seconds spent parsing and indexing by the reload that built this snapshot.
    timings: dict[str, float] = field(default_factory=dict, compare=False)


# From this many story files on, stories are kept packed (compressed, see models.PackedStories):
# ~0.7 KB a story instead of ~6 KB of live objects, for ~40 us each time one is read.
PACK_FROM = 20_000
# From this many story files on, the catalog is cached between runs (see catalog_cache). Below it a
# cold start takes well under a second and the cache would be files for nothing (tests, the CLI).
CACHE_FROM = 1000


class _Shelf:
    """The one owner of "packed or not": story records by id, live or packed as the size asks."""

    def __init__(self) -> None:
        # Keyed by story id rather than holding Story objects for a packed catalog: at 100k stories,
        # live stories would be most of the process memory.
        self.records: dict[str, Story | bytes] = {}
        self.packed = False
        self.order: list[str] = []  # the ids in the order of the last ``stories()``

    def pack_for(self, file_count: int) -> None:
        self.packed = file_count >= PACK_FROM

    def put(self, story: Story | PackedStory) -> None:
        """Shelve a story, or a story already packed (by a worker process) as (id, record)."""
        if not isinstance(story, Story):
            story_id, record = story
            self.records[story_id] = record if self.packed else unpack_story(record)
        else:
            self.records[story.id] = pack_story(story) if self.packed else story

    def drop(self, story_id: str) -> None:
        del self.records[story_id]

    def stories(self) -> Sequence[Story]:
        """The stories sorted by id, as a ``PackedStories`` when packed; records follow the choice."""
        ids = self.order = sorted(self.records)
        ordered = [self.records[i] for i in ids]
        if self.packed:
            packs = PackedStories((r if isinstance(r, bytes) else pack_story(r) for r in ordered), ids=ids)
            self.records = dict(zip(ids, packs.records, strict=True))
            return packs
        stories = [r if isinstance(r, Story) else unpack_story(r) for r in ordered]
        self.records = dict(zip(ids, stories, strict=True))
        return stories


class StoryLibrary:
    """Loads the story files and publishes a :class:`CatalogSnapshot` after every change.

    A file whose new version is broken keeps its last good version, so a typo made while the bot
    runs never takes a story offline. Conversation memory survives reloads. ``reload`` may run in a
    worker thread (see :mod:`bot.core.watcher`); readers only ever read ``snapshot``.
    """

    def __init__(
        self,
        directory: Path,
        memory: ConversationMemory | None = None,
        cache: Path | None = None,
        save_in_background: bool = False,
    ) -> None:
        self.directory = Path(directory)
        # Where parsed stories and the index are kept between runs (None: nowhere, always cold).
        self._cache = CatalogCache(cache, self.directory) if cache is not None else None
        self.memory = memory if memory is not None else ConversationMemory()
        # Keyed by file name and story id rather than Path and Story: at 100k stories, Path objects
        # would be a large share of the process memory.
        self._ids: dict[str, str] = {}  # good file name -> the id of its last good story
        self._shelf = _Shelf()
        # File name -> its modification time and size when last read. Updated in place, so each name
        # is one string shared with ``_ids`` (a fresh dict per scan held a second copy of 100k names).
        self._stamps: dict[str, int] = {}
        # Good files whose current version is broken (they serve their last good version): never
        # cached, so a restart reads them again and reports them, as a cold start would.
        self._stale: set[str] = set()
        # Files whose row in the cache may be out of date: the next cache save writes just these
        # (see catalog_cache); None when the cache must be written whole.
        self._unsaved: set[str] | None = None
        self._saved_packed = False  # whether the cache's records are packed (a switch rewrites all)
        self._reloading = threading.Lock()  # one reload at a time, whoever calls it
        # Whether the first load writes the cache in a thread of its own once the catalog is
        # published (the bot: it answers meanwhile), rather than before ``load`` returns.
        self._save_in_background = save_in_background
        self._save_pending = False  # a cache save was left to the saver thread and has not run yet
        self._saver: threading.Thread | None = None
        # Not warmed up: no question reaches the empty catalog before the first load publishes one,
        # and a large cold start warms up while its worker process starts (see ``_parsed``).
        self.snapshot = self._publish((), warm=False)

    @classmethod
    def load(
        cls,
        directory: Path,
        memory: ConversationMemory | None = None,
        cache: Path | None = None,
        save_in_background: bool = False,
    ) -> StoryLibrary:
        """A library with every story file read: the first load is a reload from nothing, or from
        the cache folder ``cache`` when it holds a trustworthy one (see :mod:`bot.core.catalog_cache`).

        With ``save_in_background``, a cache this load has to (re)write is written by a thread once
        the catalog is ready (a cold start of 10k stories is ready ~40 % sooner); the cache is on
        disk when ``wait_for_cache`` returns, and the interpreter waits for it before exiting."""
        library = cls(directory, memory, cache, save_in_background)
        library.reload()
        tune_garbage_collector()
        return library

    def wait_for_cache(self, timeout: float | None = None) -> bool:
        """Wait until a cache save left to the background is done; False if ``timeout`` ran out."""
        saver = self._saver
        if saver is not None:
            saver.join(timeout)
            return not saver.is_alive()
        return True

    # The snapshot's parts, for callers that need only one of them right now.
    @property
    def stories(self) -> Sequence[Story]:
        return self.snapshot.stories

    @property
    def index(self) -> StoryIndex:
        return self.snapshot.index

    @property
    def answerer(self) -> Answerer:
        return self.snapshot.answerer

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.snapshot.problems

    @property
    def last_timings(self) -> dict[str, float]:
        return self.snapshot.timings

    def _publish(
        self,
        problems: tuple[Problem, ...],
        timings: dict[str, float] | None = None,
        basis: StoryIndex | None = None,
        postings: PostingsBuilder | None = None,
        warm: bool = True,
    ) -> CatalogSnapshot:
        """A snapshot of the shelf, its index derived from ``basis`` (the index of the previous
        catalog) where only a few stories changed, or built from ``postings`` (every shelved story's
        words, gathered as the files were parsed)."""
        stories = self._shelf.stories()
        index = basis.updated(stories) if basis is not None else StoryIndex(stories, postings)
        return CatalogSnapshot(
            stories=index.stories,
            index=index,
            answerer=Answerer(index, self.memory, warm),
            names=StoryNames(index.stories),
            problems=problems,
            timings=timings or {},
        )

    def reload(self) -> ReloadReport:
        """Re-read files whose size or modification time changed; keep last good versions."""
        with self._reloading:
            return self._reload()

    def _reload(self) -> ReloadReport:
        current_snapshot = self.snapshot
        if not self.directory.is_dir():
            missing = (Problem(self.directory, "(directory)", "does not exist"),)
            self.snapshot = _replace_problems(current_snapshot, missing)
            return ReloadReport((), (), missing)
        first_load = not self._stamps
        if first_load and not worker_count():
            # The answerer's one-time warm-up (~0.1 s), before the load's clock and outside its bulk
            # loading: objects made in there count as the load's, and after a restore enough of
            # them made the parse block collect the whole restored catalog (~0.3 s at 10k).
            warm_up()
        started = time.perf_counter()
        cached = None
        # The index the new one is derived from: the published one, or the cached one on a restart.
        # A first load has none: deriving from the empty index built the index again from the stories
        # (``updated`` rebuilds past a few changes), dropping the words gathered while parsing.
        basis: StoryIndex | None = None if first_load else current_snapshot.index
        if first_load and self._cache is not None:
            with bulk_loading():  # unpickling thousands of stories: the same reason as parsing them
                cached = self._restore()
                basis = self._restored_index(cached) if cached is not None else None
        # Taken over by the shelf and the index by now: its row table and saved state (~20 MB at
        # 100k) need not stay to the end of the reload.
        restored = cached is not None
        del cached
        changed, stamps, listed = self._scan()
        if first_load and not runs_in_parallel(len(changed)):
            warm_up()  # as above (done already unless workers were allowed); else beside the worker
        dropped = False
        if restored:
            # A changed file is read as on a cold start: its cached version is not a "last good" one.
            for name in changed:
                if name in self._ids:
                    self._shelf.drop(self._ids.pop(name))
                    self._note_unsaved(name)
                    dropped = True
        removed = [name for name in self._ids if name not in listed]
        loaded: tuple[str, ...] = ()
        problems: list[Problem] = []
        parsed_at = started
        rebuilt: CatalogSnapshot | None = None
        fresh = False
        vanished = [name for name in self._stamps if name not in listed]
        file_count = len(listed)
        del listed
        if restored and basis is not None and not basis.absorbs(len(changed) + len(removed), file_count):
            basis = None  # built afresh anyway: without the cached index's tables in memory beside it
        if changed or removed or restored:
            self._shelf.pack_for(file_count)
            with bulk_loading():
                for name in removed:
                    self._shelf.drop(self._ids.pop(name))
                    self._stale.discard(name)
                    self._note_unsaved(name)
                # From nothing, each story's words are taken as its file is parsed: a packed story
                # would otherwise be unpacked again only to be tokenised (~45 us a story).
                postings = PostingsBuilder() if first_load and not restored else None
                problems, postings = self._read(changed, postings)
                broken = {q.path.name for q in problems}
                loaded = tuple(name for name in changed if name in self._ids and name not in broken)
                parsed_at = time.perf_counter()
                if loaded or removed or restored:
                    timings = {"parse": parsed_at - started}
                    # The cache is rewritten unless it already holds exactly this catalog.
                    fresh = not restored or basis is None or bool(loaded or removed or dropped)
                    rebuilt = self._publish(tuple(problems), timings, basis, postings)
                    postings = None
                    basis = None
                    timings["index"] = time.perf_counter() - parsed_at
        # What the next scan compares with, and a cache written by this reload records.
        for at, name in enumerate(changed):
            self._stamps[name] = _stamp(stamps[2 * at], stamps[2 * at + 1])
        for name in vanished:
            del self._stamps[name]
        if first_load:
            log.debug("loaded %d stories from %s", len(self._ids), self.directory)
        elif loaded or removed:
            log.info(
                "stories reloaded: %s; removed: %s",
                ", ".join(loaded) or "none",
                ", ".join(removed) or "none",
            )
        # The single assignment readers see: the whole new catalog, or the old one with new problems.
        self.snapshot = (
            rebuilt if rebuilt is not None else _replace_problems(current_snapshot, tuple(problems))
        )
        del current_snapshot  # the replaced catalog goes now (unless a reader still holds it)
        if fresh and rebuilt is not None:
            # After publishing: questions use the new catalog while the cache is written.
            if first_load and self._save_in_background and self._cache is not None:
                self._save_later(rebuilt.timings)
            else:
                saving = time.perf_counter()
                self._save_cache(rebuilt.index)
                rebuilt.timings["cache"] = time.perf_counter() - saving
        return ReloadReport(loaded, tuple(removed), tuple(problems))

    def _scan(self) -> tuple[list[str], array[int], set[str]]:
        """The files whose stamp differs from the one last read, their modification times and sizes
        now (two to a file, in the same order), and the names of every entry listed.

        Not (name, stamp) pairs: at 100k files the tuples and stamp ints were ~10 MB, held through
        the parse, the peak of a cold start with a worker's memory on top."""
        folder = str(self.directory)
        listed: set[str] = set()
        changed: list[str] = []
        stamps = array("q")
        for name in story_entry_names(self.directory):  # the odd ones too: reading them names them
            listed.add(name)
            mtime, size = _stat(os.path.join(folder, name))
            if self._stamps.get(name) != _stamp(mtime, size):
                changed.append(name)
                stamps.append(mtime)
                stamps.append(size)
        return changed, stamps, listed

    def _note_unsaved(self, name: str) -> None:
        if self._unsaved is not None:
            self._unsaved.add(name)

    def _read(
        self, changed: Sequence[str], postings: PostingsBuilder | None = None
    ) -> tuple[list[Problem], PostingsBuilder | None]:
        """Parse changed files (by name) onto the shelf; a broken file keeps its last good version.

        ``postings`` (on a load from nothing) gathers the words of each story shelved, as long as
        they come in the order the index numbers them (ascending ids: file names are usually the
        ids); it comes back None if they did not, and the index then reads the stories itself."""
        problems: list[Problem] = []
        # Which file owns each id (ids are unique here), made the first time an id is met again and
        # kept up to date from then on: a load without a clash needs none (~5 MB at 100k files).
        owners: dict[str, str] | None = None
        for chunk in self._parsed(changed):
            shelved: list[str] = []  # the chunk's stories taken, in order
            clashed = False
            for name, parsed in zip(chunk.names, chunk.results, strict=True):
                if isinstance(parsed, list):  # broken: not among the worker's words either
                    self._take_broken(name, parsed, problems)
                    continue
                story_id = parsed.id if isinstance(parsed, Story) else parsed[0]
                if story_id in self._shelf.records and self._ids.get(name) != story_id:
                    owners = owners if owners is not None else {i: n for n, i in self._ids.items()}
                    if self._clashes(name, story_id, owners[story_id], problems):
                        clashed = True
                        continue
                self._take(name, story_id, owners)
                if postings is not None and chunk.words is None:
                    if isinstance(parsed, Story) and (not postings.ids or postings.ids[-1] < story_id):
                        postings.add(story_id, story_words(parsed))
                    else:
                        postings = None
                if chunk.words is not None:
                    shelved.append(story_id)
                self._shelf.put(parsed)
            # A worker's words are those of every good story of its chunk: of no use once one of
            # them was refused (its id taken), or when they do not continue the ascending order.
            if (
                postings is not None
                and chunk.words is not None
                and (clashed or not postings.add_chunk(shelved, chunk.words))
            ):
                postings = None
        return problems, postings

    def _take_broken(self, name: str, found: list[Problem], problems: list[Problem]) -> None:
        """Note a file whose new version is broken: its last good version (if any) stays."""
        self._note_unsaved(name)
        problems.extend(found)
        self._stale.add(name)
        kept = " (keeping the last good version)" if name in self._ids else ""
        for problem in found:
            log.error("story file %s is broken%s: %s", name, kept, problem)

    def _clashes(self, name: str, story_id: str, owner: str, problems: list[Problem]) -> bool:
        """Whether the file's story id is another file's (then noted as its problem)."""
        path = self.directory / name
        clash = duplicate_id(path, story_id, {story_id: path.with_name(owner)})
        if clash is None:
            return False
        self._note_unsaved(name)
        problems.append(clash)
        self._stale.add(name)
        log.error("story file problem: %s", clash)
        return True

    def _take(self, name: str, story_id: str, owners: dict[str, str] | None) -> None:
        """Note a file's story as its good version (the caller shelves it), in place of the last."""
        self._note_unsaved(name)
        self._stale.discard(name)
        previous = self._ids.get(name)
        if previous is not None:
            if owners is not None:
                del owners[previous]
            self._shelf.drop(previous)
        self._ids[name] = story_id
        if owners is not None:
            owners[story_id] = name

    def _parsed(self, names: Sequence[str]) -> Iterator[ParsedChunk]:
        """The files parsed, in chunks: here and in worker processes at once when many files changed
        (a cold start); else here, as one chunk read file by file. A worker sends packed records;
        a catalog kept live unpacks them as it shelves them (~30 us a story, against ~150 us for
        parsing the file here)."""
        if runs_in_parallel(len(names)):
            # The answerer's one-time warm-up (~0.1 s) while the worker starts, rather than at the
            # end of the load, when the worker is done and its core idle.
            return parse_beside(self.directory, names, meanwhile=warm_up)
        return iter((parsed_here(self.directory, names),))

    # --- the cache (see bot.core.catalog_cache) -------------------------------------------------

    def _restore(self) -> CachedCatalog | None:
        """Take the cached files as if they had just been read; the caller re-reads changed ones."""
        assert self._cache is not None
        cached = self._cache.load()
        if cached is None:
            return None
        packed = {isinstance(entry.record, bytes) for entry in cached.files.values()}
        if len(packed) > 1:
            log.warning("catalog cache in %s ignored: packed and live records mixed", self._cache.folder)
            return None
        for entry in cached.files.values():
            self._ids[entry.name] = entry.story_id
            self._stamps[entry.name] = entry.stamp
            self._shelf.records[entry.story_id] = entry.record
        self._shelf.packed = self._saved_packed = packed == {True}
        self._unsaved = set()  # the cache holds exactly what was just restored
        log.debug("catalog cache: %d stories from %s", len(cached.files), self._cache.folder)
        return cached

    def _restored_index(self, cached: CachedCatalog) -> StoryIndex | None:
        """The saved index over the cached stories (as restored, before any file is re-read), when
        it was built over exactly these stories in this order."""
        if cached.order is None or cached.index_small is None or cached.index_arrays is None:
            return None
        stories = self._shelf.stories()
        order = self._shelf.order
        if len(cached.order) != len(order) or any(a != b for a, b in zip(cached.order, order, strict=True)):
            return None
        try:
            return StoryIndex.restore(stories, order, cached.index_small, cached.index_arrays)
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("catalog cache: saved index unusable (%s); rebuilding", exc)
            return None

    def _save_later(self, timings: dict[str, float]) -> None:
        """Leave the cache save to a thread, which waits for this reload to end (it holds the reload
        lock) and then saves the catalog as published by then: a reload that gets in first and saves
        the cache itself leaves it nothing to do. Not a daemon thread, so the process finishes the
        save before it exits."""
        self._save_pending = True
        self._saver = threading.Thread(
            target=self._save_pending_cache, args=(timings,), name="catalog-cache-save"
        )
        self._saver.start()

    def _save_pending_cache(self, timings: dict[str, float]) -> None:
        with self._reloading:
            if self._save_pending:
                saving = time.perf_counter()
                self._save_cache(self.snapshot.index)
                timings["cache"] = time.perf_counter() - saving

    def _save_cache(self, index: StoryIndex) -> None:
        self._save_pending = False  # whatever comes of it: a later save writes what changed since
        if self._cache is None or len(self._ids) < CACHE_FROM:
            return
        changes: list[tuple[str, CachedFile | None]] | None = None
        if self._unsaved is not None and self._saved_packed == self._shelf.packed:
            changes = [(name, self._cached_row(name)) for name in sorted(self._unsaved)]
        mapped = self._cache.save(
            self._cached_rows,
            len(self._ids) - len(self._stale),
            changes,
            self._shelf.order,
            index.small_state(),
            index.arrays(),
        )
        index.adopt(mapped)
        # Whatever happened: a failed save left the cache to write itself whole next time.
        self._unsaved = set()
        self._saved_packed = self._shelf.packed

    def _cached_row(self, name: str) -> CachedFile | None:
        """The cache row of one file: None when it has no good version to cache."""
        story_id = self._ids.get(name)
        if story_id is None or name in self._stale or name not in self._stamps:
            return None
        return CachedFile(name, self._stamps[name], story_id, self._shelf.records[story_id])

    def _cached_rows(self) -> Iterator[CachedFile]:
        """Every file's cache row (a generator: the cache writes them in batches as they come)."""
        records = self._shelf.records
        for name, story_id in self._ids.items():
            if name not in self._stale and name in self._stamps:
                yield CachedFile(name, self._stamps[name], story_id, records[story_id])


def _replace_problems(snapshot: CatalogSnapshot, problems: tuple[Problem, ...]) -> CatalogSnapshot:
    if snapshot.problems == problems:
        return snapshot
    return CatalogSnapshot(
        snapshot.stories, snapshot.index, snapshot.answerer, snapshot.names, problems, snapshot.timings
    )


def _stat(path: str) -> tuple[int, int]:
    """A file's modification time (ns) and size."""
    try:
        stat = os.stat(path)
    except OSError:  # a dangling link or a link loop: its link's own stamp; reading it names the problem
        try:
            stat = os.lstat(path)
        except OSError:  # gone since the folder was listed: the next scan sees it removed
            return 0, 0
    return stat.st_mtime_ns, stat.st_size


def _stamp(mtime: int, size: int) -> int:
    """Modification time and size in one int (a third of the memory of a tuple at 100k files)."""
    return mtime << 64 | size
