"""Render once: servers whose briefs would be identical share one rendered brief.

A brief depends only on the catalog version, the topics, the local date, which updates it calls new
and whether it is late. Which updates are new depends on when the server's previous brief was posted,
but only through which updates were added after it: servers whose previous briefs fall between the
same two additions get the same brief. At the minute thousands of servers are due, most share these,
so composing it per server (a pass over every story) is wasted work.
"""

from __future__ import annotations

import datetime as dt
import weakref
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Hashable, Sequence

from bot.core.briefing import added_at, new_cutoff
from bot.core.desk import NewsDesk
from bot.core.replies import Reply

MAX_BRIEFS = 256  # distinct (topics, date, since, late) briefs kept per catalog version


class RenderedBriefs:
    """Rendered briefs of the desk's current catalog; a reload starts afresh."""

    def __init__(self, desk: NewsDesk, size: int = MAX_BRIEFS) -> None:
        self.desk = desk
        self.size = size
        self.rendered = 0  # how many briefs were composed (the rest were shared)
        self._briefs: OrderedDict[Hashable, Reply] = OrderedDict()
        # A weak reference: an old catalog is not kept alive by this cache after a reload.
        self._catalog: weakref.ref[object] | None = None
        self._instants: list[dt.datetime] | None = None

    def brief(
        self,
        day: dt.date,
        topics: Sequence[str] | None,
        since: dt.date | None,
        *,
        late: bool = False,
        seen_at: dt.datetime | None = None,
        now: dt.datetime | None = None,
    ) -> Reply:
        """``NewsDesk.brief`` with the same arguments, composed once per catalog version and
        set of new updates."""
        catalog = self.desk.library.snapshot
        if self._catalog is None or self._catalog() is not catalog:
            self._briefs.clear()
            self._instants = None
            self._catalog = weakref.ref(catalog)
        # Where the cutoff falls among the catalog's additions decides which updates are new.
        position = bisect_right(self._additions(), new_cutoff(day, seen_at, now))
        key = (tuple(topics) if topics else None, day, since if seen_at else None, late, position)
        reply = self._briefs.get(key)
        if reply is None:
            reply = self._briefs[key] = self.desk.brief(
                day, topics, since, late=late, seen_at=seen_at, now=now
            )
            self.rendered += 1
            if len(self._briefs) > self.size:
                self._briefs.popitem(last=False)
        else:
            self._briefs.move_to_end(key)
        return reply

    def _additions(self) -> list[dt.datetime]:
        """When each update of the catalog became known, in order (once per catalog version)."""
        if self._instants is None:
            self._instants = sorted(
                {added_at(u) for story in self.desk.library.stories for u in story.updates}
            )
        return self._instants
