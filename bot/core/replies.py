"""What the bot says, independent of where it is shown.

A command produces a ``Reply``; ``bot.render`` turns it into terminal text or a Discord message
payload. Dates inside text are written as ``date_token(d)`` so each renderer can show them its own
way (a Discord timestamp, or plain text in the terminal) while the words stay identical.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

_DATE_TOKEN = re.compile(r"\u2063d:(\d{4}-\d{2}-\d{2})\u2063")
_USER_MARK = "\u2064"
_USER_TEXT = re.compile(_USER_MARK + "(.*?)" + _USER_MARK, re.DOTALL)


def date_token(day: dt.date) -> str:
    # Invisible separators make the token impossible to type by accident in a story file.
    return f"\u2063d:{day.isoformat()}\u2063"


def user_text(text: str) -> str:
    """Mark text a user typed, so renderers can make it inert (no pings, no formatting)."""
    cleaned = text.replace(_USER_MARK, "").replace("\u2063", "")
    return f"{_USER_MARK}{cleaned}{_USER_MARK}"


def replace_user_text(text: str, render: Callable[[str], str]) -> str:
    return _USER_TEXT.sub(lambda m: render(m.group(1)), text)


def replace_dates(text: str, render: Callable[[dt.date], str]) -> str:
    """Replace every date token in ``text`` by ``render(date)``."""
    return _DATE_TOKEN.sub(lambda m: render(dt.date.fromisoformat(m.group(1))), text)


class Action(StrEnum):
    """What a button does. The value is part of the button's stable custom id."""

    FULL_STORY = "full"
    TIMELINE = "timeline"
    FOLLOW_UP = "followup"
    SUGGESTION = "suggest"
    PAGE = "page"


@dataclass(frozen=True)
class Button:
    label: str
    action: Action
    story_id: str
    page: int | None = None
    primary: bool = False
    disabled: bool = False


@dataclass(frozen=True)
class Picker:
    """A drop-down of stories (used when there are too many for buttons)."""

    placeholder: str
    action: Action
    options: tuple[tuple[str, str], ...]  # (label, story id)


@dataclass(frozen=True)
class Card:
    """One block of content: an embed in Discord, a framed section in the terminal."""

    title: str | None = None
    description: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    footer: str | None = None
    date: dt.date | None = None
    colour: int = 0x2B6CB0


@dataclass(frozen=True)
class Reply:
    content: str | None = None
    cards: tuple[Card, ...] = ()
    buttons: tuple[Button, ...] = ()
    picker: Picker | None = None
    ephemeral: bool = False
    story_id: str | None = None  # the story the reply is about, for follow-up context
    meta: dict[str, object] = field(default_factory=dict, compare=False)
