"""Reloading checks duplicate ids against a running owner table, not a rebuilt map per file."""

from __future__ import annotations

from pathlib import Path

from bot.core.library import StoryLibrary


def test_library_id_owners_follow_renames_within_one_reload(tmp_path: Path, make_story_file) -> None:
    make_story_file(tmp_path, filename="a.toml", id="first")
    make_story_file(tmp_path, filename="b.toml", id="second")
    library = StoryLibrary.load(tmp_path)
    # a.toml gives up "first" and b.toml takes it, in the same reload: no clash.
    make_story_file(tmp_path, filename="a.toml", id="renamed", title="Renamed story")
    make_story_file(tmp_path, filename="b.toml", id="first", title="Took the id")
    report = library.reload()
    assert report.problems == ()
    assert sorted(s.id for s in library.stories) == ["first", "renamed"]
    # ... and a third file cannot take an id that is still owned.
    make_story_file(tmp_path, filename="c.toml", id="renamed")
    report = library.reload()
    assert [p.location for p in report.problems] == ["id"]
    assert "already used by a.toml" in report.problems[0].message
