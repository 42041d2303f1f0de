"""Answering questions: pick the story, then the sentence that answers what was asked, or say plainly
that the story doesn't say it.

A question is read first (``question.read_question``): the kind of answer it wants (who, where, when,
how many, why, did X...?) and its topic words. The story comes from the index; a country the
question names and the story never mentions is evidence against it. Within the story, sentences are
ranked by the topic words they share with the question (stems, concept groups, typos) and must also
hold the kind of thing asked (a name the question doesn't already give, a place, a point in time, a
quantity of the right unit, a reason). When none does, the answer begins "The story doesn't say ..."
and goes on with the closest thing it does say.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise

from rapidfuzz import fuzz, process

from bot.core.evidence import mentions_country
from bot.core.geography import (
    all_countries,
    countries_acting_in,
    countries_in,
    countries_placed_in,
    country_of_word,
    forms_of,
    is_place_name,
)
from bot.core.index import (
    MIN_COGNATE_STEM,
    MIN_NAME_COGNATE,
    SYNONYM_SIMILARITY,
    Match,
    QueryTerm,
    StoryIndex,
)
from bot.core.lexicon import CONCEPT_PREFIX, fold, lexicon
from bot.core.memo import memoised
from bot.core.memory import ConversationMemory, Turn
from bot.core.models import Story
from bot.core.phrasing import doesnt_say, long_date, when_note
from bot.core.provenance import (
    RecordQuestion,
    answer_from_sources,
    credits_named_in,
    publisher_credit,
    record_question,
)
from bot.core.question import (
    ANSWER_CLASS_WORDS,
    ANY_ONE,
    AUXILIARIES,
    DURATION,
    LATEST,
    MODALS,
    PARTICLES,
    QUANTITY,
    SAYS_ABOUT,
    SOURCE,
    WATERS,
    WHAT,
    WHEN,
    WHERE,
    WHO,
    WHY,
    YESNO,
    Question,
    capitalised_in,
    g_restored,
    noun_phrase,
    read_question,
    terms_asked,
    warm_up_inflections,
)
from bot.core.sentences import (
    AGENT_NOUNS,
    COUNTRY_PREFIX,
    PERCENT,
    TITLE_WORDS,
    Sentence,
    sentence_countries,
    stems_folded,
    story_sentences,
    story_word_stems,
)
from bot.core.story_words import FIELD_WEIGHTS
from bot.core.text import (
    ANAPHORA,
    GENERIC_WORDS,
    RESULT_NOUNS,
    STOPWORDS,
    STRONG_ANAPHORA,
    WORD,
    is_date_word,
    is_month,
    is_number_word,
    is_weekday,
    month_number,
    stem,
    truncate,
    words,
    year_of,
)
from bot.core.verbs import (
    BASE_VERBS,
    PAST_PARTICIPLES,
    PAST_TENSE,
    is_past_verb,
    is_verb,
    past_forms,
    progressive_base,
)

MAX_ANSWER_CHARS = 400
ACCEPT_COVERAGE = 0.5  # share of the question a story must explain to be the answer
SUGGEST_COVERAGE = 0.2  # ... and to be offered as "did you mean"
MAX_SUGGESTIONS = 3
# A story already under discussion keeps the conversation unless another explains clearly more.
SWITCH_MARGIN = 0.15
LATEST_TOPIC_MARGIN = 1.2  # a later sentence of the newest update answers only if clearly closer
LATEST_ANSWER_CHARS = 330  # "what's new?": the newest update's lead, and what follows while it fits
# A long, rambling question explains itself less: enough strong evidence is accepted at this coverage.
LONG_QUESTION_WORDS = 8
LONG_ACCEPT_COVERAGE = 0.25
LONG_MIN_EVIDENCE = 3
# A question that names the story's own people, places or key terms in two or more words may carry
# words the story lacks ("how many were injured?") and still be about it.
NAMED_ACCEPT_COVERAGE = 0.45
NAMED_MIN_EVIDENCE = 2
KEY_TERMS_ACCEPT_COVERAGE = 0.3
MIN_UNKNOWN_SUBJECT = 5  # letters of a word no story has that makes a one-word match doubtful
ANCHOR_ACCEPT_COVERAGE = 0.3
# "is Macron going to call early elections?", "which parties block Macron?": a question about the
# story's own person is about the story, even when it doesn't say; a bare phrase ("Macron's
# favourite cheese") is only a suggestion.
QUESTION_ANCHOR_ACCEPT_COVERAGE = 0.2
# Common nouns that are part of many names ("Hamad Tower", "Gaza Strip", "Great Hall").
_COMMON_NAME_WORDS = frozenset(
    """
    tower towers strip hall square street road river city town region oblast province bank gate bridge
    palace house building centre center port airport island islands sea gulf lake mountain mountains
    valley district county state states administration group ministry council office people great
    north south east west northern southern eastern western central upper lower new old saint
    """.split()
)
MAX_UNKNOWN_ABOUT_ACTOR = 4  # words of its own a follow-up about a country in the story may use
FOLLOWUP_ACCEPT_COVERAGE = 0.25  # ... and, in a conversation, of its own story
NAMING_SHARE = 0.5  # a story naming who the question asks of beats one matching twice as well without
MAX_ASIDE_WORDS = 3  # topic words of a short question a conversation keeps on its story
MAX_POINTED_ASIDE_WORDS = 8  # ... and of one pointing back at the story's own thing ("that perimeter")
# words that point at what was just said: "that figure", "pull back to where, then?"
# ("it" and "there" are often no reference: "is it sunny in Doha?", "is there a truce in Lebanon?")
ASIDE_POINTERS = frozenset("that those these he him his she her they them their then".split())
TYPO_NAMED = 0.75  # a typo this close to a story word names it ("ukrane" names Ukraine)
TIE_MARGIN = 1e-6  # coverages this close are a tie between stories
FOREIGN_WORD_WEIGHT = 0.3  # a word of another language no story holds ("zugestimmt") counts this much
SUBJECT_ANCHOR_ACCEPT_COVERAGE = 0.1  # ... and as the subject of a yes-or-no question ("does Macron ...?")
MANY_KEY_TERMS = 3
TYPO_SIMILARITY = 0.55  # a fuzzy match this close stands for the story's word
MANY_KEY_TERMS_ACCEPT_COVERAGE = 0.2
SUBJECT_MISSING = 0.6  # a sentence lacking a name the question gives counts this much
OTHER_GOVERNMENT = 0.3  # ... and one naming only another country's government than the one asked of
# ... and one lacking the subject of a yes-or-no question ("were there *rescue efforts* ...?")
YES_NO_SUBJECT_MISSING = 0.4
# "Did X take part?": an update's negated sentence this close to a restating key fact answers instead
YES_NO_UPDATE_SHARE = 0.65
RESTATED_SHARE = 0.7  # a key fact with this much of a sentence's words retells it
EVENT_ONLY_AS_TIME = 0.5  # a sentence that names the event asked about only as the time it follows
YES_NO_VERB_MISSING = 0.6  # ... or without its verb (in the story's words or concepts)
# A second word standing for the same story words as another: just under a topical word's weight (1.0),
# so it is no second piece of evidence (the index counts only topical words as evidence)
SAME_MEANING_WEIGHT = 0.99
OBLIGATION_MISSING = 0.5  # "do they have to ...?": a sentence stating no term of a deal
OLDER_STATE = 0.4  # "is there a ceasefire?": a sentence of an older update than the newest to have one
PASSIVE_WITHIN = 5  # "were many people hurt ...": the passive verb asked about, however long the rest
SHORT_QUESTION_WORDS = 6  # ... in a short question (a long one names much it doesn't ask about)
CONCEPT_CREDIT = 0.8  # a concept-mate counts this much of the word itself
_RECENCY_WORDS = frozenset(
    "latest newest new news recent recently update updates development developments now current "
    "currently stand stands status today lately".split()
)
# A "what's going on?" naming a matter an older update tells this many times better asks about it
OLDER_NEWS_MARGIN = 2.0
CONTEXT_CREDIT = 0.5  # a word known only from a sentence's predecessor or headline
PREAMBLE_CREDIT = 0.5  # a word said only before the question proper of a rambling message
CAPTION_SHARE = 0.1  # a sentence about the story's photo, for a question that isn't about it
_PICTURE_STEMS = frozenset(
    {"photo", "photograph", "illustr", "pictur", "caption", "pic", "imag", "snap", "len", "camera"}
)
FOLLOWUP_TOPIC_CREDIT = 0.3  # the previous question's topic words, in a follow-up
ELLIPSIS_PREDICATE_CREDIT = 0.8  # ... its predicate, in "and Hamas?"
# A sentence must share this much of the best sentence's topical score to be an answer.
RELEVANT_SHARE = 0.35
# Prepositions the stopword list leaves in: "the meeting without Hamas" asks about the meeting.
_PREPOSITIONS = frozenset("without behind beyond despite inside outside since".split())
_CAUSE_WORDS = frozenset("cause caused causing lead led result resulted trigger triggered".split())
# ("is there going to be a snap election?": the election)
_NEAR_NAME_LENGTH = 5  # a misspelt name word this long is still recognisably the story's
_SAYS_OR_DOES = re.compile(
    r"\b(?:say|said|says|saying|answer|answered|answers|respond|responded|response|react|reacted|"
    r"reaction|reply|replied|think|thinks|thought|done|doing|do about|do in)\b",
    re.IGNORECASE,
)
_WILL_DO = re.compile(
    r"\b(?:will|wont|going to|about to|plans? to|planning to|intends? to|set to) (?!be\b)\w+"
)
_THERE_ANY = re.compile(
    r"(is|are|was|were) there (?:(?:going to|gonna|about to|likely to|set to|due to) be )?"
    # ("is there finally a ceasefire?": the adverb is no thing asked about)
    r"(?:(?:finally|still|already|now|ever|even|yet) )?(any |a |an |many )?"
    r"(?:(?:snap|early|fresh|new|big|major|real) )?(\w+)"
)
_STATE_NOW = re.compile(
    # ("is the gaza war thing finally over", "is the war in gaza over": the thing's words, and a place)
    r"\b(?:is|are) (?:the |their |its |this |that )?((?:\w+ ){0,2}?\w+) (?:(?:in|of) \w+ )?"
    r"(?:(?:actually|finally|really|now|already|still|properly) )*"
    r"(done|over|finished|ended|sorted|settled|in place|in effect|in force|holding|on|a done deal)\b"
    # (the state ends its clause: "is China holding the lion's share?" holds something)
    r"(?=\s*(?:$|[,?.!]|(?:now|yet|up|or|and|at last|then)\b))"
)
_AT_LAST = frozenset({"finally", "yet"})
_IN_THE_END = frozenset("finally eventually ultimately".split())
_WAR_WORDS = frozenset("war fighting conflict hostilities bombing".split())
_ENDED = frozenset("done over finished ended".split())
_NO_OBLIGATION = re.compile(r"\bto do with\b|\bmust (?:be|have been|have)\b")
_ANY_SUBJECT = re.compile(r"(is|are|was|were|has|have) any (\w+)")
# Words of a span of time and of a run of events: what a duration question measures, not its topic.
# One holder of an office among several: "how long did the last PM last?"
# "..., was it over the budget?", "... or was it because of the border?": a reason offered
_REASON_OFFERED = re.compile(
    r"\b(?:was it|is it|was that|is that|or was it|or is it)\s+(?:all\s+)?"
    r"(?:over|because of|about|due to|down to|cos of|coz of|cause of|cuz of|from|for)\s+"
    r"(?:the|a|an|their|his|her|its|some)?\s*([^?.!]{3,40}?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_ONE_HOLDER = re.compile(
    r"\b(?:the|his|their|its|\w+['’]s)\s+(?:last|latest|previous|most recent|outgoing|former|"
    r"shortest[- ]lived|longest[- ]serving)\s+(?:\w+\s+)?(?:pm|prime minister|premier|one|government|"
    r"head of government)\b",
    re.IGNORECASE,
)
_HOLDER_WORDS = frozenset("latest previous outgoing former predecessor".split())
# Words saying something is due: "when is he meant to name one?" asks when it is due
_DUE_WORDS = frozenset("meant supposed scheduled slated expected due".split())
# Words placing a count or a time against now ("how many have fallen already / earlier?"): no thing
# the story must hold
_SO_FAR_WORDS = frozenset("already earlier previously lately recently altogether overall past".split())
_SPAN_WORDS = frozenset(
    "last lasted lasting extend extended extends span spanned spans stretch stretched continue "
    "continued succession series string spell streak run period duration grind grinding drag dragging "
    "dragged rumble rumbling simmer simmering".split()
)
_IRREGULAR_PARTICIPLES = frozenset(
    "hit hurt struck shot taken given chosen left lost held brought sent".split()
)
# Passive verbs that only say their noun happened ("were rescue operations conducted?")
_LIGHT_PARTICIPLES = frozenset(
    "conducted carried performed undertaken mounted staged organised organized held done made given "
    "taken".split()
)
_CONFIRMING_WORDS = frozenset(
    "true accurate correct right state stated confirm confirmed really fact".split()
)
_SAYS_ONLY_IT_HAPPENED = _LIGHT_PARTICIPLES | frozenset(
    "doing find finds found finding make makes making take takes took taking went gone come came comes "
    "coming give gives gave giving exacted".split()
)
# Words of a sentence saying something hasn't happened yet.
_PENDING = frozenset("still yet weighing considering mulling pending awaiting undecided".split())
# Kinds of question whose answer is no new subject: a place, a time, a number
_PLACE_TIME_NUMBER = frozenset({WHERE, WHEN, DURATION, QUANTITY})
_ABOUT_LAST_ANSWER = frozenset({WHO, WHERE, WHEN, DURATION, QUANTITY})
_SUBNATIONAL = frozenset(
    "region regions oblast oblasts province provinces area areas district districts city cities town towns "
    "village villages".split()
)
TERMS_FOLLOW_SHARE = 1.5  # a sentence this much closer to the question than any term names the deal
# "Hamas has 72 hours to return the hostages", "within 24 hours": a deadline the terms set
_DEADLINE = re.compile(r"\b(?:has|have|had|get|gets|given|within)\s+(?:\d+|\w+)\s+(?:hours?|days?|weeks?)\b")
_SPECIFIC_KINDS = frozenset({WHO, SOURCE, WHERE, WHEN, DURATION, QUANTITY, WHY})
# A year next to one a story tells of is its run-up or aftermath ("talks in late 2023?"); further off,
# another time's events ("the 2014 Gaza war").
_YEARS_AROUND_A_STORY = 1
# "where did it hit worst?": the hardest-hit part of a place asked for
_WORST_HIT = frozenset("worst hardest worse harder".split())


@dataclass(frozen=True)
class Answer:
    """What the bot says about a question; renderers turn it into text or an embed."""

    question: str
    story: Story | None
    score: float  # how well the story matches the question, 0..1
    text: str | None
    date: dt.date | None
    suggestions: tuple[Story, ...] = ()
    followup: bool = False  # answered from the conversation's story rather than the words alone
    direct: bool = True  # a sentence answers the question; False: the story doesn't say


@dataclass(frozen=True)
class _Pick:
    text: str
    date: dt.date | None
    direct: bool
    sentence: Sentence | None


def _shortest_cognate(word: str, read: Question) -> int:
    """A name declined in its language is its story's name less a letter ("w Strefie Gazy": Gaza),
    short as it is; a common word that short shares its opening with too many."""
    return MIN_NAME_COGNATE if word in read.foreign_names else MIN_COGNATE_STEM


class Answerer:
    """Matches questions to stories, with conversation memory for follow-ups."""

    def __init__(
        self, index: StoryIndex, memory: ConversationMemory | None = None, warm: bool = True
    ) -> None:
        """``warm=False`` leaves the warm-up (``warm_up`` and a few questions) to the first question:
        for an answerer no question will reach (the empty catalog a library starts from)."""
        self.index = index
        self.memory = memory if memory is not None else ConversationMemory()
        self._sentences = memoised(self._sentences_uncached, 2048)
        # Read the vocabulary data and compile the question patterns now, not during the first
        # question (a first question would otherwise pay ~10 ms for them).
        if warm:
            warm_up()
        self._names = memoised(self._name_stems_uncached, 4096)
        self._entity_stems = memoised(self._entity_stems_uncached, 4096)
        self._story_stems = memoised(self._story_stems_uncached, 256)
        self._told_stems = memoised(self._told_stems_uncached, 256)
        self._running_text = memoised(self._running_text_uncached, 256)
        self._captions = memoised(self._captions_uncached, 2048)
        self._anchors = memoised(self._anchors_uncached, 4096)
        self._proper_names = memoised(self._proper_names_uncached, 4096)
        self._key_terms = memoised(self._key_terms_uncached, 4096)
        self._actors = memoised(self._actors_uncached, 1024)
        self._home_countries = memoised(self._home_countries_uncached, 4096)
        self._bodies = memoised(self._bodies_uncached, 4096)
        self._years = memoised(self._years_uncached, 4096)
        self._home_country_stems = memoised(self._home_country_stems_uncached, 4096)
        self._name_only_stems = memoised(self._name_only_stems_uncached, 4096)
        self._name_place_stems = memoised(self._name_place_stems_uncached, 4096)
        self._countries_acting = memoised(self._countries_acting_uncached, 4096)
        # asked of every candidate story of a question naming one ("Starmer's lot"): once per word
        self._unknown_name = memoised(self._unknown_name_uncached, 1024)
        # ... and run the index's paths once (ranking, typo matching), so the first person to ask
        # doesn't pay for their first use either. Asked with no conversation: nothing is remembered.
        for question in _WARM_UP_QUESTIONS[:3] if warm else ():
            self.ask(question)

    # --- choosing the story ----------------------------------------------------------------------

    def ask(self, question: str, conversation: Hashable | None = None) -> Answer:
        """Answer one question; with a conversation key, follow-ups use the story discussed."""
        question = question if isinstance(question, str) else str(question)
        read = read_question(question)
        terms = self._terms(read, read.search_text)
        ranked = self.index.rank(terms, limit=MAX_SUGGESTIONS + 3)
        # Only the best story, and others close enough to be offered, need the (per story, first
        # time costly) check for countries they never mention.
        best = next((m for m in ranked if not self._foreign(read, m.story)), None)
        accepted = best is not None and self._acceptable(best, read, terms)
        # "has Washington hit back at China yet?": China's story, though Washington is in another
        answered = next((m for m in ranked if self._answered_back(m.story, read)), None)
        if answered is not None:
            best, accepted = answered, True
            # ... and what is asked is that country's answer, which only a sentence of its own gives
            read = replace(read, reaction=True)
        elif best is not None and not accepted:
            # Two stories explain the question equally ("politics" is in both): the one it names wins.
            tied = [m for m in ranked if m is not best and m.coverage >= best.coverage - TIE_MARGIN]
            named = next(
                (m for m in tied if not self._foreign(read, m.story) and self._acceptable(m, read, terms)),
                None,
            )
            if named is not None:
                best, accepted = named, True
        if best is not None and accepted and answered is None:
            # "what share of customers in Ternopil lost their supply?": Ukraine's story, which names
            # Ternopil, over China's, which shares "share" and "supply" but names no one asked of
            best = self._naming_more(best, ranked, read, terms)
        loose = not accepted or (best is not None and best.coverage < ACCEPT_COVERAGE)
        if loose and read.proper and len(read.proper) < len(set(read.tokens)):
            # A long message whose opening rambles ("I've been farming sixty years and never paid the
            # French much mind ... how many prime ministers have they got through?"): its question
            # proper alone may name its story clearly where the whole message dilutes it.
            asked_terms = self._terms(read, " ".join(t for t in read.search if t in read.proper))
            proper_match = next(
                (
                    m
                    for m in self.index.rank(asked_terms, limit=3)
                    if not self._foreign(read, m.story, proper_only=True)
                    and self._acceptable(m, read, asked_terms)
                ),
                None,
            )
            # ... and where the whole message was taken loosely by another story on its chatter
            # ("the odd row over lamb prices" is no Gaza), the question proper decides, if it says
            # more than one word of its story ("... any killed?" alone is no reason to leave Ukraine).
            if proper_match is not None and (
                not accepted
                or (
                    best is not None
                    and proper_match.coverage > best.coverage
                    and (proper_match.evidence >= 2 or proper_match.story is best.story)
                )
            ):
                best, accepted = proper_match, True
        current = self._current_story(conversation)
        turn = self.memory.last_turn(conversation) if conversation is not None else None
        if current is not None and self._foreign(read, current):
            current = None  # "and Indonesia's nickel ban?" is not about China's curbs

        chosen: Story | None = None
        score = 0.0
        followup = False
        if best is not None and accepted:
            chosen, score = best.story, best.coverage
            # ("who is running gaza these days?" after France: the other story's own name, typed in
            # lower case, moves the conversation to it)
            if (
                current is not None
                and current is not best.story
                and not read.switches
                and not self._names_title_of(best.story, current, terms)
            ):
                kept = self.index.coverage_of(current, terms)
                if (
                    kept >= best.coverage - SWITCH_MARGIN
                    or self._stays_on(current, best, read, terms)
                    or self._proper_stays_on(current, best.story, read)
                    # "any formal response to these measures?": what it points at is the current story's
                    or (self._points_back_at(read, current) and not self._points_back_at(read, best.story))
                    or self._answers_back_here(current, read)
                ):
                    chosen, score, followup = current, max(kept, ACCEPT_COVERAGE), True
        elif current is not None and (
            self._is_followup(read, terms, current)
            # In a conversation, a question that the story under discussion explains best, if only in
            # part ("which analyst is quoted on the forthcoming appointment?"), stays on it.
            or (
                best is not None
                and best.story is current
                and best.coverage >= FOLLOWUP_ACCEPT_COVERAGE
                and best.evidence >= 2  # "who won the world cup?" shares one loose word with it
                and not self._only_places(current, terms)
            )
            or self._unclaimed_aside(read, terms, current, ranked)
        ):
            chosen, followup = current, True
            score = max(self.index.coverage_of(current, terms), ACCEPT_COVERAGE)

        if chosen is None:
            # Suggest only stories that matched on more than incidental body words, and none the
            # question names another country or body against ("who won the NBA finals?" is no
            # France, "finals" matching its "finally")
            suggestions = tuple(
                m.story
                for m in ranked
                if m.coverage >= SUGGEST_COVERAGE
                and m.best_field >= FIELD_WEIGHTS["summary"]
                and not (
                    self._foreign(read, m.story)
                    and read.countries.isdisjoint(self._home_countries(m.story.id))
                )
            )[:MAX_SUGGESTIONS]
            # Below the bar, the reported confidence stays below the bar too.
            confidence = (
                min(best.coverage, ACCEPT_COVERAGE - 0.01) * (1.0 if best.is_strong else 0.5) if best else 0.0
            )
            return Answer(question, None, round(confidence, 3), None, None, suggestions)

        previous = turn if followup or (current is not None and chosen is current) else None
        pick = self._pick(chosen, read, terms, previous)
        if conversation is not None:
            self.memory.remember(conversation, chosen.id, self._turn(chosen, read, terms, pick, previous))
        others = tuple(
            m.story
            for m in ranked
            if m.story is not chosen and m.coverage >= ACCEPT_COVERAGE and not self._foreign(read, m.story)
        )
        return Answer(
            question,
            chosen,
            round(score, 3),
            pick.text,
            pick.date,
            others[:MAX_SUGGESTIONS],
            followup,
            pick.direct,
        )

    def _terms(self, read: Question, searched: str) -> list[QueryTerm]:
        terms = _one_per_meaning([self._country_in_english(term) for term in self.index.analyse(searched)])
        if read.language is None:
            return terms
        # A message in another language has words no English story can hold ("zugestimmt",
        # "Regierungskrise"): they count for little, so the words the stories share decide. Countries
        # still count in full: "Italien" is another country's news.
        out = []
        for term in terms:
            word = fold(term.word)
            if term.candidates or countries_in(term.word) or word not in read.foreign_words:
                out.append(term)  # ("help me with my calculus? la derivada de x": the English stays)
            elif cognates := self.index.cognates(word, _shortest_cognate(word, read)):
                out.append(replace(term, candidates=cognates))  # "minéraux": minerals
            elif word in read.foreign_common:
                out.append(replace(term, weight=FOREIGN_WORD_WEIGHT))
            else:
                out.append(term)  # "Mindanao" is a name in any language
        return out

    def _country_in_english(self, term: QueryTerm) -> QueryTerm:
        """A country named as another language names it ("Ufaransa", "Rosja"), which no story
        holds, stands for the story words of its English name."""
        if term.candidates or " " in term.word:
            return term
        countries = countries_in(term.word)
        if len(countries) != 1:
            return term
        english = self.index.analyse(next(iter(countries)))
        return replace(term, candidates=english[0].candidates) if len(english) == 1 else term

    def _acceptable(self, match: Match, read: Question, terms: Sequence[QueryTerm]) -> bool:
        if self._only_places(match.story, terms) or self._only_inside_names(match.story, terms):
            return False
        if self._another_bearer(match.story, read):
            return False
        if self._other_actor(match.story, read):
            return False
        # A phrase of the story's own, word for word ("is military technology affected?"), is two
        # words of evidence, though the index counts it as one term.
        strong = match.is_strong or (match.evidence >= 1 and self._says_phrase(match.story.id, terms))
        if match.coverage >= ACCEPT_COVERAGE and strong and not self._unknown_subject(match, terms):
            return True
        own_terms = self._key_terms(match.story.id)
        if self._names_another_one(match.story.id, read, terms, own_terms):
            return False
        if (
            match.coverage >= NAMED_ACCEPT_COVERAGE
            and match.evidence >= NAMED_MIN_EVIDENCE
            and match.best_field >= FIELD_WEIGHTS["keyword"]
        ):
            return True
        # A question that uses two of the story's own key terms ("Macron", "premier", "rare earth")
        # is about it even when the rest of its words are not in the story ("what's forcing Macron
        # back to the drawing board on his premier?"). Country names don't count: "the French Open".
        key_terms = sum(self._key_term_count(t, own_terms) for t in terms if t.weight >= 1.0)
        # The story's own country counts as one ("is the French premier's party ...?"), though alone
        # it is not enough ("who won the French Open?").
        home_stems = self._home_country_stems(match.story.id)
        home = (
            1
            if read.countries & self._home_countries(match.story.id)
            or any(k in home_stems for t in terms if t.weight >= 1.0 for k, _ in t.candidates[:1])
            else 0
        )
        if match.coverage >= KEY_TERMS_ACCEPT_COVERAGE and key_terms >= 1 and key_terms + home >= 2:
            return True
        if (
            match.coverage >= MANY_KEY_TERMS_ACCEPT_COVERAGE
            and key_terms >= 2
            and key_terms + home >= MANY_KEY_TERMS
        ):
            return True  # a rambling message that uses three of the story's own terms is about it
        if (
            read.kind == QUANTITY
            and match.coverage >= ACCEPT_COVERAGE
            and any(stem(fold(w)) in own_terms for w in read.unit)
        ):
            return True  # "how many hostages are still alive?": what is counted is the story's own
        # One of the story's own names ("Macron", "Ternopil") names the story, whatever else is asked.
        anchors = self._proper_names(match.story.id)
        anchor_bar = QUESTION_ANCHOR_ACCEPT_COVERAGE if read.is_question else ANCHOR_ACCEPT_COVERAGE
        if match.coverage >= anchor_bar and any(
            k in anchors for t in terms if t.weight >= 1.0 for k, sim in t.candidates[:1] if sim >= 0.95
        ):
            return True
        # "Does Macron plan to dissolve parliament?", "what party does Mr Macron belong to?": the
        # story's own name as the subject of the question makes it about the story, whatever it asks
        # (the answer may be that it doesn't say).
        if match.coverage >= SUBJECT_ANCHOR_ACCEPT_COVERAGE and any(
            stem(fold(subject)) in anchors for subject in _auxiliary_subjects(read.tokens)
        ):
            return True
        # A long question carries chatter; strong evidence in it is enough.
        return (
            len(read.topic) >= LONG_QUESTION_WORDS
            and match.coverage >= LONG_ACCEPT_COVERAGE
            and match.evidence >= LONG_MIN_EVIDENCE
            and match.best_field >= FIELD_WEIGHTS["entity"]
        )

    def _answered_back(self, story: Story, read: Question) -> bool:
        """ "Has Washington hit back at China yet?", "america answer china back?": another country's
        answer to the country the story shows acting (restricting, attacking) is a question about the
        story, whatever else it names; the answer may be that the story doesn't say."""
        if not read.answered_at:
            return False
        aimed = read.answered_at & frozenset().union(*self._actors(story.id).values())
        return bool(aimed) and bool(read.countries - aimed)

    def _answers_back_here(self, current: Story, read: Question) -> bool:
        """ "Is America going to hit back?" after China's curbs: another country's answer to the
        country acting in the story under discussion, though it names neither that country nor what
        it did."""
        # (a phrase's concept among the words' own: "hit back")
        hitting_back = read.reaction or _RETALIATION in lexicon().tag(list(read.tokens))
        if not hitting_back or read.answered_at or not read.countries or self._foreign(read, current):
            return False
        acting = frozenset().union(*self._actors(current.id).values())
        return bool(acting) and read.countries.isdisjoint(acting)

    def _other_actor(self, story: Story, read: Question) -> bool:
        """ "US restrictions on chip sales to China" are not China's restrictions: the question names
        a country doing what the story tells another country doing (restricting, attacking)."""
        acting = _acting_countries(read.text, self._home_countries(story.id))
        if not acting:
            return False
        actors = self._actors(story.id)
        return any(tag in actors and not countries & actors[tag] for tag, countries in acting.items())

    def _actors_uncached(self, story_id: str) -> dict[str, frozenset[str]]:
        """For each action the story tells (restricting, attacking), the countries that open the
        sentences telling it, as their subject ("China has put in place sweeping new restrictions")."""
        found: dict[str, set[str]] = {}
        for sentence in self._sentences(story_id):
            if sentence.subject_country is not None:
                for tag in sentence.stems & _ACTION_TAGS:
                    found.setdefault(tag, set()).add(sentence.subject_country)
        return {tag: frozenset(countries) for tag, countries in found.items()}

    @staticmethod
    def _key_term_count(term: QueryTerm, own_terms: Collection[str]) -> int:
        """How many of a story's own key terms a question term uses: a phrase made of two of them
        ("rare earths", "prime minister") is two, as its words typed apart would be."""
        if not any(k in own_terms for k, _ in term.candidates[:2]):
            return 0
        if " " not in term.word:
            return 1
        exact = sum(1 for k, sim in term.candidates[:2] if sim >= 0.95 and k in own_terms)
        return max(1, exact)

    def _another_bearer(self, story: Story, read: Question) -> bool:
        """ "Is Brigitte Macron still suing that podcaster?": another first name before the surname of
        someone the story names is someone else, whom the story never mentions."""
        tokens = read.tokens
        for person in story.entities.people:
            *first, last = (fold(w.casefold()) for w in person.split())
            if not first:
                continue
            for before, word in pairwise(tokens):
                if (
                    fold(word) == last
                    and fold(before) not in first
                    and len(before) >= MIN_UNKNOWN_SUBJECT
                    and before.isalpha()
                    and before not in STOPWORDS
                    and before not in GENERIC_WORDS
                    and before not in TITLE_WORDS
                    and before not in _FORMS_OF_ADDRESS
                    and not before.endswith(("ly", "ing", "ed"))
                    # (as a name is written: "Brigitte Macron"; "wha party Macron ...?" is no name)
                    and capitalised_in(before, read.text)
                    and before not in lexicon().known_words
                    and before not in lexicon().filler
                    and not countries_in(before)
                    and not lexicon().tag([before])
                    and self.index.coverage_of(story, self.index.analyse(before)) == 0
                ):
                    return True
        return False

    def _names_another_one(
        self, story_id: str, read: Question, terms: Sequence[QueryTerm], own_terms: Collection[str]
    ) -> bool:
        """ "The Zaporizhzhia nuclear power plant", "the Kursk plant": a name no story knows, just
        before one of the story's own things, says which one is meant, and it is not the story's."""
        if read.language is not None:
            return False  # (German capitalises every noun)
        tokens = read.tokens
        for term in terms:
            word = term.word
            if (
                term.candidates
                or " " in word
                or not word.isalpha()
                or len(word) < MIN_UNKNOWN_SUBJECT
                or word not in tokens
                or countries_in(word)
                or not capitalised_in(word, read.text)
                or self._near_story_word(story_id, word)
            ):
                continue
            if any(fold(word).startswith(k) for k in own_terms if len(k) >= MIN_UNKNOWN_SUBJECT):
                continue  # "Beijing's Exportkontrollen": a compound of the story's own word
            # (the words right after it, with no punctuation between: not "'Rocks in My Phone' (great")
            after = re.search(rf"\b{re.escape(word)}((?:\s+[\w'-]+){{1,2}})", read.text, re.IGNORECASE)
            if after is not None and any(stem(fold(t)) in own_terms for t in words(after.group(1))):
                return True
        return False

    def _unknown_subject(self, match: Match, terms: Sequence[QueryTerm]) -> bool:
        """ "What's bitcoin trading at?": one common word matched ("trade") beside a word no story
        has at all is a question about that unknown thing, unless a name of the story carries it."""
        if match.evidence >= 2:
            return False
        unknown = [t for t in terms if t.weight >= 1.0 and not t.candidates and t.word.isalpha()]
        if not unknown or any(len(t.word) < MIN_UNKNOWN_SUBJECT for t in unknown):
            return False
        if any(self._near_story_word(match.story.id, t.word) for t in unknown):
            return False  # "rare earht exports": a typo of the story's word, not another subject
        anchors = self._proper_names(match.story.id)
        return not any(k in anchors for t in terms for k, sim in t.candidates[:1] if sim >= 0.95)

    def _proper_stays_on(self, current: Story, other: Story, read: Question) -> bool:
        """ "And who's the source on the blackout? I always want to know who's talking.": in a message
        of several sentences, the question proper decides whether the conversation's story still
        explains it best; the chatter around it ("talking") does not move it to another story."""
        if not read.proper or len(read.proper) >= len(set(read.tokens)):
            return False
        asked = self._terms(read, " ".join(t for t in read.search if t in read.proper))
        kept = self.index.coverage_of(current, asked)
        return kept > 0 and kept >= self.index.coverage_of(other, asked)

    def _stays_on(self, current: Story, best: Match, read: Question, terms: Sequence[QueryTerm]) -> bool:
        """Whether a short follow-up that matches another story only through loose words ("how many
        people were killed?" after a question about the Ukraine strikes) still asks about the story
        under discussion: it names nothing of the other story's own (its title, keywords, names)."""
        # "has Washington reacted?": a country the story under discussion names, asked how it reacted
        reacting = read.reaction and not self._foreign(read, current)
        if (read.countries and not reacting) or len(read.topic) > SHORT_QUESTION_WORDS:
            return False
        key_terms = self._key_terms(best.story.id)
        own = [
            t
            for t in terms
            if t.weight >= 1.0 and any(k in key_terms for k, sim in t.candidates if sim >= 0.95)
        ]
        # "how many did they fire?": "they" are whoever the conversation is about; one shared word
        # ("fire" of "cease-fire") doesn't move a short question to another story.
        pointing = bool(set(read.tokens) & STRONG_ANAPHORA) and len(read.topic) <= 3
        if len(own) > (1 if pointing else 0):
            return False
        # "was anyone killed?": two words of its own at most, nothing that names the other story.
        return len(read.topic) <= 2 or self._is_followup(read, terms, current)

    def _only_inside_names(self, story: Story, terms: Sequence[QueryTerm]) -> bool:
        """Whether the one word a question shares with the story is part of one of its organisations'
        names: "the weather in New York" is not about a story quoting the New York Times."""
        # Cheap first, from the story's entities alone: most stories have no place inside a name, and
        # most questions name none (the story's sentences are read only when one does).
        inside = self._name_place_stems(story.id)
        if not any(t.candidates and t.candidates[0][0] in inside for t in terms):
            return False
        name_only = self._name_only_stems(story.id)
        if not any(t.candidates and t.candidates[0][0] in name_only for t in terms):
            return False
        asked = {w for t in terms for w in t.word.split()}
        if any(set(fold(w) for w in words(name)) <= asked for name in story.entities.organisations):
            return False  # "what did the New York Times report?" names the whole organisation
        known = [t for t in terms if t.weight >= 1.0 and self.index.coverage_of(story, [t]) > 0]
        return len(known) == 1 and known[0].candidates[0][0] in name_only

    def _name_place_stems_uncached(self, story_id: str) -> frozenset[str]:
        """Stems of places inside the story's organisations' names ("new", "york" of the New York
        Times), wherever else the story has them."""
        story = self.index.get(story_id)
        if story is None:
            return frozenset()
        return frozenset(stem(w) for name in story.entities.organisations for w in _places_inside(name))

    def _countries_acting_uncached(self, story_id: str) -> frozenset[str]:
        """The countries the story has doing, saying or wanting something (its governments and
        capitals included), not only as the place where something happened."""
        lex = lexicon()
        return frozenset().union(
            *(countries_acting_in(s.text) | lex.governments_in(s.text) for s in self._sentences(story_id))
        )

    def _name_only_stems_uncached(self, story_id: str) -> frozenset[str]:
        """Stems of places the story names only inside its organisations' names ("york" of "New York
        Times")."""
        story = self.index.get(story_id)
        if story is None or not story.entities.organisations:
            return frozenset()
        names = sorted(story.entities.organisations, key=len, reverse=True)
        inside_names = re.compile("|".join(re.escape(name) for name in names), re.IGNORECASE)
        texts = [story.title, story.summary, *story.aliases, *story.keywords]
        texts += [*story.entities.people, *story.entities.places]
        # (the prose as written: the same words as its sentences, without annotating them)
        texts += [update.text for update in story.updates] + [fact.text for fact in story.facts]
        outside = {stem(fold(w)) for text in texts for w in words(inside_names.sub(" ", text))}
        # only a place inside a name ("New York" of the New York Times) misleads: "Hamas" is no place
        return self._name_place_stems(story_id) - outside

    def _only_places(self, story: Story, terms: Sequence[QueryTerm]) -> bool:
        """Whether the story explains only the place a question names, not what it asks about it:
        "the weather in Doha" is not about talks held in Qatar."""
        topical = [t for t in terms if t.weight >= 1.0]
        known = [t for t in topical if self.index.coverage_of(story, [t]) > 0]
        return bool(known) and len(known) < len(topical) and all(countries_in(t.word) for t in known)

    def _foreign(self, read: Question, story: Story, proper_only: bool = False) -> bool:
        """Whether the question names a country the story never mentions (by any of its names).

        A question anchored in the story by one of its own names ("the Ternopil blackout") is about
        the story even when it brings in another country ("how did the US respond?"). With
        ``proper_only``, years count only where the message asks (``Question.asked_years``): a rambling
        message judged by its question alone ("Back in 1973 ... which industries need these minerals?").
        """
        # (a name offered as the answer is no topic: "who negotiated the 2025 deal? was it Trump?" is
        # the deal's story, whoever it names)
        names = [run for run in read.names if not read.guessed.issuperset(map(fold, run))]
        if any(not self._names_run(story, run, read.foreign_names) for run in names):
            return True  # "What did Marine Le Pen say about Macron's pick?": someone the story never names
        if read.countries and self._answered_back(story, read):
            return False  # "has Washington hit back at China yet?": the answer to the story's actor
        if any(self._unknown_name(word) for word in read.lone_names if word not in read.guessed):
            return True  # "Is Starmer's lot falling apart?": a name no story has, nor anything like it
        years = read.asked_years if proper_only else read.years
        if years and all(
            min(abs(year - told) for told in self._years(story.id)) > _YEARS_AROUND_A_STORY for year in years
        ):
            return True  # "What happened in the 2014 Gaza war?": another time's events, not the story's
        foreign_body = bool(read.bodies) and bool(read.bodies - self._bodies(story.id))
        if not foreign_body and all(mentions_country(self.index, story, c) for c in read.countries):
            return False
        asked = {stem(fold(t)) for t in read.topic}
        # Proper names only: "government" (of "French government") is no anchor for Spain's; nor is
        # someone only the story's photo shows ("Trump's tariffs on Canadian steel" is no China story).
        # (the captions, which annotate the story's sentences, only when a name is asked at all)
        anchors = asked & self._proper_names(story.id)
        return not anchors or anchors <= frozenset().union(*self._captions(story.id).values())

    def _names_run(self, story: Story, run: tuple[str, ...], declined: frozenset[str] = frozenset()) -> bool:
        """Whether the story names someone or something of this run of capitalised words: a word of it,
        or one spelt near it; a sea's own name only as written ("Black" is no typo of "back").
        ``declined``: words of names in another language, which may end as its grammar has them
        ("w Strefie Gazy": Gaza)."""
        if run[-1] in WATERS:
            return any(self.index.mentions(story, [stem(w)]) for w in run[:-1])
        return any(
            self._names_word(story, w)
            or (
                w in declined
                and any(self.index.mentions(story, [k]) for k, _ in self.index.cognates(w, MIN_NAME_COGNATE))
            )
            for w in run
        )

    def _names_word(self, story: Story, word: str) -> bool:
        """Whether the story has this word of a name, or (long enough to tell) a spelling near it
        ("Mujtabah Rahmen" is the story's Mujtaba Rahman)."""
        if self.index.mentions(story, [stem(word)]):
            return True
        return len(word) >= _NEAR_NAME_LENGTH and self._near_story_word(story.id, word)

    def _unknown_name_uncached(self, word: str) -> bool:
        """A capitalised word no story has, nor anything spelt like it (a misspelt "Ternopli" has)."""
        return not any(term.candidates for term in self.index.analyse(word))

    def _years_uncached(self, story_id: str) -> frozenset[int]:
        """The years a story tells of or is dated in."""
        story = self.index.get(story_id)
        if story is None:
            return frozenset()
        told = {update.date.year for update in story.updates} | {
            fact.date.year for fact in story.facts if fact.date
        }
        texts = [story.summary, *(u.text for u in story.updates), *(f.text for f in story.facts)]
        told |= {year for text in texts for word in words(text) if (year := year_of(word)) is not None}
        return frozenset(told)

    def _key_terms_uncached(self, story_id: str) -> frozenset[str]:
        """Stems of the words the story is known by: its title, aliases, keywords and names, less
        countries and generic words."""
        story = self.index.get(story_id)
        if story is None:
            return frozenset()
        texts = (story.title, *story.aliases, *story.keywords, *story.entities.all())
        return _name_word_stems(texts, lambda w: not is_place_name([fold(w)]), min_length=3)

    def _bodies_uncached(self, story_id: str) -> frozenset[str]:
        story = self.index.get(story_id)
        return lexicon().bodies_in(story.searchable_text()) if story is not None else frozenset()

    def _home_countries_uncached(self, story_id: str) -> frozenset[str]:
        """The countries a story is about: those its title, aliases and places name."""
        story = self.index.get(story_id)
        if story is None:
            return frozenset()
        return countries_in(" ".join((story.title, *story.aliases, *story.entities.places)))

    def _home_country_stems_uncached(self, story_id: str) -> frozenset[str]:
        """Stems of the home countries' names and adjectives: a typo of one ("frnace") matches them."""
        return frozenset(
            stem(w) for country in self._home_countries(story_id) for form in forms_of(country) for w in form
        )

    def _proper_names_uncached(self, story_id: str) -> frozenset[str]:
        """Stems of the story's people's and places' names and its organisations' first words
        ("Macron", "Ternopil", "Hamas", "Eurasia"): words no other story uses by chance. Common nouns
        inside organisation names ("government", "group") and countries are left out."""
        story = self.index.get(story_id)
        if story is None:
            return frozenset()
        names = [*story.entities.people, *story.entities.places]
        names += [org.split()[0] for org in story.entities.organisations if org.split()]
        return frozenset().union(*map(_proper_name_stems, names))

    def _anchors_uncached(self, story_id: str) -> frozenset[str]:
        """Stems of the story's own names that no other story is likely to share: not countries,
        not generic words ("Ternopil", "Hamas", "Eurasia")."""
        story = self.index.get(story_id)
        if story is None:
            return frozenset()
        return _name_word_stems(story.entities.all(), lambda w: not is_place_name([fold(w)]))

    def _current_story(self, conversation: Hashable | None) -> Story | None:
        if conversation is None:
            return None
        story_id = self.memory.current(conversation)
        return self.index.get(story_id) if story_id else None

    def _is_followup(self, read: Question, terms: Sequence[QueryTerm], story: Story) -> bool:
        """Could this question be about the story already under discussion?"""
        if not read.tokens:
            return False
        if read.wants_next or read.wants_previous or read.kind == SOURCE:
            return True
        if read.elliptical and not self._new_common_subject(read, terms):
            return True
        if self._captions(story.id) and {stem(fold(t)) for t in read.tokens} & _PICTURE_STEMS:
            return True  # "who are the two men in the picture?": the story's own photo
        if read.reaction and read.countries and not self._foreign(read, story):
            return True  # "has Washington responded?": a country the story names, asked how it reacted
        # "afterwards", "them": words pointing back are no topic of their own
        # ("who's the guy trying to fix it?": a person asked for, by any word for one)
        topical = [
            t
            for t in terms
            if t.word not in GENERIC_WORDS and t.word not in ANAPHORA and t.word not in _SOMEONE
        ]
        # "Wer ist der Experte, den sie zitieren?": words of another language no story holds are no
        # new subject, unless all else is a place ("Et la météo à Lyon?" is no follow-up)
        untranslated = sum(1 for t in topical if not t.candidates and fold(t.word) in read.foreign_common)
        # ("how long until they're meant to come home?": "long" is the question's, being due no topic)
        tokens = read.tokens
        asked_how = {t for t, before in zip(tokens[1:], tokens[:-1], strict=True) if before == "how"}
        topical = [
            t
            for t in topical
            if t.word not in asked_how and t.word not in _DUE_WORDS and t.word not in _SHAPE_WORDS
        ]
        if read.proper and len(read.proper) < len(set(read.tokens)):
            # "And what are they afraid of? Need a one-liner for the script.": the request around the
            # question proper names no new subject
            topical = [t for t in topical if set(t.word.split()) <= read.proper]
        known = [t for t in topical if self.index.coverage_of(story, [t]) > 0]
        unknown = len(topical) - len(known) - untranslated
        # ("the weather in New York": a place the story names only inside "the New York Times")
        named_inside = self._name_place_stems(story.id)
        if known and all(
            countries_in(t.word) or (t.candidates and t.candidates[0][0] in named_inside) for t in known
        ):
            # A place alone ties nothing to the story: "the weather in Doha" is not about Qatar's talks;
            # but a capital acting ("has Tehran made up its mind?") speaks for its government.
            unknown += untranslated
            return (
                unknown == 0
                or (bool(set(words(read.text)) & (STRONG_ANAPHORA | {"its"})) and unknown <= 1)
                # "what was driving Washington's urgency?": the country's own doing, a word or two
                or (unknown <= 2 and any(_possessive(t.word, read.text) for t in known))
                # "why was America in such a hurry?", "how did Washington feel about it?": what a
                # country the story has acting wanted, feared or did, in the asker's own words
                or (
                    read.kind not in _PLACE_TIME_NUMBER
                    and unknown <= MAX_UNKNOWN_ABOUT_ACTOR
                    and bool(read.countries)
                    and not countries_placed_in(read.text)
                    and read.countries <= self._countries_acting(story.id)
                )
            )
        if known:
            # "what's the tail risk they're scared of?": "they" ties the new words to the story
            # ("where is the withdrawal visible on the ground?": a question asking for a place, a
            # time or a number of something the story tells may phrase the rest in its own words)
            return unknown <= max(1, len(known)) + (read.kind in _PLACE_TIME_NUMBER) or (
                bool(set(read.tokens) & STRONG_ANAPHORA) and unknown <= 2
            )
        if unknown == 0:
            return True  # only question words and generic ones: "why does it matter?"
        if read.kind in _SPECIFIC_KINDS and unknown == 1 and len(read.topic) <= 3:
            return True  # "how many people died?": asked of the story, even if it doesn't say
        if len(topical) <= 2 and all(lexicon().tag(t.word.split()) for t in topical):
            # "anyone dead?", "any casualties?": news words the bot knows (not a new subject such as
            # "bitcoin?"), asked of the story under discussion even where no story has them
            return True
        said = set(read.tokens)
        if said & STRONG_ANAPHORA:
            return unknown <= 2  # "which sectors rely on them?": "them" is the story's subject
        # "it" is often no reference ("is it raining?"): with it, one or (in a short question) two
        # words the story lacks
        return bool(said & ANAPHORA) and unknown <= (2 if len(read.topic) <= 3 else 1)

    def _naming_more(
        self, best: Match, ranked: Sequence[Match], read: Question, terms: Sequence[QueryTerm]
    ) -> Match:
        """The ranked story naming more of the question's names (people, places, organisations of
        one story or another) than ``best``, if it matches the question fairly; else ``best``."""
        # (not a capital standing for its country, "Washington"; not a name offered as a guess,
        # "Trump or who?")
        guessed = {stem(fold(w)) for w in read.guessed}
        asked = {
            key
            for t in terms
            if not countries_in(t.word)
            for key, similarity in t.candidates
            if similarity >= 1.0 and key not in guessed
        }
        if not asked:
            return best

        def named(match: Match) -> int:
            return len(asked & self._proper_names(match.story.id))

        def may_name_more(match: Match, than: int) -> bool:
            # A story's names cost a pass through its record the first time; the index's count of
            # the asked words in its names (or weightier fields) bounds them, at no cost. (A name
            # with accents may be indexed under another stem than its folded one: no bound then.)
            if not all(name.isascii() for name in match.story.entities.all()):
                return True
            return self.index.count_in_field(match.story, asked, "entity") > than

        fair = max(FOLLOWUP_ACCEPT_COVERAGE, NAMING_SHARE * best.coverage)
        rivals = [m for m in ranked if m is not best and m.coverage >= fair and may_name_more(m, 0)]
        if not rivals:
            return best
        least = named(best)
        rivals = [m for m in rivals if may_name_more(m, least)]
        if not rivals:
            return best
        most = max(rivals, key=named)
        if named(most) <= least:
            return best
        return best if self._foreign(read, most.story) else most

    def _unclaimed_aside(
        self, read: Question, terms: Sequence[QueryTerm], current: Story, ranked: Sequence[Match]
    ) -> bool:
        """A short question in a conversation that no other story takes, naming nothing foreign to the
        story under discussion, and either pointing back at it or sharing two words with it: "which
        authority furnished that figure?", "pull back to where exactly?" ask about what was just
        said. ("what's the weather tomorrow?" shares nothing and points at nothing: declined.)"""
        if read.switches or read.names:
            return False
        # ("who's keeping an eye on that perimeter to make sure everybody plays fair?": "that
        # perimeter" is the story's, however many words of its own the question has)
        pointing = self._points_back_at(read, current)
        if len(read.topic) > (MAX_POINTED_ASIDE_WORDS if pointing else MAX_ASIDE_WORDS):
            return False
        if any(m.story is not current and self._acceptable(m, read, terms) for m in ranked[:2]):
            return False
        if pointing:
            return True
        if not ASIDE_POINTERS.isdisjoint(read.tokens):
            return True
        # (a place alone ties nothing to it: "the weather in Doha this week?" shares Qatar and weeks)
        shared = [
            t
            for t in terms
            if t.word not in GENERIC_WORDS
            and not countries_in(t.word)
            and self.index.coverage_of(current, [t]) > 0
        ]
        return len(shared) >= 2

    @staticmethod
    def _names_title_of(other: Story, current: Story, terms: Sequence[QueryTerm]) -> bool:
        """Whether the question names, word for word, a name in the other story's title ("Gaza")
        that the current story's title lacks."""
        names = {stem(fold(w.casefold())) for w in re.findall(r"\b[A-Z]\w+", other.title)} - {
            stem(fold(w)) for w in words(current.title)
        }
        return any(k in names for t in terms if t.weight >= 1.0 for k, sim in t.candidates[:1] if sim >= 1.0)

    def _points_back_at(self, read: Question, story: Story) -> bool:
        """ "these measures", "that perimeter", "those poor souls": a demonstrative before a word of
        the story under discussion points back at it."""
        tokens = read.tokens
        # (the noun may follow an adjective: "those poor souls")
        return any(
            word in _DEMONSTRATIVES
            and following not in STOPWORDS
            and following not in GENERIC_WORDS
            and not countries_in(following)
            # (the word itself or a concept-mate, not a fuzzy neighbour: "that true" is no truce)
            and self.index.coverage_of(story, self.index.analyse(following)) >= SYNONYM_SIMILARITY
            for i, word in enumerate(tokens)
            for following in tokens[i + 1 : i + 3]
        )

    @staticmethod
    def _new_common_subject(read: Question, terms: Sequence[QueryTerm]) -> bool:
        """Whether "and the ...?" names only words neither the stories nor the lexicon know, one of
        them no name: "and the weather in Lyon tomorrow?" is a subject of its own, where "and
        Hezbollah?" and "and who gets hurt?" ask the story."""
        topical = [t for t in terms if t.word not in GENERIC_WORDS and t.word not in ANAPHORA]
        lex = lexicon()
        return (
            bool(topical)
            and read.kind not in _SPECIFIC_KINDS  # "and over what time frame?" asks the story's
            and not any(t.candidates or lex.tag(t.word.split()) for t in topical)
            and any(not capitalised_in(t.word, read.text) for t in topical)
        )

    # --- choosing the sentence -------------------------------------------------------------------

    def _pick(self, story: Story, read: Question, terms: Sequence[QueryTerm], turn: Turn | None) -> _Pick:
        sentences = self._sentences(story.id)
        if turn is not None and read.wants_next and turn.sentence is not None:
            following = self._next_update(story, sentences, turn.sentence)
            if following is not None:
                return _Pick(truncate(following.text, MAX_ANSWER_CHARS), following.date, True, following)
        if turn is not None and read.wants_previous and turn.sentence is not None:
            earlier = self._previous_update(story, sentences, turn.sentence)
            if earlier is not None:
                return _Pick(truncate(earlier.text, MAX_ANSWER_CHARS), earlier.date, True, earlier)
        asked_of_record = record_question(read.text) if story.sources else None
        if asked_of_record is not None:
            # "who took the photos?", "which outlet published it?": the record's sources say; a
            # caption crediting the photo says it in full ("taken by ... for Reuters"), and is what a
            # follow-up ("what year is it from?") is about
            captions = self._captions(story.id)
            caption = next((s for s in sentences if s.order in captions), None)
            if (
                asked_of_record is RecordQuestion.PHOTO_CREDIT
                and caption is not None
                and credits_named_in(story, caption.text)
            ):
                return _Pick(truncate(caption.text, MAX_ANSWER_CHARS), caption.date, True, caption)
            text, direct = answer_from_sources(story, asked_of_record)
            return _Pick(truncate(text, MAX_ANSWER_CHARS), story.updated, direct, caption)
        kind = read.kind
        if read.elliptical and turn is not None and turn.kind and kind in {WHAT, YESNO}:
            kind = turn.kind  # "and the Israeli army?" asks what the last question asked
        if read.other_party and turn is not None and turn.sentence is not None:
            # After "what's new?" the other side's part is any sentence about someone else.
            asked = kind if kind in _SPECIFIC_KINDS else WHAT
            other = self._other_party(story, read, asked, turn)
            if other is not None:
                return self._answer_with(story, other, kind, sentences, [])
        names_only = not read.elliptical and self._names_only(story, read, terms)  # "and Hamas?" is no title
        if kind == LATEST and self._asks_of_older_news(story, read, terms, turn):
            kind = WHAT  # "hamas ghosted the qatar talks lol whats the tea": the news it names is older
        if kind == LATEST or (kind in {WHAT, YESNO} and names_only):
            return self._latest(story, read, terms, turn)
        if kind == SOURCE and turn is not None and turn.sentence is not None and not _has_own_topic(read):
            return self._source_of(story, sentences, turn.sentence, bare=_points_back_only(read))

        if (
            kind == WHO
            and turn is not None
            and (_STAND_INS & set(read.tokens) or _ASKS_WHO_IT.search(read.text))
        ):
            # "Who's the next one going to be?": the role is the one the conversation is about.
            roles = {stem(r): r for r in _ROLES}
            inherited = tuple(roles[k] for k in sorted(turn.topic) if k in roles)
            if inherited:
                read = replace(read, tokens=read.tokens + inherited)
        if read.unit:
            # "hw many premers": the thing counted, as the story spells it
            unit = [part for word in read.unit for part in self.index.run_together_parts(word) or (word,)]
            read = replace(read, unit=tuple(_spelled_as_story(word, terms) for word in unit))
        named = self._question_names(read, turn, terms)
        actors = self._entity_stems(story.id) & {stem(fold(t)) for t in read.topic}
        scored = self._weigh(story, read, kind, terms, turn, actors)
        best_score = max((score for score, _ in scored), default=0.0)
        if best_score <= 0.0 and kind == WHEN and read.about_report:
            # "What date was this reported? I'm logging it.": the report's date, of the news the
            # conversation is on (whatever else the message says that the story doesn't)
            said = _last_answer(sentences, turn) if turn is not None else None
            reported = self._reported_on(story, said or sentences[-1])
            if reported is not None:
                return reported
        if best_score <= 0.0:
            # Nothing but question words ("when did that happen?"): the story's first fitting sentence.
            fitting_any = [s for s in sentences if _fits(s, kind, read, frozenset())]
            if kind == WHEN:
                unasked = self._photo_unasked(story.id, read, turn)
                fitting_any = [s for s in fitting_any if s.order not in unasked]
            # (nor where what it asks of is nothing the story tells: "any word on how many were
            # killed?" names the dying, no question words alone)
            untold = (
                kind in {*_SPECIFIC_KINDS, YESNO}
                and bool(_own_topic(read))
                and self._missing_focus(read, story, terms, following=turn is not None)
            )
            if (kind in _SPECIFIC_KINDS and not fitting_any) or untold:
                return self._doesnt_say(story, read, kind, fitting_any[0] if fitting_any else None)
            first = fitting_any[0] if fitting_any else next(s for s in sentences if s.kind == "summary")
            return self._answer_with(story, first, kind, sentences, scored)
        relevant = [(score, s) for score, s in scored if score >= RELEVANT_SHARE * best_score]
        closest = max(relevant, key=_preference)[1]
        missing = self._missing_focus(read, story, terms, following=turn is not None)
        if kind == WHEN and read.about_report:
            # "When did this news come out?" asks for the report's own date, which the record has.
            reported = self._reported_on(story, closest)
            if reported is not None:
                return reported
        if kind in _SPECIFIC_KINDS or (kind == WHAT and read.target and not read.asks_terms) or read.reaction:
            fitting = [(score, s) for score, s in relevant if _fits(s, kind, read, named)]
            # (the year a photo was taken is no time of the news)
            unasked = self._photo_unasked(story.id, read, turn) if kind == WHEN else frozenset()
            fitting = [(score, s) for score, s in fitting if s.order not in unasked]
            if not fitting and kind == WHO and _role_wanted(read):
                # "Who is the analyst commenting on it?": the role itself is the evidence, even when
                # no other word of the question is in the sentence that names the analyst.
                fitting = [(score, s) for score, s in scored if _fits(s, kind, read, named)]
            if not fitting and read.target == ("employer",) and turn is not None:
                # "Which organisation is he with?": he is someone the last answer named, however
                # little the question's own words say about the sentence naming his employer.
                fitting = [(score, s) for score, s in scored if _fits(s, kind, read, named)]
                people = _people_said(sentences, turn)
                fitting = [(score, s) for score, s in fitting if _names_any(s, people)]
            verb, phrase, concepts = _acted_keys(read) if kind == WHO else ("", frozenset(), frozenset())
            # the verb itself where the story uses it ("mediated": the mediators) or the phrase it
            # is part of ("stayed away"), else its concepts ("brokered": the mediators)
            # ("took part": the phrase, not "took" as in "took effect")
            acted = phrase or frozenset({verb})
            doing = [s for s in sentences if acted & (s.stems | s.context)] if verb else []
            if all(not acted & s.stems for s in doing):
                # The verb only in a headline ("Hamas skips talks") over its update's lead: the
                # sentences saying it in other words count too ("Hamas boycotted the meeting").
                doing += [s for s in sentences if s not in doing and concepts & (s.stems | s.context)]
            if doing:
                # "Who brokered the October 2025 deal?": whoever the story says did that, at that time
                # (the mediators of the August 2024 talks brokered no October deal).
                fitting = [
                    (score, s)
                    for score, s in scored
                    if s in doing and _fits(s, kind, read, named) and _same_time(s, read)
                ]
                if not fitting:
                    # what the story does say about the act: "... sat down with mediators" for "who
                    # mediated?"
                    told = [(score, s) for score, s in scored if s in doing]
                    return self._doesnt_say(
                        story, read, kind, max(told, key=_preference)[1] if told else closest
                    )
            appointee = kind == WHO and _asks_appointee(read)
            if appointee:
                # "Who will Macron pick?": the one picked, whom an analyst's view of the pick doesn't name
                fitting = [
                    (score, s)
                    for score, s in fitting
                    if s in doing and not s.reporting and any(not run & named for run in s.name_runs)
                ]
            elif (
                kind == WHO
                and doing
                and verb not in _SPEAKING_STEMS
                and not lexicon().has_cue("reporting", (stem(fold(verb)),))
            ):
                # "who is it that shall choose the next one?": the one doing it, not an analyst's
                # view of the choice ("the pick might stick"), if need be in other words ("Macron is
                # due to try again ... with a new appointment")
                fitting = (
                    [(score, s) for score, s in fitting if not s.reporting]
                    or [
                        (score, s)
                        for score, s in scored
                        if concepts & (s.stems | s.context)
                        and not s.reporting
                        and _fits(s, kind, read, named)
                    ]
                    or fitting
                )
            elif kind == WHO and _asks_doing_now(read):
                # "who is picking the next one?": the one doing it, not an analyst's view of the pick
                fitting = [(score, s) for score, s in fitting if not s.reporting] or fitting
            if kind == WHY and read.for_what:
                # "Reprisal for what?": the sentence telling what it is for ("retaliation for ...")
                told_for = [(score, s) for score, s in fitting if _followed_by_for(s, read.for_what)]
                fitting = told_for or fitting
            if kind == QUANTITY:
                # "How many homes in Prikarpattia lost power?": a figure given for Ternopil is no answer.
                fitting = [(score, s) for score, s in fitting if _same_place(s, read)]
            if read.reaction:
                # "How did the US respond?" is answered only by the US saying or doing something.
                # (What a question naming no country asks of countries is worked out for none.)
                country = _first_country(read)
                reacting = _country_after_auxiliary(read)
                reactor = _reactor(read)

                def own_doing(s: Sentence, countries: frozenset[str]) -> bool:
                    return bool(
                        # "Washington fears that ...": the country's own view
                        (countries and countries_in(" ".join(s.tokens[:2])) & countries)
                        # "..., and Iran is still weighing its options": the country acting
                        or (countries and _country_acts(s, countries))
                        # "the Biden administration, which renewed its calls ...": its government acting
                        or (countries and _government_acts(s, countries))
                    )

                fitting = [
                    (score, s)
                    for score, s in fitting
                    if (
                        (s.reporting and (s.names - named))
                        or (read.countries and bool(countries_in(" ".join(s.tokens[:2])) & read.countries))
                        or (bool(country) and _country_acts(s, country))
                        or own_doing(s, reactor)
                        # "Macron is due to try again": the person asked about acting (a photo of
                        # Trump is no doing of his)
                        or (bool(actors) and _person_acts(s, actors))
                    )
                    and (
                        not read.countries
                        or read.countries <= sentence_countries(s.text)
                        # (a country asked how it reacted is named by its government's name too)
                        or (
                            bool(reactor)
                            and read.countries
                            <= sentence_countries(s.text) | lexicon().governments_in(s.text)
                        )
                    )
                    # (whether it has yet, the one reacting is the one that counts: "has Iran reacted
                    # to the killing of the Hamas official?" is answered by Iran still weighing)
                    and (
                        actors <= (s.stems | s.context)
                        or (read.pending and bool(reacting) and _country_acts(s, reacting))
                    )
                    # "what did Zelensky say?": his words only, not someone else's report
                    and {stem(w) for w in read.speaker} <= s.stems
                    and (not read.speaker or s.reporting)
                ]
                # (the country asked how it reacted doing something beats others telling of it)
                fitting = [(score, s) for score, s in fitting if own_doing(s, reactor)] or fitting
                if not fitting and reactor and not read.pending:
                    # "and how did the US react?" after the news of Hamas staying away: what the US
                    # did, wherever the story tells it
                    fitting = [
                        (score, s)
                        for score, s in scored
                        if own_doing(s, reactor) and _fits(s, kind, read, named)
                    ]
                if not fitting and read.pending and reacting:
                    # "has Iran reacted yet to the killing of the Hamas official in Tehran?": that it is
                    # still weighing its options, however much better another sentence tells the killing
                    fitting = [
                        (score, s)
                        for score, s in scored
                        if score > 0 and _PENDING & set(s.tokens) and _country_acts(s, reacting)
                    ]
                if read.asks_plan:
                    # "what is Macron going to do about it?": of his own doings, what he is due to do
                    fitting = [(score, s) for score, s in fitting if s.plans] or fitting
            # "any numbers on that?": a follow-up that names nothing asks about the last answer's news
            pointing_back = turn is not None and not _has_own_topic(read) and kind == QUANTITY
            # (no one else's sentence names the one appointed)
            # (nor anyone's neighbouring sentence for someone's own words: "did Moscow say why?")
            if (
                not fitting
                and not missing
                and not appointee
                and not read.speaker
                and (kind in {WHY, WHO, WHERE} or pointing_back)
            ):
                # What a sentence leaves out is often in the one before it ("The crisis has toppled five
                # prime ministers. Macron is due to try again ..."), or for a reason, the one after it
                # ("France is in free fall. The crisis has toppled ...").
                before = self._before(sentences, closest) if closest.position > 0 else None
                # (for a reason, a neighbour set only after the event, "crews worked on after the
                # strikes", explains its own news, not the asked one's: "why were homes left dark?")
                if (
                    before is not None
                    and _fits(before, kind, read, named)
                    and not (kind == WHY and before.follows_event and not before.strong_reason)
                ):
                    return self._answer_pair(story, before, closest)
                after = self._after(sentences, closest) if kind == WHY or pointing_back else None
                if after is not None and _fits(after, kind, read, named):
                    return self._answer_pair(story, closest, after)
                why_it_happened = kind == WHY and not read.motive
                cause_and_result = _cause_and_result(sentences, relevant, read) if why_it_happened else None
                if cause_and_result is not None:
                    # "Why were homes left in the dark?": "The attack left half without electricity"
                    # has the cause as its subject, told in full elsewhere ("Russia launched a
                    # large-scale missile attack ..."): the two together answer.
                    return self._answer_pair(story, *cause_and_result)
            if not fitting and not missing and kind == SOURCE and story.sources and read.asks_publisher:
                # "Which outlet reported China's curbs?": no sentence reports it, so its source is the
                # record's own
                return self._credited(story, closest)
            if not fitting and not missing and kind == WHEN and turn is not None and not _has_own_topic(read):
                # "when was that?" after "Hamas boycotted the Qatar meeting ...": the time the story
                # gives the same occasion in another sentence ("... sat down in Qatar on Thursday")
                timed = [
                    (score, s)
                    for score, s in scored
                    if s.order not in unasked and _fits(s, kind, read, named)
                ]
                fitting = _same_occasion(closest, timed)
            if not fitting or (missing and kind not in {WHY}) or self._reason_untold(story, read, terms):
                return self._doesnt_say(story, read, kind, closest)
            if kind == WHO:
                # "who ...?" wants a name: among equals, a sentence naming someone beats a list
                fitting = [(score * _name_bonus(s, read, named), s) for score, s in fitting]
                if lexicon().has_cue("negation", tuple(stem(fold(t)) for t in read.tokens)):
                    # "which side didn't show up?": someone not doing it, as the sentence says (a
                    # follow-up's carried-over topic may favour the sentence about who did: the
                    # one saying who didn't answers, if it is anywhere near)
                    top = max(score for score, _ in fitting)
                    # (from all the sentences when no verb of the question chose them)
                    negated = [
                        (score, s)
                        for score, s in (fitting if doing else scored)
                        if s.negation and score >= NEGATED_SHARE * top and _fits(s, kind, read, named)
                    ]
                    fitting = negated or [(score * NOT_NEGATED, s) for score, s in fitting]
                else:
                    # "who showed up?": someone doing it, not the one who stayed away
                    fitting = [(score * (NOT_NEGATED if s.negation else 1.0), s) for score, s in fitting]
            if kind == WHEN and not _YEAR_OR_MONTH.isdisjoint(read.tokens):
                # "what year were the talks Hamas skipped?": a sentence stating the year in its own
                # words ("the August 2024 talks") beats one telling only a weekday ("on Thursday"),
                # whose date the record works out (which a "when ...?" asking the day wants)
                fitting = [(score * (1.0 if _states_date(s) else UNSTATED_DATE), s) for score, s in fitting]
            if kind == WHEN and _asks_weekday(read):
                # "on which day of the week were the talks in August?": a sentence naming the weekday,
                # though the summary names the month and the talks better
                fitting = [
                    (score, s)
                    for score, s in scored
                    if score >= WEEKDAY_SHARE * best_score
                    and any(map(is_weekday, s.tokens))
                    and _fits(s, kind, read, named)
                ] or fitting
            if kind == DURATION:
                # "how much time does Hamas have?": a span ("72 hours") beats a time told relative to
                # another ("two weeks earlier"), which answers only "how soon?"
                fitting = [(score * (1.0 if s.has_duration else NOT_LOCATED), s) for score, s in fitting]
            if kind == WHERE:
                # "where did Hamas skip the talks?": a place where something happens ("in Qatar", "the
                # Qatar meeting") beats one the sentence only mentions ("Gaza's border with Egypt")
                # ("pull back to where?": "to an agreed perimeter" is where, though it names no place)
                fitting = [
                    (score * (1.0 if _locates(s, named) or _moves_to(s, read) else NOT_LOCATED), s)
                    for score, s in fitting
                ]
            chosen = max(fitting, key=_preference)[1]
            governed = _governed_place(read) if kind == WHO else frozenset()
            if governed and _other_government(chosen, governed):
                # "who's running Gaza now?": the Biden administration governs no Gaza
                return self._doesnt_say(story, read, kind, chosen)
            return self._answer_with(story, chosen, kind, sentences, scored)
        if missing:
            return self._doesnt_say(story, read, kind, closest)
        if kind == WHAT and not read.target and self._bare_names(story, read):
            # "Ternopil": a bare name asks for the key fact about it, when the story records one.
            facts = [(score, s) for score, s in relevant if s.kind == "fact" and score >= 0.9 * best_score]
            if facts:
                closest = max(facts, key=_preference)[1]
        if read.asks_terms:
            # "What are the terms of the truce?": the sentences saying what it requires or covers.
            # A deadline is a term too ("Hamas has 72 hours to ..."); the summary only mentions them.
            terms_of = [(score, s) for score, s in relevant if _states_terms(s)]
            terms_of = [(score, s) for score, s in terms_of if s.kind != "summary"] or terms_of
            said = _last_answer(sentences, turn) if turn is not None else None
            if said is not None and said.date is not None:
                # "so what were they meant to be agreeing?" after the Qatar talks: the terms of the
                # talks under discussion, not those of a deal a year on (unless it names its time)
                discussed = [
                    (score, s)
                    for score, s in scored
                    if _states_terms(s)
                    and s.kind != "summary"
                    and s.date == said.date
                    and _same_time(s, read)
                ]
                # (a sentence with the very words asked, "what was on the table?", is the answer)
                terms_phrase = terms_asked(read.tokens)
                literal = terms_phrase is not None and terms_phrase in " ".join(closest.tokens)
                if discussed and closest.date != said.date and not literal:
                    terms_of, closest = discussed, max(discussed, key=_preference)[1]
            if terms_of:
                best_terms = max(terms_of, key=_preference)
                stated = [s for _, s in terms_of]
                if closest not in stated and best_score >= TERMS_FOLLOW_SHARE * best_terms[0]:
                    # "the terms of the truce Israel signed off on": the sentence about the signing is
                    # the question's; its terms are what its update goes on to say.
                    later = [
                        s
                        for s in sentences
                        if s.update == closest.update and s.position > closest.position and _states_terms(s)
                    ]
                    later.sort(key=lambda s: s.position)
                    if len(later) >= 2 and later[1].position == later[0].position + 1:
                        return self._answer_pair(story, later[0], later[1])  # both sides' obligations
                    best_terms = (0.0, later[0]) if later else best_terms
                closest = best_terms[1]
        if turn is not None and _PERSON_PRONOUNS & set(read.tokens) and _OPINION_WORDS & set(read.tokens):
            # "What is his opinion?", "what does he think about the next pick?": what the person the
            # last answer named says, even if that is the last answer again.
            people = _people_said(sentences, turn)
            quoted = [(score, s) for score, s in scored if s.reporting and _names_any(s, people)]
            if quoted:
                closest = max(quoted, key=_preference)[1]
        # (in the question proper: "... a hamas guy killed ... what was washington scared of" asks no expert)
        asked_tokens = read.proper_tokens
        if CONCEPT_PREFIX + "analyst" in lexicon().tag(list(asked_tokens)) or _PROGNOSIS_WORDS & set(
            asked_tokens
        ):
            # "What do the experts say?", "what does the consultant expect?": a named commentator's view.
            # ("what is the expected outlook for the next appointee?": a forecast, which is someone's)
            quoted = [(score, s) for score, s in relevant if s.reporting and s.names]
            # the commentator's own words, as the update reports them, before the summary's retelling
            quoted = [(score, s) for score, s in quoted if s.kind != "summary"] or quoted
            if quoted:
                closest = max(quoted, key=_preference)[1]
        if kind == WHAT and (RESULT_NOUNS & set(asked_tokens) or _DONE_TO.search(" ".join(asked_tokens))):
            # "What damage did the strikes do?": the sentence giving what they left behind
            results = [(score, s) for score, s in relevant if s.result]
            if results:
                closest = max(results, key=_preference)[1]
        # "So what happens next?" names nothing: whatever the story says is due next.
        candidates = relevant if read.topic else scored
        planned = [(score, s) for score, s in candidates if s.plans] if read.asks_plan else []
        if read.asks_plan and not planned and candidates is relevant:
            # "what does the French president intend to do next about his government?": the words
            # that name him and his government match the scene-setting lead best; what he is due
            # to do is the answer, if the story tells it at all
            planned = [(score, s) for score, s in scored if s.plans and score > 0]
        if read.asks_plan and not planned and turn is not None and not any(t.candidates for t in terms):
            # "and what's the plan to fix it?": none of its words is in the story, whose plan, in a
            # conversation about it, is the answer
            planned = [(score, s) for score, s in scored if s.plans]
        doer = _country_doing(read) if read.asks_plan and kind == WHAT else frozenset()
        if doer and not any(_country_acts(s, doer) for _, s in planned):
            # "what's Iran doing about all this?": with nothing it is due to do, what it is doing
            # ("Iran is still weighing its options"), if the story tells that
            acting = [(score, s) for score, s in candidates if _country_acts(s, doer)]
            if acting:
                planned = []
                closest = max(acting, key=_preference)[1]
        outcome = _verb_planned(read)
        if planned and outcome and not any(outcome & s.stems for _, s in planned):
            # "is his next pick going to stick?": a sentence saying it may stick answers, not his plans
            saying = [(score, s) for score, s in relevant if outcome & s.stems]
            if saying:
                planned, closest = [], max(saying, key=_preference)[1]
        if planned:
            # "What is Macron doing about it?", "is he about to ...?": what is due next, if the story says.
            closest = max(planned, key=_preference)[1]
        elif kind == YESNO:
            # "Did the Israelis ever sign off on the truce?": a sentence saying that (or its opposite)
            # answers, not one that only shares the question's other words ("Israeli negotiators ...").
            # ("has Iran hit back yet?" is answered by what is still pending, below)
            asked_verb = _asked_verb_keys(read) if not read.pending else frozenset()
            saying = [(score, s) for score, s in relevant if asked_verb & (s.stems | s.context)]
            if saying:
                closest = max(saying, key=_preference)[1]
            # "Did X take part?" is answered by the sentence about X doing it or not doing it.
            top = max(score for score, _ in saying) if saying else best_score
            negated = [(score, s) for score, s in saying or relevant if s.negation and score >= 0.9 * top]
            strongest = max(negated, key=lambda pair: pair[0])[1] if negated else None
            # the update tells it in the source's own terms ("refused to take part", "absent"); a key
            # fact restating it in the record's words ("boycotted") wins only by a wider margin
            told = [
                (score, s)
                for score, s in saying or relevant
                if s.negation
                and s.kind == "update"
                # ("With Hamas absent, the talks have slim to no chance": the absence only as background)
                and not s.opens_with_circumstance
                and (
                    score >= YES_NO_UPDATE_SHARE * top or (strongest is not None and _restates(strongest, s))
                )
            ]
            if (
                told
                and strongest is not None
                and (strongest.kind != "update" or _background_absence(strongest, told, read, actors))
            ):
                negated = told
            if negated:
                closest = max(negated, key=lambda pair: pair[0])[1]
            cause_at = next((i for i, t in enumerate(read.tokens) if t in _CAUSE_WORDS), None)
            if cause_at is not None:
                # "Did the strikes cause outages?" is answered by the sentence giving that result.
                effect = [t for t in read.tokens[cause_at + 1 :] if t not in STOPWORDS]
                wanted = {stem(fold(t)) for t in effect} | lexicon().tag(effect)
                results = [(score, s) for score, s in relevant if s.result and wanted & s.stems]
                if results:
                    closest = max(results, key=_preference)[1]
            # "Has Iran hit back yet?" is answered by what is still pending ("Iran is still weighing");
            # "did Iran end up hitting back?" asks how it turned out, which the story can't tell.
            # (how it turned out is asked of someone the story names ("did anything get agreed in the
            # end?" is asked of the story's events): any sentence about them still pending answers)
            # ... unless the story tells how it did ("did Israel approve the deal in the end?":
            # "Israel approved the Gaza cease-fire deal"; "did Hamas turn up in the end?": it refused)
            told_done = any(s is closest for _, s in saying) and not _PENDING & set(closest.tokens)
            if read.asks_outcome and told_done and not closest.plans:
                return self._answer_with(story, closest, kind, sentences, scored)
            turned_out = read.asks_outcome and bool(actors or read.countries)
            # "will Iran retaliate?", "is Iran gonna hit back?": a country's next move, which the
            # story tells only as still pending ("Iran is still weighing its options")
            subject = _subject_country(read)
            future = (
                read.asks_plan or read.tokens[:1] == ("will",) or _still_doing(read.tokens, subject)
            ) and bool(subject)
            # ("by the time of the Qatar talks, had Iran already hit back?": the country asked about
            # is the one after the auxiliary; the talks only set the time)
            asked_countries = subject if read.pending or future else read.countries
            # ("does France have a new PM yet?": in a story about France alone, "due to try again with
            # a new appointment" is what it says of that, though it shares only a word with it)
            lone_home = read.pending and self._sole_home(story, subject)
            pending = (
                [
                    (score, s)
                    for score, s in (scored if read.asks_outcome or lone_home else relevant)
                    # ("has Macron already named a PM?": "he is due to try again the next day")
                    if score > 0
                    and (_PENDING & set(s.tokens) or ((read.asks_outcome or read.pending) and s.plans))
                    and self._about_countries(story, asked_countries, s)
                    # ("has Iran decided how to answer Israel for killing a Hamas official?": what
                    # Iran is still weighing, whoever else the question names)
                    and (actors <= (s.stems | s.context) or ((read.pending or future) and subject))
                ]
                if read.pending or turned_out or future
                else []
            )
            if pending:
                closest = max(pending, key=lambda pair: pair[0])[1]
                if read.asks_outcome:
                    return self._doesnt_say(story, read, kind, closest)
        return self._answer_with(story, closest, kind, sentences, scored)

    def _about_countries(self, story: Story, countries: frozenset[str], sentence: Sentence) -> bool:
        """Whether a sentence is about these countries: it names them, or it names no country in a
        story about that one alone ("does France have a new PM yet?": "Macron is due to try again")."""
        named = sentence_countries(sentence.text)
        return countries <= named or (not named and self._sole_home(story, countries))

    def _sole_home(self, story: Story, countries: frozenset[str]) -> bool:
        """Whether these are the one country the story is about ("France" in the France story)."""
        return len(countries) == 1 and countries == self._home_countries(story.id)

    def _photo_unasked(self, story_id: str, read: Question, turn: Turn | None) -> frozenset[int]:
        """The orders of the story's sentences about its photo, unless the question is about the
        photo: "when does it start?" is not answered by the year the photo was taken."""
        captions = self._captions(story_id)
        if not captions or self._about_picture(story_id, read, turn):
            return frozenset()
        return frozenset(captions)

    def _about_picture(self, story_id: str, read: Question, turn: Turn | None) -> bool:
        """Whether the question is about the story's photo: it says so ("the pic"), names someone only
        the caption names ("is Trump in it?"), or follows an answer that was the caption."""
        # "a mother showed me photos of ... what does the deal oblige?": a photo in the words before a
        # question proper with a topic of its own is no question about the story's photo (before "any
        # idea?" it is)
        # ("... a lovely old photo with the piece. Who are the two fellas in it?": people, counted,
        # are what a photo shows, no topic of the question's own)
        own = any(
            t not in read.preamble and t not in _PEOPLE_IN_PICTURE and not is_number_word(t)
            for t in read.topic
        )
        asked = {stem(fold(t)) for t in read.tokens if not (own and t in read.preamble)}
        if asked & _PICTURE_STEMS:
            return True
        captions = self._captions(story_id)
        if turn is not None and turn.sentence in captions:
            return True
        # ("what has Trump said about it?" asks what he said or did, which a photo doesn't show; as
        # does "is Trump gonna hit back with tariffs?", what he will do)
        if _SAYS_OR_DOES.search(read.text) or _WILL_DO.search(" ".join(read.tokens)):
            return False
        return any(asked & only for only in captions.values())

    def _captions_uncached(self, story_id: str) -> dict[int, frozenset[str]]:
        """The story's sentences about its photo, by order, with the stems only they have."""
        sentences = self._sentences(story_id)
        captions = [s for s in sentences if _PICTURE_STEMS & s.stems]
        if not captions:
            return {}
        elsewhere = {k for s in sentences if not _PICTURE_STEMS & s.stems for k in s.stems}
        # ("what has Beijing decided?": the capital stands for the country the story is about, though
        # only the caption names it)
        elsewhere |= self._home_country_stems(story_id)
        return {c.order: frozenset(c.stems - elsewhere - STOPWORDS) for c in captions}

    def _other_party(self, story: Story, read: Question, kind: str, turn: Turn) -> Sentence | None:
        """ "And the other side?" after "how long do the troops have?": the nearest sentence to the
        last answer that answers the same kind of question about someone else."""
        sentences = self._sentences(story.id)
        said = _last_answer(sentences, turn)
        if said is None:
            return None
        # Who the last answer was about: the names it gives, or (naming nobody: "Israel approved the
        # deal") the countries acting in it, or the actor the question named.
        countries = {k for k in said.stems if k.startswith(COUNTRY_PREFIX)} if not said.names else set()
        old = {k for k in turn.topic if k in _SUBJECT_KEYS} | set(said.names) | countries
        old |= set(lexicon().tag_stems(tuple(old)))
        named = self._question_names(read, turn)
        others = [
            s
            for s in sentences
            if s.order != said.order
            and s.kind != "summary"
            and not (old & s.stems)
            and _fits(s, kind, read, named)
        ]
        if not others:
            return None
        # The other party is someone: a sentence naming a person or body beats one that names no one,
        # and the same update (a key fact belongs to the update of its date) beats a nearby one.
        update = said.update if said.update >= 0 else _update_of_date(story, said.date)
        return min(others, key=lambda s: (not s.names, s.update != update, abs(s.order - said.order)))

    def _weigh(
        self,
        story: Story,
        read: Question,
        kind: str,
        terms: Sequence[QueryTerm],
        turn: Turn | None,
        actors: frozenset[str],
    ) -> list[tuple[float, Sentence]]:
        """Each sentence's topical score, adjusted for who the question is about and the conversation."""
        sentences = self._sentences(story.id)
        weights = self._term_weights(story, read, terms, sentences, turn)
        if kind == YESNO and any(is_month(t) or year_of(t) is not None for t in read.tokens):
            # "Did Hamas take part in the August 2024 talks?": an update's sentences are of its date,
            # so the summary, which spells the date out, doesn't win on the date alone
            scored = [(self._topical(s, weights, _month_and_year(s)), s) for s in sentences]
        else:
            scored = [(self._topical(s, weights), s) for s in sentences]
        if kind in {WHAT, WHO, YESNO} and _asks_of_the_event(read):
            # "what did the strikes target?": a sentence telling the strikes, not one only set after
            # them ("crews carried out rescue work ... after the strikes"), unless it has the
            # question's other words ("why were emergency crews out? was something hit?")
            other = _other_than_the_event(read)
            scored = [
                (score * (EVENT_ONLY_AS_TIME if s.follows_event and not other & s.stems else 1.0), s)
                for score, s in scored
            ]
        governed = _governments_asked(read) if read.countries else frozenset()
        if governed:
            # "When did the Israeli cabinet approve the deal?": Israel's government, which "Israel
            # approved" is; "the Biden administration" is a government, but another country's
            scored = [
                (score * (OTHER_GOVERNMENT if _other_government(s, governed) else 1.0), s)
                for score, s in scored
            ]
        short = len(read.topic) <= SHORT_QUESTION_WORDS
        named_countries = {c for c in read.countries if _country_named_alone(c).search(read.text)}
        if read.kind == YESNO and named_countries and short:
            # "Was it Russia that ...?" is answered by a sentence naming Russia ("did the Russian
            # strikes ...?", "did Russia's attack ...?" name the attack, not Russia, as the subject).
            scored = [
                (score * (1.0 if named_countries <= sentence_countries(s.text) else SUBJECT_MISSING), s)
                for score, s in scored
            ]
        subject = _yes_no_subject(read) if read.kind == YESNO else frozenset()
        if subject and any(subject & _own_words(s) for _, s in scored):
            # "Were emergency crews sent in after the strikes?" is answered by a sentence about the
            # crews, not by the one that tells the strikes best
            scored = [
                (score * (1.0 if subject & _own_words(s) else YES_NO_SUBJECT_MISSING), s)
                for score, s in scored
            ]
        # ("has Iran retaliated yet?" is answered by "Iran is still weighing its options")
        verb = _yes_no_verb(read.tokens) if read.kind == YESNO and not read.pending else frozenset()
        tokens = read.tokens
        if (
            read.kind == WHAT
            and len(tokens) > 3
            and tokens[0] == "what"
            and tokens[1] in _DID_DOES
            and (countries_in(tokens[2]) or stem(fold(tokens[2])) in actors)
        ):
            # "what did Israel sign off on?": what the actor approved, in the sentence saying the
            # approving ("what does the deal require?" asks the deal's terms, in any words)
            verb = _yes_no_verb(tokens[1:])
        if verb and any(verb & _acted_words(s) for _, s in scored):
            # "Is Macron losing prime ministers?": the sentence saying the losing ("toppled", "lost"),
            # not one that only names Macron and, in its headline, prime ministers
            scored = [
                (score * (1.0 if verb & _acted_words(s) else YES_NO_VERB_MISSING), s) for score, s in scored
            ]
        doer = _doer_asked(read) if read.kind == WHAT else None
        if doer is not None and any(s.subject_country == doer for _, s in scored):
            # "what has Beijing done about those metals?": a sentence of China acting ("China has put
            # in place ..."), not one describing the metals ("These materials are vital for ...")
            scored = [
                (score * (1.0 if s.subject_country == doer else SUBJECT_MISSING), s) for score, s in scored
            ]
        asked = read.proper_tokens
        if (
            read.kind in {YESNO, WHAT}
            and _MUST in lexicon().tag(list(asked))
            # (not a guess, "the area must be pitch black", nor "what's Iran got to do with it?")
            and not _NO_OBLIGATION.search(" ".join(asked))
            and any(score > 0 and _states_terms(s) for score, s in scored)
        ):
            # "do the Israeli soldiers have to leave Gaza under the deal?": what the deal obliges them
            # to, not a scene of them leaving
            scored = [(score * (1.0 if _states_terms(s) else OBLIGATION_MISSING), s) for score, s in scored]
        thing = _thing_now(read) if read.kind == YESNO else frozenset()
        came_about = False
        if thing:
            holding = _updates_holding(scored, thing)
        else:
            # ... as has one that came about, where updates tell it differently over time
            holding = _updates_holding(scored, _come_about(read))
            came_about = len({s.update for s in holding}) > 1
            holding = holding if came_about else []
        if holding:
            # "is there a ceasefire yet?" asks how things stand: the newest update that has one, not an
            # older sentence wanting one ("calls for a cease-fire")
            # (what came about, however much better an older sentence names who the question names:
            # "have Israel and Hamas finally made peace?" is the newest update's "Israel approved")
            newest = max(s.update for s in holding)
            # ("is the war over?", "is the truce in place?": the state asked is the newest update's,
            # however much better an older sentence names the rest; "is there any source given?"
            # only prefers the newest)
            settled = came_about or bool(_STATE_NOW.search(_without_filler(read)))
            top = max(score for score, _ in scored) if settled else 0.0
            scored = [
                (max(score, top) if s.update == newest and s in holding else score * OLDER_STATE, s)
                for score, s in scored
            ]
        if actors and short and not holding:
            # "What must Hamas do?": a sentence without the people or bodies a short question names is
            # about someone else, however well its other words match. (How things stand between them,
            # "have Israel and Hamas finally made peace?", is the newest state, whoever it names.)
            scored = [
                (score * (1.0 if actors <= (s.stems | s.context) else SUBJECT_MISSING), s)
                for score, s in scored
            ]
        said = _last_answer(sentences, turn) if turn is not None else None
        # "and Hamas?" asks the last question of a new subject; the last answer may have given its
        # part already ("... forces have 24 hours to withdraw and Hamas has 72 hours ...")
        old = _old_subject(turn) if read.elliptical and turn is not None else frozenset()
        new = _new_subject(read) if read.elliptical else frozenset()
        said_both = said is not None and _clause_of_its_own(said, new, old)
        if turn is not None and turn.sentence is not None:
            # A neighbour of the last answer is a good candidate; the answer itself a last resort when
            # the same kind of thing is asked again, but not when a new kind is ("when did it ...?").
            # A bare "why?" asks about the last answer: it is the subject, not the answer.
            # "When was that?", "where did it happen?" ask about the last answer: it may hold the answer.
            bare = 1.2 if kind in _ABOUT_LAST_ANSWER else 0.05
            if kind == WHY and turn.kind == YESNO and said is not None and said.reason:
                # "Did Hamas attend?" "Hamas boycotted it because ..." "For what reason?": the answer
                # gave it, more surely than a neighbour telling what followed
                bare = 1.2
            # "Who refused to come?" "Hamas refused ..., in protest at ..." "Why did they not come?":
            # the answer gave its cause, in so many words, whatever else the question says
            gave_cause = kind == WHY and turn.kind == WHO and said is not None and said.gives_cause
            # A plain "what ...?" was answered by the last sentence already, whatever it asked then.
            if (
                said is not None
                and read.topic
                and not read.elliptical  # "and Hamas?" asks the old question of a new subject
                and _all_said_in(read, said)
            ):
                repeat = 1.1  # "retaliation for what?": every word of it is in the last answer
            elif gave_cause:
                repeat = 1.2
            elif said_both or read.asks_scope:
                # the new subject's part is in the last answer, in a clause of its own; or the last
                # answer told the thing whose scope is asked ("only rare earths, or others too?")
                repeat = 1.0
            else:
                again = turn.kind in {kind, WHAT} or kind == WHAT
                repeat = bare if not _own_topic(read) else 0.6 if again else 0.9
            last = turn.sentence
            scored = [
                (score * (1.15 if abs(s.order - last) == 1 else repeat if s.order == last else 1.0), s)
                for score, s in scored
            ]
        if read.elliptical and turn is not None:
            # "and Hamas?" after a question about the troops: a sentence still about the troops is
            # about the old subject, even when it mentions the new one in passing.
            # (the last answer, if it gave the new subject's part too, counts in full: another
            # sentence may still be about the new subject alone)
            if old:
                scored = [
                    (score * (OLD_SUBJECT if old & s.stems and not (said_both and s is said) else 1.0), s)
                    for score, s in scored
                ]
            # ... and a sentence that doesn't mention the new subject at all is about something else
            # ("what about the kids in the pic?" after "why did Hamas skip the talks?").
            if new and any(new & (s.stems | s.context) for _, s in scored):
                scored = [
                    (score * (1.0 if new & (s.stems | s.context) else SUBJECT_MISSING), s)
                    for score, s in scored
                ]
        if read.asks_scope:
            # "Only rare earths, or other materials too?": the sentence telling X with the rest ("rare
            # earths and other critical minerals"), even if it was the last answer
            scored = [
                (score * (SCOPE_TOLD if _OTHER_WORDS & set(s.tokens) else 1.0), s) for score, s in scored
            ]
        if read.wants_other and turn is not None:
            # "Who else ...?": not what the conversation has already named ("other regions?": places,
            # the country they are in aside; a sentence naming none names no other)
            scored = [
                (
                    score
                    * (
                        0.3
                        if (not _new_places(s, turn) if kind == WHERE else _only_named_before(s.names, turn))
                        else 1.0
                    ),
                    s,
                )
                for score, s in scored
            ]
        # The summary repeats what the updates say in their own words: it answers last. A sentence
        # about the story's photo answers only a question about the photo.
        captions = self._captions(story.id)
        pictured = bool(captions) and self._about_picture(story.id, read, turn)
        # ... and a question that says it is about the photo ("who appears in the photograph with the
        # rare earths item?") is answered by the caption, whatever else names the story
        photo_asked = pictured and bool({stem(fold(t)) for t in read.proper or read.tokens} & _PICTURE_STEMS)
        return [
            (
                score
                * (0.6 if s.kind == "summary" else 1.0)
                * (CAPTION_SHARE if s.order in captions and not pictured else 1.0)
                * (CAPTION_SHARE if photo_asked and s.order not in captions else 1.0),
                s,
            )
            for score, s in scored
        ]

    def _answer_with(
        self,
        story: Story,
        chosen: Sentence,
        kind: str,
        sentences: Sequence[Sentence],
        scored: Sequence[tuple[float, Sentence]],
    ) -> _Pick:
        text = chosen.text
        before = self._before(sentences, chosen)
        if kind == WHEN and chosen.date is not None:
            if not chosen.has_time or (chosen.date_is != "event" and not _states_date(chosen)):
                text = f"{text} ({when_note(chosen.date, chosen.date_is)})"
        elif (
            kind == WHY
            and before is not None
            and (not (chosen.strong_reason or chosen.result) or chosen.context)
            and len(before.text) + len(text) + 1 <= MAX_ANSWER_CHARS
        ):
            # The reason for an event stated here is often the sentence before it, and "That is bad
            # news for ..." needs what "that" is.
            text = f"{before.text} {text}"
        elif kind == WHY and chosen.result:
            # "The 13 December attack left half the region without power" gives the cause only by
            # reference: the sentence that tells what that attack was comes first.
            cause = _cause_told_before(sentences, chosen)
            if cause is not None and len(cause.text) + len(text) + 1 <= MAX_ANSWER_CHARS:
                text = f"{cause.text} {text}"
        return _Pick(truncate(text, MAX_ANSWER_CHARS), chosen.date or story.updated, True, chosen)

    def _asks_of_older_news(
        self, story: Story, read: Question, terms: Sequence[QueryTerm], turn: Turn | None
    ) -> bool:
        """Whether a "what's going on?" names a matter an older update tells far better than the newest
        one does: it asks about that matter, not for the newest news."""
        # (asking for the newest in so many words is asking for the newest news)
        if not read.topic or _RECENCY_WORDS & set(read.tokens):
            return False
        # ... and the story's own words name the story, not a matter in it: "what's new with the war?"
        own = self._key_terms(story.id) | self._proper_names(story.id) | self._home_country_stems(story.id)
        matter = [
            t
            for t in terms
            if t.weight >= 1.0 and t.candidates and not any(key in own for key, _ in t.candidates)
        ]
        if not matter:
            return False
        updates = [s for s in self._sentences(story.id) if s.kind == "update"]
        weights = self._term_weights(story, read, matter, updates, turn)
        newest = len(story.updates) - 1
        best_newest = max((self._topical(s, weights) for s in updates if s.update == newest), default=0.0)
        best_older = max((self._topical(s, weights) for s in updates if s.update != newest), default=0.0)
        return best_older > 0 and best_older >= OLDER_NEWS_MARGIN * best_newest

    def _latest(self, story: Story, read: Question, terms: Sequence[QueryTerm], turn: Turn | None) -> _Pick:
        """The newest update: its lead and what follows it, or, when the question names something in
        it ("where do things stand with the hostages?"), the newest update's sentence about that."""
        newest = [
            s for s in self._sentences(story.id) if s.kind == "update" and s.update == len(story.updates) - 1
        ]
        if read.topic:
            weights = self._term_weights(story, read, terms, newest, turn)
            scored = [(self._topical(s, weights), s) for s in newest]
            best_score, best = max(scored, key=lambda pair: (pair[0], -pair[1].position))
            if best.position > 0 and best_score > LATEST_TOPIC_MARGIN * scored[0][0]:
                return _Pick(truncate(best.text, MAX_ANSWER_CHARS), best.date or story.updated, True, best)
        text = newest[0].text
        for following in newest[1:]:
            # A lead is often scene-setting ("Macron is scrambling ..."); the news is in what follows.
            if len(text) >= LATEST_ANSWER_CHARS or len(text) + 1 + len(following.text) > LATEST_ANSWER_CHARS:
                break
            text = f"{text} {following.text}"
        # "What's new?" is answered as news is told: the headline, then the lead.
        headlined = f"{story.latest.headline.rstrip('.')}: {text}"
        if len(headlined) <= MAX_ANSWER_CHARS:
            text = headlined
        return _Pick(truncate(text, MAX_ANSWER_CHARS), story.updated, True, newest[0])

    @staticmethod
    def _before(sentences: Sequence[Sentence], sentence: Sentence) -> Sentence | None:
        return next(
            (s for s in sentences if s.update == sentence.update and s.position == sentence.position - 1),
            None,
        )

    @staticmethod
    def _after(sentences: Sequence[Sentence], sentence: Sentence) -> Sentence | None:
        return (
            next(
                (s for s in sentences if s.update == sentence.update and s.position == sentence.position + 1),
                None,
            )
            if sentence.kind == "update"
            else None
        )

    @staticmethod
    def _answer_pair(story: Story, first: Sentence, second: Sentence) -> _Pick:
        text = f"{first.text} {second.text}"
        if len(text) > MAX_ANSWER_CHARS:
            text = first.text
        return _Pick(truncate(text, MAX_ANSWER_CHARS), second.date or story.updated, True, second)

    def _reported_on(self, story: Story, closest: Sentence) -> _Pick | None:
        """The lead of the closest sentence's update with the day it was reported, if dated."""
        newest = self._latest_update_lead(story, closest)
        if newest.date is None:
            return None
        text = f"{newest.text} (reported on {long_date(newest.date)})"
        return _Pick(truncate(text, MAX_ANSWER_CHARS), newest.date, True, newest)

    def _latest_update_lead(self, story: Story, closest: Sentence) -> Sentence:
        """The lead of the update the closest sentence belongs to, or of the newest update."""
        leads = [s for s in self._sentences(story.id) if s.kind == "update" and s.position == 0]
        return next((s for s in leads if s.update == closest.update), leads[-1])

    def _doesnt_say(self, story: Story, read: Question, kind: str, closest: Sentence | None) -> _Pick:
        opening = doesnt_say(read, kind)
        if kind in {WHEN} and story.latest.date_is != "event" and closest is None:
            closest = next(
                s
                for s in self._sentences(story.id)
                if s.kind == "update" and s.update == len(story.updates) - 1
            )
        if closest is None:
            return _Pick(opening, story.updated, False, None)
        tail = closest.text
        if kind == WHEN and closest.date is not None and not closest.has_time:
            tail = f"{tail} ({when_note(closest.date, closest.date_is)})"
        text = f"{opening} What it does say: {tail}"
        return _Pick(truncate(text, MAX_ANSWER_CHARS), closest.date or story.updated, False, closest)

    def _credited(self, story: Story, about: Sentence | None) -> _Pick:
        """The record's own sources, as the source of what the story tells."""
        return _Pick(publisher_credit(story), story.updated, True, about)

    def _source_of(self, story: Story, sentences: Sequence[Sentence], order: int, bare: bool) -> _Pick:
        """Who said what the last answer said: its own source if it names one, else the record's.
        ``bare``: the question only points back ("who said so?"), asking for no analyst or view."""
        said = next((s for s in sentences if s.order == order), None)
        if said is not None and said.reporting:
            return _Pick(truncate(said.text, MAX_ANSWER_CHARS), said.date, True, said)
        if said is not None:
            content = {k for k in said.stems if not k.startswith(CONCEPT_PREFIX) and k not in STOPWORDS}
            # "Who said so?" asks who spoke for that very news: the words of the clause that reports,
            # on the news's own day (the 2024 talks' officials didn't report the 2025 deal). "Who's
            # the analyst quoted?" asks for whoever the story quotes near it.
            shared = [
                (len((s.reported_stems if bare else s.stems) & content), s)
                for s in sentences
                if s.reporting
                and s.names
                and not (bare and s.date is not None and said.date is not None and s.date != said.date)
            ]
            same = [(count, s) for count, s in shared if count >= 2]
            if same:
                best = max(same, key=lambda pair: (pair[0], pair[1].kind == "update"))[1]
                return _Pick(truncate(best.text, MAX_ANSWER_CHARS), best.date, True, best)
            # "Who reported it?" after an update's lead: the update's own source, where it names one;
            # someone's forecast in the update ("says the pick might stick") is no source of its lead
            skip_forecasts = bare and said.position == 0
            update = [
                s
                for s in sentences
                if s.kind == "update"
                and s.update == said.update
                and s.reporting
                and not (skip_forecasts and s.forecast)
            ]
            if said.kind == "update" and update:
                return _Pick(truncate(update[0].text, MAX_ANSWER_CHARS), update[0].date, True, update[0])
        return self._credited(story, said)

    def _next_update(self, story: Story, sentences: Sequence[Sentence], order: int) -> Sentence | None:
        said = next((s for s in sentences if s.order == order), None)
        if said is None:
            return None
        update = said.update
        if update < 0:
            # A key fact belongs to the update of its date.
            update = _update_of_date(story, said.date)
            said = next((s for s in sentences if s.update == update and s.position == 0), said)
        if update >= 0:
            following = [s for s in sentences if s.update == update and s.position == said.position + 1]
            later = [s for s in sentences if s.update == update + 1 and s.position == 0]
            for candidates in (later, following):
                if candidates:
                    return candidates[0]
        return None

    def _previous_update(self, story: Story, sentences: Sequence[Sentence], order: int) -> Sentence | None:
        """The lead of the update before the one the sentence ``order`` belongs to."""
        said = next((s for s in sentences if s.order == order), None)
        if said is None:
            return None
        update = said.update if said.update >= 0 else _update_of_date(story, said.date)
        earlier = [s for s in sentences if s.update == update - 1 and s.position == 0] if update > 0 else []
        return earlier[0] if earlier else None

    def _term_weights(
        self,
        story: Story,
        read: Question,
        terms: Sequence[QueryTerm],
        sentences: Sequence[Sentence],
        turn: Turn | None,
    ) -> list[tuple[float, dict[str, float]]]:
        """Per question term: its weight (rarity in this story) and the keys that count for it."""
        lex = lexicon()
        frequency: dict[str, int] = {}
        for s in sentences:
            for key in s.stems:
                frequency[key] = frequency.get(key, 0) + 1
        count = len(sentences)

        def idf(key: str) -> float:
            return math.log(1.0 + count / frequency[key]) if key in frequency else 0.0

        out: list[tuple[float, dict[str, float]]] = []
        for term in terms:
            keys: dict[str, float] = {}
            for key, similarity in term.candidates:
                keys[key] = max(keys.get(key, 0.0), similarity)
            for tag in lex.tag(term.word.split()):
                keys[tag] = max(keys.get(tag, 0.0), CONCEPT_CREDIT)
            country = country_of_word(term.word)
            if country is not None:
                keys[COUNTRY_PREFIX + country] = max(keys.get(COUNTRY_PREFIX + country, 0.0), 0.9)
            elif (country := _only_country(term.word)) is not None:
                # a capital or a people stands for its country too ("Washington", "the Americans"):
                # less than the word itself, so a sentence saying "Washington" still comes first
                keys[COUNTRY_PREFIX + country] = max(
                    keys.get(COUNTRY_PREFIX + country, 0.0), STANDS_FOR_COUNTRY
                )
            rarity = max((idf(k) for k in keys), default=0.0)
            # "Ukraine got hit again? who's in the dark": the question proper decides the sentence.
            share = PREAMBLE_CREDIT if set(term.word.split()) <= read.preamble | read.scene else 1.0
            out.append((term.weight * rarity * share, keys))
        # Phrases ("pull back", "stay away") carry concepts no single word does.
        for tag in lex.tag(list(read.search)) - {t for term in terms for t in lex.tag(term.word.split())}:
            out.append((idf(tag), {tag: CONCEPT_CREDIT}))
        if turn is not None and read.elliptical:
            # "and Hamas?" asks the last predicate of a new subject; "and what day did they approve
            # it?" brings its own (the last one would lead away from it)
            inherited = frozenset() if self._own_predicate(story, read, terms) else turn.predicate
            for key in inherited:
                out.append((ELLIPSIS_PREDICATE_CREDIT * idf(key), {key: 1.0}))
        elif turn is not None and len(read.topic) <= 3:
            for key in turn.topic:
                out.append((FOLLOWUP_TOPIC_CREDIT * idf(key), {key: 1.0}))
        said = _last_answer(sentences, turn) if turn is not None else None
        if said is not None and _PERSON_PRONOUNS & set(read.tokens):
            # "What exactly is his assessment?": he is someone the last answer named; the sentences
            # naming him count (a name met everywhere, like the president's, counts little).
            for run in _people_named(said):
                for key in run:
                    out.append((FOLLOWUP_TOPIC_CREDIT * idf(key), {key: 1.0}))
        if said is not None and not read.topic:
            # "why?" alone asks about what was just said: its words lead to its neighbours.
            for key in said.stems:
                if not key.startswith(CONCEPT_PREFIX):
                    out.append((FOLLOWUP_TOPIC_CREDIT * idf(key), {key: 1.0}))
        return out

    @staticmethod
    def _topical(
        sentence: Sentence,
        weights: Sequence[tuple[float, dict[str, float]]],
        dated: frozenset[str] = frozenset(),
    ) -> float:
        total = 0.0
        for weight, keys in weights:
            best = 0.0
            for key, credit in keys.items():
                if key in sentence.stems or key in dated:
                    best = max(best, credit)
                elif key in sentence.context:
                    best = max(best, credit * CONTEXT_CREDIT)
            total += weight * best
        return total

    def _question_names(
        self, read: Question, turn: Turn | None, terms: Sequence[QueryTerm] = ()
    ) -> frozenset[str]:
        """Stems the question (or, for an ellipsis, the conversation) already names: not an answer.
        A word typed with a typo names what it stands for ("ukrane" is Ukraine)."""
        named = frozenset(stem(fold(t)) for t in read.topic) | _typo_readings(terms)
        # ("who is picking the next French PM?": France, named by its adjective, is no answer)
        named |= {stem(w) for country in read.countries - read.guessed_countries for w in words(country)}
        # ... nor the head of government it names in other words ("PM": "prime ministers")
        lex = lexicon()
        if _HEAD_OF_GOVERNMENT in lex.tag(list(read.topic)):
            concept = _HEAD_OF_GOVERNMENT[len(CONCEPT_PREFIX) :]
            named |= {stem(fold(member)) for member in lex.concept_members.get(concept, ())}
            named |= {key for words_ in lex.concept_phrases_of(concept) for key in words_}
        if read.elliptical and turn is not None:
            named |= turn.named
        # ("who hit the grid? was it Russia?": Russia, offered as the answer, may be it)
        return named - {stem(w) for w in read.guessed}

    def _reason_untold(self, story: Story, read: Question, terms: Sequence[QueryTerm]) -> bool:
        """ "Why did they get thrown out, was it over the budget?": a reason offered that the story
        never mentions is one it doesn't give."""
        offered = _REASON_OFFERED.search(read.text) if read.kind == WHY else None
        if offered is None:
            return False
        guessed = [w for w in words(offered.group(1)) if len(w) >= 4 and w not in STOPWORDS]
        return bool(guessed) and all(self._absent(story, w, terms) for w in guessed)

    def _missing_focus(
        self, read: Question, story: Story, terms: Sequence[QueryTerm], *, following: bool = False
    ) -> bool:
        """Whether the question hinges on something the story never mentions: the noun of "which
        ministry", the thing counted in "how many people died"."""
        # "what package was on the table?": the terms are asked for, whatever the story calls them.
        focus = [read.target[-1]] if read.target and not read.asks_terms else list(read.unit)
        # A word inside one of the story's concepts as a phrase ("heads of govt", "burned through")
        # is covered by the phrase, though it is not in the story alone: worked out once, if needed.
        covering = lru_cache(maxsize=1)(lambda: _phrase_tags_as_typed(read.tokens))

        def untold(word: str) -> bool:
            # a word in a phrase is the phrase's ("burned through" is toppling, "burned" alone is
            # not; "lost their lives" is dying, whatever else "lost" matches)
            tags = covering().get(word)
            return not self._has_tags(story, tags) if tags else self._absent(story, word, terms)

        if read.unit and len(read.unit) > 1 and self._has_tags(story, _phrase_only_tags(read.unit)):
            focus = []  # "heads of government": the phrase is in the story as "prime ministers"
        # A long question names much it doesn't ask; in a message of several sentences, the question
        # proper is what counts ("Was anybody hurt in the strikes? I do worry about those people.")
        asked_topic = [t for t in read.topic if t in read.proper] if read.proper else list(read.topic)
        focused = len(asked_topic) <= SHORT_QUESTION_WORDS
        asked_words = read.proper or frozenset(read.tokens)
        if read.kind == QUANTITY and read.unit:
            # "how many people were killed or injured in ...": however long the question, what
            # happened to the counted thing must be in the story.
            # (the counted noun only: "how many people lost their lives" reads "lost" as a verb)
            counted = noun_phrase(read.unit)[-1]
            after = read.tokens[read.tokens.index(counted) + 1 :][:4] if counted in read.tokens else ()
            # ("how many people die in ...", typed without the past tense: the verb all the same)
            # ... and a phrase there is a happening too ("lost their lives" is dying)
            happened = _happenings(after, bare=True) + [t for t in after[:1] if t in covering()]
            if happened and all(untold(t) for t in happened):
                return True
        if read.kind == QUANTITY and not read.unit and {"many", "much"} & set(read.tokens):
            # "How much have rare earth prices jumped since ...?": what happened must be in the story,
            # however long the question.
            at = next(i for i, t in enumerate(read.tokens) if t in {"many", "much"})
            happened = _happenings(read.tokens[at + 1 :][:6])[:1]
            if happened and all(untold(t) for t in happened):
                return True
        # "how many did they fire?" counts what the verb acts on: the verb must be in the story too.
        counts_by_verb = read.kind == QUANTITY and not read.unit and bool({"many", "much"} & set(read.tokens))
        if focused and read.kind == YESNO and self._phrase_untold(story, read, asked_words):
            # "is the power back on in Ternopil (yet)?": being restored, which it never tells
            return True
        if focused and (
            (read.kind == QUANTITY and (read.unit or counts_by_verb)) or read.kind in {WHEN, DURATION}
        ):
            # "How many people were injured?": every content word must be something the story covers
            # (not the words of time itself: "over how many years has the crisis extended?").
            # (nor "meant", "supposed": "when is Macron meant to name one?" asks when he is due to)
            # (in a follow-up, a word of another language the lexicon couldn't read, "wann versucht
            # Macron es wieder?", is more often the conversation's topic retold than a thing the
            # story lacks; in a first question it is as often the very thing asked, measured)
            unread = read.foreign_common if following else frozenset()
            focus += [
                t
                for t in asked_topic
                if len(t) >= 4
                and not countries_in(t)
                and t not in _SPAN_WORDS
                and t not in _DUE_WORDS
                and t not in _SO_FAR_WORDS
                and t not in _LIGHT_PARTICIPLES  # "how long were they given to withdraw?"
                and t not in unread
            ]
            # "When will they get the power back?": what its phrases ask about, too ("get back" is
            # restoring, a concept of its own, though "back" alone is no topic), when no sentence has it.
            if self._phrase_untold(story, read, asked_words):
                return True
        # "how long did the last PM last?": a span told for all of them ("five prime ministers in two
        # years") is not the last one's
        if (
            read.kind == DURATION
            and _ONE_HOLDER.search(read.text)
            and not any(s.has_duration and _HOLDER_WORDS & set(s.tokens) for s in self._sentences(story.id))
        ):
            return True
        # "which side", "which region": the class of the answer, not a thing the story must name.
        # (an abbreviation is its word: "govt" is the "government" a class of answer names)
        focus = _spelled_out(focus)
        focus = [w for w in focus if w not in ANSWER_CLASS_WORDS]
        cleft = read.tokens[1:2] == ("it",)  # "was it Russia that knocked out ...?" asks who, not a passive
        if (
            read.kind in {YESNO, QUANTITY}
            and read.tokens
            and read.tokens[0] in {"was", "were", "is", "are"}
            and not cleft
        ):
            # "Were any people killed in the strikes?": the passive verb is what is asked about, also
            # when a count follows ("were people hurt? how many?").
            # ("were rescue operations conducted ...?": a light verb only says the noun happened)
            # (in a longer question, the verb right after a short subject: "were many people hurt or
            # killed in that December strike on Ukraine?")
            # ("were the lights knocked out ...": a verb with its particle says something else)
            tokens = read.tokens
            focus += [
                t
                for i, t in enumerate(tokens[: None if focused else PASSIVE_WITHIN])
                if i > 0
                and ((t.endswith("ed") and len(t) > 4) or t in _IRREGULAR_PARTICIPLES)
                and t not in _LIGHT_PARTICIPLES
                # ("is Trump gonna hit back?": "going to" is a future, no passive, and "hit" after "to"
                # no participle; the question's own words are what is asked)
                and tokens[i - 1] != "to"
                and tokens[i : i + 2] != ("going", "to")
                and (focused or i + 1 >= len(tokens) or tokens[i + 1] not in PARTICLES)
            ]
        if focused and read.kind == YESNO and read.tokens and read.tokens[0] in _DO_HAVE:
            # "Did anybody die in the strikes?": the verb is what is asked about ("die", short as it is);
            # so is the participle of "have they restored the lights?"
            verb_at = _asked_verb_at(read)
            verb = read.tokens[verb_at] if verb_at is not None else ""
            # (a light participle only says it happened: "has Macron already found a new PM?")
            if (
                verb
                and verb not in GENERIC_WORDS
                and not (read.tokens[0] in _HAVE and verb in _SAYS_ONLY_IT_HAPPENED)
            ):
                focus.append(verb)
        # "I do hope nobody was hurt. Were there any casualties?": in the question proper, if not first
        # ("is there actually a ceasefire?": the filler is not the thing asked about)
        said = _without_filler(read)
        there = _THERE_ANY.match(said) or _THERE_ANY.search(said)
        if there is not None and read.proper and there.group(3) not in read.proper:
            there = None
        if read.kind == YESNO and there:
            # "were there any deaths?": deaths are what is asked about, however long the question
            focus.append(there.group(3))
        if (
            read.kind == YESNO
            and len(read.tokens) > 1
            and read.tokens[0] in ANY_ONE
            and read.tokens[1] not in STOPWORDS
        ):
            # "anybody dead from the strikes?", "any people killed?": the words up to the first small
            # one are what is asked about
            for token in read.tokens[1:4]:
                if token in STOPWORDS:
                    break
                focus.append(token)
        any_subject = _ANY_SUBJECT.match(" ".join(read.tokens))
        if read.kind == YESNO and any_subject and (not read.proper or any_subject.group(2) in read.proper):
            focus.append(any_subject.group(2))  # "were any injuries reported?": injuries are asked about
        about = SAYS_ABOUT.search(read.text)
        if about is not None:
            # "what does the story say about casualties from the strikes?": the casualties (up to the
            # first preposition) are what is asked about; when none of them is in the story, it
            # doesn't say
            head = re.split(
                r"\b(?:from|in|on|of|after|during|since|at|for|to|by|with)\b", about.group("about").lower()
            )[0]
            names = self._proper_names(story.id)
            asked = [
                t
                for t in words(head)
                if len(t) >= 4
                and t not in STOPWORDS
                and t not in GENERIC_WORDS
                and not countries_in(t)
                and stem(fold(t)) not in names
            ]
            if asked and all(self._absent(story, word, terms) for word in asked):
                return True
        # "anyone dead?", "casualties?": no question word, asked as a yes-or-no question; "what are
        # Macron's approval ratings like?": nothing it asks about is in the story (what someone plans,
        # or the terms of a deal, the story may tell in words of its own)
        bare = read.kind == WHAT and not (read.asks_plan or read.asks_terms or read.elliptical)
        if (focused or read.kind == YESNO) and (read.kind == YESNO or bare) and not focus:
            # "were there any deaths?": when nothing the question asks about is in the story, it doesn't
            # say; one word of it present ("did Hamas attend?") is enough to answer from.
            unread = read.foreign_common if following else frozenset()
            asked = [
                t
                for t in read.topic
                if len(t) >= 4 and not countries_in(t) and t not in GENERIC_WORDS and t not in unread
            ]
            # "is Macron going to call early elections?": what is asked is the predicate, not the name.
            names = self._proper_names(story.id)
            # ("has President Macron considered fresh elections?": a title before the name is the name's)
            tokens = read.tokens
            titles = {t for t, after in pairwise(tokens) if t in TITLE_WORDS and stem(fold(after)) in names}
            asked = [t for t in asked if stem(fold(t)) not in names and t not in titles] or asked
            # "has Tehran made up its mind?": "made" and "mind" are there when "weighing" is.
            phrased = lexicon().phrase_tags(words(read.text))  # as typed: "its" is no "it is" here
            # ("what's the situation with the French government?": words the story is known by, in its
            # title or keywords, name its topic, though no sentence spells them: no thing asked; "did
            # anyone die in the Ternopil attack?" asks about the dying)
            known_by = self._key_terms(story.id)
            # (nor is a light verb, which only says something happened: "has Macron already found a
            # new prime minister?", "what has Iran done back?")
            asked = [
                t
                for t in asked
                if stem(fold(t)) not in known_by
                and t not in _SAYS_ONLY_IT_HAPPENED
                and t not in _TIME_CLAUSE
                and t not in _IN_THE_END  # "is the war finally over?": when, not what
                # ("what's his assessment of the pick?", "is it accurate to state that ...?": a view
                # or a claim asked about, which what the story says answers either way)
                and t not in _OPINION_WORDS
                and t not in _CONFIRMING_WORDS
            ]
            if asked and all(
                self._absent(story, word, terms) and not self._has_tags(story, phrased.get(word, frozenset()))
                for word in asked
            ):
                return True
        head = read.noun_phrase_asked
        if head:
            # "Casualties from 13 Dec strikes?": a clipped question naming a thing of a known kind
            # (deaths, damage) before what it is of; the story must tell that kind of thing
            tags = lexicon().tag(list(head))
            if tags and not self._has_tags(story, tags) and all(self._absent(story, w, terms) for w in head):
                return True
        for word in focus:
            if word in GENERIC_WORDS or word in STOPWORDS or word in _PREPOSITIONS:
                continue
            if self._absent(story, word, terms) and not self._has_tags(
                story, covering().get(word, frozenset())
            ):
                return True
        return False

    def _phrase_untold(self, story: Story, read: Question, asked_words: Collection[str]) -> bool:
        """Whether a phrase of the question carries a concept no sentence of the story has ("get the
        power back", "back on": restoring)."""
        phrases = lexicon().phrase_tags(read.tokens)
        # ("when is he supposed to name one?": being due is no thing the story must tell)
        asked_concepts = set().union(
            *(tags for word, tags in phrases.items() if word in asked_words and word not in _DUE_WORDS)
        ) - {CONCEPT_PREFIX + "must"}
        return any(not self._has_tags(story, frozenset({tag})) for tag in asked_concepts)

    def _has_tags(self, story: Story, tags: frozenset[str]) -> bool:
        """Whether some sentence of the story has one of the keys (stems or concept tags)."""
        return bool(tags) and any(tags & s.stems for s in self._sentences(story.id))

    def _absent(self, story: Story, word: str, terms: Sequence[QueryTerm]) -> bool:
        """Whether no sentence of the story holds this question word, its concept or a typo of it."""
        parts = self.index.run_together_parts(word)
        if parts:
            return any(self._absent(story, part, terms) for part in parts)  # "primeministers"
        lex = lexicon()
        term = next((t for t in terms if word in t.word.split()), None)
        # A loose typo match ("injured" ~ "infrastructure") doesn't make a word present.
        own = self._key_terms(story.id) | self._home_country_stems(story.id)
        keys = (
            {k for k, sim in term.candidates if sim >= 0.7 or (sim >= TYPO_SIMILARITY and k in own)}
            if term is not None
            else set()
        )
        keys.add(stem(fold(word)))  # (as a sentence holds it: "70%" holds "percent", no index word)
        keys |= set(lex.tag([word])) | set(lex.tag_stems(tuple(keys)))
        field = lex.broader.get(fold(word), ())
        keys -= {stem(fold(w)) for w in field if w != fold(word)}  # "election" is not "political"
        sentences = self._sentences(story.id)
        if any(keys & s.stems for s in sentences):
            return False
        # (the sentences are annotated by now: their stems are the story's words, with no second pass
        # over its text as a story only ranked needs)
        return not self._near_story_word(story.id, word, self._told_stems(story.id))

    def _near_story_word(self, story_id: str, word: str, stems: Sequence[str] | None = None) -> bool:
        """A typo of a story word ("apoint" for "appointment") is not a missing word."""
        return (
            process.extractOne(
                stem(fold(word)),
                self._story_stems(story_id) if stems is None else stems,
                scorer=fuzz.ratio,
                score_cutoff=80,
            )
            is not None
        )

    def _told_stems_uncached(self, story_id: str) -> tuple[str, ...]:
        """``_story_stems`` read off the story's annotated sentences: the same word stems (their
        concept and country tags left out), for a story whose sentences are built already."""
        told = {k for s in self._sentences(story_id) for k in s.stems if not k.startswith(CONCEPT_PREFIX)}
        return tuple(sorted(told))

    def _story_stems_uncached(self, story_id: str) -> tuple[str, ...]:
        story = self.index.get(story_id)
        assert story is not None
        # From the text, not self._sentences: most stories asked about here are candidates that are
        # then passed over, and annotating their sentences was a slow question's main cost.
        return tuple(sorted(story_word_stems(story, self.index.stems_of)))

    def _says_phrase(self, story_id: str, terms: Sequence[QueryTerm]) -> bool:
        """Whether a question term of several words is in the story's text as typed, word for word."""
        phrases = [t.word for t in terms if " " in t.word and t.weight >= 1.0]
        return bool(phrases) and any(f" {fold(p)} " in self._running_text(story_id) for p in phrases)

    def _running_text_uncached(self, story_id: str) -> str:
        story = self.index.get(story_id)
        assert story is not None
        return f" {' '.join(fold(w) for w in words(story.searchable_text()))} "

    def _bare_names(self, story: Story, read: Question) -> bool:
        """Whether the question is nothing but one or two of the story's own names ("Ternopil")."""
        anchors = self._anchors(story.id)
        return 0 < len(read.topic) <= 2 and all(stem(fold(t)) in anchors for t in read.topic)

    def _names_only(self, story: Story, read: Question, terms: Sequence[QueryTerm]) -> bool:
        """A question that only names the story (its title, aliases or topic) wants the latest news."""
        if read.kind not in {WHAT} or any(t in {"what", "which", "who", "how"} for t in read.tokens):
            return False
        names = self._names(story.id)
        topical = [t for t in terms if t.word not in GENERIC_WORDS]
        return bool(topical) and all(any(k in names for k, _ in t.candidates) for t in topical)

    def _entity_stems_uncached(self, story_id: str) -> frozenset[str]:
        story = self.index.get(story_id)
        if story is None:
            return frozenset()
        # People and organisations act; places are where things happen, often named only in passing.
        names = story.entities.people + story.entities.organisations
        # ... and "French" in "French government" is the country, not the actor.
        # ("Times" in "New York Times" is no actor in "at the time of the talks")
        return frozenset(
            stem(fold(w))
            for name in names
            for w in words(name)
            if not is_place_name([fold(w)]) and fold(w) not in GENERIC_WORDS
        )

    def _name_stems_uncached(self, story_id: str) -> frozenset[str]:
        story = self.index.get(story_id)
        if story is None:
            return frozenset()
        # Entities are left out: "Mujtaba Rahman" alone asks about him, not for the latest news.
        texts = (story.id.replace("-", " "), story.title, story.topic, *story.aliases)
        return frozenset(stem(fold(w)) for text in texts for w in words(text))

    def _turn(
        self, story: Story, read: Question, terms: Sequence[QueryTerm], pick: _Pick, previous: Turn | None
    ) -> Turn:
        topic = _topic_keys(terms)
        if previous is not None and (read.elliptical or not topic):
            topic |= previous.topic  # "how many so far?" keeps talking about what was asked before
        named = frozenset(stem(fold(t)) for t in read.topic)
        if pick.sentence is not None:
            named |= pick.sentence.names | pick.sentence.places
        if previous is not None:
            named |= previous.named
        kind = read.kind
        if read.elliptical and previous is not None and kind in {WHAT, YESNO}:
            kind = previous.kind
        # "what does the army have to do?" -> "and Hamas?": the new subject takes the old predicate;
        # "and the army, how long to pull back?" brings its own.
        predicate = self._predicate(story, read, topic)
        if read.elliptical and previous is not None:
            predicate = self._own_predicate(story, read, terms) or previous.predicate
        return Turn(kind, topic, pick.sentence.order if pick.sentence else None, named, predicate)

    def _own_predicate(self, story: Story, read: Question, terms: Sequence[QueryTerm]) -> frozenset[str]:
        """The predicate of the question's own words, if the story speaks of it: an elliptical
        question may bring one ("and the army, how long to pull back?"); one the story never speaks
        of ("for citation purposes") says nothing about it."""
        own = self._predicate(story, read, _topic_keys(terms))
        return own if self._has_tags(story, own) else frozenset()

    def _predicate(self, story: Story, read: Question, topic: frozenset[str]) -> frozenset[str]:
        """What a question says is done, of its topic keys: not who does it (people, bodies, troops)
        nor where."""
        actors = self._entity_stems(story.id)
        return frozenset(
            k
            for k in topic | lexicon().tag(list(read.search))
            if k not in actors
            and k not in _SUBJECT_KEYS
            and not k.startswith(COUNTRY_PREFIX)
            and country_of_word(k) is None
        )

    def _sentences_uncached(self, story_id: str) -> tuple[Sentence, ...]:
        story = self.index.get(story_id)
        assert story is not None
        return story_sentences(story, self.index.stems_of)


