from datetime import UTC, datetime

from bot.core.index import StoryIndex
from bot.feeds.matching import match_group, query_text
from bot.feeds.models import GroupMember, ItemGroup, ProposalKind

T = datetime(2025, 10, 12, 6, tzinfo=UTC)


def _group(*members: tuple[str, str, str]) -> ItemGroup:
    return ItemGroup(
        1,
        tuple(
            GroupMember(n, outlet, title, None, T, snippet)
            for n, (outlet, title, snippet) in enumerate(members)
        ),
    )


def test_a_clear_item_is_an_update_with_the_words_that_matched(story_index: StoryIndex) -> None:
    group = _group(
        ("Harbour Post", "Rare earth prices jump after Beijing's new export controls - Harbour Post", "")
    )
    draft = match_group(story_index, group)
    assert draft is not None and draft.kind is ProposalKind.UPDATE and draft.story_id == "china-export-curbs"
    best = draft.candidates[0]
    assert {"rare earth", "beijing", "export", "controls"} <= set(best.matched_words)
    assert "harbour" not in query_text(group).lower()  # the outlet suffix is not a clue


def test_an_item_near_a_story_goes_to_review_not_to_the_story(story_index: StoryIndex) -> None:
    group = _group(
        ("Lantern", "UK prime minister announces housing plan", "The British government wants homes.")
    )
    draft = match_group(story_index, group)
    assert draft is not None and draft.kind is ProposalKind.REVIEW and draft.story_id is None
    assert draft.candidates[0].story_id == "france-government"


def test_other_news_is_a_new_story_only_from_two_outlets(story_index: StoryIndex) -> None:
    one = _group(("Lantern", "Astronomers spot a comet visible to the naked eye", "Brightest next week."))
    assert match_group(story_index, one) is None
    two = _group(
        ("Lantern", "Astronomers spot a comet visible to the naked eye", "Brightest next week."),
        ("Northgate", "Comet to be visible without a telescope", "Look west after sunset."),
    )
    draft = match_group(story_index, two)
    assert draft is not None and draft.kind is ProposalKind.NEW_STORY and "2 outlets" in draft.reason


def test_the_labelled_items_meet_the_precision_and_recall_targets(story_index: StoryIndex) -> None:
    # Accuracy, not speed: the same figures `python -m benchmarks feeds` prints.
    from benchmarks.feeds import TARGET_PRECISION, TARGET_RECALL, accuracy, load_labelled

    measured = accuracy(story_index, load_labelled())
    assert measured.story_items >= 40
    assert measured.precision >= TARGET_PRECISION, measured.wrong
    assert measured.recall >= TARGET_RECALL, measured.misses
