"""The labelled-question metrics, as ``../shared/eval/score_questions.py`` defines them.

The shared scorer is the reference; a fresh clone doesn't have it beside it, so the benchmarks and
the accuracy tests use this copy of its definitions (and the catalog benchmark prefers the shared
file when it is there).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

MAX_ANSWER = 400
GOALS = {"story": 0.95, "abstain": 0.90, "answer": 0.85, "followup": 0.90}


def story_ok(item: dict[str, Any], got: dict[str, dict[str, Any]]) -> bool:
    return (got.get(item["id"]) or {}).get("story") == item["expect_story"]


def answer_ok(item: dict[str, Any], got: dict[str, dict[str, Any]]) -> bool:
    answer = ((got.get(item["id"]) or {}).get("answer") or "").lower()
    return (
        story_ok(item, got)
        and len(answer) <= MAX_ANSWER
        and any(k in answer for k in item.get("expect_any") or ())
    )


def metrics(items: Sequence[dict[str, Any]], got: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """story, abstain, answer and followup shares, and the misses, as the shared scorer counts them."""
    on = [it for it in items if it["expect_story"]]
    off = [it for it in items if not it["expect_story"]]
    followups = [it for it in on if it.get("conversation")]
    with_answer = [it for it in items if it.get("expect_any")]
    return {
        "story": sum(story_ok(it, got) for it in on) / len(on) if on else 1.0,
        "abstain": sum(story_ok(it, got) for it in off) / len(off) if off else 1.0,
        "answer": sum(answer_ok(it, got) for it in with_answer) / len(with_answer) if with_answer else 1.0,
        "followup": sum(story_ok(it, got) for it in followups) / len(followups) if followups else 1.0,
        "misses": [it["id"] for it in items if not story_ok(it, got)]
        + [f"{it['id']}(answer)" for it in with_answer if story_ok(it, got) and not answer_ok(it, got)],
    }
