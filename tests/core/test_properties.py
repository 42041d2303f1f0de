"""Properties over arbitrary input: nothing a user types breaks answering or Discord's limits."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.answering import MAX_ANSWER_CHARS, MAX_SUGGESTIONS
from bot.core.desk import NewsDesk
from bot.core.library import StoryLibrary
from bot.core.replies import Reply
from bot.core.text import WORD, normalise, words
from bot.render.discord_payload import inert, message_payload
from bot.render.limits import fit_message, message_problems
from bot.render.text import render_text
from tests.conftest import BRIEFS_DIR

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Mix news words, Discord markup and arbitrary Unicode so examples reach the interesting paths.
NEWS_WORDS = st.sampled_from(
    [
        "gaza", "ceasefire", "Ternopil", "Macron", "rare", "earths", "when", "how many", "who", "it",
        "<@123>", "<@&456>", "<#789>", "@everyone", "@here", "<:e:1>", "<t:1700000000:R>", "**", "\u2063",
        "\u2064", "https://x.test/a", "?", "cease fire", "ukrain", "frnace", "\n", "ｇａｚａ", "😀",
    ]
)  # fmt: skip
QUESTIONS = st.one_of(
    st.text(max_size=4000),
    st.lists(st.one_of(NEWS_WORDS, st.text(max_size=12)), max_size=60).map(" ".join),
)
KEYS = st.one_of(st.none(), st.sampled_from(["a", "b", ("guild", 1)]))


@cache
def _desk() -> NewsDesk:
    # Built once: hypothesis runs many examples per test and the catalog is read-only here.
    return NewsDesk(StoryLibrary.load(BRIEFS_DIR))


@FAST
@given(question=QUESTIONS, key=KEYS)
def test_answering_never_fails(question: str, key) -> None:
    desk = _desk()
    answer = desk.library.answerer.ask(question, key)
    assert 0.0 <= answer.score <= 1.0
    assert len(answer.suggestions) <= MAX_SUGGESTIONS
    if answer.story is None:
        assert answer.text is None
    else:
        assert answer.text is not None and 0 < len(answer.text) <= MAX_ANSWER_CHARS
        assert answer.date is not None
    payload = message_payload(desk.answer_reply(answer))
    assert message_problems(payload) == []
    assert payload["allowed_mentions"] == {"parse": []}


@FAST
@given(query=QUESTIONS)
def test_story_lookup_never_breaks_limits(query: str) -> None:
    desk = _desk()
    reply = desk.story(query)
    payload = message_payload(reply)
    assert message_problems(payload) == []
    assert not re.search(r"@(everyone|here)\b|<@[!&]?\d+>", payload["content"])
    text = render_text(reply)
    assert "\u2063" not in text and "\u2064" not in text
    assert len(desk.autocomplete_stories(query)) <= 25


@FAST
@given(text=st.text(max_size=300))
def test_inert_text_never_pings(text: str) -> None:
    assert not re.search(r"@(everyone|here)\b|<@[!&]?\d+>|<#\d+>", inert(text))


_FIELD = st.fixed_dictionaries({"name": st.text(max_size=300), "value": st.text(max_size=1500)})
_EMBED = st.fixed_dictionaries(
    {
        "title": st.text(max_size=300),
        "description": st.text(max_size=5000),
        "fields": st.lists(_FIELD, max_size=30),
        "footer": st.fixed_dictionaries({"text": st.text(max_size=2500)}),
    }
)


@FAST
@given(content=st.text(max_size=2500), embed=_EMBED)
def test_fit_message_fits_one_embed(content: str, embed: dict) -> None:
    assert message_problems(fit_message({"content": content, "embeds": [embed]})) == []


@settings(max_examples=50, deadline=None)
@given(
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    topics=st.lists(st.text(), max_size=3),
)
def test_brief_payload_always_fits(day: dt.date, topics: list[str]) -> None:
    reply: Reply = _desk().brief(day, topics or None)
    assert message_problems(message_payload(reply)) == []


@FAST
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=300))
def test_ascii_word_shortcut_agrees_with_the_tokenizer(text: str) -> None:
    # words() finds the words of plain ASCII through a byte table instead of the regex; whenever it
    # takes that path it must give exactly what the regex path gives.
    general = [
        t.replace("'", "")
        for t in (tok[:-2] if tok.endswith("'s") else tok for tok in WORD.findall(normalise(text)))
    ]
    assert words(text) == [t for t in general if t]
