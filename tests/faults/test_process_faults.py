"""Short versions of ``python -m benchmarks faults``: the real ``python -m bot run`` process, killed or
losing its database mid-brief, posts every brief exactly once and settles within seconds; two
processes on one shard and a shard nobody runs are reported; failing interaction callbacks are one
log line each; SIGTERM while Discord answers 503 exits in time and holds no brief back.

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


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_processes_on_one_shard_and_a_shard_nobody_runs_are_reported(backend: str) -> None:
    if backend == "postgresql":
        asyncio.run(_require_postgres())
    figures = run_scenario("shards", backend, guilds=8, deadline=60)
    # Both processes' logs name shard 1 as uncovered and shard 0 as doubled; so does `bot status`.
    assert figures["uncovered reported"] == 1
    assert figures["overlap reported"] == 1
    # Shard 0's servers get their brief exactly once although two processes run it...
    assert figures["covered duplicates"] == 0 and figures["covered lost"] == 0
    assert figures["uncovered posted"] == 0  # ...and nobody posts for shard 1 until it has a process,
    assert figures["duplicates"] == 0 and figures["lost"] == 0  # then every server has one brief
    assert figures["settle"] <= 60
    assert figures["shutdown"] <= 10
    assert figures["tracebacks"] == 0


def test_failing_interaction_callbacks_are_one_line_each_and_5xx_still_answers() -> None:
    figures = run_scenario("callbacks", "sqlite", guilds=1, interactions=2)
    for fault in ("10062", "40060", "5xx"):
        assert figures[f"{fault} lines"] == 1, figures  # one log line per interaction
        assert figures[f"{fault} tracebacks"] == 0, figures
    assert figures["5xx answered"] == 1  # deferred in time, then answered as a follow-up
    assert figures["5xx answer seconds"] < 5
    assert figures["tracebacks"] == 0


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_sigterm_while_discord_answers_503_exits_in_time_and_holds_no_brief_back(backend: str) -> None:
    if backend == "postgresql":
        asyncio.run(_require_postgres())
    figures = run_scenario("sigterm-503", backend, guilds=10, deadline=90)
    assert figures["shutdown"] <= 10
    # Production leases (60 s): the released claims are settled at the restart, not a lease later.
    assert figures["settle"] <= 30
    assert figures["duplicates"] == 0 and figures["lost"] == 0
    assert figures["tracebacks"] == 0


async def _require_postgres() -> None:
    await (await _postgres_admin_engine()).dispose()