_WARM_UP_QUESTIONS = (
    "how mny peopel were hurt in teh attack, and why?",
    "what's new?",
    "who said so, and when exactly?",
    "how many people died, and how long did it take?",
    "why did it happen, and what caused it?",
    "where is it, and which region or what date?",
    "has it happened yet? were there any deaths?",
    "and what about the EU and France?",
    "what's the number of people who lost power in Paris?",
)


_PERSON_PRONOUNS = frozenset("he him his she her hers".split())
_PROGNOSIS_WORDS = frozenset("outlook forecast prediction predictions prognosis".split())
_OPINION_WORDS = frozenset(
    "opinion opinions view views think thinks thought assessment take verdict predict predicts prediction "
    "expect expects reckon reckons believe believes forecast read say says said".split()
)
# Month names that are everyday words far more often: "who may ...", "mar the talks".
_NOT_MONTHS = frozenset({"may", "mar"})


# What an attack is done to: a country named before it owns the target ("Ukrainian grid strikes").
_ATTACKED_THINGS = frozenset(
    "grid grids power energy electricity infrastructure network plants plant cities towns homes "
    "substations ports".split()
)


# ("what Beijing has done", as a request puts it: "could you explain what Beijing has done ...?")
_WHAT_DONE = re.compile(
    r"\bwhat (?:(?:exactly|precisely|actually|specifically) )?"
    r"(?:(?:has|have|did|does|do|is|are) (?:the )?(\w+)|"
    r"(?:the )?(\w+) (?:has|have|had|is|are|was|were)) (?:done|do|doing)\b"
)


