from datetime import UTC, datetime, timedelta

from bot.feeds.cadence import backoff_seconds, next_interval_seconds, retry_after_seconds
from bot.feeds.settings import FeedsPolicy

POLICY = FeedsPolicy()  # 10 min .. 24 h, backoff base 5 min
NOW = datetime(2025, 10, 12, 12, tzinfo=UTC)


def test_interval_follows_how_often_a_feed_posts() -> None:
    every_hour = [NOW - timedelta(hours=h) for h in range(10)]
    assert next_interval_seconds(3600, every_hour, 1, POLICY) == 1800
    every_minute = [NOW - timedelta(minutes=m) for m in range(10)]
    assert next_interval_seconds(3600, every_minute, 5, POLICY) == 600  # floor: min_interval
    weekly = [NOW - timedelta(days=7 * w) for w in range(5)]
    assert next_interval_seconds(3600, weekly, 0, POLICY) == 24 * 3600  # ceiling: a day


def test_without_dates_the_interval_drifts_with_what_polls_find() -> None:
    assert next_interval_seconds(3600, [], 0, POLICY) == 5400
    assert next_interval_seconds(3600, [], 3, POLICY) == 2700


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff_seconds(n, POLICY) for n in (1, 2, 3, 4)] == [300, 600, 1200, 2400]
    assert backoff_seconds(40, POLICY) == 24 * 3600


def test_retry_after_seconds_and_dates() -> None:
    assert retry_after_seconds("120", NOW, POLICY) == 120
    assert retry_after_seconds("Sun, 12 Oct 2025 13:00:00 GMT", NOW, POLICY) == 3600
    assert retry_after_seconds("99999999", NOW, POLICY) == 24 * 3600
    assert retry_after_seconds("soon", NOW, POLICY) is None
    assert retry_after_seconds(None, NOW, POLICY) is None
