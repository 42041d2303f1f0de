# Waiting helpers take timeout= on purpose: that is the API tests asked for.
# ruff: noqa: ASYNC109
"""The gateway WebSocket: sessions, identify/resume, events, and world changes pushed to the bot."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .models import (
    PUBLIC_THREAD,
    FakeChannel,
    FakeGuild,
    FakeRole,
    FakeUser,
)
from .records import (
    DM_MESSAGES_INTENT,
    GUILD_MESSAGES_INTENT,
    PRESENCES_INTENT,
    PRIVILEGED_INTENTS,
    GatewayFrame,
)


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


class Gateway:
    """Gateway sessions per shard and the events dispatched to them."""

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
