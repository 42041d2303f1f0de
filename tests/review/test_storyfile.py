"""Story files written by the review: appended in place, atomic, hand edits never lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.loader import parse_story_file
from bot.core.models import Story
from bot.review.storyfile import NewSource, NewUpdate, StoryFileError, append_update, write_new_story
from tests.review.conftest import inserted_block

ADDED = dt.datetime(2025, 10, 12, 12, 5, tzinfo=dt.UTC)
UPDATE = NewUpdate(
    date=dt.date(2025, 10, 11),
    headline='Beijing adds gallium to its licence list "for now"',
    text="The Harbour Post reported: “Exporters need a licence.”",
    added=ADDED,
    sources=(NewSource("The Harbour Post", "https://harbour.example/a", ADDED - dt.timedelta(hours=3)),),
)


def test_an_update_is_appended_and_the_rest_is_byte_for_byte_unchanged(briefs: Path) -> None:
    path = briefs / "china-export-curbs.toml"
    before = path.read_text(encoding="utf-8")
    story = append_update(path, UPDATE)
    block = inserted_block(before, path.read_text(encoding="utf-8"), "[[updates]]\ndate = 2025-10-11\n")
    assert 'sources = [{publisher = "The Harbour Post", url = "https://harbour.example/a"' in block
    assert story.latest.headline == UPDATE.headline and story.latest.added == ADDED
    assert story.latest.sources[0].url == "https://harbour.example/a"
    assert "The Harbour Post" in story.credit  # credited through the update's sources
    assert sorted(p.name for p in briefs.iterdir() if p.name.startswith(".")) == []  # no temp left


def test_a_hand_edit_racing_the_write_is_kept_and_the_update_reapplied(briefs: Path) -> None:
    path = briefs / "china-export-curbs.toml"
    edited = path.read_text(encoding="utf-8").replace("# Story record.", "# Story record (edited).")

    def hand_edit() -> None:
        path.write_text(edited, encoding="utf-8")

    append_update(path, UPDATE, before_replace=hand_edit)
    text = path.read_text(encoding="utf-8")
    assert "# Story record (edited)." in text and UPDATE.headline.replace('"', '\\"') in text
    story = parse_story_file(path)
    assert isinstance(story, Story) and story.latest.added == ADDED


def test_a_broken_hand_edit_is_refused_not_overwritten(briefs: Path) -> None:
    path = briefs / "china-export-curbs.toml"
    broken = path.read_text(encoding="utf-8") + "\nsumary = 'typo'\n"

    def hand_edit() -> None:
        path.write_text(broken, encoding="utf-8")

    with pytest.raises(StoryFileError, match="would not be a valid story"):
        append_update(path, UPDATE, before_replace=hand_edit)
    assert path.read_text(encoding="utf-8") == broken


def test_an_update_older_than_the_latest_is_refused(briefs: Path) -> None:
    path = briefs / "china-export-curbs.toml"
    before = path.read_bytes()
    old = NewUpdate(dt.date(2020, 1, 1), "Old news", "Old text.", ADDED, ())
    with pytest.raises(StoryFileError, match="oldest first"):
        append_update(path, old)
    assert path.read_bytes() == before


def test_a_new_story_never_replaces_an_existing_one(briefs: Path) -> None:
    record = {
        "id": "china-export-curbs",
        "title": "T",
        "topic": "Trade",
        "summary": "S",
        "updates": [UPDATE.table()],
        "sources": [{"publisher": "P"}],
    }
    with pytest.raises(StoryFileError, match="already exists"):
        write_new_story(briefs, record)
    record["id"] = "Not A Slug"
    with pytest.raises(StoryFileError, match="slug"):
        write_new_story(briefs, record)
    record["id"] = "gallium-licences"
    path = write_new_story(briefs, record, ("made by a test",))
    assert path.read_text(encoding="utf-8").startswith("# made by a test\n")
    assert isinstance(parse_story_file(path), Story)
