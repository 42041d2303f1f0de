"""Discord-independent scheduling of the daily brief (pure time helpers + the scheduler engine)."""

from bot.scheduling.engine import BriefScheduler, DeliveryResult, Outcome, RetryPolicy
from bot.scheduling.errors import DeliveryError, DeliveryPermanentError, DeliveryTransientError
from bot.scheduling.timers import job_id
from bot.scheduling.times import (
    DstIssue,
    DstWarning,
    InvalidTimeError,
    InvalidTimezoneError,
    available_timezones,
    dst_warning,
    local_date_of,
    next_post_time,
    normalize_timezone,
    parse_post_time,
    previous_post_time,
    search_timezones,
)

__all__ = [
    "BriefScheduler",
    "DeliveryError",
    "DeliveryPermanentError",
    "DeliveryResult",
    "DeliveryTransientError",
    "DstIssue",
    "DstWarning",
    "InvalidTimeError",
    "InvalidTimezoneError",
    "Outcome",
    "RetryPolicy",
    "available_timezones",
    "dst_warning",
    "job_id",
    "local_date_of",
    "next_post_time",
    "normalize_timezone",
    "parse_post_time",
    "previous_post_time",
    "search_timezones",
]
