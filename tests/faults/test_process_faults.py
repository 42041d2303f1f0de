"""Short versions of ``python -m benchmarks faults``: the real ``python -m bot run`` process, killed or
losing its database mid-brief, posts every brief exactly once and settles within seconds.

Ten guilds and a two-second lease keep each run to a few seconds; the benchmark runs more.
"""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.faults import run_scenario
from tests.fixtures.database import _postgres_admin_engine

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.mark.parametrize(
    ("scenario", "backend"),
    [("kill", "sqlite"), ("kill", "postgresql"), ("db-drop", "postgresql"), ("db-start", "postgresql")],
)
def test_every_brief_exactly_once_after_the_fault(scenario: str, backend: str) -> None:
    if backend == "postgresql":
        asyncio.run(_require_postgres())  # skipped without a server, a failure under CI (as elsewhere)
    figures = run_scenario(scenario, backend, guilds=10, deadline=60)
    assert figures["duplicates"] == 0
    assert figures["lost"] == 0
    assert figures["settle"] <= 60
    assert figures["shutdown"] <= 10
    assert figures["tracebacks"] == 0


async def _require_postgres() -> None:
    await (await _postgres_admin_engine()).dispose()
