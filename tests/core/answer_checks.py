"""What the answer tests share: the project's four stories by id, the story an answer came from,
and the two checks most of them make."""

from __future__ import annotations

from bot.core.answering import Answer, Answerer

GAZA = "gaza-ceasefire"
FRANCE = "france-government"
UKRAINE = "ukraine-energy-grid"
CHINA = "china-export-curbs"


def story_of(answer: Answer) -> str | None:
    """The id of the story an answer is from; None for a declined question."""
    return answer.story.id if answer.story is not None else None


def assert_answered(talking: Answerer, question: str, story: str, expected: str) -> Answer:
    """The question finds its story, and the answer holds the expected words (in any case)."""
    answer = talking.ask(question)
    assert story_of(answer) == story
    assert expected.lower() in answer.text.lower()
    return answer


def assert_doesnt_say(talking: Answerer, question: str, story: str) -> Answer:
    """The question finds its story, which doesn't hold what it asks: a plain "doesn't say" answer."""
    answer = talking.ask(question)
    assert story_of(answer) == story and answer.direct is False and "doesn't say" in answer.text
    return answer
