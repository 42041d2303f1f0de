"""The live story catalog: loads ``briefs/``, rebuilds the index, and reloads edited files."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from bot.core.answering import Answerer
from bot.core.index import StoryIndex
from bot.core.loader import Problem, bulk_loading, duplicate_id, parse_story_file, story_files
from bot.core.memory import ConversationMemory
from bot.core.models import Story

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReloadReport:
    changed: tuple[str, ...]  # file names that were (re)loaded
    removed: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def nothing_changed(self) -> bool:
        return not (self.changed or self.removed or self.problems)


class StoryLibrary:
    """Holds the stories, their index and the answerer; swaps them atomically on reload.

    A file whose new version is broken keeps its last good version, so a typo made while the bot
    runs never takes a story offline. Conversation memory survives reloads.
    """

    def __init__(self, directory: Path, memory: ConversationMemory | None = None) -> None:
        self.directory = Path(directory)
        self.memory = memory if memory is not None else ConversationMemory()
        self._good: dict[Path, Story] = {}
        self._stamps: dict[Path, tuple[int, int]] = {}
        self.problems: tuple[Problem, ...] = ()
        self._build()

    @classmethod
    def load(cls, directory: Path, memory: ConversationMemory | None = None) -> StoryLibrary:
        """A library with every story file read: the first load is a reload from nothing."""
        library = cls(directory, memory)
        library.reload()
        return library

    @property
    def stories(self) -> tuple[Story, ...]:
        return self.index.stories

    def _build(self) -> None:
        stories = sorted(self._good.values(), key=lambda s: s.id)
        self.index = StoryIndex(stories)
        self.answerer = Answerer(self.index, self.memory)

    def reload(self) -> ReloadReport:
        """Re-read files whose size or modification time changed; keep last good versions."""
        if not self.directory.is_dir():
            self.problems = (Problem(self.directory, "(directory)", "does not exist"),)
            return ReloadReport((), (), self.problems)
        current = {p: _stamp(p) for p in story_files(self.directory)}
        changed = [p for p, stamp in current.items() if self._stamps.get(p) != stamp]
        removed = [p for p in self._good if p not in current]
        problems: list[Problem] = []
        for path in removed:
            del self._good[path]
        # Which file owns each id, kept up to date as files are accepted (ids are unique in _good).
        owners = {s.id: p for p, s in self._good.items()}
        with bulk_loading():
            for path in changed:
                parsed = parse_story_file(path)
                if isinstance(parsed, list):
                    problems.extend(parsed)
                    kept = " (keeping the last good version)" if path in self._good else ""
                    for problem in parsed:
                        log.error("story file %s is broken%s: %s", path.name, kept, problem)
                    continue
                clash = duplicate_id(path, parsed, owners)
                if clash is not None:
                    problems.append(clash)
                    log.error("story file problem: %s", clash)
                    continue
                previous = self._good.get(path)
                if previous is not None:
                    del owners[previous.id]
                self._good[path] = parsed
                owners[parsed.id] = path
        self._stamps = current
        loaded = tuple(p.name for p in changed if p in self._good and not any(q.path == p for q in problems))
        if loaded or removed:
            self._build()
            log.info(
                "stories reloaded: %s; removed: %s",
                ", ".join(loaded) or "none",
                ", ".join(p.name for p in removed) or "none",
            )
        self.problems = tuple(problems)
        return ReloadReport(loaded, tuple(p.name for p in removed), tuple(problems))


def _stamp(path: Path) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_mtime_ns, stat.st_size
