"""Story files written by the review: an update appended, or a new story, each written atomically.

An accepted update is appended with tomlkit, a round-trip TOML library, so the rest of the file -
comments, layout, quoting - stays byte-for-byte as its author wrote it; the file is never
regenerated. Every write goes to a temporary file in the same folder, is validated with the very
parser the library uses, and replaces the story with one ``os.replace`` (atomic on POSIX and
Windows), so the running bot never reads half a file.

A person may edit the file by hand while an editor accepts a proposal. The file's bytes are read
once, the update is applied to them, and just before the rename the file is read again: if it
changed, the update is applied again to the new text (nothing of the hand edit is lost). A hand edit
that leaves the file broken is refused with the parser's words rather than written over.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

from bot.core.loader import parse_story_file, story_files
from bot.core.models import SLUG, Story

__all__ = [
    "NewSource",
    "NewUpdate",
    "StoryFileError",
    "append_update",
    "find_story_file",
    "write_new_story",
]

_ATTEMPTS = 3  # a file edited by hand three times during one accept is refused, not chased forever
# One writer per file inside this process; across processes the re-read before the rename decides.
_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


class StoryFileError(Exception):
    """The story file could not be written; the message says why in words an editor can act on."""


@dataclass(frozen=True)
class NewSource:
    """One outlet's report behind an update."""

    publisher: str
    url: str | None
    published: dt.datetime | None

    def table(self) -> dict[str, Any]:
        out: dict[str, Any] = {"publisher": self.publisher}
        if self.url:
            out["url"] = self.url
        if self.published is not None:
            out["published"] = self.published.astimezone(dt.UTC).replace(microsecond=0)
        return out


@dataclass(frozen=True)
class NewUpdate:
    date: dt.date
    headline: str
    text: str
    added: dt.datetime
    sources: tuple[NewSource, ...]
    date_is: str = "reported"  # a feed item's date is the day it was reported

    def table(self) -> Table:
        table = tomlkit.table()
        table.add("date", self.date)
        table.add("date_is", self.date_is)
        table.add("headline", self.headline)
        table.add("text", self.text)
        table.add("added", self.added.astimezone(dt.UTC).replace(microsecond=0))
        sources = tomlkit.array()
        for source in self.sources:
            inline = tomlkit.inline_table()
            inline.update(source.table())
            sources.append(inline)
        table.add("sources", sources)
        table.add(tomlkit.nl())  # a blank line before whatever followed the last update
        return table


def _lock(path: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(path.resolve(), threading.Lock())


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_story_file(directory: Path, story_id: str) -> Path | None:
    """The file holding ``story_id``: ``<id>.toml`` by convention, else whichever file declares it."""
    if not SLUG.match(story_id):
        return None
    conventional = directory / f"{story_id}.toml"
    if conventional.is_file() and _declares(conventional, story_id):
        return conventional
    for path in story_files(directory):
        if path != conventional and _declares(path, story_id):
            return path
    return None


def _declares(path: Path, story_id: str) -> bool:
    try:
        return bool(tomlkit.parse(path.read_text(encoding="utf-8")).get("id") == story_id)
    except Exception:  # a broken file holds no story we could write to
        return False


def _with_update(raw: str, update: NewUpdate) -> str:
    doc = tomlkit.parse(raw)
    updates = doc.get("updates")
    if not isinstance(updates, AoT):
        raise StoryFileError("the file has no [[updates]] to append to")
    # Only the update is added: its own sources credit the outlets (see Story.credit), so the
    # story's [[sources]] and everything else stay exactly as written.
    updates.append(update.table())
    return tomlkit.dumps(doc)


def _validated_temp(directory: Path, name: str, text: str) -> Path:
    """Write ``text`` to a temporary file beside the story and check it parses as a story."""
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    path = Path(temp)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        parsed = parse_story_file(path)
        if isinstance(parsed, list):
            raise StoryFileError(
                f"{name} would not be a valid story: "
                + "; ".join(f"{p.location}: {p.message}" for p in parsed)
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def append_update(
    path: Path, update: NewUpdate, *, before_replace: Callable[[], None] | None = None
) -> Story:
    """Append ``update`` to the story file at ``path``; the story as written.

    ``before_replace`` runs between the validation and the final check (tests use it to edit the
    file by hand at the worst moment).
    """
    with _lock(path):
        for _ in range(_ATTEMPTS):
            try:
                original = path.read_bytes()
            except OSError as exc:
                raise StoryFileError(f"{path.name} cannot be read: {exc.strerror or exc}") from exc
            temp = _validated_temp(path.parent, path.name, _with_update(original.decode("utf-8"), update))
            try:
                if before_replace is not None:
                    before_replace()
                    before_replace = None
                if _digest(path.read_bytes()) != _digest(original):
                    continue  # edited by hand meanwhile: apply the update again to the new text
                os.replace(temp, path)
            finally:
                temp.unlink(missing_ok=True)
            story = parse_story_file(path)
            assert isinstance(story, Story)  # it was validated as the temporary file
            return story
    raise StoryFileError(f"{path.name} kept changing while the update was written; try again")


def write_new_story(directory: Path, story: dict[str, Any], header: Sequence[str] = ()) -> Path:
    """Write a new story file ``<id>.toml``; refuses an id or file that already exists."""
    story_id = str(story["id"])
    if not SLUG.match(story_id):
        raise StoryFileError(f"“{story_id}” is not a story id: use a lower-case slug like 'storm-elin'")
    if find_story_file(directory, story_id) is not None:
        raise StoryFileError(f"a story with the id “{story_id}” already exists")
    path = directory / f"{story_id}.toml"
    doc = tomlkit.document()
    for line in header:
        doc.add(tomlkit.comment(line))
    for key, value in story.items():
        if key in ("updates", "sources"):
            continue
        doc.add(key, value)
    for key in ("updates", "sources"):
        aot = tomlkit.aot()
        for entry in story[key]:
            aot.append(entry if isinstance(entry, Table) else _table(entry))
        doc.add(key, aot)
    with _lock(path):
        temp = _validated_temp(directory, path.name, tomlkit.dumps(doc))
        try:
            # link + unlink rather than replace: a file of that name made meanwhile is never overwritten.
            os.link(temp, path)
        except FileExistsError as exc:
            raise StoryFileError(f"{path.name} already exists") from exc
        finally:
            temp.unlink(missing_ok=True)
    return path


def _table(values: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for key, value in values.items():
        table.add(key, value)
    return table
