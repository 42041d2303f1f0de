"""REST routes for guilds, channels and messages, with Discord's permission checks."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from aiohttp import web

from . import validation
from .models import (
    EMBED_LINKS,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    FakeChannel,
    FakeGuild,
    FakeUser,
    new_snowflake,
)
from .payloads import (
    EPHEMERAL,
    LOADING,
    MESSAGE_DEFAULT,
    MESSAGE_REPLY,
    mention_payloads,
    message_payload,
    now_iso,
    number_components,
    pinged,
)
from .records import (
    RecordedRequest,
    UploadedFile,
    _Reply,
    error_body,
)

# How long Discord remembers an enforced nonce ("a few minutes").
NONCE_WINDOW = 300.0


class ChannelRoutes:
    """Guilds, channels and messages as the bot sees them over REST."""

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
        # Discord only echoes a nonce in the create response and the gateway event, never in history.
        return _Reply(200, [{k: v for k, v in m.items() if k != "nonce"} for m in newest_first[:limit]])

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
            mentions=mention_payloads(user_ids, self._users_by_id() if user_ids else {}, guild),
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
        nonce = payload.get("nonce")
        key = (self.bot_user.id, str(nonce))
        if payload.get("enforce_nonce") and nonce is not None:
            # Like Discord: the same nonce from the same author within a few minutes gets the message
            # that nonce created back, instead of a second message.
            seen = self.nonces.get(key)
            if seen is not None and time.monotonic() - seen[1] < NONCE_WINDOW and seen[0] in self.messages:
                return _Reply(200, self.messages[seen[0]])
        msg = self._new_message(channel, guild, payload, rec.files, author=self.bot_user)
        if nonce is not None:
            self.nonces[key] = (int(msg["id"]), time.monotonic())
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
