"""Optional rate limiting for the fake Discord, shaped like Discord's answers.

A global requests-per-second limit (interaction callbacks and interaction webhooks are exempt, as on
Discord) and a per-channel limit on creating messages. Both are fixed windows: simple, and what the
client sees (``X-RateLimit-*`` headers, 429 with ``retry_after``) is what matters here.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MESSAGE_BUCKET = "fake-channel-messages"


@dataclass
class _Window:
    limit: int
    period: float
    start: float = -math.inf
    used: int = 0

    def take(self, now: float) -> tuple[bool, int, float]:
        """(allowed, remaining after this request, seconds until the window resets)."""
        if now >= self.start + self.period:
            self.start, self.used = now, 0
        reset_after = max(self.start + self.period - now, 0.001)
        if self.used >= self.limit:
            return False, 0, reset_after
        self.used += 1
        return True, self.limit - self.used, reset_after


@dataclass
class Verdict:
    """What the limiter decided for one request: headers to add and, if refused, the 429 body."""

    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None

    @property
    def refused(self) -> bool:
        return self.body is not None


class RateLimiter:
    def __init__(
        self,
        global_rate: float | None = None,
        per_channel: tuple[int, float] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.global_rate = global_rate
        self.per_channel = per_channel
        self._clock = clock
        self._global = _Window(int(global_rate), 1.0) if global_rate else None
        self._channels: dict[int, _Window] = {}
        self.global_hits = 0
        self.channel_hits = 0

    @property
    def enabled(self) -> bool:
        return self._global is not None or self.per_channel is not None

    def check(self, *, exempt_from_global: bool, message_channel_id: int | None) -> Verdict:
        now = self._clock()
        if self._global is not None and not exempt_from_global:
            ok, _, reset_after = self._global.take(now)
            if not ok:
                self.global_hits += 1
                return Verdict(
                    headers={
                        # Without Via discord.py takes a 429 for a Cloudflare ban and gives up.
                        "Via": "1.1 google",
                        "Retry-After": str(math.ceil(reset_after)),
                        "X-RateLimit-Global": "true",
                        "X-RateLimit-Scope": "global",
                    },
                    body={
                        "message": "You are being rate limited.",
                        "retry_after": round(reset_after, 3),
                        "global": True,
                        "code": 0,
                    },
                )
        if self.per_channel is None or message_channel_id is None:
            return Verdict()
        limit, period = self.per_channel
        window = self._channels.setdefault(message_channel_id, _Window(limit, period))
        ok, remaining, reset_after = window.take(now)
        headers = {
            "X-RateLimit-Bucket": MESSAGE_BUCKET,
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
        }
        if ok:
            return Verdict(headers=headers)
        self.channel_hits += 1
        headers.update(
            {"Via": "1.1 google", "Retry-After": str(math.ceil(reset_after)), "X-RateLimit-Scope": "user"}
        )
        return Verdict(
            headers=headers,
            body={
                "message": "You are being rate limited.",
                "retry_after": round(reset_after, 3),
                "global": False,
            },
        )
