"""A seeded generator of synthetic story files, for benchmarks at catalog scale.

Stories are written as real TOML record files and read back through the real loader, so a benchmark
measures the same path a production catalog takes. The four real stories from ``briefs/`` are copied
in, so the labelled dev questions still have their answers in the corpus.

Synthetic stories share the common news vocabulary of the real ones (government, talks, strikes,
prices, ...) so they compete with them in ranking, but their proper names are invented: a generated
"Gaza" story would make the dev labels wrong rather than the bot.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from bot.core.models import Story

ROOT = Path(__file__).resolve().parent.parent
BRIEFS = ROOT / "briefs"
# Overridable so tests can generate into a temporary directory.
DATA = Path(os.environ.get("BENCHMARKS_DATA") or Path(__file__).resolve().parent / "_data")
DONE_MARKER = ".complete"  # hidden, so the loader skips it
GENERATOR_VERSION = 2  # bump when the output changes, so stale caches are not reused

_ONSETS = "b c d f g h j k l m n p r s t v z br dr gr kr tr st sh ch th pl vl".split()
_VOWELS = "a e i o u a e i o ai ei ou ia".split()
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "k", "th", "nd", "rt"]

TOPICS = [
    "Europe",
    "Asia",
    "Africa",
    "Americas",
    "Economy",
    "Energy",
    "Technology",
    "Climate",
    "Health",
    "Elections",
    "Security",
    "Trade",
    "Science",
    "Transport",
    "Justice",
    "Culture",
]

ROLES = [
    "prime minister",
    "finance minister",
    "president",
    "mayor",
    "central bank governor",
    "union leader",
    "chief executive",
    "health minister",
    "opposition leader",
    "spokesperson",
    "governor",
    "judge",
    "energy minister",
    "foreign minister",
]

ORG_PATTERNS = [
    "{X} Party",
    "{X} Group",
    "{X} Holdings",
    "{X} Workers Union",
    "{X} Central Bank",
    "{X} Institute",
    "Ministry of {Y}",
    "{X} Authority",
    "{X} Energy",
    "{X} Airlines",
]
MINISTRIES = ["Finance", "Health", "Energy", "Transport", "Interior", "Defence", "Agriculture", "Trade"]

# Each theme: title nouns, extra keywords, and sentence fragments that read like its coverage.
THEMES: dict[str, dict[str, Sequence[str]]] = {
    "election": {
        "title": ["election", "vote", "runoff", "referendum", "coalition talks"],
        "keywords": ["ballot", "turnout", "polls", "candidates", "campaign", "coalition", "parliament"],
        "events": [
            "{person} claimed victory after turnout reached {pct} percent",
            "the electoral commission delayed the final count by {n} days",
            "opposition parties accused {org} of buying votes in {place}",
            "{person}, the {role}, called for a runoff on {weekday}",
            "polls show the {org} losing {n} seats in parliament",
        ],
    },
    "strike": {
        "title": ["port strike", "rail strike", "teachers strike", "nurses walkout", "general strike"],
        "keywords": ["wages", "union", "walkout", "pickets", "pay deal", "pensions", "shutdown"],
        "events": [
            "{org} said {thousands} workers walked out over pay",
            "talks between {person} and the {role} broke down on {weekday}",
            "the strike halted {pct} percent of traffic through {place}",
            "employers offered a {n} percent raise that the union rejected",
            "{person} warned the shutdown could last until {month}",
        ],
    },
    "flood": {
        "title": ["floods", "storm damage", "river flooding", "cyclone", "landslides"],
        "keywords": ["rainfall", "evacuation", "rescue", "dams", "shelters", "emergency", "weather"],
        "events": [
            "heavy rain forced {thousands} residents of {place} to leave their homes",
            "rescue teams from {org} reached villages cut off for {n} days",
            "{person}, the {role}, declared a state of emergency in {place}",
            "damage to roads and bridges is estimated at {money}",
            "forecasters expect more rainfall before {month}",
        ],
    },
    "budget": {
        "title": ["budget crisis", "debt talks", "spending cuts", "tax reform", "pension reform"],
        "keywords": ["deficit", "taxes", "spending", "bonds", "austerity", "debt", "inflation"],
        "events": [
            "{person} presented a budget that cuts spending by {money}",
            "bond yields rose to {pct} percent after {org} warned about the deficit",
            "the {role} promised to protect pensions in {place}",
            "lawmakers rejected the tax plan by {n} votes",
            "{org} lowered the country's credit rating on {weekday}",
        ],
    },
    "merger": {
        "title": ["merger", "takeover bid", "buyout", "antitrust probe", "bankruptcy"],
        "keywords": ["shares", "investors", "regulators", "deal", "acquisition", "competition", "jobs"],
        "events": [
            "{org} offered {money} for its smaller rival",
            "regulators in {place} opened an investigation into the deal",
            "shares jumped {pct} percent after {person} confirmed the talks",
            "the {role} said {thousands} jobs would be protected",
            "the takeover is expected to close by {month}",
        ],
    },
    "protest": {
        "title": ["protests", "street demonstrations", "student protests", "farmers protest"],
        "keywords": ["demonstrators", "police", "rally", "crackdown", "curfew", "arrests", "marches"],
        "events": [
            "{thousands} demonstrators marched through {place} on {weekday}",
            "police arrested {n} people after clashes near the offices of {org}",
            "{person}, the {role}, imposed a curfew in {place}",
            "protest leaders demanded the resignation of {person}",
            "the protests entered their {n}th day without talks",
        ],
    },
    "outbreak": {
        "title": ["disease outbreak", "cholera outbreak", "measles cases", "hospital crisis"],
        "keywords": ["vaccines", "hospitals", "infections", "quarantine", "doctors", "patients", "clinics"],
        "events": [
            "health officials in {place} reported {n} new infections",
            "{org} shipped {thousands} vaccine doses to clinics",
            "the {role} ordered schools in {place} to close until {month}",
            "{person} said hospitals were running at {pct} percent capacity",
            "doctors warned the outbreak could spread to {place}",
        ],
    },
    "trial": {
        "title": ["corruption trial", "court ruling", "fraud case", "supreme court decision"],
        "keywords": ["court", "judges", "verdict", "appeal", "prosecutors", "bribery", "sentence"],
        "events": [
            "prosecutors accused {person} of taking {money} in bribes",
            "the court in {place} postponed the verdict until {month}",
            "{person}, the {role}, said the ruling would be appealed",
            "judges heard testimony from {n} witnesses linked to {org}",
            "the defendant faces up to {n} years in prison",
        ],
    },
    "drought": {
        "title": ["drought", "water shortage", "crop failure", "heatwave", "wildfires"],
        "keywords": ["harvest", "rationing", "temperatures", "reservoirs", "farmers", "irrigation", "fires"],
        "events": [
            "reservoirs around {place} fell to {pct} percent of capacity",
            "{org} announced water rationing for {thousands} households",
            "farmers expect the harvest to shrink by {pct} percent",
            "{person}, the {role}, asked for emergency aid worth {money}",
            "temperatures are forecast to stay high until {month}",
        ],
    },
    "summit": {
        "title": ["summit", "trade talks", "peace talks", "border dispute", "sanctions"],
        "keywords": ["diplomats", "negotiations", "agreement", "tariffs", "treaty", "envoys", "border"],
        "events": [
            "{person} met the {role} of {place} for {n} hours of talks",
            "negotiators from {org} failed to agree on tariffs",
            "the two sides signed a deal worth {money} on {weekday}",
            "envoys said a treaty could be ready by {month}",
            "{place} recalled its ambassador after troops crossed the border",
        ],
    },
    "tech": {
        "title": ["data breach", "chip factory", "AI rules", "satellite launch", "network outage"],
        "keywords": ["hackers", "software", "semiconductors", "privacy", "regulation", "data", "outage"],
        "events": [
            "{org} said hackers stole the records of {thousands} customers",
            "the {role} unveiled rules for artificial intelligence in {place}",
            "a new factory in {place} will employ {thousands} people",
            "{person} blamed a software update for the outage",
            "regulators fined {org} {money} for privacy violations",
        ],
    },
    "energy": {
        "title": ["power cuts", "fuel shortage", "gas prices", "nuclear plant", "oil spill"],
        "keywords": ["electricity", "fuel", "prices", "pipeline", "reactor", "blackouts", "grid"],
        "events": [
            "power cuts left {thousands} homes in {place} without electricity",
            "{org} raised fuel prices by {pct} percent",
            "{person}, the {role}, ordered an inspection of the reactor",
            "the pipeline will carry gas to {place} from {month}",
            "cleanup crews removed {n} tonnes of oil from the coast",
        ],
    },
}

OFF_TOPIC = [
    "how tall is the eiffel tower",
    "what's a good recipe for banana bread",
    "who won the football world cup in 1966",
    "what is the boiling point of water",
    "recommend me a sci-fi novel",
    "how do I reset my router password",
    "what is the capital of australia",
    "translate good morning into japanese",
    "is it going to rain tomorrow",
    "how many legs does a spider have",
    "what's the best way to learn guitar",
    "tell me a joke about cats",
    "how do black holes form",
    "what time does the supermarket open",
    "who painted the mona lisa",
    "can you help me with my maths homework",
]
PARAPHRASES = [
    "what's the latest on {x}",
    "any news about {x}?",
    "tell me about {x}",
    "what happened with {x}",
    "{x} update",
    "why does {x} matter",
    "who is involved in {x}",
    "when did {x} start",
]


@dataclass(frozen=True)
class Corpus:
    directory: Path
    size: int
    seed: int
    generated: bool  # False when the cache was reused


def _pseudo_word(rng: random.Random, syllables: int) -> str:
    word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables))
    return (word + rng.choice(_CODAS)).capitalize()


def _name_pool(rng: random.Random, count: int, banned: set[str], low: int = 2, high: int = 3) -> list[str]:
    out: dict[str, None] = {}
    while len(out) < count:
        word = _pseudo_word(rng, rng.randint(low, high))
        if word.casefold() not in banned:
            out[word] = None
    return list(out)


def _real_vocabulary() -> set[str]:
    """Every word of the real stories, so invented names never collide with them."""
    from bot.core.text import words

    vocab: set[str] = set()
    for path in sorted(BRIEFS.glob("*.toml")):
        vocab.update(words(path.read_text(encoding="utf-8")))
    return vocab


class _Zipf:
    """Draws from a list with Zipf-like frequencies: a few names are in many stories, most in few."""

    def __init__(self, items: Sequence[str], exponent: float = 1.0) -> None:
        self.items = list(items)
        self.cum = list(accumulate(1.0 / (rank + 1) ** exponent for rank in range(len(self.items))))

    def __call__(self, rng: random.Random, k: int = 1) -> list[str]:
        return rng.choices(self.items, cum_weights=self.cum, k=k)


def _toml_str(value: str) -> str:
    # JSON string escapes are a subset of TOML basic-string escapes.
    return json.dumps(value, ensure_ascii=False)


def _toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(_toml_str(v) for v in values) + "]"


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


class _StoryMaker:
    def __init__(self, seed: int, size: int) -> None:
        self.rng = random.Random(seed)
        banned = _real_vocabulary()
        # Pools grow with the corpus so name variety (and the index vocabulary) scales like real news.
        scale = max(200, size // 4)
        self.places = _Zipf(_name_pool(self.rng, scale, banned, 2, 3), 0.9)
        self.first = _Zipf(_name_pool(self.rng, max(200, scale // 5), banned, 2, 2), 0.8)
        self.last = _Zipf(_name_pool(self.rng, scale, banned, 2, 3), 0.8)
        self.org_roots = _Zipf(_name_pool(self.rng, max(200, scale // 2), banned, 2, 3), 0.9)
        self.used_ids: set[str] = set()

    def _org(self, rng: random.Random, place: str) -> str:
        pattern = rng.choice(ORG_PATTERNS)
        root = rng.choice([place, self.org_roots(rng)[0]])
        return pattern.format(X=root, Y=rng.choice(MINISTRIES))

    def story(self, number: int) -> tuple[str, str]:
        """One story as (id, TOML text)."""
        rng = self.rng
        theme_name = rng.choice(list(THEMES))
        theme = THEMES[theme_name]
        place, other_place = self.places(rng, 2)
        people = [f"{f} {last}" for f, last in zip(self.first(rng, 3), self.last(rng, 3), strict=True)]
        orgs = list(dict.fromkeys(self._org(rng, place) for _ in range(rng.randint(1, 3))))
        role = rng.choice(ROLES)
        noun = rng.choice(theme["title"])
        title = f"{place} {noun}"
        slug = "-".join(title.casefold().replace("'", "").split())[:48].strip("-")
        story_id = f"{slug}-{number}"

        def fill(template: str) -> str:
            return template.format(
                person=rng.choice(people),
                role=rng.choice(ROLES),
                place=rng.choice([place, place, other_place]),
                org=rng.choice(orgs),
                n=rng.randint(2, 90),
                pct=rng.randint(3, 97),
                thousands=f"{rng.randint(2, 900) * 1000:,}",
                money=f"${rng.randint(1, 900)} million",
                weekday=rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
                month=rng.choice(["January", "March", "May", "July", "September", "November"]),
            )

        start = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 2400))
        updates = []
        day = start
        for _ in range(rng.randint(1, 4)):
            day += dt.timedelta(days=rng.randint(1, 40))
            events = [fill(t) for t in rng.sample(list(theme["events"]), rng.randint(2, 4))]
            headline = _sentence(events[0])[:-1][:180]
            text = (
                " ".join(_sentence(e) for e in events)
                + " "
                + _sentence(f"{people[0]}, the {role}, said more details would follow")
            )
            updates.append((day, headline, text))
        summary = f"{_sentence(fill(rng.choice(theme['events'])))} {place} {noun} continues."[:590]
        aliases = list(dict.fromkeys([f"{place} {theme_name}", f"{noun} in {place}"][: rng.randint(1, 2)]))
        keywords = rng.sample(list(theme["keywords"]), rng.randint(3, 6))
        lines = [
            f"id = {_toml_str(story_id)}",
            f"title = {_toml_str(title)}",
            f"topic = {_toml_str(rng.choice(TOPICS))}",
            f"summary = {_toml_str(summary)}",
            f"aliases = {_toml_list(aliases)}",
            f"keywords = {_toml_list(keywords)}",
            "",
            "[entities]",
            f"people = {_toml_list(people[: rng.randint(1, 3)])}",
            f"places = {_toml_list(list(dict.fromkeys([place, other_place])))}",
            f"organisations = {_toml_list(orgs)}",
        ]
        for day, headline, text in updates:
            lines += ["", "[[updates]]", f"date = {day.isoformat()}"]
            lines += [f"headline = {_toml_str(headline)}", f"text = {_toml_str(text)}"]
        for _ in range(rng.randint(0, 2)):
            lines += ["", "[[facts]]", f"text = {_toml_str(_sentence(fill(rng.choice(theme['events']))))}"]
            lines += [f"date = {rng.choice(updates)[0].isoformat()}"]
        lines += ["", "[[sources]]", f"publisher = {_toml_str(self._org(rng, other_place) + ' News')}"]
        return story_id, "\n".join(lines) + "\n"


def corpus_dir(size: int, seed: int) -> Path:
    return DATA / f"{size}-{seed}"


def generate(size: int, seed: int = 1, directory: Path | None = None, force: bool = False) -> Corpus:
    """Write ``size`` story files (the real ones included) unless a complete cache exists."""
    directory = directory if directory is not None else corpus_dir(size, seed)
    marker = directory / DONE_MARKER
    if not force and marker.exists() and marker.read_text().strip() == str(GENERATOR_VERSION):
        # The real stories change with their records; the generated ones only with the generator.
        for path in sorted(BRIEFS.glob("*.toml")):
            copy = directory / path.name
            if not copy.exists() or copy.read_bytes() != path.read_bytes():
                shutil.copyfile(path, copy)
        return Corpus(directory, size, seed, generated=False)
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    real = sorted(BRIEFS.glob("*.toml"))
    for path in real:
        shutil.copyfile(path, directory / path.name)
    maker = _StoryMaker(seed, size)
    for number in range(max(0, size - len(real))):
        story_id, text = maker.story(number)
        (directory / f"{story_id}.toml").write_text(text, encoding="utf-8")
    marker.write_text(str(GENERATOR_VERSION))
    return Corpus(directory, size, seed, generated=True)


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # swap two letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:  # drop one
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]  # double one


def mixed_questions(stories: Sequence[Story], count: int, seed: int = 7) -> list[str]:
    """Questions like users type them: names, typos, paraphrases and off-topic chatter."""
    rng = random.Random(seed)
    out: list[str] = []
    pool = stories  # a sequence, not a list copy: a packed catalog stays packed
    while len(out) < count:
        story = rng.choice(pool)
        kind = rng.randrange(5)
        if kind == 0:
            out.append(story.title.casefold())
        elif kind == 1:
            out.append(" ".join(_typo(rng, w) for w in story.title.split()))
        elif kind == 2:
            name = rng.choice(story.aliases or (story.title,))
            out.append(rng.choice(PARAPHRASES).format(x=name))
        elif kind == 3:
            entity = rng.choice(story.entities.all() or (story.title,))
            keyword = rng.choice(story.keywords or ("news",))
            out.append(f"what did {entity} say about the {keyword}")
        else:
            out.append(rng.choice(OFF_TOPIC))
    return out
