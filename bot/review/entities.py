"""People, places and organisations named in feed items, for a new story's ``[entities]``.

A plain heuristic, not a trained recogniser, and honest about it: it only keeps what the wording
makes clear and drops what it can't tell apart.

- A name is a run of capitalised words ("Anna Kovacs", "International Energy Agency"), joined by
  "of"/"for"/"and"/"the"/"de" only between capitalised words ("Bank of England"). Months, weekdays,
  common words that are capitalised because they start a sentence ("The", "After") and the outlets'
  own names are not names. Headlines in title case are read like the rest: a run that starts a
  sentence is trimmed of leading common words.
- An organisation ends in a known suffix (Ltd, Agency, Ministry, Party, Council, University…),
  starts with one ("Ministry of Defence"), or is an acronym of 2–6 capitals (NATO, IAEA) that is not
  a country code.
- A place is a country, capital, province or country adjective (:mod:`bot.core.geography`; the
  country is what is recorded, "Russian" gives Russia), or a name followed by "region", "province",
  "oblast", "city"… ("the Ternopil region": Ternopil).
- A person is a run of two to four name words that is none of the above ("Anna Kovacs"), or any
  name after a title ("President Kovacs"). One capitalised word alone is not enough: it may be a
  person, a place or a ship, so it is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.geography import countries_in, country_of_word, is_place_name
from bot.core.lexicon import fold
from bot.core.text import STOPWORDS

__all__ = ["FoundEntities", "find_entities"]

MAX_EACH = 12  # a story's entities are for matching, not an index of every name in the items

ORG_SUFFIXES = frozenset(
    """
    inc ltd llc plc corp corporation co company companies group holdings bank agency ministry
    department council party union association institute university college commission committee
    authority authorities court parliament assembly senate congress federation fund foundation
    organisation organization office service services forces army navy police board bureau
    network airlines airways railways reserve exchange alliance coalition movement front treasury
    """.split()
)
ORG_PREFIXES = frozenset("ministry bank university department office council court commission house".split())
TITLES = frozenset(
    """
    president prime minister ministers chancellor premier mr mrs ms dr sir dame general gen
    commander chief secretary senator governor mayor king queen prince princess pope ambassador
    spokesman spokeswoman spokesperson judge sheikh rabbi reverend
    """.split()
)
PLACE_PREPOSITIONS = frozenset("in near outside across from to".split())
PLACE_WORDS = frozenset("region province oblast city county district state town village island".split())
NOT_NAMES = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    storm hurricane typhoon cyclone update breaking live exclusive analysis opinion
    """.split()
)
CONNECTORS = frozenset("of for and the de del da al la le von van".split())
COUNTRY_CODES = frozenset({"US", "UK", "UAE", "EU"})

_TOKEN = re.compile(r"[^\W\d_][\w'’.&-]*|[.!?;:]|\s+-\s+|[—–]|\S", re.UNICODE)
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


@dataclass(frozen=True)
class FoundEntities:
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()

    def as_table(self) -> dict[str, list[str]]:
        """The ``[entities]`` table of a story record (only the kinds that were found)."""
        table = {
            "people": list(self.people),
            "places": list(self.places),
            "organisations": list(self.organisations),
        }
        return {kind: names for kind, names in table.items() if names}


def _clean(word: str) -> str:
    word = word.rstrip(".").replace("’", "'")
    return word[:-2] if word.endswith("'s") else word.rstrip("'")


def _key(word: str) -> str:
    """A word as the lists above and the geography data hold it: lower case, no accents."""
    return fold(_clean(word).casefold())


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and _key(word) not in NOT_NAMES


def _runs(text: str) -> Iterable[tuple[list[str], bool, str, str]]:
    """Runs of capitalised words (connectors kept only between them), each with whether it started
    a sentence (or a headline part), the word right before it and the word right after it ("" at a
    boundary)."""
    run: list[str] = []
    run_starts_sentence = False
    before = ""
    sentence_start = True
    tokens = [t.strip() for t in _TOKEN.findall(text) if t.strip()]
    for i, word in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if not word[0].isalpha():  # punctuation or a headline's " - Outlet" dash
            if run:
                yield run, run_starts_sentence, before, ""
                run = []
            before = ""
            if word in {".", "!", "?", ";", ":", "-", "—", "–"}:
                sentence_start = True
            continue
        ends_sentence = word.endswith(".") and not _ACRONYM.match(word.rstrip("."))
        if (
            _is_capitalised(word)
            and _key(word) in STOPWORDS
            and _key(word) not in CONNECTORS
            and not _ACRONYM.match(_clean(word))  # "US" is not "us"
        ):
            if run:  # "Officials In Paris Say...": a capitalised "In" is no part of a name
                yield run, run_starts_sentence, before, ""
                run = []
            before = _clean(word)
        elif _is_capitalised(word):
            if not run:
                run_starts_sentence = sentence_start
            run.append(_clean(word))
            if ends_sentence:
                yield run, run_starts_sentence, before, ""
                run = []
        elif run and _key(word) in CONNECTORS and following[:1].isupper():
            run.append(word)
        else:
            if run:
                yield run, run_starts_sentence, before, _clean(word)
                run = []
            before = _clean(word)
        sentence_start = ends_sentence
    if run:
        yield run, run_starts_sentence, before, ""


