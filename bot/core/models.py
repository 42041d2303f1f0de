"""Story records: the validated shape of a file in ``briefs/``."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Record(BaseModel):
    # Unknown keys are almost always typos ("sumary"); rejecting them names the culprit.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Update(_Record):
    """One dated development. A story grows by appending updates."""

    date: dt.date
    headline: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1)


class Fact(_Record):
    """A key fact, optionally tied to the update it comes from."""

    text: str = Field(min_length=1, max_length=400)
    date: dt.date | None = None


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
        publishers = list(dict.fromkeys(s.publisher for s in self.sources))
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
