"""Telling people about a source that was disabled. Core defines the interface; front ends deliver.

The Discord adapter (a message in the editors' channel) comes with the editor-review issue; until
then :class:`LogNotifier` writes a warning. The poller calls ``source_disabled`` once per disabling
(storage remembers that it was told).
"""

from __future__ import annotations

import logging
from typing import Protocol

from bot.feeds.models import SourceRecord

__all__ = ["LogNotifier", "SourceNotifier"]

log = logging.getLogger(__name__)


class SourceNotifier(Protocol):
    async def source_disabled(self, source: SourceRecord) -> None: ...


class LogNotifier:
    async def source_disabled(self, source: SourceRecord) -> None:
        log.warning("feed source %s (%s) disabled: %s", source.url, source.publisher, source.disabled_reason)
