"""A brief whose outcome was lost (crash, database blip) is found in the channel, never posted twice."""

from __future__ import annotations

import datetime as dt

from bot.scheduling.engine import DeliveryAttempt, Outcome
from bot.storage import DeliveryStatus


async def _set(running) -> None:
    fake = running.fake
    handle = await fake.slash_command(
        "schedule",
        {"channel": fake.channel, "time": "08:00", "timezone": "UTC"},
        subcommand="set",
        user=fake.admin,
    )
    await handle.response()


async def test_the_same_delivery_is_posted_once_by_nonce_and_by_look_back(running):
    fake, service = running.fake, running.app.schedules
    await _set(running)
    schedule = await service.get(fake.guild.id)
    today = dt.datetime.now(dt.UTC).date()
    brief = await service.compose(schedule, today)
    before = len(fake.bot_messages(fake.channel))

    first = await service.poster.post_brief(schedule, brief, DeliveryAttempt(fake.guild.id, today, False))
    # A retry with the same nonce (enforce_nonce) gets the same message back from Discord.
    again = await service.poster.post_brief(schedule, brief, DeliveryAttempt(fake.guild.id, today, False))
    # A take-over finds it among the channel's recent messages (history carries no nonce: the marker).
    found = await service.poster.post_brief(schedule, brief, DeliveryAttempt(fake.guild.id, today, True))
    assert first == again == found
    assert len(fake.bot_messages(fake.channel)) == before + 1
    assert fake.requests_to("GET", f"/channels/{fake.channel.id}/messages")
    # Another day's delivery is a different post.
    tomorrow = today + dt.timedelta(days=1)
    other = await service.poster.post_brief(schedule, brief, DeliveryAttempt(fake.guild.id, tomorrow, True))
    assert other != first and len(fake.bot_messages(fake.channel)) == before + 2


async def test_a_take_over_records_the_dead_claimers_post_instead_of_posting_again(running):
    fake, service = running.fake, running.app.schedules
    await _set(running)
    schedule = await service.get(fake.guild.id)
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    # A process claimed today's brief, posted it, and died before recording it (its lease ran out).
    assert await service.repository.claim_delivery(
        fake.guild.id, today, claimer="dead", scheduled_for=now, now=now - dt.timedelta(minutes=5)
    )
    brief = await service.compose(schedule, today)
    posted = await service.poster.post_brief(schedule, brief, DeliveryAttempt(fake.guild.id, today, False))
    before = len(fake.bot_messages(fake.channel))

    result = await service.engine.fire_now(fake.guild.id)
    assert result.outcome is Outcome.POSTED and result.message_id == posted
    assert len(fake.bot_messages(fake.channel)) == before
    row = await service.repository.get_delivery(fake.guild.id, today)
    assert row is not None and row.status is DeliveryStatus.POSTED and row.message_id == posted
