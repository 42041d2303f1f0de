"""Reading a question the way a person does: what kind of answer it wants, and about what.

Chat register is undone first (contractions, filler, typos of question words), so "bruh how mny
PMs has france lost lol" reads as "how many PMs has france lost". The kind of answer comes from the
question words; the topic words are what is left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import pairwise
from types import MappingProxyType

from bot.core.geography import countries_in, country_by_opening, country_words
from bot.core.languages import (
    AGGLUTINATING,
    LANGUAGES,
    MIN_OWN_WORDS,
    all_function_words,
    function_words,
    language_stemmer,
    lettered_language,
    month_names,
    written_in,
    written_letters,
)
from bot.core.lexicon import Lexicon, fold, lexicon
from bot.core.screened import screened
from bot.core.text import RESULT_NOUNS, STOPWORDS, is_date_word, words, year_of
from bot.core.verbs import BASE_VERBS, is_past_verb, is_verb

# The answer kinds a question can want.
WHO, SOURCE, WHERE, WHEN, DURATION, QUANTITY, WHY, YESNO, LATEST, WHAT = (
    "who",
    "source",
    "where",
    "when",
    "duration",
    "quantity",
    "why",
    "yes-no",
    "latest",
    "what",
)

AUXILIARIES = frozenset(
    "did does do is are was were has have had can could will would should shall may might".split()
)
MODALS = frozenset("will would shall should can could may might must".split())
_REPORTING = frozenset(
    "said say says told tell reported report reports claims claimed quoted thinks think reckons reckon "
    "believes believe expects expect warned warns argued argues according source sources".split()
)
_PERSON_CLASS = frozenset(
    """
    leader leaders person people man woman men women official officials minister ministers ministry
    president presidents premier group groups party parties organisation organisations organization
    organizations agency agencies company companies firm firms consultancy consultancies analyst analysts
    expert experts side
    sides country countries government governments administration body bodies figure figures guy
    guys fella fellas bloke blokes chap chaps dude dudes individual politician politicians outlet outlets
    newspaper paper authority authorities employer pundit pundits commentator commentators observer
    observers publisher publishers publication publications
    """.split()
)
_PLACE_CLASS = frozenset(
    """
    region regions town towns city cities country countries place places oblast oblasts province
    provinces area areas district districts state states location locations territory territories
    border capital village villages part parts emirate emirates kingdom nation nations spot spots
    """.split()
)
_TIME_CLASS = frozenset(
    "date day days weekday weekdays time year years month months week weeks moment hour span timespan "
    "timeframe period stretch duration".split()
)
_ACTION_CLASS = frozenset(
    "measure measures step steps action actions move moves stance stances position positions posture "
    "attitude approach role roles".split()
)
_QUANTITY_CLASS = frozenset(
    "share percentage percent proportion fraction number part portion amount scale size figure count "
    "numbers figures stats statistics".split()
)
_LATEST = frozenset("news latest update updates recent recently newest developments development".split())
# Asking to be brought up to date: "catch me up", "fill me in", "bring me up to speed".
_BRING_ME_UP = (
    r"\b(bring|get|keep) (me|us) (up to speed|up to date|posted)\b|\bcatch (me|us) up\b|\bfill (me|us) in\b|"
    r"\bbrief (me|us)\b"
)
_LATEST_PHRASE = screened(
    # ("what the New York Times reported": a learner's "what did ... report", no news asked for)
    r"\b(what is|whats|what(?! the new\b)) (been )?(the )?(new|latest|newest|up|going on|happening)\b|"
    r"\bany(thing)? (new|news|updates?)\b|\bmost recent\b|\bnewest\b|\bup to date\b|\bup-to-date\b|"
    # "what's the scoop on that?", "wat's da deal?": the gist of the news, in chat
    r"\bwhat(?: is|s)? the (deal|scoop|story|tea|lowdown|rundown|score|craic|crack|gist|go|scene|sitch)"
    r"(?=\s*$| (with|on|about|there|now|then)\b)|"
    r"^(has|have) ((anything|something|much) )?(new |big |major )?(happened|changed)\b|"
    r"\bwhere (do|does|did) (things|it|matters|that|this|everything) stand\b|\bstate of play\b|"
    # "where the cease-fire stands now" (not "where does he stand on it": his view)
    r"\bwhere (the|things|matters|that|this|it|everything) (\w+[ -]){0,4}?stands?\b(?! on\b)|"
    r"\bwhere (do|does|did) (the|things|matters) (\w+[ -]){0,4}?stand\b(?! on\b)|"
    r"\b(current|present) (state|status|situation|picture|position(?! on\b))\b|"
    r"\bwhere (are|is) we (at|now)\b|"
    # "where's it at with the truce?", Newfoundland's "where's she to with that truce now?"
    r"\bwhere (is|are) (it|she|things|that|this|everything) (at|to)\b(?=\s+(with|now|on|re)\b|\W*$)|"
    r"^(new|news|updates?) (on|with|about|from|in|for|re)\b|"
    # "is there any news on ...?" (not "is there new fighting?")
    r"^(is|are|has|have) there (been )?(any(thing)? )?((recent|fresh|further|major|big|latest) )?"
    r"(new|news|updates?|developments?)"
    r"(?= (on|about|with|regarding|re|from|for|in|at all)\b|\W*$)|"  # "anything new on ...", "any" being chat
    + _BRING_ME_UP
)
# The words of such a phrase: they ask for the news and name no topic ("up to date" is no date).
_LATEST_ASKING = re.compile(_BRING_ME_UP + r"|\bup to date\b|\bup-to-date\b")
# "Where does he work?", "who is she with?": the organisation a person belongs to.
# "he", "that gentleman", "the commentator": the person a question about an employer means
_SOMEONE = (
    r"(he|she|they|(?:that|the|this) (?:guy|analyst|expert|gentleman|man|woman|lady|fella|fellow|bloke|"
    r"chap|person|commentator))"
)
_EMPLOYER = re.compile(
    rf"\b(where|who) (does|did|do|is|was) {_SOMEONE} "
    r"(work|works|working|work for|employed|based|with)\b|\bwho (is|was) (he|she) with\b|"
    rf"\bwho (does|did) {_SOMEONE} (work|speak|write) for\b|"
    r"\b(his|her|their) (institutional )?"
    r"(affiliation|employer|firm|company|organisation|organization|outfit)\b|"
    r"\b(what|which) (team|side|firm|company|outfit|organisation|organization|group|shop|consultancy) "
    r"(is|was|does) (he|she) "
    r"(on|with|from|at|in|work for|part of)\b|"
    # "with which organisation is he affiliated?", "who is she affiliated with?"
    r"\b(he|she|they) (is|was|are|were) affiliated\b|"
    r"\b(is|was|are|were) (he|she|they|(that|the|this) (analyst|expert|commentator|man|guy|person)) "
    r"affiliated\b|"
    r"\b(with|for|at) (which|what) (\w+ )?(is|was|does|did) (he|she|they)\b|"
    # "which political-risk consultancy employs the analyst?"
    r"\b(which|what) ([\w-]+ ){1,3}(employs|employed|pays|paid)\b"
)
_LATEST_PHRASE_WORDS = frozenset(
    "things stand stands state play current present status situation newest new news latest update "
    "updates".split()
)
_PLAN = re.compile(
    # ("what exactly is he expected to do next?": emphasis between)
    r"\bwhat ((exactly|precisely|really|actually) )?(is|are|was|were) (\w+ ){0,3}"
    r"(doing|planning|going to do|up to|set to do|due to do|"
    r"supposed to do|meant to do|expected to do)\b|\bnext (move|step|steps)\b|"
    r"\bwhat (will|does|do) (\w+ ){0,2}(do|plan)\b|\b(his|her|their|its) plans?\b|\bwhat now\b|"
    # "what Macron doing next?": the auxiliary dropped, as chat and learners do
    r"\bwhat (\w+ ){1,2}(doing|planning|going to do) (next|now|about)\b|"
    # "what's Macron's plan now?", "so what's the genius plan?" (not a peace plan, whose terms are asked)
    r"\bwhat (is|was) (?:(?!peace |truce |ceasefire |cease |deal |framework |gaza |export |trade )\w+ ){1,3}"
    r"plan\b(?! (?:for|to|in|under|on|over|at|discussed|agreed|covers|include|they|that|which|being))|"
    # "what step is Macron taking to remedy the situation?", "what measures has he taken?"
    r"\bwhat (steps?|actions?|measures?|moves?) (is|are|was|were|has|have|will) (\w+ ){0,3}"
    r"(taking|taken|take|making|made|make)\b|"
    # "what the President intends to do next", "what does Macron hope to do?"
    r"\b(intends?|intending|plans?|planning|aims?|aiming|hopes?|hoping|means?) to do\b|"
    # "how is the president attempting to resolve the turmoil?": what he is doing, or due to do
    r"\bhow (is|are|was|were|does|do|did|will) (\w+ ){0,3}(trying|attempting|planning|hoping|going|"
    r"seeking|aiming|looking|plan|plans|intend|intends|hope|hopes|try|attempt) to\b|"
    # "what's the plan to fix it?", "what is the government's plan now?"
    # ("what was the plan they were haggling over?" asks what was proposed)
    r"\bwhat (is|was) (the|their|his|her|its) (\w+ )?plan(?= (to|for|now|then|here)\b|$)|"
    # "whats macrons plan to fix the mess": someone's plan (the possessive gone with its apostrophe)
    r"\bwhat (is|was) (?!(?:peace|truce|ceasefire|cease|deal|framework|gaza|export|trade|a|an|the)\b)\w+ "
    r"plan(?= (to|for|now|then|here)\b|$)"
)
# The present or future of "what happened next" asks what is due, not for a later update.
_PLAN_NEXT = re.compile(r"\bwhat (happens|comes|will happen) (next|now|then)\b|\bwhat (is )?next\b")
# "Now this Gaza truce has kicked in, what are the soldiers meant to do?": what a deal obliges them to
_OBLIGED_TO_DO = re.compile(
    r"\bwhat (is|are|was|were) (\w+ ){1,3}(meant|supposed|obliged|obligated|required|bound) to do\b"
)
_A_DEAL = re.compile(r"\b(deal|truce|cease ?fire|cease-fire|agreement|accord|pact)\b")
# Words that make "when ...?" a question about the report itself ("when did this news come out?").
_REPORT_WORDS = frozenset("news update published publish reported posted report".split())
# "what's the date on the French government item?": the item's date, which is the report's
_DATE_ON_ITEM = re.compile(r"\bdate (on|of) (the|this|that) (\w+ ){0,3}(item|article|piece|entry|story)\b")
_TERMS = re.compile(
    r"\b(terms|conditions|provisions|requirements|obligations|components|package|on the table|on offer|"
    r"blueprint|framework|proposal|draft|(end|side|part) of the (bargain|deal)|"
    r"up for (negotiation|discussion|grabs))\b|"
    r"\bwhat (is|was|were|are) (\w+ ){0,3}(offered|offering|proposed|proposing|discussed|discussing|"
    r"negotiated|negotiating|hashing out|hashed out)\b|"
    # "what were they supposed to be agreeing on?": what was on the table
    r"\bwhat (is|was|were|are) (\w+ ){0,4}(supposed to|meant to|meant tae|going to|trying to) "
    r"(be )?(agree|agreeing|sign|signing|settle|settling|negotiate|discuss)( on| to)?\b|"
    r"\bwhat (does|did|do) (the|this|that|their) (\w+ ){0,2}(require|include|involve|demand|cover)\b|"
    # "what does the deal say about the hostages?", "wetin the deal talk say each side must do?"
    r"\bwhat (does |did |do |is |s )?(the|this|that) (deal|agreement|truce|cease[- ]?fire|accord|pact) "
    r"(say|says|talk say)\b|"
    r"\b(each|both|either) sides? (must|has to|have to|need to|needs to|should) do\b|"
    # a learner's word order: "what demands the new truce from both sides?"
    r"\bwhat (requires|demands|includes|involves|covers) (the|this|that) (\w+ ){0,2}(deal|agreement|truce|"
    r"cease[- ]?fire|accord|pact)\b|"
    # "what were they meant to be talking about?", "what were the talks about?"
    # ("what was it they were meant to be talking about?", "what were they haggling over?")
    r"\bwhat (were|was|are|is) (they|the talks|the meeting|the negotiations|the negotiators|it)( \w+){0,5} "
    r"(talking|negotiating|discussing|meeting|haggling|bargaining|arguing) (about|over)\b|"
    # "what was the Qatar meeting about?", "what were those big talks for?"
    r"\bwhat (were|was|are|is) (the |that |those |this |these )?(\w+ ){0,2}?"
    r"(talks|meeting|negotiations|summit|sit down|meet up) (about|over|for)\b|"
    # "what did they discuss?", "what are the two sides negotiating?": what was on the table
    r"\bwhat (did|do|does|were|was|are|is|had|have) (\w+ ){1,3}?(discuss|discussing|negotiate|negotiating|"
    r"talk about|talking about|talked about|talk over|talking over|haggling over|haggle over|bargaining over|"
    r"bargain over)\b|"
    # "¿qué se negociaba?": a passive whose "se" leaves no word of ours, "what negotiated"
    r"\bwhat (negotiated|discussed)\b|"
    # "what sort of deal were they hashing out?": what it would hold
    r"\bwhat (kinds?|sorts?|types?) of (deal|agreement|truce|accord|pact|arrangement|compromise|framework)\b|"
    # "what did Israel agree to in the deal?", "what has each side signed up to?": what it commits them to
    r"\bwhat (did|does|do|has|have|had) (\w+ ){1,3}(agree|agreed|sign|signed|commit|committed) (up )?to\b"
    r"(?= (in|under|as part of|with) (the|this|that|its|their) (\w+ ){0,2}?(deal|agreement|truce|"
    r"cease[- ]?fire|accord|plan|pact)\b)|"
    # "what is Israel obliged to do under the truce?", "what must Hamas do under the deal?": its terms
    r"\bwhat (is|are|was|were|must|does|do|did) (\w+ ){1,3}(obligated|obliged|required|bound|supposed|"
    r"expected|have to|has to|need to|needs to)?( to)? do\b"
    r"(?= (in|under|as part of|according to) (the|this|that|its|their) (\w+ ){0,2}?(deal|agreement|truce|"
    r"cease[- ]?fire|accord|plan|pact)\b)"
)
_ABOUT_TO = re.compile(r"\b(about to|going to|set to|planning to|due to|plan to|plans to)\b")
_PLAN_PHRASE_WORDS = frozenset("doing planning plan plans move step steps up".split())
_NEXT_WORDS = frozenset("happened happen next then later after followed came".split())
_NEXT = re.compile(
    r"\b(what happened|and then|then what|what came|what followed)\b.*\b(next|after|then|later)\b|"
    r"\bwhat (happened|came) (next|after|later|then)\b|\bafter that\b"
)
# "How many missiles were fired?": weapons fired are weapons launched ("fired" alone is a minister
# dismissed, and "fire" a part of "cease-fire").
_WEAPONS = r"(?:missiles?|rockets?|drones?|shells?|projectiles?|shots?|salvos?)"
_FIRED_WEAPONS = screened(
    rf"(?<![\w-])(?P<fire>fire|fires|fired|firing)\b(?=(?:\s+[\w’']+){{0,3}}?\s+{_WEAPONS}\b)"
    # ("send all them missiles", but not "crews sent in after the missiles hit")
    rf"|(?<![\w-])(?P<send>send|sends|sent|sending|lob|lobs|lobbed|lobbing)\b"
    rf"(?=(?:\s+(?:all|them|dem|those|these|the|its|their|more|some|many|\d+)){{0,3}}\s+{_WEAPONS}\b)"
    rf"|\b(?P<weapons>{_WEAPONS}(?:\s+[\w’']+){{0,3}}?\s+)(?P<fired>fire|fires|fired|firing)\b",
    re.IGNORECASE,
)
# "missile count, dec 13 strike?", "what's the hostage count?": how many of them (a terse asker's
# "how many"; "count" alone is chatter)
_NOUN_COUNT = re.compile(r"^(\W*)([a-z]{2,}) count\b|\bwhat(?:'s| is|s)? the ([a-z]{2,}) count\b", re.I)


def _count_asked(found: re.Match[str]) -> str:
    noun = found.group(2) or found.group(3)
    if noun.lower() in STOPWORDS or noun.lower() in AUXILIARIES:
        return found.group(0)  # "the count of ...", "does it count?"
    return f"{found.group(1) or ''}how many {noun}"


# ("send missiles", "lob rockets": launching them, in a chat's words)
_LAUNCH_FORMS = {
    "fire": "launch",
    "fires": "launches",
    "fired": "launched",
    "firing": "launching",
    "send": "launch",
    "sends": "launches",
    "sent": "launched",
    "sending": "launching",
    "lob": "launch",
    "lobs": "launches",
    "lobbed": "launched",
    "lobbing": "launching",
}


def _weapons_launched(found: re.Match[str]) -> str:
    if found.group("fire") is not None:
        return _LAUNCH_FORMS[found.group("fire").lower()]
    if found.group("send") is not None:
        return _LAUNCH_FORMS[found.group("send").lower()]
    return found.group("weapons") + _LAUNCH_FORMS[found.group("fired").lower()]


# "And before that?": the update before the one just discussed.
_LAST_BEFORE = re.compile(
    r"\b(the|his|her|their|its|my|your|our) last\b"
    # "in the last couple of years" is a time, said as the story says it
    r"(?!\s+(?:(?:couple|few|several|\d+|two|three|four|five|six|ten)\s+(?:of\s+)?)?"
    r"(?:years?|months?|weeks?|days?|hours?|decades?|time|night|minutes?)\b)",
    re.IGNORECASE,
)
_PREVIOUS = re.compile(
    r"\b(before that|before then|prior to that|what happened (before|earlier|previously)|"
    r"what came before|and earlier|earlier on|previously)\b"
)
_PREVIOUS_WORDS = frozenset("before then prior earlier previously happened came".split())
_SWITCH = screened(
    r"\b(different (subject|topic|story|question)|switching (topics?|gears|subjects?)|"
    r"change of (topic|subject)|new (topic|subject)|other (story|topic|subject)|"
    r"another (topic|story|subject)|moving on|unrelated|separate question|on another note|"
    # "back to France:", "going back to the talks" ("pull back to a perimeter" is no switch)
    r"(^|(?<=\bgoing )|(?<=\bgetting )|(?<=\bcoming )|(?<=\bgo )|(?<=\bso )|(?<=\band )|(?<=\bok )|"
    r"(?<=\bbut )|(?<=\bnow ))back to)\b"
)
# "Who put that number out?": a "who" question about a claim asks for its source.
_SOURCE_WORDS = frozenset(
    "said says told reported report reports quoted claim claims figure number numbers".split()
)
_SAID_YES = re.compile(r"\b(said|says|say) (yes|no|okay|ok)\b")
# The kinds of publisher a question may ask for ("which outlet ran it?")
_PUBLISHER_NOUN = r"outlet|publication|newspaper|paper|site|website|publisher|agency"
_SOURCE = re.compile(
    r"\b(according to (whom|who)|says who|"
    r"who (said|says|told|reported|claims|claimed|is quoted|was quoted|is saying|reckons|thinks|believes"
    r"|expects|warned)|"
    r"(what|which|who) (is|was) the source|whose (figure|figures|claim|view|numbers)|"
    # "who was it put out the word on that?"
    r"who (is|was) it (that )?(said|reported|put out|announced)|put out the word|"
    # "on whose authority is that figure given?", "on whose word?"
    r"on whose (authority|word|say so|say-so|account)|"
    r"(is|was) (that|this|it) (confirmed|verified|official)|confirmed by (whom|who)|how do (we|you) know|"
    rf"(which|what) ({_PUBLISHER_NOUN}|source) "
    r"(published|reported|ran|wrote|carried|broke|put out)|who (published|ran|broke) (the|this|that|it)\b|"
    # "which publisher is that figure from?"
    rf"(which|what) ({_PUBLISHER_NOUN}|source) "
    r"(is|was|are|were) (that|this|the|it|these|those)( \w+)? from|"
    r"who is behind (that|this) (claim|figure)|where (did|does) (that|this|it) come from|"
    # "who's the guy saying the pick might stick?"
    r"who (is|was) (the|that|this) (\w+ )?(saying|claiming|predicting|arguing|betting|reckoning)|"
    # "which body supplied that figure?", "what office gave the number?"
    r"(which|what) (body|organisation|organization|agency|office|authority|authorities|department|"
    r"institution|official|officials) (gave|issued|provided|released|put out|supplied|published|reported"
    r"|came up with) (that|this|the|those|these) (figure|figures|number|numbers|estimate|data|count)|"
    r"who (gave|issued|provided|released|put out) (that|this|the) (figure|number|numbers|report|information|"
    r"info|data|details)|source for)\b|"
    # the one word, asked after an answer
    r"^(source|sources|src|citation|citations|receipts|link|links|proof)$"
)
# "How big a deal is that?", "why is it so important?": asks why it matters, not for a size.
_SIGNIFICANCE = re.compile(
    r"\bhow (big|much) (of )?a deal\b|\bhow important\b|\bwhat (is|was) the big deal\b|"
    r"\bwhy (is|are|was|were) (\w+ ){1,4}(so )?(important|significant|a big deal)\b|"
    r"\bwhy (do|does) (\w+ ){1,4}care\b"
)
_SHARE_ASKED = re.compile(
    r"\b(what|which) (share|percentage|percent|proportion|fraction|number|part|portion|amount)\b"
)
_PART_OF = re.compile(r"^s? (?:of|in) (?:the |this |that |its |their )?((?:[\w'’-]+ ){0,2}[\w'’-]+)")


def _names_a_place(after_part: str) -> bool:
    """Whether "part" is followed by "of" and a place: "part of the country", "part of Ukraine"."""
    m = _PART_OF.match(after_part)
    if m is None:
        return False
    named = m.group(1).split()
    # (the words are lower-cased by now: after "part of", "gaza" or "turkey" is the place)
    return bool(set(named) & _PLACE_CLASS) or bool(countries_in(" ".join(w.capitalize() for w in named)))


_TOTAL_ASKED = re.compile(
    r"\bwhat (is|was|were) the ((exact|actual|precise|real|overall|total) )?"
    r"(count|number|tally|total|toll|damage|extent|scale)\b"
)
# ("what was the vote tally when it approved the deal?": a count is asked, whatever "when" joins)
_COUNTED = _QUANTITY_CLASS | frozenset({"tally", "total", "toll"})
_WE_TALKING = re.compile(r"\b(?:are|were|is) we talking(?: about| here)?\b")
# "when" after these asks about a time ("is there a date for when it starts?", "do we know when
# ...?"): no clause of time
_WHEN_NOT_A_CLAUSE = r"(?<!for )(?<!about )(?<!know )(?<!say )(?<!tell )(?<!of )"
# "when" as a conjunction inside a yes-or-no question ("... reported when the missiles hit")
_WHEN_CLAUSE = re.compile(rf"\b{_WHEN_NOT_A_CLAUSE}when (the|a|an|it|they|he|she|we)\b")
# "what was on the table when Israel sat down with ...?": a "what" question, then a clause of time
_WHAT_WHEN_CLAUSE = re.compile(rf"(?:\w+ )*?what (?:\w+ ){{2,}}{_WHEN_NOT_A_CLAUSE}when \w+ \w+")
# "... is it to get back at them?", "was it because of the border?": a guess at a reason just asked.
_GUESSED_REASON = screened(
    r"\W*(?:or )?(?:is|was|are|were) (?:it|that|this|they|he|she) (?:just |really |all |mainly )?"
    r"(?:to|because|for|so|due to|over|in order to|out of)\b|"
    # "... Were they no-confidence votes, resignations, budget fights?": options offered
    r"\W*(?:is|was|are|were) (?:it|that|this|they|those|these) [^?.!]*(?:, | or )[^?.!]*\?",
    re.IGNORECASE,
)
_CONFIRMING = re.compile(
    r"(?:^|[.!?]\s+)(is|was|are) (that|this|it|this claim|that claim) "
    r"(right|accurate|true|correct|so|confirmed)\W*$|"
    r"(?:^|[.!?]\s+)(right|true|correct|accurate)\?\W*$|"
    r"(?:^|[.!?]\s+)(does|did) (that|this|it|this claim|that claim) "
    r"(hold up|check out|stack up|stand up)\W*$",
    re.IGNORECASE,
)
_OTHER_CLASS = re.compile(
    # ("was that the only region hit?" asks whether others were, and which; "selling to other
    # countries" only says to whom, after its preposition)
    r"(?<!\bto )(?<!\bfrom )(?<!\bwith )(?<!\binto )(?<!\bby )(?<!\bthan )"
    # ("ternopil only region hit?": "the" dropped, as in a headline)
    r"\b(other|another|more|the only|only) "
    # ("the other side" is the other party: see _OTHER_PARTY)
    r"(places?|regions?|areas?|cities|towns?|countries|provinces?|oblasts?|people|officials?|leaders?)\b"
)
_OR_WHAT = screened(
    r"^(?!.*\b(?:what|which|who|whom|whose|when|where|why|how)\b.*\bor wh?at\b)(?P<stated>.+?)"
    r"[,\s]+or wh?at\s*[?!.]*\s*$",
    re.IGNORECASE,
)
_OR_NOT = re.compile(r"\bor( (nah|not|no|naw|nope))?$")  # "nah" is chat, so it may be gone
# The places whose name a "what is the name of ..." asks: it asks where.
_NAMED_PLACES = "town|city|place|region|village|oblast|area|province|district"
_ASKS_PLACE_NAME = re.compile(
    rf"\bwhat (is|was|are|were) (the|its|their) names? of (the |that |this )?(\w+ )?({_NAMED_PLACES})s?\b"
)
# "who else?", "other regions?" (not "another go at it": a second try, no one else)
_WANTS_OTHER = re.compile(
    r"\b(else|other|others|instead)\b|"
    r"\banother\b(?! (go|goes|crack|cracks|try|tries|shot|shots|swing|swings|attempt|"
    r"attempts|stab|bite|round|time|day)\b)"
)
_ASKS_NAME = re.compile(
    # ("what's the new PM's name then?": a word of chat after it)
    # ("..., who's Macron picking?": the same question asked again after it)
    r"\bwhat (is|was|are|were)\b.*\b(called|named|names?)( then| now| again| going to be| will be)?"
    r"( (who|whom) .*)?$|"
    r"^(the )?names? of\b|"
    # "what is the name of the new prime minister?" (not of a place, nor of a country)
    r"\bwhat (is|was|are|were) (the|his|her|their) (full )?names? of (?!(the |that |this )?(\w+ )?"
    rf"({_NAMED_PLACES}|country)s?\b)"
)
# Filler words that still tell the kind of answer wanted ("any news?").
_GIST = frozenset("deal scoop story tea lowdown rundown craic crack gist scene sitch".split())
_GIST_AFTER: tuple[list[str], ...] = ([], ["with"], ["on"], ["about"], ["there"], ["now"], ["then"])
_KEEP_FOR_KIND = frozenset({"news", "whats", "so", "now", "count", "work"})  # "who does he work for?"
_CLASS_OF = frozenset({"kind", "sort"})
_COUNTRY_SAID = re.compile(r"\bwhat (did|does|do|has|have) (\w+ ){1,3}(say|said|think|make of)\b")
_SOMEONE_SAID = re.compile(
    r"\bwhat (did|does|do|has|have|is) ((?:\w+ ){1,3})(say|said|think|thought|make of)\b|"
    # "did Moscow say why it did that?": its own account
    r"\b(did|has|have) ((?:\w+ ){1,3})(say|said|explain|explained) why\b"
)


def _country_said(joined: str) -> bool:
    match = _COUNTRY_SAID.search(joined)
    return match is not None and bool(countries_in(match.group(0)))


def _speaker_named(joined: str, text: str) -> frozenset[str]:
    """The name (lower-case words) of the person whose words "what did Zelensky say ...?" asks for."""
    match = _SOMEONE_SAID.search(joined)
    if match is None:
        return frozenset()
    capitalised = {w.lower() for w in re.findall(r"(?<!^)(?<![.?!]\s)\b[A-Z][a-z]+", text.strip())}
    return frozenset(set((match.group(2) or match.group(5)).split()) & capitalised)


_OTHER_PARTY = re.compile(r"\b(the )?other (side|party|parties|camp|guys|lot|one)\b|\bthe others\b")
# A question word with its verb: a clause of its own after "and ...", no ellipsis.
_OWN_CLAUSE = re.compile(
    r"\b(?:who|where|when|why|how) (?:is|was|are|were|did|does|do|has|have|had)\b|"
    # "what about the army, where they must go back to?"
    r"\b(?:who|where|when|why|how) (?:they|he|she|it|we) (?:must|can|will|should|have to|has to|need to)\b|"
    # "an' what he fixin to do next?": a question of its own with its "is" dropped, as chat does
    r"^\W*(?:what|why|when|where|how) (?:he|she|they|we) (?:going|gonna|planning|trying|doing|fixing)\b|"
    # "and what framework was under discussion there?": a noun asked about, with its own verb
    r"\b(?:what|which) (?!(?:precisely|exactly|actually|really|then|now|else)\b)\w+ "
    r"(?:is|was|are|were|did|does|do|has|have|had)\b"
)
_LAST_ANSWER_AS_SUBJECT = re.compile(
    r"\s+(?:that|this|it)\s+(?:was|is|happened|happen|happens|took|went|came|did|will|would|has|had)\b"
)
_ELLIPSIS_START = ("and", "what about", "how about", "and what about", "what of", "and for", "same for")


@dataclass(frozen=True)
class Question:
    """A question, read."""

    text: str
    tokens: tuple[str, ...]  # the words that remain once chat register is undone, in order
    topic: tuple[str, ...]  # the words that may name a topic (no stopwords, no filler)
    search: tuple[str, ...]  # what the index reads: no filler, stopwords kept for phrases
    kind: str
    unit: tuple[str, ...] = ()  # for "how many X": X
    target: tuple[str, ...] = ()  # for "which X": X
    elliptical: bool = False  # "and the Israeli army?": the previous question's kind, a new subject
    wants_next: bool = False  # "what happened after that?"
    wants_previous: bool = False  # "and before that?"
    wants_other: bool = False  # "who else...?", "which other..."
    asks_scope: bool = False  # "is it only rare earths, or other materials too?": X and what else
    switches: bool = False  # "different subject: ..."
    reaction: bool = False  # "how did X respond?": wants X saying or doing something about it
    speaker: frozenset[str] = frozenset()  # "what did Zelensky say?": the person whose words are asked
    exact: bool = False  # "exactly how many?", "the actual number": a fraction won't do
    pending: bool = False  # "has Iran hit back yet?": whether something has happened so far
    asks_outcome: bool = False  # "did Iran end up hitting back?": how it turned out in the end
    asks_plan: bool = False  # "what is Macron doing about it?", "his next move": what is due next
    about_report: bool = False  # "when did this news come out?": the report's own date
    asks_terms: bool = False  # "what are the terms of the truce?": what it requires or contains
    motive: bool = False  # "why did China do it?": why someone acted, not why it matters
    action: str = ""  # the act whose motive is asked, with the word after it: "attack the" in "why
    # did Russia attack the grid?", "go after" in "why did Russia go after the grid?"
    other_party: bool = False  # "and the other side?": the last question, asked of the other party
    preamble: frozenset[str] = frozenset()  # words only in the sentences before the question proper
    proper: frozenset[str] = frozenset()  # the words of the question proper (of a message of several)
    asks_names: bool = False  # "what were their names?", "name of the Hamas man?": names asked for
    asks_publisher: bool = False  # "which outlet reported it?": the publisher, not a claim's source
    for_what: str = ""  # "reprisal for what?": the thing whose cause is asked ("retaliation for X")
    # "what happened to the lights after the rocket attack?": the event it follows sets the scene; the
    # answer is about the lights
    scene: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    bodies: frozenset[str] = frozenset()  # international bodies it names ("the EU", "NATO")
    names: tuple[tuple[str, ...], ...] = ()  # capitalised runs naming someone ("Marine Le Pen")
    lone_names: tuple[str, ...] = ()  # single capitalised words the lexicon doesn't know ("Starmer")
    # the names offered as a guess after the question ("who brokered it? was it the Egyptians?"):
    # candidates for the answer, not names the answer must avoid
    guessed: frozenset[str] = frozenset()
    # the years its question proper names, and the questions and topic fragments before it: not
    # those of a story told on the way ("Back in 1973 we watched ... which industries need it?")
    asked_years: frozenset[int] = frozenset()
    language: str | None = None  # another language the message is written in ("de", "fr")
    foreign_words: frozenset[str] = frozenset()  # the words (folded) of its sentences in that language
    foreign_names: frozenset[str] = frozenset()  # ... of them, those capitalised as names ("Mindanao")

    @cached_property
    def foreign_common(self) -> frozenset[str]:
        """The words of its sentences in another language that are no names ("zugestimmt")."""
        return self.foreign_words - self.foreign_names

    @property
    def search_text(self) -> str:
        return " ".join(self.search)

    @cached_property
    def proper_tokens(self) -> tuple[str, ...]:
        """Its words in the question proper, where a rambling message has one ("... a hamas guy was
        killed ... what was washington scared of?"), else all of them."""
        return tuple(t for t in self.tokens if t in self.proper) if self.proper else self.tokens

    @cached_property
    def guessed_countries(self) -> frozenset[str]:
        """The countries among the names offered as a guess ("was it the Egyptians?": Egypt)."""
        return countries_in(" ".join(self.guessed)) if self.guessed else frozenset()

    @cached_property
    def answered_at(self) -> frozenset[str]:
        """The countries an answer is asked of as its target: "has Washington hit back at China?",
        "america answer china back?" (China)."""
        if len(self.countries) < 2:
            return frozenset()
        targets = [m.group(1) for m in _ANSWERED_AT.finditer(" ".join(self.tokens))]
        return countries_in(" ".join(targets)) if targets else frozenset()

    @cached_property
    def noun_phrase_asked(self) -> tuple[str, ...]:
        """The words before the first preposition of a question that is only a noun phrase ("Casualties
        from the strikes?", "deaths in Ternopil?"): no question word, no verb. Empty otherwise."""
        filler = lexicon().filler
        tokens = [t for t in self.tokens if fold(t) not in filler]
        if self.kind != WHAT or not tokens or tokens[0] in AUXILIARIES or tokens[0] in _WH_WORDS:
            return ()
        at = next((i for i, t in enumerate(tokens) if t in _LINKING_PREPOSITIONS), None)
        if at is None or not 1 <= at <= 2 or any(is_verb(t) or t in PARTICLES for t in tokens[:at]):
            return ()
        return tuple(tokens[:at])

    @cached_property
    def years(self) -> frozenset[int]:
        """The years it names as the time of something ("the 2014 war", "in 2014"), not as the start
        of a span up to now ("since 2010") or of something lasting ("the constitution of 1958")."""
        return _years_named(self.tokens)

    @cached_property
    def is_question(self) -> bool:
        """Asked as a question ("which parties ...?"), not typed as a bare phrase."""
        return self.text.rstrip().endswith("?") or bool(_OPENS_QUESTION.match(" ".join(self.tokens)))


_LINKING_PREPOSITIONS = frozenset("from in of on after during at for to by with".split())
_WH_WORDS = frozenset("what which who whom whose where when why how".split())
# verb particles: "power back on", "pull out"
PARTICLES = frozenset("out off up down back over away".split())


# the country an answer is aimed at: "hit back at China", "slap tariffs back on China", "respond to
# China", "answer China back", "retaliate against China"
_ANSWERED_AT = re.compile(
    r"\b(?:back (?:at|on|against|to)|respond(?:ed|s|ing)? to|response to|answer(?:ed|s|ing)?(?: to)?|"
    # ("how did America answer back to China?": "back" is no target; "back to China" is)
    r"retaliat(?:e|ed|es|ing|ion) (?:against|on)|reply to|replied to) (?:the )?(?!back\b)(\w+)"
)


# French and Italian elision ("l'armée", "d'heures", "qu'est"): the article apart from its noun, so
# the noun is read as a word of its own. An English word never starts with one letter and "'".
_ELISION = re.compile(r"(?<![\w'’])([cdjlmnst]|qu)['’](?=[aeiouhyàâäéèêëîïôöùûü])", re.IGNORECASE)
# Turkish writes a name's case ending after an apostrophe ("Ukrayna'nın", "Katar'daki", "Çin'in"):
# the name is the word a story may hold, the ending only its grammar. English has no such tail.
_CASE_ENDING = re.compile(
    r"(?<=[^\W\d_]{2})['’](?:n?[ıiuü]n|y?[ıiuüae]|[dt][ae](?:n|ki)?|n[ae](?:n)?|y?l[ae]|[dt][ıiuü]r)(?![\w'’])"
)
# "24h", "72hrs", "2yrs": a number with its unit typed on (the unit's own word is in the lexicon)
_NUMBER_WITH_UNIT = re.compile(
    r"\b(\d+)(h|hrs?|hours?|days?|wks?|weeks?|yrs?|years?|mins?|km)\b", re.IGNORECASE
)
_UNIT_LETTER = {"h": "hours"}


# "my walk at 2", "around 10pm", "by 7 o'clock": the hour of the asker's day, no topic (and no "two" of
# the story's "two years"); "5 PM" apart is five prime ministers as often as five o'clock
_DIGIT = re.compile(r"\d")
_CLOCK_TIME = re.compile(
    r"\b(?:at|by|around|till|until|before|after) \d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|o['’]?clock)?"
    r"(?=\s*(?:[.,!?;]|$))|\b\d{1,2}(?:[:.]\d\d)?(?:am|pm|\s*o['’]?clock)\b",
    re.IGNORECASE,
)


def _unit_apart(found: re.Match[str]) -> str:
    unit = found.group(2)
    return f"{found.group(1)} {_UNIT_LETTER.get(unit.lower(), unit)}"


# "how did the Yanks take all that?": how they reacted ("take" is no "take part" there)
_TOOK_IT = re.compile(
    r"\b(?P<how>how\s+(?:did|does|do|has|have|is|are|was|were)\s+(?:[\w'’]+\s+){1,3}?)"
    r"(?:take|taking|taken|took)\s+(?:it|that|this|all that|all this|the news|that news)\b",
    re.IGNORECASE,
)
# "how late will Macron announce it?": when (a Dutch speaker's "hoe laat", what time)
_HOW_LATE = re.compile(r"\bhow late (?=(?:will|would|does|did|do)\b)", re.IGNORECASE)
# Spanish "qué" with its accent is "what" ("¿y qué se negociaba?"); folded, it would be "que", "that"
# ("por qué", "para qué" are phrases of their own: why, what for)
_ACCENTED_WHAT = re.compile(r"(?<![\w])(?<!por )(?<!para )(?<!Por )(?<!Para )[qQ]ué(?!\w)(?P<next> \w+)?")


def _accented_what(found: re.Match[str]) -> str:
    # (unless it opens a phrase of the lexicon's: "qué fecha" is "what date" as a whole)
    after = found.group("next") or ""
    if ("que", fold(after.strip().lower())) in _phrase_openings():
        return found.group(0)
    return "what" + after


# "who was the one that attacked the grid?", "who is it that reported ...": who attacked, reported
_CLEFT_WHO = re.compile(
    r"\bwho (?:was|is|were|are) (?:(?:the (?:one|ones|people|side|country|party|guy|group))|it) "
    r"(?:that|who|which) ",
    re.IGNORECASE,
)
# "what role did the US play?", "what part has Qatar had in it?": what the actor did
_ROLE_PLAYED = re.compile(
    r"\bwhat (?:role|part) (?P<aux>did|does|do|has|have|had|is|are|was|were) "
    r"(?P<actor>(?:[\w'’.-]+ ){1,4}?)(?:play|played|playing|have|had|having|take|took|taking)\b",
    re.IGNORECASE,
)
# "is it only rare earths, or are other materials covered too?": whether it is X alone or more
_ONLY_OR_OTHERS = re.compile(r"\b(?:only|just|solely|merely)\b[^?]*\bor\b[^?]*\b(?:other|others|else|more)\b")
# "an' 'ow did they take it?": "and" with its d dropped (an article has no apostrophe)
_AN_FOR_AND = re.compile(r"\ban['’](?!\w)", re.IGNORECASE)


MAX_ENDING = 3  # letters of an ending, for a language no stemmer reads ("-ng", "-nya")
MIN_INFLECTED_STEM = 4


def inflected_entry(word: str, lex: Lexicon, language: str | None = None) -> tuple[str, ...] | None:
    """The lexicon's entry for a word of another language in another form: one with the same stem
    in that language ("aprobaron": "aprobado", "rozejmu": "rozejm", "pasukannya": "pasukan"), or,
    where no stemmer reads it, the word less an ending of at most ``MAX_ENDING`` letters."""
    if language in AGGLUTINATING:
        return _entry_of_longest_start(word, lex)
    stem_in = language_stemmer(language) if language else None
    if language and stem_in is not None:
        key = stem_in(word)
        if len(key) < MIN_INFLECTED_STEM:
            return None
        # (a stem is sometimes a dictionary form itself: "novedades" stems to "novedad")
        return _entries_by_stem(language).get(key) or lex.contractions.get(key)
    for cut in range(1, MAX_ENDING + 1):
        base = word[:-cut]
        if len(base) < MIN_INFLECTED_STEM:
            break
        found = lex.contractions.get(base)
        if found is not None:
            return found
    return None


# A word of a language that builds words by endings is read by the longest of the lexicon's words
# it starts with ("kısıtlamalarıyla": "kısıtlama"), verb stems included ("onayla-dı": approved).
MIN_WORD_START = 4


def _entry_of_longest_start(word: str, lex: Lexicon) -> tuple[str, ...] | None:
    for end in range(len(word) - 1, MIN_WORD_START - 1, -1):
        found = lex.contractions.get(word[:end])
        if found is not None:
            return found
    return None


MIN_COMPOUND_PART = 4
MIN_LONE_COMPOUND = 10  # letters of a compound read in a message of no known language
_LINKING = ("s", "es", "n", "en")  # German's linking letters: "Regierung-s-krise"


def compound_entry(word: str, lex: Lexicon, language: str | None) -> tuple[str, ...] | None:
    """A compound of two words the lexicon has, in a language that writes them as one
    ("Regierungskrise": government crisis, "Waffenruhe" aside, which it has whole): both entries,
    the first part as the compound's modifier. A compound the lexicon half knows stays as typed."""
    if language not in COMPOUNDING:
        return None
    for at in range(len(word) - MIN_COMPOUND_PART, MIN_COMPOUND_PART - 1, -1):
        head, tail = word[:at], word[at:]
        second = _entry_in_any_form(tail, lex, language)
        if second is None:
            continue
        for linking in ("", *_LINKING):
            if linking and not head.endswith(linking):
                continue
            stem_part = head[: len(head) - len(linking)]
            if len(stem_part) < MIN_COMPOUND_PART:
                continue
            first = _entry_in_any_form(stem_part, lex, language)
            if first is not None:
                return (*first, *second)
    return None


COMPOUNDING = frozenset({"de", "nl", "da", "sv", "fi"})


def _word_entry(word: str, lex: Lexicon, language: str | None) -> tuple[str, ...] | None:
    """A word of another language as the lexicon reads it: whole, in another form, or as a
    compound of two of its words."""
    return _entry_in_any_form(word, lex, language) or compound_entry(word, lex, language)


def _entry_in_any_form(word: str, lex: Lexicon, language: str | None) -> tuple[str, ...] | None:
    return lex.contractions.get(word) or inflected_entry(word, lex, language)


def _written_in_by_forms(text: str) -> tuple[str | None, frozenset[str]]:
    """The language of a short message too few of whose small words are that language's to tell it
    ("Varför anföll Ryssland elnätet igen?"), where its letters past ASCII are that language's ("ä",
    "ö"): the one whose stemmer reads a word of it the lexicon knows in another form ("elnätet":
    "elnät"), or, with two of the lexicon's words of another language in it, the one more of its small
    words are. English words are no evidence (with no list of them, "trade" may stem to a French
    entry), so a message typed in ASCII alone stays as read."""
    if text.isascii():
        return None, frozenset()
    letters = {c for c in text.lower() if c.isalpha() and not c.isascii()}
    if not letters:
        return None, frozenset()
    lex = lexicon()
    distinct = {fold(w) for w in words(text.lower())}
    known = _known_words()
    unknown = [
        w for w in distinct if w not in known and w not in lex.contractions and len(w) > MIN_INFLECTED_STEM
    ]
    foreign_known = {w for w in distinct if w in lex.contractions and w not in known}
    if not unknown and len(foreign_known) < MIN_OWN_WORDS:
        return None, frozenset()
    best, best_weight = None, (0, 0)
    for language in LANGUAGES:
        # (a language that doesn't write its letters is out: "å" is no German)
        if (
            language in AGGLUTINATING
            or language_stemmer(language) is None
            or not letters <= written_letters(language)
        ):
            continue
        forms = {w for w in unknown if _word_entry(w, lex, language) is not None}
        evidence = forms | foreign_known | (distinct & function_words(language))
        english = len(distinct & STOPWORDS - all_function_words(language))
        # (of two languages a message is as likely in, the one more of its small words are)
        weight = (len(evidence), len(distinct & all_function_words(language)))
        if len(evidence) >= MIN_OWN_WORDS and len(evidence) > english and weight > best_weight:
            best, best_weight = language, weight
    return (best, frozenset(distinct)) if best else (None, frozenset())


def warm_up_inflections() -> None:
    """The lexicon by stem in each language a stemmer reads (~16 ms in all, once): built inside a
    question, it cost that question ~5 ms."""
    for language in LANGUAGES:
        if language not in AGGLUTINATING and language_stemmer(language) is not None:
            _entries_by_stem(language)


@cache
def _entries_by_stem(language: str) -> dict[str, tuple[str, ...]]:
    """The lexicon's single-word entries by their stem in a language (the first entry of a stem);
    asked only of a language with a stemmer."""
    stem_in = language_stemmer(language)
    assert stem_in is not None
    out: dict[str, tuple[str, ...]] = {}
    for word, meaning in lexicon().contractions.items():
        key = stem_in(word)
        if len(key) >= MIN_INFLECTED_STEM:
            out.setdefault(key, meaning)
    return out


def _translated(text: str, own_words: Mapping[str, object] = MappingProxyType({})) -> str:
    """Foreign phrases of the lexicon in English ("¿por qué?": "why?"), accents folded first; not a
    word the message's own language reads its own way (``own_words``)."""
    if text.isascii() and " " not in text:
        return text
    folded = fold(text)
    # (one alternation of every phrase is slow to try at every position: a phrase can be in the text
    # only where its first word, and its second if it has one, are)
    runs = _RUN.findall(folded.lower())
    openings = _phrase_openings()
    if openings.isdisjoint(pairwise(runs)) and openings.isdisjoint((run,) for run in runs):
        return text
    pattern = _phrase_pattern()
    if pattern.search(folded) is None:
        return text
    phrases = lexicon().phrases

    def english(found: re.Match[str]) -> str:
        key = " ".join(found.group(0).lower().replace("-", " ").split())
        if key in own_words:
            return found.group(0)
        return f" {phrases.get(key, found.group(0))} "  # a case-folding oddity keeps what was typed

    # (one space between words: "did yer man Starmer ..." is "did Starmer ...", a name after "did")
    return _SPACES.sub(" ", pattern.sub(english, folded))


_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


_RUN = re.compile(r"\w+")


@cache
def _phrase_openings() -> frozenset[tuple[str, ...]]:
    """Each phrase's first run of letters, and its second if it has one: ("c", "est") for "c'est
    quoi", ("wetin",) for "wetin"."""
    return frozenset(tuple(_RUN.findall(phrase.lower())[:2]) for phrase in lexicon().phrases)


@cache
def _phrase_pattern() -> re.Pattern[str]:
    alternatives = sorted(lexicon().phrases, key=len, reverse=True)
    return re.compile(
        r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in alternatives) + r")\b",
        re.IGNORECASE,
    )


