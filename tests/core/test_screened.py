"""A screened alternation finds exactly what the whole pattern finds."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core import question
from bot.core.screened import ScreenedPattern, screened, top_level_branches

# Branches of every shape the screen must handle: named and unnamed groups, lookarounds, classes
# holding "|" and "]", escapes, anchors, factored alternatives and a branch with no literal at all.
_MIXED = (
    r"\bwhat(?:'|’)?s the (?P<thing>deal|craic)\b|(\bany word) (on|about)\b|[|\]]+ bar\b|"
    r"^\W*y (?=(?:did|do)\b)|\bfoo\|baz\b|(?<!\bthe )\bbig (?:picture|deal)\b|\w+ing\b(?=\W*$)"
)
# Pieces of text, phrases among them, so that random joins often hold a branch's whole match.
_WORDS = [
    "what's the deal",
    "whats the craic",
    "what’s the",
    "any word on",
    "any word about",
    "| bar",
    "]] bar",
    "y did",
    "y do",
    "foo|baz",
    "the big picture",
    "big deal",
    "going",
    "WHAT'S THE DEAL",
    "Any Word On",
    "ſ",
    "K",
    ",",
    "?",
    "the",
    "deal",
    "word",
    "on",
]


def _same(whole: re.Pattern[str], fast: ScreenedPattern, text: str) -> None:
    a, b = whole.search(text), fast.search(text)
    assert (a and (a.span(), a.groups(), a.groupdict())) == (b and (b.span(), b.groups(), b.groupdict()))
    assert whole.sub("<>", text) == fast.sub("<>", text)
    assert whole.findall(text) == fast.findall(text)
    m, n = whole.match(text), fast.match(text)
    assert (m and m.span()) == (n and n.span())
    m, n = whole.fullmatch(text), fast.fullmatch(text)
    assert (m and m.span()) == (n and n.span())
    assert [(m.span(), m.groups()) for m in whole.finditer(text)] == [
        (m.span(), m.groups()) for m in fast.finditer(text)
    ]
    assert whole.subn(lambda m: f"[{m.lastindex}]", text, 2) == fast.subn(
        lambda m: f"[{m.lastindex}]", text, 2
    )


def test_branches_split_only_at_the_top_level():
    assert top_level_branches(r"a|(b|c)|[|]x|\|y|[]|]z") == ["a", "(b|c)", "[|]x", r"\|y", "[]|]z"]
    assert "|".join(top_level_branches(_MIXED)) == _MIXED


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=9))
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_a_screened_pattern_matches_as_the_whole_one(flags, words):
    text = " ".join(words)
    _same(re.compile(_MIXED, flags), screened(_MIXED, flags), text)


@pytest.mark.parametrize("name", ["_CHAT_IDIOMS", "_LATEST_PHRASE", "_ASKING_NOW", "_SWITCH"])
def test_the_question_readers_alternations_match_as_written(name):
    fast = getattr(question, name)
    whole = re.compile(fast.pattern, fast.flags)
    texts = [
        "what's the deal with the truce",
        "any word on who the new pm is, mate?",
        "Quick q: is the whole thing going to work out?",
        "chat is asking, what's the craic",
        "per the report, did Hamas pull out of the talks?",
        "what are the palestinians getting out of the deal",
        "anything new on the gaza ceasefire",
        "Different subject: what's new with China?",
        "nothing at all matches here",
    ]
    for text in texts + [t.upper() for t in texts]:
        _same(whole, fast, text)


# A branch that can match nothing at all ("\\b(?=deal)"): the live branches are then never tried one
# by one, as the order of empty matches among others is the whole pattern's to decide.
_WITH_EMPTY = _MIXED + r"|\b(?=deal\b)"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=9))
def test_a_screened_pattern_with_an_empty_branch_matches_as_the_whole_one(words):
    text = " ".join(words)
    _same(re.compile(_WITH_EMPTY, re.IGNORECASE), screened(_WITH_EMPTY, re.IGNORECASE), text)


def test_a_question_with_a_few_live_branches_compiles_nothing_new():
    pattern = r"\bthe deal with\b|\bcraic\b|\bany word on\b|\bgoing on\b"
    fast = screened(pattern, re.IGNORECASE)
    text = "what's the craic, any word on the deal with the truce?"
    assert [m.group() for m in fast.finditer(text)] == ["craic", "any word on", "the deal with"]
    assert fast.sub("", text) == re.sub(pattern, "", text, flags=re.IGNORECASE) == "what's the ,   the truce?"
    assert not fast._compiled  # the branches were tried one by one, none compiled together


def test_a_text_with_none_of_the_literals_skips_every_branch():
    fast = screened(r"\bthe deal with\b|\bcraic\b", re.IGNORECASE)
    assert fast.for_text("nothing here").pattern == "(?!)"
    assert fast.for_text("What’s the CRAIC?").pattern == r"\bcraic\b"


def test_a_branch_anchored_at_the_start_is_screened_by_trying_it_there():
    # ("do" and "is" are too short to screen by: only the anchor can)
    fast = screened(r"(?P<why>^\W*y (?=(?:do|is)\b))|\bcraic\b|:\s*(?=how\b)", re.IGNORECASE)
    assert fast.for_text("y is it so?").pattern != "(?!)"
    assert fast.for_text("so why is it so?").pattern == "(?!)"  # the anchored branch is out
    assert fast.for_text("one thing: how long?").pattern != "(?!)"  # ":" screens, short as it is
    _same(re.compile(fast.pattern, fast.flags), fast, "y is it? the craic: how")
