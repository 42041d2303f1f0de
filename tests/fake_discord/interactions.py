# Waiting helpers take timeout= on purpose: that is the API tests asked for.
# ruff: noqa: ASYNC109
"""Interactions sent to the bot (slash commands, autocomplete, clicks, modals, messages) and their handles."""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .models import (
    DM,
    FakeChannel,
    FakeGuild,
    FakeRole,
    FakeUser,
    new_snowflake,
)
from .payloads import (
    interaction_payload,
    iter_components,
    mention_payloads,
)
from .records import (
    APP_COMMAND,
    AUTOCOMPLETE,
    COMPONENT,
    MESSAGE_CONTENT_INTENT,
    MODAL_SUBMIT,
    RecordedRequest,
)

if TYPE_CHECKING:
    from .server import FakeDiscord


class InteractionHandle:
    """An interaction the fake dispatched, with what the bot answered to it.

    ``sent_at``/``callback_at`` are ``time.perf_counter()`` values (frame sent / callback received).
    """

    def __init__(self, fake: FakeDiscord, payload: dict[str, Any], guild: FakeGuild | None) -> None:
        self._fake = fake
        self.payload = payload
        self.guild = guild
        self.id = int(payload["id"])
        self.token: str = payload["token"]
        self.type: int = payload["type"]
        self.user_id = int((payload.get("member") or {}).get("user", payload.get("user", {})).get("id"))
        self.channel_id = int(payload["channel_id"])
        self.sent_at: float = 0.0
        self.callback_at: float | None = None
        self.callback: dict[str, Any] | None = None  # the accepted callback body {type, data}
        self.callback_requests: list[RecordedRequest] = []
        self.original_message_id: int | None = None
        self.followup_ids: list[int] = []
        self.edits: list[RecordedRequest] = []
        self._loading_replaced = False

    def __repr__(self) -> str:
        return f"<InteractionHandle id={self.id} type={self.type} callback={self.callback_type}>"

    @property
    def callback_type(self) -> int | None:
        return None if self.callback is None else self.callback.get("type")

    @property
    def latency(self) -> float | None:
        """Seconds from dispatch to the bot's callback, None while unanswered."""
        return None if self.callback_at is None else self.callback_at - self.sent_at

    @property
    def original_message(self) -> dict[str, Any] | None:
        mid = self.original_message_id
        return None if mid is None else self._fake.messages.get(mid)

    @property
    def followups(self) -> list[dict[str, Any]]:
        return [self._fake.messages[m] for m in self.followup_ids if m in self._fake.messages]

    async def response(self, timeout: float = 5.0) -> dict[str, Any]:
        """The accepted callback body (``{"type": N, "data": {...}}``); waits for it.

        Raises AssertionError if the bot's callback was refused (too late, invalid, acknowledged twice).
        """
        await self._fake.wait_until(
            lambda: self.callback is not None or any(r.status for r in self.callback_requests),
            timeout,
            f"a callback to {self!r}",
        )
        if self.callback is None:
            refused = self.callback_requests[0]
            raise AssertionError(f"callback to {self!r} refused: {refused.status} {refused.response}")
        return self.callback

    async def choices(self, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Autocomplete choices the bot answered with."""
        body = await self.response(timeout)
        assert body["type"] == 8, f"expected an autocomplete result (type 8), got {body}"
        return list(body.get("data", {}).get("choices", []))

    async def modal(self, timeout: float = 5.0) -> dict[str, Any]:
        """The modal the bot opened (callback type 9 data)."""
        body = await self.response(timeout)
        assert body["type"] == 9, f"expected a modal (type 9), got {body}"
        return body["data"]

    async def followup(self, index: int = 0, timeout: float = 5.0) -> dict[str, Any]:
        """The ``index``-th follow-up message (its current state)."""
        await self._fake.wait_until(
            lambda: len(self.followup_ids) > index, timeout, f"follow-up #{index} to {self!r}"
        )
        return self._fake.messages[self.followup_ids[index]]

    async def original_edit(self, count: int = 1, timeout: float = 5.0) -> dict[str, Any]:
        """Wait until the original response was edited ``count`` times; returns the message now."""
        await self._fake.wait_until(
            lambda: len(self.edits) >= count, timeout, f"{count} edit(s) of the original of {self!r}"
        )
        message = self.original_message
        assert message is not None
        return message


class Interactions:
    """What a user does that reaches the bot as an interaction or a message."""

    # ------------------------------------------------------------------ interactions sent to the bot

    def _where(
        self, guild: FakeGuild | int | None, channel: FakeChannel | int | str | None
    ) -> tuple[FakeGuild | None, FakeChannel]:
        """Resolve a (guild, channel) pair; channel may be a FakeChannel, an id or a name in ``guild``."""
        if isinstance(channel, FakeChannel):
            if channel.type == DM:
                return None, channel
            return self.find_guild(channel.guild_id or 0) or self.guild, channel
        if isinstance(channel, int):
            found = self.find_channel(channel)
            if found is None:
                raise KeyError(f"no channel {channel} in the fake")
            return found
        g = self.find_guild(guild) if isinstance(guild, int) else guild
        g = g or self.guild
        if channel is not None:
            return g, g.channel(channel)
        if g.system_channel_id:
            return g, g.channel(g.system_channel_id)
        return g, next(c for c in g.channels if c.type in (0, 5))

    async def _send_interaction(
        self,
        type: int,
        data: dict[str, Any] | None,
        *,
        user: FakeUser,
        guild: FakeGuild | None,
        channel: FakeChannel,
        message: dict[str, Any] | None = None,
        locale: str = "en-US",
    ) -> InteractionHandle:
        payload = interaction_payload(
            id=new_snowflake(),
            application_id=self.application_id,
            type=type,
            token="fake." + secrets.token_urlsafe(24),
            data=data,
            guild=guild,
            channel=channel,
            user=user,
            bot_id=self.bot_user.id,
            message=message,
            locale=locale,
        )
        handle = InteractionHandle(self, payload, guild)
        self.interactions[handle.id] = handle
        gid = guild.id if guild else None
        await self.wait_for_session(gid)
        handle.sent_at = time.perf_counter()
        for session in self._live_sessions(gid):
            await session.dispatch("INTERACTION_CREATE", payload)
        return handle

    def _command_data(
        self,
        name: str,
        options: Mapping[str, Any] | list[dict[str, Any]] | None,
        guild: FakeGuild | None,
        channel: FakeChannel,
        *,
        focused: str | None = None,
    ) -> dict[str, Any]:
        path = name.split()
        schema = self.registered_command(path[0], guild.id if guild else None)
        data: dict[str, Any] = {
            "id": schema["id"] if schema else str(new_snowflake()),
            "name": path[0],
            "type": 1,
        }
        if schema and schema.get("guild_id"):
            data["guild_id"] = schema["guild_id"]
        resolved: dict[str, dict[str, Any]] = {}
        node_schema = schema.get("options", []) if schema else []
        leaf: list[dict[str, Any]]
        if isinstance(options, list):
            leaf = options
        else:
            leaf = []
            for key, value in (options or {}).items():
                opt_schema = next(
                    (o for o in node_schema_for(node_schema, path[1:]) if o["name"] == key), None
                )
                leaf.append(self._option(key, value, opt_schema, guild, channel, resolved, focused == key))
        # Wrap the leaf options in subcommand group / subcommand layers.
        wrapped = leaf
        for depth in range(len(path) - 1, 0, -1):
            kind = 1 if depth == len(path) - 1 else 2
            wrapped = [{"name": path[depth], "type": kind, "options": wrapped}]
        data["options"] = wrapped
        if resolved:
            data["resolved"] = resolved
        return data

    def _option(
        self,
        name: str,
        value: Any,
        schema: dict[str, Any] | None,
        guild: FakeGuild | None,
        channel: FakeChannel,
        resolved: dict[str, dict[str, Any]],
        focused: bool,
    ) -> dict[str, Any]:
        if schema is not None:
            kind = schema["type"]
        elif isinstance(value, bool):
            kind = 5
        elif isinstance(value, int):
            kind = 4
        elif isinstance(value, float):
            kind = 10
        elif isinstance(value, FakeUser):
            kind = 6
        elif isinstance(value, FakeChannel):
            kind = 7
        elif isinstance(value, FakeRole):
            kind = 8
        else:
            kind = 3
        option: dict[str, Any] = {"name": name, "type": kind}
        if focused:
            # Autocomplete sends what the user typed so far, always as a string.
            option.update(value=str(value), focused=True)
            return option
        if kind in (6, 9) and isinstance(value, FakeUser):
            resolved.setdefault("users", {})[str(value.id)] = value.payload()
            member = guild.member(value.id) if guild else None
            if member:
                perms = guild.permissions_for(value.id, channel) if guild else 0
                resolved.setdefault("members", {})[str(value.id)] = member.payload(
                    with_user=False, permissions=perms
                )
            value = str(value.id)
        elif kind == 7 and isinstance(value, FakeChannel):
            data = value.payload()
            data["permissions"] = str(guild.permissions_for(self.bot_user.id, value) if guild else 0)
            resolved.setdefault("channels", {})[str(value.id)] = data
            value = str(value.id)
        elif kind in (8, 9) and isinstance(value, FakeRole):
            resolved.setdefault("roles", {})[str(value.id)] = value.payload()
            value = str(value.id)
        option["value"] = value
        return option

    async def slash_command(
        self,
        name: str,
        options: Mapping[str, Any] | list[dict[str, Any]] | None = None,
        *,
        subcommand: str | None = None,
        user: FakeUser | None = None,
        guild: FakeGuild | int | None = None,
        channel: FakeChannel | int | str | None = None,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """A user runs ``/name [group] [subcommand]`` (``name`` may contain the spaces itself).

        ``options`` maps option names to values; FakeUser/FakeChannel/FakeRole values become resolved
        objects. Types come from the registered schema when the bot has synced it.
        """
        user = user or self.user
        g, ch = self._where(guild, channel)
        full = f"{name} {subcommand}" if subcommand else name
        data = self._command_data(full, options, g, ch)
        return await self._send_interaction(APP_COMMAND, data, user=user, guild=g, channel=ch, locale=locale)

    async def autocomplete(
        self,
        name: str,
        options: Mapping[str, Any],
        *,
        focused: str | None = None,
        subcommand: str | None = None,
        user: FakeUser | None = None,
        guild: FakeGuild | int | None = None,
        channel: FakeChannel | int | str | None = None,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """The user is typing in option ``focused`` (default: the last option given)."""
        user = user or self.user
        g, ch = self._where(guild, channel)
        full = f"{name} {subcommand}" if subcommand else name
        focused = focused or list(options)[-1]
        data = self._command_data(full, options, g, ch, focused=focused)
        return await self._send_interaction(AUTOCOMPLETE, data, user=user, guild=g, channel=ch, locale=locale)

    async def click(
        self,
        message: dict[str, Any] | int,
        custom_id: str,
        *,
        user: FakeUser | None = None,
        values: list[str] | None = None,
        component_type: int | None = None,
    ) -> InteractionHandle:
        """A user clicks a button (or picks ``values`` in a select) of a message the bot sent."""
        mid = int(message if isinstance(message, int) else message["id"])
        current = self.messages.get(mid)
        assert current is not None, f"message {mid} is unknown to the fake (deleted?)"
        component = next(
            (c for c in iter_components(current["components"]) if c.get("custom_id") == custom_id), None
        )
        if component is None and component_type is None:
            raise ValueError(f"message {mid} has no component with custom_id {custom_id!r}")
        if component is not None and component.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled; a user cannot use it")
        kind = component_type or component["type"]  # type: ignore[index]
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": kind}
        if kind != 2:
            data["values"] = list(values or [])
        found = self.find_channel(int(current["channel_id"]))
        assert found is not None
        guild, channel = found
        return await self._send_interaction(
            COMPONENT, data, user=user or self.user, guild=guild, channel=channel, message=current
        )

    def _last_modal(self, custom_id: str) -> tuple[InteractionHandle, dict[str, Any]] | None:
        for handle in reversed(list(self.interactions.values())):
            body = handle.callback or {}
            if body.get("type") == 9 and body.get("data", {}).get("custom_id") == custom_id:
                return handle, body["data"]
        return None

    async def submit_modal(
        self,
        custom_id: str,
        values: Mapping[str, str | list[str]],
        *,
        user: FakeUser | None = None,
        guild: FakeGuild | int | None = None,
        channel: FakeChannel | int | str | None = None,
        message: dict[str, Any] | None = None,
    ) -> InteractionHandle:
        """Submit the modal ``custom_id`` with ``{input_custom_id: value}`` (lists for selects).

        The submission mirrors the layout of the modal the bot opened (action rows or labels) and
        comes from the same user and channel, unless given.
        """
        opened = self._last_modal(custom_id)
        if opened:
            source, modal = opened
            user = user or self.find_user(source.user_id)
            if channel is None and guild is None:
                found = self.find_channel(source.channel_id)
                if found:
                    guild, channel = found
            components = [_submitted(c, values) for c in modal.get("components", [])]
        else:
            components = [
                {"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}
                for k, v in values.items()
            ]
        user = user or self.user
        g, ch = self._where(guild, channel)
        data = {"custom_id": custom_id, "components": components}
        return await self._send_interaction(
            MODAL_SUBMIT, data, user=user, guild=g, channel=ch, message=message
        )

    async def send_message(
        self,
        channel: FakeChannel | int | str | None,
        content: str,
        *,
        author: FakeUser | None = None,
        mentions: list[FakeUser] | None = None,
        reply_to: dict[str, Any] | int | None = None,
        reply_ping: bool = True,
    ) -> dict[str, Any]:
        """A user posts a message (MESSAGE_CREATE). Returns the full message as stored.

        Like Discord, the bot receives ``content`` only if it has the message-content intent, the message
        is a DM, or the bot is mentioned (``<@bot>`` in content, ``mentions=[fake.bot_user]``, or a reply
        to the bot with ``reply_ping``). Without the guild/DM messages intent nothing is delivered.
        """
        author = author or self.user
        g, ch = self._where(None, channel)
        payload: dict[str, Any] = {"content": content}
        mention_ids = [u.id for u in mentions or []]
        if reply_to is not None:
            payload["message_reference"] = {
                "message_id": str(reply_to if isinstance(reply_to, int) else reply_to["id"])
            }
            payload["allowed_mentions"] = {
                "parse": ["users", "roles", "everyone"],
                "replied_user": reply_ping,
            }
        msg = self._new_message_from_user(ch, g, payload, author, mention_ids)
        gid = g.id if g else None
        await self.wait_for_session(gid)
        for session in self._live_sessions(gid):
            if not self._wants(session, "MESSAGE_CREATE", msg):
                continue
            data = dict(msg)
            bot_mentioned = any(m["id"] == str(self.bot_user.id) for m in msg["mentions"])
            if not (session.intents & MESSAGE_CONTENT_INTENT or g is None or bot_mentioned):
                data.update(content="", embeds=[], attachments=[], components=[])
            await session.dispatch("MESSAGE_CREATE", data)
        return msg

    def _new_message_from_user(
        self,
        channel: FakeChannel,
        guild: FakeGuild | None,
        payload: dict[str, Any],
        author: FakeUser,
        extra_mentions: list[int],
    ) -> dict[str, Any]:
        saved = self.echo_bot_messages
        self.echo_bot_messages = False  # the caller delivers it with the content rules applied
        try:
            msg = self._new_message(channel, guild, payload, [], author=author)
        finally:
            self.echo_bot_messages = saved
        known = {m["id"] for m in msg["mentions"]}
        users = self._users_by_id()
        msg["mentions"] += mention_payloads([u for u in extra_mentions if str(u) not in known], users, guild)
        if guild is not None:
            member = guild.member(author.id)
            if member is not None:
                msg["member"] = member.payload(with_user=False)
        return msg


def node_schema_for(options: list[dict[str, Any]], path: list[str]) -> list[dict[str, Any]]:
    """Descend a command schema along subcommand group/subcommand names."""
    for name in path:
        node = next((o for o in options if o.get("name") == name and o.get("type") in (1, 2)), None)
        if node is None:
            return []
        options = node.get("options") or []
    return options


def _submitted(component: dict[str, Any], values: Mapping[str, str | list[str]]) -> dict[str, Any]:
    """Turn a component of the modal the bot sent into what Discord submits for it."""
    kind = component.get("type")
    if kind == 1:
        return {"type": 1, "components": [_submitted(c, values) for c in component.get("components", [])]}
    if kind == 18:
        out = {"type": 18, "component": _submitted(component["component"], values)}
        if "id" in component:
            out["id"] = component["id"]
        return out
    out = {"type": kind}
    if "id" in component:
        out["id"] = component["id"]
    custom_id = component.get("custom_id")
    if custom_id is None:
        return out
    out["custom_id"] = custom_id
    value = values.get(custom_id, component.get("value", ""))
    if kind == 4:
        out["value"] = value if isinstance(value, str) else ",".join(value)
    else:
        out["values"] = [value] if isinstance(value, str) else list(value)
    return out
