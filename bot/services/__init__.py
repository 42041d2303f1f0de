"""Services: Discord-free use cases over storage and scheduling, called by every front end.

A service is started and stopped by the composition root (:mod:`bot.app`); front ends reach it
through the app and give it a small adapter for the outside world (e.g. a poster).
"""

from __future__ import annotations

from typing import Protocol


class Service(Protocol):
    """What the composition root needs of a service: to start it and to close it."""

    async def start(self) -> None: ...

    async def close(self) -> None: ...
