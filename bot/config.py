"""Configuration: a TOML file (see config.example.toml) plus environment variables.

Secrets come from the environment: ``DISCORD_TOKEN`` wins over a token in the file, and a token in
the file earns a warning because config files get committed and shared.
"""

from __future__ import annotations

import logging
import os
import tomllib
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.feeds.settings import FeedConfig, FeedsPolicy
from bot.review.settings import ReviewSettings

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BRIEFS = REPO_ROOT / "briefs"
DEFAULT_CONFIG = Path("config.toml")


class ConfigError(Exception):
    """The configuration is unusable; the message says which key and why."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BotSection(_Section):
    briefs_dir: Path = DEFAULT_BRIEFS
    log_level: str = "INFO"
    reload_seconds: float = Field(default=5.0, ge=0)  # 0 disables watching briefs/
    # Parsed stories and the index, kept between runs (see bot/core/catalog_cache.py). Default: beside
    # the SQLite database file, else ``.catalog-cache`` next to briefs_dir. ``cache_catalog = false``
    # turns it off.
    catalog_cache: Path | None = None
    cache_catalog: bool = True
    # Worker processes parsing beside the bot's own at a cold start of a large catalog (5,000 files
    # or more; see bot/core/workers.py), one core left to the bot's: 1 takes a 100k cold start on two
    # cores from ~17 s to ~10.5 s, both processes together under 300 MB; 0 parses in the bot's alone.
    load_workers: int = Field(default=1, ge=0, le=2)

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return value.upper()


class DiscordSection(_Section):
    token: SecretStr | None = None
    api_base: str | None = None  # e.g. a Discord-compatible server or a REST proxy
    gateway_url: str | None = None
    dev_guild_id: int | None = None  # commands sync here instantly at start-up
    shard_count: int = Field(default=1, ge=1)
    shard_ids: list[int] | None = None
    # The whole deployment's budget for posting (Discord allows 50/s globally; the rest is headroom
    # for interactions and other calls). Shared through [redis] url when set, else per process.
    requests_per_second: float = Field(default=40.0, gt=0, le=50)

    @model_validator(mode="after")
    def _shards_in_range(self) -> DiscordSection:
        if self.shard_ids is not None:
            wrong = [i for i in self.shard_ids if not 0 <= i < self.shard_count]
            if wrong or not self.shard_ids:
                raise ValueError(f"shard_ids must be between 0 and shard_count - 1 ({self.shard_count - 1})")
        return self

    @field_validator("api_base", "gateway_url")
    @classmethod
    def _url(cls, value: str | None, info: ValidationInfo) -> str | None:
        schemes = ("http://", "https://") if info.field_name == "api_base" else ("ws://", "wss://")
        if value is not None and not value.strip().lower().startswith(schemes):
            raise ValueError(f"must start with {' or '.join(schemes)}")
        return value

    @field_validator("token", mode="before")
    @classmethod
    def _empty_token(cls, value: Any) -> Any:
        return value or None


class RedisSection(_Section):
    url: str | None = None  # redis://host:6379: one rate budget shared by every process

    @field_validator("url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value or None


class AnsweringSection(_Section):
    conversation_ttl_minutes: float = Field(default=30, gt=0)
    max_conversations: int = Field(default=10_000, gt=0)


class DatabaseSection(_Section):
    url: str = "sqlite+aiosqlite:///newsbrief.sqlite3"


class ScheduleSection(_Section):
    grace_minutes: float = Field(default=120, ge=0)  # how late a missed brief may still be posted
    max_concurrency: int = Field(default=10, ge=1)
    # A delivery's claim is a lease renewed by the live process: a dead process's briefs are taken
    # over this long after it died. The sweep (catch-up of anything unsettled) runs this often.
    lease_seconds: float = Field(default=60, ge=0.3)
    sweep_seconds: float = Field(default=60, ge=1)


class ConsoleSection(_Section):
    brief_time: str | None = None  # "HH:MM": post a daily brief into the terminal
    timezone: str = "UTC"
    topics: list[str] | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name like Europe/Paris)") from exc
        return value


class Settings(_Section):
    bot: BotSection = BotSection()
    discord: DiscordSection = DiscordSection()
    answering: AnsweringSection = AnsweringSection()
    database: DatabaseSection = DatabaseSection()
    redis: RedisSection = RedisSection()
    schedule: ScheduleSection = ScheduleSection()
    console: ConsoleSection = ConsoleSection()
    feeds: list[FeedConfig] = Field(default_factory=list)  # [[feeds]]: see bot/feeds/settings.py
    feeds_policy: FeedsPolicy = FeedsPolicy()
    review: ReviewSettings = ReviewSettings()  # [review]: see bot/review/settings.py

    @property
    def token(self) -> str | None:
        return self.discord.token.get_secret_value() if self.discord.token else None


# Environment variables that override a key of the file, validated exactly like the file's values.
ENVIRONMENT = {
    "DISCORD_TOKEN": ("discord", "token"),
    "DISCORD_API_BASE": ("discord", "api_base"),
    "DISCORD_GATEWAY_URL": ("discord", "gateway_url"),
    "DATABASE_URL": ("database", "url"),
    "REDIS_URL": ("redis", "url"),
}


def load_settings(path: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Read the config file (optional unless named explicitly) and apply the environment."""
    env = dict(os.environ if env is None else env)
    data: dict[str, Any] = {}
    explicit = path is not None
    path = Path(path) if path is not None else DEFAULT_CONFIG
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: TOML syntax error: {exc}") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot be read: {exc}") from exc
    elif explicit:
        raise ConfigError(f"{path}: no such config file")
    discord_section = data.get("discord")
    file_token = discord_section.get("token") if isinstance(discord_section, dict) else None
    # Where each overridden key came from, so an error names the variable rather than the file.
    sources: dict[tuple[str, str], str] = {}
    for variable, (section, key) in ENVIRONMENT.items():
        value = env.get(variable)
        if value and isinstance(data.setdefault(section, {}), dict):
            data[section][key] = value
            sources[(section, key)] = variable
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            location = [str(p) for p in err["loc"]]
            message = err["msg"].removeprefix("Value error, ")
            source = sources.get((location[0], location[1])) if len(location) >= 2 else None
            where = f"{source} (environment)" if source else f"{path}: {'.'.join(location)}"
            problems.append(f"{where}: {message}")
        raise ConfigError("; ".join(problems)) from None
    if settings.bot.briefs_dir and not settings.bot.briefs_dir.is_absolute() and explicit:
        settings.bot.briefs_dir = (path.parent / settings.bot.briefs_dir).resolve()
    if file_token and not env.get("DISCORD_TOKEN"):
        log.warning("the Discord token is read from %s; prefer the DISCORD_TOKEN environment variable", path)
    return settings
