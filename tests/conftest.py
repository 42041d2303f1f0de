"""Shared fixtures: the real story catalog, a story-file factory and a fake clock."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from bot.core.answering import Answerer
from bot.core.desk import NewsDesk
from bot.core.library import StoryLibrary

REPO_ROOT = Path(__file__).resolve().parent.parent
BRIEFS_DIR = REPO_ROOT / "briefs"


# --- story files -------------------------------------------------------------------------------------


def story_data(**overrides: Any) -> dict[str, Any]:
    """A valid story record as a dict; an override of None removes that key."""
    data: dict[str, Any] = {
        "id": "test-story",
        "title": "Test story about lighthouses",
        "topic": "Testing",
        "summary": "Lighthouse keepers in Testland went on strike over pay.",
        "aliases": ["lighthouse strike"],
        "keywords": ["lighthouse", "keepers"],
        "entities": {"people": ["Ada Keeper"], "places": ["Testland"], "organisations": ["Keepers Union"]},
        "updates": [
            {
                "date": dt.date(2025, 1, 2),
                "headline": "Keepers walk out",
                "text": "Lighthouse keepers walked out on Thursday. The union wants a ten percent raise.",
            }
        ],
        "facts": [{"text": "Testland has 42 lighthouses.", "date": dt.date(2025, 1, 2)}],
        "sources": [{"publisher": "Test Gazette"}],
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | dt.date):
        return str(value) if not isinstance(value, dt.date) else value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def toml_dumps(data: Mapping[str, Any]) -> str:
    """Enough TOML for story records: scalars first, then tables and arrays of tables."""
    lines: list[str] = []
    tables: list[str] = []
    for key, value in data.items():
        if isinstance(value, Mapping):
            tables.append(f"\n[{key}]")
            tables += [f"{k} = {_toml_value(v)}" for k, v in value.items()]
        elif isinstance(value, list | tuple) and value and all(isinstance(v, Mapping) for v in value):
            for item in value:
                tables.append(f"\n[[{key}]]")
                tables += [f"{k} = {_toml_value(v)}" for k, v in item.items()]
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines + tables) + "\n"


def write_story_file(directory: Path, filename: str | None = None, **overrides: Any) -> Path:
    data = story_data(**overrides)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / (filename or f"{data.get('id', 'story')}.toml")
    path.write_text(toml_dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def make_story_file() -> Callable[..., Path]:
    """``make_story_file(directory, filename=None, **overrides)`` writes a valid story file."""
    return write_story_file


# --- the real catalog -------------------------------------------------------------------------------


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def briefs_dir() -> Path:
    return BRIEFS_DIR


@pytest.fixture
def library(briefs_dir: Path) -> StoryLibrary:
    return StoryLibrary.load(briefs_dir)


@pytest.fixture
def desk(library: StoryLibrary) -> NewsDesk:
    return NewsDesk(library)


@pytest.fixture
def answerer(library: StoryLibrary) -> Answerer:
    return library.answerer


# --- time ---------------------------------------------------------------------------------------------


class FakeClock:
    """A monotonic clock that only moves when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
