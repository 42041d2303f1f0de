"""The vocabulary data in ``lexicon.toml``, read once and shaped for look-ups by stem.

The index uses it to widen a question word to the story words it may stand for; the answerer uses it
to tag both question and sentences with concept labels, so a paraphrase meets its original in either
direction ("afraid" finds "fears", "fears" finds "afraid").
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from bot.core.text import stem, words
from bot.core.verbs import VERBS_WITH_PAST, past_forms

LEXICON_FILE = Path(__file__).with_name("lexicon.toml")
CONCEPT_PREFIX = "§"  # concept tags never collide with a word's stem


def fold(word: str) -> str:
    """The word without accents: "élysée" and "elysee" are looked up alike."""
    if word.isascii():
        return word
    bare = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    # letters with a stroke or without a dot decompose to nothing: typed without them on a phone
    # keyboard, "kısıtlama" and "zakładnicy" are "kisitlama" and "zakladnicy"
    return bare.translate(_UNDECOMPOSED)


_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "Đ": "D", "ħ": "h"})


def _stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(fold(w)) for w in words(phrase))


def _with_past_forms(key: tuple[str, ...], past: dict[str, tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A phrase's stems, and the same with each irregular verb in it in its past forms ("take part":
    "took part", "taken part")."""
    variants = [key]
    for i, word in enumerate(key):
        variants += [(*key[:i], form, *key[i + 1 :]) for form in past.get(word, ())]
    return variants


def inflections(word: str) -> tuple[str, ...]:
    """A word and its regular inflections: the stemmer doesn't always bring them to one stem
    ("boycott" stays "boycott", "boycotted" becomes "boycot")."""
    base = word[:-1] if word.endswith("e") else word
    return tuple(dict.fromkeys((word, word + "s", word + "ed", base + "ed", base + "ing", word + "ing")))


