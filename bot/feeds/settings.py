"""Configuration of feed sources (``[[feeds]]``) and of the poller (``[feeds_policy]``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["FeedConfig", "FeedsPolicy", "validate_feed_url"]

_MAX_URL_LENGTH = 2000


def validate_feed_url(value: str) -> str:
    """A feed URL must be absolute http(s); anything else (file:, ftp:, javascript:) is refused."""
    from urllib.parse import urlsplit

    value = value.strip()
    if len(value) > _MAX_URL_LENGTH:
        raise ValueError(f"a feed URL may be at most {_MAX_URL_LENGTH} characters")
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"a feed URL must be http:// or https:// with a host, got {value!r}")
    return value


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FeedConfig(_Section):
    """One ``[[feeds]]`` entry: a source the operator wants polled."""

    url: str
    publisher: str = Field(min_length=1, max_length=200)
    language: str | None = Field(default=None, max_length=16)
    topics: list[str] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return validate_feed_url(value)


class FeedsPolicy(_Section):
    """How the poller behaves. Defaults suit a public deployment; tests loosen ``allow_private_addresses``."""

    # Named in the User-Agent so a publisher can reach the operator instead of blocking the bot.
    contact: str | None = None
    user_agent_name: str = "newsbrief-bot"
    # Refuse loopback, private, link-local and other non-global addresses: a feed URL must not reach
    # inside the operator's network. Only tests and deliberate intranet set-ups turn this on.
    allow_private_addresses: bool = False
    min_interval_minutes: float = Field(default=10, gt=0)
    default_interval_minutes: float = Field(default=60, gt=0)
    max_interval_minutes: float = Field(default=24 * 60, gt=0)
    backoff_base_minutes: float = Field(default=5, gt=0)
    max_failures: int = Field(default=8, ge=1)  # consecutive failures before a source is disabled
    connect_timeout_seconds: float = Field(default=10, gt=0)
    total_timeout_seconds: float = Field(default=30, gt=0)
    max_bytes: int = Field(default=5_000_000, ge=1024)
    max_redirects: int = Field(default=5, ge=0)
    per_host_concurrency: int = Field(default=2, ge=1)
    max_concurrency: int = Field(default=20, ge=1)
    group_window_hours: float = Field(default=72, gt=0)  # near-duplicates are looked for this far apart
    max_retry_after_minutes: float = Field(default=24 * 60, gt=0)  # a Retry-After beyond this is capped
    # How often the running bot looks for due sources when none is due sooner: a source added from
    # another shell (``feeds add``) is polled within this time.
    idle_check_seconds: float = Field(default=60, gt=0)

    @model_validator(mode="after")
    def _intervals_ordered(self) -> FeedsPolicy:
        if not self.min_interval_minutes <= self.default_interval_minutes <= self.max_interval_minutes:
            raise ValueError("need min_interval_minutes <= default_interval_minutes <= max_interval_minutes")
        return self

    def user_agent(self) -> str:
        contact = f"; +{self.contact}" if self.contact else ""
        return f"{self.user_agent_name}/{_version()} (news briefing bot{contact})"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsbrief-bot")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "dev"