def _one_per_meaning(terms: list[QueryTerm]) -> list[QueryTerm]:
    """Words no story has that stand for the same story words ("smoke" and "pound" are both slang for
    an attack): one word of evidence, not two ("how long should I smoke a fourteen pound brisket?"
    is no question about the strikes on Ukraine). The later ones count toward how much of the
    question a story explains, but not as evidence of their own."""
    seen: set[frozenset[str]] = set()
    out = []
    for term in terms:
        if term.weight >= 1.0 and term.candidates and all(sim < 1.0 for _, sim in term.candidates):
            meaning = frozenset(key for key, _ in term.candidates)
            if meaning in seen:
                term = replace(term, weight=SAME_MEANING_WEIGHT)
            seen.add(meaning)
        out.append(term)
    return out


def _doer_asked(read: Question) -> str | None:
    """The country "what has X done (about ...)?" asks the deeds of, if X is one."""
    found = _WHAT_DONE.search(" ".join(read.tokens))
    doer = found.group(1) or found.group(2) if found is not None else ""
    if doer in {"it", "they"}:
        # "Beijing has curtailed sales of the minerals. What precisely has it done?": the one
        # country the message names
        doer = " ".join(read.tokens)
    countries = countries_in(doer) if doer else frozenset()  # "Beijing": China
    return next(iter(countries)) if len(countries) == 1 else None


