"""Questions about where a story comes from: photo credits, publisher and headline, from its record."""

from __future__ import annotations

import pytest

from bot.core.answering import Answerer
from bot.core.provenance import RecordQuestion, answer_from_sources, credits_named_in, record_question


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("who snapped the pictures for the Gaza item?", RecordQuestion.PHOTO_CREDIT),
        ("photo credits for the rare earths story?", RecordQuestion.PHOTO_CREDIT),
        ("whose photos are those?", RecordQuestion.PHOTO_CREDIT),
        ("which site put out the France segment?", RecordQuestion.PUBLISHER),
        ("what outlet ran it?", RecordQuestion.PUBLISHER),
        ("what's the article's headline?", RecordQuestion.HEADLINE),
        ("what was the title of the original piece on Gaza?", RecordQuestion.HEADLINE),
        # a claim's source the text names, or the photo's subject, is no question about the record
        ("which paper did the officials tell about the campaign?", None),
        ("which newspaper carried the officials' view of the war?", None),
        ("who is in the photo with Trump?", None),
        ("who shot down the missiles?", None),
        ("were any photographers hurt in the strikes?", None),
    ],
)
def test_which_fact_of_the_record_a_question_asks(question: str, asked: RecordQuestion | None) -> None:
    assert record_question(question) is asked


def test_answers_come_from_the_sources_and_say_plainly_what_they_lack(library) -> None:
    gaza = library.index.get("gaza-ceasefire")
    text, direct = answer_from_sources(gaza, RecordQuestion.PHOTO_CREDIT)
    assert direct and "Ramez Habboub" in text and "Ramadan Abed" in text
    text, direct = answer_from_sources(gaza, RecordQuestion.HEADLINE)
    assert direct and "US pressures Israel for Gaza truce" in text
    # the France record gives no title for its video, the Ukraine one no photo credit
    text, direct = answer_from_sources(library.index.get("france-government"), RecordQuestion.HEADLINE)
    assert not direct and "doesn't say" in text and "GZERO Media" in text
    text, direct = answer_from_sources(library.index.get("ukraine-energy-grid"), RecordQuestion.PHOTO_CREDIT)
    assert not direct and "doesn't say" in text


def test_a_caption_names_a_credit_by_the_photographer_s_name(library) -> None:
    china = library.index.get("china-export-curbs")
    assert credits_named_in(china, "a photo taken by Damir Sagolj for Reuters")
    assert not credits_named_in(china, "a photo of the Great Hall of the People")


def test_asked_in_a_conversation_the_answer_and_its_follow_ups(talking: Answerer) -> None:
    answer = talking.ask("who's credited with the Gaza story's pictures?", conversation="archive")
    assert answer.direct and "Ramadan Abed" in answer.text
    answer = talking.ask("and which outlet published that story?", conversation="archive")
    assert "GZERO Media" in answer.text
    # a caption crediting the photo answers in full, and the follow-up is about that photo
    answer = talking.ask("who took the picture in the rare earths story?", conversation="photo")
    assert "Damir Sagolj" in answer.text
    assert "2017" in talking.ask("what year is it from?", conversation="photo").text
