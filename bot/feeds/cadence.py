"""When to poll a source next: adaptive interval, exponential backoff, Retry-After.

Pure arithmetic on the policy, so the poller's timing is tested without a clock or a network.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from datetime import datetime

from bot.feeds.settings import FeedsPolicy

__all__ = ["backoff_seconds", "next_interval_seconds", "retry_after_seconds"]


def _clamp(seconds: float, policy: FeedsPolicy) -> int:
    low = policy.min_interval_minutes * 60
    high = policy.max_interval_minutes * 60
    return int(min(high, max(low, seconds)))


def next_interval_seconds(
    current: int, published: Sequence[datetime], new_items: int, policy: FeedsPolicy
) -> int:
    """Poll about twice per typical gap between posts; without dates, follow what the last poll found.

    A feed posting every few minutes is read every ``min_interval``; one posting weekly once a day.
    """
    recent = sorted(published, reverse=True)[:20]
    if len(recent) >= 3:
        gaps = [(a - b).total_seconds() for a, b in itertools.pairwise(recent)]
        gaps = [gap for gap in gaps if gap > 0]
        if gaps:
            return _clamp(statistics.median(gaps) / 2, policy)
    if new_items:
        return _clamp(current * 0.75, policy)
    return _clamp(current * 1.5, policy)


def backoff_seconds(failures: int, policy: FeedsPolicy) -> int:
    """Exponential backoff after ``failures`` consecutive failures (1 = the first), capped at max."""
    exponent = max(0, min(failures - 1, 30))
    seconds = policy.backoff_base_minutes * 60 * (2**exponent)
    return int(min(seconds, policy.max_interval_minutes * 60))


def retry_after_seconds(value: str | None, now: datetime, policy: FeedsPolicy) -> int | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date), capped; None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    cap = int(policy.max_retry_after_minutes * 60)
    if value.isdigit():
        return min(int(value), cap)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0, min(int((when - now).total_seconds()), cap))
