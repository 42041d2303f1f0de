"""The sentences the bot writes itself: "The story doesn't say ..." and what a record's date means."""

from __future__ import annotations

import datetime as dt
import re

from bot.core.lexicon import fold
from bot.core.question import (
    DURATION,
    MODALS,
    QUANTITY,
    SAYS_ABOUT,
    SOURCE,
    VERB_ADVERBS,
    WHAT,
    WHEN,
    WHERE,
    WHO,
    WHY,
    Question,
    as_asked_of_the_story,
    capitalised_in,
    message_sentences,
    points_back_only,
    without_trailing_remark,
)
from bot.core.text import STOPWORDS, words
from bot.core.verbs import BASE_VERBS, is_verb, simple_past

_MAX_CLAUSE_WORDS = 14
_BE_OR_MODAL = frozenset("is are was were will would can could has have had should".split())
_DO = frozenset({"did", "does", "do"})
_OPENERS = re.compile(
    r"^(who|whom|whose|where|when|why|how many|how much|how long|how|what|which)\b", re.IGNORECASE
)


def doesnt_say(read: Question, kind: str) -> str:
    """One plain sentence naming what the story leaves out, with the words "doesn't say"."""
    # Words of another language are not read back inside an English sentence ("doesn't say how
    # many jam waktu yangs"): where the question's own words would be, the plain kind is said.
    foreign = read.foreign_words - read.foreign_names

    def english(phrase: str) -> bool:
        return foreign.isdisjoint(fold(w) for w in words(phrase))

    about = SAYS_ABOUT.search(read.text)
    if about is not None and english(about.group("about")):
        return f"The story doesn't say anything about {about.group('about').strip(' .!')}."
    # (not a pronoun: "I recall, from the summer of 2024, ..." asks nothing about "I")
    if (
        read.noun_phrase_asked
        and not set(read.noun_phrase_asked) <= STOPWORDS
        and english(" ".join(read.noun_phrase_asked))
    ):
        # "Casualties from the 13 Dec strikes?": the thing asked about, as typed
        return f"The story doesn't say anything about {' '.join(read.noun_phrase_asked)}."
    if read.asks_names:
        # ("what were their names, one by one?" makes no clause worth reading back)
        return f"The story doesn't say {'their names' if 'names' in read.tokens else 'the name'}."
    # (a name offered as the answer is no part of what the story leaves out: "who brokered the deal?
    # was it Starmer?" -> "who brokered the deal")
    untagged = _TRAILING_TAG.sub("", read.text)
    asked = _TRAILING_GUESS.sub("", untagged)
    clause = _embedded(asked if _WH_WORD.search(asked) else untagged)
    if clause and english(clause):
        return f"The story doesn't say {clause}."
    # ("wat Trump do back?": a name is no kind of thing to say "which" of)
    if (
        read.target
        and kind in {WHO, WHERE, WHAT}
        and english(" ".join(read.target))
        and not any(capitalised_in(w, read.text) for w in read.target)
    ):
        return f"The story doesn't say which {' '.join(read.target)}."
    unit = read.unit if english(" ".join(read.unit)) else ()
    fallback = {
        WHO: "who",
        SOURCE: "who said so",
        WHERE: "where",
        WHEN: "when",
        DURATION: "how long",
        QUANTITY: "how many" if not unit else f"how many {_counted(unit)}",
        WHY: "why",
    }.get(kind, "that")
    return f"The story doesn't say {fallback}."


def _counted(unit: tuple[str, ...]) -> str:
    """The noun counted, in the plural "how many" takes ("casualty count?": how many casualties)."""
    *rest, last = unit
    # (not a participle: "# intercepted?" is how many were intercepted)
    if not last.endswith(("s", "ed")) and last not in _PLURAL_ALREADY and last.isalpha():
        last = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
    return " ".join((*rest, last))


_PLURAL_ALREADY = frozenset("people police staff personnel children men women folk cattle".split())


_WH_WORD = re.compile(r"\b(?:who|whom|whose|where|when|why|how|what|which)\b", re.IGNORECASE)
# "is Trump gonna hit back or what?": the tag asks nothing of its own
_TRAILING_TAG = re.compile(r",?\s+or (?:what|not|nah|no|nae|naw)\b\W*$", re.IGNORECASE)
_TRAILING_GUESS = re.compile(
    r"(?:[,?]\s*|\s+)(?:(?:was|is|were) (?:it|they)|or|maybe|perhaps)\s+[^?.!,]{1,40}\?*\s*$", re.IGNORECASE
)


