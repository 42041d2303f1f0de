# Waiting helpers take timeout= on purpose: that is the API tests asked for.
# ruff: noqa: ASYNC109
"""A fake Discord (REST API v10 subset + gateway) on 127.0.0.1 for the real discord.py client.

See README.md beside this file for usage. The fake is strict where Discord is strict (exact
``Content-Type``, payload limits, channel permissions, the 3-second interaction deadline, tokens) so
that a bot passing against it has a fair chance of passing against Discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import re
import secrets
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Self, TypeVar

import discord
from aiohttp import BodyPartReader, WSMsgType, web

from . import validation
from .models import (
    DM,
    EMBED_LINKS,
    PUBLIC_THREAD,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    FakeChannel,
    FakeGuild,
    FakeRole,
    FakeUser,
    World,
    default_world,
    new_snowflake,
)
from .payloads import (
    EPHEMERAL,
    LOADING,
    MESSAGE_CHAT_INPUT,
    MESSAGE_DEFAULT,
    MESSAGE_REPLY,
    interaction_payload,
    iter_components,
    mention_payloads,
    message_payload,
    now_iso,
    number_components,
    pinged,
)
from .ratelimit import RateLimiter

T = TypeVar("T")

API_PREFIX = "/api/v10"
JSON_HEADERS = {"Content-Type": "application/json"}

# Gateway intents that matter to the fake.
GUILD_MEMBERS_INTENT = 1 << 1
PRESENCES_INTENT = 1 << 8
GUILD_MESSAGES_INTENT = 1 << 9
DM_MESSAGES_INTENT = 1 << 12
MESSAGE_CONTENT_INTENT = 1 << 15
PRIVILEGED_INTENTS = GUILD_MEMBERS_INTENT | PRESENCES_INTENT | MESSAGE_CONTENT_INTENT

APP_COMMAND, COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5

_ERROR_MESSAGES = {
    0: "General error",
    10003: "Unknown Channel",
    10004: "Unknown Guild",
    10007: "Unknown Member",
    10008: "Unknown Message",
    10013: "Unknown User",
    10015: "Unknown Webhook",
    10062: "Unknown interaction",
    20028: "The write action you are performing on the channel has hit the write rate limit.",
    40060: "Interaction has already been acknowledged.",
    50001: "Missing Access",
    50007: "Cannot send messages to this user",
    50013: "Missing Permissions",
    50027: "Invalid Webhook Token",
    50035: "Invalid Form Body",
}


class FakeDiscordTimeout(AssertionError):
    """A waiting helper ran out of time (an AssertionError so pytest shows it as a failed check)."""


@functools.lru_cache(maxsize=1024)
def compile_path(pattern: str) -> re.Pattern[str]:
    """``/channels/{id}/messages`` → regex; each ``{name}`` matches one path segment."""
    parts = re.split(r"(\{[^}/]*\})", pattern)
    regex = "".join(
        f"(?P<{p[1:-1]}>[^/]+)"
        if p.startswith("{") and p[1:-1].isidentifier()
        else "[^/]+"
        if p.startswith("{")
        else re.escape(p)
        for p in parts
    )
    return re.compile(f"^{regex}/?$")


def error_body(code: int, message: str | None = None) -> dict[str, Any]:
    return {"message": message or _ERROR_MESSAGES.get(code, "Error"), "code": code}


@dataclass
class UploadedFile:
    field_name: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """One REST request as the fake saw it, plus what it answered."""

    method: str
    path: str  # below the API prefix, e.g. "/channels/1/messages"
    query: dict[str, str]
    json: Any
    headers: dict[str, str]
    files: list[UploadedFile]
    at: float  # time.perf_counter() on arrival
    index: int = -1
    status: int = 0
    response: Any = None
    response_headers: dict[str, str] = field(default_factory=dict)
    route: str | None = None  # the fake's route pattern, None for unknown routes

    def matches(self, method: str, pattern: str | re.Pattern[str]) -> bool:
        if method not in ("*", self.method):
            return False
        regex = pattern if isinstance(pattern, re.Pattern) else compile_path(pattern)
        return bool(regex.match(self.path))


@dataclass
class GatewayFrame:
    """A payload the bot sent on the gateway."""

    op: int
    d: Any
    session_id: str | None
    at: float


@dataclass
class ScriptedResponse:
    """A queued answer for requests matching ``method`` + ``pattern`` (see ``FakeDiscord.fail_next``)."""

    method: str
    pattern: str
    status: int | None  # None: handle normally (after ``delay``)
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    remaining: int | None = 1  # None: until cleared
    served: int = 0

    def __post_init__(self) -> None:
        self._regex = compile_path(self.pattern)

    def applies_to(self, method: str, path: str) -> bool:
        return (
            (self.remaining is None or self.remaining > 0)
            and self.method in ("*", method)
            and bool(self._regex.match(path))
        )


@dataclass
class _Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


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


@dataclass
class _Session:
    id: str
    shard: tuple[int, int]
    intents: int
    seq: int = 0
    frames: list[tuple[int, str]] = field(default_factory=list)
    ws: web.WebSocketResponse | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    resumes: int = 0

    def covers(self, guild_id: int | None) -> bool:
        shard_id, count = self.shard
        return shard_id == 0 if guild_id is None else (guild_id >> 22) % count == shard_id

    async def send_raw(self, frame: str) -> None:
        ws = self.ws
        if ws is None or ws.closed:
            return
        async with self.lock:
            # A dropped connection keeps the frame buffered for RESUME, like Discord.
            with contextlib.suppress(ConnectionError, RuntimeError):
                await ws.send_str(frame)

    async def dispatch(self, event: str, data: Any) -> None:
        self.seq += 1
        frame = json.dumps({"op": 0, "t": event, "s": self.seq, "d": data})
        self.frames.append((self.seq, frame))
        await self.send_raw(frame)


class FakeDiscord:
    """The fake Discord server. Use ``async with FakeDiscord() as fake:`` (or ``start()``/``stop()``).

    The default world (``fake.world``) has the bot, an admin who owns the guild, an ordinary user, one
    guild with the channels ``general`` and ``news``. Pass ``guilds=`` to replace the guilds.
    """

    def __init__(
        self,
        *,
        token: str | None = "test-token",
        world: World | None = None,
        guilds: list[FakeGuild] | None = None,
        shard_count: int = 1,
        global_rate: float | None = None,
        per_channel: tuple[int, float] | None = None,
        privileged_intents: int | discord.Intents = 0,
        interaction_deadline: float | None = 3.0,
        interaction_token_ttl: float = 15 * 60,
        echo_bot_messages: bool = True,
        validate: bool = True,
        enforce_permissions: bool = True,
        heartbeat_interval_ms: int = 41250,
    ) -> None:
        self.token = token
        self.world = world or default_world()
        self.guilds: list[FakeGuild] = guilds if guilds is not None else [self.world.guild]
        self.bot_user: FakeUser = self.world.bot
        self.application_id: int = self.bot_user.id
        for guild in self.guilds:
            self._ensure_bot_member(guild)
        self.shard_count = shard_count
        self.ratelimiter = RateLimiter(global_rate, per_channel)
        self.privileged_intents = (
            privileged_intents.value
            if isinstance(privileged_intents, discord.Intents)
            else privileged_intents
        )
        self.interaction_deadline = interaction_deadline
        self.interaction_token_ttl = interaction_token_ttl
        self.echo_bot_messages = echo_bot_messages
        self.validate = validate
        self.enforce_permissions = enforce_permissions
        self.heartbeat_interval_ms = heartbeat_interval_ms

        self.requests: list[RecordedRequest] = []
        self.unknown_requests: list[RecordedRequest] = []
        self.internal_errors: list[Exception] = []
        self.gateway_received: list[GatewayFrame] = []
        self.messages: dict[int, dict[str, Any]] = {}
        self.attachments: dict[int, bytes] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {}
        self.interactions: dict[int, InteractionHandle] = {}
        self.dm_channels: dict[int, FakeChannel] = {}
        self.closed_dms: set[int] = set()
        self.extra_users: dict[int, FakeUser] = {}
        self.identify_count = 0
        self.resume_count = 0
        self._scripts: list[ScriptedResponse] = []
        self._sessions: dict[str, _Session] = {}
        self._sockets: set[web.WebSocketResponse] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._cond: asyncio.Condition | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._routes = self._build_routes()

    # ------------------------------------------------------------------ lifecycle

    async def start(self, port: int = 0) -> Self:
        """Listen on 127.0.0.1 (``port`` 0: any free port, read back as ``.port``)."""
        self._cond = asyncio.Condition()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/gateway/", self._gateway)
        app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self._get_attachment)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._handle_rest)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for ws in list(self._sockets):
            with contextlib.suppress(Exception):
                await ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # ------------------------------------------------------------------ shortcuts to the default world

    @property
    def guild(self) -> FakeGuild:
        return self.guilds[0]

    @property
    def channel(self) -> FakeChannel:
        """The default text channel (``general`` of the first guild)."""
        g = self.guild
        return g.channel(g.system_channel_id) if g.system_channel_id else g.channels[0]

    @property
    def admin(self) -> FakeUser:
        return self.world.admin

    @property
    def user(self) -> FakeUser:
        return self.world.user

    def find_guild(self, guild_id: int) -> FakeGuild | None:
        return next((g for g in self.guilds if g.id == guild_id), None)

    def find_channel(self, channel_id: int) -> tuple[FakeGuild | None, FakeChannel] | None:
        for g in self.guilds:
            for c in g.channels:
                if c.id == channel_id:
                    return g, c
        dm = next((c for c in self.dm_channels.values() if c.id == channel_id), None)
        return (None, dm) if dm else None

    def find_user(self, user_id: int) -> FakeUser | None:
        if user_id == self.bot_user.id:
            return self.bot_user
        for g in self.guilds:
            m = g.member(user_id)
            if m:
                return m.user
        for u in (self.world.admin, self.world.user, *self.extra_users.values()):
            if u.id == user_id:
                return u
        return None

    def _users_by_id(self) -> dict[int, FakeUser]:
        users = {
            u.id: u for u in (self.bot_user, self.world.admin, self.world.user, *self.extra_users.values())
        }
        for g in self.guilds:
            users.update({m.user.id: m.user for m in g.members})
        return users

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        """The bot's DM channel with ``user`` (created on first use, as POST /users/@me/channels does)."""
        if user.id not in self.dm_channels:
            self.dm_channels[user.id] = FakeChannel(new_snowflake(), "", type=DM, recipients=[user])
        return self.dm_channels[user.id]

    def messages_in(self, channel: FakeChannel | int) -> list[dict[str, Any]]:
        cid = str(channel if isinstance(channel, int) else channel.id)
        return [m for m in self.messages.values() if m["channel_id"] == cid]

    def bot_messages(self, channel: FakeChannel | int | None = None) -> list[dict[str, Any]]:
        """Messages the bot created (channel posts, interaction responses and follow-ups)."""
        pool = self.messages.values() if channel is None else self.messages_in(channel)
        return [m for m in pool if m["author"]["id"] == str(self.bot_user.id)]

    # ------------------------------------------------------------------ waiting and querying

    async def _notify(self) -> None:
        if self._cond is not None:
            async with self._cond:
                self._cond.notify_all()

    async def wait_until(
        self, predicate: Callable[[], T], timeout: float = 5.0, what: str = "a condition"
    ) -> T:
        """Wait until ``predicate()`` is truthy; returns its value.

        Re-checked after every request and gateway frame the fake sees, and every 10 ms so predicates
        on the bot's own state (e.g. its cache after a gateway event) work too.
        """
        assert self._cond is not None, "FakeDiscord is not started"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not (result := predicate()):
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = ", ".join(f"{r.method} {r.path} -> {r.status}" for r in self.requests[-8:])
                raise FakeDiscordTimeout(
                    f"timed out after {timeout}s waiting for {what}; last requests: [{recent}]"
                )
            async with self._cond:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._cond.wait(), min(remaining, 0.01))
        return result

    async def settle(self, delay: float = 0.05) -> None:
        """Give the bot a moment (to show that something does *not* happen)."""
        await asyncio.sleep(delay)

    def mark(self) -> int:
        """Index to pass as ``since=`` so only later requests count."""
        return len(self.requests)

    def requests_to(self, method: str, pattern: str, *, since: int = 0) -> list[RecordedRequest]:
        """Recorded requests by method (``"*"`` for any) and path pattern (``{x}`` = one segment)."""
        regex = compile_path(pattern)
        return [r for r in self.requests[since:] if r.matches(method, regex)]

    async def wait_for_request(
        self,
        method: str,
        pattern: str,
        *,
        timeout: float = 5.0,
        since: int = 0,
        predicate: Callable[[RecordedRequest], bool] | None = None,
    ) -> RecordedRequest:
        """The first matching request at index ``since`` or later, waiting for it if needed."""

        def find() -> RecordedRequest | None:
            return next(
                (r for r in self.requests_to(method, pattern, since=since) if not predicate or predicate(r)),
                None,
            )

        return await self.wait_until(find, timeout, f"{method} {pattern}")

    async def wait_for_requests(
        self, method: str, pattern: str, count: int, *, timeout: float = 5.0, since: int = 0
    ) -> list[RecordedRequest]:
        def enough() -> list[RecordedRequest] | None:
            found = self.requests_to(method, pattern, since=since)
            return found if len(found) >= count else None

        return await self.wait_until(enough, timeout, f"{count} x {method} {pattern}")

    def interaction_responses(self, interaction_id: int) -> list[RecordedRequest]:
        """Every callback POST for this interaction (accepted or not)."""
        return self.requests_to("POST", f"/interactions/{interaction_id}/{{token}}/callback")

    @property
    def served_429(self) -> int:
        return sum(1 for r in self.requests if r.status == 429)

    def assert_no_unknown_requests(self) -> None:
        """Fail on requests to routes the fake does not implement, and on the fake's own errors."""
        assert not self.internal_errors, f"fake Discord failed handling requests: {self.internal_errors!r}"
        assert not self.unknown_requests, "unexpected requests: " + ", ".join(
            f"{r.method} {r.path}" for r in self.unknown_requests
        )

    async def wait_for_gateway_op(
        self, op: int, *, count: int = 1, timeout: float = 5.0
    ) -> list[GatewayFrame]:
        def enough() -> list[GatewayFrame] | None:
            found = [f for f in self.gateway_received if f.op == op]
            return found if len(found) >= count else None

        return await self.wait_until(enough, timeout, f"{count} gateway op {op}")

    # ------------------------------------------------------------------ scripted failures

    def fail_next(
        self,
        method: str,
        pattern: str,
        *,
        status: int,
        code: int = 0,
        message: str | None = None,
        times: int | None = 1,
        retry_after: float = 0.05,
        is_global: bool = False,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        delay: float = 0.0,
    ) -> ScriptedResponse:
        """Answer the next ``times`` matching requests (None: all until ``clear_failures()``) with an error.

        429s come with ``Via`` and a JSON ``retry_after`` so discord.py retries; 5xx are retried by
        discord.py after 1 s, 3 s, ... (its own fixed back-off).
        """
        hdrs = dict(headers or {})
        if status == 429:
            body = body or {
                "message": "You are being rate limited.",
                "retry_after": retry_after,
                "global": is_global,
            }
            hdrs.setdefault("Via", "1.1 google")
            hdrs.setdefault("Retry-After", str(max(1, round(retry_after))))
            hdrs.setdefault("X-RateLimit-Scope", "global" if is_global else "user")
            if is_global:
                hdrs.setdefault("X-RateLimit-Global", "true")
        elif body is None:
            if status >= 500:
                body = {"message": f"{status}: Internal Server Error", "code": code}
            else:
                body = error_body(code, message)
        script = ScriptedResponse(method, pattern, status, body, hdrs, delay, times)
        self._scripts.append(script)
        return script

    def delay_next(
        self, method: str, pattern: str, seconds: float, *, times: int | None = 1
    ) -> ScriptedResponse:
        """Hold matching requests for ``seconds`` before handling them normally (slow Discord)."""
        script = ScriptedResponse(method, pattern, None, delay=seconds, remaining=times)
        self._scripts.append(script)
        return script

    def clear_failures(self) -> None:
        self._scripts.clear()

    # ------------------------------------------------------------------ REST plumbing

    def _build_routes(self) -> list[tuple[str, str, re.Pattern[str], Callable[..., Any]]]:
        table: list[tuple[str, str, Callable[..., Any]]] = [
            ("GET", "/users/@me", self._get_me),
            ("GET", "/oauth2/applications/@me", self._get_application),
            ("GET", "/applications/@me", self._get_application),
            ("GET", "/gateway", self._get_gateway),
            ("GET", "/gateway/bot", self._get_gateway_bot),
            ("POST", "/users/@me/channels", self._create_dm),
            ("GET", "/users/{user_id}", self._get_user),
            ("GET", "/applications/{app_id}/commands", self._get_commands),
            ("PUT", "/applications/{app_id}/commands", self._put_commands),
            ("POST", "/applications/{app_id}/commands", self._post_command),
            ("DELETE", "/applications/{app_id}/commands/{command_id}", self._delete_command),
            ("GET", "/applications/{app_id}/guilds/{guild_id}/commands", self._get_commands),
            ("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", self._put_commands),
            ("POST", "/applications/{app_id}/guilds/{guild_id}/commands", self._post_command),
            (
                "DELETE",
                "/applications/{app_id}/guilds/{guild_id}/commands/{command_id}",
                self._delete_command,
            ),
            ("GET", "/guilds/{guild_id}", self._get_guild),
            ("GET", "/guilds/{guild_id}/channels", self._get_guild_channels),
            ("GET", "/guilds/{guild_id}/roles", self._get_guild_roles),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self._get_member),
            ("GET", "/channels/{channel_id}", self._get_channel),
            ("GET", "/channels/{channel_id}/messages", self._list_messages),
            ("POST", "/channels/{channel_id}/messages", self._post_message),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self._get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self._edit_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self._delete_message),
            ("POST", "/channels/{channel_id}/typing", self._typing),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._interaction_callback),
            ("POST", "/webhooks/{app_id}/{token}", self._webhook_execute),
            ("GET", "/webhooks/{app_id}/{token}/messages/{message_id}", self._webhook_get),
            ("PATCH", "/webhooks/{app_id}/{token}/messages/{message_id}", self._webhook_edit),
            ("DELETE", "/webhooks/{app_id}/{token}/messages/{message_id}", self._webhook_delete),
        ]
        return [(m, p, compile_path(p), h) for m, p, h in table]

    @staticmethod
    def _reply(reply: _Reply) -> web.Response:
        headers = dict(reply.headers)
        if reply.status == 204 or reply.body is None:
            return web.Response(status=reply.status, headers=headers)
        # Exactly "application/json": with "; charset=utf-8" discord.py sees a str and fails.
        headers.update(JSON_HEADERS)
        return web.Response(status=reply.status, body=json.dumps(reply.body).encode(), headers=headers)

    async def _read_body(self, request: web.Request) -> tuple[Any, list[UploadedFile]]:
        ctype = request.headers.get("Content-Type", "")
        if ctype.startswith("multipart/"):
            payload: Any = None
            files: list[UploadedFile] = []
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader):
                    continue
                data = await part.read(decode=False)
                if part.name == "payload_json":
                    payload = json.loads(data.decode())
                else:
                    files.append(
                        UploadedFile(
                            part.name or "", part.filename, part.headers.get("Content-Type"), bytes(data)
                        )
                    )
            return payload, files
        raw = await request.read()
        if not raw:
            return None, []
        try:
            return json.loads(raw), []
        except ValueError:
            return raw.decode(errors="replace"), []

    async def _handle_rest(self, request: web.Request) -> web.StreamResponse:
        at = time.perf_counter()
        body, files = await self._read_body(request)
        path = "/" + request.match_info["tail"]
        rec = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            json=body,
            headers=dict(request.headers),
            files=files,
            at=at,
        )
        try:
            reply = await self._answer(rec)
        except Exception as exc:
            # A bug in the fake. Not a 5xx: discord.py would retry it for ~16 s before failing.
            self.internal_errors.append(exc)
            reply = _Reply(400, {"message": f"fake Discord internal error: {exc!r}", "code": 0})
        rec.status, rec.response, rec.response_headers = reply.status, reply.body, dict(reply.headers)
        rec.index = len(self.requests)
        self.requests.append(rec)
        if rec.route is None:
            self.unknown_requests.append(rec)
        await self._notify()
        return self._reply(reply)

    async def _answer(self, rec: RecordedRequest) -> _Reply:
        route = next(
            ((p, rx, h) for m, p, rx, h in self._routes if m == rec.method and rx.match(rec.path)), None
        )
        if route is not None:
            rec.route = route[0]
        interaction_route = rec.path.startswith(("/interactions/", "/webhooks/"))
        # Interaction callbacks and webhooks are authorised by their token, not the bot token.
        if (
            not interaction_route
            and self.token is not None
            and rec.headers.get("Authorization") != f"Bot {self.token}"
        ):
            return _Reply(401, {"message": "401: Unauthorized", "code": 0})
        script = next((s for s in self._scripts if s.applies_to(rec.method, rec.path)), None)
        if script is not None:
            script.served += 1
            if script.remaining is not None:
                script.remaining -= 1
            if script.delay:
                await asyncio.sleep(script.delay)
            if script.status is not None:
                return _Reply(script.status, script.body, dict(script.headers))
        if route is None:
            return _Reply(404, {"message": "404: Not Found", "code": 0})
        verdict = None
        if self.ratelimiter.enabled:
            m = re.match(r"^/channels/(\d+)/messages/?$", rec.path)
            verdict = self.ratelimiter.check(
                exempt_from_global=interaction_route,
                message_channel_id=int(m.group(1)) if m and rec.method == "POST" else None,
            )
            if verdict.refused:
                return _Reply(429, verdict.body, verdict.headers)
        params = route[1].match(rec.path).groupdict()  # type: ignore[union-attr]
        reply: _Reply = await route[2](rec, **params)
        if verdict is not None and 200 <= reply.status < 300:
            reply.headers.update(verdict.headers)
        return reply

    def _spawn(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (exc := task.exception()) is not None:
            self.internal_errors.append(exc)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ REST: identity, gateway, users

    async def _get_me(self, rec: RecordedRequest) -> _Reply:
        data = self.bot_user.payload() | {
            "verified": True,
            "mfa_enabled": False,
            "locale": "en-US",
            "email": None,
        }
        return _Reply(200, data)

    async def _get_application(self, rec: RecordedRequest) -> _Reply:
        return _Reply(
            200,
            {
                "id": str(self.application_id),
                "name": self.bot_user.username,
                "icon": None,
                "description": "",
                "summary": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "owner": self.world.admin.payload(),
                "team": None,
                "flags": 1 << 23,
                "bot": self.bot_user.payload(),
                "redirect_uris": [],
                "interactions_endpoint_url": None,
                "tags": [],
                "approximate_guild_count": len(self.guilds),
            },
        )

    async def _get_gateway(self, rec: RecordedRequest) -> _Reply:
        return _Reply(200, {"url": self.gateway_url})

    async def _get_gateway_bot(self, rec: RecordedRequest) -> _Reply:
        return _Reply(
            200,
            {
                "url": self.gateway_url,
                "shards": self.shard_count,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 1000,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            },
        )

    async def _get_user(self, rec: RecordedRequest, user_id: str) -> _Reply:
        user = self.find_user(int(user_id)) if user_id.isdigit() else None
        return _Reply(200, user.payload()) if user else _Reply(404, error_body(10013))

    async def _create_dm(self, rec: RecordedRequest) -> _Reply:
        uid = int((rec.json or {}).get("recipient_id", 0))
        user = self.find_user(uid) or self.extra_users.setdefault(uid, FakeUser(uid, f"user{uid}"))
        return _Reply(200, self.dm_channel(user).payload())

    # ------------------------------------------------------------------ REST: application commands

    def _stamp_command(
        self, cmd: dict[str, Any], guild_id: int | None, old: dict[str, Any] | None
    ) -> dict[str, Any]:
        out = {
            "type": 1,
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            "name_localizations": None,
            "description_localizations": None,
            **cmd,
        }
        out["id"] = old["id"] if old else str(new_snowflake())
        out["application_id"] = str(self.application_id)
        out["version"] = str(new_snowflake())
        if guild_id is not None:
            out["guild_id"] = str(guild_id)
        return out

    def _command_scope(self, app_id: str, guild_id: str | None) -> tuple[int | None, _Reply | None]:
        if app_id != str(self.application_id):
            return None, _Reply(403, error_body(50001))
        if guild_id is None:
            return None, None
        if not guild_id.isdigit() or self.find_guild(int(guild_id)) is None:
            # Discord refuses guild commands for guilds the application is not in.
            return None, _Reply(403, error_body(50001))
        return int(guild_id), None

    async def _get_commands(self, rec: RecordedRequest, app_id: str, guild_id: str | None = None) -> _Reply:
        scope, err = self._command_scope(app_id, guild_id)
        return err or _Reply(200, self.commands.get(scope, []))

    async def _put_commands(self, rec: RecordedRequest, app_id: str, guild_id: str | None = None) -> _Reply:
        scope, err = self._command_scope(app_id, guild_id)
        if err:
            return err
        payload = rec.json or []
        if self.validate and (problem := validation.check_commands(payload)):
            return _Reply(400, problem)
        old = {(c["name"], c.get("type", 1)): c for c in self.commands.get(scope, [])}
        self.commands[scope] = [
            self._stamp_command(c, scope, old.get((c["name"], c.get("type", 1)))) for c in payload
        ]
        return _Reply(200, self.commands[scope])

    async def _post_command(self, rec: RecordedRequest, app_id: str, guild_id: str | None = None) -> _Reply:
        scope, err = self._command_scope(app_id, guild_id)
        if err:
            return err
        cmd = rec.json or {}
        if self.validate and (problem := validation.check_commands([cmd])):
            return _Reply(400, problem)
        existing = self.commands.setdefault(scope, [])
        old = next(
            (c for c in existing if c["name"] == cmd.get("name") and c["type"] == cmd.get("type", 1)), None
        )
        stamped = self._stamp_command(cmd, scope, old)
        self.commands[scope] = [c for c in existing if c is not old] + [stamped]
        return _Reply(200 if old else 201, stamped)

    async def _delete_command(
        self, rec: RecordedRequest, app_id: str, command_id: str, guild_id: str | None = None
    ) -> _Reply:
        scope, err = self._command_scope(app_id, guild_id)
        if err:
            return err
        before = self.commands.get(scope, [])
        self.commands[scope] = [c for c in before if c["id"] != command_id]
        return _Reply(204) if len(before) != len(self.commands[scope]) else _Reply(404, error_body(10063))

    def registered_command(self, name: str, guild_id: int | None) -> dict[str, Any] | None:
        """The registered schema Discord would use for ``name`` (guild commands win over global)."""
        for scope in (guild_id, None) if guild_id is not None else (None,):
            for cmd in self.commands.get(scope, []):
                if cmd["name"] == name and cmd.get("type", 1) == 1:
                    return cmd
        return None

    # ------------------------------------------------------------------ REST: guilds and channels

    async def _get_guild(self, rec: RecordedRequest, guild_id: str) -> _Reply:
        guild = self.find_guild(int(guild_id)) if guild_id.isdigit() else None
        if guild is None:
            return _Reply(404, error_body(10004))
        data = guild.payload(member_ids=set())
        for key in ("channels", "members", "threads", "voice_states", "presences", "joined_at", "large"):
            data.pop(key, None)
        return _Reply(200, data)

    async def _get_guild_channels(self, rec: RecordedRequest, guild_id: str) -> _Reply:
        guild = self.find_guild(int(guild_id)) if guild_id.isdigit() else None
        return _Reply(200, [c.payload() for c in guild.channels]) if guild else _Reply(404, error_body(10004))

    async def _get_guild_roles(self, rec: RecordedRequest, guild_id: str) -> _Reply:
        guild = self.find_guild(int(guild_id)) if guild_id.isdigit() else None
        return _Reply(200, [r.payload() for r in guild.roles]) if guild else _Reply(404, error_body(10004))

    async def _get_member(self, rec: RecordedRequest, guild_id: str, user_id: str) -> _Reply:
        guild = self.find_guild(int(guild_id)) if guild_id.isdigit() else None
        if guild is None:
            return _Reply(404, error_body(10004))
        member = guild.member(int(user_id)) if user_id.isdigit() else None
        return _Reply(200, member.payload()) if member else _Reply(404, error_body(10007))

    def _resolve_channel(self, channel_id: str) -> tuple[FakeGuild | None, FakeChannel] | None:
        return self.find_channel(int(channel_id)) if channel_id.isdigit() else None

    def _can_see(self, guild: FakeGuild | None, channel: FakeChannel) -> bool:
        if guild is None or not self.enforce_permissions:
            return True
        return bool(guild.permissions_for(self.bot_user.id, channel) & VIEW_CHANNEL)

    async def _get_channel(self, rec: RecordedRequest, channel_id: str) -> _Reply:
        found = self._resolve_channel(channel_id)
        if found is None:
            return _Reply(404, error_body(10003))
        if not self._can_see(*found):
            return _Reply(403, error_body(50001))
        return _Reply(200, found[1].payload())

    async def _typing(self, rec: RecordedRequest, channel_id: str) -> _Reply:
        found = self._resolve_channel(channel_id)
        if found is None:
            return _Reply(404, error_body(10003))
        return _Reply(204) if self._can_see(*found) else _Reply(403, error_body(50001))

    async def _list_messages(self, rec: RecordedRequest, channel_id: str) -> _Reply:
        found = self._resolve_channel(channel_id)
        if found is None:
            return _Reply(404, error_body(10003))
        if not self._can_see(*found):
            return _Reply(403, error_body(50001))
        limit = int(rec.query.get("limit", 50))
        newest_first = sorted(self.messages_in(found[1]), key=lambda m: int(m["id"]), reverse=True)
        return _Reply(200, newest_first[:limit])

    async def _get_message(self, rec: RecordedRequest, channel_id: str, message_id: str) -> _Reply:
        msg = self.messages.get(int(message_id)) if message_id.isdigit() else None
        if msg is None or msg["channel_id"] != channel_id:
            return _Reply(404, error_body(10008))
        return _Reply(200, msg)

    # ------------------------------------------------------------------ messages

    def _attachments_from(
        self,
        channel_id: int,
        payload: dict[str, Any],
        files: list[UploadedFile],
        existing: list[dict[str, Any]],
    ) -> list[dict[str, Any]]:
        by_index = {}
        for i, f in enumerate(files):
            m = re.match(r"files\[(\d+)\]", f.field_name)
            by_index[int(m.group(1)) if m else i] = f
        keep = {a["id"]: a for a in existing}
        out: list[dict[str, Any]] = []
        wanted = payload.get("attachments")
        if wanted is None:
            wanted = [{"id": i} for i in by_index]
            out.extend(existing)
        for item in wanted:
            if str(item.get("id")) in keep:
                out.append(keep[str(item["id"])])
                continue
            upload = by_index.get(int(item.get("id", -1))) if str(item.get("id", "")).isdigit() else None
            if upload is None:
                continue
            aid = new_snowflake()
            filename = item.get("filename") or upload.filename or "file"
            self.attachments[aid] = upload.data
            url = f"http://127.0.0.1:{self.port}/attachments/{channel_id}/{aid}/{filename}"
            out.append(
                {
                    "id": str(aid),
                    "filename": filename,
                    "description": item.get("description"),
                    "content_type": upload.content_type,
                    "size": len(upload.data),
                    "url": url,
                    "proxy_url": url,
                }
            )
        return out

    def _new_message(
        self,
        channel: FakeChannel,
        guild: FakeGuild | None,
        payload: dict[str, Any],
        files: list[UploadedFile],
        *,
        author: FakeUser,
        flags: int = 0,
        type: int = MESSAGE_DEFAULT,
        webhook_id: int | None = None,
        interaction_metadata: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        mid = new_snowflake()
        ref = payload.get("message_reference")
        referenced = None
        reply_author = None
        if ref and ref.get("message_id"):
            referenced = self.messages.get(int(ref["message_id"]))
            reply_author = int(referenced["author"]["id"]) if referenced else None
            type = MESSAGE_REPLY if type == MESSAGE_DEFAULT else type
        content = payload.get("content") or ""
        user_ids, role_ids, everyone = pinged(
            content, payload.get("allowed_mentions"), reply_author_id=reply_author
        )
        components = json.loads(json.dumps(payload.get("components") or []))
        number_components(components)
        msg = message_payload(
            id=mid,
            channel=channel,
            author=author,
            content=content,
            embeds=payload.get("embeds") or [],
            components=components,
            attachments=self._attachments_from(channel.id, payload, files, []),
            flags=flags | (payload.get("flags") or 0),
            type=type,
            mentions=mention_payloads(user_ids, self._users_by_id(), guild),
            mention_roles=role_ids,
            mention_everyone=everyone,
            message_reference=(
                {"type": 0, "message_id": str(ref["message_id"]), "channel_id": str(channel.id)}
                | ({"guild_id": str(guild.id)} if guild else {})
                if ref
                else None
            ),
            referenced_message=referenced,
            webhook_id=webhook_id,
            application_id=self.application_id if webhook_id else None,
            interaction_metadata=interaction_metadata,
            tts=bool(payload.get("tts")),
            nonce=payload.get("nonce"),
        )
        self.messages[mid] = msg
        channel.last_message_id = mid
        if self.echo_bot_messages and not msg["flags"] & EPHEMERAL:
            self._spawn(self._echo("MESSAGE_CREATE", msg, guild))
        return msg

    def _apply_edit(self, msg: dict[str, Any], payload: dict[str, Any], files: list[UploadedFile]) -> None:
        for key in ("content", "embeds"):
            if key in payload:
                msg[key] = payload[key] if payload[key] is not None else ("" if key == "content" else [])
        if "components" in payload:
            components = json.loads(json.dumps(payload["components"] or []))
            number_components(components)
            msg["components"] = components
        if "flags" in payload and payload["flags"] is not None:
            # Only SUPPRESS_EMBEDS can be changed by an edit; ephemeral and the rest stay.
            msg["flags"] = (msg["flags"] & ~4) | (payload["flags"] & 4)
        if "attachments" in payload or files:
            msg["attachments"] = self._attachments_from(
                int(msg["channel_id"]), payload, files, msg["attachments"]
            )
        msg["flags"] &= ~LOADING
        msg["edited_timestamp"] = now_iso()

    async def _echo(self, event: str, msg: dict[str, Any], guild: FakeGuild | None) -> None:
        """Send the bot's own message activity back over the gateway, as Discord does."""
        data = dict(msg)
        if guild is not None:
            member = guild.member(int(msg["author"]["id"]))
            if member is not None:
                data["member"] = member.payload(with_user=False)
        await self._dispatch_if_connected(event, data, guild.id if guild else None)

    def _check_send_permissions(
        self, guild: FakeGuild | None, channel: FakeChannel, payload: dict[str, Any]
    ) -> _Reply | None:
        if guild is None:
            recipient = channel.recipients[0].id if channel.recipients else None
            return _Reply(403, error_body(50007)) if recipient in self.closed_dms else None
        if not self.enforce_permissions:
            return None
        perms = guild.permissions_for(self.bot_user.id, channel)
        if not perms & VIEW_CHANNEL:
            return _Reply(403, error_body(50001))
        if not perms & SEND_MESSAGES:
            return _Reply(403, error_body(50013))
        if payload.get("embeds") and not perms & EMBED_LINKS:
            # Discord refuses embed-only messages without Embed Links; with other content it drops the embeds.
            if not (payload.get("content") or payload.get("components") or payload.get("attachments")):
                return _Reply(403, error_body(50013))
            payload["embeds"] = []
        return None

    async def _post_message(self, rec: RecordedRequest, channel_id: str) -> _Reply:
        found = self._resolve_channel(channel_id)
        if found is None:
            return _Reply(404, error_body(10003))
        guild, channel = found
        payload = dict(rec.json or {})
        if self.validate and (problem := validation.check_message(payload, has_files=bool(rec.files))):
            return _Reply(400, problem)
        if denied := self._check_send_permissions(guild, channel, payload):
            return denied
        msg = self._new_message(channel, guild, payload, rec.files, author=self.bot_user)
        return _Reply(200, msg)

    async def _edit_message(self, rec: RecordedRequest, channel_id: str, message_id: str) -> _Reply:
        msg = self.messages.get(int(message_id)) if message_id.isdigit() else None
        if msg is None or msg["channel_id"] != channel_id:
            return _Reply(404, error_body(10008))
        if msg["author"]["id"] != str(self.bot_user.id):
            return _Reply(403, {"message": "Cannot edit a message authored by another user", "code": 50005})
        payload = rec.json or {}
        if self.validate and (problem := validation.check_message(payload, edit=True)):
            return _Reply(400, problem)
        self._apply_edit(msg, payload, rec.files)
        self._echo_update(msg)
        return _Reply(200, msg)

    def _echo_update(self, msg: dict[str, Any]) -> None:
        if self.echo_bot_messages and not msg["flags"] & EPHEMERAL:
            gid = msg.get("guild_id")
            self._spawn(self._echo("MESSAGE_UPDATE", msg, self.find_guild(int(gid)) if gid else None))

    def _forget_message(self, msg: dict[str, Any]) -> None:
        self.messages.pop(int(msg["id"]), None)
        if self.echo_bot_messages and not msg["flags"] & EPHEMERAL:
            data = {"id": msg["id"], "channel_id": msg["channel_id"]}
            gid = msg.get("guild_id")
            if gid:
                data["guild_id"] = gid
            self._spawn(self._dispatch_if_connected("MESSAGE_DELETE", data, int(gid) if gid else None))

    async def _delete_message(self, rec: RecordedRequest, channel_id: str, message_id: str) -> _Reply:
        msg = self.messages.get(int(message_id)) if message_id.isdigit() else None
        if msg is None or msg["channel_id"] != channel_id:
            return _Reply(404, error_body(10008))
        self._forget_message(msg)
        return _Reply(204)

    async def _get_attachment(self, request: web.Request) -> web.Response:
        data = self.attachments.get(int(request.match_info["attachment_id"]))
        return web.Response(body=data) if data is not None else web.Response(status=404)

    # ------------------------------------------------------------------ interactions: callbacks and webhooks

    async def _interaction_callback(self, rec: RecordedRequest, interaction_id: str, token: str) -> _Reply:
        handle = self.interactions.get(int(interaction_id)) if interaction_id.isdigit() else None
        if handle is None or handle.token != token:
            return _Reply(404, error_body(10062))
        handle.callback_requests.append(rec)
        if handle.callback is not None:
            return _Reply(400, error_body(40060))
        if self.interaction_deadline is not None and rec.at - handle.sent_at > self.interaction_deadline:
            return _Reply(404, error_body(10062))
        body = rec.json or {}
        kind = body.get("type")
        allowed = {
            APP_COMMAND: {4, 5, 9, 10},
            COMPONENT: {4, 5, 6, 7, 9, 10},
            AUTOCOMPLETE: {8},
            MODAL_SUBMIT: {4, 5, 6, 7},
        }[handle.type]
        if kind not in allowed:
            return _Reply(
                400, {"message": "Interaction callback type is invalid for this interaction", "code": 50035}
            )
        if self.validate and (
            problem := validation.check_interaction_callback(body, has_files=bool(rec.files))
        ):
            return _Reply(400, problem)
        handle.callback = body
        handle.callback_at = rec.at
        data = body.get("data") or {}
        found = self.find_channel(handle.channel_id)
        guild, channel = (
            found if found else (None, self.dm_channel(self.find_user(handle.user_id) or self.user))
        )
        interaction_info: dict[str, Any] = {"id": str(handle.id), "type": handle.type}
        result: dict[str, Any] = {"interaction": interaction_info}
        message = None
        if kind in (4, 5):
            flags = (data.get("flags") or 0) & EPHEMERAL
            if kind == 5:
                flags |= LOADING
                data = {"content": ""}
            message = self._new_message(
                channel,
                guild,
                data,
                rec.files,
                author=self.bot_user,
                flags=flags,
                type=MESSAGE_CHAT_INPUT if handle.type == APP_COMMAND else MESSAGE_DEFAULT,
                webhook_id=self.application_id,
                interaction_metadata={
                    "id": str(handle.id),
                    "type": handle.type,
                    "user": (self.find_user(handle.user_id) or self.user).payload(),
                    "authorizing_integration_owners": handle.payload.get(
                        "authorizing_integration_owners", {}
                    ),
                },
            )
            handle.original_message_id = int(message["id"])
            interaction_info.update(
                response_message_id=message["id"],
                response_message_loading=kind == 5,
                response_message_ephemeral=bool(flags & EPHEMERAL),
            )
        elif kind in (6, 7):
            source = handle.payload.get("message")
            handle.original_message_id = int(source["id"]) if source else None
            if kind == 7 and handle.original_message is not None:
                self._apply_edit(handle.original_message, data, rec.files)
                self._echo_update(handle.original_message)
                message = handle.original_message
        if message is not None:
            result["resource"] = {"type": kind, "message": message}
        return _Reply(200, result)

    def _webhook_handle(self, app_id: str, token: str, at: float) -> InteractionHandle | _Reply:
        handle = next((h for h in self.interactions.values() if h.token == token), None)
        if app_id != str(self.application_id) or handle is None:
            return _Reply(404, error_body(10015))
        if at - handle.sent_at > self.interaction_token_ttl:
            return _Reply(401, error_body(50027))
        if handle.callback is None:
            # The interaction webhook exists only once the interaction has been acknowledged.
            return _Reply(404, error_body(10015))
        return handle

    async def _webhook_execute(self, rec: RecordedRequest, app_id: str, token: str) -> _Reply:
        handle = self._webhook_handle(app_id, token, rec.at)
        if isinstance(handle, _Reply):
            return handle
        payload = dict(rec.json or {})
        if self.validate and (problem := validation.check_message(payload, has_files=bool(rec.files))):
            return _Reply(400, problem)
        original = handle.original_message
        if handle.callback_type == 5 and original is not None and not handle._loading_replaced:
            # After a "thinking" defer the first follow-up replaces the loading message.
            handle._loading_replaced = True
            self._apply_edit(original, payload, rec.files)
            self._echo_update(original)
            msg = original
        else:
            found = self.find_channel(handle.channel_id)
            guild, channel = found if found else (None, self.dm_channel(self.user))
            msg = self._new_message(
                channel,
                guild,
                payload,
                rec.files,
                author=self.bot_user,
                flags=(payload.get("flags") or 0) & EPHEMERAL,
                webhook_id=self.application_id,
                type=MESSAGE_CHAT_INPUT if handle.type == APP_COMMAND else MESSAGE_DEFAULT,
            )
        handle.followup_ids.append(int(msg["id"]))
        wait = rec.query.get("wait", "false").lower() in ("1", "true")
        return _Reply(200, msg) if wait else _Reply(204)

    def _webhook_message(self, handle: InteractionHandle, message_id: str) -> dict[str, Any] | None:
        if message_id == "@original":
            return handle.original_message
        if not message_id.isdigit():
            return None
        mid = int(message_id)
        if mid != handle.original_message_id and mid not in handle.followup_ids:
            return None
        return self.messages.get(mid)

    async def _webhook_get(self, rec: RecordedRequest, app_id: str, token: str, message_id: str) -> _Reply:
        handle = self._webhook_handle(app_id, token, rec.at)
        if isinstance(handle, _Reply):
            return handle
        msg = self._webhook_message(handle, message_id)
        return _Reply(200, msg) if msg else _Reply(404, error_body(10008))

    async def _webhook_edit(self, rec: RecordedRequest, app_id: str, token: str, message_id: str) -> _Reply:
        handle = self._webhook_handle(app_id, token, rec.at)
        if isinstance(handle, _Reply):
            return handle
        msg = self._webhook_message(handle, message_id)
        if msg is None:
            return _Reply(404, error_body(10008))
        payload = rec.json or {}
        if self.validate and (problem := validation.check_message(payload, edit=True)):
            return _Reply(400, problem)
        self._apply_edit(msg, payload, rec.files)
        if int(msg["id"]) == handle.original_message_id:
            handle._loading_replaced = True
            handle.edits.append(rec)
        self._echo_update(msg)
        return _Reply(200, msg)

    async def _webhook_delete(self, rec: RecordedRequest, app_id: str, token: str, message_id: str) -> _Reply:
        handle = self._webhook_handle(app_id, token, rec.at)
        if isinstance(handle, _Reply):
            return handle
        msg = self._webhook_message(handle, message_id)
        if msg is None:
            return _Reply(404, error_body(10008))
        self._forget_message(msg)
        return _Reply(204)

    # ------------------------------------------------------------------ gateway

    def _guilds_for_shard(self, shard: tuple[int, int]) -> list[FakeGuild]:
        return [g for g in self.guilds if g.shard_id(shard[1]) == shard[0]]

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        self._sockets.add(ws)
        session: _Session | None = None
        try:
            # Plain TEXT frames: discord.py only inflates BINARY ones, so compress=zlib-stream is moot.
            await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}}))
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                op, d = frame.get("op"), frame.get("d")
                self.gateway_received.append(
                    GatewayFrame(op, d, session.id if session else None, time.perf_counter())
                )
                try:
                    if op == 1:
                        await (session.send_raw if session else ws.send_str)(json.dumps({"op": 11}))
                    elif op == 2:
                        session = await self._identify(ws, d)
                    elif op == 6:
                        session = await self._resume(ws, d)
                    elif op == 8 and session is not None:
                        await self._request_members(session, d)
                except Exception as exc:  # a bug in the fake: keep the connection, report at teardown
                    self.internal_errors.append(exc)
                await self._notify()
        finally:
            self._sockets.discard(ws)
            if session is not None and session.ws is ws:
                session.ws = None
            await self._notify()
        return ws

    async def _identify(self, ws: web.WebSocketResponse, d: dict[str, Any]) -> _Session | None:
        if self.token is not None and d.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        intents = int(d.get("intents", 0))
        if intents & PRIVILEGED_INTENTS & ~self.privileged_intents:
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return None
        shard_id, count = d.get("shard") or [0, 1]
        if not 0 <= shard_id < count:
            await ws.close(code=4010, message=b"Invalid shard.")
            return None
        session = _Session(uuid.uuid4().hex, (shard_id, count), intents, ws=ws)
        self._sessions[session.id] = session
        self.identify_count += 1
        guilds = self._guilds_for_shard(session.shard)
        ready = {
            "v": 10,
            "user": self.bot_user.payload() | {"verified": True, "mfa_enabled": False},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": 1 << 23},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "user_settings": {},
            "geo_ordered_rtc_regions": [],
        }
        if d.get("shard"):
            ready["shard"] = [shard_id, count]
        await session.dispatch("READY", ready)
        for guild in guilds:
            await session.dispatch("GUILD_CREATE", self._guild_create(guild, intents))
        return session

    def _guild_create(self, guild: FakeGuild, intents: int, *, joined: bool = False) -> dict[str, Any]:
        # Without the presences intent Discord sends only the bot's own member in GUILD_CREATE.
        ids = None if intents & PRESENCES_INTENT else {self.bot_user.id}
        data = guild.payload(member_ids=ids)
        if joined:
            # A guild the bot just joined has no "unavailable" key; discord.py then fires on_guild_join
            # instead of on_guild_available.
            del data["unavailable"]
        return data

    async def _resume(self, ws: web.WebSocketResponse, d: dict[str, Any]) -> _Session | None:
        session = self._sessions.get(d.get("session_id", ""))
        if session is None or (self.token is not None and d.get("token") != self.token):
            await ws.send_str(json.dumps({"op": 9, "d": False}))
            return None
        session.ws = ws
        session.resumes += 1
        self.resume_count += 1
        last = int(d.get("seq") or 0)
        for seq, frame in session.frames:
            if seq > last:
                await session.send_raw(frame)
        await session.dispatch("RESUMED", {})
        return session

    async def _request_members(self, session: _Session, d: dict[str, Any]) -> None:
        guild = self.find_guild(int(d.get("guild_id", 0)))
        if guild is None:
            return
        wanted = {int(u) for u in d.get("user_ids") or []}
        query = (d.get("query") or "").lower()
        members = [
            m.payload()
            for m in guild.members
            if (not wanted or m.user.id in wanted) and m.user.username.lower().startswith(query)
        ]
        chunk = {"guild_id": str(guild.id), "members": members, "chunk_index": 0, "chunk_count": 1}
        if d.get("nonce"):
            chunk["nonce"] = d["nonce"]
        await session.dispatch("GUILD_MEMBERS_CHUNK", chunk)

    def _newest_sessions(self) -> list[_Session]:
        """The newest session per shard (older ones belong to a bot that has since re-identified)."""
        newest: dict[tuple[int, int], _Session] = {}
        for s in self._sessions.values():
            newest[s.shard] = s
        return list(newest.values())

    def _live_sessions(self, guild_id: int | None) -> list[_Session]:
        return [s for s in self._newest_sessions() if s.covers(guild_id)]

    async def wait_for_session(self, guild_id: int | None = None, timeout: float = 5.0) -> None:
        """Wait until the bot has identified on the shard for ``guild_id`` (None: shard 0)."""
        await self.wait_until(lambda: bool(self._live_sessions(guild_id)), timeout, "the bot to IDENTIFY")

    async def _dispatch_if_connected(self, event: str, data: dict[str, Any], guild_id: int | None) -> None:
        for session in self._live_sessions(guild_id):
            if self._wants(session, event, data):
                await session.dispatch(event, data)

    @staticmethod
    def _wants(session: _Session, event: str, data: dict[str, Any]) -> bool:
        if event.startswith("MESSAGE_"):
            needed = GUILD_MESSAGES_INTENT if data.get("guild_id") else DM_MESSAGES_INTENT
            return bool(session.intents & needed)
        return True

    async def dispatch(self, event: str, data: dict[str, Any], *, guild_id: int | None = None) -> None:
        """Send a DISPATCH (op 0) to the bot's session for ``guild_id``'s shard (None: shard 0).

        Waits for the bot to have identified. Frames sent while disconnected are replayed on RESUME.
        """
        if guild_id is None and data.get("guild_id"):
            guild_id = int(data["guild_id"])
        await self.wait_for_session(guild_id)
        for session in self._live_sessions(guild_id):
            await session.dispatch(event, data)

    async def drop_gateway(self, code: int = 4000, *, shard_id: int | None = None) -> None:
        """Close the bot's gateway connection(s) with ``code`` (4000: the bot RESUMEs)."""
        for session in self._newest_sessions():
            if (shard_id is None or session.shard[0] == shard_id) and session.ws is not None:
                await session.ws.close(code=code, message=b"fake drop")

    async def send_reconnect(self, *, shard_id: int = 0) -> None:
        """Op 7 RECONNECT: discord.py closes the connection and RESUMEs."""
        for session in self._newest_sessions():
            if session.shard[0] == shard_id:
                await session.send_raw(json.dumps({"op": 7, "d": None}))

    async def invalidate_session(self, *, resumable: bool = False, shard_id: int = 0) -> None:
        """Op 9 INVALID_SESSION; with ``resumable=False`` the bot must IDENTIFY again."""
        for session in self._newest_sessions():
            if session.shard[0] == shard_id and session.ws is not None:
                if not resumable:
                    self._sessions.pop(session.id, None)
                await session.send_raw(json.dumps({"op": 9, "d": resumable}))

    # ------------------------------------------------------------------ world changes pushed to the bot

    def _ensure_bot_member(self, guild: FakeGuild) -> None:
        # The bot is a member of every guild it is in; discord.py needs that member for guild.me.
        if guild.member(self.bot_user.id) is None:
            guild.add_member(self.bot_user)

    async def add_guild(self, guild: FakeGuild) -> None:
        """The bot joins ``guild`` (GUILD_CREATE)."""
        self._ensure_bot_member(guild)
        self.guilds.append(guild)
        for session in self._live_sessions(guild.id):
            await session.dispatch("GUILD_CREATE", self._guild_create(guild, session.intents, joined=True))

    async def create_thread(
        self,
        parent: FakeChannel,
        name: str,
        *,
        starter: dict[str, Any] | None = None,
        owner: FakeUser | None = None,
    ) -> FakeChannel:
        """A public thread in ``parent`` (on ``starter``'s message, whose id it takes, as on Discord)."""
        guild = self.find_guild(parent.guild_id or 0)
        assert guild is not None, "threads live in guild channels"
        thread = guild.add_channel(
            name,
            type=PUBLIC_THREAD,
            id=int(starter["id"]) if starter else None,
            parent_id=parent.id,
            owner_id=(owner or self.user).id,
        )
        await self.dispatch("THREAD_CREATE", thread.payload() | {"newly_created": True}, guild_id=guild.id)
        return thread

    async def remove_guild(self, guild: FakeGuild) -> None:
        """The bot is removed from ``guild`` (GUILD_DELETE without ``unavailable``)."""
        self.guilds = [g for g in self.guilds if g.id != guild.id]
        for session in self._live_sessions(guild.id):
            await session.dispatch("GUILD_DELETE", {"id": str(guild.id)})

    async def update_channel(self, channel: FakeChannel) -> None:
        """Push the channel's current state (e.g. after ``set_overwrite``) as CHANNEL_UPDATE."""
        if self._live_sessions(channel.guild_id):
            await self.dispatch("CHANNEL_UPDATE", channel.payload(), guild_id=channel.guild_id)

    async def delete_channel(self, channel: FakeChannel) -> None:
        guild = self.find_guild(channel.guild_id or 0)
        if guild is not None:
            guild.channels = [c for c in guild.channels if c.id != channel.id]
        if self._live_sessions(channel.guild_id):
            await self.dispatch("CHANNEL_DELETE", channel.payload(), guild_id=channel.guild_id)

    async def update_member(self, guild: FakeGuild, user_id: int) -> None:
        """Push a member's roles (GUILD_MEMBER_UPDATE); Discord sends it for the bot itself regardless of
        the members intent."""
        member = guild.member(user_id)
        assert member is not None, f"no member {user_id} in guild {guild.id}"
        data = member.payload() | {"guild_id": str(guild.id)}
        await self.dispatch("GUILD_MEMBER_UPDATE", data, guild_id=guild.id)

    async def update_role(self, guild: FakeGuild, role: FakeRole) -> None:
        await self.dispatch(
            "GUILD_ROLE_UPDATE", {"guild_id": str(guild.id), "role": role.payload()}, guild_id=guild.id
        )

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
