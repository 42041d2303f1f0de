"""Messages written in another language: which one, and its small words no story can match.

A question typed whole in German, French or Portuguese ("Wann genau hat Israel dem Deal
zugestimmt?") keeps the words the lexicon translates and the names, but its own small words
("genau", "hat") name no topic: counted as unknown words they dilute the story's match until it is
declined. The word lists come from the ``stopwordsiso`` package; every word that is also English,
or that the lexicon knows, is left out, so an English question loses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache

from bot.core.lexicon import fold, lexicon
from bot.core.text import STOPWORDS, words
from bot.core.verbs import is_past_verb

# Languages whose speakers write to the bot in Latin script.
LANGUAGES = (
    "de", "fr", "es", "pt", "it", "nl", "pl", "tr", "sw", "tl", "id", "ms", "yo", "ha", "ro", "vi",
    "da", "sv", "cs", "fi",
)  # fmt: skip
# Those that build a word by endings, one on another, on the whole word ("kısıtlama-lar-ı-yla": with
# its restrictions; "İsrail-li": Israeli), past what a one-layer stemmer strips
AGGLUTINATING = frozenset({"tr"})
# Those that write a word as syllables apart, so that ISO's names of countries are transliterations
# of short syllables that are other words ("Tô-gô", Togo: "to go")
SYLLABIC = frozenset({"vi"})
# The Snowball stemmer of each, where there is one (Malay is stemmed as Indonesian, its standard
# form's twin)
_SNOWBALL = {
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "pt": "portuguese",
    "it": "italian",
    "nl": "dutch",
    "pl": "polish",
    "id": "indonesian",
    "ms": "indonesian",
    "ro": "romanian",
    "da": "danish",
    "sv": "swedish",
    "cs": "czech",
    "fi": "finnish",
}
# A message is in a language when this many of its distinct words, and this share of all of them,
# are that language's own small words: one "die" or "hat" in an English message is no German.
MIN_OWN_WORDS = 2
MIN_OWN_SHARE = 0.2


@cache
def _english() -> frozenset[str]:
    lex = lexicon()
    english = {*STOPWORDS, *lex.known_words, *lex.filler, *lex.function_words}
    for members in lex.concept_members.values():
        english.update(members)
    for expansion in lex.contractions.values():
        english.update(expansion)
    return all_function_words("en") | frozenset(fold(w) for w in english)


@cache
def function_words(language: str) -> frozenset[str]:
    """A language's small words, folded, less those that are English or the lexicon's."""
    english = _english()
    return frozenset(
        w for w in all_function_words(language) if w.isalpha() and len(w) > 1 and w not in english
    )


def written_in(text: str) -> tuple[str | None, frozenset[str]]:
    """The other language a message is written in, and the words (folded) of its sentences in it:
    "help me with my homework? la derivada de x" has Spanish words, and English ones."""
    found: str | None = None
    foreign: set[str] = set()
    for sentence in _SENTENCE_END.split(text):
        folded = [fold(w) for w in words(sentence)]
        # (a name carries the letters of its own language: "Ucrânia" in Portuguese, "Gdańsk" in English)
        lower_case = [w for w in _LETTERS.findall(sentence) if w[0].islower()]
        language = _sentence_language(folded, lower_case)
        if language is not None and found in (None, language):
            found = language
            foreign.update(folded)
    return found, frozenset(foreign)


_SENTENCE_END = re.compile(r"[.?!;]+(?:\s+|$)")
_LETTERS = re.compile(r"[^\W\d_]+")


def _sentence_language(folded_words: Sequence[str], lower_case: Sequence[str] = ()) -> str | None:
    if len(folded_words) < MIN_OWN_WORDS:
        return None
    distinct = set(folded_words)
    # "Co najnowszego słychać w sprawie rozejmu?" has no small word of the list to show its
    # language, but letters only that language writes
    lettered = {w for w in lower_case if not w.isascii()}
    no_english = distinct.isdisjoint(STOPWORDS)
    best, best_count = None, 0
    # (most sentences have no such word: no letters looked at for them)
    own_letters = _own_letters() if lettered else {}
    for language in LANGUAGES:
        evidence = distinct & _evidence(language)
        letters = own_letters.get(language)
        spelt = {fold(w) for w in lettered if not letters.isdisjoint(w)} if letters else set()
        if spelt:
            evidence |= spelt
            if no_english:
                # ... and where no English small word stands beside them, its small words that
                # English has too ("co", "na") are its own
                evidence |= {w for w in distinct & all_function_words(language) if len(w) > 1}
        count = len(evidence)
        if count > best_count:
            best, best_count = language, count
    if best_count < MIN_OWN_WORDS or best_count < MIN_OWN_SHARE * len(distinct):
        return None
    # "did the man in the hat die?" has three German words, and more English ones (a word both
    # languages have, as "was", is neither's evidence)
    # (an English verb in the past, "went", "approved", is English as much: "wha part o' Ukraine de
    # lights went out?" is no French for its "part" and "de")
    english = len({w for w in distinct if w in STOPWORDS or is_past_verb(w)} - all_function_words(best))
    return best if best_count > english else None


@cache
def _evidence(language: str) -> frozenset[str]:
    """The words that show a message is in a language: its small words, and those of them the
    lexicon translates ("que", "com"), which are no English for all a list of English may say."""
    translated = all_function_words(language) & frozenset(lexicon().contractions) - STOPWORDS
    return function_words(language) | translated


@cache
def all_function_words(language: str) -> frozenset[str]:
    """A language's small words as the ``stopwordsiso`` list has them, folded."""
    return frozenset(fold(w) for w in _stopword_list(language))


