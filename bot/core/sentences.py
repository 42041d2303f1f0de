"""A story's sentences, each annotated with what kind of question it can answer.

An answer is a sentence of the story. To know whether it answers *this* question, each sentence
carries what it holds: names of people and organisations, places, a point in time, a duration, a
quantity, a reason, a negation, a reporting source. Headlines are context, not sentences; a
sentence that opens with "This", "That", "They" or "It" carries its predecessor's meaning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.core.geography import countries_in
from bot.core.lexicon import fold, lexicon
from bot.core.models import Story
from bot.core.text import is_month, is_number_word, split_sentences, stem, words

_ANAPHORIC_START = frozenset("this that these those they it its their he she his her such".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years".split()
)
_RELATIVE = re.compile(
    r"\b(the next day|the day before|the following day|tomorrow|yesterday|tonight|this week|last week|"
    r"next week|(\w+) (days|weeks|months|years) (earlier|later|ago|before|after))\b"
)
_FRACTIONS = frozenset("half third quarter majority most all percent".split())
# Agent nouns that answer "who" even without a name: "negotiators sat down", "officials told".
_AGENTS = frozenset(
    """
    negotiators negotiator mediators mediator officials official administration government military
    forces crews crew units authorities authority president leaders leader minister ministers
    analyst analysts children police army troops
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
_NAME = re.compile(r"(?<![.!?] )(?<!^)\b([A-Z][\w'’-]+(?: (?:of |of the |the )?[A-Z][\w'’-]+)*)")


@dataclass(frozen=True)
class Sentence:
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
    names: frozenset[str]  # stems of the people and organisations it names
    name_runs: tuple[frozenset[str], ...]  # each name it gives, as the stems of its words
    list_stems: frozenset[str]  # stems and concepts of the words inside a list ("A, B and C")
    roles: frozenset[str]  # stems and concepts of roles given with a person's name ("President X")
    places: frozenset[str]  # stems of the places it names
    place_names: tuple[str, ...]  # the places it names, as written in the story's entities
    countries: frozenset[str]
    has_time: bool  # a date or a point in time
    has_duration: bool  # an amount of time ("24 hours", "two years")
    quantities: tuple[tuple[int, tuple[str, ...]], ...]  # (token position, following words) per quantity
    has_list: bool
    reason: bool
    result: bool
    result_tags: frozenset[str]  # stems and concepts of its result verbs ("toppled": topple)
    negation: bool
    reporting: bool


def story_sentences(story: Story) -> tuple[Sentence, ...]:
    people = _name_stems(story.entities.people + story.entities.organisations)
    places = _name_stems(story.entities.places)
    out: list[Sentence] = []
    order = 0
    for number, update in enumerate(story.updates):
        headline = _stem_set(update.headline)
        previous: frozenset[str] = frozenset()
        for position, text in enumerate(split_sentences(update.text)):
            tokens = words(text)
            context = headline if position == 0 else frozenset()
            if tokens and tokens[0] in _ANAPHORIC_START and position > 0:
                context = previous
            sentence = _annotate(
                text, update.date, update.date_is, "update", order, number, position, context, people, places
            )
            previous = sentence.stems
            out.append(sentence)
            order += 1
    for fact in story.facts:
        out.append(
            _annotate(fact.text, fact.date, fact.date_is, "fact", order, -1, 0, frozenset(), people, places)
        )
        order += 1
    latest = story.latest
    out.append(
        _annotate(
            story.summary, latest.date, latest.date_is, "summary", order, -1, 0, frozenset(), people, places
        )
    )
    return tuple(out)


def _name_stems(names: tuple[str, ...]) -> dict[str, frozenset[str]]:
    return {name: frozenset(stem(fold(w)) for w in words(name)) for name in names}


def _stem_set(text: str) -> frozenset[str]:
    tokens = words(text)
    out = {stem(fold(w)) for w in tokens}
    out |= {stem(m.replace("-", "")) for m in re.findall(r"\w+(?:-\w+)+", text.casefold())}
    return frozenset(out) | lexicon().tag(tokens)


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
) -> Sentence:
    lex = lexicon()
    tokens = words(text)
    sequence = tuple(stem(fold(w)) for w in tokens)
    stems = _stem_set(text)
    folded = text.casefold()
    runs = [keys for name, keys in people.items() if name.casefold() in folded]
    # Capitalised names inside the sentence ("the New York Times", "Eurasia Group") are names too.
    for match in _NAME.finditer(text):
        runs.append(frozenset(stem(fold(w)) for w in words(match.group(1))))
    # A capitalised place ("France", "Gaza") is not a person or an organisation.
    place_words = {s for keys in places.values() for s in keys}
    runs = [run for run in runs if not (run <= place_words or countries_in(" ".join(run)))]
    runs += [frozenset({stem(t)}) for t in tokens if t in _AGENTS]
    names = {s for run in runs for s in run}
    listed = _LIST.search(text)
    list_tokens = words(listed.group(0)) if listed else []
    list_stems = {stem(fold(w)) for w in list_tokens} | set(lex.tag(list_tokens))
    place_names = tuple(name for name in places if name.casefold() in folded)
    place_stems = {s for name in place_names for s in places[name]}
    role_words = [m.group(1).casefold() for m in _TITLED.finditer(text)]
    roles = {stem(w) for role in role_words for w in role.split()} | set(lex.tag(role_words))
    countries = countries_in(text)
    results = _active_results(sequence)
    return Sentence(
        text=text,
        date=date,
        date_is=date_is,
        kind=kind,
        order=order,
        update=update,
        position=position,
        stems=stems,
        context=context,
        sequence=sequence,
        names=frozenset(names),
        name_runs=tuple(runs),
        list_stems=frozenset(list_stems),
        roles=frozenset(roles),
        places=frozenset(place_stems),
        place_names=place_names,
        countries=countries,
        has_time=_has_time(tokens, folded),
        has_duration=_has_duration(tokens),
        quantities=_quantities(tokens),
        has_list=bool(_LIST.search(text)),
        reason=lex.has_cue("reason", sequence),
        result=bool(results),
        result_tags=frozenset(results) | lex.tag([w for w in tokens if stem(fold(w)) in results]),
        negation=lex.has_cue("negation", sequence),
        reporting=lex.has_cue("reporting", sequence),
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
        if (is_month(t) and t != "may") or t in _WEEKDAYS:
            return True
        if t.isdigit() and len(t) == 4 and 1900 < int(t) < 2200:
            return True
    return bool(_RELATIVE.search(folded))


def _has_duration(tokens: list[str]) -> bool:
    for i, t in enumerate(tokens[:-1]):
        if is_number_word(t) and tokens[i + 1] in _TIME_UNITS and not (i > 0 and tokens[i - 1] in {"the"}):
            return True
    return False


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
        out.append((i, tuple(tokens[i + 1 : i + 4])))
    return tuple(out)
