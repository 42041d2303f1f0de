"""Render once: servers whose briefs would be identical share one rendered brief.

A brief depends only on the catalog version, the topics, the local date, the day it marks news
since (the server's previous brief) and whether it is late. At the minute thousands of servers are
due, most share those, so composing it per server (a pass over every story) is wasted work.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections import OrderedDict
from collections.abc import Hashable, Sequence

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

    def brief(
        self, day: dt.date, topics: Sequence[str] | None, since: dt.date | None, *, late: bool = False
    ) -> Reply:
        """``NewsDesk.brief`` with the same arguments, composed once per catalog version."""
        catalog = self.desk.library.snapshot
        if self._catalog is None or self._catalog() is not catalog:
            self._briefs.clear()
            self._catalog = weakref.ref(catalog)
        key = (tuple(topics) if topics else None, day, since, late)
        reply = self._briefs.get(key)
        if reply is None:
            reply = self._briefs[key] = self.desk.brief(day, topics, since, late=late)
            self.rendered += 1
            if len(self._briefs) > self.size:
                self._briefs.popitem(last=False)
        else:
            self._briefs.move_to_end(key)
        return reply
