"""Fixtures shared by the core tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot.core.parallel_parse as parallel_parse


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the library parses from now on."""
    seen: list[str] = []
    real = parallel_parse.parse_story_file

    def counting(path: Path):  # type: ignore[no-untyped-def]
        seen.append(path.name)
        return real(path)

    # The library parses in this process through parallel_parse (see parsed_here).
    monkeypatch.setattr(parallel_parse, "parse_story_file", counting)
    return seen
