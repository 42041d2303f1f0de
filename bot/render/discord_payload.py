"""A ``Reply`` as the exact JSON message payload the bot sends to Discord."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.core.replies import Card, Reply, replace_dates, replace_user_text
from bot.render.custom_ids import PICKER_ID, custom_id, parse_custom_id
from bot.render.limits import BUTTONS_PER_ROW, fit_message
from bot.render.text import plain_date

EPHEMERAL_FLAG = 1 << 6
BUTTON_PRIMARY = 1
BUTTON_SECONDARY = 2
_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]()-])")
_MENTION = re.compile(r"@(everyone|here|[!&]?\d+)|<(@[!&]?|#)(\d+)>")

__all__ = ["PICKER_ID", "custom_id", "message_payload", "parse_custom_id"]  # ids: see custom_ids


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


def embed(card: Card) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "rich", "color": card.colour}
    if card.title:
        # Discord shows timestamps in titles as raw "<t:…>" text: dates there stay plain.
        out["title"] = replace_dates(replace_user_text(card.title, inert), plain_date)
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