@dataclass(frozen=True)
class Lexicon:
    concept_members: dict[str, tuple[str, ...]]  # concept -> its one-word members
    concepts_by_stem: dict[str, frozenset[str]]  # one-word member's stem -> concepts
    concept_phrases: dict[tuple[str, ...], frozenset[str]]  # several-word member's stems -> concepts
    expansions: dict[str, tuple[str, ...]]
    filler: frozenset[str]
    function_words: frozenset[str]
    contractions: dict[str, tuple[str, ...]]
    cue_words: dict[str, frozenset[str]]  # cue kind -> one-word cue stems
    cue_phrases: dict[str, frozenset[tuple[str, ...]]]  # cue kind -> several-word cue stems
    bodies: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a body's name -> all its names
    phrases: dict[str, str] = field(default_factory=dict)  # a foreign phrase -> its English
    governments: dict[str, tuple[str, ...]] = field(default_factory=dict)  # country -> its government's names
    # a word -> the wider field it belongs to, which finds its story but doesn't answer it
    broader: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a language's own reading of a word another language (or English chat) spells alike: Portuguese
    # "em" is "in", where chat's "em" is "them"
    in_language: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def warm_up(self) -> None:
        """Build every table of names and phrases now, not inside the first question that needs
        one (the government and body patterns compile in ~3 ms)."""
        for name, attribute in vars(type(self)).items():
            if isinstance(attribute, cached_property):
                getattr(self, name)

    @cached_property
    def longest_phrase(self) -> int:
        """How many words the longest several-word member has (0: none). Once, not per question:
        there are hundreds of members."""
        return max((len(p) for p in self.concept_phrases), default=0)

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Every single word the lexicon writes: its concepts' members and what its expansions stand
        for. A word in it is a word in its own right, never a typo of another."""
        out = {w for members in self.concept_members.values() for w in members}
        out.update(w for stands_for in self.expansions.values() for w in stands_for)
        return frozenset(out)

    def related(self, word: str) -> tuple[str, ...]:
        """Words a question word may stand for: its expansions, then its concept-mates."""
        word = fold(word)
        out = list(self.expansions.get(word, ()))
        for concept in sorted(self.concepts_by_stem.get(stem(word), ())):
            for member in self.concept_members[concept]:
                out.extend(inflections(member))
        return tuple(dict.fromkeys(w for w in out if w != word))

    def tag(self, tokens: list[str]) -> frozenset[str]:
        """Concept tags for a run of words: ``§fear`` for "afraid", ``§withdraw`` for "pull back"."""
        return self.tag_stems([stem(fold(t)) for t in tokens])

    def phrase_tags(self, tokens: list[str] | tuple[str, ...]) -> dict[str, frozenset[str]]:
        """For each word inside a several-word member ("made up its mind"), the concepts of that
        phrase: the word alone means nothing, the phrase does."""
        out: dict[str, set[str]] = {}
        # (the longest phrase at a place wins: "cut off exports" is restricting them, not "cut off",
        # a loss of power)
        longest: dict[int, tuple[str, ...]] = {}
        for i, phrase in _phrases_in([stem(fold(t)) for t in tokens], self.concept_phrases):
            if len(phrase) > len(longest.get(i, ())):
                longest[i] = phrase
        for i, phrase in longest.items():
            for word in tokens[i : i + len(phrase)]:
                out.setdefault(word, set()).update(CONCEPT_PREFIX + t for t in self.concept_phrases[phrase])
        return {word: frozenset(tags) for word, tags in out.items()}

    def tag_stems(self, stems: list[str] | tuple[str, ...]) -> frozenset[str]:
        """``tag`` for words already stemmed."""
        tags: set[str] = set()
        by_stem = self.concepts_by_stem
        starts = _phrase_starts(self.concept_phrases)
        if starts.keys().isdisjoint(stems):
            # No phrase starts here (most sentences): each word's own concepts, found by set
            # operations rather than a lookup per word.
            for key in by_stem.keys() & stems:
                tags.update(by_stem[key])
            return frozenset(CONCEPT_PREFIX + t for t in tags)
        # A word inside a phrase means what the phrase means: "fall" in "free fall" is no toppling.
        covered_until = 0
        for i, key in enumerate(stems):
            for phrase in starts.get(key, ()):
                if tuple(stems[i : i + len(phrase)]) == phrase:
                    tags.update(self.concept_phrases[phrase])
                    covered_until = max(covered_until, i + len(phrase))
            concepts = by_stem.get(key)
            if concepts and i >= covered_until:
                tags.update(concepts)
        return frozenset(CONCEPT_PREFIX + t for t in tags)

    def concept_phrases_of(self, tag: str) -> tuple[tuple[str, ...], ...]:
        """A concept's several-word members, as their stems ("prime minister": "prime", "minist")."""
        return self._phrases_by_concept.get(tag, ())

    @cached_property
    def _phrases_by_concept(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        out: dict[str, list[tuple[str, ...]]] = {}
        for words_, concepts in self.concept_phrases.items():
            for concept in concepts:
                out.setdefault(concept, []).append(words_)
        return {concept: tuple(found) for concept, found in out.items()}

    def governments_in(self, text: str) -> frozenset[str]:
        """The countries whose government a text names by one of its names ("the White House")."""
        return _keys_named(text, self.government_patterns, self.any_government)

    @cached_property
    def government_openers(self) -> frozenset[str]:
        """The first words of the governments' names, as written ("Biden", "White", "Kremlin")."""
        return frozenset(name.split()[0] for names in self.governments.values() for name in names)

    @cached_property
    def government_patterns(self) -> dict[str, re.Pattern[str]]:
        return _name_patterns(self.governments)

    @cached_property
    def any_government(self) -> re.Pattern[str]:
        return _any_of(self.government_patterns)

    def bodies_in(self, text: str) -> frozenset[str]:
        """The international bodies a text names ("the EU", "NATO"), by their keys."""
        return _keys_named(text, self.body_patterns, self.any_body)

    @cached_property
    def body_patterns(self) -> dict[str, re.Pattern[str]]:
        return _name_patterns(self.bodies)

    @cached_property
    def any_body(self) -> re.Pattern[str]:
        return _any_of(self.body_patterns)

    def has_cue(self, kind: str, stems: list[str] | tuple[str, ...]) -> bool:
        """Whether a sentence's stems (in order) contain a cue of this kind ("reason", "negation"...)."""
        if self.cue_words[kind].intersection(stems):
            return True
        # Inline, not through _phrases_in: this runs for every cue kind of every sentence annotated.
        starts = _phrase_starts(self.cue_phrases[kind])
        for i, key in enumerate(stems):
            for phrase in starts.get(key, ()):
                if tuple(stems[i : i + len(phrase)]) == phrase:
                    return True
        return False


_NONE_NAMED: frozenset[str] = frozenset()


_STARTS: dict[int, dict[str, tuple[tuple[str, ...], ...]]] = {}


def _phrases_in(
    stems: list[str] | tuple[str, ...], phrases: Iterable[tuple[str, ...]]
) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Where each of ``phrases`` stands in ``stems``: (position, phrase). ``tag_stems`` and ``has_cue``
    keep their own loops: they run for every sentence annotated (and tag_stems tags single words in
    the same pass)."""
    starts = _phrase_starts(phrases)
    for i, key in enumerate(stems):
        for phrase in starts.get(key, ()):
            if tuple(stems[i : i + len(phrase)]) == phrase:
                yield i, phrase


def _phrase_starts(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases grouped by their first stem, so a scan only tries the phrases a word can start."""
    found = _STARTS.get(id(phrases))
    if found is None:
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            grouped.setdefault(phrase[0], []).append(phrase)
        found = _STARTS[id(phrases)] = {k: tuple(v) for k, v in grouped.items()}
    return found


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads(LEXICON_FILE.read_text(encoding="utf-8"))
    members: dict[str, tuple[str, ...]] = {}
    by_stem: dict[str, set[str]] = {}
    phrases: dict[tuple[str, ...], set[str]] = {}
    # the stemmer leaves "took" apart from "take": the irregular past forms of every verb we know
    past = {stem(verb): tuple(stem(f) for f in past_forms(verb)) for verb in VERBS_WITH_PAST}
    for concept, entries in data["concepts"].items():
        singles = []
        for entry in entries:
            key = _stems(entry)
            if len(key) == 1:
                singles.append(fold(entry.casefold()))
                for form in inflections(fold(entry.casefold())):
                    by_stem.setdefault(stem(form), set()).add(concept)
                for form in past.get(key[0], ()):
                    by_stem.setdefault(form, set()).add(concept)
            elif key:
                for variant in _with_past_forms(key, past):
                    phrases.setdefault(variant, set()).add(concept)
        members[concept] = tuple(singles)
    cue_words: dict[str, frozenset[str]] = {}
    cue_phrases: dict[str, frozenset[tuple[str, ...]]] = {}
    for kind, entries in data["cues"].items():
        keys = [_stems(entry) for entry in entries]
        cue_words[kind] = frozenset(k[0] for k in keys if len(k) == 1)
        cue_phrases[kind] = frozenset(k for k in keys if len(k) > 1)
    return Lexicon(
        concept_members=members,
        concepts_by_stem={k: frozenset(v) for k, v in by_stem.items()},
        concept_phrases={k: frozenset(v) for k, v in phrases.items()},
        # a broader field finds a story as an expansion does (see ``Lexicon.broader``)
        expansions={fold(k.casefold()): tuple(v) for k, v in (data["expansions"] | data["broader"]).items()},
        broader={fold(k.casefold()): tuple(v) for k, v in data["broader"].items()},
        filler=frozenset(fold(w) for w in data["filler"]["words"] if " " not in w),
        function_words=frozenset(data["function_words"]["words"]),
        # (keys as typed in their language, "zakładników"; looked up as read: accents folded)
        contractions={fold(k): tuple(v.split()) for k, v in data["contractions"].items()},
        bodies={name: tuple(names) for name, names in data["bodies"].items()},
        phrases={fold(k): v for k, v in data["phrases"].items()},
        governments={country: tuple(names) for country, names in data["governments"].items()},
        cue_words=cue_words,
        cue_phrases=cue_phrases,
        in_language={
            language: {fold(k): tuple(v.split()) for k, v in words.items()}
            for language, words in data.get("in_language", {}).items()
        },
    )


def _name_patterns(groups: dict[str, tuple[str, ...]]) -> dict[str, re.Pattern[str]]:
    """For each key, a pattern matching any of its names as whole words. An acronym counts only in
    capitals: "UN" is the United Nations, "un" is no word."""
    found = {}
    for key, names in groups.items():
        parts = [
            re.escape(name) if name.isupper() or any(c.isdigit() for c in name) else f"(?i:{re.escape(name)})"
            for name in names
        ]
        found[key] = re.compile(r"\b(?:" + "|".join(parts) + r")\b")
    return found


def _any_of(patterns: dict[str, re.Pattern[str]]) -> re.Pattern[str]:
    """A pattern that matches a text exactly when one of ``patterns`` does: each is one of its
    alternatives, tried in turn at every position."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern in patterns.values()))


def _keys_named(text: str, patterns: dict[str, re.Pattern[str]], any_of: re.Pattern[str]) -> frozenset[str]:
    """The keys of ``patterns`` a text names."""
    if any_of.search(text) is None:
        return _NONE_NAMED  # most texts name none: one search rather than one per key
    return frozenset(key for key, pattern in patterns.items() if pattern.search(text))
