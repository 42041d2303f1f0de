"""Where discord.py sends its REST calls and opens its gateway WebSocket.

discord.py keeps both addresses in class attributes (``Route.BASE`` and
``DiscordWebSocket.DEFAULT_GATEWAY``), so pointing them elsewhere is process-wide. Production uses this
for Discord-compatible servers or REST proxies (settings ``DISCORD_API_BASE`` / ``DISCORD_GATEWAY_URL``);
tests use it to talk to the local fake Discord.
"""

from __future__ import annotations

import discord.gateway
import discord.http
import yarl

__all__ = [
    "DEFAULT_API_BASE",
    "DEFAULT_GATEWAY_URL",
    "current_endpoints",
    "point_discord_at",
    "restore_discord_defaults",
]

# Captured at import, before anyone can change them, so tests can put Discord's own values back.
DEFAULT_API_BASE: str = discord.http.Route.BASE
DEFAULT_GATEWAY_URL: yarl.URL = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY


def point_discord_at(api_base: str | None, gateway_url: str | None) -> None:
    """Send discord.py's REST calls to ``api_base`` and its gateway connection to ``gateway_url``.

    ``api_base`` is the full versioned base, e.g. ``"http://127.0.0.1:8080/api/v10"``; ``gateway_url``
    is a ws:// or wss:// URL. ``None`` selects Discord's own address for that half.

    Call this before ``client.start()``/``login()``. Never call ``discord.http._set_api_version()``
    afterwards: it overwrites ``Route.BASE``.
    """
    if api_base is None:
        base = DEFAULT_API_BASE
    else:
        base = api_base.strip().rstrip("/")
        if yarl.URL(base).scheme not in ("http", "https"):
            raise ValueError(f"Discord API base must be an http(s) URL, got {api_base!r}")
    if gateway_url is None:
        gateway = DEFAULT_GATEWAY_URL
    else:
        gateway = yarl.URL(gateway_url.strip())
        if gateway.scheme not in ("ws", "wss"):
            raise ValueError(f"Discord gateway URL must be a ws(s) URL, got {gateway_url!r}")
    discord.http.Route.BASE = base
    # discord.py adds its own query (v, encoding, compress) with yarl, so it must be a URL object.
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway


def restore_discord_defaults() -> None:
    """Point discord.py back at Discord itself."""
    point_discord_at(None, None)


def current_endpoints() -> tuple[str, str]:
    """The API base and gateway URL discord.py will use now (for logging at start-up)."""
    return discord.http.Route.BASE, str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
