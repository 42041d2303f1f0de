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
from collections.abc import Callable
from typing import Any, Self

import discord
from aiohttp import web

from .callbacks import InteractionCallbacks
from .channels import ChannelRoutes
from .gateway import Gateway, _Session
from .interactions import InteractionHandle, Interactions
from .models import (
    DM,
    FakeChannel,
    FakeGuild,
    FakeUser,
    World,
    default_world,
    new_snowflake,
)
from .ratelimit import RateLimiter
from .records import (
    API_PREFIX,
    FakeDiscordTimeout,
    GatewayFrame,
    RecordedRequest,
    ScriptedResponse,
    T,
    compile_path,
)
from .rest import RestRoutes


class FakeDiscord(RestRoutes, ChannelRoutes, InteractionCallbacks, Gateway, Interactions):
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
        # (author id, nonce) -> (message id, monotonic time): Discord's enforce_nonce memory.
        self.nonces: dict[tuple[int, str], tuple[int, float]] = {}
        self.attachments: dict[int, bytes] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {}
        self.interactions: dict[int, InteractionHandle] = {}
        self.dm_channels: dict[int, FakeChannel] = {}
        self._channel_places: dict[int, tuple[FakeGuild, FakeChannel]] = {}  # see find_channel
        self._guild_index: dict[int, FakeGuild] = {}  # see _guilds_by_id
        self._guild_index_key: tuple[int, int] = (0, -1)
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
        guild = self._guilds_by_id().get(guild_id)
        return guild if guild is not None else next((g for g in self.guilds if g.id == guild_id), None)

    def _guilds_by_id(self) -> dict[int, FakeGuild]:
        # Rebuilt when tests add or drop guilds: a look-up per request must not scan 10,000 guilds,
        # or the fake itself stalls a large fan-out and bunches the requests it answers.
        key = (id(self.guilds), len(self.guilds))
        if self._guild_index_key != key:
            self._guild_index = {g.id: g for g in self.guilds}
            self._guild_index_key = key
        return self._guild_index

    def find_channel(self, channel_id: int) -> tuple[FakeGuild | None, FakeChannel] | None:
        # A remembered hit is checked before use (guilds and channels come and go in tests); a scan
        # of every guild per message would make a 10,000-guild fan-out quadratic in the fake.
        known = self._channel_places.get(channel_id)
        guild, channel = known if known is not None else (None, None)
        if (
            guild is not None
            and any(c is channel for c in guild.channels)
            and self._guilds_by_id().get(guild.id) is guild
        ):
            return known
        for g in self.guilds:
            for c in g.channels:
                if c.id == channel_id:
                    self._channel_places[channel_id] = (g, c)
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


__all__ = [
    "FakeDiscord",
    "FakeDiscordTimeout",
    "GatewayFrame",
    "InteractionHandle",
    "RecordedRequest",
    "ScriptedResponse",
]
