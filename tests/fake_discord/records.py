"""What the fake records and answers with: requests, gateway frames, scripted responses, errors."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

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
    reply_delay: float = 0.0  # handled at once, but the answer reaches the bot this much later

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
