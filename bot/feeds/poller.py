"""Polling: which sources are due, fetching them concurrently within caps, and each one's state.

A source's failure is contained: every source is polled inside its own ``try`` and its outcome
written to storage, so a hanging, huge, malformed or hostile feed costs that source a failure count,
never the pass. Fetches run concurrently under a global cap and a per-host cap (our own semaphores:
aiohttp's pool would count waiting for a connection against the request's timeout).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from bot.feeds.cadence import backoff_seconds, next_interval_seconds, retry_after_seconds
from bot.feeds.fetch import Fetcher, FetchResult
from bot.feeds.models import SourceRecord
from bot.feeds.notify import LogNotifier, SourceNotifier
from bot.feeds.parse import FeedParseError, parse_feed
from bot.feeds.settings import FeedsPolicy
from bot.feeds.store import FeedStore, StoredItem

__all__ = ["PollReport", "Poller", "SourceOutcome"]

log = logging.getLogger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SourceOutcome:
    url: str
    outcome: str  # "ok", "not_modified", "error", "disabled"
    new_items: int = 0
    error: str | None = None
    first_fetch: bool = False  # its items were recorded as the source's starting point, not proposed


@dataclass
class PollReport:
    outcomes: list[SourceOutcome] = field(default_factory=list)
    new_items: list[StoredItem] = field(default_factory=list)  # to propose (not first-fetch items)
    proposals: list[int] = field(default_factory=list)  # filled by the service

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for outcome in self.outcomes:
            counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
        parts = ", ".join(f"{n} {name}" for name, n in sorted(counts.items())) or "nothing due"
        recorded = sum(o.new_items for o in self.outcomes if o.first_fetch)
        first = f", {recorded} recorded from first fetches (not proposed)" if recorded else ""
        return f"polled {len(self.outcomes)} source(s): {parts}; {len(self.new_items)} new item(s){first}"


class Poller:
    def __init__(
        self,
        store: FeedStore,
        policy: FeedsPolicy,
        *,
        notifier: SourceNotifier | None = None,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.store = store
        self.policy = policy
        self.notifier = notifier or LogNotifier()
        self.clock = clock
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def poll_once(self, fetcher: Fetcher | None = None, *, everything: bool = False) -> PollReport:
        """Poll every due source once (concurrently, within the caps); return what happened.

        ``everything`` polls every enabled source now, due or not (an operator's "poll now").
        """
        now = self.clock()
        due = await self.store.due_sources(now, everything=everything)
        report = PollReport()
        if not due:
            return report
        if fetcher is None:
            async with Fetcher(self.policy) as own:
                return await self._poll(due, own, now, report)
        return await self._poll(due, fetcher, now, report)

    async def _poll(
        self, due: list[SourceRecord], fetcher: Fetcher, now: datetime, report: PollReport
    ) -> PollReport:
        limit = asyncio.Semaphore(self.policy.max_concurrency)
        results = await asyncio.gather(
            *(self._guarded(source, fetcher, now, limit) for source in due), return_exceptions=True
        )
        for source, result in zip(due, results, strict=True):
            if isinstance(result, BaseException):  # only cancellation gets here; recorded, not raised
                report.outcomes.append(SourceOutcome(source.url, "error", error=repr(result)))
                continue
            outcome, items = result
            report.outcomes.append(outcome)
            report.new_items.extend(items)
        return report

    async def _guarded(
        self, source: SourceRecord, fetcher: Fetcher, now: datetime, limit: asyncio.Semaphore
    ) -> tuple[SourceOutcome, list[StoredItem]]:
        host = (urlsplit(source.url).hostname or "").lower()
        host_limit = self._hosts.setdefault(host, asyncio.Semaphore(self.policy.per_host_concurrency))
        async with limit, host_limit:
            try:
                return await self._poll_source(source, fetcher, now)
            except Exception as exc:  # a bug or a database hiccup for one source must not stop the pass
                log.exception("polling %s failed unexpectedly", source.url)
                try:
                    return await self._failed(
                        source, now, f"internal error: {type(exc).__name__}: {exc}", None
                    )
                except Exception:
                    return SourceOutcome(source.url, "error", error=str(exc)), []

    async def _poll_source(
        self, source: SourceRecord, fetcher: Fetcher, now: datetime
    ) -> tuple[SourceOutcome, list[StoredItem]]:
        result = await fetcher.fetch(source.url, source.etag, source.last_modified)
        if result.outcome == "not_modified":
            interval = next_interval_seconds(source.interval_seconds, [], 0, self.policy)
            await self.store.record_poll(
                source.id,
                now,
                interval_seconds=interval,
                next_poll_at=now + timedelta(seconds=interval),
                last_success_at=now,
                last_error=None,
                consecutive_failures=0,
            )
            return SourceOutcome(source.url, "not_modified"), []
        if result.outcome != "ok":
            return await self._failed(source, now, result.error or "failed", result)
        try:
            # Parsing a few MB of XML takes a while: off the event loop, so other fetches go on.
            parsed = await asyncio.to_thread(parse_feed, result.body, result.content_type)
        except FeedParseError as exc:
            return await self._failed(source, now, f"not a feed: {exc}", None)
        baseline = not source.primed
        new = await self.store.record_items(source, parsed.items, now, baseline=baseline)
        published = [item.published for item in parsed.items if item.published is not None]
        interval = next_interval_seconds(source.interval_seconds, published, len(new), self.policy)
        await self.store.record_poll(
            source.id,
            now,
            # Validators come only from a 200: a missing header clears an old one.
            etag=result.etag,
            last_modified=result.last_modified,
            interval_seconds=interval,
            next_poll_at=now + timedelta(seconds=interval),
            last_success_at=now,
            last_error="; ".join(parsed.warnings) or None,
            consecutive_failures=0,
            primed=True,
        )
        # The first fetch of a new source only records what is there: old news is not proposed.
        return SourceOutcome(source.url, "ok", len(new), first_fetch=baseline), ([] if baseline else new)

    async def _failed(
        self, source: SourceRecord, now: datetime, error: str, result: FetchResult | None
    ) -> tuple[SourceOutcome, list[StoredItem]]:
        failures = source.consecutive_failures + 1
        wait = backoff_seconds(failures, self.policy)
        retry_after = retry_after_seconds(result.retry_after if result else None, now, self.policy)
        if retry_after is not None:
            wait = max(wait, retry_after)  # never earlier than the server asked
        permanent = bool(result and result.permanent)
        disable = permanent or failures >= self.policy.max_failures
        values: dict[str, object] = {
            "consecutive_failures": failures,
            "last_error": error,
            "next_poll_at": now + timedelta(seconds=wait),
        }
        if disable:
            values["disabled_reason"] = (
                f"{error} (not retried: this will not fix itself)"
                if permanent
                else f"{failures} failures in a row, the last: {error}"
            )
            values["disabled_at"] = now
        record = await self.store.record_poll(source.id, now, **values)
        if disable:
            if await self.store.mark_disabled_notified(source.id, now):
                try:
                    await self.notifier.source_disabled(record)
                except Exception:
                    log.exception("telling about the disabled source %s failed", source.url)
            return SourceOutcome(source.url, "disabled", error=error), []
        return SourceOutcome(source.url, "error", error=error), []

    async def seconds_until_due(self, cap: float) -> float:
        next_due = await self.store.next_due_at()
        if next_due is None:
            return cap
        return max(0.0, min(cap, (next_due - self.clock()).total_seconds()))
