"""Verbs as questions about the news use them: where a clause puts its verb, where a noun phrase ends."""

from __future__ import annotations

__all__ = ["BASE_VERBS", "PAST_PARTICIPLES", "PAST_TENSE", "VERBS_WITH_PAST", "is_verb", "past_forms"]

# Irregular and common past tenses ("did Russia fire" -> "Russia fired").
PAST_TENSE = {
    "do": "did",
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
    "bring": "brought",
    "find": "found",
    "build": "built",
    "buy": "bought",
    "fight": "fought",
    "meet": "met",
    "keep": "kept",
    "pay": "paid",
    "sell": "sold",
    "spend": "spent",
    "become": "became",
    "fall": "fell",
    "rise": "rose",
    "grow": "grew",
    "strike": "struck",
    "agree": "agreed",
    "sit": "sat",
    "lead": "led",
}

# Past participles that differ from the simple past ("taken", not "took"), and verbs whose past
# forms are no inflection of the base ("withdrew", "shook", "carried off" by no suffix).
PAST_PARTICIPLES = {
    "take": "taken",
    "give": "given",
    "go": "gone",
    "get": "gotten",
    "fall": "fallen",
    "shake": "shaken",
    "draw": "drawn",
    "break": "broken",
    "throw": "thrown",
    "drive": "driven",
    "withdraw": "withdrawn",
    "speak": "spoken",
    "choose": "chosen",
    "bite": "bitten",
    "rise": "risen",
    "grow": "grown",
    "see": "seen",
    "know": "known",
}
_MORE_PAST = {
    "shake": "shook",
    "draw": "drew",
    "break": "broke",
    "throw": "threw",
    "drive": "drove",
    "withdraw": "withdrew",
    "seek": "sought",
    "speak": "spoke",
    "bite": "bit",
    "cut": "cut",
    "stand": "stood",
}


# Every verb whose past forms are listed here.
VERBS_WITH_PAST = frozenset(PAST_TENSE) | frozenset(PAST_PARTICIPLES) | frozenset(_MORE_PAST)


def past_forms(verb: str) -> tuple[str, ...]:
    """A verb's irregular past forms ("take": "took", "taken"); none for a regular verb."""
    forms = (PAST_TENSE.get(verb), _MORE_PAST.get(verb), PAST_PARTICIPLES.get(verb))
    regular = (verb + "ed", verb + "d", verb[:-1] + "ied")
    return tuple(dict.fromkeys(f for f in forms if f and f not in regular))


# Verbs a question about the news uses, in their base form: where an embedded clause puts its verb.
BASE_VERBS = frozenset(PAST_TENSE) | frozenset(
    """
    want need plan mean try stand work decide include use rely depend cause end stop agree refuse attend
    approve launch fire strike attack return release withdraw pull move hope expect fear expect cost
    affect hurt ban restrict control produce supply export import meet talk negotiate sign happen belong
    propose demand offer keep last survive react respond appoint nominate resign fall change become
    call ask want look seem plan intend aim threaten warn report claim mention explain announce
    rise climb drop grow increase jump go get lean bring carry sit appear show hand pick
    upset anger annoy worry bother provoke derail scuttle sink block
    impose introduce slap clamp tighten halt suspend kill assassinate topple quit
    boycott skip retaliate mediate broker restore reconnect repair fix cut
    """.split()
)

# the regular past ("has Iran decided ...?", "was it approved?")
_REGULAR_PAST = frozenset(v + "d" if v.endswith("e") else v + "ed" for v in BASE_VERBS if v not in PAST_TENSE)
_FORMS = (
    frozenset(PAST_TENSE.values())
    | frozenset(v + "s" for v in BASE_VERBS)
    | frozenset(v + "es" for v in BASE_VERBS)
    | _REGULAR_PAST
)


def is_verb(word: str) -> bool:
    """Whether a word is one of these verbs in a form a question uses ("lean", "brought", "relies")."""
    word = word.lower()
    return word in BASE_VERBS or word in _FORMS or (word.endswith("ies") and word[:-3] + "y" in BASE_VERBS)


_PAST = (
    frozenset(PAST_TENSE.values())
    | _REGULAR_PAST
    | frozenset(
        # a short verb doubles its last consonant ("skipped", "stopped", "planned")
        v + v[-1] + "ed"
        for v in BASE_VERBS
        if v not in PAST_TENSE
        and len(v) >= 3
        and v[-1] not in "aeiouwxy"
        and v[-2] in "aeiou"
        and v[-3] not in "aeiou"
    )
)


def is_past_verb(word: str) -> bool:
    """Whether a word is one of these verbs in the simple past ("showed", "took", "approved")."""
    return word.lower() in _PAST


def progressive_base(word: str) -> str | None:
    """The base of one of these verbs in its -ing form ("picking": "pick", "choosing": "choose",
    "cutting": "cut"), or None."""
    word = word.lower()
    if not word.endswith("ing") or len(word) < 5:
        return None
    bare = word[:-3]
    for base in (bare, bare + "e", bare[:-1] if len(bare) > 2 and bare[-1] == bare[-2] else ""):
        if base in BASE_VERBS:
            return base
    return None


def simple_past(verb: str) -> str:
    """A verb's simple past: "take": "took", "cut": "cut", "approve": "approved"."""
    irregular = PAST_TENSE.get(verb) or _MORE_PAST.get(verb) or {"have": "had", "do": "did"}.get(verb)
    if irregular:
        return irregular
    if verb in _DOUBLING:
        return verb + verb[-1] + "ed"
    return verb + ("d" if verb.endswith("e") else "ed")


# Short verbs that double their last letter in the past ("skipped", "stopped", "banned")
_DOUBLING = frozenset("skip stop ban plan drop slip grab nab rob tap cap chop ship snub".split())
