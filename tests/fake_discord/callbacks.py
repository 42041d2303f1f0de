"""REST routes the bot answers interactions with: the callback and the interaction webhooks."""

from __future__ import annotations

from typing import Any

from . import validation
from .interactions import InteractionHandle
from .payloads import (
    EPHEMERAL,
    LOADING,
    MESSAGE_CHAT_INPUT,
    MESSAGE_DEFAULT,
)
from .records import (
    APP_COMMAND,
    AUTOCOMPLETE,
    COMPONENT,
    MODAL_SUBMIT,
    RecordedRequest,
    _Reply,
    error_body,
)


class InteractionCallbacks:
    """Interaction responses and follow-ups, with the 3-second deadline and token expiry."""

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
