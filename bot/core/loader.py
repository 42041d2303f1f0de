"""Reading story files from ``briefs/``: one TOML file per story, validated one by one.

A broken file never stops the others from loading: every problem is reported with the file and the
field (or line) so the person editing it knows exactly what to fix.
"""

from __future__ import annotations

import ctypes
import errno
import gc
import logging
import os
import re
import stat
import sys
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.core.models import Story

try:  # a compiled TOML parser: ~4x faster than the pure-Python tomllib on story files
    import rtoml

    _fast_loads: Callable[[str], dict[str, Any]] | None = rtoml.loads
except ImportError:  # pragma: no cover - rtoml is a dependency; tomllib alone still works
    _fast_loads = None

log = logging.getLogger(__name__)

STORY_SUFFIX = ".toml"
_TOML_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True)
class Problem:
    """Something wrong with one story file."""

    path: Path
    location: str  # a field path such as "updates[1].date", or "line 12"
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.location}: {self.message}"


@dataclass(frozen=True)
class LoadResult:
    stories: tuple[Story, ...]
    problems: tuple[Problem, ...]
    files: Mapping[Path, Story] = field(default_factory=dict)  # which file each story came from


def _field_path(loc: Iterable[object]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(file)"


def _describe(error: Mapping[str, object]) -> str:
    kind = error.get("type")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a known field (typo?)"
    message = str(error.get("msg", "is invalid"))
    return message.removeprefix("Value error, ")


def _toml_error_line(exc: tomllib.TOMLDecodeError, raw: str) -> int | None:
    """The line of a TOML syntax error. Only Python 3.14+ sets ``lineno``; before, it is in the text."""
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return int(lineno)
    found = _TOML_AT_LINE.search(str(exc))
    if found:
        return int(found.group(1))
    if "(at end of document)" in str(exc):
        return max(1, raw.count("\n") + (0 if raw.endswith("\n") else 1))
    return None


def _loads(raw: str) -> dict[str, Any]:
    """Parse TOML with the fast parser; anything it rejects goes to tomllib, which decides and words
    the error (with its line number) exactly as before."""
    if _fast_loads is not None:
        try:
            return _fast_loads(raw)
        except Exception:  # any refusal: let tomllib judge the file
            pass
    return tomllib.loads(raw)


@contextmanager
def bulk_loading() -> Iterator[None]:
    """Pause the cyclic garbage collector while thousands of story objects are created.

    Story objects hold no reference cycles, yet every few hundred allocations the collector would
    walk all of them again: a third of the load time at 10k stories. When the block ends it is
    re-enabled (if it was on), after one full collection if the block left many new objects: they
    are all still in the youngest generation, and left there the next collection, during some
    question, would walk them all at once (~130 ms at 10k stories). The survivors are then frozen
    (``gc.freeze``) so later collections skip them too; the next large load unfreezes and collects
    first, so a catalog it replaced is not kept. The process's first large load (nothing frozen yet)
    freezes without collecting: no catalog before it can be garbage now, the load makes no cycles,
    and the collection would only walk the new catalog (~0.15 s at 10k stories, more than the
    few objects it could free are worth). A small reload skips all this (a full collection walks
    the whole process). Reference counting frees stories as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_count()[0] >= _COLLECT_AFTER:
                # Collect once (what was frozen before too: an earlier catalog may be garbage now), then
                # freeze the survivors: the collector never walks the catalog again, so no question
                # pays for a full collection over thousands of stories.
                if gc.get_freeze_count():
                    gc.unfreeze()
                    gc.collect()
                gc.freeze()
            gc.enable()
        _release_free_memory()


_COLLECT_AFTER = 20_000  # new container objects (a story makes ~20)


def _release_free_memory() -> None:
    """Give the C allocator's free pages back to the system after a bulk load (glibc only).

    Loading creates and drops one large temporary per file (file text, parsed tables, stories)
    between the records that stay; glibc keeps the freed gaps mapped, ~30 MB after 100k stories.
    """
    if _malloc_trim is not None:
        _malloc_trim(0)


def _find_malloc_trim() -> Callable[[int], int] | None:
    if sys.platform != "linux":
        return None
    try:
        libc = ctypes.CDLL(None)
        return libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None


_malloc_trim = _find_malloc_trim()


def _not_a_story_file(path: Path) -> str | None:
    """Why ``path`` cannot be a story file (a link loop, a dangling link, a directory, a pipe ...),
    or None for a regular file (directly or through a symbolic link). Checked before reading: a named
    pipe would block the read forever, and a loop or dangling link must be named, not crash a scan."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link loop (it never reaches a file); remove or fix the link"
        if os.path.islink(path):
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            return f"is a dangling symbolic link (its target {target!r} does not exist)"
        return f"cannot be read: {exc.strerror or exc}"
    return None if stat.S_ISREG(mode) else _not_regular(mode)


def _not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory, not a story file (story files are TOML files)"
    kind = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"is {kind}, not a regular file"


def _story_bytes(path_of: Callable[[], Path], name: str | Path, dir_fd: int | None = None) -> bytes | str:
    """The file's bytes, or why it cannot be a story file (see ``_not_a_story_file``).

    Opened first and checked on the open file (one system call fewer than a stat before the open,
    ~1 s over a cold start of 100k files); non-blocking, so a named pipe opens without waiting for
    a writer and is then refused like any file that is not a regular one. ``name`` is the file's
    path, or its name in the open folder ``dir_fd``; ``path_of`` gives its path if it has a problem."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK, dir_fd=dir_fd)
    except OSError as exc:
        return _not_a_story_file(path_of()) or f"cannot be read: {exc.strerror or exc}"
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return _not_regular(status.st_mode)
        parts = [os.read(fd, status.st_size + 1)]
        while parts[-1]:  # a file that grew since the fstat is read to its end
            parts.append(os.read(fd, 65536))
        return b"".join(parts)
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    finally:
        os.close(fd)


def parse_story_file(path: Path) -> Story | list[Problem]:
    """Parse and validate one file: a Story, or the list of everything wrong with it."""
    return _parsed(_story_bytes(lambda: path, path), lambda: path)


class StoryFolder:
    """A folder whose files are parsed one after another by name (a load's chunk of files): opened
    once, and each file read relative to it, with no Path made unless a file has a problem to name
    (a Path and the whole-path look-up were ~6 us a file). A context manager; closes the folder."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._fd: int | None = None
        if os.open in os.supports_dir_fd:
            try:
                self._fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            except OSError:  # gone or unreadable: each file then reports it by its own path
                self._fd = None

    def parse(self, name: str) -> Story | list[Problem]:
        """What ``parse_story_file(directory / name)`` gives."""
        if self._fd is None:
            return parse_story_file(self.directory / name)
        directory = self.directory

        def path_of() -> Path:
            return directory / name

        return _parsed(_story_bytes(path_of, name, self._fd), path_of)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> StoryFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _parsed(content: bytes | str, path_of: Callable[[], Path]) -> Story | list[Problem]:
    """A file's story from its bytes (or why it could not be read); ``path_of`` names the file in
    its problems."""
    if isinstance(content, str):
        return [Problem(path_of(), "(file)", content)]
    try:
        raw = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [Problem(path_of(), "(file)", f"is not UTF-8 text ({exc.reason} at byte {exc.start})")]
    try:
        data = _loads(raw)
    except tomllib.TOMLDecodeError as exc:
        lineno = _toml_error_line(exc, raw)
        line = f"line {lineno}" if lineno else "(syntax)"
        message = getattr(exc, "msg", str(exc))
        return [Problem(path_of(), line, f"TOML syntax error: {message}")]
    try:
        return Story.model_validate(data)
    except ValidationError as exc:
        path = path_of()
        return [Problem(path, _field_path(err["loc"]), _describe(err)) for err in exc.errors()]


def story_entries(directory: Path) -> list[Path]:
    """Every entry a story file could be, in a stable order; hidden and underscore-prefixed files are
    drafts.

    Chosen by name alone: an entry named ``*.toml`` that is no regular file (a directory, a dangling
    link, a link loop, a pipe) is listed too, so that reading it reports it by name
    (:func:`parse_story_file`) instead of skipping it silently or crashing the scan on a loop.
    """
    return [directory / name for name in story_entry_names(directory)]


def story_entry_names(directory: Path) -> list[str]:
    """The names of :func:`story_entries`, sorted: for a scan of 100k files, where a Path per entry
    (~350 bytes each) was ~35 MB held at once."""
    # os.scandir and a sort on names (one directory, so Path order is name order), without a
    # Python-level Path comparison per sort step, and without a stat per entry.
    with os.scandir(directory) as entries:
        return sorted(
            entry.name
            for entry in entries
            if entry.name.endswith(STORY_SUFFIX) and not entry.name.startswith((".", "_"))
        )


def story_files(directory: Path) -> list[Path]:
    """The entries of :func:`story_entries` that are regular files (directly or through a link): the
    files a writer may open. Loops, dangling links, directories and pipes are left out, never raised."""
    return [path for path in story_entries(directory) if _not_a_story_file(path) is None]


def duplicate_id(path: Path, story_id: str, owners: Mapping[str, Path]) -> Problem | None:
    """A problem when another file (``owners``: id -> file) already uses this story's id."""
    owner = owners.get(story_id)
    if owner is None or owner == path:
        return None
    return Problem(path, "id", f"'{story_id}' is already used by {owner.name}")


def load_stories(directory: Path) -> LoadResult:
    """Load every story file in ``directory``; problems are collected, never raised."""
    directory = Path(directory)
    if not directory.is_dir():
        problem = Problem(directory, "(directory)", "does not exist or is not a directory")
        return LoadResult((), (problem,))
    problems: list[Problem] = []
    by_id: dict[str, Path] = {}
    files: dict[Path, Story] = {}
    with bulk_loading():
        for path in story_entries(directory):
            parsed = parse_story_file(path)
            if isinstance(parsed, list):
                problems.extend(parsed)
                continue
            clash = duplicate_id(path, parsed.id, by_id)
            if clash is not None:
                problems.append(clash)
                continue
            by_id[parsed.id] = path
            files[path] = parsed
    for problem in problems:
        log.warning("story file problem: %s", problem)
    return LoadResult(tuple(files.values()), tuple(problems), files)