def _without_filler(read: Question) -> str:
    """The question's words, chat filler left out ("is there actually a ceasefire?")."""
    filler = lexicon().filler
    return " ".join(t for t in read.tokens if fold(t) not in filler)


def _thing_now(read: Question) -> frozenset[str]:
    """What "is there a ceasefire (yet)?" asks exists now, as stems and concept tags; empty for other
    questions (and for "was there ...?", which asks about a time gone)."""
    said = _without_filler(read)
    there = _THERE_ANY.match(said)
    if there is None or there.group(1) not in {"is", "are"} or there.group(3) in STOPWORDS:
        # "is the ceasefire sorted now?", "is the truce actually in place?": how a thing stands now
        # (the last such clause: "is the war done now or what, is the ceasefire sorted?")
        state = next(reversed([*_STATE_NOW.finditer(said)]), None)
        named = [w for w in state.group(1).split() if w not in GENERIC_WORDS] if state is not None else []
        if state is None or not named or named[-1] in STOPWORDS:
            return frozenset()
        word = named[-1]
        if word in _WAR_WORDS and state.group(2) in _ENDED:
            # "is the war over?" asks whether there is a cease-fire
            return lexicon().tag(["ceasefire"])
    else:
        word = there.group(3)
    return frozenset({stem(fold(word))}) | lexicon().tag([word])


