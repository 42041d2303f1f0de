"""Text normalisation shared by the index and the answerer.

Everything that turns a user's message or a story's prose into comparable tokens lives here, so the
index and the sentence picker can never disagree about what a "word" is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_DISCORD_MARKUP = re.compile(
    r"<a?:\w+:\d+>"  # custom emoji
    r"|<(?:@[!&]?|#)\d+>"  # user, role and channel mentions
    r"|<t:\d+(?::[a-zA-Z])?>"  # timestamps
    r"|@(?:everyone|here)\b"
    r"|https?://\S+",
    re.IGNORECASE,
)
# ASCII that is not a letter or digit, as a space, and capitals in lower case: the word tokens of
# apostrophe-free ASCII text, found as bytes (bytes.translate takes a flat table; str.translate
# looks each character up in a dict, several times slower over a 100k-story catalog).
ASCII_WORD_BYTES = bytes(
    (c | 0x20 if chr(c).isupper() else c) if c < 128 and chr(c).isalnum() else 32 for c in range(256)
)
# A word as typed: letters and digits, with inner apostrophes ("Ukraine's", "don’t").
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")

# Question words, pronouns and chat filler: they carry no topic.
STOPWORDS = frozenset(
    w.replace("'", "")
    for w in """
    a about above after again against all am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
    down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's
    her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it
    it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought
    our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such
    than that that's the their theirs them themselves then there there's these they they'd they'll
    they're they've this those through to too under until up very was wasn't we we'd we'll we're we've
    were weren't what what's when when's where where's which while who who's whom why why's with won't
    would wouldn't you you'd you'll you're you've your yours yourself yourselves also anything else just
    may might must shall will yet get got tell give gave gives show explain know please pls thanks thank hey
    hi hello ok okay bot question questions want like say said says whats thats hows whos wheres whens us
    within among across around upon via per onto toward towards regarding instead
    """.split()
    # words() drops apostrophes, so the list must too; "we'll" would become "well", hence no such forms.
    if w.replace("'", "") not in {"hell", "shell", "ill", "well", "wed", "shed", "id", "hed"}
)

# What a question calls the result of an event: "what damage did the strikes do?" asks what they did,
# not which of several damages (the answerer gives the sentence with a result verb).
RESULT_NOUNS = frozenset(
    """
    damage damages impact impacts effect effects toll aftermath fallout harm consequence consequences
    """.split()
)
# Words that often appear in news questions without naming a topic. They may still match a story,
# but they count for little when deciding whether a question is about one.
GENERIC_WORDS = (
    frozenset(
        """
    new news latest update updates happen happened happening going situation story stories now today
    yesterday week recently recent current currently still status state thing things info information
    detail details summary overview brief briefly much many long far big bad worse matter matters mean
    means meaning important why next expect expected future impact effect affect affected result results
    react reaction respond response think view deal lot people fall fell fallen fail failed failing
    collapse collapsed lost lose end ended ending start started begin began cause caused reason reasons
    consequence consequences background context time times day days year years month months hour hours
    ago part way back done doing go goes went gone fresh development developments date
    percent percentage proportion fraction share number amount country countries place places
    location side sides analyst analysts expert experts consultant consultants pundit pundits
    commentator commentators observer observers problem problems issue issues fuss racket ruckus kerfuffle
    palaver exactly actual vibe
    vibes sticking point stumbling block holdup motive motives round rounds occur occurs occurred
    occurring unfold unfolded make makes made making complete completed completes finish finished
    finishes real genuine specifically particular person significant significance crucial strategic
    strategically considered regard regarded perspective standpoint viewpoint keep keeps kept keeping
    move moves rest headache headaches another week weeks type types used operation operations
    anywhere somewhere everywhere elsewhere previous previously prior former preceding
    indication indications come comes whether take takes taking
    extent magnitude severity
    """.split()
    )
    | RESULT_NOUNS
)

# Pronouns that point back to the story under discussion. The strong ones almost always do; "it",
# "this" and "there" are often empty ("is it raining?").
# "afterwards", "the same", "the next one" point back at what was just said, like a pronoun.
STRONG_ANAPHORA = frozenset(
    "they them their theirs these those he him his she her afterwards afterward one ones resulting ensuing "
    "subsequent aforementioned".split()
)
ANAPHORA = STRONG_ANAPHORA | frozenset("it its this that there such".split())

_NUMBER_WORDS = frozenset(
    """
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen twenty
    thirty forty fifty hundred thousand million billion half quarter third dozen
    """.split()
)
# Months by every name they go by, with their numbers.
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTHS = frozenset(_MONTH_NUMBERS)
# Relative times answer "when" questions too: "the next day", "two weeks earlier".
_RELATIVE_DAYS = frozenset(
    "today tomorrow yesterday tonight day days week weeks month months year years".split()
)
_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])

_stemmer = snowballstemmer.stemmer("english")
# ``stem`` keeps its own cache. PyStemmer's (what snowballstemmer hands out when it is installed)
# would be a second one, and when it fills (10,000 words) it sorts itself to drop the older half:
# ~1 ms inside whichever question stems the next new word, every few thousand new words.
if hasattr(_stemmer, "maxCacheSize"):
    _stemmer.maxCacheSize = 0


def strip_discord_markup(text: str) -> str:
    """Remove mentions, custom emoji, timestamps and links: they name no story."""
    if "<" not in text and "@" not in text and ":/" not in text:
        return text  # none of them can be there: most text, and all story prose
    return _DISCORD_MARKUP.sub(" ", text)


def normalise(text: str) -> str:
    """Case-fold, unify Unicode forms and drop Discord markup."""
    if not text.isascii():  # NFKC leaves ASCII as it is; most text is ASCII
        # (Turkish "İ" case-folds to "i" and a combining dot, which no word holds: "İsrail" was two)
        text = unicodedata.normalize("NFKC", text).replace("İ", "I")
    return strip_discord_markup(text).casefold()


def words(text: str) -> list[str]:
    """Lower-case word tokens; possessive 's is dropped, hyphenated words stay split."""
    if text.isascii() and "'" not in text and "<" not in text and "@" not in text:
        # Most text: no markup, no apostrophes, nothing NFKC would change; every word is then a run
        # of letters and digits, which blanking the rest finds faster than the regex.
        blanked = text.encode("ascii").translate(ASCII_WORD_BYTES)
        if b"http" not in blanked:  # letters survive the blanking, so a link's "http" would show
            return blanked.decode("ascii").split()
    out = []
    for token in WORD.findall(normalise(text)):
        token = token.replace("’", "'")
        if token.endswith("'s"):
            token = token[:-2]
        out.append(token.replace("'", ""))
    return [t for t in out if t]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem, cached because the same words recur in every question."""
    return str(_stemmer.stemWord(word))


def is_number_word(word: str) -> bool:
    return word.isdigit() or word in _NUMBER_WORDS or word.rstrip("%").isdigit()


def is_month(word: str) -> bool:
    return word in _MONTHS


def is_weekday(word: str) -> bool:
    return word in _WEEKDAYS


def month_number(word: str) -> int | None:
    """1-12 for a month's name or abbreviation ("oct", "October" lower-cased), else None."""
    return _MONTH_NUMBERS.get(word)


def year_of(word: str) -> int | None:
    """The year a word writes ("2014"), or None: four digits from 1900 to 2099."""
    return int(word) if len(word) == 4 and word.isdigit() and word[:2] in {"19", "20"} else None


def is_date_word(word: str) -> bool:
    return (
        word in _MONTHS or word in _WEEKDAYS or word in _RELATIVE_DAYS or (word.isdigit() and len(word) == 4)
    )


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences. Story text is written by us, so a simple rule suffices."""
    text = " ".join(text.split())
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def truncate(text: str, limit: int, ellipsis: str = "…") -> str:
    """Cut at a word boundary and mark the cut visibly."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - len(ellipsis))]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + ellipsis
