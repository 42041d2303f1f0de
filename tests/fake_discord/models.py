"""The little world the fake Discord serves: users, roles, channels, members and guilds.

Everything is a plain mutable dataclass. Tests change the model (before the client connects, or at run
time followed by one of the ``FakeDiscord`` update helpers) and the fake builds gateway and REST
payloads from it, so ``channel.permissions_for(guild.me)`` in discord.py answers from the same data the
fake uses to accept or refuse a message.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import discord

DISCORD_EPOCH_MS = 1420070400000

ALL_PERMISSIONS = discord.Permissions.all().value
ADMINISTRATOR = discord.Permissions(administrator=True).value
VIEW_CHANNEL = discord.Permissions(view_channel=True).value
SEND_MESSAGES = discord.Permissions(send_messages=True).value
EMBED_LINKS = discord.Permissions(embed_links=True).value
# Without Send Messages, Discord also drops everything that only makes sense when sending.
_NEEDS_SEND = discord.Permissions(
    embed_links=True, attach_files=True, mention_everyone=True, send_tts_messages=True
).value

EVERYONE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    read_message_history=True,
    embed_links=True,
    attach_files=True,
    add_reactions=True,
    use_external_emojis=True,
    use_application_commands=True,
    create_instant_invite=True,
    change_nickname=True,
    connect=True,
    speak=True,
).value

BOT_ROLE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
    add_reactions=True,
    use_external_emojis=True,
).value

# Fixed, realistic-looking snowflakes so failures are easy to read; tests may build their own.
BOT_ID = 1200000000000000001
DEFAULT_GUILD_ID = 1200000000000000100
GENERAL_CHANNEL_ID = 1200000000000000101
NEWS_CHANNEL_ID = 1200000000000000102
ADMIN_ID = 1200000000000000200
USER_ID = 1200000000000000201
ADMIN_ROLE_ID = 1200000000000000300
BOT_ROLE_ID = 1200000000000000301

TEXT, DM, VOICE, CATEGORY, NEWS = 0, 1, 2, 4, 5
PUBLIC_THREAD = 11


class SnowflakeFactory:
    """Unique, increasing, time-based snowflakes (the shard maths only needs the top bits to vary)."""

    def __init__(self) -> None:
        self._last = 0

    def __call__(self) -> int:
        value = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        self._last = max(value, self._last + 1)
        return self._last


new_snowflake = SnowflakeFactory()


def perm_value(value: int | discord.Permissions) -> int:
    return value.value if isinstance(value, discord.Permissions) else int(value)


@dataclass
class FakeUser:
    id: int
    username: str
    bot: bool = False
    global_name: str | None = None

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
            "flags": 0,
        }


@dataclass
class FakeRole:
    id: int
    name: str
    permissions: int = 0
    position: int = 0
    managed: bool = False
    bot_id: int | None = None

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": self.managed,
            "mentionable": False,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


ROLE_OVERWRITE, MEMBER_OVERWRITE = 0, 1


@dataclass
class Overwrite:
    id: int
    type: int  # ROLE_OVERWRITE or MEMBER_OVERWRITE
    allow: int = 0
    deny: int = 0

    def payload(self) -> dict[str, Any]:
        return {"id": str(self.id), "type": self.type, "allow": str(self.allow), "deny": str(self.deny)}


@dataclass
class FakeChannel:
    id: int
    name: str
    type: int = TEXT
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    nsfw: bool = False
    overwrites: list[Overwrite] = field(default_factory=list)
    guild_id: int | None = None
    recipients: list[FakeUser] = field(default_factory=list)  # DM channels only
    last_message_id: int | None = None
    owner_id: int | None = None  # threads only: who started it

    @property
    def is_thread(self) -> bool:
        return self.type == PUBLIC_THREAD

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"

    def overwrite_for(self, target_id: int) -> Overwrite | None:
        return next((o for o in self.overwrites if o.id == target_id), None)

    def set_overwrite(
        self,
        target_id: int,
        *,
        type: int,
        allow: int | discord.Permissions = 0,
        deny: int | discord.Permissions = 0,
    ) -> Overwrite:
        """Replace the overwrite for one role or member (``type``: ROLE_OVERWRITE / MEMBER_OVERWRITE)."""
        self.overwrites = [o for o in self.overwrites if o.id != target_id]
        overwrite = Overwrite(target_id, type, perm_value(allow), perm_value(deny))
        self.overwrites.append(overwrite)
        return overwrite

    def payload(self) -> dict[str, Any]:
        if self.type == DM:
            return {
                "id": str(self.id),
                "type": DM,
                "last_message_id": str(self.last_message_id) if self.last_message_id else None,
                "recipients": [u.payload() for u in self.recipients],
                "flags": 0,
            }
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "name": self.name,
            "position": self.position,
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "permission_overwrites": [o.payload() for o in self.overwrites],
            "flags": 0,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if self.type in (TEXT, NEWS):
            data.update(
                topic=self.topic,
                nsfw=self.nsfw,
                rate_limit_per_user=0,
                last_message_id=str(self.last_message_id) if self.last_message_id else None,
            )
        elif self.type == VOICE:
            data.update(bitrate=64000, user_limit=0, rtc_region=None, nsfw=self.nsfw)
        elif self.is_thread:
            data.update(
                owner_id=str(self.owner_id) if self.owner_id else None,
                rate_limit_per_user=0,
                message_count=0,
                member_count=1,
                last_message_id=str(self.last_message_id) if self.last_message_id else None,
                thread_metadata={
                    "archived": False,
                    "auto_archive_duration": 1440,
                    "archive_timestamp": "2024-01-01T00:00:00.000000+00:00",
                    "locked": False,
                },
            )
            del data["permission_overwrites"]  # threads take their parent's
        return data


@dataclass
class FakeMember:
    user: FakeUser
    roles: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = "2024-01-01T00:00:00.000000+00:00"

    @property
    def id(self) -> int:
        return self.user.id

    def payload(self, *, with_user: bool = True, permissions: int | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "roles": [str(r) for r in self.roles],
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass
class FakeGuild:
    id: int
    name: str
    owner_id: int
    roles: list[FakeRole] = field(default_factory=list)
    channels: list[FakeChannel] = field(default_factory=list)
    members: list[FakeMember] = field(default_factory=list)
    system_channel_id: int | None = None
    preferred_locale: str = "en-US"
    everyone_permissions: int = EVERYONE_PERMISSIONS

    def __post_init__(self) -> None:
        # Discord's @everyone role always has the guild's id; discord.py relies on that.
        if not any(r.id == self.id for r in self.roles):
            self.roles.insert(0, FakeRole(self.id, "@everyone", self.everyone_permissions, 0))
        for channel in self.channels:
            channel.guild_id = self.id

    @property
    def everyone_role(self) -> FakeRole:
        return self.role(self.id)

    def shard_id(self, shard_count: int) -> int:
        return (self.id >> 22) % shard_count

    def channel(self, key: int | str) -> FakeChannel:
        for channel in self.channels:
            if channel.id == key or channel.name == key:
                return channel
        raise KeyError(f"guild {self.id} has no channel {key!r}")

    def role(self, key: int | str) -> FakeRole:
        for role in self.roles:
            if role.id == key or role.name == key:
                return role
        raise KeyError(f"guild {self.id} has no role {key!r}")

    def member(self, user_id: int) -> FakeMember | None:
        return next((m for m in self.members if m.user.id == user_id), None)

    def add_channel(
        self, name: str, *, type: int = TEXT, id: int | None = None, **kwargs: Any
    ) -> FakeChannel:
        channel = FakeChannel(id or new_snowflake(), name, type=type, position=len(self.channels), **kwargs)
        channel.guild_id = self.id
        self.channels.append(channel)
        return channel

    def add_role(
        self, name: str, permissions: int | discord.Permissions = 0, *, id: int | None = None
    ) -> FakeRole:
        role = FakeRole(id or new_snowflake(), name, perm_value(permissions), position=len(self.roles))
        self.roles.append(role)
        return role

    def add_member(self, user: FakeUser, roles: list[int] | None = None) -> FakeMember:
        member = FakeMember(user, list(roles or []))
        self.members = [m for m in self.members if m.user.id != user.id] + [member]
        return member

    def base_permissions(self, user_id: int) -> int:
        if user_id == self.owner_id:
            return ALL_PERMISSIONS
        member = self.member(user_id)
        value = self.everyone_role.permissions
        role_ids = set(member.roles) if member else set()
        for role in self.roles:
            if role.id in role_ids:
                value |= role.permissions
        return ALL_PERMISSIONS if value & ADMINISTRATOR else value

    def permissions_for(self, user_id: int, channel: FakeChannel | int | None = None) -> int:
        """The same algorithm as Discord (and discord.py's ``permissions_for``)."""
        value = self.base_permissions(user_id)
        if value & ADMINISTRATOR or channel is None:
            return value
        if isinstance(channel, int):
            channel = self.channel(channel)
        everyone = channel.overwrite_for(self.id)
        if everyone:
            value = (value & ~everyone.deny) | everyone.allow
        member = self.member(user_id)
        role_ids = set(member.roles) if member else set()
        allow = deny = 0
        for ow in channel.overwrites:
            if ow.type == ROLE_OVERWRITE and ow.id in role_ids:
                allow |= ow.allow
                deny |= ow.deny
        value = (value & ~deny) | allow
        own = next((o for o in channel.overwrites if o.type == MEMBER_OVERWRITE and o.id == user_id), None)
        if own:
            value = (value & ~own.deny) | own.allow
        if not value & VIEW_CHANNEL:
            return 0
        if not value & SEND_MESSAGES:
            value &= ~_NEEDS_SEND
        return value

    def payload(self, *, member_ids: set[int] | None = None) -> dict[str, Any]:
        """A GUILD_CREATE payload; ``member_ids`` limits the members sent (Discord sends only the bot's
        own member unless the presences intent is on)."""
        members = [m for m in self.members if member_ids is None or m.user.id in member_ids]
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "system_channel_id": str(self.system_channel_id) if self.system_channel_id else None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "preferred_locale": self.preferred_locale,
            "features": [],
            "roles": [r.payload() for r in self.roles],
            "emojis": [],
            "stickers": [],
            "channels": [c.payload() for c in self.channels if not c.is_thread],
            "threads": [c.payload() for c in self.channels if c.is_thread],
            "members": [m.payload() for m in members],
            "member_count": len(self.members),
            "large": len(self.members) >= 250,
            "unavailable": False,
            "joined_at": "2024-01-01T00:00:00.000000+00:00",
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "lazy": True,
        }


