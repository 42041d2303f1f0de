"""Large catalogs keep their stories packed; everything a user sees must stay the same.

The library packs from ``PACK_FROM`` story files on (20,000); here the threshold is lowered so the
real briefs and small test folders take the packed path, and the library's own tests run again on it.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import weakref
from pathlib import Path

import pytest

from bot.core import library as library_module
from bot.core.answering import Answerer
from bot.core.index import StoryIndex
from bot.core.library import StoryLibrary
from bot.core.loader import load_stories
from bot.core.models import PackedStories, Story, pack_story, unpack_story

# The library's own tests, collected again here so they also run with packing on.
from tests.core.test_library import *  # noqa: F403

DEV_QUESTIONS = Path(__file__).resolve().parents[1] / "data" / "dev-questions.jsonl"


@pytest.fixture(autouse=True)
def _always_packed(monkeypatch) -> None:
    monkeypatch.setattr(library_module, "PACK_FROM", 1)


def test_the_library_is_packed(briefs_dir: Path) -> None:
    library = StoryLibrary.load(briefs_dir)
    assert isinstance(library.stories, PackedStories)
    assert [s.id for s in library.stories] == sorted(s.id for s in load_stories(briefs_dir).stories)


def test_a_packed_story_comes_back_equal(briefs_dir: Path, tmp_path: Path, make_story_file) -> None:
    # One story without optional fields: which fields were set must survive too.
    bare = tmp_path / "bare.toml"
    bare.write_text(
        'id = "bare"\ntitle = "Bare"\ntopic = "T"\nsummary = "S"\n'
        '[[updates]]\ndate = 2025-01-02\nheadline = "H"\ntext = "X"\n[[sources]]\npublisher = "P"\n',
        encoding="utf-8",
    )
    stories = [*load_stories(briefs_dir).stories, *load_stories(tmp_path).stories]
    for story in stories:
        again = unpack_story(pack_story(story))
        assert again == story
        assert again.model_fields_set == story.model_fields_set
        assert again.entities.model_fields_set == story.entities.model_fields_set
        assert again.model_dump(exclude_unset=True) == story.model_dump(exclude_unset=True)
        assert type(again.updates[0].date) is dt.date


def test_a_story_held_anywhere_is_the_same_object(briefs_dir: Path) -> None:
    library = StoryLibrary.load(briefs_dir)
    held = library.index.get("gaza-ceasefire")
    for _ in range(300):  # more reads than the recent-stories cache holds
        for story in library.stories:
            assert story is not None
    assert library.index.get("gaza-ceasefire") is held
    assert library.index.lookup("Gaza ceasefire") is held
    assert library.answerer.ask("gaza ceasefire hostages").story is held


def test_unheld_stories_are_let_go(briefs_dir: Path) -> None:
    stories = load_stories(briefs_dir).stories
    packs = PackedStories([pack_story(s) for s in stories], recent=1)
    first = weakref.ref(packs[0])
    assert first() is packs[0]
    packs[1]  # pushes story 0 out of the one-story recent cache
    gc.collect()
    assert first() is None  # nothing inside keeps an unheld story alive
    assert packs[0] == stories[0]


def test_packed_sequence_behaves_like_a_tuple(briefs_dir: Path) -> None:
    stories = tuple(sorted(load_stories(briefs_dir).stories, key=lambda s: s.id))
    packs = PackedStories.of(stories)
    assert len(packs) == len(stories)
    assert list(packs) == list(stories)
    assert packs[-1] == stories[-1]
    assert packs[1:3] == stories[1:3]
    assert packs.index(stories[2]) == 2
    assert stories[0] in packs
    with pytest.raises(IndexError):
        packs[len(stories)]


def test_packed_index_answers_exactly_like_the_plain_one(briefs_dir: Path) -> None:
    if not DEV_QUESTIONS.exists():
        pytest.skip("no shared dev questions here")
    stories = sorted(load_stories(briefs_dir).stories, key=lambda s: s.id)
    plain = Answerer(StoryIndex(stories))
    packed = Answerer(StoryIndex(PackedStories.of(stories)))
    assert isinstance(packed.index.stories, PackedStories)
    items = [json.loads(line) for line in DEV_QUESTIONS.read_text(encoding="utf-8").splitlines() if line]
    for item in items:
        conversation = json.dumps(item.get("conversation"))
        a, b = plain.ask(item["question"], conversation), packed.ask(item["question"], conversation)
        assert (a.story and a.story.id, a.score, a.text, a.date, a.followup) == (
            b.story and b.story.id,
            b.score,
            b.text,
            b.date,
            b.followup,
        ), item["question"]
        assert [s.id for s in a.suggestions] == [s.id for s in b.suggestions]


def test_switching_between_packed_and_plain_on_reload(folder: Path, make_story_file, monkeypatch) -> None:
    library = StoryLibrary.load(folder)
    assert isinstance(library.stories, PackedStories)
    monkeypatch.setattr(library_module, "PACK_FROM", 10)
    make_story_file(folder, filename="harbour.toml", id="harbour")
    library.reload()
    assert isinstance(library.stories, tuple)
    assert all(isinstance(s, Story) for s in library.stories)
    assert [s.id for s in library.stories] == ["bakery", "harbour", "lighthouse"]
    monkeypatch.setattr(library_module, "PACK_FROM", 1)
    (folder / "harbour.toml").unlink()
    library.reload()
    assert isinstance(library.stories, PackedStories)
    assert [s.id for s in library.stories] == ["bakery", "lighthouse"]


def test_packed_ids_must_match_their_stories(briefs_dir: Path) -> None:
    stories = sorted(load_stories(briefs_dir).stories, key=lambda s: s.id)
    records = [pack_story(s) for s in stories]
    with pytest.raises(ValueError, match="one id per record"):
        PackedStories(records, ids=["only-one"])
    wrong = [s.id for s in stories][::-1]
    with pytest.raises(ValueError, match="packed story 0"):
        StoryIndex(PackedStories(records, ids=wrong))
    index = StoryIndex(PackedStories(records, ids=[s.id for s in stories]))
    assert [index.get(s.id) for s in stories] == stories


def test_a_packed_record_is_smaller_without_field_names_and_a_cut_one_is_refused(briefs_dir: Path) -> None:
    import pickle

    import lz4.block

    from bot.core.models import plain_story
    from bot.core.packing import BrokenRecord

    for story in load_stories(briefs_dir).stories:
        record = pack_story(story)
        assert unpack_story(record) == story
        plain = lz4.block.compress(pickle.dumps(plain_story(story), protocol=pickle.HIGHEST_PROTOCOL))
        assert len(record) < len(plain)  # the field names come from the preset dictionary
        with pytest.raises(BrokenRecord):
            unpack_story(record[:-3])
