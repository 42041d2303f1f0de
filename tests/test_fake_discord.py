"""Tests of the fake Discord itself, driven by a real discord.py ``commands.Bot``."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
import yarl
from discord import app_commands
from discord.ext import commands

from bot.discord_app.endpoints import DEFAULT_API_BASE, DEFAULT_GATEWAY_URL, point_discord_at
from tests.fake_discord import (
    MEMBER_OVERWRITE,
    ErrorLogCollector,
    FakeDiscord,
    FakeGuild,
    FakeRole,
    FakeUser,
    fail_on_error_logs,
    run_client,
    test_client_options,
)
from tests.fake_discord.models import BOT_ROLE_ID, BOT_ROLE_PERMISSIONS, SEND_MESSAGES, FakeChannel
from tests.fake_discord.ratelimit import RateLimiter

pytest_plugins = ["tests.fake_discord.plugin"]

TOPICS = ["world", "weather", "science", "sport", "politics"]


class MoreView(discord.ui.View):
    """A persistent view: survives restarts because every item has a fixed custom_id."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="More", custom_id="brief:more", style=discord.ButtonStyle.primary)
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.edit_message(content="expanded brief", view=None)

    @discord.ui.select(custom_id="brief:topic", options=[discord.SelectOption(label=t) for t in TOPICS[:3]])
    async def pick(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(content=f"topic: {select.values[0]}")


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    text = discord.ui.TextInput(label="Your feedback", custom_id="feedback:text", max_length=200)

    def __init__(self) -> None:
        super().__init__(custom_id="feedback:modal")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.text.value}", ephemeral=True)