_ROUGHLY = frozenset("like about around roughly circa c".split())
# After these, "its" is the possessive ("made up its mind", "sitting on its hands"), never "it's".
_BEFORE_POSSESSIVE_ITS = frozenset(
    "up on of in at with for to by from about into over weighing weigh weighs lost lose losing leaving leave"
    " leaves left across beyond within along".split()
)


def clean_tokens(
    text: str, inflected: frozenset[str] = frozenset(), language: str | None = None
) -> list[str]:
    """The question's words with contractions expanded and typos of question words corrected.

    Only where a question word is expected (the first word, or the first after "and", "so" or filler;
    the word after "how") is a near-miss corrected: elsewhere "bad" or "new" are words in their own
    right, not typos of "had" or "news". ``inflected``: words of ``language``, which the lexicon may
    hold in another form ("rozejmu", "kryzysie": "rozejm", "kryzys").
    """
    lex = lexicon()
    out: list[str] = []
    opening = True  # nothing but opening conjunctions and filler so far
    for typed in words(text):
        # Accents folded: the stories are written in English ("israelí" is "israeli" there).
        token = _normalised(typed)
        before = len(out)
        expanded = lex.contractions.get(token)
        if language is not None and token in inflected and (own := lex.in_language.get(language)):
            expanded = own.get(token, expanded)
        if expanded is None and language is not None and (month := month_names(language).get(token)):
            expanded = (month,)  # "agosto de 2024": August 2024
        if expanded is None and token in inflected:
            expanded = _word_entry(token, lex, language)
        elif expanded is None and language is None and (spelt_in := lettered_language(typed)):
            # a message of too few small words to tell its language, but a word its letters tell
            expanded = inflected_entry(token, lex, spelt_in)
        elif expanded is None and language is None and len(token) >= MIN_LONE_COMPOUND:
            # "Regierungskrise Frankreich": too short a message to tell its language, but a word
            # that long which is two of the lexicon's words is read as both (English is not split:
            # its words are no entries of the lexicon's)
            expanded = compound_entry(token, lex, "de")
        if expanded is not None and not (token == "its" and out and out[-1] in _BEFORE_POSSESSIVE_ITS):
            out.extend(expanded)
        else:
            # (a small word of the message's own language is no typo: German "Hat Israel ...?")
            asked_here = (
                opening
                and token not in _CONJUNCTIONS_BEFORE_QUESTION
                and (language is None or token not in all_function_words(language))
            )
            question_word = _function_word(token, _OPENING_WORDS) if asked_here else None
            if not out or question_word:
                out.append(question_word or token)
            elif out[-1] == "how":
                out.append(_function_word(token, _AFTER_HOW) or token)
            else:
                out.append(_small_word_without_e().get(token) or _generic_spelling(token))
        opening = opening and _opens_message(out[before:])
    return out


