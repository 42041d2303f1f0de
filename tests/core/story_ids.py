"""The project's four stories by id, and the story an answer came from: what the answer tests share."""

from __future__ import annotations

from bot.core.answering import Answer

GAZA = "gaza-ceasefire"
FRANCE = "france-government"
UKRAINE = "ukraine-energy-grid"
CHINA = "china-export-curbs"


def story_of(answer: Answer) -> str | None:
    """The id of the story an answer is from; None for a declined question."""
    return answer.story.id if answer.story is not None else None
