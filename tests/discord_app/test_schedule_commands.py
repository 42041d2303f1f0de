"""/schedule end to end: permissions, storage, the scheduler's posts and pauses, against the fake."""

from __future__ import annotations

import discord

from bot.scheduling.engine import Outcome
from tests.fake_discord.models import MEMBER_OVERWRITE

EPHEMERAL = 64


async def schedule(running, sub, user=None, **options):
    fake = running.fake
    handle = await fake.slash_command("schedule", options, subcommand=sub, user=user or fake.admin)
    body = await handle.response()
    if body["type"] == 5:  # deferred: the answer is a follow-up
        return (await handle.followup())["content"]
    assert body["data"]["flags"] & EPHEMERAL
    return body["data"]["content"]


async def test_only_managers_may_change_the_schedule(running):
    fake = running.fake
    text = await schedule(running, "set", user=fake.user, channel=fake.channel, time="08:00", timezone="UTC")
    assert "Manage Server" in text
    assert await running.app.schedules.repository.get_schedule(fake.guild.id) is None


async def test_set_show_and_off(running):
    fake = running.fake
    text = await schedule(running, "set", channel=fake.channel, time="07:30", timezone="Europe/Paris")
    assert "07:30 Europe/Paris" in text and "<t:" in text
    record = await running.app.schedules.repository.get_schedule(fake.guild.id)
    assert (
        record is not None and record.channel_id == fake.channel.id and record.set_by_user_id == fake.admin.id
    )
    next_run = running.app.schedules.engine.next_run_time(fake.guild.id)
    assert next_run is not None and (next_run.hour, next_run.minute) == (7, 30)
    assert str(next_run.tzinfo) == "Europe/Paris"

    shown = await schedule(running, "show")
    assert "Europe/Paris" in shown and "Next brief" in shown

    assert "stopped" in await schedule(running, "off")
    assert await running.app.schedules.repository.get_schedule(fake.guild.id) is None
    assert running.app.schedules.engine.next_run_time(fake.guild.id) is None


async def test_bad_time_zone_and_time_are_explained(running):
    fake = running.fake
    text = await schedule(running, "set", channel=fake.channel, time="08:00", timezone="Mars/Olympus")
    assert "Mars/Olympus" in text
    text = await schedule(running, "set", channel=fake.channel, time="25:99", timezone="UTC")
    assert "25:99" in text or "HH:MM" in text
    assert await running.app.schedules.repository.get_schedule(fake.guild.id) is None


async def test_dst_gap_is_warned_about(running):
    fake = running.fake
    text = await schedule(running, "set", channel=fake.channel, time="02:30", timezone="Europe/Paris")
    assert "⚠️" in text


async def test_timezone_autocomplete(running):
    handle = await running.fake.autocomplete(
        "schedule",
        {"channel": running.fake.channel, "time": "08:00", "timezone": "paris"},
        focused="timezone",
        subcommand="set",
    )
    choices = await handle.choices()
    assert "Europe/Paris" in [c["value"] for c in choices] and len(choices) <= 25


async def test_channel_without_send_permission_is_refused(running):
    fake = running.fake
    channel = fake.guild.add_channel("locked")
    channel.set_overwrite(
        fake.bot_user.id, type=MEMBER_OVERWRITE, deny=discord.Permissions(send_messages=True)
    )
    await fake.dispatch("CHANNEL_CREATE", channel.payload())
    await fake.settle()
    text = await schedule(running, "set", channel=channel, time="08:00", timezone="UTC")
    assert "Send Messages" in text
    assert await running.app.schedules.repository.get_schedule(fake.guild.id) is None


async def test_test_posts_the_brief_in_the_channel(running):
    fake = running.fake
    await schedule(running, "set", channel=fake.channel, time="08:00", timezone="UTC")
    before = len(fake.bot_messages(fake.channel))
    text = await schedule(running, "test")
    assert "posted" in text
    posted = [m for m in fake.bot_messages(fake.channel)[before:] if m["type"] == 0]  # not the ephemeral ack
    assert len(posted) == 1 and "Daily brief" in posted[0]["content"]


async def test_scheduled_brief_posts_once_per_day(running):
    fake = running.fake
    await schedule(running, "set", channel=fake.channel, time="08:00", timezone="Asia/Kolkata")
    before = len(fake.bot_messages(fake.channel))
    first = await running.app.schedules.engine.fire_now(fake.guild.id)
    second = await running.app.schedules.engine.fire_now(fake.guild.id)
    assert first.outcome is Outcome.POSTED
    assert second.outcome is Outcome.ALREADY_HANDLED
    assert len(fake.bot_messages(fake.channel)) == before + 1


async def test_forbidden_channel_pauses_and_tells_the_admin_once(running, discord_error_logs):
    fake = running.fake
    await schedule(running, "set", channel=fake.channel, time="08:00", timezone="UTC")
    fake.fail_next("POST", f"/channels/{fake.channel.id}/messages", status=403, code=50013, times=None)
    result = await running.app.schedules.engine.fire_now(fake.guild.id)
    assert result.outcome is Outcome.PAUSED
    record = await running.app.schedules.repository.get_schedule(fake.guild.id)
    assert not record.is_active and "50013" in record.paused_reason
    assert "Paused" in await schedule(running, "show")
    dm = fake.dm_channel(fake.admin)
    await fake.wait_until(lambda: len(fake.bot_messages(dm)) == 1, 5, "a DM to the admin")
    assert "paused" in fake.bot_messages(dm)[0]["content"]
    again = await running.app.schedules.engine.fire_now(fake.guild.id)
    assert again.outcome is Outcome.INACTIVE
    assert len(fake.bot_messages(dm)) == 1

    fake.clear_failures()
    await schedule(running, "set", channel=fake.channel, time="08:00", timezone="UTC")
    assert (await running.app.schedules.repository.get_schedule(fake.guild.id)).is_active


async def test_on_demand_brief_is_for_today_in_the_servers_time_zone(running):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from bot.render.discord_payload import discord_date

    fake = running.fake
    # Between them, these two zones are on another calendar day than UTC at every hour.
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        await schedule(running, "set", channel=fake.channel, time="08:00", timezone=zone)
        handle = await fake.slash_command("brief", {})
        await handle.response()
        message = await handle.followup()
        assert discord_date(dt.datetime.now(ZoneInfo(zone)).date()) in message["content"]


async def test_on_demand_brief_is_new_since_the_servers_previous_posted_brief(running):
    fake = running.fake

    async def brief_description() -> str:
        handle = await fake.slash_command("brief", {})
        await handle.response()
        return (await handle.followup())["embeds"][0]["description"]

    # No brief posted here yet: as a first scheduled brief, only the last day is new (the stories'
    # updates are months old), and the brief says so instead of calling them all new.
    assert (await brief_description()).startswith("0 new of 4 stories in the last day")
    await schedule(running, "set", channel=fake.channel, time="08:00", timezone="UTC")
    assert (await running.app.schedules.engine.fire_now(fake.guild.id)).outcome is Outcome.POSTED
    # Today's posted brief is the previous one now: /brief tells what came after it.
    assert "since the last brief" in await brief_description()
