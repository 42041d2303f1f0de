import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.storage import DeliveryStatus, Repository
from tests.fixtures.database import DatabaseTarget

DAY = date(2026, 6, 15)
DUE = datetime(2026, 6, 15, 7, 0, tzinfo=UTC)
STALE = timedelta(minutes=15)


async def claim(
    repository: Repository, claimer: str, now: datetime = DUE, *, day: date = DAY, guild: int = 1
) -> bool:
    return bool(
        await repository.claim_delivery(
            guild, day, claimer=claimer, scheduled_for=DUE, now=now, stale_after=STALE, max_claims=2
        )
    )


async def test_a_claim_says_which_claim_of_the_brief_it_is(repository: Repository) -> None:
    first = await repository.claim_delivery(
        1, DAY, claimer="a", scheduled_for=DUE, now=DUE, stale_after=STALE
    )
    later = DUE + STALE + timedelta(seconds=1)  # a's claim went stale: b takes it over
    second = await repository.claim_delivery(
        1, DAY, claimer="b", scheduled_for=DUE, now=later, stale_after=STALE
    )
    refused = await repository.claim_delivery(
        1, DAY, claimer="c", scheduled_for=DUE, now=later, stale_after=STALE
    )
    assert (first, second, refused) == (1, 2, 0)
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.attempts == 2


async def test_first_claim_wins_and_records_the_row(repository: Repository) -> None:
    assert await claim(repository, "a") is True
    assert await claim(repository, "b") is False
    assert await claim(repository, "a") is False  # not even the same claimer: DST repeats the hour
    row = await repository.get_delivery(1, DAY)
    assert row is not None
    assert (row.status, row.claimed_by, row.attempts, row.scheduled_for, row.claimed_at) == (
        DeliveryStatus.CLAIMED,
        "a",
        1,
        DUE,
        DUE,
    )
    # Other days and other guilds are independent.
    assert await claim(repository, "b", day=DAY + timedelta(days=1)) is True
    assert await claim(repository, "b", guild=2) is True


async def test_concurrent_claims_have_exactly_one_winner(repository: Repository) -> None:
    results = await asyncio.gather(*(claim(repository, f"worker-{i}") for i in range(40)))
    assert results.count(True) == 1
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.claimed_by == f"worker-{results.index(True)}"


async def test_claims_from_separate_processes_have_exactly_one_winner(
    database_target: DatabaseTarget,
) -> None:
    # Separate Database objects = separate engines and connection pools, like two bot processes.
    first = Repository(await database_target.connect())
    second = Repository(await database_target.connect())
    for day_offset in range(3):
        day = DAY + timedelta(days=day_offset)
        results = await asyncio.gather(
            *(claim(first, f"p1-{i}", day=day) for i in range(10)),
            *(claim(second, f"p2-{i}", day=day) for i in range(10)),
        )
        assert results.count(True) == 1, day


async def test_posted_is_final_and_only_the_owner_records_it(repository: Repository) -> None:
    assert await claim(repository, "a")
    assert await repository.mark_posted(1, DAY, claimer="b", message_id="m", now=DUE) is False
    assert await repository.mark_posted(1, DAY, claimer="a", message_id="123", now=DUE + timedelta(seconds=2))
    row = await repository.get_delivery(1, DAY)
    assert row is not None
    assert (row.status, row.message_id, row.posted_at) == (
        DeliveryStatus.POSTED,
        "123",
        DUE + timedelta(seconds=2),
    )
    # Even much later, a posted day is never claimed again.
    assert await claim(repository, "b", now=DUE + timedelta(hours=5)) is False


async def test_stale_claim_is_taken_over_once(repository: Repository) -> None:
    assert await claim(repository, "crashed")
    assert await claim(repository, "b", now=DUE + STALE) is False  # not older than the limit yet
    assert await claim(repository, "b", now=DUE + STALE + timedelta(seconds=1)) is True
    row = await repository.get_delivery(1, DAY)
    assert row is not None and (row.claimed_by, row.attempts) == ("b", 2)
    # The crashed owner's late answer is ignored; the new owner's is kept.
    assert await repository.mark_posted(1, DAY, claimer="crashed", message_id="x", now=DUE) is False
    # b crashes too: max_claims=2 means no third attempt, whatever the delay.
    assert await claim(repository, "c", now=DUE + timedelta(hours=3)) is False


