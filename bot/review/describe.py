"""Proposals as plain text for the command line and the console (Discord renders its own message).

Feed text is already plain (markup stripped at parsing). The headline and snippet are the outlet's,
so they are shown quoted with the outlet's name.
"""

from __future__ import annotations

from bot.core.text import truncate
from bot.feeds.models import ProposalKind, ProposalRecord

__all__ = ["proposal_line", "proposal_lines", "target_of"]


def target_of(proposal: ProposalRecord) -> str:
    if proposal.kind is ProposalKind.NEW_STORY and proposal.story_id is None:
        return "new story"
    if proposal.story_id is None:
        return "needs a story"
    return f"update of {proposal.story_id}"


def proposal_line(proposal: ProposalRecord) -> str:
    """One line: id, status, what it proposes, the headline and outlets."""
    group = proposal.group
    headline = truncate(group.headline, 120) if group.members else "(no items)"
    outlets = ", ".join(group.outlets)
    return f"#{proposal.id} [{proposal.status.value}] {target_of(proposal)}: “{headline}” ({outlets})"


def proposal_lines(proposal: ProposalRecord) -> list[str]:
    """Everything a reviewer needs, one fact a line."""
    lines = [proposal_line(proposal)]
    group = proposal.group
    if group.snippet:
        lines.append(f"    {', '.join(group.outlets)} wrote: “{truncate(group.snippet, 280)}”")
    for m in group.members:
        when = m.published.strftime("%Y-%m-%d %H:%M UTC") if m.published else "undated"
        lines.append(f"    - {m.publisher}, {when}: {m.link or '(no link)'}")
    for c in proposal.candidates[:3]:
        words = ", ".join(c.matched_words[:8])
        lines.append(f"    ? {c.story_id} (score {c.score:.1f}, coverage {c.coverage:.0%}): {words}")
    lines.append(f"    why: {proposal.reason}")
    if proposal.decided_by:
        when = f" at {proposal.decided_at:%Y-%m-%d %H:%M} UTC" if proposal.decided_at else ""
        lines.append(f"    decided by {proposal.decided_by}{when}")
    return lines
