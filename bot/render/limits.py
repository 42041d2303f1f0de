"""Discord's size limits, and fitting outgoing payloads inside them.

discord.py sends oversized payloads as they are and Discord answers 400, so every payload the bot
builds goes through ``fit_message`` (which shortens visibly, with "…") and tests check
``message_problems`` finds nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core.text import truncate

CONTENT = 2000
EMBEDS_PER_MESSAGE = 10
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR_NAME = 256
EMBEDS_TOTAL = 6000
ACTION_ROWS = 5
BUTTONS_PER_ROW = 5
CUSTOM_ID = 100
BUTTON_LABEL = 80
SELECT_OPTIONS = 25
SELECT_PLACEHOLDER = 150
OPTION_LABEL = 100
OPTION_VALUE = 100
MODAL_TITLE = 45
TEXT_INPUT_LABEL = 45
TEXT_INPUT_VALUE = 4000
CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
COMMAND_DESCRIPTION = 100


def embed_length(embed: Mapping[str, Any]) -> int:
    """Characters counted towards the 6000 limit (as discord.py's ``len(embed)``)."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += sum(len(f.get("name") or "") + len(f.get("value") or "") for f in embed.get("fields") or ())
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    return total


def _text_slots(embed: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """(container, key) of every non-empty text counted by ``embed_length``, for shortening in place."""
    slots = [(embed, key) for key in ("title", "description") if embed.get(key)]
    for part in ("footer", "author"):
        if (embed.get(part) or {}).get("text" if part == "footer" else "name"):
            slots.append((embed[part], "text" if part == "footer" else "name"))
    for field in embed.get("fields") or ():
        slots += [(field, key) for key in ("name", "value") if field.get(key)]
    return slots


def _shrink(slots: list[tuple[dict[str, Any], str]], budget: int) -> None:
    """Shorten the longest text first, repeatedly, until the texts total at most ``budget``.

    Every counted text takes part (titles and footers too), so no single part is emptied while
    another stays long.
    """
    total = sum(len(holder[key]) for holder, key in slots)
    while total > budget and slots:
        holder, key = max(slots, key=lambda slot: len(slot[0][slot[1]]))
        current = holder[key]
        if len(current) <= 1:
            break  # even the longest text is down to "…": nothing left to shorten
        shorter = truncate(current, max(1, len(current) - (total - budget)))
        holder[key] = shorter
        total -= len(current) - len(shorter)


def fit_embed(embed: dict[str, Any], budget: int = EMBEDS_TOTAL) -> dict[str, Any]:
    """Shorten an embed to Discord's limits and to ``budget`` characters overall."""
    out = dict(embed)
    for part in ("footer", "author"):
        if out.get(part):
            out[part] = dict(out[part])  # shortened in place below: never touch the caller's dicts
    if out.get("title"):
        out["title"] = truncate(out["title"], EMBED_TITLE)
    if out.get("description"):
        out["description"] = truncate(out["description"], EMBED_DESCRIPTION)
    fields = [
        {
            **f,
            "name": truncate(f["name"] or "\u200b", FIELD_NAME),
            "value": truncate(f["value"] or "\u200b", FIELD_VALUE),
        }
        for f in out.get("fields") or ()
    ]
    if len(fields) > EMBED_FIELDS:
        dropped = len(fields) - (EMBED_FIELDS - 1)
        fields = [*fields[: EMBED_FIELDS - 1], {"name": "…", "value": f"and {dropped} more", "inline": False}]
    if fields:
        out["fields"] = fields
    if out.get("footer"):
        out["footer"] = {**out["footer"], "text": truncate(out["footer"]["text"], FOOTER)}
    _shrink(_text_slots(out), budget)
    return out


def fit_message(payload: dict[str, Any]) -> dict[str, Any]:
    out = dict(payload)
    if out.get("content"):
        out["content"] = truncate(out["content"], CONTENT)
    embeds = list(out.get("embeds") or ())[:EMBEDS_PER_MESSAGE]
    if embeds:
        # Each embed within its own limits, then all of them together within the message's total.
        fitted = [fit_embed(embed) for embed in embeds]
        _shrink([slot for embed in fitted for slot in _text_slots(embed)], EMBEDS_TOTAL)
        out["embeds"] = fitted
    if "components" in out:
        out["components"] = list(out["components"])[:ACTION_ROWS]
    return out


def message_problems(payload: Mapping[str, Any]) -> list[str]:
    """Every limit the payload breaks (empty when Discord would accept it)."""
    problems: list[str] = []

    def check(what: str, value: str | None, limit: int) -> None:
        if value is not None and len(value) > limit:
            problems.append(f"{what} is {len(value)} characters (limit {limit})")

    check("content", payload.get("content"), CONTENT)
    embeds = payload.get("embeds") or []
    if len(embeds) > EMBEDS_PER_MESSAGE:
        problems.append(f"{len(embeds)} embeds (limit {EMBEDS_PER_MESSAGE})")
    for n, embed in enumerate(embeds):
        check(f"embed {n} title", embed.get("title"), EMBED_TITLE)
        check(f"embed {n} description", embed.get("description"), EMBED_DESCRIPTION)
        fields = embed.get("fields") or []
        if len(fields) > EMBED_FIELDS:
            problems.append(f"embed {n} has {len(fields)} fields (limit {EMBED_FIELDS})")
        for m, f in enumerate(fields):
            check(f"embed {n} field {m} name", f.get("name"), FIELD_NAME)
            check(f"embed {n} field {m} value", f.get("value"), FIELD_VALUE)
            if not f.get("name") or not f.get("value"):
                problems.append(f"embed {n} field {m} is empty")
        check(f"embed {n} footer", (embed.get("footer") or {}).get("text"), FOOTER)
    total = sum(embed_length(e) for e in embeds)
    if total > EMBEDS_TOTAL:
        problems.append(f"embeds total {total} characters (limit {EMBEDS_TOTAL})")
    rows = payload.get("components") or []
    if len(rows) > ACTION_ROWS:
        problems.append(f"{len(rows)} action rows (limit {ACTION_ROWS})")
    for r, row in enumerate(rows):
        items = row.get("components") or []
        if not 1 <= len(items) <= BUTTONS_PER_ROW:
            problems.append(f"row {r} has {len(items)} components (1 to {BUTTONS_PER_ROW})")
        if any(i.get("type") == 3 for i in items) and len(items) != 1:
            problems.append(f"row {r} mixes a select with other components")
        for item in items:
            custom_id = item.get("custom_id")
            if custom_id is not None and not 1 <= len(custom_id) <= CUSTOM_ID:
                problems.append(f"custom_id {custom_id!r} is not 1 to {CUSTOM_ID} characters")
            check(f"row {r} label", item.get("label"), BUTTON_LABEL)
            options = item.get("options") or []
            if len(options) > SELECT_OPTIONS:
                problems.append(f"select has {len(options)} options (limit {SELECT_OPTIONS})")
            for o in options:
                check("option label", o.get("label"), OPTION_LABEL)
                check("option value", o.get("value"), OPTION_VALUE)
    return problems
