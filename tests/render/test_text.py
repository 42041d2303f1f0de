"""The terminal renderer: plain dates, no markup tokens, console hints for buttons."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.briefing import end_of
from bot.core.desk import NewsDesk
from bot.core.replies import Action, Button, Card, Reply, date_token, user_text
from bot.render.text import WIDTH, button_hint, plain_date, render_text


def _clean(text: str) -> None:
    assert "\u2063" not in text and "\u2064" not in text
    assert "<t:" not in text
    assert "**" not in text


def test_plain_date() -> None:
    assert plain_date(dt.date(2025, 10, 10)) == "10 Oct 2025"
    assert plain_date(dt.date(2024, 2, 1)) == "1 Feb 2024"


def test_answer_as_text(desk: NewsDesk) -> None:
    text = render_text(desk.ask("How many prime ministers has France gone through?"))
    _clean(text)
    assert "┌─ France's government crisis" in text
    assert "five prime ministers" in text
    assert "Updated: 10 Oct 2025" in text
    assert "/story france-government" in text
    assert "/followup france-government <question>" in text


@pytest.mark.parametrize(
    "make",
    [
        lambda d: d.ask("Ternopil"),
        lambda d: d.ask("nothing about this at all"),
        lambda d: d.story("gaza-ceasefire"),
        lambda d: d.story("@everyone <@1> **nope**"),
        lambda d: d.timeline("gaza-ceasefire"),
        lambda d: d.stories(),
        lambda d: d.brief(
            dt.date(2025, 10, 11), since=dt.date(2025, 1, 1), seen_at=end_of(dt.date(2025, 1, 1))
        ),
        lambda d: d.help([("/ask question", "Ask."), ("/help", "This list.")]),
    ],
)
def test_no_raw_tokens_leak(desk: NewsDesk, make) -> None:
    text = render_text(make(desk))
    assert text.strip()
    _clean(text)
    # Card text is wrapped to the terminal width (the one-line list of button hints is not).
    assert all(len(line) <= WIDTH for line in text.splitlines() if line.startswith("│"))


def test_timeline_dates_are_plain(desk: NewsDesk) -> None:
    text = render_text(desk.timeline("gaza-ceasefire"))
    assert "10 Oct 2025 — Israel approves the Gaza cease-fire deal" in text
    assert "15 Aug 2024 — Hamas skips cease-fire talks" in text


def test_brief_as_text(desk: NewsDesk) -> None:
    text = render_text(
        desk.brief(dt.date(2025, 10, 11), since=dt.date(2025, 1, 1), seen_at=end_of(dt.date(2025, 1, 1)))
    )
    # Discord needs the title in the content (notifications show no embed); a terminal shows it once.
    assert text.startswith("┌─ Daily brief · 11 Oct 2025")
    assert text.count("Daily brief") == 1
    assert "3 new of 4 stories since the last brief (1 Jan 2025)" in text
    assert "no change since 13 Dec 2024" in text


def test_a_late_brief_keeps_its_notice(desk: NewsDesk) -> None:
    text = render_text(desk.brief(dt.date(2025, 10, 11), late=True))
    assert text.startswith("📰 Daily brief · 11 Oct 2025 · posted late")


def test_user_text_is_shown_as_typed(desk: NewsDesk) -> None:
    text = render_text(desk.story("<@123> zzzz"))
    assert "“<@123> zzzz”" in text


def test_page_buttons_become_page_commands() -> None:
    reply = Reply(
        cards=(Card(title="T", description=f"On {date_token(dt.date(2025, 1, 2))}"),),
        buttons=(
            Button("◀ Previous", Action.PAGE, "s", -1, disabled=True),
            Button("Next ▶", Action.PAGE, "s", 1),
        ),
    )
    text = render_text(reply)
    assert "On 2 Jan 2025" in text
    assert "/story s 2" in text
    assert "Previous" not in text  # disabled buttons are not offered


@pytest.mark.parametrize(
    ("button", "hint"),
    [
        (Button("x", Action.FULL_STORY, "a"), "/story a"),
        (Button("x", Action.SUGGESTION, "a"), "/story a"),
        (Button("x", Action.TIMELINE, "a"), "/timeline a"),
        (Button("x", Action.PAGE, "a", 0), "/story a 1"),
        (Button("x", Action.FOLLOW_UP, "a"), "/followup a <question>"),
    ],
)
def test_button_hints(button: Button, hint: str) -> None:
    assert button_hint(button) == hint


def test_many_hints_go_one_per_line() -> None:
    buttons = tuple(Button(f"B{i}", Action.FULL_STORY, f"s{i}") for i in range(5))
    lines = render_text(Reply(content="c", buttons=buttons)).splitlines()
    assert lines[1:] == [f"  [B{i}] /story s{i}" for i in range(5)]


def test_user_text_marks_are_removed() -> None:
    assert render_text(Reply(content="You said " + user_text("hi"))) == "You said hi"
