"""A ``Reply`` as plain terminal text (the console and the command line)."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

from bot.core.replies import Action, Button, Reply, replace_dates, replace_user_text

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_LEADING_SYMBOLS = re.compile(r"^[^\w]+")
WIDTH = 88


def plain_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _text(value: str) -> str:
    return _BOLD.sub(r"\1", replace_dates(replace_user_text(value, str), plain_date))


def _wrap(text: str, prefix: str, continuation: str | None = None) -> list[str]:
    """Wrap to WIDTH; ``continuation`` prefixes wrapped lines, and bullets get a hanging indent."""
    continuation = prefix if continuation is None else continuation
    lines: list[str] = []
    for paragraph in text.split("\n"):
        hang = "  " if paragraph.startswith("• ") else ""
        wrapped = textwrap.wrap(paragraph, WIDTH - len(prefix), subsequent_indent=hang) or [""]
        lines.append(prefix + wrapped[0])
        lines.extend(continuation + line for line in wrapped[1:])
    return lines


def button_hint(button: Button) -> str:
    """The console command that does what the button does in Discord."""
    if button.action in (Action.FULL_STORY, Action.SUGGESTION):
        return f"/story {button.story_id}"
    if button.action is Action.TIMELINE:
        return f"/timeline {button.story_id}"
    if button.action is Action.PAGE:
        return f"/story {button.story_id} {int(button.page or 0) + 1}"
    return f"/followup {button.story_id} <question>"


def _repeats_title(content: str, reply: Reply) -> bool:
    """Discord shows a message's content in notifications, where an embed's title never appears, so
    a reply may carry its card's title twice; a terminal shows both on one screen and needs it once."""
    if not reply.cards or not reply.cards[0].title:
        return False
    return _LEADING_SYMBOLS.sub("", content).strip() == _text(reply.cards[0].title).strip()


def render_text(reply: Reply) -> str:
    lines: list[str] = []
    if reply.content and not _repeats_title(_text(reply.content), reply):
        lines.extend(_wrap(_text(reply.content), ""))
    for card in reply.cards:
        if lines:
            lines.append("")
        if card.title:
            lines.append(f"┌─ {_text(card.title)}")
        if card.description:
            lines.extend(_wrap(_text(card.description), "│ "))
        for name, value in card.fields:
            if "\n" in value or len(value) > 60:
                lines.append(f"│ {_text(name)}")
                lines.extend(_wrap(_text(value), "│   "))
            else:
                lines.extend(_wrap(f"{_text(name)}: {_text(value)}", "│ "))
        if card.footer:
            lines.extend(_wrap(_text(card.footer), "└─ ", "   "))
    hints = [f"[{b.label}] {button_hint(b)}" for b in reply.buttons if not b.disabled]
    if reply.picker is not None:
        hints += [f"[{label}] /followup {value} <question>" for label, value in reply.picker.options]
    one_line = "  " + "   ".join(hints)
    if hints and len(hints) <= 3 and len(one_line) <= WIDTH:
        lines.append(one_line)
    else:
        lines.extend(f"  {h}" for h in hints)
    return "\n".join(lines)
