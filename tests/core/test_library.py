"""The live catalog: reloading edited, broken, added and removed story files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.core.index import StoryIndex
from bot.core.library import StoryLibrary
from bot.core.memory import ConversationMemory

_bump = 0


def _rewrite(path: Path, text: str) -> None:
    """Write ``text`` and move the modification time forward, as a real later edit would."""
    global _bump
    _bump += 10
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + _bump * 1_000_000_000))


@pytest.fixture
def folder(tmp_path: Path, make_story_file) -> Path:
    make_story_file(tmp_path, filename="lighthouse.toml", id="lighthouse")
    make_story_file(
        tmp_path,
        filename="bakery.toml",
        id="bakery",
        title="Bakery prices",
        summary="Bread prices in Crumbton doubled.",
        aliases=["bread prices"],
        keywords=["bread"],
        entities={"places": ["Crumbton"]},
    )
    return tmp_path


def test_load_builds_index_and_answerer(folder: Path) -> None:
    library = StoryLibrary.load(folder)
    assert [s.id for s in library.stories] == ["bakery", "lighthouse"]  # sorted by id
    assert library.problems == ()
    assert library.answerer.ask("Crumbton bread").story.id == "bakery"


def test_a_first_load_indexes_the_words_taken_while_parsing(
    folder: Path, stories_read_again: list[int]
) -> None:
    # Without a cache too: the stories are not read a second time to be tokenised.
    library = StoryLibrary.load(folder)
    assert stories_read_again == []
    assert library.answerer.ask("bread prices in Crumbton?").story.id == "bakery"
    assert library.index.small_state() == StoryIndex(library.stories).small_state()


def test_load_reports_problems_and_keeps_good_files(folder: Path) -> None:
    (folder / "broken.toml").write_text("title = ", encoding="utf-8")
    library = StoryLibrary.load(folder)
    assert [s.id for s in library.stories] == ["bakery", "lighthouse"]
    assert [p.path.name for p in library.problems] == ["broken.toml"]


def test_load_of_a_missing_directory(tmp_path: Path) -> None:
    library = StoryLibrary.load(tmp_path / "gone")
    assert library.stories == ()
    assert len(library.problems) == 1
    assert library.reload().problems[0].message == "does not exist"


def test_reload_with_nothing_changed(folder: Path) -> None:
    library = StoryLibrary.load(folder)
    index = library.index
    report = library.reload()
    assert report.nothing_changed
    assert library.index is index  # no rebuild


def test_broken_edit_keeps_the_last_good_version(folder: Path, caplog) -> None:
    library = StoryLibrary.load(folder)
    path = folder / "bakery.toml"
    good_text = path.read_text()
    _rewrite(path, good_text.replace('title = "Bakery prices"', 'title = "Bakery prices'))
    report = library.reload()
    assert report.changed == ()
    assert [p.path.name for p in report.problems] == ["bakery.toml"]
    assert report.problems[0].location.startswith("line ")
    assert library.problems == report.problems
    assert library.index.get("bakery").title == "Bakery prices"
    assert library.answerer.ask("Crumbton bread").story.id == "bakery"
    assert "keeping the last good version" in caplog.text

    # Fixing the file serves the new version and clears the problem.
    _rewrite(path, good_text.replace("Bakery prices", "Bakery prices soar"))
    report = library.reload()
    assert report.changed == ("bakery.toml",)
    assert report.problems == ()
    assert library.problems == ()
    assert library.index.get("bakery").title == "Bakery prices soar"


def test_invalid_edit_is_also_kept_out(folder: Path, make_story_file) -> None:
    library = StoryLibrary.load(folder)
    make_story_file(folder, filename="bakery.toml", id="bakery", summary=None)
    _rewrite(folder / "bakery.toml", (folder / "bakery.toml").read_text())
    report = library.reload()
    assert [p.location for p in report.problems] == ["summary"]
    assert library.index.get("bakery").summary == "Bread prices in Crumbton doubled."


def test_edit_is_served_after_reload(folder: Path) -> None:
    library = StoryLibrary.load(folder)
    path = folder / "lighthouse.toml"
    _rewrite(path, path.read_text().replace("Keepers walk out", "Keepers return to work"))
    report = library.reload()
    assert report.changed == ("lighthouse.toml",)
    assert library.index.get("lighthouse").latest.headline == "Keepers return to work"


def test_added_and_removed_files(folder: Path, make_story_file) -> None:
    library = StoryLibrary.load(folder)
    make_story_file(
        folder, filename="harbour.toml", id="harbour", title="Harbour dredging", keywords=["dredging"]
    )
    (folder / "bakery.toml").unlink()
    report = library.reload()
    assert report.changed == ("harbour.toml",)
    assert report.removed == ("bakery.toml",)
    assert [s.id for s in library.stories] == ["harbour", "lighthouse"]
    assert library.answerer.ask("Crumbton bread").story is None
    assert library.answerer.ask("harbour dredging").story.id == "harbour"


def test_a_new_file_reusing_an_id_is_refused(folder: Path, make_story_file) -> None:
    library = StoryLibrary.load(folder)
    make_story_file(folder, filename="zz-copy.toml", id="bakery", title="Impostor")
    report = library.reload()
    assert [(p.path.name, p.location) for p in report.problems] == [("zz-copy.toml", "id")]
    assert library.index.get("bakery").title == "Bakery prices"


def test_a_new_broken_file_is_reported_once_fixed_loads(folder: Path, make_story_file) -> None:
    library = StoryLibrary.load(folder)
    path = folder / "new.toml"
    path.write_text("id = 'new'\n[[updates]\n", encoding="utf-8")
    report = library.reload()
    assert [p.path.name for p in report.problems] == ["new.toml"]
    assert library.index.get("new") is None
    make_story_file(folder, filename="new.toml", id="new")
    _rewrite(path, path.read_text())
    assert library.reload().changed == ("new.toml",)
    assert library.index.get("new") is not None


def test_conversation_memory_survives_reload(folder: Path, clock) -> None:
    memory = ConversationMemory(ttl=600, clock=clock)
    library = StoryLibrary.load(folder, memory)
    library.answerer.ask("Crumbton bread", "k")
    path = folder / "lighthouse.toml"
    _rewrite(path, path.read_text().replace("Keepers walk out", "Keepers go home"))
    library.reload()
    assert library.memory is memory
    answer = library.answerer.ask("what happened?", "k")
    assert answer.story is not None and answer.story.id == "bakery"