_CHAT_VERB_FORMS = {"gonna": "going to", "wanna": "want to", "gotta": "got to"}
_CHAT_VERBS = re.compile(r"\b(gonna|wanna|gotta)\b", re.IGNORECASE)
_WH_IS = re.compile(r"\b(what|who|where|when|how|why)['’]s\b", re.IGNORECASE)
# "what's Trump said": "has" before a past participle
_WH_HAS = re.compile(
    r"\b(what|who|where|when|how|why)['’]s"
    r"(?=(?: \w+){1,2} (?:said|done|got|made|been|gone|had|taken|given)\b)",
    re.IGNORECASE,
)


_CHAT_OPENER = re.compile(
    r"^(?:(?:so|and|but|ok|okay|well|hmm|right|wait|then|also)\b[,\s]*)+", re.IGNORECASE
)


_REQUEST_WRAPPER = re.compile(
    r"^(?:(?:can|could|would|will) (?:you|u|someone|somebody) (?:please |kindly |just )?"
    r"(?:tell|show|explain to|let) (?:me|us) (?:know )?|(?:please |kindly )?(?:tell|show) (?:me|us) |"
    r"i (?:want|need|would like|'d like) to know |do you know )"
    r"(?=(?:who|whom|whose|where|when|why|how|what|which|whether)\b)",
    re.IGNORECASE,
)


def _embedded(question: str) -> str | None:
    """The question as an embedded clause: "how many missiles did Russia fire?" -> "how many
    missiles Russia fired". Simple word-order rules; None when the question doesn't fit them."""
    # The question proper: the last sentence asking something ("Was anybody hurt? I do worry.").
    question = without_trailing_remark(question)
    asking = [p for p in message_sentences(question) if p.endswith("?") and not points_back_only(p)]
    question = " ".join(as_asked_of_the_story(asking[-1] if asking else question).split())
    text = _WH_HAS.sub(r"\1 has", question.replace("?", " "))
    text = " ".join(_WH_IS.sub(r"\1 is", text).replace("’", "'").split())
    text = _CHAT_VERBS.sub(lambda m: _CHAT_VERB_FORMS[m.group(0).lower()], text)
    # The question proper is the last sentence of a rambling message.
    parts = [
        p for p in re.split(r"(?<=[.!])\s+|:\s+|,\s+(?=(?:who|what|when|where|why|how|which)\b)", text) if p
    ]
    text = parts[-1].rstrip(" .!") if parts else text  # ("... were given to withdraw." ends no clause)
    # "so are prices going up", "ok and when did it start": a chat opener is no part of the clause
    text = _CHAT_OPENER.sub("", text)
    # "could you tell me who is replacing him": the clause is what follows the request, already in
    # the word order of one
    text = _REQUEST_WRAPPER.sub("", text)
    # "when exactly did ...": the adverb after the question word is emphasis, no part of the clause
    text = re.sub(
        r"^(\w+) (exactly|actually|precisely|roughly|approximately) ", r"\1 ", text, flags=re.IGNORECASE
    )
    tokens = text.split()
    if len(tokens) > _MAX_CLAUSE_WORDS:
        return None
    opener = _OPENERS.match(text)
    if opener is not None:
        lead_len = len(opener.group(0).split())
        lead = [t.lower() for t in tokens[:lead_len]]
        rest = tokens[lead_len:]
    elif tokens and tokens[0].lower() in _BE_OR_MODAL | _DO:
        # "were there any deaths?" -> "whether there were any deaths"
        lead, rest = ["whether"], tokens
    else:
        return None
    # "how many missiles did ..." / "which ministry issued ...": the noun stays with the question word.
    while rest and rest[0].lower() not in _BE_OR_MODAL | _DO and lead[0] in {"how", "which", "what", "whose"}:
        if len(lead) >= 4:
            break
        lead.append(rest.pop(0))
    if not rest:
        return " ".join(lead)
    aux = rest[0].lower()
    if aux in _DO and len(rest) >= 3:
        # "which party does the new prime minister come from" -> "... the new prime minister comes
        # from": the verb is the first word known as one; when none is, no clause is risked.
        subject_and_verb = rest[1:]
        for i in range(1, min(len(subject_and_verb), 7)):
            word = subject_and_verb[i]
            # ("how long did the last PM last": after an article the word is no verb)
            # ("what did Trump do about it": "do" the verb after its subject)
            main_verb = word.lower() in BASE_VERBS or word.lower() in {"do", "have"}
            if main_verb and subject_and_verb[i - 1].lower() not in _ARTICLES:
                if aux == "did":
                    verb = simple_past(word)
                elif aux == "does":
                    verb = word + ("es" if word.endswith(("s", "sh", "ch", "o")) else "s")
                else:
                    verb = word
                return " ".join([*lead, *subject_and_verb[:i], verb, *subject_and_verb[i + 1 :]])
        return None
    if aux in _BE_OR_MODAL and len(rest) >= 2:
        after = rest[1]
        if lead == ["whether"] and after.lower() in _PRONOUNS:
            return " ".join([*lead, after, aux, *rest[2:]])
        # After a bare "when", "where", "why" or "how" the word after the auxiliary opens the subject
        # even in lower case ("when will ternopil get power back").
        adverbial = len(lead) == 1 and lead[0] in {"when", "where", "why", "how"}
        if after.islower() and after not in _DETERMINERS and lead != ["whether"] and not adverbial:
            # "how many people were killed": the noun phrase is the subject, nothing is inverted.
            return " ".join([*lead, *rest])
        # "why is France's situation described as ..." -> "why France's situation is described as ...";
        # "where is the border" -> "where the border is".
        # After a bare "what is", "who is", the question word is the complement: "what the number of
        # people killed is"; only a verb in -ing takes the auxiliary ("what Beijing is restricting").
        # ("whom will Macron appoint": after a modal the verb is a bare one, and the clause is
        # "whom Macron will appoint")
        copular = len(lead) == 1 and lead[0] in {"what", "which", "who", "whom"} and aux in _BE
        for i in range(2, min(len(rest), 8)):
            word = rest[i]
            if copular:
                verbal = word.endswith("ing") or word in {"going", "be"}
            else:
                verbal = word.endswith(("ed", "en", "ing")) or word in _PARTICIPLES or is_verb(word)
                # ("how many would Israel have let go": after a modal the verb group opens with "have")
                verbal = verbal or (aux in MODALS and word in {"have", "be", "do"})
            before = rest[i - 1].lower()
            if before.endswith(("'s", "s'")) or before in _NOUN_BEFORE:
                # "why is China's move ...", "how much has the share of supply changed": a possessive's
                # or a preposition's noun, not the verb
                verbal = False
            if word.islower() and verbal:
                while i > 2 and rest[i - 1].lower() in VERB_ADVERBS:
                    i -= 1  # "whether Hamas is still holding", not "still is holding"
                return " ".join([*lead, *rest[1:i], aux, *rest[i:]])
        # No verb: "why is France in crisis" -> "why France is in crisis", the auxiliary before the
        # first preposition or article after the subject ("why X is such a ..."), or last.
        # (After a bare "what is" the whole phrase is the subject: "what the number of ... is".)
        at = (
            len(rest)
            if copular
            else next((i for i in range(2, len(rest)) if rest[i].lower() in _COMPLEMENT_OPENERS), len(rest))
        )
        return " ".join([*lead, *rest[1:at], aux, *rest[at:]])
    return " ".join([*lead, *rest])


