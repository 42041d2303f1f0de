"""Which countries a text names, by name, adjective, capital, common spelling or province.

A country a story never mentions is evidence against that story ("Spain's prime minister" is not the
France story), and a capital or an adjective supports its country ("Paris" is France, "Americans"
are the United States). The data comes from the ``countryinfo`` package, offline; story records keep
their own names for everything else.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.core.languages import AGGLUTINATING, LANGUAGES, SYLLABIC, all_function_words
from bot.core.lexicon import fold, lexicon
from bot.core.text import GENERIC_WORDS, STOPWORDS, WORD, words

MAX_NAME_WORDS = 5
MIN_CLDR_WORD = 5
# Place names that are also everyday words, or too vague to point at one country.
_AMBIGUOUS = frozenset(
    """
    central north south east west northern southern eastern western capital centre center city island york
    islands coast upper lower river lake national federal district region greater state states
    united republic north-east north-west south-east south-west midlands highlands lowlands border
    jersey georgia victoria orange mountain mountains valley
    plateau delta lakes coastal interior littoral sea gulf bay cape saint st santa san port fort
    """.split()
)
# Uppercase abbreviations that are also lower-case words ("US" the country, "us" the pronoun).
_CASED_CODES = {
    "US": "united states",
    "U.S.": "united states",
    "UK": "united kingdom",
    "UAE": "united arab emirates",
    "NZ": "new zealand",
}
ABBREVIATED = frozenset(_CASED_CODES.values())  # countries also named by a code the index can't hold
_CODE = re.compile(r"(?<![\w.])(U\.S\.|US|UK|UAE|NZ)(?![\w])")
# In chat the codes come lower-case too; after "the" they are no pronoun ("did the us hit back?"), and
# "nz" is no word at all ("trump's tariffs on nz exports")
_CHAT_CODE = re.compile(r"\bthe (u\.s\.|us|uk|uae)(?![\w])|(?<![\w.])(nz)(?![\w])", re.IGNORECASE)
# "the States", capitalised, is the United States ("did the States block Nvidia's chips?")
_THE_STATES = re.compile(r"\b[Tt]he States\b")


# One-word names that are also English words: they count only when written with a capital.
_CASE_SENSITIVE = frozenset(
    "male polish reading mono para acre ruse bale nice split mobile guinea chad jordan turkey niger "
    "reunion".split()
)


# Articles a country's name may open with, in the languages people write to us in ("La Réunion")
_ARTICLES = frozenset("la le el les los las l the".split())


@lru_cache(maxsize=1)
def _capitalised_only() -> frozenset[tuple[str, ...]]:
    """One-word province names (thousands, many of them also ordinary words: "Reading", "Para")."""
    _names()
    return frozenset(_PROVINCE_WORDS) | {(w,) for w in _CASE_SENSITIVE}


_PROVINCE_WORDS: set[tuple[str, ...]] = set()
MAX_CASED_TRANSLATION = 4  # letters of a foreign one-word name that must be capitalised to count
_COUNTRY_WORDS: dict[str, str] = {}  # one-word country names and adjectives: "israel", "israeli"


@lru_cache(maxsize=1)
def _small_words() -> frozenset[str]:
    """The small words of every language people write to the bot in: no place's one-word name."""
    return frozenset().union(*map(all_function_words, LANGUAGES))


_TRANSLATED_WORDS: dict[str, str] = {}  # one-word names in other languages: "italien", "alemanha"


