"""A ``Reply`` as the exact JSON message payload the bot sends to Discord."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.core.replies import Action, Button, Card, Reply, replace_dates, replace_user_text
from bot.render.limits import BUTTONS_PER_ROW, fit_message

EPHEMERAL_FLAG = 1 << 6
CUSTOM_ID_PREFIX = "nb"
BUTTON_PRIMARY = 1
BUTTON_SECONDARY = 2
_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]()-])")
_MENTION = re.compile(r"@(everyone|here|[!&]?\d+)|<(@[!&]?|#)(\d+)>")


def discord_date(day: dt.date) -> str:
    """A Discord timestamp every reader sees in their own locale.

    Noon UTC keeps the calendar day the same for readers from UTC-11 to UTC+11.
    """
    noon = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)
    return f"<t:{int(noon.timestamp())}:D>"


def inert(text: str) -> str:
    """User text shown back: no formatting, and nothing that pings."""
    text = _MARKDOWN.sub(r"\\\1", text)
    return _MENTION.sub(lambda m: m.group(0).replace("@", "@\u200b").replace("<", "<\u200b"), text)


def _text(value: str) -> str:
    return replace_dates(replace_user_text(value, inert), discord_date)


def custom_id(button: Button) -> str:
    parts = [CUSTOM_ID_PREFIX, button.action.value, button.story_id]
    if button.page is not None:
        parts.append(str(button.page))
    return ":".join(parts)


def parse_custom_id(value: str) -> tuple[Action, str, int | None] | None:
    """The action, story id and page of one of our custom ids; None for anything else."""
    parts = value.split(":")
    if len(parts) not in (3, 4) or parts[0] != CUSTOM_ID_PREFIX:
        return None
    try:
        action = Action(parts[1])
        page = int(parts[3]) if len(parts) == 4 else None
    except ValueError:
        return None
    return action, parts[2], page


PICKER_ID = {action: f"{CUSTOM_ID_PREFIX}:pick:{action.value}" for action in Action}


def embed(card: Card) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "rich", "color": card.colour}
    if card.title:
        out["title"] = _text(card.title)
    if card.description:
        out["description"] = _text(card.description)
    if card.fields:
        out["fields"] = [{"name": _text(n), "value": _text(v), "inline": len(v) < 40} for n, v in card.fields]
    if card.footer:
        out["footer"] = {"text": replace_dates(replace_user_text(card.footer, str), str)}
    return out


def components(reply: Reply) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    buttons = [
        {
            "type": 2,
            "style": BUTTON_PRIMARY if b.primary else BUTTON_SECONDARY,
            "label": b.label[:80],
            "custom_id": custom_id(b),
            "disabled": b.disabled,
        }
        for b in reply.buttons
    ]
    for start in range(0, len(buttons), BUTTONS_PER_ROW):
        rows.append({"type": 1, "components": buttons[start : start + BUTTONS_PER_ROW]})
    if reply.picker is not None:
        select = {
            "type": 3,
            "custom_id": PICKER_ID[reply.picker.action],
            "placeholder": reply.picker.placeholder[:150],
            "min_values": 1,
            "max_values": 1,
            "options": [{"label": label[:100], "value": value} for label, value in reply.picker.options[:25]],
        }
        rows.append({"type": 1, "components": [select]})
    return rows


def message_payload(reply: Reply) -> dict[str, Any]:
    """The JSON body of a message (or interaction response) for this reply."""
    payload: dict[str, Any] = {
        "content": _text(reply.content) if reply.content else "",
        "embeds": [embed(c) for c in reply.cards],
        "components": components(reply),
        # Nothing the bot says may ping anyone, whatever a story or a user wrote.
        "allowed_mentions": {"parse": []},
    }
    if reply.ephemeral:
        payload["flags"] = EPHEMERAL_FLAG
    return fit_message(payload)
