"""REST plumbing (routing, auth, scripted failures, rate limits) and the identity and command routes."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

from aiohttp import BodyPartReader, web

from . import validation
from .models import (
    FakeUser,
    new_snowflake,
)
from .records import (
    JSON_HEADERS,
    RecordedRequest,
    ScriptedResponse,
    UploadedFile,
    _Reply,
    compile_path,
    error_body,
)


class RestRoutes:
    """Routing every REST request, and the routes for the bot's identity and its commands."""

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

    def reply_late(
        self, method: str, pattern: str, seconds: float, *, times: int | None = 1
    ) -> ScriptedResponse:
        """Handle matching requests at once but hold their answer ``seconds`` (a slow network back to
        the bot): Discord has acted (a modal is on screen, a message posted) before the bot knows."""
        script = ScriptedResponse(method, pattern, None, remaining=times, reply_delay=seconds)
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
        if script is not None and script.reply_delay:
            await asyncio.sleep(script.reply_delay)
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