@lru_cache(maxsize=1)
def _names() -> dict[tuple[str, ...], str]:
    """Every way of naming a country, as a tuple of folded words, mapped to the country's key."""
    from countryinfo import CountryInfo  # imported late: only questions need it, not every CLI command

    names: dict[tuple[str, ...], str] = {}
    every = CountryInfo.all()
    population = {country: int(data.get("population") or 0) for country, data in every.items()}

    # (a province named as a small word of a language people write to us in, "Pará" as "para", is
    # that word far more often)
    small_words = _small_words()

    def add(text: object, country: str, *, strict: bool = False) -> None:
        if not isinstance(text, str) or not text:
            return
        key = tuple(fold(w) for w in words(text.replace(" D.C.", "")))
        if not key or len(key) > MAX_NAME_WORDS or not all(w.isalpha() for w in key):
            return
        if len(key) == 1:
            word = key[0]
            if len(word) < 4 or word in STOPWORDS or word in GENERIC_WORDS or word in _AMBIGUOUS:
                return
            if strict and word in small_words:
                return
            if strict and key not in names:
                _PROVINCE_WORDS.add(key)
        elif strict and key[0] in _AMBIGUOUS and len(key) == 2:
            return
        # A name several countries share ("American") goes to the most populous of them.
        held = names.get(key)
        if held is None or population.get(country, 0) > population.get(held, 0):
            names[key] = country

    for country, data in every.items():
        add(data.get("name"), country)
        add(country, country)
        add(data.get("demonym"), country)
        for word in (data.get("name"), country, data.get("demonym")):
            if isinstance(word, str) and " " not in word.strip():
                _COUNTRY_WORDS.setdefault(fold(word.casefold()), country)
        capital = data.get("capital")
        for city in capital if isinstance(capital, list) else [capital]:
            add(city, country)
        for spelling in data.get("altSpellings") or ():
            add(spelling, country)
        # A question in German, French, Spanish or Italian names countries in its own language
        # ("Italien", "Allemagne"); Japanese script is no word of ours.
        translations = [t for language, t in (data.get("translations") or {}).items() if language != "ja"]
        code = (data.get("ISO") or {}).get("alpha2")
        translations += _translated_names().get(code, []) if isinstance(code, str) else []
        for everyday in _everyday_names().get(code, []) if isinstance(code, str) else []:
            add(everyday, country)
        for translated in translations:
            if _read_otherwise(translated, country):
                continue
            key = tuple(fold(w) for w in words(translated)) if isinstance(translated, str) else ()
            short = (
                len(key) == 1
                and len(key[0]) <= MAX_CASED_TRANSLATION
                and key not in names
                and isinstance(translated, str)
                and translated.isascii()  # ("irã" is no English word, typed in any case)
            )
            add(translated, country)
            if short and key in names:
                # a short foreign name in lower case is a word of chat more often ("gine": going to,
                # Guinea in another language)
                _PROVINCE_WORDS.add(key)
            if isinstance(translated, str) and " " not in translated.strip():
                _TRANSLATED_WORDS.setdefault(fold(translated.casefold()), country)
        for province in data.get("provinces") or ():
            add(province, country, strict=True)
    # The everyday names the data lacks.
    for extra, country in (
        ("america", "united states"),
        ("americans", "united states"),
        ("usa", "united states"),
        ("yanks", "united states"),
        ("uk", "united kingdom"),
        ("britain", "united kingdom"),
        ("brits", "united kingdom"),
        ("england", "united kingdom"),
        ("scotland", "united kingdom"),
        ("wales", "united kingdom"),
        ("english", "united kingdom"),
        ("russians", "russia"),
        ("ukrainians", "ukraine"),
        ("israelis", "israel"),
        ("palestinians", "palestine"),
        ("gaza", "palestine"),
        ("gazan", "palestine"),
        ("kyiv", "ukraine"),
        ("kiev", "ukraine"),
        ("turkish", "turkey"),
        ("chinese", "china"),
        ("china", "china"),
        ("jordanian", "jordan"),
        ("drc", "democratic republic of the congo"),
    ):
        names[(extra,)] = country
    # Chat drops the apostrophe of a possessive: "moldovas grid" is Moldova's. Only where the word
    # with an s is no name of its own.
    for country, data in every.items():
        name = data.get("name")
        if isinstance(name, str) and " " not in name.strip():
            word = fold(name.casefold())
            if len(word) >= 4 and not word.endswith("s") and (word + "s",) not in names:
                names[(word + "s",)] = country
    # Seats of government stand for their country ("the Kremlin said", "the Élysée's pick").
    for seat, country in (
        (("kremlin",), "russia"),
        (("elysee",), "france"),
        (("matignon",), "france"),
        (("white", "house"), "united states"),
        (("pentagon",), "united states"),
        (("downing", "street"), "united kingdom"),
        (("whitehall",), "united kingdom"),
        (("zhongnanhai",), "china"),
    ):
        names[seat] = country
    # The states of the United States are named as often as countries ("the Texas grid").
    for state in CountryInfo("united states").provinces():
        key = tuple(fold(w) for w in words(state))
        if key and key != ("georgia",):
            names[key] = "united states"
            _PROVINCE_WORDS.discard(key)
    return names


