"""Fixtures shared by the core tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import bot.core.library as library_module
import bot.core.parallel_parse as parallel_parse
from bot.core.answering import Answerer
from bot.core.index import StoryIndex
from bot.core.memory import ConversationMemory
from tests.conftest import BRIEFS_DIR


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the library parses from now on."""
    seen: list[str] = []
    real = parallel_parse.StoryFolder.parse

    def counting(self, name: str):  # type: ignore[no-untyped-def]
        seen.append(name)
        return real(self, name)

    # The library parses in this process through parallel_parse (see parsed_here), file by file
    # by name in an open folder.
    monkeypatch.setattr(parallel_parse.StoryFolder, "parse", counting)
    return seen


@pytest.fixture
def stories_read_again(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry each time an index reads its stories for their words (no postings given)."""
    reads: list[int] = []
    real = StoryIndex._postings_here

    def counting(self: StoryIndex, known_ids):  # type: ignore[no-untyped-def]
        if len(self.stories):  # not the empty catalog a library starts from
            reads.append(len(self.stories))
        return real(self, known_ids)

    monkeypatch.setattr(StoryIndex, "_postings_here", counting)
    return reads


@pytest.fixture
def cache_every_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """The library caches catalogs of any size (by default only large ones)."""
    monkeypatch.setattr(library_module, "CACHE_FROM", 0)


@pytest.fixture
def briefs_copy(tmp_path: Path, make_story_file: Callable[..., Path]) -> Path:
    """The project's story records and one made-up story, in a folder the test may edit."""
    directory = tmp_path / "briefs"
    directory.mkdir()
    for path in sorted(BRIEFS_DIR.glob("*.toml")):
        shutil.copyfile(path, directory / path.name)
    make_story_file(directory)
    return directory


@pytest.fixture
def talking(library) -> Answerer:
    """An answerer over the project's own stories, with conversation memory of its own."""
    return Answerer(library.index, ConversationMemory())
