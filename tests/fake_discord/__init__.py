"""A fake Discord for tests: the real discord.py client talks to it over HTTP and WebSocket."""

from .harness import ErrorLogCollector, fail_on_error_logs, run_client, test_client_options
from .models import (
    ADMINISTRATOR,
    ALL_PERMISSIONS,
    MEMBER_OVERWRITE,
    ROLE_OVERWRITE,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    Overwrite,
    World,
    default_world,
    new_snowflake,
)
from .server import (
    FakeDiscord,
    FakeDiscordTimeout,
    GatewayFrame,
    InteractionHandle,
    RecordedRequest,
    ScriptedResponse,
)

__all__ = [
    "ADMINISTRATOR",
    "ALL_PERMISSIONS",
    "MEMBER_OVERWRITE",
    "ROLE_OVERWRITE",
    "ErrorLogCollector",
    "FakeChannel",
    "FakeDiscord",
    "FakeDiscordTimeout",
    "FakeGuild",
    "FakeMember",
    "FakeRole",
    "FakeUser",
    "GatewayFrame",
    "InteractionHandle",
    "Overwrite",
    "RecordedRequest",
    "ScriptedResponse",
    "World",
    "default_world",
    "fail_on_error_logs",
    "new_snowflake",
    "run_client",
    "test_client_options",
]
