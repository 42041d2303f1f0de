"""pytest fixtures for the fake Discord. Enable in a test module with
``pytest_plugins = ["tests.fake_discord.plugin"]`` (or from the root conftest)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from .harness import ErrorLogCollector, fail_on_error_logs
from .server import FakeDiscord


@pytest.fixture
def discord_error_logs() -> Iterator[ErrorLogCollector]:
    """Fails the test (at teardown) if the ``discord`` or ``bot`` loggers recorded an ERROR."""
    with fail_on_error_logs() as collector:
        yield collector


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A started FakeDiscord with the default world; fails at teardown on requests it does not know."""
    async with FakeDiscord() as fake:
        yield fake
        fake.assert_no_unknown_requests()
