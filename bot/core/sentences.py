"""A story's sentences, each annotated with what kind of question it can answer.

An answer is a sentence of the story. To know whether it answers *this* question, each sentence
carries what it holds: names of people and organisations, places, a point in time, a duration, a
quantity, a reason, a negation, a reporting source. Headlines are context, not sentences; a
sentence that opens with "This", "That", "They" or "It" carries its predecessor's meaning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial

from bot.core.geography import countries_in, country_of_word, is_place_name
from bot.core.lexicon import CONCEPT_PREFIX, fold, lexicon
from bot.core.models import Story
from bot.core.text import is_month, is_number_word, is_weekday, split_sentences, stem, words

_ANAPHORIC_START = frozenset("this that these those they it its their he she his her such".split())
_TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years".split()
)
_RELATIVE = re.compile(
    r"\b(the next day|the day before|the following day|tomorrow|yesterday|tonight|this week|last week|"
    r"next week|(\w+) (days|weeks|months|years) (earlier|later|ago|before|after))\b"
)
_FRACTIONS = frozenset("half third quarter majority most all percent".split())
# Agent nouns that answer "who" even without a name: "negotiators sat down", "officials told".
AGENT_NOUNS = frozenset(
    """
    negotiators negotiator mediators mediator brokers broker officials official crews crew units authorities
    authority
    president leaders leader minister ministers analyst analysts spokesperson spokesman spokeswoman
    """.split()
)
# The last word of many organisations' names.
_ORGANISATION_WORDS = frozenset(
    """
    group party times post journal news media agency administration ministry company corporation inc
    corp bank council commission union institute foundation association committee office service
    reuters bloomberg network
    """.split()
)
_LIST = re.compile(
    r"[\w'’-]+, [^,;.]{1,60}?,? and [\w'’-]+(?: [\w'’-]+)?|\b[A-Z][\w'’-]+ and [A-Z][\w'’-]+ \w+"
)
# A role right before a capitalised name: "President Emmanuel Macron", "a senior official, John Doe".
_TITLED = re.compile(
    r"(?i:\b(president|prime minister|minister|premier|chancellor|official|leader|spokesperson|spokesman|"
    r"spokeswoman|secretary|general|king|queen|ambassador|analyst|commander|chief|envoy|governor|mayor))"
    r",? ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)+)"
)
# "With Hamas absent, the talks have slim to no chance": the opening clause is why.
_WITH_CLAUSE = re.compile(r"\s*with\b[^,.;]{2,40},\s", re.IGNORECASE)
_NAME = re.compile(r"(?<![.!?] )(?<!^)\b([A-Z][\w'’-]+(?: (?:of |of the |the )?[A-Z][\w'’-]+)*)")


@dataclass(frozen=True)
class Sentence:
    """A sentence and what it can answer.

    Matching needs only its stems, so those are computed for every sentence; the features that tell
    what kind of question it answers are worked out on first use, for the few sentences that match.
    """

    text: str
    date: dt.date | None
    date_is: str
    kind: str  # "update", "fact" or "summary"
    order: int  # position in the story, newer updates later
    update: int  # which update it belongs to (-1 for facts and the summary)
    position: int  # position within its update
    stems: frozenset[str]  # its own stems and concept tags
    context: frozenset[str]  # what it means beyond its words: its predecessor's or headline's stems
    sequence: tuple[str, ...]  # its stems in order, for phrase cues
    tokens: tuple[str, ...] = field(repr=False, compare=False)
    people: dict[str, frozenset[str]] = field(repr=False, compare=False, hash=False)
    known_places: dict[str, frozenset[str]] = field(repr=False, compare=False, hash=False)
    organisations: tuple[str, ...] = field(default=(), repr=False, compare=False, hash=False)

    @cached_property
    def name_runs(self) -> tuple[frozenset[str], ...]:
        """Each name of a person or organisation it gives, as the stems of its words."""
        folded = self.text.casefold()
        # (a person named again by the last name alone: "Macron is due to try again")
        runs = [
            keys
            for name, keys in self.people.items()
            if name.casefold() in folded or _by_last_name(name, self.text)
        ]
        # Capitalised names inside the sentence ("the New York Times", "Eurasia Group") are names too.
        for match in _NAME.finditer(self.text):
            name = [fold(w) for w in words(match.group(1))]
            if is_place_name(name) or set(name) <= _CALENDAR:
                continue  # a capitalised place ("France") or month ("December") is not a person
            # "French President Emmanuel Macron" names Emmanuel Macron.
            name = [w for w in name if w not in TITLE_WORDS and country_of_word(w) is None] or name
            runs.append(frozenset(stem(w) for w in name))
        place_words = {s for keys in self.known_places.values() for s in keys}
        runs = [run for run in runs if not run <= place_words]
        runs += [frozenset({stem(t)}) for t in self.tokens if t in AGENT_NOUNS]
        return tuple(runs)

    @cached_property
    def organisation_runs(self) -> tuple[frozenset[str], ...]:
        """Each organisation it names: the story's own, and capitalised names that end in a word
        organisations are called by ("Eurasia Group", "the New York Times")."""
        folded = self.text.casefold()
        runs = [self.people[name] for name in self.organisations if name.casefold() in folded]
        for match in _NAME.finditer(self.text):
            name = words(match.group(1))
            if name and fold(name[-1]) in _ORGANISATION_WORDS:
                runs.append(frozenset(stem(fold(w)) for w in name))
        return tuple(runs)

    @cached_property
    def subject_country(self) -> str | None:
        """A country that opens the sentence, as its actor: "Russia launched ..." """
        return country_of_word(self.tokens[0]) if self.tokens else None

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(s for run in self.name_runs for s in run)

    @cached_property
    def list_stems(self) -> frozenset[str]:
        """Stems and concepts of the words inside a list ("A, B and C")."""
        listed = _LIST.search(self.text)
        list_tokens = words(listed.group(0)) if listed else []
        return frozenset({stem(fold(w)) for w in list_tokens}) | lexicon().tag(list_tokens)

    @cached_property
    def has_list(self) -> bool:
        return bool(_LIST.search(self.text))

    @cached_property
    def roles(self) -> frozenset[str]:
        """Stems and concepts of roles given with a person's name ("President X")."""
        role_words = [m.group(1).casefold() for m in _TITLED.finditer(self.text)]
        return frozenset({stem(w) for role in role_words for w in role.split()}) | lexicon().tag(role_words)

    @cached_property
    def place_names(self) -> tuple[str, ...]:
        folded = self.text.casefold()
        return tuple(name for name in self.known_places if name.casefold() in folded)

    @cached_property
    def places(self) -> frozenset[str]:
        return frozenset(s for name in self.place_names for s in self.known_places[name])

    @cached_property
    def has_time(self) -> bool:
        """A date or a point in time."""
        return _has_time(list(self.tokens), self.text.casefold())

    @cached_property
    def has_relative_time(self) -> bool:
        """A time relative to the story ("the next day", "two weeks earlier")."""
        return bool(_RELATIVE.search(self.text.casefold()))

    @cached_property
    def has_count(self) -> bool:
        """A number as figures or words, not only a fraction ("half")."""
        return any(
            is_number_word(self.tokens[i]) and self.tokens[i] not in _FRACTIONS for i, _ in self.quantities
        )

    @cached_property
    def has_duration(self) -> bool:
        """An amount of time ("24 hours", "two years")."""
        return _has_duration(list(self.tokens))

    @cached_property
    def quantities(self) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """(token position, following words) per quantity."""
        return _quantities(list(self.tokens))

    @cached_property
    def reason(self) -> bool:
        return self.strong_reason or self.follows_event or self.opens_with_circumstance

    @cached_property
    def opens_with_circumstance(self) -> bool:
        """An opening "With Hamas absent, ..." giving the circumstance behind what follows."""
        return bool(_WITH_CLAUSE.match(self.text))

    @cached_property
    def strong_reason(self) -> bool:
        """A reason in so many words ("because", "in protest at", "vital for"), not only a time
        ("after the strikes")."""
        return self.gives_cause or self.stakes or lexicon().has_cue("outlook", self.sequence)

    @cached_property
    def gives_cause(self) -> bool:
        """A cause or purpose ("because", "in protest at", "hoping to"): why someone did something."""
        return lexicon().has_cue("reason", self.sequence)

    @cached_property
    def stakes(self) -> bool:
        """What is at stake ("vital for", "depend on"): why it matters, not why it was done."""
        return lexicon().has_cue("stakes", self.sequence)

    @cached_property
    def motive(self) -> bool:
        """An answer to "why did they do it?": a cause or purpose, or the circumstance it was done in."""
        return self.gives_cause or self.opens_with_circumstance

    @cached_property
    def cause_words(self) -> frozenset[str]:
        """The stems of what a consequence follows from: after "after" ("rescue work after the
        strikes"), or before a result verb ("the attack left half without power")."""
        lex = lexicon()
        sequence = self.sequence
        after = next((i for i, key in enumerate(sequence) if key in lex.cue_words["after"]), None)
        if after is not None:
            cause = sequence[after + 1 :]
        else:
            results = _active_results(sequence)
            first = next((i for i, key in enumerate(sequence) if key in results), len(sequence))
            cause = sequence[:first]
        return frozenset(cause) | lex.tag_stems(cause)

    @cached_property
    def follows_event(self) -> bool:
        """A time that stands for a reason: "after the strikes"."""
        return lexicon().has_cue("after", self.sequence)

    @cached_property
    def plans(self) -> bool:
        """Whether it tells what someone is due or going to do next."""
        return lexicon().has_cue("plan", self.sequence)

    @cached_property
    def result_tags(self) -> frozenset[str]:
        """Stems and concepts of its result verbs ("toppled": topple)."""
        results = _active_results(self.sequence)
        return frozenset(results) | lexicon().tag([w for w in self.tokens if stem(fold(w)) in results])

    @cached_property
    def result(self) -> bool:
        return bool(_active_results(self.sequence))

    @cached_property
    def negation(self) -> bool:
        return lexicon().has_cue("negation", self.sequence)

    @cached_property
    def reporting(self) -> bool:
        if not lexicon().has_cue("reporting", self.sequence):
            return False
        # "Iran's expected retaliation", "the reported deal": a participle before its noun reports nothing
        attributive = _ATTRIBUTIVE_REPORTING.sub(" ", self.text)
        return attributive == self.text or lexicon().has_cue("reporting", stems_folded(words(attributive)))

    @cached_property
    def reported_stems(self) -> frozenset[str]:
        """The stems of the clause that holds the reporting: in "Macron is trying to ...; Rahman
        thinks his pick may last" Rahman speaks for the pick, not for Macron's efforts."""
        if ";" not in self.text:
            return self.stems
        cue = lexicon().has_cue
        reported = [c for c in self.text.split(";") if cue("reporting", stems_folded(words(c)))]
        return frozenset(stems_folded(words(" ".join(reported)))) if reported else self.stems

    @cached_property
    def forecast(self) -> bool:
        """A guess at what may come ("the pick might finally stick"): someone's view, not a report."""
        return not _FORECAST_MODALS.isdisjoint(self.tokens)