def _trim(run: list[str], starts_sentence: bool) -> list[str]:
    """Drop common words capitalised only by their position, and trailing connectors."""
    words = list(run)
    while words and (_key(words[0]) in CONNECTORS or (starts_sentence and _key(words[0]) in STOPWORDS)):
        words.pop(0)
        starts_sentence = True
    while words and _key(words[-1]) in CONNECTORS:
        words.pop()
    return words


class _Collector:
    def __init__(self, outlets: Sequence[str]) -> None:
        self.outlets = {" ".join(_key(w) for w in o.split()) for o in outlets if o}
        self.people: dict[str, None] = {}
        self.places: dict[str, None] = {}
        self.organisations: dict[str, None] = {}
        self.countries: dict[str, None] = {}

    def add(
        self, run: list[str], starts_sentence: bool, before: str, after: str, title_case: bool = False
    ) -> None:
        words = _trim(run, starts_sentence)
        if not words:
            return
        keys = [_key(w) for w in words]
        # "Anna Kovacs of the Bank of England": a name, then an organisation.
        for i in range(1, len(words)):
            if keys[i] in ORG_PREFIXES and keys[i - 1] in CONNECTORS:
                start = i
                while start > 0 and keys[start - 1] in CONNECTORS:
                    start -= 1
                if start > 0:
                    self.add(
                        words[:start], starts_sentence and len(words) == len(run), before, "", title_case
                    )
                    self.add(words[i:], False, "", after, title_case)
                    return
        name = " ".join(words)
        if " ".join(keys) in self.outlets or " ".join(["the", *keys]) in self.outlets:
            return
        # A title first: what follows is a person ("President Anna Kovacs", "Prime Minister Kovacs").
        titled = 0
        while titled < len(words) and keys[titled] in TITLES:
            titled += 1
        if titled and titled < len(words) and not any(k in ORG_SUFFIXES for k in keys[titled:]):
            self.people.setdefault(" ".join(words[titled:]))
            return
        if len(words) == 1 and _ACRONYM.match(words[0]) and words[0] not in COUNTRY_CODES:
            self.organisations.setdefault(words[0])
            return
        # Countries by a word naming one ("Ukraine's", "Russian") or a whole place name ("Kyiv");
        # never by one word of a longer name ("Paul" is also a province somewhere).
        countries = {c for c in (country_of_word(k) for k in keys) if c}
        if is_place_name(keys):
            countries |= countries_in(name)
        for country in sorted(countries):
            self.countries.setdefault(country)
        # "Ukrenergo Ltd", "Port Authority of Rotterdam", "Ministry of Defence" (not "Union" alone).
        of_org = any(
            k in ORG_SUFFIXES | ORG_PREFIXES and keys[i + 1] == "of" for i, k in enumerate(keys[:-1])
        )
        if len(words) > 1 and (keys[-1] in ORG_SUFFIXES or of_org):
            self.organisations.setdefault(name)
            return
        adjective = len(keys) == 1 and country_of_word(keys[0]) not in (None, keys[0])
        # A place by name, by what follows ("the Ternopil region") or, for one word, by what
        # precedes it ("strike in Rotterdam"; months and weekdays are never runs).
        by_preposition = len(words) == 1 and _key(before) in PLACE_PREPOSITIONS and not starts_sentence
        if not adjective and (is_place_name(keys) or _key(after) in PLACE_WORDS or by_preposition):
            self.places.setdefault(name)
            return
        if countries or (starts_sentence and len(words) == 1) or title_case:
            return  # "Russian Officials" (the country is recorded); a title-case headline's runs
        if 2 <= len(words) <= 4 and all(k not in STOPWORDS and k not in CONNECTORS for k in keys):
            self.people.setdefault(name)


def _in_title_case(text: str) -> bool:
    """A headline Capitalising Every Word: its runs of capitals say nothing about people."""
    long_words = re.findall(r"[^\W\d_]{4,}", text)
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def find_entities(texts: Sequence[str], outlets: Sequence[str] = ()) -> FoundEntities:
    """The people, places and organisations the ``texts`` (headlines, snippets) name, in order of
    first appearance; ``outlets`` (the publishers) are never counted as organisations."""
    found = _Collector(outlets)
    for text in texts:
        title_case = _in_title_case(text)
        for run, starts_sentence, before, after in _runs(text):
            found.add(run, starts_sentence, before, after, title_case)
    places = dict(found.places)
    named = {_key(p) for p in places}
    for country in found.countries:
        display = " ".join(w if w in {"of", "and", "the"} else w.capitalize() for w in country.split())
        if country not in named:
            places.setdefault(display)
    people = [p for p in found.people if _key(p) not in named]
    return FoundEntities(
        tuple(people[:MAX_EACH]),
        tuple(list(places)[:MAX_EACH]),
        tuple(list(found.organisations)[:MAX_EACH]),
    )
