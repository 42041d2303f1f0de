"""Which hosts a feed URL may reach: never inside the operator's network unless allowed.

A hostname is resolved and EVERY address it resolves to is checked (one private address among
public ones is enough to refuse). The check lives in the resolver the HTTP client connects
through, so the address checked is the address used (no DNS-rebinding gap between check and
connect), and IP literals - which aiohttp does not resolve - are checked before each request.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

__all__ = ["AddressRefused", "GuardedResolver", "check_address", "is_ip_literal"]


class AddressRefused(OSError):
    """The URL resolves to an address feeds may not reach (loopback, private, link-local...)."""


def _why_refused(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_private:
        return "private"
    if address.is_multicast:
        return "multicast"
    if address.is_unspecified or address.is_reserved or not address.is_global:
        return "not a public address"
    return None


def check_address(host: str, allow_private: bool) -> None:
    """Raise :class:`AddressRefused` when ``host`` (an IP address) may not be reached."""
    if allow_private:
        return
    try:
        address = ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError as exc:
        raise AddressRefused(f"{host!r} is not an IP address") from exc
    reason = _why_refused(address)
    if reason:
        raise AddressRefused(f"refusing {host}: {reason} (set feeds_policy.allow_private_addresses to allow)")


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return False
    return True


class GuardedResolver(AbstractResolver):
    """The default resolver, refusing the whole host if any resolved address is not allowed."""

    def __init__(self, allow_private: bool, inner: AbstractResolver | None = None) -> None:
        self._allow_private = allow_private
        self._inner = inner or DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        for result in results:
            check_address(result["host"], self._allow_private)
        return results

    async def close(self) -> None:
        await self._inner.close()

    def __getattr__(self, name: str) -> Any:  # pragma: no cover - forward anything else aiohttp asks
        return getattr(self._inner, name)
