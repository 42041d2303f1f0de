"""The editor's review end to end: a feed item → a proposal in the editors' channel → decided by button.

The real discord.py client runs against the fake Discord; feeds come from the local feed server.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from typing import Any

import pytest

from bot.app import build_app
from bot.config import Settings
from bot.discord_app.client import new_bot
from bot.discord_app.cogs.review import ReviewCog
from bot.feeds.settings import FeedsPolicy
from bot.render.custom_ids import review_id
from bot.scheduling.engine import Outcome
from tests.discord_app.test_schedule_commands import schedule
from tests.fake_discord.harness import run_client, test_client_options
from tests.feeds.conftest import feed_server, feed_server_session  # noqa: F401 - fixtures
from tests.feeds.server import FeedServer
from tests.review.conftest import inserted_block

EPHEMERAL = 64
DEFERRED_UPDATE = 6  # acknowledged at once; the message is edited once the decision is written
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
    title = "Russian missile barrage knocks out power across western Ukraine \\- The Harbour Post"
    # Posted once, by whoever comes first: the poller's event or this call.
    await _cog(running).post_open_proposals()
    await fake.wait_until(lambda: title in _review_messages(running))
    assert await _cog(running).post_open_proposals() == 0  # never posted twice
    messages = _review_messages(running)
    posted = fake.bot_messages(running.app.settings.review.channel_id)
    assert [m["embeds"][0]["title"] for m in posted if m.get("embeds")].count(title) == 1
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
    assert (await accepted.response())["type"] == DEFERRED_UPDATE
    decided = await accepted.original_edit()
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
    # The bot's own poller runs meanwhile and may take the new items first (a busy machine makes that
    # likelier): either poll makes the proposal, and the review message is what counts.
    await feeds.poll_once(everything=True)
    await _cog(running).post_open_proposals()
    await running.fake.wait_until(lambda: any("Ternopil" in t for t in _review_messages(running)))
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
    assert "already exists" in (await submitted.followup())["content"]

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
    assert "new story ternopil-repairs" in (await submitted.followup())["content"]
    assert (running.briefs / "ternopil-repairs.toml").is_file()
    title = message["embeds"][0]["title"]
    await fake.wait_until(lambda: _review_messages(running)[title]["components"] == [])
    listed = await fake.slash_command("stories", {})
    assert "Ternopil grid repairs" in (await listed.response())["data"]["embeds"][0]["description"]
    # The private picker is now stale: picking from it says who decided.
    picked = await fake.click(
        other.original_message, select["custom_id"], values=[select["options"][0]["value"]], user=fake.admin
    )
    assert (await picked.response())["type"] == DEFERRED_UPDATE
    stale = await picked.original_edit()
    assert stale["embeds"][0]["description"].startswith("**Accepted** → `ternopil-repairs`")
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
    assert all(b["type"] == DEFERRED_UPDATE for b in bodies)
    decided = [await c.original_edit() for c in clicks]  # both see the decided message
    assert all(d["components"] == [] for d in decided)
    await fake.wait_until(lambda: any(c.followups for c in clicks))
    await fake.settle(0.2)
    told = [f["content"] for c in clicks for f in c.followups]
    assert len(told) == 1 and "was already" in told[0]


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
    told = (await submitted.followup())["content"]
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
    assert (await picked.response())["type"] == DEFERRED_UPDATE
    assert (await picked.original_edit())["content"].startswith("added to china-export-curbs")
    title = message["embeds"][0]["title"]
    await fake.wait_until(lambda: _review_messages(running)[title]["components"] == [])
    assert "`china-export-curbs`" in _review_messages(running)[title]["embeds"][0]["description"]


async def _grid_message(running, feed_server: FeedServer) -> tuple[dict[str, Any], int]:  # noqa: F811
    await _proposals_from_feeds(running, feed_server)
    await _cog(running).post_open_proposals()
    grid = next(m for t, m in _review_messages(running).items() if t.startswith("Russian missile barrage"))
    return grid, int(grid["embeds"][0]["footer"]["text"].split("#")[1].split()[0])


async def test_accept_is_acknowledged_before_a_slow_story_write(running, feed_server, monkeypatch) -> None:  # noqa: F811
    """A big catalog makes the write and reload slow: the click is acknowledged at once, the
    message edited when the update is written (Discord forgets an interaction unanswered in 3 s)."""
    import bot.review.service as review_service

    fake = running.fake
    grid, grid_id = await _grid_message(running, feed_server)
    real_append = review_service.append_update

    def slow_append(*args: Any, **kwargs: Any) -> Any:
        time.sleep(1.0)
        return real_append(*args, **kwargs)

    monkeypatch.setattr(review_service, "append_update", slow_append)
    fake.interaction_deadline = 0.5  # a callback later than this is refused, like Discord after 3 s
    accepted = await fake.click(grid, review_id("accept", grid_id), user=fake.admin)
    assert (await accepted.response())["type"] == DEFERRED_UPDATE
    assert accepted.latency is not None and accepted.latency < 0.5
    decided = await accepted.original_edit(timeout=10)
    assert decided["components"] == []
    assert decided["embeds"][0]["description"].startswith(f"**Accepted** → `{GRID}` by ")
    assert running.app.library.index.get(GRID).latest.headline.startswith("Russian missile barrage")


async def test_a_modal_submitted_before_the_bot_hears_back_still_works(running, feed_server) -> None:  # noqa: F811
    """The modal flake's cause, made certain: Discord shows the modal (and can deliver its
    submission) before the bot has the answer to its callback request. discord.py registers a sent
    modal only after that answer, so a submission arriving first found no modal and was dropped."""
    fake = running.fake
    grid, grid_id = await _grid_message(running, feed_server)
    fake.reply_late("POST", "/interactions/{id}/{token}/callback", 0.5)
    opener = await fake.click(grid, review_id("edit", grid_id), user=fake.admin)
    modal = await opener.modal()  # on screen; the bot is still waiting for Discord's answer
    submitted = await fake.submit_modal(
        modal["custom_id"], {"headline": "Strikes cut power in Ternopil", "text": "Our own account of it."}
    )
    told = await submitted.followup()
    assert "added to ukraine-energy-grid: Strikes cut power in Ternopil" in told["content"]
    await fake.wait_until(lambda: opener.callback_requests[0].status == 200)  # the late answer arrived
    title = grid["embeds"][0]["title"]
    await fake.wait_until(lambda: _review_messages(running)[title]["components"] == [])  # decision shown
    await fake.settle(0.1)


async def test_modals_submitted_after_a_restart_still_work(running, feed_server) -> None:  # noqa: F811
    """Open both review modals, restart the bot (a new App and client), then submit them."""
    fake = running.fake
    grid, grid_id = await _grid_message(running, feed_server)
    new = await (await fake.click(grid, review_id("new", grid_id), user=fake.admin)).modal()
    edit = await (await fake.click(grid, review_id("edit", grid_id), user=fake.admin)).modal()

    settings = running.app.settings
    await running.bot.close()  # the first bot is gone, with everything it held in memory
    again = new_bot(build_app(settings), **test_client_options())
    async with run_client(again, fake):
        made = await fake.submit_modal(
            new["custom_id"],
            {"story_id": "ternopil-repairs", "title": "Ternopil repairs", "topic": "Ukraine"},
        )
        assert "new story ternopil-repairs" in (await made.followup())["content"]
        assert again.app.library.index.get("ternopil-repairs") is not None
        title = grid["embeds"][0]["title"]
        await fake.wait_until(lambda: _review_messages(running)[title]["components"] == [])
        # The other modal, open since before the restart, is answered too: decided meanwhile.
        mark = fake.mark()
        late = await fake.submit_modal(edit["custom_id"], {"headline": "Late", "text": "Too late."})
        assert "already accepted (story ternopil-repairs)" in (await late.followup())["content"]
        # ... and the bot then shows the decision on the review message: let it finish before the
        # client closes (else its edit meets a closed session).
        await fake.wait_for_request("PATCH", f"/channels/{{x}}/messages/{grid['id']}", since=mark)
        await fake.settle(0.05)  # its answer read
