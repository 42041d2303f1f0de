"""discord.py's sweep of idle rate-limit buckets runs at most once per interval."""

from __future__ import annotations

import discord

from bot.discord_app.client import _throttle_bucket_sweeps


class _Http:
    def __init__(self) -> None:
        self.sweeps = 0

    def _try_clear_expired_ratelimits(self) -> None:
        self.sweeps += 1


def test_sweeps_are_throttled() -> None:
    http = _Http()
    _throttle_bucket_sweeps(http, every=3600)
    for _ in range(5):
        http._try_clear_expired_ratelimits()
    assert http.sweeps == 1


def test_discord_py_still_has_the_sweep_being_throttled() -> None:
    # If discord.py renames it, the throttle silently does nothing: this says so.
    assert callable(getattr(discord.http.HTTPClient, "_try_clear_expired_ratelimits", None))