def _updates_holding(scored: Sequence[tuple[float, Sentence]], keys: frozenset[str]) -> list[Sentence]:
    """The updates' sentences holding any of these stems or concept tags."""
    return [s for _, s in scored if s.kind == "update" and keys & s.stems] if keys else []


def _come_about(read: Question) -> frozenset[str]:
    """What "israel n hamas finally squashed it?" asks has at last come about, by its concepts; empty
    for what may still be to come ("has Iran hit back yet?", answered as pending)."""
    if read.kind != YESNO or read.pending or _AT_LAST.isdisjoint(read.tokens):
        return frozenset()
    lex = lexicon()
    return lex.tag(list(read.topic)).union(*lex.phrase_tags(read.tokens).values())


# Words two sentences share when they tell the same occasion ("Qatar", "Gaza", a meeting).
SAME_OCCASION_WORDS = 2


def _same_occasion(told: Sentence, candidates: list[tuple[float, Sentence]]) -> list[tuple[float, Sentence]]:
    """Of the candidates, the one sharing most of the told sentence's own words (at least
    ``SAME_OCCASION_WORDS`` of them), as a list of none or one."""
    own = _own_words(told) - _SMALL_STEMS
    shared = [
        (len((_own_words(s) - _SMALL_STEMS) & own), score, s) for score, s in candidates if s is not told
    ]
    best = max(shared, key=lambda x: (x[0], x[1]), default=None)
    return [(best[1], best[2])] if best is not None and best[0] >= SAME_OCCASION_WORDS else []


_SMALL_STEMS = frozenset(stem(w) for w in STOPWORDS)


def _own_words(sentence: Sentence) -> frozenset[str]:
    """A sentence's stems, with its predecessor's where it opens with "this", "they" ...; not its
    headline's ("Hamas skips talks" over a lead about the Israeli negotiators)."""
    return sentence.stems | sentence.context if sentence.position > 0 else sentence.stems


