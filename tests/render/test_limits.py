"""Fitting payloads inside Discord's limits, and detecting every broken limit."""

from __future__ import annotations

import copy

import pytest

from bot.render import limits
from bot.render.limits import embed_length, fit_embed, fit_message, message_problems


def _row(*items: dict) -> dict:
    return {"type": 1, "components": list(items)}


def _button(n: int, label: str = "ok") -> dict:
    return {"type": 2, "style": 2, "label": label, "custom_id": f"nb:full:s{n}"}


def test_small_payload_is_untouched() -> None:
    payload = {
        "content": "hello",
        "embeds": [{"title": "t", "description": "d", "fields": [{"name": "n", "value": "v"}]}],
        "components": [_row(_button(1))],
        "allowed_mentions": {"parse": []},
    }
    original = copy.deepcopy(payload)
    assert fit_message(payload) == original
    assert payload == original  # the input is not mutated
    assert message_problems(payload) == []


@pytest.mark.parametrize(
    ("payload", "get", "limit"),
    [
        ({"content": "c " * 1500}, lambda p: p["content"], limits.CONTENT),
        ({"embeds": [{"title": "T" * 300}]}, lambda p: p["embeds"][0]["title"], limits.EMBED_TITLE),
        (
            {"embeds": [{"description": "word " * 1000}]},
            lambda p: p["embeds"][0]["description"],
            limits.EMBED_DESCRIPTION,
        ),
        (
            {"embeds": [{"fields": [{"name": "N" * 300, "value": "v"}]}]},
            lambda p: p["embeds"][0]["fields"][0]["name"],
            limits.FIELD_NAME,
        ),
        (
            {"embeds": [{"fields": [{"name": "n", "value": "value " * 300}]}]},
            lambda p: p["embeds"][0]["fields"][0]["value"],
            limits.FIELD_VALUE,
        ),
        (
            {"embeds": [{"footer": {"text": "f" * 3000}}]},
            lambda p: p["embeds"][0]["footer"]["text"],
            limits.FOOTER,
        ),
    ],
)
def test_oversized_parts_are_visibly_truncated(payload: dict, get, limit: int) -> None:
    assert message_problems(payload) != []
    fitted = fit_message(payload)
    assert message_problems(fitted) == []
    assert len(get(fitted)) <= limit
    assert get(fitted).endswith("…")


def test_truncation_prefers_word_boundaries() -> None:
    fitted = fit_message({"content": "alpha beta gamma " * 200})
    assert fitted["content"].endswith("…")
    assert fitted["content"][:-1].split(" ")[-1] in {"alpha", "beta", "gamma"}  # no half word


def test_too_many_fields_says_how_many_are_left_out() -> None:
    payload = {"embeds": [{"fields": [{"name": f"n{i}", "value": "v"} for i in range(30)]}]}
    assert any("fields" in p for p in message_problems(payload))
    fields = fit_message(payload)["embeds"][0]["fields"]
    assert len(fields) == limits.EMBED_FIELDS
    assert fields[-1] == {"name": "…", "value": "and 6 more", "inline": False}
    assert fields[-2]["name"] == "n23"


def test_embed_total_over_6000_is_fitted() -> None:
    embed = {
        "title": "A brief",
        "description": "d " * 2000,
        "fields": [{"name": f"Topic {i}", "value": "word " * 200} for i in range(25)],
        "footer": {"text": "Sources: many"},
    }
    assert embed_length(embed) > limits.EMBEDS_TOTAL
    fitted = fit_message({"embeds": [embed]})
    assert message_problems(fitted) == []
    assert embed_length(fitted["embeds"][0]) <= limits.EMBEDS_TOTAL
    assert "…" in fitted["embeds"][0]["description"] + "".join(
        f["value"] for f in fitted["embeds"][0]["fields"]
    )
    assert fitted["embeds"][0]["title"] == "A brief"


def test_excess_larger_than_the_longest_part_is_still_fitted() -> None:
    # Regression: fitting used to stop once the first (longest) part had been cut to "…".
    embed = {"description": "short", "fields": [{"name": f"f{i}", "value": "x" * 1024} for i in range(25)]}
    fitted = fit_embed(embed)
    assert embed_length(fitted) <= limits.EMBEDS_TOTAL


def test_embed_budget_is_shared_between_embeds() -> None:
    embeds = [{"description": "a " * 2000}, {"description": "b " * 2000}]
    fitted = fit_message({"embeds": embeds})
    assert message_problems(fitted) == []
    assert sum(embed_length(e) for e in fitted["embeds"]) <= limits.EMBEDS_TOTAL


def test_titles_and_footers_of_later_embeds_fit_too() -> None:
    embeds = [
        {"description": "x" * 4096, "fields": [{"name": "a", "value": "y" * 1024}] * 2},
        {"title": "t" * 256, "description": "z" * 4096, "footer": {"text": "f" * 2048}},
    ]
    assert message_problems(fit_message({"embeds": embeds})) == []


def test_at_most_ten_embeds_and_five_rows() -> None:
    payload = {
        "embeds": [{"description": str(i)} for i in range(12)],
        "components": [_row(_button(i)) for i in range(7)],
    }
    problems = message_problems(payload)
    assert any("embeds" in p for p in problems) and any("action rows" in p for p in problems)
    fitted = fit_message(payload)
    assert len(fitted["embeds"]) == limits.EMBEDS_PER_MESSAGE
    assert len(fitted["components"]) == limits.ACTION_ROWS
    assert message_problems(fitted) == []


def test_empty_fields_get_a_placeholder() -> None:
    payload = {"embeds": [{"fields": [{"name": "", "value": ""}]}]}
    assert any("empty" in p for p in message_problems(payload))
    assert message_problems(fit_message(payload)) == []


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({"components": [_row(*[_button(i) for i in range(6)])]}, "6 components"),
        ({"components": [{"type": 1, "components": []}]}, "0 components"),
        ({"components": [_row(_button(1, "L" * 81))]}, "label"),
        ({"components": [_row({"type": 2, "custom_id": "x" * 101})]}, "custom_id"),
        ({"components": [_row({"type": 2, "custom_id": ""})]}, "custom_id"),
        ({"components": [_row({"type": 3, "custom_id": "s"}, _button(1))]}, "mixes a select"),
        (
            {
                "components": [
                    _row({"type": 3, "custom_id": "s", "options": [{"label": "a", "value": "b"}] * 26})
                ]
            },
            "26 options",
        ),
        (
            {
                "components": [
                    _row({"type": 3, "custom_id": "s", "options": [{"label": "a" * 101, "value": "b"}]})
                ]
            },
            "option label",
        ),
    ],
)
def test_message_problems_finds_component_errors(payload: dict, fragment: str) -> None:
    problems = message_problems(payload)
    assert any(fragment in p for p in problems), problems


def test_embed_length_counts_what_discord_counts() -> None:
    embed = {
        "title": "ab",
        "description": "cde",
        "fields": [{"name": "f", "value": "gh"}],
        "footer": {"text": "ijkl"},
        "author": {"name": "m"},
        "color": 123456,
        "url": "https://example.com/not-counted",
    }
    assert embed_length(embed) == 2 + 3 + 1 + 2 + 4 + 1
