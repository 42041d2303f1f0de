"""A group of items -> a proposal, with the same index the bot answers questions with.

The index ranks stories for a text and says how much of it each story explains (coverage). A news
item is longer and wordier than a question, so its coverage is lower than a question's; what tells
a real match is the score, the coverage, the index's own "strong match" rule and the margin over the
runner-up together. The thresholds below are calibrated on the labelled items in
``tests/feeds/labelled_items.toml`` (``python -m benchmarks feeds`` prints the precision and recall
they give); change them there and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.evidence import unmentioned_countries
from bot.core.geography import countries_in
from bot.core.index import Match, QueryTerm, StoryIndex
from bot.feeds.grouping import strip_outlet_suffix
from bot.feeds.models import Candidate, ItemGroup, ProposalDraft, ProposalKind

__all__ = ["THRESHOLDS", "Thresholds", "candidates_for", "match_group", "query_text"]

TOP_CANDIDATES = 3


@dataclass(frozen=True)
class Thresholds:
    update_coverage: float  # share of the item's words the story explains, for an automatic proposal
    update_score: float  # index score, for an automatic proposal
    update_margin: float  # best score / runner-up score, for an automatic proposal
    review_coverage: float  # below this (or without a strong match) the item is about no story
    review_score: float
    new_story_outlets: int = 2  # a group matching nothing becomes a "new story" from this many outlets


# Calibrated with `python -m benchmarks feeds` on the labelled items (its sweep prints precision and
# recall per update score). Items naming a country the story never mentions go to review whatever
# their score; below the automatic-update line, a strong enough candidate still goes to a person.
THRESHOLDS = Thresholds(
    update_coverage=0.3,
    update_score=12.0,
    update_margin=1.5,
    review_coverage=0.15,
    review_score=5.0,
)


def query_text(group: ItemGroup) -> str:
    """The group's distinct headlines (outlet names removed), then the first snippet."""
    headlines = dict.fromkeys(strip_outlet_suffix(m.title, m.publisher) for m in group.members)
    return " ".join([*list(headlines)[:3], group.snippet])


def _matched_words(index: StoryIndex, match: Match, terms: Sequence[QueryTerm]) -> tuple[str, ...]:
    found = [t.word for t in terms if index.coverage_of(match.story, [t]) > 0]
    return tuple(dict.fromkeys(found))


def candidates_for(index: StoryIndex, text: str) -> tuple[list[Match], list[Candidate]]:
    terms = index.analyse(text)
    matches = index.rank(terms, limit=TOP_CANDIDATES + 1)
    candidates = [
        Candidate(m.story.id, m.story.title, m.score, m.coverage, _matched_words(index, m, terms))
        for m in matches[:TOP_CANDIDATES]
    ]
    return matches, candidates


def match_group(
    index: StoryIndex, group: ItemGroup, thresholds: Thresholds = THRESHOLDS
) -> ProposalDraft | None:
    """Decide what a group is: an update of one story, a case for review, a new story, or nothing."""
    text = query_text(group)
    matches, candidates = candidates_for(index, text)
    best = matches[0] if matches else None
    outlets = len(group.outlets)
    # A country the item names and the story never mentions ("a power cut in Madrid" for the Ukraine
    # grid story) leaves the decision to a person.
    foreign = bool(best is not None and unmentioned_countries(index, best.story, countries_in(text)))
    if best is not None and best.is_strong:
        runner_up = matches[1].score if len(matches) > 1 else 0.0
        margin = best.score / runner_up if runner_up > 0 else float("inf")
        if (
            not foreign
            and best.coverage >= thresholds.update_coverage
            and best.score >= thresholds.update_score
            and margin >= thresholds.update_margin
        ):
            reason = (
                f"clear match: coverage {best.coverage:.2f}, score {best.score:.1f}, "
                f"{'no runner-up' if runner_up == 0 else f'{margin:.1f}x the runner-up'}"
            )
            return ProposalDraft(ProposalKind.UPDATE, best.story.id, tuple(candidates), reason)
        if best.coverage >= thresholds.review_coverage and best.score >= thresholds.review_score:
            reason = (
                f"uncertain: best coverage {best.coverage:.2f}, score {best.score:.1f}, "
                f"margin {margin:.1f}x; a person should choose"
            )
            return ProposalDraft(ProposalKind.REVIEW, None, tuple(candidates), reason)
    if outlets >= thresholds.new_story_outlets:
        reason = f"matches no story; reported by {outlets} outlets"
        return ProposalDraft(ProposalKind.NEW_STORY, None, tuple(candidates), reason)
    return None
