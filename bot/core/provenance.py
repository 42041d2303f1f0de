"""Questions about where a story comes from, answered from its record's sources, not its text.

"Who took the photos?", "which outlet published the piece?", "what was the headline?": the
sentences never say, but the record does (``[[sources]]``: publisher, title, photo credits). A source
without a title or photo credits gets a plain "doesn't say".
"""

from __future__ import annotations

import re
from enum import Enum

from bot.core.models import Story

_PICTURE = r"(?:photo|photos|photograph|photographs|picture|pictures|pic|pics|image|images)"
_PIECE = (
    r"(?:piece|article|story|segment|report|item|video|clip|coverage|write-?up|post|feature|original|"
    r"source)"
)
_OUTLET = r"(?:outlet|publication|publisher|site|website|news ?site|paper|newspaper|magazine|channel|network)"


class RecordQuestion(Enum):
    PHOTO_CREDIT = "photo credit"
    PUBLISHER = "publisher"
    HEADLINE = "headline"


_PHOTO_CREDIT = re.compile(
    rf"\b(?:who|whom)\b[^?]*\b(?:took|shot|snapped|captured|credited|credit|owns)\b[^?]*\b{_PICTURE}\b|"
    rf"\b{_PICTURE} (?:credits?|taken by|shot by|by whom)\b|\bwhose {_PICTURE}\b|"
    r"\b(?:which|what|who (?:is|was|were) the) photographers?\b|"
    rf"\bcredit(?:s|ed)? for (?:the |those |these |that |its )?{_PICTURE}\b",
    re.IGNORECASE,
)
# "which outlet published the piece?", "who put out the segment?": the record's own publisher (not
# "which newspaper did the officials talk to?", a claim's source the text names)
_PUBLISHER = re.compile(
    rf"\b(?:which|what) {_OUTLET}\b[^?]*\b(?:published|publish|ran|run|put out|carried|produced|posted)"
    rf"(?: (?:it|this|that)\b| (?:the|this|that|these|those|its) (?:[\w'’-]+ ){{0,3}}?{_PIECE}\b|"
    r"\s*(?:\?|$))|"
    rf"\bwho (?:published|put out|produced|ran|posted|carried)\b[^?]*\b{_PIECE}\b|"
    rf"\b(?:published|put out|produced) (?:by|on) (?:which|what) {_OUTLET}\b|"
    # "which outlet is this item sourced from?", "what site's it from?"
    rf"\b(?:which|what) {_OUTLET}\b[^?]*\b(?:sourced|(?:comes?|came|taken) from|from\s*(?:\?|$))",
    re.IGNORECASE,
)
_HEADLINE = re.compile(
    rf"\b(?:what|which)\b[^?]*\b(?:headline|title)\b[^?]*\b(?:of|on|for)\b[^?]*\b{_PIECE}\b|"
    rf"\b{_PIECE}(?:'s)? (?:headline|title)\b|"
    r"\bwhat (?:was|is) (?:it|that|this) (?:called|titled|headlined)\b",
    re.IGNORECASE,
)


def record_question(text: str) -> RecordQuestion | None:
    """Which fact of the record's sources the question asks, if it asks one."""
    if _PHOTO_CREDIT.search(text):
        return RecordQuestion.PHOTO_CREDIT
    if _HEADLINE.search(text):
        return RecordQuestion.HEADLINE
    if _PUBLISHER.search(text):
        return RecordQuestion.PUBLISHER
    return None


def credits_named_in(story: Story, text: str) -> bool:
    """Whether a text names one of the story's photo credits ("taken by Damir Sagolj" for
    "REUTERS/Damir Sagolj")."""
    lowered = text.lower()
    for source in story.sources:
        for credit in source.photo_credits:
            names = [part.strip().lower() for part in re.split(r"[/,]", credit) if part.strip()]
            if any(len(name) > 3 and name in lowered for name in names):
                return True
    return False


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def publisher_credit(story: Story) -> str:
    """The record's own sources, as the source of what the story tells (it answers "who reported
    it?" and "which outlet published it?", though the story names no one else)."""
    return f"The story credits {_publishers(story)}; it doesn't say who else reported this."


def _publishers(story: Story) -> str:
    return _listed(list(dict.fromkeys(s.publisher for s in story.sources)))


def answer_from_sources(story: Story, asked: RecordQuestion) -> tuple[str, bool]:
    """The answer and whether the record holds it (False: a "doesn't say" answer)."""
    publishers = _publishers(story)
    if asked is RecordQuestion.PHOTO_CREDIT:
        credits = [c for s in story.sources for c in s.photo_credits]
        if credits:
            return f"The story credits its photos to {_listed(list(dict.fromkeys(credits)))}.", True
        return f"The story doesn't say who took any photo; it credits {publishers}.", False
    if asked is RecordQuestion.HEADLINE:
        titled = [s for s in story.sources if s.title]
        if titled:
            return "; ".join(f'{s.publisher} ran it as "{s.title}"' for s in titled) + ".", True
        return f"The story doesn't say the title of its source; it credits {publishers}.", False
    return publisher_credit(story), True
