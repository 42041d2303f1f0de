"""Telling people about a source that was disabled. Core defines the interface; front ends deliver.

The running Discord bot tells the editors' channel (``bot.discord_app.feed_notice``), the console
prints a line, and anything else logs a warning (:class:`LogNotifier`). The poller calls
``source_disabled`` once per disabling: storage records that it was told before telling, so a
restart never tells it again.
"""

from __future__ import annotations

import logging
from typing import Protocol

from bot.feeds.models import SourceRecord

__all__ = ["LogNotifier", "SourceNotifier", "disabled_notice"]

log = logging.getLogger(__name__)


class SourceNotifier(Protocol):
    async def source_disabled(self, source: SourceRecord) -> None: ...


def disabled_notice(source: SourceRecord, *, field_chars: int = 400) -> str:
    """One plain sentence about a disabled source (feed-supplied text cut to ``field_chars`` each)."""

    def cut(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= field_chars else text[: field_chars - 1] + "…"

    reason = cut(source.disabled_reason or "repeated failures")
    return (
        f"Feed source disabled: {cut(source.publisher)} ({cut(source.url)}) is no longer polled: {reason}. "
        f"`python -m bot feeds enable URL` polls it again."
    )


class LogNotifier:
    async def source_disabled(self, source: SourceRecord) -> None:
        log.warning("feed source %s (%s) disabled: %s", source.url, source.publisher, source.disabled_reason)
