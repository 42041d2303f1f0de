"""Pure, Discord-independent time helpers for daily briefs.

Conventions (shared with APScheduler's ``CronTrigger`` so the timer and the catch-up agree):

- A post time is a local wall-clock time "HH:MM" in an IANA zone.
- On a DST *gap* day (the wall time does not exist) the brief is posted at the shifted time: the wall
  time read with the offset in force before the jump, e.g. 02:30 in Europe/Paris on 2026-03-29 is
  posted at 03:30 CEST.
- On a DST *overlap* day (the wall time happens twice) the brief belongs to the first occurrence; the
  second one is not a new post (APScheduler fires twice there: the delivery log dedups it).
- Returned instants are timezone-aware and in UTC.
"""

from __future__ import annotations

import difflib
import functools
import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

__all__ = [
    "COMMON_TIMEZONES",
    "DstIssue",
    "DstWarning",
    "InvalidTimeError",
    "InvalidTimezoneError",
    "available_timezones",
    "dst_warning",
    "format_post_time",
    "get_zone",
    "local_date_of",
    "next_post_time",
    "normalize_timezone",
    "parse_post_time",
    "post_instant_on",
    "previous_post_time",
    "search_timezones",
]

AUTOCOMPLETE_LIMIT = 25  # Discord's maximum number of autocomplete choices

# Shown when the autocomplete query is empty: a spread of zones most servers will pick from.
COMMON_TIMEZONES: tuple[str, ...] = (
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Honolulu",
)

_CANONICAL_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)
# Keys that zoneinfo may list but that are not real choices for a server's time zone.
_EXCLUDED_ZONES = frozenset({"Factory", "localtime", "posixrules"})


class InvalidTimeError(ValueError):
    """The text is not a valid "HH:MM" time of day; the message is meant for the user."""


