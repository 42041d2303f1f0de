"""Try the real bot by hand against the fake Discord: ``python -m tests.fake_discord [--port N]``.

Start this, then in another terminal run the bot with the environment it prints. Type here as a
Discord user would: ``/ask ...``, ``/story ...``, ``/stories``, ``/brief [topic]``, ``/help``,
``click CUSTOM_ID`` (a button of the last answer), ``reply TEXT`` (a reply to the last answer),
``@ TEXT`` (a mention of the bot). What the bot sends back is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from tests.fake_discord.server import FakeDiscord

COMMAND_OPTIONS = {"ask": "question", "story": "story", "brief": "topic"}


def show(data: dict[str, Any] | None) -> str:
    if not data:
        return "(nothing)"
    lines = []
    if data.get("content"):
        lines.append(data["content"])
    for embed in data.get("embeds") or ():
        lines.append(f"[embed] {embed.get('title', '')}")
        if embed.get("description"):
            lines.append("  " + embed["description"].replace("\n", "\n  "))
        for field in embed.get("fields") or ():
            lines.append(f"  {field['name']}: {field['value']}")
        if embed.get("footer"):
            lines.append(f"  — {embed['footer']['text']}")
    for row in data.get("components") or ():
        for item in row.get("components") or ():
            lines.append(f"  <{item.get('label') or item.get('placeholder')}> {item.get('custom_id')}")
    if data.get("flags", 0) & 64:
        lines.append("  (only you can see this)")
    return "\n".join(lines)


async def act(fake: FakeDiscord, line: str, last: dict[str, Any]) -> str:
    if line.startswith("/"):
        name, _, rest = line[1:].partition(" ")
        option = COMMAND_OPTIONS.get(name)
        handle = await fake.slash_command(name, {option: rest} if option and rest else {})
        body = await handle.response()
        if body["type"] == 5:  # deferred: wait for the follow-up
            message = await handle.followup(timeout=10)
            last["message"] = message
            return show(message)
        last["message"] = handle.original_message or last.get("message")
        return show(body.get("data"))
    word, _, rest = line.partition(" ")
    if word == "click" and last.get("message"):
        handle = await fake.click(last["message"], rest.strip())
        body = await handle.response()
        if body["type"] == 9:
            return "(a modal opened: " + json.dumps(body["data"]["title"]) + ")"
        return show(body.get("data"))
    if word in ("reply", "@"):
        before = len(fake.bot_messages(fake.channel))
        if word == "reply" and last.get("message"):
            await fake.send_message(fake.channel, rest, reply_to=last["message"])
        else:
            await fake.send_message(fake.channel, f"<@{fake.bot_user.id}> {rest}", mentions=[fake.bot_user])
        await fake.wait_until(lambda: len(fake.bot_messages(fake.channel)) > before, 10, "the bot's reply")
        last["message"] = fake.bot_messages(fake.channel)[-1]
        return show(last["message"])
    return "Commands: /ask Q, /story S, /stories, /brief [T], /help, click ID, reply TEXT, @ TEXT"


async def main(port: int) -> None:
    fake = FakeDiscord(interaction_deadline=None)
    await fake.start(port)
    print(
        f"Fake Discord listening on {fake.api_base} (port {fake.port}). Run the bot in another terminal with:"
    )
    print(
        f"  DISCORD_TOKEN={fake.token} DISCORD_API_BASE={fake.api_base} "
        f"DISCORD_GATEWAY_URL={fake.gateway_url} .venv/bin/python -m bot",
        flush=True,
    )
    loop = asyncio.get_running_loop()
    last: dict[str, Any] = {}
    try:
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                break
            if line.strip():
                try:
                    print(await act(fake, line.strip(), last), flush=True)
                except (AssertionError, TimeoutError, ValueError) as exc:
                    print(f"(no answer: {exc})", flush=True)
    finally:
        await fake.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m tests.fake_discord", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="default: a free port, printed at start")
    asyncio.run(main(parser.parse_args().port))
