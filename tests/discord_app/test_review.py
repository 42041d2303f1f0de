"""The editor's review end to end: a feed item → a proposal in the editors' channel → decided by button.

The real discord.py client runs against the fake Discord; feeds come from the local feed server.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from bot.config import Settings
from bot.discord_app.cogs.review import ReviewCog
from bot.feeds.settings import FeedsPolicy
from bot.render.custom_ids import review_id
from bot.scheduling.engine import Outcome
from tests.discord_app.test_schedule_commands import schedule
from tests.feeds.conftest import feed_server, feed_server_session  # noqa: F401 - fixtures
from tests.feeds.server import FeedServer
from tests.review.conftest import inserted_block

EPHEMERAL = 64
UPDATE_MESSAGE = 7
GRID = "ukraine-energy-grid"
# Written by us: an item that tries to ping and to format, about the grid story.
HOSTILE = """<?xml version="1.0"?><rss version="2.0"><channel><title>Lantern Weekly</title>
<item><title>@everyone Russian missiles cut power in Ternopil **again** &lt;@&amp;123&gt;</title>
<link>https://lantern.example/grid-repairs</link><guid>lw-grid-9</guid>
<pubDate>Mon, 13 Oct 2025 09:00:00 GMT</pubDate>
<description>@here Russia fired missiles at Ukraine's energy infrastructure and the Ternopil region lost
electricity [click](https://evil.example) {long}</description>
</item></channel></rss>""".replace("{long}", "Ukraine's power grid was hit by missiles again. " * 80)


@pytest.fixture
def configure():
    def apply(settings: Settings, fake: Any) -> None:
        guild = fake.guild
        editors_role = guild.add_role("Editors")
        admin = guild.member(fake.admin.id)
        guild.add_member(fake.admin, [*(admin.roles if admin else []), editors_role.id])
        channel = guild.add_channel("editors")
        settings.review.channel_id = channel.id
        settings.review.editor_role_ids = [editors_role.id]
        settings.feeds_policy = FeedsPolicy(
            allow_private_addresses=True, contact="mailto:editors@newsbrief.example", total_timeout_seconds=2
        )

    return apply


async def _proposals_from_feeds(running, feed_server: FeedServer) -> list[int]:  # noqa: F811
    feeds = await running.app.open_feeds()
    url = feed_server.put_fixture("/harbour.xml", "outlet-a-before.xml")
    await feeds.add_source(url, "The Harbour Post")
    await feeds.poll_once(everything=True)  # the first fetch only records items
    feed_server.put_fixture("/harbour.xml", "outlet-a-after.xml")  # an item appears
    report = await feeds.poll_once(everything=True)
    assert report.proposals
    return report.proposals


def _review_messages(running) -> dict[str, dict[str, Any]]:
    fake = running.fake
    channel = running.app.settings.review.channel_id
    return {m["embeds"][0]["title"]: m for m in fake.bot_messages(channel) if m.get("embeds")}


def _cog(running) -> ReviewCog:
    cog = running.bot.get_cog("Review")  # loaded as an extension: a fresh module, so no isinstance
    assert cog is not None and type(cog).__name__ == ReviewCog.__name__
    return cog  # type: ignore[no-any-return]


async def test_a_feed_item_becomes_a_story_update_through_the_editors_channel(running, feed_server) -> None:  # noqa: F811
    fake = running.fake
    await _proposals_from_feeds(running, feed_server)
    assert await _cog(running).post_open_proposals() >= 1
    assert await _cog(running).post_open_proposals() == 0  # never posted twice
    messages = _review_messages(running)
    title = "Russian missile barrage knocks out power across western Ukraine \\- The Harbour Post"
    message = messages[title]
    embed = message["embeds"][0]
    assert f"update of {GRID}" in embed["description"].replace("\\", "")
    assert "Proposal #" in embed["footer"]["text"] and "<t:" not in embed["title"]
    proposal_id = int(embed["footer"]["text"].split("#")[1].split()[0])
    labels = [c["label"] for row in message["components"] for c in row["components"]]
    assert labels == ["Accept", "Edit & accept", "Another story", "New story", "Reject"]

    refused = await fake.click(message, review_id("accept", proposal_id), user=fake.user)
    data = (await refused.response())["data"]
    assert data["flags"] & EPHEMERAL and "Only editors" in data["content"]

    path = running.briefs / f"{GRID}.toml"
    before = path.read_text(encoding="utf-8")
    accepted = await fake.click(message, review_id("accept", proposal_id), user=fake.admin)
    body = await accepted.response()
    assert body["type"] == UPDATE_MESSAGE
    decided = body["data"]
    assert decided["components"] == []
    assert decided["embeds"][0]["description"].startswith(f"**Accepted** → `{GRID}` by ")
    assert "<t:" in decided["embeds"][0]["description"]

    block = inserted_block(before, path.read_text(encoding="utf-8"), "[[updates]]\ndate = 2025-10-12\n")
    assert 'url = "https://harbour-post.example/ukraine-grid-strike"' in block and "added = " in block

    asked = await fake.slash_command(
        "ask", {"question": "Which region lost electricity after the missile barrage?"}
    )
    answer = (await asked.response())["data"]["embeds"][0]
    assert "Ternopil" in answer["description"]

    # The next scheduled brief leads with it as new (this server's first brief: only the last day
    # is new, so the 2025 updates are not); the one after doesn't call it new again.
    await schedule(running, "set", channel=fake.channel, time="08:00", timezone="UTC")
    before_posts = len(fake.bot_messages(fake.channel))
    assert (await running.app.schedules.engine.fire_now(fake.guild.id)).outcome is Outcome.POSTED
    [brief] = [m for m in fake.bot_messages(fake.channel)[before_posts:] if m["type"] == 0]
    embed = brief["embeds"][0]
    assert embed["description"].startswith("1 new of 4 stories") and "<t:" not in embed["title"]
    news = embed["fields"][0]["value"]
    assert news.startswith("🆕 **Russia's strikes on Ukraine's energy grid** — Russian missile barrage")
    assert "The Harbour Post <https://harbour-post.example/ukraine-grid-strike>" in news
    assert embed["fields"][-1]["name"] == "Unchanged" and "<t:" in embed["fields"][-1]["value"]
    record = await running.app.schedules.repository.get_schedule(fake.guild.id)
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    following = await running.app.schedules.compose(record, tomorrow)
    assert following.cards[0].description.startswith("0 new of 4 stories")


async def _hostile_proposal(running, feed_server: FeedServer) -> dict[str, Any]:  # noqa: F811
    feeds = await running.app.open_feeds()
    empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>Lantern Weekly</title></channel></rss>'
    url = feed_server.put("/lantern.xml", empty)
    await feeds.add_source(url, "Lantern Weekly")
    await feeds.poll_once(everything=True)
    feed_server.put("/lantern.xml", HOSTILE)
    assert (await feeds.poll_once(everything=True)).proposals
    await _cog(running).post_open_proposals()
    [message] = [m for t, m in _review_messages(running).items() if "Ternopil" in t]
    return message


async def test_nothing_from_a_feed_pings_or_breaks_limits(running, feed_server) -> None:  # noqa: F811
    fake = running.fake
    mark = fake.mark()
    message = await _hostile_proposal(running, feed_server)
    [post] = fake.requests_to("POST", "/channels/{channel_id}/messages", since=mark)
    assert post.json["allowed_mentions"]["parse"] == []
    text = str(message["content"]) + str(message["embeds"])
    assert "@everyone" not in text and "@here" not in text and "<@&" not in text
    assert "**finish**" not in text and "[click](" not in text  # markdown is shown, not applied
    embed = message["embeds"][0]
    assert len(embed["description"]) <= 4096 and sum(len(f["value"]) for f in embed["fields"]) <= 6000


# Known flake: now and then a modal submission gets no callback at all (seen on the review branch
# alone, about one run in five); rerun while it is being traced, rather than hide it.
@pytest.mark.flaky(reruns=3)
async def test_new_story_and_another_story_from_the_buttons(running, feed_server) -> None:  # noqa: F811
    fake = running.fake
    message = await _hostile_proposal(running, feed_server)
    proposal_id = int(message["embeds"][0]["footer"]["text"].split("#")[1].split()[0])

    opener = await fake.click(message, review_id("new", proposal_id), user=fake.admin)
    modal = await opener.modal()
    assert len(modal["title"]) <= 45
    submitted = await fake.submit_modal(
        modal["custom_id"], {"story_id": "gaza-ceasefire", "title": "Taken", "topic": "Ukraine"}
    )
    assert "already exists" in (await submitted.response())["data"]["content"]

    other = await fake.click(message, review_id("other", proposal_id), user=fake.admin)
    picker = (await other.response())["data"]
    assert picker["flags"] & EPHEMERAL
    select = picker["components"][0]["components"][0]
    assert select["options"] and all(len(o["label"]) <= 100 for o in select["options"])

    opener = await fake.click(message, review_id("new", proposal_id), user=fake.admin)
    modal = await opener.modal()
    submitted = await fake.submit_modal(
        modal["custom_id"],
        {"story_id": "ternopil-repairs", "title": "Ternopil grid repairs", "topic": "Ukraine"},
    )
    assert "new story ternopil-repairs" in (await submitted.response())["data"]["content"]
    assert (running.briefs / "ternopil-repairs.toml").is_file()
    title = message["embeds"][0]["title"]
    await fake.wait_until(lambda: _review_messages(running)[title]["components"] == [])
    listed = await fake.slash_command("stories", {})
    assert "Ternopil grid repairs" in (await listed.response())["data"]["embeds"][0]["description"]
    # The private picker is now stale: picking from it says who decided.
    picked = await fake.click(
        other.original_message, select["custom_id"], values=[select["options"][0]["value"]], user=fake.admin
    )
    body = await picked.response()
    assert body["data"]["embeds"][0]["description"].startswith("**Accepted** → `ternopil-repairs`")
    assert "already accepted (story ternopil-repairs)" in (await picked.followup())["content"]


async def test_two_editors_at_once_one_decision_wins(running, feed_server) -> None:  # noqa: F811
    fake = running.fake
    guild = fake.guild
    role = running.app.settings.review.editor_role_ids[0]
    guild.add_member(fake.user, [role])
    await _proposals_from_feeds(running, feed_server)
    await _cog(running).post_open_proposals()
    title = "Russian missile barrage knocks out power across western Ukraine \\- The Harbour Post"
    message = _review_messages(running)[title]
    proposal_id = int(message["embeds"][0]["footer"]["text"].split("#")[1].split()[0])
    clicks = await asyncio.gather(
        fake.click(message, review_id("accept", proposal_id), user=fake.admin),
        fake.click(message, review_id("reject", proposal_id), user=fake.user),
    )
    bodies = [await c.response() for c in clicks]
    assert all(b["type"] == UPDATE_MESSAGE for b in bodies)  # both see the decided message
    await fake.wait_until(lambda: any(c.followups for c in clicks))
    await fake.settle(0.2)
    told = [f["content"] for c in clicks for f in c.followups]
    assert len(told) == 1 and "was already" in told[0]


@pytest.mark.flaky(reruns=3)  # the same known modal flake
async def test_edit_and_accept_in_our_own_words(running, feed_server) -> None:  # noqa: F811
    fake = running.fake
    await _proposals_from_feeds(running, feed_server)
    await _cog(running).post_open_proposals()
    grid = next(m for t, m in _review_messages(running).items() if t.startswith("Russian missile barrage"))
    grid_id = int(grid["embeds"][0]["footer"]["text"].split("#")[1].split()[0])
    opener = await fake.click(grid, review_id("edit", grid_id), user=fake.admin)
    modal = await opener.modal()
    submitted = await fake.submit_modal(
        modal["custom_id"], {"headline": "Strikes cut power in Ternopil", "text": "Our own account of it."}
    )
    told = (await submitted.response())["data"]["content"]
    assert "added to ukraine-energy-grid: Strikes cut power in Ternopil" in told
    story = running.app.library.index.get(GRID)
    assert story is not None and story.latest.text == "Our own account of it."
    await fake.wait_until(lambda: _review_messages(running)[grid["embeds"][0]["title"]]["components"] == [])


async def test_another_story_from_the_private_menu(running, feed_server) -> None:  # noqa: F811
    fake = running.fake
    message = await _hostile_proposal(running, feed_server)
    proposal_id = int(message["embeds"][0]["footer"]["text"].split("#")[1].split()[0])
    other = await fake.click(message, review_id("other", proposal_id), user=fake.admin)
    select = (await other.response())["data"]["components"][0]["components"][0]
    picked = await fake.click(
        other.original_message, select["custom_id"], values=["china-export-curbs"], user=fake.admin
    )
    assert (await picked.response())["data"]["content"].startswith("added to china-export-curbs")
    title = message["embeds"][0]["title"]
    await fake.wait_until(lambda: _review_messages(running)[title]["components"] == [])
    assert "`china-export-curbs`" in _review_messages(running)[title]["embeds"][0]["description"]