class InvalidTimezoneError(ValueError):
    """The text is not a known IANA time zone; the message is meant for the user."""

    def __init__(self, message: str, suggestions: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.suggestions = tuple(suggestions)


# ---------------------------------------------------------------------------------------------- parsing

_STRICT_TIME = re.compile(r"([0-9]{2}):([0-9]{2})")
# Only used to phrase a helpful error ("did you mean 09:00?"), never to accept input.
_LOOSE_TIME = re.compile(r"([0-9]{1,2})\s*[:.hH]\s*([0-9]{2})")


def parse_post_time(text: str) -> time:
    """Parse a strict 24-hour "HH:MM" time of day.

    Raises :class:`InvalidTimeError` with a message that can be shown to the user as is.
    """
    if not isinstance(text, str):
        raise InvalidTimeError(f"Expected a time as text like 07:30, got {type(text).__name__}.")
    stripped = text.strip()
    match = _STRICT_TIME.fullmatch(stripped)
    if match is None:
        loose = _LOOSE_TIME.fullmatch(stripped)
        if loose is not None and int(loose[1]) <= 23 and int(loose[2]) <= 59:
            raise InvalidTimeError(
                f"“{stripped}” is not in HH:MM form; did you mean {int(loose[1]):02d}:{int(loose[2]):02d}?"
            )
        raise InvalidTimeError(
            f"“{stripped}” is not a time of day: use the 24-hour HH:MM form, for example 07:30 or 18:00."
        )
    hour, minute = int(match[1]), int(match[2])
    if hour > 23:
        raise InvalidTimeError(f"“{stripped}”: the hour must be between 00 and 23.")
    if minute > 59:
        raise InvalidTimeError(f"“{stripped}”: the minutes must be between 00 and 59.")
    return time(hour, minute)


def format_post_time(value: time) -> str:
    """The canonical "HH:MM" spelling stored in the database."""
    return f"{value.hour:02d}:{value.minute:02d}"


# ---------------------------------------------------------------------------------------------- zones


@functools.cache
def available_timezones() -> tuple[str, ...]:
    """All IANA zone names usable for a schedule, sorted (from the tzdata package / system database)."""
    names = {
        name
        for name in zoneinfo.available_timezones()
        if name not in _EXCLUDED_ZONES and not name.startswith(("posix/", "right/"))
    }
    return tuple(sorted(names))


@functools.cache
def _zones_by_folded_name() -> dict[str, str]:
    return {_fold(name): name for name in available_timezones()}


def _fold(text: str) -> str:
    # Users type "new york", "New-York" or "america/new_york": compare in one spelling.
    return re.sub(r"[\s\-_]+", "_", text.strip()).lower()


def normalize_timezone(name: str) -> str:
    """Return the canonical IANA key for ``name`` (case and space/underscore tolerant).

    Raises :class:`InvalidTimezoneError` (with up to 3 suggestions) when it is not a known zone.
    """
    if not isinstance(name, str) or not name.strip():
        raise InvalidTimezoneError("Please give a time zone such as Europe/Paris or America/New_York.")
    stripped = name.strip()
    if stripped in available_timezones():
        return stripped
    found = _zones_by_folded_name().get(_fold(stripped))
    if found is not None:
        return found
    suggestions = search_timezones(stripped, limit=3)
    hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
    raise InvalidTimezoneError(
        f"“{stripped}” is not a known time zone: use an IANA name such as Europe/Paris.{hint}", suggestions
    )


def get_zone(name: str) -> ZoneInfo:
    """``ZoneInfo`` for a user-supplied or stored zone name (validated by :func:`normalize_timezone`)."""
    return ZoneInfo(normalize_timezone(name))


def _as_zone(tz: str | ZoneInfo) -> ZoneInfo:
    return tz if isinstance(tz, ZoneInfo) else get_zone(tz)


def _as_time(post_time: str | time) -> time:
    return post_time if isinstance(post_time, time) else parse_post_time(post_time)


def search_timezones(query: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[str]:
    """Zone names matching ``query`` for autocomplete, best first, at most ``min(limit, 25)``.

    Ranking: exact name or city, city prefix, full-name prefix, word prefix, substring, then close
    spellings (typos). Canonical "Area/City" names come before legacy aliases such as "US/Eastern".
    """
    limit = max(0, min(limit, AUTOCOMPLETE_LIMIT))
    folded_query = _fold(query or "")
    if not folded_query:
        return list(COMMON_TIMEZONES[:limit])

    ranked: list[tuple[int, int, str]] = []
    for name in available_timezones():
        folded = _fold(name)
        city = folded.rsplit("/", 1)[-1]
        if folded_query == folded:
            rank = 0
        elif folded_query == city:
            rank = 1
        elif city.startswith(folded_query):
            rank = 2
        elif folded.startswith(folded_query):
            rank = 3
        elif any(word.startswith(folded_query) for word in re.split(r"[/_]", folded)):
            rank = 4
        elif folded_query in folded:
            rank = 5
        else:
            continue
        legacy = 0 if name.split("/", 1)[0] in _CANONICAL_AREAS and "/" in name else 1
        ranked.append((rank, legacy, name))
    ranked.sort()
    results = [name for _, _, name in ranked[:limit]]

    if len(results) < limit:
        cities = {_fold(name).rsplit("/", 1)[-1]: name for name in available_timezones()}
        for city in difflib.get_close_matches(
            folded_query.rsplit("/", 1)[-1], list(cities), n=limit, cutoff=0.7
        ):
            if cities[city] not in results:
                results.append(cities[city])
            if len(results) >= limit:
                break
    return results


# ---------------------------------------------------------------------------------------------- instants


def _require_aware(value: datetime, what: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, got naive {value!r}")


def post_instant_on(post_time: str | time, tz: str | ZoneInfo, local_date: date) -> datetime:
    """The UTC instant at which the brief of ``local_date`` is due (see module docstring for DST)."""
    wall = datetime.combine(local_date, _as_time(post_time), tzinfo=_as_zone(tz))
    # fold=0 (the default) picks the first occurrence in an overlap and the pre-jump offset in a gap.
    return wall.astimezone(UTC)


def next_post_time(post_time: str | time, tz: str | ZoneInfo, after: datetime) -> datetime:
    """The first scheduled instant strictly after ``after`` (aware), in UTC."""
    _require_aware(after, "after")
    zone, at = _as_zone(tz), _as_time(post_time)
    local_day = after.astimezone(zone).date()
    # Start one day early: a post time just before a midnight gap can land on the next local date.
    for offset in range(-1, 3):
        instant = post_instant_on(at, zone, local_day + timedelta(days=offset))
        if instant > after:
            return instant
    raise AssertionError("unreachable: a post time exists within two days")  # pragma: no cover


def previous_post_time(post_time: str | time, tz: str | ZoneInfo, at_or_before: datetime) -> datetime:
    """The most recent scheduled instant ``<= at_or_before`` (aware), in UTC."""
    _require_aware(at_or_before, "at_or_before")
    zone, at = _as_zone(tz), _as_time(post_time)
    local_day = at_or_before.astimezone(zone).date()
    for offset in range(1, -3, -1):
        instant = post_instant_on(at, zone, local_day + timedelta(days=offset))
        if instant <= at_or_before:
            return instant
    raise AssertionError("unreachable: a post time exists within two days")  # pragma: no cover


def local_date_of(instant: datetime, tz: str | ZoneInfo) -> date:
    """The calendar date in ``tz`` at ``instant`` (aware): the key of that day's delivery."""
    _require_aware(instant, "instant")
    return instant.astimezone(_as_zone(tz)).date()


# ---------------------------------------------------------------------------------------------- DST


@dataclass(frozen=True)
class DstIssue:
    """One day on which the post time is affected by a DST transition."""

    kind: Literal["gap", "overlap"]
    local_date: date
    posts_at: datetime  # UTC instant of the (single) post that day
    local_posts_at: datetime  # the same instant on the zone's wall clock
    shift: timedelta  # gap: how much later than asked; overlap: how long the hour repeats


@dataclass(frozen=True)
class DstWarning:
    post_time: str
    timezone: str
    issues: tuple[DstIssue, ...]

    @property
    def message(self) -> str:
        """Human-readable explanation for the admin (one sentence per affected day)."""
        sentences = []
        for issue in self.issues:
            minutes = int(issue.shift.total_seconds() // 60)
            if issue.kind == "gap":
                sentences.append(
                    f"{self.post_time} does not exist in {self.timezone} on {issue.local_date.isoformat()} "
                    f"(clocks jump forward {minutes} min): that day the brief is posted at "
                    f"{issue.local_posts_at:%H:%M}."
                )
            else:
                sentences.append(
                    f"{self.post_time} happens twice in {self.timezone} on {issue.local_date.isoformat()} "
                    f"(clocks go back {minutes} min): the brief is posted once, "
                    f"at the first {self.post_time}."
                )
        return " ".join(sentences)


def _dst_issue(post_time: time, zone: ZoneInfo, day: date) -> DstIssue | None:
    wall = datetime.combine(day, post_time, tzinfo=zone)
    first_offset, second_offset = wall.utcoffset(), wall.replace(fold=1).utcoffset()
    if first_offset == second_offset or first_offset is None or second_offset is None:
        return None
    instant = wall.astimezone(UTC)
    local = instant.astimezone(zone)
    if local.replace(tzinfo=None) != wall.replace(tzinfo=None):
        return DstIssue("gap", day, instant, local, local.replace(tzinfo=None) - wall.replace(tzinfo=None))
    return DstIssue("overlap", day, instant, local, first_offset - second_offset)


def dst_warning(
    post_time: str | time, tz: str | ZoneInfo, around_date: date, *, days: int = 366
) -> DstWarning | None:
    """Tell whether ``post_time`` falls in a DST gap or overlap within ``days`` days from ``around_date``.

    Returns ``None`` when every day in the window has exactly one, unshifted post time.
    """
    zone, at = _as_zone(tz), _as_time(post_time)
    issues = tuple(
        issue
        for offset in range(days)
        if (issue := _dst_issue(at, zone, around_date + timedelta(days=offset))) is not None
    )
    if not issues:
        return None
    return DstWarning(format_post_time(at), zone.key, issues)
