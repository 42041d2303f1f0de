"""The labelled question sets as floors, measured as the shared scorer does, through the command line.

The dev sets are vendored copies (tests/data/README.md); the floors are the scorer's goals for them
and, for our own independently worded set, a little under what it scores today, so a regression in
any kind of question fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benchmarks import scoring
from tests.conftest import REPO_ROOT

DATA = REPO_ROOT / "tests" / "data"
GOALS = scoring.GOALS
# Our own sets: the held-out targets, a little stricter on declines and follow-ups.
OURS = {"story": 0.95, "abstain": 0.95, "answer": 0.88, "followup": 0.95}
FLOORS = {
    "dev-questions.jsonl": GOALS,
    "dev-questions-2.jsonl": GOALS,
    "own-questions.jsonl": OURS,
    "fresh-questions.jsonl": OURS,
    "fresh-3-questions.jsonl": OURS,
    "fresh-4-questions.jsonl": OURS,
    "fresh-5-questions.jsonl": OURS,
    "fresh-6-questions.jsonl": OURS,
    "fresh-7-questions.jsonl": OURS,
    "fresh-8-questions.jsonl": {**OURS, "followup": 0.93},
    "fresh-9-questions.jsonl": OURS,
    "fresh-10-questions.jsonl": OURS,
    "fresh-11-questions.jsonl": OURS,
    "fresh-12-questions.jsonl": OURS,
    # first sight 0.93 / 0.96 / 0.82 / 0.81 (tests/data/README.md): the floor keeps what was won since
    "fresh-13-questions.jsonl": {**OURS, "answer": 0.84, "followup": 0.93},
    "fresh-14-questions.jsonl": OURS,
    # two near-topic questions still answered (US tariffs on Chinese EVs, US chip controls)
    "fresh-15-questions.jsonl": {**OURS, "abstain": 0.90},
    "fresh-16-questions.jsonl": OURS,
    "fresh-17-questions.jsonl": OURS,
    "fresh-18-questions.jsonl": OURS,
    "fresh-19-questions.jsonl": OURS,
    # two near-topic questions still answered (Indonesia's nickel ban told by a parent, Moldova's plants)
    "fresh-20-questions.jsonl": {**OURS, "abstain": 0.90},
    "fresh-21-questions.jsonl": {**OURS, "followup": 0.93},
    "fresh-22-questions.jsonl": {**OURS, "answer": 0.86},  # first sight 0.83
    "fresh-23-questions.jsonl": OURS,
    "fresh-24-questions.jsonl": {**OURS, "abstain": 0.90, "answer": 0.86},  # first sight, unchanged since
    "fresh-25-questions.jsonl": {**OURS, "answer": 0.85},  # first sight 0.86
    "fresh-26-questions.jsonl": {**OURS, "followup": 0.92},  # first sight 0.926, unchanged since
    "fresh-27-questions.jsonl": OURS,
    "fresh-28-questions.jsonl": OURS,
    "fresh-29-questions.jsonl": OURS,
    "fresh-30-questions.jsonl": OURS,
    "fresh-31-questions.jsonl": OURS,
    # two near-topic questions still answered (US chip export controls on China, EU-US tariffs)
    "fresh-32-questions.jsonl": {**OURS, "abstain": 0.85, "followup": 0.92},
    "fresh-33-questions.jsonl": OURS,
    "fresh-34-questions.jsonl": OURS,
    # a near-topic question still answered
    "fresh-35-questions.jsonl": {**OURS, "abstain": 0.90},
    # two near-topic questions still answered (the Zaporizhzhia plant, Ukraine's drones on refineries)
    "fresh-36-questions.jsonl": {**OURS, "abstain": 0.85},
    "fresh-37-questions.jsonl": OURS,
    # a near-topic question still answered (the DRC's cobalt), first sight 0.95
    "fresh-38-questions.jsonl": {**OURS, "abstain": 0.90},
    "fresh-39-questions.jsonl": {**OURS, "answer": 0.86},  # first sight 0.80
    "fresh-40-questions.jsonl": {**OURS, "answer": 0.86},  # first sight 0.81
    "fresh-41-questions.jsonl": OURS,  # first sight: story 0.90, answers 0.80 (questions in Spanish)
    "fresh-42-questions.jsonl": {**OURS, "answer": 0.84},  # first sight 0.85
    "fresh-43-questions.jsonl": {**OURS, "answer": 0.84},  # first sight 0.84
    "fresh-44-questions.jsonl": OURS,  # first sight 0.98 / 1.00 / 0.89 / 0.97: every target met
    # first sight 0.96 / 0.91 / 0.90 / 0.97; still answered: US chip bans on China, a New York statute
    "fresh-45-questions.jsonl": {**OURS, "abstain": 0.90},
    "fresh-46-questions.jsonl": OURS,  # first sight 0.98 / 1.00 / 0.92 / 0.97: every target met
    "fresh-47-questions.jsonl": OURS,  # first sight 0.95 / 1.00 / 0.87 / 0.87
    "fresh-48-questions.jsonl": OURS,  # first sight 0.96 / 0.95 / 0.84 / 0.90
    # first sight 0.85 / 0.86 / 0.76 / 0.80 (broad Scots, French mixed in); still answered: Russia's
    # grid hit by Ukraine's drones, the twelve-day Israel-Iran war, Ukraine-Russia peace talks
    "fresh-49-questions.jsonl": {**OURS, "abstain": 0.85},
    "fresh-50-questions.jsonl": OURS,  # first sight 0.93 / 0.91 / 0.81 / 0.93 (patois)
    "fresh-51-questions.jsonl": OURS,  # first sight 0.97 / 0.95 / 0.89 / 0.97: every target met
    # first sight 0.95 / 0.91 / 0.82 / 0.93 and 0.89 / 1.00 / 0.77 / 0.80 (whole questions in Tagalog)
    "fresh-52-questions.jsonl": {**OURS, "story": 0.94, "abstain": 0.90, "answer": 0.80, "followup": 0.92},
    "fresh-53-questions.jsonl": {**OURS, "answer": 0.86, "followup": 0.88},
    # first sight 0.97 / 1.00 / 0.86 / 0.90, 0.97 / 0.95 / 0.88 / 0.93 (every target met) and
    # 0.95 / 0.91 / 0.82 / 0.87; several answer misses are the fact restating the sentence labelled
    "fresh-54-questions.jsonl": {**OURS, "answer": 0.86},
    "fresh-55-questions.jsonl": OURS,
    "fresh-56-questions.jsonl": {**OURS, "answer": 0.86},
    # first sight 0.99 / 0.95 / 0.88 / 1.00 and 0.98 / 0.95 / 0.89 / 0.97 (both met every target);
    # 0.88 / 1.00 / 0.74 / 0.79 (Hinglish: romanised Hindi-Urdu mixed into English)
    "fresh-57-questions.jsonl": OURS,
    "fresh-58-questions.jsonl": OURS,
    "fresh-59-questions.jsonl": {**OURS, "answer": 0.84},
    # first sight 0.98 / 1.00 / 0.92 / 0.93 and 0.98 / 0.91 / 0.94 / 1.00 (both met every target);
    # 1.00 / 1.00 / 0.87 / 1.00 (Singlish particles)
    "fresh-60-questions.jsonl": OURS,
    "fresh-61-questions.jsonl": OURS,
    "fresh-62-questions.jsonl": {**OURS, "abstain": 0.90},
    # first sight 0.96 / 0.95 / 0.88 / 0.97 (every target met); 0.88 / 0.95 / 0.73 / 0.79 (whole
    # questions in Portuguese); 0.93 / 1.00 / 0.86 / 0.97
    "fresh-63-questions.jsonl": OURS,
    "fresh-64-questions.jsonl": OURS,
    "fresh-65-questions.jsonl": OURS,
    # first sight 0.98 / 0.95 / 0.77 / 1.00 and 0.98 / 1.00 / 0.85 / 0.97
    "fresh-66-questions.jsonl": {**OURS, "answer": 0.83},
    "fresh-67-questions.jsonl": OURS,
    # first sight 0.93 / 0.95 / 0.81 / 0.97 (whole questions in French) and 0.97 / 1.00 / 0.82 / 1.00
    "fresh-68-questions.jsonl": {**OURS, "answer": 0.86},
    "fresh-69-questions.jsonl": {**OURS, "answer": 0.84},
    # first sight 0.95 / 0.91 / 0.81 / 0.93 and 0.96 / 1.00 / 0.87 / 0.93
    "fresh-70-questions.jsonl": {**OURS, "abstain": 0.90, "answer": 0.80},
    "fresh-71-questions.jsonl": {**OURS, "followup": 0.93},
    # first sight 0.93 / 0.95 / 0.84 / 0.97 (whole questions in Spanish) and 0.98 / 1.00 / 0.89 / 1.00
    # (every target met)
    "fresh-72-questions.jsonl": OURS,
    "fresh-73-questions.jsonl": OURS,
    # first sight 1.00 / 1.00 / 0.97 / 1.00 (plain English) and 0.99 / 0.95 / 0.89 / 1.00 (both met)
    "fresh-74-questions.jsonl": OURS,
    "fresh-75-questions.jsonl": OURS,
    # first sight (each round at its own commit) 0.99 / 1.00 / 0.95 / 0.97, 0.98 / 1.00 / 0.93 / 0.93,
    # 0.99 / 1.00 / 0.92 / 1.00 and 1.00 / 0.95 / 0.89 / 1.00: every target met on all four
    "fresh-76-questions.jsonl": OURS,
    "fresh-77-questions.jsonl": OURS,
    "fresh-78-questions.jsonl": OURS,
    "fresh-79-questions.jsonl": OURS,
    # first sight 1.00 / 1.00 / 0.94 / 1.00 and 0.98 / 0.91 / 0.92 / 0.93 (both met)
    "fresh-80-questions.jsonl": OURS,
    "fresh-81-questions.jsonl": {**OURS, "abstain": 0.90, "followup": 0.93},
    # first sight 1.00 / 1.00 / 0.96 / 1.00 and 0.99 / 1.00 / 0.90 / 0.97 (both met)
    "fresh-82-questions.jsonl": OURS,
    "fresh-83-questions.jsonl": OURS,
    # first sight 1.00 / 1.00 / 0.93 / 1.00 and 0.99 / 1.00 / 0.89 / 1.00 (both met)
    "fresh-84-questions.jsonl": OURS,
    "fresh-85-questions.jsonl": OURS,
    # first sight 0.98 / 1.00 / 0.90 / 0.97 and 0.97 / 1.00 / 0.92 / 0.97 (both met)
    "fresh-86-questions.jsonl": OURS,
    "fresh-87-questions.jsonl": OURS,
    # first sight 0.99 / 1.00 / 0.878 / 0.97 and 0.98 / 1.00 / 0.878 / 1.00 (answers one short of 0.88)
    "fresh-88-questions.jsonl": {**OURS, "answer": 0.87},
    "fresh-89-questions.jsonl": OURS,
    # first sight 0.96 / 1.00 / 0.857 / 0.97 and 0.90 / 1.00 / 0.81 / 0.90 (sarcastic remarks around
    # the question, and English as a second language)
    "fresh-90-questions.jsonl": OURS,
    "fresh-91-questions.jsonl": OURS,
    # first sight 1.00 / 1.00 / 0.93 / 1.00 and 0.955 / 0.955 / 0.888 / 0.933 (both met every target)
    "fresh-92-questions.jsonl": OURS,
    "fresh-93-questions.jsonl": {**OURS, "followup": 0.93},
    # first sight 0.98 / 1.00 / 0.867 / 1.00 and 0.97 / 1.00 / 0.847 / 1.00 (answers short on both)
    "fresh-94-questions.jsonl": OURS,
    "fresh-95-questions.jsonl": {**OURS, "answer": 0.87},
    # first sight 0.97 / 1.00 / 0.898 / 0.967 and 0.97 / 1.00 / 0.888 / 0.9375 (both met every target)
    "fresh-96-questions.jsonl": OURS,
    "fresh-97-questions.jsonl": {**OURS, "followup": 0.93},
    # first sight 0.9375 / 1.00 / 0.857 / 1.00 and 0.9375 / 1.00 / 0.827 / 0.933 (story and answers
    # short on both: a grumpy sailor's nautical turns, Nigerian pidgin)
    "fresh-98-questions.jsonl": {**OURS, "answer": 0.87},
    "fresh-99-questions.jsonl": {**OURS, "story": 0.93, "answer": 0.83, "followup": 0.93},
    # first sight 0.97 / 0.955 / 0.898 / 0.912 (follow-ups short) and 0.96 / 0.955 / 0.888 / 0.933
    # (every target met)
    "fresh-100-questions.jsonl": {**OURS, "followup": 0.91},
    "fresh-101-questions.jsonl": OURS,
    # first sight 0.98 / 1.00 / 0.908 / 0.971 (every target met) and 0.93 / 1.00 / 0.847 / 0.867 (a
    # Welsh farmer and a fact-checker; a photo conversation that opens without naming its story)
    "fresh-102-questions.jsonl": OURS,
    "fresh-103-questions.jsonl": {**OURS, "story": 0.92, "answer": 0.84, "followup": 0.86},
    # 5 Dec 2026, sixteen rounds of two, each scored at the commit the rounds before it prompted
    # (first sight: story / declined / answer / follow-ups):
    # 0.99 / 0.95 / 0.867 / 1.00 (broad Scots) and 0.99 / 1.00 / 0.908 / 0.97 (met)
    "fresh-104-questions.jsonl": {**OURS, "answer": 0.87},
    "fresh-105-questions.jsonl": OURS,
    # 0.98 / 1.00 / 0.878 / 0.97 and 0.99 / 1.00 / 0.918 / 1.00 (met)
    "fresh-106-questions.jsonl": OURS,
    "fresh-107-questions.jsonl": OURS,
    # 0.946 / 1.00 / 0.776 / 0.862 (Jamaican patois), 0.964 / 1.00 / 0.898 / 0.897, then two sets
    # that met every target: 0.99 / 1.00 / 0.959 / 1.00 and 0.99 / 1.00 / 0.908 / 1.00
    "fresh-108-questions.jsonl": {**OURS, "answer": 0.79, "followup": 0.89},
    "fresh-109-questions.jsonl": {**OURS, "followup": 0.89},
    "fresh-110-questions.jsonl": OURS,
    "fresh-111-questions.jsonl": OURS,
    # 0.99 / 0.91 / 0.918 / 1.00 (met) and 0.9375 / 0.91 / 0.806 / 0.828 (a crossword fan's synonyms)
    "fresh-112-questions.jsonl": {**OURS, "abstain": 0.90},
    "fresh-113-questions.jsonl": {**OURS, "story": 0.94, "abstain": 0.90, "answer": 0.84, "followup": 0.86},
    # 0.99 / 1.00 / 0.908 / 1.00 and 1.00 / 1.00 / 0.908 / 1.00 (both met)
    "fresh-114-questions.jsonl": OURS,
    "fresh-115-questions.jsonl": OURS,
    # 0.98 / 1.00 / 0.847 / 1.00 (Glasgow Scots) and 0.99 / 1.00 / 0.939 / 1.00 (met)
    "fresh-116-questions.jsonl": OURS,
    "fresh-117-questions.jsonl": OURS,
    # 0.955 / 1.00 / 0.888 / 0.931 and 1.00 / 1.00 / 0.918 / 1.00 (both met)
    "fresh-118-questions.jsonl": OURS,
    "fresh-119-questions.jsonl": OURS,
    # 0.89 / 0.95 / 0.755 / 0.690 (Taglish) and 0.99 / 0.95 / 0.878 / 0.97
    "fresh-120-questions.jsonl": {**OURS, "followup": 0.93},
    "fresh-121-questions.jsonl": OURS,
    # 0.96 / 1.00 / 0.755 / 0.97 ("which sentence says so?") and 0.955 / 1.00 / 0.827 / 0.828
    "fresh-122-questions.jsonl": {**OURS, "answer": 0.81},
    "fresh-123-questions.jsonl": {**OURS, "answer": 0.86, "followup": 0.82},
    # the last three rounds met every target: 1.00 / 0.95 / 0.949 / 1.00, 0.99 / 0.91 / 0.898 / 1.00,
    # 0.99 / 1.00 / 0.929 / 0.97, 0.98 / 0.95 / 0.888 / 0.97, 0.99 / 1.00 / 0.918 / 0.97 and
    # 1.00 / 1.00 / 0.969 / 1.00
    "fresh-124-questions.jsonl": OURS,
    "fresh-125-questions.jsonl": {**OURS, "abstain": 0.90},
    "fresh-126-questions.jsonl": OURS,
    "fresh-127-questions.jsonl": OURS,
    "fresh-128-questions.jsonl": OURS,
    "fresh-129-questions.jsonl": OURS,
    # 0.99 / 1.00 / 0.898 / 1.00 and 0.98 / 0.95 / 0.918 / 1.00 (both met), then 0.964 / 1.00 / 0.867 /
    # 0.97 and 0.964 / 0.95 / 0.847 / 0.97 (answers short)
    "fresh-130-questions.jsonl": OURS,
    "fresh-131-questions.jsonl": OURS,
    "fresh-132-questions.jsonl": OURS,
    "fresh-133-questions.jsonl": {**OURS, "answer": 0.86},
    # scored with the session's final answerer, no change made after: 0.99 / 1.00 / 0.898 / 1.00
    # (met) and 0.97 / 0.95 / 0.878 / 0.931 (answers one question short)
    "fresh-134-questions.jsonl": OURS,
    "fresh-135-questions.jsonl": {**OURS, "answer": 0.87, "followup": 0.93},
    # a fifth session (5 Dec), first sight: 0.99 / 0.95 / 0.918 / 1.00 (met) and 1.00 / 1.00 / 0.857 / 1.00
    # (answers short), at 12d8585; then 1.00 / 1.00 / 0.959 / 1.00 and 1.00 / 0.95 / 0.918 / 1.00
    # (both met), 0.97 / 0.95 / 0.888 / 0.929 (follow-ups one question short) and 0.98 / 1.00 / 0.857 /
    # 0.96 (answers short), at fa8ae8e
    "fresh-136-questions.jsonl": OURS,
    "fresh-137-questions.jsonl": {**OURS, "answer": 0.85},
    "fresh-138-questions.jsonl": OURS,
    "fresh-139-questions.jsonl": OURS,
    "fresh-140-questions.jsonl": {**OURS, "followup": 0.92},
    "fresh-141-questions.jsonl": {**OURS, "answer": 0.85},
    # 1.00 / 1.00 / 0.929 / 1.00 and 0.99 / 1.00 / 0.959 / 1.00 (both met), 0.99 / 0.95 / 0.878 / 0.97
    # (answers one question short) and 0.955 / 1.00 / 0.847 / 0.897, at e9b0002; 0.97 / 1.00 / 0.878 /
    # 0.931 (answers short) and 0.99 / 1.00 / 0.918 / 0.97 (met), at 052eb68; 0.98 / 0.95 / 0.847 /
    # 0.931 (answers short) and 0.98 / 1.00 / 0.918 / 0.97 (met), at 7e4a6d0
    "fresh-142-questions.jsonl": OURS,
    "fresh-143-questions.jsonl": OURS,
    "fresh-144-questions.jsonl": {**OURS, "answer": 0.87},
    "fresh-145-questions.jsonl": OURS,
    "fresh-146-questions.jsonl": {**OURS, "answer": 0.87, "followup": 0.93},
    "fresh-147-questions.jsonl": OURS,
    "fresh-148-questions.jsonl": {**OURS, "answer": 0.84, "followup": 0.93},
    "fresh-149-questions.jsonl": OURS,
    # 0.99 / 1.00 / 0.857 / 0.97 (answers short) and 0.99 / 0.91 / 0.908 / 0.97 (met), at a976aed;
    # 1.00 / 1.00 / 0.959 / 1.00 (met), at a976aed; 0.97 / 0.95 / 0.959 / 0.931, 1.00 / 1.00 / 0.918 /
    # 1.00 and 1.00 / 0.95 / 0.888 / 1.00 (all met), at 75175d8
    "fresh-150-questions.jsonl": {**OURS, "answer": 0.85},
    "fresh-151-questions.jsonl": {**OURS, "abstain": 0.90},
    "fresh-152-questions.jsonl": OURS,
    "fresh-153-questions.jsonl": OURS,
    "fresh-154-questions.jsonl": OURS,
    "fresh-155-questions.jsonl": OURS,
    # 0.98 / 1.00 / 0.939 / 0.97 and 1.00 / 1.00 / 0.908 / 1.00 at 1c133c9, 0.98 / 1.00 / 0.908 /
    # 0.931 and 0.99 / 1.00 / 0.918 / 0.96 at c887f70 (all four met); 0.96 / 1.00 / 0.888 / 0.897
    # (follow-ups short) and 0.99 / 1.00 / 0.939 / 0.97 (met) at cb582c1
    "fresh-156-questions.jsonl": OURS,
    "fresh-157-questions.jsonl": OURS,
    "fresh-158-questions.jsonl": OURS,
    "fresh-159-questions.jsonl": OURS,
    "fresh-160-questions.jsonl": OURS,
    "fresh-161-questions.jsonl": OURS,
    # 1.00 / 0.95 / 0.949 / 1.00 and 1.00 / 1.00 / 0.949 / 1.00 at 72bb500, 0.97 / 0.95 / 0.847 / 0.893
    # (answers and follow-ups short) and 1.00 / 1.00 / 0.939 / 1.00 at c55fec6, 1.00 / 0.95 / 0.918 /
    # 1.00 and 1.00 / 0.95 / 0.908 / 1.00 at 4c66541, the session's final answerer
    "fresh-162-questions.jsonl": OURS,
    "fresh-163-questions.jsonl": OURS,
    "fresh-164-questions.jsonl": {**OURS, "answer": 0.87},
    "fresh-165-questions.jsonl": OURS,
    "fresh-166-questions.jsonl": OURS,
    "fresh-167-questions.jsonl": OURS,
    # sixth session (5 Dec 2026): 0.98 / 1.00 / 0.898 / 0.967 and 0.98 / 1.00 / 0.929 / 0.933 (met),
    # 0.97 / 1.00 / 0.857 / 0.933 and 0.97 / 1.00 / 0.867 / 1.00 (answers short) at 579e0a9; 0.99 /
    # 1.00 / 0.918 / 1.00 (met), 0.96 / 1.00 / 0.867 / 0.900 (answers and follow-ups short), 0.99 /
    # 1.00 / 0.908 / 1.00, 1.00 / 1.00 / 0.908 / 1.00, 0.97 / 1.00 / 0.898 / 1.00 (met) and 0.955 /
    # 1.00 / 0.857 / 1.00 (answers short) at 4dd7eee
    "fresh-168-questions.jsonl": OURS,
    "fresh-169-questions.jsonl": {**OURS, "followup": 0.93},
    "fresh-170-questions.jsonl": OURS,
    "fresh-171-questions.jsonl": OURS,
    "fresh-172-questions.jsonl": OURS,
    "fresh-173-questions.jsonl": {**OURS, "followup": 0.93},
    "fresh-174-questions.jsonl": OURS,
    "fresh-175-questions.jsonl": OURS,
    "fresh-176-questions.jsonl": OURS,
    "fresh-177-questions.jsonl": OURS,
    # 0.99 / 1.00 / 0.918 / 1.00 and 1.00 / 1.00 / 0.918 / 1.00 at b657a27, the session's final answerer
    "fresh-178-questions.jsonl": OURS,
    "fresh-179-questions.jsonl": OURS,
    # 1.00 / 1.00 / 0.949 / 1.00 and 0.96 / 1.00 / 0.888 / 0.967 at 67b0bdb, the session's last answerer
    "fresh-180-questions.jsonl": OURS,
    "fresh-181-questions.jsonl": OURS,
    # seventh session (6 Dec 2026), first sight: 0.98 / 1.00 / 0.878 / 1.00 (answers short), 0.99 /
    # 0.91 / 0.939 / 0.97 (met), 0.96 / 0.955 / 0.867 / 0.935 (answers short), 0.97 / 0.955 / 0.898 /
    # 0.97 (met) at 1133d55; 1.00 / 0.955 / 0.878 / 1.00 (answers short) and 0.96 / 1.00 / 0.939 /
    # 0.933 (met) at 1133d55 too
    "fresh-182-questions.jsonl": {**OURS, "answer": 0.87},
    "fresh-183-questions.jsonl": {**OURS, "abstain": 0.90},
    "fresh-184-questions.jsonl": {**OURS, "followup": 0.93},
    "fresh-185-questions.jsonl": OURS,
    "fresh-186-questions.jsonl": OURS,
    "fresh-187-questions.jsonl": {**OURS, "followup": 0.93},
    # 0.99 / 0.955 / 0.939 / 0.97 (met) and 0.96 / 0.955 / 0.857 / 0.933 (answers short) at 78a9f76
    "fresh-188-questions.jsonl": OURS,
    "fresh-189-questions.jsonl": {**OURS, "answer": 0.87},
    # 1.00 / 1.00 / 0.929 / 1.00 and 0.99 / 1.00 / 0.918 / 0.97 (both met) at 739afc2
    "fresh-190-questions.jsonl": OURS,
    "fresh-191-questions.jsonl": OURS,
    # 0.97 / 1.00 / 0.908 / 0.903 (follow-ups short) and 0.98 / 0.864 / 0.908 / 1.00 (declines short:
    # soybeans, the Aussie election, US chip controls) at d4242d7
    "fresh-192-questions.jsonl": OURS,
    "fresh-193-questions.jsonl": {**OURS, "abstain": 0.85},
    # 0.98 / 0.955 / 0.969 / 0.935 and 1.00 / 0.955 / 0.959 / 1.00 (both met) at 3876d49
    "fresh-194-questions.jsonl": {**OURS, "followup": 0.93},
    "fresh-195-questions.jsonl": OURS,
    # 0.98 / 0.955 / 0.908 / 1.00 and 1.00 / 0.909 / 0.939 / 1.00 (both met) at cdaac2f, the last answerer
    "fresh-196-questions.jsonl": OURS,
    "fresh-197-questions.jsonl": {**OURS, "abstain": 0.90},
    # 0.83 / 0.955 / 0.735 / 0.774 (a Kenyan conductor writing Swahili and Sheng: no reading of it)
    # and 0.94 / 1.00 / 0.857 / 0.900 (questions passed on for a grandmother) at d4ccf94, the same
    # at 1133d55
    "fresh-198-questions.jsonl": {"story": 0.82, "abstain": 0.95, "answer": 0.72, "followup": 0.76},
    "fresh-199-questions.jsonl": {"story": 0.93, "abstain": 0.95, "answer": 0.85, "followup": 0.89},
    # 0.96 / 1.00 / 0.898 / 0.933 (met) and 0.98 / 1.00 / 0.816 / 1.00 (answers short) at f28392f
    "fresh-200-questions.jsonl": OURS,
    "fresh-201-questions.jsonl": {**OURS, "answer": 0.84},
    # 0.955 / 0.955 / 0.827 / 0.900 (a Jamaican bus driver's patois, a retired railway clerk, a
    # teenage gamer) and 0.964 / 1.00 / 0.837 / 0.967 (an outback nurse, a Belgian chef, a librarian
    # asking for sources) at c4ed3bb
    "fresh-202-questions.jsonl": {"story": 0.95, "abstain": 0.95, "answer": 0.83, "followup": 0.89},
    "fresh-203-questions.jsonl": {**OURS, "answer": 0.84},
    # 0.893 / 1.00 / 0.755 / 0.833 (a Ghanaian taxi driver's pidgin, a Canadian civil servant, a
    # podcast host reading listeners' questions out) and 0.973 / 0.955 / 0.857 / 0.967 (a Welsh rugby
    # volunteer, a Japanese exchange student, a trader's shorthand) at 96c4aa4
    "fresh-204-questions.jsonl": {"story": 0.9, "abstain": 0.95, "answer": 0.77, "followup": 0.83},
    "fresh-205-questions.jsonl": {**OURS, "answer": 0.87},
    # 0.946 / 1.00 / 0.837 / 0.900 (a Glaswegian bus mechanic, a Nigerian teacher's formal English, a
    # new parent typing one-handed) and 0.991 / 0.909 / 0.878 / 0.967 (a Texas oil-field worker, an
    # Italian grandmother, a debate-club teenager's two-part questions) at 1bbd10b
    "fresh-206-questions.jsonl": {"story": 0.94, "abstain": 0.95, "answer": 0.83, "followup": 0.89},
    "fresh-207-questions.jsonl": {**OURS, "abstain": 0.90},
    # 0.929 / 0.909 / 0.827 / 0.867 (a South African electrician, a Filipino nurse in Dubai writing
    # Taglish, a retired civil servant) and 0.982 / 0.955 / 0.878 / 1.00 (a New York deli owner, a
    # Vietnamese student, an uncle asking "who says so?") at b2713d9
    "fresh-208-questions.jsonl": {"story": 0.92, "abstain": 0.90, "answer": 0.82, "followup": 0.86},
    "fresh-209-questions.jsonl": {**OURS, "answer": 0.87},
    # ninth session, both met every target at first sight (tests/data/README.md)
    "fresh-210-questions.jsonl": OURS,
    "fresh-211-questions.jsonl": OURS,
    # fresh-212 met every target at first sight; fresh-213 fell short on answers, 0.854, at ac403d3
    "fresh-212-questions.jsonl": OURS,
    "fresh-213-questions.jsonl": {**OURS, "answer": 0.85},
    # both met every target at first sight, at 3473a9b
    "fresh-214-questions.jsonl": OURS,
    "fresh-215-questions.jsonl": OURS,
    # both met every target at first sight, at a2a6b4e
    "fresh-216-questions.jsonl": OURS,
    "fresh-217-questions.jsonl": OURS,
    # both met every target at first sight, at 4d41adc (fresh-219 once 17 unlabelled stories were
    # filled in: tests/data/README.md); fresh-219's declines, 0.909, are under our stricter 0.95
    "fresh-218-questions.jsonl": OURS,
    "fresh-219-questions.jsonl": {**OURS, "abstain": 0.90},
    # both met every target at first sight, at fc6c1d6 (fresh-221's follow-ups, 0.935, under our 0.95)
    "fresh-220-questions.jsonl": OURS,
    "fresh-221-questions.jsonl": {**OURS, "followup": 0.93},
    # both met every target at first sight, at 20b01a1
    "fresh-222-questions.jsonl": OURS,
    "fresh-223-questions.jsonl": OURS,
    # both met every target at first sight, at 37dc528 (their declines, 0.955, met our 0.95)
    "fresh-224-questions.jsonl": OURS,
    "fresh-225-questions.jsonl": OURS,
    # at 70b261f: fresh-226 (much of it in Sheng) missed story (0.929) and answers (0.785) at first
    # sight, then met every target once Swahili and Sheng words were read; fresh-227 met them all
    # (follow-ups 0.933, under our 0.95)
    "fresh-226-questions.jsonl": OURS,
    "fresh-227-questions.jsonl": {**OURS, "followup": 0.93},
    # both met every target at first sight, at 5d23302
    "fresh-228-questions.jsonl": OURS,
    "fresh-229-questions.jsonl": OURS,
    # at a5ceeeb: fresh-230 fell short on answers (0.839) at first sight; fresh-231 met every target
    "fresh-230-questions.jsonl": {**OURS, "answer": 0.83},
    "fresh-231-questions.jsonl": OURS,
    # both met every target at first sight, at 50e787f (fresh-232's declines, 0.909, under our 0.95)
    "fresh-232-questions.jsonl": {**OURS, "abstain": 0.90},
    "fresh-233-questions.jsonl": OURS,
    # at 79b3f04: fresh-234 met every target at first sight; fresh-235 fell short on answers (0.867)
    "fresh-234-questions.jsonl": OURS,
    "fresh-235-questions.jsonl": {**OURS, "answer": 0.86},
    # at 157213d: fresh-236 (Patois and Roman Urdu among its voices) fell short of every target but
    # declines (story 0.929, answers 0.786, follow-ups 0.900); fresh-237 met every target
    "fresh-236-questions.jsonl": {"story": 0.92, "abstain": 0.95, "answer": 0.78, "followup": 0.90},
    "fresh-237-questions.jsonl": OURS,
    # both met every target at first sight, at e32eaf6 (fresh-239's declines, 0.909, under our 0.95)
    "fresh-238-questions.jsonl": OURS,
    "fresh-239-questions.jsonl": {**OURS, "abstain": 0.90},
    # at 0de8ba4: fresh-240 fell short on answers (0.867); fresh-241 on declines (0.864), answers
    # (0.816) and follow-ups (0.900)
    "fresh-240-questions.jsonl": {**OURS, "answer": 0.86, "followup": 0.93},
    "fresh-241-questions.jsonl": {"story": 0.95, "abstain": 0.86, "answer": 0.81, "followup": 0.90},
    # both met every target at first sight, at a695002 (fresh-243's declines, 0.909, under our 0.95)
    "fresh-242-questions.jsonl": OURS,
    "fresh-243-questions.jsonl": {**OURS, "abstain": 0.90},
    # at 6adc14c: fresh-244 met every target at first sight; fresh-245 (Hinglish, Pidgin, Singlish
    # among its voices) fell short on story (0.938), answers (0.847) and follow-ups (0.867)
    "fresh-244-questions.jsonl": OURS,
    "fresh-245-questions.jsonl": {"story": 0.93, "abstain": 0.95, "answer": 0.84, "followup": 0.86},
    # at 998bffe: fresh-246 (Swahili, Shetland, Bahasa among its voices) fell short on answers
    # (0.839); fresh-247 (Scouse, Trini creole among them) on follow-ups (0.900)
    "fresh-246-questions.jsonl": {**OURS, "answer": 0.83},
    "fresh-247-questions.jsonl": {**OURS, "followup": 0.90},
    # both met every target at first sight, at 0eaed42
    "fresh-248-questions.jsonl": OURS,
    "fresh-249-questions.jsonl": OURS,
    # at 92f8526: fresh-250 met every target at first sight; fresh-251 (Hawaiian Pidgin, West
    # Country slang, clipped questions) fell short on answers (0.812)
    "fresh-250-questions.jsonl": OURS,
    "fresh-251-questions.jsonl": {**OURS, "abstain": 0.90, "answer": 0.81, "followup": 0.93},
    # at 1aff00e: fresh-252 met every target at first sight; fresh-253 (whole sentences of Tagalog,
    # Nigerian Pidgin, Scots) fell short on story (0.920), answers (0.848) and follow-ups (0.800)
    "fresh-252-questions.jsonl": {**OURS, "answer": 0.88},
    "fresh-253-questions.jsonl": {"story": 0.91, "abstain": 0.95, "answer": 0.84, "followup": 0.80},
    # at 5312fe1: fresh-254 (whole sentences of Swahili and Portuguese among its voices) and fresh-255
    # (Hindi-Urdu, Cajun, Hiberno-English) fell short on story, declines, answers and follow-ups
    "fresh-254-questions.jsonl": {"story": 0.92, "abstain": 0.81, "answer": 0.82, "followup": 0.89},
    "fresh-255-questions.jsonl": {"story": 0.91, "abstain": 0.81, "answer": 0.85, "followup": 0.89},
    # at 1f43eb7: fresh-256 (whole sentences of German, Glaswegian, Nigerian Pidgin with Yoruba) and
    # fresh-257 (whole sentences of French, Singlish, Aussie slang) fell short on story and follow-ups
    "fresh-256-questions.jsonl": {"story": 0.87, "abstain": 0.86, "answer": 0.79, "followup": 0.86},
    "fresh-257-questions.jsonl": {"story": 0.91, "abstain": 0.95, "answer": 0.88, "followup": 0.86},
    # at 9ae556f: fresh-258 (whole sentences of Dutch, Ghanaian Pidgin, Cornish) fell short on all
    # four; fresh-259 (whole sentences of Italian, Scouse, Spanglish) on story and answers
    "fresh-258-questions.jsonl": {"story": 0.82, "abstain": 0.90, "answer": 0.74, "followup": 0.83},
    "fresh-259-questions.jsonl": {"story": 0.94, "abstain": 0.95, "answer": 0.84, "followup": 0.93},
    # at b26ec0a: fresh-260 (South African, Cork, Florida, Scottish voices) met every target at first
    # sight; fresh-261 (whole sentences of Polish, Hinglish, Welsh, Taglish) fell short on all but
    # declines
    "fresh-260-questions.jsonl": OURS,
    "fresh-261-questions.jsonl": {"story": 0.76, "abstain": 0.95, "answer": 0.67, "followup": 0.80},
    # at a3de38c: fresh-262 (whole sentences of Spanish, Welsh farmer, Texas teacher, Nigerian Pidgin)
    # and fresh-263 (whole sentences of Brazilian Portuguese and of Indonesian, a Kiwi shearer, an
    # Irish grandmother) fell short on answers, fresh-263 on story too
    "fresh-262-questions.jsonl": {"story": 0.97, "abstain": 0.95, "answer": 0.78, "followup": 0.96},
    "fresh-263-questions.jsonl": {"story": 0.89, "abstain": 0.95, "answer": 0.75, "followup": 0.95},
    # at f3528b5: fresh-264 (whole sentences of Mexican Spanish and of German, an Alabama trucker, a
    # London teenager) and fresh-265 (European Portuguese, Swahili and Tagalog written whole, a
    # Saskatchewan farmer) fell short on story, answers and follow-ups
    "fresh-264-questions.jsonl": {"story": 0.90, "abstain": 0.95, "answer": 0.75, "followup": 0.83},
    "fresh-265-questions.jsonl": {"story": 0.86, "abstain": 0.95, "answer": 0.74, "followup": 0.80},
    # at 971d3b6: fresh-266 (whole sentences of Belgian French, Jamaican Patois, a terse Dutch
    # engineer, Hong Kong English) and fresh-267 (whole sentences of Turkish and of Italian, a Boston
    # nurse, a Glasgow teenager) fell short on story, answers and follow-ups; no Turkish was read
    "fresh-266-questions.jsonl": {"story": 0.91, "abstain": 0.95, "answer": 0.83, "followup": 0.86},
    "fresh-267-questions.jsonl": {"story": 0.74, "abstain": 0.95, "answer": 0.65, "followup": 0.70},
    # at a758788: fresh-268 (a Yorkshire miner, a Toronto teenager, a Sydney accountant, a Lagos
    # lecturer) met every target at first sight; fresh-269 (a New Orleans bartender, a Dublin typist,
    # a Mumbai journalist, whole sentences of Austrian German) fell short on answers and follow-ups
    "fresh-268-questions.jsonl": OURS,
    "fresh-269-questions.jsonl": {"story": 0.93, "abstain": 0.95, "answer": 0.83, "followup": 0.86},
    # at 9911c1c: fresh-270 (a Texas rancher, a Berlin engineer, Cape Town slang, whole sentences of
    # Quebec French) and fresh-271 (Manchester, a formal Chicago retiree, Singlish, whole sentences of
    # Spanish) met every target at first sight
    "fresh-270-questions.jsonl": OURS,
    "fresh-271-questions.jsonl": OURS,
    # at 16252b4: fresh-272 (whole sentences of Polish and of Brazilian Portuguese, a Kiwi surfer, a
    # retired British diplomat) and fresh-273 (a Delhi uncle in Hinglish, whole sentences of Dutch, a
    # Los Angeles influencer, a Welsh farmer) fell short on story and answers
    "fresh-272-questions.jsonl": {"story": 0.92, "abstain": 0.95, "answer": 0.75, "followup": 0.93},
    "fresh-273-questions.jsonl": {"story": 0.93, "abstain": 0.95, "answer": 0.74, "followup": 0.93},
    # at 7387e64: fresh-274 (Nigerian Pidgin, whole sentences of French, a Melbourne retiree, a Seoul
    # engineer) met every target at first sight; fresh-275 (Taglish, whole sentences of Spanish, a
    # Texas teenager, a Cork farmer) fell short on answers
    "fresh-274-questions.jsonl": OURS,
    "fresh-275-questions.jsonl": {"story": 0.97, "abstain": 0.95, "answer": 0.78, "followup": 0.93},
    # at ab8fefb: fresh-276 (Johannesburg slang, whole sentences of German, a Dublin typist, a formal
    # Toronto retiree) and fresh-277 (Sheng, whole sentences of European Portuguese, Scots, Singlish)
    # met the story, decline and follow-up targets and fell short on answers
    "fresh-276-questions.jsonl": {"story": 0.94, "abstain": 0.95, "answer": 0.80, "followup": 0.90},
    "fresh-277-questions.jsonl": {"story": 0.97, "abstain": 0.95, "answer": 0.79, "followup": 0.95},
    # at 4ae1d99 (the sixteenth session's last answerer): fresh-278 (romanised Egyptian Arabic, whole
    # sentences of Italian, Scouse, a terse Vancouver developer) fell short on all but declines (no
    # romanised Arabic is read); fresh-279 (whole sentences of Indonesian, a formal Lagos banker,
    # Atlanta slang, a Krakow engineer) fell short on answers only
    "fresh-278-questions.jsonl": {"story": 0.81, "abstain": 0.95, "answer": 0.69, "followup": 0.63},
    "fresh-279-questions.jsonl": {"story": 0.94, "abstain": 0.95, "answer": 0.81, "followup": 0.93},
    # at d8ee5a7 (the seventeenth session's start): fresh-280 (whole sentences of Turkish, a Yorkshire
    # farmer, an Accra trader, a New York analyst) and fresh-281 (whole sentences of Quebec French, a
    # Stockholm teenager, a formal Mumbai retiree, a Glasgow student) fell short on answers
    "fresh-280-questions.jsonl": {"story": 0.95, "abstain": 0.95, "answer": 0.85, "followup": 0.95},
    "fresh-281-questions.jsonl": {"story": 0.97, "abstain": 0.86, "answer": 0.86, "followup": 0.90},
    # at 58be858: fresh-282 (whole sentences of Romanian, Hong Kong English with Cantonese, a Boston
    # retiree, a formal Nairobi nurse) short on answers; fresh-283 (whole sentences of Vietnamese,
    # none of it read, Jamaican Patois, London slang, a formal Zurich banker) short on all but declines
    "fresh-282-questions.jsonl": {"story": 0.95, "abstain": 0.95, "answer": 0.77, "followup": 0.95},
    "fresh-283-questions.jsonl": {"story": 0.78, "abstain": 0.95, "answer": 0.68, "followup": 0.70},
    # at 3c12ae3 (the seventeenth session's last answerer): fresh-284 (whole sentences of Polish,
    # Nigerian Pidgin, a Sydney tradie, a formal Geneva diplomat) and fresh-285 (whole sentences of
    # Brazilian Portuguese, Hinglish, a Texas rancher, a terse Tokyo engineer) short on answers
    "fresh-284-questions.jsonl": {"story": 0.94, "abstain": 0.95, "answer": 0.75, "followup": 0.90},
    "fresh-285-questions.jsonl": {"story": 0.95, "abstain": 0.90, "answer": 0.78, "followup": 0.93},
    # at 5c30735 (the eighteenth session's starting answerer): fresh-286 (whole sentences of Danish, a
    # Manchester plumber, a formal Chicago lawyer, a Philadelphia teenager; no Danish was read) and
    # fresh-287 (whole sentences of Mexican Spanish, Afrikaans mixed into Cape Town English, a formal
    # Ottawa civil servant, a Belfast taxi driver)
    "fresh-286-questions.jsonl": {"story": 0.81, "abstain": 0.86, "answer": 0.66, "followup": 0.75},
    "fresh-287-questions.jsonl": {"story": 0.95, "abstain": 0.95, "answer": 0.76, "followup": 0.95},
    # at 8303648 (with Danish read): fresh-288 (whole sentences of Norwegian, a Bristol pensioner, a
    # formal Washington policy analyst, a Chicago teenager) and fresh-289 (whole sentences of
    # Peruvian Spanish, te reo Maori words in Auckland English, a formal Edinburgh solicitor, Miami
    # Spanglish)
    "fresh-288-questions.jsonl": {"story": 0.93, "abstain": 0.95, "answer": 0.83, "followup": 0.95},
    "fresh-289-questions.jsonl": {"story": 0.97, "abstain": 0.90, "answer": 0.87, "followup": 0.95},
    # at debd378 (with Norwegian read): fresh-290 (whole sentences of Castilian Spanish, a Leeds
    # student, a formal Singapore civil servant, a Brooklyn teenager) and fresh-291 (whole sentences of
    # German, a Cardiff nurse, a terse Bangalore developer, a chatty Dublin pensioner)
    "fresh-290-questions.jsonl": {"story": 0.98, "abstain": 0.95, "answer": 0.83, "followup": 0.95},
    "fresh-291-questions.jsonl": {"story": 0.95, "abstain": 0.90, "answer": 0.72, "followup": 0.90},
    # at e50a18c: fresh-292 (Polish mixed into English, a Glasgow pensioner, a formal Johannesburg
    # lawyer, a Houston teenager) and fresh-293 (whole sentences of Italian, Nigerian Pidgin, a terse
    # Toronto engineer, a chatty Cork farmer)
    "fresh-292-questions.jsonl": {"story": 0.95, "abstain": 0.95, "answer": 0.87, "followup": 0.93},
    "fresh-293-questions.jsonl": {"story": 0.96, "abstain": 0.77, "answer": 0.75, "followup": 0.93},
    # at c790186 (the start of the next session): fresh-294 (whole sentences of Swedish, a Liverpool
    # taxi driver, a formal Boston teacher, a Sydney teenager) and fresh-295 (whole sentences of
    # Brazilian Portuguese, Sheng in Nairobi English, an Atlanta nurse, a terse Hong Kong banker)
    "fresh-294-questions.jsonl": {"story": 0.89, "abstain": 0.95, "answer": 0.73, "followup": 0.93},
    "fresh-295-questions.jsonl": {"story": 0.97, "abstain": 0.90, "answer": 0.81, "followup": 0.93},
    # at 359947d (Swedish read): fresh-296 (whole sentences of Dutch, a Texas oil worker, Hinglish, a
    # formal London civil servant) and fresh-297 (Quebec French chat, Jamaican Patois, a terse
    # Melbourne sub-editor, a Kansas farmer)
    "fresh-296-questions.jsonl": {"story": 0.88, "abstain": 0.95, "answer": 0.72, "followup": 0.77},
    "fresh-297-questions.jsonl": {"story": 0.95, "abstain": 0.95, "answer": 0.76, "followup": 0.90},
    # at 293b06e (Dutch small words read): fresh-298 (whole sentences of German, a formal Lagos
    # journalist, a Los Angeles teenager, a Welsh farmer) and fresh-299 (Indonesian chat, a Dublin
    # teenager, a formal Toronto accountant, Roman Urdu)
    "fresh-298-questions.jsonl": {"story": 0.96, "abstain": 0.90, "answer": 0.85, "followup": 0.95},
    "fresh-299-questions.jsonl": {"story": 0.88, "abstain": 0.95, "answer": 0.76, "followup": 0.80},
    # at acdaa36: fresh-300 (whole sentences of Turkish, a Highland Scot, a New Orleans musician, a
    # Singapore student) and fresh-301 (Taglish, whole sentences of European Portuguese, a terse
    # Seattle engineer, a Yorkshire farmer)
    "fresh-300-questions.jsonl": {"story": 0.95, "abstain": 0.95, "answer": 0.81, "followup": 0.93},
    "fresh-301-questions.jsonl": {"story": 0.98, "abstain": 0.95, "answer": 0.84, "followup": 0.95},
    # at 19cbc51 (the start of the next session): fresh-302 (whole sentences of Polish, a Glasgow bus
    # driver, a Cape Town teacher, a blunt Chicago electrician) and fresh-303 (whole sentences of
    # Spanish, Nigerian Pidgin, a New Zealand shearer, a wordy Saskatchewan hockey coach)
    "fresh-302-questions.jsonl": {"story": 0.92, "abstain": 0.95, "answer": 0.73, "followup": 0.90},
    "fresh-303-questions.jsonl": {"story": 0.96, "abstain": 0.95, "answer": 0.79, "followup": 0.90},
    # at f3a7bd3 (its first round): fresh-304 (Mexican Spanish, a Cork grandmother, a Brooklyn
    # teenager, Ghanaian Pidgin) and fresh-305 (whole sentences of Italian, a Cardiff nurse, a
    # Newfoundland fisherman, a formal Zurich banker)
    "fresh-304-questions.jsonl": {"story": 0.96, "abstain": 0.95, "answer": 0.83, "followup": 0.90},
    "fresh-305-questions.jsonl": {"story": 0.99, "abstain": 0.90, "answer": 0.88, "followup": 0.95},
    # at 0336c73 (its second round): fresh-306 (whole sentences of French, a Belfast taxi driver, a
    # Florida retiree, a Bangalore tester) and fresh-307 (whole sentences of German, a South London
    # teenager, whole sentences of Swahili, a careful Tokyo student)
    "fresh-306-questions.jsonl": {"story": 0.97, "abstain": 0.86, "answer": 0.81, "followup": 0.93},
    "fresh-307-questions.jsonl": {"story": 0.95, "abstain": 0.95, "answer": 0.75, "followup": 0.93},
    # at 0e939cb (its third round): fresh-308 (a Polish nurse in Dublin, whole sentences of Brazilian
    # Portuguese, a terse London commuter, a 10-year-old in Ohio) and fresh-309 (whole sentences of
    # Romanian, a Texas football coach, whole sentences of Vietnamese, a dry Australian journalist)
    "fresh-308-questions.jsonl": {"story": 0.98, "abstain": 0.95, "answer": 0.75, "followup": 0.93},
    "fresh-309-questions.jsonl": {"story": 0.93, "abstain": 0.90, "answer": 0.62, "followup": 0.93},
    # at 52dde6d (the start of the next session): fresh-310 (whole sentences of Czech, a Manchester
    # plumber, a Johannesburg student, a Philadelphia nurse) and fresh-311 (whole sentences of Finnish,
    # Bengali typed in Latin letters, a formal Oxford professor, a Minnesota farmer)
    "fresh-310-questions.jsonl": {"story": 0.72, "abstain": 0.90, "answer": 0.63, "followup": 0.73},
    "fresh-311-questions.jsonl": {"story": 0.65, "abstain": 0.95, "answer": 0.50, "followup": 0.53},
    # at d8060bb (its first round): fresh-312 (a pedantic Edinburgh law student, a Los Angeles driver
    # dictating by voice, formal Kolkata English, a Nashville musician) and fresh-313 (Australian
    # slang, Trinidadian Creole, a hedging Cambridge student, a chatty Alabama grandmother)
    "fresh-312-questions.jsonl": {"story": 0.94, "abstain": 0.95, "answer": 0.85, "followup": 0.93},
    "fresh-313-questions.jsonl": {"story": 0.93, "abstain": 0.90, "answer": 0.77, "followup": 0.86},
    # at cc956e5 (its second round): fresh-314 (Doric Scots, a Bristol teenager, a terse San Diego
    # Marine, a Filipino nurse in London) and fresh-315 (a Kerry farmer, a New Jersey diner owner,
    # formal English from Dubai, a Gen-Z Denver student)
    "fresh-314-questions.jsonl": {"story": 0.96, "abstain": 0.90, "answer": 0.71, "followup": 0.86},
    "fresh-315-questions.jsonl": {"story": 0.94, "abstain": 0.86, "answer": 0.82, "followup": 0.86},
    # at 7dce0e1 (its end): fresh-316 (a Cornish fisherman, formal Sri Lankan English, a Dutch
    # student's word order, a Baltimore bus driver) and fresh-317 (whole sentences of Maltese, an
    # Oklahoma rancher, a terse Berlin developer, Hinglish from Mumbai)
    "fresh-316-questions.jsonl": {"story": 0.99, "abstain": 0.95, "answer": 0.81, "followup": 0.96},
    "fresh-317-questions.jsonl": {"story": 0.79, "abstain": 0.95, "answer": 0.58, "followup": 0.80},
    # at 9083e73 (the start of the next session): fresh-318 (an Oslo office worker's Norwegian word
    # order, a Geordie bus mechanic, a retired West Virginia coal miner) and fresh-319 (Hawaiian
    # Pidgin from Hilo, a formal Nairobi lawyer, a retired Phoenix schoolteacher)
    "fresh-318-questions.jsonl": {"story": 0.99, "abstain": 0.95, "answer": 0.81, "followup": 0.96},
    "fresh-319-questions.jsonl": {"story": 0.97, "abstain": 0.95, "answer": 0.78, "followup": 0.93},
    # at 5f7ff0f (its first round): fresh-320 (a Ghanaian nurse in Leeds mixing in Twi, a retired
    # Galway priest, a hurried New York paralegal) and fresh-321 (Auckland slang, Jamaican Patwa, a
    # Munich engineer's literal English)
    "fresh-320-questions.jsonl": {"story": 0.99, "abstain": 0.95, "answer": 0.85, "followup": 0.96},
    "fresh-321-questions.jsonl": {"story": 0.94, "abstain": 0.95, "answer": 0.74, "followup": 0.90},
    # at 76a7958 (the start of the session after): fresh-322 (a retired Cape Breton fisherman, a
    # Brummie student, an Icelandic engineer's careful English, a terse Vermont dairy farmer) and
    # fresh-323 (a Bajan taxi driver, a Chennai software tester, a Cajun shrimper, an Essex gamer)
    "fresh-322-questions.jsonl": {"story": 0.94, "abstain": 0.95, "answer": 0.80, "followup": 0.96},
    "fresh-323-questions.jsonl": {"story": 0.98, "abstain": 0.95, "answer": 0.78, "followup": 0.96},
    # at 1038aa3 (that session's first round): fresh-324 (a Malaysian clerk's Manglish, a Harare
    # teacher, an eastern Kentucky grandmother, a Vancouver skater) and fresh-325 (a Lahore cricket
    # fan's Urdu-English, an old Norfolk farmer, a Bronx nurse's Spanglish, a London trader's shorthand)
    "fresh-324-questions.jsonl": {"story": 0.93, "abstain": 0.95, "answer": 0.75, "followup": 0.93},
    "fresh-325-questions.jsonl": {"story": 0.89, "abstain": 0.95, "answer": 0.68, "followup": 0.93},
}


def _metrics(items: list[dict], got: dict) -> tuple[dict[str, float], list[str]]:
    """The scorer's metrics (benchmarks/scoring.py), and the misses spelled out for the message."""
    result = scoring.metrics(items, got)
    questions = {it["id"]: it["question"] for it in items}
    misses = [f"{miss} {questions.get(miss.removesuffix('(answer)'))!r}" for miss in result.pop("misses")]
    return result, misses


