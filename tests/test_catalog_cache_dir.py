"""Where the composition root puts the catalog cache."""

from __future__ import annotations

from pathlib import Path

from bot.app import catalog_cache_dir
from bot.config import Settings


def _settings(**bot: object) -> Settings:
    return Settings.model_validate({"bot": {"briefs_dir": "/srv/news/briefs", **bot}})


def test_beside_a_sqlite_database_file() -> None:
    settings = _settings()
    settings.database.url = "sqlite+aiosqlite:///data/newsbrief.sqlite3"
    assert catalog_cache_dir(settings) == Path("data/newsbrief.sqlite3.catalog-cache")


def test_next_to_the_story_folder_for_other_databases() -> None:
    settings = _settings()
    settings.database.url = "postgresql+asyncpg://db/news"
    assert catalog_cache_dir(settings) == Path("/srv/news/.catalog-cache")
    settings.database.url = "sqlite+aiosqlite:///:memory:"
    assert catalog_cache_dir(settings) == Path("/srv/news/.catalog-cache")


def test_a_configured_folder_or_none() -> None:
    assert catalog_cache_dir(_settings(catalog_cache="/var/cache/nb")) == Path("/var/cache/nb")
    assert catalog_cache_dir(_settings(cache_catalog=False)) is None
