"""Discord payloads: dates as timestamps, inert user text, no pings, stable custom ids."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from bot.core.desk import NewsDesk
from bot.core.replies import Action, Button, Card, Picker, Reply, date_token, user_text
from bot.render.discord_payload import (
    EPHEMERAL_FLAG,
    PICKER_ID,
    custom_id,
    discord_date,
    inert,
    message_payload,
    parse_custom_id,
)
from bot.render.limits import message_problems

LIVE_MENTION = re.compile(r"@(everyone|here)\b|<@[!&]?\d+>|<#\d+>")


def test_discord_date_is_a_day_timestamp() -> None:
    assert discord_date(dt.date(2025, 10, 10)) == "<t:1760097600:D>"


@pytest.mark.parametrize("day", [dt.date(2024, 2, 29), dt.date(2024, 12, 13), dt.date(1999, 12, 31)])
def test_discord_date_keeps_the_calendar_day(day: dt.date) -> None:
    seconds = int(re.fullmatch(r"<t:(\d+):D>", discord_date(day)).group(1))
    for offset in range(-11, 12):  # readers from UTC-11 to UTC+11 see the same day
        zone = dt.timezone(dt.timedelta(hours=offset))
        assert dt.datetime.fromtimestamp(seconds, zone).date() == day


def test_date_tokens_become_timestamps_everywhere_but_titles() -> None:
    day = dt.date(2024, 12, 13)
    reply = Reply(
        content=f"Brief {date_token(day)}",
        cards=(
            Card(
                title=f"T {date_token(day)}", description=date_token(day), fields=(("When", date_token(day)),)
            ),
        ),
    )
    payload = message_payload(reply)
    text = json.dumps(payload, ensure_ascii=False)
    assert text.count("<t:1734091200:D>") == 3
    assert payload["embeds"][0]["title"] == "T 13 Dec 2024"  # Discord shows timestamps in titles raw
    assert "\u2063" not in text and "\u2064" not in text


def test_footer_dates_are_plain_text() -> None:
    # Discord does not render timestamps in footers.
    reply = Reply(cards=(Card(description="d", footer=f"Updated {date_token(dt.date(2025, 1, 2))}"),))
    assert message_payload(reply)["embeds"][0]["footer"]["text"] == "Updated 2025-01-02"


@pytest.mark.parametrize(
    "typed",
    [
        "@everyone",
        "@here please",
        "<@123456789>",
        "<@!123456789>",
        "<@&987654321>",
        "<#55555>",
        "hey @everyone and <@&1> and <@2>",
    ],
)
def test_inert_defuses_mentions(typed: str) -> None:
    assert LIVE_MENTION.search(inert(typed)) is None


def test_inert_escapes_markdown() -> None:
    assert inert("**bold** _it_ `code` ~~s~~ > quote") == r"\*\*bold\*\* \_it\_ \`code\` \~\~s\~\~ \> quote"
    assert inert("[link](https://x.test)") == r"\[link\]\(https://x.test\)"


def test_user_text_in_a_reply_is_inert(desk: NewsDesk) -> None:
    reply = desk.story("@everyone <@&456> <@123> **shout** @here")
    payload = message_payload(reply)
    assert LIVE_MENTION.search(payload["content"]) is None
    assert "**" not in payload["content"]
    assert "\u2064" not in payload["content"]
    assert "everyone" in payload["content"]  # shown, just not live


def test_user_text_cannot_forge_a_date_token() -> None:
    forged = user_text("\u2063d:2025-01-01\u2063")
    payload = message_payload(Reply(content=forged))
    assert "<t:" not in payload["content"]


def _every_reply(desk: NewsDesk) -> list[Reply]:
    return [
        desk.ask("Ternopil"),
        desk.ask("@everyone ping <@&1>"),
        desk.ask(""),
        desk.story("gaza-ceasefire"),
        desk.story("<@123> nothing like this"),
        desk.story_page("gaza-ceasefire", 3),
        desk.timeline("france-government"),
        desk.stories(),
        desk.brief(dt.date(2025, 10, 11)),
        desk.brief(dt.date(2025, 10, 11), ["Nowhere"]),
        desk.help([("/help", "This list.")]),
        desk.follow_up("gone", "x"),
    ]


def test_no_payload_may_ping_anyone(desk: NewsDesk) -> None:
    for reply in _every_reply(desk):
        payload = message_payload(reply)
        assert payload["allowed_mentions"] == {"parse": []}
        assert message_problems(payload) == []
        text = json.dumps(payload, ensure_ascii=False)
        assert "\u2063" not in text and "\u2064" not in text


def test_ephemeral_flag(desk: NewsDesk) -> None:
    assert message_payload(desk.help([("/help", "This list.")]))["flags"] == EPHEMERAL_FLAG
    assert "flags" not in message_payload(desk.stories())


def test_answer_embed(desk: NewsDesk) -> None:
    payload = message_payload(desk.ask("When was the missile attack on Ukraine?"))
    (embed,) = payload["embeds"]
    assert embed["title"] == "Russia's strikes on Ukraine's energy grid"
    assert "Russia launched" in embed["description"]
    assert {"name": "Updated", "value": "<t:1734091200:D>", "inline": True} in embed["fields"]
    buttons = payload["components"][0]["components"]
    assert [b["custom_id"] for b in buttons] == [
        "nb:full:ukraine-energy-grid",
        "nb:timeline:ukraine-energy-grid",
        "nb:followup:ukraine-energy-grid",
    ]
    assert [b["style"] for b in buttons] == [1, 2, 2]


def test_buttons_are_grouped_five_per_row() -> None:
    buttons = tuple(Button(f"b{i}", Action.FULL_STORY, f"s{i}") for i in range(7))
    rows = message_payload(Reply(content="x", buttons=buttons))["components"]
    assert [len(r["components"]) for r in rows] == [5, 2]


def test_picker_is_a_select_in_its_own_row() -> None:
    picker = Picker("Pick…", Action.FOLLOW_UP, tuple((f"Story {i}", f"s{i}") for i in range(30)))
    rows = message_payload(Reply(content="x", picker=picker))["components"]
    (select,) = rows[-1]["components"]
    assert select["type"] == 3
    assert select["custom_id"] == PICKER_ID[Action.FOLLOW_UP] == "nb:pick:followup"
    assert len(select["options"]) == 25


@pytest.mark.parametrize(
    "button",
    [
        Button("Full", Action.FULL_STORY, "gaza-ceasefire"),
        Button("Next", Action.PAGE, "france-government", 3),
        Button("Prev", Action.PAGE, "france-government", 0),
        Button("Ask", Action.FOLLOW_UP, "a" * 60),
        Button("Maybe", Action.SUGGESTION, "x"),
        Button("Timeline", Action.TIMELINE, "ukraine-energy-grid"),
    ],
)
def test_custom_ids_round_trip(button: Button) -> None:
    value = custom_id(button)
    assert len(value) <= 100
    assert parse_custom_id(value) == (button.action, button.story_id, button.page)


@pytest.mark.parametrize(
    "value",
    ["", "nb", "nb:full", "other:full:gaza", "nb:explode:gaza", "nb:page:gaza:two", "nb:page:gaza:1:2"],
)
def test_foreign_custom_ids_are_rejected(value: str) -> None:
    assert parse_custom_id(value) is None