def _read_otherwise(name: object, country: str) -> bool:
    """A country's one-word name in one language that the lexicon reads as a word of another
    (Czech's "Keňa", Kenya, is Malay's "kena", got): the word, not the country."""
    if not isinstance(name, str) or " " in name.strip():
        return False
    lex, word = lexicon(), fold(name.casefold())
    reading = lex.contractions.get(word) or tuple(lex.phrases.get(word, "").split())
    return bool(reading) and country not in " ".join(reading)


@lru_cache(maxsize=1)
def _translated_names() -> dict[str, list[str]]:
    """Each country's name in the other languages people write to the bot in ("Irã", "Japão",
    "Estados Unidos"), from the ``pycountry`` package's translations, by ISO code."""
    import gettext

    import pycountry

    out: dict[str, list[str]] = {}
    # (not a language that puts endings on a whole name: "Mısır" is no opening of "misil")
    for language in (*(x for x in LANGUAGES if x not in AGGLUTINATING and x not in SYLLABIC), "pt_BR"):
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for country in pycountry.countries:
            for name in {country.name, getattr(country, "common_name", country.name)}:
                translated = translation.gettext(name)
                if "," in name:  # "Irã, República Islâmica do": the name proper is before the comma
                    translated = translated.split(",")[0].strip()
                if translated != name:
                    out.setdefault(country.alpha_2, []).append(translated)
    return out


@lru_cache(maxsize=1)
def _everyday_names() -> dict[str, list[str]]:
    """ISO's names are the formal ones, some of them dated ("Perancis", "Cina"); the Unicode CLDR
    data (through Babel) has each language's everyday name ("Prancis", "Tiongkok", "Rosja"), by
    ISO code. Its short names are often another language's word ("kota" is a town in Indonesian,
    "samo" Polish for "itself"): a one-word name from it counts from five letters, and never one
    that is a small word of a language we read. They are names only, never the opening of an
    adjective (Yoruba's "Binin" would make Tagalog's "binigay" Benin's)."""
    from babel import Locale

    out: dict[str, list[str]] = {}
    small_words = _small_words()
    for language in LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if not code.isalpha():  # (CLDR also names regions by number: "419" is Latin America)
                continue
            one_word = fold(name.casefold()) if " " not in name else None
            if one_word is None and all(len(w) <= 2 for w in words(name)):
                continue  # syllables that are other words: Vietnamese "Ấn Độ" (India) is "an do"
            if one_word is None or (len(one_word) >= MIN_CLDR_WORD and one_word not in small_words):
                out.setdefault(code, []).append(name)
    return out


@lru_cache(maxsize=1)
def _longest_from() -> dict[str, int]:
    """For each word a name starts with, the longest name (in words) starting with it."""
    out: dict[str, int] = {}
    for key in _names():
        out[key[0]] = max(out.get(key[0], 0), len(key))
    return out


@lru_cache(maxsize=16384)
def countries_in(text: str) -> frozenset[str]:
    """The countries a text names (keys like "france", "united states"). Cached: answering asks it
    of the same single words again and again (each word of a sentence before a verb, each word of a
    question), ~5 us a time."""
    names = _names()
    capitalised_only = _capitalised_only()
    tokens = [fold(w) for w in words(text)]
    originals = WORD.findall(text)
    capitals = (
        [w[:1].isupper() for w in originals] if len(originals) == len(tokens) else [False] * len(tokens)
    )
    found: set[str] = {_CASED_CODES[m] for m in _CODE.findall(text)}
    found.update(_CASED_CODES[(m or bare).upper()] for m, bare in _CHAT_CODE.findall(text))
    if "States" in text and _THE_STATES.search(text):
        found.add("united states")
    longest_from = _longest_from()
    i = 0
    while i < len(tokens):
        longest = longest_from.get(tokens[i])
        if longest is None:  # no name starts with this word: most words
            if (genitive := _genitive_of(tokens[i], capitals[i], names)) is not None:
                found.add(genitive)
            i += 1
            continue
        for n in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(tokens[i : i + n])
            country = names.get(key)
            if country is not None and n == 1 and key in capitalised_only and not capitals[i]:
                country = None
            if country is not None and n == 2 and key[0] in _ARTICLES and key[1:] in capitalised_only:
                # "la reunión" is a meeting ("La Réunion" written so is the island)
                country = country if capitals[i + 1] else None
            if country is not None:
                found.add(country)
                i += n
                break
        else:
            i += 1
    return frozenset(found)


