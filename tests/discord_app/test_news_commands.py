"""End to end: the production bot, unchanged, against the local fake Discord."""

from __future__ import annotations

import asyncio
import re

from bot.render.limits import message_problems

EPHEMERAL = 64


def custom_ids(data: dict) -> list[str]:
    return [c["custom_id"] for row in data.get("components", []) for c in row["components"]]


async def test_registered_command_schema(running):
    fake = running.fake
    guild = fake.guild.id
    names = (
        {c["name"] for c in fake.registered_commands(guild)} if hasattr(fake, "registered_commands") else None
    )
    ask = fake.registered_command("ask", guild)
    assert ask is not None, names
    option = ask["options"][0]
    assert option["name"] == "question" and option["required"] is True and option["type"] == 3
    assert option["max_length"] == 500
    story = fake.registered_command("story", guild)
    assert story["options"][0]["autocomplete"] is True
    brief = fake.registered_command("brief", guild)
    assert {o["name"] for o in brief["options"]} == {"topic", "private"}
    for name in ("stories", "help"):
        assert fake.registered_command(name, guild) is not None


async def test_help_lists_exactly_the_registered_commands(running):
    fake = running.fake
    registered = {c["name"] for c in fake.commands.get(fake.guild.id, []) if c.get("type", 1) == 1}
    assert {"ask", "story", "stories", "brief", "schedule", "help"} <= registered
    handle = await fake.slash_command("help", {})
    data = (await handle.response())["data"]
    assert data["flags"] & EPHEMERAL
    fields = data["embeds"][0]["fields"]
    listed = {f["name"].split()[0].removeprefix("/") for f in fields}
    assert listed == registered
    schedule = next(f["name"] for f in fields if f["name"].startswith("/schedule"))
    assert schedule == "/schedule set|show|off|test"
    assert "/brief [topic] [private]" in {f["name"] for f in fields}
    assert "/ask question" in {f["name"] for f in fields}


async def test_ask_round_trip(running):
    handle = await running.fake.slash_command("ask", {"question": "who stayed away from the qatar talks?"})
    body = await handle.response()
    assert body["type"] == 4
    data = body["data"]
    embed = data["embeds"][0]
    assert embed["title"] == "Gaza cease-fire talks"
    assert "Hamas" in embed["description"]
    assert any(re.fullmatch(r"<t:\d+:D>", f["value"]) for f in embed["fields"])
    assert "GZERO Media" in embed["footer"]["text"]
    assert custom_ids(data) == [
        "nb:full:gaza-ceasefire",
        "nb:timeline:gaza-ceasefire",
        "nb:followup:gaza-ceasefire",
    ]
    assert data["allowed_mentions"] == {"parse": []}
    assert not data.get("flags", 0) & EPHEMERAL
    assert message_problems(data) == []


async def test_no_match_is_ephemeral_with_suggestions(running):
    handle = await running.fake.slash_command("ask", {"question": "what is the price of bitcoin"})
    data = (await handle.response())["data"]
    assert data["flags"] & EPHEMERAL
    assert "no story" in data["content"]
    assert len(custom_ids(data)) <= 3


async def test_buttons_full_story_timeline_and_follow_up_modal(running):
    fake = running.fake
    handle = await fake.slash_command("ask", {"question": "rare earth export restrictions"})
    await handle.response()
    message = handle.original_message
    assert message is not None

    full = await fake.click(message, "nb:full:china-export-curbs")
    full_data = (await full.response())["data"]
    assert full_data["embeds"][0]["title"] == "China's export curbs on rare earths"
    assert "70%" in full_data["embeds"][0]["description"]

    timeline = await fake.click(message, "nb:timeline:china-export-curbs")
    timeline_data = (await timeline.response())["data"]
    assert timeline_data["flags"] & EPHEMERAL
    assert timeline_data["embeds"][0]["title"].startswith("Timeline:")

    opener = await fake.click(message, "nb:followup:china-export-curbs")
    modal = await opener.modal()
    assert len(modal["title"]) <= 45
    text_input = modal["components"][0]["components"][0]
    submitted = await fake.submit_modal(
        modal["custom_id"], {text_input["custom_id"]: "which industries rely on them?"}
    )
    answer = (await submitted.response())["data"]
    assert answer["embeds"][0]["title"] == "China's export curbs on rare earths"
    assert "semiconductors" in answer["embeds"][0]["description"]


async def test_pagination_edits_the_message(running):
    fake = running.fake
    handle = await fake.slash_command("story", {"story": "gaza-ceasefire"})
    first = (await handle.response())["data"]
    assert "Page 1 of" in first["embeds"][0]["footer"]["text"]
    assert "nb:page:gaza-ceasefire:1" in custom_ids(first)
    turn = await fake.click(handle.original_message, "nb:page:gaza-ceasefire:1")
    body = await turn.response()
    assert body["type"] == 7  # UPDATE_MESSAGE: the same message shows the next page
    assert "Page 2 of" in body["data"]["embeds"][0]["footer"]["text"]
    assert message_problems(body["data"]) == []


