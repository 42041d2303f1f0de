"""Answering questions: pick the story, remember it for follow-ups, extract the answering sentences."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.core.index import FIELD_WEIGHTS, QueryTerm, StoryIndex
from bot.core.memory import ConversationMemory
from bot.core.models import Story
from bot.core.text import (
    ANAPHORA,
    GENERIC_WORDS,
    STRONG_ANAPHORA,
    is_date_word,
    is_month,
    is_number_word,
    split_sentences,
    stem,
    truncate,
    words,
)

MAX_ANSWER_CHARS = 400
ACCEPT_COVERAGE = 0.5  # share of the question a story must explain to be the answer
SUGGEST_COVERAGE = 0.2  # ... and to be offered as "did you mean"
MAX_SUGGESTIONS = 3
# A story already under discussion keeps the conversation unless another explains clearly more.
SWITCH_MARGIN = 0.15

_LATEST_INTENT = frozenset(
    stem(w) for w in ["new", "latest", "update", "updates", "recent", "recently", "now", "today", "happening"]
)
_INTERROGATIVES = frozenset(
    """
    what which who whom whose when where why how did does do is are was were can
    """.split()
)
_CAUSAL = frozenset(
    stem(w)
    for w in [
        "because",
        "fears",
        "fear",
        "vital",
        "hoping",
        "hope",
        "protest",
        "protesting",
        "could",
        "would",
        "so",
        "reason",
        "since",
        "due",
        "risk",
    ]
)


@dataclass(frozen=True)
class Answer:
    """What the bot says about a question; renderers turn it into text or an embed."""

    question: str
    story: Story | None
    score: float  # confidence 0..1
    text: str | None
    date: dt.date | None
    suggestions: tuple[Story, ...] = ()
    followup: bool = False  # answered from the conversation's story rather than the words alone


@dataclass(frozen=True)
class _Sentence:
    text: str
    date: dt.date | None
    stems: frozenset[str]
    kind: str  # "update", "fact" or "summary"
    order: int  # position in the story, newer updates later
    update: int  # which update it belongs to (-1 for facts and the summary)


class Answerer:
    """Matches questions to stories, with conversation memory for follow-ups."""

    def __init__(self, index: StoryIndex, memory: ConversationMemory | None = None) -> None:
        self.index = index
        self.memory = memory if memory is not None else ConversationMemory()
        self._sentences = lru_cache(maxsize=2048)(self._sentences_uncached)

    def ask(self, question: str, conversation: Hashable | None = None) -> Answer:
        """Answer one question; with a conversation key, follow-ups use the story discussed."""
        question = question if isinstance(question, str) else str(question)
        terms = self.index.analyse(question)
        matches = self.index.rank(terms, limit=MAX_SUGGESTIONS + 1)
        current = self._current_story(conversation)

        best = matches[0] if matches else None
        chosen: Story | None = None
        score = 0.0
        followup = False
        if best is not None and best.coverage >= ACCEPT_COVERAGE and best.is_strong:
            chosen, score = best.story, best.coverage
            if current is not None and current is not best.story:
                kept = self.index.coverage_of(current, terms)
                if kept >= best.coverage - SWITCH_MARGIN:
                    chosen, score, followup = current, kept, True
        elif current is not None and self._is_followup(question, terms, current):
            chosen, followup = current, True
            score = max(self.index.coverage_of(current, terms), ACCEPT_COVERAGE)

        if chosen is None:
            # Suggest only stories that matched on more than incidental body words.
            suggestions = tuple(
                m.story
                for m in matches
                if m.coverage >= SUGGEST_COVERAGE and m.best_field >= FIELD_WEIGHTS["summary"]
            )[:MAX_SUGGESTIONS]
            # Below the bar, the reported confidence stays below the bar too.
            confidence = (
                min(best.coverage, ACCEPT_COVERAGE - 0.01) * (1.0 if best.is_strong else 0.5) if best else 0.0
            )
            return Answer(question, None, round(confidence, 3), None, None, suggestions)

        if conversation is not None:
            self.memory.remember(conversation, chosen.id)
        text, date = self.extract(chosen, question, terms)
        others = tuple(m.story for m in matches if m.story is not chosen and m.coverage >= ACCEPT_COVERAGE)
        return Answer(question, chosen, round(score, 3), text, date, others[:MAX_SUGGESTIONS], followup)

    def _current_story(self, conversation: Hashable | None) -> Story | None:
        if conversation is None:
            return None
        story_id = self.memory.current(conversation)
        return self.index.get(story_id) if story_id else None

    def _is_followup(self, question: str, terms: Sequence[QueryTerm], story: Story) -> bool:
        """Could this question be about the story already under discussion?"""
        if not words(question):
            return False
        topical = [t for t in terms if t.word not in GENERIC_WORDS]
        known = [t for t in topical if self.index.coverage_of(story, [t]) > 0]
        unknown = len(topical) - len(known)
        if known:
            return unknown <= max(1, len(known))
        if unknown == 0:
            return True  # only question words and generic ones: "why does it matter?"
        said = set(words(question))
        if said & STRONG_ANAPHORA:
            return unknown <= 2  # "which sectors rely on them?": "them" is the story's subject
        return bool(said & ANAPHORA) and unknown == 1  # "it" is often no reference: "is it raining?"

    # --- extractive answers ----------------------------------------------------------------------

    def extract(
        self, story: Story, question: str, terms: Sequence[QueryTerm] | None = None
    ) -> tuple[str, dt.date]:
        """The one or two sentences of the story that best answer the question, and their date."""
        terms = self.index.analyse(question) if terms is None else terms
        sentences = self._sentences(story.id)
        if self._wants_overview(story, question, terms):
            lead = next(s for s in sentences if s.kind == "update" and s.update == len(story.updates) - 1)
            return truncate(lead.text, MAX_ANSWER_CHARS), story.updated

        document_frequency: dict[str, int] = {}
        for sentence in sentences:
            for key in sentence.stems:
                document_frequency[key] = document_frequency.get(key, 0) + 1
        count = len(sentences)
        dates = sorted({s.date for s in sentences if s.date is not None})
        recency = {d: i / max(1, len(dates) - 1) for i, d in enumerate(dates)}
        kinds = _question_kinds(question)
        people = {
            stem(w) for name in story.entities.people + story.entities.organisations for w in words(name)
        }
        places = {stem(w) for name in story.entities.places for w in words(name)}

        def score(sentence: _Sentence) -> float:
            total = 0.0
            for term in terms:
                best = 0.0
                for key, similarity in term.candidates:
                    if key in sentence.stems:
                        idf = math.log(1.0 + count / document_frequency[key])
                        best = max(best, similarity * idf)
                total += term.weight * best
            bonus = _kind_bonus(kinds, sentence, people, places)
            if kinds and bonus == 0:
                total *= 0.5  # a "when" question is not answered by a sentence without a date
            total += bonus
            total += {"fact": 0.1, "update": 0.0, "summary": -0.1}[sentence.kind]
            return total + 0.05 * recency.get(sentence.date, 0.0)

        scores = {sentence.order: score(sentence) for sentence in sentences}
        # max() keeps the first of equal scores, as the stable sort it replaces did.
        best = max(sentences, key=lambda s: scores[s.order])
        best_score = scores[best.order]
        if best_score <= 0.2:
            return truncate(story.summary, MAX_ANSWER_CHARS), story.updated
        text = best.text
        following = next(
            (s for s in sentences if s.update == best.update and s.order == best.order + 1), None
        )
        if (
            following is not None
            and best.kind == "update"
            and scores[following.order] >= 0.6 * best_score
            and len(text) + len(following.text) + 1 <= MAX_ANSWER_CHARS
        ):
            text = f"{text} {following.text}"
        return truncate(text, MAX_ANSWER_CHARS), best.date or story.updated

    def _wants_overview(self, story: Story, question: str, terms: Sequence[QueryTerm]) -> bool:
        """A question that only names the story, or asks what is new, gets the latest development."""
        name_stems = {
            stem(w)
            for text in (story.id.replace("-", " "), story.title, story.topic, *story.aliases)
            for w in words(text)
        }
        topical = [t for t in terms if t.word not in GENERIC_WORDS]
        names_only = all(any(k in name_stems for k, _ in t.candidates) for t in topical)
        if {stem(w) for w in words(question)} & _LATEST_INTENT:
            # "what's new with the gaza ceasefire?" yes; "what does Eurasia Group think of the new
            # premier?" asks about something in particular, so the sentences decide.
            return names_only
        if _question_kinds(question) or set(words(question)) & _INTERROGATIVES:
            return False
        return bool(topical) and names_only

    def _sentences_uncached(self, story_id: str) -> tuple[_Sentence, ...]:
        story = self.index.get(story_id)
        assert story is not None
        out: list[_Sentence] = []
        order = 0
        for number, update in enumerate(story.updates):
            for position, text in enumerate(split_sentences(update.text)):
                stems = _stems(text)
                if position == 0:
                    # The lead sentence answers for its headline: "Hamas skips talks" finds the
                    # lead of that update even when the lead words it differently.
                    stems |= _stems(update.headline)
                out.append(_Sentence(text, update.date, stems, "update", order, number))
                order += 1
        for fact in story.facts:
            out.append(_Sentence(fact.text, fact.date, _stems(fact.text), "fact", order, -1))
            order += 1
        out.append(_Sentence(story.summary, story.updated, _stems(story.summary), "summary", order, -1))
        return tuple(out)


def _stems(text: str) -> frozenset[str]:
    out = {stem(w) for w in words(text)}
    out |= {stem(m.replace("-", "")) for m in re.findall(r"\w+(?:-\w+)+", text.casefold())}
    return frozenset(out)


def _question_kinds(question: str) -> frozenset[str]:
    ws = words(question)
    kinds = set()
    joined = " ".join(ws)
    if re.search(r"\bhow (many|much|long|big|large|far|bad|badly|severe|serious)\b", joined) or re.search(
        r"\b(what|which) (share|percentage|percent|proportion|number|fraction|part)\b", joined
    ):
        kinds.add("number")
    if "when" in ws or re.search(r"\b(what|which) (date|day|time|year|month)\b", joined):
        kinds.add("date")
    if "who" in ws or "whom" in ws:
        kinds.add("who")
    if "where" in ws:
        kinds.add("where")
    if "why" in ws or re.search(r"\b(what for|so what|matter|matters|important)\b", joined):
        kinds.add("why")
    return frozenset(kinds)


def _has_quantity(ws: Sequence[str]) -> bool:
    """A number that is not part of a date: "13 December 2024" answers "when", not "how many"."""
    for i, w in enumerate(ws):
        if not is_number_word(w) or (w.isdigit() and len(w) == 4):
            continue
        neighbours = ws[max(0, i - 1) : i] + ws[i + 1 : i + 2]
        if not any(is_month(n) for n in neighbours):
            return True
    return False


def _kind_bonus(kinds: frozenset[str], sentence: _Sentence, people: set[str], places: set[str]) -> float:
    if not kinds:
        return 0.0
    ws = words(sentence.text)
    bonus = 0.0
    if "number" in kinds and _has_quantity(ws):
        bonus += 1.0
    if "date" in kinds and any(is_date_word(w) for w in ws):
        bonus += 1.0
    if "who" in kinds and sentence.stems & people:
        bonus += 0.5
    if "where" in kinds and sentence.stems & places:
        bonus += 0.5
    if "why" in kinds and sentence.stems & _CAUSAL:
        bonus += 0.5
    return bonus