def _genitive_of(token: str, capitalised: bool, names: dict[tuple[str, ...], str]) -> str | None:
    """The country a capitalised name in the genitive of German, Dutch or the Nordic languages names
    ("Frankrikes", "Frankreichs", "Kinas": France's, China's), as chat writes an English possessive
    without its apostrophe ("Chinas exports")."""
    if len(token) <= (MIN_GENITIVE if capitalised else MIN_LOWER_CASE_GENITIVE) or not token.endswith("s"):
        return None
    return names.get((token[:-1],))


MIN_GENITIVE = 4  # letters of a genitive read ("Irans" is; a code's, "USAs", is no word)
# ... and typed in lower case, as a word a question is read by alone ("frankrikes"; "irans" may be no
# name at all)
MIN_LOWER_CASE_GENITIVE = 6


def is_place_name(folded_words: list[str]) -> bool:
    """Whether these (folded) words are exactly a country's or a place's name."""
    return tuple(folded_words) in _names()


def all_countries() -> tuple[str, ...]:
    """Every country's key ("france", "united states")."""
    return tuple(_forms())


def forms_of(country: str) -> tuple[tuple[str, ...], ...]:
    """Every way of naming a country (as folded words): its name, adjective, capital, provinces."""
    return _forms().get(country, ())


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each country's names, in one pass over all of them (in their order). Filtering all names per
    country cost ~1 ms for each country's first question, inside whichever question named it."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for key, owner in _names().items():
        out.setdefault(owner, []).append(key)
    return {country: tuple(keys) for country, keys in out.items()}


@lru_cache(maxsize=1)
def country_words() -> frozenset[str]:
    """Every country's one-word names and adjectives, folded ("israel", "israeli")."""
    _names()
    return frozenset(_COUNTRY_WORDS)


MIN_COUNTRY_OPENING = 4


def country_by_opening(word: str) -> str | None:
    """The country whose one-word name, all but its last letter, a word opens with: a country's
    adjective in another language ("Russische", "oekraïense", "française"). Asked only of the words
    of a message in another language; None where the opening is no country's or several's."""
    openings = _country_openings()
    names = _names()
    word = fold(word.casefold())
    for length in range(len(word) - 1, MIN_COUNTRY_OPENING - 1, -1):
        # ("americani": "american" whole is the United States, the most populous it names)
        whole = names.get((word[:length],)) if length > MIN_COUNTRY_OPENING else None
        if whole is not None and (word[:length],) not in _PROVINCE_WORDS:
            return whole
        country = openings.get(word[:length])
        if country is not None:
            return country or None  # "" marks an opening two countries share
    return None


@lru_cache(maxsize=1)
def _country_openings() -> dict[str, str]:
    _names()
    out: dict[str, str] = {}
    # (names and their adjectives only: no capital opens an adjective, "Minsk" no "minster")
    for word, country in [*_COUNTRY_WORDS.items(), *_TRANSLATED_WORDS.items()]:
        if len(word) <= MIN_COUNTRY_OPENING or not word.isalpha():
            continue
        opening = word[:-1]
        out[opening] = country if out.get(opening, country) == country else ""
    return out


def country_of_word(word: str) -> str | None:
    """The country a single word names by its name or adjective ("Israeli": Israel), or None."""
    _names()
    return _COUNTRY_WORDS.get(fold(word.casefold()))


# A country named after one of these is where something happened, not who did it ("talks in Qatar").
_LOCATIVE = re.compile(
    r"\b(?:in|at|from|into|inside|across|near|throughout|outside|around)\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*"
)


def countries_acting_in(text: str) -> frozenset[str]:
    """The countries a text names other than as a place things happen in: "Washington fears ...",
    "Israel proposed ...", "Iran's retaliation"; not "mediators in Qatar"."""
    return countries_in(_LOCATIVE.sub(" ", text))


def countries_placed_in(text: str) -> frozenset[str]:
    """The countries a text names as where something is ("the weather in Qatar")."""
    return countries_in(" ".join(_LOCATIVE.findall(text)))
