"""Loading story files: every broken file is reported precisely and never stops the good ones."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.loader import LoadResult, Problem, load_stories, parse_story_file, story_files
from bot.core.models import Story


def _only_problem(result: LoadResult, name: str) -> Problem:
    mine = [p for p in result.problems if p.path.name == name]
    assert len(mine) >= 1, result.problems
    return mine[0]


def _good_still_load(result: LoadResult) -> None:
    assert [s.id for s in result.stories] == ["good-story"]


@pytest.fixture
def folder(tmp_path: Path, make_story_file) -> Path:
    """A folder with one good story; each test adds one broken file beside it."""
    make_story_file(tmp_path, filename="a-good.toml", id="good-story")
    return tmp_path


def test_real_briefs_load_without_problems(briefs_dir: Path) -> None:
    result = load_stories(briefs_dir)
    assert result.problems == ()
    assert sorted(s.id for s in result.stories) == [
        "china-export-curbs",
        "france-government",
        "gaza-ceasefire",
        "ukraine-energy-grid",
    ]
    assert {p.name for p in result.files} == {f"{s.id}.toml" for s in result.stories}


def test_factory_story_is_valid(tmp_path: Path, make_story_file) -> None:
    path = make_story_file(tmp_path, id="fresh-one", title="Fresh")
    story = parse_story_file(path)
    assert isinstance(story, Story)
    assert (story.id, story.title, story.updated) == ("fresh-one", "Fresh", dt.date(2025, 1, 2))


def test_toml_syntax_error_names_the_line(folder: Path) -> None:
    (folder / "broken.toml").write_text('id = "broken"\ntitle = "Broken"\ntopic = \nsummary = "x"\n')
    result = load_stories(folder)
    problem = _only_problem(result, "broken.toml")
    assert problem.location == "line 3"
    assert "TOML syntax error" in problem.message
    assert str(problem).startswith("broken.toml: line 3:")
    _good_still_load(result)


def test_unterminated_string_at_end_of_file_names_the_last_line(folder: Path) -> None:
    (folder / "cut.toml").write_text('id = "cut"\ntitle = "Cut off')
    problem = _only_problem(load_stories(folder), "cut.toml")
    assert problem.location == "line 2"


def test_missing_required_field(folder: Path, make_story_file) -> None:
    make_story_file(folder, filename="nosummary.toml", id="no-summary", summary=None)
    result = load_stories(folder)
    problem = _only_problem(result, "nosummary.toml")
    assert problem.location == "summary"
    assert "required" in problem.message
    _good_still_load(result)


@pytest.mark.parametrize(
    ("overrides", "location"),
    [
        ({"summary": 3}, "summary"),
        ({"updates": "not a list"}, "updates"),
        ({"aliases": "one alias"}, "aliases"),
        ({"entities": {"people": 7}}, "entities.people"),
    ],
)
def test_mistyped_field(folder: Path, make_story_file, overrides: dict, location: str) -> None:
    make_story_file(folder, filename="typed.toml", id="typed", **overrides)
    result = load_stories(folder)
    locations = [p.location for p in result.problems if p.path.name == "typed.toml"]
    assert location in locations
    _good_still_load(result)


def test_bad_date_string_names_the_update(folder: Path, make_story_file) -> None:
    updates = [
        {"date": dt.date(2025, 1, 1), "headline": "ok", "text": "Fine."},
        {"date": "next Tuesday", "headline": "bad", "text": "Not a date."},
    ]
    make_story_file(folder, filename="dates.toml", id="dates", updates=updates)
    result = load_stories(folder)
    problem = _only_problem(result, "dates.toml")
    assert problem.location == "updates[1].date"
    assert "date" in problem.message.lower()
    _good_still_load(result)


def test_impossible_date_literal_is_a_syntax_error_with_line(folder: Path) -> None:
    text = (folder / "a-good.toml").read_text().replace("date = 2025-01-02", "date = 2025-13-45", 1)
    (folder / "month13.toml").write_text(text.replace('"good-story"', '"month13"'))
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "2025-13-45" in t)
    problem = _only_problem(load_stories(folder), "month13.toml")
    assert problem.location == f"line {line}"


def test_unknown_field_is_reported_as_a_typo(folder: Path, make_story_file) -> None:
    make_story_file(folder, filename="typo.toml", id="typo", sumary="Oops")
    result = load_stories(folder)
    problem = _only_problem(result, "typo.toml")
    assert problem.location == "sumary"
    assert "typo" in problem.message
    _good_still_load(result)


def test_unknown_field_inside_an_update(folder: Path, make_story_file) -> None:
    updates = [{"date": dt.date(2025, 1, 1), "headline": "h", "text": "t", "txet": "typo"}]
    make_story_file(folder, filename="nested.toml", id="nested", updates=updates)
    assert _only_problem(load_stories(folder), "nested.toml").location == "updates[0].txet"


@pytest.mark.parametrize("bad_id", ["Not A Slug", "UPPER", "trailing-", "under_score", "é-accent"])
def test_bad_id_slug(folder: Path, make_story_file, bad_id: str) -> None:
    make_story_file(folder, filename="slug.toml", id=bad_id)
    result = load_stories(folder)
    problem = _only_problem(result, "slug.toml")
    assert problem.location == "id"
    assert "slug" in problem.message
    _good_still_load(result)


def test_updates_out_of_order(folder: Path, make_story_file) -> None:
    updates = [
        {"date": dt.date(2025, 3, 1), "headline": "later", "text": "Second."},
        {"date": dt.date(2025, 2, 1), "headline": "earlier", "text": "First."},
    ]
    make_story_file(folder, filename="order.toml", id="order", updates=updates)
    result = load_stories(folder)
    problem = _only_problem(result, "order.toml")
    assert "updates" in str(problem)
    assert "oldest first" in problem.message
    _good_still_load(result)


def test_duplicate_id_across_two_files(folder: Path, make_story_file) -> None:
    make_story_file(folder, filename="b-copy.toml", id="good-story", title="Copy")
    result = load_stories(folder)
    problem = _only_problem(result, "b-copy.toml")
    assert problem.location == "id"
    assert "a-good.toml" in problem.message  # names the file that already has the id
    assert [s.title for s in result.stories] == ["Test story about lighthouses"]


def test_non_utf8_file(folder: Path) -> None:
    (folder / "latin1.toml").write_bytes('id = "caf"\ntitle = "Café"\n'.encode("latin-1"))
    result = load_stories(folder)
    problem = _only_problem(result, "latin1.toml")
    assert problem.location == "(file)"
    assert "UTF-8" in problem.message
    _good_still_load(result)


def test_several_broken_files_are_all_reported(folder: Path, make_story_file) -> None:
    make_story_file(folder, filename="one.toml", id="one", title=None)
    make_story_file(folder, filename="two.toml", id="Two!")
    (folder / "three.toml").write_text("[[[")
    result = load_stories(folder)
    assert {p.path.name for p in result.problems} == {"one.toml", "two.toml", "three.toml"}
    _good_still_load(result)


def test_every_error_in_one_file_is_listed(folder: Path, make_story_file) -> None:
    make_story_file(folder, filename="many.toml", id="BAD ID", title=None, summary=5)
    locations = {p.location for p in load_stories(folder).problems if p.path.name == "many.toml"}
    assert {"id", "title", "summary"} <= locations


def test_empty_directory(tmp_path: Path) -> None:
    result = load_stories(tmp_path)
    assert result.stories == ()
    assert result.problems == ()


def test_missing_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = load_stories(missing)
    assert result.stories == ()
    assert len(result.problems) == 1
    assert result.problems[0].path == missing
    assert "does not exist" in result.problems[0].message


def test_drafts_and_other_files_are_ignored(folder: Path, make_story_file) -> None:
    make_story_file(folder, filename="_draft.toml", id="draft")
    make_story_file(folder, filename=".hidden.toml", id="hidden")
    (folder / "notes.txt").write_text("not a story")
    assert [p.name for p in story_files(folder)] == ["a-good.toml"]
    result = load_stories(folder)
    assert result.problems == ()
    _good_still_load(result)


# --- entries named *.toml that are no regular file --------------------------------------------------


def _odd_entries(folder: Path) -> dict[str, str]:
    """Make one entry of each odd kind beside the good story; name -> what its problem must say."""
    (folder / "loop-a.toml").symlink_to(folder / "loop-b.toml")
    (folder / "loop-b.toml").symlink_to(folder / "loop-a.toml")
    (folder / "dangling.toml").symlink_to(folder / "gone.toml")
    (folder / "x.toml").mkdir()
    os.mkfifo(folder / "pipe.toml")
    return {
        "loop-a.toml": "symbolic link loop",
        "loop-b.toml": "symbolic link loop",
        "dangling.toml": "dangling symbolic link",
        "x.toml": "is a directory",
        "pipe.toml": "named pipe",
    }


def test_link_loops_dangling_links_directories_and_pipes_are_named(folder: Path) -> None:
    expected = _odd_entries(folder)
    result = load_stories(folder)  # must neither crash (a loop) nor block (a pipe)
    _good_still_load(result)
    assert sorted(p.path.name for p in result.problems) == sorted(expected)
    for name, words in expected.items():
        problem = _only_problem(result, name)
        assert words in problem.message, problem
        assert str(problem).startswith(f"{name}: (file): ")


def test_a_link_to_a_story_file_still_loads(tmp_path: Path, make_story_file) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = make_story_file(elsewhere, filename="real.toml", id="linked-story")
    folder = tmp_path / "briefs"
    folder.mkdir()
    (folder / "linked.toml").symlink_to(target)
    result = load_stories(folder)
    assert result.problems == ()
    assert [s.id for s in result.stories] == ["linked-story"]


def test_the_running_library_reports_odd_entries_once_and_keeps_the_stories(folder: Path) -> None:
    from bot.core.library import StoryLibrary

    expected = _odd_entries(folder)
    library = StoryLibrary.load(folder)
    assert [s.id for s in library.stories] == ["good-story"]
    assert sorted(p.path.name for p in library.problems) == sorted(expected)
    assert library.reload().problems == ()  # nothing changed since: not reported again
    (folder / "dangling.toml").unlink()
    (folder / "dangling.toml").symlink_to(folder / "still-gone.toml")
    again = library.reload()
    assert [p.path.name for p in again.problems] == ["dangling.toml"]
    assert [s.id for s in library.stories] == ["good-story"]


def test_check_names_a_link_loop_and_fails(repo_root: Path, folder: Path) -> None:
    (folder / "loop.toml").symlink_to(folder / "loop.toml")
    proc = _check(repo_root, folder)
    assert proc.returncode != 0
    assert "loop.toml" in proc.stdout + proc.stderr
    assert "symbolic link loop" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


# --- python -m bot check ---------------------------------------------------------------------------


def _check(repo_root: Path, briefs: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "check", "--briefs", str(briefs)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_passes_on_the_real_briefs(repo_root: Path, briefs_dir: Path) -> None:
    proc = _check(repo_root, briefs_dir)
    assert proc.returncode == 0, proc.stderr
    assert "4 stories" in proc.stdout


def test_check_lists_every_problem_and_fails(repo_root: Path, folder: Path, make_story_file) -> None:
    (folder / "syntax.toml").write_text('id = "s"\ntitle = \n')
    make_story_file(folder, filename="typo.toml", id="typo", headlien="x")
    make_story_file(folder, filename="dup.toml", id="good-story")
    proc = _check(repo_root, folder)
    assert proc.returncode != 0
    assert "syntax.toml: line 2:" in proc.stderr
    assert "typo.toml: headlien:" in proc.stderr
    assert "dup.toml: id:" in proc.stderr
    assert "3 problem(s) found" in proc.stderr


def test_check_fails_on_a_missing_directory(repo_root: Path, tmp_path: Path) -> None:
    proc = _check(repo_root, tmp_path / "absent")
    assert proc.returncode != 0
    assert "does not exist" in proc.stderr
