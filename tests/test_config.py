"""Configuration: defaults, file values, environment overrides, and errors that name the key."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from bot.config import DEFAULT_BRIEFS, ConfigError, load_settings

SECRET = "s3cr3t-token-value"


@pytest.fixture(autouse=True)
def _no_config_in_cwd(tmp_path: Path, monkeypatch) -> None:
    """The default config file is ./config.toml: run every test in an empty folder."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults() -> None:
    settings = load_settings(None, env={})
    assert settings.bot.briefs_dir == DEFAULT_BRIEFS
    assert settings.bot.log_level == "INFO"
    assert settings.bot.reload_seconds == 5.0
    assert settings.bot.load_workers == 1  # one worker beside the bot at a large cold start
    assert settings.token is None
    assert settings.answering.conversation_ttl_minutes == 30
    assert settings.answering.max_conversations == 10_000
    assert settings.console.timezone == "UTC"
    assert settings.console.brief_time is None
    assert settings.database.url.startswith("sqlite")


def test_default_config_file_in_the_working_folder(monkeypatch, tmp_path: Path) -> None:
    Path("config.toml").write_text('[bot]\nlog_level = "debug"\n')
    assert load_settings(None, env={}).bot.log_level == "DEBUG"


def test_file_values(tmp_path: Path) -> None:
    path = _config(
        tmp_path,
        """
[bot]
briefs_dir = "stories"
log_level = "warning"
reload_seconds = 0

[answering]
conversation_ttl_minutes = 5
max_conversations = 20

[console]
brief_time = "07:30"
timezone = "Europe/Paris"
topics = ["Trade", "Europe"]

[database]
url = "sqlite+aiosqlite:///other.db"
""",
    )
    settings = load_settings(path, env={})
    assert settings.bot.briefs_dir == (tmp_path / "stories").resolve()  # relative to the config file
    assert settings.bot.log_level == "WARNING"
    assert settings.bot.reload_seconds == 0
    assert settings.answering.conversation_ttl_minutes == 5
    assert settings.answering.max_conversations == 20
    assert settings.console.brief_time == "07:30"
    assert settings.console.timezone == "Europe/Paris"
    assert settings.console.topics == ["Trade", "Europe"]
    assert settings.database.url == "sqlite+aiosqlite:///other.db"


def test_absolute_briefs_dir_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    path = _config(tmp_path, f'[bot]\nbriefs_dir = "{target.as_posix()}"\n')
    assert load_settings(path, env={}).bot.briefs_dir == target


def test_env_token_overrides_the_file(tmp_path: Path, caplog) -> None:
    path = _config(tmp_path, f'[discord]\ntoken = "{SECRET}"\n')
    with caplog.at_level(logging.WARNING, logger="bot.config"):
        settings = load_settings(path, env={"DISCORD_TOKEN": "from-env"})
    assert settings.token == "from-env"
    assert "token" not in caplog.text.lower()  # no warning: the environment is the right place


def test_token_only_in_the_file_is_used_with_a_warning(tmp_path: Path, caplog) -> None:
    path = _config(tmp_path, f'[discord]\ntoken = "{SECRET}"\n')
    with caplog.at_level(logging.WARNING, logger="bot.config"):
        settings = load_settings(path, env={})
    assert settings.token == SECRET
    assert "DISCORD_TOKEN" in caplog.text
    assert SECRET not in caplog.text


def test_empty_token_means_none(tmp_path: Path) -> None:
    path = _config(tmp_path, '[discord]\ntoken = ""\n')
    assert load_settings(path, env={"DISCORD_TOKEN": ""}).token is None


def test_env_overrides_urls() -> None:
    settings = load_settings(
        None,
        env={
            "DISCORD_API_BASE": "http://localhost:9999/api",
            "DISCORD_GATEWAY_URL": "ws://localhost:9999/gw",
            "DATABASE_URL": "postgresql+asyncpg://db/x",
        },
    )
    assert settings.discord.api_base == "http://localhost:9999/api"
    assert settings.discord.gateway_url == "ws://localhost:9999/gw"
    assert settings.database.url == "postgresql+asyncpg://db/x"