# Words that open a subject: after "is" they mean the clause is inverted ("where is the border").
_PERSONAL = frozenset("it he she they we you i".split())
_ARTICLES = frozenset("the a an this that these those his her its their our my your some any".split())
_DETERMINERS = _ARTICLES | _PERSONAL
_BE = frozenset("is are was were".split())
_PRONOUNS = _PERSONAL | {"there"}
_PREPOSITIONS = frozenset("in on at for with during after before about under over from to by into".split())
# (not "to": "why is Macron having to appoint ...")
_NOUN_BEFORE = (_PREPOSITIONS - {"to"}) | {"of"} | _ARTICLES
# "why is Ternopil *such* a blow", "why is France *in* crisis", "is the power *back* on": where the
# complement begins
_COMPLEMENT_OPENERS = _PREPOSITIONS | frozenset("such so a an the very too back out off down up".split())
_PARTICIPLES = frozenset(
    "made done gone taken given known seen said told left lost held brought put hit sent begun run won "
    "going doing trying planning expected supposed meant due likely able set be".split()
)


def long_date(date: dt.date) -> str:
    """A date as the stories write one ("13 December 2024"): what a reader (and a search) expects."""
    return f"{date.day} {date:%B %Y}"


def when_note(date: dt.date | None, date_is: str) -> str:
    """What a record's date says about when something happened."""
    if date is None:
        return "no date given"
    day = long_date(date)
    if date_is == "reported":
        return f"the source gives no date; reported on {day}"
    if date_is == "inferred":
        return f"dated {day}, worked out from the source rather than stated in it"
    return f"on {day}"
