"""Errors raised by a brief-delivery adapter to tell the scheduler what to do next.

The scheduler never sees Discord exceptions: the adapter that posts the brief translates them.
Suggested mapping for discord.py:

- ``Forbidden`` 50001 (Missing Access), 50013 (Missing Permissions), ``NotFound`` 10003 (Unknown
  Channel), 10004 (Unknown Guild) → :class:`DeliveryPermanentError` (the schedule is paused and the
  admins are told once; retrying would only count towards Discord's invalid-request ban).
- 429, 5xx, ``aiohttp.ClientError``, ``asyncio.TimeoutError``, news sources down →
  :class:`DeliveryTransientError` (retried with backoff).
"""

from __future__ import annotations


class DeliveryError(Exception):
    """Base class of the errors a ``deliver`` callable may raise on purpose."""


class DeliveryPermanentError(DeliveryError):
    """Posting will keep failing until a human changes something (permissions, channel)."""

    def __init__(self, reason: str, *, code: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


class DeliveryTransientError(DeliveryError):
    """Posting failed for a reason that may go away by itself (rate limit, outage, network)."""

    def __init__(self, reason: str = "transient delivery error", *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        # Seconds the remote side asked us to wait (Discord's 429 ``retry_after``), if any.
        self.retry_after = retry_after
