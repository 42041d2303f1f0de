"""A reload lets the replaced catalog go: nothing it built keeps it alive after the swap."""

from __future__ import annotations

import gc
import os
import weakref
from pathlib import Path

import pytest

import bot.core.library as library_module
from benchmarks.generate import _StoryMaker
from bot.core.library import StoryLibrary


@pytest.mark.parametrize("packed", [False, True], ids=["live", "packed"])
def test_a_replaced_index_and_answerer_are_freed_without_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packed: bool
) -> None:
    monkeypatch.setattr(library_module, "PACK_FROM", 1 if packed else 10**9)
    maker = _StoryMaker(12, 60)
    for number in range(60):
        story_id, text = maker.story(number)
        (tmp_path / f"{story_id}.toml").write_text(text, encoding="utf-8")
    library = StoryLibrary.load(tmp_path)
    library.answerer.ask("what happened in the talks?")  # fill the memo caches
    old_index, old_answerer = weakref.ref(library.index), weakref.ref(library.answerer)
    edited = sorted(tmp_path.glob("*.toml"))[3]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stat = edited.stat()
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    gc.disable()  # as after a large load, which freezes the catalog out of the collector's reach
    try:
        assert library.reload().changed == (edited.name,)
        assert old_index() is None and old_answerer() is None  # freed by reference counting alone
    finally:
        gc.enable()