def _items(name: str) -> list[dict]:
    return [
        json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()
    ]


@pytest.fixture(scope="module")
def answers() -> dict[str, dict[str, dict]]:
    """Every set's answers, set by set, from one ``ask --jsonl`` run: a process per set would spend
    most of its time starting (about 1.5 s each, for some 260 sets). Ids and conversations are made
    the set's own, so no conversation runs on from one set into another."""
    feed = "".join(
        json.dumps(
            {
                "id": f"{name}::{it['id']}",
                "question": it["question"],
                **({"conversation": f"{name}::{it['conversation']}"} if it.get("conversation") else {}),
            }
        )
        + "\n"
        for name in sorted(FLOORS)
        for it in _items(name)
    )
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--jsonl"],
        cwd=REPO_ROOT,
        input=feed,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert proc.returncode == 0, proc.stderr
    out: dict[str, dict[str, dict]] = {}
    for line in proc.stdout.splitlines():
        record = json.loads(line)
        name, _, own_id = record["id"].partition("::")
        out.setdefault(name, {})[own_id] = record | {"id": own_id}
    return out


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_question_set_meets_its_floor(name: str, answers: dict[str, dict[str, dict]]) -> None:
    goals = FLOORS[name]
    items = _items(name)
    got = answers.get(name, {})
    assert set(got) == {it["id"] for it in items}

    result, misses = _metrics(items, got)
    short = {k: round(v, 3) for k, v in result.items() if v < goals[k]}
    assert not short, f"below the floors {goals}: {short}; misses: {misses}"
