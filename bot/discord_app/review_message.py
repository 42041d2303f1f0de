"""A proposal as the review message editors see in their channel (a plain JSON payload).

Everything that comes from a feed is inert (no markdown, no mentions; the client also sends with
``AllowedMentions.none()``) and cut to Discord's limits by :func:`bot.render.limits.fit_message`.
Discord timestamps (``<t:…>``) go in the description and fields, where Discord renders them, never
in the title.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.feeds.models import ProposalRecord, ProposalStatus
from bot.render.custom_ids import review_id
from bot.render.discord_payload import inert
from bot.render.limits import OPTION_LABEL, fit_message
from bot.review.describe import target_of

__all__ = ["COLOURS", "candidate_options", "review_payload", "timestamp"]

COLOURS = {
    ProposalStatus.OPEN: 0xD69E2E,
    ProposalStatus.ACCEPTED: 0x38A169,
    ProposalStatus.REJECTED: 0x718096,
    ProposalStatus.SUPERSEDED: 0x718096,
}
_BUTTONS = (("Accept", "accept", 3), ("Edit & accept", "edit", 1), ("Another story", "other", 2))
_BUTTONS_2 = (("New story", "new", 2), ("Reject", "reject", 4))


def timestamp(when: dt.datetime, style: str = "f") -> str:
    """A Discord timestamp, shown in each reader's own time zone."""
    return f"<t:{int(when.timestamp())}:{style}>"


def _snippet(text: str, limit: int = 300) -> str:
    return inert(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def _linkable(link: str | None) -> bool:
    """A link Discord accepts and that cannot break out of ``<…>`` (feed links are the publisher's)."""
    return (
        bool(link)
        and str(link).startswith(("http://", "https://"))
        and not any(c in str(link) for c in " <>\n")
    )


def candidate_options(proposal: ProposalRecord) -> list[dict[str, str]]:
    """The select's options for "Another story": the top candidates, best first."""
    return [
        {
            "label": f"{c.title} ({c.coverage:.0%})"[:OPTION_LABEL],
            "value": c.story_id,
            "description": ("matched: " + ", ".join(c.matched_words[:6]))[:100] or "no words matched",
        }
        for c in proposal.candidates[:5]
    ]


def review_payload(proposal: ProposalRecord, decided_by_label: str | None = None) -> dict[str, Any]:
    """The message for one proposal: open (with its buttons) or decided (who, when; no buttons)."""
    group = proposal.group
    outlets = ", ".join(group.outlets) or "unknown outlet"
    lines = [f"**Proposed:** {inert(target_of(proposal))}"]
    if group.snippet:
        lines.append(f"{inert(outlets)} wrote: “{_snippet(group.snippet)}”")
    for member in group.members[:5]:
        when = f" · {timestamp(member.published, 'f')}" if member.published else ""
        link = f" · <{member.link}>" if _linkable(member.link) else ""
        lines.append(f"• {inert(member.publisher)}{when}{link}")
    if len(group.members) > 5:
        lines.append(f"…and {len(group.members) - 5} more reports")
    fields = []
    for candidate in proposal.candidates[:3]:
        words = ", ".join(candidate.matched_words[:8]) or "none"
        fields.append(
            {
                "name": inert(candidate.title)[:200],
                "value": f"`{candidate.story_id}` · score {candidate.score:.1f} · coverage "
                f"{candidate.coverage:.0%}\nmatched: {inert(words)}",
                "inline": False,
            }
        )
    fields.append({"name": "Why", "value": inert(proposal.reason) or "—", "inline": False})
    if proposal.status is not ProposalStatus.OPEN:
        who = decided_by_label or proposal.decided_by or "someone"
        when = f" {timestamp(proposal.decided_at)}" if proposal.decided_at else ""
        story = f" → `{proposal.story_id}`" if proposal.story_id else ""
        lines.insert(0, f"**{proposal.status.value.capitalize()}**{story} by {inert(who)}{when}")
    embed = {
        "type": "rich",
        "title": inert(group.headline if group.members else "(no items)"),
        "description": "\n".join(lines),
        "fields": fields,
        "footer": {"text": f"Proposal #{proposal.id} · headline and snippet: {outlets}"},
        "color": COLOURS[proposal.status],
    }
    if group.members and _linkable(group.members[0].link):
        embed["url"] = group.members[0].link
    components: list[dict[str, Any]] = []
    if proposal.status is ProposalStatus.OPEN:
        for row in (_BUTTONS, _BUTTONS_2):
            components.append(
                {
                    "type": 1,
                    "components": [
                        {"type": 2, "style": style, "label": label, "custom_id": review_id(verb, proposal.id)}
                        for label, verb, style in row
                    ],
                }
            )
    return fit_message({"content": "", "embeds": [embed], "components": components})