# Languages read as one with another: Norwegian (Bokmål) is written so near Danish that Danish's
# stemmer and lexicon words read it, and the two share the letters that tell Danish from the rest
# ("æ", "ø", "å"), which as two languages would be neither's.
_READ_WITH = {"da": ("no",)}


@cache
def _stopword_list(language: str) -> frozenset[str]:
    """A language's ``stopwordsiso`` list as written, accents and all (with those read with it)."""
    import stopwordsiso  # imported late: only reading a question needs the lists

    return frozenset().union(*(stopwordsiso.stopwords(x) for x in (language, *_READ_WITH.get(language, ()))))


# Letters a language is often typed with though they are another's: Romanian's "ș" and "ț" come as
# Turkish's "ş" and "ţ" from many keyboards, which stay Turkish's mark
_BORROWED_LETTERS = {"ro": frozenset("şţ")}


@cache
def written_letters(language: str) -> frozenset[str]:
    """The letters past ASCII that a language writes its small words with ("å", "ä", "ö" in Swedish)."""
    return frozenset(c for w in _stopword_list(language) for c in w.lower() if not c.isascii())


@cache
def _own_letters() -> dict[str, frozenset[str]]:
    """The letters only one of the languages writes among its small words (German "ß", Polish "ł",
    Portuguese "ã"): a word holding one is that language's."""
    letters = {
        language: written_letters(language) - _BORROWED_LETTERS.get(language, frozenset())
        for language in (*LANGUAGES, "en")
    }
    out = {}
    for language in LANGUAGES:
        # (Vietnamese writes nearly every accented letter there is: its letters take none from the
        # others', but theirs take theirs from it)
        others = frozenset().union(*(v for k, v in letters.items() if k != language and k not in SYLLABIC))
        if own := letters[language] - others:
            out[language] = own
    return out


def lettered_language(word: str) -> str | None:
    """The language a lower-case word is by its letters, where only one of ours writes one of them
    ("kısıtlamaların": Turkish), whatever the message around it is taken for."""
    if word.isascii() or not word[0].islower():
        return None
    for language, letters in _own_letters().items():
        if not letters.isdisjoint(word):
            return language
    return None


@cache
def language_stemmer(language: str) -> Callable[[str], str] | None:
    """A word's stem in a language, cached; None for a language Snowball has no stemmer for."""
    name = _SNOWBALL.get(language)
    if name is None:
        return None
    import snowballstemmer

    return lru_cache(maxsize=16384)(snowballstemmer.stemmer(name).stemWord)


@cache
def month_names(language: str) -> dict[str, str]:
    """A language's names of the months, folded, to the English ones ("agosto": "august"), from the
    Unicode CLDR data (through Babel): a question in Spanish asks about "agosto de 2024". Names of
    several words (Vietnamese "tháng 8") are left out."""
    from babel import Locale  # imported late: only a question in another language needs them

    english = Locale.parse("en").months["format"]["wide"]
    out: dict[str, str] = {}
    for each in (language, *_READ_WITH.get(language, ())):
        months = Locale.parse(each).months
        for context in ("format", "stand-alone"):
            for number, name in months[context]["wide"].items():
                folded = fold(name.casefold())
                if " " not in folded:
                    out.setdefault(folded, english[number].casefold())
    return out
