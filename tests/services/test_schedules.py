"""The schedule service without Discord: validation, the timers, the composed brief, the poster."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.desk import NewsDesk
from bot.core.replies import Reply
from bot.scheduling.engine import DeliveryAttempt
from bot.scheduling.errors import DeliveryPermanentError
from bot.services.schedules import ScheduleInputError, ScheduleService
from bot.storage import Database, ScheduleRecord

NOW = dt.datetime(2025, 10, 11, 6, 0, tzinfo=dt.UTC)


class Poster:
    def __init__(self) -> None:
        self.posted: list[tuple[int, Reply]] = []
        self.refuse: str | None = None

    async def post_brief(
        self, schedule: ScheduleRecord, brief: Reply, attempt: DeliveryAttempt | None = None
    ) -> str | None:
        if self.refuse is not None:
            raise DeliveryPermanentError(self.refuse)
        self.posted.append((schedule.guild_id, brief))
        return f"message-{len(self.posted)}"

    async def notify_paused(self, schedule: ScheduleRecord, reason: str) -> None:
        return None


@pytest.fixture
def poster() -> Poster:
    return Poster()


@pytest.fixture
async def service(database: Database, desk: NewsDesk, poster: Poster):  # type: ignore[no-untyped-def]
    service = ScheduleService(database, desk, poster, clock=lambda: NOW)
    await service.engine.start(catch_up=False, timers=False)
    yield service
    await service.engine.stop(drain_timeout=2)


async def test_set_canonicalises_saves_and_arms_the_timer(service: ScheduleService) -> None:
    done = await service.set(1, channel_id=2, post_time="07:30", timezone="europe/paris", topics=[" Trade "])
    assert (done.record.post_time, done.record.timezone, done.record.topics) == (
        "07:30",
        "Europe/Paris",
        ("Trade",),
    )
    assert done.next_brief == dt.datetime(2025, 10, 12, 5, 30, tzinfo=dt.UTC)
    assert done.dst_note is None
    assert service.engine.next_run_time(1) == done.next_brief
    assert await service.get(1) == done.record


@pytest.mark.parametrize(
    ("post_time", "timezone", "topics", "message"),
    [
        ("7pm", "UTC", None, "HH:MM"),
        ("07:00", "Mars/Olympus_Mons", None, "not a known time zone"),
        ("07:00", "UTC", ["Sport"], "Unknown topic Sport"),
    ],
)
async def test_bad_input_is_refused_with_a_message_for_the_admin(
    service: ScheduleService, post_time: str, timezone: str, topics: list[str] | None, message: str
) -> None:
    with pytest.raises(ScheduleInputError, match=message):
        await service.set(1, channel_id=2, post_time=post_time, timezone=timezone, topics=topics)
    assert await service.get(1) is None


async def test_dst_note_for_a_time_in_a_gap_or_overlap(service: ScheduleService) -> None:
    assert (await service.set(1, channel_id=2, post_time="12:00", timezone="Europe/Paris")).dst_note is None
    done = await service.set(1, channel_id=2, post_time="02:30", timezone="Europe/Paris")
    assert done.dst_note is not None and "happens twice in Europe/Paris on 2025-10-26" in done.dst_note


async def test_show_off_and_test(service: ScheduleService, poster: Poster) -> None:
    assert await service.show(1) is None
    assert await service.test(1) is None
    await service.set(1, channel_id=2, post_time="08:00", timezone="UTC")
    view = await service.show(1)
    assert view is not None and view.next_brief == dt.datetime(2025, 10, 11, 8, 0, tzinfo=dt.UTC)
    assert await service.test(1) is not None
    assert len(poster.posted) == 1 and "Daily brief" in (poster.posted[0][1].content or "")
    assert await service.off(1) is True
    assert service.engine.next_run_time(1) is None
    assert await service.off(1) is False


async def test_due_brief_goes_through_the_poster_and_the_log(
    service: ScheduleService, poster: Poster
) -> None:
    await service.set(1, channel_id=2, post_time="08:00", timezone="UTC")
    results = await service.engine.run_due(dt.datetime(2025, 10, 11, 8, 0, 1, tzinfo=dt.UTC))
    assert [r.outcome.value for r in results] == ["posted"]
    tomorrow = await service.compose((await service.get(1)), dt.date(2025, 10, 12))  # type: ignore[arg-type]
    assert "since the last brief" in (tomorrow.cards[0].description or "")


async def test_a_refused_post_pauses_the_schedule(service: ScheduleService, poster: Poster) -> None:
    await service.set(1, channel_id=2, post_time="08:00", timezone="UTC")
    poster.refuse = "missing permission: Send Messages"
    results = await service.engine.run_due(dt.datetime(2025, 10, 11, 8, 0, 1, tzinfo=dt.UTC))
    assert [r.outcome.value for r in results] == ["paused"]
    view = await service.show(1)
    assert (
        view is not None and view.next_brief is None and "Send Messages" in (view.record.paused_reason or "")
    )


# --- /brief on demand: new since the server's previous *posted* brief, as the scheduled brief ------


def _new_headlines(reply: Reply) -> str:
    return " ".join(value for name, value in reply.cards[0].fields if name != "Unchanged")


async def test_on_demand_brief_is_new_since_the_previous_posted_brief(
    database: Database, tmp_path, make_story_file
) -> None:
    from bot.core.library import StoryLibrary

    day = NOW.date()
    make_story_file(
        tmp_path,
        id="harbour",
        topic="Harbour",
        updates=[
            {"date": dt.date(2024, 8, 1), "headline": "Fourteen months ago", "text": "Old news."},
            {
                "date": day,
                "headline": "Before the brief",
                "text": "Early news.",
                "added": NOW - dt.timedelta(hours=3),
            },
            {
                "date": day,
                "headline": "After the brief",
                "text": "Later news.",
                "added": NOW + dt.timedelta(hours=3),
            },
        ],
    )
    desk = NewsDesk(StoryLibrary.load(tmp_path))
    clock = [NOW - dt.timedelta(hours=1)]
    service = ScheduleService(database, desk, Poster(), clock=lambda: clock[0])
    await service.engine.start(catch_up=False, timers=False)
    try:
        # A first brief: nothing older than a day is new, and it says "in the last day".
        first = await service.on_demand(7, None)
        assert "in the last day" in (first.cards[0].description or "")
        assert "Before the brief" in _new_headlines(first)
        assert "Fourteen months ago" not in _new_headlines(first)

        await service.set(7, channel_id=2, post_time="06:00", timezone="UTC")
        clock[0] = NOW
        results = await service.engine.run_due(NOW + dt.timedelta(seconds=1))
        assert [r.outcome.value for r in results] == ["posted"]

        clock[0] = NOW + dt.timedelta(hours=4)  # the same day, after a second update came in
        later = await service.on_demand(7, None)
        description = later.cards[0].description or ""
        assert "1 new of 1 story since the last brief" in description  # today's posted brief counts
        assert "After the brief" in _new_headlines(later)
        assert "Before the brief" not in _new_headlines(later)  # same day, but seen in the posted brief
        # The next scheduled brief uses the same rule, so it agrees with /brief.
        record = await service.get(7)
        assert record is not None
        tomorrow = await service.compose(record, day + dt.timedelta(days=1))
        assert _new_headlines(tomorrow) == _new_headlines(later)
    finally:
        await service.engine.stop(drain_timeout=2)
