"""Several processes: each runs its own shards and schedules only its own guilds."""

from __future__ import annotations

import shutil

from bot.app import build_app
from bot.config import Settings
from bot.discord_app.client import ShardedNewsBot, new_bot
from tests.discord_app.conftest import REPO_BRIEFS
from tests.fake_discord import FakeDiscord
from tests.fake_discord.harness import run_client, test_client_options
from tests.fake_discord.models import FakeChannel, FakeGuild, new_snowflake


def other_shard_guild(fake: FakeDiscord) -> FakeGuild:
    mine = fake.guild.shard_id(2)
    guild_id = next(g for g in range(1000 << 22, 1010 << 22, 1 << 22) if (g >> 22) % 2 != mine)
    return FakeGuild(
        guild_id, "Other shard", owner_id=fake.admin.id, channels=[FakeChannel(new_snowflake(), "news")]
    )


async def test_one_process_per_shard_posts_only_its_guilds(tmp_path, discord_error_logs):
    briefs = tmp_path / "briefs"
    shutil.copytree(REPO_BRIEFS, briefs)
    async with FakeDiscord(shard_count=2) as fake:
        other = other_shard_guild(fake)
        await fake.add_guild(other)
        settings = Settings()
        settings.bot.briefs_dir = briefs
        settings.bot.reload_seconds = 0
        settings.database.url = f"sqlite+aiosqlite:///{tmp_path / 'shared.sqlite3'}"
        settings.discord.shard_count = 2
        settings.discord.shard_ids = [fake.guild.shard_id(2)]
        bot = new_bot(build_app(settings), **test_client_options())
        assert isinstance(bot, ShardedNewsBot)
        async with run_client(bot, fake):
            assert [g.id for g in bot.guilds] == [fake.guild.id]  # the other shard's guild is not ours
            schedules = bot.app.schedules
            assert schedules is not None
            repository = schedules.repository
            for guild, channel in ((fake.guild, fake.channel), (other, other.channels[0])):
                await repository.set_schedule(
                    guild.id, channel_id=channel.id, post_time="08:00", timezone="UTC"
                )
            await schedules.engine.sync_from_database()
            assert schedules.engine.next_run_time(fake.guild.id) is not None
            assert schedules.engine.next_run_time(other.id) is None
