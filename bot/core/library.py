"""The live story catalog: loads ``briefs/``, rebuilds the index, and reloads edited files."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.core.answering import Answerer
from bot.core.index import StoryIndex
from bot.core.loader import Problem, bulk_loading, duplicate_id, parse_story_file, story_files
from bot.core.memory import ConversationMemory
from bot.core.models import PackedStories, Story, pack_story, unpack_story

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReloadReport:
    changed: tuple[str, ...]  # file names that were (re)loaded
    removed: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def nothing_changed(self) -> bool:
        return not (self.changed or self.removed or self.problems)


# From this many story files on, stories are kept packed (compressed, see models.PackedStories):
# ~0.7 KB a story instead of ~6 KB of live objects, for ~40 us each time one is read.
PACK_FROM = 20_000


class StoryLibrary:
    """Holds the stories, their index and the answerer; swaps them atomically on reload.

    A file whose new version is broken keeps its last good version, so a typo made while the bot
    runs never takes a story offline. Conversation memory survives reloads.
    """

    def __init__(self, directory: Path, memory: ConversationMemory | None = None) -> None:
        self.directory = Path(directory)
        self.memory = memory if memory is not None else ConversationMemory()
        # Keyed by file name and story id rather than Path and Story: at 100k stories, Path objects
        # and live stories would be most of the process memory.
        self._ids: dict[str, str] = {}  # good file name -> the id of its last good story
        self._records: dict[str, Story | bytes] = {}  # story id -> the story, or its packed record
        self._stamps: dict[str, int] = {}  # file name -> its modification time and size when last read
        self.problems: tuple[Problem, ...] = ()
        self.last_timings: dict[str, float] = {}  # seconds spent parsing and indexing in the last reload
        self._build(packed=False)

    @classmethod
    def load(cls, directory: Path, memory: ConversationMemory | None = None) -> StoryLibrary:
        """A library with every story file read: the first load is a reload from nothing."""
        library = cls(directory, memory)
        library.reload()
        return library

    @property
    def stories(self) -> Sequence[Story]:
        return self.index.stories

    def _build(self, packed: bool) -> None:
        ids = sorted(self._records)
        ordered = [self._records[i] for i in ids]
        stories: Iterable[Story]
        if packed:
            packs = PackedStories((r if isinstance(r, bytes) else pack_story(r) for r in ordered), ids=ids)
            self._records = dict(zip(ids, packs.records, strict=True))
            stories = packs
        else:
            stories = [r if isinstance(r, Story) else unpack_story(r) for r in ordered]
            self._records = dict(zip(ids, stories, strict=True))
        self.index = StoryIndex(stories)
        self.answerer = Answerer(self.index, self.memory)

    def reload(self) -> ReloadReport:
        """Re-read files whose size or modification time changed; keep last good versions."""
        if not self.directory.is_dir():
            self.problems = (Problem(self.directory, "(directory)", "does not exist"),)
            return ReloadReport((), (), self.problems)
        started = time.perf_counter()
        first_load = not self._stamps
        paths = story_files(self.directory)
        current = {p.name: _stamp(p) for p in paths}
        changed = [p for p in paths if self._stamps.get(p.name) != current[p.name]]
        del paths
        removed = [name for name in self._ids if name not in current]
        loaded: tuple[str, ...] = ()
        problems: list[Problem] = []
        parsed_at = started
        if changed or removed:
            packed = len(current) >= PACK_FROM
            with bulk_loading():
                for name in removed:
                    del self._records[self._ids.pop(name)]
                problems = self._read(changed, packed)
                broken = {q.path.name for q in problems}
                loaded = tuple(p.name for p in changed if p.name in self._ids and p.name not in broken)
                parsed_at = time.perf_counter()
                if loaded or removed:
                    self._build(packed)
        self._stamps = current
        if first_load:
            log.debug("loaded %d stories from %s", len(self._ids), self.directory)
        elif loaded or removed:
            log.info(
                "stories reloaded: %s; removed: %s",
                ", ".join(loaded) or "none",
                ", ".join(removed) or "none",
            )
        self.last_timings = {"parse": parsed_at - started, "index": time.perf_counter() - parsed_at}
        self.problems = tuple(problems)
        return ReloadReport(loaded, tuple(removed), tuple(problems))

    def _read(self, changed: Sequence[Path], packed: bool) -> list[Problem]:
        """Parse changed files into ``_ids``/``_records``; a broken file keeps its last good version."""
        problems: list[Problem] = []
        # Which file owns each id, kept up to date as files are accepted (ids are unique here).
        owners = {story_id: name for name, story_id in self._ids.items()}
        for path in changed:
            parsed = parse_story_file(path)
            if isinstance(parsed, list):
                problems.extend(parsed)
                kept = " (keeping the last good version)" if path.name in self._ids else ""
                for problem in parsed:
                    log.error("story file %s is broken%s: %s", path.name, kept, problem)
                continue
            owner = owners.get(parsed.id)
            clash = None if owner is None else duplicate_id(path, parsed, {parsed.id: path.with_name(owner)})
            if clash is not None:
                problems.append(clash)
                log.error("story file problem: %s", clash)
                continue
            previous = self._ids.get(path.name)
            if previous is not None:
                del owners[previous]
                del self._records[previous]
            self._ids[path.name] = parsed.id
            owners[parsed.id] = path.name
            self._records[parsed.id] = pack_story(parsed) if packed else parsed
        return problems


def _stamp(path: Path) -> int:
    """Modification time and size in one int (a third of the memory of a tuple at 100k files)."""
    stat = os.stat(path)
    return stat.st_mtime_ns << 64 | stat.st_size