class NewsBot(commands.Bot):
    def __init__(self, **options: object) -> None:
        super().__init__(command_prefix=commands.when_mentioned, **test_client_options(**options))
        self.seen_messages: asyncio.Queue[discord.Message] = asyncio.Queue()
        self.add_commands()

    async def setup_hook(self) -> None:
        self.add_view(MoreView())

    async def on_message(self, message: discord.Message) -> None:
        await self.seen_messages.put(message)

    def add_commands(self) -> None:
        tree = self.tree

        @tree.command(name="ping", description="Check the bot answers")
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pong")

        @tree.command(name="slow", description="Defer, then follow up")
        async def slow(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send("step 1")
            second = await interaction.followup.send("step 2", wait=True)
            await second.edit(content="step 2 (edited)")
            await interaction.edit_original_response(content="final answer")

        @tree.command(name="topic", description="Show one topic")
        @app_commands.describe(name="Topic name")
        async def topic(interaction: discord.Interaction, name: str, days: int = 1) -> None:
            await interaction.response.send_message(f"{name} for {days} day(s)", ephemeral=True)

        @topic.autocomplete("name")
        async def topic_autocomplete(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            return [app_commands.Choice(name=t, value=t) for t in TOPICS if t.startswith(current)]

        @tree.command(name="feedback", description="Send feedback")
        async def feedback(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(FeedbackModal())

        config = app_commands.Group(name="config", description="Configure the bot")

        @config.command(name="channel", description="Set the brief channel")
        async def config_channel(interaction: discord.Interaction, channel: discord.TextChannel) -> None:
            await interaction.response.send_message(f"brief channel: {channel.id}")

        tree.add_command(config)


@pytest.fixture
async def fake(fake_discord: FakeDiscord) -> FakeDiscord:
    return fake_discord


@pytest.fixture
async def bot(fake: FakeDiscord, discord_error_logs: ErrorLogCollector) -> AsyncIterator[NewsBot]:
    async with run_client(NewsBot(), fake) as client:
        yield client


# ---------------------------------------------------------------------------- start-up


async def test_login_ready_and_guild_available(bot: NewsBot, fake: FakeDiscord) -> None:
    assert bot.user is not None and bot.user.id == fake.bot_user.id
    assert bot.application_id == fake.application_id
    guild = bot.get_guild(fake.guild.id)
    assert guild is not None and guild.name == "Test Guild"
    assert {c.name for c in guild.text_channels} == {"general", "news"}
    assert guild.me is not None and guild.me.id == fake.bot_user.id
    assert guild.owner_id == fake.admin.id
    assert fake.requests_to("GET", "/users/@me") and fake.requests_to("GET", "/oauth2/applications/@me")
    identify = (await fake.wait_for_gateway_op(2))[0]
    assert identify.d["intents"] == discord.Intents.default().value
    assert not fake.requests_to("*", "/gateway/bot")  # a plain Client never asks for it
    assert fake.api_base == discord.http.Route.BASE


async def test_endpoints_are_restored_after_the_client_stops(fake: FakeDiscord) -> None:
    async with run_client(NewsBot(), fake):
        pass
    assert discord.http.Route.BASE == DEFAULT_API_BASE
    assert discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY == DEFAULT_GATEWAY_URL


async def test_bad_token_raises_login_failure(fake: FakeDiscord) -> None:
    with pytest.raises(discord.LoginFailure):
        async with run_client(NewsBot(), fake, token="wrong"):
            pass


async def test_sharded_client_gets_only_its_guilds(discord_error_logs: ErrorLogCollector) -> None:
    # Guild ids chosen so that (id >> 22) % 2 puts one guild on each shard.
    guilds = [
        FakeGuild((10 << 22) | 1, "even", owner_id=1, channels=[FakeChannel((10 << 22) | 2, "a")]),
        FakeGuild((11 << 22) | 1, "odd", owner_id=1, channels=[FakeChannel((11 << 22) | 2, "b")]),
    ]

    class Sharded(discord.AutoShardedClient):
        async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
            return None  # the default sleeps 5 s before every non-first shard

    async with FakeDiscord(guilds=guilds, shard_count=2) as fake:
        async with run_client(Sharded(**test_client_options()), fake) as client:
            assert client.shard_count == 2
            assert {g.name: g.shard_id for g in client.guilds} == {"even": 0, "odd": 1}
            assert all(g.me is not None for g in client.guilds)  # the fake adds the bot's member
        shards = sorted(tuple(f.d["shard"]) for f in fake.gateway_received if f.op == 2)
        assert shards == [(0, 2), (1, 2)]
        assert fake.requests_to("GET", "/gateway/bot")


# ---------------------------------------------------------------------------- application commands


async def test_tree_sync_records_global_and_guild_schema(bot: NewsBot, fake: FakeDiscord) -> None:
    synced = await bot.tree.sync()
    stored = {c["name"]: c for c in fake.commands[None]}
    assert set(stored) == {"ping", "slow", "topic", "feedback", "config"}
    assert {c.id for c in synced} == {int(c["id"]) for c in stored.values()}
    topic = stored["topic"]
    assert [(o["name"], o["type"], o.get("required"), o.get("autocomplete")) for o in topic["options"]] == [
        ("name", 3, True, True),
        ("days", 4, False, None),
    ]
    guild = discord.Object(fake.guild.id)
    bot.tree.copy_global_to(guild=guild)
    await bot.tree.sync(guild=guild)
    assert {c["name"] for c in fake.commands[fake.guild.id]} == set(stored)
    assert all(c["guild_id"] == str(fake.guild.id) for c in fake.commands[fake.guild.id])
    put = fake.requests_to("PUT", "/applications/{app}/guilds/{guild}/commands")
    assert len(put) == 1 and put[0].status == 200


async def test_invalid_command_schema_is_refused_like_discord(bot: NewsBot, fake: FakeDiscord) -> None:
    @bot.tree.command(name="long", description="x" * 101)
    async def long(interaction: discord.Interaction) -> None:
        pass

    with pytest.raises(app_commands.CommandSyncFailure) as err:
        await bot.tree.sync()
    assert err.value.code == 50035


async def test_slash_command_round_trip(bot: NewsBot, fake: FakeDiscord) -> None:
    await bot.tree.sync()
    handle = await fake.slash_command("ping")
    body = await handle.response()
    assert body["type"] == 4 and body["data"]["content"] == "pong"
    assert body["data"]["allowed_mentions"] == {"parse": []}
    calls = fake.interaction_responses(handle.id)
    assert len(calls) == 1 and calls[0].status == 200 and calls[0].query == {"with_response": "1"}
    assert "Authorization" not in calls[0].headers
    assert handle.original_message is not None and handle.original_message["content"] == "pong"
    assert handle.latency is not None and 0 < handle.latency < 1


async def test_options_subcommands_and_resolved_channel(bot: NewsBot, fake: FakeDiscord) -> None:
    await bot.tree.sync()
    news = fake.guild.channel("news")
    handle = await fake.slash_command("config channel", {"channel": news}, user=fake.admin)
    assert (await handle.response())["data"]["content"] == f"brief channel: {news.id}"
    handle = await fake.slash_command("topic", {"name": "science", "days": 3})
    body = await handle.response()
    assert body["data"]["content"] == "science for 3 day(s)" and body["data"]["flags"] == 64


async def test_defer_then_followups_and_edit_original(bot: NewsBot, fake: FakeDiscord) -> None:
    await bot.tree.sync()
    handle = await fake.slash_command("slow")
    assert (await handle.response())["type"] == 5
    first = await handle.followup(0)
    second = await handle.followup(1)
    final = await handle.original_edit()
    # Discord: the first follow-up after a thinking defer replaces the loading message.
    assert first["id"] == str(handle.original_message_id)
    assert second["content"] == "step 2 (edited)" and second["id"] != first["id"]
    assert fake.requests_to(
        "PATCH", f"/webhooks/{fake.application_id}/{handle.token}/messages/{second['id']}"
    )
    assert final["content"] == "final answer" and not final["flags"] & (1 << 7)
    assert fake.requests_to("POST", "/webhooks/{app}/{token}")[0].query.get("wait") in ("1", "true")


async def test_autocomplete_returns_choices(bot: NewsBot, fake: FakeDiscord) -> None:
    await bot.tree.sync()
    handle = await fake.autocomplete("topic", {"name": "s"})
    assert [c["value"] for c in await handle.choices()] == ["science", "sport"]


async def test_button_on_persistent_view(bot: NewsBot, fake: FakeDiscord) -> None:
    channel = bot.get_channel(fake.channel.id)
    assert isinstance(channel, discord.TextChannel)
    sent = await channel.send("daily brief", view=MoreView())
    stored = fake.messages[sent.id]
    assert stored["components"][0]["components"][0]["custom_id"] == "brief:more"
    handle = await fake.click(stored, "brief:more", user=fake.user)
    assert (await handle.response())["type"] == 7
    assert fake.messages[sent.id]["content"] == "expanded brief"
    assert fake.messages[sent.id]["components"] == []
    with pytest.raises(ValueError):
        await fake.click(sent.id, "brief:more")  # the button is gone now


async def test_select_with_deferred_update_then_edit(bot: NewsBot, fake: FakeDiscord) -> None:
    channel = bot.get_channel(fake.channel.id)
    assert isinstance(channel, discord.TextChannel)
    sent = await channel.send("pick a topic", view=MoreView())
    handle = await fake.click(fake.messages[sent.id], "brief:topic", values=["science"])
    assert (await handle.response())["type"] == 6
    edited = await handle.original_edit()
    assert edited["id"] == str(sent.id) and edited["content"] == "topic: science"


async def test_modal_open_and_submit(bot: NewsBot, fake: FakeDiscord) -> None:
    await bot.tree.sync()
    opened = await fake.slash_command("feedback")
    modal = await opened.modal()
    assert modal["title"] == "Feedback" and modal["custom_id"] == "feedback:modal"
    submitted = await fake.submit_modal("feedback:modal", {"feedback:text": "great briefs"})
    body = await submitted.response()
    assert body["type"] == 4 and body["data"]["content"] == "thanks: great briefs"
    assert body["data"]["flags"] == 64
    assert submitted.user_id == opened.user_id


async def test_late_ack_is_refused_like_discord(
    bot: NewsBot, fake: FakeDiscord, discord_error_logs: ErrorLogCollector
) -> None:
    fake.interaction_deadline = 0.05

    @bot.tree.command(name="sleepy", description="Answers too late")
    async def sleepy(interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.1)
        await interaction.response.send_message("too late")

    discord_error_logs.allow("sleepy")  # discord.py logs the NotFound raised in the command
    handle = await fake.slash_command("sleepy")
    await fake.wait_until(lambda: fake.interaction_responses(handle.id), what="the late callback")
    call = fake.interaction_responses(handle.id)[0]
    assert call.status == 404 and call.response["code"] == 10062
    assert handle.callback is None


# ---------------------------------------------------------------------------- channel messages and errors


async def test_channel_send_is_stored_and_echoed(bot: NewsBot, fake: FakeDiscord) -> None:
    channel = bot.get_channel(fake.channel.id)
    assert isinstance(channel, discord.TextChannel)
    message = await channel.send(
        f"hi {fake.admin.mention}", embed=discord.Embed(title="Brief", description="d")
    )
    stored = fake.messages_in(fake.channel)[-1]
    assert stored["id"] == str(message.id) and stored["content"].startswith("hi")
    assert stored["embeds"][0]["title"] == "Brief"
    assert stored["mentions"] == []  # AllowedMentions.none(): nobody pinged
    request = fake.requests_to("POST", "/channels/{id}/messages")[-1]
    assert request.json["allowed_mentions"] == {"parse": []}
    assert request.headers["Authorization"] == "Bot test-token"
    echoed = await asyncio.wait_for(bot.seen_messages.get(), 2)
    assert echoed.id == message.id and echoed.author == bot.user


async def test_scripted_forbidden_and_not_found(bot: NewsBot, fake: FakeDiscord) -> None:
    channel = bot.get_channel(fake.channel.id)
    assert isinstance(channel, discord.TextChannel)
    fake.fail_next("POST", f"/channels/{channel.id}/messages", status=403, code=50013)
    with pytest.raises(discord.Forbidden) as forbidden:
        await channel.send("x")
    assert forbidden.value.code == 50013 and forbidden.value.status == 403
    fake.fail_next("POST", "/channels/{id}/messages", status=404, code=10003)
    with pytest.raises(discord.NotFound) as not_found:
        await channel.send("x")
    assert not_found.value.code == 10003
    fake.fail_next("POST", "/channels/{id}/messages", status=403, code=50001, times=None)
    for _ in range(2):
        with pytest.raises(discord.Forbidden):
            await channel.send("x")
    fake.clear_failures()
    await channel.send("works again")


async def test_429_and_500_are_retried(bot: NewsBot, fake: FakeDiscord) -> None:
    channel = bot.get_channel(fake.channel.id)
    assert isinstance(channel, discord.TextChannel)
    script = fake.fail_next("*", "/channels/{id}/messages", status=429, retry_after=0.05)
    await channel.send("after 429")
    assert script.served == 1 and fake.served_429 == 1
    fake.fail_next("POST", "/channels/{id}/messages", status=500)
    started = time.perf_counter()
    await channel.send("after 500")  # discord.py sleeps 1 s before retrying a 5xx
    assert time.perf_counter() - started >= 0.9
    assert [m["content"] for m in fake.bot_messages(fake.channel)] == ["after 429", "after 500"]


async def test_oversized_message_is_refused_with_50035(bot: NewsBot, fake: FakeDiscord) -> None:
    channel = bot.get_channel(fake.channel.id)
    assert isinstance(channel, discord.TextChannel)
    with pytest.raises(discord.HTTPException) as err:
        await channel.send("x" * 2001)
    assert err.value.status == 400 and err.value.code == 50035


async def test_unknown_route_is_recorded(bot: NewsBot, fake: FakeDiscord) -> None:
    with pytest.raises(discord.NotFound):
        await bot.fetch_invite("abc")
    assert [r.path for r in fake.unknown_requests] == ["/invites/abc"]
    fake.unknown_requests.clear()  # the fixture fails on unknown requests at teardown


# ---------------------------------------------------------------------------- permissions


async def test_permissions_follow_channel_overwrites(
    fake: FakeDiscord, discord_error_logs: ErrorLogCollector
) -> None:
    news = fake.guild.channel("news")
    news.set_overwrite(fake.bot_user.id, type=MEMBER_OVERWRITE, deny=SEND_MESSAGES)
    async with run_client(NewsBot(), fake) as bot:
        guild = bot.get_guild(fake.guild.id)
        assert guild is not None and guild.me is not None
        general, news_channel = guild.get_channel(fake.channel.id), guild.get_channel(news.id)
        assert isinstance(general, discord.TextChannel) and isinstance(news_channel, discord.TextChannel)
        assert general.permissions_for(guild.me).send_messages
        denied = news_channel.permissions_for(guild.me)
        assert not denied.send_messages and denied.view_channel
        # discord.py drops voice permissions in text channels; everything else must agree.
        voice = discord.Permissions.voice().value
        assert denied.value == fake.guild.permissions_for(fake.bot_user.id, news) & ~voice
        with pytest.raises(discord.Forbidden) as err:
            await news_channel.send("not allowed")  # the fake enforces the overwrite too
        assert err.value.code == 50013

        # Changed at run time and pushed as CHANNEL_UPDATE.
        fake.channel.set_overwrite(BOT_ROLE_ID, type=0, deny=discord.Permissions(embed_links=True))
        await fake.update_channel(fake.channel)
        await fake.wait_until(lambda: not general.permissions_for(guild.me).embed_links)
        assert general.permissions_for(guild.me).send_messages


async def test_role_permissions_and_admin(fake: FakeDiscord) -> None:
    guild = fake.guild
    assert guild.permissions_for(fake.admin.id) == discord.Permissions.all().value
    assert guild.base_permissions(fake.bot_user.id) & BOT_ROLE_PERMISSIONS == BOT_ROLE_PERMISSIONS
    muted = guild.add_role("muted")
    guild.member(fake.user.id).roles.append(muted.id)  # type: ignore[union-attr]
    guild.channel("general").set_overwrite(muted.id, type=0, deny=SEND_MESSAGES)
    assert not guild.permissions_for(fake.user.id, guild.channel("general")) & SEND_MESSAGES
    assert isinstance(muted, FakeRole)


# ---------------------------------------------------------------------------- gateway


async def test_gateway_drop_resumes_and_bot_keeps_working(bot: NewsBot, fake: FakeDiscord) -> None:
    await bot.tree.sync()
    resumed = asyncio.Event()

    async def on_resumed() -> None:
        resumed.set()

    bot.add_listener(on_resumed)
    await fake.drop_gateway()
    # Dispatched while the bot is away: buffered and replayed on RESUME, like Discord.
    handle = await fake.slash_command("ping")
    await asyncio.wait_for(resumed.wait(), 5)
    assert fake.resume_count == 1 and fake.identify_count == 1
    resume = (await fake.wait_for_gateway_op(6))[0]
    assert resume.d["seq"] >= 2
    assert (await handle.response())["data"]["content"] == "pong"
    assert (await (await fake.slash_command("ping")).response())["type"] == 4


async def test_user_messages_follow_message_content_rules(bot: NewsBot, fake: FakeDiscord) -> None:
    mentioned = await fake.send_message(fake.channel, f"{fake.bot_user.mention} what's new?")
    got = await asyncio.wait_for(bot.seen_messages.get(), 2)
    assert got.id == int(mentioned["id"]) and got.content.endswith("what's new?")
    assert bot.user in got.mentions
    await fake.send_message(fake.channel, "just chatting")
    got = await asyncio.wait_for(bot.seen_messages.get(), 2)
    assert got.content == ""  # no message-content intent: Discord strips it
    reply_to = await bot.get_channel(fake.channel.id).send("brief")  # type: ignore[union-attr]
    await asyncio.wait_for(bot.seen_messages.get(), 2)  # the echo of the bot's own message
    await fake.send_message(fake.channel, "tell me more", reply_to=reply_to.id)
    got = await asyncio.wait_for(bot.seen_messages.get(), 2)
    assert got.content == "tell me more" and got.reference is not None
    assert got.reference.message_id == reply_to.id


async def test_dm_channel_and_closed_dms(bot: NewsBot, fake: FakeDiscord) -> None:
    user = await bot.fetch_user(fake.user.id)
    await user.send("your brief")
    dm = fake.dm_channels[fake.user.id]
    assert [m["content"] for m in fake.messages_in(dm)] == ["your brief"]
    other = FakeUser(1300000000000000001, "closed")
    fake.extra_users[other.id] = other
    fake.closed_dms.add(other.id)
    with pytest.raises(discord.Forbidden) as err:
        await (await bot.fetch_user(other.id)).send("x")
    assert err.value.code == 50007


# ---------------------------------------------------------------------------- rate limiting


async def test_global_rate_limit_serves_429s_and_everything_arrives(
    discord_error_logs: ErrorLogCollector,
) -> None:
    async with FakeDiscord(global_rate=20) as fake:
        async with run_client(NewsBot(), fake) as bot:
            channel = bot.get_channel(fake.channel.id)
            assert isinstance(channel, discord.TextChannel)
            for i in range(30):
                await channel.send(f"m{i}")
        assert [m["content"] for m in fake.bot_messages(fake.channel)] == [f"m{i}" for i in range(30)]
        assert fake.ratelimiter.global_hits >= 1 and fake.served_429 == fake.ratelimiter.global_hits
        limited = next(r for r in fake.requests if r.status == 429)
        assert limited.response["global"] is True


async def test_per_channel_bucket_headers_and_429s(discord_error_logs: ErrorLogCollector) -> None:
    async with FakeDiscord(per_channel=(3, 0.3)) as fake:
        async with run_client(NewsBot(), fake) as bot:
            channel = bot.get_channel(fake.channel.id)
            assert isinstance(channel, discord.TextChannel)
            # Another process of the same bot used up the channel's window; this client does not know
            # the bucket yet, so its first send gets a 429 and is retried after retry_after.
            async with aiohttp.ClientSession(headers={"Authorization": "Bot test-token"}) as http:
                for _ in range(3):
                    url = f"{fake.api_base}/channels/{channel.id}/messages"
                    async with http.post(url, json={"content": "other process"}) as response:
                        assert response.status == 200
            await asyncio.gather(*(channel.send(f"c{i}") for i in range(5)))
        assert fake.ratelimiter.channel_hits >= 1
        sent = sorted(m["content"] for m in fake.bot_messages(fake.channel) if m["content"].startswith("c"))
        assert sent == [f"c{i}" for i in range(5)]
        ok = [r for r in fake.requests_to("POST", f"/channels/{fake.channel.id}/messages") if r.status == 200]
        assert (
            ok[0].response_headers["X-RateLimit-Bucket"]
            and ok[0].response_headers["X-RateLimit-Limit"] == "3"
        )
        limited = next(r for r in fake.requests if r.status == 429)
        assert (
            limited.response["global"] is False and limited.response_headers["X-RateLimit-Remaining"] == "0"
        )


async def test_interaction_callbacks_are_exempt_from_the_global_limit(
    discord_error_logs: ErrorLogCollector,
) -> None:
    async with FakeDiscord() as fake:
        async with run_client(NewsBot(), fake) as bot:
            await bot.tree.sync()
            # One request per second from now on: three callbacks in a row would need two retries.
            fake.ratelimiter = RateLimiter(global_rate=1)
            handles = [await fake.slash_command("ping") for _ in range(3)]
            for handle in handles:
                assert (await handle.response())["type"] == 4
        assert fake.served_429 == 0


# ---------------------------------------------------------------------------- more of the surface


async def test_members_intent_chunks_and_disallowed_intents(discord_error_logs: ErrorLogCollector) -> None:
    intents = discord.Intents.default()
    intents.members = True
    async with FakeDiscord() as fake:
        with pytest.raises(discord.PrivilegedIntentsRequired):
            async with run_client(NewsBot(intents=intents), fake):
                pass  # not enabled "in the portal": Discord closes the gateway with 4014
    async with FakeDiscord(privileged_intents=discord.Intents(members=True)) as fake:
        async with run_client(NewsBot(intents=intents), fake) as bot:
            guild = bot.get_guild(fake.guild.id)
            assert guild is not None and guild.chunked
            assert {m.id for m in guild.members} == {m.user.id for m in fake.guild.members}
        assert any(f.op == 8 for f in fake.gateway_received)


async def test_error_in_a_command_is_caught_by_the_log_check(fake: FakeDiscord) -> None:
    expected = pytest.raises(AssertionError, match="Ignoring exception in command 'boom'")
    with expected, fail_on_error_logs() as logs:
        async with run_client(NewsBot(), fake) as bot:

            @bot.tree.command(name="boom", description="Raises")
            async def boom(interaction: discord.Interaction) -> None:
                raise RuntimeError("kaput")

            handle = await fake.slash_command("boom")
            await fake.wait_until(lambda: logs.records, what="the error log")
    assert handle.callback is None  # the user would see "The application did not respond"


async def test_files_are_parsed_from_multipart(bot: NewsBot, fake: FakeDiscord) -> None:
    channel = bot.get_channel(fake.channel.id)
    assert isinstance(channel, discord.TextChannel)
    message = await channel.send("report", file=discord.File(io.BytesIO(b"hello"), filename="brief.txt"))
    request = await fake.wait_for_request("POST", f"/channels/{channel.id}/messages")
    assert request.json["content"] == "report"  # from payload_json
    assert [(f.filename, f.data) for f in request.files] == [("brief.txt", b"hello")]
    assert message.attachments[0].filename == "brief.txt" and message.attachments[0].size == 5
    assert await message.attachments[0].read() == b"hello"


async def test_edit_and_delete_channel_messages(bot: NewsBot, fake: FakeDiscord) -> None:
    channel = bot.get_channel(fake.channel.id)
    assert isinstance(channel, discord.TextChannel)
    message = await channel.send("draft")
    edited = await message.edit(content="final")
    assert edited.content == "final" and fake.messages[message.id]["edited_timestamp"]
    fetched = await channel.fetch_message(message.id)
    assert fetched.content == "final"
    await message.delete()
    assert message.id not in fake.messages
    with pytest.raises(discord.NotFound):
        await channel.fetch_message(message.id)


async def test_slash_command_in_a_dm(bot: NewsBot, fake: FakeDiscord) -> None:
    await bot.tree.sync()
    dm = fake.dm_channel(fake.user)
    handle = await fake.slash_command("ping", channel=dm)
    assert (await handle.response())["data"]["content"] == "pong"
    assert "guild_id" not in handle.payload and handle.payload["user"]["id"] == str(fake.user.id)
    assert [m["content"] for m in fake.messages_in(dm)] == ["pong"]


async def test_member_update_changes_bot_permissions(bot: NewsBot, fake: FakeDiscord) -> None:
    guild = bot.get_guild(fake.guild.id)
    assert guild is not None and guild.me is not None
    assert not guild.me.guild_permissions.administrator
    fake.guild.member(fake.bot_user.id).roles.append(fake.guild.role("Admin").id)  # type: ignore[union-attr]
    await fake.update_member(fake.guild, fake.bot_user.id)
    await fake.wait_until(lambda: guild.me.guild_permissions.administrator, what="the role to arrive")


async def test_guild_join_and_removal(bot: NewsBot, fake: FakeDiscord) -> None:
    joined, removed = asyncio.Event(), asyncio.Event()

    async def on_guild_join(guild: discord.Guild) -> None:
        joined.set()

    async def on_guild_remove(guild: discord.Guild) -> None:
        removed.set()

    bot.add_listener(on_guild_join)
    bot.add_listener(on_guild_remove)
    extra = FakeGuild(1300000000000000500, "Second", owner_id=fake.admin.id)
    extra.add_channel("briefs")
    await fake.add_guild(extra)
    await asyncio.wait_for(joined.wait(), 2)
    new_guild = bot.get_guild(extra.id)
    assert new_guild is not None and new_guild.me is not None
    assert [c.name for c in new_guild.text_channels] == ["briefs"]
    await fake.remove_guild(extra)
    await asyncio.wait_for(removed.wait(), 2)
    assert bot.get_guild(extra.id) is None


async def test_scripted_failure_counts(bot: NewsBot, fake: FakeDiscord) -> None:
    channel = bot.get_channel(fake.channel.id)
    assert isinstance(channel, discord.TextChannel)
    script = fake.fail_next("POST", "/channels/{id}/messages", status=403, code=50013, times=2)
    for _ in range(2):
        with pytest.raises(discord.Forbidden):
            await channel.send("x")
    await channel.send("third time lucky")
    assert script.served == 2 and script.remaining == 0


def test_point_discord_at_sets_and_restores_endpoints() -> None:
    try:
        point_discord_at("http://127.0.0.1:1/api/v10/", "ws://127.0.0.1:1/gateway")
        assert discord.http.Route.BASE == "http://127.0.0.1:1/api/v10"
        assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:1/gateway"
        assert isinstance(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY, yarl.URL)
        assert discord.http.Route("GET", "/users/@me").url == "http://127.0.0.1:1/api/v10/users/@me"
        with pytest.raises(ValueError):
            point_discord_at("ftp://x", None)
        with pytest.raises(ValueError):
            point_discord_at(None, "http://not-a-websocket")
    finally:
        point_discord_at(None, None)
    assert discord.http.Route.BASE == DEFAULT_API_BASE
    assert discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY == DEFAULT_GATEWAY_URL