async def test_touch_keeps_a_live_claim_fresh(repository: Repository) -> None:
    assert await claim(repository, "a")
    assert await repository.touch_claim(1, DAY, claimer="a", now=DUE + timedelta(minutes=10))
    assert await claim(repository, "b", now=DUE + timedelta(minutes=20)) is False
    assert await repository.touch_claim(1, DAY, claimer="b", now=DUE) is False


async def test_transient_failure_can_be_retried_permanent_cannot(repository: Repository) -> None:
    assert await claim(repository, "a")
    assert await repository.mark_failed(1, DAY, claimer="a", error="503", retryable=True, now=DUE)
    failed = await repository.get_delivery(1, DAY)
    assert failed is not None and failed.status is DeliveryStatus.FAILED and failed.retryable
    assert failed.can_be_reclaimed(DUE, stale_after=STALE, max_claims=2)
    assert await claim(repository, "a", now=DUE + timedelta(minutes=1)) is True  # same claimer may retry

    assert await repository.mark_failed(1, DAY, claimer="a", error="403", retryable=False, now=DUE)
    final = await repository.get_delivery(1, DAY)
    assert final is not None and final.error == "403" and not final.can_be_reclaimed(DUE + timedelta(hours=1))
    assert await claim(repository, "b", now=DUE + timedelta(hours=1)) is False


async def test_skip_is_recorded_once_and_blocks_claims(repository: Repository) -> None:
    assert await repository.record_skipped(1, DAY, scheduled_for=DUE, reason="offline", now=DUE) is True
    assert await repository.record_skipped(1, DAY, scheduled_for=DUE, reason="offline", now=DUE) is False
    assert await claim(repository, "a") is False
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.status is DeliveryStatus.SKIPPED and row.error == "offline"
    assert await claim(repository, "a", day=DAY + timedelta(days=1))
    assert await repository.record_skipped(1, DAY + timedelta(days=1), scheduled_for=DUE, reason="x") is False


async def test_history_queries(repository: Repository) -> None:
    days = [DAY + timedelta(days=i) for i in range(6)]
    for i, day in enumerate(days):
        assert await claim(repository, "a", day=day)
        if i == 4:
            await repository.mark_failed(1, day, claimer="a", error="boom", retryable=False, now=DUE)
        elif i != 5:
            await repository.mark_posted(1, day, claimer="a", message_id=f"m{i}", now=DUE)
    assert await claim(repository, "a", guild=2, day=days[5])
    await repository.mark_posted(2, days[5], claimer="a", message_id="other", now=DUE)

    last = await repository.last_posted_delivery(1)
    assert last is not None and last.local_date == days[3] and last.message_id == "m3"
    before = await repository.last_posted_delivery(1, before=days[3])
    assert before is not None and before.local_date == days[2]
    assert await repository.last_posted_delivery(1, before=days[0]) is None
    assert await repository.last_posted_delivery(3) is None

    recent = await repository.recent_deliveries(1, limit=3)
    assert [(r.local_date, r.status) for r in recent] == [
        (days[5], DeliveryStatus.CLAIMED),
        (days[4], DeliveryStatus.FAILED),
        (days[3], DeliveryStatus.POSTED),
    ]
    found = await repository.deliveries_on([days[5], days[0]], [1, 2, 3])
    assert set(found) == {(1, days[5]), (1, days[0]), (2, days[5])}
    assert set(await repository.deliveries_on([days[5]])) == {(1, days[5]), (2, days[5])}
    assert await repository.deliveries_on([]) == {}


async def test_error_text_is_bounded(repository: Repository) -> None:
    assert await claim(repository, "a")
    await repository.mark_failed(1, DAY, claimer="a", error="x" * 10_000, retryable=False, now=DUE)
    row = await repository.get_delivery(1, DAY)
    assert row is not None and row.error is not None and len(row.error) == 2000


@pytest.mark.parametrize("bad", [datetime(2026, 6, 15, 7, 0)])  # noqa: DTZ001
async def test_naive_datetimes_are_refused(repository: Repository, bad: datetime) -> None:
    with pytest.raises(Exception, match="naive"):
        await repository.claim_delivery(1, DAY, claimer="a", scheduled_for=bad, now=DUE)
    assert await repository.get_delivery(1, DAY) is None