@dataclass
class World:
    """The default cast: the bot, an admin (guild owner with an Admin role) and an ordinary user."""

    bot: FakeUser
    admin: FakeUser
    user: FakeUser
    guild: FakeGuild

    @property
    def general(self) -> FakeChannel:
        return self.guild.channel(GENERAL_CHANNEL_ID)

    @property
    def news(self) -> FakeChannel:
        return self.guild.channel(NEWS_CHANNEL_ID)


def default_world(bot: FakeUser | None = None) -> World:
    bot = bot or FakeUser(BOT_ID, "newsbrief", bot=True)
    admin = FakeUser(ADMIN_ID, "admin", global_name="Admin")
    user = FakeUser(USER_ID, "reader", global_name="Reader")
    guild = FakeGuild(
        DEFAULT_GUILD_ID,
        "Test Guild",
        owner_id=admin.id,
        roles=[
            FakeRole(ADMIN_ROLE_ID, "Admin", ADMINISTRATOR, position=2),
            FakeRole(
                BOT_ROLE_ID, bot.username, BOT_ROLE_PERMISSIONS, position=1, managed=True, bot_id=bot.id
            ),
        ],
        channels=[
            FakeChannel(GENERAL_CHANNEL_ID, "general", position=0),
            FakeChannel(NEWS_CHANNEL_ID, "news", position=1),
        ],
        members=[
            FakeMember(bot, [BOT_ROLE_ID]),
            FakeMember(admin, [ADMIN_ROLE_ID]),
            FakeMember(user, []),
        ],
        system_channel_id=GENERAL_CHANNEL_ID,
    )
    return World(bot=bot, admin=admin, user=user, guild=guild)