@cache
def _known_words() -> frozenset[str]:
    """Words in their own right, never a misspelling of another: small words, chat filler and the
    lexicon's own."""
    lex = lexicon()
    return STOPWORDS | lex.function_words | lex.known_words | lex.filler


@cache
def _small_word_without_e() -> dict[str, str]:
    """Small words typed without one of their e's ("hav", "undr", "ther"), mapped to the word: left
    as they are, they count as topic words no story has. Not where dropping the e makes another word
    ("here": "her") or one the lexicon knows."""
    lex = lexicon()
    taken = _known_words() | frozenset(lex.contractions)
    found: dict[str, str] = {}
    for word in sorted(STOPWORDS | lex.function_words):
        if len(word) < 4 or not word.isalpha():
            continue
        # the e chat drops: a final one ("hav", "ther") or one before a last consonant ("undr", "aftr")
        for i in (len(word) - 1, len(word) - 2):
            spelling = word[:i] + word[i + 1 :]
            if word[i] == "e" and spelling not in taken and spelling not in _WORDS_WITHOUT_E:
                found.setdefault(spelling, word)
    return found


# Words and names a dropped e would otherwise read as a small word ("sam": same, "ben": been, "som")
_WORDS_WITHOUT_E = frozenset("sam ben dos thy som".split())


@lru_cache(maxsize=65536)
def _normalised(typed: str) -> str:
    """A typed word as the lexicon spells it: unstretched, its dropped g restored, accents folded
    (a word recurs from question to question: worked out once)."""
    return fold(g_restored(_unstretched(typed)))


@lru_cache(maxsize=65536)
def _generic_spelling(token: str) -> str:
    """ "happend", "situaton": a word that names no topic, typed a letter off, as it is spelled; left
    as a topic word it would count against every story ("what happend to the last ones?")."""
    if len(token) < 6 or token in _TYPO_PRONE_GENERIC:
        return token
    # A letter dropped or one too many; not a letter changed (fewer real words lie that close).
    found = _generic_by_deletion().get(token)
    if found is None:
        found = next((d for d in _deletions(token) if d in _TYPO_PRONE_GENERIC), None)
    return found if found is not None else token


# Long words of no topic that chat often misspells. Not every generic word: a letter off some of them
# is another real word ("fraction": "faction", "detail": "retail").
_TYPO_PRONE_GENERIC = frozenset(
    "happened happening situation currently recently information developments development "
    "background consequences percentage percent".split()
)


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


@cache
def _generic_by_deletion() -> dict[str, str]:
    """Each typo-prone generic word with a letter dropped, mapped to the word; so are long chat
    filler and function words ("actualy", "anythng"), where the misspelling is no word we know and
    no two of them share it."""
    lex = lexicon()
    known = _known_words() | frozenset(lex.contractions)
    long_small = {
        w for w in lex.filler | lex.function_words if len(w) >= _LONG_SMALL_WORD and w.isalpha()
    } - _TYPO_PRONE_GENERIC
    found = {spelling: word for word in sorted(_TYPO_PRONE_GENERIC) for spelling in _deletions(word)}
    shared: set[str] = set()
    for word in sorted(long_small):
        for spelling in _deletions(word):
            if spelling in known or spelling in BASE_VERBS or (spelling in found and found[spelling] != word):
                shared.add(spelling)
            else:
                found[spelling] = word
    return {spelling: word for spelling, word in found.items() if spelling not in shared}


# Filler and function words this long are typed a letter short often enough to undo.
_LONG_SMALL_WORD = 7


_STRETCHED = re.compile(r"([a-z])\1{2,}")


def g_restored(token: str) -> str:
    """ "somethin", "nothin", "anythin": a dropped g put back where that makes a word we know."""
    if len(token) < 4 or not token.endswith("in"):
        return token
    if token[:-2] in _SHORT_CHAT_VERBS:
        return token + "g"  # "sayin", "goin", "doin" (never "putin": a name too)
    if token[:-2] + "e" in _SHORT_CHAT_VERBS:
        return token + "g"  # "comin", "takin", "makin": the e goes before -ing
    if len(token) < 5:
        return token
    lex = lexicon()
    full = token + "g"
    if full in lex.filler or full in lex.function_words or full in STOPWORDS:
        return full
    # "bannin", "hittin", "pickin": a verb we know ("putin" is too short to be one of them)
    base = token[:-2]
    bases = (base, base[:-1] if base[-1:] == base[-2:-1] else base, base + "e")
    if len(token) < 6:
        return token
    if any(b in BASE_VERBS for b in bases) or _G_DROPPED.search(base):
        return full
    if lex.tag([full]) and not lex.tag([token]):
        return full  # "hagglin", "squabblin": a word of a concept ("Dublin" is none)
    return token


_SHORT_CHAT_VERBS = frozenset(
    "say do go see try pay come take make give have name fire use lose vote hope".split()
)
# How a verb's stem ends before a dropped "-ing" ("clampin", "pushin", "burnin", "stoppin"), where
# English words that really end in "-in" ("protein", "captain", "origin", "Kremlin", "assassin",
# "muffin", "within") don't.
_G_DROPPED = re.compile(r"(?:sh|ch|ck|mp|rn|nk|rk|lk|ght|nd|ld|lp|rt|nt|[aeo]y|bb|dd|gg|mm|nn|pp|rr|tt)$")


def _unstretched(token: str) -> str:
    """A word typed with a letter held down ("lmaooo", "soooo", "whyyy") as it is spelled. English
    never has a letter three times running: two of it ("goood" is "good") when that is a word we know,
    else one."""
    if not _STRETCHED.search(token):
        return token
    lex = lexicon()
    doubled = _STRETCHED.sub(r"\1\1", token)
    if doubled in lex.filler or doubled in lex.function_words or doubled in STOPWORDS:
        return doubled
    return _STRETCHED.sub(r"\1", token)


_OPENING_WORDS = frozenset(
    "what which who whom whose when where why how did does is are was were has have can will tell".split()
)
_AFTER_HOW = frozenset(("many", "much", "long"))
# "and", "so" or chat filler before the question word ("so wha happens now?", "an wat did hamas say?",
# "ok hwo many?"): the question still opens there
# ("now" is one of them, no typo of "how": "and now that there's a deal, how long ...?")
_CONJUNCTIONS_BEFORE_QUESTION = frozenset(
    ("and", "an", "n", "so", "but", "then", "now", "sound", "right", "hey")
)


def _opens_message(out: Sequence[str]) -> bool:
    """Nothing but opening conjunctions and filler: the next word may be the question word."""
    filler = lexicon().filler
    return all(t in _CONJUNCTIONS_BEFORE_QUESTION or t in filler for t in out)


_DURATION_UNITS = frozenset("time longer minutes hours days weeks months years".split())


def _function_word(token: str, expected: frozenset[str]) -> str | None:
    """A likely typo of a question word expected here ("mny", "hwo", "wat"), else None."""
    lex = lexicon()
    if token in lex.function_words or token in STOPWORDS or len(token) < 3 or not token.isalpha():
        return None
    # "rare earths, why so important?", "whole region lost power?" open with a word, not a typo
    if token in lex.known_words or token in lex.filler:
        return None
    near = [w for w in expected if abs(len(w) - len(token)) <= 1 and _one_edit(token, w) and len(w) >= 3]
    # "wher" is "where" (a letter dropped) before "when" (a letter changed): dropped letters are the
    # commoner slip; then alphabetical, so the choice never depends on set order.
    return min(near, key=lambda w: (len(w) != len(token) + 1, w), default=None)


def _one_edit(a: str, b: str) -> bool:
    """Within one insertion, deletion, substitution or swap of adjacent letters."""
    if a == b:
        return True
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))


# "anyone hurt?", "any deaths?", "somebody arrested?": a clipped question whether there was one, and
# the words after the opener are what it asks about (answering's "doesn't say" reads them too)
ANY_ONE = frozenset("any anybody anyone somebody someone".split())
_ANY_OPENERS = ANY_ONE | {"anything"}
# "hv 2 b out", "need 2 know": "2" for "to" before a verb in its base form (not "has 2 missiles")
_TO_AS_TWO = re.compile(
    r"\b(have|hv|has|had|need|needs|want|wants|got|going|plan|plans|trying|able|due|supposed|meant) 2 "
    r"(b|be|[a-z]+)\b",
    re.IGNORECASE,
)


def _to_for_two(found: re.Match[str]) -> str:
    verb = found.group(2)
    if verb.lower() == "b":
        verb = "be"
    elif verb.lower() not in BASE_VERBS:
        return found.group(0)
    return f"{found.group(1)} to {verb}"


_FOR_AS_FOUR = re.compile(
    r"\b(used|good|needed|for|what|it) 4\b(?!\s*(?:hours?|days?|%|percent))", re.IGNORECASE
)


# "Reading it as written, folks: 'wat was on teh tabel at the qatar talkz'": a question passed on in
# quotes, after a colon or a comma, running to the end of the message
_QUOTED_TO_THE_END = re.compile(r"[:,]\s*[\"“‘'](?P<asked>(?:\S+\s+){3,}\S+?)[\"”’']\s*[.!]?\s*$", re.DOTALL)


def quoted_question(text: str) -> str:
    """The question itself, when the message passes one on in quotes ("a listener asks, verbatim:
    'is the deal a thing now?'"); otherwise the message. The framing around it names no topic."""
    if not any(q in text for q in "\"“‘'"):
        return text
    found = _QUOTED_TO_THE_END.search(text)
    return found.group("asked") if found is not None else text


# "Please indicate the source of that figure.", "Kindly specify the location at which ...": a formal
# request for a thing, which asks what it is
_FORMAL_REQUEST = re.compile(
    # ("Could you provide the latest developments ...?" is the same request, put as a question)
    r"^\W*(?:(?:(?:kindly|please|pls)\s+)+|"
    r"(?P<asking>(?:can|could|would|will) you\s+(?:(?:please|kindly|just)\s+)?))"
    r"(?P<verb>indicate|specify|state|identify|confirm|provide|advise|clarify|cite|give|share|inform|tell|"
    r"enlighten|update)(?:\s+(?:me|us))?\s+(?P<next>the|which|what|who|whom|where|when|how|whether)\b|"
    # ("and might one learn the identity of ...?", "may I know who ...?": the same request, of oneself)
    r"^\W*(?:(?:and|so|but)\s+)?(?:may|might|could|can)\s+(?:i|we|one)\s+(?:learn|know|ask|hear|find out)"
    r"\s+(?P<own>the|which|what|who|whom|where|when|how|whether)\b",
    re.IGNORECASE,
)


# "how cooked is Ternopil?", "how hard was Ternopil hit?": how badly it was hit, in chat's words
# "back in August '24": a year written with its century left off (a decade, "the '90s", is no year)
_SHORT_YEAR = re.compile(r"(?<![\w'’])['’](\d{2})(?![\w'’])")


def _year_written_out(match: re.Match[str]) -> str:
    short = int(match.group(1))
    return f"{20 if short < 50 else 19}{short:02d}"


# Hinglish asks yes or no with "kya" before the claim ("kya truce shuru hua?") or after its verb
# ("France gir raha hai kya?"); "kya" is "what" only before a verb ("kya hua?", "kya kaha?") or a
# word it asks about ("kya haal hai?"). The lexicon reads the rest.
_HINGLISH_VERB = "|".join(
    "hai hain tha thi the ho gaya gayi gaye hua hui hue raha rahi rahe karega karegi karenge sakta sakti "
    "sakte".split()
)
_KYA_BEFORE_CLAIM = re.compile(
    r"(?:^|(?<=[.?!,;]\s))kya\s+(?!(?:"
    + _HINGLISH_VERB
    + r"|kiya|kiye|kar|karna|karte|bola|boli|bole|kaha|haal"
    r"|baat|chal|scene|matlab|mtlb|naam|hoga|hogi)\b)",
    re.IGNORECASE,
)
_KYA_AFTER_CLAIM = re.compile(
    r"(?:^|(?<=[.?!,;]\s))(?P<claim>[^.?!,;]*\b(?:" + _HINGLISH_VERB + r"))\s+kya\s*(?=\?|$)", re.IGNORECASE
)


# Jamaican and Trinidadian creole: "weh" opening a question asks where ("weh di talks happen?");
# after a noun it is "that" ("di five prime minister weh fall").
_WEH_ASKS_WHERE = re.compile(r"(?:^|(?<=[.?!,;]\s))weh\b", re.IGNORECASE)


# Doric (north-east Scots): "fit" opening a question is "what" ("Fit did the Russians hit?", "fit's
# new?"); elsewhere it is the English word ("is the PM fit to serve?").
# (where a question opens, after a sentence's end or an "and", and the auxiliary after its word)
_DORIC_OPENING = r"(?:^|(?<=[.?!,;]\s))(?:(?:an|and|but|so) )?"
_DORIC_AUXILIARY = r"['’]s| is| wis| was| did| dae| do| does| hae| have| are| were"
_FIT_ASKS_WHAT = re.compile(
    rf"{_DORIC_OPENING}(?:fit|wit)(?=(?:{_DORIC_AUXILIARY}| happened| \w+['’]s)\b)", re.IGNORECASE
)


