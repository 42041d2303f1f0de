"""The index's postings of a large packed catalog, built from words extracted in worker processes.

A full build reads every story: unpacking it, tokenising its fields and stemming (~100 us a story,
~10 s at 100k). Workers (:mod:`bot.core.workers`) do that for chunks of consecutive stories with
:func:`bot.core.story_words.record_chunk_words` and number words and stems within the chunk; this
process renumbers them into the index's tables (``PostingsBuilder.add_chunk``), taking the chunks in
order, so every table comes out exactly as the serial build in :class:`bot.core.index.StoryIndex`
makes it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from itertools import repeat

from bot.core.models import PACK_DICTIONARY
from bot.core.postings import Postings, PostingsBuilder
from bot.core.story_words import record_chunk_words
from bot.core.workers import POOL_FAILURES, worker_pool

log = logging.getLogger(__name__)

# Stories per task: ~0.1 s of a worker's time. Each chunk stems its own distinct words again (a
# worker keeps no vocabulary between chunks, which would cost it ~20 MB), so not much smaller.
BUILD_CHUNK = 5000


def postings_in_workers(records: Sequence[bytes], ids: Sequence[str]) -> Postings | None:
    """The postings of ``records`` (packed stories whose ids are ``ids``, ascending); None when the
    workers could not do it or the ids do not ascend (the caller then builds here)."""
    built = PostingsBuilder()
    try:
        with worker_pool() as pool:
            starts = range(0, len(records), BUILD_CHUNK)
            tasks = [records[at : at + BUILD_CHUNK] for at in starts]
            words = pool.map(record_chunk_words, tasks, repeat(PACK_DICTIONARY))
            for at, chunk in zip(starts, words, strict=True):
                if not built.add_chunk(ids[at : at + BUILD_CHUNK], chunk):
                    return None
    except POOL_FAILURES as exc:
        log.warning("indexing in worker processes failed (%s); indexing here", exc)
        return None
    return built.result()
