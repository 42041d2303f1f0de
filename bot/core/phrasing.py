"""The sentences the bot writes itself: "The story doesn't say ..." and what a record's date means."""

from __future__ import annotations

import datetime as dt
import re

from bot.core.question import DURATION, QUANTITY, SOURCE, WHEN, WHERE, WHO, WHY, Question

_MAX_CLAUSE_WORDS = 14
_BE_OR_MODAL = frozenset("is are was were will would can could has have had should".split())
_DO = frozenset({"did", "does", "do"})
_PAST = {
    "fire": "fired",
    "die": "died",
    "take": "took",
    "give": "gave",
    "say": "said",
    "make": "made",
    "get": "got",
    "go": "went",
    "name": "named",
    "issue": "issued",
    "announce": "announced",
    "collapse": "collapsed",
    "respond": "responded",
    "react": "reacted",
    "pick": "picked",
    "choose": "chose",
    "kill": "killed",
    "begin": "began",
    "come": "came",
    "leave": "left",
    "lose": "lost",
    "put": "put",
    "hit": "hit",
    "send": "sent",
    "tell": "told",
    "know": "knew",
    "think": "thought",
    "start": "started",
    "last": "lasted",
    "happen": "happened",
    "hold": "held",
    "run": "ran",
    "win": "won",
    "see": "saw",
}
_OPENERS = re.compile(
    r"^(who|whom|whose|where|when|why|how many|how much|how long|how|what|which)\b", re.IGNORECASE
)


def doesnt_say(read: Question, kind: str) -> str:
    """One plain sentence naming what the story leaves out, with the words "doesn't say"."""
    clause = _embedded(read.text)
    if clause:
        return f"The story doesn't say {clause}."
    fallback = {
        WHO: "who",
        SOURCE: "who said so",
        WHERE: "where",
        WHEN: "when",
        DURATION: "how long",
        QUANTITY: "how many" if not read.unit else f"how many {' '.join(read.unit)}",
        WHY: "why",
    }.get(kind, "that")
    return f"The story doesn't say {fallback}."


def _embedded(question: str) -> str | None:
    """The question as an embedded clause: "how many missiles did Russia fire?" -> "how many
    missiles Russia fired". Simple word-order rules; None when the question doesn't fit them."""
    text = " ".join(question.replace("?", " ").split())
    # The question proper is the last sentence of a rambling message.
    parts = [
        p for p in re.split(r"(?<=[.!])\s+|:\s+|,\s+(?=(?:who|what|when|where|why|how|which)\b)", text) if p
    ]
    text = parts[-1] if parts else text
    opener = _OPENERS.match(text)
    if opener is None:
        return None
    tokens = text.split()
    if len(tokens) > _MAX_CLAUSE_WORDS:
        return None
    lead_len = len(opener.group(0).split())
    lead = [t.lower() for t in tokens[:lead_len]]
    rest = tokens[lead_len:]
    # "how many missiles did ..." / "which ministry issued ...": the noun stays with the question word.
    while rest and rest[0].lower() not in _BE_OR_MODAL | _DO and lead[0] in {"how", "which", "what", "whose"}:
        if len(lead) >= 4:
            break
        lead.append(rest.pop(0))
    if not rest:
        return " ".join(lead)
    aux = rest[0].lower()
    if aux in _DO and len(rest) >= 3:
        subject_and_verb = rest[1:]
        # The verb is the first lower-case word after a short subject.
        for i in range(1, min(len(subject_and_verb), 6)):
            word = subject_and_verb[i]
            if word.isalpha() and word.islower():
                verb = word if aux != "did" else _PAST.get(word, word + ("d" if word.endswith("e") else "ed"))
                if aux == "does" and aux != "did":
                    verb = word + ("es" if word.endswith(("s", "sh", "ch")) else "s")
                return " ".join([*lead, *subject_and_verb[:i], verb, *subject_and_verb[i + 1 :]])
        return None
    if (aux in _BE_OR_MODAL and len(rest) >= 2 and lead[0] not in {"who", "what", "which"}) or (
        aux in _BE_OR_MODAL and len(rest) >= 2 and len(lead) > 1
    ):
        return " ".join([*lead, *rest[1:], aux])
    if aux in _BE_OR_MODAL and len(rest) >= 2:
        return " ".join([*lead, *rest[1:], aux])
    return " ".join([*lead, *rest])


def when_note(date: dt.date | None, date_is: str) -> str:
    """What a record's date says about when something happened."""
    if date is None:
        return "no date given"
    day = f"{date.day} {date:%b %Y}"
    if date_is == "reported":
        return f"the source gives no date; reported on {day}"
    if date_is == "inferred":
        return f"dated {day}, worked out from the source rather than stated in it"
    return f"on {day}"
