"""One guarded HTTP GET of a feed: conditional, capped, timed out, redirects followed by hand.

Redirects are followed here rather than by aiohttp so that every hop is checked the same way as the
first URL (scheme, address) and counted. The body is read in chunks and abandoned past the size cap;
aiohttp decompresses gzip as it reads, so the cap also bounds a compressed "bomb".
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import aiohttp

from bot.feeds.addresses import AddressRefused, GuardedResolver, check_address, is_ip_literal
from bot.feeds.settings import FeedsPolicy

__all__ = ["FetchResult", "Fetcher"]

_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class FetchResult:
    outcome: str  # "ok", "not_modified" or "error"
    status: int | None = None  # the last HTTP status seen
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None  # the raw header, for the poller to interpret
    error: str | None = None  # a sentence a person can read
    permanent: bool = False  # retrying will not help (address refused, 410 Gone, bad scheme)
    final_url: str | None = None


class Fetcher:
    """Owns one aiohttp session; use as ``async with Fetcher(policy) as fetcher``."""

    def __init__(self, policy: FeedsPolicy) -> None:
        self.policy = policy
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        connector = aiohttp.TCPConnector(
            resolver=GuardedResolver(self.policy.allow_private_addresses),
            limit=self.policy.max_concurrency,
            limit_per_host=self.policy.per_host_concurrency,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(
                total=self.policy.total_timeout_seconds,
                connect=self.policy.connect_timeout_seconds,
                sock_read=self.policy.total_timeout_seconds,
            ),
            headers={"User-Agent": self.policy.user_agent(), "Accept": _ACCEPT},
            auto_decompress=True,
            trust_env=False,  # proxies from the environment would bypass the address guard
        )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """Never raises for anything the server or the network does; the result says what happened."""
        try:
            return await asyncio.wait_for(
                self._fetch(url, etag, last_modified), timeout=self.policy.total_timeout_seconds + 1
            )
        except AddressRefused as exc:
            return FetchResult("error", error=str(exc), permanent=True, final_url=url)
        except TimeoutError:
            return FetchResult("error", error=f"timed out after {self.policy.total_timeout_seconds:g} s")
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, AddressRefused):
                return FetchResult("error", error=str(exc.os_error), permanent=True, final_url=url)
            return FetchResult("error", error=f"cannot connect: {exc.os_error or exc}")
        except aiohttp.ClientError as exc:
            return FetchResult("error", error=f"{type(exc).__name__}: {exc}"[:500])
        except (OSError, ValueError, UnicodeError) as exc:
            return FetchResult("error", error=f"{type(exc).__name__}: {exc}"[:500])

    async def _fetch(self, url: str, etag: str | None, last_modified: str | None) -> FetchResult:
        assert self._session is not None, "use Fetcher as an async context manager"
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            problem = self._refuse(current)
            if problem:
                return FetchResult("error", error=problem, permanent=True, final_url=current)
            async with self._session.get(current, headers=headers, allow_redirects=False) as response:
                status = response.status
                if status in (301, 302, 303, 307, 308):
                    location = response.headers.get("Location")
                    if not location:
                        return FetchResult("error", status, error=f"HTTP {status} without a Location")
                    current = urljoin(current, location)
                    continue
                if status == 304:
                    return FetchResult("not_modified", status, final_url=current)
                if status != 200:
                    return FetchResult(
                        "error",
                        status,
                        retry_after=response.headers.get("Retry-After"),
                        error=f"HTTP {status} {response.reason or ''}".strip(),
                        permanent=status == 410,
                        final_url=current,
                    )
                declared = response.content_length
                if declared is not None and declared > self.policy.max_bytes:
                    return FetchResult("error", status, error=self._too_big(), final_url=current)
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.content.iter_chunked(65536):
                    size += len(chunk)
                    if size > self.policy.max_bytes:
                        return FetchResult("error", status, error=self._too_big(), final_url=current)
                    chunks.append(chunk)
                return FetchResult(
                    "ok",
                    status,
                    body=b"".join(chunks),
                    content_type=response.headers.get("Content-Type"),
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                    final_url=current,
                )
        return FetchResult(
            "error", error=f"more than {self.policy.max_redirects} redirects", final_url=current
        )

    def _too_big(self) -> str:
        return f"body larger than {self.policy.max_bytes:,} bytes (feeds_policy.max_bytes)"

    def _refuse(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return f"only http and https URLs are fetched, not {url[:200]!r}"
        if is_ip_literal(parts.hostname):
            try:
                check_address(parts.hostname, self.policy.allow_private_addresses)
            except AddressRefused as exc:
                return str(exc)
        return None
