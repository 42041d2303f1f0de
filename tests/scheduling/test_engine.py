"""BriefScheduler against a real database (SQLite and PostgreSQL) with a fake clock and fake Discord."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger

from bot.scheduling import DeliveryPermanentError, DeliveryTransientError, Outcome, RetryPolicy
from bot.scheduling.engine import BriefScheduler, DeliveryAttempt, DeliveryResult, job_id
from bot.scheduling.times import local_date_of, next_post_time
from bot.storage import DeliveryStatus, Repository, ScheduleRecord, ScheduleState, shard_id_for
from tests.fixtures.database import DatabaseTarget
from tests.scheduling.conftest import (
    START,
    Call,
    EngineFactory,
    FakeClock,
    FakeDeliverer,
    Notifier,
    RecordingSleep,
)

PARIS = "Europe/Paris"
DAY = date(2026, 6, 15)
DUE = datetime(2026, 6, 15, 7, 0, tzinfo=UTC)  # 09:00 CEST
SECOND = timedelta(seconds=1)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


async def add(
    repository: Repository, guild_id: int, post_time: str = "09:00", tz: str = PARIS, *, now: datetime = START
) -> ScheduleRecord:
    return await repository.set_schedule(
        guild_id, channel_id=guild_id + 1, post_time=post_time, timezone=tz, now=now
    )


def by_guild(results: list[DeliveryResult]) -> dict[int, Outcome]:
    return {result.guild_id: result.outcome for result in results}


# ---------------------------------------------------------------------------------------------- on time


async def test_posts_once_at_the_scheduled_instant(
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await add(repository, 1)
    engine = make_engine()

    assert await engine.run_due(DUE - SECOND) == []
    assert deliverer.calls == []

    with caplog.at_level(logging.INFO, logger="bot.scheduling.engine"):
        results = await engine.run_due(DUE)
    assert [(r.guild_id, r.outcome, r.local_date, r.late) for r in results] == [
        (1, Outcome.POSTED, DAY, False)
    ]
    assert deliverer.calls == [Call(1, DAY, False)]
    assert "daily brief guild=1 date=2026-06-15 outcome=posted late=False" in caplog.text

    row = await repository.get_delivery(1, DAY)
    assert row is not None
    assert row.status is DeliveryStatus.POSTED and row.message_id == "msg-1-2026-06-15"
    assert row.scheduled_for == DUE and row.posted_at == DUE and row.claimed_by == engine.claimer_label

    assert by_guild(await engine.run_due(DUE + timedelta(seconds=30))) == {1: Outcome.ALREADY_HANDLED}
    assert len(deliverer.calls) == 1

    assert by_guild(await engine.run_due(DUE + timedelta(days=1))) == {1: Outcome.POSTED}
    assert deliverer.calls[-1] == Call(1, date(2026, 6, 16), False)
    assert len(deliverer.calls) == 2


async def test_each_zone_posts_at_its_own_utc_instant(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer
) -> None:
    # (guild, zone, local time, expected UTC instant, local date) for the first post after START.
    expected = [
        (11, "America/New_York", "07:00", utc(2026, 6, 15, 11, 0), date(2026, 6, 15)),  # EDT -4
        (12, "Pacific/Auckland", "06:30", utc(2026, 6, 15, 18, 30), date(2026, 6, 16)),  # NZST +12
        (13, "Australia/Lord_Howe", "07:00", utc(2026, 6, 15, 20, 30), date(2026, 6, 16)),  # +10:30
        (14, "Asia/Kolkata", "08:00", utc(2026, 6, 16, 2, 30), date(2026, 6, 16)),  # +5:30; 15 Jun passed
    ]
    for guild_id, zone, post, _, _ in expected:
        await add(repository, guild_id, post, zone)
    engine = make_engine()
    for guild_id, _, _, instant, local in expected:
        assert guild_id not in by_guild(await engine.run_due(instant - SECOND))
        assert by_guild(await engine.run_due(instant)) == {guild_id: Outcome.POSTED} | {
            g: Outcome.ALREADY_HANDLED for g, _, _, i, _ in expected if i < instant
        }
        assert deliverer.calls[-1] == Call(guild_id, local, False)
    assert len(deliverer.calls) == 4


def chained_fires(zone: str, hour: int, minute: int, start: datetime, end: datetime) -> list[datetime]:
    """The instants a running APScheduler fires a CronTrigger at (twice in a DST overlap)."""
    trigger = CronTrigger(hour=hour, minute=minute, timezone=ZoneInfo(zone))
    fires, previous, now = [], None, start
    while (fire := trigger.get_next_fire_time(previous, now)) < end:
        fires.append(fire.astimezone(UTC))
        previous = now = fire
    return fires


@pytest.mark.parametrize(
    ("zone", "hour", "minute", "start", "transition_day", "transition_instant"),
    [
        ("Europe/Paris", 2, 30, utc(2026, 10, 23), date(2026, 10, 25), utc(2026, 10, 25, 0, 30)),  # overlap
        ("Europe/Paris", 2, 30, utc(2026, 3, 27), date(2026, 3, 29), utc(2026, 3, 29, 1, 30)),  # gap
        ("America/New_York", 1, 30, utc(2026, 10, 30), date(2026, 11, 1), utc(2026, 11, 1, 5, 30)),  # overlap
        (
            "Australia/Lord_Howe",
            1,
            45,
            utc(2026, 4, 3),
            date(2026, 4, 5),
            utc(2026, 4, 4, 14, 45),
        ),  # 30-min overlap
        ("Pacific/Auckland", 2, 30, utc(2026, 9, 25), date(2026, 9, 27), utc(2026, 9, 26, 14, 30)),  # gap
    ],
)
async def test_timer_firings_across_dst_post_once_per_day(
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    clock: FakeClock,
    zone: str,
    hour: int,
    minute: int,
    start: datetime,
    transition_day: date,
    transition_instant: datetime,
) -> None:
    await add(repository, 1, f"{hour:02d}:{minute:02d}", zone, now=start)
    engine = make_engine()
    fires = chained_fires(zone, hour, minute, start, start + timedelta(days=4))
    outcomes = []
    for fire in fires:
        clock.set(fire + timedelta(milliseconds=150))
        outcomes.append((await engine.handle_trigger(1)).outcome)

    days = [call.local_date for call in deliverer.calls]
    assert len(days) == len(set(days)) == 4
    assert transition_day in days
    assert outcomes.count(Outcome.POSTED) == 4
    assert outcomes.count(Outcome.ALREADY_HANDLED) == len(fires) - 4  # the overlap's second firing
    row = await repository.get_delivery(1, transition_day)
    assert row is not None and row.scheduled_for == transition_instant and not row.late


async def test_the_job_after_a_spring_forward_is_the_next_day(
    repository: Repository, make_engine: EngineFactory, clock: FakeClock
) -> None:
    fire = datetime(2026, 3, 29, 0, 30, tzinfo=ZoneInfo(PARIS))  # day of the spring-forward
    await add(repository, 1, "00:30", PARIS, now=fire - timedelta(days=1))
    clock.set(fire - timedelta(hours=1))
    engine = make_engine()
    await engine.start(catch_up=False, timers=False)
    assert engine.next_run_time(1) == fire

    # APScheduler 3.11's CronTrigger, chained from this firing, would skip to 31 March.
    trigger = CronTrigger(hour=0, minute=30, timezone=ZoneInfo(PARIS))
    assert trigger.get_next_fire_time(fire, fire).date() == date(2026, 3, 31)

    clock.set(fire.astimezone(UTC) + timedelta(milliseconds=100))
    assert (await engine.handle_trigger(1)).outcome is Outcome.POSTED
    rearmed = engine.next_run_time(1)
    assert rearmed == datetime(2026, 3, 30, 0, 30, tzinfo=ZoneInfo(PARIS))
    assert rearmed is not None and rearmed.astimezone(UTC) == utc(2026, 3, 29, 22, 30)


async def test_a_timer_firing_early_rearms_for_the_next_day(
    repository: Repository, make_engine: EngineFactory, clock: FakeClock
) -> None:
    await add(repository, 1, "08:00", "UTC", now=utc(2026, 6, 14))
    engine = make_engine()
    clock.set(utc(2026, 6, 15, 7, 59, 59))
    await engine.start(catch_up=False, timers=False)
    assert engine.next_run_time(1) == utc(2026, 6, 15, 8)
    assert (await engine.handle_trigger(1)).outcome is Outcome.POSTED  # a second early: same instant
    assert engine.next_run_time(1) == utc(2026, 6, 16, 8)


async def test_sweep_posts_a_day_whose_time_falls_in_a_midnight_gap(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer
) -> None:
    # America/Santiago jumps from 00:00 to 01:00 on 2026-09-06: 00:00 is posted at 01:00 (04:00Z).
    await add(repository, 1, "00:00", "America/Santiago", now=utc(2026, 9, 5, 12))
    engine = make_engine()
    assert await engine.run_due(utc(2026, 9, 6, 3, 59)) == []
    assert by_guild(await engine.run_due(utc(2026, 9, 6, 4, 0))) == {1: Outcome.POSTED}
    assert deliverer.calls == [Call(1, date(2026, 9, 6), False)]


# ---------------------------------------------------------------------------------------------- restarts


async def test_restart_before_the_post_time(
    database_target: DatabaseTarget,
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    clock: FakeClock,
) -> None:
    await add(repository, 1)
    clock.set(DUE - timedelta(hours=1))
    first = make_engine()
    await first.start(timers=False)
    await first.drain()
    await first.stop()

    clock.set(DUE - timedelta(minutes=30))
    second = make_engine(repository=Repository(await database_target.connect()))
    await second.start(timers=False)
    await second.drain()
    assert deliverer.calls == []
    assert by_guild(await second.run_due(DUE)) == {1: Outcome.POSTED}
    assert deliverer.calls == [Call(1, DAY, False)]


async def test_restart_after_the_post_does_not_repeat_it(
    database_target: DatabaseTarget,
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    clock: FakeClock,
) -> None:
    await add(repository, 1)
    first = make_engine()
    assert by_guild(await first.run_due(DUE)) == {1: Outcome.POSTED}
    await first.stop()

    clock.set(DUE + timedelta(minutes=10))
    second = make_engine(repository=Repository(await database_target.connect()))
    await second.start(timers=False)
    await second.drain()
    assert deliverer.calls == [Call(1, DAY, False)]


async def test_crash_during_the_post_is_retaken_once_after_the_lease_runs_out(
    database_target: DatabaseTarget,
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    clock: FakeClock,
) -> None:
    await add(repository, 1)
    deliverer.script(1, FakeDeliverer.HANG)
    first = make_engine()
    clock.set(DUE)
    crashed = asyncio.create_task(first.run_due(DUE))
    await deliverer.called.wait()
    crashed.cancel()  # the process dies mid-post
    with contextlib.suppress(asyncio.CancelledError):
        await crashed
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.status is DeliveryStatus.CLAIMED and row.claimed_by == first.claimer_label

    # Restarted 30 s later: the lease (1 min) may still be renewed elsewhere, so nothing is re-posted yet.
    clock.set(DUE + timedelta(seconds=30))
    second = make_engine(repository=Repository(await database_target.connect()))
    await second.start(timers=False)
    await second.drain()
    assert len(deliverer.calls) == 1

    # Once the lease has run out, the sweep takes it over and posts it, marked late, as a take-over
    # (the poster looks for the dead claimer's post first).
    clock.set(DUE + timedelta(minutes=2))
    assert by_guild(await second.run_due()) == {1: Outcome.POSTED}
    assert deliverer.calls[-1] == Call(1, DAY, True)
    assert deliverer.attempts[-1] == DeliveryAttempt(1, DAY, resumed=True)
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.status is DeliveryStatus.POSTED
    assert (row.attempts, row.claimed_by, row.late) == (2, second.claimer_label, True)

    clock.set(DUE + timedelta(minutes=40))
    third = make_engine(repository=Repository(await database_target.connect()))
    assert by_guild(await third.run_due()) == {1: Outcome.ALREADY_HANDLED}
    assert len(deliverer.calls) == 2


# ---------------------------------------------------------------------------------------------- catch-up


async def test_missed_post_within_grace_is_posted_late_at_start(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer, clock: FakeClock
) -> None:
    await add(repository, 1)
    clock.set(DUE + timedelta(minutes=90))
    engine = make_engine(grace=timedelta(hours=2))
    await engine.start(timers=False)
    await engine.drain()
    assert deliverer.calls == [Call(1, DAY, True)]
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.status is DeliveryStatus.POSTED and row.late and row.scheduled_for == DUE


async def test_missed_post_beyond_grace_is_skipped_and_logged(
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await add(repository, 1)
    clock.set(DUE + timedelta(hours=2, minutes=1))
    engine = make_engine(grace=timedelta(hours=2))
    with caplog.at_level(logging.WARNING, logger="bot.scheduling.engine"):
        await engine.start(timers=False)
        await engine.drain()
    assert deliverer.calls == []
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.status is DeliveryStatus.SKIPPED and "grace" in (row.error or "")
    assert "guild=1 date=2026-06-15 outcome=skipped" in caplog.text

    assert by_guild(await engine.run_due(DUE + timedelta(hours=3))) == {1: Outcome.ALREADY_HANDLED}
    assert by_guild(await engine.run_due(DUE + timedelta(days=1))) == {1: Outcome.POSTED}
    assert deliverer.calls == [Call(1, date(2026, 6, 16), False)]


async def test_schedule_set_after_todays_time_waits_for_tomorrow(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer
) -> None:
    await add(repository, 1, now=DUE + timedelta(minutes=30))
    engine = make_engine()
    assert await engine.run_due(DUE + timedelta(minutes=31)) == []
    assert by_guild(await engine.run_due(DUE + timedelta(days=1))) == {1: Outcome.POSTED}
    assert deliverer.calls == [Call(1, date(2026, 6, 16), False)]


async def test_fire_now_counts_as_todays_brief(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer, clock: FakeClock
) -> None:
    await add(repository, 1)
    engine = make_engine()
    clock.set(DUE - timedelta(hours=1))
    result = await engine.fire_now(1, late=True)
    assert (result.outcome, result.local_date, result.late) == (Outcome.POSTED, DAY, True)
    assert (await engine.fire_now(1)).outcome is Outcome.ALREADY_HANDLED
    assert by_guild(await engine.run_due(DUE)) == {1: Outcome.ALREADY_HANDLED}
    assert deliverer.calls == [Call(1, DAY, True)]
    assert (await engine.fire_now(999)).outcome is Outcome.INACTIVE


# ---------------------------------------------------------------------------------------------- errors


async def test_permanent_error_pauses_only_that_guild_and_notifies_once(
    database_target: DatabaseTarget,
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    notifier: Notifier,
    clock: FakeClock,
) -> None:
    await add(repository, 1)
    await add(repository, 2)
    reason = "Missing Permissions (50013) in #news"
    deliverer.script(1, DeliveryPermanentError(reason, code=50013))
    engine = make_engine()
    await engine.start(timers=False, catch_up=False)
    assert engine.job_ids() == {job_id(1), job_id(2)}

    clock.set(DUE)
    assert by_guild(await engine.run_due()) == {1: Outcome.PAUSED, 2: Outcome.POSTED}
    paused = await repository.get_schedule(1)
    assert paused is not None and paused.state is ScheduleState.PAUSED and paused.paused_reason == reason
    assert paused.admin_notified_at == DUE
    assert engine.job_ids() == {job_id(2)}
    assert notifier.calls == [(1, reason)]
    row = await repository.get_delivery(1, DAY)
    assert (
        row is not None
        and row.status is DeliveryStatus.FAILED
        and not row.retryable
        and "50013" in (row.error or "")
    )

    # Next day: only guild 2 posts; no second notification, not even from another process.
    clock.set(DUE + timedelta(days=1))
    assert by_guild(await engine.run_due()) == {2: Outcome.POSTED}
    other = make_engine(repository=Repository(await database_target.connect()))
    await other.start(timers=False)
    await other.drain()
    assert notifier.calls == [(1, reason)]
    assert len(deliverer.calls_for(1)) == 1

    # The admin fixes permissions and sets the schedule again: resumed, job back, posts again.
    await add(repository, 1, now=clock())
    await engine.refresh_guild(1)
    assert engine.job_ids() == {job_id(1), job_id(2)}
    assert by_guild(await engine.run_due(DUE + timedelta(days=2))) == {1: Outcome.POSTED, 2: Outcome.POSTED}


async def test_failed_notification_is_retried_at_next_start(
    database_target: DatabaseTarget,
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    notifier: Notifier,
    clock: FakeClock,
) -> None:
    await add(repository, 1)
    deliverer.script(1, DeliveryPermanentError("Unknown Channel (10003)", code=10003))
    notifier.fail_next = True
    engine = make_engine()
    assert by_guild(await engine.run_due(DUE)) == {1: Outcome.PAUSED}
    assert notifier.calls == []
    schedule = await repository.get_schedule(1)
    assert schedule is not None and schedule.admin_notified_at is None

    clock.set(DUE + timedelta(hours=1))
    for _ in range(2):  # two successive start-ups: exactly one notification
        restarted = make_engine(repository=Repository(await database_target.connect()))
        await restarted.start(timers=False)
        await restarted.drain()
    assert notifier.calls == [(1, "Unknown Channel (10003)")]


async def test_transient_errors_are_retried_with_backoff(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer, sleeper: RecordingSleep
) -> None:
    await add(repository, 1)
    deliverer.script(
        1,
        DeliveryTransientError("503 Service Unavailable"),
        DeliveryTransientError("429", retry_after=30.0),
        "m-ok",
    )
    engine = make_engine(retry=RetryPolicy(attempts=4, base_delay=2.0, factor=2.0, max_delay=60.0))
    results = await engine.run_due(DUE)
    assert [(r.outcome, r.message_id) for r in results] == [(Outcome.POSTED, "m-ok")]
    assert sleeper.delays == [2.0, 30.0]  # backoff, then the server's retry_after
    assert deliverer.calls == [Call(1, DAY, False)] * 3
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.status is DeliveryStatus.POSTED and row.attempts == 1


async def test_the_database_going_away_while_composing_is_retried_not_an_error(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer, sleeper: RecordingSleep
) -> None:
    """Composing reads the delivery log ("new since"): losing the database there posts nothing, so
    the brief is retried, not recorded as a bug and lost (found by the db-drop fault run)."""
    from sqlalchemy.exc import OperationalError

    await add(repository, 1)
    deliverer.script(1, OperationalError("SELECT ...", {}, ConnectionResetError(104, "reset")), "m-ok")
    engine = make_engine(retry=RetryPolicy(attempts=3, base_delay=2.0, factor=2.0, max_delay=60.0))
    results = await engine.run_due(DUE)
    assert [(r.outcome, r.message_id) for r in results] == [(Outcome.POSTED, "m-ok")]
    assert sleeper.delays == [2.0]
    assert deliverer.calls == [Call(1, DAY, False)] * 2


async def test_exhausted_transient_failure_is_retaken_once_by_the_sweep(
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    sleeper: RecordingSleep,
    clock: FakeClock,
) -> None:
    await add(repository, 1)
    await add(repository, 2)
    outage = [DeliveryTransientError("502 Bad Gateway")] * 3
    deliverer.script(1, *outage)  # recovers on the sweep
    deliverer.script(2, *outage, *outage)  # never recovers
    engine = make_engine()  # 3 attempts, 2 s then 4 s

    clock.set(DUE)
    assert by_guild(await engine.run_due()) == {1: Outcome.FAILED, 2: Outcome.FAILED}
    assert sorted(sleeper.delays) == [2.0, 2.0, 4.0, 4.0]
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.status is DeliveryStatus.FAILED and row.retryable and row.attempts == 1

    clock.set(DUE + timedelta(minutes=5))
    assert by_guild(await engine.run_due()) == {1: Outcome.POSTED, 2: Outcome.FAILED}
    assert deliverer.calls_for(1)[-1] == Call(1, DAY, True)

    clock.set(DUE + timedelta(minutes=10))
    assert by_guild(await engine.run_due()) == {1: Outcome.ALREADY_HANDLED, 2: Outcome.ALREADY_HANDLED}
    assert len(deliverer.calls_for(2)) == 6  # two claims x three attempts, then it stops
    schedule = await repository.get_schedule(2)
    assert schedule is not None and schedule.is_active  # transient trouble never pauses a guild


async def test_hanging_delivery_times_out_and_is_retried(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer, sleeper: RecordingSleep
) -> None:
    await add(repository, 1)
    deliverer.script(1, FakeDeliverer.HANG, "m-2")
    engine = make_engine(deliver_timeout=timedelta(milliseconds=50))
    assert [(r.outcome, r.message_id) for r in await engine.run_due(DUE)] == [(Outcome.POSTED, "m-2")]
    assert sleeper.delays == [2.0]


async def test_unexpected_exception_is_recorded_without_pausing(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer, notifier: Notifier
) -> None:
    await add(repository, 1)
    await add(repository, 2)
    deliverer.script(1, KeyError("bug in the brief builder"))
    engine = make_engine()
    assert by_guild(await engine.run_due(DUE)) == {1: Outcome.ERROR, 2: Outcome.POSTED}
    assert len(deliverer.calls_for(1)) == 1
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.status is DeliveryStatus.FAILED and "KeyError" in (row.error or "")
    schedule = await repository.get_schedule(1)
    assert schedule is not None and schedule.is_active and notifier.calls == []


# ---------------------------------------------------------------------------------------------- scale


async def test_concurrency_is_bounded_when_many_guilds_are_due(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer
) -> None:
    guilds = list(range(100, 130))
    for guild_id in guilds:
        await add(repository, guild_id)
    deliverer.gate = asyncio.Event()
    engine = make_engine(max_concurrency=3)

    running = asyncio.create_task(engine.run_due(DUE))
    async with asyncio.timeout(5):
        while deliverer.in_flight < 3:
            await deliverer.entered.wait()
            deliverer.entered.clear()
    for _ in range(50):  # give any over-admitted delivery every chance to start
        await asyncio.sleep(0)
    assert deliverer.in_flight == 3 and len(deliverer.calls) == 3

    deliverer.gate.set()
    results = await running
    assert by_guild(results) == dict.fromkeys(guilds, Outcome.POSTED)
    assert deliverer.max_in_flight == 3
    assert sorted(call.guild_id for call in deliverer.calls) == guilds


async def test_two_processes_sharing_the_database_post_each_brief_once(
    database_target: DatabaseTarget,
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    clock: FakeClock,
) -> None:
    guilds = list(range(200, 212))
    for guild_id in guilds:
        await add(repository, guild_id)
    first = make_engine()
    second = make_engine(repository=Repository(await database_target.connect()))

    clock.set(DUE)
    await asyncio.gather(
        first.run_due(),
        second.run_due(),
        *(engine.handle_trigger(guild_id) for engine in (first, second) for guild_id in guilds[:4]),
        second.fire_now(guilds[-1]),
    )
    assert Counter(call.guild_id for call in deliverer.calls) == Counter(guilds)
    rows = await repository.deliveries_on([DAY], guilds)
    assert {row.status for row in rows.values()} == {DeliveryStatus.POSTED}
    assert {row.claimed_by for row in rows.values()} <= {first.claimer_label, second.claimer_label}


async def test_each_process_only_handles_its_shards(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer
) -> None:
    shard_count = 2
    guilds = [((1000 + i) << 22) + 7 for i in range(6)]
    for guild_id in guilds:
        await add(repository, guild_id)
    engines = {shard: make_engine(shard_ids=[shard], shard_count=shard_count) for shard in range(shard_count)}
    for shard, engine in engines.items():
        await engine.start(timers=False, catch_up=False)
        mine = {g for g in guilds if shard_id_for(g, shard_count) == shard}
        assert engine.job_ids() == {job_id(g) for g in mine}
        assert set(by_guild(await engine.run_due(DUE))) == mine
        other = next(g for g in guilds if g not in mine)
        await engine.refresh_guild(other)
        assert job_id(other) not in engine.job_ids()
    assert sorted(call.guild_id for call in deliverer.calls) == sorted(guilds)


# ---------------------------------------------------------------------------------------------- jobs


async def test_jobs_follow_the_database(
    repository: Repository, make_engine: EngineFactory, clock: FakeClock
) -> None:
    await add(repository, 1, "07:15", "Asia/Kolkata")
    engine = make_engine()
    await engine.start(timers=False, catch_up=False)
    assert engine.scheduler is not None
    job = engine.scheduler.get_job(job_id(1))
    assert job is not None
    # A date job at the next post time from bot.scheduling.times, in the guild's zone.
    assert isinstance(job.trigger, DateTrigger) and job.trigger.run_date.tzinfo == ZoneInfo("Asia/Kolkata")
    assert job.next_run_time == next_post_time("07:15", "Asia/Kolkata", clock())
    assert job.misfire_grace_time == 7200 and job.coalesce is True and job.max_instances == 1

    await add(repository, 2)
    assert await engine.sync_from_database() == 2
    assert engine.job_ids() == {job_id(1), job_id(2)}

    await repository.set_schedule(1, channel_id=5, post_time="18:00", timezone="Europe/Paris", now=clock())
    await engine.refresh_guild(1)
    next_run = engine.next_run_time(1)
    assert (
        next_run is not None
        and next_run.tzinfo == ZoneInfo(PARIS)
        and (next_run.hour, next_run.minute) == (18, 0)
    )

    await repository.pause_schedule(2, "manual")
    await engine.refresh_guild(2)
    await repository.delete_schedule(1)
    assert (await engine.handle_trigger(1)).outcome is Outcome.INACTIVE  # a stale job cleans itself up
    assert engine.job_ids() == set()


async def test_next_run_times_use_each_guilds_zone(
    repository: Repository, make_engine: EngineFactory
) -> None:
    before = datetime.now(UTC)
    await add(repository, 1, "09:00", PARIS, now=before)
    await add(repository, 2, "08:00", "Asia/Kolkata", now=before)
    engine = make_engine(clock=lambda: datetime.now(UTC))
    await engine.start(timers=False, catch_up=False)
    after = datetime.now(UTC)
    for guild_id, zone, hour in [(1, PARIS, 9), (2, "Asia/Kolkata", 8)]:
        next_run = engine.next_run_time(guild_id)
        assert next_run is not None and next_run.tzinfo == ZoneInfo(zone)
        assert (next_run.hour, next_run.minute) == (hour, 0)
        assert (
            next_post_time(f"{hour:02d}:00", zone, before)
            <= next_run
            <= next_post_time(f"{hour:02d}:00", zone, after)
        )


async def test_real_apscheduler_timer_fires_the_job(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer
) -> None:
    now = datetime.now(UTC)
    await repository.set_schedule(
        1, channel_id=2, post_time=now.strftime("%H:%M"), timezone="UTC", now=now - timedelta(hours=1)
    )
    engine: BriefScheduler = make_engine(clock=lambda: datetime.now(UTC), late_after=timedelta(minutes=5))
    await engine.start(catch_up=False)  # real timers
    assert engine.scheduler is not None
    # Today's minute has just started, so the cron job waits for tomorrow: pull it to 0.2 s from now.
    engine.scheduler.modify_job(job_id(1), next_run_time=datetime.now(UTC) + timedelta(milliseconds=200))
    async with asyncio.timeout(5):
        await deliverer.called.wait()
    await engine.drain()

    assert len(deliverer.calls) == 1 and deliverer.calls[0].late is False
    row = await repository.get_delivery(1, deliverer.calls[0].local_date)
    assert row is not None and row.status is DeliveryStatus.POSTED
    assert local_date_of(row.scheduled_for, "UTC") == row.local_date


async def test_sweep_job_is_registered_apart_from_guild_jobs(
    repository: Repository, make_engine: EngineFactory
) -> None:
    await add(repository, 1)
    engine = make_engine(sweep_interval=timedelta(minutes=5))
    await engine.start(timers=False, catch_up=False)
    assert engine.scheduler is not None
    sweep = engine.scheduler.get_job("brief:sweep")
    assert sweep is not None and sweep.trigger.interval == timedelta(minutes=5)
    assert engine.job_ids() == {job_id(1)}


def test_retry_policy_backoff() -> None:
    policy = RetryPolicy(attempts=5, base_delay=5.0, factor=2.0, max_delay=30.0)
    assert [policy.delay(n) for n in range(1, 5)] == [5.0, 10.0, 20.0, 30.0]
    assert policy.delay(1, retry_after=12.5) == 12.5
    assert policy.delay(3, retry_after=1.0) == 20.0
    assert policy.delay(1, retry_after=3600.0) == 30.0  # never long enough for the claim to go stale
    with pytest.raises(ValueError, match="retry policy"):
        RetryPolicy(attempts=0)


async def test_misconfiguration_is_rejected(repository: Repository, deliverer: FakeDeliverer) -> None:
    with pytest.raises(ValueError, match="stale_claim_after"):
        BriefScheduler(repository, deliverer, stale_claim_after=timedelta(0))
    with pytest.raises(ValueError, match="out of range"):
        BriefScheduler(repository, deliverer, shard_ids=[2], shard_count=2)
    with pytest.raises(ValueError, match="max_concurrency"):
        BriefScheduler(repository, deliverer, max_concurrency=0)


async def test_waiting_for_a_delivery_slot_does_not_make_a_brief_late(
    repository: Repository, make_engine: EngineFactory, deliverer: FakeDeliverer, clock
) -> None:
    guilds = list(range(300, 305))
    for guild_id in guilds:
        await add(repository, guild_id)

    async def slow(schedule: ScheduleRecord, local_date: date, late: bool) -> str | None:
        clock.advance(seconds=40)  # each post takes 40 s: the last one starts 160 s after the instant
        return await deliverer(schedule, local_date, late)

    engine = make_engine(max_concurrency=1, deliver=slow)
    results = await engine.run_due(DUE)
    assert by_guild(results) == dict.fromkeys(guilds, Outcome.POSTED)
    assert [call.late for call in deliverer.calls] == [False] * len(guilds)


# ---------------------------------------------------------------------------------------------- leases


async def test_a_live_claim_is_renewed_so_a_slow_post_is_not_taken_over(
    database_target: DatabaseTarget,
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    clock: FakeClock,
) -> None:
    await add(repository, 1)
    deliverer.gate = asyncio.Event()
    first = make_engine(stale_claim_after=timedelta(seconds=0.3))  # renewed every 0.1 s (real time)
    clock.set(DUE)
    running = asyncio.create_task(first.run_due(DUE))
    await deliverer.called.wait()
    # Discord is slow: the clock moves past several leases while the post hangs, but the renewals
    # keep the claim fresh, so a second process does not take it over.
    for _ in range(5):
        clock.advance(seconds=0.25)
        await asyncio.sleep(0.15)
    second = make_engine(
        repository=Repository(await database_target.connect()), stale_claim_after=timedelta(seconds=0.3)
    )
    assert by_guild(await second.run_due()) == {1: Outcome.ALREADY_HANDLED}
    deliverer.gate.set()
    assert by_guild(await running) == {1: Outcome.POSTED}
    assert len(deliverer.calls) == 1
    assert deliverer.attempts == [DeliveryAttempt(1, DAY, resumed=False)]


async def test_stop_releases_a_cancelled_claim_so_the_restart_takes_it_over_at_once(
    database_target: DatabaseTarget,
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    clock: FakeClock,
) -> None:
    await add(repository, 1)
    deliverer.script(1, FakeDeliverer.HANG)  # Discord never answers
    first = make_engine()
    clock.set(DUE)
    await first.start(timers=False)
    await deliverer.called.wait()
    async with asyncio.timeout(5):
        await first.stop(drain_timeout=0.1)
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.status is DeliveryStatus.CLAIMED
    assert row.can_be_reclaimed(DUE, stale_after=timedelta(minutes=1))

    clock.set(DUE + timedelta(seconds=5))  # restarted at once: no waiting for the lease
    second = make_engine(repository=Repository(await database_target.connect()))
    assert by_guild(await second.run_due()) == {1: Outcome.POSTED}
    assert deliverer.attempts[-1] == DeliveryAttempt(1, DAY, resumed=True)


class FlakyRepository(Repository):
    """Fails ``mark_posted`` a set number of times, as a database blip would."""

    failures = 2

    async def mark_posted(self, *args: object, **kwargs: object) -> bool:  # type: ignore[override]
        if self.failures:
            self.failures -= 1
            raise ConnectionError("database unreachable")
        return await super().mark_posted(*args, **kwargs)  # type: ignore[arg-type]


async def test_a_failure_to_record_the_post_is_retried_not_posted_again(
    database_target: DatabaseTarget,
    repository: Repository,
    make_engine: EngineFactory,
    deliverer: FakeDeliverer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await add(repository, 1)
    flaky = FlakyRepository(await database_target.connect())
    engine = make_engine(repository=flaky)
    assert by_guild(await engine.run_due(DUE)) == {1: Outcome.POSTED}
    assert len(deliverer.calls) == 1 and flaky.failures == 0
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.status is DeliveryStatus.POSTED
    assert sum("recording the post failed" in r.getMessage() for r in caplog.records) == 2


def test_the_delivery_nonce_is_stable_short_and_distinct() -> None:
    from bot.scheduling.engine import delivery_nonce

    assert delivery_nonce(1, DAY) == delivery_nonce(1, DAY)
    assert delivery_nonce(1, DAY) != delivery_nonce(2, DAY) != delivery_nonce(1, DAY + timedelta(days=1))
    assert len(delivery_nonce(2**63 - 1, DAY)) <= 25  # Discord's nonce limit