def test_token_never_shown(tmp_path: Path) -> None:
    path = _config(tmp_path, f'[discord]\ntoken = "{SECRET}"\n')
    for env in ({}, {"DISCORD_TOKEN": SECRET}):
        settings = load_settings(path, env=env)
        for shown in (repr(settings), str(settings), repr(settings.discord), settings.model_dump_json()):
            assert SECRET not in shown
        assert settings.token == SECRET


@pytest.mark.parametrize(
    "text",
    [
        f'[discord]\ntoken = "{SECRET}"\nshard_count = 0\n',
        f'[discord]\ntoken = ["{SECRET}"]\n',
        f'[discord]\ntoken = {{ value = "{SECRET}" }}\n',
        f'[discord]\ntoken = "{SECRET}"\n[bot]\nlog_level = "LOUD"\n',
        f'[discord]\ntoken = "{SECRET}\n',  # unterminated string
        f"[discord]\ntoken = {SECRET}\n",  # unquoted
    ],
)
def test_token_never_in_config_errors(tmp_path: Path, text: str) -> None:
    path = _config(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    assert SECRET not in str(caught.value)
    assert SECRET not in repr(caught.value)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[bot]\nlog_level = "LOUD"\n', "bot.log_level"),
        ("[bot]\nreload_seconds = -1\n", "bot.reload_seconds"),
        ('[bot]\nreload_seconds = "often"\n', "bot.reload_seconds"),
        ("[answering]\nconversation_ttl_minutes = 0\n", "answering.conversation_ttl_minutes"),
        ("[answering]\nmax_conversations = -3\n", "answering.max_conversations"),
        ("[schedule]\nmax_concurrency = 0\n", "schedule.max_concurrency"),
        ("[discord]\nshard_count = 0\n", "discord.shard_count"),
        ('[discord]\ndev_guild_id = "my server"\n', "discord.dev_guild_id"),
        ('[bot]\nbriefs_dri = "x"\n', "bot.briefs_dri"),  # a typo'd key
        ("[bott]\nlog_level = 'INFO'\n", "bott"),  # a typo'd section
        ('[console]\ntimezone = "Mars/Olympus_Mons"\n', "console.timezone"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, text: str, key: str) -> None:
    path = _config(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    assert key in str(caught.value)


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "Europe/Pariss", "not a zone", "../etc/passwd"])
def test_unknown_time_zone_is_rejected(tmp_path: Path, zone: str) -> None:
    path = _config(tmp_path, f'[console]\ntimezone = "{zone}"\n')
    with pytest.raises(ConfigError, match="unknown time zone"):
        load_settings(path, env={})


def test_toml_syntax_error(tmp_path: Path) -> None:
    path = _config(tmp_path, "[bot\n")
    with pytest.raises(ConfigError, match="TOML syntax error"):
        load_settings(path, env={})


def test_named_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_settings(tmp_path / "missing.toml", env={})


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes('[bot]\nlog_level = "INFO" # café\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="cannot be read"):
        load_settings(path, env={})


def test_shard_ids_must_fit_the_shard_count(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[discord]\nshard_count = 2\nshard_ids = [0, 2]\n")
    with pytest.raises(ConfigError, match="shard_ids"):
        load_settings(path, env={})


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "DISCORD_API_BASE",
            "ftp://example.org/api",
            "DISCORD_API_BASE (environment): must start with http://",
        ),
        (
            "DISCORD_GATEWAY_URL",
            "http://example.org",
            "DISCORD_GATEWAY_URL (environment): must start with ws://",
        ),
    ],
)
def test_environment_values_are_validated_like_the_file(variable: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(None, env={variable: value})


def test_file_urls_are_validated_too(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[discord]\napi_base = "discord.com/api"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"discord\.api_base: must start with http://"):
        load_settings(path, env={})
