"""A brief waits for its send slot in discord.py's HTTP layer, as the request goes out: once per
attempt, discord.py's retries included; the bot's other requests take no slot."""

from __future__ import annotations

import datetime as dt

from bot.scheduling.engine import DeliveryAttempt


class CountingBudget:
    def __init__(self) -> None:
        self.taken = 0

    async def acquire(self) -> None:
        self.taken += 1

    async def close(self) -> None:
        return None


async def test_each_attempt_of_a_post_takes_a_slot_and_nothing_else_does(running):
    fake, service = running.fake, running.app.schedules
    handle = await fake.slash_command(
        "schedule",
        {"channel": fake.channel, "time": "08:00", "timezone": "UTC"},
        subcommand="set",
        user=fake.admin,
    )
    await handle.response()
    schedule = await service.get(fake.guild.id)
    today = dt.datetime.now(dt.UTC).date()
    brief = await service.compose(schedule, today)
    budget = CountingBudget()
    service.poster.budget = budget
    mark = fake.mark()
    fake.fail_next("POST", "/channels/{id}/messages", status=429, retry_after=0.05, is_global=True)

    # Resumed: the poster first reads the channel's recent messages (not paced), then posts.
    await service.poster.post_brief(schedule, brief, DeliveryAttempt(fake.guild.id, today, True))
    assert fake.requests_to("GET", f"/channels/{fake.channel.id}/messages", since=mark)
    assert len(fake.requests_to("POST", f"/channels/{fake.channel.id}/messages", since=mark)) == 2
    assert budget.taken == 2  # the refused attempt and discord.py's retry