@lru_cache(maxsize=4096)
def _acted_words(sentence: Sentence) -> frozenset[str]:
    """``_own_words`` less a participle used as an adjective ("an agreed perimeter" agrees nothing)."""
    tokens = sentence.tokens
    described = {
        stem(fold(word))
        for before, word in pairwise(tokens)
        if before in _ARTICLES_AND_POSSESSIVES and word.endswith("ed") and word not in _NOT_ATTRIBUTIVE
    }
    return _own_words(sentence) - described if described else _own_words(sentence)


# Past forms after an article that are nouns in their own right, not a participle describing one
_NOT_ATTRIBUTIVE = frozenset("need seed feed speed deed creed breed bed red shed".split())


def _month_and_year(sentence: Sentence) -> frozenset[str]:
    """An update sentence's month and year as a question writes them ("august", "2024")."""
    if sentence.kind != "update" or sentence.date is None:
        return frozenset()
    return frozenset({stem(sentence.date.strftime("%B").lower()), str(sentence.date.year)})


def _yes_no_subject(read: Question) -> frozenset[str]:
    """The stems and concepts of a yes-or-no question's subject: the words between its opening
    auxiliary and its verb ("were *emergency crews* sent in ...?"), or what "there" is said to be
    ("were there *rescue efforts* ...?"); empty when it has none of its own ("did it ...")."""
    tokens = _claim_asked(read.tokens)
    if len(tokens) < 3:
        return frozenset()
    if tokens[0] not in AUXILIARIES:
        # "Hamas went to them talks in Qatar or no?": a claim put as a question, its subject first
        # (a verb in the past or an auxiliary after a name or a noun, "talks" being none, and no
        # opening adverb: "back in 2024 was Washington ...?" has its own order)
        verb_at = next(
            (i for i in range(1, min(len(tokens), 4)) if is_past_verb(tokens[i]) or tokens[i] in AUXILIARIES),
            None,
        )
        if verb_at is None or any(
            t in STOPWORDS - {"the"} or t in _OPENING_ADVERBS or t.isdigit() for t in tokens[:verb_at]
        ):
            return frozenset()
        start, at = 0, verb_at
    elif tokens[1] == "there":
        # "were there rescue efforts after the strikes?": what is said to be there
        start = 2
        at = next((i for i in range(3, len(tokens)) if tokens[i] in _FOLLOWS_VERB), len(tokens))
    elif tokens[1] in ANAPHORA or tokens[1] in _SUBJECT_PRONOUNS:
        return frozenset()  # "is it in force now?": the subject is what the conversation is about
    else:
        found = _main_verb_at(tokens)
        if tokens[0] in _BE_HAVE:
            # "were Hamas at the meeting?", "was Hamas there?": presence, with no verb; the subject
            # is what comes before the place (not up to "meeting", which only looks like a participle)
            presence = next((i for i in range(2, min(len(tokens), 5)) if tokens[i] in _PRESENCE), None)
            if presence is not None and (found is None or presence < found):
                found = presence
        if found is None:
            return frozenset()
        start, at = 1, found
    # ("does the report assess ...?": the story itself is no subject to look for)
    filler = lexicon().filler
    words_ = [
        t
        for t in tokens[start:at]
        if t not in STOPWORDS and t not in ANAPHORA and t not in filler and t not in _THE_STORY_ITSELF
    ]
    if not words_:
        return frozenset()
    countries = countries_in(" ".join(words_))
    return (
        frozenset(stem(fold(t)) for t in words_)
        | lexicon().tag(words_)
        | {COUNTRY_PREFIX + c for c in countries}
    )


def _claim_asked(tokens: Sequence[str]) -> Sequence[str]:
    """A question asking whether a claim holds, put as the claim's own question: "is it true that
    Hamas did not attend?" asks "did Hamas not attend?" (its subject is Hamas, not "it")."""
    if len(tokens) < 6 or tokens[0] not in AUXILIARIES or tokens[1] != "it" or tokens[3] != "that":
        return tokens
    if tokens[2] not in _CLAIM_HOLDS:
        return tokens
    at = next((i for i in range(5, len(tokens)) if tokens[i] in AUXILIARIES), None)
    return tokens if at is None else [tokens[at], *tokens[4:at], *tokens[at + 1 :]]


_CLAIM_HOLDS = frozenset("true right correct accurate so fair".split())


def _yes_no_verb(tokens: Sequence[str]) -> frozenset[str]:
    """The stem and concepts of the verb of a question opening with an auxiliary ("is Macron *losing*
    ...?"); empty for a generic one ("did it happen?") or none found."""
    tokens = _claim_asked(tokens)
    if tokens and tokens[0] not in AUXILIARIES:
        # "Them fellas in the Far East, are they clamping down on ...?": the topic put first, then
        # the question about it with a pronoun
        fronted = next(
            (
                i
                for i in range(2, min(len(tokens) - 2, MAX_FRONTED_TOPIC))
                if tokens[i] in AUXILIARIES and tokens[i + 1] in _SUBJECT_PRONOUNS
            ),
            None,
        )
        tokens = tokens[fronted:] if fronted is not None else tokens
    if len(tokens) < 3 or tokens[0] not in AUXILIARIES or tokens[1] == "there":
        return frozenset()
    if tokens[0] in _BE_HAVE:
        at = _main_verb_at(tokens)  # a participle: "is Macron *losing* ...?", "has Iran *struck* ...?"
    else:
        # "did the barrage *leave* people without power?": the first word known as a verb
        # (after an article it is a noun: "does the *report* say ...")
        at = next(
            (
                i
                for i in range(2, min(len(tokens), 7))
                if tokens[i] in BASE_VERBS and tokens[i - 1] not in _ARTICLES_AND_POSSESSIVES
            ),
            None,
        )
    at = _after_catenative(tokens, at)
    if at is not None and tokens[at] in _LIGHT_VERBS:
        # "did Israel give its assent?", "was the barrage carried out with missiles?": the noun after a
        # light verb carries its meaning (one the lexicon knows: not "Israel" in "does the deal make
        # Israel pull out?")
        # (not past a time clause: "were rescue operations conducted after the strikes?" asks about
        # the operations, its subject)
        time_clause = next((i for i in range(at + 1, len(tokens)) if tokens[i] in _TIME_CLAUSE), len(tokens))
        at = next(
            (
                i
                for i in range(at + 1, time_clause)
                if tokens[i] not in STOPWORDS and tokens[i] not in _BEFORE_LIGHT_VERB_NOUN
            ),
            None,
        )
        if at is not None and not lexicon().tag([tokens[at]]):
            return frozenset()
    if at is None or tokens[at] in AUXILIARIES or tokens[at] in GENERIC_WORDS or tokens[at] in STOPWORDS:
        return frozenset()
    forms = [tokens[at], *past_forms(tokens[at])]  # "leave": "left" too
    return frozenset(stem(fold(w)) for w in forms) | lexicon().tag(forms)


# Words opening a sentence that are no subject of it
# The words between an auxiliary and the verb of what is yet to be done: "is going to", "is due to"
_ON_THE_WAY_TO = frozenset("going to about set due gonna expected likely supposed meant planning".split())
_OPENING_ADVERBS = frozenset(
    "back so surely now then today still also just really well anyway ok okay".split()
)
MAX_FRONTED_TOPIC = 10  # words of a topic put before the question about it


def _main_verb_at(tokens: Sequence[str]) -> int | None:
    """Where the verb of a question opening with an auxiliary stands, within its first words. After a
    form of "be" or "have" it is a participle ("were the talks *doomed*", "has Macron *given* up"),
    or there is none; otherwise it is the word before the first function word after the subject
    ("did Hamas *show* up to ...", "did Israel *sign* the deal"), or the last word ("did the Qatar
    talks *fail*")."""
    window = range(2, min(len(tokens), 6))
    if tokens[0] in _BE_HAVE:
        # without one, "is the October truce in force?" has no verb to find its subject by
        found = next((i for i in window if _participle(tokens[i]) or tokens[i] in AUXILIARIES), None)
        if found is None and tokens[0] in _HAVE:
            # "has Israel approve the deal?", Pidgin's "dem don restore the light?": a perfect with
            # its verb left bare, as learners and creoles write it
            found = next(
                (
                    i
                    for i in window
                    if tokens[i] in BASE_VERBS and tokens[i - 1] not in _ARTICLES_AND_POSSESSIVES
                ),
                None,
            )
        return found
    after_subject = next((i for i in range(3, len(tokens)) if tokens[i] in _FOLLOWS_VERB), len(tokens))
    return after_subject - 1 if after_subject - 1 >= 2 else None


def _participle(word: str) -> bool:
    return word in _PARTICIPLES or (len(word) > 4 and word.endswith(("ed", "ing", "en")))


# ("sent", "hit", "brought": most irregular verbs' past is their participle too)
_PARTICIPLES = frozenset(PAST_PARTICIPLES.values()) | frozenset(PAST_TENSE.values())
_THE_STORY_ITSELF = frozenset("report reports reporting coverage source sources".split())
_SUBJECT_PRONOUNS = frozenset("it they he she this that these those we you i anyone anybody someone".split())
_SOMEONE = frozenset(
    "guy guys fella fellas fellow fellows bloke blokes chap chaps individual individuals".split()
)
_PEOPLE_IN_PICTURE = _SOMEONE | frozenset(
    "man men woman women people person folks lads gents gentlemen ladies".split()
)
_PRESENCE = frozenset("at there present among around attending".split())
# Determiners, particles and prepositions: what follows a verb, not a subject
_FOLLOWS_VERB = frozenset(
    "the a an any some its their his her to of in on at for with from by up out off about into over "
    "after before back down away again".split()
)
# Verbs whose noun carries the meaning ("carry out an attack", "conduct talks")
_LIGHT_VERBS = frozenset(
    "carry carried carrying conduct conducted conducting give gave given giving make made making "
    "take took taken taking".split()
)
_TIME_CLAUSE = frozenset("after before during since following when while until".split())
# What stands between a light verb and its noun: a possessive ("its" is read as "it is"), a particle
_BEFORE_LIGHT_VERB_NOUN = frozenset("it is its their his her out".split())
_ARTICLES_AND_POSSESSIVES = frozenset("the a an this that these those its their his her our my your".split())
_BE_HAVE = frozenset("is are was were am be been has have had".split())
# What is done to a country by an act ("which countries are hit by the curbs?"), not by its actor
_AFFECTED_STEMS = frozenset(
    stem(w) for w in "affected hit targeted impacted exempt exempted suffer hurt harmed squeezed".split()
)
_HAVE = frozenset("has have had".split())
# "what did Israel sign off on?": an auxiliary after "what", then the actor and the act
_DID_DOES = frozenset("did does do has have".split())
# the auxiliaries a "did X ...?" or "has X ...?" question opens with
_DO_HAVE = _DID_DOES | _HAVE


@lru_cache(maxsize=64)
def _acting_countries(text: str, home: frozenset[str]) -> dict[str, frozenset[str]]:
    """Countries named as the doers of an action the stories tell ("US restrictions", "Ukraine's
    drone strikes", "Chinese export curbs", "US chip export controls"), by the action's concept tag.
    Cached: a question asks it of each candidate story.

    A story's own country named as a bare modifier is what the action was done to ("the Ukraine
    strikes", "Ukraine power grid attacks"), not its doer."""
    if not _MAY_NAME_ACTION.search(text):
        return {}
    originals = WORD.findall(text)
    found: dict[str, frozenset[str]] = {}

    def add(tags: frozenset[str], countries: frozenset[str]) -> None:
        for tag in tags if countries else ():
            found[tag] = found.get(tag, frozenset()) | countries

    barring = {match.group(1).lower() for match in _BARS_SALES.finditer(text)}
    for i, word in enumerate(originals):
        lowered = word.lower()
        # ("is the us still blockin ...?": the dropped g put back as question reading does)
        tags = lexicon().tag([g_restored(lowered)]) & _ACTION_TAGS
        if lowered in barring:
            tags = _RESTRICT_TAGS  # "has the US stopped Nvidia from selling ...": a restriction
        if not tags:
            continue
        # "did the US block Nvidia's sales to China?": the subject of the question ("did the Ukraine
        # strikes ...?": a plural noun after it is no verb, the country no subject)
        if not (lowered in _ACTION_NOUNS and lowered.endswith("s") and not lowered.endswith("ss")):
            add(tags, _asked_subject_country(originals, i))
        if lowered not in _ACTION_NOUNS:  # nouns: "Ukraine's grid hit" names no attacker
            continue
        # "did the US put new chip export rules on ...?": the subject of the verb imposing them
        # ("what new export controls has the US put on ...?": the verb after them, in a question's order)
        # (the words before it first, nearest first; then those after)
        around = (*range(i - 1, max(0, i - 6), -1), *range(i + 1, min(len(originals), i + 6)))
        imposing = next((j for j in around if g_restored(originals[j].lower()) in _IMPOSING), None)
        if imposing is not None:
            add(tags, _asked_subject_country(originals, imposing))
        for j in range(i - 1, max(-1, i - 4), -1):
            before = originals[j]
            countries = countries_in(before)  # as typed: "US" is a country, "us" is not
            if not countries and j > 0 and not countries_in(originals[j - 1]):
                # a name of two words, neither a country alone: "the United States' curbs"
                countries = countries_in(f"{originals[j - 1]} {before}")
            if not countries and before.lower() in STOPWORDS:
                break  # "curbs on China", "hit by drones in this attack": no modifier of the action
            if not countries:
                continue
            if any(w.lower() in _ATTACKED_THINGS for w in originals[j + 1 : i]):
                break  # "the Ukrainian power grid attacks": the grid's country, not the attacker
            # (a plural's possessive keeps only its apostrophe: "the United States' curbs")
            plural_owner = re.search(rf"\b{re.escape(before)}['’](?!\w)", text) is not None
            if _possessive_or_demonym(before, countries) or plural_owner or not countries & home:
                add(tags, countries)
            break
    return found


def _auxiliary_subjects(tokens: Sequence[str]) -> list[str]:
    """The word after each auxiliary, past "the" and titles: the subject's name where the subject is
    a name ("does Mr Macron ...", "has President Xi ...")."""
    out = []
    for i, token in enumerate(tokens[:-1]):
        if token in AUXILIARIES:
            rest = (t for t in tokens[i + 1 :] if t != "the" and t not in TITLE_WORDS)
            subject = next(rest, None)
            if subject is not None:
                out.append(subject)
    return out


def _asked_subject_country(originals: Sequence[str], i: int) -> frozenset[str]:
    """The country asked about as the subject of the verb at ``i`` ("did the US block ...?", "did
    the United States restrict ...?", "has Washington banned ...?"), if the verb follows it straight
    after the auxiliary."""
    verb = originals[i]
    if i > 1 and originals[i - 1].lower() in _ADVERBS_BEFORE_VERB:
        i -= 1  # "is the US still blocking ...?": the subject stands before the adverb
    for size in (1, 2, 3):  # "US", "United States", "United Arab Emirates"
        at = i - size
        if at < 1:
            break
        subject = originals[at:i]
        before = originals[at - 1].lower()
        # with its "the": chat's lower-case "did the us ...?" is the US (countries_in reads it so)
        countries = countries_in(" ".join(subject if before != "the" else originals[at - 1 : i]))
        if not countries:
            continue
        named_before_last = originals[at - 1 if before == "the" else at : i - 1]
        if (
            size > 1
            and countries_in(" ".join(named_before_last)) == countries
            and not _possessive_or_demonym(originals[i - 2], countries)
            and originals[i - 1].lower()
            not in _BE_FORMS  # "has Ukraine been hitting ...?" is Ukraine's doing
        ):
            # "where did the Ukraine strikes hit?": the strikes hit, not Ukraine (where "did
            # Ukrainian drones hit ...?" has Ukraine's drones hitting)
            return frozenset()
        if before == "the" and at >= 2:
            before = originals[at - 2].lower()
        # "was Kyiv hit?" is passive: Kyiv is what was hit ("is the US restricting ...?" is not)
        active = before in _ACTIVE_AUXILIARIES or (
            before in AUXILIARIES and g_restored(verb.lower()).endswith("ing")
        )
        return countries if active else frozenset()
    return frozenset()


_ACTIVE_AUXILIARIES = frozenset("did does do has have had will would can could".split())
_BE_FORMS = frozenset("be been being".split())


_ADVERBS_BEFORE_VERB = frozenset("still now already really actually finally also just".split())


def _possessive_or_demonym(word: str, countries: frozenset[str]) -> bool:
    """ "Ukraine's", "Ukrainian", "American": a country's own, not the country's name as a place."""
    lower = fold(word.lower())
    return lower.endswith(("'s", "’s")) or not any(lower in country.split() for country in countries)


_ACTION_TAGS = frozenset({CONCEPT_PREFIX + "restrict", CONCEPT_PREFIX + "attack"})
_FIRING_VERBS = frozenset("shooting firing launching lobbing".split())
_ACTION_NOUNS = frozenset(
    """
    restriction restrictions curb curbs control controls ban bans embargo embargoes limit limits
    clampdown crackdown strike strikes attack attacks raid raids bombing bombings shelling barrage
    barrages rule rules
    """.split()
)
_RESTRICT_TAGS = frozenset({CONCEPT_PREFIX + "restrict"})
_IMPOSING = frozenset(
    "put puts impose imposes imposed introduce introduced introduces issue issued issues announce announced "
    "slap slapped bring brought set add added expand expanded extend extended tighten tightened "
    "putting imposing introducing issuing announcing slapping bringing setting adding expanding extending "
    "tightening".split()
)
# Keeping someone from selling is restricting, though "stop" alone is not ("stop the war")
_BARS_SALES = re.compile(
    r"(?i)\b(stop|stops|stopped|prevent|prevents|prevented|bar|bars|barred|keep|keeps|kept)\b"
    r"(?:\s+\S+){1,4}?\s+from\s+(?:selling|exporting|shipping|supplying|sending)\b"
)
# A cheap first look: most questions name no action of a country at all.
_MAY_NAME_ACTION = re.compile(
    r"(?i)\b(?:restrict|curb|limit|control|ban|embargo|block|strike|attack|bomb|drone|missile|raid|shell|hit|rule|"
    r"stop|prevent|bar|keep|kept)"
)


@cache
def _country_named_alone(country: str) -> re.Pattern[str]:
    """Where a text names the country on its own: not after "the" ("were the Qatar talks doomed?":
    there the country only says which talks) and not as a possessive. One pattern per country
    (there are ~250), compiled by ``warm_up``: compiling one inside the first question naming its
    country cost that question ~0.1-0.3 ms."""
    return re.compile(rf"(?<!\bthe )\b{re.escape(country)}\b(?!['’]s)", re.IGNORECASE)


def _possessive(word: str, text: str) -> bool:
    """Whether ``text`` has ``word`` with a possessive 's ("Washington's urgency")."""
    return re.search(rf"\b{re.escape(word)}['’]s\b", text, re.IGNORECASE) is not None


def _locates(sentence: Sentence, named: frozenset[str]) -> bool:
    """Whether the sentence places something at a place the question doesn't name: after "in", "at",
    ... or naming an event ("the Qatar meeting")."""
    tokens = sentence.tokens
    for place in sentence.place_names:
        parts = words(place)
        if not parts or {stem(fold(w)) for w in parts} & named:
            continue
        n = len(parts)
        for i in range(len(tokens) - n + 1):
            if list(tokens[i : i + n]) != parts:
                continue
            after = tokens[i + n] if i + n < len(tokens) else ""
            # "in Qatar", "in the Ternopil region", "the Qatar meeting"
            at = i - 2 if i > 1 and tokens[i - 1] == "the" else i - 1
            if (at >= 0 and tokens[at] in _LOCATIVE) or after in _EVENT_NOUNS:
                return True
    return False


_LOCATIVE = frozenset("in at inside near into across outside throughout around".split())
_EVENT_NOUNS = frozenset("meeting meetings talks summit conference negotiations round ceremony".split())
WEEKDAY_SHARE = 0.5  # "which day of the week ...?": a sentence naming one, of at least this share of the best
UNSTATED_DATE = 0.7  # ... and an answer to "what year ...?" that states no date of its own
_YEAR_OR_MONTH = frozenset("year years month months".split())
NOT_LOCATED = 0.8  # a place only mentioned, against one where something happens


def _cause_and_result(
    sentences: Sequence[Sentence], relevant: Sequence[tuple[float, Sentence]], read: Question
) -> tuple[Sentence, Sentence] | None:
    """For "why did X happen?": a sentence whose result is X, with its cause as the subject ("the
    attack left half without power"), and the sentence telling that cause ("Russia launched a
    missile attack ..."), in the story's order."""
    asked = {stem(fold(t)) for t in read.topic} | lexicon().tag(list(read.search))
    ranked = sorted(relevant, key=lambda pair: -pair[0])
    result = next((s for _, s in ranked if s.result and s.kind != "summary" and s.result_tags & asked), None)
    if result is None:
        return None
    # the cause's own words, not its concept: a crisis that "toppled five prime ministers" is a state
    # the story tells no cause of, where an attack is an event someone launched
    cause = {
        k
        for k in result.cause_words
        if k not in STOPWORDS and not k.isdigit() and not is_month(k) and not k.startswith(CONCEPT_PREFIX)
    }
    teller = next((s for s in sentences if s.kind == "update" and not s.result and cause & s.stems), None)
    return (teller, result) if teller is not None else None


def _cause_told_before(sentences: Sequence[Sentence], chosen: Sentence) -> Sentence | None:
    """The earlier update sentence naming the cause that ``chosen`` refers back to as its subject
    ("The 13 December attack left ..."), if any."""
    sequence = chosen.sequence
    if not sequence or sequence[0] not in _DEFINITE:
        return None
    results = lexicon().cue_words["result"]
    at = next((i for i, key in enumerate(sequence) if key in results), 0)
    if at < 2:
        return None
    head = sequence[at - 1]  # "attack"
    return next((s for s in sentences if s is not chosen and s.kind == "update" and head in s.stems), None)


_DEFINITE = frozenset(("the", "this", "that", "these", "those"))


def _still_doing(tokens: Sequence[str], countries: frozenset[str]) -> bool:
    """ "iran still thinking about hitting back", "Iran is still deciding ...": one of the countries
    still doing something (not a "still" elsewhere: "or are we still in extra time?")."""
    return any(
        "still" in (tokens[i + 1 : i + 2] if tokens[i + 1] not in AUXILIARIES else tokens[i + 2 : i + 3])
        and countries_in(tokens[i]) & countries
        for i in range(len(tokens) - 1)
    )


def _country_doing(read: Question) -> frozenset[str]:
    """ "What is Iran doing about it?": the country whose doing is asked (none for "what is Macron
    doing?", whoever's country is named elsewhere)."""
    found = _DOING.search(" ".join(read.tokens))
    return countries_in(found.group(1)) if found else frozenset()


_DOING = re.compile(r"\bwhat (?:is|are|was|were|has|have) (?:the )?(\w+) (?:\w+ )?(?:doing|done|up to)\b")


def _subject_country(read: Question) -> frozenset[str]:
    """The country a yes-or-no question asks about: the one after its auxiliary ("by the time of the
    Qatar talks, had *Iran* hit back?"), else the one it names first."""
    return _country_after_auxiliary(read) or _first_country(read)


def _country_after_auxiliary(read: Question) -> frozenset[str]:
    """The country right after an auxiliary, the subject of its clause ("has *Iran* reacted?")."""
    tokens = read.tokens
    for i, token in enumerate(tokens[:-1]):
        if token in AUXILIARIES:
            after = tokens[i + 2] if tokens[i + 1] == "the" and i + 2 < len(tokens) else tokens[i + 1]
            found = countries_in(after)
            if found:
                return found
    return frozenset()


MAX_REACTOR_AT = 2  # where a question's auxiliary stands: "and how did ..."
_REACTING = frozenset(
    "react reacted reacting respond responded responding reply replied answer answered retaliate "
    "retaliated say said do done".split()
)
_REACTION_OF = re.compile(r"\b(?:reaction|response|reply|answer)s? (?:of|from|by) (?P<whom>(?:\w+ ){0,6}\w+)")


def _reactor(read: Question) -> frozenset[str]:
    """The country asked how it reacted: "how did the US react?", "the reaction of the government of
    the United States" (not Israel in "who is expected to hit back at Israel?")."""
    tokens = read.tokens
    # (the question's own auxiliary, not a clause's: "... should Iran respond?" asks no reaction)
    for i, token in enumerate(tokens[: min(MAX_REACTOR_AT + 1, len(tokens) - 1)]):
        # ("how did the US react?": "the us" names it, "us" alone does not)
        found = countries_in(tokens[i + 1]) or countries_in(" ".join(tokens[i + 1 : i + 3]))
        # (its own reacting: "why is Washington worried about Iran hitting back?" asks no reaction
        # of Washington's)
        if token in AUXILIARIES and found and _REACTING.intersection(tokens[i + 2 : i + 5]):
            return found
    reaction_of = _REACTION_OF.search(" ".join(read.tokens))
    return countries_in(reaction_of.group("whom")) if reaction_of else frozenset()


def _first_country(read: Question) -> frozenset[str]:
    """The country the question names first: the one asked about ("what did Egypt say about Israel?")."""
    return next((found for t in read.tokens if (found := countries_in(t))), frozenset())


def _country_acts(sentence: Sentence, countries: frozenset[str]) -> bool:
    """Whether one of ``countries`` is the subject of a verb in the sentence ("Iran is weighing")."""
    return _subject_acts(sentence, lambda word: bool(countries_in(word) & countries))


@cache
def _government_then_word(name: str) -> re.Pattern[str]:
    """A government's name and the word after it, through a clause's "which" ("..., which renewed")."""
    return re.compile(rf"\b{re.escape(name.lower())}\b,? (?P<clause>which |who |that )?(?P<next>\w+)")


def _government_acts(sentence: Sentence, countries: frozenset[str]) -> bool:
    """Whether the government of one of ``countries``, by a name of its own ("the Biden
    administration"), does something in the sentence, if need be in a clause ("..., which renewed")."""
    lex = lexicon()
    lowered = sentence.text.lower()
    for country in countries & lex.governments_in(sentence.text):
        for name in lex.governments.get(country, ()):
            for found in _government_then_word(name).finditer(lowered):
                after = found.group("next")
                if found.group("clause") or after in AUXILIARIES or is_verb(after):
                    return True
    return False


def _person_acts(sentence: Sentence, people: frozenset[str]) -> bool:
    """Whether one of ``people`` (name stems) is the subject of a verb in the sentence."""
    return _subject_acts(sentence, lambda word: stem(fold(word)) in people)


def _subject_acts(sentence: Sentence, is_subject: Callable[[str], bool]) -> bool:
    """Whether a word ``is_subject`` accepts stands right before a verb or an auxiliary."""
    tokens = sentence.tokens
    # (not a possessive: "Iran's expected retaliation" is no Iran expecting)
    return any(
        (tokens[i + 1] in AUXILIARIES or is_verb(tokens[i + 1]))
        and is_subject(tokens[i])
        and not _possessive(tokens[i], sentence.text)
        for i in range(len(tokens) - 1)
    )