_ORDINAL_DAY = re.compile(r"\b([0-9]{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)


# Hawaiian Pidgin: "wen" before a verb marks the past ("Iran wen hit back?", "how America wen answer
# China?"); opening a question, or before an auxiliary, it is chat spelling of "when"
_WEN_MARKS_PAST = re.compile(
    r"(?<=[a-z] )wen (?!(?:is|are|was|were|did|does|do|will|would|can|could|has|have|had|the|da)\b)"
    r"(?=[a-z])",
    re.IGNORECASE,
)
# ... and "stay" before a verb's -ing is "is" ("who stay pushing for a deal?"), as "stay" alone is not
_STAY_AS_IS = re.compile(r"\bstay (?=\w+ing\b)", re.IGNORECASE)


# ... and its "fa", "fan", "far" and "fit wey" (who, when, where, why) opening a question before an
# auxiliary ("Fa wis the Hamas mannie?", "Fan wis that meetin?"): English words elsewhere
_DORIC_WH = re.compile(
    rf"{_DORIC_OPENING}(fa|fan|far|fit wey)(?=(?:{_DORIC_AUXILIARY}| wid| will)\b)", re.IGNORECASE
)
_DORIC_MEANING = {"fa": "who", "fan": "when", "far": "where", "fit wey": "why"}


def _doric_wh(found: re.Match[str]) -> str:
    return found.group(0)[: found.start(1) - found.start(0)] + _DORIC_MEANING[found.group(1).lower()]


def _dialect_question_words(text: str) -> str:
    """Question words of dialects that are other words elsewhere, read only where they ask: Hinglish
    "kya" (yes or no), creole "weh" (where), Doric "fit" (what), Hawaiian Pidgin "wen" and "stay"."""
    lowered = text.lower()
    if "wen " in lowered:
        text = _WEN_MARKS_PAST.sub(_past_marker_dropped, text)
    if "stay " in lowered:
        text = _STAY_AS_IS.sub("is ", text)
    if "kya" in lowered:
        text = _KYA_BEFORE_CLAIM.sub("is it true that ", text)
        text = _KYA_AFTER_CLAIM.sub(r"is it true that \g<claim>", text)
    if "weh" in lowered:
        text = _WEH_ASKS_WHERE.sub("where", text)
    if "fa" in lowered or "fit wey" in lowered:
        text = _DORIC_WH.sub(_doric_wh, text)
    if "fit" in lowered or "wit" in lowered:  # (Glasgow's "wit" too: elsewhere it is "with")
        text = _FIT_ASKS_WHAT.sub("what", text)
    if "où" in lowered:  # French "where": its accent tells it from "ou" (or), which folding drops
        text = _FRENCH_WHERE.sub("where", text)
    if "dov" in lowered:
        text = _ITALIAN_WHERE.sub(_italian_where, text)
    return text


_FRENCH_WHERE = re.compile(r"\bo[ùÙ](?![\w'’])", re.IGNORECASE)
# Italian "dove" (where) opens a question; elsewhere it is the English bird
_ITALIAN_WHERE = re.compile(r"(?:^|(?<=[.?!,;¿]\s))dov(?:e\b|['’](?=[èeé]))", re.IGNORECASE)


def _italian_where(found: re.Match[str]) -> str:
    return "where" if found.group(0).lower() == "dove" else "where "


def _past_marker_dropped(found: re.Match[str]) -> str:
    """ "wen" after an opening conjunction or filler still opens the question ("so wen ..."): kept."""
    before = [fold(w.strip(",.!?").lower()) for w in found.string[: found.start()].split()]
    return found.group(0) if _opens_message(before) else ""


_HOW_BADLY = re.compile(
    r"\bhow (?:cooked|wrecked|screwed|battered|hammered|banjaxed|munted|stuffed|"
    r"hard(?= (?:\w+ ){0,3}(?:hit|affected|struck|pounded|damaged)\b))\b",
    re.IGNORECASE,
)


# ", specifically?", ", exactly?": emphasis after the question, no part of what it asks
_TRAILING_EMPHASIS = re.compile(
    r",\s*(?:specifically|exactly|precisely|in particular|like)\s*(?=[?.!]+(?:\s|$)|$)", re.IGNORECASE
)


def terms_asked(tokens: Sequence[str]) -> str | None:
    """The words asking for a deal's terms ("on the table", "meant to be agreeing"), if any."""
    found = _TERMS.search(" ".join(tokens))
    return found.group(0) if found else None


# Requests put as a question that ask for a thing by handing it over ("could you provide the ...?")
_HANDING_OVER = frozenset("provide give share specify state cite indicate".split())


def _formal_request_asked(found: re.Match[str]) -> str:
    following = found.group("next") or found.group("own")
    if found.group("asking") and (
        following.lower() != "the" or found.group("verb").lower() not in _HANDING_OVER
    ):
        # ("could you tell me who ...?", "can you confirm whether ...?", "could you identify the
        # analyst who ...?" are read as they are)
        return found.group(0)
    return f"what is {following}" if following.lower() == "the" else following


_NUMBER_ABBREVIATED = re.compile(
    # ("# missiles launched?": a number of them, the "of" left out)
    r"(?:\b(?:no|nr|num)\.|\bnum\b|#) ?of\b|(?<![\w#])# ?(?=[a-z])",
    re.IGNORECASE,
)


def read_question(text: str) -> Question:
    """Read a question: its words with chat register undone, its kind of answer, its topic."""
    text = text if isinstance(text, str) else str(text)
    text = _FORMAL_REQUEST.sub(_formal_request_asked, quoted_question(text))
    text = _HOW_BADLY.sub("how badly", text)
    if "a-" in text:
        text = _A_PREFIXED.sub("", text)
    if " and " in text:
        text = _BEEN_AND.sub(" has", text)
    if "of" in text or "#" in text:
        text = _NUMBER_ABBREVIATED.sub("number of ", text)  # "no. of missiles", "# of households"
    if "'" in text or "’" in text:
        text = _SHORT_YEAR.sub(_year_written_out, text)
        text = _CASE_ENDING.sub("", text)
    text = _dialect_question_words(text)
    text = _ORDINAL_DAY.sub(r"\1", text)  # "on the 13th": the story writes "13 December"
    if "," in text:
        text = _TRAILING_EMPHASIS.sub("", text)  # "Retaliation for what, specifically?"
    # "%" is a word to a reader ("what % of ...") but not to the tokenizer.
    if " 4" in text:
        text = _FOR_AS_FOUR.sub(r"\1 for", text)  # "wat r rare earths even used 4"
    if " 2 " in text:
        text = _TO_AS_TWO.sub(_to_for_two, text)  # "wen do the IDF hv 2 b out"
    # (the message's language first: a word it reads its own way is no other language's phrase, as
    # Tagalog "na" is no Swahili "and")
    language, foreign_words = written_in(text)
    if language is None:
        language, foreign_words = _written_in_by_forms(text)
    own_words = lexicon().in_language.get(language, {}) if language is not None else {}
    if "qu" in text:
        text = _ACCENTED_WHAT.sub(_accented_what, text)
    readable = _translated(text, own_words).replace("%", " percent ")
    # (a pattern tried only where the word it needs is: most questions have none of them)
    if "ok" in readable.lower():
        readable = _OK_AS_VERB.sub(r"\g<aux> \g<between>approve", readable)
    readable = _OK_IN_THE_PAST.sub("approved", readable)
    readable = _HOW_MUCH_CONTRACTION.sub(_how_much_expanded, readable)
    readable = _WERE_FOR_WHERE.sub("where ", readable)
    readable = _TAKE_PLACE.sub("happen", readable)
    readable = _HOLDING_TALKS.sub("hosting", readable)
    readable = _TOOK_IT.sub(r"\g<how>react", readable)
    readable = _HOW_LATE.sub("when ", readable)
    if "one" in readable or "that" in readable or "who" in readable:
        readable = _CLEFT_WHO.sub("who ", readable)
    if "rol" in readable or "part" in readable:
        readable = _ROLE_PLAYED.sub(r"what \g<aux> \g<actor> do", readable)
    if "'" in readable or "’" in readable:
        readable = _IS_CONTRACTION.sub(r"\1 is", readable)
        readable = _VERB_CONTRACTION.sub(_verb_expanded, _H_DROPPED.sub(_h_restored, readable))
    lowered = readable.lower()
    if "an'" in lowered or "an’" in lowered:
        readable = _AN_FOR_AND.sub("and", readable)
    if _DIGIT.search(readable):
        readable = _NUMBER_WITH_UNIT.sub(_unit_apart, readable)
        readable = _CLOCK_TIME.sub(" ", readable)
    readable = _ELISION.sub(r"\1 ", readable)
    readable = _HOW_NO.sub("why not", readable)
    readable = _ATTACK_MOUNTED.sub("who attacked", readable)
    readable = _NUMBER_REQUESTED.sub(" how many ", readable)
    readable = _POLITE_ASIDE.sub("", readable)
    # (patterns tried only where the words they need are: most questions have none of them)
    lead = readable.lstrip(" \t\"'“‘(").lower()
    if lead.startswith(_PLEASE_WORDS):
        readable = _LEADING_PLEASE.sub("", readable)
    if _MATTER_WORDS.search(readable):
        readable = _MATTER_NAMED.sub(r"\g<named>", readable)
    if "t'" in readable or "t’" in readable:
        readable = _YORKSHIRE_THE.sub("the ", readable)  # "sat in t'dark": in the dark
    if " way" in readable:
        readable = _PLACE_WAY.sub(r"in \g<place>", readable)  # "down Gaza way": in Gaza
    if lead.startswith("any"):
        readable = _ANY_DOING.sub(r"is \g<0>", readable)
    if "-" in readable or "—" in readable or "–" in readable or ":" in readable:
        readable = _FRONTED_TOPIC.sub(_topic_put_back, readable)
    elif "," in readable:
        readable = _FRONTED_NAME.sub(_name_put_back, readable)
    readable = _CHAT_IDIOMS.sub(_chat_idiom_meaning, _SIGN_OFF.sub("", readable))
    if "or " in readable.lower():
        readable = _ALTERNATIVE.sub("?", readable)
    # "iran still thinkin bout hittin back or wat": a statement put as a question, as "or not?" does
    if "or w" in readable.lower():
        readable = _OR_WHAT.sub(r"\g<stated> or not?", readable)
    readable = without_trailing_remark(_FORM_APOLOGY.sub(" ", _VOCATIVE.sub("?", readable)))
    readable = as_asked_of_the_story(readable)
    readable = _PERSON_DOING.sub(r"\g<who> ", readable)
    readable = _NEW_ONE_ASKED.sub(r"\g<who> the nominee", readable)
    # the words after it stay: they name the story ("... President Macron is expected to appoint")
    lowered = readable.lower()
    if any(verb in lowered for verb in _APPOINTING):
        readable = _APPOINTEE.sub(
            lambda m: " the nominee " + m.group(0)[m.end("head") - m.start() :], readable
        )
    # "what happened to the last ones?": the ones before; "last" there is no "will it last?"
    readable = _LAST_BEFORE.sub(r"\1", readable)
    readable = _FIRED_WEAPONS.sub(_weapons_launched, readable)
    readable = _NOUN_COUNT.sub(_count_asked, readable)
    # In a rambling message the question proper is its last question: it decides the kind of answer,
    # and the countries, bodies and names asked about.
    # (a clause setting the scene before it names what the question is about: "Now that Israel has
    # signed off, what ...?" asks about Israel's deal)
    said_with_scene, last = _last_question(readable)
    at = readable.rfind(last) if last else -1
    end = at + len(last) if at >= 0 else -1
    if 0 < end < len(readable) and "?" not in readable[end:]:
        # "What does the analyst expect? Keep it short for my newsletter.": a request about the form of
        # the answer names no topic (other trailing words may: "... eurasia guy's take pls")
        trailing = readable[end:]
        if len(trailing.split()) <= _TRAILING_REQUEST_WORDS and _about_the_answer(trailing):
            readable = readable[:end]
    before_last = readable[: max(0, len(readable) - len(last))]
    asked_before = _asked_before(before_last)
    foreign_names: frozenset[str] = frozenset()
    if language is not None and language not in _NOUNS_CAPITALISED:
        # "... sa Mindanao?": a name is a name in any language (German writes every noun so)
        foreign_names = frozenset(w for w in foreign_words if capitalised_in(w, text))
    # (a name is not read as a declined word: "Hamas" is no form of anything)
    inflected = foreign_words - foreign_names
    tokens = clean_tokens(readable, inflected, language)
    lex = lexicon()
    joined = " ".join(tokens)
    # (most questions are one sentence)
    asked = list(tokens) if last == readable else clean_tokens(last, inflected, language)
    speaker = _speaker_named(joined, last)
    with_scene = clean_tokens(said_with_scene, inflected, language) if said_with_scene != last else asked
    meaningful = [
        t
        for i, t in enumerate(asked)
        if fold(t) not in lex.filler
        or t in _KEEP_FOR_KIND
        # ("what kind of firms ...?" asks for a class of them; "kind of" is a hedge elsewhere)
        or (t in _CLASS_OF and asked[i - 1 : i] in (["what"], ["which"]))
        # ("what's the scoop on that?", "what is the story?": the gist of the news asked for)
        or (t in _GIST and asked[i - 3 : i] == ["what", "is", "the"] and asked[i + 1 : i + 2] in _GIST_AFTER)
    ]
    kind, unit, target = _kind(meaningful, " ".join(meaningful))
    if language is not None and unit:
        # "hoeveel van de wereldvoorraad": the message's own small word the lexicon leaves as it is
        # ("van", which English also spells) counts nothing
        small = all_function_words(language)
        unit = tuple(w for w in unit if fold(w) not in small or fold(w) in STOPWORDS)
    if len(target) > 1 and target[-1] in {"type", "types", "kind", "kinds", "sort", "sorts"}:
        target = target[:-1]  # "what weapon type was used?" asks which weapon
    if len(target) > 1 and capitalised_in(target[-1], last):
        # "to which political party Macron belongs?": a learner's word order puts the subject, a
        # name, straight after the class asked for; the name is no part of it
        target = target[:-1]
    # "who brokered it? was it the Egyptians?": the guess is put to the question before it; "who
    # launched the attack? russia izzit?": a guess trailing the question proper
    guessed = _guessed(last) if last != readable else frozenset()
    if guessed:
        earlier = _kind_before(readable, last)
        if earlier is not None and earlier[0] in _GUESSABLE:
            kind, unit, target = earlier
        else:
            guessed = frozenset()
    elif kind in _GUESSABLE and at >= 0 and readable[at + len(last) :].strip():
        guessed = _guessed(readable[at + len(last) :])
    if guessed:
        pass  # the kind of the question the guess is put to stands
    elif _CONFIRMING.search(last) and _CONFIRMING.sub("", last).strip():
        kind, unit, target = YESNO, (), ()  # "... Is that accurate?": whether the claim before it holds
    elif kind == WHAT and not target and last != readable:
        # "Why does China have such leverage? What's the evidence?": a bare request after a question
        # of a clear kind asks that question again.
        kind, unit, target = _earlier_kind(readable, last, (kind, unit, target))
    elif kind == LATEST and at > 0 and _STATED_QUESTION.search(readable[:at]):
        # "hamas ghosted the qatar talks?? whats the deal": a claim put as a question, then a bare
        # request to explain it; whether the claim holds is the question
        kind, unit, target = YESNO, (), ()
    elif kind == LATEST and at > 0 and _ASKED_YES_NO.search(readable[:at]) and not _own_topic(last):
        # "is iran gonna hit back or not? whats the word": the news asked for is that question's answer
        kind, unit, target = YESNO, (), ()
    elif (
        kind == WHAT
        and not target
        and last.rstrip().endswith("?")
        and not _WH_ANYWHERE.search(" ".join(asked))
        and any(t in AUXILIARIES for t in asked[1:])
        and "or" not in asked  # "this was with rockets or with drones?" asks which
    ):
        # "the military technology is affected also?": a statement with a question mark asks
        # whether it holds
        kind, unit, target = YESNO, (), ()
    elif kind == WHAT and not target and _stated_in_past(asked, last):
        kind, unit, target = YESNO, (), ()  # "Hamas showed up at all?": as the same with an auxiliary
    if kind == YESNO and _OR_ELSEWHERE.search(" ".join(asked)):
        # "were the talks held in Qatar or somewhere else?": where, with Qatar offered as the answer
        kind, unit, target = WHERE, (), ()
        guessed = guessed | {t for t in asked if countries_in(t) or capitalised_in(t, last)}
    if kind == WHAT and not target and _YES_NO_HEDGE.match(text):
        kind, unit, target = YESNO, (), ()
    if (
        kind == WHAT
        and not target
        and asked[:1]
        and asked[0] in _ANY_OPENERS
        # ("any sign of the captives coming home?", "any word on ...": news of it is asked for)
        and not (asked[0] == "any" and asked[2:3] and asked[2] in {"of", "on", "about", "from", "re"})
        and last.rstrip().endswith("?")
        and not _WH_ANYWHERE.search(" ".join(asked))
    ):
        kind, unit, target = YESNO, (), ()  # "anybody dead from the strikes?": whether anyone was
    # ("last PM toppled — name?": a bare request after the thing named)
    asks_names = kind in {WHAT, WHO} and not target and (_asks_names(asked) or bool(_BARE_NAME.search(last)))
    # "has the identity of the likely nominee been reported?": whether the story names them
    asks_names = asks_names or (kind == YESNO and _NAME_REPORTED.search(" ".join(asked)) is not None)
    if asks_names:
        kind, unit, target = WHO, (), ()  # "what were their names?": who they are, by name
    joined_asked = " ".join(asked)
    other_class = (
        _OTHER_CLASS.search(joined_asked)
        if "other" in joined_asked or "only" in joined_asked or "more" in joined_asked
        else None
    )
    if other_class and kind in {YESNO, WHAT}:
        # "were other places hit as well?", "did anyone else go?": asks for the others by name
        noun = other_class.group(2)
        kind, unit, target = (WHERE if noun in _PLACE_CLASS else WHO), (), (noun,)
    only_one = other_class is not None and other_class.group(1).endswith("only") and kind in {WHERE, WHO}
    switch = _SWITCH.search(joined)
    searched = tokens
    if switch is not None:
        # "different subject: what is China restricting?" - the switch itself names no topic.
        start = len(joined[: switch.start()].split())
        searched = tokens[:start] + tokens[start + len(switch.group(0).split()) :]
    searched = _without_class_words(searched)
    if _PUBLISHER_WORD.search(joined):
        # "which outlet is the rare earths report from?": the report is the record asked about, no
        # topic ("report" would find the story whose sources "reported")
        searched = [t for t in searched if not _PIECE_WORD.fullmatch(t)]
    if kind == LATEST:
        # "where do things stand with the hostages?": the phrase asks for news, "hostages" is the topic
        searched = [t for t in searched if t not in _LATEST_PHRASE_WORDS]
        searched = _without(searched, _LATEST_ASKING)
    # "does Macron plan to ...", "is he going to ...": intending, not a plan on the table
    searched = _without(searched, _INTENDS)
    if kind == QUANTITY:
        # "how bad are we talking?": how much, asked of whatever is talked about (no talks)
        searched = _without(searched, _WE_TALKING)
    if _PLAN.search(" ".join(searched)) and kind in {WHAT, LATEST}:
        # "what is Macron planning to do?": the phrase asks what comes next; Macron is the topic
        searched = [t for t in searched if t not in _PLAN_PHRASE_WORDS]
    if kind in {WHAT, LATEST}:
        searched = _without(searched, _PLAN_NEXT)  # "so what happens next?": asks what is due, no topic
    named_countries: dict[str, str] = {}
    if language is not None:
        # "Wann genau hat Israel dem Deal zugestimmt?": German's own small words name no topic
        own = function_words(language)
        searched = [t for t in searched if t not in own or countries_in(t)]
        # "de Russische aanvallen": a country's adjective in the writer's language is the country
        named_countries = {
            t: country
            for t in searched
            if t in foreign_words and not countries_in(t) and (country := country_by_opening(t))
        }
        searched = [named_countries.get(t, t) for t in searched]
        # "de Duitse regering": an adjective the lexicon translates ("German") names its country too
        named_countries |= {t: c for t in searched if t not in foreign_words for c in countries_in(t)}
    # A filler word inside a phrase of the lexicon is part of what the phrase means: "mind" in "has
    # Iran made up its mind?"
    in_phrase = lex.phrase_tags(searched) if any(fold(t) in lex.filler for t in searched) else {}
    # (emphasis, "what precisely is his view?", names no topic, though it stays for reading the kind)
    topic = tuple(
        t
        for t in searched
        if t not in STOPWORDS and t not in _EMPHASIS and (fold(t) not in lex.filler or t in in_phrase)
    )
    search = tuple(
        t for t in searched if t not in _EMPHASIS and (fold(t) not in lex.filler or t in in_phrase)
    )
    starts = joined.strip()
    other_party = bool(_OTHER_PARTY.search(joined)) and len(topic) <= 2
    opening = next((s for s in _ELLIPSIS_START if starts == s or starts.startswith(s + " ")), None)
    elliptical = (
        other_party
        or bool(
            len(topic) <= 4
            and opening is not None
            # ("and what precisely were they doing?": an auxiliary after filler is one all the same)
            and not any(
                t in AUXILIARIES
                for t in [t for t in tokens if fold(t) not in lex.filler and t not in _EMPHASIS][1:3]
            )
            # "and the pic with the story, who's in it?" asks a question of its own
            and not _OWN_CLAUSE.search(starts[len(opening) :])
            # ... as does "and that happened where?": its subject is the last answer, no new one
            and not _LAST_ANSWER_AS_SUBJECT.match(starts[len(opening) :])
        )
    )
    motive = _motive_action(asked or tokens) if kind == WHY else None
    plan_next = _PLAN_NEXT.search(joined)  # "so what happens next?": what is due, not what followed
    questions = " ".join(_QUESTIONS.findall(readable))
    names = name_runs(last)
    if language in _NOUNS_CAPITALISED:
        # "nach den Raketenangriffen Rettungskräfte": German nouns the lexicon reads are no name
        names = tuple(run for run in names if not any(_word_entry(w, lex, language) for w in run))
    if last != readable:
        # (and a sea named by any question of the message: "What's up in the Red Sea? Any truce?")
        names += tuple(run for run in name_runs(questions) if _named_water(run))
    return Question(
        text=text,
        tokens=tuple(tokens),
        topic=topic,
        search=search,
        kind=kind,
        unit=unit,
        target=target,
        elliptical=elliptical,
        other_party=other_party,
        # "what happened after that?" moves on; "what were the odds after that?" asks its own thing.
        wants_next=bool(_NEXT.search(joined))
        and plan_next is None
        and len([t for t in topic if t not in _NEXT_WORDS]) <= 1,
        wants_previous=bool(_PREVIOUS.search(joined))
        and len([t for t in topic if t not in _PREVIOUS_WORDS]) <= 1,
        # (of the question proper: "I've already said Macron is in trouble ... is there an analyst ...?")
        pending=bool({"yet", "already", "so far"} & set(asked)) and kind == YESNO,
        asks_outcome=kind == YESNO and bool(_OUTCOME.search(joined)),
        asks_plan=(bool(_PLAN.search(joined) or plan_next) and kind in {WHAT, LATEST})
        or (kind == YESNO and bool(_ABOUT_TO.search(joined))),
        about_report=kind == WHEN
        and (bool(_REPORT_WORDS & set(asked)) or bool(_DATE_ON_ITEM.search(joined))),
        # ("which Israeli proposal did Hamas object to?" asks which one, not what it contains)
        asks_terms=kind in {WHAT, LATEST}
        and bool(_TERMS.search(joined) or (_OBLIGED_TO_DO.search(joined) and _A_DEAL.search(joined)))
        and not re.search(r"\bwhich (\w+ )?(proposal|framework|package|draft|blueprint)s?\b", joined),
        motive=motive is not None,
        for_what=_for_what(meaningful) if kind == WHY else "",
        action=motive or "",
        wants_other=(bool(_WANTS_OTHER.search(joined)) or only_one) and switch is None,
        asks_scope=bool(_ONLY_OR_OTHERS.search(joined)),
        switches=switch is not None,
        reaction=_asks_reaction(joined)
        # "what did Egypt say about it?": a country's own words, which only a sentence quoting it has
        or _country_said(joined)
        or bool(speaker),
        speaker=speaker,
        exact=bool(_EXACT.search(joined)),
        # In a rambling message, countries met in passing ("my brother works in Germany") are not the
        # question's; those of its last question are.
        countries=countries_in(said_with_scene)
        | frozenset(named_countries.values())
        | _nicknamed_countries(said_with_scene)
        | _countries_talked_about(before_last, asked_before),
        asked_years=_years_named([*asked, *clean_tokens(" ".join(asked_before))]),
        # (the scene set before the question word is the question sentence's, not a preamble: "...
        # got a photo of Trump and Xi, where was it taken?" asks about the photo)
        preamble=_preamble(tokens, with_scene),
        proper=frozenset(asked),
        asks_names=asks_names,
        asks_publisher=bool(_ASKS_PUBLISHER.search(text)),
        scene=_scene_words(asked) | (frozenset(with_scene) - frozenset(asked)),
        bodies=lex.bodies_in(said_with_scene),
        names=names,
        # (of every question the message asks: "What about Starmer's lot? Are they falling apart?")
        lone_names=lone_names(questions or last),
        guessed=guessed,
        language=language,
        foreign_words=foreign_words,
        foreign_names=foreign_names,
    )


_HAPPENED_TO = re.compile(
    # ("what became of the power supply after ...?" asks the same)
    r"\bwhat (?:happened|happens|has happened|is happening|became|has become|is become) (?:to|of) "
    r"(?P<subject>.+?) "
    r"(?:after|following|since|during|in the wake of) (?P<scene>.+)$"
)


# ("last PM toppled — name?", "new PM's name?": the name of what comes before, asked for)
_BARE_NAME = re.compile(r"(?:[—–,:;.-]|\w['’]s?)\s*names?\s*[?.!]*\s*$", re.IGNORECASE)
# ("has the identity of the likely nominee been reported?": the name, in formal words)
_NAME_WORDS = frozenset({"name", "names", "identity", "identities"})
_NAME_REPORTED = re.compile(
    rf"\b(?:{'|'.join(sorted(_NAME_WORDS))}) of .*\b(?:been )?(?:reported|revealed|released|given|"
    r"disclosed|made public|named|mentioned|confirmed)\b"
)
_BEFORE_NAME_NOUN = frozenset("the their his her its whose is are was were what di de da".split())


def _asks_names(asked: list[str]) -> bool:
    """ "what were their names?", "name of the Hamas man?", "name the analyst": a name asked for
    (not "when will he name one?", the verb)."""
    for i, token in enumerate(asked):
        if token not in _NAME_WORDS:
            continue
        after = asked[i + 1] if i + 1 < len(asked) else ""
        if (
            i == 0
            and token in {"name", "names"}
            and (after == "of" or not (set(asked[1:5]) & (_TIME_CLASS | _QUANTITY_CLASS)))
        ):
            return True  # "name the analyst" (not "name the date ...", a time asked for)
        if i > 0 and (asked[i - 1] in _BEFORE_NAME_NOUN or after in {"of", "dem"}):
            return True
        if (
            0 < i == len(asked) - 1
            and token in {"name", "names"}
            and _NOTE_OPENING.match(" ".join(asked[:i]))
        ):
            return True  # "nominee name?", "hamas official name": a note's "name of the nominee"
    # "whats the new fellas name then": a possessive typed without its apostrophe
    return _NAME_OF_SOMEONE.match(" ".join(asked)) is not None


# The words before a noun a note asks for ("nominee" in "nominee name?"): no question word or verb
# before it ("when will he name?" asks when, the verb)
_NOTE_OPENING = re.compile(
    r"^(?!.*\b(what|which|who|whom|whose|how|when|where|why|will|would|can|could|to|he|she|they|it|we|"
    r"you|i|did|does|do|is|are|was|were)\b)(\w+ ){0,4}\w+$"
)
_NAME_OF_SOMEONE = re.compile(
    r"^(?:\w+ )?what (?:is|was|are|were) (?:the|his|her|their) "
    rf"(?!(?:\w+ ){{0,2}}(?:{_NAMED_PLACES}|country)s? )(?:\w+ ){{1,3}}names?(?: then| now| again)?$"
)


def _scene_words(asked: list[str]) -> frozenset[str]:
    """The words of the event a "what happened to X after Y?" question places X in (Y's), unless
    X says them too."""
    joined = " ".join(asked)
    # "what is Israel obliged to do under the truce it just approved?": the clause names the truce,
    # what is asked is the obligation
    described = frozenset(m.group("verb") for m in _DESCRIBING_CLAUSE.finditer(joined))
    found = _HAPPENED_TO.search(joined)
    if found is None:
        # "where did the rescue crews work after the missiles landed?": the crews' work is asked,
        # the strike only places it in time
        trailing = _TRAILING_TIME_CLAUSE.match(joined)
        if trailing is None or len(trailing.group("main").split()) < MIN_MAIN_CLAUSE_WORDS:
            return described
        return described | (frozenset(trailing.group("scene").split()) - set(trailing.group("main").split()))
    return described | (frozenset(found.group("scene").split()) - set(found.group("subject").split()))


_TRAILING_TIME_CLAUSE = re.compile(
    r"^(?:\w+ ){0,2}?(?P<main>(?:where|who|whom|which|how many|how much)\b.+?) "
    r"(?:after|following|in the wake of) (?P<scene>.+)$"
)
MIN_MAIN_CLAUSE_WORDS = 4  # "where did crews work": a clause of its own before the time clause


# "the truce it just approved", "the deal that they signed": a past deed telling which one is meant
_DESCRIBING_CLAUSE = re.compile(
    r"\b(?:the|this|that) \w+ (?:that |which )?(?:it|they|he|she|we) "
    r"(?:just |recently |finally |already |eventually )?(?P<verb>\w+ed)$"
)


_REACTION = re.compile(
    r"\b(respond|responds|responded|responding|react|reacts|reacted|reacting|reaction|reactions|response|"
    r"responses|reply|replies|replied|replying)\b|"
    r"\b(say|said|says) back\b|\b(doing|do|did|done) (anything|something|much) (back|in return)\b|"
    # "what's Trump done back at the Chinese?", "so what's he doing back, tariffs?" (not "a deal
    # done back in August", a time gone)
    r"\b(doing|doin|done|did|do) back\b(?! (?:in|on|during|then|before|after|around|from|when)\b)|"
    # "how America answer to this restriction?"
    r"\banswer(ed|s)? (to |back at )?(this|that|these|those|the|it|them)\b|"
    # "what is Washington's retort?", "how has America answered China over it?"
    r"\b(retort|retorted|retorts|rebuttal|rebuttals|comeback)\b|"
    # "what did Washington do about it?", "what did Trump do to hit back?"
    # (in the past: "what is he doing about it?" asks his plan)
    r"\bdid \w+( \w+)? do (anything |something |much )?about (it|that|this)\b|"
    # "what did Trump do about China's curbs?": one named, not the story's own "they"
    r"\bdid (?!it\b|he\b|she\b|they\b|you\b|we\b|i\b)\w+( \w+)? do (anything |something |much )?about\b|"
    r"\b(has|have) \w+( \w+)? done (anything |something |much )?about (it|that|this)\b|"
    # "what's President Trump going to do about China holding back the minerals?", "what will
    # Washington do about it?": what the one named will do, which only their own doing answers
    r"\b(will|would) (?!it\b|he\b|she\b|they\b)\w+( \w+)? do (anything |something |much )?about\b|"
    # (not "what is he going to do about it?": he is the story's own actor, asked his plan)
    r"\b(is|are|was|were) (?!it\b|that\b|this\b|he\b|she\b|they\b)\w+( \w+)? going to do "
    r"(anything |something |much )?about\b|"
    r"\bwhat (did|has|have|will) \w+( \w+)? do to (hit|strike|push|fight) back\b|"
    # "did Trump say anything about it?": whether he spoke up, which only his own words answer
    r"\b(did|has|have) \w+( \w+)? (say|said|comment|commented|speak|spoken|spoke) "
    r"(anything|something|much|a word)\b|"
    # "did Russia say why they did it?": its own account, which only its words give
    r"\b(did|has|have) (?!it\b|they\b|you\b|we\b|i\b)\w+( \w+)? (say|said|explain|explained) why\b"
)
_ANSWERED = re.compile(r"\banswer(?:ed|s|ing)? (\w+)\b")
_FEARED_REACTION = re.compile(r"\b(about|of|over) (an? |the )?(\w+ )?(response|reaction|reply)\b")
_HIT_BACK = re.compile(r"\b(hit|hits|hitting|struck|strike|striking) back\b")
_ABOUT_HITTING_BACK = re.compile(r"\b(about|of|over|on|into|against) (hitting|striking) back\b")


def _asks_reaction(joined: str) -> bool:
    """ "How did Washington respond?"; not "worried about an Iranian response" (feared, not asked)."""
    if _REACTION.search(joined) and not _FEARED_REACTION.search(joined):
        return True
    answered = _ANSWERED.search(joined)
    if (
        answered
        and countries_in(answered.group(1))
        and not re.search(r"\b(yet|already|so far|how to)\b", joined)
    ):
        # "how has America answered China?": a country answered, no question ("has Iran decided how
        # to answer Israel?" asks what is still being decided)
        return True
    # "did the US hit back?"; "has Iran hit back yet?" asks whether it has happened (pending);
    # "has Iran made up its mind about hitting back?" asks about the deciding
    return (
        bool(_HIT_BACK.search(joined))
        and not re.search(r"\b(yet|already|so far|still)\b", joined)
        # "is Iran going to hit back?" asks its next move, not how it reacted
        and not re.search(r"\b(will|going to|gonna|about to)\b", joined)
        and not _OUTCOME.search(joined)  # "did Iran ultimately hit back?": how it turned out
        and not _ABOUT_HITTING_BACK.search(joined)
    )


# What the sentences before the question say they are about: "I was reading about Spain's prime
# minister ...", "my students asked about Lebanon", "about the troubles in Sudan".
_TALKED_ABOUT = re.compile(
    r"\b(?:about|regarding|concerning)\s+((?:(?!(?:in|of|with)\b)[\w’']+\s+){0,2}(?!(?:in|of|with)\b)[\w’']+"
    # ("... in Sudan", "... of the Congo"; not "... in my English class")
    r"(?:\s+(?:in|of|with)\s+(?:the\s+)?(?!(?:my|our|your|his|her|their|a|an|this|that)\b)"
    r"(?:[\w’']+\s+){0,3}[\w’']+)?)",
    re.IGNORECASE,
)


# "a colleague mentioned that China had done something drastic", "I heard Iran is ...": a country as
# the subject of what was heard, said or read is what the words before the question are about
_TOLD_OF = re.compile(
    # ("I read that the Japanese prime minister resigned": the subject may run to three words)
    r"\b(?:that|hear|hears|heard|read|saw|apparently|says|said)\s+((?:the\s+)?[\w’']+(?:\s+[\w’']+){0,2}?)\s+"
    r"(?:has|had|have|is|was|were|did|does|will|would|just|\w+ed|quit|fell|lost|won|left|got|went|came|"
    r"made|took|gave|hit|cut|ran|shut|broke|struck|rose|sank)\b",
    re.IGNORECASE,
)


def _countries_talked_about(preamble: str, asked_before: Sequence[str]) -> frozenset[str]:
    """Countries the words before the question proper are about (not ones met in passing): those
    they say they are about, and those of any question or topic fragment among them ("India banned
    rice exports? How will that hit prices?")."""
    found: set[str] = set()
    for match in _TALKED_ABOUT.finditer(preamble):
        found |= countries_in(match.group(1))
    for match in _TOLD_OF.finditer(preamble):
        found |= countries_in(match.group(1))
    for sentence in asked_before:  # (``_asked_before(preamble)``)
        found |= countries_in(sentence)
    return frozenset(found)


def _asked_before(preamble: str) -> list[str]:
    """The sentences before the question proper that ask too: questions ("And the ceasefire between
    India and Pakistan?!") and a terse message's topic fragments ("sudan war. any ceasefire?")."""
    return [
        sentence
        for sentence in message_sentences(preamble)
        if sentence.rstrip("!").endswith("?") or len(sentence.split()) <= _TOPIC_FRAGMENT_WORDS
    ]


def _years_named(tokens: Sequence[str]) -> frozenset[int]:
    """``Question.years`` of a run of words."""
    found = set()
    for at, token in enumerate(tokens):
        year = year_of(token)
        if year is not None:
            before = next((t for t in reversed(tokens[:at]) if t not in _ROUGHLY), "")
            if before not in {"since", "from", "of"}:
                found.add(year)
    return frozenset(found)


_TOPIC_FRAGMENT_WORDS = 3


_INTENDS = re.compile(r"\b(plans?|planning|planned|intends?|intending) to\b")


def _without(tokens: list[str], phrase: re.Pattern[str]) -> list[str]:
    """The tokens less every run the pattern matches (it matches whole words)."""
    joined = " ".join(tokens)
    kept: list[str] = []
    at = 0
    for match in phrase.finditer(joined):
        kept += joined[at : match.start()].split()
        at = match.end()
    return kept + joined[at:].split()


_NEGATIVE_OPENING = re.compile(r"^\W*\w+n['’]?t\b", re.IGNORECASE)
# (after a conjunction too: "and who's the analyst saying it might stick, when the others didn't?")
_OPENS_QUESTION = re.compile(
    r"^\W*(?:(?:and|an|so|but|then)\s+)?"
    r"(what|which|who|whom|whose|when|where|why|how|did|does|do|is|are|was|were|has|have|can|will)\b",
    re.IGNORECASE,
)


# "who's" is "who is", not a possessive (the tokenizer drops a possessive "'s").
# "how many's that now?", "how long's that been going on?": is, or has before "been" / "got"
_HOW_MUCH_CONTRACTION = re.compile(
    r"\bhow (many|much|long|far|soon|often)['’]s\b(?P<been>(?:\s+\w+){0,3}\s+(?:been|got|gone)\b)?",
    re.IGNORECASE,
)


def _how_much_expanded(match: re.Match[str]) -> str:
    verb = "has" if match.group("been") else "is"
    return f"how {match.group(1)} {verb}{match.group('been') or ''}"


# "where did the talks take place?": happening, not "taking" anything (nor "take part")
_TAKE_PLACE = re.compile(r"\b(?:take|takes|took|taking|taken) place\b", re.IGNORECASE)
# "where were they holding the talks?": hosting them, not a truce "holding" (in force)
_HOLDING_TALKS = re.compile(
    r"\bhold(?:ing|s)?\b(?= (?:the |those |these |their |its |that |this )?(?:[\w-]+ )?"
    r"(?:talks|meeting|meetings|negotiations|summit|conference)\b)",
    re.IGNORECASE,
)
# "were did the talks take place?": two auxiliaries never open a question; the first is "where"
_WERE_FOR_WHERE = re.compile(
    r"(?:^|(?<=[.!?]\s))\s*(?:were|wer)\s+(?=(?:did|does|do|is|are|was|will|can|could|would)\b)",
    re.IGNORECASE,
)


# "did israel ok the deal?", "Israel okayed it": approving, though "ok" alone is chat filler
_OK_AS_VERB = re.compile(
    r"\b(?P<aux>did|does|do|will|would|has|have|had|to)\s+(?P<between>(?:\w+\s+){0,3}?)"
    r"(?:ok|okay)\b(?=\s+(?:the|a|an|it|this|that|its|their)\b)",
    re.IGNORECASE,
)
_OK_IN_THE_PAST = re.compile(r"\b(?:ok['’]?d|okayed)\b", re.IGNORECASE)


# "'ow long 'ave they got?", "did 'e name 'is pick?": an h dropped and marked, at a word's start
_H_DROPPED = re.compile(r"(?<![\w'’])['’]([aeiou][a-z]*)\b", re.IGNORECASE)


def _h_restored(match: re.Match[str]) -> str:
    """The word with its h back, where that makes a word we know ("'ave": "have"); else as typed."""
    word = match.group(1)
    lowered = "h" + word.lower()
    if lowered in _h_words() or g_restored(lowered) != lowered:
        return ("H" if word[0].isupper() else "h") + word
    return match.group(0)


@cache
def _h_words() -> frozenset[str]:
    """Words an h-dropping writer's "'ave", "'e", "'is", "'ere" stand for: small words, the
    lexicon's, and common verbs with their endings."""
    endings = ("", "s", "ed", "d", "ing")
    verbs = {verb + ending for verb in BASE_VERBS for ending in endings}
    return frozenset(w for w in _known_words() | verbs | _H_NOUNS if w.startswith("h"))


# Nouns of the news an h-dropping writer asks about ("'ow many 'ouses were sat in t'dark?")
_H_NOUNS = frozenset(
    "house houses household households home homes hostage hostages hour hours half hospital hospitals "
    "head heads history".split()
)


# "how many've gone down?", "they'll", "we're": the verb after any word (joined, "manyve" is no word)
_VERB_CONTRACTION = re.compile(r"\b([a-z]+)['’](ve|re|ll)\b", re.IGNORECASE)
_CONTRACTED_VERBS = {"ve": "have", "re": "are", "ll": "will"}


def _verb_expanded(match: re.Match[str]) -> str:
    return f"{match.group(1)} {_CONTRACTED_VERBS[match.group(2).lower()]}"


_IS_CONTRACTION = re.compile(
    r"\b(who|what|where|when|how|why|that|it|there|here|he|she|whit|whaur|hoo|wot|wat|wha)['’]s\b",
    re.IGNORECASE,
)
_WH = frozenset("what which how whose".split())


def _without_class_words(tokens: list[str]) -> list[str]:
    """The question without the time or quantity noun of its question phrase: "how much time",
    "what date", "what share" say what kind of answer is wanted, not what it is about. (Place and
    person classes stay: "which region" is also a story word.)"""
    out: list[str] = []
    for i, token in enumerate(tokens):
        before = tokens[max(0, i - 2) : i]
        if (
            token in _TIME_CLASS | _QUANTITY_CLASS
            and before
            and (
                before[-1] in _WH
                or (len(before) == 2 and before[0] == "how" and before[1] in {"much", "many"})
            )
        ):
            continue
        if token in _CAUSE_VERBS and before and before[-1] == "what":
            continue  # "what caused it?" asks why; "caused" names no topic
        if token in _SPEED_WORDS and before and before[-1] == "how":
            continue  # "how fast?" asks how long, like "how long?"
        out.append(token)
    return out


_SPEED_WORDS = frozenset("fast quickly quick soon".split())
# The verb of a "what caused ...?" question: it asks for a reason, like "why".
_CAUSE_VERBS = frozenset("caused causes made makes drove driving prompted triggered sparked led".split())


_INSTITUTION_WORDS = frozenset(
    "assembly parliament senate congress council court ministry party bank union commission government "
    "house chamber agency office committee army navy police tribunal cabinet republic constitution empire "
    "regime".split()
)
_REGION_WORDS = frozenset(
    "east west north south middle central eastern western northern southern gulf sea ocean bank strip "
    "asia europe africa america americas pacific atlantic mediterranean arctic valley coast".split()
)
WATERS = frozenset("sea gulf ocean strait bay canal channel".split())


def _named_water(run: tuple[str, ...]) -> bool:
    """ "the Red Sea", "the Black Sea": a sea's own name, which a story about somewhere else never
    gives (a compass word or a country's is no such name: "the South China Sea" is China's)."""
    return (
        run[-1] in WATERS
        and any(w not in _REGION_WORDS for w in run[:-1])
        and not any(countries_in(w) for w in run[:-1])
    )


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")


_QUESTIONS = re.compile(r"[^.!?]*\?")
# A person's surname alone: with a possessive ("Starmer's lot") or after a title ("PM Meloni").
_CAPITALISED_WORD = re.compile(
    r"(?:\b(?:Mr|Ms|Mrs|Dr|PM|President|Chancellor|Premier|Minister|Senator) )(?P<titled>[A-Z][a-z]{3,})"
    r"(?![\w'’-])|(?<![\w'’-])(?P<owner>[A-Z][a-z]{3,})(?:'s|’s)(?![\w'’-])|"
    # "is Starmer still hanging on?": the subject of a yes-or-no question, in lower-case words
    # (opening its sentence: "what did Zelensky say" asks what a named person said, see answering)
    r"(?:^|[.!?,]\s+)(?:is|was|did|does|has|will|can|could|would) (?P<subject>[A-Z][a-z]{3,})(?= [a-z])"
)


def lone_names(text: str) -> tuple[str, ...]:
    """Single capitalised words inside a sentence that the lexicon does not know: perhaps a surname
    ("Starmer's lot"). A title-cased message gives none; whether any story knows the word is for
    the index to say."""
    found = list(_CAPITALISED_WORD.finditer(text))
    inside = re.findall(r"(?<![.!?:]\s)(?<!^)\b[A-Za-z]+", text.strip())  # not opening a sentence
    capitalised = sum(w[0].isupper() for w in inside)
    if not found or (capitalised >= 3 and capitalised * 2 > len(inside)):
        return ()
    lex = lexicon()
    known = lex.known_words
    out: list[str] = []
    for match in found:
        name = match.group("titled") or match.group("owner") or match.group("subject")
        before = text[: match.start(match.lastgroup or 0)].rstrip()
        if not before or before.endswith((".", "!", "?", ":", '"', "-", "(")):
            continue  # a sentence's first word is capitalised anyway
        earlier = before.split()
        opening = len(earlier) == 1 or earlier[-2].endswith((".", "!", "?", ":"))
        if match.group("owner") and earlier[-1][:1].isupper() and not opening:
            continue  # "the Fifth Republic's": part of a longer name (see name_runs)
        word = fold(name.casefold())
        if (
            not word
            or word in STOPWORDS
            or word in lex.function_words
            or word in lex.filler
            or word in known
            or word in lex.expansions
            or word in lex.contractions
            or is_date_word(word)
            or word in _INSTITUTION_WORDS
            or word in _REGION_WORDS
            or countries_in(name)
            or lex.bodies_in(name)
            # ("is Chnia still restricting exports?": a country mistyped, no one's name)
            or (match.group("subject") and _mistyped_country(word))
        ):
            continue
        out.append(word)
    return tuple(out)


def name_runs(text: str) -> tuple[tuple[str, ...], ...]:
    """Two or more capitalised words in a row, inside a sentence: a name ("Marine Le Pen").

    Lower-case chat gives none, and a run at the start of a sentence may be a title-cased question;
    countries and international bodies are read elsewhere."""
    lex = lexicon()
    runs: list[tuple[str, ...]] = []
    for match in _CAPITALISED_RUN.finditer(text):
        run = tuple(fold(w.casefold()) for w in words(match.group(0)))
        before = text[: match.start()].rstrip()
        if not before or before.endswith((".", "!", "?", ":")):
            # "Did Benjamin Netanyahu ...": a question word opening the sentence is no part of a name
            # ... nor is chat filler ("Pis Mark Carney, ...", "Yo Keir Starmer ...")
            if run and (run[0] in _OPENING_WORDS or run[0] in STOPWORDS or run[0] in lex.filler):
                run = run[1:]
            else:
                continue
        if len(run) < 2 or countries_in(match.group(0)) or lex.bodies_in(match.group(0)):
            continue
        if any(w in STOPWORDS or w in lex.function_words for w in (run[0], run[-1])):
            continue
        if _REGION_WORDS & set(run) and not _named_water(run):
            continue  # "the Middle East", "the West Bank": a region, not a person
        if _INSTITUTION_WORDS & set(run):
            continue  # "the National Assembly", "the Supreme Court": a body, not a person
        runs.append(run)
    return tuple(runs)


def _preamble(tokens: list[str], asked: list[str]) -> frozenset[str]:
    """Words said only around the question proper: before it, or after it when chat trails off
    ("did they ever sign off on the truce... the one they kept talking about...")."""
    n = len(asked)
    if not asked or n >= len(tokens):
        return frozenset()
    # the last place the question proper stands in the message, as one run of words
    at = next((i for i in range(len(tokens) - n, -1, -1) if tokens[i : i + n] == asked), None)
    if at is None:
        return frozenset()
    return frozenset(tokens[:at] + tokens[at + n :]) - frozenset(asked)


# "exactly how many?", "in absolute numbers", "a raw figure": a count, which a fraction is not
_EXACT = re.compile(
    r"\b(exactly|exact|precise|precisely|"
    r"(actual|specific|absolute|raw|hard|real) (numbers?|figures?|terms|count)|"
    r"in (actual|absolute|raw|real) (numbers?|figures|terms))\b"
)


_NOUNS_CAPITALISED = frozenset({"de"})


def capitalised_in(word: str, text: str) -> bool:
    """Whether the text has the word capitalised inside a sentence (a name: "... party Macron"):
    after a space that no ".", "!" or "?" ends a sentence before, and ending at a word's end."""
    # (found with str.find, not a pattern made for the word: each new word's pattern would be
    # compiled while a user waits, ~0.1 ms)
    written = word[:1].upper() + word[1:]
    if not written:
        return False
    ends_in_letter = _word_character(written[-1])
    start = text.find(written, 1)
    while start != -1:
        end = start + len(written)
        if (
            text[start - 1].isspace()
            and (start < 2 or text[start - 2] not in ".!?")
            and (end == len(text) or _word_character(text[end]) != ends_in_letter)
            and (end < len(text) or ends_in_letter)
        ):
            return True
        start = text.find(written, start + 1)
    return False


def _word_character(char: str) -> bool:
    """What ``\\w`` matches (a ``\\b`` lies between one and a character that is not)."""
    return char.isalnum() or char == "_"


def message_sentences(text: str) -> list[str]:
    """The sentences of a chat message, split after ".", "!" or "?" (chat need not capitalise), and
    before a Spanish "¿", which opens a question inside a sentence ("..., entonces ¿me puedes decir
    cuántos ...?")."""
    return [p.strip() for p in re.split(r"(?<=[.!?])\s+|\s+(?=[¿¡])", text) if p.strip()]


# What a user calls the record the bot answers from.
_SOURCE_NOUN = r"(?:record|report|reporting|story|article|piece|source|brief|coverage|item|write-up)s?"


# Chat idioms that carry no topic, whose words would otherwise count: "can't keep a PM to save its
# life", a streamer's "chat wants to know", and "what's the deal with X" (what about X;
# "the deal" is no agreement there).
# "am I right in thinking X?", "would it be fair to say X?": whether X holds
_YES_NO_HEDGE = re.compile(
    r"^\W*(?:am i right|am i correct|would i be right|would it be fair|is it fair|would it be right)"
    r"(?: in thinking| to think| to say| in saying)?(?: that)?\b",
    re.IGNORECASE,
)
_CHAT_IDIOMS = screened(
    r"\bto save (?:my|his|her|its|their|our|your) li(?:fe|ves)\b|\bfor the life of me\b|"
    r"(?P<about>\bwh(?:at|it)(?:'|’)?s the (?:deal|score|go|drama|saga|fuss|kerfuffle|palaver) wi(?:th)?\b|"
    r"\bwhat is the (?:deal|score|go|drama|saga|fuss|kerfuffle|palaver) with\b)|"
    r"(?P<going_on>\bwhat(?:'|’)?s the deal\b(?=\W*$)|\bwhat is the deal\b(?=\W*$)|"
    # "..., wats the word?": what the news is (at the end: "what's the word for ...?" asks a word)
    r"\bw(?:h)?at(?:'|’)?s the word\b(?=\W*$)|\bwhat is the word\b(?=\W*$)|"
    r"\bwhat(?:'|’)?s the (?:craic|scuttlebutt|goss|gossip|tea)\b|"
    r"\bwhat is the (?:craic|scuttlebutt|goss|tea)\b)|"
    r"\bchat (?:is |are |keeps )?(?:asking|wants to know|wants|says|saying)\b|^\W*chat\b|\bchat\b(?=\W*$)|"
    # hedges of careful writing: "why, if at all, ...", "in the first place", "I'm trying to understand"
    r"\bno cap\b|\bdeadass\b|\bin (?:this|that) regard\b|"  # "for real", in chat; "as to that"
    # hedges of a careful asker: "just to check, were ...?", "am I right in thinking X?" asks X
    r"\bjust (?:to )?(?:check|checking|confirm|confirming|to be sure|to be clear)\b|\bto double[- ]check\b|"
    rf"{_YES_NO_HEDGE.pattern}|"
    r"\bcorrect me if i['’]?m wrong(?:,? but)?\b|\bif i (?:understand|read|have this|['’]ve got this) "
    r"(?:correctly|right|rightly)\b|"
    r"\blike (?:nobody|naebody|no one)['’]?s business\b|\blike there['’]?s no tomorrow\b|"  # "a lot"
    r"\bname names\b|"  # "be specific": no naming asked
    r"\bquick (?:q|qn|qq|question|one)\b|"  # "quick q - ...": a question follows
    # "the bigger picture", "get the picture": the whole matter, no photo
    r"\b(?:the )?(?:big|bigger|wider|broader|whole|full|overall) picture\b|\bget the picture\b|"
    r"^\W*any word yet on\b|"  # "any word yet on who the new bloke's gonna be?": any news
    r"\b(?:is|was|has) there (?:been )?any word (?:on|about|of)\b|"  # "was there any word on how ...?"
    # "anything fresh on ...?": any news
    # ("any fresh word on Gaza?", "any word on who the new bloke's gonna be?": the same)
    r"(?P<news>\b(?:anything|owt|aught) (?:fresh|new) (?=on|about|from|with|in|re)\b|"
    r"^\W*any (?:fresh |new |further |more )?word (?=on\b|about\b))|"
    r"(?P<why_y>^\W*y (?=(?:did|do|does|is|are|was|were|would|has|have)\b))|"  # "y did hamas skip it?"
    r"\b(?:dio mio|mamma mia|madonna mia)\b|"  # exclamations
    r"\bat the moment\b|\bin (?:a|one) (?:sentence|line|word|nutshell)\b|"  # "now", "briefly"
    # "simply": the form of the answer asked for, no terms of a deal
    r"\bin (?:plain|simple|layman'?s|laymans|everyday|basic) (?:terms|english|words|language)\b|"
    r"\bin the first place\b|\bif at all\b|\bif any\b(?=\s*[,)—–-])|\bthat is to say\b|\b(?:i\.e\.|e\.g\.)|"
    # the bot's own source, named only to hedge: "per the record", "if the report says", "assuming
    # the reporting specifies it" (the question is the same without them)
    rf"\b(?:per|as per|according to|going by) (?:the|this|that|your|ur) {_SOURCE_NOUN}\b|"
    rf"\b(?:if|assuming|provided|as far as|insofar as) (?:the|this|that|your|ur) {_SOURCE_NOUN} "
    r"(?:says|said|specifies|mentions|tells|goes|shows|gives|states|records|has it|notes)"
    r"(?: (?:it|so|that|this|as much))?\b|"
    r"\b(?:i'm|i am|im) (?:just )?trying to (?:understand|figure out|work out|get my head around)\b|"
    # "that business with China and the rare earths": the matter of, no business meant
    # "who pulled out of the talks?": who stayed away ("pull out of Gaza" is a withdrawal)
    r"(?P<left_talks>\b(?:pull|pulled|pulls|pulling) out of (?=(?:the |those |these |that )?(?:\w+ )?"
    r"(?:talks|meeting|negotiations|summit)\b))|"
    # "who was at the table?": who took part in the talks ("on the table" is what was offered)
    r"(?P<at_table>\b(?:sitting|sat|seated|was|were|is|are) (?:actually )?at (?:the|that|this) "
    r"(?:negotiating )?table\b)|"
    # "what are the Palestinians getting out of the deal?": what they gain, no pulling out
    r"\bwhat (?P<gain>(?:[\w'’]+ ){1,4}?)(?:get|gets|getting|got|gotten) out of\b|"
    # "will it work?", "is the pick gonna work": whether it works out ("does he work for ...?" is a job)
    r"(?P<works>\b(?:it|this|that|they|(?:the|this|that|his|their) (?:\w+ )?(?:pick|plan|deal|talks|"
    r"truce|cease-?fire|choice|appointment|curbs|ban|move|strategy|one))(?:['’]ll| will| would| is| are|"
    r" going to| gonna| ever| actually| really| even)*) work(?: out)?\b(?! (?:for|at|with|on|in|as|"
    r"under|from)\b)|"
    # ("that china business with the minerals": China stays)
    r"\b(?:that|this|the) (?:whole )?(?P<matter_of>\w+ )??(?:business|carry-on|palaver|kerfuffle) "
    r"(?:with|about|over|of|in)\b",
    re.IGNORECASE,
)


# "Is the truce in force now, or is it still only talk / all talk?": an alternative that only belittles is the
# question's opposite, whose words would pull the answer towards the talk ("or is he having another
# go?" is a question of its own, and stays).
_ALTERNATIVE = re.compile(
    r"[,;]?\s*\bor (?:(?:is|was|are|were|has|have|did|does) (?:it|that|this|they|he|she) )?"
    # (typed without a question mark too: "did it kick in or is it still just talk")
    r"(?:really |actually )?(?:still |just |only |merely |all )+[\w'’ -]{1,30}\?*\s*$",
    re.IGNORECASE,
)


# "which party is he from, or is that behind a paywall too?", "who's hitting them, as if i can't
# guess", "is it only rare earths, asking before i panic-buy": once a question is asked, a trailing
# jibe, guess or reason for asking adds no topic and would dilute its words. An alternative with a
# subject of its own ("or is he having another go?") asks something, and stays.
_TRAILING_REMARK = re.compile(
    r"(?:\?+|\s*[,;]|\s+(?=as if\b))\s*(?P<remark>"
    r"or (?:is|was|are|were) (?:that|this|it) (?!(?:\w+ )?(?:when|where|who|why|how|which|what)\b)|"
    # "... or is the media still chewing the same old rope?": a jibe at the press
    r"or (?:is|are|was|were) (?:the )?(?:media|press|papers|news|journos|journalists|reporters)\b|"
    r"as if\b|(?:i['’]?m |just )?asking (?:because|before|since|as|cos|cause|bc|for)\b|"
    # "what is his next move, and where in the report is that stated?": where the answer stands
    rf"and (?:where|which (?:sentence|part|line|bit)) (?:in|of) (?:the|this|that|your) {_SOURCE_NOUN}\b|"
    rf"and where does (?:the|this|that|your) {_SOURCE_NOUN} say\b|"
    # "How many missiles did they fire? Do they say?": whether the story tells it, which the question
    # before it asks already (not "does it say who ...?", a question of its own)
    r"(?:do|does|did) (?:they|it|the (?:story|article|report|piece|record|news)) (?:even |actually )?"
    r"(?:say|mention|tell|know|give it)\b(?! (?:who|what|when|where|why|how|which|whether|if)\b)|"
    r"do (?:we|you|they) (?:even )?know\b(?! (?:who|what|when|where|why|how|which|whether|if)\b)|"
    r"(?:is|was) (?:that|it|this) (?:even )?(?:known|reported|said|mentioned|in there)\b|"
    r"any idea\b(?! (?:who|what|when|where|why|how|which|whether|if)\b)|"
    r"i (?:need|want|gotta|have to) (?:someone|something|somebody|to know (?:who|what) to blame)\b|"
    # "was anyone hurt, God help them?": a prayer for the people asked about
    r"(?:god|lord|heaven) (?:help|bless|rest|love) (?:them|us|him|her|their souls?)\b|"
    r"bless (?:them|their hearts?)\b"
    r")[^?]*\?*\s*$",
    re.IGNORECASE,
)


def without_trailing_remark(text: str) -> str:
    """The text less a jibe, guess or reason for asking after its question ("..., as if i can't guess")."""
    found = _TRAILING_REMARK.search(text)
    if found is None:
        return text
    before = text[: found.start()]
    opening = _LEADING_CHAT.sub("", before)
    if not (
        found.group(0).lstrip().startswith("?")
        or _OPENS_QUESTION.match(opening)
        or _LATEST_PHRASE.match(opening)  # "any news on the truce, or are the papers ...?"
    ):
        return text
    return text[: found.start()].rstrip(" ,;") + "?"


def _nicknamed_countries(text: str) -> frozenset[str]:
    """Countries named by a people's nickname the lexicon spells out ("the Aussie election"), which
    the country names package doesn't know."""
    expansions = lexicon().expansions
    found: set[str] = set()
    for word in words(text):
        meant = expansions.get(fold(word), ())
        if len(meant) > 1:  # ("white" alone stands for Washington only in "the White House")
            # word by word: "NYT" is a newspaper of New York, not the United States asking
            for one in meant:
                found |= countries_in(one)
    return frozenset(found)


_LEADING_CHAT = re.compile(r"^\W*(?:(?:ok|okay|so|and|but|well|right|cool|hey|yo|lol)\b\W*)*", re.IGNORECASE)


# "... or what lads", "any news guys?": the people addressed, after the question's last word
_VOCATIVE = re.compile(
    # (the lookahead first: only a comma, "!" or space can start it, so most positions fail at once)
    r"(?=[,!\s])(?<!\bthe)(?<!\bthose)(?<!\bthese)(?<!\bsome)(?<!\bto)(?<!\bof)(?<!\bfor)(?<!\babout)(?<!\bwith)"
    # ("the two fellas in the picture": people counted are no one addressed)
    r"(?<!\btwo)(?<!\bthree)(?<!\bboth)(?<!\bfew)(?<!\bmany)(?<!\b\d)"
    r"[,!]?\s+(?:lads|guys|folks|mate|mates|bro|bruv|fam|y['’]?all|peeps|boys|fellas|chaps|pal|boss|la|"
    r"lad|lass|hun|love|son|kid|dude|sir|madam|ma['’]?am|butt|mun|boyo|"
    # the cabbie's "me old china" (china plate: mate) is no China
    r"(?:me|my) old (?:china|mucker|son|mate|pal|fruit|chum|cock|dutch))\s*[?!.]*\s*$|"
    # a Welsh "..., now?" closing a question: no time asked
    r",\s*now\s*(?=[?!.]*\s*$)",
    re.IGNORECASE,
)


# "sorry for my english", "pardon my french", "excuse my spelling": an apology for the form of the
# message, whose language word is no country
_FORM_APOLOGY = re.compile(
    r"\b(?:sorry|apologies|excuse|pardon|forgive)(?: me)?(?: for)? (?:my|the|our) (?:\w+ )?"
    r"(?:english|french|german|spanish|italian|portuguese|dutch|polish|russian|ukrainian|arabic|"
    r"chinese|japanese|turkish|grammar|spelling|typos?|writing|wording|phrasing|language)\b[,.!]*",
    re.IGNORECASE,
)

# "Does the piece name the candidate?" asks who the candidate is; "does the article say when ...?"
# asks when: whether the story says is the question behind every question.
_ASKS_WHETHER_STORY_SAYS = re.compile(
    r"\b(?:does|did|do) (?:the|this|that|your|ur) "
    r"(?:piece|story|article|report|record|brief|news|item|source) "
    r"(?:(?P<names>name|names|identify|mention)\b|(?:say|mention|tell us|specify|state|give|indicate|"
    r"reveal|show|suggest)\s+"
    r"(?:(?P<whether>whether|if)\b|(?=(?:who|when|where|why|how|what|which)\b)))",
    re.IGNORECASE,
)


# "Is it confirmed that Hamas attended?", "can you confirm whether ...", "has it been confirmed how
# many ...": asking whether something is established is asking the thing itself (the answer tells
# who reported it); "is it confirmed?" alone asks for the source and stays.
_ASKS_WHETHER_CONFIRMED = re.compile(
    r"\b(?:(?:(?:is|was) it|has it been|have they|can (?:you|we|u|anyone)|could (?:you|u)) "
    r"(?:(?:officially|actually|really|independently) )?"
    r"(?:confirmed|verified|known|established|confirm|verify|certain|clear|official)|"
    r"do (?:we|you|u|they) (?:actually |really )?know(?: for (?:sure|certain))?),?\s+"
    r"(?:(?P<whether>whether|if|that)\b|(?=(?:who|when|where|why|how|what|which)\b))",
    re.IGNORECASE,
)


_DOES_THEN_AUXILIARY = re.compile(
    rf"\bdoes\s+(?P<subject>(?:[\w'’-]+\s+){{1,4}}?)(?P<aux>{'|'.join(sorted(AUXILIARIES))})"
    r"\b(?! (?:not|n't)\b)",
    re.IGNORECASE,
)


_PUBLISHER_WORD = re.compile(rf"\b(?:{_PUBLISHER_NOUN})s?\b")
_PIECE_WORD = re.compile(_SOURCE_NOUN)


# "which outlet reported it?", "who published this?": the publisher, which the record credits
_ASKS_PUBLISHER = screened(
    rf"\b(?:{_PUBLISHER_NOUN}|published|publish|reported|reporting|put (?:it |this |that )?out)\b"
    r"(?!.*\b(?:photo|picture|pic|image)s?\b)",
    re.IGNORECASE,
)


# "what does the story say about casualties?": what it tells of them, if anything
SAYS_ABOUT = re.compile(
    rf"\bwhat (?:does|did|do|has) (?:the|this|that|your|ur) (?:{_SOURCE_NOUN}|news) "
    r"(?:say|said|tell us|mention|report|have to say) about "
    r"(?P<about>[^?]+)",
    re.IGNORECASE,
)


def as_asked_of_the_story(text: str) -> str:
    """ "Does the report indicate whether Macron intends to ...?" asks "does Macron intend to ...?":
    whether the story says is the question behind every question; so is whether it is confirmed."""
    text = SAYS_ABOUT.sub(lambda found: f"tell me about {found.group('about')}", text)
    asked = _ASKS_WHETHER_STORY_SAYS.sub(
        _whether_story_says_meaning, _ASKS_WHETHER_CONFIRMED.sub(_whether_story_says_meaning, text)
    )
    if asked == text:
        return text
    # "... whether Macron will call elections" asks "will Macron call elections?", not "does ... will"
    return _DOES_THEN_AUXILIARY.sub(r"\g<aux> \g<subject>", asked, count=1)


def _whether_story_says_meaning(found: re.Match[str]) -> str:
    if found.groupdict().get("names"):
        return " who is "
    # "does the report indicate whether Macron intends to ...?": does Macron intend to ...?
    return " does " if found.group("whether") else " "


# "... will it last? Love, Marjorie", "... x", "-- M.": a signature after the question names no topic;
# nor does a polite request for its form ("which industries, kindly list.", "..., please clarify?").
_SIGN_OFF = re.compile(
    r"(?:[,;]\s*(?:kindly|please|pls|plz)\s+(?:list|clarify|explain|elaborate|specify|confirm|advise|"
    r"revert|share|detail|enumerate|itemi[sz]e)(?:\s+(?:them|it|these|those))?\s*[?.!]*\s*$)|"
    r"(?<=[?!.])\s*(?:(?:-{1,2}|—|–)\s*\w+\.?(?:\s+\w+\.?)?|x{1,3}|"
    r"(?:love|hugs|thanks|thank you|cheers|regards|best|ta|xoxo|kind regards|many thanks)\b[,!.]?"
    r"(?:\s+\w+\.?){0,3})\s*[.!]*\s*$",
    re.IGNORECASE,
)


# "Mediators in Qatar — who were they?": a topic named first, then asked about by a pronoun after
# "is" or "was", which stands for it ("who were the mediators in Qatar?"); a topic of a few words
# with no verb of its own (in "rare earth curbs: why did they do it?" "they" is China)
_FRONTED_TOPIC = re.compile(
    r"^\W*(?P<topic>(?:(?!(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could)\b)"
    r"[\w'’]+ ?){1,6})"
    r"\s*[-—–:]\s*(?P<asked>(?:who|what|when|where|which|how|why)(?:['’]s| (?:is|are|was|were)) )"
    r"(?P<pronoun>they|it|he|she)\b(?P<rest>[^?.!-]*\??)\s*$",
    re.IGNORECASE,
)


# "And Iran, in all this, what was it doing?": a name put first, then asked about by its pronoun
_FRONTED_NAME = re.compile(
    r"^\W*(?P<opener>(?:and|so|but) )?(?P<topic>[A-Z][\w'’]+(?: [A-Z][\w'’]+){0,2}),(?: [^,?]{1,30},)?\s*"
    r"(?P<asked>(?:who|what|when|where|which|how|why)(?:['’]s| (?:is|are|was|were|did|has) ))"
    r"(?:they|it|he|she) (?P<rest>[^?.!]*\??)\s*$",
    re.IGNORECASE,
)


def _name_put_back(found: re.Match[str]) -> str:
    topic = found.group("topic")
    first = topic.split()[0].lower()
    opening = first.endswith("ly") or first in STOPWORDS or first in _INTERJECTIONS
    if opening or fold(first) in lexicon().filler:
        return found.group(0)  # "Honestly, what is it about?", "Right, who is he?": no name put first
    return f"{found.group('opener') or ''}{found.group('asked')}{topic} {found.group('rest')}"


_INTERJECTIONS = frozenset(
    "well right look listen anyway anyhow okay ok sorry please hey hi hello thanks".split()
)


def _topic_put_back(found: re.Match[str]) -> str:
    topic = found.group("topic").strip()
    # ("Mujtaba Rahman - who is he?": a name takes no article)
    named = all(word[:1].isupper() for word in topic.split())
    if not named and not re.match(r"(?:the|a|an|this|that|these|those)\b", topic, re.IGNORECASE):
        topic = f"the {topic}"
    return f"{found.group('asked')}{topic}{found.group('rest')}"


# "that China minerals business", "this whole Gaza affair": a matter named by chat's word for a
# matter, which is no topic of its own ("business" is no industry there)
_MATTER_NOUNS = r"(?:business|affair|carry-on|carry on|malarkey|palaver|kerfuffle|thing)"
_MATTER_NAMED = re.compile(
    rf"\b(?P<named>(?:that|this|the whole|that whole|this whole) (?:[\w'’-]+ ){{1,3}}?){_MATTER_NOUNS}\b",
    re.IGNORECASE,
)
# (a quick look for one of them, before the pattern above is tried)
_MATTER_WORDS = re.compile(_MATTER_NOUNS, re.IGNORECASE)


# "Any analyst expecting the pick to last?", "anyone saying why?": a question with its "is" dropped
# (not "any news coming out?", a request for the news)
_ANY_DOING = re.compile(
    r"^(?=\W*any)(?:\W*)(?:anyone|anybody|any (?!news\b|updates?\b|word\b|developments?\b)[\w'’-]+) "
    r"(?=[\w-]+ing\b)",
    re.IGNORECASE,
)


# Yorkshire's "t'" before a word is "the" ("in t'dark", "t'government")
_YORKSHIRE_THE = re.compile(r"(?<![\w'’])[tT]['’](?=[a-zA-Z])")
# "What's new down Gaza way?", "over Ternopil way": in that place (no going down or over)
_PLACE_WAY = re.compile(
    r"\b(?:down|up|over|out|round|around) (?P<place>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) way\b"
)


# "Please did anybody die ...?", "pls who said it?": a request's word before the question itself
_PLEASE_WORDS = ("please", "pls", "plz", "plse", "kindly")
_LEADING_PLEASE = re.compile(
    rf"^\W*(?:{'|'.join(_PLEASE_WORDS)})\b[\s,]*(?=(?:did|does|do|is|are|was|were|has|have|had|can|could|"
    r"will|would|who|what|when|where|why|how|which)\b)",
    re.IGNORECASE,
)
# "who does he work for, if you don't mind my asking?": courtesy, no topic
_POLITE_ASIDE = screened(
    r",?\s*\b(?:if (?:you|ya) (?:don['’]?t|do not) mind (?:me |my )?(?:asking|me asking)|"
    r"if i (?:may|might|can) ask|"
    r"if (?:it['’]?s|that['’]?s|it is|that is) (?:not too much trouble|ok|okay|alright|all right))\b",
    re.IGNORECASE,
)


# Norfolk and London "who's bin and put limits on ...?", "they've been and gone": has done it
_BEEN_AND = re.compile(r"(?:['’]s|['’]ve|\s+(?:is|has|have))?\s+(?:bin|been) and\b", re.IGNORECASE)
# Appalachian "a-fixin'", "a-holdin' back": the verb, its "a-" no word
_A_PREFIXED = re.compile(r"(?<![\w-])a-(?=\w+in(?:g\b|['’]|\b))", re.IGNORECASE)
# "who's the fella running France?" asks who is running France: the fella is anyone doing it.
_PERSON_DOING = re.compile(
    r"\b(?P<who>who(?:['’]s| is| was)) (?:the|that|this|de|da) "
    r"(?:guy|fella|feller|fellow|man|woman|person|bloke|chap|dude|lady|one|people|folks?) "
    r"(?:(?:that|who|dat) )?(?=\w+in(?:g\b|['’]|\b))",
    re.IGNORECASE,
)
# "who's the new one gonna be?", "who will the next guy be?": the one to be appointed, whoever it is
_NEW_ONE_ASKED = re.compile(
    r"\b(?P<who>who(?:['’]s|['’]ll| is| will| was| would)?) (?:that|the|dat|de|da|this) (?:new|next) "
    r"(?:one|guy|fella|feller|person|man|woman|bloke|chap|lad|dude)\b",
    re.IGNORECASE,
)
# "the individual Macron is expected to appoint", "the person he's appointing", "the one to be named":
# the nominee, a role of its own (the story may name no one in it).
_APPOINTING = ("appoint", "nam", "pick", "choos", "chosen", "nominat", "tap")  # what _APPOINTEE needs
_APPOINTEE = re.compile(
    r"\b(?:the )?(?P<head>individual|person|man|woman|guy|fella|feller|bloke|chap|one|candidate)"
    # (not the one doing it: "the man who will name the next prime minister")
    r"(?! (?:who|that) (?:will |would |shall |is |was |['’]s |gets to |is going to |gonna )?"
    r"(?:appoint|appoints|appointing|name|names|naming|pick|picks|picking|choose|chooses|choosing|"
    r"nominate|nominates|nominating|tap|taps|tapping)\b)"
    r"(?: who| that)?(?:['’]s| is| will be)? "
    r"(?:[\w'’]+ ){0,3}?(?:is |are |will be )?(?:expected |due |set |going |about |likely )?"
    r"(?:to )?(?:be )?"
    r"(?:appoint|appointed|appointing|name|named|naming|pick|picked|picking|choose|chosen|choosing|"
    r"nominate|nominated|nominating|tap|tapped|tapping)\b(?: (?:as|for) (?:the )?(?:new )?"
    r"(?:prime minister|premier|pm))?",
    re.IGNORECASE,
)


def _chat_idiom_meaning(found: re.Match[str]) -> str:
    if found.group("works"):
        return f"{found.group('works')} work out"
    if found.group("why_y"):
        return "why "
    if found.group("left_talks"):
        return " stayed away from "
    if found.group("at_table"):
        return " took part in the talks "
    if found.group("gain"):
        return f" what {found.group('gain')}gain from "
    if found.group("matter_of"):
        return f" {found.group('matter_of')}"
    if found.group("about"):
        return " what about "
    if found.group("news"):
        return " any news "
    if found.group("going_on"):
        return " what is going on "  # "France can't keep a PM, what's the deal?" asks for the news
    return " "


# "... but what I really want to know is how long ...": the words after such a phrase are the question
# proper, however the message runs on before it (unpunctuated chat has no sentences to split).
_ASKING_NOW = screened(
    r"\b(?:what (?:i|he|she|they|we) (?:really |actually |just |mainly )?"
    r"(?:wants?|wanna|needs?|would like|d like) to know is|"
    r"my (?:real |actual |main |only )?question is|the (?:real |actual |main )?question is|"
    r"all i (?:want|wanna|need) to know is|"
    # "..., I'm curious whether any analyst expects ...", "I was wondering if ..."
    r"(?:(?:i'm|i am|im|i was|i've been) (?:curious|wondering)|i wonder|"
    # "... and i never got what washington was scared would happen"
    r"i (?:never|still|just) (?:got|get|understood|understand|figured out|worked out|knew)|"
    r"i (?:don't|do not|didn't|did not|can't|cannot) (?:get|understand|figure out|work out|see))"
    r"(?= (?:whether|if|why|how|what|who|when|where|which)\b)|"
    # "... so kindly tell me what China has done", "... I need to be sure: how many ...?"
    r"(?:kindly|please|pls|plz|just|can you|could you|would you)(?: please| just)? "
    r"(?:walk|talk|take) me through|"
    # "It would be appreciated if it could be explained, if possible, what these minerals are for."
    r"(?:it would be (?:much |greatly )?(?:appreciated|helpful)|i(?:'d| would) (?:appreciate it|be grateful))"
    r" if (?:it|you|someone|somebody) (?:could|would|can|might) (?:be )?(?:explained|explain|clarified|"
    r"clarify|set out|outlined|outline|tell me|told)(?:,? if possible,?)?\s*"
    r"(?=(?:how|what|which|who|when|where|why|whether)\b)|"
    # "... so tell me straight, which part of Ukraine lost power?"
    r"(?:tell me|give it to me|level with me)"
    r"(?: (?:straight|straight up|plainly|honestly|truthfully|true|frankly))?\s*[,:—–-]\s*"
    r"(?=(?:how|what|which|who|when|where|why|did|does|do|is|are|was|were|has|have)\b)|"
    # "could you kindly explain what Beijing has done ...?": what follows is the question
    r"(?:can|could|would|will) you(?: please| just| kindly)? (?:explain|describe|clarify|outline)"
    r"(?: to (?:me|us))?\s+(?=(?:how|what|which|who|whom|when|where|why|whether)\b)|"
    r"(?:kindly|please|pls|plz|just|can you|could you|would you)(?: please| just)? (?:tell|let) me"
    # ("please tell me there is some hope" is a plea, not the question)
    r"(?: know)?)\b(?! (?:there|it|that|this|you|they|we|he|she)\b)[\s:,]*|"
    r":\s*(?=(?:how|what|which|who|whom|when|where|why|did|does|do|is|are|was|were|has|have)\b)|"
    # someone else's question, passed on: "a listener asks what Israel did on Friday", "our caller
    # follows up: and how many ...?", "my neighbour wants to know whether ..."
    r"^\W*(?:[\w'’-]+\s+){1,6}?(?:asks|is asking|was asking|asked|wants to know|would like to know|"
    r"wanted to know|wonders|is wondering|was wondering|writes in|follows up|chimes in)"
    r"(?:\s+(?:us|me|you|in|again))?(?:\s+to ask)?\s*[:,—–-]?\s*"
    r"(?=(?:whether|if|why|how|what|which|who|whom|when|where|and|so|did|does|do|is|are|was|were|has|"
    r"have|can|could|will|would)\b)|"
    # "... my friend is doing france which is way easier, anyway what happened on 13 december?"
    r"\b(?:anyway|anyways|long story short)\b[\s,]*(?=(?:how|what|which|who|whom|when|where|why)\b)|"
    # "... the other team will pounce if we're wrong, so how many prime ministers ...?": a long
    # sentence's closing clause, unless it leans on what came before ("so how many have they lost?")
    r",\s*(?:and |but )?so\s+(?=(?:how|what|which|who|whom|when|where|why)\b)"
    r"(?![^?.!]*\b(?:they|them|their|it|its|he|him|his|she|her|this|that|these|those|one|ones)\b)",
    re.IGNORECASE,
)


# A closing question that only points back at the one before: "does it say?", "is that normal?"
_ONLY_POINTS_BACK = re.compile(
    r"^(?:and |so )?(?:(?:does|did) (?:it|the (?:story|article|report|piece)) "
    r"(?:say|mention|tell)(?: (?:so|that))?|"
    r"(?:is|was) (?:that|this|it) (?:normal|usual|common|typical)|or what|any idea|do you know|"
    r"does anyone know|anyone know|"
    # "... explain photosynthesis for science class. Can you help?": a request to the bot, no topic
    r"(?:can|could|would|will) you (?:please )?help(?: me| us| out)?(?: with (?:this|that|it))?(?: please)?|"
    r"any help|help please|please help|"
    # "... Which sentence covers that?", "Cite where.": where in the record the answer is, which the
    # answer's sentence is
    r"(?:and )?(?:which|what) (?:sentence|part|line|bit|passage|paragraph|section)s?"
    rf"(?: of (?:the|this|that|your) {_SOURCE_NOUN})? (?:[\w'’]+ ){{0,3}}?"
    r"(?:says?|gives?|covers?|explains?|states?|sets?|names?|credits?|"
    r"places?|mentions?|tells?|reports?|is (?:that|it) (?:in|from))\b[^?]*|"
    r"(?:please |can you |could you )?(?:point me to|show me|quote|cite) (?:the |that |which |me )?"
    r"(?:sentence|line|part|passage|where|it|that|your source)\b[^?]*|"
    rf"where (?:in (?:the|this|that|your) {_SOURCE_NOUN}|"
    rf"does (?:the|this|that|your) {_SOURCE_NOUN} say)\b[^?]*)\W*$",
    re.IGNORECASE,
)
# A question that spells out the one before it: "like all 17 or just some?", "or just some of them?"
_RHETORICAL = re.compile(r"^(?:but |and |i mean )?surely\b", re.IGNORECASE)
_ASKS_THE_COUNT = re.compile(
    r"^\W*(?:so |and )?(?:what(?:'|’)?s|what is|whats|wats|wots?) the "
    r"(?:count|number|figure|total|tally|toll)\W*$",
    re.IGNORECASE,
)
_ANY_MORE = re.compile(
    r"^(?:and )?any\b(?! (?:idea|clue|thoughts?|news|updates?|word|developments?|more|else)\b)", re.IGNORECASE
)
_ANY_MORE_WORDS = 7
_ELABORATION = re.compile(r"^(?:like|or|i mean|maybe|as in)\b", re.IGNORECASE)


def points_back_only(part: str) -> bool:
    """A sentence of a message that only points back at the question before it ("does it say?")."""
    return bool(_ONLY_POINTS_BACK.match(part.strip()))


def _last_question(text: str) -> tuple[str, str]:
    """The last sentence that asks something, or the whole text when it is one sentence; and that
    without a clause setting the scene before its question word ("Now that Israel has signed off,
    what ...?")."""
    asked = _last_question_sentence(text)
    scene = _SCENE_CLAUSE.match(asked) or _stated_scene(asked)
    return asked, asked[scene.end() :] if scene else asked


def _stated_scene(asked: str) -> re.Match[str] | None:
    """A statement, said in full, before a dash, semicolon or comma and the question word: not a
    question or a request ("Why did Beijing do it - what's their excuse?", "Name the city - which
    building?"), nor a topic ("RE curbs story pic - who's the photog?")."""
    scene = _SCENE_THEN_DASH.match(asked)
    if (
        scene is None
        or len(scene.group(0).split()) < _STATEMENT_WORDS + 1
        or _OPENS_QUESTION.match(asked)
        or _REQUEST_OPENING.match(asked)
        # ("and but why is everyone calling it a free fall, what's the evidence?": a question too)
        or _ASKING_WORD.search(scene.group(0))
    ):
        return None
    return scene


_STATEMENT_WORDS = 7
# A question word that asks wherever it stands ("when", "who", "which" also join clauses: "back in
# August when the round was on", "loved ones who were taken")
_ASKING_WORD = re.compile(r"\b(?:why|how|what)\b", re.IGNORECASE)
_REQUEST_OPENING = re.compile(
    r"^\W*(?:name|tell|give|list|explain|show|say|describe|please)\b", re.IGNORECASE
)


# "Now that Israel has signed off on the truce, what are the deadlines?": what is known already,
# then the question proper
_SCENE_CLAUSE = re.compile(
    r"^\W*(?:now that|given that|seeing as|seeing that|considering that|since)\b[^,?]{3,80},\s*"
    r"(?=(?:what|which|who|whom|whose|when|where|why|how)\b)",
    re.IGNORECASE,
)

# "Beijing is clamping down on minerals - which markets rely on them?": a statement, a dash or a
# semicolon, then the question proper
_SCENE_THEN_DASH = re.compile(
    r"^[^?]{10,200}?(?:\s(?:-|–|—|;)|,)\s+(?=(?:what|which|who|whom|whose|when|where|why|how)\b)",
    re.IGNORECASE,
)


def _last_question_sentence(text: str) -> str:
    # the last cue that a question follows ("... i never got what X feared, can you tell me")
    cues = [cue for cue in _ASKING_NOW.finditer(text) if len(text[cue.end() :].split()) >= 2]
    if cues:
        asked = text[cues[-1].end() :]
        rest = message_sentences(asked)
        if len(rest) > 1 and rest[0].endswith("?") and not any(map(_asks, rest[1:])):
            # "... could you tell me the latest on France? I used to holiday in Brittany.": the
            # remark after the question is not part of it
            return rest[0]
        return asked
    parts = message_sentences(text)
    if len(parts) <= 1:
        return text
    if points_back_only(parts[-1]):
        # "... which ones are on the list? does it say?": the question is the one before
        return _last_question_sentence(" ".join(parts[:-1]))
    last = parts[-1]
    if _ASKS_THE_COUNT.match(last) and _asks(parts[-2]):
        # "how many missiles did russia fire? whats the count": the count asked before, again
        return f"{parts[-2]} {last}"
    if _ELABORATION.match(last):
        # "which rare earths are on the list? like all 17 or just some?": the same question, spelt out
        return f"{parts[-2]} {last}"
    if _ANY_MORE.match(last) and len(last.split()) <= _ANY_MORE_WORDS and _OPENS_QUESTION.match(parts[-2]):
        # "How many people were killed? Any casualty figures from officials?": the same question,
        # asked again in short
        return f"{parts[-2]} {last}"
    if _CONFIRMING.search(last):
        # "Our script says the army gets a week to pull back. Is that right?": the claim is asked about
        return f"{parts[-2]} {last}"
    if _RHETORICAL.match(last) and _asks(parts[-2]):
        # "why should China's curbs matter to us? Surely there are other places to get them?": a
        # challenge to the answer expected, not a question of its own
        return parts[-2]
    if _GUESSED_REASON.match(last) and _asks(parts[-2]):
        # "why did china do this... is it to get back at america...": a guess at the answer
        return f"{parts[-2]} {last}"
    guesses = 0
    while guesses < len(parts) - 1 and _is_guess(parts[-1 - guesses]):
        guesses += 1
    if guesses and _asks(parts[-1 - guesses]) and _OPENS_QUESTION.match(parts[-1 - guesses]):
        # "How long were they without power? Days? Weeks?": guesses at the answer after the question
        return parts[-1 - guesses]
    # "whos sitting in the dark", "wat now": chat spelling of the opening word counts too, and chat
    # before it ("tbh how big a deal is that") does not hide it
    if _about_the_answer(last) and (_asks(parts[-2]) or _WH_ANYWHERE.search(parts[-2])):
        # "over what time period exactly? and don't say 'recently'": a request about the answer
        return parts[-2]
    if _asks(last):
        return last
    asking = [p for p in parts if p.endswith("?")]
    # "... how many have they been through now... i lose track of these things...": chat that trails
    # off in ellipses asks its question without a question mark
    if not asking and not _WH_ANYWHERE.search(last):
        asking = [p for p in parts if _asks(p)]
    if not asking:
        return last
    asked = asking[-1]
    at = parts.index(asked)
    if at > 0 and _ELABORATION.match(asked) and _asks(parts[at - 1]):
        # "... what are the conditions? Like any deadlines or something? I want to explain it at
        # lunch.": the question spelt out, before a remark
        return f"{parts[at - 1]} {asked}"
    return asked


_CONJUNCTIONS = frozenset("and but so or then".split())  # "and what day was it ...": still a question
_OUTCOME = re.compile(r"\b(end|ended|ending) up\b|\bin the end\b|\beventually\b|\bultimately\b")
_TRAILING_REQUEST_WORDS = 12
_ANSWER_FORM = screened(
    r"(keep it|make it|need (a|an|it|the answer)|i need (a|an|it)|just (a|the|give)|give me (a|an|just)|"
    r"one[- ]liner|one line|in (one|a) (line|sentence|word)|short (answer|version)|briefly|"
    # "... Give me their stated reason, not speculation.", "Facts only, no rumours."
    r"give me (their|the|his|her|its) (stated|official|actual|own|given) (reason|reasons|answer|version)|"
    # "... and don't say 'recently'": what the answer should not be
    r"(and |but |please )?(don'?t|do not|dont) (just )?(say|tell me|give me|answer)|"
    # "Do the needful and revert.": Indian English for "please answer"
    r"(please |kindly )?do the needful|(please |kindly )?revert|"
    r"(facts|sources?) only|(stick to|just) the facts|no (speculation|guesswork|guesses|rumou?rs|opinions?)|"
    r"for (my|the|a|our) (script|newsletter|notes|show|episode|podcast|essay|report|slides|thread))\b",
    re.IGNORECASE,
)


def _about_the_answer(part: str) -> bool:
    """Whether a sentence asks about the form of the answer ("Keep it short.", "Facts only."), not
    about the news."""
    return _ANSWER_FORM.match(part.strip(" .!,;:-")) is not None


# Words before a past form that make it no verb of a clause ("the approved deal", "of the ...").
_NO_SUBJECT_BEFORE = frozenset(
    "the a an of for in on at with to from by this that these those its their".split()
)
_NOTE_DASH = re.compile(r"\s[—–-]\s|:")
MAX_STATED_PREFIX = 5  # words before the verb of a claim put as a question ("a Hamas at all showed")


def _stated_in_past(asked: Sequence[str], last: str) -> bool:
    """Whether a message is a claim in the past put as a question ("Hamas showed up?", "Israel
    approved the deal?"): a subject, a verb in the past, a question mark and no question word."""
    if not last.rstrip().endswith("?") or _WH_ANYWHERE.search(" ".join(asked)) or "or" in asked:
        return False
    if _NAME_WORDS & set(asked) or _NOTE_DASH.search(last):
        return False  # "last PM toppled — name?", "hamas official killed, his name?": a note asking
    return any(
        is_past_verb(word) and asked[i - 1] not in _NO_SUBJECT_BEFORE
        for i, word in enumerate(asked[1 : MAX_STATED_PREFIX + 1], start=1)
    )


_WH_ANYWHERE = re.compile(r"\b(what|which|who|whom|whose|when|where|why|how)\b", re.IGNORECASE)


def _is_guess(part: str) -> bool:
    """A few words with a question mark and no question's opening: "Days?", "Some random blog?"."""
    return part.endswith("?") and len(part.split()) <= _GUESS_WORDS and not _OPENS_QUESTION.match(part)


_GUESS_WORDS = 3


def _asks(part: str) -> bool:
    """Whether one sentence of a message asks something: a question mark or a question's opening."""
    # "whos sitting in the dark", "wat now": chat spelling of the opening word counts too, and chat
    # before it ("tbh how big a deal is that") does not hide it
    filler = lexicon().filler
    opening = [t for t in clean_tokens(part) if t not in filler and t not in _CONJUNCTIONS][:2]
    # "Haven't had the telly on all week.", "... haven't seen news all wk": a statement with its
    # subject dropped, no question (asked, it would take a question mark)
    dropped_subject = not part.rstrip().endswith("?") and bool(_NEGATIVE_OPENING.match(part))
    return not dropped_subject and bool(
        part.endswith("?")
        or _OPENS_QUESTION.match(part)
        or _OPENS_QUESTION.match(" ".join(opening))
        or _LATEST_PHRASE.search(" ".join(clean_tokens(part)))  # "any news on that china business..."
    )


# "Who gave this number? Some government office?": a guess after the question asks the question.
_SPECIFIC = frozenset({WHO, WHERE, WHEN, DURATION, QUANTITY, WHY, SOURCE})
# A statement with a question mark, as the whole of what comes before: "hamas ghosted the talks??"
_STATED_QUESTION = re.compile(
    r"^\s*(?!(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|has|have|had|"
    r"will|would|can|could|should|any|anything)\b)(?![^?.!]*\b(?:latest|news|update|updates)\b)[^?.!]{8,}\?+\s*$",
    re.IGNORECASE,
)


# A yes-or-no question of its own (not one asking for news), as the sentence before a bare request
_ASKED_YES_NO = re.compile(
    r"^\s*(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should)\b"
    r"(?![^?.!]*\b(?:latest|news|update|updates)\b)[^?.!]{8,}\?+\s*$",
    re.IGNORECASE,
)


def _own_topic(sentence: str) -> bool:
    """Whether a sentence names something besides asking for news ("what's the latest on Macron?")."""
    lex = lexicon()
    return any(
        t not in STOPWORDS and fold(t) not in lex.filler and t not in _LATEST_PHRASE_WORDS and t != "going"
        for t in clean_tokens(sentence)
    )


_OR_ELSEWHERE = re.compile(
    r"\bor (?:somewhere|somwhere|someplace|anywhere) else\b|\bor elsewhere\b|"
    r"\bor (?:some|another) (?:other )?(?:place|city|country)\b"
)
# "was it the Egyptians?", "Russia izzit?", "the Yanks, Egypt, Qatar?": names offered as the answer
_GUESS = re.compile(
    r"^\W*(?:(?:was|is|were) (?:it|they)|it was|it's|its|maybe|perhaps|or)?\s*(?:the\s+)?"
    r"(?P<guess>[^?.!]{2,60}?)\s*(?:is it|izzit|innit|then|maybe|right|no)?\W*$",
    re.IGNORECASE,
)
_GUESSABLE = frozenset({WHO, WHERE, SOURCE})


def _guessed(sentence: str) -> frozenset[str]:
    """The words of the names a sentence offers as a guess, when that is all it says: countries,
    their people, or capitalised names ("was it the Egyptians?", "The Yanks, Egypt, Qatar?")."""
    m = _GUESS.match(sentence)
    if m is None:
        return frozenset()
    guess = m.group("guess")
    parts = [p.strip() for p in re.split(r",|\bor\b|\band\b|/", guess) if p.strip()]
    lex = lexicon()
    for part in parts:
        part = re.sub(r"^(?:the|a|an)\s+", "", part, flags=re.IGNORECASE)
        if not part or len(part.split()) > 3:
            return frozenset()
        if not (countries_in(part) or lex.bodies_in(part) or all(w[:1].isupper() for w in part.split())):
            return frozenset()
    return frozenset(fold(w.casefold()) for w in words(guess)) - _GUESS_JOINERS


_GUESS_JOINERS = frozenset({"or", "and", "the", "a", "an"})


def _kind_before(text: str, last: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """The kind of the question just before ``last`` in the message, if there is one."""
    lex = lexicon()
    for sentence in reversed(message_sentences(text[: max(0, len(text) - len(last))])):
        if sentence.endswith("?"):
            tokens = [t for t in clean_tokens(sentence) if fold(t) not in lex.filler or t in _KEEP_FOR_KIND]
            return _kind(tokens, " ".join(tokens))
    return None


def _earlier_kind(
    text: str, last: str, kind: tuple[str, tuple[str, ...], tuple[str, ...]]
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The kind of the question just before ``last`` in the message, when it is a specific one."""
    lex = lexicon()
    if len([t for t in clean_tokens(last) if t not in STOPWORDS and fold(t) not in lex.filler]) > 2:
        return kind  # the last question has a topic of its own
    earlier = _kind_before(text, last)
    return earlier if earlier is not None and earlier[0] in _SPECIFIC else kind


def _acts_next(word: str) -> bool:
    """Whether a word after a country's name makes it a subject: an auxiliary, a verb, an adverb."""
    return word in AUXILIARIES or word in _EMPHASIS or word in VERB_ADVERBS or _verb_form(word)


# Adverbs that stand before a verb ("Israel actually agreed", "Hamas is still holding")
VERB_ADVERBS = frozenset("still already really actually ever just also even now finally".split())


def _after(tokens: list[str], i: int, limit: int = 3) -> tuple[str, ...]:
    """The content words following position i: the noun phrase of "how many X" or "which X"."""
    out: list[str] = []
    for t in tokens[i : i + limit + 3]:
        if t in AUXILIARIES or t in {"of", "the", "a", "an", "in", "on", "at", "to", "for", "so", "far"}:
            if out:
                break
            continue
        if t in STOPWORDS or t in _AFTER_COUNTED_NOUN:  # "how many consumers without power": consumers
            break
        out.append(t)
        if len(out) == limit:
            break
    return tuple(out)


_EMPHASIS = frozenset("precisely specifically exactly actually really truly".split())
_AFTER_COUNTED_NOUN = frozenset(
    "without after before during across inside outside near since until "
    # "how many PMs now?", "... so far altogether": when, not what is counted
    "now then today yet already lately recently altogether overall total".split()
)
# "how much has the price of rare earths gone up?": what changed is counted, not the auxiliary
_CHANGE_OF = re.compile(
    r"(?:has|have|had|did|will|would) (?:the |their |its )?(\w+)\b.*\b(?:gone up|gone down|risen|rose|rise|"
    r"increased?|jumped?|climbed?|soared?|fallen|fell|dropped?|grown|grew|changed?|doubled?)\b"
)
_NO_UNIT = frozenset("we they you he she it gone went left died lost fell talkin".split())
_HEADS_OF = frozenset("head heads member members chief chiefs".split())
_VERB_LIKE = frozenset(
    "died die lost lose fell fallen left hit got get have had affected injured killed going gonna gone "
    "went".split()
)


def noun_phrase(run: tuple[str, ...]) -> tuple[str, ...]:
    """The noun phrase of "how many people lost power": the run up to its first verb ("people")."""
    for i, word in enumerate(run[1:], start=1):
        # after a country's adjective a word that could be a verb is its noun ("which Israeli plan")
        described = bool(countries_in(run[i - 1]))
        if word in _VERB_LIKE or word.endswith("ed") or (is_verb(word) and not described):
            return tuple(run[:i])
    return tuple(run)


def _counted_before(tokens: list[str]) -> tuple[str, ...]:
    """ "France keeps losing prime ministers, how many is that now?": the plural noun said before
    "how many" is what is counted (with the word before it, when that is no verb or function word)."""
    lex = lexicon()
    for i in range(len(tokens) - 1, -1, -1):
        word = tokens[i]
        if len(word) > 2 and word.endswith("s") and word not in STOPWORDS and fold(word) not in lex.filler:
            before = tokens[i - 1] if i > 0 else ""
            plain = before not in STOPWORDS and fold(before) not in lex.filler
            if before and plain and not _verb_form(before):
                return (before, word)
            return (word,)
    return ()


# Words of a "why" asking why something matters, or what a state is, rather than why someone acted.
_NOT_MOTIVE = frozenset(
    "matter matters mattered important importance care cares deal leverage worried worry worries "
    "fuss concern concerned nervous exposed affect affects stakes significant problem big bad good "
    "rely depend freaking panicking scared afraid stressed upset bothered alarmed spooked anxious excited "
    "angry mad jittery rattled fussed worked het obsessed noise hype uproar buzz commotion sweating "
    "stressing stress fretting fret freaked fear fears feared serious seriously weight".split()
)
# "why is everyone talking about it?": the talk is everyone's, so it asks why the matter matters
_EVERYONE = frozenset("everyone everybody everyones everybodys".split())
_TALKING = frozenset("talking talk talks tweeting posting chatting".split())
# Verbs of being and having: "why does China have such leverage?" asks about a state, not an act.
_PASSIVE_GET = frozenset("get gets got getting".split())
_STATE_VERBS = frozenset("have has had be being been need needs get gets got".split())
# "what reasons has Beijing given?", "what triggered it?", "what's their excuse?"
_MOTIVE_WORDS = re.compile(
    r"\b(reasons?|motives?|motivation|rationale|excuse|justification) (has|have|did|does|for|behind|given)\b|"
    r"\b(causes?|triggers?) (that|which)? ?(led|lead|leads) to\b|"
    r"\bwhat (specifically |exactly |actually |really )?"
    r"(triggered|prompted|motivated|drove|made|pushed|caused|brought|took|pulled|tore)\b|"
    r"\b(their|his|her|its) "
    r"(excuse|motive|motivation|rationale|reasoning|justification)\b"
)
# modals of what may come ("why could it hurt ...?"), not of duty
_MAY_FOLLOW = MODALS - {"shall", "must"}
# Words before a "why" that asks inside another question: "may I ask why ...", "the reason ..."
_ASKING_WHY = frozenset(
    "ask asking asked say said says know wonder wondering explain explained tell told understand reason "
    "reasons why that".split()
)
# ("why would the curbs hit my suppliers?" asks what may follow, not why anyone acted)
_MOTIVE_AUX = frozenset("did does do is are was were has have".split())


# "what was Iran retaliating for?": verbs whose "for" names the deed answered (a cause is asked)
_REPRISAL_VERBS = "retaliating|retaliate|punishing|punish|avenging|avenge|protesting|protest"


def _for_what(tokens: Sequence[str]) -> str:
    """ "Reprisal for what?", "retribution for what, precisely?": the noun whose cause is asked."""
    joined = " ".join(tokens)
    found = re.search(r"\b([\w'’-]+) for what\b", joined) or re.search(
        rf"\bwhat\b.* ({_REPRISAL_VERBS}) for$", joined
    )
    if found is None or found.group(1) in STOPWORDS or found.group(1) in AUXILIARIES:
        return ""
    return found.group(1)


def _motive_action(tokens: Sequence[str]) -> str | None:
    """ "Why did Beijing decide to do this?", "why is China doing it?": why someone acted (a cause
    or a purpose answers), not why it matters ("why does it matter?", "why do carmakers care?").
    The act asked about ("" where the question names none: "what triggered it?"), or None."""
    if _NOT_MOTIVE & set(tokens) or (_EVERYONE & set(tokens) and _TALKING & set(tokens)):
        return None
    if _MOTIVE_WORDS.search(" ".join(tokens)):
        return ""
    at = next((i for i, t in enumerate(tokens) if t == "why"), None)
    if at is None:
        # "what is the reason China make these limits?": the reason for a deed told after it
        at = next((i for i, t in enumerate(tokens) if t in {"reason", "reasons"}), None)
        if at is not None and tokens[at + 1 : at + 2] in (["why"], ["that"]):
            at += 1
    if at is None or at + 1 >= len(tokens):
        return None
    # a doer of one to three words, then what it did ("why did the last french pm quit"); asked
    # inside another question, the doer comes first ("may I ask why China decided to ...?", "did
    # they say why the Chinese are doing this?")
    # ("could you explain why Beijing chose ...": the request read away, the clause opens the question;
    # "why China decide to ...": a learner's, or a dialect's, question in that order)
    embedded = (at == 0 or tokens[at - 1] in _ASKING_WHY) and tokens[at + 1] not in AUXILIARIES
    if tokens[at + 1] not in _MOTIVE_AUX and not embedded:
        return None
    rest = tokens[at + 1 :] if embedded else tokens[at + 2 :]
    if embedded and not _MAY_FOLLOW.isdisjoint(rest[1:5]):
        return None  # "why China's move can hurt the supply so badly?": what may follow, no motive
    # "do we know why the Chinese did it?": "did" the verb itself, its object a pronoun
    did_it = next(
        (
            i
            for i, t in enumerate(rest[1:4], start=1)
            if t in {"did", "does", "do"} and rest[i + 1 : i + 2] in (["it"], ["this"], ["that"])
        ),
        None,
    )
    if (
        embedded
        and at == 0
        and did_it is None
        and not (len(rest) > 2 and is_verb(rest[1]) and (rest[2] == "to" or rest[1].endswith("ed")))
    ):
        # (a learner's "why China decide to ...": a one-word doer, then the deed; not "why China
        # export restrictions are important?")
        return None
    at_verb = next(
        (i for i, t in enumerate(rest[1:4], start=1) if _verb_form(t) and t not in AUXILIARIES), None
    )
    if at_verb is None and embedded:
        at_verb = did_it
    if at_verb is not None and rest[at_verb] in _PASSIVE_GET and at_verb + 1 < len(rest):
        at_verb += 1  # "why did the pms get kicked out?": being kicked out is the act
    if at_verb is None or rest[at_verb] in _STATE_VERBS:
        return None
    if rest[at_verb] == "left" and rest[at_verb + 1 : at_verb + 2] in (["without"], ["in"], ["with"]):
        return None  # "why were households left without power / in the dark?": a state, no act of theirs
    return " ".join(rest[at_verb : at_verb + 2])  # with its particle: "go after", "pull out"


def _next_word(joined: str, at: int) -> str:
    following = joined[at:].split(maxsplit=1)
    return following[0] if following else ""


def _verb_form(word: str) -> bool:
    """ "what happened", "wat hapened", "what's going on": a verb after "what" names no class of answer."""
    return is_verb(word) or (len(word) > 4 and word.endswith(("ed", "ing")))


# "Could you inform me of the number of hostages ...?", "give me the total number of missiles": how many
_NUMBER_REQUESTED = re.compile(
    r"\b(?:tell|give|inform|show|let) (?:me|us)(?: know)?(?: of| about| what)? the "
    r"(?:(?:exact|total|precise|actual|overall) )?(?:number|count|tally) of\b",
    re.IGNORECASE,
)
_BARE_REASON = re.compile(
    r"^(?:and |so |but )?(?:the |any |a |what is the |what was the )?(?:reason|reasons|motive|rationale)"
    r"(?: (?:given|for it|for that|behind it|behind that|then))?$"
)
# "what was their beef?", "what's Hamas's gripe?": the reason someone objects
_GRIEVANCE = re.compile(r"\bwhat (?:is|was|were) (?:their|his|her|its|the|\w+) (?:beef|gripe|grievance)\b")
# Scots "how no?" is "why not?" (not "how no one ...")
_HOW_NO = re.compile(r"\bhow no\b(?!\s+(?:one|body|longer|more|way|matter|doubt)\b)", re.IGNORECASE)
_DATE_OF_EFFECT = re.compile(r"\b(effective|start|starting|commencement|expiry|end) date\b")
_PHOTOGRAPHER = re.compile(
    r"\bwho (took|shot|snapped|captured|made) (the|this|that|its|their) (\w+ )?"
    r"(photo|photograph|picture|pic|image|shot)s?\b"
)
# "who carried out the strikes?", "who was behind the attack?": who attacked
_ATTACK_MOUNTED = re.compile(
    r"\b(?:who|which (?:state|country|nation|side|government|power))(?:'s| is| was)? "
    r"(?:carried out|carry out|carries out|conducted|conduct|mounted|staged|"
    r"launched|launch|was behind|is behind|were behind|did|doing|doin) "
    r"(?:the|this|that|these|those|such an?) "
    # ("the December 2024 strikes", "the 13 December missile attack")
    r"(?:(?:\w+[- ]){0,2}(?:scale |missile |drone |rocket |air |large |massive |huge |major |big )*)"
    r"(?:attack|attacks|strike|strikes|barrage|bombin|"
    r"bombing|bombardment|assault|raid)\b(?: on\b)?",
    re.IGNORECASE,
)


def _kind(tokens: list[str], joined: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The kind of answer wanted, the unit of a "how many", and the noun of a "which"."""
    tset = set(tokens)
    if _BARE_REASON.match(joined) or _GRIEVANCE.search(joined):
        return WHY, (), ()  # "and the reason?", "what was their beef?": why
    if _DATE_OF_EFFECT.search(joined):
        return WHEN, (), ()  # "the curbs' effective date?" asks when they take effect
    if _PHOTOGRAPHER.search(joined):
        return WHO, (), ()  # "who took the photo in the report?" asks for the photographer, no source
    # "who said yes to the deal?" asks who approved it, not who reported it
    if not _SAID_YES.search(joined) and (_SOURCE.search(joined) or ("who" in tset and tset & _SOURCE_WORDS)):
        return SOURCE, (), ()
    if re.search(
        r"\b(how long|how much time|how quickly|how quick|how soon|how fast|"
        r"(over|within|for) (what|which) (period|time|span|stretch|duration)|what duration|"
        r"in (what|which) (time|timeframe|period)|for how long|what (deadline|timeframe|time frame)|by when|"
        r"(time|timespan|time span|time frame|timeframe|period) (span|of time|are we talking|was that)|"
        r"what (kind|sort) of (time|timespan|timeframe|period|duration))\b",
        joined,
    ):
        return DURATION, (), ()
    if _SIGNIFICANCE.search(joined):
        return WHY, (), ()
    if re.search(r"\bhow old\b", joined):
        return QUANTITY, ("age",), ()  # "how old is the president?": an age, a number of years
    m = re.search(r"\bhow (many|much)\b", joined)
    if m:
        i = len(joined[: m.end()].split())
        # "how many have fallen?" names no unit: the noun is understood.
        # The whole run ("people died") must be in the story; the noun ("people") is what is counted.
        unit = () if i < len(tokens) and tokens[i] in AUXILIARIES else _after(tokens, i)
        changed = _CHANGE_OF.match(" ".join(tokens[i:])) if m.group(1) == "much" else None
        if changed:
            unit = (changed.group(1),)  # "how much has the price gone up?": a change in the price
        if m.group(1) == "much" and tokens[i : i + 1] == ["of"]:
            unit = ()  # "how much of Ternopil lost power?": a share of Ternopil, not a count of it
        if unit and (unit[0] in _NO_UNIT or _verb_form(unit[0])):
            unit = ()  # "how many gone?", "how many we talkin'?": no noun counted, it is understood
        if unit and unit[0] in _HEADS_OF and tokens[i + 1 : i + 2] == ["of"] and len(tokens) > i + 2:
            unit = (unit[0], "of", tokens[i + 2])  # "how many heads of government": one thing
        # "how many premiers France has lost": the country starts the clause about them
        cut = next((k for k in range(1, len(unit)) if countries_in(unit[k])), len(unit))
        unit = unit[:cut]
        if unit and unit[0] in _DURATION_UNITS:  # "how many hours does Hamas get?"
            return DURATION, (), ()
        pointing_back = re.match(
            r"(is|are|was|were) (that|it|this|those|they|there)\b", joined[m.end() :].strip()
        )
        if not unit and pointing_back:
            unit = _counted_before(tokens[: len(joined[: m.start()].split())])
        return QUANTITY, unit, ()
    toll = re.search(r"\bwhat (is|was|were) the (\w+) (count|tally|total|toll)\b", joined) or re.search(
        r"\b()(\w+) (count|tally|toll)$", joined
    )
    if toll and toll.group(2) not in AUXILIARIES and toll.group(2) not in STOPWORDS:
        # "what was the death toll?", "... casualty count?": deaths, casualties are what is counted
        return QUANTITY, (toll.group(2),), ()
    share = _SHARE_ASKED.search(joined)
    if share and share.group(2) == "part" and _names_a_place(joined[share.end() :]):
        share = None  # "which part of the country lost power?" asks where, not how much
    m = (
        share
        or _TOTAL_ASKED.search(joined)
        # "any numbers on that?" ("any" is chat, so it may be gone)
        or re.search(r"(\bany |^)(numbers|figures|stats|statistics)\b", joined)
        # "number of hostages Hamas must hand back?"
        # ("ternopil outage absolute number of customers affected?": a note's topic first)
        or re.search(
            r"^((?!(what|which|who|how|when|where|why)\b)\w+ ){0,3}"
            r"((the|total|exact|actual|absolute|precise|overall) )*(number|count|tally) of\b",
            joined,
        )
    )
    if m or re.search(r"\bhow (bad|badly|big|large|severe|serious|widespread|extensive|major)\b", joined):
        counted = re.search(r"\b(number|count|tally) of\b", joined)
        if counted:
            # "the total number of Palestinians killed": Palestinians are what is counted.
            return QUANTITY, noun_phrase(_after(tokens, len(joined[: counted.end()].split()))), ()
        return QUANTITY, (), ()
    if tset & {"why"} or re.search(
        r"\b(what for|for what( only| then| again| now| precisely| exactly)?$|"
        # ("for what cause did they abstain?", "for what thing they are use?"; not "for what company")
        r"^for what (reason|purpose|cause|motive|thing|things|use|uses)\b|how come|"
        r"so what(?! \w)|reason for|reasons for|"
        r"what ((exactly|precisely|really) )?(is|was|are|were) (the|their|his|her|its) (\w+ )?reasons?|"
        r"what (is|was) behind|what (made|drove|caused|led to|prompted|triggered)|why should|"
        r"does it matter|does this matter|why (is|does) (it|this|that) matter|objecting to|"
        r"protesting|what is the point|what was the point|should anyone care|why care|"
        r"(what|which) (reasons?|grounds|motive|motives|grievances?|justification)|on what grounds|"
        r"what (lay|lies|lie) behind|casus belli|"
        # "what were the specific causes that led to ...?"
        r"(what|which) (were|was|are|is) the (\w+ )?(causes?|triggers?) |"
        # "what was Iran expected to be retaliating for?": the deed a reprisal answers
        rf"what (\w+ ){{1,6}}({_REPRISAL_VERBS}) for$|"
        # "what specifically brought these governments down?": a cause asked
        r"what (specifically |exactly |actually |really )?(brought|brings|took|pulled|tore) (\w+ ){1,4}down|"
        # "what was driving Washington's urgency?", "what's behind it?"
        r"what (is|was|has been|s) (driving|behind|fuelling|fueling)\b|"
        # what something is for: its purpose, which a "vital for ..." sentence gives
        r"what (is |are |were |was )?(\w+ ){0,3}(used|needed|good|important) for($| (in|with|under|about)\b)|"
        r"what (is|are) (it|they|these|those|them|that|this|the \w+) (even |actually |really )?for$|"
        # ("what people use it for?": the auxiliary dropped, as learners and patois do)
        r"what ((do|does|did) )?(\w+ ){0,2}(use|need) (\w+ ){1,3}for$|"
        r"what (is |are |s )?(the )?(uses?|use of|uses of) (of|for)?\b|"  # "what use are rare earths?"
        r"sticking point|stumbling block|what (was|is) the (hold up|holdup|objection))\b",
        joined,
    ):
        return WHY, (), ()
    if _ASKS_PLACE_NAME.search(joined):
        return WHERE, (), ()  # "what's the name of the town ...?" asks where
    if re.match(
        r"what (is|was|will be) the (exact |precise )?(date|day) (on|of|for|from which|when|that)\b", joined
    ):
        # "what's the date on the French item?", "what is the date from which they take effect?" ask when
        return WHEN, (), ()
    if _ASKS_NAME.search(joined):
        return WHO, (), ()  # "what's the new PM's name?" asks who, not what is new
    # "and has Iran hit back?": a conjunction opening a follow-up is not the question's first word
    first = next((t for t in tokens if t not in lexicon().filler and t not in {"and", "but", "or"}), "")
    explicit = _LATEST_PHRASE.search(joined)
    asks_other = re.search(r"\b(what|which|who|whom|where|when|why|how) \w+", joined)
    # "which prime minister was the most recent to fall?" asks who, not for the news
    asks_who = re.match(
        r"(?:(?:to|from|with|for|in|of|at|by) )?(which|who|whom|whose|when|why|how)\b", joined
    )
    recent = explicit is not None and explicit.group(0) in {"most recent", "newest"}
    if (explicit and not (asks_who and recent)) or (
        tset & _LATEST and first not in AUXILIARIES and not asks_other
    ):
        return LATEST, (), ()
    if _EMPLOYER.search(joined):
        return WHO, (), ("employer",)
    m = (
        re.search(r"\b(which|what) (kinds?|types?|sorts?) of (\w+)", joined)
        # "which of the rare earths ...?": which ones among them
        or re.search(r"\b(which)(?: ones?)? of (?:the|these|those|their|its|his|her) (\w+)", joined)
        or re.search(r"\b(which|what) (\w+)", joined)
    )
    opened = tokens.index(first) if first in tokens else -1
    asked_first = tokens[opened + 1 : opened + 2] and tokens[opened + 1] in AUXILIARIES
    before_which = joined[: m.start()].split()[-1:] if m else []
    if m and first in _WH_BUT_WHICH and asked_first and before_which and before_which[0] not in AUXILIARIES:
        # "who is the expert which comments on this?": after another question asked ("who is"), "which"
        # joins a clause (as a learner may write "who"), naming no class of answer ("when russia hit the
        # grid, which areas ...?": "when" joined a clause, and "which" asks)
        m = None
    if m and m.lastindex == 3:
        # "which kinds of manufacturing": manufacturing is the class asked for
        m = re.search(r"\b(which|what) (?:kinds?|types?|sorts?) of (\w+)", joined)
    if (
        m
        and m.group(2) not in AUXILIARIES
        and m.group(2) not in STOPWORDS
        and m.group(2) not in _EMPHASIS  # "what precisely were they doing?" asks no class
        and not _verb_form(m.group(2))
        # "what washington was scared would happen": a country or capital is the subject, no class
        # ("which chinese ministry" asks for a ministry)
        # ("what Israel actually agreed to": the country acting, whatever word comes between)
        and not (countries_in(m.group(2)) and _acts_next(_next_word(joined, m.end(2))))
    ):
        i = len(joined[: m.start(2)].split())
        target = noun_phrase(_after(tokens, i, limit=4))
        head = target[-1] if target else m.group(2)
        after_target = " ".join(tokens[i + len(target) : i + len(target) + 3])
        if re.match(
            r"(did|does|do|(has|have|had) done|((is|are|was|were) )?doing)"
            r"( (about|to|with|on|in|at|after|for|next|then|now)\b|$)",
            after_target,
        ):
            # "a listener asks what Israel's government did about the truce": a question passed on,
            # in a statement's word order; the noun is its subject, no class of answer ("what Macron
            # doing next?": the same, its auxiliary dropped)
            return WHAT, (), ()
        if head in _TIME_CLASS or m.group(2) in _TIME_CLASS:
            return WHEN, (), ()
        # "which senior Hamas figure": a described figure is a person, "what figure" a number
        person_figure = head in _PERSON_CLASS and len(target) > 1
        place_part = head == "part" and _names_a_place(joined[m.end(2) :])
        if head in _QUANTITY_CLASS and not person_figure and not place_part:
            return QUANTITY, (), ()
        if head in _PLACE_CLASS or m.group(2) in _PLACE_CLASS:
            return WHERE, (), target
        if head in _PERSON_CLASS or m.group(2) in _PERSON_CLASS:
            return WHO, (), target
        misspelt = _class_word_misspelt(head)
        if misspelt is not None:
            # "wich regon got blakout?": a class of answer typed with a typo is that class
            return (WHERE if misspelt in _PLACE_CLASS else WHO), (), (*target[:-1], misspelt)
        if re.match(
            r"(has|have|had|needs|need) to do\b|(is|are) (supposed|meant|required|obliged) to\b", after_target
        ):
            return WHAT, (), ()  # "what Israeli army has to do now?": what it must do, no kind of army
        if head in _ACTION_CLASS or head in RESULT_NOUNS:
            return WHAT, (), ()  # "what measures did Beijing take?" asks what it did, not for a list
        return WHAT, (), target
    if tset & {"who", "whom", "whose"} or re.search(
        # ("what are names of five prime ministers ...?": no article, as a learner may write it)
        r"\b(names? of|list) (the|that|this|those|these|all)\b|\bnames of\b",
        joined,
    ):
        return WHO, (), ()
    if "where" in tset:
        return WHERE, (), ()
    if first in AUXILIARIES and _WHEN_CLAUSE.search(joined):
        return YESNO, (), ()  # "were there any injuries when the missiles hit?": "when" joins a clause
    if first == "what" and _WHAT_WHEN_CLAUSE.match(joined) and not tset & (_TIME_CLASS | _COUNTED):
        return WHAT, (), ()  # "what was on the table when Israel met the mediators?": the same
    if (
        "when" in tset
        or re.search(r"\b(what|which) (date|day|time|year|month)\b", joined)
        or "since when" in joined
        or re.search(r"\b(what|any|an|the) eta\b", joined)  # "what's the ETA for power?": when
        # "Day of the meeting?", "date of the approval?": a clipped "on what day was ...?"
        or re.match(r"(the )?(day|date|weekday|month|year) of\b", joined)
    ):
        return WHEN, (), ()
    if first in AUXILIARIES or _OR_NOT.search(joined):
        return YESNO, (), ()  # "macron's pick gonna stick or nah": a yes-or-no question all the same
    return WHAT, (), ()


_WH_BUT_WHICH = _WH_WORDS - {"what", "which"}


# Nouns that name the class of an answer ("which side", "what region"), not a topic.
ANSWER_CLASS_WORDS = _PERSON_CLASS | _PLACE_CLASS | _TIME_CLASS | _QUANTITY_CLASS


@cache
def _class_word_misspelt(word: str) -> str | None:
    """The place or person class word a longer word (not a word the lexicon or the classes know)
    is one edit from, as a question word's typo is (``_one_edit``): "regon", "regoin", "contry"."""
    if len(word) < 5 or word in _TYPO_CLASSES or word in lexicon().known_words or is_verb(word):
        return None  # (a class word as typed is read as it is, whatever it answers)
    return _one_edit_from(word, _TYPO_CLASSES)


@cache
def _mistyped_country(word: str) -> bool:
    """Whether a (folded) word is one edit from a country's one-word name or adjective ("chnia")."""
    return _one_edit_from(word, sorted(country_words())) is not None


def _one_edit_from(word: str, candidates: Iterable[str]) -> str | None:
    """The first of the candidates within one edit of the word (``_one_edit``), if any."""
    return next((w for w in candidates if abs(len(w) - len(word)) <= 1 and _one_edit(word, w)), None)


# (in order: the same choice every run when a typo is one edit from two of them)
_TYPO_CLASSES = tuple(sorted(w for w in _PLACE_CLASS | _PERSON_CLASS if len(w) >= 5))