def _by_last_name(name: str, text: str) -> bool:
    """Whether the text names someone of several names by the last one, capitalised, alone."""
    parts = name.split()
    if len(parts) < 2 or not parts[-1][:1].isupper():
        return False
    at = text.find(parts[-1])
    end = at + len(parts[-1])
    return (
        at != -1 and (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
    )


_ATTRIBUTIVE_REPORTING = re.compile(
    r"(?:'s|\b(?:the|an?|its|their|his|her))\s+(?:expected|reported|claimed|stated|confirmed|announced)\b",
    re.IGNORECASE,
)

_FORECAST_MODALS = frozenset({"might", "may", "could", "would"})


@lru_cache(maxsize=4096)
def sentence_countries(text: str) -> frozenset[str]:
    """The countries a sentence names; looked up only for "where" questions."""
    return countries_in(text)


# One shared empty context: each ``frozenset()`` is a new object (Python 3.10+), and most sentences
# have no context, so a story's first question would leave several more for the collector to walk.
_NO_CONTEXT: frozenset[str] = frozenset()


# The stems of a run of words, in order (``StoryIndex.stems_of``, or ``stems_folded``).
Stemmer = Callable[[Sequence[str]], tuple[str, ...]]


def stems_folded(tokens: Sequence[str]) -> tuple[str, ...]:
    """Each word's stem, stemmed afresh: for callers without the index's table."""
    return tuple([stem(fold(w)) for w in tokens])


def story_sentences(story: Story, stems_of: Stemmer | None = None) -> tuple[Sentence, ...]:
    """The story's sentences, annotated. ``stems_of`` may give stems from a table the caller already
    has (the index's): a story's first question then doesn't stem its words again."""
    stem_words = stems_of or stems_folded
    people = _name_stems(story.entities.people + story.entities.organisations)
    places = _name_stems(story.entities.places)
    organisations = story.entities.organisations
    annotate = partial(
        _annotate, people=people, places=places, organisations=organisations, stems_of=stem_words
    )
    out: list[Sentence] = []
    order = 0
    for number, update in enumerate(story.updates):
        headline = _stem_set(update.headline, stems_of=stem_words)
        previous: frozenset[str] = _NO_CONTEXT
        for position, text in enumerate(split_sentences(update.text)):
            tokens = words(text)
            context = headline if position == 0 else _NO_CONTEXT
            if tokens and tokens[0] in _ANAPHORIC_START and position > 0:
                context = previous
            sentence = annotate(
                text, update.date, update.date_is, "update", order, number, position, context, tokens=tokens
            )
            previous = sentence.stems
            out.append(sentence)
            order += 1
    for fact in story.facts:
        out.append(annotate(fact.text, fact.date, fact.date_is, "fact", order, -1, 0, _NO_CONTEXT))
        order += 1
    latest = story.latest
    out.append(annotate(story.summary, latest.date, latest.date_is, "summary", order, -1, 0, _NO_CONTEXT))
    return tuple(out)


def story_word_stems(story: Story, stems_of: Stemmer | None = None) -> frozenset[str]:
    """The word stems of all the story's sentences, without concept or country tags: what
    ``story_sentences`` gives as their stems, less every ``CONCEPT_PREFIX`` key, read from the same
    sentences without annotating them. A story that is only a candidate (checked for a typo of a
    question word, then passed over) then costs no sentence objects, which a first question would
    build and the garbage collector would walk."""
    stem_words = stems_of or stems_folded
    texts = [text for update in story.updates for text in split_sentences(update.text)]
    texts += [fact.text for fact in story.facts]
    texts.append(story.summary)
    out: set[str] = set()
    for text in texts:
        out.update(stem_words(words(text)))
        if "-" in text:  # as _stem_set: "cease-fire" is also "ceasefire"
            out.update(stem(m.replace("-", "")) for m in _HYPHENATED.findall(text.casefold()))
        if "%" in text:  # as _stem_set: "70%" holds "percent"
            out.add(PERCENT)
    return frozenset(k for k in out if not k.startswith(CONCEPT_PREFIX))


def _name_stems(names: tuple[str, ...]) -> dict[str, frozenset[str]]:
    return {name: _stems_of_name(name) for name in names}


@lru_cache(maxsize=65536)
def _stems_of_name(name: str) -> frozenset[str]:
    # The same people, places and bodies recur across stories: tokenise each name once.
    return frozenset(stem(fold(w)) for w in words(name))


def _stem_set(
    text: str,
    tokens: list[str] | None = None,
    sequence: tuple[str, ...] | None = None,
    stems_of: Stemmer = stems_folded,
) -> frozenset[str]:
    tokens = words(text) if tokens is None else tokens
    sequence = stems_of(tokens) if sequence is None else sequence
    out = set(sequence)
    # "Israeli" and "Israel" name one country: both carry its tag.
    capitalised = _CAPITALISED.findall(text)
    out |= {COUNTRY_PREFIX + c for c in map(country_of_word, capitalised) if c is not None}
    # "the Biden administration", "the Kremlin": the country's government speaking (looked for only
    # where a capitalised word may open one of its names: most sentences have none)
    lex = lexicon()
    if not lex.government_openers.isdisjoint(capitalised):
        out |= {COUNTRY_PREFIX + c for c in lex.governments_in(text)}
    if _has_deadline(text):
        out.add(CONCEPT_PREFIX + "must")  # "Hamas has 72 hours to return ...": an obligation
    if "-" in text:
        out |= {stem(m.replace("-", "")) for m in _HYPHENATED.findall(text.casefold())}
    if "%" in text:
        out.add(PERCENT)  # "70%" is a number of percent ("how many percent does China hold?")
    out |= lex.tag_stems(sequence)
    return frozenset(out)


def _annotate(
    text: str,
    date: dt.date | None,
    date_is: str,
    kind: str,
    order: int,
    update: int,
    position: int,
    context: frozenset[str],
    people: dict[str, frozenset[str]],
    places: dict[str, frozenset[str]],
    organisations: tuple[str, ...] = (),
    stems_of: Stemmer = stems_folded,
    tokens: list[str] | None = None,
) -> Sentence:
    tokens = words(text) if tokens is None else tokens
    sequence = stems_of(tokens)
    # Every field set at once, as the dataclass's __init__ would one by one (Sentence has no
    # __post_init__): a frozen dataclass sets each through object.__setattr__, ~2.8 us for these
    # fourteen, and a story's first question makes one per sentence.
    sentence = _new_sentence(Sentence)
    _set_attribute(
        sentence,
        "__dict__",
        {
            "text": text,
            "date": date,
            "date_is": date_is,
            "kind": kind,
            "order": order,
            "update": update,
            "position": position,
            "stems": _stem_set(text, tokens, sequence),
            "context": context,
            "sequence": sequence,
            "tokens": tuple(tokens),
            "people": people,
            "known_places": places,
            "organisations": organisations,
        },
    )
    return sentence


_new_sentence = object.__new__
_set_attribute = object.__setattr__


_DEADLINE = re.compile(
    r"\b(has|have|had|given|gets?)\s+(\w+\s+){0,2}(hours?|days?|weeks?|months?|until)\b.{0,20}\bto\b", re.I
)
_DEADLINE_UNITS = ("hour", "day", "week", "month", "until")


def _has_deadline(text: str) -> bool:
    """Whether ``_DEADLINE`` matches. Few sentences name a unit of time, and ASCII text matched
    ignoring case names one only if its lower case holds it: a substring test each rules out most
    sentences for a fraction of the search (other text, where case-folding is subtler, is searched)."""
    if text.isascii():
        lowered = text.lower()
        if not any(unit in lowered for unit in _DEADLINE_UNITS):
            return False
    return _DEADLINE.search(text) is not None


COUNTRY_PREFIX = "§country:"
PERCENT = stem("percent")
_HYPHENATED = re.compile(r"\w+(?:-\w+)+")
TITLE_WORDS = frozenset(
    "president prime minister premier chancellor king queen general secretary ambassador mr mrs ms dr".split()
)
_CAPITALISED = re.compile(r"\b[A-Z][^\W\d_]+")  # story prose capitalises the countries it names
_CALENDAR = frozenset(
    """
    january february march april may june july august september october november december monday
    tuesday wednesday thursday friday saturday sunday
    """.split()
)
_BE = frozenset(("be", "been", "being", "is", "are", "was", "were"))


def _active_results(sequence: tuple[str, ...]) -> frozenset[str]:
    """Result verbs with their cause as subject ("the attack left ..."), not passives ("were left")."""
    lex = lexicon()
    found: set[str] = set()
    for i, key in enumerate(sequence):
        if key in lex.cue_words["result"] and (i == 0 or sequence[i - 1] not in _BE):
            found.add(key)
    for phrase in lex.cue_phrases["result"]:
        n = len(phrase)
        for i in range(len(sequence) - n + 1):
            if tuple(sequence[i : i + n]) == phrase and (i == 0 or sequence[i - 1] not in _BE):
                found.update(phrase)
    return frozenset(found)


def _has_time(tokens: list[str], folded: str) -> bool:
    for t in tokens:
        if (is_month(t) and t != "may") or is_weekday(t):
            return True
        if t.isdigit() and len(t) == 4 and 1900 < int(t) < 2200:
            return True
    return bool(_RELATIVE.search(folded))


def _has_duration(tokens: list[str]) -> bool:
    for i, t in enumerate(tokens[:-1]):
        if is_number_word(t) and tokens[i + 1] in _TIME_UNITS and not (i > 0 and tokens[i - 1] in {"the"}):
            # "two weeks earlier", "a year ago": a point in time told relative to another
            if tokens[i + 2 : i + 3] and tokens[i + 2] in _RELATIVE_TIME:
                continue
            return True
    return False


_RELATIVE_TIME = frozenset("earlier later ago before after previously since".split())


_UNIT_SKIP = frozenset(("of", "the", "a", "an", "its", "their", "his", "her", "all"))


def _quantities(tokens: list[str]) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Numbers that are not parts of dates, with the words that follow them (their unit)."""
    out = []
    for i, t in enumerate(tokens):
        number = is_number_word(t) or t in _FRACTIONS or t.endswith("%")
        if not number:
            continue
        if t.isdigit() and len(t) == 4:
            continue  # a year
        neighbours = tokens[max(0, i - 1) : i] + tokens[i + 1 : i + 2]
        if any(is_month(n) and n != "may" for n in neighbours):
            continue  # a day of a month
        # The unit is what follows, past "of the": "70% of the global supply" counts supply.
        following = [t for t in tokens[i + 1 : i + 6] if t not in _UNIT_SKIP]
        out.append((i, tuple(following[:2])))
    return tuple(out)