def _verb_planned(read: Question) -> frozenset[str]:
    """The stem and concepts of the verb after "going to", "about to", ... ("is the pick going to
    stick?"), as sentence stems hold them."""
    found = _ABOUT_TO_VERB.search(" ".join(read.tokens))
    if found is None:
        return frozenset()
    return frozenset({stem(fold(found.group(1)))} | lexicon().tag([found.group(1)]))


_ABOUT_TO_VERB = re.compile(r"\b(?:about|going|set|due) to (\w+)")


# "is it in force now?": the time of asking, no topic of its own.
_TIME_ADVERBS = frozenset("now today yet still currently already anymore".split())


def _all_said_in(read: Question, sentence: Sentence) -> bool:
    """Whether each topic word of the question is in the sentence, itself or by the concept of the
    phrase it is part of ("is it in force now?": the sentence saying the truce took effect). A single
    word's concept is not enough: "what was hit?" is not answered again by "after the strikes"."""
    phrase_tags = lexicon().phrase_tags(read.tokens)
    return all(
        stem(fold(word)) in sentence.stems or bool(phrase_tags.get(word, frozenset()) & sentence.stems)
        for word in read.topic
        if word not in _TIME_ADVERBS
    )


def _places_inside(name: str) -> list[str]:
    """The words of places inside an organisation's name: "new", "york" in "New York Times"."""
    tokens = [fold(w) for w in words(name)]
    found: list[str] = []
    for n in range(2, 0, -1):
        for i in range(len(tokens) - n + 1):
            if n < len(tokens) and is_place_name(tokens[i : i + n]):
                found += tokens[i : i + n]
    return found


# A place given by what it is rather than its name: "back to an agreed perimeter", "behind the line".
_DESTINATION = re.compile(
    r"\b(?:to|inside|within|behind|along|at|toward|towards) (?:a|an|the) (?:[\w-]+ )?"
    r"(?:perimeter|line|lines|border|zone|area|positions|boundary|edge|outskirts)\b",
    re.IGNORECASE,
)


def _moves_to(sentence: Sentence, read: Question) -> bool:
    """Whether the question asks where something moves and the sentence says the line it moves to."""
    return _DESTINATION_ASKED.search(read.text) is not None and _DESTINATION.search(sentence.text) is not None


# "where ... to?", "how far back": a question asking where something moves, not where it happened.
_DESTINATION_ASKED = re.compile(
    # (in the clause of "where": "where was he killed, the one Iran would get back at Israel for?"
    # asks no move; nor does getting back at someone)
    r"\bwhere\b[^,;]*\b(?:to|back(?! at)|withdraw|withdrawing|retreat|retreating|move|moving|go|going)\b|"
    r"\bhow far\b|\bto which\b|\bto what (?:line|point|area)\b|\bto where\b|"
    # (Pidgin puts the move first: "soldiers go pull back go where?")
    r"\b(?:pull|pulling|pulled) back\b.*\bwhere\b",
    re.IGNORECASE,
)


# Words standing for the person a conversation is about: "who's the next one?", "the new bloke".
_STAND_INS = frozenset("one ones bloke blokes fella chap oke".split())
# Adverbs between a yes-or-no question's subject and its verb: "did Israel ever okay the truce?"
_VERB_ADVERBS = frozenset("ever really actually already finally even just still officially formally".split())


def _asked_verb_at(read: Question) -> int | None:
    """Where the verb of a "did X ...?" question is: the word after an adverb ("did Israel ever
    okay it?": okay), else the first verb after its subject in the question proper."""
    tokens = read.tokens
    if not tokens or tokens[0] not in _DO_HAVE:
        return None
    after_adverb = next((i + 1 for i in range(2, len(tokens) - 1) if tokens[i] in _VERB_ADVERBS), None)
    if after_adverb is not None and tokens[after_adverb] not in STOPWORDS:
        return after_adverb
    asked = read.proper or frozenset(tokens)  # "... the one they kept talking about": no verb asked
    at = next(
        (
            i
            for i in range(2, len(tokens))
            if tokens[i] in asked and tokens[i] not in STOPWORDS and is_verb(tokens[i])
        ),
        None,
    )
    if at is None and tokens[0] in {"did", "does", "do"}:
        # "did Ukraine shoot down any missiles?": a verb this module doesn't list stands where a
        # verb stands, before the particle or article after the subject
        at = _main_verb_at(tokens)
        if at is not None and (tokens[at] not in asked or tokens[at] in STOPWORDS):
            at = None
    return _after_catenative(tokens, at)


def _after_catenative(tokens: Sequence[str], at: int | None) -> int | None:
    """ "Did Ukraine manage to shoot down ...?": the verb the question asks about is the one after
    "manage to", "try to", "bother to"."""
    if (
        at is not None
        and tokens[at] in _CATENATIVES
        and tokens[at + 1 : at + 2] == ("to",)
        and at + 2 < len(tokens)
    ):
        return at + 2
    return at


# Verbs that only carry another ("manage to", "try to"): the other is what is asked about
_CATENATIVES = frozenset(
    "manage manages managed try tries tried attempt attempts attempted bother bothered happen happened "
    "seem seems seemed appear appears appeared get got".split()
)


def _asked_verb_keys(read: Question) -> frozenset[str]:
    """ "Did the Israelis ever sign off on the truce?": the verb asked about, as its stem and the
    concepts it and its particle carry (sign off: approve); empty when the question has none."""
    at = _asked_verb_at(read)
    if at is None:
        return frozenset()
    verb = read.tokens[at]
    lex = lexicon()
    # "has Iran made up its mind?": a generic verb asks something only as part of its phrase
    phrase = lex.phrase_tags(read.tokens[at : at + lex.longest_phrase]).get(verb, frozenset())
    if verb in GENERIC_WORDS:
        return phrase
    return frozenset({stem(fold(verb))}) | lex.tag([verb]) | lex.tag(list(read.tokens[at : at + 2])) | phrase


def _month(word: str) -> int | None:
    return None if word in _NOT_MONTHS else month_number(word)


def _asks_of_the_event(read: Question) -> bool:
    """Whether the question asks about an attack itself ("what did the strikes hit?"), not about
    what came after it ("who helped after the strikes?")."""
    lex = lexicon()
    return CONCEPT_PREFIX + "attack" in lex.tag(list(read.tokens)) and not lex.has_cue(
        "after", tuple(stem(fold(t)) for t in read.tokens)
    )


def _other_than_the_event(read: Question) -> frozenset[str]:
    """The stems of a question's topic words other than the attack and light verbs."""
    lex = lexicon()
    attack = CONCEPT_PREFIX + "attack"
    return frozenset(
        stem(fold(t))
        for t in read.topic
        if t not in GENERIC_WORDS and t not in _LIGHT_VERBS and attack not in lex.tag([t])
    )


_WHO = frozenset({"who", "whom"})


_APPOINTED = frozenset("nominee nominees appointee appointees pick successor replacement designate".split())


def _asks_appointee(read: Question) -> bool:
    """ "Who did Macron choose?", "who will he name?": someone as the object of appointing."""
    tokens = read.tokens
    filler = lexicon().filler
    # ("so who'd Macron actually pick?": a conjunction or chat before the question word)
    while tokens and tokens[0] not in _WHO and (tokens[0] in filler or tokens[0] in {"and", "but", "then"}):
        tokens = tokens[1:]
    appoint = CONCEPT_PREFIX + "appoint"
    # (the noun right after "who is": not "who is that Rahman fellow, the one with views on whom
    # Macron will pick?")
    who_is = tokens[:1] in (("who",), ("whom",)) and tokens[1:2] in (("is",), ("was",))
    named_as = (
        bool(_APPOINTED & set(tokens[1:]))
        if read.asks_names
        else who_is and bool(_APPOINTED & set(tokens[2:6]))
    )
    if named_as and not _role_wanted(read):
        # "who is the likely nominee?", "has the identity of the nominee been reported?": the one
        # picked, by the noun for them
        return True
    if len(tokens) < 3 or tokens[0] not in _WHO:
        return False
    if tokens[1:3] in (("is", "it"), ("was", "it")):
        # "who is it that shall choose the next one?": the one choosing; "who was it Macron
        # picked?": the one picked
        rest = tokens[4:] if tokens[3:4] in (("that",), ("who",)) else tokens[3:]
        if rest and (rest[0] in AUXILIARIES or appoint in lexicon().tag([rest[0]])):
            return False
    # (by a phrase too: "who is he lining up for the job?")
    phrased = lexicon().phrase_tags(tokens[:8])
    at = next(
        (
            i
            for i in range(1, min(len(tokens), 7))
            if appoint in lexicon().tag([tokens[i]]) or appoint in phrased.get(tokens[i], frozenset())
        ),
        None,
    )
    if at is None or at == 1:
        return False  # "who appointed him?": the one appointing
    if all(t in AUXILIARIES or t in _ON_THE_WAY_TO for t in tokens[1:at]):
        # "who is going to name the next one?", "who's set to pick?": the one doing it (not "who is
        # going to be named?", a participle)
        return tokens[at].endswith(("ed", "en")) or "be" in tokens[1:at]
    relative = max((i for i in range(1, at) if tokens[i] in {"who", "that"}), default=None)
    if relative is not None and all(t in AUXILIARIES for t in tokens[relative + 1 : at]):
        # "who is the man who will name the next one?": the one doing the naming (not "the man who
        # will be named": the verb there is a participle)
        return tokens[at].endswith(("ed", "en")) or tokens[relative + 1 : at][-1:] == ("be",)
    if at == 2:
        # "who was named?" asks the one named; "who is appointing?", "who will choose?" the one
        # appointing
        return tokens[1] in AUXILIARIES and tokens[1] not in MODALS and not tokens[2].endswith("ing")
    return True  # "who did Macron choose?", "who Macron is expected to pick"


def _asks_doing_now(read: Question) -> bool:
    """ "Who is picking ...?", "who's choosing ...?": who is doing something, in its -ing form (an act
    not told as such, whose doer is the one acting, not someone with a view of it)."""
    tokens = [t for t in read.tokens if t not in lexicon().filler]
    at = tokens.index("who") + 1 if "who" in tokens else len(tokens)
    while at < len(tokens) and tokens[at] in AUXILIARIES:
        at += 1
    return at < len(tokens) and progressive_base(tokens[at]) is not None


def _acted_keys(read: Question) -> tuple[str, frozenset[str], frozenset[str]]:
    """For "who brokered ...?": the verb's stem, the concepts of a phrase it opens ("stayed away"),
    and its own concepts (nothing for an auxiliary or a generic verb)."""
    # (after the question word: "china curbs story - who's in the photo?" asks no one's exporting)
    opening = next((i for i, t in enumerate(read.tokens) if t in _WHO_WORDS), 0)
    words_ = list(read.tokens[opening + 1 :])
    if words_[1:2] == ["it"] and words_[:1] and words_[0] in {"was", "is"}:
        words_ = [t for t in words_[2:] if t not in {"that", "who"}]  # "who was it (that) pulled out?"
    person = next((i for i, t in enumerate(words_[:4]) if t in _PERSON_WORDS or t == "one"), None)
    if (
        words_[:1] in (["is"], ["was"])
        and person is not None
        and words_[person + 1 : person + 2]
        in (
            ["who"],
            ["that"],
        )
    ):
        words_ = words_[person + 2 :]  # "who is the man who will name the next one?": the man's doing
    # ("who didn't show up?", "who didnt show"): the verb after the negation
    tokens = [t for t in words_[:3] if t not in AUXILIARIES and t not in _NEGATIONS]
    verb = tokens[0] if tokens else ""
    # (an -ing form is no act told: "who was leaning on Israel?" is answered by who did the pressing)
    if not verb or verb in GENERIC_WORDS or verb in STOPWORDS or not (is_verb(verb) or verb.endswith("ed")):
        return "", frozenset(), frozenset()
    if verb in _PERFORMING_VERBS:
        # "who carried out the attack?": the act is the noun carried out, not "carried out" (as in
        # "crews carried out rescue work")
        at = read.tokens.index(verb)
        acts = [t for t in read.tokens[at + 1 : at + 6] if t not in STOPWORDS and lexicon().tag([t])]
        if not acts:
            return "", frozenset(), frozenset()
        return stem(fold(acts[0])), frozenset(), lexicon().tag([acts[0]])
    phrase = lexicon().phrase_tags(read.tokens).get(verb, frozenset())
    return stem(fold(verb)), phrase, lexicon().tag([verb])


# "What did the bombardment do to Ukraine's electricity supply?": what it left behind
_DONE_TO = re.compile(r"\bwhat (?:did|does|has|have|will|would) (?:\w+ ){1,6}do to\b")
_WHO_WORDS = frozenset({"who", "whom", "which"})
# Verbs of telling ("who talked to the New York Times?"), as stems: asked, the one speaking answers
_SPEAKING_STEMS = frozenset(
    stem(w)
    for w in "talk speak spoke tell told say said claim comment brief leak quote mention warn predict think "
    "reckon believe expect argue note suggest explain describe call".split()
)
# The shape of an answer asked for, no subject of its own: "full list of minerals?"
_SHAPE_WORDS = frozenset("list lists full complete breakdown rundown".split())
# Titles before a surname in the languages and registers users write in: "Monsieur Macron"
_FORMS_OF_ADDRESS = frozenset(
    "monsieur madame mister missus sir herr frau senor senora signor signore presidente prez pres potus "
    "comrade citizen uncle".split()
)
_DEMONSTRATIVES = frozenset("that those these this".split())
_NEGATIONS = frozenset({"not", "never"})  # (read_question spells "didn't"/"didnt" out as "did not")
_PERFORMING_VERBS = frozenset(
    "carry carries carried conduct conducts conducted perform performs performed "
    "execute executes executed".split()
)


def _same_place(sentence: Sentence, read: Question) -> bool:
    """Whether the sentence is about the story's place the question names, if it names one: a
    sentence naming only other places of the story is about them."""
    asked = {stem(fold(t)) for t in read.topic}
    # Regions and towns only: "Beijing" in the question is China, which a sentence names as China.
    local = {name: keys for name, keys in sentence.known_places.items() if not _names_a_country(name)}
    named_places = [keys for keys in local.values() if keys <= asked]
    if not named_places:
        return True
    said = {k for name in sentence.place_names if name in local for k in local[name]}
    return not said or any(keys <= said for keys in named_places)


@lru_cache(maxsize=4096)
def _names_a_country(place: str) -> bool:
    return bool(countries_in(place))


def _same_time(sentence: Sentence, read: Question) -> bool:
    """Whether the sentence is about the month and year the question names, if it names any."""
    months = {m for m in map(_month, read.tokens) if m is not None}
    years = {year for t in read.tokens if (year := year_of(t)) is not None}
    if not months and not years:
        return True
    said = set(sentence.tokens)
    said_months = {m for m in map(_month, said) if m is not None}
    said_years = {int(t) for t in said if t.isdigit() and len(t) == 4}
    if sentence.date is not None:
        said_months.add(sentence.date.month)
        said_years.add(sentence.date.year)
    return (not months or bool(months & said_months)) and (not years or bool(years & said_years))


def _people_named(sentence: Sentence) -> list[frozenset[str]]:
    """The people a sentence names (a first and last name, not an organisation)."""
    return [run for run in sentence.name_runs if run not in sentence.organisation_runs and len(run) > 1]


@lru_cache(maxsize=4096)
def _only_country(word: str) -> str | None:
    """The one country a word names by its capital or people ("washington", "americans"), or None."""
    found = countries_in(word)
    return next(iter(found)) if len(found) == 1 else None


def _topic_keys(terms: Sequence[QueryTerm]) -> frozenset[str]:
    """The story keys a question's topical words stand for, the best of each."""
    return frozenset(k for t in terms if t.word not in GENERIC_WORDS for k, _ in t.candidates[:1])


def _new_places(sentence: Sentence, turn: Turn) -> frozenset[str]:
    """The places a sentence names that the conversation hasn't, countries aside."""
    return sentence.places - turn.named - _country_name_stems()


@cache
def _country_name_stems() -> frozenset[str]:
    """Every country's name as one stem ("ukrain"), as sentences keep the places they name."""
    return frozenset(stem(name) for name in all_countries() if " " not in name)


def _only_named_before(names: frozenset[str], turn: Turn) -> bool:
    """Whether the names are all ones the conversation has named already (and there are some)."""
    return bool(names & turn.named) and not (names - turn.named)


def _old_subject(turn: Turn) -> frozenset[str]:
    """Who the last question was about ("the troops"), as stems and their concepts."""
    old = {k for k in turn.topic if k in _SUBJECT_KEYS}
    return frozenset(old | lexicon().tag_stems(tuple(old)))


def _new_subject(read: Question) -> frozenset[str]:
    """Who an elliptical follow-up asks about ("and Hamas?"), as stems and their concepts."""
    topical = [t for t in read.topic if t not in GENERIC_WORDS]
    return frozenset({stem(fold(t)) for t in topical} | lexicon().tag(topical))


_CLAUSE_BREAK = re.compile(r";|,? and (?=\w+ (?:has|have|had|must|will|is|are|was|were)\b)")


def _clause_of_its_own(sentence: Sentence, new: frozenset[str], old: frozenset[str]) -> bool:
    """Whether the sentence gives the new subject a clause of its own, without the old subject
    ("Israeli forces have 24 hours ... and Hamas has 72 hours ..."): it answers for both."""
    if not new or not old:
        return False
    clauses = _CLAUSE_BREAK.split(sentence.text)
    if len(clauses) < 2:
        return False
    for clause in clauses:
        sequence = stems_folded(words(clause))
        stems = set(sequence) | lexicon().tag_stems(sequence)
        if new & stems and not old & stems:
            return True
    return False


def _last_answer(sentences: Sequence[Sentence], turn: Turn) -> Sentence | None:
    """The sentence that answered the conversation's last question, if any."""
    return next((s for s in sentences if s.order == turn.sentence), None)


def _people_said(sentences: Sequence[Sentence], turn: Turn) -> list[frozenset[str]]:
    """The people the last answer named."""
    said = _last_answer(sentences, turn)
    return _people_named(said) if said is not None else []


def _names_any(sentence: Sentence, people: Sequence[frozenset[str]]) -> bool:
    return any(run <= sentence.names for run in people)


@lru_cache(maxsize=1)
def _new_time(sentence: Sentence, read: Question) -> bool:
    """Whether the sentence gives a time word the question doesn't already give."""
    tokens = sentence.tokens
    said = {t for t in tokens if is_date_word(t)}
    # "13 December": the day of a month is a time word too ("24 hours" is not)
    said |= {
        t
        for i, t in enumerate(tokens)
        if t.isdigit() and len(t) <= 2 and any(is_month(n) for n in tokens[max(0, i - 1) : i + 2])
    }
    return not said or not said <= set(read.tokens)


def _own_topic(read: Question) -> list[str]:
    """The topic words that are not the kind of answer ("in what time span?" has none)."""
    return [t for t in read.topic if t not in ANSWER_CLASS_WORDS and t not in GENERIC_WORDS]


def _update_of_date(story: Story, day: object) -> int:
    """The position of the story's update of that date, or -1."""
    return next((i for i, u in enumerate(story.updates) if u.date == day), -1)


@cache
def warm_up() -> None:
    """Everything a first question would build lazily: vocabulary, country names, the regular
    expressions of question reading, of "doesn't say" clauses and of countries named alone (~0.1 s,
    once per process: the library and every new answerer call it, and what it builds stays cached)."""
    # First: these fill re's own cache too, which when full forgets its oldest patterns; ours are
    # kept here regardless, so they had better be the oldest, not the question-reading ones.
    for country in all_countries():
        _country_named_alone(country)
    lexicon().warm_up()
    forms_of("france")  # every country's names, grouped once
    warm_up_inflections()
    for question in _WARM_UP_QUESTIONS:
        read = read_question(question)
        doesnt_say(read, read.kind)
        countries_in(question)


def _name_word_stems(
    names: Iterable[str], keep: Callable[[str], bool], min_length: int = 4
) -> frozenset[str]:
    """Stems of the distinctive words of these names: of ``min_length`` letters or more, not
    stopwords, generic words or countries, and kept by ``keep``."""
    return frozenset(
        stem(fold(w))
        for name in names
        for w in words(name)
        if len(w) >= min_length
        and w not in STOPWORDS
        and w not in GENERIC_WORDS
        and country_of_word(w) is None
        and keep(w)
    )


@lru_cache(maxsize=65536)
def _proper_name_stems(name: str) -> frozenset[str]:
    """``_name_word_stems`` of one name of a person, place or body, kept when the lexicon doesn't
    read them as news words: the same names recur across stories ("Macron", "Kyiv")."""
    lex = lexicon()
    return _name_word_stems((name,), lambda w: not lex.tag([w]) and w not in _COMMON_NAME_WORDS)


def _spelled_as_story(word: str, terms: Sequence[QueryTerm]) -> str:
    """A misspelt question word as the story's word it was matched to, else the word itself."""
    term = next((t for t in terms if t.word == word), None)
    if term is None or not term.candidates or lexicon().tag([word]):
        return word  # ("PMs" is known: its candidates are the concept's words, not spellings)
    key, similarity = term.candidates[0]
    if similarity >= 1.0 or key.startswith(CONCEPT_PREFIX) or similarity < TYPO_SIMILARITY:
        return word
    return key


def _phrase_tags_as_typed(tokens: Sequence[str]) -> dict[str, frozenset[str]]:
    """``Lexicon.phrase_tags`` of the words spelled out, keyed by the words as typed."""
    spelled = _spelled_out(tokens)
    tags = lexicon().phrase_tags(spelled)
    return {typed: tags[word] for typed, word in zip(tokens, spelled, strict=True) if word in tags}


def _typo_readings(terms: Sequence[QueryTerm]) -> frozenset[str]:
    """The story words the question's typos stand for: close spellings of the same word ("ukrane",
    "ukrain"), not synonyms ("hit", "attack"), which begin differently."""
    return frozenset(
        key
        for term in terms
        if " " not in term.word
        for key, similarity in term.candidates
        if TYPO_NAMED <= similarity < 1.0 and key[:3] == fold(term.word)[:3]
    )


def _spelled_out(words: Sequence[str]) -> list[str]:
    """Words with their one-word spellings undone ("govt" is "government"), as phrases are listed."""
    expansions = lexicon().expansions
    return [expansions[w][0] if len(expansions.get(w, ())) == 1 else w for w in words]


def _has_own_topic(read: Question) -> bool:
    """Whether a "who said ..." question names what was said, rather than pointing back ("so", "which
    outlet published this?": the outlet is the answer's class, publishing is the reporting)."""
    own = [t for t in read.topic if t not in GENERIC_WORDS and t not in ANSWER_CLASS_WORDS]
    return len([t for t in own if not _reporting_word(t)]) >= 2


def _restates(retelling: Sentence, sentence: Sentence) -> bool:
    """Whether a key fact (or the summary) retells the sentence: most of its own words are the
    sentence's ("Hamas boycotted the Qatar meeting ... Gaza's border with Egypt" for "Hamas refused
    to take part in the meeting, ... Gaza's border with Egypt")."""
    if retelling.kind == "update":
        return False
    content = {k for k in retelling.stems if not k.startswith(CONCEPT_PREFIX) and k not in STOPWORDS}
    return len(content) >= 4 and len(content & sentence.stems) >= RESTATED_SHARE * len(content)


def _background_absence(
    strongest: Sentence, told: Sequence[tuple[float, Sentence]], read: Question, actors: frozenset[str]
) -> bool:
    """Whether "With Hamas absent, the talks have slim to no chance" only sets the scene for a
    question about someone ("did Hamas go?"), not answers one about the talks ("did they have a
    shot?", "hamas ghosting the talks means it's cooked?"), which the other sentences don't."""
    if not (strongest.opens_with_circumstance and actors):
        return False
    other = max(told, key=lambda pair: pair[0])[1]
    return not (lexicon().tag(list(read.tokens)) & strongest.stems) - other.stems


def _points_back_only(read: Question) -> bool:
    """ "who said so?", "according to whom?": nothing asked beyond the source of the last answer."""
    # "according" alone: the cue is the phrase "according to", and "to" is no topic word
    return all(t == "according" or _reporting_word(t) for t in read.topic)


def _reporting_word(word: str) -> bool:
    """A word that is itself a reporting cue ("said", "quoted", "reports")."""
    return lexicon().has_cue("reporting", (stem(fold(word)),))


def _states_terms(sentence: Sentence) -> bool:
    """What a deal requires or contains: an obligation, a list, or a deadline."""
    return _MUST in sentence.stems or sentence.has_list or bool(_DEADLINE.search(sentence.text))


def _followed_by_for(sentence: Sentence, word: str) -> bool:
    """Whether the sentence has the word (or one of its concept) followed by "for": "retaliation for"
    for "reprisal"."""
    lex = lexicon()
    keys = {stem(fold(word))} | lex.tag([word])
    tokens = sentence.tokens
    return any(
        tokens[i + 1] == "for" and ({stem(fold(tokens[i]))} | lex.tag([tokens[i]])) & keys
        for i in range(len(tokens) - 1)
    )


def _preference(pair: tuple[float, Sentence]) -> tuple[float, int]:
    """Best score first; among equals an update's own words, then the newer update."""
    score, sentence = pair
    return (round(score + _kind_preference(sentence), 6), sentence.update)


def _kind_preference(sentence: Sentence) -> float:
    # Ties go to what a reader wants first: an update's own words, then a key fact, the summary last.
    return {"update": 0.02, "fact": 0.01, "summary": -0.05}[sentence.kind]


_WEEKDAY_ASKED = re.compile(r"\b(?:(?:which|what) day\b(?! and)|day of the week|weekday)")


def _asks_weekday(read: Question) -> bool:
    return bool(_WEEKDAY_ASKED.search(" ".join(read.tokens)))


def _states_date(sentence: Sentence) -> bool:
    return any(ch.isdigit() for ch in sentence.text) and sentence.has_time


_GOVERNMENT = CONCEPT_PREFIX + "government"


def _governments_asked(read: Question) -> frozenset[str]:
    """The countries whose government the question names: "the Israeli cabinet", "Israel's
    government", "the government of Israel" (not "which administration ... talks in Qatar?")."""
    tokens = read.tokens
    lex = lexicon()
    if _GOVERNMENT not in lex.tag(list(tokens)):
        return frozenset()
    out: set[str] = set()
    for i, token in enumerate(tokens):
        if _GOVERNMENT not in lex.tag([token]):
            continue
        beside = tokens[i - 1 : i] if i else ()
        if tokens[i + 1 : i + 2] == ("of",):
            beside = (*beside, *tokens[i + 2 : i + 4])
        elif i + 1 < len(tokens) and country_of_word(tokens[i + 1]):
            beside = (*beside, tokens[i + 1])  # "el gobierno israelí": the adjective after its noun
        out.update(*(countries_in(word) for word in beside))
        if i >= 2 and not countries_in(tokens[i - 2]):
            out.update(countries_in(" ".join(tokens[i - 2 : i])))  # "Tel Aviv's cabinet": a name of two
    return frozenset(out)


