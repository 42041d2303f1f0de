"""A local feed server for tests and benchmarks: aiohttp on 127.0.0.1, a random free port.

It runs in its own thread with its own event loop, so synchronous tests (the CLI runs
``asyncio.run``) and async tests can both use it. It serves the fixture feeds under ``/f/<name>``,
anything put in with :meth:`FeedServer.put`, and a set of misbehaving endpoints.
"""

from __future__ import annotations

import asyncio
import gzip
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HUGE_BYTES = 20 * 1024 * 1024  # the 20 MB body is generated on the fly, never committed
_TYPES = {".xml": "application/rss+xml", ".json": "application/feed+json", ".html": "text/html"}


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str, dict[str, str], int]] = {}
        self.requests: list[Seen] = []
        self.etag = '"v1"'
        self.last_modified = "Sat, 11 Oct 2025 10:00:00 GMT"
        self.port = 0
        self.in_flight = 0
        self.max_in_flight = 0  # the most /slow/* requests being answered at once
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="feed-server", daemon=True)
        self._runner: web.AppRunner | None = None

    # --------------------------------------------------------------------------------- control

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def put(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "application/rss+xml",
        headers: dict[str, str] | None = None,
        status: int = 200,
    ) -> str:
        """Serve ``body`` at ``path`` (replacing what was there); returns the full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (data, content_type, dict(headers or {}), status)
        return self.url(path)

    def put_fixture(self, path: str, name: str) -> str:
        return self.put(path, (FIXTURES / name).read_bytes(), _TYPES.get(Path(name).suffix, "text/plain"))

    def hits(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path == path]

    def reset(self) -> None:
        self.routes.clear()
        self.requests.clear()
        self.max_in_flight = 0

    def start(self) -> FeedServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    # ----------------------------------------------------------------------------------- server

    async def _start(self) -> None:
        app = web.Application()
        app.middlewares.append(self._record)
        app.router.add_get("/f/{name}", self._fixture)
        app.router.add_get("/etag.xml", self._conditional)
        app.router.add_get("/gzip.xml", self._gzip)
        app.router.add_get("/huge.xml", self._huge)
        app.router.add_get("/huge-declared.xml", self._huge_declared)
        app.router.add_get("/loop/{step}", self._loop_redirect)
        app.router.add_get("/redirect-once", self._redirect_once)
        app.router.add_get("/ftp-redirect", self._ftp_redirect)
        app.router.add_get("/429", self._too_many)
        app.router.add_get("/500", self._error)
        app.router.add_get("/410", self._gone)
        app.router.add_get("/hang", self._hang)
        app.router.add_get("/slow/{name}", self._slow)
        app.router.add_get("/{tail:.*}", self._dynamic)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def _stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @web.middleware
    async def _record(self, request: web.Request, handler):  # type: ignore[no-untyped-def]
        self.requests.append(Seen(request.path, dict(request.headers)))
        return await handler(request)

    async def _fixture(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        path = FIXTURES / name
        if "/" in name or not path.is_file():
            raise web.HTTPNotFound()
        return web.Response(body=path.read_bytes(), content_type=_TYPES.get(path.suffix, "text/plain"))

    async def _dynamic(self, request: web.Request) -> web.Response:
        route = self.routes.get(request.path)
        if route is None:
            raise web.HTTPNotFound()
        body, content_type, headers, status = route
        return web.Response(body=body, status=status, headers={"Content-Type": content_type, **headers})

    async def _conditional(self, request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == self.etag:
            return web.Response(status=304, headers={"ETag": self.etag})
        return web.Response(
            body=(FIXTURES / "rss.xml").read_bytes(),
            content_type="application/rss+xml",
            headers={"ETag": self.etag, "Last-Modified": self.last_modified},
        )

    async def _gzip(self, request: web.Request) -> web.Response:
        body = gzip.compress((FIXTURES / "atom.xml").read_bytes())
        return web.Response(
            body=body, headers={"Content-Type": "application/atom+xml", "Content-Encoding": "gzip"}
        )

    async def _huge(self, request: web.Request) -> web.StreamResponse:
        # No Content-Length: only counting while reading can stop this one.
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        chunk = b"<!-- padding padding padding padding padding padding padding -->\n" * 1024
        sent = 0
        try:
            await response.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>')
            while sent < HUGE_BYTES:
                await response.write(chunk)
                sent += len(chunk)
            await response.write(b"</channel></rss>")
        except (ConnectionResetError, RuntimeError):
            pass  # the client gave up at its cap: expected
        return response

    async def _huge_declared(self, request: web.Request) -> web.Response:
        return web.Response(body=b" " * HUGE_BYTES, content_type="application/rss+xml")

    async def _loop_redirect(self, request: web.Request) -> web.Response:
        other = "b" if request.match_info["step"] == "a" else "a"
        raise web.HTTPFound(f"/loop/{other}")

    async def _redirect_once(self, request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("/f/rss.xml")

    async def _ftp_redirect(self, request: web.Request) -> web.Response:
        raise web.HTTPFound("ftp://127.0.0.1/feed.xml")

    async def _too_many(self, request: web.Request) -> web.Response:
        return web.Response(status=429, text="slow down", headers={"Retry-After": "7200"})

    async def _error(self, request: web.Request) -> web.Response:
        return web.Response(status=500, text="boom")

    async def _gone(self, request: web.Request) -> web.Response:
        return web.Response(status=410, text="gone")

    async def _slow(self, request: web.Request) -> web.Response:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(0.2)
        finally:
            self.in_flight -= 1
        return web.Response(body=(FIXTURES / "atom.xml").read_bytes(), content_type="application/atom+xml")

    async def _hang(self, request: web.Request) -> web.Response:
        await asyncio.sleep(3600)  # never answers; the client's timeout must end it
        return web.Response(text="too late")


def running_server() -> Iterator[FeedServer]:
    server = FeedServer().start()
    try:
        yield server
    finally:
        server.stop()


OUTLETS = {
    "/harbour.xml": ("outlet-a-before.xml", "outlet-a-after.xml"),
    "/lantern.xml": ("outlet-b-before.xml", "outlet-b-after.xml"),
    "/northgate.json": ("outlet-c-before.json", "outlet-c-after.json"),
}


def main() -> None:
    """``python -m tests.feeds.server``: the three fixture outlets on 127.0.0.1, for trying the CLI.

    They serve their "before" feeds; ``GET /publish`` switches them to the "after" feeds (one event
    told by all three, and a storm no story covers). Stop with Ctrl-C.
    """
    import time

    server = FeedServer().start()
    for path, (before, _) in OUTLETS.items():
        server.put_fixture(path, before)

    def publish() -> None:
        for path, (_, after) in OUTLETS.items():
            server.put_fixture(path, after)

    server.put("/publish", "switched to the new items\n", "text/plain")
    print(f"feeds at {server.url('')}: {', '.join(OUTLETS)}; GET /publish adds the new items", flush=True)
    try:
        while True:
            time.sleep(0.2)
            if (
                server.hits("/publish")
                and server.routes["/harbour.xml"][0] != (FIXTURES / "outlet-a-after.xml").read_bytes()
            ):
                publish()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
