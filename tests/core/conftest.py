"""Fixtures shared by the core tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot.core.library as library_module


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the library parses from now on."""
    seen: list[str] = []
    real = library_module.parse_story_file

    def counting(path: Path):  # type: ignore[no-untyped-def]
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(library_module, "parse_story_file", counting)
    return seen