async def test_autocomplete_is_fuzzy_and_bounded(running):
    handle = await running.fake.autocomplete("story", {"story": "frnace"}, focused="story")
    choices = await handle.choices()
    assert 1 <= len(choices) <= 25
    assert choices[0]["value"] == "france-government"


async def test_brief_defers_then_follows_up(running):
    handle = await running.fake.slash_command("brief", {"topic": "Trade", "private": True})
    body = await handle.response()
    assert body["type"] == 5  # deferred first
    message = await handle.followup()
    assert "Daily brief" in message["content"]
    (embed,) = message["embeds"]
    assert "China's export curbs" in embed["fields"][0]["value"] and "Gaza" not in str(embed)
    # Nothing in the last day: the months-old Trade story is unchanged, not "new".
    assert [f["name"] for f in embed["fields"]] == ["Unchanged"]


async def test_unknown_topic_gets_a_short_ephemeral_explanation(running):
    handle = await running.fake.slash_command("brief", {"topic": "Sports"})
    data = (await handle.response())["data"]
    assert data["flags"] & EPHEMERAL
    assert "Unknown topic" in data["content"]


async def test_mentions_in_questions_never_ping(running):
    fake = running.fake
    nasty = "@everyone <@&1234> <@5678> **gaza** ceasefire"
    handle = await fake.slash_command("ask", {"question": nasty})
    data = (await handle.response())["data"]
    assert data["allowed_mentions"] == {"parse": []}
    handle = await fake.slash_command("story", {"story": "@everyone @here <@&1234>"})
    data = (await handle.response())["data"]
    assert data["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in data["content"] and "@here" not in data["content"]
    assert "<@&1234>" not in data["content"]


async def test_reply_to_an_answer_is_a_follow_up(running):
    fake = running.fake
    handle = await fake.slash_command("ask", {"question": "French government crisis"})
    await handle.response()
    answer = handle.original_message
    before = len(fake.bot_messages(fake.channel))
    await fake.send_message(fake.channel, "how many have fallen?", reply_to=answer)
    await fake.wait_until(lambda: len(fake.bot_messages(fake.channel)) > before, 5, "a follow-up reply")
    reply = fake.bot_messages(fake.channel)[-1]
    assert reply["embeds"][0]["title"] == "France's government crisis"
    assert "five" in reply["embeds"][0]["description"]


async def test_mention_asks_a_question(running):
    fake = running.fake
    bot_id = fake.bot_user.id
    before = len(fake.bot_messages(fake.channel))
    await fake.send_message(fake.channel, f"<@{bot_id}> what happened in Ternopil?", mentions=[fake.bot_user])
    await fake.wait_until(lambda: len(fake.bot_messages(fake.channel)) > before, 5, "an answer to a mention")
    reply = fake.bot_messages(fake.channel)[-1]
    assert reply["embeds"][0]["title"] == "Russia's strikes on Ukraine's energy grid"


async def test_a_failing_command_apologises_and_the_bot_keeps_running(
    running, discord_error_logs, monkeypatch
):
    discord_error_logs.allow("command ask failed")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(running.app.desk, "ask", broken)
    handle = await running.fake.slash_command("ask", {"question": "gaza"})
    data = (await handle.response())["data"]
    assert data["flags"] & EPHEMERAL and "Sorry" in data["content"]
    monkeypatch.undo()
    handle = await running.fake.slash_command("ask", {"question": "gaza ceasefire"})
    assert (await handle.response())["data"]["embeds"][0]["title"] == "Gaza cease-fire talks"


async def test_story_file_edited_while_running(running, discord_error_logs):
    discord_error_logs.allow("is broken")
    path = running.briefs / "france-government.toml"
    original = path.read_text()
    path.write_text(original.replace("toppled five prime ministers", "toppled five premiers"))
    report = await asyncio.to_thread(running.app.library.reload)
    assert report.changed == ("france-government.toml",)
    handle = await running.fake.slash_command("ask", {"question": "how many premiers has France lost?"})
    data = (await handle.response())["data"]
    assert "five" in data["embeds"][0]["description"]

    path.write_text(original.replace('title = "', "title = 42 #"))  # a broken edit
    report = await asyncio.to_thread(running.app.library.reload)
    assert report.problems and report.problems[0].path.name == "france-government.toml"
    handle = await running.fake.slash_command("story", {"story": "france-government"})
    data = (await handle.response())["data"]
    assert data["embeds"][0]["title"] == "France's government crisis"  # last good version kept


async def test_mention_in_a_thread_on_an_answer_uses_that_story(running):
    fake = running.fake
    handle = await fake.slash_command("ask", {"question": "rare earth export curbs"})
    await handle.response()
    thread = await fake.create_thread(fake.channel, "rare earths", starter=handle.original_message)
    await fake.settle()
    bot_id = fake.bot_user.id
    await fake.send_message(thread, f"<@{bot_id}> which industries depend on them?", mentions=[fake.bot_user])
    await fake.wait_until(lambda: len(fake.bot_messages(thread)) == 1, 5, "an answer in the thread")
    reply = fake.bot_messages(thread)[0]
    assert reply["embeds"][0]["title"] == "China's export curbs on rare earths"
    assert "semiconductors" in reply["embeds"][0]["description"]
