"""Story records: the validated shape of a file in ``briefs/``."""

from __future__ import annotations

import datetime as dt
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, overload

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.core.packing import pack_plain, unpack_plain

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Record(BaseModel):
    # Unknown keys are almost always typos ("sumary"); rejecting them names the culprit.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# What a record's date means: the day it happened ("event"), the day the source reported it when the
# source gives no date of its own ("reported"), or a day worked out from the source, such as a photo
# caption or a weekday ("inferred"). Answers to "when" say which.
DateMeaning = Literal["event", "reported", "inferred"]


class UpdateSource(_Record):
    """Where an update accepted from a news feed came from: the outlet's item, credited."""

    publisher: str = Field(min_length=1)
    url: str | None = None
    published: dt.datetime | None = None

    @field_validator("url")
    @classmethod
    def _url_is_http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value


class Update(_Record):
    """One dated development. A story grows by appending updates."""

    date: dt.date
    date_is: DateMeaning = "event"
    headline: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1)
    # Set by the editor's review (optional, so hand-written files stay valid): when the update was
    # added, which tells "new since the last brief" apart for two updates on one day.
    added: dt.datetime | None = None
    sources: tuple[UpdateSource, ...] = ()


class Fact(_Record):
    """A key fact, optionally tied to the update it comes from."""

    text: str = Field(min_length=1, max_length=400)
    date: dt.date | None = None
    date_is: DateMeaning = "event"


class Entities(_Record):
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()

    def all(self) -> tuple[str, ...]:
        return self.people + self.places + self.organisations


class Source(_Record):
    publisher: str = Field(min_length=1)
    title: str | None = None
    url: str | None = None
    photo_credits: tuple[str, ...] = ()

    @field_validator("url")
    @classmethod
    def _url_is_http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value


class Story(_Record):
    id: str = Field(min_length=1, max_length=60)  # short enough for Discord custom ids
    title: str = Field(min_length=1, max_length=200)
    topic: str = Field(min_length=1, max_length=60)
    summary: str = Field(min_length=1, max_length=600)
    updates: tuple[Update, ...] = Field(min_length=1)
    facts: tuple[Fact, ...] = ()
    entities: Entities = Entities()
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    sources: tuple[Source, ...] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError("must be a lower-case slug like 'gaza-ceasefire'")
        return value

    @model_validator(mode="after")
    def _updates_in_order(self) -> Story:
        dates = [u.date for u in self.updates]
        if dates != sorted(dates):
            raise ValueError("updates must be listed oldest first (append new ones at the end)")
        return self

    @property
    def latest(self) -> Update:
        return self.updates[-1]

    @property
    def updated(self) -> dt.date:
        return self.latest.date

    @property
    def credit(self) -> str:
        """One line crediting publishers and photographers."""
        # Outlets behind updates accepted from news feeds are credited too.
        publishers = list(
            dict.fromkeys(
                [s.publisher for s in self.sources] + [s.publisher for u in self.updates for s in u.sources]
            )
        )
        photos = list(dict.fromkeys(c for s in self.sources for c in s.photo_credits))
        line = "Source: " + ", ".join(publishers)
        if photos:
            line += " · Photos: " + "; ".join(photos)
        return line

    def searchable_text(self) -> str:
        """All the words a reader might search for, as plain text."""
        parts = [self.title, self.topic, self.summary]
        parts += [f"{u.headline}. {u.text}" for u in self.updates]
        parts += [f.text for f in self.facts]
        parts += list(self.entities.all()) + list(self.aliases) + list(self.keywords)
        return "\n".join(parts)


# --- large catalogs: stories kept compressed ----------------------------------------------------------


def plain_story(story: Story) -> dict[str, Any]:
    """A story as the plain data it was validated from: only the fields that were set, recursively
    (pydantic's own dump, in field order, so equal stories pack to equal bytes)."""
    return story.model_dump(exclude_unset=True)


# A preset dictionary: the field names as a pickled story spells them (a short-string opcode,
# the length, the name, a memo opcode), so a ~1.5 KB record need not carry them itself: ~60 bytes a
# story, 6 MB at 100k. Built from the names, not from pickle at run time, so it is the same bytes
# under any Python; the catalog cache fingerprints this file, so a change rebuilds cached records.
PACK_DICTIONARY = b"".join(
    b"\x8c" + bytes([len(name)]) + name.encode() + b"\x94"
    for name in dict.fromkeys(
        [
            *(
                name
                for model in (Story, Update, UpdateSource, Fact, Entities, Source)
                for name in model.model_fields
            ),
            "event",
            "reported",
            "datetime",
        ]
    )
)


def pack_story(story: Story) -> bytes:
    """A story as a compressed record: about a tenth of the memory of the live objects."""
    return pack_plain(plain_story(story), PACK_DICTIONARY)


def unpack_story(record: bytes) -> Story:
    """The story back from ``pack_story``, validated again: equal to the one packed, set fields included."""
    return Story.model_validate(unpack_plain(record, PACK_DICTIONARY))


class PackedStories(Sequence[Story]):
    """An immutable sequence of stories kept as compressed records, rebuilt when read.

    For catalogs of tens of thousands of stories, where live pydantic objects would take most of the
    process memory (~6 KB a story against ~0.7 KB packed). Reading a story costs ~40 us; the ones
    read lately stay live. While any reference to a story is held, reading it again returns that same
    object, so ``is`` comparisons between stories keep working.
    """

    __slots__ = ("_alive", "_ids", "_lock", "_recent", "_recent_size", "_records")

    def __init__(self, records: Iterable[bytes], recent: int = 256, ids: Sequence[str] | None = None) -> None:
        self._records: tuple[bytes, ...] = tuple(records)
        # The stories' ids, when the caller has them: an index keys its lookups on these very strings
        # rather than on a second copy read from every story (~7 MB at 100k).
        self._ids: tuple[str, ...] | None = None if ids is None else tuple(ids)
        if self._ids is not None and len(self._ids) != len(self._records):
            raise ValueError("one id per record")
        self._alive: weakref.WeakValueDictionary[int, Story] = weakref.WeakValueDictionary()
        self._recent: OrderedDict[int, Story] = OrderedDict()
        self._recent_size = recent
        self._lock = threading.Lock()

    @classmethod
    def of(cls, stories: Iterable[Story]) -> PackedStories:
        return cls(pack_story(story) for story in stories)

    @property
    def records(self) -> tuple[bytes, ...]:
        return self._records

    @property
    def ids(self) -> tuple[str, ...] | None:
        return self._ids

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> Story: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Story, ...]: ...

    def __getitem__(self, index: int | slice) -> Story | tuple[Story, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self._records))))
        if index < 0:
            index += len(self._records)
        if not 0 <= index < len(self._records):
            raise IndexError("story index out of range")
        with self._lock:
            story = self._alive.get(index)
            if story is None:
                story = unpack_story(self._records[index])
                self._alive[index] = story
            self._recent[index] = story
            self._recent.move_to_end(index)
            if len(self._recent) > self._recent_size:
                self._recent.popitem(last=False)
        return story

    def __iter__(self) -> Iterator[Story]:
        for index in range(len(self._records)):
            yield self[index]

    def __repr__(self) -> str:
        return f"<PackedStories: {len(self._records)} stories>"