def _governed_place(read: Question) -> frozenset[str]:
    """ "Who's running Gaza?", "who governs France now?": the countries of the place governed."""
    tokens = read.tokens
    return frozenset(
        country
        for i, token in enumerate(tokens)
        if token in _GOVERNING_VERBS
        for word in tokens[i + 1 : i + 3]
        # (a place is a name, whether or not typed in capitals: "who's running gaza")
        for country in countries_in(word.capitalize())
    )


_GOVERNING_VERBS = frozenset("run runs running ran govern governs governing rule rules ruling".split())


def _other_government(sentence: Sentence, countries: frozenset[str]) -> bool:
    """Whether the government a sentence names is only another country's than those asked about."""
    governing = lexicon().governments_in(sentence.text)
    return bool(governing) and governing.isdisjoint(countries)


def _fits(sentence: Sentence, kind: str, read: Question, named: frozenset[str]) -> bool:
    """Whether a sentence holds the kind of thing the question asks for."""
    brokers = _brokers_asked(read) if kind in {WHO, WHERE} else set()
    if brokers:
        # "Who mediated the talks?": "sat down with mediators" says there were some, not who they
        # were; a country beside them ("Egyptian mediators") does. ("which countries were the
        # mediators from?": where they met is no answer either)
        return _country_beside(sentence, brokers, read, named, strict=True)
    if kind == WHO:
        role = _role_wanted(read)
        if role is not None and role & _SPEAKING_ROLES:
            # An analyst or an expert is known by what they say, not by a title before their name.
            return sentence.reporting and any(not _named(run, named) for run in sentence.name_runs)
        if role is not None:
            # "Which two leaders ...", "the name of the senior figure ...": a name given with its role.
            return bool(sentence.roles) and (not role or bool(role & sentence.roles))
        # A name the question already gives in part ("Macron" for "Emmanuel Macron") is no answer;
        # a list answers "who relies on ...?" ("semiconductors, the auto industry and ...").
        if read.target and read.target[-1] in _ORGANISATION_CLASS and _asks_organisation(read):
            # "Which party ...?", "what firm is he with?": a person's name is no answer.
            return _names_organisation(sentence, read.target[-1], named)
        return (
            any(not _named(run, named) for run in sentence.name_runs)
            # (not "who is behind it?": a list of users is no one responsible)
            or (sentence.has_list and not read.target and _RESPONSIBLE.isdisjoint(read.tokens))
            or _acting_country(sentence, read, named)
        )
    if kind == SOURCE:
        # A source is an answer unless the question gives its whole name: "the Ternopil region" does
        # not name "the Ternopil Regional State Administration" that reported it.
        return sentence.reporting and any(not run <= named for run in sentence.name_runs)
    if kind == WHERE and read.target and read.target[-1] in _COUNTRY_CLASS:
        # ("which country has lost five prime ministers?": its own leaders, no one acting for it)
        agents = ({stem(t) for t in read.topic} & _AGENT_STEMS) - _OWN_LEADERS  # "mediators", "mediated"
        if agents:
            # "Which countries acted as mediators?": a country named beside the mediators ("Egyptian
            # mediators", "mediators from Egypt"), not one the sentence names for something else.
            return _country_beside(sentence, agents, read, named)
    if kind == WHERE:
        # "Which other regions ...?": a country is no answer to a question about places inside one.
        inside = bool(read.target) and read.target[-1] in _SUBNATIONAL
        # ("where did it hit worst?": the hardest-hit part, which a whole country is not)
        inside = inside or not _WORST_HIT.isdisjoint(read.tokens)
        # ("which country is this crisis happening in?": the country acting in it is the answer;
        # "which countries are hit by the curbs?" asks who suffers them, which the actor does not)
        which_country = (
            # (asked after the question too: "where's the ban coming from, which country?")
            ((bool(read.target) and read.target[-1] in _COUNTRY_CLASS) or _asks_which_country(read))
            and not {stem(t) for t in read.topic} & _AFFECTED_STEMS
        )
        # A place the question already names, or one inside a country it names, is no answer (one it
        # offers as a guess may be: "were the talks in Doha or somewhere else?").
        asked_countries = read.countries - read.guessed_countries
        for place in sentence.place_names:
            actor = sentence.subject_country is not None and sentence.subject_country in countries_in(place)
            if actor and not which_country:
                continue  # "Russia launched ...": the actor, not the place
            if inside and countries_in(place):
                continue
            keys = {stem(fold(w)) for w in words(place)}
            if not keys & named and not countries_in(place) & asked_countries:
                return True
        if _moves_to(sentence, read):
            return True  # "where are the troops to pull back to?": "to an agreed perimeter inside Gaza"
        # "Russia launched ..." names Russia as the actor, not as the place.
        return not inside and any(
            stem(c) not in named
            and c not in read.countries
            and (c != sentence.subject_country or which_country)
            for c in sentence_countries(sentence.text)
        )
    if kind == WHEN:
        if not _new_time(sentence, read):
            return False  # "which day in October 2025 ...?" is not answered by "the October 2025 deal"
        # "the next day", "two weeks earlier": a point in time, told relative to the report
        return (
            sentence.has_time
            or sentence.has_relative_time
            or (sentence.has_duration and read.kind == DURATION)
        )
    if kind == DURATION:
        return sentence.has_duration or sentence.has_relative_time  # "how soon?": "the next day"
    if kind == QUANTITY:
        if read.exact and not sentence.has_count:
            return False  # "exactly how many?" is not answered by "half"
        return _has_quantity_of(sentence, read.unit)
    if kind == WHY:
        # "The crisis toppled five prime ministers" is no reason for "why did governments collapse?":
        # its result is the very thing asked about.
        asked = {stem(fold(t)) for t in read.topic} | lexicon().tag(list(read.search))
        if _asks_grounds_of_a_view(read.tokens):
            # "why does Rahman think the pick will last?" asks for the grounds of a view: only a
            # cause, a purpose or the circumstance told with it gives them, not what some event led to
            return sentence.motive
        if read.motive:
            # "why did China do it?" asks a motive: what is at stake ("vital for chips") is none, nor
            # what the act itself led to ("the attack left half without power": why did Russia attack?)
            acted = read.action.split()
            done = {stem(fold(w)) for w in acted if w not in STOPWORDS} | lexicon().tag(acted)
            consequence = sentence.follows_event or (sentence.result and not (sentence.result_tags & asked))
            return sentence.motive or (consequence and not (done & sentence.cause_words))
        return sentence.reason or (sentence.result and not (sentence.result_tags & asked))
    if kind == WHAT and read.target:
        return _names_instances(sentence, read, named)
    return True


# A why-question about someone's view: "why does the analyst think ...", "what reasons does he give
# for believing ..."
_VIEW_VERBS = frozenset(
    """think thinks thought thinking believe believes believed believing reckon reckons reckoned
    expect expects expected expecting predict predicts predicted argue argues argued
    figure figures figured figuring""".split()
)


# Holders of a view that are nobody in particular: "why do they reckon France is in free fall?" asks
# why France is in free fall
_ANYONE = frozenset("they people everyone everybody folk folks some many you we".split())


def _asks_grounds_of_a_view(tokens: Sequence[str]) -> bool:
    """ "Why does Rahman think the pick will last?": the grounds of someone's view."""
    at = next((i for i, t in enumerate(tokens) if t in _VIEW_VERBS), None)
    if at is None:
        return False
    holder = next((t for t in reversed(tokens[:at]) if t not in AUXILIARIES and t != "all"), None)
    return holder not in _ANYONE


# "who's it gonna be?", "who will it be?": "it" is the role the conversation is about
_ASKS_WHO_IT = re.compile(r"\bwho(?:['’]s| is| will| would)? it\b", re.IGNORECASE)
_WHO_IS = re.compile(r"\bwho (exactly |really |actually )?(is|was|will|would|are|were)\b")
_HEAD_OF_GOVERNMENT = CONCEPT_PREFIX + "head_of_government"
_RETALIATION = CONCEPT_PREFIX + "retaliation"
_ROLE_TAGS = frozenset(
    {CONCEPT_PREFIX + "head_of_government", CONCEPT_PREFIX + "leader", CONCEPT_PREFIX + "official"}
)
_DONE_TO_TAGS = frozenset(CONCEPT_PREFIX + c for c in ("kill", "died", "injured", "hostage", "prisoner"))
_RESPONSIBLE = frozenset("behind responsible blame culprit culprits".split())
_PERSON_WORDS = frozenset(
    "man woman guy fella fellow bloke person figure individual chap dude gentleman lady".split()
)
_ANY_ROLE = frozenset("figure person man woman one individual name names people".split())
_SPEAKING_ROLES = frozenset(
    {"analyst", "expert", "comment", "observ", "pundit", "consult", "strategist", CONCEPT_PREFIX + "analyst"}
)
_ROLES = frozenset(
    "analyst analysts expert experts commentator commentators observer observers pundit pundits "
    "consultant consultants strategist strategists "
    "pick choice nominee successor replacement appointee candidate "
    "official officials leader leaders minister ministers president presidents premier premiers pm pms "
    "chancellor spokesperson ambassador commander chief envoy governor mayor secretary".split()
)


def _called_as_named(tokens: Sequence[str]) -> bool:
    """ "what was the official called?": "called" for a name, not the verb of "who called for a
    truce?" (a demand, as the story's "calls for a cease-fire")."""
    return any(t == "called" and tokens[i + 1 : i + 2] != ("for",) for i, t in enumerate(tokens))


def _role_wanted(read: Question) -> frozenset[str] | None:
    """The role a "who" question asks a name for (empty: any role), or None when it asks no role."""
    words_ = set(read.tokens)
    head = read.target[-1] if read.target else None
    lex = lexicon()
    if head in _ROLES:
        return frozenset({stem(head)} | set(lex.tag([head])) | set(lex.tag(list(read.target))))
    # ("the man who will name the next one": "name" as a verb asks no name)
    # ("going to name the new one" too, but not "I'd like to name him": a name wanted)
    tokens = read.tokens
    named_verb = {t for before, t in pairwise(tokens) if before in MODALS} | {
        tokens[i] for i in range(2, len(tokens)) if tokens[i - 1] == "to" and tokens[i - 2] in _ON_THE_WAY_TO
    }
    asks_name = (
        bool((words_ - named_verb) & {"name", "names", "named", "list"})
        or head in _ANY_ROLE
        or _called_as_named(read.tokens)
    )
    who_is = _WHO_IS.search(" ".join(read.tokens))
    if asks_name or who_is:
        # "Who will the next prime minister be?", "the name of the senior figure": the role named.
        roles = [t for t in read.tokens if t in _ROLES]
        described = _named_of(read.tokens)
        if described and any(t in _ROLES for t in described):
            # "the name of the new prime minister that President Macron appointed": the prime
            # minister's name is asked, the president is only the one who appoints
            return frozenset(
                {stem(t) for t in described if t in _ROLES} | set(lex.tag(list(described))) & _ROLE_TAGS
            )
        if "nominee" in roles:
            # "the nominee President Macron is to appoint": the nominee, not the president
            return frozenset({stem("nominee")} | set(lex.tag(["nominee"])))
        if who_is and not asks_name:
            # "Who is the analyst commenting on the next prime minister?": the analyst is asked for.
            start = len(" ".join(read.tokens)[: who_is.end()].split())
            after = read.tokens[start] if start < len(read.tokens) else ""
            # "who will choose the next prime minister?", "who is leading the talks?": the one doing
            # it (not "who was killed?": the one it was done to)
            # (after "will" the word is a verb, whatever else it may be: "who will pick the next one?")
            # ("who is going to be PM?" asks who holds it: "going to be" is no doing)
            be_next = read.tokens[start + 1 : start + 3] == ("to", "be")
            doer = (is_verb(after) and who_is.group(2) in {"will", "would"}) or (
                progressive_base(after) is not None and after not in _ROLES and not be_next
            )
            if doer and after not in STOPWORDS:
                return None
            subject = [t for t in read.tokens[start : start + 4] if t not in STOPWORDS]
            if _asks_who_someone_is(read, start):
                # "who is this Mujtaba Rahman who's talking about the next pick?": who the person
                # named is, not who holds a role the rest of the question mentions
                return None
            own_roles = [t for t in subject[:2] if t in _ROLES]
            if (
                not own_roles
                and subject
                and subject[0] in _PERSON_WORDS
                and not asks_name
                and not lex.tag(list(read.tokens)) & _DONE_TO_TAGS
            ):
                # "who's the fella running France that can't keep a prime minister?": the fella is
                # asked, known by what he does; the role after him is part of that description
                return None
            roles = own_roles or roles
            if (
                not roles
                and any(t in _PERSON_WORDS for t in subject[:3])
                and lex.tag(list(read.tokens)) & _DONE_TO_TAGS
            ):
                # "who was the Hamas man they killed?": someone described by what was done to them,
                # whose name is asked (not "who's the guy saying ...", known by what he says)
                return frozenset()
        if roles:
            return frozenset({stem(r) for r in roles} | set(lex.tag(list(read.tokens))) & _ROLE_TAGS)
        return frozenset() if asks_name else None
    return None


# What may follow a name whose bearer is asked about: "who is X, the one ...", "who is this X guy?"
_AFTER_NAME_ASKED = frozenset("who that the a an one guy bloke man woman fellow chap dude person".split())


def _asks_who_someone_is(read: Question, start: int) -> bool:
    """ "Who is (this) X ...?" with X a name the question gives, followed by nothing or by what
    describes X: who X is (not "who is Macron going to pick?", which asks whom X acts on)."""
    tokens = read.tokens
    at = start + (tokens[start : start + 1] in {("this",), ("that",)})
    runs = (*read.names, *((name,) for name in read.lone_names))
    run = next((run for run in runs if tokens[at : at + len(run)] == run), None)
    if run is None and tokens[at : at + 1] and capitalised_in(tokens[at], read.text):
        run = (tokens[at],)  # a name a story gives: "who is this Rahman guy?"
    if run is None:
        return False
    after = tokens[at + len(run) : at + len(run) + 1]
    return not after or after[0] in _AFTER_NAME_ASKED


def _named_of(tokens: Sequence[str]) -> tuple[str, ...]:
    """The words after "the name of", up to its first role or a relative clause: whose name is asked."""
    at = next(
        (i for i in range(len(tokens) - 1) if tokens[i] in {"name", "names"} and tokens[i + 1] == "of"), None
    )
    if at is None:
        return ()
    described: list[str] = []
    for token in tokens[at + 2 :]:
        if token in {"that", "who", "which", "whom", "whose"}:
            break
        if token in _ROLES and described and described[-1] in _PERSON_WORDS:
            break  # "the name of the gentleman President Macron will appoint": the gentleman's
        described.append(token)
        if token in _ROLES:
            break  # "the name of the nominee President Macron is to appoint": the nominee's
    return tuple(described)


_ORGANISATION_CLASS = frozenset(
    "party parties company companies firm firms organisation organisations organization organizations "
    "agency agencies outlet outlets newspaper newspapers paper group groups body bodies employer "
    "authority authorities administration ministry council office consultancy consultancies".split()
)


# Words that make "party" a political party rather than a side in a conflict or a negotiation.
_POLITICS = frozenset(
    "political politics election elections vote voters minister ministers premier president government "
    "parliament belong belongs member members join joined come comes lead leads leader from".split()
)


def _asks_organisation(read: Question) -> bool:
    """Whether "which party" asks for a political party ("the new prime minister's party"), not
    for one side ("which party sat out the talks?"); other organisation words always do."""
    if read.target[-1] not in {"party", "parties"}:
        return True
    # "which party is Macron in?", "... is she with?": membership, said by the preposition left at the end
    return bool(set(read.tokens) & _POLITICS) or read.tokens[-1:] in (("in",), ("with",))


def _names_organisation(sentence: Sentence, head: str, named: frozenset[str]) -> bool:
    """Whether the sentence names an organisation the question doesn't; for "which party", one whose
    name says it is a party (a story that names no party doesn't say which)."""
    for run in sentence.organisation_runs:
        if _named(run, named):
            continue
        if head in {"party", "parties"} and stem("party") not in run:
            continue
        return True
    return False


WHO_NAME_BONUS = 1.05
NOT_NEGATED = 0.6  # "who didn't ...?": a sentence that negates nothing counts this much
NEGATED_SHARE = 0.2  # ... and one that negates, within this share of the best, answers it
STANDS_FOR_COUNTRY = 0.5  # a capital or people's credit for a sentence naming its country or government
SCOPE_TOLD = 2.0  # a sentence with "other" for "only X, or others too?"
_OTHER_WORDS = frozenset({"other", "others"})
OLD_SUBJECT = 0.75  # an elliptical follow-up's sentence that is still about the previous subject
WHO_COUNTRY_BONUS = 1.02
_MUST = CONCEPT_PREFIX + "must"
_AGENT_STEMS = frozenset(stem(a) for a in AGENT_NOUNS)
# Agent nouns for a country's own leaders (the only ones of AGENT_NOUNS that are)
_OWN_LEADERS = frozenset(stem(w) for w in "minister ministers leader leaders".split()) & _AGENT_STEMS
# Who does something, not what is done: "and Hamas?" after "when must the troops pull back?" asks
# what Hamas must do; the troops were the old subject, not part of the predicate.
_SUBJECT_KEYS = _AGENT_STEMS | frozenset(
    {stem(w) for w in "troops troop army forces force soldiers military".split()}
    | {CONCEPT_PREFIX + c for c in ("military", "negotiator", "mediator", "official", "leader")}
)
# What happens to people counted, as chat types it without the past tense ("how many people die?")
_BARE_HAPPENINGS = frozenset("die dies dying injure injures hurt wound wounds evacuate flee flees".split())


def _happenings(tokens: Sequence[str], bare: bool = False) -> list[str]:
    """What a count asks happened ("jumped", "were injured"), and with ``bare`` the verbs chat types
    without a past tense ("die")."""
    return [
        t
        for t in tokens
        if (t.endswith("ed") and len(t) > 4 and t not in GENERIC_WORDS) or (bare and t in _BARE_HAPPENINGS)
    ]


_COUNTRY_CLASS = frozenset("country countries nation nations state states".split())
# Go-betweens whom news often leaves unnamed: asked who they were, only a sentence naming them answers.
_BROKER_STEMS = frozenset(stem(w) for w in "mediators mediated mediating brokers brokered brokering".split())


# Prepositions before "the mediators" that make them someone else's partners, not the ones asked
_GOVERNING = _PREPOSITIONS | frozenset(
    "with to from by for at in on of against alongside beside among between".split()
)


def _brokers_asked(read: Question) -> set[str]:
    """The go-betweens (stems) whose identity a question asks: "who mediated?", "who were the
    brokers?", not "who sat down with the mediators?" (the ones who met them)."""
    tokens = read.tokens
    for i, token in enumerate(tokens):
        key = stem(token)
        if key in _BROKER_STEMS:
            before = tokens[max(0, i - 5) : i]
            # the word before the noun phrase ("with the mediators"); "acted as the mediators" asks
            # who they were
            k = len(before)
            while k > 0 and before[k - 1] in {"the", "a", "an", "these", "those", "some"}:
                k -= 1
            governed = k > 0 and before[k - 1] in _GOVERNING
            if any(t in {"who", "whom", "which", "what"} for t in before) and not governed:
                return {key}
    return set()


def _phrase_only_tags(unit: Sequence[str]) -> frozenset[str]:
    """The concepts a several-word unit has as a phrase ("heads of government"), not word by word:
    "people die" is people (in the story as consumers) and dying, which must be there too."""
    lex = lexicon()
    single = frozenset().union(*(lex.tag([w]) for w in unit))
    return frozenset(lex.tag(_spelled_out(unit))) - single


def _country_beside(
    sentence: Sentence, agents: set[str], read: Question, named: frozenset[str], strict: bool = False
) -> bool:
    tokens = sentence.tokens
    for i, key in enumerate(sentence.sequence):
        if key not in agents:
            continue
        if strict:
            # "Egyptian mediators", "mediators from Egypt" (not "mediators in Qatar": where they met)
            follows = i + 1 < len(tokens) and tokens[i + 1] in {"from", "of"}
            nearby = [*tokens[max(0, i - 2) : i], *(tokens[i + 2 : i + 4] if follows else ())]
        else:
            nearby = list(tokens[max(0, i - 2) : i + 4])
        for near in nearby:
            country = country_of_word(near)
            if country is not None and country not in read.countries and stem(country) not in named:
                return True
    return False


def _name_bonus(sentence: Sentence, read: Question, named: frozenset[str]) -> float:
    """How much a sentence's names answer "who": a name the question doesn't give most, a country
    acting ("Russia launched ...") less, a list not at all."""
    if any(not _named(r, named) for r in sentence.name_runs):
        return WHO_NAME_BONUS
    return WHO_COUNTRY_BONUS if _acting_country(sentence, read, named) else 1.0


def _acting_country(sentence: Sentence, read: Question, named: frozenset[str]) -> bool:
    """ "Who attacked?", "who approved it?": a country that opens the sentence is its actor ("Russia
    launched ...") when the question asks who did something, not who holds a role."""
    country = sentence.subject_country
    if country is None or stem(country) in named:
        return False
    if country in read.countries and country not in read.guessed_countries:
        return False  # (a country offered as the answer may be it: "who attacked? was it Russia?")
    joined = " ".join(read.tokens)
    found = _WHO_IS.search(joined)
    if found is None:
        return True
    # "who is attacking ...?" asks who does it, as "who attacked ...?" does ("who is running ...?",
    # "who is going to be ...?" ask who holds a role)
    after = joined[found.end() :].split()[:1]
    # ("who is shooting the missiles?": a weapon's firing is the attack, whatever the verb)
    # (or by the phrase it opens: "who is cutting off exports?" restricts them)
    return (
        bool(after)
        and after[0].endswith("ing")
        and (
            bool(lexicon().tag(after) & _ACTION_TAGS)
            or bool(lexicon().phrase_tags(read.tokens).get(after[0], frozenset()) & _ACTION_TAGS)
            or after[0] in _FIRING_VERBS
        )
    )


def _asks_which_country(read: Question) -> bool:
    return any(
        before in {"which", "what"} and word in _COUNTRY_CLASS for before, word in pairwise(read.tokens)
    )


def _named(run: frozenset[str], named: frozenset[str]) -> bool:
    """Whether the question already gives this name: "Macron" gives "Emmanuel Macron", but "region"
    does not give "Ternopil Regional State Administration"."""
    return 2 * len(run & named) >= len(run)


_DOMINANCE = CONCEPT_PREFIX + "dominate"


_PERCENT_KEYS = frozenset({PERCENT, stem("percentage")})


def _has_quantity_of(sentence: Sentence, unit: tuple[str, ...]) -> bool:
    if not sentence.quantities:
        return bool(unit) and _enumerates(sentence, unit)
    if not unit:
        return True
    lex = lexicon()
    # The thing counted is the noun of "how many X": "prime ministers" counts ministers; a phrase the
    # lexicon knows ("heads of government") counts as itself.
    phrase_tags = set(lex.tag(list(unit))) - {t for w in unit for t in lex.tag([w])}
    unit = noun_phrase(unit)[-1:]
    wanted = {stem(fold(w)) for w in unit} | set(lex.tag(list(unit))) | phrase_tags
    wanted |= {stem(fold(w)) for word in unit for w in lex.expansions.get(fold(word), ())}
    if wanted & _PERCENT_KEYS and PERCENT in sentence.stems:
        return True  # "how many percent does China hold?": "70%"
    if _DOMINANCE in wanted and _DOMINANCE in sentence.stems:
        # "how much leverage does China have?": the figure of its hold ("controls 70% of ...")
        return True
    for _, following in sentence.quantities:
        got = {stem(fold(w)) for w in following} | set(lex.tag(list(following)))
        if wanted & got:
            return True
    return False


_NAMED_LIST = re.compile(r"\b[A-Z][\w'’-]*(?:, [A-Z][\w'’-]*)* and [A-Z][\w'’-]* (\w+)")


def _enumerates(sentence: Sentence, unit: tuple[str, ...]) -> bool:
    """ "How many oblasts ...?" is answered by a list of them by name: "in the Ternopil and
    Prikarpattia oblasts" counts two."""
    lex = lexicon()
    head = noun_phrase(unit)[-1]
    wanted = {stem(fold(head))} | set(lex.tag([head]))
    return any(
        wanted & ({stem(fold(m.group(1)))} | set(lex.tag([m.group(1)])))
        for m in _NAMED_LIST.finditer(sentence.text)
    )


def _names_instances(sentence: Sentence, read: Question, named: frozenset[str]) -> bool:
    """For "which X": the sentence names X's (a list, or names the question doesn't give)."""
    lex = lexicon()
    head = read.target[-1]
    keys = {stem(fold(head))} | set(lex.tag([head]))
    # "which weapons?": a kind of them the lexicon knows ("missile") names one (an expansion that
    # keeps the word itself lists its kinds; "pm" stands for "prime minister", a name of no kind)
    expanded = {stem(w) for w in lex.expansions.get(fold(head), ())}
    if stem(fold(head)) in expanded and (expanded - keys) & sentence.stems:
        return True
    if not keys & sentence.stems:
        return False
    if _KIND_OF.search(read.text) and _modified_in(sentence, keys, read):
        return True  # "what type of infrastructure?": "energy infrastructure" says which type
    # A list answers only when it lists the kind of thing asked ("which industries": industries);
    # so does an example given ("other Israeli proposals, among them that Israel would keep ...").
    listed = bool(keys & sentence.list_stems) or bool(_EXAMPLES.search(sentence.text))
    return listed or any(not (run & named) and not (run & keys) for run in sentence.name_runs if len(run) > 1)


_KIND_OF = re.compile(r"\b(?:kinds?|types?|sorts?) of\b", re.IGNORECASE)


def _modified_in(sentence: Sentence, keys: Collection[str], read: Question) -> bool:
    """Whether the sentence puts a word the question doesn't have before the asked noun ("energy"
    in "Ukraine's energy infrastructure"): the kind of it."""
    asked = {stem(fold(t)) for t in read.tokens}
    tokens = sentence.tokens
    return any(
        stem(fold(word)) in keys
        and i > 0
        and tokens[i - 1].lower() not in STOPWORDS
        and stem(fold(tokens[i - 1])) not in asked
        and not countries_in(tokens[i - 1])
        for i, word in enumerate(tokens)
    )


_EXAMPLES = re.compile(r"\b(?:among them|such as|including|notably|in particular)\b", re.IGNORECASE)


__all__ = ["MAX_ANSWER_CHARS", "MAX_SUGGESTIONS", "Answer", "Answerer"]
