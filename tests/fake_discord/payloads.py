"""Builders for the JSON objects Discord sends: messages and interactions.

Field sets follow what discord.py 2.7 reads; a missing required field raises inside discord.py's
gateway parser and ends ``client.start()``, so builders fill everything in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import discord

from .models import DM, FakeChannel, FakeGuild, FakeMember, FakeUser

MESSAGE_DEFAULT, MESSAGE_REPLY, MESSAGE_CHAT_INPUT = 0, 19, 20
EPHEMERAL, LOADING = 1 << 6, 1 << 7
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
# Roughly what Discord reports as app permissions in a DM with the bot.
DM_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
    add_reactions=True,
    use_external_emojis=True,
).value

_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def iter_components(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every component in a tree of action rows, containers, sections and labels."""
    for component in components:
        yield component
        yield from iter_components(component.get("components") or [])
        for key in ("accessory", "component"):
            child = component.get(key)
            if isinstance(child, dict):
                yield from iter_components([child])


def number_components(components: list[dict[str, Any]]) -> None:
    """Discord gives every component a numeric ``id`` in the messages it returns."""
    used = {c["id"] for c in iter_components(components) if isinstance(c.get("id"), int)}
    next_id = 1
    for component in iter_components(components):
        if not isinstance(component.get("id"), int):
            while next_id in used:
                next_id += 1
            component["id"] = next_id
            used.add(next_id)


def pinged(
    content: str,
    allowed_mentions: dict[str, Any] | None,
    *,
    reply_author_id: int | None = None,
) -> tuple[list[int], list[int], bool]:
    """Users, roles and @everyone a message would notify, honouring ``allowed_mentions``.

    With no ``allowed_mentions`` Discord parses everything and pings the replied-to author.
    """
    if allowed_mentions is None:
        parse, users, roles, replied = {"users", "roles", "everyone"}, set(), set(), True
    else:
        parse = set(allowed_mentions.get("parse") or [])
        users = {int(u) for u in allowed_mentions.get("users") or []}
        roles = {int(r) for r in allowed_mentions.get("roles") or []}
        replied = bool(allowed_mentions.get("replied_user", False))
    user_ids = [int(m) for m in _USER_MENTION.findall(content or "")]
    user_ids = list(dict.fromkeys(u for u in user_ids if "users" in parse or u in users))
    if reply_author_id is not None and replied and reply_author_id not in user_ids:
        user_ids.append(reply_author_id)
    role_ids = [int(r) for r in _ROLE_MENTION.findall(content or "")]
    role_ids = list(dict.fromkeys(r for r in role_ids if "roles" in parse or r in roles))
    everyone = "everyone" in parse and ("@everyone" in (content or "") or "@here" in (content or ""))
    return user_ids, role_ids, everyone


def message_payload(
    *,
    id: int,
    channel: FakeChannel,
    author: FakeUser,
    content: str = "",
    embeds: list[dict[str, Any]] | None = None,
    components: list[dict[str, Any]] | None = None,
    attachments: list[dict[str, Any]] | None = None,
    flags: int = 0,
    type: int = MESSAGE_DEFAULT,
    mentions: list[dict[str, Any]] | None = None,
    mention_roles: list[int] | None = None,
    mention_everyone: bool = False,
    message_reference: dict[str, Any] | None = None,
    referenced_message: dict[str, Any] | None = None,
    webhook_id: int | None = None,
    application_id: int | None = None,
    interaction_metadata: dict[str, Any] | None = None,
    tts: bool = False,
    nonce: str | int | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(id),
        "channel_id": str(channel.id),
        "type": type,
        "content": content,
        "author": author.payload(),
        "embeds": list(embeds or []),
        "components": list(components or []),
        "attachments": list(attachments or []),
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": tts,
        "mention_everyone": mention_everyone,
        "mentions": list(mentions or []),
        "mention_roles": [str(r) for r in mention_roles or []],
        "pinned": False,
        "flags": flags,
        "reactions": [],
        "sticker_items": [],
    }
    if channel.guild_id is not None:
        data["guild_id"] = str(channel.guild_id)
    if nonce is not None:
        data["nonce"] = nonce
    if message_reference:
        data["message_reference"] = message_reference
        data["referenced_message"] = referenced_message
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
    if application_id is not None:
        data["application_id"] = str(application_id)
    if interaction_metadata is not None:
        data["interaction_metadata"] = interaction_metadata
    return data


def mention_payloads(user_ids: list[int], lookup: dict[int, FakeUser], guild: FakeGuild | None) -> list[dict]:
    """The ``mentions`` array of a gateway message: users, with a partial ``member`` in guilds."""
    out = []
    for uid in user_ids:
        user = lookup.get(uid) or FakeUser(uid, f"user{uid}")
        data = user.payload()
        member = guild.member(uid) if guild else None
        if member is not None:
            data["member"] = member.payload(with_user=False)
        out.append(data)
    return out


def interaction_payload(
    *,
    id: int,
    application_id: int,
    type: int,
    token: str,
    data: dict[str, Any] | None,
    guild: FakeGuild | None,
    channel: FakeChannel,
    user: FakeUser,
    bot_id: int,
    message: dict[str, Any] | None = None,
    locale: str = "en-US",
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": str(id),
        "application_id": str(application_id),
        "type": type,
        "token": token,
        "version": 1,
        "channel_id": str(channel.id),
        "channel": channel.payload(),
        "locale": locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if data is not None:
        payload["data"] = data
    if message is not None:
        payload["message"] = message
    if guild is not None and channel.type != DM:
        member = guild.member(user.id) or FakeMember(user)
        user_perms = guild.permissions_for(user.id, channel)
        payload.update(
            guild_id=str(guild.id),
            guild={"id": str(guild.id), "locale": guild.preferred_locale, "features": []},
            guild_locale=guild.preferred_locale,
            member=member.payload(permissions=user_perms),
            app_permissions=str(guild.permissions_for(bot_id, channel)),
            authorizing_integration_owners={"0": str(guild.id)},
            context=0,
        )
        payload["channel"]["permissions"] = str(user_perms)
    else:
        payload.update(
            user=user.payload(),
            app_permissions=str(DM_PERMISSIONS),
            authorizing_integration_owners={"0": "0"},
            context=1,
        )
    return payload
